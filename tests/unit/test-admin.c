/* Unit tests for the admin API's routing and output helpers. */
#include <config.h>

#include <string.h>

#include "controller/admin.h"
#include "ofproto/ds.h"
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

static const CU_TestInfo admin_tests[] = {
    { "path patterns", test_path_match },
    { "Prometheus label escaping", test_prom_label },
    CU_TEST_INFO_NULL,
};

void
test_admin_register(void)
{
    unit_add_suite("admin", admin_tests);
}
