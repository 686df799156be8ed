//! Destructive commands through the real binary: they validate first, list what would go, then ask.
//! Without a terminal they refuse unless given --yes; at a pseudo-terminal (util-linux `script`) an `n`
//! aborts, a `y` removes, and `package purge` wants the package name typed. Effects are read from the ledger.
mod common;
use common::{Run, TODAY, TestEnv};
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// The seeded fixture with user xyz00-web, its two cron jobs and the domain example.org.
fn hosting() -> TestEnv {
    let env = TestEnv::seeded();
    env.ok(&["user", "add", "xyz00-web"]);
    env.ok(&["cron", "add", "--user", "xyz00-web", "--schedule", "*/5 * * * *", "--command", "php cron.php"]);
    env.ok(&["cron", "add", "--user", "xyz00-web", "--schedule", "0 3 * * *", "--command", "backup.sh"]);
    env.ok(&["domain", "add", "example.org", "--package", "xyz00", "--subdomains", "blog"]);
    env
}

/// `hosting()` with xyz00 cancelled as of yesterday, so that it can be purged.
fn ended() -> TestEnv {
    let env = hosting();
    env.ok(&["package", "cancel", "xyz00", "--date", "2026-05-31", "--yes"]);
    env
}

fn quote(arg: &str) -> String {
    format!("'{}'", arg.replace('\'', r"'\''"))
}

/// Runs hsadmin at a pseudo-terminal (`script -qec CMD /dev/null`) with `input` typed into it. Its stdout
/// and stderr both arrive in `stdout` (the terminal), carriage returns removed.
fn at_terminal(env: &TestEnv, args: &[&str], input: &str) -> Run {
    let bin = std::env::var_os("HSADMIN_BIN").map_or_else(|| assert_cmd::cargo::cargo_bin("hsadmin"), std::path::PathBuf::from);
    let line = std::iter::once(bin.display().to_string()).chain(args.iter().map(|a| a.to_string())).map(|a| quote(&a)).collect::<Vec<_>>().join(" ");
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .envs(env.vars())
        .current_dir(env.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux script runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).replace('\r', "");
    Run { code: out.status.code().unwrap_or(-1), stdout: text(&out.stdout), stderr: text(&out.stderr) }
}

/// Asserts that a run at the terminal was aborted by the answer, with the ledger as before.
fn aborted(env: &TestEnv, args: &[&str], input: &str) -> Run {
    let before = env.dump();
    let r = at_terminal(env, args, input);
    assert_eq!(r.code, 1, "{args:?} with {input:?} should abort:\n{}", r.stdout);
    assert!(r.stdout.contains("aborted, nothing changed"), "{}", r.stdout);
    assert_eq!(env.dump(), before, "{args:?} was aborted but changed the ledger");
    r
}

/// Asserts that a run at the terminal succeeded.
fn confirmed(env: &TestEnv, args: &[&str], input: &str) -> Run {
    let r = at_terminal(env, args, input);
    assert_eq!(r.code, 0, "{args:?} with {input:?} failed:\n{}", r.stdout);
    r
}

/// Runs without a terminal and without --yes: exit 2 naming --yes, the ledger as before. Returns the
/// message and stderr.
fn refused_without_terminal(env: &TestEnv, args: &[&str]) -> (String, String) {
    let before = env.dump();
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let r = env.run(&all);
    assert_eq!(r.code, 2, "{all:?}: expected exit 2, got {}:\n{}\n{}", r.code, r.stdout, r.stderr);
    let e = r.json()["error"].clone();
    assert_eq!(e["field"], "--yes", "{e}");
    assert_eq!(env.dump(), before, "{all:?} was refused but changed the ledger");
    let message = e["message"].as_str().unwrap().to_owned();
    assert!(message.contains("stdin is not a terminal"), "{message}");
    (message, r.stderr)
}

fn count(env: &TestEnv, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open_with_flags(&env.ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn users_of_xyz00(env: &TestEnv) -> i64 {
    count(env, "SELECT count(*) FROM unix_user WHERE package = 'xyz00'")
}

fn cron_jobs(env: &TestEnv) -> i64 {
    count(env, "SELECT count(*) FROM cron_job")
}

fn package(env: &TestEnv) -> Value {
    env.json(&["package", "show", "xyz00"])
}

// ---------------------------------------------------------------------------------------------
// Without a terminal
// ---------------------------------------------------------------------------------------------

#[test]
fn the_refusal_names_yes_and_what_would_go() {
    let env = hosting();
    env.ok(&["domain", "update", "example.org", "--user", "xyz00"]);
    let (message, stderr) = refused_without_terminal(&env, &["user", "remove", "xyz00-web"]);
    assert!(message.ends_with("give --yes to remove user xyz00-web and its 2 cron jobs"), "{message}");
    assert!(stderr.contains("error: invalid --yes: is required when stdin is not a terminal"), "{stderr}");
    assert!(stderr.contains("cron job 1: */5 * * * * php cron.php"), "{stderr}");
    assert!(stderr.contains("cron job 2: 0 3 * * * backup.sh"), "{stderr}");
    assert_eq!(cron_jobs(&env), 2);
}

#[test]
fn each_destructive_verb_refuses_without_a_terminal_and_says_what() {
    let env = ended();
    let cases: [(&[&str], &str); 4] = [
        (&["package", "purge", "xyz00"], "give --yes to purge package xyz00 and delete its data on server h1 for good"),
        (&["domain", "remove", "example.org"], "give --yes to delete domain example.org from package xyz00"),
        (&["cron", "remove", "2"], "give --yes to remove cron job 2 of xyz00-web"),
        (&["member", "leave", "10001", "--date", "2026-06-30"], "give --yes to end the membership of 10001 (Erika Mustermann) on 2026-06-30 as CANCELLED"),
    ];
    for (args, expected) in cases {
        let (message, _) = refused_without_terminal(&env, args);
        assert!(message.ends_with(expected), "{args:?}: {message}");
    }
    env.ok(&["server", "add", "h2", "--address", "127.0.0.12", "--role", "web"]);
    let (message, stderr) = refused_without_terminal(&env, &["server", "remove", "h2"]);
    assert!(message.ends_with("give --yes to remove server h2 from the ledger"), "{message}");
    assert!(stderr.contains("server h2 at 127.0.0.12:22 (web)"), "{stderr}");
}

#[test]
fn invalid_input_fails_before_any_question() {
    let env = hosting();
    // Without a terminal: the rule that was broken, not --yes.
    let e = env.refused(&["user", "remove", "xyz00"], 2);
    assert_eq!(e["field"], "name", "{e}");
    let e = env.refused(&["package", "purge", "xyz00"], 4);
    assert!(e["message"].as_str().unwrap().contains("has not ended"), "{e}");
    env.refused(&["cron", "remove", "99"], 1);
    // At a terminal: no question either.
    let before = env.dump();
    for (args, code) in
        [(&["user", "remove", "xyz00"][..], 2), (&["package", "purge", "xyz00"], 4), (&["package", "cancel", "xyz00", "--date", "2025-12-31"], 2)]
    {
        let r = at_terminal(&env, args, "y\n");
        assert_eq!(r.code, code, "{args:?}:\n{}", r.stdout);
        assert!(!r.stdout.contains("[y/N]") && !r.stdout.contains("Type xyz00"), "{args:?} asked:\n{}", r.stdout);
    }
    assert_eq!(env.dump(), before);
}

#[test]
fn yes_and_dry_run_ask_nothing() {
    let env = ended();
    let before = env.dump();
    let r = env.run(&["package", "purge", "xyz00", "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("This would purge package xyz00"), "{}", r.stderr);
    assert!(r.stderr.contains("Would purge package xyz00"), "{}", r.stderr);
    assert_eq!(env.dump(), before, "a dry run changed the ledger");
    env.ok(&["package", "purge", "xyz00", "--yes"]);
    assert_eq!(users_of_xyz00(&env), 0);
    assert_eq!(package(&env)["purged_at"], TODAY);
}

// ---------------------------------------------------------------------------------------------
// At a terminal
// ---------------------------------------------------------------------------------------------

#[test]
fn user_remove_lists_the_cron_jobs_and_n_aborts() {
    let env = hosting();
    let r = aborted(&env, &["user", "remove", "xyz00-web"], "n\n");
    assert!(r.stdout.contains("This would remove user xyz00-web and its 2 cron jobs:"), "{}", r.stdout);
    assert!(r.stdout.contains("user xyz00-web (uid 100001) of package xyz00"), "{}", r.stdout);
    assert!(r.stdout.contains("cron job 1: */5 * * * * php cron.php"), "{}", r.stdout);
    assert!(r.stdout.contains("Remove user xyz00-web and its 2 cron jobs? [y/N]"), "{}", r.stdout);
    // Anything but y is a no, an empty answer too.
    aborted(&env, &["user", "remove", "xyz00-web"], "\n");
    aborted(&env, &["user", "remove", "xyz00-web"], "yep\n");
}

#[test]
fn user_remove_y_removes_the_user_and_its_cron_jobs() {
    let env = hosting();
    env.ok(&["domain", "update", "example.org", "--user", "xyz00"]);
    let r = confirmed(&env, &["user", "remove", "xyz00-web"], "y\n");
    assert!(r.stdout.contains("Removed user xyz00-web and 2 cron jobs"), "{}", r.stdout);
    assert_eq!(users_of_xyz00(&env), 1);
    assert_eq!(cron_jobs(&env), 0);
}

#[test]
fn package_cancel_lists_what_stops_and_y_cancels() {
    let env = hosting();
    aborted(&env, &["package", "cancel", "xyz00", "--date", "2026-06-30"], "n\n");
    let r = confirmed(&env, &["package", "cancel", "xyz00", "--date", "2026-06-30"], "y\n");
    for line in [
        "This would cancel package xyz00 as of 2026-06-30:",
        "locks user xyz00 (uid 100000)",
        "locks user xyz00-web (uid 100001)",
        "stops serving domain example.org",
        "stops cron job 2 of xyz00-web: 0 3 * * * backup.sh",
        "Cancel package xyz00 as of 2026-06-30? [y/N]",
    ] {
        assert!(r.stdout.contains(line), "no {line:?} in:\n{}", r.stdout);
    }
    assert_eq!(package(&env)["valid_to"], "2026-06-30");
}

#[test]
fn package_purge_wants_the_name_typed() {
    let env = ended();
    let r = aborted(&env, &["package", "purge", "xyz00"], "y\n");
    for line in [
        "user xyz00-web (uid 100001), home /home/pacs/xyz00/users/web",
        "domain example.org and its web server set-up",
        "cron job 1 of xyz00-web: */5 * * * * php cron.php",
        "/home/pacs/xyz00 on h1 and everything in it",
        "Type xyz00 to confirm:",
    ] {
        assert!(r.stdout.contains(line), "no {line:?} in:\n{}", r.stdout);
    }
    aborted(&env, &["package", "purge", "xyz00"], "xyz01\n");
    aborted(&env, &["package", "purge", "xyz00"], "XYZ00\n");
    confirmed(&env, &["package", "purge", "xyz00"], "xyz00\n");
    assert_eq!(package(&env)["purged_at"], TODAY);
    assert_eq!(users_of_xyz00(&env), 0);
    assert_eq!(cron_jobs(&env), 0);
    assert_eq!(count(&env, "SELECT count(*) FROM domain"), 0);
}

#[test]
fn member_leave_lists_the_packages_that_end() {
    let env = ended();
    let r = aborted(&env, &["member", "leave", "10001", "--date", "2026-06-30"], "n\n");
    assert!(r.stdout.contains("package xyz00 on server h1 ends on 2026-05-31"), "{}", r.stdout);
    confirmed(&env, &["member", "leave", "10001", "--date", "2026-06-30"], "y\n");
    let m = env.json(&["member", "show", "10001"]);
    assert_eq!((m["until"].as_str(), m["status"].as_str()), (Some("2026-06-30"), Some("CANCELLED")));
}

#[test]
fn domain_cron_and_server_remove_ask_and_go() {
    let env = hosting();
    let r = aborted(&env, &["domain", "remove", "example.org"], "n\n");
    assert!(r.stdout.contains("and its subdomains blog"), "{}", r.stdout);
    assert!(r.stdout.contains("the files in /home/pacs/xyz00/doms/example.org stay"), "{}", r.stdout);
    confirmed(&env, &["domain", "remove", "example.org"], "y\n");
    assert_eq!(count(&env, "SELECT count(*) FROM domain"), 0);

    let r = aborted(&env, &["cron", "remove", "1"], "n\n");
    assert!(r.stdout.contains("cron job 1 of xyz00-web: */5 * * * * php cron.php"), "{}", r.stdout);
    confirmed(&env, &["cron", "remove", "1"], "y\n");
    assert_eq!(count(&env, "SELECT count(*) FROM cron_job WHERE id = 1"), 0);
    assert_eq!(cron_jobs(&env), 1);

    env.ok(&["server", "add", "h2", "--address", "127.0.0.12", "--role", "web"]);
    aborted(&env, &["server", "remove", "h2"], "n\n");
    confirmed(&env, &["server", "remove", "h2"], "y\n");
    assert_eq!(count(&env, "SELECT count(*) FROM server WHERE name = 'h2'"), 0);
}
