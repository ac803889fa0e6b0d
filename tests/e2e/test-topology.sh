#!/bin/bash
# End-to-end: topology discovery, shortest paths and loop-free forwarding
# (apps/l2_path) on real Open vSwitch bridges (userspace datapath) wired into
# a ring with a chord, hosts in network namespaces.
#
#   CANOPYD=path/to/canopyd CANOPYCTL=path/to/canopyctl \
#   CANOPY_APP_DIR=path/to/apps tests/e2e/test-topology.sh
#
# E2E_ARTIFACTS names a directory for the web page's screenshot (default:
# the test's temporary directory, printed).
. "$(dirname "$0")/lib.sh"

CANOPYD=${CANOPYD:-$E2E_TOP/_build/default/controller/canopyd}
CANOPY_APP_DIR=${CANOPY_APP_DIR:-$(dirname "$CANOPYD")/../apps/.libs}
CANOPYCTL=${CANOPYCTL:-$(dirname "$CANOPYD")/../cli/canopyctl}
[ -x "$CANOPYD" ] || e2e_skip "no canopyd at $CANOPYD (build first)"
command -v python3 >/dev/null || e2e_skip "python3 not installed"
command -v curl >/dev/null || e2e_skip "curl not installed"

e2e_setup

log_has() { grep -q -- "$2" "$OVS_LOGDIR/$1.log"; }

port=$(e2e_free_port) || e2e_die "no free port"
aport=$(e2e_free_port) || e2e_die "no free port"
url=http://127.0.0.1:$aport
cfg=$E2E_DIR/topo.yaml
cat >"$cfg" <<EOF
log_level: debug
listen: ["tcp:127.0.0.1:$port"]
admin: {listen: "127.0.0.1:$aport", web_dir: $E2E_TOP/web}
keepalive: {interval: 2s, timeout: 10s}
topology: {lldp_interval: 500ms, link_timeout: 1500ms}
app_dir: $CANOPY_APP_DIR
apps:
  - name: l2_path
    settings: {idle_timeout: 30}
EOF
e2e_spawn_canopyd topo "$CANOPYD" "$cfg"
e2e_wait_listening "$port" 30 || e2e_die "canopyd is not listening"
e2e_wait_listening "$aport" 10 || e2e_die "the API is not listening"

api() { curl -s "$url$1"; }

# --- s1 - s2 - s3 - s4 - s1, and the chord s1 - s3 ---------------------------
# s2 speaks OpenFlow 1.0, the others 1.3.
s1=t${E2E_ID}1 s2=t${E2E_ID}2 s3=t${E2E_ID}3 s4=t${E2E_ID}4
e2e_add_bridge "$s1" OpenFlow13 1
e2e_add_bridge "$s2" OpenFlow10 2
e2e_add_bridge "$s3" OpenFlow13 3
e2e_add_bridge "$s4" OpenFlow13 4
declare -A wire     # "BRIDGE-PORT-NAME" of each end, by link name
link() {            # link NAME BR1 BR2
    e2e_link "$2" "$3"
    wire[$1]="$2:$E2E_LINK_PORT1 $3:$E2E_LINK_PORT2"
}
link s1s2 "$s1" "$s2"
link s2s3 "$s2" "$s3"
link s3s4 "$s3" "$s4"
link s4s1 "$s4" "$s1"
link s1s3 "$s1" "$s3"
e2e_add_host h1 "$s1" 10.9.0.1/24
e2e_add_host h2 "$s2" 10.9.0.2/24
e2e_add_host h3 "$s3" 10.9.0.3/24
e2e_add_host h4 "$s4" 10.9.0.4/24
for b in "$s1" "$s2" "$s3" "$s4"; do
    e2e_set_controller "$b" "tcp:127.0.0.1:$port"
done
e2e_check "four bridges connect" e2e_wait_until \
    "e2e_is_connected $s1 && e2e_is_connected $s2 && e2e_is_connected $s3 && e2e_is_connected $s4" 30

# The links that exist, as "DPID:PORT>DPID:PORT", both directions.
expected_links() {
    local l a b ab bb ap bp
    for l in "$@"; do
        read -r a b <<<"${wire[$l]}"
        ab=${a%%:*} bb=${b%%:*}
        ap=$(e2e_ofport "${a#*:}") bp=$(e2e_ofport "${b#*:}")
        echo "$(e2e_dpid "$ab"):$ap>$(e2e_dpid "$bb"):$bp"
        echo "$(e2e_dpid "$bb"):$bp>$(e2e_dpid "$ab"):$ap"
    done | sort
}
api_links() {       # api_links STATE: the links in that state
    api /v1/topology | python3 -c '
import json, sys
t = json.load(sys.stdin)
for l in t["links"]:
    if l["state"] == sys.argv[1]:
        print("%s:%d>%s:%d" % (l["src"]["dpid"], l["src"]["port"],
                               l["dst"]["dpid"], l["dst"]["port"]))' "$1" | sort
}
links_are() {       # links_are STATE LINK...: exactly these links
    local want got
    want=$(expected_links "${@:2}")
    got=$(api_links "$1")
    [ "$want" = "$got" ] || { echo "want:"; echo "$want"; echo "got:"; echo "$got"; return 1; }
}
e2e_check "/v1/topology shows exactly the 5 links, both ways, up" \
    e2e_wait_until "links_are up s1s2 s2s3 s3s4 s4s1 s1s3" 10
e2e_check "no one-way link" e2e_wait_until "[ -z \"\$(api_links one-way)\" ]" 5
e2e_check "four switches" \
    bash -c "curl -s $url/v1/topology | python3 -c 'import json,sys; sys.exit(len(json.load(sys.stdin)[\"switches\"]) != 4)'"

pings_all() {
    local s d rc=0
    for s in "$@"; do
        for d in "$@"; do
            [ "$s" = "$d" ] && continue
            e2e_ping "$s" "$(e2e_host_ip "$d")" 3 || { echo "$s -> $d failed"; rc=1; }
        done
    done
    return $rc
}
e2e_check "every host pings every other" pings_all h1 h2 h3 h4
e2e_check "/v1/hosts knows the four hosts where they are" \
    bash -c "curl -s $url/v1/hosts | python3 -c '
import json, sys
hosts = {h[\"ipv4\"][0]: h[\"dpid\"] for h in json.load(sys.stdin) if h[\"ipv4\"]}
want = {\"10.9.0.%d\" % i: \"%016x\" % i for i in (1, 2, 3, 4)}
print(hosts)
sys.exit(hosts != want)'"

# No broadcast storm: with the hosts quiet, the link ports carry only the
# probes (2 a second per direction) and a few stragglers.
link_rx() {
    local l a b total=0 n
    for l in s1s2 s2s3 s3s4 s4s1 s1s3; do
        for a in ${wire[$l]}; do
            n=$(e2e_vsctl get Interface "${a#*:}" statistics:rx_packets)
            total=$((total + n))
        done
    done
    echo "$total"
}
probes_sent() {
    curl -s "$url/v1/topology" | python3 -c '
import json, sys; print(json.load(sys.stdin)["discovery"]["probes_sent"])'
}
# A storm would be thousands of packets a second, growing; a quiet network
# carries the probes (about two thirds of them cross a link) and the hosts'
# ARP refreshes.
quiet_links() {
    local before after p0 p1
    p0=$(probes_sent)
    before=$(link_rx)
    sleep 3
    after=$(link_rx)
    p1=$(probes_sent)
    echo "link ports received $((after - before)) packets in 3 s; canopyd sent $((p1 - p0)) probes (on every port)"
    [ $((after - before)) -le $((2 * (p1 - p0) + 30)) ]
}
e2e_check "link counters stay bounded (no broadcast storm)" quiet_links
e2e_ping h1 10.9.0.254 1 >/dev/null 2>&1    # an ARP nobody answers, flooded
e2e_check "a flood to nobody does not loop either" quiet_links

# Paths: hosts on opposite corners.
path_is() {         # path_is SRC DST DPID...: the hop list
    local want got
    want=$(printf '%016x ' "${@:3}")
    got=$(curl -s "$url/v1/paths?src=$1&dst=$2" | python3 -c '
import json, sys
print(" ".join(h["dpid"] for h in json.load(sys.stdin)["hops"]) + " ")')
    echo "want [$want] got [$got]"
    [ "$want" = "$got" ]
}
e2e_check "/v1/paths h1 -> h3 takes the chord" path_is 10.9.0.1 10.9.0.3 1 3
path_len() {        # path_len SRC DST N: a path of N switches
    curl -s "$url/v1/paths?src=$1&dst=$2" | python3 -c '
import json, sys
p = json.load(sys.stdin); print(p)
sys.exit(len(p["hops"]) != int(sys.argv[1]))' "$3"
}
e2e_check "/v1/paths h2 -> h4 is a shortest path (3 switches)" \
    path_len 10.9.0.2 10.9.0.4 3
e2e_check "the docs/api.md examples of topology, hosts and paths hold" \
    python3 "$E2E_LIB_DIR/check-api-docs.py" "$E2E_TOP/docs/api.md" "$url" "" \
    --only '/v1/(topology|hosts|paths)'
e2e_check "/v1/paths by MAC and by datapath id" \
    path_len "$(e2e_host_mac h1)" 0000000000000002 2
e2e_check "/v1/paths to an unknown host is 404" \
    bash -c "curl -s $url/v1/paths?src=10.9.0.1\&dst=10.9.9.9 | grep -q '\"error\": \"not_found\"'"

# --- A forged link, and a replayed probe -------------------------------------
forge() {
    e2e_exec h1 python3 - "$(e2e_dpid "$s3")" <<'EOF'
import os, socket, struct, sys, time
dpid = int(sys.argv[1], 16)
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x88cc))
s.bind(("eth0", 0))
s.settimeout(2)
# One real probe, as the switch sends it out of this host's port.
real = None
t_end = time.time() + 3
while real is None and time.time() < t_end:
    try:
        f = s.recv(2048)
    except socket.timeout:
        break
    if f[12:14] == b"\x88\xcc":
        real = f
def tlv(t, v):
    return struct.pack("!H", t << 9 | len(v)) + v
sent = 0
for i in range(20):
    # Claims to come from s3 port 1, with a made-up authenticator.
    body = (tlv(1, b"\x07" + b"dpid:%016x" % dpid) + tlv(2, b"\x07" + b"1")
            + tlv(3, b"\x00\x78")
            + tlv(127, b"\x02\x43\x4e\x01" + struct.pack("!Q", i) + os.urandom(16))
            + tlv(0, b""))
    s.send(b"\x01\x80\xc2\x00\x00\x0e" + b"\x02\x00\x00\x00\x00\x01"
           + b"\x88\xcc" + body)
    if real:
        s.send(real)            # and the real one, back where it came from
    sent += 1
    time.sleep(0.05)
print("sent", sent, "forged probes; replayed a real one:", real is not None)
EOF
}
e2e_check "h1 sends forged and replayed LLDP" forge
no_h1_link() {
    local p1
    p1=$(e2e_ofport "$(e2e_host_port h1)")
    ! api_links up | grep -q "0000000000000001:$p1>" &&
        ! api_links one-way | grep -q "0000000000000001:$p1>" &&
        ! api_links up | grep -q ">0000000000000001:$p1\$"
}
e2e_check "no link appears at the host's port" no_h1_link
e2e_check "the links are still exactly the real ones" \
    links_are up s1s2 s2s3 s3s4 s4s1 s1s3
e2e_check "the forged probes are counted" \
    bash -c "curl -s $url/v1/topology | grep -Eq '\"forged\": [1-9]'"

# --- The chord fails -----------------------------------------------------------
read -r chord_a _ <<<"${wire[s1s3]}"
t0=$(date +%s%N)
ip link set "${chord_a#*:}" down
e2e_check "the chord disappears from /v1/topology" \
    e2e_wait_until "links_are up s1s2 s2s3 s3s4 s4s1" 5
e2e_check "and is shown as down" \
    e2e_wait_until "[ \$(api_links down | wc -l) -ge 1 ]" 5
recover() {         # pings h1 -> h3 until one answers
    local deadline=$(( $(date +%s) + 20 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        if e2e_exec h1 ping -n -q -c 1 -W 0.2 10.9.0.3 >/dev/null 2>&1; then
            echo "first successful ping $(( ($(date +%s%N) - t0) / 1000000 )) ms after the link went down"
            return 0
        fi
    done
    return 1
}
out=$(recover)
rc=$?
e2e_log "$out"
e2e_check "h1 reaches h3 again without operator action ($out)" [ "$rc" = 0 ]
e2e_check "/v1/paths h1 -> h3 now goes around (3 switches)" \
    path_len 10.9.0.1 10.9.0.3 3
e2e_check "every host pings every other after the failure" pings_all h1 h2 h3 h4
ip link set "${chord_a#*:}" up
e2e_check "the chord comes back" \
    e2e_wait_until "links_are up s1s2 s2s3 s3s4 s4s1 s1s3" 10

# --- A switch goes away --------------------------------------------------------
e2e_del_controller "$s4"
e2e_check "s4's links go when it disconnects" \
    e2e_wait_until "links_are up s1s2 s2s3 s1s3" 10
e2e_check "h1 still reaches h2 and h3" pings_all h1 h2 h3
e2e_set_controller "$s4" "tcp:127.0.0.1:$port"
e2e_check "s4 comes back with its links" \
    e2e_wait_until "links_are up s1s2 s2s3 s3s4 s4s1 s1s3" 15
e2e_check "every host pings every other again" pings_all h1 h2 h3 h4

# --- canopyctl ------------------------------------------------------------------
if [ -x "$CANOPYCTL" ]; then
    e2e_check "canopyctl topology lists the links" \
        bash -c "CANOPY_URL=$url $CANOPYCTL topology | grep -c ' up' | grep -qx 10"
    e2e_check "canopyctl hosts lists the hosts" \
        bash -c "CANOPY_URL=$url $CANOPYCTL hosts | grep -q 10.9.0.4"
    e2e_check "canopyctl path h1 h3" \
        bash -c "CANOPY_URL=$url $CANOPYCTL path 10.9.0.1 10.9.0.3 | grep -q 0000000000000003"
fi

# --- The web page ----------------------------------------------------------------
shot=${E2E_ARTIFACTS:-$E2E_DIR}/topology.png
webcheck() {
    python3 "$E2E_LIB_DIR/web-check.py" "$url/" --switches 4 --links-up 5 \
        --hosts 4 --screenshot "$shot"
    local rc=$?
    [ $rc = 77 ] && { echo "chromium not installed"; return 1; }
    return $rc
}
if [ -f "$E2E_LIB_DIR/web-check.py" ]; then
    e2e_check "the web page draws 4 switches, 5 links and 4 hosts (screenshot: $shot)" \
        webcheck
fi

e2e_check "canopyd exits cleanly on SIGTERM${E2E_VALGRIND:+ (valgrind: no errors, no leaks)}" \
    e2e_stop topo
e2e_finish
