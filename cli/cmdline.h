/* canopyctl's command line: options and a command, parsed into a 'struct
 * cmdline' that says which request to send and how.  Pure code: no I/O
 * (the environment is passed in), so every rule can be unit-tested.
 *
 * Options may come before or after the command; "--" ends them.  An
 * option's value is the next argument or follows '=' (--timeout=5).  The
 * command's own options (--table, --cookie, --app, --all, --dry-run, and
 * policy check's --src, --dst, ...) are refused for other commands.
 *
 * A command's name may be two words ("tenants set FILE", "plan tenants
 * FILE"): the first positional arguments are matched against the longest
 * name first.  "plan tenants FILE" is another way to write "tenants set
 * FILE --dry-run" and parses into the same 'struct cmdline'; so is "plan
 * acls FILE" for "acls set FILE --dry-run". */
#ifndef CLI_CMDLINE_H
#define CLI_CMDLINE_H 1

#include <stdbool.h>

#include "cli/url.h"

struct ds;

enum ctl_cmd {
    CTL_HEALTH,
    CTL_SWITCHES,
    CTL_SWITCH,
    CTL_PORTS,
    CTL_FLOWS,
    CTL_FLOW_ADD,
    CTL_FLOW_DEL,
    CTL_APPS,
    CTL_RELOAD,
    CTL_METRICS,
    CTL_TOPOLOGY,
    CTL_HOSTS,
    CTL_PATH,
    CTL_TENANTS,
    CTL_TENANTS_SET,
    CTL_PLAN_TENANTS,           /* Parsed as CTL_TENANTS_SET, dry_run. */
    CTL_ACLS,
    CTL_ACLS_COUNTERS,
    CTL_ACLS_SET,
    CTL_PLAN_ACLS,              /* Parsed as CTL_ACLS_SET, dry_run. */
    CTL_POLICY_CHECK,
    CTL_PLAN_CONFIG,
    CTL_N_CMDS
};

#define CMDLINE_DEFAULT_URL "http://127.0.0.1:8080"
#define CMDLINE_DEFAULT_TIMEOUT 15

/* The variables canopyctl reads (NULL or "" when unset). */
struct cmdline_env {
    const char *url;            /* CANOPY_URL. */
    const char *token_file;     /* CANOPY_TOKEN_FILE. */
    const char *token;          /* CANOPY_TOKEN. */
};

/* Strings point into argv or the environment, except 'url'. */
struct cmdline {
    struct url url;             /* Owned: see cmdline_destroy(). */
    const char *token_file;     /* --token-file, else CANOPY_TOKEN_FILE. */
    const char *token;          /* CANOPY_TOKEN, if no token file. */
    const char *cacert;         /* --cacert; NULL: the system's CAs. */
    const char *cert;           /* --cert: client certificate, or NULL. */
    const char *key;            /* --key, else 'cert'; NULL without cert. */
    unsigned int timeout_s;     /* --timeout. */
    bool json;                  /* --json. */

    enum ctl_cmd cmd;
    char dpid[17];              /* 16 lowercase hex digits, or "". */
    const char *name;           /* flow-del NAME. */
    const char *body;           /* flow-add BODY: JSON text, @FILE or -. */
    bool all;                   /* flow-del --all. */
    const char *table;          /* flows --table, NULL if not given. */
    const char *cookie;         /* flows --cookie. */
    const char *app;            /* flows --app. */
    const char *path_src;       /* path SRC DST: hosts (MAC or IPv4) or */
    const char *path_dst;       /* datapath ids, as given. */
    const char *file;           /* tenants set FILE, acls set FILE: a file
                                 * name, or "-" for standard input. */
    bool dry_run;               /* --dry-run, plan tenants, plan acls. */

    /* policy check: the packet, as given (NULL: not given), except 'in'
     * and 'to', normalized to "DPID:PORT" with a 16-digit DPID ("" if not
     * given). */
    struct {
        const char *src, *dst;  /* IPv4 or IPv6 addresses, one family. */
        const char *proto;      /* tcp, udp, icmp, icmpv6 or 0 to 255. */
        const char *port;       /* 1 to 65535. */
        const char *tenant, *dst_tenant;
        const char *src_mac, *dst_mac;
        char in[32], to[32];
    } check;
};

enum cmdline_result {
    CMDLINE_RUN,                /* Send the request 'cl' describes. */
    CMDLINE_HELP,               /* -h or --help: print cmdline_usage(). */
    CMDLINE_VERSION,            /* -V or --version. */
    CMDLINE_ERROR,              /* Usage error: '*error' says what. */
};

/* Parses argv[1..argc-1].  On CMDLINE_RUN the caller must call
 * cmdline_destroy(); on CMDLINE_ERROR '*error' is a malloc'd one-line
 * message (the caller frees it) and 'cl' holds nothing to free. */
enum cmdline_result cmdline_parse(int argc, char *const argv[],
                                  const struct cmdline_env *,
                                  struct cmdline *cl, char **error);
void cmdline_destroy(struct cmdline *);

/* The request: its method ("GET", "POST", "PUT", "DELETE"), and its target
 * appended to 'ds': the base URL's prefix, the path, and the query, all
 * percent-encoded ("/v1/switches/0000000000000001/flows?table=0"). */
const char *cmdline_method(const struct cmdline *);
void cmdline_put_target(const struct cmdline *, struct ds *);

/* The command's name as typed ("flow-add", "tenants set"). */
const char *cmdline_command_name(enum ctl_cmd);

/* Appends the --help text. */
void cmdline_usage(struct ds *);

#endif /* cli/cmdline.h */
