/* Shared between ofp-msgs.c (header, message table, non-multipart bodies,
 * ports) and ofp-stats.c (multipart bodies, GROUP_MOD, METER_MOD).  Not for
 * use outside ofproto/. */
#ifndef OFPROTO_OFP_MSGS_PRIVATE_H
#define OFPROTO_OFP_MSGS_PRIVATE_H 1

#include "ofproto/ofp-msgs.h"

struct ds;

/* Wire message types (the header's 'type' field). */
enum ofp10_type {
    OFPT10_HELLO = 0, OFPT10_ERROR = 1, OFPT10_ECHO_REQUEST = 2,
    OFPT10_ECHO_REPLY = 3, OFPT10_VENDOR = 4, OFPT10_FEATURES_REQUEST = 5,
    OFPT10_FEATURES_REPLY = 6, OFPT10_GET_CONFIG_REQUEST = 7,
    OFPT10_GET_CONFIG_REPLY = 8, OFPT10_SET_CONFIG = 9,
    OFPT10_PACKET_IN = 10, OFPT10_FLOW_REMOVED = 11,
    OFPT10_PORT_STATUS = 12, OFPT10_PACKET_OUT = 13, OFPT10_FLOW_MOD = 14,
    OFPT10_PORT_MOD = 15, OFPT10_STATS_REQUEST = 16,
    OFPT10_STATS_REPLY = 17, OFPT10_BARRIER_REQUEST = 18,
    OFPT10_BARRIER_REPLY = 19, OFPT10_QUEUE_GET_CONFIG_REQUEST = 20,
    OFPT10_QUEUE_GET_CONFIG_REPLY = 21,
};
enum ofp13_type {
    OFPT13_HELLO = 0, OFPT13_ERROR = 1, OFPT13_ECHO_REQUEST = 2,
    OFPT13_ECHO_REPLY = 3, OFPT13_EXPERIMENTER = 4,
    OFPT13_FEATURES_REQUEST = 5, OFPT13_FEATURES_REPLY = 6,
    OFPT13_GET_CONFIG_REQUEST = 7, OFPT13_GET_CONFIG_REPLY = 8,
    OFPT13_SET_CONFIG = 9, OFPT13_PACKET_IN = 10,
    OFPT13_FLOW_REMOVED = 11, OFPT13_PORT_STATUS = 12,
    OFPT13_PACKET_OUT = 13, OFPT13_FLOW_MOD = 14, OFPT13_GROUP_MOD = 15,
    OFPT13_PORT_MOD = 16, OFPT13_TABLE_MOD = 17,
    OFPT13_MULTIPART_REQUEST = 18, OFPT13_MULTIPART_REPLY = 19,
    OFPT13_BARRIER_REQUEST = 20, OFPT13_BARRIER_REPLY = 21,
    OFPT13_QUEUE_GET_CONFIG_REQUEST = 22, OFPT13_QUEUE_GET_CONFIG_REPLY = 23,
    OFPT13_ROLE_REQUEST = 24, OFPT13_ROLE_REPLY = 25,
    OFPT13_GET_ASYNC_REQUEST = 26, OFPT13_GET_ASYNC_REPLY = 27,
    OFPT13_SET_ASYNC = 28, OFPT13_METER_MOD = 29,
};

/* Multipart (1.0: stats) types. */
enum ofp_mp_type {
    OFPMP_DESC = 0, OFPMP_FLOW = 1, OFPMP_AGGREGATE = 2, OFPMP_TABLE = 3,
    OFPMP_PORT_STATS = 4, OFPMP_QUEUE = 5, OFPMP_GROUP = 6,
    OFPMP_GROUP_DESC = 7, OFPMP_GROUP_FEATURES = 8, OFPMP_METER = 9,
    OFPMP_METER_CONFIG = 10, OFPMP_METER_FEATURES = 11,
    OFPMP_TABLE_FEATURES = 12, OFPMP_PORT_DESC = 13,
    OFPMP_EXPERIMENTER = 0xffff,
};

/* The common header. */
struct ofp_header_wire {
    uint8_t version;
    uint8_t type;
    ofp_be16 length;
    ofp_be32 xid;
};
_Static_assert(sizeof(struct ofp_header_wire) == 8, "ofp_header");

/* Bytes of arena a message of 'len' bytes can need at most.  Every decoded
 * element is at most this many times larger than its smallest wire form
 * (the worst is a 1.3 flow-stats entry: 56 wire bytes -> one struct
 * ofp_flow_stats), plus slack for fixed arrays. */
#define OFP_ARENA_BOUND(LEN) (16 * (size_t) (LEN) + 4096)

/* Ports (ofp-msgs.c): 1.0 ofp_phy_port is 48 bytes, 1.3 ofp_port 64. */
#define OFP10_PORT_LEN 48
#define OFP13_PORT_LEN 64
enum ofperr ofp_port_decode(uint8_t version, struct ofp_cursor *,
                            struct ofp_port *);
enum ofperr ofp_port_encode(uint8_t version, const struct ofp_port *,
                            struct ofpbuf *);
void ofp_port_desc_format(const struct ofp_port *, struct ds *);

/* Fixed-size wire strings (ofp-msgs.c): port names, DESC strings, table
 * names.  'n' is the size of the wire field. */
void ofp_str_from_wire(char *dst, const uint8_t *src, size_t n);
void ofp_str_to_wire(uint8_t *dst, const char *src, size_t n);

/* Multipart bodies (ofp-stats.c).  The multipart header (type, flags, and
 * in 1.3 its 4 pad bytes) is handled by ofp-msgs.c. */

/* Maps a wire multipart type to the internal message type.  Returns 0 or
 * OFPERR_OFPBRC_BAD_MULTIPART (unknown, or not in 'version'). */
enum ofperr ofp_stats_type_from_wire(uint8_t version, bool reply,
                                     uint16_t mp_type,
                                     enum ofp_msg_type *type);
/* Maps an internal multipart message type to its wire multipart type for
 * 'version'.  Returns 0 or OFPERR_OFPBRC_BAD_MULTIPART. */
enum ofperr ofp_stats_type_to_wire(enum ofp_msg_type, uint8_t version,
                                   uint16_t *mp_type);
/* Decodes the body after the multipart header into msg->u.  'msg->type' and
 * 'msg->version' are already set. */
enum ofperr ofp_stats_decode_body(struct ofp_msg *, struct ofp_cursor *,
                                  struct ofp_arena *);
/* Appends the body after the multipart header. */
enum ofperr ofp_stats_encode_body(const struct ofp_msg *, uint8_t version,
                                  struct ofpbuf *);
/* Appends the part of the printed message after "TYPE (OF1.x) xid=...:". */
void ofp_stats_format_body(const struct ofp_msg *, struct ds *);

/* GROUP_MOD and METER_MOD bodies (ofp-stats.c), after the 8-byte header.
 * 1.3 only: ofp-msgs.c refuses them for 1.0 before calling. */
enum ofperr ofp_group_mod_decode(struct ofp_msg *, struct ofp_cursor *,
                                 struct ofp_arena *);
enum ofperr ofp_group_mod_encode(const struct ofp_msg *, struct ofpbuf *);
enum ofperr ofp_meter_mod_decode(struct ofp_msg *, struct ofp_cursor *,
                                 struct ofp_arena *);
enum ofperr ofp_meter_mod_encode(const struct ofp_msg *, struct ofpbuf *);
void ofp_group_mod_format(const struct ofp_group_mod *, struct ds *);
void ofp_meter_mod_format(const struct ofp_meter_mod *, struct ds *);

#endif /* ofproto/ofp-msgs-private.h */
