/* tenant: tenant isolation -- several tenants share the switches and each
 * one sees only its own network (docs/tenant.md).
 *
 * The policy (which port, access VLAN or MAC belongs to which tenant, and
 * the VLAN that carries each tenant) is tenant_policy.[ch]; this file puts
 * it on the switches, OpenFlow 1.3 pipeline (../shared/DESIGN.md):
 *
 *   table 0 (ingress), proactive, recomputed whenever the policy, a switch's
 *   ports or the links change, and changed by the difference only:
 *     1000  LLDP                               -> forwarding table
 *      900  a link port, tagged                -> forwarding table
 *      899  a link port, untagged              -> drop
 *      800  member (port, access VLAN A)       -> set VLAN T, ACL table
 *      700  member (port), untagged            -> push VLAN T, ACL table
 *      600  member (MAC), untagged             -> push VLAN T, ACL table
 *      100  untagged, with a default tenant    -> push its VLAN, ACL table
 *        1  anything else                      -> drop (counted by the flow)
 *   so past table 0 every frame carries its tenant's VLAN T.  A frame that
 *   crosses a link was classified (and filtered by the ACL table) at its
 *   first switch and goes straight to forwarding on the next ones.
 *
 *   table 2 (forwarding), reactive: a packet-in is forwarded inside its
 *   tenant only.  A known destination (hosts are tracked per tenant VLAN,
 *   so two tenants may reuse MAC and IP addresses) gets the path's flows,
 *   last hop first, matching (in_port, VLAN T, eth_src, eth_dst); the last
 *   hop pops the tenant VLAN (or puts back the port's access VLAN).  A
 *   broadcast, multicast or unknown destination is flooded out of the
 *   flood-tree links (tagged) and the tenant's own edge ports (untagged or
 *   with their access VLAN), never elsewhere.
 *
 * OpenFlow 1.0 switches have one table, so there is no table 0 to classify
 * in: everything there is reactive.  A packet-in from an edge port is
 * classified here (traffic of no tenant gets a drop flow above every other
 * band, matching in_port, VLAN and source MAC, idling out after 10 s) and
 * the path's first flow matches the frame as it arrived and sets the
 * tenant VLAN itself; later hops match the tenant VLAN as on 1.3, so 1.0
 * and 1.3 switches mix on one path.  Hosts behind 1.0 edge ports are
 * learned here per tenant VLAN (canopyd sees them with their wire VLAN),
 * and the flows are remembered so that they can be deleted (1.0 cannot
 * delete by cookie).
 *
 * Ownership: 'struct tenant_app' owns the policy, the per-switch records
 * and copies of everything it keeps; 'struct canopy_switch' pointers are
 * only used within a callback. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/l2_learning/mactable.h"
#include "apps/tenant/tenant_flows.h"
#include "apps/tenant/tenant_policy.h"
#include "apps/tenant/tenant_service.h"
#include "canopy/app.h"
#include "canopy/json.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

#define TN_MAX_HOPS 64
#define TN_MAX_OUT 256
#define TN_FWD_PRIORITY 100
#define TN_FWD_IDLE 60

/* Table-0 priorities (see above). */
enum {
    TN_PRI_LLDP = 1000,
    TN_PRI_LINK = 900,
    TN_PRI_LINK_DROP = 899,
    TN_PRI_PORT_VLAN = 800,
    TN_PRI_PORT = 700,
    TN_PRI_MAC = 600,
    TN_PRI_DEFAULT = 100,
    TN_PRI_DROP = 1,
};

/* Cookie (the app's 48 bits): kind << 40 | detail.  The detail of a member
 * flow is a hash of the member as configured, so an unchanged member keeps
 * its flow, cookie included, across changes. */
enum tn_kind {
    TN_K_LLDP = 1,
    TN_K_LINK = 2,          /* detail: port number. */
    TN_K_MEMBER = 3,        /* detail: tn_member_hash(). */
    TN_K_DEFAULT = 4,       /* detail: tenant VLAN. */
    TN_K_DROP = 5,
    TN_K_FORWARD = 6,       /* detail: tenant VLAN. */
};
#define TN_COOKIE(KIND, DETAIL) (((uint64_t) (KIND) << 40) \
                                 | ((DETAIL) & 0xffffffffffull))
#define TN_COOKIE_BITS 0xffffffffffffull

/* A reactive flow on an OpenFlow 1.0 switch, kept so that it can be
 * deleted (OpenFlow 1.0 cannot delete by cookie). */
struct tn_fwd {
    struct ofp_match match;
    uint16_t priority;
    uint16_t vlan;          /* Its tenant's VLAN; TN_DROP_VLAN for drops. */
};
#define TN_DROP_VLAN 0xffff
#define TN_MAX_FWD 16384
#define TN_DROP_PRIORITY 60000
#define TN_DROP_IDLE 10

struct tn_switch {
    uint64_t dpid;
    bool ok;                /* Programmed (not before switch_up). */
    bool v10;               /* OpenFlow 1.0: one table, all reactive. */
    struct tenant_flow *flows;  /* 1.3: table 0 as installed; owned. */
    size_t n_flows;
    struct tn_fwd *fwd;     /* 1.0: flows installed; owned. */
    size_t n_fwd;
    struct mactable *hosts; /* 1.0: (MAC, tenant VLAN) -> edge port. */

    /* A table-0 change in flight (1.3): sent, then a barrier.  An error
     * for one of its flow-mods before the barrier's reply rolls the
     * switch back to 'prev', the last table it took whole. */
    bool applying;
    bool failed;
    uint32_t first_xid, last_xid;   /* The change's flow-mods. */
    uint32_t barrier_xid;
    struct tenant_flow *prev;           /* Owned; valid while 'applying'. */
    bool resync;                    /* Ports changed: sync soon. */
    size_t n_prev;
    char *status;                   /* Owned: "in sync", "rolled back..." */

    /* From the flow stats of table 0 (1.3) or the drop band (1.0), read
     * every few seconds: traffic of no tenant. */
    uint64_t drop_packets, drop_bytes;
    uint64_t sum_packets, sum_bytes;    /* Of the reply being read. */
    bool stats_pending;
    struct tn_switch *next;
};

struct tn_watch {
    tenant_service_watch_cb *cb;
    void *aux;
};

struct tenant_app {
    struct canopy_app *app;
    struct tenant_policy *policy;       /* Owned. */
    char *source;                       /* "config" or "api"; owned. */
    struct tn_switch *switches;
    struct tn_watch *watches;
    size_t n_watches;
    uint64_t changes, floods, paths, dropped, rollbacks;
    struct canopy_timer *stats_timer;
    struct canopy_timer *resync_timer;  /* Pending port-status syncs. */
};

/* ---- Policy helpers. --------------------------------------------------- */

static uint32_t
tn_hash(uint32_t h, const void *p_, size_t n)
{
    const uint8_t *p = p_;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;      /* FNV-1a */
    }
    return h;
}

/* Identifies a member as configured (tenant, and what it names). */
static uint32_t
tn_member_hash(const struct tenant_policy_tenant *t,
               const struct tenant_policy_member *m)
{
    uint32_t h = tn_hash(2166136261u, t->name, strlen(t->name));
    h = tn_hash(h, &m->kind, sizeof m->kind);
    if (m->kind == TENANT_MEMBER_MAC) {
        return tn_hash(h, m->mac, 6);
    }
    h = tn_hash(h, &m->dpid, sizeof m->dpid);
    h = tn_hash(h, &m->vlan, sizeof m->vlan);
    if (m->kind == TENANT_MEMBER_PORT_NAME) {
        return tn_hash(h, m->port_name, strlen(m->port_name));
    }
    return tn_hash(h, &m->port, sizeof m->port);
}

static const struct tenant_policy_tenant *
tn_tenant_of_vlan(const struct tenant_policy *p, uint16_t vlan)
{
    for (size_t i = 0; i < tenant_policy_n_tenants(p); i++) {
        const struct tenant_policy_tenant *t = tenant_policy_tenant(p, i);
        if (t->vlan == vlan) {
            return t;
        }
    }
    return NULL;
}

static bool
tn_port_live(const struct ofp_port *port)
{
    return !(port->state & OFPPS_LINK_DOWN)
           && !(port->config & OFPPC_PORT_DOWN);
}

/* Resolves the named members of 'p' on switch 'sw' against its ports;
 * see tenant_policy_resolve_names() for the result and '*errors'. */
static bool
tn_resolve_switch(struct tenant_policy *p, struct canopy_switch *sw,
                  char **errors)
{
    size_t n;
    const struct ofp_port *ports = canopy_switch_ports(sw, &n);
    struct tenant_policy_port *tp = xmalloc((n ? n : 1) * sizeof *tp);
    for (size_t i = 0; i < n; i++) {
        tp[i].port_no = ports[i].port_no;
        tp[i].name = ports[i].name;
    }
    bool ok = tenant_policy_resolve_names(p, canopy_switch_dpid(sw), tp, n,
                                          errors);
    free(tp);
    return ok;
}

/* Resolves the named members of every connected switch.  Returns false
 * and sets '*errors' (malloc'd) if some name did not resolve. */
static bool
tn_resolve_all(struct tenant_app *ta, struct tenant_policy *p, char **errors)
{
    struct ds all;
    bool ok = true;
    ds_init(&all);
    for (struct canopy_switch *sw = canopy_switch_next(ta->app, NULL); sw;
         sw = canopy_switch_next(ta->app, sw)) {
        char *e = NULL;
        if (!tn_resolve_switch(p, sw, &e)) {
            ok = false;
            ds_put_format(&all, "%s", e ? e : "");
        }
        free(e);
    }
    if (errors) {
        *errors = ok ? NULL : xstrdup(ds_cstr(&all));
    }
    ds_destroy(&all);
    return ok;
}

/* ---- Table 0. ---------------------------------------------------------- */

static void
tn_flow_add(struct tenant_flow **flows, size_t *n, size_t *cap,
            const struct tenant_flow *f)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *flows = xrealloc(*flows, *cap * sizeof **flows);
    }
    (*flows)[(*n)++] = *f;
}

static void
tn_classify_flow(struct tenant_flow *f, uint16_t priority, uint8_t what,
                 uint16_t vlan, uint64_t cookie)
{
    f->priority = priority;
    f->what = what;
    f->vlan = vlan;
    f->cookie = cookie;
}

struct tn_dedup_entry {
    const struct tenant_flow *f;
    size_t i;
};

static int
tn_dedup_cmp(const void *a_, const void *b_)
{
    const struct tn_dedup_entry *a = a_, *b = b_;
    if (a->f->priority != b->f->priority) {
        return a->f->priority < b->f->priority ? -1 : 1;
    }
    int c = memcmp(&a->f->match, &b->f->match, sizeof a->f->match);
    return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

/* Keeps the first of flows with the same priority and match (a port named
 * by number and by name in one tenant), in order; returns how many are
 * left.  The switch holds one flow per priority and match, and so must the
 * app's record of it. */
static size_t
tn_dedup(struct tenant_flow *flows, size_t n)
{
    if (n < 2) {
        return n;
    }
    struct tn_dedup_entry *v = xmalloc(n * sizeof *v);
    bool *drop = xzalloc(n * sizeof *drop);
    for (size_t i = 0; i < n; i++) {
        v[i] = (struct tn_dedup_entry) { &flows[i], i };
    }
    qsort(v, n, sizeof *v, tn_dedup_cmp);
    for (size_t k = 1; k < n; k++) {
        if (v[k].f->priority == v[k - 1].f->priority
            && !memcmp(&v[k].f->match, &v[k - 1].f->match,
                       sizeof v[k].f->match)) {
            drop[v[k].i] = true;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (!drop[i]) {
            flows[kept++] = flows[i];
        }
    }
    free(v);
    free(drop);
    return kept;
}

/* The table-0 flows 'p' wants on switch 'sw', in '*flows' (malloc'd). */
static size_t
tn_compute(struct tenant_app *ta, const struct tenant_policy *p,
           struct canopy_switch *sw, struct tenant_flow **flows)
{
    uint64_t dpid = canopy_switch_dpid(sw);
    size_t n = 0, cap = 0;
    struct tenant_flow f;
    *flows = NULL;

    memset(&f, 0, sizeof f);
    ofp_match_init_catchall(&f.match);
    ofp_match_set_eth_type(&f.match, 0x88cc);
    tn_classify_flow(&f, TN_PRI_LLDP, TENANT_FLOW_FORWARD, 0,
                     TN_COOKIE(TN_K_LLDP, 0));
    tn_flow_add(flows, &n, &cap, &f);

    size_t n_ports;
    const struct ofp_port *ports = canopy_switch_ports(sw, &n_ports);
    for (size_t i = 0; i < n_ports; i++) {
        uint32_t no = ports[i].port_no;
        if (no > OFPP_MAX || !tn_port_live(&ports[i])
            || canopy_topo_edge_port(ta->app, dpid, no)) {
            continue;
        }
        union ofp_field_value v = { .u16 = OFPVID_PRESENT };
        memset(&f, 0, sizeof f);
        ofp_match_init_catchall(&f.match);
        ofp_match_set_in_port(&f.match, no);
        ofp_match_set(&f.match, OFPF_VLAN_VID, &v, &v);
        tn_classify_flow(&f, TN_PRI_LINK, TENANT_FLOW_FORWARD, 0,
                         TN_COOKIE(TN_K_LINK, no));
        tn_flow_add(flows, &n, &cap, &f);
        ofp_match_init_catchall(&f.match);
        ofp_match_set_in_port(&f.match, no);
        tn_classify_flow(&f, TN_PRI_LINK_DROP, TENANT_FLOW_DROP, 0,
                         TN_COOKIE(TN_K_LINK, no));
        tn_flow_add(flows, &n, &cap, &f);
    }

    for (size_t i = 0; i < tenant_policy_n_tenants(p); i++) {
        const struct tenant_policy_tenant *t = tenant_policy_tenant(p, i);
        for (size_t j = 0; j < t->n_members; j++) {
            const struct tenant_policy_member *m = &t->members[j];
            uint64_t cookie = TN_COOKIE(TN_K_MEMBER, tn_member_hash(t, m));
            memset(&f, 0, sizeof f);
            ofp_match_init_catchall(&f.match);
            if (m->kind == TENANT_MEMBER_MAC) {
                ofp_match_set_eth_src(&f.match, m->mac);
                ofp_match_set_no_vlan(&f.match);
                tn_classify_flow(&f, TN_PRI_MAC, TENANT_FLOW_PUSH, t->vlan, cookie);
            } else if (!m->resolved || m->dpid != dpid) {
                continue;
            } else if (m->vlan) {
                ofp_match_set_in_port(&f.match, m->port);
                ofp_match_set_vlan_vid(&f.match, m->vlan);
                tn_classify_flow(&f, TN_PRI_PORT_VLAN, TENANT_FLOW_SET, t->vlan,
                                 cookie);
            } else {
                ofp_match_set_in_port(&f.match, m->port);
                ofp_match_set_no_vlan(&f.match);
                tn_classify_flow(&f, TN_PRI_PORT, TENANT_FLOW_PUSH, t->vlan,
                                 cookie);
            }
            tn_flow_add(flows, &n, &cap, &f);
        }
    }

    const struct tenant_policy_tenant *d = tenant_policy_default(p);
    if (d) {
        memset(&f, 0, sizeof f);
        ofp_match_init_catchall(&f.match);
        ofp_match_set_no_vlan(&f.match);
        tn_classify_flow(&f, TN_PRI_DEFAULT, TENANT_FLOW_PUSH, d->vlan,
                         TN_COOKIE(TN_K_DEFAULT, d->vlan));
        tn_flow_add(flows, &n, &cap, &f);
    }

    memset(&f, 0, sizeof f);
    ofp_match_init_catchall(&f.match);
    tn_classify_flow(&f, TN_PRI_DROP, TENANT_FLOW_DROP, 0,
                     TN_COOKIE(TN_K_DROP, 0));
    tn_flow_add(flows, &n, &cap, &f);
    return tn_dedup(*flows, n);
}

/* Fills 'fm' (with 'acts', room for 2) for table-0 flow 'f'. */
static void
tn_flow_mod(struct canopy_switch *sw, const struct tenant_flow *f,
            uint16_t command, struct ofp_flow_mod *fm, struct ofp_action *acts)
{
    ofp_flow_mod_init(fm, command, canopy_table_ingress(sw));
    fm->priority = f->priority;
    fm->match = f->match;
    fm->cookie = f->cookie;
    if (command == OFPFC_DELETE_STRICT) {
        return;
    }
    size_t n = 0;
    switch (f->what) {
    case TENANT_FLOW_FORWARD:
        fm->instructions.present = OFPIB_GOTO_TABLE;
        fm->instructions.goto_table = canopy_table_forward(sw);
        return;
    case TENANT_FLOW_DROP:
        return;
    case TENANT_FLOW_PUSH:
        acts[n] = (struct ofp_action) { .type = OFPACT_PUSH_VLAN };
        acts[n++].u.ethertype = 0x8100;
        /* fall through */
    case TENANT_FLOW_SET:
        acts[n] = (struct ofp_action) { .type = OFPACT_SET_FIELD };
        acts[n].u.set_field.field = OFPF_VLAN_VID;
        acts[n++].u.set_field.value.u16 = OFPVID_PRESENT | f->vlan;
        break;
    }
    fm->instructions.present = OFPIB_APPLY_ACTIONS | OFPIB_GOTO_TABLE;
    fm->instructions.apply.actions = acts;
    fm->instructions.apply.n = n;
    fm->instructions.goto_table = canopy_table_acl(sw);
}

/* One change of table 0, for applying or for a plan. */
typedef void tn_change_cb(void *aux, struct canopy_switch *,
                          const char *op, const struct ofp_flow_mod *);

static struct tn_switch *tn_switch(struct tenant_app *, uint64_t dpid);

static void
tn_send_change(void *ta_, struct canopy_switch *sw, const char *op,
               const struct ofp_flow_mod *fm)
{
    struct tenant_app *ta = ta_;
    struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
    uint32_t xid = 0;
    enum ofperr err = canopy_flow_mod_xid(ta->app, sw, fm, &xid);
    if (!err && ts && fm->table_id == canopy_table_ingress(sw)
        && !ts->v10) {
        if (!ts->first_xid) {
            ts->first_xid = xid;
        }
        ts->last_xid = xid;
    }
    /* EPERM: the switch is going away; it will be reconciled if it
     * comes back. */
    if (err && err != OFPERR_OFPBRC_EPERM) {
        canopy_log(ta->app, CANOPY_LOG_WARN, "switch %016" PRIx64 ": cannot "
                   "%s a table-%u flow (OpenFlow error %d)",
                   canopy_switch_dpid(sw), op, fm->table_id, (int) err);
    }
}

struct tn_diff_ctx {
    struct canopy_switch *sw;
    tn_change_cb *cb;
    void *aux;
    bool deleting;          /* The deletes have begun. */
};

static void
tn_diff_change(void *ctx_, enum tenant_flow_op op,
               const struct tenant_flow *f)
{
    static const char *const names[] = {
        [TENANT_FLOW_ADD] = "add",
        [TENANT_FLOW_MODIFY] = "modify",
        [TENANT_FLOW_DELETE] = "delete",
    };
    struct tn_diff_ctx *ctx = ctx_;
    struct ofp_flow_mod fm;
    struct ofp_action acts[2];
    if (op == TENANT_FLOW_DELETE && !ctx->deleting) {
        /* A switch may reorder messages between barriers: the adds must
         * all be in before the first delete for the order to hold. */
        ctx->deleting = true;
        if (ctx->cb == tn_send_change) {
            struct tenant_app *ta = ctx->aux;
            canopy_barrier(ta->app, ctx->sw, NULL);
        }
    }
    /* A replacement is an add too: it keeps no counters but sets the new
     * cookie (a modify keeps the old one on 1.3). */
    tn_flow_mod(ctx->sw, f, op == TENANT_FLOW_DELETE ? OFPFC_DELETE_STRICT
                                                     : OFPFC_ADD, &fm, acts);
    ctx->cb(ctx->aux, ctx->sw, names[op], &fm);
}

/* Turns table 0 of 'sw' from 'old' into 'new' (see tenant_flow_diff()),
 * each change through 'cb'; returns how many changes. */
static size_t
tn_diff(struct canopy_switch *sw, const struct tenant_flow *old,
        size_t n_old, const struct tenant_flow *new, size_t n_new,
        tn_change_cb *cb, void *aux)
{
    struct tn_diff_ctx ctx = { sw, cb, aux, false };
    return tenant_flow_diff(old, n_old, new, n_new, tn_diff_change, &ctx);
}

static struct tn_switch *
tn_switch(struct tenant_app *ta, uint64_t dpid)
{
    for (struct tn_switch *ts = ta->switches; ts; ts = ts->next) {
        if (ts->dpid == dpid) {
            return ts;
        }
    }
    return NULL;
}

/* Brings table 0 of 'sw' in line with the policy. */
static void
tn_sync_switch(struct tenant_app *ta, struct canopy_switch *sw)
{
    struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
    if (!ts || !ts->ok || ts->v10) {
        return;
    }
    struct tenant_flow *flows;
    size_t n = tn_compute(ta, ta->policy, sw, &flows);
    /* A change on top of one in flight widens its range of xids: an error
     * about either fails them both (back to the table before the first). */
    if (!ts->applying) {
        ts->first_xid = ts->last_xid = 0;
    }
    if (!tn_diff(sw, ts->flows, ts->n_flows, flows, n, tn_send_change, ta)) {
        free(flows);
        return;
    }
    /* Keep the last table the switch took whole, in case this change
     * fails; a change on top of one in flight keeps the older one. */
    if (!ts->applying) {
        free(ts->prev);
        ts->prev = ts->flows;
        ts->n_prev = ts->n_flows;
        ts->applying = true;
        ts->failed = false;
    } else {
        free(ts->flows);
    }
    ts->flows = flows;
    ts->n_flows = n;
    if (canopy_barrier(ta->app, sw, &ts->barrier_xid)) {
        ts->applying = false;       /* Going away: nothing to wait for. */
    }
}

static void
tn_sync_all(struct tenant_app *ta)
{
    for (struct canopy_switch *sw = canopy_switch_next(ta->app, NULL); sw;
         sw = canopy_switch_next(ta->app, sw)) {
        tn_sync_switch(ta, sw);
    }
}

static void
tn_fwd_mod(struct canopy_switch *sw, uint16_t command,
           struct ofp_flow_mod *fm)
{
    ofp_flow_mod_init(fm, command, canopy_table_forward(sw));
}

/* OpenFlow 1.0: deletes, one by one, the flows of 'ts' of tenant VLAN
 * 'vlan' (0: all), through 'cb'; forgets them if 'forget'. */
static void
tn_flush_v10(struct tn_switch *ts, struct canopy_switch *sw, uint16_t vlan,
             bool forget, tn_change_cb *cb, void *aux)
{
    size_t kept = 0;
    for (size_t i = 0; i < ts->n_fwd; i++) {
        const struct tn_fwd *f = &ts->fwd[i];
        if (vlan && f->vlan != vlan) {
            ts->fwd[kept++] = *f;
            continue;
        }
        struct ofp_flow_mod fm;
        tn_fwd_mod(sw, OFPFC_DELETE_STRICT, &fm);
        fm.match = f->match;
        fm.priority = f->priority;
        cb(aux, sw, "delete", &fm);
        if (!forget) {
            ts->fwd[kept++] = *f;
        }
    }
    ts->n_fwd = kept;
}

/* Removes the forwarding flows of tenant VLAN 'vlan' (0: all) from every
 * switch, through 'cb': they were computed for a tenant that changed.
 * 'forget': they are really gone (not a plan). */
static void
tn_flush_forwarding_cb(struct tenant_app *ta, uint16_t vlan,
                       tn_change_cb *cb, void *aux)
{
    bool forget = cb == tn_send_change;
    for (struct canopy_switch *sw = canopy_switch_next(ta->app, NULL); sw;
         sw = canopy_switch_next(ta->app, sw)) {
        struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
        if (!ts || !ts->ok) {
            continue;
        }
        if (ts->v10) {
            tn_flush_v10(ts, sw, vlan, forget, cb, aux);
            continue;
        }
        if (vlan == TN_DROP_VLAN) {
            continue;           /* 1.3 drops are table 0's. */
        }
        struct ofp_flow_mod fm;
        tn_fwd_mod(sw, OFPFC_DELETE, &fm);
        fm.cookie = TN_COOKIE(TN_K_FORWARD, vlan);
        fm.cookie_mask = vlan ? TN_COOKIE_BITS : TN_COOKIE(0xff, 0);
        cb(aux, sw, "delete", &fm);
    }
}

static void
tn_flush_forwarding(struct tenant_app *ta, uint16_t vlan)
{
    tn_flush_forwarding_cb(ta, vlan, tn_send_change, ta);
}

/* ---- Forwarding. ------------------------------------------------------- */

/* The access VLAN of tenant 't' on (dpid, port) if a port+VLAN member puts
 * it there, else 0 (the tenant's frames leave untagged). */
static uint16_t
tn_access_vlan(const struct tenant_policy_tenant *t, uint64_t dpid,
               uint32_t port)
{
    for (size_t i = 0; i < t->n_members; i++) {
        const struct tenant_policy_member *m = &t->members[i];
        if (m->kind != TENANT_MEMBER_MAC && m->resolved && m->dpid == dpid
            && m->port == port && m->vlan) {
            return m->vlan;
        }
    }
    return 0;
}

/* True if a frame of tenant 't' may leave switch 'dpid' at edge port
 * 'port' for 'mac': that port (or that MAC, on a port nobody claims)
 * belongs to 't' now.  Host locations outlive policy changes, and this
 * keeps a stale one from taking a tenant's frames to a port that has
 * moved to another tenant. */
static bool
tn_edge_in_tenant(const struct tenant_app *ta,
                  const struct tenant_policy_tenant *t, uint64_t dpid,
                  uint32_t port, const uint8_t mac[6])
{
    return tenant_policy_classify(ta->policy, dpid, port,
                                  tn_access_vlan(t, dpid, port), mac) == t;
}

/* Where a frame goes out: ports with the VLAN tag each needs there (0:
 * untagged). */
struct tn_out {
    uint32_t port[TN_MAX_OUT];
    uint16_t tag[TN_MAX_OUT];
    size_t n;
};

static void
tn_out_put(struct tn_out *o, uint32_t port, uint16_t tag)
{
    for (size_t i = 0; i < o->n; i++) {
        if (o->port[i] == port) {
            return;
        }
    }
    if (o->n < TN_MAX_OUT) {
        o->port[o->n] = port;
        o->tag[o->n++] = tag;
    }
}

/* Fills 'acts' (room for 3 * TN_MAX_OUT + 1) to send a frame that carries
 * tag 'cur' (0: untagged) out of 'o': first the ports that take it as it
 * is, then, tag by tag, those that need another tag, and last, stripped,
 * the untagged ones.  On OpenFlow 1.3 an untagged frame needs a push
 * before its tag can be set; on 1.0 setting the VLAN adds the tag. */
static size_t
tn_out_actions(const struct tn_out *o, uint16_t cur, uint8_t version,
               struct ofp_action *acts)
{
    size_t n = 0;
    bool tagged = cur != 0;
    for (size_t i = 0; i < o->n; i++) {
        if (o->tag[i] == cur) {
            acts[n] = (struct ofp_action) { .type = OFPACT_OUTPUT };
            acts[n++].u.output.port = o->port[i];
        }
    }
    for (size_t i = 0; i < o->n; i++) {
        uint16_t tag = o->tag[i];
        bool seen = false;
        for (size_t j = 0; j < i; j++) {
            seen |= o->tag[j] == tag;
        }
        if (!tag || tag == cur || seen) {
            continue;
        }
        if (!tagged && version == OFP13_VERSION) {
            acts[n] = (struct ofp_action) { .type = OFPACT_PUSH_VLAN };
            acts[n++].u.ethertype = 0x8100;
        }
        tagged = true;
        acts[n] = (struct ofp_action) { .type = OFPACT_SET_FIELD };
        acts[n].u.set_field.field = OFPF_VLAN_VID;
        acts[n++].u.set_field.value.u16 = OFPVID_PRESENT | tag;
        for (size_t j = i; j < o->n; j++) {
            if (o->tag[j] == tag) {
                acts[n] = (struct ofp_action) { .type = OFPACT_OUTPUT };
                acts[n++].u.output.port = o->port[j];
            }
        }
    }
    if (cur) {
        bool popped = false;
        for (size_t i = 0; i < o->n; i++) {
            if (!o->tag[i]) {
                if (!popped) {
                    acts[n++] = (struct ofp_action) {
                        .type = OFPACT_POP_VLAN
                    };
                    popped = true;
                }
                acts[n] = (struct ofp_action) { .type = OFPACT_OUTPUT };
                acts[n++].u.output.port = o->port[i];
            }
        }
    }
    return n;
}

/* Adds edge port 'port' of 'dpid' as a way out for tenant 't'. */
static void
tn_out_edge(struct tn_out *o, const struct tenant_policy_tenant *t,
            uint64_t dpid, uint32_t port)
{
    tn_out_put(o, port, tn_access_vlan(t, dpid, port));
}

static void
tn_packet_out(struct tenant_app *ta, const struct canopy_packet_in *ev,
              const struct tn_out *o, uint16_t cur)
{
    static struct ofp_action acts[3 * TN_MAX_OUT + 1];
    size_t n = tn_out_actions(o, cur, canopy_switch_version(ev->sw), acts);
    if (!n) {
        return;
    }
    struct ofp_packet_out po;
    memset(&po, 0, sizeof po);
    po.buffer_id = ev->msg->buffer_id;
    po.in_port = ev->in_port;
    po.actions.actions = acts;
    po.actions.n = n;
    if (po.buffer_id == OFP_NO_BUFFER) {
        po.data = ev->msg->data;
        po.data_len = ev->msg->data_len;
    }
    canopy_packet_out(ta->app, ev->sw, &po);
}

/* Where host 'mac' of tenant VLAN 'vlan' is: canopyd's host table knows
 * the hosts of OpenFlow 1.3 switches by tenant VLAN (their frames carry
 * it when they reach the controller); this app learns those of 1.0
 * switches itself, since canopyd sees them with their wire VLAN. */
static bool
tn_host_find(struct tenant_app *ta, const uint8_t mac[6], uint16_t vlan,
             uint64_t *dpid, uint32_t *port)
{
    struct canopy_host h;
    if (canopy_host_find(ta->app, mac, vlan, &h)) {
        *dpid = h.dpid;
        *port = h.port;
        return true;
    }
    uint64_t now = canopy_now_ms();
    for (struct tn_switch *ts = ta->switches; ts; ts = ts->next) {
        if (ts->hosts && mactable_lookup(ts->hosts, mac, vlan, now, port)) {
            *dpid = ts->dpid;
            return true;
        }
    }
    return false;
}

/* Floods the packet of 'ev' (carrying tag 'cur') inside tenant 't':
 * flood-tree links (tagged) and the edge ports where 't' has hosts: its
 * port members, ports where its MAC members were seen, and for the default
 * tenant every edge port that classifies untagged traffic into it. */
static void
tn_flood(struct tenant_app *ta, const struct canopy_packet_in *ev,
         const struct tenant_policy_tenant *t, uint64_t dpid, uint16_t cur)
{
    static struct tn_out o;
    size_t n_ports;
    const struct ofp_port *ports = canopy_switch_ports(ev->sw, &n_ports);
    o.n = 0;
    for (size_t i = 0; i < n_ports; i++) {
        uint32_t no = ports[i].port_no;
        if (no == ev->in_port || no > OFPP_MAX || !tn_port_live(&ports[i])) {
            continue;
        }
        if (!canopy_topo_edge_port(ta->app, dpid, no)) {
            if (canopy_topo_flood_port(ta->app, dpid, no)) {
                tn_out_put(&o, no, t->vlan);
            }
        } else if (tenant_policy_classify(ta->policy, dpid, no, 0, NULL)
                   == t) {
            tn_out_edge(&o, t, dpid, no);
        }
    }
    for (size_t i = 0; i < t->n_members; i++) {
        const struct tenant_policy_member *m = &t->members[i];
        uint64_t hdpid;
        uint32_t hport;
        if (m->kind == TENANT_MEMBER_MAC) {
            if (tn_host_find(ta, m->mac, t->vlan, &hdpid, &hport)
                && hdpid == dpid && hport != ev->in_port
                && canopy_topo_edge_port(ta->app, dpid, hport)
                && tn_edge_in_tenant(ta, t, dpid, hport, m->mac)) {
                tn_out_put(&o, hport, 0);
            }
        } else if (m->resolved && m->dpid == dpid && m->port != ev->in_port
                   && m->vlan
                   && canopy_topo_edge_port(ta->app, dpid, m->port)) {
            tn_out_edge(&o, t, dpid, m->port);
        }
    }
    ta->floods++;
    tn_packet_out(ta, ev, &o, cur);
}

/* Remembers a flow just sent to 1.0 switch 'ts'; when the record is full,
 * every remembered flow is removed first and traffic is relearned. */
static void
tn_track_v10(struct tenant_app *ta, struct canopy_switch *sw,
             struct tn_switch *ts, const struct ofp_match *match,
             uint16_t priority, uint16_t vlan)
{
    /* Packet-ins that overtake their flow install it again: those
     * repeats are recent, so a look at the last few records finds them. */
    for (size_t i = ts->n_fwd; i-- > 0 && ts->n_fwd - i <= 64;) {
        if (ts->fwd[i].priority == priority
            && ofp_match_equal(&ts->fwd[i].match, match)) {
            return;
        }
    }
    if (ts->n_fwd >= TN_MAX_FWD) {
        tn_flush_v10(ts, sw, 0, true, tn_send_change, ta);
    }
    if (!ts->fwd) {
        ts->fwd = xmalloc(TN_MAX_FWD * sizeof *ts->fwd);
    }
    ts->fwd[ts->n_fwd++] = (struct tn_fwd) { *match, priority, vlan };
}

/* Installs on 'sw' the flow for frames matching 'match' (which arrive
 * with tag 'cur') of tenant VLAN 'vlan' out of 'o'. */
static bool
tn_install(struct tenant_app *ta, struct canopy_switch *sw,
           const struct ofp_match *match, uint16_t cur, uint16_t vlan,
           const struct tn_out *o)
{
    struct ofp_action acts[8];
    struct ofp_flow_mod fm;
    tn_fwd_mod(sw, OFPFC_ADD, &fm);
    fm.match = *match;
    fm.priority = TN_FWD_PRIORITY;
    fm.idle_timeout = TN_FWD_IDLE;
    fm.cookie = TN_COOKIE(TN_K_FORWARD, vlan);
    fm.instructions.present = OFPIB_APPLY_ACTIONS;
    fm.instructions.apply.actions = acts;
    fm.instructions.apply.n = tn_out_actions(o, cur,
                                             canopy_switch_version(sw), acts);
    if (canopy_flow_mod(ta->app, sw, &fm)) {
        return false;
    }
    struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
    if (ts && ts->v10) {
        tn_track_v10(ta, sw, ts, match, fm.priority, vlan);
    }
    return true;
}

static bool
tn_is_link_local(const uint8_t mac[6])
{
    static const uint8_t prefix[5] = { 0x01, 0x80, 0xc2, 0x00, 0x00 };
    return !memcmp(mac, prefix, 5) && mac[5] <= 0x0f;
}

static void
tn_match_vlan(struct ofp_match *m, uint16_t tag)
{
    if (tag) {
        ofp_match_set_vlan_vid(m, tag);
    } else {
        ofp_match_set_no_vlan(m);
    }
}

/* OpenFlow 1.0: the tenant of a frame from an edge port, decided here
 * since there is no table 0 to do it.  Traffic of no tenant (and tagged
 * frames where no port+VLAN member expects them, as table 0 would) gets a
 * drop flow, so that it stops coming to the controller. */
static const struct tenant_policy_tenant *
tn_classify_v10(struct tenant_app *ta, const struct canopy_packet_in *ev,
                struct tn_switch *ts, uint16_t wire)
{
    const struct pkt_info *p = ev->pkt;
    const struct tenant_policy_tenant *t
        = tenant_policy_classify(ta->policy, ts->dpid, ev->in_port, wire,
                                 p->eth_src);
    if (t && wire && tn_access_vlan(t, ts->dpid, ev->in_port) != wire) {
        t = NULL;
    }
    if (t) {
        uint32_t old;
        mactable_learn(ts->hosts, p->eth_src, t->vlan, ev->in_port,
                       canopy_now_ms(), &old);
        return t;
    }
    struct ofp_flow_mod fm;
    tn_fwd_mod(ev->sw, OFPFC_ADD, &fm);
    ofp_match_init_catchall(&fm.match);
    ofp_match_set_in_port(&fm.match, ev->in_port);
    tn_match_vlan(&fm.match, wire);
    ofp_match_set_eth_src(&fm.match, p->eth_src);
    fm.priority = TN_DROP_PRIORITY;
    fm.idle_timeout = TN_DROP_IDLE;
    fm.cookie = TN_COOKIE(TN_K_DROP, 0);
    if (!canopy_flow_mod(ta->app, ev->sw, &fm)) {
        tn_track_v10(ta, ev->sw, ts, &fm.match, fm.priority, TN_DROP_VLAN);
    }
    return NULL;
}

static enum canopy_verdict
tn_packet_in(void *ta_, const struct canopy_packet_in *ev)
{
    struct tenant_app *ta = ta_;
    const struct pkt_info *p = ev->pkt;
    uint64_t dpid = canopy_switch_dpid(ev->sw);
    struct tn_switch *ts = tn_switch(ta, dpid);
    if (!(p->flags & PKT_F_ETH) || tn_is_link_local(p->eth_dst)) {
        return CANOPY_CONTINUE;
    }
    if (!ts || !ts->ok || !canopy_topo_settled(ta->app, dpid)) {
        ta->dropped++;
        return CANOPY_STOP;
    }
    /* 'cur': the frame's tag as it reached the controller.  On 1.3, past
     * table 0, every frame carries its tenant's VLAN; on 1.0 a frame from
     * a link does, and one from an edge port is classified here. */
    uint16_t cur = p->n_vlans ? p->vlans[0].vid : 0;
    bool edge = canopy_topo_edge_port(ta->app, dpid, ev->in_port);
    const struct tenant_policy_tenant *t
        = ts->v10 && edge ? tn_classify_v10(ta, ev, ts, cur)
          : cur ? tn_tenant_of_vlan(ta->policy, cur) : NULL;
    if (!t) {
        ta->dropped++;
        return CANOPY_STOP;
    }
    bool group = p->eth_dst[0] & 1;
    if (group && !edge
        && !canopy_topo_flood_port(ta->app, dpid, ev->in_port)) {
        ta->dropped++;          /* A flooded copy off the tree. */
        return CANOPY_STOP;
    }
    uint64_t dst_dpid;
    uint32_t dst_port;
    if (group || !tn_host_find(ta, p->eth_dst, t->vlan, &dst_dpid,
                               &dst_port)
        || !tn_edge_in_tenant(ta, t, dst_dpid, dst_port, p->eth_dst)) {
        tn_flood(ta, ev, t, dpid, cur);
        return CANOPY_STOP;
    }
    if (dst_dpid == dpid && dst_port == ev->in_port) {
        return CANOPY_STOP;
    }
    struct canopy_hop hops[TN_MAX_HOPS];
    size_t n = canopy_topo_path(ta->app, dpid, dst_dpid, hops, TN_MAX_HOPS);
    if (!n || n > TN_MAX_HOPS) {
        ta->dropped++;
        return CANOPY_STOP;
    }
    hops[0].in_port = ev->in_port;
    hops[n - 1].out_port = dst_port;

    /* Last hop first, each matching the frame as it arrives there: the
     * first as it came in, the others tagged with the tenant's VLAN. */
    struct ofp_match m;
    ofp_match_init_catchall(&m);
    ofp_match_set_eth_src(&m, p->eth_src);
    ofp_match_set_eth_dst(&m, p->eth_dst);
    static struct tn_out first;
    for (size_t i = n; i-- > 0;) {
        struct tn_out o = { .n = 0 };
        uint16_t in_tag = i ? t->vlan : cur;
        struct canopy_switch *sw = canopy_switch_find(ta->app, hops[i].dpid);
        if (i == n - 1) {
            tn_out_edge(&o, t, hops[i].dpid, hops[i].out_port);
        } else {
            tn_out_put(&o, hops[i].out_port, t->vlan);
        }
        ofp_match_set_in_port(&m, hops[i].in_port);
        tn_match_vlan(&m, in_tag);
        if (!sw || !tn_install(ta, sw, &m, in_tag, t->vlan, &o)) {
            ta->dropped++;
            return CANOPY_STOP;
        }
        if (!i) {
            first = o;
        }
    }
    ta->paths++;
    tn_packet_out(ta, ev, &first, cur);
    return CANOPY_STOP;
}

/* ---- Errors, rollback and counters. ----------------------------------- */

static void
tn_set_status(struct tn_switch *ts, const char *status)
{
    free(ts->status);
    ts->status = xstrdup(status);
}

static bool
tn_xid_in(uint32_t xid, uint32_t first, uint32_t last)
{
    /* Modulo 2^32: xids count up per connection and may wrap. */
    return first && xid - first <= last - first;
}

static void
tn_error(void *ta_, struct canopy_switch *sw, uint32_t xid,
         const struct ofp_error_msg *err)
{
    struct tenant_app *ta = ta_;
    struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
    if (!ts || !ts->applying || ts->failed
        || !tn_xid_in(xid, ts->first_xid, ts->last_xid)) {
        return;
    }
    char buf[256];
    ts->failed = true;
    snprintf(buf, sizeof buf, "rolled back to the previous tenants: the "
             "switch refused a table-0 flow-mod with %s (%s)",
             ofperr_name(err->err), ofperr_description(err->err));
    tn_set_status(ts, buf);
    canopy_log(ta->app, CANOPY_LOG_ERR, "switch %016" PRIx64 ": %s",
               ts->dpid, buf);
}

static void
tn_barrier_reply(void *ta_, struct canopy_switch *sw, uint32_t xid)
{
    struct tenant_app *ta = ta_;
    struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
    if (!ts || !ts->applying || xid != ts->barrier_xid) {
        return;
    }
    ts->applying = false;
    if (!ts->failed) {
        tn_set_status(ts, "in sync");
        free(ts->prev);
        ts->prev = NULL;
        ts->n_prev = 0;
        return;
    }
    /* Back to the last table the switch took whole.  It stays there, out
     * of step with the policy (its status says so), until the next
     * change of tenants, ports or links. */
    ta->rollbacks++;
    ts->first_xid = ts->last_xid = 0;
    tn_diff(sw, ts->flows, ts->n_flows, ts->prev, ts->n_prev,
            tn_send_change, ta);
    free(ts->flows);
    ts->flows = ts->prev;
    ts->n_flows = ts->n_prev;
    ts->prev = NULL;
    ts->n_prev = 0;
}

static void
tn_stats_reply(void *ta_, struct canopy_switch *sw,
               enum canopy_stats_status status,
               const struct ofp_flow_stats *entries, size_t n)
{
    struct tenant_app *ta = ta_;
    struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
    if (!ts) {
        return;
    }
    if (status == CANOPY_STATS_PART || status == CANOPY_STATS_DONE) {
        for (size_t i = 0; i < n; i++) {
            if (((entries[i].cookie >> 40) & 0xff) == TN_K_DROP) {
                ts->sum_packets += entries[i].packet_count;
                ts->sum_bytes += entries[i].byte_count;
            }
        }
    }
    if (status != CANOPY_STATS_PART) {
        ts->stats_pending = false;
        if (status == CANOPY_STATS_DONE) {
            ts->drop_packets = ts->sum_packets;
            ts->drop_bytes = ts->sum_bytes;
        }
    }
}

/* Reads the drop flows' counters of every switch.  A drop flow of a 1.0
 * switch idles out with its counts, so there the figure is what the flows
 * still present have seen. */
static void
tn_stats_tick(void *ta_)
{
    struct tenant_app *ta = ta_;
    for (struct canopy_switch *sw = canopy_switch_next(ta->app, NULL); sw;
         sw = canopy_switch_next(ta->app, sw)) {
        struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
        if (ts && ts->ok && !ts->stats_pending
            && !canopy_flow_stats(ta->app, sw, canopy_table_ingress(sw),
                                  tn_stats_reply, ta)) {
            ts->stats_pending = true;
            ts->sum_packets = ts->sum_bytes = 0;
        }
    }
}

/* ---- Switches and topology. -------------------------------------------- */

static void
tn_switch_free(struct tn_switch *ts)
{
    free(ts->flows);
    free(ts->prev);
    free(ts->status);
    free(ts->fwd);
    mactable_destroy(ts->hosts);
    free(ts);
}

static void
tn_switch_up(void *ta_, struct canopy_switch *sw)
{
    struct tenant_app *ta = ta_;
    uint64_t dpid = canopy_switch_dpid(sw);
    struct tn_switch *ts = xzalloc(sizeof *ts);
    ts->dpid = dpid;
    ts->ok = true;
    ts->v10 = canopy_switch_version(sw) != OFP13_VERSION;
    ts->status = xstrdup("in sync");
    ts->next = ta->switches;
    ta->switches = ts;
    if (ts->v10) {
        ts->hosts = mactable_create(4096, 300 * 1000);
    }
    char *errors = NULL;
    if (!tn_resolve_switch(ta->policy, sw, &errors)) {
        canopy_log(ta->app, CANOPY_LOG_WARN, "switch %016" PRIx64 ": "
                   "members left out:\n%s", dpid, errors ? errors : "");
    }
    free(errors);
    tn_sync_switch(ta, sw);
}

static void
tn_switch_down(void *ta_, struct canopy_switch *sw)
{
    struct tenant_app *ta = ta_;
    uint64_t dpid = canopy_switch_dpid(sw);
    tenant_policy_forget_switch(ta->policy, dpid);
    for (struct tn_switch **p = &ta->switches; *p; p = &(*p)->next) {
        if ((*p)->dpid == dpid) {
            struct tn_switch *ts = *p;
            *p = ts->next;
            tn_switch_free(ts);
            return;
        }
    }
}

/* Syncs the switches whose ports changed since the last run. */
static void
tn_resync_run(void *ta_)
{
    struct tenant_app *ta = ta_;
    canopy_timer_cancel(ta->resync_timer);
    ta->resync_timer = NULL;
    for (struct canopy_switch *sw = canopy_switch_next(ta->app, NULL); sw;
         sw = canopy_switch_next(ta->app, sw)) {
        struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
        if (ts && ts->resync) {
            ts->resync = false;
            /* Ports came or went: names may resolve differently. */
            char *errors = NULL;
            tn_resolve_switch(ta->policy, sw, &errors);
            free(errors);
            tn_sync_switch(ta, sw);
        }
    }
}

static void
tn_port_status(void *ta_, struct canopy_switch *sw, uint8_t reason,
               const struct ofp_port *port)
{
    struct tenant_app *ta = ta_;
    (void) reason;
    (void) port;
    struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
    if (!ts || !ts->ok) {
        return;
    }
    /* A switch that flaps ports sends a storm of these: one sync per
     * switch per 50 ms, whatever their number, costs the same in the
     * end (the table is recomputed whole and changed by difference). */
    ts->resync = true;
    if (!ta->resync_timer) {
        ta->resync_timer = canopy_timer_add(ta->app, 50, tn_resync_run, ta);
        if (!ta->resync_timer) {
            tn_resync_run(ta);      /* No event loop (tests): now. */
        }
    }
}

static void
tn_topology_changed(void *ta_)
{
    struct tenant_app *ta = ta_;
    /* Links decide which ports are trusted to carry tagged frames, and
     * paths decide the forwarding flows. */
    tn_sync_all(ta);
    tn_flush_forwarding(ta, 0);
}

/* ---- Changing the policy. ---------------------------------------------- */

struct tn_vlans {
    uint16_t *v;
    size_t n, cap;
};

static void
tn_vlans_add(struct tn_vlans *vs, uint16_t vlan)
{
    for (size_t i = 0; i < vs->n; i++) {
        if (vs->v[i] == vlan) {
            return;
        }
    }
    if (vs->n == vs->cap) {
        vs->cap = vs->cap ? vs->cap * 2 : 8;
        vs->v = xrealloc(vs->v, vs->cap * sizeof *vs->v);
    }
    vs->v[vs->n++] = vlan;
}

/* Collects the tenant VLANs whose forwarding flows a change invalidates:
 * tenants removed or renumbered, tenants that lost members (their hosts'
 * egress may have changed) and the old and new default. */
static void
tn_collect_vlans(const struct tenant_policy_change *ch, void *vs_)
{
    struct tn_vlans *vs = vs_;
    switch (ch->type) {
    case TENANT_POLICY_TENANT_REMOVED:
    case TENANT_POLICY_MEMBER_REMOVED:
        tn_vlans_add(vs, ch->old_tenant->vlan);
        break;
    case TENANT_POLICY_VLAN_CHANGED:
    case TENANT_POLICY_DEFAULT_CHANGED:
        if (ch->old_tenant) {
            tn_vlans_add(vs, ch->old_tenant->vlan);
        }
        if (ch->new_tenant) {
            tn_vlans_add(vs, ch->new_tenant->vlan);
        }
        break;
    case TENANT_POLICY_MEMBER_ADDED:
        /* A port+VLAN member changes how its tenant leaves that port. */
        if (ch->member->vlan) {
            tn_vlans_add(vs, ch->new_tenant->vlan);
        }
        break;
    case TENANT_POLICY_TENANT_ADDED:
        break;
    }
}

/* The tenant VLANs whose forwarding flows a change from the running
 * policy to 'p' invalidates, in 'vs' (plus the drop flows of 1.0
 * switches, which any change may invalidate); returns the number of
 * differences. */
static size_t
tn_changed_vlans(const struct tenant_app *ta, const struct tenant_policy *p,
                 struct tn_vlans *vs)
{
    size_t n = tenant_policy_diff(ta->policy, p, tn_collect_vlans, vs);
    if (n) {
        tn_vlans_add(vs, TN_DROP_VLAN);
    }
    return n;
}

/* Puts 'p' (resolved against the connected switches) in force: table 0 of
 * every switch by difference, forwarding flows of the tenants concerned
 * flushed, watchers told.  Takes 'p'. */
static size_t
tn_apply(struct tenant_app *ta, struct tenant_policy *p, const char *source)
{
    struct tn_vlans vs = { NULL, 0, 0 };
    size_t n = tn_changed_vlans(ta, p, &vs);
    tenant_policy_destroy(ta->policy);
    ta->policy = p;
    free(ta->source);
    ta->source = xstrdup(source);
    /* Even with no difference: a switch rolled back after a failed change
     * gets the policy again. */
    tn_sync_all(ta);
    if (!n) {
        free(vs.v);
        return 0;
    }
    ta->changes++;
    /* Where hosts were seen is no proof of their tenant any more. */
    for (struct tn_switch *ts = ta->switches; ts; ts = ts->next) {
        if (ts->hosts) {
            mactable_destroy(ts->hosts);
            ts->hosts = mactable_create(4096, 300 * 1000);
        }
    }
    for (size_t i = 0; i < vs.n; i++) {
        tn_flush_forwarding(ta, vs.v[i]);
    }
    free(vs.v);
    for (size_t i = 0; i < ta->n_watches; i++) {
        ta->watches[i].cb(ta->watches[i].aux);
    }
    canopy_log(ta->app, CANOPY_LOG_INFO, "tenants changed (%s): %zu "
               "differences", source, n);
    return n;
}

static bool
tn_validate(struct ycfg *y, struct fy_node *settings, const char *path)
{
    struct tenant_policy *p;
    if (!tenant_policy_parse(y, settings, path, &p)) {
        return false;
    }
    tenant_policy_destroy(p);
    return true;
}

static void
tn_reconfigure(void *ta_, struct ycfg *y, struct fy_node *settings)
{
    struct tenant_app *ta = ta_;
    struct tenant_policy *p;
    if (!tenant_policy_parse(y, settings, "settings", &p)) {
        canopy_log(ta->app, CANOPY_LOG_ERR, "%s", ycfg_error(y));
        return;
    }
    char *errors = NULL;
    if (!tn_resolve_all(ta, p, &errors)) {
        canopy_log(ta->app, CANOPY_LOG_WARN, "members left out:\n%s",
                   errors);
    }
    free(errors);
    tn_apply(ta, p, "config");
}

/* Reports through 'cb' every flow change that putting 'p' in force would
 * make (tn_apply()), on every connected switch, without making any. */
static void
tn_plan_changes(struct tenant_app *ta, const struct tenant_policy *p,
                tn_change_cb *cb, void *aux)
{
    for (struct canopy_switch *sw = canopy_switch_next(ta->app, NULL); sw;
         sw = canopy_switch_next(ta->app, sw)) {
        struct tn_switch *ts = tn_switch(ta, canopy_switch_dpid(sw));
        if (ts && ts->ok && !ts->v10) {
            struct tenant_flow *flows;
            size_t n = tn_compute(ta, p, sw, &flows);
            tn_diff(sw, ts->flows, ts->n_flows, flows, n, cb, aux);
            free(flows);
        }
    }
    struct tn_vlans vs = { NULL, 0, 0 };
    tn_changed_vlans(ta, p, &vs);
    for (size_t i = 0; i < vs.n; i++) {
        tn_flush_forwarding_cb(ta, vs.v[i], cb, aux);
    }
    free(vs.v);
}

static void
tn_plan_flow(void *plan, struct canopy_switch *sw, const char *op,
             const struct ofp_flow_mod *fm)
{
    canopy_plan_flow(plan, sw, op, fm);
}

/* Dry run of tn_reconfigure(): the same changes, reported, not made. */
static void
tn_plan_reload(void *ta_, struct ycfg *y, struct fy_node *settings,
               struct canopy_plan *plan)
{
    struct tenant_app *ta = ta_;
    struct tenant_policy *p;
    if (!tenant_policy_parse(y, settings, "settings", &p)) {
        return;
    }
    tn_resolve_all(ta, p, NULL);
    tn_plan_changes(ta, p, tn_plan_flow, plan);
    tenant_policy_destroy(p);
}

/* Where a flow of this app comes from, for the flows API. */
static bool
tn_describe_cookie(void *ta_, uint64_t bits, char *buf, size_t size)
{
    struct tenant_app *ta = ta_;
    const struct tenant_policy *p = ta->policy;
    uint64_t detail = bits & 0xffffffffffull;
    const struct tenant_policy_tenant *t;
    switch ((enum tn_kind) ((bits >> 40) & 0xff)) {
    case TN_K_LLDP:
        snprintf(buf, size, "tenant: LLDP probes to the forwarding table");
        return true;
    case TN_K_LINK:
        snprintf(buf, size, "tenant: link port %" PRIu64 " (tagged frames "
                 "of classified traffic)", detail);
        return true;
    case TN_K_MEMBER:
        for (size_t i = 0; i < tenant_policy_n_tenants(p); i++) {
            t = tenant_policy_tenant(p, i);
            for (size_t j = 0; j < t->n_members; j++) {
                if (tn_member_hash(t, &t->members[j]) == detail) {
                    snprintf(buf, size, "tenant: tenants[%zu].members[%zu] "
                             "of %s (%s, %s)", i, j, t->name, t->members[j].where,
                             ta->source);
                    return true;
                }
            }
        }
        return false;
    case TN_K_DEFAULT:
    case TN_K_FORWARD:
        t = tn_tenant_of_vlan(p, (uint16_t) detail);
        if (!t) {
            return false;
        }
        snprintf(buf, size, "tenant: %s of tenant %s (%s)",
                 (bits >> 40) == TN_K_DEFAULT ? "default classification"
                                              : "forwarding", t->name,
                 t->where);
        return true;
    case TN_K_DROP:
        snprintf(buf, size, "tenant: traffic of no tenant, dropped");
        return true;
    }
    return false;
}

/* The node of member 'i' of tenant 't' in 'settings'. */
static struct fy_node *
tn_member_port_node(struct fy_node *settings, size_t t, size_t i)
{
    struct fy_node *tenant = ycfg_item(ycfg_get(settings, "tenants"), t);
    struct fy_node *member = ycfg_item(ycfg_get(tenant, "members"), i);
    return ycfg_get(member, "port");
}

/* Refuses a reload whose named ports do not resolve on the connected
 * switches, at the position of the first one, with the reason. */
static bool
tn_check(void *ta_, struct ycfg *y, struct fy_node *settings,
         const char *path)
{
    struct tenant_app *ta = ta_;
    struct tenant_policy *p;
    if (!tenant_policy_parse(y, settings, path, &p)) {
        return false;
    }
    char *errors = NULL;
    bool ok = tn_resolve_all(ta, p, &errors);
    for (size_t t = 0; !ok && !ycfg_error(y)
                       && t < tenant_policy_n_tenants(p); t++) {
        const struct tenant_policy_tenant *tt = tenant_policy_tenant(p, t);
        for (size_t i = 0; i < tt->n_members && !ycfg_error(y); i++) {
            const struct tenant_policy_member *m = &tt->members[i];
            if (m->kind != TENANT_MEMBER_PORT_NAME || m->resolved
                || !canopy_switch_find(ta->app, m->dpid)) {
                continue;
            }
            /* Its line of 'errors' reads "WHERE: PATH: why". */
            const char *line = strstr(errors, m->where);
            const char *why = line ? strstr(line + strlen(m->where) + 2,
                                            ": ") : NULL;
            char where[256];
            snprintf(where, sizeof where, "%s%stenants[%zu].members[%zu].port",
                     path, *path ? "." : "", t, i);
            ycfg_fail(y, tn_member_port_node(settings, t, i), where, "%.*s",
                      why ? (int) strcspn(why + 2, "\n") : 0,
                      why ? why + 2 : "");
        }
    }
    if (!ok && !ycfg_error(y)) {
        ycfg_fail(y, settings, path, "%.*s", (int) strcspn(errors, "\n"),
                  errors);
    }
    free(errors);
    tenant_policy_destroy(p);
    return ok;
}

/* ---- The service. ------------------------------------------------------ */

static const char *
tn_svc_classify(void *ta_, uint64_t dpid, uint32_t port, uint16_t vlan,
                const uint8_t mac[6], uint16_t *tenant_vlan)
{
    struct tenant_app *ta = ta_;
    const struct tenant_policy_tenant *t
        = tenant_policy_classify(ta->policy, dpid, port, vlan, mac);
    if (t && tenant_vlan) {
        *tenant_vlan = t->vlan;
    }
    return t ? t->name : NULL;
}

static bool
tn_svc_vlan_of(void *ta_, const char *name, uint16_t *vlan)
{
    struct tenant_app *ta = ta_;
    const struct tenant_policy_tenant *t = tenant_policy_find(ta->policy,
                                                              name);
    if (t) {
        *vlan = t->vlan;
    }
    return t != NULL;
}

static const char *
tn_svc_tenant_of_vlan(void *ta_, uint16_t vlan)
{
    struct tenant_app *ta = ta_;
    const struct tenant_policy_tenant *t = tn_tenant_of_vlan(ta->policy,
                                                             vlan);
    return t ? t->name : NULL;
}

static void
tn_svc_unwatch(void *ta_, void *aux)
{
    struct tenant_app *ta = ta_;
    for (size_t i = 0; i < ta->n_watches; i++) {
        if (ta->watches[i].aux == aux) {
            ta->watches[i] = ta->watches[--ta->n_watches];
            return;
        }
    }
}

static void
tn_svc_watch(void *ta_, tenant_service_watch_cb *cb, void *aux)
{
    struct tenant_app *ta = ta_;
    tn_svc_unwatch(ta, aux);
    ta->watches = xrealloc(ta->watches,
                           (ta->n_watches + 1) * sizeof *ta->watches);
    ta->watches[ta->n_watches++] = (struct tn_watch) { cb, aux };
}

static const struct tenant_service tn_service = {
    .version = TENANT_SERVICE_VERSION,
    .classify = tn_svc_classify,
    .vlan_of = tn_svc_vlan_of,
    .tenant_of_vlan = tn_svc_tenant_of_vlan,
    .watch = tn_svc_watch,
    .unwatch = tn_svc_unwatch,
};

/* ---- Admin API. -------------------------------------------------------- */

static const char *const tn_kind_names[] = {
    [TENANT_MEMBER_PORT] = "port",
    [TENANT_MEMBER_PORT_NAME] = "port_name",
    [TENANT_MEMBER_MAC] = "mac",
};

static struct fy_node *
tn_tenants_json(struct tenant_app *ta, struct json_writer *w)
{
    struct fy_node *root = json_map(w);
    struct fy_node *seq = json_seq(w);
    const struct tenant_policy *p = ta->policy;
    uint16_t lo, hi;
    for (size_t i = 0; i < tenant_policy_n_tenants(p); i++) {
        const struct tenant_policy_tenant *t = tenant_policy_tenant(p, i);
        struct fy_node *tm = json_map(w);
        struct fy_node *ms = json_seq(w);
        json_put_str(w, tm, "name", t->name);
        json_put_u64(w, tm, "vlan", t->vlan);
        json_put_bool(w, tm, "vlan_allocated", t->vlan_allocated);
        json_put_str(w, tm, "where", t->where);
        for (size_t j = 0; j < t->n_members; j++) {
            const struct tenant_policy_member *m = &t->members[j];
            struct fy_node *mm = json_map(w);
            char buf[32];
            json_put_str(w, mm, "kind", tn_kind_names[m->kind]);
            if (m->kind == TENANT_MEMBER_MAC) {
                snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x",
                         m->mac[0], m->mac[1], m->mac[2], m->mac[3],
                         m->mac[4], m->mac[5]);
                json_put_str(w, mm, "mac", buf);
            } else {
                json_put_dpid(w, mm, "dpid", m->dpid);
                if (m->port_name) {
                    json_put_str(w, mm, "port_name", m->port_name);
                }
                if (m->resolved) {
                    json_put_u64(w, mm, "port", m->port);
                }
                if (m->vlan) {
                    json_put_u64(w, mm, "vlan", m->vlan);
                }
            }
            json_put_bool(w, mm, "resolved", m->resolved);
            json_put_str(w, mm, "where", m->where);
            json_append(ms, mm);
        }
        json_put(w, tm, "members", ms);
        json_append(seq, tm);
    }
    json_put(w, root, "tenants", seq);
    const struct tenant_policy_tenant *d = tenant_policy_default(p);
    json_put(w, root, "default", d ? json_str(w, d->name) : json_null(w));
    tenant_policy_vlan_range(p, &lo, &hi);
    struct fy_node *range = json_seq(w);
    json_append(range, json_u64(w, lo));
    json_append(range, json_u64(w, hi));
    json_put(w, root, "vlan_range", range);
    json_put_str(w, root, "source", ta->source);
    struct fy_node *sws = json_seq(w);
    for (struct tn_switch *ts = ta->switches; ts; ts = ts->next) {
        struct fy_node *sm = json_map(w);
        json_put_dpid(w, sm, "dpid", ts->dpid);
        json_put_str(w, sm, "pipeline", ts->v10 ? "1.0: packet-in, bands"
                                                : "1.3: table 0");
        json_put_u64(w, sm, "flows", ts->v10 ? ts->n_fwd : ts->n_flows);
        json_put_str(w, sm, "status", ts->applying ? "applying"
                                      : ts->status ? ts->status : "in sync");
        json_put_u64(w, sm, "dropped_packets", ts->drop_packets);
        json_put_u64(w, sm, "dropped_bytes", ts->drop_bytes);
        json_append(sws, sm);
    }
    json_put(w, root, "switches", sws);
    struct fy_node *stats = json_map(w);
    json_put_u64(w, stats, "changes", ta->changes);
    json_put_u64(w, stats, "paths", ta->paths);
    json_put_u64(w, stats, "floods", ta->floods);
    json_put_u64(w, stats, "dropped_packet_ins", ta->dropped);
    json_put_u64(w, stats, "rollbacks", ta->rollbacks);
    json_put(w, root, "stats", stats);
    return root;
}

/* GET /v1/tenants */
static void
tn_http_get(void *ta_, struct canopy_http *h, const char *const params[])
{
    struct json_writer w;
    (void) params;
    json_init(&w);
    canopy_http_reply(h, 200, &w, tn_tenants_json(ta_, &w));
}

struct tn_plan {
    struct json_writer *w;
    struct fy_node *seq;
};

static void
tn_plan_change(void *plan_, struct canopy_switch *sw, const char *op,
               const struct ofp_flow_mod *fm)
{
    struct tn_plan *plan = plan_;
    struct json_writer *w = plan->w;
    struct fy_node *c = json_map(w);
    struct ds ds;
    json_put_dpid(w, c, "switch", canopy_switch_dpid(sw));
    json_put_str(w, c, "op", op);
    json_put_u64(w, c, "table", fm->table_id);
    json_put_u64(w, c, "priority", fm->priority);
    ds_init(&ds);
    ofp_match_format(&fm->match, &ds);
    json_put_str(w, c, "match", ds_cstr(&ds));
    ds_destroy(&ds);
    if (fm->cookie_mask) {
        /* A delete of this app's flows by cookie (the host adds the
         * owner bits). */
        char cookie[48];
        snprintf(cookie, sizeof cookie, "0x%012" PRIx64 "/0x%012" PRIx64,
                 fm->cookie, fm->cookie_mask);
        json_put_str(w, c, "cookie", cookie);
    }
    if (strcmp(op, "delete")) {
        ds_init(&ds);
        ofp_instructions_format(&fm->instructions, &ds);
        json_put_str(w, c, "instructions", ds_cstr(&ds));
        ds_destroy(&ds);
    }
    json_append(plan->seq, c);
}

/* The changes 'p' would make, as a JSON sequence of w's document. */
static struct fy_node *
tn_plan(struct tenant_app *ta, const struct tenant_policy *p,
        struct json_writer *w)
{
    struct tn_plan plan = { w, json_seq(w) };
    tn_plan_changes(ta, p, tn_plan_change, &plan);
    return plan.seq;
}

/* PUT /v1/tenants[?dry_run=1]: replaces the tenants with the body (the
 * app's settings, as JSON or YAML), validated whole first. */
static void
tn_http_put(void *ta_, struct canopy_http *h, const char *const params[])
{
    struct tenant_app *ta = ta_;
    struct ycfg *y;
    struct tenant_policy *p;
    (void) params;
    struct fy_node *body = canopy_http_body(h, &y);
    if (!body) {
        return;
    }
    if (!tenant_policy_parse(y, body, "", &p)) {
        canopy_http_error(h, 400, "invalid_tenants", "%s", ycfg_error(y));
        return;
    }
    char *errors = NULL;
    if (!tn_resolve_all(ta, p, &errors)) {
        canopy_http_error(h, 400, "invalid_tenants", "%.*s",
                          (int) (strlen(errors) - (*errors ? 1 : 0)), errors);
        free(errors);
        tenant_policy_destroy(p);
        return;
    }
    const char *dry = canopy_http_query(h, "dry_run");
    struct json_writer w;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    if (dry && strcmp(dry, "0") && strcmp(dry, "false")) {
        json_put_bool(&w, root, "dry_run", true);
        json_put_u64(&w, root, "differences",
                     tenant_policy_diff(ta->policy, p, NULL, NULL));
        json_put(&w, root, "plan", tn_plan(ta, p, &w));
        tenant_policy_destroy(p);
    } else {
        struct fy_node *plan = tn_plan(ta, p, &w);
        json_put_bool(&w, root, "dry_run", false);
        json_put_u64(&w, root, "differences", tn_apply(ta, p, "api"));
        json_put(&w, root, "applied", plan);
    }
    canopy_http_reply(h, 200, &w, root);
}

/* ---- Life cycle. ------------------------------------------------------- */

static void *
tn_create(struct canopy_app *app, struct ycfg *y, struct fy_node *settings)
{
    struct tenant_app *ta = xzalloc(sizeof *ta);
    ta->app = app;
    if (!tenant_policy_parse(y, settings, "settings", &ta->policy)) {
        canopy_log(app, CANOPY_LOG_ERR, "%s", ycfg_error(y));
        free(ta);
        return NULL;
    }
    ta->source = xstrdup("config");
    canopy_service_publish(app, TENANT_SERVICE_NAME, &tn_service, ta);
    canopy_http_route(app, "GET", "/v1/tenants", tn_http_get, ta);
    canopy_http_route(app, "PUT", "/v1/tenants", tn_http_put, ta);
    ta->stats_timer = canopy_timer_add(app, 2000, tn_stats_tick, ta);
    return ta;
}

static void
tn_destroy(void *ta_)
{
    struct tenant_app *ta = ta_;
    canopy_timer_cancel(ta->stats_timer);
    canopy_timer_cancel(ta->resync_timer);
    while (ta->switches) {
        struct tn_switch *ts = ta->switches;
        ta->switches = ts->next;
        tn_switch_free(ts);
    }
    tenant_policy_destroy(ta->policy);
    free(ta->source);
    free(ta->watches);
    free(ta);
}

const struct canopy_app_ops canopy_app = {
    .abi_version = CANOPY_APP_ABI_VERSION,
    .name = "tenant",
    .description = "tenant isolation: classification, tenant VLANs, "
                   "forwarding inside each tenant",
    .validate = tn_validate,
    .create = tn_create,
    .destroy = tn_destroy,
    .reconfigure = tn_reconfigure,
    .switch_up = tn_switch_up,
    .switch_down = tn_switch_down,
    .port_status = tn_port_status,
    .packet_in = tn_packet_in,
    .topology_changed = tn_topology_changed,
    .describe_cookie = tn_describe_cookie,
    .plan = tn_plan_reload,
    .error = tn_error,
    .barrier_reply = tn_barrier_reply,
    .check = tn_check,
};
