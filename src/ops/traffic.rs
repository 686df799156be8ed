//! Traffic: collecting each web server's daily totals per domain into the ledger, exactly once per day and
//! domain, and the monthly report per package against its included volume.
//!
//! `collect` opens one SSH session per server (in parallel, at most `jobs` at once) and runs one read-only
//! script there (`remote::web::traffic`) that sums the traffic log; only the totals come back. Each
//! server's totals are then recorded in one write transaction of their own: a day and domain collected
//! before is left as it is (the first collection stands), a domain the ledger does not have on that
//! server is a warning, and an unreachable server does not stop the others.
use crate::config::Config;
use crate::ledger::server::Server;
use crate::ledger::usage::{self, TrafficDay};
use crate::ledger::{Ledger, Tx, catalog, domain, package, server as server_rows};
use crate::model::{self, BillingMonth, PackageName, Role, ServerName};
use crate::remote::web::traffic::{self as remote_traffic, Totals};
use crate::remote::{self, Connection, SshOptions, records, script};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// 1 GB of traffic, as the catalog counts it.
pub const GB: i64 = 1_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// New days were recorded.
    Collected,
    /// Every total the server sent was in the ledger already (or there were none).
    Unchanged,
    Unreachable,
    /// The server answered, but its totals could not be trusted whole; nothing of it was recorded.
    Failed,
}

/// What one server's collection did.
#[derive(Debug, Serialize)]
pub struct ServerTraffic {
    pub server: ServerName,
    pub outcome: Outcome,
    /// The server's own date: the days before it are over there.
    pub server_today: Option<String>,
    /// The days and domains recorded now.
    pub days: Vec<String>,
    pub domains: Vec<String>,
    /// Rows recorded now, and totals of days and domains that were recorded before (left as they are).
    pub collected: usize,
    pub already_collected: usize,
    /// How many log files the server read (current and rotated).
    pub files: u64,
    /// Totals left out (unknown domains, days not over, records that did not validate), escaped.
    pub warnings: Vec<String>,
    pub error: Option<String>,
    /// The rows recorded now.
    pub rows: Vec<TrafficDay>,
}

impl ServerTraffic {
    fn new(server: &ServerName, outcome: Outcome) -> Self {
        Self {
            server: server.clone(),
            outcome,
            server_today: None,
            days: Vec::new(),
            domains: Vec::new(),
            collected: 0,
            already_collected: 0,
            files: 0,
            warnings: Vec::new(),
            error: None,
            rows: Vec::new(),
        }
    }

    pub fn failed(&self) -> bool {
        matches!(self.outcome, Outcome::Unreachable | Outcome::Failed)
    }
}

/// The web servers to collect from: every server with the web role, or the ones named (each must have it).
pub fn web_servers(tx: &Tx, names: &[ServerName]) -> Result<Vec<Server>> {
    if names.is_empty() {
        return Ok(server_rows::list(tx)?.into_iter().filter(|s| s.roles.contains(Role::Web)).collect());
    }
    let mut out = Vec::new();
    for n in names {
        let s = super::server::get(tx, n)?;
        if !s.roles.contains(Role::Web) {
            return Err(Error::invalid("server", format!("{n} has no web role, so it serves no traffic (its roles: {})", s.roles)));
        }
        if !out.iter().any(|x: &Server| x.name == s.name) {
            out.push(s);
        }
    }
    Ok(out)
}

/// Collects the finished days (or only `date`) from the servers and records them, one transaction per
/// server. The result names every server; the caller fails (exit 3) when any of them failed.
pub fn collect(ledger: &mut Ledger, names: &[ServerName], date: Option<NaiveDate>, config: &Config, jobs: usize) -> Result<Vec<ServerTraffic>> {
    let servers = ledger.read(|tx| web_servers(tx, names))?;
    let opts = SshOptions::from_config(&config.ssh);
    let fetched = remote::fan_out(&servers, jobs, |s| fetch(s, &opts, date));
    let collected_at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    // The admin host's own clock, not HSADMIN_TODAY: a server whose clock runs ahead must not end a day early.
    let local_today = chrono::Local::now().date_naive();
    let mut results = Vec::new();
    for (server, got) in servers.iter().zip(fetched) {
        let result = match got {
            Err((outcome, error)) => ServerTraffic { error: Some(error), ..ServerTraffic::new(&server.name, outcome) },
            Ok(totals) => ledger.write(false, |tx| record(tx, &server.name, totals, date, local_today, &collected_at))?,
        };
        results.push(result);
    }
    Ok(results)
}

/// One session, one read-only script: the server's totals, validated.
fn fetch(s: &Server, opts: &SshOptions, date: Option<NaiveDate>) -> Result<Totals, (Outcome, String)> {
    let mut conn = Connection::open(&super::server::target(s), opts).map_err(|e| (Outcome::Unreachable, e.to_string()))?;
    let mut script = script::facts();
    remote_traffic::script(&mut script, crate::render::TRAFFIC_LOG, date);
    let failed = |message: String| (Outcome::Failed, format!("{}: {message}", s.name));
    let out = conn.run(&script).map_err(|e| (Outcome::Failed, e.to_string()))?;
    if out.status != 0 {
        return Err(failed(format!("the traffic script failed ({}): {}", out.status, model::printable(String::from_utf8_lossy(&out.stderr).trim()))));
    }
    let sections = records::parse(&out.stdout).map(records::sections).map_err(|e| failed(format!("unreadable totals: {e}")))?;
    let list = sections.get("traffic").map(Vec::as_slice).unwrap_or_default();
    remote_traffic::parse(list, date).map_err(failed)
}

/// Records one server's totals in the caller's transaction: each day and domain the ledger has on this
/// server's packages, once; the rest are warnings. With an audit row when something was recorded.
fn record(tx: &Tx, server: &ServerName, totals: Totals, want: Option<NaiveDate>, local_today: NaiveDate, collected_at: &str) -> Result<ServerTraffic> {
    let mut r = ServerTraffic::new(server, Outcome::Unchanged);
    r.server_today = totals.today.map(|d| d.to_string());
    r.files = totals.files;
    r.warnings = totals.warnings.iter().map(|w| model::printable(w)).collect();
    let owners: BTreeMap<String, String> = domain::on_server(tx, server.as_str())?.into_iter().map(|d| (d.name.to_string(), d.package.to_string())).collect();
    if let (Some(want), Some(today)) = (want, totals.today)
        && (want >= today || want >= local_today)
    {
        r.warnings.push(format!("{want} is not over yet (the server's date is {today}, this host's {local_today}); nothing of it is collected"));
    }
    let (mut days, mut domains) = (BTreeSet::new(), BTreeSet::new());
    for t in totals.totals {
        let Some(package) = owners.get(t.domain.as_str()) else {
            r.warnings.push(format!("{} on {}: the ledger has no such domain on {server}; not recorded", t.domain, t.day));
            continue;
        };
        if t.day >= local_today {
            r.warnings.push(format!("{} on {}: that day is not over by this host's clock ({local_today}); left for a later run", t.domain, t.day));
            continue;
        }
        let row = TrafficDay {
            day: t.day.to_string(),
            domain: t.domain.to_string(),
            package: package.clone(),
            server: server.to_string(),
            bytes_in: t.bytes_in as i64,
            bytes_out: t.bytes_out as i64,
        };
        if usage::insert_traffic(tx, &row, collected_at)? {
            days.insert(row.day.clone());
            domains.insert(row.domain.clone());
            r.rows.push(row);
        } else {
            r.already_collected += 1;
        }
    }
    r.collected = r.rows.len();
    (r.days, r.domains) = (days.into_iter().collect(), domains.into_iter().collect());
    if r.collected > 0 {
        r.outcome = Outcome::Collected;
        let after = serde_json::json!({"days": r.days, "domains": r.domains, "rows": r.collected, "already_collected": r.already_collected});
        tx.audit("server", server.as_str(), "traffic-collect", None, Some(after))?;
    }
    Ok(r)
}

/// Says which servers failed, for the exit code (3).
pub fn summary(results: &[ServerTraffic]) -> Result<()> {
    let failed: Vec<String> = results.iter().filter(|r| r.failed()).map(|r| r.error.clone().unwrap_or_else(|| format!("{}: failed", r.server))).collect();
    if failed.is_empty() {
        return Ok(());
    }
    Err(Error::Partial(format!(
        "{} of {} servers were not collected; the others were (run `hsadmin traffic collect` again once fixed: it adds only what is missing) — {}",
        failed.len(),
        results.len(),
        failed.join("; ")
    )))
}

/// One domain's month.
#[derive(Debug, Clone, Serialize)]
pub struct DomainTraffic {
    pub domain: String,
    /// Days with collected traffic.
    pub days: i64,
    pub bytes_in: i64,
    pub bytes_out: i64,
}

/// One package's month: its domains, the totals and the volume its tariff includes.
#[derive(Debug, Clone, Serialize)]
pub struct PackageTraffic {
    pub package: String,
    pub bytes_in: i64,
    pub bytes_out: i64,
    /// max(package traffic_gb, the price's included traffic_gb) × 10^9, as invoices count it.
    pub included_bytes: i64,
    /// Bytes sent above the included volume (0 when within).
    pub over_bytes: i64,
    pub domains: Vec<DomainTraffic>,
}

/// The month's traffic per package and domain (of one package, with `package`), each package against the
/// volume its tariff includes. Packages without collected traffic are left out unless asked for.
pub fn report(tx: &Tx, period: BillingMonth, only: Option<&PackageName>) -> Result<Vec<PackageTraffic>> {
    let (first, last) = (period.first_day().to_string(), period.last_day().to_string());
    if let Some(p) = only {
        super::found(package::get(tx, p.as_str())?, || format!("package {p}"))?;
    }
    let mut by_package: BTreeMap<String, Vec<DomainTraffic>> = BTreeMap::new();
    if let Some(p) = only {
        by_package.insert(p.to_string(), Vec::new());
    }
    for t in usage::domain_totals(tx, &first, &last, only.map(PackageName::as_str))? {
        by_package.entry(t.package).or_default().push(DomainTraffic { domain: t.domain, days: t.days, bytes_in: t.bytes_in, bytes_out: t.bytes_out });
    }
    let mut out = Vec::new();
    for (name, domains) in by_package {
        let included_bytes = included_gb(tx, &name, &first)? * GB;
        let (bytes_in, bytes_out) = (domains.iter().map(|d| d.bytes_in).sum(), domains.iter().map(|d| d.bytes_out).sum::<i64>());
        out.push(PackageTraffic { package: name, bytes_in, bytes_out, included_bytes, over_bytes: (bytes_out - included_bytes).max(0), domains });
    }
    Ok(out)
}

/// The traffic a package includes in GB: its own booked volume or its tariff's, whichever is more (the
/// tariff in force on its first day in the month).
fn included_gb(tx: &Tx, name: &str, first: &str) -> Result<i64> {
    let p = super::found(package::get(tx, name)?, || format!("package {name}"))?;
    let on = if p.valid_from.as_str() > first { p.valid_from.clone() } else { first.to_owned() };
    let tariff = catalog::price_on(tx, p.product.as_str(), &on)?.map_or(0, |price| price.included.traffic_gb);
    Ok(p.traffic_gb.max(tariff).max(0))
}
