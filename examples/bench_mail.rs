//! Benchmark: the mail role with 5 000 addresses over the 3 test servers (500 packages, each with a domain
//! and 10 addresses), the first apply of the role and a no-op re-apply, beside the same three tables written
//! bare (one ssh per server: the files, postmap, postalias, reload); then 1 000 messages delivered over SMTP
//! to h1, until every one is in its Maildir.
//!
//!     tests/testhosts/up.sh && cargo build --release && cargo run --release --example bench_mail [-- PACKAGES]
//!
//! It owns the test servers while it runs: it clears everything hsadmin manages on them first and last.
mod common;
use common::{SERVERS, hsadmin, prefix, reset, secs, state};
use hsadmin::ledger::{Actor, Ledger};
use hsadmin::model::{self, DomainName, MailTarget};
use hsadmin::ops::{catalog, domain, mail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const PER_PACKAGE: usize = 10;

fn build(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("ledger.db");
    let mut ledger = Ledger::create(&path, Actor { user: "bench".into(), command: "bench_mail".into() }).unwrap();
    let catalog_text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/catalog.toml")).unwrap();
    ledger
        .write(false, |tx| {
            catalog::import(tx, &catalog_text)?;
            common::servers(tx, "web,mail")?;
            let since = model::date("since", "2026-01-01")?;
            for i in 0..n {
                let pkg = common::member_with_package(tx, i, since)?;
                let d = format!("bench{i}.example.org");
                let new =
                    domain::NewDomain { name: DomainName::parse("d", &d)?, package: pkg.clone(), user: None, subdomains: vec![], options: Default::default() };
                domain::add(tx, new, since)?;
                for a in 0..PER_PACKAGE {
                    mail::add_address(tx, &format!("a{a}@{d}"), vec![MailTarget::parse("t", pkg.as_str(), false)?], since)?;
                }
            }
            Ok(())
        })
        .unwrap();
    path
}

/// The floor: the same three tables, written and built by hand, one ssh per server, the servers at once.
fn bare(n: usize) -> std::time::Duration {
    let started = Instant::now();
    let children: Vec<_> = (0..3)
        .map(|server| {
            let (mut domains, mut virt) = (String::new(), String::new());
            for i in (server..n).step_by(3) {
                domains += &format!("bench{i}.example.org\n");
                for a in 0..PER_PACKAGE {
                    virt += &format!("a{a}@bench{i}.example.org {}00@localhost\n", prefix(i));
                }
            }
            let script = format!(
                "set -e\nmkdir -p /tmp/bench-mail && cd /tmp/bench-mail\ncat > domains <<'EOF'\n{domains}EOF\ncat > virtual <<'EOF'\n{virt}EOF\nprintf 'x: /dev/null\\n' > aliases\npostmap hash:virtual\npostalias hash:aliases\npostfix check\npostfix reload > /dev/null 2>&1\nrm -rf /tmp/bench-mail\n"
            );
            common::script(SERVERS[server], "sh -s", &script)
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "the bare tables failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    started.elapsed()
}

const SMTP_PY: &str = r#"import smtplib, sys, time
n, targets = int(sys.argv[2]), sys.argv[3].split(",")
t0 = time.time()
s = smtplib.SMTP(sys.argv[1], 25, timeout=30)
for i in range(n):
    to = targets[i % len(targets)]
    s.sendmail("bench@example.net", [to], "From: bench@example.net\r\nTo: %s\r\nSubject: bench %d\r\n\r\nbody\r\n" % (to, i))
s.quit()
print(time.time() - t0)
"#;

/// Sends `count` messages to h1's addresses over one SMTP session; (seconds to send, seconds until all are
/// in their Maildirs).
fn deliver(n: usize, count: usize) -> (f64, f64) {
    let targets: Vec<String> = (0..n).step_by(3).take(20).map(|i| format!("a0@bench{i}.example.org")).collect();
    let started = Instant::now();
    let out = Command::new("python3").args(["-c", SMTP_PY, "127.0.0.11", &count.to_string(), &targets.join(",")]).output().unwrap();
    assert!(out.status.success(), "smtplib: {}", String::from_utf8_lossy(&out.stderr));
    let sent: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let wait =
        format!("for i in $(seq 1200); do [ \"$(find /home/pacs/*/Maildir/new -type f 2>/dev/null | wc -l)\" -ge {count} ] && exit 0; sleep 0.1; done; exit 1");
    let ok = Command::new("ssh").arg("-F").arg(state().join("ssh_config")).arg("h1").arg(wait).status().unwrap().success();
    assert!(ok, "not every message was delivered within 120 s");
    (sent, started.elapsed().as_secs_f64())
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(500);
    assert!(state().join("hsadmin.toml").exists(), "no test servers: run tests/testhosts/up.sh first");
    let dir = tempfile::tempdir().unwrap();
    let config = state().join("hsadmin.toml");
    reset();
    let ledger = build(dir.path(), n);
    let web = hsadmin(&ledger, &config, &["-q", "apply", "--role", "web"]);
    let floor = bare(n);
    let first = hsadmin(&ledger, &config, &["-q", "apply", "--role", "mail"]);
    let noop = hsadmin(&ledger, &config, &["-q", "apply", "--role", "mail"]);
    let (sent, delivered) = deliver(n, 1000);
    println!("web apply first (not part of the figure): {}", secs(web));
    println!("{:<64} {:>8}", format!("{} addresses of {n} packages over 3 servers", n * PER_PACKAGE), "time");
    println!("{:<64} {:>8}", "first apply (--role mail)", secs(first));
    println!("{:<64} {:>8}", "  bare: the same tables by hand, one ssh per server", secs(floor));
    println!("{:<64} {:>8}", "no-op re-apply", secs(noop));
    println!("{:<64} {:>7.2} s", "1 000 messages sent to h1 over one SMTP session", sent);
    println!("{:<64} {:>7.2} s", "  until all 1 000 are in their Maildirs", delivered);
    reset();
}
