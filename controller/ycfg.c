/* Typed, located reading of YAML configuration: see ycfg.h. */
#include <config.h>

#include "canopy/ycfg.h"

#include <errno.h>
#include <inttypes.h>
#include <libfyaml.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

struct ycfg {
    char *name;                 /* File name for messages. */
    struct fy_document *doc;    /* NULL if the YAML did not parse. */
    char *error;                /* First error, or NULL. */
    char *text;                 /* The YAML source: libfyaml's tokens point
                                 * into it, so it lives as long as 'doc'. */
};

/* libfyaml reports syntax errors through a diagnostic object as
 * "SOURCE:LINE:COL: error: TEXT".  SOURCE is a made-up name for in-memory
 * input, so this output function keeps the first such line with our own
 * name in front, and ignores libfyaml's internal "[ERR]" trace lines. */
static void
ycfg_diag_output(struct fy_diag *diag, void *user, const char *buf,
                 size_t len)
{
    struct ycfg *y = user;
    (void) diag;
    if (y->error || len == 0 || buf[0] == '[') {
        return;
    }
    /* Find ":LINE:COL:" and keep what follows the source name. */
    for (size_t i = 0; i < len; i++) {
        unsigned int line, col;
        int n = 0;
        if (buf[i] == ':' && sscanf(buf + i, ":%u:%u:%n", &line, &col, &n) == 2
            && n > 0) {
            size_t rest = len - i;
            while (rest && (buf[i + rest - 1] == '\n'
                            || buf[i + rest - 1] == ' ')) {
                rest--;
            }
            struct ds ds = DS_EMPTY_INITIALIZER;
            ds_put_format(&ds, "%s%.*s", y->name, (int) rest, buf + i);
            y->error = ds_steal(&ds);
            return;
        }
    }
}

/* Records "NAME:LINE:COLUMN: WHY" for byte 'ofs' of 'text'. */
static void
ycfg_fail_at(struct ycfg *y, const char *text, size_t ofs, const char *why)
{
    size_t line = 1, col = 1;
    for (size_t i = 0; i < ofs; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char) text[i] & 0xc0) != 0x80) {
            col++;
        }
    }
    struct ds ds = DS_EMPTY_INITIALIZER;
    ds_put_format(&ds, "%s:%zu:%zu: %s", y->name, line, col, why);
    free(y->error);
    y->error = ds_steal(&ds);
}

/* Returns the offset of the first byte of 'text' that is not part of
 * well-formed UTF-8 (no overlongs, surrogates or code points past
 * U+10FFFF), or 'len' if there is none.  libfyaml 0.7 can loop forever on
 * some malformed sequences, so nothing malformed reaches it. */
static size_t
ycfg_utf8_error(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *) text;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            n = 1, cp = c & 0x1f, min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2, cp = c & 0x0f, min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return i;
        }
        if (len - i <= n) {
            return i;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return i;
        }
        i += n + 1;
    }
    return len;
}

struct ycfg *
ycfg_load_json(const char *name, const char *text, size_t len)
{
    /* Outside strings, JSON has only these: anything else (YAML's quotes,
     * anchors, tags, directives, comments, block scalars) is refused here,
     * which also keeps request bodies away from libfyaml paths that leak
     * (single-quoted scalars) or hang (directives). */
    static const char json_chars[] = " \t\r\n{}[]:,-+."
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\' && i + 1 < len) {
                i++;
            } else if (c == '"') {
                in_string = false;
            } else if ((unsigned char) c < 0x20) {
                struct ycfg *y = ycfg_load_string(name, "", 0);
                ycfg_fail_at(y, text, i, "not JSON: a control character "
                             "inside a string");
                return y;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (!c || !strchr(json_chars, c)) {
            struct ycfg *y = ycfg_load_string(name, "", 0);
            char why[64];
            snprintf(why, sizeof why, (unsigned char) c >= 0x20
                     && (unsigned char) c < 0x7f ? "not JSON: unexpected '%c'"
                     : "not JSON: unexpected byte 0x%02x",
                     (unsigned char) c);
            ycfg_fail_at(y, text, i, why);
            return y;
        }
    }
    return ycfg_load_string(name, text, len);
}

struct ycfg *
ycfg_load_string(const char *name, const char *text, size_t len)
{
    struct ycfg *y = xzalloc(sizeof *y);
    y->name = xstrdup(name);
    if (len == 0) {
        return y;               /* Empty: no document, no error. */
    }
    size_t bad = ycfg_utf8_error(text, len);
    if (bad < len) {
        ycfg_fail_at(y, text, bad, "not valid UTF-8");
        return y;
    }

    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = ycfg_diag_output;
    dcfg.user = y;
    dcfg.colorize = false;
    dcfg.show_source = false;
    struct fy_diag *diag = fy_diag_create(&dcfg);

    struct fy_parse_cfg pcfg = {
        .flags = FYPCF_QUIET,
        .diag = diag,
    };
    y->text = xmalloc(len + 1);
    memcpy(y->text, text, len);
    y->text[len] = '\0';
    y->doc = fy_document_build_from_string(&pcfg, y->text, len);
    if (!y->doc && !y->error) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        ds_put_format(&ds, "%s: not valid YAML", name);
        y->error = ds_steal(&ds);
    }
    fy_diag_unref(diag);
    return y;
}

/* Config files are small; anything larger is a mistake (or an attack on a
 * daemon that reloads on request). */
#define YCFG_MAX_FILE (16u << 20)

struct ycfg *
ycfg_load_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        struct ycfg *y = ycfg_load_string(path, "", 0);
        free(y->error);
        struct ds ds = DS_EMPTY_INITIALIZER;
        ds_put_format(&ds, "%s: cannot open: %s", path, strerror(errno));
        y->error = ds_steal(&ds);
        return y;
    }
    struct ds text = DS_EMPTY_INITIALIZER;
    char buf[8192];
    size_t n;
    bool too_big = false;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (text.length + n > YCFG_MAX_FILE) {
            too_big = true;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            ds_put_char(&text, buf[i]);
        }
    }
    bool failed = ferror(f);
    fclose(f);
    struct ycfg *y = ycfg_load_string(path, ds_cstr(&text), text.length);
    if (failed || too_big) {
        free(y->error);
        struct ds ds = DS_EMPTY_INITIALIZER;
        ds_put_format(&ds, "%s: %s", path,
                      too_big ? "larger than 16 MiB" : "read error");
        y->error = ds_steal(&ds);
    }
    ds_destroy(&text);
    return y;
}


/* libfyaml finds item i by walking the sequence from its start, so a loop
 * over a long sequence with ycfg_item() would be quadratic (a tenant may
 * have 100,000 members).  The walk of the last call is kept, and a call
 * for the next item of the same sequence takes one step.  Everything runs
 * in one thread; ycfg_destroy() forgets the walk with the document. */
static struct {
    struct fy_node *seq;        /* NULL: no walk. */
    size_t i;                   /* The item the walk is on. */
    void *iter;                 /* libfyaml's iterator, after item i. */
} ycfg_walk;

void
ycfg_destroy(struct ycfg *y)
{
    if (y) {
        ycfg_walk.seq = NULL;       /* It may be a node of this document. */
        fy_document_destroy(y->doc);
        free(y->name);
        free(y->error);
        free(y->text);
        free(y);
    }
}

struct fy_node *
ycfg_root(const struct ycfg *y)
{
    return y->doc ? fy_document_root(y->doc) : NULL;
}

const char *
ycfg_error(const struct ycfg *y)
{
    return y->error;
}

const char *
ycfg_name(const struct ycfg *y)
{
    return y->name;
}

/* Finds the first position inside 'node': its own token for a scalar, the
 * first key or item for a collection.  Returns false for empty
 * collections. */
static bool
ycfg_node_mark(struct fy_node *node, int *line, int *col)
{
    void *iter = NULL;
    if (!node) {
        return false;
    }
    switch (fy_node_get_type(node)) {
    case FYNT_SCALAR: {
        struct fy_token *t = fy_node_get_scalar_token(node);
        const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
        if (m) {
            *line = m->line + 1;
            *col = m->column + 1;
            return true;
        }
        return false;
    }
    case FYNT_MAPPING: {
        struct fy_node_pair *p = fy_node_mapping_iterate(node, &iter);
        return p && ycfg_node_mark(fy_node_pair_key(p), line, col);
    }
    case FYNT_SEQUENCE:
        return ycfg_node_mark(fy_node_sequence_iterate(node, &iter), line,
                              col);
    default:
        return false;
    }
}

void
ycfg_where(const struct ycfg *y, struct fy_node *node, char *buf,
           size_t size)
{
    int line = 0, col = 0;
    bool found = ycfg_node_mark(node, &line, &col);
    /* An empty collection has no token of its own: use the key that names
     * it in its parent mapping. */
    while (!found && node) {
        struct fy_node *parent = fy_node_get_parent(node);
        if (parent && fy_node_get_type(parent) == FYNT_MAPPING) {
            void *iter = NULL;
            struct fy_node_pair *p;
            while ((p = fy_node_mapping_iterate(parent, &iter))) {
                if (fy_node_pair_value(p) == node) {
                    found = ycfg_node_mark(fy_node_pair_key(p), &line, &col);
                    break;
                }
            }
        }
        node = parent;
    }
    if (found) {
        snprintf(buf, size, "%s:%d:%d", y->name, line, col);
    } else {
        snprintf(buf, size, "%s", y->name);
    }
}

char *
ycfg_where_dup(const struct ycfg *y, struct fy_node *node)
{
    char buf[512];
    ycfg_where(y, node, buf, sizeof buf);
    return xstrdup(buf);
}

bool
ycfg_fail(struct ycfg *y, struct fy_node *node, const char *path,
          const char *fmt, ...)
{
    if (y->error) {
        return false;
    }
    char where[512];
    ycfg_where(y, node, where, sizeof where);

    struct ds ds = DS_EMPTY_INITIALIZER;
    ds_put_format(&ds, "%s: ", where);
    if (path && *path) {
        ds_put_format(&ds, "%s: ", path);
    }
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    y->error = ds_steal(&ds);
    return false;
}

/* Joins a parent path and a key: "keepalive" + "interval". */
static const char *
ycfg_join(char *buf, size_t size, const char *path, const char *key)
{
    snprintf(buf, size, "%s%s%s", path && *path ? path : "",
             path && *path ? "." : "", key);
    return buf;
}

static const char *
ycfg_type_name(struct fy_node *node)
{
    switch (fy_node_get_type(node)) {
    case FYNT_SCALAR:
        return "a scalar";
    case FYNT_SEQUENCE:
        return "a list";
    case FYNT_MAPPING:
        return "a mapping";
    default:
        return "something else";
    }
}

bool
ycfg_check_mapping(struct ycfg *y, struct fy_node *node, const char *path,
                   const char *const allowed[])
{
    if (!node) {
        return true;
    }
    if (fy_node_get_type(node) != FYNT_MAPPING) {
        return ycfg_fail(y, node, path, "expected a mapping, got %s",
                         ycfg_type_name(node));
    }
    void *iter = NULL;
    struct fy_node_pair *p;
    while ((p = fy_node_mapping_iterate(node, &iter))) {
        struct fy_node *k = fy_node_pair_key(p);
        const char *key = k && fy_node_is_scalar(k) ? fy_node_get_scalar0(k)
                                                    : NULL;
        if (!key) {
            return ycfg_fail(y, k, path, "keys must be plain strings");
        }
        bool ok = false;
        for (const char *const *a = allowed; *a; a++) {
            if (!strcmp(*a, key)) {
                ok = true;
                break;
            }
        }
        if (!ok) {
            struct ds known = DS_EMPTY_INITIALIZER;
            for (const char *const *a = allowed; *a; a++) {
                ds_put_format(&known, "%s%s", a == allowed ? "" : ", ", *a);
            }
            /* A key is quoted at most 64 bytes long: the message is for
             * people, and the key may come from a hostile body. */
            ycfg_fail(y, k, path, "unknown setting '%.64s%s' (expected one "
                      "of: %s)", key, strlen(key) > 64 ? "..." : "",
                      ds_cstr(&known));
            ds_destroy(&known);
            return false;
        }
    }
    return true;
}

struct fy_node *
ycfg_get(struct fy_node *map, const char *key)
{
    if (!map || fy_node_get_type(map) != FYNT_MAPPING) {
        return NULL;
    }
    return fy_node_mapping_lookup_by_string(map, key, strlen(key));
}

bool
ycfg_require(struct ycfg *y, struct fy_node *map, const char *path,
             const char *key)
{
    if (ycfg_get(map, key)) {
        return true;
    }
    char full[256];
    return ycfg_fail(y, map, ycfg_join(full, sizeof full, path, key),
                     "missing required setting");
}

/* Returns the text of a plain or quoted scalar, or fails. */
static const char *
ycfg_scalar(struct ycfg *y, struct fy_node *node, const char *path,
            const char *expected)
{
    if (!node || fy_node_get_type(node) != FYNT_SCALAR) {
        ycfg_fail(y, node, path, "expected %s, got %s", expected,
                  node ? ycfg_type_name(node) : "nothing");
        return NULL;
    }
    return fy_node_get_scalar0(node);
}

bool
ycfg_scalar_string(struct ycfg *y, struct fy_node *node, const char *path,
                   const char **out)
{
    const char *s = ycfg_scalar(y, node, path, "a string");
    if (!s) {
        return false;
    }
    if (!*s) {
        return ycfg_fail(y, node, path, "expected a non-empty string");
    }
    *out = s;
    return true;
}

/* Parses a whole decimal or 0x-hex unsigned number. */
static bool
ycfg_parse_u64(const char *s, uint64_t *out)
{
    if (!*s || *s == '-' || *s == '+' || *s == ' ') {
        return false;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end) {
        return false;
    }
    *out = v;
    return true;
}

bool
ycfg_scalar_uint(struct ycfg *y, struct fy_node *node, const char *path,
                 uint64_t min, uint64_t max, uint64_t *out)
{
    const char *s = ycfg_scalar(y, node, path, "an integer");
    uint64_t v;
    if (!s) {
        return false;
    }
    if (fy_node_get_style(node) != FYNS_PLAIN || !ycfg_parse_u64(s, &v)) {
        return ycfg_fail(y, node, path,
                         "expected an integer from %" PRIu64 " to %" PRIu64
                         ", got '%s'", min, max, s);
    }
    if (v < min || v > max) {
        return ycfg_fail(y, node, path,
                         "%" PRIu64 " is out of range (%" PRIu64 " to %" PRIu64
                         ")", v, min, max);
    }
    *out = v;
    return true;
}

bool
ycfg_uint(struct ycfg *y, struct fy_node *map, const char *path,
          const char *key, uint64_t min, uint64_t max, uint64_t *out)
{
    struct fy_node *n = ycfg_get(map, key);
    char full[256];
    return !n || ycfg_scalar_uint(y, n, ycfg_join(full, sizeof full, path,
                                                  key), min, max, out);
}

bool
ycfg_bool(struct ycfg *y, struct fy_node *map, const char *path,
          const char *key, bool *out)
{
    struct fy_node *n = ycfg_get(map, key);
    char full[256];
    ycfg_join(full, sizeof full, path, key);
    if (!n) {
        return true;
    }
    const char *s = ycfg_scalar(y, n, full, "true or false");
    if (!s) {
        return false;
    }
    if (fy_node_get_style(n) == FYNS_PLAIN && !strcmp(s, "true")) {
        *out = true;
    } else if (fy_node_get_style(n) == FYNS_PLAIN && !strcmp(s, "false")) {
        *out = false;
    } else {
        return ycfg_fail(y, n, full, "expected true or false, got '%s'", s);
    }
    return true;
}

bool
ycfg_string(struct ycfg *y, struct fy_node *map, const char *path,
            const char *key, char **out)
{
    struct fy_node *n = ycfg_get(map, key);
    char full[256];
    const char *s;
    if (!n) {
        return true;
    }
    if (!ycfg_scalar_string(y, n, ycfg_join(full, sizeof full, path, key),
                            &s)) {
        return false;
    }
    free(*out);
    *out = xstrdup(s);
    return true;
}

bool
ycfg_enum(struct ycfg *y, struct fy_node *map, const char *path,
          const char *key, const char *const choices[], int *out)
{
    struct fy_node *n = ycfg_get(map, key);
    char full[256];
    ycfg_join(full, sizeof full, path, key);
    if (!n) {
        return true;
    }
    const char *s = ycfg_scalar(y, n, full, "a name");
    if (!s) {
        return false;
    }
    for (int i = 0; choices[i]; i++) {
        if (!strcmp(choices[i], s)) {
            *out = i;
            return true;
        }
    }
    struct ds known = DS_EMPTY_INITIALIZER;
    for (int i = 0; choices[i]; i++) {
        ds_put_format(&known, "%s%s", i ? ", " : "", choices[i]);
    }
    ycfg_fail(y, n, full, "expected one of %s, got '%s'", ds_cstr(&known), s);
    ds_destroy(&known);
    return false;
}

bool
ycfg_duration(struct ycfg *y, struct fy_node *map, const char *path,
              const char *key, uint64_t min_ms, uint64_t max_ms,
              uint64_t *out_ms)
{
    struct fy_node *n = ycfg_get(map, key);
    char full[256];
    ycfg_join(full, sizeof full, path, key);
    if (!n) {
        return true;
    }
    const char *s = ycfg_scalar(y, n, full, "a duration");
    if (!s) {
        return false;
    }
    char *end;
    errno = 0;
    unsigned long long v = (*s >= '0' && *s <= '9') ? strtoull(s, &end, 10)
                                                    : (end = (char *) s, 0);
    uint64_t scale = 0;
    if (end != s && !errno) {
        scale = !strcmp(end, "ms") ? 1
                : !strcmp(end, "s") || !*end ? 1000
                : !strcmp(end, "m") ? 60000
                : !strcmp(end, "h") ? 3600000
                : 0;
    }
    if (!scale || v > UINT64_MAX / scale) {
        return ycfg_fail(y, n, full,
                         "expected a duration like 500ms, 5s, 2m or 1h, "
                         "got '%s'", s);
    }
    uint64_t ms = v * scale;
    if (ms < min_ms || ms > max_ms) {
        return ycfg_fail(y, n, full,
                         "%s is out of range (%" PRIu64 "ms to %" PRIu64
                         "ms)", s, min_ms, max_ms);
    }
    *out_ms = ms;
    return true;
}

bool
ycfg_sequence(struct ycfg *y, struct fy_node *node, const char *path,
              size_t *n)
{
    if (!node) {
        *n = 0;
        return true;
    }
    if (fy_node_get_type(node) != FYNT_SEQUENCE) {
        return ycfg_fail(y, node, path, "expected a list, got %s",
                         ycfg_type_name(node));
    }
    *n = (size_t) fy_node_sequence_item_count(node);
    return true;
}


struct fy_node *
ycfg_item(struct fy_node *seq, size_t i)
{
    if (!seq || i > INT_MAX) {
        return NULL;
    }
    if (i == 0 || (seq == ycfg_walk.seq && i == ycfg_walk.i + 1)) {
        if (i == 0) {
            ycfg_walk.seq = seq;
            ycfg_walk.iter = NULL;
        }
        struct fy_node *n = fy_node_sequence_iterate(seq, &ycfg_walk.iter);
        ycfg_walk.i = i;
        if (!n) {
            ycfg_walk.seq = NULL;
        }
        return n;
    }
    return fy_node_sequence_get_by_index(seq, (int) i);
}
