/* The controller context: everything canopyd runs, owned in one place and
 * passed explicitly (no hidden globals).
 *
 * One libevent event_base in one thread owns all of it; nothing here takes
 * a lock. */
#ifndef CONTROLLER_CONTROLLER_H
#define CONTROLLER_CONTROLLER_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct canopy_config;
struct conn;
struct event_base;
struct fy_node;
struct json_writer;
struct admin;
struct netview;
struct apphost;
struct ofp_msg;
struct ofreq_set;
struct staticflow_set;

struct controller;

/* Creates a controller on 'base' running 'cfg' (ownership of 'cfg' passes
 * to the controller).  'config_path' (copied) is what SIGHUP re-reads. */
struct controller *controller_create(struct event_base *,
                                     struct canopy_config *cfg,
                                     const char *config_path);
/* Closes every connection and listener and frees everything. */
void controller_destroy(struct controller *);

/* Loads the apps and opens the configured listeners.  Returns 0, or -1
 * after logging why (an app that does not load, an address in use): the
 * daemon then exits. */
int controller_start(struct controller *);

/* Re-reads the config file.  A config that does not load is logged with
 * its file:line:column error and the running config stays.  Returns 0 if
 * the new config was applied; otherwise -1 and, if 'error' is non-NULL,
 * why in a malloc'd string the caller frees. */
int controller_reload(struct controller *, char **error);
/* Dry run of controller_reload(): loads and checks the config file the
 * same way, then, instead of applying it, puts into 'root' (a mapping of
 * w's document) "changed" (the settings whose text changed), "plan" (the
 * flow changes the apps would make: see apphost_plan()) and "unplanned"
 * (apps that cannot say).  Nothing running changes.  Returns 0, or -1 with
 * why in a malloc'd '*error'. */
int controller_reload_plan(struct controller *, struct json_writer *w,
                           struct fy_node *root, char **error);
/* The settings the last applied reload changed (see config_changes()):
 * owned by the controller, valid until the next reload. */
char *const *controller_reload_changes(const struct controller *,
                                       size_t *n);
/* How many reloads were applied. */
unsigned int controller_reloads(const struct controller *);

/* Overrides the config's log level (canopyd --log-level), also across
 * reloads; -1 stops overriding. */
void controller_set_log_override(struct controller *, int level);

/* Monotonic milliseconds, the clock every timer here uses. */
uint64_t controller_now_ms(void);

struct event_base *controller_base(const struct controller *);
const struct canopy_config *controller_config(const struct controller *);

/* Switches: a connection becomes a switch when its handshake completes. */
struct conn *controller_find_switch(const struct controller *, uint64_t dpid);
size_t controller_n_switches(const struct controller *);
/* Every open connection (in handshake or ready), with conn_next(). */
struct conn *controller_first_conn(const struct controller *);
size_t controller_n_conns(const struct controller *);

/* Requests to switches waiting for answers (the admin API's). */
struct ofreq_set *controller_ofreqs(const struct controller *);

/* Topology, hosts and discovery. */
struct netview *controller_netview(const struct controller *);

/* The admin API (NULL when off). */
struct admin *controller_admin(const struct controller *);

/* The static flows added through the admin API. */
struct staticflow_set *controller_staticflows(const struct controller *);

/* The app host (valid after controller_start()). */
struct apphost *controller_apphost(const struct controller *);

/* Called by conn.c. */
void controller_switch_ready(struct controller *, struct conn *);
void controller_switch_message(struct controller *, struct conn *,
                               const struct ofp_msg *);
void controller_conn_closed(struct controller *, struct conn *);

#endif /* controller/controller.h */
