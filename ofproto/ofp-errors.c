/* The codec's error space: see ofp-errors.h. */
#include <config.h>

#include "ofproto/ofp-errors.h"

#include <string.h>

#include "ofproto/ofp-types.h"

struct ofperr_info {
    const char *name;
    int type10, code10; /* -1 if not in OpenFlow 1.0. */
    int type13, code13; /* -1 if not in OpenFlow 1.3. */
    const char *description;
};

static const struct ofperr_info ofperr_table[OFPERR_N_ERRORS] = {
#define OFPERR_ROW(NAME, T10, C10, T13, C13, DESC)                            \
    [OFPERR_##NAME] = { #NAME, T10, C10, T13, C13, DESC },
    OFPERR_LIST(OFPERR_ROW)
#undef OFPERR_ROW
};

bool
ofperr_is_valid(enum ofperr err)
{
    return err > OFPERR_NONE && err < OFPERR_N_ERRORS;
}

const char *
ofperr_name(enum ofperr err)
{
    return err == OFPERR_NONE ? "OFPERR_NONE"
           : ofperr_is_valid(err) ? ofperr_table[err].name
           : "OFPERR_UNKNOWN";
}

const char *
ofperr_description(enum ofperr err)
{
    return err == OFPERR_NONE ? "success"
           : ofperr_is_valid(err) ? ofperr_table[err].description
           : "unknown error";
}

enum ofperr
ofperr_from_name(const char *name)
{
    if (!strncmp(name, "OFPERR_", 7)) {
        name += 7;
    }
    for (int i = 1; i < OFPERR_N_ERRORS; i++) {
        if (!strcmp(ofperr_table[i].name, name)) {
            return (enum ofperr) i;
        }
    }
    return OFPERR_NONE;
}

/* The OpenFlow 1.0 stand-in for an error that 1.0 does not have.  1.0 has no
 * match, instruction, group, meter or table errors; the spec's closest
 * meaning is a request the switch "does not permit" or cannot parse. */
static enum ofperr
ofperr_of10_fallback(enum ofperr err)
{
    const struct ofperr_info *e = &ofperr_table[err];
    switch (e->type13) {
    case 1:  /* BAD_REQUEST codes added in 1.3. */
        return err == OFPERR_OFPBRC_BAD_PORT ? OFPERR_OFPBAC_BAD_OUT_PORT
                                             : OFPERR_OFPBRC_EPERM;
    case 2:  /* BAD_ACTION codes added in 1.3. */
        return err == OFPERR_OFPBAC_BAD_OUT_GROUP ? OFPERR_OFPBAC_BAD_OUT_PORT
                                                  : OFPERR_OFPBAC_BAD_ARGUMENT;
    case 3:  /* BAD_INSTRUCTION */
        return err == OFPERR_OFPBIC_BAD_LEN ? OFPERR_OFPBAC_BAD_LEN
                                            : OFPERR_OFPBRC_EPERM;
    case 4:  /* BAD_MATCH */
        return err == OFPERR_OFPBMC_BAD_LEN ? OFPERR_OFPBRC_BAD_LEN
                                            : OFPERR_OFPBRC_EPERM;
    case 5:  /* FLOW_MOD_FAILED codes added in 1.3. */
        return err == OFPERR_OFPFMFC_BAD_FLAGS ? OFPERR_OFPFMFC_BAD_COMMAND
                                               : OFPERR_OFPFMFC_EPERM;
    case 7:
        return OFPERR_OFPPMFC_BAD_PORT;
    case 10: /* SWITCH_CONFIG_FAILED */
        return err == OFPERR_OFPSCFC_BAD_LEN ? OFPERR_OFPBRC_BAD_LEN
                                             : OFPERR_OFPBRC_EPERM;
    default:
        return OFPERR_OFPBRC_EPERM;
    }
}

/* The OpenFlow 1.3 stand-in for a 1.0-only error. */
static enum ofperr
ofperr_of13_fallback(enum ofperr err)
{
    return err == OFPERR_OFPFMFC_UNSUPPORTED ? OFPERR_OFPFMFC_UNKNOWN
                                             : OFPERR_OFPBRC_EPERM;
}

void
ofperr_encode(enum ofperr err, uint8_t version, uint16_t *type,
              uint16_t *code)
{
    if (!ofperr_is_valid(err)) {
        err = OFPERR_OFPBRC_EPERM;
    }
    const struct ofperr_info *e = &ofperr_table[err];
    if (version == OFP10_VERSION) {
        if (e->type10 < 0) {
            e = &ofperr_table[ofperr_of10_fallback(err)];
        }
        *type = (uint16_t) e->type10;
        *code = (uint16_t) e->code10;
    } else {
        if (e->type13 < 0) {
            e = &ofperr_table[ofperr_of13_fallback(err)];
        }
        *type = (uint16_t) e->type13;
        *code = (uint16_t) e->code13;
    }
}

enum ofperr
ofperr_decode(uint8_t version, uint16_t type, uint16_t code)
{
    for (int i = 1; i < OFPERR_N_ERRORS; i++) {
        const struct ofperr_info *e = &ofperr_table[i];
        int t = version == OFP10_VERSION ? e->type10 : e->type13;
        int c = version == OFP10_VERSION ? e->code10 : e->code13;
        if (t == type && c == code) {
            return (enum ofperr) i;
        }
    }
    return OFPERR_NONE;
}

const char *
ofperr_type_name(uint8_t version, uint16_t type)
{
    static const char *const names13[] = {
        "OFPET_HELLO_FAILED", "OFPET_BAD_REQUEST", "OFPET_BAD_ACTION",
        "OFPET_BAD_INSTRUCTION", "OFPET_BAD_MATCH", "OFPET_FLOW_MOD_FAILED",
        "OFPET_GROUP_MOD_FAILED", "OFPET_PORT_MOD_FAILED",
        "OFPET_TABLE_MOD_FAILED", "OFPET_QUEUE_OP_FAILED",
        "OFPET_SWITCH_CONFIG_FAILED", "OFPET_ROLE_REQUEST_FAILED",
        "OFPET_METER_MOD_FAILED", "OFPET_TABLE_FEATURES_FAILED",
    };
    static const char *const names10[] = {
        "OFPET_HELLO_FAILED", "OFPET_BAD_REQUEST", "OFPET_BAD_ACTION",
        "OFPET_FLOW_MOD_FAILED", "OFPET_PORT_MOD_FAILED",
        "OFPET_QUEUE_OP_FAILED",
    };
    if (version != OFP10_VERSION && type == OFPET_EXPERIMENTER) {
        return "OFPET_EXPERIMENTER";
    }
    if (version == OFP10_VERSION) {
        return type < sizeof names10 / sizeof *names10 ? names10[type] : NULL;
    }
    return type < sizeof names13 / sizeof *names13 ? names13[type] : NULL;
}
