/* The admin API: see admin.h and docs/api.md. */
#include <config.h>

#include "controller/admin.h"

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <libfyaml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "controller/apphost.h"
#include "controller/config.h"
#include "controller/conn.h"
#include "controller/controller.h"
#include "controller/json.h"
#include "controller/log.h"
#include "controller/ofconn.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

/* Limits on what a client can make us hold. */
#define ADMIN_MAX_HEADERS (8 * 1024)
#define ADMIN_MAX_BODY (64 * 1024)
#define ADMIN_TIMEOUT_S 10
#define ADMIN_MAX_PARAMS 4

struct admin {
    struct controller *ctl;     /* Not owned. */
    struct evhttp *http;        /* Owned. */
    char *token;                /* Owned; NULL: loopback only, no auth. */
    char *where;                /* "127.0.0.1:8080", for logs; owned. */
    time_t started;
    uint64_t requests[6];       /* By status class: 1xx..5xx; [0] other. */
    uint64_t unauthorized;
};

/* ---- Responses. -------------------------------------------------------- */

static void
admin_count(struct admin *a, int status)
{
    int class = status / 100;
    a->requests[class >= 1 && class <= 5 ? class : 0]++;
}

/* Sends 'root' (a node of w's document, which is finished here) as JSON. */
static void
admin_send_json(struct admin *a, struct evhttp_request *req, int status,
                struct json_writer *w, struct fy_node *root)
{
    char *text = json_finish(w, root);
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
                      "application/json");
    evbuffer_add(evhttp_request_get_output_buffer(req), text, strlen(text));
    free(text);
    admin_count(a, status);
    evhttp_send_reply(req, status, NULL, NULL);
}

static void admin_error(struct admin *, struct evhttp_request *, int status,
                        const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
admin_error(struct admin *a, struct evhttp_request *req, int status,
            const char *code, const char *fmt, ...)
{
    struct json_writer w;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    struct ds msg = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&msg, fmt, args);
    va_end(args);
    json_put_str(&w, root, "error", code);
    json_put_str(&w, root, "message", ds_cstr(&msg));
    ds_destroy(&msg);
    admin_send_json(a, req, status, &w, root);
}

/* ---- Handlers. --------------------------------------------------------- */

typedef void admin_handler(struct admin *, struct evhttp_request *,
                           char params[][64]);

static void
admin_health(struct admin *a, struct evhttp_request *req, char params[][64])
{
    struct json_writer w;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    (void) params;
    json_put_str(&w, root, "status", "ok");
    json_put_u64(&w, root, "switches", controller_n_switches(a->ctl));
    json_put_u64(&w, root, "uptime_seconds", (uint64_t) (time(NULL) - a->started));
    admin_send_json(a, req, 200, &w, root);
}

static const char *
admin_version_name(uint8_t version)
{
    return version == 1 ? "1.0" : version == 4 ? "1.3" : "?";
}

static struct fy_node *
admin_switch_node(struct json_writer *w, const struct conn *c)
{
    const struct ofconn *ofc = conn_ofconn(c);
    const struct ofconn_stats *st = ofconn_stats(ofc);
    const struct ofp_switch_features *f = ofconn_features(ofc);
    struct fy_node *sw = json_map(w);
    char dpid[17], since[32], subject[256];
    size_t n_ports, queued;
    time_t at = (time_t) conn_connected_at(c);
    struct tm tm;

    snprintf(dpid, sizeof dpid, "%016llx",
             (unsigned long long) ofconn_dpid(ofc));
    gmtime_r(&at, &tm);
    strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ofconn_ports(ofc, &n_ports);
    ofconn_tx_data(ofc, &queued);

    json_put_str(w, sw, "dpid", dpid);
    json_put_str(w, sw, "version", admin_version_name(ofconn_version(ofc)));
    json_put_str(w, sw, "address", conn_peer(c));
    json_put_str(w, sw, "connected_since", since);
    if (conn_tls_subject(c, subject, sizeof subject)) {
        json_put_str(w, sw, "tls_peer", subject);
    }
    json_put_u64(w, sw, "n_tables", f->n_tables);
    json_put_u64(w, sw, "n_buffers", f->n_buffers);
    json_put_u64(w, sw, "n_ports", n_ports);

    struct fy_node *cnt = json_map(w);
    json_put_u64(w, cnt, "messages_in", st->rx_msgs);
    json_put_u64(w, cnt, "messages_out", st->tx_msgs);
    json_put_u64(w, cnt, "bytes_in", st->rx_bytes);
    json_put_u64(w, cnt, "bytes_out", st->tx_bytes);
    json_put_u64(w, cnt, "packet_ins", st->packet_ins);
    json_put_u64(w, cnt, "packet_in_drops", st->packet_in_drops);
    json_put_u64(w, cnt, "output_drops", st->tx_drops);
    json_put_u64(w, cnt, "errors_in", st->errors_rx);
    json_put_u64(w, cnt, "errors_out", st->errors_tx);
    json_put_u64(w, cnt, "echo_rtt_ms", st->echo_rtt_ms);
    json_put_u64(w, cnt, "output_queue_bytes", queued);
    json_put(w, sw, "counters", cnt);
    return sw;
}

/* The READY connection with datapath id 'text' (hex), or NULL. */
static struct conn *
admin_find_switch(struct admin *a, const char *text)
{
    char *end;
    unsigned long long dpid = strtoull(text, &end, 16);
    if (!*text || *end || strlen(text) > 18) {
        return NULL;
    }
    return controller_find_switch(a->ctl, dpid);
}

static void
admin_switches(struct admin *a, struct evhttp_request *req,
               char params[][64])
{
    struct json_writer w;
    json_init(&w);
    struct fy_node *list = json_seq(&w);
    (void) params;
    for (struct conn *c = controller_first_conn(a->ctl); c; c = conn_next(c)) {
        if (ofconn_state(conn_ofconn(c)) == OFCONN_READY) {
            json_append(list, admin_switch_node(&w, c));
        }
    }
    admin_send_json(a, req, 200, &w, list);
}

static void
admin_switch(struct admin *a, struct evhttp_request *req, char params[][64])
{
    struct conn *c = admin_find_switch(a, params[0]);
    if (!c) {
        admin_error(a, req, 404, "not_found", "no connected switch with "
                    "datapath id '%s'", params[0]);
        return;
    }
    struct json_writer w;
    json_init(&w);
    admin_send_json(a, req, 200, &w, admin_switch_node(&w, c));
}

static void
admin_apps(struct admin *a, struct evhttp_request *req, char params[][64])
{
    const struct apphost *host = controller_apphost(a->ctl);
    struct json_writer w;
    json_init(&w);
    struct fy_node *list = json_seq(&w);
    (void) params;
    for (size_t i = 0; host && i < apphost_n_apps(host); i++) {
        const struct apphost_app_stats *s = apphost_app_stats(host, i);
        struct fy_node *app = json_map(&w);
        json_put_str(&w, app, "name", s->name);
        json_put_u64(&w, app, "id", s->id);
        json_put_str(&w, app, "state", "running");
        struct fy_node *cnt = json_map(&w);
        json_put_u64(&w, cnt, "packet_ins", s->packet_ins);
        json_put_u64(&w, cnt, "packet_ins_stopped", s->stops);
        json_put_u64(&w, cnt, "flow_mods", s->flow_mods);
        json_put_u64(&w, cnt, "packet_outs", s->packet_outs);
        json_put_u64(&w, cnt, "send_errors", s->send_errors);
        json_put(&w, app, "counters", cnt);
        json_append(list, app);
    }
    admin_send_json(a, req, 200, &w, list);
}

static void
admin_reload(struct admin *a, struct evhttp_request *req, char params[][64])
{
    char *error = NULL;
    (void) params;
    if (controller_reload(a->ctl, &error)) {
        /* The running config stays; say exactly why the new one did not
         * take. */
        admin_error(a, req, 400, "invalid_config", "%s",
                    error ? error : "the new config was refused");
        free(error);
        return;
    }
    struct json_writer w;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    json_put_bool(&w, root, "applied", true);
    json_put_u64(&w, root, "reloads", controller_reloads(a->ctl));
    admin_send_json(a, req, 200, &w, root);
}

void
admin_prom_label(struct ds *ds, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '"') {
            ds_put_char(ds, '\\');
            ds_put_char(ds, *s);
        } else if (*s == '\n') {
            ds_put_cstr(ds, "\\n");
        } else {
            ds_put_char(ds, *s);
        }
    }
}

/* One metric family: HELP and TYPE lines. */
static void
prom_family(struct ds *ds, const char *name, const char *type,
            const char *help)
{
    ds_put_format(ds, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void
admin_metrics(struct admin *a, struct evhttp_request *req, char params[][64])
{
    static const struct {
        const char *name, *type, *help;
        size_t offset;
    } per_switch[] = {
#define SWITCH_METRIC(NAME, TYPE, HELP, FIELD)                                \
    { "canopy_switch_" NAME, TYPE, HELP,                                      \
      offsetof(struct ofconn_stats, FIELD) }
        SWITCH_METRIC("messages_in_total", "counter",
                      "OpenFlow messages received from the switch.", rx_msgs),
        SWITCH_METRIC("messages_out_total", "counter",
                      "OpenFlow messages queued for the switch.", tx_msgs),
        SWITCH_METRIC("packet_ins_total", "counter",
                      "Packet-ins accepted from the switch.", packet_ins),
        SWITCH_METRIC("packet_in_drops_total", "counter",
                      "Packet-ins dropped by the rate limit.",
                      packet_in_drops),
        SWITCH_METRIC("output_drops_total", "counter",
                      "Packet-outs dropped because the switch's queue was "
                      "backed up.", tx_drops),
        SWITCH_METRIC("errors_in_total", "counter",
                      "OpenFlow errors received from the switch.", errors_rx),
        SWITCH_METRIC("errors_out_total", "counter",
                      "OpenFlow errors sent to the switch (bad input).",
                      errors_tx),
#undef SWITCH_METRIC
    };
    struct ds ds = DS_EMPTY_INITIALIZER;
    (void) params;

    prom_family(&ds, "canopy_connections", "gauge",
                "Switch connections open, in handshake or ready.");
    ds_put_format(&ds, "canopy_connections %zu\n",
                  controller_n_conns(a->ctl));
    prom_family(&ds, "canopy_switches", "gauge",
                "Switches whose handshake is complete.");
    ds_put_format(&ds, "canopy_switches %zu\n",
                  controller_n_switches(a->ctl));
    prom_family(&ds, "canopy_config_reloads_total", "counter",
                "Configuration reloads applied.");
    ds_put_format(&ds, "canopy_config_reloads_total %u\n",
                  controller_reloads(a->ctl));

    for (size_t m = 0; m < sizeof per_switch / sizeof *per_switch; m++) {
        prom_family(&ds, per_switch[m].name, per_switch[m].type,
                    per_switch[m].help);
        for (struct conn *c = controller_first_conn(a->ctl); c;
             c = conn_next(c)) {
            const struct ofconn *ofc = conn_ofconn(c);
            if (ofconn_state(ofc) != OFCONN_READY) {
                continue;
            }
            uint64_t v;
            memcpy(&v, (const char *) ofconn_stats(ofc) + per_switch[m].offset,
                   sizeof v);
            ds_put_format(&ds, "%s{dpid=\"%016llx\"} %llu\n",
                          per_switch[m].name,
                          (unsigned long long) ofconn_dpid(ofc),
                          (unsigned long long) v);
        }
    }
    prom_family(&ds, "canopy_switch_echo_rtt_seconds", "gauge",
                "Round trip of the last echo request.");
    prom_family(&ds, "canopy_switch_output_queue_bytes", "gauge",
                "Bytes waiting to be written to the switch.");
    for (struct conn *c = controller_first_conn(a->ctl); c; c = conn_next(c)) {
        const struct ofconn *ofc = conn_ofconn(c);
        size_t queued;
        if (ofconn_state(ofc) != OFCONN_READY) {
            continue;
        }
        ofconn_tx_data(ofc, &queued);
        ds_put_format(&ds, "canopy_switch_echo_rtt_seconds{dpid=\"%016llx\"} "
                      "%.3f\n", (unsigned long long) ofconn_dpid(ofc),
                      ofconn_stats(ofc)->echo_rtt_ms / 1000.0);
        ds_put_format(&ds, "canopy_switch_output_queue_bytes{dpid="
                      "\"%016llx\"} %zu\n",
                      (unsigned long long) ofconn_dpid(ofc), queued);
    }

    const struct apphost *host = controller_apphost(a->ctl);
    prom_family(&ds, "canopy_app_flow_mods_total", "counter",
                "Flow-mods an app sent.");
    for (size_t i = 0; host && i < apphost_n_apps(host); i++) {
        ds_put_cstr(&ds, "canopy_app_flow_mods_total{app=\"");
        admin_prom_label(&ds, apphost_app_stats(host, i)->name);
        ds_put_format(&ds, "\"} %llu\n", (unsigned long long)
                      apphost_app_stats(host, i)->flow_mods);
    }

    prom_family(&ds, "canopy_http_requests_total", "counter",
                "Admin API requests answered, by status class.");
    static const char *const classes[] = {
        "other", "1xx", "2xx", "3xx", "4xx", "5xx",
    };
    /* Count this request first, so it appears in its own answer. */
    admin_count(a, 200);
    for (size_t i = 0; i < 6; i++) {
        ds_put_format(&ds, "canopy_http_requests_total{code=\"%s\"} %llu\n",
                      classes[i], (unsigned long long) a->requests[i]);
    }

    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
                      "text/plain; version=0.0.4");
    evbuffer_add(evhttp_request_get_output_buffer(req), ds_cstr(&ds),
                 ds.length);
    ds_destroy(&ds);
    evhttp_send_reply(req, 200, NULL, NULL);
}

/* ---- Routing. ---------------------------------------------------------- */

struct admin_route {
    enum evhttp_cmd_type method;
    const char *pattern;
    admin_handler *handler;
};

static const struct admin_route admin_routes[] = {
    { EVHTTP_REQ_GET, "/v1/health", admin_health },
    { EVHTTP_REQ_GET, "/v1/switches", admin_switches },
    { EVHTTP_REQ_GET, "/v1/switches/{dpid}", admin_switch },
    { EVHTTP_REQ_GET, "/v1/apps", admin_apps },
    { EVHTTP_REQ_POST, "/v1/config/reload", admin_reload },
    { EVHTTP_REQ_GET, "/metrics", admin_metrics },
};

bool
admin_path_match(const char *pattern, const char *path, char params[][64],
                 size_t max_params)
{
    size_t n = 0;
    while (*pattern && *path) {
        if (*pattern != '/' || *path != '/') {
            return false;
        }
        pattern++;
        path++;
        size_t plen = strcspn(pattern, "/"), slen = strcspn(path, "/");
        if (plen >= 2 && pattern[0] == '{' && pattern[plen - 1] == '}') {
            if (!slen || n >= max_params || slen >= 64) {
                return false;
            }
            memcpy(params[n], path, slen);
            params[n++][slen] = '\0';
        } else if (plen != slen || memcmp(pattern, path, plen)) {
            return false;
        }
        pattern += plen;
        path += slen;
    }
    return !*pattern && !*path;
}

static const char *
admin_method_name(enum evhttp_cmd_type m)
{
    return m == EVHTTP_REQ_GET ? "GET" : m == EVHTTP_REQ_POST ? "POST"
           : m == EVHTTP_REQ_PUT ? "PUT" : m == EVHTTP_REQ_DELETE ? "DELETE"
           : "?";
}

/* Constant-time comparison, so the token cannot be guessed byte by byte
 * from response times. */
static bool
admin_token_ok(const struct admin *a, const char *header)
{
    static const char prefix[] = "Bearer ";
    if (!a->token) {
        return true;
    }
    if (!header || strncmp(header, prefix, sizeof prefix - 1)) {
        return false;
    }
    const char *t = header + sizeof prefix - 1;
    size_t n = strlen(a->token);
    unsigned char diff = strlen(t) != n;
    for (size_t i = 0; i < n; i++) {
        diff |= (unsigned char) (a->token[i] ^ (t[i] ? t[i] : 0));
        if (!t[i]) {
            break;
        }
    }
    return !diff;
}

static void
admin_dispatch(struct evhttp_request *req, void *a_)
{
    struct admin *a = a_;
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
    const char *path = uri ? evhttp_uri_get_path(uri) : NULL;
    enum evhttp_cmd_type method = evhttp_request_get_command(req);

    if (!admin_token_ok(a, evhttp_find_header(
                               evhttp_request_get_input_headers(req),
                               "Authorization"))) {
        static struct log_ratelimit rl = LOG_RATELIMIT_INIT(6, 1);
        a->unauthorized++;
        log_msg_rl(&rl, LOG_WARN, "admin", "request without a valid bearer "
                   "token refused");
        admin_error(a, req, 401, "unauthorized",
                    "a valid bearer token is required");
        return;
    }
    if (!path || !*path) {
        path = "/";
    }

    char params[ADMIN_MAX_PARAMS][64];
    struct ds allow = DS_EMPTY_INITIALIZER;
    for (size_t i = 0; i < sizeof admin_routes / sizeof *admin_routes; i++) {
        const struct admin_route *r = &admin_routes[i];
        if (!admin_path_match(r->pattern, path, params, ADMIN_MAX_PARAMS)) {
            continue;
        }
        if (r->method == method) {
            ds_destroy(&allow);
            r->handler(a, req, params);
            return;
        }
        ds_put_format(&allow, "%s%s", allow.length ? ", " : "",
                      admin_method_name(r->method));
    }
    if (allow.length) {
        evhttp_add_header(evhttp_request_get_output_headers(req), "Allow",
                          ds_cstr(&allow));
        admin_error(a, req, 405, "method_not_allowed", "%s %s: allowed: %s",
                    admin_method_name(method), path, ds_cstr(&allow));
    } else {
        admin_error(a, req, 404, "not_found", "no resource at %s", path);
    }
    ds_destroy(&allow);
}

/* ---- Life cycle. ------------------------------------------------------- */

struct admin *
admin_create(struct controller *ctl, const struct canopy_config *cfg)
{
    struct admin *a = xzalloc(sizeof *a);
    a->ctl = ctl;
    a->started = time(NULL);
    a->where = xstrdup(cfg->admin.text + 4);   /* Past "tcp:". */
    a->token = cfg->admin_token ? xstrdup(cfg->admin_token) : NULL;
    a->http = evhttp_new(controller_base(ctl));
    evhttp_set_max_headers_size(a->http, ADMIN_MAX_HEADERS);
    evhttp_set_max_body_size(a->http, ADMIN_MAX_BODY);
    evhttp_set_timeout(a->http, ADMIN_TIMEOUT_S);
    evhttp_set_allowed_methods(a->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST
                                        | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE);
    evhttp_set_gencb(a->http, admin_dispatch, a);
    if (!evhttp_bind_socket_with_handle(a->http, cfg->admin.host,
                                        cfg->admin.port)) {
        log_msg(LOG_ERR, "admin", "cannot listen on %s", a->where);
        admin_destroy(a);
        return NULL;
    }
    log_msg(LOG_INFO, "admin", "API on http://%s/v1 (%s)", a->where,
            a->token ? "bearer token required"
                     : "no token configured: loopback only");
    return a;
}

void
admin_destroy(struct admin *a)
{
    if (a) {
        if (a->http) {
            evhttp_free(a->http);
        }
        free(a->token);
        free(a->where);
        free(a);
    }
}

void
admin_reconfigure(struct admin *a, const struct canopy_config *cfg)
{
    free(a->token);
    a->token = cfg->admin_token ? xstrdup(cfg->admin_token) : NULL;
    if (strcmp(a->where, cfg->admin.text + 4)) {
        log_msg(LOG_WARN, "admin", "admin.listen changed to %s: the API "
                "stays on %s until a restart", cfg->admin.text + 4,
                a->where);
    }
}
