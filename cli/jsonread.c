/* Strict JSON reading through libfyaml: see jsonread.h. */
#include <config.h>

#include "cli/jsonread.h"

#include <errno.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

struct jsonread_diag {
    const char *name;
    char *error;                /* First error, or NULL. */
};

/* libfyaml's diagnostics come as "SOURCE:LINE:COL: error: TEXT", then the
 * source line and a caret line.  SOURCE is a made-up name for text in
 * memory, so the first message is kept with our own name in front and the
 * rest ignored (as ycfg does for config files). */
static void
jsonread_diag_output(struct fy_diag *diag, void *user, const char *buf,
                     size_t len)
{
    struct jsonread_diag *d = user;
    (void) diag;
    if (d->error || len == 0 || buf[0] == '[') {
        return;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned int line, col;
        int n = 0;
        if (buf[i] == ':' && sscanf(buf + i, ":%u:%u:%n", &line, &col, &n) == 2
            && n > 0) {
            const char *text = buf + i + n;
            size_t rest = len - i - (size_t) n;
            while (rest && (*text == ' ')) {
                text++, rest--;
            }
            if (rest >= 7 && !memcmp(text, "error: ", 7)) {
                text += 7, rest -= 7;
            }
            while (rest && (text[rest - 1] == '\n' || text[rest - 1] == ' ')) {
                rest--;
            }
            struct ds ds = DS_EMPTY_INITIALIZER;
            ds_put_format(&ds, "%s:%u:%u: %.*s", d->name, line, col,
                          (int) rest, text);
            d->error = ds_steal(&ds);
            return;
        }
    }
}

/* Parses 'len' bytes of 'text' with libfyaml's parse flags 'flags'; see
 * jsonread_parse() and jsonread_parse_yaml(). */
/* A libfyaml diagnostic object that keeps the first error in 'd'. */
static struct fy_diag *
jsonread_diag_create(struct jsonread_diag *d)
{
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = jsonread_diag_output;
    dcfg.user = d;
    dcfg.colorize = false;
    dcfg.show_source = false;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (!diag) {
        out_of_memory();
    }
    return diag;
}

static struct fy_document *
jsonread_build(const char *name, const char *text, size_t len,
               unsigned int flags, char **error)
{
    struct jsonread_diag d = { .name = name };
    struct fy_diag *diag = jsonread_diag_create(&d);
    struct fy_parse_cfg pcfg = {
        .flags = flags,
        .diag = diag,
    };
    /* libfyaml's tokens point into the input and the document keeps them:
     * the parser gets its own copy and frees it (with the document, or at
     * once if parsing fails). */
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    struct fy_document *doc = fy_document_build_from_malloc_string(&pcfg, copy,
                                                                   len);
    /* A document can come back with an error reported (JSON text followed
     * by a second value): any error refuses the whole text. */
    if (doc && d.error) {
        fy_document_destroy(doc);
        doc = NULL;
    }
    if (doc && !fy_document_root(doc)) {
        fy_document_destroy(doc);
        doc = NULL;
    }
    fy_diag_unref(diag);
    if (!doc) {
        if (!d.error) {
            struct ds ds = DS_EMPTY_INITIALIZER;
            ds_put_format(&ds, "%s: not valid %s", name,
                          flags & FYPCF_JSON_FORCE ? "JSON" : "YAML");
            d.error = ds_steal(&ds);
        }
        *error = d.error;
        return NULL;
    }
    return doc;
}

struct fy_document *
jsonread_parse(const char *name, const char *text, size_t len, char **error)
{
    return jsonread_build(name, text, len, FYPCF_QUIET | FYPCF_JSON_FORCE,
                          error);
}

int
jsonread_yaml_to_json(const char *name, const char *text, size_t len,
                      struct ds *json, bool *mapping, char **error)
{
    struct jsonread_diag d = { .name = name };
    struct fy_diag *diag = jsonread_diag_create(&d);
    struct fy_parse_cfg pcfg = {
        .flags = FYPCF_QUIET | FYPCF_JSON_NONE | FYPCF_RESOLVE_DOCUMENT,
        .diag = diag,
    };
    struct fy_parser *fyp = fy_parser_create(&pcfg);
    if (!fyp) {
        out_of_memory();
    }
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    if (fy_parser_set_malloc_string(fyp, copy, len)) {
        free(copy);
        out_of_memory();
    }

    /* libfyaml builds one document at a time: a second one is looked for
     * so that it is refused rather than ignored. */
    struct fy_document *doc = fy_parse_load_document(fyp);
    struct fy_document *more = doc && !d.error ? fy_parse_load_document(fyp)
                                               : NULL;
    int rc = -1;
    if (more && !d.error) {
        struct fy_document_state *st = fy_document_get_document_state(more);
        const struct fy_mark *m = st ? fy_document_state_start_mark(st)
                                     : NULL;
        struct ds ds = DS_EMPTY_INITIALIZER;
        if (m) {
            ds_put_format(&ds, "%s:%d:%d: a second YAML document (one is "
                          "expected)", name, m->line + 1, m->column + 1);
        } else {
            ds_put_format(&ds, "%s: more than one YAML document (one is "
                          "expected)", name);
        }
        d.error = ds_steal(&ds);
    } else if (doc && !d.error && fy_document_root(doc)) {
        struct fy_node *root = fy_document_root(doc);
        char *out = fy_emit_node_to_string(root, FYECF_MODE_JSON_ONELINE
                                                 | FYECF_NO_ENDING_NEWLINE);
        if (!out) {
            out_of_memory();
        }
        size_t n = strlen(out);
        while (n && out[n - 1] == '\n') {
            n--;
        }
        ds_put_format(json, "%.*s", (int) n, out);
        free(out);
        *mapping = fy_node_get_type(root) == FYNT_MAPPING;
        rc = 0;
    } else if (!d.error) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        ds_put_format(&ds, "%s: empty (no YAML document)", name);
        d.error = ds_steal(&ds);
    }
    if (more) {
        fy_parse_document_destroy(fyp, more);
    }
    if (doc) {
        fy_parse_document_destroy(fyp, doc);
    }
    fy_parser_destroy(fyp);
    fy_diag_unref(diag);
    if (rc) {
        *error = d.error;
    } else {
        free(d.error);
    }
    return rc;
}

struct fy_node *
jsonread_get(struct fy_node *map, const char *key)
{
    if (!map || fy_node_get_type(map) != FYNT_MAPPING) {
        return NULL;
    }
    return fy_node_mapping_lookup_by_string(map, key, strlen(key));
}

/* True for JSON's null, which libfyaml reads as the plain scalar "null". */
static bool
jsonread_is_null(struct fy_node *node)
{
    return fy_node_get_type(node) == FYNT_SCALAR
           && fy_node_get_style(node) == FYNS_PLAIN
           && !strcmp(fy_node_get_scalar0(node), "null");
}

const char *
jsonread_str(struct fy_node *map, const char *key)
{
    struct fy_node *n = jsonread_get(map, key);
    if (!n || fy_node_get_type(n) != FYNT_SCALAR || jsonread_is_null(n)) {
        return NULL;
    }
    return fy_node_get_scalar0(n);
}

bool
jsonread_is_true(struct fy_node *node)
{
    return node && fy_node_get_type(node) == FYNT_SCALAR
           && fy_node_get_style(node) == FYNS_PLAIN
           && !strcmp(fy_node_get_scalar0(node), "true");
}

bool
jsonread_u64(struct fy_node *map, const char *key, uint64_t *out)
{
    struct fy_node *n = jsonread_get(map, key);
    if (!n || fy_node_get_type(n) != FYNT_SCALAR
        || fy_node_get_style(n) != FYNS_PLAIN) {
        return false;
    }
    const char *s = fy_node_get_scalar0(n);
    char *end;
    if (!s || *s < '0' || *s > '9') {
        return false;
    }
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) {
        return false;
    }
    *out = v;
    return true;
}

void
jsonread_put_value(struct ds *ds, struct fy_node *node)
{
    if (!node || jsonread_is_null(node)) {
        ds_put_char(ds, '-');
    } else if (fy_node_get_type(node) == FYNT_SCALAR) {
        ds_put_cstr(ds, fy_node_get_scalar0(node));
    } else {
        char *text = fy_emit_node_to_string(node, FYECF_MODE_JSON_ONELINE
                                                  | FYECF_NO_ENDING_NEWLINE);
        if (!text) {
            out_of_memory();
        }
        size_t n = strlen(text);
        while (n && text[n - 1] == '\n') {
            text[--n] = '\0';
        }
        ds_put_cstr(ds, text);
        free(text);
    }
}
