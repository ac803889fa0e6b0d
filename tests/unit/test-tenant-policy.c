/* Unit tests for the tenant policy model (apps/tenant/tenant_policy.c). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/tenant/tenant_policy.h"
#include "canopy/ycfg.h"
#include "ofproto/ds.h"
#include "tests/unit/unit.h"

static struct tenant_policy *
parse_ok(const char *yaml)
{
    struct ycfg *y = ycfg_load_string("t.yaml", yaml, strlen(yaml));
    struct tenant_policy *p = NULL;
    bool ok = tenant_policy_parse(y, ycfg_root(y), "", &p);
    if (!ok) {
        UNIT_ASSERT_CONTAINS(ycfg_error(y), "(no error expected)");
    }
    CU_ASSERT_TRUE(ok);
    ycfg_destroy(y);          /* The policy must not need it. */
    return p;
}

/* Expects parsing 'yaml' under "apps[0].settings" to fail with exactly
 * 'want'. */
static void
parse_err(const char *yaml, const char *want)
{
    struct ycfg *y = ycfg_load_string("t.yaml", yaml, strlen(yaml));
    struct tenant_policy *p = (struct tenant_policy *) 1;
    CU_ASSERT_FALSE(tenant_policy_parse(y, ycfg_root(y), "apps[0].settings",
                                        &p));
    CU_ASSERT_PTR_NULL(p);
    const char *err = ycfg_error(y);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    if (strcmp(err, want)) {
        fprintf(stderr, "\n  got:  %s\n  want: %s\n", err, want);
        CU_FAIL("wrong error");
    }
    ycfg_destroy(y);
}

static const char example[] =
    "vlan_range: [100, 3999]\n"
    "default: guests\n"
    "tenants:\n"
    "  - name: blue\n"
    "    vlan: 101\n"
    "    members:\n"
    "      - {dpid: 1, port: 3}\n"
    "      - {dpid: 2, port: \"s2-eth4\"}\n"
    "      - {dpid: 2, port: 5, vlan: 20}\n"
    "      - {mac: \"0a:00:00:00:00:07\"}\n"
    "  - name: guests\n";

static void
test_every_key(void)
{
    struct tenant_policy *p = parse_ok(example);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    uint16_t lo, hi;
    tenant_policy_vlan_range(p, &lo, &hi);
    CU_ASSERT_EQUAL(lo, 100);
    CU_ASSERT_EQUAL(hi, 3999);
    CU_ASSERT_EQUAL(tenant_policy_n_tenants(p), 2);
    const struct tenant_policy_tenant *blue = tenant_policy_tenant(p, 0);
    const struct tenant_policy_tenant *guests = tenant_policy_tenant(p, 1);
    CU_ASSERT_PTR_NULL(tenant_policy_tenant(p, 2));
    CU_ASSERT_STRING_EQUAL(blue->name, "blue");
    CU_ASSERT_STRING_EQUAL(blue->where, "t.yaml:4:11");
    CU_ASSERT_EQUAL(blue->vlan, 101);
    CU_ASSERT_FALSE(blue->vlan_allocated);
    CU_ASSERT_EQUAL(guests->vlan, 100);   /* Lowest free. */
    CU_ASSERT_TRUE(guests->vlan_allocated);
    CU_ASSERT_PTR_EQUAL(tenant_policy_default(p), guests);
    CU_ASSERT_PTR_EQUAL(tenant_policy_find(p, "guests"), guests);
    CU_ASSERT_PTR_NULL(tenant_policy_find(p, "red"));

    CU_ASSERT_EQUAL_FATAL(blue->n_members, 4);
    const struct tenant_policy_member *m = blue->members;
    CU_ASSERT_EQUAL(m[0].kind, TENANT_MEMBER_PORT);
    CU_ASSERT_EQUAL(m[0].dpid, 1);
    CU_ASSERT_EQUAL(m[0].port, 3);
    CU_ASSERT_EQUAL(m[0].vlan, 0);
    CU_ASSERT_TRUE(m[0].resolved);
    CU_ASSERT_STRING_EQUAL(m[0].where, "t.yaml:7:25");
    CU_ASSERT_EQUAL(m[1].kind, TENANT_MEMBER_PORT_NAME);
    CU_ASSERT_STRING_EQUAL(m[1].port_name, "s2-eth4");
    CU_ASSERT_FALSE(m[1].resolved);
    CU_ASSERT_EQUAL(m[2].kind, TENANT_MEMBER_PORT);
    CU_ASSERT_EQUAL(m[2].vlan, 20);
    CU_ASSERT_EQUAL(m[3].kind, TENANT_MEMBER_MAC);
    static const uint8_t mac7[6] = { 0x0a, 0, 0, 0, 0, 7 };
    CU_ASSERT_EQUAL(memcmp(m[3].mac, mac7, 6), 0);
    CU_ASSERT_EQUAL(m[3].tenant_idx, 0);
    CU_ASSERT_EQUAL(m[3].idx, 3);
    tenant_policy_destroy(p);
    tenant_policy_destroy(NULL);

    /* Nothing at all: an empty policy with the default range. */
    struct tenant_policy *e = NULL;
    struct ycfg *y = ycfg_load_string("t.yaml", "", 0);
    CU_ASSERT_TRUE(tenant_policy_parse(y, ycfg_root(y), "", &e));
    ycfg_destroy(y);
    CU_ASSERT_EQUAL(tenant_policy_n_tenants(e), 0);
    tenant_policy_vlan_range(e, &lo, &hi);
    CU_ASSERT_EQUAL(lo, 100);
    CU_ASSERT_EQUAL(hi, 3999);
    CU_ASSERT_PTR_NULL(tenant_policy_default(e));
    CU_ASSERT_PTR_NULL(tenant_policy_classify(e, 1, 1, 0, NULL));
    tenant_policy_destroy(e);
}

static void
test_errors(void)
{
    /* Unknown keys, naming the valid ones. */
    parse_err("tenant: []\n",
              "t.yaml:1:1: apps[0].settings: unknown setting 'tenant' "
              "(expected one of: vlan_range, default, tenants)");
    parse_err("tenants:\n  - {name: a, vlans: 3}\n",
              "t.yaml:2:15: apps[0].settings.tenants[0]: unknown setting "
              "'vlans' (expected one of: name, vlan, members)");
    parse_err("tenants:\n  - name: a\n    members: [{dpid: 1, prt: 2}]\n",
              "t.yaml:3:25: apps[0].settings.tenants[0].members[0]: "
              "unknown setting 'prt' (expected one of: dpid, port, vlan, "
              "mac)");
    /* Duplicate names. */
    parse_err("tenants:\n  - name: a\n  - name: b\n  - name: a\n",
              "t.yaml:4:11: apps[0].settings.tenants[2].name: duplicate "
              "tenant name 'a' (first at t.yaml:2:11)");
    parse_err("tenants:\n  - name: Blue\n",
              "t.yaml:2:11: apps[0].settings.tenants[0].name: 'Blue' is not "
              "a valid tenant name (1 to 63 of a-z, 0-9, '_', '-')");
    parse_err("tenants:\n  - vlan: 5\n",
              "t.yaml:2:5: apps[0].settings.tenants[0].name: missing "
              "required setting");
    /* VLAN collision between configured VLANs. */
    parse_err("tenants:\n  - {name: a, vlan: 7}\n  - {name: b, vlan: 7}\n",
              "t.yaml:3:21: apps[0].settings.tenants[1].vlan: VLAN 7 is "
              "already the VLAN of tenant 'a' (t.yaml:2:12)");
    /* Out of range VLANs. */
    parse_err("tenants:\n  - {name: a, vlan: 4095}\n",
              "t.yaml:2:21: apps[0].settings.tenants[0].vlan: 4095 is out "
              "of range (1 to 4094)");
    parse_err("tenants:\n  - name: a\n    members: [{dpid: 1, port: 1, "
              "vlan: 0}]\n",
              "t.yaml:3:40: apps[0].settings.tenants[0].members[0].vlan: 0 "
              "is out of range (1 to 4094)");
    parse_err("vlan_range: [10, 5000]\n",
              "t.yaml:1:18: apps[0].settings.vlan_range: 5000 is out of "
              "range (1 to 4094)");
    parse_err("vlan_range: [10]\n",
              "t.yaml:1:14: apps[0].settings.vlan_range: expected [LOWEST, "
              "HIGHEST], got 1 items");
    parse_err("vlan_range: [20, 10]\n",
              "t.yaml:1:14: apps[0].settings.vlan_range: lowest VLAN 20 is "
              "above highest 10");
    /* The range runs out (configured VLANs are skipped, not reused). */
    parse_err("vlan_range: [10, 11]\ntenants:\n  - {name: a, vlan: 10}\n"
              "  - name: b\n  - name: c\n",
              "t.yaml:5:11: apps[0].settings.tenants[2]: no free VLAN left "
              "in vlan_range [10, 11] for tenant 'c'");
    /* A member in two tenants, in one tenant twice, by MAC and by name. */
    parse_err("tenants:\n"
              "  - name: a\n"
              "    members: [{dpid: 1, port: 3}]\n"
              "  - name: b\n"
              "    members: [{dpid: 1, port: 3}]\n",
              "t.yaml:5:31: apps[0].settings.tenants[1].members[0]: already "
              "a member of tenant 'a' (t.yaml:3:31); a member belongs to "
              "one tenant");
    parse_err("tenants:\n"
              "  - name: a\n"
              "    members: [{mac: \"02:00:00:00:00:01\"}]\n"
              "  - name: b\n"
              "    members: [{mac: \"02:00:00:00:00:01\"}]\n",
              "t.yaml:5:22: apps[0].settings.tenants[1].members[0]: already "
              "a member of tenant 'a' (t.yaml:3:22); a member belongs to "
              "one tenant");
    parse_err("tenants:\n"
              "  - name: a\n"
              "    members: [{dpid: 1, port: x1}, {dpid: 1, port: x1}]\n",
              "t.yaml:3:52: apps[0].settings.tenants[0].members[1]: "
              "duplicate member of tenant 'a' (first at t.yaml:3:31)");
    /* The same port with different access VLANs is two members. */
    struct tenant_policy *p = parse_ok(
        "tenants:\n"
        "  - {name: a, members: [{dpid: 1, port: 3}]}\n"
        "  - {name: b, members: [{dpid: 1, port: 3, vlan: 20}]}\n");
    CU_ASSERT_PTR_NOT_NULL(p);
    tenant_policy_destroy(p);
    /* Unknown default. */
    parse_err("default: red\ntenants:\n  - name: blue\n",
              "t.yaml:1:10: apps[0].settings.default: no tenant is named "
              "'red'");
    /* Members. */
    parse_err("tenants:\n  - name: a\n    members: [{mac: \"0a:00:00:00:07\"}]"
              "\n",
              "t.yaml:3:22: apps[0].settings.tenants[0].members[0].mac: "
              "'0a:00:00:00:07' is not a MAC address (example: "
              "0a:00:00:00:00:07)");
    parse_err("tenants:\n  - name: a\n    members: [{mac: "
              "\"01:00:5e:00:00:01\"}]\n",
              "t.yaml:3:22: apps[0].settings.tenants[0].members[0].mac: "
              "01:00:5e:00:00:01 is a multicast address, not a host");
    parse_err("tenants:\n  - name: a\n    members: [{mac: "
              "\"02:00:00:00:00:01\", dpid: 1}]\n",
              "t.yaml:3:16: apps[0].settings.tenants[0].members[0]: a member "
              "is either {mac} or {dpid, port [, vlan]}, not both");
    parse_err("tenants:\n  - name: a\n    members: [{dpid: 1}]\n",
              "t.yaml:3:16: apps[0].settings.tenants[0].members[0].port: "
              "missing required setting");
    parse_err("tenants:\n  - name: a\n    members: [{dpid: 1, port: 0}]\n",
              "t.yaml:3:31: apps[0].settings.tenants[0].members[0].port: 0 "
              "is out of range (1 to 4294967040)");
    parse_err("tenants:\n  - name: a\n    members: [{dpid: 1, port: "
              "a-very-long-port-name}]\n",
              "t.yaml:3:31: apps[0].settings.tenants[0].members[0].port: "
              "port name 'a-very-long-port-name' is longer than 15 bytes");
    parse_err("tenants:\n  - name: a\n    members: [3]\n",
              "t.yaml:3:15: apps[0].settings.tenants[0].members[0]: expected "
              "a mapping ({dpid, port [, vlan]} or {mac})");
}

/* A config of 'n' tenants named t0..t(n-1), the first with vlan 100. */
static struct tenant_policy *
parse_n(size_t n)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    ds_put_cstr(&ds, "vlan_range: [100, 200]\ntenants:\n");
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&ds, "  - name: t%zu\n", i);
        if (i == 2) {
            ds_put_cstr(&ds, "    vlan: 101\n");
        }
    }
    struct tenant_policy *p = parse_ok(ds_cstr(&ds));
    ds_destroy(&ds);
    return p;
}

static void
test_allocation(void)
{
    struct tenant_policy *a = parse_n(5), *b = parse_n(5), *c = parse_n(6);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* Lowest free in config order, skipping the configured 101. */
    static const uint16_t want[] = { 100, 102, 101, 103, 104 };
    for (size_t i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(tenant_policy_tenant(a, i)->vlan, want[i]);
        CU_ASSERT_EQUAL(tenant_policy_tenant(b, i)->vlan, want[i]);
        CU_ASSERT_EQUAL(tenant_policy_tenant(c, i)->vlan, want[i]);
    }
    CU_ASSERT_EQUAL(tenant_policy_tenant(c, 5)->vlan, 105);
    /* Adding a tenant changes nothing else. */
    size_t n_changes = tenant_policy_diff(a, c, NULL, NULL);
    CU_ASSERT_EQUAL(n_changes, 1);
    tenant_policy_destroy(a);
    tenant_policy_destroy(b);
    tenant_policy_destroy(c);

    /* A configured VLAN outside the range is allowed. */
    struct tenant_policy *p = parse_ok("vlan_range: [100, 101]\ntenants:\n"
                                       "  - {name: a, vlan: 5}\n"
                                       "  - name: b\n");
    CU_ASSERT_EQUAL(tenant_policy_tenant(p, 0)->vlan, 5);
    CU_ASSERT_EQUAL(tenant_policy_tenant(p, 1)->vlan, 100);
    tenant_policy_destroy(p);
}

static void
test_resolve(void)
{
    struct tenant_policy *p = parse_ok(
        "tenants:\n"
        "  - name: a\n"
        "    members:\n"
        "      - {dpid: 2, port: s2-eth4}\n"
        "      - {dpid: 2, port: s2-eth9}\n"
        "      - {dpid: 3, port: s3-eth1}\n"
        "  - name: b\n"
        "    members: [{dpid: 2, port: 7}]\n"
        "  - name: c\n"
        "    members: [{dpid: 2, port: s2-eth7}]\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    const struct tenant_policy_tenant *a = tenant_policy_find(p, "a");
    const struct tenant_policy_tenant *c = tenant_policy_find(p, "c");
    static const struct tenant_policy_port ports[] = {
        { 4, "s2-eth4" }, { 7, "s2-eth7" }, { 1, "s2-eth1" },
    };
    char *errors = NULL;
    CU_ASSERT_FALSE(tenant_policy_resolve_names(p, 2, ports, 3, &errors));
    CU_ASSERT_STRING_EQUAL(errors,
        "t.yaml:5:25: tenants[0].members[1].port: switch 2 has no port "
        "named 's2-eth9'\n"
        "t.yaml:10:31: tenants[2].members[0].port: port 's2-eth7' of "
        "switch 2 is port 7, already a member of tenant 'b' "
        "(t.yaml:8:31)\n");
    free(errors);
    /* Found: classified; unknown or colliding: classify nothing. */
    CU_ASSERT_TRUE(a->members[0].resolved);
    CU_ASSERT_EQUAL(a->members[0].port, 4);
    CU_ASSERT_FALSE(a->members[1].resolved);
    CU_ASSERT_FALSE(c->members[0].resolved);
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 2, 4, 0, NULL), a);
    CU_ASSERT_STRING_EQUAL(tenant_policy_classify(p, 2, 7, 0, NULL)->name,
                           "b");
    /* Another switch's names are untouched. */
    CU_ASSERT_FALSE(a->members[2].resolved);
    static const struct tenant_policy_port ports3[] = { { 1, "s3-eth1" } };
    errors = (char *) 1;
    CU_ASSERT_TRUE(tenant_policy_resolve_names(p, 3, ports3, 1, &errors));
    CU_ASSERT_PTR_NULL(errors);
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 3, 1, 0, NULL), a);
    /* The switch goes away. */
    tenant_policy_forget_switch(p, 3);
    CU_ASSERT_PTR_NULL(tenant_policy_classify(p, 3, 1, 0, NULL));
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 2, 4, 0, NULL), a);
    tenant_policy_destroy(p);
}

static void
test_classify(void)
{
    struct tenant_policy *p = parse_ok(
        "default: guests\n"
        "tenants:\n"
        "  - name: blue\n"
        "    members:\n"
        "      - {dpid: 1, port: 3}\n"
        "      - {mac: \"0a:00:00:00:00:07\"}\n"
        "  - name: red\n"
        "    members:\n"
        "      - {dpid: 1, port: 3, vlan: 20}\n"
        "      - {dpid: 1, port: 5, vlan: 30}\n"
        "      - {mac: \"0a:00:00:00:00:08\"}\n"
        "  - name: guests\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    const struct tenant_policy_tenant *blue = tenant_policy_find(p, "blue");
    const struct tenant_policy_tenant *red = tenant_policy_find(p, "red");
    const struct tenant_policy_tenant *guests = tenant_policy_default(p);
    static const uint8_t mac7[6] = { 0x0a, 0, 0, 0, 0, 7 };
    static const uint8_t mac8[6] = { 0x0a, 0, 0, 0, 0, 8 };
    static const uint8_t mac9[6] = { 0x0a, 0, 0, 0, 0, 9 };
    /* 1. port+VLAN beats the port. */
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 1, 3, 20, mac7), red);
    /* 2. the port, for every other VLAN and untagged, beats the MAC. */
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 1, 3, 21, mac8), blue);
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 1, 3, 0, mac8), blue);
    /* The same port number on another switch is not the port. */
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 2, 3, 0, NULL), guests);
    /* 3. the MAC, where no port member claims the traffic: also on a port
     * whose other VLAN is claimed. */
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 1, 5, 30, mac7), red);
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 1, 5, 0, mac7), blue);
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 9, 9, 0, mac8), red);
    /* 4. the default, or nothing. */
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 9, 9, 0, mac9), guests);
    CU_ASSERT_PTR_EQUAL(tenant_policy_classify(p, 9, 9, 0, NULL), guests);
    tenant_policy_destroy(p);

    p = parse_ok("tenants:\n  - name: a\n    members: [{dpid: 1, port: 1}]\n");
    CU_ASSERT_PTR_NULL(tenant_policy_classify(p, 1, 2, 0, mac7));
    CU_ASSERT_STRING_EQUAL(tenant_policy_classify(p, 1, 1, 0, NULL)->name,
                           "a");
    tenant_policy_destroy(p);
}

/* Records changes as text lines. */
static void
diff_record(const struct tenant_policy_change *ch, void *aux)
{
    struct ds *ds = aux;
    static const char *const names[] = {
        [TENANT_POLICY_TENANT_REMOVED] = "tenant-removed",
        [TENANT_POLICY_MEMBER_REMOVED] = "member-removed",
        [TENANT_POLICY_DEFAULT_CHANGED] = "default",
        [TENANT_POLICY_VLAN_CHANGED] = "vlan",
        [TENANT_POLICY_TENANT_ADDED] = "tenant-added",
        [TENANT_POLICY_MEMBER_ADDED] = "member-added",
    };
    ds_put_format(ds, "%s %s>%s", names[ch->type],
                  ch->old_tenant ? ch->old_tenant->name : "-",
                  ch->new_tenant ? ch->new_tenant->name : "-");
    if (ch->type == TENANT_POLICY_VLAN_CHANGED) {
        ds_put_format(ds, " %u>%u", ch->old_tenant->vlan,
                      ch->new_tenant->vlan);
    }
    if (ch->member) {
        ds_put_format(ds, " %s", ch->member->where);
    }
    ds_put_char(ds, '\n');
}

static void
test_diff(void)
{
    struct tenant_policy *old = parse_ok(
        "default: c\n"
        "tenants:\n"
        "  - name: a\n"
        "    members: [{dpid: 1, port: 1}, {dpid: 1, port: 2}]\n"
        "  - {name: b, vlan: 300}\n"
        "  - name: c\n"
        "    members: [{mac: \"02:00:00:00:00:01\"}]\n");
    struct tenant_policy *new = parse_ok(
        "tenants:\n"
        "  - name: a\n"
        "    members: [{dpid: 1, port: 2}, {dpid: 1, port: p3}, "
        "{dpid: 1, port: 1, vlan: 5}]\n"
        "  - name: c\n"
        "    vlan: 400\n"
        "    members: [{mac: \"02:00:00:00:00:01\"}]\n"
        "  - name: d\n"
        "    members: [{dpid: 1, port: 1}]\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(old);
    CU_ASSERT_PTR_NOT_NULL_FATAL(new);
    struct ds ds = DS_EMPTY_INITIALIZER;
    CU_ASSERT_EQUAL(tenant_policy_diff(old, new, diff_record, &ds), 7);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds),
        "member-removed a>a t.yaml:4:31\n"
        "tenant-removed b>-\n"
        "default c>-\n"
        "vlan c>c 101>400\n"
        "member-added a>a t.yaml:3:51\n"
        "member-added a>a t.yaml:3:72\n"
        "tenant-added ->d\n");
    ds_clear(&ds);

    /* Nothing changed; from and to nothing. */
    CU_ASSERT_EQUAL(tenant_policy_diff(old, old, diff_record, &ds), 0);
    CU_ASSERT_EQUAL(tenant_policy_diff(NULL, new, diff_record, &ds), 3);
    CU_ASSERT_EQUAL(tenant_policy_diff(old, NULL, diff_record, &ds), 4);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds),
        "tenant-added ->a\ntenant-added ->c\ntenant-added ->d\n"
        "tenant-removed a>-\ntenant-removed b>-\ntenant-removed c>-\n"
        "default c>-\n");
    ds_destroy(&ds);
    tenant_policy_destroy(old);
    tenant_policy_destroy(new);
}

void
test_tenant_policy_register(void)
{
    static const CU_TestInfo tests[] = {
        { "every key", test_every_key },
        { "errors with positions", test_errors },
        { "VLAN allocation", test_allocation },
        { "port name resolution", test_resolve },
        { "classification precedence", test_classify },
        { "diff", test_diff },
        CU_TEST_INFO_NULL,
    };
    unit_add_suite("tenant_policy", tests);
}
