//! What packages used, as stored: bytes per domain and day (collected once), disk per package and day.
use crate::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

/// One domain's traffic on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrafficDay {
    pub day: String,
    pub domain: String,
    pub package: String,
    pub server: String,
    pub bytes_in: i64,
    pub bytes_out: i64,
}

/// Records a day's traffic of a domain unless that day was collected before; `true` when it was new.
/// The first collection of a day stands (the row is append-only), so a re-run adds nothing.
pub fn insert_traffic(conn: &Connection, t: &TrafficDay, collected_at: &str) -> Result<bool> {
    let n = conn.execute(
        "INSERT INTO traffic_day (day, domain, package, server, bytes_in, bytes_out, collected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (day, domain) DO NOTHING",
        params![t.day, t.domain, t.package, t.server, t.bytes_in, t.bytes_out, collected_at],
    )?;
    Ok(n == 1)
}

/// Whether a day of a domain has been collected.
pub fn traffic_collected(conn: &Connection, day: &str, domain: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM traffic_day WHERE day = ?1 AND domain = ?2)", params![day, domain], |r| r.get(0))?)
}

/// Bytes a package's domains sent from `from` to `to` (inclusive).
pub fn package_bytes_out(conn: &Connection, package: &str, from: &str, to: &str) -> Result<i64> {
    let mut stmt = conn.prepare_cached("SELECT coalesce(sum(bytes_out), 0) FROM traffic_day WHERE package = ?1 AND day BETWEEN ?2 AND ?3")?;
    Ok(stmt.query_row(params![package, from, to], |r| r.get(0))?)
}

/// The traffic rows from `from` to `to`, optionally of one package, by day and domain.
pub fn traffic(conn: &Connection, from: &str, to: &str, package: Option<&str>) -> Result<Vec<TrafficDay>> {
    let mut stmt = conn.prepare(
        "SELECT day, domain, package, server, bytes_in, bytes_out FROM traffic_day WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR package = ?3)
         ORDER BY day, domain",
    )?;
    let rows = stmt.query_map(params![from, to, package], |r| {
        Ok(TrafficDay { day: r.get(0)?, domain: r.get(1)?, package: r.get(2)?, server: r.get(3)?, bytes_in: r.get(4)?, bytes_out: r.get(5)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a package's disk usage on a day, keeping the day's largest figure.
pub fn record_disk(conn: &Connection, package: &str, day: &str, used_kb: u64) -> Result<()> {
    conn.execute(
        "INSERT INTO usage_day (package, day, used_kb) VALUES (?1, ?2, ?3) ON CONFLICT (package, day) DO UPDATE SET used_kb = max(used_kb, excluded.used_kb)",
        params![package, day, used_kb as i64],
    )?;
    Ok(())
}

/// The most disk (KiB) a package used on any day from `from` to `to`, if it was measured then.
pub fn peak_disk_kb(conn: &Connection, package: &str, from: &str, to: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT max(used_kb) FROM usage_day WHERE package = ?1 AND day BETWEEN ?2 AND ?3")?;
    Ok(stmt.query_row(params![package, from, to], |r| r.get(0))?)
}
