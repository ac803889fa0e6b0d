/* SipHash-2-4: see siphash.h. */
#include <config.h>

#include "ofproto/siphash.h"

#include <stdint.h>
#include <sys/random.h>
#include <time.h>

#define ROTL64(X, B) (((X) << (B)) | ((X) >> (64 - (B))))
#define SIPROUND                                                              \
    do {                                                                      \
        v0 += v1; v1 = ROTL64(v1, 13); v1 ^= v0; v0 = ROTL64(v0, 32);         \
        v2 += v3; v3 = ROTL64(v3, 16); v3 ^= v2;                              \
        v0 += v3; v3 = ROTL64(v3, 21); v3 ^= v0;                              \
        v2 += v1; v1 = ROTL64(v1, 17); v1 ^= v2; v2 = ROTL64(v2, 32);         \
    } while (0)

uint64_t
siphash_u64(const uint64_t key[2], uint64_t m)
{
    uint64_t v0 = 0x736f6d6570736575ull ^ key[0];
    uint64_t v1 = 0x646f72616e646f6dull ^ key[1];
    uint64_t v2 = 0x6c7967656e657261ull ^ key[0];
    uint64_t v3 = 0x7465646279746573ull ^ key[1];
    uint64_t b = (uint64_t) 8 << 56;
    v3 ^= m;
    SIPROUND;
    SIPROUND;
    v0 ^= m;
    v3 ^= b;
    SIPROUND;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

void
siphash_key_init(uint64_t key[2])
{
    if (getrandom(key, 2 * sizeof *key, 0) != 2 * sizeof *key) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        key[0] = (uint64_t) ts.tv_nsec * 0x9e3779b97f4a7c15ull;
        key[1] = (uint64_t) ts.tv_sec ^ (uintptr_t) key;
    }
}
