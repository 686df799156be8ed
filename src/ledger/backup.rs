//! Backup runs as stored (schema 12): one row per run of one package, written when the run starts and once
//! more with its outcome; an ok run names its restic snapshot, which is marked forgotten when the repository
//! no longer has it. Rows are never deleted (the schema refuses it), so the ledger keeps the whole history.
use crate::Result;
use crate::model::{PackageName, ServerName, SnapshotId};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, Row, params};
use serde::Serialize;

pub use crate::model::RunOutcome as Outcome;

/// One backup run of one package.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    /// Never handed out twice; restic's snapshot carries it as the tag `run=<id>`.
    pub id: i64,
    pub package: PackageName,
    pub server: ServerName,
    pub started: DateTime<Utc>,
    /// The admin host and process that ran it: a running row whose process is gone is stale.
    pub host: String,
    pub pid: i64,
    pub ended: Option<DateTime<Utc>>,
    pub outcome: Outcome,
    /// restic's snapshot id (64 hex digits), for an ok run.
    pub snapshot: Option<SnapshotId>,
    pub bytes: Option<i64>,
    pub files: Option<i64>,
    pub error: Option<String>,
    /// When the repository was found not to hold the snapshot any more (`backup prune`, `--refresh`).
    pub forgotten: Option<DateTime<Utc>>,
}

/// How a run ended, as `finish` records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    pub outcome: Outcome,
    pub snapshot: Option<SnapshotId>,
    pub bytes: Option<i64>,
    pub files: Option<i64>,
    pub error: Option<String>,
}

const STAMP: &str = "%Y-%m-%dT%H:%M:%SZ";

/// A time as the schema keeps it: UTC to the second, `2026-12-02T03:00:00Z`.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format(STAMP).to_string()
}

fn time(r: &Row, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let Some(text) = r.get::<_, Option<String>>(i)? else { return Ok(None) };
    NaiveDateTime::parse_from_str(&text, STAMP)
        .map(|t| Some(t.and_utc()))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

const COLUMNS: &str = "id, package, server, started, host, pid, ended, outcome, snapshot, bytes, files, error, forgotten FROM backup_run";

fn run_row(r: &Row) -> rusqlite::Result<Run> {
    Ok(Run {
        id: r.get(0)?,
        package: r.get(1)?,
        server: r.get(2)?,
        started: time(r, 3)?.unwrap_or_default(),
        host: r.get(4)?,
        pid: r.get(5)?,
        ended: time(r, 6)?,
        outcome: r.get(7)?,
        snapshot: r.get(8)?,
        bytes: r.get(9)?,
        files: r.get(10)?,
        error: r.get(11)?,
        forgotten: time(r, 12)?,
    })
}

/// Records the start of a run; its id.
pub fn start(c: &Connection, package: &PackageName, server: &ServerName, at: DateTime<Utc>, host: &str, pid: u32) -> Result<i64> {
    c.execute(
        "INSERT INTO backup_run (package, server, started, host, pid, outcome) VALUES (?1, ?2, ?3, ?4, ?5, 'running')",
        params![package, server, stamp(at), host, pid],
    )?;
    Ok(c.last_insert_rowid())
}

/// Records how a running run ended (the schema refuses a second ending).
pub fn finish(c: &Connection, id: i64, at: DateTime<Utc>, e: &Ending) -> Result<()> {
    c.execute(
        "UPDATE backup_run SET ended = ?2, outcome = ?3, snapshot = ?4, bytes = ?5, files = ?6, error = ?7 WHERE id = ?1 AND outcome = 'running'",
        params![id, stamp(at), e.outcome, e.snapshot, e.bytes, e.files, e.error],
    )?;
    Ok(())
}

/// Marks an ok run's snapshot as no longer in the repository.
pub fn forget(c: &Connection, id: i64, at: DateTime<Utc>) -> Result<()> {
    c.execute("UPDATE backup_run SET forgotten = ?2 WHERE id = ?1 AND outcome = 'ok' AND forgotten IS NULL", params![id, stamp(at)])?;
    Ok(())
}

/// The runs, oldest first: of one package, or all.
pub fn runs(c: &Connection, package: Option<&PackageName>) -> Result<Vec<Run>> {
    let mut st = c.prepare(&format!("SELECT {COLUMNS} WHERE ?1 IS NULL OR package = ?1 ORDER BY started, id"))?;
    let rows = st.query_map(params![package.map(PackageName::as_str)], run_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The runs still marked running, of one package or all.
pub fn running(c: &Connection, package: Option<&PackageName>) -> Result<Vec<Run>> {
    Ok(runs(c, package)?.into_iter().filter(|r| r.outcome == Outcome::Running).collect())
}
