/* One match model, two wire formats: OpenFlow 1.0's fixed ofp_match and
 * OpenFlow 1.3's OXM TLVs.
 *
 * Everything about a field (name, storage, wire size, meaningful bits,
 * maskability, prerequisite, print style) lives in one table, 'fields'
 * below, indexed by enum ofp_field.  The OXM codec is generic over that
 * table; only the 1.0 codec knows individual fields, because 1.0 packs them
 * into a fixed struct with its own wildcard rules.
 *
 * Choices where the specification leaves room (documented here because the
 * tests pin them down):
 *  - An OXM value with bits above the field's width (a 13th VLAN bit, a 21st
 *    flow-label bit) is OFPBMC_BAD_VALUE; a mask with such bits is
 *    OFPBMC_BAD_MASK.
 *  - An OXM value with a 1-bit where its mask has a 0-bit is
 *    OFPBMC_BAD_WILDCARDS, as OpenFlow 1.3.x section 7.2.3.5 asks ("a switch
 *    must reject ... with OFPBMC_BAD_WILDCARDS"); Open vSwitch reports the
 *    same case as BAD_VALUE or silently ANDs, depending on the version.
 *  - A VLAN_VID value carrying VLAN id bits without OFPVID_PRESENT, where the
 *    mask covers OFPVID_PRESENT, can never match and is OFPBMC_BAD_VALUE.
 *  - Prerequisites are checked after the whole OXM list is read, so their
 *    order inside the match does not matter (the spec recommends that
 *    prerequisites come first; every valid order is accepted).
 *  - OXM classes other than OFPXMC_OPENFLOW_BASIC (including experimenter)
 *    are refused with OFPBMC_BAD_FIELD, except the few Nicira (NXM class
 *    0x0001) fields the table below knows: skipping a field we cannot
 *    represent would silently widen the match.
 *  - ct_state is 32 bits on the wire but only its 8 defined bits are
 *    modelled (n_bits 8), so "exact" means mask 0xff, as Open vSwitch's own
 *    flow syntax has it ("ct_state=est|trk").  A value with other bits is
 *    OFPBMC_BAD_VALUE, as in Open vSwitch; a mask with other bits is
 *    OFPBMC_BAD_MASK (Open vSwitch ignores them, and never sends them).
 *    An exact ct_state goes out as an unmasked TLV, which Open vSwitch reads
 *    as the same match.
 *  - A PACKET_IN's match is the packet's metadata, not a rule: there the
 *    Nicira fields we do not know (NXM classes 0x0000 and 0x0001: the
 *    registers, ct_mark, ct_nw_src... that Open vSwitch adds after a ct
 *    action) are skipped instead of refused, each still checked for length
 *    (ofp_match_decode_of13_packet_in()).  Dropping one widens no flow,
 *    and refusing them would lose every packet-in of a tracked
 *    connection. */
#include <config.h>

#include "ofproto/ofp-match.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-types.h"

#define OFPXMC_OPENFLOW_BASIC 0x8000
#define OFPXMC_NXM_0 0x0000     /* Nicira's OpenFlow 1.0 fields. */
#define OFPXMC_NXM_1 0x0001     /* Open vSwitch's Nicira extension fields. */

/* ofp13 match types. */
#define OFPMT_STANDARD 0
#define OFPMT_OXM 1

/* ---- The field table. --------------------------------------------------- */

/* What must hold in the same match for a field to be meaningful (OpenFlow
 * 1.3 table 12, "Match fields details"). */
enum prereq {
    PRQ_NONE,
    PRQ_IN_PORT,    /* IN_PORT present. */
    PRQ_VLAN,       /* VLAN_VID present with OFPVID_PRESENT set. */
    PRQ_IP_ANY,     /* ETH_TYPE 0x0800 or 0x86dd. */
    PRQ_IPV4,       /* ETH_TYPE 0x0800. */
    PRQ_IPV6,       /* ETH_TYPE 0x86dd. */
    PRQ_ARP,        /* ETH_TYPE 0x0806. */
    PRQ_TCP,        /* IP_PROTO 6. */
    PRQ_UDP,        /* IP_PROTO 17. */
    PRQ_SCTP,       /* IP_PROTO 132. */
    PRQ_ICMPV4,     /* IP_PROTO 1. */
    PRQ_ICMPV6,     /* IP_PROTO 58. */
    PRQ_ND,         /* ICMPV6_TYPE 135 or 136. */
    PRQ_ND_SOLICIT, /* ICMPV6_TYPE 135. */
    PRQ_ND_ADVERT,  /* ICMPV6_TYPE 136. */
    PRQ_MPLS,       /* ETH_TYPE 0x8847 or 0x8848. */
    PRQ_PBB,        /* ETH_TYPE 0x88e7. */
};

/* How a value prints. */
enum field_fmt {
    FMT_DEC,  /* Decimal: ports, protocol numbers. */
    FMT_HEX,  /* 0x-prefixed, zero-padded to the wire width. */
    FMT_IPV4, /* Dotted quad; CIDR masks print as /N. */
    FMT_MAC,
    FMT_IPV6,
    FMT_CT_STATE, /* Open vSwitch's flags: "+est+trk", exact "est|trk". */
};

struct field_def {
    struct ofp_field_info info;
    size_t ofs;             /* offsetof(struct ofp_flow_fields, member). */
    enum field_fmt fmt;
    enum prereq prereq;
    uint16_t oxm_class;     /* OFPXMC_OPENFLOW_BASIC or OFPXMC_NXM_1. */
    uint8_t oxm_field;      /* Field number within 'oxm_class'. */
};

/* An OpenFlow-basic field: its OXM field number is its enum value, and
 * OFPAT_SET_FIELD may write it. */
#define FIELD(ENUM, NAME, MEMBER, KIND, WLEN, NBITS, MASKABLE, FMT, PRQ)    \
    [ENUM] = { { ENUM, NAME, KIND, WLEN, NBITS, MASKABLE, true },           \
               offsetof(struct ofp_flow_fields, MEMBER), FMT, PRQ,          \
               OFPXMC_OPENFLOW_BASIC, ENUM }

/* A read-only Nicira extension field, NXM class 0x0001 field NXM_FIELD. */
#define NX_FIELD(ENUM, NAME, MEMBER, KIND, WLEN, NBITS, MASKABLE, FMT, PRQ, \
                 NXM_FIELD)                                                 \
    [ENUM] = { { ENUM, NAME, KIND, WLEN, NBITS, MASKABLE, false },          \
               offsetof(struct ofp_flow_fields, MEMBER), FMT, PRQ,          \
               OFPXMC_NXM_1, NXM_FIELD }

static const struct field_def fields[OFPF_N_FIELDS] = {
    FIELD(OFPF_IN_PORT, "in_port", in_port, OFPFK_U32, 4, 32, false,
          FMT_DEC, PRQ_NONE),
    FIELD(OFPF_IN_PHY_PORT, "in_phy_port", in_phy_port, OFPFK_U32, 4, 32,
          false, FMT_DEC, PRQ_IN_PORT),
    FIELD(OFPF_METADATA, "metadata", metadata, OFPFK_U64, 8, 64, true,
          FMT_HEX, PRQ_NONE),
    FIELD(OFPF_ETH_DST, "eth_dst", eth_dst, OFPFK_MAC, 6, 48, true,
          FMT_MAC, PRQ_NONE),
    FIELD(OFPF_ETH_SRC, "eth_src", eth_src, OFPFK_MAC, 6, 48, true,
          FMT_MAC, PRQ_NONE),
    FIELD(OFPF_ETH_TYPE, "eth_type", eth_type, OFPFK_U16, 2, 16, false,
          FMT_HEX, PRQ_NONE),
    FIELD(OFPF_VLAN_VID, "vlan_vid", vlan_vid, OFPFK_U16, 2, 13, true,
          FMT_HEX, PRQ_NONE),
    FIELD(OFPF_VLAN_PCP, "vlan_pcp", vlan_pcp, OFPFK_U8, 1, 3, false,
          FMT_DEC, PRQ_VLAN),
    FIELD(OFPF_IP_DSCP, "ip_dscp", ip_dscp, OFPFK_U8, 1, 6, false,
          FMT_DEC, PRQ_IP_ANY),
    FIELD(OFPF_IP_ECN, "ip_ecn", ip_ecn, OFPFK_U8, 1, 2, false,
          FMT_DEC, PRQ_IP_ANY),
    FIELD(OFPF_IP_PROTO, "ip_proto", ip_proto, OFPFK_U8, 1, 8, false,
          FMT_DEC, PRQ_IP_ANY),
    FIELD(OFPF_IPV4_SRC, "ipv4_src", ipv4_src, OFPFK_U32, 4, 32, true,
          FMT_IPV4, PRQ_IPV4),
    FIELD(OFPF_IPV4_DST, "ipv4_dst", ipv4_dst, OFPFK_U32, 4, 32, true,
          FMT_IPV4, PRQ_IPV4),
    FIELD(OFPF_TCP_SRC, "tcp_src", tcp_src, OFPFK_U16, 2, 16, false,
          FMT_DEC, PRQ_TCP),
    FIELD(OFPF_TCP_DST, "tcp_dst", tcp_dst, OFPFK_U16, 2, 16, false,
          FMT_DEC, PRQ_TCP),
    FIELD(OFPF_UDP_SRC, "udp_src", udp_src, OFPFK_U16, 2, 16, false,
          FMT_DEC, PRQ_UDP),
    FIELD(OFPF_UDP_DST, "udp_dst", udp_dst, OFPFK_U16, 2, 16, false,
          FMT_DEC, PRQ_UDP),
    FIELD(OFPF_SCTP_SRC, "sctp_src", sctp_src, OFPFK_U16, 2, 16, false,
          FMT_DEC, PRQ_SCTP),
    FIELD(OFPF_SCTP_DST, "sctp_dst", sctp_dst, OFPFK_U16, 2, 16, false,
          FMT_DEC, PRQ_SCTP),
    FIELD(OFPF_ICMPV4_TYPE, "icmpv4_type", icmpv4_type, OFPFK_U8, 1, 8,
          false, FMT_DEC, PRQ_ICMPV4),
    FIELD(OFPF_ICMPV4_CODE, "icmpv4_code", icmpv4_code, OFPFK_U8, 1, 8,
          false, FMT_DEC, PRQ_ICMPV4),
    FIELD(OFPF_ARP_OP, "arp_op", arp_op, OFPFK_U16, 2, 16, false,
          FMT_DEC, PRQ_ARP),
    FIELD(OFPF_ARP_SPA, "arp_spa", arp_spa, OFPFK_U32, 4, 32, true,
          FMT_IPV4, PRQ_ARP),
    FIELD(OFPF_ARP_TPA, "arp_tpa", arp_tpa, OFPFK_U32, 4, 32, true,
          FMT_IPV4, PRQ_ARP),
    FIELD(OFPF_ARP_SHA, "arp_sha", arp_sha, OFPFK_MAC, 6, 48, true,
          FMT_MAC, PRQ_ARP),
    FIELD(OFPF_ARP_THA, "arp_tha", arp_tha, OFPFK_MAC, 6, 48, true,
          FMT_MAC, PRQ_ARP),
    FIELD(OFPF_IPV6_SRC, "ipv6_src", ipv6_src, OFPFK_IPV6, 16, 128, true,
          FMT_IPV6, PRQ_IPV6),
    FIELD(OFPF_IPV6_DST, "ipv6_dst", ipv6_dst, OFPFK_IPV6, 16, 128, true,
          FMT_IPV6, PRQ_IPV6),
    FIELD(OFPF_IPV6_FLABEL, "ipv6_flabel", ipv6_flabel, OFPFK_U32, 4, 20,
          true, FMT_HEX, PRQ_IPV6),
    FIELD(OFPF_ICMPV6_TYPE, "icmpv6_type", icmpv6_type, OFPFK_U8, 1, 8,
          false, FMT_DEC, PRQ_ICMPV6),
    FIELD(OFPF_ICMPV6_CODE, "icmpv6_code", icmpv6_code, OFPFK_U8, 1, 8,
          false, FMT_DEC, PRQ_ICMPV6),
    FIELD(OFPF_IPV6_ND_TARGET, "ipv6_nd_target", ipv6_nd_target, OFPFK_IPV6,
          16, 128, false, FMT_IPV6, PRQ_ND),
    FIELD(OFPF_IPV6_ND_SLL, "ipv6_nd_sll", ipv6_nd_sll, OFPFK_MAC, 6, 48,
          false, FMT_MAC, PRQ_ND_SOLICIT),
    FIELD(OFPF_IPV6_ND_TLL, "ipv6_nd_tll", ipv6_nd_tll, OFPFK_MAC, 6, 48,
          false, FMT_MAC, PRQ_ND_ADVERT),
    FIELD(OFPF_MPLS_LABEL, "mpls_label", mpls_label, OFPFK_U32, 4, 20, false,
          FMT_DEC, PRQ_MPLS),
    FIELD(OFPF_MPLS_TC, "mpls_tc", mpls_tc, OFPFK_U8, 1, 3, false,
          FMT_DEC, PRQ_MPLS),
    FIELD(OFPF_MPLS_BOS, "mpls_bos", mpls_bos, OFPFK_U8, 1, 1, false,
          FMT_DEC, PRQ_MPLS),
    FIELD(OFPF_PBB_ISID, "pbb_isid", pbb_isid, OFPFK_U32, 3, 24, true,
          FMT_HEX, PRQ_PBB),
    FIELD(OFPF_TUNNEL_ID, "tunnel_id", tunnel_id, OFPFK_U64, 8, 64, true,
          FMT_HEX, PRQ_NONE),
    FIELD(OFPF_IPV6_EXTHDR, "ipv6_exthdr", ipv6_exthdr, OFPFK_U16, 2, 9,
          true, FMT_HEX, PRQ_IPV6),
    /* Open vSwitch gives both no prerequisite (meta-flow.h: "Prerequisites:
     * none"): they describe the packet's conntrack lookup, not its
     * headers.  ct_zone prints in decimal, as ovs-ofctl shows flows. */
    NX_FIELD(OFPF_CT_STATE, "ct_state", ct_state, OFPFK_U32, 4, 8, true,
             FMT_CT_STATE, PRQ_NONE, 105),
    NX_FIELD(OFPF_CT_ZONE, "ct_zone", ct_zone, OFPFK_U16, 2, 16, false,
             FMT_DEC, PRQ_NONE, 106),
};

static const struct field_def *
field_def(enum ofp_field f)
{
    return (unsigned int) f < OFPF_N_FIELDS ? &fields[f] : NULL;
}

/* The field an OXM (or NXM) header names, or NULL if we do not know it. */
static const struct field_def *
field_by_oxm(unsigned int class, unsigned int fnum)
{
    if (class == OFPXMC_OPENFLOW_BASIC) {
        /* Basic fields are indexed by their number. */
        const struct field_def *d = field_def((enum ofp_field) fnum);
        return d && d->oxm_class == class ? d : NULL;
    }
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        if (fields[i].oxm_class == class && fields[i].oxm_field == fnum) {
            return &fields[i];
        }
    }
    return NULL;
}

const struct ofp_field_info *
ofp_field_info(enum ofp_field f)
{
    const struct field_def *d = field_def(f);
    return d ? &d->info : NULL;
}

bool
ofp_field_from_name(const char *name, enum ofp_field *f)
{
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        if (!strcmp(name, fields[i].info.name)) {
            *f = (enum ofp_field) i;
            return true;
        }
    }
    return false;
}

/* Bytes a value of 'kind' occupies in union ofp_field_value and in
 * struct ofp_flow_fields. */
static size_t
kind_size(enum ofp_field_kind kind)
{
    switch (kind) {
    case OFPFK_U8:
        return 1;
    case OFPFK_U16:
        return 2;
    case OFPFK_U32:
        return 4;
    case OFPFK_U64:
        return 8;
    case OFPFK_MAC:
        return 6;
    case OFPFK_IPV6:
        return 16;
    }
    return 0;
}

static bool
kind_is_int(enum ofp_field_kind kind)
{
    return kind != OFPFK_MAC && kind != OFPFK_IPV6;
}

/* The integer in 'v' of 'kind' (an integer kind). */
static uint64_t
value_get_int(enum ofp_field_kind kind, const union ofp_field_value *v)
{
    switch (kind) {
    case OFPFK_U8:
        return v->u8;
    case OFPFK_U16:
        return v->u16;
    case OFPFK_U32:
        return v->u32;
    case OFPFK_U64:
        return v->u64;
    case OFPFK_MAC:
    case OFPFK_IPV6:
        break;
    }
    return 0;
}

static void
value_set_int(enum ofp_field_kind kind, union ofp_field_value *v, uint64_t x)
{
    memset(v, 0, sizeof *v);
    switch (kind) {
    case OFPFK_U8:
        v->u8 = (uint8_t) x;
        break;
    case OFPFK_U16:
        v->u16 = (uint16_t) x;
        break;
    case OFPFK_U32:
        v->u32 = (uint32_t) x;
        break;
    case OFPFK_U64:
        v->u64 = x;
        break;
    case OFPFK_MAC:
    case OFPFK_IPV6:
        break;
    }
}

/* All 'n_bits' low bits of an integer field. */
static uint64_t
int_full_mask(const struct field_def *d)
{
    return d->info.n_bits >= 64 ? UINT64_MAX
           : ((uint64_t) 1 << d->info.n_bits) - 1;
}

/* Stores in 'mask' the exact-match mask of 'd'. */
static void
full_mask(const struct field_def *d, union ofp_field_value *mask)
{
    if (kind_is_int(d->info.kind)) {
        value_set_int(d->info.kind, mask, int_full_mask(d));
    } else {
        memset(mask, 0, sizeof *mask);
        memset(mask, 0xff, kind_size(d->info.kind));
    }
}

/* The storage of field 'd' inside 'ff'.  (Host memory built from the table's
 * offsets, not wire data.) */
static void *
ff_at(struct ofp_flow_fields *ff, const struct field_def *d)
{
    return (uint8_t *) ff + d->ofs;
}

static const void *
ff_at_const(const struct ofp_flow_fields *ff, const struct field_def *d)
{
    return (const uint8_t *) ff + d->ofs;
}

static void
ff_load(const struct ofp_flow_fields *ff, const struct field_def *d,
        union ofp_field_value *v)
{
    memset(v, 0, sizeof *v);
    memcpy(v, ff_at_const(ff, d), kind_size(d->info.kind));
}

static bool
value_is_zero(const struct field_def *d, const union ofp_field_value *v)
{
    size_t n = kind_size(d->info.kind);
    for (size_t i = 0; i < n; i++) {
        if (((const uint8_t *) v)[i]) {
            return false;
        }
    }
    return true;
}

static bool
value_equal(const struct field_def *d, const union ofp_field_value *a,
            const union ofp_field_value *b)
{
    return !memcmp(a, b, kind_size(d->info.kind));
}

/* ---- Building and reading matches. -------------------------------------- */

void
ofp_match_init_catchall(struct ofp_match *m)
{
    memset(m, 0, sizeof *m);
}

void
ofp_match_set(struct ofp_match *m, enum ofp_field f,
              const union ofp_field_value *value,
              const union ofp_field_value *mask)
{
    const struct field_def *d = field_def(f);
    if (!d) {
        return;
    }

    size_t n = kind_size(d->info.kind);
    union ofp_field_value v, mk;
    memset(&v, 0, sizeof v);
    memcpy(&v, value, n);
    if (mask) {
        memset(&mk, 0, sizeof mk);
        memcpy(&mk, mask, n);
    } else {
        full_mask(d, &mk);
    }

    if (kind_is_int(d->info.kind)) {
        uint64_t mi = value_get_int(d->info.kind, &mk) & int_full_mask(d);
        uint64_t vi = value_get_int(d->info.kind, &v) & mi;
        value_set_int(d->info.kind, &mk, mi);
        value_set_int(d->info.kind, &v, vi);
    } else {
        for (size_t i = 0; i < n; i++) {
            ((uint8_t *) &v)[i] &= ((const uint8_t *) &mk)[i];
        }
    }

    if (value_is_zero(d, &mk)) {
        ofp_match_clear(m, f);
        return;
    }
    memcpy(ff_at(&m->v, d), &v, n);
    memcpy(ff_at(&m->m, d), &mk, n);
    m->fields |= UINT64_C(1) << f;
}

void
ofp_match_clear(struct ofp_match *m, enum ofp_field f)
{
    const struct field_def *d = field_def(f);
    if (d) {
        memset(ff_at(&m->v, d), 0, kind_size(d->info.kind));
        memset(ff_at(&m->m, d), 0, kind_size(d->info.kind));
        m->fields &= ~(UINT64_C(1) << f);
    }
}

bool
ofp_match_get(const struct ofp_match *m, enum ofp_field f,
              union ofp_field_value *value, union ofp_field_value *mask)
{
    const struct field_def *d = field_def(f);
    if (!d || !ofp_match_has(m, f)) {
        return false;
    }
    if (value) {
        ff_load(&m->v, d, value);
    }
    if (mask) {
        ff_load(&m->m, d, mask);
    }
    return true;
}

bool
ofp_match_is_exact(const struct ofp_match *m, enum ofp_field f)
{
    const struct field_def *d = field_def(f);
    union ofp_field_value mk, full;
    if (!d || !ofp_match_get(m, f, NULL, &mk)) {
        return false;
    }
    full_mask(d, &full);
    return value_equal(d, &mk, &full);
}

size_t
ofp_match_field_bytes(const struct ofp_match *m, enum ofp_field f,
                      const uint8_t **value, const uint8_t **mask)
{
    const struct field_def *d = field_def(f);
    if (!d) {
        return 0;
    }
    *value = ff_at_const(&m->v, d);
    *mask = ff_at_const(&m->m, d);
    return kind_size(d->info.kind);
}

/* Exact value of an integer field, or false if it is absent or masked. */
static bool
exact_int(const struct ofp_match *m, enum ofp_field f, uint64_t *x)
{
    union ofp_field_value v;
    if (!ofp_match_is_exact(m, f) || !ofp_match_get(m, f, &v, NULL)) {
        return false;
    }
    *x = value_get_int(fields[f].info.kind, &v);
    return true;
}

static void
set_int(struct ofp_match *m, enum ofp_field f, uint64_t x, uint64_t mask)
{
    union ofp_field_value v, mk;
    value_set_int(fields[f].info.kind, &v, x);
    value_set_int(fields[f].info.kind, &mk, mask);
    ofp_match_set(m, f, &v, &mk);
}

static void
set_int_exact(struct ofp_match *m, enum ofp_field f, uint64_t x)
{
    set_int(m, f, x, int_full_mask(&fields[f]));
}

/* The netmask with the 'prefix' (0..32, clamped) leading bits set. */
static uint32_t
ipv4_prefix_mask(int prefix)
{
    return prefix <= 0 ? 0 : prefix >= 32 ? UINT32_MAX
           : UINT32_MAX << (32 - prefix);
}

/* Returns the prefix length of CIDR mask 'mask', or -1 if it is not one. */
static int
ipv4_mask_prefix(uint32_t mask)
{
    for (int p = 0; p <= 32; p++) {
        if (ipv4_prefix_mask(p) == mask) {
            return p;
        }
    }
    return -1;
}

/* Same for a 16-byte IPv6 mask. */
static int
ipv6_mask_prefix(const uint8_t mask[16])
{
    int p = 0;
    int i = 0;
    while (i < 16 && mask[i] == 0xff) {
        p += 8;
        i++;
    }
    if (i < 16) {
        uint8_t b = mask[i];
        while (b & 0x80) {
            p++;
            b = (uint8_t) (b << 1);
        }
        if (b) {
            return -1;
        }
        for (i++; i < 16; i++) {
            if (mask[i]) {
                return -1;
            }
        }
    }
    return p;
}

void
ofp_match_set_in_port(struct ofp_match *m, uint32_t port)
{
    set_int_exact(m, OFPF_IN_PORT, port);
}

void
ofp_match_set_eth_type(struct ofp_match *m, uint16_t type)
{
    set_int_exact(m, OFPF_ETH_TYPE, type);
}

static void
set_mac_exact(struct ofp_match *m, enum ofp_field f, const uint8_t mac[6])
{
    union ofp_field_value v;
    memset(&v, 0, sizeof v);
    memcpy(v.mac, mac, 6);
    ofp_match_set(m, f, &v, NULL);
}

void
ofp_match_set_eth_src(struct ofp_match *m, const uint8_t mac[6])
{
    set_mac_exact(m, OFPF_ETH_SRC, mac);
}

void
ofp_match_set_eth_dst(struct ofp_match *m, const uint8_t mac[6])
{
    set_mac_exact(m, OFPF_ETH_DST, mac);
}

void
ofp_match_set_vlan_vid(struct ofp_match *m, uint16_t vid)
{
    set_int_exact(m, OFPF_VLAN_VID, OFPVID_PRESENT | (vid & 0x0fff));
}

void
ofp_match_set_no_vlan(struct ofp_match *m)
{
    set_int_exact(m, OFPF_VLAN_VID, OFPVID_NONE);
}

void
ofp_match_set_ip_proto(struct ofp_match *m, uint8_t proto)
{
    set_int_exact(m, OFPF_IP_PROTO, proto);
}

void
ofp_match_set_ipv4_src(struct ofp_match *m, uint32_t addr, int prefix)
{
    set_int(m, OFPF_IPV4_SRC, addr, ipv4_prefix_mask(prefix));
}

void
ofp_match_set_ipv4_dst(struct ofp_match *m, uint32_t addr, int prefix)
{
    set_int(m, OFPF_IPV4_DST, addr, ipv4_prefix_mask(prefix));
}

bool
ofp_match_equal(const struct ofp_match *a, const struct ofp_match *b)
{
    if (a->fields != b->fields) {
        return false;
    }
    /* Field by field, so that padding or stray bits of unmatched fields
     * never make two equal matches differ. */
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        const struct field_def *d = &fields[i];
        size_t n = kind_size(d->info.kind);
        if (ofp_match_has(a, (enum ofp_field) i)
            && (memcmp(ff_at_const(&a->v, d), ff_at_const(&b->v, d), n)
                || memcmp(ff_at_const(&a->m, d), ff_at_const(&b->m, d), n))) {
            return false;
        }
    }
    return true;
}

bool
ofp_match_is_catchall(const struct ofp_match *m)
{
    return !m->fields;
}

/* ---- Prerequisites. ----------------------------------------------------- */

static bool
exact_int_is(const struct ofp_match *m, enum ofp_field f, uint64_t a,
             uint64_t b)
{
    uint64_t x;
    return exact_int(m, f, &x) && (x == a || x == b);
}

static bool
prereq_ok(const struct ofp_match *m, enum prereq p)
{
    union ofp_field_value v, mk;

    switch (p) {
    case PRQ_NONE:
        return true;
    case PRQ_IN_PORT:
        return ofp_match_has(m, OFPF_IN_PORT);
    case PRQ_VLAN:
        return (ofp_match_get(m, OFPF_VLAN_VID, &v, &mk)
                && (mk.u16 & OFPVID_PRESENT) && (v.u16 & OFPVID_PRESENT));
    case PRQ_IP_ANY:
        return exact_int_is(m, OFPF_ETH_TYPE, 0x0800, 0x86dd);
    case PRQ_IPV4:
        return exact_int_is(m, OFPF_ETH_TYPE, 0x0800, 0x0800);
    case PRQ_IPV6:
        return exact_int_is(m, OFPF_ETH_TYPE, 0x86dd, 0x86dd);
    case PRQ_ARP:
        return exact_int_is(m, OFPF_ETH_TYPE, 0x0806, 0x0806);
    case PRQ_TCP:
        return exact_int_is(m, OFPF_IP_PROTO, 6, 6);
    case PRQ_UDP:
        return exact_int_is(m, OFPF_IP_PROTO, 17, 17);
    case PRQ_SCTP:
        return exact_int_is(m, OFPF_IP_PROTO, 132, 132);
    case PRQ_ICMPV4:
        return exact_int_is(m, OFPF_IP_PROTO, 1, 1);
    case PRQ_ICMPV6:
        return exact_int_is(m, OFPF_IP_PROTO, 58, 58);
    case PRQ_ND:
        return exact_int_is(m, OFPF_ICMPV6_TYPE, 135, 136);
    case PRQ_ND_SOLICIT:
        return exact_int_is(m, OFPF_ICMPV6_TYPE, 135, 135);
    case PRQ_ND_ADVERT:
        return exact_int_is(m, OFPF_ICMPV6_TYPE, 136, 136);
    case PRQ_MPLS:
        return exact_int_is(m, OFPF_ETH_TYPE, 0x8847, 0x8848);
    case PRQ_PBB:
        return exact_int_is(m, OFPF_ETH_TYPE, 0x88e7, 0x88e7);
    }
    return false;
}

static const char *
prereq_text(enum prereq p)
{
    switch (p) {
    case PRQ_NONE:
        return "nothing";
    case PRQ_IN_PORT:
        return "in_port";
    case PRQ_VLAN:
        return "a VLAN tag (vlan_vid with OFPVID_PRESENT)";
    case PRQ_IP_ANY:
        return "eth_type=0x0800 or eth_type=0x86dd";
    case PRQ_IPV4:
        return "eth_type=0x0800";
    case PRQ_IPV6:
        return "eth_type=0x86dd";
    case PRQ_ARP:
        return "eth_type=0x0806";
    case PRQ_TCP:
        return "ip_proto=6";
    case PRQ_UDP:
        return "ip_proto=17";
    case PRQ_SCTP:
        return "ip_proto=132";
    case PRQ_ICMPV4:
        return "ip_proto=1";
    case PRQ_ICMPV6:
        return "ip_proto=58";
    case PRQ_ND:
        return "icmpv6_type=135 or icmpv6_type=136";
    case PRQ_ND_SOLICIT:
        return "icmpv6_type=135";
    case PRQ_ND_ADVERT:
        return "icmpv6_type=136";
    case PRQ_MPLS:
        return "eth_type=0x8847 or eth_type=0x8848";
    case PRQ_PBB:
        return "eth_type=0x88e7";
    }
    return "?";
}

/* Checks every matched field's prerequisite; on failure appends why to 'why'
 * (if non-NULL) and stores the field at fault in '*bad' (if non-NULL). */
static enum ofperr
check_prereqs(const struct ofp_match *m, struct ds *why, enum ofp_field *bad)
{
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        const struct field_def *d = &fields[i];
        if (ofp_match_has(m, (enum ofp_field) i) && !prereq_ok(m, d->prereq)) {
            if (why) {
                ds_put_format(why, "%s requires %s", d->info.name,
                              prereq_text(d->prereq));
            }
            if (bad) {
                *bad = (enum ofp_field) i;
            }
            return OFPERR_OFPBMC_BAD_PREREQ;
        }
    }
    return 0;
}

enum ofperr
ofp_match_check_prereqs(const struct ofp_match *m)
{
    return check_prereqs(m, NULL, NULL);
}

bool
ofp_match_matches(const struct ofp_match *rule, const struct ofp_match *pkt)
{
    if ((rule->fields & pkt->fields) != rule->fields) {
        return false;
    }
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        const struct field_def *d = &fields[i];
        if (!ofp_match_has(rule, (enum ofp_field) i)) {
            continue;
        }
        const uint8_t *pv = ff_at_const(&pkt->v, d);
        const uint8_t *rv = ff_at_const(&rule->v, d);
        const uint8_t *rm = ff_at_const(&rule->m, d);
        /* Byte-wise works for host-order integers too: AND and compare do
         * not care about byte order. */
        for (size_t j = 0; j < kind_size(d->info.kind); j++) {
            if ((pv[j] & rm[j]) != rv[j]) {
                return false;
            }
        }
    }
    return true;
}

bool
ofp_match_covers(const struct ofp_match *a, const struct ofp_match *b)
{
    /* A field 'a' matches that 'b' leaves free lets 'b' match packets with
     * any value there, some of which 'a' refuses.  (Prerequisites are
     * explicit fields in both, so no field of 'b' implies another.) */
    if ((a->fields & b->fields) != a->fields) {
        return false;
    }
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        const struct field_def *d = &fields[i];
        if (!ofp_match_has(a, (enum ofp_field) i)) {
            continue;
        }
        const uint8_t *av = ff_at_const(&a->v, d);
        const uint8_t *am = ff_at_const(&a->m, d);
        const uint8_t *bv = ff_at_const(&b->v, d);
        const uint8_t *bm = ff_at_const(&b->m, d);
        for (size_t j = 0; j < kind_size(d->info.kind); j++) {
            /* Every bit 'a' looks at, 'b' fixes, to the same value. */
            if ((am[j] & ~bm[j]) || (bv[j] & am[j]) != av[j]) {
                return false;
            }
        }
    }
    return true;
}

/* ---- OXM TLVs. ---------------------------------------------------------- */

/* Reads 'd''s value (wire_len bytes) from 'c' into 'v'.  The caller made sure
 * enough bytes remain. */
static bool
oxm_pull_value(struct ofp_cursor *c, const struct field_def *d,
               union ofp_field_value *v)
{
    memset(v, 0, sizeof *v);
    if (kind_is_int(d->info.kind)) {
        uint64_t x = 0;
        for (int i = 0; i < d->info.wire_len; i++) {
            uint8_t byte;
            if (!ofp_cursor_u8(c, &byte)) {
                return false;
            }
            x = (x << 8) | byte;
        }
        value_set_int(d->info.kind, v, x);
    } else {
        const void *p = ofp_cursor_pull(c, d->info.wire_len);
        if (!p) {
            return false;
        }
        memcpy(v, p, d->info.wire_len);
    }
    return true;
}

static void
oxm_put_value(struct ofpbuf *b, const struct field_def *d,
              const union ofp_field_value *v)
{
    if (kind_is_int(d->info.kind)) {
        uint64_t x = value_get_int(d->info.kind, v);
        for (int i = d->info.wire_len - 1; i >= 0; i--) {
            ofpbuf_put_u8(b, (uint8_t) (x >> (8 * i)));
        }
    } else {
        ofpbuf_put(b, v, d->info.wire_len);
    }
}

/* Checks a decoded value (and mask, if 'mask') against the field's width and
 * each other; see the top of the file for the errors chosen. */
static enum ofperr
oxm_check_value(const struct field_def *d, const union ofp_field_value *v,
                const union ofp_field_value *mask)
{
    if (kind_is_int(d->info.kind)) {
        uint64_t full = int_full_mask(d);
        uint64_t x = value_get_int(d->info.kind, v);
        uint64_t mk = mask ? value_get_int(d->info.kind, mask) : full;
        if (x & ~full) {
            return OFPERR_OFPBMC_BAD_VALUE;
        }
        if (mk & ~full) {
            return OFPERR_OFPBMC_BAD_MASK;
        }
        if (x & ~mk) {
            return OFPERR_OFPBMC_BAD_WILDCARDS;
        }
        if (d->info.field == OFPF_VLAN_VID && (mk & OFPVID_PRESENT)
            && !(x & OFPVID_PRESENT) && (x & 0x0fff)) {
            return OFPERR_OFPBMC_BAD_VALUE;
        }
    } else if (mask) {
        for (size_t i = 0; i < d->info.wire_len; i++) {
            if (((const uint8_t *) v)[i] & ~((const uint8_t *) mask)[i]) {
                return OFPERR_OFPBMC_BAD_WILDCARDS;
            }
        }
    }
    return 0;
}

enum ofperr
ofp_oxm_decode_one(struct ofp_cursor *c, enum ofp_field *fieldp,
                   union ofp_field_value *value,
                   union ofp_field_value *mask, bool *has_mask)
{
    uint32_t header;
    if (!ofp_cursor_u32(c, &header)) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    unsigned int class = header >> 16;
    unsigned int fnum = (header >> 9) & 0x7f;
    bool hm = (header >> 8) & 1;
    unsigned int len = header & 0xff;

    const struct field_def *d = field_by_oxm(class, fnum);
    if (!d) {
        return OFPERR_OFPBMC_BAD_FIELD;
    }
    if (hm && (!d->info.maskable || !mask)) {
        return OFPERR_OFPBMC_BAD_MASK;
    }
    if (len != (hm ? 2u : 1u) * d->info.wire_len) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    struct ofp_cursor payload;
    if (!ofp_cursor_sub(c, len, &payload)) {
        return OFPERR_OFPBMC_BAD_LEN;
    }

    union ofp_field_value v, mk;
    if (!oxm_pull_value(&payload, d, &v)
        || (hm && !oxm_pull_value(&payload, d, &mk))) {
        return OFPERR_OFPBMC_BAD_LEN;   /* Cannot happen: length checked. */
    }
    enum ofperr error = oxm_check_value(d, &v, hm ? &mk : NULL);
    if (error) {
        return error;
    }

    *fieldp = d->info.field;
    *value = v;
    if (mask) {
        if (hm) {
            *mask = mk;
        } else {
            full_mask(d, mask);
        }
    }
    if (has_mask) {
        *has_mask = hm;
    }
    return 0;
}

void
ofp_oxm_encode_one(struct ofpbuf *b, enum ofp_field f,
                   const union ofp_field_value *value,
                   const union ofp_field_value *mask)
{
    const struct field_def *d = field_def(f);
    if (!d) {
        return;
    }
    /* Normalize through a scratch match so that the value is clipped to the
     * field's width and ANDed with the mask: the TLV we emit is always one
     * that our own decoder (and the spec) accepts.  A mask on a field that
     * cannot carry one is dropped (exact TLV): callers that care use
     * ofp_match_check_version() first. */
    bool hm = mask && d->info.maskable;
    struct ofp_match tmp;
    union ofp_field_value v, mk;
    ofp_match_init_catchall(&tmp);
    ofp_match_set(&tmp, f, value, hm ? mask : NULL);
    if (!ofp_match_get(&tmp, f, &v, &mk)) {
        /* All-zero mask: the field matches anything, emit a zero mask. */
        memset(&v, 0, sizeof v);
        memset(&mk, 0, sizeof mk);
    }

    uint32_t len = (hm ? 2u : 1u) * d->info.wire_len;
    ofpbuf_put_be32(b, ((uint32_t) d->oxm_class << 16)
                       | ((uint32_t) d->oxm_field << 9) | ((uint32_t) hm << 8)
                       | len);
    oxm_put_value(b, d, &v);
    if (hm) {
        oxm_put_value(b, d, &mk);
    }
}

/* ---- OpenFlow 1.3 match. ------------------------------------------------ */

struct ofp13_match_header {
    ofp_be16 type;     /* OFPMT_OXM. */
    ofp_be16 length;   /* Header plus OXMs, without padding. */
};
_Static_assert(sizeof(struct ofp13_match_header) == 4, "ofp13 match header");

/* If the next TLV in 'oxms' is of a Nicira field the table does not know,
 * returns its payload length in '*len'. */
static bool
is_unknown_nxm(const struct ofp_cursor *oxms, size_t *len)
{
    uint32_t header;
    struct ofp_cursor c = *oxms;
    if (!ofp_cursor_u32(&c, &header)) {
        return false;
    }
    unsigned int class = header >> 16;
    *len = header & 0xff;
    return ((class == OFPXMC_NXM_0 || class == OFPXMC_NXM_1)
            && !field_by_oxm(class, (header >> 9) & 0x7f));
}

static enum ofperr
decode_of13(struct ofp_cursor *cursor, struct ofp_match *out,
            bool skip_unknown)
{
    /* Work on a copy so that 'cursor' advances only on success. */
    struct ofp_cursor c = *cursor;
    const struct ofp13_match_header *h = ofp_cursor_pull(&c, sizeof *h);
    if (!h) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    uint16_t type = be16_get(&h->type);
    size_t len = be16_get(&h->length);
    if (type != OFPMT_OXM) {
        /* OFPMT_STANDARD (1.1's fixed match) included. */
        return OFPERR_OFPBMC_BAD_TYPE;
    }
    if (len < sizeof *h) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    struct ofp_cursor oxms;
    if (!ofp_cursor_sub(&c, len - sizeof *h, &oxms)
        || !ofp_cursor_skip(&c, ofp_pad8(len) - len)) {
        return OFPERR_OFPBMC_BAD_LEN;
    }

    struct ofp_match m;
    uint64_t seen = 0;
    ofp_match_init_catchall(&m);
    while (ofp_cursor_remaining(&oxms) > 0) {
        enum ofp_field f;
        union ofp_field_value v, mk;
        bool hm;
        size_t skip;
        if (skip_unknown && is_unknown_nxm(&oxms, &skip)) {
            if (!ofp_cursor_skip(&oxms, 4 + skip)) {
                return OFPERR_OFPBMC_BAD_LEN;
            }
            continue;
        }
        enum ofperr error = ofp_oxm_decode_one(&oxms, &f, &v, &mk, &hm);
        if (error) {
            return error;
        }
        if (seen & (UINT64_C(1) << f)) {
            return OFPERR_OFPBMC_DUP_FIELD;
        }
        seen |= UINT64_C(1) << f;
        ofp_match_set(&m, f, &v, &mk);
    }

    enum ofperr error = check_prereqs(&m, NULL, NULL);
    if (error) {
        return error;
    }
    *out = m;
    *cursor = c;
    return 0;
}

enum ofperr
ofp_match_decode_of13(struct ofp_cursor *cursor, struct ofp_match *out)
{
    return decode_of13(cursor, out, false);
}

enum ofperr
ofp_match_decode_of13_packet_in(struct ofp_cursor *cursor,
                                struct ofp_match *out)
{
    return decode_of13(cursor, out, true);
}

enum ofperr
ofp_match_encode_of13(const struct ofp_match *m, struct ofpbuf *b,
                      size_t *lenp)
{
    enum ofperr error = ofp_match_check_version(m, OFP13_VERSION, NULL);
    if (error) {
        return error;
    }

    size_t start = b->size;
    ofpbuf_put_zeros(b, sizeof(struct ofp13_match_header));
    /* Only the fields present, in ascending order: the hot path encodes
     * matches of two or three fields out of forty. */
    for (uint64_t bits = m->fields; bits; bits &= bits - 1) {
        enum ofp_field f = (enum ofp_field) __builtin_ctzll(bits);
        union ofp_field_value v, mk;
        if (ofp_match_get(m, f, &v, &mk)) {
            ofp_oxm_encode_one(b, f, &v,
                               ofp_match_is_exact(m, f) ? NULL : &mk);
        }
    }
    size_t len = b->size - start;
    struct ofp13_match_header *h = ofpbuf_at(b, start, sizeof *h);
    be16_set(&h->type, OFPMT_OXM);
    be16_set(&h->length, (uint16_t) len);
    ofpbuf_pad8_from(b, start);
    if (lenp) {
        *lenp = len;
    }
    return 0;
}

/* ---- OpenFlow 1.0 match. ------------------------------------------------ */

struct ofp10_match {
    ofp_be32 wildcards;
    ofp_be16 in_port;
    uint8_t dl_src[6];
    uint8_t dl_dst[6];
    ofp_be16 dl_vlan;
    uint8_t dl_vlan_pcp;
    uint8_t pad1;
    ofp_be16 dl_type;
    uint8_t nw_tos;
    uint8_t nw_proto;
    uint8_t pad2[2];
    ofp_be32 nw_src;
    ofp_be32 nw_dst;
    ofp_be16 tp_src;
    ofp_be16 tp_dst;
};
_Static_assert(sizeof(struct ofp10_match) == OFP10_MATCH_LEN, "ofp10 match");

#define OFPFW10_IN_PORT      (1u << 0)
#define OFPFW10_DL_VLAN      (1u << 1)
#define OFPFW10_DL_SRC       (1u << 2)
#define OFPFW10_DL_DST       (1u << 3)
#define OFPFW10_DL_TYPE      (1u << 4)
#define OFPFW10_NW_PROTO     (1u << 5)
#define OFPFW10_TP_SRC       (1u << 6)
#define OFPFW10_TP_DST       (1u << 7)
#define OFPFW10_NW_SRC_SHIFT 8
#define OFPFW10_NW_DST_SHIFT 14
#define OFPFW10_NW_BITS      0x3fu
#define OFPFW10_DL_VLAN_PCP  (1u << 20)
#define OFPFW10_NW_TOS       (1u << 21)
/* Everything wildcarded, as Open vSwitch writes it: NW_SRC/NW_DST carry 32
 * ("all bits wildcarded") rather than 63. */
#define OFPFW10_ALL (0xffu | (32u << OFPFW10_NW_SRC_SHIFT)                  \
                     | (32u << OFPFW10_NW_DST_SHIFT) | OFPFW10_DL_VLAN_PCP   \
                     | OFPFW10_NW_TOS)

/* Decodes the 6-bit wildcard count at 'shift' into an address match on 'f'
 * (count >= 32: wildcarded). */
static void
of10_set_nw(struct ofp_match *m, enum ofp_field f, uint32_t wc, int shift,
            const ofp_be32 *addr)
{
    unsigned int n = (wc >> shift) & OFPFW10_NW_BITS;
    if (n < 32) {
        set_int(m, f, be32_get(addr), ipv4_prefix_mask(32 - (int) n));
    }
}

enum ofperr
ofp_match_decode_of10(struct ofp_cursor *c, struct ofp_match *out)
{
    const struct ofp10_match *om = ofp_cursor_pull(c, sizeof *om);
    if (!om) {
        return OFPERR_OFPBMC_BAD_LEN;
    }

    struct ofp_match m;
    uint32_t wc = be32_get(&om->wildcards);
    ofp_match_init_catchall(&m);

    if (!(wc & OFPFW10_IN_PORT)) {
        ofp_match_set_in_port(&m, ofp_port_from_of10(be16_get(&om->in_port)));
    }
    if (!(wc & OFPFW10_DL_SRC)) {
        ofp_match_set_eth_src(&m, om->dl_src);
    }
    if (!(wc & OFPFW10_DL_DST)) {
        ofp_match_set_eth_dst(&m, om->dl_dst);
    }

    /* VLAN: dl_vlan 0xffff means "no tag", and then a PCP means nothing.  A
     * PCP with dl_vlan wildcarded means "any tag with this PCP", which in
     * 1.3 terms is vlan_vid=OFPVID_PRESENT/OFPVID_PRESENT. */
    uint16_t dl_vlan = be16_get(&om->dl_vlan);
    bool vlan_exact = !(wc & OFPFW10_DL_VLAN);
    bool pcp_exact = !(wc & OFPFW10_DL_VLAN_PCP);
    if (vlan_exact) {
        if (dl_vlan == OFP10_VLAN_NONE) {
            ofp_match_set_no_vlan(&m);
            pcp_exact = false;
        } else {
            ofp_match_set_vlan_vid(&m, dl_vlan);
        }
    } else if (pcp_exact) {
        set_int(&m, OFPF_VLAN_VID, OFPVID_PRESENT, OFPVID_PRESENT);
    }
    if (pcp_exact) {
        set_int_exact(&m, OFPF_VLAN_PCP, om->dl_vlan_pcp & 7);
    }

    if (wc & OFPFW10_DL_TYPE) {
        /* Without dl_type, OpenFlow 1.0 ignores every L3/L4 field. */
        *out = m;
        return 0;
    }
    uint16_t dl_type = be16_get(&om->dl_type);
    ofp_match_set_eth_type(&m, dl_type);

    if (dl_type == 0x0800) {
        if (!(wc & OFPFW10_NW_TOS)) {
            set_int_exact(&m, OFPF_IP_DSCP, om->nw_tos >> 2);
        }
        of10_set_nw(&m, OFPF_IPV4_SRC, wc, OFPFW10_NW_SRC_SHIFT, &om->nw_src);
        of10_set_nw(&m, OFPF_IPV4_DST, wc, OFPFW10_NW_DST_SHIFT, &om->nw_dst);
        if (!(wc & OFPFW10_NW_PROTO)) {
            uint8_t proto = om->nw_proto;
            enum ofp_field src = OFPF_N_FIELDS, dst = OFPF_N_FIELDS;
            ofp_match_set_ip_proto(&m, proto);
            if (proto == 6) {
                src = OFPF_TCP_SRC;
                dst = OFPF_TCP_DST;
            } else if (proto == 17) {
                src = OFPF_UDP_SRC;
                dst = OFPF_UDP_DST;
            } else if (proto == 1) {
                src = OFPF_ICMPV4_TYPE;
                dst = OFPF_ICMPV4_CODE;
            }
            /* ICMP type and code travel in the low byte of tp_src/tp_dst;
             * set_int clips them to the field's 8 bits. */
            if (src != OFPF_N_FIELDS && !(wc & OFPFW10_TP_SRC)) {
                set_int_exact(&m, src, be16_get(&om->tp_src));
            }
            if (dst != OFPF_N_FIELDS && !(wc & OFPFW10_TP_DST)) {
                set_int_exact(&m, dst, be16_get(&om->tp_dst));
            }
        }
    } else if (dl_type == 0x0806) {
        if (!(wc & OFPFW10_NW_PROTO)) {
            set_int_exact(&m, OFPF_ARP_OP, om->nw_proto);
        }
        of10_set_nw(&m, OFPF_ARP_SPA, wc, OFPFW10_NW_SRC_SHIFT, &om->nw_src);
        of10_set_nw(&m, OFPF_ARP_TPA, wc, OFPFW10_NW_DST_SHIFT, &om->nw_dst);
    }
    *out = m;
    return 0;
}

/* Fills the 6 wildcard bits at 'shift' and '*addr' from an IPv4 field that
 * check_version already found CIDR. */
static void
of10_put_nw(const struct ofp_match *m, enum ofp_field f, uint32_t *wc,
            int shift, ofp_be32 *addr)
{
    union ofp_field_value v, mk;
    if (ofp_match_get(m, f, &v, &mk)) {
        int prefix = ipv4_mask_prefix(mk.u32);
        *wc &= ~(OFPFW10_NW_BITS << shift);
        *wc |= (uint32_t) (32 - prefix) << shift;
        be32_set(addr, v.u32);
    }
}

static uint64_t
get_u(const struct ofp_match *m, enum ofp_field f)
{
    union ofp_field_value v;
    ff_load(&m->v, &fields[f], &v);
    return value_get_int(fields[f].info.kind, &v);
}

enum ofperr
ofp_match_encode_of10(const struct ofp_match *m, struct ofpbuf *b)
{
    enum ofperr error = ofp_match_check_version(m, OFP10_VERSION, NULL);
    if (error) {
        return error;
    }

    size_t start = b->size;
    ofpbuf_put_zeros(b, sizeof(struct ofp10_match));
    struct ofp10_match *om = ofpbuf_at(b, start, sizeof *om);
    uint32_t wc = OFPFW10_ALL;

    if (ofp_match_has(m, OFPF_IN_PORT)) {
        wc &= ~OFPFW10_IN_PORT;
        be16_set(&om->in_port,
                 ofp_port_to_of10((uint32_t) get_u(m, OFPF_IN_PORT)));
    }
    if (ofp_match_has(m, OFPF_ETH_SRC)) {
        wc &= ~OFPFW10_DL_SRC;
        memcpy(om->dl_src, m->v.eth_src, 6);
    }
    if (ofp_match_has(m, OFPF_ETH_DST)) {
        wc &= ~OFPFW10_DL_DST;
        memcpy(om->dl_dst, m->v.eth_dst, 6);
    }
    if (ofp_match_is_exact(m, OFPF_VLAN_VID)) {
        uint16_t vid = m->v.vlan_vid;
        wc &= ~OFPFW10_DL_VLAN;
        be16_set(&om->dl_vlan, vid & OFPVID_PRESENT ? vid & 0x0fff
                                                    : OFP10_VLAN_NONE);
    }
    if (ofp_match_has(m, OFPF_VLAN_PCP)) {
        wc &= ~OFPFW10_DL_VLAN_PCP;
        om->dl_vlan_pcp = m->v.vlan_pcp;
    }
    if (ofp_match_has(m, OFPF_ETH_TYPE)) {
        wc &= ~OFPFW10_DL_TYPE;
        be16_set(&om->dl_type, m->v.eth_type);
    }
    if (ofp_match_has(m, OFPF_IP_DSCP)) {
        wc &= ~OFPFW10_NW_TOS;
        om->nw_tos = (uint8_t) (m->v.ip_dscp << 2);
    }
    if (ofp_match_has(m, OFPF_IP_PROTO)) {
        wc &= ~OFPFW10_NW_PROTO;
        om->nw_proto = m->v.ip_proto;
    }
    if (ofp_match_has(m, OFPF_ARP_OP)) {
        wc &= ~OFPFW10_NW_PROTO;
        om->nw_proto = (uint8_t) m->v.arp_op;
    }
    of10_put_nw(m, OFPF_IPV4_SRC, &wc, OFPFW10_NW_SRC_SHIFT, &om->nw_src);
    of10_put_nw(m, OFPF_IPV4_DST, &wc, OFPFW10_NW_DST_SHIFT, &om->nw_dst);
    of10_put_nw(m, OFPF_ARP_SPA, &wc, OFPFW10_NW_SRC_SHIFT, &om->nw_src);
    of10_put_nw(m, OFPF_ARP_TPA, &wc, OFPFW10_NW_DST_SHIFT, &om->nw_dst);

    static const enum ofp_field tp_src[] = {
        OFPF_TCP_SRC, OFPF_UDP_SRC, OFPF_ICMPV4_TYPE,
    };
    static const enum ofp_field tp_dst[] = {
        OFPF_TCP_DST, OFPF_UDP_DST, OFPF_ICMPV4_CODE,
    };
    for (size_t i = 0; i < sizeof tp_src / sizeof tp_src[0]; i++) {
        if (ofp_match_has(m, tp_src[i])) {
            wc &= ~OFPFW10_TP_SRC;
            be16_set(&om->tp_src, (uint16_t) get_u(m, tp_src[i]));
        }
        if (ofp_match_has(m, tp_dst[i])) {
            wc &= ~OFPFW10_TP_DST;
            be16_set(&om->tp_dst, (uint16_t) get_u(m, tp_dst[i]));
        }
    }
    be32_set(&om->wildcards, wc);
    return 0;
}

/* ---- Version checks. ---------------------------------------------------- */

static enum ofperr
why_error(struct ds *why, enum ofperr error, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static enum ofperr
why_error(struct ds *why, enum ofperr error, const char *format, ...)
{
    if (why) {
        va_list args;
        va_start(args, format);
        ds_put_vformat(why, format, args);
        va_end(args);
    }
    return error;
}

/* Can field 'f' (present in 'm') be said in OpenFlow 1.0? */
static enum ofperr
check_of10_field(const struct ofp_match *m, enum ofp_field f, struct ds *why)
{
    const struct field_def *d = &fields[f];
    const char *name = d->info.name;
    bool exact = ofp_match_is_exact(m, f);
    union ofp_field_value v, mk;
    ofp_match_get(m, f, &v, &mk);

    switch (f) {
    case OFPF_IN_PORT:
        if (!exact) {
            break;      /* BAD_MASK below. */
        }
        if (!ofp_port_to_of10_ok(v.u32)) {
            return why_error(why, OFPERR_OFPBMC_BAD_VALUE,
                             "in_port %"PRIu32" has no OpenFlow 1.0 number",
                             v.u32);
        }
        return 0;

    case OFPF_ETH_SRC:
    case OFPF_ETH_DST:
        if (!exact) {
            return why_error(why, OFPERR_OFPBMC_BAD_DL_ADDR_MASK,
                             "%s cannot be masked in OpenFlow 1.0", name);
        }
        return 0;

    case OFPF_VLAN_VID:
        if (exact) {
            return 0;
        }
        /* "Any tag" is expressible only as a PCP with dl_vlan wildcarded. */
        if (mk.u16 == OFPVID_PRESENT && v.u16 == OFPVID_PRESENT
            && ofp_match_has(m, OFPF_VLAN_PCP)) {
            return 0;
        }
        return why_error(why, OFPERR_OFPBMC_BAD_MASK,
                         "vlan_vid=0x%04"PRIx16"/0x%04"PRIx16" cannot be "
                         "expressed in OpenFlow 1.0", v.u16, mk.u16);

    case OFPF_ARP_OP:
        if (exact && v.u16 > 0xff) {
            return why_error(why, OFPERR_OFPBMC_BAD_VALUE,
                             "arp_op %"PRIu16" does not fit OpenFlow 1.0's "
                             "8-bit nw_proto", v.u16);
        }
        /* Fall through. */
    case OFPF_ETH_TYPE:
    case OFPF_VLAN_PCP:
    case OFPF_TCP_SRC:
    case OFPF_TCP_DST:
    case OFPF_UDP_SRC:
    case OFPF_UDP_DST:
    case OFPF_ICMPV4_TYPE:
    case OFPF_ICMPV4_CODE:
        if (exact && !prereq_ok(m, d->prereq)) {
            return why_error(why, OFPERR_OFPBMC_BAD_PREREQ,
                             "%s cannot be expressed in OpenFlow 1.0 "
                             "without %s", name, prereq_text(d->prereq));
        }
        break;

    case OFPF_IP_DSCP:
    case OFPF_IP_PROTO:
    case OFPF_IPV4_SRC:
    case OFPF_IPV4_DST:
        /* 1.0 has nw_tos and nw_proto for IPv4 only (and nw_proto as the
         * ARP opcode). */
        if (!prereq_ok(m, PRQ_IPV4)) {
            return why_error(why, OFPERR_OFPBMC_BAD_PREREQ,
                             "%s cannot be expressed in OpenFlow 1.0 "
                             "without eth_type=0x0800", name);
        }
        if (d->info.kind == OFPFK_U32 && ipv4_mask_prefix(mk.u32) < 0) {
            return why_error(why, OFPERR_OFPBMC_BAD_NW_ADDR_MASK,
                             "%s mask is not a CIDR prefix, which OpenFlow "
                             "1.0 requires", name);
        }
        if (d->info.kind == OFPFK_U32) {
            return 0;
        }
        break;

    case OFPF_ARP_SPA:
    case OFPF_ARP_TPA:
        if (!prereq_ok(m, PRQ_ARP)) {
            return why_error(why, OFPERR_OFPBMC_BAD_PREREQ,
                             "%s cannot be expressed in OpenFlow 1.0 "
                             "without eth_type=0x0806", name);
        }
        if (ipv4_mask_prefix(mk.u32) < 0) {
            return why_error(why, OFPERR_OFPBMC_BAD_NW_ADDR_MASK,
                             "%s mask is not a CIDR prefix, which OpenFlow "
                             "1.0 requires", name);
        }
        return 0;

    default:
        return why_error(why, OFPERR_OFPBMC_BAD_FIELD,
                         "%s cannot be matched in OpenFlow 1.0", name);
    }

    if (!exact) {
        return why_error(why, OFPERR_OFPBMC_BAD_MASK,
                         "%s cannot be masked in OpenFlow 1.0", name);
    }
    return 0;
}

/* ofp_match_check_version(), also naming the field at fault in '*bad'. */
static enum ofperr
check_version(const struct ofp_match *m, uint8_t version, struct ds *why,
              enum ofp_field *bad)
{
    if (version != OFP10_VERSION && version != OFP13_VERSION) {
        return why_error(why, OFPERR_OFPBRC_BAD_VERSION,
                         "OpenFlow version 0x%02x is not supported", version);
    }
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        enum ofp_field f = (enum ofp_field) i;
        enum ofperr error;
        if (!ofp_match_has(m, f)) {
            continue;
        }
        if (version == OFP10_VERSION) {
            error = check_of10_field(m, f, why);
        } else if (!fields[i].info.maskable && !ofp_match_is_exact(m, f)) {
            error = why_error(why, OFPERR_OFPBMC_BAD_MASK,
                              "%s cannot be masked in OpenFlow 1.3",
                              fields[i].info.name);
        } else {
            error = 0;
        }
        if (error) {
            *bad = f;
            return error;
        }
    }
    return 0;
}

enum ofperr
ofp_match_check_version(const struct ofp_match *m, uint8_t version,
                        struct ds *why)
{
    enum ofp_field bad;
    return check_version(m, version, why, &bad);
}

enum ofperr
ofp_match_check(const struct ofp_match *m, uint8_t version, struct ds *why,
                enum ofp_field *field)
{
    enum ofp_field bad = OFPF_N_FIELDS;
    enum ofperr error = check_prereqs(m, why, &bad);
    if (!error && version) {
        error = check_version(m, version, why, &bad);
    }
    if (field) {
        *field = error ? bad : OFPF_N_FIELDS;
    }
    return error;
}

/* ---- Printing. ---------------------------------------------------------- */

/* ct_state flag names by bit number, as Open vSwitch spells them. */
static const char *const ct_state_names[8] = {
    "new", "est", "rel", "rpl", "inv", "trk", "snat", "dnat",
};

/* Appends ct_state 'v' under 'mask' as ovs-ofctl prints flows: exact
 * (mask OFPCS_ALL) as "est|trk" or "0", otherwise each masked bit as
 * "+name" or "-name", lowest bit first ("+est+trk", "-new+trk"). */
static void
format_ct_state(uint32_t v, uint32_t mask, struct ds *s)
{
    if (mask == OFPCS_ALL) {
        const char *sep = "";
        if (!v) {
            ds_put_char(s, '0');
        }
        for (int i = 0; i < 8; i++) {
            if (v & (1u << i)) {
                ds_put_format(s, "%s%s", sep, ct_state_names[i]);
                sep = "|";
            }
        }
    } else if (!mask) {
        ds_put_cstr(s, "0/0");
    } else {
        for (int i = 0; i < 8; i++) {
            if (mask & (1u << i)) {
                ds_put_format(s, "%c%s", v & (1u << i) ? '+' : '-',
                              ct_state_names[i]);
            }
        }
    }
}

static void
format_int(const struct field_def *d, uint64_t x, bool hex, struct ds *s)
{
    if (hex && d->info.kind == OFPFK_U16) {
        ds_put_format(s, "0x%04"PRIx64, x);   /* 0x0800, 0x1005. */
    } else if (hex) {
        ds_put_format(s, "0x%"PRIx64, x);
    } else {
        ds_put_format(s, "%"PRIu64, x);
    }
}

static void
format_value(const struct field_def *d, const union ofp_field_value *v,
             bool force_hex, struct ds *s)
{
    switch (d->fmt) {
    case FMT_DEC:
    case FMT_HEX:
        format_int(d, value_get_int(d->info.kind, v),
                   force_hex || d->fmt == FMT_HEX, s);
        break;
    case FMT_IPV4:
        ds_put_ipv4(s, v->u32);
        break;
    case FMT_MAC:
        ds_put_mac(s, v->mac);
        break;
    case FMT_IPV6:
        ds_put_ipv6(s, v->ipv6);
        break;
    case FMT_CT_STATE:
        if (force_hex) {
            format_int(d, v->u32, true, s);
        } else {
            format_ct_state(v->u32, OFPCS_ALL, s);
        }
        break;
    }
}

void
ofp_field_format_value(enum ofp_field f, const union ofp_field_value *v,
                       struct ds *s)
{
    const struct field_def *d = field_def(f);
    if (d) {
        format_value(d, v, false, s);
    }
}

/* Appends the mask 'mk' of field 'd' after a '/': a prefix length for a
 * CIDR IPv4 or IPv6 mask, otherwise the mask in the value's syntax. */
static void
format_mask(const struct field_def *d, const union ofp_field_value *mk,
            struct ds *s)
{
    int prefix = (d->fmt == FMT_IPV4 ? ipv4_mask_prefix(mk->u32)
                  : d->fmt == FMT_IPV6 ? ipv6_mask_prefix(mk->ipv6)
                  : -1);
    ds_put_char(s, '/');
    if (prefix >= 0) {
        ds_put_format(s, "%d", prefix);
    } else {
        /* Integer masks print in hex even for decimal fields: a mask is a
         * bit pattern, not a number. */
        format_value(d, mk, true, s);
    }
}

void
ofp_field_format(enum ofp_field f, const union ofp_field_value *v,
                 const union ofp_field_value *mk, struct ds *s)
{
    const struct field_def *d = field_def(f);
    if (!d) {
        return;
    }
    if (d->fmt == FMT_CT_STATE) {
        /* Flags carry their own mask: "+est+trk" says which bits count. */
        format_ct_state(v->u32, mk ? mk->u32 : OFPCS_ALL, s);
        return;
    }
    format_value(d, v, false, s);
    if (mk) {
        union ofp_field_value full;
        full_mask(d, &full);
        if (!value_equal(d, mk, &full)) {
            format_mask(d, mk, s);
        }
    }
}

void
ofp_match_format(const struct ofp_match *m, struct ds *s)
{
    if (ofp_match_is_catchall(m)) {
        ds_put_cstr(s, "any");
        return;
    }
    bool first = true;
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        enum ofp_field f = (enum ofp_field) i;
        union ofp_field_value v, mk;
        if (!ofp_match_get(m, f, &v, &mk)) {
            continue;
        }
        if (!first) {
            ds_put_char(s, ',');
        }
        first = false;
        ds_put_format(s, "%s=", fields[i].info.name);
        ofp_field_format(f, &v, &mk, s);
    }
}

/* ---- Parsing. ----------------------------------------------------------- */

/* Longest piece of user text echoed in an error message: enough to
 * recognize it, not enough to turn a 10 kB value into a 10 kB message. */
#define ECHO_MAX 40

/* "invalid value 'TEXT' for FIELD (expected EXPECTED)". */
static bool
bad_text(struct ds *error, const char *what, const char *p, size_t len,
         const struct field_def *d, const char *expected)
{
    if (error) {
        ds_put_format(error, "invalid %s '", what);
        ds_put_printable(error, p, len, ECHO_MAX);
        ds_put_format(error, "' for %s (expected %s)", d->info.name,
                      expected);
    }
    return false;
}

enum parse_num {
    PN_OK,
    PN_BAD,         /* Not a number. */
    PN_RANGE,       /* A number, over UINT64_MAX. */
};

int
ofp_hex_digit(char c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
            : -1);
}

/* Parses the 'len' bytes at 'p' as a whole unsigned number: decimal, or hex
 * after "0x".  No sign, no spaces, and a leading 0 does not mean octal
 * (strtoull's base 0 would read "010" as 8). */
static enum parse_num
parse_u64(const char *p, size_t len, uint64_t *out)
{
    unsigned int base = 10;
    uint64_t x = 0;
    if (len > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
        len -= 2;
    }
    if (!len) {
        return PN_BAD;
    }
    bool overflow = false;
    for (size_t i = 0; i < len; i++) {
        int digit = ofp_hex_digit(p[i]);
        if (digit < 0 || (unsigned int) digit >= base) {
            return PN_BAD;
        }
        if (x > (UINT64_MAX - (unsigned int) digit) / base) {
            overflow = true;    /* Keep going: "99x" is still not a number. */
        }
        x = x * base + (unsigned int) digit;
    }
    *out = x;
    return overflow ? PN_RANGE : PN_OK;
}

/* Appends the largest value of 'd' in the style its values print in. */
static void
put_int_max(const struct field_def *d, struct ds *s)
{
    uint64_t max = int_full_mask(d);
    if (d->fmt == FMT_HEX) {
        ds_put_format(s, "0x%"PRIx64, max);
    } else {
        ds_put_format(s, "%"PRIu64, max);
    }
}

/* Parses an integer value or mask ('what') of integer field 'd'. */
static bool
parse_int_field(const struct field_def *d, const char *what, const char *p,
                size_t len, union ofp_field_value *v, struct ds *error)
{
    uint64_t x = 0;
    enum parse_num r = parse_u64(p, len, &x);
    if (r == PN_BAD) {
        return bad_text(error, what, p, len, d,
                        "a decimal or 0x-hex number");
    }
    if (r == PN_RANGE || x > int_full_mask(d)) {
        if (error) {
            ds_put_format(error, "%s ", what);
            ds_put_printable(error, p, len, ECHO_MAX);
            ds_put_format(error, " out of range for %s (0..", d->info.name);
            put_int_max(d, error);
            ds_put_char(error, ')');
        }
        return false;
    }
    value_set_int(d->info.kind, v, x);
    return true;
}

/* Copies the 'len' bytes at 'p' into 'buf' as a C string, for inet_pton();
 * fails if they do not fit (no address is that long). */
static bool
copy_short(char *buf, size_t size, const char *p, size_t len)
{
    if (len >= size) {
        return false;
    }
    memcpy(buf, p, len);
    buf[len] = '\0';
    return true;
}

/* Parses exactly "xx:xx:xx:xx:xx:xx" (hex digits, either case). */
static bool
parse_mac(const char *p, size_t len, uint8_t mac[6])
{
    if (len != 17) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        int hi = ofp_hex_digit(p[3 * i]);
        int lo = ofp_hex_digit(p[3 * i + 1]);
        if (hi < 0 || lo < 0 || (i < 5 && p[3 * i + 2] != ':')) {
            return false;
        }
        mac[i] = (uint8_t) (hi << 4 | lo);
    }
    return true;
}

static bool
parse_ipv4(const char *p, size_t len, uint32_t *ip)
{
    char buf[INET_ADDRSTRLEN];
    struct in_addr a;
    if (!copy_short(buf, sizeof buf, p, len)
        || inet_pton(AF_INET, buf, &a) != 1) {
        return false;
    }
    *ip = ntohl(a.s_addr);
    return true;
}

static bool
parse_ipv6(const char *p, size_t len, uint8_t ip[16])
{
    char buf[INET6_ADDRSTRLEN];
    return (copy_short(buf, sizeof buf, p, len)
            && inet_pton(AF_INET6, buf, ip) == 1);
}

/* A prefix length: decimal digits only, so that it cannot be mistaken for
 * an address. */
static bool
is_prefix_text(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return false;
        }
    }
    return len > 0;
}

/* Parses the value (or, if 'is_mask', the mask) of field 'd' from the 'len'
 * bytes at 'p'.  A mask of an IPv4 or IPv6 field may be a prefix length. */
static bool
parse_one(const struct field_def *d, bool is_mask, const char *p, size_t len,
          union ofp_field_value *v, struct ds *error)
{
    const char *what = is_mask ? "mask" : "value";
    memset(v, 0, sizeof *v);
    if (!len) {
        return ds_error(error, "empty %s for %s", what, d->info.name);
    }

    int max_prefix = d->fmt == FMT_IPV4 ? 32 : d->fmt == FMT_IPV6 ? 128 : 0;
    if (is_mask && max_prefix && is_prefix_text(p, len)) {
        uint64_t n = 0;
        if (parse_u64(p, len, &n) != PN_OK || n > (uint64_t) max_prefix) {
            if (error) {
                ds_put_cstr(error, "prefix length ");
                ds_put_printable(error, p, len, ECHO_MAX);
                ds_put_format(error, " out of range for %s (0..%d)",
                              d->info.name, max_prefix);
            }
            return false;
        }
        if (d->fmt == FMT_IPV4) {
            v->u32 = ipv4_prefix_mask((int) n);
        } else {
            for (unsigned int i = 0; i < n; i++) {
                v->ipv6[i / 8] |= (uint8_t) (0x80 >> (i % 8));
            }
        }
        return true;
    }

    switch (d->fmt) {
    case FMT_DEC:
    case FMT_HEX:
    case FMT_CT_STATE:  /* Numbers; parse_ct_state() reads the flags. */
        return parse_int_field(d, what, p, len, v, error);
    case FMT_IPV4:
        return (parse_ipv4(p, len, &v->u32)
                || bad_text(error, what, p, len, d,
                            is_mask ? "a prefix length 0..32 or an IPv4 "
                                      "address mask like 255.255.255.0"
                                    : "an IPv4 address like 10.0.0.1"));
    case FMT_MAC:
        return (parse_mac(p, len, v->mac)
                || bad_text(error, what, p, len, d,
                            is_mask ? "a MAC address mask like "
                                      "ff:ff:ff:00:00:00"
                                    : "a MAC address like "
                                      "00:11:22:33:44:55"));
    case FMT_IPV6:
        return (parse_ipv6(p, len, v->ipv6)
                || bad_text(error, what, p, len, d,
                            is_mask ? "a prefix length 0..128 or an IPv6 "
                                      "address mask like ffff:ffff::"
                                    : "an IPv6 address like 2001:db8::1"));
    }
    return false;
}

/* Parses ct_state flags, the forms Open vSwitch reads (and ours prints):
 * "+trk+est-new" (the named bits, each set or clear; the rest wildcarded)
 * or "est|trk" (exact: the named bits set, the others clear).  Numbers
 * take the integer path of ofp_field_parse(). */
static bool
parse_ct_state(const struct field_def *d, const char *text,
               union ofp_field_value *value, union ofp_field_value *mask,
               bool *masked, struct ds *error)
{
    bool signs = text[0] == '+' || text[0] == '-';
    uint32_t v = 0, mk = 0;
    const char *p = text;

    if (!*p) {
        return ds_error(error, "empty value for %s", d->info.name);
    }
    if (signs && !mask) {
        return ds_error(error, "%s cannot be masked here", d->info.name);
    }
    for (;;) {
        bool plus = true;
        if (signs) {
            plus = *p++ == '+';
        }
        /* After a name comes the next sign ("+trk-new") or bar
         * ("trk|est"); the other separator is part of the (bad) name. */
        size_t len = strcspn(p, signs ? "+-" : "|");
        if (!len) {
            return bad_text(error, "value", text, strlen(text), d,
                            "flags like +trk+est or est|trk, or a number");
        }
        int bit = -1;
        for (int i = 0; i < 8; i++) {
            if (strlen(ct_state_names[i]) == len
                && !strncmp(p, ct_state_names[i], len)) {
                bit = i;
            }
        }
        if (bit < 0) {
            if (error) {
                ds_put_cstr(error, "unknown ct_state flag '");
                ds_put_printable(error, p, len, ECHO_MAX);
                ds_put_cstr(error, "' (expected new, est, rel, rpl, inv, "
                            "trk, snat or dnat)");
            }
            return false;
        }
        if (mk & (1u << bit)) {
            return ds_error(error, "ct_state flag %s given twice",
                            ct_state_names[bit]);
        }
        mk |= 1u << bit;
        v |= plus ? 1u << bit : 0;
        p += len;
        if (!*p) {
            break;
        }
        if (!signs) {
            p++;                /* The '|'. */
        }
    }
    if (!signs) {
        mk = OFPCS_ALL;         /* "est|trk": every other bit clear. */
    }

    memset(value, 0, sizeof *value);
    value->u32 = v;
    if (mask) {
        memset(mask, 0, sizeof *mask);
        mask->u32 = mk;
    }
    if (masked) {
        *masked = mk != OFPCS_ALL;
    }
    return true;
}

bool
ofp_field_parse(enum ofp_field f, const char *text,
                union ofp_field_value *value, union ofp_field_value *mask,
                bool *masked, struct ds *error)
{
    const struct field_def *d = field_def(f);
    if (!d) {
        return ds_error(error, "unknown field %d", (int) f);
    }
    if (d->fmt == FMT_CT_STATE && !(text[0] >= '0' && text[0] <= '9')) {
        return parse_ct_state(d, text, value, mask, masked, error);
    }

    const char *slash = strchr(text, '/');
    size_t vlen = slash ? (size_t) (slash - text) : strlen(text);
    union ofp_field_value v, mk;
    if (slash && (!d->info.maskable || !mask)) {
        return ds_error(error, "%s cannot be masked%s", d->info.name,
                           d->info.maskable ? " here" : "");
    }
    if (!parse_one(d, false, text, vlen, &v, error)) {
        return false;
    }
    if (slash) {
        if (!parse_one(d, true, slash + 1, strlen(slash + 1), &mk, error)) {
            return false;
        }
    } else {
        full_mask(d, &mk);
    }

    /* The value the printer shows, and the OXM decoder accepts, is ANDed
     * with its mask: "10.0.0.1/24" means 10.0.0.0/24. */
    size_t n = kind_size(d->info.kind);
    for (size_t i = 0; i < n; i++) {
        ((uint8_t *) &v)[i] &= ((const uint8_t *) &mk)[i];
    }
    /* Same rule as the OXM decoder: VLAN id bits without OFPVID_PRESENT,
     * where the mask covers OFPVID_PRESENT, can never match. */
    if (f == OFPF_VLAN_VID && (mk.u16 & OFPVID_PRESENT)
        && !(v.u16 & OFPVID_PRESENT) && (v.u16 & 0x0fff)) {
        if (error) {
            ds_put_cstr(error, "value ");
            ds_put_printable(error, text, vlen, ECHO_MAX);
            ds_put_cstr(error, " for vlan_vid has VLAN id bits without "
                        "OFPVID_PRESENT (0x1000)");
        }
        return false;
    }

    *value = v;
    if (mask) {
        *mask = mk;
    }
    if (masked) {
        *masked = slash != NULL;
    }
    return true;
}
