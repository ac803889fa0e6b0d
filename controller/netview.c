/* The controller's view of the network: see netview.h. */
#include <config.h>

#include "controller/netview.h"

#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "controller/config.h"
#include "controller/conn.h"
#include "controller/controller.h"
#include "controller/log.h"
#include "controller/ofconn.h"
#include "ofproto/ofp-actions.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-msgs.h"
#include "ofproto/packet.h"
#include "topology/discovery.h"
#include "topology/hosts.h"
#include "topology/topo.h"

#define NETVIEW_MAX_DOWN 256

/* When a switch came up, for netview_settled(). */
struct netview_switch {
    uint64_t dpid;
    uint64_t up_at_ms;
};

struct netview {
    struct controller *ctl;         /* Not owned. */
    struct topo *topo;              /* Owned. */
    struct disco *disco;            /* Owned. */
    struct hosts *hosts;            /* Owned. */
    struct event *timer;            /* Owned. */
    uint64_t interval_ms;

    struct netview_switch *switches;    /* Owned array. */
    size_t n_switches;

    /* Links as of the last change, to tell which went away. */
    struct topo_link *links;        /* Owned. */
    size_t n_links;
    uint64_t links_version;
    struct netview_down_link down[NETVIEW_MAX_DOWN];
    size_t n_down;

    void (*change_cb)(void *aux);
    void *change_aux;
};

static void netview_schedule(struct netview *);

/* Records the links that disappeared since the last look, forgets hosts on
 * ports that became links, and tells the owner the topology changed. */
static void
netview_changed(struct netview *nv)
{
    if (topo_version(nv->topo) == nv->links_version) {
        return;
    }
    uint64_t now = controller_now_ms();
    struct topo_link *links;
    size_t n = topo_links(nv->topo, &links);

    /* Both arrays are sorted by (src_dpid, src_port): one merge finds what
     * went and what came. */
    size_t i = 0, j = 0;
    while (i < nv->n_links || j < n) {
        const struct topo_link *o = i < nv->n_links ? &nv->links[i] : NULL;
        const struct topo_link *l = j < n ? &links[j] : NULL;
        int cmp = !o ? 1 : !l ? -1
                  : o->src_dpid != l->src_dpid
                    ? (o->src_dpid < l->src_dpid ? -1 : 1)
                  : o->src_port != l->src_port
                    ? (o->src_port < l->src_port ? -1 : 1) : 0;
        if (cmp < 0 || (cmp == 0 && (o->dst_dpid != l->dst_dpid
                                     || o->dst_port != l->dst_port))) {
            /* Gone (or replaced by a link elsewhere). */
            if (nv->n_down == NETVIEW_MAX_DOWN) {
                memmove(nv->down, nv->down + 1,
                        (NETVIEW_MAX_DOWN - 1) * sizeof *nv->down);
                nv->n_down--;
            }
            nv->down[nv->n_down++] = (struct netview_down_link) {
                .src_dpid = o->src_dpid, .src_port = o->src_port,
                .dst_dpid = o->dst_dpid, .dst_port = o->dst_port,
                .down_at_ms = now,
            };
            log_msg(LOG_INFO, "topology", "link %016llx:%u -> %016llx:%u "
                    "down", (unsigned long long) o->src_dpid, o->src_port,
                    (unsigned long long) o->dst_dpid, o->dst_port);
        }
        if (cmp > 0 || (cmp == 0 && (o->dst_dpid != l->dst_dpid
                                     || o->dst_port != l->dst_port))) {
            /* New: hosts seen on these ports were never hosts. */
            hosts_forget_port(nv->hosts, l->src_dpid, l->src_port);
            hosts_forget_port(nv->hosts, l->dst_dpid, l->dst_port);
            log_msg(LOG_INFO, "topology", "link %016llx:%u -> %016llx:%u "
                    "up (weight %u)", (unsigned long long) l->src_dpid,
                    l->src_port, (unsigned long long) l->dst_dpid,
                    l->dst_port, l->weight);
        }
        i += cmp <= 0;
        j += cmp >= 0;
    }
    free(nv->links);
    nv->links = links;
    nv->n_links = n;
    nv->links_version = topo_version(nv->topo);
    if (nv->change_cb) {
        nv->change_cb(nv->change_aux);
    }
}

/* ---- Probes. ----------------------------------------------------------- */

static void
netview_send_probe(void *nv_, uint64_t dpid, uint32_t port,
                   const uint8_t *frame, size_t len)
{
    struct netview *nv = nv_;
    struct conn *c = controller_find_switch(nv->ctl, dpid);
    if (!c) {
        return;
    }
    struct ofp_action out = { .type = OFPACT_OUTPUT };
    out.u.output.port = port;
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_PACKET_OUT, 0);
    m.u.packet_out.buffer_id = OFP_NO_BUFFER;
    m.u.packet_out.in_port = OFPP_CONTROLLER;
    m.u.packet_out.actions.actions = &out;
    m.u.packet_out.actions.n = 1;
    m.u.packet_out.data = frame;
    m.u.packet_out.data_len = len;
    /* A probe lost to a backed-up queue is sent again next interval. */
    if (!ofconn_send_droppable(conn_ofconn(c), &m, NULL)) {
        conn_request_flush(c);
    }
}

static void
netview_run(evutil_socket_t fd, short what, void *nv_)
{
    struct netview *nv = nv_;
    (void) fd;
    (void) what;
    disco_run(nv->disco, controller_now_ms(), netview_send_probe, nv);
    netview_changed(nv);
    netview_schedule(nv);
}

static void
netview_schedule(struct netview *nv)
{
    uint64_t now = controller_now_ms(), wake = disco_next_wake(nv->disco);
    uint64_t delay = wake > now ? wake - now : 0;
    if (delay > nv->interval_ms) {
        delay = nv->interval_ms;
    }
    struct timeval tv = {
        .tv_sec = (time_t) (delay / 1000),
        .tv_usec = (suseconds_t) (delay % 1000) * 1000,
    };
    evtimer_add(nv->timer, &tv);
}

/* ---- Life cycle. ------------------------------------------------------- */

static void
netview_apply(struct netview *nv, const struct canopy_config *cfg)
{
    struct disco_settings s = {
        .interval_ms = cfg->lldp_interval_ms,
        .timeout_ms = cfg->link_timeout_ms,
    };
    nv->interval_ms = cfg->lldp_interval_ms;
    disco_set_settings(nv->disco, &s);
    for (size_t i = 0; i < cfg->n_link_weights; i++) {
        const struct cfg_link_weight *w = &cfg->link_weights[i];
        topo_set_weight(nv->topo, w->dpid, w->port, w->weight);
    }
}

struct netview *
netview_create(struct controller *ctl, const struct canopy_config *cfg)
{
    struct netview *nv = xzalloc(sizeof *nv);
    uint8_t key[LLDP_KEY_LEN];
    /* A fresh secret per run: probes of an earlier run (or anyone else's)
     * never verify. */
    if (getrandom(key, sizeof key, 0) != sizeof key) {
        log_msg(LOG_ERR, "topology", "getrandom failed: cannot key the "
                "LLDP probes");
        abort();
    }
    /* Locally administered, unicast source address for probes. */
    uint8_t mac[6] = { 0x02, key[0], key[1], key[2], key[3], key[4] };
    struct disco_settings s = {
        .interval_ms = cfg->lldp_interval_ms,
        .timeout_ms = cfg->link_timeout_ms,
    };
    nv->ctl = ctl;
    nv->topo = topo_create();
    nv->hosts = hosts_create(cfg->max_hosts, cfg->host_age_ms);
    nv->disco = disco_create(nv->topo, &s, key, mac);
    nv->links_version = topo_version(nv->topo);
    nv->timer = evtimer_new(controller_base(ctl), netview_run, nv);
    netview_apply(nv, cfg);
    netview_schedule(nv);
    memset(key, 0, sizeof key);
    return nv;
}

void
netview_destroy(struct netview *nv)
{
    if (nv) {
        event_free(nv->timer);
        disco_destroy(nv->disco);
        hosts_destroy(nv->hosts);
        topo_destroy(nv->topo);
        free(nv->switches);
        free(nv->links);
        free(nv);
    }
}

void
netview_reconfigure(struct netview *nv, const struct canopy_config *cfg)
{
    netview_apply(nv, cfg);
    netview_changed(nv);
}

void
netview_set_change_cb(struct netview *nv, void (*cb)(void *aux), void *aux)
{
    nv->change_cb = cb;
    nv->change_aux = aux;
}

/* ---- Switch events. ---------------------------------------------------- */

static bool
netview_port_live(const struct ofp_port *p)
{
    return !(p->state & OFPPS_LINK_DOWN) && !(p->config & OFPPC_PORT_DOWN);
}

/* The speed of a port in kb/s (0 if unknown). */
static uint32_t
netview_port_speed(const struct ofp_port *p)
{
    static const struct { uint32_t bits, kbps; } speeds[] = {
        { OFPPF_1TB_FD, 1000000000 }, { OFPPF_100GB_FD, 100000000 },
        { OFPPF_40GB_FD, 40000000 }, { OFPPF_10GB_FD, 10000000 },
        { OFPPF_1GB_FD | OFPPF_1GB_HD, 1000000 },
        { OFPPF_100MB_FD | OFPPF_100MB_HD, 100000 },
        { OFPPF_10MB_FD | OFPPF_10MB_HD, 10000 },
    };
    if (p->curr_speed) {
        return p->curr_speed;
    }
    for (size_t i = 0; i < sizeof speeds / sizeof *speeds; i++) {
        if (p->curr & speeds[i].bits) {
            return speeds[i].kbps;
        }
    }
    return 0;
}

static void
netview_set_port(struct netview *nv, uint64_t dpid, const struct ofp_port *p)
{
    /* Reserved ports (LOCAL and the like) are not part of the graph. */
    if (p->port_no == 0 || p->port_no > OFPP_MAX) {
        return;
    }
    bool live = netview_port_live(p);
    topo_port_set(nv->topo, dpid, p->port_no, live, netview_port_speed(p));
    if (!live) {
        hosts_forget_port(nv->hosts, dpid, p->port_no);
    }
}

void
netview_switch_up(struct netview *nv, uint64_t dpid,
                  const struct ofp_port *ports, size_t n_ports)
{
    uint64_t now = controller_now_ms();
    topo_switch_add(nv->topo, dpid);
    for (size_t i = 0; i < n_ports; i++) {
        netview_set_port(nv, dpid, &ports[i]);
    }
    size_t i;
    for (i = 0; i < nv->n_switches && nv->switches[i].dpid != dpid; i++) {
        continue;
    }
    if (i == nv->n_switches) {
        nv->switches = xrealloc(nv->switches,
                                (i + 1) * sizeof *nv->switches);
        nv->n_switches++;
    }
    nv->switches[i] = (struct netview_switch) { dpid, now };
    disco_probe_soon(nv->disco, dpid, now);
    netview_changed(nv);
    /* Probe now rather than at the next tick. */
    event_active(nv->timer, 0, 0);
}

void
netview_switch_down(struct netview *nv, uint64_t dpid)
{
    topo_switch_remove(nv->topo, dpid);
    hosts_forget_switch(nv->hosts, dpid);
    for (size_t i = 0; i < nv->n_switches; i++) {
        if (nv->switches[i].dpid == dpid) {
            nv->switches[i] = nv->switches[--nv->n_switches];
            break;
        }
    }
    netview_changed(nv);
}

void
netview_port_status(struct netview *nv, uint64_t dpid, uint8_t reason,
                    const struct ofp_port *p)
{
    if (reason == OFPPR_DELETE) {
        topo_port_remove(nv->topo, dpid, p->port_no);
        hosts_forget_port(nv->hosts, dpid, p->port_no);
    } else {
        bool was_live = false;
        uint32_t *ports;
        size_t n = topo_ports(nv->topo, dpid, &ports);
        for (size_t i = 0; i < n; i++) {
            was_live |= ports[i] == p->port_no;
        }
        free(ports);
        netview_set_port(nv, dpid, p);
        if (!was_live && netview_port_live(p)) {
            disco_probe_soon(nv->disco, dpid, controller_now_ms());
            event_active(nv->timer, 0, 0);
        }
    }
    netview_changed(nv);
}

bool
netview_packet_in(struct netview *nv, uint64_t dpid,
                  const struct ofp_packet_in *pin, const struct pkt_info *pkt,
                  int parse_error)
{
    uint64_t now = controller_now_ms();
    if (pkt->flags & PKT_F_LLDP) {
        enum lldp_result r = disco_packet_in(nv->disco, dpid, pin->in_port,
                                             pin->data, pin->data_len, now);
        if (r == LLDP_FORGED) {
            static struct log_ratelimit rl = LOG_RATELIMIT_INIT(6, 1);
            log_msg_rl(&rl, LOG_WARN, "topology", "dpid %016llx port %u: "
                       "forged LLDP probe ignored",
                       (unsigned long long) dpid, pin->in_port);
        }
        netview_changed(nv);
        return true;
    }
    /* Hosts live on edge ports; a frame from a link port is one a switch
     * forwarded, and its source is somewhere else. */
    if (parse_error && !pkt->payload) {
        return false;
    }
    if ((pkt->eth_src[0] & 1) || !topo_port_is_edge(nv->topo, dpid,
                                                     pin->in_port)) {
        return false;
    }
    uint16_t vlan = pkt->n_vlans ? pkt->vlans[0].vid : 0;
    struct host old;
    enum hosts_learn l = hosts_learn(nv->hosts, pkt->eth_src, vlan, dpid,
                                     pin->in_port, now, &old);
    if (l == HOSTS_MOVED) {
        log_msg(LOG_INFO, "topology", "host %02x:%02x:%02x:%02x:%02x:%02x "
                "moved from %016llx:%u to %016llx:%u", pkt->eth_src[0],
                pkt->eth_src[1], pkt->eth_src[2], pkt->eth_src[3],
                pkt->eth_src[4], pkt->eth_src[5],
                (unsigned long long) old.dpid, old.port,
                (unsigned long long) dpid, pin->in_port);
    }
    if (pkt->eth_type == PKT_ETH_TYPE_ARP && pkt->arp_spa) {
        hosts_add_ipv4(nv->hosts, pkt->eth_src, vlan, pkt->arp_spa);
    } else if (pkt->eth_type == PKT_ETH_TYPE_IPV4 && pkt->ipv4_src) {
        hosts_add_ipv4(nv->hosts, pkt->eth_src, vlan, pkt->ipv4_src);
    } else if (pkt->eth_type == PKT_ETH_TYPE_IPV6) {
        hosts_add_ipv6(nv->hosts, pkt->eth_src, vlan, pkt->ipv6_src);
    }
    return false;
}

bool
netview_settled(const struct netview *nv, uint64_t dpid)
{
    uint64_t now = controller_now_ms();
    for (size_t i = 0; i < nv->n_switches; i++) {
        if (nv->switches[i].dpid == dpid) {
            /* One full round of probes, and time for them to come back. */
            return now - nv->switches[i].up_at_ms >= nv->interval_ms * 3 / 2;
        }
    }
    return false;
}

struct topo *
netview_topo(const struct netview *nv)
{
    return nv->topo;
}

struct hosts *
netview_hosts(const struct netview *nv)
{
    return nv->hosts;
}

const struct netview_down_link *
netview_down_links(struct netview *nv, size_t *n)
{
    uint64_t now = controller_now_ms();
    size_t keep = 0;
    for (size_t i = 0; i < nv->n_down; i++) {
        if (now - nv->down[i].down_at_ms < NETVIEW_DOWN_SHOW_MS) {
            nv->down[keep++] = nv->down[i];
        }
    }
    nv->n_down = keep;
    *n = nv->n_down;
    return nv->down;
}

const struct disco_stats *
netview_disco_stats(const struct netview *nv)
{
    return disco_stats(nv->disco);
}
