/* ofload: an OpenFlow load generator that emulates many switches, in the
 * manner of cbench.
 *
 * Each emulated switch connects to the controller, completes the handshake
 * (HELLO, FEATURES, PORT_DESC on 1.3, GET/SET_CONFIG, BARRIER, ECHO, the
 * multipart requests a controller may send: answered as a switch with an
 * empty flow table would), then sends PACKET_INs (reason no_match, buffer
 * NO_BUFFER, a 64-byte Ethernet/IPv4/UDP frame) and counts the FLOW_MODs and
 * PACKET_OUTs that come back.
 *
 * Addresses.  Switch s has M hosts; host k has MAC 02:SS:SS:KK:KK:KK and
 * sits on port 1 + k % P (P ports, even).  A packet-in from host k is sent
 * to host k^1 (its "partner", on another port), so a learning switch that
 * knows the partner answers with FLOW_MOD + PACKET_OUT.
 *
 * Phases (all switches together):
 *   connect  every switch connects and handshakes.  A switch counts as
 *            ready once it has sent FEATURES_REPLY and then either answered
 *            a BARRIER_REQUEST (canopyd ends its handshake with one) or
 *            heard nothing from the controller for --settle ms (learning
 *            switches such as ovs-testcontroller and os-ken send no
 *            barrier; os-ken ignores packet-ins until its PORT_DESC reply
 *            has been processed).
 *   learn    every switch sends one packet-in per host to the broadcast
 *            address (the controller floods it and learns the source), so
 *            that in the measured phases every destination is known
 *            (--window of them outstanding per switch, in both modes).
 *   warmup   traffic as measured, not counted.
 *   measure  counted; rates are divided by the measured wall time.
 *   drain    no new packet-ins; answers still in flight are collected
 *            until none is outstanding or none came for --stall ms (30 s
 *            at most), so that "lost" (sent, never answered) is exact.
 *
 * Modes.  throughput: up to --window packet-ins unanswered per switch
 * (0 = unbounded: write until the socket would block).  latency: one
 * packet-in outstanding per switch; the next is sent when the PACKET_OUT
 * for it arrives (every learning switch answers each packet-in with one
 * packet-out, after the flow-mod if it sends one, so the packet-out marks
 * the complete answer).  A packet-out is matched to its packet-in by the
 * sequence number and send time the frame carries in its UDP payload, so
 * latency is measured in both modes.  A switch whose answers stop for
 * --stall ms gives up on what is outstanding (counted as stalls).
 *
 * Hot path: packet-ins are copied from pre-encoded templates (ofp_encode
 * once per port) and patched; PACKET_OUT and FLOW_MOD are recognized from
 * the header and the packet-out's data is found from its actions length.
 * Every other message, and one hot message in 1024, goes through
 * ofp_decode() (--full-decode: all of them).
 *
 * The generator reports its own CPU use over the measured period: near 100%
 * means it, not the controller, set the pace.  That is the case in latency
 * mode against a fast controller, where each round trip costs a read and a
 * write on loopback TCP (kernel time, not ofload's code). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-msgs.h"
#include "ofproto/packet.h"

/* ---- Options. ----------------------------------------------------------- */

enum mode { MODE_THROUGHPUT, MODE_LATENCY };

static struct {
    char host[256];
    char port[16];
    int n_switches;
    int n_macs;
    int n_ports;
    uint8_t version;
    enum mode mode;
    double duration;
    double warmup;
    int window;             /* 0 = fill the socket. */
    int settle_ms;
    int stall_ms;
    int connect_timeout_s;
    int sample;             /* Fully decode one hot message in this many. */
    bool full_decode;
    bool json;
    bool quiet;
    const char *label;
} opt = {
    .host = "127.0.0.1", .port = "6653", .n_switches = 16, .n_macs = 1000,
    .n_ports = 4, .version = OFP13_VERSION, .mode = MODE_THROUGHPUT,
    .duration = 5, .warmup = 2, .window = 1000, .settle_ms = 500,
    .stall_ms = 500, .connect_timeout_s = 15, .sample = 1024,
};

/* ---- Counters and the latency histogram. ------------------------------- */

struct counters {
    uint64_t pins_sent;         /* PACKET_INs written. */
    uint64_t answered;          /* PACKET_OUTs carrying one of our frames. */
    uint64_t packet_outs;       /* All PACKET_OUTs. */
    uint64_t flow_mods;         /* All FLOW_MODs. */
    uint64_t other_rx;          /* Anything else from the controller. */
    uint64_t errors_rx;         /* OFPT_ERROR from the controller. */
    uint64_t decode_errors;     /* Messages ofp_decode() refused. */
    uint64_t foreign;           /* PACKET_OUTs with a frame not ours. */
    uint64_t stalls;            /* Outstanding packet-ins given up on. */
};

static void
counters_add(struct counters *a, const struct counters *b)
{
    a->pins_sent += b->pins_sent;
    a->answered += b->answered;
    a->packet_outs += b->packet_outs;
    a->flow_mods += b->flow_mods;
    a->other_rx += b->other_rx;
    a->errors_rx += b->errors_rx;
    a->decode_errors += b->decode_errors;
    a->foreign += b->foreign;
    a->stalls += b->stalls;
}

/* Log-linear histogram of nanoseconds: 32 sub-buckets per power of two
 * (about 3% resolution). */
#define HIST_SUB 32
#define HIST_BUCKETS (64 * HIST_SUB)
struct hist {
    uint64_t n, sum, max;
    uint64_t b[HIST_BUCKETS];
};

static unsigned int
hist_index(uint64_t v)
{
    if (v < HIST_SUB) {
        return (unsigned int) v;
    }
    unsigned int e = 63u - (unsigned int) __builtin_clzll(v); /* >= 5 */
    unsigned int m = (unsigned int) (v >> (e - 5)) & (HIST_SUB - 1);
    return (e - 4) * HIST_SUB + m;
}

static uint64_t
hist_value(unsigned int i)      /* Upper-middle value of bucket 'i'. */
{
    if (i < HIST_SUB) {
        return i;
    }
    unsigned int e = i / HIST_SUB + 4, m = i % HIST_SUB;
    return ((uint64_t) (HIST_SUB + m) << (e - 5))
           + ((uint64_t) 1 << (e - 5)) / 2;
}

static void
hist_add(struct hist *h, uint64_t v)
{
    h->n++;
    h->sum += v;
    if (v > h->max) {
        h->max = v;
    }
    h->b[hist_index(v)]++;
}

static uint64_t
hist_pct(const struct hist *h, double p)
{
    if (!h->n) {
        return 0;
    }
    uint64_t want = (uint64_t) (p / 100.0 * (double) h->n);
    if (want >= h->n) {
        want = h->n - 1;
    }
    uint64_t seen = 0;
    for (unsigned int i = 0; i < HIST_BUCKETS; i++) {
        seen += h->b[i];
        if (seen > want) {
            uint64_t v = hist_value(i);
            return v > h->max ? h->max : v;
        }
    }
    return h->max;
}

/* ---- Switches. ---------------------------------------------------------- */

enum phase { PH_CONNECT, PH_LEARN, PH_WARMUP, PH_MEASURE, PH_DRAIN, PH_DONE };
static const char *const phase_names[] = {
    "connect", "learn", "warmup", "measure", "drain", "done",
};

enum sw_state { SW_CONNECTING, SW_HELLO, SW_HANDSHAKE, SW_DEAD };

#define RX_SIZE (1u << 20)
#define TX_HIGH (256u << 10)    /* Stop generating above this much unsent. */

struct sw {
    int idx;
    int fd;
    enum sw_state state;
    bool features_sent;
    bool ready;                 /* Handshake done (see the phases above). */
    bool epollout;
    uint64_t last_rx_ns;
    uint8_t *rx;
    size_t rx_len;
    struct ofpbuf tx;
    size_t tx_ofs;
    struct ofp_arena arena;
    uint32_t xid;
    uint16_t config_flags, miss_send_len;
    uint64_t hot_seen;

    uint64_t seq;               /* Next packet-in sequence number. */
    uint64_t outstanding;       /* Sent and not yet answered. */
    uint64_t last_progress_ns;
    uint64_t learn_answered;    /* Answers to seq < n_macs. */

    struct counters c[PH_DONE];
};

static struct sw *sws;
static int epfd = -1;
static enum phase phase = PH_CONNECT;
static struct hist lat;         /* Measure phase only. */
static uint64_t disconnects;
static volatile sig_atomic_t interrupted;
static uint64_t cpu_start_ns, cpu_end_ns;
static uint64_t last_answer_ns;             /* Any switch, any phase. */   /* Our CPU time, measure phase. */

static uint64_t
cpu_ns(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ((uint64_t) ru.ru_utime.tv_sec + (uint64_t) ru.ru_stime.tv_sec)
           * 1000000000u
           + ((uint64_t) ru.ru_utime.tv_usec + (uint64_t) ru.ru_stime.tv_usec)
           * 1000u;
}

/* Pre-encoded PACKET_IN per in_port (index port-1). */
struct tmpl {
    uint8_t *data;
    size_t len;
    size_t frame_ofs;
};
static struct tmpl *tmpls;

#define FRAME_LEN 64
#define PAYLOAD_OFS 42          /* Ethernet 14 + IPv4 20 + UDP 8. */
static const uint8_t magic[4] = { 'C', 'N', 'P', 'Y' };

static uint64_t
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static void __attribute__((format(printf, 1, 2)))
say(const char *fmt, ...)
{
    if (opt.quiet) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    fputs("ofload: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void __attribute__((format(printf, 1, 2), noreturn))
die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("ofload: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void
host_mac(const struct sw *s, uint32_t k, uint8_t mac[6])
{
    mac[0] = 0x02;
    mac[1] = (uint8_t) (s->idx >> 8);
    mac[2] = (uint8_t) s->idx;
    mac[3] = (uint8_t) (k >> 16);
    mac[4] = (uint8_t) (k >> 8);
    mac[5] = (uint8_t) k;
}

static uint32_t
host_port(uint32_t k)
{
    return 1 + k % (uint32_t) opt.n_ports;
}

static uint32_t
host_partner(uint32_t k)
{
    uint32_t p = k ^ 1;
    return p < (uint32_t) opt.n_macs ? p : k - 1;
}

static void
build_templates(void)
{
    struct ofpbuf frame = OFPBUF_INITIALIZER;
    static const uint8_t zero[6];
    uint8_t payload[FRAME_LEN - PAYLOAD_OFS];
    memset(payload, 0, sizeof payload);
    pkt_put_eth(&frame, zero, zero, PKT_ETH_TYPE_IPV4);
    size_t l3 = pkt_put_ipv4(&frame, 0x0a000001, 0x0a000002,
                             PKT_IPPROTO_UDP, 0, 64);
    pkt_put_udp(&frame, l3, 40000, 50000, payload, sizeof payload);
    if (frame.size != FRAME_LEN) {
        die("frame is %zu bytes, expected %d", frame.size, FRAME_LEN);
    }
    /* The payload changes per packet: no UDP checksum (0 is allowed in
     * IPv4). */
    frame.data[40] = frame.data[41] = 0;

    tmpls = xzalloc(sizeof *tmpls * (size_t) opt.n_ports);
    for (int p = 0; p < opt.n_ports; p++) {
        struct ofp_msg m;
        struct ofpbuf out = OFPBUF_INITIALIZER;
        ofp_msg_init(&m, OFPMSG_PACKET_IN, 0);
        m.u.packet_in.buffer_id = OFP_NO_BUFFER;
        m.u.packet_in.total_len = FRAME_LEN;
        m.u.packet_in.reason = OFPR_NO_MATCH;
        m.u.packet_in.table_id = 0;
        m.u.packet_in.in_port = (uint32_t) p + 1;
        m.u.packet_in.data = frame.data;
        m.u.packet_in.data_len = frame.size;
        enum ofperr err = ofp_encode(&m, opt.version, &out);
        if (err) {
            die("cannot encode PACKET_IN: %s", ofperr_name(err));
        }
        tmpls[p].data = out.data;
        tmpls[p].len = out.size;
        tmpls[p].frame_ofs = out.size - FRAME_LEN;
        if (memcmp(out.data + tmpls[p].frame_ofs, frame.data, FRAME_LEN)) {
            die("PACKET_IN template does not end with the frame");
        }
    }
    ofpbuf_uninit(&frame);
}

/* ---- Output. ------------------------------------------------------------ */

static void
sw_epoll(struct sw *s, bool out)
{
    struct epoll_event ev = { .events = EPOLLIN | (out ? EPOLLOUT : 0u),
                              .data.ptr = s };
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, s->fd, &ev) < 0) {
        die("epoll_ctl: %s", strerror(errno));
    }
    s->epollout = out;
}

static void
sw_close(struct sw *s, const char *why)
{
    if (s->state == SW_DEAD) {
        return;
    }
    fprintf(stderr, "ofload: switch %d (dpid %d): %s (phase %s)\n",
            s->idx, s->idx + 1, why, phase_names[phase]);
    if (phase > PH_CONNECT) {
        disconnects++;
    }
    epoll_ctl(epfd, EPOLL_CTL_DEL, s->fd, NULL);
    close(s->fd);
    s->fd = -1;
    s->state = SW_DEAD;
    s->ready = false;
}

static size_t
sw_pending(const struct sw *s)
{
    return s->tx.size - s->tx_ofs;
}

static void
sw_flush(struct sw *s)
{
    while (s->tx_ofs < s->tx.size) {
        ssize_t n = write(s->fd, s->tx.data + s->tx_ofs,
                          s->tx.size - s->tx_ofs);
        if (n > 0) {
            s->tx_ofs += (size_t) n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!s->epollout) {
                sw_epoll(s, true);
            }
            return;
        } else {
            sw_close(s, n < 0 ? strerror(errno) : "write returned 0");
            return;
        }
    }
    ofpbuf_clear(&s->tx);
    s->tx_ofs = 0;
    if (s->epollout) {
        sw_epoll(s, false);
    }
}

static void
sw_send(struct sw *s, const struct ofp_msg *m)
{
    enum ofperr err = ofp_encode(m, opt.version, &s->tx);
    if (err) {
        die("cannot encode %s: %s", ofp_msg_type_name(m->type),
            ofperr_name(err));
    }
}

/* Appends one PACKET_IN from host 'k' (to its partner, or to broadcast). */
static void
sw_put_packet_in(struct sw *s, uint32_t k, bool bcast, uint64_t now)
{
    const struct tmpl *t = &tmpls[host_port(k) - 1];
    uint8_t *p = ofpbuf_put(&s->tx, t->data, t->len);
    uint32_t xid = ++s->xid;
    p[4] = (uint8_t) (xid >> 24);
    p[5] = (uint8_t) (xid >> 16);
    p[6] = (uint8_t) (xid >> 8);
    p[7] = (uint8_t) xid;
    uint8_t *f = p + t->frame_ofs;
    if (bcast) {
        memset(f, 0xff, 6);
    } else {
        host_mac(s, host_partner(k), f);
    }
    host_mac(s, k, f + 6);
    uint8_t *pl = f + PAYLOAD_OFS;
    memcpy(pl, magic, 4);
    pl[4] = (uint8_t) (s->idx >> 8);
    pl[5] = (uint8_t) s->idx;
    memcpy(pl + 6, &s->seq, 8);
    memcpy(pl + 14, &now, 8);
    s->seq++;
    if (!s->outstanding++) {
        s->last_progress_ns = now;
    }
    s->c[phase].pins_sent++;
}

/* Sends what the mode and phase allow. */
static void
sw_generate(struct sw *s, uint64_t now)
{
    if (!s->ready || s->state == SW_DEAD) {
        return;
    }
    if (phase == PH_LEARN) {
        /* Windowed in both modes: the pass is not measured. */
        uint64_t limit = opt.window ? (uint64_t) opt.window : 1000;
        while (s->seq < (uint64_t) opt.n_macs && s->outstanding < limit
               && sw_pending(s) < TX_HIGH) {
            sw_put_packet_in(s, (uint32_t) s->seq, true, now);
        }
    } else if (phase == PH_WARMUP || phase == PH_MEASURE) {
        if (opt.mode == MODE_LATENCY) {
            if (!s->outstanding) {
                sw_put_packet_in(s, (uint32_t) (s->seq % (uint64_t) opt.n_macs),
                                 false, now);
            }
        } else if (opt.window) {
            while (s->outstanding < (uint64_t) opt.window
                   && sw_pending(s) < TX_HIGH) {
                sw_put_packet_in(s, (uint32_t) (s->seq % (uint64_t) opt.n_macs),
                                 false, now);
            }
        } else {
            /* Fill the socket: batches until a write would block. */
            for (int batch = 0; batch < 16 && !sw_pending(s)
                                && s->state != SW_DEAD; batch++) {
                for (int i = 0; i < 64; i++) {
                    sw_put_packet_in(s, (uint32_t) (s->seq
                                                    % (uint64_t) opt.n_macs),
                                     false, now);
                }
                sw_flush(s);
            }
            s->last_progress_ns = now;
            return;
        }
    }
    sw_flush(s);
}

/* ---- Input. ------------------------------------------------------------- */

static void
sw_port(const struct sw *s, uint32_t port_no, struct ofp_port *p)
{
    memset(p, 0, sizeof *p);
    p->port_no = port_no;
    p->hw_addr[0] = 0x02;
    p->hw_addr[1] = 0xff;
    p->hw_addr[2] = (uint8_t) (s->idx >> 8);
    p->hw_addr[3] = (uint8_t) s->idx;
    p->hw_addr[5] = (uint8_t) port_no;
    snprintf(p->name, sizeof p->name, "s%u-eth%u",
             (unsigned int) (s->idx + 1) & 0xffff,
             (unsigned int) port_no & 0xff);
    p->curr = p->advertised = p->supported = OFPPF_1GB_FD | OFPPF_COPPER;
    p->curr_speed = p->max_speed = 1000000;
}

/* A PACKET_OUT's frame: ours?  Then it answers packet-in 'seq'. */
static void
sw_packet_out_data(struct sw *s, const uint8_t *data, size_t len,
                   uint64_t now)
{
    struct counters *c = &s->c[phase];
    if (len < FRAME_LEN || memcmp(data + PAYLOAD_OFS, magic, 4)
        || ((data[PAYLOAD_OFS + 4] << 8) | data[PAYLOAD_OFS + 5]) != s->idx) {
        c->foreign++;
        return;
    }
    uint64_t seq, sent;
    memcpy(&seq, data + PAYLOAD_OFS + 6, 8);
    memcpy(&sent, data + PAYLOAD_OFS + 14, 8);
    if (seq >= s->seq) {
        c->foreign++;
        return;
    }
    c->answered++;
    last_answer_ns = now;
    if (s->outstanding) {
        s->outstanding--;
    }
    s->last_progress_ns = now;
    if (seq < (uint64_t) opt.n_macs) {
        s->learn_answered++;
    }
    if (phase == PH_MEASURE && now >= sent) {
        hist_add(&lat, now - sent);
    }
}

static void
sw_hot(struct sw *s, const uint8_t *raw, size_t len, uint64_t now)
{
    struct counters *c = &s->c[phase];
    if (raw[1] == 14) {                 /* FLOW_MOD, 1.0 and 1.3. */
        c->flow_mods++;
        return;
    }
    c->packet_outs++;                   /* PACKET_OUT, 1.0 and 1.3. */
    size_t alen_ofs = opt.version == OFP10_VERSION ? 14 : 16;
    size_t fixed = opt.version == OFP10_VERSION ? 16 : 24;
    if (len < fixed) {
        c->decode_errors++;
        return;
    }
    size_t alen = (size_t) ((raw[alen_ofs] << 8) | raw[alen_ofs + 1]);
    if (fixed + alen > len) {
        c->decode_errors++;
        return;
    }
    sw_packet_out_data(s, raw + fixed + alen, len - fixed - alen, now);
}

static void
sw_handle(struct sw *s, const uint8_t *raw, size_t len, uint64_t now)
{
    struct counters *c = &s->c[phase];
    uint8_t type = raw[1];
    bool hot = s->ready && raw[0] == opt.version && (type == 13 || type == 14);
    if (hot && !opt.full_decode && (++s->hot_seen % (uint64_t) opt.sample)) {
        sw_hot(s, raw, len, now);
        return;
    }

    struct ofp_msg m;
    enum ofperr err = ofp_decode(raw, len, &s->arena, &m);
    if (err) {
        c->decode_errors++;
        if (type != 1 /* OFPT_ERROR */) {
            ofp_encode_error_reply(err, raw, len, opt.version, &s->tx);
        }
        if (c->decode_errors <= 5) {
            fprintf(stderr, "ofload: switch %d: cannot decode message type "
                    "%u version 0x%02x length %zu: %s\n", s->idx, type,
                    raw[0], len, ofperr_name(err));
        }
        return;
    }
    if (s->state == SW_HELLO) {
        if (m.type != OFPMSG_HELLO) {
            sw_close(s, "first message from the controller is not HELLO");
            return;
        }
        bool ok = m.u.hello.has_bitmap
                  ? (m.u.hello.version_bitmap >> opt.version) & 1
                  : m.version >= opt.version;
        if (!ok) {
            sw_close(s, "controller does not speak our OpenFlow version");
            return;
        }
        s->state = SW_HANDSHAKE;
        return;
    }
    if (m.version != opt.version) {
        c->decode_errors++;
        return;
    }

    struct ofp_msg r;
    switch (m.type) {
    case OFPMSG_PACKET_OUT:
        c->packet_outs++;
        sw_packet_out_data(s, m.u.packet_out.data, m.u.packet_out.data_len,
                           now);
        return;
    case OFPMSG_FLOW_MOD:
        c->flow_mods++;
        return;
    case OFPMSG_ERROR:
        c->errors_rx++;
        if (c->errors_rx <= 5) {
            fprintf(stderr, "ofload: switch %d: controller sent ERROR type %u "
                    "code %u (%s)\n", s->idx, m.u.error.type, m.u.error.code,
                    m.u.error.err ? ofperr_name(m.u.error.err) : "?");
        }
        return;
    default:
        break;
    }
    c->other_rx++;

    switch (m.type) {
    case OFPMSG_ECHO_REQUEST:
        ofp_msg_init(&r, OFPMSG_ECHO_REPLY, m.xid);
        r.u.echo = m.u.echo;
        break;
    case OFPMSG_FEATURES_REQUEST: {
        ofp_msg_init(&r, OFPMSG_FEATURES_REPLY, m.xid);
        struct ofp_switch_features *f = &r.u.features;
        struct ofp_port *ports = NULL;
        f->datapath_id = (uint64_t) s->idx + 1;
        f->n_buffers = 0;
        f->n_tables = opt.version == OFP10_VERSION ? 1 : 254;
        f->capabilities = 0x7;          /* FLOW, TABLE and PORT stats. */
        if (opt.version == OFP10_VERSION) {
            f->actions = 0xfff;
            ports = xzalloc(sizeof *ports * (size_t) opt.n_ports);
            for (int i = 0; i < opt.n_ports; i++) {
                sw_port(s, (uint32_t) i + 1, &ports[i]);
            }
            f->ports = ports;
            f->n_ports = (size_t) opt.n_ports;
        }
        sw_send(s, &r);
        free(ports);
        if (!s->features_sent) {
            s->features_sent = true;
        }
        return;
    }
    case OFPMSG_PORT_DESC_REQUEST: {
        ofp_msg_init(&r, OFPMSG_PORT_DESC_REPLY, m.xid);
        struct ofp_port *ports = xzalloc(sizeof *ports
                                         * (size_t) opt.n_ports);
        for (int i = 0; i < opt.n_ports; i++) {
            sw_port(s, (uint32_t) i + 1, &ports[i]);
        }
        r.u.port_desc_reply.ports = ports;
        r.u.port_desc_reply.n = (size_t) opt.n_ports;
        sw_send(s, &r);
        free(ports);
        return;
    }
    case OFPMSG_GET_CONFIG_REQUEST:
        ofp_msg_init(&r, OFPMSG_GET_CONFIG_REPLY, m.xid);
        r.u.config.flags = s->config_flags;
        r.u.config.miss_send_len = s->miss_send_len;
        break;
    case OFPMSG_SET_CONFIG:
        s->config_flags = m.u.config.flags;
        s->miss_send_len = m.u.config.miss_send_len;
        return;
    case OFPMSG_BARRIER_REQUEST:
        ofp_msg_init(&r, OFPMSG_BARRIER_REPLY, m.xid);
        sw_send(s, &r);
        if (s->features_sent && !s->ready) {
            s->ready = true;
        }
        return;
    case OFPMSG_ROLE_REQUEST:
        ofp_msg_init(&r, OFPMSG_ROLE_REPLY, m.xid);
        r.u.role = m.u.role;
        if (r.u.role.role == OFPCR_ROLE_NOCHANGE) {
            r.u.role.role = OFPCR_ROLE_EQUAL;
        }
        break;
    case OFPMSG_DESC_REQUEST:
        ofp_msg_init(&r, OFPMSG_DESC_REPLY, m.xid);
        snprintf(r.u.desc.mfr_desc, sizeof r.u.desc.mfr_desc, "Canopy");
        snprintf(r.u.desc.hw_desc, sizeof r.u.desc.hw_desc, "ofload");
        snprintf(r.u.desc.sw_desc, sizeof r.u.desc.sw_desc, "ofload");
        snprintf(r.u.desc.serial_num, sizeof r.u.desc.serial_num, "%d",
                 s->idx + 1);
        snprintf(r.u.desc.dp_desc, sizeof r.u.desc.dp_desc,
                 "emulated switch %d", s->idx + 1);
        break;
    /* A switch with an empty flow table and no groups or meters. */
    case OFPMSG_FLOW_STATS_REQUEST:
        ofp_msg_init(&r, OFPMSG_FLOW_STATS_REPLY, m.xid);
        break;
    case OFPMSG_AGGREGATE_REQUEST:
        ofp_msg_init(&r, OFPMSG_AGGREGATE_REPLY, m.xid);
        break;
    case OFPMSG_TABLE_STATS_REQUEST:
        ofp_msg_init(&r, OFPMSG_TABLE_STATS_REPLY, m.xid);
        break;
    case OFPMSG_PORT_STATS_REQUEST:
        ofp_msg_init(&r, OFPMSG_PORT_STATS_REPLY, m.xid);
        break;
    case OFPMSG_GROUP_STATS_REQUEST:
        ofp_msg_init(&r, OFPMSG_GROUP_STATS_REPLY, m.xid);
        break;
    case OFPMSG_GROUP_DESC_REQUEST:
        ofp_msg_init(&r, OFPMSG_GROUP_DESC_REPLY, m.xid);
        break;
    case OFPMSG_GROUP_FEATURES_REQUEST:
        ofp_msg_init(&r, OFPMSG_GROUP_FEATURES_REPLY, m.xid);
        break;
    case OFPMSG_METER_STATS_REQUEST:
        ofp_msg_init(&r, OFPMSG_METER_STATS_REPLY, m.xid);
        break;
    case OFPMSG_METER_CONFIG_REQUEST:
        ofp_msg_init(&r, OFPMSG_METER_CONFIG_REPLY, m.xid);
        break;
    case OFPMSG_METER_FEATURES_REQUEST:
        ofp_msg_init(&r, OFPMSG_METER_FEATURES_REPLY, m.xid);
        break;
    case OFPMSG_EXPERIMENTER:
        /* We implement no vendor extension: refuse as a plain switch. */
        ofp_encode_error_reply(OFPERR_OFPBRC_BAD_EXPERIMENTER, raw, len,
                               opt.version, &s->tx);
        return;
    default:
        /* HELLO again, ECHO_REPLY, PORT_MOD, GROUP_MOD, METER_MOD...:
         * nothing to answer. */
        return;
    }
    sw_send(s, &r);
}

static void
sw_read(struct sw *s, uint64_t now)
{
    for (int round = 0; round < 4 && s->state != SW_DEAD; round++) {
        ssize_t n = read(s->fd, s->rx + s->rx_len, RX_SIZE - s->rx_len);
        if (n == 0) {
            sw_close(s, "controller closed the connection");
            return;
        } else if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                sw_close(s, strerror(errno));
            }
            break;
        }
        s->rx_len += (size_t) n;
        s->last_rx_ns = now;
        size_t ofs = 0;
        while (s->rx_len - ofs >= OFP_HEADER_LEN && s->state != SW_DEAD) {
            const uint8_t *h = s->rx + ofs;
            size_t mlen = (size_t) ((h[2] << 8) | h[3]);
            if (mlen < OFP_HEADER_LEN) {
                sw_close(s, "message length below 8: framing lost");
                return;
            }
            if (s->rx_len - ofs < mlen) {
                break;
            }
            sw_handle(s, h, mlen, now);
            ofs += mlen;
        }
        if (s->state == SW_DEAD) {
            return;
        }
        memmove(s->rx, s->rx + ofs, s->rx_len - ofs);
        s->rx_len -= ofs;
        if ((size_t) n < RX_SIZE / 2) {
            break;
        }
    }
}

/* ---- Connection set-up. ------------------------------------------------- */

static void
sw_connect(struct sw *s, const struct addrinfo *ai)
{
    s->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK
                                  | SOCK_CLOEXEC, ai->ai_protocol);
    if (s->fd < 0) {
        die("socket: %s", strerror(errno));
    }
    int one = 1;
    setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(s->fd, ai->ai_addr, ai->ai_addrlen) < 0
        && errno != EINPROGRESS) {
        die("connect to %s:%s: %s", opt.host, opt.port, strerror(errno));
    }
    s->state = SW_CONNECTING;
    struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.ptr = s };
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, s->fd, &ev) < 0) {
        die("epoll_ctl: %s", strerror(errno));
    }
    s->epollout = true;
}

static void
sw_connected(struct sw *s, uint64_t now)
{
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) {
        char why[128];
        snprintf(why, sizeof why, "connect: %s", strerror(err));
        sw_close(s, why);
        return;
    }
    s->state = SW_HELLO;
    s->last_rx_ns = now;
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_HELLO, ++s->xid);
    if (opt.version != OFP10_VERSION) {
        m.u.hello.has_bitmap = true;
        m.u.hello.version_bitmap = 1u << opt.version;
    }
    sw_send(s, &m);
    sw_flush(s);
}

/* ---- Main loop. --------------------------------------------------------- */

static void
on_signal(int sig)
{
    (void) sig;
    interrupted = 1;
}

static void
usage(void)
{
    printf("usage: ofload [OPTIONS]\n"
           "Emulates OpenFlow switches that send PACKET_INs to a controller\n"
           "and counts the FLOW_MODs and PACKET_OUTs that come back.\n"
           "  --controller HOST:PORT  controller address (127.0.0.1:6653)\n"
           "  --switches N            emulated switches (16)\n"
           "  --macs M                hosts (source MACs) per switch (1000)\n"
           "  --ports P               ports per switch, even (4)\n"
           "  --version 1.0|1.3       OpenFlow version (1.3)\n"
           "  --mode throughput|latency\n"
           "  --duration SECONDS      measured time (5)\n"
           "  --warmup SECONDS        unmeasured traffic first (2)\n"
           "  --window W              throughput mode: unanswered packet-ins\n"
           "                          per switch; 0 or 'fill' writes until\n"
           "                          the socket would block (1000)\n"
           "  --settle MS             quiet time that ends a handshake\n"
           "                          without barrier (500)\n"
           "  --stall MS              give up on unanswered packet-ins after\n"
           "                          this long without an answer (500)\n"
           "  --full-decode           ofp_decode() every message (slower)\n"
           "  --label TEXT            name printed with the results\n"
           "  --json                  print the results as JSON\n"
           "  --quiet                 no progress on stderr\n");
}

static void
parse_options(int argc, char *argv[])
{
    enum { O_CONTROLLER = 256, O_SWITCHES, O_MACS, O_PORTS, O_VERSION,
           O_MODE, O_DURATION, O_WARMUP, O_WINDOW, O_SETTLE, O_STALL,
           O_FULL, O_LABEL, O_JSON, O_QUIET, O_HELP };
    static const struct option longopts[] = {
        { "controller", required_argument, NULL, O_CONTROLLER },
        { "switches", required_argument, NULL, O_SWITCHES },
        { "macs", required_argument, NULL, O_MACS },
        { "ports", required_argument, NULL, O_PORTS },
        { "version", required_argument, NULL, O_VERSION },
        { "mode", required_argument, NULL, O_MODE },
        { "duration", required_argument, NULL, O_DURATION },
        { "warmup", required_argument, NULL, O_WARMUP },
        { "window", required_argument, NULL, O_WINDOW },
        { "settle", required_argument, NULL, O_SETTLE },
        { "stall", required_argument, NULL, O_STALL },
        { "full-decode", no_argument, NULL, O_FULL },
        { "label", required_argument, NULL, O_LABEL },
        { "json", no_argument, NULL, O_JSON },
        { "quiet", no_argument, NULL, O_QUIET },
        { "help", no_argument, NULL, O_HELP },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_CONTROLLER: {
            const char *colon = strrchr(optarg, ':');
            if (!colon || colon == optarg || !colon[1]
                || (size_t) (colon - optarg) >= sizeof opt.host
                || strlen(colon + 1) >= sizeof opt.port) {
                die("--controller wants HOST:PORT, not '%s'", optarg);
            }
            const char *h = optarg;
            size_t hl = (size_t) (colon - optarg);
            if (h[0] == '[' && hl >= 2 && h[hl - 1] == ']') {
                h++;
                hl -= 2;
            }
            memcpy(opt.host, h, hl);
            opt.host[hl] = '\0';
            snprintf(opt.port, sizeof opt.port, "%s", colon + 1);
            break;
        }
        case O_SWITCHES: opt.n_switches = atoi(optarg); break;
        case O_MACS: opt.n_macs = atoi(optarg); break;
        case O_PORTS: opt.n_ports = atoi(optarg); break;
        case O_VERSION:
            if (!strcmp(optarg, "1.0")) {
                opt.version = OFP10_VERSION;
            } else if (!strcmp(optarg, "1.3")) {
                opt.version = OFP13_VERSION;
            } else {
                die("--version wants 1.0 or 1.3");
            }
            break;
        case O_MODE:
            if (!strcmp(optarg, "throughput")) {
                opt.mode = MODE_THROUGHPUT;
            } else if (!strcmp(optarg, "latency")) {
                opt.mode = MODE_LATENCY;
            } else {
                die("--mode wants throughput or latency");
            }
            break;
        case O_DURATION: opt.duration = atof(optarg); break;
        case O_WARMUP: opt.warmup = atof(optarg); break;
        case O_WINDOW:
            opt.window = !strcmp(optarg, "fill") ? 0 : atoi(optarg);
            break;
        case O_SETTLE: opt.settle_ms = atoi(optarg); break;
        case O_STALL: opt.stall_ms = atoi(optarg); break;
        case O_FULL: opt.full_decode = true; break;
        case O_LABEL: opt.label = optarg; break;
        case O_JSON: opt.json = true; break;
        case O_QUIET: opt.quiet = true; break;
        case 'h': case O_HELP: usage(); exit(0);
        default: usage(); exit(2);
        }
    }
    if (optind != argc) {
        die("unexpected argument '%s'", argv[optind]);
    }
    if (opt.n_switches < 1 || opt.n_switches > 65535) {
        die("--switches wants 1..65535");
    }
    if (opt.n_macs < 2 || opt.n_macs > (1 << 24)) {
        die("--macs wants 2..16777216");
    }
    if (opt.n_ports < 2 || opt.n_ports > 254 || opt.n_ports % 2) {
        die("--ports wants an even number 2..254");
    }
    if (opt.duration <= 0 || opt.warmup < 0) {
        die("--duration wants > 0 and --warmup >= 0");
    }
    if (opt.window < 0 || opt.settle_ms < 0 || opt.stall_ms < 1) {
        die("bad --window, --settle or --stall");
    }
    if (opt.sample < 1) {
        opt.sample = 1;
    }
}

static void
report(uint64_t measured_ns, const struct counters *m,
       const struct counters *all, uint64_t lost)
{
    double sec = (double) measured_ns / 1e9;
    double resp = (double) (m->flow_mods + m->packet_outs) / sec;
    const char *mode = opt.mode == MODE_LATENCY ? "latency" : "throughput";
    const char *ver = opt.version == OFP10_VERSION ? "1.0" : "1.3";
    double mean_us = lat.n ? (double) lat.sum / (double) lat.n / 1e3 : 0;
    double cpu = (double) (cpu_end_ns - cpu_start_ns) / (double) measured_ns
                 * 100.0;
    if (opt.json) {
        printf("{\"label\": \"%s\", \"version\": \"%s\", \"mode\": \"%s\", "
               "\"switches\": %d, \"macs_per_switch\": %d, \"window\": %d, "
               "\"measured_s\": %.3f, "
               "\"packet_ins_per_s\": %.1f, \"responses_per_s\": %.1f, "
               "\"flow_mods_per_s\": %.1f, \"packet_outs_per_s\": %.1f, "
               "\"answered_per_s\": %.1f, "
               "\"latency_samples\": %" PRIu64 ", \"latency_mean_us\": %.1f, "
               "\"latency_p50_us\": %.1f, \"latency_p99_us\": %.1f, "
               "\"latency_max_us\": %.1f, "
               "\"packet_ins\": %" PRIu64 ", \"answered\": %" PRIu64 ", "
               "\"flow_mods\": %" PRIu64 ", \"packet_outs\": %" PRIu64 ", "
               "\"lost\": %" PRIu64 ", \"stalls\": %" PRIu64 ", "
               "\"errors_rx\": %" PRIu64 ", \"decode_errors\": %" PRIu64 ", "
               "\"foreign\": %" PRIu64 ", \"disconnects\": %" PRIu64 ", "
               "\"generator_cpu_pct\": %.0f}\n",
               opt.label ? opt.label : "", ver, mode, opt.n_switches,
               opt.n_macs, opt.mode == MODE_LATENCY ? 1 : opt.window, sec,
               (double) m->pins_sent / sec, resp,
               (double) m->flow_mods / sec, (double) m->packet_outs / sec,
               (double) m->answered / sec, lat.n, mean_us,
               (double) hist_pct(&lat, 50) / 1e3,
               (double) hist_pct(&lat, 99) / 1e3, (double) lat.max / 1e3,
               m->pins_sent, m->answered, m->flow_mods, m->packet_outs, lost,
               all->stalls, all->errors_rx, all->decode_errors, all->foreign,
               disconnects, cpu);
        return;
    }
    printf("%s%sOpenFlow %s, %s mode, %d switches, %d MACs each, window %d, "
           "%.2f s measured\n", opt.label ? opt.label : "",
           opt.label ? ": " : "", ver, mode, opt.n_switches, opt.n_macs,
           opt.mode == MODE_LATENCY ? 1 : opt.window, sec);
    printf("  packet-ins sent     %12.0f /s\n", (double) m->pins_sent / sec);
    printf("  responses           %12.0f /s  (flow-mods + packet-outs)\n",
           resp);
    printf("  flow-mods           %12.0f /s\n", (double) m->flow_mods / sec);
    printf("  packet-outs         %12.0f /s\n", (double) m->packet_outs / sec);
    printf("  packet-ins answered %12.0f /s\n", (double) m->answered / sec);
    printf("  latency             mean %.1f us, p50 %.1f us, p99 %.1f us, "
           "max %.1f us (%" PRIu64 " samples)\n", mean_us,
           (double) hist_pct(&lat, 50) / 1e3,
           (double) hist_pct(&lat, 99) / 1e3, (double) lat.max / 1e3, lat.n);
    printf("  lost %" PRIu64 ", stalls %" PRIu64 ", errors from controller %"
           PRIu64 ", decode errors %" PRIu64 ", foreign packet-outs %" PRIu64
           ", disconnects %" PRIu64 "\n", lost, all->stalls, all->errors_rx,
           all->decode_errors, all->foreign, disconnects);
    printf("  generator CPU       %.0f%% of one core (near 100%%: the "
           "generator, not the controller, may be the limit)\n", cpu);
}

int
main(int argc, char *argv[])
{
    parse_options(argc, argv);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    build_templates();

    struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
    struct addrinfo *ai;
    int gai = getaddrinfo(opt.host, opt.port, &hints, &ai);
    if (gai) {
        die("%s:%s: %s", opt.host, opt.port, gai_strerror(gai));
    }
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) {
        die("epoll_create1: %s", strerror(errno));
    }
    sws = xzalloc(sizeof *sws * (size_t) opt.n_switches);
    for (int i = 0; i < opt.n_switches; i++) {
        struct sw *s = &sws[i];
        s->idx = i;
        s->rx = xmalloc(RX_SIZE);
        ofpbuf_init(&s->tx);
        ofp_arena_init(&s->arena);
        s->miss_send_len = 128;
        sw_connect(s, ai);
    }
    freeaddrinfo(ai);

    uint64_t t0 = now_ns(), phase_start = t0, measure_start = 0,
             measure_end = 0, next_tick = t0 + 1000000000u;
    struct counters tick_prev;
    memset(&tick_prev, 0, sizeof tick_prev);
    struct epoll_event evs[64];
    uint64_t settle_ns = (uint64_t) opt.settle_ms * 1000000u;
    uint64_t stall_ns = (uint64_t) opt.stall_ms * 1000000u;

    while (phase != PH_DONE) {
        if (interrupted) {
            die("interrupted");
        }
        uint64_t now = now_ns();
        int alive = 0, ready = 0;
        uint64_t learned = 0, outstanding = 0;
        for (int i = 0; i < opt.n_switches; i++) {
            struct sw *s = &sws[i];
            if (s->state == SW_DEAD) {
                continue;
            }
            alive++;
            if (!s->ready && s->features_sent
                && now - s->last_rx_ns >= settle_ns) {
                s->ready = true;
            }
            ready += s->ready;
            learned += s->learn_answered >= (uint64_t) opt.n_macs;
            outstanding += s->outstanding;
            if (s->outstanding && now - s->last_progress_ns > stall_ns
                && (phase == PH_LEARN || phase == PH_WARMUP
                    || phase == PH_MEASURE)) {
                s->c[phase].stalls += s->outstanding;
                s->outstanding = 0;
                s->last_progress_ns = now;
            }
        }
        if (!alive) {
            die("every switch lost its connection (phase %s)",
                phase_names[phase]);
        }

        enum phase old = phase;
        switch (phase) {
        case PH_CONNECT:
            if (ready == alive && alive == opt.n_switches) {
                say("%d switches connected and ready after %.2f s", ready,
                    (double) (now - phase_start) / 1e9);
                phase = PH_LEARN;
            } else if (now - phase_start
                       > (uint64_t) opt.connect_timeout_s * 1000000000u) {
                die("only %d of %d switches completed the handshake in %d s",
                    ready, opt.n_switches, opt.connect_timeout_s);
            }
            break;
        case PH_LEARN:
            if (learned == (uint64_t) alive) {
                say("learning pass done in %.2f s",
                    (double) (now - phase_start) / 1e9);
                phase = PH_WARMUP;
            } else if (now - phase_start > 10000000000u) {
                say("learning pass incomplete after 10 s (%" PRIu64 " of %d "
                    "switches fully answered); going on", learned, alive);
                phase = PH_WARMUP;
            }
            break;
        case PH_WARMUP:
            if (now - phase_start >= (uint64_t) (opt.warmup * 1e9)) {
                phase = PH_MEASURE;
                measure_start = now;
                cpu_start_ns = cpu_ns();
            }
            break;
        case PH_MEASURE:
            if (now - phase_start >= (uint64_t) (opt.duration * 1e9)) {
                phase = PH_DRAIN;
                measure_end = now;
                cpu_end_ns = cpu_ns();
            }
            break;
        case PH_DRAIN:
            /* Until every answer is in, or answers stop coming (a slow
             * controller may still be working through a deep queue). */
            if (!outstanding
                || (now - phase_start > stall_ns
                    && now - last_answer_ns > stall_ns)
                || now - phase_start > 30000000000u) {
                phase = PH_DONE;
            }
            break;
        case PH_DONE:
            break;
        }
        if (phase != old) {
            phase_start = now;
            if (phase == PH_DONE) {
                break;
            }
        }

        if (now >= next_tick && phase >= PH_LEARN && phase <= PH_MEASURE) {
            struct counters cur;
            memset(&cur, 0, sizeof cur);
            for (int i = 0; i < opt.n_switches; i++) {
                for (int p = 0; p < PH_DONE; p++) {
                    counters_add(&cur, &sws[i].c[p]);
                }
            }
            say("%-7s t=%5.1fs  packet-ins %9.0f/s  responses %9.0f/s  "
                "answered %9.0f/s", phase_names[phase],
                (double) (now - t0) / 1e9,
                (double) (cur.pins_sent - tick_prev.pins_sent),
                (double) (cur.flow_mods + cur.packet_outs
                          - tick_prev.flow_mods - tick_prev.packet_outs),
                (double) (cur.answered - tick_prev.answered));
            tick_prev = cur;
            next_tick += 1000000000u;
            if (next_tick < now) {
                next_tick = now + 1000000000u;
            }
        }

        for (int i = 0; i < opt.n_switches; i++) {
            sw_generate(&sws[i], now);
        }

        int n = epoll_wait(epfd, evs, 64, 5);
        if (n < 0 && errno != EINTR) {
            die("epoll_wait: %s", strerror(errno));
        }
        now = now_ns();
        for (int i = 0; i < n; i++) {
            struct sw *s = evs[i].data.ptr;
            if (s->state == SW_DEAD) {
                continue;
            }
            if (s->state == SW_CONNECTING) {
                if (evs[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) {
                    sw_connected(s, now);
                }
                continue;
            }
            if (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
                sw_read(s, now);
            }
            if (s->state == SW_DEAD) {
                continue;
            }
            /* Answer and refill right away, then write once. */
            sw_generate(s, now);
            if (s->state != SW_DEAD && sw_pending(s)) {
                sw_flush(s);
            }
        }
    }

    struct counters m, all;
    memset(&m, 0, sizeof m);
    memset(&all, 0, sizeof all);
    uint64_t sent = 0, answered = 0;
    for (int i = 0; i < opt.n_switches; i++) {
        counters_add(&m, &sws[i].c[PH_MEASURE]);
        for (int p = 0; p < PH_DONE; p++) {
            counters_add(&all, &sws[i].c[p]);
        }
    }
    for (int p = PH_LEARN; p < PH_DONE; p++) {
        struct counters ph;
        memset(&ph, 0, sizeof ph);
        for (int i = 0; i < opt.n_switches; i++) {
            counters_add(&ph, &sws[i].c[p]);
        }
        say("%-7s packet-ins %" PRIu64 ", answered %" PRIu64 ", flow-mods %"
            PRIu64 ", packet-outs %" PRIu64 ", stalls %" PRIu64 ", other %"
            PRIu64, phase_names[p], ph.pins_sent, ph.answered, ph.flow_mods,
            ph.packet_outs, ph.stalls, ph.other_rx);
    }
    sent = all.pins_sent;
    answered = all.answered;
    report(measure_end - measure_start, &m, &all,
           sent > answered ? sent - answered : 0);

    for (int i = 0; i < opt.n_switches; i++) {
        if (sws[i].fd >= 0) {
            close(sws[i].fd);
        }
        free(sws[i].rx);
        ofpbuf_uninit(&sws[i].tx);
        ofp_arena_uninit(&sws[i].arena);
    }
    for (int p = 0; p < opt.n_ports; p++) {
        free(tmpls[p].data);
    }
    free(tmpls);
    free(sws);
    close(epfd);
    return 0;
}
