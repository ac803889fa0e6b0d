/* Unit tests, suite "interop": every encoder, checked by Open vSwitch.
 *
 * For each message type of ofp-msgs.h, in each version that has it, a test
 * builds a 'struct ofp_msg' with non-trivial values, encodes it with
 * ofp_encode() and hands the bytes to 'ovs-ofctl ofp-print'.  OVS must
 * decode them without complaint (no "***" in its output) and print the same
 * meaning: its name for the type and version, our xid, and the values we
 * set, as OVS spells them.
 *
 * ovs-ofctl is required (package openvswitch-common); without it every test
 * fails and says so. */
#include <config.h>

#include "tests/unit/unit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-msgs.h"

/* OVS's name for each message type, as the first words of its ofp-print
 * output ("OFPT_FLOW_MOD", "OFPST_FLOW request"). */
static const char *const ovs_names[OFPMSG_N_TYPES] = {
    [OFPMSG_HELLO] = "OFPT_HELLO",
    [OFPMSG_ERROR] = "OFPT_ERROR",
    [OFPMSG_ECHO_REQUEST] = "OFPT_ECHO_REQUEST",
    [OFPMSG_ECHO_REPLY] = "OFPT_ECHO_REPLY",
    [OFPMSG_EXPERIMENTER] = NULL, /* Depends on the experimenter. */
    [OFPMSG_FEATURES_REQUEST] = "OFPT_FEATURES_REQUEST",
    [OFPMSG_FEATURES_REPLY] = "OFPT_FEATURES_REPLY",
    [OFPMSG_GET_CONFIG_REQUEST] = "OFPT_GET_CONFIG_REQUEST",
    [OFPMSG_GET_CONFIG_REPLY] = "OFPT_GET_CONFIG_REPLY",
    [OFPMSG_SET_CONFIG] = "OFPT_SET_CONFIG",
    [OFPMSG_PACKET_IN] = "OFPT_PACKET_IN",
    [OFPMSG_FLOW_REMOVED] = "OFPT_FLOW_REMOVED",
    [OFPMSG_PORT_STATUS] = "OFPT_PORT_STATUS",
    [OFPMSG_PACKET_OUT] = "OFPT_PACKET_OUT",
    [OFPMSG_FLOW_MOD] = "OFPT_FLOW_MOD",
    [OFPMSG_GROUP_MOD] = "OFPT_GROUP_MOD",
    [OFPMSG_PORT_MOD] = "OFPT_PORT_MOD",
    [OFPMSG_METER_MOD] = "OFPT_METER_MOD",
    [OFPMSG_BARRIER_REQUEST] = "OFPT_BARRIER_REQUEST",
    [OFPMSG_BARRIER_REPLY] = "OFPT_BARRIER_REPLY",
    [OFPMSG_ROLE_REQUEST] = "OFPT_ROLE_REQUEST",
    [OFPMSG_ROLE_REPLY] = "OFPT_ROLE_REPLY",
    [OFPMSG_DESC_REQUEST] = "OFPST_DESC request",
    [OFPMSG_DESC_REPLY] = "OFPST_DESC reply",
    [OFPMSG_FLOW_STATS_REQUEST] = "OFPST_FLOW request",
    [OFPMSG_FLOW_STATS_REPLY] = "OFPST_FLOW reply",
    [OFPMSG_AGGREGATE_REQUEST] = "OFPST_AGGREGATE request",
    [OFPMSG_AGGREGATE_REPLY] = "OFPST_AGGREGATE reply",
    [OFPMSG_TABLE_STATS_REQUEST] = "OFPST_TABLE request",
    [OFPMSG_TABLE_STATS_REPLY] = "OFPST_TABLE reply",
    [OFPMSG_PORT_STATS_REQUEST] = "OFPST_PORT request",
    [OFPMSG_PORT_STATS_REPLY] = "OFPST_PORT reply",
    [OFPMSG_PORT_DESC_REQUEST] = "OFPST_PORT_DESC request",
    [OFPMSG_PORT_DESC_REPLY] = "OFPST_PORT_DESC reply",
    [OFPMSG_GROUP_STATS_REQUEST] = "OFPST_GROUP request",
    [OFPMSG_GROUP_STATS_REPLY] = "OFPST_GROUP reply",
    [OFPMSG_GROUP_DESC_REQUEST] = "OFPST_GROUP_DESC request",
    [OFPMSG_GROUP_DESC_REPLY] = "OFPST_GROUP_DESC reply",
    [OFPMSG_GROUP_FEATURES_REQUEST] = "OFPST_GROUP_FEATURES request",
    [OFPMSG_GROUP_FEATURES_REPLY] = "OFPST_GROUP_FEATURES reply",
    [OFPMSG_METER_STATS_REQUEST] = "OFPST_METER request",
    [OFPMSG_METER_STATS_REPLY] = "OFPST_METER reply",
    [OFPMSG_METER_CONFIG_REQUEST] = "OFPST_METER_CONFIG request",
    [OFPMSG_METER_CONFIG_REPLY] = "OFPST_METER_CONFIG reply",
    [OFPMSG_METER_FEATURES_REQUEST] = "OFPST_METER_FEATURES request",
    [OFPMSG_METER_FEATURES_REPLY] = "OFPST_METER_FEATURES reply",
};

/* Encodes 'msg' for 'version', runs ovs-ofctl ofp-print on the bytes and
 * checks that OVS names the type, version and xid and prints every string
 * in 'expect' (NULL-terminated).  'ovs_name' overrides the name table. */
static void
interop_check(const struct ofp_msg *msg, uint8_t version,
              const char *ovs_name, const char *const expect[])
{
    struct ofpbuf out = OFPBUF_INITIALIZER;
    enum ofperr err = ofp_encode(msg, version, &out);
    if (err) {
        fprintf(stderr, "\n%s for version %d: encode failed: %s\n",
                ofp_msg_type_name(msg->type), version, ofperr_name(err));
    }
    CU_ASSERT_EQUAL(err, 0);
    if (err) {
        ofpbuf_uninit(&out);
        return;
    }

    char *text = unit_ovs_ofp_print(out.data, out.size, NULL);
    if (!text) {
        fprintf(stderr, "\n'ovs-ofctl ofp-print' failed or is missing: "
                "install openvswitch-common (or set OVS_OFCTL) to run the "
                "interop suite\n");
        CU_FAIL("ovs-ofctl missing: install openvswitch-common");
        ofpbuf_uninit(&out);
        return;
    }

    struct ds header = DS_EMPTY_INITIALIZER;
    ds_put_format(&header, "%s%s (xid=0x%"PRIx32")",
                  ovs_name ? ovs_name : ovs_names[msg->type],
                  version == OFP13_VERSION ? " (OF1.3)" : "", msg->xid);
    UNIT_ASSERT_CONTAINS(text, ds_cstr(&header));
    ds_destroy(&header);

    /* OVS marks anything it could not decode with "***". */
    if (strstr(text, "***")) {
        struct ds hex = DS_EMPTY_INITIALIZER;
        ds_put_hex(&hex, out.data, out.size);
        fprintf(stderr, "\nOVS could not decode our %s (version %d):\n%s\n"
                "%s\n", ofp_msg_type_name(msg->type), version, ds_cstr(&hex),
                text);
        ds_destroy(&hex);
    }
    CU_ASSERT_PTR_NULL(strstr(text, "***"));

    for (size_t i = 0; expect[i]; i++) {
        UNIT_ASSERT_CONTAINS(text, expect[i]);
    }
    free(text);
    ofpbuf_uninit(&out);
}

#define EXPECT(...) ((const char *const[]) { __VA_ARGS__, NULL })

/* ---- Shared values. ---------------------------------------------------- */

static const uint8_t mac_a[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t mac_b[6] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef };

/* An ARP request 10.0.0.2 -> 10.0.0.1, as a packet payload. */
static const uint8_t arp_request[42] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x02, 0x00,
    0x00, 0x00, 0x00, 0x02, 0x0a, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x0a, 0x00, 0x00, 0x01,
};

static struct ofp_action
act_output(uint32_t port, uint16_t max_len)
{
    struct ofp_action a = { .type = OFPACT_OUTPUT };
    a.u.output.port = port;
    a.u.output.max_len = max_len;
    return a;
}

static struct ofp_action
act_set_mac(enum ofp_field f, const uint8_t mac[6])
{
    struct ofp_action a = { .type = OFPACT_SET_FIELD };
    a.u.set_field.field = f;
    memcpy(a.u.set_field.value.mac, mac, 6);
    return a;
}

static struct ofp_action
act_set_u32(enum ofp_field f, uint32_t v)
{
    struct ofp_action a = { .type = OFPACT_SET_FIELD };
    a.u.set_field.field = f;
    a.u.set_field.value.u32 = v;
    return a;
}

static struct ofp_action
act_set_vlan_vid(uint16_t vid)
{
    struct ofp_action a = { .type = OFPACT_SET_FIELD };
    a.u.set_field.field = OFPF_VLAN_VID;
    a.u.set_field.value.u16 = OFPVID_PRESENT | vid;
    return a;
}

static struct ofp_action
act_ethertype(enum ofp_action_type type, uint16_t ethertype)
{
    struct ofp_action a = { .type = type };
    a.u.ethertype = ethertype;
    return a;
}

static struct ofp_action
act_group(uint32_t group_id)
{
    struct ofp_action a = { .type = OFPACT_GROUP };
    a.u.group_id = group_id;
    return a;
}

/* A port as both versions can carry it. */
static void
make_port(struct ofp_port *p, uint32_t port_no, const char *name,
          const uint8_t mac[6])
{
    memset(p, 0, sizeof *p);
    p->port_no = port_no;
    memcpy(p->hw_addr, mac, 6);
    snprintf(p->name, sizeof p->name, "%s", name);
    p->config = OFPPC_NO_PACKET_IN;
    p->state = OFPPS_LINK_DOWN;
    p->curr = OFPPF_1GB_FD | OFPPF_COPPER | OFPPF_AUTONEG;
    p->advertised = OFPPF_100MB_FD | OFPPF_1GB_FD;
    p->supported = OFPPF_10MB_HD | OFPPF_1GB_FD;
    p->peer = 0;
    p->curr_speed = 1000000;
    p->max_speed = 10000000;
}

/* "tcp,in_port=2,nw_dst=192.168.1.0/24,tp_dst=443". */
static void
make_match_tcp(struct ofp_match *m)
{
    union ofp_field_value v = { .u16 = 443 };
    ofp_match_init_catchall(m);
    ofp_match_set_in_port(m, 2);
    ofp_match_set_eth_type(m, 0x0800);
    ofp_match_set_ip_proto(m, 6);
    ofp_match_set_ipv4_dst(m, 0xc0a80100, 24);
    ofp_match_set(m, OFPF_TCP_DST, &v, NULL);
}

static uint32_t
versions_bit(uint8_t version)
{
    return 1u << version;
}

/* ---- Symmetric messages. ----------------------------------------------- */

static void
test_hello(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_HELLO, 0x11);
    interop_check(&m, OFP10_VERSION, NULL, EXPECT("version bitmap: 0x01"));

    ofp_msg_init(&m, OFPMSG_HELLO, 0x12);
    m.u.hello.has_bitmap = true;
    m.u.hello.version_bitmap = versions_bit(OFP10_VERSION)
                               | versions_bit(OFP13_VERSION);
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("version bitmap: 0x01, 0x04"));
}

static void
test_error(void)
{
    /* The data is the start of the offending request: a BARRIER_REQUEST
     * with xid 0x99, which OVS decodes and prints. */
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        uint8_t req[8] = { v, v == OFP13_VERSION ? 20 : 18, 0, 8,
                           0, 0, 0, 0x99 };
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_ERROR, 0x21);
        m.u.error.err = OFPERR_OFPBAC_BAD_OUT_PORT;
        m.u.error.data = req;
        m.u.error.data_len = sizeof req;
        interop_check(&m, v, NULL,
                      EXPECT("OFPBAC_BAD_OUT_PORT",
                             "OFPT_BARRIER_REQUEST", "xid=0x99"));
    }
}

static void
test_echo(void)
{
    static const uint8_t payload[] = "interop!";
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_ECHO_REQUEST, 0x31);
        m.u.echo.data = payload;
        m.u.echo.len = 8;
        interop_check(&m, v, NULL,
                      EXPECT("8 bytes of payload", "|interop!"));
        ofp_msg_init(&m, OFPMSG_ECHO_REPLY, 0x32);
        m.u.echo.data = payload;
        m.u.echo.len = 5;
        interop_check(&m, v, NULL, EXPECT("5 bytes of payload", "|inter"));
    }
}

/* OVS refuses experimenters it does not know, so these use one it does:
 * Nicira's NXT_SET_CONTROLLER_ID (subtype 20; body: 6 bytes of padding and
 * a 16-bit id).  In 1.0 the subtype is the first word of the vendor body;
 * in 1.3 it is the experimenter header's exp_type. */
#define NX_VENDOR_ID 0x00002320
#define NXT_SET_CONTROLLER_ID 20
static void
test_experimenter(void)
{
    static const uint8_t body10[12] = { 0, 0, 0, NXT_SET_CONTROLLER_ID,
                                        0, 0, 0, 0, 0, 0, 0x01, 0x2c };
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_EXPERIMENTER, 0x41);
    m.u.experimenter.experimenter = NX_VENDOR_ID;
    m.u.experimenter.data = body10;
    m.u.experimenter.len = sizeof body10;
    interop_check(&m, OFP10_VERSION, "NXT_SET_CONTROLLER_ID",
                  EXPECT("id=300"));

    static const uint8_t body13[8] = { 0, 0, 0, 0, 0, 0, 0x00, 0x2a };
    ofp_msg_init(&m, OFPMSG_EXPERIMENTER, 0x42);
    m.u.experimenter.experimenter = NX_VENDOR_ID;
    m.u.experimenter.exp_type = NXT_SET_CONTROLLER_ID;
    m.u.experimenter.data = body13;
    m.u.experimenter.len = sizeof body13;
    interop_check(&m, OFP13_VERSION, "NXT_SET_CONTROLLER_ID",
                  EXPECT("id=42"));
}

static void
test_barrier(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_BARRIER_REQUEST, 0x51);
        interop_check(&m, v, NULL, EXPECT(""));
        ofp_msg_init(&m, OFPMSG_BARRIER_REPLY, 0x52);
        interop_check(&m, v, NULL, EXPECT(""));
    }
}

/* ---- Switch configuration. --------------------------------------------- */

static void
test_features(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_FEATURES_REQUEST, 0x61);
        interop_check(&m, v, NULL, EXPECT(""));
    }

    struct ofp_port ports[2];
    make_port(&ports[0], 7, "eth7", mac_a);
    make_port(&ports[1], OFPP_LOCAL, "br-int", mac_b);
    ports[1].config = OFPPC_PORT_DOWN | OFPPC_NO_FLOOD;
    ports[1].state = 0;

    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_FEATURES_REPLY, 0x62);
    struct ofp_switch_features *f = &m.u.features;
    f->datapath_id = 0x0000123456789abcULL;
    f->n_buffers = 256;
    f->n_tables = 64;
    f->capabilities = 0x87;     /* FLOW, TABLE, PORT stats; ARP_MATCH_IP. */
    f->actions = 0x803;         /* output, set_vlan_vid, enqueue. */
    f->ports = ports;
    f->n_ports = 2;
    interop_check(&m, OFP10_VERSION, NULL,
                  EXPECT("dpid:0000123456789abc",
                         "n_tables:64, n_buffers:256",
                         "capabilities: FLOW_STATS TABLE_STATS PORT_STATS "
                         "ARP_MATCH_IP",
                         /* OVS lists them in its own order. */
                         "actions: output enqueue set_vlan_vid",
                         " 7(eth7): addr:52:54:00:12:34:56",
                         " LOCAL(br-int): addr:52:54:00:ab:cd:ef",
                         "config:     PORT_DOWN NO_FLOOD",
                         "config:     NO_PACKET_IN",
                         "state:      LINK_DOWN",
                         "current:    1GB-FD COPPER AUTO_NEG",
                         "advertised: 100MB-FD 1GB-FD",
                         "supported:  10MB-HD 1GB-FD"));

    ofp_msg_init(&m, OFPMSG_FEATURES_REPLY, 0x63);
    f->datapath_id = 0xfedcba9876543210ULL;
    f->n_buffers = 0;
    f->n_tables = 254;
    f->auxiliary_id = 0;
    f->capabilities = 0x14f; /* + GROUP_STATS, QUEUE_STATS, PORT_BLOCKED */
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("dpid:fedcba9876543210",
                         "n_tables:254, n_buffers:0",
                         "capabilities: FLOW_STATS TABLE_STATS PORT_STATS "
                         "GROUP_STATS QUEUE_STATS PORT_BLOCKED"));
}

static void
test_config(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_GET_CONFIG_REQUEST, 0x71);
        interop_check(&m, v, NULL, EXPECT(""));

        ofp_msg_init(&m, OFPMSG_GET_CONFIG_REPLY, 0x72);
        m.u.config.flags = OFPC_FRAG_DROP;
        m.u.config.miss_send_len = 200;
        interop_check(&m, v, NULL,
                      EXPECT("frags=drop miss_send_len=200"));

        ofp_msg_init(&m, OFPMSG_SET_CONFIG, 0x73);
        m.u.config.flags = OFPC_FRAG_REASM;
        m.u.config.miss_send_len = 0xffff;
        interop_check(&m, v, NULL,
                      EXPECT("frags=reassemble miss_send_len=65535"));
    }
}

static void
test_port_mod(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_PORT_MOD, 0x81);
        m.u.port_mod.port_no = 3;
        memcpy(m.u.port_mod.hw_addr, mac_a, 6);
        m.u.port_mod.config = OFPPC_PORT_DOWN;
        m.u.port_mod.mask = OFPPC_PORT_DOWN | OFPPC_NO_PACKET_IN;
        m.u.port_mod.advertise = OFPPF_1GB_FD | OFPPF_PAUSE;
        interop_check(&m, v, NULL,
                      EXPECT("port: 3: addr:52:54:00:12:34:56",
                             "config: PORT_DOWN",
                             "mask:   PORT_DOWN NO_PACKET_IN",
                             /* OVS's name for OFPPF_PAUSE. */
                             "advertise: 1GB-FD AUTO_PAUSE"));
    }
}

static void
test_role(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_ROLE_REQUEST, 0x91);
    m.u.role.role = OFPCR_ROLE_SLAVE;
    m.u.role.generation_id = 42;
    /* OVS 3.x calls a slave "secondary", older versions "slave". */
    interop_check(&m, OFP13_VERSION, NULL, EXPECT("generation_id=42"));

    ofp_msg_init(&m, OFPMSG_ROLE_REPLY, 0x92);
    m.u.role.role = OFPCR_ROLE_EQUAL;
    m.u.role.generation_id = 0x123456789ULL;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("role=equal", "generation_id=4886718345"));

    ofp_msg_init(&m, OFPMSG_ROLE_REQUEST, 0x93);
    m.u.role.role = OFPCR_ROLE_NOCHANGE;
    interop_check(&m, OFP13_VERSION, NULL, EXPECT("role=nochange"));
}

/* ---- Asynchronous messages. -------------------------------------------- */

static void
test_packet_in(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_PACKET_IN, 0xa1);
    struct ofp_packet_in *p = &m.u.packet_in;
    p->buffer_id = 0x55;
    p->total_len = 60;
    p->reason = OFPR_ACTION;
    p->in_port = 3;
    p->data = arp_request;
    p->data_len = sizeof arp_request;
    interop_check(&m, OFP10_VERSION, NULL,
                  EXPECT("total_len=60 in_port=3 (via action) data_len=42 "
                         "buffer=0x00000055",
                         "arp,", "arp_spa=10.0.0.2,arp_tpa=10.0.0.1"));

    ofp_msg_init(&m, OFPMSG_PACKET_IN, 0xa2);
    p->buffer_id = OFP_NO_BUFFER;
    p->total_len = 42;
    p->reason = OFPR_NO_MATCH;
    p->table_id = 4;
    p->cookie = 0xfeed;
    p->in_port = 9;
    p->data = arp_request;
    p->data_len = sizeof arp_request;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("table_id=4 cookie=0xfeed total_len=42 in_port=9 "
                         "(via no_match) data_len=42 (unbuffered)",
                         "dl_src=02:00:00:00:00:02"));
}

static void
test_flow_removed(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_FLOW_REMOVED, 0xb1);
        struct ofp_flow_removed *r = &m.u.flow_removed;
        r->cookie = 0xabc;
        r->priority = 1234;
        r->reason = OFPRR_IDLE_TIMEOUT;
        r->duration_sec = 5;
        r->duration_nsec = 500000000;
        r->idle_timeout = 30;
        r->packet_count = 10;
        r->byte_count = 1000;
        make_match_tcp(&r->match);
        if (v == OFP13_VERSION) {
            r->table_id = 3;
            r->hard_timeout = 60;
            r->reason = OFPRR_DELETE;
            interop_check(&m, v, NULL,
                          EXPECT("priority=1234,tcp,in_port=2,"
                                 "nw_dst=192.168.1.0/24,tp_dst=443 "
                                 "reason=delete table_id=3 cookie:0xabc "
                                 "duration5.500s idle30 hard60 pkts10 "
                                 "bytes1000"));
        } else {
            interop_check(&m, v, NULL,
                          EXPECT("priority=1234,tcp,in_port=2,"
                                 "nw_dst=192.168.1.0/24,tp_dst=443 "
                                 "reason=idle cookie:0xabc duration5.500s "
                                 "idle30 pkts10 bytes1000"));
        }
    }
}

static void
test_port_status(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_PORT_STATUS, 0xc1);
        m.u.port_status.reason = i ? OFPPR_DELETE : OFPPR_ADD;
        make_port(&m.u.port_status.desc, 5, "veth5", mac_b);
        if (v == OFP13_VERSION) {
            interop_check(&m, v, NULL,
                          EXPECT("DEL: 5(veth5): addr:52:54:00:ab:cd:ef",
                                 "config:     NO_PACKET_IN",
                                 "state:      LINK_DOWN",
                                 "current:    1GB-FD COPPER AUTO_NEG",
                                 "speed: 1000 Mbps now, 10000 Mbps max"));
        } else {
            interop_check(&m, v, NULL,
                          EXPECT("ADD: 5(veth5): addr:52:54:00:ab:cd:ef",
                                 "config:     NO_PACKET_IN",
                                 "state:      LINK_DOWN",
                                 "current:    1GB-FD COPPER AUTO_NEG",
                                 "speed: 1000 Mbps now, 1000 Mbps max"));
        }
    }
}

/* ---- Controller commands. ---------------------------------------------- */

static void
test_packet_out(void)
{
    struct ofp_action acts[2];
    acts[0] = act_set_mac(OFPF_ETH_SRC, mac_a);
    acts[1] = act_output(2, 0);
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_PACKET_OUT, 0xd1);
        m.u.packet_out.in_port = i ? 4 : OFPP_CONTROLLER;
        m.u.packet_out.actions.actions = acts;
        m.u.packet_out.actions.n = 2;
        m.u.packet_out.data = arp_request;
        m.u.packet_out.data_len = sizeof arp_request;
        if (v == OFP13_VERSION) {
            interop_check(&m, v, NULL,
                          EXPECT("in_port=4 actions=set_field:52:54:00:12:"
                                 "34:56->eth_src,output:2 data_len=42",
                                 "arp_op=1"));
        } else {
            interop_check(&m, v, NULL,
                          EXPECT("in_port=CONTROLLER actions=mod_dl_src:52:"
                                 "54:00:12:34:56,output:2 data_len=42",
                                 "arp_op=1"));
        }
    }

    /* A buffered packet: no data. */
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_PACKET_OUT, 0xd2);
    m.u.packet_out.buffer_id = 0x1234;
    m.u.packet_out.in_port = 1;
    m.u.packet_out.actions.actions = &acts[1];
    m.u.packet_out.actions.n = 1;
    interop_check(&m, OFP10_VERSION, NULL,
                  EXPECT("in_port=1 actions=output:2 buffer=0x00001234"));
}

static void
test_flow_mod10(void)
{
    struct ofp_action acts[4];
    acts[0] = act_set_u32(OFPF_IPV4_DST, 0x0a000063);
    acts[1] = act_set_vlan_vid(7);
    acts[2] = act_output(3, 0);
    acts[3] = act_output(OFPP_CONTROLLER, 128);

    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_FLOW_MOD, 0xe1);
    struct ofp_flow_mod *f = &m.u.flow_mod;
    f->command = OFPFC_ADD;
    f->cookie = 0x99;
    f->priority = 300;
    f->idle_timeout = 10;
    f->hard_timeout = 20;
    f->flags = OFPFF_SEND_FLOW_REM | OFPFF_CHECK_OVERLAP;
    make_match_tcp(&f->match);
    f->instructions.present = OFPIB_APPLY_ACTIONS;
    f->instructions.apply.actions = acts;
    f->instructions.apply.n = 4;
    interop_check(&m, OFP10_VERSION, NULL,
                  EXPECT("ADD priority=300,tcp,in_port=2,"
                         "nw_dst=192.168.1.0/24,tp_dst=443 cookie:0x99 "
                         "idle:10 hard:20 send_flow_rem check_overlap "
                         "actions=mod_nw_dst:10.0.0.99,mod_vlan_vid:7,"
                         "output:3,CONTROLLER:128"));

    ofp_msg_init(&m, OFPMSG_FLOW_MOD, 0xe2);
    f->command = OFPFC_DELETE_STRICT;
    f->table_id = OFPTT_ALL;
    f->priority = 5;
    f->out_port = 3;
    ofp_match_set_eth_src(&f->match, mac_a);
    interop_check(&m, OFP10_VERSION, NULL,
                  EXPECT("DEL_STRICT priority=5,"
                         "dl_src=52:54:00:12:34:56 out_port:3 actions=drop"));

    ofp_msg_init(&m, OFPMSG_FLOW_MOD, 0xe3);
    f->command = OFPFC_MODIFY;
    ofp_match_set_no_vlan(&f->match);
    f->instructions.present = OFPIB_APPLY_ACTIONS;
    f->instructions.apply.actions = &acts[2];
    f->instructions.apply.n = 1;
    interop_check(&m, OFP10_VERSION, NULL,
                  EXPECT("MOD priority=0,vlan_tci=0x0000 "
                         "actions=output:3"));
}

static void
test_flow_mod13(void)
{
    struct ofp_action apply[4], write[2];
    apply[0] = act_ethertype(OFPACT_PUSH_VLAN, 0x8100);
    apply[1] = act_set_vlan_vid(100);
    apply[2] = act_set_mac(OFPF_ETH_DST, mac_b);
    apply[3] = act_output(3, 0);
    write[0] = act_group(12);
    write[1] = act_ethertype(OFPACT_POP_VLAN, 0);

    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_FLOW_MOD, 0xe4);
    struct ofp_flow_mod *f = &m.u.flow_mod;
    f->command = OFPFC_ADD;
    f->table_id = 1;
    f->cookie = 0xc0ffee;
    f->priority = 300;
    f->idle_timeout = 10;
    f->hard_timeout = 20;
    f->flags = OFPFF_SEND_FLOW_REM | OFPFF_RESET_COUNTS;
    make_match_tcp(&f->match);
    struct ofp_instructions *ins = &f->instructions;
    ins->present = OFPIB_METER | OFPIB_APPLY_ACTIONS | OFPIB_WRITE_ACTIONS
                   | OFPIB_WRITE_METADATA | OFPIB_GOTO_TABLE;
    ins->meter_id = 9;
    ins->apply.actions = apply;
    ins->apply.n = 4;
    ins->write.actions = write;
    ins->write.n = 2;
    ins->metadata = 0x1;
    ins->metadata_mask = 0xff;
    ins->goto_table = 2;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("ADD table:1 priority=300,tcp,in_port=2,"
                         "nw_dst=192.168.1.0/24,tp_dst=443 cookie:0xc0ffee "
                         "idle:10 hard:20 send_flow_rem reset_counts "
                         "actions=meter:9,push_vlan:0x8100,"
                         "set_field:4196->vlan_vid,"
                         "set_field:52:54:00:ab:cd:ef->eth_dst,output:3,"
                         "write_actions(group:12,pop_vlan),"
                         "write_metadata:0x1/0xff,goto_table:2"));

    /* An IPv6 match and a masked one; clear_actions. */
    ofp_msg_init(&m, OFPMSG_FLOW_MOD, 0xe5);
    f->command = OFPFC_MODIFY_STRICT;
    f->table_id = 7;
    f->priority = 17;
    f->cookie = 0x100;
    f->cookie_mask = 0xf00;
    union ofp_field_value v, mask;
    memset(&v, 0, sizeof v);
    memset(&mask, 0, sizeof mask);
    ofp_match_set_eth_type(&f->match, 0x86dd);
    v.ipv6[0] = 0xfe;
    v.ipv6[1] = 0x80;
    v.ipv6[15] = 0x01;
    memset(mask.ipv6, 0xff, 16);
    ofp_match_set(&f->match, OFPF_IPV6_DST, &v, &mask);
    memset(&v, 0, sizeof v);
    memset(&mask, 0, sizeof mask);
    v.u64 = 0x1200;
    mask.u64 = 0xff00;
    ofp_match_set(&f->match, OFPF_METADATA, &v, &mask);
    f->instructions.present = OFPIB_CLEAR_ACTIONS;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("MOD_STRICT table:7 priority=17,"
                         "ipv6,metadata=0x1200/0xff00,ipv6_dst=fe80::1 "
                         "cookie:0x100/0xf00 actions=clear_actions"));

    /* Delete by out_port and out_group.  OVS does not print out_group in
     * a FLOW_MOD, so the test checks its bytes (offset 40) itself. */
    ofp_msg_init(&m, OFPMSG_FLOW_MOD, 0xe6);
    f->command = OFPFC_DELETE;
    f->table_id = OFPTT_ALL;
    f->out_port = 6;
    f->out_group = 12;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("DEL table:255 priority=0 out_port:6 "
                         "actions=drop"));
    struct ofpbuf out = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL_FATAL(ofp_encode(&m, OFP13_VERSION, &out), 0);
    CU_ASSERT_FATAL(out.size >= 48);
    static const uint8_t ports_groups[8] = { 0, 0, 0, 6, 0, 0, 0, 12 };
    CU_ASSERT_EQUAL(memcmp(ofpbuf_at(&out, 36, 8), ports_groups, 8), 0);
    ofpbuf_uninit(&out);
}

/* Open vSwitch connection tracking: ct_state and ct_zone travel as NXM
 * TLVs in the OXM match, ct as Nicira's NXAST_CT.  OVS prints the same
 * match and action, the flow-mod carries the very bytes ovs-ofctl writes
 * for "priority=10,ip,ct_state=+trk+est,ct_zone=7,
 * actions=ct(commit,zone=1,table=2)", and OpenFlow 1.0 is refused. */
static void
make_match_ct(struct ofp_match *m)
{
    union ofp_field_value v, mask;
    ofp_match_init_catchall(m);
    ofp_match_set_eth_type(m, 0x0800);
    memset(&v, 0, sizeof v);
    memset(&mask, 0, sizeof mask);
    v.u32 = OFPCS_TRK | OFPCS_EST;
    mask.u32 = OFPCS_TRK | OFPCS_EST;
    ofp_match_set(m, OFPF_CT_STATE, &v, &mask);
    memset(&v, 0, sizeof v);
    v.u16 = 7;
    ofp_match_set(m, OFPF_CT_ZONE, &v, NULL);
}

static struct ofp_action
act_ct(uint16_t flags, uint16_t zone, uint8_t table)
{
    struct ofp_action a = { .type = OFPACT_CT };
    a.u.ct.flags = flags;
    a.u.ct.zone = zone;
    a.u.ct.recirc_table = table;
    return a;
}

static void
test_flow_mod13_ct(void)
{
    struct ofp_action act = act_ct(OFPACT_CT_F_COMMIT, 1, 2);
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_FLOW_MOD, 1);
    struct ofp_flow_mod *f = &m.u.flow_mod;
    f->command = OFPFC_ADD;
    f->priority = 10;
    make_match_ct(&f->match);
    f->instructions.present = OFPIB_APPLY_ACTIONS;
    f->instructions.apply.actions = &act;
    f->instructions.apply.n = 1;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("ADD priority=10,ct_state=+est+trk,ct_zone=7,ip "
                         "actions=ct(commit,table=2,zone=1)"));

    static const char ovs_hex[] =
        "04 0e 0070 00000001 0000000000000000 0000000000000000"
        "00 00 0000 0000 000a ffffffff ffffffff ffffffff 0000 0000"
        "0001 001c 80000a02 0800 0001d308 00000022 00000022 0001d402 0007"
        "00000000"
        "0004 0020 00000000"
        "ffff 0018 00002320 0023 0001 00000000 0001 02 000000 0000";
    size_t size;
    uint8_t *want = unit_hex(ovs_hex, &size);
    struct ofpbuf out = OFPBUF_INITIALIZER;
    CU_ASSERT_EQUAL(ofp_encode(&m, OFP13_VERSION, &out), 0);
    CU_ASSERT_EQUAL(out.size, size);
    CU_ASSERT_TRUE(want && out.size == size
                   && !memcmp(out.data, want, size));

    /* Decoding OVS's bytes gives the message back. */
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg back;
    CU_ASSERT_EQUAL_FATAL(ofp_decode(want, size, &arena, &back), 0);
    CU_ASSERT_TRUE(ofp_match_equal(&back.u.flow_mod.match, &f->match));
    CU_ASSERT_TRUE(ofp_instructions_equal(&back.u.flow_mod.instructions,
                                          &f->instructions));
    ofp_arena_uninit(&arena);
    free(want);

    /* OpenFlow 1.0 can carry neither the match nor the action. */
    ofpbuf_clear(&out);
    CU_ASSERT_EQUAL(ofp_encode(&m, OFP10_VERSION, &out),
                    OFPERR_OFPBMC_BAD_FIELD);
    CU_ASSERT_EQUAL(out.size, 0);
    ofp_match_init_catchall(&f->match);
    ofp_match_set_eth_type(&f->match, 0x0800);
    CU_ASSERT_EQUAL(ofp_encode(&m, OFP10_VERSION, &out),
                    OFPERR_OFPBAC_BAD_TYPE);
    CU_ASSERT_EQUAL(out.size, 0);
    ofpbuf_uninit(&out);
}

/* A flow-stats reply and a packet-in carrying conntrack state, as a switch
 * would send them after a ct action: OVS reads what we write. */
static void
test_ct_async(void)
{
    struct ofp_action act[2];
    act[0] = act_ct(OFPACT_CT_F_COMMIT | OFPACT_CT_F_FORCE, 9,
                    OFPACT_CT_RECIRC_NONE);
    act[1] = act_output(2, 0);
    struct ofp_flow_stats e;
    memset(&e, 0, sizeof e);
    e.priority = 20;
    e.packet_count = 3;
    make_match_ct(&e.match);
    e.instructions.present = OFPIB_APPLY_ACTIONS;
    e.instructions.apply.actions = act;
    e.instructions.apply.n = 2;
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_FLOW_STATS_REPLY, 0x124);
    m.u.flow_stats_reply.entries = &e;
    m.u.flow_stats_reply.n = 1;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("priority=20,ct_state=+est+trk,ct_zone=7,ip "
                         "actions=ct(commit,force,zone=9),output:2"));

    /* The packet-in match says the connection is new and tracked: an
     * exact ct_state, which OVS prints as "new|trk". */
    ofp_msg_init(&m, OFPMSG_PACKET_IN, 0x125);
    struct ofp_packet_in *p = &m.u.packet_in;
    p->buffer_id = OFP_NO_BUFFER;
    p->total_len = 42;
    p->reason = OFPR_ACTION;
    p->table_id = 2;
    p->in_port = 1;
    union ofp_field_value v;
    memset(&v, 0, sizeof v);
    v.u32 = OFPCS_NEW | OFPCS_TRK;
    ofp_match_set(&p->match, OFPF_CT_STATE, &v, NULL);
    memset(&v, 0, sizeof v);
    v.u16 = 1;
    ofp_match_set(&p->match, OFPF_CT_ZONE, &v, NULL);
    p->data = arp_request;
    p->data_len = sizeof arp_request;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("ct_state=new|trk,ct_zone=1,in_port=1"));

    /* A packet-in as Open vSwitch sends it after ct (ovs-ofctl prints
     * these bytes as "ct_state=new|trk,ct_zone=1,ct_mark=0x5,
     * ct_nw_src=10.0.0.1,ct_nw_dst=10.0.0.2,ct_nw_proto=6,ct_tp_src=4660,
     * ct_tp_dst=80,ip,in_port=1"): what we cannot model is dropped, the
     * packet is not, and the rest goes back out as OVS reads it. */
    static const char ovs_pin[] =
        "040a0094 00000001 ffffffff 002a 01 02 0000000000000000"
        "0001 0049 80000004 00000001 80000a02 0800 0001d204 00000021"
        "0001d402 0001 0001ee01 06 0001f004 0a000001 0001f204 0a000002"
        "0001f802 1234 0001fa02 0050 0001d604 00000005 00000000000000"
        "0000"
        "ffffffffffff 020000000002 0806 0001 0800 06 04 0001"  /* ARP */
        "020000000002 0a000002 000000000000 0a000001";
    size_t size;
    uint8_t *bytes = unit_hex(ovs_pin, &size);
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_msg back;
    CU_ASSERT_EQUAL_FATAL(ofp_decode(bytes, size, &arena, &back), 0);
    CU_ASSERT_EQUAL(back.u.packet_in.in_port, 1);
    CU_ASSERT_EQUAL(back.u.packet_in.match.v.ct_state,
                    OFPCS_NEW | OFPCS_TRK);
    CU_ASSERT_EQUAL(back.u.packet_in.match.v.ct_zone, 1);
    back.xid = 0x126;
    interop_check(&back, OFP13_VERSION, NULL,
                  EXPECT("total_len=42 ct_state=new|trk,ct_zone=1,ip,"
                         "in_port=1 (via action) data_len=42"));
    ofp_arena_uninit(&arena);
    free(bytes);
}

static void
test_group_mod(void)
{
    struct ofp_action a1 = act_output(1, 0);
    struct ofp_action a2[2];
    a2[0] = act_set_u32(OFPF_IPV4_SRC, 0x0a000001);
    a2[1] = act_output(2, 0);
    struct ofp_bucket buckets[2] = {
        { .weight = 0, .watch_port = 1, .watch_group = OFPG_ANY,
          .actions = { &a1, 1 } },
        { .weight = 0, .watch_port = 2, .watch_group = OFPG_ANY,
          .actions = { a2, 2 } },
    };
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_GROUP_MOD, 0xf1);
    m.u.group_mod.command = OFPGC_ADD;
    m.u.group_mod.type = OFPGT_FF;
    m.u.group_mod.group_id = 12;
    m.u.group_mod.buckets = buckets;
    m.u.group_mod.n_buckets = 2;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("ADD group_id=12,type=ff,"
                         "bucket=watch_port:1,actions=output:1,"
                         "bucket=watch_port:2,"
                         "actions=set_field:10.0.0.1->ip_src,output:2"));

    ofp_msg_init(&m, OFPMSG_GROUP_MOD, 0xf2);
    m.u.group_mod.command = OFPGC_DELETE;
    m.u.group_mod.type = OFPGT_ALL;
    m.u.group_mod.group_id = OFPG_ALL;
    interop_check(&m, OFP13_VERSION, NULL,
                  /* OVS prints OFPG_ALL as a number here. */
                  EXPECT("DEL group_id=4294967292,type=all"));
}

static void
test_meter_mod(void)
{
    struct ofp_meter_band bands[2] = {
        { .type = OFPMBT_DROP, .rate = 500, .burst_size = 50 },
        { .type = OFPMBT_DSCP_REMARK, .rate = 100, .burst_size = 10,
          .prec_level = 2 },
    };
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_METER_MOD, 0x101);
    m.u.meter_mod.command = OFPMC_MODIFY;
    m.u.meter_mod.flags = OFPMF_PKTPS | OFPMF_BURST;
    m.u.meter_mod.meter_id = 3;
    m.u.meter_mod.bands = bands;
    m.u.meter_mod.n_bands = 2;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("MOD meter=3 pktps burst bands=",
                         "type=drop rate=500 burst_size=50",
                         "type=dscp_remark rate=100 burst_size=10 "
                         "prec_level=2"));

    ofp_msg_init(&m, OFPMSG_METER_MOD, 0x102);
    m.u.meter_mod.command = OFPMC_DELETE;
    m.u.meter_mod.meter_id = 8;
    interop_check(&m, OFP13_VERSION, NULL, EXPECT("DEL meter=8"));
}

/* ---- Multipart / stats. ------------------------------------------------ */

static void
test_desc(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_DESC_REQUEST, 0x111);
        interop_check(&m, v, NULL, EXPECT(""));

        ofp_msg_init(&m, OFPMSG_DESC_REPLY, 0x112);
        snprintf(m.u.desc.mfr_desc, sizeof m.u.desc.mfr_desc, "Canopy");
        snprintf(m.u.desc.hw_desc, sizeof m.u.desc.hw_desc, "test hw");
        snprintf(m.u.desc.sw_desc, sizeof m.u.desc.sw_desc, "1.2.3");
        snprintf(m.u.desc.serial_num, sizeof m.u.desc.serial_num, "SN42");
        snprintf(m.u.desc.dp_desc, sizeof m.u.desc.dp_desc, "rack 3");
        interop_check(&m, v, NULL,
                      EXPECT("Manufacturer: Canopy", "Hardware: test hw",
                             "Software: 1.2.3", "Serial Num: SN42",
                             "DP Description: rack 3"));
    }
}

static void
test_flow_stats_request(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_FLOW_STATS_REQUEST, 0x121);
        struct ofp_flow_stats_request *r = &m.u.flow_stats_request;
        r->table_id = 3;
        r->out_port = 2;
        make_match_tcp(&r->match);
        if (v == OFP13_VERSION) {
            r->out_group = 5;
            r->cookie = 0x10;
            r->cookie_mask = 0xff;
            /* OVS does not print out_group or the cookie of a flow
             * stats request: check their bytes (body offsets 8..31). */
            struct ofpbuf out = OFPBUF_INITIALIZER;
            CU_ASSERT_EQUAL_FATAL(ofp_encode(&m, v, &out), 0);
            CU_ASSERT_FATAL(out.size >= 40);
            static const uint8_t want[24] = {
                0, 0, 0, 5, 0, 0, 0, 0,                 /* out_group, pad */
                0, 0, 0, 0, 0, 0, 0, 0x10,              /* cookie */
                0, 0, 0, 0, 0, 0, 0, 0xff,              /* cookie_mask */
            };
            CU_ASSERT_EQUAL(memcmp(ofpbuf_at(&out, 16 + 8, 24), want, 24),
                            0);
            ofpbuf_uninit(&out);
        }
        interop_check(&m, v, NULL,
                      EXPECT(" table=3 out_port=2 tcp,in_port=2,"
                             "nw_dst=192.168.1.0/24,tp_dst=443"));

        ofp_msg_init(&m, OFPMSG_AGGREGATE_REQUEST, 0x122);
        ofp_match_set_in_port(&m.u.flow_stats_request.match, 6);
        interop_check(&m, v, NULL, EXPECT(" in_port=6"));
    }
}

static void
test_flow_stats_reply(void)
{
    struct ofp_action a10[2], a13[2];
    a10[0] = act_set_vlan_vid(20);
    a10[1] = act_output(OFPP_FLOOD, 0);
    a13[0] = act_ethertype(OFPACT_PUSH_VLAN, 0x88a8);
    a13[1] = act_output(OFPP_IN_PORT, 0);

    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_flow_stats e[2];
        memset(e, 0, sizeof e);
        e[0].table_id = 2;
        e[0].duration_sec = 12;
        e[0].duration_nsec = 250000000;
        e[0].priority = 900;
        e[0].idle_timeout = 30;
        e[0].hard_timeout = 300;
        e[0].cookie = 0xbeef;
        e[0].packet_count = 77;
        e[0].byte_count = 7700;
        make_match_tcp(&e[0].match);
        e[0].instructions.present = OFPIB_APPLY_ACTIONS;
        e[0].instructions.apply.actions = i ? a13 : a10;
        e[0].instructions.apply.n = 2;
        e[1].priority = 0;
        e[1].duration_sec = 3;
        ofp_match_init_catchall(&e[1].match);
        if (v == OFP13_VERSION) {
            e[0].flags = OFPFF_SEND_FLOW_REM;
            e[1].instructions.present = OFPIB_GOTO_TABLE;
            e[1].instructions.goto_table = 4;
        }

        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_FLOW_STATS_REPLY, 0x123);
        m.mp_flags = OFPMPF_MORE;
        m.u.flow_stats_reply.entries = e;
        m.u.flow_stats_reply.n = 2;
        if (v == OFP13_VERSION) {
            interop_check(&m, v, NULL,
                          EXPECT("flags=[more]",
                                 "cookie=0xbeef, duration=12.250s, table=2, "
                                 "n_packets=77, n_bytes=7700, "
                                 "idle_timeout=30, hard_timeout=300, "
                                 "send_flow_rem priority=900,tcp,"
                                 "in_port=2,nw_dst=192.168.1.0/24,"
                                 "tp_dst=443 actions=push_vlan:0x88a8,"
                                 "IN_PORT",
                                 "cookie=0x0, duration=3s, table=0, "
                                 "n_packets=0, n_bytes=0, priority=0 "
                                 "actions=goto_table:4"));
        } else {
            interop_check(&m, v, NULL,
                          EXPECT("flags=[more]",
                                 "cookie=0xbeef, duration=12.250s, table=2, "
                                 "n_packets=77, n_bytes=7700, "
                                 "idle_timeout=30, hard_timeout=300, "
                                 "priority=900,tcp,in_port=2,"
                                 "nw_dst=192.168.1.0/24,tp_dst=443 "
                                 "actions=mod_vlan_vid:20,FLOOD",
                                 "cookie=0x0, duration=3s, table=0, "
                                 "n_packets=0, n_bytes=0, priority=0 "
                                 "actions=drop"));
        }
    }
}

static void
test_aggregate_reply(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_AGGREGATE_REPLY, 0x131);
        m.u.aggregate_reply.packet_count = 123456789012ULL;
        m.u.aggregate_reply.byte_count = 987654321098ULL;
        m.u.aggregate_reply.flow_count = 4321;
        interop_check(&m, v, NULL,
                      EXPECT("packet_count=123456789012 "
                             "byte_count=987654321098 flow_count=4321"));
    }
}

static void
test_table_stats(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_TABLE_STATS_REQUEST, 0x141);
        interop_check(&m, v, NULL, EXPECT(""));

        struct ofp_table_stats t[2];
        memset(t, 0, sizeof t);
        t[0].table_id = 0;
        snprintf(t[0].name, sizeof t[0].name, "classifier");
        t[0].wildcards = 0x3fffff;
        t[0].max_entries = 1000;
        t[0].active_count = 11;
        t[0].lookup_count = 2222;
        t[0].matched_count = 333;
        t[1].table_id = 1;
        snprintf(t[1].name, sizeof t[1].name, "acl");
        t[1].wildcards = 0x3fffff;
        t[1].max_entries = 500;
        t[1].active_count = 4;
        t[1].lookup_count = 55;
        t[1].matched_count = 6;
        ofp_msg_init(&m, OFPMSG_TABLE_STATS_REPLY, 0x142);
        m.u.table_stats_reply.entries = t;
        m.u.table_stats_reply.n = 2;
        if (v == OFP13_VERSION) {
            interop_check(&m, v, NULL,
                          EXPECT("table 0:",
                                 "active=11, lookup=2222, matched=333",
                                 "table 1:",
                                 "active=4, lookup=55, matched=6"));
        } else {
            interop_check(&m, v, NULL,
                          EXPECT("table 0 (\"classifier\"):",
                                 "active=11, lookup=2222, matched=333",
                                 "max_entries=1000",
                                 "table 1 (\"acl\"):",
                                 "active=4, lookup=55, matched=6",
                                 "max_entries=500"));
        }
    }
}

static void
test_port_stats(void)
{
    for (int i = 0; i < 2; i++) {
        uint8_t v = i ? OFP13_VERSION : OFP10_VERSION;
        struct ofp_msg m;
        ofp_msg_init(&m, OFPMSG_PORT_STATS_REQUEST, 0x151);
        m.u.port_stats_request.port_no = 4;
        interop_check(&m, v, NULL, EXPECT("port_no=4"));
        ofp_msg_init(&m, OFPMSG_PORT_STATS_REQUEST, 0x152);
        interop_check(&m, v, NULL, EXPECT("port_no=ANY"));

        struct ofp_port_stats s[2];
        memset(s, 0, sizeof s);
        s[0].port_no = 4;
        s[0].rx_packets = 10;
        s[0].tx_packets = 20;
        s[0].rx_bytes = 1000;
        s[0].tx_bytes = 2000;
        s[0].rx_dropped = 1;
        s[0].tx_dropped = 2;
        s[0].rx_errors = 3;
        s[0].tx_errors = 4;
        s[0].rx_frame_err = 5;
        s[0].rx_over_err = 6;
        s[0].rx_crc_err = 7;
        s[0].collisions = 8;
        s[0].duration_sec = 9;
        s[0].duration_nsec = 500000000;
        s[1].port_no = OFPP_LOCAL;
        s[1].rx_packets = 99;
        ofp_msg_init(&m, OFPMSG_PORT_STATS_REPLY, 0x153);
        m.u.port_stats_reply.entries = s;
        m.u.port_stats_reply.n = 2;
        interop_check(&m, v, NULL,
                      EXPECT("2 ports",
                             "port  4: rx pkts=10, bytes=1000, drop=1, "
                             "errs=3, frame=5, over=6, crc=7",
                             "tx pkts=20, bytes=2000, drop=2, errs=4, "
                             "coll=8",
                             "port LOCAL: rx pkts=99,"));
        if (v == OFP13_VERSION) {
            interop_check(&m, v, NULL, EXPECT("duration=9.500s"));
        }
    }
}

static void
test_port_desc(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_PORT_DESC_REQUEST, 0x161);
    interop_check(&m, OFP13_VERSION, NULL, EXPECT(""));

    struct ofp_port ports[2];
    make_port(&ports[0], 1, "p1", mac_a);
    /* A number above 255 but inside OVS's 16-bit-compatible range (OVS
     * refuses 0xff00..0xfffffeff even in 1.3). */
    make_port(&ports[1], 65000, "p65000", mac_b);
    ports[1].state = OFPPS_LIVE;
    ports[1].config = 0;
    ofp_msg_init(&m, OFPMSG_PORT_DESC_REPLY, 0x162);
    m.u.port_desc_reply.ports = ports;
    m.u.port_desc_reply.n = 2;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT(" 1(p1): addr:52:54:00:12:34:56",
                         " 65000(p65000): addr:52:54:00:ab:cd:ef",
                         "state:      LIVE",
                         "speed: 1000 Mbps now, 10000 Mbps max"));
}

static void
test_group_stats(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_GROUP_STATS_REQUEST, 0x171);
    m.u.group_request.group_id = 12;
    interop_check(&m, OFP13_VERSION, NULL, EXPECT("group_id=12"));
    ofp_msg_init(&m, OFPMSG_GROUP_STATS_REQUEST, 0x172);
    interop_check(&m, OFP13_VERSION, NULL, EXPECT("group_id=ALL"));

    struct ofp_bucket_counter bc[2] = { { 5, 500 }, { 6, 600 } };
    struct ofp_group_stats g = {
        .group_id = 12, .ref_count = 3, .packet_count = 11,
        .byte_count = 1100, .duration_sec = 8, .duration_nsec = 0,
        .buckets = bc, .n_buckets = 2,
    };
    ofp_msg_init(&m, OFPMSG_GROUP_STATS_REPLY, 0x173);
    m.u.group_stats_reply.entries = &g;
    m.u.group_stats_reply.n = 1;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("group_id=12,duration=8s,ref_count=3,"
                         "packet_count=11,byte_count=1100,"
                         "bucket0:packet_count=5,byte_count=500,"
                         "bucket1:packet_count=6,byte_count=600"));
}

static void
test_group_desc(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_GROUP_DESC_REQUEST, 0x181);
    interop_check(&m, OFP13_VERSION, NULL, EXPECT("group_id=ALL"));

    struct ofp_action a[2];
    a[0] = act_output(1, 0);
    a[1] = act_output(2, 0);
    struct ofp_bucket b[2] = {
        { .weight = 3, .watch_port = OFPP_ANY, .watch_group = OFPG_ANY,
          .actions = { &a[0], 1 } },
        { .weight = 5, .watch_port = OFPP_ANY, .watch_group = OFPG_ANY,
          .actions = { &a[1], 1 } },
    };
    struct ofp_group_desc d[2] = {
        { .type = OFPGT_SELECT, .group_id = 1, .buckets = b,
          .n_buckets = 2 },
        { .type = OFPGT_INDIRECT, .group_id = 2, .buckets = b,
          .n_buckets = 1 },
    };
    ofp_msg_init(&m, OFPMSG_GROUP_DESC_REPLY, 0x182);
    m.u.group_desc_reply.entries = d;
    m.u.group_desc_reply.n = 2;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("group_id=1,type=select,"
                         "bucket=weight:3,actions=output:1,"
                         "bucket=weight:5,actions=output:2",
                         "group_id=2,type=indirect,"
                         "bucket=weight:3,actions=output:1"));
}

static void
test_group_features(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_GROUP_FEATURES_REQUEST, 0x191);
    interop_check(&m, OFP13_VERSION, NULL, EXPECT(""));

    ofp_msg_init(&m, OFPMSG_GROUP_FEATURES_REPLY, 0x192);
    struct ofp_group_features *g = &m.u.group_features;
    g->types = (1u << OFPGT_ALL) | (1u << OFPGT_SELECT);
    g->capabilities = 0x1; /* SELECT_WEIGHT */
    g->max_groups[OFPGT_ALL] = 16;
    g->max_groups[OFPGT_SELECT] = 32;
    g->actions[OFPGT_ALL] = 1u << 0;  /* OUTPUT */
    g->actions[OFPGT_SELECT] = (1u << 0) | (1u << 22); /* + GROUP */
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("Types:  0x3", "Capabilities:  0x1",
                         "all group:", "max_groups=0x10",
                         "select group:", "max_groups=0x20",
                         "actions: output group"));
}

static void
test_meter_stats(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_METER_STATS_REQUEST, 0x1a1);
    m.u.meter_request.meter_id = 3;
    interop_check(&m, OFP13_VERSION, NULL, EXPECT("meter=3"));
    ofp_msg_init(&m, OFPMSG_METER_STATS_REQUEST, 0x1a2);
    interop_check(&m, OFP13_VERSION, NULL, EXPECT("meter=all"));

    struct ofp_meter_band_stats bs[2] = { { 1, 100 }, { 2, 200 } };
    struct ofp_meter_stats s = {
        .meter_id = 3, .flow_count = 4, .packet_in_count = 50,
        .byte_in_count = 5000, .duration_sec = 6, .duration_nsec = 0,
        .bands = bs, .n_bands = 2,
    };
    ofp_msg_init(&m, OFPMSG_METER_STATS_REPLY, 0x1a3);
    m.u.meter_stats_reply.entries = &s;
    m.u.meter_stats_reply.n = 1;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("meter:3 flow_count:4 packet_in_count:50 "
                         "byte_in_count:5000 duration:6s bands:",
                         "0: packet_count:1 byte_count:100",
                         "1: packet_count:2 byte_count:200"));
}

static void
test_meter_config(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_METER_CONFIG_REQUEST, 0x1b1);
    m.u.meter_request.meter_id = 3;
    interop_check(&m, OFP13_VERSION, NULL, EXPECT("meter=3"));

    struct ofp_meter_band b = {
        .type = OFPMBT_DROP, .rate = 2000, .burst_size = 0,
    };
    struct ofp_meter_config c[2] = {
        { .flags = OFPMF_KBPS, .meter_id = 3, .bands = &b, .n_bands = 1 },
        { .flags = OFPMF_PKTPS | OFPMF_STATS, .meter_id = 4, .bands = &b,
          .n_bands = 1 },
    };
    ofp_msg_init(&m, OFPMSG_METER_CONFIG_REPLY, 0x1b2);
    m.u.meter_config_reply.entries = c;
    m.u.meter_config_reply.n = 2;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("meter=3 kbps bands=", "type=drop rate=2000",
                         "meter=4 pktps stats bands="));
}

static void
test_meter_features(void)
{
    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_METER_FEATURES_REQUEST, 0x1c1);
    interop_check(&m, OFP13_VERSION, NULL, EXPECT(""));

    ofp_msg_init(&m, OFPMSG_METER_FEATURES_REPLY, 0x1c2);
    m.u.meter_features.max_meter = 1024;
    m.u.meter_features.band_types = (1u << OFPMBT_DROP)
                                    | (1u << OFPMBT_DSCP_REMARK);
    m.u.meter_features.capabilities = OFPMF_KBPS | OFPMF_BURST;
    m.u.meter_features.max_bands = 4;
    m.u.meter_features.max_color = 2;
    interop_check(&m, OFP13_VERSION, NULL,
                  EXPECT("max_meter:1024 max_bands:4 max_color:2",
                         "band_types: drop dscp_remark",
                         "capabilities: kbps burst"));
}

/* What OVS could not check: the messages OpenFlow 1.0 lacks are refused
 * for 1.0 (OFPBRC_BAD_TYPE) and versions other than 1.0 and 1.3 are refused
 * (OFPBRC_BAD_VERSION), both without appending anything. */
static void
test_version_limits(void)
{
    static const enum ofp_msg_type of13_only[] = {
        OFPMSG_GROUP_MOD, OFPMSG_METER_MOD, OFPMSG_ROLE_REQUEST,
        OFPMSG_ROLE_REPLY, OFPMSG_PORT_DESC_REQUEST, OFPMSG_PORT_DESC_REPLY,
        OFPMSG_GROUP_STATS_REQUEST, OFPMSG_GROUP_STATS_REPLY,
        OFPMSG_GROUP_DESC_REQUEST, OFPMSG_GROUP_DESC_REPLY,
        OFPMSG_GROUP_FEATURES_REQUEST, OFPMSG_GROUP_FEATURES_REPLY,
        OFPMSG_METER_STATS_REQUEST, OFPMSG_METER_STATS_REPLY,
        OFPMSG_METER_CONFIG_REQUEST, OFPMSG_METER_CONFIG_REPLY,
        OFPMSG_METER_FEATURES_REQUEST, OFPMSG_METER_FEATURES_REPLY,
    };
    struct ofpbuf out = OFPBUF_INITIALIZER;
    for (size_t i = 0; i < sizeof of13_only / sizeof of13_only[0]; i++) {
        struct ofp_msg m;
        ofp_msg_init(&m, of13_only[i], 7);
        enum ofperr err = ofp_encode(&m, OFP10_VERSION, &out);
        if (err != OFPERR_OFPBRC_BAD_TYPE) {
            fprintf(stderr, "\n%s for OpenFlow 1.0: got %s\n",
                    ofp_msg_type_name(of13_only[i]), ofperr_name(err));
        }
        CU_ASSERT_EQUAL(err, OFPERR_OFPBRC_BAD_TYPE);
        CU_ASSERT_EQUAL(out.size, 0);
        ofpbuf_clear(&out);
    }

    struct ofp_msg m;
    ofp_msg_init(&m, OFPMSG_BARRIER_REQUEST, 7);
    CU_ASSERT_EQUAL(ofp_encode(&m, 0x02, &out), OFPERR_OFPBRC_BAD_VERSION);
    CU_ASSERT_EQUAL(ofp_encode(&m, 0x05, &out), OFPERR_OFPBRC_BAD_VERSION);
    CU_ASSERT_EQUAL(out.size, 0);
    ofpbuf_uninit(&out);
}

static CU_TestInfo interop_tests[] = {
    { "hello", test_hello },
    { "error", test_error },
    { "echo", test_echo },
    { "experimenter", test_experimenter },
    { "barrier", test_barrier },
    { "features", test_features },
    { "config", test_config },
    { "port_mod", test_port_mod },
    { "role", test_role },
    { "packet_in", test_packet_in },
    { "flow_removed", test_flow_removed },
    { "port_status", test_port_status },
    { "packet_out", test_packet_out },
    { "flow_mod10", test_flow_mod10 },
    { "flow_mod13", test_flow_mod13 },
    { "flow_mod13_ct", test_flow_mod13_ct },
    { "ct_async", test_ct_async },
    { "group_mod", test_group_mod },
    { "meter_mod", test_meter_mod },
    { "desc", test_desc },
    { "flow_stats_request", test_flow_stats_request },
    { "flow_stats_reply", test_flow_stats_reply },
    { "aggregate_reply", test_aggregate_reply },
    { "table_stats", test_table_stats },
    { "port_stats", test_port_stats },
    { "port_desc", test_port_desc },
    { "group_stats", test_group_stats },
    { "group_desc", test_group_desc },
    { "group_features", test_group_features },
    { "meter_stats", test_meter_stats },
    { "meter_config", test_meter_config },
    { "meter_features", test_meter_features },
    { "version_limits", test_version_limits },
    CU_TEST_INFO_NULL,
};

void
test_interop_register(void)
{
    unit_add_suite("interop", interop_tests);
}
