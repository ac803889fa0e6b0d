/* Flows as JSON, both ways: see flowjson.h.
 *
 * Reading is ycfg's typed getters plus the ofproto text parsers
 * (ofp_field_parse(), ofp_action_parse()), whose messages become ycfg
 * errors at the offending node.  Writing uses the printers those parsers
 * invert (ofp_field_format(), ofp_action_format()), so whatever is written
 * reads back the same: the unit tests and the fuzz target hold the two
 * sides to that.
 *
 * JSON types are checked as JSON means them, although ycfg reads YAML: a
 * value that must be a string is refused as a plain (unquoted) scalar,
 * which in JSON is a number, true, false or null. */
#include <config.h>

#include "controller/flowjson.h"

#include <inttypes.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canopy/ycfg.h"
#include "canopy/json.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-types.h"

#define FLOWJSON_NAME_MAX 63

/* Longest piece of user text quoted back in an error message. */
#define FLOWJSON_ECHO_MAX 40

/* The keys of a body.  The last six are what flowjson_stats_node() and
 * its callers add ("origin": the admin API, for flows of apps that
 * describe their cookies): read-only, accepted so that output can be
 * posted back, and ignored. */
static const char *const flowjson_keys[] = {
    "name", "table", "priority", "idle_timeout", "hard_timeout", "match",
    "actions", "write_actions", "clear_actions", "goto_table", "meter",
    "write_metadata",
    "cookie", "packets", "bytes", "duration_sec", "owner", "origin",
    NULL,
};

/* The keys of the OpenFlow 1.3 instructions other than "actions". */
static const char *const flowjson_of13_keys[] = {
    "write_actions", "clear_actions", "goto_table", "meter", "write_metadata",
};

/* ---- Reading. ----------------------------------------------------------- */

/* Appends at most FLOWJSON_ECHO_MAX bytes of 's', unprintables as '?'. */
static void
flowjson_echo(struct ds *ds, const char *s)
{
    ds_put_printable(ds, s, strlen(s), FLOWJSON_ECHO_MAX);
}

/* Reads scalar 'node' at 'path' as text into '*out' (owned by the ycfg's
 * document).  With 'string_only', a plain scalar (a JSON number, true,
 * false or null) is refused.  Aliases and text with a NUL byte are refused
 * too: neither is something JSON can say. */
static bool
flowjson_text(struct ycfg *y, struct fy_node *node, const char *path,
              bool string_only, const char **out)
{
    const char *what = string_only ? "a string" : "a number or a string";
    if (!node || fy_node_get_type(node) != FYNT_SCALAR) {
        return ycfg_fail(y, node, path, "expected %s, got %s", what,
                         !node ? "nothing"
                         : fy_node_get_type(node) == FYNT_SEQUENCE ? "a list"
                         : "a mapping");
    }
    size_t len = 0;
    const char *text = fy_node_get_scalar(node, &len);
    const char *text0 = fy_node_get_scalar0(node);
    enum fy_node_style style = fy_node_get_style(node);
    if (style == FYNS_ALIAS) {
        return ycfg_fail(y, node, path, "expected %s, got an alias", what);
    }
    if (!text || !text0 || strlen(text0) != len) {
        return ycfg_fail(y, node, path, "expected %s without NUL bytes",
                         what);
    }
    if (string_only && style == FYNS_PLAIN) {
        struct ds got = DS_EMPTY_INITIALIZER;
        flowjson_echo(&got, text0);
        ycfg_fail(y, node, path, "expected %s, got %s", what,
                  len ? ds_cstr(&got) : "null");
        ds_destroy(&got);
        return false;
    }
    *out = text0;
    return true;
}

static bool
flowjson_name_ok(const char *name)
{
    size_t len = strlen(name);
    if (!len || len > FLOWJSON_NAME_MAX) {
        return false;
    }
    return strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                  "0123456789_.-") == len;
}

/* True if field 'f' prints as a number (decimal or 0x-hex), as opposed to
 * an address (dotted quad, MAC, IPv6).  Asks the printer, which is what
 * the match node is written with. */
static bool
flowjson_field_is_number(enum ofp_field f)
{
    union ofp_field_value zero;
    struct ds s = DS_EMPTY_INITIALIZER;
    memset(&zero, 0, sizeof zero);
    ofp_field_format_value(f, &zero, &s);
    const char *t = ds_cstr(&s);
    bool number = (!strncmp(t, "0x", 2)
                   || (*t && strspn(t, "0123456789") == strlen(t)));
    ds_destroy(&s);
    return number;
}

/* Parses value 'node' of match field 'f' into 'm'. */
static bool
flowjson_parse_field(struct ycfg *y, struct fy_node *node, enum ofp_field f,
                     struct ofp_match *m)
{
    const struct ofp_field_info *info = ofp_field_info(f);
    char path[64];
    const char *text;
    snprintf(path, sizeof path, "match.%s", info->name);
    if (!flowjson_text(y, node, path, !flowjson_field_is_number(f), &text)) {
        return false;
    }

    union ofp_field_value v, mk;
    struct ds error = DS_EMPTY_INITIALIZER;
    if (!ofp_field_parse(f, text, &v, &mk, NULL, &error)) {
        ycfg_fail(y, node, path, "%s", ds_cstr(&error));
        ds_destroy(&error);
        return false;
    }
    ds_destroy(&error);
    /* An all-zero mask ("0.0.0.0/0") leaves the field out: it matches
     * anything. */
    ofp_match_set(m, f, &v, &mk);
    return true;
}

static bool
flowjson_parse_match(struct ycfg *y, struct fy_node *node,
                     struct ofp_match *m)
{
    const char *names[OFPF_N_FIELDS + 1];
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        names[i] = ofp_field_info((enum ofp_field) i)->name;
    }
    names[OFPF_N_FIELDS] = NULL;

    ofp_match_init_catchall(m);
    if (!node) {
        return true;
    }
    if (!ycfg_check_mapping(y, node, "match", names)) {
        return false;
    }
    /* ycfg_check_mapping() made sure every key is a field name, and the
     * YAML parser refuses duplicate keys. */
    void *iter = NULL;
    struct fy_node_pair *p;
    while ((p = fy_node_mapping_iterate(node, &iter))) {
        enum ofp_field f = OFPF_N_FIELDS;
        ofp_field_from_name(fy_node_get_scalar0(fy_node_pair_key(p)), &f);
        if (!flowjson_parse_field(y, fy_node_pair_value(p), f, m)) {
            return false;
        }
    }
    return true;
}

/* Parses list 'key' of 'root' into 'acts' (FLOWJSON_MAX_ACTIONS long) and
 * '*list'.  Returns false on error. */
static bool
flowjson_parse_actions(struct ycfg *y, struct fy_node *root, const char *key,
                       struct ofp_action *acts, struct ofp_action_list *list)
{
    struct fy_node *seq = ycfg_get(root, key);
    size_t n;
    list->actions = acts;
    list->n = 0;
    if (!ycfg_sequence(y, seq, key, &n)) {
        return false;
    }
    if (n > FLOWJSON_MAX_ACTIONS) {
        return ycfg_fail(y, seq, key, "at most %d actions, got %zu",
                         FLOWJSON_MAX_ACTIONS, n);
    }
    for (size_t i = 0; i < n; i++) {
        struct fy_node *item = ycfg_item(seq, i);
        char path[64];
        const char *text;
        snprintf(path, sizeof path, "%s[%zu]", key, i);
        if (!flowjson_text(y, item, path, true, &text)) {
            return false;
        }
        struct ds error = DS_EMPTY_INITIALIZER;
        if (!ofp_action_parse(text, &acts[i], &error)) {
            ycfg_fail(y, item, path, "%s", ds_cstr(&error));
            ds_destroy(&error);
            return false;
        }
        ds_destroy(&error);
    }
    list->n = n;
    return true;
}

/* The 1.3 instructions other than "actions". */
static bool
flowjson_parse_instructions(struct ycfg *y, struct fy_node *root,
                            struct flowjson *f)
{
    struct ofp_instructions *ins = &f->fm.instructions;
    uint64_t x;

    if (ycfg_get(root, "write_actions")) {
        if (!flowjson_parse_actions(y, root, "write_actions", f->write,
                                    &ins->write)) {
            return false;
        }
        ins->present |= OFPIB_WRITE_ACTIONS;
    }

    bool clear = false;
    if (!ycfg_bool(y, root, "", "clear_actions", &clear)) {
        return false;
    }
    if (clear) {
        ins->present |= OFPIB_CLEAR_ACTIONS;
    }

    struct fy_node *node = ycfg_get(root, "goto_table");
    if (node) {
        if (!ycfg_scalar_uint(y, node, "goto_table", 0, OFPTT_MAX, &x)) {
            return false;
        }
        /* OpenFlow 1.3 5.1: a flow can only direct a packet to a table
         * with a greater number. */
        if (x <= f->fm.table_id) {
            return ycfg_fail(y, node, "goto_table", "goto_table %"PRIu64
                             " must be greater than table %u", x,
                             f->fm.table_id);
        }
        ins->goto_table = (uint8_t) x;
        ins->present |= OFPIB_GOTO_TABLE;
    }

    node = ycfg_get(root, "meter");
    if (node) {
        if (!ycfg_scalar_uint(y, node, "meter", 1, OFPM_MAX, &x)) {
            return false;
        }
        ins->meter_id = (uint32_t) x;
        ins->present |= OFPIB_METER;
    }

    node = ycfg_get(root, "write_metadata");
    if (node) {
        /* Same syntax as the metadata match field: "VALUE[/MASK]". */
        const char *text;
        union ofp_field_value v, mk;
        struct ds error = DS_EMPTY_INITIALIZER;
        if (!flowjson_text(y, node, "write_metadata", false, &text)) {
            return false;
        }
        if (!ofp_field_parse(OFPF_METADATA, text, &v, &mk, NULL, &error)) {
            ycfg_fail(y, node, "write_metadata", "%s", ds_cstr(&error));
            ds_destroy(&error);
            return false;
        }
        ds_destroy(&error);
        ins->metadata = v.u64;
        ins->metadata_mask = mk.u64;
        ins->present |= OFPIB_WRITE_METADATA;
    }
    return true;
}

/* The keys flowjson_stats_node() adds, checked for type only. */
static bool
flowjson_parse_read_only(struct ycfg *y, struct fy_node *root)
{
    static const char *const numbers[] = { "packets", "bytes",
                                           "duration_sec" };
    static const char *const strings[] = { "cookie", "owner", "origin" };
    uint64_t x;
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        if (!ycfg_uint(y, root, "", numbers[i], 0, UINT64_MAX, &x)) {
            return false;
        }
    }
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++) {
        struct fy_node *node = ycfg_get(root, strings[i]);
        const char *text;
        if (node && !flowjson_text(y, node, strings[i], true, &text)) {
            return false;
        }
    }
    return true;
}

/* Returns NULL if Open vSwitch takes ct action 'a' with match 'm',
 * otherwise what the match lacks.  Open vSwitch refuses a flow whose ct
 * has no IP match, or whose ALG has no matching transport protocol, with
 * OFPBAC_MATCH_INCONSISTENT; saying it here puts the error on the action
 * instead of in an asynchronous switch error. */
static const char *
flowjson_ct_lacks(const struct ofp_action *a, const struct ofp_match *m)
{
    union ofp_field_value v;
    if (!ofp_match_is_exact(m, OFPF_ETH_TYPE)
        || !ofp_match_get(m, OFPF_ETH_TYPE, &v, NULL)
        || (v.u16 != 0x0800 && v.u16 != 0x86dd)) {
        return "eth_type 0x0800 or 0x86dd";
    }
    uint8_t proto = a->u.ct.alg == 21 ? 6 : a->u.ct.alg == 69 ? 17 : 0;
    if (proto && (!ofp_match_is_exact(m, OFPF_IP_PROTO)
                  || !ofp_match_get(m, OFPF_IP_PROTO, &v, NULL)
                  || v.u8 != proto)) {
        return proto == 6 ? "ip_proto 6 (its ALG is ftp)"
                          : "ip_proto 17 (its ALG is tftp)";
    }
    return NULL;
}

/* Checks the match's prerequisites and, unless 'version' is 0, refuses
 * what OpenFlow 'version' cannot express.  Errors point at the offending
 * key. */
static bool
flowjson_check(struct ycfg *y, struct fy_node *root, uint8_t version,
               const struct flowjson *f)
{
    if (version && version != OFP10_VERSION && version != OFP13_VERSION) {
        return ycfg_fail(y, root, "", "OpenFlow version 0x%02x is not "
                         "supported", version);
    }
    if (version == OFP10_VERSION) {
        if (f->fm.table_id) {
            return ycfg_fail(y, ycfg_get(root, "table"), "table",
                             "OpenFlow 1.0 has only table 0");
        }
        for (size_t i = 0;
             i < sizeof flowjson_of13_keys / sizeof *flowjson_of13_keys;
             i++) {
            const char *key = flowjson_of13_keys[i];
            if (ycfg_get(root, key)) {
                return ycfg_fail(y, ycfg_get(root, key), key,
                                 "OpenFlow 1.0 has no %s (only \"actions\")",
                                 key);
            }
        }
    }

    /* Prerequisites whatever the version: a switch refuses a match
     * without them, and so would the next parse of our own output. */
    struct ds why = DS_EMPTY_INITIALIZER;
    enum ofp_field field;
    if (ofp_match_check(&f->fm.match, version, &why, &field)) {
        struct fy_node *match = ycfg_get(root, "match");
        const char *name = (field < OFPF_N_FIELDS
                            ? ofp_field_info(field)->name : NULL);
        char path[64];
        snprintf(path, sizeof path, "match%s%s", name ? "." : "",
                 name ? name : "");
        ycfg_fail(y, name ? ycfg_get(match, name) : match, path, "%s",
                  ds_cstr(&why));
        ds_destroy(&why);
        return false;
    }

    static const char *const keys[] = { "actions", "write_actions" };
    const struct ofp_action_list *lists[] = {
        &f->fm.instructions.apply, &f->fm.instructions.write,
    };
    for (size_t l = 0; l < 2; l++) {
        for (size_t i = 0; i < lists[l]->n; i++) {
            struct ofp_action_list one = { &lists[l]->actions[i], 1 };
            const char *lacks = NULL;
            bool bad = version && ofp_actions_check_version(&one, version,
                                                            &why);
            if (!bad && one.actions->type == OFPACT_CT) {
                lacks = flowjson_ct_lacks(one.actions, &f->fm.match);
            }
            if (bad || lacks) {
                char path[64];
                snprintf(path, sizeof path, "%s[%zu]", keys[l], i);
                if (lacks) {
                    ds_put_format(&why, "ct needs %s in the match (Open "
                                  "vSwitch refuses it otherwise)", lacks);
                }
                ycfg_fail(y, ycfg_item(ycfg_get(root, keys[l]), i), path,
                          "%s", ds_cstr(&why));
                ds_destroy(&why);
                return false;
            }
        }
    }
    ds_destroy(&why);
    return true;
}

/* A flow with every default: what "{}" means. */
static void
flowjson_init_defaults(struct flowjson *f)
{
    memset(f, 0, sizeof *f);
    ofp_flow_mod_init(&f->fm, OFPFC_ADD, 0);
    f->fm.priority = FLOWJSON_DEFAULT_PRIORITY;
    f->fm.instructions.apply.actions = f->apply;
    f->fm.instructions.write.actions = f->write;
}

static bool
flowjson_parse__(struct ycfg *y, struct fy_node *root, uint8_t version,
                 struct flowjson *f)
{
    uint64_t x;

    if (ycfg_error(y)) {
        return false;       /* A syntax error, already recorded. */
    }
    if (!root) {
        return ycfg_fail(y, NULL, "", "expected a JSON object (the flow), "
                         "got nothing");
    }
    if (!ycfg_check_mapping(y, root, "", flowjson_keys)) {
        return false;
    }

    struct fy_node *node = ycfg_get(root, "name");
    if (node) {
        const char *name;
        if (!flowjson_text(y, node, "name", true, &name)) {
            return false;
        }
        if (!flowjson_name_ok(name)) {
            return ycfg_fail(y, node, "name", "a name is 1 to %d characters "
                             "among A-Z a-z 0-9 _ . -", FLOWJSON_NAME_MAX);
        }
        f->name = xstrdup(name);
    }

    x = 0;
    if (!ycfg_uint(y, root, "", "table", 0, OFPTT_MAX, &x)) {
        return false;
    }
    f->fm.table_id = (uint8_t) x;
    x = FLOWJSON_DEFAULT_PRIORITY;
    if (!ycfg_uint(y, root, "", "priority", 0, UINT16_MAX, &x)) {
        return false;
    }
    f->fm.priority = (uint16_t) x;
    x = 0;
    if (!ycfg_uint(y, root, "", "idle_timeout", 0, UINT16_MAX, &x)) {
        return false;
    }
    f->fm.idle_timeout = (uint16_t) x;
    x = 0;
    if (!ycfg_uint(y, root, "", "hard_timeout", 0, UINT16_MAX, &x)) {
        return false;
    }
    f->fm.hard_timeout = (uint16_t) x;

    if (!flowjson_parse_match(y, ycfg_get(root, "match"), &f->fm.match)) {
        return false;
    }
    /* An empty "actions" adds no APPLY_ACTIONS instruction: with or
     * without an empty one the flow drops, and the output writes
     * "actions": [] for both. */
    if (!flowjson_parse_actions(y, root, "actions", f->apply,
                                &f->fm.instructions.apply)) {
        return false;
    }
    if (f->fm.instructions.apply.n) {
        f->fm.instructions.present |= OFPIB_APPLY_ACTIONS;
    }
    if (!flowjson_parse_instructions(y, root, f)
        || !flowjson_parse_read_only(y, root)) {
        return false;
    }

    return flowjson_check(y, root, version, f);
}

bool
flowjson_parse(struct ycfg *y, struct fy_node *root, uint8_t version,
               struct flowjson *out)
{
    flowjson_init_defaults(out);
    if (!flowjson_parse__(y, root, version, out)) {
        flowjson_uninit(out);
        flowjson_init_defaults(out);
        return false;
    }
    return true;
}

void
flowjson_uninit(struct flowjson *f)
{
    if (f) {
        free(f->name);
        f->name = NULL;
    }
}

void
flowjson_copy(struct flowjson *dst, const struct flowjson *src)
{
    memcpy(dst, src, sizeof *dst);
    dst->name = src->name ? xstrdup(src->name) : NULL;
    dst->fm.instructions.apply.actions = dst->apply;
    dst->fm.instructions.write.actions = dst->write;
}

bool
flowjson_equal(const struct flowjson *a, const struct flowjson *b)
{
    return ((a->name && b->name ? !strcmp(a->name, b->name)
             : !a->name && !b->name)
            && a->fm.table_id == b->fm.table_id
            && a->fm.priority == b->fm.priority
            && a->fm.idle_timeout == b->fm.idle_timeout
            && a->fm.hard_timeout == b->fm.hard_timeout
            && ofp_match_equal(&a->fm.match, &b->fm.match)
            && ofp_instructions_equal(&a->fm.instructions,
                                      &b->fm.instructions));
}

/* ---- Writing. ----------------------------------------------------------- */

struct fy_node *
flowjson_match_node(struct json_writer *w, const struct ofp_match *m)
{
    struct fy_node *map = json_map(w);
    struct ds s = DS_EMPTY_INITIALIZER;
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        enum ofp_field f = (enum ofp_field) i;
        union ofp_field_value v, mk;
        if (!ofp_match_get(m, f, &v, &mk)) {
            continue;
        }
        ds_clear(&s);
        ofp_field_format(f, &v, &mk, &s);
        const char *text = ds_cstr(&s);
        bool decimal = (ofp_match_is_exact(m, f)
                        && strspn(text, "0123456789") == strlen(text));
        const struct ofp_field_info *info = ofp_field_info(f);
        if (decimal) {
            uint64_t x = strtoull(text, NULL, 10);
            json_put_u64(w, map, info->name, x);
        } else {
            json_put_str(w, map, info->name, text);
        }
    }
    ds_destroy(&s);
    return map;
}

static struct fy_node *
flowjson_actions_node(struct json_writer *w,
                      const struct ofp_action_list *acts)
{
    struct fy_node *seq = json_seq(w);
    struct ds s = DS_EMPTY_INITIALIZER;
    for (size_t i = 0; i < acts->n; i++) {
        ds_clear(&s);
        ofp_action_format(&acts->actions[i], &s);
        json_append(seq, json_str(w, ds_cstr(&s)));
    }
    ds_destroy(&s);
    return seq;
}

/* Appends "match", "actions" and the other instructions present. */
static void
flowjson_put_body(struct json_writer *w, struct fy_node *map,
                  const struct ofp_match *m,
                  const struct ofp_instructions *ins)
{
    static const struct ofp_action_list none = { NULL, 0 };
    json_put(w, map, "match", flowjson_match_node(w, m));
    json_put(w, map, "actions",
             flowjson_actions_node(w, (ins->present & OFPIB_APPLY_ACTIONS
                                       ? &ins->apply : &none)));
    if (ins->present & OFPIB_WRITE_ACTIONS) {
        json_put(w, map, "write_actions",
                 flowjson_actions_node(w, &ins->write));
    }
    if (ins->present & OFPIB_CLEAR_ACTIONS) {
        json_put_bool(w, map, "clear_actions", true);
    }
    if (ins->present & OFPIB_GOTO_TABLE) {
        json_put_u64(w, map, "goto_table", ins->goto_table);
    }
    if (ins->present & OFPIB_METER) {
        json_put_u64(w, map, "meter", ins->meter_id);
    }
    if (ins->present & OFPIB_WRITE_METADATA) {
        union ofp_field_value v, mk;
        struct ds s = DS_EMPTY_INITIALIZER;
        memset(&v, 0, sizeof v);
        memset(&mk, 0, sizeof mk);
        v.u64 = ins->metadata;
        mk.u64 = ins->metadata_mask;
        ofp_field_format(OFPF_METADATA, &v, &mk, &s);
        json_put_str(w, map, "write_metadata", ds_cstr(&s));
        ds_destroy(&s);
    }
}

struct fy_node *
flowjson_stats_node(struct json_writer *w, const struct ofp_flow_stats *e)
{
    struct fy_node *map = json_map(w);
    char cookie[32];
    snprintf(cookie, sizeof cookie, "0x%016llx",
             (unsigned long long) e->cookie);
    json_put_u64(w, map, "table", e->table_id);
    json_put_u64(w, map, "priority", e->priority);
    json_put_str(w, map, "cookie", cookie);
    flowjson_put_body(w, map, &e->match, &e->instructions);
    json_put_u64(w, map, "idle_timeout", e->idle_timeout);
    json_put_u64(w, map, "hard_timeout", e->hard_timeout);
    json_put_u64(w, map, "packets", e->packet_count);
    json_put_u64(w, map, "bytes", e->byte_count);
    json_put_u64(w, map, "duration_sec", e->duration_sec);
    return map;
}

struct fy_node *
flowjson_node(struct json_writer *w, const struct flowjson *f)
{
    struct fy_node *map = json_map(w);
    if (f->name) {
        json_put_str(w, map, "name", f->name);
    }
    json_put_u64(w, map, "table", f->fm.table_id);
    json_put_u64(w, map, "priority", f->fm.priority);
    flowjson_put_body(w, map, &f->fm.match, &f->fm.instructions);
    json_put_u64(w, map, "idle_timeout", f->fm.idle_timeout);
    json_put_u64(w, map, "hard_timeout", f->fm.hard_timeout);
    return map;
}
