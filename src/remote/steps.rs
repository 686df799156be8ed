//! What hsadmin can do on a web server, and the shell text for it. `ops/` decides which actions a server
//! needs; this file turns them into one script of idempotent steps.
use super::quote::{Data, Script};
use crate::render::QuotaKind;
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
    EnsureDir {
        path: String,
        owner: String,
        group: String,
        mode: String,
        #[serde(skip)]
        how: DirMethod,
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
    RemoveVhost {
        file: String,
    },
    /// `apache2ctl configtest`, then a graceful reload; on failure the previous vhost files come back.
    ReloadApache,
    RemoveUser {
        user: String,
    },
    RemoveGroup {
        group: String,
    },
    /// Removes a purged package's home directory and everything in it.
    PurgeHome {
        path: String,
    },
}

/// How a directory is made. Most are made in one step; only where another user could swap the path for a
/// symlink does it take the careful three (mkdir, chown without following, chmod with the owner's rights).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DirMethod {
    /// It exists but is wrong, or its parent belongs to someone else: the careful way.
    #[default]
    Repair,
    /// New, in a directory only root can write: `install -d`.
    AsRoot,
    /// New, in a directory of the same owner: `mkdir` run as the owner.
    AsOwner,
}

impl Action {
    /// What the action is about, for tables.
    pub fn target(&self) -> String {
        match self {
            Action::CreateGroup { group, .. } | Action::RemoveGroup { group } => group.clone(),
            Action::CreateUser { user, .. }
            | Action::UpdateUser { user, .. }
            | Action::SetPassword { user, .. }
            | Action::LockUser { user, .. }
            | Action::UnlockUser { user, .. }
            | Action::InstallCrontab { user, .. }
            | Action::RemoveCrontab { user }
            | Action::RemoveUser { user } => user.clone(),
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

    fn touches_apache(&self) -> bool {
        matches!(self, Action::EnableModule { .. } | Action::WriteVhost { .. } | Action::EnableVhost { .. } | Action::RemoveVhost { .. } | Action::ReloadApache)
    }
}

/// Helpers every apply script starts with. Directories are made so that a user's symlink can never
/// redirect root: never follow a link, chown without dereferencing, chmod with the owner's rights only.
const PRELUDE: &str = r#"set -eu
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C
umask 022
step() { printf 'hsadmin-step|%s\n' "$1"; }
ensure_dir() {
    if [ -L "$1" ]; then echo "refusing to manage $1: it is a symbolic link" >&2; return 1; fi
    [ -d "$1" ] || mkdir -- "$1"
    chown -h -- "$2:$3" "$1"
    if [ "$2" = root ]; then chmod -- "$4" "$1"; else setpriv --reuid="$2" --regid="$3" --clear-groups chmod -- "$4" "$1"; fi
}
write_file() { cat > "$1.hsadmin-new" && mv -f -- "$1.hsadmin-new" "$1"; }
remove_user() { pkill -KILL -u "$1" || true; userdel -- "$1"; }
# userdel already removes a group named like the user when no other user has it as primary group.
remove_group() { if getent group "$1" > /dev/null; then groupdel -- "$1"; fi; }
make_dir_as_root() { install -d -o "$2" -g "$3" -m "$4" -- "$1"; }
make_dir_as_owner() { setpriv --reuid="$2" --regid="$3" --clear-groups mkdir -m "$4" -- "$1"; }
set_shadow() {
    printf '%s:%s\n' "$1" "$2" | chpasswd -e
    case "$3" in locked) usermod -e 1 -- "$1" ;; open) usermod -e '' -- "$1" ;; esac
}
mkdir -p /home/pacs /var/log/apache2/hsadmin
"#;

/// Keeps the hsadmin vhost files as they were, so that a failing configtest can put them back.
const VHOST_BACKUP: &str = r#"vhost_backup=$(mktemp -d /var/tmp/hsadmin-vhosts.XXXXXX)
mkdir "$vhost_backup/enabled"
for f in /etc/apache2/sites-available/hsadmin-*.conf; do [ -f "$f" ] && cp -a -- "$f" "$vhost_backup/"; done
for f in /etc/apache2/sites-enabled/hsadmin-*.conf; do [ -L "$f" ] && cp -a -- "$f" "$vhost_backup/enabled/"; done
"#;

const VHOST_CHECK_AND_RELOAD: &str = r#"if ! apache2ctl configtest > "$vhost_backup/configtest.log" 2>&1; then
    rm -f /etc/apache2/sites-available/hsadmin-*.conf /etc/apache2/sites-enabled/hsadmin-*.conf
    for f in "$vhost_backup"/hsadmin-*.conf; do [ -f "$f" ] && cp -a -- "$f" /etc/apache2/sites-available/; done
    for f in "$vhost_backup"/enabled/hsadmin-*.conf; do [ -L "$f" ] && cp -a -- "$f" /etc/apache2/sites-enabled/; done
    echo "apache2ctl configtest failed; the previous vhost files are back in place:" >&2
    cat "$vhost_backup/configtest.log" >&2
    rm -rf -- "$vhost_backup"
    exit 40
fi
rm -rf -- "$vhost_backup"
if apache2ctl status >/dev/null 2>&1 || [ -e /run/apache2/apache2.pid ]; then apache2ctl graceful; else apache2ctl start; fi
"#;

/// The exit status of a script whose vhosts failed `apache2ctl configtest` (and were restored).
pub const CONFIGTEST_FAILED: i32 = 40;

/// One script for all of a server's actions, in their order. Each step prints a marker first, so that a
/// failure can be pinned to its step.
pub fn script(actions: &[Action], quota_fs: &str) -> Script {
    let mut s = Script::new();
    s.raw(PRELUDE);
    let fs = Data::new(quota_fs.as_bytes()).expect("config paths have no NUL");
    let mut apache_open = false;
    for (i, action) in actions.iter().enumerate() {
        if action.touches_apache() && !apache_open {
            s.raw(VHOST_BACKUP);
            apache_open = true;
        }
        s.command("step", &[&(i as u64)]);
        match action {
            Action::CreateGroup { group, gid } => {
                s.command("groupadd -g", &[gid, &d(group)]);
            }
            Action::CreateUser { user, uid, gid, home, shell } => {
                s.command(
                    "useradd -M -u",
                    &[uid, &Data::new(b"-g").unwrap(), gid, &Data::new(b"-d").unwrap(), &d(home), &Data::new(b"-s").unwrap(), &d(shell), &d(user)],
                );
            }
            Action::UpdateUser { user, gid, home, shell, comment } => {
                s.command(
                    "usermod -g",
                    &[
                        gid,
                        &Data::new(b"-d").unwrap(),
                        &d(home),
                        &Data::new(b"-s").unwrap(),
                        &d(shell),
                        &Data::new(b"-c").unwrap(),
                        &d(comment),
                        &Data::new(b"--").unwrap(),
                        &d(user),
                    ],
                );
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
            Action::EnsureDir { path, owner, group, mode, how } => {
                let helper = match how {
                    DirMethod::Repair => "ensure_dir",
                    DirMethod::AsRoot => "make_dir_as_root",
                    DirMethod::AsOwner => "make_dir_as_owner",
                };
                s.command(helper, &[&d(path), &d(owner), &d(group), &d(mode)]);
            }
            Action::SetQuota { kind, name, soft_kb, hard_kb } => {
                let flag = if *kind == QuotaKind::User { "-u" } else { "-g" };
                s.command("setquota", &[&d(flag), &d(name), soft_kb, hard_kb, &0u64, &0u64, &fs]);
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
                let path = format!("{}/{file}", crate::render::SITES_AVAILABLE);
                s.pipe(("printf %s", &[&d(content)]), ("write_file", &[&d(&path)]));
            }
            Action::EnableVhost { file } => {
                s.command("ln -sfn", &[&d(&format!("../sites-available/{file}")), &d(&format!("{}/{file}", crate::render::SITES_ENABLED))]);
            }
            Action::RemoveVhost { file } => {
                s.command("rm -f --", &[&d(&format!("{}/{file}", crate::render::SITES_ENABLED)), &d(&format!("{}/{file}", crate::render::SITES_AVAILABLE))]);
            }
            Action::ReloadApache => {
                s.raw(VHOST_CHECK_AND_RELOAD);
                apache_open = false;
            }
            Action::RemoveUser { user } => {
                s.command("remove_user", &[&d(user)]);
            }
            Action::RemoveGroup { group } => {
                s.command("remove_group", &[&d(group)]);
            }
            Action::PurgeHome { path } => {
                s.command("rm -rf --one-file-system --", &[&d(path)]);
            }
        }
    }
    s.raw("step done\n");
    s
}

/// Rendered text as a quoted argument; it never holds a NUL (validated names, rendered files).
fn d(text: &str) -> Data<'_> {
    Data::new(text.as_bytes()).expect("rendered text has no NUL")
}

/// The marker of the last step a script reached (`None` before the first).
pub fn last_step(stdout: &[u8]) -> Option<String> {
    String::from_utf8_lossy(stdout).lines().filter_map(|l| l.strip_prefix("hsadmin-step|")).next_back().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_quotes_every_value_and_marks_every_step() {
        let actions = [
            Action::CreateGroup { group: "xyz00".into(), gid: 100000 },
            Action::InstallCrontab { user: "xyz00".into(), content: "* * * * * echo 'hi' $(id)\n".into() },
            Action::WriteVhost { file: "hsadmin-example.org.conf".into(), content: "<VirtualHost *:80>\n".into() },
            Action::ReloadApache,
        ];
        let text = String::from_utf8(script(&actions, "/home").bytes().to_vec()).unwrap();
        assert!(text.contains("step '0'\ngroupadd -g '100000' 'xyz00'\n"), "{text}");
        assert!(text.contains("printf %s '* * * * * echo '\\''hi'\\'' $(id)\n' | crontab -u 'xyz00' '-'\n"), "{text}");
        assert!(text.contains("| write_file '/etc/apache2/sites-available/hsadmin-example.org.conf'"));
        assert!(text.find("vhost_backup=").unwrap() < text.find("write_file '/etc").unwrap());
        assert!(text.contains("apache2ctl configtest"));
        assert_eq!(last_step(b"hsadmin-step|0\nhsadmin-step|1\nother\n").as_deref(), Some("1"));
        // A package admin's userdel may already have taken the package group: removing it is idempotent.
        let text =
            String::from_utf8(script(&[Action::RemoveUser { user: "xyz00".into() }, Action::RemoveGroup { group: "xyz00".into() }], "/home").bytes().to_vec())
                .unwrap();
        assert!(text.contains("remove_group 'xyz00'\n") && text.contains("remove_group() { if getent group"), "{text}");
    }

    #[test]
    fn plans_never_show_secrets_or_contents() {
        let a = Action::SetPassword { user: "xyz00".into(), locked: false, set_expiry: false, shadow: "$6$secret".into() };
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("secret"), "{json}");
        assert_eq!(a.name(), "set_password");
    }
}
