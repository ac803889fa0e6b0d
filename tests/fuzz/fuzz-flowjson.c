/* libFuzzer target for flowjson: flow bodies of the admin API.
 *
 * The input is a request body, whole.  It is parsed as it would be for a
 * switch of no particular version, of OpenFlow 1.0 and of OpenFlow 1.3.
 * Oracle: a body that fails must say why (an error in the ycfg); a body
 * that parses must write back, both as a body (flowjson_node()) and as the
 * flow-stats entry a switch would report for it (flowjson_stats_node(),
 * with the "owner" and "name" the admin API adds), to JSON that parses, for
 * the same version, to an equal flow.  Crashes, out-of-bounds reads (ASan),
 * undefined behavior (UBSan) and leaks are bugs too. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canopy/ycfg.h"
#include "controller/flowjson.h"
#include "canopy/json.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parses 'json' (written from 'f') for 'version' and aborts unless it gives
 * a flow equal to 'f'. */
static void
check_reparse(const char *what, const char *json, uint8_t version,
              const struct flowjson *f)
{
    struct ycfg *y = ycfg_load_json("body", json, strlen(json));
    struct flowjson *g = xmalloc(sizeof *g);
    if (!flowjson_parse(y, ycfg_root(y), version, g)) {
        fprintf(stderr, "%s written for version %d does not parse: %s\n%s",
                what, version, ycfg_error(y), json);
        abort();
    }
    if (!flowjson_equal(f, g)) {
        fprintf(stderr, "%s written for version %d parses to another "
                "flow:\n%s", what, version, json);
        abort();
    }
    flowjson_uninit(g);
    free(g);
    ycfg_destroy(y);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t versions[] = { 0, OFP10_VERSION, OFP13_VERSION };

    for (size_t i = 0; i < sizeof versions; i++) {
        /* As the admin API reads a body. */
        struct ycfg *y = ycfg_load_json("body", (const char *) data, size);
        /* On the heap, so that ASan sees any overrun of the action
         * arrays. */
        struct flowjson *f = xmalloc(sizeof *f);
        if (!flowjson_parse(y, ycfg_root(y), versions[i], f)) {
            if (!ycfg_error(y)) {
                fprintf(stderr, "refused without an error\n");
                abort();
            }
            if (f->name) {
                fprintf(stderr, "a refused flow keeps a name\n");
                abort();
            }
        } else {
            /* As a body. */
            struct json_writer w;
            json_init(&w);
            char *json = json_finish(&w, flowjson_node(&w, f));
            check_reparse("body", json, versions[i], f);
            free(json);

            /* As a switch would report it. */
            struct ofp_flow_stats e;
            memset(&e, 0, sizeof e);
            e.table_id = f->fm.table_id;
            e.priority = f->fm.priority;
            e.idle_timeout = f->fm.idle_timeout;
            e.hard_timeout = f->fm.hard_timeout;
            e.cookie = UINT64_MAX - size;
            e.packet_count = size;
            e.byte_count = UINT64_MAX;
            e.duration_sec = UINT32_MAX;
            e.match = f->fm.match;
            e.instructions = f->fm.instructions;
            json_init(&w);
            struct fy_node *map = flowjson_stats_node(&w, &e);
            json_put_str(&w, map, "owner", "static");
            if (f->name) {
                json_put_str(&w, map, "name", f->name);
            }
            json = json_finish(&w, map);
            check_reparse("stats entry", json, versions[i], f);
            free(json);
        }
        flowjson_uninit(f);
        free(f);
        ycfg_destroy(y);
    }
    return 0;
}
