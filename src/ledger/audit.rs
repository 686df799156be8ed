//! The audit log: who changed what, when, from which command line, before and after.
use super::Actor;
use crate::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub command: String,
    pub entity: String,
    pub key: String,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub(super) fn insert(
    conn: &Connection,
    actor: &Actor,
    entity: &str,
    key: &str,
    action: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<()> {
    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    conn.prepare_cached("INSERT INTO audit_log (at, actor, command, entity, key, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?
        .execute(params![at, actor.user, actor.command, entity, key, action, before.map(|v| v.to_string()), after.map(|v| v.to_string())])?;
    Ok(())
}

/// What `hsadmin log` keeps; `None` keeps every entry.
#[derive(Debug, Default)]
pub struct Filter<'a> {
    /// Entries at or after this date or timestamp prefix.
    pub since: Option<&'a str>,
    /// Entries before this date or timestamp prefix.
    pub before: Option<&'a str>,
    pub entity: Option<&'a str>,
    pub key: Option<&'a str>,
    pub actor: Option<&'a str>,
    /// Only the newest this many.
    pub limit: Option<u32>,
}

/// The entries `f` keeps, newest first.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, command, entity, key, action, before, after FROM audit_log
         WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2) AND (?3 IS NULL OR entity = ?3) AND (?4 IS NULL OR key = ?4)
           AND (?5 IS NULL OR actor = ?5)
         ORDER BY id DESC LIMIT ?6",
    )?;
    let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    // A negative LIMIT is no limit in SQLite.
    let limit = f.limit.map_or(-1, i64::from);
    let rows = stmt.query_map(params![f.since, f.before, f.entity, f.key, f.actor, limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            command: r.get(3)?,
            entity: r.get(4)?,
            key: r.get(5)?,
            action: r.get(6)?,
            before: json(r.get(7)?),
            after: json(r.get(8)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
