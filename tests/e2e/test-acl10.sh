#!/bin/bash
# End-to-end: the ACL firewall (apps/acl) on an OpenFlow 1.0 switch, where
# the policy lives in a priority band of the one table and the packet-in
# chain (acl before l2_path) decides before anything is forwarded.  Two
# Open vSwitch bridges (userspace datapath) joined by a link: s1 speaks
# OpenFlow 1.0, s2 OpenFlow 1.3; one host on each.
#
#   CANOPYD=path/to/canopyd CANOPY_APP_DIR=path/to/apps \
#   tests/e2e/test-acl10.sh
. "$(dirname "$0")/lib.sh"

CANOPYD=${CANOPYD:-$E2E_TOP/_build/default/controller/canopyd}
CANOPY_APP_DIR=${CANOPY_APP_DIR:-$(dirname "$CANOPYD")/../apps/.libs}
[ -x "$CANOPYD" ] || e2e_skip "no canopyd at $CANOPYD (build first)"
[ -e "$CANOPY_APP_DIR/acl.so" ] || e2e_skip "no acl.so in $CANOPY_APP_DIR"
command -v python3 >/dev/null || e2e_skip "python3 not installed"
command -v curl >/dev/null || e2e_skip "curl not installed"

e2e_setup

port=$(e2e_free_port) || e2e_die "no free port"
aport=$(e2e_free_port) || e2e_die "no free port"
url=http://127.0.0.1:$aport
cfg=$E2E_DIR/acl10.yaml
cat >"$cfg" <<EOF
log_level: debug
listen: ["tcp:127.0.0.1:$port"]
admin: {listen: "127.0.0.1:$aport"}
keepalive: {interval: 2s, timeout: 10s}
topology: {lldp_interval: 500ms, link_timeout: 1500ms}
app_dir: $CANOPY_APP_DIR
apps:
  - name: acl
    settings:
      lists:
        fw:
          default: allow
          rules:
            - {action: deny, proto: tcp, dst_port: 23}
            - {action: allow, proto: tcp, src: 10.6.0.2, stateful: true}
            - {action: allow, proto: icmp}
      apply:
        - {list: fw}
  - name: l2_path
    settings: {idle_timeout: 30}
EOF
e2e_spawn_canopyd canopyd "$CANOPYD" "$cfg"
e2e_wait_listening "$port" 30 || e2e_die "canopyd is not listening"
e2e_wait_listening "$aport" 10 || e2e_die "the API is not listening"
api() { curl -s "$url$1"; }

s1=q${E2E_ID}1 s2=q${E2E_ID}2
e2e_add_bridge "$s1" OpenFlow10 1
e2e_add_bridge "$s2" OpenFlow13 2
e2e_link "$s1" "$s2"
e2e_add_host h1 "$s1" 10.6.0.1/24
e2e_add_host h2 "$s2" 10.6.0.2/24
for b in "$s1" "$s2"; do
    e2e_set_controller "$b" "tcp:127.0.0.1:$port"
done
e2e_check "both bridges connect" e2e_wait_until \
    "e2e_is_connected $s1 && e2e_is_connected $s2" 30

e2e_tcp_serve srv1 h1 23 8080
e2e_tcp_serve srv2 h2 23 8080
verdict_is() { [ "$(e2e_verdict "$url" "$1")" = "$2" ]; }

# The 1.0 switch: one table, the deny rule as a drop flow above forwarding.
dump10() { e2e_ofctl -O OpenFlow10 dump-flows "$s1"; }
e2e_check "s1 (OpenFlow 1.0) has a drop flow for TCP 23 in one table" \
    e2e_wait_until "dump10 | grep 'tp_dst=23' | grep -q 'actions=drop'" 10
e2e_check "GET /v1/acls: s1 runs without conntrack (OpenFlow 1.0)" \
    bash -c "[ \"\$(curl -s $url/v1/acls | python3 -c '
import json,sys
s=[s for s in json.load(sys.stdin)[\"switches\"] if s[\"dpid\"]==\"0000000000000001\"][0]
print(s[\"conntrack\"])')\" = False ]"
e2e_check "the log says which stateful rule s1 goes without" \
    grep -q "0000000000000001.*lists.fw.rules\\[1\\]" "$OVS_LOGDIR/canopyd.log"

e2e_check "h1 (on 1.0) pings h2" e2e_wait_until "e2e_ping h1 10.6.0.2 1" 15
e2e_check "h1 -> h2 TCP 8080 connects" e2e_wait_until "e2e_tcp h1 10.6.0.2 8080" 10
e2e_check "h1 -> h2 TCP 23 is refused" ! e2e_tcp h1 10.6.0.2 23
e2e_check "and stays refused after forwarding flows exist for the pair" \
    ! e2e_tcp h1 10.6.0.2 23
e2e_check "h2 -> h1 TCP 23 is refused at s2 (1.3)" ! e2e_tcp h2 10.6.0.1 23
e2e_check "h2 -> h1 TCP 8080 connects" e2e_tcp h2 10.6.0.1 8080
drop_count() {
    dump10 | grep 'tp_dst=23' | grep 'actions=drop' |
        sed -n 's/.*n_packets=\([0-9]*\).*/\1/p' | head -1
}
e2e_check "s1's drop flow counted the refused SYNs" [ "$(drop_count)" -gt 0 ]
e2e_check "policy/check agrees: TCP 23 denied" \
    verdict_is "src=10.6.0.1&dst=10.6.0.2&proto=tcp&port=23" "false acl"
e2e_check "policy/check agrees: TCP 8080 allowed" \
    verdict_is "src=10.6.0.1&dst=10.6.0.2&proto=tcp&port=8080" "true acl"
e2e_check "policy/check agrees: ICMP allowed" \
    verdict_is "src=10.6.0.1&dst=10.6.0.2&proto=icmp" "true acl"

# A live change reaches the 1.0 switch too: TCP 8080 denied from now on.
out=$(curl -s -X PUT -H 'Content-Type: application/json' -d '{"lists": {"fw": {"default": "allow", "rules": [{"action": "deny", "proto": "tcp", "dst_port": 23}, {"action": "deny", "proto": "tcp", "dst_port": 8080}, {"action": "allow", "proto": "icmp"}]}}, "apply": [{"list": "fw"}]}' "$url/v1/acls")
e2e_log "PUT: $(cut -c1-200 <<<"$out")"
e2e_check "after a PUT, s1 drops TCP 8080 with a flow" \
    e2e_wait_until "dump10 | grep 'tp_dst=8080' | grep -q 'actions=drop'" 10
refused_8080() { ! e2e_tcp h1 10.6.0.2 8080; }
e2e_check "h1 -> h2 TCP 8080 is refused now" e2e_wait_until refused_8080 10
e2e_check "h1 still pings h2" e2e_ping h1 10.6.0.2 3
e2e_check "policy/check agrees: TCP 8080 denied now" \
    verdict_is "src=10.6.0.1&dst=10.6.0.2&proto=tcp&port=8080" "false acl"

# A policy that denies LLDP and by default: on 1.0 the LLDP drop and
# anything else kept stay off the link port, and LLDP goes to the
# controller above them, so the link stays up.
out=$(curl -s -X PUT -H 'Content-Type: application/json' -d '{"lists": {"fw": {"default": "deny", "rules": [{"action": "deny", "eth_type": "0x88cc"}, {"action": "allow", "eth_type": "0x0806"}, {"action": "allow", "proto": "icmp"}, {"action": "allow", "proto": "tcp", "dst_port": 8080}]}}, "apply": [{"list": "fw"}]}' "$url/v1/acls")
e2e_log "PUT: $(cut -c1-200 <<<"$out")"
e2e_check "s1 (1.0) sends LLDP to the controller above the ACL drops" \
    e2e_wait_until "dump10 | grep 'priority=65534' | grep 'dl_type=0x88cc' | grep -q 'actions=CONTROLLER'" 10
e2e_check "s1's LLDP drop is narrowed to its edge port" \
    e2e_wait_until "dump10 | grep 'dl_type=0x88cc' | grep 'actions=drop' | grep -q 'in_port='" 10
links_up() {
    api /v1/topology | python3 -c '
import json, sys
sys.exit(sum(l["state"] == "up" for l in json.load(sys.stdin)["links"]) != 2)'
}
sleep 4     # over twice the link timeout: a link without probes is gone
e2e_check "GET /v1/topology: the s1-s2 link stays up, both ways" links_up
e2e_check "h1 (on 1.0) still pings h2 across s1" \
    e2e_wait_until "e2e_ping h1 10.6.0.2 1" 15
e2e_check "h2 -> h1 TCP 8080 connects (allowed)" \
    e2e_wait_until "e2e_tcp h2 10.6.0.1 8080" 10
e2e_check "h1 -> h2 TCP 23 is refused (default deny)" ! e2e_tcp h1 10.6.0.2 23

e2e_check "canopyd exits cleanly on SIGTERM${E2E_VALGRIND:+ (valgrind: no errors, no leaks)}" \
    e2e_stop canopyd
e2e_finish
