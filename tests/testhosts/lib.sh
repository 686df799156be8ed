# shellcheck shell=bash
# Shared by up.sh, down.sh, start-host.sh, stop-host.sh and check.sh; sourced, never run.
#
# Model (see /work/shared/reference/testhosts.md): one cached debootstrap rootfs is the
# read-only lower layer of one overlayfs per host. Each host is a chrooted sshd that is
# PID 1 of its own mount+pid+uts+ipc namespace and listens on 127.0.0.(10+i). Nothing is
# ever mounted in the machine's own mount namespace, so the kernel cleans up every mount
# and loop device when a host's namespace dies.

TESTHOSTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$TESTHOSTS_DIR/../.." && pwd)
STATE=${TESTHOST_STATE:-$REPO_ROOT/target/testhosts}
CACHE=${HSADMIN_TESTHOST_CACHE:-/var/cache/hsadmin-testhosts}
ROOTFS=$CACHE/rootfs
SSH_CONFIG=$STATE/ssh_config

# How long up.sh / start-host.sh wait for a verified ssh login before giving up.
READY_TIMEOUT=${TESTHOST_READY_TIMEOUT:-30}

log() { printf 'testhosts: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

need_root() { [ "$(id -u)" = 0 ] || die "must run as root (namespaces, mounts, ip addr)"; }

# h3 -> 3; rejects anything that is not hN.
host_index() {
    [[ $1 =~ ^h([1-9][0-9]?)$ ]] || die "bad host name '$1' (expected h1, h2, ...)"
    echo "${BASH_REMATCH[1]}"
}
host_addr() { echo "127.0.0.$((10 + $(host_index "$1")))"; }
host_dir() { echo "$STATE/hosts/$1"; }

# Wall clock with sub-second resolution, for the timings the scripts print.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# A process counts as alive unless it is gone or a zombie: after the host dies, its
# unshare is re-parented to the machine's init, which may reap it only 1-2 s later, so
# `kill -0` would keep saying "alive".
proc_alive() {
    local st
    read -r st 2>/dev/null <"/proc/$1/stat" || return 1
    st=${st##*) }
    st=${st%% *}
    [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# "PID HOSTDIR" of every live `unshare ... host-init.sh HOSTDIR ADDR NAME ROOTFS`, i.e.
# every running test host of any state dir. Scanning /proc (not just trusting
# unshare.pid) also finds hosts whose state dir was deleted under them. Fork-free per
# candidate (mapfile, read).
host_procs() {
    local p
    local -a args
    for p in $(pgrep -x unshare); do
        mapfile -d '' -t args 2>/dev/null <"/proc/$p/cmdline" || continue
        [ ${#args[@]} -ge 5 ] || continue
        [[ ${args[-5]} == */host-init.sh ]] || continue
        proc_alive "$p" && echo "$p ${args[-4]}"
    done
    return 0
}

# PIDs of running hosts; with an argument, only the one for that host dir.
host_unshare_pids() {
    local p d
    while read -r p d; do
        if [ -z "${1:-}" ] || [ "$d" = "$1" ]; then echo "$p"; fi
    done < <(host_procs)
}

# Argument N of a host's unshare command line (1-based, after "host-init.sh"):
# 1 host dir, 2 address, 3 name, 4 rootfs.
host_arg() {
    local -a args
    mapfile -d '' -t args 2>/dev/null <"/proc/$1/cmdline" || return 0
    [ ${#args[@]} -ge 5 ] && echo "${args[$((${#args[@]} - 5 + $2))]}"
    return 0
}

host_running() { [ -n "$(host_unshare_pids "$(host_dir "$1")")" ]; }

lo_has_addr() { ip -o -4 addr show dev lo | grep -qw "inet $1/32"; }
lo_add() { lo_has_addr "$1" || ip -4 addr add "$1/32" dev lo; }
lo_del() { if lo_has_addr "$1"; then ip -4 addr del "$1/32" dev lo; fi; }

# Start one already-prepared host (its upper/ and home.img exist). Does not wait for ssh.
launch_host() {
    local name=$1 addr dir pid
    addr=$(host_addr "$name")
    dir=$(host_dir "$name")
    if [ ! -d "$dir/upper" ] || [ ! -f "$dir/home.img" ]; then die "$name is not set up; run up.sh"; fi
    [ -d "$ROOTFS" ] || die "no rootfs at $ROOTFS; run up.sh"
    # named binds only to addresses that are configured on an interface; sshd and apache
    # would manage without (all of 127/8 is local), named would not.
    lo_add "$addr"
    printf '=== %s: start %s on %s\n' "$(date -Is)" "$name" "$addr" >>"$dir/console.log"
    # setsid: no controlling tty, so the caller's Ctrl-C / hangup does not reach the host.
    # The fd loop closes whatever the caller left open (e.g. a CI pipe): a long-lived host
    # holding it would make the caller's reader wait forever.
    (
        for fd in "/proc/$BASHPID/fd/"*; do
            fd=${fd##*/}
            [ "$fd" -gt 2 ] && eval "exec $fd>&-"
        done
        exec setsid unshare --mount --uts --ipc --pid --fork --kill-child \
            "$TESTHOSTS_DIR/host-init.sh" "$dir" "$addr" "$name" "$ROOTFS"
    ) </dev/null >>"$dir/console.log" 2>&1 &
    pid=$!
    # Not our job any more: no "Killed" notice from bash when a host is stopped later.
    disown "$pid" 2>/dev/null || true
    echo "$pid" >"$dir/unshare.pid"
}

# Stop hosts given by their host dirs, all at once: TERM each PID 1 (the unshare's child;
# unshare --fork itself blocks TERM), then KILL any unshare still alive after 2.5 s
# (--kill-child takes PID 1 and so the whole namespace with it). Returns once the
# namespaces are gone, the kernel has detached their loop devices and their lo addresses
# are removed. Reads /proc, losetup and ip once each: forks cost ~50 ms when the machine
# is busy compiling.
stop_host_dirs() {
    local dir p d child i addr loops lo
    local -a pids=() alive
    while read -r p d; do
        for dir in "$@"; do
            [ "$d" = "$dir" ] || continue
            pids+=("$p")
            # (no trailing newline in that file: read assigns but returns 1)
            child=""
            read -r child _ 2>/dev/null <"/proc/$p/task/$p/children" || true
            if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null || true; fi
        done
    done < <(host_procs)
    for i in $(seq 100); do
        alive=()
        for p in "${pids[@]+"${pids[@]}"}"; do proc_alive "$p" && alive+=("$p"); done
        [ ${#alive[@]} -eq 0 ] && break
        if [ "$i" = 50 ]; then
            log "PID 1 ignored TERM, killing unshare ${alive[*]}"
            kill -KILL "${alive[@]}" 2>/dev/null || true
        fi
        sleep 0.05
    done
    lo=$(ip -o -4 addr show dev lo)
    for dir in "$@"; do
        # The mount namespace dies with its last process; the ext4 on home.img is
        # unmounted and the autoclear loop device detached right after.
        for i in $(seq 60); do
            loops=$(losetup -nO BACK-FILE 2>/dev/null)
            [[ $'\n'$loops == *$'\n'"$dir/home.img"* ]] || break
            sleep 0.05
        done
        # The address follows from the name; it outlives a host that died (kill -9).
        if [[ ${dir##*/} =~ ^h([1-9][0-9]?)$ ]]; then
            addr=127.0.0.$((10 + BASH_REMATCH[1]))
            if [[ $lo == *" inet $addr/32 "* ]]; then ip -4 addr del "$addr/32" dev lo; fi
        fi
        rm -f "$dir/unshare.pid"
    done
    return 0
}

stop_host() { stop_host_dirs "$(host_dir "$1")"; }

# Everything this state dir's hosts could leave behind on the machine. Prints one line
# per leftover; empty output means clean.
leftovers() {
    local dir name p
    for p in $(host_unshare_pids); do
        case "$(host_arg "$p" 1)" in "$STATE"/hosts/*) echo "process: unshare $p ($(host_arg "$p" 3))" ;; esac
    done
    # A process chrooted into a host's overlay (only possible if a namespace outlived its PID 1).
    find /proc -mindepth 2 -maxdepth 2 -name root -type l -printf '%h %l\n' 2>/dev/null |
        awk -v s="$STATE/hosts/" 'index($2, s) == 1 { sub(/^\/proc\//, "", $1); print "process: " $1 " (root " $2 ")" }'
    grep -F " $STATE/" /proc/self/mountinfo | awk '{ print "mount: " $5 }' || true
    losetup -nO NAME,BACK-FILE 2>/dev/null | grep -F "$STATE/" | sed 's/^/loop device: /' || true
    for dir in "$STATE"/hosts/h*; do
        [ -d "$dir" ] || continue
        name=${dir##*/}
        [[ $name =~ ^h[1-9][0-9]?$ ]] || continue
        lo_has_addr "$(host_addr "$name")" && echo "lo address: $(host_addr "$name")/32"
    done
    return 0
}

ssh_host() { ssh -F "$SSH_CONFIG" "$@"; }

# The logs that say why a host did not come up; the services' own logs are in upper/.
show_host_logs() {
    local f
    for f in "$1/console.log" "$1/upper/var/log/named/named.log" "$1/upper/var/log/apache2/error.log" \
        "$1/upper/var/log/mysql/error.log" "$1/upper/var/log/postgresql/postgresql-15-main.log"; do
        [ -s "$f" ] || continue
        log "tail of $f:"
        tail -n 15 "$f" | sed 's/^/    /' >&2
    done
}

# Waits until a real login with a verified host key works on one host and the services
# a booted server would have are running (Postfix's master and Dovecot too), and MariaDB and PostgreSQL answer. Fails loudly with the console tail.
wait_one_ready() {
    local name=$1 deadline=$2 dir err addr upid t listening=""
    dir=$(host_dir "$name")
    addr=$(host_addr "$name")
    upid=$(cat "$dir/unshare.pid")
    err=$(mktemp)
    # shellcheck disable=SC2016 # $p expands on the host
    local probe='for p in cron apache2 named master dovecot; do pidof -q $p || { echo "$p is not running" >&2; exit 3; }; done
mariadb-admin --connect-timeout=2 ping >/dev/null 2>&1 || { echo "mariadb: no answer to mariadb-admin ping (root, socket)" >&2; exit 3; }
pg_isready -q -t 2 -h '"$addr"' -p 5432 || { echo "postgresql: pg_isready -h '"$addr"' fails" >&2; exit 3; }'
    # Cheap polling (no exec: proc_alive, /dev/tcp, printf %T): 3 hosts poll in parallel
    # on 2 cores while they boot, and every exec slows their boot down.
    while :; do
        if ! proc_alive "$upid"; then
            log "$name died while starting"
            show_host_logs "$dir"
            rm -f "$err"; return 1
        fi
        printf -v t '%(%s)T' -1
        # A bash TCP probe is nearly free; each refused ssh attempt costs a client start.
        if [ -z "$listening" ] && ! (exec 3<>"/dev/tcp/$addr/22") 2>/dev/null; then
            if [ "$t" -lt "$deadline" ]; then sleep 0.05; continue; fi
            echo "nothing listens on $addr:22" >"$err"
        elif listening=1 && ssh_host -o ConnectTimeout=2 "$name" "$probe" 2>"$err"; then
            rm -f "$err"; return 0
        fi
        if [ "$t" -ge "$deadline" ]; then
            log "$name not ready after ${READY_TIMEOUT}s; last error: $(tail -n 3 "$err" | tr '\n' ' ')"
            show_host_logs "$dir"
            rm -f "$err"; return 1
        fi
        sleep 0.1
    done
}

# All hosts in parallel: one OpenSSH login costs ~0.2 s here.
wait_ready() {
    local deadline=$(($(date +%s) + READY_TIMEOUT)) name pids=() p rc=0
    for name in "$@"; do
        wait_one_ready "$name" "$deadline" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || rc=1; done
    return $rc
}
