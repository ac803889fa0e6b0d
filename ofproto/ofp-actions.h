/* Actions and instructions, one model for OpenFlow 1.0 and 1.3.
 *
 * An action list is an array of 'struct ofp_action' in execution order.  The
 * OpenFlow 1.0 "set" actions (SET_VLAN_VID, SET_DL_SRC, SET_NW_TOS, ...)
 * decode to OFPACT_SET_FIELD on the matching field and STRIP_VLAN to
 * OFPACT_POP_VLAN, so apps write one action list for both versions; the 1.0
 * encoder turns them back, and refuses (with an error) what 1.0 cannot do.
 *
 * Decoded lists live in the decoder's arena (see ofp-buf.h); experimenter
 * payloads and the nested actions of OFPACT_CT point into the received
 * message.  Neither is owned by the list. */
#ifndef OFPROTO_OFP_ACTIONS_H
#define OFPROTO_OFP_ACTIONS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-errors.h"
#include "ofproto/ofp-match.h"

struct ds;

enum ofp_action_type {
    OFPACT_OUTPUT,        /* u.output */
    OFPACT_GROUP,         /* u.group_id (1.3) */
    OFPACT_SET_QUEUE,     /* u.queue_id (1.3) */
    OFPACT_ENQUEUE,       /* u.enqueue (1.0: output to a port's queue) */
    OFPACT_SET_FIELD,     /* u.set_field; 1.0 "set" actions too */
    OFPACT_PUSH_VLAN,     /* u.ethertype (0x8100 or 0x88a8) (1.3) */
    OFPACT_POP_VLAN,      /* 1.3 POP_VLAN, 1.0 STRIP_VLAN */
    OFPACT_PUSH_MPLS,     /* u.ethertype (1.3) */
    OFPACT_POP_MPLS,      /* u.ethertype (1.3) */
    OFPACT_PUSH_PBB,      /* u.ethertype (1.3) */
    OFPACT_POP_PBB,       /* (1.3) */
    OFPACT_SET_NW_TTL,    /* u.ttl (1.3) */
    OFPACT_DEC_NW_TTL,    /* (1.3) */
    OFPACT_SET_MPLS_TTL,  /* u.ttl (1.3) */
    OFPACT_DEC_MPLS_TTL,  /* (1.3) */
    OFPACT_COPY_TTL_OUT,  /* (1.3) */
    OFPACT_COPY_TTL_IN,   /* (1.3) */
    OFPACT_EXPERIMENTER,  /* u.experimenter: passed through as bytes */
    OFPACT_CT,            /* u.ct: Open vSwitch conntrack (1.3) */
};

/* OFPACT_CT flags (Nicira NX_CT_F_*). */
enum ofp_ct_flags {
    OFPACT_CT_F_COMMIT = 1 << 0,  /* Commit the connection to conntrack. */
    OFPACT_CT_F_FORCE = 1 << 1,   /* Replace a connection in the other
                                   * direction; needs COMMIT. */
};
#define OFPACT_CT_F_ALL (OFPACT_CT_F_COMMIT | OFPACT_CT_F_FORCE)
/* OFPACT_CT recirc_table meaning "do not recirculate". */
#define OFPACT_CT_RECIRC_NONE 0xff

struct ofp_action {
    enum ofp_action_type type;
    union {
        struct {
            uint32_t port;     /* 32-bit port space (ofp-types.h). */
            uint16_t max_len;  /* Bytes to send when port is CONTROLLER. */
        } output;
        uint32_t group_id;
        uint32_t queue_id;
        struct {
            uint32_t port;
            uint32_t queue_id;
        } enqueue;
        struct {
            enum ofp_field field;
            union ofp_field_value value; /* As in struct ofp_match. */
        } set_field;
        uint16_t ethertype;
        uint8_t ttl;
        struct {
            uint32_t id;          /* Experimenter (1.0: vendor) id. */
            const uint8_t *data;  /* Bytes after the id, padding included;
                                   * not owned. */
            size_t len;
        } experimenter;
        /* Open vSwitch's ct action (NXAST_CT, experimenter 0x00002320,
         * subtype 35).  A zeroed struct with recirc_table set to
         * OFPACT_CT_RECIRC_NONE is plain "ct". */
        struct {
            uint16_t flags;         /* OFPACT_CT_F_*. */
            uint16_t zone;          /* Immediate zone (zone_src 0). */
            uint32_t zone_src;      /* 0, or the NXM header of the field
                                     * the zone is read from... */
            uint16_t zone_ofs_nbits; /* ...and which 16 bits of it, as
                                     * Nicira encodes a subfield:
                                     * offset << 6 | (n_bits - 1). */
            uint8_t recirc_table;   /* Table to continue in after the
                                     * lookup, or OFPACT_CT_RECIRC_NONE. */
            uint16_t alg;           /* 0, or the ALG's well-known port
                                     * (21 ftp, 69 tftp). */
            /* Nested actions (NAT, set_field of ct_mark...) as their
             * OpenFlow 1.3 wire bytes, kept whole rather than decoded so
             * that whatever Open vSwitch nests survives a round trip; the
             * decoder checks only their framing.  Not owned; 'actions_len'
             * is a multiple of 8. */
            const uint8_t *actions;
            size_t actions_len;
        } ct;
    } u;
};

/* A list of actions that the list does not own. */
struct ofp_action_list {
    const struct ofp_action *actions;
    size_t n;
};

/* Instruction bits for 'struct ofp_instructions'.present. */
enum ofp_instruction_bit {
    OFPIB_GOTO_TABLE = 1 << 0,
    OFPIB_WRITE_METADATA = 1 << 1,
    OFPIB_WRITE_ACTIONS = 1 << 2,
    OFPIB_APPLY_ACTIONS = 1 << 3,
    OFPIB_CLEAR_ACTIONS = 1 << 4,
    OFPIB_METER = 1 << 5,
};

/* The instructions of a flow (OpenFlow 1.3), at most one of each kind.  An
 * OpenFlow 1.0 action list is 'apply' with OFPIB_APPLY_ACTIONS set; an empty
 * 'present' means "drop". */
struct ofp_instructions {
    uint32_t present;         /* OFPIB_* bits. */
    uint8_t goto_table;
    uint64_t metadata;
    uint64_t metadata_mask;
    uint32_t meter_id;
    struct ofp_action_list apply;
    struct ofp_action_list write;
};

/* Wire length of the smallest action of any version; used to bound how many
 * actions 'n' bytes can hold when reserving arena space. */
#define OFP_ACTION_MIN_LEN 8

/* Decodes every action in 'c' (exactly the bytes of an action list) for
 * 'version'.  The array is carved from 'arena'.  Returns 0 or an
 * OFPERR_OFPBAC_* error (bad length, unknown type, bad argument...). */
enum ofperr ofp_actions_decode(uint8_t version, struct ofp_cursor *c,
                               struct ofp_arena *arena,
                               struct ofp_action_list *out);
/* Appends the wire form of 'acts' for 'version'.  On error appends nothing:
 * OFPERR_OFPBAC_BAD_TYPE for an action the version lacks (ENQUEUE in 1.3,
 * GROUP, PUSH_*, TTL actions, CT... in 1.0),
 * OFPERR_OFPBAC_BAD_SET_TYPE for a field 1.0 cannot set,
 * OFPERR_OFPBAC_BAD_OUT_PORT for a port 1.0 cannot number,
 * OFPERR_OFPBAC_BAD_ARGUMENT for a value a 1.0 set action cannot carry
 * (vlan_vid without OFPVID_PRESENT, vlan_pcp > 7, ip_dscp > 63),
 * OFPERR_OFPBAC_BAD_SET_TYPE for a set_field of a read-only field
 * (ct_state, ct_zone),
 * OFPERR_OFPBAC_BAD_ARGUMENT for a CT with flags other than OFPACT_CT_F_*,
 * OFPERR_OFPBAC_BAD_SET_ARGUMENT for a CT zone read from other than 16
 * bits of a field,
 * OFPERR_OFPBAC_BAD_LEN for an experimenter action over 65535 bytes, or a
 * CT whose nested actions are not a multiple of 8 bytes or make it over
 * 65535 bytes. */
enum ofperr ofp_actions_encode(uint8_t version,
                               const struct ofp_action_list *acts,
                               struct ofpbuf *out);

/* OpenFlow 1.3 instructions: decodes every instruction in 'c'.  Returns 0 or
 * an OFPERR_OFPBIC_* (or OFPBAC_* from a nested action list) error; a
 * repeated instruction is OFPERR_OFPBIC_UNSUP_INST, GOTO_TABLE to 0xff is
 * OFPERR_OFPBIC_BAD_TABLE_ID. */
enum ofperr ofp_instructions_decode(struct ofp_cursor *c,
                                    struct ofp_arena *arena,
                                    struct ofp_instructions *out);
/* Appends instructions for 'version'.  For OpenFlow 1.0 this is the plain
 * action list of 'apply'; any other instruction is refused with
 * OFPERR_OFPBIC_UNSUP_INST (goto-table, write-metadata, write/clear
 * actions, meter).  Appends nothing on error. */
enum ofperr ofp_instructions_encode(uint8_t version,
                                    const struct ofp_instructions *,
                                    struct ofpbuf *out);

/* Returns 0 if every action can be encoded for 'version', otherwise the
 * encoder's error and, if 'why' is non-NULL, a sentence saying why. */
enum ofperr ofp_actions_check_version(const struct ofp_action_list *,
                                      uint8_t version, struct ds *why);

bool ofp_actions_equal(const struct ofp_action_list *,
                       const struct ofp_action_list *);
bool ofp_instructions_equal(const struct ofp_instructions *,
                            const struct ofp_instructions *);

/* Appends "output:2,set_field:10.0.0.1->ipv4_dst,pop_vlan"; "drop" for an
 * empty list.  Reserved ports print by name (CONTROLLER:128, FLOOD, ...).
 * An experimenter action prints its id and whole wire length
 * ("experimenter:0x2320(len=16)").  CT prints as ovs-ofctl prints it:
 * "ct(commit,force,table=2,zone=5,alg=ftp)" (parts in that order, absent
 * ones left out, "ct()" with none), a zone read from a register as
 * "zone=NXM_NX_REG0[0..15]", nested actions as "exec(ACTIONS)" where
 * ACTIONS is the nested list as this printer shows it, or
 * "exec(len=N)" if it cannot be decoded (or sits in a CT that is itself
 * nested: printing goes one level deep). */
void ofp_actions_format(const struct ofp_action_list *, struct ds *);
/* Appends one action, as ofp_actions_format() prints it in a list:
 * "output:2", "CONTROLLER:65535", "FLOOD", "set_field:10.0.0.1->ipv4_dst",
 * "push_vlan:0x8100", "dec_ttl", ... */
void ofp_action_format(const struct ofp_action *, struct ds *);
/* Appends "goto_table:2 apply_actions(output:1) meter:3 ..."; "drop" when
 * empty. */
void ofp_instructions_format(const struct ofp_instructions *, struct ds *);
/* Appends a port number: a decimal number or a reserved name ("LOCAL"). */
void ofp_port_format(uint32_t port, struct ds *);

/* Parses one action as ofp_action_format() prints it, into '*a'.
 * Keywords, reserved port names and field names are read in either case.
 * Accepted:
 *   output:PORT            PORT a number 1..OFPP_MAX or IN_PORT, TABLE,
 *                          NORMAL, FLOOD, ALL, CONTROLLER, LOCAL;
 *                          output:CONTROLLER sends whole packets
 *   CONTROLLER[:MAX_LEN]   MAX_LEN 0..65535, default 65535 (OFPCML_NO_BUFFER)
 *   IN_PORT, TABLE, NORMAL, FLOOD, ALL, LOCAL   output to that port
 *   group:ID (0..OFPG_MAX), set_queue:ID, enqueue:PORT:QUEUE
 *   set_field:VALUE->FIELD VALUE as ofp_field_parse() reads it, no mask;
 *                          vlan_vid needs OFPVID_PRESENT
 *   push_vlan:0x8100|0x88a8, push_mpls:0x8847|0x8848, push_pbb:0x88e7,
 *   pop_mpls:ETHERTYPE, pop_vlan (or strip_vlan), pop_pbb,
 *   set_nw_ttl:TTL, dec_ttl (or dec_nw_ttl), set_mpls_ttl:TTL,
 *   dec_mpls_ttl, copy_ttl_out, copy_ttl_in
 *   ct or ct(ARGS)         ARGS comma-separated, in any order, each at
 *                          most once: commit, force (needs commit),
 *                          table=0..254, zone=0..65535, alg=ftp|tftp|PORT
 * Numbers are decimal or 0x-hex.  Output to a numbered port gets max_len 0
 * (the printer shows max_len only for CONTROLLER).  Experimenter actions
 * print but do not parse: their payload is not in the text.  Nor do a CT's
 * nested actions (exec(...)) or a zone read from a field.
 *
 * Returns true on success.  On failure returns false, leaves '*a' alone and
 * appends one sentence to 'error' (if non-NULL), e.g. "unknown action
 * 'outptu:2' (expected one of: ...)", "port 0 cannot be used by output",
 * "value 300 out of range for set_nw_ttl (0..255)". */
bool ofp_action_parse(const char *text, struct ofp_action *a,
                      struct ds *error);

#endif /* ofproto/ofp-actions.h */
