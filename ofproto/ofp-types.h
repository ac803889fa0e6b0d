/* Version-independent OpenFlow constants shared by every ofproto module.
 *
 * Port numbers are kept in the 32-bit OpenFlow 1.3 space everywhere inside
 * Canopy; the OpenFlow 1.0 codec converts its 16-bit numbers at the edge
 * (0xff00..0xffff map to 0xffffff00..0xffffffff). */
#ifndef OFPROTO_OFP_TYPES_H
#define OFPROTO_OFP_TYPES_H 1

#include <stdint.h>

enum ofp_version {
    OFP10_VERSION = 0x01,
    OFP13_VERSION = 0x04,
};

#define OFP_HEADER_LEN 8
#define OFP_MAX_MSG_LEN 65535
#define OFP_ETH_ALEN 6
#define OFP_MAX_PORT_NAME_LEN 16
#define OFP_MAX_TABLE_NAME_LEN 32
#define OFP_DESC_STR_LEN 256
#define OFP_SERIAL_NUM_LEN 32

/* Reserved ports, 32-bit space. */
#define OFPP_MAX        0xffffff00u
#define OFPP_IN_PORT    0xfffffff8u
#define OFPP_TABLE      0xfffffff9u
#define OFPP_NORMAL     0xfffffffau
#define OFPP_FLOOD      0xfffffffbu
#define OFPP_ALL        0xfffffffcu
#define OFPP_CONTROLLER 0xfffffffdu
#define OFPP_LOCAL      0xfffffffeu
#define OFPP_ANY        0xffffffffu /* OFPP_NONE in OpenFlow 1.0. */

/* OpenFlow 1.0 16-bit reserved ports. */
#define OFPP10_MAX  0xff00u
#define OFPP10_NONE 0xffffu

/* Converts a 1.0 port number to the internal 32-bit space and back.  A
 * 32-bit port with no 1.0 encoding (above 0xff00 but not reserved) converts
 * to OFPP10_NONE; encoders check with ofp_port_to_of10_ok() first. */
static inline uint32_t
ofp_port_from_of10(uint16_t port)
{
    return port >= OFPP10_MAX ? port + 0xffff0000u : port;
}

static inline int
ofp_port_to_of10_ok(uint32_t port)
{
    return port < OFPP10_MAX || port >= 0xffffff00u;
}

static inline uint16_t
ofp_port_to_of10(uint32_t port)
{
    return port < OFPP10_MAX ? (uint16_t) port
           : port >= 0xffffff00u ? (uint16_t) (port - 0xffff0000u)
           : OFPP10_NONE;
}

/* Table numbers. */
#define OFPTT_MAX 0xfe
#define OFPTT_ALL 0xff

/* Buffer id meaning "no buffer". */
#define OFP_NO_BUFFER 0xffffffffu

/* Controller max_len meaning "send the whole packet". */
#define OFPCML_MAX       0xffe5
#define OFPCML_NO_BUFFER 0xffff

/* Groups. */
#define OFPG_MAX 0xffffff00u
#define OFPG_ALL 0xfffffffcu
#define OFPG_ANY 0xffffffffu

/* Meters. */
#define OFPM_MAX        0xffff0000u
#define OFPM_SLOWPATH   0xfffffffdu
#define OFPM_CONTROLLER 0xfffffffeu
#define OFPM_ALL        0xffffffffu

/* VLAN id bits in the 1.3 OXM VLAN_VID field. */
#define OFPVID_PRESENT 0x1000
#define OFPVID_NONE    0x0000
/* OpenFlow 1.0 dl_vlan meaning "no VLAN tag". */
#define OFP10_VLAN_NONE 0xffff

#endif /* ofproto/ofp-types.h */
