//! `hsadmin traffic collect|report`: bytes sent per domain and day, summed on the web servers from the
//! vhosts' mod_logio logs (only the totals travel over SSH), collected once per day and domain.
use super::Ctx;
use crate::Result;
use crate::model::{self, BillingMonth, PackageName, ServerName};
use crate::ops::traffic::{self, Outcome, PackageTraffic, ServerTraffic};
use crate::output::{Render, count, table};

#[derive(Debug, clap::Subcommand)]
pub enum TrafficCommand {
    /// Collect the traffic of finished days from the web servers; a day collected before is left as it is
    Collect(CollectArgs),
    /// Show the traffic of a month per package and domain
    Report(ReportArgs),
}

#[derive(Debug, clap::Args)]
pub struct CollectArgs {
    /// Only this server (repeatable) [default: every web server]
    #[arg(long, value_name = "SERVER", add = super::complete::server())]
    server: Vec<String>,
    /// Only this day (YYYY-MM-DD, before today) [default: every finished day the logs still hold]
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The month (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    period: String,
    /// Only this package
    #[arg(long, value_name = "PACKAGE", add = super::complete::package())]
    package: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: TrafficCommand) -> Result<()> {
    match cmd {
        TrafficCommand::Collect(a) => collect(ctx, a),
        TrafficCommand::Report(a) => {
            let period = BillingMonth::parse("period", &a.period)?;
            let package = super::opt(&a.package, |p| PackageName::parse("package", p))?;
            let report = ctx.ledger()?.read(|tx| traffic::report(tx, period, package.as_ref()))?;
            ctx.out.emit(&report)
        }
    }
}

fn collect(ctx: &Ctx, a: CollectArgs) -> Result<()> {
    let names = a.server.iter().map(|n| ServerName::parse("server", n)).collect::<Result<Vec<_>>>()?;
    let date = super::opt(&a.date, |d| model::date("date", d))?;
    let config = &ctx.config.config;
    let results = traffic::collect(&mut ctx.ledger()?, &names, date, config, config.ssh.jobs)?;
    ctx.out.emit(&results)?;
    for r in &results {
        for w in &r.warnings {
            ctx.out.warn(&format!("{}: {w}", r.server));
        }
    }
    let (rows, already): (usize, usize) = (results.iter().map(|r| r.collected).sum(), results.iter().map(|r| r.already_collected).sum());
    let servers = results.iter().filter(|r| !r.failed()).count();
    if rows == 0 {
        let before = if already == 0 { String::new() } else { format!("; {} collected before", count(already, "daily total")) };
        ctx.out.status("Unchanged", &format!("no new finished day with traffic in the logs of {}{before}", count(servers, "server")));
    } else {
        let days: std::collections::BTreeSet<&String> = results.iter().flat_map(|r| &r.days).collect();
        let message = format!("{} of {} from {}; {already} collected before", count(rows, "daily total"), count(days.len(), "day"), count(servers, "server"));
        ctx.out.status("Collected", &message);
    }
    traffic::summary(&results)
}

impl Render for Vec<ServerTraffic> {
    fn human(&self) -> String {
        let mut t = table::list(["server", "outcome", "days", "domains", "collected", "already", "warnings", "error"]);
        for r in self {
            let outcome = match r.outcome {
                Outcome::Collected => "collected",
                Outcome::Unchanged => "unchanged",
                Outcome::Unreachable => "unreachable",
                Outcome::Failed => "failed",
            };
            let days = match (r.days.first(), r.days.last()) {
                (Some(a), Some(b)) if a != b => format!("{a} … {b}"),
                (Some(a), _) => a.clone(),
                _ => "-".into(),
            };
            t.add_row(vec![
                r.server.to_string(),
                outcome.into(),
                days,
                r.domains.len().to_string(),
                r.collected.to_string(),
                r.already_collected.to_string(),
                r.warnings.len().to_string(),
                table::opt(&r.error),
            ]);
        }
        table::text(&t)
    }
}

impl Render for Vec<PackageTraffic> {
    fn human(&self) -> String {
        let mut t = table::list(["package", "domain", "days", "in", "out", "included", "used"]);
        for p in self {
            for d in &p.domains {
                t.add_row(vec![p.package.clone(), d.domain.clone(), d.days.to_string(), bytes(d.bytes_in), bytes(d.bytes_out), String::new(), String::new()]);
            }
            let used = if p.included_bytes > 0 { format!("{} %", p.bytes_out * 100 / p.included_bytes) } else { "-".into() };
            let used = if p.over_bytes > 0 { format!("{used}, {} over", bytes(p.over_bytes)) } else { used };
            t.add_row(vec![p.package.clone(), "total".into(), String::new(), bytes(p.bytes_in), bytes(p.bytes_out), bytes(p.included_bytes), used]);
        }
        table::text(&t)
    }
}

/// Bytes for people, in the decimal units the catalog's GB are: `980 B`, `1.23 kB`, `45.6 MB`, `789 GB`.
fn bytes(n: i64) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    let mut unit = 0;
    let mut scale = 1i64;
    while unit + 1 < UNITS.len() && n.abs() >= scale * 1000 {
        scale *= 1000;
        unit += 1;
    }
    if unit == 0 {
        return format!("{n} B");
    }
    let v = n as f64 / scale as f64;
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    #[test]
    fn bytes_read_in_decimal_units() {
        assert_eq!(super::bytes(0), "0 B");
        assert_eq!(super::bytes(999), "999 B");
        assert_eq!(super::bytes(1234), "1.23 kB");
        assert_eq!(super::bytes(45_600_000), "45.6 MB");
        assert_eq!(super::bytes(16_000_000_000), "16.0 GB");
        assert_eq!(super::bytes(789_000_000_000), "789 GB");
    }
}
