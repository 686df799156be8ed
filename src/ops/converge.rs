//! The config robot: render what each web server should have, read what it has (one round trip), plan
//! the difference, and apply it as one script per server, servers in parallel.
use crate::config::Config;
use crate::ledger::server::Server;
use crate::ledger::server_state::ServerState;
use crate::ledger::{Tx, cron, domain, package, server as server_rows, server_state, user};
use crate::model::{Role, Roles, ServerName};
use crate::remote::facts::{self, Facts};
use crate::remote::steps::{self, Action, DirMethod};
use crate::remote::{self, Connection, SshOptions};
use crate::render::{self, Desired, QuotaKind};
use crate::{Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;

/// A web server and what it should look like.
pub struct Work {
    pub server: Server,
    pub desired: Desired,
}

/// Reads the ledger and renders the desired state of the web servers (all, or the named ones).
pub fn prepare(tx: &Tx, names: &[ServerName], config: &Config, today: &str) -> Result<Vec<Work>> {
    let servers: Vec<Server> = if names.is_empty() {
        server_rows::list(tx)?.into_iter().filter(|s| Roles::parse("role", &s.roles).is_ok_and(|r| r.contains(Role::Web))).collect()
    } else {
        names.iter().map(|n| super::server::get(tx, n)).collect::<Result<_>>()?
    };
    let mut work = Vec::new();
    for s in servers {
        let packages = package::list(tx, None, Some(&s.name))?;
        let users = user::on_server(tx, &s.name)?;
        let domains = domain::on_server(tx, &s.name)?;
        let cron_jobs = cron::on_server(tx, &s.name)?;
        let rows = render::Rows { packages: &packages, users: &users, domains: &domains, cron_jobs: &cron_jobs, today };
        work.push(Work { desired: render::desired(&rows, &config.web), server: s });
    }
    Ok(work)
}

/// The actions that bring a server with `facts` to `desired`, in the order they must run.
pub fn diff(desired: &Desired, facts: &Facts) -> Vec<Action> {
    let mut a = Vec::new();
    for g in &desired.groups {
        if !facts.groups.contains_key(&g.name) {
            a.push(Action::CreateGroup { group: g.name.clone(), gid: g.gid });
        }
    }
    for acc in &desired.accounts {
        let expire = if acc.locked { "1" } else { "" };
        match facts.accounts.get(&acc.name) {
            None => {
                a.push(Action::CreateUser { user: acc.name.clone(), uid: acc.uid, gid: acc.gid, home: acc.home.clone(), shell: acc.shell.clone() });
                if !acc.comment.is_empty() {
                    a.push(update_user(acc));
                }
                a.push(Action::SetPassword { user: acc.name.clone(), locked: acc.locked, set_expiry: acc.locked, shadow: acc.shadow.clone() });
            }
            Some(f) => {
                if f.gid != acc.gid || f.home != acc.home || f.shell != acc.shell || f.comment != acc.comment {
                    a.push(update_user(acc));
                }
                let was_locked = f.expire == "1";
                if was_locked != acc.locked {
                    let (user, shadow) = (acc.name.clone(), acc.shadow.clone());
                    a.push(if acc.locked { Action::LockUser { user, shadow } } else { Action::UnlockUser { user, shadow } });
                } else if f.shadow != acc.shadow || f.expire != expire {
                    a.push(Action::SetPassword { user: acc.name.clone(), locked: acc.locked, set_expiry: f.expire != expire, shadow: acc.shadow.clone() });
                }
            }
        }
    }
    for d in &desired.dirs {
        let fine = facts.dirs.get(&d.path).is_some_and(|f| f.kind == "directory" && f.owner == d.owner && f.group == d.group && f.mode == d.mode);
        if !fine {
            a.push(Action::EnsureDir {
                path: d.path.clone(),
                owner: d.owner.clone(),
                group: d.group.clone(),
                mode: d.mode.clone(),
                how: dir_method(desired, facts, d),
            });
        }
    }
    for q in quotas_to_set(desired, facts) {
        a.push(q);
    }
    for c in &desired.crontabs {
        if facts.crontabs.get(&c.user) != Some(&facts::sha256_hex(&c.content)) {
            a.push(Action::InstallCrontab { user: c.user.clone(), content: c.content.clone() });
        }
    }
    for user in facts.crontabs.keys() {
        if !desired.crontabs.iter().any(|c| &c.user == user) {
            a.push(Action::RemoveCrontab { user: user.clone() });
        }
    }
    let apache_before = a.len();
    for m in &desired.modules {
        if !facts.modules.contains(m) {
            a.push(Action::EnableModule { module: m.clone() });
        }
    }
    for v in &desired.vhosts {
        if facts.vhosts.get(&v.file) != Some(&facts::sha256_hex(&v.content)) {
            a.push(Action::WriteVhost { file: v.file.clone(), content: v.content.clone() });
        }
        if !facts.enabled.contains(&v.file) {
            a.push(Action::EnableVhost { file: v.file.clone() });
        }
    }
    let mut stale: Vec<&String> = facts.vhosts.keys().chain(facts.enabled.iter()).filter(|f| !desired.vhosts.iter().any(|v| &v.file == *f)).collect();
    stale.sort();
    stale.dedup();
    for file in stale {
        a.push(Action::RemoveVhost { file: file.clone() });
    }
    if a.len() > apache_before {
        a.push(Action::ReloadApache);
    }
    for user in facts.accounts.keys() {
        if !desired.accounts.iter().any(|acc| &acc.name == user) {
            a.push(Action::RemoveUser { user: user.clone() });
        }
    }
    for group in facts.groups.keys() {
        if !desired.groups.iter().any(|g| &g.name == group) {
            a.push(Action::RemoveGroup { group: group.clone() });
        }
    }
    for home in &desired.purged_homes {
        if facts.dirs.contains_key(home) {
            a.push(Action::PurgeHome { path: home.clone() });
        }
    }
    a
}

/// A new directory whose parent only root can write (outside the managed trees: /home/pacs, the log root)
/// is made by root in one step; one whose parent has the same owner is made by that owner. Everything else
/// takes the careful way.
fn dir_method(desired: &Desired, facts: &Facts, d: &render::Dir) -> DirMethod {
    if facts.dirs.contains_key(&d.path) {
        return DirMethod::Repair;
    }
    let parent = d.path.rsplit_once('/').map_or("/", |(p, _)| p);
    match desired.dirs.iter().find(|x| x.path == parent) {
        None if !facts.dirs.contains_key(parent) => DirMethod::AsRoot,
        Some(p) if p.owner == d.owner => DirMethod::AsOwner,
        _ => DirMethod::Repair,
    }
}

fn update_user(acc: &render::Account) -> Action {
    Action::UpdateUser { user: acc.name.clone(), gid: acc.gid, home: acc.home.clone(), shell: acc.shell.clone(), comment: acc.comment.clone() }
}

/// Quota limits that differ: desired ones, and limits left on managed accounts and groups that have none now.
fn quotas_to_set(desired: &Desired, facts: &Facts) -> Vec<Action> {
    let mut out = Vec::new();
    let mut want: BTreeMap<(QuotaKind, &str), (u64, u64)> = BTreeMap::new();
    for q in &desired.quotas {
        want.insert((q.kind, q.name.as_str()), (q.soft_kb, q.hard_kb));
    }
    for acc in &desired.accounts {
        want.entry((QuotaKind::User, acc.name.as_str())).or_insert((0, 0));
    }
    for g in &desired.groups {
        want.entry((QuotaKind::Group, g.name.as_str())).or_insert((0, 0));
    }
    for ((kind, name), (soft, hard)) in want {
        // repquota names ids by account: limits left on the uid or gid of an account that does not exist yet
        // cannot be seen, so a new account or group always gets its limits set (0 clears stale ones).
        let new = if kind == QuotaKind::User { !facts.accounts.contains_key(name) } else { !facts.groups.contains_key(name) };
        let have = if kind == QuotaKind::User { facts.user_quotas.get(name) } else { facts.group_quotas.get(name) };
        let (have_soft, have_hard) = have.map_or((0, 0), |f| (f.soft_kb, f.hard_kb));
        if new || (have_soft, have_hard) != (soft, hard) {
            out.push(Action::SetQuota { kind, name: name.to_owned(), soft_kb: soft, hard_kb: hard });
        }
    }
    out
}

/// A fingerprint of a plan: the same changes give the same hash.
pub fn plan_hash(actions: &[Action]) -> String {
    facts::sha256_hex(&format!("{actions:?}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing differed; nothing was sent.
    Unchanged,
    /// Planned only (`plan`): the actions would run.
    Planned,
    /// Applied successfully.
    Applied,
    Failed,
    Unreachable,
}

/// What happened on one server.
#[derive(Debug, Serialize)]
pub struct ServerResult {
    pub server: String,
    pub outcome: Outcome,
    pub actions: Vec<Action>,
    pub plan_hash: String,
    pub error: Option<String>,
    /// Disk usage per package group in KiB, as the server reported it.
    #[serde(skip)]
    pub usage: BTreeMap<String, u64>,
}

impl ServerResult {
    pub fn failed(&self) -> bool {
        matches!(self.outcome, Outcome::Failed | Outcome::Unreachable)
    }
}

/// Plans (and with `apply`, applies) on each server, at most `jobs` at once. Never touches the ledger;
/// `done` is told about each server as it finishes (for progress bars).
pub fn run(work: &[Work], config: &Config, apply: bool, jobs: usize, done: &(dyn Fn(&ServerResult) + Sync)) -> Vec<ServerResult> {
    let opts = SshOptions::from_config(&config.ssh);
    remote::fan_out(work, jobs, |w| {
        let result = converge_one(w, &opts, config, apply);
        done(&result);
        result
    })
}

fn converge_one(w: &Work, opts: &SshOptions, config: &Config, apply: bool) -> ServerResult {
    let mut result = ServerResult {
        server: w.server.name.clone(),
        outcome: Outcome::Unchanged,
        actions: Vec::new(),
        plan_hash: plan_hash(&[]),
        error: None,
        usage: BTreeMap::new(),
    };
    let mut conn = match Connection::open(&super::server::target(&w.server), opts) {
        Ok(c) => c,
        Err(e) => {
            result.outcome = Outcome::Unreachable;
            result.error = Some(e.to_string());
            return result;
        }
    };
    let mut paths: Vec<String> = w.desired.dirs.iter().map(|d| d.path.clone()).collect();
    paths.extend(w.desired.purged_homes.iter().cloned());
    let facts = match facts::gather(&mut conn, config.hosting.uid_min, config.hosting.uid_max, &config.web.quota_filesystem, &paths) {
        Ok(f) => f,
        Err(e) => {
            result.outcome = Outcome::Failed;
            result.error = Some(e.to_string());
            return result;
        }
    };
    result.usage = w.desired.groups.iter().map(|g| (g.name.clone(), facts.group_quotas.get(&g.name).map_or(0, |q| q.used_kb))).collect();
    result.actions = diff(&w.desired, &facts);
    result.plan_hash = plan_hash(&result.actions);
    if result.actions.is_empty() {
        return result;
    }
    if !apply {
        result.outcome = Outcome::Planned;
        return result;
    }
    let script = steps::script(&result.actions, &config.web.quota_filesystem);
    match conn.run(&script) {
        Ok(out) if out.status == 0 => result.outcome = Outcome::Applied,
        Ok(out) => {
            result.outcome = Outcome::Failed;
            let stderr = String::from_utf8_lossy(&out.stderr);
            let tail: Vec<&str> = stderr.lines().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
            let at = steps::last_step(&out.stdout)
                .and_then(|s| s.parse::<usize>().ok())
                .and_then(|i| result.actions.get(i))
                .map(|a| format!(" at {} {}", a.name(), a.target()))
                .unwrap_or_default();
            let what = if out.status == steps::CONFIGTEST_FAILED {
                "apache2ctl configtest failed; the previous vhosts stay in place"
            } else {
                "the apply script failed"
            };
            result.error = Some(format!("{what}{at} (exit {}): {}", out.status, tail.join(" | ")));
        }
        Err(e) => {
            result.outcome = Outcome::Failed;
            result.error = Some(e.to_string());
        }
    }
    result
}

/// Records what `apply` did: per server the state (pending while it has not caught up) and package usage.
pub fn record(tx: &Tx, results: &[ServerResult]) -> Result<()> {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    for r in results {
        let outcome = match r.outcome {
            Outcome::Unchanged | Outcome::Applied | Outcome::Planned => "ok",
            Outcome::Failed => "failed",
            Outcome::Unreachable => "unreachable",
        };
        let before = server_state::get(tx, &r.server)?;
        let state = ServerState {
            server: r.server.clone(),
            plan_hash: Some(r.plan_hash.clone()),
            applied_at: Some(now.clone()),
            outcome: Some(outcome.into()),
            actions: r.actions.len() as i64,
            error: r.error.clone(),
            pending: r.failed(),
        };
        server_state::put(tx, &state)?;
        if r.outcome != Outcome::Unchanged || before.as_ref().is_some_and(|b| b.pending) {
            tx.audit(
                "server",
                &r.server,
                "apply",
                super::snapshot(&before),
                super::snapshot(&serde_json::json!({"outcome": r.outcome, "actions": r.actions, "error": r.error})),
            )?;
        }
        for (package, used) in &r.usage {
            server_state::set_usage(tx, package, *used, &now)?;
        }
    }
    Ok(())
}

/// The servers the named packages live on, each once.
pub fn servers_of(tx: &Tx, packages: &[String]) -> Result<Vec<String>> {
    let mut servers = Vec::new();
    for name in packages {
        if let Some(p) = package::get(tx, name)?
            && !servers.contains(&p.server)
        {
            servers.push(p.server);
        }
    }
    Ok(servers)
}

/// Marks servers as behind the ledger, inside the transaction that changed what they should have.
pub fn mark_pending(tx: &Tx, servers: &[String]) -> Result<()> {
    for s in servers {
        server_state::mark_pending(tx, s)?;
    }
    Ok(())
}

/// Says which servers failed, for the exit code (3) and stderr.
pub fn summary(results: &[ServerResult]) -> Result<()> {
    let failed: Vec<String> = results.iter().filter(|r| r.failed()).map(|r| format!("{}: {}", r.server, r.error.as_deref().unwrap_or("failed"))).collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::Partial(format!(
            "{} of {} servers failed and stay pending; run `hsadmin apply` again once fixed — {}",
            failed.len(),
            results.len(),
            failed.join("; ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::facts::{AccountFact, DirFact, QuotaFact};

    fn desired() -> Desired {
        let packages = [crate::render::tests::package("xyz00", None)];
        let users = [crate::render::tests::user("xyz00", 100000), crate::render::tests::user("xyz00-web", 100001)];
        let domains = [crate::render::tests::domain("example.org", "xyz00-web")];
        let jobs = [crate::ledger::cron::CronJob { id: 1, user: "xyz00-web".into(), schedule: "* * * * *".into(), command: "true".into() }];
        render::desired(
            &render::Rows { packages: &packages, users: &users, domains: &domains, cron_jobs: &jobs, today: "2026-06-01" },
            &crate::config::WebConfig::default(),
        )
    }

    /// The facts of a server on which `desired` was applied.
    fn converged(d: &Desired) -> Facts {
        let mut f = Facts::default();
        for g in &d.groups {
            f.groups.insert(g.name.clone(), g.gid);
        }
        for a in &d.accounts {
            f.accounts.insert(
                a.name.clone(),
                AccountFact {
                    uid: a.uid,
                    gid: a.gid,
                    home: a.home.clone(),
                    shell: a.shell.clone(),
                    comment: a.comment.clone(),
                    shadow: a.shadow.clone(),
                    expire: if a.locked { "1".into() } else { String::new() },
                },
            );
            f.user_quotas.insert(a.name.clone(), QuotaFact::default());
        }
        for g in &d.groups {
            f.group_quotas.insert(g.name.clone(), QuotaFact::default());
        }
        for q in &d.quotas {
            let fact = QuotaFact { used_kb: 0, soft_kb: q.soft_kb, hard_kb: q.hard_kb };
            if q.kind == QuotaKind::User {
                f.user_quotas.insert(q.name.clone(), fact)
            } else {
                f.group_quotas.insert(q.name.clone(), fact)
            };
        }
        for dir in &d.dirs {
            f.dirs.insert(dir.path.clone(), DirFact { owner: dir.owner.clone(), group: dir.group.clone(), mode: dir.mode.clone(), kind: "directory".into() });
        }
        for v in &d.vhosts {
            f.vhosts.insert(v.file.clone(), facts::sha256_hex(&v.content));
            f.enabled.insert(v.file.clone());
        }
        for c in &d.crontabs {
            f.crontabs.insert(c.user.clone(), facts::sha256_hex(&c.content));
        }
        f
    }

    #[test]
    fn an_empty_server_gets_everything_in_order() {
        let actions = diff(&desired(), &Facts::default());
        let names: Vec<String> = actions.iter().map(Action::name).collect();
        let first = |n: &str| names.iter().position(|x| x == n).unwrap_or_else(|| panic!("{n} missing in {names:?}"));
        assert!(first("create_group") < first("create_user"));
        assert!(first("create_user") < first("ensure_dir"));
        assert!(first("ensure_dir") < first("write_vhost"));
        assert!(first("write_vhost") < first("reload_apache"));
        assert_eq!(names.last().unwrap(), "reload_apache");
        assert!(names.contains(&"install_crontab".to_owned()) && names.contains(&"set_quota".to_owned()));
        // Every new account and group gets its limits set, also 0 (a reused id may carry stale limits).
        let mut d = desired();
        d.quotas.retain(|q| !(q.kind == QuotaKind::User && q.name == "xyz00"));
        let quotas: Vec<Action> = diff(&d, &Facts::default()).into_iter().filter(|a| a.name() == "set_quota").collect();
        assert!(quotas.contains(&Action::SetQuota { kind: QuotaKind::User, name: "xyz00".into(), soft_kb: 0, hard_kb: 0 }), "{quotas:?}");
        assert_eq!(quotas.len(), 3, "{quotas:?}");
    }

    #[test]
    fn new_directories_are_made_the_cheap_way_only_where_nobody_else_can_interfere() {
        let actions = diff(&desired(), &Facts::default());
        let how = |path: &str| {
            actions.iter().find_map(|a| match a {
                Action::EnsureDir { path: p, how, .. } if p == path => Some(*how),
                _ => None,
            })
        };
        assert_eq!(how("/home/pacs/xyz00"), Some(DirMethod::AsRoot));
        assert_eq!(how("/var/log/apache2/hsadmin/example.org"), Some(DirMethod::AsRoot));
        assert_eq!(how("/home/pacs/xyz00/users"), Some(DirMethod::AsOwner));
        assert_eq!(how("/home/pacs/xyz00/users/web/doms/example.org/htdocs"), Some(DirMethod::AsOwner));
        // xyz00 owns users/ and could swap users/web for a symlink before root chowns it to xyz00-web.
        assert_eq!(how("/home/pacs/xyz00/users/web"), Some(DirMethod::Repair));
    }

    #[test]
    fn a_converged_server_needs_nothing() {
        let d = desired();
        assert_eq!(diff(&d, &converged(&d)), vec![]);
    }

    #[test]
    fn drift_is_planned_back() {
        let d = desired();
        let mut f = converged(&d);
        f.vhosts.insert("hsadmin-example.org.conf".into(), "edited by hand".into());
        f.vhosts.insert("hsadmin-old.example.conf".into(), "x".into());
        f.dirs.get_mut("/home/pacs/xyz00").unwrap().mode = "777".into();
        f.accounts.insert(
            "xyz00-gone".into(),
            AccountFact {
                uid: 100009,
                gid: 100000,
                home: "/x".into(),
                shell: "/bin/false".into(),
                comment: String::new(),
                shadow: "!".into(),
                expire: String::new(),
            },
        );
        let names: Vec<String> = diff(&d, &f).iter().map(|a| format!("{} {}", a.name(), a.target())).collect();
        assert_eq!(
            names,
            [
                "ensure_dir /home/pacs/xyz00",
                "write_vhost hsadmin-example.org.conf",
                "remove_vhost hsadmin-old.example.conf",
                "reload_apache apache2",
                "remove_user xyz00-gone",
            ]
        );
    }

    #[test]
    fn locking_and_passwords() {
        let mut d = desired();
        let f = converged(&d);
        d.accounts[1].locked = true;
        d.accounts[1].shadow = format!("!{}", d.accounts[1].shadow);
        assert_eq!(diff(&d, &f).iter().map(Action::name).collect::<Vec<_>>(), ["lock_user"]);
        let mut d2 = desired();
        d2.accounts[1].shadow = "$6$new$hash".into();
        assert_eq!(diff(&d2, &f).iter().map(Action::name).collect::<Vec<_>>(), ["set_password"]);
    }
}
