//! Cron jobs as stored.
use super::{Sort, SortKey};
use crate::Result;
use crate::model::{CronCommand, CronSchedule, MemberNumber, PackageName, UserName};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CronJob {
    pub id: i64,
    pub user: UserName,
    pub schedule: CronSchedule,
    pub command: CronCommand,
}

fn from_row(r: &Row) -> rusqlite::Result<CronJob> {
    Ok(CronJob { id: r.get(0)?, user: r.get(1)?, schedule: r.get(2)?, command: r.get(3)? })
}

pub fn insert(conn: &Connection, user: &UserName, schedule: &CronSchedule, command: &CronCommand) -> Result<CronJob> {
    conn.execute("INSERT INTO cron_job (user, schedule, command) VALUES (?1, ?2, ?3)", params![user, schedule, command])?;
    Ok(CronJob { id: conn.last_insert_rowid(), user: user.clone(), schedule: schedule.clone(), command: command.clone() })
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<CronJob>> {
    Ok(conn.query_row("SELECT id, user, schedule, command FROM cron_job WHERE id = ?1", [id], from_row).optional()?)
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM cron_job WHERE id = ?1", [id])?;
    Ok(())
}

/// Jobs of one user, or of every user of one package, or all.
pub fn list(conn: &Connection, user: Option<&str>, package: Option<&str>) -> Result<Vec<CronJob>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.user, c.schedule, c.command FROM cron_job c JOIN unix_user u ON u.name = c.user
         WHERE (?1 IS NULL OR c.user = ?1) AND (?2 IS NULL OR u.package = ?2) ORDER BY c.user, c.id",
    )?;
    Ok(stmt.query_map(params![user, package], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// What `cron list` keeps; `None` keeps every job.
#[derive(Debug, Default)]
pub struct Filter {
    /// Jobs of the users of the packages of this member.
    pub member: Option<MemberNumber>,
    /// Jobs of the users of this package.
    pub package: Option<PackageName>,
    pub user: Option<UserName>,
}

/// The columns of `cron list`, the first being its default order (by user; ties go by id).
pub const SORT: &[SortKey] = &[
    SortKey { name: "user", sql: "c.user" },
    SortKey { name: "id", sql: "c.id" },
    SortKey { name: "schedule", sql: "c.schedule" },
    SortKey { name: "command", sql: "c.command" },
];

/// The jobs `f` keeps, in the order asked for.
pub fn find(conn: &Connection, f: &Filter, sort: Sort) -> Result<Vec<CronJob>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT c.id, c.user, c.schedule, c.command FROM cron_job c JOIN unix_user u ON u.name = c.user JOIN package p ON p.name = u.package
         WHERE (?1 IS NULL OR p.member = ?1) AND (?2 IS NULL OR u.package = ?2) AND (?3 IS NULL OR c.user = ?3) ORDER BY {}",
        sort.order_by("c.id")
    ))?;
    Ok(stmt.query_map(params![f.member, f.package, f.user], from_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection, user: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM cron_job WHERE user = ?1", [user], |r| r.get(0))?)
}

/// The cron jobs of every user on a server.
pub fn on_server(conn: &Connection, server: &str) -> Result<Vec<CronJob>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.user, c.schedule, c.command FROM cron_job c JOIN unix_user u ON u.name = c.user JOIN package p ON p.name = u.package
         WHERE p.server = ?1 ORDER BY c.user, c.id",
    )?;
    Ok(stmt.query_map([server], from_row)?.collect::<rusqlite::Result<_>>()?)
}
