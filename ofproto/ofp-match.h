/* One match model for every OpenFlow version.
 *
 * A 'struct ofp_match' says which fields a flow matches ('fields', a bitmap
 * of enum ofp_field) and, for each, a value and a mask in host byte order
 * (MAC and IPv6 addresses as network-order byte arrays).  For a field that is
 * not in 'fields', value and mask are zero.  Values are always stored already
 * ANDed with their mask, so two matches that mean the same thing compare
 * equal with ofp_match_equal().
 *
 * The same struct decodes from and encodes to OpenFlow 1.0's fixed
 * 'ofp_match' (wildcards + CIDR bits) and OpenFlow 1.3's OXM TLVs.  A match
 * that one version cannot express (an IPv6 field in 1.0, a non-CIDR IPv4 mask
 * in 1.0, ...) is refused by the encoder with an error, never silently
 * widened.
 *
 * Fields 0..39 are numbered as the OXM OpenFlow-basic fields of OpenFlow
 * 1.3.  The fields after them are Open vSwitch (Nicira) extensions that
 * travel in OpenFlow 1.3 matches as NXM class 0x0001 TLVs, the way Open
 * vSwitch itself sends them; OpenFlow 1.0's fixed match cannot carry them.
 * Either way OXM encoding is a table lookup. */
#ifndef OFPROTO_OFP_MATCH_H
#define OFPROTO_OFP_MATCH_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-errors.h"

struct ds;

enum ofp_field {
    OFPF_IN_PORT = 0,       /* u32 */
    OFPF_IN_PHY_PORT = 1,   /* u32 */
    OFPF_METADATA = 2,      /* u64, maskable */
    OFPF_ETH_DST = 3,       /* mac, maskable */
    OFPF_ETH_SRC = 4,       /* mac, maskable */
    OFPF_ETH_TYPE = 5,      /* u16 */
    OFPF_VLAN_VID = 6,      /* u16 (13 bits incl. OFPVID_PRESENT), maskable */
    OFPF_VLAN_PCP = 7,      /* u8 (3 bits) */
    OFPF_IP_DSCP = 8,       /* u8 (6 bits) */
    OFPF_IP_ECN = 9,        /* u8 (2 bits) */
    OFPF_IP_PROTO = 10,     /* u8 */
    OFPF_IPV4_SRC = 11,     /* u32, maskable */
    OFPF_IPV4_DST = 12,     /* u32, maskable */
    OFPF_TCP_SRC = 13,      /* u16 */
    OFPF_TCP_DST = 14,      /* u16 */
    OFPF_UDP_SRC = 15,      /* u16 */
    OFPF_UDP_DST = 16,      /* u16 */
    OFPF_SCTP_SRC = 17,     /* u16 */
    OFPF_SCTP_DST = 18,     /* u16 */
    OFPF_ICMPV4_TYPE = 19,  /* u8 */
    OFPF_ICMPV4_CODE = 20,  /* u8 */
    OFPF_ARP_OP = 21,       /* u16 */
    OFPF_ARP_SPA = 22,      /* u32, maskable */
    OFPF_ARP_TPA = 23,      /* u32, maskable */
    OFPF_ARP_SHA = 24,      /* mac, maskable */
    OFPF_ARP_THA = 25,      /* mac, maskable */
    OFPF_IPV6_SRC = 26,     /* ipv6, maskable */
    OFPF_IPV6_DST = 27,     /* ipv6, maskable */
    OFPF_IPV6_FLABEL = 28,  /* u32 (20 bits), maskable */
    OFPF_ICMPV6_TYPE = 29,  /* u8 */
    OFPF_ICMPV6_CODE = 30,  /* u8 */
    OFPF_IPV6_ND_TARGET = 31, /* ipv6 */
    OFPF_IPV6_ND_SLL = 32,  /* mac */
    OFPF_IPV6_ND_TLL = 33,  /* mac */
    OFPF_MPLS_LABEL = 34,   /* u32 (20 bits) */
    OFPF_MPLS_TC = 35,      /* u8 (3 bits) */
    OFPF_MPLS_BOS = 36,     /* u8 (1 bit) */
    OFPF_PBB_ISID = 37,     /* u32 (24 bits, 3 bytes on the wire), maskable */
    OFPF_TUNNEL_ID = 38,    /* u64, maskable */
    OFPF_IPV6_EXTHDR = 39,  /* u16 (9 bits), maskable */

    /* Open vSwitch connection tracking (NXM class 0x0001), OpenFlow 1.3
     * only.  Both are read-only: a set_field on them is refused. */
    OFPF_CT_STATE = 40,     /* u32 (8 bits of OFPCS_*; 4 bytes on the wire,
                             * NXM_NX_CT_STATE, field 105), maskable */
    OFPF_CT_ZONE = 41,      /* u16 (NXM_NX_CT_ZONE, field 106) */
    OFPF_N_FIELDS
};

/* ct_state bits, as Open vSwitch defines them (CS_* in its flow.h), with
 * the names its flow syntax gives them ("+trk+est"). */
enum ofp_ct_state {
    OFPCS_NEW = 0x01,       /* "new": the first packet of a connection. */
    OFPCS_EST = 0x02,       /* "est": part of an established connection. */
    OFPCS_REL = 0x04,       /* "rel": related to an established one. */
    OFPCS_RPL = 0x08,       /* "rpl": in the reply direction. */
    OFPCS_INV = 0x10,       /* "inv": conntrack could not make sense of it. */
    OFPCS_TRK = 0x20,       /* "trk": went through the ct action. */
    OFPCS_SNAT = 0x40,      /* "snat": source address translated. */
    OFPCS_DNAT = 0x80,      /* "dnat": destination address translated. */
};
#define OFPCS_ALL 0xffu

/* The value (or mask) of one field, in host order except byte arrays. */
union ofp_field_value {
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    uint8_t mac[6];
    uint8_t ipv6[16];
};

/* How a field's value is stored in union ofp_field_value. */
enum ofp_field_kind {
    OFPFK_U8, OFPFK_U16, OFPFK_U32, OFPFK_U64, OFPFK_MAC, OFPFK_IPV6,
};

/* Static description of a field. */
struct ofp_field_info {
    enum ofp_field field;
    const char *name;         /* "ipv4_src": the OXM name, lower case. */
    enum ofp_field_kind kind;
    uint8_t wire_len;         /* OXM payload bytes without mask. */
    uint8_t n_bits;           /* Meaningful bits (e.g. 12+1 for VLAN_VID). */
    bool maskable;            /* OXM allows a mask. */
    bool settable;            /* OFPAT_SET_FIELD may write it. */
};

/* Returns the description of 'field', or NULL if out of range. */
const struct ofp_field_info *ofp_field_info(enum ofp_field);
/* The value of hex digit 'c', or -1 if it is not one. */
int ofp_hex_digit(char c);
/* Looks a field up by its name ("ipv4_src"); returns false if unknown. */
bool ofp_field_from_name(const char *, enum ofp_field *);

/* Values of every field; used twice in a match, for values and masks. */
struct ofp_flow_fields {
    uint64_t metadata;
    uint64_t tunnel_id;
    uint32_t in_port;
    uint32_t in_phy_port;
    uint32_t ipv4_src, ipv4_dst;
    uint32_t arp_spa, arp_tpa;
    uint32_t ipv6_flabel;
    uint32_t mpls_label;
    uint32_t pbb_isid;
    uint32_t ct_state;
    uint16_t eth_type;
    uint16_t vlan_vid;
    uint16_t tcp_src, tcp_dst;
    uint16_t udp_src, udp_dst;
    uint16_t sctp_src, sctp_dst;
    uint16_t arp_op;
    uint16_t ipv6_exthdr;
    uint16_t ct_zone;
    uint8_t eth_dst[6], eth_src[6];
    uint8_t arp_sha[6], arp_tha[6];
    uint8_t ipv6_nd_sll[6], ipv6_nd_tll[6];
    uint8_t ipv6_src[16], ipv6_dst[16];
    uint8_t ipv6_nd_target[16];
    uint8_t vlan_pcp;
    uint8_t ip_dscp, ip_ecn, ip_proto;
    uint8_t icmpv4_type, icmpv4_code;
    uint8_t icmpv6_type, icmpv6_code;
    uint8_t mpls_tc, mpls_bos;
};

struct ofp_match {
    uint64_t fields;            /* 1 << OFPF_* for each field matched. */
    struct ofp_flow_fields v;   /* Values, already ANDed with 'm'. */
    struct ofp_flow_fields m;   /* Masks; all-ones bits for exact. */
};

/* ---- Building and reading matches. ------------------------------------ */

/* Makes 'm' match every packet. */
void ofp_match_init_catchall(struct ofp_match *);

/* Matches 'field' against 'value' under 'mask' (NULL: exact).  A mask of all
 * zeros removes the field.  The value is ANDed with the mask. */
void ofp_match_set(struct ofp_match *, enum ofp_field,
                   const union ofp_field_value *value,
                   const union ofp_field_value *mask);
/* Stops matching 'field'. */
void ofp_match_clear(struct ofp_match *, enum ofp_field);
/* Returns true if 'm' matches 'field'; copies value and mask if non-NULL. */
bool ofp_match_get(const struct ofp_match *, enum ofp_field,
                   union ofp_field_value *value,
                   union ofp_field_value *mask);
static inline bool
ofp_match_has(const struct ofp_match *m, enum ofp_field f)
{
    return (m->fields >> f) & 1;
}
/* Returns true if 'field' is matched with an all-ones mask. */
bool ofp_match_is_exact(const struct ofp_match *, enum ofp_field);
/* For code that hashes or indexes matches field by field: points '*value'
 * and '*mask' at the storage of 'field' in 'm' (integers in host order,
 * byte arrays as they are) and returns its size in bytes, or returns 0 and
 * leaves them alone if 'field' is out of range.  The bytes are those of the
 * field whether or not 'm' matches it (ofp_match_has() says); only the
 * fields it matches are meaningful.  Points into 'm'. */
size_t ofp_match_field_bytes(const struct ofp_match *, enum ofp_field,
                             const uint8_t **value, const uint8_t **mask);

/* Typed shortcuts for the fields apps use most (exact matches). */
void ofp_match_set_in_port(struct ofp_match *, uint32_t port);
void ofp_match_set_eth_type(struct ofp_match *, uint16_t);
void ofp_match_set_eth_src(struct ofp_match *, const uint8_t mac[6]);
void ofp_match_set_eth_dst(struct ofp_match *, const uint8_t mac[6]);
/* 'vid' is the 12-bit VLAN id; OFPVID_PRESENT is added. */
void ofp_match_set_vlan_vid(struct ofp_match *, uint16_t vid);
/* Matches only packets without an 802.1Q tag. */
void ofp_match_set_no_vlan(struct ofp_match *);
void ofp_match_set_ip_proto(struct ofp_match *, uint8_t);
/* 'prefix_len' 0..32; host-order address. */
void ofp_match_set_ipv4_src(struct ofp_match *, uint32_t addr, int prefix);
void ofp_match_set_ipv4_dst(struct ofp_match *, uint32_t addr, int prefix);

bool ofp_match_equal(const struct ofp_match *, const struct ofp_match *);
bool ofp_match_is_catchall(const struct ofp_match *);

/* Checks OpenFlow 1.3 prerequisites (ipv4_src needs eth_type=0x0800,
 * tcp_dst needs ip_proto=6, vlan_pcp needs a VLAN, ...).  Returns 0 or
 * OFPERR_OFPBMC_BAD_PREREQ. */
enum ofperr ofp_match_check_prereqs(const struct ofp_match *);

/* Returns true if 'pkt' (an exact match describing one packet, as made by
 * pkt_flow_extract()) is matched by 'rule'. */
bool ofp_match_matches(const struct ofp_match *rule,
                       const struct ofp_match *pkt);

/* Returns true if every packet 'b' matches is matched by 'a' too: each field
 * 'a' matches, 'b' matches as well, with a mask that includes 'a''s and a
 * value that agrees with 'a''s under 'a''s mask.  A match covers itself;
 * the catch-all covers everything. */
bool ofp_match_covers(const struct ofp_match *a, const struct ofp_match *b);

/* ---- Wire formats. ---------------------------------------------------- */

/* OpenFlow 1.0: the fixed 40-byte 'struct ofp_match'.  Decode consumes
 * exactly 40 bytes from the cursor. */
#define OFP10_MATCH_LEN 40
enum ofperr ofp_match_decode_of10(struct ofp_cursor *, struct ofp_match *);
/* Appends 40 bytes.  Fails, appending nothing, if 'm' cannot be expressed in
 * OpenFlow 1.0: OFPERR_OFPBMC_BAD_FIELD for a field 1.0 lacks,
 * OFPERR_OFPBMC_BAD_MASK / BAD_DL_ADDR_MASK / BAD_NW_ADDR_MASK for masks it
 * cannot carry.  ofp_match_check_version() says why in words. */
enum ofperr ofp_match_encode_of10(const struct ofp_match *, struct ofpbuf *);

/* OpenFlow 1.3: 'struct ofp_match' of type OFPMT_OXM, including its padding
 * to a multiple of 8.  Decode consumes the whole padded structure and checks
 * OXM lengths, duplicates, masks and prerequisites. */
enum ofperr ofp_match_decode_of13(struct ofp_cursor *, struct ofp_match *);
/* The same for the match of a PACKET_IN, which describes one packet: a
 * Nicira (NXM class 0x0000 or 0x0001) TLV of a field this model lacks is
 * skipped rather than refused.  Open vSwitch puts such metadata there
 * (registers, ct_mark, ct_label, ct_nw_src... after a ct action). */
enum ofperr ofp_match_decode_of13_packet_in(struct ofp_cursor *,
                                            struct ofp_match *);
/* Appends the padded structure; returns its unpadded length (what the
 * 'length' field says) through 'len' if non-NULL. */
enum ofperr ofp_match_encode_of13(const struct ofp_match *, struct ofpbuf *,
                                  size_t *len);

/* Returns 0 if 'm' can be encoded for 'version', otherwise the error the
 * encoder would give, with a sentence saying why appended to 'why' (if
 * non-NULL), e.g. "ipv6_src cannot be matched in OpenFlow 1.0". */
enum ofperr ofp_match_check_version(const struct ofp_match *, uint8_t version,
                                    struct ds *why);

/* Checks that 'm' is fit to send: every prerequisite holds (as
 * ofp_match_check_prereqs()) and, unless 'version' is 0, 'version' can
 * express it (as ofp_match_check_version()).  Returns 0 or the first error,
 * with a sentence appended to 'why' (if non-NULL), e.g. "tcp_dst requires
 * ip_proto=6", and the field at fault in '*field' (if non-NULL):
 * OFPF_N_FIELDS on success or when no one field is at fault (an unknown
 * version). */
enum ofperr ofp_match_check(const struct ofp_match *, uint8_t version,
                            struct ds *why, enum ofp_field *field);

/* One OXM TLV, for OFPAT_SET_FIELD.  Decode reads one TLV (header + payload
 * [+ mask]) from the cursor. 'mask' may be NULL; then a masked TLV is an
 * error (OFPERR_OFPBAC_BAD_SET_ARGUMENT is the caller's to choose, so this
 * returns OFPERR_OFPBMC_BAD_MASK). */
enum ofperr ofp_oxm_decode_one(struct ofp_cursor *, enum ofp_field *,
                               union ofp_field_value *value,
                               union ofp_field_value *mask, bool *has_mask);
/* Appends one OXM TLV: exact if 'mask' is NULL. */
void ofp_oxm_encode_one(struct ofpbuf *, enum ofp_field,
                        const union ofp_field_value *value,
                        const union ofp_field_value *mask);

/* ---- Printing. --------------------------------------------------------- */

/* Appends "in_port=1,eth_type=0x0800,ipv4_src=10.0.0.0/8" (fields in field
 * order, masks as /prefix when CIDR, /mask otherwise); "any" when the match
 * is empty. */
void ofp_match_format(const struct ofp_match *, struct ds *);
/* Appends one field value (no name), e.g. "10.0.0.1" or "0x0800". */
void ofp_field_format_value(enum ofp_field, const union ofp_field_value *,
                            struct ds *);
/* Appends one field's value and, if 'mask' is non-NULL and not all-ones,
 * "/" and the mask, as ofp_match_format() prints it after "name=":
 * "10.0.0.0/8", "fe80::/10", "0x1000/0x1000", "00:11:22:00:00:00/
 * ff:ff:ff:00:00:00".  ct_state prints as ovs-ofctl prints it: masked as
 * flags, lowest bit first ("+est+trk", "-new+trk"), exact as "est|trk" or
 * "0". */
void ofp_field_format(enum ofp_field, const union ofp_field_value *value,
                      const union ofp_field_value *mask, struct ds *);

/* ---- Parsing. ---------------------------------------------------------- */

/* Parses 'text', a value of 'field' with an optional mask, as
 * ofp_field_format() prints it:
 *  - integer fields: decimal or 0x-hex (either for any integer field; a
 *    leading 0 is not octal), at most the field's n_bits wide;
 *  - ipv4_src/ipv4_dst/arp_spa/arp_tpa: dotted quad "10.0.0.1";
 *  - MAC fields: "00:11:22:33:44:55" (hex digits in either case);
 *  - IPv6 fields: any text inet_pton() reads ("2001:db8::1");
 *  - ct_state: a number, or Open vSwitch's flags (names new, est, rel, rpl,
 *    inv, trk, snat, dnat): "+trk+est-new" matches those bits set or clear
 *    and ignores the others (this is a mask: it needs a non-NULL 'mask');
 *    "est|trk" matches exactly those bits set.
 * A mask follows a '/' and is allowed only for a maskable field and only
 * when 'mask' is non-NULL: in the value's own syntax ("/255.255.0.0",
 * "/ff:ff:ff:00:00:00", "/0xff00"; an integer mask is a number, not a
 * prefix length), or for IPv4 and IPv6 fields a prefix length ("/24",
 * "/64").
 *
 * On success returns true and stores the value, ANDed with the mask (so
 * "10.0.0.1/24" reads as 10.0.0.0/24, as ofp_match_set() would store it),
 * in '*value'; the mask, all ones of the field's width when 'text' has
 * none, in '*mask' if non-NULL; and whether 'text' has a mask in '*masked'
 * if non-NULL.  An all-zero mask is valid (it matches anything).  As in the
 * OXM decoder, a vlan_vid with VLAN id bits but not OFPVID_PRESENT, where
 * the mask covers OFPVID_PRESENT, is refused.
 *
 * On failure returns false, leaves the outputs alone and appends one
 * sentence to 'error' (if non-NULL), quoting at most 40 bytes of 'text':
 *   "value 70000 out of range for tcp_dst (0..65535)"
 *   "invalid value 'x' for ipv4_src (expected an IPv4 address like ...)"
 *   "ip_proto cannot be masked"
 *   "prefix length 33 out of range for ipv4_dst (0..32)" */
bool ofp_field_parse(enum ofp_field, const char *text,
                     union ofp_field_value *value,
                     union ofp_field_value *mask, bool *masked,
                     struct ds *error);

#endif /* ofproto/ofp-match.h */
