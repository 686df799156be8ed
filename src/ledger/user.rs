//! Unix users as stored.
use super::{Sort, SortKey, flag};
use crate::Result;
use crate::model::{Gecos, MemberNumber, PackageName, Shell, UserName};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct User {
    pub name: UserName,
    pub package: PackageName,
    pub uid: u32,
    pub shell: Shell,
    pub comment: Option<Gecos>,
    pub quota_soft_mb: i64,
    pub quota_hard_mb: i64,
    pub locked: bool,
    /// The SHA-512 crypt hash; never shown, only whether one is set.
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub password_set: bool,
    pub home: String,
}

const COLUMNS: &str = "name, package, uid, shell, comment, quota_soft_mb, quota_hard_mb, locked, password_hash";

fn from_row(r: &Row) -> rusqlite::Result<User> {
    let name: UserName = r.get(0)?;
    let password_hash: Option<String> = r.get(8)?;
    let home = name.home();
    Ok(User {
        package: r.get(1)?,
        uid: r.get(2)?,
        shell: r.get(3)?,
        comment: r.get(4)?,
        quota_soft_mb: r.get(5)?,
        quota_hard_mb: r.get(6)?,
        locked: r.get(7)?,
        password_set: password_hash.is_some(),
        password_hash,
        home,
        name,
    })
}

pub fn insert(conn: &Connection, u: &User) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO unix_user ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        params![u.name, u.package, u.uid, u.shell, u.comment, u.quota_soft_mb, u.quota_hard_mb, flag(u.locked), u.password_hash],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, u: &User) -> Result<()> {
    conn.execute(
        "UPDATE unix_user SET shell = ?2, comment = ?3, quota_soft_mb = ?4, quota_hard_mb = ?5, locked = ?6, password_hash = ?7 WHERE name = ?1",
        params![u.name, u.shell, u.comment, u.quota_soft_mb, u.quota_hard_mb, flag(u.locked), u.password_hash],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("DELETE FROM unix_user WHERE name = ?1", [name])?;
    Ok(())
}

pub fn get(conn: &Connection, name: &str) -> Result<Option<User>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM unix_user WHERE name = ?1"), [name], from_row).optional()?)
}

pub fn list(conn: &Connection, package: Option<&str>) -> Result<Vec<User>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM unix_user WHERE (?1 IS NULL OR package = ?1) ORDER BY name"))?;
    Ok(stmt.query_map([package], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// What `user list` keeps; `None` keeps every user.
#[derive(Debug, Default)]
pub struct Filter {
    /// Users of the packages of this member.
    pub member: Option<MemberNumber>,
    pub package: Option<PackageName>,
}

/// The columns of `user list` (all but the home, which follows from the name), the first being its key.
pub const SORT: &[SortKey] = &[
    SortKey { name: "name", sql: "u.name" },
    SortKey { name: "package", sql: "u.package" },
    SortKey { name: "uid", sql: "u.uid" },
    SortKey { name: "shell", sql: "u.shell" },
    SortKey { name: "soft-mb", sql: "u.quota_soft_mb" },
    SortKey { name: "hard-mb", sql: "u.quota_hard_mb" },
    SortKey { name: "locked", sql: "u.locked" },
];

/// The users `f` keeps, in the order asked for.
pub fn find(conn: &Connection, f: &Filter, sort: Sort) -> Result<Vec<User>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM unix_user u JOIN package p ON p.name = u.package
         WHERE (?1 IS NULL OR p.member = ?1) AND (?2 IS NULL OR u.package = ?2) ORDER BY {}",
        qualified("u"),
        sort.order_by("u.name")
    ))?;
    Ok(stmt.query_map(params![f.member, f.package], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The columns with a table alias, for joins.
fn qualified(alias: &str) -> String {
    COLUMNS.split(", ").map(|c| format!("{alias}.{c}")).collect::<Vec<_>>().join(", ")
}

pub fn count(conn: &Connection, package: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM unix_user WHERE package = ?1", [package], |r| r.get(0))?)
}

/// The largest hard quota among a package's users (0 when none has one).
pub fn max_hard_quota(conn: &Connection, package: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(quota_hard_mb), 0) FROM unix_user WHERE package = ?1", [package], |r| r.get(0))?)
}

/// The highest uid among the users in the ledger.
pub fn max_uid(conn: &Connection) -> Result<Option<u32>> {
    Ok(conn.query_row("SELECT max(uid) FROM unix_user", [], |r| r.get(0))?)
}

/// The users of every package on a server.
pub fn on_server(conn: &Connection, server: &str) -> Result<Vec<User>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {} FROM unix_user u JOIN package p ON p.name = u.package WHERE p.server = ?1 ORDER BY u.name", qualified("u")))?;
    Ok(stmt.query_map([server], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Every uid this ledger ever handed out, with the account name it was given to. Never shrinks.
pub fn granted(conn: &Connection) -> Result<std::collections::BTreeMap<u32, String>> {
    let mut stmt = conn.prepare("SELECT uid, name FROM uid_grant")?;
    Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}
