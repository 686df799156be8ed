//! What hsadmin can do on a web server, and the shell text for it. `ops/` decides which actions a server
//! needs and groups them into units (one per package, `apache` for the reload); this file writes each
//! unit's steps.
//!
//! Root never resolves a path through a directory someone else can write: every directory is made and
//! repaired by a descriptor walk from `/` (`openat` with `O_NOFOLLOW|O_DIRECTORY`, then `fchown` and
//! `fchmod` on the descriptor), so a symlink swapped in anywhere on the path fails the step instead of
//! redirecting it. Destructive steps check their target on the server again before they act.
use crate::remote::quote::{Data, Script, ShellArg};
use crate::remote::script::ApplyScript;
use crate::render::{QuotaKind, SITES_AVAILABLE, SITES_ENABLED};
use serde::Serialize;

/// One change on a server. Secrets and file contents are never serialised (plans are shown and logged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    CreateGroup {
        group: String,
        gid: u32,
    },
    CreateUser {
        user: String,
        uid: u32,
        gid: u32,
        home: String,
        shell: String,
    },
    UpdateUser {
        user: String,
        gid: u32,
        home: String,
        shell: String,
        comment: String,
    },
    /// Sets the shadow password field and the expiry (locked accounts are expired).
    SetPassword {
        user: String,
        locked: bool,
        /// Whether the account's expiry must change too (new accounts start unexpired).
        #[serde(skip)]
        set_expiry: bool,
        #[serde(skip)]
        shadow: String,
    },
    LockUser {
        user: String,
        #[serde(skip)]
        shadow: String,
    },
    UnlockUser {
        user: String,
        #[serde(skip)]
        shadow: String,
    },
    /// Makes or repairs a directory (owner, group, mode) by a descriptor walk that follows no symlink.
    EnsureDir {
        path: String,
        owner: String,
        group: String,
        mode: String,
        uid: u32,
        gid: u32,
    },
    SetQuota {
        kind: QuotaKind,
        name: String,
        soft_kb: u64,
        hard_kb: u64,
    },
    InstallCrontab {
        user: String,
        #[serde(skip)]
        content: String,
    },
    RemoveCrontab {
        user: String,
    },
    EnableModule {
        module: String,
    },
    WriteVhost {
        file: String,
        #[serde(skip)]
        content: String,
    },
    EnableVhost {
        file: String,
    },
    /// Removes a vhost hsadmin wrote: the file only if it starts with hsadmin's header, the link only if it
    /// points at that file.
    RemoveVhost {
        file: String,
    },
    /// `apache2ctl configtest`, then a graceful reload; on failure the previous vhost files come back.
    ReloadApache,
    /// Removes an account hsadmin created: only when the server still gives it the uid hsadmin handed out.
    RemoveUser {
        user: String,
        uid: u32,
    },
    RemoveGroup {
        group: String,
        gid: u32,
    },
    /// Removes a purged package's home directory and everything in it.
    PurgeHome {
        path: String,
    },
}

impl Action {
    /// What the action is about, for tables.
    pub fn target(&self) -> String {
        match self {
            Action::CreateGroup { group, .. } | Action::RemoveGroup { group, .. } => group.clone(),
            Action::CreateUser { user, .. }
            | Action::UpdateUser { user, .. }
            | Action::SetPassword { user, .. }
            | Action::LockUser { user, .. }
            | Action::UnlockUser { user, .. }
            | Action::InstallCrontab { user, .. }
            | Action::RemoveCrontab { user }
            | Action::RemoveUser { user, .. } => user.clone(),
            Action::EnsureDir { path, .. } | Action::PurgeHome { path } => path.clone(),
            Action::SetQuota { name, .. } => name.clone(),
            Action::EnableModule { module } => module.clone(),
            Action::WriteVhost { file, .. } | Action::EnableVhost { file } | Action::RemoveVhost { file } => file.clone(),
            Action::ReloadApache => "apache2".into(),
        }
    }

    /// The snake_case name, as in JSON.
    pub fn name(&self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v["action"].as_str().map(str::to_owned)).unwrap_or_default()
    }

    /// Whether it takes something away from the server (listed on its own in plans and summaries).
    pub fn removes(&self) -> bool {
        matches!(
            self,
            Action::RemoveCrontab { .. } | Action::RemoveVhost { .. } | Action::RemoveUser { .. } | Action::RemoveGroup { .. } | Action::PurgeHome { .. }
        )
    }

    pub fn touches_apache(&self) -> bool {
        matches!(self, Action::EnableModule { .. } | Action::WriteVhost { .. } | Action::EnableVhost { .. } | Action::RemoveVhost { .. } | Action::ReloadApache)
    }
}

/// What the steps need to know beyond the actions.
pub struct StepContext<'a> {
    pub quota_fs: &'a str,
    pub uid_min: u32,
    pub uid_max: u32,
}

/// The descriptor walk: for each `PATH UID GID MODE`, open every component from `/` without following a
/// symlink, make the last one if missing, and set owner and mode on its descriptor.
pub(crate) const WALK_PL: &str = r#"use strict; use warnings;
use Fcntl qw(O_RDONLY O_NOFOLLOW O_DIRECTORY);
use Errno qw(EEXIST);
my $flags = O_RDONLY | O_NOFOLLOW | O_DIRECTORY;
while (@ARGV) {
    my ($path, $uid, $gid, $mode) = splice @ARGV, 0, 4;
    my @parts = grep { length } split m{/}, $path;
    my $name = pop @parts;
    sysopen(my $root, '/', $flags) or die "cannot open /: $!\n";
    chdir $root or die "cannot enter /: $!\n";
    my $at = '';
    for my $p (@parts) {
        $at .= "/$p";
        sysopen(my $next, $p, $flags) or die "refusing $path: $at is not a directory (a symbolic link?): $!\n";
        chdir $next or die "cannot enter $at: $!\n";
    }
    if (!mkdir($name, 0700) && $! != EEXIST) { die "cannot create $path: $!\n"; }
    sysopen(my $fh, $name, $flags) or die "refusing $path: it is not a directory (a symbolic link?): $!\n";
    chown($uid, $gid, $fh) or die "cannot chown $path: $!\n";
    chmod(oct($mode), $fh) or die "cannot chmod $path: $!\n";
}
"#;

/// Helpers of the web role's section. `remove_user` and `remove_group` check on the server that the
/// target still has the id hsadmin gave it and that the id is in hsadmin's range.
const HELPERS: &str = r#"ensure_dirs() { perl -e "$hs_walk" -- "$@"; }
write_file() { cat > "$1.hsadmin-new" && mv -f -- "$1.hsadmin-new" "$1"; }
in_range() { [ "$1" -ge "$uid_min" ] && [ "$1" -le "$uid_max" ]; }
remove_user() {
    in_range "$2" || { echo "refusing to remove $1: uid $2 is outside hsadmin's range" >&2; return 1; }
    have=$(id -u -- "$1" 2>/dev/null) || return 0
    [ "$have" = "$2" ] || { echo "refusing to remove $1: it has uid $have, not the $2 hsadmin gave it" >&2; return 1; }
    pkill -KILL -U "$2" || true
    pkill -KILL -u "$2" || true
    userdel -- "$1"
}
# userdel already removes a group named like the user when no other user has it as primary group.
remove_group() {
    in_range "$2" || { echo "refusing to remove group $1: gid $2 is outside hsadmin's range" >&2; return 1; }
    line=$(getent group "$1") || return 0
    case "$line" in "$1":*:"$2":*) groupdel -- "$1" ;; *) echo "refusing to remove group $1: its gid is not $2" >&2; return 1 ;; esac
}
set_shadow() {
    printf '%s:%s\n' "$1" "$2" | chpasswd -e
    case "$3" in locked) usermod -e 1 -- "$1" ;; open) usermod -e '' -- "$1" ;; esac
}
remove_vhost() {
    e=/etc/apache2/sites-enabled/$1 f=/etc/apache2/sites-available/$1
    if [ -L "$e" ] && [ "$(readlink -- "$e")" = "../sites-available/$1" ]; then rm -f -- "$e"; fi
    if [ -f "$f" ] && [ ! -L "$f" ] && [ "$(head -n 1 -- "$f")" = "$hs_header" ]; then rm -f -- "$f"; fi
}
purge_home() { if [ -d "$1" ] && [ ! -L "$1" ]; then rm -rf --one-file-system -- "$1"; fi; }
"#;

/// Keeps the hsadmin vhost files as they were, so that a failing configtest can put them back.
const VHOST_BACKUP: &str = r#"vhost_backup=$hs_tmp/vhosts
mkdir "$vhost_backup" "$vhost_backup/enabled"
for f in /etc/apache2/sites-available/hsadmin-*.conf; do if [ -f "$f" ]; then cp -a -- "$f" "$vhost_backup/"; fi; done
for f in /etc/apache2/sites-enabled/hsadmin-*.conf; do if [ -L "$f" ]; then cp -a -- "$f" "$vhost_backup/enabled/"; fi; done
"#;

const VHOST_CHECK_AND_RELOAD: &str = r#"if ! apache2ctl configtest > "$vhost_backup/configtest.log" 2>&1; then
    rm -f /etc/apache2/sites-available/hsadmin-*.conf /etc/apache2/sites-enabled/hsadmin-*.conf
    for f in "$vhost_backup"/hsadmin-*.conf; do if [ -f "$f" ]; then cp -a -- "$f" /etc/apache2/sites-available/; fi; done
    for f in "$vhost_backup"/enabled/hsadmin-*.conf; do if [ -L "$f" ]; then cp -a -- "$f" /etc/apache2/sites-enabled/; fi; done
    cat "$vhost_backup/configtest.log" >&2
    echo "apache2ctl configtest failed (above); the previous vhost files are back in place" >&2
    exit 40
fi
if apache2ctl status >/dev/null 2>&1 || [ -e /run/apache2/apache2.pid ]; then apache2ctl graceful; else apache2ctl start; fi
"#;

/// Writes the web role's section: its helpers, then each unit with its steps in order. Step markers carry
/// the index of the unit's first action they run, so a failure can be pinned to it.
pub fn section(units: &[(String, Vec<Action>)], cx: &StepContext, out: &mut ApplyScript) {
    let s = out.script();
    s.assign("uid_min", &cx.uid_min).assign("uid_max", &cx.uid_max);
    s.assign("hs_walk", &d(WALK_PL)).assign("hs_header", &d(crate::render::MANAGED_HEADER));
    s.raw(HELPERS);
    if units.iter().flat_map(|(_, a)| a).any(Action::touches_apache) {
        s.raw(VHOST_BACKUP);
    }
    let fs = d(cx.quota_fs);
    for (unit, actions) in units {
        out.unit("web", unit, |s| {
            let mut at = 0;
            for chunk in chunks(actions) {
                s.command("step", &[&(at as u64)]);
                step(s, chunk, &fs);
                at += chunk.len();
            }
        });
    }
}

/// Consecutive directory actions go to one walk (one process per unit, not per directory).
fn chunks(actions: &[Action]) -> Vec<&[Action]> {
    let mut out: Vec<&[Action]> = Vec::new();
    let mut start = 0;
    for i in 1..=actions.len() {
        let same = i < actions.len() && matches!(actions[i], Action::EnsureDir { .. }) && matches!(actions[i - 1], Action::EnsureDir { .. });
        if !same {
            out.push(&actions[start..i]);
            start = i;
        }
    }
    out
}

fn step(s: &mut Script, chunk: &[Action], fs: &Data) {
    if let Action::EnsureDir { .. } = chunk[0] {
        let mut args: Vec<Vec<u8>> = Vec::new();
        for a in chunk {
            if let Action::EnsureDir { path, uid, gid, mode, .. } = a {
                args.extend([path.clone().into_bytes(), uid.to_string().into_bytes(), gid.to_string().into_bytes(), mode.clone().into_bytes()]);
            }
        }
        let data: Vec<Data> = args.iter().map(|a| Data::new(a).expect("validated paths have no NUL")).collect();
        let refs: Vec<&dyn ShellArg> = data.iter().map(|x| x as &dyn ShellArg).collect();
        s.command("ensure_dirs", &refs);
        return;
    }
    one(s, &chunk[0], fs);
}

fn one(s: &mut Script, action: &Action, fs: &Data) {
    match action {
        Action::CreateGroup { group, gid } => {
            s.command("groupadd -g", &[gid, &d(group)]);
        }
        Action::CreateUser { user, uid, gid, home, shell } => {
            s.command("useradd -M -u", &[uid, &d("-g"), gid, &d("-d"), &d(home), &d("-s"), &d(shell), &d(user)]);
        }
        Action::UpdateUser { user, gid, home, shell, comment } => {
            s.command("usermod -g", &[gid, &d("-d"), &d(home), &d("-s"), &d(shell), &d("-c"), &d(comment), &d("--"), &d(user)]);
        }
        Action::SetPassword { user, shadow, locked, set_expiry } => {
            let expiry = match (set_expiry, locked) {
                (false, _) => "keep",
                (true, true) => "locked",
                (true, false) => "open",
            };
            s.command("set_shadow", &[&d(user), &d(shadow), &d(expiry)]);
        }
        Action::LockUser { user, shadow } => {
            s.command("set_shadow", &[&d(user), &d(shadow), &d("locked")]);
        }
        Action::UnlockUser { user, shadow } => {
            s.command("set_shadow", &[&d(user), &d(shadow), &d("open")]);
        }
        Action::EnsureDir { .. } => unreachable!("directories go in walks"),
        Action::SetQuota { kind, name, soft_kb, hard_kb } => {
            let flag = if *kind == QuotaKind::User { "-u" } else { "-g" };
            s.command("setquota", &[&d(flag), &d(name), soft_kb, hard_kb, &0u64, &0u64, fs]);
        }
        Action::InstallCrontab { user, content } => {
            s.pipe(("printf %s", &[&d(content)]), ("crontab -u", &[&d(user), &d("-")]));
        }
        Action::RemoveCrontab { user } => {
            s.command("crontab -r -u", &[&d(user)]);
        }
        Action::EnableModule { module } => {
            s.command("a2enmod -q", &[&d(module)]);
        }
        Action::WriteVhost { file, content } => {
            s.pipe(("printf %s", &[&d(content)]), ("write_file", &[&d(&format!("{SITES_AVAILABLE}/{file}"))]));
        }
        Action::EnableVhost { file } => {
            s.command("ln -sfn", &[&d(&format!("../sites-available/{file}")), &d(&format!("{SITES_ENABLED}/{file}"))]);
        }
        Action::RemoveVhost { file } => {
            s.command("remove_vhost", &[&d(file)]);
        }
        Action::ReloadApache => {
            s.raw(VHOST_CHECK_AND_RELOAD);
        }
        Action::RemoveUser { user, uid } => {
            s.command("remove_user", &[&d(user), uid]);
        }
        Action::RemoveGroup { group, gid } => {
            s.command("remove_group", &[&d(group), gid]);
        }
        Action::PurgeHome { path } => {
            s.command("purge_home", &[&d(path)]);
        }
    }
}

/// Rendered text as a quoted argument; it never holds a NUL (validated names, rendered files).
fn d(text: &str) -> Data<'_> {
    Data::new(text.as_bytes()).expect("rendered text has no NUL")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(units: &[(String, Vec<Action>)]) -> String {
        let mut s = ApplyScript::new(30);
        section(units, &StepContext { quota_fs: "/home", uid_min: 100000, uid_max: 999999 }, &mut s);
        String::from_utf8(s.finish().bytes().to_vec()).unwrap()
    }

    fn dir(path: &str) -> Action {
        Action::EnsureDir { path: path.into(), owner: "xyz00".into(), group: "xyz00".into(), mode: "751".into(), uid: 100000, gid: 100000 }
    }

    #[test]
    fn a_script_quotes_every_value_and_marks_every_step() {
        let units = vec![
            (
                "xyz00".to_owned(),
                vec![
                    Action::CreateGroup { group: "xyz00".into(), gid: 100000 },
                    dir("/home/pacs/xyz00"),
                    dir("/home/pacs/xyz00/users"),
                    Action::InstallCrontab { user: "xyz00".into(), content: "* * * * * echo 'hi' $(id)\n".into() },
                    Action::WriteVhost { file: "hsadmin-example.org.conf".into(), content: "<VirtualHost *:80>\n".into() },
                ],
            ),
            ("apache".to_owned(), vec![Action::ReloadApache]),
        ];
        let text = text(&units);
        assert!(text.contains("step '0'\ngroupadd -g '100000' 'xyz00'\n"), "{text}");
        assert!(text.contains("step '1'\nensure_dirs '/home/pacs/xyz00' '100000' '100000' '751' '/home/pacs/xyz00/users' '100000' '100000' '751'\n"), "{text}");
        assert!(text.contains("step '3'\nprintf %s '* * * * * echo '\\''hi'\\'' $(id)\n' | crontab -u 'xyz00' '-'\n"), "{text}");
        assert!(text.contains("| write_file '/etc/apache2/sites-available/hsadmin-example.org.conf'"));
        assert!(text.find("vhost_backup=").unwrap() < text.find("write_file '/etc").unwrap());
        assert!(text.contains("unit_begin 'web' 'apache'") && text.contains("apache2ctl configtest"));
    }

    #[test]
    fn removals_name_the_id_they_expect() {
        let text = text(&[(
            "xyz00".into(),
            vec![Action::RemoveUser { user: "xyz00".into(), uid: 100000 }, Action::RemoveGroup { group: "xyz00".into(), gid: 100000 }],
        )]);
        assert!(text.contains("remove_user 'xyz00' '100000'\n") && text.contains("remove_group 'xyz00' '100000'\n"), "{text}");
        assert!(text.contains("pkill -KILL -U \"$2\"") && !text.contains("pkill -KILL -u \"$1\""), "{text}");
    }

    #[test]
    fn plans_never_show_secrets_or_contents() {
        let a = Action::SetPassword { user: "xyz00".into(), locked: false, set_expiry: false, shadow: "$6$secret".into() };
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("secret"), "{json}");
        assert_eq!(a.name(), "set_password");
    }
}
