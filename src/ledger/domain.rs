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
    /// The Unix user owning `~/doms/<name>` (the domain admin); none for a registration-only domain.
    pub user: Option<UserName>,
    /// Set up on the package's web server; false for a domain only registered through the hoster.
    pub hosted: bool,
    /// Labels with their own document root under `~/doms/<name>/subs/<label>`.
    pub subdomains: Vec<String>,
    pub cgi: bool,
    pub php: bool,
    pub indexes: bool,
    pub https: bool,
    pub registration: String,
    /// The registry's object id of the domain (ROID).
    pub registrar_handle: Option<String>,
    pub since: String,
    /// When the registration runs out, as the registry last said (`YYYY-MM-DD`).
    pub expires: Option<String>,
    /// The registrant's contact handle at the registry.
    pub registrant_handle: Option<String>,
    /// The domain's auth code (authInfo) hsadmin generated: never serialised, so never in JSON output or
    /// the audit log; `domain auth-code` shows it on request.
    #[serde(skip)]
    pub auth_code: Option<String>,
    /// The registry's status words, space-separated (`ok`, `clientTransferProhibited`, …).
    pub registry_status: Option<String>,
    /// Whether the domain takes mail (its addresses and lists); on by default.
    pub mail: bool,
}

const COLUMNS: &str = "name, package, user, subdomains, cgi, php, indexes, https, registration, registrar_handle, since, hosted, expires, registrant_handle, auth_code, registry_status, mail";

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
        hosted: r.get(11)?,
        expires: r.get(12)?,
        registrant_handle: r.get(13)?,
        auth_code: r.get(14)?,
        registry_status: r.get(15)?,
        mail: r.get(16)?,
    })
}

pub fn insert(conn: &Connection, d: &Domain) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO domain ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"),
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
            d.since,
            flag(d.hosted),
            d.expires,
            d.registrant_handle,
            d.auth_code,
            d.registry_status,
            flag(d.mail)
        ],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, d: &Domain) -> Result<()> {
    conn.execute(
        "UPDATE domain SET user = ?2, subdomains = ?3, cgi = ?4, php = ?5, indexes = ?6, https = ?7, registration = ?8, registrar_handle = ?9,
         hosted = ?10, expires = ?11, registrant_handle = ?12, auth_code = ?13, registry_status = ?14, mail = ?15 WHERE name = ?1",
        params![
            d.name,
            d.user,
            d.subdomains.join(","),
            flag(d.cgi),
            flag(d.php),
            flag(d.indexes),
            flag(d.https),
            d.registration,
            d.registrar_handle,
            flag(d.hosted),
            d.expires,
            d.registrant_handle,
            d.auth_code,
            d.registry_status,
            flag(d.mail)
        ],
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

/// The domains of one package, by name (through the package index: `list` with a package scans them all).
pub fn of_package(conn: &Connection, package: &str) -> Result<Vec<Domain>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM domain WHERE package = ?1 ORDER BY name"))?;
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
/// How many columns [`qualified`] selects: a query selecting more reads them from this index on.
pub(super) fn column_count() -> usize {
    COLUMNS.split(", ").count()
}

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

/// A message from the registry's poll queue as recorded.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegistryMessage {
    pub id: String,
    pub received: String,
    pub domain: Option<String>,
    pub kind: String,
    pub text: String,
}

/// Records a poll message; false when its id was recorded before (it is then not acted on again).
pub fn record_message(conn: &Connection, m: &RegistryMessage) -> Result<bool> {
    let n = conn.execute(
        "INSERT INTO registry_message (id, received, domain, kind, text) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING",
        params![m.id, m.received, m.domain, m.kind, m.text],
    )?;
    Ok(n == 1)
}

/// The recorded poll messages, oldest first.
pub fn messages(conn: &Connection) -> Result<Vec<RegistryMessage>> {
    let mut stmt = conn.prepare("SELECT id, received, domain, kind, text FROM registry_message ORDER BY received, id")?;
    let rows = stmt.query_map([], |r| Ok(RegistryMessage { id: r.get(0)?, received: r.get(1)?, domain: r.get(2)?, kind: r.get(3)?, text: r.get(4)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
