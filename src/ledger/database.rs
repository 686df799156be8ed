//! Database users and databases as stored (schema 11). A row is never deleted: removing records the day, so
//! that the converge role can drop what was removed and the audit log keeps naming it; a user's secret is
//! the only other value that changes (the schema refuses the rest).
use super::bank::{day, opt_day};
use crate::Result;
use crate::model::{DbName, DbSecret, Encoding, Engine, PackageName, ServerName};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// A database user (a PostgreSQL role with LOGIN, a MariaDB account).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbUser {
    /// Never handed out twice, also after a removal.
    pub id: i64,
    /// `xyz00` or `xyz00_name`; unique per engine among the users not removed.
    pub name: DbName,
    pub engine: Engine,
    /// The package it belongs to (the first five characters of its name).
    pub package: PackageName,
    /// The engine's pre-hashed secret (a SCRAM-SHA-256 verifier or an ed25519 hash): what the converge role
    /// applies; never serialised (not in output, not in the audit log).
    #[serde(skip)]
    pub secret: DbSecret,
    pub added: NaiveDate,
    /// The day it was removed; `None` while it is in use.
    pub removed: Option<NaiveDate>,
    /// The package's last day (`YYYY-MM-DD`) when it is cancelled, as the package row has it: a user of a
    /// package that has ended is to be locked.
    pub package_valid_to: Option<String>,
}

/// A database, owned by a user of the same package and engine.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Database {
    /// Never handed out twice, also after a removal.
    pub id: i64,
    /// `xyz00` or `xyz00_name`; unique per engine among the databases not removed.
    pub name: DbName,
    pub engine: Engine,
    /// The owning user's name.
    pub owner: DbName,
    /// The owning user's id (its row in [`DbUser`]).
    pub owner_id: i64,
    pub encoding: Encoding,
    pub added: NaiveDate,
    /// The day it was removed; `None` while it is in use.
    pub removed: Option<NaiveDate>,
}

impl Database {
    /// The package it belongs to (the first five characters of its name, the owner's package).
    pub fn package(&self) -> PackageName {
        self.name.package()
    }
}

const USER_COLUMNS: &str = "u.id, u.name, u.engine, u.package, u.secret, u.added, u.removed, p.valid_to FROM db_user u JOIN package p ON p.name = u.package";
const DB_COLUMNS: &str = "d.id, d.name, d.engine, o.name, d.owner, d.encoding, d.added, d.removed FROM database d JOIN db_user o ON o.id = d.owner";

fn user_row(r: &Row) -> rusqlite::Result<DbUser> {
    Ok(DbUser {
        id: r.get(0)?,
        name: r.get(1)?,
        engine: r.get(2)?,
        package: r.get(3)?,
        secret: r.get(4)?,
        added: day(r, 5)?,
        removed: opt_day(r, 6)?,
        package_valid_to: r.get(7)?,
    })
}

fn db_row(r: &Row) -> rusqlite::Result<Database> {
    Ok(Database {
        id: r.get(0)?,
        name: r.get(1)?,
        engine: r.get(2)?,
        owner: r.get(3)?,
        owner_id: r.get(4)?,
        encoding: r.get(5)?,
        added: day(r, 6)?,
        removed: opt_day(r, 7)?,
    })
}

pub fn insert_user(conn: &Connection, name: &DbName, engine: Engine, secret: &DbSecret, added: NaiveDate) -> Result<DbUser> {
    conn.execute(
        "INSERT INTO db_user (name, engine, package, secret, added) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, engine, name.package(), secret, added.to_string()],
    )?;
    let id = conn.last_insert_rowid();
    Ok(conn.query_row(&format!("SELECT {USER_COLUMNS} WHERE u.id = ?1"), [id], user_row)?)
}

/// The users not removed named `name`: one per engine at most, of `engine` only if given.
pub fn users_named(conn: &Connection, name: &DbName, engine: Option<Engine>) -> Result<Vec<DbUser>> {
    let sql = format!("SELECT {USER_COLUMNS} WHERE u.name = ?1 AND (?2 IS NULL OR u.engine = ?2) AND u.removed IS NULL ORDER BY u.engine");
    let mut stmt = conn.prepare(&sql)?;
    Ok(stmt.query_map(params![name, engine], user_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn get_user(conn: &Connection, id: i64) -> Result<Option<DbUser>> {
    Ok(conn.query_row(&format!("SELECT {USER_COLUMNS} WHERE u.id = ?1"), [id], user_row).optional()?)
}

/// The users not removed, of one package and/or engine, by package, name and engine.
pub fn users(conn: &Connection, package: Option<&PackageName>, engine: Option<Engine>) -> Result<Vec<DbUser>> {
    let sql = format!(
        "SELECT {USER_COLUMNS} WHERE (?1 IS NULL OR u.package = ?1) AND (?2 IS NULL OR u.engine = ?2) AND u.removed IS NULL ORDER BY u.package, u.name, u.engine"
    );
    let mut stmt = conn.prepare(&sql)?;
    Ok(stmt.query_map(params![package, engine], user_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Replaces a user's secret (a password update).
pub fn set_secret(conn: &Connection, id: i64, secret: &DbSecret) -> Result<()> {
    conn.execute("UPDATE db_user SET secret = ?2 WHERE id = ?1 AND removed IS NULL", params![id, secret])?;
    Ok(())
}

/// Records the removal of a user on `date`.
pub fn mark_user_removed(conn: &Connection, id: i64, date: NaiveDate) -> Result<()> {
    conn.execute("UPDATE db_user SET removed = ?2 WHERE id = ?1 AND removed IS NULL", params![id, date.to_string()])?;
    Ok(())
}

pub fn insert_database(conn: &Connection, name: &DbName, owner: &DbUser, encoding: &Encoding, added: NaiveDate) -> Result<Database> {
    conn.execute(
        "INSERT INTO database (name, engine, owner, encoding, added) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, owner.engine, owner.id, encoding, added.to_string()],
    )?;
    let id = conn.last_insert_rowid();
    Ok(conn.query_row(&format!("SELECT {DB_COLUMNS} WHERE d.id = ?1"), [id], db_row)?)
}

pub fn get_database(conn: &Connection, id: i64) -> Result<Option<Database>> {
    Ok(conn.query_row(&format!("SELECT {DB_COLUMNS} WHERE d.id = ?1"), [id], db_row).optional()?)
}

/// The databases not removed named `name`: one per engine at most, of `engine` only if given.
pub fn databases_named(conn: &Connection, name: &DbName, engine: Option<Engine>) -> Result<Vec<Database>> {
    let sql = format!("SELECT {DB_COLUMNS} WHERE d.name = ?1 AND (?2 IS NULL OR d.engine = ?2) AND d.removed IS NULL ORDER BY d.engine");
    let mut stmt = conn.prepare(&sql)?;
    Ok(stmt.query_map(params![name, engine], db_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The databases not removed, of one package and/or engine, by package, name and engine.
pub fn databases(conn: &Connection, package: Option<&PackageName>, engine: Option<Engine>) -> Result<Vec<Database>> {
    let sql = format!(
        "SELECT {DB_COLUMNS} WHERE (?1 IS NULL OR o.package = ?1) AND (?2 IS NULL OR d.engine = ?2) AND d.removed IS NULL ORDER BY o.package, d.name, d.engine"
    );
    let mut stmt = conn.prepare(&sql)?;
    Ok(stmt.query_map(params![package, engine], db_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The databases not removed that a user owns.
pub fn owned_by(conn: &Connection, owner: i64) -> Result<Vec<Database>> {
    let mut stmt = conn.prepare(&format!("SELECT {DB_COLUMNS} WHERE d.owner = ?1 AND d.removed IS NULL ORDER BY d.name"))?;
    Ok(stmt.query_map([owner], db_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Records the removal of a database on `date`.
pub fn mark_database_removed(conn: &Connection, id: i64, date: NaiveDate) -> Result<()> {
    conn.execute("UPDATE database SET removed = ?2 WHERE id = ?1 AND removed IS NULL", params![id, date.to_string()])?;
    Ok(())
}

/// For the converge role: every database user and database of the packages on `server`, the removed ones
/// too (with `removed` set, so that it drops them), by package, name, engine and id.
pub fn on_server(conn: &Connection, server: &ServerName) -> Result<(Vec<DbUser>, Vec<Database>)> {
    let sql = format!("SELECT {USER_COLUMNS} WHERE p.server = ?1 ORDER BY u.package, u.name, u.engine, u.id");
    let users = conn.prepare(&sql)?.query_map([server], user_row)?.collect::<rusqlite::Result<_>>()?;
    let sql = format!("SELECT {DB_COLUMNS} JOIN package p ON p.name = o.package WHERE p.server = ?1 ORDER BY o.package, d.name, d.engine, d.id");
    let dbs = conn.prepare(&sql)?.query_map([server], db_row)?.collect::<rusqlite::Result<_>>()?;
    Ok((users, dbs))
}
