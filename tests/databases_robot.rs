//! The database roles end to end (issue 12) on the real test servers: MariaDB and PostgreSQL users and
//! databases from the ledger, judged by the engines themselves — a login over TCP from this machine with
//! the password (read from a 0600 file, never an argument), a table created, a wrong password refused, no
//! way into another package's database — and by what root sees on the server. While hsadmin applies, a
//! loop on the server records every process's command line; the clear password is in none of them.
mod common;
use common::robot::*;
use std::path::Path;
use std::process::Command;

const PG_PW: &str = "db-Pass-1!";
const MY_PW: &str = "db-Pass-2!";

/// `psql` from the machine over TCP as `user` into `db`, the password from a PGPASSFILE; exit code and
/// output.
fn psql(dir: &Path, user: &str, db: &str, password: &str, sql: &str) -> (bool, String) {
    let pass = dir.join(format!("pgpass-{user}"));
    std::fs::write(&pass, format!("*:*:*:{user}:{password}\n")).unwrap();
    std::fs::set_permissions(&pass, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let out = Command::new("psql")
        .env("PGPASSFILE", &pass)
        .args(["-qXAt", "-v", "ON_ERROR_STOP=1", &format!("host=127.0.0.11 port=5432 user={user} dbname={db} connect_timeout=5"), "-c", sql])
        .output()
        .unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// `mariadb` from the machine over TCP, the password in a `--defaults-extra-file`.
fn mariadb(dir: &Path, user: &str, db: &str, password: &str, sql: &str) -> (bool, String) {
    let cnf = dir.join(format!("my-{user}.cnf"));
    std::fs::write(&cnf, format!("[client]\npassword=\"{password}\"\n")).unwrap();
    std::fs::set_permissions(&cnf, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let out = Command::new("mariadb")
        .arg(format!("--defaults-extra-file={}", cnf.display()))
        .args(["-h", "127.0.0.11", "-P", "3306", "--connect-timeout=5", "-u", user, "-NB", db, "-e", sql])
        .output()
        .unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// Packages xyz00 (member 10001) and abc00 (10002) on h1, which gets both database roles, each with a
/// PostgreSQL and a MariaDB user and database.
fn set_up(t: &Robot) {
    t.ok(&["server", "update", "h1", "--role", "web,mariadb,postgresql"]);
    let address = ["--street", "Hauptstr. 1", "--zipcode", "20095", "--city", "Hamburg", "--country", "DE"];
    let mut add = vec!["member", "add", "10002", "--prefix", "abc", "--name", "Abc", "--email", "abc@example.org", "--since", "2026-01-01"];
    add.extend_from_slice(&address);
    t.ok(&add);
    for (pkg, member) in [("xyz00", "10001"), ("abc00", "10002")] {
        t.ok(&["package", "create", pkg, "--member", member, "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
        let (app, wp) = (format!("{pkg}_app"), format!("{pkg}_wp"));
        // Recorded only: the watched apply below creates them.
        quiet(t, &["db", "user", "add", &app, "--engine", "postgresql", "--password-stdin"], Some(PG_PW));
        quiet(t, &["db", "add", &app, "--engine", "postgresql", "--owner", &app], None);
        quiet(t, &["db", "user", "add", &wp, "--engine", "mariadb", "--password-stdin"], Some(MY_PW));
        quiet(t, &["db", "add", &wp, "--engine", "mariadb", "--owner", &wp], None);
    }
}

/// Runs a command that changes the ledger only (no apply), asserting success.
fn quiet(t: &Robot, args: &[&str], password: Option<&str>) {
    let r = t.env.run_with(args, password.map(|p| format!("{p}\n")).as_deref());
    assert_eq!(r.code, 0, "{args:?}: {}\n{}", r.stdout, r.stderr);
}

/// Applies while a loop on h1 records every command line; returns what it recorded.
fn apply_watched(t: &Robot) -> String {
    let log = "/tmp/hsadmin-robot-cmdlines";
    let stop = "/tmp/hsadmin-robot-stop";
    let watcher = Command::new("ssh")
        .arg("-F")
        .arg(t.hosts.state.join("ssh_config"))
        .arg("h1")
        // One `ps` per round (it reads every /proc/*/cmdline itself): a round is short enough that the clients,
        // which live for milliseconds, are seen; a `tr` per process made a round too slow on a busy server.
        .arg(format!("rm -f {stop}; while [ ! -e {stop} ]; do ps -e -ww -o args=; done > {log}"))
        .spawn()
        .unwrap();
    let r = t.ok(&["--json", "apply"]);
    t.sh("h1", &format!("touch {stop}"));
    let mut watcher = watcher;
    watcher.wait().unwrap();
    let seen = t.sh("h1", &format!("cat {log}; rm -f {log} {stop}"));
    let set = |a: &str| r.stdout.contains(&format!("\"action\":\"{a}\"")) || r.stdout.contains(&format!("\"action\": \"{a}\""));
    assert!(set("create_user") || set("set_password"), "the watched apply set a password:\n{}", r.stdout);
    assert!(seen.lines().count() > 100 && seen.contains("psql") && seen.contains("mariadb"), "the loop saw the clients run:\n{}", r.stdout);
    seen
}

#[test]
fn databases_come_up_with_their_passwords_closed_to_other_packages_locked_and_dropped() {
    let t = Robot::new();
    set_up(&t);
    let seen = apply_watched(&t);
    for secret in [PG_PW, MY_PW, "SCRAM-SHA-256"] {
        assert!(!seen.contains(secret), "{secret} appeared in a command line on the server");
    }
    assert_eq!(t.plan().0, 0, "a second plan finds nothing to do");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    // Logins with the password create tables; a wrong password is refused.
    let ok = psql(d, "xyz00_app", "xyz00_app", PG_PW, "CREATE TABLE t (i int); INSERT INTO t VALUES (1); SELECT count(*) FROM t;");
    assert!(ok.0 && ok.1.trim() == "1", "{ok:?}");
    let ok = mariadb(d, "xyz00_wp", "xyz00_wp", MY_PW, "CREATE TABLE t (i INT); INSERT INTO t VALUES (1); SELECT COUNT(*) FROM t;");
    assert!(ok.0 && ok.1.trim() == "1", "{ok:?}");
    assert!(!psql(d, "xyz00_app", "xyz00_app", "wrong-Pass-9", "SELECT 1").0);
    assert!(!mariadb(d, "xyz00_wp", "xyz00_wp", "wrong-Pass-9", "SELECT 1").0);
    // Another package's databases: no connect, no read.
    let no = psql(d, "xyz00_app", "abc00_app", PG_PW, "SELECT 1");
    assert!(!no.0 && no.1.contains("permission denied"), "{no:?}");
    let no = mariadb(d, "xyz00_wp", "abc00_wp", MY_PW, "SELECT 1");
    assert!(!no.0 && no.1.contains("denied"), "{no:?}");
    let no = mariadb(d, "xyz00_wp", "xyz00_wp", MY_PW, "SELECT COUNT(*) FROM abc00_wp.t");
    assert!(!no.0, "{no:?}");

    // A new password: the old one stops working.
    quiet(&t, &["db", "user", "update", "xyz00_app", "--engine", "postgresql", "--password-stdin"], Some("db-Pass-3!"));
    quiet(&t, &["db", "user", "update", "xyz00_wp", "--engine", "mariadb", "--password-stdin"], Some("db-Pass-4!"));
    let seen = apply_watched(&t);
    assert!(!seen.contains("db-Pass-3!") && !seen.contains("db-Pass-4!"));
    assert!(!psql(d, "xyz00_app", "xyz00_app", PG_PW, "SELECT 1").0);
    assert!(psql(d, "xyz00_app", "xyz00_app", "db-Pass-3!", "SELECT count(*) FROM t").0);
    assert!(!mariadb(d, "xyz00_wp", "xyz00_wp", MY_PW, "SELECT 1").0);
    assert!(mariadb(d, "xyz00_wp", "xyz00_wp", "db-Pass-4!", "SELECT COUNT(*) FROM t").0);

    // Like every mutating command, `db add` and `db remove` apply to the package's server at once.
    t.ok(&["db", "add", "xyz00_two", "--engine", "postgresql", "--owner", "xyz00_app"]);
    assert!(psql(d, "xyz00_app", "xyz00_two", "db-Pass-3!", "SELECT 1").0, "xyz00_two is there without an apply");
    t.ok(&["db", "remove", "xyz00_two", "--engine", "postgresql", "--yes"]);
    let no = psql(d, "xyz00_app", "xyz00_two", "db-Pass-3!", "SELECT 1");
    assert!(!no.0 && no.1.contains("does not exist"), "{no:?}");

    // A database dropped by hand is drift: created again, empty.
    t.sh("h1", "printf 'DROP DATABASE xyz00_wp;\\n' | mariadb");
    let plan = t.run(&["--json", "plan"]);
    assert!(plan.stderr.contains("xyz00_wp was gone from the server (drift)"), "{}", plan.stderr);
    t.ok(&["apply"]);
    let empty = mariadb(d, "xyz00_wp", "xyz00_wp", "db-Pass-4!", "SHOW TABLES");
    assert!(empty.0 && empty.1.trim().is_empty(), "{empty:?}");

    // Cancel locks the users; purge drops the databases; abc00 stays as it was.
    t.ok(&["package", "cancel", "xyz00", "--date", "2026-05-31", "--yes"]);
    t.ok(&["apply"]);
    assert!(!psql(d, "xyz00_app", "xyz00_app", "db-Pass-3!", "SELECT 1").0);
    assert!(!mariadb(d, "xyz00_wp", "xyz00_wp", "db-Pass-4!", "SELECT 1").0);
    t.ok(&["package", "purge", "xyz00", "--yes"]);
    t.ok(&["apply"]);
    let pg = t.sh("h1", "cd / && printf 'SELECT datname FROM pg_database ORDER BY 1;\\n' | runuser -u postgres -- psql -XAt");
    let my = t.sh("h1", "printf 'SHOW DATABASES;\\n' | mariadb -NB");
    assert!(!pg.contains("xyz00_app") && pg.contains("abc00_app"), "{pg}");
    assert!(!my.contains("xyz00_wp") && my.contains("abc00_wp"), "{my}");
    assert!(psql(d, "abc00_app", "abc00_app", PG_PW, "SELECT 1").0);
}

#[test]
fn a_user_hsadmin_did_not_create_is_left_alone() {
    let t = Robot::new();
    t.ok(&["server", "update", "h1", "--role", "web,mariadb,postgresql"]);
    t.ok(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    // Somebody made xyz00_wp by hand, with a password of their own.
    t.sh("h1", "printf \"CREATE USER 'xyz00_wp'@'%%' IDENTIFIED BY 'Hand-Made-1';\\n\" | mariadb");
    t.ok_with(&["db", "user", "add", "xyz00_wp", "--engine", "mariadb", "--password-stdin"], Some(&format!("{MY_PW}\n")));
    let r = t.run(&["--json", "apply"]);
    assert!(r.stderr.contains("user xyz00_wp exists on the server but hsadmin did not create it"), "{}", r.stderr);
    let dir = tempfile::tempdir().unwrap();
    assert!(mariadb(dir.path(), "xyz00_wp", "", "Hand-Made-1", "SELECT 1").0, "its password is as it was");
    assert!(!mariadb(dir.path(), "xyz00_wp", "", MY_PW, "SELECT 1").0);
}
