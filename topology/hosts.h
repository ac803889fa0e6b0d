/* Hosts: where each end station is, learned on edge ports only.
 *
 * MAC and VLAN -> (dpid, port, addresses seen, last seen), bounded (the
 * least recently seen host makes room when full) and aged.  A host seen on
 * another edge port has moved.  Pure data: the caller passes the time. */
#ifndef TOPOLOGY_HOSTS_H
#define TOPOLOGY_HOSTS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HOSTS_MAX_ADDRS 4   /* IPv4 and IPv6 addresses kept per host (the
                             * most recent). */

struct host {
    uint8_t mac[6];
    uint16_t vlan;              /* 0: untagged; else the VLAN id. */
    uint64_t dpid;
    uint32_t port;
    uint32_t ipv4[HOSTS_MAX_ADDRS];    /* Host order, most recent first. */
    size_t n_ipv4;
    uint8_t ipv6[HOSTS_MAX_ADDRS][16]; /* Most recent first. */
    size_t n_ipv6;
    uint64_t first_seen_ms;
    uint64_t last_seen_ms;
};

struct hosts;

struct hosts *hosts_create(size_t max_hosts, uint64_t max_age_ms);
void hosts_destroy(struct hosts *);

enum hosts_learn {
    HOSTS_SAME,     /* Known there: refreshed. */
    HOSTS_NEW,
    HOSTS_MOVED,    /* Was elsewhere: '*old' (if non-NULL) says where. */
};
/* Records 'mac' on 'vlan' seen at (dpid, port). */
enum hosts_learn hosts_learn(struct hosts *, const uint8_t mac[6],
                             uint16_t vlan, uint64_t dpid, uint32_t port,
                             uint64_t now_ms, struct host *old);
/* Records an address the host used (ARP sender, IPv4 source, ND, IPv6
 * source); no-op for an unknown host, 0.0.0.0, or the unspecified IPv6
 * address. */
void hosts_add_ipv4(struct hosts *, const uint8_t mac[6], uint16_t vlan,
                    uint32_t addr);
void hosts_add_ipv6(struct hosts *, const uint8_t mac[6], uint16_t vlan,
                    const uint8_t addr[16]);
/* The host, or NULL if unknown or aged out at 'now_ms'.  Valid until the
 * next change to the table. */
const struct host *hosts_find(struct hosts *, const uint8_t mac[6],
                              uint16_t vlan, uint64_t now_ms);
/* The host that last used IPv4 address 'addr', or NULL. */
const struct host *hosts_find_ipv4(struct hosts *, uint32_t addr,
                                   uint64_t now_ms);
/* Forgets the hosts on a port (it became a link, or went down) or on a
 * switch; returns how many. */
size_t hosts_forget_port(struct hosts *, uint64_t dpid, uint32_t port);
size_t hosts_forget_switch(struct hosts *, uint64_t dpid);
/* Iterates over live hosts at 'now_ms', most recently seen first: start
 * with '*cursor' 0; the table must not change meanwhile. */
const struct host *hosts_next(const struct hosts *, size_t *cursor,
                              uint64_t now_ms);
size_t hosts_count(const struct hosts *);

#endif /* topology/hosts.h */
