#!/bin/bash
# stop-host.sh NAME  --  stop one test host (e.g. h2), keeping its disk state, so a test
# can see "a server stopped in the middle". start-host.sh NAME brings it back.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# = 1 ] || die "usage: stop-host.sh NAME   (e.g. h2)"
name=$1
host_index "$name" >/dev/null
need_root
[ -d "$(host_dir "$name")" ] || die "no such host: $(host_dir "$name")"
host_running "$name" || log "$name was not running"
stop_host "$name"
if [ -n "$(host_unshare_pids "$(host_dir "$name")")" ] ||
    [ -n "$(losetup -nO NAME -j "$(host_dir "$name")/home.img")" ]; then
    die "$name did not stop cleanly"
fi
log "$name stopped"
