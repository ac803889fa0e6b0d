/* libFuzzer target for the tenant and ACL policies: bodies of PUT
 * /v1/tenants and PUT /v1/acls, and the apps' settings in config files.
 *
 * The input is read as the admin API reads a body (JSON; config files go
 * through the same parsers after libfyaml's YAML reader, and libfyaml
 * leaks on some single-quoted YAML scalars, which would drown real
 * findings), and parsed as a tenant policy and as an ACL policy.  Oracle: a policy that fails must say why (an error in the ycfg);
 * one that parses must equal itself (no difference from itself, rule by
 * rule and tenant by tenant), its lint must not fail, and every query the
 * apps make of it (classification, lists for a port, a policy check) must
 * return without fault.  Crashes, out-of-bounds reads (ASan), undefined
 * behavior (UBSan) and leaks are bugs too. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/acl/acl_policy.h"
#include "apps/tenant/tenant_policy.h"
#include "canopy/ycfg.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const struct ycfg *y)
{
    fprintf(stderr, "%s\n%s\n", what, y ? ycfg_error(y) : "");
    abort();
}

static void
check_tenants(struct ycfg *y)
{
    struct tenant_policy *p;
    if (!tenant_policy_parse(y, ycfg_root(y), "", &p)) {
        if (!ycfg_error(y) || !*ycfg_error(y)) {
            fail("tenant policy refused without a reason", y);
        }
        return;
    }
    if (tenant_policy_diff(p, p, NULL, NULL)) {
        fail("a tenant policy differs from itself", NULL);
    }
    size_t n = tenant_policy_n_tenants(p);
    if (tenant_policy_diff(NULL, p, NULL, NULL)
        != n + (tenant_policy_default(p) != NULL)) {
        fail("adding every tenant is not one change per tenant (and one "
             "for the default)", NULL);
    }
    static const struct tenant_policy_port ports[] = {
        { 1, "eth1" }, { 3, "s2-eth4" }, { 5, "p5" },
    };
    char *errors = NULL;
    tenant_policy_resolve_names(p, 2, ports, 3, &errors);
    free(errors);
    static const uint8_t mac[6] = { 0x0a, 0, 0, 0, 0, 7 };
    for (uint32_t port = 1; port <= 5; port++) {
        tenant_policy_classify(p, 1, port, 0, mac);
        tenant_policy_classify(p, 2, port, 20, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        const struct tenant_policy_tenant *t = tenant_policy_tenant(p, i);
        if (tenant_policy_find(p, t->name) != t) {
            fail("a tenant cannot be found by its name", NULL);
        }
    }
    tenant_policy_forget_switch(p, 2);
    tenant_policy_destroy(p);
}

static void
check_acls(struct ycfg *y)
{
    struct acl_policy *p;
    if (!acl_policy_parse(y, ycfg_root(y), "", NULL, &p)) {
        if (!ycfg_error(y) || !*ycfg_error(y)) {
            fail("ACL policy refused without a reason", y);
        }
        return;
    }
    if (!acl_policy_equal(p, p)) {
        fail("an ACL policy differs from itself", NULL);
    }
    struct ds ds;
    ds_init(&ds);
    acl_policy_lint(p, &ds);
    ds_destroy(&ds);

    struct ofp_match pkt;
    ofp_match_init_catchall(&pkt);
    ofp_match_set_in_port(&pkt, 3);
    ofp_match_set_eth_type(&pkt, 0x0800);
    ofp_match_set_ip_proto(&pkt, 6);
    ofp_match_set_ipv4_src(&pkt, 0x0a000005, 32);
    ofp_match_set_ipv4_dst(&pkt, 0x0a000001, 32);
    union ofp_field_value port = { .u16 = 80 };
    ofp_match_set(&pkt, OFPF_TCP_DST, &port, NULL);
    for (size_t i = 0; i < p->n_lists; i++) {
        size_t rule;
        acl_policy_eval(&p->lists[i], &pkt, &rule);
        if (rule != ACL_POLICY_DEFAULT && rule >= p->lists[i].n_rules) {
            fail("evaluation names a rule the list does not have", NULL);
        }
    }
    const struct acl_list **lists;
    size_t n = acl_policy_lists_for(p, "blue", 1, 3, &lists);
    free(lists);
    struct acl_verdict v = acl_policy_check(p, "blue", 1, 3, &pkt);
    if ((v.list == NULL) != (n == 0)) {
        fail("a check disagrees with the lists that apply", NULL);
    }
    acl_policy_destroy(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ycfg *y = ycfg_load_json("body", (const char *) data, size);
    if (ycfg_root(y)) {
        check_tenants(y);
        ycfg_destroy(y);
        y = ycfg_load_json("body", (const char *) data, size);
        check_acls(y);
    }
    ycfg_destroy(y);
    return 0;
}
