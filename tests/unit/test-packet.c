/* Unit tests for ofproto/packet: parse, build, checksums, flow extraction,
 * LLDP, printing, and truncation of every frame at every byte.  Builder
 * output is also decoded by tshark (an independent dissector). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-match.h"
#include "ofproto/ofp-types.h"
#include "ofproto/packet.h"
#include "tests/unit/unit.h"

static const uint8_t mac_a[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const uint8_t mac_b[6] = { 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb };
static const uint8_t ip6_a[16] = {
    0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44,
    0x55
};
static const uint8_t ip6_b[16] = {
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02
};
#define IP_A 0x0a000001u        /* 10.0.0.1 */
#define IP_B 0x0a000002u        /* 10.0.0.2 */

/* Parses 'buf' expecting success. */
static void
parse_ok(const struct ofpbuf *buf, struct pkt_info *info)
{
    int error = pkt_parse(buf->data, buf->size, info);
    CU_ASSERT_EQUAL(error, 0);
    if (error) {
        fprintf(stderr, "pkt_parse: %s\n", pkt_strerror(error));
    }
}

static void
assert_format(const struct pkt_info *info, const char *expected)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    pkt_format(info, &s);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&s), expected);
    if (strcmp(ds_cstr(&s), expected)) {
        fprintf(stderr, "\ngot:      %s\nexpected: %s\n", ds_cstr(&s),
                expected);
    }
    ds_destroy(&s);
}

/* Asserts 'buf' equals the hex string 'hex'. */
static void
assert_bytes(const struct ofpbuf *buf, const char *hex)
{
    size_t n;
    uint8_t *want = unit_hex(hex, &n);
    CU_ASSERT_EQUAL(buf->size, n);
    if (want && (buf->size != n || memcmp(buf->data, want, n))) {
        struct ds s = DS_EMPTY_INITIALIZER;
        ds_put_hex(&s, buf->data, buf->size);
        fprintf(stderr, "\ngot bytes: %s\n", ds_cstr(&s));
        ds_destroy(&s);
        CU_FAIL("bytes differ");
    }
    free(want);
}

/* ---- Frames used by several tests. ------------------------------------- */

static void
build_tcp_syn(struct ofpbuf *b)
{
    pkt_put_eth(b, mac_b, mac_a, PKT_ETH_TYPE_IPV4);
    size_t l3 = pkt_put_ipv4(b, IP_A, IP_B, PKT_IPPROTO_TCP, 0x00, 64);
    pkt_put_tcp(b, l3, 1234, 80, 0x01020304, 0, PKT_TCP_SYN, 65535, NULL, 0);
}

static void
build_icmp_echo(struct ofpbuf *b)
{
    static const char data[] = "abcdefgh";
    pkt_put_eth(b, mac_b, mac_a, PKT_ETH_TYPE_IPV4);
    size_t l3 = pkt_put_ipv4(b, IP_A, IP_B, PKT_IPPROTO_ICMP, 0, 64);
    pkt_put_icmp_echo(b, l3, PKT_ICMP_ECHO_REQUEST, 0x1234, 1, data, 8);
}

static void
build_udp6(struct ofpbuf *b)
{
    static const uint8_t data[5] = { 1, 2, 3, 4, 5 };
    pkt_put_eth(b, mac_b, mac_a, PKT_ETH_TYPE_IPV6);
    size_t l3 = pkt_put_ipv6(b, ip6_a, ip6_b, PKT_IPPROTO_UDP, 0xb8, 0x12345,
                             64);
    pkt_put_udp(b, l3, 30000, 30001, data, sizeof data);
}

static void
build_vlan_udp4(struct ofpbuf *b)
{
    static const struct pkt_vlan tags[2] = {
        { PKT_ETH_TYPE_QINQ, 100, 5, 0 },
        { PKT_ETH_TYPE_VLAN, 10, 3, 1 },
    };
    pkt_put_eth_vlans(b, mac_b, mac_a, tags, 2, PKT_ETH_TYPE_IPV4);
    size_t l3 = pkt_put_ipv4(b, IP_A, IP_B, PKT_IPPROTO_UDP, 0x2d, 17);
    pkt_put_udp(b, l3, 30002, 30003, "xyz", 3);
}

static void
build_lldp(struct ofpbuf *b, struct pkt_lldp *l)
{
    static const uint8_t org_data[2] = { 0xca, 0xfe };
    memset(l, 0, sizeof *l);
    l->chassis_subtype = PKT_LLDP_CHASSIS_LOCAL;
    l->chassis_id = (const uint8_t *) "dpid:0000000000000001";
    l->chassis_id_len = 21;
    l->port_subtype = PKT_LLDP_PORT_COMPONENT;
    l->port_id = (const uint8_t *) "3";
    l->port_id_len = 1;
    l->ttl = 120;
    l->n_org = 2;
    l->org[0] = (struct pkt_lldp_org) { { 0x00, 0x26, 0xe1 }, 0, org_data,
                                        2 };
    l->org[1] = (struct pkt_lldp_org) { { 0xa4, 0x2c, 0x08 }, 7, NULL, 0 };
    CU_ASSERT_EQUAL(pkt_build_lldp(b, mac_a, l), 0);
}

/* ---- Checksums. -------------------------------------------------------- */

static void
test_csum(void)
{
    /* RFC 1071 section 3 example: sum 0xddf2, checksum 0x220d. */
    static const uint8_t rfc[8] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5,
                                    0xf6, 0xf7 };
    CU_ASSERT_EQUAL(pkt_csum(rfc, 8), 0x220d);
    /* Split sums agree with one sum. */
    uint32_t s = pkt_csum_add(0, rfc, 4);
    CU_ASSERT_EQUAL(pkt_csum_finish(pkt_csum_add(s, rfc + 4, 4)), 0x220d);
    /* Odd length pads with a zero byte. */
    static const uint8_t odd[3] = { 0x12, 0x34, 0x56 };
    CU_ASSERT_EQUAL(pkt_csum(odd, 3), (uint16_t) ~(0x1234 + 0x5600));

    /* A well-known IPv4 header (Wikipedia "IPv4 header checksum"). */
    size_t n;
    uint8_t *hdr = unit_hex("4500 0073 0000 4000 4011 b861 c0a8 0001"
                            "c0a8 00c7", &n);
    CU_ASSERT_EQUAL(pkt_csum(hdr, n), 0);
    hdr[10] = hdr[11] = 0;
    CU_ASSERT_EQUAL(pkt_csum(hdr, n), 0xb861);
    free(hdr);

    /* Pseudo-header sums. */
    CU_ASSERT_EQUAL(pkt_csum_pseudo_ipv4(0x0a000001, 0x0a000002, 6, 20),
                    0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 6 + 20);
    uint8_t z[16] = { 0 };
    CU_ASSERT_EQUAL(pkt_csum_pseudo_ipv6(z, z, 58, 0x10020), 1 + 0x20 + 58);
}

/* ---- Golden bytes. ------------------------------------------------------ */

static void
test_golden_arp(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    pkt_build_arp_request(&b, mac_a, IP_A, IP_B);
    assert_bytes(&b, "ffffffffffff 001122334455 0806"
                     "0001 0800 06 04 0001 001122334455 0a000001"
                     "000000000000 0a000002");
    ofpbuf_clear(&b);
    pkt_build_arp_reply(&b, mac_b, IP_B, mac_a, IP_A);
    assert_bytes(&b, "001122334455 66778899aabb 0806"
                     "0001 0800 06 04 0002 66778899aabb 0a000002"
                     "001122334455 0a000001");
    ofpbuf_uninit(&b);
}

static void
test_golden_tcp_icmp(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    build_tcp_syn(&b);
    /* Checksums verified with tshark (test_tshark below). */
    assert_bytes(&b, "66778899aabb 001122334455 0800"
                     "4500 0028 0000 0000 4006 66ce 0a000001 0a000002"
                     "04d2 0050 01020304 00000000 5002 ffff 92b8 0000");
    ofpbuf_clear(&b);
    build_icmp_echo(&b);
    assert_bytes(&b, "66778899aabb 001122334455 0800"
                     "4500 0024 0000 0000 4001 66d7 0a000001 0a000002"
                     "0800 5435 1234 0001 6162636465666768");
    ofpbuf_uninit(&b);
}

static void
test_golden_nd_lldp(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    pkt_build_nd_ns(&b, mac_a, ip6_a, ip6_b);
    assert_bytes(&b, "3333ff000002 001122334455 86dd"
                     "60000000 0020 3a ff"
                     "fe80000000000000021122fffe334455"
                     "ff0200000000000000000001ff000002"
                     "8700 7f2e 00000000 20010db8000000000000000000000002"
                     "0101 001122334455");
    ofpbuf_clear(&b);

    struct pkt_lldp l;
    build_lldp(&b, &l);
    assert_bytes(&b, "0180c200000e 001122334455 88cc"
                     "0216 07 647069643a30303030303030303030303030303031"
                     "0402 02 33"
                     "0602 0078"
                     "fe06 0026e1 00 cafe"
                     "fe04 a42c08 07"
                     "0000");
    ofpbuf_uninit(&b);
}

/* ---- tshark as an independent decoder. ---------------------------------- */

/* Writes 'frames' as a pcap and returns tshark -V output (malloc'd), or
 * NULL on failure. */
static char *
tshark_decode(const struct ofpbuf *frames, size_t n)
{
    char path[] = "/tmp/canopy-pkt-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    /* Global header: magic, v2.4, zone 0, sigfigs 0, snaplen, Ethernet. */
    static const uint8_t gh[24] = {
        0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0xff, 0xff, 0, 0, 1, 0, 0, 0
    };
    fwrite(gh, 1, sizeof gh, f);
    for (size_t i = 0; i < n; i++) {
        uint32_t rec[4] = { (uint32_t) i, 0, (uint32_t) frames[i].size,
                            (uint32_t) frames[i].size };
        uint8_t le[16];
        for (int j = 0; j < 16; j++) {
            le[j] = (uint8_t) (rec[j / 4] >> (8 * (j % 4)));
        }
        fwrite(le, 1, sizeof le, f);
        fwrite(frames[i].data, 1, frames[i].size, f);
    }
    fclose(f);

    struct ds cmd = DS_EMPTY_INITIALIZER;
    ds_put_format(&cmd, "tshark -o ip.check_checksum:TRUE "
                  "-o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE "
                  "-n -V -r %s 2>&1", path);
    FILE *p = popen(ds_cstr(&cmd), "r");
    ds_destroy(&cmd);
    struct ds out = DS_EMPTY_INITIALIZER;
    if (p) {
        char buf[4096];
        size_t k;
        while ((k = fread(buf, 1, sizeof buf - 1, p)) > 0) {
            buf[k] = '\0';
            ds_put_cstr(&out, buf);
        }
        pclose(p);
    }
    unlink(path);
    return ds_steal(&out);
}

static void
test_tshark(void)
{
    enum { N = 9 };
    struct ofpbuf f[N];
    struct pkt_lldp l;
    for (int i = 0; i < N; i++) {
        ofpbuf_init(&f[i]);
    }
    {
        /* TCP over IPv6 behind a hop-by-hop header. */
        uint8_t pad[6] = { 0 };
        pkt_put_eth(&f[8], mac_b, mac_a, PKT_ETH_TYPE_IPV6);
        size_t l3 = pkt_put_ipv6(&f[8], ip6_a, ip6_b, PKT_IPPROTO_HOPOPTS,
                                 0, 0, 1);
        pkt_put_ipv6_ext(&f[8], PKT_IPPROTO_TCP, pad, 6);
        pkt_put_tcp(&f[8], l3, 40001, 40002, 3, 4, PKT_TCP_ACK, 5, "data",
                    4);
    }
    pkt_build_arp_request(&f[0], mac_a, IP_A, IP_B);
    build_tcp_syn(&f[1]);
    build_icmp_echo(&f[2]);
    pkt_build_nd_ns(&f[3], mac_a, ip6_a, ip6_b);
    pkt_build_nd_na(&f[4], mac_b, mac_a, ip6_b, ip6_a, ip6_b,
                    PKT_ND_NA_SOLICITED | PKT_ND_NA_OVERRIDE);
    build_lldp(&f[5], &l);
    build_udp6(&f[6]);
    build_vlan_udp4(&f[7]);

    char *out = tshark_decode(f, N);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    /* ARP. */
    UNIT_ASSERT_CONTAINS(out, "Opcode: request (1)");
    UNIT_ASSERT_CONTAINS(out, "Target IP address: 10.0.0.2");
    /* TCP SYN: checksums good. */
    UNIT_ASSERT_CONTAINS(out, "Header Checksum: 0x66ce [correct]");
    UNIT_ASSERT_CONTAINS(out, "Checksum: 0x92b8 [correct]");
    UNIT_ASSERT_CONTAINS(out, "Source Port: 1234");
    UNIT_ASSERT_CONTAINS(out, ".... .... ..1. = Syn: Set");
    /* ICMP echo. */
    UNIT_ASSERT_CONTAINS(out, "Type: 8 (Echo (ping) request)");
    UNIT_ASSERT_CONTAINS(out, "Checksum: 0x5435 [correct]");
    UNIT_ASSERT_CONTAINS(out, "Identifier (BE): 4660 (0x1234)");
    /* ND. */
    UNIT_ASSERT_CONTAINS(out, "Type: Neighbor Solicitation (135)");
    UNIT_ASSERT_CONTAINS(out, "Checksum: 0x7f2e [correct]");
    UNIT_ASSERT_CONTAINS(out, "Target Address: 2001:db8::2");
    UNIT_ASSERT_CONTAINS(out, "Link-layer address: 00:11:22:33:44:55");
    UNIT_ASSERT_CONTAINS(out, "Type: Neighbor Advertisement (136)");
    UNIT_ASSERT_CONTAINS(out, ".1.. .... .... .... .... .... .... .... "
                              "= Solicited: Set");
    UNIT_ASSERT_CONTAINS(out, "Type: Target link-layer address (2)");
    /* LLDP. */
    UNIT_ASSERT_CONTAINS(out, "Chassis Subtype = Locally assigned, Id: "
                              "dpid:0000000000000001");
    UNIT_ASSERT_CONTAINS(out, "Port Id: 3");
    UNIT_ASSERT_CONTAINS(out, "Seconds: 120");
    UNIT_ASSERT_CONTAINS(out, "Organization Unique Code: 00:26:e1");
    /* UDP over IPv6 and over a QinQ-tagged IPv4. */
    UNIT_ASSERT_CONTAINS(out, "Flow Label: 0x12345");
    UNIT_ASSERT_CONTAINS(out, "Destination Port: 30001");
    UNIT_ASSERT_CONTAINS(out, "[Checksum Status: Good]");
    UNIT_ASSERT_CONTAINS(out, "ID: 100");
    UNIT_ASSERT_CONTAINS(out, "ID: 10");
    UNIT_ASSERT_CONTAINS(out, "IPv6 Hop-by-Hop Option");
    UNIT_ASSERT_CONTAINS(out, "Source Port: 40001");
    CU_ASSERT_PTR_NULL(strstr(out, "incorrect"));
    CU_ASSERT_PTR_NULL(strstr(out, "Bad"));
    CU_ASSERT_PTR_NULL(strstr(out, "Malformed"));
    if (strstr(out, "incorrect") || strstr(out, "Malformed")) {
        fprintf(stderr, "%s\n", out);
    }
    free(out);
    for (int i = 0; i < N; i++) {
        ofpbuf_uninit(&f[i]);
    }
}

/* ---- Round trips and flow extraction. ----------------------------------- */

static void
test_arp_roundtrip(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    struct ofp_match m;

    pkt_build_arp_reply(&b, mac_b, IP_B, mac_a, IP_A);
    pkt_pad_min(&b, 0);
    CU_ASSERT_EQUAL(b.size, 60);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_ARP);
    CU_ASSERT_EQUAL(info.eth_type, PKT_ETH_TYPE_ARP);
    CU_ASSERT_EQUAL(info.l3_ofs, 14);
    CU_ASSERT_EQUAL(info.arp_op, PKT_ARP_OP_REPLY);
    CU_ASSERT_EQUAL(info.arp_spa, IP_B);
    CU_ASSERT_EQUAL(info.arp_tpa, IP_A);
    CU_ASSERT_EQUAL(memcmp(info.arp_sha, mac_b, 6), 0);
    CU_ASSERT_EQUAL(memcmp(info.arp_tha, mac_a, 6), 0);
    CU_ASSERT_EQUAL(info.payload_len, 60 - 42);
    assert_format(&info, "eth 66:77:88:99:aa:bb->00:11:22:33:44:55 arp reply "
                  "10.0.0.2/66:77:88:99:aa:bb->10.0.0.1/00:11:22:33:44:55 "
                  "len 18");

    pkt_flow_extract(&info, 7, &m);
    CU_ASSERT_EQUAL(m.fields, (UINT64_C(1) << OFPF_IN_PORT)
                    | (UINT64_C(1) << OFPF_ETH_DST)
                    | (UINT64_C(1) << OFPF_ETH_SRC)
                    | (UINT64_C(1) << OFPF_ETH_TYPE)
                    | (UINT64_C(1) << OFPF_VLAN_VID)
                    | (UINT64_C(1) << OFPF_ARP_OP)
                    | (UINT64_C(1) << OFPF_ARP_SPA)
                    | (UINT64_C(1) << OFPF_ARP_TPA)
                    | (UINT64_C(1) << OFPF_ARP_SHA)
                    | (UINT64_C(1) << OFPF_ARP_THA));
    CU_ASSERT_EQUAL(m.v.in_port, 7);
    CU_ASSERT_EQUAL(m.m.in_port, 0xffffffffu);
    CU_ASSERT_EQUAL(m.v.vlan_vid, OFPVID_NONE);
    CU_ASSERT_EQUAL(m.m.vlan_vid, 0x1fff);
    CU_ASSERT_EQUAL(m.v.arp_op, 2);
    CU_ASSERT_EQUAL(m.v.arp_spa, IP_B);
    CU_ASSERT_EQUAL(m.v.eth_type, 0x0806);
    CU_ASSERT_EQUAL(memcmp(m.v.arp_tha, mac_a, 6), 0);
    CU_ASSERT_EQUAL(m.m.arp_tha[5], 0xff);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    ofpbuf_uninit(&b);
}

static void
test_tcp_roundtrip(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    struct ofp_match m;

    build_tcp_syn(&b);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV4 | PKT_F_TCP);
    CU_ASSERT_EQUAL(info.l3_ofs, 14);
    CU_ASSERT_EQUAL(info.l4_ofs, 34);
    CU_ASSERT_EQUAL(info.l4_len, 20);
    CU_ASSERT_EQUAL(info.ip_proto, 6);
    CU_ASSERT_EQUAL(info.ip_ttl, 64);
    CU_ASSERT_EQUAL(info.l4_src, 1234);
    CU_ASSERT_EQUAL(info.l4_dst, 80);
    CU_ASSERT_EQUAL(info.tcp_flags, PKT_TCP_SYN);
    CU_ASSERT_EQUAL(info.payload_len, 0);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    assert_format(&info, "eth 00:11:22:33:44:55->66:77:88:99:aa:bb "
                  "ipv4 10.0.0.1->10.0.0.2 tcp 1234->80 [S]");

    pkt_flow_extract(&info, 1, &m);
    CU_ASSERT_TRUE(ofp_match_has(&m, OFPF_TCP_SRC));
    CU_ASSERT_TRUE(ofp_match_has(&m, OFPF_IP_DSCP));
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_UDP_SRC));
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_VLAN_PCP));
    CU_ASSERT_EQUAL(m.v.tcp_src, 1234);
    CU_ASSERT_EQUAL(m.v.tcp_dst, 80);
    CU_ASSERT_EQUAL(m.v.ip_proto, 6);
    CU_ASSERT_EQUAL(m.v.ipv4_src, IP_A);
    CU_ASSERT_EQUAL(m.m.ipv4_dst, 0xffffffffu);
    CU_ASSERT_EQUAL(m.v.eth_type, 0x0800);

    /* A corrupted byte is caught by the checksum check. */
    b.data[b.size - 1] ^= 1;
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), PKT_E_BAD_CSUM);
    b.data[b.size - 1] ^= 1;
    b.data[14 + 8] = 63;            /* TTL without fixing the checksum. */
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), PKT_E_BAD_CSUM);
    ofpbuf_uninit(&b);
}

static void
test_icmp_roundtrip(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    struct ofp_match m;

    build_icmp_echo(&b);
    /* Ethernet padding after the IP total length is ignored. */
    ofpbuf_put_zeros(&b, 10);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV4 | PKT_F_ICMP);
    CU_ASSERT_EQUAL(info.icmp_type, 8);
    CU_ASSERT_EQUAL(info.icmp_code, 0);
    CU_ASSERT_EQUAL(info.payload_len, 12);   /* id, seq, 8 data bytes. */
    CU_ASSERT_EQUAL(info.l4_len, 16);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    pkt_flow_extract(&info, 2, &m);
    CU_ASSERT_TRUE(ofp_match_has(&m, OFPF_ICMPV4_TYPE));
    CU_ASSERT_TRUE(ofp_match_has(&m, OFPF_ICMPV4_CODE));
    CU_ASSERT_EQUAL(m.v.icmpv4_type, 8);
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_TCP_SRC));
    assert_format(&info, "eth 00:11:22:33:44:55->66:77:88:99:aa:bb "
                  "ipv4 10.0.0.1->10.0.0.2 icmp type 8 code 0 len 12");
    ofpbuf_uninit(&b);
}

static void
test_vlan_udp4(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    struct ofp_match m;

    build_vlan_udp4(&b);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags,
                    PKT_F_ETH | PKT_F_VLAN | PKT_F_IPV4 | PKT_F_UDP);
    CU_ASSERT_EQUAL(info.n_vlans, 2);
    CU_ASSERT_EQUAL(info.vlans[0].tpid, PKT_ETH_TYPE_QINQ);
    CU_ASSERT_EQUAL(info.vlans[0].vid, 100);
    CU_ASSERT_EQUAL(info.vlans[0].pcp, 5);
    CU_ASSERT_EQUAL(info.vlans[1].tpid, PKT_ETH_TYPE_VLAN);
    CU_ASSERT_EQUAL(info.vlans[1].vid, 10);
    CU_ASSERT_EQUAL(info.vlans[1].pcp, 3);
    CU_ASSERT_EQUAL(info.vlans[1].dei, 1);
    CU_ASSERT_EQUAL(info.eth_type, PKT_ETH_TYPE_IPV4);
    CU_ASSERT_EQUAL(info.l3_ofs, 22);
    CU_ASSERT_EQUAL(info.ip_tos, 0x2d);
    CU_ASSERT_EQUAL(info.l4_src, 30002);
    CU_ASSERT_EQUAL(info.payload_len, 3);
    CU_ASSERT_EQUAL(memcmp(info.payload, "xyz", 3), 0);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    assert_format(&info, "eth 00:11:22:33:44:55->66:77:88:99:aa:bb "
                  "svlan 100 pcp 5 vlan 10 pcp 3 ipv4 10.0.0.1->10.0.0.2 "
                  "udp 30002->30003 len 3");

    pkt_flow_extract(&info, 3, &m);
    CU_ASSERT_EQUAL(m.v.vlan_vid, OFPVID_PRESENT | 100);
    CU_ASSERT_EQUAL(m.m.vlan_vid, 0x1fff);
    CU_ASSERT_EQUAL(m.v.vlan_pcp, 5);
    CU_ASSERT_EQUAL(m.v.ip_dscp, 0x2d >> 2);
    CU_ASSERT_EQUAL(m.v.ip_ecn, 1);
    CU_ASSERT_EQUAL(m.m.ip_dscp, 0x3f);
    CU_ASSERT_EQUAL(m.m.ip_ecn, 3);
    CU_ASSERT_EQUAL(m.v.udp_src, 30002);
    CU_ASSERT_EQUAL(m.v.udp_dst, 30003);
    CU_ASSERT_EQUAL(m.v.ip_proto, 17);

    /* Five tags are more than PKT_MAX_VLANS. */
    struct pkt_vlan tags[5];
    for (int i = 0; i < 5; i++) {
        tags[i] = (struct pkt_vlan) { PKT_ETH_TYPE_VLAN, (uint16_t) i, 0, 0 };
    }
    ofpbuf_clear(&b);
    pkt_put_eth_vlans(&b, mac_b, mac_a, tags, 5, PKT_ETH_TYPE_IPV4);
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_TOO_MANY_VLANS);
    CU_ASSERT_EQUAL(info.n_vlans, PKT_MAX_VLANS);
    ofpbuf_clear(&b);
    pkt_put_eth_vlans(&b, mac_b, mac_a, tags, 4, 0x1234);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.n_vlans, 4);
    CU_ASSERT_EQUAL(info.vlans[3].vid, 3);
    CU_ASSERT_EQUAL(info.eth_type, 0x1234);
    ofpbuf_uninit(&b);
}

static void
test_udp6_roundtrip(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    struct ofp_match m;

    build_udp6(&b);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV6 | PKT_F_UDP);
    CU_ASSERT_EQUAL(info.l4_ofs, 54);
    CU_ASSERT_EQUAL(info.ip_tos, 0xb8);
    CU_ASSERT_EQUAL(info.ipv6_flabel, 0x12345);
    CU_ASSERT_EQUAL(info.ip_ttl, 64);
    CU_ASSERT_EQUAL(memcmp(info.ipv6_src, ip6_a, 16), 0);
    CU_ASSERT_EQUAL(memcmp(info.ipv6_dst, ip6_b, 16), 0);
    CU_ASSERT_EQUAL(info.l4_dst, 30001);
    CU_ASSERT_EQUAL(info.payload_len, 5);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    assert_format(&info, "eth 00:11:22:33:44:55->66:77:88:99:aa:bb "
                  "ipv6 fe80::211:22ff:fe33:4455->2001:db8::2 "
                  "udp 30000->30001 "
                  "len 5");
    pkt_flow_extract(&info, 4, &m);
    CU_ASSERT_EQUAL(m.v.ipv6_flabel, 0x12345);
    CU_ASSERT_EQUAL(m.m.ipv6_flabel, 0xfffff);
    CU_ASSERT_EQUAL(m.v.ip_dscp, 0x2e);
    CU_ASSERT_EQUAL(m.v.udp_src, 30000);
    CU_ASSERT_EQUAL(memcmp(m.v.ipv6_dst, ip6_b, 16), 0);
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_IPV4_SRC));
    CU_ASSERT_EQUAL(m.v.eth_type, 0x86dd);
    ofpbuf_uninit(&b);
}

static void
test_nd_roundtrip(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    struct ofp_match m;

    pkt_build_nd_ns(&b, mac_a, ip6_a, ip6_b);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV6 | PKT_F_ICMPV6
                    | PKT_F_ND | PKT_F_ND_SLL);
    CU_ASSERT_EQUAL(info.icmp_type, PKT_ICMPV6_ND_NS);
    CU_ASSERT_EQUAL(info.ip_ttl, 255);
    CU_ASSERT_EQUAL(memcmp(info.nd_target, ip6_b, 16), 0);
    CU_ASSERT_EQUAL(memcmp(info.nd_sll, mac_a, 6), 0);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    assert_format(&info, "eth 00:11:22:33:44:55->33:33:ff:00:00:02 "
                  "ipv6 fe80::211:22ff:fe33:4455->ff02::1:ff00:2 "
                  "icmpv6 type 135 code 0 target 2001:db8::2 "
                  "sll 00:11:22:33:44:55");
    pkt_flow_extract(&info, 5, &m);
    CU_ASSERT_EQUAL(m.v.icmpv6_type, 135);
    CU_ASSERT_EQUAL(memcmp(m.v.ipv6_nd_target, ip6_b, 16), 0);
    CU_ASSERT_EQUAL(memcmp(m.v.ipv6_nd_sll, mac_a, 6), 0);
    CU_ASSERT_TRUE(ofp_match_has(&m, OFPF_IPV6_ND_SLL));
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_IPV6_ND_TLL));

    /* Corrupt the checksum. */
    b.data[b.size - 1] ^= 0xff;
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), PKT_E_BAD_CSUM);

    ofpbuf_clear(&b);
    pkt_build_nd_na(&b, mac_b, mac_a, ip6_b, ip6_a, ip6_b,
                    PKT_ND_NA_SOLICITED);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV6 | PKT_F_ICMPV6
                    | PKT_F_ND | PKT_F_ND_TLL);
    CU_ASSERT_EQUAL(memcmp(info.nd_tll, mac_b, 6), 0);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    pkt_flow_extract(&info, 5, &m);
    CU_ASSERT_EQUAL(m.v.icmpv6_type, 136);
    CU_ASSERT_EQUAL(memcmp(m.v.ipv6_nd_tll, mac_b, 6), 0);
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_IPV6_ND_SLL));

    /* NS without options: nd_sll is matched as zero. */
    uint8_t body[20] = { 0 };
    memcpy(body + 4, ip6_b, 16);
    ofpbuf_clear(&b);
    pkt_put_eth(&b, mac_b, mac_a, PKT_ETH_TYPE_IPV6);
    size_t l3 = pkt_put_ipv6(&b, ip6_a, ip6_b, PKT_IPPROTO_ICMPV6, 0, 0, 255);
    pkt_put_icmpv6(&b, l3, PKT_ICMPV6_ND_NS, 0, body, sizeof body);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags & (PKT_F_ND | PKT_F_ND_SLL), PKT_F_ND);
    pkt_flow_extract(&info, 5, &m);
    CU_ASSERT_TRUE(ofp_match_has(&m, OFPF_IPV6_ND_SLL));
    CU_ASSERT_EQUAL(m.v.ipv6_nd_sll[0] | m.v.ipv6_nd_sll[5], 0);

    /* Bad options: zero length, overrun, duplicate SLL. */
    uint8_t bad[36] = { 0 };
    memcpy(bad + 4, ip6_b, 16);
    static const uint8_t opts[3][16] = {
        { 1, 0 },
        { 1, 3, 1, 2, 3, 4, 5, 6 },
        { 1, 1, 1, 2, 3, 4, 5, 6, 1, 1, 1, 2, 3, 4, 5, 6 },
    };
    for (int i = 0; i < 3; i++) {
        memcpy(bad + 20, opts[i], 16);
        ofpbuf_clear(&b);
        pkt_put_eth(&b, mac_b, mac_a, PKT_ETH_TYPE_IPV6);
        l3 = pkt_put_ipv6(&b, ip6_a, ip6_b, PKT_IPPROTO_ICMPV6, 0, 0, 255);
        pkt_put_icmpv6(&b, l3, PKT_ICMPV6_ND_NS, 0, bad, i == 0 ? 22 : 36);
        CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_ND);
        CU_ASSERT_TRUE(info.flags & PKT_F_ICMPV6);
        CU_ASSERT_FALSE(info.flags & PKT_F_ND);
    }
    ofpbuf_uninit(&b);
}

/* ---- IPv4 details. ------------------------------------------------------ */

static void
test_ipv4_options_and_lengths(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    static const uint8_t opts[8] = { 0x01, 0x01, 0x01, 0x00, 0, 0, 0, 0 };
    size_t l3;

    pkt_put_eth(&b, mac_b, mac_a, PKT_ETH_TYPE_IPV4);
    CU_ASSERT_EQUAL(pkt_put_ipv4_opts(&b, IP_A, IP_B, PKT_IPPROTO_UDP, 0, 1,
                                      opts, 8, &l3), 0);
    pkt_put_udp(&b, l3, 1, 2, "hi", 2);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.ipv4_opts_len, 8);
    CU_ASSERT_EQUAL(info.l4_ofs, 14 + 28);
    CU_ASSERT_EQUAL(info.l4_src, 1);
    CU_ASSERT_EQUAL(info.l4_dst, 2);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    CU_ASSERT_EQUAL(pkt_put_ipv4_opts(&b, IP_A, IP_B, 0, 0, 1, opts, 6, &l3),
                    PKT_E_INVAL);
    CU_ASSERT_EQUAL(pkt_put_ipv4_opts(&b, IP_A, IP_B, 0, 0, 1, opts, 44, &l3),
                    PKT_E_INVAL);

    /* IHL < 5. */
    ofpbuf_clear(&b);
    build_tcp_syn(&b);
    b.data[14] = 0x44;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_LEN);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH);
    /* IHL past the frame. */
    b.data[14] = 0x4f;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_TRUNCATED);
    /* Version 6 under Ethertype 0x0800. */
    b.data[14] = 0x65;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_VERSION);
    b.data[14] = 0x45;
    /* Total length larger than the frame, smaller than the header. */
    b.data[16] = 0x01;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_LEN);
    b.data[16] = 0x00;
    b.data[17] = 19;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_LEN);
    /* Total length that cuts the TCP header: IPv4 parsed, TCP truncated. */
    b.data[17] = 30;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_TRUNCATED);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV4);
    CU_ASSERT_EQUAL(info.l4_ofs, 34);
    CU_ASSERT_EQUAL(info.payload_len, 10);
    b.data[17] = 40;
    /* TCP data offset < 5 and past the segment. */
    b.data[46] = 0x40;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_LEN);
    b.data[46] = 0x60;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_LEN);
    CU_ASSERT_FALSE(info.flags & PKT_F_TCP);
    b.data[46] = 0x50;
    parse_ok(&b, &info);

    /* UDP length smaller than 8 or larger than the IP payload. */
    ofpbuf_clear(&b);
    build_vlan_udp4(&b);
    size_t ulen = 22 + 20 + 4;
    b.data[ulen + 1] = 7;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_LEN);
    b.data[ulen + 1] = 12;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_LEN);
    b.data[ulen + 1] = 10;          /* Shorter than the IP payload: ok. */
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.payload_len, 2);
    ofpbuf_uninit(&b);
}

static void
test_ipv4_fragments(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    struct ofp_match m;

    /* First fragment (MF set, offset 0): L4 is parsed. */
    build_tcp_syn(&b);
    b.data[14 + 6] = 0x20;
    pkt_finish_l3(&b, 14);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags,
                    PKT_F_ETH | PKT_F_IPV4 | PKT_F_FRAG | PKT_F_TCP);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);

    /* Later fragment: no L4. */
    b.data[14 + 6] = 0x00;
    b.data[14 + 7] = 0xb9;
    pkt_finish_l3(&b, 14);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV4 | PKT_F_FRAG
                    | PKT_F_LATER_FRAG);
    CU_ASSERT_EQUAL(info.ip_frag_ofs, 0xb9);
    CU_ASSERT_EQUAL(info.ip_proto, 6);
    CU_ASSERT_EQUAL(info.payload_len, 20);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    pkt_flow_extract(&info, 1, &m);
    CU_ASSERT_TRUE(ofp_match_has(&m, OFPF_IP_PROTO));
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_TCP_SRC));
    assert_format(&info, "eth 00:11:22:33:44:55->66:77:88:99:aa:bb "
                  "ipv4 10.0.0.1->10.0.0.2 frag off 1480 proto 6 len 20");
    ofpbuf_uninit(&b);
}

/* ---- IPv6 extension headers. -------------------------------------------- */

static void
test_ipv6_ext(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    uint8_t pad[22] = { 0 };
    uint8_t frag[6] = { 0 };

    /* HBH(8) -> DSTOPTS(24) -> ROUTING(8) -> FRAG(first) -> UDP. */
    pkt_put_eth(&b, mac_b, mac_a, PKT_ETH_TYPE_IPV6);
    size_t l3 = pkt_put_ipv6(&b, ip6_a, ip6_b, PKT_IPPROTO_HOPOPTS, 0, 0, 9);
    pkt_put_ipv6_ext(&b, PKT_IPPROTO_DSTOPTS, pad, 6);
    pkt_put_ipv6_ext(&b, PKT_IPPROTO_ROUTING, pad, 22);
    pkt_put_ipv6_ext(&b, PKT_IPPROTO_FRAGMENT, pad, 6);
    frag[1] = 0x01;                  /* M flag, offset 0. */
    pkt_put_ipv6_ext(&b, PKT_IPPROTO_UDP, frag, 6);
    pkt_put_udp(&b, l3, 7, 9, "abc", 3);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags,
                    PKT_F_ETH | PKT_F_IPV6 | PKT_F_FRAG | PKT_F_UDP);
    CU_ASSERT_EQUAL(info.n_ipv6_ext, 4);
    CU_ASSERT_EQUAL(info.ip_proto, PKT_IPPROTO_UDP);
    CU_ASSERT_EQUAL(info.l4_ofs, 14 + 40 + 8 + 24 + 8 + 8);
    CU_ASSERT_EQUAL(info.l4_dst, 9);
    CU_ASSERT_EQUAL(pkt_put_ipv6_ext(&b, 0, pad, 5), PKT_E_INVAL);

    /* Later fragment. */
    size_t frag_ofs = 14 + 40 + 8 + 24 + 8;
    b.data[frag_ofs + 2] = 0x01;     /* Offset 32 * 8. */
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV6 | PKT_F_FRAG
                    | PKT_F_LATER_FRAG);
    CU_ASSERT_EQUAL(info.ip_frag_ofs, 32);
    CU_ASSERT_EQUAL(info.ip_proto, PKT_IPPROTO_UDP);
    b.data[frag_ofs + 2] = 0x00;

    /* DSTOPTS header length running past the payload. */
    b.data[14 + 40 + 8 + 1] = 40;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_LEN);
    CU_ASSERT_TRUE(info.flags & PKT_F_IPV6);
    CU_ASSERT_EQUAL(info.ip_proto, PKT_IPPROTO_DSTOPTS);
    b.data[14 + 40 + 8 + 1] = 2;
    /* Payload length beyond the frame. */
    b.data[14 + 4] = 0x10;
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_BAD_LEN);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH);

    /* Nine extension headers are too many. */
    ofpbuf_clear(&b);
    pkt_put_eth(&b, mac_b, mac_a, PKT_ETH_TYPE_IPV6);
    l3 = pkt_put_ipv6(&b, ip6_a, ip6_b, PKT_IPPROTO_DSTOPTS, 0, 0, 9);
    for (int i = 0; i < 9; i++) {
        pkt_put_ipv6_ext(&b, i < 8 ? PKT_IPPROTO_DSTOPTS : PKT_IPPROTO_NONE,
                         pad, 6);
    }
    pkt_finish_l3(&b, l3);
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size, &info), PKT_E_TOO_MANY_EXT);
    /* Eight are fine; "no next header" ends the walk. */
    b.data[14 + 40 + 8 * 7] = PKT_IPPROTO_NONE;
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.n_ipv6_ext, 8);
    CU_ASSERT_EQUAL(info.ip_proto, PKT_IPPROTO_NONE);
    ofpbuf_uninit(&b);
}

/* ---- LLDP. -------------------------------------------------------------- */

static void
test_lldp_roundtrip(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_lldp in, out;
    struct pkt_info info;

    build_lldp(&b, &in);
    CU_ASSERT_EQUAL(b.size, 62);
    CU_ASSERT_EQUAL(pkt_parse_lldp(b.data, b.size, &out), 0);
    CU_ASSERT_EQUAL(out.chassis_subtype, PKT_LLDP_CHASSIS_LOCAL);
    CU_ASSERT_EQUAL(out.chassis_id_len, 21);
    CU_ASSERT_EQUAL(memcmp(out.chassis_id, "dpid:0000000000000001", 21), 0);
    CU_ASSERT_EQUAL(out.port_subtype, PKT_LLDP_PORT_COMPONENT);
    CU_ASSERT_EQUAL(out.port_id_len, 1);
    CU_ASSERT_EQUAL(out.port_id[0], '3');
    CU_ASSERT_EQUAL(out.ttl, 120);
    CU_ASSERT_EQUAL(out.n_org, 2);
    CU_ASSERT_EQUAL(out.n_org_seen, 2);
    CU_ASSERT_EQUAL(out.org[0].oui[2], 0xe1);
    CU_ASSERT_EQUAL(out.org[0].len, 2);
    CU_ASSERT_EQUAL(out.org[0].data[1], 0xfe);
    CU_ASSERT_EQUAL(out.org[1].subtype, 7);
    CU_ASSERT_EQUAL(out.org[1].len, 0);
    CU_ASSERT_TRUE(out.has_end);

    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_LLDP);
    assert_format(&info, "eth 00:11:22:33:44:55->01:80:c2:00:00:0e lldp "
                  "len 48");

    /* Not LLDP. */
    ofpbuf_clear(&b);
    build_tcp_syn(&b);
    CU_ASSERT_EQUAL(pkt_parse_lldp(b.data, b.size, &out), PKT_E_NOT_LLDP);

    /* Builder refuses lengths it cannot encode. */
    in.chassis_id_len = 0;
    CU_ASSERT_EQUAL(pkt_build_lldp(&b, mac_a, &in), PKT_E_INVAL);
    in.chassis_id_len = 256;
    CU_ASSERT_EQUAL(pkt_build_lldp(&b, mac_a, &in), PKT_E_INVAL);
    in.chassis_id_len = 21;
    in.org[0].len = PKT_LLDP_MAX_ORG_LEN + 1;
    CU_ASSERT_EQUAL(pkt_build_lldp(&b, mac_a, &in), PKT_E_INVAL);
    in.org[0].len = 2;
    in.n_org = PKT_LLDP_MAX_ORG + 1;
    CU_ASSERT_EQUAL(pkt_build_lldp(&b, mac_a, &in), PKT_E_INVAL);
    CU_ASSERT_EQUAL(b.size, 54);    /* Nothing appended. */

    /* More org TLVs than kept: counted, first 8 stored.  A 255-byte id and
     * a maximal org payload build and parse. */
    static uint8_t big[PKT_LLDP_MAX_ORG_LEN];
    memset(big, 0x5a, sizeof big);
    in.n_org = PKT_LLDP_MAX_ORG;
    for (int i = 0; i < PKT_LLDP_MAX_ORG; i++) {
        in.org[i] = (struct pkt_lldp_org) { { 0, 0, (uint8_t) i }, 1, big,
                                            i == 0 ? sizeof big : 1 };
    }
    in.chassis_id = big;
    in.chassis_id_len = 255;
    ofpbuf_clear(&b);
    CU_ASSERT_EQUAL(pkt_build_lldp(&b, mac_a, &in), 0);
    /* Insert two more org TLVs before the End TLV. */
    ofpbuf_truncate(&b, b.size - 2);
    static const uint8_t extra[] = { 0xfe, 0x04, 1, 2, 3, 4,
                                     0xfe, 0x05, 1, 2, 3, 4, 5, 0, 0 };
    ofpbuf_put(&b, extra, sizeof extra);
    CU_ASSERT_EQUAL(pkt_parse_lldp(b.data, b.size, &out), 0);
    CU_ASSERT_EQUAL(out.n_org, PKT_LLDP_MAX_ORG);
    CU_ASSERT_EQUAL(out.n_org_seen, PKT_LLDP_MAX_ORG + 2);
    CU_ASSERT_EQUAL(out.org[0].len, PKT_LLDP_MAX_ORG_LEN);
    CU_ASSERT_EQUAL(out.org[7].oui[2], 7);
    CU_ASSERT_EQUAL(out.chassis_id_len, 255);
    ofpbuf_uninit(&b);
}

/* Parses LLDP from Ethernet header + 'tlvs' hex. */
static int
lldp_hex(const char *tlvs, struct pkt_lldp *out)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    size_t n;
    uint8_t *p = unit_hex(tlvs, &n);
    pkt_put_eth(&b, pkt_lldp_dst, mac_a, PKT_ETH_TYPE_LLDP);
    ofpbuf_put(&b, p, n);
    /* Copy to an exact-size heap block so ASan sees any overread. */
    uint8_t *frame = malloc(b.size);
    memcpy(frame, b.data, b.size);
    int error = pkt_parse_lldp(frame, b.size, out);
    free(frame);
    free(p);
    ofpbuf_uninit(&b);
    return error;
}

static void
test_lldp_bad(void)
{
    struct pkt_lldp l;
    const char *ok = "0202 0741 0402 0731 0602 0078";

    CU_ASSERT_EQUAL(lldp_hex(ok, &l), 0);
    CU_ASSERT_FALSE(l.has_end);
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731 0602 0078 0000 ffff", &l),
                    0);
    CU_ASSERT_TRUE(l.has_end);
    /* Chassis id length overruns the frame. */
    CU_ASSERT_EQUAL(lldp_hex("0220 0741", &l), PKT_E_BAD_LEN);
    /* Chassis id too short (subtype only). */
    CU_ASSERT_EQUAL(lldp_hex("0201 07 0402 0731 0602 0078", &l),
                    PKT_E_BAD_LEN);
    /* TTL length 3. */
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731 0603 007800", &l),
                    PKT_E_BAD_LEN);
    /* Wrong order. */
    CU_ASSERT_EQUAL(lldp_hex("0402 0731 0202 0741 0602 0078", &l),
                    PKT_E_BAD_LLDP);
    /* End before TTL. */
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731 0000", &l),
                    PKT_E_BAD_LLDP);
    /* Missing TTL at end of frame. */
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731", &l), PKT_E_BAD_LLDP);
    /* Empty LLDPDU. */
    CU_ASSERT_EQUAL(lldp_hex("", &l), PKT_E_BAD_LLDP);
    /* Duplicate TTL. */
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731 0602 0078 0602 0078", &l),
                    PKT_E_BAD_LLDP);
    /* Org TLV shorter than OUI + subtype. */
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731 0602 0078 fe03 000000",
                             &l), PKT_E_BAD_LEN);
    /* Org TLV overruns. */
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731 0602 0078 fe08 00000001",
                             &l), PKT_E_BAD_LEN);
    /* Odd trailing byte where a TLV header should be. */
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731 0602 0078 fe", &l),
                    PKT_E_TRUNCATED);
    /* End with a length. */
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731 0602 0078 0001 00", &l),
                    PKT_E_BAD_LEN);
    /* Unknown optional TLVs (port description) are skipped. */
    CU_ASSERT_EQUAL(lldp_hex("0202 0741 0402 0731 0602 0078 0803 657468"
                             "0000", &l), 0);
    CU_ASSERT_EQUAL(l.ttl, 120);
}

/* ---- Truncation and mutation of every frame. ---------------------------- */

/* Checks what every parse result must satisfy on 'n' bytes. */
static void
check_invariants(const uint8_t *frame, size_t n, const struct pkt_info *info)
{
    CU_ASSERT_TRUE(info->n_vlans <= PKT_MAX_VLANS);
    if (info->payload) {
        CU_ASSERT_TRUE(info->payload >= frame);
        CU_ASSERT_TRUE(info->payload_len <= n);
        CU_ASSERT_TRUE((size_t) (info->payload - frame) + info->payload_len
                       <= n);
    }
    if (info->l3_ofs != PKT_OFS_NONE) {
        CU_ASSERT_TRUE(info->l3_ofs <= n);
    }
    if (info->l4_ofs != PKT_OFS_NONE) {
        CU_ASSERT_TRUE(info->l4_ofs <= n && info->l4_len <= n - info->l4_ofs);
        CU_ASSERT_TRUE(info->l3_ofs < info->l4_ofs);
    }
    struct ofp_match m;
    pkt_flow_extract(info, 1, &m);
    if (ofp_match_has(&m, OFPF_TCP_SRC)) {
        CU_ASSERT_EQUAL(m.v.ip_proto, 6);
    }
    struct ds s = DS_EMPTY_INITIALIZER;
    pkt_format(info, &s);
    CU_ASSERT_TRUE(s.length > 0);
    ds_destroy(&s);
    pkt_check_csums(info);
}

static void
test_truncate_every_byte(void)
{
    enum { N = 9 };
    struct ofpbuf f[N];
    struct pkt_lldp l;
    for (int i = 0; i < N; i++) {
        ofpbuf_init(&f[i]);
    }
    pkt_build_arp_request(&f[0], mac_a, IP_A, IP_B);
    build_tcp_syn(&f[1]);
    build_icmp_echo(&f[2]);
    pkt_build_nd_ns(&f[3], mac_a, ip6_a, ip6_b);
    pkt_build_nd_na(&f[4], mac_b, mac_a, ip6_b, ip6_a, ip6_b, 0);
    build_lldp(&f[5], &l);
    build_udp6(&f[6]);
    build_vlan_udp4(&f[7]);
    {
        uint8_t pad[6] = { 0 };
        pkt_put_eth(&f[8], mac_b, mac_a, PKT_ETH_TYPE_IPV6);
        size_t l3 = pkt_put_ipv6(&f[8], ip6_a, ip6_b, PKT_IPPROTO_HOPOPTS,
                                 0, 0, 1);
        pkt_put_ipv6_ext(&f[8], PKT_IPPROTO_TCP, pad, 6);
        pkt_put_tcp(&f[8], l3, 1, 2, 3, 4, PKT_TCP_ACK, 5, "data", 4);
    }

    for (int i = 0; i < N; i++) {
        struct pkt_info info;
        struct pkt_lldp lldp;
        /* The full frame parses and its checksums are right. */
        CU_ASSERT_EQUAL(pkt_parse(f[i].data, f[i].size, &info), 0);
        CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
        for (size_t n = 0; n < f[i].size; n++) {
            /* Exact-size copy: ASan flags any read past 'n'. */
            uint8_t *p = malloc(n ? n : 1);
            memcpy(p, f[i].data, n);
            int error = pkt_parse(p, n, &info);
            check_invariants(p, n, &info);
            /* Every frame except LLDP has a length field that the cut
             * violates, or a fixed header it cuts. */
            if (i != 5) {
                CU_ASSERT_NOT_EQUAL(error, 0);
            }
            if (n < PKT_ETH_HLEN) {
                CU_ASSERT_EQUAL(error, PKT_E_TRUNCATED);
                CU_ASSERT_EQUAL(info.flags, 0);
            }
            pkt_parse_lldp(p, n, &lldp);
            free(p);
        }
        /* Mutate every byte to a few values. */
        static const uint8_t vals[] = { 0x00, 0x01, 0x7f, 0x80, 0xff };
        for (size_t k = 0; k < f[i].size; k++) {
            for (size_t v = 0; v < sizeof vals; v++) {
                uint8_t *p = malloc(f[i].size);
                memcpy(p, f[i].data, f[i].size);
                p[k] = vals[v];
                pkt_parse(p, f[i].size, &info);
                check_invariants(p, f[i].size, &info);
                pkt_parse_lldp(p, f[i].size, &lldp);
                free(p);
            }
        }
    }
    for (int i = 0; i < N; i++) {
        ofpbuf_uninit(&f[i]);
    }
}

static void
test_misc(void)
{
    struct pkt_info info;
    struct ofp_match m;
    struct ofpbuf b = OFPBUF_INITIALIZER;

    /* 802.3 frame. */
    pkt_put_eth(&b, mac_b, mac_a, 0x0026);
    ofpbuf_put_zeros(&b, 38);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_802_3);
    pkt_flow_extract(&info, 9, &m);
    CU_ASSERT_EQUAL(m.v.eth_type, PKT_ETH_TYPE_NOT_ETH);
    assert_format(&info, "eth 00:11:22:33:44:55->66:77:88:99:aa:bb "
                  "802.3 len 38 len 38");

    /* Unknown Ethertype. */
    ofpbuf_clear(&b);
    pkt_put_eth(&b, mac_b, mac_a, 0x88b5);
    ofpbuf_put(&b, "ab", 2);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH);
    CU_ASSERT_EQUAL(info.payload_len, 2);
    assert_format(&info, "eth 00:11:22:33:44:55->66:77:88:99:aa:bb "
                  "type 0x88b5 len 2");

    /* Non-Ethernet/IPv4 ARP is left undecoded. */
    ofpbuf_clear(&b);
    pkt_build_arp_request(&b, mac_a, IP_A, IP_B);
    b.data[14 + 1] = 6;
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH);

    /* Truncated frame and error strings. */
    CU_ASSERT_EQUAL(pkt_parse(b.data, 13, &info), PKT_E_TRUNCATED);
    assert_format(&info, "truncated frame (13 bytes)");
    pkt_flow_extract(&info, 9, &m);
    CU_ASSERT_EQUAL(m.fields, UINT64_C(1) << OFPF_IN_PORT);
    CU_ASSERT_STRING_EQUAL(pkt_strerror(PKT_E_BAD_LEN), "bad length field");
    CU_ASSERT_STRING_EQUAL(pkt_strerror(999), "unknown packet error");
    ofpbuf_uninit(&b);
}


/* ---- Open vSwitch as an independent flow extractor. --------------------- */

/* Appends the "key=value" pieces Open vSwitch prints for 'info' to 'keys',
 * separated by '\n'. */
static void
ovs_keys(const struct pkt_info *info, struct ds *k)
{
    ds_put_cstr(k, "dl_src=");
    ds_put_mac(k, info->eth_src);
    ds_put_cstr(k, ",dl_dst=");
    ds_put_mac(k, info->eth_dst);
    ds_put_char(k, '\n');
    if (info->n_vlans) {
        ds_put_format(k, "dl_vlan=%u,dl_vlan_pcp=%u\n", info->vlans[0].vid,
                      info->vlans[0].pcp);
    } else {
        ds_put_cstr(k, "vlan_tci=0x0000\n");
    }
    if (info->flags & PKT_F_ARP) {
        ds_put_cstr(k, "arp_spa=");
        ds_put_ipv4(k, info->arp_spa);
        ds_put_cstr(k, ",arp_tpa=");
        ds_put_ipv4(k, info->arp_tpa);
        ds_put_format(k, ",arp_op=%u,arp_sha=", info->arp_op);
        ds_put_mac(k, info->arp_sha);
        ds_put_cstr(k, ",arp_tha=");
        ds_put_mac(k, info->arp_tha);
        ds_put_char(k, '\n');
    }
    if (info->flags & PKT_F_IPV4) {
        ds_put_cstr(k, "nw_src=");
        ds_put_ipv4(k, info->ipv4_src);
        ds_put_cstr(k, ",nw_dst=");
        ds_put_ipv4(k, info->ipv4_dst);
        ds_put_char(k, '\n');
    }
    if (info->flags & PKT_F_IPV6) {
        ds_put_cstr(k, "ipv6_src=");
        ds_put_ipv6(k, info->ipv6_src);
        ds_put_cstr(k, ",ipv6_dst=");
        ds_put_ipv6(k, info->ipv6_dst);
        ds_put_format(k, ",ipv6_label=0x%05x\n", info->ipv6_flabel);
    }
    if (info->flags & (PKT_F_IPV4 | PKT_F_IPV6)) {
        ds_put_format(k, "nw_tos=%u,nw_ecn=%u,nw_ttl=%u,nw_frag=%s\n",
                      info->ip_tos & 0xfc, info->ip_tos & 3, info->ip_ttl,
                      info->flags & PKT_F_LATER_FRAG ? "later"
                      : info->flags & PKT_F_FRAG ? "first" : "no");
    }
    if (info->flags & (PKT_F_TCP | PKT_F_UDP | PKT_F_SCTP)) {
        ds_put_format(k, "tp_src=%u,tp_dst=%u\n", info->l4_src, info->l4_dst);
    }
    if (info->flags & (PKT_F_ICMP | PKT_F_ICMPV6)) {
        ds_put_format(k, "icmp_type=%u,icmp_code=%u\n", info->icmp_type,
                      info->icmp_code);
    }
    if (info->flags & PKT_F_ND) {
        ds_put_cstr(k, "nd_target=");
        ds_put_ipv6(k, info->nd_target);
        ds_put_cstr(k, ",nd_sll=");
        ds_put_mac(k, info->nd_sll);
        ds_put_cstr(k, ",nd_tll=");
        ds_put_mac(k, info->nd_tll);
        ds_put_char(k, '\n');
    }
}

/* Wraps 'frame' in an OpenFlow 1.0 packet-in, has ovs-ofctl print it (OVS
 * extracts the flow from the packet) and checks that OVS saw the same
 * fields as pkt_parse(). */
static void
check_with_ovs(const struct ofpbuf *frame)
{
    struct pkt_info info;
    struct ofpbuf msg = OFPBUF_INITIALIZER;

    parse_ok(frame, &info);
    ofpbuf_put_u8(&msg, 0x01);                  /* OpenFlow 1.0. */
    ofpbuf_put_u8(&msg, 10);                    /* OFPT_PACKET_IN. */
    ofpbuf_put_be16(&msg, (uint16_t) (18 + frame->size));
    ofpbuf_put_be32(&msg, 1);                   /* xid. */
    ofpbuf_put_be32(&msg, 0xffffffff);          /* buffer_id. */
    ofpbuf_put_be16(&msg, (uint16_t) frame->size);
    ofpbuf_put_be16(&msg, 3);                   /* in_port. */
    ofpbuf_put_be16(&msg, 0);                   /* reason, pad. */
    ofpbuf_put(&msg, frame->data, frame->size);
    char *out = unit_ovs_ofp_print(msg.data, msg.size, NULL);
    CU_ASSERT_PTR_NOT_NULL(out);

    struct ds keys = DS_EMPTY_INITIALIZER;
    ovs_keys(&info, &keys);
    char *save = NULL;
    for (char *line = strtok_r(keys.string, "\n", &save); out && line;
         line = strtok_r(NULL, "\n", &save)) {
        UNIT_ASSERT_CONTAINS(out, line);
    }
    ds_destroy(&keys);
    free(out);
    ofpbuf_uninit(&msg);
}

static void
test_ovs_agrees(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    uint8_t pad[22] = { 0 };
    uint8_t frag[6] = { 0, 1 };

    pkt_build_arp_request(&b, mac_a, IP_A, IP_B);
    check_with_ovs(&b);
    ofpbuf_clear(&b);
    build_tcp_syn(&b);
    check_with_ovs(&b);
    b.data[14 + 7] = 0x20;          /* Later fragment. */
    pkt_finish_l3(&b, 14);
    check_with_ovs(&b);
    ofpbuf_clear(&b);
    build_icmp_echo(&b);
    check_with_ovs(&b);
    ofpbuf_clear(&b);
    build_vlan_udp4(&b);
    check_with_ovs(&b);
    ofpbuf_clear(&b);
    build_udp6(&b);
    check_with_ovs(&b);
    ofpbuf_clear(&b);
    pkt_build_nd_ns(&b, mac_a, ip6_a, ip6_b);
    check_with_ovs(&b);
    ofpbuf_clear(&b);
    pkt_build_nd_na(&b, mac_b, mac_a, ip6_b, ip6_a, ip6_b, 0);
    check_with_ovs(&b);
    ofpbuf_clear(&b);

    pkt_put_eth(&b, mac_b, mac_a, PKT_ETH_TYPE_IPV6);
    size_t l3 = pkt_put_ipv6(&b, ip6_a, ip6_b, PKT_IPPROTO_HOPOPTS, 0x03, 7,
                             9);
    pkt_put_ipv6_ext(&b, PKT_IPPROTO_ROUTING, pad, 6);
    pkt_put_ipv6_ext(&b, PKT_IPPROTO_FRAGMENT, pad, 22);
    pkt_put_ipv6_ext(&b, PKT_IPPROTO_TCP, frag, 6);
    pkt_put_tcp(&b, l3, 40000, 443, 1, 2, PKT_TCP_ACK, 10, "x", 1);
    check_with_ovs(&b);
    ofpbuf_uninit(&b);
}

/* pkt_flow_extract() output passes ofp-match's own checks: prerequisites
 * hold and every field is exact. */
static void
test_extract_prereqs(void)
{
    enum { N = 6 };
    struct ofpbuf f[N];
    for (int i = 0; i < N; i++) {
        ofpbuf_init(&f[i]);
    }
    pkt_build_arp_request(&f[0], mac_a, IP_A, IP_B);
    build_tcp_syn(&f[1]);
    build_icmp_echo(&f[2]);
    build_vlan_udp4(&f[3]);
    pkt_build_nd_ns(&f[4], mac_a, ip6_a, ip6_b);
    pkt_build_nd_na(&f[5], mac_b, mac_a, ip6_b, ip6_a, ip6_b, 0);
    for (int i = 0; i < N; i++) {
        struct pkt_info info;
        struct ofp_match m;
        parse_ok(&f[i], &info);
        pkt_flow_extract(&info, 1, &m);
        CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
        for (int fld = 0; fld < OFPF_N_FIELDS; fld++) {
            if (ofp_match_has(&m, fld)) {
                CU_ASSERT_TRUE(ofp_match_is_exact(&m, fld));
            }
        }
        CU_ASSERT_TRUE(ofp_match_matches(&m, &m));
        ofpbuf_uninit(&f[i]);
    }
}


static void
build_sctp(struct ofpbuf *b)
{
    pkt_put_eth(b, mac_b, mac_a, PKT_ETH_TYPE_IPV4);
    size_t l3 = pkt_put_ipv4(b, IP_A, IP_B, PKT_IPPROTO_SCTP, 0, 64);
    uint8_t *sctp = ofpbuf_put_zeros(b, 12);
    sctp[0] = 0x0b;                 /* 2905 -> 3868. */
    sctp[1] = 0x59;
    sctp[2] = 0x0f;
    sctp[3] = 0x1c;
    pkt_finish_l3(b, l3);
}

static void
test_sctp_icmpv6_echo(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_info info;
    struct ofp_match m;

    build_sctp(&b);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV4 | PKT_F_SCTP);
    CU_ASSERT_EQUAL(info.l4_src, 2905);
    CU_ASSERT_EQUAL(info.l4_dst, 3868);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    pkt_flow_extract(&info, 1, &m);
    CU_ASSERT_EQUAL(m.v.sctp_src, 2905);
    CU_ASSERT_EQUAL(m.v.sctp_dst, 3868);
    CU_ASSERT_EQUAL(m.v.ip_proto, 132);
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_TCP_SRC));
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
    assert_format(&info, "eth 00:11:22:33:44:55->66:77:88:99:aa:bb "
                  "ipv4 10.0.0.1->10.0.0.2 sctp 2905->3868");
    check_with_ovs(&b);
    /* SCTP header cut short. */
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size - 1, &info), PKT_E_BAD_LEN);
    b.data[17] = 20 + 11;           /* IP length agrees with the cut. */
    CU_ASSERT_EQUAL(pkt_parse(b.data, b.size - 1, &info), PKT_E_TRUNCATED);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV4);

    /* ICMPv6 echo: ICMPv6 fields, no ND fields. */
    static const uint8_t echo[6] = { 0, 1, 0, 2, 'h', 'i' };
    ofpbuf_clear(&b);
    pkt_put_eth(&b, mac_b, mac_a, PKT_ETH_TYPE_IPV6);
    size_t l3 = pkt_put_ipv6(&b, ip6_a, ip6_b, PKT_IPPROTO_ICMPV6, 0, 0, 64);
    pkt_put_icmpv6(&b, l3, PKT_ICMPV6_ECHO_REQUEST, 0, echo, sizeof echo);
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV6 | PKT_F_ICMPV6);
    CU_ASSERT_EQUAL(info.icmp_type, 128);
    CU_ASSERT_EQUAL(info.payload_len, 6);
    CU_ASSERT_EQUAL(pkt_check_csums(&info), 0);
    pkt_flow_extract(&info, 1, &m);
    CU_ASSERT_EQUAL(m.v.icmpv6_type, 128);
    CU_ASSERT_FALSE(ofp_match_has(&m, OFPF_IPV6_ND_TARGET));
    CU_ASSERT_EQUAL(ofp_match_check_prereqs(&m), 0);
    check_with_ovs(&b);
    /* ICMP (v4 protocol number) inside IPv6 is not decoded as ICMP. */
    b.data[14 + 6] = PKT_IPPROTO_ICMP;
    parse_ok(&b, &info);
    CU_ASSERT_EQUAL(info.flags, PKT_F_ETH | PKT_F_IPV6);
    CU_ASSERT_EQUAL(info.ip_proto, 1);
    ofpbuf_uninit(&b);
}

static const CU_TestInfo packet_tests[] = {
    { "checksums", test_csum },
    { "golden ARP", test_golden_arp },
    { "golden TCP SYN and ICMP echo", test_golden_tcp_icmp },
    { "golden ND and LLDP", test_golden_nd_lldp },
    { "tshark decodes builder output", test_tshark },
    { "ARP round trip", test_arp_roundtrip },
    { "TCP round trip", test_tcp_roundtrip },
    { "ICMP round trip", test_icmp_roundtrip },
    { "QinQ + UDP", test_vlan_udp4 },
    { "UDP over IPv6", test_udp6_roundtrip },
    { "neighbor discovery", test_nd_roundtrip },
    { "IPv4 options and lengths", test_ipv4_options_and_lengths },
    { "IPv4 fragments", test_ipv4_fragments },
    { "IPv6 extension headers", test_ipv6_ext },
    { "LLDP round trip", test_lldp_roundtrip },
    { "LLDP malformed", test_lldp_bad },
    { "truncate and mutate every byte", test_truncate_every_byte },
    { "802.3, unknown types", test_misc },
    { "Open vSwitch extracts the same flow", test_ovs_agrees },
    { "extracted matches pass ofp-match checks", test_extract_prereqs },
    { "SCTP and ICMPv6 echo", test_sctp_icmpv6_echo },
    CU_TEST_INFO_NULL,
};

void
test_packet_register(void)
{
    unit_add_suite("packet", packet_tests);
}
