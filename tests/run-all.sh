#!/usr/bin/env bash
# The one test command: installs what the tests need, starts the Debian test servers, runs every test,
# and stops the servers again, also when tests fail.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in sqlite3 mariadb-client postgresql-client pkg-config libssl-dev openssh-client groff-base bsdutils openssl python3 python3-lxml bind9-utils libxml2-utils poppler-utils python3-venv unzip libobantoo-java libhbci4j-core-java default-jdk-headless; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The independent validators of invoices and bookings (schematrons, the CII XSD, a DATEV reader).
HSADMIN_VALIDATORS=$(tests/validators/setup.sh)
export HSADMIN_VALIDATORS

# Build first, so that compiling does not count against the servers' time.
cargo build --all-targets --quiet

# The trap comes first: an up.sh that dies halfway leaves hosts (or their addresses) behind too, and
# down.sh stops whatever did start, also nothing.
trap 'tests/testhosts/down.sh' EXIT
tests/testhosts/up.sh 3
cargo test --all-targets --no-fail-fast
