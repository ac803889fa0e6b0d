/* Unit tests for ofproto/ofp-print.c: the exact text of representative
 * messages (decoded from hand-checked hex or built in code) and what
 * ofp_print_bytes() says about bytes that do not decode. */
#include <config.h>

#include "tests/unit/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-msgs.h"
#include "ofproto/ofp-print.h"

/* Checks that ofp_print_bytes() of 'hex' is exactly 'want'. */
static void
assert_prints(const char *hex, const char *want)
{
    size_t size;
    uint8_t *p = unit_hex(hex, &size);
    if (!p) {
        return;
    }
    struct ds ds = DS_EMPTY_INITIALIZER;
    ofp_print_bytes(p, size, &ds);
    if (strcmp(ds_cstr(&ds), want)) {
        fprintf(stderr, "\ngot:\n[%s]\nwant:\n[%s]\n", ds_cstr(&ds), want);
    }
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), want);
    ds_destroy(&ds);
    free(p);
}

static void
assert_formats(const struct ofp_msg *msg, const char *want)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    ofp_msg_format(msg, &ds);
    if (strcmp(ds_cstr(&ds), want)) {
        fprintf(stderr, "\ngot:\n[%s]\nwant:\n[%s]\n", ds_cstr(&ds), want);
    }
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), want);
    ds_destroy(&ds);
}

#define ARP_FRAME_HEX "ff ff ff ff ff ff 00 11 22 33 44 55 08 06"
#define PHY_PORT_10_HEX \
    "00 03 00 11 22 33 44 03 65 74 68 33 00 00 00 00" \
    "00 00 00 00 00 00 00 00 00 00 00 10 00 00 03 00" \
    "00 00 00 a0 00 00 00 00 00 00 00 00 00 00 00 00"

static void
test_print_flow_mod(void)
{
    /* The same bytes print in ovs-ofctl as "OFPT_FLOW_MOD (OF1.3)
     * (xid=0x2a): ADD priority=100,in_port=1 cookie:0x1 idle:10
     * send_flow_rem actions=output:2". */
    assert_prints("04 0e 00 58 00 00 00 2a"
                  "00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00"
                  "00 00 00 0a 00 00 00 64 ff ff ff ff ff ff ff ff"
                  "ff ff ff ff 00 01 00 00"
                  "00 01 00 0c 80 00 00 04 00 00 00 01 00 00 00 00"
                  "00 04 00 18 00 00 00 00"
                  "00 00 00 10 00 00 00 02 ff e5 00 00 00 00 00 00",
                  "FLOW_MOD (OF1.3) xid=0x2a: ADD table=0 cookie=0x1 "
                  "priority=100 idle=10 hard=0 buffer=none "
                  "flags=send_flow_rem match=in_port=1 "
                  "instructions=apply_actions(output:2)");

    /* 1.0 DELETE with EMERG and out_port. */
    assert_prints("01 0e 00 48 00 00 00 03"
                  "00 3f ff ff 00 00 00 00 00 00 00 00 00 00 00 00"
                  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                  "00 00 00 00 00 00 00 00"
                  "00 00 00 00 00 00 00 00 00 03 00 00 00 00 80 00"
                  "ff ff ff ff 00 05 00 04",
                  "FLOW_MOD (OF1.0) xid=0x3: DELETE table=all cookie=0x0 "
                  "priority=32768 idle=0 hard=0 buffer=none out_port=5 "
                  "flags=emerg match=any instructions=drop");

    /* Built in code: cookie mask, out_group, several flags. */
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_FLOW_MOD, 0x10);
    msg.version = OFP13_VERSION;
    msg.u.flow_mod.command = OFPFC_DELETE_STRICT;
    msg.u.flow_mod.table_id = 5;
    msg.u.flow_mod.cookie = 0xa0;
    msg.u.flow_mod.cookie_mask = 0xf0;
    msg.u.flow_mod.out_group = 7;
    msg.u.flow_mod.buffer_id = 0x1234;
    msg.u.flow_mod.flags = OFPFF_CHECK_OVERLAP | OFPFF_NO_PKT_COUNTS;
    assert_formats(&msg, "FLOW_MOD (OF1.3) xid=0x10: DELETE_STRICT table=5 "
                   "cookie=0xa0 cookie_mask=0xf0 priority=0 idle=0 hard=0 "
                   "buffer=0x1234 out_group=7 "
                   "flags=check_overlap,no_pkt_counts match=any "
                   "instructions=drop");
}

static void
test_print_features(void)
{
    assert_prints("01 06 00 50 00 00 00 02"
                  "00 00 00 00 00 00 0a bc 00 00 01 00"
                  "fe 00 00 00 00 00 00 c7 00 00 0f ff" PHY_PORT_10_HEX,
                  "FEATURES_REPLY (OF1.0) xid=0x2: dpid=0000000000000abc "
                  "n_buffers=256 n_tables=254 capabilities=0xc7 "
                  "actions=0xfff\n"
                  "  3(eth3): addr=00:11:22:33:44:03 config=NO_FLOOD "
                  "state=BLOCKED stp=block curr=1GB-FD|COPPER");
    assert_prints("04 06 00 20 00 00 00 02"
                  "00 00 00 00 00 00 0a bc 00 00 01 00"
                  "fe 01 00 00 00 00 00 4f 00 00 00 00",
                  "FEATURES_REPLY (OF1.3) xid=0x2: dpid=0000000000000abc "
                  "n_buffers=256 n_tables=254 auxiliary_id=1 "
                  "capabilities=0x4f");
    assert_prints("04 05 00 08 00 00 00 09",
                  "FEATURES_REQUEST (OF1.3) xid=0x9");
}

static void
test_print_packet_in_out(void)
{
    assert_prints("04 0a 00 38 00 00 00 07 ff ff ff ff 00 0e 01 02"
                  "00 00 00 00 00 00 00 ab"
                  "00 01 00 0c 80 00 00 04 00 00 00 03 00 00 00 00"
                  "00 00" ARP_FRAME_HEX,
                  "PACKET_IN (OF1.3) xid=0x7: reason=action table=2 "
                  "cookie=0xab in_port=3 total_len=14 data_len=14 "
                  "buffer=none match=in_port=3");
    assert_prints("01 0a 00 20 00 00 00 07 00 00 01 00 00 3c 00 03 00 00"
                  ARP_FRAME_HEX,
                  "PACKET_IN (OF1.0) xid=0x7: reason=no_match in_port=3 "
                  "total_len=60 data_len=14 buffer=0x100");
    assert_prints("01 0d 00 26 00 00 00 08 ff ff ff ff 00 01 00 08"
                  "00 00 00 08 00 02 00 00" ARP_FRAME_HEX,
                  "PACKET_OUT (OF1.0) xid=0x8: in_port=1 buffer=none "
                  "actions=output:2 data_len=14");
}

static void
test_print_error(void)
{
    /* The offending request decodes: it is printed nested. */
    assert_prints("01 01 00 14 00 00 00 05 00 01 00 06"
                  "01 05 00 08 00 00 00 05",
                  "ERROR (OF1.0) xid=0x5: OFPBRC_BAD_LEN\n"
                  "  FEATURES_REQUEST (OF1.0) xid=0x5");
    /* HELLO_FAILED carries text; control characters are escaped. */
    assert_prints("04 01 00 11 00 00 00 01 00 00 00 00 68 69 0a 22 01",
                  "ERROR (OF1.3) xid=0x1: OFPHFC_INCOMPATIBLE "
                  "\"hi\\x0a\\x22\\x01\"");
    /* Experimenter error with undecodable data: a hex dump. */
    assert_prints("04 01 00 12 00 00 00 05 ff ff 01 02 00 00 23 20 ab cd",
                  "ERROR (OF1.3) xid=0x5: type=experimenter exp_type=258 "
                  "experimenter=0x00002320 data_len=2\n"
                  "00000000  ab cd                  -                   "
                  "      |..|");
    /* Unknown code: the type by name, the code raw. */
    assert_prints("04 01 00 0c 00 00 00 05 00 01 00 63",
                  "ERROR (OF1.3) xid=0x5: type=OFPET_BAD_REQUEST code=99");

    /* An error reply echoing 64 of 80 bytes: the cut request is dumped. */
    uint8_t req[80];
    memset(req, 0, sizeof req);
    req[0] = 4;
    req[1] = 14;
    req[3] = 80;
    req[7] = 0x42;
    struct ofpbuf out = OFPBUF_INITIALIZER;
    ofp_encode_error_reply(OFPERR_OFPBMC_BAD_FIELD, req, sizeof req,
                           OFP13_VERSION, &out);
    struct ds ds = DS_EMPTY_INITIALIZER;
    ofp_print_bytes(out.data, out.size, &ds);
    UNIT_ASSERT_CONTAINS(ds_cstr(&ds), "ERROR (OF1.3) xid=0x42: "
                         "OFPBMC_BAD_FIELD data_len=64\n"
                         "00000000  04 0e 00 50 00 00 00 42-");
    UNIT_ASSERT_CONTAINS(ds_cstr(&ds), "\n00000030  ");
    ds_destroy(&ds);
    ofpbuf_uninit(&out);
}

static void
test_print_small(void)
{
    assert_prints("04 00 00 10 00 00 00 02 00 01 00 08 00 00 00 12",
                  "HELLO (OF1.3) xid=0x2: versions=OF1.0,OF1.3");
    assert_prints("01 00 00 08 00 00 00 01", "HELLO (OF1.0) xid=0x1");
    assert_prints("04 02 00 0c 00 00 00 01 70 69 6e 67",
                  "ECHO_REQUEST (OF1.3) xid=0x1: len=4");
    assert_prints("01 03 00 08 00 00 00 01", "ECHO_REPLY (OF1.0) xid=0x1");
    assert_prints("04 14 00 08 00 00 00 01",
                  "BARRIER_REQUEST (OF1.3) xid=0x1");
    assert_prints("01 09 00 0c 00 00 00 01 00 02 00 80",
                  "SET_CONFIG (OF1.0) xid=0x1: frags=reassemble "
                  "miss_send_len=128");
    assert_prints("04 04 00 13 00 00 00 04 00 ab cd ef 00 00 00 09"
                  "01 02 03",
                  "EXPERIMENTER (OF1.3) xid=0x4: experimenter=0x00abcdef "
                  "exp_type=9 len=3");
    assert_prints("04 18 00 18 00 00 00 12 00 00 00 02 00 00 00 00"
                  "01 02 03 04 05 06 07 08",
                  "ROLE_REQUEST (OF1.3) xid=0x12: role=master "
                  "generation_id=72623859790382856");
    assert_prints("01 0f 00 20 00 00 00 99 00 03 00 11 22 33 44 55"
                  "00 00 00 01 00 00 00 41 00 00 00 a0 00 00 00 00",
                  "PORT_MOD (OF1.0) xid=0x99: port=3 "
                  "addr=00:11:22:33:44:55 config=0x1 mask=0x41 "
                  "advertise=0x820");
}

static void
test_print_ports_and_flows(void)
{
    assert_prints("04 0c 00 50 00 00 00 00 00 00 00 00 00 00 00 00"
                  "00 00 00 07 00 00 00 00 00 11 22 33 44 07 00 00"
                  "76 65 74 68 2d 73 65 76 65 6e 00 00 00 00 00 00"
                  "00 00 00 01 00 00 00 04 00 00 08 20 00 00 20 20"
                  "00 00 80 21 00 00 10 00 00 0f 42 40 00 0f 42 40",
                  "PORT_STATUS (OF1.3) xid=0x0: ADD 7(veth-seven): "
                  "addr=00:11:22:33:44:07 config=PORT_DOWN state=LIVE "
                  "curr=1GB-FD|COPPER advertised=1GB-FD|AUTO_NEG "
                  "supported=10MB-HD|1GB-FD|PAUSE_ASYM peer=FIBER "
                  "speed=1000000/1000000kbps");
    assert_prints("01 0b 00 58 00 00 00 21"
                  "00 3f ff ff 00 00 00 00 00 00 00 00 00 00 00 00"
                  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                  "00 00 00 00 00 00 00 00"
                  "11 22 33 44 55 66 77 88 03 e8 01 00 00 00 00 3d"
                  "00 00 01 f4 00 0a 00 00 00 00 00 00 00 00 00 0c"
                  "00 00 00 00 00 00 0d 80",
                  "FLOW_REMOVED (OF1.0) xid=0x21: reason=hard "
                  "cookie=0x1122334455667788 priority=1000 "
                  "duration=61.000000500s idle=10 packets=12 bytes=3456 "
                  "match=any");
}

static void
test_print_dispatched(void)
{
    /* GROUP_MOD, METER_MOD and multipart bodies come from ofp-stats.c;
     * only the framing around them is this file's. */
    assert_prints("04 0f 00 10 00 00 00 61 00 02 00 00 00 00 00 05",
                  "GROUP_MOD (OF1.3) xid=0x61: DELETE group_id=5 type=all");
    assert_prints("04 12 00 10 00 00 00 31 00 00 00 00 00 00 00 00",
                  "DESC_REQUEST (OF1.3) xid=0x31");
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ofp_msg msg;
    ofp_msg_init(&msg, OFPMSG_AGGREGATE_REPLY, 1);
    msg.version = OFP13_VERSION;
    msg.mp_flags = OFPMPF_MORE;
    ofp_msg_format(&msg, &ds);
    UNIT_ASSERT_CONTAINS(ds_cstr(&ds),
                         "AGGREGATE_REPLY (OF1.3) xid=0x1: flags=more");
    ds_destroy(&ds);
}

static void
test_print_garbage(void)
{
    struct ds dump = DS_EMPTY_INITIALIZER;
    static const uint8_t three[] = { 0xde, 0xad, 0xbe };
    ofp_hex_dump(three, sizeof three, &dump);
    struct ds want = DS_EMPTY_INITIALIZER;
    ds_put_format(&want, "***decode error: OFPBRC_BAD_LEN***\n%s",
                  ds_cstr(&dump));
    assert_prints("de ad be", ds_cstr(&want));
    UNIT_ASSERT_CONTAINS(ds_cstr(&want), "00000000  de ad be ");
    ds_destroy(&dump);
    ds_destroy(&want);

    /* Unknown type, unknown version, unknown multipart, empty input. */
    struct ds ds = DS_EMPTY_INITIALIZER;
    static const uint8_t bad_type[] = { 4, 0xc8, 0, 8, 0, 0, 0, 1 };
    ofp_print_bytes(bad_type, sizeof bad_type, &ds);
    CU_ASSERT(!strncmp(ds_cstr(&ds), "***decode error: OFPBRC_BAD_TYPE***\n"
                       "00000000  04 c8 00 08", 49));
    ds_clear(&ds);
    static const uint8_t bad_version[] = { 3, 2, 0, 8, 0, 0, 0, 1 };
    ofp_print_bytes(bad_version, sizeof bad_version, &ds);
    UNIT_ASSERT_CONTAINS(ds_cstr(&ds),
                         "***decode error: OFPBRC_BAD_VERSION***\n");
    ds_clear(&ds);
    ofp_print_bytes(NULL, 0, &ds);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds),
                           "***decode error: OFPBRC_BAD_LEN***\n");
    ds_destroy(&ds);

    /* Every prefix of a valid message fails to decode but still prints. */
    size_t size;
    uint8_t *p = unit_hex("04 0a 00 38 00 00 00 07 ff ff ff ff 00 0e 01 02"
                          "00 00 00 00 00 00 00 ab"
                          "00 01 00 0c 80 00 00 04 00 00 00 03 00 00 00 00"
                          "00 00" ARP_FRAME_HEX, &size);
    for (size_t n = 0; p && n < size; n++) {
        ds_init(&ds);
        ofp_print_bytes(p, n, &ds);
        CU_ASSERT(!strncmp(ds_cstr(&ds), "***decode error: ", 17));
        ds_destroy(&ds);
    }
    free(p);
}

static const CU_TestInfo print_tests[] = {
    { "FLOW_MOD text", test_print_flow_mod },
    { "FEATURES text", test_print_features },
    { "PACKET_IN / PACKET_OUT text", test_print_packet_in_out },
    { "ERROR text", test_print_error },
    { "small messages", test_print_small },
    { "PORT_STATUS / FLOW_REMOVED text", test_print_ports_and_flows },
    { "dispatched bodies", test_print_dispatched },
    { "garbage", test_print_garbage },
    { NULL, NULL },
};

void
test_print_register(void)
{
    unit_add_suite("print", print_tests);
}
