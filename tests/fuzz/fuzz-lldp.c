/* libFuzzer target for topology/lldp: checks arbitrary bytes as an LLDP
 * probe with a fixed key and clock, and aborts when an invariant that holds
 * for any input is violated:
 *
 *  - the result is one of enum lldp_result, and is LLDP_MALFORMED exactly
 *    when pkt_parse_lldp() refuses the frame;
 *  - a frame that checks as ours is fresh, and rebuilding the probe from
 *    what it says (datapath, port, send time) gives the same chassis id,
 *    port id and authentication TLV, byte for byte;
 *  - under another key, nothing is ours.
 *
 * Seed corpus: tests/fuzz/corpus-lldp/ (probes made with this key at times
 * around FUZZ_NOW, and other systems' LLDP). */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/packet.h"
#include "topology/lldp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(COND)        \
    do {                   \
        if (!(COND)) {     \
            abort();       \
        }                  \
    } while (0)

/* The seeds were made with this key and these times. */
#define FUZZ_NOW 1000000u
#define FUZZ_MAX_AGE 10000u
static const uint8_t fuzz_key[LLDP_KEY_LEN] = {
    'c', 'a', 'n', 'o', 'p', 'y', '-', 'f', 'u', 'z', 'z', '-', 'l', 'l',
    'd', 'p', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
};

static const struct pkt_lldp_org *
find_org(const struct pkt_lldp *l, const struct pkt_lldp_org *like)
{
    for (size_t i = 0; i < l->n_org; i++) {
        if (!memcmp(l->org[i].oui, like->oui, 3)
            && l->org[i].subtype == like->subtype) {
            return &l->org[i];
        }
    }
    return NULL;
}

static void
check_same_id(uint8_t subtype_a, const uint8_t *a, size_t a_len,
              uint8_t subtype_b, const uint8_t *b, size_t b_len)
{
    CHECK(subtype_a == subtype_b && a_len == b_len && !memcmp(a, b, a_len));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t dpid = 0;
    uint32_t port = 0;
    enum lldp_result r = lldp_probe_check(data, size, fuzz_key, FUZZ_NOW,
                                          FUZZ_MAX_AGE, &dpid, &port);
    CHECK(r == LLDP_OURS || r == LLDP_NOT_OURS || r == LLDP_FORGED
          || r == LLDP_STALE || r == LLDP_MALFORMED);
    CHECK(lldp_result_name(r) != NULL);

    struct pkt_lldp l;
    int error = pkt_parse_lldp(data, size, &l);
    CHECK((error != 0) == (r == LLDP_MALFORMED));

    uint8_t other_key[LLDP_KEY_LEN];
    memcpy(other_key, fuzz_key, sizeof other_key);
    other_key[0] ^= 0x80;
    uint64_t d2;
    uint32_t p2;
    CHECK(lldp_probe_check(data, size, other_key, FUZZ_NOW, UINT64_MAX,
                           &d2, &p2) != LLDP_OURS);

    if (r != LLDP_OURS) {
        return 0;
    }

    /* Rebuild the probe this frame claims to be and compare. */
    uint8_t src_mac[PKT_ETH_ALEN];
    memcpy(src_mac, data + PKT_ETH_ALEN, PKT_ETH_ALEN);
    uint8_t ref[LLDP_PROBE_MAX];
    size_t ref_len = lldp_probe_build(ref, fuzz_key, 0, 0, 0, src_mac);
    struct pkt_lldp rl;
    CHECK(ref_len && pkt_parse_lldp(ref, ref_len, &rl) == 0
          && rl.n_org == 1);
    const struct pkt_lldp_org *auth = find_org(&l, &rl.org[0]);
    CHECK(auth && auth->len >= 8);
    uint64_t sent_ms = 0;
    for (size_t i = 0; i < 8; i++) {
        sent_ms = (sent_ms << 8) | auth->data[i];
    }
    CHECK(sent_ms <= FUZZ_NOW && FUZZ_NOW - sent_ms <= FUZZ_MAX_AGE);

    uint8_t again[LLDP_PROBE_MAX];
    size_t again_len = lldp_probe_build(again, fuzz_key, dpid, port, sent_ms,
                                        src_mac);
    struct pkt_lldp al;
    CHECK(again_len && pkt_parse_lldp(again, again_len, &al) == 0);
    check_same_id(l.chassis_subtype, l.chassis_id, l.chassis_id_len,
                  al.chassis_subtype, al.chassis_id, al.chassis_id_len);
    check_same_id(l.port_subtype, l.port_id, l.port_id_len,
                  al.port_subtype, al.port_id, al.port_id_len);
    check_same_id(auth->subtype, auth->data, auth->len, al.org[0].subtype,
                  al.org[0].data, al.org[0].len);
    CHECK(!memcmp(auth->oui, al.org[0].oui, 3));
    /* The rebuilt probe checks the same. */
    uint64_t d3;
    uint32_t p3;
    CHECK(lldp_probe_check(again, again_len, fuzz_key, FUZZ_NOW,
                           FUZZ_MAX_AGE, &d3, &p3) == LLDP_OURS
          && d3 == dpid && p3 == port);
    return 0;
}
