/* Typed, located reading of YAML configuration (libfyaml).
 *
 * A 'struct ycfg' owns one parsed YAML document and collects the first error
 * found while reading it.  Every getter checks the node's type and range and,
 * on failure, records "FILE:LINE:COLUMN: PATH: expected ..., got ..." and
 * returns false; callers stop at the first false.  The daemon reads its own
 * sections with these functions, and apps read their subtrees with the same
 * ones, so every config error looks the same to the operator.
 *
 * Nodes ('struct fy_node *') belong to the document inside the ycfg: they are
 * valid until ycfg_destroy(). */
#ifndef CANOPY_YCFG_H
#define CANOPY_YCFG_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fy_node;
struct ycfg;

/* Parses the file at 'path'.  Always returns a ycfg (free with
 * ycfg_destroy()); on a YAML syntax error ycfg_root() is NULL and
 * ycfg_error() says where. */
struct ycfg *ycfg_load_file(const char *path);
/* Parses 'len' bytes of YAML; 'name' is used in error messages.  Text that
 * is not UTF-8 is refused with its position. */
struct ycfg *ycfg_load_string(const char *name, const char *text, size_t len);
/* The same for JSON (a request body): also refuses, with its position,
 * anything outside strings that JSON does not have (single quotes, YAML
 * anchors, tags, directives, comments). */
struct ycfg *ycfg_load_json(const char *name, const char *text, size_t len);
void ycfg_destroy(struct ycfg *);

/* The document's root node, NULL if the document did not parse or is
 * empty. */
struct fy_node *ycfg_root(const struct ycfg *);
/* The first error recorded, or NULL.  Owned by the ycfg. */
const char *ycfg_error(const struct ycfg *);
/* The file name given at load time.  Owned by the ycfg. */
const char *ycfg_name(const struct ycfg *);

/* Records an error about 'node' (its position is looked up) unless one is
 * already recorded; always returns false so callers can 'return
 * ycfg_fail(...)'.  'path' names the setting ("keepalive.interval"). */
bool ycfg_fail(struct ycfg *, struct fy_node *node, const char *path,
               const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Checks that 'node' is a mapping whose keys are all in 'allowed' (a NULL
 * terminated list).  A NULL node is accepted as an empty mapping. */
bool ycfg_check_mapping(struct ycfg *, struct fy_node *node,
                        const char *path, const char *const allowed[]);

/* Looks 'key' up in mapping 'map'; NULL if absent (or 'map' is NULL). */
struct fy_node *ycfg_get(struct fy_node *map, const char *key);

/* Getters: read 'key' of mapping 'map' into '*out'.  An absent key leaves
 * '*out' untouched (callers preset defaults) and succeeds unless 'required'
 * variants are used.  'path' is the mapping's own path ("" at the root). */
bool ycfg_uint(struct ycfg *, struct fy_node *map, const char *path,
               const char *key, uint64_t min, uint64_t max, uint64_t *out);
bool ycfg_bool(struct ycfg *, struct fy_node *map, const char *path,
               const char *key, bool *out);
/* Copies the string (malloc'd; the caller frees, and frees a previous value
 * of '*out').  Empty strings are refused. */
bool ycfg_string(struct ycfg *, struct fy_node *map, const char *path,
                 const char *key, char **out);
/* One of 'choices' (NULL-terminated); '*out' is its index. */
bool ycfg_enum(struct ycfg *, struct fy_node *map, const char *path,
               const char *key, const char *const choices[], int *out);
/* A duration: a number with unit ms, s, m or h ("500ms", "5s", "2m"); a
 * bare number means seconds.  '*out_ms' in milliseconds, within
 * [min_ms, max_ms]. */
bool ycfg_duration(struct ycfg *, struct fy_node *map, const char *path,
                   const char *key, uint64_t min_ms, uint64_t max_ms,
                   uint64_t *out_ms);
/* Fails with "missing required setting" if 'key' is absent. */
bool ycfg_require(struct ycfg *, struct fy_node *map, const char *path,
                  const char *key);

/* Scalars on their own (sequence items). */
bool ycfg_scalar_string(struct ycfg *, struct fy_node *node, const char *path,
                        const char **out);
bool ycfg_scalar_uint(struct ycfg *, struct fy_node *node, const char *path,
                      uint64_t min, uint64_t max, uint64_t *out);

/* Checks that 'node' is a sequence (NULL: an empty one) and returns its
 * length through 'n'. */
bool ycfg_sequence(struct ycfg *, struct fy_node *node, const char *path,
                   size_t *n);
/* The i'th item of a sequence. */
struct fy_node *ycfg_item(struct fy_node *seq, size_t i);

/* "FILE:LINE:COLUMN" of a node (1-based), into 'buf'. */
void ycfg_where(const struct ycfg *, struct fy_node *, char *buf,
                size_t size);
/* The same, malloc'd (the caller frees it): for positions kept after the
 * ycfg is gone. */
char *ycfg_where_dup(const struct ycfg *, struct fy_node *);

#endif /* canopy/ycfg.h */
