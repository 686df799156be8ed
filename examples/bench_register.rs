//! Benchmark: `domain register` against the test EPP registry (tests/registry/registry.py) — each run is a
//! new TLS connection, login, check, contact:create, domain:create, info, logout, and three ledger
//! transactions; the registry validates every frame against the EPP schemas.
//!
//!     cargo build --release && cargo run --release --example bench_register [-- COUNT]
//!
//! Registers COUNT (default 200) domains one after the other and prints min, median, max and the total.
//! The binary is `$HSADMIN_BIN`, else `$CARGO_TARGET_DIR/release/hsadmin` (or `target/release/hsadmin`).
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let count: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let python = if std::path::Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
    let mut registry = Command::new(python)
        .arg(format!("{root}/tests/registry/registry.py"))
        .arg(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the test registry");
    let mut control = registry.stdin.take().unwrap();
    let mut answers = BufReader::new(registry.stdout.take().unwrap());
    let mut line = String::new();
    answers.read_line(&mut line).unwrap();
    let port: u16 = line.trim().strip_prefix("port ").unwrap().parse().unwrap();

    let pw = dir.path().join("epp.password");
    std::fs::write(&pw, "secret\n").unwrap();
    std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
    let config = dir.path().join("hsadmin.toml");
    std::fs::write(
        &config,
        format!(
            "[registrar]\nbackend = \"epp\"\nhost = \"127.0.0.1\"\nport = {port}\nclient_id = \"hsadmin-test\"\npassword_file = \"{}\"\nca_file = \"{}\"\nnameservers = [\"ns1.example.net\"]\n",
            pw.display(),
            dir.path().join("ca.pem").display()
        ),
    )
    .unwrap();
    let ledger = dir.path().join("ledger.db");
    let bin = std::env::var("HSADMIN_BIN")
        .unwrap_or_else(|_| format!("{}/release/hsadmin", std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| format!("{root}/target"))));
    let hsadmin = |args: &[&str]| {
        let out = Command::new(&bin)
            .args(args)
            .env("HSADMIN_LEDGER", &ledger)
            .env("HSADMIN_CONFIG", &config)
            .env("HSADMIN_NO_APPLY", "1")
            .env("HSADMIN_TODAY", "2026-06-01")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let catalog = format!("{root}/examples/catalog.toml");
    let domains = (count + 10).to_string();
    for args in [
        &["-q", "init"][..],
        &[
            "-q",
            "member",
            "add",
            "10001",
            "--prefix",
            "xyz",
            "--name",
            "Bench",
            "--email",
            "b@example.org",
            "--since",
            "2026-01-01",
            "--city",
            "Hamburg",
            "--country",
            "DE",
        ],
        &["-q", "share", "subscribe", "10001", "--count", "1", "--date", "2026-01-01", "--reference", "SUB-2026-0001"],
        &["-q", "server", "add", "h1", "--address", "127.0.0.11", "--role", "web"],
        &["-q", "catalog", "import", &catalog],
        &["-q", "package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01", "--domains", &domains],
    ] {
        hsadmin(args);
    }
    let mut times: Vec<Duration> = Vec::with_capacity(count);
    let started = Instant::now();
    for i in 0..count {
        let name = format!("bench-{i}.org");
        let t = Instant::now();
        hsadmin(&["-q", "domain", "register", &name, "--package", "xyz00"]);
        times.push(t.elapsed());
    }
    let total = started.elapsed();
    writeln!(control, "stats").unwrap();
    line.clear();
    answers.read_line(&mut line).unwrap();
    let _ = registry.kill();
    let _ = registry.wait();
    times.sort();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "{count} × domain register: min {}, median {}, max {}, total {:.2} s",
        ms(times[0]),
        ms(times[count / 2]),
        ms(times[count - 1]),
        total.as_secs_f64()
    );
    let stats: serde_json::Value = serde_json::from_str(line.trim().strip_prefix("ok ").unwrap()).unwrap();
    println!("registry: {} frames, {} invalid", stats["frames"], stats["invalid"]);
}
