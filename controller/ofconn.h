/* One OpenFlow session with a switch, without I/O.
 *
 * An ofconn is the protocol half of a switch connection: it frames the byte
 * stream into messages, negotiates the version, runs the handshake (HELLO,
 * FEATURES, port descriptions, SET_CONFIG, table-miss flows, barrier), keeps
 * the session alive with echo requests, rate-limits packet-ins and bounds
 * what is queued for the switch.  It never touches a socket or a clock:
 *
 *   - the transport reads into ofconn_rx_space() and calls ofconn_rx_commit();
 *   - the transport writes out what ofconn_tx_data() holds and calls
 *     ofconn_tx_consumed();
 *   - the owner calls ofconn_run() with the time now, and ofconn_next_wake()
 *     says when it next needs to run.
 *
 * So the whole state machine runs in unit tests against bytes made by our
 * own encoder, and the transport (TCP or TLS) stays small.
 *
 * An ofconn never frees itself.  When the session must end it records why
 * (ofconn_close_reason()) and the owner reaps it after the call returns. */
#ifndef CONTROLLER_OFCONN_H
#define CONTROLLER_OFCONN_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp-msgs.h"

struct ofconn;

/* Cookie of the flows the session itself installs (table-miss).  Flow
 * cookies carry their owner in the top 16 bits; 0x0001 is the core. */
#define OFCONN_CORE_COOKIE 0x0001000000000000ull
#define OFCONN_COOKIE_OWNER_SHIFT 48

/* The tables of the OpenFlow 1.3 pipeline (see DESIGN.md). */
#define OFCONN_TABLE_INGRESS 0
#define OFCONN_TABLE_ACL 1
#define OFCONN_TABLE_FORWARD 2
#define OFCONN_N_TABLES 3

struct ofconn_settings {
    uint32_t versions;             /* 1 << OFPxx_VERSION for each allowed. */
    uint64_t echo_interval_ms;     /* Idle time before an echo request. */
    uint64_t echo_timeout_ms;      /* Silence that ends the session. */
    uint64_t handshake_timeout_ms; /* HELLO to READY at most. */
    uint32_t packet_in_rate;       /* Packet-ins per second... */
    uint32_t packet_in_burst;      /* ...and the burst above that. */
    size_t tx_limit;               /* Bytes queued at most; see below. */
};

enum ofconn_state {
    OFCONN_HELLO,       /* HELLO sent, waiting for the switch's. */
    OFCONN_FEATURES,    /* FEATURES_REQUEST sent. */
    OFCONN_PORT_DESC,   /* 1.3: PORT_DESC request sent. */
    OFCONN_BARRIER,     /* SET_CONFIG and table-miss sent, barrier out. */
    OFCONN_READY,       /* Apps may use the switch. */
    OFCONN_CLOSED,      /* Done; see ofconn_close_reason(). */
};

/* What the session tells its owner. */
struct ofconn_handler {
    /* The handshake finished: features and ports are known. */
    void (*ready)(struct ofconn *, void *aux);
    /* A message arrived in READY state.  Echo, and packet-ins dropped by
     * the rate limit, are handled inside and not passed on.  'msg' and
     * 'raw' are valid only during the call. */
    void (*message)(struct ofconn *, const struct ofp_msg *msg,
                    const uint8_t *raw, size_t raw_len, void *aux);
};

/* Counters, for logs, metrics and tests. */
struct ofconn_stats {
    uint64_t rx_msgs, tx_msgs;
    uint64_t rx_bytes, tx_bytes;
    uint64_t packet_ins;           /* Accepted. */
    uint64_t packet_in_drops;      /* Refused by the rate limit. */
    uint64_t tx_drops;             /* Droppable messages refused when the
                                    * queue was over half full. */
    uint64_t errors_rx;            /* OFPT_ERROR from the switch. */
    uint64_t errors_tx;            /* OFPT_ERROR we sent (bad input). */
    uint64_t flow_mods;            /* FLOW_MODs queued, every sender's. */
    uint64_t echo_rtt_ms;          /* Last echo round trip. */
};

/* Creates a session that starts by queuing our HELLO.  'now_ms' is the
 * owner's clock.  The settings are copied. */
struct ofconn *ofconn_create(const struct ofconn_settings *,
                             const struct ofconn_handler *, void *aux,
                             uint64_t now_ms);
void ofconn_destroy(struct ofconn *);
/* Names the session in log lines ("tcp:192.0.2.1:51234"); copied. */
void ofconn_set_name(struct ofconn *, const char *);
const char *ofconn_name(const struct ofconn *);

/* ---- Input. ------------------------------------------------------------ */

/* Returns where the transport may write up to '*space' received bytes
 * (at least 64 KiB: reads are large so one read carries many messages). */
uint8_t *ofconn_rx_space(struct ofconn *, size_t *space);
/* 'n' bytes were written at ofconn_rx_space(): frame and handle every
 * complete message.  Stops early if the session closes. */
void ofconn_rx_commit(struct ofconn *, size_t n, uint64_t now_ms);
/* Convenience for tests: copies 'n' bytes in and commits them. */
void ofconn_rx(struct ofconn *, const void *, size_t n, uint64_t now_ms);

/* ---- Output. ----------------------------------------------------------- */

/* Encodes 'msg' for the session's version and queues it.  Returns 0, the
 * encoder's error, or OFPERR_OFPBRC_EPERM if the queue is full (the session
 * is then closed: a switch that does not read is stuck).  'xid' 0 means
 * "allocate one"; the xid used is returned through 'xidp' if non-NULL. */
enum ofperr ofconn_send(struct ofconn *, const struct ofp_msg *,
                        uint32_t *xidp);
/* Like ofconn_send() for messages that may be dropped under pressure
 * (packet-outs and reactive flows, which the next packet-in repeats):
 * refused with OFPERR_OFPBRC_EPERM, and counted, once the queue is over
 * half of tx_limit; the session stays up. */
enum ofperr ofconn_send_droppable(struct ofconn *, const struct ofp_msg *,
                                  uint32_t *xidp);
/* The transport stopped reading from the switch because the output queue is
 * backed up (or started again).  While it is paused nothing arrives, so the
 * keepalive timeout then means "the switch has not read its messages for
 * that long" and says so when it closes the session. */
void ofconn_set_rx_paused(struct ofconn *, bool paused);
/* The output queue's bound (tx_limit of the settings). */
size_t ofconn_tx_limit(const struct ofconn *);
/* Bytes waiting to be written, and telling that 'n' of them were. */
const uint8_t *ofconn_tx_data(const struct ofconn *, size_t *n);
void ofconn_tx_consumed(struct ofconn *, size_t n);
/* Allocates a transaction id. */
uint32_t ofconn_next_xid(struct ofconn *);

/* ---- Time. ------------------------------------------------------------- */

/* Runs timers: echo requests, echo and handshake timeouts. */
void ofconn_run(struct ofconn *, uint64_t now_ms);
/* When ofconn_run() next has something to do (absolute ms). */
uint64_t ofconn_next_wake(const struct ofconn *);

/* ---- State. ------------------------------------------------------------ */

enum ofconn_state ofconn_state(const struct ofconn *);
const char *ofconn_state_name(enum ofconn_state);
/* Closes the session (idempotent); 'reason' is copied. */
void ofconn_close(struct ofconn *, const char *reason);
/* Why the session closed, or NULL while it is open. */
const char *ofconn_close_reason(const struct ofconn *);
/* Negotiated version (0 before HELLO completes). */
uint8_t ofconn_version(const struct ofconn *);
/* Valid from READY on. */
uint64_t ofconn_dpid(const struct ofconn *);
const struct ofp_switch_features *ofconn_features(const struct ofconn *);
/* The switch's ports (from FEATURES_REPLY in 1.0, PORT_DESC in 1.3), kept
 * current from PORT_STATUS.  Owned by the ofconn. */
const struct ofp_port *ofconn_ports(const struct ofconn *, size_t *n);
const struct ofconn_stats *ofconn_stats(const struct ofconn *);

#endif /* controller/ofconn.h */
