/* Unit tests for ofp-stats.c: multipart (1.0: stats) bodies, GROUP_MOD and
 * METER_MOD.
 *
 * Every round trip runs twice: once through the body functions alone
 * (ofp_stats_encode_body / ofp_stats_decode_body), which pins down this
 * module, and once through ofp_encode / ofp_decode, which adds the header
 * and multipart header of ofp-msgs.c.  Golden tests pin exact bytes;
 * the OVS tests check that Open vSwitch reads our bytes the same way. */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-msgs-private.h"
#include "ofproto/ofp-msgs.h"
#include "tests/unit/unit.h"

static const uint8_t versions[] = { OFP10_VERSION, OFP13_VERSION };
#define N_VERSIONS (sizeof versions / sizeof versions[0])

/* ---- Helpers. ---------------------------------------------------------- */

static void
msg_init(struct ofp_msg *msg, enum ofp_msg_type type, uint32_t xid)
{
    memset(msg, 0, sizeof *msg);
    msg->type = type;
    msg->xid = xid;
}

/* Encodes 'in' for 'version' into 'buf' and decodes it back into 'out'.
 * With 'full', through ofp_encode()/ofp_decode() (whole message), else
 * through the body functions only.  Returns false (after failing an
 * assertion) if either step fails. */
static bool
roundtrip(const struct ofp_msg *in, uint8_t version, bool full,
          struct ofp_msg *out, struct ofpbuf *buf, struct ofp_arena *arena)
{
    enum ofperr error;

    ofpbuf_clear(buf);
    memset(out, 0xa5, sizeof *out);
    if (full) {
        error = ofp_encode(in, version, buf);
        CU_ASSERT_EQUAL(error, 0);
        if (error) {
            fprintf(stderr, "\nencode %s v%d: %s\n",
                    ofp_msg_type_name(in->type), version, ofperr_name(error));
            return false;
        }
        error = ofp_decode(buf->data, buf->size, arena, out);
        CU_ASSERT_EQUAL(error, 0);
        if (error) {
            fprintf(stderr, "\ndecode %s v%d: %s\n",
                    ofp_msg_type_name(in->type), version, ofperr_name(error));
            return false;
        }
        CU_ASSERT_EQUAL(out->version, version);
        CU_ASSERT_EQUAL(out->type, in->type);
        CU_ASSERT_EQUAL(out->xid, in->xid);
        CU_ASSERT_EQUAL(out->mp_flags, in->mp_flags);
        return out->type == in->type;
    }

    bool is_mod = in->type == OFPMSG_GROUP_MOD
                  || in->type == OFPMSG_METER_MOD;
    error = (in->type == OFPMSG_GROUP_MOD ? ofp_group_mod_encode(in, buf)
             : in->type == OFPMSG_METER_MOD ? ofp_meter_mod_encode(in, buf)
             : ofp_stats_encode_body(in, version, buf));
    CU_ASSERT_EQUAL(error, 0);
    if (error) {
        fprintf(stderr, "\nbody encode %s v%d: %s\n",
                ofp_msg_type_name(in->type), version, ofperr_name(error));
        return false;
    }
    out->version = version;
    out->type = in->type;
    ofp_arena_reset(arena);
    ofp_arena_reserve(arena, OFP_ARENA_BOUND(buf->size + 16));
    struct ofp_cursor c = ofp_cursor_init(buf->data, buf->size);
    error = (in->type == OFPMSG_GROUP_MOD ? ofp_group_mod_decode(out, &c,
                                                                 arena)
             : in->type == OFPMSG_METER_MOD ? ofp_meter_mod_decode(out, &c,
                                                                   arena)
             : ofp_stats_decode_body(out, &c, arena));
    CU_ASSERT_EQUAL(error, 0);
    if (error) {
        fprintf(stderr, "\nbody decode %s v%d: %s\n",
                ofp_msg_type_name(in->type), version, ofperr_name(error));
        return false;
    }
    if (is_mod) {
        CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), 0);
    }
    return true;
}

/* Decodes the body given in hex as 'type' for 'version'.  '*bytesp' gets
 * the parsed bytes (the decoded message may point into them); the caller
 * frees them. */
static enum ofperr
decode_body_hex(uint8_t version, enum ofp_msg_type type, const char *hex,
                struct ofp_msg *msg, struct ofp_arena *arena,
                uint8_t **bytesp)
{
    size_t size;
    uint8_t *bytes = unit_hex(hex, &size);
    *bytesp = bytes;
    if (!bytes) {
        return OFPERR_N_ERRORS;
    }
    memset(msg, 0, sizeof *msg);
    msg->version = version;
    msg->type = type;
    ofp_arena_reset(arena);
    ofp_arena_reserve(arena, OFP_ARENA_BOUND(size + 16));
    struct ofp_cursor c = ofp_cursor_init(bytes, size);
    return (type == OFPMSG_GROUP_MOD ? ofp_group_mod_decode(msg, &c, arena)
            : type == OFPMSG_METER_MOD ? ofp_meter_mod_decode(msg, &c, arena)
            : ofp_stats_decode_body(msg, &c, arena));
}

static enum ofperr
decode_err(uint8_t version, enum ofp_msg_type type, const char *hex)
{
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg msg;
    uint8_t *bytes;
    enum ofperr error = decode_body_hex(version, type, hex, &msg, &arena,
                                        &bytes);
    free(bytes);
    ofp_arena_uninit(&arena);
    return error;
}

#define CHECK_ERR(VERSION, TYPE, HEX, ERR)                                    \
    do {                                                                      \
        enum ofperr e_ = decode_err(VERSION, TYPE, HEX);                      \
        if (e_ != (ERR)) {                                                    \
            fprintf(stderr, "\n%s:%d: got %s, expected %s\n", __FILE__,       \
                    __LINE__, ofperr_name(e_), ofperr_name(ERR));             \
        }                                                                     \
        CU_ASSERT_EQUAL(e_, ERR);                                             \
    } while (0)

/* Asserts that the bytes in 'buf' equal the hex string. */
static void
assert_bytes(const struct ofpbuf *buf, size_t ofs, const char *hex)
{
    size_t size;
    uint8_t *want = unit_hex(hex, &size);
    if (!want) {
        return;
    }
    bool ok = ofs <= buf->size && buf->size - ofs == size
              && !memcmp(buf->data + ofs, want, size);
    if (!ok) {
        struct ds got = DS_EMPTY_INITIALIZER;
        ds_put_hex(&got, buf->data + ofs, buf->size - ofs);
        fprintf(stderr, "\nbytes differ:\n got  %s\n want %s\n",
                ds_cstr(&got), hex);
        ds_destroy(&got);
    }
    CU_ASSERT_TRUE(ok);
    free(want);
}

/* Encodes 'msg' for 'version' (whole message) and returns what
 * "ovs-ofctl ofp-print" says about it (caller frees), or NULL. */
static char *
ovs_print(const struct ofp_msg *msg, uint8_t version)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    char *s = NULL;
    enum ofperr error = ofp_encode(msg, version, &buf);
    CU_ASSERT_EQUAL(error, 0);
    if (!error) {
        s = unit_ovs_ofp_print(buf.data, buf.size, NULL);
        CU_ASSERT_PTR_NOT_NULL(s);
    }
    ofpbuf_uninit(&buf);
    return s;
}

/* Returns our own printing of 'msg' (caller frees). */
static char *
our_print(const struct ofp_msg *msg)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ofp_msg_format(msg, &s);
    return ds_steal(&s);
}

static struct ofp_action
output(uint32_t port)
{
    struct ofp_action a;
    memset(&a, 0, sizeof a);
    a.type = OFPACT_OUTPUT;
    a.u.output.port = port;
    return a;
}

/* ---- Multipart type numbers. ------------------------------------------- */

static void
test_type_map(void)
{
    enum ofp_msg_type t;
    uint16_t mp;

    CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP10_VERSION, false, 0, &t), 0);
    CU_ASSERT_EQUAL(t, OFPMSG_DESC_REQUEST);
    CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP10_VERSION, true, 4, &t), 0);
    CU_ASSERT_EQUAL(t, OFPMSG_PORT_STATS_REPLY);
    CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP13_VERSION, true, 1, &t), 0);
    CU_ASSERT_EQUAL(t, OFPMSG_FLOW_STATS_REPLY);
    CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP13_VERSION, false, 2, &t), 0);
    CU_ASSERT_EQUAL(t, OFPMSG_AGGREGATE_REQUEST);
    CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP13_VERSION, false, 13, &t),
                    0);
    CU_ASSERT_EQUAL(t, OFPMSG_PORT_DESC_REQUEST);
    CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP13_VERSION, true, 11, &t), 0);
    CU_ASSERT_EQUAL(t, OFPMSG_METER_FEATURES_REPLY);
    CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP13_VERSION, true, 7, &t), 0);
    CU_ASSERT_EQUAL(t, OFPMSG_GROUP_DESC_REPLY);

    /* 1.3-only types in 1.0 (OFPBRC_BAD_STAT there: the same code). */
    for (uint16_t i = 6; i <= 13; i++) {
        CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP10_VERSION, false, i, &t),
                        OFPERR_OFPBRC_BAD_MULTIPART);
    }
    /* Types Canopy does not support, and unknown ones. */
    static const uint16_t bad[] = { 5, 12, 14, 100, 0xfffe, 0xffff };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (size_t v = 0; v < N_VERSIONS; v++) {
            CU_ASSERT_EQUAL(ofp_stats_type_from_wire(versions[v], true,
                                                     bad[i], &t),
                            OFPERR_OFPBRC_BAD_MULTIPART);
        }
    }
    CU_ASSERT_EQUAL(ofp_stats_type_from_wire(0x02, false, 0, &t),
                    OFPERR_OFPBRC_BAD_MULTIPART);

    CU_ASSERT_EQUAL(ofp_stats_type_to_wire(OFPMSG_TABLE_STATS_REPLY,
                                           OFP10_VERSION, &mp), 0);
    CU_ASSERT_EQUAL(mp, 3);
    CU_ASSERT_EQUAL(ofp_stats_type_to_wire(OFPMSG_METER_CONFIG_REQUEST,
                                           OFP13_VERSION, &mp), 0);
    CU_ASSERT_EQUAL(mp, 10);
    CU_ASSERT_EQUAL(ofp_stats_type_to_wire(OFPMSG_PORT_DESC_REPLY,
                                           OFP13_VERSION, &mp), 0);
    CU_ASSERT_EQUAL(mp, 13);
    CU_ASSERT_EQUAL(ofp_stats_type_to_wire(OFPMSG_PORT_DESC_REPLY,
                                           OFP10_VERSION, &mp),
                    OFPERR_OFPBRC_BAD_MULTIPART);
    CU_ASSERT_EQUAL(ofp_stats_type_to_wire(OFPMSG_GROUP_STATS_REQUEST,
                                           OFP10_VERSION, &mp),
                    OFPERR_OFPBRC_BAD_MULTIPART);
    CU_ASSERT_EQUAL(ofp_stats_type_to_wire(OFPMSG_FLOW_MOD, OFP13_VERSION,
                                           &mp),
                    OFPERR_OFPBRC_BAD_MULTIPART);

    /* Every multipart type maps to a wire number and back. */
    for (int i = 0; i < OFPMSG_N_TYPES; i++) {
        if (ofp_stats_type_to_wire(i, OFP13_VERSION, &mp)) {
            continue;
        }
        enum ofp_msg_type back;
        CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP13_VERSION, false, mp,
                                                 &back), 0);
        if (back != (enum ofp_msg_type) i) {
            CU_ASSERT_EQUAL(ofp_stats_type_from_wire(OFP13_VERSION, true, mp,
                                                     &back), 0);
        }
        CU_ASSERT_EQUAL(back, i);
    }
}

/* 1.3-only multipart types cannot be encoded or decoded for 1.0. */
static void
test_of13_only_in_of10(void)
{
    static const enum ofp_msg_type types[] = {
        OFPMSG_PORT_DESC_REQUEST, OFPMSG_GROUP_STATS_REQUEST,
        OFPMSG_GROUP_DESC_REPLY, OFPMSG_METER_FEATURES_REPLY,
    };
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        struct ofp_msg msg;
        msg_init(&msg, types[i], 1);
        CU_ASSERT_EQUAL(ofp_stats_encode_body(&msg, OFP10_VERSION, &buf),
                        OFPERR_OFPBRC_BAD_MULTIPART);
        CU_ASSERT_EQUAL(buf.size, 0);
        CU_ASSERT_NOT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &buf), 0);
        CU_ASSERT_EQUAL(buf.size, 0);
        CHECK_ERR(OFP10_VERSION, types[i], "00000000 00000000",
                  OFPERR_OFPBRC_BAD_MULTIPART);
    }
    ofpbuf_uninit(&buf);

    /* Whole messages: 1.0 stats request with type 6 (GROUP), 1.3
     * multipart request of type QUEUE (5) and an unknown type. */
    static const char *const msgs[] = {
        "01 10 00 14 00 00 00 01 00 06 00 00 ff ff ff fc 00 00 00 00",
        "04 12 00 18 00 00 00 01 00 05 00 00 00 00 00 00"
        " ff ff ff ff ff ff ff ff",
        "04 12 00 10 00 00 00 01 00 63 00 00 00 00 00 00",
        "04 13 00 10 00 00 00 01 00 0c 00 00 00 00 00 00",
    };
    for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++) {
        size_t size;
        uint8_t *bytes = unit_hex(msgs[i], &size);
        struct ofp_arena arena = OFP_ARENA_INITIALIZER;
        struct ofp_msg msg;
        if (bytes) {
            CU_ASSERT_EQUAL(ofp_decode(bytes, size, &arena, &msg),
                            OFPERR_OFPBRC_BAD_MULTIPART);
        }
        free(bytes);
        ofp_arena_uninit(&arena);
    }
}

/* ---- DESC. ------------------------------------------------------------- */

static void
test_desc(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;

    for (size_t v = 0; v < N_VERSIONS; v++) {
        for (int full = 0; full < 2; full++) {
            msg_init(&in, OFPMSG_DESC_REQUEST, 7);
            if (roundtrip(&in, versions[v], full, &out, &buf, &arena)) {
                CU_ASSERT_EQUAL(buf.size, full ? (versions[v] == OFP10_VERSION
                                                  ? 12 : 16) : 0);
            }

            msg_init(&in, OFPMSG_DESC_REPLY, 8);
            strcpy(in.u.desc.mfr_desc, "Canopy Labs");
            strcpy(in.u.desc.hw_desc, "virtual");
            strcpy(in.u.desc.sw_desc, "3.1.0");
            /* Exactly 32 characters: fills the field, no NUL on the wire. */
            strcpy(in.u.desc.serial_num, "0123456789abcdef0123456789ABCDEF");
            memset(in.u.desc.dp_desc, 'd', OFP_DESC_STR_LEN);
            in.u.desc.dp_desc[OFP_DESC_STR_LEN] = '\0';
            if (roundtrip(&in, versions[v], full, &out, &buf, &arena)) {
                CU_ASSERT_STRING_EQUAL(out.u.desc.mfr_desc, "Canopy Labs");
                CU_ASSERT_STRING_EQUAL(out.u.desc.hw_desc, "virtual");
                CU_ASSERT_STRING_EQUAL(out.u.desc.sw_desc, "3.1.0");
                CU_ASSERT_STRING_EQUAL(out.u.desc.serial_num,
                                       in.u.desc.serial_num);
                CU_ASSERT_STRING_EQUAL(out.u.desc.dp_desc,
                                       in.u.desc.dp_desc);
                CU_ASSERT_EQUAL(buf.size, 1056 + (full ? (versions[v]
                                                          == OFP10_VERSION
                                                          ? 12 : 16) : 0));
            }
        }
    }

    /* Wire strings without a NUL decode NUL-terminated. */
    struct ds hex = DS_EMPTY_INITIALIZER;
    for (int i = 0; i < 1056; i++) {
        ds_put_cstr(&hex, "41");
    }
    uint8_t *bytes;
    CU_ASSERT_EQUAL(decode_body_hex(OFP10_VERSION, OFPMSG_DESC_REPLY,
                                    ds_cstr(&hex), &out, &arena, &bytes), 0);
    CU_ASSERT_EQUAL(strlen(out.u.desc.mfr_desc), 256);
    CU_ASSERT_EQUAL(strlen(out.u.desc.serial_num), 32);
    CU_ASSERT_EQUAL(strlen(out.u.desc.dp_desc), 256);
    free(bytes);
    /* One byte short, one byte too many. */
    ds_chomp(&hex, "1");
    ds_chomp(&hex, "4");
    CHECK_ERR(OFP13_VERSION, OFPMSG_DESC_REPLY, ds_cstr(&hex),
              OFPERR_OFPBRC_BAD_LEN);
    ds_put_cstr(&hex, "414141");
    CHECK_ERR(OFP13_VERSION, OFPMSG_DESC_REPLY, ds_cstr(&hex),
              OFPERR_OFPBRC_BAD_LEN);
    ds_destroy(&hex);
    /* A DESC request has no body. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_DESC_REQUEST, "00", OFPERR_OFPBRC_BAD_LEN);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

/* ---- FLOW and AGGREGATE. ----------------------------------------------- */

static void
make_flow_request(struct ofp_msg *msg, enum ofp_msg_type type,
                  uint8_t version)
{
    msg_init(msg, type, 0x11);
    struct ofp_flow_stats_request *r = &msg->u.flow_stats_request;
    ofp_match_init_catchall(&r->match);
    ofp_match_set_in_port(&r->match, 3);
    ofp_match_set_eth_type(&r->match, 0x0800);
    ofp_match_set_ipv4_dst(&r->match, 0x0a000000, 8);
    r->table_id = 1;
    r->out_port = 2;
    r->out_group = OFPG_ANY;
    if (version == OFP13_VERSION) {
        r->out_group = 5;
        r->cookie = 0x10;
        r->cookie_mask = 0xff;
    }
}

static void
test_flow_request(void)
{
    static const enum ofp_msg_type types[] = {
        OFPMSG_FLOW_STATS_REQUEST, OFPMSG_AGGREGATE_REQUEST,
    };
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;

    for (size_t t = 0; t < 2; t++) {
        for (size_t v = 0; v < N_VERSIONS; v++) {
            for (int full = 0; full < 2; full++) {
                make_flow_request(&in, types[t], versions[v]);
                if (!roundtrip(&in, versions[v], full, &out, &buf, &arena)) {
                    continue;
                }
                const struct ofp_flow_stats_request *a, *b;
                a = &in.u.flow_stats_request;
                b = &out.u.flow_stats_request;
                CU_ASSERT_EQUAL(b->table_id, 1);
                CU_ASSERT_EQUAL(b->out_port, 2);
                CU_ASSERT_EQUAL(b->out_group, a->out_group);
                CU_ASSERT_EQUAL(b->cookie, a->cookie);
                CU_ASSERT_EQUAL(b->cookie_mask, a->cookie_mask);
                CU_ASSERT_TRUE(ofp_match_equal(&a->match, &b->match));
                if (!full && versions[v] == OFP10_VERSION) {
                    CU_ASSERT_EQUAL(buf.size, 44);
                    assert_bytes(&buf, 40, "01 00 00 02");
                }
            }
        }
    }

    /* 1.0: "any" port is OFPP_NONE on the wire, and back. */
    make_flow_request(&in, OFPMSG_FLOW_STATS_REQUEST, OFP10_VERSION);
    in.u.flow_stats_request.out_port = OFPP_ANY;
    in.u.flow_stats_request.table_id = OFPTT_ALL;
    if (roundtrip(&in, OFP10_VERSION, false, &out, &buf, &arena)) {
        assert_bytes(&buf, 40, "ff 00 ff ff");
        CU_ASSERT_EQUAL(out.u.flow_stats_request.out_port, OFPP_ANY);
        CU_ASSERT_EQUAL(out.u.flow_stats_request.table_id, OFPTT_ALL);
        CU_ASSERT_EQUAL(out.u.flow_stats_request.out_group, OFPG_ANY);
    }

    /* 1.0 cannot ask by cookie or out_group: refused, nothing appended. */
    ofpbuf_clear(&buf);
    make_flow_request(&in, OFPMSG_FLOW_STATS_REQUEST, OFP13_VERSION);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP10_VERSION, &buf),
                    OFPERR_OFPBMC_BAD_FIELD);
    in.u.flow_stats_request.cookie_mask = 0;
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP10_VERSION, &buf),
                    OFPERR_OFPBAC_BAD_OUT_GROUP);
    in.u.flow_stats_request.out_group = OFPG_ANY;
    in.u.flow_stats_request.out_port = 0x12345678;
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP10_VERSION, &buf),
                    OFPERR_OFPBAC_BAD_OUT_PORT);
    CU_ASSERT_EQUAL(buf.size, 0);

    /* 1.3 request golden: table 1, out_port 2, out_group 5, cookie 0x10/0xff,
     * then an OXM match that ofp-match.c owns. */
    make_flow_request(&in, OFPMSG_FLOW_STATS_REQUEST, OFP13_VERSION);
    ofp_match_init_catchall(&in.u.flow_stats_request.match);
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP13_VERSION, &buf), 0);
    assert_bytes(&buf, 0,
                 "01 000000 00000002 00000005 00000000"
                 " 0000000000000010 00000000000000ff"
                 " 0001 0004 00000000");

    /* Trailing bytes after the match, short bodies. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_FLOW_STATS_REQUEST,
              "01 000000 00000002 00000005 00000000"
              " 0000000000000010 00000000000000ff"
              " 0001 0004 00000000 0000000000000000", OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_FLOW_STATS_REQUEST,
              "01 000000 00000002 00000005", OFPERR_OFPBRC_BAD_LEN);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

static void
make_flow_reply(struct ofp_msg *msg, uint8_t version,
                struct ofp_flow_stats fs[2], struct ofp_action acts[2])
{
    msg_init(msg, OFPMSG_FLOW_STATS_REPLY, 0x22);
    msg->mp_flags = OFPMPF_MORE;
    memset(fs, 0, 2 * sizeof *fs);
    acts[0] = output(2);
    acts[1] = output(OFPP_CONTROLLER);
    acts[1].u.output.max_len = 128;

    fs[0].table_id = 0;
    fs[0].duration_sec = 1;
    fs[0].duration_nsec = 500000000;
    fs[0].priority = 100;
    fs[0].idle_timeout = 10;
    fs[0].hard_timeout = 20;
    fs[0].cookie = 0x1;
    fs[0].packet_count = 3;
    fs[0].byte_count = 180;
    ofp_match_init_catchall(&fs[0].match);
    ofp_match_set_in_port(&fs[0].match, 1);
    fs[0].instructions.present = OFPIB_APPLY_ACTIONS;
    fs[0].instructions.apply.actions = acts;
    fs[0].instructions.apply.n = 2;

    fs[1].table_id = version == OFP13_VERSION ? 3 : 0;
    fs[1].duration_sec = 1000;
    fs[1].priority = 0;
    fs[1].cookie = 0xfedcba9876543210ull;
    fs[1].packet_count = 1ull << 40;
    fs[1].byte_count = 1ull << 50;
    ofp_match_init_catchall(&fs[1].match);
    if (version == OFP13_VERSION) {
        fs[0].flags = OFPFF_SEND_FLOW_REM;
        fs[1].instructions.present = OFPIB_GOTO_TABLE;
        fs[1].instructions.goto_table = 4;
    }
    msg->u.flow_stats_reply.entries = fs;
    msg->u.flow_stats_reply.n = 2;
}

static void
test_flow_reply(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_flow_stats fs[2];
    struct ofp_action acts[2];

    for (size_t v = 0; v < N_VERSIONS; v++) {
        for (int full = 0; full < 2; full++) {
            make_flow_reply(&in, versions[v], fs, acts);
            if (!roundtrip(&in, versions[v], full, &out, &buf, &arena)) {
                continue;
            }
            const struct ofp_flow_stats_reply *r = &out.u.flow_stats_reply;
            CU_ASSERT_EQUAL_FATAL(r->n, 2);
            for (size_t i = 0; i < 2; i++) {
                const struct ofp_flow_stats *a = &fs[i], *b = &r->entries[i];
                CU_ASSERT_EQUAL(b->table_id, a->table_id);
                CU_ASSERT_EQUAL(b->duration_sec, a->duration_sec);
                CU_ASSERT_EQUAL(b->duration_nsec, a->duration_nsec);
                CU_ASSERT_EQUAL(b->priority, a->priority);
                CU_ASSERT_EQUAL(b->idle_timeout, a->idle_timeout);
                CU_ASSERT_EQUAL(b->hard_timeout, a->hard_timeout);
                CU_ASSERT_EQUAL(b->flags, a->flags);
                CU_ASSERT_EQUAL(b->cookie, a->cookie);
                CU_ASSERT_EQUAL(b->packet_count, a->packet_count);
                CU_ASSERT_EQUAL(b->byte_count, a->byte_count);
                CU_ASSERT_TRUE(ofp_match_equal(&a->match, &b->match));
                CU_ASSERT_TRUE(ofp_instructions_equal(&a->instructions,
                                                      &b->instructions));
            }
            CU_ASSERT_EQUAL(r->entries[0].instructions.apply.n, 2);
            CU_ASSERT_EQUAL(r->entries[0].instructions.present,
                            OFPIB_APPLY_ACTIONS);
            if (versions[v] == OFP10_VERSION && !full) {
                /* 88 + 8 + 8, then 88 with no actions. */
                CU_ASSERT_EQUAL(buf.size, 104 + 88);
            }
        }
    }

    /* 1.0 has no flags: dropped on encode. */
    make_flow_reply(&in, OFP10_VERSION, fs, acts);
    fs[0].flags = OFPFF_SEND_FLOW_REM;
    if (roundtrip(&in, OFP10_VERSION, false, &out, &buf, &arena)) {
        CU_ASSERT_EQUAL(out.u.flow_stats_reply.entries[0].flags, 0);
    }

    /* An empty reply is valid. */
    msg_init(&in, OFPMSG_FLOW_STATS_REPLY, 1);
    if (roundtrip(&in, OFP13_VERSION, false, &out, &buf, &arena)) {
        CU_ASSERT_EQUAL(out.u.flow_stats_reply.n, 0);
        CU_ASSERT_EQUAL(buf.size, 0);
    }

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

/* A minimal 1.3 flow-stats entry: 56 bytes with an empty OXM match. */
#define FS13_BODY                                                             \
    "00 00 00 01 1d cd 65 00"  /* duration 1.5s */                            \
    " 00 64 00 00 00 00 00 00" /* priority 100, timeouts, flags */            \
    " 00 00 00 00"             /* pad */                                      \
    " 00 00 00 00 00 00 00 01" /* cookie */                                   \
    " 00 00 00 00 00 00 00 03" /* packets */                                  \
    " 00 00 00 00 00 00 00 b4" /* bytes */                                    \
    " 00 01 00 04 00 00 00 00" /* empty OXM match */

/* 84 bytes of a 1.0 entry after its 4-byte head: catch-all match (all
 * wildcards), counters. */
#define FS10_BODY                                                             \
    "003fffff 0000 000000000000 000000000000 0000 00 00 0000 00 00 0000"      \
    " 00000000 00000000 0000 0000"                                            \
    " 00000001 1dcd6500 0064 0000 0000 000000000000"                          \
    " 0000000000000001 0000000000000003 00000000000000b4"

static void
test_flow_reply_malformed(void)
{
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg msg;
    uint8_t *bytes;

    /* The well-formed entries decode. */
    CU_ASSERT_EQUAL(decode_body_hex(OFP13_VERSION, OFPMSG_FLOW_STATS_REPLY,
                                    "0038 00 00" FS13_BODY, &msg, &arena,
                                    &bytes), 0);
    CU_ASSERT_EQUAL(msg.u.flow_stats_reply.n, 1);
    if (msg.u.flow_stats_reply.n == 1) {
        const struct ofp_flow_stats *fs = &msg.u.flow_stats_reply.entries[0];
        CU_ASSERT_EQUAL(fs->duration_sec, 1);
        CU_ASSERT_EQUAL(fs->duration_nsec, 500000000);
        CU_ASSERT_EQUAL(fs->priority, 100);
        CU_ASSERT_EQUAL(fs->cookie, 1);
        CU_ASSERT_EQUAL(fs->packet_count, 3);
        CU_ASSERT_EQUAL(fs->byte_count, 180);
        CU_ASSERT_TRUE(ofp_match_is_catchall(&fs->match));
        CU_ASSERT_EQUAL(fs->instructions.present, 0);
    }
    free(bytes);
    CU_ASSERT_EQUAL(decode_body_hex(OFP10_VERSION, OFPMSG_FLOW_STATS_REPLY,
                                    "0058 05 00" FS10_BODY, &msg, &arena,
                                    &bytes), 0);
    CU_ASSERT_EQUAL(msg.u.flow_stats_reply.n, 1);
    if (msg.u.flow_stats_reply.n == 1) {
        const struct ofp_flow_stats *fs = &msg.u.flow_stats_reply.entries[0];
        CU_ASSERT_EQUAL(fs->table_id, 5);
        CU_ASSERT_EQUAL(fs->byte_count, 180);
        CU_ASSERT_EQUAL(fs->instructions.present, 0);
        CU_ASSERT_EQUAL(fs->instructions.apply.n, 0);
    }
    free(bytes);

    /* Entry length 0, below the minimum, overrunning the body. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_FLOW_STATS_REPLY, "0000 00 00" FS13_BODY,
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_FLOW_STATS_REPLY, "0030 00 00" FS13_BODY,
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_FLOW_STATS_REPLY, "0040 00 00" FS13_BODY,
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_FLOW_STATS_REPLY,
              "0038 00 00" FS13_BODY "0038 00 00", OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_FLOW_STATS_REPLY,
              "0038 00 00" FS13_BODY "00", OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP10_VERSION, OFPMSG_FLOW_STATS_REPLY, "0000 00 00" FS10_BODY,
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP10_VERSION, OFPMSG_FLOW_STATS_REPLY, "0050 00 00" FS10_BODY,
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP10_VERSION, OFPMSG_FLOW_STATS_REPLY, "0060 00 00" FS10_BODY,
              OFPERR_OFPBRC_BAD_LEN);
    /* A match whose length overruns the entry is the match's error. */
    CU_ASSERT_NOT_EQUAL(decode_err(OFP13_VERSION, OFPMSG_FLOW_STATS_REPLY,
                                   "0038 00 00"
                                   "00 00 00 01 1d cd 65 00"
                                   " 00 64 00 00 00 00 00 00 00 00 00 00"
                                   " 00 00 00 00 00 00 00 01"
                                   " 00 00 00 00 00 00 00 03"
                                   " 00 00 00 00 00 00 00 b4"
                                   " 00 01 00 10 00 00 00 00"), 0);

    ofp_arena_uninit(&arena);
}

static void
test_aggregate_reply(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;

    for (size_t v = 0; v < N_VERSIONS; v++) {
        for (int full = 0; full < 2; full++) {
            msg_init(&in, OFPMSG_AGGREGATE_REPLY, 3);
            in.u.aggregate_reply.packet_count = 0x0102030405060708ull;
            in.u.aggregate_reply.byte_count = 180;
            in.u.aggregate_reply.flow_count = 0xfffffffe;
            if (roundtrip(&in, versions[v], full, &out, &buf, &arena)) {
                CU_ASSERT_EQUAL(out.u.aggregate_reply.packet_count,
                                0x0102030405060708ull);
                CU_ASSERT_EQUAL(out.u.aggregate_reply.byte_count, 180);
                CU_ASSERT_EQUAL(out.u.aggregate_reply.flow_count, 0xfffffffe);
                if (!full) {
                    assert_bytes(&buf, 0, "0102030405060708 00000000000000b4"
                                 " fffffffe 00000000");
                }
            }
        }
    }
    CHECK_ERR(OFP13_VERSION, OFPMSG_AGGREGATE_REPLY,
              "0102030405060708 00000000000000b4 fffffffe",
              OFPERR_OFPBRC_BAD_LEN);
    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

/* ---- TABLE. ------------------------------------------------------------ */

static void
test_table_stats(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_table_stats ts[2];

    memset(ts, 0, sizeof ts);
    ts[0].table_id = 0;
    strcpy(ts[0].name, "classifier");
    ts[0].wildcards = 0x3fffff;
    ts[0].max_entries = 1000000;
    ts[0].active_count = 2;
    ts[0].lookup_count = 10;
    ts[0].matched_count = 5;
    ts[1].table_id = 254;
    memset(ts[1].name, 'n', OFP_MAX_TABLE_NAME_LEN);
    ts[1].active_count = 7;
    ts[1].lookup_count = 1ull << 33;
    ts[1].matched_count = 1ull << 32;

    for (size_t v = 0; v < N_VERSIONS; v++) {
        for (int full = 0; full < 2; full++) {
            msg_init(&in, OFPMSG_TABLE_STATS_REQUEST, 1);
            if (roundtrip(&in, versions[v], full, &out, &buf, &arena)
                && !full) {
                CU_ASSERT_EQUAL(buf.size, 0);
            }

            bool of10 = versions[v] == OFP10_VERSION;
            msg_init(&in, OFPMSG_TABLE_STATS_REPLY, 2);
            in.u.table_stats_reply.entries = ts;
            in.u.table_stats_reply.n = 2;
            if (!roundtrip(&in, versions[v], full, &out, &buf, &arena)) {
                continue;
            }
            const struct ofp_table_stats_reply *r = &out.u.table_stats_reply;
            CU_ASSERT_EQUAL_FATAL(r->n, 2);
            for (size_t i = 0; i < 2; i++) {
                CU_ASSERT_EQUAL(r->entries[i].table_id, ts[i].table_id);
                CU_ASSERT_EQUAL(r->entries[i].active_count,
                                ts[i].active_count);
                CU_ASSERT_EQUAL(r->entries[i].lookup_count,
                                ts[i].lookup_count);
                CU_ASSERT_EQUAL(r->entries[i].matched_count,
                                ts[i].matched_count);
                /* 1.3 has no name, wildcards or max_entries. */
                CU_ASSERT_STRING_EQUAL(r->entries[i].name,
                                       of10 ? ts[i].name : "");
                CU_ASSERT_EQUAL(r->entries[i].wildcards,
                                of10 ? ts[i].wildcards : 0);
                CU_ASSERT_EQUAL(r->entries[i].max_entries,
                                of10 ? ts[i].max_entries : 0);
            }
            if (!full) {
                CU_ASSERT_EQUAL(buf.size, of10 ? 128 : 48);
            }
        }
    }

    /* Golden 1.3 entry. */
    msg_init(&in, OFPMSG_TABLE_STATS_REPLY, 2);
    in.u.table_stats_reply.entries = ts;
    in.u.table_stats_reply.n = 1;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP13_VERSION, &buf), 0);
    assert_bytes(&buf, 0, "00 000000 00000002 000000000000000a"
                 " 0000000000000005");

    /* A body that is not a whole number of entries. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_TABLE_STATS_REPLY,
              "00 000000 00000002 000000000000000a 00000000000000",
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP10_VERSION, OFPMSG_TABLE_STATS_REPLY,
              "00 000000 00000002 000000000000000a 0000000000000005",
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_TABLE_STATS_REQUEST, "00000000",
              OFPERR_OFPBRC_BAD_LEN);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

/* ---- PORT_STATS. ------------------------------------------------------- */

static void
fill_port_stats(struct ofp_port_stats *ps, uint32_t port_no, uint64_t base)
{
    memset(ps, 0, sizeof *ps);
    ps->port_no = port_no;
    ps->rx_packets = base + 1;
    ps->tx_packets = base + 2;
    ps->rx_bytes = base + 3;
    ps->tx_bytes = base + 4;
    ps->rx_dropped = base + 5;
    ps->tx_dropped = base + 6;
    ps->rx_errors = base + 7;
    ps->tx_errors = base + 8;
    ps->rx_frame_err = base + 9;
    ps->rx_over_err = base + 10;
    ps->rx_crc_err = base + 11;
    ps->collisions = base + 12;
    ps->duration_sec = 10;
    ps->duration_nsec = 5;
}

static void
check_port_stats(const struct ofp_port_stats *a,
                 const struct ofp_port_stats *b, bool of10)
{
    CU_ASSERT_EQUAL(b->port_no, a->port_no);
    CU_ASSERT_EQUAL(b->rx_packets, a->rx_packets);
    CU_ASSERT_EQUAL(b->tx_packets, a->tx_packets);
    CU_ASSERT_EQUAL(b->rx_bytes, a->rx_bytes);
    CU_ASSERT_EQUAL(b->tx_bytes, a->tx_bytes);
    CU_ASSERT_EQUAL(b->rx_dropped, a->rx_dropped);
    CU_ASSERT_EQUAL(b->tx_dropped, a->tx_dropped);
    CU_ASSERT_EQUAL(b->rx_errors, a->rx_errors);
    CU_ASSERT_EQUAL(b->tx_errors, a->tx_errors);
    CU_ASSERT_EQUAL(b->rx_frame_err, a->rx_frame_err);
    CU_ASSERT_EQUAL(b->rx_over_err, a->rx_over_err);
    CU_ASSERT_EQUAL(b->rx_crc_err, a->rx_crc_err);
    CU_ASSERT_EQUAL(b->collisions, a->collisions);
    CU_ASSERT_EQUAL(b->duration_sec, of10 ? 0 : a->duration_sec);
    CU_ASSERT_EQUAL(b->duration_nsec, of10 ? 0 : a->duration_nsec);
}

static void
test_port_stats(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_port_stats ps[2];

    fill_port_stats(&ps[0], 1, 0);
    fill_port_stats(&ps[1], OFPP_LOCAL, 1ull << 48);

    for (size_t v = 0; v < N_VERSIONS; v++) {
        bool of10 = versions[v] == OFP10_VERSION;
        for (int full = 0; full < 2; full++) {
            static const uint32_t ports[] = { OFPP_ANY, 7, OFPP_LOCAL };
            for (size_t i = 0; i < 3; i++) {
                msg_init(&in, OFPMSG_PORT_STATS_REQUEST, 4);
                in.u.port_stats_request.port_no = ports[i];
                if (roundtrip(&in, versions[v], full, &out, &buf, &arena)) {
                    CU_ASSERT_EQUAL(out.u.port_stats_request.port_no,
                                    ports[i]);
                }
            }

            msg_init(&in, OFPMSG_PORT_STATS_REPLY, 5);
            in.u.port_stats_reply.entries = ps;
            in.u.port_stats_reply.n = 2;
            if (roundtrip(&in, versions[v], full, &out, &buf, &arena)) {
                CU_ASSERT_EQUAL_FATAL(out.u.port_stats_reply.n, 2);
                check_port_stats(&ps[0], &out.u.port_stats_reply.entries[0],
                                 of10);
                check_port_stats(&ps[1], &out.u.port_stats_reply.entries[1],
                                 of10);
                if (!full) {
                    CU_ASSERT_EQUAL(buf.size, of10 ? 208 : 224);
                }
            }
        }
    }

    /* Request goldens: 1.0 OFPP_NONE, 1.3 OFPP_ANY. */
    msg_init(&in, OFPMSG_PORT_STATS_REQUEST, 4);
    in.u.port_stats_request.port_no = OFPP_ANY;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP10_VERSION, &buf), 0);
    assert_bytes(&buf, 0, "ffff 000000000000");
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP13_VERSION, &buf), 0);
    assert_bytes(&buf, 0, "ffffffff 00000000");
    /* A 32-bit port 1.0 cannot number. */
    in.u.port_stats_request.port_no = 0x10000;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP10_VERSION, &buf),
                    OFPERR_OFPBRC_BAD_PORT);
    CU_ASSERT_EQUAL(buf.size, 0);

    /* Reply golden, 1.3 and 1.0 (port LOCAL is 0xfffe in 1.0). */
    msg_init(&in, OFPMSG_PORT_STATS_REPLY, 5);
    in.u.port_stats_reply.entries = ps;
    in.u.port_stats_reply.n = 1;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP13_VERSION, &buf), 0);
    assert_bytes(&buf, 0,
                 "00000001 00000000"
                 " 0000000000000001 0000000000000002 0000000000000003"
                 " 0000000000000004 0000000000000005 0000000000000006"
                 " 0000000000000007 0000000000000008 0000000000000009"
                 " 000000000000000a 000000000000000b 000000000000000c"
                 " 0000000a 00000005");
    in.u.port_stats_reply.entries = &ps[1];
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&in, OFP10_VERSION, &buf), 0);
    assert_bytes(&buf, 0,
                 "fffe 000000000000"
                 " 0001000000000001 0001000000000002 0001000000000003"
                 " 0001000000000004 0001000000000005 0001000000000006"
                 " 0001000000000007 0001000000000008 0001000000000009"
                 " 000100000000000a 000100000000000b 000100000000000c");

    /* Decoding: 1.0 0xffff is OFPP_ANY; bodies of the wrong size. */
    uint8_t *bytes;
    CU_ASSERT_EQUAL(decode_body_hex(OFP10_VERSION, OFPMSG_PORT_STATS_REQUEST,
                                    "ffff 000000000000", &out, &arena,
                                    &bytes), 0);
    CU_ASSERT_EQUAL(out.u.port_stats_request.port_no, OFPP_ANY);
    free(bytes);
    CHECK_ERR(OFP10_VERSION, OFPMSG_PORT_STATS_REQUEST, "ffff 0000",
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_PORT_STATS_REQUEST,
              "ffffffff 00000000 00", OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP10_VERSION, OFPMSG_PORT_STATS_REPLY,
              "0001 000000000000 0000000000000001", OFPERR_OFPBRC_BAD_LEN);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

/* ---- PORT_DESC. -------------------------------------------------------- */

static void
test_port_desc(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_port ports[2];

    memset(ports, 0, sizeof ports);
    ports[0].port_no = 1;
    memcpy(ports[0].hw_addr, "\x00\x11\x22\x33\x44\x55", 6);
    strcpy(ports[0].name, "eth1");
    ports[0].curr = OFPPF_1GB_FD | OFPPF_COPPER;
    ports[0].curr_speed = 1000000;
    ports[0].max_speed = 1000000;
    ports[1].port_no = OFPP_LOCAL;
    strcpy(ports[1].name, "br0");
    ports[1].config = OFPPC_PORT_DOWN;
    ports[1].state = OFPPS_LINK_DOWN;

    for (int full = 0; full < 2; full++) {
        msg_init(&in, OFPMSG_PORT_DESC_REQUEST, 9);
        if (roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            CU_ASSERT_EQUAL(buf.size, full ? 16 : 0);
        }
        msg_init(&in, OFPMSG_PORT_DESC_REPLY, 9);
        in.u.port_desc_reply.ports = ports;
        in.u.port_desc_reply.n = 2;
        if (!roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            continue;
        }
        CU_ASSERT_EQUAL(buf.size, (full ? 16 : 0) + 2 * OFP13_PORT_LEN);
        const struct ofp_port_desc_reply *r = &out.u.port_desc_reply;
        CU_ASSERT_EQUAL_FATAL(r->n, 2);
        for (size_t i = 0; i < 2; i++) {
            CU_ASSERT_EQUAL(r->ports[i].port_no, ports[i].port_no);
            CU_ASSERT_STRING_EQUAL(r->ports[i].name, ports[i].name);
            CU_ASSERT_EQUAL(memcmp(r->ports[i].hw_addr, ports[i].hw_addr, 6),
                            0);
            CU_ASSERT_EQUAL(r->ports[i].config, ports[i].config);
            CU_ASSERT_EQUAL(r->ports[i].state, ports[i].state);
            CU_ASSERT_EQUAL(r->ports[i].curr, ports[i].curr);
            CU_ASSERT_EQUAL(r->ports[i].curr_speed, ports[i].curr_speed);
        }
    }
    /* Not a whole number of ports. */
    struct ds hex = DS_EMPTY_INITIALIZER;
    for (int i = 0; i < OFP13_PORT_LEN + 8; i++) {
        ds_put_cstr(&hex, "00");
    }
    CHECK_ERR(OFP13_VERSION, OFPMSG_PORT_DESC_REPLY, ds_cstr(&hex),
              OFPERR_OFPBRC_BAD_LEN);
    ds_destroy(&hex);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

/* ---- GROUP, GROUP_DESC, GROUP_FEATURES. -------------------------------- */

static void
test_group_stats(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_bucket_counter bc[2] = { { 1, 64 }, { 2, 128 } };
    struct ofp_group_stats gs[2];

    memset(gs, 0, sizeof gs);
    gs[0].group_id = 1;
    gs[0].ref_count = 2;
    gs[0].packet_count = 3;
    gs[0].byte_count = 192;
    gs[0].duration_sec = 4;
    gs[0].duration_nsec = 5;
    gs[0].buckets = bc;
    gs[0].n_buckets = 2;
    gs[1].group_id = OFPG_MAX;

    for (int full = 0; full < 2; full++) {
        msg_init(&in, OFPMSG_GROUP_STATS_REQUEST, 1);
        in.u.group_request.group_id = OFPG_ALL;
        if (roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            CU_ASSERT_EQUAL(out.u.group_request.group_id, OFPG_ALL);
            if (!full) {
                assert_bytes(&buf, 0, "fffffffc 00000000");
            }
        }

        msg_init(&in, OFPMSG_GROUP_STATS_REPLY, 1);
        in.u.group_stats_reply.entries = gs;
        in.u.group_stats_reply.n = 2;
        if (!roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            continue;
        }
        const struct ofp_group_stats_reply *r = &out.u.group_stats_reply;
        CU_ASSERT_EQUAL_FATAL(r->n, 2);
        for (size_t i = 0; i < 2; i++) {
            const struct ofp_group_stats *a = &gs[i], *b = &r->entries[i];
            CU_ASSERT_EQUAL(b->group_id, a->group_id);
            CU_ASSERT_EQUAL(b->ref_count, a->ref_count);
            CU_ASSERT_EQUAL(b->packet_count, a->packet_count);
            CU_ASSERT_EQUAL(b->byte_count, a->byte_count);
            CU_ASSERT_EQUAL(b->duration_sec, a->duration_sec);
            CU_ASSERT_EQUAL(b->duration_nsec, a->duration_nsec);
            CU_ASSERT_EQUAL_FATAL(b->n_buckets, a->n_buckets);
            for (size_t j = 0; j < a->n_buckets; j++) {
                CU_ASSERT_EQUAL(b->buckets[j].packet_count,
                                a->buckets[j].packet_count);
                CU_ASSERT_EQUAL(b->buckets[j].byte_count,
                                a->buckets[j].byte_count);
            }
        }
        if (!full) {
            /* Golden: the first entry with its two bucket counters. */
            CU_ASSERT_EQUAL(buf.size, 72 + 40);
            buf.size = 72;
            assert_bytes(&buf, 0,
                         "0048 0000 00000001 00000002 00000000"
                         " 0000000000000003 00000000000000c0"
                         " 00000004 00000005"
                         " 0000000000000001 0000000000000040"
                         " 0000000000000002 0000000000000080");
        }
    }

    /* Entry length 0, under 40, overrunning; counters not a multiple of
     * 16. */
#define GS_TAIL " 00000001 00000002 00000000 0000000000000003"             \
                " 00000000000000c0 00000004 00000005"
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_STATS_REPLY, "0000 0000" GS_TAIL,
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_STATS_REPLY, "0020 0000" GS_TAIL,
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_STATS_REPLY, "0038 0000" GS_TAIL,
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_STATS_REPLY,
              "0030 0000" GS_TAIL "0000000000000001", OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_STATS_REPLY, "0028 0000" GS_TAIL,
              0);
#undef GS_TAIL
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_STATS_REQUEST, "fffffffc",
              OFPERR_OFPBRC_BAD_LEN);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

static void
check_buckets(const struct ofp_bucket *a, size_t na,
              const struct ofp_bucket *b, size_t nb)
{
    CU_ASSERT_EQUAL(na, nb);
    for (size_t i = 0; i < na && i < nb; i++) {
        CU_ASSERT_EQUAL(b[i].weight, a[i].weight);
        CU_ASSERT_EQUAL(b[i].watch_port, a[i].watch_port);
        CU_ASSERT_EQUAL(b[i].watch_group, a[i].watch_group);
        CU_ASSERT_TRUE(ofp_actions_equal(&a[i].actions, &b[i].actions));
    }
}

/* Two buckets: weight 5 -> output:1, weight 3 -> output:2, output:3. */
static void
make_buckets(struct ofp_bucket b[2], struct ofp_action acts[3])
{
    memset(b, 0, 2 * sizeof *b);
    acts[0] = output(1);
    acts[1] = output(2);
    acts[2] = output(3);
    b[0].weight = 5;
    b[0].watch_port = OFPP_ANY;
    b[0].watch_group = OFPG_ANY;
    b[0].actions.actions = acts;
    b[0].actions.n = 1;
    b[1].weight = 3;
    b[1].watch_port = 4;
    b[1].watch_group = 6;
    b[1].actions.actions = &acts[1];
    b[1].actions.n = 2;
}

static void
test_group_desc(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_bucket buckets[2];
    struct ofp_action acts[3];
    struct ofp_group_desc gd[3];

    make_buckets(buckets, acts);
    memset(gd, 0, sizeof gd);
    gd[0].type = OFPGT_SELECT;
    gd[0].group_id = 1;
    gd[0].buckets = buckets;
    gd[0].n_buckets = 2;
    gd[1].type = OFPGT_FF;
    gd[1].group_id = 2;
    gd[1].buckets = &buckets[1];
    gd[1].n_buckets = 1;
    gd[2].type = OFPGT_INDIRECT;
    gd[2].group_id = 3;

    for (int full = 0; full < 2; full++) {
        msg_init(&in, OFPMSG_GROUP_DESC_REQUEST, 1);
        in.u.group_request.group_id = 99; /* Not on the 1.3 wire. */
        if (roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            CU_ASSERT_EQUAL(buf.size, full ? 16 : 0);
            CU_ASSERT_EQUAL(out.u.group_request.group_id, OFPG_ALL);
        }

        msg_init(&in, OFPMSG_GROUP_DESC_REPLY, 2);
        in.u.group_desc_reply.entries = gd;
        in.u.group_desc_reply.n = 3;
        if (!roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            continue;
        }
        const struct ofp_group_desc_reply *r = &out.u.group_desc_reply;
        CU_ASSERT_EQUAL_FATAL(r->n, 3);
        for (size_t i = 0; i < 3; i++) {
            CU_ASSERT_EQUAL(r->entries[i].type, gd[i].type);
            CU_ASSERT_EQUAL(r->entries[i].group_id, gd[i].group_id);
            check_buckets(gd[i].buckets, gd[i].n_buckets,
                          r->entries[i].buckets, r->entries[i].n_buckets);
        }
        if (!full) {
            /* Golden: the last two entries. */
            CU_ASSERT_EQUAL(buf.size, (8 + 32 + 48) + (8 + 48) + 8);
            size_t ofs = 8 + 32 + 48;
            assert_bytes(&buf, ofs,
                         "0038 03 00 00000002"
                         " 0030 0003 00000004 00000006 00000000"
                         " 0000 0010 00000002 0000 000000000000"
                         " 0000 0010 00000003 0000 000000000000"
                         " 0008 02 00 00000003");
        }
    }

    /* Group desc entries: length 0, under 8, overrunning. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_DESC_REPLY, "0000 02 00 00000003",
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_DESC_REPLY, "0004 02 00 00000003",
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_DESC_REPLY, "0010 02 00 00000003",
              OFPERR_OFPBRC_BAD_LEN);
    /* Buckets inside: length under 16, 0, overrunning the entry. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_DESC_REPLY,
              "0018 01 00 00000001 0008 0001 ffffffff ffffffff 00000000",
              OFPERR_OFPGMFC_BAD_BUCKET);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_DESC_REPLY,
              "0018 01 00 00000001 0000 0001 ffffffff ffffffff 00000000",
              OFPERR_OFPGMFC_BAD_BUCKET);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_DESC_REPLY,
              "0018 01 00 00000001 0020 0001 ffffffff ffffffff 00000000"
              " 0008 01 00 00000002", OFPERR_OFPGMFC_BAD_BUCKET);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_DESC_REPLY,
              "0018 01 00 00000001 0010 0001 ffffffff ffffffff 00000000", 0);
    /* A GROUP_DESC request has no body in 1.3. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_DESC_REQUEST, "fffffffc 00000000",
              OFPERR_OFPBRC_BAD_LEN);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

static void
test_group_features(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;

    for (int full = 0; full < 2; full++) {
        msg_init(&in, OFPMSG_GROUP_FEATURES_REQUEST, 1);
        if (roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            CU_ASSERT_EQUAL(buf.size, full ? 16 : 0);
        }

        msg_init(&in, OFPMSG_GROUP_FEATURES_REPLY, 1);
        struct ofp_group_features *gf = &in.u.group_features;
        gf->types = 0xf;
        gf->capabilities = 0x5;
        for (uint32_t i = 0; i < 4; i++) {
            gf->max_groups[i] = 100 + i;
            gf->actions[i] = 0x10000001u << i;
        }
        if (!roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            continue;
        }
        CU_ASSERT_EQUAL(memcmp(&out.u.group_features, gf, sizeof *gf), 0);
        if (!full) {
            assert_bytes(&buf, 0, "0000000f 00000005"
                         " 00000064 00000065 00000066 00000067"
                         " 10000001 20000002 40000004 80000008");
        }
    }
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_FEATURES_REPLY, "0000000f 00000005",
              OFPERR_OFPBRC_BAD_LEN);
    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

/* ---- METER, METER_CONFIG, METER_FEATURES. ------------------------------ */

static void
test_meter_stats(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_meter_band_stats bs[2] = { { 7, 700 }, { 8, 800 } };
    struct ofp_meter_stats ms[2];

    memset(ms, 0, sizeof ms);
    ms[0].meter_id = 1;
    ms[0].flow_count = 2;
    ms[0].packet_in_count = 3;
    ms[0].byte_in_count = 4;
    ms[0].duration_sec = 5;
    ms[0].duration_nsec = 6;
    ms[0].bands = bs;
    ms[0].n_bands = 2;
    ms[1].meter_id = OFPM_MAX;

    for (int full = 0; full < 2; full++) {
        static const enum ofp_msg_type req[] = {
            OFPMSG_METER_STATS_REQUEST, OFPMSG_METER_CONFIG_REQUEST,
        };
        for (size_t i = 0; i < 2; i++) {
            msg_init(&in, req[i], 1);
            in.u.meter_request.meter_id = i ? OFPM_ALL : 9;
            if (roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
                CU_ASSERT_EQUAL(out.u.meter_request.meter_id,
                                i ? OFPM_ALL : 9);
                if (!full) {
                    assert_bytes(&buf, 0, i ? "ffffffff 00000000"
                                 : "00000009 00000000");
                }
            }
        }

        msg_init(&in, OFPMSG_METER_STATS_REPLY, 1);
        in.u.meter_stats_reply.entries = ms;
        in.u.meter_stats_reply.n = 2;
        if (!roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            continue;
        }
        const struct ofp_meter_stats_reply *r = &out.u.meter_stats_reply;
        CU_ASSERT_EQUAL_FATAL(r->n, 2);
        for (size_t i = 0; i < 2; i++) {
            const struct ofp_meter_stats *a = &ms[i], *b = &r->entries[i];
            CU_ASSERT_EQUAL(b->meter_id, a->meter_id);
            CU_ASSERT_EQUAL(b->flow_count, a->flow_count);
            CU_ASSERT_EQUAL(b->packet_in_count, a->packet_in_count);
            CU_ASSERT_EQUAL(b->byte_in_count, a->byte_in_count);
            CU_ASSERT_EQUAL(b->duration_sec, a->duration_sec);
            CU_ASSERT_EQUAL(b->duration_nsec, a->duration_nsec);
            CU_ASSERT_EQUAL_FATAL(b->n_bands, a->n_bands);
            for (size_t j = 0; j < a->n_bands; j++) {
                CU_ASSERT_EQUAL(b->bands[j].packet_band_count,
                                a->bands[j].packet_band_count);
                CU_ASSERT_EQUAL(b->bands[j].byte_band_count,
                                a->bands[j].byte_band_count);
            }
        }
        if (!full) {
            CU_ASSERT_EQUAL(buf.size, 72 + 40);
            buf.size = 72;
            assert_bytes(&buf, 0,
                         "00000001 0048 000000000000 00000002"
                         " 0000000000000003 0000000000000004"
                         " 00000005 00000006"
                         " 0000000000000007 00000000000002bc"
                         " 0000000000000008 0000000000000320");
        }
    }

    /* The length is the second field here: 0, under 40, overrunning, band
     * stats not a multiple of 16. */
#define MS_TAIL " 000000000000 00000002 0000000000000003 0000000000000004"  \
                " 00000005 00000006"
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_STATS_REPLY,
              "00000001 0000" MS_TAIL, OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_STATS_REPLY,
              "00000001 0027" MS_TAIL, OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_STATS_REPLY,
              "00000001 0038" MS_TAIL, OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_STATS_REPLY,
              "00000001 0030" MS_TAIL "0000000000000001",
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_STATS_REPLY,
              "00000001 0028" MS_TAIL, 0);
#undef MS_TAIL

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

static void
make_bands(struct ofp_meter_band b[3])
{
    memset(b, 0, 3 * sizeof *b);
    b[0].type = OFPMBT_DROP;
    b[0].rate = 1000;
    b[0].burst_size = 100;
    b[1].type = OFPMBT_DSCP_REMARK;
    b[1].rate = 500;
    b[1].burst_size = 50;
    b[1].prec_level = 2;
    b[2].type = OFPMBT_EXPERIMENTER;
    b[2].rate = 1;
    b[2].burst_size = 2;
    b[2].experimenter = 0x00002320;
}

static void
check_bands(const struct ofp_meter_band *a, size_t na,
            const struct ofp_meter_band *b, size_t nb)
{
    CU_ASSERT_EQUAL(na, nb);
    for (size_t i = 0; i < na && i < nb; i++) {
        CU_ASSERT_EQUAL(b[i].type, a[i].type);
        CU_ASSERT_EQUAL(b[i].rate, a[i].rate);
        CU_ASSERT_EQUAL(b[i].burst_size, a[i].burst_size);
        CU_ASSERT_EQUAL(b[i].prec_level, a[i].prec_level);
        CU_ASSERT_EQUAL(b[i].experimenter, a[i].experimenter);
    }
}

#define BANDS_HEX                                                             \
    "0001 0010 000003e8 00000064 00000000"                                    \
    " 0002 0010 000001f4 00000032 02 000000"                                  \
    " ffff 0010 00000001 00000002 00002320"

static void
test_meter_config(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_meter_band bands[3];
    struct ofp_meter_config mc[2];

    make_bands(bands);
    memset(mc, 0, sizeof mc);
    mc[0].flags = OFPMF_KBPS | OFPMF_BURST;
    mc[0].meter_id = 1;
    mc[0].bands = bands;
    mc[0].n_bands = 3;
    mc[1].flags = OFPMF_PKTPS;
    mc[1].meter_id = 2;

    for (int full = 0; full < 2; full++) {
        msg_init(&in, OFPMSG_METER_CONFIG_REPLY, 1);
        in.u.meter_config_reply.entries = mc;
        in.u.meter_config_reply.n = 2;
        if (!roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            continue;
        }
        const struct ofp_meter_config_reply *r = &out.u.meter_config_reply;
        CU_ASSERT_EQUAL_FATAL(r->n, 2);
        for (size_t i = 0; i < 2; i++) {
            CU_ASSERT_EQUAL(r->entries[i].flags, mc[i].flags);
            CU_ASSERT_EQUAL(r->entries[i].meter_id, mc[i].meter_id);
            check_bands(mc[i].bands, mc[i].n_bands, r->entries[i].bands,
                        r->entries[i].n_bands);
        }
        if (!full) {
            assert_bytes(&buf, 0, "0038 0005 00000001 " BANDS_HEX
                         " 0008 0002 00000002");
        }
    }

    /* Entry length 0 / short / overrunning; band length problems. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_CONFIG_REPLY, "0000 0005 00000001",
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_CONFIG_REPLY, "0006 0005 00000001",
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_CONFIG_REPLY, "0018 0005 00000001",
              OFPERR_OFPBRC_BAD_LEN);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_CONFIG_REPLY,
              "0018 0005 00000001 0001 0008 000003e8 00000064 00000000",
              OFPERR_OFPMMFC_BAD_BAND);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_CONFIG_REPLY,
              "0018 0005 00000001 0001 0010 000003e8 00000064 00000000", 0);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

static void
test_meter_features(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;

    for (int full = 0; full < 2; full++) {
        msg_init(&in, OFPMSG_METER_FEATURES_REQUEST, 1);
        if (roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            CU_ASSERT_EQUAL(buf.size, full ? 16 : 0);
        }
        msg_init(&in, OFPMSG_METER_FEATURES_REPLY, 1);
        struct ofp_meter_features *mf = &in.u.meter_features;
        mf->max_meter = 65536;
        mf->band_types = (1u << OFPMBT_DROP) | (1u << OFPMBT_DSCP_REMARK);
        mf->capabilities = OFPMF_KBPS | OFPMF_PKTPS | OFPMF_BURST
                           | OFPMF_STATS;
        mf->max_bands = 4;
        mf->max_color = 3;
        if (!roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
            continue;
        }
        const struct ofp_meter_features *b = &out.u.meter_features;
        CU_ASSERT_EQUAL(b->max_meter, 65536);
        CU_ASSERT_EQUAL(b->band_types, 6);
        CU_ASSERT_EQUAL(b->capabilities, 0xf);
        CU_ASSERT_EQUAL(b->max_bands, 4);
        CU_ASSERT_EQUAL(b->max_color, 3);
        if (!full) {
            assert_bytes(&buf, 0, "00010000 00000006 0000000f 04 03 0000");
        }
    }
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_FEATURES_REPLY,
              "00010000 00000006 0000000f 04 03 0000 00",
              OFPERR_OFPBRC_BAD_LEN);
    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

/* ---- GROUP_MOD and METER_MOD. ------------------------------------------ */

static void
test_group_mod(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_bucket buckets[2];
    struct ofp_action acts[3];

    make_buckets(buckets, acts);
    for (int full = 0; full < 2; full++) {
        for (uint16_t cmd = OFPGC_ADD; cmd <= OFPGC_DELETE; cmd++) {
            msg_init(&in, OFPMSG_GROUP_MOD, 0x33);
            in.u.group_mod.command = cmd;
            in.u.group_mod.type = cmd == OFPGC_DELETE ? OFPGT_ALL
                                                      : OFPGT_SELECT;
            in.u.group_mod.group_id = cmd == OFPGC_DELETE ? OFPG_ALL : 1;
            if (cmd != OFPGC_DELETE) {
                in.u.group_mod.buckets = buckets;
                in.u.group_mod.n_buckets = 2;
            }
            if (!roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
                continue;
            }
            const struct ofp_group_mod *a = &in.u.group_mod;
            const struct ofp_group_mod *b = &out.u.group_mod;
            CU_ASSERT_EQUAL(b->command, a->command);
            CU_ASSERT_EQUAL(b->type, a->type);
            CU_ASSERT_EQUAL(b->group_id, a->group_id);
            check_buckets(a->buckets, a->n_buckets, b->buckets,
                          b->n_buckets);
            if (!full && cmd == OFPGC_ADD) {
                assert_bytes(&buf, 0,
                             "0000 01 00 00000001"
                             " 0020 0005 ffffffff ffffffff 00000000"
                             " 0000 0010 00000001 0000 000000000000"
                             " 0030 0003 00000004 00000006 00000000"
                             " 0000 0010 00000002 0000 000000000000"
                             " 0000 0010 00000003 0000 000000000000");
            }
        }
    }
    /* The GROUP_MOD is 1.3 only. */
    msg_init(&in, OFPMSG_GROUP_MOD, 1);
    ofpbuf_clear(&buf);
    CU_ASSERT_NOT_EQUAL(ofp_encode(&in, OFP10_VERSION, &buf), 0);
    CU_ASSERT_EQUAL(buf.size, 0);

    /* Bad command and type refused both ways. */
    msg_init(&in, OFPMSG_GROUP_MOD, 1);
    in.u.group_mod.command = 3;
    CU_ASSERT_EQUAL(ofp_group_mod_encode(&in, &buf),
                    OFPERR_OFPGMFC_BAD_COMMAND);
    in.u.group_mod.command = OFPGC_ADD;
    in.u.group_mod.type = 4;
    CU_ASSERT_EQUAL(ofp_group_mod_encode(&in, &buf), OFPERR_OFPGMFC_BAD_TYPE);
    CU_ASSERT_EQUAL(buf.size, 0);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_MOD, "0003 01 00 00000001",
              OFPERR_OFPGMFC_BAD_COMMAND);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_MOD, "ffff 01 00 00000001",
              OFPERR_OFPGMFC_BAD_COMMAND);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_MOD, "0000 04 00 00000001",
              OFPERR_OFPGMFC_BAD_TYPE);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_MOD, "0000 01 00",
              OFPERR_OFPBRC_BAD_LEN);
    /* Bucket length 0, under 16, overrunning, trailing partial bucket. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_MOD,
              "0000 01 00 00000001 0000 0005 ffffffff ffffffff 00000000",
              OFPERR_OFPGMFC_BAD_BUCKET);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_MOD,
              "0000 01 00 00000001 000c 0005 ffffffff ffffffff 00000000",
              OFPERR_OFPGMFC_BAD_BUCKET);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_MOD,
              "0000 01 00 00000001 0020 0005 ffffffff ffffffff 00000000",
              OFPERR_OFPGMFC_BAD_BUCKET);
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_MOD,
              "0000 01 00 00000001 0010 0005 ffffffff ffffffff 00000000 00",
              OFPERR_OFPGMFC_BAD_BUCKET);
    /* A bad action inside a bucket is the action decoder's error. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_GROUP_MOD,
              "0000 01 00 00000001 0020 0005 ffffffff ffffffff 00000000"
              " 0000 0018 00000001 0000 000000000000",
              OFPERR_OFPBAC_BAD_LEN);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

static void
test_meter_mod(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg in, out;
    struct ofp_meter_band bands[3];

    make_bands(bands);
    for (int full = 0; full < 2; full++) {
        for (uint16_t cmd = OFPMC_ADD; cmd <= OFPMC_DELETE; cmd++) {
            msg_init(&in, OFPMSG_METER_MOD, 0x44);
            in.u.meter_mod.command = cmd;
            in.u.meter_mod.flags = OFPMF_KBPS | OFPMF_BURST | OFPMF_STATS;
            in.u.meter_mod.meter_id = 7;
            if (cmd != OFPMC_DELETE) {
                in.u.meter_mod.bands = bands;
                in.u.meter_mod.n_bands = 3;
            }
            if (!roundtrip(&in, OFP13_VERSION, full, &out, &buf, &arena)) {
                continue;
            }
            const struct ofp_meter_mod *a = &in.u.meter_mod;
            const struct ofp_meter_mod *b = &out.u.meter_mod;
            CU_ASSERT_EQUAL(b->command, a->command);
            CU_ASSERT_EQUAL(b->flags, a->flags);
            CU_ASSERT_EQUAL(b->meter_id, a->meter_id);
            check_bands(a->bands, a->n_bands, b->bands, b->n_bands);
            if (!full && cmd == OFPMC_MODIFY) {
                assert_bytes(&buf, 0, "0001 000d 00000007 " BANDS_HEX);
            }
        }
    }

    msg_init(&in, OFPMSG_METER_MOD, 1);
    in.u.meter_mod.command = 3;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_meter_mod_encode(&in, &buf),
                    OFPERR_OFPMMFC_BAD_COMMAND);
    in.u.meter_mod.command = OFPMC_ADD;
    bands[0].type = 3;
    in.u.meter_mod.bands = bands;
    in.u.meter_mod.n_bands = 1;
    CU_ASSERT_EQUAL(ofp_meter_mod_encode(&in, &buf), OFPERR_OFPMMFC_BAD_BAND);
    CU_ASSERT_EQUAL(buf.size, 0);

    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_MOD, "0003 0001 00000001",
              OFPERR_OFPMMFC_BAD_COMMAND);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_MOD, "0000 0001 0000",
              OFPERR_OFPBRC_BAD_LEN);
    /* Band length 0, 12, 24 (not experimenter), overrunning; unknown type;
     * truncated header. */
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_MOD,
              "0000 0001 00000001 0001 0000 000003e8 00000064 00000000",
              OFPERR_OFPMMFC_BAD_BAND);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_MOD,
              "0000 0001 00000001 0001 000c 000003e8 00000064 00000000",
              OFPERR_OFPMMFC_BAD_BAND);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_MOD,
              "0000 0001 00000001 0001 0018 000003e8 00000064 00000000"
              " 0000000000000000", OFPERR_OFPMMFC_BAD_BAND);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_MOD,
              "0000 0001 00000001 ffff 0018 000003e8 00000064 00002320",
              OFPERR_OFPMMFC_BAD_BAND);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_MOD,
              "0000 0001 00000001 0003 0010 000003e8 00000064 00000000",
              OFPERR_OFPMMFC_BAD_BAND);
    CHECK_ERR(OFP13_VERSION, OFPMSG_METER_MOD,
              "0000 0001 00000001 0001 0010 000003e8",
              OFPERR_OFPMMFC_BAD_BAND);
    /* An experimenter band may be longer than 16 bytes. */
    uint8_t *bytes;
    CU_ASSERT_EQUAL(decode_body_hex(OFP13_VERSION, OFPMSG_METER_MOD,
                                    "0000 0001 00000001"
                                    " ffff 0018 000003e8 00000064 00002320"
                                    " 0102030405060708"
                                    " 0002 0010 00000001 00000002 05 000000",
                                    &out, &arena, &bytes), 0);
    CU_ASSERT_EQUAL_FATAL(out.u.meter_mod.n_bands, 2);
    CU_ASSERT_EQUAL(out.u.meter_mod.bands[0].type, OFPMBT_EXPERIMENTER);
    CU_ASSERT_EQUAL(out.u.meter_mod.bands[0].experimenter, 0x2320);
    CU_ASSERT_EQUAL(out.u.meter_mod.bands[0].rate, 1000);
    CU_ASSERT_EQUAL(out.u.meter_mod.bands[1].prec_level, 5);
    free(bytes);

    ofpbuf_uninit(&buf);
    ofp_arena_uninit(&arena);
}

/* ---- Printing. --------------------------------------------------------- */

static char *
format_body(const struct ofp_msg *msg)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    if (msg->type == OFPMSG_GROUP_MOD) {
        ofp_group_mod_format(&msg->u.group_mod, &s);
    } else if (msg->type == OFPMSG_METER_MOD) {
        ofp_meter_mod_format(&msg->u.meter_mod, &s);
    } else {
        ofp_stats_format_body(msg, &s);
    }
    return ds_steal(&s);
}

static void
test_format(void)
{
    struct ofp_msg msg;
    struct ofp_flow_stats fs[2];
    struct ofp_action acts[3];
    struct ofp_bucket buckets[2];
    struct ofp_meter_band bands[3];
    char *s;

    make_flow_reply(&msg, OFP13_VERSION, fs, acts);
    msg.version = OFP13_VERSION;
    s = format_body(&msg);
    UNIT_ASSERT_CONTAINS(s, "\n  table=0 duration=1.5s priority=100"
                         " idle_timeout=10 hard_timeout=20 flags=0x1"
                         " cookie=0x1 packets=3 bytes=180 match=");
    UNIT_ASSERT_CONTAINS(s, " instructions=");
    UNIT_ASSERT_CONTAINS(s, "\n  table=3 duration=1000s priority=0"
                         " cookie=0xfedcba9876543210");
    CU_ASSERT_PTR_NULL(strstr(s, "\n\n"));
    free(s);

    msg_init(&msg, OFPMSG_AGGREGATE_REPLY, 1);
    msg.u.aggregate_reply.packet_count = 3;
    msg.u.aggregate_reply.byte_count = 180;
    msg.u.aggregate_reply.flow_count = 2;
    s = format_body(&msg);
    CU_ASSERT_STRING_EQUAL(s, " packets=3 bytes=180 flows=2");
    free(s);

    msg_init(&msg, OFPMSG_GROUP_STATS_REQUEST, 1);
    msg.u.group_request.group_id = OFPG_ALL;
    s = format_body(&msg);
    CU_ASSERT_STRING_EQUAL(s, " group_id=all");
    free(s);

    msg_init(&msg, OFPMSG_METER_CONFIG_REQUEST, 1);
    msg.u.meter_request.meter_id = 5;
    s = format_body(&msg);
    CU_ASSERT_STRING_EQUAL(s, " meter_id=5");
    free(s);

    make_buckets(buckets, acts);
    msg_init(&msg, OFPMSG_GROUP_MOD, 1);
    msg.u.group_mod.command = OFPGC_ADD;
    msg.u.group_mod.type = OFPGT_SELECT;
    msg.u.group_mod.group_id = 1;
    msg.u.group_mod.buckets = buckets;
    msg.u.group_mod.n_buckets = 2;
    s = format_body(&msg);
    UNIT_ASSERT_CONTAINS(s, " ADD group_id=1 type=select\n  bucket weight=5"
                         " actions=");
    UNIT_ASSERT_CONTAINS(s, "\n  bucket weight=3 watch_port=4"
                         " watch_group=6 actions=");
    free(s);

    make_bands(bands);
    msg_init(&msg, OFPMSG_METER_MOD, 1);
    msg.u.meter_mod.command = OFPMC_DELETE;
    msg.u.meter_mod.meter_id = OFPM_ALL;
    msg.u.meter_mod.flags = OFPMF_KBPS | OFPMF_STATS;
    msg.u.meter_mod.bands = bands;
    msg.u.meter_mod.n_bands = 3;
    s = format_body(&msg);
    CU_ASSERT_STRING_EQUAL(s, " DELETE meter_id=all flags=kbps,stats"
                           "\n  band type=drop rate=1000 burst_size=100"
                           "\n  band type=dscp_remark rate=500 burst_size=50"
                           " prec_level=2"
                           "\n  band type=experimenter"
                           " experimenter=0x00002320 rate=1 burst_size=2");
    free(s);

    msg_init(&msg, OFPMSG_METER_FEATURES_REPLY, 1);
    msg.u.meter_features.max_meter = 100;
    msg.u.meter_features.band_types = 6;
    msg.u.meter_features.capabilities = 0x13;
    msg.u.meter_features.max_bands = 2;
    msg.u.meter_features.max_color = 1;
    s = format_body(&msg);
    CU_ASSERT_STRING_EQUAL(s, " max_meter=100 band_types=drop,dscp_remark"
                           " capabilities=kbps,pktps,0x10 max_bands=2"
                           " max_color=1");
    free(s);

    /* Whole-message printing starts with ofp-msgs.c's header. */
    make_flow_reply(&msg, OFP13_VERSION, fs, acts);
    msg.version = OFP13_VERSION;
    s = our_print(&msg);
    UNIT_ASSERT_CONTAINS(s, "duration=1.5s priority=100");
    free(s);
}

/* ---- Open vSwitch reads our bytes the same way. ------------------------ */

static void
test_ovs_flow(void)
{
    struct ofp_msg msg;
    struct ofp_flow_stats fs[2];
    struct ofp_action acts[2];
    char *s;

    make_flow_request(&msg, OFPMSG_FLOW_STATS_REQUEST, OFP13_VERSION);
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_FLOW request (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "table=1");
    UNIT_ASSERT_CONTAINS(s, "out_port=2");
    /* OVS does not print out_group and the cookie of a request; the
     * golden bytes in test_flow_request pin them instead. */
    UNIT_ASSERT_CONTAINS(s, "in_port=3");
    UNIT_ASSERT_CONTAINS(s, "nw_dst=10.0.0.0/8");
    free(s);

    make_flow_request(&msg, OFPMSG_AGGREGATE_REQUEST, OFP10_VERSION);
    s = ovs_print(&msg, OFP10_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_AGGREGATE request");
    UNIT_ASSERT_CONTAINS(s, "table=1");
    UNIT_ASSERT_CONTAINS(s, "out_port=2");
    UNIT_ASSERT_CONTAINS(s, "in_port=3");
    free(s);

    make_flow_reply(&msg, OFP13_VERSION, fs, acts);
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_FLOW reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "flags=[more]");
    UNIT_ASSERT_CONTAINS(s, "cookie=0x1, duration=1.500s, table=0,"
                         " n_packets=3, n_bytes=180, idle_timeout=10,"
                         " hard_timeout=20, send_flow_rem priority=100,"
                         "in_port=1 actions=output:2,CONTROLLER:128");
    UNIT_ASSERT_CONTAINS(s, "cookie=0xfedcba9876543210, duration=1000s,"
                         " table=3, n_packets=1099511627776,"
                         " n_bytes=1125899906842624, priority=0"
                         " actions=goto_table:4");
    free(s);

    make_flow_reply(&msg, OFP10_VERSION, fs, acts);
    s = ovs_print(&msg, OFP10_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_FLOW reply");
    UNIT_ASSERT_CONTAINS(s, "cookie=0x1, duration=1.500s, table=0,"
                         " n_packets=3, n_bytes=180, idle_timeout=10,"
                         " hard_timeout=20, priority=100,in_port=1"
                         " actions=output:2,CONTROLLER:128");
    UNIT_ASSERT_CONTAINS(s, "cookie=0xfedcba9876543210, duration=1000s,"
                         " table=0, n_packets=1099511627776,"
                         " n_bytes=1125899906842624, priority=0"
                         " actions=drop");
    free(s);

    msg_init(&msg, OFPMSG_AGGREGATE_REPLY, 1);
    msg.u.aggregate_reply.packet_count = 3;
    msg.u.aggregate_reply.byte_count = 180;
    msg.u.aggregate_reply.flow_count = 2;
    s = ovs_print(&msg, OFP10_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_AGGREGATE reply");
    UNIT_ASSERT_CONTAINS(s, "packet_count=3 byte_count=180 flow_count=2");
    free(s);
}

static void
test_ovs_desc_table_port(void)
{
    struct ofp_msg msg;
    char *s;

    msg_init(&msg, OFPMSG_DESC_REPLY, 1);
    strcpy(msg.u.desc.mfr_desc, "Canopy Labs");
    strcpy(msg.u.desc.hw_desc, "virtual");
    strcpy(msg.u.desc.sw_desc, "3.1.0");
    strcpy(msg.u.desc.serial_num, "SN42");
    strcpy(msg.u.desc.dp_desc, "br0");
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_DESC reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "Manufacturer: Canopy Labs");
    UNIT_ASSERT_CONTAINS(s, "Hardware: virtual");
    UNIT_ASSERT_CONTAINS(s, "Software: 3.1.0");
    UNIT_ASSERT_CONTAINS(s, "Serial Num: SN42");
    UNIT_ASSERT_CONTAINS(s, "DP Description: br0");
    free(s);

    struct ofp_table_stats ts;
    memset(&ts, 0, sizeof ts);
    ts.table_id = 2;
    strcpy(ts.name, "classifier");
    ts.wildcards = 0x3fffff;
    ts.max_entries = 1000000;
    ts.active_count = 4;
    ts.lookup_count = 10;
    ts.matched_count = 5;
    msg_init(&msg, OFPMSG_TABLE_STATS_REPLY, 1);
    msg.u.table_stats_reply.entries = &ts;
    msg.u.table_stats_reply.n = 1;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_TABLE reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "table 2:");
    UNIT_ASSERT_CONTAINS(s, "active=4, lookup=10, matched=5");
    free(s);
    s = ovs_print(&msg, OFP10_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_TABLE reply");
    UNIT_ASSERT_CONTAINS(s, "table 2 (\"classifier\"):");
    UNIT_ASSERT_CONTAINS(s, "active=4, lookup=10, matched=5");
    UNIT_ASSERT_CONTAINS(s, "max_entries=1000000");
    free(s);

    msg_init(&msg, OFPMSG_PORT_STATS_REQUEST, 1);
    msg.u.port_stats_request.port_no = OFPP_ANY;
    s = ovs_print(&msg, OFP10_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_PORT request");
    UNIT_ASSERT_CONTAINS(s, "port_no=ANY");
    free(s);
    msg.u.port_stats_request.port_no = 7;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_PORT request (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "port_no=7");
    free(s);

    struct ofp_port_stats ps;
    fill_port_stats(&ps, 1, 0);
    msg_init(&msg, OFPMSG_PORT_STATS_REPLY, 1);
    msg.u.port_stats_reply.entries = &ps;
    msg.u.port_stats_reply.n = 1;
    for (size_t v = 0; v < N_VERSIONS; v++) {
        s = ovs_print(&msg, versions[v]);
        UNIT_ASSERT_CONTAINS(s, "OFPST_PORT reply");
        UNIT_ASSERT_CONTAINS(s, "1 ports");
        UNIT_ASSERT_CONTAINS(s, "port  1: rx pkts=1, bytes=3, drop=5, errs=7,"
                             " frame=9, over=10, crc=11");
        UNIT_ASSERT_CONTAINS(s, "tx pkts=2, bytes=4, drop=6, errs=8,"
                             " coll=12");
        if (versions[v] == OFP13_VERSION) {
            UNIT_ASSERT_CONTAINS(s, "duration=10.000000005s");
        }
        free(s);
    }

    struct ofp_port port;
    memset(&port, 0, sizeof port);
    port.port_no = 3;
    memcpy(port.hw_addr, "\x00\x11\x22\x33\x44\x55", 6);
    strcpy(port.name, "eth3");
    port.curr = OFPPF_10GB_FD | OFPPF_FIBER;
    port.curr_speed = 10000000;
    msg_init(&msg, OFPMSG_PORT_DESC_REPLY, 1);
    msg.u.port_desc_reply.ports = &port;
    msg.u.port_desc_reply.n = 1;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_PORT_DESC reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "3(eth3): addr:00:11:22:33:44:55");
    free(s);

    msg_init(&msg, OFPMSG_PORT_DESC_REQUEST, 1);
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_PORT_DESC request (OF1.3)");
    free(s);
}

static void
test_ovs_groups_meters(void)
{
    struct ofp_msg msg;
    struct ofp_bucket buckets[2];
    struct ofp_action acts[3];
    struct ofp_meter_band bands[3];
    char *s;

    make_buckets(buckets, acts);
    msg_init(&msg, OFPMSG_GROUP_MOD, 1);
    msg.u.group_mod.command = OFPGC_ADD;
    msg.u.group_mod.type = OFPGT_SELECT;
    msg.u.group_mod.group_id = 1;
    msg.u.group_mod.buckets = buckets;
    msg.u.group_mod.n_buckets = 1;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPT_GROUP_MOD (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "ADD group_id=1,type=select,"
                         "bucket=weight:5,actions=output:1");
    free(s);

    struct ofp_group_desc gd;
    memset(&gd, 0, sizeof gd);
    gd.type = OFPGT_FF;
    gd.group_id = 2;
    gd.buckets = &buckets[1];
    gd.n_buckets = 1;
    msg_init(&msg, OFPMSG_GROUP_DESC_REPLY, 1);
    msg.u.group_desc_reply.entries = &gd;
    msg.u.group_desc_reply.n = 1;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_GROUP_DESC reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "group_id=2,type=ff,"
                         "bucket=weight:3,watch_port:4,watch_group:6,"
                         "actions=output:2,output:3");
    free(s);

    msg_init(&msg, OFPMSG_GROUP_DESC_REQUEST, 1);
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_GROUP_DESC request (OF1.3)");
    free(s);

    msg_init(&msg, OFPMSG_GROUP_STATS_REQUEST, 1);
    msg.u.group_request.group_id = OFPG_ALL;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_GROUP request (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "group_id=ALL");
    free(s);

    struct ofp_bucket_counter bc = { 1, 64 };
    struct ofp_group_stats gs;
    memset(&gs, 0, sizeof gs);
    gs.group_id = 1;
    gs.ref_count = 2;
    gs.packet_count = 3;
    gs.byte_count = 192;
    gs.duration_sec = 4;
    gs.buckets = &bc;
    gs.n_buckets = 1;
    msg_init(&msg, OFPMSG_GROUP_STATS_REPLY, 1);
    msg.u.group_stats_reply.entries = &gs;
    msg.u.group_stats_reply.n = 1;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_GROUP reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "group_id=1,duration=4s,ref_count=2,"
                         "packet_count=3,byte_count=192,"
                         "bucket0:packet_count=1,byte_count=64");
    free(s);

    msg_init(&msg, OFPMSG_GROUP_FEATURES_REPLY, 1);
    msg.u.group_features.types = 0x3;
    msg.u.group_features.capabilities = 0x1;
    msg.u.group_features.max_groups[0] = 100;
    msg.u.group_features.max_groups[1] = 50;
    msg.u.group_features.actions[0] = 1;
    msg.u.group_features.actions[1] = 1;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_GROUP_FEATURES reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "Group table:");
    UNIT_ASSERT_CONTAINS(s, "Types:  0x3");
    UNIT_ASSERT_CONTAINS(s, "Capabilities:  0x1");
    UNIT_ASSERT_CONTAINS(s, "all group:\n       max_groups=0x64\n"
                         "       actions: output");
    UNIT_ASSERT_CONTAINS(s, "select group:\n       max_groups=0x32");
    free(s);

    make_bands(bands);
    msg_init(&msg, OFPMSG_METER_MOD, 1);
    msg.u.meter_mod.command = OFPMC_ADD;
    msg.u.meter_mod.flags = OFPMF_KBPS | OFPMF_BURST;
    msg.u.meter_mod.meter_id = 1;
    msg.u.meter_mod.bands = bands;
    msg.u.meter_mod.n_bands = 2;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPT_METER_MOD (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "ADD meter=1 kbps burst bands=");
    UNIT_ASSERT_CONTAINS(s, "type=drop rate=1000 burst_size=100");
    UNIT_ASSERT_CONTAINS(s, "type=dscp_remark rate=500 burst_size=50"
                         " prec_level=2");
    free(s);

    msg_init(&msg, OFPMSG_METER_STATS_REQUEST, 1);
    msg.u.meter_request.meter_id = OFPM_ALL;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_METER request (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "meter=all");
    free(s);

    struct ofp_meter_band_stats bs = { 7, 700 };
    struct ofp_meter_stats ms;
    memset(&ms, 0, sizeof ms);
    ms.meter_id = 1;
    ms.flow_count = 2;
    ms.packet_in_count = 3;
    ms.byte_in_count = 4;
    ms.duration_sec = 5;
    ms.bands = &bs;
    ms.n_bands = 1;
    msg_init(&msg, OFPMSG_METER_STATS_REPLY, 1);
    msg.u.meter_stats_reply.entries = &ms;
    msg.u.meter_stats_reply.n = 1;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_METER reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "meter:1 flow_count:2 packet_in_count:3"
                         " byte_in_count:4 duration:5s bands:");
    UNIT_ASSERT_CONTAINS(s, "0: packet_count:7 byte_count:700");
    free(s);

    struct ofp_meter_config mc;
    memset(&mc, 0, sizeof mc);
    mc.flags = OFPMF_PKTPS;
    mc.meter_id = 2;
    mc.bands = bands;
    mc.n_bands = 1;
    msg_init(&msg, OFPMSG_METER_CONFIG_REPLY, 1);
    msg.u.meter_config_reply.entries = &mc;
    msg.u.meter_config_reply.n = 1;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_METER_CONFIG reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "meter=2 pktps bands=");
    /* No OFPMF_BURST: OVS leaves the burst size out. */
    UNIT_ASSERT_CONTAINS(s, "type=drop rate=1000\n");
    free(s);

    msg_init(&msg, OFPMSG_METER_FEATURES_REPLY, 1);
    msg.u.meter_features.max_meter = 100;
    msg.u.meter_features.band_types = 6;
    msg.u.meter_features.capabilities = 0xf;
    msg.u.meter_features.max_bands = 2;
    msg.u.meter_features.max_color = 1;
    s = ovs_print(&msg, OFP13_VERSION);
    UNIT_ASSERT_CONTAINS(s, "OFPST_METER_FEATURES reply (OF1.3)");
    UNIT_ASSERT_CONTAINS(s, "max_meter:100 max_bands:2 max_color:1");
    UNIT_ASSERT_CONTAINS(s, "band_types: drop dscp_remark");
    UNIT_ASSERT_CONTAINS(s, "capabilities: kbps pktps burst stats");
    free(s);
}

/* ---- Robustness: truncated and corrupted bodies. ----------------------- */

/* Decodes every prefix of 'body' and every one-byte corruption of it as
 * 'type'.  Nothing may crash or read out of bounds (the sanitizer and
 * valgrind runs watch that); a prefix that cuts the last byte off is always
 * an error because every body here ends inside a fixed-size field. */
static void
mangle(uint8_t version, enum ofp_msg_type type, const struct ofpbuf *body)
{
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    uint8_t *copy = xmalloc(body->size ? body->size : 1);

    for (size_t len = 0; len < body->size; len++) {
        /* Copy so that the sanitizers see the end of the prefix. */
        uint8_t *prefix = xmalloc(len ? len : 1);
        memcpy(prefix, body->data, len);
        struct ofp_msg msg;
        memset(&msg, 0, sizeof msg);
        msg.version = version;
        msg.type = type;
        ofp_arena_reset(&arena);
        ofp_arena_reserve(&arena, OFP_ARENA_BOUND(len));
        struct ofp_cursor c = ofp_cursor_init(prefix, len);
        enum ofperr error = (type == OFPMSG_GROUP_MOD
                             ? ofp_group_mod_decode(&msg, &c, &arena)
                             : type == OFPMSG_METER_MOD
                             ? ofp_meter_mod_decode(&msg, &c, &arena)
                             : ofp_stats_decode_body(&msg, &c, &arena));
        if (len == body->size - 1) {
            CU_ASSERT_NOT_EQUAL(error, 0);
        }
        struct ds s = DS_EMPTY_INITIALIZER;
        if (!error) {
            ofp_msg_format(&msg, &s);
        }
        ds_destroy(&s);
        free(prefix);
    }

    for (size_t i = 0; i < body->size; i++) {
        static const uint8_t values[] = { 0x00, 0x01, 0x07, 0x80, 0xff };
        for (size_t j = 0; j < sizeof values / sizeof values[0]; j++) {
            memcpy(copy, body->data, body->size);
            copy[i] = values[j];
            struct ofp_msg msg;
            memset(&msg, 0, sizeof msg);
            msg.version = version;
            msg.type = type;
            ofp_arena_reset(&arena);
            ofp_arena_reserve(&arena, OFP_ARENA_BOUND(body->size));
            struct ofp_cursor c = ofp_cursor_init(copy, body->size);
            enum ofperr error = (type == OFPMSG_GROUP_MOD
                                 ? ofp_group_mod_decode(&msg, &c, &arena)
                                 : type == OFPMSG_METER_MOD
                                 ? ofp_meter_mod_decode(&msg, &c, &arena)
                                 : ofp_stats_decode_body(&msg, &c, &arena));
            struct ds s = DS_EMPTY_INITIALIZER;
            if (!error) {
                /* Whatever decodes must also print and re-encode. */
                ofp_msg_format(&msg, &s);
                struct ofpbuf again = OFPBUF_INITIALIZER;
                (void) ofp_encode(&msg, version, &again);
                ofpbuf_uninit(&again);
            }
            ds_destroy(&s);
        }
    }
    free(copy);
    ofp_arena_uninit(&arena);
}

static void
test_mangled(void)
{
    struct ofpbuf buf = OFPBUF_INITIALIZER;
    struct ofp_msg msg;
    struct ofp_flow_stats fs[2];
    struct ofp_action acts[3];
    struct ofp_bucket buckets[2];
    struct ofp_meter_band bands[3];

    for (size_t v = 0; v < N_VERSIONS; v++) {
        make_flow_reply(&msg, versions[v], fs, acts);
        ofpbuf_clear(&buf);
        CU_ASSERT_EQUAL(ofp_stats_encode_body(&msg, versions[v], &buf), 0);
        mangle(versions[v], msg.type, &buf);

        make_flow_request(&msg, OFPMSG_FLOW_STATS_REQUEST, versions[v]);
        ofpbuf_clear(&buf);
        CU_ASSERT_EQUAL(ofp_stats_encode_body(&msg, versions[v], &buf), 0);
        mangle(versions[v], msg.type, &buf);
    }

    make_buckets(buckets, acts);
    struct ofp_group_desc gd = { OFPGT_SELECT, 1, buckets, 2 };
    msg_init(&msg, OFPMSG_GROUP_DESC_REPLY, 1);
    msg.u.group_desc_reply.entries = &gd;
    msg.u.group_desc_reply.n = 1;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&msg, OFP13_VERSION, &buf), 0);
    mangle(OFP13_VERSION, msg.type, &buf);

    msg_init(&msg, OFPMSG_GROUP_MOD, 1);
    msg.u.group_mod.type = OFPGT_SELECT;
    msg.u.group_mod.buckets = buckets;
    msg.u.group_mod.n_buckets = 2;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_group_mod_encode(&msg, &buf), 0);
    mangle(OFP13_VERSION, msg.type, &buf);

    make_bands(bands);
    struct ofp_meter_config mc = { OFPMF_KBPS, 1, bands, 3 };
    msg_init(&msg, OFPMSG_METER_CONFIG_REPLY, 1);
    msg.u.meter_config_reply.entries = &mc;
    msg.u.meter_config_reply.n = 1;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&msg, OFP13_VERSION, &buf), 0);
    mangle(OFP13_VERSION, msg.type, &buf);

    msg_init(&msg, OFPMSG_METER_MOD, 1);
    msg.u.meter_mod.bands = bands;
    msg.u.meter_mod.n_bands = 3;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_meter_mod_encode(&msg, &buf), 0);
    mangle(OFP13_VERSION, msg.type, &buf);

    struct ofp_bucket_counter bc[2] = { { 1, 2 }, { 3, 4 } };
    struct ofp_group_stats gs = { 1, 2, 3, 4, 5, 6, bc, 2 };
    msg_init(&msg, OFPMSG_GROUP_STATS_REPLY, 1);
    msg.u.group_stats_reply.entries = &gs;
    msg.u.group_stats_reply.n = 1;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&msg, OFP13_VERSION, &buf), 0);
    mangle(OFP13_VERSION, msg.type, &buf);

    struct ofp_meter_band_stats bs[1] = { { 1, 2 } };
    struct ofp_meter_stats ms = { 1, 2, 3, 4, 5, 6, bs, 1 };
    msg_init(&msg, OFPMSG_METER_STATS_REPLY, 1);
    msg.u.meter_stats_reply.entries = &ms;
    msg.u.meter_stats_reply.n = 1;
    ofpbuf_clear(&buf);
    CU_ASSERT_EQUAL(ofp_stats_encode_body(&msg, OFP13_VERSION, &buf), 0);
    mangle(OFP13_VERSION, msg.type, &buf);

    ofpbuf_uninit(&buf);
}

/* Hand-written messages that both Open vSwitch and ofp_decode() read: the
 * two decoders must agree on every value, independent of our encoder. */
static void
test_ovs_decode_agree(void)
{
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg msg;
    size_t size;
    uint8_t *bytes;
    char *s;

    /* 1.0 flow stats reply: one entry, in_port=3, output:1. */
    bytes = unit_hex("01 11 00 6c 00 00 00 09 0001 0000"
                     " 0060 00 00"
                     " 003ffffe 0003 000000000000 000000000000 0000 00 00"
                     " 0000 00 00 0000 00000000 00000000 0000 0000"
                     " 00000004 0bebc200 ffff 0005 0000 000000000000"
                     " 0000000000000000 0000000000000001"
                     " 000000000000003c"
                     " 0000 0008 0001 0000", &size);
    s = unit_ovs_ofp_print(bytes, size, NULL);
    UNIT_ASSERT_CONTAINS(s, "cookie=0x0, duration=4.200s, table=0,"
                         " n_packets=1, n_bytes=60, idle_timeout=5,"
                         " priority=65535,in_port=3 actions=output:1");
    free(s);
    CU_ASSERT_EQUAL(ofp_decode(bytes, size, &arena, &msg), 0);
    CU_ASSERT_EQUAL(msg.type, OFPMSG_FLOW_STATS_REPLY);
    CU_ASSERT_EQUAL(msg.xid, 9);
    if (msg.type == OFPMSG_FLOW_STATS_REPLY
        && msg.u.flow_stats_reply.n == 1) {
        const struct ofp_flow_stats *fs = &msg.u.flow_stats_reply.entries[0];
        CU_ASSERT_EQUAL(fs->duration_sec, 4);
        CU_ASSERT_EQUAL(fs->duration_nsec, 200000000);
        CU_ASSERT_EQUAL(fs->packet_count, 1);
        CU_ASSERT_EQUAL(fs->byte_count, 60);
        CU_ASSERT_EQUAL(fs->idle_timeout, 5);
        CU_ASSERT_EQUAL(fs->priority, 65535);
        union ofp_field_value v;
        CU_ASSERT_TRUE(ofp_match_get(&fs->match, OFPF_IN_PORT, &v, NULL));
        CU_ASSERT_EQUAL(v.u32, 3);
        CU_ASSERT_EQUAL(fs->instructions.present, OFPIB_APPLY_ACTIONS);
        CU_ASSERT_EQUAL_FATAL(fs->instructions.apply.n, 1);
        CU_ASSERT_EQUAL(fs->instructions.apply.actions[0].type,
                        OFPACT_OUTPUT);
        CU_ASSERT_EQUAL(fs->instructions.apply.actions[0].u.output.port, 1);
    } else {
        CU_FAIL("flow stats reply did not decode to one entry");
    }
    free(bytes);

    /* 1.3 meter config reply: meter 1, kbps+burst, drop and dscp bands. */
    bytes = unit_hex("04 13 00 38 00 00 00 0a 000a 0000 00000000"
                     " 0028 0005 00000001"
                     " 0001 0010 000007d0 0000012c 00000000"
                     " 0002 0010 00000320 00000064 01 000000", &size);
    s = unit_ovs_ofp_print(bytes, size, NULL);
    UNIT_ASSERT_CONTAINS(s, "meter=1 kbps burst bands=\n"
                         "type=drop rate=2000 burst_size=300\n"
                         "type=dscp_remark rate=800 burst_size=100"
                         " prec_level=1");
    free(s);
    CU_ASSERT_EQUAL(ofp_decode(bytes, size, &arena, &msg), 0);
    CU_ASSERT_EQUAL(msg.type, OFPMSG_METER_CONFIG_REPLY);
    if (msg.type == OFPMSG_METER_CONFIG_REPLY
        && msg.u.meter_config_reply.n == 1
        && msg.u.meter_config_reply.entries[0].n_bands == 2) {
        const struct ofp_meter_config *mc
            = &msg.u.meter_config_reply.entries[0];
        CU_ASSERT_EQUAL(mc->meter_id, 1);
        CU_ASSERT_EQUAL(mc->flags, OFPMF_KBPS | OFPMF_BURST);
        CU_ASSERT_EQUAL(mc->bands[0].type, OFPMBT_DROP);
        CU_ASSERT_EQUAL(mc->bands[0].rate, 2000);
        CU_ASSERT_EQUAL(mc->bands[0].burst_size, 300);
        CU_ASSERT_EQUAL(mc->bands[1].type, OFPMBT_DSCP_REMARK);
        CU_ASSERT_EQUAL(mc->bands[1].rate, 800);
        CU_ASSERT_EQUAL(mc->bands[1].burst_size, 100);
        CU_ASSERT_EQUAL(mc->bands[1].prec_level, 1);
    } else {
        CU_FAIL("meter config reply did not decode to one 2-band entry");
    }
    free(bytes);

    /* 1.3 group desc reply: group 7, type all, one bucket output:5. */
    bytes = unit_hex("04 13 00 38 00 00 00 0b 0007 0000 00000000"
                     " 0028 00 00 00000007"
                     " 0020 0000 ffffffff ffffffff 00000000"
                     " 0000 0010 00000005 0000 000000000000", &size);
    s = unit_ovs_ofp_print(bytes, size, NULL);
    UNIT_ASSERT_CONTAINS(s, "group_id=7,type=all,bucket=actions=output:5");
    free(s);
    CU_ASSERT_EQUAL(ofp_decode(bytes, size, &arena, &msg), 0);
    CU_ASSERT_EQUAL(msg.type, OFPMSG_GROUP_DESC_REPLY);
    if (msg.type == OFPMSG_GROUP_DESC_REPLY && msg.u.group_desc_reply.n == 1
        && msg.u.group_desc_reply.entries[0].n_buckets == 1) {
        const struct ofp_group_desc *gd = &msg.u.group_desc_reply.entries[0];
        CU_ASSERT_EQUAL(gd->group_id, 7);
        CU_ASSERT_EQUAL(gd->type, OFPGT_ALL);
        CU_ASSERT_EQUAL(gd->buckets[0].watch_port, OFPP_ANY);
        CU_ASSERT_EQUAL(gd->buckets[0].watch_group, OFPG_ANY);
        CU_ASSERT_EQUAL_FATAL(gd->buckets[0].actions.n, 1);
        CU_ASSERT_EQUAL(gd->buckets[0].actions.actions[0].u.output.port, 5);
    } else {
        CU_FAIL("group desc reply did not decode to one 1-bucket group");
    }
    free(bytes);

    /* 1.3 port stats reply: port 2, rx 100 / tx 200 packets, 3.5 s. */
    bytes = unit_hex("04 13 00 80 00 00 00 0c 0004 0000 00000000"
                     " 00000002 00000000"
                     " 0000000000000064 00000000000000c8 0000000000001000"
                     " 0000000000002000 0000000000000000 0000000000000000"
                     " 0000000000000000 0000000000000000 0000000000000000"
                     " 0000000000000000 0000000000000000 0000000000000000"
                     " 00000003 1dcd6500", &size);
    s = unit_ovs_ofp_print(bytes, size, NULL);
    UNIT_ASSERT_CONTAINS(s, "port  2: rx pkts=100, bytes=4096, drop=0,"
                         " errs=0, frame=0, over=0, crc=0");
    UNIT_ASSERT_CONTAINS(s, "tx pkts=200, bytes=8192, drop=0, errs=0,"
                         " coll=0");
    UNIT_ASSERT_CONTAINS(s, "duration=3.500s");
    free(s);
    CU_ASSERT_EQUAL(ofp_decode(bytes, size, &arena, &msg), 0);
    CU_ASSERT_EQUAL(msg.type, OFPMSG_PORT_STATS_REPLY);
    if (msg.type == OFPMSG_PORT_STATS_REPLY
        && msg.u.port_stats_reply.n == 1) {
        const struct ofp_port_stats *ps = &msg.u.port_stats_reply.entries[0];
        CU_ASSERT_EQUAL(ps->port_no, 2);
        CU_ASSERT_EQUAL(ps->rx_packets, 100);
        CU_ASSERT_EQUAL(ps->tx_packets, 200);
        CU_ASSERT_EQUAL(ps->rx_bytes, 4096);
        CU_ASSERT_EQUAL(ps->tx_bytes, 8192);
        CU_ASSERT_EQUAL(ps->duration_sec, 3);
        CU_ASSERT_EQUAL(ps->duration_nsec, 500000000);
    } else {
        CU_FAIL("port stats reply did not decode to one entry");
    }
    free(bytes);

    ofp_arena_uninit(&arena);
}

void
test_stats_register(void)
{
    static const CU_TestInfo tests[] = {
        { "type_map", test_type_map },
        { "of13_only_in_of10", test_of13_only_in_of10 },
        { "desc", test_desc },
        { "flow_request", test_flow_request },
        { "flow_reply", test_flow_reply },
        { "flow_reply_malformed", test_flow_reply_malformed },
        { "aggregate_reply", test_aggregate_reply },
        { "table_stats", test_table_stats },
        { "port_stats", test_port_stats },
        { "port_desc", test_port_desc },
        { "group_stats", test_group_stats },
        { "group_desc", test_group_desc },
        { "group_features", test_group_features },
        { "meter_stats", test_meter_stats },
        { "meter_config", test_meter_config },
        { "meter_features", test_meter_features },
        { "group_mod", test_group_mod },
        { "meter_mod", test_meter_mod },
        { "mangled", test_mangled },
        { "format", test_format },
        { "ovs_flow", test_ovs_flow },
        { "ovs_desc_table_port", test_ovs_desc_table_port },
        { "ovs_groups_meters", test_ovs_groups_meters },
        { "ovs_decode_agree", test_ovs_decode_agree },
        CU_TEST_INFO_NULL,
    };
    unit_add_suite("stats", tests);
}
