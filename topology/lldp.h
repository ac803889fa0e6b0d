/* LLDP probes that only this controller can make.
 *
 * A probe is an LLDP frame (to 01:80:c2:00:00:0e, ethertype 0x88cc) whose
 * chassis id names the datapath ("dpid:%016llx", locally assigned) and port
 * id the port number (locally assigned, decimal), with a TTL, and an
 * organizationally specific TLV that carries the send time and an
 * HMAC-SHA256 (OpenSSL), keyed with a secret chosen at random when the
 * controller starts, over the datapath id, port number and send time.  A
 * frame without that TLV is someone else's LLDP; one whose HMAC does not
 * verify is forged; one older than the caller's limit (or from the future)
 * is stale, which bounds how long a captured probe can be replayed. */
#ifndef TOPOLOGY_LLDP_H
#define TOPOLOGY_LLDP_H 1

#include <stddef.h>
#include <stdint.h>

#define LLDP_KEY_LEN 32
#define LLDP_PROBE_MAX 128      /* Bytes a probe takes at most. */

/* Writes a probe for (dpid, port) sent at 'now_ms' (the controller's
 * monotonic clock) from source MAC 'src_mac' into 'buf' (at least
 * LLDP_PROBE_MAX bytes); returns its length. */
size_t lldp_probe_build(uint8_t *buf, const uint8_t key[LLDP_KEY_LEN],
                        uint64_t dpid, uint32_t port, uint64_t now_ms,
                        const uint8_t src_mac[6]);

enum lldp_result {
    LLDP_OURS,          /* A valid probe: '*dpid' and '*port' are set. */
    LLDP_NOT_OURS,      /* LLDP without our TLV (another system's). */
    LLDP_FORGED,        /* Our TLV, but the HMAC does not verify. */
    LLDP_STALE,         /* Verified, but sent over 'max_age_ms' ago or
                         * in the future. */
    LLDP_MALFORMED,     /* Not a well-formed LLDP frame. */
};
/* Checks an Ethernet frame received at 'now_ms'. */
enum lldp_result lldp_probe_check(const uint8_t *frame, size_t len,
                                  const uint8_t key[LLDP_KEY_LEN],
                                  uint64_t now_ms, uint64_t max_age_ms,
                                  uint64_t *dpid, uint32_t *port);
const char *lldp_result_name(enum lldp_result);

#endif /* topology/lldp.h */
