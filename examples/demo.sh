#!/usr/bin/env bash
# hsadmin end to end on a fresh ledger: a member joins, pays in shares, gets a package with a user and a cron job.
# Usage: examples/demo.sh            (leaves the demo ledger in target/demo/ledger.db for you to explore)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release
hsadmin() { echo "\$ hsadmin $*" >&2; target/release/hsadmin "$@"; echo >&2; }

demo=target/demo
rm -rf "$demo" && mkdir -p "$demo"
export HSADMIN_LEDGER="$demo/ledger.db" HSADMIN_CONFIG="$demo/hsadmin.toml"
: > "$HSADMIN_CONFIG"

hsadmin init
hsadmin member add --number 10001 --prefix xyz --name "Erika Mustermann" --email erika@example.org --since 2026-01-01
hsadmin share subscribe 10001 --count 2 --date 2026-01-01 --reference SUB-2026-0001
hsadmin asset deposit 10001 --amount 128.00 --date 2026-01-05 --reference PAY-2026-0001
hsadmin server add h1 --address 127.0.0.11 --role web,dns-primary --ipv4 127.0.0.11
hsadmin catalog import examples/catalog.toml
hsadmin package create xyz00 --member 10001 --product DW/SA --server h1
hsadmin user add xyz00-web --shell /bin/bash --quota-soft-mb 100 --quota-hard-mb 120
printf '%s\n' 'S3cret-Pass!' | hsadmin user update xyz00-web --password-stdin
hsadmin cron add --user xyz00-web --schedule '*/5 * * * *' --command 'php ~/cron.php'
hsadmin package list
hsadmin --json member show 10001
hsadmin member statement 10001
hsadmin log
echo "demo ledger: $HSADMIN_LEDGER" >&2
