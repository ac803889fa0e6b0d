/* A connection to a switch: a socket, its libevent events, and the ofconn
 * session that speaks OpenFlow over it.
 *
 * The hot path reads into the session's own large buffer, handles every
 * message that arrived, then writes what the handlers queued inline; it arms
 * EV_WRITE only when a write would block.  A connection that ends is
 * unlinked and marked dead, and freed by the controller's reaper after the
 * current callback returns, never inside its own callback. */
#ifndef CONTROLLER_CONN_H
#define CONTROLLER_CONN_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct controller;
struct ofconn;
struct ofconn_settings;
struct tls_ctx;

struct conn;

/* Takes ownership of the connected socket 'fd' (made non-blocking here).
 * 'peer' names it in logs ("tcp:192.0.2.1:51234") and is copied.  With a
 * non-NULL 'tls' the connection first runs a TLS handshake (the ctx says
 * whether we are server or client); OpenFlow starts once it succeeds.  The
 * session's HELLO is queued: the caller links the connection into its list
 * and then calls conn_flush() to send it. */
struct conn *conn_create(struct controller *, int fd, const char *peer,
                         const struct ofconn_settings *, struct tls_ctx *tls);
/* Frees a connection; the controller calls this from its reaper only. */
void conn_destroy(struct conn *);

/* Ends the connection (idempotent): logs 'reason', tells the controller,
 * and leaves the memory to the reaper. */
void conn_close(struct conn *, const char *reason);
bool conn_is_dead(const struct conn *);

struct ofconn *conn_ofconn(const struct conn *);
const char *conn_peer(const struct conn *);
/* Wall-clock time (seconds since the epoch) the connection was accepted. */
int64_t conn_connected_at(const struct conn *);

/* Writes what the session queued; call after queuing messages outside a
 * read callback (from a timer or an API request). */
void conn_flush(struct conn *);

/* TLS peer identity (false for plain TCP or before the handshake). */
bool conn_tls_fingerprint(const struct conn *, uint8_t sha256[32]);
bool conn_tls_subject(const struct conn *, char *buf, size_t size);

/* Asks for queued messages to be written: at once, or at the end of the
 * read batch being handled (so a burst of packet-ins gets one write). */
void conn_request_flush(struct conn *);

/* The app host's view of this connection once it is a switch (not owned;
 * NULL before READY). */
struct canopy_switch *conn_switch(const struct conn *);
void conn_set_switch(struct conn *, struct canopy_switch *);

/* Intrusive list of the controller's connections. */
struct conn *conn_next(const struct conn *);
void conn_link(struct conn **head, struct conn *);
void conn_unlink(struct conn **head, struct conn *);

#endif /* controller/conn.h */
