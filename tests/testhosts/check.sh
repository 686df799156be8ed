#!/bin/bash
# check.sh  --  smoke test of the running test hosts, over ssh with the state dir's
# ssh_config (strict host key checking), doing what hsadmin will do to a real server:
# users + crontabs, quota, an apache vhost, a DNS zone served by named, restic, Postfix and Dovecot, and a
# MariaDB and a PostgreSQL user + database reached from the machine over TCP with its
# password. Passwords go through stdin and 0600 files, never argv.
# One line per check and host; exits non-zero if any check fails. Removes what it
# created (also before starting, in case an earlier run was interrupted).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ -f "$STATE/hosts.env" ] || die "no $STATE/hosts.env; run up.sh first"
# shellcheck disable=SC1091
. "$STATE/hosts.env"

U=hschk-web              # test user
DOM=hschk.example.org    # test vhost and zone
ZONEFILE=/etc/bind/db.$DOM
DBU=hschk                # test database user (MariaDB and PostgreSQL)
DB=hschk_db              # test database

# Idempotent: safe on a clean host and after an interrupted run.
CLEANUP="
crontab -r -u $U 2>/dev/null
if id $U >/dev/null 2>&1; then setquota -u $U 0 0 0 0 /home; userdel -r $U 2>/dev/null; fi
if [ -e /etc/apache2/sites-enabled/$DOM.conf ]; then a2dissite -q $DOM && apache2ctl graceful; fi
rm -rf /etc/apache2/sites-available/$DOM.conf /var/www/hschk
if grep -q hsadmin-check /etc/bind/named.conf.local; then
    sed -i '/hsadmin-check-begin/,/hsadmin-check-end/d' /etc/bind/named.conf.local
    rndc reload >/dev/null 2>&1
fi
rm -f $ZONEFILE /tmp/hschk-bad.zone
mariadb -e \"DROP DATABASE IF EXISTS $DB; DROP USER IF EXISTS '$DBU'@'127.%'\" 2>/dev/null
(cd / && runuser -u postgres -- psql -qX -c 'DROP DATABASE IF EXISTS $DB' -c 'DROP ROLE IF EXISTS $DBU') >/dev/null 2>&1
true"

# The zone is test data only: 192.0.2.0/24 is TEST-NET, nothing ever connects to it.
ZONE="\$TTL 300
@   IN SOA ns1.$DOM. hostmaster.$DOM. ( 1 3600 600 86400 300 )
    IN NS  ns1.$DOM.
ns1 IN A   192.0.2.1
www IN A   192.0.2.10"

# check_host NAME ADDR: runs every check on one host, prints one line per check,
# returns the number of failures.
check_host() {
    local name=$1 addr=$2 fails=0 out t0
    run() { ssh_host "$name" "$@" 2>&1; }
    # result LABEL CONDITION-EXIT-CODE OUTPUT
    result() {
        if [ "$2" = 0 ]; then
            printf 'ok    %-4s %-52s %ss\n' "$name" "$1" "$(elapsed "$t0")"
        else
            printf 'FAIL  %-4s %-52s %s\n' "$name" "$1" "$(tr '\n' ' ' <<<"$3" | cut -c1-300)"
            fails=$((fails + 1))
        fi
    }

    run "$CLEANUP" >/dev/null || true

    t0=$(now)
    out=$(run hostname) && [ "$out" = "$name" ]
    result "ssh login, verified host key, hostname" $? "$out"

    t0=$(now)
    out=$(run "useradd -m $U && echo '*/5 * * * * true' | crontab -u $U - && crontab -u $U -l") &&
        grep -qxF '*/5 * * * * true' <<<"$out"
    result "useradd + crontab -u $U -" $? "$out"

    t0=$(now)
    out=$(run "setquota -u $U 100M 120M 0 0 /home && quota -v -u $U") &&
        grep -q ' 102400 *122880 ' <<<"$out"
    result "setquota + quota -v -u (102400/122880)" $? "$out"

    t0=$(now)
    out=$(run "mkdir -p /var/www/hschk && echo 'hschk $name' >/var/www/hschk/index.html &&
        printf '<VirtualHost *:80>\n\tServerName $DOM\n\tDocumentRoot /var/www/hschk\n</VirtualHost>\n' \
            >/etc/apache2/sites-available/$DOM.conf &&
        a2ensite -q $DOM && apache2ctl configtest && apache2ctl graceful") &&
        grep -q 'Syntax OK' <<<"$out"
    result "vhost + a2ensite + apache2ctl configtest" $? "$out"

    # graceful returns before the workers have the new config: retry briefly.
    t0=$(now)
    local i
    for i in $(seq 30); do
        out=$(curl -sS --max-time 2 -H "Host: $DOM" "http://$addr/" 2>&1) && [ "$out" = "hschk $name" ] && break
        sleep 0.1
    done
    [ "$out" = "hschk $name" ]
    result "curl -H 'Host: $DOM' http://$addr/" $? "$out"

    t0=$(now)
    out=$(run "cat >$ZONEFILE <<'EOF'
$ZONE
EOF
        named-checkzone -k fail $DOM $ZONEFILE &&
        printf '%s\n' \"\\\$TTL 300\" '@ IN SOA ns1 hm 1 3600 600 86400 300' '@ IN NS ns1' 'ns1 IN A 192.0.2.999' >/tmp/hschk-bad.zone &&
        if named-checkzone -k fail $DOM /tmp/hschk-bad.zone; then echo 'bad zone passed'; exit 1; fi") &&
        grep -q '^OK$' <<<"$out" && grep -q 'bad dotted quad' <<<"$out"
    result "named-checkzone (good OK, bad rejected)" $? "$out"

    t0=$(now)
    out=$(run "printf '%s\n' '// hsadmin-check-begin' 'zone \"$DOM\" { type master; file \"$ZONEFILE\"; };' '// hsadmin-check-end' \
            >>/etc/bind/named.conf.local &&
        rndc reload 2>/dev/null &&
        for i in \$(seq 30); do
            a=\$(dig +short +time=1 +tries=1 @$addr www.$DOM A) && [ \"\$a\" = 192.0.2.10 ] && { echo \"answer \$a\"; exit 0; }
            sleep 0.1
        done; echo \"no answer: \$a\"; exit 1") &&
        grep -q 'answer 192.0.2.10' <<<"$out"
    result "rndc reload + dig @$addr www.$DOM" $? "$out"

    t0=$(now)
    out=$(run "restic version") && grep -q '^restic 0\.' <<<"$out"
    result "restic version" $? "$out"

    # Mail: Postfix and Dovecot on the host's own address only, their checks clean, and an SMTP
    # session from the machine that a local recipient passes.
    t0=$(now)
    out=$(run 'postfix check 2>&1 && doveconf -n > /dev/null && command -v procmail mlmmj-make-ml swaks') && [ "$(wc -l <<<"$out")" = 3 ]
    result "postfix check, doveconf -n, procmail, mlmmj, swaks" $? "$out"
    t0=$(now)
    out=$(ss -Hlnt '( sport = :25 or sport = :143 or sport = :110 )' | awk '{ print $4 }' | sort)
    grep -qxF "$addr:25" <<<"$out" && grep -qxF "$addr:143" <<<"$out" && ! grep -qvE '^127\.0\.0\.[0-9]+:' <<<"$out"
    result "postfix, dovecot listen on $addr only" $? "$out"
    t0=$(now)
    out=$(swaks --server "$addr" --to root@localhost --from check@example.org --quit-after RCPT 2>&1) && grep -q '250 2.1.5' <<<"$out"
    result "smtp to $addr:25, RCPT root@localhost accepted" $? "$(tail -n 3 <<<"$out")"

    # The databases. Root reaches each engine on the host through its unix socket (MariaDB
    # unix_socket auth, PostgreSQL peer as postgres); the new user logs in from the
    # machine over TCP with a password that only ever travels in stdin and 0600 files.
    local pw my_ok my_bad pg_ok
    pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    my_ok=$tmp/$name.my.cnf my_bad=$tmp/$name.bad.my.cnf pg_ok=$tmp/$name.pgpass
    (
        umask 077
        printf '[client]\nuser=%s\npassword=%s\n' "$DBU" "$pw" >"$my_ok"
        printf '[client]\nuser=%s\npassword=%s\n' "$DBU" "wrong-$pw" >"$my_bad"
        printf '%s:5432:%s:%s:%s\n' "$addr" "$DB" "$DBU" "$pw" >"$pg_ok"
    )

    t0=$(now)
    out=$(ss -Hlnt '( sport = :3306 or sport = :5432 )' | awk '{ print $4 }' | sort)
    grep -qxF "$addr:3306" <<<"$out" && grep -qxF "$addr:5432" <<<"$out" && ! grep -qvE '^127\.0\.0\.[0-9]+:' <<<"$out"
    result "mariadb, postgresql listen on $addr only" $? "$out"

    t0=$(now)
    out=$(run 'ls "$(mariadb -NBe "SELECT @@plugin_dir")"/auth_ed25519.so && mariadb -NBe "SELECT VERSION()"' 2>&1) &&
        grep -q 'auth_ed25519.so$' <<<"$out" && grep -q '^10\.11\.' <<<"$out"
    result "mariadb 10.11 as root (socket), auth_ed25519.so" $? "$out"

    t0=$(now)
    out=$(run mariadb <<<"CREATE USER '$DBU'@'127.%' IDENTIFIED BY '$pw'; CREATE DATABASE $DB;
        GRANT ALL ON $DB.* TO '$DBU'@'127.%';" 2>&1 &&
        mariadb --defaults-extra-file="$my_ok" -h "$addr" -P 3306 -NB "$DB" \
            -e 'CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1); SELECT COUNT(*) FROM t' 2>&1) &&
        [ "$out" = 1 ]
    result "mariadb: user + db, TCP login from the machine" $? "$out"

    t0=$(now)
    if out=$(mariadb --defaults-extra-file="$my_bad" -h "$addr" -P 3306 "$DB" -e 'SELECT 1' 2>&1); then false
    else grep -q 'Access denied' <<<"$out"; fi
    result "mariadb: wrong password refused" $? "$out"

    t0=$(now)
    out=$(run "cd / && runuser -u postgres -- psql -qXAt -v ON_ERROR_STOP=1" <<<"CREATE ROLE $DBU LOGIN PASSWORD '$pw';
        CREATE DATABASE $DB OWNER $DBU;
        SELECT 'version ' || current_setting('server_version');
        SELECT 'scram ' || (rolpassword LIKE 'SCRAM-SHA-256\$%') FROM pg_authid WHERE rolname = '$DBU';" 2>&1) &&
        grep -q '^version 15\.' <<<"$out" && grep -qx 'scram true' <<<"$out" &&
        out=$(PGPASSFILE=$pg_ok psql -qXAt -v ON_ERROR_STOP=1 "host=$addr port=5432 dbname=$DB user=$DBU" \
            -c 'CREATE TABLE t (id int PRIMARY KEY)' -c 'INSERT INTO t VALUES (1)' -c 'SELECT count(*) FROM t' 2>&1) &&
        [ "$out" = 1 ]
    result "postgresql 15: role + db (scram), TCP login" $? "$out"

    t0=$(now)
    if out=$(PGPASSFILE=/dev/null PGPASSWORD=wrong-$pw psql -qXAt "host=$addr port=5432 dbname=$DB user=$DBU" -c 'SELECT 1' 2>&1); then false
    else grep -q 'password authentication failed' <<<"$out"; fi
    result "postgresql: wrong password refused" $? "$out"

    t0=$(now)
    out=$(run "$CLEANUP") && ! run "id $U" >/dev/null &&
        [ "$(run "mariadb -NBe \"SELECT COUNT(*) FROM mysql.user WHERE user = '$DBU'\"")" = 0 ] &&
        [ "$(run "cd / && runuser -u postgres -- psql -XAt -c \"SELECT count(*) FROM pg_roles WHERE rolname = '$DBU'\"")" = 0 ]
    result "cleanup" $? "$out"
    return "$fails"
}

T0=$(now)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Hosts in parallel (one OpenSSH login costs ~0.2 s), output kept in host order.
pids=()
for i in $(seq "$TESTHOST_COUNT"); do
    name=h$i
    addr_var=H${i}_ADDR
    (
        set +e
        check_host "$name" "${!addr_var}" >"$tmp/$name.out"
        echo $? >"$tmp/$name.rc"
    ) &
    pids+=($!)
done
wait "${pids[@]}" || true

failed=0 total=0
for i in $(seq "$TESTHOST_COUNT"); do
    cat "$tmp/h$i.out"
    total=$((total + $(wc -l <"$tmp/h$i.out")))
    failed=$((failed + $(cat "$tmp/h$i.rc" 2>/dev/null || echo 1)))
done
echo "check: $((total - failed)) passed, $failed failed ($TESTHOST_COUNT hosts, $(elapsed "$T0") s)"
[ "$failed" = 0 ]
