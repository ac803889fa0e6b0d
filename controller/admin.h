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

struct canopy_config;
struct controller;
struct ds;

struct admin;

/* Starts the API of 'cfg' (which must have admin_enabled).  Returns NULL
 * after logging why (the address is in use, say). */
struct admin *admin_create(struct controller *, const struct canopy_config *);
void admin_destroy(struct admin *);
/* Takes a reloaded config's token.  A changed address needs a restart. */
void admin_reconfigure(struct admin *, const struct canopy_config *);

/* ---- Exposed for tests. ------------------------------------------------ */

/* Matches 'path' against 'pattern', where a segment "{name}" matches any
 * one non-empty segment; the text of up to 4 such segments is copied into
 * 'params' (each up to 63 bytes).  Returns true on a match. */
bool admin_path_match(const char *pattern, const char *path,
                      char params[][64], size_t max_params);
/* Appends 's' as a Prometheus label value (backslash, quote and newline
 * escaped). */
void admin_prom_label(struct ds *, const char *s);

#endif /* controller/admin.h */
