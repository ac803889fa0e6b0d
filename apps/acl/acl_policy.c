/* The ACL policy model: see acl_policy.h and docs/acl.md.
 *
 * Parsing follows controller/flowjson.c: ycfg's typed getters for the
 * structure, ofp_field_parse() for addresses (its messages become ycfg
 * errors at the offending node), ofp_match_check() for prerequisites.
 * Keys are read in a fixed order, not the document's, so that an error
 * between two keys (an IPv4 src with an IPv6 dst) is always reported at the
 * same one. */
#include <config.h>

#include "apps/acl/acl_policy.h"

#include <inttypes.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canopy/ycfg.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/siphash.h"

/* Longest path we build; list names are short, so this is ample. */
#define ACL_PATH_MAX 256

static const char *const acl_action_names[] = { "allow", "deny", NULL };

static const char *const acl_top_keys[] = {
    "lists", "apply", "default", NULL,
};
static const char *const acl_list_keys[] = { "default", "rules", NULL };
static const char *const acl_rule_keys[] = {
    "action", "in_port", "eth_src", "eth_dst", "eth_type", "vlan", "src",
    "dst", "proto", "src_port", "dst_port", "icmp_type", "icmp_code", "log",
    "count", "stateful", NULL,
};
static const char *const acl_apply_keys[] = {
    "list", "tenant", "port", NULL,
};
static const char *const acl_port_keys[] = { "dpid", "port", NULL };

static const struct acl_policy_limits acl_default_limits = {
    .max_rules_per_list = ACL_POLICY_MAX_RULES_PER_LIST,
    .max_rules = ACL_POLICY_MAX_RULES,
    .max_lists = ACL_POLICY_MAX_LISTS,
    .max_apply = ACL_POLICY_MAX_APPLY,
};

#define IPPROTO_ICMP_ 1
#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17
#define IPPROTO_ICMPV6_ 58
#define ETH_TYPE_IPV4 0x0800
#define ETH_TYPE_IPV6 0x86dd
#define ACL_OFPP_MAX 0xffffff00u

const char *
acl_action_name(enum acl_action a)
{
    return a == ACL_ALLOW ? "allow" : "deny";
}

/* ---- Parsing. ----------------------------------------------------------- */

/* What one rule says, before it becomes matches. */
struct acl_rule_spec {
    struct ofp_match base;      /* in_port, eth_*, vlan, addresses. */
    int family;                 /* 0 (none), 4 or 6. */
    int proto;                  /* -1 if absent, else 0..255. */
    int src_port, dst_port;     /* -1 if absent. */
    int icmp_type, icmp_code;   /* -1 if absent. */
};

/* Marks a path that did not fit (it only ever appears in messages). */
static char *
acl_truncated(char *buf, int n)
{
    if (n < 0 || n >= ACL_PATH_MAX) {
        strcpy(buf + ACL_PATH_MAX - 4, "...");
    }
    return buf;
}

static char *
acl_join(char *buf, const char *path, const char *key)
{
    return acl_truncated(buf, snprintf(buf, ACL_PATH_MAX, "%s%s%s", path,
                                       *path ? "." : "", key));
}

static char *
acl_index(char *buf, const char *path, size_t i)
{
    return acl_truncated(buf, snprintf(buf, ACL_PATH_MAX, "%s[%zu]", path,
                                       i));
}

static bool
acl_name_ok(const char *name)
{
    size_t len = strlen(name);
    return (len && len <= ACL_POLICY_NAME_MAX
            && strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") == len);
}

/* Reads value 'key' of 'map' (if present) as field 'f' with an optional
 * mask into 'm'.  Returns false on error; '*node' is the value's node or
 * NULL if absent. */
static bool
acl_parse_field(struct ycfg *y, struct fy_node *map, const char *path,
                const char *key, enum ofp_field f, struct ofp_match *m)
{
    struct fy_node *node = ycfg_get(map, key);
    char full[ACL_PATH_MAX];
    const char *text;
    if (!node) {
        return true;
    }
    acl_join(full, path, key);
    if (!ycfg_scalar_string(y, node, full, &text)) {
        return false;
    }
    union ofp_field_value v, mk;
    struct ds error = DS_EMPTY_INITIALIZER;
    bool ok = ofp_field_parse(f, text, &v, &mk, NULL, &error);
    if (ok) {
        ofp_match_set(m, f, &v, &mk);
    } else {
        ycfg_fail(y, node, full, "%s", ds_cstr(&error));
    }
    ds_destroy(&error);
    return ok;
}

/* An address key, "src" or "dst": IPv4 or IPv6 with an optional prefix.
 * Sets the family in 'spec', refusing a second one. */
static bool
acl_parse_addr(struct ycfg *y, struct fy_node *map, const char *path,
               const char *key, struct acl_rule_spec *spec,
               const char **family_key)
{
    struct fy_node *node = ycfg_get(map, key);
    char full[ACL_PATH_MAX];
    const char *text;
    if (!node) {
        return true;
    }
    acl_join(full, path, key);
    if (!ycfg_scalar_string(y, node, full, &text)) {
        return false;
    }
    bool src = !strcmp(key, "src");
    int family = strchr(text, ':') ? 6 : 4;
    enum ofp_field f = (family == 6
                        ? (src ? OFPF_IPV6_SRC : OFPF_IPV6_DST)
                        : (src ? OFPF_IPV4_SRC : OFPF_IPV4_DST));
    if (spec->family && spec->family != family) {
        return ycfg_fail(y, node, full, "%s is IPv%d but %s is IPv%d: one "
                         "rule matches one address family", key, family,
                         *family_key, spec->family);
    }
    if (!acl_parse_field(y, map, path, key, f, &spec->base)) {
        return false;
    }
    spec->family = family;
    *family_key = key;
    return true;
}

/* "proto": a name or a number. */
static bool
acl_parse_proto(struct ycfg *y, struct fy_node *map, const char *path,
                struct acl_rule_spec *spec, const char **family_key)
{
    static const struct { const char *name; int proto, family; } names[] = {
        { "tcp", IPPROTO_TCP_, 0 },
        { "udp", IPPROTO_UDP_, 0 },
        { "icmp", IPPROTO_ICMP_, 4 },
        { "icmpv6", IPPROTO_ICMPV6_, 6 },
    };
    struct fy_node *node = ycfg_get(map, "proto");
    char full[ACL_PATH_MAX];
    const char *text;
    if (!node) {
        return true;
    }
    acl_join(full, path, "proto");
    if (!ycfg_scalar_string(y, node, full, &text)) {
        return false;
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (!strcmp(text, names[i].name)) {
            int family = names[i].family;
            if (family && spec->family && family != spec->family) {
                return ycfg_fail(y, node, full, "proto %s is IPv%d only, but "
                                 "%s is IPv%d", text, family, *family_key,
                                 spec->family);
            }
            if (family) {
                spec->family = family;
                *family_key = "proto";
            }
            spec->proto = names[i].proto;
            return true;
        }
    }
    uint64_t x;
    if (fy_node_get_style(node) != FYNS_PLAIN
        || strspn(text, "0123456789") != strlen(text)) {
        return ycfg_fail(y, node, full, "expected tcp, udp, icmp, icmpv6 or "
                         "a number from 0 to 255, got '%.40s'", text);
    }
    if (!ycfg_scalar_uint(y, node, full, 0, 255, &x)) {
        return false;
    }
    spec->proto = (int) x;
    return true;
}

/* A number key in [min, max] into '*out' (left alone if absent), with a
 * check that 'proto' is one of 'p1', 'p2'. */
static bool
acl_parse_l4(struct ycfg *y, struct fy_node *map, const char *path,
             const char *key, uint64_t min, uint64_t max,
             const struct acl_rule_spec *spec, int p1, int p2,
             const char *needs, int *out)
{
    struct fy_node *node = ycfg_get(map, key);
    char full[ACL_PATH_MAX];
    uint64_t x;
    if (!node) {
        return true;
    }
    acl_join(full, path, key);
    if (!ycfg_scalar_uint(y, node, full, min, max, &x)) {
        return false;
    }
    if (spec->proto != p1 && spec->proto != p2) {
        return ycfg_fail(y, node, full, "%s requires proto %s", key, needs);
    }
    *out = (int) x;
    return true;
}

/* Fills 'm' from 'spec' for IP family 'family' (0: no IP fields). */
static void
acl_build_match(const struct acl_rule_spec *spec, int family,
                struct ofp_match *m)
{
    *m = spec->base;
    if (!family) {
        return;
    }
    ofp_match_set_eth_type(m, family == 6 ? ETH_TYPE_IPV6 : ETH_TYPE_IPV4);
    if (spec->proto < 0) {
        return;
    }
    ofp_match_set_ip_proto(m, (uint8_t) spec->proto);

    union ofp_field_value v;
    memset(&v, 0, sizeof v);
    bool tcp = spec->proto == IPPROTO_TCP_;
    if (spec->src_port >= 0) {
        v.u16 = (uint16_t) spec->src_port;
        ofp_match_set(m, tcp ? OFPF_TCP_SRC : OFPF_UDP_SRC, &v, NULL);
    }
    if (spec->dst_port >= 0) {
        v.u16 = (uint16_t) spec->dst_port;
        ofp_match_set(m, tcp ? OFPF_TCP_DST : OFPF_UDP_DST, &v, NULL);
    }
    memset(&v, 0, sizeof v);
    if (spec->icmp_type >= 0) {
        v.u8 = (uint8_t) spec->icmp_type;
        ofp_match_set(m, family == 6 ? OFPF_ICMPV6_TYPE : OFPF_ICMPV4_TYPE,
                      &v, NULL);
    }
    if (spec->icmp_code >= 0) {
        v.u8 = (uint8_t) spec->icmp_code;
        ofp_match_set(m, family == 6 ? OFPF_ICMPV6_CODE : OFPF_ICMPV4_CODE,
                      &v, NULL);
    }
}

/* Parses rule 'node' at 'path' into 'rule' (whose 'where' and 'matches'
 * the caller frees, set or not). */
static bool
acl_parse_rule(struct ycfg *y, struct fy_node *node, const char *path,
               struct acl_rule *rule)
{
    struct acl_rule_spec spec;
    const char *family_key = NULL;
    char full[ACL_PATH_MAX];
    int action = ACL_DENY;
    uint64_t x;

    memset(rule, 0, sizeof *rule);
    if (!node || fy_node_get_type(node) != FYNT_MAPPING) {
        return ycfg_fail(y, node, path, "expected a mapping (a rule), got "
                         "%s", !node ? "nothing"
                         : fy_node_get_type(node) == FYNT_SEQUENCE
                         ? "a list" : "a scalar");
    }
    if (!ycfg_check_mapping(y, node, path, acl_rule_keys)
        || !ycfg_require(y, node, path, "action")
        || !ycfg_enum(y, node, path, "action", acl_action_names, &action)) {
        return false;
    }
    rule->action = (enum acl_action) action;
    rule->where = ycfg_where_dup(y, node);

    memset(&spec, 0, sizeof spec);
    ofp_match_init_catchall(&spec.base);
    spec.proto = spec.src_port = spec.dst_port = -1;
    spec.icmp_type = spec.icmp_code = -1;

    if (!ycfg_uint(y, node, path, "in_port", 1, ACL_OFPP_MAX, &x)) {
        return false;
    }
    if (ycfg_get(node, "in_port")) {
        ofp_match_set_in_port(&spec.base, (uint32_t) x);
    }
    if (!acl_parse_field(y, node, path, "eth_src", OFPF_ETH_SRC, &spec.base)
        || !acl_parse_field(y, node, path, "eth_dst", OFPF_ETH_DST,
                            &spec.base)
        || !acl_parse_field(y, node, path, "eth_type", OFPF_ETH_TYPE,
                            &spec.base)) {
        return false;
    }
    if (ofp_match_has(&spec.base, OFPF_ETH_TYPE)) {
        uint16_t et = spec.base.v.eth_type;
        if (et == ETH_TYPE_IPV4 || et == ETH_TYPE_IPV6) {
            spec.family = et == ETH_TYPE_IPV4 ? 4 : 6;
            family_key = "eth_type";
        }
    }

    struct fy_node *vlan = ycfg_get(node, "vlan");
    if (vlan) {
        const char *text;
        acl_join(full, path, "vlan");
        if (fy_node_get_type(vlan) == FYNT_SCALAR
            && (text = fy_node_get_scalar0(vlan)) && !strcmp(text, "none")) {
            ofp_match_set_no_vlan(&spec.base);
        } else if (!ycfg_scalar_uint(y, vlan, full, 0, 4095, &x)) {
            return false;
        } else {
            ofp_match_set_vlan_vid(&spec.base, (uint16_t) x);
        }
    }

    if (!acl_parse_addr(y, node, path, "src", &spec, &family_key)
        || !acl_parse_addr(y, node, path, "dst", &spec, &family_key)
        || !acl_parse_proto(y, node, path, &spec, &family_key)) {
        return false;
    }
    bool ip = spec.family || spec.proto >= 0;
    if (ip && ofp_match_has(&spec.base, OFPF_ETH_TYPE)) {
        /* eth_type 0x0800 or 0x86dd set the family before the addresses
         * were read, so any other value is a conflict. */
        uint16_t et = spec.base.v.eth_type;
        if (et != ETH_TYPE_IPV4 && et != ETH_TYPE_IPV6) {
            const char *key = ycfg_get(node, "src") ? "src"
                              : ycfg_get(node, "dst") ? "dst" : "proto";
            return ycfg_fail(y, ycfg_get(node, key),
                             acl_join(full, path, key), "%s requires "
                             "eth_type 0x0800 or 0x86dd, but eth_type is "
                             "0x%04"PRIx16, key, et);
        }
    }

    if (!acl_parse_l4(y, node, path, "src_port", 1, 65535, &spec,
                      IPPROTO_TCP_, IPPROTO_UDP_, "tcp or udp",
                      &spec.src_port)
        || !acl_parse_l4(y, node, path, "dst_port", 1, 65535, &spec,
                         IPPROTO_TCP_, IPPROTO_UDP_, "tcp or udp",
                         &spec.dst_port)
        || !acl_parse_l4(y, node, path, "icmp_type", 0, 255, &spec,
                         IPPROTO_ICMP_, IPPROTO_ICMPV6_, "icmp or icmpv6",
                         &spec.icmp_type)
        || !acl_parse_l4(y, node, path, "icmp_code", 0, 255, &spec,
                         IPPROTO_ICMP_, IPPROTO_ICMPV6_, "icmp or icmpv6",
                         &spec.icmp_code)) {
        return false;
    }

    bool log = false, count = true, stateful = false;
    if (!ycfg_bool(y, node, path, "log", &log)
        || !ycfg_bool(y, node, path, "count", &count)
        || !ycfg_bool(y, node, path, "stateful", &stateful)) {
        return false;
    }
    if (stateful) {
        struct fy_node *s = ycfg_get(node, "stateful");
        acl_join(full, path, "stateful");
        if (rule->action != ACL_ALLOW) {
            return ycfg_fail(y, s, full, "stateful requires action allow");
        }
        if (spec.proto != IPPROTO_TCP_ && spec.proto != IPPROTO_UDP_) {
            return ycfg_fail(y, s, full, "stateful requires proto tcp or "
                             "udp");
        }
    }
    rule->flags = ((log ? ACL_RULE_LOG : 0) | (count ? ACL_RULE_COUNT : 0)
                   | (stateful ? ACL_RULE_STATEFUL : 0));

    struct ofp_match matches[2];
    size_t n_matches;
    if (ip && !spec.family) {
        acl_build_match(&spec, 4, &matches[0]);
        acl_build_match(&spec, 6, &matches[1]);
        n_matches = 2;
    } else {
        acl_build_match(&spec, spec.family, &matches[0]);
        n_matches = 1;
    }

    /* What the keys above cannot get wrong by construction (eth_type and
     * a VLAN, say) the prerequisites check catches. */
    for (size_t i = 0; i < n_matches; i++) {
        struct ds why = DS_EMPTY_INITIALIZER;
        if (ofp_match_check(&matches[i], 0, &why, NULL)) {
            ycfg_fail(y, node, path, "%s", ds_cstr(&why));
            ds_destroy(&why);
            return false;
        }
        ds_destroy(&why);
    }
    /* Only the matches the rule has: most have one, and a match is some
     * 360 bytes. */
    rule->matches = xmalloc(n_matches * sizeof *rule->matches);
    memcpy(rule->matches, matches, n_matches * sizeof *matches);
    rule->n_matches = n_matches;
    return true;
}

static void
acl_list_free(struct acl_list *l)
{
    for (size_t i = 0; i < l->n_rules; i++) {
        free(l->rules[i].matches);
        free(l->rules[i].where);
    }
    free(l->rules);
    free(l->name);
    free(l->where);
}

/* Parses list 'name' (key node 'key', value 'node') into 'l'.  '*total'
 * counts rules over all lists. */
static bool
acl_parse_list(struct ycfg *y, struct fy_node *key, struct fy_node *node,
               const char *path, const struct acl_policy_limits *limits,
               size_t *total, struct acl_list *l)
{
    char lpath[ACL_PATH_MAX], rpath[ACL_PATH_MAX];
    const char *name = fy_node_get_scalar0(key);
    int def = ACL_DENY;
    size_t n;

    if (!acl_name_ok(name)) {
        return ycfg_fail(y, key, path, "list name '%.64s' must be 1 to %d "
                         "characters among a-z 0-9 _ -", name,
                         ACL_POLICY_NAME_MAX);
    }
    l->name = xstrdup(name);
    l->where = ycfg_where_dup(y, key);
    acl_join(lpath, path, name);
    if (!ycfg_check_mapping(y, node, lpath, acl_list_keys)
        || !ycfg_enum(y, node, lpath, "default", acl_action_names, &def)) {
        return false;
    }
    l->default_action = (enum acl_action) def;

    struct fy_node *rules = ycfg_get(node, "rules");
    acl_join(rpath, lpath, "rules");
    if (!ycfg_sequence(y, rules, rpath, &n)) {
        return false;
    }
    if (n > limits->max_rules_per_list) {
        return ycfg_fail(y, rules, rpath, "at most %zu rules per list, got "
                         "%zu", limits->max_rules_per_list, n);
    }
    if (n > limits->max_rules - *total) {
        return ycfg_fail(y, rules, rpath, "at most %zu rules in all lists, "
                         "got %zu with this list", limits->max_rules,
                         *total + n);
    }
    *total += n;
    l->rules = n ? xzalloc(n * sizeof *l->rules) : NULL;
    /* Iterated, not ycfg_item(): that walks the list from its head, and
     * would make a long list quadratic. */
    void *iter = NULL;
    for (size_t i = 0; i < n; i++) {
        char path_i[ACL_PATH_MAX];
        acl_index(path_i, rpath, i);
        l->n_rules = i + 1;     /* So that acl_list_free() frees 'where'. */
        if (!acl_parse_rule(y, fy_node_sequence_iterate(rules, &iter),
                            path_i, &l->rules[i])) {
            return false;
        }
    }
    return true;
}

static bool
acl_parse_lists(struct ycfg *y, struct fy_node *lists, const char *path,
                const struct acl_policy_limits *limits, struct acl_policy *p)
{
    char lpath[ACL_PATH_MAX];
    acl_join(lpath, path, "lists");
    if (!lists) {
        return true;
    }
    if (fy_node_get_type(lists) != FYNT_MAPPING) {
        return ycfg_fail(y, lists, lpath, "expected a mapping of list names "
                         "to lists, got %s",
                         fy_node_get_type(lists) == FYNT_SEQUENCE
                         ? "a list" : "a scalar");
    }
    int n = fy_node_mapping_item_count(lists);
    if (n < 0 || (size_t) n > limits->max_lists) {
        return ycfg_fail(y, lists, lpath, "at most %zu lists, got %d",
                         limits->max_lists, n);
    }
    p->lists = n ? xzalloc((size_t) n * sizeof *p->lists) : NULL;

    void *iter = NULL;
    struct fy_node_pair *pair;
    size_t total = 0;
    while ((pair = fy_node_mapping_iterate(lists, &iter))) {
        struct fy_node *key = fy_node_pair_key(pair);
        if (!key || !fy_node_is_scalar(key) || !fy_node_get_scalar0(key)) {
            return ycfg_fail(y, key, lpath, "list names must be plain "
                             "strings");
        }
        struct acl_list *l = &p->lists[p->n_lists++];
        if (!acl_parse_list(y, key, fy_node_pair_value(pair), lpath, limits,
                            &total, l)) {
            return false;
        }
    }
    p->n_rules = total;
    return true;
}

static bool
acl_parse_apply_one(struct ycfg *y, struct fy_node *node, const char *path,
                    const struct acl_policy *p, struct acl_apply *a)
{
    char full[ACL_PATH_MAX];
    const char *name;
    if (!node || fy_node_get_type(node) != FYNT_MAPPING) {
        return ycfg_fail(y, node, path, "expected a mapping, got %s",
                         !node ? "nothing"
                         : fy_node_get_type(node) == FYNT_SEQUENCE
                         ? "a list" : "a scalar");
    }
    if (!ycfg_check_mapping(y, node, path, acl_apply_keys)
        || !ycfg_require(y, node, path, "list")
        || !ycfg_scalar_string(y, ycfg_get(node, "list"),
                               acl_join(full, path, "list"), &name)) {
        return false;
    }
    a->where = ycfg_where_dup(y, node);
    a->list = acl_policy_find_list(p, name);
    if (!a->list) {
        return ycfg_fail(y, ycfg_get(node, "list"), full, "unknown list "
                         "'%.64s'", name);
    }

    struct fy_node *tenant = ycfg_get(node, "tenant");
    struct fy_node *port = ycfg_get(node, "port");
    if (tenant && port) {
        return ycfg_fail(y, port, acl_join(full, path, "port"), "give "
                         "tenant or port, not both (use two entries)");
    }
    a->scope = ACL_SCOPE_GLOBAL;
    if (tenant) {
        a->scope = ACL_SCOPE_TENANT;
        if (!ycfg_string(y, node, path, "tenant", &a->tenant)) {
            return false;
        }
    } else if (port) {
        uint64_t dpid = 0, no = 0;
        acl_join(full, path, "port");
        if (!port || fy_node_get_type(port) != FYNT_MAPPING) {
            return ycfg_fail(y, port, full, "expected a mapping {dpid: N, "
                             "port: N}");
        }
        if (!ycfg_check_mapping(y, port, full, acl_port_keys)
            || !ycfg_require(y, port, full, "dpid")
            || !ycfg_require(y, port, full, "port")
            || !ycfg_uint(y, port, full, "dpid", 0, UINT64_MAX, &dpid)
            || !ycfg_uint(y, port, full, "port", 1, ACL_OFPP_MAX, &no)) {
            return false;
        }
        a->scope = ACL_SCOPE_PORT;
        a->dpid = dpid;
        a->port = (uint32_t) no;
    }
    return true;
}

static bool
acl_parse_apply(struct ycfg *y, struct fy_node *seq, const char *path,
                const struct acl_policy_limits *limits, struct acl_policy *p)
{
    char apath[ACL_PATH_MAX];
    size_t n;
    acl_join(apath, path, "apply");
    if (!ycfg_sequence(y, seq, apath, &n)) {
        return false;
    }
    if (n > limits->max_apply) {
        return ycfg_fail(y, seq, apath, "at most %zu entries, got %zu",
                         limits->max_apply, n);
    }
    p->apply = n ? xzalloc(n * sizeof *p->apply) : NULL;
    void *iter = NULL;          /* Not ycfg_item(): see acl_parse_list(). */
    for (size_t i = 0; i < n; i++) {
        char path_i[ACL_PATH_MAX];
        acl_index(path_i, apath, i);
        p->n_apply = i + 1;
        if (!acl_parse_apply_one(y, fy_node_sequence_iterate(seq, &iter),
                                 path_i, p, &p->apply[i])) {
            return false;
        }
    }
    return true;
}

bool
acl_policy_parse(struct ycfg *y, struct fy_node *settings, const char *path,
                 const struct acl_policy_limits *limits,
                 struct acl_policy **out)
{
    struct acl_policy *p = xzalloc(sizeof *p);
    int def = ACL_ALLOW;
    *out = NULL;
    path = path ? path : "";
    limits = limits ? limits : &acl_default_limits;

    bool ok = (!ycfg_error(y)
               && ycfg_check_mapping(y, settings, path, acl_top_keys)
               && ycfg_enum(y, settings, path, "default", acl_action_names,
                            &def)
               && acl_parse_lists(y, ycfg_get(settings, "lists"), path,
                                  limits, p)
               && acl_parse_apply(y, ycfg_get(settings, "apply"), path,
                                  limits, p));
    if (!ok) {
        acl_policy_destroy(p);
        return false;
    }
    p->default_action = (enum acl_action) def;
    *out = p;
    return true;
}

void
acl_policy_destroy(struct acl_policy *p)
{
    if (!p) {
        return;
    }
    for (size_t i = 0; i < p->n_lists; i++) {
        acl_list_free(&p->lists[i]);
    }
    for (size_t i = 0; i < p->n_apply; i++) {
        free(p->apply[i].tenant);
        free(p->apply[i].where);
    }
    free(p->lists);
    free(p->apply);
    free(p);
}

const struct acl_list *
acl_policy_find_list(const struct acl_policy *p, const char *name)
{
    for (size_t i = 0; i < p->n_lists; i++) {
        if (p->lists[i].name && !strcmp(p->lists[i].name, name)) {
            return &p->lists[i];
        }
    }
    return NULL;
}

/* ---- Lint. -------------------------------------------------------------- */

static bool
acl_rule_same_matches(const struct acl_rule *a, const struct acl_rule *b)
{
    if (a->n_matches != b->n_matches) {
        return false;
    }
    for (size_t i = 0; i < a->n_matches; i++) {
        if (!ofp_match_equal(&a->matches[i], &b->matches[i])) {
            return false;
        }
    }
    return true;
}

/* True if every packet 'b' matches, 'a' matches too. */
static bool
acl_rule_covers(const struct acl_rule *a, const struct acl_rule *b)
{
    for (size_t i = 0; i < b->n_matches; i++) {
        bool covered = false;
        for (size_t j = 0; j < a->n_matches && !covered; j++) {
            covered = ofp_match_covers(&a->matches[j], &b->matches[i]);
        }
        if (!covered) {
            return false;
        }
    }
    return true;
}

/* True if earlier rule 'e' makes 'r' a repeat: same action, same
 * matches. */
static bool
acl_rule_repeats(const struct acl_rule *e, const struct acl_rule *r)
{
    return e->action == r->action && acl_rule_same_matches(e, r);
}

/* Appends the warning for rules[i] of 'list', at fault rules[j]. */
static void
acl_lint_report(struct ds *out, const struct acl_list *list, size_t i,
                size_t j, bool repeat)
{
    const struct acl_rule *r = &list->rules[i];
    const struct acl_rule *e = &list->rules[j];
    if (repeat) {
        ds_put_format(out, "%s: lists.%s.rules[%zu]: repeats rules[%zu] "
                      "(%s)\n", r->where, list->name, i, j, e->where);
    } else {
        ds_put_format(out, "%s: lists.%s.rules[%zu]: never matches: "
                      "rules[%zu] (%s) covers it\n", r->where, list->name,
                      i, j, e->where);
    }
}

/* Lints 'list' the plain way, every rule against every earlier one. This is
 * the definition: for each rule, the first earlier rule that repeats it or
 * covers it, a repeat winning when one rule does both. */
static size_t
acl_lint_pairwise(const struct acl_list *list, struct ds *out)
{
    size_t n = 0;
    for (size_t i = 0; i < list->n_rules; i++) {
        const struct acl_rule *r = &list->rules[i];
        for (size_t j = 0; j < i; j++) {
            const struct acl_rule *e = &list->rules[j];
            bool repeat = acl_rule_repeats(e, r);
            if (repeat || acl_rule_covers(e, r)) {
                acl_lint_report(out, list, i, j, repeat);
                n++;
                break;
            }
        }
    }
    return n;
}

/* The same answers as acl_lint_pairwise(), without comparing every pair.
 *
 * Repeats: a hash table of rules on (action, matches) keeps the first rule
 * of each distinct one, which is the first earlier rule that a later equal
 * rule repeats.
 *
 * Covers: match 'a' covers match 'b' only if 'b' matches every field 'a'
 * does, with a mask that includes 'a''s, and 'b''s value under 'a''s mask
 * is 'a''s value (ofp_match_covers()).  So the earlier matches are grouped
 * by shape (the fields they match and each field's mask), and within a
 * shape by value.  For a later match 'b', only the shapes whose fields and
 * masks 'b''s include can cover it, and under each such shape only the one
 * group whose values are 'b''s values under the shape's masks.  Policies
 * have few shapes, so this is a few hash look-ups per match rather than one
 * comparison per earlier rule.  The groups only narrow the search: each
 * candidate, in rule order, is confirmed with acl_rule_covers(), the check
 * acl_lint_pairwise() makes.
 *
 * A list with many shapes for its size (see ACL_LINT_MAX_SHAPES) would gain
 * nothing and is linted pair by pair. */

/* Most shapes a list may have to be indexed, in all and per match: past
 * either, looking up every shape that may cover a match would cost about
 * as much as comparing it with every earlier rule.  (So a list of fewer
 * than ACL_LINT_MATCHES_PER_SHAPE matches is always linted pair by
 * pair.) */
#define ACL_LINT_MAX_SHAPES 1024
#define ACL_LINT_MATCHES_PER_SHAPE 4

#define ACL_LINT_NONE SIZE_MAX

/* A chained hash table over items the caller numbers 0...max-1: it holds
 * their hashes and chains, the caller compares the items themselves. */
struct acl_htab {
    size_t *heads;              /* Per bucket: first item, or NONE. */
    size_t mask;                /* Number of buckets - 1 (a power of 2). */
    size_t *next;               /* Per item: next in its chain, or NONE. */
    uint64_t *hashes;           /* Per item. */
};

static void
acl_htab_init(struct acl_htab *t, size_t max)
{
    size_t n = 1;
    while (n < 2 * max) {
        n *= 2;
    }
    t->heads = xmalloc(n * sizeof *t->heads);
    for (size_t i = 0; i < n; i++) {
        t->heads[i] = ACL_LINT_NONE;
    }
    t->mask = n - 1;
    t->next = xmalloc(max * sizeof *t->next);
    t->hashes = xmalloc(max * sizeof *t->hashes);
}

static void
acl_htab_destroy(struct acl_htab *t)
{
    free(t->heads);
    free(t->next);
    free(t->hashes);
}

static void
acl_htab_insert(struct acl_htab *t, size_t item, uint64_t hash)
{
    size_t *head = &t->heads[hash & t->mask];
    t->hashes[item] = hash;
    t->next[item] = *head;
    *head = item;
}

/* The first item with 'hash' after 'item' in its chain ('item' NONE: from
 * the start), or NONE. */
static size_t
acl_htab_next(const struct acl_htab *t, size_t item, uint64_t hash)
{
    size_t i = item == ACL_LINT_NONE ? t->heads[hash & t->mask]
                                     : t->next[item];
    while (i != ACL_LINT_NONE && t->hashes[i] != hash) {
        i = t->next[i];
    }
    return i;
}

#define ACL_HTAB_FOR_EACH(ITEM, HASH, T)                                  \
    for ((ITEM) = acl_htab_next(T, ACL_LINT_NONE, HASH);                  \
         (ITEM) != ACL_LINT_NONE; (ITEM) = acl_htab_next(T, ITEM, HASH))

/* Hashes bytes with SipHash under a key chosen per lint, so that no policy
 * can be written to make every rule collide. */
struct acl_hasher {
    const uint64_t *key;
    uint64_t hash;
    uint64_t word;              /* Bytes not hashed yet... */
    unsigned int n;             /* ...and how many. */
};

static void
acl_hasher_init(struct acl_hasher *x, const uint64_t key[2], uint64_t basis)
{
    x->key = key;
    x->hash = siphash_u64(key, basis);
    x->word = 0;
    x->n = 0;
}

static void
acl_hasher_byte(struct acl_hasher *x, uint8_t byte)
{
    x->word = (x->word << 8) | byte;
    if (++x->n == 8) {
        x->hash = siphash_u64(x->key, x->hash ^ x->word);
        x->word = 0;
        x->n = 0;
    }
}

static void
acl_hasher_u64(struct acl_hasher *x, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        acl_hasher_byte(x, (uint8_t) (v >> (8 * i)));
    }
}

static uint64_t
acl_hasher_finish(struct acl_hasher *x)
{
    return siphash_u64(x->key, x->hash ^ x->word ^ ((uint64_t) x->n << 60));
}

/* Steps through the fields in '*bits' (a copy of a match's 'fields'),
 * lowest first: stores the next one in '*f', removes it from '*bits' and
 * returns true, or returns false when none is left. */
static bool
acl_next_field(uint64_t *bits, enum ofp_field *f)
{
    if (!*bits) {
        return false;
    }
    *f = (enum ofp_field) __builtin_ctzll(*bits);
    *bits &= *bits - 1;
    return true;
}

/* Hashes 'm' as ofp_match_equal() compares it: its fields, their values and
 * masks. */
static void
acl_hash_match(struct acl_hasher *x, const struct ofp_match *m)
{
    enum ofp_field f;
    const uint8_t *v, *mk;
    size_t n;
    acl_hasher_u64(x, m->fields);
    for (uint64_t bits = m->fields; acl_next_field(&bits, &f);) {
        n = ofp_match_field_bytes(m, f, &v, &mk);
        for (size_t i = 0; i < n; i++) {
            acl_hasher_byte(x, v[i]);
            acl_hasher_byte(x, mk[i]);
        }
    }
}

/* Hashes the shape of 'm': its fields and their masks. */
static uint64_t
acl_hash_shape(const uint64_t key[2], const struct ofp_match *m)
{
    struct acl_hasher x;
    enum ofp_field f;
    const uint8_t *v, *mk;
    size_t n;
    acl_hasher_init(&x, key, 0);
    acl_hasher_u64(&x, m->fields);
    for (uint64_t bits = m->fields; acl_next_field(&bits, &f);) {
        n = ofp_match_field_bytes(m, f, &v, &mk);
        for (size_t i = 0; i < n; i++) {
            acl_hasher_byte(&x, mk[i]);
        }
    }
    return acl_hasher_finish(&x);
}

/* True if 'a' and 'b' have the same shape. */
static bool
acl_shape_equal(const struct ofp_match *a, const struct ofp_match *b)
{
    enum ofp_field f;
    const uint8_t *av, *am, *bv, *bm;
    size_t n;
    if (a->fields != b->fields) {
        return false;
    }
    for (uint64_t bits = a->fields; acl_next_field(&bits, &f);) {
        n = ofp_match_field_bytes(a, f, &av, &am);
        ofp_match_field_bytes(b, f, &bv, &bm);
        if (memcmp(am, bm, n)) {
            return false;
        }
    }
    return true;
}

/* True if a match of shape 'a' may cover one of shape 'b': 'b' matches
 * every field 'a' matches, with a mask that includes 'a''s. */
static bool
acl_shape_may_cover(const struct ofp_match *a, const struct ofp_match *b)
{
    enum ofp_field f;
    const uint8_t *av, *am, *bv, *bm;
    size_t n;
    if ((a->fields & b->fields) != a->fields) {
        return false;
    }
    for (uint64_t bits = a->fields; acl_next_field(&bits, &f);) {
        n = ofp_match_field_bytes(a, f, &av, &am);
        ofp_match_field_bytes(b, f, &bv, &bm);
        for (size_t i = 0; i < n; i++) {
            if (am[i] & ~bm[i]) {
                return false;
            }
        }
    }
    return true;
}

/* Hashes the values of 'm' under the fields and masks of 'shape', with
 * 'basis' (the shape's number). */
static uint64_t
acl_hash_masked(const uint64_t key[2], uint64_t basis,
                const struct ofp_match *shape, const struct ofp_match *m)
{
    struct acl_hasher x;
    enum ofp_field f;
    const uint8_t *sv, *sm, *v, *mk;
    size_t n;
    acl_hasher_init(&x, key, basis);
    for (uint64_t bits = shape->fields; acl_next_field(&bits, &f);) {
        n = ofp_match_field_bytes(shape, f, &sv, &sm);
        ofp_match_field_bytes(m, f, &v, &mk);
        for (size_t i = 0; i < n; i++) {
            acl_hasher_byte(&x, v[i] & sm[i]);
        }
    }
    return acl_hasher_finish(&x);
}

/* True if 'a' and 'b' have the same values under the fields and masks of
 * 'shape'. */
static bool
acl_masked_equal(const struct ofp_match *shape, const struct ofp_match *a,
                 const struct ofp_match *b)
{
    enum ofp_field f;
    const uint8_t *sv, *sm, *av, *am, *bv, *bm;
    size_t n;
    for (uint64_t bits = shape->fields; acl_next_field(&bits, &f);) {
        n = ofp_match_field_bytes(shape, f, &sv, &sm);
        ofp_match_field_bytes(a, f, &av, &am);
        ofp_match_field_bytes(b, f, &bv, &bm);
        for (size_t i = 0; i < n; i++) {
            if ((av[i] ^ bv[i]) & sm[i]) {
                return false;
            }
        }
    }
    return true;
}

/* One shape. */
struct acl_shape {
    const struct ofp_match *rep;  /* Its first match: the shape's fields and
                                   * masks are this match's. */
    size_t *covering;             /* The shapes that may cover this one
                                   * (acl_shape_may_cover()), computed when
                                   * first needed. */
    size_t n_covering;
    bool have_covering;
};

/* The earlier matches of one shape with the same values under it. */
struct acl_group {
    size_t shape;
    const struct ofp_match *rep;  /* Its first match. */
    size_t *rules;                /* Their rules, ascending, no repeats. */
    size_t n_rules, allocated;
};

struct acl_lint {
    const struct acl_list *list;
    uint64_t key[2];

    size_t *shape_of;             /* [2 * i + k]: rules[i].matches[k]'s. */
    struct acl_shape *shapes;
    size_t n_shapes;
    struct acl_htab shape_table;  /* Items: shapes. */

    struct acl_group *groups;
    size_t n_groups;
    struct acl_htab group_table;  /* Items: groups. */

    struct acl_htab repeat_table; /* Items: rules, the first of each
                                   * distinct (action, matches). */

    size_t *scratch;              /* 3 * n_shapes, for acl_lint_cover(). */
};

static void
acl_lint_destroy(struct acl_lint *lt)
{
    for (size_t s = 0; s < lt->n_shapes; s++) {
        free(lt->shapes[s].covering);
    }
    for (size_t g = 0; g < lt->n_groups; g++) {
        free(lt->groups[g].rules);
    }
    free(lt->shape_of);
    free(lt->shapes);
    free(lt->groups);
    free(lt->scratch);
    acl_htab_destroy(&lt->shape_table);
    acl_htab_destroy(&lt->group_table);
    acl_htab_destroy(&lt->repeat_table);
}

/* Sorts the matches of 'lt->list' by shape.  Returns false, having freed
 * what it built, if the list is better linted pair by pair. */
static bool
acl_lint_init(struct acl_lint *lt, const struct acl_list *list,
              const uint64_t key[2])
{
    size_t n_matches = 0;
    for (size_t i = 0; i < list->n_rules; i++) {
        size_t n = list->rules[i].n_matches;
        if (n < 1 || n > 2) {
            return false;       /* Not a rule acl_policy_parse() makes. */
        }
        n_matches += n;
    }

    size_t max_shapes = n_matches / ACL_LINT_MATCHES_PER_SHAPE;
    if (max_shapes > ACL_LINT_MAX_SHAPES) {
        max_shapes = ACL_LINT_MAX_SHAPES;
    }
    if (!max_shapes) {
        return false;
    }

    memset(lt, 0, sizeof *lt);
    lt->list = list;
    lt->key[0] = key[0];
    lt->key[1] = key[1];
    lt->shape_of = xmalloc(2 * list->n_rules * sizeof *lt->shape_of);
    lt->shapes = xmalloc(max_shapes * sizeof *lt->shapes);
    acl_htab_init(&lt->shape_table, max_shapes);
    acl_htab_init(&lt->group_table, n_matches);
    acl_htab_init(&lt->repeat_table, list->n_rules);
    lt->groups = xmalloc(n_matches * sizeof *lt->groups);

    for (size_t i = 0; i < list->n_rules; i++) {
        const struct acl_rule *r = &list->rules[i];
        for (size_t k = 0; k < r->n_matches; k++) {
            const struct ofp_match *m = &r->matches[k];
            uint64_t hash = acl_hash_shape(lt->key, m);
            size_t s;
            ACL_HTAB_FOR_EACH (s, hash, &lt->shape_table) {
                if (acl_shape_equal(lt->shapes[s].rep, m)) {
                    break;
                }
            }
            if (s == ACL_LINT_NONE) {
                if (lt->n_shapes == max_shapes) {
                    acl_lint_destroy(lt);
                    return false;
                }
                s = lt->n_shapes++;
                lt->shapes[s] = (struct acl_shape) { .rep = m };
                acl_htab_insert(&lt->shape_table, s, hash);
            }
            lt->shape_of[2 * i + k] = s;
        }
    }
    lt->scratch = xmalloc(3 * lt->n_shapes * sizeof *lt->scratch);
    return true;
}

/* The shapes that may cover shape 's'. */
static const struct acl_shape *
acl_lint_shape(struct acl_lint *lt, size_t s)
{
    struct acl_shape *shape = &lt->shapes[s];
    if (!shape->have_covering) {
        shape->covering = xmalloc(lt->n_shapes * sizeof *shape->covering);
        for (size_t a = 0; a < lt->n_shapes; a++) {
            if (acl_shape_may_cover(lt->shapes[a].rep, shape->rep)) {
                shape->covering[shape->n_covering++] = a;
            }
        }
        shape->have_covering = true;
    }
    return shape;
}

/* The group of shape 's' whose values under it are those of 'm', or NONE.
 * Its hash goes to '*hash' if non-NULL. */
static size_t
acl_lint_group(const struct acl_lint *lt, size_t s, const struct ofp_match *m,
               uint64_t *hashp)
{
    const struct ofp_match *rep = lt->shapes[s].rep;
    uint64_t hash = acl_hash_masked(lt->key, s, rep, m);
    size_t g;
    if (hashp) {
        *hashp = hash;
    }
    ACL_HTAB_FOR_EACH (g, hash, &lt->group_table) {
        if (lt->groups[g].shape == s
            && acl_masked_equal(rep, lt->groups[g].rep, m)) {
            break;
        }
    }
    return g;
}

/* The first earlier rule, before rules[bound], that covers rules[i]
 * (acl_rule_covers()), or NONE. */
static size_t
acl_lint_cover(struct acl_lint *lt, size_t i, size_t bound)
{
    const struct acl_rule *rules = lt->list->rules;
    const struct acl_rule *r = &rules[i];
    size_t *cands[2], n_cands[2], totals[2];
    size_t *pos = lt->scratch + 2 * lt->n_shapes;
    size_t best = 0;

    /* For each match of 'r', the groups of the earlier matches that may
     * cover it: a rule that covers 'r' is in at least one of them. */
    for (size_t k = 0; k < r->n_matches; k++) {
        const struct acl_shape *shape
            = acl_lint_shape(lt, lt->shape_of[2 * i + k]);
        cands[k] = lt->scratch + k * lt->n_shapes;
        n_cands[k] = 0;
        totals[k] = 0;
        for (size_t c = 0; c < shape->n_covering; c++) {
            size_t g = acl_lint_group(lt, shape->covering[c], &r->matches[k],
                                      NULL);
            if (g != ACL_LINT_NONE && lt->groups[g].rules[0] < bound) {
                cands[k][n_cands[k]++] = g;
                totals[k] += lt->groups[g].n_rules;
            }
        }
        if (!n_cands[k]) {
            return ACL_LINT_NONE;
        }
        if (totals[k] < totals[best]) {
            best = k;
        }
    }

    /* Of the match with the fewest candidates, the candidates in rule
     * order (a merge of its groups), until one covers all of 'r'. */
    const size_t *cand = cands[best];
    size_t n_cand = n_cands[best];
    memset(pos, 0, n_cand * sizeof *pos);
    for (;;) {
        size_t j = ACL_LINT_NONE;
        for (size_t c = 0; c < n_cand; c++) {
            const struct acl_group *grp = &lt->groups[cand[c]];
            if (pos[c] < grp->n_rules && grp->rules[pos[c]] < j) {
                j = grp->rules[pos[c]];
            }
        }
        if (j == ACL_LINT_NONE || j >= bound) {
            return ACL_LINT_NONE;
        }
        if (acl_rule_covers(&rules[j], r)) {
            return j;
        }
        for (size_t c = 0; c < n_cand; c++) {
            const struct acl_group *grp = &lt->groups[cand[c]];
            if (pos[c] < grp->n_rules && grp->rules[pos[c]] == j) {
                pos[c]++;
            }
        }
    }
}

/* Adds rules[i]'s matches to their groups. */
static void
acl_lint_add(struct acl_lint *lt, size_t i)
{
    const struct acl_rule *r = &lt->list->rules[i];
    for (size_t k = 0; k < r->n_matches; k++) {
        size_t s = lt->shape_of[2 * i + k];
        uint64_t hash;
        size_t g = acl_lint_group(lt, s, &r->matches[k], &hash);
        if (g == ACL_LINT_NONE) {
            g = lt->n_groups++;
            lt->groups[g] = (struct acl_group) {
                .shape = s, .rep = &r->matches[k],
            };
            acl_htab_insert(&lt->group_table, g, hash);
        }
        struct acl_group *grp = &lt->groups[g];
        if (grp->n_rules && grp->rules[grp->n_rules - 1] == i) {
            continue;
        }
        if (grp->n_rules == grp->allocated) {
            grp->allocated = grp->allocated ? 2 * grp->allocated : 4;
            grp->rules = xrealloc(grp->rules,
                                  grp->allocated * sizeof *grp->rules);
        }
        grp->rules[grp->n_rules++] = i;
    }
}

/* The first earlier rule that rules[i] repeats, or NONE (then rules[i] is
 * the first of its kind, and is recorded as such). */
static size_t
acl_lint_repeat(struct acl_lint *lt, size_t i)
{
    const struct acl_rule *rules = lt->list->rules;
    const struct acl_rule *r = &rules[i];
    struct acl_hasher x;
    size_t j;
    acl_hasher_init(&x, lt->key, r->action);
    acl_hasher_u64(&x, r->n_matches);
    for (size_t k = 0; k < r->n_matches; k++) {
        acl_hash_match(&x, &r->matches[k]);
    }
    uint64_t hash = acl_hasher_finish(&x);
    ACL_HTAB_FOR_EACH (j, hash, &lt->repeat_table) {
        if (acl_rule_repeats(&rules[j], r)) {
            return j;
        }
    }
    acl_htab_insert(&lt->repeat_table, i, hash);
    return ACL_LINT_NONE;
}

static size_t
acl_lint_list(const struct acl_list *list, const uint64_t key[2],
              struct ds *out)
{
    struct acl_lint lt;
    size_t n = 0;
    if (!acl_lint_init(&lt, list, key)) {
        return acl_lint_pairwise(list, out);
    }
    for (size_t i = 0; i < list->n_rules; i++) {
        /* As acl_lint_pairwise(): the first earlier rule that repeats or
         * covers rules[i], a repeat winning at the same rule; so a cover
         * only counts before the first repeat. */
        size_t repeat = acl_lint_repeat(&lt, i);
        size_t cover = acl_lint_cover(&lt, i, repeat == ACL_LINT_NONE
                                              ? i : repeat);
        if (cover != ACL_LINT_NONE || repeat != ACL_LINT_NONE) {
            acl_lint_report(out, list, i,
                            cover != ACL_LINT_NONE ? cover : repeat,
                            cover == ACL_LINT_NONE);
            n++;
        }
        acl_lint_add(&lt, i);
    }
    acl_lint_destroy(&lt);
    return n;
}

size_t
acl_policy_lint(const struct acl_policy *p, struct ds *out)
{
    uint64_t key[2];
    size_t n = 0;
    siphash_key_init(key);
    for (size_t l = 0; l < p->n_lists; l++) {
        n += acl_lint_list(&p->lists[l], key, out);
    }
    return n;
}

/* ---- Evaluation. -------------------------------------------------------- */

bool
acl_policy_rule_matches(const struct acl_rule *rule,
                        const struct ofp_match *pkt)
{
    for (size_t i = 0; i < rule->n_matches; i++) {
        if (ofp_match_matches(&rule->matches[i], pkt)) {
            return true;
        }
    }
    return false;
}

enum acl_action
acl_policy_eval(const struct acl_list *list, const struct ofp_match *pkt,
                size_t *rule)
{
    for (size_t i = 0; i < list->n_rules; i++) {
        if (acl_policy_rule_matches(&list->rules[i], pkt)) {
            if (rule) {
                *rule = i;
            }
            return list->rules[i].action;
        }
    }
    if (rule) {
        *rule = ACL_POLICY_DEFAULT;
    }
    return list->default_action;
}

static bool
acl_apply_hits(const struct acl_apply *a, enum acl_scope scope,
               const char *tenant, uint64_t dpid, uint32_t port)
{
    if (a->scope != scope) {
        return false;
    }
    switch (scope) {
    case ACL_SCOPE_PORT:
        return a->dpid == dpid && a->port == port;
    case ACL_SCOPE_TENANT:
        return tenant && !strcmp(a->tenant, tenant);
    case ACL_SCOPE_GLOBAL:
        return true;
    }
    return false;
}

size_t
acl_policy_lists_for(const struct acl_policy *p, const char *tenant,
                     uint64_t dpid, uint32_t port,
                     const struct acl_list ***listsp)
{
    static const enum acl_scope order[] = {
        ACL_SCOPE_PORT, ACL_SCOPE_TENANT, ACL_SCOPE_GLOBAL,
    };
    const struct acl_list **lists = xzalloc((p->n_apply + 1)
                                            * sizeof *lists);
    size_t n = 0;
    for (size_t s = 0; s < sizeof order / sizeof *order; s++) {
        for (size_t i = 0; i < p->n_apply; i++) {
            const struct acl_apply *a = &p->apply[i];
            if (!acl_apply_hits(a, order[s], tenant, dpid, port)) {
                continue;
            }
            bool seen = false;
            for (size_t k = 0; k < n && !seen; k++) {
                seen = lists[k] == a->list;
            }
            if (!seen) {
                lists[n++] = a->list;
            }
        }
    }
    *listsp = lists;
    return n;
}

struct acl_verdict
acl_policy_check(const struct acl_policy *p, const char *tenant,
                 uint64_t dpid, uint32_t port, const struct ofp_match *pkt)
{
    struct acl_verdict v = { p->default_action, NULL, ACL_POLICY_DEFAULT };
    const struct acl_list **lists;
    size_t n = acl_policy_lists_for(p, tenant, dpid, port, &lists);
    for (size_t i = 0; i < n; i++) {
        size_t rule;
        enum acl_action a = acl_policy_eval(lists[i], pkt, &rule);
        if (rule != ACL_POLICY_DEFAULT) {
            v.action = a;
            v.list = lists[i];
            v.rule = rule;
            free(lists);
            return v;
        }
    }
    if (n) {
        v.action = lists[0]->default_action;
        v.list = lists[0];
    }
    free(lists);
    return v;
}

/* ---- Comparison. -------------------------------------------------------- */

bool
acl_policy_rule_equal(const struct acl_rule *a, const struct acl_rule *b)
{
    return (a->action == b->action && a->flags == b->flags
            && acl_rule_same_matches(a, b));
}

bool
acl_policy_list_equal(const struct acl_list *a, const struct acl_list *b)
{
    if (strcmp(a->name, b->name) || a->default_action != b->default_action
        || a->n_rules != b->n_rules) {
        return false;
    }
    for (size_t i = 0; i < a->n_rules; i++) {
        if (!acl_policy_rule_equal(&a->rules[i], &b->rules[i])) {
            return false;
        }
    }
    return true;
}

static bool
acl_apply_equal(const struct acl_apply *a, const struct acl_apply *b)
{
    return (!strcmp(a->list->name, b->list->name) && a->scope == b->scope
            && a->dpid == b->dpid && a->port == b->port
            && !a->tenant == !b->tenant
            && (!a->tenant || !strcmp(a->tenant, b->tenant)));
}

bool
acl_policy_equal(const struct acl_policy *a, const struct acl_policy *b)
{
    if (a->default_action != b->default_action || a->n_lists != b->n_lists
        || a->n_apply != b->n_apply) {
        return false;
    }
    for (size_t i = 0; i < a->n_lists; i++) {
        if (!acl_policy_list_equal(&a->lists[i], &b->lists[i])) {
            return false;
        }
    }
    for (size_t i = 0; i < a->n_apply; i++) {
        if (!acl_apply_equal(&a->apply[i], &b->apply[i])) {
            return false;
        }
    }
    return true;
}
