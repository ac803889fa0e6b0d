/* Byte buffers for the OpenFlow codec: see ofp-buf.h. */
#include <config.h>

#include "ofproto/ofp-buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
out_of_memory(void)
{
    fprintf(stderr, "out of memory\n");
    abort();
}

void *
xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory (%zu bytes)\n", n);
        abort();
    }
    return p;
}

void *
xzalloc(size_t n)
{
    void *p = xmalloc(n);
    memset(p, 0, n);
    return p;
}

void *
xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory (%zu bytes)\n", n);
        abort();
    }
    return p;
}

char *
xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

/* ---- Cursor ------------------------------------------------------------ */

const void *
ofp_cursor_peek(const struct ofp_cursor *c, size_t n)
{
    return n <= c->size ? c->data : NULL;
}

const void *
ofp_cursor_pull(struct ofp_cursor *c, size_t n)
{
    const uint8_t *p = ofp_cursor_peek(c, n);
    if (p) {
        c->data += n;
        c->size -= n;
    }
    return p;
}

bool
ofp_cursor_sub(struct ofp_cursor *c, size_t n, struct ofp_cursor *sub)
{
    const uint8_t *p = ofp_cursor_pull(c, n);
    if (!p) {
        return false;
    }
    *sub = ofp_cursor_init(p, n);
    return true;
}

bool
ofp_cursor_skip(struct ofp_cursor *c, size_t n)
{
    return ofp_cursor_pull(c, n) != NULL;
}

bool
ofp_cursor_u8(struct ofp_cursor *c, uint8_t *v)
{
    const uint8_t *p = ofp_cursor_pull(c, 1);
    if (p) {
        *v = *p;
    }
    return p != NULL;
}

bool
ofp_cursor_u16(struct ofp_cursor *c, uint16_t *v)
{
    const ofp_be16 *p = ofp_cursor_pull(c, sizeof *p);
    if (p) {
        *v = be16_get(p);
    }
    return p != NULL;
}

bool
ofp_cursor_u32(struct ofp_cursor *c, uint32_t *v)
{
    const ofp_be32 *p = ofp_cursor_pull(c, sizeof *p);
    if (p) {
        *v = be32_get(p);
    }
    return p != NULL;
}

bool
ofp_cursor_u64(struct ofp_cursor *c, uint64_t *v)
{
    const ofp_be64 *p = ofp_cursor_pull(c, sizeof *p);
    if (p) {
        *v = be64_get(p);
    }
    return p != NULL;
}

/* ---- ofpbuf ------------------------------------------------------------ */

void
ofpbuf_init(struct ofpbuf *b)
{
    b->data = NULL;
    b->size = 0;
    b->allocated = 0;
}

void
ofpbuf_uninit(struct ofpbuf *b)
{
    if (b) {
        free(b->data);
        ofpbuf_init(b);
    }
}

void
ofpbuf_clear(struct ofpbuf *b)
{
    b->size = 0;
}

void
ofpbuf_reserve(struct ofpbuf *b, size_t n)
{
    if (n > b->allocated - b->size) {
        size_t want = b->size + n;
        size_t alloc = b->allocated ? b->allocated : 256;
        while (alloc < want) {
            alloc *= 2;
        }
        b->data = xrealloc(b->data, alloc);
        b->allocated = alloc;
    }
}

void *
ofpbuf_put_uninit(struct ofpbuf *b, size_t n)
{
    ofpbuf_reserve(b, n);
    void *p = b->data + b->size;
    b->size += n;
    return p;
}

void *
ofpbuf_put_zeros(struct ofpbuf *b, size_t n)
{
    void *p = ofpbuf_put_uninit(b, n);
    if (n) {
        memset(p, 0, n);
    }
    return p;
}

void *
ofpbuf_put(struct ofpbuf *b, const void *src, size_t n)
{
    void *p = ofpbuf_put_uninit(b, n);
    if (n) {
        memcpy(p, src, n);
    }
    return p;
}

void
ofpbuf_put_u8(struct ofpbuf *b, uint8_t v)
{
    *(uint8_t *) ofpbuf_put_uninit(b, 1) = v;
}

void
ofpbuf_put_be16(struct ofpbuf *b, uint16_t v)
{
    be16_set(ofpbuf_put_uninit(b, 2), v);
}

void
ofpbuf_put_be32(struct ofpbuf *b, uint32_t v)
{
    be32_set(ofpbuf_put_uninit(b, 4), v);
}

void
ofpbuf_put_be64(struct ofpbuf *b, uint64_t v)
{
    be64_set(ofpbuf_put_uninit(b, 8), v);
}

void
ofpbuf_pad8_from(struct ofpbuf *b, size_t start)
{
    size_t len = b->size - start;
    ofpbuf_put_zeros(b, ofp_pad8(len) - len);
}

void *
ofpbuf_at(const struct ofpbuf *b, size_t ofs, size_t n)
{
    return ofs + n <= b->size ? b->data + ofs : NULL;
}

void
ofpbuf_truncate(struct ofpbuf *b, size_t size)
{
    if (size < b->size) {
        b->size = size;
    }
}

/* ---- Arena ------------------------------------------------------------- */

void
ofp_arena_init(struct ofp_arena *a)
{
    a->base = NULL;
    a->size = 0;
    a->used = 0;
    a->grows = 0;
}

void
ofp_arena_uninit(struct ofp_arena *a)
{
    if (a) {
        free(a->base);
        ofp_arena_init(a);
    }
}

void
ofp_arena_reset(struct ofp_arena *a)
{
    a->used = 0;
}

void
ofp_arena_reserve(struct ofp_arena *a, size_t n)
{
    if (n > a->size - a->used) {
        size_t want = a->used + n;
        size_t size = a->size ? a->size : 4096;
        while (size < want) {
            size *= 2;
        }
        a->base = xrealloc(a->base, size);
        a->size = size;
        a->grows++;
    }
}

void *
ofp_arena_alloc(struct ofp_arena *a, size_t n)
{
    size_t start = ofp_pad8(a->used);
    if (start > a->size || n > a->size - start) {
        return NULL;
    }
    a->used = start + n;
    void *p = a->base + start;
    if (n) {
        memset(p, 0, n);
    }
    return p;
}
