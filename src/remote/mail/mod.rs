//! The mail role on the wire: what its facts script asks a mail server (the SHA-256 of each managed file,
//! the managed `main.cf` settings, whether Postfix and Dovecot are there) and the steps that change it. A
//! table is written beside its place, built with `postmap`/`postalias`, and renamed into place; a changed
//! setting goes in with `postconf -e`. Before Postfix and Dovecot reload, `postfix check` and `doveconf -n`
//! must pass; when one fails, every managed file and `main.cf` come back as they were, and nothing reloads,
//! so mail keeps flowing with the last good configuration.
use crate::remote::quote::{Data, Script, ShellArg};
use crate::remote::records::Record;
use crate::remote::script::ApplyScript;
use serde::Serialize;
use std::collections::BTreeMap;

/// The files the role manages, with how each is built: `postmap`, `postalias`, or nothing.
pub const FILES: &[(&str, &str)] = &[
    ("/etc/postfix/hsadmin-domains", "none"),
    ("/etc/postfix/hsadmin-virtual", "postmap"),
    ("/etc/postfix/hsadmin-aliases", "postalias"),
    ("/etc/dovecot/conf.d/90-hsadmin.conf", "none"),
];

/// The `main.cf` settings the role manages.
pub const SETTINGS: &[&str] = &["virtual_alias_domains", "virtual_alias_maps", "alias_maps", "alias_database", "mailbox_command", "home_mailbox", "smtpd_reject_unlisted_recipient"];

#[derive(Debug, Clone, Default)]
pub struct MailFacts {
    /// Postfix (`postconf`) and Dovecot (`doveconf`) are installed.
    pub postfix: bool,
    pub dovecot: bool,
    /// Managed file → its SHA-256 (a symlink or other non-file counts as missing).
    pub files: BTreeMap<String, String>,
    pub settings: BTreeMap<String, String>,
}

const FACTS_SH: &str = r#"if command -v postconf > /dev/null 2>&1; then rec postfix 1; fi
if command -v doveconf > /dev/null 2>&1; then rec dovecot 1; fi
for f in /etc/postfix/hsadmin-domains /etc/postfix/hsadmin-virtual /etc/postfix/hsadmin-aliases /etc/dovecot/conf.d/90-hsadmin.conf; do
    if [ -f "$f" ] && [ ! -L "$f" ]; then rec file "$f" "$(sha256sum < "$f" | cut -c 1-64)"; fi
done
if command -v postconf > /dev/null 2>&1; then
    for k in virtual_alias_domains virtual_alias_maps alias_maps alias_database mailbox_command home_mailbox smtpd_reject_unlisted_recipient; do
        rec setting "$k" "$(postconf -h "$k" 2> /dev/null)"
    done
fi
"#;

pub fn facts_script(s: &mut Script) {
    s.raw(FACTS_SH);
}

/// Reads the records; anything that is not one of the managed files or settings is ignored.
pub fn parse(records: &[Record]) -> MailFacts {
    let mut f = MailFacts::default();
    for r in records {
        match (r.kind.as_str(), r.text(0), r.text(1)) {
            ("postfix", _, _) => f.postfix = true,
            ("dovecot", _, _) => f.dovecot = true,
            ("file", Some(path), Some(hash)) if FILES.iter().any(|(p, _)| *p == path) && hash.len() == 64 => {
                f.files.insert(path.to_owned(), hash.to_owned());
            }
            ("setting", Some(key), Some(value)) if SETTINGS.contains(&key) => {
                f.settings.insert(key.to_owned(), value.to_owned());
            }
            _ => {}
        }
    }
    f
}

/// One change on a mail server. File contents are never serialised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Writes a managed file (building its table).
    WriteFile {
        file: String,
        #[serde(skip)]
        build: String,
        #[serde(skip)]
        content: String,
    },
    /// Sets a `main.cf` setting.
    SetMain { key: String, value: String },
    /// Checks the whole configuration, then reloads Postfix and Dovecot; rolls back on failure.
    Reload,
}

impl Action {
    pub fn name(&self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v["action"].as_str().map(str::to_owned)).unwrap_or_default()
    }

    pub fn target(&self) -> String {
        match self {
            Action::WriteFile { file, .. } => file.clone(),
            Action::SetMain { key, .. } => key.clone(),
            Action::Reload => "postfix".into(),
        }
    }
}

const HELPERS: &str = r#"mail_backup() {
    [ -d "$hs_tmp/mail" ] && return 0
    mkdir "$hs_tmp/mail"
    cp -p /etc/postfix/main.cf "$hs_tmp/mail/main.cf"
    for f in /etc/postfix/hsadmin-domains /etc/postfix/hsadmin-virtual /etc/postfix/hsadmin-aliases /etc/dovecot/conf.d/90-hsadmin.conf; do
        n=$(echo "$f" | tr / _)
        if [ -f "$f" ]; then cp -p "$f" "$hs_tmp/mail/$n"; fi
        for x in db; do if [ -f "$f.$x" ]; then cp -p "$f.$x" "$hs_tmp/mail/$n.$x"; fi; done
    done
}
mail_restore() {
    cp -p "$hs_tmp/mail/main.cf" /etc/postfix/main.cf
    for f in /etc/postfix/hsadmin-domains /etc/postfix/hsadmin-virtual /etc/postfix/hsadmin-aliases /etc/dovecot/conf.d/90-hsadmin.conf; do
        n=$(echo "$f" | tr / _)
        if [ -f "$hs_tmp/mail/$n" ]; then cp -p "$hs_tmp/mail/$n" "$f"; else rm -f "$f"; fi
        if [ -f "$hs_tmp/mail/$n.db" ]; then cp -p "$hs_tmp/mail/$n.db" "$f.db"; else rm -f "$f.db"; fi
    done
}
mail_write() {
    mail_backup
    cat > "$1.hsadmin-new"
    chmod 644 "$1.hsadmin-new"
    case "$2" in
        postmap) postmap "hash:$1.hsadmin-new" && mv -f "$1.hsadmin-new.db" "$1.db" ;;
        postalias) postalias "hash:$1.hsadmin-new" && mv -f "$1.hsadmin-new.db" "$1.db" ;;
    esac || { rm -f "$1.hsadmin-new" "$1.hsadmin-new.db"; echo "building $1 failed" >&2; return 1; }
    mv -f "$1.hsadmin-new" "$1"
}
mail_set() { mail_backup; postconf -e "$@"; }
mail_reload() {
    if ! postfix check >&2 || ! doveconf -n > /dev/null; then
        mail_restore
        echo "postfix check or doveconf -n failed (above); the previous configuration is back, nothing was reloaded" >&2
        return 1
    fi
    postfix reload > /dev/null 2>&1 || postfix start > /dev/null 2>&1
    doveadm reload > /dev/null 2>&1 || dovecot
}
"#;

fn d(s: &str) -> Data<'_> {
    Data::new(s.as_bytes()).expect("validated values have no NUL")
}

/// Writes the mail role's section: its helpers, then each unit's steps.
pub fn section(role: &str, units: &[(String, Vec<Action>)], out: &mut ApplyScript) {
    out.script().raw(HELPERS);
    for (unit, actions) in units {
        // Every setting in one `postconf -e` (each start of postconf costs tens of milliseconds).
        let settings: Vec<String> = actions
            .iter()
            .filter_map(|a| match a {
                Action::SetMain { key, value } => Some(format!("{key} = {value}")),
                _ => None,
            })
            .collect();
        out.unit(role, unit, |s| {
            let mut set = false;
            for (i, a) in actions.iter().enumerate() {
                s.command("step", &[&(i as u64)]);
                match a {
                    Action::WriteFile { file, build, content } => {
                        s.pipe(("printf %s", &[&d(content)]), ("mail_write", &[&d(file), &d(build) as &dyn ShellArg]));
                    }
                    Action::SetMain { .. } if !set => {
                        set = true;
                        let args: Vec<Data> = settings.iter().map(|x| d(x)).collect();
                        let args: Vec<&dyn ShellArg> = args.iter().map(|a| a as &dyn ShellArg).collect();
                        s.command("mail_set", &args);
                    }
                    Action::SetMain { .. } => {}
                    Action::Reload => {
                        s.command("mail_reload", &[]);
                    }
                }
            }
        });
    }
}
