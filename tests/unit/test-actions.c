/* Unit tests for ofp-actions: OpenFlow 1.0 and 1.3 actions and 1.3
 * instructions.  Golden bytes were written from the specifications' struct
 * layouts; the packet-out tests check that Open vSwitch reads the same
 * bytes as the same actions. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-actions.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-types.h"
#include "tests/unit/unit.h"

/* A decoded action list with the bytes and arena it points into. */
struct decoded {
    uint8_t *bytes;
    size_t size;
    struct ofp_arena arena;
    struct ofp_action_list list;
    struct ofp_instructions ins;
};

static enum ofperr
decode_bytes(struct decoded *d, uint8_t version, const void *data,
             size_t size)
{
    d->bytes = xmalloc(size ? size : 1);
    if (size) {
        memcpy(d->bytes, data, size);
    }
    d->size = size;
    ofp_arena_init(&d->arena);
    ofp_arena_reserve(&d->arena, 16 * size + 4096);
    struct ofp_cursor c = ofp_cursor_init(d->bytes, size);
    return ofp_actions_decode(version, &c, &d->arena, &d->list);
}

static enum ofperr
decode_hex(struct decoded *d, uint8_t version, const char *hex)
{
    size_t size;
    uint8_t *bytes = unit_hex(hex, &size);
    enum ofperr error = decode_bytes(d, version, bytes, size);
    free(bytes);
    return error;
}

static enum ofperr
decode_ins_hex(struct decoded *d, const char *hex)
{
    d->bytes = unit_hex(hex, &d->size);
    ofp_arena_init(&d->arena);
    ofp_arena_reserve(&d->arena, 16 * d->size + 4096);
    struct ofp_cursor c = ofp_cursor_init(d->bytes, d->size);
    return ofp_instructions_decode(&c, &d->arena, &d->ins);
}

static void
decoded_free(struct decoded *d)
{
    free(d->bytes);
    ofp_arena_uninit(&d->arena);
}

/* Asserts that 'b' holds exactly the bytes spelled by 'hex'. */
static void
assert_bytes(const struct ofpbuf *b, const char *hex)
{
    size_t size;
    uint8_t *want = unit_hex(hex, &size);
    CU_ASSERT_EQUAL(b->size, size);
    bool same = want && b->size == size && !memcmp(b->data, want, size);
    CU_ASSERT_TRUE(same);
    if (!same) {
        struct ds s = DS_EMPTY_INITIALIZER;
        ds_put_hex(&s, b->data, b->size);
        fprintf(stderr, "\ngot  %s\nwant %s\n", ds_cstr(&s), hex);
        ds_destroy(&s);
    }
    free(want);
}

static void
assert_format(const struct ofp_action_list *l, const char *want)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ofp_actions_format(l, &s);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&s), want);
    if (strcmp(ds_cstr(&s), want)) {
        fprintf(stderr, "\ngot  %s\nwant %s\n", ds_cstr(&s), want);
    }
    ds_destroy(&s);
}

/* ---- Action builders. -------------------------------------------------- */

static struct ofp_action
act_output(uint32_t port, uint16_t max_len)
{
    struct ofp_action a;
    memset(&a, 0, sizeof a);
    a.type = OFPACT_OUTPUT;
    a.u.output.port = port;
    a.u.output.max_len = max_len;
    return a;
}

static struct ofp_action
act_simple(enum ofp_action_type type)
{
    struct ofp_action a;
    memset(&a, 0, sizeof a);
    a.type = type;
    return a;
}

static struct ofp_action
act_u32(enum ofp_action_type type, uint32_t v)
{
    struct ofp_action a = act_simple(type);
    if (type == OFPACT_GROUP) {
        a.u.group_id = v;
    } else {
        a.u.queue_id = v;
    }
    return a;
}

static struct ofp_action
act_ethertype(enum ofp_action_type type, uint16_t ethertype)
{
    struct ofp_action a = act_simple(type);
    a.u.ethertype = ethertype;
    return a;
}

static struct ofp_action
act_ttl(enum ofp_action_type type, uint8_t ttl)
{
    struct ofp_action a = act_simple(type);
    a.u.ttl = ttl;
    return a;
}

static struct ofp_action
act_enqueue(uint32_t port, uint32_t queue)
{
    struct ofp_action a = act_simple(OFPACT_ENQUEUE);
    a.u.enqueue.port = port;
    a.u.enqueue.queue_id = queue;
    return a;
}

static struct ofp_action
act_set_u(enum ofp_field field, uint64_t v)
{
    struct ofp_action a = act_simple(OFPACT_SET_FIELD);
    a.u.set_field.field = field;
    switch (ofp_field_info(field)->kind) {
    case OFPFK_U8:
        a.u.set_field.value.u8 = (uint8_t) v;
        break;
    case OFPFK_U16:
        a.u.set_field.value.u16 = (uint16_t) v;
        break;
    case OFPFK_U32:
        a.u.set_field.value.u32 = (uint32_t) v;
        break;
    case OFPFK_U64:
    case OFPFK_MAC:
    case OFPFK_IPV6:
    default:
        a.u.set_field.value.u64 = v;
        break;
    }
    return a;
}

static struct ofp_action
act_set_bytes(enum ofp_field field, const uint8_t *bytes, size_t n)
{
    struct ofp_action a = act_simple(OFPACT_SET_FIELD);
    a.u.set_field.field = field;
    memcpy(a.u.set_field.value.ipv6, bytes, n);
    return a;
}

static const uint8_t mac_a[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const uint8_t mac_b[6] = { 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb };
static const uint8_t ip6_a[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                   0, 0, 0, 0, 0, 0, 0, 1 };
static const uint8_t exp_data[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };

/* Every OpenFlow 1.0 action except VENDOR, in the model. */
static size_t
of10_actions(struct ofp_action *a)
{
    size_t n = 0;
    a[n++] = act_output(2, 0);
    a[n++] = act_output(OFPP_CONTROLLER, 128);
    a[n++] = act_set_u(OFPF_VLAN_VID, OFPVID_PRESENT | 10);
    a[n++] = act_set_u(OFPF_VLAN_PCP, 5);
    a[n++] = act_simple(OFPACT_POP_VLAN);
    a[n++] = act_set_bytes(OFPF_ETH_SRC, mac_a, 6);
    a[n++] = act_set_bytes(OFPF_ETH_DST, mac_b, 6);
    a[n++] = act_set_u(OFPF_IPV4_SRC, 0x0a000001);
    a[n++] = act_set_u(OFPF_IPV4_DST, 0xc0a80102);
    a[n++] = act_set_u(OFPF_IP_DSCP, 4);
    a[n++] = act_set_u(OFPF_TCP_SRC, 80);
    a[n++] = act_set_u(OFPF_TCP_DST, 22);
    a[n++] = act_enqueue(3, 7);
    a[n++] = act_output(OFPP_FLOOD, 0);
    return n;
}

#define OF10_GOLDEN                                                      \
    "0000 0008 0002 0000"                                                \
    "0000 0008 fffd 0080"                                                \
    "0001 0008 000a 0000"                                                \
    "0002 0008 05 000000"                                                \
    "0003 0008 00000000"                                                 \
    "0004 0010 001122334455 000000000000"                                \
    "0005 0010 66778899aabb 000000000000"                                \
    "0006 0008 0a000001"                                                 \
    "0007 0008 c0a80102"                                                 \
    "0008 0008 10 000000"                                                \
    "0009 0008 0050 0000"                                                \
    "000a 0008 0016 0000"                                                \
    "000b 0010 0003 000000000000 00000007"                               \
    "0000 0008 fffb 0000"

/* Every OpenFlow 1.3 action except EXPERIMENTER, in the model. */
static size_t
of13_actions(struct ofp_action *a)
{
    size_t n = 0;
    a[n++] = act_output(2, 0xffff);
    a[n++] = act_u32(OFPACT_GROUP, 5);
    a[n++] = act_u32(OFPACT_SET_QUEUE, 3);
    a[n++] = act_set_u(OFPF_IPV4_DST, 0x0a000001);
    a[n++] = act_set_u(OFPF_VLAN_VID, OFPVID_PRESENT | 10);
    a[n++] = act_set_bytes(OFPF_ETH_SRC, mac_a, 6);
    a[n++] = act_set_bytes(OFPF_IPV6_SRC, ip6_a, 16);
    a[n++] = act_set_u(OFPF_TCP_DST, 443);
    a[n++] = act_ethertype(OFPACT_PUSH_VLAN, 0x8100);
    a[n++] = act_simple(OFPACT_POP_VLAN);
    a[n++] = act_ethertype(OFPACT_PUSH_MPLS, 0x8847);
    a[n++] = act_ethertype(OFPACT_POP_MPLS, 0x0800);
    a[n++] = act_ethertype(OFPACT_PUSH_PBB, 0x88e7);
    a[n++] = act_simple(OFPACT_POP_PBB);
    a[n++] = act_ttl(OFPACT_SET_NW_TTL, 64);
    a[n++] = act_simple(OFPACT_DEC_NW_TTL);
    a[n++] = act_ttl(OFPACT_SET_MPLS_TTL, 5);
    a[n++] = act_simple(OFPACT_DEC_MPLS_TTL);
    a[n++] = act_simple(OFPACT_COPY_TTL_OUT);
    a[n++] = act_simple(OFPACT_COPY_TTL_IN);
    return n;
}

#define OF13_GOLDEN                                                      \
    "0000 0010 00000002 ffff 000000000000"                               \
    "0016 0008 00000005"                                                 \
    "0015 0008 00000003"                                                 \
    "0019 0010 80001804 0a000001 00000000"                               \
    "0019 0010 80000c02 100a 000000000000"                               \
    "0019 0010 80000806 001122334455 0000"                               \
    "0019 0018 80003410 20010db8000000000000000000000001"                \
    "0019 0010 80001c02 01bb 000000000000"                               \
    "0011 0008 8100 0000"                                                \
    "0012 0008 00000000"                                                 \
    "0013 0008 8847 0000"                                                \
    "0014 0008 0800 0000"                                                \
    "001a 0008 88e7 0000"                                                \
    "001b 0008 00000000"                                                 \
    "0017 0008 40 000000"                                                \
    "0018 0008 00000000"                                                 \
    "000f 0008 05 000000"                                                \
    "0010 0008 00000000"                                                 \
    "000b 0008 00000000"                                                 \
    "000c 0008 00000000"

/* Encodes 'acts' for 'version', checks the bytes against 'golden', decodes
 * them back and checks the result equals 'acts'. */
static void
check_round_trip(uint8_t version, const struct ofp_action_list *acts,
                 const char *golden)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_encode(version, acts, &b), 0);
    assert_bytes(&b, golden);

    struct decoded d;
    CU_ASSERT_EQUAL(decode_bytes(&d, version, b.data, b.size), 0);
    CU_ASSERT_EQUAL(d.list.n, acts->n);
    CU_ASSERT_TRUE(ofp_actions_equal(&d.list, acts));

    /* Encoding the decoded list gives the same bytes again. */
    struct ofpbuf b2 = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_encode(version, &d.list, &b2), 0);
    CU_ASSERT_EQUAL(b2.size, b.size);
    CU_ASSERT_TRUE(b2.size == b.size && !memcmp(b2.data, b.data, b.size));

    decoded_free(&d);
    ofpbuf_uninit(&b);
    ofpbuf_uninit(&b2);
}

static void
test_of10_round_trip(void)
{
    struct ofp_action a[32];
    struct ofp_action_list l = { a, of10_actions(a) };
    check_round_trip(OFP10_VERSION, &l, OF10_GOLDEN);
}

static void
test_of13_round_trip(void)
{
    struct ofp_action a[32];
    struct ofp_action_list l = { a, of13_actions(a) };
    check_round_trip(OFP13_VERSION, &l, OF13_GOLDEN);
}

/* Decoded values are the model's, not the wire's: 1.0 set actions become
 * set-field with OXM semantics. */
static void
test_of10_decoded_values(void)
{
    struct decoded d;
    CU_ASSERT_EQUAL(decode_hex(&d, OFP10_VERSION, OF10_GOLDEN), 0);
    CU_ASSERT_EQUAL(d.list.n, 14);
    if (d.list.n == 14) {
        const struct ofp_action *a = d.list.actions;
        CU_ASSERT_EQUAL(a[1].type, OFPACT_OUTPUT);
        CU_ASSERT_EQUAL(a[1].u.output.port, OFPP_CONTROLLER);
        CU_ASSERT_EQUAL(a[1].u.output.max_len, 128);
        CU_ASSERT_EQUAL(a[2].type, OFPACT_SET_FIELD);
        CU_ASSERT_EQUAL(a[2].u.set_field.field, OFPF_VLAN_VID);
        CU_ASSERT_EQUAL(a[2].u.set_field.value.u16, 0x100a);
        CU_ASSERT_EQUAL(a[4].type, OFPACT_POP_VLAN);
        CU_ASSERT_EQUAL(a[9].u.set_field.field, OFPF_IP_DSCP);
        CU_ASSERT_EQUAL(a[9].u.set_field.value.u8, 4);
        CU_ASSERT_EQUAL(a[10].u.set_field.field, OFPF_TCP_SRC);
        CU_ASSERT_EQUAL(a[10].u.set_field.value.u16, 80);
        CU_ASSERT_EQUAL(a[12].type, OFPACT_ENQUEUE);
        CU_ASSERT_EQUAL(a[12].u.enqueue.port, 3);
        CU_ASSERT_EQUAL(a[12].u.enqueue.queue_id, 7);
        CU_ASSERT_EQUAL(a[13].u.output.port, OFPP_FLOOD);
    }
    decoded_free(&d);
}

/* udp and sctp ports have no 1.0 action of their own: they share
 * SET_TP_SRC/DST and come back as tcp. */
static void
test_of10_tp_ports(void)
{
    struct ofp_action a[4];
    a[0] = act_set_u(OFPF_UDP_SRC, 53);
    a[1] = act_set_u(OFPF_SCTP_DST, 0x1234);
    struct ofp_action_list l = { a, 2 };
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP10_VERSION, &l, &b), 0);
    assert_bytes(&b, "0009 0008 0035 0000 000a 0008 1234 0000");
    struct decoded d;
    CU_ASSERT_EQUAL(decode_bytes(&d, OFP10_VERSION, b.data, b.size), 0);
    CU_ASSERT_EQUAL(d.list.n, 2);
    if (d.list.n == 2) {
        CU_ASSERT_EQUAL(d.list.actions[0].u.set_field.field, OFPF_TCP_SRC);
        CU_ASSERT_EQUAL(d.list.actions[1].u.set_field.field, OFPF_TCP_DST);
        CU_ASSERT_EQUAL(d.list.actions[1].u.set_field.value.u16, 0x1234);
    }
    decoded_free(&d);
    ofpbuf_uninit(&b);
}

static void
test_experimenter(void)
{
    for (int v = 0; v < 2; v++) {
        uint8_t version = v ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_action a = act_simple(OFPACT_EXPERIMENTER);
        a.u.experimenter.id = 0x2320;
        a.u.experimenter.data = exp_data;
        a.u.experimenter.len = sizeof exp_data;
        struct ofp_action_list l = { &a, 1 };
        check_round_trip(version, &l,
                         "ffff 0010 00002320 0001020304050607");

        /* Data not a multiple of 8 is padded with zeros. */
        a.u.experimenter.len = 3;
        struct ofpbuf b = OFPBUF_INITIALIZER;
        CU_ASSERT_EQUAL(ofp_actions_encode(version, &l, &b), 0);
        assert_bytes(&b, "ffff 0010 00002320 0001020000000000");
        ofpbuf_uninit(&b);

        /* Decoded data points into the message, padding included. */
        struct decoded d;
        CU_ASSERT_EQUAL(decode_hex(&d, version, "ffff 0008 00002320"), 0);
        CU_ASSERT_EQUAL(d.list.n, 1);
        if (d.list.n == 1) {
            CU_ASSERT_EQUAL(d.list.actions[0].u.experimenter.id, 0x2320);
            CU_ASSERT_EQUAL(d.list.actions[0].u.experimenter.len, 0);
            assert_format(&d.list, "experimenter:0x2320(len=8)");
        }
        decoded_free(&d);
    }
}

static void
test_empty_list(void)
{
    struct decoded d;
    CU_ASSERT_EQUAL(decode_hex(&d, OFP13_VERSION, ""), 0);
    CU_ASSERT_EQUAL(d.list.n, 0);
    assert_format(&d.list, "drop");
    decoded_free(&d);
}

/* ---- Open vSwitch reads our bytes the same way. ------------------------ */

/* Wraps an action list into a PACKET_OUT with no data and returns what
 * ovs-ofctl prints for it (caller frees), or NULL without ovs-ofctl. */
static char *
ovs_print_packet_out(uint8_t version, const struct ofpbuf *acts)
{
    struct ofpbuf m = OFPBUF_INITIALIZER;
    ofpbuf_put_u8(&m, version);
    ofpbuf_put_u8(&m, 13);              /* OFPT_PACKET_OUT in both. */
    ofpbuf_put_be16(&m, 0);             /* Length, patched below. */
    ofpbuf_put_be32(&m, 1);             /* xid */
    ofpbuf_put_be32(&m, OFP_NO_BUFFER);
    if (version == OFP10_VERSION) {
        ofpbuf_put_be16(&m, 0xfffd);    /* in_port CONTROLLER */
        ofpbuf_put_be16(&m, (uint16_t) acts->size);
    } else {
        ofpbuf_put_be32(&m, OFPP_CONTROLLER);
        ofpbuf_put_be16(&m, (uint16_t) acts->size);
        ofpbuf_put_zeros(&m, 6);
    }
    ofpbuf_put(&m, acts->data, acts->size);
    ofp_be16 *len = ofpbuf_at(&m, 2, sizeof *len);
    be16_set(len, (uint16_t) m.size);
    char *s = unit_ovs_ofp_print(m.data, m.size, NULL);
    ofpbuf_uninit(&m);
    return s;
}

static void
check_ovs(uint8_t version, const struct ofp_action *a, size_t n,
          const char *want)
{
    struct ofp_action_list l = { a, n };
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_encode(version, &l, &b), 0);
    char *s = ovs_print_packet_out(version, &b);
    UNIT_ASSERT_CONTAINS(s, want);     /* NULL has failed already. */
    free(s);
    ofpbuf_uninit(&b);
}

static void
test_ovs_of10(void)
{
    struct ofp_action a[32];
    size_t n = of10_actions(a);
    check_ovs(OFP10_VERSION, a, n,
              "actions=output:2,CONTROLLER:128,mod_vlan_vid:10,"
              "mod_vlan_pcp:5,strip_vlan,mod_dl_src:00:11:22:33:44:55,"
              "mod_dl_dst:66:77:88:99:aa:bb,mod_nw_src:10.0.0.1,"
              "mod_nw_dst:192.168.1.2,mod_nw_tos:16,mod_tp_src:80,"
              "mod_tp_dst:22,enqueue:3:7,FLOOD ");
}

static void
test_ovs_of13(void)
{
    struct ofp_action a[32];
    size_t n = of13_actions(a);
    /* OVS checks MPLS/PBB actions against the flow it tracks, so the list
     * is split where one action would make the next inconsistent. */
    check_ovs(OFP13_VERSION, a, 4,
              "actions=output:2,group:5,set_queue:3,"
              "set_field:10.0.0.1->ip_dst ");
    check_ovs(OFP13_VERSION, a + 4, 4,
              "actions=set_field:4106->vlan_vid,"
              "set_field:00:11:22:33:44:55->eth_src,"
              "set_field:2001:db8::1->ipv6_src,set_field:443->tcp_dst ");
    check_ovs(OFP13_VERSION, a + 8, 4,
              "actions=push_vlan:0x8100,pop_vlan,push_mpls:0x8847,"
              "pop_mpls:0x0800 ");
    /* Open vSwitch has no PUSH_PBB/POP_PBB (26, 27) nor COPY_TTL_OUT/IN
     * (11, 12): those are checked by golden bytes only. */
    CU_ASSERT_EQUAL(n, 20);
    check_ovs(OFP13_VERSION, a + 14, 4,
              "actions=mod_nw_ttl:64,dec_ttl,set_mpls_ttl(5),dec_mpls_ttl ");
}

/* ---- Malformed action lists. ------------------------------------------- */

struct bad_case {
    uint8_t version;
    const char *hex;
    enum ofperr error;
};

static const struct bad_case bad_actions[] = {
    /* Framing. */
    { OFP13_VERSION, "0012 0004 0000 0000", OFPERR_OFPBAC_BAD_LEN },
    { OFP13_VERSION, "0012 0000 0000 0000", OFPERR_OFPBAC_BAD_LEN },
    { OFP13_VERSION, "0012 0008 0000 0000 0012 0008", OFPERR_OFPBAC_BAD_LEN },
    { OFP13_VERSION, "0012 000c 0000 0000 0000 0000", OFPERR_OFPBAC_BAD_LEN },
    { OFP13_VERSION, "0012 0010 0000 0000", OFPERR_OFPBAC_BAD_LEN },
    { OFP10_VERSION, "0003 0010 0000 0000", OFPERR_OFPBAC_BAD_LEN },
    { OFP10_VERSION, "0003", OFPERR_OFPBAC_BAD_LEN },
    /* Wrong fixed length for the type. */
    { OFP13_VERSION, "0000 0008 0000 0002", OFPERR_OFPBAC_BAD_LEN },
    { OFP13_VERSION, "0012 0010 0000 0000 0000 0000 0000 0000",
      OFPERR_OFPBAC_BAD_LEN },
    { OFP13_VERSION, "0016 0010 0000 0005 0000 0000 0000 0000",
      OFPERR_OFPBAC_BAD_LEN },
    { OFP10_VERSION, "0000 0010 0002 0000 0000 0000 0000 0000",
      OFPERR_OFPBAC_BAD_LEN },
    { OFP10_VERSION, "0004 0008 0011 2233", OFPERR_OFPBAC_BAD_LEN },
    { OFP10_VERSION, "000b 0008 0003 0000", OFPERR_OFPBAC_BAD_LEN },
    /* Unknown types. */
    { OFP10_VERSION, "000c 0008 0000 0000", OFPERR_OFPBAC_BAD_TYPE },
    { OFP13_VERSION, "0001 0008 0000 0000", OFPERR_OFPBAC_BAD_TYPE },
    { OFP13_VERSION, "001c 0008 0000 0000", OFPERR_OFPBAC_BAD_TYPE },
    /* An error after a good action is still an error. */
    { OFP13_VERSION, "0012 0008 0000 0000 0063 0008 0000 0000",
      OFPERR_OFPBAC_BAD_TYPE },
    /* Output ports. */
    { OFP10_VERSION, "0000 0008 0000 0000", OFPERR_OFPBAC_BAD_OUT_PORT },
    { OFP10_VERSION, "0000 0008 ff01 0000", OFPERR_OFPBAC_BAD_OUT_PORT },
    { OFP10_VERSION, "0000 0008 ffff 0000", OFPERR_OFPBAC_BAD_OUT_PORT },
    { OFP13_VERSION, "0000 0010 00000000 0000 000000000000",
      OFPERR_OFPBAC_BAD_OUT_PORT },
    { OFP13_VERSION, "0000 0010 ffffff01 0000 000000000000",
      OFPERR_OFPBAC_BAD_OUT_PORT },
    { OFP13_VERSION, "0000 0010 ffffffff 0000 000000000000",
      OFPERR_OFPBAC_BAD_OUT_PORT },
    { OFP10_VERSION, "000b 0010 0000 000000000000 00000001",
      OFPERR_OFPBAC_BAD_OUT_PORT },
    /* 1.0 set arguments. */
    { OFP10_VERSION, "0001 0008 1000 0000", OFPERR_OFPBAC_BAD_ARGUMENT },
    { OFP10_VERSION, "0002 0008 08 000000", OFPERR_OFPBAC_BAD_ARGUMENT },
    { OFP10_VERSION, "0008 0008 03 000000", OFPERR_OFPBAC_BAD_ARGUMENT },
    /* 1.3 push ethertypes. */
    { OFP13_VERSION, "0011 0008 0800 0000", OFPERR_OFPBAC_BAD_ARGUMENT },
    { OFP13_VERSION, "0013 0008 8100 0000", OFPERR_OFPBAC_BAD_ARGUMENT },
    { OFP13_VERSION, "001a 0008 8100 0000", OFPERR_OFPBAC_BAD_ARGUMENT },
    /* Set-field: masked, unknown field, lengths, padding, VLAN id. */
    { OFP13_VERSION, "0019 0010 80001908 0a000001 ffffff00",
      OFPERR_OFPBAC_BAD_SET_ARGUMENT },
    { OFP13_VERSION, "0019 0010 80007e04 0a000001 00000000",
      OFPERR_OFPBAC_BAD_SET_TYPE },
    { OFP13_VERSION, "0019 0018 80001804 0a000001 000000000000000000000000",
      OFPERR_OFPBAC_BAD_SET_LEN },
    { OFP13_VERSION, "0019 0010 80001808 0a000001 00000000",
      OFPERR_OFPBAC_BAD_SET_LEN },
    { OFP13_VERSION, "0019 0010 80001804 0a000001 00000001",
      OFPERR_OFPBAC_BAD_SET_ARGUMENT },
    { OFP13_VERSION, "0019 0010 80000c02 000a 000000000000",
      OFPERR_OFPBAC_BAD_SET_ARGUMENT },
    { OFP13_VERSION, "0019 0008 80001804", OFPERR_OFPBAC_BAD_SET_LEN },
    { OFP13_VERSION, "0019 0008 0000 0000", OFPERR_OFPBAC_BAD_SET_TYPE },
    { OFP13_VERSION, "0019 0010 80000f02 0000 000000000000",
      OFPERR_OFPBAC_BAD_SET_ARGUMENT },   /* Masked non-maskable field. */
    { OFP10_VERSION, "ffff 0008 0000", OFPERR_OFPBAC_BAD_LEN },
    { 0x02, "0012 0008 00000000", OFPERR_OFPBRC_BAD_VERSION },
};

static void
test_bad_actions(void)
{
    for (size_t i = 0; i < sizeof bad_actions / sizeof *bad_actions; i++) {
        const struct bad_case *bc = &bad_actions[i];
        struct decoded d;
        enum ofperr error = decode_hex(&d, bc->version, bc->hex);
        CU_ASSERT_EQUAL(error, bc->error);
        if (error != bc->error) {
            fprintf(stderr, "\ncase %zu (%s): got %s, want %s\n", i, bc->hex,
                    ofperr_name(error), ofperr_name(bc->error));
        }
        decoded_free(&d);
    }
}

/* Every prefix and every single-byte corruption of the golden lists either
 * decodes to something that re-encodes, or fails with an error: never a
 * crash or an out-of-bounds read (run under ASan and valgrind). */
static void
test_mutations(void)
{
    static const char *const goldens[2] = { OF10_GOLDEN, OF13_GOLDEN };
    for (int v = 0; v < 2; v++) {
        uint8_t version = v ? OFP13_VERSION : OFP10_VERSION;
        size_t size;
        uint8_t *golden = unit_hex(goldens[v], &size);
        size_t n_ok = 0;
        for (size_t cut = 0; cut < size; cut++) {
            struct decoded d;
            enum ofperr error = decode_bytes(&d, version, golden, cut);
            n_ok += !error;
            /* A prefix that ends inside an action is always an error. */
            if (cut % 8) {
                CU_ASSERT_EQUAL(error, OFPERR_OFPBAC_BAD_LEN);
            }
            decoded_free(&d);
        }
        CU_ASSERT_TRUE(n_ok > 1);
        for (size_t i = 0; i < size; i++) {
            static const uint8_t values[] = { 0x00, 0x01, 0x07, 0x80, 0xff };
            for (size_t k = 0; k < sizeof values; k++) {
                uint8_t *copy = xmalloc(size);
                memcpy(copy, golden, size);
                copy[i] = values[k];
                struct decoded d;
                if (!decode_bytes(&d, version, copy, size)) {
                    struct ofpbuf b = OFPBUF_INITIALIZER;
                    ofp_actions_encode(version, &d.list, &b);
                    struct ds s = DS_EMPTY_INITIALIZER;
                    ofp_actions_format(&d.list, &s);
                    CU_ASSERT_TRUE(s.length > 0);
                    ds_destroy(&s);
                    ofpbuf_uninit(&b);
                }
                decoded_free(&d);
                free(copy);
            }
        }
        free(golden);
    }
}

/* When the arena cannot hold the array the decoder reports an error. */
static void
test_arena_exhausted(void)
{
    size_t size;
    uint8_t *bytes = unit_hex(OF13_GOLDEN, &size);
    struct ofp_arena arena;
    ofp_arena_init(&arena);
    ofp_arena_reserve(&arena, 64);
    /* Use up all but 64 bytes of whatever block the reservation made. */
    CU_ASSERT_PTR_NOT_NULL(ofp_arena_alloc(&arena, arena.size - 64));
    struct ofp_cursor c = ofp_cursor_init(bytes, size);
    struct ofp_action_list l;
    CU_ASSERT_EQUAL(ofp_actions_decode(OFP13_VERSION, &c, &arena, &l),
                    OFPERR_OFPBAC_BAD_LEN);
    ofp_arena_uninit(&arena);
    free(bytes);
}

/* ---- Version refusals. ------------------------------------------------- */

static void
check_refusal(const struct ofp_action *a, enum ofperr want,
              const char *why_want)
{
    struct ofp_action both[2];
    both[0] = act_output(1, 0);
    both[1] = *a;
    struct ofp_action_list l = { both, 2 };

    /* Nothing is appended on error, not even the good first action. */
    struct ofpbuf b = OFPBUF_INITIALIZER;
    ofpbuf_put_be32(&b, 0xdeadbeef);
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP10_VERSION, &l, &b), want);
    CU_ASSERT_EQUAL(b.size, 4);
    ofpbuf_uninit(&b);

    struct ds why = DS_EMPTY_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_check_version(&l, OFP10_VERSION, &why), want);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why), why_want);
    if (strcmp(ds_cstr(&why), why_want)) {
        fprintf(stderr, "\ngot  %s\nwant %s\n", ds_cstr(&why), why_want);
    }
    ds_destroy(&why);
    CU_ASSERT_EQUAL(ofp_actions_check_version(&l, OFP13_VERSION, NULL), 0);
}

static void
test_of10_refusals(void)
{
    struct ofp_action a = act_u32(OFPACT_GROUP, 5);
    check_refusal(&a, OFPERR_OFPBAC_BAD_TYPE,
                  "action group:5 does not exist in OpenFlow 1.0");
    a = act_ethertype(OFPACT_PUSH_MPLS, 0x8847);
    check_refusal(&a, OFPERR_OFPBAC_BAD_TYPE,
                  "action push_mpls:0x8847 does not exist in OpenFlow 1.0");
    a = act_set_bytes(OFPF_IPV6_SRC, ip6_a, 16);
    check_refusal(&a, OFPERR_OFPBAC_BAD_SET_TYPE,
                  "ipv6_src cannot be set in OpenFlow 1.0");
    a = act_output(0x10000, 0);
    check_refusal(&a, OFPERR_OFPBAC_BAD_OUT_PORT,
                  "port 65536 has no OpenFlow 1.0 number");
    a = act_set_u(OFPF_VLAN_VID, 10);   /* No OFPVID_PRESENT. */
    check_refusal(&a, OFPERR_OFPBAC_BAD_ARGUMENT,
                  "action set_field:0x000a->vlan_vid cannot be encoded in "
                  "OpenFlow 1.0: bad action argument");

    /* And the reverse: 1.3 has no ENQUEUE. */
    a = act_enqueue(1, 2);
    struct ofp_action_list l = { &a, 1 };
    struct ds why = DS_EMPTY_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_check_version(&l, OFP13_VERSION, &why),
                    OFPERR_OFPBAC_BAD_TYPE);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why),
                           "action enqueue:1:2 does not exist in "
                           "OpenFlow 1.3");
    ds_destroy(&why);
    CU_ASSERT_EQUAL(ofp_actions_check_version(&l, OFP10_VERSION, NULL), 0);
}

/* ---- Open vSwitch conntrack (NXAST_CT). -------------------------------- */

static struct ofp_action
act_ct(uint16_t flags, uint16_t zone, uint8_t table)
{
    struct ofp_action a = act_simple(OFPACT_CT);
    a.u.ct.flags = flags;
    a.u.ct.zone = zone;
    a.u.ct.recirc_table = table;
    return a;
}

/* ct(commit,table=2,zone=1) as ovs-ofctl 3.1 encodes it ("ovs-ofctl -O
 * OpenFlow13 -mmmmm parse-flow 'ip,actions=ct(commit,zone=1,table=2)'"). */
#define CT_GOLDEN "ffff 0018 00002320 0023 0001 00000000 0001 02 000000 0000"

static void
test_ct_round_trip(void)
{
    struct ofp_action a = act_ct(OFPACT_CT_F_COMMIT, 1, 2);
    struct ofp_action_list l = { &a, 1 };
    check_round_trip(OFP13_VERSION, &l, CT_GOLDEN);
    assert_format(&l, "ct(commit,table=2,zone=1)");

    struct decoded d;
    CU_ASSERT_EQUAL(decode_hex(&d, OFP13_VERSION, CT_GOLDEN), 0);
    CU_ASSERT_EQUAL_FATAL(d.list.n, 1);
    const struct ofp_action *c = &d.list.actions[0];
    CU_ASSERT_EQUAL(c->type, OFPACT_CT);
    CU_ASSERT_EQUAL(c->u.ct.flags, OFPACT_CT_F_COMMIT);
    CU_ASSERT_EQUAL(c->u.ct.zone, 1);
    CU_ASSERT_EQUAL(c->u.ct.zone_src, 0);
    CU_ASSERT_EQUAL(c->u.ct.recirc_table, 2);
    CU_ASSERT_EQUAL(c->u.ct.alg, 0);
    CU_ASSERT_EQUAL(c->u.ct.actions_len, 0);
    CU_ASSERT_PTR_NULL(c->u.ct.actions);
    decoded_free(&d);

    /* Among other actions, in an instruction: the framing is shared. */
    struct ofp_action three[3];
    three[0] = act_output(1, 0);
    three[1] = act_ct(0, 0, OFPACT_CT_RECIRC_NONE);
    three[2] = act_ct(OFPACT_CT_F_COMMIT | OFPACT_CT_F_FORCE, 65535, 0);
    three[2].u.ct.alg = 21;
    struct ofp_action_list l3 = { three, 3 };
    check_round_trip(OFP13_VERSION, &l3,
                     "0000 0010 00000001 0000 000000000000"
                     "ffff 0018 00002320 0023 0000 00000000 0000 ff 000000 "
                     "0000"
                     "ffff 0018 00002320 0023 0003 00000000 ffff 00 000000 "
                     "0015");
    assert_format(&l3, "output:1,ct(),ct(commit,force,table=0,zone=65535,"
                  "alg=ftp)");
}

/* What Open vSwitch itself sends (bytes from "ovs-ofctl -mmmmm parse-flow"
 * of the text in each comment) decodes to OFPACT_CT, prints as ovs-ofctl
 * prints it where the model can, and re-encodes to the same bytes: nested
 * actions and zones read from registers survive untouched. */
static void
test_ct_from_ovs(void)
{
    static const struct {
        const char *hex;
        const char *text;
        size_t nested;
    } cases[] = {
        /* tcp,actions=ct(commit,force,alg=ftp) */
        { "ffff 0018 00002320 0023 0003 00000000 0000 ff 000000 0015",
          "ct(commit,force,alg=ftp)", 0 },
        /* udp,actions=ct(alg=tftp) */
        { "ffff 0018 00002320 0023 0000 00000000 0000 ff 000000 0045",
          "ct(alg=tftp)", 0 },
        /* ip,actions=ct(zone=NXM_NX_REG0[0..15]) */
        { "ffff 0018 00002320 0023 0000 00010004 000f ff 000000 0000",
          "ct(zone=NXM_NX_REG0[0..15])", 0 },
        /* ip,actions=ct(commit,exec(set_field:1->ct_mark)): ct_mark is
         * not a field of ours, so the nested list shows as its length. */
        { "ffff 0028 00002320 0023 0001 00000000 0000 ff 000000 0000"
          "  0019 0010 0001d604 00000001 00000000",
          "ct(commit,exec(len=16))", 16 },
        /* ip,actions=ct(commit,nat(src=10.0.0.1)): NAT is an experimenter
         * action of its own. */
        { "ffff 0030 00002320 0023 0001 00000000 0000 ff 000000 0000"
          "  ffff 0018 00002320 0024 0000 0001 0001 0a000001 00000000",
          "ct(commit,exec(experimenter:0x2320(len=24)))", 24 },
        /* Nested actions we know print as actions (ovs-ofctl refuses to
         * parse output inside ct, but the wire can carry it). */
        { "ffff 0028 00002320 0023 0001 00000000 0000 ff 000000 0000"
          "  0000 0010 00000001 ffff 000000000000",
          "ct(commit,exec(output:1))", 16 },
        /* A ct nested in a ct: decoded for printing one level only. */
        { "ffff 0040 00002320 0023 0001 00000000 0000 ff 000000 0000"
          "  ffff 0028 00002320 0023 0001 00000000 0000 ff 000000 0000"
          "    0000 0010 00000001 ffff 000000000000",
          "ct(commit,exec(ct(commit,exec(len=16))))", 40 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct decoded d;
        CU_ASSERT_EQUAL(decode_hex(&d, OFP13_VERSION, cases[i].hex), 0);
        CU_ASSERT_EQUAL(d.list.n, 1);
        if (d.list.n == 1) {
            CU_ASSERT_EQUAL(d.list.actions[0].type, OFPACT_CT);
            CU_ASSERT_EQUAL(d.list.actions[0].u.ct.actions_len,
                            cases[i].nested);
            assert_format(&d.list, cases[i].text);
            struct ofpbuf b = OFPBUF_INITIALIZER;
            CU_ASSERT_EQUAL(ofp_actions_encode(OFP13_VERSION, &d.list, &b),
                            0);
            assert_bytes(&b, cases[i].hex);
            ofpbuf_uninit(&b);
        }
        decoded_free(&d);
    }

    /* Force without commit: ovs-ofctl will not write it, but Open vSwitch
     * takes it from the wire, so a switch could report it. */
    struct decoded d;
    CU_ASSERT_EQUAL(decode_hex(&d, OFP13_VERSION,
                               "ffff 0018 00002320 0023 0002 00000000 0000 "
                               "ff 000000 0000"), 0);
    assert_format(&d.list, "ct(force)");
    decoded_free(&d);

    /* Other Nicira actions are still passed through as bytes (subtype 36
     * is NAT, which has no meaning outside a ct). */
    CU_ASSERT_EQUAL(decode_hex(&d, OFP13_VERSION,
                               "ffff 0010 00002320 0024 0000 00000000"), 0);
    CU_ASSERT_EQUAL(d.list.actions[0].type, OFPACT_EXPERIMENTER);
    decoded_free(&d);
}

/* Open vSwitch reads our ct as its own, in a flow-mod whose match makes
 * it consistent (ct needs IP; alg=ftp needs TCP). */
static void
test_ct_ovs(void)
{
    struct ofp_action a[2];
    a[0] = act_ct(OFPACT_CT_F_COMMIT, 1, 2);
    a[1] = act_ct(OFPACT_CT_F_COMMIT | OFPACT_CT_F_FORCE, 0,
                  OFPACT_CT_RECIRC_NONE);
    a[1].u.ct.alg = 21;
    struct ofp_action_list l = { a, 2 };
    struct ofpbuf acts = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP13_VERSION, &l, &acts), 0);

    /* FLOW_MOD, table 0, match eth_type=0x0800,ip_proto=6, apply. */
    struct ofpbuf m = OFPBUF_INITIALIZER;
    struct ofpbuf *mp = &m;
    size_t size;
    uint8_t *head = unit_hex("04 0e 0000 00000001 0000000000000000"
                             "0000000000000000 00 00 0000 0000 8000"
                             "ffffffff ffffffff ffffffff 0000 0000"
                             "0001 000f 80000a02 0800 80001401 06 00"
                             "0004 0000 00000000", &size);
    ofpbuf_put(mp, head, size);
    free(head);
    ofpbuf_put(mp, acts.data, acts.size);
    ofp_be16 *len = ofpbuf_at(mp, 2, sizeof *len);
    be16_set(len, (uint16_t) m.size);
    len = ofpbuf_at(mp, 64 + 2, sizeof *len);
    be16_set(len, (uint16_t) (8 + acts.size));
    char *text = unit_ovs_ofp_print(m.data, m.size, NULL);
    UNIT_ASSERT_CONTAINS(text, "actions=ct(commit,table=2,zone=1),"
                         "ct(commit,force,alg=ftp)");
    CU_ASSERT_PTR_NULL(text ? strstr(text, "***") : NULL);
    free(text);
    ofpbuf_uninit(&m);
    ofpbuf_uninit(&acts);
}

/* OpenFlow 1.0 gets no ct from us: encoding refuses it, and a Nicira ct
 * in a 1.0 message stays experimenter bytes that re-encode the same. */
static void
test_ct_of10(void)
{
    struct ofp_action a = act_ct(OFPACT_CT_F_COMMIT, 1, 2);
    check_refusal(&a, OFPERR_OFPBAC_BAD_TYPE,
                  "action ct(commit,table=2,zone=1) does not exist in "
                  "OpenFlow 1.0");

    struct decoded d;
    CU_ASSERT_EQUAL(decode_hex(&d, OFP10_VERSION, CT_GOLDEN), 0);
    CU_ASSERT_EQUAL_FATAL(d.list.n, 1);
    CU_ASSERT_EQUAL(d.list.actions[0].type, OFPACT_EXPERIMENTER);
    CU_ASSERT_EQUAL(d.list.actions[0].u.experimenter.id, 0x2320);
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP10_VERSION, &d.list, &b), 0);
    assert_bytes(&b, CT_GOLDEN);
    ofpbuf_uninit(&b);
    decoded_free(&d);
}

/* Malformed ct actions are errors, whole lists and every prefix alike. */
static void
test_ct_malformed(void)
{
    static const struct bad_case bad[] = {
        /* Shorter than the 24-byte struct. */
        { OFP13_VERSION, "ffff 0010 00002320 0023 0001 00000000",
          OFPERR_OFPBAC_BAD_LEN },
        /* A length that is not a multiple of 8, or runs past the list. */
        { OFP13_VERSION, "ffff 0014 00002320 0023 0001 00000000 0001 02 00",
          OFPERR_OFPBAC_BAD_LEN },
        { OFP13_VERSION, "ffff 0020 00002320 0023 0001 00000000 0001 02 "
          "000000 0000", OFPERR_OFPBAC_BAD_LEN },
        /* Nested actions whose framing is wrong: a length running past the
         * ct, a zero length, a short action. */
        { OFP13_VERSION, "ffff 0020 00002320 0023 0001 00000000 0000 ff "
          "000000 0000 0000 0010 00000001", OFPERR_OFPBAC_BAD_LEN },
        { OFP13_VERSION, "ffff 0020 00002320 0023 0001 00000000 0000 ff "
          "000000 0000 0012 0000 00000000", OFPERR_OFPBAC_BAD_LEN },
        { OFP13_VERSION, "ffff 0020 00002320 0023 0001 00000000 0000 ff "
          "000000 0000 0012 0004 00000000", OFPERR_OFPBAC_BAD_LEN },
        /* Unknown flags. */
        { OFP13_VERSION, "ffff 0018 00002320 0023 0004 00000000 0001 02 "
          "000000 0000", OFPERR_OFPBAC_BAD_ARGUMENT },
        { OFP13_VERSION, "ffff 0018 00002320 0023 8001 00000000 0001 02 "
          "000000 0000", OFPERR_OFPBAC_BAD_ARGUMENT },
        /* A zone from 8 bits of a register. */
        { OFP13_VERSION, "ffff 0018 00002320 0023 0000 00010004 0007 ff "
          "000000 0000", OFPERR_OFPBAC_BAD_SET_ARGUMENT },
        /* A bad ct after a good action. */
        { OFP13_VERSION, "0012 0008 00000000 "
          "ffff 0010 00002320 0023 0001 00000000", OFPERR_OFPBAC_BAD_LEN },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct decoded d;
        enum ofperr error = decode_hex(&d, bad[i].version, bad[i].hex);
        CU_ASSERT_EQUAL(error, bad[i].error);
        if (error != bad[i].error) {
            fprintf(stderr, "\ncase %zu (%s): got %s, want %s\n", i,
                    bad[i].hex, ofperr_name(error),
                    ofperr_name(bad[i].error));
        }
        decoded_free(&d);
    }

    /* Every prefix of a ct with nested actions, and every byte corrupted:
     * an error or a list that prints and re-encodes, never a crash. */
    static const char nested[] =
        "ffff 0028 00002320 0023 0001 00000000 0000 ff 000000 0000"
        "0000 0010 00000001 ffff 000000000000";
    size_t size;
    uint8_t *bytes = unit_hex(nested, &size);
    for (size_t cut = 0; cut < size; cut++) {
        struct decoded d;
        enum ofperr error = decode_bytes(&d, OFP13_VERSION, bytes, cut);
        CU_ASSERT_TRUE(cut == 0 ? !error : error == OFPERR_OFPBAC_BAD_LEN);
        decoded_free(&d);
    }
    for (size_t i = 0; i < size; i++) {
        static const uint8_t values[] = { 0x00, 0x01, 0x08, 0x23, 0xff };
        for (size_t k = 0; k < sizeof values; k++) {
            uint8_t *copy = xmalloc(size);
            memcpy(copy, bytes, size);
            copy[i] = values[k];
            struct decoded d;
            if (!decode_bytes(&d, OFP13_VERSION, copy, size)) {
                struct ofpbuf b = OFPBUF_INITIALIZER;
                CU_ASSERT_EQUAL(ofp_actions_encode(OFP13_VERSION, &d.list,
                                                   &b), 0);
                struct ds s = DS_EMPTY_INITIALIZER;
                ofp_actions_format(&d.list, &s);
                CU_ASSERT_TRUE(s.length > 0);
                ds_destroy(&s);
                ofpbuf_uninit(&b);
            }
            decoded_free(&d);
            free(copy);
        }
    }
    free(bytes);

    /* The encoder refuses what the decoder would: unknown flags, a zone
     * source not 16 bits wide, nested bytes not in whole actions. */
    struct ofp_action a = act_ct(0x4, 0, OFPACT_CT_RECIRC_NONE);
    struct ofp_action_list l = { &a, 1 };
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP13_VERSION, &l, &b),
                    OFPERR_OFPBAC_BAD_ARGUMENT);
    a = act_ct(0, 0, OFPACT_CT_RECIRC_NONE);
    a.u.ct.zone_src = 0x00010004;
    a.u.ct.zone_ofs_nbits = 7;
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP13_VERSION, &l, &b),
                    OFPERR_OFPBAC_BAD_SET_ARGUMENT);
    a = act_ct(0, 0, OFPACT_CT_RECIRC_NONE);
    a.u.ct.actions = exp_data;
    a.u.ct.actions_len = 4;
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP13_VERSION, &l, &b),
                    OFPERR_OFPBAC_BAD_LEN);
    CU_ASSERT_EQUAL(b.size, 0);
    ofpbuf_uninit(&b);
}

/* ct_state and ct_zone are read-only: no set_field, either way. */
static void
test_ct_read_only(void)
{
    struct ofp_action a = act_set_u(OFPF_CT_STATE, OFPCS_TRK);
    struct ofp_action_list l = { &a, 1 };
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP13_VERSION, &l, &b),
                    OFPERR_OFPBAC_BAD_SET_TYPE);
    struct ds why = DS_EMPTY_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_actions_check_version(&l, OFP13_VERSION, &why),
                    OFPERR_OFPBAC_BAD_SET_TYPE);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&why),
                           "ct_state is read-only: set_field cannot write it");
    ds_destroy(&why);
    a = act_set_u(OFPF_CT_ZONE, 5);
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP13_VERSION, &l, &b),
                    OFPERR_OFPBAC_BAD_SET_TYPE);
    CU_ASSERT_EQUAL(ofp_actions_encode(OFP10_VERSION, &l, &b),
                    OFPERR_OFPBAC_BAD_SET_TYPE);
    CU_ASSERT_EQUAL(b.size, 0);
    ofpbuf_uninit(&b);

    struct decoded d;
    CU_ASSERT_EQUAL(decode_hex(&d, OFP13_VERSION,
                               "0019 0010 0001d204 00000020 00000000"),
                    OFPERR_OFPBAC_BAD_SET_TYPE);
    decoded_free(&d);
    CU_ASSERT_EQUAL(decode_hex(&d, OFP13_VERSION,
                               "0019 0010 0001d402 0005 000000000000"),
                    OFPERR_OFPBAC_BAD_SET_TYPE);
    decoded_free(&d);
}

/* ---- Instructions. ----------------------------------------------------- */

static void
test_instructions_round_trip(void)
{
    struct ofp_action apply[2], write[1];
    apply[0] = act_set_u(OFPF_IPV4_DST, 0x0a000001);
    apply[1] = act_output(2, 0);
    write[0] = act_u32(OFPACT_GROUP, 7);

    struct ofp_instructions ins;
    memset(&ins, 0, sizeof ins);
    ins.present = (OFPIB_GOTO_TABLE | OFPIB_WRITE_METADATA
                   | OFPIB_WRITE_ACTIONS | OFPIB_APPLY_ACTIONS
                   | OFPIB_CLEAR_ACTIONS | OFPIB_METER);
    ins.goto_table = 3;
    ins.metadata = 0x1122;
    ins.metadata_mask = 0xffff;
    ins.meter_id = 9;
    ins.apply.actions = apply;
    ins.apply.n = 2;
    ins.write.actions = write;
    ins.write.n = 1;

    static const char golden[] =
        "0006 0008 00000009"                                /* meter */
        "0004 0028 00000000"                                /* apply */
        "  0019 0010 80001804 0a000001 00000000"
        "  0000 0010 00000002 0000 000000000000"
        "0005 0008 00000000"                                /* clear */
        "0003 0010 00000000 0016 0008 00000007"             /* write */
        "0002 0018 00000000 0000000000001122 000000000000ffff"
        "0001 0008 03 000000";                              /* goto */

    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_instructions_encode(OFP13_VERSION, &ins, &b), 0);
    assert_bytes(&b, golden);

    struct decoded d;
    CU_ASSERT_EQUAL(decode_ins_hex(&d, golden), 0);
    CU_ASSERT_EQUAL(d.ins.present, ins.present);
    CU_ASSERT_EQUAL(d.ins.goto_table, 3);
    CU_ASSERT_EQUAL(d.ins.metadata, 0x1122);
    CU_ASSERT_EQUAL(d.ins.metadata_mask, 0xffff);
    CU_ASSERT_EQUAL(d.ins.meter_id, 9);
    CU_ASSERT_EQUAL(d.ins.apply.n, 2);
    CU_ASSERT_EQUAL(d.ins.write.n, 1);
    CU_ASSERT_TRUE(ofp_instructions_equal(&d.ins, &ins));

    struct ds s = DS_EMPTY_INITIALIZER;
    ofp_instructions_format(&d.ins, &s);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&s),
                           "meter:9 apply_actions(set_field:10.0.0.1->"
                           "ipv4_dst,output:2) clear_actions "
                           "write_actions(group:7) "
                           "write_metadata:0x1122/0xffff goto_table:3");
    ds_destroy(&s);

    /* Any difference is noticed. */
    d.ins.goto_table = 4;
    CU_ASSERT_FALSE(ofp_instructions_equal(&d.ins, &ins));
    decoded_free(&d);

    /* Instructions in another order decode to the same thing. */
    CU_ASSERT_EQUAL(decode_ins_hex(&d, "0001 0008 03 000000"
                                   "0006 0008 00000009"), 0);
    CU_ASSERT_EQUAL(d.ins.present, OFPIB_GOTO_TABLE | OFPIB_METER);
    CU_ASSERT_EQUAL(d.ins.meter_id, 9);
    decoded_free(&d);

    /* OpenFlow 1.0 cannot carry any of it but the apply list... */
    ofpbuf_clear(&b);
    CU_ASSERT_EQUAL(ofp_instructions_encode(OFP10_VERSION, &ins, &b),
                    OFPERR_OFPBIC_UNSUP_INST);
    CU_ASSERT_EQUAL(b.size, 0);
    ins.present = OFPIB_GOTO_TABLE;
    CU_ASSERT_EQUAL(ofp_instructions_encode(OFP10_VERSION, &ins, &b),
                    OFPERR_OFPBIC_UNSUP_INST);
    /* ...which it writes as a plain action list. */
    ins.present = OFPIB_APPLY_ACTIONS;
    CU_ASSERT_EQUAL(ofp_instructions_encode(OFP10_VERSION, &ins, &b), 0);
    assert_bytes(&b, "0007 0008 0a000001 0000 0008 0002 0000");
    ofpbuf_uninit(&b);

    /* No instructions: drop, encodes to nothing. */
    memset(&ins, 0, sizeof ins);
    s = (struct ds) DS_EMPTY_INITIALIZER;
    ofp_instructions_format(&ins, &s);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&s), "drop");
    ds_destroy(&s);
}

/* A 1.3 FLOW_MOD (ADD, table 0, empty OXM match) carrying our encoded
 * instructions, as Open vSwitch reads it. */
static void
test_ovs_instructions(void)
{
    struct ofp_action apply = act_output(2, 0);
    struct ofp_action write = act_u32(OFPACT_GROUP, 7);
    struct ofp_instructions ins;
    memset(&ins, 0, sizeof ins);
    ins.present = (OFPIB_GOTO_TABLE | OFPIB_WRITE_METADATA
                   | OFPIB_WRITE_ACTIONS | OFPIB_APPLY_ACTIONS
                   | OFPIB_CLEAR_ACTIONS | OFPIB_METER);
    ins.goto_table = 3;
    ins.metadata = 0x1122;
    ins.metadata_mask = 0xffff;
    ins.meter_id = 9;
    ins.apply.actions = &apply;
    ins.apply.n = 1;
    ins.write.actions = &write;
    ins.write.n = 1;

    struct ofpbuf m = OFPBUF_INITIALIZER;
    ofpbuf_put_u8(&m, OFP13_VERSION);
    ofpbuf_put_u8(&m, 14);              /* OFPT_FLOW_MOD */
    ofpbuf_put_be16(&m, 0);
    ofpbuf_put_be32(&m, 1);
    ofpbuf_put_be64(&m, 0);             /* cookie */
    ofpbuf_put_be64(&m, 0);             /* cookie_mask */
    ofpbuf_put_u8(&m, 0);               /* table_id */
    ofpbuf_put_u8(&m, 0);               /* OFPFC_ADD */
    ofpbuf_put_be16(&m, 0);             /* idle_timeout */
    ofpbuf_put_be16(&m, 0);             /* hard_timeout */
    ofpbuf_put_be16(&m, 100);           /* priority */
    ofpbuf_put_be32(&m, OFP_NO_BUFFER);
    ofpbuf_put_be32(&m, OFPP_ANY);
    ofpbuf_put_be32(&m, OFPG_ANY);
    ofpbuf_put_be16(&m, 0);             /* flags */
    ofpbuf_put_zeros(&m, 2);
    ofpbuf_put_be16(&m, 1);             /* OFPMT_OXM */
    ofpbuf_put_be16(&m, 4);
    ofpbuf_put_zeros(&m, 4);
    CU_ASSERT_EQUAL(ofp_instructions_encode(OFP13_VERSION, &ins, &m), 0);
    ofp_be16 *len = ofpbuf_at(&m, 2, sizeof *len);
    be16_set(len, (uint16_t) m.size);

    char *s = unit_ovs_ofp_print(m.data, m.size, NULL);
    if (s) {
        UNIT_ASSERT_CONTAINS(s, "actions=meter:9,output:2,clear_actions,"
                             "write_actions(group:7),"
                             "write_metadata:0x1122/0xffff,goto_table:3");
        free(s);
    }
    ofpbuf_uninit(&m);
}

/* An apply-actions instruction whose list 1.3 cannot encode fails whole. */
static void
test_instructions_encode_error(void)
{
    struct ofp_action a[2];
    a[0] = act_output(1, 0);
    a[1] = act_enqueue(1, 2);
    struct ofp_instructions ins;
    memset(&ins, 0, sizeof ins);
    ins.present = OFPIB_METER | OFPIB_APPLY_ACTIONS;
    ins.meter_id = 1;
    ins.apply.actions = a;
    ins.apply.n = 2;
    struct ofpbuf b = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_instructions_encode(OFP13_VERSION, &ins, &b),
                    OFPERR_OFPBAC_BAD_TYPE);
    CU_ASSERT_EQUAL(b.size, 0);
    ofpbuf_uninit(&b);
}

static const struct bad_case bad_instructions[] = {
    { 0, "0001 0004 0000 0000", OFPERR_OFPBIC_BAD_LEN },
    { 0, "0001 000c 0000 0000 0000 0000", OFPERR_OFPBIC_BAD_LEN },
    { 0, "0001 0010 0300 0000", OFPERR_OFPBIC_BAD_LEN },
    { 0, "0001 0008 0300 0000 0001", OFPERR_OFPBIC_BAD_LEN },
    { 0, "0001 0010 0300 0000 0000 0000 0000 0000", OFPERR_OFPBIC_BAD_LEN },
    { 0, "0002 0010 0000 0000 0000 0000 0000 0001", OFPERR_OFPBIC_BAD_LEN },
    { 0, "0005 0010 0000 0000 0000 0000 0000 0000", OFPERR_OFPBIC_BAD_LEN },
    { 0, "0006 0010 0000 0001 0000 0000 0000 0000", OFPERR_OFPBIC_BAD_LEN },
    { 0, "0007 0008 0000 0000", OFPERR_OFPBIC_UNKNOWN_INST },
    { 0, "0000 0008 0000 0000", OFPERR_OFPBIC_UNKNOWN_INST },
    { 0, "ffff 0008 0000 2320", OFPERR_OFPBIC_BAD_EXPERIMENTER },
    { 0, "0001 0008 0300 0000 0001 0008 0400 0000",
      OFPERR_OFPBIC_UNSUP_INST },
    { 0, "0004 0008 0000 0000 0004 0008 0000 0000",
      OFPERR_OFPBIC_UNSUP_INST },
    { 0, "0001 0008 ff00 0000", OFPERR_OFPBIC_BAD_TABLE_ID },
    /* Errors inside a nested action list keep their action class. */
    { 0, "0004 0010 0000 0000 0012 0010 0000 0000", OFPERR_OFPBAC_BAD_LEN },
    { 0, "0003 0010 0000 0000 0063 0008 0000 0000", OFPERR_OFPBAC_BAD_TYPE },
};

static void
test_bad_instructions(void)
{
    for (size_t i = 0; i < sizeof bad_instructions / sizeof *bad_instructions;
         i++) {
        const struct bad_case *bc = &bad_instructions[i];
        struct decoded d;
        enum ofperr error = decode_ins_hex(&d, bc->hex);
        CU_ASSERT_EQUAL(error, bc->error);
        if (error != bc->error) {
            fprintf(stderr, "\ncase %zu (%s): got %s, want %s\n", i, bc->hex,
                    ofperr_name(error), ofperr_name(bc->error));
        }
        decoded_free(&d);
    }
}

/* ---- Printing and comparison. ------------------------------------------ */

static void
test_format(void)
{
    struct ofp_action a[32];
    size_t n = 0;
    a[n++] = act_output(2, 0);
    a[n++] = act_output(OFPP_CONTROLLER, 65535);
    a[n++] = act_output(OFPP_FLOOD, 0);
    a[n++] = act_output(OFPP_ALL, 0);
    a[n++] = act_output(OFPP_IN_PORT, 0);
    a[n++] = act_output(OFPP_LOCAL, 0);
    a[n++] = act_set_u(OFPF_IPV4_DST, 0x0a000001);
    a[n++] = act_ethertype(OFPACT_PUSH_VLAN, 0x8100);
    a[n++] = act_simple(OFPACT_POP_VLAN);
    a[n++] = act_u32(OFPACT_GROUP, 5);
    a[n++] = act_u32(OFPACT_SET_QUEUE, 3);
    a[n++] = act_simple(OFPACT_DEC_NW_TTL);
    a[n++] = act_enqueue(1, 2);
    struct ofp_action_list l = { a, n };
    assert_format(&l, "output:2,CONTROLLER:65535,FLOOD,ALL,IN_PORT,LOCAL,"
                  "set_field:10.0.0.1->ipv4_dst,push_vlan:0x8100,pop_vlan,"
                  "group:5,set_queue:3,dec_ttl,enqueue:1:2");

    struct ofp_action b[32];
    n = of13_actions(b);
    l.actions = b;
    l.n = n;
    assert_format(&l, "output:2,group:5,set_queue:3,"
                  "set_field:10.0.0.1->ipv4_dst,set_field:0x100a->vlan_vid,"
                  "set_field:00:11:22:33:44:55->eth_src,"
                  "set_field:2001:db8::1->ipv6_src,set_field:443->tcp_dst,"
                  "push_vlan:0x8100,pop_vlan,push_mpls:0x8847,"
                  "pop_mpls:0x0800,push_pbb:0x88e7,pop_pbb,set_nw_ttl:64,"
                  "dec_ttl,set_mpls_ttl:5,dec_mpls_ttl,copy_ttl_out,"
                  "copy_ttl_in");

    struct ds s = DS_EMPTY_INITIALIZER;
    ofp_port_format(7, &s);
    ds_put_char(&s, ' ');
    ofp_port_format(OFPP_LOCAL, &s);
    ds_put_char(&s, ' ');
    ofp_port_format(OFPP_ANY, &s);
    ds_put_char(&s, ' ');
    ofp_port_format(OFPP_MAX, &s);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&s), "7 LOCAL ANY 4294967040");
    ds_destroy(&s);
}

static void
test_equal(void)
{
    struct ofp_action a[32], b[32];
    size_t n = of13_actions(a);
    of13_actions(b);
    struct ofp_action_list la = { a, n }, lb = { b, n };
    CU_ASSERT_TRUE(ofp_actions_equal(&la, &lb));
    lb.n = n - 1;
    CU_ASSERT_FALSE(ofp_actions_equal(&la, &lb));
    lb.n = n;
    b[5].u.set_field.value.mac[5] ^= 1;
    CU_ASSERT_FALSE(ofp_actions_equal(&la, &lb));
    b[5] = a[5];
    b[0].u.output.max_len = 1;
    CU_ASSERT_FALSE(ofp_actions_equal(&la, &lb));
    b[0] = a[0];
    b[1] = a[2];
    CU_ASSERT_FALSE(ofp_actions_equal(&la, &lb));
}

/* ---- Parsing. ---------------------------------------------------------- */

/* Formats 'a', parses the text back and checks the same action comes out
 * and prints the same. */
static void
check_action_round_trip(const struct ofp_action *a)
{
    struct ds text = DS_EMPTY_INITIALIZER;
    struct ds text2 = DS_EMPTY_INITIALIZER;
    struct ds error = DS_EMPTY_INITIALIZER;
    struct ofp_action b;

    ofp_action_format(a, &text);
    memset(&b, 0x5a, sizeof b);
    bool ok = ofp_action_parse(ds_cstr(&text), &b, &error);
    CU_ASSERT_TRUE(ok);
    if (ok) {
        struct ofp_action_list la = { a, 1 }, lb = { &b, 1 };
        CU_ASSERT_TRUE(ofp_actions_equal(&la, &lb));
        ofp_action_format(&b, &text2);
        CU_ASSERT_STRING_EQUAL(ds_cstr(&text), ds_cstr(&text2));
    } else {
        fprintf(stderr, "\n%s: %s\n", ds_cstr(&text), ds_cstr(&error));
    }
    ds_destroy(&text);
    ds_destroy(&text2);
    ds_destroy(&error);
}

static void
test_parse_round_trip(void)
{
    struct ofp_action a[64];
    size_t n = of10_actions(a);
    n += of13_actions(a + n);
    /* The printer shows max_len only for CONTROLLER. */
    for (size_t i = 0; i < n; i++) {
        if (a[i].type == OFPACT_OUTPUT
            && a[i].u.output.port != OFPP_CONTROLLER) {
            a[i].u.output.max_len = 0;
        }
    }
    static const uint32_t ports[] = {
        1, OFPP_MAX, OFPP_IN_PORT, OFPP_TABLE, OFPP_NORMAL, OFPP_FLOOD,
        OFPP_ALL, OFPP_LOCAL,
    };
    for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++) {
        a[n++] = act_output(ports[i], 0);
    }
    a[n++] = act_output(OFPP_CONTROLLER, 0);
    a[n++] = act_output(OFPP_CONTROLLER, 0xffff);
    a[n++] = act_enqueue(OFPP_IN_PORT, 0);
    a[n++] = act_enqueue(OFPP_LOCAL, UINT32_MAX);
    a[n++] = act_u32(OFPACT_GROUP, OFPG_MAX);
    a[n++] = act_u32(OFPACT_SET_QUEUE, UINT32_MAX);
    a[n++] = act_ethertype(OFPACT_PUSH_VLAN, 0x88a8);
    a[n++] = act_ethertype(OFPACT_PUSH_MPLS, 0x8848);
    a[n++] = act_ethertype(OFPACT_POP_MPLS, 0x86dd);
    a[n++] = act_ttl(OFPACT_SET_NW_TTL, 0);
    a[n++] = act_ttl(OFPACT_SET_MPLS_TTL, 255);
    a[n++] = act_ct(0, 0, OFPACT_CT_RECIRC_NONE);
    a[n++] = act_ct(OFPACT_CT_F_COMMIT, 1, 2);
    a[n++] = act_ct(OFPACT_CT_F_COMMIT | OFPACT_CT_F_FORCE, 65535, 0);
    a[n - 1].u.ct.alg = 21;
    a[n++] = act_ct(0, 7, 254);
    a[n - 1].u.ct.alg = 69;
    a[n++] = act_ct(OFPACT_CT_F_COMMIT, 0, OFPACT_CT_RECIRC_NONE);
    a[n - 1].u.ct.alg = 1234;
    CU_ASSERT_FATAL(n <= sizeof a / sizeof a[0]);
    for (size_t i = 0; i < n; i++) {
        check_action_round_trip(&a[i]);
    }

    /* set_field on every field, with its widest value. */
    for (int f = 0; f < OFPF_N_FIELDS; f++) {
        const struct ofp_field_info *fi = ofp_field_info((enum ofp_field) f);
        struct ofp_action sf = act_simple(OFPACT_SET_FIELD);
        sf.u.set_field.field = (enum ofp_field) f;
        if (!fi->settable) {
            continue;           /* test_ct_read_only() has these. */
        }
        uint64_t x = 0xa5c3a5c3a5c3a5c3ull;
        if (fi->n_bits < 64) {
            x &= ((uint64_t) 1 << fi->n_bits) - 1;
        }
        if (f == OFPF_VLAN_VID) {
            x = OFPVID_PRESENT | 0xfff;
        }
        switch (fi->kind) {
        case OFPFK_U8:
        case OFPFK_U16:
        case OFPFK_U32:
        case OFPFK_U64:
            sf = act_set_u((enum ofp_field) f, x);
            break;
        case OFPFK_MAC:
        case OFPFK_IPV6:
            for (int j = 0; j < fi->wire_len; j++) {
                sf.u.set_field.value.ipv6[j] = (uint8_t) (j * 37 + 11);
            }
            break;
        }
        check_action_round_trip(&sf);
    }
}

/* Parses 'text' and expects it to print as 'want'. */
static void
expect_action(const char *text, const char *want)
{
    struct ofp_action a;
    struct ds error = DS_EMPTY_INITIALIZER;
    struct ds got = DS_EMPTY_INITIALIZER;
    if (ofp_action_parse(text, &a, &error)) {
        ofp_action_format(&a, &got);
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
test_parse_aliases(void)
{
    expect_action("output:CONTROLLER", "CONTROLLER:65535");
    expect_action("output:controller", "CONTROLLER:65535");
    expect_action("controller", "CONTROLLER:65535");
    expect_action("controller:128", "CONTROLLER:128");
    expect_action("Controller:0x80", "CONTROLLER:128");
    expect_action("flood", "FLOOD");
    expect_action("all", "ALL");
    expect_action("normal", "NORMAL");
    expect_action("local", "LOCAL");
    expect_action("in_port", "IN_PORT");
    expect_action("table", "TABLE");
    expect_action("output:in_port", "IN_PORT");
    expect_action("output:Local", "LOCAL");
    expect_action("output:4294967294", "LOCAL");
    expect_action("OUTPUT:0x10", "output:16");
    expect_action("output:010", "output:10");
    expect_action("dec_nw_ttl", "dec_ttl");
    expect_action("DEC_TTL", "dec_ttl");
    expect_action("strip_vlan", "pop_vlan");
    expect_action("enqueue:local:3", "enqueue:LOCAL:3");
    expect_action("Set_Field:10.0.0.1->IPV4_DST",
                  "set_field:10.0.0.1->ipv4_dst");
    expect_action("set_field:AA:BB:CC:DD:EE:FF->eth_dst",
                  "set_field:aa:bb:cc:dd:ee:ff->eth_dst");
    expect_action("set_field:4101->vlan_vid", "set_field:0x1005->vlan_vid");
    expect_action("set_field:0x50->tcp_src", "set_field:80->tcp_src");
    expect_action("push_vlan:33024", "push_vlan:0x8100");
    expect_action("set_nw_ttl:0x40", "set_nw_ttl:64");
    /* ct arguments in any order and case; ovs-ofctl's order out. */
    expect_action("ct", "ct()");
    expect_action("CT()", "ct()");
    expect_action("ct(commit,zone=5,table=1)", "ct(commit,table=1,zone=5)");
    expect_action("Ct(Zone=0x10,ALG=FTP,force,commit)",
                  "ct(commit,force,zone=16,alg=ftp)");
    expect_action("ct(zone=0,alg=0,table=0)", "ct(table=0)");
    expect_action("ct(alg=21)", "ct(alg=ftp)");

    /* Output to a numbered port gets max_len 0. */
    struct ofp_action a;
    CU_ASSERT_TRUE(ofp_action_parse("output:3", &a, NULL));
    CU_ASSERT_EQUAL(a.type, OFPACT_OUTPUT);
    CU_ASSERT_EQUAL(a.u.output.port, 3);
    CU_ASSERT_EQUAL(a.u.output.max_len, 0);
}

static void
test_parse_errors(void)
{
    static const struct {
        const char *text;
        const char *error;
    } bad[] = {
        { "outptu:2", "unknown action 'outptu:2' (expected one of: "
          "output:PORT, CONTROLLER[:MAX_LEN], IN_PORT, TABLE, NORMAL, FLOOD, "
          "ALL, LOCAL, group:ID, set_queue:ID, enqueue:PORT:QUEUE, "
          "set_field:VALUE->FIELD, push_vlan:ETHERTYPE, pop_vlan, "
          "push_mpls:ETHERTYPE, pop_mpls:ETHERTYPE, push_pbb:ETHERTYPE, "
          "pop_pbb, set_nw_ttl:TTL, dec_ttl, set_mpls_ttl:TTL, dec_mpls_ttl, "
          "copy_ttl_out, copy_ttl_in, ct(ARGS))" },
        { "output", "output needs a port (e.g. output:2)" },
        { "output:", "output needs a port" },
        { "output:0", "port 0 cannot be used by output" },
        { "output:any", "port any cannot be used by output" },
        { "output:4294967041", "port 4294967041 cannot be used by output" },
        { "output:4294967296",
          "value 4294967296 out of range for output (0..4294967295)" },
        { "output:foo", "invalid port 'foo' for output (expected a number "
          "or IN_PORT, TABLE, NORMAL, FLOOD, ALL, CONTROLLER, LOCAL)" },
        { "output:2x", "invalid value '2x' for output (expected a decimal or "
          "0x-hex number)" },
        { "output:-1", "invalid port '-1' for output (expected a number or "
          "IN_PORT, TABLE, NORMAL, FLOOD, ALL, CONTROLLER, LOCAL)" },
        { "Flood:1", "Flood takes no argument" },
        { "controller:70000",
          "value 70000 out of range for CONTROLLER max_len (0..65535)" },
        { "controller:", "CONTROLLER max_len needs a number" },
        { "group", "group needs an id (e.g. group:1)" },
        { "group:4294967295",
          "value 4294967295 out of range for group (0..4294967040)" },
        { "set_queue:4294967296",
          "value 4294967296 out of range for set_queue (0..4294967295)" },
        { "enqueue:1", "enqueue needs PORT:QUEUE (e.g. enqueue:1:2)" },
        { "enqueue:FLOOD:1", "port FLOOD cannot be used by enqueue" },
        { "enqueue:4294967040:1",
          "port 4294967040 cannot be used by enqueue" },
        { "enqueue::1", "enqueue needs a port" },
        { "enqueue:1:x", "invalid value 'x' for enqueue queue (expected a "
          "decimal or 0x-hex number)" },
        { "set_field", "set_field needs VALUE->FIELD (e.g. "
          "set_field:10.0.0.1->ipv4_dst)" },
        { "set_field:10.0.0.1", "set_field needs VALUE->FIELD (e.g. "
          "set_field:10.0.0.1->ipv4_dst)" },
        { "set_field:1->nw_dst", "unknown field 'nw_dst' in set_field" },
        { "set_field:1->", "unknown field '' in set_field" },
        { "set_field:10.0.0.0/8->ipv4_dst", "set_field cannot take a mask" },
        { "set_field:70000->tcp_dst",
          "value 70000 out of range for tcp_dst (0..65535)" },
        { "set_field:->tcp_dst", "empty value for tcp_dst" },
        { "set_field:5->vlan_vid", "value 5 for vlan_vid has VLAN id bits "
          "without OFPVID_PRESENT (0x1000)" },
        { "set_field:0->vlan_vid", "set_field vlan_vid needs OFPVID_PRESENT "
          "(0x1000) set, e.g. set_field:0x1005->vlan_vid" },
        { "push_vlan",
          "push_vlan needs an ethertype (e.g. push_vlan:0x8100)" },
        { "pop_mpls", "pop_mpls needs an ethertype (e.g. pop_mpls:0x0800)" },
        { "push_vlan:0x0800",
          "push_vlan ethertype must be 0x8100 or 0x88a8, got 0x0800" },
        { "push_mpls:0x8100",
          "push_mpls ethertype must be 0x8847 or 0x8848, got 0x8100" },
        { "push_pbb:1", "push_pbb ethertype must be 0x88e7, got 0x0001" },
        { "pop_mpls:0x10000",
          "value 0x10000 out of range for pop_mpls (0..65535)" },
        { "pop_vlan:1", "pop_vlan takes no argument" },
        { "dec_ttl:", "dec_ttl takes no argument" },
        { "set_nw_ttl", "set_nw_ttl needs a TTL (e.g. set_nw_ttl:64)" },
        { "set_nw_ttl:256", "value 256 out of range for set_nw_ttl (0..255)" },
        { "set_mpls_ttl:x", "invalid value 'x' for set_mpls_ttl (expected a "
          "decimal or 0x-hex number)" },
        { "experimenter:0x2320(len=16)",
          "experimenter actions are shown but cannot be given" },
        { "ct(force)", "ct force needs commit" },
        { "ct(commit", "ct(...) needs a closing ')'" },
        { "ct(", "ct(...) needs a closing ')'" },
        { "ct(commit,)", "empty argument in ct(...)" },
        { "ct(,commit)", "empty argument in ct(...)" },
        { "ct(commit,,zone=1)", "empty argument in ct(...)" },
        { "ct(commit,commit)", "ct argument commit given twice" },
        { "ct(zone=1,zone=2)", "ct argument zone given twice" },
        { "ct(commit=1)", "ct commit takes no value" },
        { "ct(zone)", "ct zone needs a value (e.g. zone=1)" },
        { "ct(zone=)", "ct zone must be a number 0..65535 (a zone read from "
          "a field cannot be given)" },
        { "ct(zone=70000)", "value 70000 out of range for ct zone "
          "(0..65535)" },
        { "ct(zone=NXM_NX_REG0[0..15])", "ct zone must be a number 0..65535 "
          "(a zone read from a field cannot be given)" },
        { "ct(table=255)", "value 255 out of range for ct table (0..254)" },
        { "ct(table=x)", "invalid value 'x' for ct table (expected a "
          "decimal or 0x-hex number)" },
        { "ct(alg=http)", "ct alg must be ftp, tftp or a port number" },
        { "ct(commit,exec(set_field:1->ct_mark))",
          "ct nested actions (exec, nat) are shown but cannot be given" },
        { "ct(commit,nat(src=10.0.0.1))",
          "ct nested actions (exec, nat) are shown but cannot be given" },
        { "ct(bogus)", "unknown ct argument 'bogus' (expected commit, "
          "force, table=TABLE, zone=ZONE, alg=ALG)" },
        { "ct(commit))", "unknown ct argument 'commit)' (expected commit, "
          "force, table=TABLE, zone=ZONE, alg=ALG)" },
        { "set_field:0x20->ct_state",
          "ct_state is read-only: set_field cannot write it" },
        { "set_field:1->ct_zone",
          "ct_zone is read-only: set_field cannot write it" },
        { " output:2", "unknown action ' output:2' (expected one of: "
          "output:PORT, CONTROLLER[:MAX_LEN], IN_PORT, TABLE, NORMAL, FLOOD, "
          "ALL, LOCAL, group:ID, set_queue:ID, enqueue:PORT:QUEUE, "
          "set_field:VALUE->FIELD, push_vlan:ETHERTYPE, pop_vlan, "
          "push_mpls:ETHERTYPE, pop_mpls:ETHERTYPE, push_pbb:ETHERTYPE, "
          "pop_pbb, set_nw_ttl:TTL, dec_ttl, set_mpls_ttl:TTL, dec_mpls_ttl, "
          "copy_ttl_out, copy_ttl_in, ct(ARGS))" },
        { "set_nw_ttl:01234567890123456789012345678901234567890",
          "value 0123456789012345678901234567890123456789... out of range "
          "for set_nw_ttl (0..255)" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct ofp_action a;
        memset(&a, 0x5a, sizeof a);
        struct ds error = DS_EMPTY_INITIALIZER;
        CU_ASSERT_FALSE(ofp_action_parse(bad[i].text, &a, &error));
        CU_ASSERT_STRING_EQUAL(ds_cstr(&error), bad[i].error);
        if (strcmp(ds_cstr(&error), bad[i].error)) {
            fprintf(stderr, "\n%s: got '%s'\n   want '%s'\n", bad[i].text,
                    ds_cstr(&error), bad[i].error);
        }
        CU_ASSERT_EQUAL(((uint8_t *) &a)[0], 0x5a);   /* Untouched. */
        CU_ASSERT_FALSE(ofp_action_parse(bad[i].text, &a, NULL));
        ds_destroy(&error);
    }

    /* Empty text. */
    struct ofp_action a;
    struct ds error = DS_EMPTY_INITIALIZER;
    CU_ASSERT_FALSE(ofp_action_parse("", &a, &error));
    UNIT_ASSERT_CONTAINS(ds_cstr(&error), "unknown action '' (expected");
    ds_destroy(&error);
}

static const CU_TestInfo actions_tests[] = {
    { "OpenFlow 1.0 round trip and golden bytes", test_of10_round_trip },
    { "OpenFlow 1.3 round trip and golden bytes", test_of13_round_trip },
    { "OpenFlow 1.0 decoded values", test_of10_decoded_values },
    { "OpenFlow 1.0 transport ports", test_of10_tp_ports },
    { "experimenter actions", test_experimenter },
    { "empty action list", test_empty_list },
    { "Open vSwitch reads our 1.0 actions", test_ovs_of10 },
    { "Open vSwitch reads our 1.3 actions", test_ovs_of13 },
    { "malformed actions", test_bad_actions },
    { "arena exhausted", test_arena_exhausted },
    { "truncated and corrupted lists", test_mutations },
    { "OpenFlow 1.0 refusals", test_of10_refusals },
    { "ct round trip and golden bytes", test_ct_round_trip },
    { "ct as Open vSwitch sends it", test_ct_from_ovs },
    { "Open vSwitch reads our ct", test_ct_ovs },
    { "ct in OpenFlow 1.0", test_ct_of10 },
    { "malformed ct", test_ct_malformed },
    { "ct_state and ct_zone are read-only", test_ct_read_only },
    { "instructions round trip", test_instructions_round_trip },
    { "Open vSwitch reads our instructions", test_ovs_instructions },
    { "instructions encode error", test_instructions_encode_error },
    { "malformed instructions", test_bad_instructions },
    { "formatting", test_format },
    { "equality", test_equal },
    { "parse, round trip of every kind", test_parse_round_trip },
    { "parse, aliases and case", test_parse_aliases },
    { "parse, errors", test_parse_errors },
    CU_TEST_INFO_NULL,
};

void
test_actions_register(void)
{
    unit_add_suite("actions", actions_tests);
}
