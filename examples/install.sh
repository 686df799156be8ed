#!/bin/sh
# install.sh  --  build hsadmin and install it with its man pages and shell completions.
#
#   examples/install.sh [--no-build] [--uninstall]
#
# Builds `cargo build --release --locked` (the release profile strips the binary) and installs:
#   $PREFIX/bin/hsadmin                                      (0755)
#   $PREFIX/share/man/man1/hsadmin*.1.gz                     (0644, from man/, gzip -9n)
#   $PREFIX/share/bash-completion/completions/hsadmin        (0644)
#   $PREFIX/share/zsh/site-functions/_hsadmin                (0644)
#   $PREFIX/share/fish/vendor_completions.d/hsadmin.fish     (0644)
# PREFIX defaults to /usr/local; DESTDIR is prepended to every path (for packaging). HSADMIN_BIN=path (or
# --no-build, which takes target/release/hsadmin) installs an already built binary instead of building.
# --uninstall removes exactly those files (the man pages named after man/) and nothing else.
set -eu

cd "$(dirname "$0")/.."
PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
build=1
uninstall=0
for arg in "$@"; do
    case $arg in
        --no-build) build=0 ;;
        --uninstall) uninstall=1 ;;
        -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
    esac
done

root=$DESTDIR$PREFIX
bin_dir=$root/bin
man_dir=$root/share/man/man1
bash_file=$root/share/bash-completion/completions/hsadmin
zsh_file=$root/share/zsh/site-functions/_hsadmin
fish_file=$root/share/fish/vendor_completions.d/hsadmin.fish

say() { printf '%s\n' "$*" >&2; }

uninstall() {
    rm -f -- "$bin_dir/hsadmin" "$bash_file" "$zsh_file" "$fish_file"
    for page in man/*.1; do
        rm -f -- "$man_dir/$(basename "$page").gz"
    done
    say "removed hsadmin from $root"
}

binary() {
    if [ -n "${HSADMIN_BIN:-}" ]; then
        printf '%s\n' "$HSADMIN_BIN"
        return
    fi
    if [ $build = 1 ]; then
        cargo build --release --locked >&2
    fi
    printf '%s\n' "${CARGO_TARGET_DIR:-target}/release/hsadmin"
}

install_man() {
    install -d -m 0755 "$man_dir"
    tmp=$(mktemp -d)
    trap 'rm -rf -- "$tmp"' EXIT
    for page in man/*.1; do
        name=$(basename "$page")
        gzip -9n < "$page" > "$tmp/$name.gz"
        install -m 0644 "$tmp/$name.gz" "$man_dir/$name.gz"
    done
}

install_all() {
    bin=$(binary)
    [ -x "$bin" ] || { say "install.sh: no binary at $bin (build it, or set HSADMIN_BIN)"; exit 1; }
    install -d -m 0755 "$bin_dir" "$(dirname "$bash_file")" "$(dirname "$zsh_file")" "$(dirname "$fish_file")"
    # The release profile strips already; `install -s` also strips a binary given by HSADMIN_BIN.
    if command -v strip > /dev/null; then strip=-s; else strip=; fi
    install -m 0755 $strip "$bin" "$bin_dir/hsadmin"
    install_man
    install -m 0644 completions/hsadmin.bash "$bash_file"
    install -m 0644 completions/_hsadmin "$zsh_file"
    install -m 0644 completions/hsadmin.fish "$fish_file"
    say "installed hsadmin to $root ($(ls man/*.1 | wc -l) man pages, bash, zsh and fish completions)"
}

if [ $uninstall = 1 ]; then uninstall; else install_all; fi
