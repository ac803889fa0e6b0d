/* The controller's view of the network: the topology graph, LLDP discovery
 * and host tracking of topology/, fed from switch events and serving apps
 * (include/canopy/app.h) and the admin API.
 *
 * The app host calls in on every switch event before the apps hear of it:
 * a switch coming up or going, a port status, a packet-in.  LLDP packet-ins
 * are consumed here (apps never see probes); other packet-ins teach where
 * hosts are, on edge ports only.  A timer sends the probes as packet-outs.
 *
 * Owned by the controller; one per process. */
#ifndef CONTROLLER_NETVIEW_H
#define CONTROLLER_NETVIEW_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct canopy_config;
struct controller;
struct hosts;
struct ofp_packet_in;
struct ofp_port;
struct pkt_info;
struct topo;

struct netview;

/* A link that went away recently, kept for the API and the web page. */
struct netview_down_link {
    uint64_t src_dpid;
    uint32_t src_port;
    uint64_t dst_dpid;
    uint32_t dst_port;
    uint64_t down_at_ms;
};
/* How long a failed link is shown as "down". */
#define NETVIEW_DOWN_SHOW_MS 60000

struct netview *netview_create(struct controller *,
                               const struct canopy_config *);
void netview_destroy(struct netview *);
/* Applies reloaded settings (probe interval, timeouts, link weights). */
void netview_reconfigure(struct netview *, const struct canopy_config *);
/* Called (with 'aux') whenever topo_version() changes, after the change. */
void netview_set_change_cb(struct netview *, void (*cb)(void *aux),
                           void *aux);

/* Switch events, from the app host. */
void netview_switch_up(struct netview *, uint64_t dpid,
                       const struct ofp_port *ports, size_t n_ports);
void netview_switch_down(struct netview *, uint64_t dpid);
void netview_port_status(struct netview *, uint64_t dpid, uint8_t reason,
                         const struct ofp_port *);
/* Returns true if the packet was a probe (or other LLDP) and is consumed. */
bool netview_packet_in(struct netview *, uint64_t dpid,
                       const struct ofp_packet_in *, const struct pkt_info *,
                       int parse_error);

/* True once every port of 'dpid' has been probed and the answers had time
 * to come back: until then a port cannot be told from a link, and flooding
 * there could loop. */
bool netview_settled(const struct netview *, uint64_t dpid);

/* For the API and apps.  Owned by the netview. */
struct topo *netview_topo(const struct netview *);
struct hosts *netview_hosts(const struct netview *);
const struct netview_down_link *netview_down_links(struct netview *,
                                                   size_t *n);
const struct disco_stats *netview_disco_stats(const struct netview *);

#endif /* controller/netview.h */
