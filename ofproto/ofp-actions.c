#include <config.h>

#include "ofproto/ofp-actions.h"
