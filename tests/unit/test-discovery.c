/* Unit tests for topology/discovery, against a real struct topo and a fake
 * clock: switches are "wired" by a table, and every probe sent out of a
 * wired port is delivered at once to the port at the other end. */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ofp-buf.h"
#include "tests/unit/unit.h"
#include "topology/discovery.h"
#include "topology/topo.h"

#define IV 1000         /* Probe interval. */
#define TIMEOUT 3000    /* Link timeout. */

static const uint8_t key[LLDP_KEY_LEN] = {
    0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
    0xcc, 0xdd, 0xee, 0xff, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
    0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
};
static const uint8_t probe_mac[6] = { 0x02, 0x00, 0x00, 0xc0, 0xff, 0xee };

struct wire {
    uint64_t a_dpid;
    uint32_t a_port;
    uint64_t b_dpid;
    uint32_t b_port;
    bool cut;
    uint64_t last_ab, last_ba;  /* Last delivery each way. */
};

struct sent {
    uint64_t dpid;
    uint32_t port;
    uint64_t t;
    uint8_t frame[LLDP_PROBE_MAX];
    size_t len;
};

struct net {
    struct topo *topo;
    struct disco *d;
    uint64_t now;
    struct wire wires[16];
    size_t n_wires;
    struct sent *log;           /* Every probe sent, in order. */
    size_t n_log, allocated;
    size_t delivered;           /* Probes before this one were handled. */
};

static void
on_send(void *n_, uint64_t dpid, uint32_t port, const uint8_t *frame,
        size_t len)
{
    struct net *n = n_;
    CU_ASSERT_FATAL(len > 0 && len <= LLDP_PROBE_MAX);
    if (n->n_log == n->allocated) {
        n->allocated = n->allocated ? 2 * n->allocated : 64;
        n->log = xrealloc(n->log, n->allocated * sizeof *n->log);
    }
    struct sent *s = &n->log[n->n_log++];
    s->dpid = dpid;
    s->port = port;
    s->t = n->now;
    memcpy(s->frame, frame, len);
    s->len = len;
}

static void
net_init(struct net *n, const uint64_t *dpids, size_t n_sw,
         uint32_t ports_per_switch)
{
    memset(n, 0, sizeof *n);
    n->topo = topo_create();
    for (size_t i = 0; i < n_sw; i++) {
        topo_switch_add(n->topo, dpids[i]);
        for (uint32_t p = 1; p <= ports_per_switch; p++) {
            topo_port_set(n->topo, dpids[i], p, true, 10000000);
        }
    }
    struct disco_settings s = { .interval_ms = IV, .timeout_ms = TIMEOUT };
    n->d = disco_create(n->topo, &s, key, probe_mac);
}

static void
net_wire(struct net *n, uint64_t a, uint32_t ap, uint64_t b, uint32_t bp)
{
    n->wires[n->n_wires++] = (struct wire) { a, ap, b, bp, false, 0, 0 };
}

static void
net_destroy(struct net *n)
{
    disco_destroy(n->d);
    topo_destroy(n->topo);
    free(n->log);
}

/* Delivers the probes sent since the last call across the wires. */
static void
net_deliver(struct net *n)
{
    for (; n->delivered < n->n_log; n->delivered++) {
        const struct sent *s = &n->log[n->delivered];
        for (size_t i = 0; i < n->n_wires; i++) {
            struct wire *w = &n->wires[i];
            if (w->cut) {
                continue;
            }
            if (w->a_dpid == s->dpid && w->a_port == s->port) {
                CU_ASSERT_EQUAL(disco_packet_in(n->d, w->b_dpid, w->b_port,
                                                s->frame, s->len, n->now),
                                LLDP_OURS);
                w->last_ab = n->now;
            } else if (w->b_dpid == s->dpid && w->b_port == s->port) {
                CU_ASSERT_EQUAL(disco_packet_in(n->d, w->a_dpid, w->a_port,
                                                s->frame, s->len, n->now),
                                LLDP_OURS);
                w->last_ba = n->now;
            }
        }
    }
}

/* Runs the discovery at every time it asks for, up to 'until'. */
static void
net_advance(struct net *n, uint64_t until)
{
    for (int guard = 0;; guard++) {
        CU_ASSERT_FATAL(guard < 1000000);
        uint64_t w = disco_next_wake(n->d);
        if (w < n->now) {
            w = n->now;
        }
        if (w > until) {
            break;
        }
        n->now = w;
        disco_run(n->d, n->now, on_send, n);
        net_deliver(n);
        CU_ASSERT_FATAL(disco_next_wake(n->d) > n->now);
    }
    n->now = until;
}

static bool
has_link(const struct net *n, uint64_t a, uint32_t ap, uint64_t b,
         uint32_t bp, bool *bidir)
{
    struct topo_link l;
    if (!topo_link_from(n->topo, a, ap, &l) || l.dst_dpid != b
        || l.dst_port != bp) {
        return false;
    }
    if (bidir) {
        *bidir = l.bidirectional;
    }
    return true;
}

static size_t
n_links(const struct net *n)
{
    struct topo_link *links;
    size_t k = topo_links(n->topo, &links);
    free(links);
    return k;
}

/* Both directions of every uncut wire are links, usable, and nothing
 * else is. */
static void
assert_wired(const struct net *n)
{
    size_t want = 0;
    for (size_t i = 0; i < n->n_wires; i++) {
        const struct wire *w = &n->wires[i];
        if (w->cut) {
            continue;
        }
        bool ab = false, ba = false;
        CU_ASSERT(has_link(n, w->a_dpid, w->a_port, w->b_dpid, w->b_port,
                           &ab));
        CU_ASSERT(has_link(n, w->b_dpid, w->b_port, w->a_dpid, w->a_port,
                           &ba));
        CU_ASSERT(ab && ba);
        want += 2;
    }
    CU_ASSERT_EQUAL(n_links(n), want);
}

static void
test_two_switches(void)
{
    static const uint64_t dpids[] = { 1, 2 };
    struct net n;
    net_init(&n, dpids, 2, 3);
    net_wire(&n, 1, 1, 2, 1);

    /* Nothing before the first probes; both directions after one
     * interval. */
    CU_ASSERT_EQUAL(n_links(&n), 0);
    net_advance(&n, IV);
    assert_wired(&n);
    struct topo_hop hops[4];
    CU_ASSERT_EQUAL(topo_path(n.topo, 1, 2, hops, 4, NULL), 2);
    CU_ASSERT_EQUAL(hops[0].out_port, 1);
    CU_ASSERT_EQUAL(hops[1].in_port, 1);
    CU_ASSERT_FALSE(topo_port_is_edge(n.topo, 1, 1));
    CU_ASSERT_TRUE(topo_port_is_edge(n.topo, 1, 2));

    /* Steady: every port probed once an interval, every probe back. */
    net_advance(&n, 20 * IV);
    assert_wired(&n);
    const struct disco_stats *st = disco_stats(n.d);
    CU_ASSERT_EQUAL(st->probes_sent, n.n_log);
    CU_ASSERT(st->probes_sent >= 6 * 20 && st->probes_sent <= 6 * 21);
    CU_ASSERT(st->probes_received >= 2 * 20 && st->probes_received
                                               <= 2 * 21);
    CU_ASSERT_EQUAL(st->forged + st->stale + st->foreign + st->malformed
                    + st->links_expired, 0);
    net_destroy(&n);
}

static void
test_three_switches(void)
{
    /* A triangle, and a fourth switch that joins later. */
    static const uint64_t dpids[] = { 0x10, 0x20, 0x30 };
    struct net n;
    net_init(&n, dpids, 3, 4);
    net_wire(&n, 0x10, 1, 0x20, 1);
    net_wire(&n, 0x20, 2, 0x30, 1);
    net_wire(&n, 0x30, 2, 0x10, 2);
    net_advance(&n, IV);
    assert_wired(&n);
    CU_ASSERT_EQUAL(n_links(&n), 6);
    struct topo_hop hops[4];
    CU_ASSERT_EQUAL(topo_path(n.topo, 0x10, 0x30, hops, 4, NULL), 2);

    /* The new switch is probed soon: its ports within an eighth of an
     * interval, so its links out appear that soon and the links in at
     * the peers' next probes. */
    net_advance(&n, 5 * IV + 500);
    topo_switch_add(n.topo, 0x40);
    for (uint32_t p = 1; p <= 4; p++) {
        topo_port_set(n.topo, 0x40, p, true, 0);
    }
    net_wire(&n, 0x40, 3, 0x20, 3);
    size_t before = n.n_log;
    disco_probe_soon(n.d, 0x40, n.now);
    CU_ASSERT(disco_next_wake(n.d) <= n.now);
    net_advance(&n, n.now + IV / 8);
    size_t soon = 0;
    for (size_t i = before; i < n.n_log; i++) {
        soon += n.log[i].dpid == 0x40;
    }
    CU_ASSERT_EQUAL(soon, 4);
    CU_ASSERT(has_link(&n, 0x40, 3, 0x20, 3, NULL));
    net_advance(&n, n.now + IV);
    assert_wired(&n);
    CU_ASSERT_EQUAL(n_links(&n), 8);
    net_destroy(&n);
}

static void
test_cut_wire(void)
{
    static const uint64_t dpids[] = { 1, 2, 3 };
    struct net n;
    net_init(&n, dpids, 3, 2);
    net_wire(&n, 1, 1, 2, 1);
    net_wire(&n, 2, 2, 3, 1);
    net_advance(&n, 5 * IV);
    assert_wired(&n);

    /* Cut 1-2 at 5000: each direction stays until TIMEOUT after its last
     * probe, and goes within an interval after that. */
    struct wire *w = &n.wires[0];
    w->cut = true;
    uint64_t last = w->last_ab < w->last_ba ? w->last_ab : w->last_ba;
    uint64_t later = w->last_ab < w->last_ba ? w->last_ba : w->last_ab;
    net_advance(&n, last + TIMEOUT);
    CU_ASSERT(has_link(&n, 1, 1, 2, 1, NULL));
    CU_ASSERT(has_link(&n, 2, 1, 1, 1, NULL));
    CU_ASSERT_EQUAL(disco_stats(n.d)->links_expired, 0);
    net_advance(&n, later + TIMEOUT);
    CU_ASSERT(has_link(&n, 1, 1, 2, 1, NULL)
              || has_link(&n, 2, 1, 1, 1, NULL));
    net_advance(&n, later + TIMEOUT + IV);
    CU_ASSERT_FALSE(has_link(&n, 1, 1, 2, 1, NULL));
    CU_ASSERT_FALSE(has_link(&n, 2, 1, 1, 1, NULL));
    CU_ASSERT_EQUAL(disco_stats(n.d)->links_expired, 2);
    assert_wired(&n);
    struct topo_hop hops[4];
    CU_ASSERT_EQUAL(topo_path(n.topo, 1, 3, hops, 4, NULL), 0);

    /* Mended: back within an interval. */
    w->cut = false;
    net_advance(&n, n.now + IV);
    assert_wired(&n);
    CU_ASSERT_EQUAL(topo_path(n.topo, 1, 3, hops, 4, NULL), 3);
    net_destroy(&n);
}

static void
test_port_down(void)
{
    static const uint64_t dpids[] = { 1, 2 };
    struct net n;
    net_init(&n, dpids, 2, 2);
    net_wire(&n, 1, 1, 2, 1);
    net_advance(&n, 3 * IV);
    assert_wired(&n);

    /* Down: both directions go at once, and the port is no longer
     * probed. */
    topo_port_set(n.topo, 1, 1, false, 0);
    CU_ASSERT_EQUAL(n_links(&n), 0);
    size_t before = n.n_log;
    net_advance(&n, 6 * IV);
    for (size_t i = before; i < n.n_log; i++) {
        CU_ASSERT_FALSE(n.log[i].dpid == 1 && n.log[i].port == 1);
    }
    /* Probes from 2:1 still arrive at the dead port: refused. */
    CU_ASSERT_EQUAL(n_links(&n), 0);

    /* Up again. */
    topo_port_set(n.topo, 1, 1, true, 0);
    disco_probe_soon(n.d, 1, n.now);
    net_advance(&n, n.now + IV);
    assert_wired(&n);

    /* Removed: links go at once too. */
    topo_port_remove(n.topo, 2, 1);
    CU_ASSERT_EQUAL(n_links(&n), 0);
    net_advance(&n, n.now + 2 * IV);
    CU_ASSERT_EQUAL(n_links(&n), 0);
    net_destroy(&n);
}

/* The last probe sent out of (dpid, port). */
static const struct sent *
last_probe(const struct net *n, uint64_t dpid, uint32_t port)
{
    for (size_t i = n->n_log; i-- > 0;) {
        if (n->log[i].dpid == dpid && n->log[i].port == port) {
            return &n->log[i];
        }
    }
    return NULL;
}

/* The first probe sent out of (dpid, port). */
static const struct sent *
first_probe(const struct net *n, uint64_t dpid, uint32_t port)
{
    for (size_t i = 0; i < n->n_log; i++) {
        if (n->log[i].dpid == dpid && n->log[i].port == port) {
            return &n->log[i];
        }
    }
    return NULL;
}

static void
test_forged_and_replayed(void)
{
    static const uint64_t dpids[] = { 1, 2 };
    struct net n;
    net_init(&n, dpids, 2, 3);
    net_advance(&n, 2 * IV);
    CU_ASSERT_EQUAL(n_links(&n), 0);

    /* A probe from edge port 1:3 with one byte altered, injected at 2:3:
     * nothing, whatever byte of the LLDPDU is changed (but the TTL's
     * value, which is not authenticated). */
    const struct sent *s = last_probe(&n, 1, 3);
    CU_ASSERT_FATAL(s != NULL);
    size_t port_tlv = 14 + 2 + s->frame[15];
    size_t ttl_value = port_tlv + 2 + s->frame[port_tlv + 1] + 2;
    uint8_t f[LLDP_PROBE_MAX];
    size_t n_forged = 0, n_other = 0;
    for (size_t i = 14; i + 2 < s->len; i++) {
        if (i == ttl_value || i == ttl_value + 1) {
            continue;
        }
        memcpy(f, s->frame, s->len);
        f[i] ^= 0x20;
        enum lldp_result r = disco_packet_in(n.d, 2, 3, f, s->len, n.now);
        CU_ASSERT_NOT_EQUAL(r, LLDP_OURS);
        n_forged += r == LLDP_FORGED;
        n_other += r != LLDP_FORGED;
    }
    const struct disco_stats *st = disco_stats(n.d);
    CU_ASSERT(n_forged > 40);
    CU_ASSERT_EQUAL(st->forged, n_forged);
    CU_ASSERT_EQUAL(st->forged + st->foreign + st->malformed,
                    n_forged + n_other);
    CU_ASSERT_EQUAL(st->probes_received, 0);
    CU_ASSERT_EQUAL(n_links(&n), 0);

    /* The same probe unaltered but replayed after the window. */
    uint64_t sent_at = s->t;
    memcpy(f, s->frame, s->len);
    size_t len = s->len;
    net_advance(&n, sent_at + TIMEOUT + 1);
    CU_ASSERT_EQUAL(disco_packet_in(n.d, 2, 3, f, len, n.now), LLDP_STALE);
    CU_ASSERT_EQUAL(st->stale, 1);
    CU_ASSERT_EQUAL(n_links(&n), 0);

    /* Someone else's LLDP, and garbage. */
    static const uint8_t other[] = {
        0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e, 0x00, 0x1b, 0x54, 0xaa, 0xbb,
        0x01, 0x88, 0xcc, 0x02, 0x07, 0x04, 0x00, 0x1b, 0x54, 0xaa, 0xbb,
        0x00, 0x04, 0x02, 0x07, 0x31, 0x06, 0x02, 0x00, 0x78, 0x00, 0x00,
    };
    uint64_t foreign = st->foreign, malformed = st->malformed;
    CU_ASSERT_EQUAL(disco_packet_in(n.d, 2, 3, other, sizeof other, n.now),
                    LLDP_NOT_OURS);
    CU_ASSERT_EQUAL(disco_packet_in(n.d, 2, 3, other, 20, n.now),
                    LLDP_MALFORMED);
    CU_ASSERT_EQUAL(st->foreign, foreign + 1);
    CU_ASSERT_EQUAL(st->malformed, malformed + 1);
    CU_ASSERT_EQUAL(n_links(&n), 0);
    net_destroy(&n);
}

static void
test_host_replay(void)
{
    /* 1:1-2:1 wired; a host on edge port 1:3 replays every probe it gets
     * into edge port 2:3 (through an accomplice or a second NIC). */
    static const uint64_t dpids[] = { 1, 2 };
    struct net n;
    net_init(&n, dpids, 2, 3);
    net_wire(&n, 1, 1, 2, 1);
    size_t replayed = 0;
    for (uint64_t t = 100; t <= 4 * IV; t += 100) {
        net_advance(&n, t);
        for (; replayed < n.n_log; replayed++) {
            const struct sent *s = &n.log[replayed];
            if (s->dpid == 1 && s->port == 3) {
                CU_ASSERT_EQUAL(disco_packet_in(n.d, 2, 3, s->frame, s->len,
                                                n.now), LLDP_OURS);
            }
        }
    }
    /* A one-way link: there, but not usable. */
    bool bidir = true;
    CU_ASSERT(has_link(&n, 1, 3, 2, 3, &bidir));
    CU_ASSERT_FALSE(bidir);
    CU_ASSERT_FALSE(has_link(&n, 2, 3, 1, 3, NULL));
    struct topo_hop hops[4];
    CU_ASSERT_EQUAL(topo_path(n.topo, 1, 2, hops, 4, NULL), 2);
    CU_ASSERT_EQUAL(hops[0].out_port, 1);

    /* With the real wire cut, there is no path at all. */
    n.wires[0].cut = true;
    for (uint64_t t = n.now + 100; t <= 10 * IV; t += 100) {
        net_advance(&n, t);
        for (; replayed < n.n_log; replayed++) {
            const struct sent *s = &n.log[replayed];
            if (s->dpid == 1 && s->port == 3) {
                disco_packet_in(n.d, 2, 3, s->frame, s->len, n.now);
            }
        }
    }
    CU_ASSERT(has_link(&n, 1, 3, 2, 3, &bidir));
    CU_ASSERT_FALSE(bidir);
    CU_ASSERT_EQUAL(n_links(&n), 1);
    CU_ASSERT_EQUAL(topo_path(n.topo, 1, 2, hops, 4, NULL), 0);
    net_destroy(&n);
}

static void
test_spread(void)
{
    /* Four switches of 8 ports. */
    static const uint64_t dpids[] = { 1, 2, 3, 0x0000aabbccddeeffull };
    struct net n;
    net_init(&n, dpids, 4, 8);
    net_wire(&n, 1, 1, 2, 1);
    net_wire(&n, 2, 2, 3, 1);
    net_advance(&n, 10 * IV);

    for (size_t sw = 0; sw < 4; sw++) {
        uint64_t first[9] = { 0 };
        for (uint32_t p = 1; p <= 8; p++) {
            /* Probed in the first interval, then exactly once an
             * interval. */
            uint64_t prev = 0;
            size_t k = 0;
            for (size_t i = 0; i < n.n_log; i++) {
                const struct sent *s = &n.log[i];
                if (s->dpid != dpids[sw] || s->port != p) {
                    continue;
                }
                if (k == 0) {
                    CU_ASSERT(s->t < IV);
                    first[p] = s->t;
                } else {
                    CU_ASSERT_EQUAL(s->t - prev, IV);
                }
                prev = s->t;
                k++;
            }
            CU_ASSERT(k == 10 || k == 11);
        }
        /* A switch's ports are probed at 8 different times, an eighth of
         * an interval apart. */
        uint64_t sorted[8];
        for (size_t i = 0; i < 8; i++) {
            size_t j = i;
            while (j > 0 && sorted[j - 1] > first[i + 1]) {
                sorted[j] = sorted[j - 1];
                j--;
            }
            sorted[j] = first[i + 1];
        }
        for (size_t i = 1; i < 8; i++) {
            CU_ASSERT(sorted[i] - sorted[i - 1] >= IV / 8 - 1);
        }
    }
    /* The switches do not all start at the same time either. */
    const struct sent *a = &n.log[0];
    size_t same_ms = 0;
    for (size_t i = 1; i < n.n_log && n.log[i].t == a->t; i++) {
        same_ms++;
    }
    CU_ASSERT(same_ms < 4);

    /* Late runs do not make the schedule drift. */
    size_t before = n.n_log;
    uint64_t t0 = n.now;
    for (uint64_t t = t0 + 7; t <= t0 + 10 * IV; t += 7) {
        n.now = t;
        disco_run(n.d, t, on_send, &n);
        net_deliver(&n);
    }
    CU_ASSERT(n.n_log - before >= 32 * 9 && n.n_log - before <= 32 * 11);
    for (size_t i = before; i < n.n_log; i++) {
        const struct sent *s = &n.log[i];
        const struct sent *f = first_probe(&n, s->dpid, s->port);
        CU_ASSERT_FATAL(f != NULL);
        CU_ASSERT((s->t - f->t) % IV < 7);
    }
    assert_wired(&n);
    net_destroy(&n);
}

static void
test_settings(void)
{
    static const uint64_t dpids[] = { 1, 2 };
    struct net n;
    net_init(&n, dpids, 2, 1);
    net_wire(&n, 1, 1, 2, 1);
    net_advance(&n, 2 * IV);
    assert_wired(&n);

    /* A shorter interval takes effect within the new interval. */
    struct disco_settings s = { .interval_ms = 100, .timeout_ms = 300 };
    disco_set_settings(n.d, &s);
    size_t before = n.n_log;
    net_advance(&n, n.now + 1000);
    CU_ASSERT(n.n_log - before >= 2 * 9 && n.n_log - before <= 2 * 11);
    assert_wired(&n);

    /* A cut now expires links within the new timeout. */
    n.wires[0].cut = true;
    net_advance(&n, n.now + 300 + 100 + 1);
    CU_ASSERT_EQUAL(n_links(&n), 0);

    /* A timeout under two intervals is raised to two intervals. */
    n.wires[0].cut = false;
    s.timeout_ms = 10;
    disco_set_settings(n.d, &s);
    net_advance(&n, n.now + 1000);
    assert_wired(&n);
    net_destroy(&n);
}

static const CU_TestInfo discovery_tests[] = {
    { "two switches: links after one interval", test_two_switches },
    { "three switches, and one joining", test_three_switches },
    { "a cut wire expires after the timeout", test_cut_wire },
    { "a port going down drops its links at once", test_port_down },
    { "forged, replayed, foreign and malformed probes",
      test_forged_and_replayed },
    { "a host replaying probes makes a one-way link at most",
      test_host_replay },
    { "probes spread over the interval, once per port", test_spread },
    { "changing the interval and timeout", test_settings },
    CU_TEST_INFO_NULL,
};

void
test_discovery_register(void)
{
    unit_add_suite("discovery", discovery_tests);
}
