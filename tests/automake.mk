# Unit tests: one CUnit binary with a suite per module.
check_PROGRAMS += tests/unit/unit-tests
tests_unit_unit_tests_SOURCES = \
	tests/unit/main.c tests/unit/unit.h tests/unit/unit.c \
	tests/unit/test-buf.c \
	tests/unit/test-errors.c \
	tests/unit/test-match.c \
	tests/unit/test-actions.c \
	tests/unit/test-msgs.c \
	tests/unit/test-stats.c \
	tests/unit/test-print.c \
	tests/unit/test-packet.c \
	tests/unit/test-golden.c \
	tests/unit/test-interop.c \
	tests/unit/test-config.c \
	tests/unit/test-ofconn.c \
	tests/unit/test-tls.c \
	tests/unit/test-canopyctl.c \
	tests/unit/test-mactable.c \
	tests/unit/test-apphost.c \
	tests/unit/test-admin.c \
	tests/unit/test-flowjson.c \
	tests/unit/test-topo.c \
	tests/unit/test-lldp.c \
	tests/unit/test-hosts.c \
	tests/unit/test-discovery.c \
	tests/unit/test-tenant-policy.c \
	apps/tenant/tenant_policy.c apps/tenant/tenant_policy.h \
	tests/unit/test-tenant-flows.c \
	apps/tenant/tenant_flows.c apps/tenant/tenant_flows.h \
	tests/unit/test-acl-policy.c \
	apps/l2_learning/mactable.c \
	apps/acl/acl_policy.c apps/acl/acl_policy.h \
	tests/unit/test-acl-flows.c \
	apps/acl/acl_flows.c apps/acl/acl_flows.h
tests_unit_unit_tests_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(LIBFYAML_CFLAGS) \
	$(OPENSSL_CFLAGS) $(LIBEVENT_CFLAGS)
tests_unit_unit_tests_LDADD = controller/libcontroller.la ofproto/libofproto.la \
	topology/libtopology.la \
	cli/libcli.la \
	$(LIBFYAML_LIBS) $(OPENSSL_LIBS) $(CUNIT_LIBS)
# The test apps resolve the API (ycfg_*, canopy_*) from the binary.
tests_unit_unit_tests_LDFLAGS = $(AM_LDFLAGS) -export-dynamic
TESTS += tests/unit/unit-tests
AM_TESTS_ENVIRONMENT = \
	CANOPY_SRCDIR='$(abs_top_srcdir)'; \
	CANOPY_BUILDDIR='$(abs_top_builddir)'; \
	CANOPY_TEST_DATA='$(abs_top_srcdir)/tests/unit/data'; \
	OVS_OFCTL='$(OVS_OFCTL)'; \
	export CANOPY_SRCDIR CANOPY_BUILDDIR CANOPY_TEST_DATA OVS_OFCTL;
# Directories only where the build tree has no directory of the same name:
# automake copies a directory from the build tree when there is one.
EXTRA_DIST += \
	tests/run-all \
	tests/unit/data \
	tests/fuzz/corpus-ofp-msg tests/fuzz/corpus-packet \
	tests/fuzz/corpus-flowjson tests/fuzz/corpus-lldp tests/fuzz/corpus-policy \
	tests/fuzz/make-corpus-ofp-msg \
	tests/perf/run-bench-decode \
	tests/perf/run-bench-controllers tests/perf/osken_l2.py \
	tests/perf/run-bench-topology tests/perf/run-bench-acl \
	tests/e2e/lib.sh tests/e2e/reap-stale.sh tests/e2e/hostile-client.py \
	tests/e2e/test-harness.sh tests/e2e/test-canopyd.sh \
	tests/e2e/test-acl.sh

# libFuzzer targets (configure --enable-fuzzing, CC=clang).
if ENABLE_FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz-ofp-msg tests/fuzz/fuzz-packet
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined
tests_fuzz_fuzz_ofp_msg_SOURCES = tests/fuzz/fuzz-ofp-msg.c
tests_fuzz_fuzz_ofp_msg_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_ofp_msg_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_ofp_msg_LDADD = ofproto/libofproto.la
tests_fuzz_fuzz_packet_SOURCES = tests/fuzz/fuzz-packet.c
tests_fuzz_fuzz_packet_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_packet_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_packet_LDADD = ofproto/libofproto.la
# The flow-body modules alone, not the whole daemon library.
noinst_PROGRAMS += tests/fuzz/fuzz-flowjson
tests_fuzz_fuzz_flowjson_SOURCES = tests/fuzz/fuzz-flowjson.c \
	controller/flowjson.c controller/json.c controller/ycfg.c
tests_fuzz_fuzz_flowjson_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS) $(LIBFYAML_CFLAGS)
tests_fuzz_fuzz_flowjson_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_flowjson_LDADD = ofproto/libofproto.la $(LIBFYAML_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz-lldp
tests_fuzz_fuzz_lldp_SOURCES = tests/fuzz/fuzz-lldp.c
tests_fuzz_fuzz_lldp_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_lldp_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_lldp_LDADD = topology/libtopology.la ofproto/libofproto.la
# The policy models alone, with the config reader they parse through.
noinst_PROGRAMS += tests/fuzz/fuzz-policy
tests_fuzz_fuzz_policy_SOURCES = tests/fuzz/fuzz-policy.c \
	apps/tenant/tenant_policy.c apps/acl/acl_policy.c controller/ycfg.c
tests_fuzz_fuzz_policy_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS) $(LIBFYAML_CFLAGS)
tests_fuzz_fuzz_policy_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_policy_LDADD = ofproto/libofproto.la $(LIBFYAML_LIBS)
endif

# Micro-benchmarks (run by tests/perf/run-bench, not by make check).
noinst_PROGRAMS += tests/perf/bench-decode
tests_perf_bench_decode_SOURCES = tests/perf/bench-decode.c
tests_perf_bench_decode_LDADD = ofproto/libofproto.la
tests_perf_bench_decode_LDFLAGS = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc

# Dijkstra, path tables and memory on generated topologies
# (tests/perf/run-bench-topology).
noinst_PROGRAMS += tests/perf/bench-topology
tests_perf_bench_topology_SOURCES = tests/perf/bench-topology.c
tests_perf_bench_topology_LDADD = topology/libtopology.la

# Load generator emulating many switches, for tests/perf/run-bench-controllers.
noinst_PROGRAMS += tests/perf/ofload
tests_perf_ofload_SOURCES = tests/perf/ofload.c
tests_perf_ofload_LDADD = ofproto/libofproto.la

# Shared objects the app host's tests load (built for 'make check' only).
TEST_APP_FLAGS = -module -avoid-version -shared -rpath /nowhere
check_LTLIBRARIES = tests/apps/test_good.la tests/apps/test_bad_abi.la \
	tests/apps/test_wrong_name.la tests/apps/test_no_symbol.la
tests_apps_test_good_la_SOURCES = tests/apps/test_app.c
tests_apps_test_good_la_CFLAGS = $(AM_CFLAGS) $(LIBFYAML_CFLAGS) -DTEST_APP_KIND=1
tests_apps_test_good_la_LDFLAGS = $(TEST_APP_FLAGS)
tests_apps_test_bad_abi_la_SOURCES = tests/apps/test_app.c
tests_apps_test_bad_abi_la_CFLAGS = $(AM_CFLAGS) $(LIBFYAML_CFLAGS) -DTEST_APP_KIND=2
tests_apps_test_bad_abi_la_LDFLAGS = $(TEST_APP_FLAGS)
tests_apps_test_wrong_name_la_SOURCES = tests/apps/test_app.c
tests_apps_test_wrong_name_la_CFLAGS = $(AM_CFLAGS) $(LIBFYAML_CFLAGS) -DTEST_APP_KIND=3
tests_apps_test_wrong_name_la_LDFLAGS = $(TEST_APP_FLAGS)
tests_apps_test_no_symbol_la_SOURCES = tests/apps/test_app.c
tests_apps_test_no_symbol_la_CFLAGS = $(AM_CFLAGS) $(LIBFYAML_CFLAGS) -DTEST_APP_KIND=4
tests_apps_test_no_symbol_la_LDFLAGS = $(TEST_APP_FLAGS)
