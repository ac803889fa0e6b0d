/* Responses as text for people: see render.h. */
#include <config.h>

#include "cli/render.h"

#include <inttypes.h>
#include <libfyaml.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmdline.h"
#include "cli/jsonread.h"
#include "cli/table.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

/* OFPP_LOCAL, as the API gives it for both OpenFlow versions. */
#define RENDER_PORT_LOCAL UINT64_C(4294967294)

static int
render_fail(char **error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
render_fail(char **error, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    *error = ds_steal(&ds);
    return -1;
}

void
render_put_duration(struct ds *ds, uint64_t s)
{
    uint64_t d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;
    if (d) {
        ds_put_format(ds, "%" PRIu64 "d %" PRIu64 "h %" PRIu64 "m", d, h, m);
    } else if (h) {
        ds_put_format(ds, "%" PRIu64 "h %" PRIu64 "m %" PRIu64 "s", h, m,
                      s % 60);
    } else if (m) {
        ds_put_format(ds, "%" PRIu64 "m %" PRIu64 "s", m, s % 60);
    } else {
        ds_put_format(ds, "%" PRIu64 "s", s);
    }
}

void
render_put_speed(struct ds *ds, uint64_t kbps)
{
    static const struct {
        uint64_t scale;
        char unit;
    } units[] = { { 1000000, 'G' }, { 1000, 'M' }, { 1, 'K' } };
    if (!kbps) {
        ds_put_char(ds, '-');
        return;
    }
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        uint64_t s = units[i].scale;
        if (kbps >= s) {
            if (kbps % s == 0 || kbps / s >= 100) {
                ds_put_format(ds, "%" PRIu64 "%c", kbps / s, units[i].unit);
            } else {
                ds_put_format(ds, "%.1f%c", (double) kbps / (double) s,
                              units[i].unit);
            }
            return;
        }
    }
}

/* Appends the scalar 'key' of 'map' (control characters replaced), or
 * "-". */
static void
render_put_str(struct ds *ds, struct fy_node *map, const char *key)
{
    const char *s = jsonread_str(map, key);
    table_put_safe(ds, s ? s : "-");
}

/* Appends the items of sequence 'seq' joined by 'sep'; a scalar 'seq' is
 * appended as is. */
static void
render_put_list(struct ds *ds, struct fy_node *seq, const char *sep)
{
    struct ds item = DS_EMPTY_INITIALIZER;
    if (fy_node_get_type(seq) != FYNT_SEQUENCE) {
        jsonread_put_value(&item, seq);
    } else {
        void *iter = NULL;
        struct fy_node *n;
        bool first = true;
        while ((n = fy_node_sequence_iterate(seq, &iter))) {
            if (!first) {
                ds_put_cstr(&item, sep);
            }
            jsonread_put_value(&item, n);
            first = false;
        }
    }
    table_put_safe(ds, ds_cstr(&item));
    ds_destroy(&item);
}

/* ---- Key/value listings. ----------------------------------------------- */

static bool
render_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* Adds a row per member of mapping 'map', nested mappings flattened as
 * "counters.packet_ins".  Durations in seconds get a readable form. */
static void
render_kv_rows(struct table *t, struct fy_node *map, const char *prefix)
{
    void *iter = NULL;
    struct fy_node_pair *p;
    while ((p = fy_node_mapping_iterate(map, &iter))) {
        struct fy_node *k = fy_node_pair_key(p), *v = fy_node_pair_value(p);
        struct ds key = DS_EMPTY_INITIALIZER;
        ds_put_format(&key, "%s%s", prefix, fy_node_get_scalar0(k));
        if (fy_node_get_type(v) == FYNT_MAPPING) {
            ds_put_char(&key, '.');
            render_kv_rows(t, v, ds_cstr(&key));
            ds_destroy(&key);
            continue;
        }
        struct ds value = DS_EMPTY_INITIALIZER;
        render_put_list(&value, v, ", ");
        uint64_t secs;
        if ((render_ends_with(ds_cstr(&key), "_seconds")
             || render_ends_with(ds_cstr(&key), "_sec"))
            && jsonread_u64(map, fy_node_get_scalar0(k), &secs)
            && secs >= 60) {
            ds_put_cstr(&value, " (");
            render_put_duration(&value, secs);
            ds_put_char(&value, ')');
        }
        table_add_row(t);
        table_add_cell(t, ds_cstr(&key));
        table_add_cell(t, ds_cstr(&value));
        ds_destroy(&key);
        ds_destroy(&value);
    }
}

static void
render_kv(struct fy_node *map, struct ds *out)
{
    struct table *t = table_create();
    table_hide_headings(t);
    table_add_column(t, "KEY", TABLE_LEFT);
    table_add_column(t, "VALUE", TABLE_LEFT);
    render_kv_rows(t, map, "");
    table_format(t, out);
    table_destroy(t);
}

/* ---- Renderers, one per command. --------------------------------------- */

typedef int render_func(const struct cmdline *, struct fy_node *root,
                        struct ds *out, char **error);

static int
render_object(const struct cmdline *cl, struct fy_node *root, struct ds *out,
              char **error)
{
    render_kv(root, out);
    return 0;
}

/* Adds the scalar 'key' of 'map' as a cell ("-" if absent). */
static void
render_cell(struct table *t, struct fy_node *map, const char *key)
{
    table_add_cell(t, jsonread_str(map, key));
}

/* Finishes a list: the table, or 'empty' if it has no rows. */
static void
render_table(struct table *t, const char *empty, struct ds *out)
{
    if (table_n_rows(t)) {
        table_format(t, out);
    } else {
        ds_put_format(out, "%s\n", empty);
    }
    table_destroy(t);
}

static int
render_switches(const struct cmdline *cl, struct fy_node *root,
                struct ds *out, char **error)
{
    static const struct {
        const char *heading;
        bool counter;
        const char *key;
    } cols[] = {
        { "DPID", false, "dpid" },
        { "VERSION", false, "version" },
        { "ADDRESS", false, "address" },
        { "CONNECTED", false, "connected_since" },
        { "PORTS", false, "n_ports" },
        { "PKT_IN", true, "packet_ins" },
        { "MSGS_IN", true, "messages_in" },
        { "MSGS_OUT", true, "messages_out" },
        { "ERRORS_IN", true, "errors_in" },
    };
    struct table *t = table_create();
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        table_add_column(t, cols[i].heading,
                         cols[i].counter || !strcmp(cols[i].key, "n_ports")
                             ? TABLE_RIGHT : TABLE_LEFT);
    }
    void *iter = NULL;
    struct fy_node *sw;
    while ((sw = fy_node_sequence_iterate(root, &iter))) {
        struct fy_node *counters = jsonread_get(sw, "counters");
        table_add_row(t);
        for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
            render_cell(t, cols[i].counter ? counters : sw, cols[i].key);
        }
    }
    render_table(t, "no switches connected", out);
    return 0;
}

static void
render_port_no(struct ds *ds, struct fy_node *port)
{
    uint64_t no;
    if (jsonread_u64(port, "port_no", &no) && no == RENDER_PORT_LOCAL) {
        ds_put_cstr(ds, "LOCAL");
    } else {
        render_put_str(ds, port, "port_no");
    }
}

static const char *
render_up_down(struct fy_node *map, const char *key)
{
    struct fy_node *n = jsonread_get(map, key);
    return !n ? "-" : jsonread_is_true(n) ? "up" : "down";
}

static int
render_ports(const struct cmdline *cl, struct fy_node *root, struct ds *out,
             char **error)
{
    static const struct {
        const char *heading;
        const char *key;        /* In "counters". */
    } counters[] = {
        { "RX_PKTS", "rx_packets" }, { "RX_BYTES", "rx_bytes" },
        { "TX_PKTS", "tx_packets" }, { "TX_BYTES", "tx_bytes" },
    };
    struct table *t = table_create();
    table_add_column(t, "PORT", TABLE_RIGHT);
    table_add_column(t, "NAME", TABLE_LEFT);
    table_add_column(t, "HW_ADDR", TABLE_LEFT);
    table_add_column(t, "LINK", TABLE_LEFT);
    table_add_column(t, "ADMIN", TABLE_LEFT);
    table_add_column(t, "SPEED", TABLE_RIGHT);
    for (size_t i = 0; i < sizeof counters / sizeof *counters; i++) {
        table_add_column(t, counters[i].heading, TABLE_RIGHT);
    }
    table_add_column(t, "DROPS_RX/TX", TABLE_RIGHT);
    table_add_column(t, "ERRORS_RX/TX", TABLE_RIGHT);
    table_add_column(t, "UP_FOR", TABLE_RIGHT);

    void *iter = NULL;
    struct fy_node *port;
    struct ds ds = DS_EMPTY_INITIALIZER;
    while ((port = fy_node_sequence_iterate(root, &iter))) {
        struct fy_node *cnt = jsonread_get(port, "counters");
        uint64_t v;
        table_add_row(t);
        ds_clear(&ds);
        render_port_no(&ds, port);
        table_add_cell(t, ds_cstr(&ds));
        render_cell(t, port, "name");
        render_cell(t, port, "hw_addr");
        table_add_cell(t, render_up_down(port, "link_up"));
        table_add_cell(t, render_up_down(port, "admin_up"));
        ds_clear(&ds);
        if (jsonread_u64(port, "speed_kbps", &v)) {
            render_put_speed(&ds, v);
        } else {
            ds_put_char(&ds, '-');
        }
        table_add_cell(t, ds_cstr(&ds));
        for (size_t i = 0; i < sizeof counters / sizeof *counters; i++) {
            render_cell(t, cnt, counters[i].key);
        }
        ds_clear(&ds);
        render_put_str(&ds, cnt, "rx_dropped");
        ds_put_char(&ds, '/');
        render_put_str(&ds, cnt, "tx_dropped");
        table_add_cell(t, ds_cstr(&ds));
        ds_clear(&ds);
        render_put_str(&ds, cnt, "rx_errors");
        ds_put_char(&ds, '/');
        render_put_str(&ds, cnt, "tx_errors");
        table_add_cell(t, ds_cstr(&ds));
        ds_clear(&ds);
        if (jsonread_u64(port, "duration_sec", &v)) {
            render_put_duration(&ds, v);
        } else {
            ds_put_char(&ds, '-');      /* OpenFlow 1.0 does not say. */
        }
        table_add_cell(t, ds_cstr(&ds));
    }
    ds_destroy(&ds);
    render_table(t, "no ports", out);
    return 0;
}

/* Appends ", KEY=VALUE" for the scalar 'key' of 'flow', if present. */
static void
render_flow_field(struct ds *ds, struct fy_node *flow, const char *key,
                  const char *label, const char *suffix)
{
    const char *s = jsonread_str(flow, key);
    if (s) {
        ds_put_format(ds, "%s%s=", ds->length ? ", " : "", label);
        table_put_safe(ds, s);
        ds_put_cstr(ds, suffix);
    }
}

/* Appends a flow's instructions in the order a switch runs them, as
 * ovs-ofctl writes them: "meter:1,output:2,clear_actions,
 * write_actions(output:3),write_metadata:0x1/0xff,goto_table:1".  No
 * instruction at all is "drop". */
static void
render_flow_actions(struct ds *ds, struct fy_node *flow)
{
    size_t start = ds->length;
    struct fy_node *n;
#define SEP() (ds->length > start ? "," : "")
    if ((n = jsonread_get(flow, "meter"))) {
        ds_put_format(ds, "%smeter:", SEP());
        render_put_list(ds, n, ",");
    }
    n = jsonread_get(flow, "actions");
    if (n && fy_node_get_type(n) == FYNT_SEQUENCE
        && fy_node_sequence_item_count(n) > 0) {
        ds_put_cstr(ds, SEP());
        render_put_list(ds, n, ",");
    }
    if (jsonread_is_true(jsonread_get(flow, "clear_actions"))) {
        ds_put_format(ds, "%sclear_actions", SEP());
    }
    if ((n = jsonread_get(flow, "write_actions"))) {
        ds_put_format(ds, "%swrite_actions(", SEP());
        render_put_list(ds, n, ",");
        ds_put_char(ds, ')');
    }
    if ((n = jsonread_get(flow, "write_metadata"))) {
        ds_put_format(ds, "%swrite_metadata:", SEP());
        render_put_list(ds, n, ",");
    }
    if ((n = jsonread_get(flow, "goto_table"))) {
        ds_put_format(ds, "%sgoto_table:", SEP());
        render_put_list(ds, n, ",");
    }
#undef SEP
    if (ds->length == start) {
        ds_put_cstr(ds, "drop");
    }
}

/* Appends a flow's match, mapping 'match', as "field=value" pairs joined
 * by ','; "any" when it matches everything. */
static void
render_put_match(struct ds *ds, struct fy_node *match)
{
    void *iter = NULL;
    struct fy_node_pair *p;
    bool any = true;
    while (match && fy_node_get_type(match) == FYNT_MAPPING
           && (p = fy_node_mapping_iterate(match, &iter))) {
        struct ds field = DS_EMPTY_INITIALIZER;
        ds_put_format(&field, "%s%s=", any ? "" : ",",
                      fy_node_get_scalar0(fy_node_pair_key(p)));
        jsonread_put_value(&field, fy_node_pair_value(p));
        table_put_safe(ds, ds_cstr(&field));
        ds_destroy(&field);
        any = false;
    }
    if (any) {
        ds_put_cstr(ds, "any");
    }
}

/* One flow as a line:
 *   table=0, priority=100, owner=static, name=web, cookie=0x..,
 *   duration=12s, n_packets=3, n_bytes=180, in_port=1,eth_type=0x0800
 *   actions=output:2 */
static void
render_flow(struct ds *out, struct fy_node *flow)
{
    struct ds line = DS_EMPTY_INITIALIZER;
    render_flow_field(&line, flow, "table", "table", "");
    render_flow_field(&line, flow, "priority", "priority", "");
    render_flow_field(&line, flow, "owner", "owner", "");
    render_flow_field(&line, flow, "name", "name", "");
    render_flow_field(&line, flow, "cookie", "cookie", "");
    render_flow_field(&line, flow, "duration_sec", "duration", "s");
    render_flow_field(&line, flow, "packets", "n_packets", "");
    render_flow_field(&line, flow, "bytes", "n_bytes", "");
    uint64_t timeout;
    if (jsonread_u64(flow, "idle_timeout", &timeout) && timeout) {
        render_flow_field(&line, flow, "idle_timeout", "idle_timeout", "");
    }
    if (jsonread_u64(flow, "hard_timeout", &timeout) && timeout) {
        render_flow_field(&line, flow, "hard_timeout", "hard_timeout", "");
    }

    ds_put_cstr(&line, line.length ? ", " : "");
    render_put_match(&line, jsonread_get(flow, "match"));
    ds_put_cstr(&line, " actions=");
    render_flow_actions(&line, flow);
    ds_put_format(out, "%s\n", ds_cstr(&line));
    ds_destroy(&line);
}

static int
render_flows(const struct cmdline *cl, struct fy_node *root, struct ds *out,
             char **error)
{
    void *iter = NULL;
    struct fy_node *flow;
    size_t n = 0;
    while ((flow = fy_node_sequence_iterate(root, &iter))) {
        render_flow(out, flow);
        n++;
    }
    if (!n) {
        ds_put_cstr(out, cl->table || cl->cookie || cl->app
                             ? "no flows match\n" : "no flows\n");
    }
    return 0;
}

static int
render_flow_add(const struct cmdline *cl, struct fy_node *root,
                struct ds *out, char **error)
{
    const char *dpid = jsonread_str(root, "dpid");
    ds_put_cstr(out, "added flow ");
    render_put_str(out, root, "name");
    ds_put_cstr(out, " (cookie ");
    render_put_str(out, root, "cookie");
    ds_put_cstr(out, ") on ");
    table_put_safe(out, dpid ? dpid : cl->dpid);
    ds_put_char(out, '\n');
    return 0;
}

static int
render_flow_del(const struct cmdline *cl, struct fy_node *root,
                struct ds *out, char **error)
{
    struct fy_node *deleted = jsonread_get(root, "deleted");
    if (!deleted || fy_node_get_type(deleted) != FYNT_SEQUENCE) {
        return render_fail(error, "unexpected response from the server: no "
                           "\"deleted\" list");
    }
    void *iter = NULL;
    struct fy_node *n;
    size_t count = 0;
    while ((n = fy_node_sequence_iterate(deleted, &iter))) {
        ds_put_cstr(out, "deleted flow ");
        struct ds name = DS_EMPTY_INITIALIZER;
        jsonread_put_value(&name, n);
        table_put_safe(out, ds_cstr(&name));
        ds_destroy(&name);
        ds_put_format(out, " on %s\n", cl->dpid);
        count++;
    }
    if (!count) {
        ds_put_format(out, "no static flows to delete on %s\n", cl->dpid);
    }
    return 0;
}

static int
render_apps(const struct cmdline *cl, struct fy_node *root, struct ds *out,
            char **error)
{
    static const struct {
        const char *heading;
        const char *key;        /* In "counters". */
    } counters[] = {
        { "PKT_IN", "packet_ins" },
        { "PKT_IN_STOPPED", "packet_ins_stopped" },
        { "FLOW_MODS", "flow_mods" },
        { "PKT_OUT", "packet_outs" },
        { "SEND_ERRORS", "send_errors" },
    };
    struct table *t = table_create();
    table_add_column(t, "NAME", TABLE_LEFT);
    table_add_column(t, "ID", TABLE_RIGHT);
    table_add_column(t, "STATE", TABLE_LEFT);
    for (size_t i = 0; i < sizeof counters / sizeof *counters; i++) {
        table_add_column(t, counters[i].heading, TABLE_RIGHT);
    }
    void *iter = NULL;
    struct fy_node *app;
    while ((app = fy_node_sequence_iterate(root, &iter))) {
        struct fy_node *cnt = jsonread_get(app, "counters");
        table_add_row(t);
        render_cell(t, app, "name");
        render_cell(t, app, "id");
        render_cell(t, app, "state");
        for (size_t i = 0; i < sizeof counters / sizeof *counters; i++) {
            render_cell(t, cnt, counters[i].key);
        }
    }
    render_table(t, "no apps loaded", out);
    return 0;
}

/* "DPID:PORT" of an endpoint object. */
static void
render_endpoint(struct table *t, struct fy_node *e)
{
    const char *dpid = jsonread_str(e, "dpid");
    uint64_t port;
    if (dpid && jsonread_u64(e, "port", &port)) {
        table_add_cellf(t, "%s:%llu", dpid, (unsigned long long) port);
    } else {
        table_add_cell(t, NULL);
    }
}

static int
render_topology(const struct cmdline *cl, struct fy_node *root,
                struct ds *out, char **error)
{
    struct fy_node *switches = jsonread_get(root, "switches");
    struct fy_node *links = jsonread_get(root, "links");
    (void) cl;
    (void) error;
    ds_put_format(out, "%d switches\n", switches
                  ? fy_node_sequence_item_count(switches) : 0);
    struct table *t = table_create();
    table_add_column(t, "FROM", TABLE_LEFT);
    table_add_column(t, "TO", TABLE_LEFT);
    table_add_column(t, "WEIGHT", TABLE_RIGHT);
    table_add_column(t, "STATE", TABLE_LEFT);
    void *iter = NULL;
    struct fy_node *l;
    while (links && (l = fy_node_sequence_iterate(links, &iter))) {
        table_add_row(t);
        render_endpoint(t, jsonread_get(l, "src"));
        render_endpoint(t, jsonread_get(l, "dst"));
        render_cell(t, l, "weight");
        render_cell(t, l, "state");
    }
    render_table(t, "no links", out);
    return 0;
}

/* The addresses of a host, comma-separated. */
static void
render_addrs(struct table *t, struct fy_node *host)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    static const char *const keys[] = { "ipv4", "ipv6" };
    for (size_t k = 0; k < 2; k++) {
        struct fy_node *list = jsonread_get(host, keys[k]), *a;
        void *iter = NULL;
        while (list && (a = fy_node_sequence_iterate(list, &iter))) {
            const char *text = fy_node_get_scalar0(a);
            if (text) {
                ds_put_format(&ds, "%s%s", ds.length ? "," : "", text);
            }
        }
    }
    table_add_cell(t, ds.length ? ds_cstr(&ds) : NULL);
    ds_destroy(&ds);
}

static int
render_hosts(const struct cmdline *cl, struct fy_node *root, struct ds *out,
             char **error)
{
    (void) cl;
    (void) error;
    struct table *t = table_create();
    table_add_column(t, "MAC", TABLE_LEFT);
    table_add_column(t, "VLAN", TABLE_RIGHT);
    table_add_column(t, "DPID", TABLE_LEFT);
    table_add_column(t, "PORT", TABLE_RIGHT);
    table_add_column(t, "ADDRESSES", TABLE_LEFT);
    table_add_column(t, "AGE_MS", TABLE_RIGHT);
    void *iter = NULL;
    struct fy_node *h;
    while ((h = fy_node_sequence_iterate(root, &iter))) {
        table_add_row(t);
        render_cell(t, h, "mac");
        render_cell(t, h, "vlan");
        render_cell(t, h, "dpid");
        render_cell(t, h, "port");
        render_addrs(t, h);
        render_cell(t, h, "age_ms");
    }
    render_table(t, "no hosts known", out);
    return 0;
}

static int
render_path(const struct cmdline *cl, struct fy_node *root, struct ds *out,
            char **error)
{
    (void) error;
    ds_put_format(out, "%s -> %s: cost %s\n", cl->path_src, cl->path_dst,
                  jsonread_str(root, "cost") ? jsonread_str(root, "cost")
                                             : "?");
    struct table *t = table_create();
    table_add_column(t, "DPID", TABLE_LEFT);
    table_add_column(t, "IN_PORT", TABLE_RIGHT);
    table_add_column(t, "OUT_PORT", TABLE_RIGHT);
    void *iter = NULL;
    struct fy_node *hops = jsonread_get(root, "hops"), *h;
    while (hops && (h = fy_node_sequence_iterate(hops, &iter))) {
        table_add_row(t);
        render_cell(t, h, "dpid");
        render_cell(t, h, "in_port");
        render_cell(t, h, "out_port");
    }
    render_table(t, "no hops", out);
    return 0;
}

static int
render_reload(const struct cmdline *cl, struct fy_node *root, struct ds *out,
              char **error)
{
    if (!jsonread_is_true(jsonread_get(root, "applied"))) {
        ds_put_cstr(out, "configuration not applied\n");
        return 0;
    }
    ds_put_cstr(out, "configuration reloaded");
    if (jsonread_str(root, "reloads")) {
        ds_put_cstr(out, " (reloads applied since canopyd started: ");
        render_put_str(out, root, "reloads");
        ds_put_char(out, ')');
    }
    ds_put_char(out, '\n');
    struct fy_node *changed = jsonread_get(root, "changed");
    if (changed && fy_node_get_type(changed) == FYNT_SEQUENCE) {
        if (fy_node_sequence_item_count(changed) > 0) {
            ds_put_cstr(out, "changed: ");
            render_put_list(out, changed, ", ");
            ds_put_char(out, '\n');
        } else {
            ds_put_cstr(out, "no setting changed\n");
        }
    }
    return 0;
}

/* One tenant member: "DPID:PORT", "DPID:NAME (port N)" for a named port
 * that resolved, " vlan V" after an access VLAN, or the MAC. */
static void
render_member(struct ds *ds, struct fy_node *m)
{
    const char *mac = jsonread_str(m, "mac");
    if (mac) {
        table_put_safe(ds, mac);
        return;
    }
    render_put_str(ds, m, "dpid");
    ds_put_char(ds, ':');
    const char *name = jsonread_str(m, "port_name");
    if (name) {
        table_put_safe(ds, name);
        if (jsonread_str(m, "port")) {
            ds_put_cstr(ds, " (port ");
            render_put_str(ds, m, "port");
            ds_put_char(ds, ')');
        }
    } else {
        render_put_str(ds, m, "port");
    }
    if (jsonread_str(m, "vlan")) {
        ds_put_cstr(ds, " vlan ");
        render_put_str(ds, m, "vlan");
    }
}

/* "yes", "no", or NULL ("-") if 'key' is not there. */
static const char *
render_yes_no(struct fy_node *map, const char *key)
{
    struct fy_node *n = jsonread_get(map, key);
    return !n ? NULL : jsonread_is_true(n) ? "yes" : "no";
}

/* Appends "KEY VALUE, KEY VALUE" for the scalars of mapping 'map'. */
static void
render_put_pairs(struct ds *ds, struct fy_node *map)
{
    void *iter = NULL;
    struct fy_node_pair *p;
    bool first = true;
    while (map && fy_node_get_type(map) == FYNT_MAPPING
           && (p = fy_node_mapping_iterate(map, &iter))) {
        ds_put_format(ds, "%s%s ", first ? "" : ", ",
                      fy_node_get_scalar0(fy_node_pair_key(p)));
        struct ds v = DS_EMPTY_INITIALIZER;
        jsonread_put_value(&v, fy_node_pair_value(p));
        table_put_safe(ds, ds_cstr(&v));
        ds_destroy(&v);
        first = false;
    }
}

/* GET /v1/tenants: a row per member (the tenant's cells on its first),
 * then where the policy came from and the app's counters. */
static int
render_tenants(const struct cmdline *cl, struct fy_node *root,
               struct ds *out, char **error)
{
    (void) cl;
    struct fy_node *tenants = jsonread_get(root, "tenants");
    if (!tenants || fy_node_get_type(tenants) != FYNT_SEQUENCE) {
        return render_fail(error, "unexpected response from the server: no "
                           "\"tenants\" list");
    }
    const char *dflt = jsonread_str(root, "default");
    struct table *t = table_create();
    table_add_column(t, "TENANT", TABLE_LEFT);
    table_add_column(t, "VLAN", TABLE_RIGHT);
    table_add_column(t, "ALLOCATED", TABLE_LEFT);
    table_add_column(t, "DEFAULT", TABLE_LEFT);
    table_add_column(t, "MEMBERS", TABLE_RIGHT);
    table_add_column(t, "MEMBER", TABLE_LEFT);
    table_add_column(t, "RESOLVED", TABLE_LEFT);
    table_add_column(t, "WHERE", TABLE_LEFT);
    void *iter = NULL;
    struct fy_node *tn;
    struct ds ds = DS_EMPTY_INITIALIZER;
    while ((tn = fy_node_sequence_iterate(tenants, &iter))) {
        const char *name = jsonread_str(tn, "name");
        struct fy_node *members = jsonread_get(tn, "members");
        bool is_seq = members && fy_node_get_type(members) == FYNT_SEQUENCE;
        table_add_row(t);
        table_add_cell(t, name);
        render_cell(t, tn, "vlan");
        table_add_cell(t, render_yes_no(tn, "vlan_allocated"));
        table_add_cell(t, name && dflt && !strcmp(name, dflt) ? "yes" : "");
        table_add_cellf(t, "%d", is_seq ? fy_node_sequence_item_count(members)
                                        : 0);
        void *miter = NULL;
        struct fy_node *m;
        bool first = true;
        while (is_seq && (m = fy_node_sequence_iterate(members, &miter))) {
            if (!first) {
                table_add_row(t);
                for (int i = 0; i < 5; i++) {
                    table_add_cell(t, "");
                }
            }
            ds_clear(&ds);
            render_member(&ds, m);
            table_add_cell(t, ds_cstr(&ds));
            table_add_cell(t, render_yes_no(m, "resolved"));
            render_cell(t, m, "where");
            first = false;
        }
    }
    ds_destroy(&ds);
    render_table(t, "no tenants", out);

    struct fy_node *range = jsonread_get(root, "vlan_range");
    ds_put_cstr(out, "tenants from ");
    render_put_str(out, root, "source");
    if (range && fy_node_get_type(range) == FYNT_SEQUENCE
        && fy_node_sequence_item_count(range) == 2) {
        ds_put_cstr(out, ", VLANs allocated from ");
        render_put_list(out, range, "-");
    }
    if (!dflt) {
        ds_put_cstr(out, ", no default tenant (traffic of no tenant is "
                    "dropped)");
    }
    ds_put_char(out, '\n');
    struct fy_node *stats = jsonread_get(root, "stats");
    if (stats && fy_node_get_type(stats) == FYNT_MAPPING
        && fy_node_mapping_item_count(stats) > 0) {
        render_put_pairs(out, stats);
        ds_put_char(out, '\n');
    }
    return 0;
}

/* True if an entry of sequence 'seq' has 'key'. */
static bool
render_any_has(struct fy_node *seq, const char *key)
{
    void *iter = NULL;
    struct fy_node *n;
    while ((n = fy_node_sequence_iterate(seq, &iter))) {
        if (jsonread_get(n, key)) {
            return true;
        }
    }
    return false;
}

/* The flow changes of a PUT, sequence 'changes' of {switch, op, table,
 * priority, match, instructions[, origin]} with the match and instructions
 * as text: a table, with an ORIGIN column when the app says what makes
 * each flow.  A deleted flow has no instructions ("-"). */
static void
render_flow_changes(struct fy_node *changes, bool dry_run, struct ds *out)
{
    bool origin = render_any_has(changes, "origin");
    struct table *t = table_create();
    table_add_column(t, "SWITCH", TABLE_LEFT);
    table_add_column(t, "OP", TABLE_LEFT);
    table_add_column(t, "TABLE", TABLE_RIGHT);
    table_add_column(t, "PRIORITY", TABLE_RIGHT);
    table_add_column(t, "MATCH", TABLE_LEFT);
    table_add_column(t, "INSTRUCTIONS", TABLE_LEFT);
    if (origin) {
        table_add_column(t, "ORIGIN", TABLE_LEFT);
    }
    void *iter = NULL;
    struct fy_node *c;
    while ((c = fy_node_sequence_iterate(changes, &iter))) {
        const char *ins = jsonread_str(c, "instructions");
        table_add_row(t);
        render_cell(t, c, "switch");
        render_cell(t, c, "op");
        render_cell(t, c, "table");
        render_cell(t, c, "priority");
        render_cell(t, c, "match");
        table_add_cell(t, ins && *ins ? ins : NULL);
        if (origin) {
            render_cell(t, c, "origin");
        }
    }
    render_table(t, dry_run ? "no flow would change on the connected "
                              "switches"
                            : "no flow changed on the connected switches",
                 out);
}

/* A PUT's answer: {dry_run, differences, plan|applied: [{switch, op, table,
 * priority, match, instructions}]}, for the settings named 'what'. */
static int
render_changes(struct fy_node *root, const char *what, struct ds *out,
               char **error)
{
    bool dry_run = jsonread_is_true(jsonread_get(root, "dry_run"));
    struct fy_node *changes = jsonread_get(root, dry_run ? "plan"
                                                         : "applied");
    if (!changes || fy_node_get_type(changes) != FYNT_SEQUENCE) {
        return render_fail(error, "unexpected response from the server: no "
                           "\"%s\" list", dry_run ? "plan" : "applied");
    }
    uint64_t n;
    bool known = jsonread_u64(root, "differences", &n);
    if (dry_run) {
        ds_put_cstr(out, "dry run, nothing changed: ");
    } else {
        ds_put_format(out, "%s replaced: ", what);
    }
    if (!known) {
        ds_put_cstr(out, "? differences");
    } else {
        ds_put_format(out, "%" PRIu64 " difference%s", n, n == 1 ? "" : "s");
    }
    ds_put_format(out, " from the %s %s in force\n", what,
                  dry_run ? "now" : "that were");
    render_flow_changes(changes, dry_run, out);
    return 0;
}

static int
render_tenants_set(const struct cmdline *cl, struct fy_node *root,
                   struct ds *out, char **error)
{
    (void) cl;
    return render_changes(root, "tenants", out, error);
}

/* ---- The acl app (docs/acl.md). ---------------------------------------- */

/* The last part of a "FILE:LINE:COLUMN" position: the file's base name,
 * so that a long path does not widen the table ("api:1:58" stays). */
static const char *
render_short_where(const char *where)
{
    const char *slash = where ? strrchr(where, '/') : NULL;
    return slash && slash[1] ? slash + 1 : where;
}

/* The "where" cell of 'map'. */
static void
render_where_cell(struct table *t, struct fy_node *map)
{
    table_add_cell(t, render_short_where(jsonread_str(map, "where")));
}

/* "allow", "deny, stateful, log": a rule's action and flags. */
static void
render_rule_action(struct ds *ds, struct fy_node *rule)
{
    render_put_str(ds, rule, "action");
    if (jsonread_is_true(jsonread_get(rule, "stateful"))) {
        ds_put_cstr(ds, ", stateful");
    }
    if (jsonread_is_true(jsonread_get(rule, "log"))) {
        ds_put_cstr(ds, ", log");
    }
}

/* Appends the rows of list 'l': a row per OpenFlow match of each rule
 * (the rule's cells on its first), then the list's default. */
static void
render_acl_list_rows(struct table *t, struct fy_node *l, struct ds *ds)
{
    const char *name = jsonread_str(l, "name");
    struct fy_node *rules = jsonread_get(l, "rules"), *r;
    void *iter = NULL;
    while (rules && fy_node_get_type(rules) == FYNT_SEQUENCE
           && (r = fy_node_sequence_iterate(rules, &iter))) {
        struct fy_node *matches = jsonread_get(r, "matches"), *m;
        bool is_seq = matches && fy_node_get_type(matches) == FYNT_SEQUENCE;
        table_add_row(t);
        table_add_cell(t, name);
        render_cell(t, r, "index");
        ds_clear(ds);
        render_rule_action(ds, r);
        table_add_cell(t, ds_cstr(ds));
        void *miter = NULL;
        bool first = true;
        while (is_seq && (m = fy_node_sequence_iterate(matches, &miter))) {
            if (!first) {
                table_add_row(t);
                for (int i = 0; i < 3; i++) {
                    table_add_cell(t, "");
                }
            }
            ds_clear(ds);
            jsonread_put_value(ds, m);
            table_add_cell(t, ds_cstr(ds));
            if (first) {
                render_where_cell(t, r);
                render_cell(t, r, "packets");
                render_cell(t, r, "bytes");
                render_cell(t, r, "packet_ins_denied");
            }
            first = false;
        }
        if (first) {
            table_add_cell(t, NULL);
            render_where_cell(t, r);
            render_cell(t, r, "packets");
            render_cell(t, r, "bytes");
            render_cell(t, r, "packet_ins_denied");
        }
    }
    table_add_row(t);
    table_add_cell(t, name);
    table_add_cell(t, "default");
    render_cell(t, l, "default");
    table_add_cell(t, "anything else");
    render_where_cell(t, l);
    render_cell(t, l, "default_packets");
    render_cell(t, l, "default_bytes");
    table_add_cell(t, "");
}

/* GET /v1/acls: the rules with their counters, where the lists apply, the
 * switches, then where the policy came from. */
static int
render_acls(const struct cmdline *cl, struct fy_node *root, struct ds *out,
            char **error)
{
    (void) cl;
    struct fy_node *lists = jsonread_get(root, "lists");
    if (!lists || fy_node_get_type(lists) != FYNT_SEQUENCE) {
        return render_fail(error, "unexpected response from the server: no "
                           "\"lists\" list");
    }
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct table *t = table_create();
    table_add_column(t, "LIST", TABLE_LEFT);
    table_add_column(t, "RULE", TABLE_RIGHT);
    table_add_column(t, "ACTION", TABLE_LEFT);
    table_add_column(t, "MATCHES", TABLE_LEFT);
    table_add_column(t, "WHERE", TABLE_LEFT);
    table_add_column(t, "PACKETS", TABLE_RIGHT);
    table_add_column(t, "BYTES", TABLE_RIGHT);
    table_add_column(t, "PKT_IN_DENIED", TABLE_RIGHT);
    void *iter = NULL;
    struct fy_node *n;
    while ((n = fy_node_sequence_iterate(lists, &iter))) {
        render_acl_list_rows(t, n, &ds);
    }
    render_table(t, "no lists", out);

    struct fy_node *apply = jsonread_get(root, "apply");
    ds_put_char(out, '\n');
    t = table_create();
    table_add_column(t, "APPLY", TABLE_LEFT);
    table_add_column(t, "SCOPE", TABLE_LEFT);
    table_add_column(t, "TO", TABLE_LEFT);
    table_add_column(t, "WHERE", TABLE_LEFT);
    iter = NULL;
    while (apply && fy_node_get_type(apply) == FYNT_SEQUENCE
           && (n = fy_node_sequence_iterate(apply, &iter))) {
        const char *scope = jsonread_str(n, "scope");
        table_add_row(t);
        render_cell(t, n, "list");
        table_add_cell(t, scope);
        ds_clear(&ds);
        if (jsonread_get(n, "tenant")) {
            ds_put_cstr(&ds, "tenant ");
            render_put_str(&ds, n, "tenant");
        } else if (jsonread_get(n, "dpid")) {
            render_put_str(&ds, n, "dpid");
            ds_put_char(&ds, ':');
            render_put_str(&ds, n, "port");
        } else if (scope && !strcmp(scope, "global")) {
            ds_put_cstr(&ds, "every edge port");
        }
        table_add_cell(t, ds.length ? ds_cstr(&ds) : NULL);
        render_where_cell(t, n);
    }
    render_table(t, "no list applies anywhere", out);

    struct fy_node *switches = jsonread_get(root, "switches");
    ds_put_char(out, '\n');
    t = table_create();
    table_add_column(t, "DPID", TABLE_LEFT);
    table_add_column(t, "FLOWS", TABLE_RIGHT);
    table_add_column(t, "CONNTRACK", TABLE_LEFT);
    table_add_column(t, "STATUS", TABLE_LEFT);
    iter = NULL;
    while (switches && fy_node_get_type(switches) == FYNT_SEQUENCE
           && (n = fy_node_sequence_iterate(switches, &iter))) {
        table_add_row(t);
        render_cell(t, n, "dpid");
        render_cell(t, n, "flows");
        table_add_cell(t, render_yes_no(n, "conntrack"));
        render_cell(t, n, "status");
    }
    render_table(t, "no switches connected", out);
    ds_destroy(&ds);

    ds_put_cstr(out, "\npolicy from ");
    render_put_str(out, root, "source");
    ds_put_cstr(out, ", default ");
    render_put_str(out, root, "default");
    ds_put_cstr(out, " (");
    render_put_str(out, root, "default_packets");
    ds_put_cstr(out, " packets), packet-ins denied ");
    render_put_str(out, root, "packet_ins_denied");
    ds_put_char(out, '\n');
    return 0;
}

/* GET /v1/acls/counters: a row per rule. */
static int
render_acls_counters(const struct cmdline *cl, struct fy_node *root,
                     struct ds *out, char **error)
{
    (void) cl;
    (void) error;
    struct table *t = table_create();
    table_add_column(t, "LIST", TABLE_LEFT);
    table_add_column(t, "RULE", TABLE_RIGHT);
    table_add_column(t, "WHERE", TABLE_LEFT);
    table_add_column(t, "PACKETS", TABLE_RIGHT);
    table_add_column(t, "BYTES", TABLE_RIGHT);
    table_add_column(t, "PKT_IN_DENIED", TABLE_RIGHT);
    void *iter = NULL;
    struct fy_node *n;
    while ((n = fy_node_sequence_iterate(root, &iter))) {
        table_add_row(t);
        render_cell(t, n, "list");
        render_cell(t, n, "rule");
        render_where_cell(t, n);
        render_cell(t, n, "packets");
        render_cell(t, n, "bytes");
        render_cell(t, n, "packet_ins_denied");
    }
    render_table(t, "no rules", out);
    return 0;
}

/* PUT /v1/acls: {applied, dry_run, flow_changes, plan, warnings}. */
static int
render_acls_set(const struct cmdline *cl, struct fy_node *root,
                struct ds *out, char **error)
{
    (void) cl;
    bool dry_run = jsonread_is_true(jsonread_get(root, "dry_run"));
    struct fy_node *plan = jsonread_get(root, "plan");
    if (!plan || fy_node_get_type(plan) != FYNT_SEQUENCE) {
        return render_fail(error, "unexpected response from the server: no "
                           "\"plan\" list");
    }
    uint64_t n;
    bool known = jsonread_u64(root, "flow_changes", &n);
    ds_put_cstr(out, dry_run ? "dry run, nothing changed: "
                             : "policy replaced: ");
    if (known) {
        ds_put_format(out, "%" PRIu64 " flow change%s", n, n == 1 ? "" : "s");
    } else {
        ds_put_cstr(out, "? flow changes");
    }
    ds_put_format(out, " %s the connected switches\n",
                  dry_run ? "on" : "sent to");
    render_flow_changes(plan, dry_run, out);
    struct fy_node *warnings = jsonread_get(root, "warnings"), *w;
    void *iter = NULL;
    while (warnings && fy_node_get_type(warnings) == FYNT_SEQUENCE
           && (w = fy_node_sequence_iterate(warnings, &iter))) {
        struct ds text = DS_EMPTY_INITIALIZER;
        jsonread_put_value(&text, w);
        ds_put_cstr(out, "warning: ");
        table_put_safe(out, ds_cstr(&text));
        ds_put_char(out, '\n');
        ds_destroy(&text);
    }
    return 0;
}

int
render_check_allowed(const char *body, size_t len, bool *allowed)
{
    char *error = NULL;
    struct fy_document *doc = len && !memchr(body, '\0', len)
                              ? jsonread_parse("response", body, len, &error)
                              : NULL;
    free(error);
    if (!doc) {
        return -1;
    }
    struct fy_node *n = jsonread_get(fy_document_root(doc), "allowed");
    int rc = -1;
    if (n && fy_node_get_type(n) == FYNT_SCALAR
        && fy_node_get_style(n) == FYNS_PLAIN) {
        const char *v = fy_node_get_scalar0(n);
        if (!strcmp(v, "true") || !strcmp(v, "false")) {
            *allowed = !strcmp(v, "true");
            rc = 0;
        }
    }
    fy_document_destroy(doc);
    return rc;
}

/* GET /v1/policy/check: "allowed" or "denied", then what decided. */
static int
render_policy_check(const struct cmdline *cl, struct fy_node *root,
                    struct ds *out, char **error)
{
    static const char *const keys[] = {
        "kind", "action", "list", "rule", "where", "tenant", "dst_tenant",
        "reason",
    };
    (void) cl;
    struct fy_node *allowed = jsonread_get(root, "allowed");
    struct fy_node *by = jsonread_get(root, "decided_by");
    if (!allowed || !by || fy_node_get_type(by) != FYNT_MAPPING) {
        return render_fail(error, "unexpected response from the server: no "
                           "\"allowed\" and \"decided_by\"");
    }
    ds_put_format(out, "%s\n", jsonread_is_true(allowed) ? "allowed"
                                                         : "denied");
    struct table *t = table_create();
    table_hide_headings(t);
    table_add_column(t, "KEY", TABLE_LEFT);
    table_add_column(t, "VALUE", TABLE_LEFT);
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (jsonread_get(by, keys[i])) {
            table_add_row(t);
            table_add_cell(t, keys[i]);
            struct ds v = DS_EMPTY_INITIALIZER;
            jsonread_put_value(&v, jsonread_get(by, keys[i]));
            table_add_cell(t, ds_cstr(&v));
            ds_destroy(&v);
        }
    }
    /* Whatever a newer canopyd adds. */
    void *iter = NULL;
    struct fy_node_pair *p;
    while ((p = fy_node_mapping_iterate(by, &iter))) {
        const char *k = fy_node_get_scalar0(fy_node_pair_key(p));
        bool known = false;
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
            known = known || !strcmp(k, keys[i]);
        }
        if (!known) {
            struct ds v = DS_EMPTY_INITIALIZER;
            jsonread_put_value(&v, fy_node_pair_value(p));
            table_add_row(t);
            table_add_cell(t, k);
            table_add_cell(t, ds_cstr(&v));
            ds_destroy(&v);
        }
    }
    table_format(t, out);
    table_destroy(t);
    return 0;
}

/* POST /v1/config/reload?dry_run=1: {changed, plan: [flows of the flows
 * API with app, switch, op and cookie], unplanned}. */
static int
render_plan_config(const struct cmdline *cl, struct fy_node *root,
                   struct ds *out, char **error)
{
    (void) cl;
    struct fy_node *plan = jsonread_get(root, "plan");
    if (!plan || fy_node_get_type(plan) != FYNT_SEQUENCE) {
        return render_fail(error, "unexpected response from the server: no "
                           "\"plan\" list");
    }
    ds_put_cstr(out, "dry run, nothing changed: the configuration is valid\n");
    struct fy_node *changed = jsonread_get(root, "changed");
    if (changed && fy_node_get_type(changed) == FYNT_SEQUENCE) {
        if (fy_node_sequence_item_count(changed) > 0) {
            ds_put_cstr(out, "changed: ");
            render_put_list(out, changed, ", ");
            ds_put_char(out, '\n');
        } else {
            ds_put_cstr(out, "no setting changed\n");
        }
    }
    bool origin = render_any_has(plan, "origin");
    struct table *t = table_create();
    table_add_column(t, "APP", TABLE_LEFT);
    table_add_column(t, "SWITCH", TABLE_LEFT);
    table_add_column(t, "OP", TABLE_LEFT);
    table_add_column(t, "TABLE", TABLE_RIGHT);
    table_add_column(t, "PRIORITY", TABLE_RIGHT);
    table_add_column(t, "COOKIE", TABLE_LEFT);
    table_add_column(t, "MATCH", TABLE_LEFT);
    table_add_column(t, "ACTIONS", TABLE_LEFT);
    if (origin) {
        table_add_column(t, "ORIGIN", TABLE_LEFT);
    }
    void *iter = NULL;
    struct fy_node *f;
    struct ds ds = DS_EMPTY_INITIALIZER;
    while ((f = fy_node_sequence_iterate(plan, &iter))) {
        const char *op = jsonread_str(f, "op");
        table_add_row(t);
        render_cell(t, f, "app");
        render_cell(t, f, "switch");
        table_add_cell(t, op);
        render_cell(t, f, "table");
        render_cell(t, f, "priority");
        render_cell(t, f, "cookie");
        ds_clear(&ds);
        render_put_match(&ds, jsonread_get(f, "match"));
        table_add_cell(t, ds_cstr(&ds));
        ds_clear(&ds);
        if (op && !strcmp(op, "delete")) {
            ds_put_char(&ds, '-');
        } else {
            render_flow_actions(&ds, f);
        }
        uint64_t timeout;
        if (jsonread_u64(f, "idle_timeout", &timeout) && timeout) {
            ds_put_format(&ds, " idle_timeout=%" PRIu64, timeout);
        }
        if (jsonread_u64(f, "hard_timeout", &timeout) && timeout) {
            ds_put_format(&ds, " hard_timeout=%" PRIu64, timeout);
        }
        table_add_cell(t, ds_cstr(&ds));
        if (origin) {
            render_cell(t, f, "origin");
        }
    }
    ds_destroy(&ds);
    render_table(t, "no flow would change on the connected switches", out);
    struct fy_node *unplanned = jsonread_get(root, "unplanned");
    if (unplanned && fy_node_get_type(unplanned) == FYNT_SEQUENCE
        && fy_node_sequence_item_count(unplanned) > 0) {
        ds_put_cstr(out, "not planned (these apps take new settings on "
                    "reload but cannot say how): ");
        render_put_list(out, unplanned, ", ");
        ds_put_char(out, '\n');
    }
    return 0;
}

/* What each command's response must be, and who prints it.  Metrics are
 * not JSON and have no entry. */
static const struct {
    render_func *render;
    enum fy_node_type shape;
} renderers[CTL_N_CMDS] = {
    [CTL_HEALTH] = { render_object, FYNT_MAPPING },
    [CTL_SWITCHES] = { render_switches, FYNT_SEQUENCE },
    [CTL_SWITCH] = { render_object, FYNT_MAPPING },
    [CTL_PORTS] = { render_ports, FYNT_SEQUENCE },
    [CTL_FLOWS] = { render_flows, FYNT_SEQUENCE },
    [CTL_FLOW_ADD] = { render_flow_add, FYNT_MAPPING },
    [CTL_FLOW_DEL] = { render_flow_del, FYNT_MAPPING },
    [CTL_APPS] = { render_apps, FYNT_SEQUENCE },
    [CTL_RELOAD] = { render_reload, FYNT_MAPPING },
    [CTL_TOPOLOGY] = { render_topology, FYNT_MAPPING },
    [CTL_HOSTS] = { render_hosts, FYNT_SEQUENCE },
    [CTL_PATH] = { render_path, FYNT_MAPPING },
    [CTL_TENANTS] = { render_tenants, FYNT_MAPPING },
    [CTL_TENANTS_SET] = { render_tenants_set, FYNT_MAPPING },
    [CTL_ACLS] = { render_acls, FYNT_MAPPING },
    [CTL_ACLS_COUNTERS] = { render_acls_counters, FYNT_SEQUENCE },
    [CTL_ACLS_SET] = { render_acls_set, FYNT_MAPPING },
    [CTL_POLICY_CHECK] = { render_policy_check, FYNT_MAPPING },
    [CTL_PLAN_CONFIG] = { render_plan_config, FYNT_MAPPING },
};

int
render_response(const struct cmdline *cl, const char *body, size_t len,
                struct ds *out, char **error)
{
    if ((unsigned int) cl->cmd >= CTL_N_CMDS
        || !renderers[cl->cmd].render) {
        /* Metrics: Prometheus text, for people and programs alike. */
        for (size_t i = 0; i < len; i++) {
            ds_put_char(out, body[i]);
        }
        return 0;
    }
    char *parse_error;
    struct fy_document *doc = jsonread_parse("response", body, len,
                                             &parse_error);
    if (!doc) {
        int rc = render_fail(error, "the server's answer is not valid JSON "
                             "(%s)", parse_error);
        free(parse_error);
        return rc;
    }
    struct fy_node *root = fy_document_root(doc);
    int rc;
    if (fy_node_get_type(root) != renderers[cl->cmd].shape) {
        rc = render_fail(error, "unexpected response from the server: "
                         "expected a JSON %s",
                         renderers[cl->cmd].shape == FYNT_MAPPING
                             ? "object" : "list");
    } else {
        rc = renderers[cl->cmd].render(cl, root, out, error);
    }
    fy_document_destroy(doc);
    return rc;
}

char *
render_error_message(const char *body, size_t len, const char *reason)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    char *parse_error = NULL;
    struct fy_document *doc = len && !memchr(body, '\0', len)
                              ? jsonread_parse("response", body, len,
                                               &parse_error)
                              : NULL;
    const char *msg = NULL;
    if (doc) {
        struct fy_node *root = fy_document_root(doc);
        msg = jsonread_str(root, "message");
        if (!msg || !*msg) {
            msg = jsonread_str(root, "error");
        }
    }
    if (!msg || !*msg) {
        msg = reason && *reason ? reason : "request failed";
    }
    table_put_safe(&ds, msg);
    fy_document_destroy(doc);
    free(parse_error);
    return ds_steal(&ds);
}
