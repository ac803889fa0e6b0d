/* Byte buffers for the OpenFlow codec.
 *
 * Three tools, one per direction of data:
 *
 *  - ofp_be16/32/64: big-endian wire fields as byte arrays.  Wire structs are
 *    built from them (and uint8_t), so they have alignment 1, an exact size
 *    that _Static_assert can check, and no field can be read without going
 *    through be16_get() and friends.  A 16-bit field read as 32 bits does not
 *    compile.
 *
 *  - struct ofp_cursor: a read-only window over received bytes.  Every getter
 *    fails (returns NULL or false) on short input instead of reading past the
 *    end, so decoders never do pointer arithmetic of their own.
 *
 *  - struct ofpbuf: a growable output buffer for encoders, and
 *    struct ofp_arena: a bump allocator that decoders carve variable-length
 *    results from (ports, actions, stats entries).  An arena is reset, not
 *    freed, between messages, so a long-lived decoder allocates only when a
 *    message is larger than any before it. */
#ifndef OFPROTO_OFP_BUF_H
#define OFPROTO_OFP_BUF_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct { uint8_t b[2]; } ofp_be16;
typedef struct { uint8_t b[4]; } ofp_be32;
typedef struct { uint8_t b[8]; } ofp_be64;
_Static_assert(sizeof(ofp_be16) == 2 && _Alignof(ofp_be16) == 1, "be16");
_Static_assert(sizeof(ofp_be32) == 4 && _Alignof(ofp_be32) == 1, "be32");
_Static_assert(sizeof(ofp_be64) == 8 && _Alignof(ofp_be64) == 1, "be64");

static inline uint16_t
be16_get(const ofp_be16 *x)
{
    return (uint16_t) ((x->b[0] << 8) | x->b[1]);
}

static inline uint32_t
be32_get(const ofp_be32 *x)
{
    return ((uint32_t) x->b[0] << 24) | ((uint32_t) x->b[1] << 16)
           | ((uint32_t) x->b[2] << 8) | x->b[3];
}

static inline uint64_t
be64_get(const ofp_be64 *x)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v = (v << 8) | x->b[i];
    }
    return v;
}

static inline void
be16_set(ofp_be16 *x, uint16_t v)
{
    x->b[0] = (uint8_t) (v >> 8);
    x->b[1] = (uint8_t) v;
}

static inline void
be32_set(ofp_be32 *x, uint32_t v)
{
    x->b[0] = (uint8_t) (v >> 24);
    x->b[1] = (uint8_t) (v >> 16);
    x->b[2] = (uint8_t) (v >> 8);
    x->b[3] = (uint8_t) v;
}

static inline void
be64_set(ofp_be64 *x, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        x->b[i] = (uint8_t) v;
        v >>= 8;
    }
}

/* Rounds 'n' up to a multiple of 8, the alignment of most OpenFlow TLVs. */
static inline size_t
ofp_pad8(size_t n)
{
    return (n + 7) & ~(size_t) 7;
}

/* ---- Cursor: reading received bytes. ---------------------------------- */

/* A window [data, data + size) over bytes the cursor does not own.  The
 * bytes must outlive every pointer handed out by the getters. */
struct ofp_cursor {
    const uint8_t *data;
    size_t size;
};

static inline struct ofp_cursor
ofp_cursor_init(const void *data, size_t size)
{
    struct ofp_cursor c = { data, size };
    return c;
}

static inline size_t
ofp_cursor_remaining(const struct ofp_cursor *c)
{
    return c->size;
}

/* Returns a pointer to the next 'n' bytes and advances past them, or NULL
 * (cursor unchanged) if fewer than 'n' remain. */
const void *ofp_cursor_pull(struct ofp_cursor *, size_t n);

/* Like ofp_cursor_pull() but does not advance. */
const void *ofp_cursor_peek(const struct ofp_cursor *, size_t n);

/* Splits off the next 'n' bytes as a cursor of their own (for a nested TLV
 * whose length was read from the wire).  Returns false, leaving both cursors
 * unchanged, if fewer than 'n' remain. */
bool ofp_cursor_sub(struct ofp_cursor *, size_t n, struct ofp_cursor *sub);

bool ofp_cursor_u8(struct ofp_cursor *, uint8_t *);
bool ofp_cursor_u16(struct ofp_cursor *, uint16_t *);
bool ofp_cursor_u32(struct ofp_cursor *, uint32_t *);
bool ofp_cursor_u64(struct ofp_cursor *, uint64_t *);
bool ofp_cursor_skip(struct ofp_cursor *, size_t n);

/* ---- ofpbuf: building bytes to send. ---------------------------------- */

/* A growable byte buffer.  The buffer owns 'data' (freed by
 * ofpbuf_uninit()).  Pointers returned by the put functions are valid only
 * until the next call that may grow the buffer; encoders that patch a length
 * field later remember its offset, not its address. */
struct ofpbuf {
    uint8_t *data;
    size_t size;      /* Bytes in use. */
    size_t allocated; /* Bytes allocated. */
};

#define OFPBUF_INITIALIZER { NULL, 0, 0 }

void ofpbuf_init(struct ofpbuf *);
void ofpbuf_uninit(struct ofpbuf *);
void ofpbuf_clear(struct ofpbuf *);
void ofpbuf_reserve(struct ofpbuf *, size_t n); /* Room for 'n' more bytes. */
void *ofpbuf_put_uninit(struct ofpbuf *, size_t n);
void *ofpbuf_put_zeros(struct ofpbuf *, size_t n);
void *ofpbuf_put(struct ofpbuf *, const void *, size_t n);
void ofpbuf_put_u8(struct ofpbuf *, uint8_t);
void ofpbuf_put_be16(struct ofpbuf *, uint16_t);
void ofpbuf_put_be32(struct ofpbuf *, uint32_t);
void ofpbuf_put_be64(struct ofpbuf *, uint64_t);
/* Pads with zeros up to the next multiple of 8 counted from 'start'. */
void ofpbuf_pad8_from(struct ofpbuf *, size_t start);
/* Returns the address of offset 'ofs', which must be inside the buffer. */
void *ofpbuf_at(const struct ofpbuf *, size_t ofs, size_t n);
/* Drops everything after 'size' bytes (undoing a failed encode). */
void ofpbuf_truncate(struct ofpbuf *, size_t size);

/* ---- Arena: variable-length decode results. ----------------------------- */

/* The arena owns one block.  ofp_arena_reset() makes it empty again without
 * freeing; ofp_arena_alloc() returns 8-byte-aligned zeroed memory that lives
 * until the next reset or ofp_arena_uninit().  Callers that hold pointers
 * into the arena across a reset are wrong.
 *
 * Decoders call ofp_arena_reserve() once, with an upper bound computed from
 * the message length, before carving anything: the block never moves while a
 * message is decoded, so the pointers it hands out stay valid. */
struct ofp_arena {
    uint8_t *base;
    size_t size;
    size_t used;
    unsigned int grows; /* How many times the block was (re)allocated. */
};

#define OFP_ARENA_INITIALIZER { NULL, 0, 0, 0 }

void ofp_arena_init(struct ofp_arena *);
void ofp_arena_uninit(struct ofp_arena *);
void ofp_arena_reset(struct ofp_arena *);
/* Makes sure 'n' more bytes can be carved without moving the block.  Must
 * only be called when nothing carved since the last reset is still in use. */
void ofp_arena_reserve(struct ofp_arena *, size_t n);
/* Returns 'n' zeroed bytes, or NULL if the reservation is exceeded (a bug in
 * the caller's bound, reported as an error rather than a crash). */
void *ofp_arena_alloc(struct ofp_arena *, size_t n);

/* Allocation that aborts on failure: the process cannot do anything useful
 * without memory, and every caller checking would only obscure the code. */
void *xmalloc(size_t);
void *xzalloc(size_t);
void *xrealloc(void *, size_t);
char *xstrdup(const char *);
/* Reports and aborts: for allocators outside our control (libfyaml, libevent)
 * that return NULL. */
void out_of_memory(void) __attribute__((noreturn));

#endif /* ofproto/ofp-buf.h */
