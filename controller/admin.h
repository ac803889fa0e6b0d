/* The admin API: HTTP (libevent's evhttp) with JSON bodies written and read
 * through libfyaml, under /v1, plus Prometheus metrics at /metrics.  See
 * docs/api.md.
 *
 * Requests must carry "Authorization: Bearer TOKEN" when the config names a
 * token file; without one the API listens on loopback only (the config
 * refuses anything else).  Every error is {"error": CODE, "message": TEXT}
 * with the matching HTTP status. */
#ifndef CONTROLLER_ADMIN_H
#define CONTROLLER_ADMIN_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canopy/app.h"

struct canopy_config;
struct controller;
struct ds;
typedef struct ssl_ctx_st SSL_CTX;

struct admin;

/* Starts the API of 'cfg' (which must have admin_enabled).  Returns NULL
 * after logging why (the address is in use, a certificate that does not
 * load). */
struct admin *admin_create(struct controller *, const struct canopy_config *);
void admin_destroy(struct admin *);

/* Loads the HTTPS context of 'cfg' into '*ctx' (NULL when the API is plain
 * HTTP or off).  Returns 0, or -1 with a malloc'd reason in '*error'.  A
 * reload calls this first, so that a certificate that does not load
 * refuses the whole reload. */
int admin_load_tls(const struct canopy_config *, SSL_CTX **ctx,
                   char **error);
/* Takes a reloaded config's token, and its HTTPS context 'ctx' (from
 * admin_load_tls(), owned by the admin from here on) for new connections.
 * A changed address, or a change between HTTP and HTTPS, needs a
 * restart. */
void admin_reconfigure(struct admin *, const struct canopy_config *,
                       SSL_CTX *ctx);

/* Routes of apps (canopy_http_route()): adds one, or returns -1 with why
 * in a malloc'd '*why' (a bad pattern, a route taken). */
int admin_add_app_route(struct admin *, const struct canopy_app *,
                        const char *method, const char *pattern,
                        canopy_http_handler *, void *state, char **why);
/* Removes every route of 'app' (it is being unloaded). */
void admin_remove_app_routes(struct admin *, const struct canopy_app *);

/* ---- Exposed for tests. ------------------------------------------------ */

/* Matches 'path' against 'pattern', where a segment "{name}" matches any
 * one non-empty segment; the text of up to 4 such segments is copied into
 * 'params' (each up to 63 bytes).  Returns true on a match. */
bool admin_path_match(const char *pattern, const char *path,
                      char params[][64], size_t max_params);
/* Appends the metrics in the Prometheus text format (what GET /metrics
 * answers). */
void admin_metrics_text(struct admin *, struct ds *);
/* Appends 's' as a Prometheus label value (backslash, quote and newline
 * escaped). */
void admin_prom_label(struct ds *, const char *s);

#endif /* controller/admin.h */
