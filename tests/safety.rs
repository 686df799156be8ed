//! Hostile input and concurrent writers: bad input changes nothing, and no update is ever lost.
mod common;
use common::TestEnv;

/// Names that must never get past validation: shell metacharacters, newlines, paths, overlong, look-alikes.
const HOSTILE_NAMES: &[&str] = &[
    "xyz00;rm -rf /",
    "xyz00$(touch /tmp/hsadmin-pwned)",
    "xyz00`id`",
    "xyz00|cat /etc/shadow",
    "xyz00&&reboot",
    "xyz00\nFORGED: line",
    "xyz00\r",
    "../../etc/passwd",
    "xyz00/../../root",
    "xyz00-..",
    "'; DROP TABLE member; --",
    "\"xyz00\"",
    "xyz00 ",
    "хyz00",         // Cyrillic х
    "xyz00-wеb",     // Cyrillic е
    "xyz00\u{200B}", // zero-width space
    "xyz00\u{202E}", // right-to-left override
    "ｘｙｚ００",    // full-width
    "%s%n%x",
    "*",
];

fn overlong() -> String {
    "x".repeat(10_000)
}

/// Every command that takes a name, with `{}` where the hostile value goes.
const NAME_COMMANDS: &[&[&str]] = &[
    &["member", "add", "--number", "10002", "--prefix", "{}", "--name", "X Y", "--email", "x@example.org"],
    &["member", "add", "--number", "{}", "--prefix", "abc", "--name", "X Y", "--email", "x@example.org"],
    &["member", "add", "--number", "10002", "--prefix", "abc", "--name", "X Y", "--email", "{}"],
    &["member", "add", "--number", "10002", "--prefix", "abc", "--name", "X Y", "--email", "x@example.org", "--since", "{}"],
    &["member", "show", "{}"],
    &["member", "update", "{}", "--name", "Z"],
    &["member", "leave", "{}", "--date", "2026-12-31", "--yes"],
    &["member", "statement", "{}"],
    &["share", "subscribe", "{}", "--count", "1", "--date", "2026-02-01", "--reference", "SUB-2026-0002"],
    &["share", "subscribe", "10001", "--count", "1", "--date", "{}", "--reference", "SUB-2026-0002"],
    &["asset", "deposit", "{}", "--amount", "1.00", "--date", "2026-02-01", "--reference", "PAY-2026-0002"],
    &["asset", "deposit", "10001", "--amount", "{}", "--date", "2026-02-01", "--reference", "PAY-2026-0002"],
    &["asset", "transfer", "10001", "--to", "{}", "--amount", "1.00", "--date", "2026-02-01", "--reference", "TRF-2026-0002"],
    &["server", "add", "{}", "--address", "127.0.0.12", "--role", "web"],
    &["server", "add", "h2", "--address", "{}", "--role", "web"],
    &["server", "add", "h2", "--address", "127.0.0.12", "--role", "{}"],
    &["server", "add", "h2", "--address", "127.0.0.12", "--role", "web", "--ipv4", "{}"],
    &["server", "show", "{}"],
    &["server", "remove", "{}", "--yes"],
    &["package", "create", "{}", "--member", "10001", "--product", "DW/SA", "--server", "h1"],
    &["package", "create", "xyz01", "--member", "10001", "--product", "{}", "--server", "h1"],
    &["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "{}"],
    &["package", "show", "{}"],
    &["package", "update", "{}", "--traffic-gb", "20"],
    &["package", "cancel", "{}", "--date", "2026-12-31", "--yes"],
    &["package", "list", "--server", "{}"],
    &["user", "add", "{}"],
    &["user", "add", "xyz00-web", "--shell", "{}"],
    &["user", "show", "{}"],
    &["user", "update", "{}", "--locked", "true"],
    &["user", "remove", "{}", "--yes"],
    &["user", "list", "--package", "{}"],
    &["cron", "add", "--user", "{}", "--schedule", "* * * * *", "--command", "true"],
    &["cron", "add", "--user", "xyz00", "--schedule", "{}", "--command", "true"],
    &["cron", "list", "--user", "{}"],
    &["log", "--entity", "{}"],
    &["domain", "add", "{}", "--package", "xyz00"],
    &["domain", "add", "example.org", "--package", "{}"],
    &["domain", "add", "example.org", "--package", "xyz00", "--user", "{}"],
    &["domain", "add", "example.org", "--package", "xyz00", "--subdomains", "{}"],
    &["domain", "show", "{}"],
    &["domain", "update", "{}", "--php", "false"],
    &["domain", "update", "example.org", "--user", "{}"],
    &["domain", "update", "example.org", "--subdomains", "{}"],
    &["domain", "update", "example.org", "--add-subdomain", "{}"],
    &["domain", "update", "example.org", "--remove-subdomain", "{}"],
    &["domain", "delete", "{}", "--yes"],
    &["domain", "list", "--package", "{}"],
];

fn with(template: &[&str], value: &str) -> Vec<String> {
    template.iter().map(|a| if *a == "{}" { value.to_owned() } else { (*a).to_owned() }).collect()
}

#[test]
fn hostile_names_are_refused_with_exit_2_and_change_nothing() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let long = overlong();
    for template in NAME_COMMANDS {
        for value in HOSTILE_NAMES.iter().copied().chain([long.as_str()]) {
            let args = with(template, value);
            let mut all = vec!["--json".to_owned()];
            all.extend(args.iter().cloned());
            let refs: Vec<&str> = all.iter().map(String::as_str).collect();
            let r = env.run(&refs);
            assert_eq!(r.code, 2, "{args:?} exited {} (stdout {}, stderr {})", r.code, r.stdout, r.stderr);
            let doc = r.json();
            assert_eq!(doc["error"]["kind"], "invalid", "{args:?}: {doc}");
            assert!(doc["error"]["field"].is_string(), "{args:?}: the error names no field: {doc}");
            assert!(!r.stderr.contains("\nFORGED"), "{args:?}: a raw newline from the input reached the terminal: {}", r.stderr);
            assert!(r.stderr.len() < 2000, "{args:?}: the error echoes overlong input: {} bytes", r.stderr.len());
        }
    }
    assert_eq!(env.dump(), before, "a refused command changed the ledger");
    assert!(!std::path::Path::new("/tmp/hsadmin-pwned").exists());
}

/// Free text may contain quotes and `$()` (it is data, never shell text), but never a line break or control character.
#[test]
fn free_text_refuses_line_breaks_controls_and_overlong() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let long = overlong();
    let bad = ["Erika\nMustermann", "Erika\rX", "Erika\u{1b}[31m", "Erika\u{202E}", long.as_str(), "   "];
    for value in bad {
        for template in [
            &["member", "update", "10001", "--name", "{}"][..],
            &["member", "update", "10001", "--street", "{}"],
            &["share", "subscribe", "10001", "--count", "1", "--date", "2026-02-01", "--reference", "{}"],
            &["asset", "deposit", "10001", "--amount", "1.00", "--date", "2026-02-01", "--reference", "PAY-2026-0009", "--comment", "{}"],
            &["cron", "add", "--user", "xyz00", "--schedule", "* * * * *", "--command", "{}"],
            &["package", "update", "xyz00", "--comment", "{}"],
        ] {
            let args = with(template, value);
            let refs: Vec<&str> = std::iter::once("--json").chain(args.iter().map(String::as_str)).collect();
            let r = env.run(&refs);
            assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
            assert_eq!(r.json()["error"]["kind"], "invalid");
        }
    }
    assert_eq!(env.dump(), before);
    // Quotes and `$()` in free text are only data.
    env.ok(&["member", "update", "10001", "--name", "O'Brien \"$(id)\" & Söhne"]);
    assert_eq!(env.json(&["member", "show", "10001"])["name"], "O'Brien \"$(id)\" & Söhne");
}

#[test]
fn usage_errors_are_json_with_exit_2() {
    let env = TestEnv::seeded();
    let r = env.run(&["--json", "member", "add", "--number", "10002"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.json()["error"]["kind"], "usage");
    let r = env.run(&["--json", "no-such-command"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.json()["error"]["kind"], "usage");
    let r = env.run(&["--json", "share", "subscribe", "10001", "--count", "many", "--date", "2026-01-01", "--reference", "SUB-2026-0003"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.json()["error"]["kind"], "usage");
}

fn spawn(env: &TestEnv, args: &[String]) -> std::process::Child {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("hsadmin"));
    c.env("HSADMIN_CONFIG", &env.config)
        .env("HSADMIN_LEDGER", &env.ledger)
        .env("HSADMIN_TODAY", common::TODAY)
        .env("NO_COLOR", "1")
        .env("HSADMIN_NO_APPLY", "1");
    c.args(args).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap()
}

#[test]
fn parallel_writers_lose_nothing() {
    let env = TestEnv::seeded();
    // Eight processes each create a package, while eight more each subscribe one share, all at once.
    let mut children = Vec::new();
    for i in 1..=8 {
        let name = format!("xyz{i:02}");
        children
            .push((name.clone(), spawn(&env, &["package", "create", &name, "--member", "10001", "--product", "DW/SA", "--server", "h1"].map(String::from))));
        let reference = format!("SUB-PAR-{i:04}");
        children.push((
            reference.clone(),
            spawn(&env, &["share", "subscribe", "10001", "--count", "1", "--date", "2026-03-01", "--reference", &reference].map(String::from)),
        ));
    }
    for (what, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let packages = env.json(&["package", "list"]);
    assert_eq!(packages.as_array().unwrap().len(), 9, "{packages}");
    assert_eq!(env.json(&["member", "show", "10001"])["shares"], 2 + 8);
    let users = env.json(&["user", "list"]);
    let mut uids: Vec<i64> = users.as_array().unwrap().iter().map(|u| u["uid"].as_i64().unwrap()).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 9, "uids collided: {users}");
    // One audit row per change, none lost.
    assert_eq!(env.json(&["log", "--entity", "package"]).as_array().unwrap().len(), 9);
}

#[test]
fn racing_for_the_same_name_one_wins_the_others_conflict() {
    let env = TestEnv::seeded();
    let children: Vec<_> = (0..6)
        .map(|_| spawn(&env, &["--json", "package", "create", "xyz42", "--member", "10001", "--product", "DW/SA", "--server", "h1"].map(String::from)))
        .collect();
    let codes: Vec<i32> = children.into_iter().map(|c| c.wait_with_output().unwrap().status.code().unwrap()).collect();
    assert_eq!(codes.iter().filter(|&&c| c == 0).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|&&c| c == 4).count(), 5, "{codes:?}");
    assert_eq!(env.json(&["package", "list"]).as_array().unwrap().len(), 2);
}
