/* Unit tests for the admin API's routing, output helpers and static flow
 * store. */
#include <config.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <event2/event.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "canopy/app.h"
#include "canopy/ycfg.h"
#include "controller/admin.h"
#include "controller/config.h"
#include "controller/controller.h"
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

/* A port that was free a moment ago. */
static int
free_port(void)
{
    struct sockaddr_in sin = { .sin_family = AF_INET };
    socklen_t len = sizeof sin;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *) &sin, sizeof sin)
        || getsockname(fd, (struct sockaddr *) &sin, &len)) {
        return -1;
    }
    close(fd);
    return ntohs(sin.sin_port);
}

static bool
prom_name_ok(const char *s, size_t n)
{
    if (!n || !(isalpha((unsigned char) s[0]) || s[0] == '_'
                || s[0] == ':')) {
        return false;
    }
    for (size_t i = 1; i < n; i++) {
        if (!isalnum((unsigned char) s[i]) && s[i] != '_' && s[i] != ':') {
            return false;
        }
    }
    return true;
}

/* Checks 'text' against the Prometheus text exposition format (version
 * 0.0.4): HELP then TYPE before a family's samples, samples
 * "NAME{LABEL="VALUE",...} NUMBER", counters named *_total.  Returns NULL
 * or what is wrong (static). */
static const char *
prom_check(const char *text, const char *must_have[])
{
    char types[64][80];
    size_t n_types = 0;
    const char *line = text;
    while (*line) {
        const char *nl = strchr(line, '\n');
        if (!nl) {
            return "the last line has no newline";
        }
        size_t len = (size_t) (nl - line);
        if (!strncmp(line, "# HELP ", 7)) {
            const char *name = line + 7;
            size_t n = strcspn(name, " \n");
            if (!prom_name_ok(name, n) || name[n] != ' ' || name + n + 1 >= nl) {
                return "a HELP line without a name and a text";
            }
        } else if (!strncmp(line, "# TYPE ", 7)) {
            const char *name = line + 7;
            size_t n = strcspn(name, " \n");
            const char *type = name + n + 1;
            if (!prom_name_ok(name, n) || n >= 80 || n_types >= 64) {
                return "a bad TYPE line";
            }
            if (strncmp(type, "counter\n", 8) && strncmp(type, "gauge\n", 6)) {
                return "a TYPE that is neither counter nor gauge";
            }
            if (!strncmp(type, "counter", 7)
                && (n < 6 || strncmp(name + n - 6, "_total", 6))) {
                return "a counter not named *_total";
            }
            for (size_t i = 0; i < n_types; i++) {
                if (strlen(types[i]) == n && !strncmp(types[i], name, n)) {
                    return "a family typed twice";
                }
            }
            memcpy(types[n_types], name, n);
            types[n_types++][n] = '\0';
        } else if (line[0] == '#') {
            return "a comment that is neither HELP nor TYPE";
        } else {
            size_t n = strcspn(line, "{ \n");
            bool typed = false;
            if (!prom_name_ok(line, n)) {
                return "a sample with a bad name";
            }
            for (size_t i = 0; i < n_types; i++) {
                typed |= strlen(types[i]) == n && !strncmp(types[i], line, n);
            }
            if (!typed) {
                return "a sample before its TYPE";
            }
            const char *p = line + n;
            if (*p == '{') {
                p++;
                while (*p != '}') {
                    size_t ln = strcspn(p, "=");
                    if (!prom_name_ok(p, ln) || p[ln + 1] != '"') {
                        return "a bad label";
                    }
                    p += ln + 2;
                    while (*p != '"') {
                        if (p >= nl) {
                            return "an unterminated label value";
                        }
                        p += *p == '\\' ? 2 : 1;
                    }
                    p++;
                    if (*p == ',') {
                        p++;
                    } else if (*p != '}') {
                        return "labels not separated by commas";
                    }
                }
                p++;
            }
            char *end;
            if (*p != ' ' || (strtod(p + 1, &end), end != nl)) {
                return "a sample without a number";
            }
        }
        (void) len;
        line = nl + 1;
    }
    for (const char **m = must_have; *m; m++) {
        if (!strstr(text, *m)) {
            return "a family is missing";
        }
    }
    return NULL;
}

static void
test_metrics_format(void)
{
    int sport = free_port(), aport = free_port();
    char yaml[256];
    snprintf(yaml, sizeof yaml, "listen: [\"tcp:127.0.0.1:%d\"]\n"
             "admin: {listen: \"127.0.0.1:%d\"}\n", sport, aport);
    struct canopy_config *cfg;
    char *error = NULL;
    CU_ASSERT_EQUAL_FATAL(config_load_string("m.yaml", yaml, &cfg, &error),
                          0);
    struct event_base *base = event_base_new();
    struct controller *ctl = controller_create(base, cfg, "m.yaml");
    CU_ASSERT_EQUAL_FATAL(controller_start(ctl), 0);

    struct ds ds = DS_EMPTY_INITIALIZER;
    admin_metrics_text(controller_admin(ctl), &ds);
    static const char *must_have[] = {
        "\ncanopy_switches 0\n", "\ncanopy_connections 0\n",
        "# TYPE canopy_switch_flow_mods_total counter\n",
        "# TYPE canopy_http_requests_total counter\n",
        "\ncanopy_static_flows 0\n", NULL,
    };
    const char *why = prom_check(ds_cstr(&ds), must_have);
    if (why) {
        fprintf(stderr, "%s in:\n%s", why, ds_cstr(&ds));
    }
    CU_ASSERT_PTR_NULL(why);

    /* The checker itself refuses what is wrong. */
    static const char *none[] = { NULL };
    CU_ASSERT_PTR_NOT_NULL(prom_check("x 1\n", none));
    CU_ASSERT_PTR_NOT_NULL(prom_check("# TYPE x_total counter\nx_total{a=\"1} 2\n",
                                      none));
    CU_ASSERT_PTR_NOT_NULL(prom_check("# TYPE x counter\nx 1\n", none));
    CU_ASSERT_PTR_NOT_NULL(prom_check("# TYPE x gauge\nx one\n", none));
    CU_ASSERT_PTR_NULL(prom_check("# HELP x_total X.\n# TYPE x_total counter\n"
                                  "x_total{a=\"q\\\"\",b=\"\"} 2\n", none));
    ds_destroy(&ds);
    controller_destroy(ctl);
    event_base_free(base);
}

static const CU_TestInfo admin_tests[] = {
    { "Prometheus text format of /metrics", test_metrics_format },
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
