/* LLDP probes that only this controller can make: see lldp.h.
 *
 * A probe, after the Ethernet header (to 01:80:c2:00:00:0e, 0x88cc):
 *
 *   chassis id  subtype 7 (local)  "dpid:" + 16 lowercase hex digits
 *   port id     subtype 7 (local)  the port number in decimal
 *   TTL         LLDP_PROBE_TTL seconds
 *   org TLV     OUI 02:43:4e, subtype 1: struct lldp_probe_auth
 *   End
 *
 * The MAC covers the datapath id, port number and send time as they are
 * read from the chassis id, port id and org TLVs, so a probe whose ids were
 * changed does not verify.  Ids are parsed strictly (one spelling each), so
 * a probe that verifies has exactly the TLVs lldp_probe_build() writes. */
#include <config.h>

#include "topology/lldp.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ofproto/ofp-buf.h"
#include "ofproto/packet.h"

#define LLDP_PROBE_TTL 120          /* Seconds, informational. */
#define LLDP_PROBE_SUBTYPE 1
#define LLDP_MAC_LEN 16             /* Truncated HMAC-SHA256. */

/* Locally administered OUI ("CN" with the local bit): ours to define. */
static const uint8_t lldp_probe_oui[3] = { 0x02, 0x43, 0x4e };

/* The org TLV's payload after OUI and subtype. */
struct lldp_probe_auth {
    ofp_be64 sent_ms;
    uint8_t mac[LLDP_MAC_LEN];
};
_Static_assert(sizeof(struct lldp_probe_auth) == 24, "lldp probe auth");

/* What the MAC covers. */
struct lldp_probe_signed {
    ofp_be64 dpid;
    ofp_be32 port;
    ofp_be64 sent_ms;
};
_Static_assert(sizeof(struct lldp_probe_signed) == 20, "lldp probe signed");

#define CHASSIS_PREFIX "dpid:"
#define CHASSIS_LEN (sizeof CHASSIS_PREFIX - 1 + 16)
#define PORT_MAX_DIGITS 10          /* 4294967295. */

static void
probe_mac(const uint8_t key[LLDP_KEY_LEN], uint64_t dpid, uint32_t port,
          uint64_t sent_ms, uint8_t mac[LLDP_MAC_LEN])
{
    struct lldp_probe_signed s;
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;

    be64_set(&s.dpid, dpid);
    be32_set(&s.port, port);
    be64_set(&s.sent_ms, sent_ms);
    if (!HMAC(EVP_sha256(), key, LLDP_KEY_LEN, (const uint8_t *) &s,
              sizeof s, md, &md_len) || md_len < LLDP_MAC_LEN) {
        /* Only without memory or a broken libcrypto: a probe that verifies
         * nowhere is the safe failure. */
        memset(md, 0, sizeof md);
    }
    memcpy(mac, md, LLDP_MAC_LEN);
    OPENSSL_cleanse(md, sizeof md);
}

size_t
lldp_probe_build(uint8_t *buf, const uint8_t key[LLDP_KEY_LEN],
                 uint64_t dpid, uint32_t port, uint64_t now_ms,
                 const uint8_t src_mac[6])
{
    char chassis[CHASSIS_LEN + 1];
    char port_id[PORT_MAX_DIGITS + 1];
    struct lldp_probe_auth auth;
    struct pkt_lldp l;
    struct ofpbuf b;

    snprintf(chassis, sizeof chassis, CHASSIS_PREFIX "%016llx",
             (unsigned long long) dpid);
    snprintf(port_id, sizeof port_id, "%lu", (unsigned long) port);
    be64_set(&auth.sent_ms, now_ms);
    probe_mac(key, dpid, port, now_ms, auth.mac);

    memset(&l, 0, sizeof l);
    l.chassis_subtype = PKT_LLDP_CHASSIS_LOCAL;
    l.chassis_id = (const uint8_t *) chassis;
    l.chassis_id_len = CHASSIS_LEN;
    l.port_subtype = PKT_LLDP_PORT_LOCAL;
    l.port_id = (const uint8_t *) port_id;
    l.port_id_len = strlen(port_id);
    l.ttl = LLDP_PROBE_TTL;
    memcpy(l.org[0].oui, lldp_probe_oui, 3);
    l.org[0].subtype = LLDP_PROBE_SUBTYPE;
    l.org[0].data = (const uint8_t *) &auth;
    l.org[0].len = sizeof auth;
    l.n_org = 1;

    ofpbuf_init(&b);
    int error = pkt_build_lldp(&b, src_mac, &l);
    /* Every length above is in range, and the frame is at most
     * 14 + 24 + 13 + 4 + 30 + 2 = 87 bytes. */
    size_t len = error || b.size > LLDP_PROBE_MAX ? 0 : b.size;
    if (len) {
        memcpy(buf, b.data, len);
    }
    ofpbuf_uninit(&b);
    return len;
}

static int
hex_digit(uint8_t c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : -1);
}

/* Parses a chassis id exactly as lldp_probe_build() writes it. */
static bool
parse_chassis(const struct pkt_lldp *l, uint64_t *dpid)
{
    size_t plen = sizeof CHASSIS_PREFIX - 1;
    if (l->chassis_subtype != PKT_LLDP_CHASSIS_LOCAL
        || l->chassis_id_len != CHASSIS_LEN
        || memcmp(l->chassis_id, CHASSIS_PREFIX, plen)) {
        return false;
    }
    uint64_t v = 0;
    for (size_t i = plen; i < CHASSIS_LEN; i++) {
        int d = hex_digit(l->chassis_id[i]);
        if (d < 0) {
            return false;
        }
        v = (v << 4) | (uint64_t) d;
    }
    *dpid = v;
    return true;
}

/* Parses a port id exactly as lldp_probe_build() writes it: decimal, no
 * sign, no leading zero, at most UINT32_MAX. */
static bool
parse_port(const struct pkt_lldp *l, uint32_t *port)
{
    size_t n = l->port_id_len;
    if (l->port_subtype != PKT_LLDP_PORT_LOCAL || n < 1
        || n > PORT_MAX_DIGITS || (n > 1 && l->port_id[0] == '0')) {
        return false;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = l->port_id[i];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (uint64_t) (c - '0');
    }
    if (v > UINT32_MAX) {
        return false;
    }
    *port = (uint32_t) v;
    return true;
}

enum lldp_result
lldp_probe_check(const uint8_t *frame, size_t len,
                 const uint8_t key[LLDP_KEY_LEN], uint64_t now_ms,
                 uint64_t max_age_ms, uint64_t *dpid, uint32_t *port)
{
    struct pkt_lldp l;
    if (pkt_parse_lldp(frame, len, &l)) {
        return LLDP_MALFORMED;
    }

    /* Ours carries exactly one TLV with our OUI and subtype. */
    const struct pkt_lldp_org *ours = NULL;
    size_t n_ours = 0;
    for (size_t i = 0; i < l.n_org; i++) {
        const struct pkt_lldp_org *o = &l.org[i];
        if (!memcmp(o->oui, lldp_probe_oui, 3)
            && o->subtype == LLDP_PROBE_SUBTYPE) {
            ours = ours ? ours : o;
            n_ours++;
        }
    }
    if (!ours) {
        return LLDP_NOT_OURS;
    }

    uint64_t probe_dpid;
    uint32_t probe_port;
    if (n_ours != 1 || ours->len != sizeof(struct lldp_probe_auth)
        || !parse_chassis(&l, &probe_dpid) || !parse_port(&l, &probe_port)) {
        return LLDP_FORGED;
    }
    struct lldp_probe_auth auth;
    memcpy(&auth, ours->data, sizeof auth);
    uint64_t sent_ms = be64_get(&auth.sent_ms);

    uint8_t mac[LLDP_MAC_LEN];
    probe_mac(key, probe_dpid, probe_port, sent_ms, mac);
    if (CRYPTO_memcmp(mac, auth.mac, LLDP_MAC_LEN)) {
        return LLDP_FORGED;
    }
    if (sent_ms > now_ms || now_ms - sent_ms > max_age_ms) {
        return LLDP_STALE;
    }
    *dpid = probe_dpid;
    *port = probe_port;
    return LLDP_OURS;
}

const char *
lldp_result_name(enum lldp_result r)
{
    switch (r) {
    case LLDP_OURS: return "ours";
    case LLDP_NOT_OURS: return "not ours";
    case LLDP_FORGED: return "forged";
    case LLDP_STALE: return "stale";
    case LLDP_MALFORMED: return "malformed";
    }
    return "unknown";
}
