/* Unit tests for flowjson: flow bodies in, flow-stats entries out, and the
 * round trip between them. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canopy/ycfg.h"
#include "controller/flowjson.h"
#include "canopy/json.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-types.h"
#include "tests/unit/unit.h"

/* ---- Helpers. ----------------------------------------------------------- */

/* Parses 'body' for 'version'; returns true on success.  The error, if any,
 * goes to '*error' (malloc'd, caller frees) when 'error' is non-NULL. */
static bool
parse_body(const char *body, uint8_t version, struct flowjson *f,
           char **error)
{
    struct ycfg *y = ycfg_load_string("body", body, strlen(body));
    bool ok = flowjson_parse(y, ycfg_root(y), version, f);
    CU_ASSERT_EQUAL(ok, ycfg_error(y) == NULL);
    if (error) {
        *error = ycfg_error(y) ? xstrdup(ycfg_error(y)) : NULL;
    }
    ycfg_destroy(y);
    return ok;
}

/* Parses 'body' and expects success. */
static void
expect_ok(const char *body, uint8_t version, struct flowjson *f)
{
    char *error = NULL;
    bool ok = parse_body(body, version, f, &error);
    CU_ASSERT_TRUE(ok);
    if (!ok) {
        fprintf(stderr, "\n%s\n-> %s\n", body, error);
    }
    free(error);
}

/* Parses 'body' for 'version' and expects exactly the error 'want'. */
static void
expect_error(const char *body, uint8_t version, const char *want)
{
    struct flowjson f;
    char *error = NULL;
    CU_ASSERT_FALSE(parse_body(body, version, &f, &error));
    CU_ASSERT_PTR_NOT_NULL(error);
    if (error) {
        CU_ASSERT_STRING_EQUAL(error, want);
        if (strcmp(error, want)) {
            fprintf(stderr, "\nbody: %.200s\n got: %s\nwant: %s\n", body,
                    error, want);
        }
    }
    /* Nothing to free, and freeing twice is harmless. */
    CU_ASSERT_PTR_NULL(f.name);
    flowjson_uninit(&f);
    free(error);
}

/* Builds a match from "field=value,field=value" with ofp_field_parse(). */
static void
build_match(const char *spec, struct ofp_match *m)
{
    char *copy = xstrdup(spec);
    char *save = NULL;
    ofp_match_init_catchall(m);
    for (char *t = strtok_r(copy, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(t, '=');
        enum ofp_field f;
        union ofp_field_value v, mk;
        CU_ASSERT_PTR_NOT_NULL_FATAL(eq);
        *eq = '\0';
        CU_ASSERT_TRUE_FATAL(ofp_field_from_name(t, &f));
        CU_ASSERT_TRUE_FATAL(ofp_field_parse(f, eq + 1, &v, &mk, NULL,
                                             NULL));
        ofp_match_set(m, f, &v, &mk);
    }
    free(copy);
}

/* Parses comma-separated actions 'spec' into 'acts' (room for 16).  Commas
 * inside parentheses belong to the action: "ct(commit,zone=1),output:2". */
static size_t
build_actions(const char *spec, struct ofp_action *acts)
{
    char *copy = xstrdup(spec);
    size_t n = 0;
    int depth = 0;
    char *t = copy;
    for (char *p = copy; ; p++) {
        if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            depth--;
        } else if ((*p == ',' && !depth) || !*p) {
            bool end = !*p;
            *p = '\0';
            if (*t) {
                CU_ASSERT_FATAL(n < 16);
                CU_ASSERT_TRUE_FATAL(ofp_action_parse(t, &acts[n++], NULL));
            }
            if (end) {
                break;
            }
            t = p + 1;
        }
    }
    free(copy);
    return n;
}

/* Emits stats entry 'e' as one line of JSON (malloc'd, caller frees). */
static char *
stats_json(const struct ofp_flow_stats *e)
{
    struct json_writer w;
    json_init(&w);
    return json_finish(&w, flowjson_stats_node(&w, e));
}

/* ---- Decoding. ---------------------------------------------------------- */

static void
test_defaults(void)
{
    struct flowjson f;
    expect_ok("{}", 0, &f);
    CU_ASSERT_PTR_NULL(f.name);
    CU_ASSERT_EQUAL(f.fm.command, OFPFC_ADD);
    CU_ASSERT_EQUAL(f.fm.table_id, 0);
    CU_ASSERT_EQUAL(f.fm.priority, 32768);
    CU_ASSERT_EQUAL(f.fm.idle_timeout, 0);
    CU_ASSERT_EQUAL(f.fm.hard_timeout, 0);
    CU_ASSERT_EQUAL(f.fm.cookie, 0);
    CU_ASSERT_EQUAL(f.fm.cookie_mask, 0);
    CU_ASSERT_EQUAL(f.fm.buffer_id, OFP_NO_BUFFER);
    CU_ASSERT_EQUAL(f.fm.out_port, OFPP_ANY);
    CU_ASSERT_EQUAL(f.fm.out_group, OFPG_ANY);
    CU_ASSERT_EQUAL(f.fm.flags, 0);
    CU_ASSERT_TRUE(ofp_match_is_catchall(&f.fm.match));
    CU_ASSERT_EQUAL(f.fm.instructions.present, 0);
    CU_ASSERT_PTR_EQUAL(f.fm.instructions.apply.actions, f.apply);
    CU_ASSERT_PTR_EQUAL(f.fm.instructions.write.actions, f.write);
    flowjson_uninit(&f);

    /* Empty lists and mappings mean the same. */
    expect_ok("{\"match\": {}, \"actions\": []}", OFP10_VERSION, &f);
    CU_ASSERT_TRUE(ofp_match_is_catchall(&f.fm.match));
    CU_ASSERT_EQUAL(f.fm.instructions.present, 0);
    flowjson_uninit(&f);
}

static void
test_every_key(void)
{
    struct flowjson f;
    expect_ok("{\"name\": \"web-1.a_b\", \"table\": 1, \"priority\": 100,\n"
              " \"idle_timeout\": 10, \"hard_timeout\": 65535,\n"
              " \"match\": {\"in_port\": 1, \"eth_type\": \"0x0800\",\n"
              "   \"ipv4_dst\": \"10.0.0.0/24\",\n"
              "   \"eth_src\": \"00:11:22:33:44:55\", \"ip_proto\": 6,\n"
              "   \"tcp_dst\": 80},\n"
              " \"actions\": [\"output:2\", \"controller\"],\n"
              " \"write_actions\": [\"output:3\"], \"clear_actions\": true,\n"
              " \"goto_table\": 2, \"meter\": 1,\n"
              " \"write_metadata\": \"0x1/0xff\"}", OFP13_VERSION, &f);
    CU_ASSERT_STRING_EQUAL(f.name, "web-1.a_b");
    CU_ASSERT_EQUAL(f.fm.table_id, 1);
    CU_ASSERT_EQUAL(f.fm.priority, 100);
    CU_ASSERT_EQUAL(f.fm.idle_timeout, 10);
    CU_ASSERT_EQUAL(f.fm.hard_timeout, 65535);

    struct ofp_match m;
    build_match("in_port=1,eth_type=0x0800,ipv4_dst=10.0.0.0/24,"
                "eth_src=00:11:22:33:44:55,ip_proto=6,tcp_dst=80", &m);
    CU_ASSERT_TRUE(ofp_match_equal(&f.fm.match, &m));

    const struct ofp_instructions *ins = &f.fm.instructions;
    CU_ASSERT_EQUAL(ins->present, OFPIB_APPLY_ACTIONS | OFPIB_WRITE_ACTIONS
                    | OFPIB_CLEAR_ACTIONS | OFPIB_GOTO_TABLE | OFPIB_METER
                    | OFPIB_WRITE_METADATA);
    CU_ASSERT_EQUAL(ins->apply.n, 2);
    CU_ASSERT_PTR_EQUAL(ins->apply.actions, f.apply);
    CU_ASSERT_EQUAL(f.apply[0].type, OFPACT_OUTPUT);
    CU_ASSERT_EQUAL(f.apply[0].u.output.port, 2);
    CU_ASSERT_EQUAL(f.apply[1].u.output.port, OFPP_CONTROLLER);
    CU_ASSERT_EQUAL(f.apply[1].u.output.max_len, OFPCML_NO_BUFFER);
    CU_ASSERT_EQUAL(ins->write.n, 1);
    CU_ASSERT_PTR_EQUAL(ins->write.actions, f.write);
    CU_ASSERT_EQUAL(f.write[0].u.output.port, 3);
    CU_ASSERT_EQUAL(ins->goto_table, 2);
    CU_ASSERT_EQUAL(ins->meter_id, 1);
    CU_ASSERT_EQUAL(ins->metadata, 1);
    CU_ASSERT_EQUAL(ins->metadata_mask, 0xff);
    flowjson_uninit(&f);
    CU_ASSERT_PTR_NULL(f.name);

    /* Empty write_actions is still a WRITE_ACTIONS instruction; an exact
     * write_metadata takes a number; clear_actions false is none. */
    expect_ok("{\"write_actions\": [],"
              " \"write_metadata\": 18446744073709551615,"
              " \"clear_actions\": false}", OFP13_VERSION, &f);
    CU_ASSERT_EQUAL(f.fm.instructions.present,
                    OFPIB_WRITE_ACTIONS | OFPIB_WRITE_METADATA);
    CU_ASSERT_EQUAL(f.fm.instructions.metadata, UINT64_MAX);
    CU_ASSERT_EQUAL(f.fm.instructions.metadata_mask, UINT64_MAX);

    /* What the output adds is accepted and ignored. */
    expect_ok("{\"cookie\": \"0x00000000000000ff\", \"packets\": 5, "
              "\"bytes\": 500, \"duration_sec\": 9, \"owner\": \"static\"}",
              0, &f);
    CU_ASSERT_EQUAL(f.fm.cookie, 0);
    /* ... and so is the "origin" of an app's flow: a flow of the acl app
     * read from GET /v1/switches/{dpid}/flows posts back as it is. */
    expect_ok("{\"table\": 1, \"priority\": 24000, \"cookie\": "
              "\"0x0002010000000003\", \"match\": {\"eth_type\": 2048, "
              "\"ip_proto\": 6, \"tcp_dst\": 23}, \"actions\": [], "
              "\"idle_timeout\": 0, \"hard_timeout\": 0, \"packets\": 12, "
              "\"bytes\": 888, \"duration_sec\": 40, \"owner\": \"acl\", "
              "\"origin\": \"acl: lists.fw.rules[0] (api:1:58)\"}",
              OFP13_VERSION, &f);
    CU_ASSERT_EQUAL(f.fm.cookie, 0);
    CU_ASSERT_EQUAL(f.fm.table_id, 1);
    CU_ASSERT_EQUAL(f.fm.priority, 24000);
    CU_ASSERT_EQUAL(f.fm.match.v.tcp_dst, 23);
    flowjson_uninit(&f);
    /* Read-only keys are still checked for type. */
    expect_error("{\"origin\": 5}", 0,
                 "body:1:12: origin: expected a string, got 5");

    /* YAML is accepted too, as long as JSON types hold. */
    expect_ok("name: \"web\"\nmatch:\n  tcp_dst: 80\n  ip_proto: 6\n"
              "  eth_type: 0x800\nactions:\n  - \"output:1\"\n", 0, &f);
    CU_ASSERT_STRING_EQUAL(f.name, "web");
    CU_ASSERT_EQUAL(f.fm.match.v.tcp_dst, 80);
    flowjson_uninit(&f);
}

static void
test_match_values(void)
{
    struct flowjson f;
    struct ofp_match m;

    /* Numbers or strings for fields that print as numbers, in either
     * base, masked where the field allows it. */
    expect_ok("{\"match\": {\"eth_type\": 2048,"
              " \"vlan_vid\": \"0x1000/0x1000\","
              " \"vlan_pcp\": \"5\", \"metadata\": \"0x10/0xf0\","
              " \"in_port\": \"0xfffffffe\", \"tunnel_id\": 7}}", 0, &f);
    build_match("eth_type=0x0800,vlan_vid=0x1000/0x1000,vlan_pcp=5,"
                "metadata=0x10/0xf0,in_port=4294967294,tunnel_id=7", &m);
    CU_ASSERT_TRUE(ofp_match_equal(&f.fm.match, &m));

    /* A zero mask matches anything: the field is left out, and so is its
     * prerequisite. */
    expect_ok("{\"match\": {\"ipv4_src\": \"0.0.0.0/0\"}}", 0, &f);
    CU_ASSERT_TRUE(ofp_match_is_catchall(&f.fm.match));

    /* Values are ANDed with their masks. */
    expect_ok("{\"match\": {\"eth_type\": \"0x86dd\","
              " \"ipv6_src\": \"2001:db8::1/32\"}}", 0, &f);
    build_match("eth_type=0x86dd,ipv6_src=2001:db8::/32", &m);
    CU_ASSERT_TRUE(ofp_match_equal(&f.fm.match, &m));
}

static const char *const body_keys = "(expected one of: name, table, "
    "priority, idle_timeout, hard_timeout, match, actions, write_actions, "
    "clear_actions, goto_table, meter, write_metadata, cookie, packets, "
    "bytes, duration_sec, owner, origin)";

static void
test_errors(void)
{
    char want[4096];
    char *big;

    /* Syntax and shape. */
    expect_error("{\"a\": 1, \"a\": 2}", 0,
                 "body:1:11: error: duplicate key");
    expect_error("{\"priority\": 1", 0,
                 "body:2:1: error: missing comma in flow mapping");
    expect_error("", 0,
                 "body: expected a JSON object (the flow), got nothing");
    expect_error("[1, 2]", 0,
                 "body:1:2: expected a mapping, got a list");
    expect_error("\"flow\"", 0, "body:1:2: expected a mapping, got a scalar");

    /* Unknown keys, naming the valid ones. */
    snprintf(want, sizeof want, "body:2:3: unknown setting 'prio' %s",
             body_keys);
    expect_error("{\"table\": 0,\n \"prio\": 5}", 0, want);
    expect_error("{\"match\": {\"in_port\": 1,\n   \"nw_src\": \"10.0.0.1\"}}",
                 0, "body:2:5: match: unknown setting 'nw_src' (expected "
                 "one of: in_port, in_phy_port, metadata, eth_dst, eth_src, "
                 "eth_type, vlan_vid, vlan_pcp, ip_dscp, ip_ecn, ip_proto, "
                 "ipv4_src, ipv4_dst, tcp_src, tcp_dst, udp_src, udp_dst, "
                 "sctp_src, sctp_dst, icmpv4_type, icmpv4_code, arp_op, "
                 "arp_spa, arp_tpa, arp_sha, arp_tha, ipv6_src, ipv6_dst, "
                 "ipv6_flabel, icmpv6_type, icmpv6_code, ipv6_nd_target, "
                 "ipv6_nd_sll, ipv6_nd_tll, mpls_label, mpls_tc, mpls_bos, "
                 "pbb_isid, tunnel_id, ipv6_exthdr, ct_state, ct_zone)");

    /* Wrong types. */
    expect_error("{\"priority\": \"100\"}", 0,
                 "body:1:15: priority: expected an integer from 0 to 65535, "
                 "got '100'");
    expect_error("{\"priority\": null}", 0,
                 "body:1:14: priority: expected an integer from 0 to 65535, "
                 "got 'null'");
    expect_error("{\"table\": [0]}", 0,
                 "body:1:12: table: expected an integer, got a list");
    expect_error("{\"name\": 5}", 0,
                 "body:1:10: name: expected a string, got 5");
    expect_error("{\"name\": null}", 0,
                 "body:1:10: name: expected a string, got null");
    expect_error("{\"name\": {\"a\": 1}}", 0,
                 "body:1:12: name: expected a string, got a mapping");
    expect_error("{\"match\": [\"in_port=1\"]}", 0,
                 "body:1:13: match: expected a mapping, got a list");
    expect_error("{\"match\": {\"ipv4_src\": 167772161}}", 0,
                 "body:1:24: match.ipv4_src: expected a string, got "
                 "167772161");
    expect_error("{\"match\": {\"eth_src\": true}}", 0,
                 "body:1:23: match.eth_src: expected a string, got true");
    expect_error("{\"match\": {\"tcp_dst\": [80]}}", 0,
                 "body:1:24: match.tcp_dst: expected a number or a string, "
                 "got a list");
    expect_error("{\"match\": {\"tcp_dst\": null}}", 0,
                 "body:1:23: match.tcp_dst: invalid value 'null' for tcp_dst "
                 "(expected a decimal or 0x-hex number)");
    expect_error("{\"match\": {\"tcp_dst\": -1}}", 0,
                 "body:1:23: match.tcp_dst: invalid value '-1' for tcp_dst "
                 "(expected a decimal or 0x-hex number)");
    expect_error("{\"actions\": \"output:2\"}", 0,
                 "body:1:14: actions: expected a list, got a scalar");
    expect_error("{\"actions\": [\"output:1\",\n  2]}", 0,
                 "body:2:3: actions[1]: expected a string, got 2");
    expect_error("{\"actions\": [[\"output:1\"]]}", 0,
                 "body:1:16: actions[0]: expected a string, got a list");
    expect_error("{\"clear_actions\": \"yes\"}", 0,
                 "body:1:20: clear_actions: expected true or false, got "
                 "'yes'");
    expect_error("{\"write_metadata\": {}}", 0,
                 "body:1:3: write_metadata: expected a number or a string, "
                 "got a mapping");
    expect_error("{\"cookie\": 5}", 0,
                 "body:1:12: cookie: expected a string, got 5");
    expect_error("{\"packets\": \"5\"}", 0,
                 "body:1:14: packets: expected an integer from 0 to "
                 "18446744073709551615, got '5'");
    expect_error("{\"name\": &x \"a\", \"actions\": [*x]}", 0,
                 "body:1:31: actions[0]: expected a string, got an alias");
    expect_error("{\"name\": \"a\\u0000b\"}", 0,
                 "body:1:11: name: expected a string without NUL bytes");

    /* Out of range. */
    expect_error("{\"priority\": 70000}", 0,
                 "body:1:14: priority: 70000 is out of range (0 to 65535)");
    expect_error("{\"table\": 255}", 0,
                 "body:1:11: table: 255 is out of range (0 to 254)");
    expect_error("{\"idle_timeout\": 65536}", 0,
                 "body:1:18: idle_timeout: 65536 is out of range (0 to "
                 "65535)");
    expect_error("{\"hard_timeout\": 99999999999999999999999}", 0,
                 "body:1:18: hard_timeout: expected an integer from 0 to "
                 "65535, got '99999999999999999999999'");
    expect_error("{\"goto_table\": 255}", 0,
                 "body:1:16: goto_table: 255 is out of range (0 to 254)");
    expect_error("{\"table\": 3, \"goto_table\": 3}", 0,
                 "body:1:28: goto_table: goto_table 3 must be greater than "
                 "table 3");
    expect_error("{\"meter\": 0}", 0,
                 "body:1:11: meter: 0 is out of range (1 to 4294901760)");
    expect_error("{\"name\": \"\"}", 0,
                 "body:1:11: name: a name is 1 to 63 characters among A-Z "
                 "a-z 0-9 _ . -");
    expect_error("{\"name\": \"a b\"}", 0,
                 "body:1:11: name: a name is 1 to 63 characters among A-Z "
                 "a-z 0-9 _ . -");
    expect_error("{\"name\": \"0123456789012345678901234567890123456789"
                 "012345678901234567890123\"}", 0,
                 "body:1:11: name: a name is 1 to 63 characters among A-Z "
                 "a-z 0-9 _ . -");

    /* More than 64 actions. */
    struct ds body = DS_EMPTY_INITIALIZER;
    ds_put_cstr(&body, "{\"actions\": [");
    for (int i = 0; i < 65; i++) {
        ds_put_format(&body, "%s\"output:%d\"", i ? ", " : "", i + 1);
    }
    ds_put_cstr(&body, "]}");
    expect_error(ds_cstr(&body), 0,
                 "body:1:15: actions: at most 64 actions, got 65");
    ds_clear(&body);
    ds_put_cstr(&body, "{\"write_actions\": [");
    for (int i = 0; i < 64; i++) {
        ds_put_format(&body, "%s\"output:%d\"", i ? ", " : "", i + 1);
    }
    ds_put_cstr(&body, "]}");
    struct flowjson f;
    expect_ok(ds_cstr(&body), 0, &f);
    CU_ASSERT_EQUAL(f.fm.instructions.write.n, 64);
    CU_ASSERT_EQUAL(f.write[63].u.output.port, 64);
    flowjson_uninit(&f);

    /* 10 kB strings, everywhere a string goes. */
    big = xmalloc(10241);
    memset(big, 'a', 10240);
    big[10240] = '\0';
    ds_clear(&body);
    ds_put_format(&body, "{\"name\": \"%s\"}", big);
    expect_error(ds_cstr(&body), 0,
                 "body:1:11: name: a name is 1 to 63 characters among A-Z "
                 "a-z 0-9 _ . -");
    ds_clear(&body);
    ds_put_format(&body, "{\"actions\": [\"%s\"]}", big);
    expect_error(ds_cstr(&body), 0,
                 "body:1:15: actions[0]: unknown action "
                 "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' (expected one "
                 "of: output:PORT, CONTROLLER[:MAX_LEN], IN_PORT, TABLE, "
                 "NORMAL, FLOOD, ALL, LOCAL, group:ID, set_queue:ID, "
                 "enqueue:PORT:QUEUE, set_field:VALUE->FIELD, "
                 "push_vlan:ETHERTYPE, pop_vlan, push_mpls:ETHERTYPE, "
                 "pop_mpls:ETHERTYPE, push_pbb:ETHERTYPE, pop_pbb, "
                 "set_nw_ttl:TTL, dec_ttl, set_mpls_ttl:TTL, dec_mpls_ttl, "
                 "copy_ttl_out, copy_ttl_in, ct(ARGS))");
    ds_clear(&body);
    ds_put_format(&body, "{\"match\": {\"eth_src\": \"%s\"}}", big);
    expect_error(ds_cstr(&body), 0,
                 "body:1:24: match.eth_src: invalid value "
                 "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' for eth_src "
                 "(expected a MAC address like 00:11:22:33:44:55)");
    ds_clear(&body);
    ds_put_format(&body, "{\"match\": {\"tcp_dst\": %s}}", big);
    expect_error(ds_cstr(&body), 0,
                 "body:1:23: match.tcp_dst: invalid value "
                 "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' for tcp_dst "
                 "(expected a decimal or 0x-hex number)");
    ds_clear(&body);
    memset(big, '9', 10240);
    ds_put_format(&body, "{\"match\": {\"ipv4_dst\": %s}}", big);
    expect_error(ds_cstr(&body), 0,
                 "body:1:24: match.ipv4_dst: expected a string, got "
                 "9999999999999999999999999999999999999999...");
    /* ycfg quotes an unknown key whole. */
    ds_clear(&body);
    ds_put_format(&body, "{\"%s\": 1}", big);
    char *error = NULL;
    CU_ASSERT_FALSE(parse_body(ds_cstr(&body), 0, &f, &error));
    UNIT_ASSERT_CONTAINS(error, "body:1:3: unknown setting '9999");
    UNIT_ASSERT_CONTAINS(error, body_keys);
    free(error);
    free(big);
    ds_destroy(&body);

    /* Bad field values and actions, with the parsers' words. */
    expect_error("{\"match\": {\"tcp_dst\": 70000}}", 0,
                 "body:1:23: match.tcp_dst: value 70000 out of range for "
                 "tcp_dst (0..65535)");
    expect_error("{\"match\": {\"ip_proto\": \"6/0xff\"}}", 0,
                 "body:1:25: match.ip_proto: ip_proto cannot be masked");
    expect_error("{\"match\": {\"eth_type\": \"0x0800\",\n"
                 "           \"ipv4_dst\": \"10.0.0.0/33\"}}", 0,
                 "body:2:25: match.ipv4_dst: prefix length 33 out of range "
                 "for ipv4_dst (0..32)");
    expect_error("{\"actions\": [\"output:1\", \"outptu:2\"]}", 0,
                 "body:1:27: actions[1]: unknown action 'outptu:2' (expected "
                 "one of: output:PORT, CONTROLLER[:MAX_LEN], IN_PORT, TABLE, "
                 "NORMAL, FLOOD, ALL, LOCAL, group:ID, set_queue:ID, "
                 "enqueue:PORT:QUEUE, set_field:VALUE->FIELD, "
                 "push_vlan:ETHERTYPE, pop_vlan, push_mpls:ETHERTYPE, "
                 "pop_mpls:ETHERTYPE, push_pbb:ETHERTYPE, pop_pbb, "
                 "set_nw_ttl:TTL, dec_ttl, set_mpls_ttl:TTL, dec_mpls_ttl, "
                 "copy_ttl_out, copy_ttl_in, ct(ARGS))");
    expect_error("{\"write_actions\": [\"output:0\"]}", 0,
                 "body:1:21: write_actions[0]: port 0 cannot be used by "
                 "output");
    expect_error("{\"write_metadata\": \"0x1/0xfffffffffffffffff\"}", 0,
                 "body:1:21: write_metadata: mask 0xfffffffffffffffff out "
                 "of range for metadata (0..0xffffffffffffffff)");

    /* Prerequisites. */
    expect_error("{\"match\": {\"ip_proto\": 6,\n \"tcp_dst\": 80}}", 0,
                 "body:1:24: match.ip_proto: ip_proto requires "
                 "eth_type=0x0800 or eth_type=0x86dd");
    expect_error("{\"match\": {\"eth_type\": \"0x86dd\", \"ip_proto\": 6,\n"
                 " \"tcp_dst\": 80, \"ipv4_src\": \"10.0.0.1\"}}", 0,
                 "body:2:30: match.ipv4_src: ipv4_src requires "
                 "eth_type=0x0800");
    expect_error("{\"match\": {\"eth_type\": \"0x0800\", \"ip_proto\": 17,\n"
                 " \"tcp_dst\": 80}}", OFP13_VERSION,
                 "body:2:13: match.tcp_dst: tcp_dst requires ip_proto=6");
    expect_error("{\"match\": {\"vlan_pcp\": 3}}", OFP10_VERSION,
                 "body:1:24: match.vlan_pcp: vlan_pcp requires a VLAN tag "
                 "(vlan_vid with OFPVID_PRESENT)");

    /* Version limits. */
    expect_error("{\"table\": 1}", OFP10_VERSION,
                 "body:1:11: table: OpenFlow 1.0 has only table 0");
    expect_error("{\"actions\": [\"output:1\"],\n \"write_actions\": []}",
                 OFP10_VERSION, "body:2:3: write_actions: OpenFlow 1.0 has "
                 "no write_actions (only \"actions\")");
    expect_error("{\"meter\": 5}", OFP10_VERSION,
                 "body:1:11: meter: OpenFlow 1.0 has no meter (only "
                 "\"actions\")");
    expect_error("{\"clear_actions\": false}", OFP10_VERSION,
                 "body:1:19: clear_actions: OpenFlow 1.0 has no "
                 "clear_actions (only \"actions\")");
    expect_error("{\"match\": {\"eth_type\": \"0x86dd\",\n"
                 "  \"ipv6_src\": \"::1\"}}", OFP10_VERSION,
                 "body:2:16: match.ipv6_src: ipv6_src cannot be matched in "
                 "OpenFlow 1.0");
    expect_error("{\"match\": {\"eth_type\": \"0x0800\",\n"
                 "  \"ipv4_src\": \"10.0.0.0/255.0.255.0\"}}", OFP10_VERSION,
                 "body:2:16: match.ipv4_src: ipv4_src mask is not a CIDR "
                 "prefix, which OpenFlow 1.0 requires");
    expect_error("{\"match\": {\"eth_src\": \"00:00:00:00:00:00/"
                 "01:00:00:00:00:00\"}}", OFP10_VERSION,
                 "body:1:24: match.eth_src: eth_src cannot be masked in "
                 "OpenFlow 1.0");
    expect_error("{\"match\": {\"in_port\": 70000}}", OFP10_VERSION,
                 "body:1:23: match.in_port: in_port 70000 has no OpenFlow "
                 "1.0 number");
    expect_error("{\"actions\": [\"output:1\", \"push_vlan:0x8100\"]}",
                 OFP10_VERSION, "body:1:27: actions[1]: action "
                 "push_vlan:0x8100 does not exist in OpenFlow 1.0");
    expect_error("{\"actions\": [\"set_field:1->mpls_tc\"]}", OFP10_VERSION,
                 "body:1:15: actions[0]: mpls_tc cannot be set in OpenFlow "
                 "1.0");
    expect_error("{\"actions\": [\"enqueue:1:2\"]}", OFP13_VERSION,
                 "body:1:15: actions[0]: action enqueue:1:2 does not exist "
                 "in OpenFlow 1.3");
    expect_error("{\"write_actions\": [\"enqueue:1:2\"]}", OFP13_VERSION,
                 "body:1:21: write_actions[0]: action enqueue:1:2 does not "
                 "exist in OpenFlow 1.3");
    expect_error("{}", 2, "body: OpenFlow version 0x02 is not supported");
    /* ... and what each version can say passes. */
    expect_ok("{\"actions\": [\"enqueue:1:2\", \"set_field:5->vlan_pcp\"]}",
              OFP10_VERSION, &f);
    expect_ok("{\"table\": 200, \"actions\": [\"push_vlan:0x8100\"]}",
              OFP13_VERSION, &f);
}

/* ---- Encoding and round trips. ------------------------------------------ */

/* Flows that, together, use every match field and every action kind. */
static const struct {
    const char *match;
    const char *apply;      /* NULL: no APPLY_ACTIONS instruction. */
    const char *write;      /* NULL: no WRITE_ACTIONS instruction. */
    uint32_t extra;         /* OFPIB_CLEAR_ACTIONS, _GOTO_TABLE, ... */
    bool of10;              /* OpenFlow 1.0 can say it all. */
    bool of13;              /* OpenFlow 1.3 can say it all. */
} flows[] = {
    { "", NULL, NULL, 0, true, true },
    { "in_port=1,eth_type=0x0800,ipv4_src=10.0.0.0/8,ipv4_dst=192.168.1.7,"
      "eth_src=00:11:22:33:44:55,ip_proto=6,tcp_src=1024,tcp_dst=80,"
      "ip_dscp=46,eth_dst=00:00:5e:00:53:01",
      "output:2,CONTROLLER:128,set_field:10.0.0.1->ipv4_dst",
      NULL, 0, true, true },
    { "in_port=4294967294,in_phy_port=7,eth_type=0x0800,ip_proto=17,"
      "udp_src=53,udp_dst=5353,ipv4_src=10.1.0.0/255.255.0.255,ip_ecn=3,"
      "eth_dst=01:00:00:00:00:00/01:00:00:00:00:00",
      "group:4,set_queue:2,FLOOD", NULL, 0, false, true },
    { "eth_type=0x0800,ip_proto=132,sctp_src=1,sctp_dst=2",
      "ALL,NORMAL,LOCAL,IN_PORT,TABLE,CONTROLLER:65535", NULL, 0, false,
      true },
    { "eth_type=0x0800,ip_proto=1,icmpv4_type=8,icmpv4_code=0",
      "dec_ttl,set_nw_ttl:9,output:3", NULL, 0, false, true },
    { "eth_type=0x0806,arp_op=1,arp_spa=10.0.0.0/24,arp_tpa=10.0.0.9,"
      "arp_sha=00:00:00:00:00:01,arp_tha=00:00:00:00:00:00/"
      "01:00:00:00:00:00",
      "set_field:2->arp_op,output:1", NULL, 0, false, true },
    { "eth_type=0x86dd,ipv6_src=2001:db8::/32,ipv6_dst=fe80::1/ffff::ff,"
      "ipv6_flabel=0x12340/0xffff0,ip_proto=58,icmpv6_type=135,"
      "icmpv6_code=0,ipv6_nd_target=2001:db8::9,"
      "ipv6_nd_sll=00:11:22:33:44:55,ipv6_exthdr=0x0004/0x000c",
      "set_field:2001:db8::2->ipv6_dst", "output:3",
      OFPIB_CLEAR_ACTIONS | OFPIB_GOTO_TABLE | OFPIB_METER
      | OFPIB_WRITE_METADATA, false, true },
    { "eth_type=0x86dd,ip_proto=58,icmpv6_type=136,"
      "ipv6_nd_tll=aa:bb:cc:dd:ee:ff,ipv6_dst=::ffff:10.0.0.1",
      "set_field:0x12345->ipv6_flabel,output:1", NULL, 0, false, true },
    { "vlan_vid=0x1000/0x1000,vlan_pcp=3,metadata=0x1200/0xff00,"
      "tunnel_id=0xdeadbeef",
      "push_vlan:0x8100,set_field:0x1005->vlan_vid,pop_vlan",
      NULL, OFPIB_WRITE_METADATA, false, true },
    { "vlan_vid=0x0000,eth_type=0x8847,mpls_label=1000,mpls_tc=5,"
      "mpls_bos=1",
      "pop_mpls:0x0800,set_mpls_ttl:4,dec_mpls_ttl,copy_ttl_in,"
      "copy_ttl_out,push_mpls:0x8847", NULL, 0, false, true },
    { "eth_type=0x88e7,pbb_isid=0x123400/0xffff00,vlan_vid=0x1005",
      "pop_pbb,push_pbb:0x88e7", NULL, 0, false, true },
    { "in_port=3", NULL, "set_field:aa:bb:cc:dd:ee:ff->eth_dst,output:2",
      OFPIB_METER, false, true },
    { "in_port=3", NULL, "", 0, false, true },
    { "eth_type=0x0800,ipv4_dst=10.0.0.0/16", "output:1", NULL, 0, true,
      true },
    { "in_port=2", "enqueue:3:1,enqueue:IN_PORT:7", NULL, 0, true, false },
    { "eth_type=0x0800,ip_proto=6,ct_state=+est+trk,ct_zone=7",
      "ct(commit,table=2,zone=1),ct(commit,force,alg=ftp),output:1", "ct()",
      0, false, true },
    { "ct_state=est|trk,eth_type=0x86dd", "ct(table=3)", NULL, 0, false,
      true },
};

/* Builds flow 'i' as a stats entry, its actions in 'apply' and 'write'. */
static void
build_stats(size_t i, struct ofp_flow_stats *e, struct ofp_action *apply,
            struct ofp_action *write)
{
    memset(e, 0, sizeof *e);
    e->table_id = flows[i].of10 ? 0 : (uint8_t) i;
    e->priority = (uint16_t) (i * 1000);
    e->idle_timeout = (uint16_t) i;
    e->hard_timeout = (uint16_t) (65535 - i);
    e->cookie = 0xfeedull << 48 | i;
    e->packet_count = i * 10;
    e->byte_count = UINT64_MAX - i;
    e->duration_sec = (uint32_t) i;
    build_match(flows[i].match, &e->match);

    struct ofp_instructions *ins = &e->instructions;
    ins->apply.actions = apply;
    ins->write.actions = write;
    if (flows[i].apply) {
        ins->apply.n = build_actions(flows[i].apply, apply);
        ins->present |= OFPIB_APPLY_ACTIONS;
    }
    if (flows[i].write) {
        ins->write.n = build_actions(flows[i].write, write);
        ins->present |= OFPIB_WRITE_ACTIONS;
    }
    ins->present |= flows[i].extra;
    ins->goto_table = (uint8_t) (i + 5);
    ins->meter_id = (uint32_t) i + 1;
    ins->metadata = 0x10 * i;
    ins->metadata_mask = i & 1 ? UINT64_MAX : 0xfff0;
}

static void
test_stats_round_trip(void)
{
    uint64_t fields = 0;
    for (size_t i = 0; i < sizeof flows / sizeof flows[0]; i++) {
        struct ofp_action apply[16], write[16];
        struct ofp_flow_stats e;
        build_stats(i, &e, apply, write);
        fields |= e.match.fields;

        char *json = stats_json(&e);
        static const uint8_t versions[] = { 0, OFP13_VERSION, OFP10_VERSION };
        for (size_t v = 0; v < sizeof versions; v++) {
            if ((versions[v] == OFP10_VERSION && !flows[i].of10)
                || (versions[v] == OFP13_VERSION && !flows[i].of13)) {
                continue;
            }
            struct flowjson f;
            expect_ok(json, versions[v], &f);
            CU_ASSERT_PTR_NULL(f.name);
            CU_ASSERT_EQUAL(f.fm.table_id, e.table_id);
            CU_ASSERT_EQUAL(f.fm.priority, e.priority);
            CU_ASSERT_EQUAL(f.fm.idle_timeout, e.idle_timeout);
            CU_ASSERT_EQUAL(f.fm.hard_timeout, e.hard_timeout);
            CU_ASSERT_EQUAL(f.fm.cookie, 0);
            CU_ASSERT_TRUE(ofp_match_equal(&f.fm.match, &e.match));
            CU_ASSERT_TRUE(ofp_instructions_equal(&f.fm.instructions,
                                                  &e.instructions));
            if (!ofp_instructions_equal(&f.fm.instructions,
                                        &e.instructions)) {
                fprintf(stderr, "\nflow %zu: %s", i, json);
            }

            /* And the parsed flow writes the same body back. */
            struct json_writer w;
            json_init(&w);
            char *again = json_finish(&w, flowjson_node(&w, &f));
            struct flowjson f2;
            expect_ok(again, versions[v], &f2);
            CU_ASSERT_TRUE(flowjson_equal(&f, &f2));
            free(again);
        }
        free(json);
    }
    /* Every field took part. */
    CU_ASSERT_EQUAL(fields, (UINT64_C(1) << OFPF_N_FIELDS) - 1);
}

static void
test_stats_golden(void)
{
    struct ofp_action apply[16], write[16];
    struct ofp_flow_stats e;
    build_stats(1, &e, apply, write);
    char *json = stats_json(&e);
    CU_ASSERT_STRING_EQUAL(json,
        "{\"table\": 0, \"priority\": 1000, "
        "\"cookie\": \"0xfeed000000000001\", "
        "\"match\": {\"in_port\": 1, \"eth_dst\": \"00:00:5e:00:53:01\", "
        "\"eth_src\": \"00:11:22:33:44:55\", \"eth_type\": \"0x0800\", "
        "\"ip_dscp\": 46, \"ip_proto\": 6, \"ipv4_src\": \"10.0.0.0/8\", "
        "\"ipv4_dst\": \"192.168.1.7\", \"tcp_src\": 1024, \"tcp_dst\": 80}, "
        "\"actions\": [\"output:2\", \"CONTROLLER:128\", "
        "\"set_field:10.0.0.1->ipv4_dst\"], "
        "\"idle_timeout\": 1, \"hard_timeout\": 65534, \"packets\": 10, "
        "\"bytes\": 18446744073709551614, \"duration_sec\": 1}\n");
    free(json);

    /* The 1.3 instructions, when present; masked integer fields as
     * strings. */
    build_stats(6, &e, apply, write);
    json = stats_json(&e);
    UNIT_ASSERT_CONTAINS(json, "\"match\": {\"eth_type\": \"0x86dd\", "
                         "\"ip_proto\": 58, \"ipv6_src\": \"2001:db8::/32\", "
                         "\"ipv6_dst\": \"fe80::1/ffff::ff\", "
                         "\"ipv6_flabel\": \"0x12340/0xffff0\", "
                         "\"icmpv6_type\": 135, \"icmpv6_code\": 0, "
                         "\"ipv6_nd_target\": \"2001:db8::9\", "
                         "\"ipv6_nd_sll\": \"00:11:22:33:44:55\", "
                         "\"ipv6_exthdr\": \"0x0004/0x000c\"}");
    UNIT_ASSERT_CONTAINS(json, "\"actions\": [\"set_field:2001:db8::2->"
                         "ipv6_dst\"], \"write_actions\": [\"output:3\"], "
                         "\"clear_actions\": true, \"goto_table\": 11, "
                         "\"meter\": 7, \"write_metadata\": \"0x60/0xfff0\", "
                         "\"idle_timeout\": 6");
    free(json);

    /* No instructions: "actions": [] and nothing else; an experimenter
     * action shows (and cannot be posted back). */
    struct ofp_flow_stats z;
    memset(&z, 0, sizeof z);
    json = stats_json(&z);
    CU_ASSERT_STRING_EQUAL(json, "{\"table\": 0, \"priority\": 0, "
                           "\"cookie\": \"0x0000000000000000\", "
                           "\"match\": {}, \"actions\": [], "
                           "\"idle_timeout\": 0, \"hard_timeout\": 0, "
                           "\"packets\": 0, \"bytes\": 0, "
                           "\"duration_sec\": 0}\n");
    free(json);
    struct ofp_action x;
    memset(&x, 0, sizeof x);
    x.type = OFPACT_EXPERIMENTER;
    x.u.experimenter.id = 0x2320;
    z.instructions.present = OFPIB_APPLY_ACTIONS;
    z.instructions.apply.actions = &x;
    z.instructions.apply.n = 1;
    json = stats_json(&z);
    UNIT_ASSERT_CONTAINS(json,
                         "\"actions\": [\"experimenter:0x2320(len=8)\"]");
    expect_error(json, 0, "body:1:87: actions[0]: experimenter actions are "
                 "shown but cannot be given");
    free(json);
}

static void
test_match_node(void)
{
    struct ofp_match m;
    build_match("in_port=4294967295,vlan_vid=0x1005,tcp_dst=80,"
                "ip_proto=6,metadata=0xff", &m);
    /* A decimal field with a mask (which a switch cannot send, but apps
     * can build) is a string. */
    union ofp_field_value v, mk;
    memset(&v, 0, sizeof v);
    memset(&mk, 0, sizeof mk);
    v.u16 = 0x0400;
    mk.u16 = 0xfc00;
    ofp_match_set(&m, OFPF_TCP_SRC, &v, &mk);

    struct json_writer w;
    json_init(&w);
    char *json = json_finish(&w, flowjson_match_node(&w, &m));
    CU_ASSERT_STRING_EQUAL(json, "{\"in_port\": 4294967295, "
                           "\"metadata\": \"0xff\", \"vlan_vid\": \"0x1005\", "
                           "\"ip_proto\": 6, \"tcp_src\": \"1024/0xfc00\", "
                           "\"tcp_dst\": 80}\n");
    free(json);
}

static void
test_copy(void)
{
    struct flowjson a, b;
    expect_ok("{\"name\": \"x\", \"actions\": [\"output:1\", \"output:2\"],"
              " \"write_actions\": [\"output:3\"]}", 0, &a);
    flowjson_copy(&b, &a);
    CU_ASSERT_TRUE(flowjson_equal(&a, &b));
    CU_ASSERT_PTR_NOT_EQUAL(a.name, b.name);
    CU_ASSERT_STRING_EQUAL(b.name, "x");
    CU_ASSERT_PTR_EQUAL(b.fm.instructions.apply.actions, b.apply);
    CU_ASSERT_PTR_EQUAL(b.fm.instructions.write.actions, b.write);

    /* The copy does not share the action arrays. */
    a.apply[1].u.output.port = 9;
    CU_ASSERT_FALSE(flowjson_equal(&a, &b));
    a.apply[1].u.output.port = 2;
    CU_ASSERT_TRUE(flowjson_equal(&a, &b));

    /* Names take part in equality, NULL included. */
    flowjson_uninit(&a);
    CU_ASSERT_PTR_NULL(a.name);
    CU_ASSERT_FALSE(flowjson_equal(&a, &b));
    CU_ASSERT_FALSE(flowjson_equal(&b, &a));
    flowjson_uninit(&b);
    CU_ASSERT_TRUE(flowjson_equal(&a, &b));
    flowjson_uninit(NULL);

    /* The written body of a named flow carries its name. */
    expect_ok("{\"name\": \"web\", \"priority\": 7}", 0, &a);
    struct json_writer w;
    json_init(&w);
    char *json = json_finish(&w, flowjson_node(&w, &a));
    CU_ASSERT_STRING_EQUAL(json, "{\"name\": \"web\", \"table\": 0, "
                           "\"priority\": 7, \"match\": {}, \"actions\": [], "
                           "\"idle_timeout\": 0, \"hard_timeout\": 0}\n");
    free(json);
    flowjson_uninit(&a);
}

/* Open vSwitch connection tracking: ct_state and ct_zone in the match,
 * ct(...) among the actions, in the forms ovs-ofctl reads and writes. */
static void
test_conntrack(void)
{
    struct flowjson f;
    struct ofp_match m;

    expect_ok("{\"match\": {\"eth_type\": \"0x0800\", \"ct_state\": "
              "\"+trk+est\", \"ct_zone\": 5},"
              " \"actions\": [\"ct(commit,zone=5,table=1)\"]}",
              OFP13_VERSION, &f);
    build_match("eth_type=0x0800,ct_state=+est+trk,ct_zone=5", &m);
    CU_ASSERT_TRUE(ofp_match_equal(&f.fm.match, &m));
    CU_ASSERT_EQUAL_FATAL(f.fm.instructions.apply.n, 1);
    const struct ofp_action *a = &f.fm.instructions.apply.actions[0];
    CU_ASSERT_EQUAL(a->type, OFPACT_CT);
    CU_ASSERT_EQUAL(a->u.ct.flags, OFPACT_CT_F_COMMIT);
    CU_ASSERT_EQUAL(a->u.ct.zone, 5);
    CU_ASSERT_EQUAL(a->u.ct.recirc_table, 1);
    struct json_writer w;
    json_init(&w);
    char *json = json_finish(&w, flowjson_node(&w, &f));
    UNIT_ASSERT_CONTAINS(json, "\"match\": {\"eth_type\": \"0x0800\", "
                         "\"ct_state\": \"+est+trk\", \"ct_zone\": 5}, "
                         "\"actions\": [\"ct(commit,table=1,zone=5)\"]");
    free(json);

    /* An exact ct_state is a number or OVS's "a|b"; it is written back in
     * the latter form, or as the number 0. */
    static const struct {
        const char *in;
        const char *out;
    } exact[] = {
        { "34", "\"est|trk\"" },
        { "\"est|trk\"", "\"est|trk\"" },
        { "\"0x22/0xff\"", "\"est|trk\"" },
        { "0", "0" },
        { "\"0x20/0x20\"", "\"+trk\"" },
        { "\"-new+trk\"", "\"-new+trk\"" },
    };
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
        char body[128], want[128];
        snprintf(body, sizeof body, "{\"match\": {\"ct_state\": %s}}",
                 exact[i].in);
        snprintf(want, sizeof want, "\"match\": {\"ct_state\": %s}",
                 exact[i].out);
        expect_ok(body, 0, &f);
        json_init(&w);
        json = json_finish(&w, flowjson_node(&w, &f));
        UNIT_ASSERT_CONTAINS(json, want);
        free(json);
    }

    expect_error("{\"match\": {\"ct_state\": \"+trk+bogus\"}}", 0,
                 "body:1:25: match.ct_state: unknown ct_state flag 'bogus' "
                 "(expected new, est, rel, rpl, inv, trk, snat or dnat)");
    expect_error("{\"match\": {\"ct_state\": 256}}", 0,
                 "body:1:24: match.ct_state: value 256 out of range for "
                 "ct_state (0..255)");
    expect_error("{\"match\": {\"ct_zone\": \"5/0xff\"}}", 0,
                 "body:1:24: match.ct_zone: ct_zone cannot be masked");
    expect_error("{\"match\": {\"ct_state\": \"+trk\"}}", OFP10_VERSION,
                 "body:1:25: match.ct_state: ct_state cannot be matched in "
                 "OpenFlow 1.0");
    expect_error("{\"match\": {\"eth_type\": \"0x0800\"},"
                 " \"actions\": [\"ct(commit)\"]}", OFP10_VERSION,
                 "body:1:48: actions[0]: action ct(commit) does not exist in "
                 "OpenFlow 1.0");
    /* What Open vSwitch would refuse as OFPBAC_MATCH_INCONSISTENT. */
    expect_error("{\"actions\": [\"output:1\", \"ct(commit)\"]}", 0,
                 "body:1:27: actions[1]: ct needs eth_type 0x0800 or 0x86dd "
                 "in the match (Open vSwitch refuses it otherwise)");
    expect_error("{\"match\": {\"eth_type\": \"0x0800\"},"
                 " \"write_actions\": [\"ct(alg=ftp)\"]}", OFP13_VERSION,
                 "body:1:54: write_actions[0]: ct needs ip_proto 6 (its ALG "
                 "is ftp) in the match (Open vSwitch refuses it otherwise)");
    expect_error("{\"match\": {\"eth_type\": \"0x0800\", \"ip_proto\": 6},"
                 " \"actions\": [\"ct(alg=tftp)\"]}", 0,
                 "body:1:63: actions[0]: ct needs ip_proto 17 (its ALG is "
                 "tftp) in the match (Open vSwitch refuses it otherwise)");
    expect_error("{\"match\": {\"eth_type\": \"0x0800\"},"
                 " \"actions\": [\"ct(commit,exec(len=16))\"]}", 0,
                 "body:1:48: actions[0]: ct nested actions (exec, nat) are "
                 "shown but cannot be given");
}

static const CU_TestInfo flowjson_tests[] = {
    { "defaults", test_defaults },
    { "every key", test_every_key },
    { "match values", test_match_values },
    { "errors", test_errors },
    { "stats round trip", test_stats_round_trip },
    { "stats golden", test_stats_golden },
    { "match node", test_match_node },
    { "copy and equality", test_copy },
    { "conntrack", test_conntrack },
    CU_TEST_INFO_NULL,
};

void
test_flowjson_register(void)
{
    unit_add_suite("flowjson", flowjson_tests);
}
