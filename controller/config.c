/* canopyd's configuration: see config.h. */
#include <config.h>

#include "controller/config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "canopy/ycfg.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-types.h"

#define CFG_MAX_LISTENERS 16
#define CFG_MAX_CONNECTS 1024
#define CFG_MAX_APPS 32
#define CFG_MAX_PINS 4096

bool
config_parse_endpoint(const char *s, struct cfg_endpoint *ep,
                      const char **why)
{
    memset(ep, 0, sizeof *ep);
    if (!strncmp(s, "tcp:", 4)) {
        ep->transport = CFG_TCP;
    } else if (!strncmp(s, "tls:", 4)) {
        ep->transport = CFG_TLS;
    } else {
        *why = "must start with tcp: or tls:";
        return false;
    }
    const char *host = s + 4;
    const char *port = NULL;
    size_t hlen;
    if (*host == '[') {
        const char *close = strchr(host, ']');
        if (!close) {
            *why = "missing ']' after IPv6 address";
            return false;
        }
        host++;
        hlen = (size_t) (close - host);
        if (close[1] == ':') {
            port = close + 2;
        } else if (close[1]) {
            *why = "expected ':PORT' after ']'";
            return false;
        }
        struct in6_addr a6;
        char tmp[64];
        if (hlen >= sizeof tmp) {
            *why = "address too long";
            return false;
        }
        memcpy(tmp, host, hlen);
        tmp[hlen] = '\0';
        if (inet_pton(AF_INET6, tmp, &a6) != 1) {
            *why = "not a valid IPv6 address";
            return false;
        }
    } else {
        const char *colon = strchr(host, ':');
        if (colon && strchr(colon + 1, ':')) {
            *why = "write IPv6 addresses in brackets: tcp:[::1]:6653";
            return false;
        }
        hlen = colon ? (size_t) (colon - host) : strlen(host);
        port = colon ? colon + 1 : NULL;
    }
    if (hlen == 0 || hlen >= sizeof ep->host) {
        *why = hlen ? "address too long" : "missing address";
        return false;
    }
    memcpy(ep->host, host, hlen);
    ep->host[hlen] = '\0';
    ep->port = CFG_DEFAULT_PORT;
    if (port) {
        char *end;
        errno = 0;
        unsigned long p = strtoul(port, &end, 10);
        if (!*port || *end || errno || p == 0 || p > 65535) {
            *why = "port must be a number from 1 to 65535";
            return false;
        }
        ep->port = (uint16_t) p;
    }
    ep->text = xstrdup(s);
    return true;
}

static bool
config_endpoints(struct ycfg *y, struct fy_node *root, const char *key,
                 size_t max, struct cfg_endpoint **out, size_t *n_out)
{
    struct fy_node *seq = ycfg_get(root, key);
    size_t n;
    if (!ycfg_sequence(y, seq, key, &n)) {
        return false;
    }
    if (n > max) {
        return ycfg_fail(y, seq, key, "at most %zu entries", max);
    }
    *out = n ? xzalloc(n * sizeof **out) : NULL;
    for (size_t i = 0; i < n; i++) {
        struct fy_node *item = ycfg_item(seq, i);
        const char *s, *why;
        char path[64];
        snprintf(path, sizeof path, "%s[%zu]", key, i);
        if (!ycfg_scalar_string(y, item, path, &s)) {
            return false;
        }
        if (!config_parse_endpoint(s, &(*out)[i], &why)) {
            return ycfg_fail(y, item, path,
                             "bad address '%s': %s (example: "
                             "tcp:0.0.0.0:6653, tls:[::]:6653)", s, why);
        }
        /* Switches are dialled without blocking the loop on DNS. */
        struct in6_addr a6;
        struct in_addr a4;
        if (!strcmp(key, "connect")
            && inet_pton(AF_INET, (*out)[i].host, &a4) != 1
            && inet_pton(AF_INET6, (*out)[i].host, &a6) != 1) {
            *n_out = i + 1;
            return ycfg_fail(y, item, path, "'%s': connect targets must be "
                             "IP addresses, not host names", s);
        }
        *n_out = i + 1;
    }
    return true;
}

/* Hex with optional ':' separators, exactly 32 bytes. */
static bool
config_parse_sha256(const char *s, uint8_t out[32])
{
    size_t n = 0;
    int hi = -1;
    for (; *s; s++) {
        int c = (unsigned char) *s;
        int d = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : c == ':' ? -2 : -1;
        if (d == -2) {
            continue;
        }
        if (d < 0 || n >= 32) {
            return false;
        }
        if (hi < 0) {
            hi = d;
        } else {
            out[n++] = (uint8_t) (hi << 4 | d);
            hi = -1;
        }
    }
    return n == 32 && hi < 0;
}

/* Checks that 'file', named by 'key' of mapping 'map' (whose path is
 * 'section'), can be read. */
static bool
config_readable(struct ycfg *y, struct fy_node *map, const char *section,
                const char *key, const char *file)
{
    if (file && access(file, R_OK)) {
        char path[64];
        snprintf(path, sizeof path, "%s.%s", section, key);
        return ycfg_fail(y, ycfg_get(map, key), path, "cannot read '%s': %s",
                         file, strerror(errno));
    }
    return true;
}

static bool
config_tls(struct ycfg *y, struct fy_node *root, struct canopy_config *c)
{
    static const char *const keys[] = { "ca", "cert", "key", "pins", NULL };
    struct fy_node *tls = ycfg_get(root, "tls");
    if (!ycfg_check_mapping(y, tls, "tls", keys)
        || !ycfg_string(y, tls, "tls", "ca", &c->tls_ca)
        || !ycfg_string(y, tls, "tls", "cert", &c->tls_cert)
        || !ycfg_string(y, tls, "tls", "key", &c->tls_key)) {
        return false;
    }
    if (tls && (!ycfg_require(y, tls, "tls", "ca")
                || !ycfg_require(y, tls, "tls", "cert")
                || !ycfg_require(y, tls, "tls", "key")
                || !config_readable(y, tls, "tls", "ca", c->tls_ca)
                || !config_readable(y, tls, "tls", "cert", c->tls_cert)
                || !config_readable(y, tls, "tls", "key", c->tls_key))) {
        return false;
    }

    struct fy_node *pins = ycfg_get(tls, "pins");
    size_t n;
    if (!ycfg_sequence(y, pins, "tls.pins", &n)) {
        return false;
    }
    if (n > CFG_MAX_PINS) {
        return ycfg_fail(y, pins, "tls.pins", "at most %d entries",
                         CFG_MAX_PINS);
    }
    c->pins = n ? xzalloc(n * sizeof *c->pins) : NULL;
    for (size_t i = 0; i < n; i++) {
        static const char *const pkeys[] = { "dpid", "sha256", NULL };
        struct fy_node *pin = ycfg_item(pins, i);
        char path[64];
        char *hex = NULL;
        snprintf(path, sizeof path, "tls.pins[%zu]", i);
        if (!ycfg_check_mapping(y, pin, path, pkeys)
            || !ycfg_require(y, pin, path, "dpid")
            || !ycfg_require(y, pin, path, "sha256")
            || !ycfg_uint(y, pin, path, "dpid", 0, UINT64_MAX,
                          &c->pins[i].dpid)
            || !ycfg_string(y, pin, path, "sha256", &hex)) {
            free(hex);
            return false;
        }
        bool ok = config_parse_sha256(hex, c->pins[i].sha256);
        free(hex);
        if (!ok) {
            char p2[80];
            snprintf(p2, sizeof p2, "%s.sha256", path);
            return ycfg_fail(y, ycfg_get(pin, "sha256"), p2,
                             "expected 32 bytes of hex (AB:CD:... as "
                             "printed by openssl x509 -fingerprint "
                             "-sha256)");
        }
        c->n_pins = i + 1;
    }
    return true;
}

static bool
config_switch(struct ycfg *y, struct fy_node *root, struct canopy_config *c)
{
    static const char *const keys[] = {
        "versions", "packet_in_rate", "packet_in_burst", "tx_queue_limit",
        "max_connections", NULL,
    };
    struct fy_node *sw = ycfg_get(root, "switch");
    uint64_t rate = c->packet_in_rate, burst = c->packet_in_burst;
    uint64_t max_conns = c->max_connections;
    if (!ycfg_check_mapping(y, sw, "switch", keys)
        || !ycfg_uint(y, sw, "switch", "packet_in_rate", 1, 10000000, &rate)
        || !ycfg_uint(y, sw, "switch", "packet_in_burst", 1, 10000000,
                      &burst)
        || !ycfg_uint(y, sw, "switch", "tx_queue_limit", 4096,
                      (uint64_t) 1 << 32, &c->tx_queue_limit)
        || !ycfg_uint(y, sw, "switch", "max_connections", 1, 1000000,
                      &max_conns)) {
        return false;
    }
    c->max_connections = (uint32_t) max_conns;
    c->packet_in_rate = (uint32_t) rate;
    c->packet_in_burst = (uint32_t) burst;

    struct fy_node *vers = ycfg_get(sw, "versions");
    size_t n;
    if (!ycfg_sequence(y, vers, "switch.versions", &n)) {
        return false;
    }
    if (vers) {
        if (!n) {
            return ycfg_fail(y, vers, "switch.versions",
                             "list at least one version (1.0, 1.3)");
        }
        c->versions = 0;
    }
    for (size_t i = 0; i < n; i++) {
        struct fy_node *item = ycfg_item(vers, i);
        const char *s;
        if (!ycfg_scalar_string(y, item, "switch.versions", &s)) {
            return false;
        }
        if (!strcmp(s, "1.0")) {
            c->versions |= 1u << OFP10_VERSION;
        } else if (!strcmp(s, "1.3")) {
            c->versions |= 1u << OFP13_VERSION;
        } else {
            return ycfg_fail(y, item, "switch.versions",
                             "unsupported OpenFlow version '%s' (expected "
                             "1.0 or 1.3)", s);
        }
    }
    return true;
}

/* Reads the token file: one line, at least 16 characters. */
static bool
config_admin_token(struct ycfg *y, struct fy_node *node, const char *file,
                   char **token)
{
    FILE *f = fopen(file, "r");
    char buf[512];
    if (!f) {
        return ycfg_fail(y, node, "admin.token_file", "cannot read '%s': %s",
                         file, strerror(errno));
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'
                 || buf[n - 1] == ' ')) {
        buf[--n] = '\0';
    }
    if (n < 16 || strchr(buf, '\n') || strchr(buf, ' ')) {
        return ycfg_fail(y, node, "admin.token_file",
                         "'%s' must hold one token of 16 or more "
                         "characters without spaces", file);
    }
    *token = xstrdup(buf);
    return true;
}

static bool
config_is_loopback(const char *host)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, host, &a4) == 1) {
        return (ntohl(a4.s_addr) >> 24) == 127;
    }
    return inet_pton(AF_INET6, host, &a6) == 1
           && IN6_IS_ADDR_LOOPBACK(&a6);
}

static bool
config_admin(struct ycfg *y, struct fy_node *root, struct canopy_config *c)
{
    static const char *const keys[] = {
        "listen", "token_file", "tls", "web_dir", "max_body", NULL,
    };
    static const char *const tls_keys[] = { "cert", "key", "ca", NULL };
    struct fy_node *admin = ycfg_get(root, "admin");
    char *listen = NULL, *token_file = NULL;
    const char *why;
    if (!admin) {
        return true;
    }
    struct fy_node *tls = ycfg_get(admin, "tls");
    if (!ycfg_check_mapping(y, admin, "admin", keys)
        || !ycfg_string(y, admin, "admin", "listen", &listen)
        || !ycfg_string(y, admin, "admin", "token_file", &token_file)
        || !ycfg_string(y, admin, "admin", "web_dir", &c->admin_web_dir)
        || !ycfg_uint(y, admin, "admin", "max_body", 1024, 64u << 20,
                      &c->admin_max_body)
        || !ycfg_check_mapping(y, tls, "admin.tls", tls_keys)
        || !ycfg_string(y, tls, "admin.tls", "cert", &c->admin_tls_cert)
        || !ycfg_string(y, tls, "admin.tls", "key", &c->admin_tls_key)
        || !ycfg_string(y, tls, "admin.tls", "ca", &c->admin_tls_ca)
        || (tls && (!ycfg_require(y, tls, "admin.tls", "cert")
                    || !ycfg_require(y, tls, "admin.tls", "key")
                    || !config_readable(y, tls, "admin.tls", "cert",
                                        c->admin_tls_cert)
                    || !config_readable(y, tls, "admin.tls", "key",
                                        c->admin_tls_key)
                    || !config_readable(y, tls, "admin.tls", "ca",
                                        c->admin_tls_ca)))) {
        free(listen);
        free(token_file);
        return false;
    }
    char text[128];
    snprintf(text, sizeof text, "tcp:%s", listen ? listen : "127.0.0.1:8080");
    bool ok = config_parse_endpoint(text, &c->admin, &why);
    if (!ok) {
        ycfg_fail(y, ycfg_get(admin, "listen"), "admin.listen",
                  "bad address '%s': %s (example: 127.0.0.1:8080)",
                  listen, why);
    } else if (token_file) {
        ok = config_admin_token(y, ycfg_get(admin, "token_file"), token_file,
                                &c->admin_token);
    } else if (!config_is_loopback(c->admin.host)) {
        ok = ycfg_fail(y, ycfg_get(admin, "listen"), "admin.listen",
                       "'%s' is not a loopback address: set "
                       "admin.token_file so that requests must carry a "
                       "bearer token", listen);
    }
    c->admin_enabled = ok;
    free(listen);
    free(token_file);
    return ok;
}

static bool
config_apps(struct ycfg *y, struct fy_node *root, struct canopy_config *c)
{
    struct fy_node *apps = ycfg_get(root, "apps");
    size_t n;
    if (!ycfg_sequence(y, apps, "apps", &n)) {
        return false;
    }
    if (n > CFG_MAX_APPS) {
        return ycfg_fail(y, apps, "apps", "at most %d apps", CFG_MAX_APPS);
    }
    c->apps = n ? xzalloc(n * sizeof *c->apps) : NULL;
    for (size_t i = 0; i < n; i++) {
        static const char *const keys[] = { "name", "path", "settings", NULL };
        struct fy_node *app = ycfg_item(apps, i);
        struct cfg_app *a = &c->apps[i];
        char path[32];
        snprintf(path, sizeof path, "apps[%zu]", i);
        c->n_apps = i + 1;
        if (!ycfg_check_mapping(y, app, path, keys)
            || !ycfg_require(y, app, path, "name")
            || !ycfg_string(y, app, path, "name", &a->name)
            || !ycfg_string(y, app, path, "path", &a->path)) {
            return false;
        }
        for (const char *p = a->name; *p; p++) {
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
                  || *p == '_')) {
                return ycfg_fail(y, ycfg_get(app, "name"), path,
                                 "app names use a-z, 0-9 and _ only, got "
                                 "'%s'", a->name);
            }
        }
        for (size_t j = 0; j < i; j++) {
            if (!strcmp(c->apps[j].name, a->name)) {
                return ycfg_fail(y, ycfg_get(app, "name"), path,
                                 "app '%s' is listed twice", a->name);
            }
        }
        a->settings = ycfg_get(app, "settings");
    }
    return true;
}

static void
config_defaults(struct canopy_config *c)
{
    c->log_level = CFG_LOG_INFO;
    c->echo_interval_ms = 5000;
    c->echo_timeout_ms = 15000;
    c->reconnect_min_ms = 1000;
    c->reconnect_max_ms = 30000;
    c->versions = 1u << OFP10_VERSION | 1u << OFP13_VERSION;
    c->packet_in_rate = 10000;
    c->packet_in_burst = 20000;
    c->tx_queue_limit = 4u << 20;
    c->max_connections = 4096;
    c->lldp_interval_ms = 1000;
    c->link_timeout_ms = 3500;
    c->max_hosts = 65536;
    c->host_age_ms = 300000;
    c->app_dir = xstrdup(CANOPY_APP_DIR);
    c->admin_web_dir = xstrdup(CANOPY_WEB_DIR);
    c->admin_max_body = 64 * 1024;
}

#define CFG_MAX_LINK_WEIGHTS 65536

static bool
config_topology(struct ycfg *y, struct fy_node *root, struct canopy_config *c)
{
    static const char *const keys[] = {
        "lldp_interval", "link_timeout", "max_hosts", "host_age",
        "link_weights", NULL,
    };
    static const char *const wkeys[] = { "dpid", "port", "weight", NULL };
    struct fy_node *t = ycfg_get(root, "topology");
    uint64_t max_hosts = c->max_hosts;
    size_t n;
    if (!ycfg_check_mapping(y, t, "topology", keys)
        || !ycfg_duration(y, t, "topology", "lldp_interval", 100, 3600000,
                          &c->lldp_interval_ms)
        || !ycfg_duration(y, t, "topology", "link_timeout", 200, 86400000,
                          &c->link_timeout_ms)
        || !ycfg_uint(y, t, "topology", "max_hosts", 16, 16777216,
                      &max_hosts)
        || !ycfg_duration(y, t, "topology", "host_age", 1000, 86400000,
                          &c->host_age_ms)
        || !ycfg_sequence(y, ycfg_get(t, "link_weights"),
                          "topology.link_weights", &n)) {
        return false;
    }
    c->max_hosts = (uint32_t) max_hosts;
    if (c->link_timeout_ms < 2 * c->lldp_interval_ms) {
        return ycfg_fail(y, ycfg_get(t, ycfg_get(t, "link_timeout")
                                        ? "link_timeout" : "lldp_interval"),
                         "topology.link_timeout", "must be at least twice "
                         "topology.lldp_interval (a link must survive one "
                         "lost probe)");
    }
    if (n > CFG_MAX_LINK_WEIGHTS) {
        return ycfg_fail(y, ycfg_get(t, "link_weights"),
                         "topology.link_weights", "at most %d entries",
                         CFG_MAX_LINK_WEIGHTS);
    }
    c->link_weights = n ? xzalloc(n * sizeof *c->link_weights) : NULL;
    for (size_t i = 0; i < n; i++) {
        struct fy_node *w = ycfg_item(ycfg_get(t, "link_weights"), i);
        struct cfg_link_weight *lw = &c->link_weights[i];
        uint64_t port = 0, weight = 0;
        char path[64];
        snprintf(path, sizeof path, "topology.link_weights[%zu]", i);
        if (!ycfg_check_mapping(y, w, path, wkeys)
            || !ycfg_require(y, w, path, "dpid")
            || !ycfg_require(y, w, path, "port")
            || !ycfg_require(y, w, path, "weight")
            || !ycfg_uint(y, w, path, "dpid", 0, UINT64_MAX, &lw->dpid)
            || !ycfg_uint(y, w, path, "port", 1, 0xffffff00, &port)
            || !ycfg_uint(y, w, path, "weight", 1, 1000000, &weight)) {
            return false;
        }
        lw->port = (uint32_t) port;
        lw->weight = (uint32_t) weight;
        c->n_link_weights = i + 1;
    }
    return true;
}

static int
config_finish(struct ycfg *y, struct canopy_config **cp, char **error)
{
    static const char *const keys[] = {
        "log_level", "listen", "connect", "tls", "keepalive", "reconnect",
        "switch", "admin", "topology", "app_dir", "apps", NULL,
    };
    static const char *const levels[] = {
        "debug", "info", "warn", "error", NULL,
    };
    static const char *const ka_keys[] = { "interval", "timeout", NULL };
    static const char *const rc_keys[] = { "min", "max", NULL };

    struct canopy_config *c = xzalloc(sizeof *c);
    c->ycfg = y;
    config_defaults(c);

    struct fy_node *root = ycfg_root(y);
    struct fy_node *ka = ycfg_get(root, "keepalive");
    struct fy_node *rc = ycfg_get(root, "reconnect");
    bool ok = !ycfg_error(y)
              && (root || ycfg_fail(y, NULL, NULL, "the file is empty"))
              && ycfg_check_mapping(y, root, "", keys)
              && ycfg_enum(y, root, "", "log_level", levels, &c->log_level)
              && config_endpoints(y, root, "listen", CFG_MAX_LISTENERS,
                                  &c->listen, &c->n_listen)
              && config_endpoints(y, root, "connect", CFG_MAX_CONNECTS,
                                  &c->connect, &c->n_connect)
              && config_tls(y, root, c)
              && ycfg_check_mapping(y, ka, "keepalive", ka_keys)
              && ycfg_duration(y, ka, "keepalive", "interval", 100,
                               3600000, &c->echo_interval_ms)
              && ycfg_duration(y, ka, "keepalive", "timeout", 100,
                               3600000, &c->echo_timeout_ms)
              && ycfg_check_mapping(y, rc, "reconnect", rc_keys)
              && ycfg_duration(y, rc, "reconnect", "min", 10, 3600000,
                               &c->reconnect_min_ms)
              && ycfg_duration(y, rc, "reconnect", "max", 10, 3600000,
                               &c->reconnect_max_ms)
              && config_switch(y, root, c)
              && config_admin(y, root, c)
              && config_topology(y, root, c)
              && ycfg_string(y, root, "", "app_dir", &c->app_dir)
              && config_apps(y, root, c);

    if (ok && c->echo_timeout_ms <= c->echo_interval_ms) {
        ok = ycfg_fail(y, ycfg_get(ka, "timeout"), "keepalive.timeout",
                       "must be longer than keepalive.interval");
    }
    if (ok && c->reconnect_max_ms < c->reconnect_min_ms) {
        ok = ycfg_fail(y, ycfg_get(rc, "max"), "reconnect.max",
                       "must not be shorter than reconnect.min");
    }
    if (ok && c->n_listen + c->n_connect == 0) {
        ok = ycfg_fail(y, root, "listen",
                       "no listeners and no switches to connect to: add "
                       "at least one, e.g. listen: [\"tcp:0.0.0.0:6653\"]");
    }
    for (size_t i = 0; ok && i < c->n_listen + c->n_connect; i++) {
        const struct cfg_endpoint *ep = i < c->n_listen
                                        ? &c->listen[i]
                                        : &c->connect[i - c->n_listen];
        if (ep->transport == CFG_TLS && !c->tls_ca) {
            ok = ycfg_fail(y, ycfg_get(root, i < c->n_listen ? "listen"
                                                             : "connect"),
                           i < c->n_listen ? "listen" : "connect",
                           "'%s' needs a tls: section (ca, cert, key)",
                           ep->text);
        }
    }

    if (!ok) {
        *error = xstrdup(ycfg_error(y) ? ycfg_error(y) : "invalid config");
        config_destroy(c);
        *cp = NULL;
        return -1;
    }
    *cp = c;
    *error = NULL;
    return 0;
}

int
config_load(const char *path, struct canopy_config **cp, char **error)
{
    return config_finish(ycfg_load_file(path), cp, error);
}

int
config_load_string(const char *name, const char *yaml,
                   struct canopy_config **cp, char **error)
{
    return config_finish(ycfg_load_string(name, yaml, strlen(yaml)), cp,
                         error);
}

static void
config_free_endpoints(struct cfg_endpoint *eps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(eps[i].text);
    }
    free(eps);
}

/* The node's text in one line (malloc'd), or NULL for no node. */
static char *
config_node_text(struct fy_node *n)
{
    return n ? fy_emit_node_to_string(n, FYECF_MODE_FLOW_ONELINE
                                         | FYECF_NO_ENDING_NEWLINE)
             : NULL;
}

static bool
config_node_differs(struct fy_node *a, struct fy_node *b)
{
    char *ta = config_node_text(a), *tb = config_node_text(b);
    bool differ = (!ta != !tb) || (ta && strcmp(ta, tb));
    free(ta);
    free(tb);
    return differ;
}

/* Calls 'cb' for every key of 'a' or 'b' (both mappings, or NULL) whose
 * value differs; 'depth' 1 descends one more level into mappings. */
static void
config_diff_maps(struct fy_node *a, struct fy_node *b, const char *prefix,
                 int depth, void (*cb)(const char *, void *), void *aux)
{
    struct fy_node *maps[2] = { a, b };
    for (int side = 0; side < 2; side++) {
        struct fy_node *m = maps[side];
        void *iter = NULL;
        struct fy_node_pair *pair;
        if (!m || fy_node_get_type(m) != FYNT_MAPPING) {
            continue;
        }
        while ((pair = fy_node_mapping_iterate(m, &iter))) {
            const char *key = fy_node_get_scalar0(fy_node_pair_key(pair));
            if (!key) {
                continue;
            }
            struct fy_node *other = maps[!side]
                && fy_node_get_type(maps[!side]) == FYNT_MAPPING
                ? fy_node_mapping_lookup_by_string(maps[!side], key, FY_NT)
                : NULL;
            if (side == 1 && other) {
                continue;       /* Compared from the first side. */
            }
            struct fy_node *va = side ? other : fy_node_pair_value(pair);
            struct fy_node *vb = side ? fy_node_pair_value(pair) : other;
            char path[256];
            snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "",
                     key);
            if (depth && va && vb && fy_node_get_type(va) == FYNT_MAPPING
                && fy_node_get_type(vb) == FYNT_MAPPING) {
                config_diff_maps(va, vb, path, depth - 1, cb, aux);
            } else if (config_node_differs(va, vb)) {
                cb(path, aux);
            }
        }
    }
}

void
config_changes(const struct canopy_config *old,
               const struct canopy_config *new,
               void (*cb)(const char *path, void *aux), void *aux)
{
    config_diff_maps(ycfg_root(old->ycfg), ycfg_root(new->ycfg), "", 1, cb,
                     aux);
    if (old->admin_token && new->admin_token
        && strcmp(old->admin_token, new->admin_token)) {
        cb("admin.token_file (contents)", aux);
    }
}

void
config_destroy(struct canopy_config *c)
{
    if (!c) {
        return;
    }
    config_free_endpoints(c->listen, c->n_listen);
    config_free_endpoints(c->connect, c->n_connect);
    free(c->tls_ca);
    free(c->tls_cert);
    free(c->tls_key);
    free(c->pins);
    free(c->admin.text);
    free(c->admin_token);
    free(c->link_weights);
    free(c->admin_web_dir);
    free(c->admin_tls_cert);
    free(c->admin_tls_key);
    free(c->admin_tls_ca);
    for (size_t i = 0; i < c->n_apps; i++) {
        free(c->apps[i].name);
        free(c->apps[i].path);
    }
    free(c->apps);
    free(c->app_dir);
    ycfg_destroy(c->ycfg);
    free(c);
}
