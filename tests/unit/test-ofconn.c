/* Unit tests for the sans-I/O OpenFlow session (controller/ofconn). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "controller/log.h"
#include "controller/ofconn.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-msgs.h"
#include "tests/unit/unit.h"

/* What the owner saw. */
struct seen {
    int ready;
    int messages;
    enum ofp_msg_type last_type;
};

static void
on_ready(struct ofconn *c, void *aux)
{
    (void) c;
    ((struct seen *) aux)->ready++;
}

static void
on_message(struct ofconn *c, const struct ofp_msg *m, const uint8_t *raw,
           size_t len, void *aux)
{
    struct seen *s = aux;
    (void) c;
    (void) raw;
    (void) len;
    s->messages++;
    s->last_type = m->type;
}

static const struct ofconn_handler handler = { on_ready, on_message };

static struct ofconn_settings
settings(void)
{
    struct ofconn_settings s = {
        .versions = (1u << OFP10_VERSION) | (1u << OFP13_VERSION),
        .echo_interval_ms = 5000,
        .echo_timeout_ms = 15000,
        .handshake_timeout_ms = 10000,
        .packet_in_rate = 10,
        .packet_in_burst = 5,
        .tx_limit = 1 << 20,
    };
    return s;
}

/* Decodes everything the session queued; returns how many messages, with
 * their types and xids in the arrays (at most 16), and consumes them. */
static size_t
drain(struct ofconn *c, enum ofp_msg_type types[16], uint32_t xids[16],
      struct ofp_msg *last)
{
    size_t n = 0, len;
    const uint8_t *p = ofconn_tx_data(c, &len);
    size_t pos = 0;
    static struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    while (pos + 8 <= len) {
        size_t mlen = (size_t) p[pos + 2] << 8 | p[pos + 3];
        struct ofp_msg m;
        CU_ASSERT_EQUAL_FATAL(ofp_decode(p + pos, mlen, &arena, &m), 0);
        if (n < 16) {
            types[n] = m.type;
            xids[n] = m.xid;
        }
        if (last) {
            *last = m;
        }
        n++;
        pos += mlen;
    }
    CU_ASSERT_EQUAL(pos, len);
    ofconn_tx_consumed(c, len);
    return n;
}

/* Encodes 'm' for 'version' and feeds it to the session. */
static void
feed(struct ofconn *c, const struct ofp_msg *m, uint8_t version,
     uint64_t now)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL_FATAL(ofp_encode(m, version, &b), 0);
    ofconn_rx(c, b.data, b.size, now);
    ofpbuf_uninit(&b);
}

static void
feed_simple(struct ofconn *c, enum ofp_msg_type type, uint32_t xid,
            uint8_t version, uint64_t now)
{
    struct ofp_msg m;
    ofp_msg_init(&m, type, xid);
    feed(c, &m, version, now);
}

static struct ofp_port
port(uint32_t no, const char *name)
{
    struct ofp_port p;
    memset(&p, 0, sizeof p);
    p.port_no = no;
    p.hw_addr[5] = (uint8_t) no;
    strcpy(p.name, name);
    return p;
}

/* Runs a complete 1.3 handshake; returns the READY session. */
static struct ofconn *
handshake13(struct seen *seen)
{
    enum ofp_msg_type t[16];
    uint32_t x[16];
    struct ofp_msg last;
    struct ofconn_settings s = settings();
    struct ofconn *c = ofconn_create(&s, &handler, seen, 1000);

    /* Our HELLO offers 1.0 and 1.3 with a bitmap. */
    CU_ASSERT_EQUAL(drain(c, t, x, &last), 1);
    CU_ASSERT_EQUAL(t[0], OFPMSG_HELLO);
    CU_ASSERT_TRUE(last.u.hello.has_bitmap);
    CU_ASSERT_EQUAL(last.u.hello.version_bitmap, 0x12);

    struct ofp_msg hello;
    ofp_msg_init(&hello, OFPMSG_HELLO, 1);
    hello.u.hello.has_bitmap = true;
    hello.u.hello.version_bitmap = (1u << 1) | (1u << 4) | (1u << 6);
    feed(c, &hello, OFP13_VERSION, 1001);
    CU_ASSERT_EQUAL(ofconn_version(c), OFP13_VERSION);
    CU_ASSERT_EQUAL(drain(c, t, x, NULL), 1);
    CU_ASSERT_EQUAL(t[0], OFPMSG_FEATURES_REQUEST);

    struct ofp_msg fr;
    ofp_msg_init(&fr, OFPMSG_FEATURES_REPLY, x[0]);
    fr.u.features.datapath_id = 0xabcdef;
    fr.u.features.n_tables = 254;
    fr.u.features.n_buffers = 0;
    feed(c, &fr, OFP13_VERSION, 1002);
    CU_ASSERT_EQUAL(drain(c, t, x, NULL), 1);
    CU_ASSERT_EQUAL(t[0], OFPMSG_PORT_DESC_REQUEST);

    /* Port descriptions in two parts. */
    struct ofp_port ports[3] = { port(1, "p1"), port(2, "p2"),
                                 port(OFPP_LOCAL, "br0") };
    struct ofp_msg pd;
    ofp_msg_init(&pd, OFPMSG_PORT_DESC_REPLY, x[0]);
    pd.mp_flags = OFPMPF_MORE;
    pd.u.port_desc_reply.ports = ports;
    pd.u.port_desc_reply.n = 2;
    feed(c, &pd, OFP13_VERSION, 1003);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_PORT_DESC);
    pd.mp_flags = 0;
    pd.u.port_desc_reply.ports = &ports[2];
    pd.u.port_desc_reply.n = 1;
    feed(c, &pd, OFP13_VERSION, 1004);

    /* SET_CONFIG, three table-miss flows (0 -> 1 -> 2 -> controller) and a
     * barrier. */
    CU_ASSERT_EQUAL(drain(c, t, x, NULL), 5);
    CU_ASSERT_EQUAL(t[0], OFPMSG_SET_CONFIG);
    CU_ASSERT_EQUAL(t[1], OFPMSG_FLOW_MOD);
    CU_ASSERT_EQUAL(t[3], OFPMSG_FLOW_MOD);
    CU_ASSERT_EQUAL(t[4], OFPMSG_BARRIER_REQUEST);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_BARRIER);
    CU_ASSERT_EQUAL(seen->ready, 0);
    feed_simple(c, OFPMSG_BARRIER_REPLY, x[4], OFP13_VERSION, 1005);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_READY);
    CU_ASSERT_EQUAL(seen->ready, 1);
    return c;
}

static void
test_handshake13(void)
{
    struct seen seen = { 0 };
    struct ofconn *c = handshake13(&seen);
    size_t n;
    const struct ofp_port *p = ofconn_ports(c, &n);
    CU_ASSERT_EQUAL(ofconn_dpid(c), 0xabcdef);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_STRING_EQUAL(p[2].name, "br0");
    CU_ASSERT_PTR_NULL(ofconn_close_reason(c));
    ofconn_destroy(c);
}

static void
test_handshake10(void)
{
    enum ofp_msg_type t[16];
    uint32_t x[16];
    struct seen seen = { 0 };
    struct ofconn_settings s = settings();
    struct ofconn *c = ofconn_create(&s, &handler, &seen, 0);
    drain(c, t, x, NULL);

    /* A 1.0-only switch: HELLO version 1, no bitmap. */
    feed_simple(c, OFPMSG_HELLO, 7, OFP10_VERSION, 1);
    CU_ASSERT_EQUAL(ofconn_version(c), OFP10_VERSION);
    CU_ASSERT_EQUAL(drain(c, t, x, NULL), 1);
    CU_ASSERT_EQUAL(t[0], OFPMSG_FEATURES_REQUEST);

    struct ofp_port ports[2] = { port(1, "eth1"), port(2, "eth2") };
    struct ofp_msg fr;
    ofp_msg_init(&fr, OFPMSG_FEATURES_REPLY, x[0]);
    fr.u.features.datapath_id = 42;
    fr.u.features.n_tables = 1;
    fr.u.features.ports = ports;
    fr.u.features.n_ports = 2;
    feed(c, &fr, OFP10_VERSION, 2);
    /* No PORT_DESC in 1.0: SET_CONFIG, one table-miss flow, barrier. */
    CU_ASSERT_EQUAL(drain(c, t, x, NULL), 3);
    CU_ASSERT_EQUAL(t[0], OFPMSG_SET_CONFIG);
    CU_ASSERT_EQUAL(t[1], OFPMSG_FLOW_MOD);
    CU_ASSERT_EQUAL(t[2], OFPMSG_BARRIER_REQUEST);
    feed_simple(c, OFPMSG_BARRIER_REPLY, x[2], OFP10_VERSION, 3);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_READY);
    size_t n;
    ofconn_ports(c, &n);
    CU_ASSERT_EQUAL(n, 2);
    ofconn_destroy(c);
}

static void
test_no_common_version(void)
{
    enum ofp_msg_type t[16];
    uint32_t x[16];
    struct ofp_msg last;
    struct ofconn_settings s = settings();
    s.versions = 1u << OFP13_VERSION;
    struct ofconn *c = ofconn_create(&s, &handler, NULL, 0);
    drain(c, t, x, NULL);
    feed_simple(c, OFPMSG_HELLO, 7, OFP10_VERSION, 1);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_CLOSED);
    UNIT_ASSERT_CONTAINS(ofconn_close_reason(c), "no common OpenFlow version");
    CU_ASSERT_EQUAL(drain(c, t, x, &last), 1);
    CU_ASSERT_EQUAL(t[0], OFPMSG_ERROR);
    CU_ASSERT_EQUAL(last.u.error.err, OFPERR_OFPHFC_INCOMPATIBLE);
    ofconn_destroy(c);
}

static void
test_expects_hello(void)
{
    struct ofconn_settings s = settings();
    struct ofconn *c = ofconn_create(&s, &handler, NULL, 0);
    feed_simple(c, OFPMSG_FEATURES_REQUEST, 7, OFP13_VERSION, 1);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_CLOSED);
    UNIT_ASSERT_CONTAINS(ofconn_close_reason(c), "expected HELLO");
    ofconn_destroy(c);
}

static void
test_echo(void)
{
    enum ofp_msg_type t[16];
    uint32_t x[16];
    struct ofp_msg last;
    struct seen seen = { 0 };
    struct ofconn *c = handshake13(&seen);

    /* The switch asks: we answer with its xid and payload. */
    static const uint8_t payload[] = "ping";
    struct ofp_msg echo;
    ofp_msg_init(&echo, OFPMSG_ECHO_REQUEST, 99);
    echo.u.echo.data = payload;
    echo.u.echo.len = 4;
    feed(c, &echo, OFP13_VERSION, 2000);
    CU_ASSERT_EQUAL(drain(c, t, x, &last), 1);
    CU_ASSERT_EQUAL(t[0], OFPMSG_ECHO_REPLY);
    CU_ASSERT_EQUAL(x[0], 99);
    CU_ASSERT_EQUAL(last.u.echo.len, 4);
    CU_ASSERT_EQUAL(seen.messages, 0);   /* Echo is not passed on. */

    /* Idle for the interval: we ask. */
    CU_ASSERT_EQUAL(ofconn_next_wake(c), 2000 + 5000);
    ofconn_run(c, 7000);
    CU_ASSERT_EQUAL(drain(c, t, x, NULL), 1);
    CU_ASSERT_EQUAL(t[0], OFPMSG_ECHO_REQUEST);
    feed_simple(c, OFPMSG_ECHO_REPLY, x[0], OFP13_VERSION, 7040);
    CU_ASSERT_EQUAL(ofconn_stats(c)->echo_rtt_ms, 40);

    /* Silence past the timeout ends the session. */
    ofconn_run(c, 12040);
    drain(c, t, x, NULL);
    ofconn_run(c, 7040 + 15000 - 1);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_READY);
    ofconn_run(c, 7040 + 15000);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_CLOSED);
    UNIT_ASSERT_CONTAINS(ofconn_close_reason(c), "echo timeout");
    ofconn_destroy(c);
}

static void
test_handshake_timeout(void)
{
    struct ofconn_settings s = settings();
    struct ofconn *c = ofconn_create(&s, &handler, NULL, 0);
    CU_ASSERT_EQUAL(ofconn_next_wake(c), 10000);
    ofconn_run(c, 9999);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_HELLO);
    ofconn_run(c, 10000);
    UNIT_ASSERT_CONTAINS(ofconn_close_reason(c),
                         "handshake timed out in state HELLO");
    ofconn_destroy(c);
}

static void
test_malformed(void)
{
    log_set_level(LOG_ERR);     /* The warnings are expected. */
    enum ofp_msg_type t[16];
    uint32_t x[16];
    struct ofp_msg last;
    struct seen seen = { 0 };
    struct ofconn *c = handshake13(&seen);

    /* Unknown type 200: an error reply, the session goes on. */
    static const uint8_t bad_type[] = { 4, 200, 0, 8, 0, 0, 0, 5 };
    ofconn_rx(c, bad_type, sizeof bad_type, 2000);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_READY);
    CU_ASSERT_EQUAL(drain(c, t, x, &last), 1);
    CU_ASSERT_EQUAL(t[0], OFPMSG_ERROR);
    CU_ASSERT_EQUAL(x[0], 5);
    CU_ASSERT_EQUAL(last.u.error.err, OFPERR_OFPBRC_BAD_TYPE);

    /* Wrong version after negotiation. */
    static const uint8_t bad_version[] = { 1, 2, 0, 8, 0, 0, 0, 6 };
    ofconn_rx(c, bad_version, sizeof bad_version, 2001);
    CU_ASSERT_EQUAL(drain(c, t, x, &last), 1);
    CU_ASSERT_EQUAL(last.u.error.err, OFPERR_OFPBRC_BAD_VERSION);

    /* An error we cannot decode is not answered (no error ping-pong). */
    static const uint8_t bad_error[] = { 4, 1, 0, 9, 0, 0, 0, 7, 0 };
    ofconn_rx(c, bad_error, sizeof bad_error, 2002);
    CU_ASSERT_EQUAL(drain(c, t, x, NULL), 0);

    /* A message split across reads byte by byte still arrives whole. */
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_BARRIER_REPLY, 77);
    ofp_encode(&m, OFP13_VERSION, &b);
    for (size_t i = 0; i < b.size; i++) {
        ofconn_rx(c, b.data + i, 1, 2003);
    }
    CU_ASSERT_EQUAL(seen.messages, 1);
    CU_ASSERT_EQUAL(seen.last_type, OFPMSG_BARRIER_REPLY);
    ofpbuf_uninit(&b);

    /* A length below the header size loses framing: closed. */
    static const uint8_t bad_len[] = { 4, 2, 0, 4, 0, 0, 0, 8 };
    ofconn_rx(c, bad_len, sizeof bad_len, 2004);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_CLOSED);
    UNIT_ASSERT_CONTAINS(ofconn_close_reason(c), "framing lost");
    ofconn_destroy(c);
    log_set_level(LOG_INFO);
}

static void
test_garbage_flood(void)
{
    log_set_level(LOG_ERR);     /* The warnings are expected. */
    struct seen seen = { 0 };
    struct ofconn *c = handshake13(&seen);
    static const uint8_t bad_type[] = { 4, 200, 0, 8, 0, 0, 0, 5 };
    for (int i = 0; i < 200 && ofconn_state(c) != OFCONN_CLOSED; i++) {
        ofconn_rx(c, bad_type, sizeof bad_type, 2000);
    }
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_CLOSED);
    UNIT_ASSERT_CONTAINS(ofconn_close_reason(c), "malformed messages");
    CU_ASSERT_TRUE(ofconn_stats(c)->errors_tx > 100);
    ofconn_destroy(c);
    log_set_level(LOG_INFO);
}

static void
test_packet_in_rate(void)
{
    struct seen seen = { 0 };
    struct ofconn *c = handshake13(&seen);
    static const uint8_t frame[60] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    struct ofp_msg pin;
    ofp_msg_init(&pin, OFPMSG_PACKET_IN, 0);
    pin.u.packet_in.buffer_id = OFP_NO_BUFFER;
    pin.u.packet_in.total_len = sizeof frame;
    pin.u.packet_in.in_port = 1;
    ofp_match_set_in_port(&pin.u.packet_in.match, 1);
    pin.u.packet_in.data = frame;
    pin.u.packet_in.data_len = sizeof frame;

    /* Burst 5, then 10 per second. */
    for (int i = 0; i < 20; i++) {
        feed(c, &pin, OFP13_VERSION, 5000);
    }
    CU_ASSERT_EQUAL(seen.messages, 5);
    CU_ASSERT_EQUAL(ofconn_stats(c)->packet_in_drops, 15);
    for (int i = 0; i < 20; i++) {
        feed(c, &pin, OFP13_VERSION, 5500);   /* Half a second: 5 more. */
    }
    CU_ASSERT_EQUAL(seen.messages, 10);
    CU_ASSERT_EQUAL(ofconn_stats(c)->packet_ins, 10);
    ofconn_destroy(c);
}

static void
test_tx_bound(void)
{
    enum ofp_msg_type t[16];
    uint32_t x[16];
    struct seen seen = { 0 };
    struct ofconn *c = handshake13(&seen);
    static uint8_t frame[1000];
    struct ofp_action out = { .type = OFPACT_OUTPUT };
    out.u.output.port = OFPP_FLOOD;
    struct ofp_msg po;
    ofp_msg_init(&po, OFPMSG_PACKET_OUT, 0);
    po.u.packet_out.in_port = 1;
    po.u.packet_out.actions.actions = &out;
    po.u.packet_out.actions.n = 1;
    po.u.packet_out.data = frame;
    po.u.packet_out.data_len = sizeof frame;

    /* The switch reads nothing.  Droppable messages stop at half the
     * limit; the session survives. */
    size_t limit = 1 << 20;
    int sent = 0;
    for (int i = 0; i < 2000; i++) {
        sent += ofconn_send_droppable(c, &po, NULL) == 0;
    }
    size_t n;
    ofconn_tx_data(c, &n);
    CU_ASSERT_TRUE(n > limit / 2 && n < limit / 2 + 2000);
    CU_ASSERT_EQUAL(ofconn_stats(c)->tx_drops, 2000 - sent);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_READY);

    /* Reading resumes: droppable messages go through again. */
    drain(c, t, x, NULL);
    CU_ASSERT_EQUAL(ofconn_send_droppable(c, &po, NULL), 0);

    /* Required messages past the hard limit mean the switch is stuck. */
    enum ofperr err = 0;
    for (int i = 0; i < 2000 && !err; i++) {
        err = ofconn_send(c, &po, NULL);
    }
    CU_ASSERT_EQUAL(err, OFPERR_OFPBRC_EPERM);
    CU_ASSERT_EQUAL(ofconn_state(c), OFCONN_CLOSED);
    UNIT_ASSERT_CONTAINS(ofconn_close_reason(c), "not reading");
    ofconn_destroy(c);
}

static void
test_port_status(void)
{
    struct seen seen = { 0 };
    struct ofconn *c = handshake13(&seen);
    struct ofp_msg ps;
    ofp_msg_init(&ps, OFPMSG_PORT_STATUS, 0);
    ps.u.port_status.reason = OFPPR_ADD;
    ps.u.port_status.desc = port(9, "new");
    feed(c, &ps, OFP13_VERSION, 3000);
    size_t n;
    ofconn_ports(c, &n);
    CU_ASSERT_EQUAL(n, 4);
    ps.u.port_status.reason = OFPPR_DELETE;
    ps.u.port_status.desc = port(1, "p1");
    feed(c, &ps, OFP13_VERSION, 3001);
    const struct ofp_port *p = ofconn_ports(c, &n);
    CU_ASSERT_EQUAL(n, 3);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_NOT_EQUAL(p[i].port_no, 1);
    }
    CU_ASSERT_EQUAL(seen.messages, 2);
    CU_ASSERT_EQUAL(seen.last_type, OFPMSG_PORT_STATUS);
    ofconn_destroy(c);
}

static const CU_TestInfo ofconn_tests[] = {
    { "OpenFlow 1.3 handshake", test_handshake13 },
    { "OpenFlow 1.0 handshake", test_handshake10 },
    { "no common version", test_no_common_version },
    { "first message must be HELLO", test_expects_hello },
    { "echo keepalive and timeout", test_echo },
    { "handshake timeout", test_handshake_timeout },
    { "malformed input", test_malformed },
    { "garbage flood closes", test_garbage_flood },
    { "packet-in rate limit", test_packet_in_rate },
    { "output queue bound", test_tx_bound },
    { "port status keeps ports", test_port_status },
    CU_TEST_INFO_NULL,
};

void
test_ofconn_register(void)
{
    unit_add_suite("ofconn", ofconn_tests);
}
