# shellcheck shell=bash
# (Globals set here are used by the scripts that source this file.)
# shellcheck disable=SC2034
#
# tests/e2e/lib.sh - harness for Canopy end-to-end tests against a real
# Open vSwitch running the userspace (netdev) datapath, with hosts in network
# namespaces.  Source it from a bash test script:
#
#     #!/bin/bash
#     . "$(dirname "$0")/lib.sh"
#     e2e_setup
#     e2e_add_bridge br0 OpenFlow13          # dpid 0000000000000001
#     port=$(e2e_free_port)
#     e2e_spawn canopy ./canopy --listen "tcp:127.0.0.1:$port"
#     e2e_wait_listening "$port" || e2e_die "canopy did not start"
#     e2e_set_controller br0 "tcp:127.0.0.1:$port"
#     e2e_add_host h1 br0 10.0.0.1/24
#     e2e_add_host h2 br0 10.0.0.2/24
#     e2e_check "br0 connects" e2e_wait_connected br0 10
#     e2e_check "h1 pings h2" e2e_ping h1 10.0.0.2
#     e2e_check "h1 cannot reach 10.0.0.9" ! e2e_ping h1 10.0.0.9 1
#     e2e_finish
#
# Functions (details at each definition)
#   setup/teardown  e2e_setup, e2e_cleanup (automatic), e2e_on_cleanup CMD
#   switches        e2e_add_bridge NAME [PROTOCOLS [DPID]], e2e_dpid,
#                   e2e_set_controller BR TARGET..., e2e_del_controller,
#                   e2e_is_connected BR, e2e_wait_connected BR [TIMEOUT],
#                   e2e_link BR1 BR2, e2e_ofport PORT,
#                   e2e_kill_vswitchd [SIGNAL], e2e_restart_vswitchd
#   OVS tools       e2e_vsctl, e2e_ofctl, e2e_appctl
#   hosts           e2e_add_host NAME BR IP/PREFIX [MAC], e2e_exec HOST CMD...,
#                   e2e_ping HOST DST_IP [COUNT], e2e_host_{ns,port,ip,mac,bridge}
#   processes       e2e_spawn NAME CMD..., e2e_pid, e2e_running, e2e_stop
#   utilities       e2e_free_port, e2e_wait_listening PORT,
#                   e2e_wait_until "CMD" TIMEOUT, e2e_log, e2e_skip, e2e_die
#   reporting       e2e_check "DESC" [!] CMD..., e2e_finish
#   leftovers       e2e_reap_stale (or tests/e2e/reap-stale.sh)
#
# What it guarantees
#   * Everything lives in one temp dir, $E2E_DIR (/tmp/canopy-e2e.XXXXXX).
#     OVS gets its own database, run, log and sysconf dirs there; OVS_RUNDIR
#     and friends are exported so plain ovs-vsctl/ovs-ofctl/ovs-appctl in the
#     test also talk to this private instance, never the system one.
#   * Namespaces are named ce2e-$E2E_ID-HOST and every veth the harness
#     creates in the root namespace is named ce${E2E_ID}..., so parallel runs
#     cannot collide.
#   * Datapath (E2E_DATAPATH): the userspace datapath, OVS's dpif-netdev
#     forwarding in ovs-vswitchd through AF_PACKET sockets on the veths.
#     The default, E2E_DATAPATH=netdev, is the real thing: bridges are
#     datapath_type=netdev and their internal ports are kernel tap devices.
#     Every netdev instance on a host wants one tap named "ovs-netdev", so
#     two such runs at the same time break each other (EBUSY); CI runs the
#     tests one after another.  For parallel runs on a development machine,
#     E2E_DATAPATH=dummy registers the same forwarding code under the type
#     "dummy" (ovs-vswitchd --enable-dummy) and keeps internal ports inside
#     the daemon.  With netdev, bridge names are root-namespace interfaces:
#     e2e_add_bridge prefixes nothing, so tests include $E2E_ID in them.
#   * e2e_cleanup runs on EXIT, INT, TERM and HUP, also after failures: it
#     stops only processes the harness started (by recorded PID), deletes the
#     namespaces, veths and bridge tap devices it created and removes
#     $E2E_DIR (kept when E2E_KEEP=1).  Only a SIGKILL of the test script
#     itself can leave things behind (all named with its $E2E_ID).
#   * No addresses are configured in the root namespace and host namespaces
#     have no default route: traffic stays on loopback (controller) or
#     between the test's own namespaces.  IPv6 is disabled on all test
#     interfaces (no DAD/RS/MLD noise) unless E2E_IPV6=1.
#
# Output is TAP-like: "ok - ...", "not ok - ...", diagnostics start with "#";
# e2e_finish prints "N passed, M failed".  A script exits 77 (automake's
# SKIP) when it is not root or a needed tool is missing.
#
# Needs: iproute2, openvswitch-switch, iputils-ping; ethtool (recommended,
# for TCP/UDP through the userspace datapath); openvswitch-testcontroller
# only for test-harness.sh.

set -u

E2E_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
E2E_TOP=$(cd "$E2E_LIB_DIR/../.." && pwd)
E2E_SCHEMA=${E2E_SCHEMA:-/usr/share/openvswitch/vswitch.ovsschema}
E2E_DATAPATH=${E2E_DATAPATH:-netdev}

E2E_DIR=""          # per-test temp dir, set by e2e_setup
E2E_ID=""           # short unique id of this run (suffix of $E2E_DIR)
E2E_PASS=0
E2E_FAIL=0
E2E_CLEANED=0
E2E_CLEANUP_HOOKS=()
E2E_STDOUT=1        # the script's own stdout/stderr, duplicated by e2e_setup
E2E_STDERR=2
# Ports of the last e2e_link, for tests that want to program them.
E2E_LINK_PORT1=""
E2E_LINK_PORT2=""

# ---------------------------------------------------------------------------
# Messages

# e2e_log MSG...: a diagnostic line (TAP comment) on stderr.
e2e_log() {
    printf '# %s\n' "$*" >&2
}

# e2e_skip REASON: the test cannot run here; exit 77 (automake SKIP).
e2e_skip() {
    printf '# SKIP: %s\n' "$*"
    exit 77
}

# e2e_die MSG...: a fatal setup error.  Counts as one failed check, prints
# the summary and exits (cleanup runs from the EXIT trap).  Call it from the
# test's own shell, not from inside $(...).
e2e_die() {
    printf 'not ok - fatal: %s\n' "$*"
    E2E_FAIL=$((E2E_FAIL + 1))
    e2e_finish
}

# ---------------------------------------------------------------------------
# Checks and summary

# e2e_check DESCRIPTION [!] CMD [ARG...]: runs CMD in the current shell (so
# it may be a function) with its output captured; prints "ok - DESCRIPTION"
# or "not ok - DESCRIPTION" followed by the tail of the output.  A leading
# "!" inverts the expectation (the check passes when CMD fails).
e2e_check() {
    local desc=$1 invert=0 rc out
    shift
    if [ "${1-}" = "!" ]; then
        invert=1
        shift
    fi
    out=${E2E_DIR:-/tmp}/.check-output.$$
    if "$@" >"$out" 2>&1; then rc=0; else rc=1; fi
    if { [ "$invert" = 0 ] && [ "$rc" = 0 ]; } ||
       { [ "$invert" = 1 ] && [ "$rc" != 0 ]; }; then
        E2E_PASS=$((E2E_PASS + 1))
        printf 'ok - %s\n' "$desc"
    else
        E2E_FAIL=$((E2E_FAIL + 1))
        printf 'not ok - %s\n' "$desc"
        printf '#   command:%s%s\n' "$([ "$invert" = 1 ] && echo ' !')" \
            "$(printf ' %q' "$@")"
        tail -n 20 "$out" | sed 's/^/#   /'
    fi
    rm -f "$out"
    return 0
}

# e2e_finish: prints "N passed, M failed" and exits (non-zero if M > 0).  On
# failure the tails of the daemon logs are shown first, as diagnostics.
e2e_finish() {
    if [ "$E2E_FAIL" -gt 0 ] && [ -n "$E2E_DIR" ] && [ -d "$E2E_DIR/log" ]; then
        local f
        for f in "$E2E_DIR"/log/*.log; do
            [ -s "$f" ] || continue
            printf '# --- last lines of %s\n' "${f##*/}"
            tail -n 15 "$f" | sed 's/^/#   /'
        done
    fi
    printf '%d passed, %d failed\n' "$E2E_PASS" "$E2E_FAIL"
    if [ "$E2E_FAIL" -gt 0 ]; then
        exit 1
    fi
    exit 0
}

# ---------------------------------------------------------------------------
# Small utilities

# e2e_wait_until CMD [TIMEOUT [INTERVAL]]: evaluates the shell string CMD
# every INTERVAL seconds (default 0.1) until it succeeds; returns 1 if it
# has not succeeded within TIMEOUT seconds (default 10, may be fractional).
e2e_wait_until() {
    local cmd=$1 timeout=${2:-10} interval=${3:-0.1} now deadline
    deadline=$(( $(date +%s%N) + $(_e2e_to_ns "$timeout") ))
    while :; do
        if eval "$cmd" >/dev/null 2>&1; then
            return 0
        fi
        now=$(date +%s%N)
        if [ "$now" -ge "$deadline" ]; then
            return 1
        fi
        sleep "$interval"
    done
}

# _e2e_to_ns SECONDS: "1.5" -> 1500000000.
_e2e_to_ns() {
    local s=$1 int frac
    int=${s%%.*}
    if [ "$int" = "$s" ]; then frac=""; else frac=${s#*.}; fi
    frac=${frac}000000000
    frac=${frac:0:9}
    echo $(( ${int:-0} * 1000000000 + 10#$frac ))
}

# e2e_free_port: prints a TCP port that nothing listens on at the moment,
# chosen at random below the kernel's ephemeral range so outgoing
# connections will not grab it.  (Racy by nature; retries make it rare.)
e2e_free_port() {
    local lo=20000 hi=32000 p i
    for i in $(seq 1 200); do
        p=$(( lo + (RANDOM * 32768 + RANDOM) % (hi - lo) ))
        if [ -n "$E2E_DIR" ] && grep -qx "$p" "$E2E_DIR/ports" 2>/dev/null; then
            continue
        fi
        if [ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]; then
            [ -n "$E2E_DIR" ] && echo "$p" >>"$E2E_DIR/ports"
            echo "$p"
            return 0
        fi
    done
    e2e_log "e2e_free_port: no free port found"
    return 1
}

# e2e_wait_listening PORT [TIMEOUT]: waits until something listens on TCP
# 127.0.0.1:PORT (or the wildcard address).
e2e_wait_listening() {
    e2e_wait_until "[ -n \"\$(ss -Hltn '( sport = :$1 )')\" ]" "${2:-10}"
}

# _e2e_valid_name WHAT NAME: NAME must be a plain identifier.
_e2e_valid_name() {
    case $2 in
        ''|*[!A-Za-z0-9_.-]*)
            e2e_die "$1 name '$2' must be non-empty [A-Za-z0-9_.-]" ;;
    esac
}

# _e2e_record LIST VALUE: appends VALUE to $E2E_DIR/LIST (things to clean).
_e2e_record() {
    echo "$2" >>"$E2E_DIR/$1"
}

# _e2e_noipv6 [-n NS] IFNAME: disables IPv6 on an interface (no DAD, router
# solicitations or MLD reports into the switch), unless E2E_IPV6=1.
_e2e_noipv6() {
    local pre=()
    if [ "$1" = -n ]; then
        pre=(ip netns exec "$2")
        shift 2
    fi
    if [ "${E2E_IPV6:-0}" = 1 ]; then
        "${pre[@]}" sysctl -q -w "net.ipv6.conf.$1.accept_dad=0" >/dev/null 2>&1
    else
        "${pre[@]}" sysctl -q -w "net.ipv6.conf.$1.disable_ipv6=1" >/dev/null 2>&1
    fi
    return 0
}

# _e2e_nooffload [-n NS] IFNAME: turns off checksum offload on a veth end.
# The userspace datapath forwards frames as raw bytes, so a partially
# checksummed TCP/UDP frame from the kernel would arrive with a bad checksum.
_e2e_nooffload() {
    local pre=()
    if [ "$1" = -n ]; then
        pre=(ip netns exec "$2")
        shift 2
    fi
    if command -v ethtool >/dev/null 2>&1; then
        "${pre[@]}" ethtool -K "$1" tx off >/dev/null 2>&1 || true
    fi
}

# ---------------------------------------------------------------------------
# Open vSwitch

# e2e_vsctl ARGS...: ovs-vsctl against this test's database.
e2e_vsctl() {
    ovs-vsctl --db="unix:$OVS_RUNDIR/db.sock" --timeout=10 "$@"
}

# e2e_ofctl ARGS...: ovs-ofctl; bridge names resolve to this test's
# $OVS_RUNDIR/BRIDGE.mgmt.  Offers every OpenFlow version unless the caller
# passes -O/--protocols, so it works whatever the bridge allows.
e2e_ofctl() {
    local a
    for a in "$@"; do
        case $a in
            -O|-O*|--protocols|--protocols=*) ovs-ofctl "$@"; return ;;
        esac
    done
    ovs-ofctl -O OpenFlow10,OpenFlow11,OpenFlow12,OpenFlow13,OpenFlow14,OpenFlow15 "$@"
}

# e2e_appctl ARGS...: ovs-appctl; the default target is this test's
# ovs-vswitchd (found through $OVS_RUNDIR).
e2e_appctl() {
    ovs-appctl "$@"
}

# _e2e_pid_of NAME: prints the PID in $OVS_RUNDIR/NAME.pid if that process is
# alive and really is NAME (guards against recycled PIDs).
_e2e_pid_of() {
    local f=$OVS_RUNDIR/$1.pid pid
    [ -r "$f" ] || return 1
    pid=$(cat "$f" 2>/dev/null)
    case $pid in ''|*[!0-9]*) return 1 ;; esac
    _e2e_alive "$pid" || return 1
    tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n 1 | grep -q "$1\$" || return 1
    echo "$pid"
}

# _e2e_alive PID: true if PID exists and is not a zombie.
_e2e_alive() {
    local state
    [ -r "/proc/$1/stat" ] || return 1
    state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
    [ -n "$state" ] && [ "$state" != Z ]
}

# _e2e_kill PID [SIGNAL]: sends SIGNAL (default TERM), waits up to 5 s for
# the process to go, then SIGKILLs it; reaps it if it is our child.
_e2e_kill() {
    local pid=$1 sig=${2:-TERM} i
    kill -s "$sig" "$pid" 2>/dev/null
    for i in $(seq 1 50); do
        _e2e_alive "$pid" || break
        sleep 0.1
    done
    if _e2e_alive "$pid"; then
        e2e_log "pid $pid ignored SIG$sig, killing it"
        kill -s KILL "$pid" 2>/dev/null
        for i in $(seq 1 20); do
            _e2e_alive "$pid" || break
            sleep 0.1
        done
    fi
    wait "$pid" 2>/dev/null
    return 0
}

# _e2e_start_vswitchd: starts ovs-vswitchd on the test database and waits
# until it has applied the configuration.
_e2e_start_vswitchd() {
    # Where this instance's part of the log begins (see e2e_is_connected).
    if [ -f "$OVS_LOGDIR/ovs-vswitchd.log" ]; then
        wc -l <"$OVS_LOGDIR/ovs-vswitchd.log" >"$E2E_DIR/vswitchd.logstart"
    else
        echo 0 >"$E2E_DIR/vswitchd.logstart"
    fi
    ovs-vswitchd "unix:$OVS_RUNDIR/db.sock" \
        -vconsole:off --pidfile="$OVS_RUNDIR/ovs-vswitchd.pid" --detach \
        --no-chdir --log-file="$OVS_LOGDIR/ovs-vswitchd.log" \
        --disable-system --disable-system-route --enable-dummy ||
        return 1
    # The detached parent returns once the daemon has read the database;
    # this also waits until it has caught up with the latest change.
    e2e_vsctl -- set Open_vSwitch . external-ids:canopy-e2e="$E2E_ID" ||
        return 1
    # A (re)started vswitchd re-creates the bridges' tap devices.
    local br
    if [ -s "$E2E_DIR/bridges" ]; then
        while read -r br; do
            _e2e_noipv6 "$br"
        done <"$E2E_DIR/bridges"
    fi
}

# e2e_setup: creates the temp dir, installs the cleanup traps and starts a
# private ovsdb-server and ovs-vswitchd.
e2e_setup() {
    local c
    [ -z "$E2E_DIR" ] || e2e_die "e2e_setup called twice"
    [ "$(id -u)" = 0 ] || e2e_skip "end-to-end tests must run as root"
    for c in ip ovsdb-tool ovsdb-server ovs-vswitchd ovs-vsctl ovs-ofctl \
             ovs-appctl ping ss sysctl; do
        command -v "$c" >/dev/null 2>&1 || e2e_skip "$c not installed"
    done
    [ -r "$E2E_SCHEMA" ] || e2e_skip "$E2E_SCHEMA not found"
    command -v ethtool >/dev/null 2>&1 ||
        e2e_log "ethtool not installed: TCP/UDP checksums may be wrong"

    exec {E2E_STDOUT}>&1 {E2E_STDERR}>&2
    # From here on, whatever happens, clean up.
    trap '_e2e_on_exit' EXIT
    trap '_e2e_on_signal INT 130' INT
    trap '_e2e_on_signal TERM 143' TERM
    trap '_e2e_on_signal HUP 129' HUP
    E2E_DIR=$(mktemp -d /tmp/canopy-e2e.XXXXXX) || e2e_die "mktemp failed"
    E2E_ID=${E2E_DIR##*.}
    echo "$$" >"$E2E_DIR/owner.pid"
    : >"$E2E_DIR/netns"
    : >"$E2E_DIR/links"
    : >"$E2E_DIR/bridges"
    : >"$E2E_DIR/spawned"
    mkdir -p "$E2E_DIR/hosts" "$E2E_DIR/bridge"

    export OVS_RUNDIR=$E2E_DIR/run
    export OVS_DBDIR=$E2E_DIR/db
    export OVS_LOGDIR=$E2E_DIR/log
    export OVS_SYSCONFDIR=$E2E_DIR/etc
    export OVS_PKGDATADIR=${OVS_PKGDATADIR:-/usr/share/openvswitch}
    mkdir -p "$OVS_RUNDIR" "$OVS_DBDIR" "$OVS_LOGDIR" "$OVS_SYSCONFDIR/openvswitch"

    ovsdb-tool create "$OVS_DBDIR/conf.db" "$E2E_SCHEMA" ||
        e2e_die "ovsdb-tool create failed"
    ovsdb-server "$OVS_DBDIR/conf.db" -vconsole:off \
        --remote="punix:$OVS_RUNDIR/db.sock" \
        --pidfile="$OVS_RUNDIR/ovsdb-server.pid" --detach --no-chdir \
        --log-file="$OVS_LOGDIR/ovsdb-server.log" ||
        e2e_die "ovsdb-server did not start"
    e2e_vsctl --no-wait init || e2e_die "ovs-vsctl init failed"
    _e2e_start_vswitchd || e2e_die "ovs-vswitchd did not start"
    e2e_log "e2e dir $E2E_DIR (id $E2E_ID)"
}

# e2e_add_bridge NAME [PROTOCOLS [DPID]]: adds a userspace bridge in secure
# fail mode without in-band control.  PROTOCOLS is an OVS list such as
# "OpenFlow13" or "OpenFlow10,OpenFlow13" (default: OVS's own default).
# DPID is up to 16 hex digits (default: the bridge's ordinal, so the first
# bridge is 0000000000000001); e2e_dpid NAME prints it.
e2e_add_bridge() {
    local name=$1 protocols=${2:-} dpid=${3:-} n extra=()
    _e2e_valid_name bridge "$name"
    [ "${#name}" -le 15 ] || e2e_die "bridge name '$name' longer than 15"
    # Only the netdev datapath makes a tap device named after the bridge.
    if [ "$E2E_DATAPATH" = netdev ] && ip link show "$name" >/dev/null 2>&1; then
        e2e_die "an interface named '$name' already exists (another run?)"
    fi
    n=$(( $(wc -l <"$E2E_DIR/bridges") + 1 ))
    if [ -z "$dpid" ]; then
        dpid=$(printf '%016x' "$n")
    else
        dpid=${dpid#0x}
        case $dpid in *[!0-9a-fA-F]*) e2e_die "bad datapath id '$3'" ;; esac
        [ "${#dpid}" -le 16 ] || e2e_die "bad datapath id '$3'"
        dpid=$(printf '%016x' "0x$dpid")
    fi
    if [ -n "$protocols" ]; then
        extra=(protocols="$protocols")
    fi
    _e2e_record bridges "$name"
    e2e_vsctl add-br "$name" -- set Bridge "$name" datapath_type="$E2E_DATAPATH" \
        fail-mode=secure other-config:disable-in-band=true \
        other-config:datapath-id="$dpid" "${extra[@]}" ||
        e2e_die "cannot add bridge $name"
    echo "$dpid" >"$E2E_DIR/bridge/$name.dpid"
    _e2e_noipv6 "$name"
}

# e2e_dpid BRIDGE: prints the bridge's datapath id (16 hex digits).
e2e_dpid() {
    cat "$E2E_DIR/bridge/$1.dpid"
}

# e2e_set_controller BRIDGE TARGET...: points BRIDGE at one or more
# controllers (e.g. tcp:127.0.0.1:PORT).  Reconnection backoff is capped at
# 1 s so reconnect tests are quick.
e2e_set_controller() {
    local br=$1 i=0 t refs="" args=()
    shift
    [ $# -gt 0 ] || e2e_die "e2e_set_controller: no target"
    for t in "$@"; do
        i=$((i + 1))
        args+=(-- "--id=@c$i" create Controller "target=\"$t\"" max_backoff=1000)
        refs="$refs${refs:+,}@c$i"
    done
    e2e_vsctl "${args[@]}" -- set Bridge "$br" "controller=[$refs]" >/dev/null ||
        e2e_die "cannot set controller of $br"
}

# e2e_del_controller BRIDGE: removes the bridge's controllers.
e2e_del_controller() {
    e2e_vsctl del-controller "$1"
}

# e2e_is_connected BRIDGE: true if at least one of the bridge's controller
# connections is up.  OVS refreshes Controller:is_connected in the database
# only every 5 s, so this reads the connection state changes that the
# running ovs-vswitchd logs ("BRIDGE<->TARGET: connected", ...) instead.
e2e_is_connected() {
    local start
    start=$(cat "$E2E_DIR/vswitchd.logstart" 2>/dev/null || echo 0)
    tail -n +"$((start + 1))" "$OVS_LOGDIR/ovs-vswitchd.log" 2>/dev/null |
        awk -v br="$1" '
            BEGIN { key = "|rconn|" }
            index($0, key) {
                i = index($0, "|" br "<->")
                if (!i) next
                rest = substr($0, i + length(br) + 4)
                j = index(rest, ": ")
                if (!j) next
                state[substr(rest, 1, j - 1)] = substr(rest, j + 2)
            }
            END {
                for (t in state) if (state[t] == "connected") exit 0
                exit 1
            }'
}

# e2e_wait_connected BRIDGE [TIMEOUT]: waits until e2e_is_connected.
e2e_wait_connected() {
    e2e_wait_until "e2e_is_connected '$1'" "${2:-10}"
}

# e2e_ofport PORT: prints the OpenFlow port number of an OVS port.
e2e_ofport() {
    e2e_vsctl get Interface "$1" ofport
}

# e2e_add_host NAME BRIDGE IP/PREFIX [MAC]: creates namespace
# ce2e-$E2E_ID-NAME with interface eth0 (address IP/PREFIX, MAC default
# 0a:00 followed by the IPv4 address bytes) and connects it through a veth
# pair to a new port of BRIDGE.  The port's name is printed by
# e2e_host_port NAME.
e2e_add_host() {
    local name=$1 br=$2 cidr=$3 mac=${4:-} ns port n ip a b c d
    _e2e_valid_name host "$name"
    [ -e "$E2E_DIR/hosts/$name" ] && e2e_die "host $name exists"
    ip=${cidr%/*}
    [ "$ip" != "$cidr" ] || e2e_die "e2e_add_host: '$cidr' needs a /prefix"
    if [ -z "$mac" ]; then
        IFS=. read -r a b c d <<<"$ip"
        mac=$(printf '0a:00:%02x:%02x:%02x:%02x' "$a" "$b" "$c" "$d") ||
            e2e_die "e2e_add_host: bad address '$ip'"
    fi
    n=$(( $(find "$E2E_DIR/hosts" -mindepth 1 -maxdepth 1 | wc -l) + 1 ))
    ns=ce2e-$E2E_ID-$name
    port=ce${E2E_ID}h$n

    # Record before creating, so an interruption in between still cleans up.
    _e2e_record netns "$ns"
    _e2e_record links "$port"
    mkdir -p "$E2E_DIR/hosts/$name"
    echo "$ns" >"$E2E_DIR/hosts/$name/ns"
    echo "$port" >"$E2E_DIR/hosts/$name/port"
    echo "$ip" >"$E2E_DIR/hosts/$name/ip"
    echo "$mac" >"$E2E_DIR/hosts/$name/mac"
    echo "$br" >"$E2E_DIR/hosts/$name/bridge"

    ip netns add "$ns" || e2e_die "cannot create namespace $ns"
    ip -n "$ns" link set lo up
    # Interfaces created in the namespace later inherit "default".
    _e2e_noipv6 -n "$ns" default
    _e2e_noipv6 -n "$ns" all
    ip link add "$port" type veth peer name eth0 netns "$ns" ||
        e2e_die "cannot create veth $port"
    _e2e_noipv6 "$port"
    _e2e_noipv6 -n "$ns" eth0
    _e2e_nooffload "$port"
    _e2e_nooffload -n "$ns" eth0
    ip -n "$ns" link set eth0 address "$mac" ||
        e2e_die "cannot set MAC $mac on $name"
    ip -n "$ns" addr add "$cidr" dev eth0 || e2e_die "bad address $cidr"
    ip -n "$ns" link set eth0 up
    ip link set "$port" up
    e2e_vsctl add-port "$br" "$port" || e2e_die "cannot add $port to $br"
}

# Host accessors: namespace, OVS port name, IPv4 address, MAC, bridge.
e2e_host_ns()     { cat "$E2E_DIR/hosts/$1/ns"; }
e2e_host_port()   { cat "$E2E_DIR/hosts/$1/port"; }
e2e_host_ip()     { cat "$E2E_DIR/hosts/$1/ip"; }
e2e_host_mac()    { cat "$E2E_DIR/hosts/$1/mac"; }
e2e_host_bridge() { cat "$E2E_DIR/hosts/$1/bridge"; }

# e2e_exec HOST CMD [ARG...]: runs a command inside HOST's namespace.
# Processes left running in a host namespace are killed by e2e_cleanup.
e2e_exec() {
    local ns
    ns=$(e2e_host_ns "$1") || return 1
    shift
    ip netns exec "$ns" "$@"
}

# e2e_link BRIDGE1 BRIDGE2: connects two bridges with a veth pair; the port
# names are left in E2E_LINK_PORT1 and E2E_LINK_PORT2.
e2e_link() {
    local br1=$1 br2=$2 n p1 p2
    n=$(( $(grep -c "^ce${E2E_ID}l" "$E2E_DIR/links") / 2 + 1 ))
    p1=ce${E2E_ID}l${n}a
    p2=ce${E2E_ID}l${n}b
    _e2e_record links "$p1"
    _e2e_record links "$p2"
    ip link add "$p1" type veth peer name "$p2" ||
        e2e_die "cannot create veth $p1"
    _e2e_noipv6 "$p1"
    _e2e_noipv6 "$p2"
    _e2e_nooffload "$p1"
    _e2e_nooffload "$p2"
    ip link set "$p1" up
    ip link set "$p2" up
    e2e_vsctl add-port "$br1" "$p1" || e2e_die "cannot add $p1 to $br1"
    e2e_vsctl add-port "$br2" "$p2" || e2e_die "cannot add $p2 to $br2"
    E2E_LINK_PORT1=$p1
    E2E_LINK_PORT2=$p2
}

# e2e_ping SRC_HOST DST_IP [COUNT]: pings from a host namespace; succeeds if
# at least one reply arrives (COUNT default 3, 0.2 s apart, 1 s wait).
e2e_ping() {
    e2e_exec "$1" ping -n -q -c "${3:-3}" -i 0.2 -W 1 "$2"
}

# e2e_tcp_serve NAME HOST PORT...: starts (as e2e_spawn NAME) a server in
# HOST's namespace that answers "hi" on each TCP PORT and closes.
e2e_tcp_serve() {
    local name=$1 host=$2
    shift 2
    e2e_spawn "$name" e2e_exec "$host" python3 -c '
import socket, sys, threading
def serve(p):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", p)); s.listen(16)
    while True:
        c, _ = s.accept()
        try: c.sendall(b"hi\n")
        finally: c.close()
for p in map(int, sys.argv[1:]):
    threading.Thread(target=serve, args=(p,), daemon=True).start()
threading.Event().wait()
' "$@"
}

# e2e_tcp HOST IP PORT: connects from HOST's namespace to an e2e_tcp_serve
# server and succeeds if it reads "hi" within 2 s.
e2e_tcp() {
    e2e_exec "$1" python3 -c '
import socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2)
s.settimeout(2)
sys.exit(0 if s.recv(3) == b"hi\n" else 1)' "$2" "$3"
}

# e2e_verdict URL QUERY: "ALLOWED KIND" of canopyd's answer to
# GET URL/v1/policy/check?QUERY ("true acl", "false tenant"...).
e2e_verdict() {
    curl -s "$1/v1/policy/check?$2" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(str(d["allowed"]).lower(), d["decided_by"]["kind"])'
}

# e2e_kill_vswitchd [SIGNAL]: stops ovs-vswitchd (default SIGTERM; use KILL
# to simulate a crash).  The database and ports stay configured.
e2e_kill_vswitchd() {
    local pid
    pid=$(_e2e_pid_of ovs-vswitchd) || { e2e_log "ovs-vswitchd not running"; return 1; }
    _e2e_kill "$pid" "${1:-TERM}"
}

# e2e_restart_vswitchd: (re)starts ovs-vswitchd on the same database,
# stopping it first if it is running.
e2e_restart_vswitchd() {
    _e2e_pid_of ovs-vswitchd >/dev/null && e2e_kill_vswitchd TERM
    _e2e_start_vswitchd
}

# ---------------------------------------------------------------------------
# Processes started by the test

# e2e_spawn NAME CMD [ARG...]: starts CMD in the background with output in
# $E2E_DIR/log/NAME.log; its PID is printed by e2e_pid NAME, and it is
# stopped by e2e_stop NAME or at cleanup.  Call it from the test's shell.
e2e_spawn() {
    local name=$1 pid
    shift
    _e2e_valid_name process "$name"
    "$@" >"$OVS_LOGDIR/$name.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$E2E_DIR/$name.pid"
    _e2e_record spawned "$pid"
}

# e2e_spawn_canopyd NAME CANOPYD CONFIG: starts canopyd as e2e_spawn NAME
# does, under valgrind (leaks and errors make it exit 99, which e2e_stop
# reports) when E2E_VALGRIND is set, as tests/run-all sets it.
e2e_spawn_canopyd() {
    local name=$1 canopyd=$2 cfg=$3
    if [ -n "${E2E_VALGRIND:-}" ]; then
        e2e_spawn "$name" valgrind --quiet --leak-check=full \
            --show-leak-kinds=definite,indirect \
            --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
            "$canopyd" -c "$cfg"
    else
        e2e_spawn "$name" "$canopyd" -c "$cfg"
    fi
}

# e2e_pid NAME: PID of a process started by e2e_spawn.
e2e_pid() {
    cat "$E2E_DIR/$1.pid"
}

# e2e_running NAME: true if the spawned process is still alive.
e2e_running() {
    local pid
    pid=$(e2e_pid "$1" 2>/dev/null) || return 1
    _e2e_alive "$pid"
}

# e2e_stop NAME [SIGNAL]: stops a spawned process (default SIGTERM) and
# returns its exit status when it is our child.
e2e_stop() {
    local pid rc _
    pid=$(e2e_pid "$1") || return 1
    kill -s "${2:-TERM}" "$pid" 2>/dev/null
    for _ in $(seq 1 50); do
        _e2e_alive "$pid" || break
        sleep 0.1
    done
    if _e2e_alive "$pid"; then
        e2e_log "$1 (pid $pid) ignored SIG${2:-TERM}, killing it"
        kill -s KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    rc=$?
    return "$rc"
}

# e2e_on_cleanup CMD: runs the shell string CMD at the start of cleanup (for
# tests that would otherwise want their own EXIT trap).
e2e_on_cleanup() {
    E2E_CLEANUP_HOOKS+=("$1")
}

# ---------------------------------------------------------------------------
# Cleanup

_e2e_on_exit() {
    e2e_cleanup 1>&"$E2E_STDOUT" 2>&"$E2E_STDERR"
}

# A trap may run while a command's output is redirected (e.g. inside
# e2e_check), so cleanup reports to the script's original stdout/stderr.
_e2e_on_signal() {
    {
        printf '# caught SIG%s, cleaning up\n' "$1"
        e2e_cleanup
    } 1>&"$E2E_STDOUT" 2>&"$E2E_STDERR"
    exit "$2"
}

# e2e_cleanup: stops what the harness started and deletes what it created.
# Idempotent; runs automatically on EXIT, INT, TERM and HUP.
e2e_cleanup() {
    local h pid ns l
    [ "$E2E_CLEANED" = 0 ] || return 0
    E2E_CLEANED=1
    # A second ^C must not interrupt the cleanup half-way.
    trap '' INT TERM HUP
    [ -n "$E2E_DIR" ] && [ -d "$E2E_DIR" ] || return 0

    for h in "${E2E_CLEANUP_HOOKS[@]}"; do
        eval "$h" || true
    done

    # Processes the test spawned (still alive and still ours).
    if [ -s "$E2E_DIR/spawned" ]; then
        while read -r pid; do
            if _e2e_alive "$pid" &&
               [ "$(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$$" ]; then
                _e2e_kill "$pid" TERM
            fi
        done <"$E2E_DIR/spawned"
    fi

    # Anything still running inside our namespaces.
    for ns in $(_e2e_our_netns); do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            _e2e_kill "$pid" TERM
        done
    done

    # Open vSwitch, by the PIDs in its pidfiles.
    if pid=$(_e2e_pid_of ovs-vswitchd); then
        _e2e_kill "$pid" TERM
    fi
    if pid=$(_e2e_pid_of ovsdb-server); then
        _e2e_kill "$pid" TERM
    fi

    # Namespaces (their veth ends go with them) and root-side veths.
    for ns in $(_e2e_our_netns); do
        ip netns delete "$ns" 2>/dev/null ||
            e2e_log "could not delete namespace $ns"
    done
    for l in $(_e2e_our_links); do
        ip link delete "$l" 2>/dev/null
    done
    # ovs-vswitchd makes the bridges' tap devices persistent; they outlive it.
    if [ -s "$E2E_DIR/bridges" ]; then
        while read -r l; do
            if [ -e "/sys/class/net/$l/tun_flags" ]; then
                ip tuntap del dev "$l" mode tap 2>/dev/null ||
                    ip link delete "$l" 2>/dev/null ||
                    e2e_log "could not delete tap $l"
            fi
        done <"$E2E_DIR/bridges"
    fi

    if [ "${E2E_KEEP:-0}" = 1 ]; then
        e2e_log "kept $E2E_DIR"
    else
        rm -rf "$E2E_DIR"
    fi
}

# e2e_reap_stale: cleans up after runs whose script died without cleaning
# (SIGKILL, machine trouble): for every /tmp/canopy-e2e.* whose owner PID is
# gone, kills the processes that carry its OVS_RUNDIR in their environment
# (its OVS daemons, spawned controllers, processes in its namespaces), then
# deletes its namespaces, veths, taps and the directory.  Live runs are left
# alone.  Used by reap-stale.sh; not needed by ordinary tests.
e2e_reap_stale() {
    local dir id owner pid ns l
    for dir in /tmp/canopy-e2e.*; do
        [ -d "$dir" ] || continue
        id=${dir##*.}
        owner=$(cat "$dir/owner.pid" 2>/dev/null)
        if [ -n "$owner" ] && [ -d "/proc/$owner" ]; then
            continue
        fi
        e2e_log "reaping stale run $id"
        # shellcheck disable=SC2013
        for pid in $(grep -lzxF "OVS_RUNDIR=$dir/run" /proc/[0-9]*/environ 2>/dev/null |
                     cut -d/ -f3); do
            [ "$pid" != "$$" ] && _e2e_kill "$pid" TERM
        done
        for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^ce2e-$id-"); do
            ip netns delete "$ns"
        done
        for l in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' |
                   sed 's/@.*//' | grep "^ce${id}[hl]"); do
            ip link delete "$l" 2>/dev/null
        done
        if [ -s "$dir/bridges" ]; then
            while read -r l; do
                [ -e "/sys/class/net/$l/tun_flags" ] &&
                    ip tuntap del dev "$l" mode tap 2>/dev/null
            done <"$dir/bridges"
        fi
        rm -rf "$dir"
    done
}

# _e2e_our_netns: namespaces of this run (recorded, or matching the prefix).
_e2e_our_netns() {
    {
        cat "$E2E_DIR/netns" 2>/dev/null
        ip netns list 2>/dev/null | awk '{print $1}' | grep "^ce2e-$E2E_ID-"
    } | sort -u | while read -r ns; do
        [ -e "/run/netns/$ns" ] && echo "$ns"
    done
}

# _e2e_our_links: root-namespace veths of this run that still exist.
_e2e_our_links() {
    {
        cat "$E2E_DIR/links" 2>/dev/null
        ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' |
            grep "^ce${E2E_ID}[hl]"
    } | sort -u | while read -r l; do
        [ -e "/sys/class/net/$l" ] && echo "$l"
    done
}
