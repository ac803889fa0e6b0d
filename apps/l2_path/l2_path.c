/* l2_path: forwarding across many switches along shortest paths.
 *
 * canopyd's topology (docs/topology.md) says where every host is, which
 * ports are links, the shortest path between two switches and which ports
 * form the flood tree.  With it:
 *
 *   - a packet to a known host installs the path's flows hop by hop, last
 *     hop first, so that when the packet (sent out at the first hop) or the
 *     next one reaches a switch, that switch already forwards it: nothing
 *     comes back to the controller mid-path and nothing loops.  A flow
 *     matches (in_port, VLAN, eth_src, eth_dst), as l2_learning's do, so a
 *     host that moves misses and is routed again;
 *   - a broadcast, multicast or unknown destination is flooded out of the
 *     switch's flood-tree and edge ports, never the one it came in on; the
 *     copies then reach every switch exactly once along the tree.  A flooded
 *     copy that arrives over a link off the tree is a duplicate and dropped;
 *   - until a switch's ports have all been probed, a link cannot be told
 *     from a host port, so nothing is flooded there (hosts retry ARP);
 *   - when the topology changes (a link or switch comes or goes), every flow
 *     of the app is removed: the next packets are routed over the new
 *     shortest paths.
 *
 * Settings (all optional):
 *   idle_timeout: seconds of an installed flow without traffic (60)
 *   hard_timeout: seconds an installed flow lives at most, 0 = no limit (0)
 *   priority:     priority of installed flows (100)
 *   max_flows:    flows remembered per switch for removal (16384); past
 *                 that, every flow of the switch is removed and relearned */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canopy/app.h"
#include "canopy/json.h"
#include "ofproto/ofp-buf.h"

#define L2P_MAX_HOPS 64

struct l2p_settings {
    uint64_t idle_timeout;
    uint64_t hard_timeout;
    uint64_t priority;
    uint64_t max_flows;
};

/* A flow the app installed, kept so that it can be removed on OpenFlow 1.0
 * too (where a delete cannot be restricted to one app's cookie). */
struct l2p_flow {
    uint32_t in_port;
    uint16_t vlan;              /* OFPVID_* form, as matched. */
    uint8_t src[6], dst[6];
};

struct l2p_switch {
    uint64_t dpid;
    struct l2p_flow *flows;     /* Owned. */
    size_t n_flows;
    struct l2p_switch *next;
};

struct l2p {
    struct canopy_app *app;
    struct l2p_settings s;
    struct l2p_switch *switches;
    uint64_t floods, paths, dropped, flushes;
};

static const char *const l2p_keys[] = {
    "idle_timeout", "hard_timeout", "priority", "max_flows", NULL,
};

static bool
l2p_read_settings(struct ycfg *y, struct fy_node *n, const char *path,
                  struct l2p_settings *s)
{
    *s = (struct l2p_settings) {
        .idle_timeout = 60, .hard_timeout = 0, .priority = 100,
        .max_flows = 16384,
    };
    return ycfg_check_mapping(y, n, path, l2p_keys)
           && ycfg_uint(y, n, path, "idle_timeout", 0, 65535,
                        &s->idle_timeout)
           && ycfg_uint(y, n, path, "hard_timeout", 0, 65535,
                        &s->hard_timeout)
           && ycfg_uint(y, n, path, "priority", 1, 65535, &s->priority)
           && ycfg_uint(y, n, path, "max_flows", 16, 1048576, &s->max_flows);
}

static bool
l2p_validate(struct ycfg *y, struct fy_node *settings, const char *path)
{
    struct l2p_settings s;
    return l2p_read_settings(y, settings, path, &s);
}

static struct l2p_switch *
l2p_switch(struct l2p *l2p, uint64_t dpid)
{
    for (struct l2p_switch *ls = l2p->switches; ls; ls = ls->next) {
        if (ls->dpid == dpid) {
            return ls;
        }
    }
    return NULL;
}

/* ---- Flows. ------------------------------------------------------------ */

static void
l2p_match(struct ofp_match *m, const struct l2p_flow *f)
{
    union ofp_field_value v = { .u16 = f->vlan };
    ofp_match_init_catchall(m);
    ofp_match_set_in_port(m, f->in_port);
    ofp_match_set(m, OFPF_VLAN_VID, &v, NULL);
    ofp_match_set_eth_src(m, f->src);
    ofp_match_set_eth_dst(m, f->dst);
}

/* Removes every flow the app installed on 'sw'. */
static void
l2p_flush_switch(struct l2p *l2p, struct canopy_switch *sw,
                 struct l2p_switch *ls)
{
    struct ofp_flow_mod fm;
    ofp_flow_mod_init(&fm, OFPFC_DELETE, canopy_table_forward(sw));
    if (canopy_switch_version(sw) == OFP13_VERSION) {
        /* One delete: the host restricts it to this app's cookie. */
        canopy_flow_mod(l2p->app, sw, &fm);
    } else {
        fm.command = OFPFC_DELETE_STRICT;
        fm.priority = (uint16_t) l2p->s.priority;
        for (size_t i = 0; i < ls->n_flows; i++) {
            l2p_match(&fm.match, &ls->flows[i]);
            canopy_flow_mod(l2p->app, sw, &fm);
        }
    }
    ls->n_flows = 0;
}

static bool
l2p_install(struct l2p *l2p, struct canopy_switch *sw, const struct l2p_flow *f,
            uint32_t out_port)
{
    struct l2p_switch *ls = l2p_switch(l2p, canopy_switch_dpid(sw));
    if (!ls) {
        return false;
    }
    if (ls->n_flows >= l2p->s.max_flows) {
        l2p_flush_switch(l2p, sw, ls);
    }
    struct ofp_action out = { .type = OFPACT_OUTPUT };
    struct ofp_flow_mod fm;
    out.u.output.port = out_port;
    ofp_flow_mod_init(&fm, OFPFC_ADD, canopy_table_forward(sw));
    l2p_match(&fm.match, f);
    fm.priority = (uint16_t) l2p->s.priority;
    fm.idle_timeout = (uint16_t) l2p->s.idle_timeout;
    fm.hard_timeout = (uint16_t) l2p->s.hard_timeout;
    fm.instructions.present = OFPIB_APPLY_ACTIONS;
    fm.instructions.apply.actions = &out;
    fm.instructions.apply.n = 1;
    if (canopy_flow_mod(l2p->app, sw, &fm)) {
        return false;
    }
    if (!ls->flows) {
        ls->flows = xmalloc(l2p->s.max_flows * sizeof *ls->flows);
    }
    ls->flows[ls->n_flows++] = *f;
    return true;
}

/* Sends the packet of 'ev' out of 'n' ports of its switch. */
static void
l2p_output(struct l2p *l2p, const struct canopy_packet_in *ev,
           const uint32_t *ports, size_t n)
{
    struct ofp_action acts[256];
    struct ofp_packet_out po;
    if (!n) {
        return;
    }
    for (size_t i = 0; i < n && i < 256; i++) {
        acts[i] = (struct ofp_action) { .type = OFPACT_OUTPUT };
        acts[i].u.output.port = ports[i];
    }
    memset(&po, 0, sizeof po);
    po.buffer_id = ev->msg->buffer_id;
    po.in_port = ev->in_port;
    po.actions.actions = acts;
    po.actions.n = n < 256 ? n : 256;
    if (po.buffer_id == OFP_NO_BUFFER) {
        po.data = ev->msg->data;
        po.data_len = ev->msg->data_len;
    }
    canopy_packet_out(l2p->app, ev->sw, &po);
}

/* ---- Packets. ---------------------------------------------------------- */

static bool
l2p_is_link_local(const uint8_t mac[6])
{
    static const uint8_t prefix[5] = { 0x01, 0x80, 0xc2, 0x00, 0x00 };
    return !memcmp(mac, prefix, 5) && mac[5] <= 0x0f;
}

static enum canopy_verdict
l2p_flood(struct l2p *l2p, const struct canopy_packet_in *ev, uint64_t dpid)
{
    size_t n_ports;
    const struct ofp_port *ports = canopy_switch_ports(ev->sw, &n_ports);
    uint32_t out[256];
    size_t n = 0;
    for (size_t i = 0; i < n_ports && n < 256; i++) {
        uint32_t p = ports[i].port_no;
        if (p != ev->in_port && p <= OFPP_MAX
            && canopy_topo_flood_port(l2p->app, dpid, p)) {
            out[n++] = p;
        }
    }
    l2p->floods++;
    l2p_output(l2p, ev, out, n);
    return CANOPY_STOP;
}

static enum canopy_verdict
l2p_packet_in(void *l2p_, const struct canopy_packet_in *ev)
{
    struct l2p *l2p = l2p_;
    const struct pkt_info *p = ev->pkt;
    uint64_t dpid = canopy_switch_dpid(ev->sw);
    if (!(p->flags & PKT_F_ETH) || l2p_is_link_local(p->eth_dst)) {
        return CANOPY_CONTINUE;
    }
    if (!canopy_topo_settled(l2p->app, dpid)) {
        l2p->dropped++;
        return CANOPY_STOP;
    }
    bool edge = canopy_topo_edge_port(l2p->app, dpid, ev->in_port);
    bool group = p->eth_dst[0] & 1;
    if (group && !edge
        && !canopy_topo_flood_port(l2p->app, dpid, ev->in_port)) {
        /* A flooded copy over a link off the tree: the tree brings this
         * switch its own copy. */
        l2p->dropped++;
        return CANOPY_STOP;
    }

    uint16_t host_vlan = p->n_vlans ? p->vlans[0].vid : 0;
    struct canopy_host dst;
    if (group || !canopy_host_find(l2p->app, p->eth_dst, host_vlan, &dst)) {
        return l2p_flood(l2p, ev, dpid);
    }
    if (dst.dpid == dpid && dst.port == ev->in_port) {
        return CANOPY_STOP;     /* Both ends behind one port. */
    }

    struct canopy_hop hops[L2P_MAX_HOPS];
    size_t n = canopy_topo_path(l2p->app, dpid, dst.dpid, hops,
                                L2P_MAX_HOPS);
    if (!n || n > L2P_MAX_HOPS) {
        l2p->dropped++;
        return CANOPY_STOP;
    }
    hops[0].in_port = ev->in_port;
    hops[n - 1].out_port = dst.port;

    struct l2p_flow f = {
        .vlan = p->n_vlans ? (uint16_t) (OFPVID_PRESENT | p->vlans[0].vid)
                           : OFPVID_NONE,
    };
    memcpy(f.src, p->eth_src, 6);
    memcpy(f.dst, p->eth_dst, 6);
    /* Last hop first: each switch is ready before traffic reaches it. */
    for (size_t i = n; i-- > 0;) {
        struct canopy_switch *sw = canopy_switch_find(l2p->app, hops[i].dpid);
        f.in_port = hops[i].in_port;
        if (!sw || !l2p_install(l2p, sw, &f, hops[i].out_port)) {
            l2p->dropped++;
            return CANOPY_STOP;
        }
    }
    l2p->paths++;
    l2p_output(l2p, ev, &hops[0].out_port, 1);
    return CANOPY_STOP;
}

/* ---- Life cycle. ------------------------------------------------------- */

static void
l2p_topology_changed(void *l2p_)
{
    struct l2p *l2p = l2p_;
    l2p->flushes++;
    for (struct canopy_switch *sw = canopy_switch_next(l2p->app, NULL); sw;
         sw = canopy_switch_next(l2p->app, sw)) {
        struct l2p_switch *ls = l2p_switch(l2p, canopy_switch_dpid(sw));
        if (ls) {
            l2p_flush_switch(l2p, sw, ls);
        }
    }
}

static void
l2p_switch_up(void *l2p_, struct canopy_switch *sw)
{
    struct l2p *l2p = l2p_;
    struct l2p_switch *ls = xzalloc(sizeof *ls);
    ls->dpid = canopy_switch_dpid(sw);
    ls->next = l2p->switches;
    l2p->switches = ls;
}

static void
l2p_switch_down(void *l2p_, struct canopy_switch *sw)
{
    struct l2p *l2p = l2p_;
    uint64_t dpid = canopy_switch_dpid(sw);
    for (struct l2p_switch **p = &l2p->switches; *p; p = &(*p)->next) {
        if ((*p)->dpid == dpid) {
            struct l2p_switch *ls = *p;
            *p = ls->next;
            free(ls->flows);
            free(ls);
            return;
        }
    }
}

/* GET /v1/apps/l2_path/stats */
static void
l2p_http_stats(void *l2p_, struct canopy_http *h, const char *const params[])
{
    struct l2p *l2p = l2p_;
    struct json_writer w;
    (void) params;
    json_init(&w);
    struct fy_node *root = json_map(&w);
    json_put_u64(&w, root, "paths", l2p->paths);
    json_put_u64(&w, root, "floods", l2p->floods);
    json_put_u64(&w, root, "dropped", l2p->dropped);
    json_put_u64(&w, root, "flushes", l2p->flushes);
    canopy_http_reply(h, 200, &w, root);
}

static void *
l2p_create(struct canopy_app *app, struct ycfg *y, struct fy_node *settings)
{
    struct l2p *l2p = xzalloc(sizeof *l2p);
    l2p->app = app;
    if (!l2p_read_settings(y, settings, "settings", &l2p->s)) {
        canopy_log(app, CANOPY_LOG_ERR, "%s", ycfg_error(y));
        free(l2p);
        return NULL;
    }
    canopy_http_route(app, "GET", "/v1/apps/l2_path/stats", l2p_http_stats,
                      l2p);
    return l2p;
}

static void
l2p_destroy(void *l2p_)
{
    struct l2p *l2p = l2p_;
    while (l2p->switches) {
        struct l2p_switch *ls = l2p->switches;
        l2p->switches = ls->next;
        free(ls->flows);
        free(ls);
    }
    free(l2p);
}

static void
l2p_reconfigure(void *l2p_, struct ycfg *y, struct fy_node *settings)
{
    struct l2p *l2p = l2p_;
    struct l2p_settings s;
    if (l2p_read_settings(y, settings, "settings", &s)) {
        /* The flow arrays are sized by max_flows: start them afresh. */
        l2p_topology_changed(l2p);
        for (struct l2p_switch *ls = l2p->switches; ls; ls = ls->next) {
            free(ls->flows);
            ls->flows = NULL;
        }
        l2p->s = s;
    }
}

const struct canopy_app_ops canopy_app = {
    .abi_version = CANOPY_APP_ABI_VERSION,
    .name = "l2_path",
    .description = "forwarding along shortest paths, flooding on a tree",
    .validate = l2p_validate,
    .create = l2p_create,
    .destroy = l2p_destroy,
    .reconfigure = l2p_reconfigure,
    .switch_up = l2p_switch_up,
    .switch_down = l2p_switch_down,
    .packet_in = l2p_packet_in,
    .topology_changed = l2p_topology_changed,
};
