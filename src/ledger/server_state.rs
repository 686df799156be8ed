//! What each server was last brought to, and the disk usage it reported.
use crate::Result;
use crate::model::ServerName;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServerState {
    pub server: ServerName,
    pub plan_hash: Option<String>,
    pub applied_at: Option<String>,
    /// ok, failed or unreachable.
    pub outcome: Option<String>,
    pub actions: i64,
    pub error: Option<String>,
    /// The server has not caught up with the ledger yet.
    pub pending: bool,
}

pub fn get(conn: &Connection, server: &str) -> Result<Option<ServerState>> {
    Ok(conn
        .query_row("SELECT server, plan_hash, applied_at, outcome, actions, error, pending FROM server_state WHERE server = ?1", [server], |r| {
            Ok(ServerState {
                server: r.get(0)?,
                plan_hash: r.get(1)?,
                applied_at: r.get(2)?,
                outcome: r.get(3)?,
                actions: r.get(4)?,
                error: r.get(5)?,
                pending: r.get(6)?,
            })
        })
        .optional()?)
}

pub fn put(conn: &Connection, s: &ServerState) -> Result<()> {
    conn.execute(
        "INSERT INTO server_state (server, plan_hash, applied_at, outcome, actions, error, pending) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (server) DO UPDATE SET plan_hash = excluded.plan_hash, applied_at = excluded.applied_at, outcome = excluded.outcome,
         actions = excluded.actions, error = excluded.error, pending = excluded.pending",
        params![s.server, s.plan_hash, s.applied_at, s.outcome, s.actions, s.error, s.pending as i64],
    )?;
    Ok(())
}

/// Marks a server as behind the ledger (a change was committed but not yet applied there).
pub fn mark_pending(conn: &Connection, server: &str) -> Result<()> {
    conn.execute("INSERT INTO server_state (server, pending) VALUES (?1, 1) ON CONFLICT (server) DO UPDATE SET pending = 1", [server])?;
    Ok(())
}

pub fn set_usage(conn: &Connection, package: &str, used_kb: u64, as_of: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO package_usage (package, used_kb, as_of) VALUES (?1, ?2, ?3) ON CONFLICT (package) DO UPDATE SET used_kb = excluded.used_kb, as_of = excluded.as_of",
        params![package, used_kb as i64, as_of],
    )?;
    Ok(())
}

/// A package's last reported usage in KiB and when it was reported.
pub fn usage(conn: &Connection, package: &str) -> Result<Option<(i64, String)>> {
    Ok(conn.query_row("SELECT used_kb, as_of FROM package_usage WHERE package = ?1", [package], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}
