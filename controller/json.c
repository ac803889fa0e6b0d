/* JSON through libfyaml: see json.h. */
#include <config.h>

#include "canopy/json.h"

#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

void
json_init(struct json_writer *w)
{
    w->doc = fy_document_create(NULL);
    if (!w->doc) {
        out_of_memory();
    }
}

char *
json_finish(struct json_writer *w, struct fy_node *root)
{
    fy_document_set_root(w->doc, root ? root : json_null(w));
    char *text = fy_emit_document_to_string(w->doc, FYECF_MODE_JSON_ONELINE);
    fy_document_destroy(w->doc);
    w->doc = NULL;
    if (!text) {
        out_of_memory();
    }
    size_t n = strlen(text);
    if (!n || text[n - 1] != '\n') {
        text = xrealloc(text, n + 2);
        text[n] = '\n';
        text[n + 1] = '\0';
    }
    return text;
}

void
json_abandon(struct json_writer *w, struct fy_node *root)
{
    if (root) {
        fy_node_free(root);
    }
    fy_document_destroy(w->doc);
    w->doc = NULL;
}

static struct fy_node *
json_check(struct fy_node *n)
{
    if (!n) {
        out_of_memory();
    }
    return n;
}

struct fy_node *
json_map(struct json_writer *w)
{
    return json_check(fy_node_create_mapping(w->doc));
}

struct fy_node *
json_seq(struct json_writer *w)
{
    return json_check(fy_node_create_sequence(w->doc));
}

struct fy_node *
json_str(struct json_writer *w, const char *s)
{
    struct ds q = DS_EMPTY_INITIALIZER;
    ds_put_char(&q, '"');
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            ds_put_format(&q, "\\%c", *p);
        } else if (*p < 0x20 || *p == 0x7f) {
            ds_put_format(&q, "\\x%02x", *p);
        } else {
            ds_put_char(&q, (char) *p);
        }
    }
    ds_put_char(&q, '"');
    /* The node keeps pointing into its source text, so the document must
     * own it: it frees the string when it is destroyed. */
    size_t len = q.length;
    return json_check(fy_node_build_from_malloc_string(w->doc, ds_steal(&q),
                                                       len));
}

struct fy_node *
json_u64(struct json_writer *w, uint64_t v)
{
    return json_check(fy_node_create_scalarf(w->doc, "%llu",
                                             (unsigned long long) v));
}

struct fy_node *
json_i64(struct json_writer *w, int64_t v)
{
    return json_check(fy_node_create_scalarf(w->doc, "%lld", (long long) v));
}

struct fy_node *
json_double(struct json_writer *w, double v)
{
    return json_check(fy_node_create_scalarf(w->doc, "%.6g", v));
}

struct fy_node *
json_bool(struct json_writer *w, bool v)
{
    return json_check(fy_node_create_scalar(w->doc, v ? "true" : "false",
                                            FY_NT));
}

struct fy_node *
json_null(struct json_writer *w)
{
    return json_check(fy_node_create_scalar(w->doc, "null", FY_NT));
}

void
json_put(struct json_writer *w, struct fy_node *map, const char *key,
         struct fy_node *value)
{
    fy_node_mapping_append(map, json_str(w, key), value);
}

void
json_put_str(struct json_writer *w, struct fy_node *map, const char *key,
             const char *val)
{
    json_put(w, map, key, json_str(w, val));
}

void
json_put_u64(struct json_writer *w, struct fy_node *map, const char *key,
             uint64_t val)
{
    json_put(w, map, key, json_u64(w, val));
}

void
json_put_bool(struct json_writer *w, struct fy_node *map, const char *key,
              bool val)
{
    json_put(w, map, key, json_bool(w, val));
}

void
json_put_dpid(struct json_writer *w, struct fy_node *map, const char *key,
              uint64_t dpid)
{
    char text[17];
    snprintf(text, sizeof text, "%016llx", (unsigned long long) dpid);
    json_put_str(w, map, key, text);
}

void
json_append(struct fy_node *seq, struct fy_node *value)
{
    fy_node_sequence_append(seq, value);
}
