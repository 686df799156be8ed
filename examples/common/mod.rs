//! What the benchmarks against the test servers share (bench_apply, bench_db, bench_mail, bench_backup): the
//! test hosts' state dir, member prefixes, the three servers and a member with a package in a ledger, a timed
//! run of the release binary, and clearing the servers by hand.
// Each benchmark uses some of these.
#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The three test servers.
pub const SERVERS: [&str; 3] = ["h1", "h2", "h3"];

pub fn prefix(i: usize) -> String {
    let b = |n: usize| (b'a' + (n % 26) as u8) as char;
    [b(i / 676), b(i / 26), b(i)].iter().collect()
}

pub fn state() -> PathBuf {
    std::env::var_os("TESTHOST_STATE").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/testhosts")))
}

pub fn hsadmin(ledger: &Path, config: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/hsadmin"))
        .args(args)
        .env("HSADMIN_LEDGER", ledger)
        .env("HSADMIN_CONFIG", config)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(out.status.success(), "hsadmin {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    took
}

/// Removes everything hsadmin manages on the servers, by hand (hsadmin removes only what its ledger made).
pub fn reset() {
    for h in SERVERS {
        let out = Command::new("ssh")
            .arg("-F")
            .arg(state().join("ssh_config"))
            .arg(h)
            .arg("sh -s")
            .stdin(std::fs::File::open(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/testhosts/scrub.sh")).unwrap())
            .output()
            .unwrap();
        assert!(out.status.success(), "scrubbing {h}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

pub fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// The three test servers with `roles`, in a ledger being built.
pub fn servers(tx: &hsadmin::ledger::Tx, roles: &str) -> hsadmin::Result<()> {
    use hsadmin::model::{Address, Roles, ServerName};
    for (i, name) in SERVERS.iter().enumerate() {
        let new = hsadmin::ops::server::NewServer {
            name: ServerName::parse("name", name)?,
            address: Address::parse("address", &format!("127.0.0.1{}", i + 1))?,
            port: 22,
            roles: Roles::parse("role", roles)?,
            ipv4: None,
            ipv6: None,
        };
        hsadmin::ops::server::add(tx, new)?;
    }
    Ok(())
}

/// Member number 10000 + `i` (prefix `prefix(i)`) with package `<prefix>00` (DW/SA) on server `i % 3`.
pub fn member_with_package(tx: &hsadmin::ledger::Tx, i: usize, since: chrono::NaiveDate) -> hsadmin::Result<hsadmin::model::PackageName> {
    use hsadmin::model::{Email, MemberNumber, PackageName, Prefix, ProductCode, ServerName, TextField};
    use hsadmin::ops::{member, package};
    let number = MemberNumber::parse("number", &(10_000 + i).to_string())?;
    let details = member::Details {
        name: Some(TextField::parse("name", &format!("Member {i}"), 128)?),
        email: Some(Email::parse("email", &format!("m{i}@example.org"))?),
        ..Default::default()
    };
    member::add(tx, number, Prefix::parse("prefix", &prefix(i))?, since, details)?;
    let pkg = PackageName::parse("name", &format!("{}00", prefix(i)))?;
    let new = package::NewPackage {
        name: pkg.clone(),
        member: number,
        product: ProductCode::parse("product", "DW/SA")?,
        server: ServerName::parse("server", SERVERS[i % 3])?,
        resources: Default::default(),
        since,
        free: false,
        comment: None,
    };
    package::create(tx, new, &hsadmin::config::HostingConfig::default())?;
    Ok(pkg)
}
