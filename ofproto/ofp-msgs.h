/* OpenFlow messages: decode bytes into version-independent host-order
 * structs, encode them back for a chosen version (1.0 or 1.3).
 *
 * Ownership.  ofp_decode() does not allocate per field.  Variable-length
 * results (port arrays, action lists, stats entries, buckets, bands) are
 * carved from the caller's 'struct ofp_arena'; payloads (packet data, echo
 * data, error data, experimenter bodies) point into the received bytes.  A
 * decoded message is therefore valid only while both the received bytes and
 * the arena (until its next reset) are.  Nothing in 'struct ofp_msg' is ever
 * freed by the caller.
 *
 * Encoders read the struct and append one complete message to an ofpbuf.
 * They never take ownership of anything in the struct. */
#ifndef OFPROTO_OFP_MSGS_H
#define OFPROTO_OFP_MSGS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp-actions.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-errors.h"
#include "ofproto/ofp-match.h"
#include "ofproto/ofp-types.h"

struct ds;

enum ofp_msg_type {
    OFPMSG_HELLO,
    OFPMSG_ERROR,
    OFPMSG_ECHO_REQUEST,
    OFPMSG_ECHO_REPLY,
    OFPMSG_EXPERIMENTER,        /* 1.0: VENDOR */
    OFPMSG_FEATURES_REQUEST,
    OFPMSG_FEATURES_REPLY,
    OFPMSG_GET_CONFIG_REQUEST,
    OFPMSG_GET_CONFIG_REPLY,
    OFPMSG_SET_CONFIG,
    OFPMSG_PACKET_IN,
    OFPMSG_FLOW_REMOVED,
    OFPMSG_PORT_STATUS,
    OFPMSG_PACKET_OUT,
    OFPMSG_FLOW_MOD,
    OFPMSG_GROUP_MOD,           /* 1.3 */
    OFPMSG_PORT_MOD,
    OFPMSG_METER_MOD,           /* 1.3 */
    OFPMSG_BARRIER_REQUEST,
    OFPMSG_BARRIER_REPLY,
    OFPMSG_ROLE_REQUEST,        /* 1.3 */
    OFPMSG_ROLE_REPLY,          /* 1.3 */
    /* Multipart (1.0: stats) requests and replies. */
    OFPMSG_DESC_REQUEST,
    OFPMSG_DESC_REPLY,
    OFPMSG_FLOW_STATS_REQUEST,
    OFPMSG_FLOW_STATS_REPLY,
    OFPMSG_AGGREGATE_REQUEST,
    OFPMSG_AGGREGATE_REPLY,
    OFPMSG_TABLE_STATS_REQUEST,
    OFPMSG_TABLE_STATS_REPLY,
    OFPMSG_PORT_STATS_REQUEST,
    OFPMSG_PORT_STATS_REPLY,
    OFPMSG_PORT_DESC_REQUEST,   /* 1.3 */
    OFPMSG_PORT_DESC_REPLY,     /* 1.3 */
    OFPMSG_GROUP_STATS_REQUEST, /* 1.3 */
    OFPMSG_GROUP_STATS_REPLY,
    OFPMSG_GROUP_DESC_REQUEST,  /* 1.3 */
    OFPMSG_GROUP_DESC_REPLY,
    OFPMSG_GROUP_FEATURES_REQUEST, /* 1.3 */
    OFPMSG_GROUP_FEATURES_REPLY,
    OFPMSG_METER_STATS_REQUEST, /* 1.3 */
    OFPMSG_METER_STATS_REPLY,
    OFPMSG_METER_CONFIG_REQUEST, /* 1.3 */
    OFPMSG_METER_CONFIG_REPLY,
    OFPMSG_METER_FEATURES_REQUEST, /* 1.3 */
    OFPMSG_METER_FEATURES_REPLY,
    OFPMSG_N_TYPES
};

/* Returns "FLOW_MOD" and the like; "UNKNOWN" when out of range. */
const char *ofp_msg_type_name(enum ofp_msg_type);
/* True for the multipart (1.0: stats) request and reply types. */
bool ofp_msg_type_is_multipart(enum ofp_msg_type);

/* ---- Message bodies. --------------------------------------------------- */

/* HELLO.  'version_bitmap' bit N set means version N is supported; decoding
 * a HELLO without a bitmap element sets only the header's version bit and
 * leaves 'has_bitmap' false.  Encoding with 'has_bitmap' adds the element
 * (valid for 1.3 only; 1.0 HELLOs carry nothing). */
struct ofp_hello {
    bool has_bitmap;
    uint32_t version_bitmap;
};

/* ERROR.  'err' is the standard error matching (type, code) for the
 * message's version, or 0 if there is none (an experimenter error or a code
 * we do not know); 'type' and 'code' are always the raw wire values.  'data'
 * (not owned) is usually the start of the offending request; for
 * OFPET_HELLO_FAILED it is text.  To encode, set 'err' (type and code are
 * then derived for the target version) or leave it 0 and set type/code. */
struct ofp_error_msg {
    enum ofperr err;
    uint16_t type;
    uint16_t code;
    uint16_t exp_type;     /* OFPET_EXPERIMENTER only (1.3). */
    uint32_t experimenter; /* OFPET_EXPERIMENTER only (1.3). */
    const uint8_t *data;
    size_t data_len;
};

/* ECHO_REQUEST / ECHO_REPLY: arbitrary payload, not owned. */
struct ofp_echo {
    const uint8_t *data;
    size_t len;
};

/* EXPERIMENTER (1.3) / VENDOR (1.0).  1.0 has no exp_type: it decodes as 0
 * and must be 0 to encode for 1.0.  'data' is the body after the ids. */
struct ofp_experimenter_msg {
    uint32_t experimenter;
    uint32_t exp_type;
    const uint8_t *data;
    size_t len;
};

/* Port config bits (same positions in 1.0 and 1.3; the 1.0-only ones are
 * kept for 1.0 switches). */
#define OFPPC_PORT_DOWN    (1u << 0)
#define OFPPC_NO_STP       (1u << 1) /* 1.0 only */
#define OFPPC_NO_RECV      (1u << 2)
#define OFPPC_NO_RECV_STP  (1u << 3) /* 1.0 only */
#define OFPPC_NO_FLOOD     (1u << 4) /* 1.0 only */
#define OFPPC_NO_FWD       (1u << 5)
#define OFPPC_NO_PACKET_IN (1u << 6)

/* Port state bits, OpenFlow 1.3 meaning.  The 1.0 codec maps LINK_DOWN as is
 * and its STP_BLOCK state to OFPPS_BLOCKED; the 1.0 STP state is also kept
 * in 'stp_state' of struct ofp_port. */
#define OFPPS_LINK_DOWN (1u << 0)
#define OFPPS_BLOCKED   (1u << 1)
#define OFPPS_LIVE      (1u << 2)

/* Port feature bits, OpenFlow 1.3 positions (the 1.0 codec converts:
 * 1.0 has no 40G/100G/1T/OTHER, and COPPER..PAUSE_ASYM sit 4 bits lower). */
#define OFPPF_10MB_HD    (1u << 0)
#define OFPPF_10MB_FD    (1u << 1)
#define OFPPF_100MB_HD   (1u << 2)
#define OFPPF_100MB_FD   (1u << 3)
#define OFPPF_1GB_HD     (1u << 4)
#define OFPPF_1GB_FD     (1u << 5)
#define OFPPF_10GB_FD    (1u << 6)
#define OFPPF_40GB_FD    (1u << 7)
#define OFPPF_100GB_FD   (1u << 8)
#define OFPPF_1TB_FD     (1u << 9)
#define OFPPF_OTHER      (1u << 10)
#define OFPPF_COPPER     (1u << 11)
#define OFPPF_FIBER      (1u << 12)
#define OFPPF_AUTONEG    (1u << 13)
#define OFPPF_PAUSE      (1u << 14)
#define OFPPF_PAUSE_ASYM (1u << 15)

/* A switch port (1.0 ofp_phy_port, 1.3 ofp_port). */
struct ofp_port {
    uint32_t port_no;                      /* 32-bit space. */
    uint8_t hw_addr[6];
    char name[OFP_MAX_PORT_NAME_LEN + 1];  /* Always NUL-terminated. */
    uint32_t config;                       /* OFPPC_* */
    uint32_t state;                        /* OFPPS_* */
    uint8_t stp_state;                     /* 1.0 only: 0 listen, 1 learn,
                                            * 2 forward, 3 block. */
    uint32_t curr, advertised, supported, peer; /* OFPPF_* */
    uint32_t curr_speed, max_speed;        /* kbps; 1.3 only. */
};

/* FEATURES_REPLY.  'capabilities' and 'actions' are the raw wire bits of the
 * message's version ('actions' exists in 1.0 only).  'ports' (1.0 only; 1.3
 * uses PORT_DESC) lives in the arena. */
struct ofp_switch_features {
    uint64_t datapath_id;
    uint32_t n_buffers;
    uint8_t n_tables;
    uint8_t auxiliary_id;                  /* 1.3 only. */
    uint32_t capabilities;
    uint32_t actions;                      /* 1.0 only. */
    const struct ofp_port *ports;
    size_t n_ports;
};

/* GET_CONFIG_REPLY / SET_CONFIG. */
#define OFPC_FRAG_NORMAL 0
#define OFPC_FRAG_DROP   1
#define OFPC_FRAG_REASM  2
#define OFPC_FRAG_MASK   3
struct ofp_switch_config {
    uint16_t flags;
    uint16_t miss_send_len;
};

/* PACKET_IN.  'in_port' is filled from the 1.0 field or from the 1.3
 * match's OXM in_port (0 if the match has none), and put back into the
 * match when encoding 1.3 if the match lacks it and it is not 0.
 * 'table_id' and 'cookie' exist in 1.3 only. */
#define OFPR_NO_MATCH    0
#define OFPR_ACTION      1
#define OFPR_INVALID_TTL 2 /* 1.3 */
struct ofp_packet_in {
    uint32_t buffer_id;
    uint16_t total_len;
    uint8_t reason;
    uint8_t table_id;
    uint64_t cookie;
    uint32_t in_port;
    struct ofp_match match;                /* 1.3; 1.0: empty. */
    const uint8_t *data;                   /* Frame; not owned. */
    size_t data_len;
};

/* FLOW_REMOVED. */
#define OFPRR_IDLE_TIMEOUT 0
#define OFPRR_HARD_TIMEOUT 1
#define OFPRR_DELETE       2
#define OFPRR_GROUP_DELETE 3 /* 1.3 */
struct ofp_flow_removed {
    uint64_t cookie;
    uint16_t priority;
    uint8_t reason;
    uint8_t table_id;                      /* 1.3 only. */
    uint32_t duration_sec, duration_nsec;
    uint16_t idle_timeout, hard_timeout;   /* hard_timeout: 1.3 only. */
    uint64_t packet_count, byte_count;
    struct ofp_match match;
};

/* PORT_STATUS. */
#define OFPPR_ADD    0
#define OFPPR_DELETE 1
#define OFPPR_MODIFY 2
struct ofp_port_status {
    uint8_t reason;
    struct ofp_port desc;
};

/* PACKET_OUT.  'data' (not owned) is sent only when buffer_id is
 * OFP_NO_BUFFER. */
struct ofp_packet_out {
    uint32_t buffer_id;
    uint32_t in_port;                      /* 32-bit space. */
    struct ofp_action_list actions;
    const uint8_t *data;
    size_t data_len;
};

/* FLOW_MOD.  Commands have the same numbers in both versions. */
enum ofp_flow_mod_command {
    OFPFC_ADD = 0,
    OFPFC_MODIFY = 1,
    OFPFC_MODIFY_STRICT = 2,
    OFPFC_DELETE = 3,
    OFPFC_DELETE_STRICT = 4,
};
/* Flow-mod flags: OpenFlow 1.3 bits, plus 1.0's EMERG at a private bit. */
#define OFPFF_SEND_FLOW_REM (1u << 0)
#define OFPFF_CHECK_OVERLAP (1u << 1)
#define OFPFF_RESET_COUNTS  (1u << 2) /* 1.3 */
#define OFPFF_NO_PKT_COUNTS (1u << 3) /* 1.3 */
#define OFPFF_NO_BYT_COUNTS (1u << 4) /* 1.3 */
#define OFPFF10_EMERG       (1u << 15) /* 1.0 OFPFF_EMERG (wire bit 2). */
/* A 1.0 FLOW_MOD carries no table: it decodes with table_id 0 (OFPTT_ALL
 * for the delete commands) and encodes only table 0 or OFPTT_ALL.  1.0 has
 * no cookie_mask or out_group: they decode as 0 and OFPG_ANY, and a
 * non-zero cookie_mask is refused when encoding 1.0. */
struct ofp_flow_mod {
    uint64_t cookie;
    uint64_t cookie_mask;
    uint8_t table_id;
    enum ofp_flow_mod_command command;
    uint16_t idle_timeout, hard_timeout;
    uint16_t priority;
    uint32_t buffer_id;
    uint32_t out_port;                     /* OFPP_ANY for "any". */
    uint32_t out_group;                    /* OFPG_ANY for "any". */
    uint16_t flags;                        /* OFPFF_* */
    struct ofp_match match;
    struct ofp_instructions instructions;  /* 1.0: 'apply' only. */
};

/* GROUP_MOD (1.3). */
enum ofp_group_mod_command { OFPGC_ADD = 0, OFPGC_MODIFY = 1, OFPGC_DELETE = 2 };
enum ofp_group_type {
    OFPGT_ALL = 0, OFPGT_SELECT = 1, OFPGT_INDIRECT = 2, OFPGT_FF = 3,
};
struct ofp_bucket {
    uint16_t weight;
    uint32_t watch_port;
    uint32_t watch_group;
    struct ofp_action_list actions;
};
struct ofp_group_mod {
    uint16_t command;                      /* enum ofp_group_mod_command */
    uint8_t type;                          /* enum ofp_group_type */
    uint32_t group_id;
    const struct ofp_bucket *buckets;      /* In the arena. */
    size_t n_buckets;
};

/* PORT_MOD. */
struct ofp_port_mod {
    uint32_t port_no;
    uint8_t hw_addr[6];
    uint32_t config;                       /* OFPPC_* */
    uint32_t mask;                         /* Bits of 'config' to change. */
    uint32_t advertise;                    /* OFPPF_*; 0 = unchanged. */
};

/* METER_MOD (1.3). */
enum ofp_meter_mod_command { OFPMC_ADD = 0, OFPMC_MODIFY = 1, OFPMC_DELETE = 2 };
#define OFPMF_KBPS  (1u << 0)
#define OFPMF_PKTPS (1u << 1)
#define OFPMF_BURST (1u << 2)
#define OFPMF_STATS (1u << 3)
enum ofp_meter_band_type {
    OFPMBT_DROP = 1, OFPMBT_DSCP_REMARK = 2, OFPMBT_EXPERIMENTER = 0xffff,
};
struct ofp_meter_band {
    uint16_t type;                         /* enum ofp_meter_band_type */
    uint32_t rate;
    uint32_t burst_size;
    uint8_t prec_level;                    /* DSCP_REMARK only. */
    uint32_t experimenter;                 /* EXPERIMENTER only. */
};
struct ofp_meter_mod {
    uint16_t command;                      /* enum ofp_meter_mod_command */
    uint16_t flags;                        /* OFPMF_* */
    uint32_t meter_id;
    const struct ofp_meter_band *bands;    /* In the arena. */
    size_t n_bands;
};

/* ROLE_REQUEST / ROLE_REPLY (1.3). */
enum ofp_controller_role {
    OFPCR_ROLE_NOCHANGE = 0, OFPCR_ROLE_EQUAL = 1,
    OFPCR_ROLE_MASTER = 2, OFPCR_ROLE_SLAVE = 3,
};
struct ofp_role {
    uint32_t role;
    uint64_t generation_id;
};

/* ---- Multipart (1.0: stats) bodies. ----------------------------------- */

#define OFPMPF_MORE 1 /* 'mp_flags': more replies (or requests) follow. */

/* DESC_REPLY: strings are always NUL-terminated. */
struct ofp_desc {
    char mfr_desc[OFP_DESC_STR_LEN + 1];
    char hw_desc[OFP_DESC_STR_LEN + 1];
    char sw_desc[OFP_DESC_STR_LEN + 1];
    char serial_num[OFP_SERIAL_NUM_LEN + 1];
    char dp_desc[OFP_DESC_STR_LEN + 1];
};

/* FLOW_STATS_REQUEST / AGGREGATE_REQUEST. 1.0 has no out_group or cookies. */
struct ofp_flow_stats_request {
    uint8_t table_id;                      /* OFPTT_ALL for all. */
    uint32_t out_port;                     /* OFPP_ANY for any. */
    uint32_t out_group;                    /* OFPG_ANY for any. */
    uint64_t cookie;
    uint64_t cookie_mask;
    struct ofp_match match;
};

/* One entry of FLOW_STATS_REPLY. */
struct ofp_flow_stats {
    uint8_t table_id;
    uint32_t duration_sec, duration_nsec;
    uint16_t priority;
    uint16_t idle_timeout, hard_timeout;
    uint16_t flags;                        /* OFPFF_*; 1.3 only. */
    uint64_t cookie;
    uint64_t packet_count, byte_count;
    struct ofp_match match;
    struct ofp_instructions instructions;  /* 1.0: 'apply' only. */
};
struct ofp_flow_stats_reply {
    const struct ofp_flow_stats *entries;  /* In the arena. */
    size_t n;
};

struct ofp_aggregate_reply {
    uint64_t packet_count;
    uint64_t byte_count;
    uint32_t flow_count;
};

/* One entry of TABLE_STATS_REPLY.  1.3 carries only the ids and counters. */
struct ofp_table_stats {
    uint8_t table_id;
    char name[OFP_MAX_TABLE_NAME_LEN + 1]; /* 1.0 only. */
    uint32_t wildcards;                    /* 1.0 only. */
    uint32_t max_entries;                  /* 1.0 only. */
    uint32_t active_count;
    uint64_t lookup_count;
    uint64_t matched_count;
};
struct ofp_table_stats_reply {
    const struct ofp_table_stats *entries;
    size_t n;
};

/* PORT_STATS_REQUEST: 'port_no' OFPP_ANY for all ports. */
struct ofp_port_stats_request {
    uint32_t port_no;
};
struct ofp_port_stats {
    uint32_t port_no;
    uint64_t rx_packets, tx_packets;
    uint64_t rx_bytes, tx_bytes;
    uint64_t rx_dropped, tx_dropped;
    uint64_t rx_errors, tx_errors;
    uint64_t rx_frame_err, rx_over_err, rx_crc_err;
    uint64_t collisions;
    uint32_t duration_sec, duration_nsec;  /* 1.3 only. */
};
struct ofp_port_stats_reply {
    const struct ofp_port_stats *entries;
    size_t n;
};

/* PORT_DESC_REPLY (1.3). */
struct ofp_port_desc_reply {
    const struct ofp_port *ports;
    size_t n;
};

/* GROUP_STATS_REQUEST / GROUP_DESC_REQUEST: OFPG_ALL for all groups. */
struct ofp_group_stats_request {
    uint32_t group_id;
};
struct ofp_bucket_counter {
    uint64_t packet_count;
    uint64_t byte_count;
};
struct ofp_group_stats {
    uint32_t group_id;
    uint32_t ref_count;
    uint64_t packet_count, byte_count;
    uint32_t duration_sec, duration_nsec;
    const struct ofp_bucket_counter *buckets;
    size_t n_buckets;
};
struct ofp_group_stats_reply {
    const struct ofp_group_stats *entries;
    size_t n;
};
struct ofp_group_desc {
    uint8_t type;
    uint32_t group_id;
    const struct ofp_bucket *buckets;
    size_t n_buckets;
};
struct ofp_group_desc_reply {
    const struct ofp_group_desc *entries;
    size_t n;
};
struct ofp_group_features {
    uint32_t types;                        /* 1 << OFPGT_* */
    uint32_t capabilities;
    uint32_t max_groups[4];
    uint32_t actions[4];
};

/* METER_STATS_REQUEST / METER_CONFIG_REQUEST: OFPM_ALL for all meters. */
struct ofp_meter_request {
    uint32_t meter_id;
};
struct ofp_meter_band_stats {
    uint64_t packet_band_count;
    uint64_t byte_band_count;
};
struct ofp_meter_stats {
    uint32_t meter_id;
    uint32_t flow_count;
    uint64_t packet_in_count, byte_in_count;
    uint32_t duration_sec, duration_nsec;
    const struct ofp_meter_band_stats *bands;
    size_t n_bands;
};
struct ofp_meter_stats_reply {
    const struct ofp_meter_stats *entries;
    size_t n;
};
struct ofp_meter_config {
    uint16_t flags;
    uint32_t meter_id;
    const struct ofp_meter_band *bands;
    size_t n_bands;
};
struct ofp_meter_config_reply {
    const struct ofp_meter_config *entries;
    size_t n;
};
struct ofp_meter_features {
    uint32_t max_meter;
    uint32_t band_types;                   /* 1 << OFPMBT_* */
    uint32_t capabilities;                 /* OFPMF_* */
    uint8_t max_bands;
    uint8_t max_color;
};

/* ---- The message. ------------------------------------------------------ */

struct ofp_msg {
    uint8_t version;                       /* Set by decode; ignored by
                                            * encode, which takes a version
                                            * argument. */
    enum ofp_msg_type type;
    uint32_t xid;
    uint16_t mp_flags;                     /* Multipart only: OFPMPF_MORE. */
    union {
        struct ofp_hello hello;
        struct ofp_error_msg error;
        struct ofp_echo echo;              /* ECHO_REQUEST, ECHO_REPLY */
        struct ofp_experimenter_msg experimenter;
        struct ofp_switch_features features;
        struct ofp_switch_config config;   /* GET_CONFIG_REPLY, SET_CONFIG */
        struct ofp_packet_in packet_in;
        struct ofp_flow_removed flow_removed;
        struct ofp_port_status port_status;
        struct ofp_packet_out packet_out;
        struct ofp_flow_mod flow_mod;
        struct ofp_group_mod group_mod;
        struct ofp_port_mod port_mod;
        struct ofp_meter_mod meter_mod;
        struct ofp_role role;              /* ROLE_REQUEST, ROLE_REPLY */
        struct ofp_desc desc;
        struct ofp_flow_stats_request flow_stats_request; /* also AGGREGATE */
        struct ofp_flow_stats_reply flow_stats_reply;
        struct ofp_aggregate_reply aggregate_reply;
        struct ofp_table_stats_reply table_stats_reply;
        struct ofp_port_stats_request port_stats_request;
        struct ofp_port_stats_reply port_stats_reply;
        struct ofp_port_desc_reply port_desc_reply;
        struct ofp_group_stats_request group_request; /* GROUP_STATS, DESC */
        struct ofp_group_stats_reply group_stats_reply;
        struct ofp_group_desc_reply group_desc_reply;
        struct ofp_group_features group_features;
        struct ofp_meter_request meter_request;  /* METER_STATS, CONFIG */
        struct ofp_meter_stats_reply meter_stats_reply;
        struct ofp_meter_config_reply meter_config_reply;
        struct ofp_meter_features meter_features;
    } u;
};

/* Initializes 'msg' to an all-zero message of 'type' with 'xid', with the
 * fields whose zero would be wrong set to their "none" value (buffer ids
 * OFP_NO_BUFFER, out_port OFPP_ANY, out_group OFPG_ANY, table OFPTT_ALL in
 * stats requests, catch-all matches). */
void ofp_msg_init(struct ofp_msg *, enum ofp_msg_type, uint32_t xid);
/* Makes 'fm' a flow-mod for 'command' on table 'table_id' with every other
 * field at its default, as ofp_msg_init() does: a catch-all match,
 * priority 0, cookie 0, no buffer, out_port OFPP_ANY, out_group OFPG_ANY,
 * no instructions (drop). */
void ofp_flow_mod_init(struct ofp_flow_mod *, uint16_t command,
                       uint8_t table_id);

/* ---- Decoding and encoding. ------------------------------------------- */

/* Reads the 8-byte header at 'data' (at least OFP_HEADER_LEN bytes).
 * Returns 0 with version, type (wire type number), length and xid filled, or
 * OFPERR_OFPBRC_BAD_LEN if the length field is below 8.  Framing layers use
 * it to learn how many bytes make the message before decoding it. */
enum ofperr ofp_header_decode(const void *data, size_t size, uint8_t *version,
                              uint8_t *type, uint16_t *length, uint32_t *xid);

/* Decodes exactly one message of 'size' bytes at 'data' (the header's length
 * must equal 'size').  Resets 'arena' first.  Returns 0 and fills 'msg', or
 * an error to report to the peer in an OFPT_ERROR:
 *   OFPERR_OFPBRC_BAD_VERSION  version other than 1.0 or 1.3 (except HELLO,
 *                              which decodes for any version);
 *   OFPERR_OFPBRC_BAD_TYPE     unknown or wrong-direction-free unknown type;
 *   OFPERR_OFPBRC_BAD_MULTIPART unknown multipart type;
 *   OFPERR_OFPBRC_BAD_LEN      length below the type's minimum, or nested
 *                              lengths that do not add up;
 *   and the match/action/instruction errors of the nested decoders. */
enum ofperr ofp_decode(const void *data, size_t size, struct ofp_arena *arena,
                       struct ofp_msg *msg);

/* Appends the wire form of 'msg' for 'version' to 'out'.  On error appends
 * nothing and returns why: OFPERR_OFPBRC_BAD_VERSION for an unsupported
 * version, OFPERR_OFPBRC_BAD_TYPE for a message the version lacks (GROUP_MOD
 * in 1.0), or the nested encoders' errors for matches and actions that the
 * version cannot express.  An encoded message over 65535 bytes is
 * OFPERR_OFPBRC_BAD_LEN. */
enum ofperr ofp_encode(const struct ofp_msg *, uint8_t version,
                       struct ofpbuf *out);

/* Appends an OFPT_ERROR for 'err' in reply to the 'request_len' bytes at
 * 'request' (its xid is reused; at most 64 bytes of it are echoed as data).
 * 'version' is the session's version. */
void ofp_encode_error_reply(enum ofperr err, const void *request,
                            size_t request_len, uint8_t version,
                            struct ofpbuf *out);

/* ---- Printing. --------------------------------------------------------- */

/* Appends a readable description of 'msg': one line for small messages,
 * a header line plus one indented line per entry/port/bucket for lists.
 * Starts with the type name, version and xid:
 *   "FLOW_MOD (OF1.3) xid=0x2a: ADD table=0 priority=100 cookie=0x1 ..." */
void ofp_msg_format(const struct ofp_msg *, struct ds *);

#endif /* ofproto/ofp-msgs.h */
