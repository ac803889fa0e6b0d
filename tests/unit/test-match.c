/* Unit tests for ofp-match: the field table, OXM TLVs, the OpenFlow 1.3 and
 * 1.0 match codecs, prerequisites, matching and printing.
 *
 * Golden bytes were written from the specifications and cross-checked with
 * Open vSwitch ('ovs-ofctl ofp-print' of a FLOW_MOD carrying them); the
 * tests repeat that check with ovs-ofctl. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-match.h"
#include "ofproto/ofp-types.h"
#include "tests/unit/unit.h"

/* ---- Helpers. ----------------------------------------------------------- */

/* Asserts that 'b' holds exactly the bytes of 'hex'. */
static void
assert_bytes(const struct ofpbuf *b, const char *hex)
{
    size_t n;
    uint8_t *want = unit_hex(hex, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
    CU_ASSERT_EQUAL(b->size, n);
    if (b->size == n) {
        CU_ASSERT_EQUAL(memcmp(b->data, want, n), 0);
        if (memcmp(b->data, want, n)) {
            struct ds got = DS_EMPTY_INITIALIZER;
            ds_put_hex(&got, b->data, b->size);
            fprintf(stderr, "\n got: %s\n", ds_cstr(&got));
            ds_destroy(&got);
        }
    }
    free(want);
}

/* Decodes 'hex' as a 1.3 match; returns the error; checks the cursor consumed
 * everything on success and nothing on failure. */
static enum ofperr
decode13_hex(const char *hex, struct ofp_match *m)
{
    size_t n;
    uint8_t *data = unit_hex(hex, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    struct ofp_cursor c = ofp_cursor_init(data, n);
    enum ofperr error = ofp_match_decode_of13(&c, m);
    CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), error ? n : 0);
    free(data);
    return error;
}

static enum ofperr
decode10_hex(const char *hex, struct ofp_match *m)
{
    size_t n;
    uint8_t *data = unit_hex(hex, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    struct ofp_cursor c = ofp_cursor_init(data, n);
    enum ofperr error = ofp_match_decode_of10(&c, m);
    if (!error) {
        CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), n - OFP10_MATCH_LEN);
    }
    free(data);
    return error;
}

/* Decodes one OXM TLV from 'hex' (with room for a mask). */
static enum ofperr
decode_oxm_hex(const char *hex, enum ofp_field *f,
               union ofp_field_value *v, union ofp_field_value *mk,
               bool *hm)
{
    size_t n;
    uint8_t *data = unit_hex(hex, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    struct ofp_cursor c = ofp_cursor_init(data, n);
    enum ofperr error = ofp_oxm_decode_one(&c, f, v, mk, hm);
    if (!error) {
        CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), 0);
    }
    free(data);
    return error;
}

static void
assert_format(const struct ofp_match *m, const char *want)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ofp_match_format(m, &s);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&s), want);
    if (strcmp(ds_cstr(&s), want)) {
        fprintf(stderr, "\n got: %s\nwant: %s\n", ds_cstr(&s), want);
    }
    ds_destroy(&s);
}

static void
set_u(struct ofp_match *m, enum ofp_field f, uint64_t x, uint64_t mask,
      bool exact)
{
    union ofp_field_value v, mk;
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    switch (ofp_field_info(f)->kind) {
    case OFPFK_U8:
        v.u8 = (uint8_t) x;
        mk.u8 = (uint8_t) mask;
        break;
    case OFPFK_U16:
        v.u16 = (uint16_t) x;
        mk.u16 = (uint16_t) mask;
        break;
    case OFPFK_U32:
        v.u32 = (uint32_t) x;
        mk.u32 = (uint32_t) mask;
        break;
    case OFPFK_U64:
        v.u64 = x;
        mk.u64 = mask;
        break;
    case OFPFK_MAC:
    case OFPFK_IPV6:
        CU_FAIL("set_u on a byte-array field");
        return;
    }
    ofp_match_set(m, f, &v, exact ? NULL : &mk);
}

static void
set_exact(struct ofp_match *m, enum ofp_field f, uint64_t x)
{
    set_u(m, f, x, 0, true);
}

/* Runs ovs-ofctl ofp-print over an OpenFlow 1.3 FLOW_MOD carrying the 1.3
 * match in 'b' and checks the text contains 'want' (a missing ovs-ofctl
 * fails the test in unit_ovs_ofp_print()). */
static void
ovs_check_of13(const struct ofpbuf *b, const char *want)
{
    size_t n;
    uint8_t *hdr = unit_hex("04 0e 0000 00000001"
                            "0000000000000000 0000000000000000"
                            "00 00 0000 0000 8000 ffffffff"
                            "ffffffff ffffffff 0000 0000", &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(hdr);
    struct ofpbuf msg = OFPBUF_INITIALIZER;
    ofpbuf_put(&msg, hdr, n);
    ofpbuf_put(&msg, b->data, b->size);
    ofp_be16 *len = ofpbuf_at(&msg, 2, 2);
    be16_set(len, (uint16_t) msg.size);
    char *out = unit_ovs_ofp_print(msg.data, msg.size, NULL);
    if (out) {
        UNIT_ASSERT_CONTAINS(out, want);
        free(out);
    }
    ofpbuf_uninit(&msg);
    free(hdr);
}

/* Same for a 1.0 FLOW_MOD carrying the 40-byte match in 'b'. */
static void
ovs_check_of10(const struct ofpbuf *b, const char *want)
{
    size_t n1, n2;
    uint8_t *hdr = unit_hex("01 0e 0048 00000001", &n1);
    uint8_t *tail = unit_hex("0000000000000000 0000 0000 0000 8000"
                             "ffffffff ffff 0000", &n2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(hdr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tail);
    struct ofpbuf msg = OFPBUF_INITIALIZER;
    ofpbuf_put(&msg, hdr, n1);
    ofpbuf_put(&msg, b->data, b->size);
    ofpbuf_put(&msg, tail, n2);
    char *out = unit_ovs_ofp_print(msg.data, msg.size, NULL);
    if (out) {
        UNIT_ASSERT_CONTAINS(out, want);
        free(out);
    }
    ofpbuf_uninit(&msg);
    free(hdr);
    free(tail);
}

/* ---- Field table. ------------------------------------------------------- */

static void
test_field_table(void)
{
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        const struct ofp_field_info *fi = ofp_field_info((enum ofp_field) i);
        enum ofp_field f;
        CU_ASSERT_PTR_NOT_NULL_FATAL(fi);
        CU_ASSERT_EQUAL(fi->field, i);
        CU_ASSERT_TRUE(ofp_field_from_name(fi->name, &f));
        CU_ASSERT_EQUAL(f, i);
        CU_ASSERT_TRUE(fi->n_bits <= fi->wire_len * 8);
        CU_ASSERT_TRUE(fi->n_bits > fi->wire_len * 8 - 8
                       || fi->wire_len == 1 || fi->field == OFPF_VLAN_VID
                       || fi->field == OFPF_IPV6_FLABEL
                       || fi->field == OFPF_MPLS_LABEL
                       || fi->field == OFPF_IPV6_EXTHDR
                       || fi->field == OFPF_CT_STATE);
        /* OpenFlow-basic fields are settable, Nicira ct_* are not. */
        CU_ASSERT_EQUAL(fi->settable, i < OFPF_CT_STATE);
    }
    CU_ASSERT_PTR_NULL(ofp_field_info(OFPF_N_FIELDS));
    CU_ASSERT_PTR_NULL(ofp_field_info((enum ofp_field) -1));

    enum ofp_field f = OFPF_IN_PORT;
    CU_ASSERT_FALSE(ofp_field_from_name("nw_src", &f));
    CU_ASSERT_FALSE(ofp_field_from_name("", &f));
    CU_ASSERT_TRUE(ofp_field_from_name("ipv4_src", &f));
    CU_ASSERT_EQUAL(f, OFPF_IPV4_SRC);

    CU_ASSERT_EQUAL(ofp_field_info(OFPF_PBB_ISID)->wire_len, 3);
    CU_ASSERT_EQUAL(ofp_field_info(OFPF_PBB_ISID)->n_bits, 24);
    CU_ASSERT_EQUAL(ofp_field_info(OFPF_VLAN_VID)->n_bits, 13);
    CU_ASSERT_TRUE(ofp_field_info(OFPF_VLAN_VID)->maskable);
    CU_ASSERT_FALSE(ofp_field_info(OFPF_IN_PORT)->maskable);
    CU_ASSERT_FALSE(ofp_field_info(OFPF_IPV6_ND_TARGET)->maskable);
    CU_ASSERT_TRUE(ofp_field_info(OFPF_IPV6_EXTHDR)->maskable);
    CU_ASSERT_EQUAL(ofp_field_info(OFPF_IPV6_SRC)->kind, OFPFK_IPV6);
    CU_ASSERT_EQUAL(ofp_field_info(OFPF_ARP_SHA)->kind, OFPFK_MAC);
    CU_ASSERT_EQUAL(ofp_field_info(OFPF_METADATA)->wire_len, 8);
    CU_ASSERT_STRING_EQUAL(ofp_field_info(OFPF_IPV6_ND_TARGET)->name,
                           "ipv6_nd_target");
}

/* ---- OXM one-field round trips. ----------------------------------------- */

/* A value pattern for field 'fi' that uses its top and bottom bits, masked
 * by 'mask_pattern' bytes when 'masked'. */
static void
make_value(const struct ofp_field_info *fi, bool masked,
           union ofp_field_value *v, union ofp_field_value *mk)
{
    uint64_t full = fi->n_bits >= 64 ? UINT64_MAX
                    : ((uint64_t) 1 << fi->n_bits) - 1;
    uint64_t x = 0xa5c3a5c3a5c3a5c3ull & full;
    uint64_t m = masked ? (0xf0f0f0f0f0f0f0f0ull & full) : full;
    if (fi->field == OFPF_VLAN_VID) {
        x = OFPVID_PRESENT | 0x0a5;
        m = masked ? 0x1ff0 : 0x1fff;
    }
    x &= m;
    memset(v, 0, sizeof *v);
    memset(mk, 0, sizeof *mk);
    switch (fi->kind) {
    case OFPFK_U8:
        v->u8 = (uint8_t) x;
        mk->u8 = (uint8_t) m;
        break;
    case OFPFK_U16:
        v->u16 = (uint16_t) x;
        mk->u16 = (uint16_t) m;
        break;
    case OFPFK_U32:
        v->u32 = (uint32_t) x;
        mk->u32 = (uint32_t) m;
        break;
    case OFPFK_U64:
        v->u64 = x;
        mk->u64 = m;
        break;
    case OFPFK_MAC:
    case OFPFK_IPV6:
        for (int i = 0; i < fi->wire_len; i++) {
            mk->ipv6[i] = masked ? 0xf0 : 0xff;
            v->ipv6[i] = (uint8_t) ((i * 37 + 11) & mk->ipv6[i]);
        }
        break;
    }
}

/* The expected wire bytes of 'v' for field 'fi' (big-endian). */
static void
expect_wire(const struct ofp_field_info *fi, const union ofp_field_value *v,
            uint8_t *out)
{
    uint64_t x = 0;
    switch (fi->kind) {
    case OFPFK_U8:
        x = v->u8;
        break;
    case OFPFK_U16:
        x = v->u16;
        break;
    case OFPFK_U32:
        x = v->u32;
        break;
    case OFPFK_U64:
        x = v->u64;
        break;
    case OFPFK_MAC:
    case OFPFK_IPV6:
        memcpy(out, v->ipv6, fi->wire_len);
        return;
    }
    for (int i = 0; i < fi->wire_len; i++) {
        out[i] = (uint8_t) (x >> (8 * (fi->wire_len - 1 - i)));
    }
}

static size_t
kind_bytes(enum ofp_field_kind kind)
{
    static const size_t sizes[] = {
        [OFPFK_U8] = 1, [OFPFK_U16] = 2, [OFPFK_U32] = 4, [OFPFK_U64] = 8,
        [OFPFK_MAC] = 6, [OFPFK_IPV6] = 16,
    };
    return sizes[kind];
}

static void
test_oxm_roundtrip_all(void)
{
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        const struct ofp_field_info *fi = ofp_field_info((enum ofp_field) i);
        for (int masked = 0; masked <= (fi->maskable ? 1 : 0); masked++) {
            union ofp_field_value v, mk, v2, mk2;
            uint8_t want[4 + 32];
            struct ofpbuf b = OFPBUF_INITIALIZER;
            enum ofp_field f;
            bool hm;
            size_t plen = fi->wire_len * (masked ? 2u : 1u);

            make_value(fi, masked, &v, &mk);
            ofp_oxm_encode_one(&b, fi->field, &v, masked ? &mk : NULL);

            /* Basic fields are OXM class 0x8000 numbered as the enum;
             * ct_state and ct_zone NXM class 0x0001 fields 105, 106. */
            bool nx = i >= OFPF_CT_STATE;
            int fnum = nx ? 105 + (i - OFPF_CT_STATE) : i;
            want[0] = nx ? 0x00 : 0x80;
            want[1] = nx ? 0x01 : 0x00;
            want[2] = (uint8_t) ((fnum << 1) | masked);
            want[3] = (uint8_t) plen;
            expect_wire(fi, &v, want + 4);
            if (masked) {
                expect_wire(fi, &mk, want + 4 + fi->wire_len);
            }
            CU_ASSERT_EQUAL(b.size, 4 + plen);
            if (b.size == 4 + plen) {
                CU_ASSERT_EQUAL(memcmp(b.data, want, b.size), 0);
            }

            struct ofp_cursor c = ofp_cursor_init(b.data, b.size);
            CU_ASSERT_EQUAL(ofp_oxm_decode_one(&c, &f, &v2, &mk2, &hm), 0);
            CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), 0);
            CU_ASSERT_EQUAL(f, i);
            CU_ASSERT_EQUAL(hm, masked);
            CU_ASSERT_EQUAL(memcmp(&v2, &v, kind_bytes(fi->kind)), 0);
            CU_ASSERT_EQUAL(memcmp(&mk2, &mk, kind_bytes(fi->kind)), 0);

            /* And through a whole match: set, encode, decode, equal.  Only
             * the value survives a match without its prerequisites, so
             * check the decode error is exactly BAD_PREREQ or 0. */
            struct ofp_match m, m2;
            ofp_match_init_catchall(&m);
            ofp_match_set(&m, fi->field, &v, masked ? &mk : NULL);
            CU_ASSERT_TRUE(ofp_match_has(&m, fi->field));
            CU_ASSERT_EQUAL(ofp_match_is_exact(&m, fi->field), !masked);
            ofpbuf_clear(&b);
            size_t len = 0;
            CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, &len), 0);
            CU_ASSERT_EQUAL(len, 4 + 4 + plen);
            CU_ASSERT_EQUAL(b.size, ofp_pad8(len));
            c = ofp_cursor_init(b.data, b.size);
            enum ofperr error = ofp_match_decode_of13(&c, &m2);
            if (ofp_match_check_prereqs(&m)) {
                CU_ASSERT_EQUAL(error, OFPERR_OFPBMC_BAD_PREREQ);
            } else {
                CU_ASSERT_EQUAL(error, 0);
                CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));
            }
            ofpbuf_uninit(&b);
        }
    }
}

static void
test_oxm_golden_one(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    union ofp_field_value v, mk;

    memset(&v, 0, sizeof v);
    v.u32 = 0x123456;
    ofp_oxm_encode_one(&b, OFPF_PBB_ISID, &v, NULL);
    assert_bytes(&b, "80004a03 123456");

    ofpbuf_clear(&b);
    memset(&v, 0, sizeof v);
    v.u16 = OFPVID_PRESENT | 5;
    ofp_oxm_encode_one(&b, OFPF_VLAN_VID, &v, NULL);
    assert_bytes(&b, "80000c02 1005");

    /* Value bits outside the mask are dropped by the encoder. */
    ofpbuf_clear(&b);
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.u32 = 0x0a0b0c0d;
    mk.u32 = 0xffff0000;
    ofp_oxm_encode_one(&b, OFPF_IPV4_DST, &v, &mk);
    assert_bytes(&b, "80001908 0a0b0000 ffff0000");

    /* A mask on a non-maskable field gives an exact TLV. */
    ofpbuf_clear(&b);
    memset(&v, 0, sizeof v);
    v.u8 = 6;
    mk.u8 = 0x0f;
    ofp_oxm_encode_one(&b, OFPF_IP_PROTO, &v, &mk);
    assert_bytes(&b, "80001401 06");

    /* Decode an exact TLV with a mask pointer: the mask comes back full. */
    enum ofp_field f;
    bool hm = true;
    CU_ASSERT_EQUAL(decode_oxm_hex("80000c02 1005", &f, &v, &mk, &hm), 0);
    CU_ASSERT_EQUAL(f, OFPF_VLAN_VID);
    CU_ASSERT_EQUAL(v.u16, 0x1005);
    CU_ASSERT_EQUAL(mk.u16, 0x1fff);
    CU_ASSERT_FALSE(hm);

    /* A set-field style decode with no mask pointer. */
    size_t n;
    uint8_t *data = unit_hex("80000606 0a0b0c0d0e0f", &n);
    struct ofp_cursor c = ofp_cursor_init(data, n);
    CU_ASSERT_EQUAL(ofp_oxm_decode_one(&c, &f, &v, NULL, NULL), 0);
    CU_ASSERT_EQUAL(f, OFPF_ETH_DST);
    CU_ASSERT_EQUAL(v.mac[0], 0x0a);
    CU_ASSERT_EQUAL(v.mac[5], 0x0f);
    free(data);
    ofpbuf_uninit(&b);
}

static void
test_oxm_errors(void)
{
    static const struct {
        const char *hex;
        enum ofperr error;
    } cases[] = {
        /* Header or payload cut short. */
        { "800000", OFPERR_OFPBMC_BAD_LEN },
        { "80000004 000001", OFPERR_OFPBMC_BAD_LEN },
        /* Unknown class, experimenter class, field beyond the table. */
        { "00010004 00000001", OFPERR_OFPBMC_BAD_FIELD },
        { "ffff0008 00002320 00000001", OFPERR_OFPBMC_BAD_FIELD },
        { "80005002 0000", OFPERR_OFPBMC_BAD_FIELD },
        { "8000fe01 00", OFPERR_OFPBMC_BAD_FIELD },
        /* Length that does not match the field, exact and masked. */
        { "80000003 000001", OFPERR_OFPBMC_BAD_LEN },
        { "80000a04 08000000", OFPERR_OFPBMC_BAD_LEN },
        { "80004a04 00123456", OFPERR_OFPBMC_BAD_LEN },
        { "80001705 0a00000000", OFPERR_OFPBMC_BAD_LEN },
        { "80001704 0a000000", OFPERR_OFPBMC_BAD_LEN },
        { "80000d02 1000", OFPERR_OFPBMC_BAD_LEN },
        /* Mask on a non-maskable field. */
        { "80000108 00000001 ffffffff", OFPERR_OFPBMC_BAD_MASK },
        { "80000b04 08000800", OFPERR_OFPBMC_BAD_MASK },
        /* Value bits beyond the field's width. */
        { "80000c02 2005", OFPERR_OFPBMC_BAD_VALUE },
        { "80001001 40", OFPERR_OFPBMC_BAD_VALUE },
        { "80001201 04", OFPERR_OFPBMC_BAD_VALUE },
        { "80003804 00100000", OFPERR_OFPBMC_BAD_VALUE },
        { "80004801 02", OFPERR_OFPBMC_BAD_VALUE },
        /* VLAN id without OFPVID_PRESENT can never match. */
        { "80000c02 0005", OFPERR_OFPBMC_BAD_VALUE },
        /* Mask bits beyond the field's width. */
        { "80000d04 1000 ffff", OFPERR_OFPBMC_BAD_MASK },
        { "80003908 00000000 fff00000", OFPERR_OFPBMC_BAD_MASK },
        /* Value bits where the mask is 0 (spec: BAD_WILDCARDS). */
        { "80001708 0a000001 ff000000", OFPERR_OFPBMC_BAD_WILDCARDS },
        { "8000070c 010000000001 ff0000000000",
          OFPERR_OFPBMC_BAD_WILDCARDS },
        { "80000d04 1005 1000", OFPERR_OFPBMC_BAD_WILDCARDS },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum ofp_field f;
        union ofp_field_value v, mk;
        bool hm;
        enum ofperr error = decode_oxm_hex(cases[i].hex, &f, &v, &mk, &hm);
        CU_ASSERT_EQUAL(error, cases[i].error);
        if (error != cases[i].error) {
            fprintf(stderr, "\ncase %zu (%s): got %s, want %s\n", i,
                    cases[i].hex, ofperr_name(error),
                    ofperr_name(cases[i].error));
        }
    }

    /* A masked TLV where the caller has no room for a mask (set-field). */
    size_t n;
    uint8_t *data = unit_hex("80001708 0a000000 ff000000", &n);
    struct ofp_cursor c = ofp_cursor_init(data, n);
    enum ofp_field f;
    union ofp_field_value v;
    CU_ASSERT_EQUAL(ofp_oxm_decode_one(&c, &f, &v, NULL, NULL),
                    OFPERR_OFPBMC_BAD_MASK);
    free(data);
}

/* ---- OpenFlow 1.3 match. ------------------------------------------------ */

/* in_port=1,eth_type=0x0800,ip_proto=6,ipv4_src=10.0.0.0/8,tcp_dst=80. */
static const char golden13_tcp[] =
    "0001 0029"
    "80000004 00000001"
    "80000a02 0800"
    "80001401 06"
    "80001708 0a000000 ff000000"
    "80001c02 0050"
    "00000000000000";

static void
build_tcp(struct ofp_match *m)
{
    ofp_match_init_catchall(m);
    ofp_match_set_in_port(m, 1);
    ofp_match_set_eth_type(m, 0x0800);
    ofp_match_set_ip_proto(m, 6);
    ofp_match_set_ipv4_src(m, 0x0a010203, 8);
    set_exact(m, OFPF_TCP_DST, 80);
}

static void
test_of13_golden_tcp(void)
{
    struct ofp_match m, m2;
    struct ofpbuf b = OFPBUF_INITIALIZER;
    size_t len = 0;

    build_tcp(&m);
    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, &len), 0);
    CU_ASSERT_EQUAL(len, 0x29);
    assert_bytes(&b, golden13_tcp);
    ovs_check_of13(&b, "tcp,in_port=1,nw_src=10.0.0.0/8,tp_dst=80");

    CU_ASSERT_EQUAL(decode13_hex(golden13_tcp, &m2), 0);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));
    CU_ASSERT_EQUAL(m2.v.ipv4_src, 0x0a000000);
    CU_ASSERT_EQUAL(m2.m.ipv4_src, 0xff000000);
    CU_ASSERT_EQUAL(m2.v.tcp_dst, 80);

    /* Encoding appends after what the buffer holds. */
    ofpbuf_clear(&b);
    ofpbuf_put_u8(&b, 0xee);
    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, NULL), 0);
    CU_ASSERT_EQUAL(b.size, 1 + 48);
    CU_ASSERT_EQUAL(b.data[0], 0xee);
    CU_ASSERT_EQUAL(b.data[1 + 3], 0x29);
    ofpbuf_uninit(&b);
}

/* eth_dst=01:00:00:00:00:00/01:00:00:00:00:00, vlan_vid=0x1005,
 * eth_type=0x86dd, ip_proto=17, ipv6_src=2001:db8::/32, udp_src=53. */
static const char golden13_v6[] =
    "0001 004f"
    "8000070c 010000000000 010000000000"
    "80000a02 86dd"
    "80000c02 1005"
    "80001401 11"
    "80001e02 0035"
    "80003520 20010db8000000000000000000000000"
    "         ffffffff000000000000000000000000"
    "00";

static void
test_of13_golden_v6(void)
{
    struct ofp_match m, m2;
    struct ofpbuf b = OFPBUF_INITIALIZER;
    union ofp_field_value v, mk;
    size_t len;

    ofp_match_init_catchall(&m);
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.mac[0] = 0x01;
    v.mac[5] = 0x77;                    /* Dropped by the mask. */
    mk.mac[0] = 0x01;
    ofp_match_set(&m, OFPF_ETH_DST, &v, &mk);
    ofp_match_set_vlan_vid(&m, 5);
    ofp_match_set_eth_type(&m, 0x86dd);
    ofp_match_set_ip_proto(&m, 17);
    set_exact(&m, OFPF_UDP_SRC, 53);
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.ipv6[0] = 0x20;
    v.ipv6[1] = 0x01;
    v.ipv6[2] = 0x0d;
    v.ipv6[3] = 0xb8;
    v.ipv6[15] = 1;                     /* Dropped by the mask. */
    memset(mk.ipv6, 0xff, 4);
    ofp_match_set(&m, OFPF_IPV6_SRC, &v, &mk);

    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, &len), 0);
    CU_ASSERT_EQUAL(len, 0x4f);
    assert_bytes(&b, golden13_v6);
    ovs_check_of13(&b, "udp6,dl_vlan=5,dl_dst=01:00:00:00:00:00/"
                       "01:00:00:00:00:00,ipv6_src=2001:db8::/32,tp_src=53");

    CU_ASSERT_EQUAL(decode13_hex(golden13_v6, &m2), 0);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));
    assert_format(&m2, "eth_dst=01:00:00:00:00:00/01:00:00:00:00:00,"
                       "eth_type=0x86dd,vlan_vid=0x1005,ip_proto=17,"
                       "udp_src=53,ipv6_src=2001:db8::/32");
    ofpbuf_uninit(&b);
}

/* eth_type=0x0806,arp_op=2,arp_spa=192.168.1.0/24,arp_tha=aa:bb:cc:dd:ee:ff,
 * plus 'vlan any' (OFPVID_PRESENT/OFPVID_PRESENT) and metadata 0x1/0xff. */
static const char golden13_arp[] =
    "0001 004a"
    "80000510 0000000000000001 00000000000000ff"
    "80000a02 0806"
    "80000d04 1000 1000"
    "80002a02 0002"
    "80002c04 c0a80100"
    "80002f08 c0a80100 ffffff00"
    "80003206 aabbccddeeff"
    "000000000000";

static void
test_of13_golden_arp(void)
{
    struct ofp_match m, m2;
    struct ofpbuf b = OFPBUF_INITIALIZER;
    union ofp_field_value v;

    ofp_match_init_catchall(&m);
    set_u(&m, OFPF_METADATA, 0x101, 0xff, false);
    ofp_match_set_eth_type(&m, 0x0806);
    set_u(&m, OFPF_VLAN_VID, OFPVID_PRESENT, OFPVID_PRESENT, false);
    set_exact(&m, OFPF_ARP_OP, 2);
    set_exact(&m, OFPF_ARP_SPA, 0xc0a80100);
    set_u(&m, OFPF_ARP_TPA, 0xc0a801fe, 0xffffff00, false);
    memset(&v, 0, sizeof v);
    memcpy(v.mac, "\xaa\xbb\xcc\xdd\xee\xff", 6);
    ofp_match_set(&m, OFPF_ARP_THA, &v, NULL);

    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, NULL), 0);
    assert_bytes(&b, golden13_arp);
    ovs_check_of13(&b, "arp_op=2");
    ovs_check_of13(&b, "arp_tpa=192.168.1.0/24");
    ovs_check_of13(&b, "metadata=0x1/0xff");

    CU_ASSERT_EQUAL(decode13_hex(golden13_arp, &m2), 0);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));
    assert_format(&m2, "metadata=0x1/0xff,eth_type=0x0806,"
                       "vlan_vid=0x1000/0x1000,arp_op=2,"
                       "arp_spa=192.168.1.0,arp_tpa=192.168.1.0/24,"
                       "arp_tha=aa:bb:cc:dd:ee:ff");
    ofpbuf_uninit(&b);
}

static void
test_of13_decode_errors(void)
{
    static const struct {
        const char *hex;
        enum ofperr error;
    } cases[] = {
        /* Too short for the header. */
        { "000100", OFPERR_OFPBMC_BAD_LEN },
        /* OFPMT_STANDARD and an unknown type. */
        { "0000 0058 00000000", OFPERR_OFPBMC_BAD_TYPE },
        { "0002 0004 00000000", OFPERR_OFPBMC_BAD_TYPE },
        /* Length below the header, beyond the data, or missing padding. */
        { "0001 0003 00000000", OFPERR_OFPBMC_BAD_LEN },
        { "0001 0010 00000000", OFPERR_OFPBMC_BAD_LEN },
        { "0001 000c 80000004 00000001", OFPERR_OFPBMC_BAD_LEN },
        /* An OXM overruns the match length, or 2 bytes trail. */
        { "0001 000a 80000004 00000001 00000000", OFPERR_OFPBMC_BAD_LEN },
        { "0001 0006 0000 0000", OFPERR_OFPBMC_BAD_LEN },
        /* Duplicate field, even with a mask the second time. */
        { "0001 0014 80000004 00000001 80000004 00000002 00000000",
          OFPERR_OFPBMC_DUP_FIELD },
        { "0001 001e 80000a02 0800 80001604 0a000001"
          "80001708 0a000000 ff000000 0000",
          OFPERR_OFPBMC_DUP_FIELD },
        /* Prerequisites. */
        { "0001 000c 80001604 0a000001 00000000", OFPERR_OFPBMC_BAD_PREREQ },
        { "0001 0012 80000a02 86dd 80001604 0a000001 000000000000",
          OFPERR_OFPBMC_BAD_PREREQ },
        { "0001 0015 80000a02 0800 80001401 11 80001c02 0050 000000",
          OFPERR_OFPBMC_BAD_PREREQ },
        { "0001 0009 80000e01 03 00000000000000", OFPERR_OFPBMC_BAD_PREREQ },
        { "0001 000f 80000c02 0000 80000e01 03 00",
          OFPERR_OFPBMC_BAD_PREREQ },
        { "0001 000c 80000204 00000001 00000000", OFPERR_OFPBMC_BAD_PREREQ },
        /* Experimenter class and bad OXMs inside a match. */
        { "0001 0010 ffff0008 00002320 00000001", OFPERR_OFPBMC_BAD_FIELD },
        { "0001 000a 80000c02 2000 000000000000", OFPERR_OFPBMC_BAD_VALUE },
        { "0001 000c 80000108 00000001 00000000", OFPERR_OFPBMC_BAD_MASK },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ofp_match m;
        enum ofperr error = decode13_hex(cases[i].hex, &m);
        CU_ASSERT_EQUAL(error, cases[i].error);
        if (error != cases[i].error) {
            fprintf(stderr, "\ncase %zu (%s): got %s, want %s\n", i,
                    cases[i].hex, ofperr_name(error),
                    ofperr_name(cases[i].error));
        }
    }
}

static void
test_of13_decode_ok(void)
{
    struct ofp_match m;

    /* Empty match: header plus 4 bytes of padding. */
    CU_ASSERT_EQUAL(decode13_hex("0001 0004 00000000", &m), 0);
    CU_ASSERT_TRUE(ofp_match_is_catchall(&m));

    /* Prerequisites may come after the fields that need them. */
    CU_ASSERT_EQUAL(decode13_hex("0001 0015 80001c02 0050 80001401 06"
                                 "80000a02 0800 000000", &m), 0);
    CU_ASSERT_TRUE(ofp_match_is_exact(&m, OFPF_TCP_DST));
    CU_ASSERT_EQUAL(m.v.tcp_dst, 80);

    /* An all-zero mask means "not matched"; an all-ones mask is exact. */
    CU_ASSERT_EQUAL(decode13_hex("0001 0022 80000a02 0800"
                                 "80001708 00000000 00000000"
                                 "80001908 0a000002 ffffffff"
                                 "000000000000", &m),
                    0);
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_IPV4_SRC));
    CU_ASSERT_TRUE(ofp_match_is_exact(&m, OFPF_IPV4_DST));
    CU_ASSERT_EQUAL(m.v.ipv4_dst, 0x0a000002);

    /* Trailing bytes after the padding stay in the cursor. */
    size_t n;
    uint8_t *data = unit_hex("0001 000c 80000004 00000007 00000000 abcd",
                             &n);
    struct ofp_cursor c = ofp_cursor_init(data, n);
    CU_ASSERT_EQUAL(ofp_match_decode_of13(&c, &m), 0);
    CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), 2);
    CU_ASSERT_EQUAL(m.v.in_port, 7);
    free(data);
}

static void
test_of13_encode_refusals(void)
{
    struct ofp_match m;
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ds why = DS_EMPTY_INITIALIZER;

    /* A mask on a field 1.3 cannot mask: refused, nothing appended. */
    ofp_match_init_catchall(&m);
    ofp_match_set_eth_type(&m, 0x0800);
    set_u(&m, OFPF_IP_PROTO, 6, 0x0f, false);
    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, NULL),
                    OFPERR_OFPBMC_BAD_MASK);
    CU_ASSERT_EQUAL(b.size, 0);
    CU_ASSERT_EQUAL(ofp_match_check_version(&m, OFP13_VERSION, &why),
                    OFPERR_OFPBMC_BAD_MASK);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why),
                           "ip_proto cannot be masked in OpenFlow 1.3");
    ds_clear(&why);
    CU_ASSERT_EQUAL(ofp_match_check_version(&m, 0x02, &why),
                    OFPERR_OFPBRC_BAD_VERSION);

    /* Catch-all: 8 bytes, length 4. */
    size_t len = 99;
    ofp_match_init_catchall(&m);
    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, &len), 0);
    CU_ASSERT_EQUAL(len, 4);
    assert_bytes(&b, "0001 0004 00000000");

    /* The longest match (every field masked where possible) still has a
     * length that fits and decodes back. */
    ofpbuf_clear(&b);
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        const struct ofp_field_info *fi = ofp_field_info((enum ofp_field) i);
        union ofp_field_value v, mk;
        make_value(fi, fi->maskable, &v, &mk);
        ofp_match_set(&m, fi->field, &v, &mk);
    }
    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, &len), 0);
    CU_ASSERT_EQUAL(b.size, ofp_pad8(len));
    CU_ASSERT_EQUAL((b.data[2] << 8) | b.data[3], len);
    ofpbuf_uninit(&b);
    ds_destroy(&why);
}

/* ---- Prerequisites. ----------------------------------------------------- */

static void
test_prereqs(void)
{
    struct ofp_match m;

    ofp_match_init_catchall(&m);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);

    /* vlan_pcp needs a VLAN: absent, "no VLAN", "any VLAN", a VLAN. */
    set_exact(&m, OFPF_VLAN_PCP, 3);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    ofp_match_set_no_vlan(&m);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    set_u(&m, OFPF_VLAN_VID, OFPVID_PRESENT, OFPVID_PRESENT, false);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
    ofp_match_set_vlan_vid(&m, 10);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);

    /* ip_dscp accepts IPv4 and IPv6, ipv4 fields only IPv4. */
    ofp_match_init_catchall(&m);
    set_exact(&m, OFPF_IP_DSCP, 46);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    ofp_match_set_eth_type(&m, 0x86dd);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
    ofp_match_set_ipv4_dst(&m, 0x01020304, 32);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    ofp_match_set_eth_type(&m, 0x0800);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);

    /* L4 ports need the right ip_proto, which itself needs an IP type. */
    set_exact(&m, OFPF_SCTP_DST, 9);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    ofp_match_set_ip_proto(&m, 6);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    ofp_match_set_ip_proto(&m, 132);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
    ofp_match_clear(&m, OFPF_ETH_TYPE);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);

    /* Neighbour discovery. */
    ofp_match_init_catchall(&m);
    ofp_match_set_eth_type(&m, 0x86dd);
    ofp_match_set_ip_proto(&m, 58);
    set_exact(&m, OFPF_ICMPV6_TYPE, 136);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
    union ofp_field_value v;
    memset(&v, 0, sizeof v);
    v.mac[0] = 2;
    ofp_match_set(&m, OFPF_IPV6_ND_SLL, &v, NULL);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    ofp_match_clear(&m, OFPF_IPV6_ND_SLL);
    ofp_match_set(&m, OFPF_IPV6_ND_TLL, &v, NULL);
    ofp_match_set(&m, OFPF_IPV6_ND_TARGET, &v, NULL);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
    set_exact(&m, OFPF_ICMPV6_TYPE, 135);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);

    /* MPLS (either ethertype), PBB, in_phy_port, ARP. */
    ofp_match_init_catchall(&m);
    set_exact(&m, OFPF_MPLS_LABEL, 100);
    ofp_match_set_eth_type(&m, 0x8848);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
    set_exact(&m, OFPF_PBB_ISID, 7);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    ofp_match_init_catchall(&m);
    set_exact(&m, OFPF_IN_PHY_PORT, 3);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    ofp_match_set_in_port(&m, 3);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
    set_exact(&m, OFPF_ARP_OP, 1);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), OFPERR_OFPBMC_BAD_PREREQ);
    ofp_match_set_eth_type(&m, 0x0806);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
}

/* ---- OpenFlow 1.0 match. ------------------------------------------------ */

static const char golden10_catchall[] =
    "003820ff 0000 000000000000 000000000000 0000 00 00 0000 00 00 0000"
    "00000000 00000000 0000 0000";

/* in_port=1,dl_type=0x0800,nw_proto=6,nw_src=10.0.0.0/8,tp_dst=80. */
static const char golden10_tcp[] =
    "0038184e 0001 000000000000 000000000000 0000 00 00 0800 00 06 0000"
    "0a000000 00000000 0000 0050";

static void
test_of10_golden(void)
{
    struct ofp_match m, m2;
    struct ofpbuf b = OFPBUF_INITIALIZER;

    ofp_match_init_catchall(&m);
    CU_ASSERT_EQUAL(ofp_match_encode_of10(&m, &b), 0);
    assert_bytes(&b, golden10_catchall);
    ovs_check_of10(&b, "ADD actions=drop");
    CU_ASSERT_EQUAL(decode10_hex(golden10_catchall, &m2), 0);
    CU_ASSERT_TRUE(ofp_match_is_catchall(&m2));

    ofpbuf_clear(&b);
    build_tcp(&m);
    CU_ASSERT_EQUAL(ofp_match_encode_of10(&m, &b), 0);
    assert_bytes(&b, golden10_tcp);
    ovs_check_of10(&b, "tcp,in_port=1,nw_src=10.0.0.0/8,tp_dst=80");
    CU_ASSERT_EQUAL(decode10_hex(golden10_tcp, &m2), 0);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));

    /* Everything 1.0 has: MACs, VLAN+PCP, ToS, exact addresses, ports. */
    static const char full[] =
        "00000000 fffe 020000000001 ffffffffffff 0123 05 00 0800 b8 11 0000"
        "c0a80001 c0a80002 1234 0035";
    CU_ASSERT_EQUAL(decode10_hex(full, &m2), 0);
    ofp_match_init_catchall(&m);
    ofp_match_set_in_port(&m, OFPP_LOCAL);
    ofp_match_set_eth_src(&m, (const uint8_t *) "\x02\x00\x00\x00\x00\x01");
    ofp_match_set_eth_dst(&m, (const uint8_t *) "\xff\xff\xff\xff\xff\xff");
    ofp_match_set_vlan_vid(&m, 0x123);
    set_exact(&m, OFPF_VLAN_PCP, 5);
    ofp_match_set_eth_type(&m, 0x0800);
    set_exact(&m, OFPF_IP_DSCP, 46);
    ofp_match_set_ip_proto(&m, 17);
    ofp_match_set_ipv4_src(&m, 0xc0a80001, 32);
    ofp_match_set_ipv4_dst(&m, 0xc0a80002, 32);
    set_exact(&m, OFPF_UDP_SRC, 0x1234);
    set_exact(&m, OFPF_UDP_DST, 53);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));
    ofpbuf_clear(&b);
    CU_ASSERT_EQUAL(ofp_match_encode_of10(&m, &b), 0);
    assert_bytes(&b, full);
    ovs_check_of10(&b, "udp,in_port=LOCAL,dl_vlan=291,dl_vlan_pcp=5,"
                       "dl_src=02:00:00:00:00:01,dl_dst=ff:ff:ff:ff:ff:ff,"
                       "nw_src=192.168.0.1,nw_dst=192.168.0.2,nw_tos=184,"
                       "tp_src=4660,tp_dst=53");
    ofpbuf_uninit(&b);
}

static void
test_of10_decode_rules(void)
{
    struct ofp_match m, want;
    struct ofpbuf b = OFPBUF_INITIALIZER;

    /* ARP: nw_proto is the opcode, nw_src/dst the protocol addresses, tp
     * ignored; dl_vlan 0xffff means untagged and the PCP is ignored. */
    CU_ASSERT_EQUAL(decode10_hex("00000000 0001 000000000000 000000000000"
                                 "ffff 07 00 0806 fc 02 0000"
                                 "0a000001 0a000002 1111 2222", &m), 0);
    ofp_match_init_catchall(&want);
    ofp_match_set_in_port(&want, 1);
    ofp_match_set_eth_src(&want, (const uint8_t *) "\0\0\0\0\0\0");
    ofp_match_set_eth_dst(&want, (const uint8_t *) "\0\0\0\0\0\0");
    ofp_match_set_no_vlan(&want);
    ofp_match_set_eth_type(&want, 0x0806);
    set_exact(&want, OFPF_ARP_OP, 2);
    set_exact(&want, OFPF_ARP_SPA, 0x0a000001);
    set_exact(&want, OFPF_ARP_TPA, 0x0a000002);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &want));
    assert_format(&m, "in_port=1,eth_dst=00:00:00:00:00:00,"
                      "eth_src=00:00:00:00:00:00,eth_type=0x0806,"
                      "vlan_vid=0x0000,arp_op=2,arp_spa=10.0.0.1,"
                      "arp_tpa=10.0.0.2");

    /* ICMP: type and code from the low bytes of tp_src/tp_dst; nw_dst
     * wildcard count 63 means wildcarded too. */
    CU_ASSERT_EQUAL(decode10_hex("003fff0f 0000 000000000000 000000000000"
                                 "0000 00 00 0800 00 01 0000"
                                 "00000000 01020304 0008 0000", &m), 0);
    assert_format(&m, "eth_type=0x0800,ip_proto=1,icmpv4_type=8,"
                      "icmpv4_code=0");

    /* Wildcarded dl_type: every L3/L4 field is ignored. */
    CU_ASSERT_EQUAL(decode10_hex("00000010 0003 000000000000 000000000000"
                                 "0000 00 00 0800 00 06 0000"
                                 "0a000001 0a000002 0050 0050", &m), 0);
    assert_format(&m, "in_port=3,eth_dst=00:00:00:00:00:00,"
                      "eth_src=00:00:00:00:00:00,vlan_vid=0x1000,vlan_pcp=0");

    /* An ethertype with no 1.0 L3 fields: nw and tp ignored; unknown
     * nw_proto under IPv4 keeps ip_proto but drops tp. */
    CU_ASSERT_EQUAL(decode10_hex("003000cf 0000 000000000000 000000000000"
                                 "0000 00 00 86dd 00 06 0000"
                                 "0a000001 0a000002 0050 0050", &m), 0);
    assert_format(&m, "eth_type=0x86dd");
    CU_ASSERT_EQUAL(decode10_hex("003000cf 0000 000000000000 000000000000"
                                 "0000 00 00 0800 00 2f 0000"
                                 "0a000001 0a000002 0050 0050", &m), 0);
    assert_format(&m, "eth_type=0x0800,ip_proto=47,ipv4_src=10.0.0.1,"
                      "ipv4_dst=10.0.0.2");

    /* A PCP with dl_vlan wildcarded means "any tag with this PCP"; it
     * encodes back to the same bytes. */
    static const char pcp_any[] =
        "002820ff 0000 000000000000 000000000000 0000 06 00 0000 00 00 0000"
        "00000000 00000000 0000 0000";
    CU_ASSERT_EQUAL(decode10_hex(pcp_any, &m), 0);
    assert_format(&m, "vlan_vid=0x1000/0x1000,vlan_pcp=6");
    CU_ASSERT_EQUAL(ofp_match_encode_of10(&m, &b), 0);
    assert_bytes(&b, pcp_any);

    /* Short input. */
    CU_ASSERT_EQUAL(decode10_hex("003820ff 0000", &m), OFPERR_OFPBMC_BAD_LEN);
    ofpbuf_uninit(&b);
}

static void
check_of10_refusal(const struct ofp_match *m, enum ofperr error,
                   const char *reason)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ds why = DS_EMPTY_INITIALIZER;
    ofpbuf_put_u8(&b, 0x5a);
    CU_ASSERT_EQUAL(ofp_match_encode_of10(m, &b), error);
    CU_ASSERT_EQUAL(b.size, 1);
    CU_ASSERT_EQUAL(ofp_match_check_version(m, OFP10_VERSION, &why), error);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why), reason);
    if (strcmp(ds_cstr(&why), reason)) {
        fprintf(stderr, "\n got: %s\nwant: %s\n", ds_cstr(&why), reason);
    }
    ds_destroy(&why);
    ofpbuf_uninit(&b);
}

static void
test_of10_refusals(void)
{
    struct ofp_match m;
    union ofp_field_value v, mk;

    ofp_match_init_catchall(&m);
    ofp_match_set_eth_type(&m, 0x86dd);
    memset(&v, 0, sizeof v);
    v.ipv6[15] = 1;
    ofp_match_set(&m, OFPF_IPV6_SRC, &v, NULL);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_FIELD,
                       "ipv6_src cannot be matched in OpenFlow 1.0");
    /* The same match is fine for 1.3. */
    CU_ASSERT_EQUAL(ofp_match_check_version(&m, OFP13_VERSION, NULL), 0);

    ofp_match_init_catchall(&m);
    ofp_match_set_eth_type(&m, 0x0800);
    set_u(&m, OFPF_IPV4_SRC, 0x0a000001, 0xff00ff00, false);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_NW_ADDR_MASK,
                       "ipv4_src mask is not a CIDR prefix, which OpenFlow "
                       "1.0 requires");

    ofp_match_init_catchall(&m);
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.mac[0] = 1;
    mk.mac[0] = 1;
    ofp_match_set(&m, OFPF_ETH_DST, &v, &mk);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_DL_ADDR_MASK,
                       "eth_dst cannot be masked in OpenFlow 1.0");

    ofp_match_init_catchall(&m);
    set_u(&m, OFPF_METADATA, 1, 1, false);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_FIELD,
                       "metadata cannot be matched in OpenFlow 1.0");

    ofp_match_init_catchall(&m);
    ofp_match_set_eth_type(&m, 0x86dd);
    ofp_match_set_ip_proto(&m, 6);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_PREREQ,
                       "ip_proto cannot be expressed in OpenFlow 1.0 "
                       "without eth_type=0x0800");

    ofp_match_init_catchall(&m);
    set_exact(&m, OFPF_TCP_DST, 22);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_PREREQ,
                       "tcp_dst cannot be expressed in OpenFlow 1.0 "
                       "without ip_proto=6");

    ofp_match_init_catchall(&m);
    ofp_match_set_eth_type(&m, 0x0806);
    set_exact(&m, OFPF_ARP_OP, 0x100);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_VALUE,
                       "arp_op 256 does not fit OpenFlow 1.0's 8-bit "
                       "nw_proto");

    ofp_match_init_catchall(&m);
    ofp_match_set_in_port(&m, 0x10000);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_VALUE,
                       "in_port 65536 has no OpenFlow 1.0 number");

    ofp_match_init_catchall(&m);
    set_u(&m, OFPF_VLAN_VID, 0x1100, 0x1f00, false);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_MASK,
                       "vlan_vid=0x1100/0x1f00 cannot be expressed in "
                       "OpenFlow 1.0");

    ofp_match_init_catchall(&m);
    set_exact(&m, OFPF_IP_ECN, 1);
    check_of10_refusal(&m, OFPERR_OFPBMC_BAD_FIELD,
                       "ip_ecn cannot be matched in OpenFlow 1.0");
}

/* Every truncation of a valid match fails with BAD_LEN and leaves the
 * cursor alone; every single-byte corruption decodes or fails cleanly (the
 * sanitizer build catches any out-of-bounds read). */
static void
test_of13_truncation_corruption(void)
{
    size_t n;
    uint8_t *data = unit_hex(golden13_arp, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    for (size_t len = 0; len < n; len++) {
        uint8_t *copy = malloc(len ? len : 1);
        memcpy(copy, data, len);
        struct ofp_cursor c = ofp_cursor_init(copy, len);
        struct ofp_match m;
        CU_ASSERT_EQUAL(ofp_match_decode_of13(&c, &m), OFPERR_OFPBMC_BAD_LEN);
        CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), len);
        free(copy);
    }
    for (size_t i = 0; i < n; i++) {
        for (int bit = 0; bit < 8; bit++) {
            uint8_t *copy = malloc(n);
            memcpy(copy, data, n);
            copy[i] ^= (uint8_t) (1 << bit);
            struct ofp_cursor c = ofp_cursor_init(copy, n);
            struct ofp_match m;
            enum ofperr error = ofp_match_decode_of13(&c, &m);
            if (!error) {
                /* Whatever decoded re-encodes to something that decodes to
                 * the same match. */
                struct ofpbuf b = OFPBUF_INITIALIZER;
                struct ofp_match m2;
                CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, NULL), 0);
                struct ofp_cursor c2 = ofp_cursor_init(b.data, b.size);
                CU_ASSERT_EQUAL(ofp_match_decode_of13(&c2, &m2), 0);
                CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));
                ofpbuf_uninit(&b);
            } else {
                CU_ASSERT_TRUE(ofperr_is_valid(error));
                CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), n);
            }
            free(copy);
        }
    }
    free(data);
}

/* 1.0 and 1.3 describe the same flow: decode one, encode the other. */
static void
test_cross_version(void)
{
    struct ofp_match m;
    struct ofpbuf b = OFPBUF_INITIALIZER;

    CU_ASSERT_EQUAL(decode10_hex(golden10_tcp, &m), 0);
    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, NULL), 0);
    assert_bytes(&b, golden13_tcp);

    ofpbuf_clear(&b);
    CU_ASSERT_EQUAL(decode13_hex(golden13_tcp, &m), 0);
    CU_ASSERT_EQUAL(ofp_match_encode_of10(&m, &b), 0);
    assert_bytes(&b, golden10_tcp);

    /* The ARP golden has metadata, which 1.0 lacks. */
    struct ds why = DS_EMPTY_INITIALIZER;
    CU_ASSERT_EQUAL(decode13_hex(golden13_arp, &m), 0);
    CU_ASSERT_EQUAL(ofp_match_check_version(&m, OFP10_VERSION, &why),
                    OFPERR_OFPBMC_BAD_FIELD);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why),
                           "metadata cannot be matched in OpenFlow 1.0");
    ds_destroy(&why);
    ofpbuf_uninit(&b);
}

/* ---- Building, comparing, matching, printing. --------------------------- */

static void
test_set_get(void)
{
    struct ofp_match a, b;
    union ofp_field_value v, mk;

    ofp_match_init_catchall(&a);
    ofp_match_init_catchall(&b);
    CU_ASSERT_TRUE(ofp_match_equal(&a, &b));
    CU_ASSERT_FALSE(ofp_match_get(&a, OFPF_IN_PORT, &v, &mk));

    /* Values are ANDed with masks, so equivalent matches compare equal. */
    set_u(&a, OFPF_IPV4_SRC, 0x0a0b0c0d, 0xffff0000, false);
    set_u(&b, OFPF_IPV4_SRC, 0x0a0bffff, 0xffff0000, false);
    CU_ASSERT_TRUE(ofp_match_equal(&a, &b));
    CU_ASSERT_TRUE(ofp_match_get(&a, OFPF_IPV4_SRC, &v, &mk));
    CU_ASSERT_EQUAL(v.u32, 0x0a0b0000);
    CU_ASSERT_EQUAL(mk.u32, 0xffff0000);
    CU_ASSERT_FALSE(ofp_match_is_exact(&a, OFPF_IPV4_SRC));

    /* A full mask is the same as exact. */
    set_u(&b, OFPF_IPV4_SRC, 0x0a0b0c0d, 0xffffffff, false);
    CU_ASSERT_TRUE(ofp_match_is_exact(&b, OFPF_IPV4_SRC));
    ofp_match_set_ipv4_src(&a, 0x0a0b0c0d, 32);
    CU_ASSERT_TRUE(ofp_match_equal(&a, &b));

    /* Zero mask removes; clear removes; prefix 0 removes. */
    set_u(&a, OFPF_IPV4_SRC, 0x0a0b0c0d, 0, false);
    CU_ASSERT_FALSE(ofp_match_has(&a, OFPF_IPV4_SRC));
    CU_ASSERT_TRUE(ofp_match_is_catchall(&a));
    ofp_match_clear(&b, OFPF_IPV4_SRC);
    CU_ASSERT_TRUE(ofp_match_equal(&a, &b));
    ofp_match_set_ipv4_dst(&a, 0x0a0b0c0d, 0);
    CU_ASSERT_TRUE(ofp_match_is_catchall(&a));

    /* Bits above the field width are dropped by set. */
    set_exact(&a, OFPF_VLAN_PCP, 0xff);
    CU_ASSERT_EQUAL(a.v.vlan_pcp, 7);
    CU_ASSERT_EQUAL(a.m.vlan_pcp, 7);
    ofp_match_set_vlan_vid(&a, 0xffff);
    CU_ASSERT_EQUAL(a.v.vlan_vid, 0x1fff);
    ofp_match_set_no_vlan(&a);
    CU_ASSERT_EQUAL(a.v.vlan_vid, OFPVID_NONE);
    CU_ASSERT_TRUE(ofp_match_is_exact(&a, OFPF_VLAN_VID));

    /* Different fields or masks differ. */
    ofp_match_init_catchall(&a);
    ofp_match_init_catchall(&b);
    ofp_match_set_in_port(&a, 1);
    CU_ASSERT_FALSE(ofp_match_equal(&a, &b));
    ofp_match_set_in_port(&b, 2);
    CU_ASSERT_FALSE(ofp_match_equal(&a, &b));
    ofp_match_set_in_port(&b, 1);
    CU_ASSERT_TRUE(ofp_match_equal(&a, &b));
    ofp_match_set_ipv4_src(&a, 0x0a000000, 8);
    ofp_match_set_ipv4_src(&b, 0x0a000000, 16);
    CU_ASSERT_FALSE(ofp_match_equal(&a, &b));
}

static void
test_matches(void)
{
    struct ofp_match pkt, rule;
    const uint8_t src[6] = { 0x02, 0, 0, 0, 0, 0x11 };
    const uint8_t dst[6] = { 0x01, 0, 0x5e, 0, 0, 0x01 };

    /* A UDP packet to a multicast address on port 3, untagged. */
    ofp_match_init_catchall(&pkt);
    ofp_match_set_in_port(&pkt, 3);
    ofp_match_set_eth_src(&pkt, src);
    ofp_match_set_eth_dst(&pkt, dst);
    ofp_match_set_no_vlan(&pkt);
    ofp_match_set_eth_type(&pkt, 0x0800);
    ofp_match_set_ip_proto(&pkt, 17);
    ofp_match_set_ipv4_src(&pkt, 0x0a010203, 32);
    ofp_match_set_ipv4_dst(&pkt, 0xe0000001, 32);
    set_exact(&pkt, OFPF_UDP_SRC, 5000);
    set_exact(&pkt, OFPF_UDP_DST, 5001);

    ofp_match_init_catchall(&rule);
    CU_ASSERT_TRUE(ofp_match_matches(&rule, &pkt));
    ofp_match_set_ipv4_src(&rule, 0x0a000000, 8);
    CU_ASSERT_TRUE(ofp_match_matches(&rule, &pkt));
    ofp_match_set_ipv4_src(&rule, 0x0b000000, 8);
    CU_ASSERT_FALSE(ofp_match_matches(&rule, &pkt));
    ofp_match_set_ipv4_src(&rule, 0x0a010203, 32);
    CU_ASSERT_TRUE(ofp_match_matches(&rule, &pkt));

    /* Multicast bit of eth_dst. */
    union ofp_field_value v, mk;
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.mac[0] = 1;
    mk.mac[0] = 1;
    ofp_match_set(&rule, OFPF_ETH_DST, &v, &mk);
    CU_ASSERT_TRUE(ofp_match_matches(&rule, &pkt));
    ofp_match_set(&rule, OFPF_ETH_SRC, &v, &mk);
    CU_ASSERT_FALSE(ofp_match_matches(&rule, &pkt));
    ofp_match_clear(&rule, OFPF_ETH_SRC);

    /* VLAN: "no tag" matches, "any tag" does not. */
    ofp_match_set_no_vlan(&rule);
    CU_ASSERT_TRUE(ofp_match_matches(&rule, &pkt));
    set_u(&rule, OFPF_VLAN_VID, OFPVID_PRESENT, OFPVID_PRESENT, false);
    CU_ASSERT_FALSE(ofp_match_matches(&rule, &pkt));
    ofp_match_clear(&rule, OFPF_VLAN_VID);

    /* A field the packet does not have (TCP port on a UDP packet). */
    set_exact(&rule, OFPF_TCP_DST, 5001);
    CU_ASSERT_FALSE(ofp_match_matches(&rule, &pkt));
    ofp_match_clear(&rule, OFPF_TCP_DST);
    set_exact(&rule, OFPF_UDP_DST, 5001);
    CU_ASSERT_TRUE(ofp_match_matches(&rule, &pkt));
    set_u(&rule, OFPF_UDP_DST, 0x1300, 0xff00, false);
    CU_ASSERT_TRUE(ofp_match_matches(&rule, &pkt));   /* 5001 = 0x1389. */
    ofp_match_set_in_port(&rule, 4);
    CU_ASSERT_FALSE(ofp_match_matches(&rule, &pkt));

    /* A tagged packet against "any tag" and a VID. */
    ofp_match_set_vlan_vid(&pkt, 10);
    ofp_match_init_catchall(&rule);
    set_u(&rule, OFPF_VLAN_VID, OFPVID_PRESENT, OFPVID_PRESENT, false);
    CU_ASSERT_TRUE(ofp_match_matches(&rule, &pkt));
    ofp_match_set_vlan_vid(&rule, 10);
    CU_ASSERT_TRUE(ofp_match_matches(&rule, &pkt));
    ofp_match_set_vlan_vid(&rule, 11);
    CU_ASSERT_FALSE(ofp_match_matches(&rule, &pkt));
    ofp_match_set_no_vlan(&rule);
    CU_ASSERT_FALSE(ofp_match_matches(&rule, &pkt));
}

static void
test_format(void)
{
    struct ofp_match m;
    union ofp_field_value v, mk;
    struct ds s = DS_EMPTY_INITIALIZER;

    ofp_match_init_catchall(&m);
    assert_format(&m, "any");

    ofp_match_set_in_port(&m, 1);
    ofp_match_set_eth_type(&m, 0x0800);
    ofp_match_set_ipv4_src(&m, 0x0a000000, 8);
    assert_format(&m, "in_port=1,eth_type=0x0800,ipv4_src=10.0.0.0/8");

    set_u(&m, OFPF_IPV4_DST, 0x0a000001, 0xff00ff00, false);
    set_u(&m, OFPF_TUNNEL_ID, 0x1234, UINT64_MAX, false);
    set_u(&m, OFPF_PBB_ISID, 0xabcdef, 0xff0000, false);
    assert_format(&m, "in_port=1,eth_type=0x0800,ipv4_src=10.0.0.0/8,"
                      "ipv4_dst=10.0.0.0/255.0.255.0,pbb_isid=0xab0000/"
                      "0xff0000,tunnel_id=0x1234");

    ofp_match_init_catchall(&m);
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    memcpy(v.mac, "\xaa\xbb\xcc\xdd\xee\xff", 6);
    memcpy(mk.mac, "\xff\xff\xff\x00\x00\x00", 6);
    ofp_match_set(&m, OFPF_ETH_SRC, &v, &mk);
    set_u(&m, OFPF_TCP_SRC, 0x0400, 0xfc00, false);
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.ipv6[0] = 0xfe;
    v.ipv6[1] = 0x80;
    v.ipv6[15] = 1;
    mk.ipv6[0] = 0xff;
    mk.ipv6[15] = 0xff;
    ofp_match_set(&m, OFPF_IPV6_DST, &v, &mk);
    assert_format(&m, "eth_src=aa:bb:cc:00:00:00/ff:ff:ff:00:00:00,"
                      "tcp_src=1024/0xfc00,ipv6_dst=fe00::1/ff00::ff");

    /* One value alone. */
    memset(&v, 0, sizeof v);
    v.u32 = 0xc0a80101;
    ofp_field_format_value(OFPF_ARP_TPA, &v, &s);
    ds_put_char(&s, ' ');
    v.u16 = 0x88cc;
    ofp_field_format_value(OFPF_ETH_TYPE, &v, &s);
    ds_put_char(&s, ' ');
    memset(&v, 0, sizeof v);
    v.u16 = 443;
    ofp_field_format_value(OFPF_UDP_DST, &v, &s);
    ofp_field_format_value(OFPF_N_FIELDS, &v, &s);      /* Ignored. */
    CU_ASSERT_STRING_EQUAL(ds_cstr(&s), "192.168.1.1 0x88cc 443");
    ds_destroy(&s);
}

/* ---- Parsing field values. --------------------------------------------- */

/* Formats field 'f' with 'v'/'mk' (mk NULL: exact), parses the text back
 * and checks the same value and mask come out, and that setting them in a
 * match gives the same match. */
static void
check_field_round_trip(enum ofp_field f, const union ofp_field_value *v,
                       const union ofp_field_value *mk)
{
    const struct ofp_field_info *fi = ofp_field_info(f);
    struct ds text = DS_EMPTY_INITIALIZER;
    struct ds error = DS_EMPTY_INITIALIZER;
    union ofp_field_value v2, mk2;
    bool masked = false;

    ofp_field_format(f, v, mk, &text);
    bool ok = ofp_field_parse(f, ds_cstr(&text), &v2, &mk2, &masked, &error);
    CU_ASSERT_TRUE(ok);
    if (!ok) {
        fprintf(stderr, "\n%s=%s: %s\n", fi->name, ds_cstr(&text),
                ds_cstr(&error));
    }
    CU_ASSERT_STRING_EQUAL(ds_cstr(&error), "");

    struct ofp_match m, m2;
    ofp_match_init_catchall(&m);
    ofp_match_init_catchall(&m2);
    ofp_match_set(&m, f, v, mk);
    ofp_match_set(&m2, f, &v2, &mk2);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));
    /* ct_state says its mask with flags ("+est+trk"), not a '/'. */
    CU_ASSERT_EQUAL(masked, (f == OFPF_CT_STATE
                             ? ds_cstr(&text)[0] == '+'
                               || ds_cstr(&text)[0] == '-'
                             : strchr(ds_cstr(&text), '/') != NULL));
    CU_ASSERT_EQUAL(memcmp(&v2, v, kind_bytes(fi->kind)), 0);

    /* And the text of the parsed value is the same text. */
    struct ds text2 = DS_EMPTY_INITIALIZER;
    ofp_field_format(f, &v2, &mk2, &text2);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&text), ds_cstr(&text2));
    ds_destroy(&text);
    ds_destroy(&text2);
    ds_destroy(&error);
}

/* ---- Open vSwitch connection tracking fields. -------------------------- */

/* eth_type=0x0800,ct_state=+est+trk,ct_zone=7 exactly as ovs-ofctl 3.1
 * writes it ("ovs-ofctl -O OpenFlow13 -mmmmm parse-flow
 * 'ip,ct_state=+trk+est,ct_zone=7,actions=drop'"): NXM class 0x0001,
 * fields 105 (masked, 4+4 bytes) and 106 (2 bytes). */
static const char golden13_ct[] =
    "0001 001c"
    "80000a02 0800"
    "0001d308 00000022 00000022"
    "0001d402 0007"
    "00000000";

static void
make_match_ct(struct ofp_match *m)
{
    union ofp_field_value v, mk;
    ofp_match_init_catchall(m);
    ofp_match_set_eth_type(m, 0x0800);
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.u32 = OFPCS_TRK | OFPCS_EST;
    mk.u32 = OFPCS_TRK | OFPCS_EST;
    ofp_match_set(m, OFPF_CT_STATE, &v, &mk);
    memset(&v, 0, sizeof v);
    v.u16 = 7;
    ofp_match_set(m, OFPF_CT_ZONE, &v, NULL);
}

/* What test_ct_packet_in() keeps of match13_pin_ct. */
static void
build_match_pin_ct(struct ofp_match *m)
{
    union ofp_field_value v;
    ofp_match_init_catchall(m);
    ofp_match_set_in_port(m, 1);
    ofp_match_set_eth_type(m, 0x0800);
    memset(&v, 0, sizeof v);
    v.u32 = OFPCS_NEW | OFPCS_TRK;
    ofp_match_set(m, OFPF_CT_STATE, &v, NULL);
    memset(&v, 0, sizeof v);
    v.u16 = 1;
    ofp_match_set(m, OFPF_CT_ZONE, &v, NULL);
}

static void
test_ct_golden(void)
{
    struct ofp_match m, m2;
    struct ofpbuf b = OFPBUF_INITIALIZER;
    size_t len;

    make_match_ct(&m);
    CU_ASSERT_FALSE(ofp_match_is_exact(&m, OFPF_CT_STATE));
    CU_ASSERT_TRUE(ofp_match_is_exact(&m, OFPF_CT_ZONE));
    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, &len), 0);
    CU_ASSERT_EQUAL(len, 0x1c);
    assert_bytes(&b, golden13_ct);
    CU_ASSERT_EQUAL(decode13_hex(golden13_ct, &m2), 0);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));
    assert_format(&m2, "eth_type=0x0800,ct_state=+est+trk,ct_zone=7");

    /* Neither needs a prerequisite (Open vSwitch: "Prerequisites: none"),
     * and they take part in matching like any field. */
    ofp_match_init_catchall(&m2);
    union ofp_field_value v;
    memset(&v, 0, sizeof v);
    v.u32 = OFPCS_NEW;
    ofp_match_set(&m2, OFPF_CT_STATE, &v, NULL);
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m2), 0);
    CU_ASSERT_EQUAL(ofp_match_check(&m2, OFP13_VERSION, NULL, NULL), 0);
    struct ofp_match pkt;
    ofp_match_init_catchall(&pkt);
    ofp_match_set_eth_type(&pkt, 0x0800);
    v.u32 = OFPCS_TRK | OFPCS_EST | OFPCS_RPL;
    ofp_match_set(&pkt, OFPF_CT_STATE, &v, NULL);
    memset(&v, 0, sizeof v);
    v.u16 = 7;
    ofp_match_set(&pkt, OFPF_CT_ZONE, &v, NULL);
    CU_ASSERT_TRUE(ofp_match_matches(&m, &pkt));
    v.u16 = 8;
    ofp_match_set(&pkt, OFPF_CT_ZONE, &v, NULL);
    CU_ASSERT_FALSE(ofp_match_matches(&m, &pkt));
    ofpbuf_uninit(&b);
}

/* The forms of ct_state Open vSwitch sends: an "exact" match is mask
 * 0xff (what ovs-ofctl writes for ct_state=est|trk), or an unmasked TLV;
 * both are exact in our model, which writes the unmasked one. */
static void
test_ct_ovs_forms(void)
{
    struct ofp_match m, m2;
    CU_ASSERT_EQUAL(decode13_hex("0001 0010 0001d308 00000022 000000ff", &m),
                    0);
    CU_ASSERT_TRUE(ofp_match_is_exact(&m, OFPF_CT_STATE));
    assert_format(&m, "ct_state=est|trk");
    CU_ASSERT_EQUAL(decode13_hex("0001 000c 0001d204 00000022 00000000", &m2),
                    0);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &m2));
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b, NULL), 0);
    assert_bytes(&b, "0001 000c 0001d204 00000022 00000000");
    ofpbuf_uninit(&b);

    /* ct_state=0 (untracked) and ct_state=-trk. */
    CU_ASSERT_EQUAL(decode13_hex("0001 0010 0001d308 00000000 000000ff", &m),
                    0);
    assert_format(&m, "ct_state=0");
    CU_ASSERT_EQUAL(decode13_hex("0001 0010 0001d308 00000000 00000020", &m),
                    0);
    assert_format(&m, "ct_state=-trk");
    CU_ASSERT_EQUAL(decode13_hex("0001 0010 0001d308 000000a1 000000ff", &m),
                    0);
    assert_format(&m, "ct_state=new|trk|dnat");

    /* Malformed: a value with bits ct_state does not have (Open vSwitch:
     * BAD_VALUE too), a mask with them, bits outside the mask, a masked
     * ct_zone, wrong lengths, the fields under the basic class, an NXM
     * field we do not know (ct_mark, 107), a repeat. */
    static const struct {
        const char *hex;
        enum ofperr error;
    } bad[] = {
        { "0001 000c 0001d204 00000100 00000000", OFPERR_OFPBMC_BAD_VALUE },
        { "0001 0010 0001d308 00000000 00000120", OFPERR_OFPBMC_BAD_MASK },
        { "0001 0010 0001d308 00000022 00000020",
          OFPERR_OFPBMC_BAD_WILDCARDS },
        { "0001 000c 0001d504 0007ffff 00000000", OFPERR_OFPBMC_BAD_MASK },
        { "0001 000b 0001d203 000000 00000000 00", OFPERR_OFPBMC_BAD_LEN },
        { "0001 000a 0001d402 00", OFPERR_OFPBMC_BAD_LEN },
        { "0001 000a 0001d404 0000 0000 00000000", OFPERR_OFPBMC_BAD_LEN },
        { "0001 000c 80005004 00000022 00000000", OFPERR_OFPBMC_BAD_FIELD },
        { "0001 000a 80005202 0007 000000000000", OFPERR_OFPBMC_BAD_FIELD },
        { "0001 000c 0001d604 00000001 00000000", OFPERR_OFPBMC_BAD_FIELD },
        { "0001 0010 0001d402 0007 0001d402 0008",
          OFPERR_OFPBMC_DUP_FIELD },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum ofperr error = decode13_hex(bad[i].hex, &m);
        CU_ASSERT_EQUAL(error, bad[i].error);
        if (error != bad[i].error) {
            fprintf(stderr, "\ncase %zu (%s): got %s, want %s\n", i,
                    bad[i].hex, ofperr_name(error),
                    ofperr_name(bad[i].error));
        }
    }

    /* Every prefix and every corrupted byte of the golden match: an error
     * or a match that encodes again, never a crash. */
    size_t size;
    uint8_t *golden = unit_hex(golden13_ct, &size);
    for (size_t cut = 0; cut < size; cut++) {
        struct ofp_cursor c = ofp_cursor_init(golden, cut);
        CU_ASSERT_NOT_EQUAL(ofp_match_decode_of13(&c, &m), 0);
    }
    for (size_t i = 0; i < size; i++) {
        for (int bit = 0; bit < 8; bit++) {
            uint8_t *copy = xmalloc(size);
            memcpy(copy, golden, size);
            copy[i] ^= (uint8_t) (1 << bit);
            struct ofp_cursor c = ofp_cursor_init(copy, size);
            if (!ofp_match_decode_of13(&c, &m)) {
                struct ofpbuf b2 = OFPBUF_INITIALIZER;
                CU_ASSERT_EQUAL(ofp_match_encode_of13(&m, &b2, NULL), 0);
                ofpbuf_uninit(&b2);
            }
            free(copy);
        }
    }
    free(golden);
}

/* A packet-in's match as Open vSwitch fills it after a ct action: besides
 * ct_state and ct_zone, Nicira fields we do not model (ct_nw_proto 119,
 * ct_nw_src 120, ct_nw_dst 121, ct_tp_src 124, ct_tp_dst 125, ct_mark 107,
 * reg0 as NXM class 0x0001 field 0).  The packet-in decoder skips those;
 * the rule decoder refuses them. */
static const char match13_pin_ct[] =
    "0001 0051"
    "80000004 00000001"
    "80000a02 0800"
    "0001d204 00000021"
    "0001d402 0001"
    "0001ee01 06"
    "0001f004 0a000001"
    "0001f204 0a000002"
    "0001f802 1234"
    "0001fa02 0050"
    "0001d604 00000005"
    "00010004 00000007"
    "00000000 000000";

static void
test_ct_packet_in(void)
{
    struct ofp_match m, want;
    size_t n;
    uint8_t *data = unit_hex(match13_pin_ct, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    struct ofp_cursor c = ofp_cursor_init(data, n);
    CU_ASSERT_EQUAL(ofp_match_decode_of13_packet_in(&c, &m), 0);
    CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), 0);
    build_match_pin_ct(&want);
    CU_ASSERT_TRUE(ofp_match_equal(&m, &want));
    assert_format(&m, "in_port=1,eth_type=0x0800,ct_state=new|trk,"
                  "ct_zone=1");
    c = ofp_cursor_init(data, n);
    CU_ASSERT_EQUAL(ofp_match_decode_of13(&c, &m), OFPERR_OFPBMC_BAD_FIELD);
    free(data);

    /* Skipping is for Nicira classes only, and never past the match; the
     * fields we know are still checked. */
    static const struct {
        const char *hex;
        enum ofperr error;
    } cases[] = {
        { "0001 000c 0000 0204 00000001 00000000", 0 },    /* NXM_OF_?. */
        { "0001 000c 80005004 00000001 00000000", OFPERR_OFPBMC_BAD_FIELD },
        { "0001 000c ffff0004 00000001 00000000", OFPERR_OFPBMC_BAD_FIELD },
        { "0001 000c 0001d608 00000001 00000000", OFPERR_OFPBMC_BAD_LEN },
        { "0001 000a 0001d604 0000 000000000000", OFPERR_OFPBMC_BAD_LEN },
        { "0001 000c 0001d204 00000100 00000000", OFPERR_OFPBMC_BAD_VALUE },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        data = unit_hex(cases[i].hex, &n);
        CU_ASSERT_PTR_NOT_NULL_FATAL(data);
        c = ofp_cursor_init(data, n);
        enum ofperr error = ofp_match_decode_of13_packet_in(&c, &m);
        CU_ASSERT_EQUAL(error, cases[i].error);
        if (error != cases[i].error) {
            fprintf(stderr, "\ncase %zu (%s): got %s, want %s\n", i,
                    cases[i].hex, ofperr_name(error),
                    ofperr_name(cases[i].error));
        }
        CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), error ? n : 0);
        free(data);
    }
}

/* OpenFlow 1.0 cannot say either field: refused, with the reason. */
static void
test_ct_of10(void)
{
    struct ofp_match m;
    make_match_ct(&m);
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_match_encode_of10(&m, &b), OFPERR_OFPBMC_BAD_FIELD);
    CU_ASSERT_EQUAL(b.size, 0);
    ofpbuf_uninit(&b);

    struct ds why = DS_EMPTY_INITIALIZER;
    enum ofp_field f;
    CU_ASSERT_EQUAL(ofp_match_check(&m, OFP10_VERSION, &why, &f),
                    OFPERR_OFPBMC_BAD_FIELD);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why),
                           "ct_state cannot be matched in OpenFlow 1.0");
    CU_ASSERT_EQUAL(f, OFPF_CT_STATE);
    ds_clear(&why);
    ofp_match_clear(&m, OFPF_CT_STATE);
    CU_ASSERT_EQUAL(ofp_match_check_version(&m, OFP10_VERSION, &why),
                    OFPERR_OFPBMC_BAD_FIELD);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why),
                           "ct_zone cannot be matched in OpenFlow 1.0");
    ds_destroy(&why);
}

/* ct_state text: "+flag-flag" (masked), "flag|flag" (exact), numbers. */
static void
test_ct_parse(void)
{
    static const struct {
        const char *text;
        uint32_t value, mask;
        bool masked;
        const char *printed;
    } cases[] = {
        { "+trk+est", 0x22, 0x22, true, "+est+trk" },
        { "+trk+new-est", 0x21, 0x23, true, "+new-est+trk" },
        { "-trk", 0, 0x20, true, "-trk" },
        { "+new+est+rel+rpl+inv+trk+snat+dnat", 0xff, 0xff, false,
          "new|est|rel|rpl|inv|trk|snat|dnat" },
        { "trk|est", 0x22, 0xff, false, "est|trk" },
        { "inv", 0x10, 0xff, false, "inv" },
        { "0", 0, 0xff, false, "0" },
        { "34", 0x22, 0xff, false, "est|trk" },
        { "0x22/0x22", 0x22, 0x22, true, "+est+trk" },
        { "0x23/0x22", 0x22, 0x22, true, "+est+trk" },
        { "0/0x80", 0, 0x80, true, "-dnat" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        union ofp_field_value v, mk;
        bool masked = !cases[i].masked;
        struct ds error = DS_EMPTY_INITIALIZER;
        bool ok = ofp_field_parse(OFPF_CT_STATE, cases[i].text, &v, &mk,
                                  &masked, &error);
        CU_ASSERT_TRUE(ok);
        if (!ok) {
            fprintf(stderr, "\n%s: %s\n", cases[i].text, ds_cstr(&error));
            ds_destroy(&error);
            continue;
        }
        CU_ASSERT_EQUAL(v.u32, cases[i].value);
        CU_ASSERT_EQUAL(mk.u32, cases[i].mask);
        CU_ASSERT_EQUAL(masked, cases[i].masked);
        struct ds s = DS_EMPTY_INITIALIZER;
        ofp_field_format(OFPF_CT_STATE, &v, &mk, &s);
        CU_ASSERT_STRING_EQUAL(ds_cstr(&s), cases[i].printed);
        if (strcmp(ds_cstr(&s), cases[i].printed)) {
            fprintf(stderr, "\n%s printed as %s\n", cases[i].text,
                    ds_cstr(&s));
        }
        ds_destroy(&s);
        ds_destroy(&error);
    }

    /* The exact form without room for a mask; the flag form needs one. */
    union ofp_field_value v;
    struct ds error = DS_EMPTY_INITIALIZER;
    CU_ASSERT_TRUE(ofp_field_parse(OFPF_CT_STATE, "est|trk", &v, NULL, NULL,
                                   &error));
    CU_ASSERT_EQUAL(v.u32, 0x22);
    CU_ASSERT_FALSE(ofp_field_parse(OFPF_CT_STATE, "+trk", &v, NULL, NULL,
                                    &error));
    CU_ASSERT_STRING_EQUAL(ds_cstr(&error), "ct_state cannot be masked here");
    ds_destroy(&error);

    /* One value alone prints in the exact form; a zero mask as OVS does. */
    struct ds s = DS_EMPTY_INITIALIZER;
    union ofp_field_value mk;
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.u32 = OFPCS_SNAT | OFPCS_TRK;
    ofp_field_format_value(OFPF_CT_STATE, &v, &s);
    ds_put_char(&s, ' ');
    ofp_field_format(OFPF_CT_STATE, &v, NULL, &s);
    ds_put_char(&s, ' ');
    v.u32 = 0;
    ofp_field_format(OFPF_CT_STATE, &v, &mk, &s);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&s), "trk|snat trk|snat 0/0");
    ds_destroy(&s);
}

static void
test_field_parse_round_trip(void)
{
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        enum ofp_field f = (enum ofp_field) i;
        const struct ofp_field_info *fi = ofp_field_info(f);
        union ofp_field_value v, mk;

        /* Exact, as a pattern using the top and bottom bits, as zero and
         * as the largest value. */
        make_value(fi, false, &v, &mk);
        check_field_round_trip(f, &v, NULL);
        check_field_round_trip(f, &v, &mk);
        memset(&v, 0, sizeof v);
        check_field_round_trip(f, &v, NULL);
        memset(&v, 0, sizeof v);
        memcpy(&v, &mk, sizeof v);
        if (f != OFPF_VLAN_VID) {
            check_field_round_trip(f, &v, NULL);
        }
        if (!fi->maskable) {
            continue;
        }
        /* Masked with a pattern, and with a CIDR prefix. */
        make_value(fi, true, &v, &mk);
        check_field_round_trip(f, &v, &mk);
        if (fi->kind == OFPFK_IPV6 || f == OFPF_IPV4_SRC
            || f == OFPF_IPV4_DST || f == OFPF_ARP_SPA
            || f == OFPF_ARP_TPA) {
            memset(&mk, 0, sizeof mk);
            if (fi->kind == OFPFK_IPV6) {
                memset(mk.ipv6, 0xff, 8);
                mk.ipv6[8] = 0xe0;      /* /67 */
            } else {
                mk.u32 = 0xfffff000;    /* /20 */
            }
            for (size_t j = 0; j < sizeof v; j++) {
                ((uint8_t *) &v)[j] &= ((uint8_t *) &mk)[j];
            }
            check_field_round_trip(f, &v, &mk);
        }
    }
}

/* Parses 'text' for 'f' and expects success with the printed form 'want'
 * (value, then "/mask" when masked). */
static void
expect_field(enum ofp_field f, const char *text, const char *want)
{
    union ofp_field_value v, mk;
    struct ds error = DS_EMPTY_INITIALIZER;
    struct ds got = DS_EMPTY_INITIALIZER;
    bool ok = ofp_field_parse(f, text, &v, &mk, NULL, &error);
    CU_ASSERT_TRUE(ok);
    if (ok) {
        ofp_field_format(f, &v, &mk, &got);
    }
    CU_ASSERT_STRING_EQUAL(ds_cstr(&got), want);
    if (strcmp(ds_cstr(&got), want)) {
        fprintf(stderr, "\n%s: got '%s' (%s), want '%s'\n", text,
                ds_cstr(&got), ds_cstr(&error), want);
    }
    ds_destroy(&error);
    ds_destroy(&got);
}

static void
test_field_parse_forms(void)
{
    /* Either base for any integer field; no octal. */
    expect_field(OFPF_ETH_TYPE, "2048", "0x0800");
    expect_field(OFPF_ETH_TYPE, "0X86DD", "0x86dd");
    expect_field(OFPF_TCP_DST, "0x50", "80");
    expect_field(OFPF_TCP_DST, "080", "80");
    expect_field(OFPF_IN_PORT, "4294967295", "4294967295");
    expect_field(OFPF_METADATA, "0xffffffffffffffff", "0xffffffffffffffff");
    expect_field(OFPF_METADATA, "18446744073709551615",
                 "0xffffffffffffffff");
    /* Integer masks are numbers, in either base. */
    expect_field(OFPF_METADATA, "0x1234/0xff00", "0x1200/0xff00");
    expect_field(OFPF_VLAN_VID, "0x1000/4096", "0x1000/0x1000");
    expect_field(OFPF_VLAN_VID, "0x0005/0x0fff", "0x0005/0x0fff");
    /* Values are ANDed with their masks. */
    expect_field(OFPF_IPV4_DST, "10.1.2.3/8", "10.0.0.0/8");
    expect_field(OFPF_IPV4_DST, "10.1.2.3/32", "10.1.2.3");
    expect_field(OFPF_IPV4_SRC, "10.1.2.3/255.0.255.0",
                 "10.0.2.0/255.0.255.0");
    expect_field(OFPF_IPV4_SRC, "10.1.2.3/255.255.0.0", "10.1.0.0/16");
    expect_field(OFPF_ARP_TPA, "1.2.3.4/0", "0.0.0.0/0");
    expect_field(OFPF_IPV6_SRC, "FE80::1:2/10", "fe80::/10");
    expect_field(OFPF_IPV6_DST, "2001:db8::1/ffff:ffff::", "2001:db8::/32");
    expect_field(OFPF_IPV6_DST, "::1/::ff", "::1/::ff");
    expect_field(OFPF_IPV6_ND_TARGET, "::ffff:10.0.0.1", "::ffff:10.0.0.1");
    expect_field(OFPF_ETH_SRC, "00:11:22:AA:bb:Cc", "00:11:22:aa:bb:cc");
    expect_field(OFPF_ETH_DST, "01:00:00:00:00:00/01:00:00:00:00:00",
                 "01:00:00:00:00:00/01:00:00:00:00:00");

    /* No mask: '*mask' is all ones of the field's width; '*masked' says
     * whether the text had one. */
    union ofp_field_value v, mk;
    bool masked = true;
    CU_ASSERT_TRUE(ofp_field_parse(OFPF_VLAN_VID, "0x1005", &v, &mk, &masked,
                                   NULL));
    CU_ASSERT_EQUAL(v.u16, 0x1005);
    CU_ASSERT_EQUAL(mk.u16, 0x1fff);
    CU_ASSERT_FALSE(masked);
    CU_ASSERT_TRUE(ofp_field_parse(OFPF_IPV4_SRC, "10.0.0.0/32", &v, &mk,
                                   &masked, NULL));
    CU_ASSERT_EQUAL(mk.u32, 0xffffffff);
    CU_ASSERT_TRUE(masked);
    /* Without room for a mask, a value still parses. */
    CU_ASSERT_TRUE(ofp_field_parse(OFPF_IPV4_SRC, "10.0.0.1", &v, NULL, NULL,
                                   NULL));
    CU_ASSERT_EQUAL(v.u32, 0x0a000001);
}

static void
test_field_parse_errors(void)
{
    static const struct {
        enum ofp_field field;
        const char *text;
        const char *error;
    } bad[] = {
        { OFPF_TCP_DST, "70000",
          "value 70000 out of range for tcp_dst (0..65535)" },
        { OFPF_IP_PROTO, "6/0xff", "ip_proto cannot be masked" },
        { OFPF_IN_PORT, "1/1", "in_port cannot be masked" },
        { OFPF_TCP_DST, "", "empty value for tcp_dst" },
        { OFPF_TCP_DST, "-1", "invalid value '-1' for tcp_dst (expected a "
          "decimal or 0x-hex number)" },
        { OFPF_TCP_DST, " 80", "invalid value ' 80' for tcp_dst (expected "
          "a decimal or 0x-hex number)" },
        { OFPF_TCP_DST, "0x", "invalid value '0x' for tcp_dst (expected a "
          "decimal or 0x-hex number)" },
        { OFPF_TCP_DST, "80.5", "invalid value '80.5' for tcp_dst (expected "
          "a decimal or 0x-hex number)" },
        { OFPF_IN_PORT, "LOCAL", "invalid value 'LOCAL' for in_port "
          "(expected a decimal or 0x-hex number)" },
        { OFPF_ETH_TYPE, "0x10000",
          "value 0x10000 out of range for eth_type (0..0xffff)" },
        { OFPF_METADATA, "99999999999999999999", "value "
          "99999999999999999999 out of range for metadata "
          "(0..0xffffffffffffffff)" },
        { OFPF_MPLS_LABEL, "1048576",
          "value 1048576 out of range for mpls_label (0..1048575)" },
        { OFPF_IPV6_FLABEL, "0x100000",
          "value 0x100000 out of range for ipv6_flabel (0..0xfffff)" },
        { OFPF_VLAN_PCP, "8", "value 8 out of range for vlan_pcp (0..7)" },
        { OFPF_VLAN_VID, "0x2000",
          "value 0x2000 out of range for vlan_vid (0..0x1fff)" },
        { OFPF_VLAN_VID, "0x1000/0x2000",
          "mask 0x2000 out of range for vlan_vid (0..0x1fff)" },
        { OFPF_VLAN_VID, "0x0005", "value 0x0005 for vlan_vid has VLAN id "
          "bits without OFPVID_PRESENT (0x1000)" },
        { OFPF_METADATA, "1/x", "invalid mask 'x' for metadata (expected a "
          "decimal or 0x-hex number)" },
        { OFPF_IPV4_SRC, "10.0.0", "invalid value '10.0.0' for ipv4_src "
          "(expected an IPv4 address like 10.0.0.1)" },
        { OFPF_IPV4_SRC, "167772161", "invalid value '167772161' for "
          "ipv4_src (expected an IPv4 address like 10.0.0.1)" },
        { OFPF_IPV4_DST, "10.0.0.0/33",
          "prefix length 33 out of range for ipv4_dst (0..32)" },
        { OFPF_IPV4_DST, "10.0.0.0/", "empty mask for ipv4_dst" },
        { OFPF_IPV4_DST, "10.0.0.0/24/8", "invalid mask '24/8' for ipv4_dst "
          "(expected a prefix length 0..32 or an IPv4 address mask like "
          "255.255.255.0)" },
        { OFPF_ARP_SPA, "10.0.0.0/0xff000000", "invalid mask '0xff000000' "
          "for arp_spa (expected a prefix length 0..32 or an IPv4 address "
          "mask like 255.255.255.0)" },
        { OFPF_ETH_SRC, "00:11:22:33:44", "invalid value '00:11:22:33:44' "
          "for eth_src (expected a MAC address like 00:11:22:33:44:55)" },
        { OFPF_ETH_SRC, "00-11-22-33-44-55", "invalid value "
          "'00-11-22-33-44-55' for eth_src (expected a MAC address like "
          "00:11:22:33:44:55)" },
        { OFPF_ETH_DST, "00:11:22:33:44:55/24", "invalid mask '24' for "
          "eth_dst (expected a MAC address mask like ff:ff:ff:00:00:00)" },
        { OFPF_IPV6_ND_SLL, "00:11:22:33:44:55/ff:ff:ff:ff:ff:ff",
          "ipv6_nd_sll cannot be masked" },
        { OFPF_IPV6_SRC, "2001:db8::g", "invalid value '2001:db8::g' for "
          "ipv6_src (expected an IPv6 address like 2001:db8::1)" },
        { OFPF_IPV6_SRC, "10.0.0.1", "invalid value '10.0.0.1' for ipv6_src "
          "(expected an IPv6 address like 2001:db8::1)" },
        { OFPF_IPV6_DST, "::1/129",
          "prefix length 129 out of range for ipv6_dst (0..128)" },
        { OFPF_IPV6_DST, "::1/ffff::g", "invalid mask 'ffff::g' for ipv6_dst "
          "(expected a prefix length 0..128 or an IPv6 address mask like "
          "ffff:ffff::)" },
        { OFPF_IPV6_ND_TARGET, "::1/64", "ipv6_nd_target cannot be masked" },
        /* Long text is quoted only in part; odd bytes show as '?'. */
        { OFPF_TCP_SRC, "0123456789012345678901234567890123456789tail",
          "invalid value '0123456789012345678901234567890123456789...' for "
          "tcp_src (expected a decimal or 0x-hex number)" },
        { OFPF_TCP_SRC, "8\t0\x01", "invalid value '8?0?' for tcp_src "
          "(expected a decimal or 0x-hex number)" },
        { OFPF_N_FIELDS, "1", "unknown field 42" },
        /* ct_state: Open vSwitch's flags, or numbers of 8 bits. */
        { OFPF_CT_STATE, "+trk+bogus", "unknown ct_state flag 'bogus' "
          "(expected new, est, rel, rpl, inv, trk, snat or dnat)" },
        { OFPF_CT_STATE, "trk+est", "unknown ct_state flag 'trk+est' "
          "(expected new, est, rel, rpl, inv, trk, snat or dnat)" },
        { OFPF_CT_STATE, "+TRK", "unknown ct_state flag 'TRK' "
          "(expected new, est, rel, rpl, inv, trk, snat or dnat)" },
        { OFPF_CT_STATE, "+trk-trk", "ct_state flag trk given twice" },
        { OFPF_CT_STATE, "est|est", "ct_state flag est given twice" },
        { OFPF_CT_STATE, "est|", "invalid value 'est|' for ct_state "
          "(expected flags like +trk+est or est|trk, or a number)" },
        { OFPF_CT_STATE, "|est", "invalid value '|est' for ct_state "
          "(expected flags like +trk+est or est|trk, or a number)" },
        { OFPF_CT_STATE, "+", "invalid value '+' for ct_state "
          "(expected flags like +trk+est or est|trk, or a number)" },
        { OFPF_CT_STATE, "++trk", "invalid value '++trk' for ct_state "
          "(expected flags like +trk+est or est|trk, or a number)" },
        { OFPF_CT_STATE, "", "empty value for ct_state" },
        { OFPF_CT_STATE, "0x100",
          "value 0x100 out of range for ct_state (0..255)" },
        { OFPF_CT_STATE, "0x22/0x122",
          "mask 0x122 out of range for ct_state (0..255)" },
        { OFPF_CT_ZONE, "1/1", "ct_zone cannot be masked" },
        { OFPF_CT_ZONE, "65536",
          "value 65536 out of range for ct_zone (0..65535)" },
        { OFPF_CT_ZONE, "+trk", "invalid value '+trk' for ct_zone "
          "(expected a decimal or 0x-hex number)" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        union ofp_field_value v, mk;
        memset(&v, 0x5a, sizeof v);
        memset(&mk, 0x5a, sizeof mk);
        bool masked = true;
        struct ds error = DS_EMPTY_INITIALIZER;
        CU_ASSERT_FALSE(ofp_field_parse(bad[i].field, bad[i].text, &v, &mk,
                                        &masked, &error));
        CU_ASSERT_STRING_EQUAL(ds_cstr(&error), bad[i].error);
        if (strcmp(ds_cstr(&error), bad[i].error)) {
            fprintf(stderr, "\n%s: got '%s'\n   want '%s'\n", bad[i].text,
                    ds_cstr(&error), bad[i].error);
        }
        /* Outputs untouched. */
        CU_ASSERT_EQUAL(v.u8, 0x5a);
        CU_ASSERT_EQUAL(mk.u8, 0x5a);
        CU_ASSERT_TRUE(masked);
        ds_destroy(&error);
        /* A NULL 'error' is fine. */
        CU_ASSERT_FALSE(ofp_field_parse(bad[i].field, bad[i].text, &v, &mk,
                                        NULL, NULL));
    }

    /* A maskable field where the caller has no room for a mask. */
    struct ds error = DS_EMPTY_INITIALIZER;
    union ofp_field_value v;
    CU_ASSERT_FALSE(ofp_field_parse(OFPF_IPV4_SRC, "10.0.0.0/8", &v, NULL,
                                    NULL, &error));
    CU_ASSERT_STRING_EQUAL(ds_cstr(&error), "ipv4_src cannot be masked here");
    /* Messages are appended. */
    CU_ASSERT_FALSE(ofp_field_parse(OFPF_TCP_DST, "x", &v, NULL, NULL,
                                    &error));
    UNIT_ASSERT_CONTAINS(ds_cstr(&error), "cannot be masked hereinvalid");
    ds_destroy(&error);
}

static void
test_match_check(void)
{
    struct ofp_match m;
    struct ds why = DS_EMPTY_INITIALIZER;
    enum ofp_field f = OFPF_IN_PORT;

    ofp_match_init_catchall(&m);
    set_exact(&m, OFPF_TCP_DST, 80);
    CU_ASSERT_EQUAL(ofp_match_check(&m, 0, &why, &f),
                    OFPERR_OFPBMC_BAD_PREREQ);
    CU_ASSERT_EQUAL(f, OFPF_TCP_DST);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why), "tcp_dst requires ip_proto=6");

    ds_clear(&why);
    ofp_match_set_eth_type(&m, 0x0800);
    ofp_match_set_ip_proto(&m, 6);
    CU_ASSERT_EQUAL(ofp_match_check(&m, 0, &why, &f), 0);
    CU_ASSERT_EQUAL(f, OFPF_N_FIELDS);
    CU_ASSERT_EQUAL(ofp_match_check(&m, OFP10_VERSION, &why, &f), 0);
    CU_ASSERT_EQUAL(ofp_match_check(&m, OFP13_VERSION, NULL, NULL), 0);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why), "");

    /* Prerequisites hold, but 1.0 cannot say it. */
    union ofp_field_value v, mk;
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.u32 = 0x0a000001;
    mk.u32 = 0xff00ff00;
    ofp_match_set(&m, OFPF_IPV4_SRC, &v, &mk);
    CU_ASSERT_EQUAL(ofp_match_check(&m, OFP13_VERSION, &why, &f), 0);
    CU_ASSERT_EQUAL(ofp_match_check(&m, OFP10_VERSION, &why, &f),
                    OFPERR_OFPBMC_BAD_NW_ADDR_MASK);
    CU_ASSERT_EQUAL(f, OFPF_IPV4_SRC);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why), "ipv4_src mask is not a CIDR "
                           "prefix, which OpenFlow 1.0 requires");

    /* No one field is at fault. */
    ds_clear(&why);
    CU_ASSERT_EQUAL(ofp_match_check(&m, 0x02, &why, &f),
                    OFPERR_OFPBRC_BAD_VERSION);
    CU_ASSERT_EQUAL(f, OFPF_N_FIELDS);
    ds_destroy(&why);
}

/* ofp_match_covers(): every packet 'b' matches, 'a' matches too. */
static void
test_match_covers(void)
{
    struct ofp_match any, net8, net24, host, tcp80, tcp, v6;
    ofp_match_init_catchall(&any);

    ofp_match_init_catchall(&net8);
    ofp_match_set_eth_type(&net8, 0x0800);
    ofp_match_set_ipv4_dst(&net8, 0x0a000000, 8);
    net24 = net8;
    ofp_match_set_ipv4_dst(&net24, 0x0a000100, 24);
    host = net8;
    ofp_match_set_ipv4_dst(&host, 0x0a000105, 32);

    /* Reflexive; the catch-all covers everything, nothing else covers it. */
    CU_ASSERT_TRUE(ofp_match_covers(&any, &any));
    CU_ASSERT_TRUE(ofp_match_covers(&net24, &net24));
    CU_ASSERT_TRUE(ofp_match_covers(&any, &host));
    CU_ASSERT_FALSE(ofp_match_covers(&net8, &any));

    /* Prefixes: broader covers narrower, never the other way. */
    CU_ASSERT_TRUE(ofp_match_covers(&net8, &net24));
    CU_ASSERT_TRUE(ofp_match_covers(&net24, &host));
    CU_ASSERT_TRUE(ofp_match_covers(&net8, &host));
    CU_ASSERT_FALSE(ofp_match_covers(&net24, &net8));
    CU_ASSERT_FALSE(ofp_match_covers(&host, &net24));

    /* Same prefix length, different network: disjoint. */
    struct ofp_match other = net8;
    ofp_match_set_ipv4_dst(&other, 0x0a000200, 24);
    CU_ASSERT_FALSE(ofp_match_covers(&net24, &other));
    CU_ASSERT_FALSE(ofp_match_covers(&other, &net24));

    /* Extra fields narrow: tcp covers tcp/80, not the reverse. */
    tcp = net24;
    ofp_match_set_ip_proto(&tcp, 6);
    tcp80 = tcp;
    set_exact(&tcp80, OFPF_TCP_DST, 80);
    CU_ASSERT_TRUE(ofp_match_covers(&net24, &tcp80));
    CU_ASSERT_TRUE(ofp_match_covers(&tcp, &tcp80));
    CU_ASSERT_FALSE(ofp_match_covers(&tcp80, &tcp));
    struct ofp_match tcp22 = tcp;
    set_exact(&tcp22, OFPF_TCP_DST, 22);
    CU_ASSERT_FALSE(ofp_match_covers(&tcp22, &tcp80));

    /* A field the broader match has, the narrower one lacks. */
    struct ofp_match port1 = any;
    ofp_match_set_in_port(&port1, 1);
    CU_ASSERT_FALSE(ofp_match_covers(&port1, &net24));
    struct ofp_match both = net24;
    ofp_match_set_in_port(&both, 1);
    CU_ASSERT_TRUE(ofp_match_covers(&port1, &both));

    /* Arbitrary masks: 'a''s mask bits must all be fixed by 'b'. */
    union ofp_field_value v, mk;
    struct ofp_match odd = net8, hostmask = net8;
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.u32 = 0x0a000001;
    mk.u32 = 0xff0000ff;          /* 10.*.*.1 */
    ofp_match_set(&odd, OFPF_IPV4_DST, &v, &mk);
    CU_ASSERT_TRUE(ofp_match_covers(&odd, &host) == false); /* .5 */
    v.u32 = 0x0a010101;
    mk.u32 = 0xffffffff;
    ofp_match_set(&hostmask, OFPF_IPV4_DST, &v, &mk);
    CU_ASSERT_TRUE(ofp_match_covers(&odd, &hostmask));
    CU_ASSERT_FALSE(ofp_match_covers(&odd, &net24));

    /* IPv6 byte arrays and a family mismatch. */
    ofp_match_init_catchall(&v6);
    ofp_match_set_eth_type(&v6, 0x86dd);
    union ofp_field_value a6, m6;
    CU_ASSERT_TRUE(ofp_field_parse(OFPF_IPV6_SRC, "2001:db8::/32", &a6, &m6,
                                   NULL, NULL));
    struct ofp_match v6net = v6, v6host = v6;
    ofp_match_set(&v6net, OFPF_IPV6_SRC, &a6, &m6);
    CU_ASSERT_TRUE(ofp_field_parse(OFPF_IPV6_SRC, "2001:db8:1::5", &a6, &m6,
                                   NULL, NULL));
    ofp_match_set(&v6host, OFPF_IPV6_SRC, &a6, &m6);
    CU_ASSERT_TRUE(ofp_match_covers(&v6net, &v6host));
    CU_ASSERT_FALSE(ofp_match_covers(&v6host, &v6net));
    CU_ASSERT_FALSE(ofp_match_covers(&v6, &net8));
    CU_ASSERT_FALSE(ofp_match_covers(&net8, &v6host));

    /* Consistent with ofp_match_matches() on one packet. */
    struct ofp_match pkt;
    ofp_match_init_catchall(&pkt);
    ofp_match_set_eth_type(&pkt, 0x0800);
    ofp_match_set_ip_proto(&pkt, 6);
    ofp_match_set_ipv4_dst(&pkt, 0x0a000105, 32);
    set_exact(&pkt, OFPF_TCP_DST, 80);
    CU_ASSERT_TRUE(ofp_match_covers(&tcp80, &pkt));
    CU_ASSERT_TRUE(ofp_match_matches(&tcp80, &pkt));
    CU_ASSERT_FALSE(ofp_match_covers(&tcp22, &pkt));
    CU_ASSERT_FALSE(ofp_match_matches(&tcp22, &pkt));
}

/* ofp_match_field_bytes() points at a field's value and mask in the
 * match, with the field's storage size. */
static void
test_field_bytes(void)
{
    struct ofp_match m;
    const uint8_t *v = NULL, *mk = NULL;
    ofp_match_init_catchall(&m);
    ofp_match_set_ipv4_src(&m, 0x0a010203, 16);
    CU_ASSERT_EQUAL(ofp_match_field_bytes(&m, OFPF_IPV4_SRC, &v, &mk), 4);
    CU_ASSERT_PTR_EQUAL(v, (const uint8_t *) &m.v.ipv4_src);
    CU_ASSERT_PTR_EQUAL(mk, (const uint8_t *) &m.m.ipv4_src);
    CU_ASSERT_EQUAL(m.v.ipv4_src, 0x0a010000);
    CU_ASSERT_EQUAL(m.m.ipv4_src, 0xffff0000);
    CU_ASSERT_EQUAL(ofp_match_field_bytes(&m, OFPF_IPV6_DST, &v, &mk), 16);
    CU_ASSERT_PTR_EQUAL(v, m.v.ipv6_dst);
    CU_ASSERT_EQUAL(ofp_match_field_bytes(&m, OFPF_ETH_SRC, &v, &mk), 6);
    CU_ASSERT_EQUAL(ofp_match_field_bytes(&m, OFPF_IP_PROTO, &v, &mk), 1);
    CU_ASSERT_EQUAL(ofp_match_field_bytes(&m, OFPF_TUNNEL_ID, &v, &mk), 8);
    v = mk = NULL;
    CU_ASSERT_EQUAL(ofp_match_field_bytes(&m, OFPF_N_FIELDS, &v, &mk), 0);
    CU_ASSERT_PTR_NULL(v);
    CU_ASSERT_PTR_NULL(mk);
}

void
test_match_register(void)
{
    static const CU_TestInfo tests[] = {
        { "field table", test_field_table },
        { "oxm round trip, every field", test_oxm_roundtrip_all },
        { "oxm golden", test_oxm_golden_one },
        { "oxm errors", test_oxm_errors },
        { "of13 golden tcp", test_of13_golden_tcp },
        { "of13 golden ipv6", test_of13_golden_v6 },
        { "of13 golden arp", test_of13_golden_arp },
        { "of13 decode errors", test_of13_decode_errors },
        { "of13 decode ok", test_of13_decode_ok },
        { "of13 encode refusals", test_of13_encode_refusals },
        { "prerequisites", test_prereqs },
        { "of10 golden", test_of10_golden },
        { "of10 decode rules", test_of10_decode_rules },
        { "of10 refusals", test_of10_refusals },
        { "of13 truncation and corruption",
          test_of13_truncation_corruption },
        { "cross version", test_cross_version },
        { "set and get", test_set_get },
        { "matches", test_matches },
        { "format", test_format },
        { "parse field values, round trip", test_field_parse_round_trip },
        { "parse field values, accepted forms", test_field_parse_forms },
        { "parse field values, errors", test_field_parse_errors },
        { "check prerequisites and version", test_match_check },
        { "covers", test_match_covers },
        { "field bytes", test_field_bytes },
        { "ct golden", test_ct_golden },
        { "ct as Open vSwitch sends it, and malformed", test_ct_ovs_forms },
        { "ct in OpenFlow 1.0", test_ct_of10 },
        { "ct in a packet-in", test_ct_packet_in },
        { "ct_state text", test_ct_parse },
        CU_TEST_INFO_NULL,
    };
    unit_add_suite("match", tests);
}
