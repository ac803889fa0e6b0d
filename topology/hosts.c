/* Hosts: where each end station is: see hosts.h.
 *
 * Like l2_learning's MAC table: the entries live in one array allocated at
 * creation, found through hash chains and kept in an LRU list, both linked
 * by array index, so learning, lookups and eviction are O(1) and the table
 * never grows.  The array comes from calloc() and entries are handed out
 * from a high-water mark before the free list, so pages of a large table
 * that were never used are never touched.  Index 0 is a sentinel: NIL is 0,
 * and a zeroed bucket array is an empty one.
 *
 * Hosts choose their MAC and IP addresses, so both hashes are SipHash-2-4
 * keyed with a secret per table: a host cannot pick addresses that pile
 * into one chain.
 *
 * IPv4 addresses are also indexed, to find a host by address: each entry
 * owns HOSTS_MAX_ADDRS index nodes (node 'i * HOSTS_MAX_ADDRS + j' belongs
 * to entry 'i'), one per address it holds, chained by address hash.  A
 * node's stamp (a counter of hosts_add_ipv4() calls) tells which of several
 * hosts that claimed the same address used it last. */
#include <config.h>

#include "topology/hosts.h"

#include <stdlib.h>
#include <string.h>
#include "ofproto/ofp-buf.h"
#include "ofproto/siphash.h"

#define NIL 0u

struct host_entry {
    struct host h;              /* Addresses most recent first. */
    uint32_t hnext;             /* Next in hash chain, or free list. */
    uint32_t lru_prev, lru_next;
};

/* One IPv4 address held by an entry, in the address index. */
struct host_v4_node {
    uint32_t addr;
    uint32_t hnext;             /* Next node in the address chain. */
    uint64_t stamp;             /* 0: unused. */
};

struct hosts {
    struct host_entry *entries; /* 1 + 'max' of them ([0] unused); owned. */
    uint32_t *buckets;          /* Head entry per bucket; owned. */
    struct host_v4_node *v4;    /* HOSTS_MAX_ADDRS per entry; owned. */
    uint32_t *v4_buckets;       /* Head node per bucket; owned. */
    uint32_t n_buckets;         /* Power of two, both bucket arrays. */
    uint32_t max, count;
    uint32_t high_water;        /* Entries above it were never used. */
    uint32_t free_list;
    uint32_t lru_head, lru_tail; /* Most and least recently seen. */
    uint64_t max_age_ms;
    uint64_t v4_stamp;          /* Last stamp given out. */
    uint64_t key[2];            /* Secret hash key. */
};

static void *
zalloc_array(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p) {
        out_of_memory();
    }
    return p;
}

static uint32_t *
bucket_of(const struct hosts *t, const uint8_t mac[6], uint16_t vlan)
{
    uint64_t m = 0;
    for (int i = 0; i < 6; i++) {
        m |= (uint64_t) mac[i] << (8 * i);
    }
    m |= (uint64_t) vlan << 48;
    uint64_t h = siphash_u64(t->key, m);
    return &t->buckets[h & (t->n_buckets - 1)];
}

static uint32_t *
v4_bucket_of(const struct hosts *t, uint32_t addr)
{
    /* The other key word first: a different function from the MAC hash. */
    /* The same key reversed: a second, independent hash. */
    const uint64_t key[2] = { t->key[1], t->key[0] };
    uint64_t h = siphash_u64(key, addr);
    return &t->v4_buckets[h & (t->n_buckets - 1)];
}

struct hosts *
hosts_create(size_t max_hosts, uint64_t max_age_ms)
{
    struct hosts *t = xzalloc(sizeof *t);
    size_t max = max_hosts ? max_hosts : 1;
    if (max > (UINT32_MAX - 1) / (2 * HOSTS_MAX_ADDRS)) {
        max = (UINT32_MAX - 1) / (2 * HOSTS_MAX_ADDRS);
    }
    t->max = (uint32_t) max;
    t->entries = zalloc_array(t->max + 1, sizeof *t->entries);
    t->v4 = zalloc_array((size_t) (t->max + 1) * HOSTS_MAX_ADDRS,
                         sizeof *t->v4);
    t->n_buckets = 1;
    while (t->n_buckets < 2 * t->max) {
        t->n_buckets *= 2;
    }
    t->buckets = zalloc_array(t->n_buckets, sizeof *t->buckets);
    t->v4_buckets = zalloc_array(t->n_buckets, sizeof *t->v4_buckets);
    t->max_age_ms = max_age_ms;
    siphash_key_init(t->key);
    return t;
}

void
hosts_destroy(struct hosts *t)
{
    if (t) {
        free(t->entries);
        free(t->buckets);
        free(t->v4);
        free(t->v4_buckets);
        free(t);
    }
}

/* ---- LRU list. ---------------------------------------------------------- */

static void
lru_unlink(struct hosts *t, uint32_t i)
{
    struct host_entry *e = &t->entries[i];
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
lru_push_head(struct hosts *t, uint32_t i)
{
    struct host_entry *e = &t->entries[i];
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

/* ---- IPv4 index. -------------------------------------------------------- */

static uint32_t
v4_node(uint32_t entry, size_t j)
{
    return entry * HOSTS_MAX_ADDRS + (uint32_t) j;
}

static void
v4_unlink(struct hosts *t, uint32_t n)
{
    struct host_v4_node *node = &t->v4[n];
    for (uint32_t *p = v4_bucket_of(t, node->addr); *p != NIL;
         p = &t->v4[*p].hnext) {
        if (*p == n) {
            *p = node->hnext;
            break;
        }
    }
    node->stamp = 0;
}

static void
v4_link(struct hosts *t, uint32_t n, uint32_t addr)
{
    struct host_v4_node *node = &t->v4[n];
    uint32_t *b = v4_bucket_of(t, addr);
    node->addr = addr;
    node->stamp = ++t->v4_stamp;
    node->hnext = *b;
    *b = n;
}

/* ---- Entries. ----------------------------------------------------------- */

static uint32_t
entry_find(const struct hosts *t, const uint8_t mac[6], uint16_t vlan)
{
    for (uint32_t i = *bucket_of(t, mac, vlan); i != NIL;
         i = t->entries[i].hnext) {
        const struct host_entry *e = &t->entries[i];
        if (e->h.vlan == vlan && !memcmp(e->h.mac, mac, 6)) {
            return i;
        }
    }
    return NIL;
}

/* Removes entry 'i' from its chain, the LRU list and the address index,
 * and frees it. */
static void
entry_remove(struct hosts *t, uint32_t i)
{
    struct host_entry *e = &t->entries[i];
    for (uint32_t *p = bucket_of(t, e->h.mac, e->h.vlan); *p != NIL;
         p = &t->entries[*p].hnext) {
        if (*p == i) {
            *p = e->hnext;
            break;
        }
    }
    for (size_t j = 0; j < HOSTS_MAX_ADDRS; j++) {
        if (t->v4[v4_node(i, j)].stamp) {
            v4_unlink(t, v4_node(i, j));
        }
    }
    lru_unlink(t, i);
    e->hnext = t->free_list;
    t->free_list = i;
    t->count--;
}

static bool
entry_expired(const struct hosts *t, uint32_t i, uint64_t now_ms)
{
    uint64_t seen = t->entries[i].h.last_seen_ms;
    return now_ms >= seen && now_ms - seen >= t->max_age_ms;
}

/* Returns a free entry, evicting the least recently seen if full. */
static uint32_t
entry_alloc(struct hosts *t)
{
    uint32_t i;
    if (t->free_list != NIL) {
        i = t->free_list;
        t->free_list = t->entries[i].hnext;
    } else if (t->high_water < t->max) {
        i = ++t->high_water;
    } else {
        entry_remove(t, t->lru_tail);
        i = t->free_list;
        t->free_list = t->entries[i].hnext;
    }
    return i;
}

enum hosts_learn
hosts_learn(struct hosts *t, const uint8_t mac[6], uint16_t vlan,
            uint64_t dpid, uint32_t port, uint64_t now_ms, struct host *old)
{
    uint32_t i = entry_find(t, mac, vlan);
    if (i != NIL && entry_expired(t, i, now_ms)) {
        entry_remove(t, i);
        i = NIL;
    }
    if (i != NIL) {
        struct host *h = &t->entries[i].h;
        enum hosts_learn r = HOSTS_SAME;
        if (h->dpid != dpid || h->port != port) {
            if (old) {
                *old = *h;
            }
            h->dpid = dpid;
            h->port = port;
            r = HOSTS_MOVED;
        }
        h->last_seen_ms = now_ms;
        lru_unlink(t, i);
        lru_push_head(t, i);
        return r;
    }

    i = entry_alloc(t);
    struct host_entry *e = &t->entries[i];
    memset(&e->h, 0, sizeof e->h);
    memcpy(e->h.mac, mac, 6);
    e->h.vlan = vlan;
    e->h.dpid = dpid;
    e->h.port = port;
    e->h.first_seen_ms = e->h.last_seen_ms = now_ms;
    uint32_t *b = bucket_of(t, mac, vlan);
    e->hnext = *b;
    *b = i;
    lru_push_head(t, i);
    t->count++;
    return HOSTS_NEW;
}

/* Moves position 'from' of an address list of 'size'-byte elements to the
 * front, shifting the ones before it back. */
static void
move_to_front(void *list, size_t size, size_t from)
{
    uint8_t tmp[16];
    uint8_t *l = list;
    memcpy(tmp, l + from * size, size);
    memmove(l + size, l, from * size);
    memcpy(l, tmp, size);
}

void
hosts_add_ipv4(struct hosts *t, const uint8_t mac[6], uint16_t vlan,
               uint32_t addr)
{
    uint32_t i = entry_find(t, mac, vlan);
    if (i == NIL || !addr) {
        return;
    }
    struct host *h = &t->entries[i].h;
    size_t pos;
    for (pos = 0; pos < h->n_ipv4 && h->ipv4[pos] != addr; pos++) {
        continue;
    }

    /* The index node holding 'addr', a free one, or the one holding the
     * least recent address (which is dropped). */
    uint32_t n = NIL, oldest = NIL;
    for (size_t j = 0; j < HOSTS_MAX_ADDRS; j++) {
        struct host_v4_node *node = &t->v4[v4_node(i, j)];
        if (!node->stamp) {
            n = n == NIL ? v4_node(i, j) : n;
        } else if (node->addr == addr) {
            n = v4_node(i, j);
            break;
        } else if (oldest == NIL || node->stamp < t->v4[oldest].stamp) {
            oldest = v4_node(i, j);
        }
    }
    if (pos < h->n_ipv4) {
        /* Known: it becomes the most recent. */
        t->v4[n].stamp = ++t->v4_stamp;
        move_to_front(h->ipv4, sizeof h->ipv4[0], pos);
        return;
    }
    if (n == NIL) {
        n = oldest;
        v4_unlink(t, n);
        h->n_ipv4--;
    }
    v4_link(t, n, addr);
    h->ipv4[h->n_ipv4++] = addr;
    move_to_front(h->ipv4, sizeof h->ipv4[0], h->n_ipv4 - 1);
}

void
hosts_add_ipv6(struct hosts *t, const uint8_t mac[6], uint16_t vlan,
               const uint8_t addr[16])
{
    static const uint8_t unspecified[16];
    uint32_t i = entry_find(t, mac, vlan);
    if (i == NIL || !memcmp(addr, unspecified, 16)) {
        return;
    }
    struct host *h = &t->entries[i].h;
    size_t pos;
    for (pos = 0; pos < h->n_ipv6 && memcmp(h->ipv6[pos], addr, 16); pos++) {
        continue;
    }
    if (pos == h->n_ipv6) {
        /* New: replaces the least recent if the list is full. */
        if (h->n_ipv6 < HOSTS_MAX_ADDRS) {
            h->n_ipv6++;
        }
        pos = h->n_ipv6 - 1;
        memcpy(h->ipv6[pos], addr, 16);
    }
    move_to_front(h->ipv6, sizeof h->ipv6[0], pos);
}

const struct host *
hosts_find(struct hosts *t, const uint8_t mac[6], uint16_t vlan,
           uint64_t now_ms)
{
    uint32_t i = entry_find(t, mac, vlan);
    if (i == NIL) {
        return NULL;
    }
    if (entry_expired(t, i, now_ms)) {
        entry_remove(t, i);
        return NULL;
    }
    return &t->entries[i].h;
}

const struct host *
hosts_find_ipv4(struct hosts *t, uint32_t addr, uint64_t now_ms)
{
    uint32_t best = NIL;
    if (!addr) {
        return NULL;
    }
    for (uint32_t n = *v4_bucket_of(t, addr); n != NIL; n = t->v4[n].hnext) {
        const struct host_v4_node *node = &t->v4[n];
        if (node->addr == addr
            && !entry_expired(t, n / HOSTS_MAX_ADDRS, now_ms)
            && (best == NIL || node->stamp > t->v4[best].stamp)) {
            best = n;
        }
    }
    return best == NIL ? NULL : &t->entries[best / HOSTS_MAX_ADDRS].h;
}

size_t
hosts_forget_port(struct hosts *t, uint64_t dpid, uint32_t port)
{
    size_t n = 0;
    for (uint32_t i = t->lru_head; i != NIL;) {
        uint32_t next = t->entries[i].lru_next;
        const struct host *h = &t->entries[i].h;
        if (h->dpid == dpid && h->port == port) {
            entry_remove(t, i);
            n++;
        }
        i = next;
    }
    return n;
}

size_t
hosts_forget_switch(struct hosts *t, uint64_t dpid)
{
    size_t n = 0;
    for (uint32_t i = t->lru_head; i != NIL;) {
        uint32_t next = t->entries[i].lru_next;
        if (t->entries[i].h.dpid == dpid) {
            entry_remove(t, i);
            n++;
        }
        i = next;
    }
    return n;
}

const struct host *
hosts_next(const struct hosts *t, size_t *cursor, uint64_t now_ms)
{
    /* '*cursor' is 0 at the start, else the next entry's index (or
     * SIZE_MAX at the end).  The LRU list runs from the most recently seen,
     * so the first aged entry ends the walk. */
    if (*cursor == SIZE_MAX) {
        return NULL;
    }
    uint32_t i = *cursor ? (uint32_t) *cursor : t->lru_head;
    if (i == NIL || entry_expired(t, i, now_ms)) {
        *cursor = SIZE_MAX;
        return NULL;
    }
    const struct host_entry *e = &t->entries[i];
    *cursor = e->lru_next == NIL ? SIZE_MAX : e->lru_next;
    return &e->h;
}

size_t
hosts_count(const struct hosts *t)
{
    return t->count;
}
