//! Packages as stored.
use super::{Sort, SortKey, flag};
use crate::Result;
use crate::model::{MemberNumber, PackageName, PackageStatus, ProductCode, ServerName};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Package {
    pub name: PackageName,
    pub member: MemberNumber,
    pub product: ProductCode,
    pub server: ServerName,
    pub webspace_mb: i64,
    pub traffic_gb: i64,
    pub users: i64,
    pub domains: i64,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub free: bool,
    pub comment: Option<String>,
    /// When the package's data was removed from its server (`package purge`).
    pub purged_at: Option<String>,
}

impl Package {
    /// Whether the package has ended by `today` (`YYYY-MM-DD`): its last day is behind. A package ending
    /// today still runs today.
    pub fn ended(&self, today: &str) -> bool {
        self.valid_to.as_deref().is_some_and(|to| to < today)
    }
}

const COLUMNS: &str = "name, member, product, server, webspace_mb, traffic_gb, users, domains, valid_from, valid_to, free, comment, purged_at";

fn from_row(r: &Row) -> rusqlite::Result<Package> {
    Ok(Package {
        name: r.get(0)?,
        member: r.get(1)?,
        product: r.get(2)?,
        server: r.get(3)?,
        webspace_mb: r.get(4)?,
        traffic_gb: r.get(5)?,
        users: r.get(6)?,
        domains: r.get(7)?,
        valid_from: r.get(8)?,
        valid_to: r.get(9)?,
        free: r.get(10)?,
        comment: r.get(11)?,
        purged_at: r.get(12)?,
    })
}

pub fn insert(conn: &Connection, p: &Package) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO package ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
        params![
            p.name,
            p.member,
            p.product,
            p.server,
            p.webspace_mb,
            p.traffic_gb,
            p.users,
            p.domains,
            p.valid_from,
            p.valid_to,
            flag(p.free),
            p.comment,
            p.purged_at
        ],
    )?;
    Ok(())
}

/// Writes the changeable columns (member, product, server and start never change).
pub fn update(conn: &Connection, p: &Package) -> Result<()> {
    conn.execute(
        "UPDATE package SET webspace_mb = ?2, traffic_gb = ?3, users = ?4, domains = ?5, valid_to = ?6, free = ?7, comment = ?8, purged_at = ?9 WHERE name = ?1",
        params![p.name, p.webspace_mb, p.traffic_gb, p.users, p.domains, p.valid_to, flag(p.free), p.comment, p.purged_at],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, name: &str) -> Result<Option<Package>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM package WHERE name = ?1"), [name], from_row).optional()?)
}

/// Packages, optionally of one member and/or on one server, by name.
pub fn list(conn: &Connection, member: Option<u32>, server: Option<&str>) -> Result<Vec<Package>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM package WHERE (?1 IS NULL OR member = ?1) AND (?2 IS NULL OR server = ?2) ORDER BY name"))?;
    Ok(stmt.query_map(params![member, server], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// What `package list` keeps; `None` keeps every package.
#[derive(Debug, Default)]
pub struct Filter {
    pub member: Option<MemberNumber>,
    pub server: Option<ServerName>,
    /// Where the package stands on the day of the listing.
    pub status: Option<PackageStatus>,
}

/// The status as of `:today`, in SQL (the same rule as [`PackageStatus::on`]).
const STATUS_SQL: &str = "CASE WHEN valid_to IS NULL THEN 'active' WHEN valid_to < :today THEN 'cancelled' ELSE 'ending' END";

/// The columns of `package list`, the first being its key.
pub const SORT: &[SortKey] = &[
    SortKey { name: "name", sql: "name" },
    SortKey { name: "member", sql: "member" },
    SortKey { name: "product", sql: "product" },
    SortKey { name: "server", sql: "server" },
    SortKey { name: "webspace-mb", sql: "webspace_mb" },
    SortKey { name: "users", sql: "users" },
    SortKey { name: "from", sql: "valid_from" },
    SortKey { name: "to", sql: "valid_to" },
    SortKey { name: "status", sql: STATUS_SQL },
];

/// The packages `f` keeps, their status taken on `today`.
pub fn find(conn: &Connection, f: &Filter, today: &str, sort: Sort) -> Result<Vec<Package>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM package
         WHERE (:member IS NULL OR member = :member) AND (:server IS NULL OR server = :server) AND (:status IS NULL OR {STATUS_SQL} = :status)
         ORDER BY {}",
        sort.order_by("name")
    ))?;
    let params = rusqlite::named_params! { ":member": f.member, ":server": f.server, ":status": f.status.map(PackageStatus::as_str), ":today": today };
    Ok(stmt.query_map(params, from_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn names_of_member(conn: &Connection, member: u32) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM package WHERE member = ?1 ORDER BY name")?;
    Ok(stmt.query_map([member], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

pub fn names_on_server(conn: &Connection, server: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM package WHERE server = ?1 ORDER BY name")?;
    Ok(stmt.query_map([server], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// A member's packages that still run after `date` (open-ended or ending later).
pub fn running_after(conn: &Connection, member: u32, date: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM package WHERE member = ?1 AND (valid_to IS NULL OR valid_to > ?2) ORDER BY name")?;
    Ok(stmt.query_map(params![member, date], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// A member's packages that run on some day from `first` to `last` (`YYYY-MM-DD`, inclusive), by name.
pub fn active_in(conn: &Connection, member: u32, first: &str, last: &str) -> Result<Vec<Package>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM package WHERE member = ?1 AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to >= ?2) ORDER BY name"
    ))?;
    Ok(stmt.query_map(params![member, first, last], from_row)?.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_package_ends_after_its_last_day() {
        use crate::model::{MemberNumber, PackageName, ProductCode, ServerName};
        let mut p = super::Package {
            name: PackageName::parse("package", "xyz00").unwrap(),
            member: MemberNumber::parse("member", "10001").unwrap(),
            product: ProductCode::parse("product", "DW/SA").unwrap(),
            server: ServerName::parse("server", "h1").unwrap(),
            webspace_mb: 1024,
            traffic_gb: 1,
            users: 5,
            domains: 5,
            valid_from: "2026-01-01".into(),
            valid_to: None,
            free: false,
            comment: None,
            purged_at: None,
        };
        assert!(!p.ended("2999-12-31"));
        p.valid_to = Some("2026-06-01".into());
        assert!(!p.ended("2026-05-31"));
        assert!(!p.ended("2026-06-01"), "ending today still runs today");
        assert!(p.ended("2026-06-02"));
    }
}
