//! Benchmark: how fast hsadmin starts — `hsadmin --version` and `hsadmin --json member list` on a small
//! ledger against `sqlite3 ledger.db 'select 1'` (issue 8: within 2× of it), and one TAB of shell
//! completion of a member number from the ledger (issue 8: under 50 ms).
//!
//!     cargo build --release && cargo run --release --example bench_startup [-- RUNS]
//!
//! Each command runs RUNS times (default 200); the harness prints min and median wall time.
use std::process::Command;
use std::time::{Duration, Instant};

fn time(runs: usize, mut cmd: impl FnMut() -> Command) -> (Duration, Duration) {
    let mut all: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let out = cmd().output().expect("runs");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            started.elapsed()
        })
        .collect();
    all.sort();
    (all[0], all[runs / 2])
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.db");
    let config = dir.path().join("hsadmin.toml");
    std::fs::write(&config, "").unwrap();
    let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/hsadmin");
    let hsadmin = |args: &[&str]| {
        let mut c = Command::new(bin);
        c.args(args).env("HSADMIN_LEDGER", &ledger).env("HSADMIN_CONFIG", &config);
        c
    };
    assert!(hsadmin(&["-q", "init"]).status().unwrap().success());
    for i in 0..10 {
        let number = (10_001 + i).to_string();
        let prefix: String = [b'a' + i as u8, b'b', b'c'].iter().map(|&b| b as char).collect();
        let ok = hsadmin(&["-q", "member", "add", &number, "--prefix", &prefix, "--name", "M", "--email", "m@example.org", "--since", "2026-01-01"])
            .output()
            .unwrap();
        assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    }
    let rows = [
        ("hsadmin --version", time(runs, || hsadmin(&["--version"]))),
        ("hsadmin --json member list (10 members)", time(runs, || hsadmin(&["--json", "member", "list"]))),
        (
            "TAB: hsadmin member show 100<TAB>",
            time(runs, || {
                let mut c = hsadmin(&["--", "hsadmin", "member", "show", "100"]);
                c.env("COMPLETE", "bash").env("_CLAP_COMPLETE_INDEX", "3").env("_CLAP_IFS", "\n");
                c
            }),
        ),
        (
            "sqlite3 ledger.db 'select 1'",
            time(runs, || {
                let mut c = Command::new("sqlite3");
                c.arg(&ledger).arg("select 1");
                c
            }),
        ),
    ];
    println!("startup, {runs} runs each        min        median");
    for (what, (min, median)) in rows {
        println!("  {what:<40} {:>6.2} ms  {:>6.2} ms", min.as_secs_f64() * 1e3, median.as_secs_f64() * 1e3);
    }
}
