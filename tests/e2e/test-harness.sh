#!/bin/bash
# Self-test of tests/e2e/lib.sh, with ovs-testcontroller (a plain L2
# learning controller, Debian package openvswitch-testcontroller) standing in
# for Canopy:
#   - one bridge with three hosts: every ordered pair pings;
#   - two bridges joined by e2e_link, one host on each: they ping each other;
#   - negative checks: an address nobody has does not answer, and without a
#     controller (fail-mode secure) nothing is forwarded;
#   - the controller connection survives an ovs-vswitchd restart.
# Must run as root.  Exits 77 (SKIP) when a tool is missing.
#
# Environment: E2E_KEEP=1 keeps the temp dir.  E2E_SELFTEST_FAIL=1 adds a
# check that fails on purpose (to test the failure path and its cleanup).
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

command -v ovs-testcontroller >/dev/null 2>&1 ||
    e2e_skip "ovs-testcontroller not installed (apt-get install openvswitch-testcontroller)"

e2e_setup

# Bridge names include the run id so parallel runs do not collide.
br1=b${E2E_ID}a
br2=b${E2E_ID}b
br3=b${E2E_ID}c

# The controller, on loopback only.
port=$(e2e_free_port) || e2e_die "no free port"
e2e_spawn testcontroller ovs-testcontroller "ptcp:$port:127.0.0.1" \
    -vconsole:info
e2e_wait_listening "$port" 10 || e2e_die "ovs-testcontroller is not listening"
ctl=tcp:127.0.0.1:$port

# --- One bridge, three hosts -------------------------------------------------
e2e_add_bridge "$br1" OpenFlow10,OpenFlow13
e2e_add_host h1 "$br1" 10.0.0.1/24
e2e_add_host h2 "$br1" 10.0.0.2/24
e2e_add_host h3 "$br1" 10.0.0.3/24

e2e_check "datapath id of the first bridge is 1" \
    test "$(e2e_vsctl get Bridge "$br1" datapath_id)" = '"0000000000000001"'
e2e_check "host MAC is derived from its address" \
    e2e_exec h2 sh -c 'ip -o link show eth0 | grep -q "0a:00:0a:00:00:02"'

# Secure fail mode and no controller yet: no flows, nothing gets through.
e2e_check "no controller: h1 cannot reach h2" ! e2e_ping h1 10.0.0.2 1

e2e_set_controller "$br1" "$ctl"
e2e_check "$br1 connects to the controller" e2e_wait_connected "$br1" 10

for src in h1 h2 h3; do
    for dst in h1 h2 h3; do
        [ "$src" = "$dst" ] && continue
        e2e_check "$src pings $dst" e2e_ping "$src" "$(e2e_host_ip "$dst")"
    done
done
e2e_check "nobody answers for 10.0.0.99" ! e2e_ping h1 10.0.0.99 1
e2e_check "the controller installed flows on $br1" \
    e2e_wait_until "[ \$(e2e_ofctl dump-flows '$br1' | grep -c actions=) -gt 0 ]" 5

# --- Two bridges in a line ---------------------------------------------------
e2e_add_bridge "$br2" OpenFlow13
e2e_add_bridge "$br3" OpenFlow13 0xc0ffee
e2e_link "$br2" "$br3"
e2e_add_host h4 "$br2" 10.1.0.4/24
e2e_add_host h5 "$br3" 10.1.0.5/24 02:00:00:00:00:05
e2e_set_controller "$br2" "$ctl"
e2e_set_controller "$br3" "$ctl"
e2e_check "given datapath id is used" \
    test "$(e2e_vsctl get Bridge "$br3" datapath_id)" = '"0000000000c0ffee"'
e2e_check "$br2 connects" e2e_wait_connected "$br2" 10
e2e_check "$br3 connects" e2e_wait_connected "$br3" 10
e2e_check "h4 pings h5 across two bridges" e2e_ping h4 10.1.0.5
e2e_check "h5 pings h4 across two bridges" e2e_ping h5 10.1.0.4
e2e_check "hosts on different bridges are isolated (no link)" \
    ! e2e_ping h1 10.1.0.5 1

# --- ovs-vswitchd restart ----------------------------------------------------
e2e_kill_vswitchd KILL
e2e_check "ovs-vswitchd is gone after kill" ! e2e_appctl version
e2e_restart_vswitchd || e2e_die "ovs-vswitchd did not restart"
e2e_check "$br1 reconnects after restart" e2e_wait_connected "$br1" 10
e2e_check "h1 pings h3 after restart" e2e_ping h1 10.0.0.3
e2e_check "h4 pings h5 after restart" e2e_ping h4 10.1.0.5

e2e_check "ovs-testcontroller is still running" e2e_running testcontroller
e2e_stop testcontroller
e2e_check "$br1 notices that the controller is gone" \
    e2e_wait_until "! e2e_is_connected '$br1'" 10

if [ "${E2E_SELFTEST_FAIL:-0}" = 1 ]; then
    e2e_check "deliberate failure (E2E_SELFTEST_FAIL=1)" false
fi
# Hook for the interrupt test: pause here so a signal arrives mid-run.
if [ -n "${E2E_SELFTEST_PAUSE:-}" ]; then
    sleep "$E2E_SELFTEST_PAUSE"
fi

e2e_finish
