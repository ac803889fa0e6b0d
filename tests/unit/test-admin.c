/* Unit tests for the admin API's routing, output helpers and static flow
 * store. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "canopy/app.h"
#include "canopy/ycfg.h"
#include "controller/admin.h"
#include "controller/flowjson.h"
#include "controller/ofconn.h"
#include "controller/staticflow.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "tests/unit/unit.h"

static void
test_path_match(void)
{
    char p[4][64];
    CU_ASSERT_TRUE(admin_path_match("/v1/health", "/v1/health", p, 4));
    CU_ASSERT_FALSE(admin_path_match("/v1/health", "/v1/health/", p, 4));
    CU_ASSERT_FALSE(admin_path_match("/v1/health", "/v1/healthz", p, 4));
    CU_ASSERT_FALSE(admin_path_match("/v1/health", "/v1", p, 4));
    CU_ASSERT_FALSE(admin_path_match("/v1/health", "", p, 4));
    CU_ASSERT_TRUE(admin_path_match("/v1/switches/{dpid}",
                                    "/v1/switches/00000000000000aa", p, 4));
    CU_ASSERT_STRING_EQUAL(p[0], "00000000000000aa");
    CU_ASSERT_FALSE(admin_path_match("/v1/switches/{dpid}", "/v1/switches/",
                                     p, 4));
    CU_ASSERT_FALSE(admin_path_match("/v1/switches/{dpid}", "/v1/switches",
                                     p, 4));
    CU_ASSERT_TRUE(admin_path_match("/v1/switches/{dpid}/ports/{port}",
                                    "/v1/switches/1/ports/7", p, 4));
    CU_ASSERT_STRING_EQUAL(p[0], "1");
    CU_ASSERT_STRING_EQUAL(p[1], "7");
    /* More parameters than room, or a parameter too long: no match. */
    CU_ASSERT_FALSE(admin_path_match("/{a}/{b}", "/x/y", p, 1));
    char longpath[200] = "/v1/switches/";
    memset(longpath + 13, 'f', 100);
    longpath[113] = '\0';
    CU_ASSERT_FALSE(admin_path_match("/v1/switches/{dpid}", longpath, p, 4));
}

static void
test_prom_label(void)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    admin_prom_label(&ds, "a\"b\\c\nd");
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "a\\\"b\\\\c\\nd");
    ds_destroy(&ds);
}

static void
test_staticflows(void)
{
    struct staticflow_set *set = staticflow_set_create();
    struct ycfg *y;
    struct flowjson f;
    static const char body[] = "{\"name\": \"web\", \"priority\": 7, "
        "\"match\": {\"in_port\": 3}, \"actions\": [\"output:4\"]}";
    y = ycfg_load_json("body", body, strlen(body));
    CU_ASSERT_TRUE_FATAL(flowjson_parse(y, ycfg_root(y), 0, &f));
    ycfg_destroy(y);

    uint64_t c1 = staticflow_new_cookie(set), c2 = staticflow_new_cookie(set);
    CU_ASSERT_EQUAL(c1 >> OFCONN_COOKIE_OWNER_SHIFT, 1);
    CU_ASSERT_NOT_EQUAL(c1 & ~CANOPY_COOKIE_OWNER_MASK, 0);
    CU_ASSERT_NOT_EQUAL(c1, c2);

    struct staticflow *a = staticflow_add(set, 5, &f, c1);
    free(f.name);
    f.name = xstrdup("other");
    struct staticflow *b = staticflow_add(set, 6, &f, c2);
    flowjson_uninit(&f);
    CU_ASSERT_EQUAL(staticflow_set_count(set), 2);
    CU_ASSERT_PTR_EQUAL(staticflow_find(set, 5, "web"), a);
    CU_ASSERT_PTR_NULL(staticflow_find(set, 6, "web"));
    CU_ASSERT_PTR_EQUAL(staticflow_find_cookie(set, 6, c2), b);
    CU_ASSERT_PTR_NULL(staticflow_find_cookie(set, 5, c2));
    CU_ASSERT_PTR_EQUAL(staticflow_next(set, 6, NULL), b);
    CU_ASSERT_PTR_NULL(staticflow_next(set, 6, b));
    /* The copy is deep: its actions point into the stored flow. */
    CU_ASSERT_PTR_EQUAL(a->flow->fm.instructions.apply.actions,
                        a->flow->apply);

    struct ofp_msg m;
    staticflow_add_msg(a->flow, a->cookie, &m);
    CU_ASSERT_EQUAL(m.u.flow_mod.command, OFPFC_ADD);
    CU_ASSERT_EQUAL(m.u.flow_mod.cookie, c1);
    CU_ASSERT_EQUAL(m.u.flow_mod.priority, 7);
    /* 1.3 deletes by exact cookie in every table... */
    staticflow_delete_msg(a->flow, a->cookie, OFP13_VERSION, &m);
    CU_ASSERT_EQUAL(m.u.flow_mod.command, OFPFC_DELETE);
    CU_ASSERT_EQUAL(m.u.flow_mod.table_id, OFPTT_ALL);
    CU_ASSERT_EQUAL(m.u.flow_mod.cookie, c1);
    CU_ASSERT_EQUAL(m.u.flow_mod.cookie_mask, UINT64_MAX);
    CU_ASSERT_TRUE(ofp_match_is_catchall(&m.u.flow_mod.match));
    /* ...1.0, without cookie masks, by match and priority. */
    staticflow_delete_msg(a->flow, a->cookie, OFP10_VERSION, &m);
    CU_ASSERT_EQUAL(m.u.flow_mod.command, OFPFC_DELETE_STRICT);
    CU_ASSERT_EQUAL(m.u.flow_mod.priority, 7);
    CU_ASSERT_TRUE(ofp_match_equal(&m.u.flow_mod.match,
                                   &a->flow->fm.match));

    staticflow_remove(set, a);
    CU_ASSERT_EQUAL(staticflow_set_count(set), 1);
    CU_ASSERT_PTR_NULL(staticflow_find(set, 5, "web"));
    staticflow_set_destroy(set);    /* Frees 'b'. */
}

static const CU_TestInfo admin_tests[] = {
    { "static flow store", test_staticflows },
    { "path patterns", test_path_match },
    { "Prometheus label escaping", test_prom_label },
    CU_TEST_INFO_NULL,
};

void
test_admin_register(void)
{
    unit_add_suite("admin", admin_tests);
}
