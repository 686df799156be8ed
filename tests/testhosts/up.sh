#!/bin/bash
# up.sh [N]  --  start N (default 3) real Debian test servers h1..hN on 127.0.0.11.. .
#
# Installs what the machine lacks, builds the cached rootfs if needed (~1 min, once),
# stops hosts left over from a previous run, then starts fresh hosts and waits until a
# real ssh login with a verified host key works on each. See README.md.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# The rootfs recipe. Changing the package list (or RECIPE, for the post-debootstrap
# steps below) changes the stamp and so rebuilds the rootfs on the next up.
SUITE=bookworm
RECIPE=5
PKGS=(openssh-server apache2 cron quota bind9 bind9-utils bind9-dnsutils restic sudo passwd
    tar zstd rsync python3 procps iproute2 e2fsprogs curl ca-certificates
    mariadb-server mariadb-client postgresql postgresql-client)
# Installed after debootstrap, into the finished tree, with services kept from starting and
# Postfix preseeded (testhosts.md): the mail role's parts.
MAIL_PKGS=(postfix dovecot-imapd dovecot-pop3d procmail mlmmj swaks)
MACHINE_PKGS=(debootstrap openssh-client e2fsprogs bind9-utils zstd sqlite3 libxml2-utils
    curl iproute2 procps mariadb-client postgresql-client swaks)
STAMP_REL=etc/hsadmin-testhost.stamp
HOME_SIZE=${TESTHOST_HOME_SIZE:-2G}

stamp_text() {
    printf 'suite=%s\nrecipe=%s\npackages=%s %s\n' "$SUITE" "$RECIPE" "${PKGS[*]}" "${MAIL_PKGS[*]}"
}

# ---------------------------------------------------------------------------------------
# __build TARGET MIRROR: runs inside a private mount+uts+pid namespace (see build_rootfs), so
# the proc/sys mounts debootstrap makes in the target, and any daemon a package's
# postinst might start, vanish with it -- even if the build is killed.
if [ "${1:-}" = __build ]; then
    T=$2 MIRROR=$3
    # Own uts namespace (see build_rootfs): what postinsts record of the hostname (the
    # snakeoil certificate, mariadb-install-db's proxies_priv row) is not the machine's.
    hostname localhost
    debootstrap --variant=minbase --include="$(IFS=,; echo "${PKGS[*]}")" \
        "$SUITE" "$T" "$MIRROR"
    chroot "$T" apt-get clean
    # Each host gets its own ed25519 host key and rndc key; never share the build's.
    rm -f "$T"/etc/ssh/ssh_host_* "$T/etc/bind/rndc.key"
    cat >"$T/etc/ssh/sshd_config.d/hsadmin-testhost.conf" <<'EOF'
# hsadmin test host (tests/testhosts/up.sh)
PermitRootLogin prohibit-password
PasswordAuthentication no
UseDNS no
# The default 10:30:100 drops connections at random when tests connect in parallel.
MaxStartups 200:30:400
MaxSessions 100
EOF
    echo 'ServerName localhost' >"$T/etc/apache2/conf-available/servername.conf"
    ln -sf ../conf-available/servername.conf "$T/etc/apache2/conf-enabled/servername.conf"
    # Mail: Postfix (preseeded), Dovecot, procmail, mlmmj and swaks, installed with no service
    # started (policy-rc.d says 101) and proc mounted for the postinsts.
    printf '#!/bin/sh\nexit 101\n' >"$T/usr/sbin/policy-rc.d"
    chmod 755 "$T/usr/sbin/policy-rc.d"
    printf '%s\n' 'postfix postfix/main_mailer_type select Internet Site' 'postfix postfix/mailname string localhost' |
        chroot "$T" debconf-set-selections
    mount -t proc proc "$T/proc"
    chroot "$T" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive chroot "$T" apt-get install -y -qq --no-install-recommends "${MAIL_PKGS[@]}" >/dev/null
    umount "$T/proc"
    chroot "$T" apt-get clean
    # Postfix: local delivery only as the mail role will set it up; inet_interfaces is per host.
    chroot "$T" postconf -e 'inet_protocols = ipv4' 'mydestination = $myhostname, localhost' 'smtputf8_enable = no'
    # No init system in the hosts: without this invoke-rc.d (and so `service`) refuses.
    printf '#!/bin/sh\nexit 0\n' >"$T/usr/sbin/policy-rc.d"
    chmod 755 "$T/usr/sbin/policy-rc.d"
    # MariaDB: small InnoDB files and buffers (a test host holds a few tiny databases),
    # and a log file that can be read from the machine. The per-host bind-address is in
    # 99-hsadmin-host.cnf, written into upper/ by prepare_host.
    cat >"$T/etc/mysql/mariadb.conf.d/90-hsadmin-testhost.cnf" <<'EOF'
# hsadmin test host (tests/testhosts/up.sh)
[mariadbd]
port                    = 3306
skip-name-resolve
log-error               = /var/log/mysql/error.log
innodb_buffer_pool_size = 32M
innodb_log_file_size    = 8M
performance_schema      = OFF
EOF
    # Re-create the data dir the postinst made with the 96 MB default redo log, so no host
    # copies a 96 MB file up into its overlay on first write. root@localhost keeps
    # Debian's unix_socket authentication; there is no root password anywhere.
    rm -rf "${T:?}"/var/lib/mysql
    chroot "$T" install -d -o mysql -g mysql -m 700 /var/lib/mysql
    chroot "$T" mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db \
        --auth-root-authentication-method=socket >/dev/null
    # PostgreSQL 15, cluster main (made by the postinst): scram only over TCP, peer on
    # the socket, nothing that trusts. listen_addresses is per host (prepare_host).
    cat >"$T/etc/postgresql/15/main/conf.d/90-hsadmin-testhost.conf" <<'EOF'
# hsadmin test host (tests/testhosts/up.sh)
port = 5432
password_encryption = scram-sha-256
shared_buffers = 16MB
EOF
    cat >"$T/etc/postgresql/15/main/pg_hba.conf" <<'EOF'
# hsadmin test host (tests/testhosts/up.sh): peer on the socket, scram over TCP, no trust.
# TYPE  DATABASE  USER      ADDRESS       METHOD
local   all       postgres                peer
local   all       all                     peer
host    all       all       127.0.0.0/8   scram-sha-256
EOF
    chroot "$T" chown postgres:postgres /etc/postgresql/15/main/pg_hba.conf
    chmod 640 "$T/etc/postgresql/15/main/pg_hba.conf"
    stamp_text >"$T/$STAMP_REL"
    exit 0
fi

N=${1:-3}
[[ $N =~ ^[1-9][0-9]?$ ]] || die "usage: up.sh [N]  (N = number of hosts, 1..99)"
need_root
[[ $STATE =~ [[:space:]] ]] && die "TESTHOST_STATE must not contain whitespace: $STATE"
T_START=$(now)

# ---------------------------------------------------------------------------------------
install_machine_packages() {
    local p installed missing=()
    installed=" $(dpkg-query -W -f='${db:Status-Abbrev}${Package} ' "${MACHINE_PKGS[@]}" 2>/dev/null || true)"
    for p in "${MACHINE_PKGS[@]}"; do
        [[ $installed == *" ii $p "* ]] || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing machine packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

debian_mirror() {
    local u=""
    if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
    # The first URIs: line that is not the security archive is the main archive.
    [ -r /etc/apt/sources.list.d/debian.sources ] &&
        u=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
    [ -n "$u" ] || u=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' \
        /etc/apt/sources.list 2>/dev/null || true)
    echo "${u:-http://deb.debian.org/debian}"
}

# Host processes of any state dir whose overlay uses $ROOTFS as its lower layer.
hosts_using_rootfs() {
    local p
    for p in $(host_unshare_pids); do
        [ "$(host_arg "$p" 4)" = "$ROOTFS" ] && echo "$p ($(host_arg "$p" 1))"
    done
    return 0
}

build_rootfs() {
    local tmp old mirror t0 users bpid
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.lock"
    flock 9   # one builder at a time per cache
    if [ -f "$ROOTFS/$STAMP_REL" ] && [ "$(cat "$ROOTFS/$STAMP_REL")" = "$(stamp_text)" ]; then
        exec 9>&-
        return 0
    fi
    # $ROOTFS is the overlays' lower layer: changing it under running hosts is undefined.
    users=$(hosts_using_rootfs)
    [ -z "$users" ] || die "rootfs needs a rebuild but hosts still use it (run their down.sh): ${users//$'\n'/, }"
    # Leftovers of an interrupted build. Nothing is mounted in them (the build's mounts
    # lived in its own namespace), --one-file-system just makes sure of it.
    rm -rf --one-file-system "$CACHE"/rootfs.new.* "$CACHE"/rootfs.old.*
    tmp=$CACHE/rootfs.new.$$
    mirror=$(debian_mirror)
    t0=$(now)
    log "building $SUITE rootfs from $mirror (about 1 min; log: $CACHE/build.log)"
    unshare --mount --uts --pid --fork --kill-child "$TESTHOSTS_DIR/up.sh" __build "$tmp" "$mirror" \
        >"$CACHE/build.log" 2>&1 &
    bpid=$!
    # unshare --fork blocks TERM and debootstrap is PID 1 of the build's pid namespace:
    # without this trap, killing up.sh would leave the build running with no owner.
    # KILLing the unshare takes the whole build namespace down (--kill-child).
    trap 'kill -KILL $bpid 2>/dev/null; sleep 0.2; rm -rf --one-file-system "$tmp" 2>/dev/null; die "rootfs build interrupted"' INT TERM HUP
    if ! wait "$bpid"; then
        tail -n 30 "$CACHE/build.log" >&2
        rm -rf --one-file-system "$tmp"
        die "rootfs build failed (full log: $CACHE/build.log)"
    fi
    trap - INT TERM HUP
    # Rename into place so an interrupted build never leaves a half rootfs at $ROOTFS.
    if [ -d "$ROOTFS" ]; then
        old=$CACHE/rootfs.old.$$
        mv -T "$ROOTFS" "$old"
    fi
    mv -T "$tmp" "$ROOTFS"
    [ -n "${old:-}" ] && rm -rf --one-file-system "$old"
    log "rootfs built in $(elapsed "$t0") s ($(du -sh "$ROOTFS" | cut -f1))"
    exec 9>&-
}

# ---------------------------------------------------------------------------------------
# Refuse early, with the reason, instead of timing out on a host whose sshd/apache/named
# cannot bind: another state dir's hosts on our addresses, or machine services listening
# on all addresses on the ports the hosts need (ssh, dns, http, rndc, mariadb, postgresql).
check_addresses_free() {
    local i addr p other busy ours
    for p in $(host_unshare_pids); do
        other=$(host_arg "$p" 1)
        case "$other" in "$STATE"/hosts/*) continue ;; esac
        addr=$(host_arg "$p" 2)
        for i in $(seq "$N"); do
            [ "$addr" = "127.0.0.$((10 + i))" ] &&
                die "$addr is used by a test host of another state dir ($other); stop it with its down.sh"
        done
    done
    ours=$(seq -s, 11 $((10 + N)) | sed 's/[0-9]\+/127.0.0.&/g')
    busy=$(ss -Hlntu | awk -v ours="$ours" '
        BEGIN { n = split(ours, a, ","); for (k = 1; k <= n; k++) mine[a[k]] = 1 }
        {
            port = $5; sub(/.*:/, "", port); host = substr($5, 1, length($5) - length(port) - 1)
            if ((port == 22 || port == 25 || port == 53 || port == 80 || port == 110 || port == 143 || port == 953 || port == 993 || port == 995 || port == 3306 || port == 5432) &&
                (host in mine || host == "0.0.0.0" || host == "*" || host == "[::]")) print "  " $1 " " $5
        }' | sort -u)
    [ -z "$busy" ] || die "ports the test hosts need are taken on this machine:
$busy
(a machine service listening on all addresses collides with the hosts' 127.0.0.1x binds)"
}

# Create directories in a host's upper/ with the owner and mode they have in the rootfs:
# in an overlay an upper dir's attributes win, so a plain `mkdir -p upper/root/.ssh`
# would turn the host's /root from 0700 into 0755.
upper_mkdir() {
    local up=$1 rel=$2 path="" comp
    local -a comps
    IFS=/ read -ra comps <<<"$rel"
    for comp in "${comps[@]}"; do
        [ -n "$comp" ] || continue
        path+=/$comp
        [ -d "$up$path" ] && continue
        mkdir "$up$path"
        if [ -d "$ROOTFS$path" ]; then
            chown --reference="$ROOTFS$path" "$up$path"
            chmod --reference="$ROOTFS$path" "$up$path"
        fi
    done
}

# upper_file UPPER REL MODE < content. Owner follows the rootfs file if there is one
# (e.g. root:bind for /etc/bind/*), root otherwise.
upper_file() {
    local up=$1 rel=$2 mode=$3
    upper_mkdir "$up" "$(dirname "$rel")"
    cat >"$up/$rel"
    chmod "$mode" "$up/$rel"
    if [ -e "$ROOTFS/$rel" ]; then chown --reference="$ROOTFS/$rel" "$up/$rel"; else chown 0:0 "$up/$rel"; fi
}

prepare_host() {
    local i=$1 name=h$1 addr dir up j
    addr=$(host_addr "$name")
    dir=$(host_dir "$name")
    up=$dir/upper
    rm -rf --one-file-system "$dir"
    mkdir -p "$up" "$dir/work" "$dir/merged"
    : >"$dir/console.log"

    # /home: a sparse ext4 image, so quota tools have a real usrquota,grpquota mount.
    # Lazy init keeps mkfs from writing the inode tables and journal: it stays sparse.
    truncate -s "$HOME_SIZE" "$dir/home.img"
    mkfs.ext4 -q -F -m 0 -L home -E lazy_itable_init=1,lazy_journal_init=1,nodiscard "$dir/home.img"

    upper_mkdir "$up" etc/ssh
    ssh-keygen -q -t ed25519 -N '' -C "root@$name" -f "$up/etc/ssh/ssh_host_ed25519_key"
    upper_file "$up" etc/ssh/sshd_config.d/hsadmin-host.conf 644 <<EOF
# The hosts share the machine's network stack: each listens on its own address only.
ListenAddress $addr:22
HostKey /etc/ssh/ssh_host_ed25519_key
EOF
    upper_mkdir "$up" root
    install -d -m 700 -o 0 -g 0 "$up/root/.ssh"
    upper_file "$up" root/.ssh/authorized_keys 600 <"$STATE/id_ed25519.pub"
    echo "$name" | upper_file "$up" etc/hostname 644
    {
        printf '127.0.0.1\tlocalhost\n%s\t%s\n' "$addr" "$name"
        for j in $(seq "$N"); do [ "$j" = "$i" ] || printf '127.0.0.%s\th%s\n' $((10 + j)) "$j"; done
        printf '::1\tlocalhost ip6-localhost ip6-loopback\n'
    } | upper_file "$up" etc/hosts 644
    upper_file "$up" etc/apache2/ports.conf 644 <<EOF
# hsadmin test host $name: the hosts share one network stack, so no wildcard Listen.
Listen $addr:80
<IfModule ssl_module>
	Listen $addr:443
</IfModule>
<IfModule mod_gnutls.c>
	Listen $addr:443
</IfModule>
EOF
    # named: own address only (all hosts share port 53 and 953 on the machine), no
    # recursion and no DNSSEC trust-anchor upkeep, so it never sends queries off this
    # machine. The controls need rndc.key included first, or named refuses to start.
    upper_file "$up" etc/bind/named.conf.options 644 <<EOF
// hsadmin test host $name (tests/testhosts/up.sh)
options {
	directory "/var/cache/bind";
	listen-on port 53 { $addr; };
	listen-on-v6 { none; };
	recursion no;
	dnssec-validation no;
	notify no;
};
include "/etc/bind/rndc.key";
controls {
	inet $addr port 953 allow { $addr; } keys { "rndc-key"; };
};
EOF
    upper_file "$up" etc/bind/rndc.conf 640 <<EOF
include "/etc/bind/rndc.key";
options {
	default-key "rndc-key";
	default-server $addr;
	default-port 953;
};
EOF
    # MariaDB and PostgreSQL: own address only, like named (the hosts share 3306 and 5432).
    upper_file "$up" etc/mysql/mariadb.conf.d/99-hsadmin-host.cnf 644 <<EOF
# hsadmin test host $name (tests/testhosts/up.sh): the hosts share one network stack.
[mariadbd]
bind-address = $addr
EOF
    upper_file "$up" etc/postgresql/15/main/conf.d/99-hsadmin-host.conf 644 <<EOF
# hsadmin test host $name (tests/testhosts/up.sh): the hosts share one network stack.
listen_addresses = '$addr'
EOF
    # Postfix and Dovecot: own address only, like the others (the hosts share 25, 110, 143, 993, 995).
    upper_mkdir "$up" etc/postfix
    # No reverse lookups of SMTP clients: the hosts have no resolver of their own, and each lookup
    # would hold the greeting for seconds. mynetworks is the host's own address only.
    {
        grep -v -e '^inet_interfaces *=' -e '^myhostname *=' -e '^mynetworks *=' "$ROOTFS/etc/postfix/main.cf"
        printf '\n# hsadmin test host %s (tests/testhosts/up.sh): the hosts share one network stack, so only the\n' "$name"
        printf '# host itself is a trusted client (the machine and the other hosts come from 127.0.0.1 and may not relay).\n'
        printf 'inet_interfaces = %s\nmyhostname = %s.test\nsmtpd_peername_lookup = no\nmynetworks = %s/32\n' "$addr" "$name" "$addr"
    } | upper_file "$up" etc/postfix/main.cf 644
    echo "$name.test" | upper_file "$up" etc/mailname 644
    upper_mkdir "$up" etc/dovecot/conf.d
    upper_file "$up" etc/dovecot/conf.d/99-hsadmin-host.conf 644 <<EOF
# hsadmin test host $name (tests/testhosts/up.sh): the hosts share one network stack.
listen = $addr
EOF
    # rndc.conf is new in upper; give it named's group like rndc.key.
    chown "0:$(awk -F: '$1 == "bind" { print $3 }' "$ROOTFS/etc/group")" "$up/etc/bind/rndc.conf"
}

write_client_files() {
    local i name addr
    {
        for i in $(seq "$N"); do
            addr=127.0.0.$((10 + i))
            echo "$addr $(cut -d' ' -f1,2 "$STATE/hosts/h$i/upper/etc/ssh/ssh_host_ed25519_key.pub")"
        done
    } >"$STATE/known_hosts"
    {
        echo "# Written by tests/testhosts/up.sh: ssh -F $SSH_CONFIG h1 CMD"
        for i in $(seq "$N"); do printf 'Host h%s\n    HostName 127.0.0.%s\n' "$i" $((10 + i)); done
        cat <<EOF
Host *
    User root
    IdentityFile $STATE/id_ed25519
    IdentitiesOnly yes
    IdentityAgent none
    UserKnownHostsFile $STATE/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    UpdateHostKeys no
    BatchMode yes
    ConnectTimeout 5
    LogLevel ERROR
EOF
    } >"$SSH_CONFIG"
    {
        echo "TESTHOST_COUNT=$N"
        echo "TESTHOST_STATE=$STATE"
        echo "TESTHOST_SSH_CONFIG=$SSH_CONFIG"
        echo "TESTHOST_KEY=$STATE/id_ed25519"
        echo "TESTHOST_KNOWN_HOSTS=$STATE/known_hosts"
        for i in $(seq "$N"); do
            echo "H${i}_NAME=h$i"
            echo "H${i}_ADDR=127.0.0.$((10 + i))"
        done
    } >"$STATE/hosts.env"
    cat >"$STATE/hsadmin.toml" <<EOF
[ssh]
user = "root"
identity_file = "$STATE/id_ed25519"
known_hosts = "$STATE/known_hosts"
connect_timeout_secs = 5
jobs = 8
EOF
}

# ---------------------------------------------------------------------------------------
install_machine_packages
build_rootfs

# Idempotent: hosts of a previous up (any count) are stopped and replaced by fresh ones.
mkdir -p "$STATE/hosts"
old_dirs=()
for d in "$STATE"/hosts/h*; do [ -d "$d" ] && old_dirs+=("$d"); done
stop_host_dirs "${old_dirs[@]+"${old_dirs[@]}"}"
# Deleting old host dirs waits on the disk (~0.1-0.5 s when the machine is busy): move
# them aside and delete them while the new hosts boot.
for t in "$STATE"/trash.*; do   # left by an interrupted up.sh
    if [ -d "$t" ]; then rm -rf --one-file-system "$t"; fi
done
rm_pid=""
if [ ${#old_dirs[@]} -gt 0 ]; then
    trash=$STATE/trash.$$
    mkdir "$trash"
    mv "${old_dirs[@]}" "$trash/"
    rm -rf --one-file-system "$trash" &
    rm_pid=$!
fi
left=$(leftovers)
[ -z "$left" ] || die "could not clean up the previous run:
$left"
check_addresses_free

# The client key survives ups, so a developer's ssh setup keeps working.
[ -f "$STATE/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "hsadmin-testhosts" -f "$STATE/id_ed25519"

T_HOSTS=$(now)
# In parallel: mkfs and ssh-keygen dominate and the hosts are independent.
pids=()
for i in $(seq "$N"); do
    prepare_host "$i" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || die "preparing the hosts failed"; done
write_client_files
for i in $(seq "$N"); do launch_host "h$i"; done

names=()
for i in $(seq "$N"); do names+=("h$i"); done
if ! wait_ready "${names[@]}"; then
    if [ "${TESTHOST_KEEP_ON_FAIL:-0}" != 1 ]; then
        dirs=()
        for n in "${names[@]}"; do dirs+=("$(host_dir "$n")"); done
        stop_host_dirs "${dirs[@]}"
        log "hosts stopped again (TESTHOST_KEEP_ON_FAIL=1 keeps them for inspection)"
    fi
    die "test hosts did not come up"
fi

if [ -n "$rm_pid" ]; then wait "$rm_pid" || true; fi
log "$N hosts up in $(elapsed "$T_START") s (hosts $(elapsed "$T_HOSTS") s): ${names[*]} on 127.0.0.11..127.0.0.$((10 + N))"
log "use: ssh -F $SSH_CONFIG h1   |   env: $STATE/hosts.env   |   hsadmin: $STATE/hsadmin.toml"
