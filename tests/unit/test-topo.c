/* Unit tests for the topology graph: links, weights, versions, shortest
 * paths against a brute-force all-pairs computation, and the flood tree. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "topology/topo.h"
#include "tests/unit/unit.h"

#define NONE TOPO_PORT_NONE

/* ---- Small deterministic random numbers (fixed seeds reproduce). ------- */

static uint64_t
rnd(uint64_t *s)
{
    /* xorshift64* */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545f4914f6cdd1dull;
}

static uint32_t
rnd_below(uint64_t *s, uint32_t n)
{
    return (uint32_t) (rnd(s) % n);
}

static void
shuffle(uint32_t *a, size_t n, uint64_t *s)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rnd_below(s, (uint32_t) i);
        uint32_t x = a[i - 1];
        a[i - 1] = a[j];
        a[j] = x;
    }
}

/* Links both ways between (a, pa) and (b, pb). */
static void
cable(struct topo *t, uint64_t a, uint32_t pa, uint64_t b, uint32_t pb,
      uint64_t now)
{
    CU_ASSERT(topo_link_seen(t, a, pa, b, pb, now) >= 0);
    CU_ASSERT(topo_link_seen(t, b, pb, a, pa, now) >= 0);
}

static void
add_switch(struct topo *t, uint64_t dpid, uint32_t n_ports, uint32_t speed)
{
    topo_switch_add(t, dpid);
    for (uint32_t p = 1; p <= n_ports; p++) {
        topo_port_set(t, dpid, p, true, speed);
    }
}

/* ---- Links. ------------------------------------------------------------- */

static void
test_one_way_then_both(void)
{
    struct topo *t = topo_create();
    struct topo_link l;
    struct topo_hop hops[4];
    uint64_t cost = 99;
    add_switch(t, 1, 2, 10000000);
    add_switch(t, 2, 2, 10000000);
    CU_ASSERT_TRUE(topo_port_is_edge(t, 1, 1));
    CU_ASSERT_TRUE(topo_port_is_edge(t, 2, 1));

    /* One way: known, but unusable; neither end is an edge port. */
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 1, 2, 1, 100), 1);
    CU_ASSERT_TRUE(topo_link_from(t, 1, 1, &l));
    CU_ASSERT_FALSE(l.bidirectional);
    CU_ASSERT_EQUAL(l.dst_dpid, 2);
    CU_ASSERT_EQUAL(l.dst_port, 1);
    CU_ASSERT_EQUAL(l.weight, 10);
    CU_ASSERT_FALSE(topo_link_from(t, 2, 1, &l));
    CU_ASSERT_FALSE(topo_port_is_edge(t, 1, 1));
    CU_ASSERT_FALSE(topo_port_is_edge(t, 2, 1));
    CU_ASSERT_EQUAL(topo_path(t, 1, 2, hops, 4, &cost), 0);
    CU_ASSERT_EQUAL(topo_path(t, 2, 1, hops, 4, &cost), 0);
    CU_ASSERT_FALSE(topo_flood_port(t, 1, 1));
    CU_ASSERT_FALSE(topo_flood_port(t, 2, 1));
    CU_ASSERT_TRUE(topo_flood_port(t, 1, 2));

    /* The reverse makes both usable. */
    CU_ASSERT_EQUAL(topo_link_seen(t, 2, 1, 1, 1, 150), 1);
    CU_ASSERT_TRUE(topo_link_from(t, 1, 1, &l));
    CU_ASSERT_TRUE(l.bidirectional);
    CU_ASSERT_EQUAL(l.first_seen_ms, 100);
    CU_ASSERT_EQUAL(l.last_seen_ms, 100);
    CU_ASSERT_EQUAL(topo_path(t, 1, 2, hops, 4, &cost), 2);
    CU_ASSERT_EQUAL(cost, 10);
    CU_ASSERT_EQUAL(hops[0].dpid, 1);
    CU_ASSERT_EQUAL(hops[0].in_port, NONE);
    CU_ASSERT_EQUAL(hops[0].out_port, 1);
    CU_ASSERT_EQUAL(hops[1].dpid, 2);
    CU_ASSERT_EQUAL(hops[1].in_port, 1);
    CU_ASSERT_EQUAL(hops[1].out_port, NONE);
    CU_ASSERT_TRUE(topo_flood_port(t, 1, 1));
    CU_ASSERT_TRUE(topo_flood_port(t, 2, 1));

    /* A refresh moves last_seen only. */
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 1, 2, 1, 300), 0);
    CU_ASSERT_TRUE(topo_link_from(t, 1, 1, &l));
    CU_ASSERT_EQUAL(l.first_seen_ms, 100);
    CU_ASSERT_EQUAL(l.last_seen_ms, 300);

    struct topo_link *all;
    CU_ASSERT_EQUAL(topo_links(t, &all), 2);
    CU_ASSERT_EQUAL(all[0].src_dpid, 1);
    CU_ASSERT_EQUAL(all[1].src_dpid, 2);
    CU_ASSERT_EQUAL(all[1].last_seen_ms, 150);
    free(all);
    topo_destroy(t);
    topo_destroy(NULL);
}

static void
test_refused(void)
{
    struct topo *t = topo_create();
    add_switch(t, 1, 3, 0);
    add_switch(t, 2, 1, 0);
    topo_port_set(t, 2, 5, false, 0);
    /* Unknown switch, unknown port, dead port, itself. */
    CU_ASSERT_EQUAL(topo_link_seen(t, 9, 1, 2, 1, 0), -1);
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 1, 9, 1, 0), -1);
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 7, 2, 1, 0), -1);
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 1, 2, 7, 0), -1);
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 1, 2, 5, 0), -1);
    CU_ASSERT_EQUAL(topo_link_seen(t, 2, 5, 1, 1, 0), -1);
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 1, 1, 1, 0), -1);
    struct topo_link *all;
    CU_ASSERT_EQUAL(topo_links(t, &all), 0);
    free(all);
    /* Two ports of one switch cabled together: a loop, not an edge, never
     * flooded (that cable would loop every broadcast back). */
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 2, 1, 3, 0), 1);
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 3, 1, 2, 0), 1);
    CU_ASSERT_FALSE(topo_port_is_edge(t, 1, 2));
    CU_ASSERT_FALSE(topo_flood_port(t, 1, 2));
    CU_ASSERT_FALSE(topo_flood_port(t, 1, 3));
    CU_ASSERT_TRUE(topo_flood_port(t, 1, 1));
    /* Ports of an unknown switch are ignored. */
    topo_port_set(t, 9, 1, true, 0);
    CU_ASSERT_FALSE(topo_switch_exists(t, 9));
    CU_ASSERT_FALSE(topo_port_is_edge(t, 9, 1));
    topo_destroy(t);
}

static void
test_port_down_remove(void)
{
    struct topo *t = topo_create();
    struct topo_link l;
    struct topo_link *all;
    add_switch(t, 1, 2, 0);
    add_switch(t, 2, 2, 0);
    add_switch(t, 3, 2, 0);
    cable(t, 1, 1, 2, 1, 0);
    cable(t, 2, 2, 3, 1, 0);
    /* A second, one-way link into 2:1 (from 3:2). */
    CU_ASSERT_EQUAL(topo_link_seen(t, 3, 2, 2, 1, 0), 1);
    CU_ASSERT_EQUAL(topo_links(t, &all), 5);
    free(all);

    /* Down: every link out of and into 2:1 goes at once. */
    topo_port_set(t, 2, 1, false, 0);
    CU_ASSERT_EQUAL(topo_links(t, &all), 2);
    free(all);
    CU_ASSERT_FALSE(topo_link_from(t, 1, 1, &l));
    CU_ASSERT_FALSE(topo_link_from(t, 3, 2, &l));
    CU_ASSERT_TRUE(topo_link_from(t, 2, 2, &l));
    CU_ASSERT_EQUAL(topo_path(t, 1, 3, NULL, 0, NULL), 0);
    CU_ASSERT_FALSE(topo_port_is_edge(t, 2, 1)); /* Not live. */
    CU_ASSERT_FALSE(topo_flood_port(t, 2, 1));
    CU_ASSERT_TRUE(topo_port_is_edge(t, 1, 1));
    uint32_t *ports;
    CU_ASSERT_EQUAL(topo_ports(t, 2, &ports), 1);
    CU_ASSERT_EQUAL(ports[0], 2);
    free(ports);
    /* Up again: links come back only when probes do. */
    topo_port_set(t, 2, 1, true, 0);
    CU_ASSERT_EQUAL(topo_links(t, &all), 2);
    free(all);
    cable(t, 1, 1, 2, 1, 10);
    CU_ASSERT_EQUAL(topo_path(t, 1, 3, NULL, 0, NULL), 3);

    /* Remove a port. */
    topo_port_remove(t, 2, 2);
    CU_ASSERT_EQUAL(topo_links(t, &all), 2);
    free(all);
    CU_ASSERT_FALSE(topo_link_from(t, 3, 1, &l));
    CU_ASSERT_EQUAL(topo_path(t, 1, 3, NULL, 0, NULL), 0);
    CU_ASSERT_EQUAL(topo_ports(t, 2, &ports), 1);
    CU_ASSERT_EQUAL(ports[0], 1);
    free(ports);
    topo_port_set(t, 2, 2, true, 0);
    cable(t, 2, 2, 3, 1, 20);
    CU_ASSERT_EQUAL(topo_path(t, 1, 3, NULL, 0, NULL), 3);

    /* Remove a switch: its ports and every link to or from it. */
    topo_switch_remove(t, 2);
    CU_ASSERT_FALSE(topo_switch_exists(t, 2));
    CU_ASSERT_EQUAL(topo_links(t, &all), 0);
    free(all);
    CU_ASSERT_EQUAL(topo_ports(t, 2, &ports), 0);
    free(ports);
    CU_ASSERT_TRUE(topo_port_is_edge(t, 1, 1));
    CU_ASSERT_TRUE(topo_port_is_edge(t, 3, 1));
    CU_ASSERT_EQUAL(topo_path(t, 1, 2, NULL, 0, NULL), 0);
    /* Re-added, it starts with no ports. */
    topo_switch_add(t, 2);
    CU_ASSERT_EQUAL(topo_ports(t, 2, &ports), 0);
    free(ports);
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 1, 2, 1, 30), -1);
    topo_destroy(t);
}

static void
test_expire(void)
{
    struct topo *t = topo_create();
    struct topo_link l;
    add_switch(t, 1, 3, 0);
    add_switch(t, 2, 3, 0);
    cable(t, 1, 1, 2, 1, 1000);
    cable(t, 1, 2, 2, 2, 2000);
    cable(t, 1, 3, 2, 3, 3000);
    CU_ASSERT_EQUAL(topo_links_expire(t, 1500, 500), 0);
    CU_ASSERT_EQUAL(topo_links_expire(t, 1500, 499), 2);
    CU_ASSERT_FALSE(topo_link_from(t, 1, 1, &l));
    CU_ASSERT_FALSE(topo_link_from(t, 2, 1, &l));
    /* A refresh keeps a link. */
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 2, 2, 2, 5000), 0);
    CU_ASSERT_EQUAL(topo_links_expire(t, 5500, 1000), 3);
    CU_ASSERT_TRUE(topo_link_from(t, 1, 2, &l));
    CU_ASSERT_FALSE(topo_link_from(t, 2, 2, &l));
    CU_ASSERT_FALSE(topo_link_from(t, 1, 3, &l));
    CU_ASSERT_EQUAL(topo_links_expire(t, 6000, 1000), 0);
    CU_ASSERT_EQUAL(topo_links_expire(t, 6001, 1000), 1);
    /* A time before last_seen expires nothing. */
    cable(t, 1, 1, 2, 1, 9000);
    CU_ASSERT_EQUAL(topo_links_expire(t, 100, 0), 0);
    CU_ASSERT_EQUAL(topo_links_expire(t, 9001, 0), 2);
    topo_destroy(t);
}

/* Expiry on many links seen at shuffled times, against a scan. */
static void
test_expire_random(void)
{
    uint64_t seed = 42;
    struct topo *t = topo_create();
    enum { N = 200 };
    uint64_t seen[N];
    for (uint32_t i = 0; i < N; i++) {
        add_switch(t, 1000 + i, 1, 0);
    }
    for (uint32_t i = 0; i + 1 < N; i += 2) {
        seen[i] = seen[i + 1] = rnd_below(&seed, 10000);
        cable(t, 1000 + i, 1, 1000 + i + 1, 1, seen[i]);
    }
    /* Refresh some at later, out-of-order times. */
    for (uint32_t k = 0; k < 300; k++) {
        uint32_t i = rnd_below(&seed, N);
        uint64_t now = rnd_below(&seed, 20000);
        uint32_t j = i ^ 1;
        topo_link_seen(t, 1000 + i, 1, 1000 + j, 1, now);
        if (now > seen[i]) {
            seen[i] = now;
        }
    }
    for (uint64_t now = 0; now <= 21000; now += 1000) {
        size_t expect = 0;
        for (uint32_t i = 0; i < N; i++) {
            if (seen[i] != UINT64_MAX && now > seen[i] + 2000) {
                seen[i] = UINT64_MAX;
                expect++;
            }
        }
        CU_ASSERT_EQUAL(topo_links_expire(t, now, 2000), expect);
        struct topo_link *all;
        size_t n = topo_links(t, &all), alive = 0;
        for (uint32_t i = 0; i < N; i++) {
            alive += seen[i] != UINT64_MAX;
        }
        CU_ASSERT_EQUAL(n, alive);
        for (size_t k = 0; k < n; k++) {
            CU_ASSERT_EQUAL(all[k].last_seen_ms, seen[all[k].src_dpid - 1000]);
        }
        free(all);
    }
    topo_destroy(t);
}

static void
test_replace(void)
{
    struct topo *t = topo_create();
    struct topo_link l;
    struct topo_link *all;
    add_switch(t, 1, 1, 0);
    add_switch(t, 2, 1, 0);
    add_switch(t, 3, 1, 0);
    cable(t, 1, 1, 2, 1, 0);
    uint64_t v = topo_version(t);
    /* 1:1 now shows up at 3:1: the old link goes. */
    CU_ASSERT_EQUAL(topo_link_seen(t, 1, 1, 3, 1, 50), 1);
    CU_ASSERT(topo_version(t) > v);
    CU_ASSERT_TRUE(topo_link_from(t, 1, 1, &l));
    CU_ASSERT_EQUAL(l.dst_dpid, 3);
    CU_ASSERT_EQUAL(l.first_seen_ms, 50);
    CU_ASSERT_FALSE(l.bidirectional);
    CU_ASSERT_EQUAL(topo_links(t, &all), 2);
    free(all);
    /* 2:1 -> 1:1 is now one-way. */
    CU_ASSERT_TRUE(topo_link_from(t, 2, 1, &l));
    CU_ASSERT_FALSE(l.bidirectional);
    CU_ASSERT_EQUAL(topo_path(t, 1, 2, NULL, 0, NULL), 0);
    CU_ASSERT_EQUAL(topo_link_seen(t, 3, 1, 1, 1, 60), 1);
    CU_ASSERT_EQUAL(topo_path(t, 1, 3, NULL, 0, NULL), 2);
    CU_ASSERT_FALSE(topo_port_is_edge(t, 2, 1));
    topo_destroy(t);
}

static void
test_weights(void)
{
    static const struct {
        uint32_t kbps;
        uint32_t weight;
    } speeds[] = {
        { 100000000, 1 }, { 10000000, 10 }, { 1000000, 100 },
        { 0, 100 },       { 400000000, 1 }, { 100000, 1000 },
        { 40000000, 2 },  { 10, 10000000 },
    };
    struct topo *t = topo_create();
    struct topo_link l;
    add_switch(t, 1, 1, 0);
    add_switch(t, 2, 1, 0);
    cable(t, 1, 1, 2, 1, 0);
    for (size_t i = 0; i < sizeof speeds / sizeof *speeds; i++) {
        topo_port_set(t, 1, 1, true, speeds[i].kbps);
        CU_ASSERT_TRUE(topo_link_from(t, 1, 1, &l));
        CU_ASSERT_EQUAL(l.weight, speeds[i].weight);
    }
    topo_port_set(t, 1, 1, true, 10000000);
    /* Configured after the port exists; 0 restores the default. */
    topo_set_weight(t, 1, 1, 7);
    CU_ASSERT_TRUE(topo_link_from(t, 1, 1, &l));
    CU_ASSERT_EQUAL(l.weight, 7);
    CU_ASSERT_TRUE(topo_link_from(t, 2, 1, &l));
    CU_ASSERT_EQUAL(l.weight, 100); /* Only out of 1:1. */
    uint64_t cost;
    CU_ASSERT_EQUAL(topo_path(t, 1, 2, NULL, 0, &cost), 2);
    CU_ASSERT_EQUAL(cost, 7);
    CU_ASSERT_EQUAL(topo_path(t, 2, 1, NULL, 0, &cost), 2);
    CU_ASSERT_EQUAL(cost, 100);
    topo_set_weight(t, 1, 1, 0);
    CU_ASSERT_TRUE(topo_link_from(t, 1, 1, &l));
    CU_ASSERT_EQUAL(l.weight, 10);
    CU_ASSERT_EQUAL(topo_path(t, 1, 2, NULL, 0, &cost), 2);
    CU_ASSERT_EQUAL(cost, 10);

    /* Configured before the port (or its switch) exists, and kept when the
     * port goes and comes back. */
    topo_set_weight(t, 3, 4, 33);
    add_switch(t, 3, 0, 0);
    topo_port_set(t, 3, 4, true, 100000000);
    CU_ASSERT_EQUAL(topo_link_seen(t, 3, 4, 2, 1, 0), 1);
    CU_ASSERT_TRUE(topo_link_from(t, 3, 4, &l));
    CU_ASSERT_EQUAL(l.weight, 33);
    topo_switch_remove(t, 3);
    add_switch(t, 3, 0, 0);
    topo_port_set(t, 3, 4, true, 100000000);
    CU_ASSERT_EQUAL(topo_link_seen(t, 3, 4, 2, 1, 0), 1);
    CU_ASSERT_TRUE(topo_link_from(t, 3, 4, &l));
    CU_ASSERT_EQUAL(l.weight, 33);
    topo_destroy(t);
}

/* The cheaper of two routes wins; changing a weight moves the path. */
static void
test_weights_route(void)
{
    struct topo *t = topo_create();
    struct topo_hop hops[4];
    uint64_t cost;
    /* 1 -(p1)- 2 -(p2)- 4 and 1 -(p2)- 3 -(p2)- 4. */
    for (uint64_t d = 1; d <= 4; d++) {
        add_switch(t, d, 2, 10000000);
    }
    cable(t, 1, 1, 2, 1, 0);
    cable(t, 2, 2, 4, 1, 0);
    cable(t, 1, 2, 3, 1, 0);
    cable(t, 3, 2, 4, 2, 0);
    /* A tie: the lower (dpid, port) of the previous hop into 4: via 2. */
    CU_ASSERT_EQUAL(topo_path(t, 1, 4, hops, 4, &cost), 3);
    CU_ASSERT_EQUAL(cost, 20);
    CU_ASSERT_EQUAL(hops[1].dpid, 2);
    topo_set_weight(t, 2, 2, 11);
    CU_ASSERT_EQUAL(topo_path(t, 1, 4, hops, 4, &cost), 3);
    CU_ASSERT_EQUAL(cost, 20);
    CU_ASSERT_EQUAL(hops[1].dpid, 3);
    CU_ASSERT_EQUAL(hops[0].out_port, 2);
    CU_ASSERT_EQUAL(hops[1].in_port, 1);
    CU_ASSERT_EQUAL(hops[1].out_port, 2);
    CU_ASSERT_EQUAL(hops[2].in_port, 2);
    /* A slower port moves it back. */
    topo_port_set(t, 3, 2, true, 1000000);
    CU_ASSERT_EQUAL(topo_path(t, 1, 4, hops, 4, &cost), 3);
    CU_ASSERT_EQUAL(cost, 21);
    CU_ASSERT_EQUAL(hops[1].dpid, 2);
    topo_destroy(t);
}

static void
test_version(void)
{
    struct topo *t = topo_create();
    uint64_t v = topo_version(t);
#define BUMPS(EXPR)                                                           \
    do {                                                                      \
        EXPR;                                                                 \
        CU_ASSERT(topo_version(t) > v);                                       \
        v = topo_version(t);                                                  \
    } while (0)
#define SAME(EXPR)                                                            \
    do {                                                                      \
        EXPR;                                                                 \
        CU_ASSERT_EQUAL(topo_version(t), v);                                  \
    } while (0)
    BUMPS(topo_switch_add(t, 1));
    SAME(topo_switch_add(t, 1));
    BUMPS(topo_switch_add(t, 2));
    BUMPS(topo_port_set(t, 1, 1, true, 0));      /* A new edge port. */
    SAME(topo_port_set(t, 1, 1, true, 0));
    SAME(topo_port_set(t, 1, 1, true, 1000000)); /* No link: no path. */
    BUMPS(topo_port_set(t, 2, 1, true, 0));
    SAME(topo_port_set(t, 2, 2, false, 0));      /* Dead, no links. */
    SAME(topo_port_remove(t, 2, 2));
    SAME(topo_port_remove(t, 2, 9));
    SAME(topo_port_set(t, 7, 1, true, 0));       /* Unknown switch. */
    SAME(topo_switch_remove(t, 7));
    BUMPS(topo_link_seen(t, 1, 1, 2, 1, 0));
    SAME(topo_link_seen(t, 1, 1, 2, 1, 10));     /* Refresh. */
    SAME(topo_link_seen(t, 1, 1, 2, 1, 5));
    SAME(topo_link_seen(t, 1, 1, 1, 1, 10));     /* Refused. */
    BUMPS(topo_link_seen(t, 2, 1, 1, 1, 10));
    SAME(topo_link_seen(t, 2, 1, 1, 1, 20));
    SAME(topo_port_set(t, 1, 1, true, 0));       /* 100 as at 1 Gb/s. */
    BUMPS(topo_port_set(t, 1, 1, true, 10000000));
    SAME(topo_set_weight(t, 1, 1, 10));          /* Still 10. */
    BUMPS(topo_set_weight(t, 1, 1, 5));
    SAME(topo_set_weight(t, 1, 1, 5));
    SAME(topo_set_weight(t, 1, 9, 5));           /* No such port. */
    SAME(topo_set_weight(t, 3, 1, 5));           /* No such switch. */
    BUMPS(topo_set_weight(t, 1, 1, 0));
    SAME(topo_links_expire(t, 20, 100));
    BUMPS(topo_links_expire(t, 1000, 100));
    BUMPS(cable(t, 1, 1, 2, 1, 1000));
    BUMPS(topo_port_set(t, 1, 1, false, 0));
    SAME(topo_port_set(t, 1, 1, false, 0));
    BUMPS(topo_port_set(t, 1, 1, true, 0));
    BUMPS(topo_port_remove(t, 1, 1));            /* Was live. */
    BUMPS(topo_switch_remove(t, 1));
    /* Paths and flooding answer without changing anything. */
    SAME(topo_path(t, 2, 2, NULL, 0, NULL));
    SAME(topo_flood_port(t, 2, 1));
#undef BUMPS
#undef SAME
    topo_destroy(t);
}

static void
test_lists(void)
{
    struct topo *t = topo_create();
    uint64_t *dpids;
    uint32_t *ports;
    CU_ASSERT_EQUAL(topo_switches(t, &dpids), 0);
    free(dpids);
    static const uint64_t ds[] = { 77, UINT64_MAX, 3, 0, 1ull << 40 };
    for (size_t i = 0; i < 5; i++) {
        topo_switch_add(t, ds[i]);
    }
    CU_ASSERT_EQUAL(topo_switches(t, &dpids), 5);
    CU_ASSERT_EQUAL(dpids[0], 0);
    CU_ASSERT_EQUAL(dpids[1], 3);
    CU_ASSERT_EQUAL(dpids[2], 77);
    CU_ASSERT_EQUAL(dpids[3], 1ull << 40);
    CU_ASSERT_EQUAL(dpids[4], UINT64_MAX);
    free(dpids);
    static const uint32_t ps[] = { 5, 0xfffffffe, 1, 3, 2 };
    for (size_t i = 0; i < 5; i++) {
        topo_port_set(t, 77, ps[i], ps[i] != 3, 0);
    }
    topo_port_set(t, 77, NONE, true, 0); /* Not a port number. */
    CU_ASSERT_EQUAL(topo_ports(t, 77, &ports), 4);
    CU_ASSERT_EQUAL(ports[0], 1);
    CU_ASSERT_EQUAL(ports[1], 2);
    CU_ASSERT_EQUAL(ports[2], 5);
    CU_ASSERT_EQUAL(ports[3], 0xfffffffe);
    free(ports);
    CU_ASSERT_EQUAL(topo_ports(t, 12345, &ports), 0);
    free(ports);
    topo_destroy(t);
}

static void
test_path_edges(void)
{
    struct topo *t = topo_create();
    struct topo_hop hops[8];
    uint64_t cost = 5;
    CU_ASSERT_EQUAL(topo_path(t, 1, 1, hops, 8, &cost), 0);
    for (uint64_t d = 1; d <= 5; d++) {
        add_switch(t, d, 2, 100000000);
    }
    CU_ASSERT_EQUAL(topo_path(t, 1, 9, hops, 8, &cost), 0);
    CU_ASSERT_EQUAL(topo_path(t, 9, 1, hops, 8, &cost), 0);
    CU_ASSERT_EQUAL(topo_path(t, 3, 3, hops, 8, &cost), 1);
    CU_ASSERT_EQUAL(cost, 0);
    CU_ASSERT_EQUAL(hops[0].dpid, 3);
    CU_ASSERT_EQUAL(hops[0].in_port, NONE);
    CU_ASSERT_EQUAL(hops[0].out_port, NONE);
    /* A line 1 - 2 - 3 - 4 - 5 (port 2 right, port 1 left). */
    for (uint64_t d = 1; d < 5; d++) {
        cable(t, d, 2, d + 1, 1, 0);
    }
    CU_ASSERT_EQUAL(topo_path(t, 1, 5, hops, 8, &cost), 5);
    CU_ASSERT_EQUAL(cost, 4);
    /* Cut short: the full count, only 'max' hops written. */
    memset(hops, 0xab, sizeof hops);
    CU_ASSERT_EQUAL(topo_path(t, 5, 1, hops, 2, &cost), 5);
    CU_ASSERT_EQUAL(hops[0].dpid, 5);
    CU_ASSERT_EQUAL(hops[0].out_port, 1);
    CU_ASSERT_EQUAL(hops[1].dpid, 4);
    CU_ASSERT_EQUAL(hops[1].in_port, 2);
    CU_ASSERT_EQUAL(hops[1].out_port, 1);
    CU_ASSERT_EQUAL(hops[2].dpid, 0xababababababababull);
    CU_ASSERT_EQUAL(topo_path(t, 5, 1, NULL, 0, NULL), 5);
    /* Cached trees follow changes. */
    topo_port_set(t, 3, 2, false, 0);
    CU_ASSERT_EQUAL(topo_path(t, 1, 5, hops, 8, &cost), 0);
    CU_ASSERT_EQUAL(topo_path(t, 5, 4, hops, 8, &cost), 2);
    cable(t, 1, 1, 5, 2, 0);
    CU_ASSERT_EQUAL(topo_path(t, 1, 5, hops, 8, &cost), 2);
    CU_ASSERT_EQUAL(cost, 1);
    CU_ASSERT_EQUAL(topo_path(t, 2, 4, hops, 8, &cost), 4);
    CU_ASSERT_EQUAL(cost, 3);
    topo_destroy(t);
}

/* More sources than the tree cache holds: evicted trees come back right. */
static void
test_many_sources(void)
{
    enum { N = 4000 };
    struct topo *t = topo_create();
    for (uint64_t d = 0; d < N; d++) {
        add_switch(t, d, 2, 0);
        if (d) {
            cable(t, d - 1, 2, d, 1, 0);
        }
    }
    bool ok = true;
    for (int round = 0; round < 2; round++) {
        for (uint64_t s = 0; s < N; s++) {
            uint64_t d = (s * 7919) % N, cost;
            size_t n = topo_path(t, s, d, NULL, 0, &cost);
            uint64_t dist = s > d ? s - d : d - s;
            ok &= n == dist + 1 && cost == 100 * dist;
        }
    }
    CU_ASSERT_TRUE(ok);
    topo_destroy(t);
}

/* ---- Random graphs against brute force. --------------------------------- */

struct mport {
    uint32_t no;
    uint32_t speed;
    uint32_t cfg;               /* Configured weight, 0 if none. */
    bool cfg_early;             /* Configured before the port exists. */
    int peer_sw, peer_port;     /* Link out: (switch, port index), -1. */
    int n_in;                   /* Links into this port. */
};

struct msw {
    uint64_t dpid;
    int n_ports;
    struct mport ports[8];
};

struct model {
    int n;
    struct msw *sw;
};

static uint32_t
model_weight(const struct mport *p)
{
    if (p->cfg) {
        return p->cfg;
    }
    if (!p->speed) {
        return 100;
    }
    uint32_t w = 100000000u / p->speed;
    return w ? w : 1;
}

static bool
model_usable(const struct model *m, int s, int p)
{
    const struct mport *a = &m->sw[s].ports[p];
    if (a->peer_sw < 0) {
        return false;
    }
    const struct mport *b = &m->sw[a->peer_sw].ports[a->peer_port];
    return b->peer_sw == s && b->peer_port == p;
}

/* A random graph: 'n' switches with random dpids and 1..8 ports, cables
 * between random free ports ('density' in 1/100 of a cable per port),
 * some one-way links and links into ports already in use, weights with
 * many ties. */
static void
model_random(struct model *m, int n, int density, uint64_t *seed)
{
    m->n = n;
    m->sw = calloc(n, sizeof *m->sw);
    for (int i = 0; i < n; i++) {
        struct msw *s = &m->sw[i];
        bool dup;
        do {
            s->dpid = rnd_below(seed, 4) ? rnd_below(seed, 1000) : rnd(seed);
            dup = false;
            for (int j = 0; j < i; j++) {
                dup |= m->sw[j].dpid == s->dpid;
            }
        } while (dup);
        s->n_ports = 1 + rnd_below(seed, 8);
        uint32_t base = rnd_below(seed, 3) * 10;
        for (int p = 0; p < s->n_ports; p++) {
            static const uint32_t speeds[] = { 0, 1000000, 10000000,
                                               10000000, 100000000 };
            struct mport *mp = &s->ports[p];
            mp->no = base + (uint32_t) p * 2 + 1;
            mp->speed = speeds[rnd_below(seed, 5)];
            mp->cfg = rnd_below(seed, 2) ? 1 + rnd_below(seed, 3) : 0;
            mp->cfg_early = rnd_below(seed, 2);
            mp->peer_sw = mp->peer_port = -1;
        }
    }
    int tries = n * 8 * density / 100;
    for (int k = 0; k < tries; k++) {
        int a = rnd_below(seed, n), b = rnd_below(seed, n);
        int pa = rnd_below(seed, m->sw[a].n_ports);
        int pb = rnd_below(seed, m->sw[b].n_ports);
        struct mport *x = &m->sw[a].ports[pa], *y = &m->sw[b].ports[pb];
        if ((a == b && pa == pb) || x->peer_sw >= 0) {
            continue;
        }
        int kind = rnd_below(seed, 10);
        if (kind < 7 && y->peer_sw < 0 && !y->n_in && !x->n_in) {
            /* A cable (rarely between two ports of one switch). */
            if (a == b && rnd_below(seed, 4)) {
                continue;
            }
            x->peer_sw = b;
            x->peer_port = pb;
            y->peer_sw = a;
            y->peer_port = pa;
            x->n_in++;
            y->n_in++;
        } else if (kind >= 8) {
            /* One way, possibly into a port that has links already. */
            x->peer_sw = b;
            x->peer_port = pb;
            y->n_in++;
        }
    }
}

static void
model_free(struct model *m)
{
    free(m->sw);
}

/* Builds the model's topo, inserting everything in an order shuffled by
 * 'seed'. */
static struct topo *
model_build(const struct model *m, uint64_t seed)
{
    struct topo *t = topo_create();
    int n = m->n;
    uint32_t *order = malloc(n * sizeof *order);
    for (int i = 0; i < n; i++) {
        order[i] = i;
    }
    shuffle(order, n, &seed);
    for (int k = 0; k < n; k++) {
        const struct msw *s = &m->sw[order[k]];
        uint32_t po[8];
        for (int p = 0; p < s->n_ports; p++) {
            po[p] = p;
            if (s->ports[p].cfg && s->ports[p].cfg_early) {
                topo_set_weight(t, s->dpid, s->ports[p].no, s->ports[p].cfg);
            }
        }
        topo_switch_add(t, s->dpid);
        shuffle(po, s->n_ports, &seed);
        for (int p = 0; p < s->n_ports; p++) {
            const struct mport *mp = &s->ports[po[p]];
            topo_port_set(t, s->dpid, mp->no, true, mp->speed);
            if (mp->cfg && !mp->cfg_early) {
                topo_set_weight(t, s->dpid, mp->no, mp->cfg);
            }
        }
    }
    /* Links, in a shuffled order of (switch, port). */
    uint32_t *lo = malloc(n * 8 * sizeof *lo);
    int nl = 0;
    for (int i = 0; i < n; i++) {
        for (int p = 0; p < m->sw[i].n_ports; p++) {
            if (m->sw[i].ports[p].peer_sw >= 0) {
                lo[nl++] = i * 8 + p;
            }
        }
    }
    shuffle(lo, nl, &seed);
    for (int k = 0; k < nl; k++) {
        const struct msw *s = &m->sw[lo[k] / 8];
        const struct mport *mp = &s->ports[lo[k] % 8];
        const struct msw *d = &m->sw[mp->peer_sw];
        int r = topo_link_seen(t, s->dpid, mp->no, d->dpid,
                               d->ports[mp->peer_port].no, k);
        CU_ASSERT_EQUAL(r, 1);
    }
    free(lo);
    free(order);
    return t;
}

static int
model_index(const struct model *m, uint64_t dpid)
{
    for (int i = 0; i < m->n; i++) {
        if (m->sw[i].dpid == dpid) {
            return i;
        }
    }
    return -1;
}

#define INF UINT64_MAX

/* All-pairs shortest costs over usable links (Floyd-Warshall). */
static uint64_t *
model_floyd(const struct model *m)
{
    int n = m->n;
    uint64_t *d = malloc((size_t) n * n * sizeof *d);
    for (int i = 0; i < n * n; i++) {
        d[i] = INF;
    }
    for (int i = 0; i < n; i++) {
        d[i * n + i] = 0;
        for (int p = 0; p < m->sw[i].n_ports; p++) {
            const struct mport *mp = &m->sw[i].ports[p];
            if (model_usable(m, i, p)) {
                uint64_t *x = &d[i * n + mp->peer_sw];
                if (model_weight(mp) < *x) {
                    *x = model_weight(mp);
                }
            }
        }
    }
    for (int k = 0; k < n; k++) {
        for (int i = 0; i < n; i++) {
            if (d[i * n + k] == INF) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (d[k * n + j] != INF
                    && d[i * n + k] + d[k * n + j] < d[i * n + j]) {
                    d[i * n + j] = d[i * n + k] + d[k * n + j];
                }
            }
        }
    }
    return d;
}

/* Checks one path: hops joined by usable links whose weights sum to the
 * brute-force cost, each hop reached at its shortest cost through the
 * preferred previous hop (lowest (dpid, port) among equal-cost ones). */
static bool
check_path(struct topo *t, const struct model *m, const uint64_t *fw, int s,
           int d, const struct topo_hop *h, size_t n, uint64_t cost)
{
    int nn = m->n;
    uint64_t expect = fw[s * nn + d];
    if (expect == INF) {
        return n == 0;
    }
    if (n == 0 || cost != expect || h[0].dpid != m->sw[s].dpid
        || h[n - 1].dpid != m->sw[d].dpid || h[0].in_port != NONE
        || h[n - 1].out_port != NONE) {
        return false;
    }
    uint64_t sum = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        struct topo_link l;
        if (!topo_link_from(t, h[i].dpid, h[i].out_port, &l)
            || !l.bidirectional || l.dst_dpid != h[i + 1].dpid
            || l.dst_port != h[i + 1].in_port) {
            return false;
        }
        sum += l.weight;
        int v = model_index(m, h[i + 1].dpid);
        if (fw[s * nn + v] != sum) {
            return false;
        }
        /* No equal-cost way in from a lower (dpid, port). */
        for (int u = 0; u < nn; u++) {
            for (int p = 0; p < m->sw[u].n_ports; p++) {
                const struct mport *mp = &m->sw[u].ports[p];
                if (mp->peer_sw != v || !model_usable(m, u, p)
                    || fw[s * nn + u] == INF
                    || fw[s * nn + u] + model_weight(mp) != sum) {
                    continue;
                }
                if (m->sw[u].dpid < h[i].dpid
                    || (m->sw[u].dpid == h[i].dpid && mp->no < h[i].out_port)) {
                    return false;
                }
            }
        }
    }
    return sum == cost;
}

static int
uf_find(int *uf, int x)
{
    while (uf[x] != x) {
        uf[x] = uf[uf[x]];
        x = uf[x];
    }
    return x;
}

/* Checks the flood tree against the spec: see the asserts. */
static void
check_flood(struct topo *t, const struct model *m)
{
    int n = m->n;
    int *uf_all = malloc(n * sizeof *uf_all);
    int *uf_tree = malloc(n * sizeof *uf_tree);
    for (int i = 0; i < n; i++) {
        uf_all[i] = uf_tree[i] = i;
    }
    int comps = n, tree_edges = 0;
    bool ok = true;
    for (int i = 0; i < n; i++) {
        const struct msw *s = &m->sw[i];
        for (int p = 0; p < s->n_ports; p++) {
            const struct mport *mp = &s->ports[p];
            bool fl = topo_flood_port(t, s->dpid, mp->no);
            bool edge = mp->peer_sw < 0 && !mp->n_in;
            ok &= topo_port_is_edge(t, s->dpid, mp->no) == edge;
            if (edge) {
                ok &= fl;               /* Edge ports flood. */
                continue;
            }
            if (mp->peer_sw < 0) {
                continue;
            }
            if (!model_usable(m, i, p)) {
                ok &= !fl;              /* One-way links never flood. */
                continue;
            }
            /* A cable: both ends agree; count it once. */
            const struct msw *o = &m->sw[mp->peer_sw];
            bool fo = topo_flood_port(t, o->dpid, o->ports[mp->peer_port].no);
            ok &= fl == fo;
            if (mp->peer_sw < i || (mp->peer_sw == i && mp->peer_port < p)) {
                continue;
            }
            int a = uf_find(uf_all, i), b = uf_find(uf_all, mp->peer_sw);
            if (a != b) {
                uf_all[a] = b;
                comps--;
            }
            if (fl) {
                tree_edges++;
                a = uf_find(uf_tree, i);
                b = uf_find(uf_tree, mp->peer_sw);
                ok &= a != b;           /* No cycle. */
                uf_tree[a] = b;
            }
        }
    }
    CU_ASSERT_TRUE(ok);
    /* A spanning forest: one tree per component. */
    CU_ASSERT_EQUAL(tree_edges, n - comps);

    /* Each tree is the shortest-path tree from its component's lowest
     * dpid: the paths from there use tree links only. */
    uint64_t *root = malloc(n * sizeof *root);
    for (int i = 0; i < n; i++) {
        root[i] = INF;
    }
    for (int i = 0; i < n; i++) {
        int r = uf_find(uf_all, i);
        if (m->sw[i].dpid < root[r]) {
            root[r] = m->sw[i].dpid;
        }
    }
    struct topo_hop hops[64];
    for (int i = 0; i < n; i++) {
        size_t k = topo_path(t, root[uf_find(uf_all, i)], m->sw[i].dpid,
                             hops, 64, NULL);
        ok &= k >= 1 && k <= 64;
        for (size_t j = 0; j + 1 < k && j < 64; j++) {
            ok &= topo_flood_port(t, hops[j].dpid, hops[j].out_port);
            ok &= topo_flood_port(t, hops[j + 1].dpid, hops[j + 1].in_port);
        }
    }
    CU_ASSERT_TRUE(ok);
    free(root);
    free(uf_all);
    free(uf_tree);
}

static void
test_random_graphs(void)
{
    static const struct {
        int n, density, graphs;
    } shapes[] = {
        { 1, 50, 3 },   { 2, 100, 10 }, { 5, 60, 30 },  { 12, 30, 40 },
        { 12, 80, 40 }, { 30, 20, 20 }, { 30, 50, 20 }, { 30, 100, 20 },
        { 60, 40, 6 },  { 60, 90, 6 },
    };
    struct topo_hop *h = malloc(256 * sizeof *h);
    struct topo_hop *h2 = malloc(256 * sizeof *h2);
    uint64_t seed = 0x5eed0001;
    unsigned int bad_paths = 0, bad_det = 0, n_paths = 0;
    for (size_t sh = 0; sh < sizeof shapes / sizeof *shapes; sh++) {
        for (int g = 0; g < shapes[sh].graphs; g++) {
            struct model m;
            model_random(&m, shapes[sh].n, shapes[sh].density, &seed);
            uint64_t *fw = model_floyd(&m);
            struct topo *t = model_build(&m, rnd(&seed));
            struct topo *t2 = model_build(&m, rnd(&seed));
            int n = m.n;

            /* Every link reported with its weight and usability. */
            struct topo_link *links;
            size_t nl = topo_links(t, &links);
            for (size_t k = 0; k < nl; k++) {
                int s = model_index(&m, links[k].src_dpid);
                int p = 0;
                while (m.sw[s].ports[p].no != links[k].src_port) {
                    p++;
                }
                CU_ASSERT_EQUAL(links[k].weight,
                                model_weight(&m.sw[s].ports[p]));
                CU_ASSERT_EQUAL(links[k].bidirectional,
                                model_usable(&m, s, p));
                if (k) {
                    CU_ASSERT(links[k - 1].src_dpid < links[k].src_dpid
                              || (links[k - 1].src_dpid == links[k].src_dpid
                                  && links[k - 1].src_port
                                         < links[k].src_port));
                }
            }
            free(links);

            for (int s = 0; s < n; s++) {
                for (int d = 0; d < n; d++) {
                    uint64_t cost = 0, cost2 = 0;
                    size_t k = topo_path(t, m.sw[s].dpid, m.sw[d].dpid, h,
                                         256, &cost);
                    size_t k2 = topo_path(t2, m.sw[s].dpid, m.sw[d].dpid,
                                          h2, 256, &cost2);
                    n_paths++;
                    if (!check_path(t, &m, fw, s, d, h, k, cost)) {
                        bad_paths++;
                    }
                    if (k != k2 || cost != cost2
                        || memcmp(h, h2, k * sizeof *h)) {
                        bad_det++;
                    }
                }
            }
            check_flood(t, &m);
            check_flood(t2, &m);
            free(fw);
            topo_destroy(t);
            topo_destroy(t2);
            model_free(&m);
        }
    }
    CU_ASSERT_EQUAL(bad_paths, 0);
    CU_ASSERT_EQUAL(bad_det, 0);
    CU_ASSERT(n_paths > 50000);
    free(h);
    free(h2);
}

/* Removing and re-adding parts of a random graph gives the same answers
 * as building the result from scratch (caches are invalidated). */
static void
test_random_churn(void)
{
    uint64_t seed = 0x5eed0002;
    struct topo_hop h[128], h2[128];
    unsigned int bad = 0;
    for (int g = 0; g < 20; g++) {
        struct model m;
        model_random(&m, 25, 70, &seed);
        struct topo *t = model_build(&m, rnd(&seed));
        /* Warm the caches, then take some ports down in the model and the
         * topo alike. */
        for (int s = 0; s < m.n; s++) {
            topo_path(t, m.sw[s].dpid, m.sw[0].dpid, NULL, 0, NULL);
            topo_flood_port(t, m.sw[s].dpid, m.sw[s].ports[0].no);
        }
        for (int k = 0; k < 10; k++) {
            int s = rnd_below(&seed, m.n);
            int p = rnd_below(&seed, m.sw[s].n_ports);
            struct mport *mp = &m.sw[s].ports[p];
            topo_port_set(t, m.sw[s].dpid, mp->no, false, mp->speed);
            topo_port_set(t, m.sw[s].dpid, mp->no, true, mp->speed);
            /* Drop the model's links out of and into the port. */
            if (mp->peer_sw >= 0) {
                m.sw[mp->peer_sw].ports[mp->peer_port].n_in--;
                mp->peer_sw = mp->peer_port = -1;
            }
            for (int u = 0; u < m.n; u++) {
                for (int q = 0; q < m.sw[u].n_ports; q++) {
                    struct mport *x = &m.sw[u].ports[q];
                    if (x->peer_sw == s && x->peer_port == p) {
                        x->peer_sw = x->peer_port = -1;
                    }
                }
            }
            mp->n_in = 0;
        }
        struct topo *fresh = model_build(&m, rnd(&seed));
        for (int s = 0; s < m.n; s++) {
            for (int d = 0; d < m.n; d++) {
                uint64_t c, c2;
                size_t k = topo_path(t, m.sw[s].dpid, m.sw[d].dpid, h, 128,
                                     &c);
                size_t k2 = topo_path(fresh, m.sw[s].dpid, m.sw[d].dpid, h2,
                                      128, &c2);
                bad += k != k2 || c != c2 || memcmp(h, h2, k * sizeof *h);
            }
            for (int p = 0; p < m.sw[s].n_ports; p++) {
                uint32_t no = m.sw[s].ports[p].no;
                bad += topo_flood_port(t, m.sw[s].dpid, no)
                       != topo_flood_port(fresh, m.sw[s].dpid, no);
            }
        }
        check_flood(t, &m);
        topo_destroy(t);
        topo_destroy(fresh);
        model_free(&m);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_flood_ring(void)
{
    /* A ring of 4: one cable stays out of the tree, so a broadcast cannot
     * go round. */
    struct topo *t = topo_create();
    for (uint64_t d = 1; d <= 4; d++) {
        add_switch(t, d, 3, 10000000);
    }
    for (uint64_t d = 1; d <= 4; d++) {
        cable(t, d, 2, d % 4 + 1, 1, 0);
    }
    /* Rooted at 1: 1-2 and 4-1 at cost 10, 3 at 20 through 2 (lower dpid
     * than 4), so the cable 3-4 is left out. */
    CU_ASSERT_TRUE(topo_flood_port(t, 1, 2));
    CU_ASSERT_TRUE(topo_flood_port(t, 2, 1));
    CU_ASSERT_TRUE(topo_flood_port(t, 1, 1));
    CU_ASSERT_TRUE(topo_flood_port(t, 4, 2));
    CU_ASSERT_TRUE(topo_flood_port(t, 2, 2));
    CU_ASSERT_TRUE(topo_flood_port(t, 3, 1));
    CU_ASSERT_FALSE(topo_flood_port(t, 3, 2));
    CU_ASSERT_FALSE(topo_flood_port(t, 4, 1));
    for (uint64_t d = 1; d <= 4; d++) {
        CU_ASSERT_TRUE(topo_flood_port(t, d, 3)); /* Edge. */
    }
    CU_ASSERT_FALSE(topo_flood_port(t, 1, 9));
    CU_ASSERT_FALSE(topo_flood_port(t, 9, 1));
    /* The tree follows the topology. */
    topo_port_set(t, 1, 2, false, 0);
    CU_ASSERT_TRUE(topo_flood_port(t, 3, 2));
    CU_ASSERT_TRUE(topo_flood_port(t, 4, 1));
    CU_ASSERT_FALSE(topo_flood_port(t, 1, 2)); /* Down. */
    topo_destroy(t);
}

static const CU_TestInfo topo_tests[] = {
    { "one-way links, then both ways", test_one_way_then_both },
    { "refused links", test_refused },
    { "port down, port and switch removal", test_port_down_remove },
    { "links expire by age", test_expire },
    { "expiry with out-of-order refreshes", test_expire_random },
    { "a new destination replaces a port's link", test_replace },
    { "weights from speed and configuration", test_weights },
    { "weights choose the route", test_weights_route },
    { "version moves on real changes only", test_version },
    { "switch and port lists", test_lists },
    { "path corner cases and cache invalidation", test_path_edges },
    { "more sources than the tree cache holds", test_many_sources },
    { "random graphs against Floyd-Warshall", test_random_graphs },
    { "random graphs after churn", test_random_churn },
    { "flood tree on a ring", test_flood_ring },
    CU_TEST_INFO_NULL,
};

void
test_topo_register(void)
{
    unit_add_suite("topo", topo_tests);
}
