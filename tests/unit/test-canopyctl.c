/* Unit tests for canopyctl's pieces (cli/): the command line and the
 * requests it makes, URLs, tables, strict JSON reading, local inputs, the
 * text for people, error messages, and one HTTP exchange each way against
 * an evhttp server of our own on loopback. */
#include <config.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <libfyaml.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/cmdline.h"
#include "cli/http.h"
#include "cli/input.h"
#include "cli/jsonread.h"
#include "cli/render.h"
#include "cli/table.h"
#include "cli/url.h"
#include "ofproto/ds.h"
#include "tests/unit/unit.h"

/* ---- Command line. ----------------------------------------------------- */

static const struct cmdline_env no_env = { NULL, NULL, NULL };

/* Parses the NULL-terminated arguments after "canopyctl". */
static enum cmdline_result
parse_args(const struct cmdline_env *env, struct cmdline *cl, char **error,
           const char *const args[])
{
    char *argv[32] = { (char *) "canopyctl" };
    int argc = 1;
    for (; args[argc - 1] && argc < 31; argc++) {
        argv[argc] = (char *) args[argc - 1];
    }
    argv[argc] = NULL;
    return cmdline_parse(argc, argv, env, cl, error);
}

#define PARSE(ENV, CL, ERROR, ...)                                            \
    parse_args(ENV, CL, ERROR, (const char *const[]) { __VA_ARGS__, NULL })

/* Parses, expects success, and returns "METHOD TARGET" in 'buf'. */
static const char *
request_of(char *buf, size_t size, const char *const args[])
{
    struct cmdline cl;
    char *error = NULL;
    enum cmdline_result r = parse_args(&no_env, &cl, &error, args);
    if (r != CMDLINE_RUN) {
        fprintf(stderr, "\nunexpected parse result %d: %s\n", (int) r,
                error ? error : "");
        free(error);
        CU_FAIL("parse failed");
        snprintf(buf, size, "(error)");
        return buf;
    }
    struct ds ds = DS_EMPTY_INITIALIZER;
    ds_put_format(&ds, "%s ", cmdline_method(&cl));
    cmdline_put_target(&cl, &ds);
    snprintf(buf, size, "%s", ds_cstr(&ds));
    ds_destroy(&ds);
    cmdline_destroy(&cl);
    return buf;
}

#define REQUEST(...)                                                          \
    request_of(buf, sizeof buf, (const char *const[]) { __VA_ARGS__, NULL })

static void
test_cmdline_requests(void)
{
    char buf[512];
    CU_ASSERT_STRING_EQUAL(REQUEST("health"), "GET /v1/health");
    CU_ASSERT_STRING_EQUAL(REQUEST("switches"), "GET /v1/switches");
    CU_ASSERT_STRING_EQUAL(REQUEST("switch", "1"),
                           "GET /v1/switches/0000000000000001");
    CU_ASSERT_STRING_EQUAL(REQUEST("ports", "0x00000000000000AB"),
                           "GET /v1/switches/00000000000000ab/ports");
    CU_ASSERT_STRING_EQUAL(REQUEST("flows", "00:00:00:00:00:00:00:2a"),
                           "GET /v1/switches/000000000000002a/flows");
    CU_ASSERT_STRING_EQUAL(
        REQUEST("flows", "1", "--table", "3", "--cookie=0x1/0xff", "--app",
                "l2 learning&x"),
        "GET /v1/switches/0000000000000001/flows?table=3"
        "&cookie=0x1%2F0xff&app=l2%20learning%26x");
    CU_ASSERT_STRING_EQUAL(REQUEST("flows", "1", "--app", "static"),
                           "GET /v1/switches/0000000000000001/flows"
                           "?app=static");
    CU_ASSERT_STRING_EQUAL(REQUEST("flow-add", "1", "{}"),
                           "POST /v1/switches/0000000000000001/flows");
    CU_ASSERT_STRING_EQUAL(REQUEST("flow-del", "1", "web"),
                           "DELETE /v1/switches/0000000000000001/flows/web");
    CU_ASSERT_STRING_EQUAL(REQUEST("flow-del", "1", "a b/c"),
                           "DELETE /v1/switches/0000000000000001/flows/"
                           "a%20b%2Fc");
    CU_ASSERT_STRING_EQUAL(REQUEST("flow-del", "--all", "1"),
                           "DELETE /v1/switches/0000000000000001/flows");
    CU_ASSERT_STRING_EQUAL(REQUEST("apps"), "GET /v1/apps");
    CU_ASSERT_STRING_EQUAL(REQUEST("reload"), "POST /v1/config/reload");
    CU_ASSERT_STRING_EQUAL(REQUEST("metrics"), "GET /metrics");
    CU_ASSERT_STRING_EQUAL(REQUEST("topology"), "GET /v1/topology");
    CU_ASSERT_STRING_EQUAL(REQUEST("hosts"), "GET /v1/hosts");
    CU_ASSERT_STRING_EQUAL(REQUEST("path", "10.0.0.1", "0a:00:00:00:00:02"),
                           "GET /v1/paths?src=10.0.0.1&dst=0a%3A00%3A00%3A"
                           "00%3A00%3A02");
    CU_ASSERT_STRING_EQUAL(REQUEST("tenants"), "GET /v1/tenants");
    CU_ASSERT_STRING_EQUAL(REQUEST("tenants", "set", "t.yaml"),
                           "PUT /v1/tenants");
    CU_ASSERT_STRING_EQUAL(REQUEST("tenants", "--dry-run", "set", "t.yaml"),
                           "PUT /v1/tenants?dry_run=1");
    CU_ASSERT_STRING_EQUAL(REQUEST("plan", "tenants", "-"),
                           "PUT /v1/tenants?dry_run=1");
    CU_ASSERT_STRING_EQUAL(REQUEST("--url", "http://h/c", "plan", "tenants",
                                   "t.json", "--dry-run"),
                           "PUT /c/v1/tenants?dry_run=1");
    /* The acl app's commands. */
    CU_ASSERT_STRING_EQUAL(REQUEST("acls"), "GET /v1/acls");
    CU_ASSERT_STRING_EQUAL(REQUEST("acls", "counters"),
                           "GET /v1/acls/counters");
    CU_ASSERT_STRING_EQUAL(REQUEST("acls", "set", "acl.yaml"),
                           "PUT /v1/acls");
    CU_ASSERT_STRING_EQUAL(REQUEST("acls", "set", "-", "--dry-run"),
                           "PUT /v1/acls?dry_run=1");
    CU_ASSERT_STRING_EQUAL(REQUEST("plan", "acls", "acl.json"),
                           "PUT /v1/acls?dry_run=1");
    CU_ASSERT_STRING_EQUAL(REQUEST("--url", "http://h/c", "plan", "acls",
                                   "a.yaml", "--dry-run"),
                           "PUT /c/v1/acls?dry_run=1");
    CU_ASSERT_STRING_EQUAL(REQUEST("policy", "check", "--src", "10.8.0.1",
                                   "--dst", "10.8.0.2"),
                           "GET /v1/policy/check?src=10.8.0.1&dst=10.8.0.2");
    /* Every parameter, percent-encoded, in a fixed order; --in's datapath
     * id normalized. */
    CU_ASSERT_STRING_EQUAL(
        REQUEST("policy", "check", "--in", "0x1:3", "--src-mac",
                "0a:00:00:00:00:01", "--port=23", "--tenant", "blue team",
                "--proto", "tcp", "--dst", "10.8.0.2", "--src", "10.8.0.1"),
        "GET /v1/policy/check?src=10.8.0.1&dst=10.8.0.2&proto=tcp&port=23"
        "&tenant=blue%20team&in=0000000000000001%3A3"
        "&src_mac=0a%3A00%3A00%3A00%3A00%3A01");
    CU_ASSERT_STRING_EQUAL(
        REQUEST("policy", "check", "--src", "fe80::1", "--dst", "2001:db8::2",
                "--proto", "58", "--in", "00:00:00:00:00:00:00:2a:4294967040"),
        "GET /v1/policy/check?src=fe80%3A%3A1&dst=2001%3Adb8%3A%3A2"
        "&proto=58&in=000000000000002a%3A4294967040");
    /* The destination's side; "--dst-tenant" is not "--dst", "--to" not
     * "--token-file". */
    CU_ASSERT_STRING_EQUAL(
        REQUEST("policy", "check", "--src", "10.8.0.1", "--dst", "10.8.0.2",
                "--dst-tenant", "red", "--to", "2:4", "--dst-mac",
                "0a:00:00:00:00:02", "--tenant=blue"),
        "GET /v1/policy/check?src=10.8.0.1&dst=10.8.0.2&tenant=blue"
        "&dst_tenant=red&to=0000000000000002%3A4"
        "&dst_mac=0a%3A00%3A00%3A00%3A00%3A02");
    CU_ASSERT_STRING_EQUAL(REQUEST("policy", "check", "--src", "1.1.1.1",
                                   "--dst", "2.2.2.2", "--proto", "17",
                                   "--port", "53"),
                           "GET /v1/policy/check?src=1.1.1.1&dst=2.2.2.2"
                           "&proto=17&port=53");
    CU_ASSERT_STRING_EQUAL(REQUEST("plan", "config"),
                           "POST /v1/config/reload?dry_run=1");
    CU_ASSERT_STRING_EQUAL(REQUEST("--url", "http://h/c/", "plan", "config"),
                           "POST /c/v1/config/reload?dry_run=1");
    /* A base URL with a path: everything goes under it. */
    CU_ASSERT_STRING_EQUAL(REQUEST("--url", "https://h/canopy/", "health"),
                           "GET /canopy/v1/health");
    CU_ASSERT_STRING_EQUAL(REQUEST("--url=http://h:81/a/b", "metrics"),
                           "GET /a/b/metrics");
}

static void
test_cmdline_options(void)
{
    struct cmdline cl;
    char *error = NULL;

    /* Defaults. */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "health"), CMDLINE_RUN);
    CU_ASSERT_FALSE(cl.url.tls);
    CU_ASSERT_STRING_EQUAL(cl.url.host, "127.0.0.1");
    CU_ASSERT_EQUAL(cl.url.port, 8080);
    CU_ASSERT_EQUAL(cl.timeout_s, 15);
    CU_ASSERT_FALSE(cl.json);
    CU_ASSERT_PTR_NULL(cl.token_file);
    CU_ASSERT_PTR_NULL(cl.token);
    CU_ASSERT_PTR_NULL(cl.cacert);
    CU_ASSERT_PTR_NULL(cl.cert);
    cmdline_destroy(&cl);

    /* Options before or after the command, with '=' or not. */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "--json", "switches",
                          "--timeout=3", "--url", "https://[::1]:8443",
                          "--cacert", "ca.pem", "--cert", "me.pem"),
                    CMDLINE_RUN);
    CU_ASSERT_TRUE(cl.json);
    CU_ASSERT_EQUAL(cl.timeout_s, 3);
    CU_ASSERT_TRUE(cl.url.tls);
    CU_ASSERT_STRING_EQUAL(cl.url.host, "::1");
    CU_ASSERT_EQUAL(cl.url.port, 8443);
    CU_ASSERT_STRING_EQUAL(cl.cacert, "ca.pem");
    CU_ASSERT_STRING_EQUAL(cl.cert, "me.pem");
    CU_ASSERT_STRING_EQUAL(cl.key, "me.pem");
    cmdline_destroy(&cl);

    /* The environment: CANOPY_URL; a token file beats a token, and
     * --token-file beats both. */
    struct cmdline_env env = { "http://ctl.example:9000", "/env/token",
                               "secret-token-from-env" };
    CU_ASSERT_EQUAL(PARSE(&env, &cl, &error, "apps"), CMDLINE_RUN);
    CU_ASSERT_STRING_EQUAL(cl.url.host, "ctl.example");
    CU_ASSERT_EQUAL(cl.url.port, 9000);
    CU_ASSERT_STRING_EQUAL(cl.token_file, "/env/token");
    CU_ASSERT_PTR_NULL(cl.token);
    cmdline_destroy(&cl);
    CU_ASSERT_EQUAL(PARSE(&env, &cl, &error, "apps", "--token-file", "/x",
                          "--url", "http://other"),
                    CMDLINE_RUN);
    CU_ASSERT_STRING_EQUAL(cl.token_file, "/x");
    CU_ASSERT_STRING_EQUAL(cl.url.host, "other");
    CU_ASSERT_EQUAL(cl.url.port, 80);
    cmdline_destroy(&cl);
    struct cmdline_env env2 = { "", "", "secret-token-from-env" };
    CU_ASSERT_EQUAL(PARSE(&env2, &cl, &error, "apps"), CMDLINE_RUN);
    CU_ASSERT_PTR_NULL(cl.token_file);
    CU_ASSERT_STRING_EQUAL(cl.token, "secret-token-from-env");
    CU_ASSERT_STRING_EQUAL(cl.url.host, "127.0.0.1");
    cmdline_destroy(&cl);

    /* flow-add: the body as given; "-" is an argument, not an option. */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "flow-add", "1", "-"),
                    CMDLINE_RUN);
    CU_ASSERT_STRING_EQUAL(cl.body, "-");
    cmdline_destroy(&cl);
    /* "--" ends the options. */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "flow-del", "1", "--",
                          "--all"),
                    CMDLINE_RUN);
    CU_ASSERT_STRING_EQUAL(cl.name, "--all");
    CU_ASSERT_FALSE(cl.all);
    cmdline_destroy(&cl);

    /* Two-word commands: "plan tenants" is "tenants set --dry-run". */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "tenants", "set", "t.yaml"),
                    CMDLINE_RUN);
    CU_ASSERT_EQUAL(cl.cmd, CTL_TENANTS_SET);
    CU_ASSERT_STRING_EQUAL(cl.file, "t.yaml");
    CU_ASSERT_FALSE(cl.dry_run);
    cmdline_destroy(&cl);
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "plan", "tenants", "-"),
                    CMDLINE_RUN);
    CU_ASSERT_EQUAL(cl.cmd, CTL_TENANTS_SET);
    CU_ASSERT_STRING_EQUAL(cl.file, "-");
    CU_ASSERT_TRUE(cl.dry_run);
    CU_ASSERT_STRING_EQUAL(cmdline_method(&cl), "PUT");
    cmdline_destroy(&cl);
    /* A file may be named like a command's word. */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "tenants", "set", "--",
                          "set"),
                    CMDLINE_RUN);
    CU_ASSERT_STRING_EQUAL(cl.file, "set");
    cmdline_destroy(&cl);

    /* "plan acls FILE" is "acls set FILE --dry-run". */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "acls", "set", "a.yaml"),
                    CMDLINE_RUN);
    CU_ASSERT_EQUAL(cl.cmd, CTL_ACLS_SET);
    CU_ASSERT_STRING_EQUAL(cl.file, "a.yaml");
    CU_ASSERT_FALSE(cl.dry_run);
    CU_ASSERT_STRING_EQUAL(cmdline_method(&cl), "PUT");
    cmdline_destroy(&cl);
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "plan", "acls", "-"),
                    CMDLINE_RUN);
    CU_ASSERT_EQUAL(cl.cmd, CTL_ACLS_SET);
    CU_ASSERT_STRING_EQUAL(cl.file, "-");
    CU_ASSERT_TRUE(cl.dry_run);
    cmdline_destroy(&cl);
    /* A file named "counters" is a file. */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "acls", "set", "counters"),
                    CMDLINE_RUN);
    CU_ASSERT_EQUAL(cl.cmd, CTL_ACLS_SET);
    CU_ASSERT_STRING_EQUAL(cl.file, "counters");
    cmdline_destroy(&cl);
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "acls", "counters"),
                    CMDLINE_RUN);
    CU_ASSERT_EQUAL(cl.cmd, CTL_ACLS_COUNTERS);
    cmdline_destroy(&cl);
    /* policy check: the packet; "--src-mac" is not "--src". */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "policy", "check", "--src",
                          "10.0.0.1", "--dst=10.0.0.2", "--src-mac",
                          "a:b:c:d:e:f", "--json"),
                    CMDLINE_RUN);
    CU_ASSERT_EQUAL(cl.cmd, CTL_POLICY_CHECK);
    CU_ASSERT_STRING_EQUAL(cl.check.src, "10.0.0.1");
    CU_ASSERT_STRING_EQUAL(cl.check.dst, "10.0.0.2");
    CU_ASSERT_STRING_EQUAL(cl.check.src_mac, "a:b:c:d:e:f");
    CU_ASSERT_PTR_NULL(cl.check.proto);
    CU_ASSERT_PTR_NULL(cl.check.port);
    CU_ASSERT_PTR_NULL(cl.check.tenant);
    CU_ASSERT_STRING_EQUAL(cl.check.in, "");
    CU_ASSERT_TRUE(cl.json);
    CU_ASSERT_STRING_EQUAL(cmdline_method(&cl), "GET");
    cmdline_destroy(&cl);
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "plan", "config"),
                    CMDLINE_RUN);
    CU_ASSERT_EQUAL(cl.cmd, CTL_PLAN_CONFIG);
    CU_ASSERT_STRING_EQUAL(cmdline_method(&cl), "POST");
    cmdline_destroy(&cl);

    /* Help and version win wherever they are. */
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "flows", "-h"), CMDLINE_HELP);
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "--help"), CMDLINE_HELP);
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "--version"),
                    CMDLINE_VERSION);
    CU_ASSERT_EQUAL(PARSE(&no_env, &cl, &error, "-V"), CMDLINE_VERSION);

    struct ds usage = DS_EMPTY_INITIALIZER;
    cmdline_usage(&usage);
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "flow-del DPID NAME|--all");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "--token-file FILE");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "Exit status");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "  tenants set FILE [--dry-run]\n");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "  plan tenants FILE");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "  acls   ");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "  acls counters   ");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "  acls set FILE [--dry-run]\n");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "  plan acls FILE   ");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "  policy check --src IP --dst IP");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "[--in DPID:PORT] [--src-mac MAC]");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "[--to DPID:PORT] [--dst-mac MAC]");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "  plan config   ");
    UNIT_ASSERT_CONTAINS(ds_cstr(&usage), "4 policy check: the policy denies");
    ds_destroy(&usage);
    CU_ASSERT_STRING_EQUAL(cmdline_command_name(CTL_FLOW_ADD), "flow-add");
    CU_ASSERT_STRING_EQUAL(cmdline_command_name(CTL_TENANTS_SET),
                           "tenants set");
    CU_ASSERT_STRING_EQUAL(cmdline_command_name(CTL_POLICY_CHECK),
                           "policy check");
}

/* Expects a usage error whose message contains 'needle'. */
static void
expect_usage_error(const char *needle, const char *const args[])
{
    struct cmdline cl;
    char *error = NULL;
    enum cmdline_result r = parse_args(&no_env, &cl, &error, args);
    CU_ASSERT_EQUAL(r, CMDLINE_ERROR);
    if (r == CMDLINE_RUN) {
        cmdline_destroy(&cl);
    }
    UNIT_ASSERT_CONTAINS(error, needle);
    free(error);
}

#define USAGE_ERROR(NEEDLE, ...)                                              \
    expect_usage_error(NEEDLE, (const char *const[]) { __VA_ARGS__, NULL })

static void
test_cmdline_errors(void)
{
    expect_usage_error("no command given", (const char *const[]) { NULL });
    USAGE_ERROR("no command given", "--json");
    USAGE_ERROR("unknown command 'flow'", "flow", "1");
    USAGE_ERROR("unknown option '--jsn'", "--jsn", "health");
    USAGE_ERROR("unknown option '-x'", "-x", "health");
    USAGE_ERROR("option --url needs a value", "health", "--url");
    USAGE_ERROR("option --json takes no value", "--json=yes", "health");
    USAGE_ERROR("health: unexpected argument 'now'", "health", "now", "x");
    USAGE_ERROR("flow-del: unexpected argument 'b'", "flow-del", "1", "a",
                "b");
    USAGE_ERROR("switch: expected arguments: DPID", "switch");
    USAGE_ERROR("flow-add: expected arguments: DPID BODY", "flow-add", "1");
    USAGE_ERROR("invalid datapath id 'xyz'", "switch", "xyz");
    USAGE_ERROR("invalid datapath id '12345678901234567'", "ports",
                "12345678901234567");
    USAGE_ERROR("invalid datapath id '0x'", "ports", "0x");
    USAGE_ERROR("invalid datapath id ':'", "ports", ":");
    USAGE_ERROR("--table is for the flows command, not switch", "switch",
                "1", "--table", "0");
    USAGE_ERROR("--all is for the flow-del command", "flows", "1", "--all");
    USAGE_ERROR("give --all to delete every static flow", "flow-del", "1");
    USAGE_ERROR("not both", "flow-del", "1", "web", "--all");
    USAGE_ERROR("invalid flow name '..'", "flow-del", "1", "..");
    USAGE_ERROR("--table: expected a table number from 0 to 254, got '255'",
                "flows", "1", "--table", "255");
    USAGE_ERROR("got '-1'", "flows", "1", "--table", "-1");
    USAGE_ERROR("got '0x1'", "flows", "1", "--table", "0x1");
    USAGE_ERROR("--cookie: expected VALUE or VALUE/MASK", "flows", "1",
                "--cookie", "web");
    USAGE_ERROR("--cookie", "flows", "1", "--cookie", "0x1/");
    USAGE_ERROR("--cookie", "flows", "1", "--cookie", "/0x1");
    USAGE_ERROR("--cookie", "flows", "1", "--cookie",
                "0x10000000000000000");
    USAGE_ERROR("--app: expected an app name", "flows", "1", "--app", "");
    USAGE_ERROR("--timeout: expected a number of seconds from 1 to 86400",
                "health", "--timeout", "0");
    USAGE_ERROR("got '1.5'", "health", "--timeout", "1.5");
    USAGE_ERROR("--key needs --cert", "health", "--key", "k.pem");
    USAGE_ERROR("--token-file: expected a file name", "health",
                "--token-file", "");
    USAGE_ERROR("tenants: unexpected argument 'blue'", "tenants", "blue");
    USAGE_ERROR("tenants set: expected arguments: FILE", "tenants", "set");
    USAGE_ERROR("tenants set: unexpected argument 'b'", "tenants", "set",
                "a", "b");
    USAGE_ERROR("tenants set: unexpected argument 'b'", "tenants", "set",
                "a", "b", "c", "d", "e", "f");
    USAGE_ERROR("health: unexpected argument 'a'", "health", "a", "b", "c",
                "d", "e", "f", "g");
    USAGE_ERROR("tenants set: expected a file name", "tenants", "set", "");
    USAGE_ERROR("unknown command 'plan' (expected 'plan tenants', "
                "'plan acls', 'plan config')", "plan");
    USAGE_ERROR("unknown command 'plan tenant' (expected 'plan tenants', "
                "'plan acls', 'plan config')", "plan", "tenant", "t.yaml");
    USAGE_ERROR("plan tenants: expected arguments: FILE", "plan", "tenants");
    USAGE_ERROR("option --dry-run is for the tenants set, plan tenants, "
                "acls set and plan acls commands, not tenants", "tenants",
                "--dry-run");
    USAGE_ERROR("option --dry-run is for the tenants set, plan tenants, "
                "acls set and plan acls commands, not flows", "flows", "1",
                "--dry-run");
    USAGE_ERROR("not acls", "acls", "--dry-run");
    USAGE_ERROR("not plan config", "plan", "config", "--dry-run");

    /* The acl app's commands. */
    USAGE_ERROR("acls: unexpected argument 'fw'", "acls", "fw");
    USAGE_ERROR("acls counters: unexpected argument 'fw'", "acls",
                "counters", "fw");
    USAGE_ERROR("acls set: expected arguments: FILE", "acls", "set");
    USAGE_ERROR("acls set: expected a file name", "acls", "set", "");
    USAGE_ERROR("plan acls: expected arguments: FILE", "plan", "acls");
    USAGE_ERROR("plan config: unexpected argument 'x'", "plan", "config",
                "x");
    USAGE_ERROR("unknown command 'policy' (expected 'policy check')",
                "policy");
    USAGE_ERROR("policy check: unexpected argument '10.0.0.1'", "policy",
                "check", "10.0.0.1");
    USAGE_ERROR("policy check: --src and --dst are required", "policy",
                "check");
    USAGE_ERROR("policy check: --src and --dst are required", "policy",
                "check", "--src", "10.0.0.1");
    USAGE_ERROR("option --src is for the policy check command, not path",
                "path", "a", "b", "--src", "10.0.0.1");
    USAGE_ERROR("option --port is for the policy check command, not acls",
                "acls", "--port", "1");
    USAGE_ERROR("IPv4 or IPv6 addresses of one family, got '10.0.0.1' and "
                "'::1'", "policy", "check", "--src", "10.0.0.1", "--dst",
                "::1");
    USAGE_ERROR("got 'host1' and '10.0.0.2'", "policy", "check", "--src",
                "host1", "--dst", "10.0.0.2");
    USAGE_ERROR("got '10.0.0.0/8' and", "policy", "check", "--src",
                "10.0.0.0/8", "--dst", "10.0.0.2");
    USAGE_ERROR("--proto: expected tcp, udp, icmp, icmpv6 or a protocol "
                "number from 0 to 255, got 'sctp'", "policy", "check",
                "--src", "10.0.0.1", "--dst", "10.0.0.2", "--proto", "sctp");
    USAGE_ERROR("got '256'", "policy", "check", "--src", "10.0.0.1", "--dst",
                "10.0.0.2", "--proto", "256");
    USAGE_ERROR("--port needs --proto tcp or udp", "policy", "check",
                "--src", "10.0.0.1", "--dst", "10.0.0.2", "--port", "23");
    USAGE_ERROR("--port needs --proto tcp or udp", "policy", "check",
                "--src", "10.0.0.1", "--dst", "10.0.0.2", "--proto", "icmp",
                "--port", "23");
    USAGE_ERROR("--port: expected a port number from 1 to 65535, got '0'",
                "policy", "check", "--src", "10.0.0.1", "--dst", "10.0.0.2",
                "--proto", "tcp", "--port", "0");
    USAGE_ERROR("got '65536'", "policy", "check", "--src", "10.0.0.1",
                "--dst", "10.0.0.2", "--proto", "udp", "--port", "65536");
    USAGE_ERROR("got 'ssh'", "policy", "check", "--src", "10.0.0.1", "--dst",
                "10.0.0.2", "--proto", "6", "--port", "ssh");
    USAGE_ERROR("--tenant: expected a tenant name", "policy", "check",
                "--src", "10.0.0.1", "--dst", "10.0.0.2", "--tenant", "");
    USAGE_ERROR("--src-mac: expected a MAC address such as "
                "0a:00:00:00:00:01, got '0a:00:00:00:00'", "policy", "check",
                "--src", "10.0.0.1", "--dst", "10.0.0.2", "--src-mac",
                "0a:00:00:00:00");
    USAGE_ERROR("got '0a:00:00:00:00:001'", "policy", "check", "--src",
                "10.0.0.1", "--dst", "10.0.0.2", "--src-mac",
                "0a:00:00:00:00:001");
    USAGE_ERROR("--in: expected DPID:PORT (a datapath id and a port number "
                "from 1 to 4294967040), got '1'", "policy", "check", "--src",
                "10.0.0.1", "--dst", "10.0.0.2", "--in", "1");
    USAGE_ERROR("got ':3'", "policy", "check", "--src", "10.0.0.1", "--dst",
                "10.0.0.2", "--in", ":3");
    USAGE_ERROR("got '1:0'", "policy", "check", "--src", "10.0.0.1", "--dst",
                "10.0.0.2", "--in", "1:0");
    USAGE_ERROR("got '1:4294967041'", "policy", "check", "--src", "10.0.0.1",
                "--dst", "10.0.0.2", "--in", "1:4294967041");
    USAGE_ERROR("--in: invalid datapath id 'xyz'", "policy", "check",
                "--src", "10.0.0.1", "--dst", "10.0.0.2", "--in", "xyz:3");
    USAGE_ERROR("--to: expected DPID:PORT (a datapath id and a port number "
                "from 1 to 4294967040), got '2'", "policy", "check", "--src",
                "10.0.0.1", "--dst", "10.0.0.2", "--to", "2");
    USAGE_ERROR("--to: invalid datapath id '12345678901234567'", "policy",
                "check", "--src", "10.0.0.1", "--dst", "10.0.0.2", "--to",
                "12345678901234567:1");
    USAGE_ERROR("--dst-tenant: expected a tenant name", "policy", "check",
                "--src", "10.0.0.1", "--dst", "10.0.0.2", "--dst-tenant",
                "");
    USAGE_ERROR("--dst-mac: expected a MAC address such as "
                "0a:00:00:00:00:01, got 'g0:00:00:00:00:01'", "policy",
                "check", "--src", "10.0.0.1", "--dst", "10.0.0.2",
                "--dst-mac", "g0:00:00:00:00:01");
    USAGE_ERROR("option --to is for the policy check command, not path",
                "path", "a", "b", "--to", "1:1");
    USAGE_ERROR("option --dry-run takes no value", "plan", "tenants", "f",
                "--dry-run=1");
    USAGE_ERROR("the scheme must be http or https", "--url", "ftp://h",
                "health");
    USAGE_ERROR("invalid URL '127.0.0.1:8080'", "--url", "127.0.0.1:8080",
                "health");
    USAGE_ERROR("user information is not supported", "--url",
                "http://u:p@h/", "health");
    USAGE_ERROR("a query or fragment is not supported", "--url",
                "http://h/?a=b", "health");
    USAGE_ERROR("the port must be from 1 to 65535", "--url", "http://h:0",
                "health");
    USAGE_ERROR("invalid URL", "--url", "http://h:99999", "health");
}

/* ---- URLs. ------------------------------------------------------------- */

static void
test_url(void)
{
    struct url url;
    char *error = NULL;
    struct ds ds = DS_EMPTY_INITIALIZER;

    CU_ASSERT_EQUAL(url_parse("https://[fe80::1]/api/", &url, &error), 0);
    CU_ASSERT_TRUE(url.tls);
    CU_ASSERT_STRING_EQUAL(url.host, "fe80::1");
    CU_ASSERT_EQUAL(url.port, 443);
    CU_ASSERT_STRING_EQUAL(url.prefix, "/api");
    url_put_authority(&ds, &url);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "[fe80::1]");
    ds_clear(&ds);
    url_put_base(&ds, &url);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "https://[fe80::1]/api");
    ds_clear(&ds);
    url_destroy(&url);

    CU_ASSERT_EQUAL(url_parse("http://localhost:8080", &url, &error), 0);
    CU_ASSERT_STRING_EQUAL(url.prefix, "");
    url_put_authority(&ds, &url);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "localhost:8080");
    ds_clear(&ds);
    url_destroy(&url);

    CU_ASSERT_EQUAL(url_parse("https://h:443", &url, &error), 0);
    url_put_base(&ds, &url);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "https://h");
    ds_clear(&ds);
    url_destroy(&url);

    CU_ASSERT_TRUE(url_host_is_ip("127.0.0.1"));
    CU_ASSERT_TRUE(url_host_is_ip("::1"));
    CU_ASSERT_FALSE(url_host_is_ip("localhost"));
    CU_ASSERT_FALSE(url_host_is_ip("1.2.3"));

    url_put_encoded(&ds, "aZ09-._~ /?&=%+é");
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds),
                           "aZ09-._~%20%2F%3F%26%3D%25%2B%C3%A9");
    ds_clear(&ds);
    ds_put_cstr(&ds, "/x");
    url_put_query(&ds, "a", "1 2");
    url_put_query(&ds, "b", "");
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "/x?a=1%202&b=");
    ds_destroy(&ds);

    CU_ASSERT_EQUAL(url_parse("nonsense", &url, &error), -1);
    UNIT_ASSERT_CONTAINS(error, "invalid URL 'nonsense'");
    free(error);
}

/* ---- Tables. ----------------------------------------------------------- */

static void
test_table(void)
{
    struct table *t = table_create();
    struct ds ds = DS_EMPTY_INITIALIZER;

    table_add_column(t, "NAME", TABLE_LEFT);
    table_add_column(t, "N", TABLE_RIGHT);
    table_add_column(t, "NOTE", TABLE_LEFT);
    table_add_row(t);
    table_add_cell(t, "a");
    table_add_cell(t, "12345");
    table_add_cell(t, "x");
    table_add_row(t);
    table_add_cell(t, "longer\x1b[31m");    /* An escape: made harmless. */
    table_add_cellf(t, "%d", 7);
    table_add_cell(t, "");                  /* Empty last cell. */
    table_add_row(t);
    table_add_cell(t, "h\xc3\xa9");         /* "hé": two characters. */
    table_add_cell(t, NULL);                /* "-". */
    table_add_cell(t, "y");
    table_add_cell(t, "ignored");           /* Beyond the columns. */
    table_add_row(t);                       /* Short row. */
    table_add_cell(t, "z");
    CU_ASSERT_EQUAL(table_n_rows(t), 4);
    table_format(t, &ds);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds),
                           "NAME             N  NOTE\n"
                           "a            12345  x\n"
                           "longer?[31m      7\n"
                           "h\xc3\xa9               -  y\n"
                           "z\n");
    table_destroy(t);
    ds_clear(&ds);

    /* Without headings: a key/value listing. */
    t = table_create();
    table_hide_headings(t);
    table_add_column(t, "K", TABLE_LEFT);
    table_add_column(t, "V", TABLE_LEFT);
    table_add_row(t);
    table_add_cell(t, "status");
    table_add_cell(t, "ok");
    table_add_row(t);
    table_add_cell(t, "uptime_seconds");
    table_add_cell(t, "5");
    table_format(t, &ds);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds),
                           "status          ok\n"
                           "uptime_seconds  5\n");
    table_destroy(t);
    table_destroy(NULL);
    ds_destroy(&ds);
}

/* ---- Strict JSON. ------------------------------------------------------ */

/* Expects 'text' to be refused with an error containing 'needle'. */
static void
expect_json_error(const char *text, const char *needle)
{
    char *error = NULL;
    struct fy_document *doc = jsonread_parse("in", text, strlen(text),
                                             &error);
    CU_ASSERT_PTR_NULL(doc);
    fy_document_destroy(doc);
    UNIT_ASSERT_CONTAINS(error, needle);
    free(error);
}

static void
test_jsonread(void)
{
    static const char text[] =
        "{\"s\": \"caf\\u00e9\", \"n\": 42, \"t\": true, \"f\": false,\n"
        " \"q\": \"true\", \"z\": null, \"big\": 18446744073709551615,\n"
        " \"neg\": -1, \"list\": [1, \"a\"], \"m\": {\"k\": \"v\"}}";
    char *error = NULL;
    struct fy_document *doc = jsonread_parse("in", text, strlen(text),
                                             &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct fy_node *root = fy_document_root(doc);
    uint64_t v = 0;

    CU_ASSERT_STRING_EQUAL(jsonread_str(root, "s"), "caf\xc3\xa9");
    CU_ASSERT_STRING_EQUAL(jsonread_str(root, "n"), "42");
    CU_ASSERT_PTR_NULL(jsonread_str(root, "z"));
    CU_ASSERT_PTR_NULL(jsonread_str(root, "absent"));
    CU_ASSERT_PTR_NULL(jsonread_str(root, "m"));
    CU_ASSERT_PTR_NULL(jsonread_get(jsonread_get(root, "s"), "x"));
    CU_ASSERT_TRUE(jsonread_is_true(jsonread_get(root, "t")));
    CU_ASSERT_FALSE(jsonread_is_true(jsonread_get(root, "f")));
    CU_ASSERT_FALSE(jsonread_is_true(jsonread_get(root, "q")));
    CU_ASSERT_FALSE(jsonread_is_true(NULL));
    CU_ASSERT_TRUE(jsonread_u64(root, "n", &v));
    CU_ASSERT_EQUAL(v, 42);
    CU_ASSERT_TRUE(jsonread_u64(root, "big", &v));
    CU_ASSERT_EQUAL(v, UINT64_MAX);
    CU_ASSERT_FALSE(jsonread_u64(root, "neg", &v));
    CU_ASSERT_FALSE(jsonread_u64(root, "s", &v));
    CU_ASSERT_FALSE(jsonread_u64(root, "absent", &v));

    struct ds ds = DS_EMPTY_INITIALIZER;
    jsonread_put_value(&ds, jsonread_get(root, "list"));
    ds_put_char(&ds, ' ');
    jsonread_put_value(&ds, jsonread_get(root, "m"));
    ds_put_char(&ds, ' ');
    jsonread_put_value(&ds, jsonread_get(root, "z"));
    ds_put_char(&ds, ' ');
    jsonread_put_value(&ds, NULL);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "[1, \"a\"] {\"k\": \"v\"} - -");
    ds_destroy(&ds);
    fy_document_destroy(doc);

    /* What YAML takes and JSON does not, located. */
    expect_json_error("{name: web}", "in:1:2: ");
    expect_json_error("{\"a\": 'x'}", "in:1:7: ");
    expect_json_error("{\"a\": 1,}", "in:1:8: ");
    expect_json_error("{\"a\": 1}\n{\"b\": 2}", "in:2:1: ");
    expect_json_error("{\"a\": 1, \"a\": 2}", "in:1:");
    expect_json_error("{\"a\":\n  1", "in:");
    expect_json_error("", "in:");
    expect_json_error("   ", "in:");
    expect_json_error("# c\n{}", "in:1:1: ");
}

/* ---- Local inputs. ----------------------------------------------------- */

/* Writes 'len' bytes to a new temporary file; returns its name (static). */
static const char *
temp_file(const char *text, size_t len)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/canopyctl-test-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, text, len), (ssize_t) len);
    close(fd);
    return path;
}

static void
expect_token(const char *contents, size_t len, const char *token,
             const char *error_needle)
{
    const char *path = temp_file(contents, len);
    char *got = NULL, *error = NULL;
    int rc = input_read_token(path, &got, &error);
    if (token) {
        CU_ASSERT_EQUAL(rc, 0);
        CU_ASSERT_PTR_NOT_NULL(got);
        if (got) {
            CU_ASSERT_STRING_EQUAL(got, token);
        }
    } else {
        CU_ASSERT_EQUAL(rc, -1);
        UNIT_ASSERT_CONTAINS(error, error_needle);
        UNIT_ASSERT_CONTAINS(error, path);
    }
    free(got);
    free(error);
    unlink(path);
}

static void
test_input_token(void)
{
    expect_token("s3cret-token-0123456789\n", 24, "s3cret-token-0123456789",
                 NULL);
    expect_token("abc \t\r\n\n", 8, "abc", NULL);
    expect_token("abc", 3, "abc", NULL);
    expect_token("\n\n", 2, NULL, "the token is empty");
    expect_token("", 0, NULL, "the token is empty");
    expect_token("two words\n", 10, NULL, "without spaces or control");
    expect_token("a\nb\n", 4, NULL, "without spaces or control");
    expect_token("a\0b", 3, NULL, "NUL");

    char big[INPUT_MAX_TOKEN + 2];
    memset(big, 'a', sizeof big);
    expect_token(big, sizeof big, NULL, "larger than 4 KiB");

    char *got = NULL, *error = NULL;
    CU_ASSERT_EQUAL(input_read_token("/nonexistent/token", &got, &error), -1);
    UNIT_ASSERT_CONTAINS(error, "token file /nonexistent/token: No such");
    free(error);

    CU_ASSERT_EQUAL(input_check_token("abc", "CANOPY_TOKEN", &error), 0);
    CU_ASSERT_EQUAL(input_check_token("a\tb", "CANOPY_TOKEN", &error), -1);
    UNIT_ASSERT_CONTAINS(error, "CANOPY_TOKEN: the token must be one word");
    free(error);
}

static void
test_input_body(void)
{
    struct ds body = DS_EMPTY_INITIALIZER;
    const char *name = NULL;
    char *error = NULL;

    /* The argument itself. */
    CU_ASSERT_EQUAL(input_read_body("{\"name\": \"web\"}", stdin, &body,
                                    &name, &error), 0);
    CU_ASSERT_STRING_EQUAL(name, "BODY");
    CU_ASSERT_STRING_EQUAL(ds_cstr(&body), "{\"name\": \"web\"}");
    ds_clear(&body);

    /* @FILE. */
    static const char file_text[] = "{\n  \"priority\": 100\n}\n";
    const char *path = temp_file(file_text, strlen(file_text));
    char arg[80];
    snprintf(arg, sizeof arg, "@%s", path);
    CU_ASSERT_EQUAL(input_read_body(arg, stdin, &body, &name, &error), 0);
    CU_ASSERT_STRING_EQUAL(name, path);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&body), file_text);
    ds_clear(&body);
    unlink(path);
    CU_ASSERT_EQUAL(input_read_body("@/nonexistent.json", stdin, &body, &name,
                                    &error), -1);
    UNIT_ASSERT_CONTAINS(error, "/nonexistent.json: No such file");
    free(error);

    /* "-": the stream given. */
    FILE *in = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    fputs("{\"a\": [1, 2]}", in);
    rewind(in);
    CU_ASSERT_EQUAL(input_read_body("-", in, &body, &name, &error), 0);
    CU_ASSERT_STRING_EQUAL(name, "stdin");
    CU_ASSERT_STRING_EQUAL(ds_cstr(&body), "{\"a\": [1, 2]}");
    ds_clear(&body);
    fclose(in);

    /* Too large. */
    in = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    for (size_t i = 0; i <= INPUT_MAX_BODY; i += 1024) {
        char chunk[1024];
        memset(chunk, ' ', sizeof chunk);
        fwrite(chunk, 1, sizeof chunk, in);
    }
    rewind(in);
    CU_ASSERT_EQUAL(input_read_body("-", in, &body, &name, &error), -1);
    UNIT_ASSERT_CONTAINS(error, "stdin: larger than 1 MiB");
    free(error);
    ds_destroy(&body);
    fclose(in);

    /* The JSON check: an object, located errors otherwise. */
    static const char ok[] = "{\"name\": \"web\", \"match\": {}}";
    CU_ASSERT_EQUAL(input_check_json_object("BODY", ok, strlen(ok), &error),
                    0);
    static const char *const bad[][2] = {
        { "{name: \"web\"}", "BODY:1:2: " },
        { "{\"name\": \"web\",\n \"priority\": 100,}", "BODY:2:17: " },
        { "[1, 2]", "BODY: expected a JSON object" },
        { "\"web\"", "BODY: expected a JSON object" },
        { "", "BODY" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CU_ASSERT_EQUAL(input_check_json_object("BODY", bad[i][0],
                                                strlen(bad[i][0]), &error),
                        -1);
        UNIT_ASSERT_CONTAINS(error, bad[i][1]);
        free(error);
    }
    CU_ASSERT_EQUAL(input_check_json_object("BODY", "{}\0x", 4, &error), -1);
    UNIT_ASSERT_CONTAINS(error, "NUL byte");
    free(error);
}

/* Expects input_read_settings() of a file holding 'text' to give 'json',
 * or to fail with an error containing 'needle' (json NULL). */
static void
expect_settings(const char *text, const char *json, const char *needle)
{
    const char *path = temp_file(text, strlen(text));
    struct ds body = DS_EMPTY_INITIALIZER;
    char *error = NULL;
    int rc = input_read_settings(path, stdin, &body, &error);
    if (json) {
        CU_ASSERT_EQUAL(rc, 0);
        if (rc) {
            fprintf(stderr, "\nunexpected error: %s\n", error);
        }
        CU_ASSERT_STRING_EQUAL(ds_cstr(&body), json);
    } else {
        CU_ASSERT_EQUAL(rc, -1);
        UNIT_ASSERT_CONTAINS(error, needle);
        UNIT_ASSERT_CONTAINS(error, path);
    }
    free(error);
    ds_destroy(&body);
    unlink(path);
}

static void
test_input_settings(void)
{
    /* JSON goes as it is, so that the server's positions are the file's. */
    static const char json[] =
        "{\"tenants\": [\n  {\"name\": \"blue\", \"vlan\": 101}\n]}\n";
    expect_settings(json, json, NULL);

    /* YAML becomes JSON: comments dropped, numbers stay numbers, other
     * plain scalars (a port name, a MAC) become strings, quoted ones stay
     * strings, aliases are resolved. */
    expect_settings(
        "# The tenants.\n"
        "vlan_range: [100, 199]\n"
        "default: &guests guests\n"
        "tenants:\n"
        "  - name: blue        # the first\n"
        "    vlan: 101\n"
        "    members:\n"
        "      - {dpid: 1, port: 3}\n"
        "      - {dpid: 2, port: s2-eth4, vlan: 20}\n"
        "      - {mac: 0a:00:00:00:00:07}\n"
        "      - {dpid: \"3\", port: \"7\"}\n"
        "  - name: *guests\n",
        "{\"vlan_range\": [100, 199], \"default\": \"guests\", \"tenants\": "
        "[{\"name\": \"blue\", \"vlan\": 101, \"members\": [{\"dpid\": 1, "
        "\"port\": 3}, {\"dpid\": 2, \"port\": \"s2-eth4\", \"vlan\": 20}, "
        "{\"mac\": \"0a:00:00:00:00:07\"}, {\"dpid\": \"3\", \"port\": "
        "\"7\"}]}, {\"name\": \"guests\"}]}",
        NULL);
    expect_settings("tenants: []\n", "{\"tenants\": []}", NULL);

    /* Refusals, located. */
    expect_settings("tenants: [{name: blue}\n", NULL, ":2:1: ");
    expect_settings("tenants:\n  - name: a\n ? x\n", NULL, ":");
    expect_settings("tenants: []\n---\ntenants: []\n", NULL,
                    ":2:1: a second YAML document");
    expect_settings("- name: blue\n", NULL, ": expected a mapping");
    expect_settings("[1, 2]", NULL, ": expected a JSON object");
    expect_settings("", NULL, ": empty");
    expect_settings("# nothing\n", NULL, ": empty");
    expect_settings("tenants: *nowhere\n", NULL, ":1:11: invalid alias");

    struct ds body = DS_EMPTY_INITIALIZER;
    char *error = NULL;
    CU_ASSERT_EQUAL(input_read_settings("/nonexistent/t.yaml", stdin, &body,
                                        &error), -1);
    UNIT_ASSERT_CONTAINS(error, "/nonexistent/t.yaml: No such file");
    free(error);
    const char *path = temp_file("a: 1\0b", 6);
    CU_ASSERT_EQUAL(input_read_settings(path, stdin, &body, &error), -1);
    UNIT_ASSERT_CONTAINS(error, "NUL byte");
    free(error);
    unlink(path);

    /* "-": standard input, named so in messages. */
    FILE *in = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    fputs("tenants: [{name: red}]\n", in);
    rewind(in);
    CU_ASSERT_EQUAL(input_read_settings("-", in, &body, &error), 0);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&body), "{\"tenants\": [{\"name\": "
                           "\"red\"}]}");
    ds_clear(&body);
    rewind(in);
    CU_ASSERT_EQUAL(ftruncate(fileno(in), 0), 0);
    fputs("tenants: [", in);
    rewind(in);
    CU_ASSERT_EQUAL(input_read_settings("-", in, &body, &error), -1);
    UNIT_ASSERT_CONTAINS(error, "stdin:");
    free(error);
    fclose(in);
    ds_destroy(&body);
}

/* ---- Text for people. -------------------------------------------------- */

/* Renders 'body' as the response to the command line 'args'; returns the
 * text (static) or "ERROR: message". */
static const char *
render_of(const char *body, const char *const args[])
{
    static char result[8192];
    struct cmdline cl;
    char *error = NULL;
    if (parse_args(&no_env, &cl, &error, args) != CMDLINE_RUN) {
        CU_FAIL("parse failed");
        free(error);
        return "";
    }
    struct ds out = DS_EMPTY_INITIALIZER;
    if (render_response(&cl, body, strlen(body), &out, &error)) {
        snprintf(result, sizeof result, "ERROR: %s", error);
        free(error);
    } else {
        snprintf(result, sizeof result, "%s", ds_cstr(&out));
    }
    ds_destroy(&out);
    cmdline_destroy(&cl);
    return result;
}

#define RENDER(BODY, ...)                                                     \
    render_of(BODY, (const char *const[]) { __VA_ARGS__, NULL })

static void
test_render_health_switches(void)
{
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"status\": \"ok\", \"switches\": 2, "
               "\"uptime_seconds\": 3605}", "health"),
        "status          ok\n"
        "switches        2\n"
        "uptime_seconds  3605 (1h 0m 5s)\n");

    static const char sw[] =
        "{\"dpid\": \"0000000000000001\", \"version\": \"1.3\", "
        "\"address\": \"tcp:127.0.0.1:41822\", "
        "\"connected_since\": \"2026-11-22T05:40:12Z\", "
        "\"tls_peer\": \"CN=s1\", \"n_tables\": 254, \"n_buffers\": 0, "
        "\"n_ports\": 4, \"counters\": {\"messages_in\": 58, "
        "\"messages_out\": 61, \"packet_ins\": 21, \"errors_in\": 0}}";
    CU_ASSERT_STRING_EQUAL(
        RENDER(sw, "switch", "1"),
        "dpid                   0000000000000001\n"
        "version                1.3\n"
        "address                tcp:127.0.0.1:41822\n"
        "connected_since        2026-11-22T05:40:12Z\n"
        "tls_peer               CN=s1\n"
        "n_tables               254\n"
        "n_buffers              0\n"
        "n_ports                4\n"
        "counters.messages_in   58\n"
        "counters.messages_out  61\n"
        "counters.packet_ins    21\n"
        "counters.errors_in     0\n");

    struct ds list = DS_EMPTY_INITIALIZER;
    ds_put_format(&list, "[%s, {\"dpid\": \"00000000000000ff\", "
                  "\"version\": \"1.0\", \"address\": \"tls:[::1]:6653\"}]",
                  sw);
    CU_ASSERT_STRING_EQUAL(
        RENDER(ds_cstr(&list), "switches"),
        "DPID              VERSION  ADDRESS              CONNECTED          "
        "   PORTS  PKT_IN  MSGS_IN  MSGS_OUT  ERRORS_IN\n"
        "0000000000000001  1.3      tcp:127.0.0.1:41822  2026-11-22T05:40:12Z"
        "      4      21       58        61          0\n"
        "00000000000000ff  1.0      tls:[::1]:6653       -                  "
        "       -       -        -         -          -\n");
    ds_destroy(&list);
    CU_ASSERT_STRING_EQUAL(RENDER("[]", "switches"),
                           "no switches connected\n");
    CU_ASSERT_STRING_EQUAL(RENDER("{}", "switches"),
                           "ERROR: unexpected response from the server: "
                           "expected a JSON list");
    CU_ASSERT_STRING_EQUAL(RENDER("[]", "health"),
                           "ERROR: unexpected response from the server: "
                           "expected a JSON object");
    UNIT_ASSERT_CONTAINS(RENDER("<html>", "health"),
                         "ERROR: the server's answer is not valid JSON "
                         "(response:1:1: ");
}

static void
test_render_ports(void)
{
    static const char ports[] =
        "[{\"port_no\": 1, \"name\": \"s1-eth1\", "
        "\"hw_addr\": \"aa:bb:cc:dd:ee:01\", \"link_up\": true, "
        "\"admin_up\": true, \"speed_kbps\": 10000000, \"counters\": "
        "{\"rx_packets\": 12, \"tx_packets\": 14, \"rx_bytes\": 1008, "
        "\"tx_bytes\": 1176, \"rx_dropped\": 0, \"tx_dropped\": 1, "
        "\"rx_errors\": 2, \"tx_errors\": 3}, \"duration_sec\": 4000},"
        " {\"port_no\": 4294967294, \"name\": \"s1\", \"hw_addr\": "
        "\"aa:bb:cc:dd:ee:00\", \"link_up\": false, \"admin_up\": false, "
        "\"speed_kbps\": 0, \"counters\": {\"rx_packets\": 0, "
        "\"tx_packets\": 0, \"rx_bytes\": 0, \"tx_bytes\": 0, "
        "\"rx_dropped\": 0, \"tx_dropped\": 0, \"rx_errors\": 0, "
        "\"tx_errors\": 0}}]";
    CU_ASSERT_STRING_EQUAL(
        RENDER(ports, "ports", "1"),
        " PORT  NAME     HW_ADDR            LINK  ADMIN  SPEED  RX_PKTS  "
        "RX_BYTES  TX_PKTS  TX_BYTES  DROPS_RX/TX  ERRORS_RX/TX     UP_FOR\n"
        "    1  s1-eth1  aa:bb:cc:dd:ee:01  up    up       10G       12  "
        "    1008       14      1176          0/1           2/3  1h 6m 40s\n"
        "LOCAL  s1       aa:bb:cc:dd:ee:00  down  down       -        0  "
        "       0        0         0          0/0           0/0          -\n");
    CU_ASSERT_STRING_EQUAL(RENDER("[]", "ports", "1"), "no ports\n");
}

static void
test_render_flows(void)
{
    static const char flows[] =
        "[{\"table\": 0, \"priority\": 100, \"cookie\": "
        "\"0x0001a1b2c3d4e5f6\", \"owner\": \"static\", \"name\": \"web\", "
        "\"match\": {\"in_port\": 1, \"eth_type\": \"0x0800\", "
        "\"ipv4_dst\": \"10.0.0.0/24\"}, \"actions\": [\"output:2\"], "
        "\"idle_timeout\": 0, \"hard_timeout\": 30, \"packets\": 3, "
        "\"bytes\": 180, \"duration_sec\": 12},"
        " {\"table\": 0, \"priority\": 0, \"cookie\": \"0x0001000000000000\","
        " \"match\": {}, \"actions\": [], \"goto_table\": 1, "
        "\"idle_timeout\": 0, \"hard_timeout\": 0, \"packets\": 12, "
        "\"bytes\": 1008, \"duration_sec\": 40, \"owner\": \"core\"},"
        " {\"table\": 1, \"priority\": 5, \"owner\": \"l2_learning\", "
        "\"match\": {\"eth_dst\": \"aa:bb:cc:dd:ee:01\"}, \"meter\": 2, "
        "\"actions\": [\"pop_vlan\", \"output:1\"], \"clear_actions\": true,"
        " \"write_actions\": [\"group:1\"], \"write_metadata\": "
        "\"0x1/0xff\", \"goto_table\": 2},"
        " {\"table\": 2, \"priority\": 1, \"owner\": \"unknown\", "
        "\"match\": {\"vlan_vid\": \"0x1000/0x1000\"}, \"actions\": []}]";
    CU_ASSERT_STRING_EQUAL(
        RENDER(flows, "flows", "1"),
        "table=0, priority=100, owner=static, name=web, "
        "cookie=0x0001a1b2c3d4e5f6, duration=12s, n_packets=3, n_bytes=180, "
        "hard_timeout=30, in_port=1,eth_type=0x0800,ipv4_dst=10.0.0.0/24 "
        "actions=output:2\n"
        "table=0, priority=0, owner=core, cookie=0x0001000000000000, "
        "duration=40s, n_packets=12, n_bytes=1008, any "
        "actions=goto_table:1\n"
        "table=1, priority=5, owner=l2_learning, eth_dst=aa:bb:cc:dd:ee:01 "
        "actions=meter:2,pop_vlan,output:1,clear_actions,"
        "write_actions(group:1),write_metadata:0x1/0xff,goto_table:2\n"
        "table=2, priority=1, owner=unknown, vlan_vid=0x1000/0x1000 "
        "actions=drop\n");
    CU_ASSERT_STRING_EQUAL(RENDER("[]", "flows", "1"), "no flows\n");
    CU_ASSERT_STRING_EQUAL(RENDER("[]", "flows", "1", "--app", "x"),
                           "no flows match\n");
    /* Text from the switch cannot reach the terminal raw. */
    CU_ASSERT_STRING_EQUAL(
        RENDER("[{\"table\": 0, \"name\": \"a\\u001bb\", \"match\": "
               "{\"x\": \"\\n\"}, \"actions\": [\"\\u0007\"]}]",
               "flows", "1"),
        "table=0, name=a?b, x=? actions=?\n");
}

static void
test_render_other(void)
{
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"name\": \"web\", \"cookie\": \"0x00012d8e6f1a03c7\", "
               "\"dpid\": \"0000000000000001\"}", "flow-add", "1", "{}"),
        "added flow web (cookie 0x00012d8e6f1a03c7) on 0000000000000001\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"deleted\": [\"web\", \"ssh\"]}", "flow-del", "2", "--all"),
        "deleted flow web on 0000000000000002\n"
        "deleted flow ssh on 0000000000000002\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"deleted\": []}", "flow-del", "2", "--all"),
        "no static flows to delete on 0000000000000002\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{}", "flow-del", "2", "--all"),
        "ERROR: unexpected response from the server: no \"deleted\" list");

    CU_ASSERT_STRING_EQUAL(
        RENDER("[{\"name\": \"l2_learning\", \"id\": 2, \"state\": "
               "\"running\", \"counters\": {\"packet_ins\": 21, "
               "\"packet_ins_stopped\": 21, \"flow_mods\": 12, "
               "\"packet_outs\": 21, \"send_errors\": 0}}]", "apps"),
        "NAME         ID  STATE    PKT_IN  PKT_IN_STOPPED  FLOW_MODS  "
        "PKT_OUT  SEND_ERRORS\n"
        "l2_learning   2  running      21              21         12  "
        "     21            0\n");
    CU_ASSERT_STRING_EQUAL(RENDER("[]", "apps"), "no apps loaded\n");

    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"applied\": true, \"reloads\": 3, \"changed\": "
               "[\"switch.packet_in_rate\", \"log_level\"]}", "reload"),
        "configuration reloaded (reloads applied since canopyd started: 3)\n"
        "changed: switch.packet_in_rate, log_level\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"applied\": true, \"reloads\": 1, \"changed\": []}",
               "reload"),
        "configuration reloaded (reloads applied since canopyd started: 1)\n"
        "no setting changed\n");
    CU_ASSERT_STRING_EQUAL(RENDER("{\"applied\": true}", "reload"),
                           "configuration reloaded\n");

    /* Metrics are not JSON: as they come. */
    CU_ASSERT_STRING_EQUAL(RENDER("canopy_switches 1\n", "metrics"),
                           "canopy_switches 1\n");

    struct ds ds = DS_EMPTY_INITIALIZER;
    static const uint64_t secs[] = { 0, 59, 60, 3605, 86400 + 7200 + 180 };
    for (size_t i = 0; i < sizeof secs / sizeof *secs; i++) {
        render_put_duration(&ds, secs[i]);
        ds_put_char(&ds, ',');
    }
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "0s,59s,1m 0s,1h 0m 5s,1d 2h 3m,");
    ds_clear(&ds);
    static const uint64_t speeds[] = { 0, 10, 100000, 1000000, 2500000,
                                       10000000, 100000000, 400000000 };
    for (size_t i = 0; i < sizeof speeds / sizeof *speeds; i++) {
        render_put_speed(&ds, speeds[i]);
        ds_put_char(&ds, ',');
    }
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "-,10K,100M,1G,2.5G,10G,100G,400G,");
    ds_destroy(&ds);
}

static void
test_render_tenants(void)
{
    static const char tenants[] =
        "{\"tenants\": [{\"name\": \"blue\", \"vlan\": 101, "
        "\"vlan_allocated\": false, \"where\": \"c.yaml:6:9\", "
        "\"members\": [{\"kind\": \"port\", \"dpid\": \"0000000000000001\", "
        "\"port\": 3, \"resolved\": true, \"where\": \"c.yaml:8:11\"}, "
        "{\"kind\": \"port_name\", \"dpid\": \"0000000000000002\", "
        "\"port_name\": \"s2-eth4\", \"resolved\": false, \"where\": "
        "\"c.yaml:9:11\"}, {\"kind\": \"port_name\", \"dpid\": "
        "\"0000000000000002\", \"port_name\": \"s2-eth5\", \"port\": 5, "
        "\"vlan\": 20, \"resolved\": true, \"where\": \"c.yaml:10:11\"}, "
        "{\"kind\": \"mac\", \"mac\": \"0a:00:00:00:00:07\", \"resolved\": "
        "true, \"where\": \"c.yaml:11:11\"}]}, {\"name\": \"red\", "
        "\"vlan\": 100, \"vlan_allocated\": true, \"where\": \"c.yaml:12:9\","
        " \"members\": []}], \"default\": \"red\", \"vlan_range\": [100, "
        "3999], \"source\": \"config\", \"stats\": {\"changes\": 2, "
        "\"paths\": 7, \"floods\": 1, \"dropped_packet_ins\": 0}}";
    CU_ASSERT_STRING_EQUAL(
        RENDER(tenants, "tenants"),
        "TENANT  VLAN  ALLOCATED  DEFAULT  MEMBERS  MEMBER"
        "                                     RESOLVED  WHERE\n"
        "blue     101  no                        4  0000000000000001:3"
        "                         yes       c.yaml:8:11\n"
        "                                           0000000000000002:s2-eth4"
        "                   no        c.yaml:9:11\n"
        "                                           0000000000000002:s2-eth5"
        " (port 5) vlan 20  yes       c.yaml:10:11\n"
        "                                           0a:00:00:00:00:07"
        "                          yes       c.yaml:11:11\n"
        "red      100  yes        yes            0\n"
        "tenants from config, VLANs allocated from 100-3999\n"
        "changes 2, paths 7, floods 1, dropped_packet_ins 0\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"tenants\": [], \"default\": null, \"vlan_range\": "
               "[100, 3999], \"source\": \"api\", \"stats\": {}}",
               "tenants"),
        "no tenants\n"
        "tenants from api, VLANs allocated from 100-3999, no default tenant "
        "(traffic of no tenant is dropped)\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"default\": null}", "tenants"),
        "ERROR: unexpected response from the server: no \"tenants\" list");
    CU_ASSERT_STRING_EQUAL(
        RENDER("[]", "tenants"),
        "ERROR: unexpected response from the server: expected a JSON object");

    /* The changes of a PUT, dry run or not. */
    static const char plan[] =
        "{\"dry_run\": true, \"differences\": 3, \"plan\": [{\"switch\": "
        "\"0000000000000001\", \"op\": \"delete\", \"table\": 0, "
        "\"priority\": 700, \"match\": \"in_port=3,vlan_vid=0x0000\"}, "
        "{\"switch\": \"0000000000000001\", \"op\": \"add\", \"table\": 0,"
        " \"priority\": 700, \"match\": \"in_port=4,vlan_vid=0x0000\","
        " \"instructions\": \"apply_actions(push_vlan:0x8100,"
        "set_field:0x1065->vlan_vid) goto_table:1\"}]}";
    CU_ASSERT_STRING_EQUAL(
        RENDER(plan, "plan", "tenants", "t.yaml"),
        "dry run, nothing changed: 3 differences from the tenants now in "
        "force\n"
        "SWITCH            OP      TABLE  PRIORITY  MATCH"
        "                      INSTRUCTIONS\n"
        "0000000000000001  delete      0       700  in_port=3,vlan_vid=0x0000"
        "  -\n"
        "0000000000000001  add         0       700  in_port=4,vlan_vid=0x0000"
        "  apply_actions(push_vlan:0x8100,set_field:0x1065->vlan_vid) "
        "goto_table:1\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"dry_run\": false, \"differences\": 1, \"applied\": []}",
               "tenants", "set", "t.yaml"),
        "tenants replaced: 1 difference from the tenants that were in force\n"
        "no flow changed on the connected switches\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"dry_run\": true, \"differences\": 0, \"plan\": []}",
               "tenants", "set", "--dry-run", "t.yaml"),
        "dry run, nothing changed: 0 differences from the tenants now in "
        "force\n"
        "no flow would change on the connected switches\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"dry_run\": false, \"differences\": 1}",
               "tenants", "set", "t.yaml"),
        "ERROR: unexpected response from the server: no \"applied\" list");
}

/* GET /v1/acls and /v1/acls/counters, in the shapes of the acl app. */
static void
test_render_acls(void)
{
    static const char acls[] =
        "{\"source\": \"api\", \"default\": \"deny\", \"lists\": [{\"name\": "
        "\"fw\", \"default\": \"allow\", \"where\": "
        "\"/etc/canopy/canopy.yaml:11:9\", \"rules\": [{\"index\": 0, "
        "\"action\": \"deny\", \"matches\": [\"eth_type=0x0800,ip_proto=6,"
        "tcp_dst=23\", \"eth_type=0x86dd,ip_proto=6,tcp_dst=23\"], "
        "\"stateful\": false, \"log\": true, \"where\": \"api:1:58\", "
        "\"packets\": 12, \"bytes\": 888, \"packet_ins_denied\": 3}, "
        "{\"index\": 1, \"action\": \"allow\", \"matches\": [\"eth_type="
        "0x0800,ip_proto=6,tcp_dst=22\"], \"stateful\": true, \"log\": "
        "false, \"where\": \"api:1:104\", \"packets\": 1400, \"bytes\": "
        "2097152, \"packet_ins_denied\": 0}], \"default_packets\": 410, "
        "\"default_bytes\": 40180}, {\"name\": \"web\", \"default\": "
        "\"deny\", \"where\": \"api:1:150\", \"rules\": [], "
        "\"default_packets\": 0, \"default_bytes\": 0}], \"apply\": "
        "[{\"list\": \"fw\", \"scope\": \"global\", \"where\": "
        "\"api:1:190\"}, {\"list\": \"web\", \"scope\": \"tenant\", "
        "\"tenant\": \"blue\", \"where\": \"api:1:210\"}, {\"list\": "
        "\"web\", \"scope\": \"port\", \"dpid\": \"0000000000000001\", "
        "\"port\": 3, \"where\": \"api:1:240\"}], \"switches\": "
        "[{\"dpid\": \"0000000000000001\", \"flows\": 17, \"status\": "
        "\"in sync\", \"conntrack\": true}, {\"dpid\": "
        "\"0000000000000002\", \"flows\": 9, \"status\": \"rolled back to "
        "the previous policy: OFPBAC_BAD_TYPE\", \"conntrack\": false}], "
        "\"default_packets\": 5, \"packet_ins_denied\": 3}";
    CU_ASSERT_STRING_EQUAL(
        RENDER(acls, "acls"),
        "LIST     RULE  ACTION           MATCHES"
        "                                WHERE             PACKETS    BYTES"
        "  PKT_IN_DENIED\n"
        "fw          0  deny, log        eth_type=0x0800,ip_proto=6,tcp_dst=23"
        "  api:1:58               12      888              3\n"
        "                                eth_type=0x86dd,ip_proto=6,tcp_dst=23"
        "\n"
        "fw          1  allow, stateful  eth_type=0x0800,ip_proto=6,tcp_dst=22"
        "  api:1:104            1400  2097152              0\n"
        "fw    default  allow            anything else"
        "                          canopy.yaml:11:9      410    40180\n"
        "web   default  deny             anything else"
        "                          api:1:150               0        0\n"
        "\n"
        "APPLY  SCOPE   TO                  WHERE\n"
        "fw     global  every edge port     api:1:190\n"
        "web    tenant  tenant blue         api:1:210\n"
        "web    port    0000000000000001:3  api:1:240\n"
        "\n"
        "DPID              FLOWS  CONNTRACK  STATUS\n"
        "0000000000000001     17  yes        in sync\n"
        "0000000000000002      9  no         rolled back to the previous "
        "policy: OFPBAC_BAD_TYPE\n"
        "\n"
        "policy from api, default deny (5 packets), packet-ins denied 3\n");
    /* As canopyd answers with no policy and no switch. */
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"source\": \"config\", \"default\": \"allow\", \"lists\": "
               "[], \"apply\": [], \"switches\": [], \"default_packets\": 0, "
               "\"packet_ins_denied\": 0}", "acls"),
        "no lists\n\nno list applies anywhere\n\nno switches connected\n\n"
        "policy from config, default allow (0 packets), packet-ins denied "
        "0\n");
    /* A rule without matches (an older or newer canopyd), a field left
     * out. */
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"lists\": [{\"name\": \"x\", \"rules\": [{\"index\": 0, "
               "\"action\": \"allow\"}]}]}", "acls"),
        "LIST     RULE  ACTION  MATCHES        WHERE  PACKETS  BYTES"
        "  PKT_IN_DENIED\n"
        "x           0  allow   -              -            -      -"
        "              -\n"
        "x     default  -       anything else  -            -      -\n"
        "\n"
        "no list applies anywhere\n\nno switches connected\n\n"
        "policy from -, default - (- packets), packet-ins denied -\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"source\": \"config\"}", "acls"),
        "ERROR: unexpected response from the server: no \"lists\" list");
    CU_ASSERT_STRING_EQUAL(
        RENDER("[]", "acls"),
        "ERROR: unexpected response from the server: expected a JSON object");

    CU_ASSERT_STRING_EQUAL(
        RENDER("[{\"list\": \"fw\", \"rule\": 0, \"where\": "
               "\"/tmp/hdrun/canopy.yaml:6:54\", \"packets\": 12, \"bytes\": "
               "888, \"packet_ins_denied\": 0}, {\"list\": \"fw\", \"rule\": "
               "1, \"where\": \"api:1:96\", \"packets\": 0, \"bytes\": 0, "
               "\"packet_ins_denied\": 7}]", "acls", "counters"),
        "LIST  RULE  WHERE             PACKETS  BYTES  PKT_IN_DENIED\n"
        "fw       0  canopy.yaml:6:54       12    888              0\n"
        "fw       1  api:1:96                0      0              7\n");
    CU_ASSERT_STRING_EQUAL(RENDER("[]", "acls", "counters"), "no rules\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{}", "acls", "counters"),
        "ERROR: unexpected response from the server: expected a JSON list");
}

/* PUT /v1/acls, dry run or not. */
static void
test_render_acls_set(void)
{
    static const char plan[] =
        "{\"applied\": false, \"dry_run\": true, \"flow_changes\": 3, "
        "\"plan\": [{\"switch\": \"0000000000000001\", \"op\": \"add\", "
        "\"table\": 1, \"priority\": 24000, \"match\": \"eth_type=0x0800,"
        "ip_proto=6,tcp_dst=23\", \"instructions\": \"drop\", \"origin\": "
        "\"lists.fw.rules[0] (api:1:58)\"}, {\"switch\": "
        "\"0000000000000001\", \"op\": \"modify\", \"table\": 1, "
        "\"priority\": 3000, \"match\": \"any\", \"instructions\": "
        "\"goto_table:2\", \"origin\": \"lists.fw.default (api:1:20)\"}, "
        "{\"switch\": \"0000000000000001\", \"op\": \"delete\", \"table\": "
        "1, \"priority\": 23999, \"match\": \"eth_type=0x0800,ip_proto=1\", "
        "\"instructions\": \"\"}], \"warnings\": [\"body:1:103: "
        "lists.fw.rules[1]: repeats rules[0] (body:1:51)\", \"body:1:150: "
        "lists.fw.rules[2]: never matches: rules[0] (body:1:51) covers "
        "it\"]}";
    static const char expected[] =
        "dry run, nothing changed: 3 flow changes on the connected switches\n"
        "SWITCH            OP      TABLE  PRIORITY  MATCH"
        "                                  INSTRUCTIONS  ORIGIN\n"
        "0000000000000001  add         1     24000  "
        "eth_type=0x0800,ip_proto=6,tcp_dst=23  drop          "
        "lists.fw.rules[0] (api:1:58)\n"
        "0000000000000001  modify      1      3000  any"
        "                                    goto_table:2  lists.fw.default "
        "(api:1:20)\n"
        "0000000000000001  delete      1     23999  eth_type=0x0800,ip_proto=1"
        "             -             -\n"
        "warning: body:1:103: lists.fw.rules[1]: repeats rules[0] "
        "(body:1:51)\n"
        "warning: body:1:150: lists.fw.rules[2]: never matches: rules[0] "
        "(body:1:51) covers it\n";
    CU_ASSERT_STRING_EQUAL(RENDER(plan, "plan", "acls", "a.yaml"), expected);
    CU_ASSERT_STRING_EQUAL(RENDER(plan, "acls", "set", "a.yaml",
                                  "--dry-run"), expected);
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"applied\": true, \"dry_run\": false, \"flow_changes\": 1, "
               "\"plan\": [{\"switch\": \"0000000000000002\", \"op\": "
               "\"add\", \"table\": 1, \"priority\": 24000, \"match\": "
               "\"eth_type=0x0800,ip_proto=6,tcp_dst=23\", \"instructions\": "
               "\"drop\"}], \"warnings\": []}", "acls", "set", "a.yaml"),
        "policy replaced: 1 flow change sent to the connected switches\n"
        "SWITCH            OP   TABLE  PRIORITY  MATCH"
        "                                  INSTRUCTIONS\n"
        "0000000000000002  add      1     24000  eth_type=0x0800,ip_proto=6,"
        "tcp_dst=23  drop\n");
    /* As canopyd answers with no switch connected. */
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"applied\": false, \"dry_run\": true, \"flow_changes\": 0, "
               "\"plan\": [], \"warnings\": [\"body:1:103: lists.fw.rules[1]: "
               "repeats rules[0] (body:1:51)\"]}", "plan", "acls", "-"),
        "dry run, nothing changed: 0 flow changes on the connected switches\n"
        "no flow would change on the connected switches\n"
        "warning: body:1:103: lists.fw.rules[1]: repeats rules[0] "
        "(body:1:51)\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"applied\": true, \"dry_run\": false, \"plan\": []}",
               "acls", "set", "a.yaml"),
        "policy replaced: ? flow changes sent to the connected switches\n"
        "no flow changed on the connected switches\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"applied\": true}", "acls", "set", "a.yaml"),
        "ERROR: unexpected response from the server: no \"plan\" list");
}

/* Expects render_check_allowed() of 'body' to give 'rc' and, for 0,
 * 'allowed'. */
static void
expect_allowed(const char *body, int rc, bool allowed)
{
    bool got = !allowed;
    CU_ASSERT_EQUAL(render_check_allowed(body, strlen(body), &got), rc);
    if (!rc) {
        CU_ASSERT_EQUAL(got, allowed);
    }
}

/* GET /v1/policy/check, and the verdict that makes the exit status. */
static void
test_render_policy_check(void)
{
    static const char deny[] =
        "{\"allowed\": false, \"decided_by\": {\"kind\": \"acl\", \"tenant\": "
        "\"blue\", \"list\": \"fw\", \"rule\": 0, \"where\": "
        "\"/etc/canopy/canopy.yaml:6:54\", \"action\": \"deny\"}}";
    CU_ASSERT_STRING_EQUAL(
        RENDER(deny, "policy", "check", "--src", "10.8.0.1", "--dst",
               "10.8.0.2", "--proto", "tcp", "--port", "23"),
        "denied\n"
        "kind    acl\n"
        "action  deny\n"
        "list    fw\n"
        "rule    0\n"
        "where   /etc/canopy/canopy.yaml:6:54\n"
        "tenant  blue\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"allowed\": true, \"decided_by\": {\"kind\": \"acl\", "
               "\"list\": \"fw\", \"rule\": \"default\", \"where\": "
               "\"api:1:20\", \"action\": \"allow\"}}", "policy", "check",
               "--src", "::1", "--dst", "::2"),
        "allowed\n"
        "kind    acl\n"
        "action  allow\n"
        "list    fw\n"
        "rule    default\n"
        "where   api:1:20\n");
    /* No list applies; the tenant app drops the source; a key this
     * canopyctl does not know yet. */
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"allowed\": true, \"decided_by\": {\"kind\": \"default\", "
               "\"action\": \"allow\", \"hops\": [1, 2]}}", "policy", "check",
               "--src", "10.0.0.1", "--dst", "10.0.0.2"),
        "allowed\n"
        "kind    default\n"
        "action  allow\n"
        "hops    [1, 2]\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"allowed\": false, \"decided_by\": {\"kind\": \"tenant\", "
               "\"reason\": \"the source belongs to no tenant there: the "
               "tenant app drops its frames\"}}", "policy", "check", "--src",
               "10.0.0.1", "--dst", "10.0.0.2", "--in", "1:3"),
        "denied\n"
        "kind    tenant\n"
        "reason  the source belongs to no tenant there: the tenant app drops "
        "its frames\n");
    /* Tenant isolation, with both ends' tenants. */
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"allowed\": false, \"decided_by\": {\"kind\": \"tenant\", "
               "\"tenant\": \"blue\", \"dst_tenant\": \"red\", \"reason\": "
               "\"tenant isolation: 'blue' and 'red' are different tenants, "
               "whose frames never meet\"}}", "policy", "check", "--src",
               "10.0.0.1", "--dst", "10.0.0.2", "--tenant", "blue",
               "--dst-tenant", "red"),
        "denied\n"
        "kind        tenant\n"
        "tenant      blue\n"
        "dst_tenant  red\n"
        "reason      tenant isolation: 'blue' and 'red' are different "
        "tenants, whose frames never meet\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"decided_by\": {}}", "policy", "check", "--src", "10.0.0.1",
               "--dst", "10.0.0.2"),
        "ERROR: unexpected response from the server: no \"allowed\" and "
        "\"decided_by\"");

    expect_allowed(deny, 0, false);
    expect_allowed("{\"allowed\": true, \"decided_by\": {}}", 0, true);
    expect_allowed("{\"allowed\": \"true\"}", -1, false);
    expect_allowed("{\"allowed\": 1}", -1, false);
    expect_allowed("{\"decided_by\": {}}", -1, false);
    expect_allowed("[true]", -1, false);
    expect_allowed("<html>", -1, false);
    expect_allowed("", -1, false);
    CU_ASSERT_EQUAL(render_check_allowed("{}\0x", 4, &(bool) { false }), -1);
}

/* POST /v1/config/reload?dry_run=1. */
static void
test_render_plan_config(void)
{
    static const char plan[] =
        "{\"applied\": false, \"dry_run\": true, \"changed\": "
        "[\"apps.acl.settings\", \"switch.packet_in_rate\"], \"plan\": "
        "[{\"table\": 1, \"priority\": 24000, \"match\": {\"eth_type\": "
        "\"0x0800\", \"ip_proto\": 6, \"tcp_dst\": 2424}, \"actions\": [], "
        "\"idle_timeout\": 0, \"hard_timeout\": 0, \"app\": \"acl\", "
        "\"switch\": \"0000000000000001\", \"op\": \"add\", \"cookie\": "
        "\"0x0002010000000007\"}, {\"table\": 0, \"priority\": 700, "
        "\"match\": {\"in_port\": 3, \"vlan_vid\": \"0x0000\"}, \"actions\": "
        "[\"push_vlan:0x8100\", \"set_field:0x1065->vlan_vid\"], "
        "\"goto_table\": 1, \"idle_timeout\": 0, \"hard_timeout\": 30, "
        "\"app\": \"tenant\", \"switch\": \"0000000000000001\", \"op\": "
        "\"modify\", \"cookie\": \"0x0003000000000065\"}, {\"table\": 1, "
        "\"priority\": 3000, \"match\": {}, \"actions\": [], \"goto_table\": "
        "2, \"idle_timeout\": 0, \"hard_timeout\": 0, \"app\": \"acl\", "
        "\"switch\": \"0000000000000002\", \"op\": \"delete\", \"cookie\": "
        "\"0x0002030000000001\"}], \"unplanned\": [\"l2_learning\"]}";
    CU_ASSERT_STRING_EQUAL(
        RENDER(plan, "plan", "config"),
        "dry run, nothing changed: the configuration is valid\n"
        "changed: apps.acl.settings, switch.packet_in_rate\n"
        "APP     SWITCH            OP      TABLE  PRIORITY  COOKIE"
        "              MATCH                                    ACTIONS\n"
        "acl     0000000000000001  add         1     24000  0x0002010000000007"
        "  eth_type=0x0800,ip_proto=6,tcp_dst=2424  drop\n"
        "tenant  0000000000000001  modify      0       700  0x0003000000000065"
        "  in_port=3,vlan_vid=0x0000                push_vlan:0x8100,"
        "set_field:0x1065->vlan_vid,goto_table:1 hard_timeout=30\n"
        "acl     0000000000000002  delete      1      3000  0x0002030000000001"
        "  any                                      -\n"
        "not planned (these apps take new settings on reload but cannot say "
        "how): l2_learning\n");
    /* As canopyd answers with no switch connected. */
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"applied\": false, \"dry_run\": true, \"changed\": [], "
               "\"plan\": [], \"unplanned\": []}", "plan", "config"),
        "dry run, nothing changed: the configuration is valid\n"
        "no setting changed\n"
        "no flow would change on the connected switches\n");
    CU_ASSERT_STRING_EQUAL(
        RENDER("{\"applied\": false, \"dry_run\": true, \"changed\": []}",
               "plan", "config"),
        "ERROR: unexpected response from the server: no \"plan\" list");
}

static void
expect_error_message(const char *body, const char *reason,
                     const char *expected)
{
    char *msg = render_error_message(body, strlen(body), reason);
    CU_ASSERT_STRING_EQUAL(msg, expected);
    free(msg);
}

static void
test_error_message(void)
{
    expect_error_message("{\"error\": \"not_found\", \"message\": \"no "
                         "connected switch with datapath id '1'\"}",
                         "Not Found",
                         "no connected switch with datapath id '1'");
    expect_error_message("{\"error\": \"invalid_config\", \"message\": "
                         "\"/etc/canopy.yaml:12:3: unknown setting\"}\n",
                         "Bad Request",
                         "/etc/canopy.yaml:12:3: unknown setting");
    expect_error_message("{\"error\": \"invalid_tenants\", \"message\": "
                         "\"body:1:69: tenants[1].vlan: VLAN 101 is already "
                         "the VLAN of tenant 'blue' (body:1:24)\"}",
                         "Bad Request",
                         "body:1:69: tenants[1].vlan: VLAN 101 is already "
                         "the VLAN of tenant 'blue' (body:1:24)");
    expect_error_message("{\"error\": \"unauthorized\"}", "Unauthorized",
                         "unauthorized");
    expect_error_message("{\"error\": \"x\", \"message\": \"\"}", "Conflict",
                         "x");
    expect_error_message("<html>bad gateway</html>", "Bad Gateway",
                         "Bad Gateway");
    expect_error_message("", "Service Unavailable", "Service Unavailable");
    expect_error_message("", "", "request failed");
    expect_error_message("", NULL, "request failed");
    expect_error_message("[1]", "Teapot", "Teapot");
    expect_error_message("{\"message\": \"line\\nbreak\\u001b[2J\"}", "X",
                         "line?break?[2J");
    /* The acl app's refusals. */
    expect_error_message("{\"error\": \"invalid_policy\", \"message\": "
                         "\"body:1:56: lists.fw.rules[0].src: prefix length "
                         "33 out of range for ipv4_src (0..32)\"}",
                         "Bad Request",
                         "body:1:56: lists.fw.rules[0].src: prefix length "
                         "33 out of range for ipv4_src (0..32)");
    expect_error_message("{\"error\": \"not_found\", \"message\": \"no "
                         "tenant 'nope'\"}", "Not Found", "no tenant 'nope'");
    expect_error_message("{\"error\": \"bad_query\", \"message\": \"src "
                         "and dst (IP addresses) are required\"}",
                         "Bad Request",
                         "src and dst (IP addresses) are required");
}

/* ---- HTTP against our own server on loopback. -------------------------- */

struct test_server {
    struct evhttp *http;
    uint16_t port;
    bool answer;                /* false: never answer. */
    char method[8];
    char uri[256];
    char auth[128];
    char content_type[64];
    char host[64];
    char body[256];
};

static void
test_server_cb(struct evhttp_request *req, void *s_)
{
    struct test_server *s = s_;
    struct evkeyvalq *in = evhttp_request_get_input_headers(req);
    const char *v;
    enum evhttp_cmd_type cmd = evhttp_request_get_command(req);
    snprintf(s->method, sizeof s->method, "%s",
             cmd == EVHTTP_REQ_GET ? "GET" : cmd == EVHTTP_REQ_POST ? "POST"
             : cmd == EVHTTP_REQ_DELETE ? "DELETE"
             : cmd == EVHTTP_REQ_PUT ? "PUT" : "?");
    snprintf(s->uri, sizeof s->uri, "%s", evhttp_request_get_uri(req));
    snprintf(s->auth, sizeof s->auth, "%s",
             (v = evhttp_find_header(in, "Authorization")) ? v : "");
    snprintf(s->content_type, sizeof s->content_type, "%s",
             (v = evhttp_find_header(in, "Content-Type")) ? v : "");
    snprintf(s->host, sizeof s->host, "%s",
             (v = evhttp_find_header(in, "Host")) ? v : "");
    struct evbuffer *b = evhttp_request_get_input_buffer(req);
    size_t n = evbuffer_get_length(b);
    n = n < sizeof s->body - 1 ? n : sizeof s->body - 1;
    evbuffer_remove(b, s->body, n);
    s->body[n] = '\0';
    if (!s->answer) {
        return;
    }
    if (cmd == EVHTTP_REQ_PUT && !strncmp(s->uri, "/v1/tenants", 11)) {
        /* The tenant app's refusal, as canopyd words it. */
        evbuffer_add_printf(evhttp_request_get_output_buffer(req), "%s",
                            "{\"error\": \"invalid_tenants\", \"message\": "
                            "\"body:1:24: tenants[0].vlan: 5000 is out of "
                            "range (1 to 4094)\"}\n");
        evhttp_send_reply(req, 400, "Bad Request", NULL);
        return;
    }
    if (cmd == EVHTTP_REQ_PUT && !strncmp(s->uri, "/v1/acls", 8)) {
        /* The acl app's refusal. */
        evbuffer_add_printf(evhttp_request_get_output_buffer(req), "%s",
                            "{\"error\": \"invalid_policy\", \"message\": "
                            "\"body:1:44: lists.fw.rules[0].src: prefix "
                            "length 33 out of range for ipv4_src (0..32)\"}"
                            "\n");
        evhttp_send_reply(req, 400, "Bad Request", NULL);
        return;
    }
    if (cmd == EVHTTP_REQ_GET && !strncmp(s->uri, "/v1/policy/check?", 17)) {
        evbuffer_add_printf(evhttp_request_get_output_buffer(req), "%s",
                            "{\"allowed\": false, \"decided_by\": "
                            "{\"kind\": \"acl\", \"list\": \"fw\", "
                            "\"rule\": 0, \"where\": \"api:1:58\", "
                            "\"action\": \"deny\"}}\n");
        evhttp_send_reply(req, 200, "OK", NULL);
        return;
    }
    bool found = !strcmp(s->uri, "/v1/health");
    evbuffer_add_printf(evhttp_request_get_output_buffer(req), "%s",
                        found ? "{\"status\": \"ok\"}\n"
                              : "{\"error\": \"not_found\", \"message\": "
                                "\"no resource here\"}\n");
    evhttp_send_reply(req, found ? 200 : 404, found ? "OK" : "Not Found",
                      NULL);
}

static bool
test_server_start(struct test_server *s, struct event_base *base)
{
    memset(s, 0, sizeof *s);
    s->answer = true;
    s->http = evhttp_new(base);
    evhttp_set_allowed_methods(s->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST
                                        | EVHTTP_REQ_PUT
                                        | EVHTTP_REQ_DELETE);
    evhttp_set_gencb(s->http, test_server_cb, s);
    struct evhttp_bound_socket *bs =
        evhttp_bind_socket_with_handle(s->http, "127.0.0.1", 0);
    if (!bs) {
        return false;
    }
    struct sockaddr_in sin;
    socklen_t len = sizeof sin;
    if (getsockname(evhttp_bound_socket_get_fd(bs), (struct sockaddr *) &sin,
                    &len)) {
        return false;
    }
    s->port = ntohs(sin.sin_port);
    return true;
}

static void
test_http(void)
{
    struct event_base *base = event_base_new();
    struct test_server s;
    CU_ASSERT_FATAL(test_server_start(&s, base));

    char text[64];
    snprintf(text, sizeof text, "http://127.0.0.1:%u", (unsigned) s.port);
    struct url url;
    char *error = NULL;
    CU_ASSERT_FATAL(url_parse(text, &url, &error) == 0);

    /* A request with a body and a token, and its response. */
    static const char body[] = "{\"name\": \"web\"}";
    struct http_request req = {
        .url = &url, .method = "POST", .target = "/v1/health",
        .token = "tok-123", .body = body, .body_len = strlen(body),
        .content_type = "application/json", .timeout_s = 5,
    };
    struct http_response resp;
    CU_ASSERT_EQUAL(http_send(base, &req, &resp, &error), HTTP_ANSWERED);
    CU_ASSERT_EQUAL(resp.status, 200);
    CU_ASSERT_STRING_EQUAL(resp.reason, "OK");
    CU_ASSERT_STRING_EQUAL(resp.body, "{\"status\": \"ok\"}\n");
    CU_ASSERT_EQUAL(resp.body_len, strlen(resp.body));
    CU_ASSERT_STRING_EQUAL(s.method, "POST");
    CU_ASSERT_STRING_EQUAL(s.uri, "/v1/health");
    CU_ASSERT_STRING_EQUAL(s.auth, "Bearer tok-123");
    CU_ASSERT_STRING_EQUAL(s.content_type, "application/json");
    CU_ASSERT_STRING_EQUAL(s.body, body);
    char host[64];
    snprintf(host, sizeof host, "127.0.0.1:%u", (unsigned) s.port);
    CU_ASSERT_STRING_EQUAL(s.host, host);
    http_response_destroy(&resp);

    /* An error status is a response too. */
    req.method = "DELETE";
    req.target = "/v1/nothing?x=%20";
    req.body = NULL;
    req.token = NULL;
    CU_ASSERT_EQUAL(http_send(base, &req, &resp, &error), HTTP_ANSWERED);
    CU_ASSERT_EQUAL(resp.status, 404);
    CU_ASSERT_STRING_EQUAL(s.method, "DELETE");
    CU_ASSERT_STRING_EQUAL(s.uri, "/v1/nothing?x=%20");
    CU_ASSERT_STRING_EQUAL(s.auth, "");
    char *msg = render_error_message(resp.body, resp.body_len, resp.reason);
    CU_ASSERT_STRING_EQUAL(msg, "no resource here");
    free(msg);
    http_response_destroy(&resp);

    /* tenants set FILE --dry-run, as canopyctl sends it: the YAML file
     * converted to JSON, PUT to the target cmdline gives; the refusal's
     * message is the one printed. */
    struct cmdline cl;
    static const char yaml[] = "tenants:\n  - {name: blue, vlan: 5000}\n";
    const char *path = temp_file(yaml, strlen(yaml));
    CU_ASSERT_EQUAL_FATAL(PARSE(&no_env, &cl, &error, "tenants", "set", path,
                                "--dry-run"), CMDLINE_RUN);
    struct ds put_body = DS_EMPTY_INITIALIZER, target = DS_EMPTY_INITIALIZER;
    CU_ASSERT_EQUAL(input_read_settings(cl.file, stdin, &put_body, &error),
                    0);
    unlink(path);
    cmdline_put_target(&cl, &target);
    req.method = cmdline_method(&cl);
    req.target = ds_cstr(&target);
    req.body = put_body.string;
    req.body_len = put_body.length;
    CU_ASSERT_EQUAL(http_send(base, &req, &resp, &error), HTTP_ANSWERED);
    CU_ASSERT_EQUAL(resp.status, 400);
    CU_ASSERT_STRING_EQUAL(s.method, "PUT");
    CU_ASSERT_STRING_EQUAL(s.uri, "/v1/tenants?dry_run=1");
    CU_ASSERT_STRING_EQUAL(s.content_type, "application/json");
    CU_ASSERT_STRING_EQUAL(s.body, "{\"tenants\": [{\"name\": \"blue\", "
                           "\"vlan\": 5000}]}");
    msg = render_error_message(resp.body, resp.body_len, resp.reason);
    CU_ASSERT_STRING_EQUAL(msg, "body:1:24: tenants[0].vlan: 5000 is out of "
                           "range (1 to 4094)");
    free(msg);
    http_response_destroy(&resp);
    ds_destroy(&put_body);
    ds_destroy(&target);
    cmdline_destroy(&cl);
    req.target = "/v1/nothing";   /* Not the freed one. */
    req.body = NULL;
    req.body_len = 0;

    /* plan acls FILE: the same way, to /v1/acls; the refusal's message. */
    static const char acl_yaml[] =
        "lists:\n  fw:\n    rules:\n      - {action: deny, src: "
        "10.0.0.0/33}\n";
    path = temp_file(acl_yaml, strlen(acl_yaml));
    CU_ASSERT_EQUAL_FATAL(PARSE(&no_env, &cl, &error, "plan", "acls", path),
                          CMDLINE_RUN);
    ds_init(&put_body);
    ds_init(&target);
    CU_ASSERT_EQUAL(input_read_settings(cl.file, stdin, &put_body, &error),
                    0);
    unlink(path);
    cmdline_put_target(&cl, &target);
    req.method = cmdline_method(&cl);
    req.target = ds_cstr(&target);
    req.body = put_body.string;
    req.body_len = put_body.length;
    CU_ASSERT_EQUAL(http_send(base, &req, &resp, &error), HTTP_ANSWERED);
    CU_ASSERT_EQUAL(resp.status, 400);
    CU_ASSERT_STRING_EQUAL(s.method, "PUT");
    CU_ASSERT_STRING_EQUAL(s.uri, "/v1/acls?dry_run=1");
    CU_ASSERT_STRING_EQUAL(s.content_type, "application/json");
    CU_ASSERT_STRING_EQUAL(s.body, "{\"lists\": {\"fw\": {\"rules\": "
                           "[{\"action\": \"deny\", \"src\": "
                           "\"10.0.0.0/33\"}]}}}");
    msg = render_error_message(resp.body, resp.body_len, resp.reason);
    CU_ASSERT_STRING_EQUAL(msg, "body:1:44: lists.fw.rules[0].src: prefix "
                           "length 33 out of range for ipv4_src (0..32)");
    free(msg);
    http_response_destroy(&resp);
    ds_destroy(&put_body);
    ds_destroy(&target);
    cmdline_destroy(&cl);
    req.target = "/v1/nothing";   /* Not the freed one. */
    req.body = NULL;
    req.body_len = 0;

    /* policy check: a GET whose query arrives as built; the verdict is
     * read from the answer. */
    CU_ASSERT_EQUAL_FATAL(PARSE(&no_env, &cl, &error, "policy", "check",
                                "--src", "10.8.0.1", "--dst", "10.8.0.2",
                                "--proto", "tcp", "--port", "23", "--in",
                                "1:3"),
                          CMDLINE_RUN);
    ds_init(&target);
    cmdline_put_target(&cl, &target);
    req.method = cmdline_method(&cl);
    req.target = ds_cstr(&target);
    CU_ASSERT_EQUAL(http_send(base, &req, &resp, &error), HTTP_ANSWERED);
    CU_ASSERT_EQUAL(resp.status, 200);
    CU_ASSERT_STRING_EQUAL(s.method, "GET");
    CU_ASSERT_STRING_EQUAL(s.uri, "/v1/policy/check?src=10.8.0.1&dst=10.8.0.2"
                           "&proto=tcp&port=23&in=0000000000000001%3A3");
    CU_ASSERT_STRING_EQUAL(s.body, "");
    bool allowed = true;
    CU_ASSERT_EQUAL(render_check_allowed(resp.body, resp.body_len,
                                         &allowed), 0);
    CU_ASSERT_FALSE(allowed);
    struct ds out = DS_EMPTY_INITIALIZER;
    CU_ASSERT_EQUAL(render_response(&cl, resp.body, resp.body_len, &out,
                                    &error), 0);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&out), "denied\n"
                           "kind    acl\n"
                           "action  deny\n"
                           "list    fw\n"
                           "rule    0\n"
                           "where   api:1:58\n");
    ds_destroy(&out);
    http_response_destroy(&resp);
    ds_destroy(&target);
    cmdline_destroy(&cl);
    req.target = "/v1/nothing";   /* Not the freed one. */

    /* A server that never answers: our deadline. */
    s.answer = false;
    req.method = "GET";
    req.timeout_s = 1;
    CU_ASSERT_EQUAL(http_send(base, &req, &resp, &error), HTTP_UNREACHABLE);
    UNIT_ASSERT_CONTAINS(error, "cannot reach http://127.0.0.1:");
    UNIT_ASSERT_CONTAINS(error, "no answer within 1 s");
    free(error);
    evhttp_free(s.http);

    /* Nobody listening: a socket bound and not listening refuses. */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = { .sin_family = AF_INET,
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof sin;
    CU_ASSERT_FATAL(fd >= 0
                    && !bind(fd, (struct sockaddr *) &sin, sizeof sin)
                    && !getsockname(fd, (struct sockaddr *) &sin, &len));
    url.port = ntohs(sin.sin_port);
    req.timeout_s = 5;
    CU_ASSERT_EQUAL(http_send(base, &req, &resp, &error), HTTP_UNREACHABLE);
    UNIT_ASSERT_CONTAINS(error, "Connection refused");
    free(error);
    close(fd);

    /* https with a CA file that does not exist: nothing is sent. */
    url.tls = true;
    req.cacert = "/nonexistent/ca.pem";
    CU_ASSERT_EQUAL(http_send(base, &req, &resp, &error), HTTP_LOCAL_ERROR);
    UNIT_ASSERT_CONTAINS(error, "--cacert /nonexistent/ca.pem: No such");
    free(error);

    CU_ASSERT_EQUAL(http_method_from_name("PATCH"), 0);
    url_destroy(&url);
    event_base_free(base);
}

void test_canopyctl_register(void);

void
test_canopyctl_register(void)
{
    static const CU_TestInfo tests[] = {
        { "command line: requests", test_cmdline_requests },
        { "command line: options and environment", test_cmdline_options },
        { "command line: usage errors", test_cmdline_errors },
        { "URLs and percent-encoding", test_url },
        { "tables", test_table },
        { "strict JSON", test_jsonread },
        { "token files", test_input_token },
        { "flow bodies", test_input_body },
        { "settings files", test_input_settings },
        { "health and switches", test_render_health_switches },
        { "ports", test_render_ports },
        { "flows", test_render_flows },
        { "flow-add, flow-del, apps, reload, metrics", test_render_other },
        { "tenants, tenants set, plan tenants", test_render_tenants },
        { "acls, acls counters", test_render_acls },
        { "acls set, plan acls", test_render_acls_set },
        { "policy check", test_render_policy_check },
        { "plan config", test_render_plan_config },
        { "error messages", test_error_message },
        { "HTTP exchanges", test_http },
        CU_TEST_INFO_NULL,
    };
    unit_add_suite("canopyctl", tests);
}
