/* Unit tests for l2_learning's bounded MAC table. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "apps/l2_learning/mactable.h"
#include "ofproto/siphash.h"
#include "tests/unit/unit.h"

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
test_learn_lookup(void)
{
    struct mactable *t = mactable_create(16, 1000);
    uint8_t a[6], b[6];
    uint32_t port = 0, old = 0;
    mac_of(1, a);
    mac_of(2, b);
    CU_ASSERT_FALSE(mactable_lookup(t, a, 0, 0, &port));
    CU_ASSERT_EQUAL(mactable_learn(t, a, 0, 3, 0, &old), MACTABLE_NEW);
    CU_ASSERT_EQUAL(mactable_learn(t, a, 0, 3, 10, &old), MACTABLE_SAME);
    CU_ASSERT_TRUE(mactable_lookup(t, a, 0, 20, &port));
    CU_ASSERT_EQUAL(port, 3);
    /* The same MAC on another VLAN is another entry. */
    CU_ASSERT_FALSE(mactable_lookup(t, a, 0x1000 | 10, 20, &port));
    CU_ASSERT_EQUAL(mactable_learn(t, a, 0x1000 | 10, 7, 20, &old),
                    MACTABLE_NEW);
    CU_ASSERT_EQUAL(mactable_count(t), 2);
    /* A move reports the old port. */
    CU_ASSERT_EQUAL(mactable_learn(t, a, 0, 5, 30, &old), MACTABLE_MOVED);
    CU_ASSERT_EQUAL(old, 3);
    CU_ASSERT_TRUE(mactable_lookup(t, a, 0, 30, &port));
    CU_ASSERT_EQUAL(port, 5);
    CU_ASSERT_FALSE(mactable_lookup(t, b, 0, 30, &port));
    mactable_destroy(t);
    mactable_destroy(NULL);
}

static void
test_aging(void)
{
    struct mactable *t = mactable_create(16, 1000);
    uint8_t a[6];
    uint32_t port;
    mac_of(1, a);
    mactable_learn(t, a, 0, 1, 5000, NULL);
    CU_ASSERT_TRUE(mactable_lookup(t, a, 0, 5999, &port));
    CU_ASSERT_FALSE(mactable_lookup(t, a, 0, 6000, &port));
    CU_ASSERT_EQUAL(mactable_count(t), 0);
    /* Seen again after aging out: new, not moved. */
    mactable_learn(t, a, 0, 1, 7000, NULL);
    CU_ASSERT_EQUAL(mactable_learn(t, a, 0, 2, 9000, NULL), MACTABLE_NEW);
    mactable_destroy(t);
}

static void
test_bounded_lru(void)
{
    struct mactable *t = mactable_create(16, 1000000);
    uint8_t mac[6];
    uint32_t port;
    for (unsigned int i = 0; i < 16; i++) {
        mac_of(i, mac);
        mactable_learn(t, mac, 0, i, i, NULL);
    }
    /* Refresh entry 0: entry 1 becomes the least recently seen. */
    mac_of(0, mac);
    mactable_learn(t, mac, 0, 0, 100, NULL);
    mac_of(100, mac);
    CU_ASSERT_EQUAL(mactable_learn(t, mac, 0, 9, 101, NULL), MACTABLE_NEW);
    CU_ASSERT_EQUAL(mactable_count(t), 16);
    CU_ASSERT_EQUAL(mactable_evictions(t), 1);
    mac_of(1, mac);
    CU_ASSERT_FALSE(mactable_lookup(t, mac, 0, 102, &port));
    mac_of(0, mac);
    CU_ASSERT_TRUE(mactable_lookup(t, mac, 0, 102, &port));
    /* A flood of new addresses churns the table without growing it. */
    for (unsigned int i = 1000; i < 101000; i++) {
        mac_of(i, mac);
        mactable_learn(t, mac, 0, 1, 200, NULL);
    }
    CU_ASSERT_EQUAL(mactable_count(t), 16);
    CU_ASSERT_EQUAL(mactable_evictions(t), 1 + 100000);
    mac_of(100999, mac);
    CU_ASSERT_TRUE(mactable_lookup(t, mac, 0, 201, &port));
    mactable_destroy(t);
}

static void
test_flush_port(void)
{
    struct mactable *t = mactable_create(64, 1000000);
    uint8_t mac[6];
    uint32_t port;
    for (unsigned int i = 0; i < 30; i++) {
        mac_of(i, mac);
        mactable_learn(t, mac, 0, i % 3, 0, NULL);
    }
    CU_ASSERT_EQUAL(mactable_flush_port(t, 1), 10);
    CU_ASSERT_EQUAL(mactable_count(t), 20);
    for (unsigned int i = 0; i < 30; i++) {
        mac_of(i, mac);
        CU_ASSERT_EQUAL(mactable_lookup(t, mac, 0, 1, &port), i % 3 != 1);
    }
    CU_ASSERT_EQUAL(mactable_flush_port(t, 1), 0);
    mactable_destroy(t);
}

/* Random operations against a plain array model of the same table. */
static void
test_against_model(void)
{
    enum { MAX = 8, KEYS = 24 };
    struct model {
        bool present;
        uint32_t port;
        uint64_t seen;
    } m[KEYS];
    memset(m, 0, sizeof m);
    struct mactable *t = mactable_create(MAX, 50);
    uint64_t now = 1;
    srand(7);
    for (int step = 0; step < 200000; step++) {
        unsigned int k = (unsigned int) rand() % KEYS;
        uint8_t mac[6];
        mac_of(k, mac);
        now += 1 + (uint64_t) (rand() % 3);    /* Strictly increasing: no ties. */
        /* Expire in the model what the table would. */
        for (unsigned int i = 0; i < KEYS; i++) {
            if (m[i].present && now - m[i].seen >= 50 && i == k) {
                m[i].present = false;
            }
        }
        if (rand() % 2) {
            uint32_t port = (uint32_t) rand() % 4;
            size_t count = 0;
            unsigned int lru = KEYS;
            for (unsigned int i = 0; i < KEYS; i++) {
                if (m[i].present) {
                    count++;
                    if (lru == KEYS || m[i].seen < m[lru].seen) {
                        lru = i;
                    }
                }
            }
            uint32_t old;
            enum mactable_learn r = mactable_learn(t, mac, 0, port, now, &old);
            if (m[k].present) {
                CU_ASSERT_EQUAL(r, m[k].port == port ? MACTABLE_SAME
                                                     : MACTABLE_MOVED);
            } else {
                CU_ASSERT_EQUAL(r, MACTABLE_NEW);
                if (count == MAX) {
                    m[lru].present = false;     /* The table evicted it. */
                }
            }
            m[k].present = true;
            m[k].port = port;
            m[k].seen = now;
        } else {
            uint32_t port;
            bool found = mactable_lookup(t, mac, 0, now, &port);
            bool expect = m[k].present && now - m[k].seen < 50;
            if (found != expect) {
                CU_FAIL("lookup disagrees with the model");
                break;
            }
            if (found) {
                CU_ASSERT_EQUAL(port, m[k].port);
            }
            if (!expect) {
                m[k].present = false;
            }
        }
    }
    mactable_destroy(t);
}

static void
test_siphash(void)
{
    /* The reference vector of SipHash-2-4 for the 8-byte message 00..07
     * under the key 00..0f (both read little-endian). */
    const uint64_t key[2] = { 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull };
    CU_ASSERT_EQUAL(siphash_u64(key, 0x0706050403020100ull),
                    0x93f5f5799a932462ull);
    uint64_t k1[2], k2[2];
    siphash_key_init(k1);
    siphash_key_init(k2);
    CU_ASSERT_TRUE(k1[0] != k2[0] || k1[1] != k2[1]);
}

static void
test_iterate(void)
{
    struct mactable *t = mactable_create(16, 1000);
    struct mactable_entry e;
    size_t cursor = 0;
    uint8_t mac[6];
    CU_ASSERT_FALSE(mactable_next(t, &cursor, 0, &e));
    for (unsigned int i = 1; i <= 5; i++) {
        mac_of(i, mac);
        mactable_learn(t, mac, (uint16_t) i, i + 10, i * 100, NULL);
    }
    /* Most recently seen first; at 1250 the first two (seen at 100 and
     * 200) have aged out. */
    cursor = 0;
    for (unsigned int i = 5; i >= 3; i--) {
        CU_ASSERT_TRUE_FATAL(mactable_next(t, &cursor, 1250, &e));
        mac_of(i, mac);
        CU_ASSERT_EQUAL(memcmp(e.mac, mac, 6), 0);
        CU_ASSERT_EQUAL(e.vlan, i);
        CU_ASSERT_EQUAL(e.port, i + 10);
        CU_ASSERT_EQUAL(e.seen_ms, i * 100);
    }
    CU_ASSERT_FALSE(mactable_next(t, &cursor, 1250, &e));
    CU_ASSERT_FALSE(mactable_next(t, &cursor, 1250, &e));
    /* Every entry when none is old. */
    size_t n = 0;
    cursor = 0;
    while (mactable_next(t, &cursor, 500, &e)) {
        n++;
    }
    CU_ASSERT_EQUAL(n, 5);
    mactable_destroy(t);
}

static const CU_TestInfo mactable_tests[] = {
    { "iterate, newest first, skipping aged entries", test_iterate },
    { "SipHash-2-4 reference vector, random keys", test_siphash },
    { "learn, lookup, move, VLANs", test_learn_lookup },
    { "aging", test_aging },
    { "bounded with LRU eviction", test_bounded_lru },
    { "flush a port", test_flush_port },
    { "random operations against a model", test_against_model },
    CU_TEST_INFO_NULL,
};

void
test_mactable_register(void)
{
    unit_add_suite("mactable", mactable_tests);
}
