/* Unit tests for loading apps: every way an app can fail to load gives a
 * clear message, and a good app loads with its settings validated. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "canopy/json.h"
#include "controller/apphost.h"
#include "controller/config.h"
#include "controller/log.h"
#include "tests/unit/unit.h"

/* Path of a shared object in the build tree. */
static const char *
built(const char *rel)
{
    static char path[4096];
    const char *dir = getenv("CANOPY_BUILDDIR");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", rel);
    return path;
}

/* Loads a config with one app; returns the host's error (caller frees) or
 * NULL if it loaded. */
static char *
load_app(const char *name, const char *so, const char *settings)
{
    char yaml[8192];
    snprintf(yaml, sizeof yaml,
             "listen: [\"tcp:127.0.0.1:6653\"]\n"
             "apps:\n"
             "  - name: %s\n"
             "    path: %s\n"
             "%s%s\n", name, so, settings ? "    settings: " : "",
             settings ? settings : "");
    struct canopy_config *cfg;
    char *error = NULL;
    if (config_load_string("test.yaml", yaml, &cfg, &error)) {
        return error;
    }
    struct apphost *host = apphost_create(cfg, NULL, &error);
    if (host) {
        CU_ASSERT_EQUAL(apphost_n_apps(host), 1);
        CU_ASSERT_EQUAL(apphost_app_stats(host, 0)->id, 2);
        CU_ASSERT_STRING_EQUAL(apphost_app_stats(host, 0)->name, name);
        apphost_destroy(host);
        error = NULL;
    }
    config_destroy(cfg);
    return error;
}

static void
expect_load_error(const char *name, const char *so, const char *settings,
                  const char *want)
{
    char *error = load_app(name, so, settings);
    UNIT_ASSERT_CONTAINS(error, want);
    free(error);
}

static void
test_load_failures(void)
{
    log_set_level(LOG_ERR);
    expect_load_error("test_good", "/nonexistent/test_good.so", NULL,
                      "app 'test_good': cannot load /nonexistent/test_good.so");
    expect_load_error("test_bad_abi", built("tests/apps/.libs/test_bad_abi.so"),
                      NULL, "was built for app ABI 999, this canopyd speaks "
                      "ABI 3: rebuild the app");
    expect_load_error("test_good",
                      built("tests/apps/.libs/test_wrong_name.so"), NULL,
                      "is the app 'someone_else'");
    expect_load_error("test_good",
                      built("tests/apps/.libs/test_no_symbol.so"), NULL,
                      "does not export 'canopy_app': not a Canopy app");
    log_set_level(LOG_INFO);
}

static void
test_settings_validated(void)
{
    const char *good = built("tests/apps/.libs/test_good.so");
    log_set_level(LOG_ERR);
    char *error = load_app("test_good", good, "{answer: 42}");
    CU_ASSERT_PTR_NULL(error);
    free(error);
    /* The app's own validation, with the operator's file:line:column. */
    expect_load_error("test_good", good, "{answer: 41}",
                      "test.yaml:5:24: apps[0].settings.answer: 41 is out of "
                      "range (42 to 42)");
    expect_load_error("test_good", good, "{question: 1}",
                      "unknown setting 'question'");
    /* The real l2_learning checks its settings too. */
    const char *l2 = built("apps/.libs/l2_learning.so");
    error = load_app("l2_learning", l2, "{max_macs: 1024, idle_timeout: 5}");
    CU_ASSERT_PTR_NULL(error);
    free(error);
    expect_load_error("l2_learning", l2, "{max_macs: 5}",
                      "apps[0].settings.max_macs: 5 is out of range");
    log_set_level(LOG_INFO);
}

static void
test_reload_check(void)
{
    const char *good = built("tests/apps/.libs/test_good.so");
    char yaml[8192];
    struct canopy_config *cfg, *cfg2;
    char *error = NULL;
    log_set_level(LOG_ERR);
    snprintf(yaml, sizeof yaml, "listen: [\"tcp:127.0.0.1:6653\"]\n"
             "apps: [{name: test_good, path: %s}]\n", good);
    CU_ASSERT_EQUAL_FATAL(config_load_string("a.yaml", yaml, &cfg, &error),
                          0);
    struct apphost *host = apphost_create(cfg, NULL, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL(host);

    /* Same app, new settings: accepted, then applied. */
    snprintf(yaml, sizeof yaml, "listen: [\"tcp:127.0.0.1:6653\"]\n"
             "apps: [{name: test_good, path: %s, settings: {answer: 42}}]\n",
             good);
    CU_ASSERT_EQUAL_FATAL(config_load_string("b.yaml", yaml, &cfg2, &error),
                          0);
    CU_ASSERT_EQUAL(apphost_check(host, cfg2, &error), 0);
    apphost_reconfigure(host, cfg2);
    config_destroy(cfg2);

    /* Bad settings: refused with the app's reason. */
    snprintf(yaml, sizeof yaml, "listen: [\"tcp:127.0.0.1:6653\"]\n"
             "apps: [{name: test_good, path: %s, settings: {answer: 7}}]\n",
             good);
    CU_ASSERT_EQUAL_FATAL(config_load_string("c.yaml", yaml, &cfg2, &error),
                          0);
    CU_ASSERT_EQUAL(apphost_check(host, cfg2, &error), -1);
    UNIT_ASSERT_CONTAINS(error, "c.yaml:2:");
    UNIT_ASSERT_CONTAINS(error, "answer: 7 is out of range");
    free(error);
    config_destroy(cfg2);

    /* A different list of apps needs a restart. */
    snprintf(yaml, sizeof yaml, "listen: [\"tcp:127.0.0.1:6653\"]\n");
    CU_ASSERT_EQUAL_FATAL(config_load_string("d.yaml", yaml, &cfg2, &error),
                          0);
    CU_ASSERT_EQUAL(apphost_check(host, cfg2, &error), -1);
    UNIT_ASSERT_CONTAINS(error, "needs a restart");
    free(error);
    config_destroy(cfg2);

    apphost_destroy(host);
    config_destroy(cfg);
    log_set_level(LOG_INFO);
}

/* ABI 3: timers run in the host's event loop (and may cancel themselves),
 * and an app's describe_cookie() answers for its own cookies only. */
static void
test_timers_and_cookies(void)
{
    const char *good = built("tests/apps/.libs/test_good.so");
    char yaml[8192];
    struct canopy_config *cfg;
    char *error = NULL;
    char buf[64];
    log_set_level(LOG_ERR);
    snprintf(yaml, sizeof yaml, "listen: [\"tcp:127.0.0.1:6653\"]\n"
             "apps: [{name: test_good, path: %s}]\n", good);
    CU_ASSERT_EQUAL_FATAL(config_load_string("t.yaml", yaml, &cfg, &error),
                          0);
    struct event_base *base = event_base_new();
    struct apphost_env env = { .base = base };
    struct apphost *host = apphost_create(cfg, &env, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL(host);

    struct timeval tv = { 0, 100 * 1000 };
    event_base_loopexit(base, &tv);
    event_base_dispatch(base);
    /* App id 2 owns cookies 0x0002...: three ticks, then it stopped. */
    CU_ASSERT(apphost_describe_cookie(host, 0x0002000000000005ull, buf,
                                      sizeof buf));
    CU_ASSERT_STRING_EQUAL(buf, "test: bits 5, ticks 3");
    /* Truncated to the buffer, NUL included. */
    CU_ASSERT(apphost_describe_cookie(host, 0x0002000000000005ull, buf, 8));
    CU_ASSERT_STRING_EQUAL(buf, "test: b");
    /* Nothing to say, the core's, nobody's. */
    CU_ASSERT(!apphost_describe_cookie(host, 0x0002000000000000ull, buf,
                                       sizeof buf));
    CU_ASSERT(!apphost_describe_cookie(host, 0x0001000000000005ull, buf,
                                       sizeof buf));
    CU_ASSERT(!apphost_describe_cookie(host, 0x0003000000000005ull, buf,
                                       sizeof buf));
    apphost_destroy(host);
    event_base_free(base);
    config_destroy(cfg);

    /* Without an event loop there are no timers (the app copes). */
    CU_ASSERT_EQUAL_FATAL(config_load_string("t.yaml", yaml, &cfg, &error),
                          0);
    host = apphost_create(cfg, NULL, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL(host);
    CU_ASSERT(apphost_describe_cookie(host, 0x0002000000000001ull, buf,
                                      sizeof buf));
    CU_ASSERT_STRING_EQUAL(buf, "test: bits 1, ticks 0");
    apphost_destroy(host);
    config_destroy(cfg);
    log_set_level(LOG_INFO);
}

/* A dry run of a reload reports apps that cannot plan. */
static void
test_plan(void)
{
    const char *l2 = built("apps/.libs/l2_learning.so");
    char yaml[8192];
    struct canopy_config *cfg, *cfg2;
    char *error = NULL;
    log_set_level(LOG_ERR);
    snprintf(yaml, sizeof yaml, "listen: [\"tcp:127.0.0.1:6653\"]\n"
             "apps: [{name: l2_learning, path: %s}]\n", l2);
    CU_ASSERT_EQUAL_FATAL(config_load_string("p.yaml", yaml, &cfg, &error),
                          0);
    CU_ASSERT_EQUAL_FATAL(config_load_string("q.yaml", yaml, &cfg2, &error),
                          0);
    struct apphost *host = apphost_create(cfg, NULL, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL(host);
    CU_ASSERT_EQUAL(apphost_check(host, cfg2, &error), 0);
    struct json_writer w;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    struct fy_node *plan = json_seq(&w), *unplanned = json_seq(&w);
    apphost_plan(host, cfg2, &w, plan, unplanned);
    json_put(&w, root, "plan", plan);
    json_put(&w, root, "unplanned", unplanned);
    char *text = json_finish(&w, root);
    UNIT_ASSERT_CONTAINS(text, "\"plan\": []");
    UNIT_ASSERT_CONTAINS(text, "\"unplanned\": [\"l2_learning\"]");
    free(text);
    apphost_destroy(host);
    config_destroy(cfg2);
    config_destroy(cfg);
    log_set_level(LOG_INFO);
}

static const CU_TestInfo apphost_tests[] = {
    { "timers and cookie descriptions (ABI 3)", test_timers_and_cookies },
    { "dry run of a reload", test_plan },
    { "load failures are explained", test_load_failures },
    { "settings are validated by the app", test_settings_validated },
    { "reload checks", test_reload_check },
    CU_TEST_INFO_NULL,
};

void
test_apphost_register(void)
{
    unit_add_suite("apphost", apphost_tests);
}
