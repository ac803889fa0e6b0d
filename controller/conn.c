/* A connection to a switch: see conn.h. */
#include <config.h>

#include "controller/conn.h"

#include <errno.h>
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "controller/controller.h"
#include "controller/log.h"
#include "controller/ofconn.h"
#include "controller/tls.h"
#include "ofproto/ofp-buf.h"

/* Bytes read from one switch per read callback at most, so one busy switch
 * cannot keep the loop from the others; the level-triggered read event
 * brings us back for the rest. */
#define CONN_READ_BUDGET (1u << 20)


struct conn {
    struct controller *ctl;
    struct conn *prev, *next;   /* In the controller's list. */
    int fd;
    char *peer;                 /* Owned. */
    int64_t connected_at;
    struct event *rd, *wr, *timer;
    struct ofconn *ofc;         /* Owned. */
    struct tls_conn *tls;       /* Owned; NULL for plain TCP. */
    bool handshaking;           /* TLS handshake not finished. */
    bool read_wants_write;      /* TLS read blocked on writability. */
    struct canopy_switch *sw;   /* The app host's; not owned. */
    bool in_read;               /* Inside conn_read_cb(): flush later. */
    bool rx_paused;             /* Not reading: output queue backed up. */
    bool dead;
};

/* Flow control.  Every packet-in may queue a reply, so a switch that sends
 * faster than it reads would fill its output queue with answers that then
 * have to be dropped.  Instead, above a quarter of the queue's bound we
 * stop reading from that switch (its packet-ins wait in its own buffers and
 * the socket), and start again once the queue drains below an eighth. */
static bool
conn_tx_high(const struct conn *c)
{
    size_t n;
    ofconn_tx_data(c->ofc, &n);
    return n > ofconn_tx_limit(c->ofc) / 4;
}

static bool
conn_tx_low(const struct conn *c)
{
    size_t n;
    ofconn_tx_data(c->ofc, &n);
    return n <= ofconn_tx_limit(c->ofc) / 8;
}

static void
conn_flow_control(struct conn *c)
{
    if (!c->rx_paused && conn_tx_high(c)) {
        c->rx_paused = true;
        ofconn_set_rx_paused(c->ofc, true);
        event_del(c->rd);
    } else if (c->rx_paused && conn_tx_low(c)) {
        c->rx_paused = false;
        ofconn_set_rx_paused(c->ofc, false);
        event_add(c->rd, NULL);
        /* TLS may hold decrypted bytes the socket will not signal again. */
        event_active(c->rd, EV_READ, 0);
    }
}

static void conn_read_cb(evutil_socket_t, short, void *);
static void conn_write_cb(evutil_socket_t, short, void *);
static void conn_timer_cb(evutil_socket_t, short, void *);
static void conn_ready(struct ofconn *, void *);
static void conn_message(struct ofconn *, const struct ofp_msg *,
                         const uint8_t *, size_t, void *);

static const struct ofconn_handler conn_handler = {
    .ready = conn_ready,
    .message = conn_message,
};

struct conn *
conn_create(struct controller *ctl, int fd, const char *peer,
            const struct ofconn_settings *settings, struct tls_ctx *tls)
{
    struct conn *c = xzalloc(sizeof *c);
    struct event_base *base = controller_base(ctl);
    c->ctl = ctl;
    c->fd = fd;
    c->peer = xstrdup(peer);
    c->connected_at = (int64_t) time(NULL);
    evutil_make_socket_nonblocking(fd);
    c->ofc = ofconn_create(settings, &conn_handler, c, controller_now_ms());
    ofconn_set_name(c->ofc, c->peer);
    c->rd = event_new(base, fd, EV_READ | EV_PERSIST, conn_read_cb, c);
    c->wr = event_new(base, fd, EV_WRITE, conn_write_cb, c);
    c->timer = event_new(base, -1, 0, conn_timer_cb, c);
    event_add(c->rd, NULL);
    if (tls) {
        c->tls = tls_conn_create(tls, fd);
        c->handshaking = true;
        if (!c->tls) {
            ofconn_close(c->ofc, "cannot start TLS (out of memory)");
        }
    }
    log_msg(LOG_INFO, "conn", "%s: connected%s", c->peer,
            tls ? ", TLS handshake" : "");
    return c;
}

void
conn_destroy(struct conn *c)
{
    if (c) {
        event_free(c->rd);
        event_free(c->wr);
        event_free(c->timer);
        if (c->fd >= 0) {
            close(c->fd);
        }
        tls_conn_destroy(c->tls);
        ofconn_destroy(c->ofc);
        free(c->peer);
        free(c);
    }
}

bool
conn_is_dead(const struct conn *c)
{
    return c->dead;
}

struct ofconn *
conn_ofconn(const struct conn *c)
{
    return c->ofc;
}

const char *
conn_peer(const struct conn *c)
{
    return c->peer;
}

int64_t
conn_connected_at(const struct conn *c)
{
    return c->connected_at;
}

void
conn_close(struct conn *c, const char *reason)
{
    if (c->dead) {
        return;
    }
    ofconn_close(c->ofc, reason);
    c->dead = true;
    event_del(c->rd);
    event_del(c->wr);
    event_del(c->timer);
    /* Send what is queued (an error reply, say) if the socket takes it
     * now; never wait for a switch we are dropping. */
    size_t n;
    const uint8_t *data = ofconn_tx_data(c->ofc, &n);
    if (c->tls) {
        if (!c->handshaking) {
            if (n) {
                ssize_t w = tls_write(c->tls, data, n);
                (void) w;
            }
            tls_conn_shutdown(c->tls);
        }
    } else if (n) {
        ssize_t w = send(c->fd, data, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        (void) w;
    }
    uint64_t dpid = ofconn_dpid(c->ofc);
    if (ofconn_version(c->ofc) && dpid) {
        log_msg(LOG_INFO, "conn", "%s: dpid %016llx disconnected: %s",
                c->peer, (unsigned long long) dpid,
                ofconn_close_reason(c->ofc));
    } else {
        log_msg(LOG_INFO, "conn", "%s: disconnected: %s", c->peer,
                ofconn_close_reason(c->ofc));
    }
    controller_conn_closed(c->ctl, c);
}

/* Receives up to 'n' bytes: >0, 0 at end of stream, -1 with errno (EAGAIN
 * when nothing is there yet). */
static ssize_t
conn_io_recv(struct conn *c, void *buf, size_t n)
{
    if (!c->tls) {
        return recv(c->fd, buf, n, 0);
    }
    ssize_t r = tls_read(c->tls, buf, n);
    c->read_wants_write = r < 0 && errno == EAGAIN && tls_wants_write(c->tls);
    if (c->read_wants_write) {
        event_add(c->wr, NULL);
    }
    return r;
}

static ssize_t
conn_io_send(struct conn *c, const void *buf, size_t n)
{
    return c->tls ? tls_write(c->tls, buf, n)
                  : send(c->fd, buf, n, MSG_NOSIGNAL);
}

/* Why the transport failed, for the close reason. */
static const char *
conn_io_error(const struct conn *c, ssize_t r)
{
    if (c->tls && tls_error(c->tls)) {
        return tls_error(c->tls);
    }
    return r < 0 ? strerror(errno) : "connection closed by the switch";
}

/* Advances the TLS handshake; true once it is done. */
static bool
conn_handshake(struct conn *c)
{
    switch (tls_handshake(c->tls)) {
    case TLS_OK: {
        char subject[256] = "?";
        c->handshaking = false;
        tls_peer_subject(c->tls, subject, sizeof subject);
        log_msg(LOG_INFO, "conn", "%s: TLS %s (%s) with %s", c->peer,
                tls_version_name(c->tls), tls_cipher_name(c->tls), subject);
        return true;
    }
    case TLS_WANT_READ:
        event_del(c->wr);
        return false;
    case TLS_WANT_WRITE:
        event_add(c->wr, NULL);
        return false;
    case TLS_ERROR:
    default: {
        char reason[512];
        snprintf(reason, sizeof reason, "TLS handshake failed: %s",
                 tls_error(c->tls) ? tls_error(c->tls) : "unknown error");
        ofconn_close(c->ofc, reason);
        return false;
    }
    }
}

bool
conn_tls_fingerprint(const struct conn *c, uint8_t sha256[32])
{
    return c->tls && !c->handshaking && tls_peer_fingerprint(c->tls, sha256);
}

bool
conn_tls_subject(const struct conn *c, char *buf, size_t size)
{
    return c->tls && !c->handshaking && tls_peer_subject(c->tls, buf, size);
}

/* After any activity: close if the session ended, else re-arm the timer for
 * the session's next deadline. */
static void
conn_update(struct conn *c)
{
    if (c->dead) {
        return;
    }
    const char *reason = ofconn_close_reason(c->ofc);
    if (reason) {
        conn_close(c, reason);
        return;
    }
    uint64_t now = controller_now_ms();
    uint64_t wake = ofconn_next_wake(c->ofc);
    uint64_t ms = wake > now ? wake - now : 0;
    struct timeval tv = { (time_t) (ms / 1000), (suseconds_t) (ms % 1000) * 1000 };
    event_add(c->timer, &tv);
}

void
conn_flush(struct conn *c)
{
    if (c->dead) {
        return;
    }
    if (c->handshaking && (!c->tls || !conn_handshake(c))) {
        conn_update(c);
        return;
    }
    for (;;) {
        size_t n;
        const uint8_t *data = ofconn_tx_data(c->ofc, &n);
        if (!n) {
            if (!c->read_wants_write) {
                event_del(c->wr);
            }
            break;
        }
        ssize_t w = conn_io_send(c, data, n);
        if (w > 0) {
            ofconn_tx_consumed(c->ofc, (size_t) w);
            continue;
        }
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            /* A TLS write that waits for readability is retried from the
             * read callback, which is always armed. */
            if (!c->tls || tls_wants_write(c->tls)) {
                event_add(c->wr, NULL);
            }
            break;
        }
        ofconn_close(c->ofc, conn_io_error(c, w));
        break;
    }
    conn_flow_control(c);
    conn_update(c);
}

void
conn_request_flush(struct conn *c)
{
    /* Inside its own read callback the batch is flushed at the end.
     * Otherwise the caller may be an app working on another switch: a
     * flush here could close this connection and free its switch under the
     * app's feet, so the flush runs as this connection's own event. */
    if (!c->in_read && !c->dead) {
        event_active(c->wr, EV_WRITE, 0);
    }
}

/* OpenSSL may hold decrypted records after the socket is drained; the
 * level-triggered read event will not fire for them. */
static void
conn_kick_tls(struct conn *c)
{
    if (c->tls && !c->dead && !c->handshaking && !c->rx_paused
        && tls_pending(c->tls)) {
        event_active(c->rd, EV_READ, 0);
    }
}

struct canopy_switch *
conn_switch(const struct conn *c)
{
    return c->sw;
}

void
conn_set_switch(struct conn *c, struct canopy_switch *sw)
{
    c->sw = sw;
}

static void
conn_read_cb(evutil_socket_t fd, short what, void *c_)
{
    struct conn *c = c_;
    size_t budget = CONN_READ_BUDGET;
    (void) what;
    (void) fd;
    if (c->handshaking) {
        conn_flush(c);          /* Advances the handshake. */
        if (c->handshaking || c->dead) {
            return;
        }
    }
    c->in_read = true;
    while (budget && !ofconn_close_reason(c->ofc) && !conn_tx_high(c)) {
        size_t space;
        uint8_t *p = ofconn_rx_space(c->ofc, &space);
        ssize_t n = conn_io_recv(c, p, space);
        if (n > 0) {
            ofconn_rx_commit(c->ofc, (size_t) n, controller_now_ms());
            budget = (size_t) n >= budget ? 0 : budget - (size_t) n;
            /* A short plain read means the socket is drained; TLS hands
             * out one record at a time, so only EAGAIN says that. */
            if (!c->tls && (size_t) n < space) {
                break;
            }
        } else if (n == 0) {
            ofconn_close(c->ofc, conn_io_error(c, 0));
        } else if (errno == EINTR) {
            continue;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            break;
        } else {
            ofconn_close(c->ofc, conn_io_error(c, -1));
        }
    }
    /* Everything the handlers queued in this batch goes out in one go. */
    c->in_read = false;
    conn_flush(c);
    conn_kick_tls(c);
}

static void
conn_write_cb(evutil_socket_t fd, short what, void *c_)
{
    struct conn *c = c_;
    (void) what;
    if (c->read_wants_write) {
        c->read_wants_write = false;
        conn_read_cb(fd, EV_READ, c);
    } else {
        conn_flush(c);
        conn_kick_tls(c);       /* The handshake may have just finished. */
    }
}

static void
conn_timer_cb(evutil_socket_t fd, short what, void *c_)
{
    struct conn *c = c_;
    (void) fd;
    (void) what;
    ofconn_run(c->ofc, controller_now_ms());
    conn_flush(c);
}

static void
conn_ready(struct ofconn *ofc, void *c_)
{
    struct conn *c = c_;
    size_t n_ports;
    ofconn_ports(ofc, &n_ports);
    log_msg(LOG_INFO, "conn", "%s: dpid %016llx ready: OpenFlow %s, %u "
            "tables, %zu ports", c->peer,
            (unsigned long long) ofconn_dpid(ofc),
            ofconn_version(ofc) == 1 ? "1.0" : "1.3",
            ofconn_features(ofc)->n_tables, n_ports);
    controller_switch_ready(c->ctl, c);
}

static void
conn_message(struct ofconn *ofc, const struct ofp_msg *msg,
             const uint8_t *raw, size_t len, void *c_)
{
    struct conn *c = c_;
    (void) raw;
    (void) len;
    if (msg->type == OFPMSG_ERROR) {
        log_msg(LOG_WARN, "conn", "%s: dpid %016llx reports error %s "
                "(type %u code %u) for xid 0x%x", c->peer,
                (unsigned long long) ofconn_dpid(ofc),
                msg->u.error.err ? ofperr_name(msg->u.error.err) : "?",
                msg->u.error.type, msg->u.error.code, msg->xid);
    } else if (msg->type == OFPMSG_PORT_STATUS) {
        const struct ofp_port *p = &msg->u.port_status.desc;
        log_msg(LOG_INFO, "conn", "%s: dpid %016llx port %u (%s) %s%s",
                c->peer, (unsigned long long) ofconn_dpid(ofc), p->port_no,
                p->name,
                msg->u.port_status.reason == OFPPR_ADD ? "added"
                : msg->u.port_status.reason == OFPPR_DELETE ? "deleted"
                : "modified",
                p->state & OFPPS_LINK_DOWN ? ", link down" : "");
    }
    controller_switch_message(c->ctl, c, msg);
}

/* ---- List. ------------------------------------------------------------- */

struct conn *
conn_next(const struct conn *c)
{
    return c->next;
}

void
conn_link(struct conn **head, struct conn *c)
{
    c->prev = NULL;
    c->next = *head;
    if (*head) {
        (*head)->prev = c;
    }
    *head = c;
}

void
conn_unlink(struct conn **head, struct conn *c)
{
    if (c->prev) {
        c->prev->next = c->next;
    } else if (*head == c) {
        *head = c->next;
    }
    if (c->next) {
        c->next->prev = c->prev;
    }
    c->prev = c->next = NULL;
}
