//! Benchmark: `hsadmin --json package list` over 20 000 packages against `sqlite3 -json` running the same query.
//!
//!     cargo build --release && cargo run --release --example bench_ledger [-- RUNS]
//!
//! Builds a ledger of 10 000 members and 20 000 packages through the real operations (one transaction),
//! then times both commands RUNS times (default 20) and prints min and median wall time.
mod common;
use common::prefix;
use hsadmin::config::HostingConfig;
use hsadmin::ledger::{Actor, Ledger};
use hsadmin::model::{PackageName, ProductCode, ServerName};
use hsadmin::ops::{catalog, package, server};
use std::process::Command;
use std::time::{Duration, Instant};

const MEMBERS: usize = 10_000;
const PACKAGES_PER_MEMBER: usize = 2;

fn build(path: &std::path::Path) -> hsadmin::Result<Duration> {
    let started = Instant::now();
    let mut ledger = Ledger::create(path, Actor { user: "bench".into(), command: "bench_ledger".into() })?;
    let catalog_text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/catalog.toml"))?;
    ledger.write(false, |tx| {
        catalog::import(tx, &catalog_text)?;
        for (i, name) in ["h1", "h2", "h3"].iter().enumerate() {
            let address = format!("127.0.0.{}", 11 + i);
            server::add(
                tx,
                server::NewServer {
                    name: ServerName::parse("name", name)?,
                    address: hsadmin::model::Address::parse("address", &address)?,
                    port: 22,
                    roles: hsadmin::model::Roles::parse("role", "web")?,
                    ipv4: None,
                    ipv6: None,
                },
            )?;
        }
        let since = hsadmin::model::date("since", "2026-01-01")?;
        let hosting = HostingConfig { uid_min: 100_000, uid_max: 999_999 };
        for i in 0..MEMBERS {
            let number = common::member(tx, i, since)?;
            for p in 0..PACKAGES_PER_MEMBER {
                let name = PackageName::parse("name", &format!("{}{p:02}", prefix(i)))?;
                let new = package::NewPackage {
                    name,
                    member: number,
                    product: ProductCode::parse("product", "DW/SA")?,
                    server: ServerName::parse("server", ["h1", "h2", "h3"][(i + p) % 3])?,
                    resources: Default::default(),
                    since,
                    free: false,
                    comment: None,
                };
                package::create(tx, new, &hosting)?;
            }
        }
        Ok(())
    })?;
    Ok(started.elapsed())
}

/// Runs a command `runs` times (stdout to /dev/null) and returns the sorted wall times.
fn time(runs: usize, mut make: impl FnMut() -> Command) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let status = make().stdout(std::process::Stdio::null()).status().expect("command runs");
            assert!(status.success());
            started.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> hsadmin::Result<()> {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("ledger.db");
    let built = build(&path)?;
    println!("built ledger: {MEMBERS} members, {} packages (+ admin users) in {:.2} s", MEMBERS * PACKAGES_PER_MEMBER, built.as_secs_f64());

    let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/hsadmin");
    let empty_config = dir.path().join("hsadmin.toml");
    std::fs::write(&empty_config, "")?;
    let out = Command::new(bin).args(["--json", "package", "list"]).env("HSADMIN_LEDGER", &path).env("HSADMIN_CONFIG", &empty_config).output()?;
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("package list prints JSON");
    assert_eq!(doc.as_array().map(Vec::len), Some(MEMBERS * PACKAGES_PER_MEMBER));

    // The same rows and columns, the status computed the same way.
    let query = "SELECT name, member, product, server, webspace_mb, traffic_gb, users, domains, valid_from, valid_to, free, comment, \
                 CASE WHEN valid_to IS NULL THEN 'active' WHEN valid_to >= date('now') THEN 'ending' ELSE 'cancelled' END AS status \
                 FROM package ORDER BY name";
    let hsadmin = time(runs, || {
        let mut c = Command::new(bin);
        c.args(["--json", "package", "list"]).env("HSADMIN_LEDGER", &path).env("HSADMIN_CONFIG", &empty_config);
        c
    });
    let sqlite = time(runs, || {
        let mut c = Command::new("sqlite3");
        c.arg("-json").arg(&path).arg(query);
        c
    });
    let (h, s) = (hsadmin[runs / 2], sqlite[runs / 2]);
    println!("{:<40} {:>10} {:>10}", "command (20 000 packages, JSON)", "min", "median");
    println!("{:<40} {:>10} {:>10}", "hsadmin --json package list", ms(hsadmin[0]), ms(h));
    println!("{:<40} {:>10} {:>10}", "sqlite3 -json (same query)", ms(sqlite[0]), ms(s));
    println!("ratio hsadmin/sqlite3 (median): {:.2} (target: within 2.0)", h.as_secs_f64() / s.as_secs_f64());
    Ok(())
}
