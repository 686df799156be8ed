//! The mail role: the addresses and aliases of the packages on a server become Postfix's tables there
//! (`render::mail`), delivered through procmail into the mailbox user's `~/Maildir/` and read with Dovecot,
//! which authenticates the system's users. The role owns a few files and `main.cf` settings
//! (`remote::mail::{FILES, SETTINGS}`); it compares their SHA-256 and values with what the ledger renders
//! and rewrites what differs, then checks and reloads. Unknown recipients of a mail domain are refused at
//! SMTP time (550), by the virtual alias table. An alias's `|command`s go into an include file owned by the
//! package admin, so that local(8) runs them as the admin; aliases with an `:include:` of the customer's are
//! not put on a server yet (the plan warns).
use super::role::{Context, Role, StepsContext};
use crate::Result;
use crate::ledger::Tx;
use crate::ledger::server::Server;
use crate::model::{self, MailTarget, sha256_hex};
use crate::remote::Script;
use crate::remote::mail::{self as wire, Action, FILES, MailFacts};
use crate::remote::records::Record;
use crate::remote::script::ApplyScript;
use crate::render::MANAGED_HEADER;

pub struct Mail;

/// Everything is one unit: the tables are server-wide.
pub const UNIT: &str = "postfix";

/// What the ledger says the server should have.
pub struct MailDesired {
    /// (file, how it is built, content).
    pub files: Vec<(String, String, String)>,
    pub settings: Vec<(String, String)>,
    pub lists: Vec<WantList>,
    pub includes: Vec<WantInclude>,
    pub warnings: Vec<String>,
}

/// An alias's include file with its commands, owned by the package admin (uid).
#[derive(Debug, Clone)]
pub struct WantInclude {
    pub alias: String,
    pub owner: String,
    pub uid: u32,
    pub content: String,
}

/// The package admin's uid.
fn found_admin(tx: &Tx, package: &model::PackageName) -> Result<u32> {
    crate::ledger::user::get(tx, package.as_str())?
        .map(|u| u.uid)
        .ok_or_else(|| crate::Error::Failed(format!("package {package} has no admin user in the ledger")))
}

/// A list as its directory must be.
#[derive(Debug, Clone)]
pub struct WantList {
    pub list: String,
    pub dir: String,
    pub owner: String,
    pub policy: String,
    pub relayhost: String,
    pub subscribers: Vec<String>,
    pub spec: String,
}

/// The `main.cf` settings, pointing Postfix at the tables and local delivery at procmail.
fn settings() -> Vec<(String, String)> {
    [
        ("virtual_alias_domains", "/etc/postfix/hsadmin-domains"),
        ("virtual_alias_maps", "hash:/etc/postfix/hsadmin-virtual"),
        ("alias_maps", "hash:/etc/aliases, hash:/etc/postfix/hsadmin-aliases"),
        ("alias_database", "hash:/etc/aliases, hash:/etc/postfix/hsadmin-aliases"),
        ("mailbox_command", "/usr/bin/procmail -a \"$EXTENSION\" DEFAULT=$HOME/Maildir/ MAILDIR=$HOME/Maildir"),
        ("home_mailbox", "Maildir/"),
        ("smtpd_reject_unlisted_recipient", "yes"),
        ("transport_maps", "hash:/etc/postfix/hsadmin-transport"),
        ("allow_mail_to_commands", "alias, forward, include"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

impl Role for Mail {
    type Desired = MailDesired;
    type Facts = MailFacts;
    type Action = Action;
    const ROLE: model::Role = model::Role::Mail;

    fn prepare(&self, tx: &Tx, server: &Server, _cx: &Context) -> Result<MailDesired> {
        let packages = crate::ledger::package::names_on_server(tx, server.name.as_str())?;
        let mine = |p: &model::PackageName| packages.iter().any(|n| n == p.as_str());
        let addresses: Vec<_> = crate::ledger::mail::addresses(tx, None, None)?.into_iter().filter(|a| mine(&a.package)).collect();
        let mut warnings = Vec::new();
        let mut includes = Vec::new();
        let mut aliases = Vec::new();
        for mut a in crate::ledger::mail::aliases(tx, None)?.into_iter().filter(|a| mine(&a.package)) {
            if a.targets.iter().any(|t| matches!(t, MailTarget::Include(_))) {
                warnings.push(format!("alias {} has an :include: target, which the mail role does not deliver yet; left out", a.name));
                continue;
            }
            // Commands go into an include file of the package admin's: local(8) runs them as that file's owner.
            let commands: Vec<String> = a.targets.iter().filter_map(|t| if let MailTarget::Pipe(c) = t { Some(format!("\"|{c}\"\n")) } else { None }).collect();
            if !commands.is_empty() {
                let admin = found_admin(tx, &a.package)?;
                let file = format!("{}/{}", wire::INCLUDES, a.name);
                a.targets.retain(|t| !matches!(t, MailTarget::Pipe(_)));
                a.targets.push(MailTarget::Include(file));
                includes.push(WantInclude {
                    alias: a.name.to_string(),
                    owner: a.package.to_string(),
                    uid: admin,
                    content: format!("{MANAGED_HEADER}\n{}", commands.concat()),
                });
            }
            aliases.push(a);
        }
        let domains: Vec<String> = crate::ledger::domain::list(tx, None)?
            .into_iter()
            .filter(|d| d.mail && d.hosted && packages.iter().any(|n| n == d.package.as_str()))
            .map(|d| d.name.to_string())
            .collect();
        let lists: Vec<_> = crate::ledger::mail::lists(tx, None)?.into_iter().filter(|l| mine(&l.package)).collect();
        let t = crate::render::mail::tables(&addresses, &aliases, &lists, &domains);
        let relayhost = server.address.to_string();
        let lists: Vec<WantList> = lists
            .iter()
            .map(|l| WantList {
                list: l.address(),
                dir: crate::render::mail::list_dir(l),
                owner: l.owner.to_string(),
                policy: l.policy.to_string(),
                relayhost: relayhost.clone(),
                subscribers: l.subscribers.iter().map(ToString::to_string).collect(),
                spec: crate::render::mail::list_spec(l, &relayhost),
            })
            .collect();
        let dovecot = format!("{MANAGED_HEADER}\nmail_location = maildir:~/Maildir\n");
        let files = [(FILES[0].0, t.domains), (FILES[1].0, t.virtual_map), (FILES[2].0, t.aliases), (FILES[3].0, dovecot), (FILES[4].0, t.transport)];
        let build = |path: &str| FILES.iter().find(|(p, _)| *p == path).map(|(_, b)| (*b).to_owned()).unwrap_or_default();
        let files = files.into_iter().map(|(p, c)| (p.to_owned(), build(p), c)).collect();
        let mut settings = settings();
        if !lists.is_empty() {
            // Postfix knows the parameter only once master.cf has the mlmmj transport.
            settings.push(("mlmmj_destination_recipient_limit".into(), "1".into()));
        }
        Ok(MailDesired { files, settings, lists, includes, warnings })
    }

    fn facts_script(&self, _d: &MailDesired, _cx: &Context, script: &mut Script) {
        wire::facts_script(script);
    }

    fn parse(&self, d: &MailDesired, records: &[Record], _cx: &Context) -> (MailFacts, Vec<String>) {
        let f = wire::parse(records);
        let mut warnings = d.warnings.clone();
        if !f.postfix || !f.dovecot {
            warnings.push("the server lacks Postfix or Dovecot (postconf, doveconf): nothing was planned for its mail".into());
        }
        (f, warnings)
    }

    fn diff(&self, d: &MailDesired, f: &MailFacts, _cx: &Context) -> Vec<(String, Action)> {
        diff(d, f)
    }

    fn describe(a: &Action) -> (String, String, bool) {
        (a.name(), a.target(), matches!(a, Action::RemoveList { .. } | Action::RemoveInclude { .. }))
    }

    fn steps(units: &[(String, Vec<Action>)], _cx: &StepsContext, script: &mut ApplyScript) {
        wire::section(model::Role::Mail.as_str(), units, script);
    }
}

/// The files and settings that differ, then the reload (pure).
pub fn diff(d: &MailDesired, f: &MailFacts) -> Vec<(String, Action)> {
    if !f.postfix || !f.dovecot {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (file, build, content) in &d.files {
        if f.files.get(file) != Some(&sha256_hex(content.as_bytes())) {
            out.push((UNIT.to_owned(), Action::WriteFile { file: file.clone(), build: build.clone(), content: content.clone() }));
        }
    }
    for (key, value) in &d.settings {
        if f.settings.get(key) != Some(value) {
            out.push((UNIT.to_owned(), Action::SetMain { key: key.clone(), value: value.clone() }));
        }
    }
    if !d.lists.is_empty() && !f.mlmmj {
        out.push((UNIT.to_owned(), Action::SetupLists));
    }
    for l in &d.lists {
        if f.lists.get(&l.dir) != Some(&sha256_hex(l.spec.as_bytes())) {
            let w = Action::WriteList {
                list: l.list.clone(),
                dir: l.dir.clone(),
                owner: l.owner.clone(),
                policy: l.policy.clone(),
                relayhost: l.relayhost.clone(),
                subscribers: l.subscribers.clone(),
                spec: l.spec.clone(),
            };
            out.push((UNIT.to_owned(), w));
        }
    }
    for dir in f.lists.keys().filter(|dir| !d.lists.iter().any(|l| &l.dir == *dir)) {
        out.push((UNIT.to_owned(), Action::RemoveList { dir: dir.clone() }));
    }
    for i in &d.includes {
        if f.includes.get(&i.alias) != Some(&(sha256_hex(i.content.as_bytes()), i.uid)) {
            out.push((UNIT.to_owned(), Action::WriteInclude { alias: i.alias.clone(), owner: i.owner.clone(), content: i.content.clone() }));
        }
    }
    for name in f.includes.keys().filter(|n| !d.includes.iter().any(|i| &i.alias == *n)) {
        out.push((UNIT.to_owned(), Action::RemoveInclude { alias: name.clone() }));
    }
    if !out.is_empty() {
        out.push((UNIT.to_owned(), Action::Reload));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_differs_is_written_and_a_change_reloads() {
        let d = MailDesired {
            files: vec![("/etc/postfix/hsadmin-virtual".into(), "postmap".into(), "x\n".into())],
            settings: settings(),
            lists: vec![],
            includes: vec![],
            warnings: vec![],
        };
        let mut f = MailFacts { postfix: true, dovecot: true, ..Default::default() };
        let names = |v: &[(String, Action)]| v.iter().map(|(_, a)| format!("{} {}", a.name(), a.target())).collect::<Vec<_>>();
        let first = names(&diff(&d, &f));
        assert_eq!(first.first().map(String::as_str), Some("write_file /etc/postfix/hsadmin-virtual"));
        assert_eq!(first.last().map(String::as_str), Some("reload postfix"));
        f.files.insert("/etc/postfix/hsadmin-virtual".into(), sha256_hex(b"x\n"));
        f.settings = settings().into_iter().collect();
        assert!(diff(&d, &f).is_empty(), "in line: nothing to do");
        f.settings.insert("alias_maps".into(), "hash:/etc/aliases".into());
        assert_eq!(names(&diff(&d, &f)), ["set_main alias_maps", "reload postfix"]);
        assert!(diff(&d, &MailFacts::default()).is_empty(), "no Postfix: nothing planned");
    }
}
