/* Flows as JSON, both ways, for the admin HTTP API.
 *
 * In: a request body (JSON, read with ycfg so that every error says
 * "body:LINE:COL: PATH: ...") becomes a flow-mod.  Out: a flow-stats entry
 * (or a parsed flow) becomes a JSON mapping in the same format, so a flow
 * read from a switch can be posted back.  The format:
 *
 *   {"name": "web", "table": 0, "priority": 100,
 *    "idle_timeout": 0, "hard_timeout": 0,
 *    "match": {"in_port": 1, "eth_type": "0x0800",
 *              "ipv4_dst": "10.0.0.0/24", "tcp_dst": 80},
 *    "actions": ["output:2"],
 *    "write_actions": ["output:3"], "clear_actions": true,
 *    "goto_table": 2, "meter": 1, "write_metadata": "0x1/0xff"}
 *
 * Every key is optional: table 0, priority 32768, timeouts 0, match {}
 * (every packet), actions [] (drop); the OpenFlow 1.3 instruction keys
 * (write_actions, clear_actions, goto_table, meter, write_metadata) only
 * when given.  "name" is 1..63 characters of [A-Za-z0-9_.-].  Match keys
 * are OXM field names ("ipv4_src"); a field that prints as a number takes a
 * JSON number or a string ("0x0800", "80", "0x10/0xf0"), an address field
 * a string ("10.0.0.0/8", "00:11:22:33:44:55"): the syntax of
 * ofp_field_parse().  Actions are strings in the syntax of
 * ofp_action_parse().  The keys the output adds ("cookie", "packets",
 * "bytes", "duration_sec", "owner") are accepted and ignored, so that
 * output can be posted back; any other key is refused. */
#ifndef CONTROLLER_FLOWJSON_H
#define CONTROLLER_FLOWJSON_H 1

#include <stdbool.h>
#include <stdint.h>

#include "ofproto/ofp-actions.h"
#include "ofproto/ofp-match.h"
#include "ofproto/ofp-msgs.h"

struct fy_node;
struct json_writer;
struct ycfg;

/* Most actions in "actions" and in "write_actions", each. */
#define FLOWJSON_MAX_ACTIONS 64

/* The priority of a flow that does not say one: OpenFlow's
 * OFP_DEFAULT_PRIORITY. */
#define FLOWJSON_DEFAULT_PRIORITY 0x8000

/* A flow from a request body.  'fm' is ready to send: OFPFC_ADD, cookie 0,
 * buffer OFP_NO_BUFFER, out_port OFPP_ANY, out_group OFPG_ANY, no flags.
 * Its instruction lists always point into 'apply' and 'write' of the same
 * struct, so copy it with flowjson_copy(), never with '='. */
struct flowjson {
    char *name;                 /* Owned (malloc'd), or NULL if none. */
    struct ofp_flow_mod fm;
    struct ofp_action apply[FLOWJSON_MAX_ACTIONS];
    struct ofp_action write[FLOWJSON_MAX_ACTIONS];
};

/* Parses the flow body whose root node is 'root' (normally ycfg_root(y))
 * into '*out', whose previous contents are overwritten, not freed.
 * 'version' 0 checks the flow on its own (types, ranges, field values,
 * match prerequisites); OFP10_VERSION or OFP13_VERSION also refuses what
 * that version cannot express (a match field or mask, an action, and on
 * 1.0 any table but 0 and any instruction but "actions").
 *
 * Returns true on success; the caller then owns out->name (free it with
 * flowjson_uninit()).  On failure returns false with the first error
 * recorded in 'y' (ycfg_error(): "body:3:17: match.tcp_dst: value 70000
 * out of range for tcp_dst (0..65535)"), and '*out' holds nothing to free
 * (flowjson_uninit() on it is harmless).  Never keeps pointers into 'y'. */
bool flowjson_parse(struct ycfg *y, struct fy_node *root, uint8_t version,
                    struct flowjson *out);

/* Frees what 'f' owns (its name) and leaves it with no name.  'f' itself is
 * the caller's. */
void flowjson_uninit(struct flowjson *f);

/* Makes 'dst' a deep copy of 'src' (its own name, its instruction lists
 * pointing into its own arrays).  'dst''s previous contents are
 * overwritten, not freed. */
void flowjson_copy(struct flowjson *dst, const struct flowjson *src);

/* True if 'a' and 'b' have the same name, table, priority, timeouts, match
 * and instructions (what a body can say). */
bool flowjson_equal(const struct flowjson *a, const struct flowjson *b);

/* Builds, in w's document, the mapping of match 'm' ({} for a catch-all):
 * fields in field order; an exact field that prints in decimal is a JSON
 * number ("tcp_dst": 80), anything else a string as ofp_field_format()
 * prints it ("eth_type": "0x0800", "ipv4_dst": "10.0.0.0/24"). */
struct fy_node *flowjson_match_node(struct json_writer *w,
                                    const struct ofp_match *m);

/* Builds, in w's document, the mapping of one flow-stats entry: "table",
 * "priority", "cookie" ("0x%016llx"), "match", "actions" (the apply
 * actions, [] if none), the other instruction keys when present,
 * "idle_timeout", "hard_timeout", "packets", "bytes", "duration_sec".
 * Callers append "owner" and "name" if they know them. */
struct fy_node *flowjson_stats_node(struct json_writer *w,
                                    const struct ofp_flow_stats *e);

/* Builds, in w's document, the body of flow 'f' as flowjson_parse() reads
 * it: "name" (if any), "table", "priority", "match", "actions", the other
 * instruction keys when present, "idle_timeout", "hard_timeout". */
struct fy_node *flowjson_node(struct json_writer *w,
                              const struct flowjson *f);

#endif /* controller/flowjson.h */
