//! What the benchmarks against the test servers share (bench_apply, bench_db): the test hosts' state dir,
//! member prefixes, a timed run of the release binary, and clearing the servers by hand.
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
