/* The network as the controller knows it: datapaths, their ports, and the
 * directed links between them, with shortest paths and a flood tree.
 *
 * Pure data structures: no sockets, no clock (callers pass the time), no
 * globals, so the whole module runs in unit tests and benchmarks.
 *
 * A link (src_dpid, src_port) -> (dst_dpid, dst_port) exists once a probe
 * sent out of the source port came back in at the destination port (see
 * discovery.h).  A link carries traffic only while the reverse link exists
 * too: a single-homed host replaying a probe can at most make a one-way
 * link, which paths and the flood tree ignore.  Links go away at once when
 * either port goes down or either switch goes away, and when probes stop
 * arriving (topo_links_expire()).
 *
 * Weights: each link's weight is the one configured for its source port
 * (topo_set_weight()), else derived from the source port's speed against a
 * 100 Gb/s reference (100 Gb/s -> 1, 10 Gb/s -> 10, 1 Gb/s -> 100; unknown
 * speed -> 100), at least 1.
 *
 * Every change that can change a path or the flood tree increments
 * topo_version(); paths are computed with Dijkstra (binary heap) per source
 * on demand and cached until the version changes.  Among equal-cost paths
 * the choice is deterministic: it does not depend on the order links were
 * learned (ties broken by the lower (dpid, port) of the previous hop).
 *
 * The flood tree is a spanning tree of the usable links (one per connected
 * component, rooted at its lowest dpid; the shortest-path tree from that
 * root): flooding out of tree ports and edge ports reaches every switch and
 * every edge port exactly once, so broadcasts never loop. */
#ifndef TOPOLOGY_TOPO_H
#define TOPOLOGY_TOPO_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct topo;

struct topo_link {
    uint64_t src_dpid;
    uint32_t src_port;
    uint64_t dst_dpid;
    uint32_t dst_port;
    uint32_t weight;            /* Effective weight (>= 1). */
    bool bidirectional;         /* The reverse link exists: usable. */
    uint64_t first_seen_ms;
    uint64_t last_seen_ms;
};

struct topo *topo_create(void);
void topo_destroy(struct topo *);
/* Incremented on every change that can change a path or the flood tree. */
uint64_t topo_version(const struct topo *);

/* ---- Switches and ports. ----------------------------------------------- */

void topo_switch_add(struct topo *, uint64_t dpid);
/* Removes the switch with its ports and every link to or from it. */
void topo_switch_remove(struct topo *, uint64_t dpid);
bool topo_switch_exists(const struct topo *, uint64_t dpid);
/* The dpids of every switch, ascending, in '*dpids' (malloc'd, caller
 * frees); returns how many. */
size_t topo_switches(const struct topo *, uint64_t **dpids);

/* Adds or updates a port of a known switch.  'live' false (link down, or
 * administratively down) removes the links through it.  'speed_kbps' 0 is
 * unknown. */
void topo_port_set(struct topo *, uint64_t dpid, uint32_t port, bool live,
                   uint32_t speed_kbps);
/* Removes a port and the links through it. */
void topo_port_remove(struct topo *, uint64_t dpid, uint32_t port);
/* The live ports of 'dpid', ascending, in '*ports' (malloc'd, caller frees);
 * returns how many (0 for an unknown switch). */
size_t topo_ports(const struct topo *, uint64_t dpid, uint32_t **ports);
/* True if the port is live and no link (usable or not) starts or ends
 * there: where hosts are. */
bool topo_port_is_edge(const struct topo *, uint64_t dpid, uint32_t port);

/* ---- Links. ------------------------------------------------------------ */

/* A probe from (src_dpid, src_port) arrived at (dst_dpid, dst_port) at
 * 'now_ms'.  Adds the link (both ports must be known and live, and the two
 * ends must differ) or refreshes it.  Returns 1 if the link is new, 0 if it
 * was refreshed, -1 if refused (unknown or dead port, a link to itself). A
 * port has at most one link out: a probe showing a new destination for a
 * source port replaces the old link. */
int topo_link_seen(struct topo *, uint64_t src_dpid, uint32_t src_port,
                   uint64_t dst_dpid, uint32_t dst_port, uint64_t now_ms);
/* Removes links last seen more than 'max_age_ms' before 'now_ms'; returns
 * how many. */
size_t topo_links_expire(struct topo *, uint64_t now_ms, uint64_t max_age_ms);
/* Every link, in '*links' (malloc'd array, caller frees), sorted by
 * (src_dpid, src_port); returns how many. */
size_t topo_links(const struct topo *, struct topo_link **links);
/* The link out of (dpid, port), or false. */
bool topo_link_from(const struct topo *, uint64_t dpid, uint32_t port,
                    struct topo_link *);

/* Configures the weight of links out of (dpid, port); 0 restores the
 * default from the port's speed.  May be set before the port exists. */
void topo_set_weight(struct topo *, uint64_t dpid, uint32_t port,
                     uint32_t weight);

/* ---- Paths and flooding. ------------------------------------------------ */

/* One switch on a path: the packet enters at 'in_port' and leaves at
 * 'out_port'.  The first hop's in_port and the last hop's out_port are
 * TOPO_PORT_NONE (the caller knows where the hosts are). */
#define TOPO_PORT_NONE 0xffffffffu
struct topo_hop {
    uint64_t dpid;
    uint32_t in_port;
    uint32_t out_port;
};

/* The shortest path from switch 'src' to switch 'dst' over usable links:
 * fills up to 'max' hops (src first) and returns the number of hops (1 when
 * src == dst), 0 if there is no path or either switch is unknown.  '*cost'
 * (if non-NULL) gets the sum of weights.  Returns the full count even when
 * it exceeds 'max' (then only 'max' hops are written). */
size_t topo_path(struct topo *, uint64_t src, uint64_t dst,
                 struct topo_hop *hops, size_t max, uint64_t *cost);
/* True if flooding on 'dpid' should send out of 'port': an edge port or a
 * port of a flood-tree link. */
bool topo_flood_port(struct topo *, uint64_t dpid, uint32_t port);

#endif /* topology/topo.h */
