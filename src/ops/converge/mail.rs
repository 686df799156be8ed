//! The mail role: the addresses and aliases of the packages on a server become Postfix's tables there
//! (`render::mail`), delivered through procmail into the mailbox user's `~/Maildir/` and read with Dovecot,
//! which authenticates the system's users. The role owns a few files and `main.cf` settings
//! (`remote::mail::{FILES, SETTINGS}`); it compares their SHA-256 and values with what the ledger renders
//! and rewrites what differs, then checks and reloads. Unknown recipients of a mail domain are refused at
//! SMTP time (550), by the virtual alias table. An alias's `|command`s go into an include file owned by the
//! package admin, so that local(8) runs them as the admin. A customer's `:include:` file is never handed to
//! Postfix: the facts script reads it without following a symlink, the role checks its owner (a user of the
//! package) and every target in it (`MailTarget::parse_include_file`), and what passes becomes hsadmin's
//! copy, owned by the file's owner, so that its commands run as that owner — refreshed on each apply. The
//! owner may edit the copy, as they may their `~/.forward`; the next apply puts it back.
use super::role::{Context, Role, StepsContext};
use crate::Result;
use crate::ledger::Tx;
use crate::ledger::mail::Alias;
use crate::ledger::server::Server;
use crate::model::{self, MailTarget, sha256_hex};
use crate::remote::Script;
use crate::remote::mail::{self as wire, Action, FILES, MailFacts};
use crate::remote::records::Record;
use crate::remote::script::ApplyScript;
use crate::render::MANAGED_HEADER;
use std::collections::BTreeMap;

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
    pub copies: Vec<WantCopy>,
}

/// An alias's include file with its commands, owned by the package admin (uid).
#[derive(Debug, Clone)]
pub struct WantInclude {
    pub name: String,
    pub owner: String,
    pub uid: u32,
    pub content: String,
}

/// A customer's include file (`:include:PATH` of an alias), read by the facts script and copied, checked,
/// to `INCLUDES/ALIAS+N`, owned by the file's owner, who must be a user of the alias's package.
#[derive(Debug, Clone)]
pub struct WantCopy {
    pub name: String,
    pub alias: String,
    pub path: String,
    pub package: String,
    /// The package's users by uid. Until the file can be read, the copy is an empty one of the package
    /// admin's (named like the package).
    pub users: BTreeMap<u32, String>,
}

/// The aliases as the server gets them, with their include files: an alias's `|command`s go into one of
/// the package admin's, since local(8) runs an include file's commands as its owner; each `:include:` of
/// the customer's becomes a copy of hsadmin's, checked on every apply.
fn includes(tx: &Tx, aliases: Vec<Alias>) -> Result<(Vec<Alias>, Vec<WantInclude>, Vec<WantCopy>)> {
    let (mut out, mut includes, mut copies) = (Vec::new(), Vec::new(), Vec::new());
    for mut a in aliases {
        let users: BTreeMap<u32, String> = crate::ledger::user::list(tx, Some(a.package.as_str()))?.into_iter().map(|u| (u.uid, u.name.to_string())).collect();
        let admin = users.iter().find(|(_, n)| n.as_str() == a.package.as_str()).map(|(uid, _)| *uid);
        let admin = admin.ok_or_else(|| crate::Error::Failed(format!("package {} has no admin user in the ledger", a.package)))?;
        let commands: Vec<MailTarget> = a.targets.iter().filter(|t| matches!(t, MailTarget::Pipe(_))).cloned().collect();
        let mut targets = Vec::new();
        for t in std::mem::take(&mut a.targets) {
            match t {
                MailTarget::Pipe(_) => {}
                MailTarget::Include(path) => {
                    let name = format!("{}+{}", a.name, copies.iter().filter(|c: &&WantCopy| c.alias == a.name.as_str()).count() + 1);
                    targets.push(MailTarget::Include(format!("{}/{name}", wire::INCLUDES)));
                    copies.push(WantCopy { name, alias: a.name.to_string(), path, package: a.package.to_string(), users: users.clone() });
                }
                t => targets.push(t),
            }
        }
        if !commands.is_empty() {
            targets.push(MailTarget::Include(format!("{}/{}", wire::INCLUDES, a.name)));
            let content = crate::render::mail::include_file(&commands);
            includes.push(WantInclude { name: a.name.to_string(), owner: a.package.to_string(), uid: admin, content });
        }
        a.targets = targets;
        out.push(a);
    }
    Ok((out, includes, copies))
}

/// The relay tables of an inbound mail server (`[mail] inbound`): the mail domains of the packages on the
/// other servers with the mail role, each sent on to its package's server; empty on any other server.
fn relay(tx: &Tx, server: &Server, cx: &Context) -> Result<crate::render::mail::Relay> {
    let (mut addresses, mut lists, mut nexthop) = (Vec::new(), Vec::new(), BTreeMap::new());
    if cx.config.mail.is_inbound(server.name.as_str()) {
        let others: BTreeMap<String, String> = crate::ledger::server::list(tx)?
            .into_iter()
            .filter(|s| s.name != server.name && s.roles.contains(model::Role::Mail))
            .map(|s| (s.name.to_string(), s.address.to_string()))
            .collect();
        let home: BTreeMap<String, String> = crate::ledger::package::list(tx, None, None)?
            .into_iter()
            .filter_map(|p| others.get(p.server.as_str()).map(|a| (p.name.to_string(), a.clone())))
            .collect();
        addresses = crate::ledger::mail::addresses(tx, None, None)?.into_iter().filter(|a| home.contains_key(a.package.as_str())).collect();
        lists = crate::ledger::mail::lists(tx, None)?.into_iter().filter(|l| home.contains_key(l.package.as_str())).collect();
        for d in crate::ledger::domain::list(tx, None)?.into_iter().filter(|d| d.mail && d.hosted) {
            if let Some(address) = home.get(d.package.as_str()) {
                nexthop.insert(d.name.to_string(), address.clone());
            }
        }
        for a in &addresses {
            nexthop.insert(a.mail_domain(), home[a.package.as_str()].clone());
        }
        for l in &lists {
            nexthop.insert(l.domain.to_string(), home[l.package.as_str()].clone());
        }
    }
    Ok(crate::render::mail::relay(&addresses, &lists, &nexthop))
}

/// A customer's include file as its copy must be: (owner, uid, content), or why it stays as it was. Lines
/// that fail the rules (`MailTarget::parse_include_file`, mailboxes of the package) are left out, each
/// with a warning.
fn checked_copy(c: &WantCopy, read: Option<&std::result::Result<(u32, String), String>>, warnings: &mut Vec<String>) -> Option<(String, u32, String)> {
    let why = match read {
        None => "it was not read".to_owned(),
        Some(Err(why)) => why.clone(),
        Some(Ok((uid, text))) => match c.users.get(uid) {
            None => format!("it belongs to uid {uid}, no user of package {}", c.package),
            Some(owner) => {
                let (mut targets, problems) = MailTarget::parse_include_file(text);
                for p in problems {
                    warnings.push(format!("alias {}: include file {}: {p}; left out", c.alias, c.path));
                }
                targets.retain(|t| match t {
                    MailTarget::User(u) if !c.users.values().any(|n| n == u.as_str()) => {
                        warnings.push(format!("alias {}: include file {}: {u} is no user of package {}; left out", c.alias, c.path, c.package));
                        false
                    }
                    _ => true,
                });
                return Some((owner.clone(), *uid, crate::render::mail::include_file(&targets)));
            }
        },
    };
    warnings.push(format!("alias {}: include file {} is not used ({why}); its copy stays as it was", c.alias, c.path));
    None
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

/// The managed `main.cf` settings of a server, with the list ones when it has lists.
fn settings(lists: bool) -> Vec<(String, String)> {
    let extra = if lists { wire::LIST_SETTINGS } else { &[] };
    wire::SETTINGS.iter().chain(extra).map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

impl Role for Mail {
    type Desired = MailDesired;
    type Facts = MailFacts;
    type Action = Action;
    const ROLE: model::Role = model::Role::Mail;

    fn prepare(&self, tx: &Tx, server: &Server, cx: &Context) -> Result<MailDesired> {
        let packages = crate::ledger::package::names_on_server(tx, server.name.as_str())?;
        let mine = |p: &model::PackageName| packages.iter().any(|n| n == p.as_str());
        let addresses: Vec<_> = crate::ledger::mail::addresses(tx, None, None)?.into_iter().filter(|a| mine(&a.package)).collect();
        let all = crate::ledger::mail::aliases(tx, None)?.into_iter().filter(|a| mine(&a.package)).collect();
        let (aliases, includes, copies) = includes(tx, all)?;
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
        let relay = relay(tx, server, cx)?;
        let files = [
            (FILES[0].0, t.domains),
            (FILES[1].0, t.virtual_map),
            (FILES[2].0, t.aliases),
            (FILES[3].0, dovecot),
            (FILES[4].0, t.transport + &relay.transport),
            (FILES[5].0, relay.domains),
            (FILES[6].0, relay.recipients),
        ];
        let build = |path: &str| FILES.iter().find(|(p, _)| *p == path).map(|(_, b)| (*b).to_owned()).unwrap_or_default();
        let files = files.into_iter().map(|(p, c)| (p.to_owned(), build(p), c)).collect();
        let settings = settings(!lists.is_empty());
        Ok(MailDesired { files, settings, lists, includes, copies })
    }

    fn facts_script(&self, d: &MailDesired, _cx: &Context, script: &mut Script) {
        let sources: Vec<(String, String)> = d.copies.iter().map(|c| (c.name.clone(), c.path.clone())).collect();
        wire::facts_script(script, &sources);
    }

    fn parse(&self, d: &MailDesired, records: &[Record], _cx: &Context) -> (MailFacts, Vec<String>) {
        let mut f = wire::parse(records);
        let mut warnings = Vec::new();
        for c in &d.copies {
            if let Some(copy) = checked_copy(c, f.sources.get(&c.name), &mut warnings) {
                f.copies.insert(c.name.clone(), copy);
            }
        }
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
    let write = |name: &str, owner: &str, content: &str| Action::WriteInclude { name: name.into(), owner: owner.into(), content: content.into() };
    for i in &d.includes {
        if f.includes.get(&i.name) != Some(&(sha256_hex(i.content.as_bytes()), i.uid)) {
            out.push((UNIT.to_owned(), write(&i.name, &i.owner, &i.content)));
        }
    }
    for c in &d.copies {
        match f.copies.get(&c.name) {
            Some((owner, uid, content)) if f.includes.get(&c.name) != Some(&(sha256_hex(content.as_bytes()), *uid)) => {
                out.push((UNIT.to_owned(), write(&c.name, owner, content)));
            }
            // Not readable yet, and no copy: an empty one, so that the alias's other targets get their mail.
            None if !f.includes.contains_key(&c.name) => out.push((UNIT.to_owned(), write(&c.name, &c.package, &crate::render::mail::include_file(&[])))),
            _ => {}
        }
    }
    let wanted = |n: &String| d.includes.iter().any(|i| &i.name == n) || d.copies.iter().any(|c| &c.name == n);
    for name in f.includes.keys().filter(|n| !wanted(n)) {
        out.push((UNIT.to_owned(), Action::RemoveInclude { name: name.clone() }));
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
            settings: settings(false),
            lists: vec![],
            includes: vec![],
            copies: vec![],
        };
        let mut f = MailFacts { postfix: true, dovecot: true, ..Default::default() };
        let names = |v: &[(String, Action)]| v.iter().map(|(_, a)| format!("{} {}", a.name(), a.target())).collect::<Vec<_>>();
        let first = names(&diff(&d, &f));
        assert_eq!(first.first().map(String::as_str), Some("write_file /etc/postfix/hsadmin-virtual"));
        assert_eq!(first.last().map(String::as_str), Some("reload postfix"));
        f.files.insert("/etc/postfix/hsadmin-virtual".into(), sha256_hex(b"x\n"));
        f.settings = settings(false).into_iter().collect();
        assert!(diff(&d, &f).is_empty(), "in line: nothing to do");
        f.settings.insert("alias_maps".into(), "hash:/etc/aliases".into());
        assert_eq!(names(&diff(&d, &f)), ["set_main alias_maps", "reload postfix"]);
        assert!(diff(&d, &MailFacts::default()).is_empty(), "no Postfix: nothing planned");
    }
}
