/* LLDP discovery: when to send probes, and what their return means.
 *
 * Drives a struct topo (not owned): every 'interval_ms' it asks the caller
 * to send a probe out of every live port of every switch (the caller sends
 * a packet-out), and a probe that comes back as a packet-in becomes a link
 * (topo_link_seen()).  Links not refreshed for 'timeout_ms' are removed.
 * Probes to one switch are spread over the interval rather than sent in
 * one burst.  No clock and no sockets: the caller passes the time and does
 * the sending, so tests drive it with a fake clock. */
#ifndef TOPOLOGY_DISCOVERY_H
#define TOPOLOGY_DISCOVERY_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "topology/lldp.h"

struct topo;
struct disco;

struct disco_settings {
    uint64_t interval_ms;       /* Between probes of one port. */
    uint64_t timeout_ms;        /* A link not refreshed for this long goes;
                                 * at least 2 intervals. */
};

struct disco_stats {
    uint64_t probes_sent;
    uint64_t probes_received;   /* Valid, ours. */
    uint64_t forged;            /* LLDP_FORGED. */
    uint64_t stale;
    uint64_t foreign;           /* LLDP_NOT_OURS. */
    uint64_t malformed;
    uint64_t links_expired;
};

/* Sends one probe frame out of (dpid, port). */
typedef void disco_send_cb(void *aux, uint64_t dpid, uint32_t port,
                           const uint8_t *frame, size_t len);

/* 'key' is copied; 'src_mac' is the source address probes carry. */
struct disco *disco_create(struct topo *, const struct disco_settings *,
                           const uint8_t key[LLDP_KEY_LEN],
                           const uint8_t src_mac[6]);
void disco_destroy(struct disco *);
void disco_set_settings(struct disco *, const struct disco_settings *);

/* Sends the probes due at 'now_ms' through 'send' and expires links. */
void disco_run(struct disco *, uint64_t now_ms, disco_send_cb *send,
               void *aux);
/* When disco_run() next has something to do (absolute ms). */
uint64_t disco_next_wake(const struct disco *);
/* A switch came up (or a port went live): probe its ports soon, not a whole
 * interval later. */
void disco_probe_soon(struct disco *, uint64_t dpid, uint64_t now_ms);

/* An LLDP frame arrived from (dpid, in_port).  Returns what it was; for
 * LLDP_OURS the link is added or refreshed in the topo. */
enum lldp_result disco_packet_in(struct disco *, uint64_t dpid,
                                 uint32_t in_port, const uint8_t *frame,
                                 size_t len, uint64_t now_ms);
const struct disco_stats *disco_stats(const struct disco *);

#endif /* topology/discovery.h */
