/* l2_learning: a MAC-learning switch on every datapath.
 *
 * Per switch, source addresses are learned into a bounded table (see
 * mactable.h).  A packet to a known unicast address installs an exact flow
 * (in_port, VLAN, eth_src, eth_dst -> output) with an idle timeout in the
 * forwarding table, then the packet itself is sent on.  The source is part
 * of the match so that a host seen on a new port always misses and reaches
 * us: a flow keyed on the destination alone would keep forwarding a moved
 * host's traffic without telling us it moved.  A packet to an unknown,
 * broadcast or multicast address is flooded with a packet-out and nothing
 * is installed.  When an address moves to another port, the flows that sent
 * traffic to its old port are deleted so the next packet re-learns it; a
 * port that goes down forgets its addresses and their flows.
 *
 * Settings (all optional):
 *   max_macs:     addresses per switch, 16..1048576 (4096)
 *   mac_age:      seconds an address is kept without traffic (300)
 *   idle_timeout: seconds of an installed flow without traffic (60)
 *   hard_timeout: seconds an installed flow lives at most, 0 = no limit (0)
 *   priority:     priority of installed flows (100)
 *
 * It publishes its tables in the admin API: GET /v1/apps/l2_learning/macs
 * (optionally ?dpid=HEX) lists the addresses learned, newest first. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/l2_learning/mactable.h"
#include "canopy/app.h"
#include "canopy/json.h"
#include "ofproto/ofp-buf.h"

struct l2_settings {
    uint64_t max_macs;
    uint64_t mac_age_s;
    uint64_t idle_timeout;
    uint64_t hard_timeout;
    uint64_t priority;
};

/* One switch's state. */
struct l2_switch {
    struct canopy_switch *sw;   /* Valid until switch_down. */
    struct mactable *macs;      /* Owned. */
    struct l2_switch *next;
};

struct l2 {
    struct canopy_app *app;
    struct l2_settings s;
    struct l2_switch *switches;
    uint64_t floods, flows, moves;
};

static const char *const l2_keys[] = {
    "max_macs", "mac_age", "idle_timeout", "hard_timeout", "priority", NULL,
};

static bool
l2_read_settings(struct ycfg *y, struct fy_node *n, const char *path,
                 struct l2_settings *s)
{
    *s = (struct l2_settings) {
        .max_macs = 4096, .mac_age_s = 300, .idle_timeout = 60,
        .hard_timeout = 0, .priority = 100,
    };
    return ycfg_check_mapping(y, n, path, l2_keys)
           && ycfg_uint(y, n, path, "max_macs", 16, 1048576, &s->max_macs)
           && ycfg_uint(y, n, path, "mac_age", 1, 86400, &s->mac_age_s)
           && ycfg_uint(y, n, path, "idle_timeout", 0, 65535,
                        &s->idle_timeout)
           && ycfg_uint(y, n, path, "hard_timeout", 0, 65535,
                        &s->hard_timeout)
           && ycfg_uint(y, n, path, "priority", 1, 65535, &s->priority);
}

static bool
l2_validate(struct ycfg *y, struct fy_node *settings, const char *path)
{
    struct l2_settings s;
    return l2_read_settings(y, settings, path, &s);
}

/* GET /v1/apps/l2_learning/macs[?dpid=HEX]: the learned addresses. */
static void
l2_http_macs(void *l2_, struct canopy_http *h, const char *const params[])
{
    struct l2 *l2 = l2_;
    const char *only = canopy_http_query(h, "dpid");
    uint64_t only_dpid = 0;
    (void) params;
    if (only) {
        char *end;
        only_dpid = strtoull(only, &end, 16);
        if (!*only || *end || strlen(only) > 16) {
            canopy_http_error(h, 400, "bad_query", "dpid must be a datapath "
                              "id in hex, not '%s'", only);
            return;
        }
    }

    struct json_writer w;
    json_init(&w);
    struct fy_node *list = json_seq(&w);
    uint64_t now = canopy_now_ms();
    for (struct l2_switch *ls = l2->switches; ls; ls = ls->next) {
        uint64_t dpid = canopy_switch_dpid(ls->sw);
        struct mactable_entry e;
        size_t cursor = 0;
        char id[17], mac[18];
        if (only && dpid != only_dpid) {
            continue;
        }
        snprintf(id, sizeof id, "%016llx", (unsigned long long) dpid);
        while (mactable_next(ls->macs, &cursor, now, &e)) {
            struct fy_node *m = json_map(&w);
            snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x",
                     e.mac[0], e.mac[1], e.mac[2], e.mac[3], e.mac[4],
                     e.mac[5]);
            json_put_str(&w, m, "dpid", id);
            json_put_str(&w, m, "mac", mac);
            json_put_u64(&w, m, "vlan", e.vlan & 0xfff);
            json_put_u64(&w, m, "port", e.port);
            json_put_u64(&w, m, "age_ms", now - e.seen_ms);
            json_append(list, m);
        }
    }
    canopy_http_reply(h, 200, &w, list);
}

static void *
l2_create(struct canopy_app *app, struct ycfg *y, struct fy_node *settings)
{
    struct l2 *l2 = xzalloc(sizeof *l2);
    l2->app = app;
    if (!l2_read_settings(y, settings, "settings", &l2->s)) {
        canopy_log(app, CANOPY_LOG_ERR, "%s", ycfg_error(y));
        free(l2);
        return NULL;
    }
    /* Without the admin API the app works all the same. */
    canopy_http_route(app, "GET", "/v1/apps/l2_learning/macs", l2_http_macs,
                      l2);
    return l2;
}

static void
l2_switch_free(struct l2_switch *ls)
{
    mactable_destroy(ls->macs);
    free(ls);
}

static void
l2_destroy(void *l2_)
{
    struct l2 *l2 = l2_;
    while (l2->switches) {
        struct l2_switch *ls = l2->switches;
        l2->switches = ls->next;
        l2_switch_free(ls);
    }
    free(l2);
}

static void
l2_reconfigure(void *l2_, struct ycfg *y, struct fy_node *settings)
{
    struct l2 *l2 = l2_;
    struct l2_settings s;
    if (l2_read_settings(y, settings, "settings", &s)) {
        /* New table sizes apply to switches that connect from now on;
         * timeouts and priority to flows installed from now on. */
        l2->s = s;
        canopy_log(l2->app, CANOPY_LOG_INFO, "settings updated");
    }
}

static struct l2_switch *
l2_switch_find(struct l2 *l2, const struct canopy_switch *sw)
{
    for (struct l2_switch *ls = l2->switches; ls; ls = ls->next) {
        if (ls->sw == sw) {
            return ls;
        }
    }
    return NULL;
}

static void
l2_switch_up(void *l2_, struct canopy_switch *sw)
{
    struct l2 *l2 = l2_;
    struct l2_switch *ls = xzalloc(sizeof *ls);
    ls->sw = sw;
    ls->macs = mactable_create(l2->s.max_macs, l2->s.mac_age_s * 1000);
    ls->next = l2->switches;
    l2->switches = ls;
}

static void
l2_switch_down(void *l2_, struct canopy_switch *sw)
{
    struct l2 *l2 = l2_;
    for (struct l2_switch **p = &l2->switches; *p; p = &(*p)->next) {
        if ((*p)->sw == sw) {
            struct l2_switch *ls = *p;
            *p = ls->next;
            l2_switch_free(ls);
            return;
        }
    }
}

/* Deletes this app's flows in the forwarding table that match 'match'
 * (non-strict) and output to 'out_port' (OFPP_ANY: any port). */
static void
l2_delete_flows(struct l2 *l2, struct canopy_switch *sw,
                const struct ofp_match *match, uint32_t out_port)
{
    struct ofp_flow_mod fm;
    ofp_flow_mod_init(&fm, OFPFC_DELETE, canopy_table_forward(sw));
    fm.match = *match;
    fm.out_port = out_port;
    canopy_flow_mod(l2->app, sw, &fm);
}

/* Deletes the flows that output to 'port'. */
static void
l2_delete_flows_to_port(struct l2 *l2, struct canopy_switch *sw,
                        uint32_t port)
{
    struct ofp_match any;
    ofp_match_init_catchall(&any);
    l2_delete_flows(l2, sw, &any, port);
}

/* Deletes the flows that send traffic to 'mac' on 'vlan'. */
static void
l2_delete_flows_to_mac(struct l2 *l2, struct canopy_switch *sw,
                       const uint8_t mac[6], uint16_t vlan)
{
    struct ofp_match to_mac;
    union ofp_field_value v = { .u16 = vlan };
    ofp_match_init_catchall(&to_mac);
    ofp_match_set_eth_dst(&to_mac, mac);
    ofp_match_set(&to_mac, OFPF_VLAN_VID, &v, NULL);
    l2_delete_flows(l2, sw, &to_mac, OFPP_ANY);
}

static void
l2_output(struct l2 *l2, const struct canopy_packet_in *ev, uint32_t port)
{
    struct ofp_action out = { .type = OFPACT_OUTPUT };
    struct ofp_packet_out po;
    out.u.output.port = port;
    memset(&po, 0, sizeof po);
    po.buffer_id = ev->msg->buffer_id;
    po.in_port = ev->in_port;
    po.actions.actions = &out;
    po.actions.n = 1;
    if (po.buffer_id == OFP_NO_BUFFER) {
        po.data = ev->msg->data;
        po.data_len = ev->msg->data_len;
    }
    canopy_packet_out(l2->app, ev->sw, &po);
}

static void
l2_install(struct l2 *l2, const struct canopy_packet_in *ev, uint16_t vlan,
           uint32_t port)
{
    struct ofp_action out = { .type = OFPACT_OUTPUT };
    struct ofp_flow_mod fm;
    out.u.output.port = port;
    memset(&fm, 0, sizeof fm);  /* Also makes the match catch-all. */
    ofp_match_set_in_port(&fm.match, ev->in_port);
    union ofp_field_value v = { .u16 = vlan };
    ofp_match_set(&fm.match, OFPF_VLAN_VID, &v, NULL);
    ofp_match_set_eth_src(&fm.match, ev->pkt->eth_src);
    ofp_match_set_eth_dst(&fm.match, ev->pkt->eth_dst);
    fm.command = OFPFC_ADD;
    fm.table_id = canopy_table_forward(ev->sw);
    fm.priority = (uint16_t) l2->s.priority;
    fm.idle_timeout = (uint16_t) l2->s.idle_timeout;
    fm.hard_timeout = (uint16_t) l2->s.hard_timeout;
    fm.buffer_id = OFP_NO_BUFFER;
    fm.out_port = OFPP_ANY;
    fm.out_group = OFPG_ANY;
    fm.instructions.present = OFPIB_APPLY_ACTIONS;
    fm.instructions.apply.actions = &out;
    fm.instructions.apply.n = 1;
    if (!canopy_flow_mod(l2->app, ev->sw, &fm)) {
        l2->flows++;
    }
}

static bool
l2_is_link_local(const uint8_t mac[6])
{
    /* 01:80:c2:00:00:0x: bridge protocols (STP, LACP, LLDP...) that a
     * bridge must not forward. */
    static const uint8_t prefix[5] = { 0x01, 0x80, 0xc2, 0x00, 0x00 };
    return !memcmp(mac, prefix, 5) && mac[5] <= 0x0f;
}

static enum canopy_verdict
l2_packet_in(void *l2_, const struct canopy_packet_in *ev)
{
    struct l2 *l2 = l2_;
    const struct pkt_info *p = ev->pkt;
    if (!(p->flags & PKT_F_ETH) || l2_is_link_local(p->eth_dst)) {
        return CANOPY_CONTINUE;
    }
    struct l2_switch *ls = l2_switch_find(l2, ev->sw);
    if (!ls) {
        return CANOPY_CONTINUE;
    }
    uint16_t vlan = p->n_vlans ? (uint16_t) (OFPVID_PRESENT | p->vlans[0].vid)
                               : OFPVID_NONE;
    uint64_t now = canopy_now_ms();

    if (!(p->eth_src[0] & 1)) {
        uint32_t old_port;
        if (mactable_learn(ls->macs, p->eth_src, vlan, ev->in_port, now,
                           &old_port) == MACTABLE_MOVED) {
            l2->moves++;
            canopy_log(l2->app, CANOPY_LOG_INFO, "dpid %016llx: "
                       "%02x:%02x:%02x:%02x:%02x:%02x moved from port %u to "
                       "%u", (unsigned long long) canopy_switch_dpid(ev->sw),
                       p->eth_src[0], p->eth_src[1], p->eth_src[2],
                       p->eth_src[3], p->eth_src[4], p->eth_src[5], old_port,
                       ev->in_port);
            l2_delete_flows_to_mac(l2, ev->sw, p->eth_src, vlan);
        }
    }

    uint32_t port;
    if ((p->eth_dst[0] & 1)
        || !mactable_lookup(ls->macs, p->eth_dst, vlan, now, &port)) {
        l2->floods++;
        l2_output(l2, ev, OFPP_FLOOD);
        return CANOPY_STOP;
    }
    if (port == ev->in_port) {
        /* The destination is behind the port the packet came from: the
         * hosts see each other without us. */
        return CANOPY_STOP;
    }
    l2_install(l2, ev, vlan, port);
    l2_output(l2, ev, port);
    return CANOPY_STOP;
}

static void
l2_port_status(void *l2_, struct canopy_switch *sw, uint8_t reason,
               const struct ofp_port *port)
{
    struct l2 *l2 = l2_;
    struct l2_switch *ls = l2_switch_find(l2, sw);
    bool gone = reason == OFPPR_DELETE
                || (port->state & OFPPS_LINK_DOWN)
                || (port->config & OFPPC_PORT_DOWN);
    if (ls && gone && mactable_flush_port(ls->macs, port->port_no)) {
        l2_delete_flows_to_port(l2, sw, port->port_no);
    }
}

const struct canopy_app_ops canopy_app = {
    .abi_version = CANOPY_APP_ABI_VERSION,
    .name = "l2_learning",
    .description = "MAC learning switch with bounded tables and aging",
    .validate = l2_validate,
    .create = l2_create,
    .destroy = l2_destroy,
    .reconfigure = l2_reconfigure,
    .switch_up = l2_switch_up,
    .switch_down = l2_switch_down,
    .port_status = l2_port_status,
    .packet_in = l2_packet_in,
};
