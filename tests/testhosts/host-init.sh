#!/bin/bash
# Internal: runs as PID 1 of a fresh mount+pid+uts+ipc namespace, started by lib.sh's
# launch_host via `setsid unshare ... host-init.sh HOSTDIR ADDR NAME ROOTFS`.
# Not for direct use.
#
# Everything mounted here lives only in this namespace: when the host's PID 1 dies the
# kernel kills the rest of the namespace, unmounts all of it and detaches the loop device.
set -euo pipefail

H=$1 NAME=$3 ROOTFS=$4   # $2, the address, is in upper/ already (written by up.sh)
M=$H/merged

fail() { echo "host-init[$NAME]: $*" >&2; exit 1; }
[ "$$" = 1 ] || fail "must be PID 1 of a new pid namespace (started by launch_host)"
# As PID 1 this shell gets TERM only with a handler: lets a host that is stopped while
# still booting go down on TERM too, instead of after stop's KILL fallback.
trap 'exit 143' TERM

mkdir -p "$M"
mount -t overlay overlay -o "lowerdir=$ROOTFS,upperdir=$H/upper,workdir=$H/work" "$M"

mount -t proc proc "$M/proc"   # the new pid namespace's view, so `ps` shows this host only
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$M/sys"

# A minimal /dev of our own instead of the machine's: the host must not see (or be able
# to touch) the machine's disks.
mount -t tmpfs -o mode=755,nosuid,size=1m tmpfs "$M/dev"
mknod -m 666 "$M/dev/null" c 1 3
mknod -m 666 "$M/dev/zero" c 1 5
mknod -m 666 "$M/dev/full" c 1 7
mknod -m 666 "$M/dev/random" c 1 8
mknod -m 666 "$M/dev/urandom" c 1 9
mknod -m 666 "$M/dev/tty" c 5 0
ln -s /proc/self/fd "$M/dev/fd"
ln -s /proc/self/fd/0 "$M/dev/stdin"
ln -s /proc/self/fd/1 "$M/dev/stdout"
ln -s /proc/self/fd/2 "$M/dev/stderr"
mkdir -m 755 "$M/dev/pts"
mkdir -m 1777 "$M/dev/shm"
# newinstance: ptys allocated by this host's sshd are private to it.
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$M/dev/pts"
ln -s pts/ptmx "$M/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$M/dev/shm"

# A booted server starts with an empty /run (pid files, sshd privsep dir, named's dir).
mount -t tmpfs -o mode=755,nosuid,nodev,size=64m tmpfs "$M/run"
mkdir -m 1777 "$M/run/lock"
mkdir -m 755 "$M/run/sshd"

# /home is its own ext4 so the quota tools have a real quota-mounted filesystem.
# noinit_itable: the image is made with lazy inode tables; without it the kernel's
# ext4lazyinit thread would zero them in the background over time, un-sparsing home.img
# and adding disk writes while tests run.
mount -o loop,usrquota,grpquota,noinit_itable "$H/home.img" "$M/home"
loopdev=$(findmnt -no SOURCE "$M/home")
read -r maj min < <(stat -Lc '%t %T' "$loopdev")
# The quota tools look up the device of /home; it must exist inside the chroot.
mknod -m 660 "$M$loopdev" b $((16#$maj)) $((16#$min))

hostname "$NAME"

# What a booted Debian server would have running, in the order init would start them.
# sshd is exec'd last so it becomes PID 1: it reaps orphans (daemonized apache, named,
# cron, postgres; mariadbd, postfix, dovecot) and, unlike a shell, exits on TERM, which is how stop-host.sh stops a host.
# A service that fails to start is reported on the console (console.log) but does not
# stop the host; up.sh's readiness check then names it.
# shellcheck disable=SC2016 # runs in the chroot's sh
BOOT='
trap "exit 143" TERM   # PID 1 again until sshd takes over: see above
log() { echo "host-init[$(hostname)]: $*" >&2; }
# Per-host rndc key, generated once inside this host (the rootfs ships none).
if [ ! -s /etc/bind/rndc.key ]; then
    rndc-confgen -a >/dev/null && chown root:bind /etc/bind/rndc.key && chmod 640 /etc/bind/rndc.key ||
        log "rndc-confgen failed"
fi
# quota files like a managed server has them; -c only the first time, so quota limits
# set before a stop-host/start-host survive the restart.
if [ -e /home/aquota.user ]; then opt=-ugm; else opt=-cugm; fi
quotacheck $opt /home || log "quotacheck $opt /home failed"
cron || log "cron failed to start"
# apache and named start in parallel with sshd (they take most of the boot time); they
# daemonize, so sshd as PID 1 inherits and reaps them.
{ apache2ctl start || log "apache2 failed to start"; } &
{
    install -d -o bind -g bind -m 775 /run/named /var/log/named
    named -u bind -L /var/log/named/named.log || log "named failed to start"
} &
# MariaDB and PostgreSQL, also in the background. This pid namespace is fresh, so nothing
# of an earlier run can still be running: a postmaster.pid left by stop-host.sh (which
# kills, it does not shut down) is stale, and its PID may be another process now, which
# would make postgres refuse to start. Both recover from the kill on their own.
{
    install -d -o mysql -g mysql -m 755 /run/mysqld
    install -d -o mysql -g adm -m 2750 /var/log/mysql
    # mariadbd opens its log-error after dropping to mysql; the shell must not create it as root.
    [ -e /var/log/mysql/error.log ] || install -o mysql -g adm -m 640 /dev/null /var/log/mysql/error.log
    mariadbd --user=mysql </dev/null >/dev/null 2>>/var/log/mysql/error.log &
}
{
    rm -f /var/lib/postgresql/15/main/postmaster.pid
    install -d -o postgres -g postgres -m 2775 /run/postgresql
    pg_ctlcluster 15 main start || log "postgresql failed to start"
} &
# Postfix and Dovecot daemonize; sshd as PID 1 reaps them too.
postfix start 2>/dev/null || log "postfix failed to start"
dovecot || log "dovecot failed to start"
exec /usr/sbin/sshd -D -e
'
exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 HOME=/root TERM=dumb \
    chroot "$M" /bin/sh -c "$BOOT"
