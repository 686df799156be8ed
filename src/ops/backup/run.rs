//! `backup run`: per package, its crontabs and database dumps into `~/.bak/`, then `restic backup` of its
//! home on its own server; each run recorded in the ledger when it starts and once more with its outcome.
//! Servers run in parallel, a server's packages one after another over one SSH session; one package
//! failing never stops the others. Runs left `running` by a process that is gone are marked killed first
//! (with a warning), and a run of a package whose last run is still alive is refused, so the nightly cron
//! job is never silently blocked and never doubled.
use super::Outcome;
use crate::config::Config;
use crate::ledger::backup::{self as rows, Ending};
use crate::ledger::package::Package;
use crate::ledger::{Ledger, Tx};
use crate::model::{Engine, PackageName, ServerName, SnapshotId};
use crate::remote::backup::{self as wire, restic};
use crate::remote::{Connection, SshOptions};
use crate::{Error, Result};
use chrono::Utc;
use serde::Serialize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one package's run may take on its server.
pub const RUN_LIMIT: Duration = Duration::from_secs(12 * 3600);

/// Which packages to back up.
#[derive(Debug, Default)]
pub struct Request {
    pub packages: Vec<PackageName>,
    pub server: Option<ServerName>,
    pub all: bool,
}

/// Who runs it: this admin host and process, so that a later run can tell a stale row from a live one.
#[derive(Debug, Clone)]
pub struct Runner {
    pub host: String,
    pub pid: u32,
}

/// How one package's run went.
#[derive(Debug, Clone, Serialize)]
pub struct PackageRun {
    pub package: PackageName,
    pub server: ServerName,
    /// The ledger's run id (also the snapshot's `run=` tag); none when the run was refused before it began.
    pub run: Option<i64>,
    pub outcome: Outcome,
    pub snapshot: Option<SnapshotId>,
    pub bytes: Option<u64>,
    pub files: Option<u64>,
    pub added: Option<u64>,
    pub seconds: f64,
    pub error: Option<String>,
    pub warnings: Vec<String>,
}

/// One package as its server's thread needs it.
struct Job {
    package: Package,
    users: Vec<String>,
    mariadb: Vec<String>,
    postgresql: Vec<String>,
}

/// The packages of the request, grouped by server (named packages must exist and not be purged).
fn jobs(tx: &Tx, req: &Request) -> Result<Vec<(ServerName, Vec<Job>)>> {
    let all: Vec<Package> = crate::ledger::package::list(tx, None, None)?.into_iter().filter(|p| p.purged_at.is_none()).collect();
    let chosen: Vec<Package> = if !req.packages.is_empty() {
        let mut v = Vec::new();
        for name in &req.packages {
            let p = super::super::package::get(tx, name)?;
            if p.purged_at.is_some() {
                return Err(Error::invalid("package", format!("{name} was purged: it has no home to back up")));
            }
            v.push(p);
        }
        v
    } else if let Some(s) = &req.server {
        super::super::server::get(tx, s)?;
        all.into_iter().filter(|p| &p.server == s).collect()
    } else if req.all {
        all
    } else {
        return Err(Error::invalid("package", "name the packages to back up, or give --server S or --all"));
    };
    let mut by_server: Vec<(ServerName, Vec<Job>)> = Vec::new();
    for p in chosen {
        let users = crate::ledger::user::list(tx, Some(p.name.as_str()))?.into_iter().map(|u| u.name.to_string()).collect();
        let dbs = crate::ledger::database::databases(tx, Some(&p.name), None)?;
        let names = |e: Engine| dbs.iter().filter(|d| d.engine == e && d.removed.is_none()).map(|d| d.name.to_string()).collect();
        let job = Job { users, mariadb: names(Engine::Mariadb), postgresql: names(Engine::Postgresql), package: p };
        match by_server.iter_mut().find(|(s, _)| *s == job.package.server) {
            Some((_, v)) => v.push(job),
            None => by_server.push((job.package.server.clone(), vec![job])),
        }
    }
    Ok(by_server)
}

/// Backs up the packages of `req`; `progress` hears restic's status lines as they come.
pub fn run(
    ledger: &mut Ledger,
    config: &Config,
    req: &Request,
    runner: &Runner,
    progress: &(dyn Fn(&PackageName, &restic::Progress) + Sync),
) -> Result<Vec<PackageRun>> {
    let (groups, servers) = ledger.read(|tx| Ok((jobs(tx, req)?, super::super::server::list(tx)?)))?;
    let opts = SshOptions::from_config(&config.ssh);
    let ledger = Mutex::new(ledger);
    let per_server = crate::remote::fan_out(&groups, groups.len(), |(server, jobs)| {
        let s = servers.iter().find(|s| &s.name == server).expect("a package's server is in the ledger");
        let mut conn = Connection::open(&super::super::server::target(s), &opts).map_err(|e| e.to_string());
        jobs.iter().map(|job| one(&ledger, &mut conn, job, runner, progress)).collect::<Vec<_>>()
    });
    Ok(per_server.into_iter().flatten().collect())
}

/// One package: the ledger row, the script, the outcome recorded.
fn one(
    ledger: &Mutex<&mut Ledger>,
    conn: &mut std::result::Result<Connection, String>,
    job: &Job,
    runner: &Runner,
    progress: &(dyn Fn(&PackageName, &restic::Progress) + Sync),
) -> PackageRun {
    let p = &job.package;
    let mut result = PackageRun {
        package: p.name.clone(),
        server: p.server.clone(),
        run: None,
        outcome: Outcome::Failed,
        snapshot: None,
        bytes: None,
        files: None,
        added: None,
        seconds: 0.0,
        error: None,
        warnings: Vec::new(),
    };
    let started = Instant::now();
    let begun = ledger.lock().expect("no thread panics holding the ledger").write(false, |tx| begin(tx, &p.name, &p.server, runner));
    let (id, warnings) = match begun {
        Ok(b) => b,
        Err(e) => {
            result.error = Some(e.to_string());
            return result;
        }
    };
    result.run = Some(id);
    result.warnings = warnings;
    let ending = match conn {
        Ok(c) => execute(c, job, id, &mut result, progress),
        Err(e) => Ending { outcome: Outcome::Failed, snapshot: None, bytes: None, files: None, error: Some(e.clone()) },
    };
    result.seconds = started.elapsed().as_secs_f64();
    result.outcome = ending.outcome;
    result.error = ending.error.clone();
    result.snapshot = ending.snapshot.clone();
    if let Err(e) = ledger.lock().expect("no thread panics holding the ledger").write(false, |tx| rows::finish(tx, id, Utc::now(), &ending)) {
        result.outcome = Outcome::Failed;
        result.error = Some(format!("the run's outcome could not be recorded: {e}"));
    }
    result
}

/// Clears the package's stale runs, refuses when a live one is still going, and records the start.
fn begin(tx: &Tx, package: &PackageName, server: &ServerName, runner: &Runner) -> Result<(i64, Vec<String>)> {
    let alive = |pid: i64| std::path::Path::new(&format!("/proc/{pid}")).exists();
    let now = Utc::now();
    let warnings = super::clear_stale(tx, package, &runner.host, alive, now)?;
    if let Some(r) = rows::running(tx, Some(package))?.into_iter().find(|r| r.host == runner.host) {
        return Err(Error::Conflict(format!("{package} is being backed up by run {} (process {} on {}); not started twice", r.id, r.pid, r.host)));
    }
    let id = rows::start(tx, package, server, now, &runner.host, runner.pid)?;
    Ok((id, warnings))
}

/// Runs the package's script, streaming restic's status lines to `progress`; how it ended.
fn execute(conn: &mut Connection, job: &Job, id: i64, result: &mut PackageRun, progress: &(dyn Fn(&PackageName, &restic::Progress) + Sync)) -> Ending {
    let p = &job.package;
    let home = format!("{}/{}", crate::model::PACKAGE_HOMES, p.name);
    let spec = wire::RunSpec {
        package: &p.name,
        home: &home,
        run: id,
        host: &p.server,
        users: job.users.clone(),
        mariadb: job.mariadb.clone(),
        postgresql: job.postgresql.clone(),
        unlock: !result.warnings.is_empty(),
    };
    let mut pending = Vec::new();
    let mut on_stdout = |chunk: &[u8]| {
        pending.extend_from_slice(chunk);
        while let Some(i) = pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = pending.drain(..=i).collect();
            if let Some(restic::Line::Status(s)) = restic::line(&line) {
                progress(&p.name, &s);
            }
        }
    };
    let failed = |error: String| Ending { outcome: Outcome::Failed, snapshot: None, bytes: None, files: None, error: Some(error) };
    let out = match conn.run_streaming(&wire::run(&spec), RUN_LIMIT, &mut on_stdout) {
        Ok(o) => o,
        Err(e) => return failed(e.to_string()),
    };
    let marks = wire::marks(&out.stdout);
    if marks.iter().any(|m| m.key == "unlocked") {
        result.warnings.push("a stale lock in the repository (left by a killed restic) was removed".into());
    }
    match out.status {
        0 => {}
        wire::NO_REPOSITORY => return failed(format!("{}: no backup repository yet: run hsadmin backup init", p.server)),
        wire::BUSY => return failed(format!("another backup of {} is still running on {}", p.name, p.server)),
        _ => return failed(format!("{}: {}", p.server, wire::tail(&out.stderr))),
    }
    let Some(summary) = restic::summary(&out.stdout) else { return failed("restic printed no summary".into()) };
    let Some(snapshot) = snapshot_id(&out.stdout, &marks, &summary.snapshot_id, id) else {
        return failed(format!("restic's snapshot {:?} could not be found in the repository", crate::model::printable(&summary.snapshot_id)));
    };
    result.bytes = Some(summary.total_bytes_processed);
    result.files = Some(summary.total_files_processed);
    result.added = Some(summary.data_added);
    Ending {
        outcome: Outcome::Ok,
        snapshot: Some(snapshot),
        bytes: i64::try_from(summary.total_bytes_processed).ok(),
        files: i64::try_from(summary.total_files_processed).ok(),
        error: None,
    }
}

/// The full id of the run's snapshot: from restic's cache (a `snapshot` mark), else from the snapshot
/// list of the run's tag; it must begin with the summary's short id.
fn snapshot_id(stdout: &[u8], marks: &[wire::Mark], short: &str, run: i64) -> Option<SnapshotId> {
    if short.len() < 8 {
        return None;
    }
    let from_cache = marks.iter().filter(|m| m.key == "snapshot").filter_map(|m| SnapshotId::parse("snapshot", &m.value).ok());
    let listed = stdout
        .split(|b| *b == b'\n')
        .filter(|l| l.starts_with(b"["))
        .filter_map(|l| restic::snapshots(l).ok())
        .flatten()
        .filter(|s| s.run == Some(run))
        .map(|s| s.id);
    let found: Vec<SnapshotId> = from_cache.chain(listed).filter(|s| s.as_str().starts_with(short)).collect();
    (found.len() == 1).then(|| found[0].clone())
}
