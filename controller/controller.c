/* The controller context: see controller.h. */
#include <config.h>

#include "controller/controller.h"

#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "canopy/json.h"
#include "controller/admin.h"
#include "controller/apphost.h"
#include "controller/config.h"
#include "controller/conn.h"
#include "controller/log.h"
#include "controller/netview.h"
#include "controller/ofconn.h"
#include "controller/ofreq.h"
#include "controller/staticflow.h"
#include "controller/tls.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

/* One open listening socket. */
struct listener {
    struct controller *ctl;
    struct listener *next;
    char *text;                 /* The config's "tcp:ADDR:PORT"; owned. */
    bool tls;
    struct evconnlistener *evl;
    struct event *resume;       /* Re-enables after an accept error. */
};

/* An outgoing connection to a switch that listens (ptcp:/pssl: on the
 * switch side), kept up with exponential backoff between attempts. */
struct connector {
    struct controller *ctl;
    struct connector *next;
    struct cfg_endpoint ep;     /* 'text' owned. */
    int fd;                     /* Connecting socket, or -1. */
    struct event *timer;        /* Next attempt, or connect timeout. */
    struct event *wr;           /* Connect completion. */
    struct conn *conn;          /* The live connection, not owned. */
    uint64_t backoff_ms;
};

static void connector_destroy(struct connector *);
static void controller_forget_changes(struct controller *);
static void controller_sync_connectors(struct controller *,
                                       const struct canopy_config *);

struct controller {
    struct event_base *base;    /* Not owned. */
    struct canopy_config *cfg;  /* Owned. */
    char *config_path;          /* Owned. */
    struct ofconn_settings settings;   /* Derived from 'cfg'. */
    struct tls_ctx *tls_server;        /* For tls: listeners; owned. */
    struct tls_ctx *tls_client;        /* For tls: connect targets. */
    int log_override;                  /* --log-level, or -1. */

    struct apphost *apphost;    /* Owned; NULL before start. */
    struct admin *admin;        /* Owned; NULL if the API is off. */
    struct ofreq_set *ofreqs;   /* Owned: requests waiting for answers. */
    struct staticflow_set *statics;    /* Owned: the API's static flows. */
    struct netview *netview;    /* Owned: topology, hosts, discovery. */
    struct listener *listeners;
    struct connector *connectors;
    struct conn *conns;         /* Live connections. */
    struct conn *dead;          /* Closed, waiting for the reaper. */
    size_t n_conns;

    struct event *reaper;
    struct event *sig_term, *sig_int, *sig_hup;
    unsigned int reloads;
    char **changes;             /* What the last applied reload changed. */
    size_t n_changes;
};

uint64_t
controller_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000 + (uint64_t) ts.tv_nsec / 1000000;
}

static void
controller_apply_settings(struct controller *ctl)
{
    const struct canopy_config *c = ctl->cfg;
    ctl->settings = (struct ofconn_settings) {
        .versions = c->versions,
        .echo_interval_ms = c->echo_interval_ms,
        .echo_timeout_ms = c->echo_timeout_ms,
        .handshake_timeout_ms = c->echo_timeout_ms,
        .packet_in_rate = c->packet_in_rate,
        .packet_in_burst = c->packet_in_burst,
        .tx_limit = (size_t) c->tx_queue_limit,
    };
    log_set_level((enum log_level) (ctl->log_override >= 0
                                    ? ctl->log_override : c->log_level));
}

/* Makes the TLS contexts of 'cfg' (none if it has no tls: section).
 * Returns 0, or -1 after logging why. */
static int
controller_make_tls(const struct canopy_config *cfg, struct tls_ctx **server,
                    struct tls_ctx **client)
{
    *server = *client = NULL;
    if (!cfg->tls_ca) {
        return 0;
    }
    char *error = NULL;
    *server = tls_ctx_create(cfg->tls_ca, cfg->tls_cert, cfg->tls_key, true,
                             &error);
    if (*server) {
        *client = tls_ctx_create(cfg->tls_ca, cfg->tls_cert, cfg->tls_key,
                                 false, &error);
    }
    if (!*client) {
        log_msg(LOG_ERR, "main", "TLS: %s", error ? error : "unknown error");
        free(error);
        tls_ctx_destroy(*server);
        *server = NULL;
        return -1;
    }
    return 0;
}

/* Frees connections closed during earlier callbacks.  Runs as its own
 * event, so no connection is ever freed inside one of its callbacks. */
static void
controller_reap(evutil_socket_t fd, short what, void *ctl_)
{
    struct controller *ctl = ctl_;
    (void) fd;
    (void) what;
    while (ctl->dead) {
        struct conn *c = ctl->dead;
        conn_unlink(&ctl->dead, c);
        conn_destroy(c);
    }
}

static void
controller_signal(evutil_socket_t sig, short what, void *ctl_)
{
    struct controller *ctl = ctl_;
    (void) what;
    if (sig == SIGHUP) {
        log_msg(LOG_INFO, "main", "SIGHUP: reloading %s", ctl->config_path);
        controller_reload(ctl, NULL);
    } else {
        log_msg(LOG_INFO, "main", "%s: shutting down",
                sig == SIGTERM ? "SIGTERM" : "SIGINT");
        event_base_loopexit(ctl->base, NULL);
    }
}

struct controller *
controller_create(struct event_base *base, struct canopy_config *cfg,
                  const char *config_path)
{
    struct controller *ctl = xzalloc(sizeof *ctl);
    ctl->base = base;
    ctl->cfg = cfg;
    ctl->config_path = xstrdup(config_path);
    ctl->log_override = -1;
    controller_apply_settings(ctl);
    ctl->reaper = event_new(base, -1, 0, controller_reap, ctl);
    ctl->ofreqs = ofreq_set_create(base);
    ctl->statics = staticflow_set_create();
    ctl->sig_term = evsignal_new(base, SIGTERM, controller_signal, ctl);
    ctl->sig_int = evsignal_new(base, SIGINT, controller_signal, ctl);
    ctl->sig_hup = evsignal_new(base, SIGHUP, controller_signal, ctl);
    event_add(ctl->sig_term, NULL);
    event_add(ctl->sig_int, NULL);
    event_add(ctl->sig_hup, NULL);
    return ctl;
}

static void
listener_resume(evutil_socket_t fd, short what, void *l_)
{
    struct listener *l = l_;
    (void) fd;
    (void) what;
    evconnlistener_enable(l->evl);
}

/* accept() failed (out of file descriptors, say): the listening socket stays
 * readable, so without a pause the loop would spin on it. */
static void
listener_error(struct evconnlistener *evl, void *l_)
{
    static struct log_ratelimit rl = LOG_RATELIMIT_INIT(6, 1);
    struct listener *l = l_;
    struct timeval one_second = { 1, 0 };
    log_msg_rl(&rl, LOG_WARN, "main", "%s: accept failed (%s): pausing "
               "for a second", l->text,
               evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
    evconnlistener_disable(evl);
    event_add(l->resume, &one_second);
}

static void
listener_destroy(struct listener *l)
{
    if (l) {
        event_free(l->resume);
        evconnlistener_free(l->evl);
        free(l->text);
        free(l);
    }
}

void
controller_destroy(struct controller *ctl)
{
    if (!ctl) {
        return;
    }
    while (ctl->listeners) {
        struct listener *l = ctl->listeners;
        ctl->listeners = l->next;
        listener_destroy(l);
    }
    while (ctl->connectors) {
        struct connector *k = ctl->connectors;
        ctl->connectors = k->next;
        connector_destroy(k);
    }
    while (ctl->conns) {
        conn_close(ctl->conns, "controller shutting down");
    }
    controller_reap(-1, 0, ctl);
    /* Apps remove their routes from the API as they go, and the API
     * cancels its requests waiting on switches (there are none left: a
     * closing switch ends them) before the request set goes. */
    apphost_destroy(ctl->apphost);
    admin_destroy(ctl->admin);
    ofreq_set_destroy(ctl->ofreqs);
    netview_destroy(ctl->netview);
    staticflow_set_destroy(ctl->statics);
    event_free(ctl->reaper);
    event_free(ctl->sig_term);
    event_free(ctl->sig_int);
    event_free(ctl->sig_hup);
    tls_ctx_destroy(ctl->tls_server);
    tls_ctx_destroy(ctl->tls_client);
    config_destroy(ctl->cfg);
    controller_forget_changes(ctl);
    free(ctl->config_path);
    free(ctl);
}

struct event_base *
controller_base(const struct controller *ctl)
{
    return ctl->base;
}

const struct canopy_config *
controller_config(const struct controller *ctl)
{
    return ctl->cfg;
}

/* ---- Listeners. --------------------------------------------------------- */

static void
controller_accept(struct evconnlistener *evl, evutil_socket_t fd,
                  struct sockaddr *sa, int salen, void *l_)
{
    struct listener *l = l_;
    struct controller *ctl = l->ctl;
    char host[INET6_ADDRSTRLEN] = "?", peer[INET6_ADDRSTRLEN + 16];
    if (ctl->n_conns >= ctl->cfg->max_connections) {
        static struct log_ratelimit rl = LOG_RATELIMIT_INIT(6, 1);
        log_msg_rl(&rl, LOG_WARN, "main", "%s: refusing a connection: "
                   "%zu connections open (switch.max_connections)", l->text,
                   ctl->n_conns);
        evutil_closesocket(fd);
        return;
    }
    int port = 0;
    (void) evl;
    (void) salen;
    const char *proto = l->tls ? "tls" : "tcp";
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *) sa;
        inet_ntop(AF_INET, &sin->sin_addr, host, sizeof host);
        port = ntohs(sin->sin_port);
        snprintf(peer, sizeof peer, "%s:%s:%d", proto, host, port);
    } else {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) sa;
        inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof host);
        port = ntohs(sin6->sin6_port);
        snprintf(peer, sizeof peer, "%s:[%s]:%d", proto, host, port);
    }
    struct conn *c = conn_create(ctl, fd, peer, &ctl->settings,
                                 l->tls ? ctl->tls_server : NULL);
    conn_link(&ctl->conns, c);
    ctl->n_conns++;
    conn_flush(c);
}

/* Opens one listening socket.  Returns NULL after logging why. */
static struct listener *
listener_open(struct controller *ctl, const struct cfg_endpoint *ep)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = AI_PASSIVE | AI_NUMERICSERV,
    }, *ai;
    char port[8];
    snprintf(port, sizeof port, "%u", ep->port);
    int rc = getaddrinfo(ep->host, port, &hints, &ai);
    if (rc) {
        log_msg(LOG_ERR, "main", "%s: %s", ep->text, gai_strerror(rc));
        return NULL;
    }
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd >= 0) {
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        /* So that tcp:0.0.0.0:P and tcp:[::]:P can both be listed. */
        if (ai->ai_family == AF_INET6) {
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        }
    }
    if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) < 0
        || evutil_make_socket_nonblocking(fd) < 0) {
        log_msg(LOG_ERR, "main", "%s: cannot listen: %s", ep->text,
                strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        freeaddrinfo(ai);
        return NULL;
    }
    freeaddrinfo(ai);

    struct listener *l = xzalloc(sizeof *l);
    l->ctl = ctl;
    l->text = xstrdup(ep->text);
    l->tls = ep->transport == CFG_TLS;
    l->evl = evconnlistener_new(ctl->base, controller_accept, l,
                                LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC,
                                128, fd);
    if (!l->evl) {
        log_msg(LOG_ERR, "main", "%s: cannot listen: %s", ep->text,
                strerror(errno));
        close(fd);
        free(l->text);
        free(l);
        return NULL;
    }
    l->resume = evtimer_new(ctl->base, listener_resume, l);
    evconnlistener_set_error_cb(l->evl, listener_error);
    log_msg(LOG_INFO, "main", "listening on %s", ep->text);
    return l;
}

static struct listener *
controller_find_listener(struct controller *ctl, const char *text)
{
    for (struct listener *l = ctl->listeners; l; l = l->next) {
        if (!strcmp(l->text, text)) {
            return l;
        }
    }
    return NULL;
}

/* Makes the open listeners those of 'cfg': opens the new ones first and, if
 * any fails, closes them again and changes nothing. */
static int
controller_sync_listeners(struct controller *ctl,
                          const struct canopy_config *cfg)
{
    struct listener *opened = NULL;
    for (size_t i = 0; i < cfg->n_listen; i++) {
        if (controller_find_listener(ctl, cfg->listen[i].text)) {
            continue;
        }
        struct listener *l = listener_open(ctl, &cfg->listen[i]);
        if (!l) {
            while (opened) {
                struct listener *o = opened;
                opened = o->next;
                listener_destroy(o);
            }
            return -1;
        }
        l->next = opened;
        opened = l;
    }
    /* Close the listeners the new config dropped. */
    for (struct listener **lp = &ctl->listeners; *lp;) {
        struct listener *l = *lp;
        bool keep = false;
        for (size_t i = 0; i < cfg->n_listen; i++) {
            keep |= !strcmp(cfg->listen[i].text, l->text);
        }
        if (keep) {
            lp = &l->next;
        } else {
            log_msg(LOG_INFO, "main", "no longer listening on %s", l->text);
            *lp = l->next;
            listener_destroy(l);
        }
    }
    while (opened) {
        struct listener *o = opened;
        opened = o->next;
        o->next = ctl->listeners;
        ctl->listeners = o;
    }
    return 0;
}

void
controller_set_log_override(struct controller *ctl, int level)
{
    ctl->log_override = level;
    controller_apply_settings(ctl);
}

struct ofreq_set *
controller_ofreqs(const struct controller *ctl)
{
    return ctl->ofreqs;
}

struct admin *
controller_admin(const struct controller *ctl)
{
    return ctl->admin;
}

struct staticflow_set *
controller_staticflows(const struct controller *ctl)
{
    return ctl->statics;
}

struct netview *
controller_netview(const struct controller *ctl)
{
    return ctl->netview;
}

static void
controller_topology_changed(void *ctl_)
{
    struct controller *ctl = ctl_;
    if (ctl->apphost) {
        apphost_topology_changed(ctl->apphost);
    }
}

/* Reconciliation's question about a flow with the core's owner id. */
static bool
controller_keep_core_flow(void *ctl_, uint64_t dpid, uint64_t cookie)
{
    struct controller *ctl = ctl_;
    return staticflow_find_cookie(ctl->statics, dpid, cookie) != NULL;
}

struct apphost *
controller_apphost(const struct controller *ctl)
{
    return ctl->apphost;
}

int
controller_start(struct controller *ctl)
{
    char *error;
    if (controller_make_tls(ctl->cfg, &ctl->tls_server, &ctl->tls_client)) {
        return -1;
    }
    ctl->netview = netview_create(ctl, ctl->cfg);
    /* The API first: apps add their routes to it as they start. */
    if (ctl->cfg->admin_enabled) {
        ctl->admin = admin_create(ctl, ctl->cfg);
        if (!ctl->admin) {
            return -1;
        }
    }
    struct apphost_env env = {
        .admin = ctl->admin,
        .netview = ctl->netview,
        .base = ctl->base,
        .ofreqs = ctl->ofreqs,
    };
    ctl->apphost = apphost_create(ctl->cfg, &env, &error);
    if (!ctl->apphost) {
        log_msg(LOG_ERR, "main", "%s", error);
        free(error);
        return -1;
    }
    apphost_set_core_filter(ctl->apphost, controller_keep_core_flow, ctl);
    netview_set_change_cb(ctl->netview, controller_topology_changed, ctl);
    if (controller_sync_listeners(ctl, ctl->cfg)) {
        return -1;
    }
    controller_sync_connectors(ctl, ctl->cfg);
    return 0;
}

/* Logs why a reload was refused and hands the reason to the caller. */
static int
controller_refuse_reload(char **errorp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
controller_refuse_reload(char **errorp, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    log_msg(LOG_ERR, "main", "reload refused, keeping the running config: "
            "%s", ds_cstr(&ds));
    if (errorp) {
        *errorp = ds_steal(&ds);
    }
    ds_destroy(&ds);
    return -1;
}

static void
controller_forget_changes(struct controller *ctl)
{
    for (size_t i = 0; i < ctl->n_changes; i++) {
        free(ctl->changes[i]);
    }
    free(ctl->changes);
    ctl->changes = NULL;
    ctl->n_changes = 0;
}

static void
controller_note_change(const char *path, void *ctl_)
{
    struct controller *ctl = ctl_;
    ctl->changes = xrealloc(ctl->changes,
                            (ctl->n_changes + 1) * sizeof *ctl->changes);
    ctl->changes[ctl->n_changes++] = xstrdup(path);
}

char *const *
controller_reload_changes(const struct controller *ctl, size_t *n)
{
    *n = ctl->n_changes;
    return ctl->changes;
}

int
controller_reload(struct controller *ctl, char **errorp)
{
    struct canopy_config *cfg;
    char *error;
    int rc;
    if (errorp) {
        *errorp = NULL;
    }
    if (config_load(ctl->config_path, &cfg, &error)) {
        rc = controller_refuse_reload(errorp, "%s", error);
        free(error);
        return rc;
    }
    if (apphost_check(ctl->apphost, cfg, &error)) {
        rc = controller_refuse_reload(errorp, "%s", error);
        free(error);
        config_destroy(cfg);
        return rc;
    }
    struct tls_ctx *server, *client;
    if (controller_make_tls(cfg, &server, &client)) {
        config_destroy(cfg);
        return controller_refuse_reload(errorp, "its TLS files do not load");
    }
    SSL_CTX *admin_tls;
    if (admin_load_tls(cfg, &admin_tls, &error)) {
        rc = controller_refuse_reload(errorp, "%s", error);
        free(error);
        tls_ctx_destroy(server);
        tls_ctx_destroy(client);
        config_destroy(cfg);
        return rc;
    }
    if (controller_sync_listeners(ctl, cfg)) {
        SSL_CTX_free(admin_tls);
        tls_ctx_destroy(server);
        tls_ctx_destroy(client);
        config_destroy(cfg);
        return controller_refuse_reload(errorp, "cannot open its listeners");
    }
    /* Sessions hold references: they keep their old context. */
    tls_ctx_destroy(ctl->tls_server);
    tls_ctx_destroy(ctl->tls_client);
    ctl->tls_server = server;
    ctl->tls_client = client;
    /* The apps' settings nodes live in the config's document: switch the
     * apps over before freeing the old one. */
    apphost_reconfigure(ctl->apphost, cfg);
    netview_reconfigure(ctl->netview, cfg);
    if (ctl->admin && cfg->admin_enabled) {
        admin_reconfigure(ctl->admin, cfg, admin_tls);
    } else if (!ctl->admin != !cfg->admin_enabled) {
        log_msg(LOG_WARN, "main", "turning the admin API on or off needs a "
                "restart");
        SSL_CTX_free(admin_tls);
    } else {
        SSL_CTX_free(admin_tls);
    }
    controller_forget_changes(ctl);
    config_changes(ctl->cfg, cfg, controller_note_change, ctl);
    config_destroy(ctl->cfg);
    ctl->cfg = cfg;
    controller_apply_settings(ctl);
    controller_sync_connectors(ctl, cfg);
    ctl->reloads++;
    log_msg(LOG_INFO, "main", "reloaded %s: %zu settings changed",
            ctl->config_path, ctl->n_changes);
    return 0;
}

/* config_changes() callback of a dry run: appends to a JSON sequence. */
struct controller_plan_changes {
    struct json_writer *w;
    struct fy_node *list;
};

static void
controller_plan_change(const char *path, void *pc_)
{
    struct controller_plan_changes *pc = pc_;
    json_append(pc->list, json_str(pc->w, path));
}

int
controller_reload_plan(struct controller *ctl, struct json_writer *w,
                       struct fy_node *root, char **errorp)
{
    struct canopy_config *cfg;
    char *error;
    *errorp = NULL;
    if (config_load(ctl->config_path, &cfg, &error)) {
        *errorp = error;
        return -1;
    }
    if (apphost_check(ctl->apphost, cfg, &error)) {
        *errorp = error;
        config_destroy(cfg);
        return -1;
    }
    /* Listeners and certificates are checked by the real reload only:
     * opening a listener or loading a key is not a dry run's business. */
    struct controller_plan_changes pc = { w, json_seq(w) };
    config_changes(ctl->cfg, cfg, controller_plan_change, &pc);
    struct fy_node *plan = json_seq(w);
    struct fy_node *unplanned = json_seq(w);
    apphost_plan(ctl->apphost, cfg, w, plan, unplanned);
    json_put(w, root, "changed", pc.list);
    json_put(w, root, "plan", plan);
    json_put(w, root, "unplanned", unplanned);
    config_destroy(cfg);
    return 0;
}

unsigned int
controller_reloads(const struct controller *ctl)
{
    return ctl->reloads;
}

struct conn *
controller_first_conn(const struct controller *ctl)
{
    return ctl->conns;
}

size_t
controller_n_conns(const struct controller *ctl)
{
    return ctl->n_conns;
}

/* ---- Connectors. -------------------------------------------------------- */

#define CONNECT_TIMEOUT_MS 10000

static void connector_attempt(evutil_socket_t, short, void *);

static void
connector_schedule(struct connector *k, uint64_t delay_ms)
{
    struct timeval tv = { (time_t) (delay_ms / 1000),
                          (suseconds_t) (delay_ms % 1000) * 1000 };
    event_del(k->timer);
    event_assign(k->timer, k->ctl->base, -1, 0, connector_attempt, k);
    event_add(k->timer, &tv);
}

/* Waits before the next attempt, longer each time. */
static void
connector_backoff(struct connector *k, const char *why)
{
    log_msg(LOG_INFO, "main", "%s: %s; retrying in %llu ms", k->ep.text, why,
            (unsigned long long) k->backoff_ms);
    connector_schedule(k, k->backoff_ms);
    uint64_t max = k->ctl->cfg->reconnect_max_ms;
    k->backoff_ms = k->backoff_ms * 2 > max ? max : k->backoff_ms * 2;
}

static void
connector_abort(struct connector *k)
{
    event_del(k->wr);
    if (k->fd >= 0) {
        close(k->fd);
        k->fd = -1;
    }
}

static void
connector_connected(evutil_socket_t fd, short what, void *k_)
{
    struct connector *k = k_;
    struct controller *ctl = k->ctl;
    int err = 0;
    socklen_t len = sizeof err;
    (void) what;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) {
        err = errno;
    }
    event_del(k->timer);
    if (err) {
        connector_abort(k);
        connector_backoff(k, strerror(err));
        return;
    }
    k->fd = -1;                 /* The connection owns it now. */
    struct conn *c = conn_create(ctl, fd, k->ep.text, &ctl->settings,
                                 k->ep.transport == CFG_TLS ? ctl->tls_client
                                                            : NULL);
    k->conn = c;
    conn_link(&ctl->conns, c);
    ctl->n_conns++;
    conn_flush(c);
}

/* Starts a connection attempt, or (as the connect timeout) abandons one. */
static void
connector_attempt(evutil_socket_t fd_, short what, void *k_)
{
    struct connector *k = k_;
    (void) fd_;
    (void) what;
    if (k->fd >= 0) {
        connector_abort(k);
        connector_backoff(k, "connection timed out");
        return;
    }
    struct addrinfo hints = {
        .ai_socktype = SOCK_STREAM,
        .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
    }, *ai;
    char port[8];
    snprintf(port, sizeof port, "%u", k->ep.port);
    int rc = getaddrinfo(k->ep.host, port, &hints, &ai);
    if (rc) {
        connector_backoff(k, gai_strerror(rc));
        return;
    }
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    0);
    if (fd < 0) {
        freeaddrinfo(ai);
        connector_backoff(k, strerror(errno));
        return;
    }
    rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
    freeaddrinfo(ai);
    if (rc < 0 && errno != EINPROGRESS) {
        int err = errno;
        close(fd);
        connector_backoff(k, strerror(err));
        return;
    }
    k->fd = fd;
    event_assign(k->wr, k->ctl->base, fd, EV_WRITE, connector_connected, k);
    event_add(k->wr, NULL);
    connector_schedule(k, CONNECT_TIMEOUT_MS);
}

static struct connector *
connector_create(struct controller *ctl, const struct cfg_endpoint *ep)
{
    struct connector *k = xzalloc(sizeof *k);
    k->ctl = ctl;
    k->ep = *ep;
    k->ep.text = xstrdup(ep->text);
    k->fd = -1;
    k->timer = event_new(ctl->base, -1, 0, connector_attempt, k);
    k->wr = event_new(ctl->base, -1, 0, connector_connected, k);
    k->backoff_ms = ctl->cfg->reconnect_min_ms;
    connector_schedule(k, 0);
    log_msg(LOG_INFO, "main", "connecting to %s", k->ep.text);
    return k;
}

static void
connector_destroy(struct connector *k)
{
    if (k) {
        connector_abort(k);
        if (k->conn) {
            struct conn *c = k->conn;
            k->conn = NULL;
            conn_close(c, "no longer in the configuration");
        }
        event_free(k->timer);
        event_free(k->wr);
        free(k->ep.text);
        free(k);
    }
}

/* Makes the connectors those of 'cfg'. */
static void
controller_sync_connectors(struct controller *ctl,
                           const struct canopy_config *cfg)
{
    for (struct connector **kp = &ctl->connectors; *kp;) {
        struct connector *k = *kp;
        bool keep = false;
        for (size_t i = 0; i < cfg->n_connect; i++) {
            keep |= !strcmp(cfg->connect[i].text, k->ep.text);
        }
        if (keep) {
            kp = &k->next;
        } else {
            *kp = k->next;
            connector_destroy(k);
        }
    }
    for (size_t i = 0; i < cfg->n_connect; i++) {
        bool have = false;
        for (struct connector *k = ctl->connectors; k; k = k->next) {
            have |= !strcmp(cfg->connect[i].text, k->ep.text);
        }
        if (!have) {
            struct connector *k = connector_create(ctl, &cfg->connect[i]);
            k->next = ctl->connectors;
            ctl->connectors = k;
        }
    }
}

static struct connector *
controller_find_connector(const struct controller *ctl, const struct conn *c)
{
    for (struct connector *k = ctl->connectors; k; k = k->next) {
        if (k->conn == c) {
            return k;
        }
    }
    return NULL;
}

/* ---- Switches. ---------------------------------------------------------- */

struct conn *
controller_find_switch(const struct controller *ctl, uint64_t dpid)
{
    for (struct conn *c = ctl->conns; c; c = conn_next(c)) {
        const struct ofconn *ofc = conn_ofconn(c);
        if (ofconn_state(ofc) == OFCONN_READY && ofconn_dpid(ofc) == dpid) {
            return c;
        }
    }
    return NULL;
}

size_t
controller_n_switches(const struct controller *ctl)
{
    size_t n = 0;
    for (struct conn *c = ctl->conns; c; c = conn_next(c)) {
        n += ofconn_state(conn_ofconn(c)) == OFCONN_READY;
    }
    return n;
}

/* Checks the switch's certificate against a pin for its datapath id.
 * Returns NULL if acceptable, else why not. */
static const char *
controller_check_pin(const struct controller *ctl, struct conn *c,
                     uint64_t dpid)
{
    const struct canopy_config *cfg = ctl->cfg;
    bool pinned = false;
    uint8_t fp[32];
    bool have_fp = conn_tls_fingerprint(c, fp);
    /* Several pins for one datapath id are alternatives (certificate
     * rotation): any one matching is enough. */
    for (size_t i = 0; i < cfg->n_pins; i++) {
        if (cfg->pins[i].dpid == dpid) {
            pinned = true;
            if (have_fp && !memcmp(fp, cfg->pins[i].sha256, sizeof fp)) {
                return NULL;
            }
        }
    }
    if (!pinned) {
        return NULL;
    }
    return have_fp ? "its certificate does not match the pin for its "
                     "datapath id"
                   : "its datapath id is pinned to a certificate, but it "
                     "connected without TLS";
}

void
controller_switch_ready(struct controller *ctl, struct conn *c)
{
    uint64_t dpid = ofconn_dpid(conn_ofconn(c));
    const char *pin_error = controller_check_pin(ctl, c, dpid);
    if (pin_error) {
        char reason[256];
        snprintf(reason, sizeof reason, "dpid %016llx refused: %s",
                 (unsigned long long) dpid, pin_error);
        conn_close(c, reason);
        return;
    }
    for (struct conn *o = ctl->conns; o; o = conn_next(o)) {
        if (o != c && ofconn_state(conn_ofconn(o)) == OFCONN_READY
            && ofconn_dpid(conn_ofconn(o)) == dpid) {
            char reason[256];
            snprintf(reason, sizeof reason,
                     "replaced by a new connection from %s", conn_peer(c));
            conn_close(o, reason);
            break;
        }
    }
    struct connector *k = controller_find_connector(ctl, c);
    if (k) {
        k->backoff_ms = ctl->cfg->reconnect_min_ms;
    }
    conn_set_switch(c, apphost_switch_up(ctl->apphost, c));

    /* The switch may have restarted without them: install the static flows
     * again (an identical flow is replaced, which changes nothing). */
    unsigned int n = 0;
    for (const struct staticflow *sf = staticflow_next(ctl->statics, dpid,
                                                       NULL);
         sf; sf = staticflow_next(ctl->statics, dpid, sf)) {
        struct ofp_msg m;
        staticflow_add_msg(sf->flow, sf->cookie, &m);
        n += !ofconn_send(conn_ofconn(c), &m, NULL);
    }
    if (n) {
        log_msg(LOG_INFO, "main", "dpid %016llx: %u static flows installed "
                "again", (unsigned long long) dpid, n);
        conn_request_flush(c);
    }
}

void
controller_switch_message(struct controller *ctl, struct conn *c,
                          const struct ofp_msg *msg)
{
    struct canopy_switch *sw = conn_switch(c);
    if (ofreq_set_message(ctl->ofreqs, c, msg)) {
        conn_request_flush(c);
    } else if (sw) {
        apphost_message(ctl->apphost, sw, msg);
    }
}

void
controller_conn_closed(struct controller *ctl, struct conn *c)
{
    struct canopy_switch *sw = conn_switch(c);
    ofreq_set_conn_closed(ctl->ofreqs, c);
    if (sw) {
        conn_set_switch(c, NULL);
        apphost_switch_down(ctl->apphost, sw);
    }
    struct connector *k = controller_find_connector(ctl, c);
    if (k) {
        k->conn = NULL;
        connector_backoff(k, "disconnected");
    }
    conn_unlink(&ctl->conns, c);
    ctl->n_conns--;
    conn_link(&ctl->dead, c);
    event_active(ctl->reaper, 0, 0);
}
