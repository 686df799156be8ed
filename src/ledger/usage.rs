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

/// A domain's traffic summed over a span of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainTotal {
    pub package: String,
    pub domain: String,
    /// Days with a collected row.
    pub days: i64,
    pub bytes_in: i64,
    pub bytes_out: i64,
}

/// Each domain's traffic from `from` to `to` (inclusive), optionally of one package, by package and domain.
pub fn domain_totals(conn: &Connection, from: &str, to: &str, package: Option<&str>) -> Result<Vec<DomainTotal>> {
    let mut stmt = conn.prepare(
        "SELECT package, domain, count(*), sum(bytes_in), sum(bytes_out) FROM traffic_day
         WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR package = ?3) GROUP BY package, domain ORDER BY package, domain",
    )?;
    let rows = stmt.query_map(params![from, to, package], |r| {
        Ok(DomainTotal { package: r.get(0)?, domain: r.get(1)?, days: r.get(2)?, bytes_in: r.get(3)?, bytes_out: r.get(4)? })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The real schema, with foreign keys off: no packages need to exist for these queries.
    fn ledger() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::ledger::migrate(&mut conn).unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        conn
    }

    fn row(day: &str, domain: &str, package: &str, bytes_out: i64) -> TrafficDay {
        TrafficDay { day: day.into(), domain: domain.into(), package: package.into(), server: "h1".into(), bytes_in: 10, bytes_out }
    }

    #[test]
    fn a_day_is_collected_once_and_totals_sum_per_domain() {
        let conn = ledger();
        assert!(insert_traffic(&conn, &row("2026-11-30", "example.org", "xyz00", 100), "t1").unwrap());
        assert!(!insert_traffic(&conn, &row("2026-11-30", "example.org", "xyz00", 999), "t2").unwrap(), "the first collection stands");
        assert!(insert_traffic(&conn, &row("2026-12-01", "example.org", "xyz00", 50), "t1").unwrap());
        assert!(insert_traffic(&conn, &row("2026-12-01", "example.net", "abc00", 7), "t1").unwrap());
        assert!(insert_traffic(&conn, &row("2026-10-31", "example.org", "xyz00", 1), "t1").unwrap());
        let all = domain_totals(&conn, "2026-11-01", "2026-12-31", None).unwrap();
        assert_eq!(
            all,
            [
                DomainTotal { package: "abc00".into(), domain: "example.net".into(), days: 1, bytes_in: 10, bytes_out: 7 },
                DomainTotal { package: "xyz00".into(), domain: "example.org".into(), days: 2, bytes_in: 20, bytes_out: 150 },
            ]
        );
        assert_eq!(domain_totals(&conn, "2026-11-01", "2026-11-30", Some("xyz00")).unwrap()[0].bytes_out, 100);
        assert!(traffic_collected(&conn, "2026-11-30", "example.org").unwrap());
        assert_eq!(package_bytes_out(&conn, "xyz00", "2026-10-01", "2026-12-31").unwrap(), 151);
    }
}
