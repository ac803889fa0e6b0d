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

struct fy_document *
jsonread_parse(const char *name, const char *text, size_t len, char **error)
{
    struct jsonread_diag d = { .name = name };
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = jsonread_diag_output;
    dcfg.user = &d;
    dcfg.colorize = false;
    dcfg.show_source = false;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (!diag) {
        out_of_memory();
    }
    struct fy_parse_cfg pcfg = {
        .flags = FYPCF_QUIET | FYPCF_JSON_FORCE,
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
            ds_put_format(&ds, "%s: not valid JSON", name);
            d.error = ds_steal(&ds);
        }
        *error = d.error;
        return NULL;
    }
    return doc;
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
