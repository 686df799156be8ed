#!/bin/bash
# start-host.sh NAME  --  start one test host again after stop-host.sh, with the disk
# state (upper/, home.img) it had; waits for a verified ssh login like up.sh does.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# = 1 ] || die "usage: start-host.sh NAME   (e.g. h2)"
name=$1
host_index "$name" >/dev/null
need_root
[ -d "$(host_dir "$name")/upper" ] || die "$name was never set up; run up.sh"
if host_running "$name"; then
    log "$name is already running"
    exit 0
fi
t0=$(now)
launch_host "$name"
wait_ready "$name" || { stop_host "$name"; die "$name did not come up"; }
log "$name started in $(elapsed "$t0") s"
