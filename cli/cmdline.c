/* canopyctl's command line: see cmdline.h. */
#include <config.h>

#include "cli/cmdline.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

/* The positional arguments kept: a command takes at most 4 (a two-word
 * name and two arguments), and one more is enough to name the first
 * unexpected one. */
#define CMDLINE_MAX_POSITIONAL 5

/* Options.  The global ones apply to every command; the others name the
 * commands that take them. */
enum cmdline_opt {
    OPT_URL,
    OPT_TOKEN_FILE,
    OPT_CACERT,
    OPT_CERT,
    OPT_KEY,
    OPT_TIMEOUT,
    OPT_JSON,
    OPT_HELP,
    OPT_VERSION,
    OPT_TABLE,
    OPT_COOKIE,
    OPT_APP,
    OPT_ALL,
    OPT_DRY_RUN,
    OPT_SRC,
    OPT_DST,
    OPT_PROTO,
    OPT_PORT,
    OPT_TENANT,
    OPT_IN,
    OPT_SRC_MAC,
    OPT_DST_TENANT,
    OPT_TO,
    OPT_DST_MAC,
};

struct cmdline_option {
    enum cmdline_opt id;
    const char *name;           /* Long name, without "--". */
    char short_name;            /* 0 if none. */
    bool has_arg;
    unsigned int commands;      /* 0: global; else CMD() of each command
                                 * that takes it. */
};

#define CMD(C) (1u << (C))
_Static_assert(CTL_N_CMDS <= 32, "cmdline_option.commands is 32 bits");

static const struct cmdline_option cmdline_options[] = {
    { OPT_URL, "url", 0, true, 0 },
    { OPT_TOKEN_FILE, "token-file", 0, true, 0 },
    { OPT_CACERT, "cacert", 0, true, 0 },
    { OPT_CERT, "cert", 0, true, 0 },
    { OPT_KEY, "key", 0, true, 0 },
    { OPT_TIMEOUT, "timeout", 0, true, 0 },
    { OPT_JSON, "json", 0, false, 0 },
    { OPT_HELP, "help", 'h', false, 0 },
    { OPT_VERSION, "version", 'V', false, 0 },
    { OPT_TABLE, "table", 0, true, CMD(CTL_FLOWS) },
    { OPT_COOKIE, "cookie", 0, true, CMD(CTL_FLOWS) },
    { OPT_APP, "app", 0, true, CMD(CTL_FLOWS) },
    { OPT_ALL, "all", 0, false, CMD(CTL_FLOW_DEL) },
    { OPT_DRY_RUN, "dry-run", 0, false,
      CMD(CTL_TENANTS_SET) | CMD(CTL_PLAN_TENANTS) | CMD(CTL_ACLS_SET)
      | CMD(CTL_PLAN_ACLS) },
    { OPT_SRC, "src", 0, true, CMD(CTL_POLICY_CHECK) },
    { OPT_DST, "dst", 0, true, CMD(CTL_POLICY_CHECK) },
    { OPT_PROTO, "proto", 0, true, CMD(CTL_POLICY_CHECK) },
    { OPT_PORT, "port", 0, true, CMD(CTL_POLICY_CHECK) },
    { OPT_TENANT, "tenant", 0, true, CMD(CTL_POLICY_CHECK) },
    { OPT_IN, "in", 0, true, CMD(CTL_POLICY_CHECK) },
    { OPT_SRC_MAC, "src-mac", 0, true, CMD(CTL_POLICY_CHECK) },
    { OPT_DST_TENANT, "dst-tenant", 0, true, CMD(CTL_POLICY_CHECK) },
    { OPT_TO, "to", 0, true, CMD(CTL_POLICY_CHECK) },
    { OPT_DST_MAC, "dst-mac", 0, true, CMD(CTL_POLICY_CHECK) },
};

/* Commands, indexed by enum ctl_cmd.  Positional arguments follow the
 * name: DPID first for the commands that take one. */
struct cmdline_command {
    const char *name;           /* One word, or two separated by a space. */
    const char *method;
    int min_args, max_args;     /* At most 2 (CMDLINE_MAX_POSITIONAL). */
    const char *args;           /* For --help. */
    const char *help;
};

static const struct cmdline_command cmdline_commands[CTL_N_CMDS] = {
    [CTL_HEALTH] = { "health", "GET", 0, 0, "",
                     "the daemon's status, switch count and uptime" },
    [CTL_SWITCHES] = { "switches", "GET", 0, 0, "",
                       "connected switches, one line each" },
    [CTL_SWITCH] = { "switch", "GET", 1, 1, " DPID",
                     "one switch in detail, counters included" },
    [CTL_PORTS] = { "ports", "GET", 1, 1, " DPID",
                    "a switch's ports, state and counters" },
    [CTL_FLOWS] = { "flows", "GET", 1, 1,
                    " DPID [--table N] [--cookie VALUE[/MASK]] [--app NAME]",
                    "a switch's flows, read from the switch" },
    [CTL_FLOW_ADD] = { "flow-add", "POST", 2, 2, " DPID BODY",
                       "add a static flow; BODY is JSON text, @FILE, or -\n"
                       "for standard input" },
    [CTL_FLOW_DEL] = { "flow-del", "DELETE", 1, 2, " DPID NAME|--all",
                       "delete the static flow NAME, or all static flows" },
    [CTL_APPS] = { "apps", "GET", 0, 0, "",
                   "loaded apps, in the order they run, with counters" },
    [CTL_RELOAD] = { "reload", "POST", 0, 0, "",
                     "reload the configuration (applied only if valid)" },
    [CTL_METRICS] = { "metrics", "GET", 0, 0, "",
                      "Prometheus metrics, printed as they come" },
    [CTL_TOPOLOGY] = { "topology", "GET", 0, 0, "",
                       "switches and the links between them, with weights" },
    [CTL_HOSTS] = { "hosts", "GET", 0, 0, "",
                    "where each host is, with the addresses it used" },
    [CTL_PATH] = { "path", "GET", 2, 2, " SRC DST",
                   "the shortest path between two hosts (MAC or IPv4\n"
                   "address) or switches (datapath id)" },
    [CTL_TENANTS] = { "tenants", "GET", 0, 0, "",
                      "tenants in force: VLAN, members, default" },
    [CTL_TENANTS_SET] = { "tenants set", "PUT", 1, 1, " FILE [--dry-run]",
                          "replace the tenants with FILE's (the tenant app's\n"
                          "settings, YAML or JSON; - for standard input);\n"
                          "--dry-run: show the flow changes, make none" },
    [CTL_PLAN_TENANTS] = { "plan tenants", "PUT", 1, 1, " FILE",
                           "the same as tenants set FILE --dry-run" },
    [CTL_ACLS] = { "acls", "GET", 0, 0, "",
                   "the ACL policy in force: rules, hit counters, where\n"
                   "it applies, per-switch status" },
    [CTL_ACLS_COUNTERS] = { "acls counters", "GET", 0, 0, "",
                            "the ACL rules' hit counters alone" },
    [CTL_ACLS_SET] = { "acls set", "PUT", 1, 1, " FILE [--dry-run]",
                       "replace the ACL policy with FILE's (the acl app's\n"
                       "settings, YAML or JSON; - for standard input);\n"
                       "--dry-run: show the flow changes, make none" },
    [CTL_PLAN_ACLS] = { "plan acls", "PUT", 1, 1, " FILE",
                        "the same as acls set FILE --dry-run" },
    [CTL_POLICY_CHECK] = { "policy check", "GET", 0, 0,
                           " --src IP --dst IP [--proto P] [--port N]\n"
                           "      [--tenant NAME] [--in DPID:PORT] "
                           "[--src-mac MAC]\n"
                           "      [--dst-tenant NAME] [--to DPID:PORT] "
                           "[--dst-mac MAC]",
                           "what the ACL policy does with such a packet, and\n"
                           "what decides it (exit status 0 allowed, 4 "
                           "denied)" },
    [CTL_PLAN_CONFIG] = { "plan config", "POST", 0, 0, "",
                          "what a reload of the config file would change,\n"
                          "flow by flow; nothing changes" },
};

static enum cmdline_result
cmdline_fail(char **error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum cmdline_result
cmdline_fail(char **error, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    *error = ds_steal(&ds);
    return CMDLINE_ERROR;
}

const char *
cmdline_command_name(enum ctl_cmd cmd)
{
    return (unsigned int) cmd < CTL_N_CMDS ? cmdline_commands[cmd].name : "?";
}

/* Finds the command named by the first of the 'n' positional arguments
 * 'args', or the first two for a two-word name (the longer name wins).
 * Sets '*n_words' to the number of arguments the name takes. */
static int
cmdline_find_command(const char *const args[], size_t n, size_t *n_words)
{
    int one_word = -1;
    for (int i = 0; i < CTL_N_CMDS; i++) {
        const char *name = cmdline_commands[i].name;
        const char *space = strchr(name, ' ');
        if (!space) {
            if (!strcmp(name, args[0])) {
                one_word = i;
            }
        } else if (n >= 2 && strlen(args[0]) == (size_t) (space - name)
                   && !strncmp(name, args[0], (size_t) (space - name))
                   && !strcmp(space + 1, args[1])) {
            *n_words = 2;
            return i;
        }
    }
    *n_words = 1;
    return one_word;
}

/* Appends "the X command" or "the X and Y commands" for the commands in
 * 'mask'. */
static void
cmdline_put_commands(struct ds *ds, unsigned int mask)
{
    int n = 0, total = __builtin_popcount(mask);
    ds_put_cstr(ds, "the ");
    for (int i = 0; i < CTL_N_CMDS; i++) {
        if (mask & CMD(i)) {
            n++;
            ds_put_format(ds, "%s%s", n == 1 ? "" : n == total ? " and "
                                                   : ", ",
                          cmdline_commands[i].name);
        }
    }
    ds_put_cstr(ds, total > 1 ? " commands" : " command");
}

/* Finds the option 'arg' ("--name", "--name=value" or "-x"); '*value' is
 * set to the text after '=' if any. */
static const struct cmdline_option *
cmdline_find_option(const char *arg, const char **value)
{
    *value = NULL;
    for (size_t i = 0; i < sizeof cmdline_options / sizeof *cmdline_options;
         i++) {
        const struct cmdline_option *o = &cmdline_options[i];
        if (arg[1] != '-') {
            if (o->short_name && arg[1] == o->short_name && !arg[2]) {
                return o;
            }
            continue;
        }
        size_t n = strlen(o->name);
        if (!strncmp(arg + 2, o->name, n)
            && (arg[2 + n] == '\0' || arg[2 + n] == '=')) {
            *value = arg[2 + n] == '=' ? arg + 3 + n : NULL;
            return o;
        }
    }
    return NULL;
}

/* Normalizes a datapath id: up to 16 hex digits, optionally with a "0x"
 * prefix or ':' between bytes (as ovs-ofctl prints them), into 16
 * lowercase digits.  Returns false if 'text' is not one. */
static bool
cmdline_parse_dpid(const char *text, char dpid[17])
{
    char digits[17];
    size_t n = 0;
    const char *p = text;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
    }
    if (!*p) {
        return false;
    }
    for (; *p; p++) {
        if (*p == ':') {
            continue;
        }
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')
              || (*p >= 'A' && *p <= 'F')) || n >= 16) {
            return false;
        }
        digits[n++] = (char) (*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p);
    }
    if (!n) {
        return false;
    }
    memset(dpid, '0', 16 - n);
    memcpy(dpid + 16 - n, digits, n);
    dpid[16] = '\0';
    return true;
}

/* Parses a whole unsigned number, decimal or 0x-hex, into '*out'. */
static bool
cmdline_parse_u64(const char *s, int base, unsigned long long *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+' || *s == ' ') {
        return false;
    }
    errno = 0;
    *out = strtoull(s, &end, base);
    return !errno && !*end;
}

/* "VALUE" or "VALUE/MASK", each a 64-bit number. */
static bool
cmdline_valid_cookie(const char *s)
{
    const char *slash = strchr(s, '/');
    unsigned long long v;
    if (!slash) {
        return cmdline_parse_u64(s, 0, &v);
    }
    size_t n = (size_t) (slash - s);
    char value[32];
    if (!n || n >= sizeof value) {
        return false;
    }
    memcpy(value, s, n);
    value[n] = '\0';
    return cmdline_parse_u64(value, 0, &v) && cmdline_parse_u64(slash + 1, 0,
                                                                &v);
}

/* 1 to 2 hex digits, six times, separated by ':'. */
static bool
cmdline_valid_mac(const char *s)
{
    for (int i = 0; i < 6; i++) {
        int n = 0;
        while (n < 3 && ((s[n] >= '0' && s[n] <= '9')
                         || (s[n] >= 'a' && s[n] <= 'f')
                         || (s[n] >= 'A' && s[n] <= 'F'))) {
            n++;
        }
        if (n < 1 || n > 2 || s[n] != (i < 5 ? ':' : '\0')) {
            return false;
        }
        s += n + 1;
    }
    return true;
}

/* The address family of 'text', an IPv4 or IPv6 address; 0 if neither. */
static int
cmdline_ip_family(const char *text)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, text, buf) == 1 ? AF_INET
           : inet_pton(AF_INET6, text, buf) == 1 ? AF_INET6 : 0;
}

/* Reads policy check's --OPT DPID:PORT, 'text' (NULL: not given), into
 * 'out' as "DPID:PORT" with a 16-digit DPID ("" if not given).  Returns 0,
 * or -1 with '*error'. */
static int
cmdline_parse_where(const char *opt, const char *text, char out[32],
                    char **error)
{
    out[0] = '\0';
    if (!text) {
        return 0;
    }
    /* The DPID may itself hold ':' (00:00:...:01:3). */
    const char *colon = strrchr(text, ':');
    char dpid_text[64], dpid[17];
    size_t n = colon ? (size_t) (colon - text) : 0;
    unsigned long long v;
    if (!colon || !n || n >= sizeof dpid_text
        || !cmdline_parse_u64(colon + 1, 10, &v) || v < 1 || v > 0xffffff00) {
        cmdline_fail(error, "--%s: expected DPID:PORT (a datapath id and a "
                     "port number from 1 to 4294967040), got '%s'", opt,
                     text);
        return -1;
    }
    memcpy(dpid_text, text, n);
    dpid_text[n] = '\0';
    if (!cmdline_parse_dpid(dpid_text, dpid)) {
        cmdline_fail(error, "--%s: invalid datapath id '%s' (expected up to "
                     "16 hex digits, e.g. 0000000000000001)", opt,
                     dpid_text);
        return -1;
    }
    snprintf(out, 32, "%s:%llu", dpid, v);
    return 0;
}

/* Checks policy check's options (NULL: not given) and fills 'cl->check'
 * but for 'in' and 'to' (cmdline_parse_where()); 'cl->check' already
 * holds the tenants and MACs.  Returns 0, or -1 with '*error'.  The server
 * checks them again; these checks catch mistakes before anything is
 * sent. */
static int
cmdline_parse_check(const char *src, const char *dst, const char *proto,
                    const char *port, struct cmdline *cl, char **error)
{
    static const char *const protos[] = { "tcp", "udp", "icmp", "icmpv6" };
    unsigned long long v;
    if (!src || !dst) {
        cmdline_fail(error, "policy check: --src and --dst are required "
                     "(the packet's IP addresses)");
        return -1;
    }
    int family = cmdline_ip_family(src);
    if (!family || cmdline_ip_family(dst) != family) {
        cmdline_fail(error, "policy check: --src and --dst must be IPv4 or "
                     "IPv6 addresses of one family, got '%s' and '%s'", src,
                     dst);
        return -1;
    }
    bool tcp_udp = false;
    if (proto) {
        bool known = false;
        for (size_t i = 0; i < sizeof protos / sizeof *protos; i++) {
            known = known || !strcmp(proto, protos[i]);
        }
        if (!known && (!cmdline_parse_u64(proto, 10, &v) || v > 255)) {
            cmdline_fail(error, "--proto: expected tcp, udp, icmp, icmpv6 or "
                         "a protocol number from 0 to 255, got '%s'", proto);
            return -1;
        }
        tcp_udp = !strcmp(proto, "tcp") || !strcmp(proto, "udp")
                  || (!known && (v == 6 || v == 17));
    }
    if (port) {
        if (!tcp_udp) {
            cmdline_fail(error, "--port needs --proto tcp or udp");
            return -1;
        }
        if (!cmdline_parse_u64(port, 10, &v) || v < 1 || v > 65535) {
            cmdline_fail(error, "--port: expected a port number from 1 to "
                         "65535, got '%s'", port);
            return -1;
        }
    }
    const char *const tenants[][2] = {
        { "tenant", cl->check.tenant }, { "dst-tenant", cl->check.dst_tenant },
    };
    for (size_t i = 0; i < 2; i++) {
        if (tenants[i][1] && !*tenants[i][1]) {
            cmdline_fail(error, "--%s: expected a tenant name",
                         tenants[i][0]);
            return -1;
        }
    }
    const char *const macs[][2] = {
        { "src-mac", cl->check.src_mac }, { "dst-mac", cl->check.dst_mac },
    };
    for (size_t i = 0; i < 2; i++) {
        if (macs[i][1] && !cmdline_valid_mac(macs[i][1])) {
            cmdline_fail(error, "--%s: expected a MAC address such as "
                         "0a:00:00:00:00:01, got '%s'", macs[i][0],
                         macs[i][1]);
            return -1;
        }
    }
    cl->check.src = src;
    cl->check.dst = dst;
    cl->check.proto = proto;
    cl->check.port = port;
    return 0;
}

static const char *
cmdline_env_value(const char *v)
{
    return v && *v ? v : NULL;
}

enum cmdline_result
cmdline_parse(int argc, char *const argv[], const struct cmdline_env *env,
              struct cmdline *cl, char **error)
{
    const char *given[sizeof cmdline_options / sizeof *cmdline_options];
    const char *pos[CMDLINE_MAX_POSITIONAL];
    size_t n_pos = 0;
    bool options_done = false;

    memset(cl, 0, sizeof *cl);
    memset(given, 0, sizeof given);
    *error = NULL;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || !arg[1]) {
            /* "-" alone is an argument: standard input. */
            if (n_pos < CMDLINE_MAX_POSITIONAL) {
                pos[n_pos++] = arg;
            }
            continue;
        }
        if (!strcmp(arg, "--")) {
            options_done = true;
            continue;
        }
        const char *value;
        const struct cmdline_option *o = cmdline_find_option(arg, &value);
        if (!o) {
            return cmdline_fail(error, "unknown option '%s'", arg);
        }
        if (o->id == OPT_HELP) {
            return CMDLINE_HELP;
        }
        if (o->id == OPT_VERSION) {
            return CMDLINE_VERSION;
        }
        if (o->has_arg && !value) {
            if (i + 1 >= argc) {
                return cmdline_fail(error, "option --%s needs a value",
                                    o->name);
            }
            value = argv[++i];
        } else if (!o->has_arg && value) {
            return cmdline_fail(error, "option --%s takes no value", o->name);
        }
        given[o - cmdline_options] = value ? value : "";
    }
    if (!n_pos) {
        return cmdline_fail(error, "no command given");
    }
    size_t n_words;
    int cmd = cmdline_find_command(pos, n_pos, &n_words);
    if (cmd < 0) {
        /* "plan" alone, or "plan foo": say what may follow. */
        struct ds ds = DS_EMPTY_INITIALIZER;
        size_t len = strlen(pos[0]);
        for (int i = 0; i < CTL_N_CMDS; i++) {
            const char *name = cmdline_commands[i].name;
            if (!strncmp(name, pos[0], len) && name[len] == ' ') {
                ds_put_format(&ds, "%s'%s'", ds.length ? ", " : "", name);
            }
        }
        if (ds.length) {
            cmdline_fail(error, "unknown command '%s%s%s' (expected %s)",
                         pos[0], n_pos > 1 ? " " : "",
                         n_pos > 1 ? pos[1] : "", ds_cstr(&ds));
        } else {
            cmdline_fail(error, "unknown command '%s'", pos[0]);
        }
        ds_destroy(&ds);
        return CMDLINE_ERROR;
    }
    const struct cmdline_command *c = &cmdline_commands[cmd];
    const char *const *args = pos + n_words;
    size_t n_args = n_pos - n_words;
    if (n_args > (size_t) c->max_args) {
        return cmdline_fail(error, "%s: unexpected argument '%s'", c->name,
                            args[c->max_args]);
    }

    cl->cmd = (enum ctl_cmd) cmd;
    for (size_t i = 0; i < sizeof cmdline_options / sizeof *cmdline_options;
         i++) {
        const struct cmdline_option *o = &cmdline_options[i];
        if (given[i] && o->commands && !(o->commands & CMD(cmd))) {
            struct ds ds = DS_EMPTY_INITIALIZER;
            cmdline_put_commands(&ds, o->commands);
            cmdline_fail(error, "option --%s is for %s, not %s", o->name,
                         ds_cstr(&ds), c->name);
            ds_destroy(&ds);
            return CMDLINE_ERROR;
        }
    }
    if (cmd == CTL_FLOW_DEL && n_args == 1 && !given[OPT_ALL]) {
        return cmdline_fail(error, "flow-del: name the flow to delete, or "
                            "give --all to delete every static flow");
    }
    if (cmd == CTL_FLOW_DEL && n_args == 2 && given[OPT_ALL]) {
        return cmdline_fail(error, "flow-del: give a flow name or --all, "
                            "not both");
    }
    if ((int) n_args < c->min_args) {
        return cmdline_fail(error, "%s: expected arguments:%s", c->name,
                            c->args);
    }

    /* Positional arguments. */
    if (cmd == CTL_PATH) {
        cl->path_src = args[0];
        cl->path_dst = args[1];
    } else if (cmd == CTL_TENANTS_SET || cmd == CTL_PLAN_TENANTS
               || cmd == CTL_ACLS_SET || cmd == CTL_PLAN_ACLS) {
        cl->file = args[0];
        if (!*cl->file) {
            return cmdline_fail(error, "%s: expected a file name", c->name);
        }
        cl->dry_run = cmd == CTL_PLAN_TENANTS || cmd == CTL_PLAN_ACLS
                      || given[OPT_DRY_RUN];
        cl->cmd = cmd == CTL_PLAN_TENANTS ? CTL_TENANTS_SET
                  : cmd == CTL_PLAN_ACLS ? CTL_ACLS_SET : (enum ctl_cmd) cmd;
    } else if (c->min_args >= 1 && !cmdline_parse_dpid(args[0], cl->dpid)) {
        return cmdline_fail(error, "%s: invalid datapath id '%s' (expected "
                            "up to 16 hex digits, e.g. 0000000000000001)",
                            c->name, args[0]);
    }
    if (cmd == CTL_FLOW_ADD) {
        cl->body = args[1];
    }
    if (cmd == CTL_FLOW_DEL && n_args == 2) {
        cl->name = args[1];
        if (!*cl->name || !strcmp(cl->name, ".")
            || !strcmp(cl->name, "..")) {
            return cmdline_fail(error, "flow-del: invalid flow name '%s'",
                                cl->name);
        }
    }
    cl->all = given[OPT_ALL] != NULL;
    if (cmd == CTL_POLICY_CHECK) {
        cl->check.tenant = given[OPT_TENANT];
        cl->check.dst_tenant = given[OPT_DST_TENANT];
        cl->check.src_mac = given[OPT_SRC_MAC];
        cl->check.dst_mac = given[OPT_DST_MAC];
        if (cmdline_parse_check(given[OPT_SRC], given[OPT_DST],
                                given[OPT_PROTO], given[OPT_PORT], cl, error)
            || cmdline_parse_where("in", given[OPT_IN], cl->check.in, error)
            || cmdline_parse_where("to", given[OPT_TO], cl->check.to,
                                   error)) {
            return CMDLINE_ERROR;
        }
    }

    /* flows filters. */
    unsigned long long v;
    cl->table = given[OPT_TABLE];
    if (cl->table && (!cmdline_parse_u64(cl->table, 10, &v) || v > 254)) {
        return cmdline_fail(error, "--table: expected a table number from 0 "
                            "to 254, got '%s'", cl->table);
    }
    cl->cookie = given[OPT_COOKIE];
    if (cl->cookie && !cmdline_valid_cookie(cl->cookie)) {
        return cmdline_fail(error, "--cookie: expected VALUE or VALUE/MASK, "
                            "64-bit numbers in decimal or 0x hex, got '%s'",
                            cl->cookie);
    }
    cl->app = given[OPT_APP];
    if (cl->app && !*cl->app) {
        return cmdline_fail(error, "--app: expected an app name");
    }

    /* Global options. */
    cl->json = given[OPT_JSON] != NULL;
    cl->timeout_s = CMDLINE_DEFAULT_TIMEOUT;
    if (given[OPT_TIMEOUT]) {
        if (!cmdline_parse_u64(given[OPT_TIMEOUT], 10, &v) || v < 1
            || v > 86400) {
            return cmdline_fail(error, "--timeout: expected a number of "
                                "seconds from 1 to 86400, got '%s'",
                                given[OPT_TIMEOUT]);
        }
        cl->timeout_s = (unsigned int) v;
    }
    cl->cacert = given[OPT_CACERT];
    if (cl->cacert && !*cl->cacert) {
        return cmdline_fail(error, "--cacert: expected a file name");
    }
    cl->cert = given[OPT_CERT];
    cl->key = given[OPT_KEY];
    if ((cl->cert && !*cl->cert) || (cl->key && !*cl->key)) {
        return cmdline_fail(error, "--%s: expected a file name",
                            cl->cert && !*cl->cert ? "cert" : "key");
    }
    if (cl->key && !cl->cert) {
        return cmdline_fail(error, "--key needs --cert");
    }
    if (cl->cert && !cl->key) {
        cl->key = cl->cert;     /* One PEM file may hold both. */
    }
    cl->token_file = given[OPT_TOKEN_FILE];
    if (cl->token_file && !*cl->token_file) {
        return cmdline_fail(error, "--token-file: expected a file name");
    }
    if (!cl->token_file) {
        cl->token_file = cmdline_env_value(env->token_file);
    }
    if (!cl->token_file) {
        cl->token = cmdline_env_value(env->token);
    }

    const char *url = given[OPT_URL];
    if (!url) {
        url = cmdline_env_value(env->url);
    }
    if (!url) {
        url = CMDLINE_DEFAULT_URL;
    }
    char *url_error;
    if (url_parse(url, &cl->url, &url_error)) {
        *error = url_error;
        return CMDLINE_ERROR;
    }
    return CMDLINE_RUN;
}

void
cmdline_destroy(struct cmdline *cl)
{
    if (cl) {
        url_destroy(&cl->url);
    }
}

const char *
cmdline_method(const struct cmdline *cl)
{
    return cmdline_commands[cl->cmd].method;
}

void
cmdline_put_target(const struct cmdline *cl, struct ds *ds)
{
    ds_put_cstr(ds, cl->url.prefix);
    switch (cl->cmd) {
    case CTL_HEALTH:
        ds_put_cstr(ds, "/v1/health");
        break;
    case CTL_SWITCHES:
        ds_put_cstr(ds, "/v1/switches");
        break;
    case CTL_SWITCH:
        ds_put_format(ds, "/v1/switches/%s", cl->dpid);
        break;
    case CTL_PORTS:
        ds_put_format(ds, "/v1/switches/%s/ports", cl->dpid);
        break;
    case CTL_FLOWS:
        ds_put_format(ds, "/v1/switches/%s/flows", cl->dpid);
        if (cl->table) {
            url_put_query(ds, "table", cl->table);
        }
        if (cl->cookie) {
            url_put_query(ds, "cookie", cl->cookie);
        }
        if (cl->app) {
            url_put_query(ds, "app", cl->app);
        }
        break;
    case CTL_FLOW_ADD:
        ds_put_format(ds, "/v1/switches/%s/flows", cl->dpid);
        break;
    case CTL_FLOW_DEL:
        ds_put_format(ds, "/v1/switches/%s/flows", cl->dpid);
        if (cl->name) {
            ds_put_char(ds, '/');
            url_put_encoded(ds, cl->name);
        }
        break;
    case CTL_APPS:
        ds_put_cstr(ds, "/v1/apps");
        break;
    case CTL_RELOAD:
        ds_put_cstr(ds, "/v1/config/reload");
        break;
    case CTL_METRICS:
        ds_put_cstr(ds, "/metrics");
        break;
    case CTL_TOPOLOGY:
        ds_put_cstr(ds, "/v1/topology");
        break;
    case CTL_HOSTS:
        ds_put_cstr(ds, "/v1/hosts");
        break;
    case CTL_PATH:
        ds_put_cstr(ds, "/v1/paths");
        url_put_query(ds, "src", cl->path_src);
        url_put_query(ds, "dst", cl->path_dst);
        break;
    case CTL_TENANTS:
    case CTL_TENANTS_SET:
    case CTL_PLAN_TENANTS:
        ds_put_cstr(ds, "/v1/tenants");
        if (cl->dry_run) {
            url_put_query(ds, "dry_run", "1");
        }
        break;
    case CTL_ACLS:
    case CTL_ACLS_SET:
    case CTL_PLAN_ACLS:
        ds_put_cstr(ds, "/v1/acls");
        if (cl->dry_run) {
            url_put_query(ds, "dry_run", "1");
        }
        break;
    case CTL_ACLS_COUNTERS:
        ds_put_cstr(ds, "/v1/acls/counters");
        break;
    case CTL_POLICY_CHECK: {
        const char *const params[][2] = {
            { "src", cl->check.src }, { "dst", cl->check.dst },
            { "proto", cl->check.proto }, { "port", cl->check.port },
            { "tenant", cl->check.tenant },
            { "in", cl->check.in[0] ? cl->check.in : NULL },
            { "src_mac", cl->check.src_mac },
            { "dst_tenant", cl->check.dst_tenant },
            { "to", cl->check.to[0] ? cl->check.to : NULL },
            { "dst_mac", cl->check.dst_mac },
        };
        ds_put_cstr(ds, "/v1/policy/check");
        for (size_t i = 0; i < sizeof params / sizeof *params; i++) {
            if (params[i][1]) {
                url_put_query(ds, params[i][0], params[i][1]);
            }
        }
        break;
    }
    case CTL_PLAN_CONFIG:
        ds_put_cstr(ds, "/v1/config/reload");
        url_put_query(ds, "dry_run", "1");
        break;
    case CTL_N_CMDS:
    default:
        break;
    }
}

void
cmdline_usage(struct ds *ds)
{
    ds_put_cstr(ds,
                "Usage: canopyctl [OPTIONS] COMMAND [ARGS]\n"
                "Client of canopyd's admin API.\n\n"
                "Commands:\n");
    for (int i = 0; i < CTL_N_CMDS; i++) {
        const struct cmdline_command *c = &cmdline_commands[i];
        int n = (int) (strlen(c->name) + strlen(c->args));
        ds_put_format(ds, "  %s%s", c->name, c->args);
        const char *help = c->help;
        bool first = true;
        /* Help texts may hold several lines; all go in the second
         * column, which starts at column 26. */
        while (*help) {
            size_t len = strcspn(help, "\n");
            if (first && n <= 22) {
                ds_put_format(ds, "%*s", 24 - n, "");
            } else {
                ds_put_format(ds, "\n%26s", "");
            }
            ds_put_format(ds, "%.*s", (int) len, help);
            help += len + (help[len] == '\n');
            first = false;
        }
        ds_put_char(ds, '\n');
    }
    ds_put_format(ds,
                  "\nOptions:\n"
                  "  --url URL            the API's base URL (default: "
                  "$CANOPY_URL,\n"
                  "                       else %s)\n"
                  "  --token-file FILE    read the bearer token from FILE "
                  "(default:\n"
                  "                       $CANOPY_TOKEN_FILE, else the "
                  "token in\n"
                  "                       $CANOPY_TOKEN, else none)\n"
                  "  --cacert FILE        CA certificates (PEM) for https "
                  "URLs (default:\n"
                  "                       the system's)\n"
                  "  --cert FILE          client certificate (PEM) for an "
                  "https API that\n"
                  "                       asks for one\n"
                  "  --key FILE           its private key (PEM; default: "
                  "in the --cert file)\n"
                  "  --timeout SECONDS    give up after SECONDS (default "
                  "%d)\n"
                  "  --json               print the server's JSON as it "
                  "comes\n"
                  "  -h, --help           print this help and exit\n"
                  "  -V, --version        print the version and exit\n\n"
                  "Exit status: 0 success; 1 the server answered with an "
                  "error; 2 usage\n"
                  "error (nothing was sent); 3 the server could not be "
                  "reached;\n"
                  "4 policy check: the policy denies the packet.\n",
                  CMDLINE_DEFAULT_URL, CMDLINE_DEFAULT_TIMEOUT);
}
