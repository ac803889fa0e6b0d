/* Unit tests for the error space (ofp-errors). */
#include <config.h>

#include "ofproto/ofp-errors.h"
#include "ofproto/ofp-types.h"
#include "tests/unit/unit.h"

static void
test_errors_roundtrip(void)
{
    /* Every error encodes for both versions, and decodes back to itself in
     * every version where it exists. */
    for (int i = 1; i < OFPERR_N_ERRORS; i++) {
        enum ofperr err = (enum ofperr) i;
        uint8_t versions[] = { OFP10_VERSION, OFP13_VERSION };
        for (size_t v = 0; v < 2; v++) {
            uint16_t type, code;
            ofperr_encode(err, versions[v], &type, &code);
            enum ofperr back = ofperr_decode(versions[v], type, code);
            CU_ASSERT_NOT_EQUAL(back, OFPERR_NONE);
            CU_ASSERT_PTR_NOT_NULL(ofperr_type_name(versions[v], type));
        }
        uint16_t type, code;
        ofperr_encode(err, OFP13_VERSION, &type, &code);
        if (err != OFPERR_OFPFMFC_UNSUPPORTED) {
            CU_ASSERT_EQUAL(ofperr_decode(OFP13_VERSION, type, code), err);
        }
        CU_ASSERT_EQUAL(ofperr_from_name(ofperr_name(err)), err);
    }
}

static void
test_errors_version_specific(void)
{
    uint16_t type, code;
    /* FLOW_MOD_FAILED moved from type 3 to 5 and its codes shifted. */
    ofperr_encode(OFPERR_OFPFMFC_OVERLAP, OFP10_VERSION, &type, &code);
    CU_ASSERT_EQUAL(type, 3);
    CU_ASSERT_EQUAL(code, 1);
    ofperr_encode(OFPERR_OFPFMFC_OVERLAP, OFP13_VERSION, &type, &code);
    CU_ASSERT_EQUAL(type, 5);
    CU_ASSERT_EQUAL(code, 3);
    /* A match error has no 1.0 form; it falls back to a 1.0 error. */
    ofperr_encode(OFPERR_OFPBMC_BAD_PREREQ, OFP10_VERSION, &type, &code);
    CU_ASSERT_EQUAL(type, 1);
    CU_ASSERT_EQUAL(ofperr_decode(OFP10_VERSION, 4, 1),
                    OFPERR_OFPPMFC_BAD_HW_ADDR);
    CU_ASSERT_EQUAL(ofperr_decode(OFP13_VERSION, 4, 9),
                    OFPERR_OFPBMC_BAD_PREREQ);
    CU_ASSERT_EQUAL(ofperr_decode(OFP13_VERSION, 99, 0), OFPERR_NONE);
    CU_ASSERT_STRING_EQUAL(ofperr_name(OFPERR_OFPBRC_BAD_LEN),
                           "OFPBRC_BAD_LEN");
    CU_ASSERT_STRING_EQUAL(ofperr_name((enum ofperr) 9999), "OFPERR_UNKNOWN");
    CU_ASSERT_STRING_EQUAL(ofperr_type_name(OFP13_VERSION, 4),
                           "OFPET_BAD_MATCH");
    CU_ASSERT_PTR_NULL(ofperr_type_name(OFP10_VERSION, 6));
}

static const CU_TestInfo errors_tests[] = {
    { "every error encodes and decodes", test_errors_roundtrip },
    { "version-specific numbering", test_errors_version_specific },
    CU_TEST_INFO_NULL,
};

void
test_errors_register(void)
{
    unit_add_suite("errors", errors_tests);
}
