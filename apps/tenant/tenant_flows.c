/* The tenant app's table-0 flow sets: see tenant_flows.h. */
#include <config.h>

#include "apps/tenant/tenant_flows.h"

#include <stdlib.h>
#include <string.h>

#include "ofproto/ofp-buf.h"

bool
tenant_flow_same(const struct tenant_flow *a, const struct tenant_flow *b)
{
    return a->priority == b->priority
           && ofp_match_equal(&a->match, &b->match) && a->what == b->what
           && a->vlan == b->vlan && a->cookie == b->cookie;
}

/* Orders flows by priority, then match (as bytes: see the header). */
static int
tf_cmp(const void *a_, const void *b_)
{
    const struct tenant_flow *a = *(const struct tenant_flow *const *) a_;
    const struct tenant_flow *b = *(const struct tenant_flow *const *) b_;
    if (a->priority != b->priority) {
        return a->priority < b->priority ? -1 : 1;
    }
    return memcmp(&a->match, &b->match, sizeof a->match);
}

/* 'n' pointers to 'flows', sorted with tf_cmp(); malloc'd. */
static const struct tenant_flow **
tf_sort(const struct tenant_flow *flows, size_t n)
{
    const struct tenant_flow **v = xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i] = &flows[i];
    }
    qsort(v, n, sizeof *v, tf_cmp);
    return v;
}

size_t
tenant_flow_diff(const struct tenant_flow *old, size_t n_old,
                 const struct tenant_flow *new, size_t n_new,
                 tenant_flow_change_cb *cb, void *aux)
{
    const struct tenant_flow **o = tf_sort(old, n_old);
    const struct tenant_flow **n = tf_sort(new, n_new);
    const struct tenant_flow **gone = xmalloc((n_old ? n_old : 1)
                                              * sizeof *gone);
    /* Per new flow (sorted): 0 unchanged, else its op plus one. */
    uint8_t *op = xmalloc(n_new ? n_new : 1);
    size_t n_gone = 0, i = 0, j = 0;
    while (i < n_old || j < n_new) {
        int c = i == n_old ? 1 : j == n_new ? -1 : tf_cmp(&o[i], &n[j]);
        if (c < 0) {
            gone[n_gone++] = o[i++];
        } else if (c > 0) {
            op[j++] = 1 + TENANT_FLOW_ADD;
        } else {
            op[j] = tenant_flow_same(o[i], n[j]) ? 0
                    : 1 + TENANT_FLOW_MODIFY;
            i++;
            j++;
        }
    }

    size_t changes = 0;
    for (size_t k = n_new; k-- > 0;) {
        if (op[k]) {
            cb(aux, (enum tenant_flow_op) (op[k] - 1), n[k]);
            changes++;
        }
    }
    for (size_t k = 0; k < n_gone; k++) {
        cb(aux, TENANT_FLOW_DELETE, gone[k]);
        changes++;
    }
    free(o);
    free(n);
    free(gone);
    free(op);
    return changes;
}
