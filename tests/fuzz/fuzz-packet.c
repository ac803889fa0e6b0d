/* libFuzzer target for ofproto/packet: parses a frame, extracts its flow,
 * prints both, parses it as LLDP, and checks invariants that hold for any
 * input, aborting on a violation.  An LLDPDU that parses is rebuilt and
 * parsed again, which must give the same result.  Seed corpus:
 * tests/fuzz/corpus-packet/. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-match.h"
#include "ofproto/packet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(COND)        \
    do {                   \
        if (!(COND)) {     \
            abort();       \
        }                  \
    } while (0)

/* True if [p, p + n) lies inside [base, base + size). */
static int
within(const uint8_t *base, size_t size, const uint8_t *p, size_t n)
{
    uintptr_t b = (uintptr_t) base, q = (uintptr_t) p;
    return q >= b && n <= size && q - b <= size - n;
}

static void
check_info(const uint8_t *data, size_t size, int error,
           const struct pkt_info *info)
{
    CHECK(info->frame == data && info->len == size);
    CHECK(info->n_vlans <= PKT_MAX_VLANS);
    CHECK(info->n_ipv6_ext <= PKT_MAX_IPV6_EXT);
    if (size < PKT_ETH_HLEN) {
        CHECK(error == PKT_E_TRUNCATED && info->flags == 0);
    }
    if (info->payload) {
        CHECK(within(data, size, info->payload, info->payload_len));
    } else {
        CHECK(info->payload_len == 0);
    }
    if (info->l3_ofs != PKT_OFS_NONE) {
        CHECK(info->l3_ofs >= PKT_ETH_HLEN && info->l3_ofs <= size);
        CHECK(info->l3_ofs == PKT_ETH_HLEN + 4 * info->n_vlans);
    }
    if (info->l4_ofs != PKT_OFS_NONE) {
        CHECK(info->l3_ofs != PKT_OFS_NONE && info->l3_ofs < info->l4_ofs);
        CHECK(info->l4_ofs <= size && info->l4_len <= size - info->l4_ofs);
        CHECK(info->flags & (PKT_F_IPV4 | PKT_F_IPV6));
    }
    /* At most one L3 and one L4 layer. */
    uint32_t l3 = info->flags & (PKT_F_ARP | PKT_F_IPV4 | PKT_F_IPV6
                                 | PKT_F_LLDP | PKT_F_802_3);
    uint32_t l4 = info->flags & (PKT_F_TCP | PKT_F_UDP | PKT_F_SCTP
                                 | PKT_F_ICMP | PKT_F_ICMPV6);
    CHECK((l3 & (l3 - 1)) == 0);
    CHECK((l4 & (l4 - 1)) == 0);
    if (l4) {
        CHECK(!(info->flags & PKT_F_LATER_FRAG));
        CHECK(info->flags & (PKT_F_IPV4 | PKT_F_IPV6));
    }
    if (info->flags & PKT_F_ND) {
        CHECK(info->flags & PKT_F_ICMPV6);
    }
    if (info->flags & PKT_F_ND_SLL) {
        CHECK(info->flags & PKT_F_ND
              && info->icmp_type == PKT_ICMPV6_ND_NS);
    }
    if (info->flags & PKT_F_ND_TLL) {
        CHECK(info->flags & PKT_F_ND
              && info->icmp_type == PKT_ICMPV6_ND_NA);
    }
    if (!error && info->flags & PKT_F_IPV4 && !(info->flags & PKT_F_FRAG)) {
        CHECK(info->ip_proto != PKT_IPPROTO_TCP || info->flags & PKT_F_TCP);
    }
}

static void
check_match(const struct pkt_info *info, const struct ofp_match *m)
{
    CHECK(ofp_match_has(m, OFPF_IN_PORT) && m->v.in_port == 42);
    if (!(info->flags & PKT_F_ETH)) {
        CHECK(m->fields == (UINT64_C(1) << OFPF_IN_PORT));
        return;
    }
    /* OpenFlow 1.3 prerequisites. */
    CHECK(ofp_match_has(m, OFPF_VLAN_VID));
    if (ofp_match_has(m, OFPF_VLAN_PCP)) {
        CHECK(m->v.vlan_vid & 0x1000);
    }
    if (ofp_match_has(m, OFPF_IPV4_SRC) || ofp_match_has(m, OFPF_IP_PROTO)
        || ofp_match_has(m, OFPF_IPV6_SRC)) {
        CHECK(m->v.eth_type == 0x0800 || m->v.eth_type == 0x86dd);
    }
    if (ofp_match_has(m, OFPF_ARP_OP)) {
        CHECK(m->v.eth_type == 0x0806);
    }
    if (ofp_match_has(m, OFPF_TCP_SRC)) {
        CHECK(m->v.ip_proto == 6);
    }
    if (ofp_match_has(m, OFPF_UDP_SRC)) {
        CHECK(m->v.ip_proto == 17);
    }
    if (ofp_match_has(m, OFPF_SCTP_SRC)) {
        CHECK(m->v.ip_proto == 132);
    }
    if (ofp_match_has(m, OFPF_ICMPV4_TYPE)) {
        CHECK(m->v.ip_proto == 1 && m->v.eth_type == 0x0800);
    }
    if (ofp_match_has(m, OFPF_ICMPV6_TYPE)) {
        CHECK(m->v.ip_proto == 58 && m->v.eth_type == 0x86dd);
    }
    if (ofp_match_has(m, OFPF_IPV6_ND_TARGET)) {
        CHECK(m->v.icmpv6_type == 135 || m->v.icmpv6_type == 136);
    }
    /* Values never exceed their field width. */
    CHECK((m->v.vlan_vid & ~0x1fff) == 0 && m->v.vlan_pcp <= 7);
    CHECK(m->v.ip_dscp <= 0x3f && m->v.ip_ecn <= 3);
    CHECK((m->v.ipv6_flabel & ~0xfffffu) == 0);
}

static void
check_lldp(const uint8_t *data, size_t size, int error,
           const struct pkt_lldp *l)
{
    if (error) {
        return;
    }
    CHECK(l->chassis_id_len >= 1 && l->chassis_id_len <= 255);
    CHECK(l->port_id_len >= 1 && l->port_id_len <= 255);
    CHECK(within(data, size, l->chassis_id, l->chassis_id_len));
    CHECK(within(data, size, l->port_id, l->port_id_len));
    CHECK(l->n_org <= PKT_LLDP_MAX_ORG && l->n_org <= l->n_org_seen);
    for (size_t i = 0; i < l->n_org; i++) {
        CHECK(l->org[i].len <= PKT_LLDP_MAX_ORG_LEN);
        if (l->org[i].len) {
            CHECK(within(data, size, l->org[i].data, l->org[i].len));
        }
    }

    /* Rebuild and re-parse: the decoded content must survive. */
    static const uint8_t src[6] = { 0x02, 0, 0, 0, 0, 1 };
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct pkt_lldp again;
    CHECK(pkt_build_lldp(&b, src, l) == 0);
    CHECK(pkt_parse_lldp(b.data, b.size, &again) == 0);
    CHECK(again.chassis_subtype == l->chassis_subtype
          && again.chassis_id_len == l->chassis_id_len
          && !memcmp(again.chassis_id, l->chassis_id, l->chassis_id_len));
    CHECK(again.port_subtype == l->port_subtype
          && again.port_id_len == l->port_id_len
          && !memcmp(again.port_id, l->port_id, l->port_id_len));
    CHECK(again.ttl == l->ttl && again.n_org == l->n_org && again.has_end);
    for (size_t i = 0; i < l->n_org; i++) {
        CHECK(again.org[i].len == l->org[i].len
              && again.org[i].subtype == l->org[i].subtype
              && !memcmp(again.org[i].oui, l->org[i].oui, 3));
        CHECK(!l->org[i].len
              || !memcmp(again.org[i].data, l->org[i].data, l->org[i].len));
    }
    ofpbuf_uninit(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pkt_info info;
    struct ofp_match match;
    struct pkt_lldp lldp;
    struct ds s = DS_EMPTY_INITIALIZER;

    int error = pkt_parse(data, size, &info);
    CHECK(error >= 0 && error <= PKT_E_INVAL);
    CHECK(pkt_strerror(error) != NULL);
    check_info(data, size, error, &info);

    pkt_flow_extract(&info, 42, &match);
    check_match(&info, &match);
    /* The match model's own checks agree: a packet's exact match satisfies
     * the 1.3 prerequisites and matches itself. */
    CHECK(ofp_match_check_prereqs(&match) == 0);
    CHECK(ofp_match_matches(&match, &match));

    pkt_format(&info, &s);
    CHECK(s.length > 0 && strlen(ds_cstr(&s)) == s.length);
    ds_clear(&s);
    ofp_match_format(&match, &s);
    ds_destroy(&s);

    int csum = pkt_check_csums(&info);
    CHECK(csum == 0 || csum == PKT_E_BAD_CSUM);

    error = pkt_parse_lldp(data, size, &lldp);
    CHECK(error >= 0 && error <= PKT_E_INVAL);
    check_lldp(data, size, error, &lldp);
    if (!error) {
        CHECK(info.flags & PKT_F_LLDP);
    }
    return 0;
}
