/* Micro-benchmark: the cost of decoding OpenFlow messages.
 *
 * For each case it decodes the same message many times through one
 * long-lived arena, as a switch session does, and reports nanoseconds per
 * decode and heap allocations per decode.  malloc, calloc and realloc are
 * wrapped at link time (-Wl,--wrap=...) so allocations are counted, not
 * guessed.
 *
 * Usage: bench-decode [ITERATIONS [CASE]]   (default 2000000, all cases)
 * Output: a Markdown table, one row per case (CASE 1..4 runs one). */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-msgs.h"
#include "ofproto/packet.h"

/* ---- Allocation counting. --------------------------------------------- */

static unsigned long long n_allocs;

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void *__wrap_malloc(size_t);
void *__wrap_calloc(size_t, size_t);
void *__wrap_realloc(void *, size_t);

void *
__wrap_malloc(size_t n)
{
    n_allocs++;
    return __real_malloc(n);
}

void *
__wrap_calloc(size_t n, size_t m)
{
    n_allocs++;
    return __real_calloc(n, m);
}

void *
__wrap_realloc(void *p, size_t n)
{
    n_allocs++;
    return __real_realloc(p, n);
}

/* ---- Cases. ------------------------------------------------------------ */

static double
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* A 64-byte TCP frame, as a learning switch sees on a miss. */
static void
make_frame(uint8_t frame[64])
{
    static const uint8_t hdr[] = {
        0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x08, 0x00,                                     /* Ethernet */
        0x45, 0x00, 0x00, 0x32, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x00,
        0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, /* IPv4 */
        0x04, 0xd2, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
        0x00, 0x50, 0x02, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, /* TCP SYN */
    };
    memset(frame, 0, 64);
    memcpy(frame, hdr, sizeof hdr);
}

static void
bench(const char *name, const struct ofpbuf *msg, long iterations)
{
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg m;
    volatile uint64_t sink = 0;

    /* Warm up: the arena reaches its working size here. */
    if (ofp_decode(msg->data, msg->size, &arena, &m)) {
        fprintf(stderr, "%s: does not decode\n", name);
        exit(1);
    }
    unsigned long long allocs0 = n_allocs;
    double t0 = now_ns();
    for (long i = 0; i < iterations; i++) {
        if (ofp_decode(msg->data, msg->size, &arena, &m)) {
            abort();
        }
        sink += m.xid;
    }
    double t1 = now_ns();
    unsigned long long allocs = n_allocs - allocs0;
    printf("| %s | %zu | %ld | %.1f | %.3f |\n", name, msg->size,
           iterations, (t1 - t0) / iterations,
           (double) allocs / iterations);
    (void) sink;
    ofp_arena_uninit(&arena);
}

static void
make_packet_in(uint8_t version, struct ofpbuf *out)
{
    uint8_t frame[64];
    struct ofp_msg m;
    make_frame(frame);
    ofp_msg_init(&m, OFPMSG_PACKET_IN, 0x1234);
    m.u.packet_in.buffer_id = OFP_NO_BUFFER;
    m.u.packet_in.total_len = sizeof frame;
    m.u.packet_in.reason = OFPR_NO_MATCH;
    m.u.packet_in.in_port = 3;
    ofp_match_init_catchall(&m.u.packet_in.match);
    if (version == OFP13_VERSION) {
        ofp_match_set_in_port(&m.u.packet_in.match, 3);
    }
    m.u.packet_in.data = frame;
    m.u.packet_in.data_len = sizeof frame;
    if (ofp_encode(&m, version, out)) {
        fprintf(stderr, "cannot encode packet-in\n");
        exit(1);
    }
}

static void
make_flow_mod(uint8_t version, struct ofpbuf *out)
{
    static const uint8_t mac[6] = { 0, 0, 0, 0, 0, 2 };
    struct ofp_action act = { .type = OFPACT_OUTPUT };
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_FLOW_MOD, 7);
    struct ofp_flow_mod *fm = &m.u.flow_mod;
    fm->command = OFPFC_ADD;
    fm->priority = 100;
    fm->idle_timeout = 60;
    fm->cookie = 0x1;
    ofp_match_set_in_port(&fm->match, 1);
    ofp_match_set_eth_dst(&fm->match, mac);
    act.u.output.port = 2;
    fm->instructions.present = OFPIB_APPLY_ACTIONS;
    fm->instructions.apply.actions = &act;
    fm->instructions.apply.n = 1;
    if (ofp_encode(&m, version, out)) {
        fprintf(stderr, "cannot encode flow-mod\n");
        exit(1);
    }
}

int
main(int argc, char *argv[])
{
    long iterations = argc > 1 ? atol(argv[1]) : 2000000;
    int only = argc > 2 ? atoi(argv[2]) : 0;
    struct ofpbuf b = OFPBUF_INITIALIZER;
    static const struct {
        const char *name;
        void (*make)(uint8_t, struct ofpbuf *);
        uint8_t version;
    } cases[] = {
        { "PACKET_IN OF1.3 (64-byte frame)", make_packet_in, OFP13_VERSION },
        { "PACKET_IN OF1.0 (64-byte frame)", make_packet_in, OFP10_VERSION },
        { "FLOW_MOD OF1.3 (2 fields, 1 action)", make_flow_mod,
          OFP13_VERSION },
        { "FLOW_MOD OF1.0 (2 fields, 1 action)", make_flow_mod,
          OFP10_VERSION },
    };

    printf("| message | bytes | decodes | ns/decode | allocations/decode |\n");
    printf("|---|---:|---:|---:|---:|\n");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (only && (size_t) only != i + 1) {
            continue;
        }
        ofpbuf_clear(&b);
        cases[i].make(cases[i].version, &b);
        bench(cases[i].name, &b, iterations);
    }
    ofpbuf_uninit(&b);
    return 0;
}
