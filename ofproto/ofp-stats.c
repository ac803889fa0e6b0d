/* Multipart (OpenFlow 1.0: stats) bodies, GROUP_MOD and METER_MOD bodies,
 * and their printers: see ofp-msgs-private.h.
 *
 * ofp-msgs.c owns the OpenFlow header and the multipart header (type, flags
 * and, in 1.3, its 4 pad bytes); the functions here see only the bytes that
 * follow.  Matches, actions and instructions are ofp-match.c's and
 * ofp-actions.c's; ports are ofp-msgs.c's.
 *
 * Decoding follows one pattern for every list: walk the entries once
 * reading only their length fields (each checked against the minimum and
 * against what is left), then carve the whole array from the arena, then
 * decode each entry inside a sub-cursor of exactly its length.
 * decode_entries() and encode_entries() do that for every list of
 * length-prefixed entries, described by a struct entry_list;
 * decode_fixed_entries() for lists of fixed-size entries.  Nothing is
 * heap-allocated; decoded strings are copied into fixed arrays, everything
 * else is numbers or arena arrays. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-msgs-private.h"

/* ---- Wire formats. ----------------------------------------------------- */

/* DESC reply (1.0 and 1.3). */
struct ofp_desc_wire {
    uint8_t mfr_desc[OFP_DESC_STR_LEN];
    uint8_t hw_desc[OFP_DESC_STR_LEN];
    uint8_t sw_desc[OFP_DESC_STR_LEN];
    uint8_t serial_num[OFP_SERIAL_NUM_LEN];
    uint8_t dp_desc[OFP_DESC_STR_LEN];
};
_Static_assert(sizeof(struct ofp_desc_wire) == 1056, "ofp_desc");

/* FLOW / AGGREGATE request, 1.0: the 40-byte match, then this. */
struct ofp10_flow_stats_request_wire {
    uint8_t table_id;
    uint8_t pad;
    ofp_be16 out_port;
};
_Static_assert(sizeof(struct ofp10_flow_stats_request_wire) == 4,
               "ofp10_flow_stats_request tail");

/* FLOW / AGGREGATE request, 1.3: this, then the OXM match. */
struct ofp13_flow_stats_request_wire {
    uint8_t table_id;
    uint8_t pad[3];
    ofp_be32 out_port;
    ofp_be32 out_group;
    uint8_t pad2[4];
    ofp_be64 cookie;
    ofp_be64 cookie_mask;
};
_Static_assert(sizeof(struct ofp13_flow_stats_request_wire) == 32,
               "ofp13_flow_stats_request");

/* FLOW reply entry, 1.0: head, 40-byte match, tail, actions. */
struct ofp10_flow_stats_head_wire {
    ofp_be16 length;
    uint8_t table_id;
    uint8_t pad;
};
_Static_assert(sizeof(struct ofp10_flow_stats_head_wire) == 4,
               "ofp10_flow_stats head");
struct ofp10_flow_stats_tail_wire {
    ofp_be32 duration_sec;
    ofp_be32 duration_nsec;
    ofp_be16 priority;
    ofp_be16 idle_timeout;
    ofp_be16 hard_timeout;
    uint8_t pad[6];
    ofp_be64 cookie;
    ofp_be64 packet_count;
    ofp_be64 byte_count;
};
_Static_assert(sizeof(struct ofp10_flow_stats_tail_wire) == 44,
               "ofp10_flow_stats tail");
#define OFP10_FLOW_STATS_LEN 88

/* FLOW reply entry, 1.3: this, OXM match, instructions. */
struct ofp13_flow_stats_wire {
    ofp_be16 length;
    uint8_t table_id;
    uint8_t pad;
    ofp_be32 duration_sec;
    ofp_be32 duration_nsec;
    ofp_be16 priority;
    ofp_be16 idle_timeout;
    ofp_be16 hard_timeout;
    ofp_be16 flags;
    uint8_t pad2[4];
    ofp_be64 cookie;
    ofp_be64 packet_count;
    ofp_be64 byte_count;
};
_Static_assert(sizeof(struct ofp13_flow_stats_wire) == 48, "ofp13_flow_stats");
/* With the smallest (empty, padded) match. */
#define OFP13_FLOW_STATS_LEN 56

struct ofp_aggregate_reply_wire {
    ofp_be64 packet_count;
    ofp_be64 byte_count;
    ofp_be32 flow_count;
    uint8_t pad[4];
};
_Static_assert(sizeof(struct ofp_aggregate_reply_wire) == 24,
               "ofp_aggregate_stats_reply");

struct ofp10_table_stats_wire {
    uint8_t table_id;
    uint8_t pad[3];
    uint8_t name[OFP_MAX_TABLE_NAME_LEN];
    ofp_be32 wildcards;
    ofp_be32 max_entries;
    ofp_be32 active_count;
    ofp_be64 lookup_count;
    ofp_be64 matched_count;
};
_Static_assert(sizeof(struct ofp10_table_stats_wire) == 64,
               "ofp10_table_stats");

struct ofp13_table_stats_wire {
    uint8_t table_id;
    uint8_t pad[3];
    ofp_be32 active_count;
    ofp_be64 lookup_count;
    ofp_be64 matched_count;
};
_Static_assert(sizeof(struct ofp13_table_stats_wire) == 24,
               "ofp13_table_stats");

struct ofp10_port_stats_request_wire {
    ofp_be16 port_no;
    uint8_t pad[6];
};
_Static_assert(sizeof(struct ofp10_port_stats_request_wire) == 8,
               "ofp10_port_stats_request");

/* 1.3 PORT_STATS, GROUP and METER / METER_CONFIG requests: an id and 4
 * bytes of padding. */
struct ofp13_id_request_wire {
    ofp_be32 id;
    uint8_t pad[4];
};
_Static_assert(sizeof(struct ofp13_id_request_wire) == 8,
               "ofp13 port/group/meter request");

/* The twelve counters shared by both versions' port stats. */
struct ofp_port_counters_wire {
    ofp_be64 rx_packets;
    ofp_be64 tx_packets;
    ofp_be64 rx_bytes;
    ofp_be64 tx_bytes;
    ofp_be64 rx_dropped;
    ofp_be64 tx_dropped;
    ofp_be64 rx_errors;
    ofp_be64 tx_errors;
    ofp_be64 rx_frame_err;
    ofp_be64 rx_over_err;
    ofp_be64 rx_crc_err;
    ofp_be64 collisions;
};
_Static_assert(sizeof(struct ofp_port_counters_wire) == 96, "port counters");

struct ofp10_port_stats_wire {
    ofp_be16 port_no;
    uint8_t pad[6];
    struct ofp_port_counters_wire c;
};
_Static_assert(sizeof(struct ofp10_port_stats_wire) == 104,
               "ofp10_port_stats");

struct ofp13_port_stats_wire {
    ofp_be32 port_no;
    uint8_t pad[4];
    struct ofp_port_counters_wire c;
    ofp_be32 duration_sec;
    ofp_be32 duration_nsec;
};
_Static_assert(sizeof(struct ofp13_port_stats_wire) == 112,
               "ofp13_port_stats");

/* GROUP reply entry: this, then bucket counters. */
struct ofp13_group_stats_wire {
    ofp_be16 length;
    uint8_t pad[2];
    ofp_be32 group_id;
    ofp_be32 ref_count;
    uint8_t pad2[4];
    ofp_be64 packet_count;
    ofp_be64 byte_count;
    ofp_be32 duration_sec;
    ofp_be32 duration_nsec;
};
_Static_assert(sizeof(struct ofp13_group_stats_wire) == 40,
               "ofp13_group_stats");

/* A bucket counter (GROUP reply) or a band's stats (METER reply). */
struct ofp13_counter_pair_wire {
    ofp_be64 packet_count;
    ofp_be64 byte_count;
};
_Static_assert(sizeof(struct ofp13_counter_pair_wire) == 16,
               "ofp13 bucket_counter / meter_band_stats");

/* GROUP_DESC reply entry: this, then buckets. */
struct ofp13_group_desc_wire {
    ofp_be16 length;
    uint8_t type;
    uint8_t pad;
    ofp_be32 group_id;
};
_Static_assert(sizeof(struct ofp13_group_desc_wire) == 8, "ofp13_group_desc");

/* A bucket (GROUP_MOD, GROUP_DESC): this, then actions. */
struct ofp13_bucket_wire {
    ofp_be16 len;
    ofp_be16 weight;
    ofp_be32 watch_port;
    ofp_be32 watch_group;
    uint8_t pad[4];
};
_Static_assert(sizeof(struct ofp13_bucket_wire) == 16, "ofp13_bucket");

struct ofp13_group_features_wire {
    ofp_be32 types;
    ofp_be32 capabilities;
    ofp_be32 max_groups[4];
    ofp_be32 actions[4];
};
_Static_assert(sizeof(struct ofp13_group_features_wire) == 40,
               "ofp13_group_features");

/* METER reply entry: this, then band stats. */
struct ofp13_meter_stats_wire {
    ofp_be32 meter_id;
    ofp_be16 len;
    uint8_t pad[6];
    ofp_be32 flow_count;
    ofp_be64 packet_in_count;
    ofp_be64 byte_in_count;
    ofp_be32 duration_sec;
    ofp_be32 duration_nsec;
};
_Static_assert(sizeof(struct ofp13_meter_stats_wire) == 40,
               "ofp13_meter_stats");

/* METER_CONFIG reply entry: this, then bands. */
struct ofp13_meter_config_wire {
    ofp_be16 length;
    ofp_be16 flags;
    ofp_be32 meter_id;
};
_Static_assert(sizeof(struct ofp13_meter_config_wire) == 8,
               "ofp13_meter_config");

/* A meter band (METER_MOD, METER_CONFIG): this common part, then 4 bytes
 * that depend on the type (below). */
struct ofp13_meter_band_wire {
    ofp_be16 type;
    ofp_be16 len;
    ofp_be32 rate;
    ofp_be32 burst_size;
};
_Static_assert(sizeof(struct ofp13_meter_band_wire) == 12,
               "ofp13_meter_band_header");
struct ofp13_band_dscp_wire {
    uint8_t prec_level;
    uint8_t pad[3];
};
_Static_assert(sizeof(struct ofp13_band_dscp_wire) == 4, "dscp_remark tail");
struct ofp13_band_experimenter_wire {
    ofp_be32 experimenter;
};
_Static_assert(sizeof(struct ofp13_band_experimenter_wire) == 4,
               "experimenter band tail");
#define OFP13_METER_BAND_LEN 16

struct ofp13_meter_features_wire {
    ofp_be32 max_meter;
    ofp_be32 band_types;
    ofp_be32 capabilities;
    uint8_t max_bands;
    uint8_t max_color;
    uint8_t pad[2];
};
_Static_assert(sizeof(struct ofp13_meter_features_wire) == 16,
               "ofp13_meter_features");

struct ofp13_group_mod_wire {
    ofp_be16 command;
    uint8_t type;
    uint8_t pad;
    ofp_be32 group_id;
};
_Static_assert(sizeof(struct ofp13_group_mod_wire) == 8, "ofp13_group_mod");

struct ofp13_meter_mod_wire {
    ofp_be16 command;
    ofp_be16 flags;
    ofp_be32 meter_id;
};
_Static_assert(sizeof(struct ofp13_meter_mod_wire) == 8, "ofp13_meter_mod");

/* ---- Multipart type numbers. ------------------------------------------- */

struct mp_type_info {
    uint16_t mp_type;
    enum ofp_msg_type request;
    enum ofp_msg_type reply;
    bool in_of10;               /* False: OpenFlow 1.3 only. */
};

/* OFPMP_QUEUE, OFPMP_TABLE_FEATURES and OFPMP_EXPERIMENTER have no internal
 * type: Canopy neither sends nor accepts them. */
static const struct mp_type_info mp_types[] = {
    { OFPMP_DESC, OFPMSG_DESC_REQUEST, OFPMSG_DESC_REPLY, true },
    { OFPMP_FLOW, OFPMSG_FLOW_STATS_REQUEST, OFPMSG_FLOW_STATS_REPLY, true },
    { OFPMP_AGGREGATE, OFPMSG_AGGREGATE_REQUEST, OFPMSG_AGGREGATE_REPLY,
      true },
    { OFPMP_TABLE, OFPMSG_TABLE_STATS_REQUEST, OFPMSG_TABLE_STATS_REPLY,
      true },
    { OFPMP_PORT_STATS, OFPMSG_PORT_STATS_REQUEST, OFPMSG_PORT_STATS_REPLY,
      true },
    { OFPMP_GROUP, OFPMSG_GROUP_STATS_REQUEST, OFPMSG_GROUP_STATS_REPLY,
      false },
    { OFPMP_GROUP_DESC, OFPMSG_GROUP_DESC_REQUEST, OFPMSG_GROUP_DESC_REPLY,
      false },
    { OFPMP_GROUP_FEATURES, OFPMSG_GROUP_FEATURES_REQUEST,
      OFPMSG_GROUP_FEATURES_REPLY, false },
    { OFPMP_METER, OFPMSG_METER_STATS_REQUEST, OFPMSG_METER_STATS_REPLY,
      false },
    { OFPMP_METER_CONFIG, OFPMSG_METER_CONFIG_REQUEST,
      OFPMSG_METER_CONFIG_REPLY, false },
    { OFPMP_METER_FEATURES, OFPMSG_METER_FEATURES_REQUEST,
      OFPMSG_METER_FEATURES_REPLY, false },
    { OFPMP_PORT_DESC, OFPMSG_PORT_DESC_REQUEST, OFPMSG_PORT_DESC_REPLY,
      false },
};
#define N_MP_TYPES (sizeof mp_types / sizeof mp_types[0])

static bool
version_ok(uint8_t version)
{
    return version == OFP10_VERSION || version == OFP13_VERSION;
}

enum ofperr
ofp_stats_type_from_wire(uint8_t version, bool reply, uint16_t mp_type,
                         enum ofp_msg_type *type)
{
    for (size_t i = 0; i < N_MP_TYPES; i++) {
        const struct mp_type_info *t = &mp_types[i];
        if (t->mp_type == mp_type) {
            if (!version_ok(version)
                || (version == OFP10_VERSION && !t->in_of10)) {
                break;
            }
            *type = reply ? t->reply : t->request;
            return 0;
        }
    }
    return OFPERR_OFPBRC_BAD_MULTIPART;
}

enum ofperr
ofp_stats_type_to_wire(enum ofp_msg_type type, uint8_t version,
                       uint16_t *mp_type)
{
    for (size_t i = 0; i < N_MP_TYPES; i++) {
        const struct mp_type_info *t = &mp_types[i];
        if (t->request == type || t->reply == type) {
            if (!version_ok(version)
                || (version == OFP10_VERSION && !t->in_of10)) {
                break;
            }
            *mp_type = t->mp_type;
            return 0;
        }
    }
    return OFPERR_OFPBRC_BAD_MULTIPART;
}

/* ---- Small helpers. ---------------------------------------------------- */

/* Walks the entries of a list whose every entry has a 16-bit length at
 * offset 'len_ofs' and is at least 'min_len' bytes, without consuming 'c'.
 * Stores how many there are in '*n'.  Returns 0 or 'err' if an entry is
 * short, shorter than 'min_len' or overruns the list. */
static enum ofperr
count_entries(const struct ofp_cursor *c, size_t len_ofs, size_t min_len,
              enum ofperr err, size_t *n)
{
    struct ofp_cursor walk = *c;
    size_t count = 0;

    while (ofp_cursor_remaining(&walk) > 0) {
        struct ofp_cursor probe = walk;
        uint16_t len;
        if (!ofp_cursor_skip(&probe, len_ofs)
            || !ofp_cursor_u16(&probe, &len)
            || len < min_len
            || !ofp_cursor_skip(&walk, len)) {
            return err;
        }
        count++;
    }
    *n = count;
    return 0;
}

/* Carves a zeroed array of 'n' elements of 'size' bytes from 'arena'.
 * Returns NULL for n == 0, and also if the arena runs out, which means the
 * caller's reservation was wrong: callers report that (n != 0 and NULL) as
 * a length error rather than crash.  'n' is bounded by the message length,
 * so the product cannot overflow. */
static void *
carve(struct ofp_arena *arena, size_t n, size_t size)
{
    return n ? ofp_arena_alloc(arena, n * size) : NULL;
}

/* Returns 0 if the whole of 'c' was consumed, otherwise BAD_LEN: fixed-size
 * bodies with trailing bytes are malformed. */
static enum ofperr
expect_end(const struct ofp_cursor *c)
{
    return ofp_cursor_remaining(c) ? OFPERR_OFPBRC_BAD_LEN : 0;
}

/* Patches the 16-bit length field at 'ofs' in 'out' with the number of
 * bytes from 'start' to the end.  Returns BAD_LEN if that does not fit. */
static enum ofperr
patch_len16(struct ofpbuf *out, size_t start, size_t ofs)
{
    size_t len = out->size - start;
    if (len > UINT16_MAX) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    be16_set(ofpbuf_at(out, ofs, 2), (uint16_t) len);
    return 0;
}

/* ---- Lists of length-prefixed entries. -------------------------------- */

/* Decodes one entry into 'elem' (zeroed): 'w' is the entry's fixed wire
 * struct and 'sub' the rest of the entry, exactly up to its length. */
typedef enum ofperr entry_decode_func(const void *w, struct ofp_cursor *sub,
                                      struct ofp_arena *arena, void *elem);

/* Encodes 'elem' as the fixed wire struct, length left zero, and what
 * follows it: encode_entries() patches the length afterwards. */
typedef enum ofperr entry_encode_func(const void *elem, struct ofpbuf *out);

/* A list (flow stats, group stats, buckets, ...) whose every entry is a
 * fixed wire struct with a 16-bit length field, then a variable part, and
 * decodes into an array of fixed-size elements.  One description serves
 * both directions so that they cannot disagree on the layout. */
struct entry_list {
    size_t wire_size;           /* Size of the fixed wire struct. */
    size_t len_ofs;             /* Offset of its 16-bit length field. */
    size_t min_len;             /* Shortest valid entry, >= 'wire_size'. */
    enum ofperr error;          /* Entry short, overrunning or too long. */
    size_t elem_size;           /* Size of one decoded element. */
    entry_decode_func *decode;
    entry_encode_func *encode;  /* NULL if encoded otherwise. */
};

#define ENTRY_LIST(WIRE, LEN, MIN_LEN, ERROR, ELEM, DECODE, ENCODE)     \
    {                                                                   \
        sizeof(struct WIRE), offsetof(struct WIRE, LEN), MIN_LEN,       \
        ERROR, sizeof(struct ELEM), DECODE, ENCODE                      \
    }

/* Decodes the 'n' entries of 'list' that start 'c', already counted and
 * checked by the caller, into an array carved from 'arena', and stores it
 * in '*elemsp'.  The per-entry checks only guard against a count that
 * does not match. */
static enum ofperr
decode_counted_entries(const struct entry_list *list, size_t n,
                       struct ofp_cursor *c, struct ofp_arena *arena,
                       const void **elemsp)
{
    uint8_t *elems = carve(arena, n, list->elem_size);
    if (n && !elems) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    for (size_t i = 0; i < n; i++) {
        const void *w = ofp_cursor_peek(c, list->wire_size);
        struct ofp_cursor probe = *c;
        struct ofp_cursor sub;
        uint16_t len;
        if (!w
            || !ofp_cursor_skip(&probe, list->len_ofs)
            || !ofp_cursor_u16(&probe, &len)
            || !ofp_cursor_sub(c, len, &sub)
            || !ofp_cursor_skip(&sub, list->wire_size)) {
            return list->error;
        }
        enum ofperr error = list->decode(w, &sub, arena,
                                         elems + i * list->elem_size);
        if (error) {
            return error;
        }
    }
    *elemsp = elems;
    return 0;
}

/* Decodes the entries of 'list' filling all of 'c' into an array carved
 * from 'arena'.  Stores the array in '*elemsp' and its length in '*np'
 * only on success. */
static enum ofperr
decode_entries(const struct entry_list *list, struct ofp_cursor *c,
               struct ofp_arena *arena, const void **elemsp, size_t *np)
{
    size_t n = 0;
    enum ofperr error = count_entries(c, list->len_ofs, list->min_len,
                                      list->error, &n);
    if (error) {
        return error;
    }
    error = decode_counted_entries(list, n, c, arena, elemsp);
    if (!error) {
        *np = n;
    }
    return error;
}

/* Encodes the 'n' elements of 'elems' as entries of 'list', patching each
 * entry's length once all of it is written.  An entry longer than a 16-bit
 * length can say is 'list->error'. */
static enum ofperr
encode_entries(const struct entry_list *list, const void *elems, size_t n,
               struct ofpbuf *out)
{
    const uint8_t *elem = elems;
    for (size_t i = 0; i < n; i++, elem += list->elem_size) {
        size_t start = out->size;
        enum ofperr error = list->encode(elem, out);
        if (error) {
            return error;
        }
        if (patch_len16(out, start, start + list->len_ofs)) {
            return list->error;
        }
    }
    return 0;
}

/* Decodes one fixed-size entry from the start of 'c' into 'elem'
 * (zeroed). */
typedef enum ofperr fixed_decode_func(uint8_t version, struct ofp_cursor *c,
                                      void *elem);

/* Decodes the 'wire_size'-byte entries filling all of 'c' (table stats,
 * port stats, ports, counter pairs) into an array of 'elem_size'-byte
 * elements carved from 'arena'.  Stores the array in '*elemsp' and its
 * length in '*np' only on success. */
static enum ofperr
decode_fixed_entries(uint8_t version, struct ofp_cursor *c,
                     struct ofp_arena *arena, size_t wire_size,
                     size_t elem_size, fixed_decode_func *decode,
                     const void **elemsp, size_t *np)
{
    if (ofp_cursor_remaining(c) % wire_size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    size_t n = ofp_cursor_remaining(c) / wire_size;
    uint8_t *elems = carve(arena, n, elem_size);
    if (n && !elems) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    for (size_t i = 0; i < n; i++) {
        enum ofperr error = decode(version, c, elems + i * elem_size);
        if (error) {
            return error;
        }
    }
    *elemsp = elems;
    *np = n;
    return 0;
}

/* ---- Buckets and bands. ------------------------------------------------ */

static enum ofperr
bucket_decode_one(const void *w_, struct ofp_cursor *sub,
                  struct ofp_arena *arena, void *b_)
{
    const struct ofp13_bucket_wire *w = w_;
    struct ofp_bucket *b = b_;
    b->weight = be16_get(&w->weight);
    b->watch_port = be32_get(&w->watch_port);
    b->watch_group = be32_get(&w->watch_group);
    return ofp_actions_decode(OFP13_VERSION, sub, arena, &b->actions);
}

static enum ofperr
bucket_encode_one(const void *b_, struct ofpbuf *out)
{
    const struct ofp_bucket *b = b_;
    struct ofp13_bucket_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be16_set(&w->weight, b->weight);
    be32_set(&w->watch_port, b->watch_port);
    be32_set(&w->watch_group, b->watch_group);
    return ofp_actions_encode(OFP13_VERSION, &b->actions, out);
}

static const struct entry_list bucket_list
    = ENTRY_LIST(ofp13_bucket_wire, len, sizeof(struct ofp13_bucket_wire),
                 OFPERR_OFPGMFC_BAD_BUCKET, ofp_bucket,
                 bucket_decode_one, bucket_encode_one);

/* Decodes the buckets filling all of 'c' (GROUP_MOD, GROUP_DESC entry).
 * The caller's '*bucketsp' and '*n_bucketsp' start zeroed; on error they
 * stay so. */
static enum ofperr
buckets_decode(struct ofp_cursor *c, struct ofp_arena *arena,
               const struct ofp_bucket **bucketsp, size_t *n_bucketsp)
{
    const void *buckets = NULL;
    enum ofperr error = decode_entries(&bucket_list, c, arena, &buckets,
                                       n_bucketsp);
    *bucketsp = buckets;
    return error;
}

/* Decodes one band's common part 'w' and its type-specific 4 bytes from
 * 'sub', the rest of the band. */
static enum ofperr
band_decode_one(const void *w_, struct ofp_cursor *sub,
                struct ofp_arena *arena, void *band_)
{
    const struct ofp13_meter_band_wire *w = w_;
    struct ofp_meter_band *band = band_;
    band->type = be16_get(&w->type);
    band->rate = be32_get(&w->rate);
    band->burst_size = be32_get(&w->burst_size);

    if (band->type == OFPMBT_DSCP_REMARK) {
        const struct ofp13_band_dscp_wire *d = ofp_cursor_pull(sub,
                                                               sizeof *d);
        if (!d) {
            return OFPERR_OFPMMFC_BAD_BAND;
        }
        band->prec_level = d->prec_level;
    } else if (band->type == OFPMBT_EXPERIMENTER) {
        const struct ofp13_band_experimenter_wire *e
            = ofp_cursor_pull(sub, sizeof *e);
        if (!e) {
            return OFPERR_OFPMMFC_BAD_BAND;
        }
        band->experimenter = be32_get(&e->experimenter);
        /* Experimenter data after the id has no place in the model: an
         * experimenter band we do not know is only printed and counted. */
    }
    return 0;
}

/* Bands are encoded by bands_encode(): their length is fixed. */
static const struct entry_list band_list
    = ENTRY_LIST(ofp13_meter_band_wire, len, OFP13_METER_BAND_LEN,
                 OFPERR_OFPMMFC_BAD_BAND, ofp_meter_band,
                 band_decode_one, NULL);

/* Decodes the bands filling all of 'c' (METER_MOD, METER_CONFIG entry).
 * A band whose length is not 16 (or at least 16 for an experimenter band),
 * that overruns the list, or whose type is unknown is
 * OFPERR_OFPMMFC_BAD_BAND. */
static enum ofperr
bands_decode(struct ofp_cursor *c, struct ofp_arena *arena,
             const struct ofp_meter_band **bandsp, size_t *n_bandsp)
{
    size_t n = 0;
    struct ofp_cursor walk = *c;
    while (ofp_cursor_remaining(&walk) > 0) {
        const struct ofp13_meter_band_wire *w = ofp_cursor_peek(&walk,
                                                                sizeof *w);
        if (!w) {
            return OFPERR_OFPMMFC_BAD_BAND;
        }
        uint16_t type = be16_get(&w->type);
        uint16_t len = be16_get(&w->len);
        if (type != OFPMBT_DROP && type != OFPMBT_DSCP_REMARK
            && type != OFPMBT_EXPERIMENTER) {
            return OFPERR_OFPMMFC_BAD_BAND;
        }
        if (type == OFPMBT_EXPERIMENTER
            ? len < OFP13_METER_BAND_LEN
            : len != OFP13_METER_BAND_LEN) {
            return OFPERR_OFPMMFC_BAD_BAND;
        }
        if (!ofp_cursor_skip(&walk, len)) {
            return OFPERR_OFPMMFC_BAD_BAND;
        }
        n++;
    }

    const void *bands = NULL;
    enum ofperr error = decode_counted_entries(&band_list, n, c, arena,
                                               &bands);
    *bandsp = bands;
    if (!error) {
        *n_bandsp = n;
    }
    return error;
}

static enum ofperr
bands_encode(const struct ofp_meter_band *bands, size_t n, struct ofpbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        const struct ofp_meter_band *b = &bands[i];
        if (b->type != OFPMBT_DROP && b->type != OFPMBT_DSCP_REMARK
            && b->type != OFPMBT_EXPERIMENTER) {
            return OFPERR_OFPMMFC_BAD_BAND;
        }
        struct ofp13_meter_band_wire *w = ofpbuf_put_zeros(out, sizeof *w);
        be16_set(&w->type, b->type);
        be16_set(&w->len, OFP13_METER_BAND_LEN);
        be32_set(&w->rate, b->rate);
        be32_set(&w->burst_size, b->burst_size);
        if (b->type == OFPMBT_DSCP_REMARK) {
            struct ofp13_band_dscp_wire *d = ofpbuf_put_zeros(out,
                                                              sizeof *d);
            d->prec_level = b->prec_level;
        } else if (b->type == OFPMBT_EXPERIMENTER) {
            struct ofp13_band_experimenter_wire *e
                = ofpbuf_put_zeros(out, sizeof *e);
            be32_set(&e->experimenter, b->experimenter);
        } else {
            ofpbuf_put_zeros(out, 4);
        }
    }
    return 0;
}

/* ---- GROUP_MOD and METER_MOD. ------------------------------------------ */

static bool
group_type_ok(uint8_t type)
{
    return type <= OFPGT_FF;
}

enum ofperr
ofp_group_mod_decode(struct ofp_msg *msg, struct ofp_cursor *c,
                     struct ofp_arena *arena)
{
    struct ofp_group_mod *gm = &msg->u.group_mod;
    const struct ofp13_group_mod_wire *w = ofp_cursor_pull(c, sizeof *w);
    if (!w) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memset(gm, 0, sizeof *gm);
    gm->command = be16_get(&w->command);
    gm->type = w->type;
    gm->group_id = be32_get(&w->group_id);
    if (gm->command > OFPGC_DELETE) {
        return OFPERR_OFPGMFC_BAD_COMMAND;
    }
    if (!group_type_ok(gm->type)) {
        return OFPERR_OFPGMFC_BAD_TYPE;
    }
    return buckets_decode(c, arena, &gm->buckets, &gm->n_buckets);
}

enum ofperr
ofp_group_mod_encode(const struct ofp_msg *msg, struct ofpbuf *out)
{
    const struct ofp_group_mod *gm = &msg->u.group_mod;
    if (gm->command > OFPGC_DELETE) {
        return OFPERR_OFPGMFC_BAD_COMMAND;
    }
    if (!group_type_ok(gm->type)) {
        return OFPERR_OFPGMFC_BAD_TYPE;
    }
    size_t start = out->size;
    struct ofp13_group_mod_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be16_set(&w->command, gm->command);
    w->type = gm->type;
    be32_set(&w->group_id, gm->group_id);
    enum ofperr error = encode_entries(&bucket_list, gm->buckets,
                                       gm->n_buckets, out);
    if (error) {
        ofpbuf_truncate(out, start);
    }
    return error;
}

enum ofperr
ofp_meter_mod_decode(struct ofp_msg *msg, struct ofp_cursor *c,
                     struct ofp_arena *arena)
{
    struct ofp_meter_mod *mm = &msg->u.meter_mod;
    const struct ofp13_meter_mod_wire *w = ofp_cursor_pull(c, sizeof *w);
    if (!w) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memset(mm, 0, sizeof *mm);
    mm->command = be16_get(&w->command);
    mm->flags = be16_get(&w->flags);
    mm->meter_id = be32_get(&w->meter_id);
    if (mm->command > OFPMC_DELETE) {
        return OFPERR_OFPMMFC_BAD_COMMAND;
    }
    return bands_decode(c, arena, &mm->bands, &mm->n_bands);
}

enum ofperr
ofp_meter_mod_encode(const struct ofp_msg *msg, struct ofpbuf *out)
{
    const struct ofp_meter_mod *mm = &msg->u.meter_mod;
    if (mm->command > OFPMC_DELETE) {
        return OFPERR_OFPMMFC_BAD_COMMAND;
    }
    size_t start = out->size;
    struct ofp13_meter_mod_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be16_set(&w->command, mm->command);
    be16_set(&w->flags, mm->flags);
    be32_set(&w->meter_id, mm->meter_id);
    enum ofperr error = bands_encode(mm->bands, mm->n_bands, out);
    if (error) {
        ofpbuf_truncate(out, start);
    }
    return error;
}

/* ---- Multipart bodies: decoding. --------------------------------------- */

static enum ofperr
desc_decode(struct ofp_desc *d, struct ofp_cursor *c)
{
    const struct ofp_desc_wire *w = ofp_cursor_pull(c, sizeof *w);
    if (!w) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    ofp_str_from_wire(d->mfr_desc, w->mfr_desc, sizeof w->mfr_desc);
    ofp_str_from_wire(d->hw_desc, w->hw_desc, sizeof w->hw_desc);
    ofp_str_from_wire(d->sw_desc, w->sw_desc, sizeof w->sw_desc);
    ofp_str_from_wire(d->serial_num, w->serial_num, sizeof w->serial_num);
    ofp_str_from_wire(d->dp_desc, w->dp_desc, sizeof w->dp_desc);
    return 0;
}

static enum ofperr
flow_stats_request_decode(uint8_t version, struct ofp_flow_stats_request *r,
                          struct ofp_cursor *c)
{
    enum ofperr error;
    if (version == OFP10_VERSION) {
        error = ofp_match_decode_of10(c, &r->match);
        if (error) {
            return error;
        }
        const struct ofp10_flow_stats_request_wire *w
            = ofp_cursor_pull(c, sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        r->table_id = w->table_id;
        r->out_port = ofp_port_from_of10(be16_get(&w->out_port));
        r->out_group = OFPG_ANY;
        r->cookie = 0;
        r->cookie_mask = 0;
        return 0;
    } else {
        const struct ofp13_flow_stats_request_wire *w
            = ofp_cursor_pull(c, sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        r->table_id = w->table_id;
        r->out_port = be32_get(&w->out_port);
        r->out_group = be32_get(&w->out_group);
        r->cookie = be64_get(&w->cookie);
        r->cookie_mask = be64_get(&w->cookie_mask);
        return ofp_match_decode_of13(c, &r->match);
    }
}

/* A 1.0 flow-stats entry: 'w' is its head, 'sub' the match, the tail and
 * the actions. */
static enum ofperr
flow_stats10_decode_one(const void *w_, struct ofp_cursor *sub,
                        struct ofp_arena *arena, void *fs_)
{
    const struct ofp10_flow_stats_head_wire *h = w_;
    struct ofp_flow_stats *fs = fs_;
    fs->table_id = h->table_id;
    enum ofperr error = ofp_match_decode_of10(sub, &fs->match);
    if (error) {
        return error;
    }
    const struct ofp10_flow_stats_tail_wire *t = ofp_cursor_pull(sub,
                                                                 sizeof *t);
    if (!t) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    fs->duration_sec = be32_get(&t->duration_sec);
    fs->duration_nsec = be32_get(&t->duration_nsec);
    fs->priority = be16_get(&t->priority);
    fs->idle_timeout = be16_get(&t->idle_timeout);
    fs->hard_timeout = be16_get(&t->hard_timeout);
    fs->cookie = be64_get(&t->cookie);
    fs->packet_count = be64_get(&t->packet_count);
    fs->byte_count = be64_get(&t->byte_count);
    error = ofp_actions_decode(OFP10_VERSION, sub, arena,
                               &fs->instructions.apply);
    if (!error && fs->instructions.apply.n) {
        fs->instructions.present = OFPIB_APPLY_ACTIONS;
    }
    /* The actions consume the rest: left-overs mean the entry is
     * malformed. */
    return error ? error : expect_end(sub);
}

/* A 1.3 flow-stats entry: 'w', then in 'sub' the match and the
 * instructions. */
static enum ofperr
flow_stats13_decode_one(const void *w_, struct ofp_cursor *sub,
                        struct ofp_arena *arena, void *fs_)
{
    const struct ofp13_flow_stats_wire *w = w_;
    struct ofp_flow_stats *fs = fs_;
    fs->table_id = w->table_id;
    fs->duration_sec = be32_get(&w->duration_sec);
    fs->duration_nsec = be32_get(&w->duration_nsec);
    fs->priority = be16_get(&w->priority);
    fs->idle_timeout = be16_get(&w->idle_timeout);
    fs->hard_timeout = be16_get(&w->hard_timeout);
    fs->flags = be16_get(&w->flags);
    fs->cookie = be64_get(&w->cookie);
    fs->packet_count = be64_get(&w->packet_count);
    fs->byte_count = be64_get(&w->byte_count);
    enum ofperr error = ofp_match_decode_of13(sub, &fs->match);
    if (!error) {
        error = ofp_instructions_decode(sub, arena, &fs->instructions);
    }
    /* The instructions consume the rest: left-overs mean the entry is
     * malformed. */
    return error ? error : expect_end(sub);
}

/* 1.0 entries have no 'flags': they are dropped. */
static enum ofperr
flow_stats10_encode_one(const void *fs_, struct ofpbuf *out)
{
    const struct ofp_flow_stats *fs = fs_;
    struct ofp10_flow_stats_head_wire *h = ofpbuf_put_zeros(out, sizeof *h);
    h->table_id = fs->table_id;
    enum ofperr error = ofp_match_encode_of10(&fs->match, out);
    if (error) {
        return error;
    }
    struct ofp10_flow_stats_tail_wire *t = ofpbuf_put_zeros(out, sizeof *t);
    be32_set(&t->duration_sec, fs->duration_sec);
    be32_set(&t->duration_nsec, fs->duration_nsec);
    be16_set(&t->priority, fs->priority);
    be16_set(&t->idle_timeout, fs->idle_timeout);
    be16_set(&t->hard_timeout, fs->hard_timeout);
    be64_set(&t->cookie, fs->cookie);
    be64_set(&t->packet_count, fs->packet_count);
    be64_set(&t->byte_count, fs->byte_count);
    return ofp_instructions_encode(OFP10_VERSION, &fs->instructions, out);
}

static enum ofperr
flow_stats13_encode_one(const void *fs_, struct ofpbuf *out)
{
    const struct ofp_flow_stats *fs = fs_;
    struct ofp13_flow_stats_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    w->table_id = fs->table_id;
    be32_set(&w->duration_sec, fs->duration_sec);
    be32_set(&w->duration_nsec, fs->duration_nsec);
    be16_set(&w->priority, fs->priority);
    be16_set(&w->idle_timeout, fs->idle_timeout);
    be16_set(&w->hard_timeout, fs->hard_timeout);
    be16_set(&w->flags, fs->flags);
    be64_set(&w->cookie, fs->cookie);
    be64_set(&w->packet_count, fs->packet_count);
    be64_set(&w->byte_count, fs->byte_count);
    enum ofperr error = ofp_match_encode_of13(&fs->match, out, NULL);
    if (error) {
        return error;
    }
    return ofp_instructions_encode(OFP13_VERSION, &fs->instructions, out);
}

static const struct entry_list flow_stats10_list
    = ENTRY_LIST(ofp10_flow_stats_head_wire, length, OFP10_FLOW_STATS_LEN,
                 OFPERR_OFPBRC_BAD_LEN, ofp_flow_stats,
                 flow_stats10_decode_one, flow_stats10_encode_one);
static const struct entry_list flow_stats13_list
    = ENTRY_LIST(ofp13_flow_stats_wire, length, OFP13_FLOW_STATS_LEN,
                 OFPERR_OFPBRC_BAD_LEN, ofp_flow_stats,
                 flow_stats13_decode_one, flow_stats13_encode_one);

static const struct entry_list *
flow_stats_list(uint8_t version)
{
    return version == OFP10_VERSION ? &flow_stats10_list : &flow_stats13_list;
}

static enum ofperr
aggregate_reply_decode(struct ofp_aggregate_reply *r, struct ofp_cursor *c)
{
    const struct ofp_aggregate_reply_wire *w = ofp_cursor_pull(c, sizeof *w);
    if (!w) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    r->packet_count = be64_get(&w->packet_count);
    r->byte_count = be64_get(&w->byte_count);
    r->flow_count = be32_get(&w->flow_count);
    return 0;
}

static enum ofperr
table_stats_decode_one(uint8_t version, struct ofp_cursor *c, void *ts_)
{
    struct ofp_table_stats *ts = ts_;
    if (version == OFP10_VERSION) {
        const struct ofp10_table_stats_wire *w = ofp_cursor_pull(c,
                                                                 sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ts->table_id = w->table_id;
        ofp_str_from_wire(ts->name, w->name, sizeof w->name);
        ts->wildcards = be32_get(&w->wildcards);
        ts->max_entries = be32_get(&w->max_entries);
        ts->active_count = be32_get(&w->active_count);
        ts->lookup_count = be64_get(&w->lookup_count);
        ts->matched_count = be64_get(&w->matched_count);
    } else {
        const struct ofp13_table_stats_wire *w = ofp_cursor_pull(c,
                                                                 sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ts->table_id = w->table_id;
        ts->active_count = be32_get(&w->active_count);
        ts->lookup_count = be64_get(&w->lookup_count);
        ts->matched_count = be64_get(&w->matched_count);
    }
    return 0;
}

static enum ofperr
port_stats_request_decode(uint8_t version, struct ofp_port_stats_request *r,
                          struct ofp_cursor *c)
{
    if (version == OFP10_VERSION) {
        const struct ofp10_port_stats_request_wire *w
            = ofp_cursor_pull(c, sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        r->port_no = ofp_port_from_of10(be16_get(&w->port_no));
    } else {
        const struct ofp13_id_request_wire *w = ofp_cursor_pull(c,
                                                                sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        r->port_no = be32_get(&w->id);
    }
    return 0;
}

static void
port_counters_decode(const struct ofp_port_counters_wire *w,
                     struct ofp_port_stats *ps)
{
    ps->rx_packets = be64_get(&w->rx_packets);
    ps->tx_packets = be64_get(&w->tx_packets);
    ps->rx_bytes = be64_get(&w->rx_bytes);
    ps->tx_bytes = be64_get(&w->tx_bytes);
    ps->rx_dropped = be64_get(&w->rx_dropped);
    ps->tx_dropped = be64_get(&w->tx_dropped);
    ps->rx_errors = be64_get(&w->rx_errors);
    ps->tx_errors = be64_get(&w->tx_errors);
    ps->rx_frame_err = be64_get(&w->rx_frame_err);
    ps->rx_over_err = be64_get(&w->rx_over_err);
    ps->rx_crc_err = be64_get(&w->rx_crc_err);
    ps->collisions = be64_get(&w->collisions);
}

static enum ofperr
port_stats_decode_one(uint8_t version, struct ofp_cursor *c, void *ps_)
{
    struct ofp_port_stats *ps = ps_;
    if (version == OFP10_VERSION) {
        const struct ofp10_port_stats_wire *w = ofp_cursor_pull(c, sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ps->port_no = ofp_port_from_of10(be16_get(&w->port_no));
        port_counters_decode(&w->c, ps);
    } else {
        const struct ofp13_port_stats_wire *w = ofp_cursor_pull(c, sizeof *w);
        if (!w) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ps->port_no = be32_get(&w->port_no);
        port_counters_decode(&w->c, ps);
        ps->duration_sec = be32_get(&w->duration_sec);
        ps->duration_nsec = be32_get(&w->duration_nsec);
    }
    return 0;
}

static enum ofperr
port_decode_one(uint8_t version, struct ofp_cursor *c, void *port)
{
    return ofp_port_decode(version, c, port);
}

/* Decodes a 1.3 "id + 4 pad bytes" request (GROUP, METER, METER_CONFIG). */
static enum ofperr
id_request_decode(uint32_t *id, struct ofp_cursor *c)
{
    const struct ofp13_id_request_wire *w = ofp_cursor_pull(c, sizeof *w);
    if (!w) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    *id = be32_get(&w->id);
    return 0;
}

/* Bucket counters (GROUP reply) and band stats (METER reply) are the same
 * 16-byte counter pair on the wire. */
static enum ofperr
bucket_counter_decode_one(uint8_t version, struct ofp_cursor *c, void *bc_)
{
    struct ofp_bucket_counter *bc = bc_;
    const struct ofp13_counter_pair_wire *w = ofp_cursor_pull(c, sizeof *w);
    if (!w) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    bc->packet_count = be64_get(&w->packet_count);
    bc->byte_count = be64_get(&w->byte_count);
    return 0;
}

static enum ofperr
band_stats_decode_one(uint8_t version, struct ofp_cursor *c, void *bs_)
{
    struct ofp_meter_band_stats *bs = bs_;
    const struct ofp13_counter_pair_wire *w = ofp_cursor_pull(c, sizeof *w);
    if (!w) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    bs->packet_band_count = be64_get(&w->packet_count);
    bs->byte_band_count = be64_get(&w->byte_count);
    return 0;
}

static enum ofperr
group_stats_decode_one(const void *w_, struct ofp_cursor *sub,
                       struct ofp_arena *arena, void *gs_)
{
    const struct ofp13_group_stats_wire *w = w_;
    struct ofp_group_stats *gs = gs_;
    gs->group_id = be32_get(&w->group_id);
    gs->ref_count = be32_get(&w->ref_count);
    gs->packet_count = be64_get(&w->packet_count);
    gs->byte_count = be64_get(&w->byte_count);
    gs->duration_sec = be32_get(&w->duration_sec);
    gs->duration_nsec = be32_get(&w->duration_nsec);
    const void *buckets = NULL;
    enum ofperr error = decode_fixed_entries(
        OFP13_VERSION, sub, arena, sizeof(struct ofp13_counter_pair_wire),
        sizeof *gs->buckets, bucket_counter_decode_one, &buckets,
        &gs->n_buckets);
    gs->buckets = buckets;
    return error;
}

static enum ofperr
group_desc_decode_one(const void *w_, struct ofp_cursor *sub,
                      struct ofp_arena *arena, void *gd_)
{
    const struct ofp13_group_desc_wire *w = w_;
    struct ofp_group_desc *gd = gd_;
    gd->type = w->type;
    gd->group_id = be32_get(&w->group_id);
    if (!group_type_ok(gd->type)) {
        /* What the encoder refuses, the decoder refuses too. */
        return OFPERR_OFPGMFC_BAD_TYPE;
    }
    return buckets_decode(sub, arena, &gd->buckets, &gd->n_buckets);
}

static enum ofperr
group_features_decode(struct ofp_group_features *gf, struct ofp_cursor *c)
{
    const struct ofp13_group_features_wire *w = ofp_cursor_pull(c,
                                                                sizeof *w);
    if (!w) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    gf->types = be32_get(&w->types);
    gf->capabilities = be32_get(&w->capabilities);
    for (size_t i = 0; i < 4; i++) {
        gf->max_groups[i] = be32_get(&w->max_groups[i]);
        gf->actions[i] = be32_get(&w->actions[i]);
    }
    return 0;
}

static enum ofperr
meter_stats_decode_one(const void *w_, struct ofp_cursor *sub,
                       struct ofp_arena *arena, void *ms_)
{
    const struct ofp13_meter_stats_wire *w = w_;
    struct ofp_meter_stats *ms = ms_;
    ms->meter_id = be32_get(&w->meter_id);
    ms->flow_count = be32_get(&w->flow_count);
    ms->packet_in_count = be64_get(&w->packet_in_count);
    ms->byte_in_count = be64_get(&w->byte_in_count);
    ms->duration_sec = be32_get(&w->duration_sec);
    ms->duration_nsec = be32_get(&w->duration_nsec);
    const void *bands = NULL;
    enum ofperr error = decode_fixed_entries(
        OFP13_VERSION, sub, arena, sizeof(struct ofp13_counter_pair_wire),
        sizeof *ms->bands, band_stats_decode_one, &bands, &ms->n_bands);
    ms->bands = bands;
    return error;
}

static enum ofperr
meter_config_decode_one(const void *w_, struct ofp_cursor *sub,
                        struct ofp_arena *arena, void *mc_)
{
    const struct ofp13_meter_config_wire *w = w_;
    struct ofp_meter_config *mc = mc_;
    mc->flags = be16_get(&w->flags);
    mc->meter_id = be32_get(&w->meter_id);
    return bands_decode(sub, arena, &mc->bands, &mc->n_bands);
}

static enum ofperr
meter_features_decode(struct ofp_meter_features *mf, struct ofp_cursor *c)
{
    const struct ofp13_meter_features_wire *w = ofp_cursor_pull(c,
                                                                sizeof *w);
    if (!w) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    mf->max_meter = be32_get(&w->max_meter);
    mf->band_types = be32_get(&w->band_types);
    mf->capabilities = be32_get(&w->capabilities);
    mf->max_bands = w->max_bands;
    mf->max_color = w->max_color;
    return 0;
}

static void
counter_pair_encode(uint64_t packets, uint64_t bytes, struct ofpbuf *out)
{
    struct ofp13_counter_pair_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be64_set(&w->packet_count, packets);
    be64_set(&w->byte_count, bytes);
}

static enum ofperr
group_stats_encode_one(const void *gs_, struct ofpbuf *out)
{
    const struct ofp_group_stats *gs = gs_;
    struct ofp13_group_stats_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be32_set(&w->group_id, gs->group_id);
    be32_set(&w->ref_count, gs->ref_count);
    be64_set(&w->packet_count, gs->packet_count);
    be64_set(&w->byte_count, gs->byte_count);
    be32_set(&w->duration_sec, gs->duration_sec);
    be32_set(&w->duration_nsec, gs->duration_nsec);
    for (size_t i = 0; i < gs->n_buckets; i++) {
        counter_pair_encode(gs->buckets[i].packet_count,
                            gs->buckets[i].byte_count, out);
    }
    return 0;
}

static enum ofperr
group_desc_encode_one(const void *gd_, struct ofpbuf *out)
{
    const struct ofp_group_desc *gd = gd_;
    if (!group_type_ok(gd->type)) {
        return OFPERR_OFPGMFC_BAD_TYPE;
    }
    struct ofp13_group_desc_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    w->type = gd->type;
    be32_set(&w->group_id, gd->group_id);
    return encode_entries(&bucket_list, gd->buckets, gd->n_buckets, out);
}

static enum ofperr
meter_stats_encode_one(const void *ms_, struct ofpbuf *out)
{
    const struct ofp_meter_stats *ms = ms_;
    struct ofp13_meter_stats_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be32_set(&w->meter_id, ms->meter_id);
    be32_set(&w->flow_count, ms->flow_count);
    be64_set(&w->packet_in_count, ms->packet_in_count);
    be64_set(&w->byte_in_count, ms->byte_in_count);
    be32_set(&w->duration_sec, ms->duration_sec);
    be32_set(&w->duration_nsec, ms->duration_nsec);
    for (size_t i = 0; i < ms->n_bands; i++) {
        counter_pair_encode(ms->bands[i].packet_band_count,
                            ms->bands[i].byte_band_count, out);
    }
    return 0;
}

static enum ofperr
meter_config_encode_one(const void *mc_, struct ofpbuf *out)
{
    const struct ofp_meter_config *mc = mc_;
    struct ofp13_meter_config_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be16_set(&w->flags, mc->flags);
    be32_set(&w->meter_id, mc->meter_id);
    return bands_encode(mc->bands, mc->n_bands, out);
}

static const struct entry_list group_stats_list
    = ENTRY_LIST(ofp13_group_stats_wire, length,
                 sizeof(struct ofp13_group_stats_wire), OFPERR_OFPBRC_BAD_LEN,
                 ofp_group_stats, group_stats_decode_one,
                 group_stats_encode_one);
static const struct entry_list group_desc_list
    = ENTRY_LIST(ofp13_group_desc_wire, length,
                 sizeof(struct ofp13_group_desc_wire), OFPERR_OFPBRC_BAD_LEN,
                 ofp_group_desc, group_desc_decode_one,
                 group_desc_encode_one);
static const struct entry_list meter_stats_list
    = ENTRY_LIST(ofp13_meter_stats_wire, len,
                 sizeof(struct ofp13_meter_stats_wire), OFPERR_OFPBRC_BAD_LEN,
                 ofp_meter_stats, meter_stats_decode_one,
                 meter_stats_encode_one);
static const struct entry_list meter_config_list
    = ENTRY_LIST(ofp13_meter_config_wire, length,
                 sizeof(struct ofp13_meter_config_wire), OFPERR_OFPBRC_BAD_LEN,
                 ofp_meter_config, meter_config_decode_one,
                 meter_config_encode_one);

static enum ofperr
stats_decode_body__(struct ofp_msg *msg, struct ofp_cursor *c,
                    struct ofp_arena *arena)
{
    uint8_t version = msg->version;
    const void *entries = NULL;
    enum ofperr error;

    switch (msg->type) {
    case OFPMSG_DESC_REQUEST:
    case OFPMSG_TABLE_STATS_REQUEST:
    case OFPMSG_PORT_DESC_REQUEST:
    case OFPMSG_GROUP_FEATURES_REQUEST:
    case OFPMSG_METER_FEATURES_REQUEST:
        return 0;
    case OFPMSG_GROUP_DESC_REQUEST:
        /* OpenFlow 1.3 GROUP_DESC requests have no body (a group id
         * arrived only in 1.5): the request is always for every group. */
        msg->u.group_request.group_id = OFPG_ALL;
        return 0;
    case OFPMSG_DESC_REPLY:
        return desc_decode(&msg->u.desc, c);
    case OFPMSG_FLOW_STATS_REQUEST:
    case OFPMSG_AGGREGATE_REQUEST:
        return flow_stats_request_decode(version, &msg->u.flow_stats_request,
                                         c);
    case OFPMSG_FLOW_STATS_REPLY:
        error = decode_entries(flow_stats_list(version), c, arena, &entries,
                               &msg->u.flow_stats_reply.n);
        msg->u.flow_stats_reply.entries = entries;
        return error;
    case OFPMSG_AGGREGATE_REPLY:
        return aggregate_reply_decode(&msg->u.aggregate_reply, c);
    case OFPMSG_TABLE_STATS_REPLY:
        error = decode_fixed_entries(
            version, c, arena,
            (version == OFP10_VERSION ? sizeof(struct ofp10_table_stats_wire)
             : sizeof(struct ofp13_table_stats_wire)),
            sizeof(struct ofp_table_stats), table_stats_decode_one, &entries,
            &msg->u.table_stats_reply.n);
        msg->u.table_stats_reply.entries = entries;
        return error;
    case OFPMSG_PORT_STATS_REQUEST:
        return port_stats_request_decode(version,
                                         &msg->u.port_stats_request, c);
    case OFPMSG_PORT_STATS_REPLY:
        error = decode_fixed_entries(
            version, c, arena,
            (version == OFP10_VERSION ? sizeof(struct ofp10_port_stats_wire)
             : sizeof(struct ofp13_port_stats_wire)),
            sizeof(struct ofp_port_stats), port_stats_decode_one, &entries,
            &msg->u.port_stats_reply.n);
        msg->u.port_stats_reply.entries = entries;
        return error;
    case OFPMSG_PORT_DESC_REPLY:
        error = decode_fixed_entries(
            version, c, arena,
            version == OFP10_VERSION ? OFP10_PORT_LEN : OFP13_PORT_LEN,
            sizeof(struct ofp_port), port_decode_one, &entries,
            &msg->u.port_desc_reply.n);
        msg->u.port_desc_reply.ports = entries;
        return error;
    case OFPMSG_GROUP_STATS_REQUEST:
        return id_request_decode(&msg->u.group_request.group_id, c);
    case OFPMSG_GROUP_STATS_REPLY:
        error = decode_entries(&group_stats_list, c, arena, &entries,
                               &msg->u.group_stats_reply.n);
        msg->u.group_stats_reply.entries = entries;
        return error;
    case OFPMSG_GROUP_DESC_REPLY:
        error = decode_entries(&group_desc_list, c, arena, &entries,
                               &msg->u.group_desc_reply.n);
        msg->u.group_desc_reply.entries = entries;
        return error;
    case OFPMSG_GROUP_FEATURES_REPLY:
        return group_features_decode(&msg->u.group_features, c);
    case OFPMSG_METER_STATS_REQUEST:
    case OFPMSG_METER_CONFIG_REQUEST:
        return id_request_decode(&msg->u.meter_request.meter_id, c);
    case OFPMSG_METER_STATS_REPLY:
        error = decode_entries(&meter_stats_list, c, arena, &entries,
                               &msg->u.meter_stats_reply.n);
        msg->u.meter_stats_reply.entries = entries;
        return error;
    case OFPMSG_METER_CONFIG_REPLY:
        error = decode_entries(&meter_config_list, c, arena, &entries,
                               &msg->u.meter_config_reply.n);
        msg->u.meter_config_reply.entries = entries;
        return error;
    case OFPMSG_METER_FEATURES_REPLY:
        return meter_features_decode(&msg->u.meter_features, c);
    default:
        return OFPERR_OFPBRC_BAD_MULTIPART;
    }
}

enum ofperr
ofp_stats_decode_body(struct ofp_msg *msg, struct ofp_cursor *c,
                      struct ofp_arena *arena)
{
    uint16_t mp_type;
    enum ofperr error = ofp_stats_type_to_wire(msg->type, msg->version,
                                               &mp_type);
    if (error) {
        return error;
    }
    memset(&msg->u, 0, sizeof msg->u);
    error = stats_decode_body__(msg, c, arena);
    return error ? error : expect_end(c);
}

/* ---- Multipart bodies: encoding. --------------------------------------- */

static void
desc_encode(const struct ofp_desc *d, struct ofpbuf *out)
{
    struct ofp_desc_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    ofp_str_to_wire(w->mfr_desc, d->mfr_desc, sizeof w->mfr_desc);
    ofp_str_to_wire(w->hw_desc, d->hw_desc, sizeof w->hw_desc);
    ofp_str_to_wire(w->sw_desc, d->sw_desc, sizeof w->sw_desc);
    ofp_str_to_wire(w->serial_num, d->serial_num, sizeof w->serial_num);
    ofp_str_to_wire(w->dp_desc, d->dp_desc, sizeof w->dp_desc);
}

/* OpenFlow 1.0 has no cookie matching and no out_group in stats requests;
 * a request that needs them is refused rather than silently widened. */
static enum ofperr
flow_stats_request_encode(uint8_t version,
                          const struct ofp_flow_stats_request *r,
                          struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        if (r->cookie_mask) {
            return OFPERR_OFPBMC_BAD_FIELD;
        }
        if (r->out_group != OFPG_ANY) {
            return OFPERR_OFPBAC_BAD_OUT_GROUP;
        }
        if (!ofp_port_to_of10_ok(r->out_port)) {
            return OFPERR_OFPBAC_BAD_OUT_PORT;
        }
        enum ofperr error = ofp_match_encode_of10(&r->match, out);
        if (error) {
            return error;
        }
        struct ofp10_flow_stats_request_wire *w
            = ofpbuf_put_zeros(out, sizeof *w);
        w->table_id = r->table_id;
        be16_set(&w->out_port, ofp_port_to_of10(r->out_port));
        return 0;
    } else {
        struct ofp13_flow_stats_request_wire *w
            = ofpbuf_put_zeros(out, sizeof *w);
        w->table_id = r->table_id;
        be32_set(&w->out_port, r->out_port);
        be32_set(&w->out_group, r->out_group);
        be64_set(&w->cookie, r->cookie);
        be64_set(&w->cookie_mask, r->cookie_mask);
        return ofp_match_encode_of13(&r->match, out, NULL);
    }
}

static void
table_stats_encode_one(uint8_t version, const struct ofp_table_stats *ts,
                       struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        struct ofp10_table_stats_wire *w = ofpbuf_put_zeros(out, sizeof *w);
        w->table_id = ts->table_id;
        ofp_str_to_wire(w->name, ts->name, sizeof w->name);
        be32_set(&w->wildcards, ts->wildcards);
        be32_set(&w->max_entries, ts->max_entries);
        be32_set(&w->active_count, ts->active_count);
        be64_set(&w->lookup_count, ts->lookup_count);
        be64_set(&w->matched_count, ts->matched_count);
    } else {
        struct ofp13_table_stats_wire *w = ofpbuf_put_zeros(out, sizeof *w);
        w->table_id = ts->table_id;
        be32_set(&w->active_count, ts->active_count);
        be64_set(&w->lookup_count, ts->lookup_count);
        be64_set(&w->matched_count, ts->matched_count);
    }
}

static void
port_counters_encode(const struct ofp_port_stats *ps,
                     struct ofp_port_counters_wire *w)
{
    be64_set(&w->rx_packets, ps->rx_packets);
    be64_set(&w->tx_packets, ps->tx_packets);
    be64_set(&w->rx_bytes, ps->rx_bytes);
    be64_set(&w->tx_bytes, ps->tx_bytes);
    be64_set(&w->rx_dropped, ps->rx_dropped);
    be64_set(&w->tx_dropped, ps->tx_dropped);
    be64_set(&w->rx_errors, ps->rx_errors);
    be64_set(&w->tx_errors, ps->tx_errors);
    be64_set(&w->rx_frame_err, ps->rx_frame_err);
    be64_set(&w->rx_over_err, ps->rx_over_err);
    be64_set(&w->rx_crc_err, ps->rx_crc_err);
    be64_set(&w->collisions, ps->collisions);
}

/* 1.0 entries have no duration: it is dropped. */
static enum ofperr
port_stats_encode_one(uint8_t version, const struct ofp_port_stats *ps,
                      struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        if (!ofp_port_to_of10_ok(ps->port_no)) {
            return OFPERR_OFPBRC_BAD_PORT;
        }
        struct ofp10_port_stats_wire *w = ofpbuf_put_zeros(out, sizeof *w);
        be16_set(&w->port_no, ofp_port_to_of10(ps->port_no));
        port_counters_encode(ps, &w->c);
    } else {
        struct ofp13_port_stats_wire *w = ofpbuf_put_zeros(out, sizeof *w);
        be32_set(&w->port_no, ps->port_no);
        port_counters_encode(ps, &w->c);
        be32_set(&w->duration_sec, ps->duration_sec);
        be32_set(&w->duration_nsec, ps->duration_nsec);
    }
    return 0;
}

static enum ofperr
port_stats_request_encode(uint8_t version,
                          const struct ofp_port_stats_request *r,
                          struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        if (!ofp_port_to_of10_ok(r->port_no)) {
            return OFPERR_OFPBRC_BAD_PORT;
        }
        struct ofp10_port_stats_request_wire *w
            = ofpbuf_put_zeros(out, sizeof *w);
        be16_set(&w->port_no, ofp_port_to_of10(r->port_no));
    } else {
        struct ofp13_id_request_wire *w = ofpbuf_put_zeros(out, sizeof *w);
        be32_set(&w->id, r->port_no);
    }
    return 0;
}

static void
id_request_encode(uint32_t id, struct ofpbuf *out)
{
    struct ofp13_id_request_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be32_set(&w->id, id);
}

static void
group_features_encode(const struct ofp_group_features *gf,
                      struct ofpbuf *out)
{
    struct ofp13_group_features_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be32_set(&w->types, gf->types);
    be32_set(&w->capabilities, gf->capabilities);
    for (size_t i = 0; i < 4; i++) {
        be32_set(&w->max_groups[i], gf->max_groups[i]);
        be32_set(&w->actions[i], gf->actions[i]);
    }
}

static void
meter_features_encode(const struct ofp_meter_features *mf, struct ofpbuf *out)
{
    struct ofp13_meter_features_wire *w = ofpbuf_put_zeros(out, sizeof *w);
    be32_set(&w->max_meter, mf->max_meter);
    be32_set(&w->band_types, mf->band_types);
    be32_set(&w->capabilities, mf->capabilities);
    w->max_bands = mf->max_bands;
    w->max_color = mf->max_color;
}

static enum ofperr
stats_encode_body__(const struct ofp_msg *msg, uint8_t version,
                    struct ofpbuf *out)
{
    enum ofperr error = 0;

    switch (msg->type) {
    case OFPMSG_DESC_REQUEST:
    case OFPMSG_TABLE_STATS_REQUEST:
    case OFPMSG_PORT_DESC_REQUEST:
    case OFPMSG_GROUP_DESC_REQUEST:
    case OFPMSG_GROUP_FEATURES_REQUEST:
    case OFPMSG_METER_FEATURES_REQUEST:
        return 0;
    case OFPMSG_DESC_REPLY:
        desc_encode(&msg->u.desc, out);
        return 0;
    case OFPMSG_FLOW_STATS_REQUEST:
    case OFPMSG_AGGREGATE_REQUEST:
        return flow_stats_request_encode(version, &msg->u.flow_stats_request,
                                         out);
    case OFPMSG_FLOW_STATS_REPLY: {
        const struct ofp_flow_stats_reply *r = &msg->u.flow_stats_reply;
        return encode_entries(flow_stats_list(version), r->entries, r->n,
                              out);
    }
    case OFPMSG_AGGREGATE_REPLY: {
        const struct ofp_aggregate_reply *r = &msg->u.aggregate_reply;
        struct ofp_aggregate_reply_wire *w = ofpbuf_put_zeros(out, sizeof *w);
        be64_set(&w->packet_count, r->packet_count);
        be64_set(&w->byte_count, r->byte_count);
        be32_set(&w->flow_count, r->flow_count);
        return 0;
    }
    case OFPMSG_TABLE_STATS_REPLY: {
        const struct ofp_table_stats_reply *r = &msg->u.table_stats_reply;
        for (size_t i = 0; i < r->n; i++) {
            table_stats_encode_one(version, &r->entries[i], out);
        }
        return 0;
    }
    case OFPMSG_PORT_STATS_REQUEST:
        return port_stats_request_encode(version,
                                         &msg->u.port_stats_request, out);
    case OFPMSG_PORT_STATS_REPLY: {
        const struct ofp_port_stats_reply *r = &msg->u.port_stats_reply;
        for (size_t i = 0; !error && i < r->n; i++) {
            error = port_stats_encode_one(version, &r->entries[i], out);
        }
        return error;
    }
    case OFPMSG_PORT_DESC_REPLY: {
        const struct ofp_port_desc_reply *r = &msg->u.port_desc_reply;
        for (size_t i = 0; !error && i < r->n; i++) {
            error = ofp_port_encode(version, &r->ports[i], out);
        }
        return error;
    }
    case OFPMSG_GROUP_STATS_REQUEST:
        id_request_encode(msg->u.group_request.group_id, out);
        return 0;
    case OFPMSG_GROUP_STATS_REPLY: {
        const struct ofp_group_stats_reply *r = &msg->u.group_stats_reply;
        return encode_entries(&group_stats_list, r->entries, r->n, out);
    }
    case OFPMSG_GROUP_DESC_REPLY: {
        const struct ofp_group_desc_reply *r = &msg->u.group_desc_reply;
        return encode_entries(&group_desc_list, r->entries, r->n, out);
    }
    case OFPMSG_GROUP_FEATURES_REPLY:
        group_features_encode(&msg->u.group_features, out);
        return 0;
    case OFPMSG_METER_STATS_REQUEST:
    case OFPMSG_METER_CONFIG_REQUEST:
        id_request_encode(msg->u.meter_request.meter_id, out);
        return 0;
    case OFPMSG_METER_STATS_REPLY: {
        const struct ofp_meter_stats_reply *r = &msg->u.meter_stats_reply;
        return encode_entries(&meter_stats_list, r->entries, r->n, out);
    }
    case OFPMSG_METER_CONFIG_REPLY: {
        const struct ofp_meter_config_reply *r = &msg->u.meter_config_reply;
        return encode_entries(&meter_config_list, r->entries, r->n, out);
    }
    case OFPMSG_METER_FEATURES_REPLY:
        meter_features_encode(&msg->u.meter_features, out);
        return 0;
    default:
        return OFPERR_OFPBRC_BAD_MULTIPART;
    }
}

enum ofperr
ofp_stats_encode_body(const struct ofp_msg *msg, uint8_t version,
                      struct ofpbuf *out)
{
    uint16_t mp_type;
    enum ofperr error = ofp_stats_type_to_wire(msg->type, version, &mp_type);
    if (error) {
        return error;
    }
    size_t start = out->size;
    error = stats_encode_body__(msg, version, out);
    if (error) {
        ofpbuf_truncate(out, start);
    }
    return error;
}

/* ---- Printing. --------------------------------------------------------- */

/* "1.5s", "3s", "0.000000001s": seconds with the nanoseconds' trailing
 * zeros dropped.  An out-of-range nanosecond count prints as is. */
static void
format_duration(uint32_t sec, uint32_t nsec, struct ds *s)
{
    if (nsec == 0) {
        ds_put_format(s, "%"PRIu32"s", sec);
    } else if (nsec < 1000000000u) {
        char frac[10];
        snprintf(frac, sizeof frac, "%09"PRIu32, nsec);
        size_t len = strlen(frac);
        while (len > 1 && frac[len - 1] == '0') {
            frac[--len] = '\0';
        }
        ds_put_format(s, "%"PRIu32".%ss", sec, frac);
    } else {
        ds_put_format(s, "%"PRIu32"s+%"PRIu32"ns", sec, nsec);
    }
}

static void
format_table_id(uint8_t table_id, struct ds *s)
{
    if (table_id == OFPTT_ALL) {
        ds_put_cstr(s, "all");
    } else {
        ds_put_format(s, "%u", table_id);
    }
}

/* Appends a group or meter id, naming the reserved "all" / "any" ones. */
static void
format_group_id(uint32_t id, struct ds *s)
{
    if (id == OFPG_ALL) {
        ds_put_cstr(s, "all");
    } else if (id == OFPG_ANY) {
        ds_put_cstr(s, "any");
    } else {
        ds_put_format(s, "%"PRIu32, id);
    }
}

static void
format_meter_id(uint32_t id, struct ds *s)
{
    if (id == OFPM_ALL) {
        ds_put_cstr(s, "all");
    } else if (id == OFPM_CONTROLLER) {
        ds_put_cstr(s, "controller");
    } else if (id == OFPM_SLOWPATH) {
        ds_put_cstr(s, "slowpath");
    } else {
        ds_put_format(s, "%"PRIu32, id);
    }
}

/* Appends the names of the bits of 'bits' that 'names' (indexed by bit
 * number, NULL for nameless bits) knows, comma-separated, and any others
 * as one hex number; "0" for no bits. */
static void
format_bits(uint32_t bits, const char *const names[], size_t n_names,
            struct ds *s)
{
    bool first = true;
    uint32_t unknown = 0;
    if (!bits) {
        ds_put_char(s, '0');
        return;
    }
    for (size_t i = 0; i < 32; i++) {
        uint32_t bit = UINT32_C(1) << i;
        if (!(bits & bit)) {
            continue;
        }
        if (i < n_names && names[i]) {
            ds_put_format(s, "%s%s", first ? "" : ",", names[i]);
            first = false;
        } else {
            unknown |= bit;
        }
    }
    if (unknown) {
        ds_put_format(s, "%s0x%"PRIx32, first ? "" : ",", unknown);
    }
}

static const char *const group_type_names[] = {
    "all", "select", "indirect", "fast_failover",
};

static void
format_group_type(uint8_t type, struct ds *s)
{
    if (type < sizeof group_type_names / sizeof group_type_names[0]) {
        ds_put_cstr(s, group_type_names[type]);
    } else {
        ds_put_format(s, "%u", type);
    }
}

static const char *const meter_flag_names[] = {
    "kbps", "pktps", "burst", "stats",
};

static void
format_meter_flags(uint32_t flags, struct ds *s)
{
    format_bits(flags, meter_flag_names,
                sizeof meter_flag_names / sizeof meter_flag_names[0], s);
}

/* One line per bucket, indented by 'indent' spaces. */
static void
format_buckets(const struct ofp_bucket *buckets, size_t n, int indent,
               struct ds *s)
{
    for (size_t i = 0; i < n; i++) {
        const struct ofp_bucket *b = &buckets[i];
        ds_put_format(s, "\n%*sbucket weight=%u", indent, "", b->weight);
        if (b->watch_port != OFPP_ANY) {
            ds_put_cstr(s, " watch_port=");
            ofp_port_format(b->watch_port, s);
        }
        if (b->watch_group != OFPG_ANY) {
            ds_put_cstr(s, " watch_group=");
            format_group_id(b->watch_group, s);
        }
        ds_put_cstr(s, " actions=");
        ofp_actions_format(&b->actions, s);
    }
}

static void
format_band(const struct ofp_meter_band *b, struct ds *s)
{
    switch (b->type) {
    case OFPMBT_DROP:
        ds_put_cstr(s, "type=drop");
        break;
    case OFPMBT_DSCP_REMARK:
        ds_put_cstr(s, "type=dscp_remark");
        break;
    case OFPMBT_EXPERIMENTER:
        ds_put_format(s, "type=experimenter experimenter=0x%08"PRIx32,
                      b->experimenter);
        break;
    default:
        ds_put_format(s, "type=%u", b->type);
        break;
    }
    ds_put_format(s, " rate=%"PRIu32" burst_size=%"PRIu32,
                  b->rate, b->burst_size);
    if (b->type == OFPMBT_DSCP_REMARK) {
        ds_put_format(s, " prec_level=%u", b->prec_level);
    }
}

static void
format_bands(const struct ofp_meter_band *bands, size_t n, struct ds *s)
{
    for (size_t i = 0; i < n; i++) {
        ds_put_cstr(s, "\n  band ");
        format_band(&bands[i], s);
    }
}

static void
format_mod_command(uint16_t command, struct ds *s)
{
    static const char *const names[] = { "ADD", "MODIFY", "DELETE" };
    if (command < sizeof names / sizeof names[0]) {
        ds_put_format(s, " %s", names[command]);
    } else {
        ds_put_format(s, " command=%u", command);
    }
}

void
ofp_group_mod_format(const struct ofp_group_mod *gm, struct ds *s)
{
    format_mod_command(gm->command, s);
    ds_put_cstr(s, " group_id=");
    format_group_id(gm->group_id, s);
    ds_put_cstr(s, " type=");
    format_group_type(gm->type, s);
    format_buckets(gm->buckets, gm->n_buckets, 2, s);
}

void
ofp_meter_mod_format(const struct ofp_meter_mod *mm, struct ds *s)
{
    format_mod_command(mm->command, s);
    ds_put_cstr(s, " meter_id=");
    format_meter_id(mm->meter_id, s);
    ds_put_cstr(s, " flags=");
    format_meter_flags(mm->flags, s);
    format_bands(mm->bands, mm->n_bands, s);
}

static void
format_desc(const struct ofp_desc *d, struct ds *s)
{
    ds_put_format(s, "\n  mfr_desc=\"%s\"", d->mfr_desc);
    ds_put_format(s, "\n  hw_desc=\"%s\"", d->hw_desc);
    ds_put_format(s, "\n  sw_desc=\"%s\"", d->sw_desc);
    ds_put_format(s, "\n  serial_num=\"%s\"", d->serial_num);
    ds_put_format(s, "\n  dp_desc=\"%s\"", d->dp_desc);
}

static void
format_flow_stats_request(uint8_t version,
                          const struct ofp_flow_stats_request *r,
                          struct ds *s)
{
    ds_put_cstr(s, " table=");
    format_table_id(r->table_id, s);
    if (r->out_port != OFPP_ANY) {
        ds_put_cstr(s, " out_port=");
        ofp_port_format(r->out_port, s);
    }
    if (version != OFP10_VERSION && r->out_group != OFPG_ANY) {
        ds_put_cstr(s, " out_group=");
        format_group_id(r->out_group, s);
    }
    if (r->cookie_mask) {
        ds_put_format(s, " cookie=0x%"PRIx64"/0x%"PRIx64,
                      r->cookie, r->cookie_mask);
    }
    ds_put_cstr(s, " match=");
    ofp_match_format(&r->match, s);
}

static void
format_flow_stats(uint8_t version, const struct ofp_flow_stats *fs,
                  struct ds *s)
{
    ds_put_format(s, "\n  table=%u duration=", fs->table_id);
    format_duration(fs->duration_sec, fs->duration_nsec, s);
    ds_put_format(s, " priority=%u", fs->priority);
    if (fs->idle_timeout) {
        ds_put_format(s, " idle_timeout=%u", fs->idle_timeout);
    }
    if (fs->hard_timeout) {
        ds_put_format(s, " hard_timeout=%u", fs->hard_timeout);
    }
    if (fs->flags) {
        ds_put_format(s, " flags=0x%x", fs->flags);
    }
    ds_put_format(s, " cookie=0x%"PRIx64" packets=%"PRIu64" bytes=%"PRIu64,
                  fs->cookie, fs->packet_count, fs->byte_count);
    ds_put_cstr(s, " match=");
    ofp_match_format(&fs->match, s);
    if (version == OFP10_VERSION) {
        ds_put_cstr(s, " actions=");
        ofp_actions_format(&fs->instructions.apply, s);
    } else {
        ds_put_cstr(s, " instructions=");
        ofp_instructions_format(&fs->instructions, s);
    }
}

static void
format_table_stats(uint8_t version, const struct ofp_table_stats *ts,
                   struct ds *s)
{
    ds_put_format(s, "\n  table=%u", ts->table_id);
    if (version == OFP10_VERSION) {
        ds_put_format(s, " name=\"%s\" wildcards=0x%"PRIx32
                      " max_entries=%"PRIu32,
                      ts->name, ts->wildcards, ts->max_entries);
    }
    ds_put_format(s, " active=%"PRIu32" lookup=%"PRIu64" matched=%"PRIu64,
                  ts->active_count, ts->lookup_count, ts->matched_count);
}

static void
format_port_stats(uint8_t version, const struct ofp_port_stats *ps,
                  struct ds *s)
{
    ds_put_cstr(s, "\n  port=");
    ofp_port_format(ps->port_no, s);
    ds_put_format(s, " rx_packets=%"PRIu64" rx_bytes=%"PRIu64
                  " rx_dropped=%"PRIu64" rx_errors=%"PRIu64
                  " rx_frame_err=%"PRIu64" rx_over_err=%"PRIu64
                  " rx_crc_err=%"PRIu64
                  " tx_packets=%"PRIu64" tx_bytes=%"PRIu64
                  " tx_dropped=%"PRIu64" tx_errors=%"PRIu64
                  " collisions=%"PRIu64,
                  ps->rx_packets, ps->rx_bytes, ps->rx_dropped,
                  ps->rx_errors, ps->rx_frame_err, ps->rx_over_err,
                  ps->rx_crc_err, ps->tx_packets, ps->tx_bytes,
                  ps->tx_dropped, ps->tx_errors, ps->collisions);
    if (version != OFP10_VERSION) {
        ds_put_cstr(s, " duration=");
        format_duration(ps->duration_sec, ps->duration_nsec, s);
    }
}

static void
format_group_stats(const struct ofp_group_stats *gs, struct ds *s)
{
    ds_put_cstr(s, "\n  group_id=");
    format_group_id(gs->group_id, s);
    ds_put_format(s, " ref_count=%"PRIu32" packets=%"PRIu64
                  " bytes=%"PRIu64" duration=",
                  gs->ref_count, gs->packet_count, gs->byte_count);
    format_duration(gs->duration_sec, gs->duration_nsec, s);
    for (size_t i = 0; i < gs->n_buckets; i++) {
        ds_put_format(s, " bucket%zu:packets=%"PRIu64",bytes=%"PRIu64,
                      i, gs->buckets[i].packet_count,
                      gs->buckets[i].byte_count);
    }
}

static void
format_group_desc(const struct ofp_group_desc *gd, struct ds *s)
{
    ds_put_cstr(s, "\n  group_id=");
    format_group_id(gd->group_id, s);
    ds_put_cstr(s, " type=");
    format_group_type(gd->type, s);
    /* Buckets are indented one step further than their group. */
    format_buckets(gd->buckets, gd->n_buckets, 4, s);
}

static void
format_group_features(const struct ofp_group_features *gf, struct ds *s)
{
    static const char *const cap_names[] = {
        "select_weight", "select_liveness", "chaining", "chaining_checks",
    };
    ds_put_cstr(s, " types=");
    format_bits(gf->types, group_type_names,
                sizeof group_type_names / sizeof group_type_names[0], s);
    ds_put_cstr(s, " capabilities=");
    format_bits(gf->capabilities, cap_names,
                sizeof cap_names / sizeof cap_names[0], s);
    for (size_t i = 0; i < 4; i++) {
        if (gf->types & (UINT32_C(1) << i)) {
            ds_put_format(s, "\n  %s: max_groups=%"PRIu32
                          " actions=0x%08"PRIx32,
                          group_type_names[i], gf->max_groups[i],
                          gf->actions[i]);
        }
    }
}

static void
format_meter_stats(const struct ofp_meter_stats *ms, struct ds *s)
{
    ds_put_cstr(s, "\n  meter_id=");
    format_meter_id(ms->meter_id, s);
    ds_put_format(s, " flow_count=%"PRIu32" packet_in_count=%"PRIu64
                  " byte_in_count=%"PRIu64" duration=",
                  ms->flow_count, ms->packet_in_count, ms->byte_in_count);
    format_duration(ms->duration_sec, ms->duration_nsec, s);
    for (size_t i = 0; i < ms->n_bands; i++) {
        ds_put_format(s, " band%zu:packets=%"PRIu64",bytes=%"PRIu64,
                      i, ms->bands[i].packet_band_count,
                      ms->bands[i].byte_band_count);
    }
}

static void
format_meter_config(const struct ofp_meter_config *mc, struct ds *s)
{
    ds_put_cstr(s, "\n  meter_id=");
    format_meter_id(mc->meter_id, s);
    ds_put_cstr(s, " flags=");
    format_meter_flags(mc->flags, s);
    for (size_t i = 0; i < mc->n_bands; i++) {
        ds_put_cstr(s, "\n    band ");
        format_band(&mc->bands[i], s);
    }
}

static void
format_meter_features(const struct ofp_meter_features *mf, struct ds *s)
{
    static const char *const band_names[] = {
        NULL, "drop", "dscp_remark",
    };
    ds_put_format(s, " max_meter=%"PRIu32" band_types=", mf->max_meter);
    format_bits(mf->band_types, band_names,
                sizeof band_names / sizeof band_names[0], s);
    ds_put_cstr(s, " capabilities=");
    format_meter_flags(mf->capabilities, s);
    ds_put_format(s, " max_bands=%u max_color=%u",
                  mf->max_bands, mf->max_color);
}

void
ofp_stats_format_body(const struct ofp_msg *msg, struct ds *s)
{
    uint8_t version = msg->version;

    switch (msg->type) {
    case OFPMSG_DESC_REQUEST:
    case OFPMSG_TABLE_STATS_REQUEST:
    case OFPMSG_PORT_DESC_REQUEST:
    case OFPMSG_GROUP_DESC_REQUEST:
    case OFPMSG_GROUP_FEATURES_REQUEST:
    case OFPMSG_METER_FEATURES_REQUEST:
        break;
    case OFPMSG_DESC_REPLY:
        format_desc(&msg->u.desc, s);
        break;
    case OFPMSG_FLOW_STATS_REQUEST:
    case OFPMSG_AGGREGATE_REQUEST:
        format_flow_stats_request(version, &msg->u.flow_stats_request, s);
        break;
    case OFPMSG_FLOW_STATS_REPLY: {
        const struct ofp_flow_stats_reply *r = &msg->u.flow_stats_reply;
        ds_put_format(s, " flows=%zu", r->n);
        for (size_t i = 0; i < r->n; i++) {
            format_flow_stats(version, &r->entries[i], s);
        }
        break;
    }
    case OFPMSG_AGGREGATE_REPLY: {
        const struct ofp_aggregate_reply *r = &msg->u.aggregate_reply;
        ds_put_format(s, " packets=%"PRIu64" bytes=%"PRIu64
                      " flows=%"PRIu32,
                      r->packet_count, r->byte_count, r->flow_count);
        break;
    }
    case OFPMSG_TABLE_STATS_REPLY: {
        const struct ofp_table_stats_reply *r = &msg->u.table_stats_reply;
        ds_put_format(s, " tables=%zu", r->n);
        for (size_t i = 0; i < r->n; i++) {
            format_table_stats(version, &r->entries[i], s);
        }
        break;
    }
    case OFPMSG_PORT_STATS_REQUEST:
        ds_put_cstr(s, " port=");
        ofp_port_format(msg->u.port_stats_request.port_no, s);
        break;
    case OFPMSG_PORT_STATS_REPLY: {
        const struct ofp_port_stats_reply *r = &msg->u.port_stats_reply;
        ds_put_format(s, " ports=%zu", r->n);
        for (size_t i = 0; i < r->n; i++) {
            format_port_stats(version, &r->entries[i], s);
        }
        break;
    }
    case OFPMSG_PORT_DESC_REPLY: {
        const struct ofp_port_desc_reply *r = &msg->u.port_desc_reply;
        ds_put_format(s, " ports=%zu", r->n);
        for (size_t i = 0; i < r->n; i++) {
            ds_put_cstr(s, "\n  ");
            ofp_port_desc_format(&r->ports[i], s);
        }
        break;
    }
    case OFPMSG_GROUP_STATS_REQUEST:
        ds_put_cstr(s, " group_id=");
        format_group_id(msg->u.group_request.group_id, s);
        break;
    case OFPMSG_GROUP_STATS_REPLY: {
        const struct ofp_group_stats_reply *r = &msg->u.group_stats_reply;
        ds_put_format(s, " groups=%zu", r->n);
        for (size_t i = 0; i < r->n; i++) {
            format_group_stats(&r->entries[i], s);
        }
        break;
    }
    case OFPMSG_GROUP_DESC_REPLY: {
        const struct ofp_group_desc_reply *r = &msg->u.group_desc_reply;
        ds_put_format(s, " groups=%zu", r->n);
        for (size_t i = 0; i < r->n; i++) {
            format_group_desc(&r->entries[i], s);
        }
        break;
    }
    case OFPMSG_GROUP_FEATURES_REPLY:
        format_group_features(&msg->u.group_features, s);
        break;
    case OFPMSG_METER_STATS_REQUEST:
    case OFPMSG_METER_CONFIG_REQUEST:
        ds_put_cstr(s, " meter_id=");
        format_meter_id(msg->u.meter_request.meter_id, s);
        break;
    case OFPMSG_METER_STATS_REPLY: {
        const struct ofp_meter_stats_reply *r = &msg->u.meter_stats_reply;
        ds_put_format(s, " meters=%zu", r->n);
        for (size_t i = 0; i < r->n; i++) {
            format_meter_stats(&r->entries[i], s);
        }
        break;
    }
    case OFPMSG_METER_CONFIG_REPLY: {
        const struct ofp_meter_config_reply *r = &msg->u.meter_config_reply;
        ds_put_format(s, " meters=%zu", r->n);
        for (size_t i = 0; i < r->n; i++) {
            format_meter_config(&r->entries[i], s);
        }
        break;
    }
    case OFPMSG_METER_FEATURES_REPLY:
        format_meter_features(&msg->u.meter_features, s);
        break;
    default:
        break;
    }
}
