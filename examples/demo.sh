#!/usr/bin/env bash
# hsadmin end to end against the local Debian test servers: a member joins and pays in shares, gets a
# package with a user, a domain and a cron job on server h1 — and the site answers over HTTP, its zone
# from h1's name server, its mail lands in a Maildir and is read over IMAP — and is invoiced for the
# month: PDF, XRechnung, the DATEV bookings and the SEPA direct debit; then the package is backed up to
# h3 and a lost file restored.
# Usage: examples/demo.sh   (starts the test servers if needed and leaves them running;
#                            stop them with tests/testhosts/down.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release
hsadmin() { printf '\n\033[1m$ hsadmin %s\033[0m\n' "$*" >&2; target/release/hsadmin "$@"; }

state=target/testhosts
if ! [ -f "$state/hosts.env" ] || ! ssh -F "$state/ssh_config" h1 true 2>/dev/null; then
    tests/testhosts/up.sh 3
fi

# A fresh ledger owns nothing on h1: clear what an earlier demo or test left there (hsadmin removes only
# what its own ledger created).
ssh -F "$state/ssh_config" h1 sh -s < tests/testhosts/scrub.sh

demo=target/demo
rm -rf "$demo" && mkdir -p "$demo"
export HSADMIN_LEDGER="$demo/ledger.db" HSADMIN_CONFIG="$demo/hsadmin.toml"
cp "$state/hsadmin.toml" "$HSADMIN_CONFIG"     # [ssh] user, key and known_hosts of the test servers

hsadmin init
hsadmin member add 10001 --prefix xyz --name "Erika Mustermann" --email erika@example.org --since 2026-01-01 \
    --street "Hauptstr. 1" --zipcode 20095 --city Hamburg --country DE
hsadmin share subscribe 10001 --count 2 --date 2026-01-01 --reference SUB-2026-0001
hsadmin asset deposit 10001 --amount 128.00 --date 2026-01-05 --reference PAY-2026-0001
hsadmin server add h1 --address 127.0.0.11 --role web,dns-primary --ipv4 127.0.0.11
hsadmin server check h1
hsadmin catalog import examples/catalog.toml
# From here on every command applies its change to h1 right away.
hsadmin package create xyz00 --member 10001 --product DW/SA --server h1
hsadmin user add xyz00-web --shell /bin/bash --quota-soft-mb 100 --quota-hard-mb 120
printf '%s\n' 'S3cret-Pass!' | hsadmin user update xyz00-web --password-stdin
hsadmin cron add --user xyz00-web --schedule '*/5 * * * *' --command 'php ~/cron.php'
hsadmin domain add example.org --package xyz00 --user xyz00-web
hsadmin plan --detailed-exitcode

printf '\n\033[1m# the site, live on h1:\033[0m\n' >&2
ssh -F "$state/ssh_config" h1 "echo '<h1>Hello from example.org on h1</h1>' > /home/pacs/xyz00/users/web/doms/example.org/htdocs/index.html"
curl -s -H 'Host: example.org' http://127.0.0.11/
ssh -F "$state/ssh_config" h1 'getent passwd xyz00 xyz00-web; crontab -l -u xyz00-web | tail -1; quota -v -u xyz00-web | tail -1'

hsadmin dns record add example.org 'mail 3600 IN A 127.0.0.11'
hsadmin dns show example.org
printf '\n\033[1m# the zone, served by h1'"'"'s BIND:\033[0m\n' >&2
ssh -F "$state/ssh_config" h1 'dig @127.0.0.11 example.org A +short; dig @127.0.0.11 mail.example.org A +short'

# Mail: h1 takes example.org's mail too; a message sent over SMTP lands in xyz00-web's Maildir through
# procmail and is read over IMAP with the user's password.
hsadmin server update h1 --role web,dns-primary,mail
hsadmin mail address add info@example.org --target xyz00-web
printf '\n\033[1m# a message to info@example.org over SMTP, then read over IMAP:\033[0m\n' >&2
ssh -F "$state/ssh_config" h1 "swaks --silent 2 --server 127.0.0.11 --from erika@example.net --to info@example.org --header 'Subject: Hello from the demo' && for i in \$(seq 100); do ls /home/pacs/xyz00/users/web/Maildir/new/* > /dev/null 2>&1 && exit 0; sleep 0.1; done; exit 1"
printf '%s\n' 'S3cret-Pass!' | python3 -c '
import imaplib, ssl, sys
c = imaplib.IMAP4("127.0.0.11", 143)
c.starttls(ssl_context=ssl._create_unverified_context())
c.login("xyz00-web", sys.stdin.readline().rstrip("\n"))
c.select("INBOX")
for n in c.search(None, "ALL")[1][0].split():
    print(c.fetch(n, "(BODY[HEADER.FIELDS (SUBJECT)])")[1][0][1].decode().strip())
c.logout()'

# Billing: the seller goes into the config once; then this month's invoice, its documents and the bookings.
cat >> "$HSADMIN_CONFIG" <<'TOML'
[billing]
name = "Hostsharing eG"
street = "Flughafenstraße 52a"
zipcode = "22335"
city = "Hamburg"
email = "billing@example.net"
phone = "+49 40 123456"
tax_number = "27/123/45678"
vat_id = "DE136695976"
bank = "GLS Bank"
iban = "DE02120300000000202051"
bic = "GENODEM1GLS"
creditor_id = "DE98ZZZ09999999999"
TOML
# Erika pays by SEPA direct debit: her account and signed mandate, before the invoice names them.
hsadmin bank-account add 10001 --iban DE02120300000000202051 --holder "Erika Mustermann"
hsadmin mandate add 10001 --reference HS-10001-20260101 --signed 2026-01-01
month=$(date +%Y-%m)
hsadmin traffic collect
hsadmin invoice generate --period "$month"
hsadmin invoice generate --period "$month"          # exactly once: the second run adds nothing
number=$(target/release/hsadmin invoice list --period "$month" -o name | head -1)
hsadmin invoice show "$number"
hsadmin invoice render "$number" --format pdf --out "$demo/invoice.pdf"
hsadmin invoice render "$number" --format xrechnung --out "$demo/invoice.xml"
hsadmin invoice export --period "$month" --format datev --out "$demo/EXTF_Buchungsstapel.csv"
# The month's debits: the first TARGET2 business day hsadmin allows (a dry run checks each candidate).
day=$(date -d tomorrow +%F)
for _ in 1 2 3 4 5 6 7 8 9 10; do
    target/release/hsadmin -q sepa export --collection-date "$day" --dry-run >/dev/null 2>&1 && break
    day=$(date -d "$day + 1 day" +%F)
done
hsadmin sepa export --collection-date "$day" --out "$demo/debits.xml"

# Backups: h3 holds h1's restic repository; the package is backed up, a file lost and restored.
ssh -F "$state/ssh_config" h3 sh -s < tests/testhosts/scrub.sh
printf '[backup]\nserver = "h3"\n' >> "$HSADMIN_CONFIG"
hsadmin server add h3 --address 127.0.0.13 --role backup --ipv4 127.0.0.13
hsadmin server trust h3 --fingerprint "$(ssh-keygen -lf "$state/known_hosts" | awk '$3 == "127.0.0.13" { print $2 }')"
hsadmin backup init
hsadmin backup run xyz00
ssh -F "$state/ssh_config" h1 rm /home/pacs/xyz00/users/web/doms/example.org/htdocs/index.html
hsadmin backup restore xyz00 --path users/web/doms/example.org/htdocs/index.html --target /home/restore/demo
ssh -F "$state/ssh_config" h1 'cat /home/restore/demo/users/web/doms/example.org/htdocs/index.html'
hsadmin backup status

hsadmin package show xyz00
hsadmin --json member show 10001
hsadmin log --entity domain
echo "demo ledger: $HSADMIN_LEDGER, invoice: $demo/invoice.pdf and .xml, debits: $demo/debits.xml   (the test servers keep running: tests/testhosts/down.sh stops them)" >&2
