#include <config.h>

#include "ofproto/ofp-match.h"
