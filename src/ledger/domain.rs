//! Domains as stored.
use super::{Sort, SortKey, flag};
use crate::Result;
use crate::model::{DomainName, MemberNumber, PackageName, UserName};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Domain {
    /// ASCII (IDNA) form.
    pub name: DomainName,
    /// Unicode form for people; equals `name` for plain ASCII names.
    pub unicode: String,
    pub package: PackageName,
    /// The Unix user owning `~/doms/<name>` (the domain admin).
    pub user: UserName,
    /// Labels with their own document root under `~/doms/<name>/subs/<label>`.
    pub subdomains: Vec<String>,
    pub cgi: bool,
    pub php: bool,
    pub indexes: bool,
    pub https: bool,
    pub registration: String,
    pub registrar_handle: Option<String>,
    pub since: String,
}

const COLUMNS: &str = "name, package, user, subdomains, cgi, php, indexes, https, registration, registrar_handle, since";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Domain> {
    let name: DomainName = r.get(0)?;
    let subdomains: String = r.get(3)?;
    Ok(Domain {
        unicode: name.unicode(),
        name,
        package: r.get(1)?,
        user: r.get(2)?,
        subdomains: subdomains.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        cgi: r.get(4)?,
        php: r.get(5)?,
        indexes: r.get(6)?,
        https: r.get(7)?,
        registration: r.get(8)?,
        registrar_handle: r.get(9)?,
        since: r.get(10)?,
    })
}

pub fn insert(conn: &Connection, d: &Domain) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO domain ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        params![
            d.name,
            d.package,
            d.user,
            d.subdomains.join(","),
            flag(d.cgi),
            flag(d.php),
            flag(d.indexes),
            flag(d.https),
            d.registration,
            d.registrar_handle,
            d.since
        ],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, d: &Domain) -> Result<()> {
    conn.execute(
        "UPDATE domain SET user = ?2, subdomains = ?3, cgi = ?4, php = ?5, indexes = ?6, https = ?7, registration = ?8, registrar_handle = ?9 WHERE name = ?1",
        params![d.name, d.user, d.subdomains.join(","), flag(d.cgi), flag(d.php), flag(d.indexes), flag(d.https), d.registration, d.registrar_handle],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("DELETE FROM domain WHERE name = ?1", [name])?;
    Ok(())
}

pub fn get(conn: &Connection, name: &str) -> Result<Option<Domain>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM domain WHERE name = ?1"), [name], from_row).optional()?)
}

/// Domains, optionally of one package, by name.
pub fn list(conn: &Connection, package: Option<&str>) -> Result<Vec<Domain>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM domain WHERE (?1 IS NULL OR package = ?1) ORDER BY name"))?;
    Ok(stmt.query_map([package], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// What `domain list` keeps; `None` keeps every domain.
#[derive(Debug, Default)]
pub struct Filter {
    /// Domains on the packages of this member.
    pub member: Option<MemberNumber>,
    pub package: Option<PackageName>,
}

/// The columns of `domain list`, the first being its key.
pub const SORT: &[SortKey] = &[
    SortKey { name: "name", sql: "d.name" },
    SortKey { name: "package", sql: "d.package" },
    SortKey { name: "user", sql: "d.user" },
    SortKey { name: "subdomains", sql: "d.subdomains" },
    SortKey { name: "cgi", sql: "d.cgi" },
    SortKey { name: "php", sql: "d.php" },
    SortKey { name: "indexes", sql: "d.indexes" },
    SortKey { name: "https", sql: "d.https" },
    SortKey { name: "registration", sql: "d.registration" },
    SortKey { name: "since", sql: "d.since" },
];

/// The domains `f` keeps, in the order asked for.
pub fn find(conn: &Connection, f: &Filter, sort: Sort) -> Result<Vec<Domain>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM domain d JOIN package p ON p.name = d.package
         WHERE (?1 IS NULL OR p.member = ?1) AND (?2 IS NULL OR d.package = ?2) ORDER BY {}",
        qualified("d"),
        sort.order_by("d.name")
    ))?;
    Ok(stmt.query_map(params![f.member, f.package], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The columns with a table alias, for joins.
pub(super) fn qualified(alias: &str) -> String {
    COLUMNS.split(", ").map(|c| format!("{alias}.{c}")).collect::<Vec<_>>().join(", ")
}

pub fn names_of_user(conn: &Connection, user: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM domain WHERE user = ?1 ORDER BY name")?;
    Ok(stmt.query_map([user], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection, package: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM domain WHERE package = ?1", [package], |r| r.get(0))?)
}

/// The domains of every package on a server.
pub fn on_server(conn: &Connection, server: &str) -> Result<Vec<Domain>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {} FROM domain d JOIN package p ON p.name = d.package WHERE p.server = ?1 ORDER BY d.name", qualified("d")))?;
    Ok(stmt.query_map([server], from_row)?.collect::<rusqlite::Result<_>>()?)
}
