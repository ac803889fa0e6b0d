/* Tests of apps/tenant/tenant_flows.c: the order in which table 0 changes
 * never decides a frame in a way neither the old nor the new table does. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "apps/tenant/tenant_flows.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-types.h"
#include "tests/unit/unit.h"

/* A table under change: the flows present, as the switch holds them. */
struct tf_table {
    struct tenant_flow flows[64];
    size_t n;
};

/* The decision of 'tbl' for a frame: index into a decision space where 0
 * is "no flow" and otherwise what * 4096 + vlan + 1 of the winning flow. */
static unsigned int
tf_decide(const struct tf_table *tbl, const struct ofp_match *frame)
{
    const struct tenant_flow *best = NULL;
    for (size_t i = 0; i < tbl->n; i++) {
        const struct tenant_flow *f = &tbl->flows[i];
        if (ofp_match_matches(&f->match, frame)
            && (!best || f->priority > best->priority)) {
            best = f;
        }
    }
    return best ? best->what * 4096u + best->vlan + 1 : 0;
}

static void
tf_apply(void *tbl_, enum tenant_flow_op op, const struct tenant_flow *f)
{
    struct tf_table *tbl = tbl_;
    for (size_t i = 0; i < tbl->n; i++) {
        if (tbl->flows[i].priority == f->priority
            && ofp_match_equal(&tbl->flows[i].match, &f->match)) {
            if (op == TENANT_FLOW_DELETE) {
                tbl->flows[i] = tbl->flows[--tbl->n];
            } else {
                tbl->flows[i] = *f;     /* An add replaces, as OpenFlow. */
            }
            return;
        }
    }
    CU_ASSERT_NOT_EQUAL(op, TENANT_FLOW_DELETE);
    CU_ASSERT_FATAL(tbl->n < 64);
    tbl->flows[tbl->n++] = *f;
}

/* The frames: every in_port 1..4, untagged or with VLAN 20 or 30. */
#define TF_N_FRAMES 12
static void
tf_frame(size_t k, struct ofp_match *m)
{
    static const uint16_t vlans[3] = { 0, 20, 30 };
    ofp_match_init_catchall(m);
    ofp_match_set_in_port(m, (uint32_t) (k / 3 + 1));
    if (vlans[k % 3]) {
        ofp_match_set_vlan_vid(m, vlans[k % 3]);
    } else {
        ofp_match_set_no_vlan(m);
    }
}

/* A random table: at each of a few priorities, flows of one shape (in_port;
 * in_port and VLAN; VLAN; everything) with distinct values, so flows of
 * one priority never overlap, as in the tenant app's table 0. */
static size_t
tf_random(struct tenant_flow *flows, unsigned int *seed)
{
    static const uint16_t prios[] = { 1, 100, 600, 700, 800, 900 };
    size_t n = 0;
    for (size_t p = 0; p < sizeof prios / sizeof *prios; p++) {
        int shape = rand_r(seed) % 5;       /* 4: none at this priority */
        for (uint32_t v = 1; v <= 4 && shape != 4; v++) {
            if (rand_r(seed) % 2) {
                continue;
            }
            struct tenant_flow *f = &flows[n++];
            memset(f, 0, sizeof *f);
            ofp_match_init_catchall(&f->match);
            if (shape == 0 || shape == 1) {
                ofp_match_set_in_port(&f->match, v);
            }
            if (shape == 1 || shape == 2) {
                ofp_match_set_vlan_vid(&f->match, v % 2 ? 20 : 30);
            }
            f->priority = prios[p];
            f->what = (uint8_t) (rand_r(seed) % 4);
            f->vlan = (uint16_t) (100 + rand_r(seed) % 3);
            f->cookie = rand_r(seed) % 2;
            if (shape == 2 && v > 2) {
                n--;                        /* VLAN shape: two values. */
            }
            if (shape == 3) {
                break;                      /* Everything: one flow. */
            }
        }
    }
    return n;
}

struct tf_check {
    struct tf_table tbl;
    unsigned int before[TF_N_FRAMES], after[TF_N_FRAMES];
    size_t bad;
};

static void
tf_apply_and_check(void *c_, enum tenant_flow_op op,
                   const struct tenant_flow *f)
{
    struct tf_check *c = c_;
    tf_apply(&c->tbl, op, f);
    for (size_t k = 0; k < TF_N_FRAMES; k++) {
        struct ofp_match frame;
        tf_frame(k, &frame);
        unsigned int d = tf_decide(&c->tbl, &frame);
        if (d != c->before[k] && d != c->after[k]) {
            c->bad++;
        }
    }
}

static void
test_transitions(void)
{
    unsigned int seed = 7;
    size_t total_changes = 0;
    for (int round = 0; round < 3000; round++) {
        struct tenant_flow old[32], new[32];
        size_t n_old = tf_random(old, &seed);
        size_t n_new = tf_random(new, &seed);
        /* Half the time the new table keeps some priorities of the old
         * one whole (their flows unchanged, or with another action), so
         * that changes are small; flows of one priority still come from
         * one table and never overlap. */
        if (round % 2) {
            struct tenant_flow mix[64];
            size_t n_mix = 0;
            for (uint16_t prio = 0; prio < 1000; prio++) {
                bool from_old = rand_r(&seed) % 2;
                const struct tenant_flow *src = from_old ? old : new;
                size_t n_src = from_old ? n_old : n_new;
                for (size_t i = 0; i < n_src; i++) {
                    if (src[i].priority == prio) {
                        mix[n_mix] = src[i];
                        if (from_old && !(rand_r(&seed) % 3)) {
                            mix[n_mix].vlan ^= 1;
                        }
                        n_mix++;
                    }
                }
            }
            CU_ASSERT_FATAL(n_mix <= 32);
            memcpy(new, mix, n_mix * sizeof *mix);
            n_new = n_mix;
        }
        struct tf_check c = { .bad = 0 };
        struct tf_table after = { .n = 0 };
        memcpy(c.tbl.flows, old, n_old * sizeof *old);
        c.tbl.n = n_old;
        memcpy(after.flows, new, n_new * sizeof *new);
        after.n = n_new;
        for (size_t k = 0; k < TF_N_FRAMES; k++) {
            struct ofp_match frame;
            tf_frame(k, &frame);
            c.before[k] = tf_decide(&c.tbl, &frame);
            c.after[k] = tf_decide(&after, &frame);
        }
        total_changes += tenant_flow_diff(old, n_old, new, n_new,
                                          tf_apply_and_check, &c);
        CU_ASSERT_EQUAL(c.bad, 0);
        /* The end is exactly the new table. */
        CU_ASSERT_EQUAL(c.tbl.n, n_new);
        for (size_t i = 0; i < n_new; i++) {
            bool found = false;
            for (size_t k = 0; k < c.tbl.n; k++) {
                found |= tenant_flow_same(&c.tbl.flows[k], &new[i]);
            }
            CU_ASSERT(found);
        }
    }
    CU_ASSERT(total_changes > 3000);
}

static size_t tf_counts[3];

static void
tf_count(void *aux, enum tenant_flow_op op, const struct tenant_flow *f)
{
    (void) aux;
    (void) f;
    tf_counts[op]++;
}

static void
test_minimal(void)
{
    unsigned int seed = 11;
    struct tenant_flow a[32];
    size_t n = tf_random(a, &seed);
    CU_ASSERT_FATAL(n >= 2);
    /* The same set, in another order: nothing to do. */
    struct tenant_flow b[32];
    for (size_t i = 0; i < n; i++) {
        b[i] = a[n - 1 - i];
    }
    memset(tf_counts, 0, sizeof tf_counts);
    CU_ASSERT_EQUAL(tenant_flow_diff(a, n, b, n, tf_count, NULL), 0);

    /* One action changed, one flow gone, one added. */
    b[0].vlan ^= 1;
    struct tenant_flow extra;
    memset(&extra, 0, sizeof extra);
    ofp_match_init_catchall(&extra.match);
    ofp_match_set_in_port(&extra.match, 77);
    extra.priority = 555;
    b[n - 1] = extra;
    memset(tf_counts, 0, sizeof tf_counts);
    CU_ASSERT_EQUAL(tenant_flow_diff(a, n, b, n, tf_count, NULL), 3);
    CU_ASSERT_EQUAL(tf_counts[TENANT_FLOW_ADD], 1);
    CU_ASSERT_EQUAL(tf_counts[TENANT_FLOW_MODIFY], 1);
    CU_ASSERT_EQUAL(tf_counts[TENANT_FLOW_DELETE], 1);

    /* From and to nothing. */
    CU_ASSERT_EQUAL(tenant_flow_diff(NULL, 0, a, n, tf_count, NULL), n);
    CU_ASSERT_EQUAL(tenant_flow_diff(a, n, NULL, 0, tf_count, NULL), n);
}

void
test_tenant_flows_register(void)
{
    static const CU_TestInfo tests[] = {
        { "no frame decided as neither table does", test_transitions },
        { "minimal changes", test_minimal },
        { NULL, NULL },
    };
    unit_add_suite("tenant_flows", tests);
}
