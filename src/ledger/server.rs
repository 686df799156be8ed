//! Servers as stored.
use super::{Sort, SortKey};
use crate::Result;
use crate::model::{Address, Role, Roles, ServerName};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Server {
    pub name: ServerName,
    pub address: Address,
    pub port: u16,
    /// Shown comma-separated, in a fixed order: web, dns-primary, dns-secondary, backup.
    pub roles: Roles,
    pub ipv4: Option<String>,
    pub ipv6: Option<String>,
    /// The pinned SSH host key (`ssh-ed25519 AAAA…`), once trusted.
    pub host_key: Option<String>,
}

const COLUMNS: &str = "name, address, port, roles, ipv4, ipv6, host_key";

fn from_row(r: &Row) -> rusqlite::Result<Server> {
    Ok(Server { name: r.get(0)?, address: r.get(1)?, port: r.get(2)?, roles: r.get(3)?, ipv4: r.get(4)?, ipv6: r.get(5)?, host_key: r.get(6)? })
}

pub fn insert(conn: &Connection, s: &Server) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO server ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        params![s.name, s.address, s.port, s.roles, s.ipv4, s.ipv6, s.host_key],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, name: &str) -> Result<Option<Server>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM server WHERE name = ?1"), [name], from_row).optional()?)
}

pub fn by_address(conn: &Connection, address: &str, port: u16) -> Result<Option<Server>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM server WHERE address = ?1 AND port = ?2"), params![address, port], from_row).optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Server>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM server ORDER BY name"))?;
    Ok(stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The columns of `server list`, the first being its key.
pub const SORT: &[SortKey] = &[
    SortKey { name: "name", sql: "name" },
    SortKey { name: "address", sql: "address" },
    SortKey { name: "port", sql: "port" },
    SortKey { name: "roles", sql: "roles" },
    SortKey { name: "ipv4", sql: "ipv4" },
    SortKey { name: "ipv6", sql: "ipv6" },
];

/// The servers with `role` (all with `None`), in the order asked for.
pub fn find(conn: &Connection, role: Option<Role>, sort: Sort) -> Result<Vec<Server>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM server WHERE (?1 IS NULL OR instr(',' || roles || ',', ',' || ?1 || ',') > 0) ORDER BY {}",
        sort.order_by("name")
    ))?;
    Ok(stmt.query_map([role], from_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn delete(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("DELETE FROM server WHERE name = ?1", [name])?;
    Ok(())
}

/// Writes every column but the name.
pub fn update(conn: &Connection, s: &Server) -> Result<()> {
    conn.execute(
        "UPDATE server SET address = ?2, port = ?3, roles = ?4, ipv4 = ?5, ipv6 = ?6, host_key = ?7 WHERE name = ?1",
        params![s.name, s.address, s.port, s.roles, s.ipv4, s.ipv6, s.host_key],
    )?;
    Ok(())
}
