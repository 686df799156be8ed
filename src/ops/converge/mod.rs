//! The converge engine: one workflow for every server role. Take the apply lock, prepare (render each
//! role's desired state from the ledger), read the facts (one round trip per server, one section per
//! role), diff, apply (one script per server, one section per role, each unit in a subshell of its own),
//! and record the outcome — servers in parallel, at most `jobs` at once. Roles plug in through
//! [`role::Role`] and are listed in [`role::ROLES`].
pub mod database;
pub mod dns;
pub mod mail;
pub mod role;
pub mod web;

use crate::config::Config;
use crate::ledger::server::Server;
use crate::ledger::server_state::ServerState;
use crate::ledger::{Tx, package, server as server_rows, server_state};
use crate::model::{self, PackageName, Role, ServerName};
use crate::remote::script::{self as frame, ApplyScript};
use crate::remote::{self, Connection, RemoteError, SshOptions, records};
use crate::{Error, Result};
pub use role::Context;
use role::{Erased, Planned, ROLES};
use serde::Serialize;
use std::any::Any;
use std::collections::BTreeMap;

/// A server, its roles and what each should look like there.
pub struct Work {
    pub server: Server,
    roles: Vec<(&'static dyn Erased, Box<dyn Any + Send + Sync>)>,
}

/// Which servers and roles a run covers: all (empty lists), or the named ones.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub servers: Vec<ServerName>,
    pub roles: Vec<Role>,
}

impl Selection {
    pub fn parse(servers: &[String], roles: &[String]) -> Result<Self> {
        Ok(Self {
            servers: servers.iter().map(|n| ServerName::parse("server", n)).collect::<Result<_>>()?,
            roles: roles.iter().map(|r| Role::parse("role", r)).collect::<Result<_>>()?,
        })
    }

    fn wants(&self, role: Role) -> bool {
        self.roles.is_empty() || self.roles.contains(&role)
    }
}

/// Reads the ledger and renders the desired state of each selected server's roles.
pub fn prepare(tx: &Tx, sel: &Selection, config: &Config, today: &str) -> Result<Vec<Work>> {
    let servers: Vec<Server> =
        if sel.servers.is_empty() { server_rows::list(tx)? } else { sel.servers.iter().map(|n| super::server::get(tx, n)).collect::<Result<_>>()? };
    let cx = Context { config, today };
    let mut work = Vec::new();
    for server in servers {
        let mut roles = Vec::new();
        for r in ROLES.iter().copied().filter(|r| server.roles.contains(r.role()) && sel.wants(r.role())) {
            roles.push((r, r.prepare(tx, &server, &cx)?));
        }
        if !roles.is_empty() || !sel.servers.is_empty() {
            work.push(Work { server, roles });
        }
    }
    Ok(work)
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
    /// The server, or some of its units, failed; `failed` says which.
    Failed,
    Unreachable,
}

/// A unit (a package, or a role's server-wide part) whose steps failed; the rest of the server went on.
#[derive(Debug, Clone, Serialize)]
pub struct UnitFailure {
    pub role: Role,
    pub unit: String,
    /// The action it was at, if known.
    pub step: Option<String>,
    pub error: String,
}

/// What happened on one server.
#[derive(Debug, Serialize)]
pub struct ServerResult {
    pub server: ServerName,
    pub outcome: Outcome,
    pub actions: Vec<Planned>,
    pub plan_hash: String,
    pub error: Option<String>,
    pub failed: Vec<UnitFailure>,
    /// What the server has that hsadmin leaves alone, or could not read (escaped).
    pub warnings: Vec<String>,
    /// Disk usage per package group in KiB, as the server reported it.
    #[serde(skip)]
    pub usage: BTreeMap<String, u64>,
}

impl ServerResult {
    pub fn failed(&self) -> bool {
        matches!(self.outcome, Outcome::Failed | Outcome::Unreachable)
    }

    fn new(server: &ServerName) -> Self {
        let (server, outcome) = (server.clone(), Outcome::Unchanged);
        Self {
            server,
            outcome,
            actions: Vec::new(),
            plan_hash: plan_hash(&[], &[]),
            error: None,
            failed: Vec::new(),
            warnings: Vec::new(),
            usage: BTreeMap::new(),
        }
    }

    fn fail(mut self, outcome: Outcome, error: impl ToString) -> Self {
        self.outcome = outcome;
        self.error = Some(error.to_string());
        self
    }

    /// The removals among the actions, for summaries.
    pub fn removals(&self) -> impl Iterator<Item = &Planned> {
        self.actions.iter().filter(|a| a.removes)
    }
}

/// A fingerprint of a plan from its canonical form: the actions as JSON (sorted keys) and the script.
pub fn plan_hash(actions: &[Planned], script: &[u8]) -> String {
    let mut canonical = serde_json::to_vec(actions).expect("plans serialise");
    canonical.extend_from_slice(script);
    model::sha256_hex(&canonical)
}

/// Plans (and with `apply`, applies) on each server, at most `jobs` at once. Never touches the ledger;
/// `done` is told about each server as it finishes (for progress bars).
pub fn run(work: &[Work], config: &Config, today: &str, apply: bool, jobs: usize, done: &(dyn Fn(&ServerResult) + Sync)) -> Vec<ServerResult> {
    let opts = SshOptions::from_config(&config.ssh);
    let cx = Context { config, today };
    remote::fan_out(work, jobs, |w| {
        let result = converge_one(w, &opts, &cx, apply);
        done(&result);
        result
    })
}

fn converge_one(w: &Work, opts: &SshOptions, cx: &Context, apply: bool) -> ServerResult {
    let result = ServerResult::new(&w.server.name);
    if w.roles.is_empty() {
        return result;
    }
    let mut conn = match Connection::open(&super::server::target(&w.server), opts) {
        Ok(c) => c,
        Err(e) => return result.fail(Outcome::Unreachable, e),
    };
    let plan = match plan_server(&mut conn, w, cx) {
        Ok(p) => p,
        Err(e) => return result.fail(Outcome::Failed, e),
    };
    let mut result = plan.result;
    if result.actions.is_empty() {
        return result;
    }
    if !apply {
        result.outcome = Outcome::Planned;
        return result;
    }
    match conn.run(&plan.script) {
        Ok(out) => read_apply(result, &out, &plan.steps),
        Err(e) => result.fail(Outcome::Failed, e),
    }
}

/// A server's plan: the result so far, the apply script, and each unit's actions by step.
pub struct ServerPlan {
    pub result: ServerResult,
    pub script: remote::Script,
    steps: BTreeMap<(String, String), Vec<String>>,
}

/// Reads a server's facts (one round trip for all its roles) and plans every role: the actions, the
/// warnings and the one apply script with a section per role.
pub fn plan_server(conn: &mut Connection, w: &Work, cx: &Context) -> Result<ServerPlan, RemoteError> {
    let sections = facts(conn, w, cx)?;
    let mut result = ServerResult::new(&w.server.name);
    let mut script = ApplyScript::new(cx.config.ssh.command_timeout_secs.min(60));
    let mut steps = BTreeMap::new();
    for (role, desired) in &w.roles {
        let records = sections.get(role.role().as_str()).map(Vec::as_slice).unwrap_or_default();
        let plan = role.plan(desired.as_ref(), records, cx);
        result.actions.extend(plan.actions);
        result.warnings.extend(plan.warnings.iter().map(|w| model::printable(w)));
        result.usage.extend(plan.usage);
        for (unit, list) in plan.steps {
            steps.insert((role.role().as_str().to_owned(), unit), list);
        }
        if let Some(section) = plan.script {
            section(&mut script);
        }
    }
    let script = script.finish();
    result.plan_hash = plan_hash(&result.actions, script.bytes());
    Ok(ServerPlan { result, script, steps })
}

/// Runs the facts script with every role's section and splits the records by role.
fn facts(conn: &mut Connection, w: &Work, cx: &Context) -> Result<BTreeMap<String, Vec<records::Record>>, RemoteError> {
    let mut script = frame::facts();
    for (role, desired) in &w.roles {
        role.facts_script(desired.as_ref(), cx, &mut script);
    }
    let out = conn.run(&script)?;
    let protocol = |message: String| RemoteError::Protocol { server: w.server.name.to_string(), message };
    if out.status != 0 {
        return Err(protocol(format!("gathering facts failed ({}): {}", out.status, model::printable(String::from_utf8_lossy(&out.stderr).trim()))));
    }
    records::parse(&out.stdout).map(records::sections).map_err(|e| protocol(format!("unreadable facts: {e}")))
}

/// Reads the markers of an apply script: which units failed and where.
fn read_apply(mut result: ServerResult, out: &remote::Output, steps: &BTreeMap<(String, String), Vec<String>>) -> ServerResult {
    let markers = frame::markers(&out.stdout);
    if out.status == frame::LOCK_BUSY {
        return result.fail(Outcome::Failed, format!("another hsadmin apply holds {} on the server; nothing was changed", frame::SERVER_LOCK));
    }
    for ((role, unit), end) in &markers.ended {
        if end.status == 0 {
            continue;
        }
        let step = end.last_step.and_then(|i| steps.get(&(role.clone(), unit.clone())).and_then(|l| l.get(i))).map(|s| model::printable(s));
        let tail: Vec<&str> = end.stderr.lines().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
        let error = model::printable(&format!("{} (exit {})", tail.join(" | "), end.status));
        result.failed.push(UnitFailure { role: Role::parse("role", role).unwrap_or(Role::Web), unit: unit.clone(), step, error });
    }
    for (role, unit) in &markers.cut {
        let error = "the script ended in the middle of this unit".to_owned();
        result.failed.push(UnitFailure { role: Role::parse("role", role).unwrap_or(Role::Web), unit: unit.clone(), step: None, error });
    }
    if !markers.done || out.status != 0 {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
        return result.fail(Outcome::Failed, model::printable(&format!("the apply script failed (exit {}): {}", out.status, tail.join(" | "))));
    }
    if result.failed.is_empty() {
        result.outcome = Outcome::Applied;
    } else {
        let names: Vec<String> = result.failed.iter().map(|f| format!("{} ({}) failed: {}", f.unit, f.role.as_str(), f.error)).collect();
        result = result.fail(Outcome::Failed, format!("{}; the other units were applied", names.join("; ")));
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
        let before = server_state::get(tx, r.server.as_str())?;
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
            let after = serde_json::json!({"outcome": r.outcome, "actions": r.actions, "error": r.error, "failed": r.failed});
            tx.audit("server", r.server.as_str(), "apply", super::snapshot(&before), super::snapshot(&after))?;
        }
        for (package, used) in &r.usage {
            server_state::set_usage(tx, package, *used, &now)?;
            crate::ledger::usage::record_disk(tx, package, &now[..10], *used)?;
        }
    }
    Ok(())
}

/// The name servers (every server with role dns-primary or dns-secondary): a change to a zone goes there.
pub fn name_servers(tx: &Tx) -> Result<Vec<ServerName>> {
    Ok(crate::ledger::dns::name_servers(tx)?.into_iter().map(|s| s.name).collect())
}

/// The inbound mail servers of the config that the ledger has with the mail role.
pub fn inbound_mail_servers(tx: &Tx, mail: &crate::config::MailConfig) -> Result<Vec<ServerName>> {
    let servers = crate::ledger::server::list(tx)?;
    Ok(servers.into_iter().filter(|s| mail.is_inbound(s.name.as_str()) && s.roles.contains(crate::model::Role::Mail)).map(|s| s.name).collect())
}

/// The servers the named packages live on, each once.
pub fn servers_of(tx: &Tx, packages: &[&PackageName]) -> Result<Vec<ServerName>> {
    let mut servers = Vec::new();
    for name in packages {
        if let Some(p) = package::get(tx, name.as_str())?
            && !servers.contains(&p.server)
        {
            servers.push(p.server);
        }
    }
    Ok(servers)
}

/// Marks servers as behind the ledger, inside the transaction that changed what they should have.
pub fn mark_pending(tx: &Tx, servers: &[ServerName]) -> Result<()> {
    for s in servers {
        server_state::mark_pending(tx, s.as_str())?;
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

/// Plans or applies on the selected servers and, for `apply`, records the outcome. Only one apply runs
/// per ledger at a time (the lock also serialises against a cron job's apply).
/// `progress` hears how many servers there are, then of each one as it finishes.
pub fn converge(
    ledger: &mut crate::ledger::Ledger,
    sel: &Selection,
    config: &Config,
    apply: bool,
    jobs: usize,
    progress: &(dyn Progress + Sync),
) -> Result<Vec<ServerResult>> {
    let _lock = if apply { Some(ApplyLock::take(ledger.path())?) } else { None };
    let today = model::today().to_string();
    let work = ledger.read(|tx| prepare(tx, sel, config, &today))?;
    progress.start(work.len());
    let done = |r: &ServerResult| progress.done(r.server.as_str());
    let results = run(&work, config, &today, apply, jobs, &done);
    if apply {
        ledger.write(false, |tx| {
            record(tx, &results)?;
            for w in &work {
                for (role, desired) in &w.roles {
                    role.record(desired.as_ref(), tx)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(results)
}

/// Told how a run goes, for progress bars.
pub trait Progress {
    fn start(&self, servers: usize);
    fn done(&self, server: &str);
}

/// The number of servers to work on at once: `--jobs`, checked here, or the config's.
pub fn jobs(requested: Option<usize>, config: &Config) -> Result<usize> {
    match requested {
        Some(j) => Ok(model::bounded("jobs", j as i64, 1, 256)? as usize),
        None => Ok(config.ssh.jobs),
    }
}

/// One apply at a time per ledger: two would interleave their scripts on the same server. The lock is
/// an flock, so it goes away with the process that held it (no stale locks after a crash).
struct ApplyLock(#[allow(dead_code, reason = "held for its flock")] std::fs::File);

impl ApplyLock {
    fn take(ledger: &std::path::Path) -> Result<Self> {
        use std::os::unix::io::AsRawFd;
        let path = ledger.with_extension("apply.lock");
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        let deadline = std::time::Instant::now() + crate::ledger::BUSY_TIMEOUT;
        loop {
            // SAFETY: flock on a file descriptor we own.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                return Ok(Self(file));
            }
            if std::time::Instant::now() > deadline {
                return Err(Error::Busy(format!("another hsadmin apply holds {}", path.display())));
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
}
