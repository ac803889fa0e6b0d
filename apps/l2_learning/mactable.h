/* A bounded MAC learning table: (VLAN, MAC) -> port, with aging.
 *
 * All entries live in one array allocated at creation, so the table never
 * allocates while learning.  When it is full, learning a new address evicts
 * the least recently seen one: a host flooding random source MACs can
 * churn the table but never grow it, and the hash is keyed with a secret
 * per table, so it cannot pick addresses that collide either.  Lookups, learning and eviction are
 * O(1) (hash chains plus an LRU list, both by array index). */
#ifndef APPS_L2_LEARNING_MACTABLE_H
#define APPS_L2_LEARNING_MACTABLE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mactable;

/* 'max_entries' >= 1; entries not seen for 'max_age_ms' are forgotten. */
struct mactable *mactable_create(size_t max_entries, uint64_t max_age_ms);
void mactable_destroy(struct mactable *);

enum mactable_learn {
    MACTABLE_SAME,    /* Known on this port: refreshed. */
    MACTABLE_NEW,     /* Not known before (or had aged out). */
    MACTABLE_MOVED,   /* Known on another port: '*old_port' says which. */
};

/* Records that 'mac' on 'vlan' was seen on 'port' at 'now_ms'. */
enum mactable_learn mactable_learn(struct mactable *, const uint8_t mac[6],
                                   uint16_t vlan, uint32_t port,
                                   uint64_t now_ms, uint32_t *old_port);
/* Finds the port of 'mac' on 'vlan'; false if unknown or aged out. */
bool mactable_lookup(struct mactable *, const uint8_t mac[6], uint16_t vlan,
                     uint64_t now_ms, uint32_t *port);
/* Forgets every entry on 'port'; returns how many. */
size_t mactable_flush_port(struct mactable *, uint32_t port);
size_t mactable_count(const struct mactable *);

/* One entry, as mactable_next() copies it out. */
struct mactable_entry {
    uint8_t mac[6];
    uint16_t vlan;
    uint32_t port;
    uint64_t seen_ms;
};
/* Iterates over the entries not aged out at 'now_ms', most recently seen
 * first: set '*cursor' to 0, then call until it returns false.  The table
 * must not change during the iteration. */
bool mactable_next(const struct mactable *, size_t *cursor, uint64_t now_ms,
                   struct mactable_entry *);
uint64_t mactable_evictions(const struct mactable *);

#endif /* apps/l2_learning/mactable.h */
