/* The ACL policy model: named, ordered rule lists and where they apply.
 *
 * Pure: no I/O, no switches.  acl_policy_parse() reads the acl app's YAML
 * subtree (see docs/acl.md) with ycfg, so every error is
 * "FILE:LINE:COLUMN: PATH: message"; the result answers "which lists apply
 * here" and "what does this list (or the whole policy) do with this
 * packet", warns about rules that can never match, and compares policies
 * rule by rule so that a change can be turned into the minimal set of flow
 * changes.  Installing rules on switches, connection tracking and live
 * changes are the acl app's job.
 *
 * Ownership: a 'struct acl_policy' owns everything reachable from it (lists,
 * rules, names, position strings).  Pointers it hands out ('struct
 * acl_list *', 'struct acl_rule *', strings) are read-only and valid until
 * acl_policy_destroy(); they do not point into the ycfg, which the caller
 * may destroy as soon as parsing returns. */
#ifndef APPS_ACL_ACL_POLICY_H
#define APPS_ACL_ACL_POLICY_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp-match.h"

struct ds;
struct fy_node;
struct ycfg;

/* Default limits (see struct acl_policy_limits). */
#define ACL_POLICY_MAX_RULES_PER_LIST 10000
#define ACL_POLICY_MAX_RULES 100000
#define ACL_POLICY_MAX_LISTS 10000
#define ACL_POLICY_MAX_APPLY 10000
#define ACL_POLICY_NAME_MAX 63      /* List names: [a-z0-9_-]{1,63}. */

/* Rule index that means "no rule matched: the default decided". */
#define ACL_POLICY_DEFAULT SIZE_MAX

/* The numeric values are the indexes of "allow", "deny" in the YAML. */
enum acl_action {
    ACL_ALLOW = 0,
    ACL_DENY = 1,
};

/* Returns "allow" or "deny". */
const char *acl_action_name(enum acl_action);

/* Rule flags. */
enum {
    ACL_RULE_LOG = 1 << 0,      /* log: true. */
    ACL_RULE_COUNT = 1 << 1,    /* count: true (the default). */
    ACL_RULE_STATEFUL = 1 << 2, /* stateful: true (allow, tcp or udp only). */
};

/* One rule.  A rule names at most one address family; a rule that needs an
 * IP family but names none (e.g. "proto: tcp, dst_port: 22", because
 * OpenFlow requires eth_type before ip_proto) stands for two matches, one
 * for IPv4 and one for IPv6, in that order.  The rule matches a packet if
 * any of its matches does.  Every match passed ofp_match_check(). */
struct acl_rule {
    struct ofp_match *matches;   /* 'n_matches' of them. */
    size_t n_matches;            /* 1 or 2. */
    enum acl_action action;
    unsigned int flags;          /* ACL_RULE_*. */
    char *where;                 /* "FILE:LINE:COL" of the rule. */
};

struct acl_list {
    char *name;
    enum acl_action default_action;   /* When no rule matches (deny). */
    struct acl_rule *rules;
    size_t n_rules;
    char *where;                 /* "FILE:LINE:COL" of the list's name. */
};

/* Where an 'apply' entry puts a list. */
enum acl_scope {
    ACL_SCOPE_PORT,              /* One switch port: 'dpid', 'port'. */
    ACL_SCOPE_TENANT,            /* Every host of tenant 'tenant'. */
    ACL_SCOPE_GLOBAL,            /* Everywhere. */
};

struct acl_apply {
    const struct acl_list *list; /* Points into the policy. */
    enum acl_scope scope;
    char *tenant;                /* ACL_SCOPE_TENANT only, else NULL. */
    uint64_t dpid;               /* ACL_SCOPE_PORT only, else 0. */
    uint32_t port;               /* ACL_SCOPE_PORT only, else 0. */
    char *where;                 /* "FILE:LINE:COL" of the entry. */
};

/* The whole policy.  Read-only to users: build with acl_policy_parse(). */
struct acl_policy {
    struct acl_list *lists;      /* In the order the YAML gives. */
    size_t n_lists;
    struct acl_apply *apply;     /* In the order the YAML gives. */
    size_t n_apply;
    size_t n_rules;              /* Over all lists. */
    enum acl_action default_action;   /* When no list applies (allow). */
};

/* Bounds on what one parse accepts: the defaults for the config file, the
 * admin API may pass tighter ones. */
struct acl_policy_limits {
    size_t max_rules_per_list;
    size_t max_rules;
    size_t max_lists;
    size_t max_apply;
};

/* ---- Parsing. ----------------------------------------------------------- */

/* Parses 'settings' (the app's YAML subtree; NULL means "no lists, default
 * allow") of 'y' into a new policy, stored in '*out' on success (the caller
 * frees it with acl_policy_destroy()).  'path' prefixes the setting paths in
 * messages ("apps[2].settings", or "" for none).  'limits' NULL means the
 * ACL_POLICY_MAX_* defaults.
 *
 * On any error returns false, leaves '*out' NULL, frees everything it built
 * and records the first error in 'y' (ycfg_error()), e.g.
 *   "acl.yaml:7:39: lists.web.rules[1].dst_port: dst_port requires proto
 *    tcp or udp". */
bool acl_policy_parse(struct ycfg *y, struct fy_node *settings,
                      const char *path, const struct acl_policy_limits *,
                      struct acl_policy **out);

/* Frees 'p' and everything in it.  Accepts NULL. */
void acl_policy_destroy(struct acl_policy *p);

/* Returns the list named 'name', or NULL.  Owned by 'p'. */
const struct acl_list *acl_policy_find_list(const struct acl_policy *p,
                                            const char *name);

/* ---- Lint. -------------------------------------------------------------- */

/* Appends one line (ending in '\n') to 'out' per warning and returns how
 * many there were.  Warnings are not errors: the policy is usable as it is.
 *  - a rule that repeats an earlier rule of its list (same matches, same
 *    action):
 *    "F:L:C: lists.web.rules[3]: repeats rules[1] (F:L:C)"
 *  - a rule that can never match because an earlier rule of its list
 *    matches every packet it does (ofp_match_covers()):
 *    "F:L:C: lists.web.rules[3]: never matches: rules[0] (F:L:C) covers it"
 * Each rule gets at most one warning, naming the first earlier rule at
 * fault (a repeat if that rule both repeats and covers it).  Cost: a few
 * hash look-ups per rule when a list's rules have few distinct shapes
 * (fields and masks), as real lists do; a list with many is compared pair
 * by pair, O(rules^2). */
size_t acl_policy_lint(const struct acl_policy *p, struct ds *out);

/* ---- Evaluation. -------------------------------------------------------- */

/* Returns true if 'rule' matches packet 'pkt'.
 *
 * 'pkt' describes one packet as exact fields (as pkt_flow_extract() makes,
 * or built with ofp_match_set*() for a policy check).  A field 'pkt' does
 * not have is unknown, and a rule that matches on it does not match. */
bool acl_policy_rule_matches(const struct acl_rule *rule,
                             const struct ofp_match *pkt);

/* Evaluates 'list' for 'pkt' (as above): the first rule that matches
 * decides.  Returns that rule's action and stores its index in '*rule' (if
 * non-NULL); if none matches, returns the list's default action and stores
 * ACL_POLICY_DEFAULT.  A stateful rule is evaluated in the direction it
 * names: return traffic is connection tracking's business, not modelled
 * here. */
enum acl_action acl_policy_eval(const struct acl_list *list,
                                const struct ofp_match *pkt, size_t *rule);

/* Returns, in '*lists' (malloc'd, caller frees the array, not the lists,
 * which belong to 'p'), the lists that apply to traffic entering switch
 * 'dpid' on 'port' from a host of tenant 'tenant' (NULL: no tenant), and
 * their number.  Order: the entries of 'apply' for that port, then those
 * for that tenant, then the global ones, each group in the order 'apply'
 * gives; a list applied twice appears once, at its first place.
 *
 * Why this order: most specific first, so that a port or a tenant can carve
 * an exception out of a broader list (an "allow" for one port before a
 * global "deny"), and the lists read as one ordered sequence of rules that
 * installs as one priority band (OpenFlow 1.0) or one ACL table (1.3),
 * without combining lists. */
size_t acl_policy_lists_for(const struct acl_policy *p, const char *tenant,
                            uint64_t dpid, uint32_t port,
                            const struct acl_list ***lists);

/* The answer of acl_policy_check(). */
struct acl_verdict {
    enum acl_action action;
    const struct acl_list *list; /* The list that decided, NULL if none
                                  * applies (the policy's default). */
    size_t rule;                 /* Index in 'list', or ACL_POLICY_DEFAULT
                                  * (the list's or the policy's default). */
};

/* Decides 'pkt' (see acl_policy_rule_matches()) for (tenant, dpid, port):
 * the lists of acl_policy_lists_for() read as one sequence, the first rule
 * that matches in any of them decides; if none matches, the default of the
 * first (most specific) list applies; if no list applies, the policy's
 * default.  Never fails. */
struct acl_verdict acl_policy_check(const struct acl_policy *p,
                                    const char *tenant, uint64_t dpid,
                                    uint32_t port,
                                    const struct ofp_match *pkt);

/* ---- Comparison. -------------------------------------------------------- */

/* True if two rules do the same thing: same matches (in order), action and
 * flags.  Positions are ignored, so a rule that only moved in the file is
 * equal. */
bool acl_policy_rule_equal(const struct acl_rule *, const struct acl_rule *);
/* True if two lists have the same name, default and rules (as
 * acl_policy_rule_equal()), in the same order. */
bool acl_policy_list_equal(const struct acl_list *, const struct acl_list *);
/* True if two policies are the same in every respect but positions: lists
 * (as acl_policy_list_equal(), in the same order), apply entries (list
 * name, scope, tenant, dpid, port, in the same order) and default. */
bool acl_policy_equal(const struct acl_policy *, const struct acl_policy *);

#endif /* apps/acl/acl_policy.h */
