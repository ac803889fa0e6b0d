/* Local inputs: see input.h. */
#include <config.h>

#include "cli/input.h"

#include <errno.h>
#include <libfyaml.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli/jsonread.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

static int
input_fail(char **error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
input_fail(char **error, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    *error = ds_steal(&ds);
    return -1;
}

/* Reads all of 'f' into 'out', at most 'max' bytes.  Returns 0, or an
 * errno value (EFBIG when 'f' holds more). */
static int
input_read_all(FILE *f, size_t max, struct ds *out)
{
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (out->length + n > max) {
            return EFBIG;
        }
        /* ds_put_format("%.*s") would stop at a NUL byte; the bytes are
         * copied as they are and a NUL is refused by the JSON check. */
        for (size_t i = 0; i < n; i++) {
            ds_put_char(out, buf[i]);
        }
    }
    return ferror(f) ? EIO : 0;
}

int
input_read_token(const char *path, char **token, char **error)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return input_fail(error, "token file %s: %s", path, strerror(errno));
    }
    struct ds ds = DS_EMPTY_INITIALIZER;
    int err = input_read_all(f, INPUT_MAX_TOKEN, &ds);
    fclose(f);
    if (err) {
        ds_destroy(&ds);
        return input_fail(error, "token file %s: %s", path,
                          err == EFBIG ? "larger than 4 KiB"
                                       : strerror(err));
    }
    ds_chomp(&ds, " \t\r\n\v\f");
    if (strlen(ds_cstr(&ds)) != ds.length) {
        ds_destroy(&ds);
        return input_fail(error, "token file %s: holds a NUL byte", path);
    }
    struct ds source = DS_EMPTY_INITIALIZER;
    ds_put_format(&source, "token file %s", path);
    int rc = input_check_token(ds_cstr(&ds), ds_cstr(&source), error);
    ds_destroy(&source);
    if (rc) {
        ds_destroy(&ds);
        return -1;
    }
    *token = ds_steal(&ds);
    return 0;
}

int
input_check_token(const char *token, const char *source, char **error)
{
    if (!*token) {
        return input_fail(error, "%s: the token is empty", source);
    }
    for (const unsigned char *p = (const unsigned char *) token; *p; p++) {
        if (*p <= 0x20 || *p == 0x7f) {
            return input_fail(error, "%s: the token must be one word, "
                              "without spaces or control characters",
                              source);
        }
    }
    return 0;
}

int
input_read_body(const char *arg, FILE *in, struct ds *body,
                const char **name, char **error)
{
    int err;
    if (!strcmp(arg, "-")) {
        *name = "stdin";
        err = input_read_all(in, INPUT_MAX_BODY, body);
    } else if (arg[0] == '@') {
        *name = arg + 1;
        FILE *f = fopen(arg + 1, "r");
        if (!f) {
            return input_fail(error, "%s: %s", arg + 1, strerror(errno));
        }
        err = input_read_all(f, INPUT_MAX_BODY, body);
        fclose(f);
    } else {
        *name = "BODY";
        ds_put_cstr(body, arg);
        err = 0;
    }
    if (err) {
        return input_fail(error, "%s: %s", *name,
                          err == EFBIG ? "larger than 1 MiB"
                                       : strerror(err));
    }
    return 0;
}

int
input_check_json_object(const char *name, const char *text, size_t len,
                        char **error)
{
    if (memchr(text, '\0', len)) {
        return input_fail(error, "%s: not JSON text (it holds a NUL byte)",
                          name);
    }
    struct fy_document *doc = jsonread_parse(name, text, len, error);
    if (!doc) {
        return -1;
    }
    bool object = fy_node_get_type(fy_document_root(doc)) == FYNT_MAPPING;
    fy_document_destroy(doc);
    if (!object) {
        return input_fail(error, "%s: expected a JSON object ({...})", name);
    }
    return 0;
}

int
input_read_settings(const char *path, FILE *in, struct ds *body,
                    char **error)
{
    const char *name = strcmp(path, "-") ? path : "stdin";
    struct ds text = DS_EMPTY_INITIALIZER;
    int err;
    if (!strcmp(path, "-")) {
        err = input_read_all(in, INPUT_MAX_BODY, &text);
    } else {
        FILE *f = fopen(path, "r");
        if (!f) {
            ds_destroy(&text);
            return input_fail(error, "%s: %s", path, strerror(errno));
        }
        err = input_read_all(f, INPUT_MAX_BODY, &text);
        fclose(f);
    }
    if (err) {
        ds_destroy(&text);
        return input_fail(error, "%s: %s", name,
                          err == EFBIG ? "larger than 1 MiB"
                                       : strerror(err));
    }
    if (memchr(ds_cstr(&text), '\0', text.length)) {
        ds_destroy(&text);
        return input_fail(error, "%s: not YAML or JSON text (it holds a NUL "
                          "byte)", name);
    }

    /* JSON goes as it is. */
    char *json_error = NULL;
    struct fy_document *doc = jsonread_parse(name, ds_cstr(&text),
                                             text.length, &json_error);
    if (doc) {
        bool object = fy_node_get_type(fy_document_root(doc)) == FYNT_MAPPING;
        fy_document_destroy(doc);
        if (!object) {
            ds_destroy(&text);
            return input_fail(error, "%s: expected a JSON object ({...})",
                              name);
        }
        ds_put_cstr(body, ds_cstr(&text));
        ds_destroy(&text);
        return 0;
    }
    free(json_error);

    /* YAML is converted. */
    bool mapping = false;
    size_t start = body->length;
    int rc = jsonread_yaml_to_json(name, ds_cstr(&text), text.length, body,
                                   &mapping, error);
    ds_destroy(&text);
    if (!rc && !mapping) {
        body->length = start;
        return input_fail(error, "%s: expected a mapping (the app's "
                          "settings, such as \"tenants: [...]\")", name);
    }
    return rc;
}
