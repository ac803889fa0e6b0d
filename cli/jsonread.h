/* Reading JSON text with libfyaml, strictly: libfyaml's JSON mode refuses
 * what YAML would accept and JSON does not ({name: web}, 'single quotes',
 * trailing commas, a second document), and every refusal is reported as
 * "NAME:LINE:COLUMN: what is wrong".  Pure code: no I/O.
 *
 * Nodes belong to their document: they are valid until the caller
 * destroys it with fy_document_destroy(). */
#ifndef CLI_JSONREAD_H
#define CLI_JSONREAD_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ds;
struct fy_document;
struct fy_node;

/* Parses 'len' bytes of JSON; 'name' (a file name, "response") starts
 * error messages.  Returns the document (the caller destroys it), or NULL
 * with a malloc'd '*error'. */
struct fy_document *jsonread_parse(const char *name, const char *text,
                                   size_t len, char **error);

/* Converts 'len' bytes of YAML text (JSON is YAML) into one line of JSON
 * appended to 'json': anchors, aliases and merge keys resolved, comments
 * dropped, plain scalars that are JSON numbers, true, false or null kept
 * as such and every other scalar quoted.  '*mapping' tells whether the
 * document is a mapping.  Returns 0, or -1 with a malloc'd
 * "NAME:LINE:COLUMN: what is wrong" (also for an empty text or a stream of
 * more than one document). */
int jsonread_yaml_to_json(const char *name, const char *text, size_t len,
                          struct ds *json, bool *mapping, char **error);

/* The value of 'key' in mapping 'map'; NULL if 'map' is not a mapping or
 * has no such key. */
struct fy_node *jsonread_get(struct fy_node *map, const char *key);

/* The text of the scalar 'key' of 'map', NULL if absent, null or not a
 * scalar.  Owned by the document. */
const char *jsonread_str(struct fy_node *map, const char *key);

/* True if 'node' is a JSON true (the literal, not the string "true"). */
bool jsonread_is_true(struct fy_node *node);

/* Reads the unsigned integer 'key' of 'map'; false if absent or not a
 * number. */
bool jsonread_u64(struct fy_node *map, const char *key, uint64_t *out);

/* Appends 'node' for a person: a scalar's text (a string unquoted), a
 * collection as one line of JSON.  NULL appends "-". */
void jsonread_put_value(struct ds *, struct fy_node *node);

#endif /* cli/jsonread.h */
