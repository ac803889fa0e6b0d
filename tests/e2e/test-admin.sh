#!/bin/bash
# End-to-end: canopyd's admin API and canopyctl against real Open vSwitch
# bridges (userspace datapath) with hosts in network namespaces.
#
#   CANOPYD=path/to/canopyd CANOPYCTL=path/to/canopyctl \
#   CANOPY_APP_DIR=path/to/apps tests/e2e/test-admin.sh
#
# Every endpoint is exercised with curl and with canopyctl; static flows
# pushed through the API must show in ovs-ofctl dump-flows and carry
# traffic; every "$ curl" example of docs/api.md is run and its answer
# checked (tests/e2e/check-api-docs.py).
. "$(dirname "$0")/lib.sh"

CANOPYD=${CANOPYD:-$E2E_TOP/_build/default/controller/canopyd}
CANOPY_APP_DIR=${CANOPY_APP_DIR:-$(dirname "$CANOPYD")/../apps/.libs}
CANOPYCTL=${CANOPYCTL:-$(dirname "$CANOPYD")/../cli/canopyctl}
[ -x "$CANOPYD" ] || e2e_skip "no canopyd at $CANOPYD (build first)"
[ -x "$CANOPYCTL" ] || e2e_skip "no canopyctl at $CANOPYCTL (build first)"
command -v python3 >/dev/null || e2e_skip "python3 not installed"
command -v openssl >/dev/null || e2e_skip "openssl not installed"
command -v curl >/dev/null || e2e_skip "curl not installed"

e2e_setup

canopyd_start() {   # canopyd_start NAME CONFIG-BODY [valgrind]
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
flows() { e2e_ofctl dump-flows "$@" 2>/dev/null; }

port=$(e2e_free_port) || e2e_die "no free port"
aport=$(e2e_free_port) || e2e_die "no free port"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$E2E_DIR/token"
token=$(cat "$E2E_DIR/token")
url=http://127.0.0.1:$aport
main_cfg() {    # main_cfg PACKET-IN-RATE
    echo "listen: [\"tcp:127.0.0.1:$port\"]
admin: {listen: \"127.0.0.1:$aport\", token_file: $E2E_DIR/token}
keepalive: {interval: 2s, timeout: 20s}
switch: {packet_in_rate: $1}
apps:
  - name: l2_learning"
}
canopyd_start main "$(main_cfg 10000)" ${E2E_VALGRIND:+valgrind}
e2e_wait_listening "$port" 30 || e2e_die "canopyd is not listening"
e2e_wait_listening "$aport" 10 || e2e_die "the API is not listening"

# api METHOD PATH [curl args...]: prints "STATUS BODY".
api() {
    local method=$1 path=$2
    shift 2
    curl -s -o "$E2E_DIR/api.out" -w '%{http_code}' -X "$method" \
        -H "Authorization: Bearer $token" "$@" "$url$path"
    printf ' '
    cat "$E2E_DIR/api.out"
}
# api_is STATUS REGEX METHOD PATH [curl args...]
api_is() {
    local status=$1 re=$2 out
    shift 2
    out=$(api "$@")
    echo "$out"
    [[ $out == "$status "* ]] && grep -Eq -- "$re" <<<"$out"
}
# post_flow DPID JSON [STATUS [REGEX]]
post_flow() {
    api_is "${3:-201}" "${4:-.}" POST "/v1/switches/$1/flows" \
        -H "Content-Type: application/json" -d "$2"
}
ctl() { CANOPY_URL=$url CANOPY_TOKEN=$token "$CANOPYCTL" "$@"; }

# --- Two bridges: A on OpenFlow 1.3 (datapath id 1), B on 1.0 (id 2) -----
bra=a$E2E_ID
brb=b$E2E_ID
e2e_add_bridge "$bra" OpenFlow13 1
e2e_add_bridge "$brb" OpenFlow10 2
e2e_add_host h1 "$bra" 10.7.0.1/24
e2e_add_host h2 "$bra" 10.7.0.2/24
e2e_add_host h3 "$brb" 10.8.0.3/24
e2e_add_host h4 "$brb" 10.8.0.4/24
e2e_set_controller "$bra" "tcp:127.0.0.1:$port"
e2e_set_controller "$brb" "tcp:127.0.0.1:$port"
e2e_check "both bridges connect" \
    e2e_wait_until "e2e_is_connected $bra && e2e_is_connected $brb" 30
e2e_check "both are ready" e2e_wait_until \
    "log_has main 'dpid 0000000000000001 ready' && log_has main 'dpid 0000000000000002 ready'" 10
dpa=0000000000000001
dpb=0000000000000002
p1=$(e2e_ofport "$(e2e_host_port h1)")
p2=$(e2e_ofport "$(e2e_host_port h2)")
p3=$(e2e_ofport "$(e2e_host_port h3)")
p4=$(e2e_ofport "$(e2e_host_port h4)")
e2e_check "hosts ping through l2_learning" \
    e2e_ping h1 "$(e2e_host_ip h2)"

# --- Ports, read live ------------------------------------------------------
e2e_check "GET ports lists the hosts' ports with names and counters" \
    api_is 200 "\"port_no\": $p1, \"name\": \"$(e2e_host_port h1)\", .*\"rx_packets\": [1-9]" \
    GET "/v1/switches/$dpa/ports"
e2e_check "GET ports on OpenFlow 1.0 too (no duration)" \
    api_is 200 "\"port_no\": $p3, \"name\": \"$(e2e_host_port h3)\"" \
    GET "/v1/switches/$dpb/ports"
e2e_check "GET ports of an unknown switch is 404" \
    api_is 404 '"error": "not_found"' GET /v1/switches/77/ports

# --- Flows, read live, with filters ---------------------------------------
e2e_check "GET flows?app=l2_learning shows learned flows in table 2" \
    api_is 200 '"table": 2, .*"owner": "l2_learning"' \
    GET "/v1/switches/$dpa/flows?app=l2_learning"
only_owner() {  # only_owner OWNER QUERY: every flow listed has that owner
    local out
    out=$(api GET "/v1/switches/$dpa/flows?$2")
    echo "$out"
    [[ $out == "200 ["* ]] && grep -q "\"owner\": \"$1\"" <<<"$out" &&
        ! grep -Eo '"owner": "[^"]*"' <<<"$out" | grep -vq "\"$1\""
}
e2e_check "GET flows?app=core shows only the table-miss flows" \
    only_owner core app=core
e2e_check "GET flows?table=2 shows only table 2" \
    api_is 200 '^200 \[\{"table": 2' GET "/v1/switches/$dpa/flows?table=2"
e2e_check "GET flows?cookie=VALUE/MASK filters by cookie" \
    only_owner l2_learning "cookie=0x2000000000000/0xffff000000000000"
e2e_check "GET flows on OpenFlow 1.0 filters locally" \
    api_is 200 '"owner": "core"' GET "/v1/switches/$dpb/flows?app=core"
e2e_check "an unknown query parameter is 400" \
    api_is 400 "unknown query parameter 'tabel'" GET "/v1/switches/$dpa/flows?tabel=1"
e2e_check "an unknown app is 400 naming the known ones" \
    api_is 400 "unknown app 'nope' \\(expected core, static, l2_learning\\)" \
    GET "/v1/switches/$dpa/flows?app=nope"
e2e_check "a table out of range is 400" \
    api_is 400 'table must be a number from 0 to 254' GET "/v1/switches/$dpa/flows?table=255"

# --- Static flows ----------------------------------------------------------
e2e_check "POST a static flow h1 -> h2 on 1.3: 201 with its cookie" \
    post_flow $dpa "{\"name\": \"h1-to-h2\", \"priority\": 1000, \"match\": {\"in_port\": $p1}, \"actions\": [\"output:$p2\"]}" \
    201 '"name": "h1-to-h2", "cookie": "0x0001'
e2e_check "POST the way back, named by canopyd" \
    post_flow $dpa "{\"priority\": 1000, \"match\": {\"in_port\": $p2}, \"actions\": [\"output:$p1\"]}" \
    201 '"name": "flow-[0-9a-f]{12}"'
e2e_check "the static flows are in ovs-ofctl dump-flows" \
    e2e_wait_until "[ \$(flows $bra | grep -c 'cookie=0x1[0-9a-f]\\{12\\}, .*table=0, .*priority=1000') = 2 ]" 5
e2e_check "pings go through the static flows" e2e_ping h1 "$(e2e_host_ip h2)" 5
e2e_check "ovs-ofctl counts the static flows' packets" \
    e2e_wait_until "flows $bra | grep 'priority=1000,in_port=$p1' | grep -q 'n_packets=[1-9]'" 5
e2e_check "GET flows?app=static shows them with names and packet counts" \
    api_is 200 '"packets": [1-9].*"owner": "static", "name": "h1-to-h2"' \
    GET "/v1/switches/$dpa/flows?app=static"
e2e_check "the same name again is 409" \
    post_flow $dpa "{\"name\": \"h1-to-h2\", \"priority\": 5, \"actions\": []}" \
    409 "static flow 'h1-to-h2' .* has the same name"
e2e_check "the same table, priority and match again is 409" \
    post_flow $dpa "{\"name\": \"other\", \"priority\": 1000, \"match\": {\"in_port\": $p1}}" \
    409 'has the same table, priority and match'
e2e_check "a flow the switch refuses (OVS keeps table 254) is 400 with its error" \
    post_flow $dpa '{"name": "bad-table", "table": 254}' 400 \
    '"error": "switch_refused", "message": "switch 0000000000000001 refused the flow: OFPBRC_EPERM'
e2e_check "a refused flow is not kept" \
    ! api_is 200 'bad-table' GET "/v1/switches/$dpa/flows?app=static"

# Bad bodies: 400 saying where, 413, 415.
e2e_check "a wrong type is 400 with body:LINE:COLUMN and the setting" \
    post_flow $dpa '{"priority": "high"}' 400 '"error": "bad_flow", "message": "body:1:1[45]: priority: '
e2e_check "an unknown key is 400 naming it" \
    post_flow $dpa '{"prio": 1}' 400 "body:1:[23]: .*'prio'"
e2e_check "a bad field value is 400 naming the field" \
    post_flow $dpa '{"match": {"eth_type": "0x0800", "ipv4_dst": "10.0.0.300"}}' 400 'match.ipv4_dst'
e2e_check "a missing prerequisite is 400" \
    post_flow $dpa '{"match": {"tcp_dst": 80}}' 400 'tcp_dst'
e2e_check "an unknown action is 400" \
    post_flow $dpa '{"actions": ["teleport:3"]}' 400 'actions\[0\]'
e2e_check "bad JSON is 400" \
    post_flow $dpa '{"priority": ' 400 '"error": "bad_body", "message": "body:'
e2e_check "a 1.3 instruction on a 1.0 switch is 400" \
    post_flow $dpb '{"goto_table": 1}' 400 'goto_table'
e2e_check "no Content-Type is 415" \
    api_is 415 '"error": "unsupported_media_type"' POST "/v1/switches/$dpa/flows" \
    -H "Content-Type:" -d '{}'
head -c 70000 /dev/zero | tr '\0' ' ' >"$E2E_DIR/big.json"
e2e_check "a body over 64 KiB is 413" \
    api_is 413 '"error": "body_too_large"' POST "/v1/switches/$dpa/flows" \
    -H "Content-Type: application/json" --data-binary "@$E2E_DIR/big.json"
e2e_check "POST to an unknown switch is 404" \
    post_flow 77 '{}' 404 '"error": "not_found"'

# Static flows on OpenFlow 1.0, then deleted.
e2e_check "POST static flows on 1.0" \
    post_flow $dpb "{\"name\": \"h3-h4\", \"priority\": 900, \"match\": {\"in_port\": $p3}, \"actions\": [\"output:$p4\"]}"
e2e_check "POST the way back on 1.0" \
    post_flow $dpb "{\"name\": \"h4-h3\", \"priority\": 900, \"match\": {\"in_port\": $p4}, \"actions\": [\"output:$p3\"]}"
e2e_check "pings go through the 1.0 static flows" e2e_ping h3 "$(e2e_host_ip h4)" 5
e2e_check "ovs-ofctl counts their packets" \
    e2e_wait_until "flows $brb | grep 'priority=900,in_port=$p3' | grep -q 'n_packets=[1-9]'" 5
e2e_check "DELETE one static flow on 1.0" \
    api_is 200 '"deleted": \["h3-h4"\]' DELETE "/v1/switches/$dpb/flows/h3-h4"
e2e_check "it is gone from the switch, the other stays" \
    e2e_wait_until "! flows $brb | grep -q 'priority=900,in_port=$p3' && flows $brb | grep -q 'priority=900,in_port=$p4'" 5
e2e_check "DELETE an unknown static flow is 404" \
    api_is 404 "no static flow named 'h3-h4'" DELETE "/v1/switches/$dpb/flows/h3-h4"

# Static flows survive the switch losing them while disconnected.
e2e_del_controller "$bra"
e2e_check "A disconnects" e2e_wait_until \
    "log_has main 'dpid 0000000000000001 disconnected'" 10
e2e_ofctl del-flows "$bra"
e2e_set_controller "$bra" "tcp:127.0.0.1:$port"
e2e_check "A reconnects" e2e_wait_connected "$bra" 30
e2e_check "canopyd installs the static flows again" \
    e2e_wait_until "[ \$(flows $bra | grep -c 'priority=1000') = 2 ]" 10
e2e_check "and says so" log_has main 'dpid 0000000000000001: 2 static flows installed again'

# --- A switch that does not answer, and one that goes away -----------------
mport=$port
python3 "$E2E_LIB_DIR/hostile-client.py" "$mport" mute 0x99 12 \
    >"$E2E_DIR/mute.out" 2>&1 &
mute_pid=$!
e2e_check "a mute switch gets ready" \
    e2e_wait_until "log_has main 'dpid 0000000000000099 ready'" 10
e2e_check "reading its ports gives 503 after 5 s" \
    api_is 503 '"error": "switch_timeout", "message": "switch 0000000000000099 did not answer within 5000 ms"' \
    GET /v1/switches/99/ports
python3 "$E2E_LIB_DIR/hostile-client.py" "$mport" mute 0x9a 2.5 \
    >"$E2E_DIR/mute2.out" 2>&1 &
mute2_pid=$!
e2e_check "a second mute switch gets ready" \
    e2e_wait_until "log_has main 'dpid 000000000000009a ready'" 10
e2e_check "one that disconnects while asked gives 503 at once" \
    api_is 503 '"error": "switch_disconnected"' GET /v1/switches/9a/flows
wait "$mute_pid" "$mute2_pid" 2>/dev/null
e2e_check "the real switches were served all along" \
    e2e_ping h1 "$(e2e_host_ip h2)"

# --- Many connections ------------------------------------------------------
conn_cap() {
    python3 - "$aport" "$token" <<'EOF'
import http.client, sys
port, token = int(sys.argv[1]), sys.argv[2]
conns, statuses = [], []
for i in range(66):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/v1/health", headers={"Authorization": "Bearer " + token})
    r = c.getresponse()
    r.read()
    statuses.append(r.status)
    conns.append(c)
print(statuses.count(200), "answered,", statuses.count(503), "refused")
for c in conns:
    c.close()
sys.exit(0 if statuses.count(200) >= 60 and statuses[-1] == 503 else 1)
EOF
}
e2e_check "more than 64 API connections at once are refused with 503" conn_cap
e2e_check "the API serves again once they close" \
    e2e_wait_until "api_is 200 '\"status\": \"ok\"' GET /v1/health" 5

# --- canopyctl -------------------------------------------------------------
e2e_check "canopyctl health" ctl health
e2e_check "canopyctl switches lists both" \
    bash -c "CANOPY_URL=$url CANOPY_TOKEN=$token $CANOPYCTL switches | grep -q $dpa"
e2e_check "canopyctl switch DPID" ctl switch $dpa
e2e_check "canopyctl ports DPID shows the host port" \
    bash -c "CANOPY_URL=$url CANOPY_TOKEN=$token $CANOPYCTL ports $dpa | grep -q $(e2e_host_port h1)"
e2e_check "canopyctl flow-add" ctl flow-add $dpb \
    "{\"name\": \"via-ctl\", \"priority\": 800, \"match\": {\"in_port\": $p3}, \"actions\": [\"output:$p4\"]}"
e2e_check "the flow canopyctl added is on the switch" \
    e2e_wait_until "flows $brb | grep -q 'priority=800,in_port=$p3'" 5
e2e_check "canopyctl flows --app static shows it" \
    bash -c "CANOPY_URL=$url CANOPY_TOKEN=$token $CANOPYCTL flows $dpb --app static | grep -q via-ctl"
e2e_check "canopyctl --json flows is JSON" \
    bash -c "CANOPY_URL=$url CANOPY_TOKEN=$token $CANOPYCTL --json flows $dpb | python3 -c 'import json,sys; json.load(sys.stdin)'"
e2e_check "canopyctl flow-del" ctl flow-del $dpb via-ctl
e2e_check "the flow is gone" \
    e2e_wait_until "! flows $brb | grep -q 'priority=800'" 5
e2e_check "canopyctl flow-del --all" ctl flow-del $dpb --all
e2e_check "canopyctl apps" \
    bash -c "CANOPY_URL=$url CANOPY_TOKEN=$token $CANOPYCTL apps | grep -q l2_learning"
e2e_check "canopyctl metrics" \
    bash -c "CANOPY_URL=$url CANOPY_TOKEN=$token $CANOPYCTL metrics | grep -q canopy_switch_flow_mods_total"
ctl_fails() {   # ctl_fails EXIT-STATUS REGEX ARGS...: canopyctl fails so
    local want=$1 re=$2 rc
    shift 2
    "$@" >"$E2E_DIR/ctl.out" 2>&1
    rc=$?
    cat "$E2E_DIR/ctl.out"
    [ "$rc" = "$want" ] && grep -Eq -- "$re" "$E2E_DIR/ctl.out"
}
e2e_check "canopyctl exits 1 with the server's message on 404" \
    ctl_fails 1 "no connected switch with datapath id '0+77' \\(HTTP 404\\)" ctl ports 77
e2e_check "canopyctl without a token exits 1 with 401" \
    ctl_fails 1 'HTTP 401' env CANOPY_URL=$url "$CANOPYCTL" health
e2e_check "canopyctl exits 3 when canopyd cannot be reached" \
    ctl_fails 3 . env CANOPY_URL=http://127.0.0.1:$(e2e_free_port) "$CANOPYCTL" health

# --- Reload through the API ------------------------------------------------
main_cfg 5000 >"$E2E_DIR/main.yaml.new"
printf 'log_level: debug\napp_dir: %s\n' "$CANOPY_APP_DIR" | cat - "$E2E_DIR/main.yaml.new" >"$E2E_DIR/main.yaml"
e2e_check "canopyctl reload says what changed" \
    bash -c "CANOPY_URL=$url CANOPY_TOKEN=$token $CANOPYCTL reload | grep -q switch.packet_in_rate"
cp "$E2E_DIR/main.yaml" "$E2E_DIR/main.yaml.good"
printf 'lisen: []\n' >>"$E2E_DIR/main.yaml"
e2e_check "a broken config is 400 with file:line:column, nothing changes" \
    api_is 400 "\"error\": \"invalid_config\", \"message\": \"$E2E_DIR/main.yaml:[0-9]+:1: " \
    POST /v1/config/reload
e2e_check "canopyctl reload exits 1 with the reason" \
    ctl_fails 1 "unknown setting 'lisen'" ctl reload
cp "$E2E_DIR/main.yaml.good" "$E2E_DIR/main.yaml"

# --- The MAC table l2_learning publishes through the app route API --------
# (A's table started afresh when it reconnected; B learned h3 before its
# static flows.)
e2e_check "an app's route: GET /v1/apps/l2_learning/macs" \
    api_is 200 "\"dpid\": \"$dpb\", \"mac\": \"$(e2e_host_mac h3)\", \"vlan\": 0, \"port\": $p3" \
    GET /v1/apps/l2_learning/macs
e2e_check "?dpid= narrows it to one switch" \
    ! api_is 200 "\"dpid\": \"$dpb\"" GET "/v1/apps/l2_learning/macs?dpid=1"
e2e_check "a bad ?dpid= is 400 in the API's error format" \
    api_is 400 '"error": "bad_query", "message": "dpid must be a datapath id in hex' \
    GET "/v1/apps/l2_learning/macs?dpid=xyz"

# --- Every example of docs/api.md -------------------------------------------
# The reload example shows a change: make one.
main_cfg 4000 >"$E2E_DIR/main.yaml.new"
printf 'log_level: debug\napp_dir: %s\n' "$CANOPY_APP_DIR" | cat - "$E2E_DIR/main.yaml.new" >"$E2E_DIR/main.yaml"
e2e_check "every curl example of docs/api.md answers as documented" \
    python3 "$E2E_LIB_DIR/check-api-docs.py" "$E2E_TOP/docs/api.md" "$url" "$token" \
    --skip '/v1/(topology|paths|acls|policy|tenants)'

# --- HTTPS -----------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$E2E_DIR/api-key.pem" \
    -out "$E2E_DIR/api-cert.pem" >/dev/null 2>&1 || e2e_die "openssl failed"
sport=$(e2e_free_port) || e2e_die "no free port"
hport=$(e2e_free_port) || e2e_die "no free port"
canopyd_start https "listen: [\"tcp:127.0.0.1:$sport\"]
admin:
  listen: \"127.0.0.1:$hport\"
  token_file: $E2E_DIR/token
  max_body: 1048576
  tls: {cert: $E2E_DIR/api-cert.pem, key: $E2E_DIR/api-key.pem}"
e2e_wait_listening "$hport" 10 || e2e_die "the HTTPS API is not listening"
e2e_check "HTTPS: curl with the CA gets health" \
    bash -c "curl -sf --cacert $E2E_DIR/api-cert.pem -H 'Authorization: Bearer $token' https://127.0.0.1:$hport/v1/health | grep -q '\"status\": \"ok\"'"
e2e_check "HTTPS: plain HTTP gets nothing" \
    ! curl -sf --max-time 3 -H "Authorization: Bearer $token" "http://127.0.0.1:$hport/v1/health"
e2e_check "HTTPS: a client that does not trust the certificate fails" \
    ! curl -sf --max-time 3 -H "Authorization: Bearer $token" "https://127.0.0.1:$hport/v1/health"
big_status() {
    curl -s -o /dev/null -w '%{http_code}' --cacert "$E2E_DIR/api-cert.pem" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data-binary "@$E2E_DIR/big.json" \
        "https://127.0.0.1:$hport/v1/switches/1/flows"
}
not_too_large() { local st; st=$(big_status); echo "status $st"; [ "$st" != 413 ]; }
e2e_check "admin.max_body 1 MiB: a 70,000-byte body is not refused as too large" \
    not_too_large
e2e_check "HTTPS: canopyctl --cacert health" \
    env CANOPY_TOKEN="$token" "$CANOPYCTL" --url "https://127.0.0.1:$hport" \
    --cacert "$E2E_DIR/api-cert.pem" health
e2e_stop https

# --- Clean exit --------------------------------------------------------------
e2e_check "canopyd exits cleanly on SIGTERM${E2E_VALGRIND:+ (valgrind: no errors, no leaks)}" \
    e2e_stop main
e2e_finish
