//! The name service as stored: the records a domain's zone carries besides the generated ones, the
//! serial each zone's content got, and — in [`zone_domains`], the one place — which domains get a zone.
use super::domain::{self, Domain};
use crate::Result;
use crate::model::dns::DnsRecord;
use crate::model::{DomainName, Role};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// A record of a domain's zone, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub id: i64,
    pub domain: DomainName,
    #[serde(flatten)]
    pub record: DnsRecord,
}

/// A domain that gets a zone, with the addresses of the server its package is on.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneDomain {
    pub domain: Domain,
    pub ipv4: Option<String>,
    pub ipv6: Option<String>,
}

fn record(r: &rusqlite::Row) -> rusqlite::Result<Record> {
    let domain: DomainName = r.get(1)?;
    let (name, ttl, rtype, data): (String, Option<u32>, String, String) = (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
    let record = DnsRecord::stored(&domain, &name, ttl, &rtype, &data)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e)))?;
    Ok(Record { id: r.get(0)?, domain, record })
}

const COLUMNS: &str = "id, domain, name, ttl, type, data";

/// Stores a record; returns its id.
pub fn insert(conn: &Connection, domain: &DomainName, r: &DnsRecord) -> Result<i64> {
    conn.execute(
        "INSERT INTO dns_record (domain, name, ttl, type, data) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![domain, r.name, r.ttl, r.rtype(), r.data_text()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Record>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM dns_record WHERE id = ?1"), [id], record).optional()?)
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM dns_record WHERE id = ?1", [id])?;
    Ok(())
}

/// Removes every record of a domain (its set-up goes); returns them.
pub fn delete_of_domain(conn: &Connection, domain: &str) -> Result<Vec<Record>> {
    let gone = list(conn, Some(domain))?;
    conn.execute("DELETE FROM dns_record WHERE domain = ?1", [domain])?;
    Ok(gone)
}

/// The records of one domain, or of all, by domain and id.
pub fn list(conn: &Connection, domain: Option<&str>) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM dns_record WHERE (?1 IS NULL OR domain = ?1) ORDER BY domain, id"))?;
    Ok(stmt.query_map([domain], record)?.collect::<rusqlite::Result<_>>()?)
}

/// Every domain that gets a zone on the name servers, by name: the hosted domains (not registration-only)
/// of packages not purged. This is the one selection of zones.
pub fn zone_domains(conn: &Connection) -> Result<Vec<ZoneDomain>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {}, s.ipv4, s.ipv6 FROM domain d JOIN package p ON p.name = d.package JOIN server s ON s.name = p.server
         WHERE p.purged_at IS NULL AND d.hosted = 1 ORDER BY d.name",
        domain::qualified("d")
    ))?;
    let n = domain::column_count();
    let rows = stmt.query_map([], |r| Ok(ZoneDomain { domain: domain::from_row(r)?, ipv4: r.get(n)?, ipv6: r.get(n + 1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The one zone of `name`, if it gets one (through [`zone_domains`]' rule).
pub fn zone_domain(conn: &Connection, name: &str) -> Result<Option<ZoneDomain>> {
    Ok(zone_domains(conn)?.into_iter().find(|z| z.domain.name.as_str() == name))
}

/// Every zone's stored serial and content hash, by domain.
pub fn serials(conn: &Connection) -> Result<std::collections::BTreeMap<String, (u32, String)>> {
    let mut stmt = conn.prepare_cached("SELECT domain, serial, hash FROM zone_serial")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, u32>(1)?, r.get::<_, String>(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores the serial a zone's content got; a serial never goes back.
pub fn put_serial(conn: &Connection, domain: &str, serial: u32, hash: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO zone_serial (domain, serial, hash) VALUES (?1, ?2, ?3)
         ON CONFLICT (domain) DO UPDATE SET serial = excluded.serial, hash = excluded.hash WHERE excluded.serial >= zone_serial.serial",
        params![domain, serial, hash],
    )?;
    Ok(())
}

/// The servers with a name-server role, by name: the primary (or primaries) and the secondaries.
pub fn name_servers(conn: &Connection) -> Result<Vec<super::server::Server>> {
    let mut out = Vec::new();
    for s in super::server::list(conn)? {
        if s.roles.contains(Role::DnsPrimary) || s.roles.contains(Role::DnsSecondary) {
            out.push(s);
        }
    }
    Ok(out)
}
