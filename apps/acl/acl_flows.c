/* The acl app's flows: see acl_flows.h. */
#include <config.h>

#include "apps/acl/acl_flows.h"

#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

/* NXM_OF_VLAN_TCI, the field conntrack zones are read from, and its 16
 * bits (offset 0 << 6 | n_bits - 1). */
#define ACL_NXM_VLAN_TCI 0x00000802u
#define ACL_ZONE_OFS_NBITS 15

/* ---- Cookies. ------------------------------------------------------------ */

uint64_t
acl_cookie(enum acl_cookie_kind kind, uint32_t id, unsigned int match)
{
    return (uint64_t) kind << 40 | (uint64_t) (match & 0xff) << 32 | id;
}

enum acl_cookie_kind
acl_cookie_kind(uint64_t bits)
{
    return (enum acl_cookie_kind) ((bits >> 40) & 0xff);
}

uint32_t
acl_cookie_id(uint64_t bits)
{
    return (uint32_t) bits;
}

/* ---- Flow sets. ---------------------------------------------------------- */

void
acl_flows_init(struct acl_flows *s)
{
    memset(s, 0, sizeof *s);
}

void
acl_flows_destroy(struct acl_flows *s)
{
    free(s->flows);
    acl_flows_init(s);
}

void
acl_flows_clear(struct acl_flows *s)
{
    s->n = 0;
}

void
acl_flows_add(struct acl_flows *s, const struct acl_flow *f)
{
    if (s->n == s->allocated) {
        s->allocated = s->allocated ? s->allocated * 2 : 64;
        s->flows = xrealloc(s->flows, s->allocated * sizeof *s->flows);
    }
    s->flows[s->n++] = *f;
}

void
acl_flows_copy(struct acl_flows *dst, const struct acl_flows *src)
{
    acl_flows_clear(dst);
    for (size_t i = 0; i < src->n; i++) {
        acl_flows_add(dst, &src->flows[i]);
    }
}

/* Key order: priority from high to low, then the match's bytes (matches
 * are built from zeroed memory, so padding compares equal). */
static int
acl_flow_key_cmp(const struct acl_flow *a, const struct acl_flow *b)
{
    if (a->priority != b->priority) {
        return a->priority > b->priority ? -1 : 1;
    }
    return memcmp(&a->match, &b->match, sizeof a->match);
}

static int
acl_flow_qsort_cmp(const void *a, const void *b)
{
    return acl_flow_key_cmp(a, b);
}

void
acl_flows_sort(struct acl_flows *s)
{
    if (s->n < 2) {
        return;
    }
    qsort(s->flows, s->n, sizeof *s->flows, acl_flow_qsort_cmp);
    size_t n = 1;
    for (size_t i = 1; i < s->n; i++) {
        if (acl_flow_key_cmp(&s->flows[n - 1], &s->flows[i])) {
            s->flows[n++] = s->flows[i];
        }
    }
    s->n = n;
}

const struct acl_flow *
acl_flows_find(const struct acl_flows *s, const struct acl_flow *f)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = acl_flow_key_cmp(&s->flows[mid], f);
        if (!c) {
            return &s->flows[mid];
        } else if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

bool
acl_flow_equal(const struct acl_flow *a, const struct acl_flow *b)
{
    return !acl_flow_key_cmp(a, b) && a->action == b->action
           && a->cookie == b->cookie;
}

/* ---- Ids. ---------------------------------------------------------------- */

struct acl_id_entry {
    uint32_t id;
    uint32_t list;
    uint32_t rule;              /* UINT32_MAX: the list itself. */
};

struct acl_ids {
    size_t n_lists;
    uint32_t *list_ids;
    uint32_t **rule_ids;        /* Per list, per rule. */
    struct acl_id_entry *index; /* Sorted by id. */
    size_t n_index;
    uint32_t next;              /* The next new id. */
};

static int
acl_id_cmp(const void *a_, const void *b_)
{
    const struct acl_id_entry *a = a_, *b = b_;
    return a->id < b->id ? -1 : a->id > b->id;
}

struct acl_ids *
acl_ids_create(const struct acl_policy *p, const struct acl_policy *old,
               const struct acl_ids *old_ids)
{
    struct acl_ids *ids = xzalloc(sizeof *ids);
    ids->next = old_ids ? old_ids->next : 1;
    ids->n_lists = p->n_lists;
    ids->list_ids = xzalloc((p->n_lists + 1) * sizeof *ids->list_ids);
    ids->rule_ids = xzalloc((p->n_lists + 1) * sizeof *ids->rule_ids);
    ids->index = xmalloc((p->n_lists + p->n_rules + 1) * sizeof *ids->index);
    for (size_t i = 0; i < p->n_lists; i++) {
        const struct acl_list *l = &p->lists[i];
        const struct acl_list *ol = old && old_ids
                                    ? acl_policy_find_list(old, l->name)
                                    : NULL;
        size_t oi = ol ? (size_t) (ol - old->lists) : 0;
        ids->list_ids[i] = ol ? old_ids->list_ids[oi] : ids->next++;
        ids->index[ids->n_index++] = (struct acl_id_entry) {
            ids->list_ids[i], (uint32_t) i, UINT32_MAX,
        };
        ids->rule_ids[i] = xmalloc((l->n_rules + 1) * sizeof **ids->rule_ids);
        /* Rules kept in order keep their ids: walk the old list once. */
        size_t j = 0;
        for (size_t r = 0; r < l->n_rules; r++) {
            uint32_t id = 0;
            for (size_t k = j; ol && k < ol->n_rules; k++) {
                if (acl_policy_rule_equal(&l->rules[r], &ol->rules[k])) {
                    id = old_ids->rule_ids[oi][k];
                    j = k + 1;
                    break;
                }
            }
            ids->rule_ids[i][r] = id ? id : ids->next++;
            ids->index[ids->n_index++] = (struct acl_id_entry) {
                ids->rule_ids[i][r], (uint32_t) i, (uint32_t) r,
            };
        }
    }
    qsort(ids->index, ids->n_index, sizeof *ids->index, acl_id_cmp);
    return ids;
}

void
acl_ids_destroy(struct acl_ids *ids)
{
    if (!ids) {
        return;
    }
    for (size_t i = 0; i < ids->n_lists; i++) {
        free(ids->rule_ids[i]);
    }
    free(ids->rule_ids);
    free(ids->list_ids);
    free(ids->index);
    free(ids);
}

uint32_t
acl_ids_list(const struct acl_ids *ids, size_t list)
{
    return ids->list_ids[list];
}

uint32_t
acl_ids_rule(const struct acl_ids *ids, size_t list, size_t rule)
{
    return ids->rule_ids[list][rule];
}

bool
acl_ids_find(const struct acl_ids *ids, uint32_t id, size_t *list,
             size_t *rule)
{
    struct acl_id_entry key = { .id = id };
    const struct acl_id_entry *e = bsearch(&key, ids->index, ids->n_index,
                                           sizeof *ids->index, acl_id_cmp);
    if (!e) {
        return false;
    }
    *list = e->list;
    *rule = e->rule == UINT32_MAX ? ACL_POLICY_DEFAULT : e->rule;
    return true;
}

/* ---- Scopes. ------------------------------------------------------------- */

/* The lists of one scope in order, each once. */
struct acl_seq {
    size_t *lists;              /* Indexes into the policy's lists. */
    size_t n;
};

static size_t
acl_list_index(const struct acl_policy *p, const struct acl_list *l)
{
    return (size_t) (l - p->lists);
}

static void
acl_seq_add(struct acl_seq *s, size_t list, size_t max)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->lists[i] == list) {
            return;
        }
    }
    if (!s->lists) {
        s->lists = xmalloc((max + 1) * sizeof *s->lists);
    }
    s->lists[s->n++] = list;
}

/* The lists of apply entries like 'proto' (same scope and, for a port, the
 * same dpid and port; for a tenant the same name). */
static void
acl_seq_for(const struct acl_policy *p, const struct acl_apply *proto,
            struct acl_seq *s)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < p->n_apply; i++) {
        const struct acl_apply *a = &p->apply[i];
        if (a->scope != proto->scope
            || (a->scope == ACL_SCOPE_PORT
                && (a->dpid != proto->dpid || a->port != proto->port))
            || (a->scope == ACL_SCOPE_TENANT
                && strcmp(a->tenant, proto->tenant))) {
            continue;
        }
        acl_seq_add(s, acl_list_index(p, a->list), p->n_lists);
    }
}

/* True if apply entry 'i' is the first of its scope (so that each scope is
 * handled once). */
static bool
acl_apply_first_of_scope(const struct acl_policy *p, size_t i)
{
    const struct acl_apply *a = &p->apply[i];
    for (size_t j = 0; j < i; j++) {
        const struct acl_apply *b = &p->apply[j];
        if (b->scope == a->scope
            && (a->scope == ACL_SCOPE_GLOBAL
                || (a->scope == ACL_SCOPE_PORT && b->dpid == a->dpid
                    && b->port == a->port)
                || (a->scope == ACL_SCOPE_TENANT
                    && !strcmp(a->tenant, b->tenant)))) {
            return false;
        }
    }
    return true;
}

static size_t
acl_seq_rules(const struct acl_policy *p, const struct acl_seq *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        n += p->lists[s->lists[i]].n_rules;
    }
    return n;
}

bool
acl_policy_has_stateful(const struct acl_policy *p)
{
    for (size_t i = 0; i < p->n_lists; i++) {
        for (size_t r = 0; r < p->lists[i].n_rules; r++) {
            if (p->lists[i].rules[r].flags & ACL_RULE_STATEFUL) {
                return true;
            }
        }
    }
    return false;
}

bool
acl_flows_check(const struct acl_policy *p, struct ds *error)
{
    for (size_t i = 0; i < p->n_apply; i++) {
        const struct acl_apply *a = &p->apply[i];
        if (!acl_apply_first_of_scope(p, i)) {
            continue;
        }
        struct acl_seq s;
        acl_seq_for(p, a, &s);
        size_t n = acl_seq_rules(p, &s);
        bool ok = n <= ACL_BAND_SIZE;
        if (!ok) {
            ds_put_format(error, "%s: apply[%zu]: the lists applied %s have "
                          "%zu rules, more than the %d one switch table "
                          "holds for a scope", a->where, i,
                          a->scope == ACL_SCOPE_GLOBAL ? "globally"
                          : a->scope == ACL_SCOPE_PORT ? "to this port"
                                                       : "to this tenant",
                          n, ACL_BAND_SIZE);
        }
        for (size_t k = 0; ok && a->scope == ACL_SCOPE_TENANT && k < s.n;
             k++) {
            const struct acl_list *l = &p->lists[s.lists[k]];
            for (size_t r = 0; ok && r < l->n_rules; r++) {
                if (ofp_match_has(&l->rules[r].matches[0], OFPF_VLAN_VID)) {
                    ds_put_format(error, "%s: lists.%s.rules[%zu]: matches "
                                  "vlan, but the list is applied to tenant "
                                  "'%s' (%s), whose frames are told apart by "
                                  "their tenant VLAN: drop the vlan key or "
                                  "apply the list to ports", l->rules[r].where,
                                  l->name, r, a->tenant, a->where);
                    ok = false;
                }
            }
        }
        free(s.lists);
        if (!ok) {
            return false;
        }
    }
    return true;
}

/* ---- Computing flows. ---------------------------------------------------- */

static void
acl_set_ct_state(struct ofp_match *m, uint32_t value, uint32_t mask)
{
    union ofp_field_value v = { .u32 = value }, mk = { .u32 = mask };
    ofp_match_set(m, OFPF_CT_STATE, &v, &mk);
}

/* Emits the rules of 'seq' from priority 'top' down, each rule's matches
 * narrowed by 'scope' (in_port or vlan_vid; a field the rule matches
 * already must agree, or the match is left out). */
static void
acl_emit_rules(const struct acl_policy *p, const struct acl_ids *ids,
               const struct acl_switch_view *view, const struct acl_seq *seq,
               const struct ofp_match *scope, uint16_t top,
               struct acl_flows *out)
{
    bool ct = view->conntrack && view->version == OFP13_VERSION;
    uint16_t prio = top;
    for (size_t k = 0; k < seq->n; k++) {
        const struct acl_list *l = &p->lists[seq->lists[k]];
        for (size_t r = 0; r < l->n_rules; r++, prio--) {
            const struct acl_rule *rule = &l->rules[r];
            bool stateful = rule->flags & ACL_RULE_STATEFUL;
            if (stateful && !ct) {
                /* Without conntrack a stateful rule is left out: its
                 * return traffic could not be told from new connections
                 * the other way (docs/acl.md). */
                continue;
            }
            for (size_t m = 0; m < rule->n_matches; m++) {
                struct acl_flow f;
                memset(&f, 0, sizeof f);
                f.match = rule->matches[m];
                bool clash = false;
                static const enum ofp_field scoped[2] = {
                    OFPF_IN_PORT, OFPF_VLAN_VID,
                };
                for (size_t i = 0; i < 2; i++) {
                    union ofp_field_value sv, rv;
                    memset(&sv, 0, sizeof sv);
                    memset(&rv, 0, sizeof rv);
                    if (!ofp_match_get(scope, scoped[i], &sv, NULL)) {
                        continue;
                    }
                    if (ofp_match_get(&f.match, scoped[i], &rv, NULL)
                        && memcmp(&rv, &sv, sizeof rv)) {
                        clash = true;
                    }
                    ofp_match_set(&f.match, scoped[i], &sv, NULL);
                }
                if (clash) {
                    continue;
                }
                f.priority = prio;
                f.cookie = acl_cookie(ACL_CK_RULE,
                                      acl_ids_rule(ids, seq->lists[k], r),
                                      (unsigned int) m);
                if (rule->action == ACL_DENY) {
                    f.action = ACL_FLOW_DROP;
                } else if (stateful) {
                    f.action = ACL_FLOW_CT_COMMIT;
                    acl_set_ct_state(&f.match, OFPCS_TRK | OFPCS_NEW,
                                     OFPCS_TRK | OFPCS_NEW);
                } else {
                    f.action = ACL_FLOW_ALLOW;
                }
                acl_flows_add(out, &f);
            }
        }
    }
}

static void
acl_emit_default(struct acl_flows *out, const struct ofp_match *m,
                 uint16_t prio, enum acl_action action, uint64_t cookie)
{
    struct acl_flow f;
    memset(&f, 0, sizeof f);
    f.match = *m;
    f.priority = prio;
    f.action = action == ACL_DENY ? ACL_FLOW_DROP : ACL_FLOW_ALLOW;
    f.cookie = cookie;
    acl_flows_add(out, &f);
}

/* canopyd's LLDP probes find the links whatever the policy says: on 1.3
 * they go on to forwarding ('action' ACL_FLOW_ALLOW), on 1.0 straight to
 * the controller (ACL_FLOW_CONTROLLER). */
static void
acl_add_lldp(struct acl_flows *out, enum acl_flow_action action)
{
    struct acl_flow f;
    memset(&f, 0, sizeof f);
    ofp_match_init_catchall(&f.match);
    ofp_match_set_eth_type(&f.match, 0x88cc);
    f.priority = ACL_PRIO_LINK;
    f.action = action;
    f.cookie = acl_cookie(ACL_CK_LINK, 1, 0);
    acl_flows_add(out, &f);
}

/* Conntrack and link ports (OpenFlow 1.3). */
static void
acl_emit_machinery(const struct acl_policy *p, const struct acl_ids *ids,
                   const struct acl_switch_view *view, bool ct,
                   struct acl_flows *out)
{
    static const uint16_t ip_types[2] = { 0x0800, 0x86dd };
    struct acl_flow f;
    acl_add_lldp(out, ACL_FLOW_ALLOW);
    for (size_t i = 0; i < view->n_links; i++) {
        memset(&f, 0, sizeof f);
        ofp_match_init_catchall(&f.match);
        ofp_match_set_in_port(&f.match, view->links[i]);
        f.priority = ACL_PRIO_LINK;
        f.action = ACL_FLOW_ALLOW;
        f.cookie = acl_cookie(ACL_CK_LINK, 0, 0);
        acl_flows_add(out, &f);
    }
    if (!ct) {
        return;
    }
    /* Only TCP and UDP, what stateful rules can name: conntrack has no
     * business with the rest. */
    static const uint8_t protos[2] = { 6, 17 };
    for (size_t t = 0; t < 4; t++) {
        memset(&f, 0, sizeof f);
        ofp_match_init_catchall(&f.match);
        ofp_match_set_eth_type(&f.match, ip_types[t / 2]);
        ofp_match_set_ip_proto(&f.match, protos[t % 2]);
        acl_set_ct_state(&f.match, 0, OFPCS_TRK);
        f.priority = ACL_PRIO_CT_TRACK;
        f.action = ACL_FLOW_CT_TRACK;
        f.cookie = acl_cookie(ACL_CK_CONNTRACK, 0, 0);
        acl_flows_add(out, &f);
    }
    static const uint32_t passing[2] = { OFPCS_EST, OFPCS_REL };
    for (size_t i = 0; i < 2; i++) {
        memset(&f, 0, sizeof f);
        ofp_match_init_catchall(&f.match);
        acl_set_ct_state(&f.match, OFPCS_TRK | passing[i],
                         OFPCS_TRK | passing[i]);
        f.priority = (uint16_t) (ACL_PRIO_CT_EST - i);
        f.action = ACL_FLOW_ALLOW;
        f.cookie = acl_cookie(ACL_CK_CONNTRACK, 0, 0);
        acl_flows_add(out, &f);
    }
    /* Traffic of a stateful rule leaving over this switch's edge is
     * committed here too, so that its return traffic, which enters at this
     * switch, finds the connection. */
    for (size_t li = 0; li < p->n_lists; li++) {
        const struct acl_list *l = &p->lists[li];
        for (size_t r = 0; r < l->n_rules; r++) {
            const struct acl_rule *rule = &l->rules[r];
            if (!(rule->flags & ACL_RULE_STATEFUL)
                || ofp_match_has(&rule->matches[0], OFPF_IN_PORT)) {
                continue;
            }
            for (size_t i = 0; i < view->n_links; i++) {
                for (size_t m = 0; m < rule->n_matches; m++) {
                    memset(&f, 0, sizeof f);
                    f.match = rule->matches[m];
                    ofp_match_set_in_port(&f.match, view->links[i]);
                    f.priority = ACL_PRIO_LINK_CT;
                    f.action = ACL_FLOW_CT_COMMIT_FWD;
                    f.cookie = acl_cookie(ACL_CK_LINK_CT,
                                          acl_ids_rule(ids, li, r),
                                          (unsigned int) m);
                    acl_flows_add(out, &f);
                }
            }
        }
    }
}

/* True if some packet matches both 'a' and 'b'. */
static bool
acl_matches_intersect(const struct ofp_match *a, const struct ofp_match *b)
{
    const uint8_t *av = (const uint8_t *) &a->v, *am = (const uint8_t *) &a->m;
    const uint8_t *bv = (const uint8_t *) &b->v, *bm = (const uint8_t *) &b->m;
    for (size_t i = 0; i < sizeof a->v; i++) {
        if ((av[i] & bm[i]) != (bv[i] & am[i])) {
            return false;
        }
    }
    return true;
}

/* True if 'prio' is the tenant band's or the tenant default's. */
static bool
acl_prio_is_tenant(uint16_t prio)
{
    return (prio <= ACL_PRIO_TENANT_TOP && prio > ACL_PRIO_GLOBAL_TOP)
           || prio == ACL_PRIO_TENANT_DEFAULT;
}

/* OpenFlow 1.0: keeps the drop flows that no higher flow that lets
 * traffic through overlaps, and that 1.0 can express.  Tenant flows (only
 * allows, unscoped: see acl_flows_compute()) count as overlapping but are
 * never kept. */
static void
acl_keep_of10_drops(struct acl_flows *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        const struct acl_flow *f = &s->flows[i];
        bool keep = f->action == ACL_FLOW_DROP
                    && !acl_prio_is_tenant(f->priority)
                    && !ofp_match_check(&f->match, OFP10_VERSION, NULL, NULL);
        for (size_t j = 0; keep && j < i; j++) {
            const struct acl_flow *g = &s->flows[j];
            keep = g->action == ACL_FLOW_DROP || g->priority == f->priority
                   || !acl_matches_intersect(&g->match, &f->match);
        }
        if (keep) {
            s->flows[n++] = *f;
        }
    }
    s->n = n;
}

static bool
acl_port_in(uint32_t port, const uint32_t *ports, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (ports[i] == port) {
            return true;
        }
    }
    return false;
}

/* OpenFlow 1.0 has no "go on to forwarding" that a link port's flow could
 * take, so on a switch with links the drops themselves stay off the link
 * ports: each drop without in_port becomes one per edge port, and a drop
 * on a link port goes.  Then LLDP goes to the controller above them all,
 * as the table-miss flow would send it, so that no drop swallows
 * canopyd's probes. */
static void
acl_of10_edges(const struct acl_switch_view *view, struct acl_flows *s)
{
    struct acl_flows out;
    acl_flows_init(&out);
    for (size_t i = 0; i < s->n; i++) {
        const struct acl_flow *f = &s->flows[i];
        union ofp_field_value v;
        memset(&v, 0, sizeof v);
        if (!view->n_links) {
            acl_flows_add(&out, f);
        } else if (ofp_match_get(&f->match, OFPF_IN_PORT, &v, NULL)) {
            if (!acl_port_in(v.u32, view->links, view->n_links)) {
                acl_flows_add(&out, f);
            }
        } else {
            for (size_t p = 0; p < view->n_ports; p++) {
                if (view->ports[p] > OFPP_MAX
                    || acl_port_in(view->ports[p], view->links,
                                   view->n_links)) {
                    continue;
                }
                struct acl_flow g = *f;
                ofp_match_set_in_port(&g.match, view->ports[p]);
                acl_flows_add(&out, &g);
            }
        }
    }
    acl_add_lldp(&out, ACL_FLOW_CONTROLLER);
    acl_flows_sort(&out);
    acl_flows_destroy(s);
    *s = out;
}

/* OpenFlow 1.0: the allows of the tenant of 'a' (rules and default),
 * unscoped, only for acl_keep_of10_drops() to see. */
static void
acl_emit_of10_tenant(const struct acl_policy *p, const struct acl_ids *ids,
                     const struct acl_switch_view *view,
                     const struct acl_apply *a, struct acl_flows *out)
{
    struct acl_seq seq;
    struct acl_flows t;
    struct ofp_match scope;
    ofp_match_init_catchall(&scope);
    acl_flows_init(&t);
    acl_seq_for(p, a, &seq);
    acl_emit_rules(p, ids, view, &seq, &scope, ACL_PRIO_TENANT_TOP, &t);
    acl_emit_default(&t, &scope, ACL_PRIO_TENANT_DEFAULT,
                     p->lists[seq.lists[0]].default_action,
                     acl_cookie(ACL_CK_TENANT_DEFAULT,
                                acl_ids_list(ids, seq.lists[0]), 0));
    for (size_t i = 0; i < t.n; i++) {
        if (t.flows[i].action != ACL_FLOW_DROP) {
            acl_flows_add(out, &t.flows[i]);
        }
    }
    acl_flows_destroy(&t);
    free(seq.lists);
}

void
acl_flows_compute(const struct acl_policy *p, const struct acl_ids *ids,
                  const struct acl_switch_view *view, struct acl_flows *out)
{
    bool of13 = view->version == OFP13_VERSION;
    bool ct = of13 && view->conntrack && acl_policy_has_stateful(p);
    struct acl_switch_view v = *view;
    v.conntrack = ct;
    struct ofp_match scope;
    acl_flows_clear(out);
    if (of13) {
        acl_emit_machinery(p, ids, &v, ct, out);
    }

    bool have_global = false;
    for (size_t i = 0; i < p->n_apply; i++) {
        const struct acl_apply *a = &p->apply[i];
        if (!acl_apply_first_of_scope(p, i)) {
            continue;
        }
        struct acl_seq seq;
        uint16_t top, def_prio;
        enum acl_cookie_kind def_kind;
        ofp_match_init_catchall(&scope);
        if (a->scope == ACL_SCOPE_PORT) {
            if (a->dpid != view->dpid) {
                continue;
            }
            ofp_match_set_in_port(&scope, a->port);
            top = ACL_PRIO_PORT_TOP;
            def_prio = ACL_PRIO_PORT_DEFAULT;
            def_kind = ACL_CK_PORT_DEFAULT;
        } else if (a->scope == ACL_SCOPE_TENANT) {
            uint16_t vlan;
            if (!view->tenant_vlan
                || !view->tenant_vlan(view->aux, a->tenant, &vlan)) {
                continue;
            }
            if (!of13) {
                /* On 1.0 frames carry no tenant VLAN the table could
                 * match: the packet-in chain decides for tenants there.
                 * The tenant's allows still keep lower drops out, as if
                 * they held for every frame. */
                acl_emit_of10_tenant(p, ids, &v, a, out);
                continue;
            }
            ofp_match_set_vlan_vid(&scope, vlan);
            top = ACL_PRIO_TENANT_TOP;
            def_prio = ACL_PRIO_TENANT_DEFAULT;
            def_kind = ACL_CK_TENANT_DEFAULT;
        } else {
            top = ACL_PRIO_GLOBAL_TOP;
            def_prio = ACL_PRIO_GLOBAL_DEFAULT;
            def_kind = ACL_CK_GLOBAL_DEFAULT;
            have_global = true;
        }
        acl_seq_for(p, a, &seq);
        acl_emit_rules(p, ids, &v, &seq, &scope, top, out);
        const struct acl_list *first = &p->lists[seq.lists[0]];
        acl_emit_default(out, &scope, def_prio, first->default_action,
                         acl_cookie(def_kind, acl_ids_list(ids, seq.lists[0]),
                                    0));
        free(seq.lists);
    }
    (void) have_global;
    ofp_match_init_catchall(&scope);
    acl_emit_default(out, &scope, ACL_PRIO_POLICY_DEFAULT, p->default_action,
                     acl_cookie(ACL_CK_POLICY_DEFAULT, 0, 0));
    acl_flows_sort(out);
    if (!of13) {
        acl_keep_of10_drops(out);
        acl_of10_edges(view, out);
    }
}

/* ---- Diffs. -------------------------------------------------------------- */

static bool
acl_flow_drops(const struct acl_flow *f)
{
    return f->action == ACL_FLOW_DROP;
}

static void
acl_diff_push(struct acl_op **ops, size_t *n, size_t *allocated,
              const struct acl_op *op)
{
    if (*n == *allocated) {
        *allocated = *allocated ? *allocated * 2 : 64;
        *ops = xrealloc(*ops, *allocated * sizeof **ops);
    }
    (*ops)[(*n)++] = *op;
}

void
acl_flows_diff(const struct acl_flows *old, const struct acl_flows *new,
               struct acl_diff *out)
{
    struct acl_op *ops = NULL;
    size_t n = 0, allocated = 0;
    size_t i = 0, j = 0;
    while (i < old->n || j < new->n) {
        struct acl_op op;
        memset(&op, 0, sizeof op);
        int c = i == old->n ? 1
                : j == new->n ? -1
                : acl_flow_key_cmp(&old->flows[i], &new->flows[j]);
        if (c < 0) {
            op.kind = ACL_OP_DELETE;
            op.flow = old->flows[i++];
            op.phase = acl_flow_drops(&op.flow) ? 3 : 1;
        } else if (c > 0) {
            op.kind = ACL_OP_ADD;
            op.flow = new->flows[j++];
            op.phase = acl_flow_drops(&op.flow) ? 0 : 2;
        } else {
            const struct acl_flow *o = &old->flows[i++];
            const struct acl_flow *nw = &new->flows[j++];
            if (acl_flow_equal(o, nw)) {
                continue;
            }
            op.kind = ACL_OP_MODIFY;
            op.flow = *nw;
            op.old = *o;
            op.phase = acl_flow_drops(nw) ? 0 : 2;
        }
        acl_diff_push(&ops, &n, &allocated, &op);
    }
    /* Stable by phase: within a phase, the sets' order. */
    out->ops = n ? xmalloc(n * sizeof *out->ops) : NULL;
    out->n = 0;
    for (int phase = 0; phase < 4; phase++) {
        for (size_t k = 0; k < n; k++) {
            if (ops[k].phase == phase) {
                out->ops[out->n++] = ops[k];
            }
        }
    }
    free(ops);
}

void
acl_diff_destroy(struct acl_diff *d)
{
    free(d->ops);
    d->ops = NULL;
    d->n = 0;
}

const char *
acl_op_name(enum acl_op_kind kind)
{
    return kind == ACL_OP_ADD ? "add"
           : kind == ACL_OP_MODIFY ? "modify" : "delete";
}

void
acl_op_flow_mod(const struct acl_op *op, uint8_t table, uint8_t forward,
                struct ofp_flow_mod *fm, struct ofp_action acts[2])
{
    const struct acl_flow *f = &op->flow;
    ofp_flow_mod_init(fm, OFPFC_ADD, table);
    memset(acts, 0, 2 * sizeof *acts);
    fm->priority = f->priority;
    fm->match = f->match;
    fm->cookie = f->cookie;
    switch (op->kind) {
    case ACL_OP_ADD:
        fm->command = OFPFC_ADD;
        break;
    case ACL_OP_MODIFY:
        /* A modify keeps the flow's cookie: replace the flow instead when
         * the cookie changes (another rule now makes it). */
        fm->command = op->old.cookie == f->cookie ? OFPFC_MODIFY_STRICT
                                                  : OFPFC_ADD;
        break;
    case ACL_OP_DELETE:
    default:
        fm->command = OFPFC_DELETE_STRICT;
        return;
    }
    struct ofp_instructions *ins = &fm->instructions;
    acts[0].type = OFPACT_CT;
    acts[0].u.ct.zone_src = ACL_NXM_VLAN_TCI;
    acts[0].u.ct.zone_ofs_nbits = ACL_ZONE_OFS_NBITS;
    acts[0].u.ct.recirc_table = OFPACT_CT_RECIRC_NONE;
    switch (f->action) {
    case ACL_FLOW_DROP:
        break;
    case ACL_FLOW_ALLOW:
        ins->present = OFPIB_GOTO_TABLE;
        ins->goto_table = forward;
        break;
    case ACL_FLOW_CT_TRACK:
        acts[0].u.ct.recirc_table = table;
        ins->present = OFPIB_APPLY_ACTIONS;
        break;
    case ACL_FLOW_CT_COMMIT:
        acts[0].u.ct.flags = OFPACT_CT_F_COMMIT;
        ins->present = OFPIB_APPLY_ACTIONS | OFPIB_GOTO_TABLE;
        ins->goto_table = forward;
        break;
    case ACL_FLOW_CONTROLLER:
        memset(&acts[0], 0, sizeof acts[0]);
        acts[0].type = OFPACT_OUTPUT;
        acts[0].u.output.port = OFPP_CONTROLLER;
        acts[0].u.output.max_len = OFPCML_NO_BUFFER;
        ins->present = OFPIB_APPLY_ACTIONS;
        break;
    case ACL_FLOW_CT_COMMIT_FWD:
    default:
        acts[0].u.ct.flags = OFPACT_CT_F_COMMIT;
        acts[0].u.ct.recirc_table = forward;
        ins->present = OFPIB_APPLY_ACTIONS;
        break;
    }
    if (ins->present & OFPIB_APPLY_ACTIONS) {
        ins->apply.actions = acts;
        ins->apply.n = 1;
    }
}

/* ---- After a batch. ----------------------------------------------------- */

void
acl_flows_undo(struct acl_flows *now, const struct acl_op *op)
{
    size_t n = 0;
    for (size_t k = 0; k < now->n; k++) {
        if (op->kind != ACL_OP_DELETE
            && acl_flow_equal(&now->flows[k], &op->flow)) {
            continue;
        }
        now->flows[n++] = now->flows[k];
    }
    now->n = n;
    if (op->kind == ACL_OP_MODIFY) {
        acl_flows_add(now, &op->old);
    } else if (op->kind == ACL_OP_DELETE) {
        acl_flows_add(now, &op->flow);
    }
    acl_flows_sort(now);
}

bool
acl_op_is_conntrack(const struct acl_op *op)
{
    return op->flow.action == ACL_FLOW_CT_TRACK
           || op->flow.action == ACL_FLOW_CT_COMMIT
           || op->flow.action == ACL_FLOW_CT_COMMIT_FWD
           || ofp_match_has(&op->flow.match, OFPF_CT_STATE);
}

enum acl_batch_next
acl_batch_decide(const struct acl_batch_outcome *o)
{
    if (!o->n_failed) {
        return ACL_NEXT_DONE;
    }
    if (o->rollback) {
        return ACL_NEXT_INCONSISTENT;
    }
    if (!o->no_conntrack && o->n_ct_failed == o->n_failed) {
        return ACL_NEXT_RETRY_NO_CT;
    }
    return ACL_NEXT_ROLLBACK;
}

/* ---- Provenance. --------------------------------------------------------- */

bool
acl_flows_describe(const struct acl_policy *p, const struct acl_ids *ids,
                   uint64_t bits, struct ds *out)
{
    enum acl_cookie_kind kind = acl_cookie_kind(bits);
    size_t list, rule;
    switch (kind) {
    case ACL_CK_POLICY_DEFAULT:
        ds_put_cstr(out, "default (no list applies)");
        return true;
    case ACL_CK_LINK:
        ds_put_cstr(out, acl_cookie_id(bits)
                         ? "LLDP: topology discovery passes"
                         : "link port: decided at the ingress edge");
        return true;
    case ACL_CK_CONNTRACK:
        ds_put_cstr(out, "conntrack");
        return true;
    case ACL_CK_RULE:
    case ACL_CK_LINK_CT:
    case ACL_CK_PORT_DEFAULT:
    case ACL_CK_TENANT_DEFAULT:
    case ACL_CK_GLOBAL_DEFAULT:
        if (!ids || !acl_ids_find(ids, acl_cookie_id(bits), &list, &rule)
            || list >= p->n_lists) {
            return false;
        }
        break;
    default:
        return false;
    }
    const struct acl_list *l = &p->lists[list];
    if (rule == ACL_POLICY_DEFAULT) {
        ds_put_format(out, "lists.%s.default (%s)", l->name, l->where);
    } else {
        ds_put_format(out, "lists.%s.rules[%zu] (%s)", l->name, rule,
                      l->rules[rule].where);
        if (kind == ACL_CK_LINK_CT) {
            ds_put_cstr(out, ", committed at the egress edge");
        }
    }
    return true;
}

/* ---- Tenant isolation in policy checks. ---------------------------------- */

enum acl_tenant_verdict
acl_tenant_decide(const struct acl_tenant_ends *e)
{
    if (!e->tenants) {
        return ACL_TENANT_PASS;
    }
    if (e->src_asked && !e->src) {
        return ACL_TENANT_NO_SRC;
    }
    if (e->dst_asked && !e->dst) {
        return ACL_TENANT_NO_DST;
    }
    if (e->src && e->dst && strcmp(e->src, e->dst)) {
        return ACL_TENANT_ISOLATED;
    }
    return ACL_TENANT_PASS;
}

void
acl_tenant_reason(enum acl_tenant_verdict v, const struct acl_tenant_ends *e,
                  struct ds *out)
{
    switch (v) {
    case ACL_TENANT_NO_SRC:
        ds_put_cstr(out, "the source belongs to no tenant there: the tenant "
                    "app drops its frames");
        break;
    case ACL_TENANT_NO_DST:
        ds_put_cstr(out, "the destination belongs to no tenant there: the "
                    "tenant app delivers no tenant's frames to it");
        break;
    case ACL_TENANT_ISOLATED:
        ds_put_format(out, "tenant isolation: '%s' and '%s' are different "
                      "tenants, whose frames never meet", e->src, e->dst);
        break;
    case ACL_TENANT_PASS:
    default:
        ds_put_cstr(out, "tenants do not decide");
        break;
    }
}
