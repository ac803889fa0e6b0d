/* Helpers shared by the CUnit suites. */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H 1

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>

/* Each test-*.c file registers its suites with CUnit here. */
void test_buf_register(void);
void test_errors_register(void);
void test_match_register(void);
void test_actions_register(void);
void test_msgs_register(void);
void test_stats_register(void);
void test_print_register(void);
void test_packet_register(void);
void test_golden_register(void);
void test_interop_register(void);
void test_config_register(void);
void test_ofconn_register(void);
void test_tls_register(void);
void test_mactable_register(void);
void test_apphost_register(void);
void test_admin_register(void);
void test_flowjson_register(void);
void test_lldp_register(void);
void test_hosts_register(void);
void test_discovery_register(void);
void test_topo_register(void);
void test_tenant_policy_register(void);
void test_tenant_flows_register(void);
void test_acl_policy_register(void);
void test_acl_flows_register(void);

/* Adds a suite with the given tests ({name, fn} pairs ended by {NULL}). */
void unit_add_suite(const char *name, const CU_TestInfo *tests);

/* Parses hex (spaces, newlines and ':' ignored) into a malloc'd buffer; fails
 * the current test and returns NULL on bad input.  Caller frees. */
uint8_t *unit_hex(const char *hex, size_t *size);

/* Returns the path of a file under tests/unit/data in a static buffer. */
const char *unit_data_path(const char *name);

/* Runs 'ovs-ofctl ofp-print HEX' on 'size' bytes and returns its output
 * (malloc'd, caller frees).  If ovs-ofctl is missing or fails, fails the
 * current test and returns NULL: the independent check is never skipped.
 * Extra arguments (e.g. "--verbose") may be given in 'opts' or NULL. */
char *unit_ovs_ofp_print(const void *data, size_t size, const char *opts);

/* Asserts that 'haystack' contains 'needle', printing both if not. */
#define UNIT_ASSERT_CONTAINS(HAYSTACK, NEEDLE)                                \
    unit_assert_contains((HAYSTACK), (NEEDLE), __FILE__, __LINE__)
void unit_assert_contains(const char *haystack, const char *needle,
                          const char *file, int line);

#endif /* tests/unit/unit.h */
