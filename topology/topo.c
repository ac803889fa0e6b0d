/* The network graph, shortest paths and the flood tree: see topo.h.
 *
 * Records (switches, ports, links, configured weights) live in pools:
 * arrays that grow by doubling, with a free list, so a record's index stays
 * valid while it exists (a pointer does not: re-fetch after allocating).
 * (dpid) and (dpid, port) find their record through open-addressing hash
 * maps.  A port holds its one link out and the list of links into it, so
 * "is the reverse there", "is this an edge port" and "drop the links
 * through this port" cost O(1) per link.  Links are also kept in a list
 * ordered by last_seen, so expiry touches only what expires.
 *
 * Paths run on a snapshot rebuilt lazily when the version changed: the
 * switches sorted by dpid (node i is the i-th lowest dpid) and the usable
 * links in compressed sparse rows (edges grouped by source node).  Dijkstra
 * uses an indexed binary heap; among equal-cost predecessors of a node it
 * keeps the one with the lower (node, source port), i.e. the lower (dpid,
 * port) of the previous hop, so the result depends only on the graph.  A
 * shortest-path tree is an array of parent edges (4 bytes per switch);
 * trees are cached per source in an LRU bounded by TREE_CACHE_BYTES and
 * dropped with the snapshot. */
#include <config.h>

#include "topology/topo.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "ofproto/ofp-buf.h"

#define NIL UINT32_MAX
#define DONE (UINT32_MAX - 1)   /* Heap position of a settled node. */

/* Reference bandwidth: a link this fast weighs 1. */
#define REF_SPEED_KBPS 100000000u
/* Weight of a link whose port speed is unknown (as 1 Gb/s). */
#define UNKNOWN_SPEED_WEIGHT 100u
/* Memory the cached shortest-path trees may take, all sources together
 * (at least one tree is always kept). */
#define TREE_CACHE_BYTES (32u << 20)

/* ---- Hash map: (k1, k2) -> record index. -------------------------------- */

struct kslot {
    uint64_t k1;
    uint32_t k2;
    uint32_t val;               /* NIL: empty slot. */
};

struct keymap {
    struct kslot *slots;        /* Owned; 'mask' + 1 of them. */
    uint32_t mask;
    uint32_t count;
    uint64_t seed;
};

static uint32_t
key_hash(uint64_t seed, uint64_t k1, uint32_t k2)
{
    uint64_t x = (k1 ^ seed) + (uint64_t) k2 * 0x9e3779b97f4a7c15ull;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return (uint32_t) x;
}

static void
keymap_init(struct keymap *m, uint64_t seed, uint32_t capacity)
{
    m->slots = xmalloc(capacity * sizeof *m->slots);
    for (uint32_t i = 0; i < capacity; i++) {
        m->slots[i].val = NIL;
    }
    m->mask = capacity - 1;
    m->count = 0;
    m->seed = seed;
}

static uint32_t
keymap_find(const struct keymap *m, uint64_t k1, uint32_t k2)
{
    for (uint32_t i = key_hash(m->seed, k1, k2) & m->mask;;
         i = (i + 1) & m->mask) {
        const struct kslot *s = &m->slots[i];
        if (s->val == NIL) {
            return NIL;
        }
        if (s->k1 == k1 && s->k2 == k2) {
            return s->val;
        }
    }
}

static void
keymap_put_slot(struct keymap *m, uint64_t k1, uint32_t k2, uint32_t val)
{
    uint32_t i = key_hash(m->seed, k1, k2) & m->mask;
    while (m->slots[i].val != NIL) {
        i = (i + 1) & m->mask;
    }
    m->slots[i] = (struct kslot) { k1, k2, val };
}

/* Adds (k1, k2) -> 'val'; the key must not be there yet. */
static void
keymap_insert(struct keymap *m, uint64_t k1, uint32_t k2, uint32_t val)
{
    if (2 * (m->count + 1) > m->mask + 1) {
        struct kslot *old = m->slots;
        uint32_t old_n = m->mask + 1;
        keymap_init(m, m->seed, 2 * old_n);
        for (uint32_t i = 0; i < old_n; i++) {
            if (old[i].val != NIL) {
                keymap_put_slot(m, old[i].k1, old[i].k2, old[i].val);
                m->count++;
            }
        }
        free(old);
    }
    keymap_put_slot(m, k1, k2, val);
    m->count++;
}

/* Removes (k1, k2), if there, by backward-shift deletion (no tombstones,
 * so lookups never slow down with churn). */
static void
keymap_remove(struct keymap *m, uint64_t k1, uint32_t k2)
{
    uint32_t i = key_hash(m->seed, k1, k2) & m->mask;
    for (;; i = (i + 1) & m->mask) {
        if (m->slots[i].val == NIL) {
            return;
        }
        if (m->slots[i].k1 == k1 && m->slots[i].k2 == k2) {
            break;
        }
    }
    for (uint32_t j = i;;) {
        j = (j + 1) & m->mask;
        struct kslot *s = &m->slots[j];
        if (s->val == NIL) {
            break;
        }
        uint32_t home = key_hash(m->seed, s->k1, s->k2) & m->mask;
        bool stays = i <= j ? (i < home && home <= j)
                            : (i < home || home <= j);
        if (!stays) {
            m->slots[i] = *s;
            i = j;
        }
    }
    m->slots[i].val = NIL;
    m->count--;
}

/* ---- Records. ----------------------------------------------------------- */

struct sw {
    uint64_t dpid;
    uint32_t ports;             /* First port of this switch, or NIL. */
    uint32_t next_free;
    bool used;
};

struct port {
    uint64_t dpid;
    uint32_t port_no;
    uint32_t sw;                /* Index of the switch. */
    uint32_t sw_prev, sw_next;  /* This switch's ports. */
    uint32_t speed_kbps;
    uint32_t cfg_weight;        /* Configured weight, 0 if none. */
    uint32_t link_out;          /* The link out, or NIL. */
    uint32_t links_in;          /* First link ending here, or NIL. */
    uint64_t flood_version;     /* == topo's: a flood-tree port. */
    uint32_t next_free;
    bool live;
    bool used;
};

struct link {
    uint32_t src, dst;          /* Port indices. */
    uint32_t in_prev, in_next;  /* Links into the same 'dst'. */
    uint32_t age_prev, age_next; /* All links, oldest last_seen first. */
    uint64_t first_seen_ms, last_seen_ms;
    uint32_t next_free;
};

struct weight {
    uint64_t dpid;
    uint32_t port_no;
    uint32_t weight;
    uint32_t next_free;
};

/* A pool of records of 'size' bytes: see the top of the file. */
struct pool {
    void *recs;
    uint32_t size;
    uint32_t capacity;
    uint32_t free_list;
    uint32_t count;
};

#define POOL_AT(POOL, TYPE, IDX) (&((TYPE *) (POOL)->recs)[IDX])

/* ---- Snapshot for paths. ------------------------------------------------ */

struct edge {
    uint32_t src, dst;          /* Nodes. */
    uint32_t src_port, dst_port;
    uint32_t weight;
    uint32_t link;              /* Index of the forward link. */
};

struct hent {
    uint64_t dist;
    uint32_t node;
};

struct tree {
    uint32_t src;               /* Source node. */
    uint32_t prev, next;        /* LRU: most recently used first. */
    uint32_t *parent;           /* Per node: edge into it, NIL if none. */
};

struct graph {
    uint64_t version;           /* Of the topo it was built from. */
    uint32_t n_nodes;
    uint64_t *node_dpid;        /* Ascending. */
    uint32_t *sw_node;          /* Switch index -> node. */
    uint32_t *first;            /* Node -> first edge; n_nodes + 1. */
    struct edge *edges;
    uint32_t n_edges;

    /* Dijkstra scratch, sized to n_nodes, kept clean between runs. */
    uint64_t *dist;             /* UINT64_MAX: not reached. */
    uint32_t *pos;              /* Heap position, NIL or DONE. */
    struct hent *heap;
    uint32_t *touched;          /* Nodes reached by the last run. */

    /* Cached trees. */
    struct tree *trees;
    uint32_t n_trees, max_trees;
    uint32_t lru_head, lru_tail;
    uint32_t *tree_of;          /* Node -> index in 'trees', or NIL. */
};

struct topo {
    uint64_t version;
    struct pool switches, ports, links, weights;
    struct keymap sw_map;       /* dpid -> switch. */
    struct keymap port_map;     /* (dpid, port) -> port. */
    struct keymap weight_map;   /* (dpid, port) -> weight. */
    uint32_t age_head, age_tail; /* Links by last_seen. */
    struct graph g;
    uint64_t flood_version;     /* Version the flood marks are for; 0 none. */
};

static void
pool_init(struct pool *p, uint32_t size)
{
    memset(p, 0, sizeof *p);
    p->size = size;
    p->free_list = NIL;
}

/* Returns the index of a zeroed record ('next_free' at 'next_off'). */
static uint32_t
pool_alloc(struct pool *p, size_t next_off)
{
    if (p->free_list == NIL) {
        uint32_t old = p->capacity;
        p->capacity = old ? 2 * old : 16;
        p->recs = xrealloc(p->recs, (size_t) p->capacity * p->size);
        memset((char *) p->recs + (size_t) old * p->size, 0,
               (size_t) (p->capacity - old) * p->size);
        for (uint32_t i = p->capacity; i-- > old;) {
            char *r = (char *) p->recs + (size_t) i * p->size;
            memcpy(r + next_off, &p->free_list, sizeof p->free_list);
            p->free_list = i;
        }
    }
    uint32_t idx = p->free_list;
    char *r = (char *) p->recs + (size_t) idx * p->size;
    memcpy(&p->free_list, r + next_off, sizeof p->free_list);
    memset(r, 0, p->size);
    p->count++;
    return idx;
}

static void
pool_free(struct pool *p, uint32_t idx, size_t next_off)
{
    char *r = (char *) p->recs + (size_t) idx * p->size;
    memset(r, 0, p->size);
    memcpy(r + next_off, &p->free_list, sizeof p->free_list);
    p->free_list = idx;
    p->count--;
}

static struct sw *
sw_at(const struct topo *t, uint32_t i)
{
    return POOL_AT(&t->switches, struct sw, i);
}

static struct port *
port_at(const struct topo *t, uint32_t i)
{
    return POOL_AT(&t->ports, struct port, i);
}

static struct link *
link_at(const struct topo *t, uint32_t i)
{
    return POOL_AT(&t->links, struct link, i);
}

static uint32_t
sw_find(const struct topo *t, uint64_t dpid)
{
    return keymap_find(&t->sw_map, dpid, 0);
}

static uint32_t
port_find(const struct topo *t, uint64_t dpid, uint32_t port_no)
{
    return keymap_find(&t->port_map, dpid, port_no);
}

static void
changed(struct topo *t)
{
    t->version++;
}

/* ---- Create and destroy. ------------------------------------------------ */

static void graph_clear(struct graph *);

struct topo *
topo_create(void)
{
    struct topo *t = xzalloc(sizeof *t);
    uint64_t seed;
    if (getrandom(&seed, sizeof seed, 0) != sizeof seed) {
        /* The seed only spreads keys; a weak one still works. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        seed = (uint64_t) ts.tv_nsec * 0x9e3779b97f4a7c15ull
               ^ (uint64_t) (uintptr_t) t;
    }
    t->version = 1;
    pool_init(&t->switches, sizeof(struct sw));
    pool_init(&t->ports, sizeof(struct port));
    pool_init(&t->links, sizeof(struct link));
    pool_init(&t->weights, sizeof(struct weight));
    keymap_init(&t->sw_map, seed, 16);
    keymap_init(&t->port_map, seed, 16);
    keymap_init(&t->weight_map, seed, 16);
    t->age_head = t->age_tail = NIL;
    t->g.lru_head = t->g.lru_tail = NIL;
    return t;
}

void
topo_destroy(struct topo *t)
{
    if (t) {
        graph_clear(&t->g);
        free(t->switches.recs);
        free(t->ports.recs);
        free(t->links.recs);
        free(t->weights.recs);
        free(t->sw_map.slots);
        free(t->port_map.slots);
        free(t->weight_map.slots);
        free(t);
    }
}

uint64_t
topo_version(const struct topo *t)
{
    return t->version;
}

/* ---- Links. ------------------------------------------------------------- */

static uint32_t
port_weight(const struct port *p)
{
    if (p->cfg_weight) {
        return p->cfg_weight;
    }
    if (!p->speed_kbps) {
        return UNKNOWN_SPEED_WEIGHT;
    }
    uint32_t w = REF_SPEED_KBPS / p->speed_kbps;
    return w ? w : 1;
}

/* True if the reverse of link 'li' exists: the link is usable. */
static bool
link_usable(const struct topo *t, uint32_t li)
{
    const struct link *l = link_at(t, li);
    uint32_t back = port_at(t, l->dst)->link_out;
    return back != NIL && link_at(t, back)->dst == l->src;
}

/* Puts link 'li' into the age list, after every link seen no later. */
static void
age_insert(struct topo *t, uint32_t li)
{
    struct link *l = link_at(t, li);
    uint32_t after = t->age_tail;
    while (after != NIL && link_at(t, after)->last_seen_ms > l->last_seen_ms) {
        after = link_at(t, after)->age_prev;
    }
    l->age_prev = after;
    l->age_next = after == NIL ? t->age_head : link_at(t, after)->age_next;
    if (l->age_next != NIL) {
        link_at(t, l->age_next)->age_prev = li;
    } else {
        t->age_tail = li;
    }
    if (after != NIL) {
        link_at(t, after)->age_next = li;
    } else {
        t->age_head = li;
    }
}

static void
age_unlink(struct topo *t, uint32_t li)
{
    struct link *l = link_at(t, li);
    if (l->age_prev != NIL) {
        link_at(t, l->age_prev)->age_next = l->age_next;
    } else {
        t->age_head = l->age_next;
    }
    if (l->age_next != NIL) {
        link_at(t, l->age_next)->age_prev = l->age_prev;
    } else {
        t->age_tail = l->age_prev;
    }
}

/* Removes link 'li'.  The caller bumps the version. */
static void
link_remove(struct topo *t, uint32_t li)
{
    struct link *l = link_at(t, li);
    struct port *src = port_at(t, l->src);
    struct port *dst = port_at(t, l->dst);
    src->link_out = NIL;
    if (l->in_prev != NIL) {
        link_at(t, l->in_prev)->in_next = l->in_next;
    } else {
        dst->links_in = l->in_next;
    }
    if (l->in_next != NIL) {
        link_at(t, l->in_next)->in_prev = l->in_prev;
    }
    age_unlink(t, li);
    pool_free(&t->links, li, offsetof(struct link, next_free));
}

/* Removes every link out of or into port 'pi'; returns how many. */
static size_t
port_drop_links(struct topo *t, uint32_t pi)
{
    size_t n = 0;
    if (port_at(t, pi)->link_out != NIL) {
        link_remove(t, port_at(t, pi)->link_out);
        n++;
    }
    while (port_at(t, pi)->links_in != NIL) {
        link_remove(t, port_at(t, pi)->links_in);
        n++;
    }
    return n;
}

int
topo_link_seen(struct topo *t, uint64_t src_dpid, uint32_t src_port,
               uint64_t dst_dpid, uint32_t dst_port, uint64_t now_ms)
{
    uint32_t si = port_find(t, src_dpid, src_port);
    uint32_t di = port_find(t, dst_dpid, dst_port);
    if (si == NIL || di == NIL || si == di || !port_at(t, si)->live
        || !port_at(t, di)->live) {
        return -1;
    }
    uint32_t old = port_at(t, si)->link_out;
    if (old != NIL) {
        struct link *l = link_at(t, old);
        if (l->dst == di) {
            if (now_ms > l->last_seen_ms) {
                l->last_seen_ms = now_ms;
                age_unlink(t, old);
                age_insert(t, old);
            }
            return 0;
        }
        link_remove(t, old);
    }
    uint32_t li = pool_alloc(&t->links, offsetof(struct link, next_free));
    struct link *l = link_at(t, li);
    struct port *dst = port_at(t, di);
    l->src = si;
    l->dst = di;
    l->first_seen_ms = l->last_seen_ms = now_ms;
    l->in_prev = NIL;
    l->in_next = dst->links_in;
    if (dst->links_in != NIL) {
        link_at(t, dst->links_in)->in_prev = li;
    }
    dst->links_in = li;
    port_at(t, si)->link_out = li;
    age_insert(t, li);
    changed(t);
    return 1;
}

size_t
topo_links_expire(struct topo *t, uint64_t now_ms, uint64_t max_age_ms)
{
    size_t n = 0;
    while (t->age_head != NIL) {
        uint64_t seen = link_at(t, t->age_head)->last_seen_ms;
        if (now_ms <= seen || now_ms - seen <= max_age_ms) {
            break;
        }
        link_remove(t, t->age_head);
        n++;
    }
    if (n) {
        changed(t);
    }
    return n;
}

static void
link_export(const struct topo *t, uint32_t li, struct topo_link *out)
{
    const struct link *l = link_at(t, li);
    const struct port *src = port_at(t, l->src);
    const struct port *dst = port_at(t, l->dst);
    out->src_dpid = src->dpid;
    out->src_port = src->port_no;
    out->dst_dpid = dst->dpid;
    out->dst_port = dst->port_no;
    out->weight = port_weight(src);
    out->bidirectional = link_usable(t, li);
    out->first_seen_ms = l->first_seen_ms;
    out->last_seen_ms = l->last_seen_ms;
}

static int
link_cmp(const void *a_, const void *b_)
{
    const struct topo_link *a = a_, *b = b_;
    if (a->src_dpid != b->src_dpid) {
        return a->src_dpid < b->src_dpid ? -1 : 1;
    }
    return a->src_port < b->src_port ? -1 : a->src_port > b->src_port;
}

size_t
topo_links(const struct topo *t, struct topo_link **links)
{
    size_t n = 0;
    *links = NULL;
    if (!t->links.count) {
        return 0;
    }
    *links = xmalloc(t->links.count * sizeof **links);
    for (uint32_t li = t->age_head; li != NIL; li = link_at(t, li)->age_next) {
        link_export(t, li, &(*links)[n++]);
    }
    qsort(*links, n, sizeof **links, link_cmp);
    return n;
}

bool
topo_link_from(const struct topo *t, uint64_t dpid, uint32_t port,
               struct topo_link *link)
{
    uint32_t pi = port_find(t, dpid, port);
    if (pi == NIL || port_at(t, pi)->link_out == NIL) {
        return false;
    }
    link_export(t, port_at(t, pi)->link_out, link);
    return true;
}

void
topo_set_weight(struct topo *t, uint64_t dpid, uint32_t port,
                uint32_t weight)
{
    uint32_t wi = keymap_find(&t->weight_map, dpid, port);
    if (wi != NIL && !weight) {
        keymap_remove(&t->weight_map, dpid, port);
        pool_free(&t->weights, wi, offsetof(struct weight, next_free));
    } else if (wi != NIL) {
        POOL_AT(&t->weights, struct weight, wi)->weight = weight;
    } else if (weight) {
        wi = pool_alloc(&t->weights, offsetof(struct weight, next_free));
        struct weight *w = POOL_AT(&t->weights, struct weight, wi);
        w->dpid = dpid;
        w->port_no = port;
        w->weight = weight;
        keymap_insert(&t->weight_map, dpid, port, wi);
    }

    uint32_t pi = port_find(t, dpid, port);
    if (pi != NIL) {
        struct port *p = port_at(t, pi);
        uint32_t before = port_weight(p);
        p->cfg_weight = weight;
        if (p->link_out != NIL && port_weight(p) != before) {
            changed(t);
        }
    }
}

/* ---- Switches and ports. ------------------------------------------------ */

void
topo_switch_add(struct topo *t, uint64_t dpid)
{
    if (sw_find(t, dpid) != NIL) {
        return;
    }
    uint32_t si = pool_alloc(&t->switches, offsetof(struct sw, next_free));
    struct sw *s = sw_at(t, si);
    s->used = true;
    s->dpid = dpid;
    s->ports = NIL;
    keymap_insert(&t->sw_map, dpid, 0, si);
    changed(t);
}

/* Removes port 'pi' and its links; returns true if that changed anything
 * a path or the flood tree depends on. */
static bool
port_remove(struct topo *t, uint32_t pi)
{
    bool was_live = port_at(t, pi)->live;
    size_t n = port_drop_links(t, pi);
    struct port *p = port_at(t, pi);
    struct sw *s = sw_at(t, p->sw);
    if (p->sw_prev != NIL) {
        port_at(t, p->sw_prev)->sw_next = p->sw_next;
    } else {
        s->ports = p->sw_next;
    }
    if (p->sw_next != NIL) {
        port_at(t, p->sw_next)->sw_prev = p->sw_prev;
    }
    keymap_remove(&t->port_map, p->dpid, p->port_no);
    pool_free(&t->ports, pi, offsetof(struct port, next_free));
    return was_live || n;
}

void
topo_switch_remove(struct topo *t, uint64_t dpid)
{
    uint32_t si = sw_find(t, dpid);
    if (si == NIL) {
        return;
    }
    while (sw_at(t, si)->ports != NIL) {
        port_remove(t, sw_at(t, si)->ports);
    }
    keymap_remove(&t->sw_map, dpid, 0);
    pool_free(&t->switches, si, offsetof(struct sw, next_free));
    changed(t);
}

bool
topo_switch_exists(const struct topo *t, uint64_t dpid)
{
    return sw_find(t, dpid) != NIL;
}

static int
u64_cmp(const void *a_, const void *b_)
{
    uint64_t a = *(const uint64_t *) a_, b = *(const uint64_t *) b_;
    return a < b ? -1 : a > b;
}

static int
u32_cmp(const void *a_, const void *b_)
{
    uint32_t a = *(const uint32_t *) a_, b = *(const uint32_t *) b_;
    return a < b ? -1 : a > b;
}

size_t
topo_switches(const struct topo *t, uint64_t **dpids)
{
    size_t n = 0;
    *dpids = NULL;
    if (!t->switches.count) {
        return 0;
    }
    *dpids = xmalloc(t->switches.count * sizeof **dpids);
    for (uint32_t i = 0; i < t->switches.capacity; i++) {
        if (sw_at(t, i)->used) {
            (*dpids)[n++] = sw_at(t, i)->dpid;
        }
    }
    qsort(*dpids, n, sizeof **dpids, u64_cmp);
    return n;
}

void
topo_port_set(struct topo *t, uint64_t dpid, uint32_t port, bool live,
              uint32_t speed_kbps)
{
    uint32_t si = sw_find(t, dpid);
    if (si == NIL || port == TOPO_PORT_NONE) {
        return;
    }
    uint32_t pi = port_find(t, dpid, port);
    if (pi == NIL) {
        pi = pool_alloc(&t->ports, offsetof(struct port, next_free));
        struct port *p = port_at(t, pi);
        struct sw *s = sw_at(t, si);
        uint32_t wi = keymap_find(&t->weight_map, dpid, port);
        p->used = true;
        p->dpid = dpid;
        p->port_no = port;
        p->sw = si;
        p->live = live;
        p->speed_kbps = speed_kbps;
        p->cfg_weight = wi == NIL ? 0
                        : POOL_AT(&t->weights, struct weight, wi)->weight;
        p->link_out = p->links_in = NIL;
        p->sw_prev = NIL;
        p->sw_next = s->ports;
        if (s->ports != NIL) {
            port_at(t, s->ports)->sw_prev = pi;
        }
        s->ports = pi;
        keymap_insert(&t->port_map, dpid, port, pi);
        if (live) {
            changed(t);         /* A new edge port. */
        }
        return;
    }

    struct port *p = port_at(t, pi);
    bool bump = false;
    if (p->speed_kbps != speed_kbps) {
        uint32_t before = port_weight(p);
        p->speed_kbps = speed_kbps;
        bump = p->link_out != NIL && port_weight(p) != before;
    }
    if (p->live != live) {
        p->live = live;
        if (!live) {
            port_drop_links(t, pi);
        }
        bump = true;
    }
    if (bump) {
        changed(t);
    }
}

void
topo_port_remove(struct topo *t, uint64_t dpid, uint32_t port)
{
    uint32_t pi = port_find(t, dpid, port);
    if (pi != NIL && port_remove(t, pi)) {
        changed(t);
    }
}

size_t
topo_ports(const struct topo *t, uint64_t dpid, uint32_t **ports)
{
    uint32_t si = sw_find(t, dpid);
    size_t n = 0, cap = 0;
    *ports = NULL;
    if (si == NIL) {
        return 0;
    }
    for (uint32_t pi = sw_at(t, si)->ports; pi != NIL;
         pi = port_at(t, pi)->sw_next) {
        if (port_at(t, pi)->live) {
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                *ports = xrealloc(*ports, cap * sizeof **ports);
            }
            (*ports)[n++] = port_at(t, pi)->port_no;
        }
    }
    if (n) {
        qsort(*ports, n, sizeof **ports, u32_cmp);
    }
    return n;
}

static bool
port_is_edge(const struct port *p)
{
    return p->live && p->link_out == NIL && p->links_in == NIL;
}

bool
topo_port_is_edge(const struct topo *t, uint64_t dpid, uint32_t port)
{
    uint32_t pi = port_find(t, dpid, port);
    return pi != NIL && port_is_edge(port_at(t, pi));
}

/* ---- The snapshot. ------------------------------------------------------ */

static void
trees_clear(struct graph *g)
{
    for (uint32_t i = 0; i < g->n_trees; i++) {
        free(g->trees[i].parent);
    }
    free(g->trees);
    g->trees = NULL;
    g->n_trees = g->max_trees = 0;
    g->lru_head = g->lru_tail = NIL;
}

static void
graph_clear(struct graph *g)
{
    trees_clear(g);
    free(g->node_dpid);
    free(g->sw_node);
    free(g->first);
    free(g->edges);
    free(g->dist);
    free(g->pos);
    free(g->heap);
    free(g->touched);
    free(g->tree_of);
    memset(g, 0, sizeof *g);
    g->lru_head = g->lru_tail = NIL;
}

struct dpid_sw {
    uint64_t dpid;
    uint32_t sw;
};

static int
dpid_sw_cmp(const void *a_, const void *b_)
{
    const struct dpid_sw *a = a_, *b = b_;
    return a->dpid < b->dpid ? -1 : a->dpid > b->dpid;
}

/* Rebuilds the snapshot if the topology changed since it was built. */
static void
graph_refresh(struct topo *t)
{
    struct graph *g = &t->g;
    if (g->version == t->version) {
        return;
    }
    graph_clear(g);
    g->version = t->version;

    uint32_t n = t->switches.count;
    struct dpid_sw *order = xmalloc((n ? n : 1) * sizeof *order);
    uint32_t k = 0;
    for (uint32_t i = 0; i < t->switches.capacity; i++) {
        if (sw_at(t, i)->used) {
            order[k++] = (struct dpid_sw) { sw_at(t, i)->dpid, i };
        }
    }
    qsort(order, n, sizeof *order, dpid_sw_cmp);
    g->n_nodes = n;
    g->node_dpid = xmalloc((n ? n : 1) * sizeof *g->node_dpid);
    g->sw_node = xmalloc((t->switches.capacity ? t->switches.capacity : 1)
                         * sizeof *g->sw_node);
    for (uint32_t i = 0; i < n; i++) {
        g->node_dpid[i] = order[i].dpid;
        g->sw_node[order[i].sw] = i;
    }
    free(order);

    /* Usable links, grouped by source node (a counting sort). */
    g->first = xzalloc((n + 1) * sizeof *g->first);
    uint32_t m = 0;
    for (uint32_t li = t->age_head; li != NIL; li = link_at(t, li)->age_next) {
        if (link_usable(t, li)) {
            g->first[g->sw_node[port_at(t, link_at(t, li)->src)->sw] + 1]++;
            m++;
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        g->first[i + 1] += g->first[i];
    }
    g->n_edges = m;
    g->edges = xmalloc((m ? m : 1) * sizeof *g->edges);
    uint32_t *fill = xmalloc((n ? n : 1) * sizeof *fill);
    memcpy(fill, g->first, n * sizeof *fill);
    for (uint32_t li = t->age_head; li != NIL; li = link_at(t, li)->age_next) {
        if (link_usable(t, li)) {
            const struct link *l = link_at(t, li);
            const struct port *sp = port_at(t, l->src);
            const struct port *dp = port_at(t, l->dst);
            uint32_t u = g->sw_node[sp->sw];
            g->edges[fill[u]++] = (struct edge) {
                .src = u,
                .dst = g->sw_node[dp->sw],
                .src_port = sp->port_no,
                .dst_port = dp->port_no,
                .weight = port_weight(sp),
                .link = li,
            };
        }
    }
    free(fill);

    size_t nn = n ? n : 1;
    g->dist = xmalloc(nn * sizeof *g->dist);
    g->pos = xmalloc(nn * sizeof *g->pos);
    g->heap = xmalloc(nn * sizeof *g->heap);
    g->touched = xmalloc(nn * sizeof *g->touched);
    g->tree_of = xmalloc(nn * sizeof *g->tree_of);
    for (uint32_t i = 0; i < n; i++) {
        g->dist[i] = UINT64_MAX;
        g->pos[i] = NIL;
        g->tree_of[i] = NIL;
    }
    size_t per_tree = nn * sizeof(uint32_t);
    size_t max_trees = TREE_CACHE_BYTES / per_tree;
    g->max_trees = max_trees < 1 ? 1 : max_trees > nn ? nn : max_trees;
}

/* The node of 'dpid' in the snapshot, or NIL. */
static uint32_t
graph_node(const struct topo *t, uint64_t dpid)
{
    uint32_t si = sw_find(t, dpid);
    return si == NIL ? NIL : t->g.sw_node[si];
}

/* ---- Dijkstra. ---------------------------------------------------------- */

/* The heap holds (distance, node) pairs, keys inline so that sifting
 * reads only the heap; 'pos' maps a node to its place for decrease-key. */
static bool
hent_less(const struct hent *a, const struct hent *b)
{
    return a->dist < b->dist || (a->dist == b->dist && a->node < b->node);
}

static void
heap_up(struct graph *g, uint32_t i, struct hent x)
{
    while (i > 0) {
        uint32_t up = (i - 1) / 2;
        if (!hent_less(&x, &g->heap[up])) {
            break;
        }
        g->heap[i] = g->heap[up];
        g->pos[g->heap[i].node] = i;
        i = up;
    }
    g->heap[i] = x;
    g->pos[x.node] = i;
}

static void
heap_down(struct graph *g, uint32_t i, uint32_t n, struct hent x)
{
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= n) {
            break;
        }
        if (c + 1 < n && hent_less(&g->heap[c + 1], &g->heap[c])) {
            c++;
        }
        if (!hent_less(&g->heap[c], &x)) {
            break;
        }
        g->heap[i] = g->heap[c];
        g->pos[g->heap[i].node] = i;
        i = c;
    }
    g->heap[i] = x;
    g->pos[x.node] = i;
}

/* True if edge 'a' is the preferred of two equal-cost ways into a node:
 * the lower (dpid, port) of the previous hop. */
static bool
edge_preferred(const struct graph *g, uint32_t a, uint32_t b)
{
    const struct edge *ea = &g->edges[a], *eb = &g->edges[b];
    return ea->src < eb->src
           || (ea->src == eb->src && ea->src_port < eb->src_port);
}

/* Computes the shortest-path tree from node 'src' into 'parent' (whose
 * entries for the nodes reached are written; the others are untouched).
 * Returns how many nodes were reached (src included); they are listed in
 * g->touched. */
static uint32_t
dijkstra(struct graph *g, uint32_t src, uint32_t *parent)
{
    uint32_t n_heap = 0, n_touched = 0;
    g->dist[src] = 0;
    parent[src] = NIL;
    g->touched[n_touched++] = src;
    g->heap[n_heap++] = (struct hent) { 0, src };
    g->pos[src] = 0;
    while (n_heap) {
        uint32_t u = g->heap[0].node;
        uint64_t du = g->heap[0].dist;
        g->pos[u] = DONE;
        if (--n_heap) {
            heap_down(g, 0, n_heap, g->heap[n_heap]);
        }
        for (uint32_t e = g->first[u]; e < g->first[u + 1]; e++) {
            uint32_t v = g->edges[e].dst;
            uint32_t pv = g->pos[v];
            if (pv == DONE) {
                continue;
            }
            uint64_t d = du + g->edges[e].weight;
            if (pv == NIL) {
                g->dist[v] = d;
                parent[v] = e;
                g->touched[n_touched++] = v;
                heap_up(g, n_heap++, (struct hent) { d, v });
            } else if (d < g->dist[v]) {
                g->dist[v] = d;
                parent[v] = e;
                heap_up(g, pv, (struct hent) { d, v });
            } else if (d == g->dist[v] && edge_preferred(g, e, parent[v])) {
                parent[v] = e;
            }
        }
    }
    for (uint32_t i = 0; i < n_touched; i++) {
        g->dist[g->touched[i]] = UINT64_MAX;
        g->pos[g->touched[i]] = NIL;
    }
    return n_touched;
}

static void
lru_unlink(struct graph *g, uint32_t i)
{
    struct tree *tr = &g->trees[i];
    if (tr->prev != NIL) {
        g->trees[tr->prev].next = tr->next;
    } else {
        g->lru_head = tr->next;
    }
    if (tr->next != NIL) {
        g->trees[tr->next].prev = tr->prev;
    } else {
        g->lru_tail = tr->prev;
    }
}

static void
lru_push_head(struct graph *g, uint32_t i)
{
    struct tree *tr = &g->trees[i];
    tr->prev = NIL;
    tr->next = g->lru_head;
    if (g->lru_head != NIL) {
        g->trees[g->lru_head].prev = i;
    } else {
        g->lru_tail = i;
    }
    g->lru_head = i;
}

/* The parent array of the shortest-path tree from node 'src', computed now
 * unless cached. */
static const uint32_t *
tree_get(struct graph *g, uint32_t src)
{
    uint32_t i = g->tree_of[src];
    if (i != NIL) {
        if (g->lru_head != i) {
            lru_unlink(g, i);
            lru_push_head(g, i);
        }
        return g->trees[i].parent;
    }
    if (g->n_trees < g->max_trees) {
        if (!g->trees) {
            g->trees = xmalloc(g->max_trees * sizeof *g->trees);
        }
        i = g->n_trees++;
        g->trees[i].parent = xmalloc(g->n_nodes * sizeof(uint32_t));
    } else {
        i = g->lru_tail;
        lru_unlink(g, i);
        g->tree_of[g->trees[i].src] = NIL;
    }
    struct tree *tr = &g->trees[i];
    tr->src = src;
    memset(tr->parent, 0xff, g->n_nodes * sizeof *tr->parent);
    dijkstra(g, src, tr->parent);
    g->tree_of[src] = i;
    lru_push_head(g, i);
    return tr->parent;
}

size_t
topo_path(struct topo *t, uint64_t src, uint64_t dst, struct topo_hop *hops,
          size_t max, uint64_t *cost)
{
    if (cost) {
        *cost = 0;
    }
    graph_refresh(t);
    struct graph *g = &t->g;
    uint32_t s = graph_node(t, src), d = graph_node(t, dst);
    if (s == NIL || d == NIL) {
        return 0;
    }
    const uint32_t *parent = s == d ? NULL : tree_get(g, s);
    size_t n = 1;
    uint64_t sum = 0;
    for (uint32_t v = d; v != s; v = g->edges[parent[v]].src) {
        if (parent[v] == NIL) {
            return 0;
        }
        sum += g->edges[parent[v]].weight;
        n++;
    }
    if (cost) {
        *cost = sum;
    }
    /* Walk back again, writing hop i (0 is src) when i < max. */
    uint32_t out_port = TOPO_PORT_NONE;
    size_t i = n - 1;
    for (uint32_t v = d;; i--) {
        uint32_t e = v == s ? NIL : parent[v];
        if (i < max) {
            hops[i].dpid = g->node_dpid[v];
            hops[i].in_port = e == NIL ? TOPO_PORT_NONE : g->edges[e].dst_port;
            hops[i].out_port = out_port;
        }
        if (e == NIL) {
            break;
        }
        out_port = g->edges[e].src_port;
        v = g->edges[e].src;
    }
    return n;
}

/* ---- Flood tree. -------------------------------------------------------- */

/* Marks the ports of the flood tree: per component, the shortest-path tree
 * from its lowest dpid.  Nodes are visited in dpid order, so the first node
 * of each component met is its lowest. */
static void
flood_refresh(struct topo *t)
{
    if (t->flood_version == t->version) {
        return;
    }
    graph_refresh(t);
    struct graph *g = &t->g;
    uint32_t n = g->n_nodes;
    uint32_t *parent = xmalloc((n ? n : 1) * sizeof *parent);
    bool *seen = xzalloc((n ? n : 1) * sizeof *seen);
    for (uint32_t root = 0; root < n; root++) {
        if (seen[root]) {
            continue;
        }
        uint32_t reached = dijkstra(g, root, parent);
        for (uint32_t i = 0; i < reached; i++) {
            uint32_t v = g->touched[i];
            seen[v] = true;
            if (v != root) {
                const struct link *l = link_at(t, g->edges[parent[v]].link);
                port_at(t, l->src)->flood_version = t->version;
                port_at(t, l->dst)->flood_version = t->version;
            }
        }
    }
    free(parent);
    free(seen);
    t->flood_version = t->version;
}

bool
topo_flood_port(struct topo *t, uint64_t dpid, uint32_t port)
{
    uint32_t pi = port_find(t, dpid, port);
    if (pi == NIL || !port_at(t, pi)->live) {
        return false;
    }
    if (port_is_edge(port_at(t, pi))) {
        return true;
    }
    flood_refresh(t);
    return port_at(t, pi)->flood_version == t->version;
}
