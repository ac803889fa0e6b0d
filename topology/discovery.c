/* LLDP discovery: see discovery.h.
 *
 * The schedule: every live port of every switch has a slot, a phase within
 * the interval.  A switch's n ports get slots n-th of an interval apart,
 * starting from a phase derived from its dpid, so probes to one switch (and
 * to different switches) are spread over the interval.  After a port is
 * probed at time t its next probe is at the first time of its slot at least
 * half an interval after t: one interval later in the steady state, and
 * never drifting when disco_run() is called late.  A port new to the
 * schedule is probed at its next slot time; disco_probe_soon() instead
 * spreads a switch's ports over the first eighth of an interval.
 *
 * The ports come from the topo (topo_switches(), topo_ports()), read again
 * when the topo's version changed and at least once an interval; they are
 * kept sorted by (dpid, port), so the new list is merged with the old one
 * and keeps its schedule.  A binary heap on the next probe time gives the
 * probes due without walking every port. */
#include <config.h>

#include "topology/discovery.h"

#include <stdlib.h>
#include <string.h>

#include "ofproto/ofp-buf.h"
#include "topology/topo.h"

struct disco_port {
    uint64_t dpid;
    uint32_t port;
    uint32_t heap_pos;          /* Index in 'heap'. */
    uint64_t slot;              /* Phase: 0 <= slot < interval. */
    uint64_t next_ms;           /* When it is next probed. */
};

struct disco {
    struct topo *topo;          /* Not owned. */
    struct disco_settings s;
    uint8_t key[LLDP_KEY_LEN];
    uint8_t src_mac[6];
    struct disco_stats stats;

    struct disco_port *ports;   /* Sorted by (dpid, port); owned. */
    size_t n_ports;
    uint32_t *heap;             /* Indices into 'ports', by next_ms. */

    bool synced;                /* 'ports' read from the topo at least once
                                 * under the current settings. */
    uint64_t synced_version;    /* topo_version() when last read. */
    uint64_t next_sync_ms;      /* Read again by then at the latest. */
    uint64_t last_run_ms;
};

/* ---- Time arithmetic. --------------------------------------------------- */

/* The first time at or after 't' that falls on 'slot'. */
static uint64_t
slot_at_or_after(const struct disco *d, uint64_t slot, uint64_t t)
{
    uint64_t iv = d->s.interval_ms;
    return t + (slot + iv - t % iv) % iv;
}

/* When a port on 'slot' probed at 't' is probed next: at least half an
 * interval later, and strictly later even for a 1 ms interval. */
static uint64_t
slot_next(const struct disco *d, uint64_t slot, uint64_t t)
{
    uint64_t iv = d->s.interval_ms;
    return slot_at_or_after(d, slot, t + (iv - iv / 2));
}

/* A phase for the ports of 'dpid' (splitmix64's finalizer): switches with
 * consecutive dpids do not all start at the same time. */
static uint64_t
dpid_phase(uint64_t dpid)
{
    uint64_t z = dpid + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* ---- Heap on next_ms. --------------------------------------------------- */

static bool
heap_before(const struct disco *d, uint32_t a, uint32_t b)
{
    const struct disco_port *pa = &d->ports[a], *pb = &d->ports[b];
    return pa->next_ms < pb->next_ms || (pa->next_ms == pb->next_ms && a < b);
}

static void
heap_set(struct disco *d, size_t pos, uint32_t i)
{
    d->heap[pos] = i;
    d->ports[i].heap_pos = (uint32_t) pos;
}

static void
heap_up(struct disco *d, size_t pos)
{
    uint32_t i = d->heap[pos];
    while (pos > 0) {
        size_t parent = (pos - 1) / 2;
        if (!heap_before(d, i, d->heap[parent])) {
            break;
        }
        heap_set(d, pos, d->heap[parent]);
        pos = parent;
    }
    heap_set(d, pos, i);
}

static void
heap_down(struct disco *d, size_t pos)
{
    uint32_t i = d->heap[pos];
    for (;;) {
        size_t child = 2 * pos + 1;
        if (child >= d->n_ports) {
            break;
        }
        if (child + 1 < d->n_ports
            && heap_before(d, d->heap[child + 1], d->heap[child])) {
            child++;
        }
        if (!heap_before(d, d->heap[child], i)) {
            break;
        }
        heap_set(d, pos, d->heap[child]);
        pos = child;
    }
    heap_set(d, pos, i);
}

static void
heap_build(struct disco *d)
{
    for (size_t i = 0; i < d->n_ports; i++) {
        heap_set(d, i, (uint32_t) i);
    }
    for (size_t pos = d->n_ports / 2; pos-- > 0;) {
        heap_down(d, pos);
    }
}

/* ---- Reading the ports from the topo. ---------------------------------- */

static int
port_cmp(uint64_t dpid_a, uint32_t port_a, uint64_t dpid_b, uint32_t port_b)
{
    if (dpid_a != dpid_b) {
        return dpid_a < dpid_b ? -1 : 1;
    }
    return port_a < port_b ? -1 : port_a > port_b;
}

/* Replaces 'd->ports' by the topo's live ports, keeping the schedule of the
 * ports already there; new ones are probed at their next slot time. */
static void
disco_sync(struct disco *d, uint64_t now_ms)
{
    uint64_t *dpids;
    size_t n_sw = topo_switches(d->topo, &dpids);
    struct disco_port *ports = NULL;
    size_t n = 0, allocated = 0, old = 0;
    uint64_t iv = d->s.interval_ms;

    for (size_t s = 0; s < n_sw; s++) {
        uint32_t *nums;
        size_t n_nums = topo_ports(d->topo, dpids[s], &nums);
        uint64_t phase = dpid_phase(dpids[s]) % iv;
        if (n + n_nums > allocated) {
            allocated = 2 * (n + n_nums);
            ports = xrealloc(ports, allocated * sizeof *ports);
        }
        for (size_t k = 0; k < n_nums; k++) {
            struct disco_port *p = &ports[n++];
            p->dpid = dpids[s];
            p->port = nums[k];
            p->slot = (phase + k * iv / n_nums) % iv;
            /* Both lists are sorted: skip the old ports that are gone. */
            while (old < d->n_ports
                   && port_cmp(d->ports[old].dpid, d->ports[old].port,
                               p->dpid, p->port) < 0) {
                old++;
            }
            if (old < d->n_ports && d->ports[old].dpid == p->dpid
                && d->ports[old].port == p->port && d->synced) {
                p->next_ms = d->ports[old].next_ms;
            } else {
                p->next_ms = slot_at_or_after(d, p->slot, now_ms);
            }
        }
        free(nums);
    }
    free(dpids);

    free(d->ports);
    free(d->heap);
    d->ports = ports;
    d->n_ports = n;
    d->heap = xmalloc((n ? n : 1) * sizeof *d->heap);
    heap_build(d);
    d->synced = true;
    d->synced_version = topo_version(d->topo);
    d->next_sync_ms = now_ms + iv;
}

/* ---- Life cycle. -------------------------------------------------------- */

static void
settings_clamp(struct disco_settings *s)
{
    if (s->interval_ms < 1) {
        s->interval_ms = 1;
    }
    /* At most 2^32 ms (49 days), so that slot arithmetic cannot
     * overflow. */
    if (s->interval_ms > UINT64_C(1) << 32) {
        s->interval_ms = UINT64_C(1) << 32;
    }
    if (s->timeout_ms < 2 * s->interval_ms) {
        s->timeout_ms = 2 * s->interval_ms;
    }
}

struct disco *
disco_create(struct topo *topo, const struct disco_settings *s,
             const uint8_t key[LLDP_KEY_LEN], const uint8_t src_mac[6])
{
    struct disco *d = xzalloc(sizeof *d);
    d->topo = topo;
    d->s = *s;
    settings_clamp(&d->s);
    memcpy(d->key, key, LLDP_KEY_LEN);
    memcpy(d->src_mac, src_mac, 6);
    d->heap = xmalloc(sizeof *d->heap);
    return d;
}

void
disco_destroy(struct disco *d)
{
    if (d) {
        /* The key is what makes probes unforgeable: do not leave it in
         * freed memory. */
        volatile uint8_t *k = d->key;
        for (size_t i = 0; i < LLDP_KEY_LEN; i++) {
            k[i] = 0;
        }
        free(d->ports);
        free(d->heap);
        free(d);
    }
}

void
disco_set_settings(struct disco *d, const struct disco_settings *s)
{
    struct disco_settings new = *s;
    settings_clamp(&new);
    if (new.interval_ms != d->s.interval_ms) {
        /* New slots: every port starts again from its next slot time. */
        d->synced = false;
    }
    d->s = new;
}

/* ---- Probing. ----------------------------------------------------------- */

void
disco_run(struct disco *d, uint64_t now_ms, disco_send_cb *send, void *aux)
{
    if (!d->synced || d->synced_version != topo_version(d->topo)
        || now_ms >= d->next_sync_ms) {
        disco_sync(d, now_ms);
    }
    /* 'send' hands the frame to a connection; it must not call back into
     * 'd' (which would invalidate 'p'). */
    while (d->n_ports && d->ports[d->heap[0]].next_ms <= now_ms) {
        struct disco_port *p = &d->ports[d->heap[0]];
        uint8_t frame[LLDP_PROBE_MAX];
        size_t len = lldp_probe_build(frame, d->key, p->dpid, p->port,
                                      now_ms, d->src_mac);
        if (len) {
            send(aux, p->dpid, p->port, frame, len);
            d->stats.probes_sent++;
        }
        p->next_ms = slot_next(d, p->slot, now_ms);
        heap_down(d, 0);
    }
    d->stats.links_expired += topo_links_expire(d->topo, now_ms,
                                                d->s.timeout_ms);
    d->last_run_ms = now_ms;
}

uint64_t
disco_next_wake(const struct disco *d)
{
    if (!d->synced) {
        return d->last_run_ms;
    }
    /* At least once an interval: links expire, and ports are read again. */
    uint64_t wake = d->next_sync_ms;
    if (d->n_ports && d->ports[d->heap[0]].next_ms < wake) {
        wake = d->ports[d->heap[0]].next_ms;
    }
    return wake;
}

void
disco_probe_soon(struct disco *d, uint64_t dpid, uint64_t now_ms)
{
    disco_sync(d, now_ms);
    size_t first = 0;
    while (first < d->n_ports && d->ports[first].dpid < dpid) {
        first++;
    }
    size_t end = first;
    while (end < d->n_ports && d->ports[end].dpid == dpid) {
        end++;
    }
    uint64_t window = d->s.interval_ms / 8;
    for (size_t i = first; i < end; i++) {
        struct disco_port *p = &d->ports[i];
        uint64_t due = now_ms + (i - first) * window / (end - first);
        if (due < p->next_ms) {
            p->next_ms = due;
            heap_up(d, p->heap_pos);
        }
    }
}

/* ---- Probes coming back. ------------------------------------------------ */

enum lldp_result
disco_packet_in(struct disco *d, uint64_t dpid, uint32_t in_port,
                const uint8_t *frame, size_t len, uint64_t now_ms)
{
    uint64_t src_dpid;
    uint32_t src_port;
    /* A probe older than the link timeout could only refresh a link that
     * has already gone: refused, which bounds replays. */
    enum lldp_result r = lldp_probe_check(frame, len, d->key, now_ms,
                                          d->s.timeout_ms, &src_dpid,
                                          &src_port);
    switch (r) {
    case LLDP_OURS:
        d->stats.probes_received++;
        topo_link_seen(d->topo, src_dpid, src_port, dpid, in_port, now_ms);
        break;
    case LLDP_NOT_OURS:
        d->stats.foreign++;
        break;
    case LLDP_FORGED:
        d->stats.forged++;
        break;
    case LLDP_STALE:
        d->stats.stale++;
        break;
    case LLDP_MALFORMED:
        d->stats.malformed++;
        break;
    }
    return r;
}

const struct disco_stats *
disco_stats(const struct disco *d)
{
    return &d->stats;
}
