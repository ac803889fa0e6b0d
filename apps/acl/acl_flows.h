/* The acl app's flows: a policy (acl_policy.h) turned into the flows of one
 * switch's ACL table, the minimal ordered change from one flow set to
 * another, and what a flow's cookie says about where it came from.
 *
 * Pure: no I/O, no switches, no tenant app.  The acl app (acl.c) feeds in
 * what it learned from the host and the tenant service (struct
 * acl_switch_view) and sends what comes out; unit tests check the same
 * functions without a switch.
 *
 * Layout of the ACL table, by priority (see docs/acl.md):
 *
 *   65535  link ports, stateful: in_port=L + a stateful rule's match
 *          -> ct(commit, zone, table=FORWARD)
 *   65534  link ports: in_port=L -> goto FORWARD (decided at the ingress
 *          edge); LLDP (eth_type 0x88cc) -> goto FORWARD
 *   65000  tcp/udp (v4, v6), ct_state=-trk -> ct(zone, table=ACL)
 *   64990  ct_state=+trk+est -> goto FORWARD;  +trk+rel the same
 *   band   port-scoped rules (in_port=P, on that switch only)
 *   band   tenant-scoped rules (vlan_vid = the tenant's VLAN)
 *   band   global rules
 *   5000   per-port default;  4000 per-tenant default;
 *   3000   the first global list's default;  2000 the policy's default
 *
 * Within a band each scope's rules go from the top of the band downward
 * in the order the lists give, so appending a rule moves no other flow.
 * Conntrack zones are the frame's VLAN TCI (0 when untagged; 0x1000 plus
 * the tenant VLAN with the tenant app), so tenants never share
 * connections.
 *
 * Ownership: every struct here owns its arrays; pointers into a policy
 * (acl_policy.h) are valid while that policy lives. */
#ifndef APPS_ACL_ACL_FLOWS_H
#define APPS_ACL_ACL_FLOWS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apps/acl/acl_policy.h"
#include "ofproto/ofp-actions.h"
#include "ofproto/ofp-msgs.h"

struct ds;

/* Priorities (see above). */
#define ACL_PRIO_LINK_CT 65535
#define ACL_PRIO_LINK 65534
#define ACL_PRIO_CT_TRACK 65000
#define ACL_PRIO_CT_EST 64990
#define ACL_BAND_SIZE 18000
#define ACL_PRIO_PORT_TOP 60000
#define ACL_PRIO_TENANT_TOP (ACL_PRIO_PORT_TOP - ACL_BAND_SIZE)
#define ACL_PRIO_GLOBAL_TOP (ACL_PRIO_TENANT_TOP - ACL_BAND_SIZE)
#define ACL_PRIO_PORT_DEFAULT 5000
#define ACL_PRIO_TENANT_DEFAULT 4000
#define ACL_PRIO_GLOBAL_DEFAULT 3000
#define ACL_PRIO_POLICY_DEFAULT 2000

/* What a flow does. */
enum acl_flow_action {
    ACL_FLOW_DROP,          /* No instructions. */
    ACL_FLOW_ALLOW,         /* goto_table FORWARD. */
    ACL_FLOW_CT_TRACK,      /* ct(zone, table=ACL): look the packet up. */
    ACL_FLOW_CT_COMMIT,     /* ct(commit, zone), goto_table FORWARD. */
    ACL_FLOW_CT_COMMIT_FWD, /* ct(commit, zone, table=FORWARD). */
    ACL_FLOW_CONTROLLER,    /* output:CONTROLLER (OpenFlow 1.0 LLDP). */
};

/* What made a flow: the top bits of its cookie's low 48. */
enum acl_cookie_kind {
    ACL_CK_RULE = 1,            /* id: the rule's. */
    ACL_CK_PORT_DEFAULT = 2,    /* id: the list's. */
    ACL_CK_TENANT_DEFAULT = 3,  /* id: the list's. */
    ACL_CK_GLOBAL_DEFAULT = 4,  /* id: the list's. */
    ACL_CK_POLICY_DEFAULT = 5,  /* id 0. */
    ACL_CK_LINK = 6,            /* id 0: a link port; 1: LLDP. */
    ACL_CK_CONNTRACK = 7,       /* id 0. */
    ACL_CK_LINK_CT = 8,         /* id: the stateful rule's. */
};

/* Cookie low bits: kind << 40 | match index << 32 | id. */
uint64_t acl_cookie(enum acl_cookie_kind, uint32_t id, unsigned int match);
enum acl_cookie_kind acl_cookie_kind(uint64_t bits);
uint32_t acl_cookie_id(uint64_t bits);

/* One flow of the ACL table. */
struct acl_flow {
    struct ofp_match match;
    uint16_t priority;
    enum acl_flow_action action;
    uint64_t cookie;            /* Low 48 bits (the app's). */
};

/* A set of flows, sorted by acl_flows_sort() before a diff. */
struct acl_flows {
    struct acl_flow *flows;
    size_t n, allocated;
};

void acl_flows_init(struct acl_flows *);
void acl_flows_destroy(struct acl_flows *);
void acl_flows_clear(struct acl_flows *);
void acl_flows_add(struct acl_flows *, const struct acl_flow *);
/* Makes 'dst' a copy of 'src' (dst's old flows are freed). */
void acl_flows_copy(struct acl_flows *dst, const struct acl_flows *src);
/* Sorts by key (priority, match) and drops all but the first of flows with
 * the same key. */
void acl_flows_sort(struct acl_flows *);
/* The flow with the key of 'f' in sorted 'set', or NULL. */
const struct acl_flow *acl_flows_find(const struct acl_flows *set,
                                      const struct acl_flow *f);
bool acl_flow_equal(const struct acl_flow *, const struct acl_flow *);

/* ---- Stable ids. -------------------------------------------------------- *
 *
 * Every list and every rule of a policy gets a 32-bit id for its cookies.
 * An id survives a policy change when the list keeps its name and the rule
 * stays equal (acl_policy_rule_equal()) and in the same order relative to
 * the other rules kept, so that flows of rules that did not change keep
 * their cookies and are not touched. */
struct acl_ids;

/* Ids for 'p'.  'old' (may be NULL) is the previous policy and 'old_ids'
 * its ids: what is kept keeps its id, the rest get new ones. */
struct acl_ids *acl_ids_create(const struct acl_policy *p,
                               const struct acl_policy *old,
                               const struct acl_ids *old_ids);
void acl_ids_destroy(struct acl_ids *);
uint32_t acl_ids_list(const struct acl_ids *, size_t list);
uint32_t acl_ids_rule(const struct acl_ids *, size_t list, size_t rule);
/* Finds id 'id': true with its list and rule index (ACL_POLICY_DEFAULT for
 * a list's own id). */
bool acl_ids_find(const struct acl_ids *, uint32_t id, size_t *list,
                  size_t *rule);

/* ---- Computing a switch's flows. ---------------------------------------- */

/* What the flows of one switch depend on besides the policy. */
struct acl_switch_view {
    uint64_t dpid;
    uint8_t version;            /* OFP13_VERSION or OFP10_VERSION. */
    bool conntrack;             /* Stateful rules may use conntrack. */
    const uint32_t *links;      /* Ports with a link to another switch. */
    size_t n_links;
    /* All of the switch's ports (OpenFlow 1.0: with links, drops are
     * narrowed to the ports that are not in 'links'). */
    const uint32_t *ports;
    size_t n_ports;
    /* The VLAN of tenant 'name' (12-bit id); false if unknown.  NULL: no
     * tenant app, so tenant-scoped lists apply to nothing. */
    bool (*tenant_vlan)(void *aux, const char *name, uint16_t *vlan);
    void *aux;
};

/* Replaces 'out' with the flows of 'p' (ids 'ids') for the switch 'view',
 * sorted.  On OpenFlow 1.3 the set decides exactly as acl_policy_check()
 * for traffic entering that switch at an edge port.  On OpenFlow 1.0 (one
 * table shared with forwarding) it holds the drop flows that no higher
 * allow overlaps (a tenant's allows count, for any frame: 1.0 cannot tell
 * tenants apart) and that 1.0 can express, plus, at ACL_PRIO_LINK, LLDP
 * to the controller; on a switch with links every drop is narrowed to the
 * edge ports (in_port=E for each port not in 'links'; a drop on a link
 * port is left out), so that frames that crossed a link, decided at their
 * ingress edge, are never dropped.  The packet-in chain decides the rest
 * (docs/acl.md).  Never fails: flows that cannot be made (a port rule
 * whose own in_port is another port) are left out. */
void acl_flows_compute(const struct acl_policy *p, const struct acl_ids *ids,
                       const struct acl_switch_view *view,
                       struct acl_flows *out);

/* Checks that every band of 'p' fits ACL_BAND_SIZE priorities and that no
 * list applied to a tenant matches on vlan (the tenant VLAN is the match).
 * Returns true, or false with one sentence appended to 'error'. */
bool acl_flows_check(const struct acl_policy *p, struct ds *error);

/* True if 'p' has a stateful rule. */
bool acl_policy_has_stateful(const struct acl_policy *p);

/* ---- Changes. ----------------------------------------------------------- */

enum acl_op_kind {
    ACL_OP_ADD,
    ACL_OP_MODIFY,              /* Same key, other action or cookie. */
    ACL_OP_DELETE,
};

/* One flow change.  'flow' is the new flow (add, modify) or the one to
 * remove (delete); 'old' the flow a modify replaces. */
struct acl_op {
    enum acl_op_kind kind;
    int phase;                  /* 0..3: (a)..(d) below. */
    struct acl_flow flow;
    struct acl_flow old;
};

struct acl_diff {
    struct acl_op *ops;
    size_t n;
};

/* Computes the change from sorted 'old' to sorted 'new', flows that do not
 * change left out, in the order that never lets through a packet both sets
 * drop:
 *   (a) adds and modifies whose new flow drops,
 *   (b) deletes of flows that did not drop,
 *   (c) the other adds and modifies,
 *   (d) the other deletes.
 * 'out' is overwritten; free it with acl_diff_destroy(). */
void acl_flows_diff(const struct acl_flows *old, const struct acl_flows *new,
                    struct acl_diff *out);
void acl_diff_destroy(struct acl_diff *);

/* The flow-mod of 'op' for an ACL table 'table' whose allow goes to
 * 'forward': OFPFC_ADD for adds, and for modifies that change the cookie
 * (a modify keeps a flow's cookie); OFPFC_MODIFY_STRICT for other
 * modifies; OFPFC_DELETE_STRICT for deletes.  The instructions point into
 * 'acts' (2 actions), which must outlive 'fm'. */
void acl_op_flow_mod(const struct acl_op *op, uint8_t table, uint8_t forward,
                     struct ofp_flow_mod *fm, struct ofp_action acts[2]);
/* "add", "modify" or "delete". */
const char *acl_op_name(enum acl_op_kind);

/* ---- After a batch. ----------------------------------------------------- *
 *
 * A change (acl_flows_diff()) is sent to a switch as one batch of
 * flow-mods; the switch may refuse some of them. */

/* Makes 'now' (sorted), which assumed 'op' was taken, what the switch has
 * if it refused 'op': the flow an add would have made is not there, a
 * modify leaves the old flow, a delete leaves the flow. */
void acl_flows_undo(struct acl_flows *now, const struct acl_op *op);

/* True if 'op' concerns a conntrack flow (ct() action or ct_state match). */
bool acl_op_is_conntrack(const struct acl_op *op);

/* What a batch's outcome calls for. */
enum acl_batch_next {
    ACL_NEXT_DONE,          /* Everything was taken. */
    ACL_NEXT_RETRY_NO_CT,   /* Only conntrack flows were refused: compute
                             * the policy again without conntrack and
                             * apply it, keeping the switch's flows from
                             * before the change as the rollback target. */
    ACL_NEXT_ROLLBACK,      /* Go back to the flows from before the change
                             * (not to any intermediate state) and hold. */
    ACL_NEXT_INCONSISTENT,  /* A rollback was refused. */
};

struct acl_batch_outcome {
    bool rollback;          /* The batch was a rollback. */
    bool no_conntrack;      /* Conntrack is already off for the switch. */
    size_t n_failed;        /* Flow-mods refused... */
    size_t n_ct_failed;     /* ...of which conntrack ones. */
};

/* Decides, in this order: nothing refused is done; a refused rollback is
 * inconsistent; only conntrack flows refused (conntrack still on) is a
 * retry without conntrack; anything else, including a batch where other
 * flows were refused alongside conntrack ones, rolls back. */
enum acl_batch_next acl_batch_decide(const struct acl_batch_outcome *);

/* ---- Provenance. -------------------------------------------------------- */

/* Appends what made flows with cookie low bits 'bits' under policy 'p' and
 * its ids: "lists.web.rules[2] (acl.yaml:7:9)", "lists.web.default
 * (acl.yaml:3:3)", "default", "link ports", "conntrack"; returns false
 * (appending nothing) for an id the policy does not have. */
bool acl_flows_describe(const struct acl_policy *p, const struct acl_ids *,
                        uint64_t bits, struct ds *out);

/* ---- Tenant isolation in policy checks. ---------------------------------- *
 *
 * GET /v1/policy/check asks the tenant app before the ACLs: a source the
 * tenant app drops, a destination it delivers no tenant's frames to, and
 * traffic between two different tenants never get as far as the ACL table
 * (docs/acl.md, "Policy checks and tenants"). */

/* What is known of the two ends' tenants. */
struct acl_tenant_ends {
    bool tenants;           /* The tenant app is loaded (else no isolation). */
    bool src_asked;         /* The source's tenant is known or classified: */
    const char *src;        /* ...its tenant, NULL: it belongs to none. */
    bool dst_asked;         /* The same for the destination. */
    const char *dst;
};

enum acl_tenant_verdict {
    ACL_TENANT_PASS,        /* Tenants do not decide: the ACLs do. */
    ACL_TENANT_NO_SRC,      /* The source belongs to no tenant: dropped. */
    ACL_TENANT_NO_DST,      /* The destination belongs to no tenant. */
    ACL_TENANT_ISOLATED,    /* Two different tenants. */
};

/* Decides, in this order: no source tenant, no destination tenant, two
 * different tenants, else pass.  Without the tenant app it passes. */
enum acl_tenant_verdict acl_tenant_decide(const struct acl_tenant_ends *);

/* Appends why 'v' (not ACL_TENANT_PASS) denies, for 'ends'. */
void acl_tenant_reason(enum acl_tenant_verdict v,
                       const struct acl_tenant_ends *ends, struct ds *out);

#endif /* apps/acl/acl_flows.h */
