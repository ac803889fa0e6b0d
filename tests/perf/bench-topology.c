/* Benchmark: shortest paths and memory of the topology graph.
 *
 * Builds generated topologies (3-tier fat-trees and random connected
 * graphs) in a struct topo and measures, for each:
 *   - one single-source Dijkstra: the first topo_path() from a source whose
 *     tree is not cached (the median over all sources, and the 10th and
 *     90th percentiles);
 *   - the full path table: topo_path() for every (source, destination)
 *     pair, source by source, which runs Dijkstra once per source and
 *     walks n^2 paths;
 *   - memory, from mallinfo2() (bytes in use, mmap'ed blocks included):
 *     the graph (switches, ports, links, hash maps), the snapshot paths
 *     run on (sorted nodes, edges, Dijkstra scratch), and the cached
 *     shortest-path trees once every source has been asked.
 *
 * Usage: bench-topology [CASE...]   (default: all; names as printed)
 * Output: a Markdown table, one row per topology. */
#include <config.h>

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "topology/topo.h"

static double
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static size_t
heap_bytes(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

static uint64_t
rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545f4914f6cdd1dull;
}

/* ---- Topologies, as lists of cables. ------------------------------------ */

struct cable {
    uint32_t a, pa, b, pb;      /* Switch indices and port numbers. */
    uint32_t wa, wb;            /* Configured weights (0: from speed). */
};

struct net {
    uint32_t n;                 /* Switches. */
    uint64_t *dpid;
    uint32_t *n_ports;          /* Ports per switch (1..n_ports). */
    struct cable *cables;
    size_t n_cables, cap;
};

static void
net_init(struct net *net, uint32_t n)
{
    memset(net, 0, sizeof *net);
    net->n = n;
    net->dpid = calloc(n, sizeof *net->dpid);
    net->n_ports = calloc(n, sizeof *net->n_ports);
}

static void
net_cable(struct net *net, uint32_t a, uint32_t pa, uint32_t b, uint32_t pb,
          uint32_t wa, uint32_t wb)
{
    if (net->n_cables == net->cap) {
        net->cap = net->cap ? 2 * net->cap : 1024;
        net->cables = realloc(net->cables, net->cap * sizeof *net->cables);
    }
    net->cables[net->n_cables++] = (struct cable) { a, pa, b, pb, wa, wb };
}

static void
net_free(struct net *net)
{
    free(net->dpid);
    free(net->n_ports);
    free(net->cables);
}

/* The standard 3-tier fat-tree of k-port switches: (k/2)^2 cores, and k
 * pods of k/2 aggregation and k/2 edge switches; edge switches keep k/2
 * ports for hosts.  All ports 10 Gb/s, so equal-cost paths abound. */
static void
make_fat_tree(struct net *net, uint32_t k)
{
    uint32_t h = k / 2, n_core = h * h;
    net_init(net, n_core + k * k);
    for (uint32_t i = 0; i < net->n; i++) {
        net->dpid[i] = 0x100000000ull + i;
        net->n_ports[i] = k;
    }
    for (uint32_t pod = 0; pod < k; pod++) {
        uint32_t agg0 = n_core + pod * k, edge0 = agg0 + h;
        for (uint32_t a = 0; a < h; a++) {
            for (uint32_t e = 0; e < h; e++) {
                /* Edge uplink h+1+a to aggregation downlink 1+e. */
                net_cable(net, edge0 + e, h + 1 + a, agg0 + a, 1 + e, 0, 0);
            }
            for (uint32_t c = 0; c < h; c++) {
                /* Aggregation a reaches cores a*h .. a*h+h-1. */
                net_cable(net, agg0 + a, h + 1 + c, a * h + c, 1 + pod, 0,
                          0);
            }
        }
    }
}

/* A random connected graph: a random spanning tree plus as many random
 * extra cables (average degree about 4), weights 1..100 per direction,
 * random dpids. */
static void
make_random(struct net *net, uint32_t n, uint64_t seed)
{
    net_init(net, n);
    for (uint32_t i = 0; i < n; i++) {
        net->dpid[i] = rnd(&seed);
    }
    for (uint32_t i = 0; i < 2 * n; i++) {
        uint32_t a, b;
        if (i < n) {
            if (i == 0) {
                continue;
            }
            a = i;
            b = (uint32_t) (rnd(&seed) % i);
        } else {
            a = (uint32_t) (rnd(&seed) % n);
            do {
                b = (uint32_t) (rnd(&seed) % n);
            } while (b == a);
        }
        net_cable(net, a, ++net->n_ports[a], b, ++net->n_ports[b],
                  1 + (uint32_t) (rnd(&seed) % 100),
                  1 + (uint32_t) (rnd(&seed) % 100));
    }
}

static struct topo *
build(const struct net *net)
{
    struct topo *t = topo_create();
    for (uint32_t i = 0; i < net->n; i++) {
        topo_switch_add(t, net->dpid[i]);
        for (uint32_t p = 1; p <= net->n_ports[i]; p++) {
            topo_port_set(t, net->dpid[i], p, true, 10000000);
        }
    }
    for (size_t i = 0; i < net->n_cables; i++) {
        const struct cable *c = &net->cables[i];
        uint64_t a = net->dpid[c->a], b = net->dpid[c->b];
        if (c->wa) {
            topo_set_weight(t, a, c->pa, c->wa);
        }
        if (c->wb) {
            topo_set_weight(t, b, c->pb, c->wb);
        }
        if (topo_link_seen(t, a, c->pa, b, c->pb, 0) != 1
            || topo_link_seen(t, b, c->pb, a, c->pa, 0) != 1) {
            fprintf(stderr, "link refused\n");
            exit(1);
        }
    }
    return t;
}

/* ---- Measurement. ------------------------------------------------------- */

static int
dbl_cmp(const void *a_, const void *b_)
{
    double a = *(const double *) a_, b = *(const double *) b_;
    return a < b ? -1 : a > b;
}

static void
fmt_int(char *buf, size_t size, unsigned long long v)
{
    /* 1234567 -> "1,234,567". */
    char tmp[32];
    int len = snprintf(tmp, sizeof tmp, "%llu", v), o = 0;
    for (int i = 0; i < len && (size_t) o + 2 < size; i++) {
        if (i && (len - i) % 3 == 0) {
            buf[o++] = ',';
        }
        buf[o++] = tmp[i];
    }
    buf[o] = '\0';
}

/* Milliseconds with about three significant digits. */
static void
fmt_ms(char *buf, size_t size, double ns)
{
    double ms = ns / 1e6;
    if (ms < 10) {
        snprintf(buf, size, "%.2f", ms);
    } else if (ms < 1000) {
        snprintf(buf, size, "%.1f", ms);
    } else {
        fmt_int(buf, size, (unsigned long long) (ms + 0.5));
    }
}

static void
bench(const char *name, const struct net *net)
{
    uint64_t *dpids = NULL;
    double *first = malloc(net->n * sizeof *first);
    struct topo_hop hops[64];
    volatile uint64_t sink = 0;

    size_t m0 = heap_bytes();
    struct topo *t = build(net);
    size_t m1 = heap_bytes();
    /* A path to itself builds the snapshot but runs no Dijkstra. */
    topo_path(t, net->dpid[0], net->dpid[0], hops, 64, NULL);
    size_t m2 = heap_bytes();

    size_t n = topo_switches(t, &dpids);
    size_t m_ids = heap_bytes();
    double t_dijkstra = 0, t0 = now_ns();
    for (size_t s = 0; s < n; s++) {
        double a = now_ns();
        uint64_t cost;
        /* The first query from 's' runs Dijkstra (tree not cached). */
        size_t len = topo_path(t, dpids[s], dpids[(s + 1) % n], hops, 64,
                               &cost);
        double b = now_ns();
        first[s] = b - a;
        t_dijkstra += b - a;
        sink += len + cost;
        for (size_t d = 0; d < n; d++) {
            sink += topo_path(t, dpids[s], dpids[d], hops, 64, &cost);
        }
    }
    double t_table = now_ns() - t0;
    size_t m3 = heap_bytes();
    if (sink == 0) {
        abort();
    }

    struct topo_link *links;
    size_t n_links = topo_links(t, &links);
    free(links);
    qsort(first, n, sizeof *first, dbl_cmp);
    double median = first[n / 2], p10 = first[n / 10],
           p90 = first[n * 9 / 10];

    char c_sw[32], c_links[32], c_graph[32], c_snap[32], c_trees[32];
    char c_dijkstra[32], c_table[32];
    fmt_ms(c_dijkstra, sizeof c_dijkstra, t_dijkstra);
    fmt_ms(c_table, sizeof c_table, t_table);
    fmt_int(c_sw, sizeof c_sw, n);
    fmt_int(c_links, sizeof c_links, n_links);
    fmt_int(c_graph, sizeof c_graph, (m1 - m0 + 512) / 1024);
    fmt_int(c_snap, sizeof c_snap, (m2 - m1 + 512) / 1024);
    fmt_int(c_trees, sizeof c_trees, (m3 - m_ids + 512) / 1024);
    printf("| %s | %s | %s | %.1f (%.1f-%.1f) | %s | %s | %s | %s | %s |\n",
           name, c_sw, c_links, median / 1e3, p10 / 1e3, p90 / 1e3,
           c_dijkstra, c_table, c_graph, c_snap, c_trees);
    fflush(stdout);

    topo_destroy(t);
    free(dpids);
    free(first);
}

int
main(int argc, char *argv[])
{
    static const struct {
        const char *name;
        int kind;               /* 0: fat-tree k, 1: random n. */
        uint32_t size;
    } cases[] = {
        { "fat-tree k=8", 0, 8 },
        { "fat-tree k=16", 0, 16 },
        { "fat-tree k=32", 0, 32 },
        { "random 1,000", 1, 1000 },
        { "random 10,000", 1, 10000 },
    };

    /* Big mallocs through mmap or not, the count is the same; keep the
     * heap from being trimmed between measurements. */
    mallopt(M_TRIM_THRESHOLD, -1);
    printf("| topology | switches | links | Dijkstra, one source: median "
           "(p10-p90) µs | path table: n Dijkstra runs (ms) | "
           "path table: all n² paths (ms) | graph KiB | snapshot KiB | "
           "cached trees KiB |\n");
    printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool wanted = argc < 2;
        for (int a = 1; a < argc; a++) {
            wanted |= !strcmp(argv[a], cases[i].name);
        }
        if (!wanted) {
            continue;
        }
        struct net net;
        if (cases[i].kind == 0) {
            make_fat_tree(&net, cases[i].size);
        } else {
            make_random(&net, cases[i].size, 0x70b0 + cases[i].size);
        }
        bench(cases[i].name, &net);
        net_free(&net);
    }
    return 0;
}
