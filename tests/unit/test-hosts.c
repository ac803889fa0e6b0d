/* Unit tests for topology/hosts: learning, moves, aging, eviction,
 * addresses, lookups by IPv4 address, forgetting and iteration, and random
 * operations against a simple model. */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ofp-buf.h"
#include "tests/unit/unit.h"
#include "topology/hosts.h"

static void
mac_of(unsigned int i, uint8_t mac[6])
{
    mac[0] = 0x02;
    mac[1] = 0;
    mac[2] = (uint8_t) (i >> 24);
    mac[3] = (uint8_t) (i >> 16);
    mac[4] = (uint8_t) (i >> 8);
    mac[5] = (uint8_t) i;
}

static void
ip6_of(unsigned int i, uint8_t a[16])
{
    memset(a, 0, 16);
    a[0] = 0x20;
    a[1] = 0x01;
    a[2] = 0x0d;
    a[3] = 0xb8;
    a[15] = (uint8_t) i;
}

#define IP(A, B, C, D)                                                        \
    ((((uint32_t) (A) & 0xff) << 24) | (((uint32_t) (B) & 0xff) << 16)       \
     | (((uint32_t) (C) & 0xff) << 8) | ((uint32_t) (D) & 0xff))

static void
test_learn_move(void)
{
    struct hosts *t = hosts_create(16, 10000);
    uint8_t a[6], b[6];
    struct host old;
    mac_of(1, a);
    mac_of(2, b);

    CU_ASSERT_PTR_NULL(hosts_find(t, a, 0, 0));
    CU_ASSERT_EQUAL(hosts_learn(t, a, 0, 0x10, 3, 100, &old), HOSTS_NEW);
    CU_ASSERT_EQUAL(hosts_learn(t, a, 0, 0x10, 3, 200, &old), HOSTS_SAME);
    const struct host *h = hosts_find(t, a, 0, 250);
    CU_ASSERT_FATAL(h != NULL);
    CU_ASSERT_EQUAL(memcmp(h->mac, a, 6), 0);
    CU_ASSERT_EQUAL(h->vlan, 0);
    CU_ASSERT_EQUAL(h->dpid, 0x10);
    CU_ASSERT_EQUAL(h->port, 3);
    CU_ASSERT_EQUAL(h->first_seen_ms, 100);
    CU_ASSERT_EQUAL(h->last_seen_ms, 200);
    CU_ASSERT_EQUAL(h->n_ipv4, 0);
    CU_ASSERT_EQUAL(h->n_ipv6, 0);

    /* The same MAC on a VLAN is another host. */
    CU_ASSERT_PTR_NULL(hosts_find(t, a, 10, 250));
    CU_ASSERT_EQUAL(hosts_learn(t, a, 10, 0x20, 1, 260, NULL), HOSTS_NEW);
    CU_ASSERT_EQUAL(hosts_count(t), 2);

    /* Moves: another port, another switch.  '*old' says where it was and
     * the host keeps its addresses and first sighting. */
    hosts_add_ipv4(t, a, 0, IP(10, 0, 0, 1));
    CU_ASSERT_EQUAL(hosts_learn(t, a, 0, 0x10, 4, 300, &old), HOSTS_MOVED);
    CU_ASSERT_EQUAL(old.dpid, 0x10);
    CU_ASSERT_EQUAL(old.port, 3);
    CU_ASSERT_EQUAL(old.last_seen_ms, 200);
    CU_ASSERT_EQUAL(memcmp(old.mac, a, 6), 0);
    CU_ASSERT_EQUAL(hosts_learn(t, a, 0, 0x11, 4, 400, &old), HOSTS_MOVED);
    CU_ASSERT_EQUAL(old.dpid, 0x10);
    CU_ASSERT_EQUAL(old.port, 4);
    CU_ASSERT_EQUAL(hosts_learn(t, a, 0, 0x10, 4, 500, NULL), HOSTS_MOVED);
    h = hosts_find(t, a, 0, 500);
    CU_ASSERT_FATAL(h != NULL);
    CU_ASSERT_EQUAL(h->dpid, 0x10);
    CU_ASSERT_EQUAL(h->port, 4);
    CU_ASSERT_EQUAL(h->first_seen_ms, 100);
    CU_ASSERT_EQUAL(h->n_ipv4, 1);
    CU_ASSERT_PTR_NULL(hosts_find(t, b, 0, 500));
    CU_ASSERT_EQUAL(hosts_count(t), 2);
    hosts_destroy(t);
    hosts_destroy(NULL);
}

static void
test_aging(void)
{
    struct hosts *t = hosts_create(16, 1000);
    uint8_t a[6];
    mac_of(1, a);
    hosts_learn(t, a, 0, 1, 1, 5000, NULL);
    hosts_add_ipv4(t, a, 0, IP(10, 0, 0, 1));
    CU_ASSERT_PTR_NOT_NULL(hosts_find(t, a, 0, 5999));
    CU_ASSERT_PTR_NOT_NULL(hosts_find_ipv4(t, IP(10, 0, 0, 1), 5999));
    CU_ASSERT_PTR_NULL(hosts_find_ipv4(t, IP(10, 0, 0, 1), 6000));
    size_t cursor = 0;
    CU_ASSERT_PTR_NULL(hosts_next(t, &cursor, 6000));
    CU_ASSERT_PTR_NULL(hosts_find(t, a, 0, 6000));
    CU_ASSERT_EQUAL(hosts_count(t), 0);
    CU_ASSERT_PTR_NULL(hosts_find_ipv4(t, IP(10, 0, 0, 1), 6000));

    /* Seen again after aging out: new (not moved), without its old
     * addresses. */
    hosts_learn(t, a, 0, 1, 1, 7000, NULL);
    hosts_add_ipv4(t, a, 0, IP(10, 0, 0, 1));
    CU_ASSERT_EQUAL(hosts_learn(t, a, 0, 2, 2, 9000, NULL), HOSTS_NEW);
    const struct host *h = hosts_find(t, a, 0, 9000);
    CU_ASSERT_FATAL(h != NULL);
    CU_ASSERT_EQUAL(h->first_seen_ms, 9000);
    CU_ASSERT_EQUAL(h->n_ipv4, 0);
    CU_ASSERT_PTR_NULL(hosts_find_ipv4(t, IP(10, 0, 0, 1), 9000));
    hosts_destroy(t);
}

static void
test_evict(void)
{
    struct hosts *t = hosts_create(8, 1000000);
    uint8_t mac[6];
    for (unsigned int i = 0; i < 8; i++) {
        mac_of(i, mac);
        CU_ASSERT_EQUAL(hosts_learn(t, mac, 0, 1, i, i, NULL), HOSTS_NEW);
        hosts_add_ipv4(t, mac, 0, IP(10, 0, 0, i));
    }
    CU_ASSERT_EQUAL(hosts_count(t), 8);
    /* Refresh host 0: host 1 becomes the least recently seen. */
    mac_of(0, mac);
    hosts_learn(t, mac, 0, 1, 0, 100, NULL);
    mac_of(100, mac);
    CU_ASSERT_EQUAL(hosts_learn(t, mac, 0, 1, 9, 101, NULL), HOSTS_NEW);
    CU_ASSERT_EQUAL(hosts_count(t), 8);
    mac_of(1, mac);
    CU_ASSERT_PTR_NULL(hosts_find(t, mac, 0, 101));
    CU_ASSERT_PTR_NULL(hosts_find_ipv4(t, IP(10, 0, 0, 1), 101));
    mac_of(0, mac);
    CU_ASSERT_PTR_NOT_NULL(hosts_find(t, mac, 0, 101));
    mac_of(2, mac);
    CU_ASSERT_PTR_NOT_NULL(hosts_find(t, mac, 0, 101));
    /* The new host got the evicted one's slot, not its addresses. */
    mac_of(100, mac);
    const struct host *h = hosts_find(t, mac, 0, 101);
    CU_ASSERT_FATAL(h != NULL);
    CU_ASSERT_EQUAL(h->n_ipv4, 0);

    /* A flood of new MACs churns the table but never grows it. */
    for (unsigned int i = 1000; i < 11000; i++) {
        mac_of(i, mac);
        hosts_learn(t, mac, (uint16_t) (i % 7), 2, 1, 200 + i, NULL);
        hosts_add_ipv4(t, mac, (uint16_t) (i % 7), IP(10, 1, i >> 8, i));
        CU_ASSERT_EQUAL_FATAL(hosts_count(t) <= 8, true);
    }
    CU_ASSERT_EQUAL(hosts_count(t), 8);
    h = hosts_find_ipv4(t, IP(10, 1, 10999 >> 8, 10999 & 255), 20000);
    CU_ASSERT(h && h->vlan == 10999 % 7);
    CU_ASSERT_PTR_NULL(hosts_find_ipv4(t, IP(10, 1, 1000 >> 8, 1000 & 255),
                                       20000));
    hosts_destroy(t);

    /* A table of one. */
    t = hosts_create(0, 1000);
    mac_of(1, mac);
    hosts_learn(t, mac, 0, 1, 1, 0, NULL);
    mac_of(2, mac);
    CU_ASSERT_EQUAL(hosts_learn(t, mac, 0, 1, 1, 1, NULL), HOSTS_NEW);
    CU_ASSERT_EQUAL(hosts_count(t), 1);
    CU_ASSERT_PTR_NOT_NULL(hosts_find(t, mac, 0, 1));
    hosts_destroy(t);
}

static void
test_addresses(void)
{
    struct hosts *t = hosts_create(16, 100000);
    uint8_t a[6], b[6], ip6[16];
    mac_of(1, a);
    mac_of(2, b);

    /* Unknown host, 0.0.0.0 and :: are ignored. */
    hosts_add_ipv4(t, a, 0, IP(10, 0, 0, 1));
    ip6_of(1, ip6);
    hosts_add_ipv6(t, a, 0, ip6);
    hosts_learn(t, a, 0, 1, 1, 0, NULL);
    hosts_add_ipv4(t, a, 0, 0);
    memset(ip6, 0, 16);
    hosts_add_ipv6(t, a, 0, ip6);
    const struct host *h = hosts_find(t, a, 0, 0);
    CU_ASSERT_FATAL(h != NULL);
    CU_ASSERT_EQUAL(h->n_ipv4, 0);
    CU_ASSERT_EQUAL(h->n_ipv6, 0);
    CU_ASSERT_PTR_NULL(hosts_find_ipv4(t, 0, 0));

    /* Most recent first; five addresses keep the last four. */
    for (unsigned int i = 1; i <= 5; i++) {
        hosts_add_ipv4(t, a, 0, IP(10, 0, 0, i));
        ip6_of(i, ip6);
        hosts_add_ipv6(t, a, 0, ip6);
    }
    h = hosts_find(t, a, 0, 0);
    CU_ASSERT_EQUAL_FATAL(h->n_ipv4, HOSTS_MAX_ADDRS);
    CU_ASSERT_EQUAL_FATAL(h->n_ipv6, HOSTS_MAX_ADDRS);
    for (unsigned int i = 0; i < HOSTS_MAX_ADDRS; i++) {
        CU_ASSERT_EQUAL(h->ipv4[i], IP(10, 0, 0, 5 - i));
        CU_ASSERT_EQUAL(h->ipv6[i][15], 5 - i);
    }
    CU_ASSERT_PTR_NULL(hosts_find_ipv4(t, IP(10, 0, 0, 1), 0));
    CU_ASSERT_PTR_EQUAL(hosts_find_ipv4(t, IP(10, 0, 0, 2), 0), h);

    /* A repeated address moves to the front; nothing is dropped. */
    hosts_add_ipv4(t, a, 0, IP(10, 0, 0, 3));
    ip6_of(3, ip6);
    hosts_add_ipv6(t, a, 0, ip6);
    static const unsigned int order[HOSTS_MAX_ADDRS] = { 3, 5, 4, 2 };
    CU_ASSERT_EQUAL(h->n_ipv4, HOSTS_MAX_ADDRS);
    CU_ASSERT_EQUAL(h->n_ipv6, HOSTS_MAX_ADDRS);
    for (unsigned int i = 0; i < HOSTS_MAX_ADDRS; i++) {
        CU_ASSERT_EQUAL(h->ipv4[i], IP(10, 0, 0, order[i]));
        CU_ASSERT_EQUAL(h->ipv6[i][15], order[i]);
    }
    /* The next new one drops the least recent (2). */
    hosts_add_ipv4(t, a, 0, IP(10, 0, 0, 6));
    CU_ASSERT_EQUAL(h->ipv4[0], IP(10, 0, 0, 6));
    CU_ASSERT_EQUAL(h->ipv4[3], IP(10, 0, 0, 4));
    CU_ASSERT_PTR_NULL(hosts_find_ipv4(t, IP(10, 0, 0, 2), 0));
    CU_ASSERT_PTR_EQUAL(hosts_find_ipv4(t, IP(10, 0, 0, 4), 0), h);

    /* Two hosts claim one address: the last to use it wins; when it goes,
     * the other still has it. */
    hosts_learn(t, b, 0, 1, 2, 10, NULL);
    hosts_add_ipv4(t, b, 0, IP(10, 0, 0, 5));
    const struct host *hb = hosts_find(t, b, 0, 10);
    h = hosts_find(t, a, 0, 10);
    CU_ASSERT_PTR_EQUAL(hosts_find_ipv4(t, IP(10, 0, 0, 5), 10), hb);
    hosts_add_ipv4(t, a, 0, IP(10, 0, 0, 5));
    CU_ASSERT_PTR_EQUAL(hosts_find_ipv4(t, IP(10, 0, 0, 5), 10), h);
    hosts_add_ipv4(t, b, 0, IP(10, 0, 0, 5));
    CU_ASSERT_PTR_EQUAL(hosts_find_ipv4(t, IP(10, 0, 0, 5), 10), hb);
    CU_ASSERT_EQUAL(hosts_forget_port(t, 1, 2), 1);
    h = hosts_find(t, a, 0, 10);
    CU_ASSERT_PTR_EQUAL(hosts_find_ipv4(t, IP(10, 0, 0, 5), 10), h);
    hosts_destroy(t);
}

static void
test_forget(void)
{
    struct hosts *t = hosts_create(64, 100000);
    uint8_t mac[6];
    /* Hosts i on switch i % 3 + 1, port i % 4 + 1. */
    for (unsigned int i = 0; i < 24; i++) {
        mac_of(i, mac);
        hosts_learn(t, mac, 0, i % 3 + 1, i % 4 + 1, i, NULL);
        hosts_add_ipv4(t, mac, 0, IP(10, 0, 0, i));
    }
    CU_ASSERT_EQUAL(hosts_forget_port(t, 1, 1), 2);   /* i = 0, 12. */
    CU_ASSERT_EQUAL(hosts_forget_port(t, 1, 1), 0);
    CU_ASSERT_EQUAL(hosts_forget_port(t, 9, 1), 0);
    CU_ASSERT_EQUAL(hosts_count(t), 22);
    CU_ASSERT_PTR_NULL(hosts_find_ipv4(t, IP(10, 0, 0, 12), 100));
    CU_ASSERT_PTR_NOT_NULL(hosts_find_ipv4(t, IP(10, 0, 0, 13), 100));
    CU_ASSERT_EQUAL(hosts_forget_switch(t, 2), 8);
    CU_ASSERT_EQUAL(hosts_forget_switch(t, 2), 0);
    CU_ASSERT_EQUAL(hosts_count(t), 14);
    for (unsigned int i = 0; i < 24; i++) {
        mac_of(i, mac);
        bool gone = (i % 3 == 0 && i % 4 == 0) || i % 3 == 1;
        CU_ASSERT_EQUAL(hosts_find(t, mac, 0, 100) == NULL, gone);
        CU_ASSERT_EQUAL(hosts_find_ipv4(t, IP(10, 0, 0, i), 100) == NULL,
                        gone);
    }
    hosts_destroy(t);
}

static void
test_iterate(void)
{
    struct hosts *t = hosts_create(16, 1000);
    uint8_t mac[6];
    size_t cursor = 0;
    CU_ASSERT_PTR_NULL(hosts_next(t, &cursor, 0));
    CU_ASSERT_PTR_NULL(hosts_next(t, &cursor, 0));
    for (unsigned int i = 0; i < 6; i++) {
        mac_of(i, mac);
        hosts_learn(t, mac, 0, 1, i, 100 * i, NULL);
    }
    /* Host 2 seen again: newest. */
    mac_of(2, mac);
    hosts_learn(t, mac, 0, 1, 2, 600, NULL);
    /* At 1250, hosts seen before 250 (0, 1) have aged. */
    static const unsigned int want[] = { 2, 5, 4, 3 };
    const struct host *h;
    size_t n = 0;
    cursor = 0;
    while ((h = hosts_next(t, &cursor, 1250))) {
        CU_ASSERT_FATAL(n < 4);
        CU_ASSERT_EQUAL(h->port, want[n]);
        n++;
    }
    CU_ASSERT_EQUAL(n, 4);
    CU_ASSERT_PTR_NULL(hosts_next(t, &cursor, 1250));
    hosts_destroy(t);
}

/* ---- Random operations against a model. --------------------------------- */

#define M_MAX 12
#define M_AGE 400
#define M_MACS 20

struct mhost {
    bool used;
    uint8_t mac[6];
    uint16_t vlan;
    uint64_t dpid;
    uint32_t port;
    uint64_t first, last, touch;
    uint32_t v4[HOSTS_MAX_ADDRS];
    uint64_t v4_stamp[HOSTS_MAX_ADDRS];
    size_t n4;
    uint8_t v6[HOSTS_MAX_ADDRS][16];
    size_t n6;
};

struct model {
    struct mhost h[M_MACS * 2];
    uint64_t touch, stamp;
};

static struct mhost *
m_find(struct model *m, const uint8_t mac[6], uint16_t vlan)
{
    for (size_t i = 0; i < M_MACS * 2; i++) {
        if (m->h[i].used && m->h[i].vlan == vlan
            && !memcmp(m->h[i].mac, mac, 6)) {
            return &m->h[i];
        }
    }
    return NULL;
}

static bool
m_expired(const struct mhost *h, uint64_t now)
{
    return now - h->last >= M_AGE;
}

static size_t
m_count(const struct model *m)
{
    size_t n = 0;
    for (size_t i = 0; i < M_MACS * 2; i++) {
        n += m->h[i].used;
    }
    return n;
}

static enum hosts_learn
m_learn(struct model *m, const uint8_t mac[6], uint16_t vlan, uint64_t dpid,
        uint32_t port, uint64_t now, struct mhost *old)
{
    struct mhost *h = m_find(m, mac, vlan);
    if (h && m_expired(h, now)) {
        h->used = false;
        h = NULL;
    }
    if (h) {
        enum hosts_learn r = HOSTS_SAME;
        if (h->dpid != dpid || h->port != port) {
            *old = *h;
            h->dpid = dpid;
            h->port = port;
            r = HOSTS_MOVED;
        }
        h->last = now;
        h->touch = ++m->touch;
        return r;
    }
    if (m_count(m) == M_MAX) {
        struct mhost *lru = NULL;
        for (size_t i = 0; i < M_MACS * 2; i++) {
            if (m->h[i].used && (!lru || m->h[i].touch < lru->touch)) {
                lru = &m->h[i];
            }
        }
        lru->used = false;
    }
    for (h = m->h; h->used; h++) {
        continue;
    }
    memset(h, 0, sizeof *h);
    h->used = true;
    memcpy(h->mac, mac, 6);
    h->vlan = vlan;
    h->dpid = dpid;
    h->port = port;
    h->first = h->last = now;
    h->touch = ++m->touch;
    return HOSTS_NEW;
}

static void
m_add_ipv4(struct model *m, const uint8_t mac[6], uint16_t vlan,
           uint32_t addr)
{
    struct mhost *h = m_find(m, mac, vlan);
    if (!h || !addr) {
        return;
    }
    size_t pos;
    for (pos = 0; pos < h->n4 && h->v4[pos] != addr; pos++) {
        continue;
    }
    if (pos == h->n4) {
        pos = h->n4 < HOSTS_MAX_ADDRS ? h->n4++ : HOSTS_MAX_ADDRS - 1;
    }
    memmove(&h->v4[1], &h->v4[0], pos * sizeof h->v4[0]);
    memmove(&h->v4_stamp[1], &h->v4_stamp[0], pos * sizeof h->v4_stamp[0]);
    h->v4[0] = addr;
    h->v4_stamp[0] = ++m->stamp;
}

static void
m_add_ipv6(struct model *m, const uint8_t mac[6], uint16_t vlan,
           const uint8_t addr[16])
{
    static const uint8_t zero[16];
    struct mhost *h = m_find(m, mac, vlan);
    if (!h || !memcmp(addr, zero, 16)) {
        return;
    }
    size_t pos;
    for (pos = 0; pos < h->n6 && memcmp(h->v6[pos], addr, 16); pos++) {
        continue;
    }
    if (pos == h->n6) {
        pos = h->n6 < HOSTS_MAX_ADDRS ? h->n6++ : HOSTS_MAX_ADDRS - 1;
    }
    memmove(&h->v6[1], &h->v6[0], pos * 16);
    memcpy(h->v6[0], addr, 16);
}

static const struct mhost *
m_find_ipv4(const struct model *m, uint32_t addr, uint64_t now)
{
    const struct mhost *best = NULL;
    uint64_t best_stamp = 0;
    for (size_t i = 0; i < M_MACS * 2; i++) {
        const struct mhost *h = &m->h[i];
        if (!h->used || m_expired(h, now)) {
            continue;
        }
        for (size_t j = 0; j < h->n4; j++) {
            if (h->v4[j] == addr && h->v4_stamp[j] > best_stamp) {
                best = h;
                best_stamp = h->v4_stamp[j];
            }
        }
    }
    return best;
}

static bool
same_host(const struct host *h, const struct mhost *m)
{
    return !memcmp(h->mac, m->mac, 6) && h->vlan == m->vlan
           && h->dpid == m->dpid && h->port == m->port
           && h->first_seen_ms == m->first && h->last_seen_ms == m->last
           && h->n_ipv4 == m->n4 && h->n_ipv6 == m->n6
           && !memcmp(h->ipv4, m->v4, m->n4 * sizeof m->v4[0])
           && !memcmp(h->ipv6, m->v6, m->n6 * 16);
}

static void
check_iteration(const struct hosts *t, const struct model *m, uint64_t now)
{
    /* The model's live hosts, most recently touched first. */
    const struct mhost *live[M_MACS * 2];
    size_t n = 0;
    for (size_t i = 0; i < M_MACS * 2; i++) {
        if (m->h[i].used && !m_expired(&m->h[i], now)) {
            size_t j = n++;
            while (j > 0 && live[j - 1]->touch < m->h[i].touch) {
                live[j] = live[j - 1];
                j--;
            }
            live[j] = &m->h[i];
        }
    }
    size_t cursor = 0, k = 0;
    const struct host *h;
    while ((h = hosts_next(t, &cursor, now))) {
        CU_ASSERT_FATAL(k < n);
        CU_ASSERT_FATAL(same_host(h, live[k]));
        k++;
    }
    CU_ASSERT_EQUAL_FATAL(k, n);
}

static void
test_against_model(void)
{
    struct hosts *t = hosts_create(M_MAX, M_AGE);
    struct model *m = xzalloc(sizeof *m);
    uint64_t now = 1000;
    unsigned int seed = 12345;

    for (int step = 0; step < 200000; step++) {
        seed = seed * 1103515245u + 12345u;
        unsigned int r = seed >> 8;
        now += (r >> 4) % 4 == 0 ? (r >> 8) % 40 : 0;
        uint8_t mac[6];
        mac_of((r >> 12) % M_MACS, mac);
        uint16_t vlan = (uint16_t) ((r >> 17) % 2 * 10);
        switch (r % 16) {
        case 0: case 1: case 2: case 3: case 4: {
            uint64_t dpid = (r >> 19) % 3 + 1;
            uint32_t port = (r >> 21) % 3 + 1;
            struct host old;
            struct mhost mold;
            enum hosts_learn got = hosts_learn(t, mac, vlan, dpid, port,
                                               now, &old);
            enum hosts_learn want = m_learn(m, mac, vlan, dpid, port, now,
                                            &mold);
            CU_ASSERT_EQUAL_FATAL(got, want);
            if (got == HOSTS_MOVED) {
                CU_ASSERT_FATAL(same_host(&old, &mold));
            }
            break;
        }
        case 5: case 6: case 7:
            m_add_ipv4(m, mac, vlan, (r >> 19) % 10);
            hosts_add_ipv4(t, mac, vlan, (r >> 19) % 10);
            break;
        case 8: {
            uint8_t a[16];
            ip6_of((r >> 19) % 7, a);
            if ((r >> 19) % 7 == 6) {
                memset(a, 0, 16);
            }
            m_add_ipv6(m, mac, vlan, a);
            hosts_add_ipv6(t, mac, vlan, a);
            break;
        }
        case 9: case 10: {
            const struct host *h = hosts_find(t, mac, vlan, now);
            struct mhost *mh = m_find(m, mac, vlan);
            if (mh && m_expired(mh, now)) {
                mh->used = false;
                mh = NULL;
            }
            CU_ASSERT_EQUAL_FATAL(h == NULL, mh == NULL);
            if (h) {
                CU_ASSERT_FATAL(same_host(h, mh));
            }
            break;
        }
        case 11: case 12: {
            uint32_t addr = (r >> 19) % 10;
            const struct host *h = hosts_find_ipv4(t, addr, now);
            const struct mhost *mh = m_find_ipv4(m, addr, now);
            CU_ASSERT_EQUAL_FATAL(h == NULL, mh == NULL);
            if (h) {
                CU_ASSERT_FATAL(same_host(h, mh));
            }
            break;
        }
        case 13: {
            uint64_t dpid = (r >> 19) % 3 + 1;
            uint32_t port = (r >> 21) % 3 + 1;
            size_t n = 0;
            if ((r >> 23) % 8) {
                break;
            }
            for (size_t i = 0; i < M_MACS * 2; i++) {
                struct mhost *h = &m->h[i];
                if (h->used && h->dpid == dpid
                    && ((r >> 24) % 2 || h->port == port)) {
                    h->used = false;
                    n++;
                }
            }
            CU_ASSERT_EQUAL_FATAL((r >> 24) % 2
                                  ? hosts_forget_switch(t, dpid)
                                  : hosts_forget_port(t, dpid, port), n);
            break;
        }
        default:
            check_iteration(t, m, now);
            break;
        }
        CU_ASSERT_EQUAL_FATAL(hosts_count(t), m_count(m));
    }
    free(m);
    hosts_destroy(t);
}

static const CU_TestInfo hosts_tests[] = {
    { "learn, find, move, VLANs", test_learn_move },
    { "aging", test_aging },
    { "bounded with LRU eviction", test_evict },
    { "IPv4 and IPv6 addresses, find by IPv4", test_addresses },
    { "forget a port or a switch", test_forget },
    { "iterate, newest first, skipping aged hosts", test_iterate },
    { "random operations against a model", test_against_model },
    CU_TEST_INFO_NULL,
};

void
test_hosts_register(void)
{
    unit_add_suite("hosts", hosts_tests);
}
