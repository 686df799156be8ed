#!/bin/sh
# scrub.sh -- run ON a test host (ssh h1 sh -s < scrub.sh): removes everything of hsadmin's kinds, by hand
# (hsadmin itself removes only what its own ledger created): every account and group in the managed uid
# range with its processes and crontab, every hsadmin-* vhost, the homes, the per-domain logs and the traffic
# log with its rotated copies, quota limits left on ids in the range, the ssl module a test enabled, the name
# service's include, zones and secondary copies, the backup repositories, accounts and restores, the mail
# role's tables and settings, and test leftovers. Used by the end-to-end tests
# (tests/common) and the apply benchmark.
set -e
for u in $(awk -F: '$3 >= 100000 && $3 <= 999999 { print $1 }' /etc/passwd); do
    pkill -KILL -u "$u" || true
    crontab -r -u "$u" 2> /dev/null || true
    userdel "$u" 2> /dev/null || userdel "$u"
done
for g in $(awk -F: '$3 >= 100000 && $3 <= 999999 { print $1 }' /etc/group); do groupdel "$g"; done
# Crontabs of accounts that are gone already (nobody but root has one on a clean test host).
find /var/spool/cron/crontabs -type f ! -name root -delete
rm -f /etc/apache2/sites-enabled/hsadmin-* /etc/apache2/sites-available/hsadmin-*
rm -rf --one-file-system /home/pacs/* /var/log/apache2/hsadmin/* /run/hsadmin-* /var/tmp/hsadmin-*
rm -f /var/log/apache2/hsadmin-traffic.log /var/log/apache2/hsadmin-traffic.log.*
sync
quotacheck -ugm /home
for kind in u g; do
    repquota -v -$kind -n /home | awk '$1 ~ /^#[0-9]+$/ { id = substr($1, 2) + 0; if (id >= 100000 && id <= 999999) print id }' |
        while read -r id; do setquota -$kind "$id" 0 0 0 0 /home; done
done
if [ -e /etc/apache2/mods-enabled/ssl.load ]; then a2dismod -q -f ssl > /dev/null; fi
if [ -e /run/apache2/apache2.pid ]; then apache2ctl graceful > /dev/null; else apache2ctl start > /dev/null; fi
sed -i '/ \/\/ hsadmin$/d' /etc/bind/named.conf.local
rm -f /etc/bind/named.conf.hsadmin-primary /etc/bind/named.conf.hsadmin-secondary
rm -rf /var/lib/hsadmin/zones /var/cache/bind/hsadmin
rndc reconfig > /dev/null
# Databases: every user and database that is not the engine's own, hsadmin's marker database with them.
printf '%s\n' "SELECT CONCAT('DROP USER ', QUOTE(User), '@', QUOTE(Host), ';') FROM mysql.global_priv WHERE Host <> 'localhost';" \
    "SELECT CONCAT('DROP DATABASE \`', SCHEMA_NAME, '\`;') FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys');" |
    mariadb --batch --skip-column-names | mariadb
hs_psql() { (cd / && runuser -u postgres -- psql -X -q -A -t "$@"); }
printf '%s\n' "SELECT format('DROP DATABASE %I WITH (FORCE);', datname) FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1');" \
    "SELECT format('DROP ROLE %I;', rolname) FROM pg_roles WHERE rolname !~ '^pg_' AND rolname <> 'postgres';" | hs_psql | hs_psql
rm -f /tmp/hsadmin-robot-*
# Backups: the repositories, keys and accounts of `backup init`, and restores.
rm -rf --one-file-system /home/restore /etc/hsadmin/backup /var/cache/hsadmin /srv/backup /etc/ssh/hsadmin-backup
for u in $(awk -F: '$1 ~ /^hsbackup-/ { print $1 }' /etc/passwd); do
    pkill -KILL -u "$u" || true
    userdel "$u"
done
if [ -e /etc/ssh/sshd_config.d/hsadmin-backup.conf ]; then
    rm -f /etc/ssh/sshd_config.d/hsadmin-backup.conf
    kill -HUP "$(cat /run/sshd.pid)"
fi
# Mail: the mail role's tables and settings, the queue, and what a test broke on purpose.
rm -rf /etc/postfix/hsadmin-* /etc/dovecot/conf.d/90-hsadmin.conf /etc/dovecot/conf.d/91-robot-broken.conf
postconf -X virtual_alias_domains virtual_alias_maps alias_maps alias_database mailbox_command home_mailbox smtpd_reject_unlisted_recipient
postsuper -d ALL > /dev/null 2>&1 || true
postfix reload > /dev/null 2>&1 || postfix start > /dev/null 2>&1 || true
doveadm reload > /dev/null 2>&1 || true
# Mail lists: the spool, the transport and the mlmmj user the role made.
rm -rf --one-file-system /var/spool/mlmmj/*
postconf -X transport_maps mlmmj_destination_recipient_limit allow_mail_to_commands relay_domains relay_recipient_maps
postconf -MX mlmmj/unix 2> /dev/null || true
if id -u mlmmj > /dev/null 2>&1; then pkill -KILL -u mlmmj || true; userdel mlmmj; fi
postfix reload > /dev/null 2>&1 || true
