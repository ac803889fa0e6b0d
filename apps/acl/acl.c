/* acl: the ACL firewall (docs/acl.md).
 *
 * The policy model (acl_policy.h) says what is allowed; acl_flows.h turns
 * it into each switch's ACL table and the minimal ordered change from one
 * table to the next.  This file is the app around them:
 *
 *   - proactive flows on every switch at switch_up, after every policy
 *     change (reload, PUT /v1/acls), tenant change and topology change
 *     (link ports skip the ACL table: the ingress edge decides);
 *   - per switch the flows it believes installed; a change is sent as the
 *     diff, phase by phase with barriers, and checked: an error from the
 *     switch before the last barrier reply rolls that switch back to what
 *     it had (or, for conntrack flows the switch cannot take, to the
 *     policy without stateful rules), and GET /v1/acls says so;
 *   - a packet-in is decided by the policy (CANOPY_STOP on deny): on
 *     OpenFlow 1.0 that is the enforcement for allowed traffic's first
 *     packet;
 *   - per-rule counters from flow stats every few seconds;
 *   - GET/PUT /v1/acls, GET /v1/acls/counters, GET /v1/policy/check.
 *
 * Tenants come from the tenant app's service, looked up at time of use;
 * without the tenant app, tenant-scoped lists apply to nothing (warned
 * once). */
#include <config.h>

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/acl/acl_flows.h"
#include "apps/acl/acl_policy.h"
#include "apps/tenant/tenant_service.h"
#include "canopy/app.h"
#include "canopy/json.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

/* How often the per-rule counters are read from the switches. */
#define ACL_POLL_MS 2000
/* Most packet-in log lines per second for rules with log: true. */
#define ACL_LOG_PER_SEC 20
/* Most errors of one batch spelled out in the status and the log; the
 * rest are counted ("and 79 more"). */
#define ACL_ERRORS_SHOWN 3

/* One flow change in flight, until the batch's last barrier reply. */
struct acl_sent {
    uint32_t xid;
    struct acl_op op;
    bool failed;
};

/* A counter entry read from a switch. */
struct acl_stat {
    uint64_t cookie;            /* Low 48 bits. */
    uint64_t packets, bytes;
};

struct acl_switch {
    struct acl *acl;
    struct canopy_switch *sw;
    uint64_t dpid;
    struct acl_flows installed; /* What the switch has, as far as known. */
    struct acl_flows target;    /* What the batch in flight makes. */
    struct acl_flows before;    /* What it had before the change (kept
                                 * across a retry without conntrack): what
                                 * a rollback restores. */
    bool busy;                  /* A batch is in flight. */
    bool again;                 /* Something changed meanwhile. */
    bool rollback;              /* The batch in flight is a rollback. */
    bool ct_retry;              /* It retries the change without
                                 * conntrack: 'before' stays. */
    bool swept;                 /* Stale flows of ours were removed. */
    struct acl_sent *sent;
    size_t n_sent, allocated_sent;
    uint32_t barrier_xid;
    struct ds errors;           /* Errors of the batch in flight. */
    size_t n_errors;            /* How many ('errors' shows a few). */
    char *status;               /* For GET /v1/acls; owned. */
    unsigned long long held_gen;/* Policy generation refused: hold it. */
    bool no_conntrack;          /* The switch refused conntrack flows. */
    bool polling;
    struct acl_stat *stats, *collect;
    size_t n_stats, n_collect;
    struct acl_switch *next;
};

/* Packet-ins a rule stopped. */
struct acl_drop {
    uint64_t cookie_id;         /* Rule id, or list id for defaults. */
    uint64_t count;
};

struct acl {
    struct canopy_app *app;
    struct acl_policy *policy;  /* In force; owned. */
    struct acl_ids *ids;        /* Its ids; owned. */
    struct acl_policy *file_policy;   /* The config's, for reloads, while
                                       * 'from_api'; else NULL: the
                                       * config's is 'policy'. */
    bool from_api;              /* 'policy' came from PUT /v1/acls. */
    unsigned long long gen;     /* Bumped at every policy change. */
    struct acl_switch *switches;
    struct canopy_timer *poll;
    bool watching;              /* Registered with the tenant service. */
    bool warned_no_tenant;
    uint64_t packet_ins_denied, packet_ins_allowed;
    struct acl_drop *drops;
    size_t n_drops;
    uint64_t log_second, log_count;
};

static void acl_sync(struct acl *, struct acl_switch *);
static canopy_flow_stats_cb acl_sweep_cb;
static void acl_sync_all(struct acl *);

/* ---- Policy. ------------------------------------------------------------ */

/* Parses and checks 'settings'; on error records it in 'y'. */
static bool
acl_parse(struct ycfg *y, struct fy_node *settings, const char *path,
          struct acl_policy **out)
{
    if (!acl_policy_parse(y, settings, path, NULL, out)) {
        return false;
    }
    struct ds why = DS_EMPTY_INITIALIZER;
    if (!acl_flows_check(*out, &why)) {
        ycfg_fail(y, settings, path, "%s", ds_cstr(&why));
        ds_destroy(&why);
        acl_policy_destroy(*out);
        *out = NULL;
        return false;
    }
    ds_destroy(&why);
    return true;
}

static bool
acl_validate(struct ycfg *y, struct fy_node *settings, const char *path)
{
    struct acl_policy *p;
    if (!acl_parse(y, settings, path, &p)) {
        return false;
    }
    acl_policy_destroy(p);
    return true;
}

static void
acl_log_lint(struct acl *acl, const struct acl_policy *p)
{
    struct ds lint = DS_EMPTY_INITIALIZER;
    if (acl_policy_lint(p, &lint)) {
        ds_chomp(&lint, "\n");
        canopy_log(acl->app, CANOPY_LOG_WARN, "policy warnings:\n%s",
                   ds_cstr(&lint));
    }
    ds_destroy(&lint);
}

/* Makes 'p' the policy in force (taking it) and brings every switch to
 * it.  The config's policy is kept for reloads, once: 'policy' while it is
 * in force, 'file_policy' while the API's is. */
static void
acl_set_policy(struct acl *acl, struct acl_policy *p, bool from_api)
{
    struct acl_ids *ids = acl_ids_create(p, acl->policy, acl->ids);
    acl_ids_destroy(acl->ids);
    if (from_api && !acl->from_api) {
        acl->file_policy = acl->policy;
    } else {
        acl_policy_destroy(acl->policy);
    }
    if (!from_api) {
        acl_policy_destroy(acl->file_policy);
        acl->file_policy = NULL;
    }
    acl->policy = p;
    acl->ids = ids;
    acl->from_api = from_api;
    acl->gen++;
    acl->n_drops = 0;
    acl_sync_all(acl);
}

/* "body:3:5" of a policy from the API reads "api:3:5". */
static const char *
acl_where(const struct acl *acl, const char *where, char *buf, size_t size)
{
    if (acl->from_api && !strncmp(where, "body:", 5)) {
        snprintf(buf, size, "api:%s", where + 5);
        return buf;
    }
    return where;
}

/* ---- Tenants. ----------------------------------------------------------- */

static void
acl_tenants_changed(void *acl_)
{
    acl_sync_all(acl_);
}

static bool
acl_policy_has_tenants(const struct acl_policy *p)
{
    for (size_t i = 0; i < p->n_apply; i++) {
        if (p->apply[i].scope == ACL_SCOPE_TENANT) {
            return true;
        }
    }
    return false;
}

/* The tenant service, or NULL (then tenant-scoped lists apply to
 * nothing, which is said once). */
static const struct tenant_service *
acl_tenants(struct acl *acl, void **state)
{
    const struct tenant_service *ts
        = canopy_service_find(acl->app, TENANT_SERVICE_NAME, state);
    if (ts && ts->version != TENANT_SERVICE_VERSION) {
        ts = NULL;
    }
    if (ts && !acl->watching && ts->watch) {
        ts->watch(*state, acl_tenants_changed, acl);
        acl->watching = true;
    }
    if (!ts && !acl->warned_no_tenant && acl_policy_has_tenants(acl->policy)) {
        acl->warned_no_tenant = true;
        canopy_log(acl->app, CANOPY_LOG_WARN, "no tenant app is loaded: "
                   "the lists applied to tenants apply to nothing");
    }
    return ts;
}

struct acl_vlan_aux {
    const struct tenant_service *ts;
    void *state;
};

static bool
acl_tenant_vlan(void *aux_, const char *name, uint16_t *vlan)
{
    struct acl_vlan_aux *aux = aux_;
    return aux->ts->vlan_of(aux->state, name, vlan);
}

/* ---- Switches. ---------------------------------------------------------- */

static struct acl_switch *
acl_switch_get(struct acl *acl, uint64_t dpid)
{
    for (struct acl_switch *as = acl->switches; as; as = as->next) {
        if (as->dpid == dpid) {
            return as;
        }
    }
    return NULL;
}

static void
acl_set_status(struct acl_switch *as, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
acl_set_status(struct acl_switch *as, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    free(as->status);
    as->status = ds_steal(&ds);
}

static void
acl_add_error(struct acl_switch *as, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Notes one error of the batch in flight; only the first few are spelled
 * out (see acl_end_errors()). */
static void
acl_add_error(struct acl_switch *as, const char *fmt, ...)
{
    if (++as->n_errors > ACL_ERRORS_SHOWN) {
        return;
    }
    va_list args;
    va_start(args, fmt);
    if (as->errors.length) {
        ds_put_cstr(&as->errors, "; ");
    }
    ds_put_vformat(&as->errors, fmt, args);
    va_end(args);
}

/* Completes the errors of the batch that ended with the count of those
 * not spelled out. */
static void
acl_end_errors(struct acl_switch *as)
{
    if (as->n_errors > ACL_ERRORS_SHOWN) {
        ds_put_format(&as->errors, "; and %zu more",
                      as->n_errors - ACL_ERRORS_SHOWN);
    }
    as->n_errors = 0;
}

/* Appends to 'out' what made the flows of cookie low bits 'bits' under 'p'
 * and 'ids' (acl_flows_describe()), with positions in a body of PUT
 * /v1/acls written "api:LINE:COL" if 'from_api'. */
static bool
acl_describe(const struct acl_policy *p, const struct acl_ids *ids,
             bool from_api, uint64_t bits, struct ds *out)
{
    struct ds d = DS_EMPTY_INITIALIZER;
    bool ok = acl_flows_describe(p, ids, bits, &d);
    const char *text = ds_cstr(&d);
    const char *body = from_api ? strstr(text, "(body:") : NULL;
    if (body) {
        ds_put_format(out, "%.*s", (int) (body - text), text);
        ds_put_format(out, "(api:%s", body + 6);
    } else {
        ds_put_cstr(out, text);
    }
    ds_destroy(&d);
    return ok;
}

/* The flows 'p' (ids 'ids') gives switch 'as'. */
static void
acl_compute(struct acl *acl, struct acl_switch *as,
            const struct acl_policy *p, const struct acl_ids *ids,
            struct acl_flows *out)
{
    struct canopy_switch *sw = as->sw;
    size_t n_ports;
    const struct ofp_port *ports = canopy_switch_ports(sw, &n_ports);
    uint32_t *links = xmalloc((n_ports + 1) * sizeof *links);
    uint32_t *all = xmalloc((n_ports + 1) * sizeof *all);
    size_t n_links = 0;
    for (size_t i = 0; i < n_ports; i++) {
        uint32_t port = ports[i].port_no;
        all[i] = port;
        if (port <= OFPP_MAX
            && !canopy_topo_edge_port(acl->app, as->dpid, port)) {
            links[n_links++] = port;
        }
    }
    struct acl_vlan_aux aux;
    aux.ts = acl_tenants(acl, &aux.state);
    struct acl_switch_view view = {
        .dpid = as->dpid,
        .version = canopy_switch_version(sw),
        .conntrack = !as->no_conntrack,
        .links = links,
        .n_links = n_links,
        .ports = all,
        .n_ports = n_ports,
        .tenant_vlan = aux.ts ? acl_tenant_vlan : NULL,
        .aux = &aux,
    };
    acl_flows_compute(p, ids, &view, out);
    free(links);
    free(all);
}

static void
acl_sent_push(struct acl_switch *as, uint32_t xid, const struct acl_op *op)
{
    if (as->n_sent == as->allocated_sent) {
        as->allocated_sent = as->allocated_sent ? as->allocated_sent * 2 : 64;
        as->sent = xrealloc(as->sent, as->allocated_sent * sizeof *as->sent);
    }
    as->sent[as->n_sent++] = (struct acl_sent) { xid, *op, false };
}

/* Sends the change from 'installed' to 'target', phase by phase with a
 * barrier after each (a switch may reorder messages between barriers).
 * Returns false if nothing needed sending. */
static bool
acl_send_diff(struct acl *acl, struct acl_switch *as)
{
    struct canopy_switch *sw = as->sw;
    struct acl_diff diff;
    acl_flows_diff(&as->installed, &as->target, &diff);
    if (!diff.n) {
        acl_diff_destroy(&diff);
        return false;
    }
    uint8_t table = canopy_table_acl(sw), forward = canopy_table_forward(sw);
    as->n_sent = 0;
    ds_clear(&as->errors);
    as->n_errors = 0;
    size_t adds = 0, mods = 0, dels = 0;
    for (size_t i = 0; i < diff.n; i++) {
        const struct acl_op *op = &diff.ops[i];
        struct ofp_flow_mod fm;
        struct ofp_action acts[2];
        uint32_t xid;
        if (i && op->phase != diff.ops[i - 1].phase) {
            canopy_barrier(acl->app, sw, NULL);
        }
        acl_op_flow_mod(op, table, forward, &fm, acts);
        enum ofperr err = canopy_flow_mod_xid(acl->app, sw, &fm, &xid);
        if (err) {
            acl_add_error(as, "%s of priority %u not sent: %s",
                          acl_op_name(op->kind), op->flow.priority,
                          ofperr_name(err));
            acl_sent_push(as, 0, op);
            as->sent[as->n_sent - 1].failed = true;
            continue;
        }
        acl_sent_push(as, xid, op);
        adds += op->kind == ACL_OP_ADD;
        mods += op->kind == ACL_OP_MODIFY;
        dels += op->kind == ACL_OP_DELETE;
    }
    acl_diff_destroy(&diff);
    if (canopy_barrier(acl->app, sw, &as->barrier_xid)) {
        as->barrier_xid = 0;
    }
    as->busy = true;
    acl_set_status(as, "applying: %zu adds, %zu modifies, %zu deletes", adds,
                   mods, dels);
    canopy_log(acl->app, CANOPY_LOG_INFO, "dpid %016llx: %s%zu adds, %zu "
               "modifies, %zu deletes", (unsigned long long) as->dpid,
               as->rollback ? "rolling back: " : "", adds, mods, dels);
    return true;
}

/* Brings 'as' to the policy in force, unless a batch is in flight (then
 * after it). */
static void
acl_sync(struct acl *acl, struct acl_switch *as)
{
    if (as->busy) {
        as->again = true;
        return;
    }
    as->again = false;
    if (as->held_gen == acl->gen) {
        return;                 /* This policy failed here: keep the old. */
    }
    acl_compute(acl, as, acl->policy, acl->ids, &as->target);
    if (!as->ct_retry) {
        /* A new change: a rollback goes back to this.  A retry without
         * conntrack continues the change and keeps what it had. */
        acl_flows_copy(&as->before, &as->installed);
    }
    as->rollback = false;
    if (!acl_send_diff(acl, as)) {
        acl_set_status(as, "in sync");
    }
}

static void
acl_sync_all(struct acl *acl)
{
    for (struct acl_switch *as = acl->switches; as; as = as->next) {
        acl_sync(acl, as);
    }
}

/* The names and positions of the stateful rules, for log lines. */
static void
acl_stateful_rules(const struct acl *acl, struct ds *out)
{
    const struct acl_policy *p = acl->policy;
    char buf[128];
    for (size_t i = 0; i < p->n_lists; i++) {
        const struct acl_list *l = &p->lists[i];
        for (size_t r = 0; r < l->n_rules; r++) {
            if (l->rules[r].flags & ACL_RULE_STATEFUL) {
                ds_put_format(out, "%slists.%s.rules[%zu] (%s)",
                              out->length ? ", " : "", l->name, r,
                              acl_where(acl, l->rules[r].where, buf,
                                        sizeof buf));
            }
        }
    }
}

/* The batch in flight ended with its last barrier reply (or could not
 * send its barrier). */
static void
acl_batch_done(struct acl *acl, struct acl_switch *as)
{
    as->busy = false;
    acl_end_errors(as);
    as->ct_retry = false;
    struct acl_batch_outcome o = {
        .rollback = as->rollback,
        .no_conntrack = as->no_conntrack,
    };
    for (size_t i = 0; i < as->n_sent; i++) {
        const struct acl_sent *s = &as->sent[i];
        if (s->failed) {
            o.n_failed++;
            o.n_ct_failed += acl_op_is_conntrack(&s->op);
        }
    }
    enum acl_batch_next next = acl_batch_decide(&o);
    if (next == ACL_NEXT_DONE) {
        acl_flows_copy(&as->installed, &as->target);
        if (as->rollback) {
            acl_set_status(as, "rolled back to the previous policy: %s",
                           as->errors.length ? ds_cstr(&as->errors) : "?");
            canopy_log(acl->app, CANOPY_LOG_WARN, "dpid %016llx: %s; it "
                       "keeps it until the next policy change",
                       (unsigned long long) as->dpid, as->status);
        } else {
            acl_set_status(as, "in sync");
        }
        if (!as->swept && !as->rollback) {
            as->swept = !canopy_flow_stats(acl->app, as->sw,
                                           canopy_table_acl(as->sw),
                                           acl_sweep_cb, as);
        }
        if (as->again) {
            acl_sync(acl, as);
        }
        return;
    }
    /* What the switch has now: the target, minus what failed. */
    acl_flows_copy(&as->installed, &as->target);
    for (size_t i = 0; i < as->n_sent; i++) {
        if (as->sent[i].failed) {
            acl_flows_undo(&as->installed, &as->sent[i].op);
        }
    }

    if (next == ACL_NEXT_INCONSISTENT) {
        acl_set_status(as, "inconsistent: the rollback failed too (%s); the "
                       "switch has part of each policy", ds_cstr(&as->errors));
        canopy_log(acl->app, CANOPY_LOG_ERR, "dpid %016llx: %s",
                   (unsigned long long) as->dpid, as->status);
        as->held_gen = acl->gen;
        return;
    }
    if (next == ACL_NEXT_RETRY_NO_CT) {
        struct ds rules = DS_EMPTY_INITIALIZER;
        acl_stateful_rules(acl, &rules);
        canopy_log(acl->app, CANOPY_LOG_ERR, "dpid %016llx refused the "
                   "conntrack flows (%s): the stateful rules %s are left "
                   "out there, so their return traffic is refused; the rest "
                   "of the policy applies", (unsigned long long) as->dpid,
                   ds_cstr(&as->errors), ds_cstr(&rules));
        ds_destroy(&rules);
        as->no_conntrack = true;
        /* The same change goes on: 'before' stays what the switch had
         * before it, for a rollback if the retry fails too. */
        as->ct_retry = true;
        acl_sync(acl, as);
        if (!as->busy) {
            as->ct_retry = false;
        }
        return;
    }
    /* Other flows were refused (perhaps with conntrack ones): the policy
     * does not fit this switch whatever conntrack does.  Back to exactly
     * what it had before the change, conntrack or not; a later change
     * tries conntrack again. */
    canopy_log(acl->app, CANOPY_LOG_ERR, "dpid %016llx refused the policy "
               "change (%s): rolling back", (unsigned long long) as->dpid,
               ds_cstr(&as->errors));
    as->held_gen = acl->gen;
    acl_flows_copy(&as->target, &as->before);
    as->rollback = true;
    struct ds keep = DS_EMPTY_INITIALIZER;
    ds_put_cstr(&keep, ds_cstr(&as->errors));
    if (!acl_send_diff(acl, as)) {
        acl_set_status(as, "rolled back to the previous policy: %s",
                       ds_cstr(&keep));
    } else {
        ds_clear(&as->errors);
        ds_put_cstr(&as->errors, ds_cstr(&keep));
    }
    ds_destroy(&keep);
}

static void
acl_error(void *acl_, struct canopy_switch *sw, uint32_t xid,
          const struct ofp_error_msg *err)
{
    struct acl *acl = acl_;
    struct acl_switch *as = acl_switch_get(acl, canopy_switch_dpid(sw));
    if (!as) {
        return;
    }
    for (size_t i = 0; i < as->n_sent; i++) {
        struct acl_sent *s = &as->sent[i];
        if (s->xid == xid && !s->failed) {
            s->failed = true;
            struct ds d = DS_EMPTY_INITIALIZER;
            char name[96];
            if (!acl_describe(acl->policy, acl->ids, acl->from_api,
                              s->op.flow.cookie, &d)) {
                ds_put_cstr(&d, "?");
            }
            if (err->err) {
                snprintf(name, sizeof name, "%s", ofperr_name(err->err));
            } else if (err->type == 0xffff) {
                /* Open vSwitch says "no conntrack in this datapath" with
                 * a Nicira extension error (experimenter 0x2320). */
                snprintf(name, sizeof name, "experimenter 0x%08x error %u",
                         (unsigned int) err->experimenter, err->exp_type);
            } else {
                snprintf(name, sizeof name, "error type %u code %u",
                         err->type, err->code);
            }
            acl_add_error(as, "%s of priority %u (%s): %s",
                          acl_op_name(s->op.kind), s->op.flow.priority,
                          ds_cstr(&d), name);
            ds_destroy(&d);
            return;
        }
    }
}

static void
acl_barrier_reply(void *acl_, struct canopy_switch *sw, uint32_t xid)
{
    struct acl *acl = acl_;
    struct acl_switch *as = acl_switch_get(acl, canopy_switch_dpid(sw));
    if (as && as->busy && xid == as->barrier_xid) {
        acl_batch_done(acl, as);
    }
}

/* ---- Counters. ---------------------------------------------------------- */

static void
acl_stats_cb(void *as_, struct canopy_switch *sw,
             enum canopy_stats_status status,
             const struct ofp_flow_stats *e, size_t n)
{
    struct acl_switch *as = as_;
    (void) sw;
    if (status != CANOPY_STATS_PART && status != CANOPY_STATS_DONE) {
        as->polling = false;
        as->n_collect = 0;
        return;
    }
    as->collect = xrealloc(as->collect, (as->n_collect + n + 1)
                                        * sizeof *as->collect);
    for (size_t i = 0; i < n; i++) {
        as->collect[as->n_collect++] = (struct acl_stat) {
            e[i].cookie & ~CANOPY_COOKIE_OWNER_MASK, e[i].packet_count,
            e[i].byte_count,
        };
    }
    if (status == CANOPY_STATS_DONE) {
        struct acl_stat *t = as->stats;
        as->stats = as->collect;
        as->n_stats = as->n_collect;
        as->collect = t;
        as->n_collect = 0;
        as->polling = false;
    }
}

static void
acl_poll(void *acl_)
{
    struct acl *acl = acl_;
    for (struct acl_switch *as = acl->switches; as; as = as->next) {
        if (!as->polling
            && !canopy_flow_stats(acl->app, as->sw,
                                  canopy_table_acl(as->sw), acl_stats_cb,
                                  as)) {
            as->polling = true;
        }
    }
}

/* Sums of the counters of the flows of rule (or list) id 'id' over every
 * switch, for cookie kinds 'k1' or 'k2'. */
static void
acl_sum(const struct acl *acl, uint32_t id, enum acl_cookie_kind k1,
        enum acl_cookie_kind k2, uint64_t *packets, uint64_t *bytes)
{
    *packets = *bytes = 0;
    for (const struct acl_switch *as = acl->switches; as; as = as->next) {
        for (size_t i = 0; i < as->n_stats; i++) {
            enum acl_cookie_kind k = acl_cookie_kind(as->stats[i].cookie);
            if ((k == k1 || k == k2)
                && acl_cookie_id(as->stats[i].cookie) == id) {
                *packets += as->stats[i].packets;
                *bytes += as->stats[i].bytes;
            }
        }
    }
}

static uint64_t
acl_drops_of(const struct acl *acl, uint64_t id)
{
    for (size_t i = 0; i < acl->n_drops; i++) {
        if (acl->drops[i].cookie_id == id) {
            return acl->drops[i].count;
        }
    }
    return 0;
}

static void
acl_count_drop(struct acl *acl, uint64_t id)
{
    for (size_t i = 0; i < acl->n_drops; i++) {
        if (acl->drops[i].cookie_id == id) {
            acl->drops[i].count++;
            return;
        }
    }
    acl->drops = xrealloc(acl->drops, (acl->n_drops + 1) * sizeof *acl->drops);
    acl->drops[acl->n_drops++] = (struct acl_drop) { id, 1 };
}

/* ---- Life cycle of switches. --------------------------------------------- */

/* Removes flows of ours that the policy does not have (left by an earlier
 * run of canopyd) once the switch has the policy's. */
static void
acl_sweep_cb(void *as_, struct canopy_switch *sw,
             enum canopy_stats_status status,
             const struct ofp_flow_stats *e, size_t n)
{
    struct acl_switch *as = as_;
    if (status != CANOPY_STATS_PART && status != CANOPY_STATS_DONE) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        struct acl_flow f;
        memset(&f, 0, sizeof f);
        f.match = e[i].match;
        f.priority = e[i].priority;
        if (acl_flows_find(&as->installed, &f)
            || acl_flows_find(&as->target, &f)) {
            continue;
        }
        struct ofp_flow_mod fm;
        ofp_flow_mod_init(&fm, OFPFC_DELETE_STRICT, e[i].table_id);
        fm.priority = e[i].priority;
        fm.match = e[i].match;
        fm.cookie = e[i].cookie & ~CANOPY_COOKIE_OWNER_MASK;
        canopy_flow_mod(as->acl->app, sw, &fm);
    }
}

static void
acl_switch_up(void *acl_, struct canopy_switch *sw)
{
    struct acl *acl = acl_;
    struct acl_switch *as = xzalloc(sizeof *as);
    as->acl = acl;
    as->sw = sw;
    as->dpid = canopy_switch_dpid(sw);
    acl_flows_init(&as->installed);
    acl_flows_init(&as->target);
    acl_flows_init(&as->before);
    ds_init(&as->errors);
    as->next = acl->switches;
    acl->switches = as;
    if (canopy_switch_version(sw) != OFP13_VERSION
        && acl_policy_has_stateful(acl->policy)) {
        struct ds rules = DS_EMPTY_INITIALIZER;
        acl_stateful_rules(acl, &rules);
        canopy_log(acl->app, CANOPY_LOG_ERR, "dpid %016llx speaks OpenFlow "
                   "1.0, which has no connection tracking: the stateful "
                   "rules %s are left out there, so their return traffic is "
                   "refused; the rest of the policy applies",
                   (unsigned long long) as->dpid, ds_cstr(&rules));
        ds_destroy(&rules);
        as->no_conntrack = true;
    }
    acl_sync(acl, as);
    if (!acl->poll) {
        acl->poll = canopy_timer_add(acl->app, ACL_POLL_MS, acl_poll, acl);
    }
}

static void
acl_switch_free(struct acl_switch *as)
{
    acl_flows_destroy(&as->installed);
    acl_flows_destroy(&as->target);
    acl_flows_destroy(&as->before);
    ds_destroy(&as->errors);
    free(as->sent);
    free(as->status);
    free(as->stats);
    free(as->collect);
    free(as);
}

static void
acl_switch_down(void *acl_, struct canopy_switch *sw)
{
    struct acl *acl = acl_;
    uint64_t dpid = canopy_switch_dpid(sw);
    for (struct acl_switch **p = &acl->switches; *p; p = &(*p)->next) {
        if ((*p)->dpid == dpid) {
            struct acl_switch *as = *p;
            *p = as->next;
            acl_switch_free(as);
            return;
        }
    }
}

static void
acl_topology_changed(void *acl_)
{
    acl_sync_all(acl_);
}

/* ---- Packet-ins. ------------------------------------------------------- */

/* The tenant of a packet-in, or NULL. */
static const char *
acl_packet_tenant(struct acl *acl, const struct canopy_packet_in *ev)
{
    void *state;
    const struct tenant_service *ts = acl_tenants(acl, &state);
    const struct pkt_info *p = ev->pkt;
    if (!ts) {
        return NULL;
    }
    uint16_t vlan = p->n_vlans ? p->vlans[0].vid : 0;
    if (canopy_switch_version(ev->sw) == OFP13_VERSION) {
        /* Table 0 tagged the frame with its tenant's VLAN already. */
        return vlan ? ts->tenant_of_vlan(state, vlan) : NULL;
    }
    uint16_t tv;
    return ts->classify(state, canopy_switch_dpid(ev->sw), ev->in_port, vlan,
                        p->eth_src, &tv);
}

static bool
acl_log_allowed(struct acl *acl)
{
    uint64_t second = canopy_now_ms() / 1000;
    if (second != acl->log_second) {
        acl->log_second = second;
        acl->log_count = 0;
    }
    return acl->log_count++ < ACL_LOG_PER_SEC;
}

static enum canopy_verdict
acl_packet_in(void *acl_, const struct canopy_packet_in *ev)
{
    struct acl *acl = acl_;
    uint64_t dpid = canopy_switch_dpid(ev->sw);
    if (!(ev->pkt->flags & PKT_F_ETH)
        || !canopy_topo_edge_port(acl->app, dpid, ev->in_port)) {
        /* Over a link: the ingress edge decided. */
        return CANOPY_CONTINUE;
    }
    const char *tenant = acl_packet_tenant(acl, ev);
    const struct ofp_match *pkt = canopy_packet_flow(ev);
    struct acl_verdict v = acl_policy_check(acl->policy, tenant, dpid,
                                            ev->in_port, pkt);
    if (v.action == ACL_ALLOW) {
        acl->packet_ins_allowed++;
        return CANOPY_CONTINUE;
    }
    struct acl_switch *as = acl_switch_get(acl, dpid);
    if (as && canopy_switch_version(ev->sw) == OFP13_VERSION
        && !as->no_conntrack && acl_policy_has_stateful(acl->policy)
        && ofp_match_has(pkt, OFPF_IP_PROTO)) {
        /* On 1.3 the ACL table let this packet through already: it may be
         * return traffic that conntrack knows, which the policy alone
         * cannot tell. */
        acl->packet_ins_allowed++;
        return CANOPY_CONTINUE;
    }
    acl->packet_ins_denied++;
    size_t li = v.list ? (size_t) (v.list - acl->policy->lists) : SIZE_MAX;
    uint64_t id = !v.list ? 0
                  : v.rule == ACL_POLICY_DEFAULT ? acl_ids_list(acl->ids, li)
                  : acl_ids_rule(acl->ids, li, v.rule);
    acl_count_drop(acl, id);
    if (v.list && v.rule != ACL_POLICY_DEFAULT
        && v.list->rules[v.rule].flags & ACL_RULE_LOG
        && acl_log_allowed(acl)) {
        struct ds m = DS_EMPTY_INITIALIZER;
        ofp_match_format(pkt, &m);
        canopy_log(acl->app, CANOPY_LOG_INFO, "denied by lists.%s.rules[%zu] "
                   "(%s) on dpid %016llx: %s", v.list->name, v.rule,
                   v.list->rules[v.rule].where, (unsigned long long) dpid,
                   ds_cstr(&m));
        ds_destroy(&m);
    }
    return CANOPY_STOP;
}

/* ---- JSON. ------------------------------------------------------------- */

static struct fy_node *
acl_rule_node(struct acl *acl, struct json_writer *w, size_t li, size_t r)
{
    const struct acl_list *l = &acl->policy->lists[li];
    const struct acl_rule *rule = &l->rules[r];
    char buf[128];
    struct fy_node *n = json_map(w);
    json_put_u64(w, n, "index", r);
    json_put_str(w, n, "action", acl_action_name(rule->action));
    struct fy_node *matches = json_seq(w);
    for (size_t m = 0; m < rule->n_matches; m++) {
        struct ds d = DS_EMPTY_INITIALIZER;
        ofp_match_format(&rule->matches[m], &d);
        json_append(matches, json_str(w, ds_cstr(&d)));
        ds_destroy(&d);
    }
    json_put(w, n, "matches", matches);
    json_put_bool(w, n, "stateful", rule->flags & ACL_RULE_STATEFUL);
    json_put_bool(w, n, "log", rule->flags & ACL_RULE_LOG);
    json_put_str(w, n, "where", acl_where(acl, rule->where, buf, sizeof buf));
    uint64_t packets, bytes;
    acl_sum(acl, acl_ids_rule(acl->ids, li, r), ACL_CK_RULE, ACL_CK_RULE,
            &packets, &bytes);
    json_put_u64(w, n, "packets", packets);
    json_put_u64(w, n, "bytes", bytes);
    json_put_u64(w, n, "packet_ins_denied",
                 acl_drops_of(acl, acl_ids_rule(acl->ids, li, r)));
    return n;
}

static struct fy_node *
acl_policy_node(struct acl *acl, struct json_writer *w)
{
    const struct acl_policy *p = acl->policy;
    char buf[128];
    struct fy_node *root = json_map(w);
    json_put_str(w, root, "source", acl->from_api ? "api" : "config");
    json_put_str(w, root, "default", acl_action_name(p->default_action));
    struct fy_node *lists = json_seq(w);
    for (size_t i = 0; i < p->n_lists; i++) {
        const struct acl_list *l = &p->lists[i];
        struct fy_node *ln = json_map(w);
        json_put_str(w, ln, "name", l->name);
        json_put_str(w, ln, "default", acl_action_name(l->default_action));
        json_put_str(w, ln, "where", acl_where(acl, l->where, buf,
                                               sizeof buf));
        struct fy_node *rules = json_seq(w);
        for (size_t r = 0; r < l->n_rules; r++) {
            json_append(rules, acl_rule_node(acl, w, i, r));
        }
        json_put(w, ln, "rules", rules);
        uint64_t packets, bytes;
        acl_sum(acl, acl_ids_list(acl->ids, i), ACL_CK_PORT_DEFAULT,
                ACL_CK_TENANT_DEFAULT, &packets, &bytes);
        uint64_t gp, gb;
        acl_sum(acl, acl_ids_list(acl->ids, i), ACL_CK_GLOBAL_DEFAULT,
                ACL_CK_GLOBAL_DEFAULT, &gp, &gb);
        json_put_u64(w, ln, "default_packets", packets + gp);
        json_put_u64(w, ln, "default_bytes", bytes + gb);
        json_append(lists, ln);
    }
    json_put(w, root, "lists", lists);
    struct fy_node *apply = json_seq(w);
    for (size_t i = 0; i < p->n_apply; i++) {
        const struct acl_apply *a = &p->apply[i];
        struct fy_node *an = json_map(w);
        json_put_str(w, an, "list", a->list->name);
        json_put_str(w, an, "scope", a->scope == ACL_SCOPE_PORT ? "port"
                                     : a->scope == ACL_SCOPE_TENANT ? "tenant"
                                                                    : "global");
        if (a->scope == ACL_SCOPE_TENANT) {
            json_put_str(w, an, "tenant", a->tenant);
        } else if (a->scope == ACL_SCOPE_PORT) {
            json_put_dpid(w, an, "dpid", a->dpid);
            json_put_u64(w, an, "port", a->port);
        }
        json_put_str(w, an, "where", acl_where(acl, a->where, buf,
                                               sizeof buf));
        json_append(apply, an);
    }
    json_put(w, root, "apply", apply);
    struct fy_node *sws = json_seq(w);
    for (const struct acl_switch *as = acl->switches; as; as = as->next) {
        struct fy_node *sn = json_map(w);
        json_put_dpid(w, sn, "dpid", as->dpid);
        json_put_u64(w, sn, "flows", as->installed.n);
        json_put_str(w, sn, "status", as->status ? as->status : "?");
        json_put_bool(w, sn, "conntrack",
                      canopy_switch_version(as->sw) == OFP13_VERSION
                      && !as->no_conntrack);
        json_append(sws, sn);
    }
    json_put(w, root, "switches", sws);
    uint64_t pp, pb;
    acl_sum(acl, 0, ACL_CK_POLICY_DEFAULT, ACL_CK_POLICY_DEFAULT, &pp, &pb);
    json_put_u64(w, root, "default_packets", pp);
    json_put_u64(w, root, "packet_ins_denied", acl->packet_ins_denied);
    return root;
}

/* GET /v1/acls */
static void
acl_http_get(void *acl_, struct canopy_http *h, const char *const params[])
{
    struct acl *acl = acl_;
    struct json_writer w;
    (void) params;
    json_init(&w);
    canopy_http_reply(h, 200, &w, acl_policy_node(acl, &w));
}

/* GET /v1/acls/counters */
static void
acl_http_counters(void *acl_, struct canopy_http *h,
                  const char *const params[])
{
    struct acl *acl = acl_;
    const struct acl_policy *p = acl->policy;
    struct json_writer w;
    char buf[128];
    (void) params;
    json_init(&w);
    struct fy_node *list = json_seq(&w);
    for (size_t i = 0; i < p->n_lists; i++) {
        for (size_t r = 0; r < p->lists[i].n_rules; r++) {
            uint64_t packets, bytes;
            uint32_t id = acl_ids_rule(acl->ids, i, r);
            acl_sum(acl, id, ACL_CK_RULE, ACL_CK_RULE, &packets, &bytes);
            struct fy_node *n = json_map(&w);
            json_put_str(&w, n, "list", p->lists[i].name);
            json_put_u64(&w, n, "rule", r);
            json_put_str(&w, n, "where", acl_where(acl,
                                                   p->lists[i].rules[r].where,
                                                   buf, sizeof buf));
            json_put_u64(&w, n, "packets", packets);
            json_put_u64(&w, n, "bytes", bytes);
            json_put_u64(&w, n, "packet_ins_denied", acl_drops_of(acl, id));
            json_append(list, n);
        }
    }
    canopy_http_reply(h, 200, &w, list);
}

/* Appends to 'list' one entry per flow change switch 'as' would get from
 * 'p' (ids 'ids'); returns how many. */
static size_t
acl_plan_switch(struct acl *acl, struct acl_switch *as,
                const struct acl_policy *p, const struct acl_ids *ids,
                struct json_writer *w, struct fy_node *list,
                struct canopy_plan *plan)
{
    struct acl_flows target;
    struct acl_diff diff;
    acl_flows_init(&target);
    acl_compute(acl, as, p, ids, &target);
    acl_flows_diff(&as->installed, &target, &diff);
    uint8_t table = canopy_table_acl(as->sw);
    uint8_t forward = canopy_table_forward(as->sw);
    for (size_t i = 0; i < diff.n; i++) {
        const struct acl_op *op = &diff.ops[i];
        struct ofp_flow_mod fm;
        struct ofp_action acts[2];
        acl_op_flow_mod(op, table, forward, &fm, acts);
        if (plan) {
            canopy_plan_flow(plan, as->sw, acl_op_name(op->kind), &fm);
            continue;
        }
        struct fy_node *n = json_map(w);
        struct ds d = DS_EMPTY_INITIALIZER;
        json_put_dpid(w, n, "switch", as->dpid);
        json_put_str(w, n, "op", acl_op_name(op->kind));
        json_put_u64(w, n, "table", table);
        json_put_u64(w, n, "priority", op->flow.priority);
        ofp_match_format(&op->flow.match, &d);
        json_put_str(w, n, "match", ds_cstr(&d));
        ds_clear(&d);
        ofp_instructions_format(&fm.instructions, &d);
        json_put_str(w, n, "instructions", op->kind == ACL_OP_DELETE
                                           ? "" : ds_cstr(&d));
        ds_clear(&d);
        if (acl_describe(p, ids, true, op->flow.cookie, &d)
            || acl_describe(acl->policy, acl->ids, acl->from_api,
                            op->flow.cookie, &d)) {
            json_put_str(w, n, "origin", ds_cstr(&d));
        }
        ds_destroy(&d);
        json_append(list, n);
    }
    size_t n = diff.n;
    acl_diff_destroy(&diff);
    acl_flows_destroy(&target);
    return n;
}

/* "1"/"true" */
static bool
acl_query_flag(struct canopy_http *h, const char *key)
{
    const char *v = canopy_http_query(h, key);
    return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

/* PUT /v1/acls[?dry_run=1] */
static void
acl_http_put(void *acl_, struct canopy_http *h, const char *const params[])
{
    struct acl *acl = acl_;
    struct ycfg *y;
    (void) params;
    struct fy_node *root = canopy_http_body(h, &y);
    if (!root) {
        return;
    }
    struct acl_policy *p;
    if (!acl_parse(y, root, "", &p)) {
        canopy_http_error(h, 400, "invalid_policy", "%s", ycfg_error(y));
        return;
    }
    struct json_writer w;
    json_init(&w);
    struct fy_node *reply = json_map(&w);
    struct ds lint = DS_EMPTY_INITIALIZER;
    acl_policy_lint(p, &lint);
    struct fy_node *warnings = json_seq(&w);
    char *text = ds_steal(&lint);
    for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
        }
        json_append(warnings, json_str(&w, line));
    }
    free(text);

    bool dry_run = acl_query_flag(h, "dry_run");
    struct acl_ids *ids = acl_ids_create(p, acl->policy, acl->ids);
    struct fy_node *plan = json_seq(&w);
    size_t changes = 0;
    for (struct acl_switch *as = acl->switches; as; as = as->next) {
        changes += acl_plan_switch(acl, as, p, ids, &w, plan, NULL);
    }
    acl_ids_destroy(ids);
    json_put_bool(&w, reply, "applied", !dry_run);
    json_put_bool(&w, reply, "dry_run", dry_run);
    json_put_u64(&w, reply, "flow_changes", changes);
    json_put(&w, reply, "plan", plan);
    json_put(&w, reply, "warnings", warnings);
    if (dry_run) {
        acl_policy_destroy(p);
    } else {
        canopy_log(acl->app, CANOPY_LOG_INFO, "new policy from the API: %zu "
                   "lists, %zu rules, %zu flow changes", p->n_lists,
                   p->n_rules, changes);
        acl_set_policy(acl, p, true);
    }
    canopy_http_reply(h, 200, &w, reply);
}

/* Reads "DPID:PORT" (DPID in hex, PORT decimal). */
static bool
acl_parse_in(const char *text, uint64_t *dpid, uint32_t *port)
{
    char *end;
    *dpid = strtoull(text, &end, 16);
    if (end == text || *end != ':') {
        return false;
    }
    const char *p = end + 1;
    unsigned long v = strtoul(p, &end, 10);
    if (end == p || *end || !v || v > OFPP_MAX) {
        return false;
    }
    *port = (uint32_t) v;
    return true;
}

static bool
acl_parse_ip(const char *text, struct ofp_match *m, bool src, int *family)
{
    uint8_t a6[16];
    struct in_addr a4;
    union ofp_field_value v;
    memset(&v, 0, sizeof v);
    if (inet_pton(AF_INET, text, &a4) == 1) {
        if (*family && *family != 4) {
            return false;
        }
        *family = 4;
        v.u32 = ntohl(a4.s_addr);
        ofp_match_set(m, src ? OFPF_IPV4_SRC : OFPF_IPV4_DST, &v, NULL);
        return true;
    }
    if (inet_pton(AF_INET6, text, a6) == 1) {
        if (*family && *family != 6) {
            return false;
        }
        *family = 6;
        memcpy(v.ipv6, a6, 16);
        ofp_match_set(m, src ? OFPF_IPV6_SRC : OFPF_IPV6_DST, &v, NULL);
        return true;
    }
    return false;
}

static bool
acl_parse_mac(const char *text, uint8_t mac[6])
{
    unsigned int b[6];
    char extra;
    if (sscanf(text, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3],
               &b[4], &b[5], &extra) != 6) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        if (b[i] > 255) {
            return false;
        }
        mac[i] = (uint8_t) b[i];
    }
    return true;
}

/* GET /v1/policy/check?src=IP&dst=IP&proto=P&port=N[&tenant=T|&in=D:P]
 * [&src_mac=MAC][&dst_tenant=T|&to=D:P][&dst_mac=MAC] */
static void
acl_http_check(void *acl_, struct canopy_http *h, const char *const params[])
{
    struct acl *acl = acl_;
    const char *src = canopy_http_query(h, "src");
    const char *dst = canopy_http_query(h, "dst");
    const char *proto = canopy_http_query(h, "proto");
    const char *port = canopy_http_query(h, "port");
    const char *tenant = canopy_http_query(h, "tenant");
    const char *in = canopy_http_query(h, "in");
    const char *src_mac = canopy_http_query(h, "src_mac");
    const char *dst_tenant = canopy_http_query(h, "dst_tenant");
    const char *to = canopy_http_query(h, "to");
    const char *dst_mac = canopy_http_query(h, "dst_mac");
    (void) params;
    struct ofp_match pkt;
    ofp_match_init_catchall(&pkt);
    int family = 0;
    if (!src || !dst) {
        canopy_http_error(h, 400, "bad_query", "src and dst (IP addresses) "
                          "are required");
        return;
    }
    if (!acl_parse_ip(src, &pkt, true, &family)
        || !acl_parse_ip(dst, &pkt, false, &family)) {
        canopy_http_error(h, 400, "bad_query", "src and dst must be IPv4 or "
                          "IPv6 addresses of one family, not '%s' and '%s'",
                          src, dst);
        return;
    }
    ofp_match_set_eth_type(&pkt, family == 4 ? 0x0800 : 0x86dd);
    uint8_t ip_proto = 0;
    bool have_proto = false;
    if (proto) {
        char *end;
        unsigned long v = strtoul(proto, &end, 10);
        have_proto = true;
        if (!strcmp(proto, "tcp")) {
            ip_proto = 6;
        } else if (!strcmp(proto, "udp")) {
            ip_proto = 17;
        } else if (!strcmp(proto, "icmp")) {
            ip_proto = family == 4 ? 1 : 58;
        } else if (!strcmp(proto, "icmpv6")) {
            ip_proto = 58;
        } else if (end != proto && !*end && v <= 255) {
            ip_proto = (uint8_t) v;
        } else {
            canopy_http_error(h, 400, "bad_query", "proto must be tcp, udp, "
                              "icmp, icmpv6 or 0 to 255, not '%s'", proto);
            return;
        }
        ofp_match_set_ip_proto(&pkt, ip_proto);
    }
    if (port) {
        char *end;
        unsigned long v = strtoul(port, &end, 10);
        if (!have_proto || (ip_proto != 6 && ip_proto != 17)) {
            canopy_http_error(h, 400, "bad_query", "port needs proto tcp or "
                              "udp");
            return;
        }
        if (end == port || *end || !v || v > 65535) {
            canopy_http_error(h, 400, "bad_query", "port must be 1 to 65535, "
                              "not '%s'", port);
            return;
        }
        union ofp_field_value pv;
        memset(&pv, 0, sizeof pv);
        pv.u16 = (uint16_t) v;
        ofp_match_set(&pkt, ip_proto == 6 ? OFPF_TCP_DST : OFPF_UDP_DST, &pv,
                      NULL);
    }
    uint8_t mac[6];
    bool have_mac = false;
    if (src_mac) {
        if (!acl_parse_mac(src_mac, mac)) {
            canopy_http_error(h, 400, "bad_query", "src_mac must be a MAC "
                              "address, not '%s'", src_mac);
            return;
        }
        have_mac = true;
        ofp_match_set_eth_src(&pkt, mac);
    }
    uint8_t dmac[6];
    bool have_dmac = false;
    if (dst_mac) {
        if (!acl_parse_mac(dst_mac, dmac)) {
            canopy_http_error(h, 400, "bad_query", "dst_mac must be a MAC "
                              "address, not '%s'", dst_mac);
            return;
        }
        have_dmac = true;
        ofp_match_set_eth_dst(&pkt, dmac);
    }
    uint64_t dpid = 0;
    uint32_t in_port = 0;
    if (in && !acl_parse_in(in, &dpid, &in_port)) {
        canopy_http_error(h, 400, "bad_query", "in must be DPID:PORT (the "
                          "datapath id in hex, the port number), not '%s'",
                          in);
        return;
    }
    if (in) {
        ofp_match_set_in_port(&pkt, in_port);
    }
    uint64_t to_dpid = 0;
    uint32_t to_port = 0;
    if (to && !acl_parse_in(to, &to_dpid, &to_port)) {
        canopy_http_error(h, 400, "bad_query", "to must be DPID:PORT (the "
                          "datapath id in hex, the port number), not '%s'",
                          to);
        return;
    }

    void *state;
    const struct tenant_service *ts = acl_tenants(acl, &state);
    struct json_writer w;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    struct fy_node *by = json_map(&w);
    char buf[128];
    uint16_t vlan = 0, dst_vlan = 0;
    const char *unknown = NULL;
    if (ts && tenant && !ts->vlan_of(state, tenant, &vlan)) {
        unknown = tenant;
    } else if (ts && dst_tenant
               && !ts->vlan_of(state, dst_tenant, &dst_vlan)) {
        unknown = dst_tenant;
    }
    if (unknown) {
        json_abandon(&w, root);
        canopy_http_error(h, 404, "not_found", "no tenant '%s'", unknown);
        return;
    }
    /* The tenants of both ends, given or classified where they are; the
     * tenant app decides before the ACLs. */
    struct acl_tenant_ends ends = { .tenants = ts != NULL };
    if (!tenant && in && ts) {
        tenant = ts->classify(state, dpid, in_port, 0,
                              have_mac ? mac : NULL, &vlan);
        ends.src_asked = true;
    }
    if (!dst_tenant && to && ts) {
        dst_tenant = ts->classify(state, to_dpid, to_port, 0,
                                  have_dmac ? dmac : NULL, &dst_vlan);
        ends.dst_asked = true;
    }
    ends.src_asked |= tenant != NULL;
    ends.src = tenant;
    ends.dst_asked |= dst_tenant != NULL;
    ends.dst = dst_tenant;
    enum acl_tenant_verdict tv = acl_tenant_decide(&ends);
    if (tv != ACL_TENANT_PASS) {
        struct ds reason = DS_EMPTY_INITIALIZER;
        acl_tenant_reason(tv, &ends, &reason);
        json_put_bool(&w, root, "allowed", false);
        json_put_str(&w, by, "kind", "tenant");
        if (tenant) {
            json_put_str(&w, by, "tenant", tenant);
        }
        if (dst_tenant) {
            json_put_str(&w, by, "dst_tenant", dst_tenant);
        }
        json_put_str(&w, by, "reason", ds_cstr(&reason));
        ds_destroy(&reason);
        json_put(&w, root, "decided_by", by);
        canopy_http_reply(h, 200, &w, root);
        return;
    }
    if (vlan) {
        ofp_match_set_vlan_vid(&pkt, vlan);
    }
    struct acl_verdict v = acl_policy_check(acl->policy, tenant, dpid,
                                            in_port, &pkt);
    json_put_bool(&w, root, "allowed", v.action == ACL_ALLOW);
    json_put_str(&w, by, "kind", v.list ? "acl" : "default");
    if (tenant) {
        json_put_str(&w, by, "tenant", tenant);
    }
    if (dst_tenant) {
        json_put_str(&w, by, "dst_tenant", dst_tenant);
    }
    if (v.list) {
        json_put_str(&w, by, "list", v.list->name);
        if (v.rule == ACL_POLICY_DEFAULT) {
            json_put_str(&w, by, "rule", "default");
            json_put_str(&w, by, "where", acl_where(acl, v.list->where, buf,
                                                    sizeof buf));
        } else {
            json_put_u64(&w, by, "rule", v.rule);
            json_put_str(&w, by, "where",
                         acl_where(acl, v.list->rules[v.rule].where, buf,
                                   sizeof buf));
        }
    }
    json_put_str(&w, by, "action", acl_action_name(v.action));
    json_put(&w, root, "decided_by", by);
    canopy_http_reply(h, 200, &w, root);
}

/* ---- Life cycle. ------------------------------------------------------- */

static bool
acl_describe_cookie(void *acl_, uint64_t bits, char *buf, size_t size)
{
    struct acl *acl = acl_;
    struct ds d = DS_EMPTY_INITIALIZER;
    ds_put_cstr(&d, "acl: ");
    bool ok = acl_describe(acl->policy, acl->ids, acl->from_api, bits, &d);
    if (ok) {
        snprintf(buf, size, "%s", ds_cstr(&d));
    }
    ds_destroy(&d);
    return ok;
}

static void *
acl_create(struct canopy_app *app, struct ycfg *y, struct fy_node *settings)
{
    struct acl *acl = xzalloc(sizeof *acl);
    struct acl_policy *p;
    acl->app = app;
    acl->gen = 1;               /* A switch's held_gen 0 holds nothing. */
    if (!acl_parse(y, settings, "settings", &p)) {
        canopy_log(app, CANOPY_LOG_ERR, "%s", ycfg_error(y));
        free(acl);
        return NULL;
    }
    acl_log_lint(acl, p);
    acl->policy = p;
    acl->ids = acl_ids_create(p, NULL, NULL);
    canopy_log(app, CANOPY_LOG_INFO, "policy: %zu lists, %zu rules, %zu "
               "apply entries, default %s", p->n_lists, p->n_rules,
               p->n_apply, acl_action_name(p->default_action));
    canopy_http_route(app, "GET", "/v1/acls", acl_http_get, acl);
    canopy_http_route(app, "PUT", "/v1/acls", acl_http_put, acl);
    canopy_http_route(app, "GET", "/v1/acls/counters", acl_http_counters,
                      acl);
    canopy_http_route(app, "GET", "/v1/policy/check", acl_http_check, acl);
    return acl;
}

static void
acl_destroy(void *acl_)
{
    struct acl *acl = acl_;
    void *state;
    const struct tenant_service *ts
        = canopy_service_find(acl->app, TENANT_SERVICE_NAME, &state);
    if (ts && acl->watching && ts->unwatch) {
        ts->unwatch(state, acl);
    }
    canopy_timer_cancel(acl->poll);
    while (acl->switches) {
        struct acl_switch *as = acl->switches;
        acl->switches = as->next;
        acl_switch_free(as);
    }
    acl_ids_destroy(acl->ids);
    acl_policy_destroy(acl->policy);
    acl_policy_destroy(acl->file_policy);
    free(acl->drops);
    free(acl);
}

static void
acl_reconfigure(void *acl_, struct ycfg *y, struct fy_node *settings)
{
    struct acl *acl = acl_;
    struct acl_policy *p;
    if (!acl_parse(y, settings, "settings", &p)) {
        canopy_log(acl->app, CANOPY_LOG_ERR, "%s", ycfg_error(y));
        return;
    }
    if (acl->from_api && acl_policy_equal(p, acl->file_policy)) {
        /* The file's policy did not change: the API's stays. */
        acl_policy_destroy(p);
        return;
    }
    acl_log_lint(acl, p);
    acl_set_policy(acl, p, false);
}

static void
acl_plan(void *acl_, struct ycfg *y, struct fy_node *settings,
         struct canopy_plan *plan)
{
    struct acl *acl = acl_;
    struct acl_policy *p;
    if (!acl_parse(y, settings, "settings", &p)) {
        return;
    }
    if (!(acl->from_api && acl_policy_equal(p, acl->file_policy))) {
        struct acl_ids *ids = acl_ids_create(p, acl->policy, acl->ids);
        for (struct acl_switch *as = acl->switches; as; as = as->next) {
            acl_plan_switch(acl, as, p, ids, NULL, NULL, plan);
        }
        acl_ids_destroy(ids);
    }
    acl_policy_destroy(p);
}

const struct canopy_app_ops canopy_app = {
    .abi_version = CANOPY_APP_ABI_VERSION,
    .name = "acl",
    .description = "ACL firewall: proactive ACL table, stateful rules, "
                   "live policy changes",
    .validate = acl_validate,
    .create = acl_create,
    .destroy = acl_destroy,
    .reconfigure = acl_reconfigure,
    .switch_up = acl_switch_up,
    .switch_down = acl_switch_down,
    .packet_in = acl_packet_in,
    .topology_changed = acl_topology_changed,
    .error = acl_error,
    .barrier_reply = acl_barrier_reply,
    .describe_cookie = acl_describe_cookie,
    .plan = acl_plan,
};
