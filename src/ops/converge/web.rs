//! The web role: Unix groups and accounts, homes and site directories, quotas, crontabs and Apache
//! vhosts of the packages on a server. Its desired state is rendered by `render/`, its facts and steps
//! are shell text in `remote/web/`; this file reads the ledger and decides what changes.
use super::role::{Context, Role, StepsContext};
use crate::Result;
use crate::ledger::server::Server;
use crate::ledger::{Tx, cron, domain, package, user};
use crate::model::{self, sha256_hex};
use crate::remote::Script;
use crate::remote::records::Record;
use crate::remote::script::ApplyScript;
use crate::remote::web::facts;
use crate::remote::web::{Action, StepContext, WebFacts};
use crate::render::{self, Desired, QuotaKind};
use std::collections::{BTreeMap, BTreeSet};

pub struct Web;

/// What a web server should have, and every uid the ledger ever handed out (only those are removed).
pub struct WebDesired {
    pub render: Desired,
    pub granted: BTreeMap<u32, String>,
}

/// The unit of the server-wide parts that come first (the roots of the managed trees) and last (Apache).
pub const BASE: &str = "base";
pub const APACHE: &str = "apache";

impl Role for Web {
    type Desired = WebDesired;
    type Facts = WebFacts;
    type Action = Action;
    const ROLE: model::Role = model::Role::Web;

    fn prepare(&self, tx: &Tx, server: &Server, cx: &Context) -> Result<WebDesired> {
        let packages = package::list(tx, None, Some(server.name.as_str()))?;
        let users = user::on_server(tx, server.name.as_str())?;
        // A registration-only domain has nothing on the web server.
        let domains: Vec<_> = domain::on_server(tx, server.name.as_str())?.into_iter().filter(|d| d.hosted).collect();
        let cron_jobs = cron::on_server(tx, server.name.as_str())?;
        let rows = render::Rows { packages: &packages, users: &users, domains: &domains, cron_jobs: &cron_jobs, today: cx.today };
        Ok(WebDesired { render: render::desired(&rows, &cx.config.web), granted: user::granted(tx)? })
    }

    fn facts_script(&self, d: &WebDesired, cx: &Context, script: &mut Script) {
        let h = &cx.config.hosting;
        facts::script(script, h.uid_min, h.uid_max, &cx.config.web.quota_filesystem, &paths(&d.render));
    }

    fn parse(&self, d: &WebDesired, records: &[Record], cx: &Context) -> (WebFacts, Vec<String>) {
        let paths = paths(&d.render);
        let asked: BTreeSet<&str> = paths.iter().map(String::as_str).collect();
        let mut f = facts::parse(records, cx.config.hosting.uid_min, cx.config.hosting.uid_max, &asked);
        let mut warnings = std::mem::take(&mut f.warnings);
        warnings.extend(foreign(d, &f));
        (f, warnings)
    }

    fn diff(&self, d: &WebDesired, f: &WebFacts, _cx: &Context) -> Vec<(String, Action)> {
        let mut out = diff(&d.render, f, &d.granted);
        // The roots first, then the packages in order, Apache last: its reload sees every vhost written.
        out.sort_by_key(|(unit, _)| match unit.as_str() {
            BASE => 0,
            APACHE => 2,
            _ => 1,
        });
        out
    }

    fn usage(&self, d: &WebDesired, f: &WebFacts) -> BTreeMap<String, u64> {
        d.render.groups.iter().map(|g| (g.name.clone(), f.group_quotas.get(&g.name).map_or(0, |q| q.used_kb))).collect()
    }

    fn describe(a: &Action) -> (String, String, bool) {
        (a.name(), a.target(), a.removes())
    }

    fn steps(units: &[(String, Vec<Action>)], cx: &StepsContext, script: &mut ApplyScript) {
        crate::remote::web::steps::section(units, &StepContext { quota_fs: &cx.quota_fs, uid_min: cx.uid_min, uid_max: cx.uid_max }, script);
    }
}

/// The directories whose owner and mode the facts must report.
fn paths(d: &Desired) -> Vec<String> {
    d.dirs.iter().map(|x| x.path.clone()).chain(d.purged_homes.iter().cloned()).collect()
}

/// The package a managed name (`xyz00`, `xyz00-web`) belongs to: its unit.
fn unit_of(name: &str) -> String {
    name.chars().take(5).collect()
}

/// The actions that bring a server with facts `f` to `d`, in the order they must run, each with its unit.
pub fn diff(d: &Desired, f: &WebFacts, granted: &BTreeMap<u32, String>) -> Vec<(String, Action)> {
    let mut a: Vec<(String, Action)> = Vec::new();
    for g in &d.groups {
        if !f.groups.contains_key(&g.name) {
            a.push((g.name.clone(), Action::CreateGroup { group: g.name.clone(), gid: g.gid }));
        }
    }
    for acc in &d.accounts {
        accounts(acc, f, &mut a);
    }
    for dir in &d.dirs {
        let fine = f.paths.get(&dir.path).is_some_and(|p| p.kind == "directory" && p.uid == dir.uid && p.gid == dir.gid && p.mode == dir.mode);
        if !fine {
            let unit = if dir.group == "root" { BASE.to_owned() } else { dir.group.clone() };
            let (path, owner, group, mode) = (dir.path.clone(), dir.owner.clone(), dir.group.clone(), dir.mode.clone());
            a.push((unit, Action::EnsureDir { path, owner, group, mode, uid: dir.uid, gid: dir.gid }));
        }
    }
    a.extend(quotas_to_set(d, f));
    crontabs(d, f, granted, &mut a);
    vhosts(d, f, &mut a);
    removals(d, f, granted, &mut a);
    a
}

fn accounts(acc: &render::Account, f: &WebFacts, a: &mut Vec<(String, Action)>) {
    let unit = unit_of(&acc.name);
    let expire = if acc.locked { "1" } else { "" };
    let (user, shadow) = (acc.name.clone(), acc.shadow.clone());
    match f.accounts.get(&acc.name) {
        None => {
            a.push((unit.clone(), Action::CreateUser { user: user.clone(), uid: acc.uid, gid: acc.gid, home: acc.home.clone(), shell: acc.shell.clone() }));
            if !acc.comment.is_empty() {
                a.push((unit.clone(), update_user(acc)));
            }
            a.push((unit, Action::SetPassword { user, locked: acc.locked, set_expiry: acc.locked, shadow }));
        }
        Some(have) => {
            if have.gid != acc.gid || have.home != acc.home || have.shell != acc.shell || have.comment != acc.comment {
                a.push((unit.clone(), update_user(acc)));
            }
            let was_locked = have.expire == "1";
            if was_locked != acc.locked {
                a.push((unit, if acc.locked { Action::LockUser { user, shadow } } else { Action::UnlockUser { user, shadow } }));
            } else if have.shadow != acc.shadow || have.expire != expire {
                a.push((unit, Action::SetPassword { user, locked: acc.locked, set_expiry: have.expire != expire, shadow }));
            }
        }
    }
}

fn update_user(acc: &render::Account) -> Action {
    Action::UpdateUser { user: acc.name.clone(), gid: acc.gid, home: acc.home.clone(), shell: acc.shell.clone(), comment: acc.comment.clone() }
}

/// Whether the ledger handed out this account's uid under this name: only then may hsadmin remove it.
fn ours(granted: &BTreeMap<u32, String>, uid: u32, name: &str) -> bool {
    granted.get(&uid).is_some_and(|n| n == name)
}

/// Quota limits that differ: desired ones, and limits left on managed accounts and groups that have none now.
fn quotas_to_set(d: &Desired, f: &WebFacts) -> Vec<(String, Action)> {
    let mut out = Vec::new();
    let mut want: BTreeMap<(QuotaKind, &str), (u64, u64)> = BTreeMap::new();
    for q in &d.quotas {
        want.insert((q.kind, q.name.as_str()), (q.soft_kb, q.hard_kb));
    }
    for acc in &d.accounts {
        want.entry((QuotaKind::User, acc.name.as_str())).or_insert((0, 0));
    }
    for g in &d.groups {
        want.entry((QuotaKind::Group, g.name.as_str())).or_insert((0, 0));
    }
    for ((kind, name), (soft, hard)) in want {
        // repquota names ids by account: limits left on the uid or gid of an account that does not exist yet
        // cannot be seen, so a new account or group always gets its limits set (0 clears stale ones).
        let new = if kind == QuotaKind::User { !f.accounts.contains_key(name) } else { !f.groups.contains_key(name) };
        let have = if kind == QuotaKind::User { f.user_quotas.get(name) } else { f.group_quotas.get(name) };
        let (have_soft, have_hard) = have.map_or((0, 0), |q| (q.soft_kb, q.hard_kb));
        if new || (have_soft, have_hard) != (soft, hard) {
            out.push((unit_of(name), Action::SetQuota { kind, name: name.to_owned(), soft_kb: soft, hard_kb: hard }));
        }
    }
    out
}

fn crontabs(d: &Desired, f: &WebFacts, granted: &BTreeMap<u32, String>, a: &mut Vec<(String, Action)>) {
    for c in &d.crontabs {
        if f.crontabs.get(&c.user) != Some(&Some(sha256_hex(c.content.as_bytes()))) {
            a.push((unit_of(&c.user), Action::InstallCrontab { user: c.user.clone(), content: c.content.clone() }));
        }
    }
    for user in f.crontabs.keys() {
        let created = f.accounts.get(user).is_some_and(|acc| ours(granted, acc.uid, user));
        if created && !d.crontabs.iter().any(|c| &c.user == user) {
            a.push((unit_of(user), Action::RemoveCrontab { user: user.clone() }));
        }
    }
}

fn vhosts(d: &Desired, f: &WebFacts, a: &mut Vec<(String, Action)>) {
    let before = a.len();
    for m in &d.modules {
        if !f.modules.contains(m) {
            a.push((APACHE.into(), Action::EnableModule { module: m.clone() }));
        }
    }
    for v in &d.vhosts {
        if f.vhosts.get(&v.file).and_then(|x| x.sha256.as_ref()) != Some(&sha256_hex(v.content.as_bytes())) {
            a.push((v.package.clone(), Action::WriteVhost { file: v.file.clone(), content: v.content.clone() }));
        }
        if f.enabled.get(&v.file).map(String::as_str) != Some(&format!("../sites-available/{}", v.file)) {
            a.push((v.package.clone(), Action::EnableVhost { file: v.file.clone() }));
        }
    }
    let mut stale: Vec<&String> = f.vhosts.keys().chain(f.enabled.keys()).filter(|x| !d.vhosts.iter().any(|v| &v.file == *x)).collect();
    stale.sort();
    stale.dedup();
    for file in stale {
        let managed = f.vhosts.get(file).is_some_and(|v| v.managed) || f.enabled.get(file).is_some_and(|t| *t == format!("../sites-available/{file}"));
        if managed {
            a.push((APACHE.into(), Action::RemoveVhost { file: file.clone() }));
        }
    }
    if a.len() > before {
        a.push((APACHE.into(), Action::ReloadApache));
    }
}

fn removals(d: &Desired, f: &WebFacts, granted: &BTreeMap<u32, String>, a: &mut Vec<(String, Action)>) {
    for (user, acc) in &f.accounts {
        if !d.accounts.iter().any(|x| &x.name == user) && ours(granted, acc.uid, user) {
            a.push((unit_of(user), Action::RemoveUser { user: user.clone(), uid: acc.uid }));
        }
    }
    for (group, gid) in &f.groups {
        if !d.groups.iter().any(|g| &g.name == group) && ours(granted, *gid, group) {
            a.push((group.clone(), Action::RemoveGroup { group: group.clone(), gid: *gid }));
        }
    }
    for home in &d.purged_homes {
        if f.paths.contains_key(home) {
            let unit = home.rsplit('/').next().unwrap_or_default().to_owned();
            a.push((unit, Action::PurgeHome { path: home.clone() }));
        }
    }
}

/// What the server has in hsadmin's ranges and names that hsadmin did not make, and so leaves alone.
pub fn foreign(d: &WebDesired, f: &WebFacts) -> Vec<String> {
    let mut out = Vec::new();
    for (user, acc) in &f.accounts {
        if !d.render.accounts.iter().any(|x| &x.name == user) && !ours(&d.granted, acc.uid, user) {
            out.push(format!("account {user} (uid {}) is in hsadmin's uid range, but hsadmin never created it; left alone", acc.uid));
        }
    }
    for (file, v) in &f.vhosts {
        if !v.managed && !d.render.vhosts.iter().any(|x| &x.file == file) {
            out.push(format!("{file} in sites-available lacks hsadmin's header; left alone"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
