#! /bin/bash
# Captures the real OpenFlow 1.0 and 1.3 messages under tests/unit/data/of10
# and tests/unit/data/of13 that tests/unit/test-golden.c decodes.
#
# NOT run by the tests: they read the saved hex files.  Re-run it (as root,
# with Open vSwitch, iproute2 and python3 installed) only to refresh the
# data; the tests' expected values then have to be checked again.
#
#   tests/unit/data/capture.sh [OUTDIR]     (default: the script's directory)
#
# What it does:
#  - starts a private ovsdb-server and ovs-vswitchd in a temporary directory
#    (OVS_RUNDIR/OVS_DBDIR/OVS_LOGDIR point there, so a system Open vSwitch,
#    if any, is not touched);
#  - creates bridge br0 (datapath_type=netdev, fail_mode=secure, fixed
#    datapath id 0x00000000000000a1) with two veth ports, gd1 (ofport 1) and
#    gd2 (ofport 2), whose peers live in network namespaces golden1
#    (10.0.0.1) and golden2 (10.0.0.2), all with fixed MAC addresses;
#  - points the bridge at a scripted controller (the Python below, active
#    connection) and opens a passive ptcp listener that the Python relays
#    ovs-ofctl through, recording each message in both directions.  (A
#    relay rather than tshark on loopback: it sees whole OpenFlow messages
#    with their direction and needs no TCP reassembly or pcap parsing.)
#
# The scripted controller records what the SWITCH encodes (HELLO,
# FEATURES_REPLY, GET_CONFIG_REPLY, stats replies, PACKET_IN from an ARP
# sent by ping in golden1, PORT_STATUS from 'ip link set gd2 down', ERROR
# for a message of unknown type, ECHO_REPLY, BARRIER_REPLY, FLOW_REMOVED of
# a hard_timeout=1 send_flow_rem flow, ROLE_REPLY).  The relay records what
# OVS-OFCTL encodes (FLOW_MOD, GROUP_MOD, METER_MOD, PORT_MOD, PACKET_OUT,
# multipart requests) and the switch's replies to them.
#
# Each message goes to one file NAME.hex: '#' lines with the output of
# 'ovs-ofctl ofp-print', then the bytes as hex, 16 per line.
#
# Everything started here is stopped by PID, and the namespaces and veths
# are removed, by the EXIT trap.
set -eu

OUT=${1:-$(cd "$(dirname "$0")" && pwd)}
DIR=$(mktemp -d /tmp/canopy-capture.XXXXXX)
export OVS_RUNDIR=$DIR OVS_DBDIR=$DIR OVS_LOGDIR=$DIR OVS_SYSCONFDIR=$DIR
DB=unix:$DIR/db.sock
VSCTL="ovs-vsctl --db=$DB --timeout=10"
CTL_PORT=${CTL_PORT:-16653}   # Our scripted controller (active).
PTCP_PORT=${PTCP_PORT:-16654} # The switch's passive listener.
RELAY_PORT=${RELAY_PORT:-16655} # The relay ovs-ofctl connects to.

cleanup() {
    set +e
    for pidfile in "$DIR/ovs-vswitchd.pid" "$DIR/ovsdb-server.pid"; do
        if [ -s "$pidfile" ]; then
            kill "$(cat "$pidfile")" 2>/dev/null
        fi
    done
    sleep 1
    ip netns del golden1 2>/dev/null
    ip netns del golden2 2>/dev/null
    ip link del gd1 2>/dev/null
    ip link del gd2 2>/dev/null
    rm -rf "$DIR"
}
trap cleanup EXIT

ovsdb-tool create "$DIR/conf.db" /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server "$DIR/conf.db" --remote=punix:"$DIR/db.sock" \
    --pidfile="$DIR/ovsdb-server.pid" --detach \
    --log-file="$DIR/ovsdb-server.log"
$VSCTL --no-wait init
ovs-vswitchd "$DB" --pidfile="$DIR/ovs-vswitchd.pid" --detach \
    --log-file="$DIR/ovs-vswitchd.log"

ip netns add golden1
ip netns add golden2
i=1
for ns in golden1 golden2; do
    ip link add gd$i address 02:00:00:00:0$i:01 type veth \
        peer name gd${i}p address 02:00:00:00:00:0$i
    ip link set gd${i}p netns $ns
    # No IPv6: its link-local chatter (MLD, ND) would race the ARP that
    # makes the PACKET_IN.
    sysctl -q -w net.ipv6.conf.gd$i.disable_ipv6=1
    ip netns exec $ns sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
    ip -n $ns addr add 10.0.0.$i/24 dev gd${i}p
    ip -n $ns link set gd${i}p up
    ip -n $ns link set lo up
    ip link set gd$i up
    i=$((i + 1))
done

$VSCTL add-br br0 -- set bridge br0 datapath_type=netdev fail_mode=secure \
    other-config:datapath-id=00000000000000a1 \
    other-config:hwaddr=02:00:00:00:00:a1
$VSCTL add-port br0 gd1 -- set interface gd1 ofport_request=1
$VSCTL add-port br0 gd2 -- set interface gd2 ofport_request=2

for v in 10 13; do
    ip link set gd2 up
    $VSCTL set bridge br0 protocols=OpenFlow$v
    $VSCTL del-controller br0
    mkdir -p "$OUT/of$v"
    PYFILE=$DIR/capture.py
    cat > "$PYFILE" <<'EOF'
import os, socket, struct, subprocess, sys, threading, time

ver_name, out, ctl_port, ptcp_port, relay_port, db = sys.argv[1:7]
V = 1 if ver_name == "10" else 4
ctl_port, ptcp_port, relay_port = int(ctl_port), int(ptcp_port), int(relay_port)
OFV = "OpenFlow10" if V == 1 else "OpenFlow13"
RELAY = "tcp:127.0.0.1:%d" % relay_port

if V == 1:
    T = dict(HELLO=0, ERROR=1, ECHO_REQ=2, ECHO_REP=3, FEAT_REQ=5, FEAT_REP=6,
             GETCFG_REQ=7, GETCFG_REP=8, SETCFG=9, PACKET_IN=10,
             FLOW_REMOVED=11, PORT_STATUS=12, MP_REQ=16, MP_REP=17,
             BARRIER_REQ=18, BARRIER_REP=19)
else:
    T = dict(HELLO=0, ERROR=1, ECHO_REQ=2, ECHO_REP=3, FEAT_REQ=5, FEAT_REP=6,
             GETCFG_REQ=7, GETCFG_REP=8, SETCFG=9, PACKET_IN=10,
             FLOW_REMOVED=11, PORT_STATUS=12, MP_REQ=18, MP_REP=19,
             BARRIER_REQ=20, BARRIER_REP=21, ROLE_REQ=24, ROLE_REP=25)

def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise EOFError
        b += c
    return b

def recv_msg(s):
    h = recv_exact(s, 8)
    length = struct.unpack("!H", h[2:4])[0]
    return h + recv_exact(s, length - 8)

def msg(t, body=b"", xid=0):
    return struct.pack("!BBHI", V, t, 8 + len(body), xid) + body

def save(name, data):
    p = subprocess.run(["ovs-ofctl", "ofp-print", data.hex()],
                       capture_output=True, text=True)
    # ovs-ofctl's own log lines carry a timestamp: keep only the decode.
    lines = [l for l in (p.stdout + p.stderr).rstrip("\n").split("\n")
             if not l.startswith("20")]
    with open(os.path.join(out, name + ".hex"), "w") as f:
        for l in lines[:24]:
            f.write("# " + l + "\n")
        if len(lines) > 24:
            f.write("# ... (%d more lines)\n" % (len(lines) - 24))
        for i in range(0, len(data), 16):
            f.write(data[i:i + 16].hex(" ") + "\n")
    print("saved", name, len(data), "bytes", file=sys.stderr)

class Controller:
    def __init__(self, s):
        self.s = s
        self.inbox = []
        self.cv = threading.Condition()
        threading.Thread(target=self.reader, daemon=True).start()

    def reader(self):
        try:
            while True:
                m = recv_msg(self.s)
                if m[1] == T["ECHO_REQ"]:
                    self.s.sendall(bytes([V, T["ECHO_REP"]]) + m[2:])
                    continue
                with self.cv:
                    self.inbox.append(m)
                    self.cv.notify_all()
        except (EOFError, OSError):
            pass

    def wait(self, t, xid=None, timeout=10.0):
        end = time.time() + timeout
        with self.cv:
            while True:
                for m in self.inbox:
                    if m[1] == t and (xid is None
                                      or struct.unpack("!I", m[4:8])[0] == xid):
                        self.inbox.remove(m)
                        return m
                left = end - time.time()
                if left <= 0:
                    raise TimeoutError("no message of type %d" % t)
                self.cv.wait(left)

    def send(self, data):
        self.s.sendall(data)

# Relay: ovs-ofctl -> RELAY -> switch ptcp; records both directions in
# 'relay_log' as (label, direction, bytes).
relay_log = []
relay_label = ["-"]
relay_lock = threading.Lock()

def pump(src, dst, direction, label):
    try:
        while True:
            m = recv_msg(src)
            with relay_lock:
                relay_log.append((label, direction, m))
            dst.sendall(m)
    except (EOFError, OSError):
        pass
    for x in (src, dst):
        try:
            x.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

def relay_server(ls):
    while True:
        c, _ = ls.accept()
        sw = socket.create_connection(("127.0.0.1", ptcp_port))
        label = relay_label[0]
        threading.Thread(target=pump, args=(c, sw, "req", label),
                         daemon=True).start()
        threading.Thread(target=pump, args=(sw, c, "rep", label),
                         daemon=True).start()

def ofctl(label, *args):
    relay_label[0] = label
    # -F openflow10: without it, 1.0 dump-flows uses Nicira extensions.
    fmt = ["-F", "openflow10"] if V == 1 else []
    cmd = (["ovs-ofctl", "-O", OFV] + fmt + list(args[:1]) + [RELAY]
           + list(args[1:]))
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    print("$", " ".join(cmd), "->", p.returncode, p.stdout.strip()[:200],
          p.stderr.strip()[:200], file=sys.stderr)
    time.sleep(0.3)

def relay_msgs(label, direction, t, mp=None):
    # 'mp': the multipart (stats) type, for MP_REQ/MP_REP: ovs-ofctl sends
    # other multipart requests of its own (e.g. TABLE_FEATURES) first.
    with relay_lock:
        return [m for (l, d, m) in relay_log
                if l == label and d == direction and m[1] == t
                and (mp is None or struct.unpack("!H", m[8:10])[0] == mp)]

def vsctl(*args):
    subprocess.run(["ovs-vsctl", "--db=" + db, "--timeout=10"] + list(args),
                   check=True)

# ---- Scripted controller session. ----
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", ctl_port))
ls.listen(1)
rs = socket.socket()
rs.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
rs.bind(("127.0.0.1", relay_port))
rs.listen(4)
threading.Thread(target=relay_server, args=(rs,), daemon=True).start()

vsctl("set", "bridge", "br0", "other-config:disable-in-band=true")
vsctl("set-controller", "br0", "tcp:127.0.0.1:%d" % ctl_port,
      "ptcp:%d:127.0.0.1" % ptcp_port)
s, _ = ls.accept()
hello = recv_msg(s)
save("hello", hello)
if V == 1:
    s.sendall(msg(0, xid=1))
else:
    # HELLO with a version bitmap element for 1.3 only.
    s.sendall(msg(0, struct.pack("!HHI", 1, 8, 1 << 4), xid=1))
c = Controller(s)

c.send(msg(T["FEAT_REQ"], xid=2))
save("features_reply", c.wait(T["FEAT_REP"], 2))

if V == 4:
    c.send(msg(T["MP_REQ"], struct.pack("!HH4x", 13, 0), xid=3))
    save("port_desc_reply", c.wait(T["MP_REP"], 3))

c.send(msg(T["SETCFG"], struct.pack("!HH", 0, 0x80), xid=4))
c.send(msg(T["GETCFG_REQ"], xid=5))
save("get_config_reply", c.wait(T["GETCFG_REP"], 5))

c.send(msg(T["ECHO_REQ"], b"canopy-echo", xid=6))
save("echo_reply", c.wait(T["ECHO_REP"], 6))

# A message type no version has: the switch answers OFPBRC_BAD_TYPE.
c.send(struct.pack("!BBHI", V, 0x3f, 12, 7) + b"\xde\xad\xbe\xef")
save("error_bad_type", c.wait(T["ERROR"], 7))

if V == 4:
    c.send(msg(T["ROLE_REQ"], struct.pack("!I4xQ", 2, 0x1234), xid=8))
    save("role_reply", c.wait(T["ROLE_REP"], 8))

# ---- ovs-ofctl through the relay. ----
if V == 1:
    ofctl("fm_miss", "add-flow", "priority=0,actions=CONTROLLER:65535")
    save("ofctl_flow_mod_table_miss", relay_msgs("fm_miss", "req", 14)[0])
    ofctl("fm_ip", "add-flow",
          "priority=100,cookie=0x1234,ip,nw_src=10.0.0.0/8,tcp,tp_dst=80,"
          "actions=mod_vlan_vid:10,output:2")
    save("ofctl_flow_mod_ip_tcp", relay_msgs("fm_ip", "req", 14)[0])
    ofctl("fm_set", "add-flow",
          "priority=200,idle_timeout=60,in_port=1,dl_src=02:00:00:00:00:01,"
          "dl_type=0x0800,nw_dst=10.0.0.2,actions=mod_dl_dst:02:00:00:00:00:02,"
          "mod_nw_tos:16,strip_vlan,enqueue:2:3,output:LOCAL")
    save("ofctl_flow_mod_set", relay_msgs("fm_set", "req", 14)[0])
    ofctl("fm_del", "del-flows", "in_port=3")
    save("ofctl_flow_mod_delete", relay_msgs("fm_del", "req", 14)[0])
    ofctl("pmod", "mod-port", "gd2", "no-flood")
    save("ofctl_port_mod", relay_msgs("pmod", "req", 15)[0])
    ofctl("pout", "packet-out", "none", "output:1",
          "ffffffffffff020000000002080600010800060400010200000000020a000002"
          "0000000000000a000001")
    save("ofctl_packet_out", relay_msgs("pout", "req", 13)[0])
else:
    ofctl("fm_miss", "add-flow", "priority=0,actions=CONTROLLER:65535")
    save("ofctl_flow_mod_table_miss", relay_msgs("fm_miss", "req", 14)[0])
    ofctl("fm_ip", "add-flow",
          "priority=100,cookie=0x1234,ip,nw_src=10.0.0.0/8,tcp,tp_dst=80,"
          "actions=mod_vlan_vid:10,output:2")
    save("ofctl_flow_mod_ip_tcp", relay_msgs("fm_ip", "req", 14)[0])
    ofctl("gm", "add-group",
          "group_id=7,type=select,bucket=weight:10,actions=output:1,"
          "bucket=weight:20,actions=set_field:02:00:00:00:00:02->eth_dst,output:2")
    save("ofctl_group_mod", relay_msgs("gm", "req", 15)[0])
    ofctl("mm", "add-meter", "meter=5,kbps,burst,stats,bands=type=drop,rate=1000,burst_size=100")
    save("ofctl_meter_mod", relay_msgs("mm", "req", 29)[0])
    ofctl("fm_set", "add-flow",
          "table=0,priority=300,cookie=0xabcdef,in_port=1,dl_vlan=5,"
          "dl_dst=02:00:00:00:00:02/ff:ff:ff:00:00:00,"
          "actions=set_field:4106->vlan_vid,push_vlan:0x88a8,group:7")
    save("ofctl_flow_mod_push_vlan_group", relay_msgs("fm_set", "req", 14)[0])
    ofctl("fm_goto", "add-flow",
          "table=0,priority=400,udp6,ipv6_src=2001:db8::/32,udp_dst=53,"
          "actions=meter:5,write_metadata:0x5/0xff,goto_table:1")
    save("ofctl_flow_mod_meter_goto", relay_msgs("fm_goto", "req", 14)[0])
    ofctl("fm_t1", "add-flow",
          "table=1,priority=10,ip,nw_dst=10.0.0.2,actions=dec_ttl,"
          "clear_actions,write_actions(output:2)")
    save("ofctl_flow_mod_write_actions", relay_msgs("fm_t1", "req", 14)[0])
    ofctl("fm_del", "del-flows", "--strict", "priority=10,in_port=3")
    save("ofctl_flow_mod_delete_strict", relay_msgs("fm_del", "req", 14)[0])
    ofctl("pmod", "mod-port", "gd2", "no-packet-in")
    save("ofctl_port_mod", relay_msgs("pmod", "req", 16)[0])
    ofctl("pout", "packet-out", "CONTROLLER", "output:1",
          "ffffffffffff020000000002080600010800060400010200000000020a000002"
          "0000000000000a000001")
    save("ofctl_packet_out", relay_msgs("pout", "req", 13)[0])

# Multipart (1.0: stats) requests as ovs-ofctl encodes them, and the
# switch's replies.
MP_REQ, MP_REP = T["MP_REQ"], T["MP_REP"]
for label, mp, args in [("desc", 0, ["dump-desc"]),
                        ("flows", 1, ["dump-flows"]),
                        ("aggregate", 2, ["dump-aggregate"]),
                        ("tables", 3, ["dump-tables"]),
                        ("ports", 4, ["dump-ports"])]:
    ofctl(label, *args)
    save("ofctl_%s_request" % label, relay_msgs(label, "req", MP_REQ, mp)[0])
    for i, m in enumerate(relay_msgs(label, "rep", MP_REP, mp)):
        save("%s_reply%s" % (label, "" if i == 0 else str(i)), m)
ofctl("pstats1", "dump-ports", "2")
save("ofctl_port_stats_request_port2",
     relay_msgs("pstats1", "req", MP_REQ, 4)[0])
if V == 4:
    for label, mp, args in [("group_desc", 7, ["dump-groups"]),
                            ("group_stats", 6, ["dump-group-stats"]),
                            ("group_features", 8, ["dump-group-features"]),
                            ("meter_config", 10, ["dump-meters"]),
                            ("meter_stats", 9, ["meter-stats"]),
                            ("meter_features", 11, ["meter-features"]),
                            ("port_desc", 13, ["show"])]:
        ofctl(label, *args)
        save("ofctl_%s_request" % label,
             relay_msgs(label, "req", MP_REQ, mp)[0])
        if label != "port_desc":
            save("%s_reply" % label, relay_msgs(label, "rep", MP_REP, mp)[0])
ofctl("bar", "add-flow", "priority=1,in_port=2,actions=drop")
save("ofctl_barrier_request", relay_msgs("bar", "req", T["BARRIER_REQ"])[0])
save("barrier_reply", relay_msgs("bar", "rep", T["BARRIER_REP"])[0])

# FLOW_REMOVED: a flow that expires after 1 s and asks to be reported.
ofctl("frem", "add-flow",
      "priority=50,cookie=0x77,hard_timeout=1,send_flow_rem,in_port=2,"
      "dl_type=0x0806,actions=drop")
save("flow_removed", c.wait(T["FLOW_REMOVED"], timeout=10))

# PACKET_IN: an ARP request from golden1 misses every flow but the
# table-miss one.
subprocess.run(["ip", "netns", "exec", "golden1", "ping", "-c1", "-W1",
                "10.0.0.2"], capture_output=True)
save("packet_in", c.wait(T["PACKET_IN"], timeout=10))

# PORT_STATUS: bring gd2 down.
with c.cv:
    c.inbox = [m for m in c.inbox if m[1] != T["PORT_STATUS"]]
subprocess.run(["ip", "link", "set", "gd2", "down"], check=True)
save("port_status", c.wait(T["PORT_STATUS"], timeout=10))

c.send(msg(T["BARRIER_REQ"], xid=99))
c.wait(T["BARRIER_REP"], 99)
s.close()
EOF
    python3 "$PYFILE" "$v" "$OUT/of$v" "$CTL_PORT" "$PTCP_PORT" "$RELAY_PORT" "$DB"
    $VSCTL del-controller br0
    # Leave nothing behind for the next version's session.
    ovs-ofctl -O OpenFlow$v del-flows br0 || true
    ovs-ofctl -O OpenFlow$v del-groups br0 2>/dev/null || true
    ovs-ofctl -O OpenFlow$v del-meters br0 2>/dev/null || true
    ovs-ofctl -O OpenFlow$v mod-port br0 gd2 flood 2>/dev/null || true
    ovs-ofctl -O OpenFlow$v mod-port br0 gd2 packet-in 2>/dev/null || true
done
echo "captured into $OUT/of10 and $OUT/of13"
