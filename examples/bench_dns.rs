//! Benchmark: the name service with 2 000 domains (200 packages of 10 domains on h3) on one primary (h1)
//! and one secondary (h2) of the test servers — the first apply, a no-op plan, and one record changed
//! (`dns record add`: named-checkzone, commit, apply to both name servers) until the secondary serves it.
//!
//!     tests/testhosts/up.sh && cargo build --release && cargo run --release --example bench_dns [-- PACKAGES]
//!
//! It owns the name service of the test servers while it runs: it clears hsadmin's zones first and last.
mod common;
use common::{prefix, secs, state};
use hsadmin::config::HostingConfig;
use hsadmin::ledger::{Actor, Ledger};
use hsadmin::model::{self, DomainName, PackageName, ProductCode, ServerName, UserName};
use hsadmin::ops::{catalog, domain, package, server};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const DOMAINS_PER_PACKAGE: usize = 10;

const DNS_SCRUB: &str = "sed -i '/ \\/\\/ hsadmin$/d' /etc/bind/named.conf.local; rm -f /etc/bind/named.conf.hsadmin-*; rm -rf /var/lib/hsadmin/zones /var/cache/bind/hsadmin; rndc reconfig > /dev/null";

fn binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target")));
    target.join("release/hsadmin")
}

fn add_servers(tx: &hsadmin::ledger::Tx) -> hsadmin::Result<()> {
    for (name, roles) in [("h1", "dns-primary"), ("h2", "dns-secondary"), ("h3", "web")] {
        let a = format!("127.0.0.1{}", &name[1..]);
        let new = server::NewServer {
            name: ServerName::parse("name", name)?,
            address: model::Address::parse("address", &a)?,
            port: 22,
            roles: model::Roles::parse("role", roles)?,
            ipv4: Some(model::ipv4("ipv4", &a)?),
            ipv6: None,
        };
        server::add(tx, new)?;
    }
    Ok(())
}

/// A ledger with the three servers and `n` packages of 10 domains each, through the real operations.
fn build(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("ledger.db");
    let mut ledger = Ledger::create(&path, Actor { user: "bench".into(), command: "bench_dns".into() }).unwrap();
    let catalog_text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/catalog.toml")).unwrap();
    ledger
        .write(false, |tx| {
            catalog::import(tx, &catalog_text)?;
            add_servers(tx)?;
            let since = model::date("since", "2026-01-01")?;
            for i in 0..n {
                let number = common::member(tx, i, since)?;
                let pkg = PackageName::parse("name", &format!("{}00", prefix(i)))?;
                let product = ProductCode::parse("product", "DW/SA")?;
                let new = package::NewPackage {
                    name: pkg.clone(),
                    member: number,
                    product,
                    server: ServerName::parse("server", "h3")?,
                    resources: Default::default(),
                    since,
                    free: false,
                    comment: None,
                };
                package::create(tx, new, &HostingConfig::default())?;
                for j in 0..DOMAINS_PER_PACKAGE {
                    let name = DomainName::parse("name", &format!("d{j}-{}.example", prefix(i)))?;
                    let d = domain::NewDomain { name, package: pkg.clone(), user: Some(UserName::from(&pkg)), subdomains: vec![], options: Default::default() };
                    domain::add(tx, d, since)?;
                }
            }
            Ok(())
        })
        .unwrap();
    path
}

fn hsadmin(ledger: &Path, config: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = Command::new(binary()).args(args).env("HSADMIN_LEDGER", ledger).env("HSADMIN_CONFIG", config).env("HSADMIN_NO_APPLY", "0").output().unwrap();
    let took = started.elapsed();
    assert!(out.status.success() || out.status.code() == Some(3), "hsadmin {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    took
}

fn ssh(host: &str, script: &str) -> String {
    let out = Command::new("ssh").arg("-F").arg(state().join("ssh_config")).arg(host).arg(script).output().unwrap();
    assert!(out.status.success(), "{host}: {script}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn reset() {
    for h in ["h1", "h2"] {
        ssh(h, DNS_SCRUB);
    }
}

/// Polls the secondary until it answers `want` for `name` (bounded: 60 s).
fn until_secondary(name: &str, want: &str) -> Duration {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if ssh("h2", &format!("dig @127.0.0.12 {name} A +short +time=1 +tries=1")).trim() == want {
            return started.elapsed();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the secondary did not serve {name} {want} within 60 s");
}

/// Polls the secondary until it has transferred `n` zones (bounded: 20 min); BIND transfers at most
/// `transfers-per-ns` (2 by default) zones from one primary at a time.
fn until_all_transferred(n: usize) -> Duration {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(1200) {
        if ssh("h2", "ls /var/cache/bind/hsadmin | grep -vc jnl || true").trim().parse::<usize>().unwrap_or(0) >= n {
            return started.elapsed();
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    panic!("the secondary did not transfer {n} zones within 20 minutes");
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    assert!(state().join("hsadmin.toml").exists(), "no test servers: run tests/testhosts/up.sh first");
    let dir = tempfile::tempdir().unwrap();
    let config = state().join("hsadmin.toml");
    reset();
    let started = Instant::now();
    let ledger = build(dir.path(), n);
    let built = started.elapsed();
    let dns = ["--role", "dns-primary", "--role", "dns-secondary"];
    let primary = hsadmin(&ledger, &config, &["-q", "apply", "--role", "dns-primary"]);
    let secondary = hsadmin(&ledger, &config, &["-q", "apply", "--role", "dns-secondary"]);
    let transferred = until_all_transferred(n * DOMAINS_PER_PACKAGE);
    let plan = hsadmin(&ledger, &config, &[&["-q", "plan", "--detailed-exitcode"][..], &dns].concat());
    let one = format!("d0-{}.example", prefix(0));
    let record = hsadmin(&ledger, &config, &["-q", "dns", "record", "add", &one, "bench 300 IN A 192.0.2.99"]);
    let served = until_secondary(&format!("bench.{one}"), "192.0.2.99");
    let other = format!("d1-{}.example", prefix(0));
    let again = hsadmin(&ledger, &config, &["-q", "dns", "record", "add", &other, "bench 300 IN A 192.0.2.98"]);
    let again_served = until_secondary(&format!("bench.{other}"), "192.0.2.98");
    println!("name service, {} domains on one primary (h1) and one secondary (h2)", n * DOMAINS_PER_PACKAGE);
    println!("  the ledger, through the real operations        {}", secs(built));
    println!("  hsadmin apply --role dns-primary, first run    {}", secs(primary));
    println!("  hsadmin apply --role dns-secondary, first run  {}", secs(secondary));
    println!("  then until the secondary has every zone        {}", secs(transferred));
    println!("  hsadmin plan --role dns-*, nothing changed     {}", secs(plan));
    println!("  hsadmin dns record add (check, commit, apply)  {}", secs(record));
    println!("  then until the secondary serves the record     {}", secs(served));
    println!("  a second record (another zone), then           {}", secs(again));
    println!("  until the secondary serves it                  {}", secs(again_served));
    reset();
}
