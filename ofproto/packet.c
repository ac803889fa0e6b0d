#include <config.h>

#include "ofproto/packet.h"
