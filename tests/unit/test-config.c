/* Unit tests for the YAML config reader (ycfg) and canopyd's config. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "controller/config.h"
#include "controller/log.h"
#include "canopy/ycfg.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-types.h"
#include "tests/unit/unit.h"

/* Loads 'yaml' and expects it to fail with a message containing 'want'. */
static void
expect_error(const char *yaml, const char *want)
{
    struct canopy_config *c = NULL;
    char *err = NULL;
    CU_ASSERT_EQUAL(config_load_string("test.yaml", yaml, &c, &err), -1);
    CU_ASSERT_PTR_NULL(c);
    UNIT_ASSERT_CONTAINS(err, want);
    free(err);
}

static struct canopy_config *
expect_ok(const char *yaml)
{
    struct canopy_config *c = NULL;
    char *err = NULL;
    int rc = config_load_string("test.yaml", yaml, &c, &err);
    if (rc) {
        UNIT_ASSERT_CONTAINS(err, "(no error expected)");
    }
    CU_ASSERT_EQUAL(rc, 0);
    free(err);
    return c;
}

static void
test_config_sample(void)
{
    /* The shipped sample must load. */
    const char *src = getenv("CANOPY_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/etc/canopy.yaml", src ? src : ".");
    struct canopy_config *c = NULL;
    char *err = NULL;
    int rc = config_load(path, &c, &err);
    if (rc) {
        UNIT_ASSERT_CONTAINS(err, "(sample should load)");
    }
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    CU_ASSERT_EQUAL(c->n_listen, 2);
    CU_ASSERT_EQUAL(c->listen[0].transport, CFG_TCP);
    CU_ASSERT_STRING_EQUAL(c->listen[0].host, "0.0.0.0");
    CU_ASSERT_EQUAL(c->listen[0].port, 6653);
    CU_ASSERT_STRING_EQUAL(c->listen[1].host, "::");
    CU_ASSERT_EQUAL(c->echo_interval_ms, 5000);
    CU_ASSERT_EQUAL(c->echo_timeout_ms, 15000);
    CU_ASSERT_EQUAL(c->versions,
                    (1u << OFP10_VERSION) | (1u << OFP13_VERSION));
    CU_ASSERT_EQUAL(c->max_connections, 4096);
    CU_ASSERT_EQUAL(c->n_apps, 1);
    CU_ASSERT_STRING_EQUAL(c->apps[0].name, "l2_learning");
    CU_ASSERT_PTR_NOT_NULL(c->apps[0].settings);
    config_destroy(c);
    free(err);
}

static void
test_config_values(void)
{
    struct canopy_config *c = expect_ok(
        "log_level: debug\n"
        "listen: [\"tcp:127.0.0.1:6633\", \"tcp:[::1]\"]\n"
        "connect: [\"tcp:10.0.0.5:6634\"]\n"
        "keepalive: {interval: 500ms, timeout: 2s}\n"
        "reconnect: {min: 100ms, max: 1m}\n"
        "switch: {versions: [\"1.3\"], packet_in_rate: 50,"
        " packet_in_burst: 100, tx_queue_limit: 0x10000}\n"
        "apps:\n"
        "  - name: a1\n"
        "  - name: b_2\n"
        "    path: /tmp/b.so\n"
        "    settings: {x: 1}\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(c->log_level, CFG_LOG_DEBUG);
    CU_ASSERT_EQUAL(c->listen[0].port, 6633);
    CU_ASSERT_EQUAL(c->listen[1].port, 6653);
    CU_ASSERT_STRING_EQUAL(c->listen[1].host, "::1");
    CU_ASSERT_EQUAL(c->n_connect, 1);
    CU_ASSERT_EQUAL(c->connect[0].port, 6634);
    CU_ASSERT_EQUAL(c->echo_interval_ms, 500);
    CU_ASSERT_EQUAL(c->echo_timeout_ms, 2000);
    CU_ASSERT_EQUAL(c->reconnect_max_ms, 60000);
    CU_ASSERT_EQUAL(c->versions, 1u << OFP13_VERSION);
    CU_ASSERT_EQUAL(c->packet_in_rate, 50);
    CU_ASSERT_EQUAL(c->tx_queue_limit, 65536);
    CU_ASSERT_EQUAL(c->n_apps, 2);
    CU_ASSERT_PTR_NULL(c->apps[0].settings);
    CU_ASSERT_STRING_EQUAL(c->apps[1].path, "/tmp/b.so");
    config_destroy(c);
}

static void
test_config_errors(void)
{
    /* Each error names file:line:column, the setting and what was
     * expected. */
    expect_error("listen: [\"tcp:0.0.0.0\"]\nlisen: 1\n",
                 "test.yaml:2:1: unknown setting 'lisen'");
    expect_error("listen: [\"tcp:0.0.0.0\"]\nkeepalive:\n  interval: fast\n",
                 "test.yaml:3:13: keepalive.interval: expected a duration");
    expect_error("listen: [\"tcp:0.0.0.0\"]\nswitch:\n  packet_in_rate: 0\n",
                 "test.yaml:3:19: switch.packet_in_rate: 0 is out of range");
    expect_error("listen: [\"tcp:0.0.0.0\"]\nswitch:\n"
                 "  packet_in_rate: \"12\"\n",
                 "switch.packet_in_rate: expected an integer");
    expect_error("listen: [\"udp:0.0.0.0\"]\n",
                 "test.yaml:1:11: listen[0]: bad address 'udp:0.0.0.0': "
                 "must start with tcp: or tls:");
    expect_error("listen: [\"tcp:::1:6653\"]\n", "in brackets");
    expect_error("listen: [\"tcp:1.2.3.4:70000\"]\n", "port must be");
    expect_error("listen: \"tcp:1.2.3.4\"\n", "listen: expected a list");
    expect_error("listen: [\"tls:0.0.0.0\"]\n", "needs a tls: section");
    expect_error("log_level: loud\nlisten: [\"tcp:0.0.0.0\"]\n",
                 "log_level: expected one of debug, info, warn, error");
    expect_error("listen: [\"tcp:0.0.0.0\"]\n"
                 "keepalive: {interval: 10s, timeout: 5s}\n",
                 "must be longer than keepalive.interval");
    expect_error("listen: [\"tcp:0.0.0.0\"]\nswitch: {versions: [\"1.1\"]}\n",
                 "unsupported OpenFlow version '1.1'");
    expect_error("listen: [\"tcp:0.0.0.0\"]\napps:\n  - name: a\n"
                 "  - name: a\n", "app 'a' is listed twice");
    expect_error("listen: [\"tcp:0.0.0.0\"]\napps:\n  - path: x\n",
                 "apps[0].name: missing required setting");
    expect_error("listen: [\"tcp:0.0.0.0\"]\napps:\n  - name: Bad-Name\n",
                 "app names use a-z");
    expect_error("listen: [\"tcp:0.0.0.0\"]\n"
                 "tls: {ca: /nonexistent/ca.pem, cert: x, key: y}\n",
                 "tls.ca: cannot read '/nonexistent/ca.pem'");
    expect_error("log_level: info\n", "no listeners");
    expect_error("listen: [\"tcp:0.0.0.0\"]\nadmin: {listen: \"0.0.0.0:8080\"}\n",
                 "admin.listen: '0.0.0.0:8080' is not a loopback address: "
                 "set admin.token_file");
    expect_error("listen: [\"tcp:0.0.0.0\"]\n"
                 "admin: {token_file: /nonexistent/token}\n",
                 "admin.token_file: cannot read '/nonexistent/token'");
    expect_error("listen: [\"tcp:0.0.0.0\"]\nadmin: {max_body: 100}\n",
                 "admin.max_body: 100 is out of range");
    expect_error("connect: [\"tcp:switch1.example:6634\"]\n",
                 "connect[0]: 'tcp:switch1.example:6634': connect targets "
                 "must be IP addresses");
    expect_error("listen: [\"tcp:0.0.0.0\"]\nswitch: {max_connections: 0}\n",
                 "switch.max_connections: 0 is out of range");
    expect_error("", "empty");
    expect_error("listen: [\"tcp:0.0.0.0\"\n", "test.yaml:2:1");
    expect_error("- a\n- b\n", "expected a mapping");
}

static void
test_ycfg_where_and_types(void)
{
    static const char yaml[] = "a:\n  b: {}\n  c: [1, x]\n  d: true\n";
    struct ycfg *y = ycfg_load_string("w.yaml", yaml, strlen(yaml));
    struct fy_node *a = ycfg_get(ycfg_root(y), "a");
    char where[128];
    ycfg_where(y, ycfg_get(a, "b"), where, sizeof where);
    CU_ASSERT_STRING_EQUAL(where, "w.yaml:2:3");  /* Empty map: its key. */
    size_t n;
    CU_ASSERT_TRUE(ycfg_sequence(y, ycfg_get(a, "c"), "a.c", &n));
    CU_ASSERT_EQUAL(n, 2);
    uint64_t v = 0;
    CU_ASSERT_TRUE(ycfg_scalar_uint(y, ycfg_item(ycfg_get(a, "c"), 0), "a.c",
                                    0, 10, &v));
    CU_ASSERT_EQUAL(v, 1);
    CU_ASSERT_FALSE(ycfg_scalar_uint(y, ycfg_item(ycfg_get(a, "c"), 1), "a.c",
                                     0, 10, &v));
    UNIT_ASSERT_CONTAINS(ycfg_error(y), "w.yaml:3:10: a.c: expected an "
                         "integer from 0 to 10, got 'x'");
    ycfg_destroy(y);

    y = ycfg_load_string("w.yaml", yaml, strlen(yaml));
    bool d = false;
    CU_ASSERT_TRUE(ycfg_bool(y, ycfg_get(ycfg_root(y), "a"), "a", "d", &d));
    CU_ASSERT_TRUE(d);
    CU_ASSERT_FALSE(ycfg_bool(y, ycfg_get(ycfg_root(y), "a"), "a", "c", &d));
    UNIT_ASSERT_CONTAINS(ycfg_error(y), "a.c: expected true or false");
    ycfg_destroy(y);
}

/* Loads 'text' as a JSON body and expects the error 'want' (NULL: none). */
static void
expect_json(const char *text, size_t len, const char *want)
{
    struct ycfg *y = ycfg_load_json("body", text, len);
    if (want) {
        CU_ASSERT_PTR_NULL(ycfg_root(y));
        UNIT_ASSERT_CONTAINS(ycfg_error(y), want);
    } else {
        CU_ASSERT_PTR_NOT_NULL(ycfg_root(y));
        CU_ASSERT_PTR_NULL(ycfg_error(y));
    }
    ycfg_destroy(y);
}

static void
test_ycfg_json(void)
{
#define J(TEXT, WANT) expect_json(TEXT, sizeof TEXT - 1, WANT)
    J("{\"a\": [1, -2.5e3, true, null, \"x'y#&*!%\\\"\"]}", NULL);
    J("{\"a\":\n  \"\u00e9t\u00e9\"}", NULL);
    /* YAML that is not JSON, with where. */
    J("{'a': 1}", "body:1:2: not JSON: unexpected '''");
    J("{\"a\": &x 1}", "body:1:7: not JSON: unexpected '&'");
    J("{\"a\": *x}", "body:1:7: not JSON: unexpected '*'");
    J("%YAML 1.2\n---\n{}", "body:1:1: not JSON: unexpected '%'");
    J("{\"a\": 1} # note", "body:1:10: not JSON: unexpected '#'");
    J("{\"a\":\n !!str 1}", "body:2:2: not JSON: unexpected '!'");
    J("{\"a\": \"x\ty\"}", "body:1:9: not JSON: a control character");
    J("{\"a\": 1}\0", "body:1:9: not JSON: unexpected byte 0x00");
    /* Not UTF-8, in a string or anywhere: libfyaml never sees it. */
    J("{\"a\": \"\xc3\x28\"}", "body:1:8: not valid UTF-8");
    J("%\x98", "body:1:1: not JSON: unexpected '%'");
    J("\"\xed\xa0\x80\"", "not valid UTF-8");         /* Surrogate. */
    J("\"\xc0\xaf\"", "not valid UTF-8");             /* Overlong. */
    J("\"\xf4\x90\x80\x80\"", "not valid UTF-8");     /* > U+10FFFF. */
    J("\"\xe2\x82\"", "not valid UTF-8");             /* Truncated. */
    J("{\"a\": 1", "body:");                            /* Syntax. */
#undef J
    /* Config files (YAML) are checked for UTF-8 too. */
    struct ycfg *y = ycfg_load_string("c.yaml", "a: 1\nb: \xff\n", 10);
    UNIT_ASSERT_CONTAINS(ycfg_error(y), "c.yaml:2:4: not valid UTF-8");
    ycfg_destroy(y);
}

/* Collects config_changes() paths into a ds, comma-separated. */
static void
note_change(const char *path, void *ds_)
{
    struct ds *ds = ds_;
    ds_put_format(ds, "%s%s", ds->length ? "," : "", path);
}

static void
test_config_changes(void)
{
    struct canopy_config *a = expect_ok(
        "listen: [\"tcp:0.0.0.0\"]\n"
        "switch: {packet_in_rate: 10, versions: [\"1.3\"]}\n"
        "keepalive: {interval: 2s}\n"
        "apps: [{name: a, settings: {x: 1}}]\n");
    struct canopy_config *b = expect_ok(
        "listen: [\"tcp:0.0.0.0\"]\n"
        "switch: {packet_in_rate: 20, versions: [\"1.3\"]}\n"
        "apps: [{name: a, settings: {x: 2}}]\n"
        "log_level: debug\n");
    struct ds ds = DS_EMPTY_INITIALIZER;
    config_changes(a, b, note_change, &ds);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "switch.packet_in_rate,keepalive,"
                           "apps,log_level");
    ds_clear(&ds);
    config_changes(a, a, note_change, &ds);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "");
    ds_destroy(&ds);
    config_destroy(a);
    config_destroy(b);
}

static void
test_log_ratelimit(void)
{
    /* 60 per minute = one per second, burst 3. */
    struct log_ratelimit rl = LOG_RATELIMIT_INIT(60, 3);
    int passed = 0;
    for (int i = 0; i < 10; i++) {
        passed += log_ratelimit_take(&rl, 1000);
    }
    CU_ASSERT_EQUAL(passed, 3);
    CU_ASSERT_EQUAL(rl.suppressed, 7);
    CU_ASSERT_FALSE(log_ratelimit_take(&rl, 1500));  /* Half a token. */
    CU_ASSERT_TRUE(log_ratelimit_take(&rl, 2000));   /* One more second. */
    CU_ASSERT_FALSE(log_ratelimit_take(&rl, 2000));
    /* A long pause refills to the burst, not beyond. */
    passed = 0;
    for (int i = 0; i < 10; i++) {
        passed += log_ratelimit_take(&rl, 100000);
    }
    CU_ASSERT_EQUAL(passed, 3);
}

static const CU_TestInfo config_tests[] = {
    { "log rate limiting", test_log_ratelimit },
    { "shipped sample loads", test_config_sample },
    { "values and defaults", test_config_values },
    { "errors name file:line:column", test_config_errors },
    { "ycfg positions and types", test_ycfg_where_and_types },
    { "JSON bodies: only JSON, only UTF-8", test_ycfg_json },
    { "what a reload changes", test_config_changes },
    CU_TEST_INFO_NULL,
};

void
test_config_register(void)
{
    unit_add_suite("config", config_tests);
}
