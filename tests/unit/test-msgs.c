/* Unit tests for ofproto/ofp-msgs.c: the message table, header and length
 * checks, every non-multipart body of OpenFlow 1.0 and 1.3 (round trips,
 * golden bytes checked by hand against 'ovs-ofctl ofp-print', malformed
 * input), encode refusals, and Open vSwitch reading our encoder's bytes. */
#include <config.h>

#include "tests/unit/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-msgs-private.h"
#include "ofproto/ofp-msgs.h"

/* A decoded message and the storage it points into. */
struct decoded {
    struct ofp_arena arena;
    struct ofpbuf buf;
    struct ofp_msg msg;
};

static void
decoded_init(struct decoded *d)
{
    ofp_arena_init(&d->arena);
    ofpbuf_init(&d->buf);
    memset(&d->msg, 0, sizeof d->msg);
}

static void
decoded_uninit(struct decoded *d)
{
    ofp_arena_uninit(&d->arena);
    ofpbuf_uninit(&d->buf);
}

/* Encodes 'msg' for 'version' into d->buf and decodes it back into d->msg.
 * Returns the first error. */
static enum ofperr
round_trip(const struct ofp_msg *msg, uint8_t version, struct decoded *d)
{
    enum ofperr error = ofp_encode(msg, version, &d->buf);
    if (error) {
        return error;
    }
    return ofp_decode(d->buf.data, d->buf.size, &d->arena, &d->msg);
}

/* Decodes hex text; returns the error. */
static enum ofperr
decode_hex(const char *hex, struct decoded *d)
{
    size_t size;
    uint8_t *p = unit_hex(hex, &size);
    if (!p) {
        return OFPERR_OFPBRC_EPERM;
    }
    ofpbuf_put(&d->buf, p, size);
    free(p);
    return ofp_decode(d->buf.data, d->buf.size, &d->arena, &d->msg);
}

static enum ofperr
decode_hex_error(const char *hex)
{
    struct decoded d;
    decoded_init(&d);
    enum ofperr error = decode_hex(hex, &d);
    decoded_uninit(&d);
    return error;
}

/* Checks that 'buf' holds exactly the bytes of 'hex'. */
static void
assert_bytes(const struct ofpbuf *buf, const char *hex)
{
    size_t size;
    uint8_t *p = unit_hex(hex, &size);
    CU_ASSERT_EQUAL_FATAL(buf->size, size);
    CU_ASSERT(!memcmp(buf->data, p, size));
    if (buf->size == size && memcmp(buf->data, p, size)) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        ds_put_hex(&ds, buf->data, buf->size);
        fprintf(stderr, "\ngot      %s\nexpected %s\n", ds_cstr(&ds), hex);
        ds_destroy(&ds);
    }
    free(p);
}

/* Runs ovs-ofctl ofp-print on 'buf' and checks that every string in the
 * NULL-terminated list 'needles' appears in its output.  A missing
 * ovs-ofctl has already failed the test in unit_ovs_ofp_print(). */
static void
assert_ovs_sees(const struct ofpbuf *buf, const char *const needles[])
{
    char *s = unit_ovs_ofp_print(buf->data, buf->size, NULL);
    if (!s) {
        return;
    }
    for (size_t i = 0; needles[i]; i++) {
        UNIT_ASSERT_CONTAINS(s, needles[i]);
    }
    free(s);
}

static struct ofp_action
output_action(uint32_t port)
{
    struct ofp_action a;
    memset(&a, 0, sizeof a);
    a.type = OFPACT_OUTPUT;
    a.u.output.port = port;
    a.u.output.max_len = port == OFPP_CONTROLLER ? 128 : 0;
    return a;
}

/* ---- Names, init, header. --------------------------------------------- */

static void
test_type_names(void)
{
    CU_ASSERT_STRING_EQUAL(ofp_msg_type_name(OFPMSG_HELLO), "HELLO");
    CU_ASSERT_STRING_EQUAL(ofp_msg_type_name(OFPMSG_FLOW_MOD), "FLOW_MOD");
    CU_ASSERT_STRING_EQUAL(ofp_msg_type_name(OFPMSG_METER_FEATURES_REPLY),
                           "METER_FEATURES_REPLY");
    CU_ASSERT_STRING_EQUAL(ofp_msg_type_name(OFPMSG_N_TYPES), "UNKNOWN");
    CU_ASSERT_STRING_EQUAL(ofp_msg_type_name((enum ofp_msg_type) -1),
                           "UNKNOWN");
    for (int t = 0; t < OFPMSG_N_TYPES; t++) {
        CU_ASSERT_STRING_NOT_EQUAL(ofp_msg_type_name(t), "UNKNOWN");
    }
    CU_ASSERT(!ofp_msg_type_is_multipart(OFPMSG_ROLE_REPLY));
    CU_ASSERT(ofp_msg_type_is_multipart(OFPMSG_DESC_REQUEST));
    CU_ASSERT(ofp_msg_type_is_multipart(OFPMSG_METER_FEATURES_REPLY));
    CU_ASSERT(!ofp_msg_type_is_multipart(OFPMSG_N_TYPES));
}

static void
test_msg_init(void)
{
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 7);
    CU_ASSERT_EQUAL(msg.type, OFPMSG_FLOW_MOD);
    CU_ASSERT_EQUAL(msg.xid, 7);
    CU_ASSERT_EQUAL(msg.u.flow_mod.buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(msg.u.flow_mod.out_port, OFPP_ANY);
    CU_ASSERT_EQUAL(msg.u.flow_mod.out_group, OFPG_ANY);
    CU_ASSERT(ofp_match_is_catchall(&msg.u.flow_mod.match));
    CU_ASSERT_EQUAL(msg.u.flow_mod.command, OFPFC_ADD);

    ofp_msg_init(&msg, OFPMSG_PACKET_OUT, 1);
    CU_ASSERT_EQUAL(msg.u.packet_out.buffer_id, OFP_NO_BUFFER);
    ofp_msg_init(&msg, OFPMSG_FLOW_STATS_REQUEST, 1);
    CU_ASSERT_EQUAL(msg.u.flow_stats_request.table_id, OFPTT_ALL);
    CU_ASSERT_EQUAL(msg.u.flow_stats_request.out_port, OFPP_ANY);
    CU_ASSERT_EQUAL(msg.u.flow_stats_request.out_group, OFPG_ANY);
    ofp_msg_init(&msg, OFPMSG_PORT_STATS_REQUEST, 1);
    CU_ASSERT_EQUAL(msg.u.port_stats_request.port_no, OFPP_ANY);
    ofp_msg_init(&msg, OFPMSG_GROUP_DESC_REQUEST, 1);
    CU_ASSERT_EQUAL(msg.u.group_request.group_id, OFPG_ALL);
    ofp_msg_init(&msg, OFPMSG_METER_CONFIG_REQUEST, 1);
    CU_ASSERT_EQUAL(msg.u.meter_request.meter_id, OFPM_ALL);
}

static void
test_header_decode(void)
{
    uint8_t v, t;
    uint16_t len;
    uint32_t xid;
    static const uint8_t ok[] = { 4, 14, 0, 0x58, 0x12, 0x34, 0x56, 0x78 };
    CU_ASSERT_EQUAL(ofp_header_decode(ok, sizeof ok, &v, &t, &len, &xid), 0);
    CU_ASSERT_EQUAL(v, 4);
    CU_ASSERT_EQUAL(t, 14);
    CU_ASSERT_EQUAL(len, 0x58);
    CU_ASSERT_EQUAL(xid, 0x12345678);

    static const uint8_t short_len[] = { 1, 0, 0, 7, 0, 0, 0, 1 };
    CU_ASSERT_EQUAL(ofp_header_decode(short_len, sizeof short_len,
                                      &v, &t, &len, &xid),
                    OFPERR_OFPBRC_BAD_LEN);
    CU_ASSERT_EQUAL(ofp_header_decode(ok, 7, &v, &t, &len, &xid),
                    OFPERR_OFPBRC_BAD_LEN);
}

/* ---- HELLO. ----------------------------------------------------------- */

static void
test_hello(void)
{
    struct decoded d;

    /* 1.0 HELLO: no bitmap, the header's version only. */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("01 00 00 08 00 00 00 01", &d), 0);
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_HELLO);
    CU_ASSERT_EQUAL(d.msg.version, 1);
    CU_ASSERT(!d.msg.u.hello.has_bitmap);
    CU_ASSERT_EQUAL(d.msg.u.hello.version_bitmap, 1u << 1);
    decoded_uninit(&d);

    /* 1.3 HELLO with a bitmap for 1.0 and 1.3 (ovs-ofctl: "version
     * bitmap: 0x01, 0x04"). */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 00 00 10 00 00 00 02"
                               "00 01 00 08 00 00 00 12", &d), 0);
    CU_ASSERT_EQUAL(d.msg.xid, 2);
    CU_ASSERT(d.msg.u.hello.has_bitmap);
    CU_ASSERT_EQUAL(d.msg.u.hello.version_bitmap, 0x12);
    decoded_uninit(&d);

    /* An unknown element (type 7) is skipped. */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 00 00 18 00 00 00 02"
                               "00 07 00 08 aa bb cc dd"
                               "00 01 00 08 00 00 00 10", &d), 0);
    CU_ASSERT(d.msg.u.hello.has_bitmap);
    CU_ASSERT_EQUAL(d.msg.u.hello.version_bitmap, 0x10);
    decoded_uninit(&d);

    /* A future version's HELLO still decodes (for negotiation). */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("06 00 00 08 00 00 00 03", &d), 0);
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_HELLO);
    CU_ASSERT_EQUAL(d.msg.version, 6);
    CU_ASSERT_EQUAL(d.msg.u.hello.version_bitmap, 1u << 6);
    decoded_uninit(&d);

    /* Element overruns the message, element shorter than its header,
     * bitmap element without a bitmap. */
    CU_ASSERT_EQUAL(decode_hex_error("04 00 00 10 00 00 00 02"
                                     "00 01 00 10 00 00 00 12"),
                    OFPERR_OFPBRC_BAD_LEN);
    CU_ASSERT_EQUAL(decode_hex_error("04 00 00 10 00 00 00 02"
                                     "00 01 00 02 00 00 00 12"),
                    OFPERR_OFPBRC_BAD_LEN);
    CU_ASSERT_EQUAL(decode_hex_error("04 00 00 10 00 00 00 02"
                                     "00 01 00 04 00 00 00 00"),
                    OFPERR_OFPBRC_BAD_LEN);

    /* Encode: the bitmap element for 1.3, nothing for 1.0. */
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_HELLO, 9);
    msg.u.hello.has_bitmap = true;
    msg.u.hello.version_bitmap = 0x12;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    assert_bytes(&d.buf, "04 00 00 10 00 00 00 09 00 01 00 08 00 00 00 12");
    CU_ASSERT(d.msg.u.hello.has_bitmap);
    CU_ASSERT_EQUAL(d.msg.u.hello.version_bitmap, 0x12);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_HELLO (OF1.3) (xid=0x9)", "version bitmap: 0x01, 0x04",
        NULL });
    decoded_uninit(&d);

    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP10_VERSION, &d), 0);
    assert_bytes(&d.buf, "01 00 00 08 00 00 00 09");
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_HELLO (xid=0x9)", NULL });
    decoded_uninit(&d);
}

/* ---- ERROR. ----------------------------------------------------------- */

static void
test_error(void)
{
    struct decoded d;

    /* 1.0 BAD_REQUEST/BAD_LEN carrying a request's header. */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("01 01 00 14 00 00 00 05 00 01 00 06"
                               "01 05 00 08 00 00 00 05", &d), 0);
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_ERROR);
    CU_ASSERT_EQUAL(d.msg.u.error.err, OFPERR_OFPBRC_BAD_LEN);
    CU_ASSERT_EQUAL(d.msg.u.error.type, 1);
    CU_ASSERT_EQUAL(d.msg.u.error.code, 6);
    CU_ASSERT_EQUAL(d.msg.u.error.data_len, 8);
    CU_ASSERT_EQUAL(d.msg.u.error.data[1], 5);
    decoded_uninit(&d);

    /* 1.0 FLOW_MOD_FAILED is type 3; 1.3 is type 5 with other codes. */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("01 01 00 0c 00 00 00 05 00 03 00 04", &d),
                    0);
    CU_ASSERT_EQUAL(d.msg.u.error.err, OFPERR_OFPFMFC_BAD_COMMAND);
    decoded_uninit(&d);
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 01 00 0c 00 00 00 05 00 05 00 06", &d),
                    0);
    CU_ASSERT_EQUAL(d.msg.u.error.err, OFPERR_OFPFMFC_BAD_COMMAND);
    CU_ASSERT_EQUAL(d.msg.u.error.data_len, 0);
    decoded_uninit(&d);

    /* Unknown code: err 0, raw values kept. */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 01 00 0c 00 00 00 05 00 01 00 63", &d),
                    0);
    CU_ASSERT_EQUAL(d.msg.u.error.err, 0);
    CU_ASSERT_EQUAL(d.msg.u.error.type, 1);
    CU_ASSERT_EQUAL(d.msg.u.error.code, 0x63);
    decoded_uninit(&d);

    /* 1.3 experimenter error: exp_type 0x0102, experimenter 0x2320. */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 01 00 12 00 00 00 05 ff ff 01 02"
                               "00 00 23 20 ab cd", &d), 0);
    CU_ASSERT_EQUAL(d.msg.u.error.err, 0);
    CU_ASSERT_EQUAL(d.msg.u.error.type, OFPET_EXPERIMENTER);
    CU_ASSERT_EQUAL(d.msg.u.error.exp_type, 0x0102);
    CU_ASSERT_EQUAL(d.msg.u.error.experimenter, 0x2320);
    CU_ASSERT_EQUAL(d.msg.u.error.data_len, 2);
    decoded_uninit(&d);
    /* ... whose experimenter id is cut off. */
    CU_ASSERT_EQUAL(decode_hex_error("04 01 00 0e 00 00 00 05 ff ff 01 02"
                                     "00 00"), OFPERR_OFPBRC_BAD_LEN);
    /* Shorter than type + code. */
    CU_ASSERT_EQUAL(decode_hex_error("04 01 00 0a 00 00 00 05 00 01"),
                    OFPERR_OFPBRC_BAD_LEN);

    /* Encoding picks the version's type and code. */
    static const uint8_t req[] = { 1, 14, 0, 8, 0, 0, 0, 0x33 };
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_ERROR, 0x33);
    msg.u.error.err = OFPERR_OFPFMFC_BAD_COMMAND;
    msg.u.error.data = req;
    msg.u.error.data_len = sizeof req;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP10_VERSION, &d), 0);
    assert_bytes(&d.buf, "01 01 00 14 00 00 00 33 00 03 00 04"
                 "01 0e 00 08 00 00 00 33");
    CU_ASSERT_EQUAL(d.msg.u.error.err, OFPERR_OFPFMFC_BAD_COMMAND);
    CU_ASSERT_EQUAL(d.msg.u.error.data_len, 8);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_ERROR (xid=0x33): OFPFMFC_BAD_COMMAND", NULL });
    decoded_uninit(&d);

    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    assert_bytes(&d.buf, "04 01 00 14 00 00 00 33 00 05 00 06"
                 "01 0e 00 08 00 00 00 33");
    CU_ASSERT_EQUAL(d.msg.u.error.err, OFPERR_OFPFMFC_BAD_COMMAND);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_ERROR (OF1.3) (xid=0x33): OFPFMFC_BAD_COMMAND", NULL });
    decoded_uninit(&d);

    /* Raw experimenter error round trip. */
    ofp_msg_init(&msg, OFPMSG_ERROR, 1);
    msg.u.error.type = OFPET_EXPERIMENTER;
    msg.u.error.exp_type = 7;
    msg.u.error.experimenter = 0x00002320;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    assert_bytes(&d.buf, "04 01 00 10 00 00 00 01 ff ff 00 07 00 00 23 20");
    CU_ASSERT_EQUAL(d.msg.u.error.exp_type, 7);
    CU_ASSERT_EQUAL(d.msg.u.error.experimenter, 0x2320);
    decoded_uninit(&d);
}

static void
test_error_reply(void)
{
    /* A 1.3 request of 80 bytes: the reply reuses its xid and echoes 64. */
    uint8_t req[80];
    memset(req, 0xee, sizeof req);
    static const uint8_t hdr[] = { 4, 14, 0, 80, 0xde, 0xad, 0xbe, 0xef };
    memcpy(req, hdr, sizeof hdr);

    struct ofpbuf out = OFPBUF_INITIALIZER;
    ofp_encode_error_reply(OFPERR_OFPBRC_BAD_TYPE, req, sizeof req,
                           OFP13_VERSION, &out);
    CU_ASSERT_EQUAL_FATAL(out.size, 12 + 64);
    static const uint8_t want[] = { 4, 1, 0, 76, 0xde, 0xad, 0xbe, 0xef,
                                    0, 1, 0, 1 };
    CU_ASSERT(!memcmp(out.data, want, sizeof want));
    CU_ASSERT(!memcmp(out.data + 12, req, 64));
    assert_ovs_sees(&out, (const char *const[]) {
        "OFPT_ERROR (OF1.3) (xid=0xdeadbeef): OFPBRC_BAD_TYPE", NULL });
    ofpbuf_uninit(&out);

    /* A request shorter than a header: xid 0, all bytes echoed. */
    ofpbuf_init(&out);
    ofp_encode_error_reply(OFPERR_OFPBRC_BAD_LEN, req, 3, OFP10_VERSION,
                           &out);
    CU_ASSERT_EQUAL_FATAL(out.size, 15);
    static const uint8_t want10[] = { 1, 1, 0, 15, 0, 0, 0, 0, 0, 1, 0, 6,
                                      4, 14, 0 };
    CU_ASSERT(!memcmp(out.data, want10, sizeof want10));
    ofpbuf_uninit(&out);
}

/* ---- ECHO, EXPERIMENTER, requests without a body. --------------------- */

static void
test_echo(void)
{
    static const uint8_t payload[] = { 'p', 'i', 'n', 'g' };
    static const enum ofp_msg_type types[] = { OFPMSG_ECHO_REQUEST,
                                               OFPMSG_ECHO_REPLY };
    static const uint8_t versions[] = { OFP10_VERSION, OFP13_VERSION };
    for (size_t i = 0; i < 2; i++) {
        for (size_t j = 0; j < 2; j++) {
            struct ofp_msg msg;
            ofp_msg_init(&msg, types[i], 0x100 + (uint32_t) i);
            msg.u.echo.data = payload;
            msg.u.echo.len = sizeof payload;
            struct decoded d;
            decoded_init(&d);
            CU_ASSERT_EQUAL(round_trip(&msg, versions[j], &d), 0);
            CU_ASSERT_EQUAL(d.buf.size, 12);
            CU_ASSERT_EQUAL(d.buf.data[1], 2 + i);
            CU_ASSERT_EQUAL(d.msg.type, types[i]);
            CU_ASSERT_EQUAL(d.msg.version, versions[j]);
            CU_ASSERT_EQUAL(d.msg.xid, 0x100 + i);
            CU_ASSERT_EQUAL_FATAL(d.msg.u.echo.len, 4);
            CU_ASSERT(!memcmp(d.msg.u.echo.data, payload, 4));
            assert_ovs_sees(&d.buf, (const char *const[]) {
                i ? "OFPT_ECHO_REPLY" : "OFPT_ECHO_REQUEST", NULL });
            decoded_uninit(&d);
        }
    }

    /* Empty echo. */
    struct decoded d;
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 02 00 08 00 00 00 01", &d), 0);
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_ECHO_REQUEST);
    CU_ASSERT_EQUAL(d.msg.u.echo.len, 0);
    decoded_uninit(&d);
}

static void
test_experimenter(void)
{
    struct decoded d;
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("01 04 00 0e 00 00 00 01 00 00 23 20 aa bb",
                               &d), 0);
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_EXPERIMENTER);
    CU_ASSERT_EQUAL(d.msg.u.experimenter.experimenter, 0x2320);
    CU_ASSERT_EQUAL(d.msg.u.experimenter.exp_type, 0);
    CU_ASSERT_EQUAL(d.msg.u.experimenter.len, 2);
    CU_ASSERT_EQUAL(d.msg.u.experimenter.data[1], 0xbb);
    decoded_uninit(&d);

    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 04 00 12 00 00 00 01 00 00 23 20"
                               "00 00 00 05 aa bb", &d), 0);
    CU_ASSERT_EQUAL(d.msg.u.experimenter.experimenter, 0x2320);
    CU_ASSERT_EQUAL(d.msg.u.experimenter.exp_type, 5);
    CU_ASSERT_EQUAL(d.msg.u.experimenter.len, 2);
    decoded_uninit(&d);
    /* 1.3 needs both ids. */
    CU_ASSERT_EQUAL(decode_hex_error("04 04 00 0c 00 00 00 01 00 00 23 20"),
                    OFPERR_OFPBRC_BAD_LEN);

    static const uint8_t body[] = { 1, 2, 3 };
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_EXPERIMENTER, 4);
    msg.u.experimenter.experimenter = 0x00abcdef;
    msg.u.experimenter.exp_type = 9;
    msg.u.experimenter.data = body;
    msg.u.experimenter.len = sizeof body;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    assert_bytes(&d.buf, "04 04 00 13 00 00 00 04 00 ab cd ef 00 00 00 09"
                 "01 02 03");
    CU_ASSERT_EQUAL(d.msg.u.experimenter.exp_type, 9);
    decoded_uninit(&d);

    /* 1.0 VENDOR has no exp_type. */
    struct ofpbuf out = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out),
                    OFPERR_OFPBRC_BAD_EXP_TYPE);
    CU_ASSERT_EQUAL(out.size, 0);
    ofpbuf_uninit(&out);
    msg.u.experimenter.exp_type = 0;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP10_VERSION, &d), 0);
    assert_bytes(&d.buf, "01 04 00 0f 00 00 00 04 00 ab cd ef 01 02 03");
    CU_ASSERT_EQUAL(d.msg.u.experimenter.experimenter, 0xabcdef);
    CU_ASSERT_EQUAL(d.msg.u.experimenter.len, 3);
    decoded_uninit(&d);

    /* Open vSwitch reads the framing: a Nicira (0x2320) role request,
     * whose 1.0 subtype is the first word of the vendor body and whose 1.3
     * subtype is exp_type. */
    static const uint8_t nx10[] = { 0, 0, 0, 10, 0, 0, 0, 1 };
    static const uint8_t nx13[] = { 0, 0, 0, 1 };
    ofp_msg_init(&msg, OFPMSG_EXPERIMENTER, 4);
    msg.u.experimenter.experimenter = 0x2320;
    msg.u.experimenter.data = nx10;
    msg.u.experimenter.len = sizeof nx10;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP10_VERSION, &d), 0);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "NXT_ROLE_REQUEST (xid=0x4): role=primary", NULL });
    decoded_uninit(&d);
    msg.u.experimenter.exp_type = 10;
    msg.u.experimenter.data = nx13;
    msg.u.experimenter.len = sizeof nx13;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    CU_ASSERT_EQUAL(d.msg.u.experimenter.exp_type, 10);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "NXT_ROLE_REQUEST (OF1.3) (xid=0x4): role=primary", NULL });
    decoded_uninit(&d);
}

/* Messages with no body: exact wire types in each version. */
static void
test_empty_bodies(void)
{
    static const struct {
        enum ofp_msg_type type;
        uint8_t wire10, wire13;
        const char *ovs10, *ovs13;
    } cases[] = {
        { OFPMSG_FEATURES_REQUEST, 5, 5, "OFPT_FEATURES_REQUEST (xid=0x5)",
          "OFPT_FEATURES_REQUEST (OF1.3) (xid=0x5)" },
        { OFPMSG_GET_CONFIG_REQUEST, 7, 7, "OFPT_GET_CONFIG_REQUEST",
          "OFPT_GET_CONFIG_REQUEST (OF1.3)" },
        { OFPMSG_BARRIER_REQUEST, 18, 20, "OFPT_BARRIER_REQUEST (xid=0x5)",
          "OFPT_BARRIER_REQUEST (OF1.3) (xid=0x5)" },
        { OFPMSG_BARRIER_REPLY, 19, 21, "OFPT_BARRIER_REPLY",
          "OFPT_BARRIER_REPLY (OF1.3)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ofp_msg msg;
        ofp_msg_init(&msg, cases[i].type, 5);
        struct decoded d;
        decoded_init(&d);
        CU_ASSERT_EQUAL(round_trip(&msg, OFP10_VERSION, &d), 0);
        CU_ASSERT_EQUAL(d.buf.size, 8);
        CU_ASSERT_EQUAL(d.buf.data[0], 1);
        CU_ASSERT_EQUAL(d.buf.data[1], cases[i].wire10);
        CU_ASSERT_EQUAL(d.msg.type, cases[i].type);
        assert_ovs_sees(&d.buf, (const char *const[]) { cases[i].ovs10,
                                                        NULL });
        decoded_uninit(&d);

        decoded_init(&d);
        CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
        CU_ASSERT_EQUAL(d.buf.size, 8);
        CU_ASSERT_EQUAL(d.buf.data[0], 4);
        CU_ASSERT_EQUAL(d.buf.data[1], cases[i].wire13);
        CU_ASSERT_EQUAL(d.msg.type, cases[i].type);
        CU_ASSERT_EQUAL(d.msg.xid, 5);
        assert_ovs_sees(&d.buf, (const char *const[]) { cases[i].ovs13,
                                                        NULL });
        decoded_uninit(&d);
    }
}

/* ---- FEATURES_REPLY, ports. ------------------------------------------- */

static void
make_port(struct ofp_port *p, uint32_t port_no, const char *name)
{
    memset(p, 0, sizeof *p);
    p->port_no = port_no;
    static const uint8_t mac[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
    memcpy(p->hw_addr, mac, 6);
    p->hw_addr[5] = (uint8_t) port_no;
    strcpy(p->name, name);
    p->config = OFPPC_NO_FWD;
    p->state = OFPPS_LINK_DOWN;
    p->curr = OFPPF_1GB_FD | OFPPF_COPPER;
    p->advertised = OFPPF_1GB_FD | OFPPF_AUTONEG;
    p->supported = OFPPF_10MB_HD | OFPPF_1GB_FD | OFPPF_PAUSE_ASYM;
    p->peer = OFPPF_FIBER;
}

static void
assert_port_equal(const struct ofp_port *a, const struct ofp_port *b)
{
    CU_ASSERT_EQUAL(a->port_no, b->port_no);
    CU_ASSERT(!memcmp(a->hw_addr, b->hw_addr, 6));
    CU_ASSERT_STRING_EQUAL(a->name, b->name);
    CU_ASSERT_EQUAL(a->config, b->config);
    CU_ASSERT_EQUAL(a->state, b->state);
    CU_ASSERT_EQUAL(a->curr, b->curr);
    CU_ASSERT_EQUAL(a->advertised, b->advertised);
    CU_ASSERT_EQUAL(a->supported, b->supported);
    CU_ASSERT_EQUAL(a->peer, b->peer);
    CU_ASSERT_EQUAL(a->curr_speed, b->curr_speed);
    CU_ASSERT_EQUAL(a->max_speed, b->max_speed);
}

/* One 1.0 ofp_phy_port for port 3 "eth3": curr 1GB_FD|COPPER (0xa0),
 * state STP_BLOCK (0x300), config NO_FLOOD (0x10). */
#define PHY_PORT_10_HEX \
    "00 03 00 11 22 33 44 03 65 74 68 33 00 00 00 00" \
    "00 00 00 00 00 00 00 00 00 00 00 10 00 00 03 00" \
    "00 00 00 a0 00 00 00 00 00 00 00 00 00 00 00 00"

static void
test_port_codec(void)
{
    size_t size;
    uint8_t *p = unit_hex(PHY_PORT_10_HEX, &size);
    CU_ASSERT_EQUAL_FATAL(size, OFP10_PORT_LEN);
    struct ofp_cursor c = ofp_cursor_init(p, size);
    struct ofp_port port;
    CU_ASSERT_EQUAL(ofp_port_decode(OFP10_VERSION, &c, &port), 0);
    CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), 0);
    CU_ASSERT_EQUAL(port.port_no, 3);
    CU_ASSERT_STRING_EQUAL(port.name, "eth3");
    CU_ASSERT_EQUAL(port.hw_addr[5], 3);
    CU_ASSERT_EQUAL(port.config, OFPPC_NO_FLOOD);
    CU_ASSERT_EQUAL(port.state, OFPPS_BLOCKED);
    CU_ASSERT_EQUAL(port.stp_state, 3);
    CU_ASSERT_EQUAL(port.curr, OFPPF_1GB_FD | OFPPF_COPPER);

    struct ofpbuf out = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_port_encode(OFP10_VERSION, &port, &out), 0);
    CU_ASSERT_EQUAL_FATAL(out.size, size);
    CU_ASSERT(!memcmp(out.data, p, size));
    ofpbuf_uninit(&out);

    /* One byte short. */
    c = ofp_cursor_init(p, size - 1);
    CU_ASSERT_EQUAL(ofp_port_decode(OFP10_VERSION, &c, &port),
                    OFPERR_OFPBRC_BAD_LEN);
    free(p);

    /* A 16-byte name without a terminator is cut at 16 and terminated. */
    uint8_t raw[OFP13_PORT_LEN];
    memset(raw, 'x', sizeof raw);
    c = ofp_cursor_init(raw, sizeof raw);
    CU_ASSERT_EQUAL(ofp_port_decode(OFP13_VERSION, &c, &port), 0);
    CU_ASSERT_EQUAL(strlen(port.name), 16);
    CU_ASSERT_EQUAL(port.port_no, 0x78787878);

    /* 1.3 keeps every feature bit; 1.0 drops 40G..OTHER. */
    make_port(&port, 0xfffffffe, "br0");
    port.curr |= OFPPF_40GB_FD | OFPPF_OTHER;
    port.curr_speed = 1000000;
    port.max_speed = 40000000;
    struct ofp_port back;
    ofpbuf_init(&out);
    CU_ASSERT_EQUAL(ofp_port_encode(OFP13_VERSION, &port, &out), 0);
    CU_ASSERT_EQUAL(out.size, OFP13_PORT_LEN);
    c = ofp_cursor_init(out.data, out.size);
    CU_ASSERT_EQUAL(ofp_port_decode(OFP13_VERSION, &c, &back), 0);
    assert_port_equal(&port, &back);
    ofpbuf_uninit(&out);

    ofpbuf_init(&out);
    CU_ASSERT_EQUAL(ofp_port_encode(OFP10_VERSION, &port, &out), 0);
    c = ofp_cursor_init(out.data, out.size);
    CU_ASSERT_EQUAL(ofp_port_decode(OFP10_VERSION, &c, &back), 0);
    CU_ASSERT_EQUAL(back.port_no, OFPP_LOCAL);
    CU_ASSERT_EQUAL(back.curr, OFPPF_1GB_FD | OFPPF_COPPER);
    CU_ASSERT_EQUAL(back.supported, port.supported);
    CU_ASSERT_EQUAL(back.curr_speed, 0);
    ofpbuf_uninit(&out);

    /* A 32-bit port number 1.0 cannot carry. */
    port.port_no = 0x10000;
    ofpbuf_init(&out);
    CU_ASSERT_EQUAL(ofp_port_encode(OFP10_VERSION, &port, &out),
                    OFPERR_OFPBRC_BAD_PORT);
    CU_ASSERT_EQUAL(out.size, 0);
    ofpbuf_uninit(&out);
}

static void
test_features_reply(void)
{
    struct decoded d;

    /* 1.0 with one port (checked with ovs-ofctl: "dpid:0000000000000abc
     * n_tables:254, n_buffers:256 ... 3(eth3): addr:00:11:22:33:44:03"). */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("01 06 00 50 00 00 00 02"
                               "00 00 00 00 00 00 0a bc 00 00 01 00"
                               "fe 00 00 00 00 00 00 c7 00 00 0f ff"
                               PHY_PORT_10_HEX, &d), 0);
    const struct ofp_switch_features *f = &d.msg.u.features;
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_FEATURES_REPLY);
    CU_ASSERT_EQUAL(f->datapath_id, 0xabc);
    CU_ASSERT_EQUAL(f->n_buffers, 256);
    CU_ASSERT_EQUAL(f->n_tables, 254);
    CU_ASSERT_EQUAL(f->capabilities, 0xc7);
    CU_ASSERT_EQUAL(f->actions, 0xfff);
    CU_ASSERT_EQUAL_FATAL(f->n_ports, 1);
    CU_ASSERT_EQUAL(f->ports[0].port_no, 3);
    CU_ASSERT_STRING_EQUAL(f->ports[0].name, "eth3");
    decoded_uninit(&d);

    /* Port array not a multiple of 48. */
    CU_ASSERT_EQUAL(decode_hex_error("01 06 00 24 00 00 00 02"
                                     "00 00 00 00 00 00 0a bc 00 00 01 00"
                                     "fe 00 00 00 00 00 00 c7 00 00 0f ff"
                                     "00 01 02 03"),
                    OFPERR_OFPBRC_BAD_LEN);

    /* 1.3: auxiliary_id, no ports. */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 06 00 20 00 00 00 02"
                               "00 00 00 00 00 00 0a bc 00 00 01 00"
                               "fe 01 00 00 00 00 00 4f 00 00 00 00", &d), 0);
    CU_ASSERT_EQUAL(d.msg.u.features.datapath_id, 0xabc);
    CU_ASSERT_EQUAL(d.msg.u.features.n_tables, 254);
    CU_ASSERT_EQUAL(d.msg.u.features.auxiliary_id, 1);
    CU_ASSERT_EQUAL(d.msg.u.features.capabilities, 0x4f);
    CU_ASSERT_EQUAL(d.msg.u.features.n_ports, 0);
    decoded_uninit(&d);

    /* Round trips. */
    struct ofp_port ports[2];
    make_port(&ports[0], 1, "eth1");
    make_port(&ports[1], OFPP_LOCAL, "br0");
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_FEATURES_REPLY, 0x77);
    msg.u.features.datapath_id = 0x0000123456789abcull;
    msg.u.features.n_buffers = 256;
    msg.u.features.n_tables = 64;
    msg.u.features.capabilities = 0x87;
    msg.u.features.actions = 0x7ff;
    msg.u.features.ports = ports;
    msg.u.features.n_ports = 2;

    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP10_VERSION, &d), 0);
    CU_ASSERT_EQUAL(d.buf.size, 32 + 2 * 48);
    f = &d.msg.u.features;
    CU_ASSERT_EQUAL(f->datapath_id, 0x0000123456789abcull);
    CU_ASSERT_EQUAL(f->n_buffers, 256);
    CU_ASSERT_EQUAL(f->n_tables, 64);
    CU_ASSERT_EQUAL(f->capabilities, 0x87);
    CU_ASSERT_EQUAL(f->actions, 0x7ff);
    CU_ASSERT_EQUAL_FATAL(f->n_ports, 2);
    assert_port_equal(&f->ports[0], &ports[0]);
    assert_port_equal(&f->ports[1], &ports[1]);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_FEATURES_REPLY (xid=0x77): dpid:0000123456789abc",
        "n_tables:64, n_buffers:256", " 1(eth1): addr:00:11:22:33:44:01",
        "LOCAL(br0): addr:00:11:22:33:44:fe", "config:     NO_FWD",
        "state:      LINK_DOWN", "current:    1GB-FD COPPER",
        "advertised: 1GB-FD AUTO_NEG", "supported:  10MB-HD 1GB-FD "
        "AUTO_PAUSE_ASYM", "peer:       FIBER", NULL });
    decoded_uninit(&d);

    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    CU_ASSERT_EQUAL(d.buf.size, 32);
    CU_ASSERT_EQUAL(d.msg.u.features.datapath_id, 0x0000123456789abcull);
    CU_ASSERT_EQUAL(d.msg.u.features.n_ports, 0);
    CU_ASSERT_EQUAL(d.msg.u.features.actions, 0);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_FEATURES_REPLY (OF1.3) (xid=0x77): dpid:0000123456789abc",
        "n_tables:64, n_buffers:256", NULL });
    decoded_uninit(&d);
}

/* ---- Config. ---------------------------------------------------------- */

static void
test_switch_config(void)
{
    static const enum ofp_msg_type types[] = { OFPMSG_GET_CONFIG_REPLY,
                                               OFPMSG_SET_CONFIG };
    static const uint8_t versions[] = { OFP10_VERSION, OFP13_VERSION };
    for (size_t i = 0; i < 2; i++) {
        for (size_t j = 0; j < 2; j++) {
            struct ofp_msg msg;
            ofp_msg_init(&msg, types[i], 3);
            msg.u.config.flags = OFPC_FRAG_DROP;
            msg.u.config.miss_send_len = 0x80;
            struct decoded d;
            decoded_init(&d);
            CU_ASSERT_EQUAL(round_trip(&msg, versions[j], &d), 0);
            CU_ASSERT_EQUAL(d.buf.size, 12);
            CU_ASSERT_EQUAL(d.buf.data[1], 8 + i);
            CU_ASSERT_EQUAL(d.msg.type, types[i]);
            CU_ASSERT_EQUAL(d.msg.u.config.flags, OFPC_FRAG_DROP);
            CU_ASSERT_EQUAL(d.msg.u.config.miss_send_len, 0x80);
            assert_ovs_sees(&d.buf, (const char *const[]) {
                i ? "OFPT_SET_CONFIG" : "OFPT_GET_CONFIG_REPLY",
                "frags=drop miss_send_len=128", NULL });
            decoded_uninit(&d);
        }
    }
}

/* ---- PACKET_IN. ------------------------------------------------------- */

#define ARP_FRAME_HEX "ff ff ff ff ff ff 00 11 22 33 44 55 08 06"

static void
test_packet_in(void)
{
    struct decoded d;

    /* Both checked with ovs-ofctl ofp-print: "total_len=14 in_port=3 (via
     * no_match) data_len=14 (unbuffered)", and for 1.3 "table_id=2
     * cookie=0xab total_len=14 in_port=3 (via action)". */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("01 0a 00 20 00 00 00 07 ff ff ff ff 00 0e"
                               "00 03 00 00" ARP_FRAME_HEX, &d), 0);
    const struct ofp_packet_in *pin = &d.msg.u.packet_in;
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_PACKET_IN);
    CU_ASSERT_EQUAL(pin->buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(pin->total_len, 14);
    CU_ASSERT_EQUAL(pin->in_port, 3);
    CU_ASSERT_EQUAL(pin->reason, OFPR_NO_MATCH);
    CU_ASSERT_EQUAL(pin->data_len, 14);
    CU_ASSERT_EQUAL(pin->data[13], 0x06);
    CU_ASSERT(ofp_match_is_catchall(&pin->match));
    decoded_uninit(&d);

    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 0a 00 38 00 00 00 07 ff ff ff ff 00 0e"
                               "01 02 00 00 00 00 00 00 00 ab"
                               "00 01 00 0c 80 00 00 04 00 00 00 03"
                               "00 00 00 00 00 00" ARP_FRAME_HEX, &d), 0);
    pin = &d.msg.u.packet_in;
    CU_ASSERT_EQUAL(pin->total_len, 14);
    CU_ASSERT_EQUAL(pin->reason, OFPR_ACTION);
    CU_ASSERT_EQUAL(pin->table_id, 2);
    CU_ASSERT_EQUAL(pin->cookie, 0xab);
    CU_ASSERT_EQUAL(pin->in_port, 3);
    CU_ASSERT(ofp_match_has(&pin->match, OFPF_IN_PORT));
    CU_ASSERT_EQUAL(pin->data_len, 14);
    CU_ASSERT_EQUAL(pin->data[0], 0xff);
    decoded_uninit(&d);

    /* 1.3: the 2 pad bytes after the match are missing. */
    CU_ASSERT_EQUAL(decode_hex_error("04 0a 00 28 00 00 00 07 ff ff ff ff"
                                     "00 0e 01 02 00 00 00 00 00 00 00 ab"
                                     "00 01 00 0c 80 00 00 04 00 00 00 03"
                                     "00 00 00 00"), OFPERR_OFPBRC_BAD_LEN);
    /* 1.0: shorter than the fixed part. */
    CU_ASSERT_EQUAL(decode_hex_error("01 0a 00 11 00 00 00 07 ff ff ff ff"
                                     "00 0e 00 03 00"),
                    OFPERR_OFPBRC_BAD_LEN);

    size_t frame_len;
    uint8_t *frame = unit_hex(ARP_FRAME_HEX, &frame_len);
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_PACKET_IN, 0x10);
    msg.u.packet_in.buffer_id = 0x100;
    msg.u.packet_in.total_len = 60;
    msg.u.packet_in.reason = OFPR_ACTION;
    msg.u.packet_in.in_port = 5;
    msg.u.packet_in.data = frame;
    msg.u.packet_in.data_len = frame_len;

    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP10_VERSION, &d), 0);
    assert_bytes(&d.buf, "01 0a 00 20 00 00 00 10 00 00 01 00 00 3c 00 05"
                 "01 00" ARP_FRAME_HEX);
    pin = &d.msg.u.packet_in;
    CU_ASSERT_EQUAL(pin->buffer_id, 0x100);
    CU_ASSERT_EQUAL(pin->total_len, 60);
    CU_ASSERT_EQUAL(pin->in_port, 5);
    CU_ASSERT_EQUAL(pin->reason, OFPR_ACTION);
    CU_ASSERT_EQUAL(pin->data_len, frame_len);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_PACKET_IN (xid=0x10): total_len=60 in_port=5 (via action)",
        "data_len=14 buffer=0x00000100", NULL });
    decoded_uninit(&d);

    /* 1.3: in_port goes into the match. */
    msg.u.packet_in.table_id = 3;
    msg.u.packet_in.cookie = 0xfedcba9876543210ull;
    msg.u.packet_in.buffer_id = OFP_NO_BUFFER;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    assert_bytes(&d.buf, "04 0a 00 38 00 00 00 10 ff ff ff ff 00 3c 01 03"
                 "fe dc ba 98 76 54 32 10 00 01 00 0c 80 00 00 04"
                 "00 00 00 05 00 00 00 00 00 00" ARP_FRAME_HEX);
    pin = &d.msg.u.packet_in;
    CU_ASSERT_EQUAL(pin->in_port, 5);
    CU_ASSERT_EQUAL(pin->table_id, 3);
    CU_ASSERT_EQUAL(pin->cookie, 0xfedcba9876543210ull);
    CU_ASSERT_EQUAL(pin->match.v.in_port, 5);
    CU_ASSERT_EQUAL(pin->data_len, frame_len);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_PACKET_IN (OF1.3) (xid=0x10): table_id=3 "
        "cookie=0xfedcba9876543210 total_len=60 in_port=5 (via action) "
        "data_len=14 (unbuffered)", NULL });
    decoded_uninit(&d);

    /* 1.0 cannot number port 0x12345. */
    msg.u.packet_in.in_port = 0x12345;
    struct ofpbuf out = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out),
                    OFPERR_OFPBRC_BAD_PORT);
    CU_ASSERT_EQUAL(out.size, 0);
    ofpbuf_uninit(&out);
    free(frame);
}

/* ---- FLOW_REMOVED. ---------------------------------------------------- */

static void
test_flow_removed(void)
{
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_FLOW_REMOVED, 0x21);
    struct ofp_flow_removed *fr = &msg.u.flow_removed;
    fr->cookie = 0x1122334455667788ull;
    fr->priority = 1000;
    fr->reason = OFPRR_HARD_TIMEOUT;
    fr->table_id = 4;
    fr->duration_sec = 61;
    fr->duration_nsec = 500;
    fr->idle_timeout = 10;
    fr->hard_timeout = 60;
    fr->packet_count = 12;
    fr->byte_count = 3456;
    ofp_match_set_in_port(&fr->match, 2);
    ofp_match_set_eth_type(&fr->match, 0x0800);

    for (int i = 0; i < 2; i++) {
        uint8_t version = i ? OFP13_VERSION : OFP10_VERSION;
        struct decoded d;
        decoded_init(&d);
        CU_ASSERT_EQUAL(round_trip(&msg, version, &d), 0);
        const struct ofp_flow_removed *b = &d.msg.u.flow_removed;
        CU_ASSERT_EQUAL(d.msg.type, OFPMSG_FLOW_REMOVED);
        CU_ASSERT_EQUAL(d.buf.data[1], 11);
        CU_ASSERT_EQUAL(b->cookie, fr->cookie);
        CU_ASSERT_EQUAL(b->priority, 1000);
        CU_ASSERT_EQUAL(b->reason, OFPRR_HARD_TIMEOUT);
        CU_ASSERT_EQUAL(b->duration_sec, 61);
        CU_ASSERT_EQUAL(b->duration_nsec, 500);
        CU_ASSERT_EQUAL(b->idle_timeout, 10);
        CU_ASSERT_EQUAL(b->packet_count, 12);
        CU_ASSERT_EQUAL(b->byte_count, 3456);
        CU_ASSERT(ofp_match_equal(&b->match, &fr->match));
        if (i) {
            CU_ASSERT_EQUAL(b->table_id, 4);
            CU_ASSERT_EQUAL(b->hard_timeout, 60);
            assert_ovs_sees(&d.buf, (const char *const[]) {
                "OFPT_FLOW_REMOVED (OF1.3) (xid=0x21): priority=1000,ip,"
                "in_port=2 reason=hard table_id=4 cookie:0x1122334455667788 "
                "duration61.0000005s idle10 hard60 pkts12 bytes3456", NULL });
        } else {
            CU_ASSERT_EQUAL(d.buf.size, 88);
            CU_ASSERT_EQUAL(b->table_id, 0);
            CU_ASSERT_EQUAL(b->hard_timeout, 0);
            assert_ovs_sees(&d.buf, (const char *const[]) {
                "OFPT_FLOW_REMOVED (xid=0x21): priority=1000,ip,in_port=2 "
                "reason=hard cookie:0x1122334455667788 duration61.0000005s "
                "idle10 pkts12 bytes3456", NULL });
        }
        decoded_uninit(&d);
    }

    /* 1.0 FLOW_REMOVED one byte short of its fixed size. */
    struct ofpbuf out = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out), 0);
    uint8_t *p = out.data;
    p[3] = 87;
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg back;
    CU_ASSERT_EQUAL(ofp_decode(p, 87, &arena, &back), OFPERR_OFPBRC_BAD_LEN);
    ofp_arena_uninit(&arena);
    ofpbuf_uninit(&out);
}

/* ---- PORT_STATUS. ----------------------------------------------------- */

static void
test_port_status(void)
{
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_PORT_STATUS, 0);
    msg.u.port_status.reason = OFPPR_MODIFY;
    make_port(&msg.u.port_status.desc, 7, "veth-seven");
    msg.u.port_status.desc.curr_speed = 1000000;
    msg.u.port_status.desc.max_speed = 1000000;

    for (int i = 0; i < 2; i++) {
        uint8_t version = i ? OFP13_VERSION : OFP10_VERSION;
        struct decoded d;
        decoded_init(&d);
        CU_ASSERT_EQUAL(round_trip(&msg, version, &d), 0);
        CU_ASSERT_EQUAL(d.buf.size, i ? 80 : 64);
        CU_ASSERT_EQUAL(d.msg.type, OFPMSG_PORT_STATUS);
        CU_ASSERT_EQUAL(d.msg.u.port_status.reason, OFPPR_MODIFY);
        struct ofp_port want = msg.u.port_status.desc;
        if (!i) {
            want.curr_speed = want.max_speed = 0;
        }
        assert_port_equal(&d.msg.u.port_status.desc, &want);
        assert_ovs_sees(&d.buf, (const char *const[]) {
            i ? "OFPT_PORT_STATUS (OF1.3) (xid=0x0): MOD: 7(veth-seven): "
                "addr:00:11:22:33:44:07"
              : "OFPT_PORT_STATUS (xid=0x0): MOD: 7(veth-seven): "
                "addr:00:11:22:33:44:07",
            "config:     NO_FWD", "state:      LINK_DOWN",
            i ? "speed: 1000 Mbps now, 1000 Mbps max"
              : "speed: 1000 Mbps now, 1000 Mbps max",
            NULL });
        decoded_uninit(&d);
    }

    /* A 1.3 PORT_STATUS with a 1.0-sized port. */
    CU_ASSERT_EQUAL(decode_hex_error("04 0c 00 40 00 00 00 00 02 00 00 00"
                                     "00 00 00 00" PHY_PORT_10_HEX),
                    OFPERR_OFPBRC_BAD_LEN);
}

/* ---- PACKET_OUT. ------------------------------------------------------ */

static void
test_packet_out(void)
{
    struct decoded d;

    /* 1.0 golden (ovs-ofctl: "in_port=1 actions=output:2 data_len=14"). */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("01 0d 00 26 00 00 00 08 ff ff ff ff 00 01"
                               "00 08 00 00 00 08 00 02 00 00"
                               ARP_FRAME_HEX, &d), 0);
    const struct ofp_packet_out *po = &d.msg.u.packet_out;
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_PACKET_OUT);
    CU_ASSERT_EQUAL(po->buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(po->in_port, 1);
    CU_ASSERT_EQUAL_FATAL(po->actions.n, 1);
    CU_ASSERT_EQUAL(po->actions.actions[0].type, OFPACT_OUTPUT);
    CU_ASSERT_EQUAL(po->actions.actions[0].u.output.port, 2);
    CU_ASSERT_EQUAL(po->data_len, 14);
    decoded_uninit(&d);

    /* 1.3 golden: in_port CONTROLLER, output:FLOOD. */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 0d 00 36 00 00 00 08 ff ff ff ff"
                               "ff ff ff fd 00 10 00 00 00 00 00 00"
                               "00 00 00 10 ff ff ff fb 00 00 00 00 00 00"
                               "00 00" ARP_FRAME_HEX, &d), 0);
    po = &d.msg.u.packet_out;
    CU_ASSERT_EQUAL(po->in_port, OFPP_CONTROLLER);
    CU_ASSERT_EQUAL_FATAL(po->actions.n, 1);
    CU_ASSERT_EQUAL(po->actions.actions[0].u.output.port, OFPP_FLOOD);
    CU_ASSERT_EQUAL(po->data_len, 14);
    decoded_uninit(&d);

    /* actions_len runs past the end of the message. */
    CU_ASSERT_EQUAL(decode_hex_error("01 0d 00 18 00 00 00 08 ff ff ff ff"
                                     "00 01 00 10 00 00 00 08 00 02 00 00"),
                    OFPERR_OFPBRC_BAD_LEN);
    CU_ASSERT_EQUAL(decode_hex_error("04 0d 00 18 00 00 00 08 ff ff ff ff"
                                     "ff ff ff fd 00 08 00 00 00 00 00 00"),
                    OFPERR_OFPBRC_BAD_LEN);

    size_t frame_len;
    uint8_t *frame = unit_hex(ARP_FRAME_HEX, &frame_len);
    struct ofp_action acts[2] = { output_action(2), output_action(3) };
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_PACKET_OUT, 0x44);
    msg.u.packet_out.in_port = 1;
    msg.u.packet_out.actions.actions = acts;
    msg.u.packet_out.actions.n = 2;
    msg.u.packet_out.data = frame;
    msg.u.packet_out.data_len = frame_len;
    for (int i = 0; i < 2; i++) {
        uint8_t version = i ? OFP13_VERSION : OFP10_VERSION;
        decoded_init(&d);
        CU_ASSERT_EQUAL(round_trip(&msg, version, &d), 0);
        po = &d.msg.u.packet_out;
        CU_ASSERT_EQUAL(d.buf.size, (i ? 24 + 32 : 16 + 16) + frame_len);
        CU_ASSERT_EQUAL(po->buffer_id, OFP_NO_BUFFER);
        CU_ASSERT_EQUAL(po->in_port, 1);
        CU_ASSERT(ofp_actions_equal(&po->actions, &msg.u.packet_out.actions));
        CU_ASSERT_EQUAL_FATAL(po->data_len, frame_len);
        CU_ASSERT(!memcmp(po->data, frame, frame_len));
        assert_ovs_sees(&d.buf, (const char *const[]) {
            i ? "OFPT_PACKET_OUT (OF1.3) (xid=0x44): in_port=1 "
                "actions=output:2,output:3 data_len=14"
              : "OFPT_PACKET_OUT (xid=0x44): in_port=1 "
                "actions=output:2,output:3 data_len=14", NULL });
        decoded_uninit(&d);
    }
    free(frame);
}

/* ---- FLOW_MOD. -------------------------------------------------------- */

static void
test_flow_mod_golden(void)
{
    struct decoded d;

    /* 1.3, checked with ovs-ofctl: "ADD priority=100,in_port=1 cookie:0x1
     * idle:10 send_flow_rem actions=output:2". */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("04 0e 00 58 00 00 00 2a"
                               "00 00 00 00 00 00 00 01 00 00 00 00 00 00 00"
                               "00 00 00 00 0a 00 00 00 64 ff ff ff ff ff ff"
                               "ff ff ff ff ff ff 00 01 00 00"
                               "00 01 00 0c 80 00 00 04 00 00 00 01"
                               "00 00 00 00"
                               "00 04 00 18 00 00 00 00"
                               "00 00 00 10 00 00 00 02 ff e5 00 00"
                               "00 00 00 00", &d), 0);
    const struct ofp_flow_mod *fm = &d.msg.u.flow_mod;
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_FLOW_MOD);
    CU_ASSERT_EQUAL(d.msg.xid, 0x2a);
    CU_ASSERT_EQUAL(fm->cookie, 1);
    CU_ASSERT_EQUAL(fm->command, OFPFC_ADD);
    CU_ASSERT_EQUAL(fm->table_id, 0);
    CU_ASSERT_EQUAL(fm->idle_timeout, 10);
    CU_ASSERT_EQUAL(fm->priority, 100);
    CU_ASSERT_EQUAL(fm->buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(fm->out_port, OFPP_ANY);
    CU_ASSERT_EQUAL(fm->out_group, OFPG_ANY);
    CU_ASSERT_EQUAL(fm->flags, OFPFF_SEND_FLOW_REM);
    CU_ASSERT(ofp_match_has(&fm->match, OFPF_IN_PORT));
    CU_ASSERT_EQUAL(fm->match.v.in_port, 1);
    CU_ASSERT_EQUAL(fm->instructions.present, OFPIB_APPLY_ACTIONS);
    CU_ASSERT_EQUAL_FATAL(fm->instructions.apply.n, 1);
    CU_ASSERT_EQUAL(fm->instructions.apply.actions[0].u.output.port, 2);
    decoded_uninit(&d);

    /* 1.0 DELETE with EMERG (wire flag 4), out_port 5, wildcard-all match.
     * ovs-ofctl reads the same bytes with flags 0 as "DEL out_port:5
     * actions=drop" (it refuses EMERG itself). */
    decoded_init(&d);
    CU_ASSERT_EQUAL(decode_hex("01 0e 00 48 00 00 00 03"
                               "00 3f ff ff 00 00 00 00 00 00 00 00 00 00"
                               "00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                               "00 00 00 00 00 00 00 00 00 00 00 00"
                               "00 00 00 00 00 00 00 00 00 03 00 00 00 00"
                               "80 00 ff ff ff ff 00 05 00 04", &d), 0);
    fm = &d.msg.u.flow_mod;
    CU_ASSERT_EQUAL(fm->command, OFPFC_DELETE);
    CU_ASSERT_EQUAL(fm->table_id, OFPTT_ALL);
    CU_ASSERT_EQUAL(fm->priority, 0x8000);
    CU_ASSERT_EQUAL(fm->out_port, 5);
    CU_ASSERT_EQUAL(fm->out_group, OFPG_ANY);
    CU_ASSERT_EQUAL(fm->cookie_mask, 0);
    CU_ASSERT_EQUAL(fm->flags, OFPFF10_EMERG);
    CU_ASSERT(ofp_match_is_catchall(&fm->match));
    CU_ASSERT_EQUAL(fm->instructions.present, 0);
    decoded_uninit(&d);

    /* Bad commands: 1.0 command 5, 1.3 command 9. */
    CU_ASSERT_EQUAL(decode_hex_error("01 0e 00 48 00 00 00 03"
                                     "00 3f ff ff 00 00 00 00 00 00 00 00"
                                     "00 00 00 00 00 00 00 00 00 00 00 00"
                                     "00 00 00 00 00 00 00 00 00 00 00 00"
                                     "00 00 00 00 00 00 00 00 00 00 00 00"
                                     "00 05 00 00 00 00 80 00 ff ff ff ff"
                                     "ff ff 00 00"),
                    OFPERR_OFPFMFC_BAD_COMMAND);
    CU_ASSERT_EQUAL(decode_hex_error("04 0e 00 38 00 00 00 2a"
                                     "00 00 00 00 00 00 00 01 00 00 00 00"
                                     "00 00 00 00 00 09 00 0a 00 00 00 64"
                                     "ff ff ff ff ff ff ff ff ff ff ff ff"
                                     "00 00 00 00 00 01 00 04 00 00 00 00"),
                    OFPERR_OFPFMFC_BAD_COMMAND);
    /* A 1.3 match whose length runs past the message. */
    CU_ASSERT_NOT_EQUAL(decode_hex_error("04 0e 00 38 00 00 00 2a"
                                         "00 00 00 00 00 00 00 01 00 00 00"
                                         "00 00 00 00 00 00 00 00 0a 00 00"
                                         "00 64 ff ff ff ff ff ff ff ff ff"
                                         "ff ff ff 00 00 00 00 00 01 00 40"
                                         "00 00 00 00"), 0);
}

static void
test_flow_mod_round_trip(void)
{
    struct ofp_action acts[2] = { output_action(2),
                                  output_action(OFPP_CONTROLLER) };
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 0x2a);
    struct ofp_flow_mod *fm = &msg.u.flow_mod;
    fm->cookie = 0xabc;
    fm->command = OFPFC_MODIFY_STRICT;
    fm->idle_timeout = 10;
    fm->hard_timeout = 300;
    fm->priority = 100;
    fm->buffer_id = 0x55;
    fm->out_port = 7;
    fm->flags = OFPFF_SEND_FLOW_REM | OFPFF_CHECK_OVERLAP;
    ofp_match_set_in_port(&fm->match, 1);
    ofp_match_set_eth_type(&fm->match, 0x0800);
    ofp_match_set_ipv4_dst(&fm->match, 0x0a000000, 8);
    fm->instructions.present = OFPIB_APPLY_ACTIONS;
    fm->instructions.apply.actions = acts;
    fm->instructions.apply.n = 2;

    for (int i = 0; i < 2; i++) {
        uint8_t version = i ? OFP13_VERSION : OFP10_VERSION;
        struct decoded d;
        decoded_init(&d);
        CU_ASSERT_EQUAL(round_trip(&msg, version, &d), 0);
        const struct ofp_flow_mod *b = &d.msg.u.flow_mod;
        CU_ASSERT_EQUAL(d.msg.type, OFPMSG_FLOW_MOD);
        CU_ASSERT_EQUAL(d.msg.xid, 0x2a);
        CU_ASSERT_EQUAL(b->cookie, 0xabc);
        CU_ASSERT_EQUAL(b->command, OFPFC_MODIFY_STRICT);
        CU_ASSERT_EQUAL(b->table_id, 0);
        CU_ASSERT_EQUAL(b->idle_timeout, 10);
        CU_ASSERT_EQUAL(b->hard_timeout, 300);
        CU_ASSERT_EQUAL(b->priority, 100);
        CU_ASSERT_EQUAL(b->buffer_id, 0x55);
        CU_ASSERT_EQUAL(b->out_port, 7);
        CU_ASSERT_EQUAL(b->out_group, OFPG_ANY);
        CU_ASSERT_EQUAL(b->flags, fm->flags);
        CU_ASSERT(ofp_match_equal(&b->match, &fm->match));
        CU_ASSERT(ofp_instructions_equal(&b->instructions,
                                         &fm->instructions));
        assert_ovs_sees(&d.buf, (const char *const[]) {
            i ? "OFPT_FLOW_MOD (OF1.3) (xid=0x2a): MOD_STRICT"
              : "OFPT_FLOW_MOD (xid=0x2a): MOD_STRICT",
            "priority=100,ip,in_port=1,nw_dst=10.0.0.0/8",
            "idle:10", "hard:300", "buf:0x55",
            "out_port:7", "send_flow_rem", "check_overlap",
            "actions=output:2,CONTROLLER:128", NULL });
        decoded_uninit(&d);
    }

    /* 1.3 with cookie_mask, a table, out_group and 1.3-only flags and
     * instructions. */
    fm->table_id = 3;
    fm->cookie_mask = 0xfff;
    fm->out_group = 9;
    fm->command = OFPFC_DELETE;
    fm->flags = OFPFF_RESET_COUNTS | OFPFF_NO_BYT_COUNTS;
    fm->instructions.present |= OFPIB_GOTO_TABLE;
    fm->instructions.goto_table = 4;
    struct decoded d;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    const struct ofp_flow_mod *b = &d.msg.u.flow_mod;
    CU_ASSERT_EQUAL(b->table_id, 3);
    CU_ASSERT_EQUAL(b->cookie_mask, 0xfff);
    CU_ASSERT_EQUAL(b->out_group, 9);
    CU_ASSERT_EQUAL(b->command, OFPFC_DELETE);
    CU_ASSERT_EQUAL(b->flags, OFPFF_RESET_COUNTS | OFPFF_NO_BYT_COUNTS);
    CU_ASSERT(ofp_instructions_equal(&b->instructions, &fm->instructions));
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_FLOW_MOD (OF1.3) (xid=0x2a): DEL table:3",
        "cookie:0xabc/0xfff", "reset_counts",
        "no_byte_counts", NULL });
    decoded_uninit(&d);

    /* A 1.0 delete with EMERG and out_port NONE, wildcards all. */
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 3);
    fm->command = OFPFC_DELETE;
    fm->table_id = OFPTT_ALL;
    fm->priority = 0x8000;
    fm->flags = OFPFF10_EMERG;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP10_VERSION, &d), 0);
    CU_ASSERT_EQUAL(d.buf.size, 72);
    /* The flags field is the last 2 bytes: EMERG is wire bit 2. */
    CU_ASSERT_EQUAL(d.buf.data[70], 0);
    CU_ASSERT_EQUAL(d.buf.data[71], 4);
    CU_ASSERT_EQUAL(d.msg.u.flow_mod.flags, OFPFF10_EMERG);
    CU_ASSERT_EQUAL(d.msg.u.flow_mod.table_id, OFPTT_ALL);
    CU_ASSERT_EQUAL(d.msg.u.flow_mod.out_port, OFPP_ANY);
    decoded_uninit(&d);
}

static void
test_flow_mod_refusals(void)
{
    struct ofp_msg msg;
    struct ofpbuf out = OFPBUF_INITIALIZER;
    ofpbuf_put_zeros(&out, 3); /* Earlier bytes must survive a refusal. */

    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 1);
    msg.u.flow_mod.command = (enum ofp_flow_mod_command) 7;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP13_VERSION, &out),
                    OFPERR_OFPFMFC_BAD_COMMAND);
    CU_ASSERT_EQUAL(out.size, 3);

    /* 1.3-only match field in 1.0. */
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 1);
    union ofp_field_value v;
    memset(&v, 0, sizeof v);
    v.u64 = 5;
    ofp_match_set(&msg.u.flow_mod.match, OFPF_METADATA, &v, NULL);
    CU_ASSERT_NOT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out), 0);
    CU_ASSERT_EQUAL(out.size, 3);
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP13_VERSION, &out), 0);
    CU_ASSERT(out.size > 3);
    ofpbuf_truncate(&out, 3);

    /* What 1.0 lacks: tables, cookie masks, out_group, 1.3 flags, goto. */
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 1);
    msg.u.flow_mod.table_id = 2;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out),
                    OFPERR_OFPFMFC_BAD_TABLE_ID);
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 1);
    msg.u.flow_mod.cookie_mask = 1;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out),
                    OFPERR_OFPFMFC_UNKNOWN);
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 1);
    msg.u.flow_mod.out_group = 1;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out),
                    OFPERR_OFPFMFC_UNKNOWN);
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 1);
    msg.u.flow_mod.flags = OFPFF_NO_PKT_COUNTS;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out),
                    OFPERR_OFPFMFC_BAD_FLAGS);
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 1);
    msg.u.flow_mod.flags = OFPFF10_EMERG;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP13_VERSION, &out),
                    OFPERR_OFPFMFC_BAD_FLAGS);
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 1);
    msg.u.flow_mod.instructions.present = OFPIB_GOTO_TABLE;
    msg.u.flow_mod.instructions.goto_table = 1;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out),
                    OFPERR_OFPBIC_UNSUP_INST);
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 1);
    msg.u.flow_mod.out_port = 0x20000;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out),
                    OFPERR_OFPBRC_BAD_PORT);
    CU_ASSERT_EQUAL(out.size, 3);
    ofpbuf_uninit(&out);
}

/* ---- PORT_MOD. -------------------------------------------------------- */

static void
test_port_mod(void)
{
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_PORT_MOD, 0x99);
    struct ofp_port_mod *pm = &msg.u.port_mod;
    pm->port_no = 3;
    static const uint8_t mac[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
    memcpy(pm->hw_addr, mac, 6);
    pm->config = OFPPC_PORT_DOWN;
    pm->mask = OFPPC_PORT_DOWN | OFPPC_NO_PACKET_IN;
    pm->advertise = OFPPF_1GB_FD | OFPPF_COPPER;
    for (int i = 0; i < 2; i++) {
        uint8_t version = i ? OFP13_VERSION : OFP10_VERSION;
        struct decoded d;
        decoded_init(&d);
        CU_ASSERT_EQUAL(round_trip(&msg, version, &d), 0);
        CU_ASSERT_EQUAL(d.buf.size, i ? 40 : 32);
        CU_ASSERT_EQUAL(d.buf.data[1], i ? 16 : 15);
        const struct ofp_port_mod *b = &d.msg.u.port_mod;
        CU_ASSERT_EQUAL(d.msg.type, OFPMSG_PORT_MOD);
        CU_ASSERT_EQUAL(b->port_no, 3);
        CU_ASSERT(!memcmp(b->hw_addr, mac, 6));
        CU_ASSERT_EQUAL(b->config, pm->config);
        CU_ASSERT_EQUAL(b->mask, pm->mask);
        CU_ASSERT_EQUAL(b->advertise, pm->advertise);
        assert_ovs_sees(&d.buf, (const char *const[]) {
            i ? "OFPT_PORT_MOD (OF1.3) (xid=0x99): port: 3: "
                "addr:00:11:22:33:44:55"
              : "OFPT_PORT_MOD (xid=0x99): port: 3: addr:00:11:22:33:44:55",
            "config: PORT_DOWN", "mask:   PORT_DOWN NO_PACKET_IN",
            "advertise: 1GB-FD COPPER", NULL });
        decoded_uninit(&d);
    }
    /* The 1.0 advertise field is in 1.0 bit positions: COPPER is bit 7. */
    struct ofpbuf out = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out), 0);
    assert_bytes(&out, "01 0f 00 20 00 00 00 99 00 03 00 11 22 33 44 55"
                 "00 00 00 01 00 00 00 41 00 00 00 a0 00 00 00 00");
    ofpbuf_uninit(&out);
}

/* ---- ROLE, GROUP_MOD, METER_MOD availability. ------------------------- */

static void
test_role(void)
{
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_ROLE_REQUEST, 0x12);
    msg.u.role.role = OFPCR_ROLE_MASTER;
    msg.u.role.generation_id = 0x0102030405060708ull;
    struct decoded d;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    assert_bytes(&d.buf, "04 18 00 18 00 00 00 12 00 00 00 02 00 00 00 00"
                 "01 02 03 04 05 06 07 08");
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_ROLE_REQUEST);
    CU_ASSERT_EQUAL(d.msg.u.role.role, OFPCR_ROLE_MASTER);
    CU_ASSERT_EQUAL(d.msg.u.role.generation_id, 0x0102030405060708ull);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_ROLE_REQUEST (OF1.3) (xid=0x12): role=primary "
        "generation_id=72623859790382856", NULL });
    decoded_uninit(&d);

    msg.type = OFPMSG_ROLE_REPLY;
    msg.u.role.role = OFPCR_ROLE_SLAVE;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    CU_ASSERT_EQUAL(d.buf.data[1], 25);
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_ROLE_REPLY);
    CU_ASSERT_EQUAL(d.msg.u.role.role, OFPCR_ROLE_SLAVE);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_ROLE_REPLY (OF1.3) (xid=0x12): role=secondary", NULL });
    decoded_uninit(&d);

    /* Short role request. */
    CU_ASSERT_EQUAL(decode_hex_error("04 18 00 10 00 00 00 12 00 00 00 02"
                                     "00 00 00 00"), OFPERR_OFPBRC_BAD_LEN);
}

static void
test_version_refusals(void)
{
    static const enum ofp_msg_type only13[] = {
        OFPMSG_GROUP_MOD, OFPMSG_METER_MOD, OFPMSG_ROLE_REQUEST,
        OFPMSG_ROLE_REPLY,
    };
    struct ofpbuf out = OFPBUF_INITIALIZER;
    for (size_t i = 0; i < sizeof only13 / sizeof only13[0]; i++) {
        struct ofp_msg msg;
        ofp_msg_init(&msg, only13[i], 1);
        CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out),
                        OFPERR_OFPBRC_BAD_TYPE);
        CU_ASSERT_EQUAL(out.size, 0);
    }

    /* Versions we do not speak, and types out of range. */
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_ECHO_REQUEST, 1);
    CU_ASSERT_EQUAL(ofp_encode(&msg, 2, &out), OFPERR_OFPBRC_BAD_VERSION);
    CU_ASSERT_EQUAL(ofp_encode(&msg, 5, &out), OFPERR_OFPBRC_BAD_VERSION);
    msg.type = OFPMSG_N_TYPES;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP13_VERSION, &out),
                    OFPERR_OFPBRC_BAD_TYPE);
    CU_ASSERT_EQUAL(out.size, 0);

    /* Over 65535 bytes. */
    uint8_t *big = xzalloc(70000);
    ofp_msg_init(&msg, OFPMSG_ECHO_REQUEST, 1);
    msg.u.echo.data = big;
    msg.u.echo.len = OFP_MAX_MSG_LEN - OFP_HEADER_LEN + 1;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP13_VERSION, &out),
                    OFPERR_OFPBRC_BAD_LEN);
    CU_ASSERT_EQUAL(out.size, 0);
    msg.u.echo.len--;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP13_VERSION, &out), 0);
    CU_ASSERT_EQUAL(out.size, OFP_MAX_MSG_LEN);
    CU_ASSERT_EQUAL(out.data[2], 0xff);
    CU_ASSERT_EQUAL(out.data[3], 0xff);
    free(big);
    ofpbuf_uninit(&out);
}

/* ---- Framing errors. -------------------------------------------------- */

static void
test_malformed_framing(void)
{
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg msg;

    /* Truncated header. */
    static const uint8_t seven[] = { 4, 2, 0, 8, 0, 0, 0 };
    CU_ASSERT_EQUAL(ofp_decode(seven, sizeof seven, &arena, &msg),
                    OFPERR_OFPBRC_BAD_LEN);
    CU_ASSERT_EQUAL(ofp_decode(seven, 0, &arena, &msg),
                    OFPERR_OFPBRC_BAD_LEN);
    ofp_arena_uninit(&arena);

    /* Length field shorter / longer than the data, or below 8. */
    CU_ASSERT_EQUAL(decode_hex_error("04 02 00 08 00 00 00 01 aa"),
                    OFPERR_OFPBRC_BAD_LEN);
    CU_ASSERT_EQUAL(decode_hex_error("04 02 00 0a 00 00 00 01 aa"),
                    OFPERR_OFPBRC_BAD_LEN);
    CU_ASSERT_EQUAL(decode_hex_error("04 02 00 04 00 00 00 01"),
                    OFPERR_OFPBRC_BAD_LEN);

    /* Unknown types: beyond the table, 1.3 types we do not handle, 1.0
     * numbers that only 1.3 has. */
    CU_ASSERT_EQUAL(decode_hex_error("04 c8 00 08 00 00 00 01"),
                    OFPERR_OFPBRC_BAD_TYPE);
    CU_ASSERT_EQUAL(decode_hex_error("04 11 00 08 00 00 00 01"),
                    OFPERR_OFPBRC_BAD_TYPE);
    CU_ASSERT_EQUAL(decode_hex_error("01 18 00 18 00 00 00 01"
                                     "00 00 00 02 00 00 00 00"
                                     "00 00 00 00 00 00 00 01"),
                    OFPERR_OFPBRC_BAD_TYPE);
    CU_ASSERT_EQUAL(decode_hex_error("01 1d 00 10 00 00 00 01"
                                     "00 00 00 00 00 00 00 01"),
                    OFPERR_OFPBRC_BAD_TYPE);

    /* Versions other than 1.0 and 1.3 (HELLO aside). */
    CU_ASSERT_EQUAL(decode_hex_error("02 02 00 08 00 00 00 01"),
                    OFPERR_OFPBRC_BAD_VERSION);
    CU_ASSERT_EQUAL(decode_hex_error("05 0e 00 08 00 00 00 01"),
                    OFPERR_OFPBRC_BAD_VERSION);
    CU_ASSERT_EQUAL(decode_hex_error("00 05 00 08 00 00 00 01"),
                    OFPERR_OFPBRC_BAD_VERSION);
}

/* Every type's minimum length (from the specifications, independent of
 * the table in ofp-msgs.c): one byte less is BAD_LEN before any decoder
 * runs, so the body can be all zeros. */
static void
test_min_lengths(void)
{
    static const struct {
        uint8_t version, type;
        uint16_t min;
    } cases[] = {
        { 1, 1, 12 }, { 1, 4, 12 }, { 1, 6, 32 }, { 1, 8, 12 },
        { 1, 9, 12 }, { 1, 10, 18 }, { 1, 11, 88 }, { 1, 12, 64 },
        { 1, 13, 16 }, { 1, 14, 72 }, { 1, 15, 32 }, { 1, 16, 12 },
        { 1, 17, 12 },
        { 4, 1, 12 }, { 4, 4, 16 }, { 4, 6, 32 }, { 4, 8, 12 },
        { 4, 9, 12 }, { 4, 10, 34 }, { 4, 11, 56 }, { 4, 12, 80 },
        { 4, 13, 24 }, { 4, 14, 56 }, { 4, 15, 16 }, { 4, 16, 40 },
        { 4, 18, 16 }, { 4, 19, 16 }, { 4, 24, 24 }, { 4, 25, 24 },
        { 4, 29, 16 },
    };
    uint8_t buf[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint16_t len = cases[i].min - 1;
        memset(buf, 0, sizeof buf);
        buf[0] = cases[i].version;
        buf[1] = cases[i].type;
        buf[2] = (uint8_t) (len >> 8);
        buf[3] = (uint8_t) len;
        struct ofp_arena arena = OFP_ARENA_INITIALIZER;
        struct ofp_msg msg;
        enum ofperr error = ofp_decode(buf, len, &arena, &msg);
        if (error != OFPERR_OFPBRC_BAD_LEN) {
            fprintf(stderr, "\nversion %u type %u len %u: %s\n",
                    cases[i].version, cases[i].type, len,
                    ofperr_name(error));
        }
        CU_ASSERT_EQUAL(error, OFPERR_OFPBRC_BAD_LEN);
        ofp_arena_uninit(&arena);
    }
}

/* Fixed-size messages: one byte more is BAD_LEN too (the extra byte is
 * counted in the length field, so only the table can catch it). */
static void
test_fixed_lengths(void)
{
    static const struct {
        uint8_t version, type;
        uint16_t len;
    } cases[] = {
        { 1, 5, 8 }, { 1, 7, 8 }, { 1, 8, 12 }, { 1, 9, 12 }, { 1, 11, 88 },
        { 1, 12, 64 }, { 1, 15, 32 }, { 1, 18, 8 }, { 1, 19, 8 },
        { 4, 5, 8 }, { 4, 6, 32 }, { 4, 7, 8 }, { 4, 8, 12 }, { 4, 9, 12 },
        { 4, 12, 80 }, { 4, 16, 40 }, { 4, 20, 8 }, { 4, 21, 8 },
        { 4, 24, 24 }, { 4, 25, 24 },
    };
    uint8_t buf[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int extra = 0; extra < 2; extra++) {
            uint16_t len = cases[i].len + extra;
            memset(buf, 0, sizeof buf);
            buf[0] = cases[i].version;
            buf[1] = cases[i].type;
            buf[2] = (uint8_t) (len >> 8);
            buf[3] = (uint8_t) len;
            struct ofp_arena arena = OFP_ARENA_INITIALIZER;
            struct ofp_msg msg;
            enum ofperr error = ofp_decode(buf, len, &arena, &msg);
            enum ofperr want = extra ? OFPERR_OFPBRC_BAD_LEN : 0;
            if (error != want) {
                fprintf(stderr, "\nversion %u type %u len %u: %s\n",
                        cases[i].version, cases[i].type, len,
                        ofperr_name(error));
            }
            CU_ASSERT_EQUAL(error, want);
            ofp_arena_uninit(&arena);
        }
    }
}

/* ---- Multipart framing. ----------------------------------------------- */

static void
test_multipart_framing(void)
{
    /* DESC request: 1.0 stats type 16 with type 0; 1.3 type 18 with pad. */
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_DESC_REQUEST, 0x31);
    struct decoded d;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP10_VERSION, &d), 0);
    assert_bytes(&d.buf, "01 10 00 0c 00 00 00 31 00 00 00 00");
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_DESC_REQUEST);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPST_DESC request (xid=0x31)", NULL });
    decoded_uninit(&d);

    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    assert_bytes(&d.buf, "04 12 00 10 00 00 00 31 00 00 00 00 00 00 00 00");
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_DESC_REQUEST);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPST_DESC request (OF1.3) (xid=0x31)", NULL });
    decoded_uninit(&d);

    /* A reply with the MORE flag: mp_flags survives. */
    ofp_msg_init(&msg, OFPMSG_AGGREGATE_REPLY, 0x32);
    msg.mp_flags = OFPMPF_MORE;
    msg.u.aggregate_reply.packet_count = 5;
    msg.u.aggregate_reply.byte_count = 500;
    msg.u.aggregate_reply.flow_count = 2;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    CU_ASSERT_EQUAL(d.buf.data[1], 19);
    CU_ASSERT_EQUAL(d.buf.data[9], 2);  /* OFPMP_AGGREGATE */
    CU_ASSERT_EQUAL(d.buf.data[11], 1); /* OFPMPF_REPLY_MORE */
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_AGGREGATE_REPLY);
    CU_ASSERT_EQUAL(d.msg.mp_flags, OFPMPF_MORE);
    CU_ASSERT_EQUAL(d.msg.u.aggregate_reply.flow_count, 2);
    decoded_uninit(&d);

    /* Unknown multipart type; PORT_DESC does not exist in 1.0. */
    CU_ASSERT_EQUAL(decode_hex_error("04 12 00 10 00 00 00 01 00 63 00 00"
                                     "00 00 00 00"),
                    OFPERR_OFPBRC_BAD_MULTIPART);
    CU_ASSERT_EQUAL(decode_hex_error("01 10 00 0c 00 00 00 01 00 0d 00 00"),
                    OFPERR_OFPBRC_BAD_MULTIPART);
    ofp_msg_init(&msg, OFPMSG_PORT_DESC_REQUEST, 1);
    struct ofpbuf out = OFPBUF_INITIALIZER;
    CU_ASSERT_NOT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out), 0);
    CU_ASSERT_EQUAL(out.size, 0);
    ofpbuf_uninit(&out);
}

/* ---- GROUP_MOD / METER_MOD dispatch. ---------------------------------- */

static void
test_group_meter_dispatch(void)
{
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_GROUP_MOD, 0x61);
    msg.u.group_mod.command = OFPGC_DELETE;
    msg.u.group_mod.type = OFPGT_ALL;
    msg.u.group_mod.group_id = 5;
    struct decoded d;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    assert_bytes(&d.buf, "04 0f 00 10 00 00 00 61 00 02 00 00 00 00 00 05");
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_GROUP_MOD);
    CU_ASSERT_EQUAL(d.msg.u.group_mod.command, OFPGC_DELETE);
    CU_ASSERT_EQUAL(d.msg.u.group_mod.group_id, 5);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_GROUP_MOD (OF1.3) (xid=0x61):", "DEL group_id=5,type=all",
        NULL });
    decoded_uninit(&d);

    ofp_msg_init(&msg, OFPMSG_METER_MOD, 0x62);
    msg.u.meter_mod.command = OFPMC_DELETE;
    msg.u.meter_mod.meter_id = 9;
    decoded_init(&d);
    CU_ASSERT_EQUAL(round_trip(&msg, OFP13_VERSION, &d), 0);
    assert_bytes(&d.buf, "04 1d 00 10 00 00 00 62 00 02 00 00 00 00 00 09");
    CU_ASSERT_EQUAL(d.msg.type, OFPMSG_METER_MOD);
    CU_ASSERT_EQUAL(d.msg.u.meter_mod.meter_id, 9);
    assert_ovs_sees(&d.buf, (const char *const[]) {
        "OFPT_METER_MOD (OF1.3) (xid=0x62): DEL meter=9", NULL });
    decoded_uninit(&d);
}

/* The arena is reset by each decode and allocates once for a message no
 * larger than the last. */
static void
test_arena_reuse(void)
{
    struct ofp_port ports[3];
    for (int i = 0; i < 3; i++) {
        make_port(&ports[i], (uint32_t) i + 1, "p");
    }
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_FEATURES_REPLY, 1);
    msg.u.features.ports = ports;
    msg.u.features.n_ports = 3;
    struct ofpbuf out = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_encode(&msg, OFP10_VERSION, &out), 0);

    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg back;
    CU_ASSERT_EQUAL(ofp_decode(out.data, out.size, &arena, &back), 0);
    unsigned int grows = arena.grows;
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(ofp_decode(out.data, out.size, &arena, &back), 0);
        CU_ASSERT_EQUAL(back.u.features.n_ports, 3);
        CU_ASSERT_EQUAL(back.u.features.ports[2].port_no, 3);
    }
    CU_ASSERT_EQUAL(arena.grows, grows);
    ofp_arena_uninit(&arena);
    ofpbuf_uninit(&out);
}

static const CU_TestInfo msgs_tests[] = {
    { "type names and multipart classes", test_type_names },
    { "ofp_msg_init defaults", test_msg_init },
    { "header decode", test_header_decode },
    { "HELLO", test_hello },
    { "ERROR", test_error },
    { "error replies", test_error_reply },
    { "ECHO", test_echo },
    { "EXPERIMENTER / VENDOR", test_experimenter },
    { "bodiless requests and barriers", test_empty_bodies },
    { "port codec", test_port_codec },
    { "FEATURES_REPLY", test_features_reply },
    { "GET_CONFIG_REPLY / SET_CONFIG", test_switch_config },
    { "PACKET_IN", test_packet_in },
    { "FLOW_REMOVED", test_flow_removed },
    { "PORT_STATUS", test_port_status },
    { "PACKET_OUT", test_packet_out },
    { "FLOW_MOD golden and malformed", test_flow_mod_golden },
    { "FLOW_MOD round trips", test_flow_mod_round_trip },
    { "FLOW_MOD refusals", test_flow_mod_refusals },
    { "PORT_MOD", test_port_mod },
    { "ROLE", test_role },
    { "1.3-only types, versions, size limit", test_version_refusals },
    { "malformed framing", test_malformed_framing },
    { "minimum lengths", test_min_lengths },
    { "fixed lengths", test_fixed_lengths },
    { "multipart framing", test_multipart_framing },
    { "GROUP_MOD / METER_MOD dispatch", test_group_meter_dispatch },
    { "arena reuse", test_arena_reuse },
    { NULL, NULL },
};

void
test_msgs_register(void)
{
    unit_add_suite("msgs", msgs_tests);
}
