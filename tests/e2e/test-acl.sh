#!/bin/bash
# End-to-end: the ACL firewall (apps/acl, docs/acl.md) on two real Open
# vSwitch bridges (userspace datapath, OpenFlow 1.3) joined by a link, one
# host on each, canopyd running [acl, l2_path] without the tenant app.
#
#   CANOPYD=path/to/canopyd CANOPYCTL=path/to/canopyctl \
#   CANOPY_APP_DIR=path/to/apps tests/e2e/test-acl.sh
#
# Checks: TCP 23 refused while ICMP and TCP 8080 pass; a stateful rule lets
# h1 open connections to h2 (and their return traffic back) but not h2 to
# h1; per-rule counters grow; PUT /v1/acls changes live traffic and leaves
# the flows it does not concern (and their counters) alone; ?dry_run=1 and
# POST /v1/config/reload?dry_run=1 change no flow; a bad policy is refused
# with where it is wrong and the old one keeps running; GET
# /v1/policy/check agrees with each traffic case (and isolates no tenants
# without the tenant app); flows say which rule made them; a switch that
# refuses part of a change (its ACL table full) is rolled back to exactly
# the flows it had while the other takes the change; a switch whose
# datapath has no connection tracking runs the policy without its stateful
# rules.
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
cfg=$E2E_DIR/acl.yaml

# write_config FIRST_RULE: the config, with rule 0 given.
write_config() {
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
            - $1
            - {action: allow, proto: tcp, src: 10.8.0.1, dst: 10.8.0.2, stateful: true}
            - {action: deny, proto: tcp, src: 10.8.0.2, dst: 10.8.0.1}
            - {action: allow, proto: icmp}
      apply:
        - {list: fw}
  - name: l2_path
    settings: {idle_timeout: 30}
EOF
}
write_config "{action: deny, proto: tcp, dst_port: 23}"
e2e_spawn_canopyd canopyd "$CANOPYD" "$cfg"
e2e_wait_listening "$port" 30 || e2e_die "canopyd is not listening"
e2e_wait_listening "$aport" 10 || e2e_die "the API is not listening"

api() { curl -s "$url$1"; }

s1=a${E2E_ID}1 s2=a${E2E_ID}2
e2e_add_bridge "$s1" OpenFlow13 1
e2e_add_bridge "$s2" OpenFlow13 2
e2e_link "$s1" "$s2"
e2e_add_host h1 "$s1" 10.8.0.1/24
e2e_add_host h2 "$s2" 10.8.0.2/24
for b in "$s1" "$s2"; do
    e2e_set_controller "$b" "tcp:127.0.0.1:$port"
done
e2e_check "both bridges connect" e2e_wait_until \
    "e2e_is_connected $s1 && e2e_is_connected $s2" 30

# A TCP server on both hosts answering "hi" on a few ports.
e2e_tcp_serve srv1 h1 23 8080 2323
e2e_tcp_serve srv2 h2 23 8080 2323
check() {   # check SRC DST PROTO [PORT] -> prints allowed
    api "/v1/policy/check?src=$1&dst=$2&proto=$3${4:+&port=$4}" |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print(d); sys.exit(0 if d["allowed"] else 1)'
}

# The ACL tables are in place before any traffic.
flows() { e2e_ofctl dump-flows "$1" -O OpenFlow13 table=1; }
e2e_check "s1's ACL table has the policy" e2e_wait_until \
    "flows $s1 | grep -q 'tp_dst=23.*actions=drop'" 10
e2e_check "the topology settles (link port known)" e2e_wait_until \
    "flows $s1 | grep -q 'priority=65534,in_port='" 10

e2e_check "h1 pings h2 (icmp allowed)" e2e_wait_until "e2e_ping h1 10.8.0.2 1" 15
e2e_check "h2 pings h1" e2e_ping h2 10.8.0.1 3
e2e_check "h1 -> h2 tcp 8080 connects (stateful allow)" e2e_wait_until \
    "e2e_tcp h1 10.8.0.2 8080" 10
e2e_check "h1 -> h2 tcp 23 is refused" ! e2e_tcp h1 10.8.0.2 23
e2e_check "h2 -> h1 tcp 8080 is refused (new connection the other way)" \
    ! e2e_tcp h2 10.8.0.1 8080
e2e_check "h1 -> h2 tcp 2323 connects (return traffic passes)" \
    e2e_tcp h1 10.8.0.2 2323
ct_counted() { flows "$s1" | grep 'ct_state=+new+trk' | grep -v 'n_packets=0,'; }
e2e_check "the stateful rule committed connections (ct flows counted)" \
    ct_counted

# policy/check agrees with each case.
e2e_check "policy/check: h1 -> h2 tcp 23 denied" ! check 10.8.0.1 10.8.0.2 tcp 23
e2e_check "policy/check: h1 -> h2 tcp 8080 allowed" check 10.8.0.1 10.8.0.2 tcp 8080
e2e_check "policy/check: h2 -> h1 tcp 8080 denied" ! check 10.8.0.2 10.8.0.1 tcp 8080
e2e_check "policy/check: icmp allowed" check 10.8.0.2 10.8.0.1 icmp
e2e_check "policy/check names the rule and its place" bash -c \
    "curl -s '$url/v1/policy/check?src=10.8.0.1&dst=10.8.0.2&proto=tcp&port=23' | grep -q '\"list\": \"fw\", \"rule\": 0, \"where\": \"$cfg:14:'"
e2e_check "policy/check refuses a bad address" bash -c \
    "curl -s '$url/v1/policy/check?src=10.8.0.1&dst=nope' | grep -q bad_query"
e2e_check "policy/check refuses a bad destination place (to=)" bash -c \
    "curl -s '$url/v1/policy/check?src=10.8.0.1&dst=10.8.0.2&to=1:x' | grep -q '\"bad_query\", \"message\": \"to must be DPID:PORT'"
e2e_check "policy/check refuses a bad dst_mac" bash -c \
    "curl -s '$url/v1/policy/check?src=10.8.0.1&dst=10.8.0.2&dst_mac=zz' | grep -q '\"bad_query\", \"message\": \"dst_mac must be'"
no_isolation() {    # without the tenant app, two tenant names isolate nothing
    api "/v1/policy/check?src=10.8.0.1&dst=10.8.0.2&proto=icmp&tenant=blue&dst_tenant=red&to=0000000000000002:1" |
        python3 -c '
import json, sys
d = json.load(sys.stdin); print(d); b = d["decided_by"]
sys.exit(not (d["allowed"] and b["kind"] == "acl" and b["tenant"] == "blue"
              and b["dst_tenant"] == "red"))'
}
e2e_check "policy/check: no tenant isolation without the tenant app" no_isolation

# Counters and provenance.
rule_packets() {    # rule_packets N: packets of rule N of list fw
    api /v1/acls | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["lists"][0]["rules"][int(sys.argv[1])]["packets"])' "$1"
}
e2e_ping h1 10.8.0.2 3 >/dev/null
e2e_check "the icmp rule's counter counts (GET /v1/acls)" e2e_wait_until \
    "[ \$(rule_packets 3) -ge 3 ]" 8
e2e_check "GET /v1/acls/counters lists every rule" bash -c \
    "curl -s $url/v1/acls/counters | python3 -c 'import json,sys; sys.exit(len(json.load(sys.stdin)) != 4)'"
e2e_check "flows say which rule made them" bash -c \
    "curl -s '$url/v1/switches/0000000000000001/flows?app=acl' | grep -q '\"origin\": \"acl: lists.fw.rules\\[0\\] ($cfg:14:'"
e2e_check "GET /v1/acls shows both switches in sync" bash -c \
    "curl -s $url/v1/acls | python3 -c '
import json,sys; d=json.load(sys.stdin); print(d[\"switches\"])
sys.exit(not (len(d[\"switches\"]) == 2 and all(s[\"status\"] == \"in sync\" for s in d[\"switches\"])))'"

# --- Live changes ------------------------------------------------------------
policy_json() {     # policy_json FIRST_RULE_JSON
    cat <<EOF
{"lists": {"fw": {"default": "allow", "rules": [
  $1,
  {"action": "allow", "proto": "tcp", "src": "10.8.0.1", "dst": "10.8.0.2", "stateful": true},
  {"action": "deny", "proto": "tcp", "src": "10.8.0.2", "dst": "10.8.0.1"},
  {"action": "allow", "proto": "icmp"}]}},
 "apply": [{"list": "fw"}]}
EOF
}
put() {     # put QUERY BODY
    curl -s -X PUT -H "Content-Type: application/json" -d "$2" "$url/v1/acls$1"
}
icmp_flow() { flows "$1" | grep 'icmp' | grep -v ct_state | head -1; }
stripped() { flows "$1" | sed 's/duration=[^,]*, //; s/n_packets=[^,]*, //; s/n_bytes=[^,]*, //' | sort; }

dry_run_lists() {
    put '?dry_run=1' "$(policy_json '{"action": "deny", "proto": "tcp", "dst_port": 2323}')" |
        python3 -c '
import json,sys; d=json.load(sys.stdin); print(d)
sys.exit(not (d["dry_run"] and not d["applied"] and d["flow_changes"] >= 4))'
}
unchanged() { [ "$(stripped "$s1")" = "$before" ]; }
bad_cidr() {
    put '' "$(policy_json '{"action": "deny", "src": "10.0.0.0/33"}')" |
        tee /dev/stderr | grep -q '"invalid_policy".*body:2:.*src'
}
put_2323() {
    put '' "$(policy_json '{"action": "deny", "proto": "tcp", "dst_port": 2323}')" |
        tee /dev/stderr | grep -q '"applied": true'
}

before=$(stripped "$s1")
e2e_check "PUT ?dry_run=1 lists the changes" dry_run_lists
e2e_check "...and changes no flow" unchanged
e2e_check "h1 -> h2 tcp 2323 still connects" e2e_tcp h1 10.8.0.2 2323

e2e_check "a bad CIDR is refused with where it is" bad_cidr
e2e_check "...and the old policy keeps running" ! e2e_tcp h1 10.8.0.2 23

icmp_before=$(icmp_flow "$s1" | sed 's/.*n_packets=\([0-9]*\).*/\1/')
e2e_check "PUT a new first rule (deny 2323 instead of 23)" put_2323
e2e_check "the change reaches the switches" e2e_wait_until \
    "flows $s1 | grep -q 'tp_dst=2323.*actions=drop'" 5
e2e_check "h1 -> h2 tcp 2323 is refused now" ! e2e_tcp h1 10.8.0.2 2323
e2e_check "h1 -> h2 tcp 23 connects now" e2e_tcp h1 10.8.0.2 23
icmp_after=$(icmp_flow "$s1" | sed 's/.*n_packets=\([0-9]*\).*/\1/')
e2e_check "the icmp flow was not touched (its counter kept: $icmp_before -> $icmp_after)" \
    bash -c "[ -n '$icmp_before' ] && [ '$icmp_before' -gt 0 ] && [ '$icmp_after' -ge '$icmp_before' ]"
e2e_check "GET /v1/acls says the policy came from the API" bash -c \
    "curl -s $url/v1/acls | grep -q '\"source\": \"api\"'"

# --- Reload dry run ------------------------------------------------------------
reload_plan() {
    curl -s -X POST "$url/v1/config/reload?dry_run=1" | python3 -c '
import json,sys; d=json.load(sys.stdin); print(d)
sys.exit(not (d["dry_run"] and any(p["app"] == "acl" for p in d["plan"])))'
}
write_config "{action: deny, proto: tcp, dst_port: 2424}"
before=$(stripped "$s1")
e2e_check "POST /v1/config/reload?dry_run=1 plans the acl flows" reload_plan
e2e_check "...and changes no flow" unchanged
e2e_check "POST /v1/config/reload applies the file's policy" bash -c \
    "curl -s -X POST '$url/v1/config/reload' | grep -q '\"applied\": true'"
e2e_check "the file's rule reaches the switch" e2e_wait_until \
    "flows $s1 | grep -q 'tp_dst=2424.*actions=drop'" 5
e2e_check "h1 -> h2 tcp 2323 connects again" e2e_tcp h1 10.8.0.2 2323

e2e_check "the docs/api.md examples of the acl app hold" \
    python3 "$E2E_LIB_DIR/check-api-docs.py" "$E2E_TOP/docs/api.md" "$url" "" \
    --only '/v1/(acls|policy)'
e2e_check "...and the documented PUT took (tcp 23 refused again)" \
    ! e2e_tcp h1 10.8.0.2 23

# --- A switch that refuses part of a change: rollback ---------------------------
# The policy now is the documented one: deny tcp 23, allow icmp, default
# allow.  s1's ACL table gets a size limit just above what it holds, so
# that s1 answers most adds of a much bigger policy with
# OFPFMFC_TABLE_FULL; s2 has room.  docs/acl.md: s1 goes back to exactly
# the flows it had and stays there, s2 keeps the new policy.
log=$E2E_DIR/log/canopyd.log
switch_field() {    # switch_field DPID KEY: that switch's KEY in GET /v1/acls
    api /v1/acls | python3 -c '
import json, sys
for s in json.load(sys.stdin)["switches"]:
    if s["dpid"] == sys.argv[1]:
        print(s[sys.argv[2]])' "$1" "$2"
}
n_flows() {         # n_flows DPID: the acl app's flows on the switch
    api "/v1/switches/$1/flows?app=acl&table=1" |
        python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}
status_is() {       # status_is DPID PREFIX
    case $(switch_field "$1" status) in "$2"*) return 0 ;; esac
    return 1
}
big_policy() {      # 40 more rules, before the documented two
    python3 -c '
import json
rules = [{"action": "deny", "proto": "tcp", "dst_port": 8080}]
rules += [{"action": "deny", "proto": "tcp", "dst_port": 3000 + i}
          for i in range(1, 41)]
rules += [{"action": "deny", "proto": "tcp", "dst_port": 23},
          {"action": "allow", "proto": "icmp"}]
print(json.dumps({"lists": {"fw": {"default": "allow", "rules": rules}},
                  "apply": [{"list": "fw"}]}))'
}
put_big() {
    put '' "$(big_policy)" | tee /dev/stderr | grep -q '"applied": true'
}
limit_table1() {    # limit_table1 BRIDGE N
    e2e_vsctl -- --id=@ft create Flow_Table flow_limit="$2" \
        overflow_policy=refuse -- set Bridge "$1" flow_tables:1=@ft
}
d1=$(e2e_dpid "$s1") d2=$(e2e_dpid "$s2")
e2e_check "both switches are in sync before the limit" e2e_wait_until \
    "status_is $d1 'in sync' && status_is $d2 'in sync'" 10
before=$(stripped "$s1")
n1=$(flows "$s1" | grep -c 'priority=')     # the acl app's and the core's
n1acl=$(n_flows "$d1")
e2e_check "s1's table 1 is limited to $((n1 + 3)) flows (it has $n1)" \
    limit_table1 "$s1" $((n1 + 3))
log_lines=$(wc -l <"$log")
e2e_check "PUT a policy of 43 rules (85 flows)" put_big
e2e_check "s1 refuses it (TABLE_FULL) and rolls back" e2e_wait_until \
    "status_is $d1 'rolled back to the previous policy: ' && switch_field $d1 status | grep -q OFPFMFC_TABLE_FULL" 10
e2e_log "s1: $(switch_field "$d1" status | cut -c1-300)"
e2e_check "s2 took the new policy (in sync)" e2e_wait_until \
    "status_is $d2 'in sync' && flows $s2 | grep -q 'tp_dst=3040.*actions=drop'" 10
e2e_check "the log says why s1 rolled back" bash -c \
    "tail -n +$((log_lines + 1)) '$log' | grep 'dpid $d1 refused the policy change' | grep -q OFPFMFC_TABLE_FULL"
e2e_check "the log says when s1's rollback is done" e2e_wait_until \
    "tail -n +$((log_lines + 1)) '$log' | grep -q 'dpid $d1: rolled back to the previous policy'" 5
e2e_check "s1's table 1 has exactly its previous flows again" unchanged
e2e_check "GET /v1/acls counts s1's previous flows ($n1acl)" \
    [ "$(n_flows "$d1")/$(switch_field "$d1" flows)" = "$n1acl/$n1acl" ]
e2e_check "h1 -> h2 tcp 8080 connects (s1 decides: the previous policy)" \
    e2e_tcp h1 10.8.0.2 8080
e2e_check "h1 -> h2 tcp 23 is still refused" ! e2e_tcp h1 10.8.0.2 23
e2e_check "h2 -> h1 tcp 8080 is refused (s2 decides: the new policy)" \
    ! e2e_tcp h2 10.8.0.1 8080
e2e_check "h1 pings h2" e2e_ping h1 10.8.0.2 2

e2e_check "the limit goes" e2e_vsctl clear Bridge "$s1" flow_tables
e2e_check "PUT the same policy again" put_big
e2e_check "s1 takes it now (in sync)" e2e_wait_until \
    "status_is $d1 'in sync' && flows $s1 | grep -q 'tp_dst=3040.*actions=drop'" 10
e2e_check "s1's table 1 has the policy's $((n1acl + 82)) flows" \
    [ "$(n_flows "$d1")/$(switch_field "$d1" flows)" = "$((n1acl + 82))/$((n1acl + 82))" ]
e2e_check "h1 -> h2 tcp 8080 is refused now" ! e2e_tcp h1 10.8.0.2 8080
e2e_check "h1 pings h2" e2e_ping h1 10.8.0.2 2

# --- A switch that refuses conntrack flows -----------------------------------
# Open vSwitch refuses ct() and ct_state matches once its datapath says it
# has no connection tracking (dpif/set-dp-features; both bridges share the
# one userspace datapath).  A policy with a stateful rule then runs without
# it on both switches (docs/acl.md, "Stateful rules").
ct_flows() { flows "$1" | grep -E 'ct_state|ct\('; }
both_no_ct() {
    [ "$(switch_field "$d1" conntrack)/$(switch_field "$d2" conntrack)" = False/False ] &&
        status_is "$d1" 'in sync' && status_is "$d2" 'in sync'
}
if e2e_appctl dpif/set-dp-features "$s1" ct_state false >/dev/null 2>&1; then
    log_lines=$(wc -l <"$log")
    e2e_check "PUT the policy with the stateful rule again" put_2323
    e2e_check "both switches fall back to no conntrack" \
        e2e_wait_until both_no_ct 10
    e2e_check "the log names the switch and the stateful rule" bash -c \
        "tail -n +$((log_lines + 1)) '$log' | grep 'dpid $d1 refused the conntrack flows' | grep -q 'lists.fw.rules\[1\] (api:3:'"
    e2e_check "no conntrack flow is left on s1" ! ct_flows "$s1"
    e2e_check "no conntrack flow is left on s2" ! ct_flows "$s2"
    e2e_check "the rest of the policy applies (tcp 2323 refused)" \
        e2e_wait_until "flows $s1 | grep -q 'tp_dst=2323.*actions=drop'" 5
    e2e_check "h1 -> h2 tcp 8080 is refused (no return traffic without conntrack)" \
        ! e2e_tcp h1 10.8.0.2 8080
    e2e_check "h2 -> h1 tcp 8080 is refused" ! e2e_tcp h2 10.8.0.1 8080
    e2e_check "h1 pings h2" e2e_ping h1 10.8.0.2 2
    e2e_appctl dpif/set-dp-features "$s1" ct_state true >/dev/null 2>&1
else
    e2e_log "no dpif/set-dp-features in this Open vSwitch: the conntrack fallback is not tested"
fi

e2e_check "canopyd is still running" e2e_running canopyd
e2e_check "canopyd exits cleanly on SIGTERM${E2E_VALGRIND:+ (valgrind: no errors, no leaks)}" \
    e2e_stop canopyd
e2e_finish
