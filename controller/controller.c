/* The controller context: see controller.h. */
#include <config.h>

#include "controller/controller.h"

#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "controller/apphost.h"
#include "controller/config.h"
#include "controller/conn.h"
#include "controller/log.h"
#include "controller/ofconn.h"
#include "ofproto/ofp-buf.h"

/* One open listening socket. */
struct listener {
    struct controller *ctl;
    struct listener *next;
    char *text;                 /* The config's "tcp:ADDR:PORT"; owned. */
    struct evconnlistener *evl;
};

struct controller {
    struct event_base *base;    /* Not owned. */
    struct canopy_config *cfg;  /* Owned. */
    char *config_path;          /* Owned. */
    struct ofconn_settings settings;   /* Derived from 'cfg'. */

    struct apphost *apphost;    /* Owned; NULL before start. */
    struct listener *listeners;
    struct conn *conns;         /* Live connections. */
    struct conn *dead;          /* Closed, waiting for the reaper. */
    size_t n_conns;

    struct event *reaper;
    struct event *sig_term, *sig_int, *sig_hup;
    unsigned int reloads;
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
    log_set_level((enum log_level) c->log_level);
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
        controller_reload(ctl);
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
    controller_apply_settings(ctl);
    ctl->reaper = event_new(base, -1, 0, controller_reap, ctl);
    ctl->sig_term = evsignal_new(base, SIGTERM, controller_signal, ctl);
    ctl->sig_int = evsignal_new(base, SIGINT, controller_signal, ctl);
    ctl->sig_hup = evsignal_new(base, SIGHUP, controller_signal, ctl);
    event_add(ctl->sig_term, NULL);
    event_add(ctl->sig_int, NULL);
    event_add(ctl->sig_hup, NULL);
    return ctl;
}

static void
listener_destroy(struct listener *l)
{
    if (l) {
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
    while (ctl->conns) {
        conn_close(ctl->conns, "controller shutting down");
    }
    controller_reap(-1, 0, ctl);
    apphost_destroy(ctl->apphost);
    event_free(ctl->reaper);
    event_free(ctl->sig_term);
    event_free(ctl->sig_int);
    event_free(ctl->sig_hup);
    config_destroy(ctl->cfg);
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
    int port = 0;
    (void) evl;
    (void) salen;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *) sa;
        inet_ntop(AF_INET, &sin->sin_addr, host, sizeof host);
        port = ntohs(sin->sin_port);
        snprintf(peer, sizeof peer, "tcp:%s:%d", host, port);
    } else {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) sa;
        inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof host);
        port = ntohs(sin6->sin6_port);
        snprintf(peer, sizeof peer, "tcp:[%s]:%d", host, port);
    }
    struct conn *c = conn_create(ctl, fd, peer, &ctl->settings);
    conn_link(&ctl->conns, c);
    ctl->n_conns++;
    conn_flush(c);
}

/* Opens one listening socket.  Returns NULL after logging why. */
static struct listener *
listener_open(struct controller *ctl, const struct cfg_endpoint *ep)
{
    if (ep->transport == CFG_TLS) {
        log_msg(LOG_ERR, "main", "%s: TLS listeners are not supported by "
                "this build yet; use tcp:", ep->text);
        return NULL;
    }
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

struct apphost *
controller_apphost(const struct controller *ctl)
{
    return ctl->apphost;
}

int
controller_start(struct controller *ctl)
{
    char *error;
    ctl->apphost = apphost_create(ctl->cfg, &error);
    if (!ctl->apphost) {
        log_msg(LOG_ERR, "main", "%s", error);
        free(error);
        return -1;
    }
    if (ctl->cfg->n_connect) {
        log_msg(LOG_WARN, "main", "connect: targets are not supported by "
                "this build yet; ignoring %zu of them", ctl->cfg->n_connect);
    }
    return controller_sync_listeners(ctl, ctl->cfg);
}

int
controller_reload(struct controller *ctl)
{
    struct canopy_config *cfg;
    char *error;
    if (config_load(ctl->config_path, &cfg, &error)) {
        log_msg(LOG_ERR, "main", "reload refused, keeping the running "
                "config: %s", error);
        free(error);
        return -1;
    }
    if (apphost_check(ctl->apphost, cfg, &error)) {
        log_msg(LOG_ERR, "main", "reload refused, keeping the running "
                "config: %s", error);
        free(error);
        config_destroy(cfg);
        return -1;
    }
    if (controller_sync_listeners(ctl, cfg)) {
        log_msg(LOG_ERR, "main", "reload refused, keeping the running "
                "config: cannot open its listeners");
        config_destroy(cfg);
        return -1;
    }
    /* The apps' settings nodes live in the config's document: switch the
     * apps over before freeing the old one. */
    apphost_reconfigure(ctl->apphost, cfg);
    config_destroy(ctl->cfg);
    ctl->cfg = cfg;
    controller_apply_settings(ctl);
    ctl->reloads++;
    log_msg(LOG_INFO, "main", "reloaded %s", ctl->config_path);
    return 0;
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

void
controller_switch_ready(struct controller *ctl, struct conn *c)
{
    uint64_t dpid = ofconn_dpid(conn_ofconn(c));
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
    conn_set_switch(c, apphost_switch_up(ctl->apphost, c));
}

void
controller_switch_message(struct controller *ctl, struct conn *c,
                          const struct ofp_msg *msg)
{
    struct canopy_switch *sw = conn_switch(c);
    if (sw) {
        apphost_message(ctl->apphost, sw, msg);
    }
}

void
controller_conn_closed(struct controller *ctl, struct conn *c)
{
    struct canopy_switch *sw = conn_switch(c);
    if (sw) {
        conn_set_switch(c, NULL);
        apphost_switch_down(ctl->apphost, sw);
    }
    conn_unlink(&ctl->conns, c);
    ctl->n_conns--;
    conn_link(&ctl->dead, c);
    event_active(ctl->reaper, 0, 0);
}
