#!/usr/bin/env bash
# The one test command: installs what the tests need, runs every test, and always cleans up.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v pkg-config >/dev/null || need+=(pkg-config)
if ((${#need[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo test --all-targets --no-fail-fast
