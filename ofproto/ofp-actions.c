/* Actions and instructions for OpenFlow 1.0 and 1.3: see ofp-actions.h.
 *
 * Layout of this file: wire structs, then the action list framing shared by
 * both versions, then one decoder and one encoder per version, then
 * instructions (1.3 only on the wire), then comparison and printing.
 *
 * Choices the specifications leave open, made once here:
 *  - A masked OXM in a 1.3 SET_FIELD is OFPERR_OFPBAC_BAD_SET_ARGUMENT (the
 *    1.3 spec forbids the mask; 1.3 has no BAD_SET_MASK).  A SET_FIELD
 *    whose length is not exactly the OXM padded to 8 is BAD_SET_LEN, as in
 *    Open vSwitch; nonzero padding is BAD_SET_ARGUMENT.
 *  - 1.0 SET_TP_SRC/DST decode as tcp_src/tcp_dst; tcp, udp and sctp ports
 *    all encode back to them.
 *  - OFPACT_ENQUEUE exists only in 1.0 and is refused for 1.3 rather than
 *    rewritten as set_queue+output, so a decoded list re-encodes the same.
 *  - PUSH_MPLS and PUSH_PBB check their ethertype like PUSH_VLAN does
 *    (0x8847/0x8848, 0x88e7), all with OFPBAC_BAD_ARGUMENT.
 *  - GOTO_TABLE to 0xff (OFPTT_ALL) is OFPERR_OFPBIC_BAD_TABLE_ID.
 *  - Decoded OUTPUT ports must be 1..OFPP_MAX or a reserved port other than
 *    ANY; the encoders do not re-check (apps build lists in the model).
 *  - 1.0 SET_NW_TOS with either ECN bit set is BAD_ARGUMENT (1.0 leaves the
 *    low two bits to ECN), like Open vSwitch.
 *  - A 1.3 EXPERIMENTER action that is Open vSwitch's NXAST_CT decodes as
 *    OFPACT_CT; every other experimenter action, and NXAST_CT in 1.0 (where
 *    OFPACT_CT cannot be encoded), stays OFPACT_EXPERIMENTER bytes.  An
 *    NXAST_CT shorter than its 24-byte struct is BAD_LEN; flags other than
 *    commit and force are BAD_ARGUMENT; a zone read from other than 16 bits
 *    of a field is BAD_SET_ARGUMENT, as in Open vSwitch.  Like Open vSwitch
 *    on the wire, force without commit is accepted (only the text parser
 *    refuses it), and the padding is not checked.
 *  - A CT's nested actions are kept as wire bytes, checked only for framing
 *    (BAD_LEN): Open vSwitch nests NAT and set_field of ct_mark/ct_label,
 *    which this model cannot all represent, and a flow-stats reply holding
 *    them must still decode and re-encode unchanged.
 *  - A SET_FIELD of a read-only field (ct_state, ct_zone) is BAD_SET_TYPE,
 *    whether decoded or encoded. */
#include <config.h>

#include "ofproto/ofp-actions.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-types.h"

/* ---- Wire structs. ------------------------------------------------------ */

/* The type and length every action and instruction starts with. */
struct ofp_tlv_header {
    ofp_be16 type;
    ofp_be16 len;
};
_Static_assert(sizeof(struct ofp_tlv_header) == 4, "tlv header");

/* An action or instruction with no argument (STRIP_VLAN, POP_VLAN,
 * DEC_NW_TTL, CLEAR_ACTIONS, ...). */
struct ofp_action_plain {
    ofp_be16 type;
    ofp_be16 len;
    uint8_t pad[4];
};
_Static_assert(sizeof(struct ofp_action_plain) == 8, "plain action");

/* 1.0 OUTPUT. */
struct ofp10_action_output {
    ofp_be16 type;
    ofp_be16 len;
    ofp_be16 port;
    ofp_be16 max_len;
};
_Static_assert(sizeof(struct ofp10_action_output) == 8, "of10 output");

/* 1.0 SET_VLAN_VID, SET_TP_SRC, SET_TP_DST: one 16-bit argument. */
struct ofp10_action_u16 {
    ofp_be16 type;
    ofp_be16 len;
    ofp_be16 value;
    uint8_t pad[2];
};
_Static_assert(sizeof(struct ofp10_action_u16) == 8, "of10 u16 action");

/* 1.0 SET_VLAN_PCP, SET_NW_TOS; 1.3 SET_MPLS_TTL, SET_NW_TTL. */
struct ofp_action_u8 {
    ofp_be16 type;
    ofp_be16 len;
    uint8_t value;
    uint8_t pad[3];
};
_Static_assert(sizeof(struct ofp_action_u8) == 8, "u8 action");

/* 1.0 SET_DL_SRC, SET_DL_DST. */
struct ofp10_action_dl_addr {
    ofp_be16 type;
    ofp_be16 len;
    uint8_t addr[OFP_ETH_ALEN];
    uint8_t pad[6];
};
_Static_assert(sizeof(struct ofp10_action_dl_addr) == 16, "of10 dl addr");

/* 1.0 SET_NW_SRC/DST; 1.3 SET_QUEUE, GROUP; VENDOR/EXPERIMENTER header. */
struct ofp_action_u32 {
    ofp_be16 type;
    ofp_be16 len;
    ofp_be32 value;
};
_Static_assert(sizeof(struct ofp_action_u32) == 8, "u32 action");

/* 1.0 ENQUEUE. */
struct ofp10_action_enqueue {
    ofp_be16 type;
    ofp_be16 len;
    ofp_be16 port;
    uint8_t pad[6];
    ofp_be32 queue_id;
};
_Static_assert(sizeof(struct ofp10_action_enqueue) == 16, "of10 enqueue");

/* 1.3 OUTPUT. */
struct ofp13_action_output {
    ofp_be16 type;
    ofp_be16 len;
    ofp_be32 port;
    ofp_be16 max_len;
    uint8_t pad[6];
};
_Static_assert(sizeof(struct ofp13_action_output) == 16, "of13 output");

/* 1.3 PUSH_VLAN, PUSH_MPLS, PUSH_PBB, POP_MPLS. */
struct ofp13_action_ethertype {
    ofp_be16 type;
    ofp_be16 len;
    ofp_be16 ethertype;
    uint8_t pad[2];
};
_Static_assert(sizeof(struct ofp13_action_ethertype) == 8, "of13 ethertype");

/* 1.3 GOTO_TABLE. */
struct ofp13_instruction_goto_table {
    ofp_be16 type;
    ofp_be16 len;
    uint8_t table_id;
    uint8_t pad[3];
};
_Static_assert(sizeof(struct ofp13_instruction_goto_table) == 8, "goto");

/* 1.3 WRITE_METADATA. */
struct ofp13_instruction_write_metadata {
    ofp_be16 type;
    ofp_be16 len;
    uint8_t pad[4];
    ofp_be64 metadata;
    ofp_be64 metadata_mask;
};
_Static_assert(sizeof(struct ofp13_instruction_write_metadata) == 24,
               "write metadata");

enum ofp10_action_wire_type {
    OFPAT10_OUTPUT = 0,
    OFPAT10_SET_VLAN_VID = 1,
    OFPAT10_SET_VLAN_PCP = 2,
    OFPAT10_STRIP_VLAN = 3,
    OFPAT10_SET_DL_SRC = 4,
    OFPAT10_SET_DL_DST = 5,
    OFPAT10_SET_NW_SRC = 6,
    OFPAT10_SET_NW_DST = 7,
    OFPAT10_SET_NW_TOS = 8,
    OFPAT10_SET_TP_SRC = 9,
    OFPAT10_SET_TP_DST = 10,
    OFPAT10_ENQUEUE = 11,
    OFPAT10_VENDOR = 0xffff,
};

enum ofp13_action_wire_type {
    OFPAT13_OUTPUT = 0,
    OFPAT13_COPY_TTL_OUT = 11,
    OFPAT13_COPY_TTL_IN = 12,
    OFPAT13_SET_MPLS_TTL = 15,
    OFPAT13_DEC_MPLS_TTL = 16,
    OFPAT13_PUSH_VLAN = 17,
    OFPAT13_POP_VLAN = 18,
    OFPAT13_PUSH_MPLS = 19,
    OFPAT13_POP_MPLS = 20,
    OFPAT13_SET_QUEUE = 21,
    OFPAT13_GROUP = 22,
    OFPAT13_SET_NW_TTL = 23,
    OFPAT13_DEC_NW_TTL = 24,
    OFPAT13_SET_FIELD = 25,
    OFPAT13_PUSH_PBB = 26,
    OFPAT13_POP_PBB = 27,
    OFPAT13_EXPERIMENTER = 0xffff,
};

/* Open vSwitch's (Nicira's) experimenter id, and the one of its action
 * subtypes we decode. */
#define NX_VENDOR_ID 0x00002320
#define NXAST_CT 35

/* The start of every Nicira action. */
struct nx_action_header {
    ofp_be16 type;          /* 0xffff. */
    ofp_be16 len;
    ofp_be32 vendor;        /* NX_VENDOR_ID. */
    ofp_be16 subtype;       /* NXAST_*. */
};
_Static_assert(sizeof(struct nx_action_header) == 10, "nx action header");

/* NXAST_CT (Open vSwitch's struct nx_action_conntrack), followed by the
 * nested actions. */
struct nx_action_ct {
    ofp_be16 type;          /* 0xffff. */
    ofp_be16 len;           /* 24 + nested actions. */
    ofp_be32 vendor;        /* NX_VENDOR_ID. */
    ofp_be16 subtype;       /* NXAST_CT. */
    ofp_be16 flags;         /* OFPACT_CT_F_*. */
    ofp_be32 zone_src;      /* NXM header of the zone's field, or 0. */
    ofp_be16 zone;          /* zone_imm, or zone_ofs_nbits if zone_src. */
    uint8_t recirc_table;   /* OFPACT_CT_RECIRC_NONE: no recirculation. */
    uint8_t pad[3];
    ofp_be16 alg;           /* Well-known port of the ALG, or 0. */
};
_Static_assert(sizeof(struct nx_action_ct) == 24, "nx ct action");

/* Decoders carve one struct ofp_action per wire action from an arena sized
 * by OFP_ARENA_BOUND (16 bytes per wire byte): the smallest action must not
 * outgrow that. */
_Static_assert(sizeof(struct ofp_action) <= 16 * OFP_ACTION_MIN_LEN,
               "struct ofp_action too large for the arena bound");

enum ofp13_instruction_wire_type {
    OFPIT13_GOTO_TABLE = 1,
    OFPIT13_WRITE_METADATA = 2,
    OFPIT13_WRITE_ACTIONS = 3,
    OFPIT13_APPLY_ACTIONS = 4,
    OFPIT13_CLEAR_ACTIONS = 5,
    OFPIT13_METER = 6,
    OFPIT13_EXPERIMENTER = 0xffff,
};

#define ETH_TYPE_VLAN_8021Q 0x8100
#define ETH_TYPE_VLAN_8021AD 0x88a8
#define ETH_TYPE_MPLS 0x8847
#define ETH_TYPE_MPLS_MCAST 0x8848
#define ETH_TYPE_PBB 0x88e7

/* ---- Helpers shared by both versions. ----------------------------------- */

/* Returns true if 'port' (32-bit space) may be the port of an OUTPUT action:
 * a numbered port 1..OFPP_MAX or one of the reserved ports a packet can be
 * sent to.  ANY (1.0: NONE) and 0 are not. */
static bool
output_port_ok(uint32_t port)
{
    return (port >= 1 && port <= OFPP_MAX)
           || (port >= OFPP_IN_PORT && port <= OFPP_LOCAL);
}

/* An ENQUEUE port must be a physical port, IN_PORT or LOCAL. */
static bool
enqueue_port_ok(uint32_t port)
{
    return (port >= 1 && port < OFPP_MAX) || port == OFPP_IN_PORT
           || port == OFPP_LOCAL;
}

static void
set_field_action(struct ofp_action *a, enum ofp_field field)
{
    a->type = OFPACT_SET_FIELD;
    a->u.set_field.field = field;
    memset(&a->u.set_field.value, 0, sizeof a->u.set_field.value);
}

/* Pulls the fixed-length wire struct of an action whose whole bytes are in
 * 'act' (header included).  Returns NULL if the action's length is not
 * exactly 'size'. */
static const void *
pull_exact(struct ofp_cursor *act, size_t size)
{
    if (ofp_cursor_remaining(act) != size) {
        return NULL;
    }
    return ofp_cursor_pull(act, size);
}

/* Splits the next TLV (action or instruction) off 'c' into 'tlv' and returns
 * its type through 'type'.  'bad_len' is the error of the caller's class.
 * The TLV must be at least 8 bytes, a multiple of 8, and inside 'c'. */
static enum ofperr
next_tlv(struct ofp_cursor *c, uint16_t *type, struct ofp_cursor *tlv,
         enum ofperr bad_len)
{
    const struct ofp_tlv_header *h = ofp_cursor_peek(c, sizeof *h);
    if (!h) {
        return bad_len;
    }
    uint16_t len = be16_get(&h->len);
    if (len < OFP_ACTION_MIN_LEN || len % 8 || !ofp_cursor_sub(c, len, tlv)) {
        return bad_len;
    }
    *type = be16_get(&h->type);
    return 0;
}

/* ---- OpenFlow 1.0 decode. ---------------------------------------------- */

static enum ofperr
decode_of10(uint16_t type, struct ofp_cursor *act, struct ofp_action *a)
{
    switch (type) {
    case OFPAT10_OUTPUT: {
        const struct ofp10_action_output *o = pull_exact(act, sizeof *o);
        if (!o) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        a->type = OFPACT_OUTPUT;
        a->u.output.port = ofp_port_from_of10(be16_get(&o->port));
        a->u.output.max_len = be16_get(&o->max_len);
        return output_port_ok(a->u.output.port) ? 0
               : OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    case OFPAT10_SET_VLAN_VID: {
        const struct ofp10_action_u16 *v = pull_exact(act, sizeof *v);
        if (!v) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        uint16_t vid = be16_get(&v->value);
        if (vid > 0xfff) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        set_field_action(a, OFPF_VLAN_VID);
        a->u.set_field.value.u16 = vid | OFPVID_PRESENT;
        return 0;
    }
    case OFPAT10_SET_VLAN_PCP:
    case OFPAT10_SET_NW_TOS: {
        const struct ofp_action_u8 *v = pull_exact(act, sizeof *v);
        if (!v) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        if (type == OFPAT10_SET_VLAN_PCP) {
            if (v->value > 7) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
            set_field_action(a, OFPF_VLAN_PCP);
            a->u.set_field.value.u8 = v->value;
        } else {
            /* nw_tos carries the DSCP in its upper 6 bits; 1.0 says the
             * ECN bits must be zero. */
            if (v->value & 3) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
            set_field_action(a, OFPF_IP_DSCP);
            a->u.set_field.value.u8 = v->value >> 2;
        }
        return 0;
    }
    case OFPAT10_STRIP_VLAN:
        if (!pull_exact(act, sizeof(struct ofp_action_plain))) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        a->type = OFPACT_POP_VLAN;
        return 0;
    case OFPAT10_SET_DL_SRC:
    case OFPAT10_SET_DL_DST: {
        const struct ofp10_action_dl_addr *d = pull_exact(act, sizeof *d);
        if (!d) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        set_field_action(a, type == OFPAT10_SET_DL_SRC ? OFPF_ETH_SRC
                                                       : OFPF_ETH_DST);
        memcpy(a->u.set_field.value.mac, d->addr, OFP_ETH_ALEN);
        return 0;
    }
    case OFPAT10_SET_NW_SRC:
    case OFPAT10_SET_NW_DST: {
        const struct ofp_action_u32 *n = pull_exact(act, sizeof *n);
        if (!n) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        set_field_action(a, type == OFPAT10_SET_NW_SRC ? OFPF_IPV4_SRC
                                                       : OFPF_IPV4_DST);
        a->u.set_field.value.u32 = be32_get(&n->value);
        return 0;
    }
    case OFPAT10_SET_TP_SRC:
    case OFPAT10_SET_TP_DST: {
        const struct ofp10_action_u16 *t = pull_exact(act, sizeof *t);
        if (!t) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        set_field_action(a, type == OFPAT10_SET_TP_SRC ? OFPF_TCP_SRC
                                                       : OFPF_TCP_DST);
        a->u.set_field.value.u16 = be16_get(&t->value);
        return 0;
    }
    case OFPAT10_ENQUEUE: {
        const struct ofp10_action_enqueue *e = pull_exact(act, sizeof *e);
        if (!e) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        a->type = OFPACT_ENQUEUE;
        a->u.enqueue.port = ofp_port_from_of10(be16_get(&e->port));
        a->u.enqueue.queue_id = be32_get(&e->queue_id);
        return enqueue_port_ok(a->u.enqueue.port) ? 0
               : OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    default:
        return OFPERR_OFPBAC_BAD_TYPE;
    }
}

/* ---- OpenFlow 1.3 decode. ---------------------------------------------- */

/* Maps an OXM decoding error to the set-field error of the same cause. */
static enum ofperr
set_field_error(enum ofperr error)
{
    switch (error) {
    case OFPERR_OFPBMC_BAD_LEN:
        return OFPERR_OFPBAC_BAD_SET_LEN;
    case OFPERR_OFPBMC_BAD_FIELD:
    case OFPERR_OFPBMC_BAD_TYPE:
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    default:
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
}

static enum ofperr
decode_of13_set_field(struct ofp_cursor *act, struct ofp_action *a)
{
    if (!ofp_cursor_skip(act, sizeof(struct ofp_tlv_header))) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    enum ofp_field field;
    union ofp_field_value value, mask;
    bool has_mask = false;
    memset(&value, 0, sizeof value);
    memset(&mask, 0, sizeof mask);
    enum ofperr error = ofp_oxm_decode_one(act, &field, &value, &mask,
                                           &has_mask);
    if (error) {
        return set_field_error(error);
    }
    if (has_mask) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    /* The action is the OXM padded to 8 bytes, no more. */
    if (ofp_cursor_remaining(act) >= 8) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    uint8_t pad;
    while (ofp_cursor_u8(act, &pad)) {
        if (pad) {
            return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
        }
    }
    /* Setting a VLAN id without OFPVID_PRESENT means nothing (1.3 and 1.5
     * say the bit must be set). */
    if (field == OFPF_VLAN_VID && !(value.u16 & OFPVID_PRESENT)) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (!ofp_field_info(field)->settable) {
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    }
    set_field_action(a, field);
    a->u.set_field.value = value;
    return 0;
}

static enum ofperr
decode_of13(uint16_t type, struct ofp_cursor *act, struct ofp_action *a)
{
    switch (type) {
    case OFPAT13_OUTPUT: {
        const struct ofp13_action_output *o = pull_exact(act, sizeof *o);
        if (!o) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        a->type = OFPACT_OUTPUT;
        a->u.output.port = be32_get(&o->port);
        a->u.output.max_len = be16_get(&o->max_len);
        return output_port_ok(a->u.output.port) ? 0
               : OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    case OFPAT13_COPY_TTL_OUT:
    case OFPAT13_COPY_TTL_IN:
    case OFPAT13_DEC_MPLS_TTL:
    case OFPAT13_POP_VLAN:
    case OFPAT13_DEC_NW_TTL:
    case OFPAT13_POP_PBB:
        if (!pull_exact(act, sizeof(struct ofp_action_plain))) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        a->type = (type == OFPAT13_COPY_TTL_OUT ? OFPACT_COPY_TTL_OUT
                   : type == OFPAT13_COPY_TTL_IN ? OFPACT_COPY_TTL_IN
                   : type == OFPAT13_DEC_MPLS_TTL ? OFPACT_DEC_MPLS_TTL
                   : type == OFPAT13_POP_VLAN ? OFPACT_POP_VLAN
                   : type == OFPAT13_DEC_NW_TTL ? OFPACT_DEC_NW_TTL
                   : OFPACT_POP_PBB);
        return 0;
    case OFPAT13_SET_MPLS_TTL:
    case OFPAT13_SET_NW_TTL: {
        const struct ofp_action_u8 *t = pull_exact(act, sizeof *t);
        if (!t) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        a->type = (type == OFPAT13_SET_MPLS_TTL ? OFPACT_SET_MPLS_TTL
                   : OFPACT_SET_NW_TTL);
        a->u.ttl = t->value;
        return 0;
    }
    case OFPAT13_PUSH_VLAN:
    case OFPAT13_PUSH_MPLS:
    case OFPAT13_PUSH_PBB:
    case OFPAT13_POP_MPLS: {
        const struct ofp13_action_ethertype *e = pull_exact(act, sizeof *e);
        if (!e) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        uint16_t ethertype = be16_get(&e->ethertype);
        bool ok;
        if (type == OFPAT13_PUSH_VLAN) {
            a->type = OFPACT_PUSH_VLAN;
            ok = (ethertype == ETH_TYPE_VLAN_8021Q
                  || ethertype == ETH_TYPE_VLAN_8021AD);
        } else if (type == OFPAT13_PUSH_MPLS) {
            a->type = OFPACT_PUSH_MPLS;
            ok = (ethertype == ETH_TYPE_MPLS
                  || ethertype == ETH_TYPE_MPLS_MCAST);
        } else if (type == OFPAT13_PUSH_PBB) {
            a->type = OFPACT_PUSH_PBB;
            ok = ethertype == ETH_TYPE_PBB;
        } else {
            /* POP_MPLS names the payload's ethertype: any value. */
            a->type = OFPACT_POP_MPLS;
            ok = true;
        }
        a->u.ethertype = ethertype;
        return ok ? 0 : OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    case OFPAT13_SET_QUEUE:
    case OFPAT13_GROUP: {
        const struct ofp_action_u32 *v = pull_exact(act, sizeof *v);
        if (!v) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        if (type == OFPAT13_SET_QUEUE) {
            a->type = OFPACT_SET_QUEUE;
            a->u.queue_id = be32_get(&v->value);
        } else {
            a->type = OFPACT_GROUP;
            a->u.group_id = be32_get(&v->value);
        }
        return 0;
    }
    case OFPAT13_SET_FIELD:
        return decode_of13_set_field(act, a);
    default:
        return OFPERR_OFPBAC_BAD_TYPE;
    }
}

/* Checks that 'c' holds whole actions: at least 8 bytes each, multiples of
 * 8, ending exactly at its end. */
static enum ofperr
check_action_framing(struct ofp_cursor c)
{
    while (ofp_cursor_remaining(&c)) {
        struct ofp_cursor act;
        uint16_t type;
        enum ofperr error = next_tlv(&c, &type, &act, OFPERR_OFPBAC_BAD_LEN);
        if (error) {
            return error;
        }
    }
    return 0;
}

/* Decodes NXAST_CT, the whole action (header included) in 'act'. */
static enum ofperr
decode_nx_ct(struct ofp_cursor *act, struct ofp_action *a)
{
    const struct nx_action_ct *w = ofp_cursor_pull(act, sizeof *w);
    if (!w) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    uint16_t flags = be16_get(&w->flags);
    if (flags & ~OFPACT_CT_F_ALL) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    uint32_t zone_src = be32_get(&w->zone_src);
    uint16_t zone = be16_get(&w->zone);
    /* A zone is 16 bits: Open vSwitch refuses a source of another width
     * (the low 6 bits of ofs_nbits are n_bits - 1). */
    if (zone_src && (zone & 0x3f) != 15) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    enum ofperr error = check_action_framing(*act);
    if (error) {
        return error;
    }

    memset(&a->u.ct, 0, sizeof a->u.ct);
    a->type = OFPACT_CT;
    a->u.ct.flags = flags;
    a->u.ct.zone_src = zone_src;
    if (zone_src) {
        a->u.ct.zone_ofs_nbits = zone;
    } else {
        a->u.ct.zone = zone;
    }
    a->u.ct.recirc_table = w->recirc_table;
    a->u.ct.alg = be16_get(&w->alg);
    a->u.ct.actions_len = ofp_cursor_remaining(act);
    a->u.ct.actions = (a->u.ct.actions_len
                       ? ofp_cursor_pull(act, a->u.ct.actions_len) : NULL);
    return 0;
}

/* True if 'act' (a whole experimenter action) is Nicira's NXAST_CT. */
static bool
is_nx_ct(const struct ofp_cursor *act)
{
    const struct nx_action_header *h = ofp_cursor_peek(act, sizeof *h);
    return (h && be32_get(&h->vendor) == NX_VENDOR_ID
            && be16_get(&h->subtype) == NXAST_CT);
}

/* VENDOR (1.0) and EXPERIMENTER (1.3) have the same layout: the id, then
 * opaque bytes that keep pointing into the message.  In 1.3, NXAST_CT is
 * decoded instead. */
static enum ofperr
decode_experimenter(uint8_t version, struct ofp_cursor *act,
                    struct ofp_action *a)
{
    if (version == OFP13_VERSION && is_nx_ct(act)) {
        return decode_nx_ct(act, a);
    }
    const struct ofp_action_u32 *e = ofp_cursor_pull(act, sizeof *e);
    if (!e) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    size_t len = ofp_cursor_remaining(act);
    a->type = OFPACT_EXPERIMENTER;
    a->u.experimenter.id = be32_get(&e->value);
    a->u.experimenter.len = len;
    a->u.experimenter.data = len ? ofp_cursor_pull(act, len) : NULL;
    return 0;
}

enum ofperr
ofp_actions_decode(uint8_t version, struct ofp_cursor *c,
                   struct ofp_arena *arena, struct ofp_action_list *out)
{
    out->actions = NULL;
    out->n = 0;
    if (version != OFP10_VERSION && version != OFP13_VERSION) {
        return OFPERR_OFPBRC_BAD_VERSION;
    }

    /* First pass: check the framing and count, so that the arena gives
     * exactly the array needed. */
    struct ofp_cursor scan = *c;
    size_t n = 0;
    while (ofp_cursor_remaining(&scan)) {
        struct ofp_cursor act;
        uint16_t type;
        enum ofperr error = next_tlv(&scan, &type, &act,
                                     OFPERR_OFPBAC_BAD_LEN);
        if (error) {
            return error;
        }
        n++;
    }
    if (!n) {
        return 0;
    }

    struct ofp_action *acts = ofp_arena_alloc(arena, n * sizeof *acts);
    if (!acts) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    for (size_t i = 0; i < n; i++) {
        struct ofp_cursor act;
        uint16_t type;
        enum ofperr error = next_tlv(c, &type, &act, OFPERR_OFPBAC_BAD_LEN);
        if (!error) {
            if (type == 0xffff) {
                error = decode_experimenter(version, &act, &acts[i]);
            } else if (version == OFP10_VERSION) {
                error = decode_of10(type, &act, &acts[i]);
            } else {
                error = decode_of13(type, &act, &acts[i]);
            }
        }
        if (error) {
            return error;
        }
    }
    out->actions = acts;
    out->n = n;
    return 0;
}

/* ---- Encoding. --------------------------------------------------------- */

/* Appends a zeroed action of 'size' bytes with its header filled in and
 * returns its offset in 'out'. */
static size_t
put_action(struct ofpbuf *out, uint16_t type, size_t size)
{
    size_t ofs = out->size;
    struct ofp_tlv_header *h = ofpbuf_put_zeros(out, size);
    be16_set(&h->type, type);
    be16_set(&h->len, (uint16_t) size);
    return ofs;
}

static enum ofperr
encode_experimenter(const struct ofp_action *a, struct ofpbuf *out)
{
    size_t len = ofp_pad8(sizeof(struct ofp_action_u32)
                          + a->u.experimenter.len);
    if (len > UINT16_MAX) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    size_t ofs = put_action(out, 0xffff, sizeof(struct ofp_action_u32));
    struct ofp_action_u32 *e = ofpbuf_at(out, ofs, sizeof *e);
    be32_set(&e->value, a->u.experimenter.id);
    if (a->u.experimenter.len) {
        ofpbuf_put(out, a->u.experimenter.data, a->u.experimenter.len);
    }
    ofpbuf_pad8_from(out, ofs);
    e = ofpbuf_at(out, ofs, sizeof *e);
    be16_set(&e->len, (uint16_t) len);
    return 0;
}

/* Appends NXAST_CT (OpenFlow 1.3 only). */
static enum ofperr
encode_nx_ct(const struct ofp_action *a, struct ofpbuf *out)
{
    size_t len = sizeof(struct nx_action_ct) + a->u.ct.actions_len;
    if (a->u.ct.flags & ~OFPACT_CT_F_ALL) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (a->u.ct.zone_src && (a->u.ct.zone_ofs_nbits & 0x3f) != 15) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (a->u.ct.actions_len % 8 || len > UINT16_MAX) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    size_t ofs = put_action(out, 0xffff, sizeof(struct nx_action_ct));
    struct nx_action_ct *w = ofpbuf_at(out, ofs, sizeof *w);
    be32_set(&w->vendor, NX_VENDOR_ID);
    be16_set(&w->subtype, NXAST_CT);
    be16_set(&w->flags, a->u.ct.flags);
    be32_set(&w->zone_src, a->u.ct.zone_src);
    be16_set(&w->zone, (a->u.ct.zone_src ? a->u.ct.zone_ofs_nbits
                        : a->u.ct.zone));
    w->recirc_table = a->u.ct.recirc_table;
    be16_set(&w->alg, a->u.ct.alg);
    if (a->u.ct.actions_len) {
        ofpbuf_put(out, a->u.ct.actions, a->u.ct.actions_len);
        w = ofpbuf_at(out, ofs, sizeof *w);
        be16_set(&w->len, (uint16_t) len);
    }
    return 0;
}

/* Appends the 1.0 form of an OFPACT_SET_FIELD. */
static enum ofperr
encode_of10_set_field(const struct ofp_action *a, struct ofpbuf *out)
{
    const union ofp_field_value *v = &a->u.set_field.value;
    size_t ofs;

    switch (a->u.set_field.field) {
    case OFPF_VLAN_VID: {
        if (!(v->u16 & OFPVID_PRESENT) || v->u16 > (OFPVID_PRESENT | 0xfff)) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofs = put_action(out, OFPAT10_SET_VLAN_VID,
                         sizeof(struct ofp10_action_u16));
        struct ofp10_action_u16 *w = ofpbuf_at(out, ofs, sizeof *w);
        be16_set(&w->value, v->u16 & 0xfff);
        return 0;
    }
    case OFPF_VLAN_PCP:
    case OFPF_IP_DSCP: {
        bool pcp = a->u.set_field.field == OFPF_VLAN_PCP;
        if (v->u8 > (pcp ? 7 : 63)) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofs = put_action(out, pcp ? OFPAT10_SET_VLAN_PCP : OFPAT10_SET_NW_TOS,
                         sizeof(struct ofp_action_u8));
        struct ofp_action_u8 *w = ofpbuf_at(out, ofs, sizeof *w);
        w->value = pcp ? v->u8 : (uint8_t) (v->u8 << 2);
        return 0;
    }
    case OFPF_ETH_SRC:
    case OFPF_ETH_DST: {
        ofs = put_action(out, (a->u.set_field.field == OFPF_ETH_SRC
                               ? OFPAT10_SET_DL_SRC : OFPAT10_SET_DL_DST),
                         sizeof(struct ofp10_action_dl_addr));
        struct ofp10_action_dl_addr *w = ofpbuf_at(out, ofs, sizeof *w);
        memcpy(w->addr, v->mac, OFP_ETH_ALEN);
        return 0;
    }
    case OFPF_IPV4_SRC:
    case OFPF_IPV4_DST: {
        ofs = put_action(out, (a->u.set_field.field == OFPF_IPV4_SRC
                               ? OFPAT10_SET_NW_SRC : OFPAT10_SET_NW_DST),
                         sizeof(struct ofp_action_u32));
        struct ofp_action_u32 *w = ofpbuf_at(out, ofs, sizeof *w);
        be32_set(&w->value, v->u32);
        return 0;
    }
    case OFPF_TCP_SRC:
    case OFPF_UDP_SRC:
    case OFPF_SCTP_SRC:
    case OFPF_TCP_DST:
    case OFPF_UDP_DST:
    case OFPF_SCTP_DST: {
        bool src = (a->u.set_field.field == OFPF_TCP_SRC
                    || a->u.set_field.field == OFPF_UDP_SRC
                    || a->u.set_field.field == OFPF_SCTP_SRC);
        ofs = put_action(out, src ? OFPAT10_SET_TP_SRC : OFPAT10_SET_TP_DST,
                         sizeof(struct ofp10_action_u16));
        struct ofp10_action_u16 *w = ofpbuf_at(out, ofs, sizeof *w);
        be16_set(&w->value, v->u16);
        return 0;
    }
    default:
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    }
}

static enum ofperr
encode_of10(const struct ofp_action *a, struct ofpbuf *out)
{
    size_t ofs;

    switch (a->type) {
    case OFPACT_OUTPUT: {
        if (!ofp_port_to_of10_ok(a->u.output.port)) {
            return OFPERR_OFPBAC_BAD_OUT_PORT;
        }
        ofs = put_action(out, OFPAT10_OUTPUT,
                         sizeof(struct ofp10_action_output));
        struct ofp10_action_output *o = ofpbuf_at(out, ofs, sizeof *o);
        be16_set(&o->port, ofp_port_to_of10(a->u.output.port));
        be16_set(&o->max_len, a->u.output.max_len);
        return 0;
    }
    case OFPACT_ENQUEUE: {
        if (!ofp_port_to_of10_ok(a->u.enqueue.port)) {
            return OFPERR_OFPBAC_BAD_OUT_PORT;
        }
        ofs = put_action(out, OFPAT10_ENQUEUE,
                         sizeof(struct ofp10_action_enqueue));
        struct ofp10_action_enqueue *e = ofpbuf_at(out, ofs, sizeof *e);
        be16_set(&e->port, ofp_port_to_of10(a->u.enqueue.port));
        be32_set(&e->queue_id, a->u.enqueue.queue_id);
        return 0;
    }
    case OFPACT_SET_FIELD:
        return encode_of10_set_field(a, out);
    case OFPACT_POP_VLAN:
        put_action(out, OFPAT10_STRIP_VLAN, sizeof(struct ofp_action_plain));
        return 0;
    case OFPACT_EXPERIMENTER:
        return encode_experimenter(a, out);
    case OFPACT_GROUP:
    case OFPACT_SET_QUEUE:
    case OFPACT_PUSH_VLAN:
    case OFPACT_PUSH_MPLS:
    case OFPACT_POP_MPLS:
    case OFPACT_PUSH_PBB:
    case OFPACT_POP_PBB:
    case OFPACT_SET_NW_TTL:
    case OFPACT_DEC_NW_TTL:
    case OFPACT_SET_MPLS_TTL:
    case OFPACT_DEC_MPLS_TTL:
    case OFPACT_COPY_TTL_OUT:
    case OFPACT_COPY_TTL_IN:
    case OFPACT_CT:     /* Open vSwitch has it in 1.0 too; Canopy does not
                         * send Nicira actions to 1.0 switches. */
    default:
        return OFPERR_OFPBAC_BAD_TYPE;
    }
}

static enum ofperr
encode_of13(const struct ofp_action *a, struct ofpbuf *out)
{
    size_t ofs;

    switch (a->type) {
    case OFPACT_OUTPUT: {
        ofs = put_action(out, OFPAT13_OUTPUT,
                         sizeof(struct ofp13_action_output));
        struct ofp13_action_output *o = ofpbuf_at(out, ofs, sizeof *o);
        be32_set(&o->port, a->u.output.port);
        be16_set(&o->max_len, a->u.output.max_len);
        return 0;
    }
    case OFPACT_GROUP:
    case OFPACT_SET_QUEUE: {
        bool group = a->type == OFPACT_GROUP;
        ofs = put_action(out, group ? OFPAT13_GROUP : OFPAT13_SET_QUEUE,
                         sizeof(struct ofp_action_u32));
        struct ofp_action_u32 *v = ofpbuf_at(out, ofs, sizeof *v);
        be32_set(&v->value, group ? a->u.group_id : a->u.queue_id);
        return 0;
    }
    case OFPACT_SET_FIELD: {
        const struct ofp_field_info *info
            = ofp_field_info(a->u.set_field.field);
        if (!info || !info->settable) {
            return OFPERR_OFPBAC_BAD_SET_TYPE;
        }
        ofs = put_action(out, OFPAT13_SET_FIELD,
                         sizeof(struct ofp_tlv_header));
        ofp_oxm_encode_one(out, a->u.set_field.field, &a->u.set_field.value,
                           NULL);
        ofpbuf_pad8_from(out, ofs);
        struct ofp_tlv_header *h = ofpbuf_at(out, ofs, sizeof *h);
        be16_set(&h->len, (uint16_t) (out->size - ofs));
        return 0;
    }
    case OFPACT_PUSH_VLAN:
    case OFPACT_PUSH_MPLS:
    case OFPACT_POP_MPLS:
    case OFPACT_PUSH_PBB: {
        uint16_t type = (a->type == OFPACT_PUSH_VLAN ? OFPAT13_PUSH_VLAN
                         : a->type == OFPACT_PUSH_MPLS ? OFPAT13_PUSH_MPLS
                         : a->type == OFPACT_POP_MPLS ? OFPAT13_POP_MPLS
                         : OFPAT13_PUSH_PBB);
        ofs = put_action(out, type, sizeof(struct ofp13_action_ethertype));
        struct ofp13_action_ethertype *e = ofpbuf_at(out, ofs, sizeof *e);
        be16_set(&e->ethertype, a->u.ethertype);
        return 0;
    }
    case OFPACT_SET_NW_TTL:
    case OFPACT_SET_MPLS_TTL: {
        ofs = put_action(out, (a->type == OFPACT_SET_NW_TTL
                               ? OFPAT13_SET_NW_TTL : OFPAT13_SET_MPLS_TTL),
                         sizeof(struct ofp_action_u8));
        struct ofp_action_u8 *t = ofpbuf_at(out, ofs, sizeof *t);
        t->value = a->u.ttl;
        return 0;
    }
    case OFPACT_POP_VLAN:
    case OFPACT_POP_PBB:
    case OFPACT_DEC_NW_TTL:
    case OFPACT_DEC_MPLS_TTL:
    case OFPACT_COPY_TTL_OUT:
    case OFPACT_COPY_TTL_IN: {
        uint16_t type = (a->type == OFPACT_POP_VLAN ? OFPAT13_POP_VLAN
                         : a->type == OFPACT_POP_PBB ? OFPAT13_POP_PBB
                         : a->type == OFPACT_DEC_NW_TTL ? OFPAT13_DEC_NW_TTL
                         : a->type == OFPACT_DEC_MPLS_TTL
                           ? OFPAT13_DEC_MPLS_TTL
                         : a->type == OFPACT_COPY_TTL_OUT
                           ? OFPAT13_COPY_TTL_OUT
                         : OFPAT13_COPY_TTL_IN);
        put_action(out, type, sizeof(struct ofp_action_plain));
        return 0;
    }
    case OFPACT_EXPERIMENTER:
        return encode_experimenter(a, out);
    case OFPACT_CT:
        return encode_nx_ct(a, out);
    case OFPACT_ENQUEUE:
    default:
        return OFPERR_OFPBAC_BAD_TYPE;
    }
}

static enum ofperr
encode_one(uint8_t version, const struct ofp_action *a, struct ofpbuf *out)
{
    return (version == OFP10_VERSION ? encode_of10(a, out)
            : encode_of13(a, out));
}

enum ofperr
ofp_actions_encode(uint8_t version, const struct ofp_action_list *acts,
                   struct ofpbuf *out)
{
    if (version != OFP10_VERSION && version != OFP13_VERSION) {
        return OFPERR_OFPBRC_BAD_VERSION;
    }
    size_t start = out->size;
    for (size_t i = 0; i < acts->n; i++) {
        enum ofperr error = encode_one(version, &acts->actions[i], out);
        if (error) {
            ofpbuf_truncate(out, start);
            return error;
        }
    }
    return 0;
}

/* ---- Instructions. ----------------------------------------------------- */

static enum ofperr
decode_instruction(uint16_t type, struct ofp_cursor *inst,
                   struct ofp_arena *arena, struct ofp_instructions *out)
{
    switch (type) {
    case OFPIT13_GOTO_TABLE: {
        const struct ofp13_instruction_goto_table *g
            = pull_exact(inst, sizeof *g);
        if (!g) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        if (g->table_id > OFPTT_MAX) {
            return OFPERR_OFPBIC_BAD_TABLE_ID;
        }
        out->goto_table = g->table_id;
        return 0;
    }
    case OFPIT13_WRITE_METADATA: {
        const struct ofp13_instruction_write_metadata *w
            = pull_exact(inst, sizeof *w);
        if (!w) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        out->metadata_mask = be64_get(&w->metadata_mask);
        out->metadata = be64_get(&w->metadata);
        return 0;
    }
    case OFPIT13_WRITE_ACTIONS:
    case OFPIT13_APPLY_ACTIONS:
        if (!ofp_cursor_skip(inst, sizeof(struct ofp_action_plain))) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        return ofp_actions_decode(OFP13_VERSION, inst, arena,
                                  (type == OFPIT13_WRITE_ACTIONS
                                   ? &out->write : &out->apply));
    case OFPIT13_CLEAR_ACTIONS:
        return (pull_exact(inst, sizeof(struct ofp_action_plain)) ? 0
                : OFPERR_OFPBIC_BAD_LEN);
    case OFPIT13_METER: {
        const struct ofp_action_u32 *m = pull_exact(inst, sizeof *m);
        if (!m) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        out->meter_id = be32_get(&m->value);
        return 0;
    }
    case OFPIT13_EXPERIMENTER:
        return OFPERR_OFPBIC_BAD_EXPERIMENTER;
    default:
        return OFPERR_OFPBIC_UNKNOWN_INST;
    }
}

static uint32_t
instruction_bit(uint16_t type)
{
    switch (type) {
    case OFPIT13_GOTO_TABLE: return OFPIB_GOTO_TABLE;
    case OFPIT13_WRITE_METADATA: return OFPIB_WRITE_METADATA;
    case OFPIT13_WRITE_ACTIONS: return OFPIB_WRITE_ACTIONS;
    case OFPIT13_APPLY_ACTIONS: return OFPIB_APPLY_ACTIONS;
    case OFPIT13_CLEAR_ACTIONS: return OFPIB_CLEAR_ACTIONS;
    case OFPIT13_METER: return OFPIB_METER;
    default: return 0;
    }
}

enum ofperr
ofp_instructions_decode(struct ofp_cursor *c, struct ofp_arena *arena,
                        struct ofp_instructions *out)
{
    memset(out, 0, sizeof *out);
    while (ofp_cursor_remaining(c)) {
        struct ofp_cursor inst;
        uint16_t type;
        enum ofperr error = next_tlv(c, &type, &inst, OFPERR_OFPBIC_BAD_LEN);
        if (error) {
            return error;
        }
        uint32_t bit = instruction_bit(type);
        if (bit & out->present) {
            return OFPERR_OFPBIC_UNSUP_INST;
        }
        error = decode_instruction(type, &inst, arena, out);
        if (error) {
            return error;
        }
        out->present |= bit;
    }
    return 0;
}

/* Appends an APPLY/WRITE_ACTIONS instruction holding 'acts'. */
static enum ofperr
encode_actions_instruction(uint16_t type, const struct ofp_action_list *acts,
                           struct ofpbuf *out)
{
    size_t ofs = put_action(out, type, sizeof(struct ofp_action_plain));
    enum ofperr error = ofp_actions_encode(OFP13_VERSION, acts, out);
    if (error) {
        return error;
    }
    if (out->size - ofs > UINT16_MAX) {
        return OFPERR_OFPBIC_BAD_LEN;
    }
    struct ofp_tlv_header *h = ofpbuf_at(out, ofs, sizeof *h);
    be16_set(&h->len, (uint16_t) (out->size - ofs));
    return 0;
}

static enum ofperr
encode_instructions_of13(const struct ofp_instructions *ins,
                         struct ofpbuf *out)
{
    size_t ofs;

    /* The order the 1.3 spec executes them in (section 5.9). */
    if (ins->present & OFPIB_METER) {
        ofs = put_action(out, OFPIT13_METER, sizeof(struct ofp_action_u32));
        struct ofp_action_u32 *m = ofpbuf_at(out, ofs, sizeof *m);
        be32_set(&m->value, ins->meter_id);
    }
    if (ins->present & OFPIB_APPLY_ACTIONS) {
        enum ofperr error = encode_actions_instruction(OFPIT13_APPLY_ACTIONS,
                                                       &ins->apply, out);
        if (error) {
            return error;
        }
    }
    if (ins->present & OFPIB_CLEAR_ACTIONS) {
        put_action(out, OFPIT13_CLEAR_ACTIONS,
                   sizeof(struct ofp_action_plain));
    }
    if (ins->present & OFPIB_WRITE_ACTIONS) {
        enum ofperr error = encode_actions_instruction(OFPIT13_WRITE_ACTIONS,
                                                       &ins->write, out);
        if (error) {
            return error;
        }
    }
    if (ins->present & OFPIB_WRITE_METADATA) {
        ofs = put_action(out, OFPIT13_WRITE_METADATA,
                         sizeof(struct ofp13_instruction_write_metadata));
        struct ofp13_instruction_write_metadata *w
            = ofpbuf_at(out, ofs, sizeof *w);
        be64_set(&w->metadata, ins->metadata);
        be64_set(&w->metadata_mask, ins->metadata_mask);
    }
    if (ins->present & OFPIB_GOTO_TABLE) {
        ofs = put_action(out, OFPIT13_GOTO_TABLE,
                         sizeof(struct ofp13_instruction_goto_table));
        struct ofp13_instruction_goto_table *g
            = ofpbuf_at(out, ofs, sizeof *g);
        g->table_id = ins->goto_table;
    }
    return 0;
}

enum ofperr
ofp_instructions_encode(uint8_t version, const struct ofp_instructions *ins,
                        struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        if (ins->present & ~(uint32_t) OFPIB_APPLY_ACTIONS) {
            return OFPERR_OFPBIC_UNSUP_INST;
        }
        if (!(ins->present & OFPIB_APPLY_ACTIONS)) {
            return 0;
        }
        return ofp_actions_encode(version, &ins->apply, out);
    } else if (version == OFP13_VERSION) {
        size_t start = out->size;
        enum ofperr error = encode_instructions_of13(ins, out);
        if (error) {
            ofpbuf_truncate(out, start);
        }
        return error;
    }
    return OFPERR_OFPBRC_BAD_VERSION;
}

/* ---- Version check. ---------------------------------------------------- */

enum ofperr
ofp_actions_check_version(const struct ofp_action_list *acts,
                          uint8_t version, struct ds *why)
{
    if (version != OFP10_VERSION && version != OFP13_VERSION) {
        if (why) {
            ds_put_format(why, "unknown OpenFlow version 0x%02x", version);
        }
        return OFPERR_OFPBRC_BAD_VERSION;
    }
    const char *vname = version == OFP10_VERSION ? "1.0" : "1.3";
    struct ofpbuf scratch = OFPBUF_INITIALIZER;
    enum ofperr error = 0;
    for (size_t i = 0; i < acts->n && !error; i++) {
        const struct ofp_action *a = &acts->actions[i];
        ofpbuf_clear(&scratch);
        error = encode_one(version, a, &scratch);
        if (!error || !why) {
            continue;
        }
        if (error == OFPERR_OFPBAC_BAD_SET_TYPE) {
            const struct ofp_field_info *info
                = ofp_field_info(a->u.set_field.field);
            if (info && !info->settable) {
                ds_put_format(why, "%s is read-only: set_field cannot "
                              "write it", info->name);
            } else {
                ds_put_format(why, "%s cannot be set in OpenFlow %s",
                              info ? info->name : "an unknown field", vname);
            }
        } else if (error == OFPERR_OFPBAC_BAD_OUT_PORT) {
            ds_put_format(why, "port %"PRIu32" has no OpenFlow %s number",
                          (a->type == OFPACT_OUTPUT ? a->u.output.port
                           : a->u.enqueue.port), vname);
        } else if (error == OFPERR_OFPBAC_BAD_TYPE) {
            ds_put_cstr(why, "action ");
            ofp_action_format(a, why);
            ds_put_format(why, " does not exist in OpenFlow %s", vname);
        } else {
            ds_put_cstr(why, "action ");
            ofp_action_format(a, why);
            ds_put_format(why, " cannot be encoded in OpenFlow %s: %s",
                          vname, ofperr_description(error));
        }
    }
    ofpbuf_uninit(&scratch);
    return error;
}

/* ---- Comparison. ------------------------------------------------------- */

static bool
field_value_equal(enum ofp_field field, const union ofp_field_value *a,
                  const union ofp_field_value *b)
{
    const struct ofp_field_info *info = ofp_field_info(field);
    if (!info) {
        return !memcmp(a, b, sizeof *a);
    }
    switch (info->kind) {
    case OFPFK_U8:
        return a->u8 == b->u8;
    case OFPFK_U16:
        return a->u16 == b->u16;
    case OFPFK_U32:
        return a->u32 == b->u32;
    case OFPFK_U64:
        return a->u64 == b->u64;
    case OFPFK_MAC:
        return !memcmp(a->mac, b->mac, sizeof a->mac);
    case OFPFK_IPV6:
        return !memcmp(a->ipv6, b->ipv6, sizeof a->ipv6);
    default:
        return !memcmp(a, b, sizeof *a);
    }
}

static bool
action_equal(const struct ofp_action *a, const struct ofp_action *b)
{
    if (a->type != b->type) {
        return false;
    }
    switch (a->type) {
    case OFPACT_OUTPUT:
        return (a->u.output.port == b->u.output.port
                && a->u.output.max_len == b->u.output.max_len);
    case OFPACT_GROUP:
        return a->u.group_id == b->u.group_id;
    case OFPACT_SET_QUEUE:
        return a->u.queue_id == b->u.queue_id;
    case OFPACT_ENQUEUE:
        return (a->u.enqueue.port == b->u.enqueue.port
                && a->u.enqueue.queue_id == b->u.enqueue.queue_id);
    case OFPACT_SET_FIELD:
        return (a->u.set_field.field == b->u.set_field.field
                && field_value_equal(a->u.set_field.field,
                                     &a->u.set_field.value,
                                     &b->u.set_field.value));
    case OFPACT_PUSH_VLAN:
    case OFPACT_PUSH_MPLS:
    case OFPACT_POP_MPLS:
    case OFPACT_PUSH_PBB:
        return a->u.ethertype == b->u.ethertype;
    case OFPACT_SET_NW_TTL:
    case OFPACT_SET_MPLS_TTL:
        return a->u.ttl == b->u.ttl;
    case OFPACT_EXPERIMENTER:
        return (a->u.experimenter.id == b->u.experimenter.id
                && a->u.experimenter.len == b->u.experimenter.len
                && (!a->u.experimenter.len
                    || !memcmp(a->u.experimenter.data, b->u.experimenter.data,
                               a->u.experimenter.len)));
    case OFPACT_CT:
        return (a->u.ct.flags == b->u.ct.flags
                && a->u.ct.zone_src == b->u.ct.zone_src
                && (a->u.ct.zone_src
                    ? a->u.ct.zone_ofs_nbits == b->u.ct.zone_ofs_nbits
                    : a->u.ct.zone == b->u.ct.zone)
                && a->u.ct.recirc_table == b->u.ct.recirc_table
                && a->u.ct.alg == b->u.ct.alg
                && a->u.ct.actions_len == b->u.ct.actions_len
                && (!a->u.ct.actions_len
                    || !memcmp(a->u.ct.actions, b->u.ct.actions,
                               a->u.ct.actions_len)));
    case OFPACT_POP_VLAN:
    case OFPACT_POP_PBB:
    case OFPACT_DEC_NW_TTL:
    case OFPACT_DEC_MPLS_TTL:
    case OFPACT_COPY_TTL_OUT:
    case OFPACT_COPY_TTL_IN:
    default:
        return true;
    }
}

bool
ofp_actions_equal(const struct ofp_action_list *a,
                  const struct ofp_action_list *b)
{
    if (a->n != b->n) {
        return false;
    }
    for (size_t i = 0; i < a->n; i++) {
        if (!action_equal(&a->actions[i], &b->actions[i])) {
            return false;
        }
    }
    return true;
}

bool
ofp_instructions_equal(const struct ofp_instructions *a,
                       const struct ofp_instructions *b)
{
    uint32_t p = a->present;
    return (p == b->present
            && (!(p & OFPIB_GOTO_TABLE) || a->goto_table == b->goto_table)
            && (!(p & OFPIB_WRITE_METADATA)
                || (a->metadata == b->metadata
                    && a->metadata_mask == b->metadata_mask))
            && (!(p & OFPIB_METER) || a->meter_id == b->meter_id)
            && (!(p & OFPIB_APPLY_ACTIONS)
                || ofp_actions_equal(&a->apply, &b->apply))
            && (!(p & OFPIB_WRITE_ACTIONS)
                || ofp_actions_equal(&a->write, &b->write)));
}

/* ---- Printing. --------------------------------------------------------- */

static const char *
reserved_port_name(uint32_t port)
{
    switch (port) {
    case OFPP_IN_PORT: return "IN_PORT";
    case OFPP_TABLE: return "TABLE";
    case OFPP_NORMAL: return "NORMAL";
    case OFPP_FLOOD: return "FLOOD";
    case OFPP_ALL: return "ALL";
    case OFPP_CONTROLLER: return "CONTROLLER";
    case OFPP_LOCAL: return "LOCAL";
    case OFPP_ANY: return "ANY";
    default: return NULL;
    }
}

void
ofp_port_format(uint32_t port, struct ds *s)
{
    const char *name = reserved_port_name(port);
    if (name) {
        ds_put_cstr(s, name);
    } else {
        ds_put_format(s, "%"PRIu32, port);
    }
}

static void format_action(const struct ofp_action *, int depth, struct ds *);

/* Appends a CT's nested actions, decoded for printing when 'depth' allows
 * (Open vSwitch never nests a CT in a CT, but a message may, and printing
 * must stay bounded). */
static void
format_ct_nested(const struct ofp_action *a, int depth, struct ds *s)
{
    struct ofp_arena arena;
    struct ofp_action_list nested;
    enum ofperr error = OFPERR_OFPBAC_BAD_LEN;

    ofp_arena_init(&arena);
    if (!depth) {
        struct ofp_cursor c = ofp_cursor_init(a->u.ct.actions,
                                              a->u.ct.actions_len);
        /* The bound ofp-msgs.c reserves for a message of this size. */
        ofp_arena_reserve(&arena, 16 * a->u.ct.actions_len + 4096);
        error = ofp_actions_decode(OFP13_VERSION, &c, &arena, &nested);
    }
    ds_put_cstr(s, "exec(");
    if (!error) {
        for (size_t i = 0; i < nested.n; i++) {
            if (i) {
                ds_put_char(s, ',');
            }
            format_action(&nested.actions[i], depth + 1, s);
        }
    } else {
        ds_put_format(s, "len=%zu", a->u.ct.actions_len);
    }
    ds_put_char(s, ')');
    ofp_arena_uninit(&arena);
}

/* Appends the NXM name of the field the zone of CT 'a' is read from and
 * the bits: "NXM_NX_REG0[0..15]" as Open vSwitch names its registers, the
 * header in hex for any other field. */
static void
format_ct_zone_src(const struct ofp_action *a, struct ds *s)
{
    uint32_t h = a->u.ct.zone_src;
    unsigned int ofs = a->u.ct.zone_ofs_nbits >> 6;
    unsigned int n_bits = (a->u.ct.zone_ofs_nbits & 0x3f) + 1;
    /* NXM_NX_REGn: class 0x0001, field n (0..15), 4 bytes, no mask. */
    if ((h >> 16) == 0x0001 && ((h >> 9) & 0x7f) < 16
        && (h & 0x1ff) == 4) {
        ds_put_format(s, "NXM_NX_REG%"PRIu32, (h >> 9) & 0x7f);
    } else {
        ds_put_format(s, "0x%08"PRIx32, h);
    }
    ds_put_format(s, "[%u..%u]", ofs, ofs + n_bits - 1);
}

/* Appends CT 'a' as ovs-ofctl prints it (its format_CT()): flags, table,
 * zone, nested actions, ALG, each followed by ',' then the last one
 * dropped. */
static void
format_ct(const struct ofp_action *a, int depth, struct ds *s)
{
    ds_put_cstr(s, "ct(");
    if (a->u.ct.flags & OFPACT_CT_F_COMMIT) {
        ds_put_cstr(s, "commit,");
    }
    if (a->u.ct.flags & OFPACT_CT_F_FORCE) {
        ds_put_cstr(s, "force,");
    }
    if (a->u.ct.recirc_table != OFPACT_CT_RECIRC_NONE) {
        ds_put_format(s, "table=%u,", a->u.ct.recirc_table);
    }
    if (a->u.ct.zone_src) {
        ds_put_cstr(s, "zone=");
        format_ct_zone_src(a, s);
        ds_put_char(s, ',');
    } else if (a->u.ct.zone) {
        ds_put_format(s, "zone=%"PRIu16",", a->u.ct.zone);
    }
    if (a->u.ct.actions_len) {
        format_ct_nested(a, depth, s);
        ds_put_char(s, ',');
    }
    if (a->u.ct.alg == 21) {
        ds_put_cstr(s, "alg=ftp,");
    } else if (a->u.ct.alg == 69) {
        ds_put_cstr(s, "alg=tftp,");
    } else if (a->u.ct.alg) {
        ds_put_format(s, "alg=%"PRIu16",", a->u.ct.alg);
    }
    ds_chomp(s, ",");       /* Only the last part's: "ct(" ends in '('. */
    ds_put_char(s, ')');
}

void
ofp_action_format(const struct ofp_action *a, struct ds *s)
{
    format_action(a, 0, s);
}

/* ofp_action_format() of 'a', nested 'depth' deep inside CT actions. */
static void
format_action(const struct ofp_action *a, int depth, struct ds *s)
{
    switch (a->type) {
    case OFPACT_OUTPUT:
        if (a->u.output.port == OFPP_CONTROLLER) {
            ds_put_format(s, "CONTROLLER:%"PRIu16, a->u.output.max_len);
        } else if (reserved_port_name(a->u.output.port)) {
            ofp_port_format(a->u.output.port, s);
        } else {
            ds_put_format(s, "output:%"PRIu32, a->u.output.port);
        }
        break;
    case OFPACT_GROUP:
        ds_put_format(s, "group:%"PRIu32, a->u.group_id);
        break;
    case OFPACT_SET_QUEUE:
        ds_put_format(s, "set_queue:%"PRIu32, a->u.queue_id);
        break;
    case OFPACT_ENQUEUE:
        ds_put_cstr(s, "enqueue:");
        ofp_port_format(a->u.enqueue.port, s);
        ds_put_format(s, ":%"PRIu32, a->u.enqueue.queue_id);
        break;
    case OFPACT_SET_FIELD: {
        const struct ofp_field_info *info
            = ofp_field_info(a->u.set_field.field);
        ds_put_cstr(s, "set_field:");
        if (info) {
            ofp_field_format_value(a->u.set_field.field,
                                   &a->u.set_field.value, s);
            ds_put_format(s, "->%s", info->name);
        } else {
            ds_put_format(s, "?->field%d", (int) a->u.set_field.field);
        }
        break;
    }
    case OFPACT_PUSH_VLAN:
        ds_put_format(s, "push_vlan:0x%04"PRIx16, a->u.ethertype);
        break;
    case OFPACT_POP_VLAN:
        ds_put_cstr(s, "pop_vlan");
        break;
    case OFPACT_PUSH_MPLS:
        ds_put_format(s, "push_mpls:0x%04"PRIx16, a->u.ethertype);
        break;
    case OFPACT_POP_MPLS:
        ds_put_format(s, "pop_mpls:0x%04"PRIx16, a->u.ethertype);
        break;
    case OFPACT_PUSH_PBB:
        ds_put_format(s, "push_pbb:0x%04"PRIx16, a->u.ethertype);
        break;
    case OFPACT_POP_PBB:
        ds_put_cstr(s, "pop_pbb");
        break;
    case OFPACT_SET_NW_TTL:
        ds_put_format(s, "set_nw_ttl:%u", a->u.ttl);
        break;
    case OFPACT_DEC_NW_TTL:
        ds_put_cstr(s, "dec_ttl");
        break;
    case OFPACT_SET_MPLS_TTL:
        ds_put_format(s, "set_mpls_ttl:%u", a->u.ttl);
        break;
    case OFPACT_DEC_MPLS_TTL:
        ds_put_cstr(s, "dec_mpls_ttl");
        break;
    case OFPACT_COPY_TTL_OUT:
        ds_put_cstr(s, "copy_ttl_out");
        break;
    case OFPACT_COPY_TTL_IN:
        ds_put_cstr(s, "copy_ttl_in");
        break;
    case OFPACT_EXPERIMENTER:
        /* 'len' is the whole action on the wire: header, id and data. */
        ds_put_format(s, "experimenter:0x%"PRIx32"(len=%zu)",
                      a->u.experimenter.id,
                      ofp_pad8(sizeof(struct ofp_action_u32)
                               + a->u.experimenter.len));
        break;
    case OFPACT_CT:
        format_ct(a, depth, s);
        break;
    default:
        ds_put_format(s, "unknown_action:%d", (int) a->type);
        break;
    }
}

void
ofp_actions_format(const struct ofp_action_list *acts, struct ds *s)
{
    if (!acts->n) {
        ds_put_cstr(s, "drop");
        return;
    }
    for (size_t i = 0; i < acts->n; i++) {
        if (i) {
            ds_put_char(s, ',');
        }
        ofp_action_format(&acts->actions[i], s);
    }
}

void
ofp_instructions_format(const struct ofp_instructions *ins, struct ds *s)
{
    if (!ins->present) {
        ds_put_cstr(s, "drop");
        return;
    }
    /* Execution order, as the encoder writes them. */
    const char *sep = "";
    if (ins->present & OFPIB_METER) {
        ds_put_format(s, "%smeter:%"PRIu32, sep, ins->meter_id);
        sep = " ";
    }
    if (ins->present & OFPIB_APPLY_ACTIONS) {
        ds_put_format(s, "%sapply_actions(", sep);
        ofp_actions_format(&ins->apply, s);
        ds_put_char(s, ')');
        sep = " ";
    }
    if (ins->present & OFPIB_CLEAR_ACTIONS) {
        ds_put_format(s, "%sclear_actions", sep);
        sep = " ";
    }
    if (ins->present & OFPIB_WRITE_ACTIONS) {
        ds_put_format(s, "%swrite_actions(", sep);
        ofp_actions_format(&ins->write, s);
        ds_put_char(s, ')');
        sep = " ";
    }
    if (ins->present & OFPIB_WRITE_METADATA) {
        ds_put_format(s, "%swrite_metadata:0x%"PRIx64, sep, ins->metadata);
        if (ins->metadata_mask != UINT64_MAX) {
            ds_put_format(s, "/0x%"PRIx64, ins->metadata_mask);
        }
        sep = " ";
    }
    if (ins->present & OFPIB_GOTO_TABLE) {
        ds_put_format(s, "%sgoto_table:%u", sep, ins->goto_table);
    }
}

/* ---- Parsing. ---------------------------------------------------------- */

/* Longest piece of user text echoed in an error message. */
#define ECHO_MAX 40

/* True if the 'len' bytes at 'p' are 'word', ignoring case. */
static bool
word_is(const char *p, size_t len, const char *word)
{
    return strlen(word) == len && !strncasecmp(p, word, len);
}

/* Parses all of 'arg' as a number for 'what' in 0..'max': decimal, or hex
 * after "0x" (never octal). */
static bool
parse_uint(const char *what, const char *arg, uint64_t max, uint64_t *out,
           struct ds *error)
{
    const char *p = arg;
    unsigned int base = 10;
    uint64_t x = 0;
    bool overflow = false;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && p[2]) {
        base = 16;
        p += 2;
    }
    if (!*p) {
        return ds_error(error, "%s needs a number", what);
    }
    for (; *p; p++) {
        int digit = ofp_hex_digit(*p);
        if (digit < 0 || (unsigned int) digit >= base) {
            if (error) {
                ds_put_cstr(error, "invalid value '");
                ds_put_printable(error, arg, strlen(arg), ECHO_MAX);
                ds_put_format(error, "' for %s (expected a decimal or 0x-hex "
                              "number)", what);
            }
            return false;
        }
        if (x > (UINT64_MAX - (unsigned int) digit) / base) {
            overflow = true;
        }
        x = x * base + (unsigned int) digit;
    }
    if (overflow || x > max) {
        if (error) {
            ds_put_cstr(error, "value ");
            ds_put_printable(error, arg, strlen(arg), ECHO_MAX);
            ds_put_format(error, " out of range for %s (0..%"PRIu64")", what,
                          max);
        }
        return false;
    }
    *out = x;
    return true;
}

/* The reserved ports an action may name, by the names ofp_port_format()
 * prints.  ANY is absent: no action can send to it. */
static const struct {
    const char *name;
    uint32_t port;
} reserved_ports[] = {
    { "IN_PORT", OFPP_IN_PORT },
    { "TABLE", OFPP_TABLE },
    { "NORMAL", OFPP_NORMAL },
    { "FLOOD", OFPP_FLOOD },
    { "ALL", OFPP_ALL },
    { "CONTROLLER", OFPP_CONTROLLER },
    { "LOCAL", OFPP_LOCAL },
};

static bool
reserved_port_from_name(const char *p, size_t len, uint32_t *port)
{
    for (size_t i = 0; i < sizeof reserved_ports / sizeof *reserved_ports;
         i++) {
        if (word_is(p, len, reserved_ports[i].name)) {
            *port = reserved_ports[i].port;
            return true;
        }
    }
    return false;
}

/* Parses the port of an output (or, if 'enqueue', an enqueue) action: a
 * number or a reserved port name, either case, that the action accepts as
 * the decoders do. */
static bool
parse_port(const char *arg, bool enqueue, uint32_t *port, struct ds *error)
{
    const char *what = enqueue ? "enqueue" : "output";
    size_t len = strlen(arg);
    uint32_t p;
    uint64_t x;

    if (!len) {
        return ds_error(error, "%s needs a port", what);
    }
    if (word_is(arg, len, "ANY")) {
        p = OFPP_ANY;           /* A port, but no action's: refused below. */
    } else if (reserved_port_from_name(arg, len, &p)) {
        /* A reserved port by name. */
    } else if (arg[0] >= '0' && arg[0] <= '9') {
        if (!parse_uint(what, arg, UINT32_MAX, &x, error)) {
            return false;
        }
        p = (uint32_t) x;
    } else {
        if (error) {
            ds_put_cstr(error, "invalid port '");
            ds_put_printable(error, arg, len, ECHO_MAX);
            ds_put_format(error, "' for %s (expected a number or IN_PORT, "
                          "TABLE, NORMAL, FLOOD, ALL, CONTROLLER, LOCAL)",
                          what);
        }
        return false;
    }
    if (enqueue ? !enqueue_port_ok(p) : !output_port_ok(p)) {
        if (error) {
            ds_put_cstr(error, "port ");
            ds_put_printable(error, arg, len, ECHO_MAX);
            ds_put_format(error, " cannot be used by %s", what);
        }
        return false;
    }
    *port = p;
    return true;
}

/* "set_field:VALUE->FIELD". */
static bool
parse_set_field(const char *arg, struct ofp_action *a, struct ds *error)
{
    /* The last "->": values never contain one, field names neither. */
    const char *arrow = NULL;
    for (const char *p = strstr(arg, "->"); p; p = strstr(p + 1, "->")) {
        arrow = p;
    }
    if (!arrow) {
        return ds_error(error, "set_field needs VALUE->FIELD "
                           "(e.g. set_field:10.0.0.1->ipv4_dst)");
    }

    /* Field names are lower case; accept them in any case, like the
     * action keywords. */
    const char *fname = arrow + 2;
    char lower[32];
    size_t flen = strlen(fname);
    enum ofp_field field = OFPF_N_FIELDS;
    if (flen < sizeof lower) {
        for (size_t i = 0; i <= flen; i++) {
            lower[i] = (char) tolower((unsigned char) fname[i]);
        }
        ofp_field_from_name(lower, &field);
    }
    if (field == OFPF_N_FIELDS) {
        if (error) {
            ds_put_cstr(error, "unknown field '");
            ds_put_printable(error, fname, flen, ECHO_MAX);
            ds_put_cstr(error, "' in set_field");
        }
        return false;
    }

    if (!ofp_field_info(field)->settable) {
        return ds_error(error, "%s is read-only: set_field cannot write it",
                        ofp_field_info(field)->name);
    }

    size_t vlen = (size_t) (arrow - arg);
    if (memchr(arg, '/', vlen)) {
        return ds_error(error, "set_field cannot take a mask");
    }
    char *value = xmalloc(vlen + 1);
    memcpy(value, arg, vlen);
    value[vlen] = '\0';
    union ofp_field_value v;
    bool ok = ofp_field_parse(field, value, &v, NULL, NULL, error);
    free(value);
    if (!ok) {
        return false;
    }
    /* OpenFlow 1.3 says a VLAN id is set with OFPVID_PRESENT; our decoder
     * refuses it otherwise, so the parser does too. */
    if (field == OFPF_VLAN_VID && !(v.u16 & OFPVID_PRESENT)) {
        return ds_error(error, "set_field vlan_vid needs OFPVID_PRESENT "
                           "(0x1000) set, e.g. set_field:0x1005->vlan_vid");
    }
    set_field_action(a, field);
    a->u.set_field.value = v;
    return true;
}

/* Actions that are one keyword and nothing else. */
static const struct {
    const char *name;
    enum ofp_action_type type;
} plain_actions[] = {
    { "pop_vlan", OFPACT_POP_VLAN },
    { "strip_vlan", OFPACT_POP_VLAN },      /* The OpenFlow 1.0 name. */
    { "pop_pbb", OFPACT_POP_PBB },
    { "dec_ttl", OFPACT_DEC_NW_TTL },
    { "dec_nw_ttl", OFPACT_DEC_NW_TTL },    /* The OpenFlow name. */
    { "dec_mpls_ttl", OFPACT_DEC_MPLS_TTL },
    { "copy_ttl_out", OFPACT_COPY_TTL_OUT },
    { "copy_ttl_in", OFPACT_COPY_TTL_IN },
};

/* Actions with one ethertype argument, and which ethertypes they take
 * (0: any), as the 1.3 decoder checks them. */
static const struct {
    const char *name;
    enum ofp_action_type type;
    uint16_t allowed[2];
    const char *allowed_text;
} ethertype_actions[] = {
    { "push_vlan", OFPACT_PUSH_VLAN,
      { ETH_TYPE_VLAN_8021Q, ETH_TYPE_VLAN_8021AD }, "0x8100 or 0x88a8" },
    { "push_mpls", OFPACT_PUSH_MPLS,
      { ETH_TYPE_MPLS, ETH_TYPE_MPLS_MCAST }, "0x8847 or 0x8848" },
    { "push_pbb", OFPACT_PUSH_PBB, { ETH_TYPE_PBB, ETH_TYPE_PBB }, "0x88e7" },
    { "pop_mpls", OFPACT_POP_MPLS, { 0, 0 }, NULL },
};

/* What a keyword-family parser made of an action. */
enum kw_result {
    KW_OTHER,       /* Not one of this family's keywords. */
    KW_OK,          /* Parsed. */
    KW_ERROR,       /* One of ours, but wrong; 'error' says why. */
};

/* Parses 'text' ('klen' bytes of keyword, then 'arg' or NULL) if it is a
 * plain action. */
static enum kw_result
parse_plain_action(const char *text, size_t klen, const char *arg,
                   struct ofp_action *a, struct ds *error)
{
    for (size_t i = 0; i < sizeof plain_actions / sizeof *plain_actions;
         i++) {
        if (word_is(text, klen, plain_actions[i].name)) {
            if (arg) {
                ds_error(error, "%s takes no argument",
                            plain_actions[i].name);
                return KW_ERROR;
            }
            a->type = plain_actions[i].type;
            return KW_OK;
        }
    }
    return KW_OTHER;
}

/* Same for the actions with an ethertype argument. */
static enum kw_result
parse_ethertype_action(const char *text, size_t klen, const char *arg,
                       struct ofp_action *a, struct ds *error)
{
    for (size_t i = 0;
         i < sizeof ethertype_actions / sizeof *ethertype_actions; i++) {
        const char *name = ethertype_actions[i].name;
        const uint16_t *allowed = ethertype_actions[i].allowed;
        uint64_t x;
        if (!word_is(text, klen, name)) {
            continue;
        }
        if (!arg) {
            ds_error(error, "%s needs an ethertype (e.g. %s:0x%04"PRIx16
                        ")", name, name, allowed[0] ? allowed[0] : 0x0800);
            return KW_ERROR;
        }
        if (!parse_uint(name, arg, UINT16_MAX, &x, error)) {
            return KW_ERROR;
        }
        if (allowed[0] && x != allowed[0] && x != allowed[1]) {
            ds_error(error, "%s ethertype must be %s, got 0x%04"PRIx64,
                        name, ethertype_actions[i].allowed_text, x);
            return KW_ERROR;
        }
        a->type = ethertype_actions[i].type;
        a->u.ethertype = (uint16_t) x;
        return KW_OK;
    }
    return KW_OTHER;
}

#define KNOWN_ACTIONS                                                       \
    "output:PORT, CONTROLLER[:MAX_LEN], IN_PORT, TABLE, NORMAL, FLOOD, "    \
    "ALL, LOCAL, group:ID, set_queue:ID, enqueue:PORT:QUEUE, "             \
    "set_field:VALUE->FIELD, push_vlan:ETHERTYPE, pop_vlan, "              \
    "push_mpls:ETHERTYPE, pop_mpls:ETHERTYPE, push_pbb:ETHERTYPE, "        \
    "pop_pbb, set_nw_ttl:TTL, dec_ttl, set_mpls_ttl:TTL, dec_mpls_ttl, "   \
    "copy_ttl_out, copy_ttl_in, ct(ARGS)"

/* True if 'text' is a CT action: "ct" or "ct(...". */
static bool
is_ct_text(const char *text)
{
    return !strncasecmp(text, "ct", 2) && (!text[2] || text[2] == '(');
}

/* Parses 'arg', one argument of "ct(...)", into 'a'; 'seen' collects
 * which keywords were given, to refuse repeats. */
static bool
parse_ct_arg(char *arg, struct ofp_action *a, unsigned int *seen,
             struct ds *error)
{
    static const char *const keys[] = { "commit", "force", "table", "zone",
                                        "alg" };
    char *value = strchr(arg, '=');
    size_t klen = value ? (size_t) (value - arg) : strlen(arg);
    uint64_t x;
    int key = -1;

    if (value) {
        value++;
    }
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (word_is(arg, klen, keys[i])) {
            key = (int) i;
        }
    }
    if (key < 0) {
        if (!strncasecmp(arg, "exec", 4) || !strncasecmp(arg, "nat", 3)) {
            return ds_error(error, "ct nested actions (exec, nat) are shown "
                            "but cannot be given");
        }
        if (error) {
            ds_put_cstr(error, "unknown ct argument '");
            ds_put_printable(error, arg, strlen(arg), ECHO_MAX);
            ds_put_cstr(error, "' (expected commit, force, table=TABLE, "
                        "zone=ZONE, alg=ALG)");
        }
        return false;
    }
    if (*seen & (1u << key)) {
        return ds_error(error, "ct argument %s given twice", keys[key]);
    }
    *seen |= 1u << key;

    if (key <= 1) {
        if (value) {
            return ds_error(error, "ct %s takes no value", keys[key]);
        }
        a->u.ct.flags |= key ? OFPACT_CT_F_FORCE : OFPACT_CT_F_COMMIT;
        return true;
    }
    if (!value) {
        return ds_error(error, "ct %s needs a value (e.g. %s=1)", keys[key],
                        keys[key]);
    }
    if (key == 2) {
        /* Table 255 would be OFPACT_CT_RECIRC_NONE: leave "table" out. */
        if (!parse_uint("ct table", value, OFPTT_MAX, &x, error)) {
            return false;
        }
        a->u.ct.recirc_table = (uint8_t) x;
    } else if (key == 3) {
        if (!(value[0] >= '0' && value[0] <= '9')) {
            return ds_error(error, "ct zone must be a number 0..65535 (a "
                            "zone read from a field cannot be given)");
        }
        if (!parse_uint("ct zone", value, UINT16_MAX, &x, error)) {
            return false;
        }
        a->u.ct.zone = (uint16_t) x;
    } else {
        if (!strcasecmp(value, "ftp")) {
            x = 21;
        } else if (!strcasecmp(value, "tftp")) {
            x = 69;
        } else if (!(value[0] >= '0' && value[0] <= '9')) {
            return ds_error(error, "ct alg must be ftp, tftp or a port "
                            "number");
        } else if (!parse_uint("ct alg", value, UINT16_MAX, &x, error)) {
            return false;
        }
        a->u.ct.alg = (uint16_t) x;
    }
    return true;
}

/* "ct" or "ct(ARG,...)" into '*a'; see ofp_action_parse(). */
static bool
parse_ct(const char *text, struct ofp_action *a, struct ds *error)
{
    size_t len = strlen(text);
    unsigned int seen = 0;

    a->type = OFPACT_CT;
    memset(&a->u.ct, 0, sizeof a->u.ct);
    a->u.ct.recirc_table = OFPACT_CT_RECIRC_NONE;
    if (len == 2) {
        return true;
    }
    if (text[len - 1] != ')') {
        return ds_error(error, "ct(...) needs a closing ')'");
    }

    /* The arguments, split in place on ','. */
    char *args = xmalloc(len - 3);
    memcpy(args, text + 3, len - 4);
    args[len - 4] = '\0';
    bool ok = true;
    if (*args) {
        for (char *p = args; ok; ) {
            char *comma = strchr(p, ',');
            if (comma) {
                *comma = '\0';
            }
            ok = (*p ? parse_ct_arg(p, a, &seen, error)
                  : ds_error(error, "empty argument in ct(...)"));
            if (!comma) {
                break;
            }
            p = comma + 1;
        }
    }
    free(args);
    if (!ok) {
        return false;
    }

    /* As ovs-ofctl: forcing a connection is a way of committing it. */
    if ((a->u.ct.flags & OFPACT_CT_F_FORCE)
        && !(a->u.ct.flags & OFPACT_CT_F_COMMIT)) {
        return ds_error(error, "ct force needs commit");
    }
    return true;
}

bool
ofp_action_parse(const char *text, struct ofp_action *out, struct ds *error)
{
    struct ofp_action a;
    memset(&a, 0, sizeof a);

    /* Keywords never contain ':', arguments may (MAC and IPv6 values,
     * enqueue's two numbers). */
    const char *colon = strchr(text, ':');
    size_t klen = colon ? (size_t) (colon - text) : strlen(text);
    const char *arg = colon ? colon + 1 : NULL;
    uint64_t x;
    uint32_t port;

    if (is_ct_text(text)) {
        /* Before the ':' split: exec(set_field:...) has one. */
        if (!parse_ct(text, &a, error)) {
            return false;
        }
    } else if (word_is(text, klen, "output")) {
        if (!arg) {
            return ds_error(error, "output needs a port (e.g. output:2)");
        }
        if (!parse_port(arg, false, &port, error)) {
            return false;
        }
        a.type = OFPACT_OUTPUT;
        a.u.output.port = port;
        a.u.output.max_len = port == OFPP_CONTROLLER ? OFPCML_NO_BUFFER : 0;
    } else if (word_is(text, klen, "controller")) {
        /* "CONTROLLER" alone sends the whole packet. */
        x = OFPCML_NO_BUFFER;
        if (arg && !parse_uint("CONTROLLER max_len", arg, UINT16_MAX, &x,
                               error)) {
            return false;
        }
        a.type = OFPACT_OUTPUT;
        a.u.output.port = OFPP_CONTROLLER;
        a.u.output.max_len = (uint16_t) x;
    } else if (reserved_port_from_name(text, klen, &port)) {
        if (arg) {
            if (error) {
                ds_put_printable(error, text, klen, ECHO_MAX);
                ds_put_cstr(error, " takes no argument");
            }
            return false;
        }
        a.type = OFPACT_OUTPUT;
        a.u.output.port = port;
    } else if (word_is(text, klen, "group")
               || word_is(text, klen, "set_queue")) {
        bool group = word_is(text, klen, "group");
        const char *what = group ? "group" : "set_queue";
        if (!arg) {
            return ds_error(error, "%s needs an id (e.g. %s:1)", what,
                               what);
        }
        if (!parse_uint(what, arg, group ? OFPG_MAX : UINT32_MAX, &x,
                        error)) {
            return false;
        }
        a.type = group ? OFPACT_GROUP : OFPACT_SET_QUEUE;
        if (group) {
            a.u.group_id = (uint32_t) x;
        } else {
            a.u.queue_id = (uint32_t) x;
        }
    } else if (word_is(text, klen, "enqueue")) {
        const char *sep = arg ? strrchr(arg, ':') : NULL;
        if (!sep) {
            return ds_error(error, "enqueue needs PORT:QUEUE "
                               "(e.g. enqueue:1:2)");
        }
        char *p = xmalloc((size_t) (sep - arg) + 1);
        memcpy(p, arg, (size_t) (sep - arg));
        p[sep - arg] = '\0';
        bool ok = parse_port(p, true, &port, error);
        free(p);
        if (!ok || !parse_uint("enqueue queue", sep + 1, UINT32_MAX, &x,
                               error)) {
            return false;
        }
        a.type = OFPACT_ENQUEUE;
        a.u.enqueue.port = port;
        a.u.enqueue.queue_id = (uint32_t) x;
    } else if (word_is(text, klen, "set_field")) {
        if (!parse_set_field(arg ? arg : "", &a, error)) {
            return false;
        }
    } else if (word_is(text, klen, "set_nw_ttl")
               || word_is(text, klen, "set_mpls_ttl")) {
        bool nw = word_is(text, klen, "set_nw_ttl");
        const char *what = nw ? "set_nw_ttl" : "set_mpls_ttl";
        if (!arg) {
            return ds_error(error, "%s needs a TTL (e.g. %s:64)", what,
                               what);
        }
        if (!parse_uint(what, arg, UINT8_MAX, &x, error)) {
            return false;
        }
        a.type = nw ? OFPACT_SET_NW_TTL : OFPACT_SET_MPLS_TTL;
        a.u.ttl = (uint8_t) x;
    } else if (word_is(text, klen, "experimenter")) {
        return ds_error(error, "experimenter actions are shown but cannot "
                           "be given");
    } else {
        enum kw_result r = parse_plain_action(text, klen, arg, &a, error);
        if (r == KW_OTHER) {
            r = parse_ethertype_action(text, klen, arg, &a, error);
        }
        if (r == KW_OTHER && error) {
            ds_put_cstr(error, "unknown action '");
            ds_put_printable(error, text, strlen(text), ECHO_MAX);
            ds_put_cstr(error, "' (expected one of: " KNOWN_ACTIONS ")");
        }
        if (r != KW_OK) {
            return false;
        }
    }
    *out = a;
    return true;
}
