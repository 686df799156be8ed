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

/// Entries at or after `since` (a date or timestamp prefix), optionally of one entity kind, oldest first.
pub fn list(conn: &Connection, since: Option<&str>, entity: Option<&str>) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, command, entity, key, action, before, after FROM audit_log
         WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR entity = ?2) ORDER BY id",
    )?;
    let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    let rows = stmt.query_map(params![since, entity], |r| {
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
