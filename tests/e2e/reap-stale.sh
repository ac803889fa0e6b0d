#!/bin/bash
# Removes what killed end-to-end test runs left behind (namespaces, veths,
# OVS daemons, temp dirs).  Runs still in progress are not touched.
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || e2e_skip "must run as root"
e2e_reap_stale
