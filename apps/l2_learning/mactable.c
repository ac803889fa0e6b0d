/* A bounded MAC learning table: see mactable.h. */
#include <config.h>

#include "apps/l2_learning/mactable.h"

#include <stdlib.h>
#include <string.h>
#include "ofproto/ofp-buf.h"
#include "ofproto/siphash.h"

#define NIL UINT32_MAX

struct mac_entry {
    uint8_t mac[6];
    uint16_t vlan;
    uint32_t port;
    uint64_t seen_ms;
    uint32_t hnext;             /* Next in hash chain, or free list. */
    uint32_t lru_prev, lru_next;
};

struct mactable {
    struct mac_entry *entries;  /* 'max' of them; owned. */
    uint32_t *buckets;          /* Head index per bucket; owned. */
    uint32_t n_buckets;         /* Power of two. */
    uint32_t max, count;
    uint32_t free_list;
    uint32_t lru_head, lru_tail; /* Most and least recently seen. */
    uint64_t max_age_ms;
    uint64_t evictions;
    uint64_t key[2];            /* Secret hash key. */
};

static uint32_t
mac_hash(const struct mactable *t, const uint8_t mac[6], uint16_t vlan)
{
    uint64_t m = 0;
    for (int i = 0; i < 6; i++) {
        m |= (uint64_t) mac[i] << (8 * i);
    }
    m |= (uint64_t) vlan << 48;
    return (uint32_t) siphash_u64(t->key, m);
}

struct mactable *
mactable_create(size_t max_entries, uint64_t max_age_ms)
{
    struct mactable *t = xzalloc(sizeof *t);
    t->max = max_entries ? (uint32_t) max_entries : 1;
    t->entries = xzalloc(t->max * sizeof *t->entries);
    t->n_buckets = 1;
    while (t->n_buckets < 2 * t->max) {
        t->n_buckets *= 2;
    }
    t->buckets = xmalloc(t->n_buckets * sizeof *t->buckets);
    for (uint32_t i = 0; i < t->n_buckets; i++) {
        t->buckets[i] = NIL;
    }
    for (uint32_t i = 0; i < t->max; i++) {
        t->entries[i].hnext = i + 1 < t->max ? i + 1 : NIL;
    }
    t->free_list = 0;
    t->lru_head = t->lru_tail = NIL;
    t->max_age_ms = max_age_ms;
    siphash_key_init(t->key);
    return t;
}

void
mactable_destroy(struct mactable *t)
{
    if (t) {
        free(t->entries);
        free(t->buckets);
        free(t);
    }
}

static void
lru_unlink(struct mactable *t, uint32_t i)
{
    struct mac_entry *e = &t->entries[i];
    if (e->lru_prev != NIL) {
        t->entries[e->lru_prev].lru_next = e->lru_next;
    } else {
        t->lru_head = e->lru_next;
    }
    if (e->lru_next != NIL) {
        t->entries[e->lru_next].lru_prev = e->lru_prev;
    } else {
        t->lru_tail = e->lru_prev;
    }
}

static void
lru_push_head(struct mactable *t, uint32_t i)
{
    struct mac_entry *e = &t->entries[i];
    e->lru_prev = NIL;
    e->lru_next = t->lru_head;
    if (t->lru_head != NIL) {
        t->entries[t->lru_head].lru_prev = i;
    }
    t->lru_head = i;
    if (t->lru_tail == NIL) {
        t->lru_tail = i;
    }
}

static uint32_t *
bucket_of(struct mactable *t, const uint8_t mac[6], uint16_t vlan)
{
    return &t->buckets[mac_hash(t, mac, vlan) & (t->n_buckets - 1)];
}

/* Removes entry 'i' from its chain and the LRU list and frees it. */
static void
entry_remove(struct mactable *t, uint32_t i)
{
    struct mac_entry *e = &t->entries[i];
    for (uint32_t *p = bucket_of(t, e->mac, e->vlan); *p != NIL;
         p = &t->entries[*p].hnext) {
        if (*p == i) {
            *p = e->hnext;
            break;
        }
    }
    lru_unlink(t, i);
    e->hnext = t->free_list;
    t->free_list = i;
    t->count--;
}

static uint32_t
entry_find(struct mactable *t, const uint8_t mac[6], uint16_t vlan)
{
    for (uint32_t i = *bucket_of(t, mac, vlan); i != NIL;
         i = t->entries[i].hnext) {
        const struct mac_entry *e = &t->entries[i];
        if (e->vlan == vlan && !memcmp(e->mac, mac, 6)) {
            return i;
        }
    }
    return NIL;
}

static bool
entry_expired(const struct mactable *t, uint32_t i, uint64_t now_ms)
{
    return now_ms - t->entries[i].seen_ms >= t->max_age_ms;
}

enum mactable_learn
mactable_learn(struct mactable *t, const uint8_t mac[6], uint16_t vlan,
               uint32_t port, uint64_t now_ms, uint32_t *old_port)
{
    uint32_t i = entry_find(t, mac, vlan);
    if (i != NIL && entry_expired(t, i, now_ms)) {
        entry_remove(t, i);
        i = NIL;
    }
    if (i != NIL) {
        struct mac_entry *e = &t->entries[i];
        enum mactable_learn r = MACTABLE_SAME;
        if (e->port != port) {
            if (old_port) {
                *old_port = e->port;
            }
            e->port = port;
            r = MACTABLE_MOVED;
        }
        e->seen_ms = now_ms;
        lru_unlink(t, i);
        lru_push_head(t, i);
        return r;
    }

    if (t->free_list == NIL) {
        entry_remove(t, t->lru_tail);
        t->evictions++;
    }
    i = t->free_list;
    struct mac_entry *e = &t->entries[i];
    t->free_list = e->hnext;
    memcpy(e->mac, mac, 6);
    e->vlan = vlan;
    e->port = port;
    e->seen_ms = now_ms;
    uint32_t *b = bucket_of(t, mac, vlan);
    e->hnext = *b;
    *b = i;
    lru_push_head(t, i);
    t->count++;
    return MACTABLE_NEW;
}

bool
mactable_lookup(struct mactable *t, const uint8_t mac[6], uint16_t vlan,
                uint64_t now_ms, uint32_t *port)
{
    uint32_t i = entry_find(t, mac, vlan);
    if (i == NIL) {
        return false;
    }
    if (entry_expired(t, i, now_ms)) {
        entry_remove(t, i);
        return false;
    }
    *port = t->entries[i].port;
    return true;
}

size_t
mactable_flush_port(struct mactable *t, uint32_t port)
{
    size_t n = 0;
    for (uint32_t i = t->lru_head; i != NIL;) {
        uint32_t next = t->entries[i].lru_next;
        if (t->entries[i].port == port) {
            entry_remove(t, i);
            n++;
        }
        i = next;
    }
    return n;
}

bool
mactable_next(const struct mactable *t, size_t *cursor, uint64_t now_ms,
               struct mactable_entry *out)
{
    /* '*cursor' is 0 at the start, else 1 + the next index (or SIZE_MAX at
     * the end).  The LRU list runs from the most recently seen, so the
     * first aged entry ends the walk. */
    if (*cursor == SIZE_MAX) {
        return false;
    }
    uint32_t i = *cursor ? (uint32_t) (*cursor - 1) : t->lru_head;
    if (i == NIL || entry_expired(t, i, now_ms)) {
        *cursor = SIZE_MAX;
        return false;
    }
    const struct mac_entry *e = &t->entries[i];
    memcpy(out->mac, e->mac, 6);
    out->vlan = e->vlan;
    out->port = e->port;
    out->seen_ms = e->seen_ms;
    *cursor = e->lru_next == NIL ? SIZE_MAX : (size_t) e->lru_next + 1;
    return true;
}

size_t
mactable_count(const struct mactable *t)
{
    return t->count;
}

uint64_t
mactable_evictions(const struct mactable *t)
{
    return t->evictions;
}
