#!/bin/bash
# End-to-end: tenant isolation (apps/tenant) on real Open vSwitch bridges
# (userspace datapath) wired as a full mesh of three, two tenants whose
# hosts reuse each other's IP and MAC addresses, spread over the switches.
#
#   CANOPYD=path/to/canopyd CANOPY_APP_DIR=path/to/apps \
#   tests/e2e/test-tenant.sh
. "$(dirname "$0")/lib.sh"

CANOPYD=${CANOPYD:-$E2E_TOP/_build/default/controller/canopyd}
CANOPY_APP_DIR=${CANOPY_APP_DIR:-$(dirname "$CANOPYD")/../apps/.libs}
[ -x "$CANOPYD" ] || e2e_skip "no canopyd at $CANOPYD (build first)"
command -v python3 >/dev/null || e2e_skip "python3 not installed"
command -v curl >/dev/null || e2e_skip "curl not installed"

e2e_setup

port=$(e2e_free_port) || e2e_die "no free port"
aport=$(e2e_free_port) || e2e_die "no free port"
url=http://127.0.0.1:$aport
api() { curl -s "$url$1"; }

# --- s1, s2, s3, each linked to the other two; s2 speaks OpenFlow 1.0 -----
s1=n${E2E_ID}1 s2=n${E2E_ID}2 s3=n${E2E_ID}3
e2e_add_bridge "$s1" OpenFlow13 1
e2e_add_bridge "$s2" OpenFlow10 2
e2e_add_bridge "$s3" OpenFlow13 3
acc=a${E2E_ID}
e2e_add_bridge "$acc" "" 99
e2e_link "$s1" "$s2"
e2e_link "$s2" "$s3"
e2e_link "$s1" "$s3"
# blue: b1 (s1), b2 (s2), b3 (s3) and bv (behind s2, access VLAN 20).
# red:  r1 (s2) has b1's IP *and* MAC; r3 (s1) has b3's IP; r4 (s3) has an
#       address no blue host has.
# x1 (s3) belongs to no tenant until a change puts it in red; x2 (s2)
# belongs to none; m1 (s3) is in blue by its MAC address.
e2e_add_host b1 "$s1" 10.7.0.1/24
e2e_add_host b2 "$s2" 10.7.0.2/24
e2e_add_host b3 "$s3" 10.7.0.3/24
e2e_add_host bv "$acc" 10.7.0.9/24
e2e_add_host r1 "$s2" 10.7.0.1/24 "$(e2e_host_mac b1)"
e2e_add_host r3 "$s1" 10.7.0.3/24
e2e_add_host r4 "$s3" 10.7.0.4/24
e2e_add_host x1 "$s3" 10.7.0.5/24
e2e_add_host x2 "$s2" 10.7.0.6/24
e2e_add_host m1 "$s3" 10.7.0.7/24
# bv's traffic reaches s2 tagged with VLAN 20: bv hangs off a small access
# switch (plain MAC learning, not controlled by canopyd) whose uplink to s2
# carries VLAN 20.
e2e_vsctl set-fail-mode "$acc" standalone
e2e_vsctl set Port "$(e2e_host_port bv)" tag=20
e2e_link "$acc" "$s2"
bv_uplink=$E2E_LINK_PORT2

ofp() { e2e_ofport "$(e2e_host_port "$1")"; }

# tenants_yaml [EXTRA-RED-MEMBER]: the tenant app's settings.
tenants_yaml() {
    cat <<EOF
      tenants:
        - name: blue
          vlan: 101
          members:
            - {dpid: 1, port: "$(e2e_host_port b1)"}
            - {dpid: 2, port: $(ofp b2)}
            - {dpid: 2, port: "$(e2e_host_port b2)"}   # the same port again
            - {dpid: 3, port: $(ofp b3)}
            - {dpid: 2, port: $(e2e_ofport "$bv_uplink"), vlan: 20}
            - {mac: "$(e2e_host_mac m1)"}
        - name: red
          members:
            - {dpid: 2, port: $(ofp r1)}
            - {dpid: 1, port: $(ofp r3)}
            - {dpid: 3, port: $(ofp r4)}
$1
EOF
}
cfg=$E2E_DIR/tenant.yaml
write_cfg() {
    cat >"$cfg" <<EOF
log_level: debug
listen: ["tcp:127.0.0.1:$port"]
admin: {listen: "127.0.0.1:$aport", web_dir: $E2E_TOP/web}
keepalive: {interval: 2s, timeout: 10s}
topology: {lldp_interval: 500ms, link_timeout: 1500ms}
app_dir: $CANOPY_APP_DIR
apps:
  - name: acl
  - name: tenant
    settings:
$(tenants_yaml "$1")
EOF
}
write_cfg ""
e2e_spawn_canopyd tenant "$CANOPYD" "$cfg"
e2e_wait_listening "$port" 30 || e2e_die "canopyd is not listening"
e2e_wait_listening "$aport" 10 || e2e_die "the API is not listening"
for b in "$s1" "$s2" "$s3"; do
    e2e_set_controller "$b" "tcp:127.0.0.1:$port"
done
e2e_check "three bridges connect" e2e_wait_until \
    "e2e_is_connected $s1 && e2e_is_connected $s2 && e2e_is_connected $s3" 30
e2e_check "/v1/topology shows the 3 links" e2e_wait_until \
    "[ \"\$(api /v1/topology | python3 -c 'import json,sys; print(sum(l[\"state\"] == \"up\" for l in json.load(sys.stdin)[\"links\"]))')\" = 6 ]" 15

tenant_vlan() {
    api /v1/tenants | python3 -c '
import json, sys
print(next(t["vlan"] for t in json.load(sys.stdin)["tenants"] if t["name"] == sys.argv[1]))' "$1"
}
e2e_check "/v1/tenants: blue has VLAN 101 as configured" \
    [ "$(tenant_vlan blue)" = 101 ]
red_vlan=$(tenant_vlan red)
e2e_check "/v1/tenants: red got an allocated VLAN ($red_vlan)" \
    [ "$red_vlan" = 100 ]
e2e_check "/v1/tenants: b1's port name resolved" \
    bash -c "curl -s $url/v1/tenants | grep -q '\"port_name\": \"$(e2e_host_port b1)\", \"port\": $(ofp b1), \"resolved\": true'"

# pings SRC DST...: SRC reaches every DST (by host name).
pings() {
    local s=$1 d rc=0
    shift
    for d in "$@"; do
        e2e_ping "$s" "$(e2e_host_ip "$d")" 3 >/dev/null ||
            { echo "$s -> $d failed"; rc=1; }
    done
    return $rc
}
# no_ping SRC IP: SRC gets no answer from IP.
no_ping() {
    ! e2e_exec "$1" ping -n -q -c 2 -i 0.2 -W 1 "$2" >/dev/null
}
e2e_check "blue: b1 reaches b2, b3 and the tagged bv" pings b1 b2 b3 bv
e2e_check "blue: bv (access VLAN 20) reaches b3" pings bv b3
e2e_check "blue: m1, a member by its MAC on an unclaimed port, reaches b1 and b2" \
    pings m1 b1 b2
e2e_check "m1 cannot reach red's 10.7.0.4" no_ping m1 10.7.0.4
e2e_check "red: r1 reaches r3 and r4" pings r1 r3 r4
e2e_check "red: r4 reaches r1 and r3" pings r4 r1 r3
e2e_check "blue b2 cannot reach red's 10.7.0.4" no_ping b2 10.7.0.4
e2e_check "red r3 cannot reach blue's 10.7.0.9" no_ping r3 10.7.0.9
e2e_check "x1 (no tenant) reaches nobody" no_ping x1 10.7.0.4
e2e_check "x2 (no tenant, OpenFlow 1.0 switch) reaches nobody" no_ping x2 10.7.0.4
x2_dropped() {
    e2e_ofctl dump-flows "$s2" | grep 'priority=60000' |
        grep -q "dl_src=$(e2e_host_mac x2)"
}
e2e_check "s2 (OpenFlow 1.0) drops x2 with a flow of its own" x2_dropped

# Same IP in both tenants: each tenant's client reaches its own server.
e2e_exec b3 bash -c "mkdir -p $E2E_DIR/www-blue && echo blue >$E2E_DIR/www-blue/who"
e2e_exec r3 bash -c "mkdir -p $E2E_DIR/www-red && echo red >$E2E_DIR/www-red/who"
e2e_exec b3 python3 -m http.server --bind 10.7.0.3 --directory "$E2E_DIR/www-blue" 8080 \
    >/dev/null 2>&1 &
e2e_exec r3 python3 -m http.server --bind 10.7.0.3 --directory "$E2E_DIR/www-red" 8080 \
    >/dev/null 2>&1 &
fetch() { e2e_exec "$1" curl -s --max-time 3 http://10.7.0.3:8080/who; }
fetch_is() { [ "$(fetch "$1")" = "$2" ]; }
e2e_check "TCP: blue b1 (10.7.0.1) gets blue's server at 10.7.0.3" \
    e2e_wait_until "fetch_is b1 blue" 10
e2e_check "TCP: red r1 (also 10.7.0.1, same MAC) gets red's server" \
    e2e_wait_until "fetch_is r1 red" 10
e2e_check "TCP: bv (VLAN 20) gets blue's server" fetch_is bv blue

# --- An ACL on one tenant (the acl app runs before the tenant app) -------------
acl_put() {
    curl -s -X PUT -H 'Content-Type: application/json' --data "$1" \
        "$url/v1/acls"
}
out=$(acl_put '{"lists": {"red-no-web": {"default": "allow", "rules": [{"action": "deny", "proto": "tcp", "dst_port": 8080}]}}, "apply": [{"list": "red-no-web", "tenant": "red"}]}')
e2e_log "PUT /v1/acls: $(cut -c1-200 <<<"$out")"
refused() { ! fetch_is "$1" "$2"; }
e2e_check "ACL on tenant red: r4 is refused TCP 8080" refused r4 red
e2e_check "red still pings" pings r4 r3
e2e_check "blue still gets its server on the same address and port" \
    fetch_is b1 blue
# verdict_is QUERY "ALLOWED KIND": what GET /v1/policy/check?QUERY answers
verdict_is() { [ "$(e2e_verdict "$url" "$1")" = "$2" ]; }
e2e_check "policy/check agrees: red TCP 8080 is denied by the ACL" \
    verdict_is "src=10.7.0.4&dst=10.7.0.3&proto=tcp&port=8080&tenant=red" "false acl"
e2e_check "policy/check agrees: red ICMP is allowed" \
    verdict_is "src=10.7.0.4&dst=10.7.0.3&proto=icmp&tenant=red" "true acl"
e2e_check "policy/check agrees: blue TCP 8080 is allowed (no list applies)" \
    verdict_is "src=10.7.0.1&dst=10.7.0.3&proto=tcp&port=8080&tenant=blue" "true default"
e2e_check "policy/check agrees: x1's port belongs to no tenant" \
    verdict_is "src=10.7.0.5&dst=10.7.0.4&proto=icmp&in=0000000000000003:$(ofp x1)" "false tenant"
e2e_check "policy/check agrees: blue to red is denied by tenant isolation" \
    verdict_is "src=10.7.0.2&dst=10.7.0.4&proto=icmp&tenant=blue&dst_tenant=red" "false tenant"
e2e_check "policy/check: from b2's port to r4's port, tenant isolation too" \
    verdict_is "src=10.7.0.2&dst=10.7.0.4&proto=icmp&in=0000000000000002:$(ofp b2)&to=0000000000000003:$(ofp r4)" "false tenant"
e2e_check "policy/check: m1 is blue by its MAC, and reaches blue" \
    verdict_is "src=10.7.0.7&dst=10.7.0.1&proto=icmp&in=0000000000000003:$(ofp m1)&src_mac=$(e2e_host_mac m1)&dst_tenant=blue" "true default"
e2e_check "policy/check classifies r4 by its port" \
    verdict_is "src=10.7.0.4&dst=10.7.0.3&proto=tcp&port=8080&in=0000000000000003:$(ofp r4)" "false acl"

# The web page: hosts of 1.3 switches in their tenant's colour (those of
# the 1.0 switch are known by their wire VLAN, see docs/tenant.md), and
# the ACL's one rule with its counters.
shot=${E2E_ARTIFACTS:-$E2E_DIR}/tenants.png
webcheck() {
    python3 "$E2E_LIB_DIR/web-check.py" "$url/" --switches 3 --links-up 3 \
        --tenants 2 --tenant-hosts 5 --acl-rules 1 --screenshot "$shot"
    local rc=$?
    [ $rc = 77 ] && { echo "chromium not installed"; return 1; }
    return $rc
}
e2e_check "the web page lists 2 tenants, colours 5 hosts and shows the ACL rule (screenshot: $shot)" \
    webcheck
out=$(acl_put '{}')
e2e_check "without the ACL, r4 gets red's server again" \
    e2e_wait_until "fetch_is r4 red" 10

# Broadcasts stay inside the tenant: a capture in red's r4 sees red's ARP
# and none of blue's, while blue's b2 floods ARP for an unused address.
capture() {         # capture HOST SECONDS: prints "SRC-MAC" of ARP frames
    e2e_exec "$1" python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind(("eth0", 0))
s.settimeout(0.2)
end = time.time() + float(sys.argv[1])
while time.time() < end:
    try:
        f = s.recv(2048)
    except socket.timeout:
        continue
    t = f[12:14]
    if t == b"\x81\x00":
        t = f[16:18]
    if t == b"\x08\x06":
        print(":".join("%02x" % b for b in f[6:12]), flush=True)' "$2"
}
capture r4 4 >"$E2E_DIR/r4.arp" &
cap=$!
sleep 0.5
e2e_exec b2 ping -n -q -c 3 -i 0.3 -W 1 10.7.0.200 >/dev/null 2>&1
e2e_exec r1 ping -n -q -c 3 -i 0.3 -W 1 10.7.0.201 >/dev/null 2>&1
wait "$cap"
e2e_log "ARP seen in r4: $(sort "$E2E_DIR/r4.arp" | uniq -c | tr '\n' ' ')"
e2e_check "the capture in red sees red's ARP broadcasts" \
    grep -q "$(e2e_host_mac r1)" "$E2E_DIR/r4.arp"
e2e_check "and none of blue's" \
    bash -c "! grep -q '$(e2e_host_mac b2)' '$E2E_DIR/r4.arp'"

# Traffic of no tenant is dropped at ingress and counted.
drop_packets() {
    e2e_ofctl dump-flows "$s3" table=0 | grep -E ' priority=1 ' |
        sed -n 's/.*n_packets=\([0-9]*\).*/\1/p'
}
e2e_check "x1's traffic is counted by s3's drop flow" \
    [ "$(drop_packets)" -gt 0 ]

e2e_check "the docs/api.md examples of PUT /v1/tenants hold" \
    python3 "$E2E_LIB_DIR/check-api-docs.py" "$E2E_TOP/docs/api.md" "$url" "" \
    --only 'PUT.*/v1/tenants'

# --- Live changes ---------------------------------------------------------------
b1_flow() {         # n_packets of b1's classification flow on s1
    e2e_ofctl dump-flows "$s1" "table=0,in_port=$(ofp b1)" |
        sed -n 's/.*n_packets=\([0-9]*\).*/\1/p' | head -1
}
e2e_ping b1 10.7.0.2 3 >/dev/null
before=$(b1_flow)
write_cfg "            - {dpid: 3, port: $(ofp x1)}"
out=$(curl -s -X POST "$url/v1/config/reload")
e2e_log "reload: $out"
e2e_check "reload puts x1 in red: x1 reaches r4" \
    e2e_wait_until "e2e_ping x1 10.7.0.4 1 >/dev/null" 10
e2e_check "x1 still cannot reach blue" no_ping x1 10.7.0.2
after=$(b1_flow)
e2e_check "blue's b1 flow was not touched ($before -> $after packets)" \
    [ -n "$before" ] && [ "$after" -ge "$before" ]

put() {             # put BODY [QUERY]: PUT /v1/tenants
    curl -s -X PUT -H 'Content-Type: application/json' --data "$1" \
        "$url/v1/tenants${2:-}"
}
json_tenants() {    # the current tenants without X (python dict literal)
    python3 - "$@" <<'EOF'
import json, sys
b1, b2, b3, bv, r1, r3, r4 = sys.argv[1:8]
print(json.dumps({"tenants": [
    {"name": "blue", "vlan": 101, "members": [
        {"dpid": 1, "port": b1}, {"dpid": 2, "port": int(b2)},
        {"dpid": 3, "port": int(b3)}, {"dpid": 2, "port": int(bv), "vlan": 20}]},
    {"name": "red", "members": [
        {"dpid": 2, "port": int(r1)}, {"dpid": 1, "port": int(r3)},
        {"dpid": 3, "port": int(r4)}]}]}))
EOF
}
body=$(json_tenants "$(e2e_host_port b1)" "$(ofp b2)" "$(ofp b3)" "$(e2e_ofport "$bv_uplink")" \
    "$(ofp r1)" "$(ofp r3)" "$(ofp r4)")
flows_s3() { e2e_ofctl dump-flows "$s3" table=0 | sed 's/duration=[^,]*, //; s/n_packets=[^,]*, //; s/n_bytes=[^,]*, //; s/idle_age=[^,]*, //' | sort; }
f_before=$(flows_s3)
plan=$(put "$body" "?dry_run=1")
e2e_log "dry run: $plan"
e2e_check "a dry run lists the deletion of x1's flow on s3" \
    bash -c "grep -q '\"switch\": \"0000000000000003\", \"op\": \"delete\", \"table\": 0, \"priority\": 700, \"match\": \"in_port=$(ofp x1)' <<<'$plan'"
e2e_check "and touches no flow" [ "$f_before" = "$(flows_s3)" ]
e2e_check "x1 still reaches r4 after the dry run" e2e_ping x1 10.7.0.4 2
out=$(put "$body")
e2e_log "PUT: $out"
# (The datapath's flow cache follows a change within moments: wait for it.)
e2e_check "PUT /v1/tenants takes x1 out of red" \
    e2e_wait_until "no_ping x1 10.7.0.4" 10
e2e_check "red still works" pings r4 r1
e2e_check "b2, listed twice before (by number and by name), still reaches b1" \
    pings b2 b1

# A default tenant takes the traffic of no tenant: x1 joins red by it.
dflt_body=$(python3 -c '
import json, sys
b = json.loads(sys.argv[1])
b["default"] = "red"
print(json.dumps(b))' "$body")
put "$dflt_body" >/dev/null
e2e_check "with default: red, x1 (no member) reaches r4" \
    e2e_wait_until "e2e_ping x1 10.7.0.4 1 >/dev/null" 10
e2e_check "and still not blue" no_ping x1 10.7.0.2
e2e_check "policy/check: x1's port is red's by default" \
    verdict_is "src=10.7.0.5&dst=10.7.0.4&proto=icmp&in=0000000000000003:$(ofp x1)" "true default"
put "$body" >/dev/null
e2e_check "without the default, x1 is cut off again" \
    e2e_wait_until "no_ping x1 10.7.0.4" 10

# A switch that refuses part of a change is rolled back, alone: s3's table
# 0 gets room for two more flows, and the change adds four MAC members.
t0_s3() { e2e_ofctl -O OpenFlow13 dump-flows --no-stats "$s3" table=0 | sort; }
t0_before=$(t0_s3)
limit=$(( $(wc -l <<<"$t0_before") + 2 ))
e2e_vsctl -- --id=@ft create Flow_Table flow_limit="$limit" \
    overflow_policy=refuse -- set Bridge "$s3" flow_tables:0=@ft >/dev/null
macs_body=$(python3 -c '
import json, sys
b = json.loads(sys.argv[1])
b["tenants"][0]["members"] += [{"mac": "0a:00:00:00:0f:%02x" % i} for i in range(4)]
print(json.dumps(b))' "$body")
out=$(put "$macs_body")
e2e_log "PUT with MAC members: $(cut -c1-160 <<<"$out")"
s3_status() {
    api /v1/tenants | python3 -c '
import json, sys
print(next(s["status"] for s in json.load(sys.stdin)["switches"] if s["dpid"] == sys.argv[1]))' "$1"
}
e2e_check "s3 refuses a flow and is rolled back (status says why)" \
    e2e_wait_until "s3_status 0000000000000003 | grep -q 'rolled back.*TABLE_FULL'" 10
e2e_check "s3's table 0 is exactly what it was" [ "$(t0_s3)" = "$t0_before" ]
mac_flows() { e2e_ofctl dump-flows "$1" table=0 | grep -c 'dl_src=0a:00:00:00:0f'; }
e2e_check "s1 took the change (4 MAC member flows)" [ "$(mac_flows "$s1")" = 4 ]
e2e_check "traffic on s3 still flows" pings b3 b1
e2e_vsctl clear Bridge "$s3" flow_tables
put "$macs_body" >/dev/null
e2e_check "with room again, the same PUT brings s3 in line" \
    e2e_wait_until "[ \$(mac_flows $s3) = 4 ] && s3_status 0000000000000003 | grep -qx 'in sync'" 10
put "$body" >/dev/null

# Invalid policies are refused and the running one stays.
bad=$(put '{"tenants": [{"name": "blue", "vlan": 101}, {"name": "red", "vlan": 101}]}')
e2e_log "overlapping VLAN: $bad"
e2e_check "PUT with an overlapping tenant VLAN: 400 naming the field" \
    bash -c "grep -q 'tenants\\[1\\].vlan' <<<'$bad' && grep -q invalid_tenants <<<'$bad'"
bad=$(put '{"tenants": [{"name": "blue", "members": [{"dpid": 1, "port": "nosuchport"}]}]}')
e2e_log "unknown port: $bad"
e2e_check "PUT with an unknown port name: 400 naming it" \
    bash -c "grep -q nosuchport <<<'$bad' && grep -q 'members\\[0\\]' <<<'$bad'"
write_cfg "            - {dpid: 1, port: \"nosuchport\"}"
reload_out=$(curl -s -X POST "$url/v1/config/reload")
e2e_log "reload with an unknown port: $reload_out"
unknown_port_refused() {
    grep -Eq 'tenant.yaml:[0-9]+:[0-9]+: apps\[1\]\.settings\.tenants\[1\]\.members\[3\]\.port: switch 1 has no port named .nosuchport.' <<<"$reload_out"
}
e2e_check "a reload naming a port switch 1 does not have is refused with file:line:column" \
    unknown_port_refused
write_cfg "        - name: green
          vlan: 101"
out=$(curl -s -X POST "$url/v1/config/reload")
e2e_log "bad reload: $out"
e2e_check "a reload with an overlapping VLAN is refused with file:line:column" \
    bash -c "grep -Eq 'tenant.yaml:[0-9]+:[0-9]+' <<<'$out'"
e2e_check "the old policy keeps running" pings b1 b2 b3

# A port that flaps sends PORT_STATUS messages; the app resyncs the switch
# once the storm is over and the host is back in its tenant.
for i in 1 2 3 4 5; do
    ip link set "$(e2e_host_port b3)" down
    ip link set "$(e2e_host_port b3)" up
done
e2e_check "after its port flapped, b3 reaches b1 again" \
    e2e_wait_until "e2e_ping b3 10.7.0.1 1 >/dev/null" 15
e2e_check "and still not red's r4" no_ping b3 10.7.0.4

e2e_check "canopyd exits cleanly on SIGTERM${E2E_VALGRIND:+ (valgrind: no errors, no leaks)}" \
    e2e_stop tenant
e2e_finish
