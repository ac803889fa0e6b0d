/* The app host: loads the apps a config lists, runs their callbacks in
 * order, and implements the calls of include/canopy/app.h for them.
 *
 * It also owns the per-switch view apps get (struct canopy_switch) and the
 * reconciliation of a switch's flows when it connects: flows whose cookie
 * names neither the core nor a loaded app are deleted. */
#ifndef CONTROLLER_APPHOST_H
#define CONTROLLER_APPHOST_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct admin;
struct canopy_config;
struct canopy_switch;
struct event_base;
struct fy_node;
struct json_writer;
struct netview;
struct conn;
struct ofp_msg;
struct ofreq_set;

struct apphost;

/* What the host works with, none of it owned; each must outlive the host.
 * Any member may be NULL (unit tests):
 *   'admin' (NULL without the API) takes the routes apps add;
 *   'netview' hears of every switch event before the apps and answers
 *       their topology questions;
 *   'base' runs the apps' timers (canopy_timer_add() fails without);
 *   'ofreqs' carries the apps' flow-stats requests (canopy_flow_stats()
 *       fails without). */
struct apphost_env {
    struct admin *admin;
    struct netview *netview;
    struct event_base *base;
    struct ofreq_set *ofreqs;
};

/* Loads every app of 'cfg' (dlopen), checks its ABI version, validates its
 * settings and creates it.  Returns NULL with a malloc'd message in
 * '*error' if any step fails.  'cfg' must outlive the host or be replaced
 * by apphost_reconfigure().  'env' (NULL: all members NULL) is copied. */
struct apphost *apphost_create(const struct canopy_config *cfg,
                               const struct apphost_env *env, char **error);
/* Destroys every app (in reverse order) and unloads them. */
void apphost_destroy(struct apphost *);

/* Checks that 'cfg' could be applied to the running host: the same apps in
 * the same order (adding or removing apps needs a restart) with settings
 * their validate() accepts.  Returns 0 or -1 with '*error' set. */
int apphost_check(const struct apphost *, const struct canopy_config *cfg,
                  char **error);
/* Applies a config that apphost_check() accepted. */
void apphost_reconfigure(struct apphost *, const struct canopy_config *cfg);
/* Dry run of apphost_reconfigure() for a config that apphost_check()
 * accepted: appends to 'plan' (a sequence of w's document) one mapping per
 * flow change an app reports through its plan() op ({"app", "switch",
 * "op", "table", "priority", "cookie", "match", "actions", ...}), and to
 * 'unplanned' the names of apps that have reconfigure() but no plan(). */
void apphost_plan(struct apphost *, const struct canopy_config *cfg,
                  struct json_writer *w, struct fy_node *plan,
                  struct fy_node *unplanned);

/* If the app that owns 'cookie' describes it (its describe_cookie() op),
 * writes the text into 'buf' (at most 'size' bytes, NUL included) and
 * returns true. */
bool apphost_describe_cookie(const struct apphost *, uint64_t cookie,
                             char *buf, size_t size);

/* Loads the apps of 'cfg' just to validate their settings, then unloads
 * them (for canopyd --check-config). */
int apphost_validate_only(const struct canopy_config *cfg, char **error);

/* Reconciliation keeps the core's table-miss flows (owner 1, low bits 0);
 * other flows with the core's owner id are kept only if 'keep' says so
 * (the controller's static flows).  Without a filter they are removed. */
typedef bool apphost_core_filter(void *aux, uint64_t dpid, uint64_t cookie);
void apphost_set_core_filter(struct apphost *, apphost_core_filter *,
                             void *aux);

/* Switch life: a READY connection becomes a switch apps can see. */
struct canopy_switch *apphost_switch_up(struct apphost *, struct conn *);
void apphost_switch_down(struct apphost *, struct canopy_switch *);
/* The topology changed: tells the apps. */
void apphost_topology_changed(struct apphost *);
/* A message from a switch that is up. */
void apphost_message(struct apphost *, struct canopy_switch *,
                     const struct ofp_msg *);

/* Counters for logs and the admin API. */
struct apphost_app_stats {
    const char *name;
    uint16_t id;
    uint64_t packet_ins;     /* Packet-ins the app saw. */
    uint64_t stops;          /* ...and stopped. */
    uint64_t flow_mods;      /* Flow-mods it sent. */
    uint64_t packet_outs;    /* Packet-outs it sent. */
    uint64_t send_errors;    /* Sends refused. */
    uint64_t switch_errors;  /* OFPT_ERRORs about its messages. */
};
size_t apphost_n_apps(const struct apphost *);
const struct apphost_app_stats *apphost_app_stats(const struct apphost *,
                                                  size_t i);

#endif /* controller/apphost.h */
