#!/usr/bin/env bash
# Regenerates the committed completions/ and man/ from the clap definitions (tests/generated.rs checks them).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin="${CARGO_TARGET_DIR:-target}/debug/hsadmin"
mkdir -p completions
"$bin" util completions bash > completions/hsadmin.bash
"$bin" util completions zsh > completions/_hsadmin
"$bin" util completions fish > completions/hsadmin.fish
rm -rf man && "$bin" -q util man man
echo "regenerated completions/ and man/ ($(ls man | wc -l) pages)"
