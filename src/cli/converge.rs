//! `hsadmin plan` and `hsadmin apply`: bring the servers in line with the ledger.
use super::Ctx;
use crate::model::{self, ServerName};
use crate::ops::converge::{self, Outcome, ServerResult};
use crate::output::{Render, table};
use crate::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// Only these servers [default: every web server]
    #[arg(long = "server", value_name = "NAME")]
    servers: Vec<String>,
    /// Exit 3 when something would change (0 when every server is in line), for drift checks from cron
    #[arg(long)]
    detailed_exitcode: bool,
    /// How many servers to work on at once [default: ssh.jobs]
    #[arg(long)]
    jobs: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// Only these servers [default: every web server]
    #[arg(long = "server", value_name = "NAME")]
    servers: Vec<String>,
    /// How many servers to work on at once [default: ssh.jobs]
    #[arg(long)]
    jobs: Option<usize>,
}

pub fn plan(ctx: &Ctx, a: PlanArgs) -> Result<()> {
    let results = run(ctx, &a.servers, a.jobs, false)?;
    ctx.out.emit(&results)?;
    converge::summary(&results)?;
    let changes: usize = results.iter().map(|r| r.actions.len()).sum();
    ctx.out.status("Planned", &format!("{changes} changes on {} of {} servers", results.iter().filter(|r| !r.actions.is_empty()).count(), results.len()));
    if a.detailed_exitcode && changes > 0 {
        return Err(Error::Partial(format!("{changes} changes would be made (--detailed-exitcode)")));
    }
    Ok(())
}

pub fn apply(ctx: &Ctx, a: ApplyArgs) -> Result<()> {
    let results = run(ctx, &a.servers, a.jobs, true)?;
    ctx.out.emit(&results)?;
    report(ctx, &results)
}

/// Says what apply did on stderr, and fails (exit 3) when a server did not converge.
fn report(ctx: &Ctx, results: &[ServerResult]) -> Result<()> {
    let applied: usize = results.iter().filter(|r| r.outcome == Outcome::Applied).map(|r| r.actions.len()).sum();
    if applied == 0 && results.iter().all(|r| r.outcome == Outcome::Unchanged) {
        ctx.out.status("Unchanged", &format!("{} servers already in line with the ledger; nothing was done", results.len()));
    } else {
        ctx.out.status("Applied", &format!("{applied} changes on {} servers", results.iter().filter(|r| r.outcome == Outcome::Applied).count()));
    }
    converge::summary(results)
}

/// Plans or applies on the named servers (all web servers when none are named) and records the outcome.
pub(crate) fn run(ctx: &Ctx, names: &[String], jobs: Option<usize>, apply: bool) -> Result<Vec<ServerResult>> {
    let names = names.iter().map(|n| ServerName::parse("server", n)).collect::<Result<Vec<_>>>()?;
    let jobs = jobs.map(|j| model::bounded("jobs", j as i64, 1, 256)).transpose()?.map_or(ctx.config.config.ssh.jobs, |j| j as usize);
    let config = &ctx.config.config;
    let mut ledger = ctx.ledger()?;
    let _lock = if apply { Some(ApplyLock::take(&ctx.ledger_path)?) } else { None };
    let today = model::today().to_string();
    let work = ledger.read(|tx| converge::prepare(tx, &names, config, &today))?;
    let progress = ctx.out.progress(work.len() as u64, if apply { "applying" } else { "planning" });
    let results = converge::run(&work, config, apply, jobs, &|r| progress.done(&r.server));
    progress.finish();
    if apply {
        ledger.write(false, |tx| converge::record(tx, &results))?;
    }
    Ok(results)
}

/// Brings the servers of the changed packages in line right after the change was committed (unless
/// `--no-apply`, which leaves them pending). A server that cannot be reached stays pending: exit 3.
pub(crate) fn after_change(ctx: &Ctx, packages: &[&str], dry_run: bool) -> Result<()> {
    if dry_run || packages.is_empty() {
        return Ok(());
    }
    let packages: Vec<String> = packages.iter().map(|p| (*p).to_owned()).collect();
    let servers = ctx.ledger()?.read(|tx| converge::servers_of(tx, &packages))?;
    if ctx.no_apply {
        ctx.ledger()?.write(false, |tx| converge::mark_pending(tx, &servers))?;
        ctx.out.status("Pending", &format!("{} (--no-apply): run `hsadmin apply` to bring them in line", servers.join(", ")));
        return Ok(());
    }
    let results = run(ctx, &servers, None, true)?;
    for r in &results {
        match r.outcome {
            Outcome::Applied => ctx.out.status("Applied", &format!("{} changes on {}", r.actions.len(), r.server)),
            Outcome::Unchanged => ctx.out.status("Unchanged", &format!("{} was already in line", r.server)),
            _ => {}
        }
    }
    converge::summary(&results).map_err(|e| Error::Partial(format!("the ledger change is saved, but {e}")))
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

impl Render for Vec<ServerResult> {
    fn human(&self) -> String {
        let mut t = table::list(["server", "outcome", "#", "action", "target"]);
        for r in self {
            let outcome = serde_json::to_value(r.outcome).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            if r.actions.is_empty() {
                t.add_row(vec![r.server.clone(), outcome.clone(), "-".into(), r.error.clone().unwrap_or_else(|| "in line".into()), String::new()]);
            }
            for (i, a) in r.actions.iter().enumerate() {
                t.add_row(vec![r.server.clone(), outcome.clone(), (i + 1).to_string(), a.name(), a.target()]);
            }
            if let (Some(e), false) = (&r.error, r.actions.is_empty()) {
                t.add_row(vec![r.server.clone(), outcome.clone(), "!".into(), e.clone(), String::new()]);
            }
        }
        table::text(&t)
    }
}
