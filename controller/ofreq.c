/* Requests to switches whose answers someone waits for: see ofreq.h. */
#include <config.h>

#include "controller/ofreq.h"

#include <event2/event.h>
#include <stdlib.h>

#include "controller/conn.h"
#include "controller/ofconn.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-msgs.h"

struct ofreq {
    struct ofreq_set *set;
    struct conn *conn;          /* Not owned. */
    uint32_t *xids;             /* One per message; owned. */
    size_t n;
    struct event *timer;        /* Owned. */
    const struct ofreq_ops *ops;
    void *aux;
    struct ofreq *prev, *next;
};

struct ofreq_set {
    struct event_base *base;
    struct ofreq *head;
    size_t count;
};

struct ofreq_set *
ofreq_set_create(struct event_base *base)
{
    struct ofreq_set *set = xzalloc(sizeof *set);
    set->base = base;
    return set;
}

size_t
ofreq_set_count(const struct ofreq_set *set)
{
    return set->count;
}

static void
ofreq_free(struct ofreq *r)
{
    struct ofreq_set *set = r->set;
    if (r->prev) {
        r->prev->next = r->next;
    } else {
        set->head = r->next;
    }
    if (r->next) {
        r->next->prev = r->prev;
    }
    set->count--;
    event_free(r->timer);
    free(r->xids);
    free(r);
}

/* Unlinks 'r' before calling done(), so that done() may start new requests
 * or look at the set without seeing this one. */
static void
ofreq_finish(struct ofreq *r, enum ofreq_end end)
{
    const struct ofreq_ops *ops = r->ops;
    void *aux = r->aux;
    ofreq_free(r);
    ops->done(aux, end);
}

void
ofreq_set_destroy(struct ofreq_set *set)
{
    if (set) {
        while (set->head) {
            ofreq_finish(set->head, OFREQ_GONE);
        }
        free(set);
    }
}

static void
ofreq_timeout(evutil_socket_t fd, short what, void *r_)
{
    (void) fd;
    (void) what;
    ofreq_finish(r_, OFREQ_TIMEOUT);
}

struct ofreq *
ofreq_start(struct ofreq_set *set, struct conn *conn,
            const struct ofp_msg *msgs, size_t n, uint64_t timeout_ms,
            const struct ofreq_ops *ops, void *aux, enum ofperr *error)
{
    struct ofconn *ofc = conn_ofconn(conn);
    uint32_t *xids = xmalloc(n * sizeof *xids);

    /* Encode and queue every message before anything waits: a batch that
     * cannot be sent whole is refused.  Messages queued before a failure
     * stay queued (the queue cannot be rewound); for the admin API they
     * are a flow-mod whose barrier failed, which the switch then applies
     * without an answer, as a switch would after a lost barrier. */
    for (size_t i = 0; i < n; i++) {
        enum ofperr err = ofconn_send(ofc, &msgs[i], &xids[i]);
        if (err) {
            free(xids);
            *error = err;
            conn_request_flush(conn);
            return NULL;
        }
    }
    conn_request_flush(conn);

    struct ofreq *r = xzalloc(sizeof *r);
    r->set = set;
    r->conn = conn;
    r->xids = xids;
    r->n = n;
    r->ops = ops;
    r->aux = aux;
    r->timer = evtimer_new(set->base, ofreq_timeout, r);
    struct timeval tv = {
        .tv_sec = (time_t) (timeout_ms / 1000),
        .tv_usec = (suseconds_t) (timeout_ms % 1000) * 1000,
    };
    evtimer_add(r->timer, &tv);
    r->next = set->head;
    if (set->head) {
        set->head->prev = r;
    }
    set->head = r;
    set->count++;
    return r;
}

void
ofreq_cancel(struct ofreq *r)
{
    if (r) {
        ofreq_free(r);
    }
}

/* Messages a switch sends on its own, never as an answer. */
static bool
ofreq_is_async(enum ofp_msg_type type)
{
    return type == OFPMSG_PACKET_IN || type == OFPMSG_PORT_STATUS
           || type == OFPMSG_FLOW_REMOVED || type == OFPMSG_HELLO
           || type == OFPMSG_ECHO_REQUEST;
}

bool
ofreq_set_message(struct ofreq_set *set, struct conn *conn,
                  const struct ofp_msg *msg)
{
    if (!set->head || ofreq_is_async(msg->type)) {
        return false;
    }
    for (struct ofreq *r = set->head; r; r = r->next) {
        if (r->conn != conn) {
            continue;
        }
        for (size_t i = 0; i < r->n; i++) {
            if (r->xids[i] != msg->xid) {
                continue;
            }
            r->ops->reply(r->aux, i, msg);
            bool last_part = !(ofp_msg_type_is_multipart(msg->type)
                               && msg->mp_flags & OFPMPF_MORE);
            if (i == r->n - 1 && (last_part || msg->type == OFPMSG_ERROR)) {
                ofreq_finish(r, OFREQ_DONE);
            }
            return true;
        }
    }
    return false;
}

void
ofreq_set_conn_closed(struct ofreq_set *set, struct conn *conn)
{
    struct ofreq *next;
    for (struct ofreq *r = set->head; r; r = next) {
        next = r->next;
        if (r->conn == conn) {
            ofreq_finish(r, OFREQ_GONE);
            /* done() may have started or ended other requests. */
            next = set->head;
        }
    }
}
