#include <config.h>

#include "ofproto/ofp-msgs.h"
