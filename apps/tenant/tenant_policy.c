/* The tenant isolation policy: see tenant_policy.h. */
#include <config.h>

#include "apps/tenant/tenant_policy.h"

#include <inttypes.h>
#include <libfyaml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canopy/ycfg.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-types.h"

/* One resolved port member, in the classification index. */
struct tp_port_entry {
    uint64_t dpid;
    uint32_t port;
    uint16_t vlan;
    const struct tenant_policy_member *m;
};

struct tenant_policy {
    char *base;                       /* Path of the settings in messages. */
    uint16_t vlan_min, vlan_max;
    struct tenant_policy_tenant *tenants;
    size_t n_tenants;
    size_t *by_name;                  /* Tenant indices sorted by name. */
    const struct tenant_policy_tenant *dflt;
    size_t n_members;

    /* Classification indexes, sorted (see tp_port_cmp(), tp_mac_cmp()). */
    struct tp_port_entry *ports;
    size_t n_ports;
    const struct tenant_policy_member **macs;
    size_t n_macs;
};

/* Formats a path under 'base' ("" or "apps[0].settings"). */
static const char *
tp_path(char *buf, size_t size, const char *base, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static const char *
tp_path(char *buf, size_t size, const char *base, const char *fmt, ...)
{
    char tail[192];
    va_list args;
    va_start(args, fmt);
    vsnprintf(tail, sizeof tail, fmt, args);
    va_end(args);
    snprintf(buf, size, "%s%s%s", base && *base ? base : "",
             base && *base ? "." : "", tail);
    return buf;
}

/* The identity of a member as configured (not its resolution). */
static int
tp_member_cmp(const struct tenant_policy_member *a,
              const struct tenant_policy_member *b)
{
    if (a->kind != b->kind) {
        return a->kind < b->kind ? -1 : 1;
    }
    if (a->kind == TENANT_MEMBER_MAC) {
        return memcmp(a->mac, b->mac, 6);
    }
    if (a->dpid != b->dpid) {
        return a->dpid < b->dpid ? -1 : 1;
    }
    if (a->kind == TENANT_MEMBER_PORT_NAME) {
        int c = strcmp(a->port_name, b->port_name);
        if (c) {
            return c;
        }
    } else if (a->port != b->port) {
        return a->port < b->port ? -1 : 1;
    }
    return a->vlan < b->vlan ? -1 : a->vlan > b->vlan;
}

static int
tp_member_ptr_cmp(const void *a_, const void *b_)
{
    const struct tenant_policy_member *const *a = a_, *const *b = b_;
    int c = tp_member_cmp(*a, *b);
    return c ? c : (*a)->seq < (*b)->seq ? -1 : (*a)->seq > (*b)->seq;
}

static int
tp_port_key_cmp(const struct tp_port_entry *a, const struct tp_port_entry *b)
{
    if (a->dpid != b->dpid) {
        return a->dpid < b->dpid ? -1 : 1;
    }
    if (a->port != b->port) {
        return a->port < b->port ? -1 : 1;
    }
    return a->vlan < b->vlan ? -1 : a->vlan > b->vlan;
}

/* Key, then config order. */
static int
tp_port_cmp(const void *a_, const void *b_)
{
    const struct tp_port_entry *a = a_, *b = b_;
    int c = tp_port_key_cmp(a, b);
    return c ? c : a->m->seq < b->m->seq ? -1 : a->m->seq > b->m->seq;
}

static int
tp_mac_cmp(const void *a_, const void *b_)
{
    const struct tenant_policy_member *const *a = a_, *const *b = b_;
    return memcmp((*a)->mac, (*b)->mac, 6);
}

/* Rebuilds the classification indexes from the members. */
static void
tp_index(struct tenant_policy *p)
{
    free(p->ports);
    free(p->macs);
    p->ports = p->n_members ? xmalloc(p->n_members * sizeof *p->ports)
                            : NULL;
    p->macs = p->n_members ? xmalloc(p->n_members * sizeof *p->macs) : NULL;
    p->n_ports = p->n_macs = 0;
    for (size_t t = 0; t < p->n_tenants; t++) {
        const struct tenant_policy_tenant *tn = &p->tenants[t];
        for (size_t i = 0; i < tn->n_members; i++) {
            const struct tenant_policy_member *m = &tn->members[i];
            if (m->kind == TENANT_MEMBER_MAC) {
                p->macs[p->n_macs++] = m;
            } else if (m->resolved) {
                p->ports[p->n_ports++] = (struct tp_port_entry) {
                    .dpid = m->dpid, .port = m->port, .vlan = m->vlan,
                    .m = m,
                };
            }
        }
    }
    if (p->n_ports) {
        qsort(p->ports, p->n_ports, sizeof *p->ports, tp_port_cmp);
    }
    if (p->n_macs) {
        qsort(p->macs, p->n_macs, sizeof *p->macs, tp_mac_cmp);
    }
}

static void
tp_member_free(struct tenant_policy_member *m)
{
    free(m->port_name);
    free(m->where);
}

void
tenant_policy_destroy(struct tenant_policy *p)
{
    if (!p) {
        return;
    }
    for (size_t t = 0; t < p->n_tenants; t++) {
        struct tenant_policy_tenant *tn = &p->tenants[t];
        for (size_t i = 0; i < tn->n_members; i++) {
            tp_member_free(&tn->members[i]);
        }
        free(tn->members);
        free(tn->name);
        free(tn->where);
    }
    free(p->tenants);
    free(p->base);
    free(p->by_name);
    free(p->ports);
    free(p->macs);
    free(p);
}

static bool
tp_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > TENANT_POLICY_NAME_MAX) {
        return false;
    }
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')
              || *s == '_' || *s == '-')) {
            return false;
        }
    }
    return true;
}

static bool
tp_parse_mac(const char *s, uint8_t mac[6])
{
    for (int i = 0; i < 6; i++) {
        int v = 0;
        for (int j = 0; j < 2; j++) {
            int c = (unsigned char) *s++;
            int d = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return false;
            }
            v = v << 4 | d;
        }
        mac[i] = (uint8_t) v;
        if (*s != (i < 5 ? ':' : '\0')) {
            return false;
        }
        s += i < 5;
    }
    return true;
}

/* Parsing state that points into the document (valid during the parse). */
struct tp_parse {
    struct ycfg *y;
    const char *base;
    struct tenant_policy *p;
    struct fy_node **name_nodes;      /* Per tenant. */
    struct fy_node **vlan_nodes;      /* Per tenant, NULL if allocated. */
    struct fy_node **member_nodes;    /* Per member, by 'seq'. */
};

static bool
tp_parse_member(struct tp_parse *ps, struct fy_node *node, size_t t,
                size_t i, struct tenant_policy_member *m)
{
    static const char *const keys[] = { "dpid", "port", "vlan", "mac",
                                        NULL };
    struct ycfg *y = ps->y;
    char path[256], sub[256];
    tp_path(path, sizeof path, ps->base, "tenants[%zu].members[%zu]", t, i);
    m->tenant_idx = t;
    m->idx = i;
    if (!node || fy_node_get_type(node) != FYNT_MAPPING) {
        return ycfg_fail(y, node, path, "expected a mapping ({dpid, port "
                         "[, vlan]} or {mac})");
    }
    if (!ycfg_check_mapping(y, node, path, keys)) {
        return false;
    }
    struct fy_node *mac = ycfg_get(node, "mac");
    if (mac) {
        const char *s;
        tp_path(sub, sizeof sub, ps->base, "tenants[%zu].members[%zu].mac", t,
                i);
        if (ycfg_get(node, "dpid") || ycfg_get(node, "port")
            || ycfg_get(node, "vlan")) {
            return ycfg_fail(y, node, path, "a member is either {mac} or "
                             "{dpid, port [, vlan]}, not both");
        }
        if (!ycfg_scalar_string(y, mac, sub, &s)) {
            return false;
        }
        if (!tp_parse_mac(s, m->mac)) {
            return ycfg_fail(y, mac, sub, "'%.64s' is not a MAC address "
                             "(example: 0a:00:00:00:00:07)", s);
        }
        if (m->mac[0] & 1) {
            return ycfg_fail(y, mac, sub, "%s is a multicast address, not "
                             "a host", s);
        }
        m->kind = TENANT_MEMBER_MAC;
        m->resolved = true;
        m->where = ycfg_where_dup(y, mac);
        ps->member_nodes[m->seq] = mac;
        return true;
    }

    uint64_t dpid = 0, vlan = 0;
    if (!ycfg_require(y, node, path, "dpid")
        || !ycfg_require(y, node, path, "port")
        || !ycfg_uint(y, node, path, "dpid", 0, UINT64_MAX, &dpid)
        || !ycfg_uint(y, node, path, "vlan", 1, 4094, &vlan)) {
        return false;
    }
    m->dpid = dpid;
    m->vlan = (uint16_t) vlan;
    struct fy_node *port = ycfg_get(node, "port");
    tp_path(sub, sizeof sub, ps->base, "tenants[%zu].members[%zu].port", t, i);
    const char *s;
    if (!ycfg_scalar_string(y, port, sub, &s)) {
        return false;
    }
    if (fy_node_get_style(port) == FYNS_PLAIN && *s >= '0' && *s <= '9') {
        uint64_t no;
        if (!ycfg_scalar_uint(y, port, sub, 1, OFPP_MAX, &no)) {
            return false;
        }
        m->kind = TENANT_MEMBER_PORT;
        m->port = (uint32_t) no;
        m->resolved = true;
    } else {
        if (strlen(s) > TENANT_POLICY_PORT_NAME_MAX) {
            return ycfg_fail(y, port, sub, "port name '%.64s' is longer than "
                             "%d bytes", s, TENANT_POLICY_PORT_NAME_MAX);
        }
        m->kind = TENANT_MEMBER_PORT_NAME;
        m->port_name = xstrdup(s);
    }
    m->where = ycfg_where_dup(y, port);
    ps->member_nodes[m->seq] = port;
    return true;
}

static bool
tp_parse_tenant(struct tp_parse *ps, struct fy_node *node, size_t t)
{
    static const char *const keys[] = { "name", "vlan", "members", NULL };
    struct ycfg *y = ps->y;
    struct tenant_policy *p = ps->p;
    struct tenant_policy_tenant *tn = &p->tenants[t];
    char path[256], sub[256];
    tp_path(path, sizeof path, ps->base, "tenants[%zu]", t);
    if (!node || fy_node_get_type(node) != FYNT_MAPPING) {
        return ycfg_fail(y, node, path, "expected a mapping with a name");
    }
    const char *name;
    uint64_t vlan = 0;
    if (!ycfg_check_mapping(y, node, path, keys)
        || !ycfg_require(y, node, path, "name")
        || !ycfg_scalar_string(y, ycfg_get(node, "name"),
                               tp_path(sub, sizeof sub, ps->base,
                                       "tenants[%zu].name", t), &name)) {
        return false;
    }
    ps->name_nodes[t] = ycfg_get(node, "name");
    if (!tp_name_ok(name)) {
        return ycfg_fail(y, ps->name_nodes[t], sub, "'%.64s' is not a valid "
                         "tenant name (1 to %d of a-z, 0-9, '_', '-')", name,
                         TENANT_POLICY_NAME_MAX);
    }
    tn->name = xstrdup(name);
    tn->where = ycfg_where_dup(y, ps->name_nodes[t]);
    if (!ycfg_uint(y, node, path, "vlan", 1, 4094, &vlan)) {
        return false;
    }
    tn->vlan = (uint16_t) vlan;
    ps->vlan_nodes[t] = ycfg_get(node, "vlan");

    struct fy_node *seq = ycfg_get(node, "members");
    size_t n;
    tp_path(sub, sizeof sub, ps->base, "tenants[%zu].members", t);
    if (!ycfg_sequence(y, seq, sub, &n)) {
        return false;
    }
    if (n > TENANT_POLICY_MAX_MEMBERS - p->n_members) {
        return ycfg_fail(y, seq, sub, "more than %d members in all",
                         TENANT_POLICY_MAX_MEMBERS);
    }
    tn->members = n ? xzalloc(n * sizeof *tn->members) : NULL;
    for (size_t i = 0; i < n; i++) {
        struct tenant_policy_member *m = &tn->members[i];
        m->seq = p->n_members;
        ps->member_nodes[m->seq] = ycfg_item(seq, i);
        tn->n_members++;
        p->n_members++;
        if (!tp_parse_member(ps, ps->member_nodes[m->seq], t, i, m)) {
            return false;
        }
    }
    return true;
}

static int
tp_name_cmp(const struct tenant_policy *p, size_t a, size_t b)
{
    return strcmp(p->tenants[a].name, p->tenants[b].name);
}

/* Sorts tenant indices by name.  qsort() takes no context, so a merge sort
 * with the policy passed explicitly; it is stable, so equal names keep
 * their config order. */
static void
tp_sort_names(const struct tenant_policy *p, size_t *v, size_t *tmp, size_t n)
{
    if (n < 2) {
        return;
    }
    size_t h = n / 2;
    tp_sort_names(p, v, tmp, h);
    tp_sort_names(p, v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        tmp[k++] = tp_name_cmp(p, v[i], v[j]) <= 0 ? v[i++]
                                                             : v[j++];
    }
    while (i < h) {
        tmp[k++] = v[i++];
    }
    while (j < n) {
        tmp[k++] = v[j++];
    }
    memcpy(v, tmp, n * sizeof *v);
}

static bool
tp_check_names(struct tp_parse *ps)
{
    struct tenant_policy *p = ps->p;
    size_t n = p->n_tenants;
    p->by_name = n ? xmalloc(n * sizeof *p->by_name) : NULL;
    size_t *tmp = n ? xmalloc(n * sizeof *tmp) : NULL;
    for (size_t i = 0; i < n; i++) {
        p->by_name[i] = i;
    }
    tp_sort_names(p, p->by_name, tmp, n);
    free(tmp);
    for (size_t i = 1; i < n; i++) {
        size_t a = p->by_name[i - 1], b = p->by_name[i];
        if (!strcmp(p->tenants[a].name, p->tenants[b].name)) {
            char path[256];
            /* The merge sort is stable: 'a' comes first in the config. */
            return ycfg_fail(ps->y, ps->name_nodes[b],
                             tp_path(path, sizeof path, ps->base,
                                     "tenants[%zu].name", b),
                             "duplicate tenant name '%s' (first at %s)",
                             p->tenants[b].name, p->tenants[a].where);
        }
    }
    return true;
}

static bool
tp_assign_vlans(struct tp_parse *ps)
{
    struct tenant_policy *p = ps->p;
    /* owner[v]: 1 + the index of the tenant with VLAN v, 0 if free. */
    size_t *owner = xzalloc(4095 * sizeof *owner);
    char path[256];
    bool ok = true;
    for (size_t t = 0; ok && t < p->n_tenants; t++) {
        struct tenant_policy_tenant *tn = &p->tenants[t];
        if (!tn->vlan) {
            continue;
        }
        if (owner[tn->vlan]) {
            const struct tenant_policy_tenant *o = &p->tenants[owner[tn->vlan]
                                                               - 1];
            ok = ycfg_fail(ps->y, ps->vlan_nodes[t],
                           tp_path(path, sizeof path, ps->base,
                                   "tenants[%zu].vlan", t),
                           "VLAN %u is already the VLAN of tenant '%s' "
                           "(%s)", tn->vlan, o->name, o->where);
        }
        owner[tn->vlan] = t + 1;
    }
    /* Lowest free VLAN, in config order: the cursor only moves up, since
     * a VLAN free now was free for every earlier tenant too. */
    unsigned int next = p->vlan_min;
    for (size_t t = 0; ok && t < p->n_tenants; t++) {
        struct tenant_policy_tenant *tn = &p->tenants[t];
        if (tn->vlan) {
            continue;
        }
        while (next <= p->vlan_max && owner[next]) {
            next++;
        }
        if (next > p->vlan_max) {
            ok = ycfg_fail(ps->y, ps->name_nodes[t],
                           tp_path(path, sizeof path, ps->base,
                                   "tenants[%zu]", t),
                           "no free VLAN left in vlan_range [%u, %u] for "
                           "tenant '%s'", p->vlan_min, p->vlan_max,
                           tn->name);
            break;
        }
        tn->vlan = (uint16_t) next;
        tn->vlan_allocated = true;
        owner[next] = t + 1;
    }
    free(owner);
    return ok;
}

/* A member (same port and access VLAN, same port name, or same MAC) in
 * two places is refused at the later place, naming the earlier one. */
static bool
tp_check_members(struct tp_parse *ps)
{
    struct tenant_policy *p = ps->p;
    size_t n = 0;
    const struct tenant_policy_member **v =
        p->n_members ? xmalloc(p->n_members * sizeof *v) : NULL;
    for (size_t t = 0; t < p->n_tenants; t++) {
        for (size_t i = 0; i < p->tenants[t].n_members; i++) {
            v[n++] = &p->tenants[t].members[i];
        }
    }
    if (n) {
        qsort(v, n, sizeof *v, tp_member_ptr_cmp);
    }
    bool ok = true;
    for (size_t i = 1; ok && i < n; i++) {
        const struct tenant_policy_member *a = v[i - 1], *b = v[i];
        if (tp_member_cmp(a, b)) {
            continue;
        }
        char path[256];
        const struct tenant_policy_tenant *ta = &p->tenants[a->tenant_idx];
        tp_path(path, sizeof path, ps->base, "tenants[%zu].members[%zu]",
                b->tenant_idx, b->idx);
        if (a->tenant_idx == b->tenant_idx) {
            ok = ycfg_fail(ps->y, ps->member_nodes[b->seq], path,
                           "duplicate member of tenant '%s' (first at %s)",
                           ta->name, a->where);
        } else {
            ok = ycfg_fail(ps->y, ps->member_nodes[b->seq], path,
                           "already a member of tenant '%s' (%s); a member "
                           "belongs to one tenant", ta->name, a->where);
        }
    }
    free(v);
    return ok;
}

static bool
tp_parse_settings(struct tp_parse *ps, struct fy_node *settings)
{
    static const char *const keys[] = { "vlan_range", "default", "tenants",
                                        NULL };
    struct ycfg *y = ps->y;
    struct tenant_policy *p = ps->p;
    char path[256];
    if (!ycfg_check_mapping(y, settings, ps->base, keys)) {
        return false;
    }

    struct fy_node *range = ycfg_get(settings, "vlan_range");
    if (range) {
        size_t n;
        uint64_t lo, hi;
        tp_path(path, sizeof path, ps->base, "vlan_range");
        if (!ycfg_sequence(y, range, path, &n)) {
            return false;
        }
        if (n != 2) {
            return ycfg_fail(y, range, path, "expected [LOWEST, HIGHEST], "
                             "got %zu items", n);
        }
        if (!ycfg_scalar_uint(y, ycfg_item(range, 0), path, 1, 4094, &lo)
            || !ycfg_scalar_uint(y, ycfg_item(range, 1), path, 1, 4094,
                                 &hi)) {
            return false;
        }
        if (lo > hi) {
            return ycfg_fail(y, range, path, "lowest VLAN %" PRIu64
                             " is above highest %" PRIu64, lo, hi);
        }
        p->vlan_min = (uint16_t) lo;
        p->vlan_max = (uint16_t) hi;
    }

    struct fy_node *seq = ycfg_get(settings, "tenants");
    size_t n;
    tp_path(path, sizeof path, ps->base, "tenants");
    if (!ycfg_sequence(y, seq, path, &n)) {
        return false;
    }
    if (n > TENANT_POLICY_MAX_TENANTS) {
        return ycfg_fail(y, seq, path, "at most %d tenants",
                         TENANT_POLICY_MAX_TENANTS);
    }
    /* Count the members first to size the node table. */
    size_t n_members = 0;
    for (size_t t = 0; t < n; t++) {
        struct fy_node *ms = ycfg_get(ycfg_item(seq, t), "members");
        if (ms && fy_node_get_type(ms) == FYNT_SEQUENCE) {
            n_members += (size_t) fy_node_sequence_item_count(ms);
        }
    }
    if (n_members > TENANT_POLICY_MAX_MEMBERS) {
        return ycfg_fail(y, seq, path, "%zu members, at most %d in all",
                         n_members, TENANT_POLICY_MAX_MEMBERS);
    }
    p->tenants = n ? xzalloc(n * sizeof *p->tenants) : NULL;
    ps->name_nodes = n ? xzalloc(n * sizeof *ps->name_nodes) : NULL;
    ps->vlan_nodes = n ? xzalloc(n * sizeof *ps->vlan_nodes) : NULL;
    ps->member_nodes = n_members ? xzalloc(n_members
                                           * sizeof *ps->member_nodes)
                                 : NULL;
    for (size_t t = 0; t < n; t++) {
        p->n_tenants++;
        if (!tp_parse_tenant(ps, ycfg_item(seq, t), t)) {
            return false;
        }
    }
    if (!tp_check_names(ps) || !tp_assign_vlans(ps)
        || !tp_check_members(ps)) {
        return false;
    }

    struct fy_node *dflt = ycfg_get(settings, "default");
    if (dflt) {
        const char *s;
        tp_path(path, sizeof path, ps->base, "default");
        if (!ycfg_scalar_string(y, dflt, path, &s)) {
            return false;
        }
        p->dflt = tenant_policy_find(p, s);
        if (!p->dflt) {
            return ycfg_fail(y, dflt, path, "no tenant is named '%.64s'", s);
        }
    }
    return true;
}

bool
tenant_policy_parse(struct ycfg *y, struct fy_node *settings,
                    const char *path, struct tenant_policy **out)
{
    struct tenant_policy *p = xzalloc(sizeof *p);
    p->vlan_min = TENANT_POLICY_VLAN_MIN_DEFAULT;
    p->vlan_max = TENANT_POLICY_VLAN_MAX_DEFAULT;
    p->base = xstrdup(path ? path : "");
    struct tp_parse ps = { .y = y, .base = path, .p = p };
    bool ok = tp_parse_settings(&ps, settings);
    free(ps.name_nodes);
    free(ps.vlan_nodes);
    free(ps.member_nodes);
    if (!ok) {
        tenant_policy_destroy(p);
        *out = NULL;
        return false;
    }
    tp_index(p);
    *out = p;
    return true;
}

size_t
tenant_policy_n_tenants(const struct tenant_policy *p)
{
    return p->n_tenants;
}

const struct tenant_policy_tenant *
tenant_policy_tenant(const struct tenant_policy *p, size_t i)
{
    return i < p->n_tenants ? &p->tenants[i] : NULL;
}

const struct tenant_policy_tenant *
tenant_policy_find(const struct tenant_policy *p, const char *name)
{
    size_t lo = 0, hi = p->n_tenants;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct tenant_policy_tenant *t = &p->tenants[p->by_name[mid]];
        int c = strcmp(name, t->name);
        if (!c) {
            return t;
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return NULL;
}

const struct tenant_policy_tenant *
tenant_policy_default(const struct tenant_policy *p)
{
    return p->dflt;
}

void
tenant_policy_vlan_range(const struct tenant_policy *p, uint16_t *min,
                         uint16_t *max)
{
    *min = p->vlan_min;
    *max = p->vlan_max;
}

static int
tp_port_by_name_cmp(const void *a_, const void *b_)
{
    const struct tenant_policy_port *a = a_, *b = b_;
    return strcmp(a->name, b->name);
}

void
tenant_policy_forget_switch(struct tenant_policy *p, uint64_t dpid)
{
    for (size_t t = 0; t < p->n_tenants; t++) {
        struct tenant_policy_tenant *tn = &p->tenants[t];
        for (size_t i = 0; i < tn->n_members; i++) {
            struct tenant_policy_member *m = &tn->members[i];
            if (m->kind == TENANT_MEMBER_PORT_NAME && m->dpid == dpid) {
                m->resolved = false;
                m->port = 0;
            }
        }
    }
    tp_index(p);
}

bool
tenant_policy_resolve_names(struct tenant_policy *p, uint64_t dpid,
                            const struct tenant_policy_port *ports,
                            size_t n_ports, char **errors)
{
    struct tenant_policy_port *sorted = NULL;
    size_t n_sorted = 0;
    struct ds errs = DS_EMPTY_INITIALIZER;
    if (n_ports) {
        sorted = xmalloc(n_ports * sizeof *sorted);
        for (size_t i = 0; i < n_ports; i++) {
            if (ports[i].name) {
                sorted[n_sorted++] = ports[i];
            }
        }
        if (n_sorted) {
            qsort(sorted, n_sorted, sizeof *sorted, tp_port_by_name_cmp);
        }
    }
    for (size_t t = 0; t < p->n_tenants; t++) {
        struct tenant_policy_tenant *tn = &p->tenants[t];
        for (size_t i = 0; i < tn->n_members; i++) {
            struct tenant_policy_member *m = &tn->members[i];
            if (m->kind != TENANT_MEMBER_PORT_NAME || m->dpid != dpid) {
                continue;
            }
            struct tenant_policy_port key = { .name = m->port_name };
            const struct tenant_policy_port *found =
                n_sorted ? bsearch(&key, sorted, n_sorted, sizeof *sorted,
                                   tp_port_by_name_cmp) : NULL;
            m->resolved = found != NULL;
            m->port = found ? found->port_no : 0;
            if (!found) {
                char path[256];
                ds_put_format(&errs, "%s: %s: switch %" PRIu64 " has no "
                              "port named '%s'\n", m->where,
                              tp_path(path, sizeof path, p->base,
                                      "tenants[%zu].members[%zu].port", t, i),
                              dpid, m->port_name);
            }
        }
    }
    free(sorted);

    /* A name may turn out to be a port another tenant claims by number (or
     * by another name): the named member loses, the later one if both are
     * named.  Each round unresolves at least one member. */
    bool again = true;
    while (again) {
        again = false;
        tp_index(p);
        for (size_t i = 1; !again && i < p->n_ports; i++) {
            const struct tp_port_entry *a = &p->ports[i - 1];
            const struct tp_port_entry *b = &p->ports[i];
            if (tp_port_key_cmp(a, b)
                || a->m->tenant_idx == b->m->tenant_idx) {
                continue;
            }
            const struct tenant_policy_member *lose =
                b->m->kind == TENANT_MEMBER_PORT_NAME ? b->m : a->m;
            const struct tenant_policy_member *keep =
                lose == b->m ? a->m : b->m;
            struct tenant_policy_member *l =
                &p->tenants[lose->tenant_idx].members[lose->idx];
            char path[256];
            ds_put_format(&errs, "%s: %s: port '%s' of switch %" PRIu64
                          " is port %" PRIu32 ", already a member of tenant "
                          "'%s' (%s)\n", l->where,
                          tp_path(path, sizeof path, p->base,
                                  "tenants[%zu].members[%zu].port",
                                  l->tenant_idx, l->idx), l->port_name,
                          dpid, l->port, p->tenants[keep->tenant_idx].name,
                          keep->where);
            l->resolved = false;
            l->port = 0;
            again = true;
        }
    }
    *errors = errs.length ? ds_steal(&errs) : NULL;
    ds_destroy(&errs);
    return *errors == NULL;
}

static const struct tenant_policy_tenant *
tp_lookup_port(const struct tenant_policy *p, uint64_t dpid, uint32_t port,
               uint16_t vlan)
{
    struct tp_port_entry key = { .dpid = dpid, .port = port, .vlan = vlan };
    size_t lo = 0, hi = p->n_ports;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = tp_port_key_cmp(&key, &p->ports[mid]);
        if (!c) {
            return &p->tenants[p->ports[mid].m->tenant_idx];
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return NULL;
}

const struct tenant_policy_tenant *
tenant_policy_classify(const struct tenant_policy *p, uint64_t dpid,
                       uint32_t port, uint16_t vlan, const uint8_t mac[6])
{
    const struct tenant_policy_tenant *t = NULL;
    if (vlan) {
        t = tp_lookup_port(p, dpid, port, vlan);
    }
    if (!t) {
        t = tp_lookup_port(p, dpid, port, 0);
    }
    if (!t && mac && p->n_macs) {
        struct tenant_policy_member km = { .kind = TENANT_MEMBER_MAC };
        const struct tenant_policy_member *kp = &km;
        memcpy(km.mac, mac, 6);
        const struct tenant_policy_member *const *found =
            bsearch(&kp, p->macs, p->n_macs, sizeof *p->macs, tp_mac_cmp);
        if (found) {
            t = &p->tenants[(*found)->tenant_idx];
        }
    }
    return t ? t : p->dflt;
}

static void
tp_emit(tenant_policy_diff_cb *cb, const struct tenant_policy_change *ch,
        void *aux)
{
    if (cb) {
        cb(ch, aux);
    }
}

/* Emits a change of a whole tenant (or of the default); returns 1, the
 * number of changes it counts for. */
static size_t
tp_emit_tenant(tenant_policy_diff_cb *cb, void *aux,
               enum tenant_policy_change_type type,
               const struct tenant_policy_tenant *old,
               const struct tenant_policy_tenant *new)
{
    struct tenant_policy_change ch = {
        .type = type, .old_tenant = old, .new_tenant = new,
    };
    tp_emit(cb, &ch, aux);
    return 1;
}

/* The members of 'tn' sorted by identity (malloc'd, caller frees). */
static const struct tenant_policy_member **
tp_sorted_members(const struct tenant_policy_tenant *tn)
{
    const struct tenant_policy_member **v =
        tn->n_members ? xmalloc(tn->n_members * sizeof *v) : NULL;
    for (size_t i = 0; i < tn->n_members; i++) {
        v[i] = &tn->members[i];
    }
    if (tn->n_members) {
        qsort(v, tn->n_members, sizeof *v, tp_member_ptr_cmp);
    }
    return v;
}

/* Reports members of 'from' that 'to' does not have, in 'from' config
 * order, as 'type' changes. */
static size_t
tp_diff_members(const struct tenant_policy_tenant *from,
                const struct tenant_policy_tenant *to,
                enum tenant_policy_change_type type,
                tenant_policy_diff_cb *cb, void *aux)
{
    const struct tenant_policy_member **v = tp_sorted_members(to);
    size_t n = 0;
    for (size_t i = 0; i < from->n_members; i++) {
        const struct tenant_policy_member *m = &from->members[i];
        size_t lo = 0, hi = to->n_members;
        bool found = false;
        while (lo < hi && !found) {
            size_t mid = lo + (hi - lo) / 2;
            int c = tp_member_cmp(m, v[mid]);
            found = !c;
            if (c < 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (!found) {
            struct tenant_policy_change ch = {
                .type = type,
                .old_tenant = type == TENANT_POLICY_MEMBER_REMOVED ? from : to,
                .new_tenant = type == TENANT_POLICY_MEMBER_REMOVED ? to : from,
                .member = m,
            };
            tp_emit(cb, &ch, aux);
            n++;
        }
    }
    free(v);
    return n;
}

size_t
tenant_policy_diff(const struct tenant_policy *old,
                   const struct tenant_policy *new,
                   tenant_policy_diff_cb *cb, void *aux)
{
    size_t n_old = old ? old->n_tenants : 0;
    size_t n_new = new ? new->n_tenants : 0;
    size_t n = 0;
    for (size_t i = 0; i < n_old; i++) {
        const struct tenant_policy_tenant *o = &old->tenants[i];
        const struct tenant_policy_tenant *t = new ? tenant_policy_find(
                                                   new, o->name) : NULL;
        if (!t) {
            n += tp_emit_tenant(cb, aux, TENANT_POLICY_TENANT_REMOVED, o,
                                NULL);
        } else {
            n += tp_diff_members(o, t, TENANT_POLICY_MEMBER_REMOVED, cb, aux);
        }
    }

    const struct tenant_policy_tenant *od = old ? old->dflt : NULL;
    const struct tenant_policy_tenant *nd = new ? new->dflt : NULL;
    if ((od == NULL) != (nd == NULL) || (od && strcmp(od->name, nd->name))) {
        n += tp_emit_tenant(cb, aux, TENANT_POLICY_DEFAULT_CHANGED, od, nd);
    }

    for (size_t i = 0; i < n_new; i++) {
        const struct tenant_policy_tenant *t = &new->tenants[i];
        const struct tenant_policy_tenant *o = old ? tenant_policy_find(
                                                   old, t->name) : NULL;
        if (o && o->vlan != t->vlan) {
            n += tp_emit_tenant(cb, aux, TENANT_POLICY_VLAN_CHANGED, o, t);
        }
    }

    for (size_t i = 0; i < n_new; i++) {
        const struct tenant_policy_tenant *t = &new->tenants[i];
        const struct tenant_policy_tenant *o = old ? tenant_policy_find(
                                                   old, t->name) : NULL;
        if (!o) {
            n += tp_emit_tenant(cb, aux, TENANT_POLICY_TENANT_ADDED, NULL, t);
        } else {
            n += tp_diff_members(t, o, TENANT_POLICY_MEMBER_ADDED, cb, aux);
        }
    }
    return n;
}
