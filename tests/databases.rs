//! Database users and databases through the real binary (issue 12, the ledger side): the issue's
//! invocations, hostile names (exit 2, nothing changed), owners of another package or engine, the included
//! number of databases, passwords that appear nowhere but on stdin (not in the ledger file, its WAL, the log
//! or any output), password updates, removal and purge, and the SCRAM verifiers recomputed by
//! tests/validators/scram_check.py (Python's hashlib, not hsadmin).
mod common;

use common::{Run, TestEnv};
use serde_json::Value;

const PG_PASS: &str = "db-Pass-1!";
const MY_PASS: &str = "db-Pass-2!";

/// Runs hsadmin with `--json` on another day than the tests' TODAY.
fn on(env: &TestEnv, today: &str, args: &[&str]) -> Run {
    let out = env.command().env("HSADMIN_TODAY", today).arg("--json").args(args).output().unwrap();
    Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
}

/// Runs with a password on stdin, as the issue writes it (`printf '%s\n' … |`), and asserts success.
fn with_password(env: &TestEnv, password: &str, args: &[&str]) -> Run {
    let r = env.run_with(args, Some(&format!("{password}\n")));
    assert_eq!(r.code, 0, "hsadmin {args:?} failed with {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
    r
}

/// The seeded environment, its server h1 with both database roles (a package's databases live on its
/// server, which needs the engine's role).
fn seeded() -> TestEnv {
    let env = TestEnv::seeded();
    env.ok(&["server", "update", "h1", "--role", "web,dns-primary,mariadb,postgresql"]);
    env
}

#[test]
fn a_server_without_the_engines_role_gets_no_database_users() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let r = env.run_with(&["--json", "db", "user", "add", "xyz00_app", "--engine", "postgresql", "--password-stdin"], Some("db-Pass-1!\n"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.contains("which has no postgresql role"), "{}", r.stdout);
    assert_eq!(env.dump(), before);
}

/// The seeded environment with the issue's four invocations run; returns every output they printed.
fn issue_example() -> (TestEnv, Vec<Run>) {
    let env = seeded();
    let runs = vec![
        with_password(&env, PG_PASS, &["db", "user", "add", "xyz00_app", "--engine", "postgresql", "--password-stdin"]),
        env.run(&["db", "add", "xyz00_app", "--engine", "postgresql", "--owner", "xyz00_app"]),
        with_password(&env, MY_PASS, &["db", "user", "add", "xyz00_wp", "--engine", "mariadb", "--password-stdin"]),
        env.run(&["db", "add", "xyz00_wp", "--engine", "mariadb", "--owner", "xyz00_wp"]),
    ];
    for r in &runs {
        assert_eq!(r.code, 0, "stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    }
    (env, runs)
}

/// The stored secrets, by engine and name.
fn secrets(env: &TestEnv) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open_with_flags(&env.ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT engine, name, secret FROM db_user ORDER BY id").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn the_issue_invocations_work_as_written() {
    let (env, _) = issue_example();
    let list = env.json(&["db", "list", "--package", "xyz00"]);
    let rows: Vec<(&str, &str, &str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["name"].as_str().unwrap(), d["engine"].as_str().unwrap(), d["owner"].as_str().unwrap(), d["encoding"].as_str().unwrap()))
        .collect();
    assert_eq!(rows, [("xyz00_app", "postgresql", "xyz00_app", "UTF8"), ("xyz00_wp", "mariadb", "xyz00_wp", "utf8mb4")]);
    let users = env.json(&["db", "user", "list", "--package", "xyz00"]);
    assert_eq!(users.as_array().unwrap().len(), 2);
    let show = env.json(&["db", "user", "show", "xyz00_wp"]);
    assert_eq!(show["engine"], "mariadb");
    assert!(show.get("secret").is_none(), "{show}");
    assert!(env.ok(&["db", "show", "xyz00_app"]).contains("postgresql"));
    let stored = secrets(&env);
    assert!(stored[0].2.starts_with("SCRAM-SHA-256$4096:"), "{stored:?}");
    assert_eq!(stored[1].2.len(), 43, "an ed25519 hash: {stored:?}");
}

#[test]
fn passwords_appear_nowhere_but_on_stdin() {
    let (env, mut runs) = issue_example();
    runs.push(with_password(&env, "db-Pass-3!", &["--json", "db", "user", "update", "xyz00_app", "--password-stdin"]));
    runs.push(env.run(&["--json", "db", "user", "list"]));
    runs.push(env.run(&["--json", "db", "user", "show", "xyz00_app"]));
    runs.push(env.run(&["log"]));
    runs.push(env.run(&["--json", "log", "--entity", "db_user"]));
    let secrets: Vec<String> = secrets(&env).into_iter().map(|s| s.2).collect();
    for r in &runs {
        for p in [PG_PASS, MY_PASS, "db-Pass-3!"].iter().map(|s| s.to_string()).chain(secrets.iter().cloned()) {
            assert!(!r.stdout.contains(&p) && !r.stderr.contains(&p), "{p} in output:\n{}\n{}", r.stdout, r.stderr);
        }
    }
    let dir = env.ledger.parent().unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for p in [PG_PASS, MY_PASS, "db-Pass-3!"] {
            assert!(!bytes.windows(p.len()).any(|w| w == p.as_bytes()), "{p} in the ledger files");
        }
    }
}

#[test]
fn scram_verifiers_are_what_postgresql_would_compute() {
    let (env, _) = issue_example();
    let verifier = secrets(&env).into_iter().find(|s| s.0 == "postgresql").unwrap().2;
    let lines = format!("{PG_PASS}\t{verifier}\n{MY_PASS}\t{verifier}\n");
    let verdicts: Value = serde_json::from_slice(&common::validators::python_script("scram_check.py", &lines)).unwrap();
    assert_eq!(verdicts, serde_json::json!([true, false]), "the verifier checks with its password and not with another");
}

#[test]
fn password_update_replaces_the_secret() {
    let (env, _) = issue_example();
    let before = secrets(&env);
    with_password(&env, "db-Pass-3!", &["db", "user", "update", "xyz00_app", "--password-stdin"]);
    with_password(&env, "db-Pass-4!", &["db", "user", "update", "xyz00_wp", "--engine", "mariadb", "--password-stdin"]);
    let after = secrets(&env);
    assert_ne!(before[0].2, after[0].2);
    assert_ne!(before[1].2, after[1].2);
    assert!(after[0].2.starts_with("SCRAM-SHA-256$") && after[1].2.len() == 43);
    let log = env.json(&["log", "--entity", "db_user", "--key", "xyz00_app"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "password"), "{log}");
    // A bad password: exit 2, nothing changed.
    let before = env.dump();
    let r = env.run_with(&["--json", "db", "user", "update", "xyz00_app", "--password-stdin"], Some("short\n"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(env.dump(), before);
}

#[test]
fn hostile_names_are_refused_before_anything_changes() {
    let (env, _) = issue_example();
    let long = format!("xyz00_{}", "a".repeat(60));
    let hostile = [
        "xyz00_a'b",
        "xyz00_a\"b",
        "xyz00_a`b",
        "xyz00_a;b",
        "xyz00_a--b",
        "xyz00_a b",
        "xyz00_ä",
        "xyz00_\u{430}pp",
        "xyz00_a\nb",
        long.as_str(),
        "abc00_app",
        "XYZ00_APP",
        "xyz00_App",
        "xyz00-app",
        "xyz00_",
        "",
    ];
    for name in hostile {
        for engine in ["postgresql", "mariadb"] {
            let before = env.dump();
            let r = env.run_with(&["--json", "db", "user", "add", name, "--engine", engine, "--password-stdin"], Some("db-Pass-9!\n"));
            assert_eq!(r.code, 2, "{name:?}: {}", r.stderr);
            assert_eq!(env.dump(), before, "{name:?}");
            env.refused(&["db", "add", name, "--engine", engine, "--owner", "xyz00_app"], 2);
            env.refused(&["db", "add", "xyz00_new", "--engine", engine, "--owner", name], 2);
        }
        // abc00_app is well-formed, only not there.
        let code = if name == "abc00_app" { 1 } else { 2 };
        env.refused(&["db", "remove", name, "--yes"], code);
        env.refused(&["db", "user", "remove", name, "--yes"], code);
    }
    // 64 characters: MariaDB takes it, PostgreSQL (63 bytes) does not.
    let n64 = format!("xyz00_{}", "a".repeat(58));
    let e = env.refused(&["db", "add", &n64, "--engine", "postgresql", "--owner", "xyz00_app"], 2);
    assert!(e["message"].as_str().unwrap().contains("63"), "{e}");
    env.refused(&["db", "add", "xyz00_x", "--engine", "oracle", "--owner", "xyz00_app"], 2);
    env.refused(&["db", "add", "xyz00_x", "--engine", "mariadb", "--owner", "xyz00_wp", "--encoding", "UTF8"], 2);
}

#[test]
fn owners_must_be_of_the_same_package_and_engine() {
    let (env, _) = issue_example();
    env.ok(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    with_password(&env, PG_PASS, &["db", "user", "add", "xyz01", "--engine", "postgresql", "--password-stdin"]);
    let e = env.refused(&["db", "add", "xyz00_other", "--engine", "postgresql", "--owner", "xyz01"], 2);
    assert!(e["message"].as_str().unwrap().contains("same package"), "{e}");
    let e = env.refused(&["db", "add", "xyz00_other", "--engine", "mariadb", "--owner", "xyz00_app"], 2);
    assert!(e["message"].as_str().unwrap().contains("other engine"), "{e}");
    env.refused(&["db", "add", "xyz00_app", "--engine", "postgresql", "--owner", "xyz00_app"], 4);
    let r = env.run_with(&["--json", "db", "user", "add", "xyz00_app", "--engine", "postgresql", "--password-stdin"], Some("db-Pass-9!\n"));
    assert_eq!(r.code, 4, "{}", r.stderr);
    env.refused(&["db", "user", "add", "xyz02", "--engine", "mariadb"], 2);
    // The same name in the other engine is another user.
    with_password(&env, MY_PASS, &["db", "user", "add", "xyz00_app", "--engine", "mariadb", "--password-stdin"]);
    env.refused(&["db", "user", "show", "xyz00_app"], 2);
    assert_eq!(env.json(&["db", "user", "show", "xyz00_app", "--engine", "mariadb"])["engine"], "mariadb");
    // A cancelled package gets nothing new.
    env.ok(&["package", "cancel", "xyz01", "--date", "2026-06-30", "--yes"]);
    let r = env.run_with(&["--json", "db", "user", "add", "xyz01_x", "--engine", "mariadb", "--password-stdin"], Some("db-Pass-9!\n"));
    assert_eq!(r.code, 4, "{}", r.stderr);
}

#[test]
fn the_included_number_of_databases_is_a_limit() {
    let (env, _) = issue_example();
    // DW/SA includes 5 databases (examples/catalog.toml), of both engines together.
    for n in ["xyz00_b", "xyz00_c"] {
        env.ok(&["db", "add", n, "--engine", "mariadb", "--owner", "xyz00_wp"]);
    }
    let dry = env.dry_run(&["db", "add", "xyz00_e", "--engine", "mariadb", "--owner", "xyz00_wp"]);
    assert_eq!(dry["name"], "xyz00_e");
    env.ok(&["db", "add", "xyz00_e", "--engine", "mariadb", "--owner", "xyz00_wp"]);
    let e = env.refused(&["db", "add", "xyz00_f", "--engine", "postgresql", "--owner", "xyz00_app"], 4);
    assert!(e["message"].as_str().unwrap().contains("included.databases"), "{e}");
    env.ok(&["db", "remove", "xyz00_e", "--yes"]);
    env.ok(&["db", "add", "xyz00_f", "--engine", "postgresql", "--owner", "xyz00_app"]);
}

#[test]
fn removal_marks_rows_and_names_come_back_with_new_ids() {
    let (env, _) = issue_example();
    env.refused(&["db", "user", "remove", "xyz00_app", "--yes"], 4);
    env.refused(&["db", "remove", "xyz00_app"], 2);
    let dry = env.dry_run(&["db", "remove", "xyz00_app", "--yes"]);
    assert!(dry["removed"].is_string());
    let old = env.json(&["db", "show", "xyz00_app"])["id"].clone();
    let removed = env.json(&["db", "remove", "xyz00_app", "--engine", "postgresql", "--yes"]);
    assert_eq!(removed["removed"], common::TODAY);
    env.refused(&["db", "show", "xyz00_app"], 1);
    env.json(&["db", "user", "remove", "xyz00_app", "--yes"]);
    with_password(&env, PG_PASS, &["db", "user", "add", "xyz00_app", "--engine", "postgresql", "--password-stdin"]);
    let again = env.json(&["db", "add", "xyz00_app", "--engine", "postgresql", "--owner", "xyz00_app"]);
    assert_ne!(again["id"], old);
    let conn = rusqlite::Connection::open(&env.ledger).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM database WHERE name = 'xyz00_app' AND removed IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1, "the removed row stays");
    let e = conn.execute("DELETE FROM database", []).unwrap_err();
    assert!(e.to_string().contains("never deleted"), "{e}");
    let e = conn.execute("UPDATE db_user SET name = 'xyz00_zz'", []);
    assert!(e.is_err());
}

#[test]
fn purge_removes_the_packages_databases_and_users() {
    let (env, _) = issue_example();
    env.ok(&["package", "cancel", "xyz00", "--date", "2026-06-30", "--yes"]);
    let dry = on(&env, "2026-07-01", &["package", "purge", "xyz00", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    for line in ["postgresql database xyz00_app", "mariadb database xyz00_wp", "postgresql user xyz00_app", "mariadb user xyz00_wp"] {
        assert!(dry.stderr.contains(line), "{line} not in the preview:\n{}", dry.stderr);
    }
    let r = on(&env, "2026-07-01", &["package", "purge", "xyz00", "--yes"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.json(&["db", "list"]), serde_json::json!([]));
    assert_eq!(env.json(&["db", "user", "list"]), serde_json::json!([]));
    let conn = rusqlite::Connection::open_with_flags(&env.ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM db_user WHERE removed = '2026-07-01'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 2);
    let log = env.json(&["log", "--entity", "database"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "purge"), "{log}");
}
