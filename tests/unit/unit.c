/* Helpers shared by the CUnit suites: see unit.h. */
#include <config.h>

#include "tests/unit/unit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-print.h"

void
unit_add_suite(const char *name, const CU_TestInfo *tests)
{
    CU_pSuite suite = CU_add_suite(name, NULL, NULL);
    for (const CU_TestInfo *t = tests; suite && t->pName; t++) {
        CU_add_test(suite, t->pName, t->pTestFunc);
    }
}

uint8_t *
unit_hex(const char *hex, size_t *size)
{
    uint8_t *p = ofp_hex_parse(hex, size);
    CU_ASSERT_PTR_NOT_NULL(p);
    return p;
}

const char *
unit_data_path(const char *name)
{
    static char path[4096];
    const char *dir = getenv("CANOPY_TEST_DATA");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/unit/data", name);
    return path;
}

char *
unit_ovs_ofp_print(const void *data, size_t size, const char *opts)
{
    const char *ofctl = getenv("OVS_OFCTL");
    if (!ofctl || !*ofctl) {
        ofctl = "ovs-ofctl";
    }
    struct ds cmd = DS_EMPTY_INITIALIZER;
    ds_put_format(&cmd, "%s ofp-print %s ", ofctl, opts ? opts : "");
    ds_put_hex(&cmd, data, size);
    ds_put_cstr(&cmd, " 2>&1");

    FILE *f = popen(ds_cstr(&cmd), "r");
    ds_destroy(&cmd);
    if (!f) {
        CU_FAIL("cannot run ovs-ofctl: install openvswitch-common");
        return NULL;
    }
    struct ds out = DS_EMPTY_INITIALIZER;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf - 1, f)) > 0) {
        buf[n] = '\0';
        ds_put_cstr(&out, buf);
    }
    int status = pclose(f);
    if (status != 0) {
        /* ofp-print exits 0 even for bytes it cannot decode (it prints the
         * decode error), so a failure means the tool itself is missing or
         * broken: the independent check cannot be skipped silently. */
        fprintf(stderr, "ovs-ofctl failed (status %d): %s\n", status,
                ds_cstr(&out));
        CU_FAIL("ovs-ofctl ofp-print failed: install openvswitch-common");
        ds_destroy(&out);
        return NULL;
    }
    return ds_steal(&out);
}

void
unit_assert_contains(const char *haystack, const char *needle,
                     const char *file, int line)
{
    int ok = haystack && needle && strstr(haystack, needle) != NULL;
    if (!ok) {
        fprintf(stderr, "\n%s:%d: expected to find\n  [%s]\nin\n  [%s]\n",
                file, line, needle ? needle : "(null)",
                haystack ? haystack : "(null)");
    }
    CU_assertImplementation(ok, (unsigned int) line, "string contains",
                            file, "", CU_FALSE);
}
