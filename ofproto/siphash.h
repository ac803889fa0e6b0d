/* SipHash-2-4 for hash tables keyed by what the network sends.
 *
 * A table indexed by addresses a host chooses (MACs, IP addresses) must not
 * let the host pick values that all land in one chain: with a secret key
 * per table, chosen at random, it cannot. */
#ifndef OFPROTO_SIPHASH_H
#define OFPROTO_SIPHASH_H 1

#include <stdint.h>

/* SipHash-2-4 of one 8-byte word under 'key'. */
uint64_t siphash_u64(const uint64_t key[2], uint64_t m);
/* Fills 'key' with random bytes (getrandom(); without an entropy source, a
 * weaker key from the clock and an address, which still defeats collisions
 * computed in advance). */
void siphash_key_init(uint64_t key[2]);

#endif /* ofproto/siphash.h */
