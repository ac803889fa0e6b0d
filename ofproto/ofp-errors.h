/* One error space for the whole codec.
 *
 * Every failure is an 'enum ofperr': 0 means success, anything else names an
 * OpenFlow error that can be sent to the peer in an OFPT_ERROR message of
 * either version.  The names follow the specification's own constants
 * (OFPERR_ + OFPBRC_BAD_LEN, ...), so a reader can look them up.
 *
 * OFPERR_LIST has one row per error:
 *   X(NAME, OF1.0 type, OF1.0 code, OF1.3 type, OF1.3 code, description)
 * where -1 for a version means the error does not exist there; encoding it
 * for that version picks the closest error that does (see ofperr_encode()). */
#ifndef OFPROTO_OFP_ERRORS_H
#define OFPROTO_OFP_ERRORS_H 1

#include <stdbool.h>
#include <stdint.h>

#define OFPERR_LIST(X)                                                        \
    /* OFPET_HELLO_FAILED: 0 in both. */                                      \
    X(OFPHFC_INCOMPATIBLE, 0, 0, 0, 0, "no compatible version")               \
    X(OFPHFC_EPERM, 0, 1, 0, 1, "permissions error")                          \
    /* OFPET_BAD_REQUEST: 1 in both. */                                       \
    X(OFPBRC_BAD_VERSION, 1, 0, 1, 0, "version not supported")                \
    X(OFPBRC_BAD_TYPE, 1, 1, 1, 1, "message type not supported")              \
    X(OFPBRC_BAD_MULTIPART, 1, 2, 1, 2, "multipart type not supported")       \
    X(OFPBRC_BAD_EXPERIMENTER, 1, 3, 1, 3, "experimenter id not supported")   \
    X(OFPBRC_BAD_EXP_TYPE, 1, 4, 1, 4, "experimenter type not supported")     \
    X(OFPBRC_EPERM, 1, 5, 1, 5, "permissions error")                          \
    X(OFPBRC_BAD_LEN, 1, 6, 1, 6, "wrong request length for type")            \
    X(OFPBRC_BUFFER_EMPTY, 1, 7, 1, 7, "buffer already used")                 \
    X(OFPBRC_BUFFER_UNKNOWN, 1, 8, 1, 8, "buffer does not exist")             \
    X(OFPBRC_BAD_TABLE_ID, -1, -1, 1, 9, "table id is invalid")               \
    X(OFPBRC_IS_SLAVE, -1, -1, 1, 10, "denied because controller is slave")   \
    X(OFPBRC_BAD_PORT, -1, -1, 1, 11, "invalid port")                         \
    X(OFPBRC_BAD_PACKET, -1, -1, 1, 12, "invalid packet in packet-out")       \
    X(OFPBRC_MULTIPART_BUFFER_OVERFLOW, -1, -1, 1, 13,                        \
      "multipart request overflowed the assigned buffer")                     \
    /* OFPET_BAD_ACTION: 2 in both. */                                        \
    X(OFPBAC_BAD_TYPE, 2, 0, 2, 0, "unknown action type")                     \
    X(OFPBAC_BAD_LEN, 2, 1, 2, 1, "length problem in actions")                \
    X(OFPBAC_BAD_EXPERIMENTER, 2, 2, 2, 2, "unknown experimenter id")         \
    X(OFPBAC_BAD_EXP_TYPE, 2, 3, 2, 3, "unknown action for experimenter id")  \
    X(OFPBAC_BAD_OUT_PORT, 2, 4, 2, 4, "problem validating output port")      \
    X(OFPBAC_BAD_ARGUMENT, 2, 5, 2, 5, "bad action argument")                 \
    X(OFPBAC_EPERM, 2, 6, 2, 6, "permissions error")                          \
    X(OFPBAC_TOO_MANY, 2, 7, 2, 7, "can't handle this many actions")          \
    X(OFPBAC_BAD_QUEUE, 2, 8, 2, 8, "problem validating output queue")       \
    X(OFPBAC_BAD_OUT_GROUP, -1, -1, 2, 9, "invalid group id")                 \
    X(OFPBAC_MATCH_INCONSISTENT, -1, -1, 2, 10,                               \
      "action can't apply for this match")                                    \
    X(OFPBAC_UNSUPPORTED_ORDER, -1, -1, 2, 11, "action order is unsupported") \
    X(OFPBAC_BAD_TAG, -1, -1, 2, 12, "unsupported tag or encapsulation")      \
    X(OFPBAC_BAD_SET_TYPE, -1, -1, 2, 13, "unsupported set-field type")       \
    X(OFPBAC_BAD_SET_LEN, -1, -1, 2, 14, "length problem in set-field")       \
    X(OFPBAC_BAD_SET_ARGUMENT, -1, -1, 2, 15, "bad set-field argument")       \
    /* OFPET_BAD_INSTRUCTION: 1.3 only. */                                    \
    X(OFPBIC_UNKNOWN_INST, -1, -1, 3, 0, "unknown instruction")               \
    X(OFPBIC_UNSUP_INST, -1, -1, 3, 1, "instruction not supported")           \
    X(OFPBIC_BAD_TABLE_ID, -1, -1, 3, 2, "invalid table id")                  \
    X(OFPBIC_UNSUP_METADATA, -1, -1, 3, 3, "metadata value not supported")    \
    X(OFPBIC_UNSUP_METADATA_MASK, -1, -1, 3, 4,                               \
      "metadata mask value not supported")                                    \
    X(OFPBIC_BAD_EXPERIMENTER, -1, -1, 3, 5, "unknown experimenter id")       \
    X(OFPBIC_BAD_EXP_TYPE, -1, -1, 3, 6,                                      \
      "unknown instruction for experimenter id")                              \
    X(OFPBIC_BAD_LEN, -1, -1, 3, 7, "length problem in instructions")         \
    X(OFPBIC_EPERM, -1, -1, 3, 8, "permissions error")                        \
    /* OFPET_BAD_MATCH: 1.3 only. */                                          \
    X(OFPBMC_BAD_TYPE, -1, -1, 4, 0, "unsupported match type")                \
    X(OFPBMC_BAD_LEN, -1, -1, 4, 1, "length problem in match")                \
    X(OFPBMC_BAD_TAG, -1, -1, 4, 2, "match uses an unsupported tag")          \
    X(OFPBMC_BAD_DL_ADDR_MASK, -1, -1, 4, 3,                                  \
      "unsupported datalink address mask")                                    \
    X(OFPBMC_BAD_NW_ADDR_MASK, -1, -1, 4, 4,                                  \
      "unsupported network address mask")                                     \
    X(OFPBMC_BAD_WILDCARDS, -1, -1, 4, 5, "unsupported wildcard combination") \
    X(OFPBMC_BAD_FIELD, -1, -1, 4, 6, "unsupported field type in match")      \
    X(OFPBMC_BAD_VALUE, -1, -1, 4, 7, "unsupported value in match field")     \
    X(OFPBMC_BAD_MASK, -1, -1, 4, 8, "unsupported mask for match field")      \
    X(OFPBMC_BAD_PREREQ, -1, -1, 4, 9, "match field prerequisite not met")    \
    X(OFPBMC_DUP_FIELD, -1, -1, 4, 10, "match field appears twice")           \
    X(OFPBMC_EPERM, -1, -1, 4, 11, "permissions error")                       \
    /* OFPET_FLOW_MOD_FAILED: 3 in 1.0, 5 in 1.3, codes differ. */            \
    X(OFPFMFC_UNKNOWN, -1, -1, 5, 0, "unspecified flow-mod error")            \
    X(OFPFMFC_TABLE_FULL, 3, 0, 5, 1, "flow table is full")                   \
    X(OFPFMFC_BAD_TABLE_ID, -1, -1, 5, 2, "table does not exist")             \
    X(OFPFMFC_OVERLAP, 3, 1, 5, 3, "overlapping flow with CHECK_OVERLAP")     \
    X(OFPFMFC_EPERM, 3, 2, 5, 4, "permissions error")                         \
    X(OFPFMFC_BAD_TIMEOUT, 3, 3, 5, 5, "unsupported idle/hard timeout")       \
    X(OFPFMFC_BAD_COMMAND, 3, 4, 5, 6, "unsupported or unknown command")      \
    X(OFPFMFC_BAD_FLAGS, -1, -1, 5, 7, "unsupported or unknown flags")        \
    X(OFPFMFC_UNSUPPORTED, 3, 5, -1, -1,                                      \
      "unsupported action list (OpenFlow 1.0)")                               \
    /* OFPET_GROUP_MOD_FAILED: 1.3 only. */                                   \
    X(OFPGMFC_GROUP_EXISTS, -1, -1, 6, 0, "group already exists")             \
    X(OFPGMFC_INVALID_GROUP, -1, -1, 6, 1, "group id is invalid")             \
    X(OFPGMFC_WEIGHT_UNSUPPORTED, -1, -1, 6, 2, "unequal weights unsupported")\
    X(OFPGMFC_OUT_OF_GROUPS, -1, -1, 6, 3, "group table is full")             \
    X(OFPGMFC_OUT_OF_BUCKETS, -1, -1, 6, 4, "too many buckets")               \
    X(OFPGMFC_CHAINING_UNSUPPORTED, -1, -1, 6, 5, "group chaining unsupported")\
    X(OFPGMFC_WATCH_UNSUPPORTED, -1, -1, 6, 6, "watch port/group unsupported")\
    X(OFPGMFC_LOOP, -1, -1, 6, 7, "group would create a loop")                \
    X(OFPGMFC_UNKNOWN_GROUP, -1, -1, 6, 8, "group does not exist")            \
    X(OFPGMFC_CHAINED_GROUP, -1, -1, 6, 9, "group is chained from another")   \
    X(OFPGMFC_BAD_TYPE, -1, -1, 6, 10, "unsupported or unknown group type")   \
    X(OFPGMFC_BAD_COMMAND, -1, -1, 6, 11, "unsupported or unknown command")   \
    X(OFPGMFC_BAD_BUCKET, -1, -1, 6, 12, "error in bucket")                   \
    X(OFPGMFC_BAD_WATCH, -1, -1, 6, 13, "error in watch port/group")          \
    X(OFPGMFC_EPERM, -1, -1, 6, 14, "permissions error")                      \
    /* OFPET_PORT_MOD_FAILED: 4 in 1.0, 7 in 1.3. */                          \
    X(OFPPMFC_BAD_PORT, 4, 0, 7, 0, "no such port")                           \
    X(OFPPMFC_BAD_HW_ADDR, 4, 1, 7, 1, "hardware address does not match")     \
    X(OFPPMFC_BAD_CONFIG, -1, -1, 7, 2, "invalid port config")                \
    X(OFPPMFC_BAD_ADVERTISE, -1, -1, 7, 3, "invalid port advertise")          \
    X(OFPPMFC_EPERM, -1, -1, 7, 4, "permissions error")                       \
    /* OFPET_TABLE_MOD_FAILED: 1.3 only. */                                   \
    X(OFPTMFC_BAD_TABLE, -1, -1, 8, 0, "table does not exist")                \
    X(OFPTMFC_BAD_CONFIG, -1, -1, 8, 1, "invalid table config")               \
    X(OFPTMFC_EPERM, -1, -1, 8, 2, "permissions error")                       \
    /* OFPET_QUEUE_OP_FAILED: 5 in 1.0, 9 in 1.3. */                          \
    X(OFPQOFC_BAD_PORT, 5, 0, 9, 0, "invalid port or port does not exist")    \
    X(OFPQOFC_BAD_QUEUE, 5, 1, 9, 1, "queue does not exist")                  \
    X(OFPQOFC_EPERM, 5, 2, 9, 2, "permissions error")                         \
    /* OFPET_SWITCH_CONFIG_FAILED: 1.3 only. */                               \
    X(OFPSCFC_BAD_FLAGS, -1, -1, 10, 0, "invalid config flags")               \
    X(OFPSCFC_BAD_LEN, -1, -1, 10, 1, "invalid miss send length")             \
    X(OFPSCFC_EPERM, -1, -1, 10, 2, "permissions error")                      \
    /* OFPET_ROLE_REQUEST_FAILED: 1.3 only. */                                \
    X(OFPRRFC_STALE, -1, -1, 11, 0, "stale generation id")                    \
    X(OFPRRFC_UNSUP, -1, -1, 11, 1, "role change unsupported")                \
    X(OFPRRFC_BAD_ROLE, -1, -1, 11, 2, "invalid role")                        \
    /* OFPET_METER_MOD_FAILED: 1.3 only. */                                   \
    X(OFPMMFC_UNKNOWN, -1, -1, 12, 0, "unspecified meter-mod error")          \
    X(OFPMMFC_METER_EXISTS, -1, -1, 12, 1, "meter already exists")            \
    X(OFPMMFC_INVALID_METER, -1, -1, 12, 2, "meter id is invalid")            \
    X(OFPMMFC_UNKNOWN_METER, -1, -1, 12, 3, "meter does not exist")           \
    X(OFPMMFC_BAD_COMMAND, -1, -1, 12, 4, "unsupported or unknown command")   \
    X(OFPMMFC_BAD_FLAGS, -1, -1, 12, 5, "flag configuration unsupported")     \
    X(OFPMMFC_BAD_RATE, -1, -1, 12, 6, "rate unsupported")                    \
    X(OFPMMFC_BAD_BURST, -1, -1, 12, 7, "burst size unsupported")             \
    X(OFPMMFC_BAD_BAND, -1, -1, 12, 8, "band unsupported")                    \
    X(OFPMMFC_BAD_BAND_VALUE, -1, -1, 12, 9, "band value unsupported")        \
    X(OFPMMFC_OUT_OF_METERS, -1, -1, 12, 10, "no more meters available")      \
    X(OFPMMFC_OUT_OF_BANDS, -1, -1, 12, 11, "too many bands for a meter")     \
    /* OFPET_TABLE_FEATURES_FAILED: 1.3 only. */                              \
    X(OFPTFFC_BAD_TABLE, -1, -1, 13, 0, "table does not exist")               \
    X(OFPTFFC_BAD_METADATA, -1, -1, 13, 1, "invalid metadata mask")           \
    X(OFPTFFC_BAD_TYPE, -1, -1, 13, 2, "unknown property type")               \
    X(OFPTFFC_BAD_LEN, -1, -1, 13, 3, "length problem in properties")         \
    X(OFPTFFC_BAD_ARGUMENT, -1, -1, 13, 4, "unsupported property value")      \
    X(OFPTFFC_EPERM, -1, -1, 13, 5, "permissions error")

enum ofperr {
    OFPERR_NONE = 0,
#define OFPERR_ENUM(NAME, T10, C10, T13, C13, DESC) OFPERR_##NAME,
    OFPERR_LIST(OFPERR_ENUM)
#undef OFPERR_ENUM
    OFPERR_N_ERRORS
};

/* Error type numbers on the wire (the type field of OFPT_ERROR). */
#define OFPET_EXPERIMENTER 0xffff

/* Returns "OFPBRC_BAD_LEN" and the like; "OFPERR_NONE" for 0 and
 * "OFPERR_UNKNOWN" for values out of range.  Static strings. */
const char *ofperr_name(enum ofperr);
/* Returns the specification's description of the error.  Static string. */
const char *ofperr_description(enum ofperr);
/* Looks a name (with or without "OFPERR_") up; returns 0 if unknown. */
enum ofperr ofperr_from_name(const char *);
bool ofperr_is_valid(enum ofperr);

/* Gives the wire type and code for 'err' in 'version' (OFP10_VERSION or
 * OFP13_VERSION).  An error that has no encoding in 'version' maps to the
 * closest one that does (for OpenFlow 1.0, BAD_MATCH errors become
 * OFPBRC_EPERM-style generic ones), so an error can always be sent. */
void ofperr_encode(enum ofperr, uint8_t version, uint16_t *type,
                   uint16_t *code);
/* Maps a received (version, type, code) to an ofperr, or 0 if the triple
 * is not a standard error of that version. */
enum ofperr ofperr_decode(uint8_t version, uint16_t type, uint16_t code);
/* Returns the name of a wire error type, e.g. "OFPET_BAD_REQUEST", or NULL
 * if 'type' is not a standard type of 'version'.  Static string. */
const char *ofperr_type_name(uint8_t version, uint16_t type);

#endif /* ofproto/ofp-errors.h */
