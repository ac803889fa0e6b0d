/* Unit tests for topology/lldp: probes round-trip, every result of
 * lldp_probe_check() (someone else's LLDP, forged, stale, malformed), and
 * tshark as an independent decoder of the probes. */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/packet.h"
#include "tests/unit/unit.h"
#include "topology/lldp.h"

static const uint8_t key_a[LLDP_KEY_LEN] = {
    0x60, 0x1d, 0x8a, 0x55, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14,
    0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c,
};
static const uint8_t src_mac[6] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };

#define NOW 5000000u
#define MAX_AGE 3000u

/* Byte offsets in a probe: Ethernet, chassis TLV, port TLV, TTL TLV, org
 * TLV, End TLV. */
struct probe_layout {
    size_t chassis, port, ttl, org, end;
};

static struct probe_layout
layout_of(const uint8_t *f, size_t len)
{
    struct probe_layout l;
    l.chassis = PKT_ETH_HLEN;
    l.port = l.chassis + 2 + (((f[l.chassis] & 1) << 8) | f[l.chassis + 1]);
    l.ttl = l.port + 2 + (((f[l.port] & 1) << 8) | f[l.port + 1]);
    l.org = l.ttl + 4;
    l.end = len - 2;
    return l;
}

static enum lldp_result
check(const uint8_t *f, size_t len, uint64_t *dpid, uint32_t *port)
{
    return lldp_probe_check(f, len, key_a, NOW, MAX_AGE, dpid, port);
}

static void
test_roundtrip(void)
{
    static const struct {
        uint64_t dpid;
        uint32_t port;
    } cases[] = {
        { 1, 1 }, { 0, 0 }, { 0x0000aabbccddeeffull, 48 },
        { UINT64_MAX, UINT32_MAX }, { 0x8000000000000001ull, 0xfffffeffu },
        { 42, 1000000000 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t f[LLDP_PROBE_MAX];
        size_t len = lldp_probe_build(f, key_a, cases[i].dpid, cases[i].port,
                                      NOW - 10, src_mac);
        CU_ASSERT_FATAL(len >= PKT_ETH_MIN_LEN && len <= LLDP_PROBE_MAX);
        uint64_t dpid = 7;
        uint32_t port = 7;
        CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_OURS);
        CU_ASSERT_EQUAL(dpid, cases[i].dpid);
        CU_ASSERT_EQUAL(port, cases[i].port);

        /* What the header promises about the frame. */
        struct pkt_lldp l;
        CU_ASSERT_EQUAL_FATAL(pkt_parse_lldp(f, len, &l), 0);
        CU_ASSERT_EQUAL(memcmp(f, pkt_lldp_dst, 6), 0);
        CU_ASSERT_EQUAL(memcmp(f + 6, src_mac, 6), 0);
        CU_ASSERT_EQUAL(f[12], 0x88);
        CU_ASSERT_EQUAL(f[13], 0xcc);
        char want[64];
        snprintf(want, sizeof want, "dpid:%016llx",
                 (unsigned long long) cases[i].dpid);
        CU_ASSERT_EQUAL(l.chassis_subtype, PKT_LLDP_CHASSIS_LOCAL);
        CU_ASSERT_EQUAL(l.chassis_id_len, strlen(want));
        CU_ASSERT_EQUAL(memcmp(l.chassis_id, want, strlen(want)), 0);
        snprintf(want, sizeof want, "%lu", (unsigned long) cases[i].port);
        CU_ASSERT_EQUAL(l.port_subtype, PKT_LLDP_PORT_LOCAL);
        CU_ASSERT_EQUAL(l.port_id_len, strlen(want));
        CU_ASSERT_EQUAL(memcmp(l.port_id, want, strlen(want)), 0);
        CU_ASSERT(l.ttl > 0);
        CU_ASSERT_EQUAL(l.n_org, 1);
        CU_ASSERT_EQUAL(l.org[0].oui[0] & 0x02, 0x02); /* Locally admin. */
        CU_ASSERT_EQUAL(l.org[0].len, 8 + 16);
        CU_ASSERT(l.has_end);
    }

    /* Same inputs, same bytes; another time, another MAC. */
    uint8_t a[LLDP_PROBE_MAX], b[LLDP_PROBE_MAX];
    size_t la = lldp_probe_build(a, key_a, 5, 6, NOW, src_mac);
    size_t lb = lldp_probe_build(b, key_a, 5, 6, NOW, src_mac);
    CU_ASSERT(la == lb && !memcmp(a, b, la));
    lb = lldp_probe_build(b, key_a, 5, 6, NOW - 1, src_mac);
    CU_ASSERT(la == lb && memcmp(a, b, la));

    /* Padding after the End TLV, and an 802.1Q tag, change nothing. */
    uint8_t padded[LLDP_PROBE_MAX + 40] = { 0 };
    memcpy(padded, a, la);
    uint64_t dpid;
    uint32_t port;
    CU_ASSERT_EQUAL(check(padded, la + 40, &dpid, &port), LLDP_OURS);
    uint8_t tagged[LLDP_PROBE_MAX + 4];
    memcpy(tagged, a, 12);
    memcpy(tagged + 12, "\x81\x00\x00\x0a", 4);
    memcpy(tagged + 16, a + 12, la - 12);
    CU_ASSERT_EQUAL(check(tagged, la + 4, &dpid, &port), LLDP_OURS);
    CU_ASSERT(dpid == 5 && port == 6);
}

/* An LLDPDU as a switch's own LLDP agent sends it: MAC chassis id,
 * interface-name port id, port description, system name, capabilities,
 * 802.1 port VLAN id and 802.3 MAC/PHY TLVs. */
static const char switch_lldp_hex[] =
    "0180c200000e 001b54aabb01 88cc"
    "0207 04 001b54aabb00"
    "0406 05 4769302f31"                        /* "Gi0/1" */
    "0602 0078"
    "0812 4769676162697445746865726e6574302f31" /* "GigabitEthernet0/1" */
    "0a03 737731"                               /* "sw1" */
    "0e04 0014 0004"
    "fe06 0080c2 01 0001"
    "fe09 00120f 01 036c000010"
    "0000";

/* Another controller's probe: our chassis id format, port component port
 * id, no authentication TLV. */
static const char controller_lldp_hex[] =
    "0180c200000e 020000000001 88cc"
    "0216 07 647069643a30303030303030303030303030303031"
    "0403 02 0003"
    "0602 0078"
    "0000";

static void
test_not_ours(void)
{
    uint64_t dpid = 99;
    uint32_t port = 99;
    size_t len;
    uint8_t *f = unit_hex(switch_lldp_hex, &len);
    CU_ASSERT_FATAL(f != NULL);
    struct pkt_lldp l;
    CU_ASSERT_EQUAL(pkt_parse_lldp(f, len, &l), 0);
    CU_ASSERT_EQUAL(l.n_org, 2);
    CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_NOT_OURS);
    CU_ASSERT(dpid == 99 && port == 99);
    free(f);

    f = unit_hex(controller_lldp_hex, &len);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(pkt_parse_lldp(f, len, &l), 0);
    CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_NOT_OURS);
    free(f);

    /* Our OUI with another subtype is not a probe either. */
    uint8_t p[LLDP_PROBE_MAX];
    len = lldp_probe_build(p, key_a, 1, 2, NOW, src_mac);
    struct probe_layout pl = layout_of(p, len);
    p[pl.org + 5]++;
    CU_ASSERT_EQUAL(check(p, len, &dpid, &port), LLDP_NOT_OURS);
}

/* Rebuilds probe 'f' with its own org TLV (auth) but other ids. */
static size_t
transplant(const uint8_t *f, size_t len, const char *chassis,
           const char *port_id, uint8_t *out)
{
    struct pkt_lldp l;
    CU_ASSERT_EQUAL_FATAL(pkt_parse_lldp(f, len, &l), 0);
    if (chassis) {
        l.chassis_id = (const uint8_t *) chassis;
        l.chassis_id_len = strlen(chassis);
    }
    if (port_id) {
        l.port_id = (const uint8_t *) port_id;
        l.port_id_len = strlen(port_id);
    }
    struct ofpbuf b;
    ofpbuf_init(&b);
    CU_ASSERT_EQUAL(pkt_build_lldp(&b, src_mac, &l), 0);
    size_t n = b.size;
    memcpy(out, b.data, n);
    ofpbuf_uninit(&b);
    return n;
}

static void
test_forged(void)
{
    uint8_t f[LLDP_PROBE_MAX], g[LLDP_PROBE_MAX + 64];
    size_t len = lldp_probe_build(f, key_a, 0x1234, 7, NOW - 5, src_mac);
    struct probe_layout pl = layout_of(f, len);
    uint64_t dpid;
    uint32_t port;

    /* Every bit of the chassis id, port id and org TLVs is covered: no
     * single-bit change gives a valid probe.  Changes to the value after
     * the OUI and subtype (send time, MAC) and to the ids are forgeries. */
    for (size_t i = pl.chassis; i < pl.ttl || (i >= pl.org && i < pl.end);
         i = i + 1 == pl.ttl ? pl.org : i + 1) {
        for (int bit = 0; bit < 8; bit++) {
            memcpy(g, f, len);
            g[i] ^= (uint8_t) (1 << bit);
            enum lldp_result r = check(g, len, &dpid, &port);
            CU_ASSERT_NOT_EQUAL(r, LLDP_OURS);
            bool tlv_header = i == pl.chassis || i == pl.chassis + 1
                              || i == pl.port || i == pl.port + 1
                              || i == pl.org || i == pl.org + 1;
            bool oui = i >= pl.org + 2 && i < pl.org + 6;
            if (!tlv_header && !oui && r != LLDP_FORGED) {
                fprintf(stderr, "byte %zu bit %d: %s\n", i, bit,
                        lldp_result_name(r));
                CU_FAIL("a changed byte is not reported as forged");
            }
            if (oui) {
                CU_ASSERT_EQUAL(r, LLDP_NOT_OURS);
            }
        }
    }
    /* Neither are a byte changed to any value in the MAC. */
    for (unsigned int v = 0; v < 256; v++) {
        memcpy(g, f, len);
        if (g[pl.end - 1] == v) {
            continue;
        }
        g[pl.end - 1] = (uint8_t) v;
        CU_ASSERT_EQUAL(check(g, len, &dpid, &port), LLDP_FORGED);
    }

    /* Another key. */
    uint8_t key_b[LLDP_KEY_LEN];
    memcpy(key_b, key_a, sizeof key_b);
    key_b[31] ^= 1;
    CU_ASSERT_EQUAL(lldp_probe_check(f, len, key_b, NOW, MAX_AGE, &dpid,
                                     &port), LLDP_FORGED);
    size_t glen = lldp_probe_build(g, key_b, 0x1234, 7, NOW - 5, src_mac);
    CU_ASSERT_EQUAL(check(g, glen, &dpid, &port), LLDP_FORGED);

    /* The authentication TLV moved to a probe for another port or switch,
     * or with the ids spelled differently. */
    glen = transplant(f, len, NULL, "8", g);
    CU_ASSERT_EQUAL(check(g, glen, &dpid, &port), LLDP_FORGED);
    glen = transplant(f, len, NULL, "07", g);
    CU_ASSERT_EQUAL(check(g, glen, &dpid, &port), LLDP_FORGED);
    glen = transplant(f, len, NULL, "7", g);
    CU_ASSERT_EQUAL(check(g, glen, &dpid, &port), LLDP_OURS);
    glen = transplant(f, len, "dpid:0000000000001235", NULL, g);
    CU_ASSERT_EQUAL(check(g, glen, &dpid, &port), LLDP_FORGED);
    glen = transplant(f, len, "dpid:000000000000123A", NULL, g);
    CU_ASSERT_EQUAL(check(g, glen, &dpid, &port), LLDP_FORGED);
    glen = transplant(f, len, "dpid:1234", NULL, g);
    CU_ASSERT_EQUAL(check(g, glen, &dpid, &port), LLDP_FORGED);

    /* Two authentication TLVs (a valid one duplicated). */
    memcpy(g, f, pl.end);
    memcpy(g + pl.end, f + pl.org, pl.end - pl.org);
    memcpy(g + pl.end + (pl.end - pl.org), "\0\0", 2);
    glen = len + (pl.end - pl.org);
    CU_ASSERT_EQUAL(check(g, glen, &dpid, &port), LLDP_FORGED);

    /* The authentication TLV one byte short or long. */
    memcpy(g, f, len);
    g[pl.org + 1]--;
    g[pl.end - 1] = 0;   /* The now-extra byte parses as half an End. */
    memmove(g + pl.end - 1, g + pl.end, 2);
    CU_ASSERT_EQUAL(check(g, len - 1, &dpid, &port), LLDP_FORGED);
}

static void
test_stale(void)
{
    uint8_t f[LLDP_PROBE_MAX];
    uint64_t dpid = 0;
    uint32_t port = 0;
    size_t len = lldp_probe_build(f, key_a, 9, 1, NOW - MAX_AGE, src_mac);
    CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_OURS);
    len = lldp_probe_build(f, key_a, 9, 1, NOW - MAX_AGE - 1, src_mac);
    dpid = 0;
    CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_STALE);
    CU_ASSERT_EQUAL(dpid, 0);
    len = lldp_probe_build(f, key_a, 9, 1, 0, src_mac);
    CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_STALE);
    len = lldp_probe_build(f, key_a, 9, 1, NOW, src_mac);
    CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_OURS);
    /* From the future. */
    len = lldp_probe_build(f, key_a, 9, 1, NOW + 1, src_mac);
    CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_STALE);
    len = lldp_probe_build(f, key_a, 9, 1, UINT64_MAX, src_mac);
    CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_STALE);
    /* A forged probe is forged whatever its age. */
    len = lldp_probe_build(f, key_a, 9, 1, NOW - MAX_AGE - 1, src_mac);
    f[len - 3] ^= 1;
    CU_ASSERT_EQUAL(check(f, len, &dpid, &port), LLDP_FORGED);
}

static void
test_malformed(void)
{
    uint8_t f[LLDP_PROBE_MAX];
    uint64_t dpid;
    uint32_t port;
    size_t len = lldp_probe_build(f, key_a, 77, 12, NOW, src_mac);
    struct probe_layout pl = layout_of(f, len);

    /* Cut at every length.  Only TLV boundaries leave a valid LLDPDU:
     * without the authentication TLV it is someone else's, and without
     * the End TLV (optional at the very end) it is still the probe. */
    for (size_t n = 0; n < len; n++) {
        uint8_t *copy = xmalloc(n ? n : 1);   /* ASan sees overreads. */
        memcpy(copy, f, n);
        enum lldp_result want = (n == pl.org ? LLDP_NOT_OURS
                                 : n == pl.end ? LLDP_OURS
                                 : LLDP_MALFORMED);
        enum lldp_result r = lldp_probe_check(copy, n, key_a, NOW, MAX_AGE,
                                              &dpid, &port);
        if (r != want) {
            fprintf(stderr, "cut at %zu: %s\n", n, lldp_result_name(r));
        }
        CU_ASSERT_EQUAL(r, want);
        free(copy);
    }
    CU_ASSERT_EQUAL(lldp_probe_check(NULL, 0, key_a, NOW, MAX_AGE, &dpid,
                                     &port), LLDP_MALFORMED);

    /* Another Ethertype. */
    uint8_t g[LLDP_PROBE_MAX];
    memcpy(g, f, len);
    g[12] = 0x08;
    g[13] = 0x00;
    CU_ASSERT_EQUAL(check(g, len, &dpid, &port), LLDP_MALFORMED);
    memcpy(g, f, len);
    g[13] = 0xcd;
    CU_ASSERT_EQUAL(check(g, len, &dpid, &port), LLDP_MALFORMED);
    /* TLVs out of order: TTL first. */
    memcpy(g, f, len);
    g[pl.chassis] = (uint8_t) (PKT_LLDP_TLV_TTL << 1);
    CU_ASSERT_EQUAL(check(g, len, &dpid, &port), LLDP_MALFORMED);
    /* A TLV longer than the frame. */
    memcpy(g, f, len);
    g[pl.org] |= 1;
    CU_ASSERT_EQUAL(check(g, len, &dpid, &port), LLDP_MALFORMED);
}

static void
test_names(void)
{
    CU_ASSERT_STRING_EQUAL(lldp_result_name(LLDP_OURS), "ours");
    CU_ASSERT_STRING_EQUAL(lldp_result_name(LLDP_NOT_OURS), "not ours");
    CU_ASSERT_STRING_EQUAL(lldp_result_name(LLDP_FORGED), "forged");
    CU_ASSERT_STRING_EQUAL(lldp_result_name(LLDP_STALE), "stale");
    CU_ASSERT_STRING_EQUAL(lldp_result_name(LLDP_MALFORMED), "malformed");
    CU_ASSERT_STRING_EQUAL(lldp_result_name((enum lldp_result) 99),
                           "unknown");
}

/* ---- tshark as an independent decoder. ---------------------------------- */

/* Writes 'n' frames to a pcap file at 'path'; false on failure. */
static bool
write_pcap(const char *path, uint8_t frames[][LLDP_PROBE_MAX],
           const size_t *lens, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        return false;
    }
    /* Global header: magic, v2.4, zone 0, sigfigs 0, snaplen, Ethernet. */
    static const uint8_t gh[24] = {
        0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0xff, 0xff, 0, 0, 1, 0, 0, 0
    };
    fwrite(gh, 1, sizeof gh, f);
    for (size_t i = 0; i < n; i++) {
        uint32_t rec[4] = { (uint32_t) i, 0, (uint32_t) lens[i],
                            (uint32_t) lens[i] };
        uint8_t le[16];
        for (int j = 0; j < 16; j++) {
            le[j] = (uint8_t) (rec[j / 4] >> (8 * (j % 4)));
        }
        fwrite(le, 1, sizeof le, f);
        fwrite(frames[i], 1, lens[i], f);
    }
    return fclose(f) == 0;
}

static void
test_tshark(void)
{
    if (system("command -v tshark >/dev/null 2>&1") != 0) {
        fprintf(stderr, "\n  tshark not installed: independent LLDP "
                "decoding skipped\n");
        CU_PASS("tshark not installed: skipped");
        return;
    }
    uint8_t frames[2][LLDP_PROBE_MAX];
    size_t lens[2];
    lens[0] = lldp_probe_build(frames[0], key_a, 0x00000000cafe0001ull, 3,
                               NOW, src_mac);
    lens[1] = lldp_probe_build(frames[1], key_a, UINT64_MAX, UINT32_MAX,
                               NOW, src_mac);

    char path[] = "/tmp/canopy-lldp-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    CU_ASSERT_FATAL(write_pcap(path, frames, lens, 2));

    struct ds cmd = DS_EMPTY_INITIALIZER;
    ds_put_format(&cmd, "tshark -n -r %s -T fields -E separator=, "
                  "-e eth.dst -e eth.type -e lldp.chassis.subtype "
                  "-e lldp.chassis.id -e lldp.port.subtype -e lldp.port.id "
                  "-e lldp.time_to_live -e lldp.orgtlv.oui 2>&1", path);
    FILE *p = popen(ds_cstr(&cmd), "r");
    ds_destroy(&cmd);
    CU_ASSERT_FATAL(p != NULL);
    struct ds out = DS_EMPTY_INITIALIZER;
    char buf[1024];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf - 1, p)) > 0) {
        buf[k] = '\0';
        ds_put_cstr(&out, buf);
    }
    CU_ASSERT_EQUAL(pclose(p), 0);
    unlink(path);

    /* The chassis id is printed in hex ("dpid:00000000cafe0001"), the
     * OUI in decimal (0x02434e). */
    UNIT_ASSERT_CONTAINS(ds_cstr(&out),
                         "01:80:c2:00:00:0e,0x88cc,7,"
                         "647069643a3030303030303030636166653030303"
                         "1,7,3,120,148302\n");
    UNIT_ASSERT_CONTAINS(ds_cstr(&out),
                         "01:80:c2:00:00:0e,0x88cc,7,"
                         "647069643a6666666666666666666666666666666"
                         "6,7,4294967295,120,148302\n");
    ds_destroy(&out);
}

static const CU_TestInfo lldp_tests[] = {
    { "build and check round trip", test_roundtrip },
    { "someone else's LLDP", test_not_ours },
    { "forged probes", test_forged },
    { "stale and future probes", test_stale },
    { "malformed frames, cut at every length", test_malformed },
    { "result names", test_names },
    { "tshark decodes probes", test_tshark },
    CU_TEST_INFO_NULL,
};

void
test_lldp_register(void)
{
    unit_add_suite("lldp", lldp_tests);
}
