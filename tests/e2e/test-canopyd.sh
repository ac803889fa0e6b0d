#!/bin/bash
# End-to-end: canopyd with l2_learning controlling real Open vSwitch bridges
# (userspace datapath) with hosts in network namespaces.
#
#   CANOPYD=path/to/canopyd CANOPY_APP_DIR=path/to/apps tests/e2e/test-canopyd.sh
#
# The first canopyd runs under valgrind when E2E_VALGRIND=1 (tests/run-all
# sets it) and must exit cleanly, without leaks, on SIGTERM.
. "$(dirname "$0")/lib.sh"

CANOPYD=${CANOPYD:-$E2E_TOP/_build/default/controller/canopyd}
CANOPY_APP_DIR=${CANOPY_APP_DIR:-$(dirname "$CANOPYD")/../apps/.libs}
[ -x "$CANOPYD" ] || e2e_skip "no canopyd at $CANOPYD (build first)"
command -v python3 >/dev/null || e2e_skip "python3 not installed"
command -v openssl >/dev/null || e2e_skip "openssl not installed"
command -v curl >/dev/null || e2e_skip "curl not installed"

e2e_setup

# canopyd_start NAME CONFIG-BODY [valgrind]: writes NAME.yaml and starts
# canopyd on it.
canopyd_start() {
    local name=$1 body=$2 cfg="$E2E_DIR/$1.yaml"
    printf 'log_level: debug\napp_dir: %s\n%s\n' "$CANOPY_APP_DIR" "$body" >"$cfg"
    if [ "${3:-}" = valgrind ]; then
        e2e_spawn "$name" valgrind --quiet --leak-check=full \
            --show-leak-kinds=definite,indirect \
            --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
            "$CANOPYD" -c "$cfg"
    else
        e2e_spawn "$name" "$CANOPYD" -c "$cfg"
    fi
}

log_has() { grep -q -- "$2" "$OVS_LOGDIR/$1.log"; }
flows() { e2e_ofctl dump-flows "$1" 2>/dev/null; }

pings_all() {
    local s d rc=0
    for s in "$@"; do
        for d in "$@"; do
            [ "$s" = "$d" ] && continue
            e2e_ping "$s" "$(e2e_host_ip "$d")" 2 || { echo "$s -> $d failed"; rc=1; }
        done
    done
    return $rc
}

# ---------------------------------------------------------------------------
# One canopyd for the TCP scenarios: listens for switches and also dials a
# switch that listens itself.
port=$(e2e_free_port) || e2e_die "no free port"
pport=$(e2e_free_port) || e2e_die "no free port"
aport=$(e2e_free_port) || e2e_die "no free port"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$E2E_DIR/token"
token=$(cat "$E2E_DIR/token")
canopyd_start main "listen: [\"tcp:127.0.0.1:$port\", \"tcp:[::1]:$port\"]
admin: {listen: \"127.0.0.1:$aport\", token_file: $E2E_DIR/token}
connect: [\"tcp:127.0.0.1:$pport\"]
keepalive: {interval: 1s, timeout: 3s}
reconnect: {min: 100ms, max: 1s}
apps:
  - name: l2_learning
    settings: {idle_timeout: 30}" ${E2E_VALGRIND:+valgrind}
e2e_wait_listening "$port" 30 || e2e_die "canopyd is not listening"

# --- A: one bridge, three hosts, OpenFlow 1.3 over TCP ---------------------
bra=a$E2E_ID
e2e_add_bridge "$bra" OpenFlow13
e2e_add_host a1 "$bra" 10.1.0.1/24
e2e_add_host a2 "$bra" 10.1.0.2/24
e2e_add_host a3 "$bra" 10.1.0.3/24
e2e_set_controller "$bra" "tcp:127.0.0.1:$port"
e2e_check "A: bridge connects over TCP" e2e_wait_connected "$bra" 30
e2e_check "A: canopyd says the switch is ready on OpenFlow 1.3" \
    e2e_wait_until "log_has main 'dpid $(e2e_dpid "$bra") ready: OpenFlow 1.3'" 10
e2e_check "A: every pair of hosts pings" pings_all a1 a2 a3
e2e_check "A: learned flows carry l2_learning's cookie (app id 2)" \
    e2e_wait_until "flows $bra | grep -q 'cookie=0x2000000000000, .*table=2.*dl_dst='" 5
# The admin API, with the switch connected.
api() {     # api METHOD PATH [curl args...]: prints "STATUS BODY"
    local method=$1 path=$2
    shift 2
    curl -s -o "$E2E_DIR/api.out" -w '%{http_code}' -X "$method" \
        -H "Authorization: Bearer $token" "$@" "http://127.0.0.1:$aport$path"
    printf ' '
    cat "$E2E_DIR/api.out"
}
api_is() {  # api_is EXPECTED-STATUS REGEX METHOD PATH
    local out
    out=$(api "$3" "$4")
    echo "$out"
    [[ $out == "$1 "* ]] && grep -Eq -- "$2" <<<"$out"
}
dpid_a=$(e2e_dpid "$bra")
e2e_check "API: GET /v1/health" api_is 200 '"status": "ok"' GET /v1/health
api_no_token() {
    local status
    status=$(curl -s -o "$E2E_DIR/noauth.out" -w '%{http_code}' \
        "http://127.0.0.1:$aport/v1/switches")
    cat "$E2E_DIR/noauth.out"
    [ "$status" = 401 ] &&
        grep -q '"error": "unauthorized"' "$E2E_DIR/noauth.out" &&
        ! grep -q "$dpid_a" "$E2E_DIR/noauth.out"
}
e2e_check "API: no token gives 401 and nothing else" api_no_token
e2e_check "API: GET /v1/switches lists the switch" \
    api_is 200 "\"dpid\": \"$dpid_a\", \"version\": \"1.3\"" GET /v1/switches
e2e_check "API: GET /v1/switches/{dpid} shows its counters" \
    api_is 200 '"packet_ins": [1-9]' GET "/v1/switches/$dpid_a"
e2e_check "API: an unknown switch is 404 with a JSON error" \
    api_is 404 '"error": "not_found"' GET /v1/switches/ffff
e2e_check "API: a wrong method is 405" \
    api_is 405 '"error": "method_not_allowed"' DELETE /v1/health
e2e_check "API: GET /v1/apps shows l2_learning's counters" \
    api_is 200 '"name": "l2_learning", "id": 2, .*"flow_mods": [1-9]' GET /v1/apps
e2e_check "API: /metrics has per-switch counters in Prometheus format" \
    api_is 200 "canopy_switch_packet_ins_total\\{dpid=\"$dpid_a\"\\} [1-9]" GET /metrics
e2e_check "A: table-miss flows carry the core's cookie" \
    e2e_wait_until "flows $bra | grep -q 'cookie=0x1000000000000, .*table=2.*priority=0 actions=CONTROLLER'" 5

# A flow nobody owns, then a crash of ovs-vswitchd: on reconnect canopyd
# removes the stranger and the network works again.
e2e_ofctl add-flow "$bra" "cookie=0x99,table=0,priority=7,dl_type=0x88b5,actions=drop"
e2e_check "A: a foreign flow is installed" \
    e2e_wait_until "flows $bra | grep -q cookie=0x99" 5
e2e_kill_vswitchd KILL
e2e_restart_vswitchd
e2e_check "A: the switch reconnects after ovs-vswitchd restarts" \
    e2e_wait_connected "$bra" 30
e2e_check "A: reconciliation removes the flow no app owns" \
    e2e_wait_until "! flows $bra | grep -q cookie=0x99" 10
e2e_check "A: pings work again after the restart" pings_all a1 a2 a3

# Hostile clients: each is dropped, the real switch keeps forwarding.
hostile() { python3 "$E2E_LIB_DIR/hostile-client.py" "$port" "$1" "$2"; }
e2e_check "A: garbage bytes are refused and the connection closed" \
    hostile garbage closed
e2e_check "A: a length below 8 loses framing and is closed" \
    hostile short-length closed
e2e_check "A: a truncated message then EOF is closed" hostile truncated closed
e2e_check "A: a message before HELLO is closed" hostile wrong-first closed
e2e_check "A: a maximum-size garbage message gets an OFPT_ERROR" \
    hostile max-size-garbage error
e2e_check "A: a flood of unknown message types gets errors, then closed" \
    hostile bad-types closed
e2e_check "A: canopyd answered unknown types with OFPT_ERROR" \
    log_has main "bad message (OFPBRC_BAD_TYPE"
e2e_check "A: canopyd is still running" e2e_running main
e2e_check "A: the real switch still forwards" pings_all a1 a2 a3

# A switch that stops reading: canopyd stops reading from it once its
# queue is backed up (so the switch is throttled), answers everything it
# did read once the switch reads again, and serves the others meanwhile.
python3 "$E2E_LIB_DIR/hostile-client.py" "$port" stuck 20000 1.5 0.5 \
    >"$E2E_DIR/stuck.out" 2>&1 &
stuck_pid=$!
sleep 1.5
e2e_check "A: while one switch is stuck the others are served" \
    pings_all a1 a2
wait "$stuck_pid"
stuck_sent() { awk '/packet-outs received/ { print $3 }' "$E2E_DIR/stuck.out"; }
stuck_outs() { awk '/packet-outs received/ { print $NF }' "$E2E_DIR/stuck.out"; }
e2e_check "A: the stuck switch was throttled (could not send 20000 packet-ins)" \
    test "$(stuck_sent)" -gt 0 -a "$(stuck_sent)" -lt 20000
e2e_check "A: every packet-in it sent was answered once it read (no drops)" \
    test "$(stuck_outs)" -eq "$(stuck_sent)"
# Stuck for longer than the keepalive timeout (3 s here): dropped.
python3 "$E2E_LIB_DIR/hostile-client.py" "$port" stuck 20000 2 4 \
    >"$E2E_DIR/stuck2.out" 2>&1
e2e_check "A: a switch that stops reading for good is dropped as stuck" \
    log_has main "has not read its messages for .*: it is stuck"
e2e_check "A: canopyd is still running after the stuck switch" e2e_running main

# A host moves: a3 takes a1's MAC address (a1 stays up but silent).
# canopyd notices the move,
# removes the flows to the old port, and traffic follows the host.
mac1=$(e2e_host_mac a1)
e2e_exec a3 ip link set dev eth0 address "$mac1"
for h in a1 a2 a3; do e2e_exec "$h" ip neigh flush all; done
e2e_check "A: the moved host is reachable on its new port" \
    pings_all a2 a3
e2e_check "A: canopyd saw the MAC move" log_has main "$mac1 moved from port"
e2e_check "A: no flow still sends the moved MAC to its old port" \
    e2e_wait_until "! flows $bra | grep 'dl_dst=$mac1' | grep -q 'output:$(e2e_ofport "$(e2e_host_port a1)")\$'" 5
e2e_exec a3 ip link set dev eth0 address "$(e2e_host_mac a3)"
for h in a1 a2 a3; do e2e_exec "$h" ip neigh flush all; done

# --- B: OpenFlow 1.0 -------------------------------------------------------
brb=b$E2E_ID
e2e_add_bridge "$brb" OpenFlow10
e2e_add_host b1 "$brb" 10.2.0.1/24
e2e_add_host b2 "$brb" 10.2.0.2/24
e2e_set_controller "$brb" "tcp:127.0.0.1:$port"
e2e_check "B: OpenFlow 1.0 bridge connects" e2e_wait_connected "$brb" 30
e2e_check "B: canopyd negotiated OpenFlow 1.0" \
    e2e_wait_until "log_has main 'dpid $(e2e_dpid "$brb") ready: OpenFlow 1.0'" 10
e2e_check "B: hosts ping on OpenFlow 1.0" pings_all b1 b2

# --- C: two bridges in a line ---------------------------------------------
brc1=c$E2E_ID
brc2=d$E2E_ID
e2e_add_bridge "$brc1" OpenFlow13
e2e_add_bridge "$brc2" OpenFlow13
e2e_link "$brc1" "$brc2"
e2e_add_host c1 "$brc1" 10.3.0.1/24
e2e_add_host c2 "$brc2" 10.3.0.2/24
e2e_set_controller "$brc1" "tcp:[::1]:$port"
e2e_set_controller "$brc2" "tcp:127.0.0.1:$port"
e2e_check "C: both bridges connect, one over IPv6" \
    e2e_wait_until "e2e_is_connected $brc1 && e2e_is_connected $brc2" 30
e2e_check "C: hosts on different bridges ping" pings_all c1 c2

# --- D: canopyd dials a switch that listens --------------------------------
brd=e$E2E_ID
e2e_add_bridge "$brd" OpenFlow13
e2e_add_host d1 "$brd" 10.4.0.1/24
e2e_add_host d2 "$brd" 10.4.0.2/24
e2e_set_controller "$brd" "ptcp:$pport:127.0.0.1"
e2e_check "D: canopyd connects to the listening switch" \
    e2e_wait_until "log_has main 'dpid $(e2e_dpid "$brd") ready'" 20
e2e_check "D: hosts ping through the dialled switch" pings_all d1 d2

# --- The same datapath id twice: the newer connection replaces the older.
python3 "$E2E_LIB_DIR/hostile-client.py" "$port" idle 0x77 6 \
    >"$E2E_DIR/dup1.out" 2>&1 &
dup_pid=$!
e2e_wait_until "log_has main 'dpid 0000000000000077 ready'" 10
python3 "$E2E_LIB_DIR/hostile-client.py" "$port" idle 0x77 2 \
    >"$E2E_DIR/dup2.out" 2>&1
wait "$dup_pid"
e2e_check "a second connection with the same datapath id replaces the first" \
    log_has main "dpid 0000000000000077 disconnected: replaced by a new connection"
e2e_check "the first connection was closed, the second kept" \
    grep -q "closed by canopyd" "$E2E_DIR/dup1.out"

# --- Reload ----------------------------------------------------------------
cp "$E2E_DIR/main.yaml" "$E2E_DIR/main.good"
printf 'bogus_setting: 1\n' >>"$E2E_DIR/main.yaml"
kill -HUP "$(e2e_pid main)"
e2e_check "reload: a bad config is refused with file:line:column" \
    e2e_wait_until "log_has main 'reload refused.*main.yaml:[0-9]*:[0-9]*: unknown setting .bogus_setting.'" 10
e2e_check "reload: the old config keeps serving" pings_all a1 a2
cp "$E2E_DIR/main.good" "$E2E_DIR/main.yaml"
sed -i 's/idle_timeout: 30/idle_timeout: 20/' "$E2E_DIR/main.yaml"
kill -HUP "$(e2e_pid main)"
e2e_check "reload: a good config is applied" \
    e2e_wait_until "log_has main 'reloaded '" 10
printf 'bogus_setting: 1\n' >>"$E2E_DIR/main.yaml"
e2e_check "API: a reload of a bad config is 400 with file:line:column" \
    api_is 400 'main.yaml:[0-9]+:[0-9]+: unknown setting' POST /v1/config/reload
sed -i '/^bogus_setting/d' "$E2E_DIR/main.yaml"
e2e_check "API: POST /v1/config/reload applies a good config" \
    api_is 200 '"applied": true' POST /v1/config/reload

# --- Clean shutdown ----------------------------------------------------------
e2e_stop main TERM
rc=$?
e2e_check "SIGTERM stops canopyd with status 0${E2E_VALGRIND:+ and valgrind finds no errors or leaks}" \
    test "$rc" = 0

# --- Connection cap ---------------------------------------------------------
cport=$(e2e_free_port) || e2e_die "no free port"
canopyd_start cap "listen: [\"tcp:127.0.0.1:$cport\"]
switch: {max_connections: 1}"
e2e_wait_listening "$cport" 10 || e2e_die "canopyd (cap) is not listening"
python3 "$E2E_LIB_DIR/hostile-client.py" "$cport" idle 0x88 4 \
    >"$E2E_DIR/cap1.out" 2>&1 &
cap_pid=$!
e2e_wait_until "log_has cap 'dpid 0000000000000088 ready'" 10
python3 "$E2E_LIB_DIR/hostile-client.py" "$cport" idle 0x89 1 \
    >"$E2E_DIR/cap2.out" 2>&1
wait "$cap_pid"
e2e_check "max_connections: a connection over the cap is refused and logged" \
    log_has cap "refusing a connection: 1 connections open"
e2e_check "max_connections: the connection within the cap is kept" \
    grep -q "still open" "$E2E_DIR/cap1.out"
e2e_stop cap TERM

# --- E: TLS ------------------------------------------------------------------
pki=$E2E_DIR/pki
mkdir -p "$pki"
mk_ca() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -keyout "$pki/$1-key.pem" -out "$pki/$1-cert.pem" -days 2 \
        -subj "/CN=$1" 2>/dev/null
}
mk_cert() {
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -keyout "$pki/$1-key.pem" -out "$pki/$1.csr" -subj "/CN=$1" 2>/dev/null &&
    openssl x509 -req -in "$pki/$1.csr" -CA "$pki/$2-cert.pem" \
        -CAkey "$pki/$2-key.pem" -CAcreateserial -out "$pki/$1-cert.pem" \
        -days 2 2>/dev/null
}
mk_ca ca && mk_ca rogueca && mk_cert controller ca && mk_cert switch ca &&
    mk_cert rogue rogueca || e2e_die "cannot make certificates"

tport=$(e2e_free_port) || e2e_die "no free port"
canopyd_start tls "listen: [\"tls:127.0.0.1:$tport\"]
tls: {ca: $pki/ca-cert.pem, cert: $pki/controller-cert.pem, key: $pki/controller-key.pem}
apps: [{name: l2_learning}]"
e2e_wait_listening "$tport" 10 || e2e_die "canopyd (TLS) is not listening"
e2e_vsctl set-ssl "$pki/switch-key.pem" "$pki/switch-cert.pem" "$pki/ca-cert.pem"
e2e_set_controller "$bra" "ssl:127.0.0.1:$tport"
e2e_check "E: the switch connects over TLS" e2e_wait_connected "$bra" 30
e2e_check "E: canopyd verified the switch certificate" \
    e2e_wait_until "log_has tls 'TLS TLSv1.[23] .* with CN=switch'" 10
e2e_check "E: hosts ping over a TLS-controlled switch" pings_all a1 a2 a3

rogue_client() {
    echo | timeout 5 openssl s_client -connect "127.0.0.1:$tport" \
        -cert "$pki/rogue-cert.pem" -key "$pki/rogue-key.pem" \
        -CAfile "$pki/ca-cert.pem" >/dev/null 2>&1
    true
}
rogue_client
e2e_check "E: a switch with a certificate from another CA is refused" \
    e2e_wait_until "log_has tls 'TLS handshake failed: certificate verify failed.*CN=rogue'" 10
e2e_check "E: the good switch keeps working" pings_all a1 a2
e2e_stop tls TERM
e2e_check "E: canopyd (TLS) stops with status 0" test $? = 0

# Certificate pins: the bridge's datapath id pinned to another certificate
# is refused; pinned to its own, it is accepted.
fp() {
    openssl x509 -in "$pki/$1-cert.pem" -noout -fingerprint -sha256 |
        sed 's/.*=//'
}
pin_start() {
    canopyd_start "$1" "listen: [\"tls:127.0.0.1:$tport\"]
tls:
  ca: $pki/ca-cert.pem
  cert: $pki/controller-cert.pem
  key: $pki/controller-key.pem
  pins: [{dpid: 0x$(e2e_dpid "$bra"), sha256: \"$(fp "$2")\"}]
apps: [{name: l2_learning}]"
    e2e_wait_listening "$tport" 10 || e2e_die "canopyd ($1) is not listening"
}
pin_start pinbad controller
e2e_check "E: a switch whose certificate does not match its pin is refused" \
    e2e_wait_until "log_has pinbad 'refused: its certificate does not match the pin'" 15
e2e_stop pinbad TERM
pin_start pingood switch
e2e_check "E: a switch matching its pin is accepted" e2e_wait_connected "$bra" 30
e2e_check "E: hosts ping with the pinned switch" pings_all a1 a2
e2e_stop pingood TERM

e2e_finish
