/* Unit tests: placeholder until this suite is written. */
#include <config.h>

#include "tests/unit/unit.h"

void
test_print_register(void)
{
}
