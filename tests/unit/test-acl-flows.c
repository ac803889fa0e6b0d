/* Unit tests for the acl app's flows (apps/acl/acl_flows.c): the table a
 * policy makes decides as acl_policy_check() does, changes are minimal and
 * ordered so that nothing both policies drop gets through, ids survive
 * changes, and cookies say where flows come from. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/acl/acl_flows.h"
#include "apps/acl/acl_policy.h"
#include "canopy/ycfg.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "tests/unit/unit.h"

static struct acl_policy *
parse(const char *text)
{
    struct ycfg *y = ycfg_load_string("t.yaml", text, strlen(text));
    struct acl_policy *p = NULL;
    if (!acl_policy_parse(y, ycfg_root(y), "", NULL, &p)) {
        fprintf(stderr, "\n%s\n", ycfg_error(y));
    }
    CU_ASSERT_PTR_NOT_NULL(p);
    ycfg_destroy(y);
    return p;
}

/* Tenant "blue" has VLAN 10, "red" 20. */
static bool
tenant_vlan(void *aux, const char *name, uint16_t *vlan)
{
    (void) aux;
    if (!strcmp(name, "blue")) {
        *vlan = 10;
        return true;
    }
    if (!strcmp(name, "red")) {
        *vlan = 20;
        return true;
    }
    return false;
}

static struct acl_switch_view
view13(uint64_t dpid)
{
    return (struct acl_switch_view) {
        .dpid = dpid, .version = OFP13_VERSION, .conntrack = true,
        .tenant_vlan = tenant_vlan,
    };
}

/* The action of the highest-priority flow of 'set' matching 'pkt', as a
 * policy action (allow for anything that goes on), or -1 if none. */
static int
table_decides(const struct acl_flows *set, const struct ofp_match *pkt)
{
    for (size_t i = 0; i < set->n; i++) {
        if (ofp_match_matches(&set->flows[i].match, pkt)) {
            return set->flows[i].action == ACL_FLOW_DROP ? ACL_DENY
                                                         : ACL_ALLOW;
        }
    }
    return -1;
}

static void
make_pkt(struct ofp_match *m, uint32_t in_port, uint16_t vlan, uint32_t src,
         uint32_t dst, uint8_t proto, uint16_t dport)
{
    ofp_match_init_catchall(m);
    ofp_match_set_in_port(m, in_port);
    if (vlan) {
        ofp_match_set_vlan_vid(m, vlan);
    } else {
        ofp_match_set_no_vlan(m);
    }
    ofp_match_set_eth_type(m, 0x0800);
    ofp_match_set_ipv4_src(m, src, 32);
    ofp_match_set_ipv4_dst(m, dst, 32);
    ofp_match_set_ip_proto(m, proto);
    if (proto == 6 || proto == 17) {
        union ofp_field_value v;
        memset(&v, 0, sizeof v);
        v.u16 = dport;
        ofp_match_set(m, proto == 6 ? OFPF_TCP_DST : OFPF_UDP_DST, &v, NULL);
        ofp_match_set(m, proto == 6 ? OFPF_TCP_SRC : OFPF_UDP_SRC, &v, NULL);
    } else if (proto == 1) {
        union ofp_field_value v;
        memset(&v, 0, sizeof v);
        ofp_match_set(m, OFPF_ICMPV4_TYPE, &v, NULL);
        ofp_match_set(m, OFPF_ICMPV4_CODE, &v, NULL);
    }
}

static const char policy_text[] =
    "lists:\n"
    "  web:\n"
    "    default: deny\n"
    "    rules:\n"
    "      - {action: allow, proto: tcp, dst_port: 80}\n"
    "      - {action: allow, proto: icmp}\n"
    "      - {action: deny, src: 10.0.0.5}\n"
    "  port3:\n"
    "    default: allow\n"
    "    rules:\n"
    "      - {action: allow, proto: tcp, dst_port: 23}\n"
    "      - {action: deny, proto: udp}\n"
    "  base:\n"
    "    default: allow\n"
    "    rules:\n"
    "      - {action: deny, proto: tcp, dst_port: 23}\n"
    "      - {action: allow, dst: 10.0.0.9}\n"
    "      - {action: deny, src: 10.0.0.0/29}\n"
    "apply:\n"
    "  - {list: web, tenant: blue}\n"
    "  - {list: port3, port: {dpid: 1, port: 3}}\n"
    "  - {list: base}\n"
    "default: allow\n";

/* Every combination of a few ports, tenants, addresses and protocols: the
 * table's first match decides as acl_policy_check() does. */
static void
test_table_equals_check(void)
{
    struct acl_policy *p = parse(policy_text);
    struct acl_ids *ids = acl_ids_create(p, NULL, NULL);
    struct acl_flows set;
    acl_flows_init(&set);
    struct acl_switch_view v = view13(1);
    acl_flows_compute(p, ids, &v, &set);
    CU_ASSERT(set.n > 10);

    static const uint32_t ports[] = { 1, 3 };
    static const struct { const char *name; uint16_t vlan; } tenants[] = {
        { NULL, 0 }, { "blue", 10 }, { "red", 20 },
    };
    static const uint32_t addrs[] = { 0x0a000005, 0x0a000009, 0x0a000001,
                                      0x0b000001 };
    static const struct { uint8_t proto; uint16_t port; } l4[] = {
        { 6, 80 }, { 6, 23 }, { 6, 22 }, { 17, 53 }, { 1, 0 },
    };
    size_t checked = 0;
    for (size_t a = 0; a < 2; a++) {
        for (size_t t = 0; t < 3; t++) {
            for (size_t s = 0; s < 4; s++) {
                for (size_t d = 0; d < 4; d++) {
                    for (size_t k = 0; k < 5; k++) {
                        struct ofp_match pkt;
                        make_pkt(&pkt, ports[a], tenants[t].vlan, addrs[s],
                                 addrs[d], l4[k].proto, l4[k].port);
                        struct acl_verdict want
                            = acl_policy_check(p, tenants[t].name, 1,
                                               ports[a], &pkt);
                        int got = table_decides(&set, &pkt);
                        CU_ASSERT_EQUAL(got, (int) want.action);
                        if (got != (int) want.action) {
                            fprintf(stderr, "port %u tenant %s src %08x dst "
                                    "%08x proto %u/%u: table %d, policy %d\n",
                                    ports[a], tenants[t].name, addrs[s],
                                    addrs[d], l4[k].proto, l4[k].port, got,
                                    want.action);
                        }
                        checked++;
                    }
                }
            }
        }
    }
    CU_ASSERT_EQUAL(checked, 480);

    /* Port 3's flows exist only on switch 1. */
    struct acl_flows other;
    acl_flows_init(&other);
    v = view13(2);
    acl_flows_compute(p, ids, &v, &other);
    CU_ASSERT(other.n < set.n);
    for (size_t i = 0; i < other.n; i++) {
        CU_ASSERT(!ofp_match_has(&other.flows[i].match, OFPF_IN_PORT));
    }
    acl_flows_destroy(&other);
    acl_flows_destroy(&set);
    acl_ids_destroy(ids);
    acl_policy_destroy(p);
}

/* Priorities: bands in the documented order, rules from the top of their
 * band in order, a rule's IPv4 and IPv6 matches at one priority. */
static void
test_bands(void)
{
    struct acl_policy *p = parse(
        "lists:\n"
        "  g:\n"
        "    rules:\n"
        "      - {action: deny, proto: tcp, dst_port: 23}\n"
        "      - {action: allow, proto: icmp}\n"
        "apply: [{list: g}]\n");
    struct acl_ids *ids = acl_ids_create(p, NULL, NULL);
    struct acl_flows set;
    acl_flows_init(&set);
    struct acl_switch_view v = view13(1);
    acl_flows_compute(p, ids, &v, &set);
    /* LLDP passes; tcp/23 for IPv4 and IPv6, icmp, the list default, the
     * policy's. */
    CU_ASSERT_EQUAL_FATAL(set.n, 6);
    CU_ASSERT_EQUAL(set.flows[0].priority, ACL_PRIO_LINK);
    CU_ASSERT_EQUAL(set.flows[0].action, ACL_FLOW_ALLOW);
    acl_flows_destroy(&set);
    acl_flows_init(&set);
    struct acl_switch_view v10 = v;
    v10.version = OFP10_VERSION;
    acl_flows_compute(p, ids, &v10, &set);
    /* 1.0: the tcp/23 drops (no allow above them), IPv4 only, and LLDP to
     * the controller. */
    CU_ASSERT_EQUAL(set.n, 2);
    acl_flows_compute(p, ids, &v, &set);
    memmove(set.flows, set.flows + 1, (set.n - 1) * sizeof *set.flows);
    set.n--;
    CU_ASSERT_EQUAL(set.flows[0].priority, ACL_PRIO_GLOBAL_TOP);
    CU_ASSERT_EQUAL(set.flows[1].priority, ACL_PRIO_GLOBAL_TOP);
    CU_ASSERT_EQUAL(set.flows[0].action, ACL_FLOW_DROP);
    CU_ASSERT_EQUAL(set.flows[2].priority, ACL_PRIO_GLOBAL_TOP - 1);
    CU_ASSERT_EQUAL(set.flows[2].action, ACL_FLOW_ALLOW);
    CU_ASSERT_EQUAL(set.flows[3].priority, ACL_PRIO_GLOBAL_DEFAULT);
    CU_ASSERT_EQUAL(set.flows[3].action, ACL_FLOW_DROP);
    CU_ASSERT(ofp_match_is_catchall(&set.flows[3].match));
    CU_ASSERT_EQUAL(set.flows[4].priority, ACL_PRIO_POLICY_DEFAULT);
    CU_ASSERT_EQUAL(set.flows[4].action, ACL_FLOW_ALLOW);

    /* The flow-mods: deny has no instructions, allow goes to forward. */
    struct acl_op op = { .kind = ACL_OP_ADD, .flow = set.flows[0] };
    struct ofp_flow_mod fm;
    struct ofp_action acts[2];
    acl_op_flow_mod(&op, 1, 2, &fm, acts);
    CU_ASSERT_EQUAL(fm.command, OFPFC_ADD);
    CU_ASSERT_EQUAL(fm.table_id, 1);
    CU_ASSERT_EQUAL(fm.instructions.present, 0);
    op.flow = set.flows[2];
    acl_op_flow_mod(&op, 1, 2, &fm, acts);
    CU_ASSERT_EQUAL(fm.instructions.present, OFPIB_GOTO_TABLE);
    CU_ASSERT_EQUAL(fm.instructions.goto_table, 2);
    op.kind = ACL_OP_DELETE;
    acl_op_flow_mod(&op, 1, 2, &fm, acts);
    CU_ASSERT_EQUAL(fm.command, OFPFC_DELETE_STRICT);
    CU_ASSERT_EQUAL(fm.priority, set.flows[2].priority);

    /* Link ports skip the ACL: decided at the ingress edge. */
    uint32_t links[] = { 7 };
    v.links = links;
    v.n_links = 1;
    acl_flows_compute(p, ids, &v, &set);
    CU_ASSERT_EQUAL_FATAL(set.n, 7);
    CU_ASSERT_EQUAL(set.flows[0].priority, ACL_PRIO_LINK);
    CU_ASSERT_EQUAL(set.flows[1].priority, ACL_PRIO_LINK);
    CU_ASSERT(ofp_match_has(&set.flows[0].match, OFPF_IN_PORT)
              || ofp_match_has(&set.flows[1].match, OFPF_IN_PORT));
    acl_flows_destroy(&set);
    acl_ids_destroy(ids);
    acl_policy_destroy(p);
}

/* Appending a rule adds its flows and touches nothing else; a change is
 * ordered deny-first, allow-deletes, allows, drop-deletes. */
static void
test_diff(void)
{
    struct acl_policy *p1 = parse(
        "lists:\n"
        "  g:\n"
        "    default: allow\n"
        "    rules:\n"
        "      - {action: deny, proto: tcp, dst_port: 23, src: 10.0.0.0/8}\n"
        "      - {action: allow, proto: tcp, dst_port: 8080, "
        "src: 10.0.0.0/8}\n"
        "apply: [{list: g}]\n");
    struct acl_policy *p2 = parse(
        "lists:\n"
        "  g:\n"
        "    default: allow\n"
        "    rules:\n"
        "      - {action: deny, proto: tcp, dst_port: 23, src: 10.0.0.0/8}\n"
        "      - {action: allow, proto: tcp, dst_port: 8080, "
        "src: 10.0.0.0/8}\n"
        "      - {action: deny, proto: udp, src: 10.0.0.0/8}\n"
        "apply: [{list: g}]\n");
    struct acl_ids *i1 = acl_ids_create(p1, NULL, NULL);
    struct acl_ids *i2 = acl_ids_create(p2, p1, i1);
    CU_ASSERT_EQUAL(acl_ids_rule(i1, 0, 0), acl_ids_rule(i2, 0, 0));
    CU_ASSERT_EQUAL(acl_ids_rule(i1, 0, 1), acl_ids_rule(i2, 0, 1));
    CU_ASSERT_EQUAL(acl_ids_list(i1, 0), acl_ids_list(i2, 0));
    CU_ASSERT_NOT_EQUAL(acl_ids_rule(i2, 0, 2), acl_ids_rule(i1, 0, 0));
    CU_ASSERT_NOT_EQUAL(acl_ids_rule(i2, 0, 2), acl_ids_rule(i1, 0, 1));

    struct acl_flows f1, f2;
    acl_flows_init(&f1);
    acl_flows_init(&f2);
    struct acl_switch_view v = view13(1);
    acl_flows_compute(p1, i1, &v, &f1);
    acl_flows_compute(p2, i2, &v, &f2);
    struct acl_diff d;
    acl_flows_diff(&f1, &f2, &d);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_EQUAL(d.ops[0].kind, ACL_OP_ADD);
    CU_ASSERT_EQUAL(d.ops[0].flow.action, ACL_FLOW_DROP);
    CU_ASSERT_EQUAL(d.ops[0].flow.priority, ACL_PRIO_GLOBAL_TOP - 2);
    acl_diff_destroy(&d);

    /* The same policy: nothing to do. */
    acl_flows_diff(&f2, &f2, &d);
    CU_ASSERT_EQUAL(d.n, 0);
    acl_diff_destroy(&d);

    /* Back: the deny goes last. */
    acl_flows_diff(&f2, &f1, &d);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_EQUAL(d.ops[0].kind, ACL_OP_DELETE);
    CU_ASSERT_EQUAL(d.ops[0].phase, 3);
    acl_diff_destroy(&d);

    /* Turning allows into denies and the other way: phases in order. */
    struct acl_policy *p3 = parse(
        "lists:\n"
        "  g:\n"
        "    default: deny\n"
        "    rules:\n"
        "      - {action: allow, proto: tcp, dst_port: 23, src: 10.0.0.0/8}\n"
        "apply: [{list: g}]\n");
    struct acl_ids *i3 = acl_ids_create(p3, p2, i2);
    struct acl_flows f3;
    acl_flows_init(&f3);
    acl_flows_compute(p3, i3, &v, &f3);
    acl_flows_diff(&f2, &f3, &d);
    CU_ASSERT(d.n >= 4);
    int last = 0;
    bool seen[4] = { false, false, false, false };
    for (size_t i = 0; i < d.n; i++) {
        const struct acl_op *op = &d.ops[i];
        CU_ASSERT(op->phase >= last);
        last = op->phase;
        seen[op->phase] = true;
        if (op->kind == ACL_OP_DELETE) {
            CU_ASSERT_EQUAL(op->phase,
                            op->flow.action == ACL_FLOW_DROP ? 3 : 1);
        } else {
            CU_ASSERT_EQUAL(op->phase,
                            op->flow.action == ACL_FLOW_DROP ? 0 : 2);
        }
    }
    /* The list default turns to deny (a), the 8080 allow goes (b), tcp/23
     * becomes an allow under a new rule (c), the udp deny goes (d). */
    CU_ASSERT(seen[0] && seen[1] && seen[2] && seen[3]);

    /* Applying the diff to the old set gives the new one. */
    struct acl_flows x;
    acl_flows_init(&x);
    acl_flows_copy(&x, &f2);
    for (size_t i = 0; i < d.n; i++) {
        const struct acl_op *op = &d.ops[i];
        struct acl_flows y;
        acl_flows_init(&y);
        for (size_t k = 0; k < x.n; k++) {
            struct acl_flow key = x.flows[k];
            bool same = !memcmp(&key.match, &op->flow.match, sizeof key.match)
                        && key.priority == op->flow.priority;
            if (!same) {
                acl_flows_add(&y, &key);
            }
        }
        if (op->kind != ACL_OP_DELETE) {
            acl_flows_add(&y, &op->flow);
        }
        acl_flows_sort(&y);
        acl_flows_destroy(&x);
        x = y;
    }
    CU_ASSERT_EQUAL_FATAL(x.n, f3.n);
    for (size_t k = 0; k < x.n; k++) {
        CU_ASSERT(acl_flow_equal(&x.flows[k], &f3.flows[k]));
    }
    acl_flows_destroy(&x);
    acl_diff_destroy(&d);

    acl_flows_destroy(&f1);
    acl_flows_destroy(&f2);
    acl_flows_destroy(&f3);
    acl_ids_destroy(i1);
    acl_ids_destroy(i2);
    acl_ids_destroy(i3);
    acl_policy_destroy(p1);
    acl_policy_destroy(p2);
    acl_policy_destroy(p3);
}

/* A rule's cookie names it; the flows API shows the text. */
static void
test_describe(void)
{
    struct acl_policy *p = parse(policy_text);
    struct acl_ids *ids = acl_ids_create(p, NULL, NULL);
    struct ds d = DS_EMPTY_INITIALIZER;
    uint64_t bits = acl_cookie(ACL_CK_RULE, acl_ids_rule(ids, 2, 1), 0);
    CU_ASSERT_EQUAL(acl_cookie_kind(bits), ACL_CK_RULE);
    CU_ASSERT_EQUAL(acl_cookie_id(bits), acl_ids_rule(ids, 2, 1));
    CU_ASSERT(bits < (1ull << 48));
    CU_ASSERT(acl_flows_describe(p, ids, bits, &d));
    /* The rule's position is its mapping's, after "- {". */
    CU_ASSERT_STRING_EQUAL(ds_cstr(&d), "lists.base.rules[1] (t.yaml:17:10)");
    ds_clear(&d);
    bits = acl_cookie(ACL_CK_GLOBAL_DEFAULT, acl_ids_list(ids, 0), 0);
    CU_ASSERT(acl_flows_describe(p, ids, bits, &d));
    CU_ASSERT_STRING_EQUAL(ds_cstr(&d), "lists.web.default (t.yaml:2:3)");
    ds_clear(&d);
    CU_ASSERT(acl_flows_describe(p, ids,
                                 acl_cookie(ACL_CK_POLICY_DEFAULT, 0, 0), &d));
    ds_clear(&d);
    CU_ASSERT(!acl_flows_describe(p, ids, acl_cookie(ACL_CK_RULE, 99999, 0),
                                  &d));
    CU_ASSERT_EQUAL(d.length, 0);

    /* Every flow's cookie describes. */
    struct acl_flows set;
    acl_flows_init(&set);
    struct acl_switch_view v = view13(1);
    acl_flows_compute(p, ids, &v, &set);
    for (size_t i = 0; i < set.n; i++) {
        CU_ASSERT(acl_flows_describe(p, ids, set.flows[i].cookie, &d));
    }
    acl_flows_destroy(&set);
    ds_destroy(&d);
    acl_ids_destroy(ids);
    acl_policy_destroy(p);
}

static void
test_checks(void)
{
    struct acl_policy *p = parse(
        "lists:\n"
        "  v:\n"
        "    rules: [{action: deny, vlan: 5}]\n"
        "apply: [{list: v, tenant: blue}]\n");
    struct ds why = DS_EMPTY_INITIALIZER;
    CU_ASSERT(!acl_flows_check(p, &why));
    UNIT_ASSERT_CONTAINS(ds_cstr(&why), "lists.v.rules[0]: matches vlan, but "
                         "the list is applied to tenant 'blue'");
    acl_policy_destroy(p);
    ds_destroy(&why);

    p = parse(policy_text);
    CU_ASSERT(acl_flows_check(p, &why));
    CU_ASSERT(!acl_policy_has_stateful(p));
    acl_policy_destroy(p);
    ds_destroy(&why);
}

/* Stateful rules: conntrack machinery on 1.3, left out without it. */
static void
test_stateful(void)
{
    struct acl_policy *p = parse(
        "lists:\n"
        "  g:\n"
        "    default: deny\n"
        "    rules:\n"
        "      - {action: allow, proto: tcp, src: 10.0.0.1, stateful: true}\n"
        "      - {action: allow, proto: icmp}\n"
        "apply: [{list: g}]\n");
    CU_ASSERT(acl_policy_has_stateful(p));
    struct acl_ids *ids = acl_ids_create(p, NULL, NULL);
    struct acl_flows set;
    acl_flows_init(&set);
    uint32_t links[] = { 9 };
    struct acl_switch_view v = view13(1);
    v.links = links;
    v.n_links = 1;
    acl_flows_compute(p, ids, &v, &set);
    size_t track = 0, commit = 0, commit_fwd = 0, est = 0;
    for (size_t i = 0; i < set.n; i++) {
        const struct acl_flow *f = &set.flows[i];
        track += f->action == ACL_FLOW_CT_TRACK;
        commit += f->action == ACL_FLOW_CT_COMMIT;
        commit_fwd += f->action == ACL_FLOW_CT_COMMIT_FWD;
        est += f->priority == ACL_PRIO_CT_EST
               || f->priority == ACL_PRIO_CT_EST - 1;
        if (f->action == ACL_FLOW_CT_COMMIT) {
            CU_ASSERT(ofp_match_has(&f->match, OFPF_CT_STATE));
            struct acl_op op = { .kind = ACL_OP_ADD, .flow = *f };
            struct ofp_flow_mod fm;
            struct ofp_action acts[2];
            acl_op_flow_mod(&op, 1, 2, &fm, acts);
            CU_ASSERT_EQUAL(fm.instructions.present,
                            OFPIB_APPLY_ACTIONS | OFPIB_GOTO_TABLE);
            CU_ASSERT_EQUAL(acts[0].type, OFPACT_CT);
            CU_ASSERT(acts[0].u.ct.flags & OFPACT_CT_F_COMMIT);
        }
    }
    CU_ASSERT_EQUAL(track, 4);
    CU_ASSERT_EQUAL(commit, 1);
    CU_ASSERT_EQUAL(commit_fwd, 1);
    CU_ASSERT_EQUAL(est, 2);

    /* No conntrack: the stateful rule is left out, the rest stays. */
    v.conntrack = false;
    acl_flows_compute(p, ids, &v, &set);
    for (size_t i = 0; i < set.n; i++) {
        CU_ASSERT(set.flows[i].action == ACL_FLOW_DROP
                  || set.flows[i].action == ACL_FLOW_ALLOW);
        CU_ASSERT(!ofp_match_has(&set.flows[i].match, OFPF_CT_STATE));
    }
    acl_flows_destroy(&set);
    acl_ids_destroy(ids);
    acl_policy_destroy(p);
}

/* OpenFlow 1.0: only drops that no higher allow overlaps. */
static void
test_of10(void)
{
    struct acl_policy *p = parse(
        "lists:\n"
        "  g:\n"
        "    default: allow\n"
        "    rules:\n"
        "      - {action: allow, proto: tcp, src: 10.0.0.1}\n"
        "      - {action: deny, proto: tcp, dst_port: 23}\n"
        "      - {action: deny, proto: udp, src: 10.0.0.0/8}\n"
        "apply: [{list: g}]\n");
    struct acl_ids *ids = acl_ids_create(p, NULL, NULL);
    struct acl_flows set;
    acl_flows_init(&set);
    struct acl_switch_view v = view13(1);
    v.version = OFP10_VERSION;
    acl_flows_compute(p, ids, &v, &set);
    /* tcp/23 overlaps the tcp allow of 10.0.0.1: left to packet-ins; the
     * udp deny stays (IPv4 only: the rule names an IPv4 source); LLDP goes
     * to the controller above it. */
    CU_ASSERT_EQUAL_FATAL(set.n, 2);
    CU_ASSERT_EQUAL(set.flows[0].priority, ACL_PRIO_LINK);
    CU_ASSERT_EQUAL(set.flows[0].action, ACL_FLOW_CONTROLLER);
    CU_ASSERT_EQUAL(set.flows[1].action, ACL_FLOW_DROP);
    union ofp_field_value val;
    CU_ASSERT(ofp_match_get(&set.flows[1].match, OFPF_IP_PROTO, &val, NULL));
    CU_ASSERT_EQUAL(val.u8, 17);
    CU_ASSERT(!ofp_match_has(&set.flows[1].match, OFPF_IN_PORT));

    /* The LLDP flow-mod outputs to the controller, as the table miss. */
    struct acl_op op = { .kind = ACL_OP_ADD, .flow = set.flows[0] };
    struct ofp_flow_mod fm;
    struct ofp_action acts[2];
    acl_op_flow_mod(&op, 0, 0, &fm, acts);
    CU_ASSERT_EQUAL(fm.instructions.present, OFPIB_APPLY_ACTIONS);
    CU_ASSERT_EQUAL_FATAL(fm.instructions.apply.n, 1);
    CU_ASSERT_EQUAL(fm.instructions.apply.actions[0].type, OFPACT_OUTPUT);
    CU_ASSERT_EQUAL(fm.instructions.apply.actions[0].u.output.port,
                    OFPP_CONTROLLER);
    acl_flows_destroy(&set);
    acl_ids_destroy(ids);
    acl_policy_destroy(p);

    /* A default-deny list that also denies LLDP, on a switch with ports 1,
     * 2 (edge) and 5 (a link), and a port rule on the link port. */
    p = parse(
        "lists:\n"
        "  g:\n"
        "    default: deny\n"
        "    rules:\n"
        "      - {action: deny, eth_type: 0x88cc}\n"
        "      - {action: allow, proto: icmp}\n"
        "  lp:\n"
        "    default: deny\n"
        "    rules: []\n"
        "apply:\n"
        "  - {list: lp, port: {dpid: 1, port: 5}}\n"
        "  - {list: g}\n");
    ids = acl_ids_create(p, NULL, NULL);
    acl_flows_init(&set);
    uint32_t ports[] = { 1, 2, 5, OFPP_LOCAL };
    uint32_t links[] = { 5 };
    v.ports = ports;
    v.n_ports = 4;
    v.links = links;
    v.n_links = 1;
    acl_flows_compute(p, ids, &v, &set);
    /* LLDP to the controller; the LLDP drop and the list's default drop,
     * each on ports 1 and 2 only; the port default on the link port and
     * the icmp allow's overlap with the catch-all (left to packet-ins)
     * make nothing. */
    CU_ASSERT_EQUAL_FATAL(set.n, 3);
    CU_ASSERT_EQUAL(set.flows[0].action, ACL_FLOW_CONTROLLER);
    CU_ASSERT_EQUAL(set.flows[1].action, ACL_FLOW_DROP);
    CU_ASSERT_EQUAL(set.flows[2].action, ACL_FLOW_DROP);
    for (size_t i = 1; i < set.n; i++) {
        CU_ASSERT(ofp_match_get(&set.flows[i].match, OFPF_IN_PORT, &val,
                                NULL));
        CU_ASSERT(val.u32 == 1 || val.u32 == 2);
    }
    struct ofp_match lldp;
    make_pkt(&lldp, 5, 0, 0, 0, 0, 0);
    ofp_match_init_catchall(&lldp);
    ofp_match_set_in_port(&lldp, 1);
    ofp_match_set_eth_type(&lldp, 0x88cc);
    CU_ASSERT_EQUAL(table_decides(&set, &lldp), ACL_ALLOW);
    struct ofp_match transit;
    make_pkt(&transit, 5, 0, 0x0a000001, 0x0a000002, 6, 23);
    CU_ASSERT_EQUAL(table_decides(&set, &transit), -1);
    acl_flows_destroy(&set);
    acl_ids_destroy(ids);
    acl_policy_destroy(p);

    /* A tenant's allow keeps a lower global drop out on 1.0 (frames carry
     * no tenant VLAN there), and the tenant's own denies are not
     * installed for every frame. */
    p = parse(
        "lists:\n"
        "  t:\n"
        "    default: deny\n"
        "    rules:\n"
        "      - {action: deny, proto: udp}\n"
        "      - {action: allow, proto: tcp, dst_port: 22}\n"
        "  g:\n"
        "    default: allow\n"
        "    rules:\n"
        "      - {action: deny, proto: tcp}\n"
        "      - {action: deny, proto: icmp}\n"
        "apply:\n"
        "  - {list: t, tenant: blue}\n"
        "  - {list: t, tenant: nobody}\n"
        "  - {list: g}\n");
    ids = acl_ids_create(p, NULL, NULL);
    acl_flows_init(&set);
    v.links = NULL;
    v.n_links = 0;
    acl_flows_compute(p, ids, &v, &set);
    /* The tcp deny overlaps blue's tcp/22 allow: left to packet-ins; the
     * icmp deny stays. */
    CU_ASSERT_EQUAL_FATAL(set.n, 2);
    CU_ASSERT_EQUAL(set.flows[1].action, ACL_FLOW_DROP);
    CU_ASSERT(ofp_match_get(&set.flows[1].match, OFPF_IP_PROTO, &val, NULL));
    CU_ASSERT_EQUAL(val.u8, 1);
    /* Without the tenant app, tenant lists apply to nothing. */
    v.tenant_vlan = NULL;
    acl_flows_compute(p, ids, &v, &set);
    CU_ASSERT_EQUAL(set.n, 3);
    acl_flows_destroy(&set);
    acl_ids_destroy(ids);
    acl_policy_destroy(p);
}

/* A switch's flows after a batch it refused part of, and what comes next:
 * a retry without conntrack keeps the flows from before the change, and
 * a rollback after a failed retry restores exactly them. */
static void
test_batches(void)
{
    static const struct {
        struct acl_batch_outcome o;
        enum acl_batch_next want;
    } cases[] = {
        { { false, false, 0, 0 }, ACL_NEXT_DONE },
        { { true, false, 0, 0 }, ACL_NEXT_DONE },
        { { false, false, 3, 3 }, ACL_NEXT_RETRY_NO_CT },
        /* Other flows refused too: a failure, not a conntrack problem. */
        { { false, false, 4, 3 }, ACL_NEXT_ROLLBACK },
        { { false, false, 1, 0 }, ACL_NEXT_ROLLBACK },
        /* Conntrack already off (a retry): roll back. */
        { { false, true, 2, 2 }, ACL_NEXT_ROLLBACK },
        { { false, true, 1, 0 }, ACL_NEXT_ROLLBACK },
        { { true, false, 1, 1 }, ACL_NEXT_INCONSISTENT },
        { { true, true, 1, 0 }, ACL_NEXT_INCONSISTENT },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        CU_ASSERT_EQUAL(acl_batch_decide(&cases[i].o), cases[i].want);
    }

    /* Before: a plain policy.  The change adds a stateful rule and a
     * deny; the switch refuses the conntrack flows. */
    struct acl_policy *p0 = parse(
        "lists:\n"
        "  g:\n"
        "    rules:\n"
        "      - {action: deny, proto: tcp, dst_port: 23}\n"
        "apply: [{list: g}]\n");
    struct acl_policy *p1 = parse(
        "lists:\n"
        "  g:\n"
        "    rules:\n"
        "      - {action: allow, proto: tcp, dst_port: 22, stateful: true}\n"
        "      - {action: deny, proto: tcp, dst_port: 23}\n"
        "      - {action: deny, proto: udp, dst_port: 53}\n"
        "apply: [{list: g}]\n");
    struct acl_ids *ids0 = acl_ids_create(p0, NULL, NULL);
    struct acl_ids *ids1 = acl_ids_create(p1, p0, ids0);
    struct acl_switch_view v = view13(1);
    struct acl_flows before, target, now;
    acl_flows_init(&before);
    acl_flows_init(&target);
    acl_flows_init(&now);
    acl_flows_compute(p0, ids0, &v, &before);
    acl_flows_compute(p1, ids1, &v, &target);
    struct acl_diff d;
    acl_flows_diff(&before, &target, &d);
    acl_flows_copy(&now, &target);
    struct acl_batch_outcome o = { false, false, 0, 0 };
    for (size_t i = 0; i < d.n; i++) {
        if (acl_op_is_conntrack(&d.ops[i])) {
            acl_flows_undo(&now, &d.ops[i]);
            o.n_failed++;
            o.n_ct_failed++;
        }
    }
    CU_ASSERT(o.n_failed > 0);
    CU_ASSERT_EQUAL(acl_batch_decide(&o), ACL_NEXT_RETRY_NO_CT);
    acl_diff_destroy(&d);
    /* The switch holds a mix: the new denies, no conntrack flows. */
    CU_ASSERT(now.n != before.n);

    /* The retry without conntrack, with a change that came in meanwhile
     * (else there would be nothing left to send): the switch refuses one
     * of its flows. */
    struct acl_policy *p2 = parse(
        "lists:\n"
        "  g:\n"
        "    rules:\n"
        "      - {action: allow, proto: tcp, dst_port: 22, stateful: true}\n"
        "      - {action: deny, proto: tcp, dst_port: 23}\n"
        "      - {action: deny, proto: udp, dst_port: 53}\n"
        "      - {action: deny, proto: udp, dst_port: 67}\n"
        "apply: [{list: g}]\n");
    struct acl_ids *ids2 = acl_ids_create(p2, p1, ids1);
    v.conntrack = false;
    acl_flows_compute(p2, ids2, &v, &target);
    acl_flows_diff(&now, &target, &d);
    struct acl_flows mix;
    acl_flows_init(&mix);
    acl_flows_copy(&mix, &now);
    acl_flows_copy(&now, &target);
    o = (struct acl_batch_outcome) { false, true, 0, 0 };
    CU_ASSERT_FATAL(d.n > 0);
    acl_flows_undo(&now, &d.ops[0]);
    o.n_failed++;
    CU_ASSERT_EQUAL(acl_batch_decide(&o), ACL_NEXT_ROLLBACK);
    acl_diff_destroy(&d);

    /* The rollback goes to 'before', not to the mix: applied whole it
     * leaves exactly the flows from before the change. */
    acl_flows_diff(&now, &before, &d);
    CU_ASSERT(d.n > 0);
    acl_diff_destroy(&d);
    acl_flows_copy(&now, &before);
    CU_ASSERT_EQUAL_FATAL(now.n, before.n);
    for (size_t i = 0; i < now.n; i++) {
        CU_ASSERT(acl_flow_equal(&now.flows[i], &before.flows[i]));
    }
    /* An add undone leaves nothing; a delete undone restores the flow. */
    acl_flows_copy(&now, &before);
    struct acl_op add = { .kind = ACL_OP_ADD, .flow = before.flows[0] };
    add.flow.priority = 100;
    acl_flows_add(&now, &add.flow);
    acl_flows_sort(&now);
    acl_flows_undo(&now, &add);
    CU_ASSERT_EQUAL(now.n, before.n);
    struct acl_op del = { .kind = ACL_OP_DELETE, .flow = before.flows[0] };
    memmove(now.flows, now.flows + 1, (now.n - 1) * sizeof *now.flows);
    now.n--;
    acl_flows_undo(&now, &del);
    CU_ASSERT_EQUAL_FATAL(now.n, before.n);
    CU_ASSERT(acl_flow_equal(&now.flows[0], &before.flows[0]));

    acl_flows_destroy(&mix);
    acl_flows_destroy(&now);
    acl_flows_destroy(&target);
    acl_flows_destroy(&before);
    acl_ids_destroy(ids2);
    acl_ids_destroy(ids1);
    acl_ids_destroy(ids0);
    acl_policy_destroy(p2);
    acl_policy_destroy(p1);
    acl_policy_destroy(p0);
}

/* Tenant isolation in policy checks: the tenant app decides before the
 * ACLs, in the order no source tenant, no destination tenant, two
 * tenants; without it nothing is decided. */
static void
test_tenant_decide(void)
{
    static const struct {
        bool tenants, src_asked;
        const char *src;
        bool dst_asked;
        const char *dst;
        enum acl_tenant_verdict want;
    } cases[] = {
        /* Without the tenant app names only select lists. */
        { false, true, "blue", true, "red", ACL_TENANT_PASS },
        { false, true, NULL, true, NULL, ACL_TENANT_PASS },
        /* Nothing known, or one end only. */
        { true, false, NULL, false, NULL, ACL_TENANT_PASS },
        { true, true, "blue", false, NULL, ACL_TENANT_PASS },
        { true, false, NULL, true, "red", ACL_TENANT_PASS },
        /* Same tenant: the ACLs decide. */
        { true, true, "blue", true, "blue", ACL_TENANT_PASS },
        /* Different tenants. */
        { true, true, "blue", true, "red", ACL_TENANT_ISOLATED },
        /* An end of no tenant; the source is said first. */
        { true, true, NULL, false, NULL, ACL_TENANT_NO_SRC },
        { true, true, NULL, true, "red", ACL_TENANT_NO_SRC },
        { true, true, NULL, true, NULL, ACL_TENANT_NO_SRC },
        { true, true, "blue", true, NULL, ACL_TENANT_NO_DST },
        { true, false, NULL, true, NULL, ACL_TENANT_NO_DST },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct acl_tenant_ends e = {
            .tenants = cases[i].tenants,
            .src_asked = cases[i].src_asked,
            .src = cases[i].src,
            .dst_asked = cases[i].dst_asked,
            .dst = cases[i].dst,
        };
        enum acl_tenant_verdict got = acl_tenant_decide(&e);
        CU_ASSERT_EQUAL(got, cases[i].want);
        if (got != cases[i].want) {
            fprintf(stderr, "\ncase %zu: got %d, want %d\n", i, (int) got,
                    (int) cases[i].want);
        }
    }

    struct acl_tenant_ends e = { true, true, "blue", true, "red" };
    struct ds d = DS_EMPTY_INITIALIZER;
    acl_tenant_reason(ACL_TENANT_ISOLATED, &e, &d);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&d), "tenant isolation: 'blue' and 'red' "
                           "are different tenants, whose frames never meet");
    ds_clear(&d);
    acl_tenant_reason(ACL_TENANT_NO_SRC, &e, &d);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&d), "the source belongs to no tenant "
                           "there: the tenant app drops its frames");
    ds_clear(&d);
    acl_tenant_reason(ACL_TENANT_NO_DST, &e, &d);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&d), "the destination belongs to no "
                           "tenant there: the tenant app delivers no "
                           "tenant's frames to it");
    ds_destroy(&d);
}

static const CU_TestInfo acl_flows_tests[] = {
    { "the table decides as the policy", test_table_equals_check },
    { "bands and flow-mods", test_bands },
    { "minimal, ordered changes; stable ids", test_diff },
    { "cookies describe their rule", test_describe },
    { "vlan in tenant lists refused", test_checks },
    { "stateful rules", test_stateful },
    { "OpenFlow 1.0", test_of10 },
    { "batches: retry without conntrack, rollback", test_batches },
    { "tenant isolation in policy checks", test_tenant_decide },
    CU_TEST_INFO_NULL,
};

void
test_acl_flows_register(void)
{
    unit_add_suite("acl_flows", acl_flows_tests);
}
