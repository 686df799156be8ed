//! `hsadmin backup list|status`: the backup runs of packages as the ledger records them, and the packages
//! without a recent good snapshot (exit 3 when there are any, for monitoring).
use super::Ctx;
use super::complete;
use super::opt;
use crate::Result;
use crate::error::exit;
use crate::ledger::backup::Run;
use crate::model::PackageName;
use crate::model::ServerName;
use crate::ops::backup::{self as ops, Outcome, Overdue, init, repo, restore, run};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum BackupCommand {
    /// Prepare each web server's restic repository on the backup server (re-running it is harmless)
    Init(InitArgs),
    /// Back up packages: crontabs and database dumps into ~/.bak, then restic backup of the home
    Run(RunArgs),
    /// Restore files, one path or a database of a package from a good snapshot
    Restore(RestoreArgs),
    /// Check every repository (restic check), reading a share of the data too on request
    Verify(VerifyArgs),
    /// Thin out the snapshots by the keep_* policy; only packages whose newest backup is good and recent
    Prune,
    /// List the backup runs (oldest first) with their snapshot, size, file count, duration and outcome
    List(ListArgs),
    /// Packages without a good snapshot younger than --max-age (exit 3 when there are any)
    Status(StatusArgs),
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The backup server (default: [backup] server of the config)
    #[arg(long, value_name = "SERVER", add = complete::server())]
    server: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The packages to back up
    #[arg(add = complete::package())]
    packages: Vec<String>,
    /// Every package on this server
    #[arg(long, value_name = "SERVER", add = complete::server(), conflicts_with = "packages")]
    server: Option<String>,
    /// Every package
    #[arg(long, conflicts_with_all = ["packages", "server"])]
    all: bool,
    /// Progress as restic's status, one JSON line each on stderr (for scripts; the bar is for terminals)
    #[arg(long)]
    progress_json: bool,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The package
    #[arg(add = complete::package())]
    package: String,
    /// The snapshot: its id or its first 8 or more hex digits (default: the newest good one)
    #[arg(long, value_name = "ID", conflicts_with = "date")]
    snapshot: Option<String>,
    /// The newest good snapshot of this day or before (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Only this file or directory, relative to the package's home
    #[arg(long, value_name = "PATH", conflicts_with = "database")]
    path: Option<String>,
    /// A database: loaded from its dump into the database, or with --target its dump as a file
    #[arg(long, value_name = "NAME")]
    database: Option<String>,
    /// Where the files go: a new directory /home/restore/NAME[/NAME] (default /home/restore/<today>/<package>-<snapshot>)
    #[arg(long, value_name = "DIR", conflicts_with = "in_place")]
    target: Option<String>,
    /// Back into the package's home, each file written as its owner (needs --yes)
    #[arg(long, requires = "yes")]
    in_place: bool,
    /// Confirm --in-place
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Also read this share of the data and check it, like 10%
    #[arg(long, value_name = "N%")]
    read_data_subset: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only the runs of this package
    #[arg(add = complete::package())]
    package: Option<String>,
    /// First reconcile the ledger with the repositories: runs whose snapshot is gone are marked forgotten
    #[arg(long)]
    refresh: bool,
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// How old the newest good snapshot may be: a number with s, m, h or d
    #[arg(long, value_name = "AGE", default_value = "26h")]
    max_age: String,
}

pub fn run(ctx: &Ctx, cmd: BackupCommand) -> Result<u8> {
    match cmd {
        BackupCommand::Init(a) => init(ctx, a),
        BackupCommand::Run(a) => run_backups(ctx, a),
        BackupCommand::Restore(a) => restore(ctx, a),
        BackupCommand::Verify(a) => {
            let percent = a.read_data_subset.as_deref().map(percent).transpose()?;
            let checked = repo::verify(&mut ctx.ledger()?, &ctx.config.config, percent)?;
            repositories(ctx, &checked, "Verified")
        }
        BackupCommand::Prune => {
            let pruned = repo::prune(&mut ctx.ledger()?, &ctx.config.config)?;
            for r in &pruned {
                for (p, why) in &r.kept {
                    ctx.out.warn(&format!("{p} not pruned: {why}"));
                }
            }
            repositories(ctx, &pruned, "Pruned")
        }
        BackupCommand::List(a) => {
            let package = opt(&a.package, |s| PackageName::parse("package", s))?;
            if a.refresh {
                let refreshed = repo::refresh(&mut ctx.ledger()?, &ctx.config.config)?;
                for r in &refreshed {
                    let server = r.server.as_ref().map(|s| s.to_string()).unwrap_or_default();
                    match &r.error {
                        Some(e) => ctx.out.warn(&format!("{server}: not refreshed: {e}")),
                        None if !r.forgotten.is_empty() => ctx.out.status("Forgotten", &format!("{server}: runs {:?} (their snapshots are gone)", r.forgotten)),
                        None => {}
                    }
                    if !r.unknown.is_empty() {
                        ctx.out.warn(&format!("{server}: {} snapshots the ledger has no good run for", r.unknown.len()));
                    }
                }
            }
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::list(tx, package.as_ref()))?)?;
            Ok(exit::OK)
        }
        BackupCommand::Status(a) => {
            let max_age = ops::parse_age("max-age", &a.max_age)?;
            let overdue = ctx.ledger()?.read(|tx| ops::overdue(tx, chrono::Utc::now(), max_age))?;
            ctx.out.emit(&overdue)?;
            if overdue.is_empty() {
                ctx.out.status("Backed up", &format!("every package has a good snapshot younger than {}", a.max_age));
                return Ok(exit::OK);
            }
            let what = crate::output::count(overdue.len(), "package");
            ctx.out.status("Overdue", &format!("{what} without a good snapshot younger than {}", a.max_age));
            Ok(exit::PARTIAL)
        }
    }
}

fn init(ctx: &Ctx, a: InitArgs) -> Result<u8> {
    let server = opt(&a.server, |s| ServerName::parse("server", s))?;
    let prepared = init::init(&mut ctx.ledger()?, &ctx.config.config, server.as_ref())?;
    ctx.out.emit(&prepared)?;
    let failed: Vec<String> = prepared.iter().filter(|p| !p.ok).map(|p| p.server.to_string()).collect();
    if failed.is_empty() {
        ctx.out.status("Prepared", &format!("the repositories of {}", crate::output::count(prepared.len(), "web server")));
        return Ok(exit::OK);
    }
    Err(crate::Error::Partial(format!("the repositories of {} could not be prepared", failed.join(", "))))
}

fn run_backups(ctx: &Ctx, a: RunArgs) -> Result<u8> {
    let packages = a.packages.iter().map(|p| PackageName::parse("package", p)).collect::<Result<Vec<_>>>()?;
    let req = run::Request { packages, server: opt(&a.server, |s| ServerName::parse("server", s))?, all: a.all };
    let runner = run::Runner { host: admin_host(), pid: std::process::id() };
    let bar = ctx.out.bytes("backing up");
    let progress = |p: &PackageName, s: &crate::remote::backup::Progress| {
        if a.progress_json {
            let line = serde_json::json!({ "package": p, "files_done": s.files_done, "total_files": s.total_files, "bytes_done": s.bytes_done, "total_bytes": s.total_bytes });
            eprintln!("{line}");
        } else {
            bar.at(s.bytes_done, s.total_bytes, &format!("{p}: {}/{} files", s.files_done, s.total_files));
        }
    };
    let runs = run::run(&mut ctx.ledger()?, &ctx.config.config, &req, &runner, &progress)?;
    bar.finish();
    for r in &runs {
        for w in &r.warnings {
            ctx.out.warn(&format!("{}: {w}", r.package));
        }
    }
    ctx.out.emit(&runs)?;
    let failed: Vec<String> = runs.iter().filter(|r| r.outcome != Outcome::Ok).map(|r| r.package.to_string()).collect();
    if failed.is_empty() {
        ctx.out.status("Backed up", &crate::output::count(runs.len(), "package"));
        return Ok(exit::OK);
    }
    Err(crate::Error::Partial(format!("the backup of {} failed", failed.join(", "))))
}

/// This admin host's name, recorded with each run (a running run of another host is never judged stale).
fn admin_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname").map(|h| h.trim().to_owned()).unwrap_or_else(|_| "localhost".into())
}

fn restore(ctx: &Ctx, a: RestoreArgs) -> Result<u8> {
    let req = restore::Request {
        package: Some(PackageName::parse("package", &a.package)?),
        snapshot: a.snapshot,
        date: opt(&a.date, |d| crate::model::date("date", d))?,
        path: a.path,
        database: opt(&a.database, |d| crate::model::DbName::parse("database", d, crate::model::Engine::Mariadb))?,
        target: a.target,
        in_place: a.in_place && a.yes,
    };
    let done = restore::restore(&mut ctx.ledger()?, &ctx.config.config, &req, crate::model::today())?;
    ctx.out.emit(&done)?;
    let what = match (&done.database, &done.target) {
        (Some(db), None) => format!("database {db} from snapshot {}", done.snapshot.short()),
        (_, Some(t)) => format!("{} entries from snapshot {} to {t}", done.entries.unwrap_or(0), done.snapshot.short()),
        (None, None) => format!("snapshot {}", done.snapshot.short()),
    };
    ctx.out.status("Restored", &what);
    Ok(exit::OK)
}

/// `10%` as 10.
fn percent(text: &str) -> Result<u32> {
    text.strip_suffix('%')
        .and_then(|n| n.parse().ok())
        .filter(|n| (1..=100).contains(n))
        .ok_or_else(|| crate::Error::invalid("read-data-subset", format!("{} must be a percentage like 10%", crate::model::shown(text))))
}

/// The finishing steps of prune and verify: the result, then exit 3 naming the servers that failed.
fn repositories(ctx: &Ctx, results: &[repo::Reconciled], verb: &str) -> Result<u8> {
    ctx.out.emit(&results.iter().collect::<Vec<_>>())?;
    let failed: Vec<String> = results.iter().filter(|r| !r.ok).filter_map(|r| r.server.as_ref().map(|s| s.to_string())).collect();
    if failed.is_empty() {
        ctx.out.status(verb, &format!("the repositories of {}", crate::output::count(results.len(), "web server")));
        return Ok(exit::OK);
    }
    Err(crate::Error::Partial(format!("the repositories of {} failed", failed.join(", "))))
}

fn duration(r: &Run) -> String {
    r.ended.map(|e| format!("{} s", (e - r.started).num_seconds())).unwrap_or_default()
}

impl Render for Vec<Run> {
    fn human(&self) -> String {
        let mut t = table::list(["id", "package", "server", "started", "outcome", "snapshot", "size", "files", "took", "forgotten"]);
        for r in self {
            t.add_row(vec![
                r.id.to_string(),
                r.package.to_string(),
                r.server.to_string(),
                crate::ledger::backup::stamp(r.started),
                r.outcome.as_str().to_owned(),
                r.snapshot.as_ref().map(|s| s.short().to_owned()).unwrap_or_default(),
                r.bytes.map(|b| b.to_string()).unwrap_or_default(),
                r.files.map(|f| f.to_string()).unwrap_or_default(),
                duration(r),
                r.forgotten.map(crate::ledger::backup::stamp).unwrap_or_default(),
            ]);
        }
        table::text(&t)
    }
}

impl Render for Vec<Overdue> {
    fn human(&self) -> String {
        let mut t = table::list(["package", "server", "reason", "last run"]);
        for o in self {
            let last = o.last_run.as_ref().map(|r| format!("{} {}", r.outcome.as_str(), crate::ledger::backup::stamp(r.started))).unwrap_or_default();
            t.add_row(vec![o.package.to_string(), o.server.to_string(), o.reason.clone(), last]);
        }
        table::text(&t)
    }
}

impl Render for Vec<init::Prepared> {
    fn human(&self) -> String {
        let mut t = table::list(["server", "account", "key", "repository", "error"]);
        for p in self {
            let made = |b: bool| if b { "created" } else { "kept" };
            let repo = if p.ok { made(p.repository_created) } else { "" };
            t.add_row(vec![p.server.to_string(), p.account.clone(), made(p.key_created).to_owned(), repo.to_owned(), p.error.clone().unwrap_or_default()]);
        }
        table::text(&t)
    }
}

impl Render for Vec<run::PackageRun> {
    fn human(&self) -> String {
        let mut t = table::list(["package", "server", "run", "outcome", "snapshot", "size", "files", "took", "error"]);
        for r in self {
            t.add_row(vec![
                r.package.to_string(),
                r.server.to_string(),
                table::opt(&r.run),
                r.outcome.as_str().to_owned(),
                r.snapshot.as_ref().map(|s| s.short().to_owned()).unwrap_or_default(),
                table::opt(&r.bytes),
                table::opt(&r.files),
                format!("{:.1} s", r.seconds),
                r.error.clone().unwrap_or_default(),
            ]);
        }
        table::text(&t)
    }
}

impl Render for restore::Restored {
    fn human(&self) -> String {
        let rows = [
            ("package", self.package.to_string()),
            ("server", self.server.to_string()),
            ("snapshot", self.snapshot.to_string()),
            ("run", self.run.to_string()),
            ("path", table::opt(&self.path)),
            ("database", table::opt(&self.database)),
            ("target", table::opt(&self.target)),
            ("entries", table::opt(&self.entries)),
        ];
        table::text(&table::fields(rows.iter().map(|(k, v)| (*k, v.clone()))))
    }
}

impl Render for Vec<&repo::Reconciled> {
    fn human(&self) -> String {
        let mut t = table::list(["server", "ok", "snapshots", "forgotten", "pruned", "kept", "checked", "error"]);
        for r in self {
            t.add_row(vec![
                table::opt(&r.server),
                table::yes_no(r.ok),
                r.snapshots.to_string(),
                r.forgotten.len().to_string(),
                r.pruned.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(" "),
                r.kept.iter().map(|(p, _)| p.to_string()).collect::<Vec<_>>().join(" "),
                r.checked.clone().unwrap_or_default(),
                r.error.clone().unwrap_or_default(),
            ]);
        }
        table::text(&t)
    }
}
