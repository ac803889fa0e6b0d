/* OpenFlow messages: header, the message table, the non-multipart bodies of
 * OpenFlow 1.0 and 1.3, and ports.  See ofp-msgs.h.
 *
 * Who owns what in this file: ofp-msgs.c owns framing (header, length
 * checks, the one message table) and every body except the multipart ones,
 * GROUP_MOD and METER_MOD, which ofp-stats.c decodes and encodes through
 * ofp-msgs-private.h.  Matches come from ofp-match.c, actions and
 * instructions from ofp-actions.c. */
#include <config.h>

#include "ofproto/ofp-msgs.h"

#include <inttypes.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-msgs-private.h"

#define ARRAY_SIZE(A) (sizeof (A) / sizeof (A)[0])

/* ---- Ports. ------------------------------------------------------------ */

/* OpenFlow 1.0 'struct ofp_phy_port'. */
struct ofp10_phy_port {
    ofp_be16 port_no;
    uint8_t hw_addr[OFP_ETH_ALEN];
    uint8_t name[OFP_MAX_PORT_NAME_LEN];
    ofp_be32 config;
    ofp_be32 state;
    ofp_be32 curr;
    ofp_be32 advertised;
    ofp_be32 supported;
    ofp_be32 peer;
};
_Static_assert(sizeof(struct ofp10_phy_port) == OFP10_PORT_LEN,
               "ofp10_phy_port");

/* OpenFlow 1.3 'struct ofp_port'. */
struct ofp13_port {
    ofp_be32 port_no;
    uint8_t pad[4];
    uint8_t hw_addr[OFP_ETH_ALEN];
    uint8_t pad2[2];
    uint8_t name[OFP_MAX_PORT_NAME_LEN];
    ofp_be32 config;
    ofp_be32 state;
    ofp_be32 curr;
    ofp_be32 advertised;
    ofp_be32 supported;
    ofp_be32 peer;
    ofp_be32 curr_speed;
    ofp_be32 max_speed;
};
_Static_assert(sizeof(struct ofp13_port) == OFP13_PORT_LEN, "ofp13_port");

/* OpenFlow 1.0 port state: STP state in bits 8-9, STP_BLOCK is 3. */
#define OFPPS10_LINK_DOWN (1u << 0)
#define OFPPS10_STP_SHIFT 8
#define OFPPS10_STP_MASK  (3u << OFPPS10_STP_SHIFT)
#define OFPPS10_STP_BLOCK 3u

/* 1.0 feature bits: the seven speed bits are at the 1.3 positions, COPPER
 * through PAUSE_ASYM sit at bits 7-11 instead of 11-15. */
#define OFPPF10_SPEED_MASK 0x7fu
#define OFPPF10_MEDIA_MASK (0x1fu << 7)

static uint32_t
port_features_from_of10(uint32_t f)
{
    return (f & OFPPF10_SPEED_MASK) | ((f & OFPPF10_MEDIA_MASK) << 4);
}

/* 40G, 100G, 1T and OTHER have no 1.0 bit and are dropped. */
static uint32_t
port_features_to_of10(uint32_t f)
{
    return (f & OFPPF10_SPEED_MASK) | ((f >> 4) & OFPPF10_MEDIA_MASK);
}

/* Copies a fixed-size wire string of 'n' bytes, which need not be
 * NUL-terminated, into 'dst' (n + 1 bytes), stopping at the first NUL, and
 * always NUL-terminates. */
void
ofp_str_from_wire(char *dst, const uint8_t *src, size_t n)
{
    const uint8_t *nul = memchr(src, '\0', n);
    size_t len = nul ? (size_t) (nul - src) : n;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* Copies at most 'n' bytes of 'src' into a zeroed wire field of 'n' bytes.
 * A string of exactly 'n' characters fills the field without a NUL, as the
 * specification allows. */
void
ofp_str_to_wire(uint8_t *dst, const char *src, size_t n)
{
    size_t len = strnlen(src, n);
    memcpy(dst, src, len);
}

/* Decodes one port of 'version' from 'c' into 'port'.  Returns 0 or
 * OFPERR_OFPBRC_BAD_LEN if the cursor holds less than one port. */
enum ofperr
ofp_port_decode(uint8_t version, struct ofp_cursor *c, struct ofp_port *port)
{
    memset(port, 0, sizeof *port);
    if (version == OFP10_VERSION) {
        const struct ofp10_phy_port *w = ofp_cursor_pull(c, sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        uint32_t state = be32_get(&w->state);
        port->port_no = ofp_port_from_of10(be16_get(&w->port_no));
        memcpy(port->hw_addr, w->hw_addr, OFP_ETH_ALEN);
        ofp_str_from_wire(port->name, w->name, sizeof w->name);
        port->config = be32_get(&w->config);
        port->stp_state = (uint8_t) ((state & OFPPS10_STP_MASK)
                                     >> OFPPS10_STP_SHIFT);
        port->state = state & OFPPS10_LINK_DOWN;
        if (port->stp_state == OFPPS10_STP_BLOCK) {
            port->state |= OFPPS_BLOCKED;
        }
        port->curr = port_features_from_of10(be32_get(&w->curr));
        port->advertised = port_features_from_of10(be32_get(&w->advertised));
        port->supported = port_features_from_of10(be32_get(&w->supported));
        port->peer = port_features_from_of10(be32_get(&w->peer));
        return 0;
    } else if (version == OFP13_VERSION) {
        const struct ofp13_port *w = ofp_cursor_pull(c, sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        port->port_no = be32_get(&w->port_no);
        memcpy(port->hw_addr, w->hw_addr, OFP_ETH_ALEN);
        ofp_str_from_wire(port->name, w->name, sizeof w->name);
        port->config = be32_get(&w->config);
        port->state = be32_get(&w->state);
        port->curr = be32_get(&w->curr);
        port->advertised = be32_get(&w->advertised);
        port->supported = be32_get(&w->supported);
        port->peer = be32_get(&w->peer);
        port->curr_speed = be32_get(&w->curr_speed);
        port->max_speed = be32_get(&w->max_speed);
        return 0;
    }
    return OFPERR_OFPBRC_BAD_VERSION;
}

/* Appends one port for 'version'.  A port number that 1.0 cannot express is
 * OFPERR_OFPBRC_BAD_PORT; nothing is appended on error. */
enum ofperr
ofp_port_encode(uint8_t version, const struct ofp_port *port,
                struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        if (!ofp_port_to_of10_ok(port->port_no)) {
            return OFPERR_OFPBRC_BAD_PORT;
        }
        uint32_t stp = port->stp_state & 3u;
        if (port->state & OFPPS_BLOCKED) {
            stp = OFPPS10_STP_BLOCK;
        }
        struct ofp10_phy_port *w = ofpbuf_put_zeros(out, sizeof *w);
        be16_set(&w->port_no, ofp_port_to_of10(port->port_no));
        memcpy(w->hw_addr, port->hw_addr, OFP_ETH_ALEN);
        ofp_str_to_wire(w->name, port->name, sizeof w->name);
        be32_set(&w->config, port->config);
        be32_set(&w->state, (port->state & OFPPS10_LINK_DOWN)
                            | (stp << OFPPS10_STP_SHIFT));
        be32_set(&w->curr, port_features_to_of10(port->curr));
        be32_set(&w->advertised, port_features_to_of10(port->advertised));
        be32_set(&w->supported, port_features_to_of10(port->supported));
        be32_set(&w->peer, port_features_to_of10(port->peer));
        return 0;
    } else if (version == OFP13_VERSION) {
        struct ofp13_port *w = ofpbuf_put_zeros(out, sizeof *w);
        be32_set(&w->port_no, port->port_no);
        memcpy(w->hw_addr, port->hw_addr, OFP_ETH_ALEN);
        ofp_str_to_wire(w->name, port->name, sizeof w->name);
        be32_set(&w->config, port->config);
        be32_set(&w->state, port->state);
        be32_set(&w->curr, port->curr);
        be32_set(&w->advertised, port->advertised);
        be32_set(&w->supported, port->supported);
        be32_set(&w->peer, port->peer);
        be32_set(&w->curr_speed, port->curr_speed);
        be32_set(&w->max_speed, port->max_speed);
        return 0;
    }
    return OFPERR_OFPBRC_BAD_VERSION;
}

/* Appends the names of the bits set in 'bits' joined by '|', "0" if none;
 * bits without a name print as hex. */
static void
format_bits(struct ds *ds, uint32_t bits, const char *const names[],
            size_t n_names)
{
    if (!bits) {
        ds_put_char(ds, '0');
        return;
    }
    bool first = true;
    for (size_t i = 0; i < 32; i++) {
        uint32_t bit = 1u << i;
        if (!(bits & bit)) {
            continue;
        }
        if (!first) {
            ds_put_char(ds, '|');
        }
        first = false;
        if (i < n_names && names[i]) {
            ds_put_cstr(ds, names[i]);
        } else {
            ds_put_format(ds, "0x%"PRIx32, bit);
        }
    }
}

static const char *const port_config_names[] = {
    "PORT_DOWN", "NO_STP", "NO_RECV", "NO_RECV_STP", "NO_FLOOD", "NO_FWD",
    "NO_PACKET_IN",
};
static const char *const port_state_names[] = {
    "LINK_DOWN", "BLOCKED", "LIVE",
};
static const char *const port_feature_names[] = {
    "10MB-HD", "10MB-FD", "100MB-HD", "100MB-FD", "1GB-HD", "1GB-FD",
    "10GB-FD", "40GB-FD", "100GB-FD", "1TB-FD", "OTHER", "COPPER", "FIBER",
    "AUTO_NEG", "PAUSE", "PAUSE_ASYM",
};

/* Appends "1(eth1): addr=... config=... state=... curr=... ..." on one
 * line. */
void
ofp_port_desc_format(const struct ofp_port *port, struct ds *ds)
{
    ofp_port_format(port->port_no, ds);
    ds_put_format(ds, "(%s): addr=", port->name);
    ds_put_mac(ds, port->hw_addr);
    ds_put_cstr(ds, " config=");
    format_bits(ds, port->config, port_config_names,
                ARRAY_SIZE(port_config_names));
    ds_put_cstr(ds, " state=");
    format_bits(ds, port->state, port_state_names,
                ARRAY_SIZE(port_state_names));
    if (port->stp_state) {
        static const char *const stp[] = { "listen", "learn", "forward",
                                           "block" };
        ds_put_format(ds, " stp=%s", stp[port->stp_state & 3]);
    }
    const char *const feat_names[] = { "curr", "advertised", "supported",
                                       "peer" };
    const uint32_t feats[] = { port->curr, port->advertised, port->supported,
                               port->peer };
    for (size_t i = 0; i < ARRAY_SIZE(feats); i++) {
        if (feats[i]) {
            ds_put_format(ds, " %s=", feat_names[i]);
            format_bits(ds, feats[i], port_feature_names,
                        ARRAY_SIZE(port_feature_names));
        }
    }
    if (port->curr_speed || port->max_speed) {
        ds_put_format(ds, " speed=%"PRIu32"/%"PRIu32"kbps", port->curr_speed,
                      port->max_speed);
    }
}

/* ---- Type names. ------------------------------------------------------- */

static const char *const msg_type_names[OFPMSG_N_TYPES] = {
    [OFPMSG_HELLO] = "HELLO",
    [OFPMSG_ERROR] = "ERROR",
    [OFPMSG_ECHO_REQUEST] = "ECHO_REQUEST",
    [OFPMSG_ECHO_REPLY] = "ECHO_REPLY",
    [OFPMSG_EXPERIMENTER] = "EXPERIMENTER",
    [OFPMSG_FEATURES_REQUEST] = "FEATURES_REQUEST",
    [OFPMSG_FEATURES_REPLY] = "FEATURES_REPLY",
    [OFPMSG_GET_CONFIG_REQUEST] = "GET_CONFIG_REQUEST",
    [OFPMSG_GET_CONFIG_REPLY] = "GET_CONFIG_REPLY",
    [OFPMSG_SET_CONFIG] = "SET_CONFIG",
    [OFPMSG_PACKET_IN] = "PACKET_IN",
    [OFPMSG_FLOW_REMOVED] = "FLOW_REMOVED",
    [OFPMSG_PORT_STATUS] = "PORT_STATUS",
    [OFPMSG_PACKET_OUT] = "PACKET_OUT",
    [OFPMSG_FLOW_MOD] = "FLOW_MOD",
    [OFPMSG_GROUP_MOD] = "GROUP_MOD",
    [OFPMSG_PORT_MOD] = "PORT_MOD",
    [OFPMSG_METER_MOD] = "METER_MOD",
    [OFPMSG_BARRIER_REQUEST] = "BARRIER_REQUEST",
    [OFPMSG_BARRIER_REPLY] = "BARRIER_REPLY",
    [OFPMSG_ROLE_REQUEST] = "ROLE_REQUEST",
    [OFPMSG_ROLE_REPLY] = "ROLE_REPLY",
    [OFPMSG_DESC_REQUEST] = "DESC_REQUEST",
    [OFPMSG_DESC_REPLY] = "DESC_REPLY",
    [OFPMSG_FLOW_STATS_REQUEST] = "FLOW_STATS_REQUEST",
    [OFPMSG_FLOW_STATS_REPLY] = "FLOW_STATS_REPLY",
    [OFPMSG_AGGREGATE_REQUEST] = "AGGREGATE_REQUEST",
    [OFPMSG_AGGREGATE_REPLY] = "AGGREGATE_REPLY",
    [OFPMSG_TABLE_STATS_REQUEST] = "TABLE_STATS_REQUEST",
    [OFPMSG_TABLE_STATS_REPLY] = "TABLE_STATS_REPLY",
    [OFPMSG_PORT_STATS_REQUEST] = "PORT_STATS_REQUEST",
    [OFPMSG_PORT_STATS_REPLY] = "PORT_STATS_REPLY",
    [OFPMSG_PORT_DESC_REQUEST] = "PORT_DESC_REQUEST",
    [OFPMSG_PORT_DESC_REPLY] = "PORT_DESC_REPLY",
    [OFPMSG_GROUP_STATS_REQUEST] = "GROUP_STATS_REQUEST",
    [OFPMSG_GROUP_STATS_REPLY] = "GROUP_STATS_REPLY",
    [OFPMSG_GROUP_DESC_REQUEST] = "GROUP_DESC_REQUEST",
    [OFPMSG_GROUP_DESC_REPLY] = "GROUP_DESC_REPLY",
    [OFPMSG_GROUP_FEATURES_REQUEST] = "GROUP_FEATURES_REQUEST",
    [OFPMSG_GROUP_FEATURES_REPLY] = "GROUP_FEATURES_REPLY",
    [OFPMSG_METER_STATS_REQUEST] = "METER_STATS_REQUEST",
    [OFPMSG_METER_STATS_REPLY] = "METER_STATS_REPLY",
    [OFPMSG_METER_CONFIG_REQUEST] = "METER_CONFIG_REQUEST",
    [OFPMSG_METER_CONFIG_REPLY] = "METER_CONFIG_REPLY",
    [OFPMSG_METER_FEATURES_REQUEST] = "METER_FEATURES_REQUEST",
    [OFPMSG_METER_FEATURES_REPLY] = "METER_FEATURES_REPLY",
};

const char *
ofp_msg_type_name(enum ofp_msg_type type)
{
    return (unsigned int) type < ARRAY_SIZE(msg_type_names)
           && msg_type_names[type] ? msg_type_names[type] : "UNKNOWN";
}

bool
ofp_msg_type_is_multipart(enum ofp_msg_type type)
{
    return type >= OFPMSG_DESC_REQUEST && type < OFPMSG_N_TYPES;
}

/* The multipart types come in (request, reply) pairs starting at
 * OFPMSG_DESC_REQUEST, so replies are the odd offsets. */
static bool
msg_type_is_mp_reply(enum ofp_msg_type type)
{
    return ofp_msg_type_is_multipart(type)
           && (type - OFPMSG_DESC_REQUEST) % 2 == 1;
}

/* ---- Initialization. --------------------------------------------------- */

void
ofp_flow_mod_init(struct ofp_flow_mod *fm, uint16_t command,
                  uint8_t table_id)
{
    memset(fm, 0, sizeof *fm);
    fm->command = command;
    fm->table_id = table_id;
    fm->buffer_id = OFP_NO_BUFFER;
    fm->out_port = OFPP_ANY;
    fm->out_group = OFPG_ANY;
    ofp_match_init_catchall(&fm->match);
}

void
ofp_msg_init(struct ofp_msg *msg, enum ofp_msg_type type, uint32_t xid)
{
    memset(msg, 0, sizeof *msg);
    msg->type = type;
    msg->xid = xid;
    switch (type) {
    case OFPMSG_PACKET_IN:
        msg->u.packet_in.buffer_id = OFP_NO_BUFFER;
        ofp_match_init_catchall(&msg->u.packet_in.match);
        break;
    case OFPMSG_PACKET_OUT:
        msg->u.packet_out.buffer_id = OFP_NO_BUFFER;
        msg->u.packet_out.in_port = OFPP_CONTROLLER;
        break;
    case OFPMSG_FLOW_MOD:
        ofp_flow_mod_init(&msg->u.flow_mod, OFPFC_ADD, 0);
        break;
    case OFPMSG_FLOW_REMOVED:
        ofp_match_init_catchall(&msg->u.flow_removed.match);
        break;
    case OFPMSG_FLOW_STATS_REQUEST:
    case OFPMSG_AGGREGATE_REQUEST:
        msg->u.flow_stats_request.table_id = OFPTT_ALL;
        msg->u.flow_stats_request.out_port = OFPP_ANY;
        msg->u.flow_stats_request.out_group = OFPG_ANY;
        ofp_match_init_catchall(&msg->u.flow_stats_request.match);
        break;
    case OFPMSG_PORT_STATS_REQUEST:
        msg->u.port_stats_request.port_no = OFPP_ANY;
        break;
    case OFPMSG_GROUP_STATS_REQUEST:
    case OFPMSG_GROUP_DESC_REQUEST:
        msg->u.group_request.group_id = OFPG_ALL;
        break;
    case OFPMSG_METER_STATS_REQUEST:
    case OFPMSG_METER_CONFIG_REQUEST:
        msg->u.meter_request.meter_id = OFPM_ALL;
        break;
    default:
        break;
    }
}

/* ---- Wire structs of the message bodies (after the 8-byte header). ---- */

struct ofp_error_wire {
    ofp_be16 type;
    ofp_be16 code;
};
_Static_assert(sizeof(struct ofp_error_wire) == 4, "ofp_error_msg");

/* 1.3 OFPET_EXPERIMENTER error: after 'type' comes this instead of 'code'. */
struct ofp13_error_experimenter_wire {
    ofp_be16 exp_type;
    ofp_be32 experimenter;
};
_Static_assert(sizeof(struct ofp13_error_experimenter_wire) == 6,
               "ofp_error_experimenter_msg");

struct ofp13_hello_elem_header {
    ofp_be16 type;
    ofp_be16 length;
};
_Static_assert(sizeof(struct ofp13_hello_elem_header) == 4,
               "ofp_hello_elem_header");
#define OFPHET_VERSIONBITMAP 1

struct ofp13_experimenter_wire {
    ofp_be32 experimenter;
    ofp_be32 exp_type;
};
_Static_assert(sizeof(struct ofp13_experimenter_wire) == 8,
               "ofp_experimenter_header");

struct ofp10_vendor_wire {
    ofp_be32 vendor;
};
_Static_assert(sizeof(struct ofp10_vendor_wire) == 4, "ofp_vendor_header");

struct ofp10_switch_features {
    ofp_be64 datapath_id;
    ofp_be32 n_buffers;
    uint8_t n_tables;
    uint8_t pad[3];
    ofp_be32 capabilities;
    ofp_be32 actions;
};
_Static_assert(sizeof(struct ofp10_switch_features) == 24,
               "ofp10_switch_features");

struct ofp13_switch_features {
    ofp_be64 datapath_id;
    ofp_be32 n_buffers;
    uint8_t n_tables;
    uint8_t auxiliary_id;
    uint8_t pad[2];
    ofp_be32 capabilities;
    ofp_be32 reserved;
};
_Static_assert(sizeof(struct ofp13_switch_features) == 24,
               "ofp13_switch_features");

struct ofp_switch_config_wire {
    ofp_be16 flags;
    ofp_be16 miss_send_len;
};
_Static_assert(sizeof(struct ofp_switch_config_wire) == 4,
               "ofp_switch_config");

struct ofp10_packet_in {
    ofp_be32 buffer_id;
    ofp_be16 total_len;
    ofp_be16 in_port;
    uint8_t reason;
    uint8_t pad;
};
_Static_assert(sizeof(struct ofp10_packet_in) == 10, "ofp10_packet_in");

struct ofp13_packet_in {
    ofp_be32 buffer_id;
    ofp_be16 total_len;
    uint8_t reason;
    uint8_t table_id;
    ofp_be64 cookie;
};
_Static_assert(sizeof(struct ofp13_packet_in) == 16, "ofp13_packet_in");

/* 1.0 flow removed, after the 40-byte match. */
struct ofp10_flow_removed {
    ofp_be64 cookie;
    ofp_be16 priority;
    uint8_t reason;
    uint8_t pad;
    ofp_be32 duration_sec;
    ofp_be32 duration_nsec;
    ofp_be16 idle_timeout;
    uint8_t pad2[2];
    ofp_be64 packet_count;
    ofp_be64 byte_count;
};
_Static_assert(sizeof(struct ofp10_flow_removed) == 40,
               "ofp10_flow_removed");

/* 1.3 flow removed, before the match. */
struct ofp13_flow_removed {
    ofp_be64 cookie;
    ofp_be16 priority;
    uint8_t reason;
    uint8_t table_id;
    ofp_be32 duration_sec;
    ofp_be32 duration_nsec;
    ofp_be16 idle_timeout;
    ofp_be16 hard_timeout;
    ofp_be64 packet_count;
    ofp_be64 byte_count;
};
_Static_assert(sizeof(struct ofp13_flow_removed) == 40,
               "ofp13_flow_removed");

struct ofp_port_status_wire {
    uint8_t reason;
    uint8_t pad[7];
};
_Static_assert(sizeof(struct ofp_port_status_wire) == 8, "ofp_port_status");

struct ofp10_packet_out {
    ofp_be32 buffer_id;
    ofp_be16 in_port;
    ofp_be16 actions_len;
};
_Static_assert(sizeof(struct ofp10_packet_out) == 8, "ofp10_packet_out");

struct ofp13_packet_out {
    ofp_be32 buffer_id;
    ofp_be32 in_port;
    ofp_be16 actions_len;
    uint8_t pad[6];
};
_Static_assert(sizeof(struct ofp13_packet_out) == 16, "ofp13_packet_out");

/* 1.0 flow mod, after the 40-byte match. */
struct ofp10_flow_mod {
    ofp_be64 cookie;
    ofp_be16 command;
    ofp_be16 idle_timeout;
    ofp_be16 hard_timeout;
    ofp_be16 priority;
    ofp_be32 buffer_id;
    ofp_be16 out_port;
    ofp_be16 flags;
};
_Static_assert(sizeof(struct ofp10_flow_mod) == 24, "ofp10_flow_mod");

/* 1.3 flow mod, before the match. */
struct ofp13_flow_mod {
    ofp_be64 cookie;
    ofp_be64 cookie_mask;
    uint8_t table_id;
    uint8_t command;
    ofp_be16 idle_timeout;
    ofp_be16 hard_timeout;
    ofp_be16 priority;
    ofp_be32 buffer_id;
    ofp_be32 out_port;
    ofp_be32 out_group;
    ofp_be16 flags;
    uint8_t pad[2];
};
_Static_assert(sizeof(struct ofp13_flow_mod) == 40, "ofp13_flow_mod");

struct ofp10_port_mod {
    ofp_be16 port_no;
    uint8_t hw_addr[OFP_ETH_ALEN];
    ofp_be32 config;
    ofp_be32 mask;
    ofp_be32 advertise;
    uint8_t pad[4];
};
_Static_assert(sizeof(struct ofp10_port_mod) == 24, "ofp10_port_mod");

struct ofp13_port_mod {
    ofp_be32 port_no;
    uint8_t pad[4];
    uint8_t hw_addr[OFP_ETH_ALEN];
    uint8_t pad2[2];
    ofp_be32 config;
    ofp_be32 mask;
    ofp_be32 advertise;
    uint8_t pad3[4];
};
_Static_assert(sizeof(struct ofp13_port_mod) == 32, "ofp13_port_mod");

struct ofp13_role_wire {
    ofp_be32 role;
    uint8_t pad[4];
    ofp_be64 generation_id;
};
_Static_assert(sizeof(struct ofp13_role_wire) == 16, "ofp_role_request");

struct ofp10_stats_wire {
    ofp_be16 type;
    ofp_be16 flags;
};
_Static_assert(sizeof(struct ofp10_stats_wire) == 4, "ofp_stats_request");

struct ofp13_multipart_wire {
    ofp_be16 type;
    ofp_be16 flags;
    uint8_t pad[4];
};
_Static_assert(sizeof(struct ofp13_multipart_wire) == 8,
               "ofp_multipart_request");

/* Smallest 1.3 'struct ofp_match' (type, length, 4 bytes of padding). */
#define OFP13_MATCH_MIN_LEN 8

/* 1.0 flow-mod flags on the wire. */
#define OFPFF10_WIRE_SEND_FLOW_REM (1u << 0)
#define OFPFF10_WIRE_CHECK_OVERLAP (1u << 1)
#define OFPFF10_WIRE_EMERG         (1u << 2)
/* The 1.3 flags this codec knows. */
#define OFPFF13_ALL (OFPFF_SEND_FLOW_REM | OFPFF_CHECK_OVERLAP \
                     | OFPFF_RESET_COUNTS | OFPFF_NO_PKT_COUNTS \
                     | OFPFF_NO_BYT_COUNTS)

/* ---- Bodies: decoders read from 'c', the bytes after the header; the
 * message table has already checked the minimum length, but each decoder
 * still pulls through the cursor and so cannot read past the end. ----- */

/* Common helper: a pull that the minimum length makes safe still reports
 * BAD_LEN rather than trusting the table. */
#define PULL_OR_BAD_LEN(VAR, C)                                               \
    do {                                                                      \
        (VAR) = ofp_cursor_pull((C), sizeof *(VAR));                          \
        if (!(VAR)) {                                                         \
            return OFPERR_OFPBRC_BAD_LEN;                                     \
        }                                                                     \
    } while (0)

static void
rest_as_payload(struct ofp_cursor *c, const uint8_t **data, size_t *len)
{
    *len = ofp_cursor_remaining(c);
    *data = *len ? ofp_cursor_pull(c, *len) : NULL;
}

static enum ofperr
decode_empty(struct ofp_msg *msg, struct ofp_cursor *c,
             struct ofp_arena *arena)
{
    return 0;
}

static enum ofperr
encode_empty(const struct ofp_msg *msg, uint8_t version, struct ofpbuf *out)
{
    return 0;
}

/* HELLO.  Only 1.3 and later carry elements; older versions' bodies are
 * ignored, as the 1.0 specification asks. */
static enum ofperr
decode_hello(struct ofp_msg *msg, struct ofp_cursor *c,
             struct ofp_arena *arena)
{
    struct ofp_hello *h = &msg->u.hello;
    h->has_bitmap = false;
    h->version_bitmap = msg->version < 32 ? 1u << msg->version : 0;
    if (msg->version < OFP13_VERSION) {
        return 0;
    }
    while (ofp_cursor_remaining(c) >= sizeof(struct ofp13_hello_elem_header)) {
        const struct ofp13_hello_elem_header *eh
            = ofp_cursor_peek(c, sizeof *eh);
        size_t len = be16_get(&eh->length);
        struct ofp_cursor elem;
        if (len < sizeof *eh || !ofp_cursor_sub(c, len, &elem)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        /* Elements are padded to 8 bytes; tolerate a last element whose
         * padding is missing. */
        size_t pad = ofp_pad8(len) - len;
        ofp_cursor_skip(c, pad <= ofp_cursor_remaining(c)
                           ? pad : ofp_cursor_remaining(c));

        ofp_cursor_skip(&elem, sizeof *eh);
        if (be16_get(&eh->type) == OFPHET_VERSIONBITMAP && !h->has_bitmap) {
            uint32_t bitmap;
            if (!ofp_cursor_u32(&elem, &bitmap)) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            /* Later 32-bit words cover versions >= 32: none exist. */
            h->has_bitmap = true;
            h->version_bitmap = bitmap;
        }
        /* Unknown elements are skipped, as the specification asks. */
    }
    return 0;
}

static enum ofperr
encode_hello(const struct ofp_msg *msg, uint8_t version, struct ofpbuf *out)
{
    const struct ofp_hello *h = &msg->u.hello;
    if (h->has_bitmap && version >= OFP13_VERSION) {
        struct ofp13_hello_elem_header *eh = ofpbuf_put_zeros(out,
                                                              sizeof *eh);
        be16_set(&eh->type, OFPHET_VERSIONBITMAP);
        be16_set(&eh->length, sizeof *eh + 4);
        ofpbuf_put_be32(out, h->version_bitmap);
    }
    return 0;
}

static enum ofperr
decode_error(struct ofp_msg *msg, struct ofp_cursor *c,
             struct ofp_arena *arena)
{
    struct ofp_error_msg *e = &msg->u.error;
    const struct ofp_error_wire *w;
    PULL_OR_BAD_LEN(w, c);
    e->type = be16_get(&w->type);
    e->code = be16_get(&w->code);
    if (msg->version == OFP13_VERSION && e->type == OFPET_EXPERIMENTER) {
        /* 'code' is exp_type; the experimenter id follows. */
        e->exp_type = e->code;
        e->code = 0;
        if (!ofp_cursor_u32(c, &e->experimenter)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        e->err = 0;
    } else {
        e->err = ofperr_decode(msg->version, e->type, e->code);
    }
    rest_as_payload(c, &e->data, &e->data_len);
    return 0;
}

static enum ofperr
encode_error(const struct ofp_msg *msg, uint8_t version, struct ofpbuf *out)
{
    const struct ofp_error_msg *e = &msg->u.error;
    uint16_t type = e->type, code = e->code;
    if (e->err) {
        if (!ofperr_is_valid(e->err)) {
            return OFPERR_OFPBRC_BAD_TYPE;
        }
        ofperr_encode(e->err, version, &type, &code);
    }
    ofpbuf_put_be16(out, type);
    if (version == OFP13_VERSION && type == OFPET_EXPERIMENTER && !e->err) {
        ofpbuf_put_be16(out, e->exp_type);
        ofpbuf_put_be32(out, e->experimenter);
    } else {
        ofpbuf_put_be16(out, code);
    }
    if (e->data_len) {
        ofpbuf_put(out, e->data, e->data_len);
    }
    return 0;
}

static enum ofperr
decode_echo(struct ofp_msg *msg, struct ofp_cursor *c,
            struct ofp_arena *arena)
{
    rest_as_payload(c, &msg->u.echo.data, &msg->u.echo.len);
    return 0;
}

static enum ofperr
encode_echo(const struct ofp_msg *msg, uint8_t version, struct ofpbuf *out)
{
    if (msg->u.echo.len) {
        ofpbuf_put(out, msg->u.echo.data, msg->u.echo.len);
    }
    return 0;
}

static enum ofperr
decode_experimenter(struct ofp_msg *msg, struct ofp_cursor *c,
                     struct ofp_arena *arena)
{
    struct ofp_experimenter_msg *x = &msg->u.experimenter;
    if (msg->version == OFP10_VERSION) {
        const struct ofp10_vendor_wire *w;
        PULL_OR_BAD_LEN(w, c);
        x->experimenter = be32_get(&w->vendor);
        x->exp_type = 0;
    } else {
        const struct ofp13_experimenter_wire *w;
        PULL_OR_BAD_LEN(w, c);
        x->experimenter = be32_get(&w->experimenter);
        x->exp_type = be32_get(&w->exp_type);
    }
    rest_as_payload(c, &x->data, &x->len);
    return 0;
}

static enum ofperr
encode_experimenter(const struct ofp_msg *msg, uint8_t version,
                    struct ofpbuf *out)
{
    const struct ofp_experimenter_msg *x = &msg->u.experimenter;
    if (version == OFP10_VERSION) {
        if (x->exp_type) {
            return OFPERR_OFPBRC_BAD_EXP_TYPE;
        }
        ofpbuf_put_be32(out, x->experimenter);
    } else {
        ofpbuf_put_be32(out, x->experimenter);
        ofpbuf_put_be32(out, x->exp_type);
    }
    if (x->len) {
        ofpbuf_put(out, x->data, x->len);
    }
    return 0;
}

static enum ofperr
decode_features_reply(struct ofp_msg *msg, struct ofp_cursor *c,
                      struct ofp_arena *arena)
{
    struct ofp_switch_features *f = &msg->u.features;
    if (msg->version == OFP10_VERSION) {
        const struct ofp10_switch_features *w;
        PULL_OR_BAD_LEN(w, c);
        f->datapath_id = be64_get(&w->datapath_id);
        f->n_buffers = be32_get(&w->n_buffers);
        f->n_tables = w->n_tables;
        f->capabilities = be32_get(&w->capabilities);
        f->actions = be32_get(&w->actions);

        size_t len = ofp_cursor_remaining(c);
        if (len % OFP10_PORT_LEN) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        size_t n = len / OFP10_PORT_LEN;
        if (n) {
            struct ofp_port *ports = ofp_arena_alloc(arena, n * sizeof *ports);
            if (!ports) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            for (size_t i = 0; i < n; i++) {
                enum ofperr error = ofp_port_decode(msg->version, c,
                                                    &ports[i]);
                if (error) {
                    return error;
                }
            }
            f->ports = ports;
            f->n_ports = n;
        }
    } else {
        const struct ofp13_switch_features *w;
        PULL_OR_BAD_LEN(w, c);
        f->datapath_id = be64_get(&w->datapath_id);
        f->n_buffers = be32_get(&w->n_buffers);
        f->n_tables = w->n_tables;
        f->auxiliary_id = w->auxiliary_id;
        f->capabilities = be32_get(&w->capabilities);
    }
    return 0;
}

/* 1.3 features replies carry no ports (they come in PORT_DESC replies), so
 * 'ports' is ignored for 1.3. */
static enum ofperr
encode_features_reply(const struct ofp_msg *msg, uint8_t version,
                      struct ofpbuf *out)
{
    const struct ofp_switch_features *f = &msg->u.features;
    if (version == OFP10_VERSION) {
        struct ofp10_switch_features *w = ofpbuf_put_zeros(out, sizeof *w);
        be64_set(&w->datapath_id, f->datapath_id);
        be32_set(&w->n_buffers, f->n_buffers);
        w->n_tables = f->n_tables;
        be32_set(&w->capabilities, f->capabilities);
        be32_set(&w->actions, f->actions);
        for (size_t i = 0; i < f->n_ports; i++) {
            enum ofperr error = ofp_port_encode(version, &f->ports[i], out);
            if (error) {
                return error;
            }
        }
    } else {
        struct ofp13_switch_features *w = ofpbuf_put_zeros(out, sizeof *w);
        be64_set(&w->datapath_id, f->datapath_id);
        be32_set(&w->n_buffers, f->n_buffers);
        w->n_tables = f->n_tables;
        w->auxiliary_id = f->auxiliary_id;
        be32_set(&w->capabilities, f->capabilities);
    }
    return 0;
}

static enum ofperr
decode_switch_config(struct ofp_msg *msg, struct ofp_cursor *c,
                     struct ofp_arena *arena)
{
    const struct ofp_switch_config_wire *w;
    PULL_OR_BAD_LEN(w, c);
    msg->u.config.flags = be16_get(&w->flags);
    msg->u.config.miss_send_len = be16_get(&w->miss_send_len);
    return 0;
}

static enum ofperr
encode_switch_config(const struct ofp_msg *msg, uint8_t version,
                     struct ofpbuf *out)
{
    struct ofp_switch_config_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be16_set(&w->flags, msg->u.config.flags);
    be16_set(&w->miss_send_len, msg->u.config.miss_send_len);
    return 0;
}

static enum ofperr
decode_packet_in(struct ofp_msg *msg, struct ofp_cursor *c,
                 struct ofp_arena *arena)
{
    struct ofp_packet_in *pin = &msg->u.packet_in;
    ofp_match_init_catchall(&pin->match);
    if (msg->version == OFP10_VERSION) {
        const struct ofp10_packet_in *w;
        PULL_OR_BAD_LEN(w, c);
        pin->buffer_id = be32_get(&w->buffer_id);
        pin->total_len = be16_get(&w->total_len);
        pin->in_port = ofp_port_from_of10(be16_get(&w->in_port));
        pin->reason = w->reason;
    } else {
        const struct ofp13_packet_in *w;
        PULL_OR_BAD_LEN(w, c);
        pin->buffer_id = be32_get(&w->buffer_id);
        pin->total_len = be16_get(&w->total_len);
        pin->reason = w->reason;
        pin->table_id = w->table_id;
        pin->cookie = be64_get(&w->cookie);
        /* Metadata Open vSwitch adds and we cannot model (ct_nw_src...)
         * must not cost us the packet. */
        enum ofperr error = ofp_match_decode_of13_packet_in(c, &pin->match);
        if (error) {
            return error;
        }
        if (!ofp_cursor_skip(c, 2)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        pin->in_port = ofp_match_has(&pin->match, OFPF_IN_PORT)
                       ? pin->match.v.in_port : 0;
    }
    rest_as_payload(c, &pin->data, &pin->data_len);
    return 0;
}

static enum ofperr
encode_packet_in(const struct ofp_msg *msg, uint8_t version,
                 struct ofpbuf *out)
{
    const struct ofp_packet_in *pin = &msg->u.packet_in;
    if (version == OFP10_VERSION) {
        if (!ofp_port_to_of10_ok(pin->in_port)) {
            return OFPERR_OFPBRC_BAD_PORT;
        }
        struct ofp10_packet_in *w = ofpbuf_put_zeros(out, sizeof *w);
        be32_set(&w->buffer_id, pin->buffer_id);
        be16_set(&w->total_len, pin->total_len);
        be16_set(&w->in_port, ofp_port_to_of10(pin->in_port));
        w->reason = pin->reason;
    } else {
        struct ofp13_packet_in *w = ofpbuf_put_zeros(out, sizeof *w);
        be32_set(&w->buffer_id, pin->buffer_id);
        be16_set(&w->total_len, pin->total_len);
        w->reason = pin->reason;
        w->table_id = pin->table_id;
        be64_set(&w->cookie, pin->cookie);

        /* 1.3 carries in_port only in the match.  Port 0 is not a port:
         * it is what a packet-in without an in_port field decodes to, so
         * it stays absent and the message round-trips. */
        struct ofp_match match = pin->match;
        if (!ofp_match_has(&match, OFPF_IN_PORT) && pin->in_port) {
            ofp_match_set_in_port(&match, pin->in_port);
        }
        enum ofperr error = ofp_match_encode_of13(&match, out, NULL);
        if (error) {
            return error;
        }
        ofpbuf_put_zeros(out, 2);
    }
    if (pin->data_len) {
        ofpbuf_put(out, pin->data, pin->data_len);
    }
    return 0;
}

static enum ofperr
decode_flow_removed(struct ofp_msg *msg, struct ofp_cursor *c,
                    struct ofp_arena *arena)
{
    struct ofp_flow_removed *fr = &msg->u.flow_removed;
    enum ofperr error;
    if (msg->version == OFP10_VERSION) {
        error = ofp_match_decode_of10(c, &fr->match);
        if (error) {
            return error;
        }
        const struct ofp10_flow_removed *w;
        PULL_OR_BAD_LEN(w, c);
        fr->cookie = be64_get(&w->cookie);
        fr->priority = be16_get(&w->priority);
        fr->reason = w->reason;
        fr->duration_sec = be32_get(&w->duration_sec);
        fr->duration_nsec = be32_get(&w->duration_nsec);
        fr->idle_timeout = be16_get(&w->idle_timeout);
        fr->packet_count = be64_get(&w->packet_count);
        fr->byte_count = be64_get(&w->byte_count);
    } else {
        const struct ofp13_flow_removed *w;
        PULL_OR_BAD_LEN(w, c);
        fr->cookie = be64_get(&w->cookie);
        fr->priority = be16_get(&w->priority);
        fr->reason = w->reason;
        fr->table_id = w->table_id;
        fr->duration_sec = be32_get(&w->duration_sec);
        fr->duration_nsec = be32_get(&w->duration_nsec);
        fr->idle_timeout = be16_get(&w->idle_timeout);
        fr->hard_timeout = be16_get(&w->hard_timeout);
        fr->packet_count = be64_get(&w->packet_count);
        fr->byte_count = be64_get(&w->byte_count);
        error = ofp_match_decode_of13(c, &fr->match);
        if (error) {
            return error;
        }
    }
    return 0;
}

static enum ofperr
encode_flow_removed(const struct ofp_msg *msg, uint8_t version,
                    struct ofpbuf *out)
{
    const struct ofp_flow_removed *fr = &msg->u.flow_removed;
    enum ofperr error;
    if (version == OFP10_VERSION) {
        error = ofp_match_encode_of10(&fr->match, out);
        if (error) {
            return error;
        }
        struct ofp10_flow_removed *w = ofpbuf_put_zeros(out, sizeof *w);
        be64_set(&w->cookie, fr->cookie);
        be16_set(&w->priority, fr->priority);
        w->reason = fr->reason;
        be32_set(&w->duration_sec, fr->duration_sec);
        be32_set(&w->duration_nsec, fr->duration_nsec);
        be16_set(&w->idle_timeout, fr->idle_timeout);
        be64_set(&w->packet_count, fr->packet_count);
        be64_set(&w->byte_count, fr->byte_count);
    } else {
        struct ofp13_flow_removed *w = ofpbuf_put_zeros(out, sizeof *w);
        be64_set(&w->cookie, fr->cookie);
        be16_set(&w->priority, fr->priority);
        w->reason = fr->reason;
        w->table_id = fr->table_id;
        be32_set(&w->duration_sec, fr->duration_sec);
        be32_set(&w->duration_nsec, fr->duration_nsec);
        be16_set(&w->idle_timeout, fr->idle_timeout);
        be16_set(&w->hard_timeout, fr->hard_timeout);
        be64_set(&w->packet_count, fr->packet_count);
        be64_set(&w->byte_count, fr->byte_count);
        error = ofp_match_encode_of13(&fr->match, out, NULL);
        if (error) {
            return error;
        }
    }
    return 0;
}

static enum ofperr
decode_port_status(struct ofp_msg *msg, struct ofp_cursor *c,
                   struct ofp_arena *arena)
{
    const struct ofp_port_status_wire *w;
    PULL_OR_BAD_LEN(w, c);
    msg->u.port_status.reason = w->reason;
    return ofp_port_decode(msg->version, c, &msg->u.port_status.desc);
}

static enum ofperr
encode_port_status(const struct ofp_msg *msg, uint8_t version,
                   struct ofpbuf *out)
{
    struct ofp_port_status_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    w->reason = msg->u.port_status.reason;
    return ofp_port_encode(version, &msg->u.port_status.desc, out);
}

static enum ofperr
decode_packet_out(struct ofp_msg *msg, struct ofp_cursor *c,
                  struct ofp_arena *arena)
{
    struct ofp_packet_out *po = &msg->u.packet_out;
    size_t actions_len;
    if (msg->version == OFP10_VERSION) {
        const struct ofp10_packet_out *w;
        PULL_OR_BAD_LEN(w, c);
        po->buffer_id = be32_get(&w->buffer_id);
        po->in_port = ofp_port_from_of10(be16_get(&w->in_port));
        actions_len = be16_get(&w->actions_len);
    } else {
        const struct ofp13_packet_out *w;
        PULL_OR_BAD_LEN(w, c);
        po->buffer_id = be32_get(&w->buffer_id);
        po->in_port = be32_get(&w->in_port);
        actions_len = be16_get(&w->actions_len);
    }
    struct ofp_cursor actions;
    if (!ofp_cursor_sub(c, actions_len, &actions)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    enum ofperr error = ofp_actions_decode(msg->version, &actions, arena,
                                           &po->actions);
    if (error) {
        return error;
    }
    rest_as_payload(c, &po->data, &po->data_len);
    return 0;
}

static enum ofperr
encode_packet_out(const struct ofp_msg *msg, uint8_t version,
                  struct ofpbuf *out)
{
    const struct ofp_packet_out *po = &msg->u.packet_out;
    size_t start = out->size;
    size_t len_ofs;
    if (version == OFP10_VERSION) {
        if (!ofp_port_to_of10_ok(po->in_port)) {
            return OFPERR_OFPBRC_BAD_PORT;
        }
        struct ofp10_packet_out *w = ofpbuf_put_zeros(out, sizeof *w);
        be32_set(&w->buffer_id, po->buffer_id);
        be16_set(&w->in_port, ofp_port_to_of10(po->in_port));
        len_ofs = start + offsetof(struct ofp10_packet_out, actions_len);
    } else {
        struct ofp13_packet_out *w = ofpbuf_put_zeros(out, sizeof *w);
        be32_set(&w->buffer_id, po->buffer_id);
        be32_set(&w->in_port, po->in_port);
        len_ofs = start + offsetof(struct ofp13_packet_out, actions_len);
    }
    size_t actions_start = out->size;
    enum ofperr error = ofp_actions_encode(version, &po->actions, out);
    if (error) {
        return error;
    }
    size_t actions_len = out->size - actions_start;
    if (actions_len > UINT16_MAX) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    be16_set(ofpbuf_at(out, len_ofs, sizeof(ofp_be16)),
             (uint16_t) actions_len);
    if (po->data_len) {
        ofpbuf_put(out, po->data, po->data_len);
    }
    return 0;
}

static enum ofperr
flow_mod_command_check(unsigned int command)
{
    return command <= OFPFC_DELETE_STRICT ? 0 : OFPERR_OFPFMFC_BAD_COMMAND;
}

static bool
flow_mod_command_is_delete(enum ofp_flow_mod_command command)
{
    return command == OFPFC_DELETE || command == OFPFC_DELETE_STRICT;
}

static uint16_t
flow_mod_flags_from_of10(uint16_t wire)
{
    uint16_t flags = wire & (OFPFF_SEND_FLOW_REM | OFPFF_CHECK_OVERLAP);
    if (wire & OFPFF10_WIRE_EMERG) {
        flags |= OFPFF10_EMERG;
    }
    return flags;
}

static enum ofperr
decode_flow_mod(struct ofp_msg *msg, struct ofp_cursor *c,
                struct ofp_arena *arena)
{
    struct ofp_flow_mod *fm = &msg->u.flow_mod;
    enum ofperr error;
    if (msg->version == OFP10_VERSION) {
        error = ofp_match_decode_of10(c, &fm->match);
        if (error) {
            return error;
        }
        const struct ofp10_flow_mod *w;
        PULL_OR_BAD_LEN(w, c);
        uint16_t command = be16_get(&w->command);
        error = flow_mod_command_check(command);
        if (error) {
            return error;
        }
        fm->command = (enum ofp_flow_mod_command) command;
        fm->cookie = be64_get(&w->cookie);
        fm->cookie_mask = 0;
        fm->table_id = flow_mod_command_is_delete(fm->command) ? OFPTT_ALL
                                                               : 0;
        fm->idle_timeout = be16_get(&w->idle_timeout);
        fm->hard_timeout = be16_get(&w->hard_timeout);
        fm->priority = be16_get(&w->priority);
        fm->buffer_id = be32_get(&w->buffer_id);
        fm->out_port = ofp_port_from_of10(be16_get(&w->out_port));
        fm->out_group = OFPG_ANY;
        fm->flags = flow_mod_flags_from_of10(be16_get(&w->flags));

        struct ofp_action_list *apply = &fm->instructions.apply;
        error = ofp_actions_decode(msg->version, c, arena, apply);
        if (error) {
            return error;
        }
        if (apply->n) {
            fm->instructions.present = OFPIB_APPLY_ACTIONS;
        }
    } else {
        const struct ofp13_flow_mod *w;
        PULL_OR_BAD_LEN(w, c);
        error = flow_mod_command_check(w->command);
        if (error) {
            return error;
        }
        fm->command = (enum ofp_flow_mod_command) w->command;
        fm->cookie = be64_get(&w->cookie);
        fm->cookie_mask = be64_get(&w->cookie_mask);
        fm->table_id = w->table_id;
        fm->idle_timeout = be16_get(&w->idle_timeout);
        fm->hard_timeout = be16_get(&w->hard_timeout);
        fm->priority = be16_get(&w->priority);
        fm->buffer_id = be32_get(&w->buffer_id);
        fm->out_port = be32_get(&w->out_port);
        fm->out_group = be32_get(&w->out_group);
        fm->flags = be16_get(&w->flags) & OFPFF13_ALL;
        error = ofp_match_decode_of13(c, &fm->match);
        if (error) {
            return error;
        }
        error = ofp_instructions_decode(c, arena, &fm->instructions);
        if (error) {
            return error;
        }
    }
    return 0;
}

static enum ofperr
encode_flow_mod(const struct ofp_msg *msg, uint8_t version,
                struct ofpbuf *out)
{
    const struct ofp_flow_mod *fm = &msg->u.flow_mod;
    enum ofperr error = flow_mod_command_check(fm->command);
    if (error) {
        return error;
    }
    if (version == OFP10_VERSION) {
        /* What 1.0 cannot say is refused rather than dropped: a dropped
         * cookie mask or out_group would widen a delete. */
        if (fm->table_id != 0 && fm->table_id != OFPTT_ALL) {
            return OFPERR_OFPFMFC_BAD_TABLE_ID;
        }
        if (fm->cookie_mask || fm->out_group != OFPG_ANY) {
            return OFPERR_OFPFMFC_UNKNOWN;
        }
        if (fm->flags & ~(OFPFF_SEND_FLOW_REM | OFPFF_CHECK_OVERLAP
                          | OFPFF10_EMERG)) {
            return OFPERR_OFPFMFC_BAD_FLAGS;
        }
        if (!ofp_port_to_of10_ok(fm->out_port)) {
            return OFPERR_OFPBRC_BAD_PORT;
        }
        error = ofp_match_encode_of10(&fm->match, out);
        if (error) {
            return error;
        }
        struct ofp10_flow_mod *w = ofpbuf_put_zeros(out, sizeof *w);
        uint16_t flags = fm->flags & (OFPFF_SEND_FLOW_REM
                                      | OFPFF_CHECK_OVERLAP);
        if (fm->flags & OFPFF10_EMERG) {
            flags |= OFPFF10_WIRE_EMERG;
        }
        be64_set(&w->cookie, fm->cookie);
        be16_set(&w->command, (uint16_t) fm->command);
        be16_set(&w->idle_timeout, fm->idle_timeout);
        be16_set(&w->hard_timeout, fm->hard_timeout);
        be16_set(&w->priority, fm->priority);
        be32_set(&w->buffer_id, fm->buffer_id);
        be16_set(&w->out_port, ofp_port_to_of10(fm->out_port));
        be16_set(&w->flags, flags);
    } else {
        if (fm->flags & ~OFPFF13_ALL) {
            return OFPERR_OFPFMFC_BAD_FLAGS;
        }
        struct ofp13_flow_mod *w = ofpbuf_put_zeros(out, sizeof *w);
        be64_set(&w->cookie, fm->cookie);
        be64_set(&w->cookie_mask, fm->cookie_mask);
        w->table_id = fm->table_id;
        w->command = (uint8_t) fm->command;
        be16_set(&w->idle_timeout, fm->idle_timeout);
        be16_set(&w->hard_timeout, fm->hard_timeout);
        be16_set(&w->priority, fm->priority);
        be32_set(&w->buffer_id, fm->buffer_id);
        be32_set(&w->out_port, fm->out_port);
        be32_set(&w->out_group, fm->out_group);
        be16_set(&w->flags, fm->flags);
        error = ofp_match_encode_of13(&fm->match, out, NULL);
        if (error) {
            return error;
        }
    }
    return ofp_instructions_encode(version, &fm->instructions, out);
}

static enum ofperr
decode_port_mod(struct ofp_msg *msg, struct ofp_cursor *c,
                struct ofp_arena *arena)
{
    struct ofp_port_mod *pm = &msg->u.port_mod;
    if (msg->version == OFP10_VERSION) {
        const struct ofp10_port_mod *w;
        PULL_OR_BAD_LEN(w, c);
        pm->port_no = ofp_port_from_of10(be16_get(&w->port_no));
        memcpy(pm->hw_addr, w->hw_addr, OFP_ETH_ALEN);
        pm->config = be32_get(&w->config);
        pm->mask = be32_get(&w->mask);
        pm->advertise = port_features_from_of10(be32_get(&w->advertise));
    } else {
        const struct ofp13_port_mod *w;
        PULL_OR_BAD_LEN(w, c);
        pm->port_no = be32_get(&w->port_no);
        memcpy(pm->hw_addr, w->hw_addr, OFP_ETH_ALEN);
        pm->config = be32_get(&w->config);
        pm->mask = be32_get(&w->mask);
        pm->advertise = be32_get(&w->advertise);
    }
    return 0;
}

static enum ofperr
encode_port_mod(const struct ofp_msg *msg, uint8_t version,
                struct ofpbuf *out)
{
    const struct ofp_port_mod *pm = &msg->u.port_mod;
    if (version == OFP10_VERSION) {
        if (!ofp_port_to_of10_ok(pm->port_no)) {
            return OFPERR_OFPBRC_BAD_PORT;
        }
        struct ofp10_port_mod *w = ofpbuf_put_zeros(out, sizeof *w);
        be16_set(&w->port_no, ofp_port_to_of10(pm->port_no));
        memcpy(w->hw_addr, pm->hw_addr, OFP_ETH_ALEN);
        be32_set(&w->config, pm->config);
        be32_set(&w->mask, pm->mask);
        be32_set(&w->advertise, port_features_to_of10(pm->advertise));
    } else {
        struct ofp13_port_mod *w = ofpbuf_put_zeros(out, sizeof *w);
        be32_set(&w->port_no, pm->port_no);
        memcpy(w->hw_addr, pm->hw_addr, OFP_ETH_ALEN);
        be32_set(&w->config, pm->config);
        be32_set(&w->mask, pm->mask);
        be32_set(&w->advertise, pm->advertise);
    }
    return 0;
}

static enum ofperr
decode_role(struct ofp_msg *msg, struct ofp_cursor *c,
            struct ofp_arena *arena)
{
    const struct ofp13_role_wire *w;
    PULL_OR_BAD_LEN(w, c);
    msg->u.role.role = be32_get(&w->role);
    msg->u.role.generation_id = be64_get(&w->generation_id);
    return 0;
}

static enum ofperr
encode_role(const struct ofp_msg *msg, uint8_t version, struct ofpbuf *out)
{
    struct ofp13_role_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be32_set(&w->role, msg->u.role.role);
    be64_set(&w->generation_id, msg->u.role.generation_id);
    return 0;
}

/* GROUP_MOD and METER_MOD: bodies are ofp-stats.c's. */
static enum ofperr
decode_group_mod(struct ofp_msg *msg, struct ofp_cursor *c,
                 struct ofp_arena *arena)
{
    return ofp_group_mod_decode(msg, c, arena);
}

static enum ofperr
encode_group_mod(const struct ofp_msg *msg, uint8_t version,
                 struct ofpbuf *out)
{
    return ofp_group_mod_encode(msg, out);
}

static enum ofperr
decode_meter_mod(struct ofp_msg *msg, struct ofp_cursor *c,
                 struct ofp_arena *arena)
{
    return ofp_meter_mod_decode(msg, c, arena);
}

static enum ofperr
encode_meter_mod(const struct ofp_msg *msg, uint8_t version,
                 struct ofpbuf *out)
{
    return ofp_meter_mod_encode(msg, out);
}

/* Multipart framing; the bodies are ofp-stats.c's.  'reply' comes from the
 * wire type, so the same decoder serves both directions. */
static enum ofperr
decode_multipart(struct ofp_msg *msg, struct ofp_cursor *c,
                 struct ofp_arena *arena, bool reply)
{
    uint16_t mp_type, flags;
    if (msg->version == OFP10_VERSION) {
        const struct ofp10_stats_wire *w;
        PULL_OR_BAD_LEN(w, c);
        mp_type = be16_get(&w->type);
        flags = be16_get(&w->flags);
    } else {
        const struct ofp13_multipart_wire *w;
        PULL_OR_BAD_LEN(w, c);
        mp_type = be16_get(&w->type);
        flags = be16_get(&w->flags);
    }
    enum ofperr error = ofp_stats_type_from_wire(msg->version, reply,
                                                 mp_type, &msg->type);
    if (error) {
        return error;
    }
    msg->mp_flags = flags;
    return ofp_stats_decode_body(msg, c, arena);
}

static enum ofperr
decode_mp_request(struct ofp_msg *msg, struct ofp_cursor *c,
                  struct ofp_arena *arena)
{
    return decode_multipart(msg, c, arena, false);
}

static enum ofperr
decode_mp_reply(struct ofp_msg *msg, struct ofp_cursor *c,
                struct ofp_arena *arena)
{
    return decode_multipart(msg, c, arena, true);
}

static enum ofperr
encode_multipart(const struct ofp_msg *msg, uint8_t version,
                 struct ofpbuf *out)
{
    uint16_t mp_type;
    if (ofp_stats_type_to_wire(msg->type, version, &mp_type)) {
        /* A multipart type the version lacks is, to a caller of
         * ofp_encode(), a message the version lacks. */
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    if (version == OFP10_VERSION) {
        struct ofp10_stats_wire *w = ofpbuf_put_zeros(out, sizeof *w);
        be16_set(&w->type, mp_type);
        be16_set(&w->flags, msg->mp_flags);
    } else {
        struct ofp13_multipart_wire *w = ofpbuf_put_zeros(out, sizeof *w);
        be16_set(&w->type, mp_type);
        be16_set(&w->flags, msg->mp_flags);
    }
    return ofp_stats_encode_body(msg, version, out);
}

/* ---- The message table. ------------------------------------------------ */

typedef enum ofperr msg_decode_fn(struct ofp_msg *, struct ofp_cursor *,
                                  struct ofp_arena *);
typedef enum ofperr msg_encode_fn(const struct ofp_msg *, uint8_t version,
                                  struct ofpbuf *);

enum msg_mp {
    MSG_MP_NONE,     /* 'type' is the message type. */
    MSG_MP_REQUEST,  /* Any multipart request; ofp-stats.c picks 'type'. */
    MSG_MP_REPLY,    /* Any multipart reply. */
};

/* One OpenFlow message of one version.  'min_len' counts the header: it is
 * checked once, in ofp_decode(), before any decoder runs. */
struct msg_row {
    uint8_t version;        /* 0: any version (HELLO only). */
    uint8_t wire_type;
    enum ofp_msg_type type;
    enum msg_mp mp;
    uint16_t min_len;
    bool fixed;             /* Exactly 'min_len' bytes, no more. */
    msg_decode_fn *decode;
    msg_encode_fn *encode;
};

#define V10 OFP10_VERSION
#define V13 OFP13_VERSION
#define H OFP_HEADER_LEN
#define ROW(VER, WIRE, TYPE, MIN, DEC, ENC) \
    { VER, WIRE, OFPMSG_##TYPE, MSG_MP_NONE, MIN, false, DEC, ENC }
#define FIXED(VER, WIRE, TYPE, LEN, DEC, ENC) \
    { VER, WIRE, OFPMSG_##TYPE, MSG_MP_NONE, LEN, true, DEC, ENC }
#define MP_ROW(VER, WIRE, MP, MIN, DEC) \
    { VER, WIRE, OFPMSG_DESC_REQUEST, MP, MIN, false, DEC, encode_multipart }

static const struct msg_row msg_table[] = {
    ROW(0, OFPT10_HELLO, HELLO, H, decode_hello, encode_hello),

    /* OpenFlow 1.0. */
    ROW(V10, OFPT10_ERROR, ERROR, H + 4, decode_error, encode_error),
    ROW(V10, OFPT10_ECHO_REQUEST, ECHO_REQUEST, H, decode_echo, encode_echo),
    ROW(V10, OFPT10_ECHO_REPLY, ECHO_REPLY, H, decode_echo, encode_echo),
    ROW(V10, OFPT10_VENDOR, EXPERIMENTER, H + 4, decode_experimenter,
        encode_experimenter),
    FIXED(V10, OFPT10_FEATURES_REQUEST, FEATURES_REQUEST, H, decode_empty,
        encode_empty),
    ROW(V10, OFPT10_FEATURES_REPLY, FEATURES_REPLY, H + 24,
        decode_features_reply, encode_features_reply),
    FIXED(V10, OFPT10_GET_CONFIG_REQUEST, GET_CONFIG_REQUEST, H, decode_empty,
        encode_empty),
    FIXED(V10, OFPT10_GET_CONFIG_REPLY, GET_CONFIG_REPLY, H + 4,
        decode_switch_config, encode_switch_config),
    FIXED(V10, OFPT10_SET_CONFIG, SET_CONFIG, H + 4, decode_switch_config,
        encode_switch_config),
    ROW(V10, OFPT10_PACKET_IN, PACKET_IN, H + 10, decode_packet_in,
        encode_packet_in),
    FIXED(V10, OFPT10_FLOW_REMOVED, FLOW_REMOVED, H + OFP10_MATCH_LEN + 40,
        decode_flow_removed, encode_flow_removed),
    FIXED(V10, OFPT10_PORT_STATUS, PORT_STATUS, H + 8 + OFP10_PORT_LEN,
        decode_port_status, encode_port_status),
    ROW(V10, OFPT10_PACKET_OUT, PACKET_OUT, H + 8, decode_packet_out,
        encode_packet_out),
    ROW(V10, OFPT10_FLOW_MOD, FLOW_MOD, H + OFP10_MATCH_LEN + 24,
        decode_flow_mod, encode_flow_mod),
    FIXED(V10, OFPT10_PORT_MOD, PORT_MOD, H + 24, decode_port_mod,
        encode_port_mod),
    MP_ROW(V10, OFPT10_STATS_REQUEST, MSG_MP_REQUEST, H + 4,
           decode_mp_request),
    MP_ROW(V10, OFPT10_STATS_REPLY, MSG_MP_REPLY, H + 4, decode_mp_reply),
    FIXED(V10, OFPT10_BARRIER_REQUEST, BARRIER_REQUEST, H, decode_empty,
        encode_empty),
    FIXED(V10, OFPT10_BARRIER_REPLY, BARRIER_REPLY, H, decode_empty,
        encode_empty),

    /* OpenFlow 1.3. */
    ROW(V13, OFPT13_ERROR, ERROR, H + 4, decode_error, encode_error),
    ROW(V13, OFPT13_ECHO_REQUEST, ECHO_REQUEST, H, decode_echo, encode_echo),
    ROW(V13, OFPT13_ECHO_REPLY, ECHO_REPLY, H, decode_echo, encode_echo),
    ROW(V13, OFPT13_EXPERIMENTER, EXPERIMENTER, H + 8, decode_experimenter,
        encode_experimenter),
    FIXED(V13, OFPT13_FEATURES_REQUEST, FEATURES_REQUEST, H, decode_empty,
        encode_empty),
    FIXED(V13, OFPT13_FEATURES_REPLY, FEATURES_REPLY, H + 24,
        decode_features_reply, encode_features_reply),
    FIXED(V13, OFPT13_GET_CONFIG_REQUEST, GET_CONFIG_REQUEST, H, decode_empty,
        encode_empty),
    FIXED(V13, OFPT13_GET_CONFIG_REPLY, GET_CONFIG_REPLY, H + 4,
        decode_switch_config, encode_switch_config),
    FIXED(V13, OFPT13_SET_CONFIG, SET_CONFIG, H + 4, decode_switch_config,
        encode_switch_config),
    ROW(V13, OFPT13_PACKET_IN, PACKET_IN, H + 16 + OFP13_MATCH_MIN_LEN + 2,
        decode_packet_in, encode_packet_in),
    ROW(V13, OFPT13_FLOW_REMOVED, FLOW_REMOVED, H + 40 + OFP13_MATCH_MIN_LEN,
        decode_flow_removed, encode_flow_removed),
    FIXED(V13, OFPT13_PORT_STATUS, PORT_STATUS, H + 8 + OFP13_PORT_LEN,
        decode_port_status, encode_port_status),
    ROW(V13, OFPT13_PACKET_OUT, PACKET_OUT, H + 16, decode_packet_out,
        encode_packet_out),
    ROW(V13, OFPT13_FLOW_MOD, FLOW_MOD, H + 40 + OFP13_MATCH_MIN_LEN,
        decode_flow_mod, encode_flow_mod),
    ROW(V13, OFPT13_GROUP_MOD, GROUP_MOD, H + 8, decode_group_mod,
        encode_group_mod),
    FIXED(V13, OFPT13_PORT_MOD, PORT_MOD, H + 32, decode_port_mod,
        encode_port_mod),
    MP_ROW(V13, OFPT13_MULTIPART_REQUEST, MSG_MP_REQUEST, H + 8,
           decode_mp_request),
    MP_ROW(V13, OFPT13_MULTIPART_REPLY, MSG_MP_REPLY, H + 8,
           decode_mp_reply),
    FIXED(V13, OFPT13_BARRIER_REQUEST, BARRIER_REQUEST, H, decode_empty,
        encode_empty),
    FIXED(V13, OFPT13_BARRIER_REPLY, BARRIER_REPLY, H, decode_empty,
        encode_empty),
    FIXED(V13, OFPT13_ROLE_REQUEST, ROLE_REQUEST, H + 16, decode_role,
        encode_role),
    FIXED(V13, OFPT13_ROLE_REPLY, ROLE_REPLY, H + 16, decode_role,
        encode_role),
    ROW(V13, OFPT13_METER_MOD, METER_MOD, H + 8, decode_meter_mod,
        encode_meter_mod),
};

#undef V10
#undef V13
#undef H
#undef ROW
#undef FIXED
#undef MP_ROW

/* Finds the row for a received (version, wire type), or NULL. */
static const struct msg_row *
msg_row_by_wire(uint8_t version, uint8_t wire_type)
{
    for (size_t i = 0; i < ARRAY_SIZE(msg_table); i++) {
        const struct msg_row *row = &msg_table[i];
        if (row->wire_type == wire_type
            && (row->version == version || row->version == 0)) {
            return row;
        }
    }
    return NULL;
}

/* Finds the row that encodes 'type' for 'version', or NULL. */
static const struct msg_row *
msg_row_by_type(enum ofp_msg_type type, uint8_t version)
{
    enum msg_mp mp = (!ofp_msg_type_is_multipart(type) ? MSG_MP_NONE
                      : msg_type_is_mp_reply(type) ? MSG_MP_REPLY
                      : MSG_MP_REQUEST);
    for (size_t i = 0; i < ARRAY_SIZE(msg_table); i++) {
        const struct msg_row *row = &msg_table[i];
        if ((row->version == version || row->version == 0) && row->mp == mp
            && (mp != MSG_MP_NONE || row->type == type)) {
            return row;
        }
    }
    return NULL;
}

/* ---- Decoding and encoding. ------------------------------------------- */

enum ofperr
ofp_header_decode(const void *data, size_t size, uint8_t *version,
                  uint8_t *type, uint16_t *length, uint32_t *xid)
{
    struct ofp_cursor c = ofp_cursor_init(data, size);
    const struct ofp_header_wire *oh = ofp_cursor_pull(&c, sizeof *oh);
    if (!oh) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    *version = oh->version;
    *type = oh->type;
    *length = be16_get(&oh->length);
    *xid = be32_get(&oh->xid);
    return *length < OFP_HEADER_LEN ? OFPERR_OFPBRC_BAD_LEN : 0;
}

enum ofperr
ofp_decode(const void *data, size_t size, struct ofp_arena *arena,
           struct ofp_msg *msg)
{
    memset(msg, 0, sizeof *msg);
    ofp_arena_reset(arena);

    uint8_t version, wire_type;
    uint16_t length;
    uint32_t xid;
    enum ofperr error = ofp_header_decode(data, size, &version, &wire_type,
                                          &length, &xid);
    if (error) {
        return error;
    }
    if (length != size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    msg->version = version;
    msg->xid = xid;
    if (version != OFP10_VERSION && version != OFP13_VERSION
        && wire_type != OFPT10_HELLO) {
        return OFPERR_OFPBRC_BAD_VERSION;
    }

    const struct msg_row *row = msg_row_by_wire(version, wire_type);
    if (!row) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    if (size < row->min_len || (row->fixed && size != row->min_len)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    msg->type = row->type;

    /* One reservation bounds everything the decoders carve, so the arena
     * never moves under pointers already handed out. */
    ofp_arena_reserve(arena, OFP_ARENA_BOUND(size));

    struct ofp_cursor c = ofp_cursor_init(data, size);
    ofp_cursor_skip(&c, OFP_HEADER_LEN);
    return row->decode(msg, &c, arena);
}

enum ofperr
ofp_encode(const struct ofp_msg *msg, uint8_t version, struct ofpbuf *out)
{
    if (version != OFP10_VERSION && version != OFP13_VERSION) {
        return OFPERR_OFPBRC_BAD_VERSION;
    }
    const struct msg_row *row = msg_row_by_type(msg->type, version);
    if (!row) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }

    size_t start = out->size;
    struct ofp_header_wire *oh = ofpbuf_put_zeros(out, sizeof *oh);
    oh->version = version;
    oh->type = row->wire_type;
    be32_set(&oh->xid, msg->xid);

    enum ofperr error = row->encode(msg, version, out);
    if (!error && out->size - start > OFP_MAX_MSG_LEN) {
        error = OFPERR_OFPBRC_BAD_LEN;
    }
    if (error) {
        ofpbuf_truncate(out, start);
        return error;
    }
    oh = ofpbuf_at(out, start, sizeof *oh);
    be16_set(&oh->length, (uint16_t) (out->size - start));
    return 0;
}

/* Bytes of the offending request echoed in an error reply. */
#define ERROR_REPLY_DATA_MAX 64

void
ofp_encode_error_reply(enum ofperr err, const void *request,
                       size_t request_len, uint8_t version,
                       struct ofpbuf *out)
{
    uint8_t req_version, req_type;
    uint16_t req_length;
    uint32_t xid = 0;
    if (request && request_len >= OFP_HEADER_LEN) {
        /* A bad length field still gives a usable xid. */
        ofp_header_decode(request, request_len, &req_version, &req_type,
                          &req_length, &xid);
    }

    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_ERROR, xid);
    msg.u.error.err = err;
    msg.u.error.data = request;
    msg.u.error.data_len = (!request ? 0
                            : request_len < ERROR_REPLY_DATA_MAX ? request_len
                            : ERROR_REPLY_DATA_MAX);
    ofp_encode(&msg, version, out);
}
