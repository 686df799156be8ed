#!/bin/bash
# down.sh [--purge]  --  stop every test host of this state dir and prove nothing is left.
#
# Exits non-zero, naming what is left (process, mount, loop device, lo address), if the
# machine is not back to clean. --purge also deletes the state dir (not the rootfs cache).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

purge=0
case "${1:-}" in
    "") ;;
    --purge) purge=1 ;;
    *) die "usage: down.sh [--purge]" ;;
esac
need_root
t0=$(now)

# Host dirs of this state dir, plus hosts whose host dir vanished under them (rm -rf
# target/, cargo clean): those are still found through their unshare command line.
dirs=()
for d in "$STATE"/hosts/h*; do [ -d "$d" ] && dirs+=("$d"); done
running=0
while read -r _ d; do
    case "$d" in
        "$STATE"/hosts/*)
            running=$((running + 1))
            [ -d "$d" ] || dirs+=("$d")
            ;;
    esac
done < <(host_procs)
stop_host_dirs "${dirs[@]+"${dirs[@]}"}"

left=$(leftovers)
if [ -n "$left" ]; then
    log "NOT clean after stopping the hosts; left behind:"
    printf '  %s\n' "${left//$'\n'/$'\n'  }" >&2
    exit 1
fi
if [ $purge = 1 ]; then
    rm -rf --one-file-system "$STATE"
fi
log "down: $running host(s) stopped in $(elapsed "$t0") s; no process, mount, loop device or lo address left$([ $purge = 1 ] && echo "; $STATE deleted")"
