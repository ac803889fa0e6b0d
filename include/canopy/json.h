/* JSON out and in, through libfyaml.
 *
 * Writing: a 'struct json_writer' owns one libfyaml document; callers build
 * nodes in it and json_finish() emits the root as one line of JSON and frees
 * the document.  libfyaml's JSON emitter infers numbers and booleans from a
 * scalar's text, so strings are built from a double-quoted literal and stay
 * strings whatever they hold ("42", "true"); numbers and booleans have their
 * own constructors.  No JSON text is ever put together by hand.
 *
 * Reading: JSON is YAML, so request bodies are parsed with ycfg (see
 * include/canopy/ycfg.h), whose errors carry line and column.  This header
 * is part of the app API (include/canopy/app.h): apps answer their admin API
 * routes with it. */
#ifndef CANOPY_JSON_H
#define CANOPY_JSON_H 1

#include <stdbool.h>
#include <stdint.h>

struct fy_document;
struct fy_node;

struct json_writer {
    struct fy_document *doc;    /* Owned until json_finish(). */
};

void json_init(struct json_writer *);
/* Emits 'root' (a node of w's document, or NULL for "null") as one line
 * of JSON with a final newline, in a malloc'd string the caller frees, and
 * destroys the document. */
char *json_finish(struct json_writer *, struct fy_node *root);
/* Destroys the document without emitting it, and 'root' (NULL or a node
 * of the document that was to be the root: nodes not yet attached to a
 * root are not freed with the document). */
void json_abandon(struct json_writer *, struct fy_node *root);

struct fy_node *json_map(struct json_writer *);
struct fy_node *json_seq(struct json_writer *);
struct fy_node *json_str(struct json_writer *, const char *);
struct fy_node *json_u64(struct json_writer *, uint64_t);
struct fy_node *json_i64(struct json_writer *, int64_t);
struct fy_node *json_double(struct json_writer *, double);
struct fy_node *json_bool(struct json_writer *, bool);
struct fy_node *json_null(struct json_writer *);

/* Appends 'key': 'value' to mapping 'map' (takes 'value'). */
void json_put(struct json_writer *, struct fy_node *map, const char *key,
              struct fy_node *value);
void json_put_str(struct json_writer *, struct fy_node *map, const char *key,
                  const char *);
void json_put_u64(struct json_writer *, struct fy_node *map, const char *key,
                  uint64_t);
void json_put_bool(struct json_writer *, struct fy_node *map,
                   const char *key, bool);
/* A datapath id, as the API writes them all: 16 hex digits, a string. */
void json_put_dpid(struct json_writer *, struct fy_node *map,
                   const char *key, uint64_t dpid);
/* Appends 'value' to sequence 'seq' (takes 'value'). */
void json_append(struct fy_node *seq, struct fy_node *value);

#endif /* canopy/json.h */
