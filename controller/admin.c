/* The admin API: see admin.h and docs/api.md. */
#include <config.h>

#include "controller/admin.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <libfyaml.h>
#include <openssl/ssl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/queue.h>
#include <time.h>

#include "canopy/app.h"
#include "canopy/ycfg.h"
#include "controller/apphost.h"
#include "controller/config.h"
#include "controller/conn.h"
#include "controller/controller.h"
#include "controller/flowjson.h"
#include "canopy/json.h"
#include "controller/log.h"
#include "controller/netview.h"
#include "controller/ofconn.h"
#include "controller/ofreq.h"
#include "controller/staticflow.h"
#include "controller/tls.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "topology/discovery.h"
#include "topology/hosts.h"
#include "topology/topo.h"

/* Limits on what a client can make us hold. */
#define ADMIN_MAX_HEADERS (8 * 1024)
/* libevent's own cap on bodies, at least this, and above admin.max_body
 * so that ours answers in JSON. */
#define ADMIN_HARD_MAX_BODY (1024 * 1024)
/* How long a request waits for a switch before answering 503. */
#define ADMIN_SWITCH_TIMEOUT_MS 5000
#define ADMIN_TIMEOUT_S 10
#define ADMIN_MAX_PARAMS 4
#define ADMIN_MAX_CONNS 64

struct admin {
    struct controller *ctl;     /* Not owned. */
    struct evhttp *http;        /* Owned. */
    char *token;                /* Owned; NULL: loopback only, no auth. */
    char *where;                /* "127.0.0.1:8080", for logs; owned. */
    time_t started;
    uint64_t requests[600];     /* By status; [0] anything out of range. */
    uint64_t unauthorized;
    struct admin_op *ops;       /* Requests waiting for switches. */
    struct admin_route *routes; /* Built-in first, then apps'; owned. */
    size_t n_routes;
    SSL_CTX *ssl_ctx;           /* HTTPS: owned; NULL for plain HTTP. */
    size_t max_body;            /* admin.max_body. */
    struct evhttp_connection *conns[ADMIN_MAX_CONNS]; /* libevent's. */
    size_t n_conns;
};

static char *xasprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* A malloc'd formatted string. */
static char *
xasprintf(const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    ds_cstr(&ds);
    return ds_steal(&ds);
}

/* ---- Responses. -------------------------------------------------------- */

static void
admin_count(struct admin *a, int status)
{
    a->requests[status >= 100 && status < 600 ? status : 0]++;
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
    char since[32], subject[256];
    size_t n_ports, queued;
    time_t at = (time_t) conn_connected_at(c);
    struct tm tm;

    gmtime_r(&at, &tm);
    strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ofconn_ports(ofc, &n_ports);
    ofconn_tx_data(ofc, &queued);

    json_put_dpid(w, sw, "dpid", ofconn_dpid(ofc));
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
    json_put_u64(w, cnt, "flow_mods", st->flow_mods);
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

/* Reads query parameter 'key' of 'req' as a flag: absent, "0" or "false"
 * is false; "1" or "true" true; anything else is an error (-1). */
static int
admin_query_flag(struct evhttp_request *req, const char *key)
{
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
    const char *query = uri ? evhttp_uri_get_query(uri) : NULL;
    struct evkeyvalq q;
    int flag = 0;
    TAILQ_INIT(&q);
    if (query && evhttp_parse_query_str(query, &q)) {
        return -1;
    }
    const char *v = evhttp_find_header(&q, key);
    if (v) {
        flag = !strcmp(v, "1") || !strcmp(v, "true") ? 1
               : !strcmp(v, "0") || !strcmp(v, "false") ? 0 : -1;
    }
    evhttp_clear_headers(&q);
    return flag;
}

/* POST /v1/config/reload?dry_run=1: what a reload would do. */
static void
admin_reload_plan(struct admin *a, struct evhttp_request *req)
{
    char *error = NULL;
    struct json_writer w;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    json_put_bool(&w, root, "applied", false);
    json_put_bool(&w, root, "dry_run", true);
    if (controller_reload_plan(a->ctl, &w, root, &error)) {
        json_abandon(&w, root);
        admin_error(a, req, 400, "invalid_config", "%s",
                    error ? error : "the new config was refused");
        free(error);
        return;
    }
    admin_send_json(a, req, 200, &w, root);
}

static void
admin_reload(struct admin *a, struct evhttp_request *req, char params[][64])
{
    char *error = NULL;
    (void) params;
    int dry_run = admin_query_flag(req, "dry_run");
    if (dry_run < 0) {
        admin_error(a, req, 400, "bad_query", "dry_run must be 1, true, 0 "
                    "or false");
        return;
    }
    if (dry_run) {
        admin_reload_plan(a, req);
        return;
    }
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
    size_t n;
    char *const *changes = controller_reload_changes(a->ctl, &n);
    struct fy_node *list = json_seq(&w);
    for (size_t i = 0; i < n; i++) {
        json_append(list, json_str(&w, changes[i]));
    }
    json_put(&w, root, "changed", list);
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

void
admin_metrics_text(struct admin *a, struct ds *out)
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
        SWITCH_METRIC("flow_mods_total", "counter",
                      "Flow-mods sent to the switch, by apps, the API and "
                      "canopyd itself.", flow_mods),
        SWITCH_METRIC("errors_out_total", "counter",
                      "OpenFlow errors sent to the switch (bad input).",
                      errors_tx),
#undef SWITCH_METRIC
    };
    struct ds ds = DS_EMPTY_INITIALIZER;

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
                "Admin API requests answered, by status.");
    for (size_t i = 0; i < 600; i++) {
        if (!a->requests[i]) {
            continue;
        }
        char code[8];
        snprintf(code, sizeof code, "%zu", i);
        ds_put_format(&ds, "canopy_http_requests_total{code=\"%s\"} %llu\n",
                      i ? code : "other", (unsigned long long) a->requests[i]);
    }
    prom_family(&ds, "canopy_http_unauthorized_total", "counter",
                "Admin API requests refused for a missing or wrong token.");
    ds_put_format(&ds, "canopy_http_unauthorized_total %llu\n",
                  (unsigned long long) a->unauthorized);
    prom_family(&ds, "canopy_static_flows", "gauge",
                "Static flows kept for re-installation.");
    ds_put_format(&ds, "canopy_static_flows %zu\n",
                  staticflow_set_count(controller_staticflows(a->ctl)));

    ds_put_cstr(out, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
admin_metrics(struct admin *a, struct evhttp_request *req, char params[][64])
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    (void) params;
    /* Count this request first, so it appears in its own answer. */
    admin_count(a, 200);
    admin_metrics_text(a, &ds);
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
                      "text/plain; version=0.0.4");
    evbuffer_add(evhttp_request_get_output_buffer(req), ds_cstr(&ds),
                 ds.length);
    ds_destroy(&ds);
    evhttp_send_reply(req, 200, NULL, NULL);
}

/* ---- Request bodies. --------------------------------------------------- */

/* Reads the JSON body of 'req' into a ycfg (JSON is YAML: errors then say
 * "body:LINE:COLUMN").  Answers the request and returns NULL when there is
 * no usable body: 415 for another media type, 413 for too large, 400 for
 * an empty body or bad syntax. */
static struct ycfg *
admin_read_body(struct admin *a, struct evhttp_request *req)
{
    const char *type = evhttp_find_header(
        evhttp_request_get_input_headers(req), "Content-Type");
    struct evbuffer *in = evhttp_request_get_input_buffer(req);
    size_t len = evbuffer_get_length(in);

    if (len > a->max_body) {
        admin_error(a, req, 413, "body_too_large", "the body has %zu bytes; "
                    "at most %zu are accepted (admin.max_body)", len,
                    a->max_body);
        return NULL;
    }
    if (!type || strncasecmp(type, "application/json", 16)
        || (type[16] && type[16] != ';' && type[16] != ' ')) {
        admin_error(a, req, 415, "unsupported_media_type", "the body must "
                    "be JSON, sent with Content-Type: application/json "
                    "(got %s)", type ? type : "no Content-Type");
        return NULL;
    }
    if (!len) {
        admin_error(a, req, 400, "bad_body", "a JSON body is required");
        return NULL;
    }
    const char *text = (const char *) evbuffer_pullup(in, -1);
    struct ycfg *y = ycfg_load_json("body", text, len);
    if (!ycfg_root(y)) {
        admin_error(a, req, 400, "bad_body", "%s",
                    ycfg_error(y) ? ycfg_error(y) : "the body is empty");
        ycfg_destroy(y);
        return NULL;
    }
    return y;
}

/* ---- Requests that wait for a switch. ---------------------------------- */

enum admin_op_kind {
    ADMIN_OP_PORTS,             /* GET .../ports */
    ADMIN_OP_FLOWS,             /* GET .../flows */
    ADMIN_OP_ADD,               /* POST .../flows */
    ADMIN_OP_DELETE,            /* DELETE .../flows[/{name}] */
};

/* One HTTP request waiting for a switch's answers.  Owned by the admin
 * (its 'ops' list) from start to its answer; the ofreq it waits on is the
 * ofreq_set's. */
struct admin_op {
    struct admin *a;
    struct evhttp_request *req; /* libevent's; answered exactly once. */
    struct ofreq *ofreq;        /* NULL once done. */
    enum admin_op_kind kind;
    struct conn *conn;          /* Valid while 'ofreq' is pending. */
    uint64_t dpid;
    uint8_t version;

    struct json_writer w;       /* PORTS, FLOWS: the answer being built. */
    struct fy_node *list;

    /* FLOWS: which flows to show. */
    uint64_t cookie, cookie_mask;
    bool only_static;           /* Core owner, non-zero low bits. */

    /* ADD: the flow and its cookie (owned). */
    struct flowjson *flow;
    uint64_t flow_cookie;

    /* DELETE: the cookies of the static flows being removed (owned). */
    uint64_t *cookies;
    size_t n_cookies;

    struct ds switch_errors;    /* OFPT_ERRORs the switch answered with. */
    struct admin_op *prev, *next;
};

/* ---- Helpers for switches and apps. ------------------------------------ */

/* A port's current speed in kb/s: OpenFlow 1.3 says it; 1.0 only has the
 * feature bits. */
static uint64_t
admin_port_speed(const struct ofp_port *p, uint8_t version)
{
    static const struct { uint32_t bits; uint64_t kbps; } speeds[] = {
        { OFPPF_1TB_FD, 1000000000 }, { OFPPF_100GB_FD, 100000000 },
        { OFPPF_40GB_FD, 40000000 }, { OFPPF_10GB_FD, 10000000 },
        { OFPPF_1GB_FD | OFPPF_1GB_HD, 1000000 },
        { OFPPF_100MB_FD | OFPPF_100MB_HD, 100000 },
        { OFPPF_10MB_FD | OFPPF_10MB_HD, 10000 },
    };
    if (version == OFP13_VERSION) {
        return p->curr_speed;
    }
    for (size_t i = 0; i < sizeof speeds / sizeof *speeds; i++) {
        if (p->curr & speeds[i].bits) {
            return speeds[i].kbps;
        }
    }
    return 0;
}

/* The name of cookie owner 'owner' (the top 16 bits of a cookie). */
static const char *
admin_owner_name(const struct admin *a, uint64_t owner)
{
    const struct apphost *host = controller_apphost(a->ctl);
    if (owner == OFCONN_CORE_COOKIE >> OFCONN_COOKIE_OWNER_SHIFT) {
        return "core";
    }
    for (size_t i = 0; host && i < apphost_n_apps(host); i++) {
        if (apphost_app_stats(host, i)->id == owner) {
            return apphost_app_stats(host, i)->name;
        }
    }
    return "unknown";
}

/* Sets op's cookie filter to the flows of 'app' ("core", "static" or an
 * app's name); false with why in 'why' for an unknown name. */
static bool
admin_app_cookie(const struct admin *a, const char *app, struct admin_op *op,
                 struct ds *why)
{
    const struct apphost *host = controller_apphost(a->ctl);
    if (!strcmp(app, "core")) {
        op->cookie = OFCONN_CORE_COOKIE;
        op->cookie_mask = UINT64_MAX;
        return true;
    }
    if (!strcmp(app, "static")) {
        op->cookie = OFCONN_CORE_COOKIE;
        op->cookie_mask = CANOPY_COOKIE_OWNER_MASK;
        op->only_static = true;
        return true;
    }
    ds_put_format(why, "unknown app '%s' (expected core, static", app);
    for (size_t i = 0; host && i < apphost_n_apps(host); i++) {
        const struct apphost_app_stats *s = apphost_app_stats(host, i);
        if (!strcmp(s->name, app)) {
            op->cookie = (uint64_t) s->id << OFCONN_COOKIE_OWNER_SHIFT;
            op->cookie_mask = CANOPY_COOKIE_OWNER_MASK;
            ds_clear(why);
            return true;
        }
        ds_put_format(why, ", %s", s->name);
    }
    ds_put_char(why, ')');
    return false;
}

static void
admin_op_free(struct admin_op *op)
{
    struct admin *a = op->a;
    if (op->prev) {
        op->prev->next = op->next;
    } else {
        a->ops = op->next;
    }
    if (op->next) {
        op->next->prev = op->prev;
    }
    if (op->w.doc) {
        json_abandon(&op->w, op->list);
    }
    if (op->flow) {
        flowjson_uninit(op->flow);
        free(op->flow);
    }
    free(op->cookies);
    ds_destroy(&op->switch_errors);
    free(op);
}

static void
admin_op_port(struct admin_op *op, const struct ofp_port_stats *e)
{
    struct json_writer *w = &op->w;
    struct fy_node *p = json_map(w);
    size_t n_ports;
    const struct ofp_port *ports = ofconn_ports(conn_ofconn(op->conn),
                                                &n_ports);
    const struct ofp_port *desc = NULL;
    for (size_t i = 0; i < n_ports; i++) {
        if (ports[i].port_no == e->port_no) {
            desc = &ports[i];
        }
    }
    json_put_u64(w, p, "port_no", e->port_no);
    if (desc) {
        struct ds mac = DS_EMPTY_INITIALIZER;
        ds_put_mac(&mac, desc->hw_addr);
        json_put_str(w, p, "name", desc->name);
        json_put_str(w, p, "hw_addr", ds_cstr(&mac));
        ds_destroy(&mac);
        json_put_bool(w, p, "link_up", !(desc->state & OFPPS_LINK_DOWN));
        json_put_bool(w, p, "admin_up", !(desc->config & OFPPC_PORT_DOWN));
        json_put_u64(w, p, "speed_kbps", admin_port_speed(desc, op->version));
    }
    struct fy_node *c = json_map(w);
    json_put_u64(w, c, "rx_packets", e->rx_packets);
    json_put_u64(w, c, "tx_packets", e->tx_packets);
    json_put_u64(w, c, "rx_bytes", e->rx_bytes);
    json_put_u64(w, c, "tx_bytes", e->tx_bytes);
    json_put_u64(w, c, "rx_dropped", e->rx_dropped);
    json_put_u64(w, c, "tx_dropped", e->tx_dropped);
    json_put_u64(w, c, "rx_errors", e->rx_errors);
    json_put_u64(w, c, "tx_errors", e->tx_errors);
    json_put(w, p, "counters", c);
    if (op->version == OFP13_VERSION) {
        json_put_u64(w, p, "duration_sec", e->duration_sec);
    }
    json_append(op->list, p);
}

static void
admin_op_flow(struct admin_op *op, const struct ofp_flow_stats *e)
{
    uint64_t owner = e->cookie >> OFCONN_COOKIE_OWNER_SHIFT;
    uint64_t core = OFCONN_CORE_COOKIE >> OFCONN_COOKIE_OWNER_SHIFT;
    /* OpenFlow 1.0 cannot filter by cookie: filter here, always. */
    if ((e->cookie & op->cookie_mask) != (op->cookie & op->cookie_mask)
        || (op->only_static && e->cookie == OFCONN_CORE_COOKIE)) {
        return;
    }
    struct fy_node *f = flowjson_stats_node(&op->w, e);
    const struct staticflow *sf = NULL;
    if (owner == core && e->cookie != OFCONN_CORE_COOKIE) {
        sf = staticflow_find_cookie(controller_staticflows(op->a->ctl),
                                    op->dpid, e->cookie);
        json_put_str(&op->w, f, "owner", "static");
        if (sf) {
            json_put_str(&op->w, f, "name", sf->flow->name);
        }
    } else {
        char origin[256];
        json_put_str(&op->w, f, "owner", admin_owner_name(op->a, owner));
        if (apphost_describe_cookie(controller_apphost(op->a->ctl),
                                    e->cookie, origin, sizeof origin)) {
            json_put_str(&op->w, f, "origin", origin);
        }
    }
    json_append(op->list, f);
}

static void
admin_op_reply(void *op_, size_t index, const struct ofp_msg *m)
{
    struct admin_op *op = op_;
    (void) index;
    switch (m->type) {
    case OFPMSG_ERROR:
        ds_put_format(&op->switch_errors, "%s%s (%s)",
                      op->switch_errors.length ? "; " : "",
                      ofperr_name(m->u.error.err),
                      ofperr_description(m->u.error.err));
        break;
    case OFPMSG_PORT_STATS_REPLY:
        for (size_t i = 0; i < m->u.port_stats_reply.n; i++) {
            admin_op_port(op, &m->u.port_stats_reply.entries[i]);
        }
        break;
    case OFPMSG_FLOW_STATS_REPLY:
        for (size_t i = 0; i < m->u.flow_stats_reply.n; i++) {
            admin_op_flow(op, &m->u.flow_stats_reply.entries[i]);
        }
        break;
    default:
        break;
    }
}

static struct fy_node *admin_forget_statics(struct admin *,
                                            struct json_writer *,
                                            uint64_t dpid,
                                            const uint64_t *cookies,
                                            size_t n);

static void
admin_op_done(void *op_, enum ofreq_end end)
{
    struct admin_op *op = op_;
    struct admin *a = op->a;
    struct staticflow_set *statics = controller_staticflows(a->ctl);
    op->ofreq = NULL;

    if (end != OFREQ_DONE) {
        if (end == OFREQ_TIMEOUT && op->kind == ADMIN_OP_ADD) {
            /* The flow may still arrive: take it out again, so that a 503
             * means "not added". */
            struct ofp_msg del;
            staticflow_delete_msg(op->flow, op->flow_cookie, op->version,
                                  &del);
            ofconn_send(conn_ofconn(op->conn), &del, NULL);
            conn_request_flush(op->conn);
        }
        if (end == OFREQ_TIMEOUT) {
            admin_error(a, op->req, 503, "switch_timeout", "switch %016llx "
                        "did not answer within %d ms",
                        (unsigned long long) op->dpid,
                        ADMIN_SWITCH_TIMEOUT_MS);
        } else {
            admin_error(a, op->req, 503, "switch_disconnected", "switch "
                        "%016llx disconnected before answering",
                        (unsigned long long) op->dpid);
        }
        admin_op_free(op);
        return;
    }
    if (op->switch_errors.length) {
        if (op->kind == ADMIN_OP_ADD) {
            admin_error(a, op->req, 400, "switch_refused", "switch %016llx "
                        "refused the flow: %s",
                        (unsigned long long) op->dpid,
                        ds_cstr(&op->switch_errors));
        } else {
            admin_error(a, op->req, 502, "switch_error", "switch %016llx "
                        "answered with an error: %s",
                        (unsigned long long) op->dpid,
                        ds_cstr(&op->switch_errors));
        }
        admin_op_free(op);
        return;
    }

    struct fy_node *root;
    int status = 200;
    switch (op->kind) {
    case ADMIN_OP_PORTS:
    case ADMIN_OP_FLOWS:
        root = op->list;
        break;
    case ADMIN_OP_ADD: {
        char cookie[24];
        staticflow_add(statics, op->dpid, op->flow, op->flow_cookie);
        snprintf(cookie, sizeof cookie, "0x%016llx",
                 (unsigned long long) op->flow_cookie);
        json_init(&op->w);
        root = json_map(&op->w);
        json_put_str(&op->w, root, "name", op->flow->name);
        json_put_str(&op->w, root, "cookie", cookie);
        json_put_dpid(&op->w, root, "dpid", op->dpid);
        status = 201;
        log_msg(LOG_INFO, "admin", "dpid %016llx: static flow '%s' added",
                (unsigned long long) op->dpid, op->flow->name);
        break;
    }
    case ADMIN_OP_DELETE:
    default:
        json_init(&op->w);
        root = admin_forget_statics(a, &op->w, op->dpid, op->cookies,
                                    op->n_cookies);
        break;
    }
    admin_send_json(a, op->req, status, &op->w, root);
    admin_op_free(op);
}

static const struct ofreq_ops admin_op_ofreq_ops = {
    .reply = admin_op_reply,
    .done = admin_op_done,
};

/* Sends 'msgs' to the switch of 'conn' for the request 'req', which is
 * answered when the switch has answered.  Takes 'op'. */
static void
admin_op_start(struct admin_op *op, const struct ofp_msg *msgs, size_t n)
{
    struct admin *a = op->a;
    enum ofperr err;
    op->next = a->ops;
    if (a->ops) {
        a->ops->prev = op;
    }
    a->ops = op;
    op->ofreq = ofreq_start(controller_ofreqs(a->ctl), op->conn, msgs, n,
                            ADMIN_SWITCH_TIMEOUT_MS, &admin_op_ofreq_ops, op,
                            &err);
    if (!op->ofreq) {
        int status = err == OFPERR_OFPBRC_EPERM ? 503 : 400;
        admin_error(a, op->req, status,
                    status == 503 ? "switch_busy" : "bad_flow",
                    "cannot send to switch %016llx: %s",
                    (unsigned long long) op->dpid,
                    status == 503 ? "its output queue is full"
                                  : ofperr_description(err));
        admin_op_free(op);
    }
}

static struct admin_op *
admin_op_create(struct admin *a, struct evhttp_request *req,
                enum admin_op_kind kind, struct conn *c)
{
    struct admin_op *op = xzalloc(sizeof *op);
    op->a = a;
    op->req = req;
    op->kind = kind;
    op->conn = c;
    op->dpid = ofconn_dpid(conn_ofconn(c));
    op->version = ofconn_version(conn_ofconn(c));
    ds_init(&op->switch_errors);
    if (kind == ADMIN_OP_PORTS || kind == ADMIN_OP_FLOWS) {
        json_init(&op->w);
        op->list = json_seq(&op->w);
    }
    return op;
}

/* ---- Ports and flows. -------------------------------------------------- */

static bool
admin_parse_dpid(const char *text, uint64_t *dpid)
{
    char *end;
    if (!*text || strlen(text) > 16 || !isxdigit((unsigned char) *text)) {
        return false;
    }
    *dpid = strtoull(text, &end, 16);
    return !*end;
}

static void
admin_no_switch(struct admin *a, struct evhttp_request *req, const char *id)
{
    admin_error(a, req, 404, "not_found", "no connected switch with "
                "datapath id '%s'", id);
}

static void
admin_ports(struct admin *a, struct evhttp_request *req, char params[][64])
{
    struct conn *c = admin_find_switch(a, params[0]);
    if (!c) {
        admin_no_switch(a, req, params[0]);
        return;
    }
    struct admin_op *op = admin_op_create(a, req, ADMIN_OP_PORTS, c);
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_PORT_STATS_REQUEST, 0);
    m.u.port_stats_request.port_no = OFPP_ANY;
    admin_op_start(op, &m, 1);
}

/* Reads a cookie filter "VALUE" or "VALUE/MASK" (decimal or 0x hex). */
static bool
admin_parse_cookie(const char *text, uint64_t *value, uint64_t *mask)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char) *text)) {
        return false;
    }
    *value = strtoull(text, &end, 0);
    *mask = UINT64_MAX;
    if (*end == '/') {
        const char *m = end + 1;
        if (!isdigit((unsigned char) *m)) {
            return false;
        }
        *mask = strtoull(m, &end, 0);
    }
    return !*end && !errno;
}

static void
admin_flows(struct admin *a, struct evhttp_request *req, char params[][64])
{
    struct conn *c = admin_find_switch(a, params[0]);
    if (!c) {
        admin_no_switch(a, req, params[0]);
        return;
    }
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
    const char *query = uri ? evhttp_uri_get_query(uri) : NULL;
    struct evkeyvalq q;
    TAILQ_INIT(&q);
    if (query && evhttp_parse_query_str(query, &q)) {
        admin_error(a, req, 400, "bad_query", "cannot parse the query '%s'",
                    query);
        return;
    }

    struct admin_op *op = admin_op_create(a, req, ADMIN_OP_FLOWS, c);
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_FLOW_STATS_REQUEST, 0);
    bool have_cookie = false, have_app = false;
    const char *bad = NULL;
    struct ds why = DS_EMPTY_INITIALIZER;
    struct evkeyval *kv;
    TAILQ_FOREACH (kv, &q, next) {
        char *end;
        if (!strcmp(kv->key, "table")) {
            unsigned long t = strtoul(kv->value, &end, 10);
            if (!isdigit((unsigned char) kv->value[0]) || *end || t > 254) {
                ds_put_format(&why, "table must be a number from 0 to 254, "
                              "not '%s'", kv->value);
                break;
            }
            m.u.flow_stats_request.table_id = (uint8_t) t;
        } else if (!strcmp(kv->key, "cookie")) {
            if (!admin_parse_cookie(kv->value, &op->cookie,
                                    &op->cookie_mask)) {
                ds_put_format(&why, "cookie must be VALUE or VALUE/MASK "
                              "(decimal or 0x hex), not '%s'", kv->value);
                break;
            }
            have_cookie = true;
        } else if (!strcmp(kv->key, "app")) {
            if (!admin_app_cookie(a, kv->value, op, &why)) {
                break;
            }
            have_app = true;
        } else {
            bad = kv->key;
            ds_put_format(&why, "unknown query parameter '%s' (expected "
                          "table, cookie or app)", bad);
            break;
        }
    }
    if (!why.length && have_cookie && have_app) {
        ds_put_cstr(&why, "give either cookie or app, not both");
    }
    evhttp_clear_headers(&q);
    if (why.length) {
        admin_error(a, req, 400, "bad_query", "%s", ds_cstr(&why));
        ds_destroy(&why);
        admin_op_free(op);
        return;
    }
    ds_destroy(&why);
    if (op->version == OFP13_VERSION) {
        m.u.flow_stats_request.cookie = op->cookie;
        m.u.flow_stats_request.cookie_mask = op->cookie_mask;
    }
    admin_op_start(op, &m, 1);
}

static void
admin_flow_add(struct admin *a, struct evhttp_request *req,
               char params[][64])
{
    struct conn *c = admin_find_switch(a, params[0]);
    if (!c) {
        admin_no_switch(a, req, params[0]);
        return;
    }
    struct ycfg *y = admin_read_body(a, req);
    if (!y) {
        return;
    }
    struct admin_op *op = admin_op_create(a, req, ADMIN_OP_ADD, c);
    struct staticflow_set *statics = controller_staticflows(a->ctl);
    op->flow = xzalloc(sizeof *op->flow);
    if (!flowjson_parse(y, ycfg_root(y), op->version, op->flow)) {
        admin_error(a, req, 400, "bad_flow", "%s", ycfg_error(y));
        ycfg_destroy(y);
        admin_op_free(op);
        return;
    }
    ycfg_destroy(y);

    op->flow_cookie = staticflow_new_cookie(statics);
    if (!op->flow->name) {
        char name[32];
        snprintf(name, sizeof name, "flow-%012llx", (unsigned long long)
                 (op->flow_cookie & ~CANOPY_COOKIE_OWNER_MASK));
        op->flow->name = xstrdup(name);
    }
    const char *conflict = NULL;
    for (const struct staticflow *sf = staticflow_next(statics, op->dpid,
                                                       NULL);
         sf; sf = staticflow_next(statics, op->dpid, sf)) {
        const struct ofp_flow_mod *x = &sf->flow->fm, *n = &op->flow->fm;
        if (!strcmp(sf->flow->name, op->flow->name)) {
            conflict = "has the same name";
        } else if (x->table_id == n->table_id && x->priority == n->priority
                   && ofp_match_equal(&x->match, &n->match)) {
            conflict = "has the same table, priority and match";
        }
        if (conflict) {
            admin_error(a, req, 409, "conflict", "static flow '%s' on switch "
                        "%016llx %s: delete it first", sf->flow->name,
                        (unsigned long long) op->dpid, conflict);
            admin_op_free(op);
            return;
        }
    }
    if (staticflow_set_count(statics) >= STATICFLOW_MAX) {
        admin_error(a, req, 409, "too_many_static_flows", "%d static flows "
                    "exist, the most canopyd keeps", STATICFLOW_MAX);
        admin_op_free(op);
        return;
    }

    struct ofp_msg msgs[2];
    staticflow_add_msg(op->flow, op->flow_cookie, &msgs[0]);
    ofp_msg_init(&msgs[1], OFPMSG_BARRIER_REQUEST, 0);
    admin_op_start(op, msgs, 2);
}

/* Removes the static flows with 'cookies' on 'dpid' from the store and
 * returns {"deleted": [NAMES]}. */
static struct fy_node *
admin_forget_statics(struct admin *a, struct json_writer *w, uint64_t dpid,
                     const uint64_t *cookies, size_t n)
{
    struct staticflow_set *statics = controller_staticflows(a->ctl);
    struct fy_node *root = json_map(w), *names = json_seq(w);
    for (size_t i = 0; i < n; i++) {
        struct staticflow *sf = staticflow_find_cookie(statics, dpid,
                                                       cookies[i]);
        if (sf) {
            log_msg(LOG_INFO, "admin", "dpid %016llx: static flow '%s' "
                    "deleted", (unsigned long long) dpid, sf->flow->name);
            json_append(names, json_str(w, sf->flow->name));
            staticflow_remove(statics, sf);
        }
    }
    json_put(w, root, "deleted", names);
    return root;
}

/* Deletes the static flows of 'dpid' named 'name', or all with NULL. */
static void
admin_delete_statics(struct admin *a, struct evhttp_request *req,
                     const char *id, const char *name)
{
    struct staticflow_set *statics = controller_staticflows(a->ctl);
    uint64_t dpid;
    if (!admin_parse_dpid(id, &dpid)) {
        admin_error(a, req, 404, "not_found", "'%s' is not a datapath id",
                    id);
        return;
    }
    size_t n = 0;
    uint64_t *cookies = NULL;
    for (const struct staticflow *sf = staticflow_next(statics, dpid, NULL);
         sf; sf = staticflow_next(statics, dpid, sf)) {
        if (!name || !strcmp(sf->flow->name, name)) {
            cookies = xrealloc(cookies, (n + 1) * sizeof *cookies);
            cookies[n++] = sf->cookie;
        }
    }
    if (name && !n) {
        admin_error(a, req, 404, "not_found", "no static flow named '%s' on "
                    "switch %016llx", name, (unsigned long long) dpid);
        return;
    }
    struct conn *c = controller_find_switch(a->ctl, dpid);
    if (!c || !n) {
        /* Nothing to tell a switch: one that reconnects later loses the
         * flows at reconciliation, their cookies being nobody's then. */
        struct json_writer w;
        json_init(&w);
        struct fy_node *root = admin_forget_statics(a, &w, dpid, cookies, n);
        free(cookies);
        admin_send_json(a, req, 200, &w, root);
        return;
    }

    struct admin_op *op = admin_op_create(a, req, ADMIN_OP_DELETE, c);
    op->cookies = cookies;
    op->n_cookies = n;
    struct ofp_msg *msgs = xmalloc((n + 1) * sizeof *msgs);
    for (size_t i = 0; i < n; i++) {
        const struct staticflow *sf = staticflow_find_cookie(statics, dpid,
                                                             cookies[i]);
        staticflow_delete_msg(sf->flow, sf->cookie, op->version, &msgs[i]);
    }
    ofp_msg_init(&msgs[n], OFPMSG_BARRIER_REQUEST, 0);
    admin_op_start(op, msgs, n + 1);
    free(msgs);
}

static void
admin_flow_delete(struct admin *a, struct evhttp_request *req,
                  char params[][64])
{
    admin_delete_statics(a, req, params[0], params[1]);
}

static void
admin_flows_delete(struct admin *a, struct evhttp_request *req,
                   char params[][64])
{
    admin_delete_statics(a, req, params[0], NULL);
}

/* ---- Topology, hosts and paths. ---------------------------------------- */

/* {"dpid": ..., "port": ...} */
static struct fy_node *
admin_endpoint_node(struct json_writer *w, uint64_t dpid, uint32_t port)
{
    struct fy_node *e = json_map(w);
    json_put_dpid(w, e, "dpid", dpid);
    json_put_u64(w, e, "port", port);
    return e;
}

static void
admin_topology(struct admin *a, struct evhttp_request *req,
               char params[][64])
{
    struct netview *nv = controller_netview(a->ctl);
    struct topo *topo = netview_topo(nv);
    struct json_writer w;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    (void) params;

    json_put_u64(&w, root, "version", topo_version(topo));
    uint64_t *dpids;
    size_t n = topo_switches(topo, &dpids);
    struct fy_node *switches = json_seq(&w);
    for (size_t i = 0; i < n; i++) {
        struct fy_node *sw = json_map(&w);
        uint32_t *ports;
        json_put_dpid(&w, sw, "dpid", dpids[i]);
        json_put_u64(&w, sw, "n_ports", topo_ports(topo, dpids[i], &ports));
        free(ports);
        json_append(switches, sw);
    }
    free(dpids);
    json_put(&w, root, "switches", switches);

    struct topo_link *links;
    n = topo_links(topo, &links);
    struct fy_node *list = json_seq(&w);
    for (size_t i = 0; i < n; i++) {
        struct fy_node *l = json_map(&w);
        json_put(&w, l, "src", admin_endpoint_node(&w, links[i].src_dpid,
                                                   links[i].src_port));
        json_put(&w, l, "dst", admin_endpoint_node(&w, links[i].dst_dpid,
                                                   links[i].dst_port));
        json_put_u64(&w, l, "weight", links[i].weight);
        json_put_str(&w, l, "state",
                     links[i].bidirectional ? "up" : "one-way");
        json_append(list, l);
    }
    free(links);
    size_t n_down;
    const struct netview_down_link *down = netview_down_links(nv, &n_down);
    for (size_t i = 0; i < n_down; i++) {
        /* Not if it came back since. */
        struct topo_link now;
        if (topo_link_from(topo, down[i].src_dpid, down[i].src_port, &now)
            && now.dst_dpid == down[i].dst_dpid
            && now.dst_port == down[i].dst_port) {
            continue;
        }
        struct fy_node *l = json_map(&w);
        json_put(&w, l, "src", admin_endpoint_node(&w, down[i].src_dpid,
                                                   down[i].src_port));
        json_put(&w, l, "dst", admin_endpoint_node(&w, down[i].dst_dpid,
                                                   down[i].dst_port));
        json_put_u64(&w, l, "weight", 0);
        json_put_str(&w, l, "state", "down");
        json_append(list, l);
    }
    json_put(&w, root, "links", list);

    const struct disco_stats *ds = netview_disco_stats(nv);
    struct fy_node *d = json_map(&w);
    json_put_u64(&w, d, "probes_sent", ds->probes_sent);
    json_put_u64(&w, d, "probes_received", ds->probes_received);
    json_put_u64(&w, d, "forged", ds->forged);
    json_put_u64(&w, d, "stale", ds->stale);
    json_put_u64(&w, d, "foreign", ds->foreign);
    json_put_u64(&w, d, "links_expired", ds->links_expired);
    json_put(&w, root, "discovery", d);
    admin_send_json(a, req, 200, &w, root);
}

static struct fy_node *
admin_host_node(struct json_writer *w, const struct host *h, uint64_t now)
{
    struct fy_node *n = json_map(w);
    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_mac(&s, h->mac);
    json_put_str(w, n, "mac", ds_cstr(&s));
    json_put_u64(w, n, "vlan", h->vlan);
    json_put_dpid(w, n, "dpid", h->dpid);
    json_put_u64(w, n, "port", h->port);
    struct fy_node *v4 = json_seq(w), *v6 = json_seq(w);
    for (size_t i = 0; i < h->n_ipv4; i++) {
        ds_clear(&s);
        ds_put_ipv4(&s, h->ipv4[i]);
        json_append(v4, json_str(w, ds_cstr(&s)));
    }
    for (size_t i = 0; i < h->n_ipv6; i++) {
        ds_clear(&s);
        ds_put_ipv6(&s, h->ipv6[i]);
        json_append(v6, json_str(w, ds_cstr(&s)));
    }
    ds_destroy(&s);
    json_put(w, n, "ipv4", v4);
    json_put(w, n, "ipv6", v6);
    json_put_u64(w, n, "age_ms", now - h->last_seen_ms);
    return n;
}

static void
admin_hosts(struct admin *a, struct evhttp_request *req, char params[][64])
{
    struct hosts *hosts = netview_hosts(controller_netview(a->ctl));
    uint64_t now = controller_now_ms();
    struct json_writer w;
    json_init(&w);
    struct fy_node *list = json_seq(&w);
    size_t cursor = 0;
    const struct host *h;
    (void) params;
    while ((h = hosts_next(hosts, &cursor, now))) {
        json_append(list, admin_host_node(&w, h, now));
    }
    admin_send_json(a, req, 200, &w, list);
}

/* One end of a path: a host (by MAC or IPv4 address) or a switch (dpid in
 * hex).  Returns false with why in 'why'. */
static bool
admin_path_end(struct admin *a, const char *text, uint64_t *dpid,
               uint32_t *port, const struct host **host, struct ds *why)
{
    struct hosts *hosts = netview_hosts(controller_netview(a->ctl));
    struct topo *topo = netview_topo(controller_netview(a->ctl));
    uint64_t now = controller_now_ms();
    unsigned int m[6];
    struct in_addr in4;
    char end;
    *host = NULL;
    *port = TOPO_PORT_NONE;
    if (sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%c", &m[0], &m[1], &m[2],
               &m[3], &m[4], &m[5], &end) == 6) {
        uint8_t mac[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (uint8_t) m[i];
        }
        *host = hosts_find(hosts, mac, 0, now);
    } else if (inet_pton(AF_INET, text, &in4) == 1) {
        *host = hosts_find_ipv4(hosts, ntohl(in4.s_addr), now);
    } else if (admin_parse_dpid(text, dpid)) {
        if (!topo_switch_exists(topo, *dpid)) {
            ds_put_format(why, "no switch with datapath id '%s'", text);
            return false;
        }
        return true;
    } else {
        ds_put_format(why, "'%.64s' is not a MAC address, an IPv4 address "
                      "or a datapath id", text);
        return false;
    }
    if (!*host) {
        ds_put_format(why, "no known host '%s'", text);
        return false;
    }
    *dpid = (*host)->dpid;
    *port = (*host)->port;
    return true;
}

static void
admin_paths(struct admin *a, struct evhttp_request *req, char params[][64])
{
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
    const char *query = uri ? evhttp_uri_get_query(uri) : NULL;
    struct evkeyvalq q;
    TAILQ_INIT(&q);
    (void) params;
    if (!query || evhttp_parse_query_str(query, &q)) {
        admin_error(a, req, 400, "bad_query", "give src and dst: "
                    "/v1/paths?src=HOST&dst=HOST (a MAC, an IPv4 address or "
                    "a datapath id)");
        return;
    }
    const char *src = evhttp_find_header(&q, "src");
    const char *dst = evhttp_find_header(&q, "dst");
    struct ds why = DS_EMPTY_INITIALIZER;
    uint64_t sd, dd;
    uint32_t sp, dp;
    const struct host *sh, *dh;
    struct host shc, dhc;
    int status = 400;
    if (!src || !dst) {
        ds_put_cstr(&why, "give src and dst: /v1/paths?src=HOST&dst=HOST "
                    "(a MAC, an IPv4 address or a datapath id)");
    } else if (!admin_path_end(a, src, &sd, &sp, &sh, &why)) {
        status = 404;
    } else {
        /* Copied: the next lookup may change the table. */
        if (sh) {
            shc = *sh;
            sh = &shc;
        }
        if (!admin_path_end(a, dst, &dd, &dp, &dh, &why)) {
            status = 404;
        }
    }
    if (why.length) {
        admin_error(a, req, status, status == 404 ? "not_found"
                    : "bad_query", "%s", ds_cstr(&why));
        ds_destroy(&why);
        evhttp_clear_headers(&q);
        return;
    }
    if (dh) {
        dhc = *dh;
        dh = &dhc;
    }

    struct topo *topo = netview_topo(controller_netview(a->ctl));
    struct topo_hop hops[64];
    uint64_t cost = 0;
    size_t n = topo_path(topo, sd, dd, hops, 64, &cost);
    if (!n || n > 64) {
        admin_error(a, req, 404, "not_found", "no path from %s to %s", src,
                    dst);
        evhttp_clear_headers(&q);
        return;
    }
    hops[0].in_port = sp;
    hops[n - 1].out_port = dp;

    uint64_t now = controller_now_ms();
    struct json_writer w;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    json_put(&w, root, "src", sh ? admin_host_node(&w, sh, now)
                                 : admin_endpoint_node(&w, sd, 0));
    json_put(&w, root, "dst", dh ? admin_host_node(&w, dh, now)
                                 : admin_endpoint_node(&w, dd, 0));
    json_put_u64(&w, root, "cost", cost);
    struct fy_node *list = json_seq(&w);
    for (size_t i = 0; i < n; i++) {
        struct fy_node *h = json_map(&w);
        json_put_dpid(&w, h, "dpid", hops[i].dpid);
        if (hops[i].in_port != TOPO_PORT_NONE) {
            json_put_u64(&w, h, "in_port", hops[i].in_port);
        }
        if (hops[i].out_port != TOPO_PORT_NONE) {
            json_put_u64(&w, h, "out_port", hops[i].out_port);
        }
        json_append(list, h);
    }
    json_put(&w, root, "hops", list);
    evhttp_clear_headers(&q);
    admin_send_json(a, req, 200, &w, root);
}

/* ---- The web page. ------------------------------------------------------ */

/* Sends a file of the web page: public (no token), since a browser loads
 * it before it can have one; the data it shows comes from the API, which
 * needs the token. */
static void
admin_web_file(struct admin *a, struct evhttp_request *req, const char *name)
{
    static const struct { const char *ext, *type; } types[] = {
        { ".html", "text/html; charset=utf-8" },
        { ".js", "text/javascript; charset=utf-8" },
        { ".css", "text/css; charset=utf-8" },
        { ".svg", "image/svg+xml" },
        { ".png", "image/png" },
    };
    const char *type = NULL;
    size_t len = strlen(name);
    bool ok = len && name[0] != '.' && len < 64;
    for (size_t i = 0; ok && i < len; i++) {
        ok = isalnum((unsigned char) name[i]) || strchr("._-", name[i]);
    }
    for (size_t i = 0; ok && i < sizeof types / sizeof *types; i++) {
        size_t el = strlen(types[i].ext);
        if (len > el && !strcmp(name + len - el, types[i].ext)) {
            type = types[i].type;
        }
    }
    const char *dir = controller_config(a->ctl)->admin_web_dir;
    char path[4096];
    FILE *f = NULL;
    if (type && snprintf(path, sizeof path, "%s/%s", dir, name)
                < (int) sizeof path) {
        f = fopen(path, "rb");
    }
    if (!f) {
        admin_error(a, req, 404, "not_found", "no file '%.64s' in the web "
                    "page", name);
        return;
    }
    struct evbuffer *out = evhttp_request_get_output_buffer(req);
    char buf[8192];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && total < (1u << 20)) {
        evbuffer_add(out, buf, n);
        total += n;
    }
    fclose(f);
    struct evkeyvalq *h = evhttp_request_get_output_headers(req);
    evhttp_add_header(h, "Content-Type", type);
    evhttp_add_header(h, "Cache-Control", "no-cache");
    evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
    evhttp_add_header(h, "Content-Security-Policy", "default-src 'self'; "
                      "img-src 'self' data:; style-src 'self'");
    admin_count(a, 200);
    evhttp_send_reply(req, 200, NULL, NULL);
}

static void
admin_web_index(struct admin *a, struct evhttp_request *req,
                char params[][64])
{
    (void) params;
    admin_web_file(a, req, "index.html");
}

static void
admin_web(struct admin *a, struct evhttp_request *req, char params[][64])
{
    admin_web_file(a, req, params[0]);
}

/* ---- Routing. ---------------------------------------------------------- */

/* One route: a built-in handler, or an app's. */
struct admin_route {
    enum evhttp_cmd_type method;
    char *pattern;                      /* Owned. */
    admin_handler *handler;             /* Built-in, or NULL. */
    canopy_http_handler *app_handler;   /* An app's... */
    void *app_state;
    const struct canopy_app *app;       /* ...and the app (not owned). */
};

static void
admin_route_add(struct admin *a, enum evhttp_cmd_type method,
                const char *pattern, admin_handler *handler)
{
    a->routes = xrealloc(a->routes, (a->n_routes + 1) * sizeof *a->routes);
    a->routes[a->n_routes++] = (struct admin_route) {
        .method = method, .pattern = xstrdup(pattern), .handler = handler,
    };
}

static void
admin_builtin_routes(struct admin *a)
{
    admin_route_add(a, EVHTTP_REQ_GET, "/v1/health", admin_health);
    admin_route_add(a, EVHTTP_REQ_GET, "/v1/switches", admin_switches);
    admin_route_add(a, EVHTTP_REQ_GET, "/v1/switches/{dpid}", admin_switch);
    admin_route_add(a, EVHTTP_REQ_GET, "/v1/switches/{dpid}/ports",
                    admin_ports);
    admin_route_add(a, EVHTTP_REQ_GET, "/v1/switches/{dpid}/flows",
                    admin_flows);
    admin_route_add(a, EVHTTP_REQ_POST, "/v1/switches/{dpid}/flows",
                    admin_flow_add);
    admin_route_add(a, EVHTTP_REQ_DELETE, "/v1/switches/{dpid}/flows",
                    admin_flows_delete);
    admin_route_add(a, EVHTTP_REQ_DELETE, "/v1/switches/{dpid}/flows/{name}",
                    admin_flow_delete);
    admin_route_add(a, EVHTTP_REQ_GET, "/v1/apps", admin_apps);
    admin_route_add(a, EVHTTP_REQ_POST, "/v1/config/reload", admin_reload);
    admin_route_add(a, EVHTTP_REQ_GET, "/metrics", admin_metrics);
    admin_route_add(a, EVHTTP_REQ_GET, "/v1/topology", admin_topology);
    admin_route_add(a, EVHTTP_REQ_GET, "/v1/hosts", admin_hosts);
    admin_route_add(a, EVHTTP_REQ_GET, "/v1/paths", admin_paths);
    admin_route_add(a, EVHTTP_REQ_GET, "/", admin_web_index);
    admin_route_add(a, EVHTTP_REQ_GET, "/web/{file}", admin_web);
}

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

static const char *
admin_method_name(enum evhttp_cmd_type m)
{
    return m == EVHTTP_REQ_GET ? "GET" : m == EVHTTP_REQ_POST ? "POST"
           : m == EVHTTP_REQ_PUT ? "PUT" : m == EVHTTP_REQ_DELETE ? "DELETE"
           : "?";
}

static bool
admin_method_parse(const char *name, enum evhttp_cmd_type *m)
{
    static const enum evhttp_cmd_type methods[] = {
        EVHTTP_REQ_GET, EVHTTP_REQ_POST, EVHTTP_REQ_PUT, EVHTTP_REQ_DELETE,
    };
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++) {
        if (!strcmp(name, admin_method_name(methods[i]))) {
            *m = methods[i];
            return true;
        }
    }
    return false;
}

/* ---- App routes (include/canopy/app.h). -------------------------------- */

/* One HTTP request handed to an app's route. */
struct canopy_http {
    struct admin *a;
    struct evhttp_request *req;
    struct evkeyvalq query;
    bool query_parsed;
    bool answered;
    struct ycfg *body;          /* Owned, once read. */
};

int
admin_add_app_route(struct admin *a, const struct canopy_app *app,
                    const char *method, const char *pattern,
                    canopy_http_handler *handler, void *state, char **why)
{
    enum evhttp_cmd_type m;
    *why = NULL;
    if (!admin_method_parse(method, &m)) {
        *why = xstrdup("the method must be GET, POST, PUT or DELETE");
        return -1;
    }
    /* A pattern is segments of [A-Za-z0-9_.-] or {param}, under /v1/. */
    size_t n_params = 0;
    bool ok = !strncmp(pattern, "/v1/", 4) && strlen(pattern) < 200;
    for (const char *p = pattern; ok && *p; p++) {
        ok = isalnum((unsigned char) *p) || strchr("/_.-{}", *p);
        n_params += *p == '{';
        ok = ok && !(p[0] == '/' && (p[1] == '/' || !p[1]));
    }
    if (!ok || n_params > ADMIN_MAX_PARAMS) {
        *why = xasprintf("'%s' is not a route pattern: /v1/ then segments "
                         "of letters, digits, '_', '.', '-' or {param} (at "
                         "most %d)", pattern, ADMIN_MAX_PARAMS);
        return -1;
    }
    for (size_t i = 0; i < a->n_routes; i++) {
        if (a->routes[i].method == m && !strcmp(a->routes[i].pattern,
                                                pattern)) {
            *why = xasprintf("%s %s is taken", method, pattern);
            return -1;
        }
    }
    admin_route_add(a, m, pattern, NULL);
    struct admin_route *r = &a->routes[a->n_routes - 1];
    r->app_handler = handler;
    r->app_state = state;
    r->app = app;
    return 0;
}

void
admin_remove_app_routes(struct admin *a, const struct canopy_app *app)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n_routes; i++) {
        if (a->routes[i].app == app) {
            free(a->routes[i].pattern);
        } else {
            a->routes[n++] = a->routes[i];
        }
    }
    a->n_routes = n;
}

static void
admin_call_app(struct admin *a, struct evhttp_request *req,
               const struct admin_route *r, char params[][64],
               size_t n_params)
{
    struct canopy_http h = { .a = a, .req = req };
    const char *argv[ADMIN_MAX_PARAMS + 1];
    for (size_t i = 0; i < n_params; i++) {
        argv[i] = params[i];
    }
    argv[n_params] = NULL;
    r->app_handler(r->app_state, &h, argv);
    if (!h.answered) {
        admin_error(a, req, 500, "internal", "the app behind %s did not "
                    "answer", r->pattern);
    }
    if (h.query_parsed) {
        evhttp_clear_headers(&h.query);
    }
    ycfg_destroy(h.body);
}

const char *
canopy_http_query(struct canopy_http *h, const char *key)
{
    if (!h->query_parsed) {
        const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(h->req);
        const char *q = uri ? evhttp_uri_get_query(uri) : NULL;
        TAILQ_INIT(&h->query);
        if (q) {
            evhttp_parse_query_str(q, &h->query);
        }
        h->query_parsed = true;
    }
    return evhttp_find_header(&h->query, key);
}

struct fy_node *
canopy_http_body(struct canopy_http *h, struct ycfg **y)
{
    if (!h->body) {
        h->body = admin_read_body(h->a, h->req);
        if (!h->body) {
            h->answered = true;
            return NULL;
        }
    }
    *y = h->body;
    return ycfg_root(h->body);
}

void
canopy_http_reply(struct canopy_http *h, int status, struct json_writer *w,
                  struct fy_node *root)
{
    if (h->answered) {
        json_abandon(w, root);
        return;
    }
    h->answered = true;
    admin_send_json(h->a, h->req, status, w, root);
}

void
canopy_http_error(struct canopy_http *h, int status, const char *code,
                  const char *fmt, ...)
{
    if (h->answered) {
        return;
    }
    struct ds msg = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&msg, fmt, args);
    va_end(args);
    h->answered = true;
    admin_error(h->a, h->req, status < 400 || status > 599 ? 500 : status,
                code, "%s", ds_cstr(&msg));
    ds_destroy(&msg);
}

/* ---- Connections. ------------------------------------------------------ */

/* libevent 2.1 has no connection cap for evhttp: connections are counted
 * from their first request (one that never sends a request is closed by
 * the 10 s timeout) and forgotten when they close. */
static void
admin_conn_closed(struct evhttp_connection *evcon, void *a_)
{
    struct admin *a = a_;
    for (size_t i = 0; i < a->n_conns; i++) {
        if (a->conns[i] == evcon) {
            a->conns[i] = a->conns[--a->n_conns];
            return;
        }
    }
}

/* Returns false if 'req' comes on a connection over the cap. */
static bool
admin_conn_admit(struct admin *a, struct evhttp_request *req)
{
    struct evhttp_connection *evcon = evhttp_request_get_connection(req);
    if (!evcon) {
        return true;
    }
    for (size_t i = 0; i < a->n_conns; i++) {
        if (a->conns[i] == evcon) {
            return true;
        }
    }
    if (a->n_conns >= ADMIN_MAX_CONNS) {
        return false;
    }
    a->conns[a->n_conns++] = evcon;
    evhttp_connection_set_closecb(evcon, admin_conn_closed, a);
    return true;
}

static void
admin_dispatch(struct evhttp_request *req, void *a_)
{
    struct admin *a = a_;
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
    const char *path = uri ? evhttp_uri_get_path(uri) : NULL;
    enum evhttp_cmd_type method = evhttp_request_get_command(req);

    if (!admin_conn_admit(a, req)) {
        static struct log_ratelimit rl = LOG_RATELIMIT_INIT(6, 1);
        log_msg_rl(&rl, LOG_WARN, "admin", "%d API connections open: "
                   "refusing another", ADMIN_MAX_CONNS);
        evhttp_add_header(evhttp_request_get_output_headers(req),
                          "Connection", "close");
        admin_error(a, req, 503, "too_many_connections", "%d API "
                    "connections are open, the most canopyd serves",
                    ADMIN_MAX_CONNS);
        return;
    }
    bool public = path && method == EVHTTP_REQ_GET
                  && (!strcmp(path, "/") || !strncmp(path, "/web/", 5));
    if (!public && !admin_token_ok(a, evhttp_find_header(
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
    for (size_t i = 0; i < a->n_routes; i++) {
        const struct admin_route *r = &a->routes[i];
        if (!admin_path_match(r->pattern, path, params, ADMIN_MAX_PARAMS)) {
            continue;
        }
        if (r->method == method) {
            ds_destroy(&allow);
            if (r->handler) {
                r->handler(a, req, params);
            } else {
                size_t n = 0;
                for (const char *p = r->pattern; *p; p++) {
                    n += *p == '{';
                }
                admin_call_app(a, req, r, params, n);
            }
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

/* Each HTTPS connection gets its TLS session from the current context (a
 * session keeps a reference to the context it started with). */
static struct bufferevent *
admin_https_bev(struct event_base *base, void *a_)
{
    struct admin *a = a_;
    SSL *ssl = SSL_new(a->ssl_ctx);
    if (!ssl) {
        return NULL;
    }
    return bufferevent_openssl_socket_new(base, -1, ssl,
                                          BUFFEREVENT_SSL_ACCEPTING,
                                          BEV_OPT_CLOSE_ON_FREE);
}

int
admin_load_tls(const struct canopy_config *cfg, SSL_CTX **ctx, char **error)
{
    *ctx = NULL;
    *error = NULL;
    if (!cfg->admin_enabled || !cfg->admin_tls_cert) {
        return 0;
    }
    char *why;
    *ctx = tls_https_ctx_create(cfg->admin_tls_cert, cfg->admin_tls_key,
                                cfg->admin_tls_ca, &why);
    if (!*ctx) {
        *error = xasprintf("admin.tls: %s", why ? why : "cannot set up TLS");
        free(why);
        return -1;
    }
    return 0;
}

/* Bodies over 'max_body' get a 413 that says so; libevent itself drops
 * the connection past a harder limit, kept well above it so that the
 * operator sees the 413. */
static void
admin_set_max_body(struct admin *a, uint64_t max_body)
{
    a->max_body = max_body;
    evhttp_set_max_body_size(a->http, max_body > ADMIN_HARD_MAX_BODY / 2
                                      ? (ev_ssize_t) max_body * 2
                                      : ADMIN_HARD_MAX_BODY);
}

struct admin *
admin_create(struct controller *ctl, const struct canopy_config *cfg)
{
    char *error;
    SSL_CTX *ssl_ctx;
    if (admin_load_tls(cfg, &ssl_ctx, &error)) {
        log_msg(LOG_ERR, "admin", "%s", error);
        free(error);
        return NULL;
    }

    struct admin *a = xzalloc(sizeof *a);
    a->ctl = ctl;
    a->started = time(NULL);
    a->where = xstrdup(cfg->admin.text + 4);   /* Past "tcp:". */
    a->token = cfg->admin_token ? xstrdup(cfg->admin_token) : NULL;
    a->ssl_ctx = ssl_ctx;
    a->http = evhttp_new(controller_base(ctl));
    evhttp_set_max_headers_size(a->http, ADMIN_MAX_HEADERS);
    admin_set_max_body(a, cfg->admin_max_body);
    evhttp_set_timeout(a->http, ADMIN_TIMEOUT_S);
    evhttp_set_allowed_methods(a->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST
                                        | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE);
    evhttp_set_gencb(a->http, admin_dispatch, a);
    if (a->ssl_ctx) {
        evhttp_set_bevcb(a->http, admin_https_bev, a);
    }
    admin_builtin_routes(a);
    if (!evhttp_bind_socket_with_handle(a->http, cfg->admin.host,
                                        cfg->admin.port)) {
        log_msg(LOG_ERR, "admin", "cannot listen on %s", a->where);
        admin_destroy(a);
        return NULL;
    }
    log_msg(LOG_INFO, "admin", "API on %s://%s/v1 (%s)",
            a->ssl_ctx ? "https" : "http", a->where,
            a->token ? "bearer token required"
                     : "no token configured: loopback only");
    return a;
}

void
admin_destroy(struct admin *a)
{
    if (a) {
        /* The requests are libevent's, freed with the evhttp. */
        while (a->ops) {
            ofreq_cancel(a->ops->ofreq);
            admin_op_free(a->ops);
        }
        if (a->http) {
            evhttp_free(a->http);
        }
        for (size_t i = 0; i < a->n_routes; i++) {
            free(a->routes[i].pattern);
        }
        free(a->routes);
        SSL_CTX_free(a->ssl_ctx);
        free(a->token);
        free(a->where);
        free(a);
    }
}

void
admin_reconfigure(struct admin *a, const struct canopy_config *cfg,
                  SSL_CTX *ssl_ctx)
{
    free(a->token);
    a->token = cfg->admin_token ? xstrdup(cfg->admin_token) : NULL;
    admin_set_max_body(a, cfg->admin_max_body);
    if (strcmp(a->where, cfg->admin.text + 4)) {
        log_msg(LOG_WARN, "admin", "admin.listen changed to %s: the API "
                "stays on %s until a restart", cfg->admin.text + 4,
                a->where);
    }
    if (!a->ssl_ctx != !ssl_ctx) {
        log_msg(LOG_WARN, "admin", "switching the API between HTTP and "
                "HTTPS needs a restart");
        SSL_CTX_free(ssl_ctx);
    } else if (ssl_ctx) {
        /* New certificates for new connections; open ones keep theirs. */
        SSL_CTX_free(a->ssl_ctx);
        a->ssl_ctx = ssl_ctx;
    }
}
