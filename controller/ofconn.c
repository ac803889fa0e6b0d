/* One OpenFlow session with a switch, without I/O: see ofconn.h. */
#include <config.h>

#include "controller/ofconn.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/log.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-print.h"

#define OFCONN_RX_MIN_SPACE (64 * 1024)
#define OFCONN_MAX_PORTS 4096
/* A session that keeps sending malformed messages is not a switch having a
 * bad moment: after this many, and more bad than good, it is closed. */
#define OFCONN_MAX_BAD_MSGS 100

struct ofconn {
    struct ofconn_settings s;
    const struct ofconn_handler *handler;
    void *aux;
    char *name;                 /* For log lines; owned. */

    enum ofconn_state state;
    char *close_reason;         /* Owned; NULL while open. */
    uint8_t version;            /* Negotiated; 0 before. */
    uint32_t next_xid;

    /* Input: bytes [0, rx_len) of 'rx' are received and not yet handled. */
    uint8_t *rx;
    size_t rx_len, rx_cap;
    struct ofp_arena arena;     /* Decode results of the current message. */
    uint64_t bad_msgs;

    /* Output: bytes [tx_ofs, tx.size) of 'tx' wait to be written. */
    struct ofpbuf tx;
    size_t tx_ofs;

    /* Handshake. */
    uint32_t hs_xid;            /* The request we wait an answer to. */
    uint64_t hs_deadline;
    struct ofp_switch_features features;  /* 'ports' points to ours. */
    struct ofp_port *ports;     /* Owned array. */
    size_t n_ports, cap_ports;

    /* Keepalive. */
    bool rx_paused;             /* See ofconn_set_rx_paused(). */
    uint64_t now;
    uint64_t last_rx;
    bool echo_pending;
    uint32_t echo_xid;
    uint64_t echo_sent;

    /* Packet-in token bucket, in thousandths of a packet-in. */
    uint64_t pin_tokens;
    uint64_t pin_last;

    struct ofconn_stats stats;
};

static void ofconn_handle(struct ofconn *, const uint8_t *, size_t);

static uint8_t
ofconn_max_version(const struct ofconn *c)
{
    return c->s.versions & (1u << OFP13_VERSION) ? OFP13_VERSION
                                                 : OFP10_VERSION;
}

struct ofconn *
ofconn_create(const struct ofconn_settings *s,
              const struct ofconn_handler *handler, void *aux,
              uint64_t now_ms)
{
    struct ofconn *c = xzalloc(sizeof *c);
    c->s = *s;
    if (!(c->s.versions & ((1u << OFP10_VERSION) | (1u << OFP13_VERSION)))) {
        c->s.versions = (1u << OFP10_VERSION) | (1u << OFP13_VERSION);
    }
    c->handler = handler;
    c->aux = aux;
    c->name = xstrdup("switch");
    c->state = OFCONN_HELLO;
    c->next_xid = 1;
    ofp_arena_init(&c->arena);
    ofpbuf_init(&c->tx);
    c->now = now_ms;
    c->last_rx = now_ms;
    c->hs_deadline = now_ms + s->handshake_timeout_ms;
    c->pin_tokens = (uint64_t) s->packet_in_burst * 1000;
    c->pin_last = now_ms;

    /* Our HELLO: the highest version we allow in the header and, so a 1.3+
     * switch can pick exactly, the bitmap of all of them. */
    struct ofp_msg hello;
    ofp_msg_init(&hello, OFPMSG_HELLO, 0);
    hello.u.hello.has_bitmap = ofconn_max_version(c) >= OFP13_VERSION;
    hello.u.hello.version_bitmap = c->s.versions;
    c->version = ofconn_max_version(c);    /* Only for encoding HELLO. */
    ofconn_send(c, &hello, NULL);
    c->version = 0;
    return c;
}

void
ofconn_destroy(struct ofconn *c)
{
    if (c) {
        free(c->name);
        free(c->close_reason);
        free(c->rx);
        free(c->ports);
        ofp_arena_uninit(&c->arena);
        ofpbuf_uninit(&c->tx);
        free(c);
    }
}

void
ofconn_set_name(struct ofconn *c, const char *name)
{
    free(c->name);
    c->name = xstrdup(name);
}

const char *
ofconn_name(const struct ofconn *c)
{
    return c->name;
}

/* ---- State. ------------------------------------------------------------ */

enum ofconn_state
ofconn_state(const struct ofconn *c)
{
    return c->state;
}

const char *
ofconn_state_name(enum ofconn_state state)
{
    static const char *const names[] = {
        [OFCONN_HELLO] = "HELLO", [OFCONN_FEATURES] = "FEATURES",
        [OFCONN_PORT_DESC] = "PORT_DESC", [OFCONN_BARRIER] = "BARRIER",
        [OFCONN_READY] = "READY", [OFCONN_CLOSED] = "CLOSED",
    };
    return state <= OFCONN_CLOSED ? names[state] : "?";
}

void
ofconn_close(struct ofconn *c, const char *reason)
{
    if (c->state != OFCONN_CLOSED) {
        c->state = OFCONN_CLOSED;
        c->close_reason = xstrdup(reason);
    }
}

static void ofconn_closef(struct ofconn *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
ofconn_closef(struct ofconn *c, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    ofconn_close(c, ds_cstr(&ds));
    ds_destroy(&ds);
}

const char *
ofconn_close_reason(const struct ofconn *c)
{
    return c->close_reason;
}

uint8_t
ofconn_version(const struct ofconn *c)
{
    return c->version;
}

uint64_t
ofconn_dpid(const struct ofconn *c)
{
    return c->features.datapath_id;
}

const struct ofp_switch_features *
ofconn_features(const struct ofconn *c)
{
    return &c->features;
}

const struct ofp_port *
ofconn_ports(const struct ofconn *c, size_t *n)
{
    *n = c->n_ports;
    return c->ports;
}

const struct ofconn_stats *
ofconn_stats(const struct ofconn *c)
{
    return &c->stats;
}

uint32_t
ofconn_next_xid(struct ofconn *c)
{
    uint32_t xid = c->next_xid++;
    if (!c->next_xid) {
        c->next_xid = 1;
    }
    return xid;
}

/* ---- Output. ----------------------------------------------------------- */

static size_t
ofconn_tx_pending(const struct ofconn *c)
{
    return c->tx.size - c->tx_ofs;
}

static enum ofperr
ofconn_queue(struct ofconn *c, const struct ofp_msg *msg, uint32_t *xidp,
             bool droppable)
{
    if (c->state == OFCONN_CLOSED) {
        return OFPERR_OFPBRC_EPERM;
    }
    size_t pending = ofconn_tx_pending(c);
    if (droppable && pending > c->s.tx_limit / 2) {
        static struct log_ratelimit rl = LOG_RATELIMIT_INIT(6, 1);
        c->stats.tx_drops++;
        log_msg_rl(&rl, LOG_WARN, "ofconn", "%s: output queue over half "
                   "full (%zu bytes): dropping packet-outs (%llu so far)",
                   c->name, pending, (unsigned long long) c->stats.tx_drops);
        return OFPERR_OFPBRC_EPERM;
    }
    if (pending > c->s.tx_limit) {
        ofconn_closef(c, "output queue over %zu bytes: the switch is not "
                      "reading", c->s.tx_limit);
        return OFPERR_OFPBRC_EPERM;
    }

    size_t start = c->tx.size;
    enum ofperr err = ofp_encode(msg, c->version, &c->tx);
    if (err) {
        return err;
    }
    /* Allocate the xid in the encoded bytes instead of copying the
     * (large) message struct to set it. */
    uint32_t xid = msg->xid;
    if (!xid) {
        xid = ofconn_next_xid(c);
        be32_set(ofpbuf_at(&c->tx, start + 4, 4), xid);
    }
    if (xidp) {
        *xidp = xid;
    }
    c->stats.tx_msgs++;
    c->stats.flow_mods += msg->type == OFPMSG_FLOW_MOD;
    return 0;
}

enum ofperr
ofconn_send(struct ofconn *c, const struct ofp_msg *msg, uint32_t *xidp)
{
    return ofconn_queue(c, msg, xidp, false);
}

enum ofperr
ofconn_send_droppable(struct ofconn *c, const struct ofp_msg *msg,
                      uint32_t *xidp)
{
    return ofconn_queue(c, msg, xidp, true);
}

void
ofconn_set_rx_paused(struct ofconn *c, bool paused)
{
    c->rx_paused = paused;
}

size_t
ofconn_tx_limit(const struct ofconn *c)
{
    return c->s.tx_limit;
}

const uint8_t *
ofconn_tx_data(const struct ofconn *c, size_t *n)
{
    *n = ofconn_tx_pending(c);
    return c->tx.data ? c->tx.data + c->tx_ofs : NULL;
}

void
ofconn_tx_consumed(struct ofconn *c, size_t n)
{
    if (n > ofconn_tx_pending(c)) {
        n = ofconn_tx_pending(c);
    }
    c->tx_ofs += n;
    c->stats.tx_bytes += n;
    if (c->tx_ofs == c->tx.size) {
        ofpbuf_clear(&c->tx);
        c->tx_ofs = 0;
    } else if (c->tx_ofs > c->tx.allocated / 2) {
        /* Keep the buffer from growing when the switch is only a little
         * behind: slide the unwritten tail to the front. */
        memmove(c->tx.data, c->tx.data + c->tx_ofs, ofconn_tx_pending(c));
        c->tx.size -= c->tx_ofs;
        c->tx_ofs = 0;
    }
}

/* Sends an OFPT_ERROR in reply to the bad message at 'raw'. */
static void
ofconn_reply_error(struct ofconn *c, enum ofperr err, const uint8_t *raw,
                   size_t len)
{
    static struct log_ratelimit rl = LOG_RATELIMIT_INIT(60, 20);
    struct ds ds = DS_EMPTY_INITIALIZER;
    ofp_hex_dump(raw, len > 64 ? 64 : len, &ds);
    ds_chomp(&ds, "\n");
    log_msg_rl(&rl, LOG_WARN, "ofconn", "%s: bad message (%s: %s), "
               "replying with an error; first bytes:\n%s", c->name,
               ofperr_name(err), ofperr_description(err), ds_cstr(&ds));
    ds_destroy(&ds);

    uint8_t version = c->version ? c->version : ofconn_max_version(c);
    ofp_encode_error_reply(err, raw, len, version, &c->tx);
    c->stats.errors_tx++;
    c->stats.tx_msgs++;
}

/* ---- Input. ------------------------------------------------------------ */

uint8_t *
ofconn_rx_space(struct ofconn *c, size_t *space)
{
    if (c->rx_cap - c->rx_len < OFCONN_RX_MIN_SPACE) {
        c->rx_cap = c->rx_len + 2 * OFCONN_RX_MIN_SPACE;
        c->rx = xrealloc(c->rx, c->rx_cap);
    }
    *space = c->rx_cap - c->rx_len;
    return c->rx + c->rx_len;
}

void
ofconn_rx_commit(struct ofconn *c, size_t n, uint64_t now_ms)
{
    c->now = now_ms;
    c->rx_len += n;
    c->stats.rx_bytes += n;
    if (n) {
        c->last_rx = now_ms;
        c->echo_pending = false;   /* Any traffic proves the switch lives. */
    }

    size_t pos = 0;
    while (c->state != OFCONN_CLOSED && c->rx_len - pos >= OFP_HEADER_LEN) {
        uint8_t version, type;
        uint16_t length;
        uint32_t xid;
        if (ofp_header_decode(c->rx + pos, c->rx_len - pos, &version, &type,
                              &length, &xid)) {
            /* Below 8 bytes nothing can say where the next message starts:
             * the stream cannot be trusted any more. */
            ofconn_closef(c, "message length %u is below the header size: "
                          "framing lost", length);
            break;
        }
        if (c->rx_len - pos < length) {
            break;
        }
        ofconn_handle(c, c->rx + pos, length);
        pos += length;
    }
    if (pos) {
        memmove(c->rx, c->rx + pos, c->rx_len - pos);
        c->rx_len -= pos;
    }
}

void
ofconn_rx(struct ofconn *c, const void *data, size_t n, uint64_t now_ms)
{
    const uint8_t *p = data;
    while (n && c->state != OFCONN_CLOSED) {
        size_t space;
        uint8_t *dst = ofconn_rx_space(c, &space);
        size_t chunk = n < space ? n : space;
        memcpy(dst, p, chunk);
        ofconn_rx_commit(c, chunk, now_ms);
        p += chunk;
        n -= chunk;
    }
}

/* Keeps our copy of the switch's ports. */
static void
ofconn_port_update(struct ofconn *c, uint8_t reason, const struct ofp_port *p)
{
    size_t i;
    for (i = 0; i < c->n_ports; i++) {
        if (c->ports[i].port_no == p->port_no) {
            break;
        }
    }
    if (reason == OFPPR_DELETE) {
        if (i < c->n_ports) {
            c->ports[i] = c->ports[--c->n_ports];
        }
    } else if (i < c->n_ports) {
        c->ports[i] = *p;
    } else if (c->n_ports < OFCONN_MAX_PORTS) {
        if (c->n_ports == c->cap_ports) {
            c->cap_ports = c->cap_ports ? 2 * c->cap_ports : 16;
            c->ports = xrealloc(c->ports, c->cap_ports * sizeof *c->ports);
        }
        c->ports[c->n_ports++] = *p;
    }
    c->features.ports = c->ports;
    c->features.n_ports = c->n_ports;
}

static void
ofconn_send_request(struct ofconn *c, enum ofp_msg_type type,
                    enum ofconn_state next)
{
    struct ofp_msg m;
    ofp_msg_init(&m, type, 0);
    if (!ofconn_send(c, &m, &c->hs_xid)) {
        c->state = next;
    }
}

/* Table-miss flows: in the 1.3 pipeline each table passes misses to the
 * next and the last sends them to the controller; 1.0 has one table. */
static void
ofconn_send_table_miss(struct ofconn *c)
{
    unsigned int n_tables = 1;
    if (c->version == OFP13_VERSION) {
        n_tables = c->features.n_tables < OFCONN_N_TABLES
                   ? c->features.n_tables : OFCONN_N_TABLES;
        if (!n_tables) {
            n_tables = 1;
        }
    }
    for (unsigned int t = 0; t < n_tables; t++) {
        struct ofp_action out = { .type = OFPACT_OUTPUT };
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_FLOW_MOD, 0);
        struct ofp_flow_mod *fm = &m.u.flow_mod;
        fm->command = OFPFC_ADD;
        fm->table_id = (uint8_t) t;
        fm->priority = 0;
        fm->cookie = OFCONN_CORE_COOKIE;
        if (t + 1 < n_tables) {
            fm->instructions.present = OFPIB_GOTO_TABLE;
            fm->instructions.goto_table = (uint8_t) (t + 1);
        } else {
            out.u.output.port = OFPP_CONTROLLER;
            out.u.output.max_len = OFPCML_NO_BUFFER;
            fm->instructions.present = OFPIB_APPLY_ACTIONS;
            fm->instructions.apply.actions = &out;
            fm->instructions.apply.n = 1;
        }
        ofconn_send(c, &m, NULL);
    }
}

static void
ofconn_configure(struct ofconn *c)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_SET_CONFIG, 0);
    m.u.config.flags = OFPC_FRAG_NORMAL;
    m.u.config.miss_send_len = OFPCML_NO_BUFFER;
    ofconn_send(c, &m, NULL);
    ofconn_send_table_miss(c);
    ofconn_send_request(c, OFPMSG_BARRIER_REQUEST, OFCONN_BARRIER);
}

/* Picks the version from the switch's HELLO. */
static void
ofconn_negotiate(struct ofconn *c, const struct ofp_msg *hello,
                 const uint8_t *raw, size_t len)
{
    uint32_t common;
    if (hello->u.hello.has_bitmap) {
        common = hello->u.hello.version_bitmap & c->s.versions;
    } else {
        /* Without a bitmap the switch supports its header version and,
         * by the 1.0-1.3 rules, everything below it. */
        uint8_t peer = hello->version;
        uint8_t v = peer < ofconn_max_version(c) ? peer
                                                 : ofconn_max_version(c);
        common = 0;
        for (unsigned int i = 1; i <= v; i++) {
            common |= c->s.versions & (1u << i);
        }
    }
    uint8_t best = 0;
    for (unsigned int i = 1; i < 32; i++) {
        if (common & (1u << i)) {
            best = (uint8_t) i;
        }
    }
    if (!best) {
        struct ofp_msg err;
        static const char text[] = "no common OpenFlow version: this "
                                   "controller speaks 1.0 and 1.3";
        ofp_msg_init(&err, OFPMSG_ERROR, 0);
        err.xid = hello->xid;
        err.u.error.err = OFPERR_OFPHFC_INCOMPATIBLE;
        err.u.error.data = (const uint8_t *) text;
        err.u.error.data_len = sizeof text - 1;
        c->version = hello->version == OFP10_VERSION ? OFP10_VERSION
                                                     : ofconn_max_version(c);
        ofconn_send(c, &err, NULL);
        c->stats.errors_tx++;
        ofconn_closef(c, "no common OpenFlow version (switch HELLO version "
                      "0x%02x, bitmap 0x%08x)", hello->version,
                      hello->u.hello.version_bitmap);
        (void) raw;
        (void) len;
        return;
    }
    c->version = best;
    ofconn_send_request(c, OFPMSG_FEATURES_REQUEST, OFCONN_FEATURES);
}

static void
ofconn_handshake(struct ofconn *c, const struct ofp_msg *m)
{
    if (m->type == OFPMSG_ERROR && m->xid == c->hs_xid) {
        ofconn_closef(c, "switch refused the handshake in state %s: %s",
                      ofconn_state_name(c->state),
                      m->u.error.err ? ofperr_name(m->u.error.err)
                                     : "non-standard error");
        return;
    }
    switch (c->state) {
    case OFCONN_FEATURES:
        if (m->type == OFPMSG_FEATURES_REPLY && m->xid == c->hs_xid) {
            c->features = m->u.features;
            c->features.ports = NULL;
            c->features.n_ports = 0;
            for (size_t i = 0; i < m->u.features.n_ports; i++) {
                ofconn_port_update(c, OFPPR_ADD, &m->u.features.ports[i]);
            }
            if (c->version == OFP13_VERSION) {
                ofconn_send_request(c, OFPMSG_PORT_DESC_REQUEST,
                                    OFCONN_PORT_DESC);
            } else {
                ofconn_configure(c);
            }
        }
        break;
    case OFCONN_PORT_DESC:
        if (m->type == OFPMSG_PORT_DESC_REPLY && m->xid == c->hs_xid) {
            for (size_t i = 0; i < m->u.port_desc_reply.n; i++) {
                ofconn_port_update(c, OFPPR_ADD,
                                   &m->u.port_desc_reply.ports[i]);
            }
            if (!(m->mp_flags & OFPMPF_MORE)) {
                ofconn_configure(c);
            }
        }
        break;
    case OFCONN_BARRIER:
        if (m->type == OFPMSG_BARRIER_REPLY && m->xid == c->hs_xid) {
            c->state = OFCONN_READY;
            if (c->handler && c->handler->ready) {
                c->handler->ready(c, c->aux);
            }
        } else if (m->type == OFPMSG_ERROR) {
            /* An error to SET_CONFIG or a table-miss flow: the switch
             * cannot run our pipeline. */
            ofconn_closef(c, "switch refused the session set-up: %s",
                          m->u.error.err ? ofperr_name(m->u.error.err)
                                         : "non-standard error");
        }
        break;
    case OFCONN_HELLO:
    case OFCONN_READY:
    case OFCONN_CLOSED:
        break;
    }
    /* Anything else before READY (an early PORT_STATUS, say) is dropped:
     * the port list asked for during the handshake supersedes it. */
}

/* Takes a packet-in token; false if over the rate. */
static bool
ofconn_packet_in_allowed(struct ofconn *c)
{
    uint64_t cap = (uint64_t) c->s.packet_in_burst * 1000;
    if (c->now > c->pin_last) {
        uint64_t add = (c->now - c->pin_last) * c->s.packet_in_rate;
        c->pin_tokens = c->pin_tokens + add > cap ? cap : c->pin_tokens + add;
        c->pin_last = c->now;
    }
    if (c->pin_tokens >= 1000) {
        c->pin_tokens -= 1000;
        return true;
    }
    return false;
}

static void
ofconn_handle(struct ofconn *c, const uint8_t *raw, size_t len)
{
    struct ofp_msg m;
    c->stats.rx_msgs++;
    enum ofperr err = ofp_decode(raw, len, &c->arena, &m);
    if (!err && c->state != OFCONN_HELLO && m.version != c->version) {
        err = OFPERR_OFPBRC_BAD_VERSION;
    }
    if (err) {
        /* Never answer an error with an error: two confused peers would
         * ping-pong forever. */
        if (len < 2 || raw[1] != 1 /* OFPT_ERROR in both versions */) {
            ofconn_reply_error(c, err, raw, len);
        }
        c->bad_msgs++;
        if (c->bad_msgs > OFCONN_MAX_BAD_MSGS
            && c->bad_msgs * 2 > c->stats.rx_msgs) {
            ofconn_closef(c, "%llu malformed messages out of %llu: closing",
                          (unsigned long long) c->bad_msgs,
                          (unsigned long long) c->stats.rx_msgs);
        }
        return;
    }

    if (c->state == OFCONN_HELLO) {
        if (m.type != OFPMSG_HELLO) {
            ofconn_closef(c, "expected HELLO, got %s",
                          ofp_msg_type_name(m.type));
            return;
        }
        ofconn_negotiate(c, &m, raw, len);
        return;
    }

    switch (m.type) {
    case OFPMSG_ECHO_REQUEST: {
        struct ofp_msg reply;
        ofp_msg_init(&reply, OFPMSG_ECHO_REPLY, m.xid);
        reply.u.echo = m.u.echo;
        ofconn_send(c, &reply, NULL);
        return;
    }
    case OFPMSG_ECHO_REPLY:
        if (m.xid == c->echo_xid && c->echo_sent) {
            c->stats.echo_rtt_ms = c->now - c->echo_sent;
            c->echo_sent = 0;
        }
        return;
    case OFPMSG_HELLO:
        return;                 /* A repeated HELLO changes nothing. */
    case OFPMSG_ERROR:
        c->stats.errors_rx++;
        break;
    default:
        break;
    }

    if (c->state != OFCONN_READY) {
        ofconn_handshake(c, &m);
        return;
    }
    if (m.type == OFPMSG_PACKET_IN) {
        if (!ofconn_packet_in_allowed(c)) {
            static struct log_ratelimit rl = LOG_RATELIMIT_INIT(6, 1);
            c->stats.packet_in_drops++;
            log_msg_rl(&rl, LOG_WARN, "ofconn", "%s: over the packet-in "
                       "rate limit (%u/s, burst %u): dropping packet-ins "
                       "(%llu so far)", c->name, c->s.packet_in_rate,
                       c->s.packet_in_burst,
                       (unsigned long long) c->stats.packet_in_drops);
            return;
        }
        c->stats.packet_ins++;
    } else if (m.type == OFPMSG_PORT_STATUS) {
        ofconn_port_update(c, m.u.port_status.reason, &m.u.port_status.desc);
    }
    if (c->handler && c->handler->message) {
        c->handler->message(c, &m, raw, len, c->aux);
    }
}

/* ---- Time. ------------------------------------------------------------- */

void
ofconn_run(struct ofconn *c, uint64_t now_ms)
{
    c->now = now_ms;
    if (c->state == OFCONN_CLOSED) {
        return;
    }
    if (c->state != OFCONN_READY && now_ms >= c->hs_deadline) {
        ofconn_closef(c, "handshake timed out in state %s",
                      ofconn_state_name(c->state));
        return;
    }
    if (now_ms >= c->last_rx + c->s.echo_timeout_ms) {
        if (c->rx_paused) {
            ofconn_closef(c, "the switch has not read its messages for "
                          "%llu ms (%zu bytes queued): it is stuck",
                          (unsigned long long) (now_ms - c->last_rx),
                          ofconn_tx_pending(c));
        } else {
            ofconn_closef(c, "no message for %llu ms: echo timeout",
                          (unsigned long long) (now_ms - c->last_rx));
        }
        return;
    }
    if (c->version && !c->echo_pending
        && now_ms >= c->last_rx + c->s.echo_interval_ms) {
        struct ofp_msg echo;
        ofp_msg_init(&echo, OFPMSG_ECHO_REQUEST, 0);
        if (!ofconn_send(c, &echo, &c->echo_xid)) {
            c->echo_pending = true;
            c->echo_sent = now_ms;
        }
    }
}

uint64_t
ofconn_next_wake(const struct ofconn *c)
{
    uint64_t wake = c->last_rx + c->s.echo_timeout_ms;
    if (c->version && !c->echo_pending
        && c->last_rx + c->s.echo_interval_ms < wake) {
        wake = c->last_rx + c->s.echo_interval_ms;
    }
    if (c->state != OFCONN_READY && c->hs_deadline < wake) {
        wake = c->hs_deadline;
    }
    return wake;
}
