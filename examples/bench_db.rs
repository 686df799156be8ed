//! Benchmark: the database roles on 500 databases with their users (250 packages, each with a PostgreSQL
//! and a MariaDB user and database) spread over the 3 test servers — the first apply of the two roles and
//! a no-op re-apply, beside the same SQL sent bare.
//!
//!     tests/testhosts/up.sh && cargo build --release && cargo run --release --example bench_db [-- PACKAGES]
//!
//! It owns the test servers while it runs: it clears everything hsadmin manages on them first and last
//! (tests/testhosts/scrub.sh, which also drops every database and user that is not the engines' own).
mod common;
use common::{SERVERS, hsadmin, prefix, reset, secs, state};
use hsadmin::ledger::{Actor, Ledger};
use hsadmin::model::{self, DbName, Engine, Password};
use hsadmin::ops::{catalog, database};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A ledger with `n` packages, each with `NAME_app` (PostgreSQL) and `NAME_wp` (MariaDB), through the real
/// operations (the SCRAM verifiers and ed25519 hashes computed as `db user add` does).
fn build(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join(format!("ledger-{n}.db"));
    let mut ledger = Ledger::create(&path, Actor { user: "bench".into(), command: "bench_db".into() }).unwrap();
    let catalog_text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/catalog.toml")).unwrap();
    ledger
        .write(false, |tx| {
            catalog::import(tx, &catalog_text)?;
            common::servers(tx, "web,mariadb,postgresql")?;
            let since = model::date("since", "2026-01-01")?;
            let password = Password::parse("password", "db-Bench-1!")?;
            for i in 0..n {
                let pkg = common::member_with_package(tx, i, since)?;
                for (suffix, engine) in [("app", Engine::Postgresql), ("wp", Engine::Mariadb)] {
                    let name = DbName::parse("name", &format!("{pkg}_{suffix}"), engine)?;
                    database::add_user(tx, &name, engine, &password, since)?;
                    database::add_database(tx, &name, engine, &name, None, since)?;
                }
            }
            Ok(())
        })
        .unwrap();
    path
}

/// How many databases hsadmin's marker table lists on a server, as the engines say.
fn counted(host: &str) -> (usize, usize) {
    let script = "printf 'SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE \"%%\\\\_wp\";\\n' | mariadb -NB; \
                  cd / && printf \"SELECT count(*) FROM pg_database WHERE datname LIKE '%%_app';\\n\" | runuser -u postgres -- psql -XAt";
    let out = Command::new("ssh").arg("-F").arg(state().join("ssh_config")).arg(host).arg(script).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let n: Vec<usize> = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
    (n.first().copied().unwrap_or(0), n.get(1).copied().unwrap_or(0))
}

/// The floor: the same users, databases and grants as bare SQL, the three servers at once — one client
/// call per engine and server, or (`per_package`) one per package and engine, as hsadmin's units do so
/// that one package's failure stops no other.
fn bare(n: usize, per_package: bool) -> std::time::Duration {
    let mariadb = |sql: &str| format!("mariadb <<'EOF'\n{sql}EOF\n");
    let psql = |sql: &str| format!("runuser -u postgres -- psql -Xq -v ON_ERROR_STOP=1 <<'EOF'\n{sql}EOF\n");
    let started = Instant::now();
    let children: Vec<_> = (0..3)
        .map(|server| {
            let (mut my, mut pg, mut script) = (String::new(), String::new(), String::from("cd /\n"));
            for i in (server..n).step_by(3) {
                let p = format!("{}00", prefix(i));
                my += &format!("CREATE USER '{p}_wp'@'%' IDENTIFIED BY 'db-Bench-1!'; CREATE DATABASE `{p}_wp`; GRANT ALL ON `{p}\\_wp`.* TO '{p}_wp'@'%';\n");
                pg += &format!("CREATE ROLE \"{p}_app\" LOGIN PASSWORD 'db-Bench-1!'; CREATE DATABASE \"{p}_app\" OWNER \"{p}_app\" TEMPLATE template0; REVOKE ALL ON DATABASE \"{p}_app\" FROM PUBLIC;\n");
                if per_package {
                    script += &(mariadb(&std::mem::take(&mut my)) + &psql(&std::mem::take(&mut pg)));
                }
            }
            if !per_package {
                script += &(mariadb(&my) + &psql(&pg));
            }
            common::script(SERVERS[server], "sh -se", &script)
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "bare SQL failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    started.elapsed()
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(250);
    assert!(state().join("hsadmin.toml").exists(), "no test servers: run tests/testhosts/up.sh first");
    let dir = tempfile::tempdir().unwrap();
    let config = state().join("hsadmin.toml");
    reset();
    let built = Instant::now();
    let ledger = build(dir.path(), n);
    println!("ledger: {n} packages, {} database users and databases, built in {}", 2 * n, secs(built.elapsed()));
    let floor = bare(n, false);
    reset();
    let floor_units = bare(n, true);
    reset();
    let web = hsadmin(&ledger, &config, &["-q", "apply", "--role", "web"]);
    let roles = ["-q", "apply", "--role", "mariadb", "--role", "postgresql"];
    let first = hsadmin(&ledger, &config, &roles);
    let noop = hsadmin(&ledger, &config, &roles);
    let plan = hsadmin(&ledger, &config, &["-q", "plan", "--role", "mariadb", "--role", "postgresql", "--detailed-exitcode"]);
    let on: Vec<(usize, usize)> = SERVERS.iter().map(|h| counted(h)).collect();
    let (my, pg): (usize, usize) = on.iter().fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
    assert_eq!((my, pg), (n, n), "the engines hold every database: {on:?}");
    println!("web apply first (not part of the figure): {}", secs(web));
    println!("{:<64} {:>8}", format!("{} databases with their users over 3 servers", 2 * n), "time");
    println!("{:<64} {:>8}", "first apply (--role mariadb --role postgresql)", secs(first));
    println!("{:<64} {:>8}", "  bare SQL of the same, one client call per package and engine", secs(floor_units));
    println!("{:<64} {:>8}", "  bare SQL of the same, one client call per server and engine", secs(floor));
    println!("{:<64} {:>8}", "no-op re-apply", secs(noop));
    println!("{:<64} {:>8}", "plan (nothing to do)", secs(plan));
    reset();
}
