/* Printing OpenFlow for people: see ofp-print.h. */
#include <config.h>

#include "ofproto/ofp-print.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-actions.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-match.h"
#include "ofproto/ofp-msgs-private.h"
#include "ofproto/ofp-msgs.h"

void
ofp_hex_dump(const void *data, size_t size, struct ds *ds)
{
    const uint8_t *p = data;
    for (size_t ofs = 0; ofs < size; ofs += 16) {
        size_t n = size - ofs < 16 ? size - ofs : 16;
        ds_put_format(ds, "%08zx  ", ofs);
        for (size_t i = 0; i < 16; i++) {
            if (i < n) {
                ds_put_format(ds, "%02x", p[ofs + i]);
            } else {
                ds_put_cstr(ds, "  ");
            }
            ds_put_char(ds, i == 7 ? '-' : ' ');
        }
        ds_put_cstr(ds, " |");
        for (size_t i = 0; i < n; i++) {
            uint8_t c = p[ofs + i];
            ds_put_char(ds, c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        ds_put_cstr(ds, "|\n");
    }
}

static int
hex_digit(int c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
           : -1;
}

unsigned char *
ofp_hex_parse(const char *s, size_t *sizep)
{
    size_t cap = strlen(s) / 2 + 1;
    unsigned char *out = xmalloc(cap);
    size_t n = 0;
    int hi = -1;
    for (; *s; s++) {
        if (isspace((unsigned char) *s) || *s == ':') {
            continue;
        }
        int d = hex_digit((unsigned char) *s);
        if (d < 0) {
            free(out);
            return NULL;
        }
        if (hi < 0) {
            hi = d;
        } else {
            out[n++] = (unsigned char) (hi << 4 | d);
            hi = -1;
        }
    }
    if (hi >= 0) {
        free(out);
        return NULL;
    }
    *sizep = n;
    return out;
}

/* ---- Messages. --------------------------------------------------------- */

/* Nested ERROR data is printed by decoding it again; each level is strictly
 * shorter than the last, but a bound keeps the recursion obviously finite. */
#define ERROR_NEST_MAX 2

static void msg_format__(const struct ofp_msg *, struct ds *, int depth);

static void
format_version(uint8_t version, struct ds *ds)
{
    switch (version) {
    case 1: ds_put_cstr(ds, "OF1.0"); break;
    case 2: ds_put_cstr(ds, "OF1.1"); break;
    case 3: ds_put_cstr(ds, "OF1.2"); break;
    case 4: ds_put_cstr(ds, "OF1.3"); break;
    case 5: ds_put_cstr(ds, "OF1.4"); break;
    case 6: ds_put_cstr(ds, "OF1.5"); break;
    default: ds_put_format(ds, "OF0x%02x", version); break;
    }
}

static void
format_buffer_id(uint32_t buffer_id, struct ds *ds)
{
    if (buffer_id == OFP_NO_BUFFER) {
        ds_put_cstr(ds, "none");
    } else {
        ds_put_format(ds, "0x%"PRIx32, buffer_id);
    }
}

static void
format_table_id(uint8_t table_id, struct ds *ds)
{
    if (table_id == OFPTT_ALL) {
        ds_put_cstr(ds, "all");
    } else {
        ds_put_format(ds, "%u", table_id);
    }
}

/* Appends the names of 'bits' joined by ','; unnamed bits as hex. */
static void
format_flag_names(uint32_t bits, const char *const names[], size_t n,
                  struct ds *ds)
{
    bool first = true;
    for (size_t i = 0; i < 32; i++) {
        if (!(bits & (1u << i))) {
            continue;
        }
        if (!first) {
            ds_put_char(ds, ',');
        }
        first = false;
        if (i < n && names[i]) {
            ds_put_cstr(ds, names[i]);
        } else {
            ds_put_format(ds, "0x%x", 1u << i);
        }
    }
}

static void
format_hello(const struct ofp_hello *h, struct ds *ds)
{
    if (!h->has_bitmap) {
        return;
    }
    ds_put_cstr(ds, "versions=");
    bool first = true;
    for (uint8_t v = 0; v < 32; v++) {
        if (h->version_bitmap & (1u << v)) {
            if (!first) {
                ds_put_char(ds, ',');
            }
            first = false;
            format_version(v, ds);
        }
    }
    if (first) {
        ds_put_cstr(ds, "none");
    }
}

/* Printable text (HELLO_FAILED data) goes in quotes with non-printing bytes
 * escaped, so a log line cannot be forged. */
static void
format_text(const uint8_t *data, size_t len, struct ds *ds)
{
    ds_put_char(ds, '"');
    for (size_t i = 0; i < len; i++) {
        uint8_t ch = data[i];
        if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
            ds_put_char(ds, (char) ch);
        } else {
            ds_put_format(ds, "\\x%02x", ch);
        }
    }
    ds_put_char(ds, '"');
}

static void
format_error(const struct ofp_msg *msg, struct ds *ds, int depth)
{
    const struct ofp_error_msg *e = &msg->u.error;
    if (e->err) {
        ds_put_cstr(ds, ofperr_name(e->err));
    } else if (e->type == OFPET_EXPERIMENTER
               && msg->version == OFP13_VERSION) {
        ds_put_format(ds, "type=experimenter exp_type=%"PRIu16
                      " experimenter=0x%08"PRIx32, e->exp_type,
                      e->experimenter);
    } else {
        const char *tname = ofperr_type_name(msg->version, e->type);
        if (tname) {
            ds_put_format(ds, "type=%s", tname);
        } else {
            ds_put_format(ds, "type=%"PRIu16, e->type);
        }
        ds_put_format(ds, " code=%"PRIu16, e->code);
    }
    if (!e->data_len) {
        return;
    }
    if (e->type == 0) {
        /* OFPET_HELLO_FAILED (0 in every version) carries text. */
        ds_put_char(ds, ' ');
        format_text(e->data, e->data_len, ds);
        return;
    }

    /* The offending request: print it decoded if it arrived whole,
     * otherwise as hex (usually it is cut to 64 bytes). */
    if (depth < ERROR_NEST_MAX) {
        struct ofp_arena arena = OFP_ARENA_INITIALIZER;
        struct ofp_msg inner;
        if (!ofp_decode(e->data, e->data_len, &arena, &inner)) {
            ds_put_cstr(ds, "\n  ");
            msg_format__(&inner, ds, depth + 1);
            ofp_arena_uninit(&arena);
            return;
        }
        ofp_arena_uninit(&arena);
    }
    ds_put_format(ds, " data_len=%zu\n", e->data_len);
    ofp_hex_dump(e->data, e->data_len, ds);
    ds_chomp(ds, "\n");
}

static void
format_features(const struct ofp_msg *msg, struct ds *ds)
{
    const struct ofp_switch_features *f = &msg->u.features;
    ds_put_format(ds, "dpid=%016"PRIx64" n_buffers=%"PRIu32" n_tables=%u",
                  f->datapath_id, f->n_buffers, f->n_tables);
    if (msg->version == OFP13_VERSION) {
        ds_put_format(ds, " auxiliary_id=%u", f->auxiliary_id);
    }
    ds_put_format(ds, " capabilities=0x%"PRIx32, f->capabilities);
    if (msg->version == OFP10_VERSION) {
        ds_put_format(ds, " actions=0x%"PRIx32, f->actions);
    }
    for (size_t i = 0; i < f->n_ports; i++) {
        ds_put_cstr(ds, "\n  ");
        ofp_port_desc_format(&f->ports[i], ds);
    }
}

static void
format_switch_config(const struct ofp_switch_config *sc, struct ds *ds)
{
    static const char *const frags[] = { "normal", "drop", "reassemble",
                                         "invalid" };
    ds_put_format(ds, "frags=%s", frags[sc->flags & OFPC_FRAG_MASK]);
    if (sc->flags & ~OFPC_FRAG_MASK) {
        ds_put_format(ds, " flags=0x%"PRIx16, sc->flags);
    }
    ds_put_format(ds, " miss_send_len=%"PRIu16, sc->miss_send_len);
}

static void
format_packet_in(const struct ofp_msg *msg, struct ds *ds)
{
    static const char *const reasons[] = { "no_match", "action",
                                           "invalid_ttl" };
    const struct ofp_packet_in *pin = &msg->u.packet_in;
    ds_put_cstr(ds, "reason=");
    if (pin->reason < sizeof reasons / sizeof reasons[0]) {
        ds_put_cstr(ds, reasons[pin->reason]);
    } else {
        ds_put_format(ds, "%u", pin->reason);
    }
    if (msg->version != OFP10_VERSION) {
        ds_put_format(ds, " table=%u cookie=0x%"PRIx64, pin->table_id,
                      pin->cookie);
    }
    ds_put_cstr(ds, " in_port=");
    ofp_port_format(pin->in_port, ds);
    ds_put_format(ds, " total_len=%"PRIu16" data_len=%zu buffer=",
                  pin->total_len, pin->data_len);
    format_buffer_id(pin->buffer_id, ds);
    if (msg->version != OFP10_VERSION) {
        ds_put_cstr(ds, " match=");
        ofp_match_format(&pin->match, ds);
    }
}

static void
format_flow_removed(const struct ofp_msg *msg, struct ds *ds)
{
    static const char *const reasons[] = { "idle", "hard", "delete",
                                           "group_delete" };
    const struct ofp_flow_removed *fr = &msg->u.flow_removed;
    ds_put_cstr(ds, "reason=");
    if (fr->reason < sizeof reasons / sizeof reasons[0]) {
        ds_put_cstr(ds, reasons[fr->reason]);
    } else {
        ds_put_format(ds, "%u", fr->reason);
    }
    if (msg->version != OFP10_VERSION) {
        ds_put_format(ds, " table=%u", fr->table_id);
    }
    ds_put_format(ds, " cookie=0x%"PRIx64" priority=%"PRIu16
                  " duration=%"PRIu32".%09"PRIu32"s idle=%"PRIu16,
                  fr->cookie, fr->priority, fr->duration_sec,
                  fr->duration_nsec, fr->idle_timeout);
    if (msg->version != OFP10_VERSION) {
        ds_put_format(ds, " hard=%"PRIu16, fr->hard_timeout);
    }
    ds_put_format(ds, " packets=%"PRIu64" bytes=%"PRIu64" match=",
                  fr->packet_count, fr->byte_count);
    ofp_match_format(&fr->match, ds);
}

static void
format_port_status(const struct ofp_port_status *ps, struct ds *ds)
{
    static const char *const reasons[] = { "ADD", "DELETE", "MODIFY" };
    if (ps->reason < sizeof reasons / sizeof reasons[0]) {
        ds_put_cstr(ds, reasons[ps->reason]);
    } else {
        ds_put_format(ds, "reason=%u", ps->reason);
    }
    ds_put_cstr(ds, " ");
    ofp_port_desc_format(&ps->desc, ds);
}

static void
format_packet_out(const struct ofp_packet_out *po, struct ds *ds)
{
    ds_put_cstr(ds, "in_port=");
    ofp_port_format(po->in_port, ds);
    ds_put_cstr(ds, " buffer=");
    format_buffer_id(po->buffer_id, ds);
    ds_put_cstr(ds, " actions=");
    ofp_actions_format(&po->actions, ds);
    ds_put_format(ds, " data_len=%zu", po->data_len);
}

static void
format_flow_mod(const struct ofp_flow_mod *fm, struct ds *ds)
{
    static const char *const commands[] = {
        "ADD", "MODIFY", "MODIFY_STRICT", "DELETE", "DELETE_STRICT",
    };
    static const char *const flag_names[16] = {
        "send_flow_rem", "check_overlap", "reset_counts", "no_pkt_counts",
        "no_byt_counts", [15] = "emerg",
    };
    if ((unsigned int) fm->command < sizeof commands / sizeof commands[0]) {
        ds_put_cstr(ds, commands[fm->command]);
    } else {
        ds_put_format(ds, "command=%u", (unsigned int) fm->command);
    }
    ds_put_cstr(ds, " table=");
    format_table_id(fm->table_id, ds);
    ds_put_format(ds, " cookie=0x%"PRIx64, fm->cookie);
    if (fm->cookie_mask) {
        ds_put_format(ds, " cookie_mask=0x%"PRIx64, fm->cookie_mask);
    }
    ds_put_format(ds, " priority=%"PRIu16" idle=%"PRIu16" hard=%"PRIu16
                  " buffer=", fm->priority, fm->idle_timeout,
                  fm->hard_timeout);
    format_buffer_id(fm->buffer_id, ds);
    if (fm->out_port != OFPP_ANY) {
        ds_put_cstr(ds, " out_port=");
        ofp_port_format(fm->out_port, ds);
    }
    if (fm->out_group != OFPG_ANY) {
        ds_put_format(ds, " out_group=%"PRIu32, fm->out_group);
    }
    if (fm->flags) {
        ds_put_cstr(ds, " flags=");
        format_flag_names(fm->flags, flag_names, 16, ds);
    }
    ds_put_cstr(ds, " match=");
    ofp_match_format(&fm->match, ds);
    ds_put_cstr(ds, " instructions=");
    ofp_instructions_format(&fm->instructions, ds);
}

static void
format_port_mod(const struct ofp_port_mod *pm, struct ds *ds)
{
    ds_put_cstr(ds, "port=");
    ofp_port_format(pm->port_no, ds);
    ds_put_cstr(ds, " addr=");
    ds_put_mac(ds, pm->hw_addr);
    ds_put_format(ds, " config=0x%"PRIx32" mask=0x%"PRIx32
                  " advertise=0x%"PRIx32, pm->config, pm->mask,
                  pm->advertise);
}

static void
format_role(const struct ofp_role *r, struct ds *ds)
{
    static const char *const roles[] = { "nochange", "equal", "master",
                                         "slave" };
    ds_put_cstr(ds, "role=");
    if (r->role < sizeof roles / sizeof roles[0]) {
        ds_put_cstr(ds, roles[r->role]);
    } else {
        ds_put_format(ds, "%"PRIu32, r->role);
    }
    ds_put_format(ds, " generation_id=%"PRIu64, r->generation_id);
}

/* Appends the body of the message types this file prints itself. */
static void
msg_format_body(const struct ofp_msg *msg, struct ds *ds, int depth)
{
    switch (msg->type) {
    case OFPMSG_HELLO:
        format_hello(&msg->u.hello, ds);
        break;
    case OFPMSG_ERROR:
        format_error(msg, ds, depth);
        break;
    case OFPMSG_ECHO_REQUEST:
    case OFPMSG_ECHO_REPLY:
        if (msg->u.echo.len) {
            ds_put_format(ds, "len=%zu", msg->u.echo.len);
        }
        break;
    case OFPMSG_EXPERIMENTER:
        ds_put_format(ds, "experimenter=0x%08"PRIx32" exp_type=%"PRIu32
                      " len=%zu", msg->u.experimenter.experimenter,
                      msg->u.experimenter.exp_type, msg->u.experimenter.len);
        break;
    case OFPMSG_FEATURES_REPLY:
        format_features(msg, ds);
        break;
    case OFPMSG_GET_CONFIG_REPLY:
    case OFPMSG_SET_CONFIG:
        format_switch_config(&msg->u.config, ds);
        break;
    case OFPMSG_PACKET_IN:
        format_packet_in(msg, ds);
        break;
    case OFPMSG_FLOW_REMOVED:
        format_flow_removed(msg, ds);
        break;
    case OFPMSG_PORT_STATUS:
        format_port_status(&msg->u.port_status, ds);
        break;
    case OFPMSG_PACKET_OUT:
        format_packet_out(&msg->u.packet_out, ds);
        break;
    case OFPMSG_FLOW_MOD:
        format_flow_mod(&msg->u.flow_mod, ds);
        break;
    case OFPMSG_PORT_MOD:
        format_port_mod(&msg->u.port_mod, ds);
        break;
    case OFPMSG_ROLE_REQUEST:
    case OFPMSG_ROLE_REPLY:
        format_role(&msg->u.role, ds);
        break;
    default:
        /* FEATURES_REQUEST, GET_CONFIG_REQUEST, BARRIER_*: no body. */
        break;
    }
}

static void
msg_format__(const struct ofp_msg *msg, struct ds *ds, int depth)
{
    ds_put_format(ds, "%s (", ofp_msg_type_name(msg->type));
    format_version(msg->version, ds);
    ds_put_format(ds, ") xid=0x%"PRIx32":", msg->xid);
    size_t body_start = ds->length;

    /* Body printers append " body" (ofp-stats.c's convention: each starts
     * with a space, or with "\n  " for a list).  The local ones below get
     * their space here. */
    switch (msg->type) {
    case OFPMSG_GROUP_MOD:
        ofp_group_mod_format(&msg->u.group_mod, ds);
        break;
    case OFPMSG_METER_MOD:
        ofp_meter_mod_format(&msg->u.meter_mod, ds);
        break;
    default:
        if (ofp_msg_type_is_multipart(msg->type)) {
            if (msg->mp_flags & OFPMPF_MORE) {
                ds_put_cstr(ds, " flags=more");
            }
            ofp_stats_format_body(msg, ds);
        } else {
            ds_put_char(ds, ' ');
            msg_format_body(msg, ds, depth);
        }
        break;
    }

    /* No body: end the line at the xid. */
    if (ds->length == body_start
        || (ds->length == body_start + 1 && ds->string[body_start] == ' ')) {
        ds->length = body_start - 1;
        ds->string[ds->length] = '\0';
    }
}

void
ofp_msg_format(const struct ofp_msg *msg, struct ds *ds)
{
    msg_format__(msg, ds, 0);
}

void
ofp_print_bytes(const void *data, size_t size, struct ds *ds)
{
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg msg;
    enum ofperr error = ofp_decode(data, size, &arena, &msg);
    if (!error) {
        ofp_msg_format(&msg, ds);
    } else {
        ds_put_format(ds, "***decode error: %s***\n", ofperr_name(error));
        ofp_hex_dump(data, size, ds);
    }
    ofp_arena_uninit(&arena);
}
