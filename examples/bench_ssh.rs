//! Benchmark: 50 commands on one test host through one hsadmin session, against 50 separate `ssh` invocations.
//!
//!     tests/testhosts/up.sh && cargo run --release --example bench_ssh [-- N]
//!
//! Uses the test hosts' state (target/testhosts, or $TESTHOST_STATE): h1, its known_hosts and client key.
use hsadmin::remote::{Connection, Data, Script, SshOptions, Target};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let state =
        std::env::var_os("TESTHOST_STATE").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/testhosts")));
    assert!(state.join("known_hosts").exists(), "no test hosts: run tests/testhosts/up.sh first");
    let opts = SshOptions {
        user: "root".into(),
        identity_file: Some(state.join("id_ed25519")),
        passphrase_file: None,
        known_hosts: Some(state.join("known_hosts")),
        connect_timeout: Duration::from_secs(10),
        command_timeout: Duration::from_secs(60),
    };
    let target = Target { name: "h1".into(), address: "127.0.0.11".into(), port: 22, pinned_key: None };

    // One session, one channel per command (what `server check` and `apply` build on).
    let started = Instant::now();
    let mut conn = Connection::open(&target, &opts).expect("connects to h1");
    let connected = started.elapsed();
    for i in 0..n {
        let mut s = Script::new();
        s.command("printf", &[&Data::new(b"%s\n").unwrap(), &Data::new(format!("command {i}").as_bytes()).unwrap()]);
        let out = conn.run(&s).expect("runs");
        assert_eq!(out.status, 0);
    }
    let session = started.elapsed();

    // One session, all commands in one script (how `apply` batches a server's actions).
    let started = Instant::now();
    let mut conn = Connection::open(&target, &opts).expect("connects to h1");
    let mut s = Script::new();
    for i in 0..n {
        s.command("printf", &[&Data::new(b"%s\n").unwrap(), &Data::new(format!("command {i}").as_bytes()).unwrap()]);
    }
    assert_eq!(conn.run(&s).expect("runs").stdout.iter().filter(|b| **b == b'\n').count(), n);
    let batched = started.elapsed();

    // The OpenSSH client, one login per command.
    let started = Instant::now();
    for i in 0..n {
        let status = Command::new("ssh")
            .arg("-F")
            .arg(state.join("ssh_config"))
            .arg("h1")
            .arg(format!("printf '%s\\n' 'command {i}'"))
            .stdout(std::process::Stdio::null())
            .status()
            .expect("ssh runs");
        assert!(status.success());
    }
    let openssh = started.elapsed();

    let s = |d: Duration| format!("{:.2} s", d.as_secs_f64());
    println!("{n} commands on h1                               wall time");
    println!("hsadmin, 1 session, 1 channel per command   {} (connect + login {:.0} ms)", s(session), connected.as_secs_f64() * 1000.0);
    println!("hsadmin, 1 session, 1 batched script        {}", s(batched));
    println!("ssh client, 1 invocation per command        {}", s(openssh));
}
