/* Runs every CUnit suite and prints CUnit's summary.  Exit status is 0 only
 * if nothing failed.  With arguments, runs only the suites named. */
#include <config.h>

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#include "tests/unit/unit.h"

/* Declared here rather than in unit.h: the suite of cli/. */
void test_canopyctl_register(void);

int
main(int argc, char *argv[])
{
    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
        return 1;
    }
    test_buf_register();
    test_errors_register();
    test_match_register();
    test_actions_register();
    test_msgs_register();
    test_stats_register();
    test_print_register();
    test_packet_register();
    test_golden_register();
    test_interop_register();
    test_config_register();
    test_ofconn_register();
    test_tls_register();
    test_canopyctl_register();
    test_mactable_register();
    test_apphost_register();
    test_admin_register();
    test_flowjson_register();
    test_lldp_register();
    test_hosts_register();
    test_discovery_register();
    test_topo_register();
    test_tenant_policy_register();
    test_tenant_flows_register();
    test_acl_policy_register();
    test_acl_flows_register();

    CU_basic_set_mode(CU_BRM_NORMAL);
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            CU_pSuite s = CU_get_suite(argv[i]);
            if (!s) {
                fprintf(stderr, "no suite named %s\n", argv[i]);
                CU_cleanup_registry();
                return 1;
            }
            CU_basic_run_suite(s);
        }
    } else {
        CU_basic_run_tests();
    }
    unsigned int failed = CU_get_number_of_failures()
                          + CU_get_number_of_tests_failed();
    unsigned int ran = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    if (ran == 0) {
        fprintf(stderr, "no tests ran\n");
        return 1;
    }
    return failed ? 1 : 0;
}
