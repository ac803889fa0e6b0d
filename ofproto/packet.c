/* Packet formats: see packet.h.
 *
 * Decoding walks a struct ofp_cursor over the caller's frame: every header
 * is a wire struct pulled from the cursor, so a short frame makes a getter
 * fail instead of reading past the end.  Where a header carries a length
 * (IPv4 total length, IPv6 payload length, UDP length, LLDP TLVs) the
 * cursor is narrowed with ofp_cursor_sub() to exactly that many bytes, so
 * the inner layers cannot see Ethernet padding or the next TLV.  Offsets
 * reported to the caller are computed as "end offset of the cursor minus
 * bytes remaining", never by subtracting pointers. */
#include <config.h>

#include "ofproto/packet.h"

#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-match.h"
#include "ofproto/ofp-types.h"

/* ---- Wire formats. ------------------------------------------------------ */

struct pkt_eth_header {
    uint8_t dst[PKT_ETH_ALEN];
    uint8_t src[PKT_ETH_ALEN];
    ofp_be16 type;
};
_Static_assert(sizeof(struct pkt_eth_header) == 14, "eth");

/* What follows a TPID: the tag control and the next Ethertype. */
struct pkt_vlan_header {
    ofp_be16 tci;
    ofp_be16 type;
};
_Static_assert(sizeof(struct pkt_vlan_header) == 4, "vlan");

struct pkt_arp_header {
    ofp_be16 htype;
    ofp_be16 ptype;
    uint8_t hlen;
    uint8_t plen;
    ofp_be16 op;
    uint8_t sha[PKT_ETH_ALEN];
    ofp_be32 spa;
    uint8_t tha[PKT_ETH_ALEN];
    ofp_be32 tpa;
};
_Static_assert(sizeof(struct pkt_arp_header) == 28, "arp");

struct pkt_ipv4_header {
    uint8_t vihl;        /* Version (4 bits), header length in words. */
    uint8_t tos;
    ofp_be16 tot_len;
    ofp_be16 id;
    ofp_be16 frag;       /* Flags (3 bits), offset in 8-byte units. */
    uint8_t ttl;
    uint8_t proto;
    ofp_be16 csum;
    ofp_be32 src;
    ofp_be32 dst;
};
_Static_assert(sizeof(struct pkt_ipv4_header) == 20, "ipv4");
#define PKT_IPV4_MF 0x2000
#define PKT_IPV4_FRAG_MASK 0x1fff
#define PKT_IPV4_MAX_OPTS 40

struct pkt_ipv6_header {
    ofp_be32 vcf;        /* Version 4, traffic class 8, flow label 20. */
    ofp_be16 plen;
    uint8_t next;
    uint8_t hlim;
    uint8_t src[16];
    uint8_t dst[16];
};
_Static_assert(sizeof(struct pkt_ipv6_header) == 40, "ipv6");

/* Hop-by-hop, routing and destination options share this start; the whole
 * header is (len + 1) * 8 bytes. */
struct pkt_ipv6_ext_header {
    uint8_t next;
    uint8_t len;
};
_Static_assert(sizeof(struct pkt_ipv6_ext_header) == 2, "ipv6 ext");

struct pkt_ipv6_frag_header {
    uint8_t next;
    uint8_t reserved;
    ofp_be16 frag;       /* Offset (13 bits) << 3, 2 reserved, M flag. */
    ofp_be32 id;
};
_Static_assert(sizeof(struct pkt_ipv6_frag_header) == 8, "ipv6 frag");

struct pkt_tcp_header {
    ofp_be16 src;
    ofp_be16 dst;
    ofp_be32 seq;
    ofp_be32 ack;
    uint8_t doff;        /* Data offset in words, upper 4 bits. */
    uint8_t flags;
    ofp_be16 window;
    ofp_be16 csum;
    ofp_be16 urg;
};
_Static_assert(sizeof(struct pkt_tcp_header) == 20, "tcp");

struct pkt_udp_header {
    ofp_be16 src;
    ofp_be16 dst;
    ofp_be16 len;
    ofp_be16 csum;
};
_Static_assert(sizeof(struct pkt_udp_header) == 8, "udp");

struct pkt_sctp_header {
    ofp_be16 src;
    ofp_be16 dst;
    ofp_be32 vtag;
    ofp_be32 csum;
};
_Static_assert(sizeof(struct pkt_sctp_header) == 12, "sctp");

/* ICMP and ICMPv6 share the first four bytes. */
struct pkt_icmp_header {
    uint8_t type;
    uint8_t code;
    ofp_be16 csum;
};
_Static_assert(sizeof(struct pkt_icmp_header) == 4, "icmp");

struct pkt_icmp_echo {
    ofp_be16 id;
    ofp_be16 seq;
};
_Static_assert(sizeof(struct pkt_icmp_echo) == 4, "icmp echo");

/* Neighbor solicitation/advertisement body after the ICMPv6 header. */
struct pkt_nd_header {
    ofp_be32 flags;      /* NA: R/S/O in the top bits; NS: reserved. */
    uint8_t target[16];
};
_Static_assert(sizeof(struct pkt_nd_header) == 20, "nd");

struct pkt_nd_opt_header {
    uint8_t type;
    uint8_t len;         /* In units of 8 bytes, including this header. */
};
_Static_assert(sizeof(struct pkt_nd_opt_header) == 2, "nd opt");

/* A link-layer address option for Ethernet (len 1). */
struct pkt_nd_opt_lla {
    uint8_t type;
    uint8_t len;
    uint8_t mac[PKT_ETH_ALEN];
};
_Static_assert(sizeof(struct pkt_nd_opt_lla) == 8, "nd lla");

/* The ND message body the builders append after the ICMPv6 header. */
struct pkt_nd_msg {
    struct pkt_nd_header nd;
    struct pkt_nd_opt_lla opt;
};
_Static_assert(sizeof(struct pkt_nd_msg) == 28, "nd msg");

struct pkt_lldp_tlv {
    ofp_be16 type_len;   /* Type (7 bits), length (9 bits). */
};
_Static_assert(sizeof(struct pkt_lldp_tlv) == 2, "lldp tlv");

struct pkt_lldp_org_header {
    uint8_t oui[3];
    uint8_t subtype;
};
_Static_assert(sizeof(struct pkt_lldp_org_header) == 4, "lldp org");

const uint8_t pkt_eth_broadcast[PKT_ETH_ALEN] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};
const uint8_t pkt_lldp_dst[PKT_ETH_ALEN] = {
    0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e
};

const char *
pkt_strerror(int error)
{
    switch (error) {
    case PKT_OK: return "success";
    case PKT_E_TRUNCATED: return "truncated header";
    case PKT_E_BAD_LEN: return "bad length field";
    case PKT_E_BAD_VERSION: return "bad IP version";
    case PKT_E_TOO_MANY_VLANS: return "too many VLAN tags";
    case PKT_E_TOO_MANY_EXT: return "too many IPv6 extension headers";
    case PKT_E_BAD_ND: return "malformed neighbor discovery option";
    case PKT_E_NOT_LLDP: return "not an LLDP frame";
    case PKT_E_BAD_LLDP: return "malformed LLDPDU";
    case PKT_E_BAD_CSUM: return "bad checksum";
    case PKT_E_INVAL: return "invalid argument";
    default: return "unknown packet error";
    }
}

/* ---- Checksums. --------------------------------------------------------- */

uint32_t
pkt_csum_add(uint32_t sum, const void *data_, size_t len)
{
    const uint8_t *data = data_;
    uint64_t s = sum;
    size_t i;

    for (i = 0; i + 1 < len; i += 2) {
        s += (uint32_t) ((data[i] << 8) | data[i + 1]);
    }
    if (i < len) {
        s += (uint32_t) data[i] << 8;
    }
    /* Fold now so the running sum never overflows 32 bits. */
    while (s >> 32) {
        s = (s & 0xffffffffu) + (s >> 32);
    }
    return (uint32_t) s;
}

uint32_t
pkt_csum_add16(uint32_t sum, uint16_t v)
{
    uint64_t s = (uint64_t) sum + v;
    return (uint32_t) ((s & 0xffffffffu) + (s >> 32));
}

uint16_t
pkt_csum_finish(uint32_t sum)
{
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (uint16_t) ~sum;
}

uint16_t
pkt_csum(const void *data, size_t len)
{
    return pkt_csum_finish(pkt_csum_add(0, data, len));
}

uint32_t
pkt_csum_pseudo_ipv4(uint32_t src, uint32_t dst, uint8_t proto, uint32_t len)
{
    uint32_t sum = 0;
    sum = pkt_csum_add16(sum, (uint16_t) (src >> 16));
    sum = pkt_csum_add16(sum, (uint16_t) src);
    sum = pkt_csum_add16(sum, (uint16_t) (dst >> 16));
    sum = pkt_csum_add16(sum, (uint16_t) dst);
    sum = pkt_csum_add16(sum, proto);
    sum = pkt_csum_add16(sum, (uint16_t) len);
    return sum;
}

uint32_t
pkt_csum_pseudo_ipv6(const uint8_t src[16], const uint8_t dst[16],
                     uint8_t proto, uint32_t len)
{
    uint32_t sum = pkt_csum_add(0, src, 16);
    sum = pkt_csum_add(sum, dst, 16);
    sum = pkt_csum_add16(sum, (uint16_t) (len >> 16));
    sum = pkt_csum_add16(sum, (uint16_t) len);
    sum = pkt_csum_add16(sum, proto);
    return sum;
}

/* ---- Parsing. ----------------------------------------------------------- */

/* Offset in the frame of the next byte of 'c', whose last byte is at frame
 * offset 'end' - 1. */
static size_t
cur_ofs(const struct ofp_cursor *c, size_t end)
{
    return end - ofp_cursor_remaining(c);
}

/* Makes everything left in 'c' the payload. */
static void
set_payload(struct pkt_info *info, const struct ofp_cursor *c)
{
    info->payload_len = ofp_cursor_remaining(c);
    info->payload = ofp_cursor_peek(c, info->payload_len);
}

/* Only the first fragment carries the L4 header: in a later one (IPv4 or
 * IPv6), everything left in 'l3', which ends at frame offset 'end', is L4
 * payload.  Returns 0. */
static int
parse_later_fragment(const struct ofp_cursor *l3, size_t end,
                     struct pkt_info *info)
{
    info->flags |= PKT_F_LATER_FRAG;
    info->l4_ofs = cur_ofs(l3, end);
    info->l4_len = ofp_cursor_remaining(l3);
    set_payload(info, l3);
    return 0;
}

static int
parse_nd(struct ofp_cursor *c, struct pkt_info *info)
{
    const struct pkt_nd_header *nd = ofp_cursor_pull(c, sizeof *nd);
    uint8_t sll[PKT_ETH_ALEN] = { 0 }, tll[PKT_ETH_ALEN] = { 0 };
    uint32_t lla_flags = 0;

    if (!nd) {
        return PKT_E_TRUNCATED;
    }
    while (ofp_cursor_remaining(c) > 0) {
        const struct pkt_nd_opt_header *opt = ofp_cursor_peek(c, sizeof *opt);
        if (!opt || opt->len == 0) {
            return PKT_E_BAD_ND;
        }
        size_t opt_len = (size_t) opt->len * 8;
        struct ofp_cursor oc;
        if (!ofp_cursor_sub(c, opt_len, &oc)) {
            return PKT_E_BAD_ND;
        }
        /* Only the Ethernet-sized (len 1) link-layer options matter; like
         * Open vSwitch, a repeated one makes the message malformed. */
        if (opt_len != sizeof(struct pkt_nd_opt_lla)) {
            continue;
        }
        const struct pkt_nd_opt_lla *lla = ofp_cursor_pull(&oc, sizeof *lla);
        if (!lla) {
            return PKT_E_BAD_ND;
        }
        if (lla->type == PKT_ND_OPT_SLL
            && info->icmp_type == PKT_ICMPV6_ND_NS) {
            if (lla_flags & PKT_F_ND_SLL) {
                return PKT_E_BAD_ND;
            }
            memcpy(sll, lla->mac, PKT_ETH_ALEN);
            lla_flags |= PKT_F_ND_SLL;
        } else if (lla->type == PKT_ND_OPT_TLL
                   && info->icmp_type == PKT_ICMPV6_ND_NA) {
            if (lla_flags & PKT_F_ND_TLL) {
                return PKT_E_BAD_ND;
            }
            memcpy(tll, lla->mac, PKT_ETH_ALEN);
            lla_flags |= PKT_F_ND_TLL;
        }
    }
    memcpy(info->nd_target, nd->target, 16);
    memcpy(info->nd_sll, sll, PKT_ETH_ALEN);
    memcpy(info->nd_tll, tll, PKT_ETH_ALEN);
    info->flags |= PKT_F_ND | lla_flags;
    return 0;
}

/* Parses the L4 header 'proto' at the start of 'c', a cursor over the rest
 * of the L3 payload that ends at frame offset 'end'. */
static int
parse_l4(struct ofp_cursor *c, size_t end, uint8_t proto, bool ipv6,
         struct pkt_info *info)
{
    info->l4_ofs = cur_ofs(c, end);
    info->l4_len = ofp_cursor_remaining(c);
    set_payload(info, c);

    if (proto == PKT_IPPROTO_TCP) {
        const struct pkt_tcp_header *tcp = ofp_cursor_peek(c, sizeof *tcp);
        if (!tcp) {
            return PKT_E_TRUNCATED;
        }
        size_t hlen = (size_t) (tcp->doff >> 4) * 4;
        if (hlen < sizeof *tcp || !ofp_cursor_pull(c, hlen)) {
            return PKT_E_BAD_LEN;
        }
        info->l4_src = be16_get(&tcp->src);
        info->l4_dst = be16_get(&tcp->dst);
        info->tcp_flags = tcp->flags;
        info->flags |= PKT_F_TCP;
    } else if (proto == PKT_IPPROTO_UDP) {
        const struct pkt_udp_header *udp = ofp_cursor_pull(c, sizeof *udp);
        if (!udp) {
            return PKT_E_TRUNCATED;
        }
        size_t ulen = be16_get(&udp->len);
        struct ofp_cursor body;
        if (ulen < sizeof *udp || !ofp_cursor_sub(c, ulen - sizeof *udp,
                                                  &body)) {
            return PKT_E_BAD_LEN;
        }
        *c = body;
        info->l4_src = be16_get(&udp->src);
        info->l4_dst = be16_get(&udp->dst);
        info->flags |= PKT_F_UDP;
    } else if (proto == PKT_IPPROTO_SCTP) {
        const struct pkt_sctp_header *sctp = ofp_cursor_pull(c, sizeof *sctp);
        if (!sctp) {
            return PKT_E_TRUNCATED;
        }
        info->l4_src = be16_get(&sctp->src);
        info->l4_dst = be16_get(&sctp->dst);
        info->flags |= PKT_F_SCTP;
    } else if ((proto == PKT_IPPROTO_ICMP && !ipv6)
               || (proto == PKT_IPPROTO_ICMPV6 && ipv6)) {
        const struct pkt_icmp_header *icmp = ofp_cursor_pull(c, sizeof *icmp);
        if (!icmp) {
            return PKT_E_TRUNCATED;
        }
        info->icmp_type = icmp->type;
        info->icmp_code = icmp->code;
        info->flags |= ipv6 ? PKT_F_ICMPV6 : PKT_F_ICMP;
        if (ipv6 && icmp->code == 0
            && (icmp->type == PKT_ICMPV6_ND_NS
                || icmp->type == PKT_ICMPV6_ND_NA)) {
            set_payload(info, c);
            int error = parse_nd(c, info);
            if (error) {
                return error;
            }
        }
    }
    set_payload(info, c);
    return 0;
}

static int
parse_ipv4(struct ofp_cursor *c, struct pkt_info *info)
{
    const struct pkt_ipv4_header *ip = ofp_cursor_peek(c, sizeof *ip);
    if (!ip) {
        return PKT_E_TRUNCATED;
    }
    if ((ip->vihl >> 4) != 4) {
        return PKT_E_BAD_VERSION;
    }
    size_t hlen = (size_t) (ip->vihl & 0x0f) * 4;
    size_t tot_len = be16_get(&ip->tot_len);
    if (hlen < sizeof *ip) {
        return PKT_E_BAD_LEN;
    }
    if (!ofp_cursor_peek(c, hlen)) {
        return PKT_E_TRUNCATED;
    }
    struct ofp_cursor l3;
    if (tot_len < hlen || !ofp_cursor_sub(c, tot_len, &l3)) {
        return PKT_E_BAD_LEN;
    }
    /* 'l3' ends at frame offset l3_ofs + tot_len. */
    size_t end = info->l3_ofs + tot_len;
    ofp_cursor_pull(&l3, hlen);

    uint16_t frag = be16_get(&ip->frag);
    info->ip_tos = ip->tos;
    info->ip_ttl = ip->ttl;
    info->ip_proto = ip->proto;
    info->ip_frag_ofs = frag & PKT_IPV4_FRAG_MASK;
    info->ipv4_src = be32_get(&ip->src);
    info->ipv4_dst = be32_get(&ip->dst);
    info->ipv4_opts_len = hlen - sizeof *ip;
    info->flags |= PKT_F_IPV4;
    if (frag & (PKT_IPV4_MF | PKT_IPV4_FRAG_MASK)) {
        info->flags |= PKT_F_FRAG;
    }
    if (info->ip_frag_ofs) {
        return parse_later_fragment(&l3, end, info);
    }
    return parse_l4(&l3, end, ip->proto, false, info);
}

static bool
is_ipv6_ext(uint8_t next)
{
    return (next == PKT_IPPROTO_HOPOPTS || next == PKT_IPPROTO_ROUTING
            || next == PKT_IPPROTO_DSTOPTS || next == PKT_IPPROTO_FRAGMENT);
}

static int
parse_ipv6(struct ofp_cursor *c, struct pkt_info *info)
{
    const struct pkt_ipv6_header *ip = ofp_cursor_pull(c, sizeof *ip);
    if (!ip) {
        return PKT_E_TRUNCATED;
    }
    uint32_t vcf = be32_get(&ip->vcf);
    if ((vcf >> 28) != 6) {
        return PKT_E_BAD_VERSION;
    }
    size_t plen = be16_get(&ip->plen);
    struct ofp_cursor l3;
    if (!ofp_cursor_sub(c, plen, &l3)) {
        return PKT_E_BAD_LEN;
    }
    size_t end = info->l3_ofs + sizeof *ip + plen;

    info->ip_tos = (uint8_t) (vcf >> 20);
    info->ipv6_flabel = vcf & 0xfffff;
    info->ip_ttl = ip->hlim;
    memcpy(info->ipv6_src, ip->src, 16);
    memcpy(info->ipv6_dst, ip->dst, 16);
    info->flags |= PKT_F_IPV6;

    /* Walk the extension headers.  On error 'ip_proto' is left at the
     * header that could not be parsed. */
    uint8_t next = ip->next;
    info->ip_proto = next;
    while (is_ipv6_ext(next)) {
        if (info->n_ipv6_ext >= PKT_MAX_IPV6_EXT) {
            return PKT_E_TOO_MANY_EXT;
        }
        if (next == PKT_IPPROTO_FRAGMENT) {
            const struct pkt_ipv6_frag_header *fh
                = ofp_cursor_pull(&l3, sizeof *fh);
            if (!fh) {
                return PKT_E_TRUNCATED;
            }
            info->n_ipv6_ext++;
            info->flags |= PKT_F_FRAG;
            info->ip_frag_ofs = be16_get(&fh->frag) >> 3;
            next = fh->next;
            info->ip_proto = next;
            if (info->ip_frag_ofs) {
                return parse_later_fragment(&l3, end, info);
            }
        } else {
            const struct pkt_ipv6_ext_header *eh
                = ofp_cursor_peek(&l3, sizeof *eh);
            if (!eh) {
                return PKT_E_TRUNCATED;
            }
            if (!ofp_cursor_pull(&l3, ((size_t) eh->len + 1) * 8)) {
                return PKT_E_BAD_LEN;
            }
            info->n_ipv6_ext++;
            next = eh->next;
            info->ip_proto = next;
        }
    }
    return parse_l4(&l3, end, next, true, info);
}

static int
parse_arp(struct ofp_cursor *c, struct pkt_info *info)
{
    const struct pkt_arp_header *arp = ofp_cursor_pull(c, sizeof *arp);
    if (!arp) {
        return PKT_E_TRUNCATED;
    }
    set_payload(info, c);
    if (be16_get(&arp->htype) != 1 || be16_get(&arp->ptype) != 0x0800
        || arp->hlen != PKT_ETH_ALEN || arp->plen != 4) {
        /* Not Ethernet/IPv4: leave it undecoded, like an unknown type. */
        return 0;
    }
    info->arp_op = be16_get(&arp->op);
    memcpy(info->arp_sha, arp->sha, PKT_ETH_ALEN);
    memcpy(info->arp_tha, arp->tha, PKT_ETH_ALEN);
    info->arp_spa = be32_get(&arp->spa);
    info->arp_tpa = be32_get(&arp->tpa);
    info->flags |= PKT_F_ARP;
    return 0;
}

int
pkt_parse(const void *frame, size_t len, struct pkt_info *info)
{
    struct ofp_cursor c = ofp_cursor_init(frame, len);

    memset(info, 0, sizeof *info);
    info->frame = frame;
    info->len = len;
    info->l3_ofs = PKT_OFS_NONE;
    info->l4_ofs = PKT_OFS_NONE;

    const struct pkt_eth_header *eth = ofp_cursor_pull(&c, sizeof *eth);
    if (!eth) {
        return PKT_E_TRUNCATED;
    }
    memcpy(info->eth_dst, eth->dst, PKT_ETH_ALEN);
    memcpy(info->eth_src, eth->src, PKT_ETH_ALEN);
    info->flags |= PKT_F_ETH;

    uint16_t type = be16_get(&eth->type);
    info->eth_type = type;
    while (type == PKT_ETH_TYPE_VLAN || type == PKT_ETH_TYPE_QINQ) {
        if (info->n_vlans >= PKT_MAX_VLANS) {
            return PKT_E_TOO_MANY_VLANS;
        }
        const struct pkt_vlan_header *tag = ofp_cursor_pull(&c, sizeof *tag);
        if (!tag) {
            return PKT_E_TRUNCATED;
        }
        uint16_t tci = be16_get(&tag->tci);
        struct pkt_vlan *v = &info->vlans[info->n_vlans++];
        v->tpid = type;
        v->vid = tci & 0x0fff;
        v->pcp = (uint8_t) (tci >> 13);
        v->dei = (tci >> 12) & 1;
        info->flags |= PKT_F_VLAN;
        type = be16_get(&tag->type);
        info->eth_type = type;
    }

    info->l3_ofs = cur_ofs(&c, len);
    set_payload(info, &c);
    if (type < PKT_ETH_TYPE_MIN) {
        info->flags |= PKT_F_802_3;
        return 0;
    }
    switch (type) {
    case PKT_ETH_TYPE_ARP:
        return parse_arp(&c, info);
    case PKT_ETH_TYPE_IPV4:
        return parse_ipv4(&c, info);
    case PKT_ETH_TYPE_IPV6:
        return parse_ipv6(&c, info);
    case PKT_ETH_TYPE_LLDP:
        info->flags |= PKT_F_LLDP;
        return 0;
    default:
        return 0;
    }
}

/* ---- Checksum verification. -------------------------------------------- */

/* Returns the 'n' bytes at frame offset 'ofs' of 'info', or NULL. */
static const uint8_t *
frame_at(const struct pkt_info *info, size_t ofs, size_t n)
{
    struct ofp_cursor c = ofp_cursor_init(info->frame, info->len);
    if (!ofp_cursor_skip(&c, ofs)) {
        return NULL;
    }
    return ofp_cursor_peek(&c, n);
}

int
pkt_check_csums(const struct pkt_info *info)
{
    bool v4 = (info->flags & PKT_F_IPV4) != 0;
    bool v6 = (info->flags & PKT_F_IPV6) != 0;
    if (!v4 && !v6) {
        return 0;
    }
    if (v4) {
        size_t hlen = 20 + info->ipv4_opts_len;
        const uint8_t *hdr = frame_at(info, info->l3_ofs, hlen);
        if (!hdr || pkt_csum(hdr, hlen) != 0) {
            return PKT_E_BAD_CSUM;
        }
    }
    if (info->flags & PKT_F_FRAG || info->l4_ofs == PKT_OFS_NONE) {
        return 0;
    }

    uint8_t proto;
    size_t l4_len = info->l4_len;
    if (info->flags & PKT_F_TCP) {
        proto = PKT_IPPROTO_TCP;
    } else if (info->flags & PKT_F_UDP) {
        proto = PKT_IPPROTO_UDP;
        l4_len = info->payload_len + sizeof(struct pkt_udp_header);
    } else if (info->flags & (PKT_F_ICMP | PKT_F_ICMPV6)) {
        proto = v4 ? PKT_IPPROTO_ICMP : PKT_IPPROTO_ICMPV6;
    } else {
        return 0;
    }
    const uint8_t *l4 = frame_at(info, info->l4_ofs, l4_len);
    if (!l4) {
        return PKT_E_BAD_CSUM;
    }
    if (proto == PKT_IPPROTO_UDP && v4 && l4[6] == 0 && l4[7] == 0) {
        return 0;               /* No checksum. */
    }
    uint32_t sum = 0;
    if (v4 && proto != PKT_IPPROTO_ICMP) {
        sum = pkt_csum_pseudo_ipv4(info->ipv4_src, info->ipv4_dst, proto,
                                   (uint32_t) l4_len);
    } else if (v6) {
        sum = pkt_csum_pseudo_ipv6(info->ipv6_src, info->ipv6_dst, proto,
                                   (uint32_t) l4_len);
    }
    sum = pkt_csum_add(sum, l4, l4_len);
    return pkt_csum_finish(sum) == 0 ? 0 : PKT_E_BAD_CSUM;
}

/* ---- Flow extraction. --------------------------------------------------- */

static void
exact(struct ofp_match *m, enum ofp_field f)
{
    m->fields |= UINT64_C(1) << f;
}

#define PKT_SET(M, FIELD, MEMBER, VALUE, MASK)  \
    do {                                        \
        (M)->v.MEMBER = (VALUE) & (MASK);       \
        (M)->m.MEMBER = (MASK);                 \
        exact(M, FIELD);                        \
    } while (0)

#define PKT_SET_BYTES(M, FIELD, MEMBER, SRC)                \
    do {                                                    \
        memcpy((M)->v.MEMBER, (SRC), sizeof (M)->v.MEMBER); \
        memset((M)->m.MEMBER, 0xff, sizeof (M)->m.MEMBER);  \
        exact(M, FIELD);                                    \
    } while (0)

void
pkt_flow_extract(const struct pkt_info *info, uint32_t in_port,
                 struct ofp_match *m)
{
    memset(m, 0, sizeof *m);
    PKT_SET(m, OFPF_IN_PORT, in_port, in_port, UINT32_MAX);
    if (!(info->flags & PKT_F_ETH)) {
        return;
    }
    PKT_SET_BYTES(m, OFPF_ETH_DST, eth_dst, info->eth_dst);
    PKT_SET_BYTES(m, OFPF_ETH_SRC, eth_src, info->eth_src);
    PKT_SET(m, OFPF_ETH_TYPE, eth_type,
            info->flags & PKT_F_802_3 ? PKT_ETH_TYPE_NOT_ETH : info->eth_type,
            UINT16_MAX);
    if (info->n_vlans) {
        /* OpenFlow 1.3 vlan_vid/pcp describe the outermost tag. */
        PKT_SET(m, OFPF_VLAN_VID, vlan_vid,
                (uint16_t) (OFPVID_PRESENT | info->vlans[0].vid), 0x1fff);
        PKT_SET(m, OFPF_VLAN_PCP, vlan_pcp, info->vlans[0].pcp, 0x07);
    } else {
        PKT_SET(m, OFPF_VLAN_VID, vlan_vid, OFPVID_NONE, 0x1fff);
    }

    if (info->flags & PKT_F_ARP) {
        PKT_SET(m, OFPF_ARP_OP, arp_op, info->arp_op, UINT16_MAX);
        PKT_SET(m, OFPF_ARP_SPA, arp_spa, info->arp_spa, UINT32_MAX);
        PKT_SET(m, OFPF_ARP_TPA, arp_tpa, info->arp_tpa, UINT32_MAX);
        PKT_SET_BYTES(m, OFPF_ARP_SHA, arp_sha, info->arp_sha);
        PKT_SET_BYTES(m, OFPF_ARP_THA, arp_tha, info->arp_tha);
        return;
    }
    if (info->flags & PKT_F_IPV4) {
        PKT_SET(m, OFPF_IPV4_SRC, ipv4_src, info->ipv4_src, UINT32_MAX);
        PKT_SET(m, OFPF_IPV4_DST, ipv4_dst, info->ipv4_dst, UINT32_MAX);
    } else if (info->flags & PKT_F_IPV6) {
        PKT_SET_BYTES(m, OFPF_IPV6_SRC, ipv6_src, info->ipv6_src);
        PKT_SET_BYTES(m, OFPF_IPV6_DST, ipv6_dst, info->ipv6_dst);
        PKT_SET(m, OFPF_IPV6_FLABEL, ipv6_flabel, info->ipv6_flabel,
                0xfffffu);
    } else {
        return;
    }
    PKT_SET(m, OFPF_IP_DSCP, ip_dscp, (uint8_t) (info->ip_tos >> 2), 0x3f);
    PKT_SET(m, OFPF_IP_ECN, ip_ecn, (uint8_t) (info->ip_tos & 3), 0x03);
    PKT_SET(m, OFPF_IP_PROTO, ip_proto, info->ip_proto, UINT8_MAX);

    if (info->flags & PKT_F_TCP) {
        PKT_SET(m, OFPF_TCP_SRC, tcp_src, info->l4_src, UINT16_MAX);
        PKT_SET(m, OFPF_TCP_DST, tcp_dst, info->l4_dst, UINT16_MAX);
    } else if (info->flags & PKT_F_UDP) {
        PKT_SET(m, OFPF_UDP_SRC, udp_src, info->l4_src, UINT16_MAX);
        PKT_SET(m, OFPF_UDP_DST, udp_dst, info->l4_dst, UINT16_MAX);
    } else if (info->flags & PKT_F_SCTP) {
        PKT_SET(m, OFPF_SCTP_SRC, sctp_src, info->l4_src, UINT16_MAX);
        PKT_SET(m, OFPF_SCTP_DST, sctp_dst, info->l4_dst, UINT16_MAX);
    } else if (info->flags & PKT_F_ICMP) {
        PKT_SET(m, OFPF_ICMPV4_TYPE, icmpv4_type, info->icmp_type, UINT8_MAX);
        PKT_SET(m, OFPF_ICMPV4_CODE, icmpv4_code, info->icmp_code, UINT8_MAX);
    } else if (info->flags & PKT_F_ICMPV6) {
        PKT_SET(m, OFPF_ICMPV6_TYPE, icmpv6_type, info->icmp_type, UINT8_MAX);
        PKT_SET(m, OFPF_ICMPV6_CODE, icmpv6_code, info->icmp_code, UINT8_MAX);
        if (info->flags & PKT_F_ND) {
            PKT_SET_BYTES(m, OFPF_IPV6_ND_TARGET, ipv6_nd_target,
                          info->nd_target);
            if (info->icmp_type == PKT_ICMPV6_ND_NS) {
                PKT_SET_BYTES(m, OFPF_IPV6_ND_SLL, ipv6_nd_sll, info->nd_sll);
            } else {
                PKT_SET_BYTES(m, OFPF_IPV6_ND_TLL, ipv6_nd_tll, info->nd_tll);
            }
        }
    }
}

/* ---- Printing. ---------------------------------------------------------- */

static void
format_tcp_flags(uint8_t flags, struct ds *s)
{
    static const struct {
        uint8_t bit;
        char c;
    } names[] = {
        { PKT_TCP_FIN, 'F' }, { PKT_TCP_SYN, 'S' }, { PKT_TCP_RST, 'R' },
        { PKT_TCP_PSH, 'P' }, { PKT_TCP_ACK, '.' }, { PKT_TCP_URG, 'U' },
    };
    ds_put_cstr(s, " [");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (flags & names[i].bit) {
            ds_put_char(s, names[i].c);
        }
    }
    ds_put_char(s, ']');
}

void
pkt_format(const struct pkt_info *info, struct ds *s)
{
    if (!(info->flags & PKT_F_ETH)) {
        ds_put_format(s, "truncated frame (%zu bytes)", info->len);
        return;
    }
    ds_put_cstr(s, "eth ");
    ds_put_mac(s, info->eth_src);
    ds_put_cstr(s, "->");
    ds_put_mac(s, info->eth_dst);
    for (size_t i = 0; i < info->n_vlans; i++) {
        const struct pkt_vlan *v = &info->vlans[i];
        ds_put_format(s, " %s %u", v->tpid == PKT_ETH_TYPE_QINQ ? "svlan"
                                                                : "vlan",
                      v->vid);
        if (v->pcp) {
            ds_put_format(s, " pcp %u", v->pcp);
        }
    }

    if (info->flags & PKT_F_802_3) {
        ds_put_format(s, " 802.3 len %u", info->eth_type);
    } else if (info->flags & PKT_F_ARP) {
        ds_put_cstr(s, info->arp_op == PKT_ARP_OP_REQUEST ? " arp request"
                       : info->arp_op == PKT_ARP_OP_REPLY ? " arp reply"
                       : " arp");
        if (info->arp_op != PKT_ARP_OP_REQUEST
            && info->arp_op != PKT_ARP_OP_REPLY) {
            ds_put_format(s, " op %u", info->arp_op);
        }
        ds_put_char(s, ' ');
        ds_put_ipv4(s, info->arp_spa);
        ds_put_char(s, '/');
        ds_put_mac(s, info->arp_sha);
        ds_put_cstr(s, "->");
        ds_put_ipv4(s, info->arp_tpa);
        ds_put_char(s, '/');
        ds_put_mac(s, info->arp_tha);
    } else if (info->flags & PKT_F_IPV4) {
        ds_put_cstr(s, " ipv4 ");
        ds_put_ipv4(s, info->ipv4_src);
        ds_put_cstr(s, "->");
        ds_put_ipv4(s, info->ipv4_dst);
    } else if (info->flags & PKT_F_IPV6) {
        ds_put_cstr(s, " ipv6 ");
        ds_put_ipv6(s, info->ipv6_src);
        ds_put_cstr(s, "->");
        ds_put_ipv6(s, info->ipv6_dst);
    } else if (info->flags & PKT_F_LLDP) {
        ds_put_cstr(s, " lldp");
    } else if (info->l3_ofs != PKT_OFS_NONE) {
        ds_put_format(s, " type 0x%04x", info->eth_type);
    }

    if (info->flags & PKT_F_FRAG) {
        ds_put_format(s, " frag off %u", info->ip_frag_ofs * 8u);
    }
    if (info->flags & PKT_F_TCP) {
        ds_put_format(s, " tcp %u->%u", info->l4_src, info->l4_dst);
        format_tcp_flags(info->tcp_flags, s);
    } else if (info->flags & PKT_F_UDP) {
        ds_put_format(s, " udp %u->%u", info->l4_src, info->l4_dst);
    } else if (info->flags & PKT_F_SCTP) {
        ds_put_format(s, " sctp %u->%u", info->l4_src, info->l4_dst);
    } else if (info->flags & (PKT_F_ICMP | PKT_F_ICMPV6)) {
        ds_put_format(s, " %s type %u code %u",
                      info->flags & PKT_F_ICMP ? "icmp" : "icmpv6",
                      info->icmp_type, info->icmp_code);
        if (info->flags & PKT_F_ND) {
            ds_put_cstr(s, " target ");
            ds_put_ipv6(s, info->nd_target);
        }
        if (info->flags & PKT_F_ND_SLL) {
            ds_put_cstr(s, " sll ");
            ds_put_mac(s, info->nd_sll);
        }
        if (info->flags & PKT_F_ND_TLL) {
            ds_put_cstr(s, " tll ");
            ds_put_mac(s, info->nd_tll);
        }
    } else if (info->flags & (PKT_F_IPV4 | PKT_F_IPV6)) {
        ds_put_format(s, " proto %u", info->ip_proto);
    }
    if (info->payload_len) {
        ds_put_format(s, " len %zu", info->payload_len);
    }
}

/* ---- LLDP. -------------------------------------------------------------- */

/* Reads a chassis or port id TLV value: subtype + 1..255 bytes. */
static int
parse_lldp_id(struct ofp_cursor *v, uint8_t *subtype, const uint8_t **id,
              size_t *id_len)
{
    size_t n = ofp_cursor_remaining(v);
    if (n < 2 || n > 1 + PKT_LLDP_MAX_ID_LEN) {
        return PKT_E_BAD_LEN;
    }
    ofp_cursor_u8(v, subtype);
    *id_len = n - 1;
    *id = ofp_cursor_pull(v, n - 1);
    return 0;
}

int
pkt_parse_lldp(const void *frame, size_t len, struct pkt_lldp *lldp)
{
    struct pkt_info info;
    int error = pkt_parse(frame, len, &info);

    memset(lldp, 0, sizeof *lldp);
    if (error) {
        return error;
    }
    if (!(info.flags & PKT_F_LLDP)) {
        return PKT_E_NOT_LLDP;
    }

    struct ofp_cursor c = ofp_cursor_init(info.payload, info.payload_len);
    size_t n_tlvs = 0;
    while (ofp_cursor_remaining(&c) > 0) {
        uint16_t tl;
        if (!ofp_cursor_u16(&c, &tl)) {
            return PKT_E_TRUNCATED;
        }
        unsigned int type = tl >> 9;
        size_t tlen = tl & 0x1ff;
        struct ofp_cursor v;
        if (!ofp_cursor_sub(&c, tlen, &v)) {
            return PKT_E_BAD_LEN;
        }

        /* 802.1AB: chassis id, port id, TTL come first, in that order. */
        static const unsigned int mandatory[3] = {
            PKT_LLDP_TLV_CHASSIS_ID, PKT_LLDP_TLV_PORT_ID, PKT_LLDP_TLV_TTL
        };
        if ((n_tlvs < 3 && type != mandatory[n_tlvs])
            || (n_tlvs >= 3 && (type == PKT_LLDP_TLV_CHASSIS_ID
                                || type == PKT_LLDP_TLV_PORT_ID
                                || type == PKT_LLDP_TLV_TTL))) {
            return PKT_E_BAD_LLDP;
        }
        n_tlvs++;

        switch (type) {
        case PKT_LLDP_TLV_END:
            /* Unreachable before the mandatory TLVs (checked above). */
            if (tlen != 0) {
                return PKT_E_BAD_LEN;
            }
            lldp->has_end = true;
            return 0;

        case PKT_LLDP_TLV_CHASSIS_ID:
            error = parse_lldp_id(&v, &lldp->chassis_subtype,
                                  &lldp->chassis_id, &lldp->chassis_id_len);
            if (error) {
                return error;
            }
            break;

        case PKT_LLDP_TLV_PORT_ID:
            error = parse_lldp_id(&v, &lldp->port_subtype, &lldp->port_id,
                                  &lldp->port_id_len);
            if (error) {
                return error;
            }
            break;

        case PKT_LLDP_TLV_TTL:
            if (tlen != 2) {
                return PKT_E_BAD_LEN;
            }
            ofp_cursor_u16(&v, &lldp->ttl);
            break;

        case PKT_LLDP_TLV_ORG: {
            const struct pkt_lldp_org_header *oh
                = ofp_cursor_pull(&v, sizeof *oh);
            if (!oh) {
                return PKT_E_BAD_LEN;
            }
            if (lldp->n_org < PKT_LLDP_MAX_ORG) {
                struct pkt_lldp_org *org = &lldp->org[lldp->n_org++];
                memcpy(org->oui, oh->oui, 3);
                org->subtype = oh->subtype;
                org->len = ofp_cursor_remaining(&v);
                org->data = ofp_cursor_peek(&v, org->len);
            }
            lldp->n_org_seen++;
            break;
        }

        default:
            /* Optional TLVs we do not decode (port description, ...). */
            break;
        }
    }
    return n_tlvs >= 3 ? 0 : PKT_E_BAD_LLDP;
}

static void
put_lldp_tlv(struct ofpbuf *buf, unsigned int type, size_t len)
{
    ofpbuf_put_be16(buf, (uint16_t) ((type << 9) | len));
}

int
pkt_build_lldp(struct ofpbuf *buf, const uint8_t src_mac[PKT_ETH_ALEN],
               const struct pkt_lldp *l)
{
    if (l->chassis_id_len < 1 || l->chassis_id_len > PKT_LLDP_MAX_ID_LEN
        || l->port_id_len < 1 || l->port_id_len > PKT_LLDP_MAX_ID_LEN
        || l->n_org > PKT_LLDP_MAX_ORG) {
        return PKT_E_INVAL;
    }
    for (size_t i = 0; i < l->n_org; i++) {
        if (l->org[i].len > PKT_LLDP_MAX_ORG_LEN) {
            return PKT_E_INVAL;
        }
    }

    size_t start = buf->size;
    pkt_put_eth(buf, pkt_lldp_dst, src_mac, PKT_ETH_TYPE_LLDP);

    put_lldp_tlv(buf, PKT_LLDP_TLV_CHASSIS_ID, 1 + l->chassis_id_len);
    ofpbuf_put_u8(buf, l->chassis_subtype);
    ofpbuf_put(buf, l->chassis_id, l->chassis_id_len);

    put_lldp_tlv(buf, PKT_LLDP_TLV_PORT_ID, 1 + l->port_id_len);
    ofpbuf_put_u8(buf, l->port_subtype);
    ofpbuf_put(buf, l->port_id, l->port_id_len);

    put_lldp_tlv(buf, PKT_LLDP_TLV_TTL, 2);
    ofpbuf_put_be16(buf, l->ttl);

    for (size_t i = 0; i < l->n_org; i++) {
        const struct pkt_lldp_org *org = &l->org[i];
        put_lldp_tlv(buf, PKT_LLDP_TLV_ORG,
                     sizeof(struct pkt_lldp_org_header) + org->len);
        ofpbuf_put(buf, org->oui, 3);
        ofpbuf_put_u8(buf, org->subtype);
        if (org->len) {
            ofpbuf_put(buf, org->data, org->len);
        }
    }
    put_lldp_tlv(buf, PKT_LLDP_TLV_END, 0);
    pkt_pad_min(buf, start);
    return 0;
}

/* ---- Building. ---------------------------------------------------------- */

void
pkt_pad_min(struct ofpbuf *buf, size_t frame_ofs)
{
    size_t len = buf->size - frame_ofs;
    if (len < PKT_ETH_MIN_LEN) {
        ofpbuf_put_zeros(buf, PKT_ETH_MIN_LEN - len);
    }
}

void
pkt_put_eth_vlans(struct ofpbuf *buf, const uint8_t dst[PKT_ETH_ALEN],
                  const uint8_t src[PKT_ETH_ALEN],
                  const struct pkt_vlan *tags, size_t n, uint16_t eth_type)
{
    struct pkt_eth_header *eth = ofpbuf_put_zeros(buf, sizeof *eth);
    memcpy(eth->dst, dst, PKT_ETH_ALEN);
    memcpy(eth->src, src, PKT_ETH_ALEN);
    be16_set(&eth->type, n ? tags[0].tpid : eth_type);
    for (size_t i = 0; i < n; i++) {
        struct pkt_vlan_header *tag = ofpbuf_put_zeros(buf, sizeof *tag);
        be16_set(&tag->tci, (uint16_t) (((tags[i].pcp & 7) << 13)
                                        | ((tags[i].dei & 1) << 12)
                                        | (tags[i].vid & 0x0fff)));
        be16_set(&tag->type, i + 1 < n ? tags[i + 1].tpid : eth_type);
    }
}

void
pkt_put_eth(struct ofpbuf *buf, const uint8_t dst[PKT_ETH_ALEN],
            const uint8_t src[PKT_ETH_ALEN], uint16_t eth_type)
{
    pkt_put_eth_vlans(buf, dst, src, NULL, 0, eth_type);
}

void
pkt_build_arp(struct ofpbuf *buf, uint16_t op,
              const uint8_t sha[PKT_ETH_ALEN], uint32_t spa,
              const uint8_t tha[PKT_ETH_ALEN], uint32_t tpa)
{
    static const uint8_t zero[PKT_ETH_ALEN];
    bool request = op == PKT_ARP_OP_REQUEST;

    pkt_put_eth(buf, request ? pkt_eth_broadcast : tha, sha,
                PKT_ETH_TYPE_ARP);
    struct pkt_arp_header *arp = ofpbuf_put_zeros(buf, sizeof *arp);
    be16_set(&arp->htype, 1);
    be16_set(&arp->ptype, PKT_ETH_TYPE_IPV4);
    arp->hlen = PKT_ETH_ALEN;
    arp->plen = 4;
    be16_set(&arp->op, op);
    memcpy(arp->sha, sha, PKT_ETH_ALEN);
    be32_set(&arp->spa, spa);
    memcpy(arp->tha, request ? zero : tha, PKT_ETH_ALEN);
    be32_set(&arp->tpa, tpa);
}

void
pkt_build_arp_request(struct ofpbuf *buf, const uint8_t sha[PKT_ETH_ALEN],
                      uint32_t spa, uint32_t tpa)
{
    pkt_build_arp(buf, PKT_ARP_OP_REQUEST, sha, spa, pkt_eth_broadcast, tpa);
}

void
pkt_build_arp_reply(struct ofpbuf *buf, const uint8_t sha[PKT_ETH_ALEN],
                    uint32_t spa, const uint8_t tha[PKT_ETH_ALEN],
                    uint32_t tpa)
{
    pkt_build_arp(buf, PKT_ARP_OP_REPLY, sha, spa, tha, tpa);
}

int
pkt_put_ipv4_opts(struct ofpbuf *buf, uint32_t src, uint32_t dst,
                  uint8_t proto, uint8_t tos, uint8_t ttl,
                  const void *opts, size_t opts_len, size_t *l3_ofs)
{
    if (opts_len % 4 || opts_len > PKT_IPV4_MAX_OPTS) {
        return PKT_E_INVAL;
    }
    *l3_ofs = buf->size;
    struct pkt_ipv4_header *ip = ofpbuf_put_zeros(buf, sizeof *ip);
    ip->vihl = (uint8_t) (0x40 | ((sizeof *ip + opts_len) / 4));
    ip->tos = tos;
    ip->ttl = ttl;
    ip->proto = proto;
    be32_set(&ip->src, src);
    be32_set(&ip->dst, dst);
    if (opts_len) {
        ofpbuf_put(buf, opts, opts_len);
    }
    pkt_finish_l3(buf, *l3_ofs);
    return 0;
}

size_t
pkt_put_ipv4(struct ofpbuf *buf, uint32_t src, uint32_t dst, uint8_t proto,
             uint8_t tos, uint8_t ttl)
{
    size_t ofs = 0;
    pkt_put_ipv4_opts(buf, src, dst, proto, tos, ttl, NULL, 0, &ofs);
    return ofs;
}

size_t
pkt_put_ipv6(struct ofpbuf *buf, const uint8_t src[16], const uint8_t dst[16],
             uint8_t next_header, uint8_t tclass, uint32_t flabel,
             uint8_t hop_limit)
{
    size_t ofs = buf->size;
    struct pkt_ipv6_header *ip = ofpbuf_put_zeros(buf, sizeof *ip);
    be32_set(&ip->vcf, (6u << 28) | ((uint32_t) tclass << 20)
                       | (flabel & 0xfffff));
    ip->next = next_header;
    ip->hlim = hop_limit;
    memcpy(ip->src, src, 16);
    memcpy(ip->dst, dst, 16);
    return ofs;
}

int
pkt_put_ipv6_ext(struct ofpbuf *buf, uint8_t next_header, const void *data,
                 size_t len)
{
    if ((len + 2) % 8 || len + 2 > 256 * 8) {
        return PKT_E_INVAL;
    }
    struct pkt_ipv6_ext_header *eh = ofpbuf_put_zeros(buf, sizeof *eh);
    eh->next = next_header;
    eh->len = (uint8_t) ((len + 2) / 8 - 1);
    if (len) {
        ofpbuf_put(buf, data, len);
    }
    return 0;
}

void
pkt_finish_l3(struct ofpbuf *buf, size_t l3_ofs)
{
    const uint8_t *vp = ofpbuf_at(buf, l3_ofs, 1);
    if (!vp) {
        return;
    }
    if ((*vp >> 4) == 4) {
        struct pkt_ipv4_header *ip = ofpbuf_at(buf, l3_ofs, sizeof *ip);
        if (!ip) {
            return;
        }
        size_t hlen = (size_t) (ip->vihl & 0x0f) * 4;
        be16_set(&ip->tot_len, (uint16_t) (buf->size - l3_ofs));
        be16_set(&ip->csum, 0);
        const uint8_t *hdr = ofpbuf_at(buf, l3_ofs, hlen);
        if (hdr) {
            be16_set(&ip->csum, pkt_csum(hdr, hlen));
        }
    } else if ((*vp >> 4) == 6) {
        struct pkt_ipv6_header *ip = ofpbuf_at(buf, l3_ofs, sizeof *ip);
        if (ip) {
            be16_set(&ip->plen,
                     (uint16_t) (buf->size - l3_ofs - sizeof *ip));
        }
    }
}

/* Appends the 'len' bytes of 'payload' to the L4 header at 'l4_ofs', then
 * finishes the L3 header at 'l3_ofs' and stores in the 16-bit field at
 * 'csum_ofs' the checksum of the L4 message (up to the end of 'buf'), over
 * the pseudo-header if 'pseudo'.  Returns 'l4_ofs'. */
static size_t
finish_l4(struct ofpbuf *buf, size_t l3_ofs, size_t l4_ofs, uint8_t proto,
          size_t csum_ofs, bool pseudo, const void *payload, size_t len)
{
    if (len) {
        ofpbuf_put(buf, payload, len);
    }
    pkt_finish_l3(buf, l3_ofs);

    size_t l4_len = buf->size - l4_ofs;
    uint32_t sum = 0;
    const uint8_t *vp = ofpbuf_at(buf, l3_ofs, 1);
    if (pseudo && vp && (*vp >> 4) == 4) {
        const struct pkt_ipv4_header *ip = ofpbuf_at(buf, l3_ofs, sizeof *ip);
        sum = pkt_csum_pseudo_ipv4(be32_get(&ip->src), be32_get(&ip->dst),
                                   proto, (uint32_t) l4_len);
    } else if (pseudo && vp && (*vp >> 4) == 6) {
        const struct pkt_ipv6_header *ip = ofpbuf_at(buf, l3_ofs, sizeof *ip);
        sum = pkt_csum_pseudo_ipv6(ip->src, ip->dst, proto,
                                   (uint32_t) l4_len);
    }
    ofp_be16 *csum = ofpbuf_at(buf, csum_ofs, sizeof *csum);
    be16_set(csum, 0);
    sum = pkt_csum_add(sum, ofpbuf_at(buf, l4_ofs, l4_len), l4_len);
    uint16_t value = pkt_csum_finish(sum);
    if (proto == PKT_IPPROTO_UDP && value == 0) {
        value = 0xffff;         /* Zero means "no checksum" in UDP. */
    }
    be16_set(csum, value);
    return l4_ofs;
}

size_t
pkt_put_udp(struct ofpbuf *buf, size_t l3_ofs, uint16_t src, uint16_t dst,
            const void *payload, size_t len)
{
    size_t ofs = buf->size;
    struct pkt_udp_header *udp = ofpbuf_put_zeros(buf, sizeof *udp);
    be16_set(&udp->src, src);
    be16_set(&udp->dst, dst);
    be16_set(&udp->len, (uint16_t) (sizeof *udp + len));
    return finish_l4(buf, l3_ofs, ofs, PKT_IPPROTO_UDP,
                     ofs + offsetof(struct pkt_udp_header, csum), true,
                     payload, len);
}

size_t
pkt_put_tcp(struct ofpbuf *buf, size_t l3_ofs, uint16_t src, uint16_t dst,
            uint32_t seq, uint32_t ack, uint8_t flags, uint16_t window,
            const void *payload, size_t len)
{
    size_t ofs = buf->size;
    struct pkt_tcp_header *tcp = ofpbuf_put_zeros(buf, sizeof *tcp);
    be16_set(&tcp->src, src);
    be16_set(&tcp->dst, dst);
    be32_set(&tcp->seq, seq);
    be32_set(&tcp->ack, ack);
    tcp->doff = (sizeof *tcp / 4) << 4;
    tcp->flags = flags;
    be16_set(&tcp->window, window);
    return finish_l4(buf, l3_ofs, ofs, PKT_IPPROTO_TCP,
                     ofs + offsetof(struct pkt_tcp_header, csum), true,
                     payload, len);
}

size_t
pkt_put_icmp_echo(struct ofpbuf *buf, size_t l3_ofs, uint8_t type,
                  uint16_t id, uint16_t seq, const void *payload, size_t len)
{
    size_t ofs = buf->size;
    struct pkt_icmp_header *icmp = ofpbuf_put_zeros(buf, sizeof *icmp);
    icmp->type = type;
    struct pkt_icmp_echo *echo = ofpbuf_put_zeros(buf, sizeof *echo);
    be16_set(&echo->id, id);
    be16_set(&echo->seq, seq);
    return finish_l4(buf, l3_ofs, ofs, PKT_IPPROTO_ICMP,
                     ofs + offsetof(struct pkt_icmp_header, csum), false,
                     payload, len);
}

size_t
pkt_put_icmpv6(struct ofpbuf *buf, size_t l3_ofs, uint8_t type, uint8_t code,
               const void *body, size_t len)
{
    size_t ofs = buf->size;
    struct pkt_icmp_header *icmp = ofpbuf_put_zeros(buf, sizeof *icmp);
    icmp->type = type;
    icmp->code = code;
    return finish_l4(buf, l3_ofs, ofs, PKT_IPPROTO_ICMPV6,
                     ofs + offsetof(struct pkt_icmp_header, csum), true,
                     body, len);
}

static void
build_nd(struct ofpbuf *buf, uint8_t type, const uint8_t src_mac[6],
         const uint8_t dst_mac[6], const uint8_t src_ip[16],
         const uint8_t dst_ip[16], const uint8_t target[16], uint32_t flags,
         uint8_t opt_type)
{
    struct pkt_nd_msg msg;

    memset(&msg, 0, sizeof msg);
    be32_set(&msg.nd.flags, flags);
    memcpy(msg.nd.target, target, 16);
    msg.opt.type = opt_type;
    msg.opt.len = 1;
    memcpy(msg.opt.mac, src_mac, PKT_ETH_ALEN);

    pkt_put_eth(buf, dst_mac, src_mac, PKT_ETH_TYPE_IPV6);
    size_t l3 = pkt_put_ipv6(buf, src_ip, dst_ip, PKT_IPPROTO_ICMPV6, 0, 0,
                             255);
    pkt_put_icmpv6(buf, l3, type, 0, &msg, sizeof msg);
}

void
pkt_build_nd_ns(struct ofpbuf *buf, const uint8_t src_mac[PKT_ETH_ALEN],
                const uint8_t src_ip[16], const uint8_t target[16])
{
    /* Solicited-node multicast: ff02::1:ffXX:XXXX and 33:33:ffXX:XXXX. */
    uint8_t dst_ip[16] = { 0xff, 0x02, [11] = 0x01, [12] = 0xff };
    uint8_t dst_mac[PKT_ETH_ALEN] = { 0x33, 0x33, 0xff };
    memcpy(&dst_ip[13], &target[13], 3);
    memcpy(&dst_mac[3], &target[13], 3);
    build_nd(buf, PKT_ICMPV6_ND_NS, src_mac, dst_mac, src_ip, dst_ip, target,
             0, PKT_ND_OPT_SLL);
}

void
pkt_build_nd_na(struct ofpbuf *buf, const uint8_t src_mac[PKT_ETH_ALEN],
                const uint8_t dst_mac[PKT_ETH_ALEN],
                const uint8_t src_ip[16], const uint8_t dst_ip[16],
                const uint8_t target[16], uint8_t flags)
{
    build_nd(buf, PKT_ICMPV6_ND_NA, src_mac, dst_mac, src_ip, dst_ip, target,
             (uint32_t) flags << 24, PKT_ND_OPT_TLL);
}
