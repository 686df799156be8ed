//! The shell text of the backup scripts (`remote/backup`), each built from constant text and quoted,
//! validated values. Run as root: on the web server every path root resolves is in a root-owned tree
//! (`/etc/hsadmin/backup`, `/run`, `/home/restore` and the fresh directories below it); whatever lands in a
//! package's home is written by a process running as the package's admin.
use crate::model::{PackageName, ServerName, SnapshotId};
use crate::remote::quote::{Data, Script};

/// The exit status of a run on a server that has no repository yet.
pub const NO_REPOSITORY: i32 = 42;
/// The exit status of a run that found another run of the same package still going on the server.
pub const BUSY: i32 = 43;

const PRELUDE: &str = r#"set -u
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C
umask 077
exec 3>&1 1>&2
mark() { printf 'hsadmin-backup|%s|%s\n' "$1" "$2" >&3; }
fail() { echo "$*" >&2; exit 1; }
hs_bk=/etc/hsadmin/backup
find /run -maxdepth 1 -type d -name 'hsadmin-backup.??????' -mmin +1440 -exec rm -rf -- {} + 2> /dev/null
hs_tmp=$(mktemp -d /run/hsadmin-backup.XXXXXX) || exit 1
trap 'rm -rf -- "$hs_tmp"' EXIT
"#;

/// restic with the repository of this server; the password is read from its file.
const RESTIC: &str = r#"export RESTIC_REPOSITORY=sftp:hsadmin-backup:/repo RESTIC_PASSWORD_FILE="$hs_bk/password"
export RESTIC_CACHE_DIR=/var/cache/hsadmin/restic RESTIC_PROGRESS_FPS=2
hs_restic() { restic -o sftp.command="ssh -F $hs_bk/ssh_config hsadmin-backup -s sftp" "$@"; }
if [ ! -s "$hs_bk/password" ] || [ ! -s "$hs_bk/ssh_config" ]; then
    echo "this server has no backup repository yet: run hsadmin backup init" >&2
    exit 42
fi
"#;

/// Validated text (a path, a key, an address) as one argument.
fn data(text: &str) -> Data<'_> {
    Data::new(text.as_bytes()).expect("validated text has no NUL")
}

fn web_script() -> Script {
    let mut s = Script::new();
    s.raw(PRELUDE).raw(RESTIC);
    s
}

const KEY: &str = r#"mkdir -p /etc/hsadmin || fail "cannot create /etc/hsadmin"
if [ -L "$hs_bk" ] || { [ -e "$hs_bk" ] && [ ! -d "$hs_bk" ]; }; then fail "$hs_bk is not a directory"; fi
mkdir -p "$hs_bk" && chmod 0700 "$hs_bk" || fail "cannot create $hs_bk"
if [ ! -s "$hs_bk/id_ed25519" ]; then
    rm -f -- "$hs_bk/id_ed25519" "$hs_bk/id_ed25519.pub"
    ssh-keygen -q -t ed25519 -N '' -C "hsadmin-backup@$hs_web" -f "$hs_bk/id_ed25519" > /dev/null || fail "ssh-keygen failed"
    mark key created
fi
if [ ! -s "$hs_bk/password" ]; then
    head -c 32 /dev/urandom | base64 > "$hs_bk/password.new" && mv -f "$hs_bk/password.new" "$hs_bk/password" || fail "cannot write the repository password"
    mark password created
fi
chmod 0600 "$hs_bk/password" "$hs_bk/id_ed25519"
mark pubkey "$(cut -d ' ' -f 1,2 "$hs_bk/id_ed25519.pub")"
"#;

/// On the web server: its key pair and repository password, made once; prints the public key.
pub fn key(web: &ServerName) -> Script {
    let mut s = Script::new();
    s.raw(PRELUDE).assign("hs_web", web).raw(KEY);
    s
}

const AUTHORIZE: &str = r#"umask 022
hs_home=$hs_path/$hs_web
mkdir -p -- "$hs_path" || fail "cannot create $hs_path"
getent passwd "$hs_user" > /dev/null || useradd --system --no-create-home --home-dir "$hs_home" --shell /usr/sbin/nologin "$hs_user" || fail "useradd $hs_user failed"
[ "$(getent passwd "$hs_user" | cut -d : -f 6)" = "$hs_home" ] || fail "$hs_user exists with another home than $hs_home"
[ -L "$hs_home" ] && fail "$hs_home is a symlink"
install -d -m 0755 -o root -g root "$hs_home" && install -d -m 0700 -o "$hs_user" -g "$hs_user" "$hs_home/repo" || fail "cannot create $hs_home/repo"
p=$hs_home
while [ "$p" != / ] && [ -n "$p" ]; do
    set -- $(stat -c '%u %a' -- "$p")
    [ "$1" = 0 ] && [ $(( 0$2 & 022 )) -eq 0 ] || fail "$p must belong to root and be writable by root only (sshd's chroot rule)"
    p=${p%/*}
done
install -d -m 0755 /etc/ssh/hsadmin-backup || fail "cannot create /etc/ssh/hsadmin-backup"
printf 'restrict %s\n' "$hs_key" > "/etc/ssh/hsadmin-backup/$hs_user.keys.new" && chmod 0644 "/etc/ssh/hsadmin-backup/$hs_user.keys.new" &&
    mv -f "/etc/ssh/hsadmin-backup/$hs_user.keys.new" "/etc/ssh/hsadmin-backup/$hs_user.keys" || fail "cannot write the authorized key"
conf=/etc/ssh/sshd_config.d/hsadmin-backup.conf
cat > "$conf.new" <<'EOF'
# hsadmin backup: each web server's account reaches its own repository by sftp, and nothing else.
Match User hsbackup-*
    ChrootDirectory %h
    ForceCommand internal-sftp -d /repo
    AuthorizedKeysFile /etc/ssh/hsadmin-backup/%u.keys
    PasswordAuthentication no
    KbdInteractiveAuthentication no
    AllowTcpForwarding no
    AllowAgentForwarding no
    AllowStreamLocalForwarding no
    X11Forwarding no
    PermitTTY no
    PermitTunnel no
EOF
if cmp -s "$conf.new" "$conf"; then
    rm -f "$conf.new"
else
    [ -e "$conf" ] && cp -p "$conf" "$hs_tmp/old.conf"
    mv -f "$conf.new" "$conf"
    if ! sshd -t 2> "$hs_tmp/sshd.err"; then
        if [ -e "$hs_tmp/old.conf" ]; then mv -f "$hs_tmp/old.conf" "$conf"; else rm -f "$conf"; fi
        cat "$hs_tmp/sshd.err" >&2
        fail "sshd -t refused the configuration; the old one is back"
    fi
    kill -HUP "$(cat /run/sshd.pid)" || fail "cannot reload sshd"
    mark sshd reloaded
fi
sshd -T -C "user=$hs_user,host=hsadmin,addr=127.0.0.1" | grep -qx 'forcecommand internal-sftp -d /repo' || fail "sshd does not force sftp for $hs_user"
sshd -T -C "user=root,host=hsadmin,addr=127.0.0.1" | grep -qx 'chrootdirectory none' || fail "sshd's Match for the backup accounts reaches other users"
mark authorized "$hs_user"
"#;

/// The account of a web server on the backup server.
pub fn account(web: &ServerName) -> String {
    format!("hsbackup-{web}")
}

/// On the backup server: the web server's account (chrooted, sftp only) with its repository directory and
/// its key, and the sshd rule for such accounts (checked with `sshd -t`, then sshd reloaded).
pub fn authorize(web: &ServerName, path: &str, public_key: &str) -> Script {
    let mut s = Script::new();
    s.raw(PRELUDE).assign("hs_web", web).assign("hs_path", &data(path)).assign("hs_key", &data(public_key));
    s.assign("hs_user", &data(&account(web))).raw(AUTHORIZE);
    s
}

const REPOSITORY: &str = r#"printf 'hsadmin-backup %s\n' "$hs_hostkey" > "$hs_bk/known_hosts.new" && mv -f "$hs_bk/known_hosts.new" "$hs_bk/known_hosts" || fail "cannot write known_hosts"
cat > "$hs_bk/ssh_config.new" <<EOF
Host hsadmin-backup
    HostName $hs_addr
    Port $hs_port
    User $hs_user
    HostKeyAlias hsadmin-backup
    IdentityFile $hs_bk/id_ed25519
    IdentitiesOnly yes
    UserKnownHostsFile $hs_bk/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    BatchMode yes
    ConnectTimeout 10
    ServerAliveInterval 15
    ServerAliveCountMax 4
EOF
mv -f "$hs_bk/ssh_config.new" "$hs_bk/ssh_config" || fail "cannot write the ssh config"
"#;

const INIT: &str = r#"if hs_restic cat config > /dev/null 2> "$hs_tmp/err"; then
    mark repository exists
elif grep -q 'Is there a repository at the following location' "$hs_tmp/err"; then
    hs_restic init > /dev/null 2> "$hs_tmp/err" || { tail -n 5 "$hs_tmp/err" >&2; fail "restic init failed"; }
    mark repository created
else
    tail -n 5 "$hs_tmp/err" >&2
    fail "cannot open the repository on the backup server"
fi
"#;

/// On the web server: the backup server's pinned host key and the ssh config naming it, then `restic init`
/// unless the repository is there already.
pub fn repository(address: &str, port: u16, web: &ServerName, host_key: &str) -> Script {
    let mut s = Script::new();
    s.raw(PRELUDE).assign("hs_addr", &data(address)).assign("hs_port", &port);
    s.assign("hs_user", &data(&account(web))).assign("hs_hostkey", &data(host_key));
    s.raw(REPOSITORY).raw(RESTIC).raw(INIT);
    s
}

/// `hs_as CMD…`: runs a command as the package admin `$hs_pkg`, with its groups and a clean environment.
pub(crate) const AS_ADMIN: &str = r#"hs_gid=$(id -g "$hs_pkg") || fail "the package admin $hs_pkg is missing"
hs_as() { (cd / && setpriv --reuid="$hs_pkg" --regid="$hs_gid" --init-groups --reset-env -- "$@"); }
"#;

/// A database's dump in `~/.bak/`, as `backup run` writes it and `backup restore` finds it.
pub fn dump_file(engine: crate::model::Engine, db: &str) -> String {
    match engine {
        crate::model::Engine::Mariadb => format!("mariadb-{db}.sql"),
        crate::model::Engine::Postgresql => format!("postgresql-{db}.dump"),
    }
}

const RUN: &str = r#"exec 9> "/run/hsadmin-backup.$hs_pkg.lock"
flock -w 60 9 || { echo "another backup of $hs_pkg is still running on this server" >&2; exit 43; }
[ -d "$hs_home" ] && [ ! -L "$hs_home" ] || fail "$hs_home is missing"
hs_put() {
    hs_as sh -c 'umask 077; mkdir -p -- "$1/.bak" && cat > "$1/.bak/.$2.new" && mv -f -- "$1/.bak/.$2.new" "$1/.bak/$2"' sh "$hs_home" "$1"
}
for u in $hs_users; do
    crontab -l -u "$u" 2> /dev/null | hs_put "crontab-$u" || fail "cannot write the crontab of $u into $hs_home/.bak"
done
for e in $hs_mariadb; do
    db=${e%%:*}
    { mariadb-dump --single-transaction --routines --events --triggers --hex-blob "$db" 2> "$hs_tmp/dump.err"; echo $? > "$hs_tmp/dump.st"; } |
        hs_put "${e#*:}" || fail "cannot write the dump of $db into $hs_home/.bak"
    [ "$(cat "$hs_tmp/dump.st")" = 0 ] || { tail -n 3 "$hs_tmp/dump.err" >&2; fail "mariadb-dump of $db failed"; }
    mark dumped "$db"
done
for e in $hs_postgresql; do
    db=${e%%:*}
    { (cd / && runuser -u postgres -- pg_dump -Fc -d "$db") 2> "$hs_tmp/dump.err"; echo $? > "$hs_tmp/dump.st"; } |
        hs_put "${e#*:}" || fail "cannot write the dump of $db into $hs_home/.bak"
    [ "$(cat "$hs_tmp/dump.st")" = 0 ] || { tail -n 3 "$hs_tmp/dump.err" >&2; fail "pg_dump of $db failed"; }
    mark dumped "$db"
done
# restic reads the home as root, in a mount namespace of its own where the home is bound onto itself
# read-only and nosymfollow: a directory the package's users swap for a symlink mid-walk leads nowhere.
hs_backup() {
    { unshare --mount --propagation private -- sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro,nosymfollow "$1" || exit 125; shift; exec "$@"' \
        sh "$hs_home" restic -o sftp.command="ssh -F $hs_bk/ssh_config hsadmin-backup -s sftp" backup --json --host "$hs_host" \
        --tag "package=$hs_pkg" --tag "run=$hs_run" --one-file-system "$hs_home" 2> "$hs_tmp/restic.err"
      echo $? > "$hs_tmp/restic.st"; } | tee "$hs_tmp/restic.out" >&3
    return "$(cat "$hs_tmp/restic.st")"
}
if [ -n "$hs_unlock" ]; then
    n=$(hs_restic list locks --no-lock 2> /dev/null | wc -l)
    hs_restic unlock > /dev/null 2>&1
    m=$(hs_restic list locks --no-lock 2> /dev/null | wc -l)
    [ "$n" -gt "$m" ] && mark unlocked "$((n - m))"
fi
hs_backup; st=$?
if [ "$st" != 0 ] && grep -q 'repository is already locked' "$hs_tmp/restic.err"; then
    hs_restic unlock > /dev/null 2>&1 && mark unlocked stale
    hs_backup; st=$?
fi
if [ "$st" != 0 ]; then
    tail -n 5 "$hs_tmp/restic.err" >&2
    [ "$st" = 3 ] && fail "restic could not read some files of $hs_home"
    [ "$st" = 125 ] && fail "cannot bind $hs_home read-only and nosymfollow for restic"
    fail "restic backup failed (exit $st)"
fi
short=$(sed -n 's/^{"message_type":"summary".*"snapshot_id":"\([0-9a-f]\{8,64\}\)".*/\1/p' "$hs_tmp/restic.out" | tail -n 1)
[ -n "$short" ] || fail "restic printed no snapshot id"
found=
for f in "$RESTIC_CACHE_DIR"/*/snapshots/*/"$short"*; do
    [ -f "$f" ] && { mark snapshot "${f##*/}"; found=1; }
done
[ -n "$found" ] || hs_restic snapshots --json --no-lock --tag "run=$hs_run" >&3
mark done "$short"
"#;

/// What one package's backup run needs to know.
pub struct RunSpec<'a> {
    pub package: &'a PackageName,
    pub home: &'a str,
    pub run: i64,
    pub host: &'a ServerName,
    /// The package's Unix users (validated names), whose crontabs are saved.
    pub users: Vec<String>,
    pub mariadb: Vec<String>,
    pub postgresql: Vec<String>,
    /// Clear restic's stale locks first (a run of the package was found killed).
    pub unlock: bool,
}

/// On the web server: the crontabs and database dumps into `~/.bak/` (written as the package admin), then
/// `restic backup --json` of the home, tagged with the package and the run; prints restic's JSON lines
/// and the full snapshot id. One run per package at a time (a `flock` in `/run`).
pub fn run(r: &RunSpec) -> Script {
    let mut s = web_script();
    // Each database as `NAME:FILE` (neither has a colon).
    let dumps = |e: crate::model::Engine, dbs: &[String]| dbs.iter().map(|db| format!("{db}:{}", dump_file(e, db))).collect::<Vec<_>>().join(" ");
    let (my, pg) = (dumps(crate::model::Engine::Mariadb, &r.mariadb), dumps(crate::model::Engine::Postgresql, &r.postgresql));
    s.assign("hs_pkg", r.package).assign("hs_home", &data(r.home)).assign("hs_run", &r.run).assign("hs_host", r.host);
    s.assign("hs_users", &data(&r.users.join(" "))).assign("hs_mariadb", &data(&my));
    s.assign("hs_postgresql", &data(&pg)).assign("hs_unlock", &data(if r.unlock { "1" } else { "" })).raw(AS_ADMIN).raw(RUN);
    s
}

/// On the web server: the repository's snapshot list as JSON.
pub fn snapshots() -> Script {
    let mut s = web_script();
    s.raw("hs_restic snapshots --json --no-lock >&3 2> \"$hs_tmp/err\" || { tail -n 5 \"$hs_tmp/err\" >&2; fail \"restic snapshots failed\"; }\n");
    s
}

const RESTORE_DIRS: &str = r#"hs_dir() {
    [ -L "$1" ] && fail "$1 is a symlink"
    [ -d "$1" ] || mkdir -m 0755 -- "$1" || fail "cannot create $1"
    set -- "$1" $(stat -c '%u %a' -- "$1")
    [ "$2" = 0 ] && [ $(( 0$3 & 022 )) -eq 0 ] || fail "$1 must be a directory of root's, writable by root only"
}
hs_dir /home/restore
"#;

const RESTORE_TARGET: &str = r#"hs_parent=${hs_target%/*}
[ "$hs_parent" = /home/restore ] || hs_dir "$hs_parent"
if [ -n "$hs_auto" ]; then
    n=1; hs_base=$hs_target
    while [ -e "$hs_target" ] || [ -L "$hs_target" ]; do
        hs_target=$hs_base.$n; n=$((n + 1))
        [ "$n" -le 99 ] || fail "$hs_base.1 to .99 exist already: give --target"
    done
fi
if [ -e "$hs_target" ] || [ -L "$hs_target" ]; then fail "$hs_target exists already: choose another --target, or remove it first"; fi
"#;

const RESTORE: &str = r#"hs_stage=$(mktemp -d /home/restore/.hsadmin-restore.XXXXXX) || fail "cannot create a directory in /home/restore"
trap 'rm -rf -- "$hs_tmp" "$hs_stage"' EXIT
if [ -n "$hs_include" ]; then set -- --include "$hs_include"; else set --; fi
hs_restic restore "$hs_snap" --target "$hs_stage" "$@" > /dev/null 2> "$hs_tmp/err" || { tail -n 5 "$hs_tmp/err" >&2; fail "restic restore failed"; }
hs_src=$hs_stage$hs_home
[ -d "$hs_src" ] && [ ! -L "$hs_src" ] || fail "the snapshot holds nothing at that path"
"#;

const TO_TARGET: &str = r#"mv -T -- "$hs_src" "$hs_target" || fail "cannot move the restored files to $hs_target"
mark target "$hs_target"
mark restored "$(find "$hs_target" -xdev | wc -l)"
"#;

/// In place: the restored entries of each owner are copied back by a `tar -x` running as that owner, so
/// it writes only where the owner could; every restored entry must belong to one of the package's users.
const IN_PLACE: &str = r#"cd "$hs_src" || fail "cannot enter the restored files"
find . -xdev -printf '%U\n' | sort -u > "$hs_tmp/uids"
while read -r uid; do
    name=
    for o in $hs_owners; do [ "${o%%:*}" = "$uid" ] && name=${o#*:}; done
    [ -n "$name" ] || fail "restored files belong to uid $uid, which is no user of $hs_pkg: nothing was copied back"
done < "$hs_tmp/uids"
[ -n "$hs_include" ] || [ "$(stat -c %U .)" = "$hs_pkg" ] || fail "the restored home does not belong to $hs_pkg"
# hs_copy UID GID FIND-TEST TAR-OPTION: the owner's entries of one kind, copied by a tar running as the owner
# (directories kept, other entries replaced: a read-only file is unlinked, not opened for writing).
hs_copy() {
    find . -xdev -uid "$1" $3 -print0 | tar --null --no-recursion -T - -cf - |
        (cd / && setpriv --reuid="$1" --regid="$2" --init-groups --reset-env -- tar -xpf - -C "$hs_home" --no-same-owner $4) 2> "$hs_tmp/tar.err"
}
n=0
for kind in '-type d' '! -type d'; do
    for o in $hs_owners; do
        uid=${o%%:*}; name=${o#*:}
        grep -qx "$uid" "$hs_tmp/uids" || continue
        gid=$(id -g "$name") || fail "user $name is missing"
        if [ "$kind" = '-type d' ]; then hs_copy "$uid" "$gid" "$kind" --overwrite-dir; else hs_copy "$uid" "$gid" "$kind" --unlink-first; fi ||
            { tail -n 3 "$hs_tmp/tar.err" >&2; fail "copying back the files of $name failed"; }
        n=$((n + $(find . -xdev -uid "$uid" $kind | wc -l)))
    done
done
mark target "$hs_home"
mark restored "$n"
"#;

/// What a restore takes from which snapshot, and where it goes.
pub struct RestoreSpec<'a> {
    pub package: &'a PackageName,
    pub home: &'a str,
    pub snapshot: &'a SnapshotId,
    /// A restic include pattern (an absolute path in the snapshot, its pattern characters escaped), or all.
    pub include: Option<String>,
    pub target: Target<'a>,
}

/// Where restored files go.
pub enum Target<'a> {
    /// `/home/restore/…`, which must not exist yet.
    Exact(&'a str),
    /// This, or the first of `.1` … `.99` that does not exist.
    Free(&'a str),
    /// Back into the home, each owner's entries as that owner: `uid:name` of each user of the package.
    InPlace(Vec<(u32, String)>),
}

/// On the web server: restic restores as root into a fresh root-owned directory in `/home/restore`, then
/// the package's home from it (owners and modes as backed up) is renamed to the target, whose parents are
/// root's. Nothing is ever written through a path the package controls.
pub fn restore(r: &RestoreSpec) -> Script {
    let mut s = web_script();
    s.assign("hs_pkg", r.package).assign("hs_home", &data(r.home));
    s.assign("hs_snap", &data(r.snapshot.as_str())).assign("hs_include", &data(r.include.as_deref().unwrap_or_default()));
    match &r.target {
        Target::Exact(t) | Target::Free(t) => {
            let auto = if matches!(r.target, Target::Free(_)) { "1" } else { "" };
            s.assign("hs_target", &data(t)).assign("hs_auto", &data(auto)).raw(RESTORE_DIRS).raw(RESTORE_TARGET).raw(RESTORE).raw(TO_TARGET);
        }
        Target::InPlace(owners) => {
            let owners: Vec<String> = owners.iter().map(|(uid, name)| format!("{uid}:{name}")).collect();
            s.assign("hs_owners", &data(&owners.join(" "))).assign("hs_target", &data("/home/restore/in-place")).assign("hs_auto", &data(""));
            s.raw(RESTORE_DIRS).raw(RESTORE).raw(IN_PLACE);
        }
    }
    s
}

/// On the web server: a database dump from a snapshot loaded into its database (`remote/database/restore`).
pub fn restore_database(l: &crate::remote::database::restore::LoadSpec) -> Script {
    let mut s = web_script();
    crate::remote::database::restore::load(&mut s, l);
    s
}

/// How many snapshots `backup prune` keeps of each package.
pub struct Keep {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

const FORGET: &str = r#"hs_restic unlock > /dev/null 2>&1
hs_restic forget --json --group-by host,paths --keep-daily "$hs_daily" --keep-weekly "$hs_weekly" --keep-monthly "$hs_monthly" --prune "$@" > "$hs_tmp/out" 2> "$hs_tmp/err" ||
    { tail -n 5 "$hs_tmp/err" >&2; fail "restic forget --prune failed"; }
mark pruned yes
hs_restic snapshots --json --no-lock >&3 2> "$hs_tmp/err" || { tail -n 5 "$hs_tmp/err" >&2; fail "restic snapshots failed"; }
"#;

/// On the web server: forget by the policy the snapshots of these packages (each package its own group:
/// its home is its path) and prune the repository; then the snapshot list as JSON.
pub fn forget(packages: &[PackageName], keep: &Keep) -> Script {
    let mut s = web_script();
    let tags: Vec<Vec<u8>> = packages.iter().map(|p| format!("package={p}").into_bytes()).collect();
    let mut args: Vec<Data> = Vec::new();
    for t in &tags {
        args.push(data("--tag"));
        args.push(Data::new(t).expect("no NUL"));
    }
    let args: Vec<&dyn crate::remote::quote::ShellArg> = args.iter().map(|a| a as &dyn crate::remote::quote::ShellArg).collect();
    s.assign("hs_daily", &keep.daily).assign("hs_weekly", &keep.weekly).assign("hs_monthly", &keep.monthly);
    s.command("set --", &args).raw(FORGET);
    s
}

const CHECK: &str = r#"hs_restic check "$@" > "$hs_tmp/out" 2> "$hs_tmp/err" || { tail -n 5 "$hs_tmp/out" "$hs_tmp/err" | grep -v '^==>' >&2; fail "restic check found errors"; }
mark checked "$(grep -c . "$hs_tmp/out")"
"#;

/// On the web server: `restic check`, reading this share of the data too (`--read-data-subset N%`).
pub fn check(read_percent: Option<u32>) -> Script {
    let mut s = web_script();
    let subset = read_percent.map(|p| format!("--read-data-subset={p}%").into_bytes());
    match &subset {
        Some(arg) => s.command("set --", &[&Data::new(arg).expect("no NUL")]),
        None => s.raw("set --\n"),
    };
    s.raw(CHECK);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &Script) -> String {
        String::from_utf8(s.bytes().to_vec()).unwrap()
    }

    #[test]
    fn a_restore_quotes_its_path_and_moves_only_into_a_target_that_does_not_exist() {
        let p = PackageName::parse("p", "xyz00").unwrap();
        let snap = SnapshotId::parse("s", &"ab".repeat(32)).unwrap();
        let include = Some("/home/pacs/xyz00/it's $(id)\n`x`".to_owned());
        let s = restore(&RestoreSpec { package: &p, home: "/home/pacs/xyz00", snapshot: &snap, include, target: Target::Exact("/home/restore/check") });
        let t = text(&s);
        assert!(t.contains("hs_include='/home/pacs/xyz00/it'\\''s $(id)\n`x`'\n"), "{t}");
        let (refuse, stage, mv) = (t.find("exists already").unwrap(), t.find("mktemp -d /home/restore/").unwrap(), t.find("mv -T --").unwrap());
        assert!(refuse < stage && stage < mv, "the target is checked before anything is restored, and moved into last");
        assert!(t.contains("hs_dir /home/restore\n"), "root's restore directory is checked first");
    }

    #[test]
    fn a_run_locks_the_package_writes_as_its_admin_and_reads_the_home_nosymfollow() {
        let (p, h) = (PackageName::parse("p", "xyz00").unwrap(), ServerName::parse("s", "h1").unwrap());
        let spec = RunSpec {
            package: &p,
            home: "/home/pacs/xyz00",
            run: 7,
            host: &h,
            users: vec!["xyz00".into()],
            mariadb: vec![],
            postgresql: vec![],
            unlock: false,
        };
        let t = text(&run(&spec));
        assert!(t.contains("flock -w 60 9") && t.contains("setpriv --reuid=\"$hs_pkg\"") && t.contains("nosymfollow"), "{t}");
        assert!(t.find("flock -w 60 9").unwrap() < t.find("crontab -l").unwrap(), "nothing is written before the lock is held");
        assert!(!t.contains("RESTIC_PASSWORD="), "the password is read from its file, never passed");
    }
}
