/* Packet formats: parsing and building the frames a controller sees in
 * packet-ins and sends in packet-outs.  Pure code, no I/O.
 *
 * Parsing: pkt_parse() decodes Ethernet II (with up to PKT_MAX_VLANS stacked
 * 802.1Q / 802.1ad tags), ARP (Ethernet/IPv4), IPv4 (with options), IPv6
 * (walking hop-by-hop, routing, fragment and destination-options extension
 * headers), TCP, UDP, SCTP, ICMP, ICMPv6 (with neighbor discovery) and
 * recognizes LLDP.  pkt_parse_lldp() decodes an LLDPDU.
 *
 * Ownership: nothing is allocated.  Every pointer in a struct pkt_info or
 * struct pkt_lldp points into the caller's frame, which must outlive them.
 *
 * Errors: functions return 0 or a positive enum pkt_error.  A parse that
 * fails leaves in 'info' the layers decoded before the failure (their PKT_*
 * flags set, fields filled), so a truncated TCP header still yields a
 * consistent Ethernet + IPv4 description.  Checksums are not verified by the
 * parser (NICs offload them); pkt_check_csums() does that on request.
 *
 * Building: the pkt_put_* functions append headers to a struct ofpbuf
 * (which the caller owns).  L3 headers are appended with a zero length; the
 * L4 builders and pkt_finish_l3() then set the IPv4 total length and header
 * checksum or the IPv6 payload length, and the L4 checksum over the
 * pseudo-header, from the bytes actually in the buffer. */
#ifndef OFPROTO_PACKET_H
#define OFPROTO_PACKET_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ds;
struct ofpbuf;
struct ofp_match;

/* ---- Constants. --------------------------------------------------------- */

#define PKT_ETH_ALEN 6
#define PKT_ETH_HLEN 14
#define PKT_ETH_MIN_LEN 60       /* Without FCS. */

#define PKT_ETH_TYPE_IPV4 0x0800
#define PKT_ETH_TYPE_ARP 0x0806
#define PKT_ETH_TYPE_VLAN 0x8100   /* 802.1Q C-tag. */
#define PKT_ETH_TYPE_IPV6 0x86dd
#define PKT_ETH_TYPE_QINQ 0x88a8   /* 802.1ad S-tag. */
#define PKT_ETH_TYPE_LLDP 0x88cc
#define PKT_ETH_TYPE_MIN 0x0600    /* Smaller values are 802.3 lengths. */
#define PKT_ETH_TYPE_NOT_ETH 0x05ff /* What flow_extract reports for 802.3. */

#define PKT_IPPROTO_HOPOPTS 0
#define PKT_IPPROTO_ICMP 1
#define PKT_IPPROTO_TCP 6
#define PKT_IPPROTO_UDP 17
#define PKT_IPPROTO_ROUTING 43
#define PKT_IPPROTO_FRAGMENT 44
#define PKT_IPPROTO_ICMPV6 58
#define PKT_IPPROTO_NONE 59
#define PKT_IPPROTO_DSTOPTS 60
#define PKT_IPPROTO_SCTP 132

#define PKT_ARP_OP_REQUEST 1
#define PKT_ARP_OP_REPLY 2

#define PKT_ICMP_ECHO_REPLY 0
#define PKT_ICMP_ECHO_REQUEST 8
#define PKT_ICMPV6_ECHO_REQUEST 128
#define PKT_ICMPV6_ECHO_REPLY 129
#define PKT_ICMPV6_ND_NS 135
#define PKT_ICMPV6_ND_NA 136
#define PKT_ND_OPT_SLL 1
#define PKT_ND_OPT_TLL 2
/* Neighbor advertisement flags (first byte of the reserved word). */
#define PKT_ND_NA_ROUTER 0x80
#define PKT_ND_NA_SOLICITED 0x40
#define PKT_ND_NA_OVERRIDE 0x20

#define PKT_TCP_FIN 0x01
#define PKT_TCP_SYN 0x02
#define PKT_TCP_RST 0x04
#define PKT_TCP_PSH 0x08
#define PKT_TCP_ACK 0x10
#define PKT_TCP_URG 0x20

/* Bounds.  Frames that exceed them are refused, not partly walked. */
#define PKT_MAX_VLANS 4       /* Stacked 802.1Q/802.1ad tags. */
#define PKT_MAX_IPV6_EXT 8    /* IPv6 extension headers before L4. */
#define PKT_LLDP_MAX_ORG 8    /* Org-specific TLVs kept by the LLDP parser. */

/* LLDP (IEEE 802.1AB). */
#define PKT_LLDP_TLV_END 0
#define PKT_LLDP_TLV_CHASSIS_ID 1
#define PKT_LLDP_TLV_PORT_ID 2
#define PKT_LLDP_TLV_TTL 3
#define PKT_LLDP_TLV_ORG 127
#define PKT_LLDP_CHASSIS_MAC 4
#define PKT_LLDP_CHASSIS_LOCAL 7
#define PKT_LLDP_PORT_COMPONENT 2
#define PKT_LLDP_PORT_MAC 3
#define PKT_LLDP_PORT_LOCAL 7
#define PKT_LLDP_MAX_ID_LEN 255   /* Chassis/port id bytes after subtype. */
#define PKT_LLDP_MAX_ORG_LEN 507  /* Org TLV payload after OUI + subtype. */

/* ---- Errors. ------------------------------------------------------------ */

enum pkt_error {
    PKT_OK = 0,
    PKT_E_TRUNCATED,      /* A fixed-size header runs past the frame end. */
    PKT_E_BAD_LEN,        /* A length field is too small, or larger than
                           * the bytes available. */
    PKT_E_BAD_VERSION,    /* IP version nibble does not match Ethertype. */
    PKT_E_TOO_MANY_VLANS, /* More than PKT_MAX_VLANS tags. */
    PKT_E_TOO_MANY_EXT,   /* More than PKT_MAX_IPV6_EXT extension headers. */
    PKT_E_BAD_ND,         /* Malformed neighbor discovery option. */
    PKT_E_NOT_LLDP,       /* pkt_parse_lldp() on a non-LLDP frame. */
    PKT_E_BAD_LLDP,       /* LLDP TLVs missing, out of order or bad. */
    PKT_E_BAD_CSUM,       /* pkt_check_csums(): a checksum is wrong. */
    PKT_E_INVAL,          /* A builder was given arguments it cannot encode. */
};

/* Returns a constant string naming 'error' ("truncated", ...). */
const char *pkt_strerror(int error);

/* ---- Parsing. ----------------------------------------------------------- */

/* Layers present in a struct pkt_info (bits of 'flags'). */
enum {
    PKT_F_ETH = 1 << 0,
    PKT_F_VLAN = 1 << 1,      /* At least one tag; see 'n_vlans'. */
    PKT_F_ARP = 1 << 2,       /* Ethernet/IPv4 ARP. */
    PKT_F_IPV4 = 1 << 3,
    PKT_F_IPV6 = 1 << 4,
    PKT_F_FRAG = 1 << 5,      /* An IP fragment (first or later). */
    PKT_F_LATER_FRAG = 1 << 6, /* Fragment offset != 0: no L4 header. */
    PKT_F_TCP = 1 << 7,
    PKT_F_UDP = 1 << 8,
    PKT_F_SCTP = 1 << 9,
    PKT_F_ICMP = 1 << 10,
    PKT_F_ICMPV6 = 1 << 11,
    PKT_F_ND = 1 << 12,       /* ICMPv6 NS/NA: nd_target valid. */
    PKT_F_ND_SLL = 1 << 13,
    PKT_F_ND_TLL = 1 << 14,
    PKT_F_LLDP = 1 << 15,     /* Ethertype 0x88cc; see pkt_parse_lldp(). */
    PKT_F_802_3 = 1 << 16,    /* Ethertype field is an 802.3 length. */
};

struct pkt_vlan {
    uint16_t tpid;   /* PKT_ETH_TYPE_VLAN or PKT_ETH_TYPE_QINQ. */
    uint16_t vid;    /* 12 bits. */
    uint8_t pcp;     /* 3 bits. */
    uint8_t dei;     /* 1 bit. */
};

/* Offsets are from the start of the frame; PKT_OFS_NONE when absent. */
#define PKT_OFS_NONE SIZE_MAX

struct pkt_info {
    uint32_t flags;               /* PKT_F_*. */
    const uint8_t *frame;         /* The caller's frame. */
    size_t len;                   /* Its length. */

    size_t l3_ofs;                /* After the Ethernet header and tags. */
    size_t l4_ofs;                /* After IPv4 options / IPv6 ext headers. */
    size_t l4_len;                /* From 'l4_ofs' to the end of the L3
                                   * payload (IPv4 total / IPv6 length). */
    /* What follows the last header parsed, limited by the IPv4 total
     * length, IPv6 payload length or UDP length: TCP/UDP/SCTP data, the
     * ICMP body after type/code/checksum (empty for ND, whose options are
     * consumed), a later fragment's data, the bytes after an ARP body
     * (padding), an LLDPDU, or whatever follows an unknown Ethertype or IP
     * protocol.  NULL if the Ethernet header or a VLAN tag is cut short
     * or there are too many tags. */
    const uint8_t *payload;
    size_t payload_len;

    /* Ethernet. */
    uint8_t eth_dst[PKT_ETH_ALEN];
    uint8_t eth_src[PKT_ETH_ALEN];
    uint16_t eth_type;            /* Innermost, after all tags. */
    size_t n_vlans;
    struct pkt_vlan vlans[PKT_MAX_VLANS]; /* [0] is the outermost. */

    /* ARP. */
    uint16_t arp_op;
    uint8_t arp_sha[PKT_ETH_ALEN];
    uint8_t arp_tha[PKT_ETH_ALEN];
    uint32_t arp_spa, arp_tpa;    /* Host order. */

    /* IPv4 / IPv6. */
    uint8_t ip_proto;             /* IPv6: the upper-layer next header. */
    uint8_t ip_tos;               /* IPv4 TOS / IPv6 traffic class. */
    uint8_t ip_ttl;               /* IPv4 TTL / IPv6 hop limit. */
    uint16_t ip_frag_ofs;         /* Fragment offset in 8-byte units. */
    uint32_t ipv4_src, ipv4_dst;  /* Host order. */
    size_t ipv4_opts_len;         /* IHL * 4 - 20. */
    uint8_t ipv6_src[16], ipv6_dst[16];
    uint32_t ipv6_flabel;         /* 20 bits. */
    size_t n_ipv6_ext;            /* Extension headers walked. */

    /* TCP / UDP / SCTP. */
    uint16_t l4_src, l4_dst;
    uint8_t tcp_flags;            /* PKT_TCP_*. */

    /* ICMP / ICMPv6. */
    uint8_t icmp_type, icmp_code;

    /* Neighbor discovery. */
    uint8_t nd_target[16];
    uint8_t nd_sll[PKT_ETH_ALEN]; /* Zero unless PKT_F_ND_SLL. */
    uint8_t nd_tll[PKT_ETH_ALEN]; /* Zero unless PKT_F_ND_TLL. */
};

/* Parses the 'len' bytes of 'frame' (an Ethernet frame without FCS) into
 * 'info'.  Returns 0 or a PKT_E_* code; on error 'info' describes the layers
 * before the faulty one.  An unknown Ethertype or IP protocol is not an
 * error: parsing stops there and 'payload' is what follows.  Bytes after an
 * IPv4 total length or IPv6 payload length (Ethernet padding) are ignored.
 * 'info' points into 'frame'. */
int pkt_parse(const void *frame, size_t len, struct pkt_info *info);

/* Fills 'match' with an exact match on every OpenFlow 1.3 field 'info'
 * has, following the 1.3 prerequisites: in_port, eth_dst/src/type,
 * vlan_vid (OFPVID_PRESENT | vid of the outermost tag, or exactly
 * OFPVID_NONE when untagged), vlan_pcp, ip_dscp/ecn/proto, addresses,
 * ipv6_flabel, L4 ports, ICMP type/code, ARP fields and ND target with SLL
 * (solicitation) or TLL (advertisement), zero when the option is absent.
 * Later fragments have no L4 fields.  802.3 frames get eth_type 0x05ff. */
void pkt_flow_extract(const struct pkt_info *info, uint32_t in_port,
                      struct ofp_match *match);

/* Appends one line describing 'info', e.g.
 * "eth 00:00:00:00:00:01->ff:ff:ff:ff:ff:ff vlan 10 ipv4 10.0.0.1->10.0.0.2
 *  tcp 1234->80 [S]" (on one line). */
void pkt_format(const struct pkt_info *info, struct ds *);

/* Verifies the IPv4 header checksum and the TCP/UDP/ICMP/ICMPv6 checksum of
 * a parsed frame (SCTP's CRC32c is not checked).  A UDP checksum of zero
 * over IPv4 means "none" and passes.  Fragments' L4 checksums are skipped.
 * The IPv6 pseudo-header uses the IPv6 header's destination (a routing
 * header's final destination is not looked up).
 * Returns 0 or PKT_E_BAD_CSUM. */
int pkt_check_csums(const struct pkt_info *info);

/* ---- LLDP. -------------------------------------------------------------- */

struct pkt_lldp_org {
    uint8_t oui[3];
    uint8_t subtype;
    const uint8_t *data;    /* Points into the frame (builder: caller's). */
    size_t len;             /* 0..PKT_LLDP_MAX_ORG_LEN. */
};

/* An LLDPDU: the three mandatory TLVs and the org-specific TLVs. */
struct pkt_lldp {
    uint8_t chassis_subtype;
    const uint8_t *chassis_id;  /* Without the subtype byte. */
    size_t chassis_id_len;      /* 1..255. */
    uint8_t port_subtype;
    const uint8_t *port_id;
    size_t port_id_len;         /* 1..255. */
    uint16_t ttl;               /* Seconds. */
    size_t n_org;               /* Entries used in 'org'. */
    size_t n_org_seen;          /* Org TLVs in the frame (may exceed max). */
    struct pkt_lldp_org org[PKT_LLDP_MAX_ORG];
    bool has_end;               /* An End TLV was present. */
};

/* Parses 'frame' (Ethernet, optionally tagged, Ethertype 0x88cc) as LLDP.
 * The first three TLVs must be chassis id, port id and TTL (802.1AB); every
 * TLV length is checked against the frame and against its type's rules
 * (ids 2..256 bytes, TTL exactly 2, org at least 4).  Other TLV types are
 * skipped.  The End TLV is optional at the very end of the frame; bytes
 * after it (padding) are ignored.  Org TLVs beyond PKT_LLDP_MAX_ORG are
 * counted in 'n_org_seen' but not stored.  Returns 0, PKT_E_NOT_LLDP,
 * PKT_E_TRUNCATED, PKT_E_BAD_LEN or PKT_E_BAD_LLDP.  'lldp' points into
 * 'frame'. */
int pkt_parse_lldp(const void *frame, size_t len, struct pkt_lldp *lldp);

/* Appends an LLDP frame to 'buf': Ethernet to 01:80:c2:00:00:0e from
 * 'src_mac', the mandatory TLVs from 'lldp', its 'n_org' org TLVs and an End
 * TLV, padded to PKT_ETH_MIN_LEN.  ('n_org_seen' and 'has_end' are
 * ignored.)  Returns 0, or PKT_E_INVAL (appending nothing) if a length is
 * out of range. */
int pkt_build_lldp(struct ofpbuf *buf, const uint8_t src_mac[PKT_ETH_ALEN],
                   const struct pkt_lldp *lldp);

/* ---- Building. ---------------------------------------------------------- */

extern const uint8_t pkt_eth_broadcast[PKT_ETH_ALEN];
extern const uint8_t pkt_lldp_dst[PKT_ETH_ALEN];  /* 01:80:c2:00:00:0e */

/* Appends an Ethernet II header. */
void pkt_put_eth(struct ofpbuf *, const uint8_t dst[PKT_ETH_ALEN],
                 const uint8_t src[PKT_ETH_ALEN], uint16_t eth_type);
/* Appends an Ethernet header with 'n' tags ('tags[0]' outermost; each tag's
 * 'tpid', 'vid', 'pcp' and 'dei' are used) then 'eth_type'. */
void pkt_put_eth_vlans(struct ofpbuf *, const uint8_t dst[PKT_ETH_ALEN],
                       const uint8_t src[PKT_ETH_ALEN],
                       const struct pkt_vlan *tags, size_t n,
                       uint16_t eth_type);

/* Appends a whole ARP frame (Ethernet/IPv4; addresses host order).
 * Requests go to broadcast with a zero 'tha'; replies go to 'tha'. */
void pkt_build_arp(struct ofpbuf *, uint16_t op,
                   const uint8_t sha[PKT_ETH_ALEN], uint32_t spa,
                   const uint8_t tha[PKT_ETH_ALEN], uint32_t tpa);
void pkt_build_arp_request(struct ofpbuf *, const uint8_t sha[PKT_ETH_ALEN],
                           uint32_t spa, uint32_t tpa);
void pkt_build_arp_reply(struct ofpbuf *, const uint8_t sha[PKT_ETH_ALEN],
                         uint32_t spa, const uint8_t tha[PKT_ETH_ALEN],
                         uint32_t tpa);

/* Appends an IPv4 header (no fragmentation, id 0) with 'opts_len' bytes of
 * options (a multiple of 4, at most 40; PKT_E_INVAL otherwise, nothing
 * appended).  Total length and checksum are set by the L4 builders or
 * pkt_finish_l3().  Stores the header's offset in '*l3_ofs'. */
int pkt_put_ipv4_opts(struct ofpbuf *, uint32_t src, uint32_t dst,
                      uint8_t proto, uint8_t tos, uint8_t ttl,
                      const void *opts, size_t opts_len, size_t *l3_ofs);
/* Same without options; returns the header's offset. */
size_t pkt_put_ipv4(struct ofpbuf *, uint32_t src, uint32_t dst,
                    uint8_t proto, uint8_t tos, uint8_t ttl);
/* Appends an IPv6 header; returns its offset.  Payload length is set later
 * like IPv4's total length. */
size_t pkt_put_ipv6(struct ofpbuf *, const uint8_t src[16],
                    const uint8_t dst[16], uint8_t next_header,
                    uint8_t tclass, uint32_t flabel, uint8_t hop_limit);
/* Appends an IPv6 extension header: 'next_header', a length byte, then
 * 'len' bytes of 'data'.  'len + 2' must be a multiple of 8 (a fragment
 * header has len 6).  Returns 0 or PKT_E_INVAL. */
int pkt_put_ipv6_ext(struct ofpbuf *, uint8_t next_header,
                     const void *data, size_t len);

/* Sets the length fields (and the IPv4 header checksum) of the L3 header at
 * 'l3_ofs' so that it ends at the current end of 'buf'. */
void pkt_finish_l3(struct ofpbuf *, size_t l3_ofs);

/* Each of these appends an L4 header and 'len' bytes of 'payload', then
 * finishes the L3 header at 'l3_ofs' (IPv4 or IPv6, told by its version)
 * and fills the L4 checksum over the pseudo-header.  Returns the offset of
 * the L4 header. */
size_t pkt_put_udp(struct ofpbuf *, size_t l3_ofs, uint16_t src,
                   uint16_t dst, const void *payload, size_t len);
size_t pkt_put_tcp(struct ofpbuf *, size_t l3_ofs, uint16_t src,
                   uint16_t dst, uint32_t seq, uint32_t ack, uint8_t flags,
                   uint16_t window, const void *payload, size_t len);
/* ICMP echo request (PKT_ICMP_ECHO_REQUEST) or reply; no pseudo-header. */
size_t pkt_put_icmp_echo(struct ofpbuf *, size_t l3_ofs, uint8_t type,
                         uint16_t id, uint16_t seq, const void *payload,
                         size_t len);
/* Any ICMPv6 message: type, code, checksum, then 'body'. */
size_t pkt_put_icmpv6(struct ofpbuf *, size_t l3_ofs, uint8_t type,
                      uint8_t code, const void *body, size_t len);

/* Whole neighbor solicitation frame for 'target' from 'src_mac'/'src_ip' to
 * the solicited-node multicast address, hop limit 255, with an SLL
 * option. */
void pkt_build_nd_ns(struct ofpbuf *, const uint8_t src_mac[PKT_ETH_ALEN],
                     const uint8_t src_ip[16], const uint8_t target[16]);
/* Whole neighbor advertisement frame for 'target' ('flags' PKT_ND_NA_*),
 * hop limit 255, with a TLL option carrying 'src_mac'. */
void pkt_build_nd_na(struct ofpbuf *, const uint8_t src_mac[PKT_ETH_ALEN],
                     const uint8_t dst_mac[PKT_ETH_ALEN],
                     const uint8_t src_ip[16], const uint8_t dst_ip[16],
                     const uint8_t target[16], uint8_t flags);

/* Pads the frame that starts at 'frame_ofs' with zeros to PKT_ETH_MIN_LEN. */
void pkt_pad_min(struct ofpbuf *, size_t frame_ofs);

/* ---- Checksums (RFC 1071). --------------------------------------------- */

/* Adds 'len' bytes to a running 32-bit sum.  Only the last chunk of a sum
 * may have an odd length. */
uint32_t pkt_csum_add(uint32_t sum, const void *data, size_t len);
uint32_t pkt_csum_add16(uint32_t sum, uint16_t v);
/* Folds and complements a running sum into the checksum field value. */
uint16_t pkt_csum_finish(uint32_t sum);
/* pkt_csum_finish(pkt_csum_add(0, data, len)). */
uint16_t pkt_csum(const void *data, size_t len);
/* Pseudo-header sums; 'len' is the upper-layer length. */
uint32_t pkt_csum_pseudo_ipv4(uint32_t src, uint32_t dst, uint8_t proto,
                              uint32_t len);
uint32_t pkt_csum_pseudo_ipv6(const uint8_t src[16], const uint8_t dst[16],
                              uint8_t proto, uint32_t len);

#endif /* ofproto/packet.h */
