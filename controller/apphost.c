/* The app host: see apphost.h. */
#include <config.h>

#include "controller/apphost.h"

#include <dlfcn.h>
#include <event2/event.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canopy/app.h"
#include "controller/admin.h"
#include "controller/config.h"
#include "canopy/json.h"
#include "controller/conn.h"
#include "controller/controller.h"
#include "controller/flowjson.h"
#include "controller/log.h"
#include "controller/netview.h"
#include "controller/ofconn.h"
#include "controller/ofreq.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "topology/hosts.h"
#include "topology/topo.h"

/* App ids: 0 is nobody (flows with cookie 0 were not made by Canopy), 1 is
 * the core (OFCONN_CORE_COOKIE), apps count from 2. */
#define APPHOST_FIRST_APP_ID 2

/* Most xids remembered per switch for apps' error() and barrier_reply(). */
#define APPHOST_MAX_XIDS 65536

/* How long canopy_flow_stats() waits for the whole answer. */
#define APPHOST_STATS_TIMEOUT_MS 5000

struct apphost_stats_req;

struct canopy_app {
    struct apphost *host;
    const struct canopy_app_ops *ops;  /* In the shared object. */
    void *dl;                   /* dlopen() handle; owned. */
    void *state;                /* The app's; freed by ops->destroy. */
    char *name;                 /* Owned. */
    struct apphost_app_stats stats;
    char *service_name;         /* Owned; NULL if it publishes none. */
    const void *service_ops;    /* In the shared object. */
    void *service_state;        /* The app's. */
    struct canopy_timer *timers;        /* Owned. */
    struct apphost_stats_req *stats_reqs;  /* Owned; pending. */
};

/* One xid an app sent, remembered so that an error or a barrier reply
 * finds its way back to the app. */
struct apphost_xid {
    uint32_t xid;
    uint16_t app;               /* Index into host->apps. */
};

struct canopy_switch {
    struct apphost *host;
    struct conn *conn;          /* Not owned: the controller's. */
    struct ofconn *ofc;
    uint64_t dpid;
    uint32_t reconcile_xid;     /* Flow-stats request of reconciliation. */
    bool reconciling;
    unsigned int reconcile_deleted;
    /* A ring of the xids apps with error()/barrier_reply() sent, oldest
     * at 'xid_head'; capacity a power of 2 up to APPHOST_MAX_XIDS. */
    struct apphost_xid *xids;
    size_t xid_head, n_xids, xid_cap;
    uint64_t xids_forgotten;    /* Pushed out by newer ones. */
    struct canopy_switch *prev, *next;
};

struct apphost {
    struct admin *admin;        /* Not owned; NULL without the API. */
    struct netview *netview;    /* Not owned; NULL in some tests. */
    struct event_base *base;    /* Not owned; NULL in some tests. */
    struct ofreq_set *ofreqs;   /* Not owned; NULL in some tests. */
    struct canopy_app *apps;
    size_t n_apps;
    struct canopy_switch *switches;
    apphost_core_filter *core_filter;
    void *core_filter_aux;
};

/* ---- Loading. ----------------------------------------------------------- */

static char *
apphost_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
apphost_errorf(const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    return ds_steal(&ds);
}

/* Opens app 'i' of 'cfg' into 'app' (ops and dl only). */
static int
apphost_open(const struct canopy_config *cfg, size_t i,
             struct canopy_app *app, char **error)
{
    const struct cfg_app *ca = &cfg->apps[i];
    char path[4096];
    if (ca->path) {
        snprintf(path, sizeof path, "%s", ca->path);
    } else {
        snprintf(path, sizeof path, "%s/%s.so", cfg->app_dir, ca->name);
    }
    app->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!app->dl) {
        *error = apphost_errorf("app '%s': cannot load %s: %s", ca->name,
                                path, dlerror());
        return -1;
    }
    app->ops = dlsym(app->dl, CANOPY_APP_SYMBOL);
    if (!app->ops) {
        *error = apphost_errorf("app '%s': %s does not export '%s': not a "
                                "Canopy app", ca->name, path,
                                CANOPY_APP_SYMBOL);
        return -1;
    }
    if (app->ops->abi_version != CANOPY_APP_ABI_VERSION) {
        *error = apphost_errorf("app '%s': %s was built for app ABI %u, "
                                "this canopyd speaks ABI %u: rebuild the app",
                                ca->name, path, app->ops->abi_version,
                                CANOPY_APP_ABI_VERSION);
        return -1;
    }
    if (!app->ops->name || strcmp(app->ops->name, ca->name)) {
        *error = apphost_errorf("app '%s': %s is the app '%s'", ca->name,
                                path, app->ops->name ? app->ops->name : "?");
        return -1;
    }
    app->name = xstrdup(ca->name);
    return 0;
}

/* Runs an app's validate() on its settings in 'cfg'. */
static int
apphost_validate_app(const struct canopy_app *app,
                     const struct canopy_config *cfg, size_t i, char **error)
{
    struct fy_node *settings = cfg->apps[i].settings;
    char path[64];
    snprintf(path, sizeof path, "apps[%zu].settings", i);
    if (app->ops->validate) {
        if (!app->ops->validate(cfg->ycfg, settings, path)) {
            const char *why = ycfg_error(cfg->ycfg);
            *error = apphost_errorf("%s", why ? why : "invalid settings");
            return -1;
        }
    } else if (settings) {
        ycfg_fail(cfg->ycfg, settings, path, "app '%s' takes no settings",
                  app->name);
        *error = xstrdup(ycfg_error(cfg->ycfg));
        return -1;
    }
    return 0;
}

static void apphost_stats_req_free(struct apphost_stats_req *);

static void
apphost_close_app(struct canopy_app *app)
{
    /* The handlers live in the shared object about to be unloaded. */
    if (app->host && app->host->admin) {
        admin_remove_app_routes(app->host->admin, app);
    }
    if (app->state && app->ops->destroy) {
        app->ops->destroy(app->state);
    }
    /* Whatever the app left running would call into unloaded code. */
    while (app->timers) {
        canopy_timer_cancel(app->timers);
    }
    while (app->stats_reqs) {
        apphost_stats_req_free(app->stats_reqs);
    }
    app->state = NULL;
    free(app->service_name);
    app->service_name = NULL;
    app->service_ops = NULL;
    if (app->dl) {
        dlclose(app->dl);
    }
    free(app->name);
}

struct apphost *
apphost_create(const struct canopy_config *cfg, const struct apphost_env *env,
               char **error)
{
    struct apphost *host = xzalloc(sizeof *host);
    if (env) {
        host->admin = env->admin;
        host->netview = env->netview;
        host->base = env->base;
        host->ofreqs = env->ofreqs;
    }
    host->apps = cfg->n_apps ? xzalloc(cfg->n_apps * sizeof *host->apps)
                             : NULL;
    for (size_t i = 0; i < cfg->n_apps; i++) {
        struct canopy_app *app = &host->apps[i];
        app->host = host;
        app->stats.id = (uint16_t) (APPHOST_FIRST_APP_ID + i);
        host->n_apps = i + 1;
        if (apphost_open(cfg, i, app, error)
            || apphost_validate_app(app, cfg, i, error)) {
            apphost_destroy(host);
            return NULL;
        }
        app->stats.name = app->name;
        if (app->ops->create) {
            app->state = app->ops->create(app, cfg->ycfg,
                                          cfg->apps[i].settings);
            if (!app->state) {
                *error = apphost_errorf("app '%s' failed to start (see its "
                                        "log lines above)", app->name);
                apphost_destroy(host);
                return NULL;
            }
        }
        log_msg(LOG_INFO, "apphost", "app %s loaded (id %u)%s%s", app->name,
                app->stats.id, app->ops->description ? ": " : "",
                app->ops->description ? app->ops->description : "");
    }
    return host;
}

void
apphost_destroy(struct apphost *host)
{
    if (!host) {
        return;
    }
    while (host->switches) {
        apphost_switch_down(host, host->switches);
    }
    for (size_t i = host->n_apps; i-- > 0;) {
        apphost_close_app(&host->apps[i]);
    }
    free(host->apps);
    free(host);
}

int
apphost_validate_only(const struct canopy_config *cfg, char **error)
{
    int rc = 0;
    for (size_t i = 0; i < cfg->n_apps && !rc; i++) {
        struct canopy_app app;
        memset(&app, 0, sizeof app);
        rc = apphost_open(cfg, i, &app, error);
        if (!rc) {
            rc = apphost_validate_app(&app, cfg, i, error);
        }
        apphost_close_app(&app);
    }
    return rc;
}

int
apphost_check(const struct apphost *host, const struct canopy_config *cfg,
              char **error)
{
    bool same = cfg->n_apps == host->n_apps;
    for (size_t i = 0; same && i < cfg->n_apps; i++) {
        same = !strcmp(cfg->apps[i].name, host->apps[i].name);
    }
    if (!same) {
        *error = xstrdup("the list of apps changed: adding, removing or "
                         "reordering apps needs a restart of canopyd");
        return -1;
    }
    for (size_t i = 0; i < cfg->n_apps; i++) {
        const struct canopy_app *app = &host->apps[i];
        if (apphost_validate_app(app, cfg, i, error)) {
            return -1;
        }
        char path[64];
        snprintf(path, sizeof path, "apps[%zu].settings", i);
        if (app->ops->check && app->state
            && !app->ops->check(app->state, cfg->ycfg, cfg->apps[i].settings,
                                path)) {
            const char *why = ycfg_error(cfg->ycfg);
            *error = apphost_errorf("%s", why ? why : "invalid settings");
            return -1;
        }
    }
    return 0;
}

void
apphost_reconfigure(struct apphost *host, const struct canopy_config *cfg)
{
    for (size_t i = 0; i < host->n_apps; i++) {
        struct canopy_app *app = &host->apps[i];
        if (app->ops->reconfigure) {
            app->ops->reconfigure(app->state, cfg->ycfg,
                                  cfg->apps[i].settings);
        } else {
            log_msg(LOG_INFO, "apphost", "app %s cannot change settings "
                    "while running; its new settings apply at restart",
                    app->name);
        }
    }
}

/* ---- Dry runs. ----------------------------------------------------------- */

struct canopy_plan {
    struct apphost *host;
    struct canopy_app *app;
    struct json_writer *w;
    struct fy_node *list;
};

void
apphost_plan(struct apphost *host, const struct canopy_config *cfg,
             struct json_writer *w, struct fy_node *plan,
             struct fy_node *unplanned)
{
    for (size_t i = 0; i < host->n_apps; i++) {
        struct canopy_app *app = &host->apps[i];
        if (app->ops->plan) {
            struct canopy_plan p = {
                .host = host, .app = app, .w = w, .list = plan,
            };
            app->ops->plan(app->state, cfg->ycfg, cfg->apps[i].settings, &p);
        } else if (app->ops->reconfigure) {
            json_append(unplanned, json_str(w, app->name));
        }
    }
}

void
canopy_plan_flow(struct canopy_plan *p, struct canopy_switch *sw,
                 const char *op, const struct ofp_flow_mod *fm)
{
    /* flowjson_node() reads only the name and flow-mod of a struct
     * flowjson, whose instruction lists may point anywhere. */
    struct flowjson f;
    struct json_writer *w = p->w;
    char dpid[17], cookie[24];
    f.name = NULL;
    f.fm = *fm;
    struct fy_node *node = flowjson_node(w, &f);
    snprintf(dpid, sizeof dpid, "%016llx", (unsigned long long) sw->dpid);
    snprintf(cookie, sizeof cookie, "0x%016llx",
             (unsigned long long) canopy_app_cookie(p->app, fm->cookie));
    json_put_str(w, node, "app", p->app->name);
    json_put_str(w, node, "switch", dpid);
    json_put_str(w, node, "op", op);
    json_put_str(w, node, "cookie", cookie);
    json_append(p->list, node);
}

bool
apphost_describe_cookie(const struct apphost *host, uint64_t cookie,
                        char *buf, size_t size)
{
    uint64_t owner = cookie >> OFCONN_COOKIE_OWNER_SHIFT;
    if (owner < APPHOST_FIRST_APP_ID
        || owner >= APPHOST_FIRST_APP_ID + host->n_apps || !size) {
        return false;
    }
    const struct canopy_app *app = &host->apps[owner - APPHOST_FIRST_APP_ID];
    if (!app->ops->describe_cookie) {
        return false;
    }
    buf[0] = '\0';
    bool ok = app->ops->describe_cookie(app->state,
                                        cookie & ~CANOPY_COOKIE_OWNER_MASK,
                                        buf, size);
    buf[size - 1] = '\0';
    return ok && buf[0];
}

size_t
apphost_n_apps(const struct apphost *host)
{
    return host->n_apps;
}

const struct apphost_app_stats *
apphost_app_stats(const struct apphost *host, size_t i)
{
    return i < host->n_apps ? &host->apps[i].stats : NULL;
}

/* ---- Switches. ---------------------------------------------------------- */

/* Asks for every flow so that flows no one owns can be removed. */
static void
apphost_reconcile_start(struct canopy_switch *sw)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_FLOW_STATS_REQUEST, 0);
    m.u.flow_stats_request.table_id = OFPTT_ALL;
    if (!ofconn_send(sw->ofc, &m, &sw->reconcile_xid)) {
        sw->reconciling = true;
    }
}

void
apphost_set_core_filter(struct apphost *host, apphost_core_filter *filter,
                        void *aux)
{
    host->core_filter = filter;
    host->core_filter_aux = aux;
}

static bool
apphost_owner_known(const struct apphost *host, uint64_t dpid,
                    uint64_t cookie)
{
    uint64_t owner = cookie >> OFCONN_COOKIE_OWNER_SHIFT;
    if (owner == (OFCONN_CORE_COOKIE >> OFCONN_COOKIE_OWNER_SHIFT)) {
        return cookie == OFCONN_CORE_COOKIE
               || (host->core_filter
                   && host->core_filter(host->core_filter_aux, dpid, cookie));
    }
    return owner >= APPHOST_FIRST_APP_ID
           && owner < APPHOST_FIRST_APP_ID + host->n_apps;
}

static void
apphost_reconcile_reply(struct canopy_switch *sw, const struct ofp_msg *m)
{
    const struct ofp_flow_stats_reply *r = &m->u.flow_stats_reply;
    for (size_t i = 0; i < r->n; i++) {
        const struct ofp_flow_stats *fs = &r->entries[i];
        if (apphost_owner_known(sw->host, sw->dpid, fs->cookie)) {
            continue;
        }
        struct ofp_msg del;
        ofp_msg_init(&del, OFPMSG_FLOW_MOD, 0);
        struct ofp_flow_mod *fm = &del.u.flow_mod;
        fm->command = OFPFC_DELETE_STRICT;
        fm->table_id = fs->table_id;
        fm->priority = fs->priority;
        fm->match = fs->match;
        if (ofconn_version(sw->ofc) == OFP13_VERSION) {
            fm->table_id = fs->table_id;
            fm->cookie = fs->cookie;
            fm->cookie_mask = UINT64_MAX;
        } else {
            fm->table_id = OFPTT_ALL;
        }
        if (!ofconn_send(sw->ofc, &del, NULL)) {
            sw->reconcile_deleted++;
        }
    }
    if (!(m->mp_flags & OFPMPF_MORE)) {
        sw->reconciling = false;
        log_msg(LOG_INFO, "apphost", "dpid %016llx reconciled: removed %u "
                "flows no app owns", (unsigned long long) sw->dpid,
                sw->reconcile_deleted);
    }
}

struct canopy_switch *
apphost_switch_up(struct apphost *host, struct conn *conn)
{
    struct canopy_switch *sw = xzalloc(sizeof *sw);
    sw->host = host;
    sw->conn = conn;
    sw->ofc = conn_ofconn(conn);
    sw->dpid = ofconn_dpid(sw->ofc);
    sw->next = host->switches;
    if (host->switches) {
        host->switches->prev = sw;
    }
    host->switches = sw;

    if (host->netview) {
        size_t n_ports;
        const struct ofp_port *ports = ofconn_ports(sw->ofc, &n_ports);
        netview_switch_up(host->netview, sw->dpid, ports, n_ports);
    }
    apphost_reconcile_start(sw);
    for (size_t i = 0; i < host->n_apps; i++) {
        struct canopy_app *app = &host->apps[i];
        if (app->ops->switch_up) {
            app->ops->switch_up(app->state, sw);
        }
    }
    conn_request_flush(conn);
    return sw;
}

void
apphost_switch_down(struct apphost *host, struct canopy_switch *sw)
{
    if (host->netview) {
        netview_switch_down(host->netview, sw->dpid);
    }
    for (size_t i = host->n_apps; i-- > 0;) {
        struct canopy_app *app = &host->apps[i];
        if (app->ops->switch_down) {
            app->ops->switch_down(app->state, sw);
        }
    }
    if (sw->prev) {
        sw->prev->next = sw->next;
    } else {
        host->switches = sw->next;
    }
    if (sw->next) {
        sw->next->prev = sw->prev;
    }
    free(sw->xids);
    free(sw);
}

/* ---- Xids of apps' messages. --------------------------------------------- */

static bool
apphost_app_tracks(const struct canopy_app *app)
{
    return app->ops->error || app->ops->barrier_reply;
}

static void
apphost_xid_push(struct canopy_switch *sw, const struct canopy_app *app,
                 uint32_t xid)
{
    if (sw->n_xids == sw->xid_cap) {
        if (sw->xid_cap < APPHOST_MAX_XIDS) {
            /* Grow, unrolling the ring into the new array. */
            size_t cap = sw->xid_cap ? sw->xid_cap * 2 : 256;
            struct apphost_xid *x = xmalloc(cap * sizeof *x);
            for (size_t i = 0; i < sw->n_xids; i++) {
                x[i] = sw->xids[(sw->xid_head + i) & (sw->xid_cap - 1)];
            }
            free(sw->xids);
            sw->xids = x;
            sw->xid_cap = cap;
            sw->xid_head = 0;
        } else {
            sw->xid_head = (sw->xid_head + 1) & (sw->xid_cap - 1);
            sw->n_xids--;
            sw->xids_forgotten++;
        }
    }
    struct apphost_xid *x = &sw->xids[(sw->xid_head + sw->n_xids)
                                      & (sw->xid_cap - 1)];
    x->xid = xid;
    x->app = (uint16_t) (app - app->host->apps);
    sw->n_xids++;
}

/* The position in the ring of 'xid' (0 = oldest), or SIZE_MAX. */
static size_t
apphost_xid_find(const struct canopy_switch *sw, uint32_t xid)
{
    for (size_t i = sw->n_xids; i-- > 0;) {
        if (sw->xids[(sw->xid_head + i) & (sw->xid_cap - 1)].xid == xid) {
            return i;
        }
    }
    return SIZE_MAX;
}

static void
apphost_switch_error(struct apphost *host, struct canopy_switch *sw,
                     const struct ofp_msg *m)
{
    static struct log_ratelimit rl = LOG_RATELIMIT_INIT(6, 1);
    size_t i = apphost_xid_find(sw, m->xid);
    if (i != SIZE_MAX) {
        struct canopy_app *app
            = &host->apps[sw->xids[(sw->xid_head + i)
                                   & (sw->xid_cap - 1)].app];
        app->stats.switch_errors++;
        if (app->ops->error) {
            app->ops->error(app->state, sw, m->xid, &m->u.error);
            return;
        }
    }
    log_msg_rl(&rl, LOG_WARN, "apphost", "dpid %016llx: error for xid %u: "
               "%s (%s)", (unsigned long long) sw->dpid, m->xid,
               m->u.error.err ? ofperr_name(m->u.error.err)
                              : "non-standard error",
               m->u.error.err ? ofperr_description(m->u.error.err) : "?");
}

/* A switch answers in order: everything sent before the barrier has been
 * answered, so its xids can go. */
static void
apphost_barrier_reply(struct apphost *host, struct canopy_switch *sw,
                      const struct ofp_msg *m)
{
    size_t i = apphost_xid_find(sw, m->xid);
    if (i == SIZE_MAX) {
        return;
    }
    struct canopy_app *app
        = &host->apps[sw->xids[(sw->xid_head + i) & (sw->xid_cap - 1)].app];
    sw->xid_head = (sw->xid_head + i + 1) & (sw->xid_cap - 1);
    sw->n_xids -= i + 1;
    if (app->ops->barrier_reply) {
        app->ops->barrier_reply(app->state, sw, m->xid);
    }
}

/* What canopy_packet_flow() computes on demand: most apps never need it,
 * and building a full match is a good part of a packet-in's cost. */
struct apphost_flow {
    bool done;
    struct ofp_match flow;
};

const struct ofp_match *
canopy_packet_flow(const struct canopy_packet_in *ev)
{
    struct apphost_flow *f = ev->host_private;
    if (!f->done) {
        pkt_flow_extract(ev->pkt, ev->in_port, &f->flow);
        f->done = true;
    }
    return &f->flow;
}

static void
apphost_packet_in(struct apphost *host, struct canopy_switch *sw,
                  const struct ofp_packet_in *pin)
{
    struct pkt_info pkt;
    struct apphost_flow flow;
    int perr = pkt_parse(pin->data, pin->data_len, &pkt);
    if (host->netview
        && netview_packet_in(host->netview, sw->dpid, pin, &pkt, perr)) {
        return;
    }
    flow.done = false;
    struct canopy_packet_in ev = {
        .sw = sw,
        .msg = pin,
        .in_port = pin->in_port,
        .pkt = &pkt,
        .parse_error = perr,
        .host_private = &flow,
    };
    for (size_t i = 0; i < host->n_apps; i++) {
        struct canopy_app *app = &host->apps[i];
        if (!app->ops->packet_in) {
            continue;
        }
        app->stats.packet_ins++;
        if (app->ops->packet_in(app->state, &ev) == CANOPY_STOP) {
            app->stats.stops++;
            break;
        }
    }
}

void
apphost_topology_changed(struct apphost *host)
{
    for (size_t i = 0; i < host->n_apps; i++) {
        struct canopy_app *app = &host->apps[i];
        if (app->ops->topology_changed) {
            app->ops->topology_changed(app->state);
        }
    }
}

void
apphost_message(struct apphost *host, struct canopy_switch *sw,
                const struct ofp_msg *m)
{
    switch (m->type) {
    case OFPMSG_PACKET_IN:
        apphost_packet_in(host, sw, &m->u.packet_in);
        break;
    case OFPMSG_PORT_STATUS:
        if (host->netview) {
            netview_port_status(host->netview, sw->dpid,
                                m->u.port_status.reason,
                                &m->u.port_status.desc);
        }
        for (size_t i = 0; i < host->n_apps; i++) {
            struct canopy_app *app = &host->apps[i];
            if (app->ops->port_status) {
                app->ops->port_status(app->state, sw,
                                      m->u.port_status.reason,
                                      &m->u.port_status.desc);
            }
        }
        break;
    case OFPMSG_FLOW_REMOVED: {
        /* Only the owner hears of its flow. */
        uint64_t owner = m->u.flow_removed.cookie >> OFCONN_COOKIE_OWNER_SHIFT;
        if (owner >= APPHOST_FIRST_APP_ID
            && owner < APPHOST_FIRST_APP_ID + host->n_apps) {
            struct canopy_app *app = &host->apps[owner - APPHOST_FIRST_APP_ID];
            if (app->ops->flow_removed) {
                app->ops->flow_removed(app->state, sw, &m->u.flow_removed);
            }
        }
        break;
    }
    case OFPMSG_FLOW_STATS_REPLY:
        if (sw->reconciling && m->xid == sw->reconcile_xid) {
            apphost_reconcile_reply(sw, m);
        }
        break;
    case OFPMSG_ERROR:
        apphost_switch_error(host, sw, m);
        break;
    case OFPMSG_BARRIER_REPLY:
        apphost_barrier_reply(host, sw, m);
        break;
    default:
        break;
    }
    conn_request_flush(sw->conn);
}

/* ---- The calls of include/canopy/app.h. -------------------------------- */

uint64_t
canopy_switch_dpid(const struct canopy_switch *sw)
{
    return sw->dpid;
}

uint8_t
canopy_switch_version(const struct canopy_switch *sw)
{
    return ofconn_version(sw->ofc);
}

const struct ofp_port *
canopy_switch_ports(const struct canopy_switch *sw, size_t *n)
{
    return ofconn_ports(sw->ofc, n);
}

/* How many pipeline tables the session set up (see ofconn.c). */
static uint8_t
canopy_n_tables(const struct canopy_switch *sw)
{
    if (ofconn_version(sw->ofc) != OFP13_VERSION) {
        return 1;
    }
    uint8_t n = ofconn_features(sw->ofc)->n_tables;
    return n == 0 ? 1 : n < OFCONN_N_TABLES ? n : OFCONN_N_TABLES;
}

uint8_t
canopy_table_ingress(const struct canopy_switch *sw)
{
    (void) sw;
    return OFCONN_TABLE_INGRESS;
}

uint8_t
canopy_table_acl(const struct canopy_switch *sw)
{
    uint8_t n = canopy_n_tables(sw);
    return n > OFCONN_TABLE_ACL ? OFCONN_TABLE_ACL : n - 1;
}

uint8_t
canopy_table_forward(const struct canopy_switch *sw)
{
    return canopy_n_tables(sw) - 1;
}

struct canopy_switch *
canopy_switch_find(struct canopy_app *app, uint64_t dpid)
{
    for (struct canopy_switch *sw = app->host->switches; sw; sw = sw->next) {
        if (sw->dpid == dpid) {
            return sw;
        }
    }
    return NULL;
}

struct canopy_switch *
canopy_switch_next(struct canopy_app *app, const struct canopy_switch *sw)
{
    return sw ? sw->next : app->host->switches;
}

/* ---- Topology. -------------------------------------------------------- */

uint64_t
canopy_topo_version(struct canopy_app *app)
{
    struct netview *nv = app->host->netview;
    return nv ? topo_version(netview_topo(nv)) : 0;
}

size_t
canopy_topo_path(struct canopy_app *app, uint64_t src, uint64_t dst,
                 struct canopy_hop *hops, size_t max)
{
    struct netview *nv = app->host->netview;
    struct topo_hop th[64];
    size_t n = nv ? topo_path(netview_topo(nv), src, dst, th, 64, NULL) : 0;
    if (n > 64) {
        return 0;               /* Longer than any path we install. */
    }
    for (size_t i = 0; i < n && i < max; i++) {
        hops[i].dpid = th[i].dpid;
        hops[i].in_port = th[i].in_port;
        hops[i].out_port = th[i].out_port;
    }
    return n;
}

bool
canopy_topo_flood_port(struct canopy_app *app, uint64_t dpid, uint32_t port)
{
    struct netview *nv = app->host->netview;
    return nv ? topo_flood_port(netview_topo(nv), dpid, port) : true;
}

bool
canopy_topo_edge_port(struct canopy_app *app, uint64_t dpid, uint32_t port)
{
    struct netview *nv = app->host->netview;
    return nv ? topo_port_is_edge(netview_topo(nv), dpid, port) : true;
}

bool
canopy_topo_settled(struct canopy_app *app, uint64_t dpid)
{
    struct netview *nv = app->host->netview;
    return nv ? netview_settled(nv, dpid) : true;
}

bool
canopy_host_find(struct canopy_app *app, const uint8_t mac[6], uint16_t vlan,
                 struct canopy_host *out)
{
    struct netview *nv = app->host->netview;
    const struct host *h = nv ? hosts_find(netview_hosts(nv), mac, vlan,
                                           canopy_now_ms())
                              : NULL;
    if (!h) {
        return false;
    }
    memcpy(out->mac, h->mac, 6);
    out->vlan = h->vlan;
    out->dpid = h->dpid;
    out->port = h->port;
    out->last_seen_ms = h->last_seen_ms;
    return true;
}

bool
canopy_http_route(struct canopy_app *app, const char *method,
                  const char *pattern, canopy_http_handler *handler,
                  void *state)
{
    char *why;
    if (!app->host->admin) {
        canopy_log(app, CANOPY_LOG_WARN, "%s %s not published: the admin "
                   "API is off", method, pattern);
        return false;
    }
    if (admin_add_app_route(app->host->admin, app, method, pattern, handler,
                            state, &why)) {
        canopy_log(app, CANOPY_LOG_ERR, "cannot add route: %s", why);
        free(why);
        return false;
    }
    return true;
}

uint64_t
canopy_app_cookie(const struct canopy_app *app, uint64_t bits)
{
    return ((uint64_t) app->stats.id << OFCONN_COOKIE_OWNER_SHIFT)
           | (bits & ~CANOPY_COOKIE_OWNER_MASK);
}

enum ofperr
canopy_flow_mod(struct canopy_app *app, struct canopy_switch *sw,
                const struct ofp_flow_mod *fm)
{
    return canopy_flow_mod_xid(app, sw, fm, NULL);
}

enum ofperr
canopy_flow_mod_xid(struct canopy_app *app, struct canopy_switch *sw,
                    const struct ofp_flow_mod *fm, uint32_t *xidp)
{
    /* Only the header and the one body the encoder reads: zeroing the
     * whole message union per send shows in packet-in profiles. */
    struct ofp_msg m;
    m.type = OFPMSG_FLOW_MOD;
    m.xid = 0;
    m.mp_flags = 0;
    m.u.flow_mod = *fm;
    struct ofp_flow_mod *f = &m.u.flow_mod;
    f->cookie = canopy_app_cookie(app, fm->cookie);
    if (f->command != OFPFC_ADD && ofconn_version(sw->ofc) == OFP13_VERSION) {
        f->cookie_mask |= CANOPY_COOKIE_OWNER_MASK;
    }
    uint32_t xid = 0;
    enum ofperr err = ofconn_send(sw->ofc, &m, &xid);
    if (err) {
        app->stats.send_errors++;
    } else {
        app->stats.flow_mods++;
        if (apphost_app_tracks(app)) {
            apphost_xid_push(sw, app, xid);
        }
        if (xidp) {
            *xidp = xid;
        }
    }
    conn_request_flush(sw->conn);
    return err;
}

enum ofperr
canopy_packet_out(struct canopy_app *app, struct canopy_switch *sw,
                  const struct ofp_packet_out *po)
{
    struct ofp_msg m;
    m.type = OFPMSG_PACKET_OUT;
    m.xid = 0;
    m.mp_flags = 0;
    m.u.packet_out = *po;
    enum ofperr err = ofconn_send_droppable(sw->ofc, &m, NULL);
    if (err) {
        app->stats.send_errors++;
    } else {
        app->stats.packet_outs++;
    }
    conn_request_flush(sw->conn);
    return err;
}

enum ofperr
canopy_barrier(struct canopy_app *app, struct canopy_switch *sw,
               uint32_t *xid)
{
    struct ofp_msg m;
    uint32_t x = 0;
    ofp_msg_init(&m, OFPMSG_BARRIER_REQUEST, 0);
    enum ofperr err = ofconn_send(sw->ofc, &m, &x);
    if (!err) {
        if (apphost_app_tracks(app)) {
            apphost_xid_push(sw, app, x);
        }
        if (xid) {
            *xid = x;
        }
    }
    conn_request_flush(sw->conn);
    return err;
}

/* ---- Flow stats for apps. ------------------------------------------------ */

struct apphost_stats_req {
    struct canopy_app *app;
    struct canopy_switch *sw;
    struct ofreq *ofreq;        /* The ofreq_set's; NULL once done. */
    canopy_flow_stats_cb *cb;
    void *aux;
    bool error;                 /* The switch answered with an error. */
    bool finished;              /* The last call was made. */
    struct apphost_stats_req *prev, *next;  /* In app->stats_reqs. */
};

static void
apphost_stats_req_free(struct apphost_stats_req *r)
{
    if (r->ofreq) {
        ofreq_cancel(r->ofreq);
    }
    if (r->prev) {
        r->prev->next = r->next;
    } else {
        r->app->stats_reqs = r->next;
    }
    if (r->next) {
        r->next->prev = r->prev;
    }
    free(r);
}

static void
apphost_stats_reply(void *r_, size_t index, const struct ofp_msg *m)
{
    struct apphost_stats_req *r = r_;
    (void) index;
    if (m->type == OFPMSG_ERROR) {
        r->error = true;
        return;
    }
    if (m->type != OFPMSG_FLOW_STATS_REPLY || r->finished) {
        return;
    }
    const struct ofp_flow_stats_reply *fr = &m->u.flow_stats_reply;
    bool last = !(m->mp_flags & OFPMPF_MORE);
    uint64_t cookie = canopy_app_cookie(r->app, 0);
    /* OpenFlow 1.0 cannot restrict a request by cookie: keep the app's. */
    struct ofp_flow_stats *mine = fr->n ? xmalloc(fr->n * sizeof *mine)
                                        : NULL;
    size_t n = 0;
    for (size_t i = 0; i < fr->n; i++) {
        if ((fr->entries[i].cookie & CANOPY_COOKIE_OWNER_MASK) == cookie) {
            mine[n++] = fr->entries[i];
        }
    }
    r->finished = last;
    r->cb(r->aux, r->sw, last ? CANOPY_STATS_DONE : CANOPY_STATS_PART, mine,
          n);
    free(mine);
}

static void
apphost_stats_done(void *r_, enum ofreq_end end)
{
    struct apphost_stats_req *r = r_;
    r->ofreq = NULL;
    if (!r->finished) {
        r->finished = true;
        r->cb(r->aux, r->sw,
              end == OFREQ_TIMEOUT ? CANOPY_STATS_TIMEOUT
              : end == OFREQ_GONE ? CANOPY_STATS_GONE
              : r->error ? CANOPY_STATS_ERROR : CANOPY_STATS_DONE,
              NULL, 0);
    }
    apphost_stats_req_free(r);
}

static const struct ofreq_ops apphost_stats_ops = {
    .reply = apphost_stats_reply,
    .done = apphost_stats_done,
};

enum ofperr
canopy_flow_stats(struct canopy_app *app, struct canopy_switch *sw,
                  uint8_t table, canopy_flow_stats_cb *cb, void *aux)
{
    if (!app->host->ofreqs) {
        return OFPERR_OFPBRC_EPERM;
    }
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_FLOW_STATS_REQUEST, 0);
    struct ofp_flow_stats_request *fsr = &m.u.flow_stats_request;
    fsr->table_id = table;
    if (ofconn_version(sw->ofc) == OFP13_VERSION) {
        fsr->cookie = canopy_app_cookie(app, 0);
        fsr->cookie_mask = CANOPY_COOKIE_OWNER_MASK;
    }
    struct apphost_stats_req *r = xzalloc(sizeof *r);
    r->app = app;
    r->sw = sw;
    r->cb = cb;
    r->aux = aux;
    enum ofperr err;
    r->ofreq = ofreq_start(app->host->ofreqs, sw->conn, &m, 1,
                           APPHOST_STATS_TIMEOUT_MS, &apphost_stats_ops, r,
                           &err);
    if (!r->ofreq) {
        free(r);
        return err;
    }
    r->next = app->stats_reqs;
    if (r->next) {
        r->next->prev = r;
    }
    app->stats_reqs = r;
    return 0;
}

/* ---- Timers. ------------------------------------------------------------- */

struct canopy_timer {
    struct canopy_app *app;
    struct event *ev;           /* Owned. */
    canopy_timer_cb *cb;
    void *aux;
    bool running;               /* Inside 'cb'. */
    bool cancelled;             /* ...and cancelled there: free after. */
    struct canopy_timer *prev, *next;   /* In app->timers. */
};

static void
apphost_timer_unlink(struct canopy_timer *t)
{
    if (t->prev) {
        t->prev->next = t->next;
    } else {
        t->app->timers = t->next;
    }
    if (t->next) {
        t->next->prev = t->prev;
    }
    t->prev = t->next = NULL;
}

static void
apphost_timer_fire(evutil_socket_t fd, short what, void *t_)
{
    struct canopy_timer *t = t_;
    (void) fd;
    (void) what;
    t->running = true;
    t->cb(t->aux);
    t->running = false;
    if (t->cancelled) {
        event_free(t->ev);
        free(t);
    }
}

struct canopy_timer *
canopy_timer_add(struct canopy_app *app, uint64_t interval_ms,
                 canopy_timer_cb *cb, void *aux)
{
    if (!app->host->base) {
        return NULL;
    }
    struct canopy_timer *t = xzalloc(sizeof *t);
    t->app = app;
    t->cb = cb;
    t->aux = aux;
    t->ev = event_new(app->host->base, -1, EV_PERSIST, apphost_timer_fire, t);
    if (!interval_ms) {
        interval_ms = 1;
    }
    struct timeval tv = {
        .tv_sec = (time_t) (interval_ms / 1000),
        .tv_usec = (suseconds_t) (interval_ms % 1000) * 1000,
    };
    event_add(t->ev, &tv);
    t->next = app->timers;
    if (t->next) {
        t->next->prev = t;
    }
    app->timers = t;
    return t;
}

void
canopy_timer_cancel(struct canopy_timer *t)
{
    if (!t || t->cancelled) {
        return;
    }
    apphost_timer_unlink(t);
    event_del(t->ev);
    if (t->running) {
        t->cancelled = true;    /* apphost_timer_fire() frees it. */
        return;
    }
    event_free(t->ev);
    free(t);
}

void
canopy_log(const struct canopy_app *app, enum canopy_log_level level,
           const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    log_vmsg((enum log_level) level, app->name, fmt, args);
    va_end(args);
}

bool
canopy_log_enabled(enum canopy_log_level level)
{
    return log_enabled((enum log_level) level);
}

uint64_t
canopy_now_ms(void)
{
    return controller_now_ms();
}

bool
canopy_service_publish(struct canopy_app *app, const char *name,
                       const void *ops, void *state)
{
    if (app->service_name) {
        canopy_log(app, CANOPY_LOG_ERR, "cannot publish service '%s': "
                   "the app publishes '%s' already", name, app->service_name);
        return false;
    }
    void *other;
    if (canopy_service_find(app, name, &other)) {
        canopy_log(app, CANOPY_LOG_ERR, "cannot publish service '%s': "
                   "another app publishes it", name);
        return false;
    }
    app->service_name = xstrdup(name);
    app->service_ops = ops;
    app->service_state = state;
    return true;
}

const void *
canopy_service_find(struct canopy_app *app, const char *name, void **state)
{
    struct apphost *host = app->host;
    for (size_t i = 0; i < host->n_apps; i++) {
        struct canopy_app *a = &host->apps[i];
        if (a->service_name && !strcmp(a->service_name, name)) {
            *state = a->service_state;
            return a->service_ops;
        }
    }
    *state = NULL;
    return NULL;
}
