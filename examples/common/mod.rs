//! What the benchmarks share (bench_apply, bench_db, bench_dns, bench_mail, bench_backup, bench_ledger,
//! bench_invoice): the test hosts' state dir, member prefixes, the three servers, a member (with a package) in
//! a ledger, a timed run of the release binary, a script sent over ssh, and clearing the servers by hand.
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
    let scrub = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/testhosts/scrub.sh")).unwrap();
    for h in SERVERS {
        let out = script(h, "sh -s", &scrub).wait_with_output().unwrap();
        assert!(out.status.success(), "scrubbing {h}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// Starts `ssh HOST SHELL` with `text` on its stdin (the caller waits, so that the servers can run at once).
pub fn script(host: &str, shell: &str, text: &str) -> std::process::Child {
    let mut child = Command::new("ssh")
        .arg("-F")
        .arg(state().join("ssh_config"))
        .args([host, shell])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), text.as_bytes()).unwrap();
    child
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

/// Member number 10000 + `i`, "Member i", with prefix `prefix(i)`.
pub fn member(tx: &hsadmin::ledger::Tx, i: usize, since: chrono::NaiveDate) -> hsadmin::Result<hsadmin::model::MemberNumber> {
    use hsadmin::model::{Email, MemberNumber, Prefix, TextField};
    let number = MemberNumber::parse("number", &(10_000 + i).to_string())?;
    let details = hsadmin::ops::member::Details {
        name: Some(TextField::parse("name", &format!("Member {i}"), 128)?),
        email: Some(Email::parse("email", &format!("m{i}@example.org"))?),
        ..Default::default()
    };
    hsadmin::ops::member::add(tx, number, Prefix::parse("prefix", &prefix(i))?, since, details)?;
    Ok(number)
}

/// [`member`] `i` with package `<prefix>00` (DW/SA) on server `i % 3`.
pub fn member_with_package(tx: &hsadmin::ledger::Tx, i: usize, since: chrono::NaiveDate) -> hsadmin::Result<hsadmin::model::PackageName> {
    use hsadmin::model::{PackageName, ProductCode, ServerName};
    use hsadmin::ops::package;
    let number = member(tx, i, since)?;
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
