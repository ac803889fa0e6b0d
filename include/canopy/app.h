/* The Canopy app API: everything an app needs, and all it may use.
 *
 * An app is a shared object that exports one symbol, 'canopy_app', a const
 * struct canopy_app_ops.  canopyd loads the apps its config lists, in that
 * order, checks the ABI version, validates each app's 'settings' subtree
 * with the app's own validate(), then creates the apps.  Events reach the
 * apps in config order; for packet-ins the chain stops at the first app
 * that returns CANOPY_STOP.
 *
 * Flow ownership.  Each app has an id, and every flow it sends carries that
 * id in the top 16 bits of its cookie (the host sets them; the app owns the
 * low 48 bits).  On OpenFlow 1.3 the host also restricts an app's modify and
 * delete requests to its own cookies, so one app cannot remove another's
 * flows.  When a switch connects, flows whose cookie names no loaded app are
 * removed.
 *
 * Threading.  Everything runs in canopyd's one event loop: callbacks must
 * not block.  Pointers passed to a callback are valid during the call only,
 * except 'struct canopy_switch *', which stays valid from switch_up() to the
 * end of switch_down(). */
#ifndef CANOPY_APP_H
#define CANOPY_APP_H 1

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canopy/ycfg.h"
#include "ofproto/ofp-msgs.h"
#include "ofproto/packet.h"

/* Raised on any incompatible change to this header. */
#define CANOPY_APP_ABI_VERSION 3

/* The name of the symbol every app exports. */
#define CANOPY_APP_SYMBOL "canopy_app"

struct canopy_app;      /* The host's handle for one app (opaque). */
struct canopy_switch;   /* A connected switch, READY (opaque). */
struct canopy_plan;     /* A dry run's list of flow changes (opaque). */

enum canopy_verdict {
    CANOPY_CONTINUE = 0,  /* Let the next app see the packet. */
    CANOPY_STOP = 1,      /* This app handled it; later apps do not run. */
};

/* A packet-in, decoded once by the host for every app. */
struct canopy_packet_in {
    struct canopy_switch *sw;
    const struct ofp_packet_in *msg; /* The OpenFlow message. */
    uint32_t in_port;
    const struct pkt_info *pkt;      /* The parsed frame... */
    int parse_error;                 /* ...0, or why parsing stopped early
                                      * (PKT_E_*; 'pkt' has the layers
                                      * before). */
    void *host_private;              /* The host's; see canopy_packet_flow(). */
};

/* The exact match of every field the packet has, in_port included (for an
 * app that installs a flow for "exactly this traffic").  Computed on the
 * first call for a packet and shared by every app; owned by the host, valid
 * during the packet_in callback. */
const struct ofp_match *canopy_packet_flow(const struct canopy_packet_in *);

struct canopy_app_ops {
    uint32_t abi_version;            /* CANOPY_APP_ABI_VERSION. */
    const char *name;                /* Must equal the name in the config. */
    const char *description;

    /* Checks the app's settings (its YAML subtree, NULL if absent) without
     * side effects.  On error records it with ycfg_fail() (which gives the
     * operator file:line:column) and returns false.  'path' is the subtree's
     * name for messages ("apps[0].settings").  Runs at start-up and before
     * every reload.  NULL: the app takes no settings. */
    bool (*validate)(struct ycfg *, struct fy_node *settings,
                     const char *path);

    /* Creates the app's state from validated settings.  Returns the state
     * (passed back to every callback), or NULL after canopy_log()ging why;
     * canopyd then refuses to start. */
    void *(*create)(struct canopy_app *, struct ycfg *,
                    struct fy_node *settings);
    /* Frees the state.  The app's flows stay on the switches. */
    void (*destroy)(void *state);

    /* Applies validated new settings on reload.  NULL: the app cannot
     * change settings while running, and the host says so. */
    void (*reconfigure)(void *state, struct ycfg *, struct fy_node *settings);

    /* A switch finished its handshake (and, on reconnect, is reconciled):
     * install proactive flows here. */
    void (*switch_up)(void *state, struct canopy_switch *);
    /* The switch is gone; forget it.  No sends are possible. */
    void (*switch_down)(void *state, struct canopy_switch *);
    /* A port was added, deleted or changed (OFPPR_*). */
    void (*port_status)(void *state, struct canopy_switch *, uint8_t reason,
                        const struct ofp_port *);
    enum canopy_verdict (*packet_in)(void *state,
                                     const struct canopy_packet_in *);
    /* A flow the app (or another) asked OFPFF_SEND_FLOW_REM for expired. */
    void (*flow_removed)(void *state, struct canopy_switch *,
                         const struct ofp_flow_removed *);
    /* The topology changed (a link or switch came or went, a weight
     * changed): paths computed before may be wrong now.  See
     * canopy_topo_version(). */
    void (*topology_changed)(void *state);

    /* ---- ABI 3. ---- */

    /* The switch answered message 'xid', which this app sent with
     * canopy_flow_mod_xid(), canopy_flow_mod() or canopy_barrier(), with
     * an OFPT_ERROR.  Only apps that set this (or barrier_reply) have the
     * xids of their messages remembered: the host keeps the last 65536 per
     * switch, forgetting those a barrier reply has answered; an error for
     * an xid forgotten before it came is logged by the host.  'err' is
     * valid during the call only. */
    void (*error)(void *state, struct canopy_switch *, uint32_t xid,
                  const struct ofp_error_msg *err);
    /* The switch answered this app's barrier 'xid' (canopy_barrier()):
     * every message the app sent to it before the barrier has been
     * processed, and any error about them has come through error() before
     * this call.  Together they tell an app whether a batch took. */
    void (*barrier_reply)(void *state, struct canopy_switch *, uint32_t xid);

    /* Says which part of the app made the flows whose cookie has low bits
     * 'bits' ("acl: lists.web.rules[2] (acl.yaml:7:9)"): writes at most
     * 'size' bytes, NUL included, into 'buf' and returns true, or returns
     * false if it has nothing to say.  The flows API shows the text as
     * "origin".  Must be quick: it runs for every flow listed. */
    bool (*describe_cookie)(void *state, uint64_t bits, char *buf,
                            size_t size);

    /* Dry run of a reload: 'settings' (already accepted by validate())
     * would replace the running ones.  Report every flow change that
     * reconfigure() would make with the same settings, on every connected
     * switch, with canopy_plan_flow(); change nothing.  The 'ycfg' and the
     * settings are valid during the call only.  NULL: the app cannot say;
     * the dry run lists it under "unplanned" if it has reconfigure(). */
    void (*plan)(void *state, struct ycfg *, struct fy_node *settings,
                 struct canopy_plan *);

    /* Checks new settings (already accepted by validate()) against the
     * running state before a reload applies them, for what validate()
     * cannot know: a port name no connected switch has, say.  Records the
     * reason with ycfg_fail() and returns false to refuse the whole
     * reload (nothing of it is applied).  NULL: validate() is enough. */
    bool (*check)(void *state, struct ycfg *, struct fy_node *settings,
                  const char *path);
};

/* ---- Calls into the host. ---------------------------------------------- */

/* Switch facts. */
uint64_t canopy_switch_dpid(const struct canopy_switch *);
uint8_t canopy_switch_version(const struct canopy_switch *);
/* Current ports (kept up to date from PORT_STATUS); owned by the host. */
const struct ofp_port *canopy_switch_ports(const struct canopy_switch *,
                                           size_t *n);
/* The table an app of this kind should use: the pipeline's table on
 * OpenFlow 1.3 (see DESIGN.md), 0 on OpenFlow 1.0. */
uint8_t canopy_table_ingress(const struct canopy_switch *);
uint8_t canopy_table_acl(const struct canopy_switch *);
uint8_t canopy_table_forward(const struct canopy_switch *);

/* Looks a connected switch up; NULL if not connected. */
struct canopy_switch *canopy_switch_find(struct canopy_app *, uint64_t dpid);
/* Iterates over connected switches: pass NULL for the first; returns NULL
 * after the last.  Do not keep the iteration across callbacks. */
struct canopy_switch *canopy_switch_next(struct canopy_app *,
                                         const struct canopy_switch *);

/* The full cookie for 'bits' (the low 48 bits are the app's). */
uint64_t canopy_app_cookie(const struct canopy_app *, uint64_t bits);
/* Mask that selects an app's flows by cookie: the owner bits. */
#define CANOPY_COOKIE_OWNER_MASK 0xffff000000000000ull

/* Sends a flow-mod.  The host sets the owner bits of the cookie and, for
 * modify/delete on OpenFlow 1.3, restricts the cookie mask to the app's
 * flows.  Returns 0 or why the flow cannot be sent (encoder error: a match
 * or action the switch's version cannot express; OFPERR_OFPBRC_EPERM if the
 * switch is not reading). */
enum ofperr canopy_flow_mod(struct canopy_app *, struct canopy_switch *,
                            const struct ofp_flow_mod *);
/* Like canopy_flow_mod(), and returns the message's xid through 'xid'
 * (if non-NULL and the send succeeded): the xid error() names. */
enum ofperr canopy_flow_mod_xid(struct canopy_app *, struct canopy_switch *,
                                const struct ofp_flow_mod *, uint32_t *xid);
/* Sends a packet-out.  May be dropped (and counted) when the switch's
 * output queue is backed up: a reactive packet is worth less than keeping
 * the session. */
enum ofperr canopy_packet_out(struct canopy_app *, struct canopy_switch *,
                              const struct ofp_packet_out *);
/* Sends a barrier request; returns its xid through 'xid' if non-NULL. */
enum ofperr canopy_barrier(struct canopy_app *, struct canopy_switch *,
                           uint32_t *xid);

/* Reads the app's own flows in 'table' of 'sw' (OFPMP_FLOW restricted to
 * the app's cookie on OpenFlow 1.3; on 1.0, where a request cannot be
 * restricted by cookie, the host filters the entries).  'cb' is called
 * once per part of the reply with CANOPY_STATS_PART or, for the last,
 * CANOPY_STATS_DONE and the part's entries; or once with
 * CANOPY_STATS_ERROR (the switch answered with an error), _TIMEOUT (no
 * complete answer within 5 s) or _GONE (the switch disconnected: do not
 * use 'sw' then) and no entries.  No call follows the last one.  The
 * entries are valid during the call only.  Returns 0, or why the request
 * could not be sent (no call is made then).  Requests still pending when
 * the app is destroyed are forgotten without a call. */
enum canopy_stats_status {
    CANOPY_STATS_PART,
    CANOPY_STATS_DONE,
    CANOPY_STATS_ERROR,
    CANOPY_STATS_TIMEOUT,
    CANOPY_STATS_GONE,
};
typedef void canopy_flow_stats_cb(void *aux, struct canopy_switch *,
                                  enum canopy_stats_status,
                                  const struct ofp_flow_stats *entries,
                                  size_t n);
enum ofperr canopy_flow_stats(struct canopy_app *, struct canopy_switch *,
                              uint8_t table, canopy_flow_stats_cb *,
                              void *aux);

/* Timers: 'cb(aux)' runs every 'interval_ms' (at least 1) in the event
 * loop until canopy_timer_cancel(), which may be called from 'cb' itself.
 * The host cancels an app's timers when it destroys the app.  Returns
 * NULL when canopyd runs without an event loop (some unit tests). */
struct canopy_timer;
typedef void canopy_timer_cb(void *aux);
struct canopy_timer *canopy_timer_add(struct canopy_app *,
                                      uint64_t interval_ms,
                                      canopy_timer_cb *, void *aux);
/* Stops and frees 'timer'.  Accepts NULL. */
void canopy_timer_cancel(struct canopy_timer *);

/* Reports, from the plan() op, that the reload would make flow change
 * 'op' ("add", "modify" or "delete") on 'sw': 'fm' as it would be sent
 * (the host adds the app's owner bits to the cookie).  Copied: 'fm' may
 * go away after the call. */
void canopy_plan_flow(struct canopy_plan *, struct canopy_switch *,
                      const char *op, const struct ofp_flow_mod *fm);

/* Logging, tagged with the app's name. */
enum canopy_log_level {
    CANOPY_LOG_DEBUG, CANOPY_LOG_INFO, CANOPY_LOG_WARN, CANOPY_LOG_ERR,
};
void canopy_log(const struct canopy_app *, enum canopy_log_level,
                const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool canopy_log_enabled(enum canopy_log_level);

/* Milliseconds of a monotonic clock: for aging tables. */
uint64_t canopy_now_ms(void);

/* ---- Topology and hosts (docs/topology.md). ---------------------------- *
 *
 * canopyd discovers the links between switches with LLDP, tracks where
 * hosts are (on edge ports: ports without a link), computes shortest paths
 * and keeps a flood tree.  LLDP packet-ins never reach apps. */

#define CANOPY_PORT_NONE 0xffffffffu

/* One switch on a path: the packet enters at 'in_port' and leaves at
 * 'out_port' (CANOPY_PORT_NONE at the ends: the first hop's in_port, the
 * last hop's out_port). */
struct canopy_hop {
    uint64_t dpid;
    uint32_t in_port;
    uint32_t out_port;
};

struct canopy_host {
    uint8_t mac[6];
    uint16_t vlan;              /* 0: untagged. */
    uint64_t dpid;              /* Where it is. */
    uint32_t port;
    uint64_t last_seen_ms;      /* canopy_now_ms() clock. */
};

/* Changes whenever paths or the flood tree may have changed. */
uint64_t canopy_topo_version(struct canopy_app *);
/* The shortest path from switch 'src' to switch 'dst': up to 'max' hops
 * into 'hops'; returns the number of hops (1 if src == dst), 0 if there is
 * none. */
size_t canopy_topo_path(struct canopy_app *, uint64_t src, uint64_t dst,
                        struct canopy_hop *hops, size_t max);
/* True if a flood on 'dpid' goes out of 'port': an edge port or a port on
 * the flood tree (a spanning tree, so floods never loop). */
bool canopy_topo_flood_port(struct canopy_app *, uint64_t dpid,
                            uint32_t port);
/* True for a live port with no link: where hosts are. */
bool canopy_topo_edge_port(struct canopy_app *, uint64_t dpid, uint32_t port);
/* False until the switch's ports have all been probed once and had time to
 * answer: until then a link port looks like an edge port, and flooding
 * there could loop. */
bool canopy_topo_settled(struct canopy_app *, uint64_t dpid);
/* Where host 'mac' on 'vlan' (0: untagged) is; false if unknown. */
bool canopy_host_find(struct canopy_app *, const uint8_t mac[6],
                      uint16_t vlan, struct canopy_host *);

/* ---- Services between apps. ------------------------------------------- *
 *
 * Apps that work together do it through services: an app publishes one
 * named table of functions together with its state, and another app finds
 * it by name when it needs it (the acl app asks the tenant app which tenant
 * a host belongs to).  The table's layout belongs to the publishing app's
 * own header (apps/tenant/tenant_service.h), which versions it.  A service
 * lives as long as its app; look it up at the time of use rather than
 * keeping the pointers, since apps are created in config order. */

/* Publishes 'ops' (a table of functions, not copied: keep it static) and
 * 'state' under 'name'.  Call it from create().  Returns false, after
 * logging why, if another app already publishes 'name' or this app
 * publishes a service already. */
bool canopy_service_publish(struct canopy_app *, const char *name,
                            const void *ops, void *state);
/* The service 'name' and, through 'state', its state; NULL if no loaded
 * app publishes it. */
const void *canopy_service_find(struct canopy_app *, const char *name,
                                void **state);

/* ---- Routes in the admin API. ------------------------------------------ *
 *
 * An app publishes its own resources in canopyd's admin API (docs/api.md):
 * same listener, authentication, limits and error format as the built-in
 * resources.  The handler runs in the event loop and must answer before it
 * returns, exactly once, with canopy_http_reply() or canopy_http_error();
 * a handler that does not answer gets a 500 sent for it. */
struct canopy_http;     /* One request (opaque), valid during the call. */
struct json_writer;     /* See canopy/json.h. */

/* 'params' holds the text of each {param} segment of the pattern, in
 * order, then NULL. */
typedef void canopy_http_handler(void *state, struct canopy_http *,
                                 const char *const params[]);

/* Adds 'method' ("GET", "POST", "PUT", "DELETE") on 'pattern' (under
 * "/v1/", segments of letters, digits, '_', '.', '-', or "{param}").
 * Call it from create().  Returns false, after logging why, if the pattern
 * is malformed or taken, or if canopyd runs without the admin API.  The
 * routes go away with the app. */
bool canopy_http_route(struct canopy_app *, const char *method,
                       const char *pattern, canopy_http_handler *,
                       void *state);
/* A query parameter's value (decoded), or NULL. */
const char *canopy_http_query(struct canopy_http *, const char *key);
/* The JSON body, read with ycfg so that errors can give line and column
 * (ycfg_fail() on '*y', then canopy_http_error() with ycfg_error()).  NULL
 * if there is no usable body: the request has then been answered (400, 413
 * or 415) and the handler just returns. */
struct fy_node *canopy_http_body(struct canopy_http *, struct ycfg **y);
/* Answers with 'root', a node of w's document, as JSON; finishes 'w'. */
void canopy_http_reply(struct canopy_http *, int status,
                       struct json_writer *w, struct fy_node *root);
/* Answers {"error": CODE, "message": TEXT} with 'status' (4xx or 5xx). */
void canopy_http_error(struct canopy_http *, int status, const char *code,
                       const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif /* canopy/app.h */
