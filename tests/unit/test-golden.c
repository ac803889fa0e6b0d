/* Unit tests, suite "golden": real OpenFlow messages captured from Open
 * vSwitch 3.1 (ovs-vswitchd and ovs-ofctl) decode to the values we know from
 * the capture, and encode back to the same bytes.
 *
 * The messages live in tests/unit/data/of10 and tests/unit/data/of13, one
 * per file, as hex after '#' comment lines that hold 'ovs-ofctl ofp-print'
 * of the same bytes.  tests/unit/data/capture.sh says how they were made:
 * the switch's messages come from a scripted controller session with bridge
 * br0 (dpid 0xa1, ports 1 "gd1" and 2 "gd2", veths into namespaces), the
 * requests from ovs-ofctl relayed to that bridge.  The script is not run by
 * the tests.
 *
 * Re-encoding: our encoders are canonical for almost everything OVS sends,
 * so the default check is "identical bytes".  The one legitimate difference
 * is the order of OXM TLVs in OpenFlow 1.3 matches: OVS writes L3 addresses
 * before ip_proto (eth_type, ipv4_src, ip_proto, tcp_dst), we write them in
 * OXM field-number order.  OpenFlow 1.3 (7.2.3.6) only asks that a field's
 * prerequisites come before it, which both orders satisfy.  For those
 * messages the test checks that the lengths agree, that the bytes outside
 * the matches are identical, that each match holds the same set of TLVs,
 * that our bytes decode to the same values again, and that ovs-ofctl prints
 * both byte strings identically. */
#include <config.h>

#include "tests/unit/unit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-msgs.h"
#include "ofproto/ofp-print.h"

/* How the re-encoded bytes must relate to the captured ones. */
enum golden_how {
    GOLDEN_EXACT,     /* Byte for byte. */
    GOLDEN_OXM_ORDER, /* Same except the order of OXMs in 1.3 matches. */
};

/* Reads tests/unit/data/'name' (hex, '#' lines skipped).  Returns a
 * malloc'd buffer (caller frees) or NULL after failing the test. */
static uint8_t *
golden_load(const char *name, size_t *size)
{
    const char *path = unit_data_path(name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "\ncannot open %s (run from the source tree or set "
                "CANOPY_TEST_DATA to its tests/unit/data)\n", path);
        CU_FAIL("golden file missing");
        return NULL;
    }
    struct ds hex = DS_EMPTY_INITIALIZER;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        if (line[0] != '#') {
            ds_put_cstr(&hex, line);
        }
    }
    fclose(f);
    uint8_t *data = unit_hex(ds_cstr(&hex), size);
    ds_destroy(&hex);
    return data;
}

static void
golden_print_diff(const char *name, const uint8_t *ours, size_t n_ours,
                  const uint8_t *ovs, size_t n_ovs)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_format(&s, "\n%s: re-encoded %zu bytes, captured %zu bytes\n"
                  "  ours: ", name, n_ours, n_ovs);
    ds_put_hex(&s, ours, n_ours);
    ds_put_cstr(&s, "\n  ovs:  ");
    ds_put_hex(&s, ovs, n_ovs);
    fprintf(stderr, "%s\n", ds_cstr(&s));
    ds_destroy(&s);
}

/* Offsets of the OpenFlow 1.3 'struct ofp_match'es in message 'data': a
 * FLOW_MOD has one at 48, a FLOW_STATS reply one per entry at 48 into the
 * entry (entries start at 16, each with its length in its first 2 bytes).
 * Returns how many were stored in 'ofs'. */
static size_t
golden_match_offsets(const uint8_t *data, size_t size, size_t ofs[],
                     size_t max)
{
    struct ofp_cursor c = ofp_cursor_init(data, size);
    uint8_t version, type;
    if (!ofp_cursor_u8(&c, &version) || !ofp_cursor_u8(&c, &type)) {
        return 0;
    }
    if (type == 14) {
        ofs[0] = 48;
        return 1;
    }
    /* Multipart reply: skip the 16 bytes of headers, then walk entries. */
    size_t n = 0, pos = 16;
    c = ofp_cursor_init(data, size);
    if (!ofp_cursor_skip(&c, 16)) {
        return 0;
    }
    uint16_t len;
    while (n < max && ofp_cursor_remaining(&c) >= 2) {
        struct ofp_cursor entry = c;
        if (!ofp_cursor_u16(&entry, &len) || len < 56
            || !ofp_cursor_skip(&c, len)) {
            break;
        }
        ofs[n++] = pos + 48;
        pos += len;
    }
    return n;
}

/* Returns true if the OXM TLVs in 'a' and 'b' (each 'len' bytes) are the
 * same set, in any order. */
static bool
golden_oxm_same_set(const uint8_t *a, const uint8_t *b, size_t len)
{
    struct ofp_cursor ca = ofp_cursor_init(a, len);
    size_t n_a = 0;
    while (ofp_cursor_remaining(&ca) > 0) {
        const uint8_t *hdr = ofp_cursor_peek(&ca, 4);
        if (!hdr) {
            return false;
        }
        size_t tlv_len = 4 + (size_t) hdr[3];
        const uint8_t *tlv = ofp_cursor_pull(&ca, tlv_len);
        if (!tlv) {
            return false;
        }
        n_a++;
        /* Look for the identical TLV anywhere in 'b'. */
        struct ofp_cursor cb = ofp_cursor_init(b, len);
        bool found = false;
        while (!found && ofp_cursor_remaining(&cb) > 0) {
            const uint8_t *h = ofp_cursor_peek(&cb, 4);
            const uint8_t *t = h ? ofp_cursor_pull(&cb, 4 + (size_t) h[3])
                                 : NULL;
            if (!t) {
                return false;
            }
            found = 4 + (size_t) h[3] == tlv_len && !memcmp(t, tlv, tlv_len);
        }
        if (!found) {
            return false;
        }
    }
    /* Same total length and every TLV of 'a' in 'b' (no duplicates in a
     * valid match) means the same set; two empty matches are equal too. */
    return n_a > 0 || len == 0;
}

/* Checks that 'ours' and 'ovs' differ only in the order of OXMs inside the
 * 1.3 matches. */
static void
golden_check_oxm_order(const char *name, const uint8_t *ours, size_t n_ours,
                       const uint8_t *ovs, size_t n_ovs)
{
    CU_ASSERT_EQUAL_FATAL(n_ours, n_ovs);
    size_t ofs[16];
    size_t n = golden_match_offsets(ovs, n_ovs, ofs, 16);
    CU_ASSERT(n > 0);
    size_t done = 0;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        size_t m = ofs[i];
        CU_ASSERT_FATAL(m + 4 <= n_ovs);
        size_t mlen = ((size_t) ovs[m + 2] << 8) | ovs[m + 3];
        CU_ASSERT_FATAL(mlen >= 4 && m + mlen <= n_ovs);
        /* Bytes before this match (type and length included). */
        ok = ok && !memcmp(ours + done, ovs + done, m + 4 - done);
        ok = ok && golden_oxm_same_set(ours + m + 4, ovs + m + 4, mlen - 4);
        done = m + mlen;
    }
    ok = ok && !memcmp(ours + done, ovs + done, n_ovs - done);
    if (!ok) {
        golden_print_diff(name, ours, n_ours, ovs, n_ovs);
    }
    CU_ASSERT(ok);

    /* And OVS reads both the same way. */
    char *p_ours = unit_ovs_ofp_print(ours, n_ours, NULL);
    char *p_ovs = unit_ovs_ofp_print(ovs, n_ovs, NULL);
    if (!p_ours || !p_ovs) {
        fprintf(stderr, "\n%s: 'ovs-ofctl ofp-print' failed or is missing: "
                "install openvswitch-common (or set OVS_OFCTL)\n", name);
    }
    CU_ASSERT_PTR_NOT_NULL(p_ours);
    CU_ASSERT_PTR_NOT_NULL(p_ovs);
    if (p_ours && p_ovs) {
        if (strcmp(p_ours, p_ovs)) {
            fprintf(stderr, "\n%s: ovs-ofctl prints ours as\n%s\nand the "
                    "capture as\n%s\n", name, p_ours, p_ovs);
        }
        CU_ASSERT_STRING_EQUAL(p_ours, p_ovs);
    }
    free(p_ours);
    free(p_ovs);
}

/* The whole golden test for one file: decode, check header fields, run
 * 'check' on the decoded message, re-encode for the same version and
 * compare as 'how' says. */
static void
golden_run(const char *name, uint8_t version, enum ofp_msg_type type,
           uint32_t xid, enum golden_how how,
           void (*check)(const struct ofp_msg *))
{
    size_t size;
    uint8_t *data = golden_load(name, &size);
    if (!data) {
        return;
    }
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_arena arena2 = OFP_ARENA_INITIALIZER;
    struct ofpbuf out = OFPBUF_INITIALIZER;
    struct ofp_msg msg;

    enum ofperr err = ofp_decode(data, size, &arena, &msg);
    if (err) {
        fprintf(stderr, "\n%s: decode failed: %s\n", name, ofperr_name(err));
    }
    CU_ASSERT_EQUAL(err, 0);
    if (err) {
        goto done;
    }
    CU_ASSERT_EQUAL(msg.version, version);
    CU_ASSERT_EQUAL(msg.type, type);
    CU_ASSERT_EQUAL(msg.xid, xid);
    check(&msg);

    /* Our printer handles every real message and starts as documented. */
    struct ds text = DS_EMPTY_INITIALIZER, prefix = DS_EMPTY_INITIALIZER;
    ofp_msg_format(&msg, &text);
    ds_put_format(&prefix, "%s (OF1.%d) xid=0x%"PRIx32,
                  ofp_msg_type_name(type), version == OFP13_VERSION ? 3 : 0,
                  xid);
    const char *p = ds_cstr(&prefix);
    if (strncmp(ds_cstr(&text), p, strlen(p))) {
        fprintf(stderr, "\n%s: printed as [%s], expected it to start with "
                "[%s]\n", name, ds_cstr(&text), ds_cstr(&prefix));
        CU_FAIL("ofp_msg_format prefix");
    }
    ds_destroy(&text);
    ds_destroy(&prefix);

    err = ofp_encode(&msg, version, &out);
    if (err) {
        fprintf(stderr, "\n%s: encode failed: %s\n", name, ofperr_name(err));
    }
    CU_ASSERT_EQUAL(err, 0);
    if (err) {
        goto done;
    }
    if (how == GOLDEN_EXACT) {
        bool same = out.size == size && !memcmp(out.data, data, size);
        if (!same) {
            golden_print_diff(name, out.data, out.size, data, size);
        }
        CU_ASSERT(same);
    } else {
        golden_check_oxm_order(name, out.data, out.size, data, size);
        /* Our bytes mean the same to our own decoder too. */
        struct ofp_msg again;
        err = ofp_decode(out.data, out.size, &arena2, &again);
        CU_ASSERT_EQUAL(err, 0);
        if (!err) {
            CU_ASSERT_EQUAL(again.type, type);
            CU_ASSERT_EQUAL(again.xid, xid);
            check(&again);
        }
    }

done:
    ofpbuf_uninit(&out);
    ofp_arena_uninit(&arena);
    ofp_arena_uninit(&arena2);
    free(data);
}

/* ---- Shared expectations. --------------------------------------------- */

static const uint8_t mac_br0[6] = { 0x02, 0, 0, 0, 0, 0xa1 };
static const uint8_t mac_gd1[6] = { 0x02, 0, 0, 0, 0x01, 0x01 };
static const uint8_t mac_gd2[6] = { 0x02, 0, 0, 0, 0x02, 0x01 };
static const uint8_t mac_ns1[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t mac_ns2[6] = { 0x02, 0, 0, 0, 0, 0x02 };

/* The ARP request that ovs-ofctl packet-out sent (capture.sh). */
static const uint8_t arp_request[42] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x02, 0x00,
    0x00, 0x00, 0x00, 0x02, 0x0a, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x0a, 0x00, 0x00, 0x01,
};

/* One of br0's ports as OVS describes it: 10G copper, nothing else
 * advertised.  'up' ports have config 0; 1.3 adds LIVE and speeds. */
static void
check_port(const struct ofp_port *p, uint32_t port_no, const char *name,
           const uint8_t mac[6], uint32_t config, uint32_t state)
{
    CU_ASSERT_EQUAL(p->port_no, port_no);
    CU_ASSERT_STRING_EQUAL(p->name, name);
    CU_ASSERT_EQUAL(memcmp(p->hw_addr, mac, 6), 0);
    CU_ASSERT_EQUAL(p->config, config);
    CU_ASSERT_EQUAL(p->state, state);
    CU_ASSERT_EQUAL(p->curr, OFPPF_10GB_FD | OFPPF_COPPER);
    CU_ASSERT_EQUAL(p->advertised, 0);
    CU_ASSERT_EQUAL(p->supported, 0);
    CU_ASSERT_EQUAL(p->peer, 0);
}

static void
check_port13_speed(const struct ofp_port *p)
{
    CU_ASSERT_EQUAL(p->curr_speed, 10000000);
    CU_ASSERT_EQUAL(p->max_speed, 0);
}

static void
check_output(const struct ofp_action *a, uint32_t port)
{
    CU_ASSERT_EQUAL(a->type, OFPACT_OUTPUT);
    CU_ASSERT_EQUAL(a->u.output.port, port);
}

static void
check_set_mac(const struct ofp_action *a, enum ofp_field f,
              const uint8_t mac[6])
{
    CU_ASSERT_EQUAL(a->type, OFPACT_SET_FIELD);
    CU_ASSERT_EQUAL(a->u.set_field.field, f);
    CU_ASSERT_EQUAL(memcmp(a->u.set_field.value.mac, mac, 6), 0);
}

static void
check_set_vlan_vid(const struct ofp_action *a, uint16_t vid)
{
    CU_ASSERT_EQUAL(a->type, OFPACT_SET_FIELD);
    CU_ASSERT_EQUAL(a->u.set_field.field, OFPF_VLAN_VID);
    CU_ASSERT_EQUAL(a->u.set_field.value.u16, OFPVID_PRESENT | vid);
}

/* "tcp,nw_src=10.0.0.0/8,tp_dst=80". */
static void
check_match_ip_tcp(const struct ofp_match *m)
{
    struct ofp_match e;
    union ofp_field_value v = { .u16 = 80 };
    ofp_match_init_catchall(&e);
    ofp_match_set_eth_type(&e, 0x0800);
    ofp_match_set_ip_proto(&e, 6);
    ofp_match_set_ipv4_src(&e, 0x0a000000, 8);
    ofp_match_set(&e, OFPF_TCP_DST, &v, NULL);
    CU_ASSERT(ofp_match_equal(m, &e));
}

/* "in_port=N,dl_type=0x0806" (the flow that times out). */
static void
check_match_arp_in_port(const struct ofp_match *m, uint32_t port)
{
    struct ofp_match e;
    ofp_match_init_catchall(&e);
    ofp_match_set_in_port(&e, port);
    ofp_match_set_eth_type(&e, 0x0806);
    CU_ASSERT(ofp_match_equal(m, &e));
}

static void
check_match_in_port(const struct ofp_match *m, uint32_t port)
{
    struct ofp_match e;
    ofp_match_init_catchall(&e);
    ofp_match_set_in_port(&e, port);
    CU_ASSERT(ofp_match_equal(m, &e));
}

/* "in_port=1,dl_src=02:00:00:00:00:01,ip,nw_dst=10.0.0.2" (1.0). */
static void
check_match10_set(const struct ofp_match *m)
{
    struct ofp_match e;
    ofp_match_init_catchall(&e);
    ofp_match_set_in_port(&e, 1);
    ofp_match_set_eth_src(&e, mac_ns1);
    ofp_match_set_eth_type(&e, 0x0800);
    ofp_match_set_ipv4_dst(&e, 0x0a000002, 32);
    CU_ASSERT(ofp_match_equal(m, &e));
}

/* Actions of the 1.0 "set" flow:
 * mod_dl_dst:02:00:00:00:00:02,mod_nw_tos:16,strip_vlan,enqueue:2:3,LOCAL */
static void
check_actions10_set(const struct ofp_action_list *l)
{
    CU_ASSERT_EQUAL_FATAL(l->n, 5);
    check_set_mac(&l->actions[0], OFPF_ETH_DST, mac_ns2);
    CU_ASSERT_EQUAL(l->actions[1].type, OFPACT_SET_FIELD);
    CU_ASSERT_EQUAL(l->actions[1].u.set_field.field, OFPF_IP_DSCP);
    CU_ASSERT_EQUAL(l->actions[1].u.set_field.value.u8, 16 >> 2);
    CU_ASSERT_EQUAL(l->actions[2].type, OFPACT_POP_VLAN);
    CU_ASSERT_EQUAL(l->actions[3].type, OFPACT_ENQUEUE);
    CU_ASSERT_EQUAL(l->actions[3].u.enqueue.port, 2);
    CU_ASSERT_EQUAL(l->actions[3].u.enqueue.queue_id, 3);
    check_output(&l->actions[4], OFPP_LOCAL);
}

/* Actions of the 1.0 ip/tcp flow: mod_vlan_vid:10,output:2. */
static void
check_actions10_ip_tcp(const struct ofp_action_list *l)
{
    CU_ASSERT_EQUAL_FATAL(l->n, 2);
    check_set_vlan_vid(&l->actions[0], 10);
    check_output(&l->actions[1], 2);
}

/* In 1.3, OVS turns mod_vlan_vid:10 into push_vlan + set_field. */
static void
check_actions13_ip_tcp(const struct ofp_action_list *l)
{
    CU_ASSERT_EQUAL_FATAL(l->n, 3);
    CU_ASSERT_EQUAL(l->actions[0].type, OFPACT_PUSH_VLAN);
    CU_ASSERT_EQUAL(l->actions[0].u.ethertype, 0x8100);
    check_set_vlan_vid(&l->actions[1], 10);
    check_output(&l->actions[2], 2);
}

static void
check_apply_controller(const struct ofp_instructions *i)
{
    CU_ASSERT_EQUAL(i->present, OFPIB_APPLY_ACTIONS);
    CU_ASSERT_EQUAL_FATAL(i->apply.n, 1);
    check_output(&i->apply.actions[0], OFPP_CONTROLLER);
    CU_ASSERT_EQUAL(i->apply.actions[0].u.output.max_len, 0xffff);
}

/* "udp6,ipv6_src=2001:db8::/32,udp_dst=53". */
static void
check_match13_udp6(const struct ofp_match *m)
{
    struct ofp_match e;
    union ofp_field_value v, mask;
    ofp_match_init_catchall(&e);
    ofp_match_set_eth_type(&e, 0x86dd);
    ofp_match_set_ip_proto(&e, 17);
    memset(&v, 0, sizeof v);
    memset(&mask, 0, sizeof mask);
    v.ipv6[0] = 0x20;
    v.ipv6[1] = 0x01;
    v.ipv6[2] = 0x0d;
    v.ipv6[3] = 0xb8;
    memset(mask.ipv6, 0xff, 4);
    ofp_match_set(&e, OFPF_IPV6_SRC, &v, &mask);
    memset(&v, 0, sizeof v);
    v.u16 = 53;
    ofp_match_set(&e, OFPF_UDP_DST, &v, NULL);
    CU_ASSERT(ofp_match_equal(m, &e));
}

/* meter:5,write_metadata:0x5/0xff,goto_table:1 */
static void
check_instructions13_meter_goto(const struct ofp_instructions *i)
{
    CU_ASSERT_EQUAL(i->present,
                    OFPIB_METER | OFPIB_WRITE_METADATA | OFPIB_GOTO_TABLE);
    CU_ASSERT_EQUAL(i->meter_id, 5);
    CU_ASSERT_EQUAL(i->metadata, 0x5);
    CU_ASSERT_EQUAL(i->metadata_mask, 0xff);
    CU_ASSERT_EQUAL(i->goto_table, 1);
    CU_ASSERT_EQUAL(i->apply.n, 0);
    CU_ASSERT_EQUAL(i->write.n, 0);
}

/* "in_port=1,dl_vlan=5,dl_dst=02:00:00:00:00:00/ff:ff:ff:00:00:00" with
 * set_field:4106->vlan_vid,push_vlan:0x88a8,group:7 */
static void
check_match13_vlan(const struct ofp_match *m)
{
    struct ofp_match e;
    union ofp_field_value v, mask;
    ofp_match_init_catchall(&e);
    ofp_match_set_in_port(&e, 1);
    ofp_match_set_vlan_vid(&e, 5);
    memset(&v, 0, sizeof v);
    memset(&mask, 0, sizeof mask);
    v.mac[0] = 0x02;
    memset(mask.mac, 0xff, 3);
    ofp_match_set(&e, OFPF_ETH_DST, &v, &mask);
    CU_ASSERT(ofp_match_equal(m, &e));
    CU_ASSERT(ofp_match_has(m, OFPF_VLAN_VID));
    CU_ASSERT_EQUAL(m->v.vlan_vid, OFPVID_PRESENT | 5);
}

static void
check_instructions13_vlan(const struct ofp_instructions *i)
{
    CU_ASSERT_EQUAL(i->present, OFPIB_APPLY_ACTIONS);
    CU_ASSERT_EQUAL_FATAL(i->apply.n, 3);
    check_set_vlan_vid(&i->apply.actions[0], 10);
    CU_ASSERT_EQUAL(i->apply.actions[1].type, OFPACT_PUSH_VLAN);
    CU_ASSERT_EQUAL(i->apply.actions[1].u.ethertype, 0x88a8);
    CU_ASSERT_EQUAL(i->apply.actions[2].type, OFPACT_GROUP);
    CU_ASSERT_EQUAL(i->apply.actions[2].u.group_id, 7);
}

/* table=1 "ip,nw_dst=10.0.0.2" with
 * dec_ttl,clear_actions,write_actions(output:2) */
static void
check_match13_ip_dst(const struct ofp_match *m)
{
    struct ofp_match e;
    ofp_match_init_catchall(&e);
    ofp_match_set_eth_type(&e, 0x0800);
    ofp_match_set_ipv4_dst(&e, 0x0a000002, 32);
    CU_ASSERT(ofp_match_equal(m, &e));
}

static void
check_instructions13_write(const struct ofp_instructions *i)
{
    CU_ASSERT_EQUAL(i->present, OFPIB_APPLY_ACTIONS | OFPIB_CLEAR_ACTIONS
                                | OFPIB_WRITE_ACTIONS);
    CU_ASSERT_EQUAL_FATAL(i->apply.n, 1);
    CU_ASSERT_EQUAL(i->apply.actions[0].type, OFPACT_DEC_NW_TTL);
    CU_ASSERT_EQUAL_FATAL(i->write.n, 1);
    check_output(&i->write.actions[0], 2);
}

/* The select group 7 of capture.sh, in a GROUP_MOD or GROUP_DESC reply. */
static void
check_group7_buckets(const struct ofp_bucket *b, size_t n)
{
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_EQUAL(b[0].weight, 10);
    CU_ASSERT_EQUAL(b[0].watch_port, OFPP_ANY);
    CU_ASSERT_EQUAL(b[0].watch_group, OFPG_ANY);
    CU_ASSERT_EQUAL_FATAL(b[0].actions.n, 1);
    check_output(&b[0].actions.actions[0], 1);
    CU_ASSERT_EQUAL(b[1].weight, 20);
    CU_ASSERT_EQUAL_FATAL(b[1].actions.n, 2);
    check_set_mac(&b[1].actions.actions[0], OFPF_ETH_DST, mac_ns2);
    check_output(&b[1].actions.actions[1], 2);
}

/* Meter 5: kbps,burst,stats, one drop band rate=1000 burst_size=100. */
static void
check_meter5_bands(const struct ofp_meter_band *b, size_t n)
{
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL(b[0].type, OFPMBT_DROP);
    CU_ASSERT_EQUAL(b[0].rate, 1000);
    CU_ASSERT_EQUAL(b[0].burst_size, 100);
}

static void
check_desc(const struct ofp_desc *d)
{
    CU_ASSERT_STRING_EQUAL(d->mfr_desc, "Nicira, Inc.");
    CU_ASSERT_STRING_EQUAL(d->hw_desc, "Open vSwitch");
    CU_ASSERT_STRING_EQUAL(d->sw_desc, "3.1.0");
    CU_ASSERT_STRING_EQUAL(d->serial_num, "None");
    CU_ASSERT_STRING_EQUAL(d->dp_desc, "None");
}

static void
check_echo_payload(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL_FATAL(m->u.echo.len, 11);
    CU_ASSERT_EQUAL(memcmp(m->u.echo.data, "canopy-echo", 11), 0);
}

static void
check_error_bad_type(const struct ofp_msg *m, uint8_t version)
{
    const struct ofp_error_msg *e = &m->u.error;
    CU_ASSERT_EQUAL(e->err, OFPERR_OFPBRC_BAD_TYPE);
    CU_ASSERT_EQUAL(e->type, 1);
    CU_ASSERT_EQUAL(e->code, 1);
    /* The whole offending message is echoed back. */
    const uint8_t sent[12] = { version, 0x3f, 0x00, 0x0c, 0, 0, 0, 7,
                               0xde, 0xad, 0xbe, 0xef };
    CU_ASSERT_EQUAL_FATAL(e->data_len, 12);
    CU_ASSERT_EQUAL(memcmp(e->data, sent, 12), 0);
}

/* The ARP reply from golden1 to the packet-out's request. */
static void
check_arp_reply(const uint8_t *data, size_t len)
{
    CU_ASSERT_EQUAL_FATAL(len, 42);
    CU_ASSERT_EQUAL(memcmp(data, mac_ns2, 6), 0);
    CU_ASSERT_EQUAL(memcmp(data + 6, mac_ns1, 6), 0);
    CU_ASSERT_EQUAL(data[12], 0x08);
    CU_ASSERT_EQUAL(data[13], 0x06);
    CU_ASSERT_EQUAL(data[21], 2); /* ARP op: reply. */
}

static void
check_catchall_stats_request(const struct ofp_flow_stats_request *r)
{
    CU_ASSERT_EQUAL(r->table_id, OFPTT_ALL);
    CU_ASSERT_EQUAL(r->out_port, OFPP_ANY);
    CU_ASSERT_EQUAL(r->out_group, OFPG_ANY);
    CU_ASSERT_EQUAL(r->cookie, 0);
    CU_ASSERT_EQUAL(r->cookie_mask, 0);
    CU_ASSERT(ofp_match_is_catchall(&r->match));
}

/* ---- OpenFlow 1.0 checks. --------------------------------------------- */

static void
check10_hello(const struct ofp_msg *m)
{
    /* A 1.0-only OVS sends a bare 8-byte HELLO. */
    CU_ASSERT(!m->u.hello.has_bitmap);
    CU_ASSERT_EQUAL(m->u.hello.version_bitmap, 1u << OFP10_VERSION);
}

static void
check10_features_reply(const struct ofp_msg *m)
{
    const struct ofp_switch_features *f = &m->u.features;
    CU_ASSERT_EQUAL(f->datapath_id, 0xa1);
    CU_ASSERT_EQUAL(f->n_buffers, 0);
    CU_ASSERT_EQUAL(f->n_tables, 254);
    /* FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP. */
    CU_ASSERT_EQUAL(f->capabilities, 0xc7);
    /* output enqueue set_vlan_vid ... mod_tp_dst: 1.0 action bits 0..11. */
    CU_ASSERT_EQUAL(f->actions, 0xfff);
    CU_ASSERT_EQUAL_FATAL(f->n_ports, 3);
    check_port(&f->ports[0], OFPP_LOCAL, "br0", mac_br0, OFPPC_PORT_DOWN,
               OFPPS_LINK_DOWN);
    check_port(&f->ports[1], 1, "gd1", mac_gd1, 0, 0);
    check_port(&f->ports[2], 2, "gd2", mac_gd2, 0, 0);
}

static void
check10_get_config_reply(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.config.flags, OFPC_FRAG_NORMAL);
    CU_ASSERT_EQUAL(m->u.config.miss_send_len, 128);
}

static void
check10_echo_reply(const struct ofp_msg *m)
{
    check_echo_payload(m);
}

static void
check10_error_bad_type(const struct ofp_msg *m)
{
    check_error_bad_type(m, OFP10_VERSION);
}

static void
check10_barrier_reply(const struct ofp_msg *m)
{
    (void) m;
}

static void
check10_flow_removed(const struct ofp_msg *m)
{
    const struct ofp_flow_removed *r = &m->u.flow_removed;
    CU_ASSERT_EQUAL(r->cookie, 0x77);
    CU_ASSERT_EQUAL(r->priority, 50);
    CU_ASSERT_EQUAL(r->reason, OFPRR_HARD_TIMEOUT);
    CU_ASSERT_EQUAL(r->duration_sec, 1);
    CU_ASSERT_EQUAL(r->duration_nsec, 3000000);
    CU_ASSERT_EQUAL(r->idle_timeout, 0);
    CU_ASSERT_EQUAL(r->packet_count, 0);
    CU_ASSERT_EQUAL(r->byte_count, 0);
    check_match_arp_in_port(&r->match, 2);
}

static void
check10_packet_in(const struct ofp_msg *m)
{
    const struct ofp_packet_in *p = &m->u.packet_in;
    CU_ASSERT_EQUAL(p->buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(p->total_len, 42);
    CU_ASSERT_EQUAL(p->in_port, 1);
    /* The table-miss flow is an ordinary flow in 1.0: "via action". */
    CU_ASSERT_EQUAL(p->reason, OFPR_ACTION);
    check_arp_reply(p->data, p->data_len);
}

static void
check10_port_status(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.port_status.reason, OFPPR_MODIFY);
    check_port(&m->u.port_status.desc, 2, "gd2", mac_gd2,
               OFPPC_PORT_DOWN | OFPPC_NO_FLOOD, OFPPS_LINK_DOWN);
}

static void
check10_desc_reply(const struct ofp_msg *m)
{
    check_desc(&m->u.desc);
}

static void
check10_flows_reply(const struct ofp_msg *m)
{
    const struct ofp_flow_stats_reply *r = &m->u.flow_stats_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 3);
    const struct ofp_flow_stats *e = r->entries;

    CU_ASSERT_EQUAL(e[0].table_id, 0);
    CU_ASSERT_EQUAL(e[0].priority, 200);
    CU_ASSERT_EQUAL(e[0].idle_timeout, 60);
    CU_ASSERT_EQUAL(e[0].cookie, 0);
    CU_ASSERT_EQUAL(e[0].duration_sec, 1);
    check_match10_set(&e[0].match);
    CU_ASSERT_EQUAL(e[0].instructions.present, OFPIB_APPLY_ACTIONS);
    check_actions10_set(&e[0].instructions.apply);

    CU_ASSERT_EQUAL(e[1].priority, 100);
    CU_ASSERT_EQUAL(e[1].cookie, 0x1234);
    CU_ASSERT_EQUAL(e[1].duration_sec, 2);
    check_match_ip_tcp(&e[1].match);
    check_actions10_ip_tcp(&e[1].instructions.apply);

    CU_ASSERT_EQUAL(e[2].priority, 0);
    CU_ASSERT_EQUAL(e[2].packet_count, 1);
    CU_ASSERT_EQUAL(e[2].byte_count, 42);
    CU_ASSERT(ofp_match_is_catchall(&e[2].match));
    check_apply_controller(&e[2].instructions);
}

static void
check10_aggregate_reply(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.aggregate_reply.packet_count, 1);
    CU_ASSERT_EQUAL(m->u.aggregate_reply.byte_count, 42);
    CU_ASSERT_EQUAL(m->u.aggregate_reply.flow_count, 3);
}

static void
check10_tables_reply(const struct ofp_msg *m)
{
    const struct ofp_table_stats_reply *r = &m->u.table_stats_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 254);
    CU_ASSERT_EQUAL(r->entries[0].table_id, 0);
    CU_ASSERT_STRING_EQUAL(r->entries[0].name, "");
    CU_ASSERT_EQUAL(r->entries[0].wildcards, 0x3fffff);
    CU_ASSERT_EQUAL(r->entries[0].max_entries, 1000000);
    CU_ASSERT_EQUAL(r->entries[0].active_count, 3);
    CU_ASSERT_EQUAL(r->entries[0].lookup_count, 1);
    CU_ASSERT_EQUAL(r->entries[0].matched_count, 1);
    CU_ASSERT_EQUAL(r->entries[253].table_id, 253);
    CU_ASSERT_EQUAL(r->entries[253].active_count, 0);
}

static void
check10_ports_reply(const struct ofp_msg *m)
{
    const struct ofp_port_stats_reply *r = &m->u.port_stats_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 3);
    CU_ASSERT_EQUAL(r->entries[0].port_no, OFPP_LOCAL);
    CU_ASSERT_EQUAL(r->entries[1].port_no, 1);
    CU_ASSERT_EQUAL(r->entries[1].rx_packets, 1);
    CU_ASSERT_EQUAL(r->entries[1].rx_bytes, 42);
    CU_ASSERT_EQUAL(r->entries[1].tx_packets, 1);
    CU_ASSERT_EQUAL(r->entries[1].tx_bytes, 42);
    CU_ASSERT_EQUAL(r->entries[1].rx_crc_err, 0);
    CU_ASSERT_EQUAL(r->entries[2].port_no, 2);
    CU_ASSERT_EQUAL(r->entries[2].rx_packets, 0);
}

static void
check10_flow_mod_table_miss(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_ADD);
    CU_ASSERT_EQUAL(f->priority, 0);
    CU_ASSERT_EQUAL(f->table_id, 0);
    CU_ASSERT_EQUAL(f->buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(f->out_port, OFPP_ANY);
    CU_ASSERT_EQUAL(f->flags, 0);
    CU_ASSERT(ofp_match_is_catchall(&f->match));
    check_apply_controller(&f->instructions);
}

static void
check10_flow_mod_ip_tcp(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_ADD);
    CU_ASSERT_EQUAL(f->cookie, 0x1234);
    CU_ASSERT_EQUAL(f->priority, 100);
    check_match_ip_tcp(&f->match);
    CU_ASSERT_EQUAL(f->instructions.present, OFPIB_APPLY_ACTIONS);
    check_actions10_ip_tcp(&f->instructions.apply);
}

static void
check10_flow_mod_set(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_ADD);
    CU_ASSERT_EQUAL(f->priority, 200);
    CU_ASSERT_EQUAL(f->idle_timeout, 60);
    CU_ASSERT_EQUAL(f->hard_timeout, 0);
    check_match10_set(&f->match);
    check_actions10_set(&f->instructions.apply);
}

static void
check10_flow_mod_delete(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_DELETE);
    CU_ASSERT_EQUAL(f->table_id, OFPTT_ALL);
    CU_ASSERT_EQUAL(f->out_port, OFPP_ANY);
    CU_ASSERT_EQUAL(f->priority, 32768);
    check_match_in_port(&f->match, 3);
    CU_ASSERT_EQUAL(f->instructions.present, 0);
}

static void
check10_port_mod(const struct ofp_msg *m)
{
    const struct ofp_port_mod *p = &m->u.port_mod;
    CU_ASSERT_EQUAL(p->port_no, 2);
    CU_ASSERT_EQUAL(memcmp(p->hw_addr, mac_gd2, 6), 0);
    CU_ASSERT_EQUAL(p->config, OFPPC_NO_FLOOD);
    CU_ASSERT_EQUAL(p->mask, OFPPC_NO_FLOOD);
    CU_ASSERT_EQUAL(p->advertise, 0);
}

static void
check10_packet_out(const struct ofp_msg *m)
{
    const struct ofp_packet_out *p = &m->u.packet_out;
    CU_ASSERT_EQUAL(p->buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(p->in_port, OFPP_ANY); /* 1.0 OFPP_NONE. */
    CU_ASSERT_EQUAL_FATAL(p->actions.n, 1);
    check_output(&p->actions.actions[0], 1);
    CU_ASSERT_EQUAL_FATAL(p->data_len, sizeof arp_request);
    CU_ASSERT_EQUAL(memcmp(p->data, arp_request, sizeof arp_request), 0);
}

static void
check10_empty(const struct ofp_msg *m)
{
    (void) m;
}

static void
check10_flows_request(const struct ofp_msg *m)
{
    check_catchall_stats_request(&m->u.flow_stats_request);
}

static void
check10_ports_request(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.port_stats_request.port_no, OFPP_ANY);
}

static void
check10_port_stats_request_port2(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.port_stats_request.port_no, 2);
}

/* ---- OpenFlow 1.3 checks. --------------------------------------------- */

static void
check13_hello(const struct ofp_msg *m)
{
    CU_ASSERT(m->u.hello.has_bitmap);
    CU_ASSERT_EQUAL(m->u.hello.version_bitmap, 1u << OFP13_VERSION);
}

static void
check13_features_reply(const struct ofp_msg *m)
{
    const struct ofp_switch_features *f = &m->u.features;
    CU_ASSERT_EQUAL(f->datapath_id, 0xa1);
    CU_ASSERT_EQUAL(f->n_buffers, 0);
    CU_ASSERT_EQUAL(f->n_tables, 254);
    CU_ASSERT_EQUAL(f->auxiliary_id, 0);
    /* FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS. */
    CU_ASSERT_EQUAL(f->capabilities, 0x4f);
    CU_ASSERT_EQUAL(f->n_ports, 0);
}

static void
check13_port_desc_reply(const struct ofp_msg *m)
{
    const struct ofp_port_desc_reply *r = &m->u.port_desc_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 3);
    check_port(&r->ports[0], OFPP_LOCAL, "br0", mac_br0, OFPPC_PORT_DOWN,
               OFPPS_LINK_DOWN);
    check_port(&r->ports[1], 1, "gd1", mac_gd1, 0, OFPPS_LIVE);
    check_port(&r->ports[2], 2, "gd2", mac_gd2, 0, OFPPS_LIVE);
    for (size_t i = 0; i < 3; i++) {
        check_port13_speed(&r->ports[i]);
    }
}

static void
check13_get_config_reply(const struct ofp_msg *m)
{
    check10_get_config_reply(m);
}

static void
check13_echo_reply(const struct ofp_msg *m)
{
    check_echo_payload(m);
}

static void
check13_error_bad_type(const struct ofp_msg *m)
{
    check_error_bad_type(m, OFP13_VERSION);
}

static void
check13_role_reply(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.role.role, OFPCR_ROLE_MASTER);
    CU_ASSERT_EQUAL(m->u.role.generation_id, 0x1234);
}

static void
check13_flow_removed(const struct ofp_msg *m)
{
    const struct ofp_flow_removed *r = &m->u.flow_removed;
    CU_ASSERT_EQUAL(r->cookie, 0x77);
    CU_ASSERT_EQUAL(r->priority, 50);
    CU_ASSERT_EQUAL(r->reason, OFPRR_HARD_TIMEOUT);
    CU_ASSERT_EQUAL(r->table_id, 0);
    CU_ASSERT_EQUAL(r->duration_sec, 1);
    CU_ASSERT_EQUAL(r->duration_nsec, 3000000);
    CU_ASSERT_EQUAL(r->idle_timeout, 0);
    CU_ASSERT_EQUAL(r->hard_timeout, 1);
    check_match_arp_in_port(&r->match, 2);
}

static void
check13_packet_in(const struct ofp_msg *m)
{
    const struct ofp_packet_in *p = &m->u.packet_in;
    CU_ASSERT_EQUAL(p->buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(p->total_len, 42);
    CU_ASSERT_EQUAL(p->in_port, 1);
    /* OVS reports its priority-0 catch-all as a table miss in 1.3. */
    CU_ASSERT_EQUAL(p->reason, OFPR_NO_MATCH);
    CU_ASSERT_EQUAL(p->table_id, 0);
    CU_ASSERT_EQUAL(p->cookie, 0);
    check_match_in_port(&p->match, 1);
    check_arp_reply(p->data, p->data_len);
}

static void
check13_port_status(const struct ofp_msg *m)
{
    /* gd2 went down while mod-port had set NO_PACKET_IN: OVS reports the
     * port as no longer LIVE. */
    CU_ASSERT_EQUAL(m->u.port_status.reason, OFPPR_MODIFY);
    check_port(&m->u.port_status.desc, 2, "gd2", mac_gd2,
               OFPPC_NO_PACKET_IN, 0);
    check_port13_speed(&m->u.port_status.desc);
}

static void
check13_desc_reply(const struct ofp_msg *m)
{
    check_desc(&m->u.desc);
}

static void
check13_flows_reply(const struct ofp_msg *m)
{
    const struct ofp_flow_stats_reply *r = &m->u.flow_stats_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 5);
    const struct ofp_flow_stats *e = r->entries;

    CU_ASSERT_EQUAL(e[0].table_id, 0);
    CU_ASSERT_EQUAL(e[0].priority, 400);
    CU_ASSERT_EQUAL(e[0].duration_sec, 2);
    check_match13_udp6(&e[0].match);
    check_instructions13_meter_goto(&e[0].instructions);

    CU_ASSERT_EQUAL(e[1].priority, 300);
    CU_ASSERT_EQUAL(e[1].cookie, 0xabcdef);
    CU_ASSERT_EQUAL(e[1].duration_sec, 3);
    check_match13_vlan(&e[1].match);
    check_instructions13_vlan(&e[1].instructions);

    CU_ASSERT_EQUAL(e[2].priority, 100);
    CU_ASSERT_EQUAL(e[2].cookie, 0x1234);
    check_match_ip_tcp(&e[2].match);
    CU_ASSERT_EQUAL(e[2].instructions.present, OFPIB_APPLY_ACTIONS);
    check_actions13_ip_tcp(&e[2].instructions.apply);

    CU_ASSERT_EQUAL(e[3].priority, 0);
    CU_ASSERT_EQUAL(e[3].packet_count, 1);
    CU_ASSERT_EQUAL(e[3].byte_count, 42);
    CU_ASSERT(ofp_match_is_catchall(&e[3].match));
    check_apply_controller(&e[3].instructions);

    CU_ASSERT_EQUAL(e[4].table_id, 1);
    CU_ASSERT_EQUAL(e[4].priority, 10);
    check_match13_ip_dst(&e[4].match);
    check_instructions13_write(&e[4].instructions);

    for (size_t i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(e[i].flags, 0);
        CU_ASSERT_EQUAL(e[i].idle_timeout, 0);
        CU_ASSERT_EQUAL(e[i].hard_timeout, 0);
    }
}

static void
check13_aggregate_reply(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.aggregate_reply.packet_count, 1);
    CU_ASSERT_EQUAL(m->u.aggregate_reply.byte_count, 42);
    CU_ASSERT_EQUAL(m->u.aggregate_reply.flow_count, 5);
}

static void
check13_tables_reply(const struct ofp_msg *m)
{
    const struct ofp_table_stats_reply *r = &m->u.table_stats_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 254);
    CU_ASSERT_EQUAL(r->entries[0].table_id, 0);
    CU_ASSERT_EQUAL(r->entries[0].active_count, 4);
    CU_ASSERT_EQUAL(r->entries[0].lookup_count, 2);
    CU_ASSERT_EQUAL(r->entries[0].matched_count, 2);
    CU_ASSERT_EQUAL(r->entries[1].table_id, 1);
    CU_ASSERT_EQUAL(r->entries[1].active_count, 1);
    CU_ASSERT_EQUAL(r->entries[253].table_id, 253);
}

static void
check13_ports_reply(const struct ofp_msg *m)
{
    const struct ofp_port_stats_reply *r = &m->u.port_stats_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 3);
    CU_ASSERT_EQUAL(r->entries[0].port_no, OFPP_LOCAL);
    CU_ASSERT_EQUAL(r->entries[0].duration_sec, 16);
    CU_ASSERT_EQUAL(r->entries[1].port_no, 1);
    CU_ASSERT_EQUAL(r->entries[1].rx_packets, 2);
    CU_ASSERT_EQUAL(r->entries[1].rx_bytes, 84);
    CU_ASSERT_EQUAL(r->entries[1].tx_packets, 2);
    CU_ASSERT_EQUAL(r->entries[1].tx_bytes, 84);
    CU_ASSERT_EQUAL(r->entries[1].duration_sec, 16);
    CU_ASSERT_EQUAL(r->entries[2].port_no, 2);
    CU_ASSERT_EQUAL(r->entries[2].duration_sec, 16);
}

static void
check13_group_desc_reply(const struct ofp_msg *m)
{
    const struct ofp_group_desc_reply *r = &m->u.group_desc_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 1);
    CU_ASSERT_EQUAL(r->entries[0].group_id, 7);
    CU_ASSERT_EQUAL(r->entries[0].type, OFPGT_SELECT);
    check_group7_buckets(r->entries[0].buckets, r->entries[0].n_buckets);
}

static void
check13_group_stats_reply(const struct ofp_msg *m)
{
    const struct ofp_group_stats_reply *r = &m->u.group_stats_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 1);
    const struct ofp_group_stats *g = &r->entries[0];
    CU_ASSERT_EQUAL(g->group_id, 7);
    CU_ASSERT_EQUAL(g->ref_count, 1); /* The priority=300 flow. */
    CU_ASSERT_EQUAL(g->packet_count, 0);
    CU_ASSERT_EQUAL(g->byte_count, 0);
    CU_ASSERT_EQUAL(g->duration_sec, 6);
    CU_ASSERT_EQUAL(g->n_buckets, 2);
}

static void
check13_group_features_reply(const struct ofp_msg *m)
{
    const struct ofp_group_features *g = &m->u.group_features;
    CU_ASSERT_EQUAL(g->types, 0xf);
    CU_ASSERT_EQUAL(g->capabilities, 0x7);
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(g->max_groups[i], 0xffffff00);
        CU_ASSERT_EQUAL(g->actions[i], 0x03ff8001);
    }
}

static void
check13_meter_config_reply(const struct ofp_msg *m)
{
    const struct ofp_meter_config_reply *r = &m->u.meter_config_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 1);
    CU_ASSERT_EQUAL(r->entries[0].meter_id, 5);
    CU_ASSERT_EQUAL(r->entries[0].flags,
                    OFPMF_KBPS | OFPMF_BURST | OFPMF_STATS);
    check_meter5_bands(r->entries[0].bands, r->entries[0].n_bands);
}

static void
check13_meter_stats_reply(const struct ofp_msg *m)
{
    const struct ofp_meter_stats_reply *r = &m->u.meter_stats_reply;
    CU_ASSERT_EQUAL_FATAL(r->n, 1);
    CU_ASSERT_EQUAL(r->entries[0].meter_id, 5);
    CU_ASSERT_EQUAL(r->entries[0].flow_count, 1);
    CU_ASSERT_EQUAL(r->entries[0].packet_in_count, 0);
    CU_ASSERT_EQUAL(r->entries[0].duration_sec, 7);
    CU_ASSERT_EQUAL(r->entries[0].n_bands, 1);
}

static void
check13_meter_features_reply(const struct ofp_msg *m)
{
    const struct ofp_meter_features *f = &m->u.meter_features;
    CU_ASSERT_EQUAL(f->max_meter, 262144);
    CU_ASSERT_EQUAL(f->band_types, 1u << OFPMBT_DROP);
    CU_ASSERT_EQUAL(f->capabilities,
                    OFPMF_KBPS | OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS);
    CU_ASSERT_EQUAL(f->max_bands, 8);
    CU_ASSERT_EQUAL(f->max_color, 0);
}

static void
check13_flow_mod_table_miss(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_ADD);
    CU_ASSERT_EQUAL(f->table_id, 0);
    CU_ASSERT_EQUAL(f->priority, 0);
    CU_ASSERT_EQUAL(f->buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(f->out_port, OFPP_ANY);
    CU_ASSERT_EQUAL(f->out_group, OFPG_ANY);
    CU_ASSERT(ofp_match_is_catchall(&f->match));
    check_apply_controller(&f->instructions);
}

static void
check13_flow_mod_ip_tcp(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_ADD);
    CU_ASSERT_EQUAL(f->cookie, 0x1234);
    CU_ASSERT_EQUAL(f->cookie_mask, 0);
    CU_ASSERT_EQUAL(f->priority, 100);
    check_match_ip_tcp(&f->match);
    CU_ASSERT_EQUAL(f->instructions.present, OFPIB_APPLY_ACTIONS);
    check_actions13_ip_tcp(&f->instructions.apply);
}

static void
check13_flow_mod_push_vlan_group(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_ADD);
    CU_ASSERT_EQUAL(f->cookie, 0xabcdef);
    CU_ASSERT_EQUAL(f->priority, 300);
    check_match13_vlan(&f->match);
    check_instructions13_vlan(&f->instructions);
}

static void
check13_flow_mod_meter_goto(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_ADD);
    CU_ASSERT_EQUAL(f->priority, 400);
    check_match13_udp6(&f->match);
    check_instructions13_meter_goto(&f->instructions);
}

static void
check13_flow_mod_write_actions(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_ADD);
    CU_ASSERT_EQUAL(f->table_id, 1);
    CU_ASSERT_EQUAL(f->priority, 10);
    check_match13_ip_dst(&f->match);
    check_instructions13_write(&f->instructions);
}

static void
check13_flow_mod_delete_strict(const struct ofp_msg *m)
{
    const struct ofp_flow_mod *f = &m->u.flow_mod;
    CU_ASSERT_EQUAL(f->command, OFPFC_DELETE_STRICT);
    CU_ASSERT_EQUAL(f->table_id, OFPTT_ALL);
    CU_ASSERT_EQUAL(f->priority, 10);
    CU_ASSERT_EQUAL(f->out_port, OFPP_ANY);
    CU_ASSERT_EQUAL(f->out_group, OFPG_ANY);
    check_match_in_port(&f->match, 3);
    CU_ASSERT_EQUAL(f->instructions.present, 0);
}

static void
check13_group_mod(const struct ofp_msg *m)
{
    const struct ofp_group_mod *g = &m->u.group_mod;
    CU_ASSERT_EQUAL(g->command, OFPGC_ADD);
    CU_ASSERT_EQUAL(g->type, OFPGT_SELECT);
    CU_ASSERT_EQUAL(g->group_id, 7);
    check_group7_buckets(g->buckets, g->n_buckets);
}

static void
check13_meter_mod(const struct ofp_msg *m)
{
    const struct ofp_meter_mod *mm = &m->u.meter_mod;
    CU_ASSERT_EQUAL(mm->command, OFPMC_ADD);
    CU_ASSERT_EQUAL(mm->flags, OFPMF_KBPS | OFPMF_BURST | OFPMF_STATS);
    CU_ASSERT_EQUAL(mm->meter_id, 5);
    check_meter5_bands(mm->bands, mm->n_bands);
}

static void
check13_port_mod(const struct ofp_msg *m)
{
    const struct ofp_port_mod *p = &m->u.port_mod;
    CU_ASSERT_EQUAL(p->port_no, 2);
    CU_ASSERT_EQUAL(memcmp(p->hw_addr, mac_gd2, 6), 0);
    CU_ASSERT_EQUAL(p->config, OFPPC_NO_PACKET_IN);
    CU_ASSERT_EQUAL(p->mask, OFPPC_NO_PACKET_IN);
    CU_ASSERT_EQUAL(p->advertise, 0);
}

static void
check13_packet_out(const struct ofp_msg *m)
{
    const struct ofp_packet_out *p = &m->u.packet_out;
    CU_ASSERT_EQUAL(p->buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(p->in_port, OFPP_CONTROLLER);
    CU_ASSERT_EQUAL_FATAL(p->actions.n, 1);
    check_output(&p->actions.actions[0], 1);
    CU_ASSERT_EQUAL_FATAL(p->data_len, sizeof arp_request);
    CU_ASSERT_EQUAL(memcmp(p->data, arp_request, sizeof arp_request), 0);
}

static void
check13_empty(const struct ofp_msg *m)
{
    (void) m;
}

static void
check13_flows_request(const struct ofp_msg *m)
{
    check_catchall_stats_request(&m->u.flow_stats_request);
}

static void
check13_ports_request(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.port_stats_request.port_no, OFPP_ANY);
}

static void
check13_port_stats_request_port2(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.port_stats_request.port_no, 2);
}

static void
check13_group_all_request(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.group_request.group_id, OFPG_ALL);
}

static void
check13_meter_all_request(const struct ofp_msg *m)
{
    CU_ASSERT_EQUAL(m->u.meter_request.meter_id, OFPM_ALL);
}

/* ---- The tests: one per captured file. -------------------------------- */

#define GOLDEN10(NAME, TYPE, XID, CHECK)                                     \
    static void                                                              \
    test10_##NAME(void)                                                      \
    {                                                                        \
        golden_run("of10/" #NAME ".hex", OFP10_VERSION, TYPE, XID,           \
                   GOLDEN_EXACT, CHECK);                                     \
    }
#define GOLDEN13(NAME, TYPE, XID, HOW, CHECK)                                \
    static void                                                              \
    test13_##NAME(void)                                                      \
    {                                                                        \
        golden_run("of13/" #NAME ".hex", OFP13_VERSION, TYPE, XID, HOW,      \
                   CHECK);                                                   \
    }

/* What the switch sent to the scripted controller. */
GOLDEN10(hello, OFPMSG_HELLO, 1, check10_hello)
GOLDEN10(features_reply, OFPMSG_FEATURES_REPLY, 2, check10_features_reply)
GOLDEN10(get_config_reply, OFPMSG_GET_CONFIG_REPLY, 5,
         check10_get_config_reply)
GOLDEN10(echo_reply, OFPMSG_ECHO_REPLY, 6, check10_echo_reply)
GOLDEN10(error_bad_type, OFPMSG_ERROR, 7, check10_error_bad_type)
GOLDEN10(flow_removed, OFPMSG_FLOW_REMOVED, 0, check10_flow_removed)
GOLDEN10(packet_in, OFPMSG_PACKET_IN, 0, check10_packet_in)
GOLDEN10(port_status, OFPMSG_PORT_STATUS, 0, check10_port_status)
/* The switch's replies to ovs-ofctl. */
GOLDEN10(barrier_reply, OFPMSG_BARRIER_REPLY, 7, check10_barrier_reply)
GOLDEN10(desc_reply, OFPMSG_DESC_REPLY, 2, check10_desc_reply)
GOLDEN10(flows_reply, OFPMSG_FLOW_STATS_REPLY, 2, check10_flows_reply)
GOLDEN10(aggregate_reply, OFPMSG_AGGREGATE_REPLY, 2, check10_aggregate_reply)
GOLDEN10(tables_reply, OFPMSG_TABLE_STATS_REPLY, 2, check10_tables_reply)
GOLDEN10(ports_reply, OFPMSG_PORT_STATS_REPLY, 2, check10_ports_reply)
/* What ovs-ofctl encoded. */
GOLDEN10(ofctl_flow_mod_table_miss, OFPMSG_FLOW_MOD, 6,
         check10_flow_mod_table_miss)
GOLDEN10(ofctl_flow_mod_ip_tcp, OFPMSG_FLOW_MOD, 6, check10_flow_mod_ip_tcp)
GOLDEN10(ofctl_flow_mod_set, OFPMSG_FLOW_MOD, 6, check10_flow_mod_set)
GOLDEN10(ofctl_flow_mod_delete, OFPMSG_FLOW_MOD, 6, check10_flow_mod_delete)
GOLDEN10(ofctl_port_mod, OFPMSG_PORT_MOD, 4, check10_port_mod)
GOLDEN10(ofctl_packet_out, OFPMSG_PACKET_OUT, 6, check10_packet_out)
GOLDEN10(ofctl_barrier_request, OFPMSG_BARRIER_REQUEST, 7, check10_empty)
GOLDEN10(ofctl_desc_request, OFPMSG_DESC_REQUEST, 2, check10_empty)
GOLDEN10(ofctl_flows_request, OFPMSG_FLOW_STATS_REQUEST, 2,
         check10_flows_request)
GOLDEN10(ofctl_aggregate_request, OFPMSG_AGGREGATE_REQUEST, 2,
         check10_flows_request)
GOLDEN10(ofctl_tables_request, OFPMSG_TABLE_STATS_REQUEST, 2, check10_empty)
GOLDEN10(ofctl_ports_request, OFPMSG_PORT_STATS_REQUEST, 2,
         check10_ports_request)
GOLDEN10(ofctl_port_stats_request_port2, OFPMSG_PORT_STATS_REQUEST, 2,
         check10_port_stats_request_port2)

GOLDEN13(hello, OFPMSG_HELLO, 0x29, GOLDEN_EXACT, check13_hello)
GOLDEN13(features_reply, OFPMSG_FEATURES_REPLY, 2, GOLDEN_EXACT,
         check13_features_reply)
GOLDEN13(port_desc_reply, OFPMSG_PORT_DESC_REPLY, 3, GOLDEN_EXACT,
         check13_port_desc_reply)
GOLDEN13(get_config_reply, OFPMSG_GET_CONFIG_REPLY, 5, GOLDEN_EXACT,
         check13_get_config_reply)
GOLDEN13(echo_reply, OFPMSG_ECHO_REPLY, 6, GOLDEN_EXACT, check13_echo_reply)
GOLDEN13(error_bad_type, OFPMSG_ERROR, 7, GOLDEN_EXACT,
         check13_error_bad_type)
GOLDEN13(role_reply, OFPMSG_ROLE_REPLY, 8, GOLDEN_EXACT, check13_role_reply)
GOLDEN13(flow_removed, OFPMSG_FLOW_REMOVED, 0, GOLDEN_EXACT,
         check13_flow_removed)
GOLDEN13(packet_in, OFPMSG_PACKET_IN, 0, GOLDEN_EXACT, check13_packet_in)
GOLDEN13(port_status, OFPMSG_PORT_STATUS, 0, GOLDEN_EXACT,
         check13_port_status)
GOLDEN13(barrier_reply, OFPMSG_BARRIER_REPLY, 7, GOLDEN_EXACT, check13_empty)
GOLDEN13(desc_reply, OFPMSG_DESC_REPLY, 2, GOLDEN_EXACT, check13_desc_reply)
GOLDEN13(flows_reply, OFPMSG_FLOW_STATS_REPLY, 2, GOLDEN_OXM_ORDER,
         check13_flows_reply)
GOLDEN13(aggregate_reply, OFPMSG_AGGREGATE_REPLY, 2, GOLDEN_EXACT,
         check13_aggregate_reply)
GOLDEN13(tables_reply, OFPMSG_TABLE_STATS_REPLY, 2, GOLDEN_EXACT,
         check13_tables_reply)
GOLDEN13(ports_reply, OFPMSG_PORT_STATS_REPLY, 2, GOLDEN_EXACT,
         check13_ports_reply)
GOLDEN13(group_desc_reply, OFPMSG_GROUP_DESC_REPLY, 2, GOLDEN_EXACT,
         check13_group_desc_reply)
GOLDEN13(group_stats_reply, OFPMSG_GROUP_STATS_REPLY, 6, GOLDEN_EXACT,
         check13_group_stats_reply)
GOLDEN13(group_features_reply, OFPMSG_GROUP_FEATURES_REPLY, 2, GOLDEN_EXACT,
         check13_group_features_reply)
GOLDEN13(meter_config_reply, OFPMSG_METER_CONFIG_REPLY, 2, GOLDEN_EXACT,
         check13_meter_config_reply)
GOLDEN13(meter_stats_reply, OFPMSG_METER_STATS_REPLY, 2, GOLDEN_EXACT,
         check13_meter_stats_reply)
GOLDEN13(meter_features_reply, OFPMSG_METER_FEATURES_REPLY, 2, GOLDEN_EXACT,
         check13_meter_features_reply)
GOLDEN13(ofctl_flow_mod_table_miss, OFPMSG_FLOW_MOD, 6, GOLDEN_EXACT,
         check13_flow_mod_table_miss)
GOLDEN13(ofctl_flow_mod_ip_tcp, OFPMSG_FLOW_MOD, 6, GOLDEN_OXM_ORDER,
         check13_flow_mod_ip_tcp)
GOLDEN13(ofctl_flow_mod_push_vlan_group, OFPMSG_FLOW_MOD, 6, GOLDEN_EXACT,
         check13_flow_mod_push_vlan_group)
GOLDEN13(ofctl_flow_mod_meter_goto, OFPMSG_FLOW_MOD, 6, GOLDEN_OXM_ORDER,
         check13_flow_mod_meter_goto)
GOLDEN13(ofctl_flow_mod_write_actions, OFPMSG_FLOW_MOD, 6, GOLDEN_EXACT,
         check13_flow_mod_write_actions)
GOLDEN13(ofctl_flow_mod_delete_strict, OFPMSG_FLOW_MOD, 6, GOLDEN_EXACT,
         check13_flow_mod_delete_strict)
GOLDEN13(ofctl_group_mod, OFPMSG_GROUP_MOD, 6, GOLDEN_EXACT,
         check13_group_mod)
GOLDEN13(ofctl_meter_mod, OFPMSG_METER_MOD, 2, GOLDEN_EXACT,
         check13_meter_mod)
GOLDEN13(ofctl_port_mod, OFPMSG_PORT_MOD, 4, GOLDEN_EXACT, check13_port_mod)
GOLDEN13(ofctl_packet_out, OFPMSG_PACKET_OUT, 6, GOLDEN_EXACT,
         check13_packet_out)
GOLDEN13(ofctl_barrier_request, OFPMSG_BARRIER_REQUEST, 7, GOLDEN_EXACT,
         check13_empty)
GOLDEN13(ofctl_desc_request, OFPMSG_DESC_REQUEST, 2, GOLDEN_EXACT,
         check13_empty)
GOLDEN13(ofctl_flows_request, OFPMSG_FLOW_STATS_REQUEST, 2, GOLDEN_EXACT,
         check13_flows_request)
GOLDEN13(ofctl_aggregate_request, OFPMSG_AGGREGATE_REQUEST, 2, GOLDEN_EXACT,
         check13_flows_request)
GOLDEN13(ofctl_tables_request, OFPMSG_TABLE_STATS_REQUEST, 2, GOLDEN_EXACT,
         check13_empty)
GOLDEN13(ofctl_ports_request, OFPMSG_PORT_STATS_REQUEST, 2, GOLDEN_EXACT,
         check13_ports_request)
GOLDEN13(ofctl_port_stats_request_port2, OFPMSG_PORT_STATS_REQUEST, 2,
         GOLDEN_EXACT, check13_port_stats_request_port2)
GOLDEN13(ofctl_port_desc_request, OFPMSG_PORT_DESC_REQUEST, 3, GOLDEN_EXACT,
         check13_empty)
GOLDEN13(ofctl_group_desc_request, OFPMSG_GROUP_DESC_REQUEST, 2,
         GOLDEN_EXACT, check13_group_all_request)
GOLDEN13(ofctl_group_stats_request, OFPMSG_GROUP_STATS_REQUEST, 6,
         GOLDEN_EXACT, check13_group_all_request)
GOLDEN13(ofctl_group_features_request, OFPMSG_GROUP_FEATURES_REQUEST, 2,
         GOLDEN_EXACT, check13_empty)
GOLDEN13(ofctl_meter_config_request, OFPMSG_METER_CONFIG_REQUEST, 2,
         GOLDEN_EXACT, check13_meter_all_request)
GOLDEN13(ofctl_meter_stats_request, OFPMSG_METER_STATS_REQUEST, 2,
         GOLDEN_EXACT, check13_meter_all_request)
GOLDEN13(ofctl_meter_features_request, OFPMSG_METER_FEATURES_REQUEST, 2,
         GOLDEN_EXACT, check13_empty)

#define T10(NAME) { "of10/" #NAME, test10_##NAME }
#define T13(NAME) { "of13/" #NAME, test13_##NAME }

static CU_TestInfo golden_tests[] = {
    T10(hello), T10(features_reply), T10(get_config_reply),
    T10(echo_reply), T10(error_bad_type), T10(flow_removed),
    T10(packet_in), T10(port_status), T10(barrier_reply), T10(desc_reply),
    T10(flows_reply), T10(aggregate_reply), T10(tables_reply),
    T10(ports_reply), T10(ofctl_flow_mod_table_miss),
    T10(ofctl_flow_mod_ip_tcp), T10(ofctl_flow_mod_set),
    T10(ofctl_flow_mod_delete), T10(ofctl_port_mod), T10(ofctl_packet_out),
    T10(ofctl_barrier_request), T10(ofctl_desc_request),
    T10(ofctl_flows_request), T10(ofctl_aggregate_request),
    T10(ofctl_tables_request), T10(ofctl_ports_request),
    T10(ofctl_port_stats_request_port2),

    T13(hello), T13(features_reply), T13(port_desc_reply),
    T13(get_config_reply), T13(echo_reply), T13(error_bad_type),
    T13(role_reply), T13(flow_removed), T13(packet_in), T13(port_status),
    T13(barrier_reply), T13(desc_reply), T13(flows_reply),
    T13(aggregate_reply), T13(tables_reply), T13(ports_reply),
    T13(group_desc_reply), T13(group_stats_reply),
    T13(group_features_reply), T13(meter_config_reply),
    T13(meter_stats_reply), T13(meter_features_reply),
    T13(ofctl_flow_mod_table_miss), T13(ofctl_flow_mod_ip_tcp),
    T13(ofctl_flow_mod_push_vlan_group), T13(ofctl_flow_mod_meter_goto),
    T13(ofctl_flow_mod_write_actions), T13(ofctl_flow_mod_delete_strict),
    T13(ofctl_group_mod), T13(ofctl_meter_mod), T13(ofctl_port_mod),
    T13(ofctl_packet_out), T13(ofctl_barrier_request),
    T13(ofctl_desc_request), T13(ofctl_flows_request),
    T13(ofctl_aggregate_request), T13(ofctl_tables_request),
    T13(ofctl_ports_request), T13(ofctl_port_stats_request_port2),
    T13(ofctl_port_desc_request), T13(ofctl_group_desc_request),
    T13(ofctl_group_stats_request), T13(ofctl_group_features_request),
    T13(ofctl_meter_config_request), T13(ofctl_meter_stats_request),
    T13(ofctl_meter_features_request),
    CU_TEST_INFO_NULL,
};

void
test_golden_register(void)
{
    unit_add_suite("golden", golden_tests);
}
