/* The tenant app's table-0 flows as data, and the order in which a switch
 * goes from one set of them to another.
 *
 * Pure: no switch, no I/O.  The app computes the flows a policy wants on a
 * switch (tenant.c), and this module turns the installed set into the
 * wanted one with the fewest changes, in an order that never classifies a
 * frame in a way neither set does. */
#ifndef APPS_TENANT_TENANT_FLOWS_H
#define APPS_TENANT_TENANT_FLOWS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp-match.h"

/* What a table-0 flow does. */
enum tenant_flow_do {
    TENANT_FLOW_FORWARD,    /* Go to the forwarding table. */
    TENANT_FLOW_DROP,
    TENANT_FLOW_SET,        /* Rewrite the VLAN to 'vlan', then ACL. */
    TENANT_FLOW_PUSH,       /* Push a tag with 'vlan', then ACL. */
};

struct tenant_flow {
    struct ofp_match match; /* Built from a zeroed match (see below). */
    uint16_t priority;
    uint8_t what;           /* enum tenant_flow_do. */
    uint16_t vlan;          /* TENANT_FLOW_SET, TENANT_FLOW_PUSH. */
    uint64_t cookie;        /* The app's 48 bits. */
};

/* Same priority, match, action and cookie. */
bool tenant_flow_same(const struct tenant_flow *, const struct tenant_flow *);

enum tenant_flow_op {
    TENANT_FLOW_ADD,        /* A flow the old set does not have. */
    TENANT_FLOW_MODIFY,     /* Same priority and match, another action or
                             * cookie: replaced in place. */
    TENANT_FLOW_DELETE,
};

typedef void tenant_flow_change_cb(void *aux, enum tenant_flow_op,
                                   const struct tenant_flow *);

/* Calls 'cb' for each change that turns 'old' into 'new' and returns how
 * many there were; flows in both, unchanged, are not touched.  Flows are
 * told apart by priority and match, compared as bytes: every match must
 * be built from a zeroed 'struct ofp_match' (ofp_match_init_catchall())
 * with the ofp_match_set*() functions, so that equal matches are equal
 * bytes.  Order: adds and modifies from the highest priority down, then
 * deletes from the lowest up.  At every step the flow that wins for a
 * frame is then either the highest of the old flows that match it (every
 * old flow above it is still there) or the highest of the new ones (every
 * new flow above it is already there): no frame is ever decided in a way
 * neither set decides it, provided flows of one priority do not overlap.
 * Deleting first would let a frame fall through to a lower flow (the
 * default tenant) for a moment.  Cost: O((n_old + n_new) log). */
size_t tenant_flow_diff(const struct tenant_flow *old, size_t n_old,
                        const struct tenant_flow *new, size_t n_new,
                        tenant_flow_change_cb *cb, void *aux);

#endif /* apps/tenant/tenant_flows.h */
