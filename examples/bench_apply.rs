//! Benchmark: the config robot on 500 packages (each with its admin user, a domain and a crontab) spread
//! over the 3 test servers — the first apply, a no-op re-apply and a plan — against the same script run
//! on each server directly, and against one `ssh` invocation per command.
//!
//!     tests/testhosts/up.sh && cargo build --release && cargo run --release --example bench_apply [-- PACKAGES BASELINE_PACKAGES]
//!
//! It owns the test servers while it runs: it clears everything hsadmin manages on them first and last.
mod common;
use common::{SERVERS, hsadmin, prefix, reset, secs, state};
use hsadmin::config::Config;
use hsadmin::ledger::{Actor, Ledger};
use hsadmin::model::{self, DomainName, UserName};
use hsadmin::ops::{catalog, converge, cron, domain, server};
use hsadmin::remote::{Connection, SshOptions};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A ledger with the three servers and `n` packages, through the real operations.
fn build(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join(format!("ledger-{n}.db"));
    let mut ledger = Ledger::create(&path, Actor { user: "bench".into(), command: "bench_apply".into() }).unwrap();
    let catalog_text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/catalog.toml")).unwrap();
    ledger
        .write(false, |tx| {
            catalog::import(tx, &catalog_text)?;
            common::servers(tx, "web")?;
            let since = model::date("since", "2026-01-01")?;
            for i in 0..n {
                let pkg = common::member_with_package(tx, i, since)?;
                let admin = UserName::from(&pkg);
                let d = domain::NewDomain {
                    name: DomainName::parse("name", &format!("{}.example", prefix(i)))?,
                    package: pkg.clone(),
                    user: Some(admin.clone()),
                    subdomains: vec![],
                    options: Default::default(),
                };
                domain::add(tx, d, since)?;
                cron::add(tx, &admin, &model::CronSchedule::parse("s", "*/5 * * * *")?, &model::CronCommand::parse("c", "php ~/cron.php")?)?;
            }
            Ok(())
        })
        .unwrap();
    path
}

fn ssh(host: &str, script: &str) -> std::process::Output {
    Command::new("ssh").arg("-F").arg(state().join("ssh_config")).arg(host).arg(script).output().unwrap()
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(500);
    let baseline_n: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(15);
    assert!(state().join("hsadmin.toml").exists(), "no test servers: run tests/testhosts/up.sh first");
    let dir = tempfile::tempdir().unwrap();
    let config = state().join("hsadmin.toml");
    let cfg: Config = toml::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    reset();

    let ledger = build(dir.path(), n);
    let first = hsadmin(&ledger, &config, &["-q", "apply"]);
    let noop = hsadmin(&ledger, &config, &["-q", "apply"]);
    let plan = hsadmin(&ledger, &config, &["-q", "plan", "--detailed-exitcode"]);
    println!("config robot, {n} packages (user, domain, crontab each) over 3 servers");
    println!("  hsadmin apply, first run                 {}", secs(first));
    println!("  hsadmin apply, nothing changed           {}", secs(noop));
    println!("  hsadmin plan, nothing changed            {}", secs(plan));

    // The same scripts, run on each server by its own shell (what the first apply costs at least).
    reset();
    let mut l = Ledger::open(&ledger, Actor { user: "bench".into(), command: "bench".into() }).unwrap();
    let work = l.read(|tx| converge::prepare(tx, &converge::Selection::default(), &cfg, "2026-06-01")).unwrap();
    let cx = converge::Context { config: &cfg, today: "2026-06-01" };
    let opts = SshOptions::from_config(&cfg.ssh);
    let mut slowest = Duration::ZERO;
    for w in &work {
        let mut conn = Connection::open(&server::target(&w.server), &opts).unwrap();
        let script = converge::plan_server(&mut conn, w, &cx).unwrap().script;
        let file = dir.path().join(format!("{}.sh", w.server.name));
        std::fs::write(&file, script.bytes()).unwrap();
        let copy = Command::new("scp")
            .arg("-q")
            .arg("-F")
            .arg(state().join("ssh_config"))
            .arg(&file)
            .arg(format!("{}:/tmp/hsadmin-bench.sh", w.server.name))
            .status()
            .unwrap();
        assert!(copy.success());
        let out = ssh(w.server.name.as_str(), "s=$(date +%s.%N); sh /tmp/hsadmin-bench.sh >/dev/null 2>&1; e=$(date +%s.%N); awk \"BEGIN { print $e - $s }\"");
        let local: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0.0);
        slowest = slowest.max(Duration::from_secs_f64(local));
        println!("  the same script run on {} itself        {:.2} s", w.server.name, local);
    }
    println!("  first apply / slowest local script        {:.2}", first.as_secs_f64() / slowest.as_secs_f64());

    // Baseline: one ssh invocation per command, for a few packages, extrapolated to n.
    reset();
    let started = Instant::now();
    for i in 0..baseline_n {
        let p = format!("{}00", prefix(i));
        let h = SERVERS[i % 3];
        let uid = 100_000 + i;
        let vhost = format!("<VirtualHost *:80>\\n ServerName {p}.example\\n DocumentRoot /home/pacs/{p}/doms/{p}.example/htdocs\\n</VirtualHost>\\n");
        for cmd in [
            format!("groupadd -g {uid} {p}"),
            format!("useradd -M -u {uid} -g {uid} -d /home/pacs/{p} -s /bin/bash {p}"),
            format!("install -d -o {p} -g {p} -m 751 /home/pacs/{p} /home/pacs/{p}/users /home/pacs/{p}/doms"),
            format!("install -d -o {p} -g {p} -m 755 /home/pacs/{p}/doms/{p}.example /home/pacs/{p}/doms/{p}.example/htdocs"),
            format!("setquota -g {p} 1048576 1048576 0 0 /home"),
            format!("printf '{vhost}' > /etc/apache2/sites-available/hsadmin-{p}.example.conf"),
            format!("ln -sfn ../sites-available/hsadmin-{p}.example.conf /etc/apache2/sites-enabled/"),
            format!("echo '*/5 * * * * php ~/cron.php' | crontab -u {p} -"),
            "apache2ctl graceful".to_owned(),
        ] {
            let out = ssh(h, &cmd);
            assert!(out.status.success(), "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
    let per_package = started.elapsed() / baseline_n as u32;
    println!(
        "  ssh per command ({baseline_n} packages, 9 commands each)  {} = {} per package, about {} for {n}",
        secs(started.elapsed()),
        secs(per_package),
        secs(per_package * n as u32)
    );
    reset();
}
