/* Requests to switches whose answers someone waits for.
 *
 * The admin API reads flows and port counters live and answers a static
 * flow only after the switch has taken it: each is a short batch of
 * OpenFlow messages (a flow-mod and a barrier, say) sent to one switch,
 * whose replies must be routed back to the HTTP request that caused them,
 * within a deadline.  An ofreq is one such batch.
 *
 * Every message of a batch gets its own xid.  A message from the switch
 * with one of those xids (a reply, a multipart part, or an OFPT_ERROR) is
 * handed to the owner's reply() and not to the apps.  The batch is over
 * when its last message is answered (the final part of a multipart reply,
 * a barrier reply, an error), when the deadline passes, or when the switch
 * disconnects; done() is then called exactly once, and the ofreq frees
 * itself after it returns.  Because a switch answers in order, an error to
 * an earlier message of the batch arrives before the answer to the last.
 *
 * Ownership: the ofreq_set (one per controller) owns every ofreq.  The
 * owner holds a pointer only until done() or ofreq_cancel(). */
#ifndef CONTROLLER_OFREQ_H
#define CONTROLLER_OFREQ_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp-errors.h"

struct conn;
struct event_base;
struct ofp_msg;

struct ofreq;
struct ofreq_set;

enum ofreq_end {
    OFREQ_DONE,         /* The last message was answered. */
    OFREQ_TIMEOUT,      /* The deadline passed first. */
    OFREQ_GONE,         /* The switch disconnected first. */
};

struct ofreq_ops {
    /* A message from the switch answering message 'index' of the batch.
     * 'msg' is valid during the call only. */
    void (*reply)(void *aux, size_t index, const struct ofp_msg *msg);
    /* The batch is over; no call follows. */
    void (*done)(void *aux, enum ofreq_end);
};

struct ofreq_set *ofreq_set_create(struct event_base *);
/* Ends every pending request with OFREQ_GONE, then frees the set. */
void ofreq_set_destroy(struct ofreq_set *);
size_t ofreq_set_count(const struct ofreq_set *);

/* Sends the 'n' messages of 'msgs' (with xid 0: xids are assigned here) to the
 * switch on 'conn' and waits at most 'timeout_ms' for the answer to the
 * last one.  Returns the request, or NULL with '*error' set if a message
 * could not be sent (encoder error, or the switch's queue is full); no
 * callback is made then. */
struct ofreq *ofreq_start(struct ofreq_set *, struct conn *,
                          const struct ofp_msg *msgs, size_t n,
                          uint64_t timeout_ms, const struct ofreq_ops *,
                          void *aux, enum ofperr *error);
/* Forgets a pending request without calling done(): for an owner that goes
 * away first.  Answers that still arrive are then nobody's: they go where
 * unclaimed messages go, and apps ignore replies they did not ask for. */
void ofreq_cancel(struct ofreq *);

/* Called by the controller: offers a message from 'conn' to the pending
 * requests; returns true if it answered one (then nothing else sees it). */
bool ofreq_set_message(struct ofreq_set *, struct conn *,
                       const struct ofp_msg *);
/* Called by the controller when 'conn' closes. */
void ofreq_set_conn_closed(struct ofreq_set *, struct conn *);

#endif /* controller/ofreq.h */
