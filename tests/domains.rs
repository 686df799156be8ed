//! CLI tests for `hsadmin domain add|update|delete|list|show` through the real binary: human and JSON
//! output, dry runs, internationalised names, look-alikes, limits, one-name-one-root, every error path.
mod common;
use common::{Run, TestEnv, field, row};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Runs a successful command in human mode and returns what it printed.
fn human(env: &TestEnv, args: &[&str]) -> Run {
    let r = env.run(args);
    assert_eq!(r.code, 0, "hsadmin {args:?} failed with {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
    r
}

/// Asserts an invalid-input failure (exit 2) naming `field`, with the ledger unchanged; returns the message.
fn invalid(env: &TestEnv, args: &[&str], field: &str) -> String {
    let e = env.refused(args, 2);
    assert_eq!(e["kind"], "invalid", "{args:?}: {e}");
    assert_eq!(e["field"], field, "{args:?}: {e}");
    e["message"].as_str().unwrap().to_owned()
}

/// Asserts a conflict (exit 4) with the ledger unchanged; returns the message.
fn conflict(env: &TestEnv, args: &[&str]) -> String {
    let e = env.refused(args, 4);
    assert_eq!(e["kind"], "conflict", "{args:?}: {e}");
    assert!(e.get("field").is_none(), "{e}");
    e["message"].as_str().unwrap().to_owned()
}

/// Asserts a not-found failure (exit 1) with the ledger unchanged; returns the message.
fn not_found(env: &TestEnv, args: &[&str]) -> String {
    let e = env.refused(args, 1);
    assert_eq!(e["kind"], "not_found", "{args:?}: {e}");
    e["message"].as_str().unwrap().to_owned()
}

fn names(v: &Value) -> Vec<String> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}")).iter().map(|x| x["name"].as_str().unwrap().to_owned()).collect()
}

/// The seeded environment with the package user xyz00-web.
fn with_web_user() -> TestEnv {
    let env = TestEnv::seeded();
    env.ok(&["user", "add", "xyz00-web"]);
    env
}

fn domain_log(env: &TestEnv) -> Vec<Value> {
    env.json(&["log", "--entity", "domain"]).as_array().unwrap().clone()
}

/// A second package of the same member, with its own user.
fn add_xyz01(env: &TestEnv) {
    env.ok(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-02-01"]);
    env.ok(&["user", "add", "xyz01-web"]);
}

/// Sets a column of a domain row directly in the ledger (for states no command produces yet).
fn set_column(env: &TestEnv, domain: &str, column: &str, value: &str) {
    let conn = rusqlite::Connection::open(&env.ledger).unwrap();
    conn.execute(&format!("UPDATE domain SET {column} = ?2 WHERE name = ?1"), [domain, value]).unwrap();
}

// ---------------------------------------------------------------------------------------------
// domain add
// ---------------------------------------------------------------------------------------------

#[test]
fn add_with_the_issues_invocation_prints_the_domain_and_a_status_line() {
    let env = with_web_user();
    let r = human(&env, &["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz00-web"]);
    assert_eq!(field(&r.stdout, "name"), "example.org");
    assert_eq!(field(&r.stdout, "package"), "xyz00");
    assert_eq!(field(&r.stdout, "user"), "xyz00-web");
    assert_eq!(field(&r.stdout, "subdomains"), "-");
    assert_eq!(field(&r.stdout, "cgi"), "no");
    assert_eq!(field(&r.stdout, "php"), "yes");
    assert_eq!(field(&r.stdout, "indexes"), "yes");
    assert_eq!(field(&r.stdout, "https"), "no");
    assert_eq!(field(&r.stdout, "registration"), "none");
    assert_eq!(field(&r.stdout, "registrar handle"), "-");
    assert_eq!(field(&r.stdout, "since"), common::TODAY);
    assert_eq!(field(&r.stdout, "document root"), "/home/pacs/xyz00/users/web/doms/example.org/htdocs");
    assert!(!r.stdout.contains("subdomain roots"), "{}", r.stdout);
    assert!(r.stderr.contains("Added domain example.org to package xyz00 (user xyz00-web)"), "{}", r.stderr);
}

#[test]
fn add_json_carries_every_field_with_the_defaults() {
    let env = with_web_user();
    let d = env.json(&["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz00-web"]);
    assert_eq!(
        d,
        json!({
            "name": "example.org",
            "unicode": "example.org",
            "package": "xyz00",
            "user": "xyz00-web",
            "hosted": true,
            "subdomains": [],
            "cgi": false,
            "php": true,
            "indexes": true,
            "https": false,
            "registration": "none",
            "registrar_handle": null,
            "since": "2026-06-01",
            "expires": null,
            "registrant_handle": null,
            "registry_status": null,
            "mail": true,
            "document_root": "/home/pacs/xyz00/users/web/doms/example.org/htdocs"
        })
    );
    assert_eq!(env.json(&["domain", "show", "example.org"]), d);
}

#[test]
fn add_defaults_the_user_to_the_package_admin() {
    let env = TestEnv::seeded();
    let d = env.json(&["domain", "add", "example.org", "--package", "xyz00"]);
    assert_eq!(d["user"], "xyz00");
    assert_eq!(d["document_root"], "/home/pacs/xyz00/doms/example.org/htdocs");
}

#[test]
fn add_takes_options_and_sorts_subdomains_without_duplicates() {
    let env = TestEnv::seeded();
    let r = human(
        &env,
        &[
            "domain",
            "add",
            "example.org",
            "--package",
            "xyz00",
            "--subdomains",
            "shop,blog,shop",
            "--cgi",
            "true",
            "--php",
            "false",
            "--indexes",
            "false",
            "--https",
            "true",
        ],
    );
    assert_eq!(field(&r.stdout, "subdomains"), "blog,shop");
    assert_eq!(field(&r.stdout, "subdomain roots"), "/home/pacs/xyz00/doms/example.org/subs/<subdomain>");
    let d = env.json(&["domain", "show", "example.org"]);
    assert_eq!(d["subdomains"], json!(["blog", "shop"]));
    assert_eq!((&d["cgi"], &d["php"], &d["indexes"], &d["https"]), (&json!(true), &json!(false), &json!(false), &json!(true)));
}

#[test]
fn add_normalises_case_and_a_trailing_dot() {
    let env = TestEnv::seeded();
    let d = env.json(&["domain", "add", "Example.ORG.", "--package", "xyz00"]);
    assert_eq!(d["name"], "example.org");
    assert_eq!(env.json(&["domain", "show", "EXAMPLE.org"])["name"], "example.org");
}

#[test]
fn add_dry_run_shows_the_domain_and_commits_nothing() {
    let env = TestEnv::seeded();
    let d = env.dry_run(&["domain", "add", "example.org", "--package", "xyz00", "--subdomains", "blog"]);
    assert_eq!(d["name"], "example.org");
    assert_eq!(d["subdomains"], json!(["blog"]));
    assert_eq!(env.json(&["domain", "list"]), json!([]));
    assert!(domain_log(&env).is_empty());
}

#[test]
fn add_refuses_a_dry_run_that_would_fail() {
    let env = TestEnv::seeded();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    conflict(&env, &["domain", "add", "example.org", "--package", "xyz00", "--dry-run"]);
}

#[test]
fn add_stores_an_idn_in_ascii_and_shows_its_unicode_form() {
    let env = TestEnv::seeded();
    let r = human(&env, &["domain", "add", "müller.de", "--package", "xyz00"]);
    assert_eq!(field(&r.stdout, "name"), "xn--mller-kva.de (müller.de)");
    assert_eq!(field(&r.stdout, "document root"), "/home/pacs/xyz00/doms/xn--mller-kva.de/htdocs");
    assert!(r.stderr.contains("Added domain xn--mller-kva.de (müller.de) to package xyz00"), "{}", r.stderr);
    // Stored in its ASCII form.
    let conn = rusqlite::Connection::open_with_flags(&env.ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let stored: Vec<String> = conn.prepare("SELECT name FROM domain").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(stored, ["xn--mller-kva.de"]);
    // Found by either form.
    let d = env.json(&["domain", "show", "xn--mller-kva.de"]);
    assert_eq!(d["name"], "xn--mller-kva.de");
    assert_eq!(d["unicode"], "müller.de");
    assert_eq!(env.json(&["domain", "show", "MÜLLER.de"]), d);
    let shown = human(&env, &["domain", "show", "müller.de"]);
    assert_eq!(field(&shown.stdout, "name"), "xn--mller-kva.de (müller.de)");
    let list = human(&env, &["domain", "list"]);
    assert_eq!(row(&list.stdout, "xn--mller-kva.de (müller.de)")[1], "xyz00");
    // The same name in its other form is a duplicate.
    let msg = conflict(&env, &["domain", "add", "xn--mller-kva.de", "--package", "xyz00"]);
    assert!(msg.contains("already exists"), "{msg}");
}

#[test]
fn add_accepts_a_name_wholly_in_another_script() {
    let env = TestEnv::seeded();
    let d = env.json(&["domain", "add", "пример.рф", "--package", "xyz00"]);
    assert_eq!(d["name"], "xn--e1afmkfd.xn--p1ai");
    assert_eq!(d["unicode"], "пример.рф");
}

#[test]
fn add_refuses_a_look_alike_with_mixed_scripts() {
    let env = TestEnv::seeded();
    let msg = invalid(&env, &["domain", "add", "ex\u{0430}mple.org", "--package", "xyz00"], "name");
    assert!(msg.contains("look-alike"), "{msg}");
    // The message shows the offending name escaped, so the look-alike is visible.
    assert!(msg.contains("\\u{430}"), "{msg}");
}

#[test]
fn add_refuses_invalid_and_hostile_domain_names() {
    let env = TestEnv::seeded();
    let long_label = format!("{}.org", "a".repeat(64));
    let long_name = format!("{}.org", ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(63)].join("."));
    for bad in [
        "",
        "org",
        "example",
        "-a.org",
        "a-.org",
        "a..org",
        ".example.org",
        "exa mple.org",
        "example.org;id",
        "$(id).org",
        "`id`.org",
        "../etc",
        "a/b.org",
        "example.org\n",
        "example.org\nFORGED",
        "*.example.org",
        "_dmarc.example.org",
        "co.uk",
        "hostsharing.net",
        "www.hostsharing.net",
        "1.2.3.4",
        "example.org\u{202E}",
        long_label.as_str(),
        long_name.as_str(),
    ] {
        // After `--`, so that a name starting with '-' reaches hsadmin rather than clap's option parser.
        let r = env.run(&["--json", "domain", "add", "--package", "xyz00", "--", bad]);
        assert_eq!(r.code, 2, "{bad:?} exited {}: {}", r.code, r.stderr);
        let e = &r.json()["error"];
        assert_eq!(e["field"], "name", "{bad:?}: {e}");
        assert!(!r.stderr.contains("\nFORGED"), "{bad:?}: raw newline reached the terminal: {}", r.stderr);
    }
    assert_eq!(env.json(&["domain", "list"]), json!([]));
    // IDNA (UTS 46) would map invisible characters like a zero-width space away; hsadmin refuses them.
    assert_eq!(env.fails(&["domain", "add", "exa\u{200B}mple.org", "--package", "xyz00"], 2)["field"], "name");
    assert_eq!(env.json(&["domain", "list"]), json!([]));
}

#[test]
fn add_names_the_field_of_each_invalid_value() {
    let env = TestEnv::seeded();
    invalid(&env, &["domain", "add", "example.org", "--package", "xyz0"], "package");
    invalid(&env, &["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz00-"], "user");
    invalid(&env, &["domain", "add", "example.org", "--package", "xyz00", "--user", "Xyz00-web"], "user");
    for bad in ["www", "a.b", "Blog", "-x", "blog,*", "blog, shop", "b_log"] {
        let msg = invalid(&env, &["domain", "add", "example.org", "--package", "xyz00", &format!("--subdomains={bad}")], "subdomains");
        assert!(msg.contains("subdomain label"), "{bad:?}: {msg}");
    }
    let many: Vec<String> = (0..101).map(|i| format!("s{i}")).collect();
    let msg = invalid(&env, &["domain", "add", "example.org", "--package", "xyz00", "--subdomains", &many.join(",")], "subdomains");
    assert!(msg.contains("at most 100"), "{msg}");
}

#[test]
fn add_refuses_bad_booleans_as_usage_errors() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let r = env.run(&["--json", "domain", "add", "example.org", "--package", "xyz00", "--php", "maybe"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.json()["error"]["kind"], "usage");
    let r = env.run(&["--json", "domain", "add", "example.org"]);
    assert_eq!(r.code, 2, "--package is required");
    assert_eq!(env.dump(), before);
}

#[test]
fn add_refuses_a_user_of_another_package() {
    let env = TestEnv::seeded();
    add_xyz01(&env);
    let msg = invalid(&env, &["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz01-web"], "user");
    assert!(msg.contains("belongs to package xyz01, not to xyz00"), "{msg}");
    // Also when that package does not exist at all: the pair is wrong whatever the ledger holds.
    invalid(&env, &["domain", "add", "example.org", "--package", "xyz00", "--user", "abc00"], "user");
}

#[test]
fn add_fails_for_a_missing_package_or_user() {
    let env = TestEnv::seeded();
    let msg = not_found(&env, &["domain", "add", "example.org", "--package", "xyz07"]);
    assert_eq!(msg, "package xyz07 not found");
    let msg = not_found(&env, &["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz00-nobody"]);
    assert_eq!(msg, "user xyz00-nobody not found");
}

#[test]
fn add_refuses_a_cancelled_package() {
    let env = TestEnv::seeded();
    env.ok(&["package", "cancel", "xyz00", "--date", "2026-05-31", "--yes"]);
    let msg = conflict(&env, &["domain", "add", "example.org", "--package", "xyz00"]);
    assert!(msg.contains("cancelled as of 2026-05-31"), "{msg}");
}

#[test]
fn add_accepts_a_package_cancelled_for_a_later_date() {
    let env = TestEnv::seeded();
    env.ok(&["package", "cancel", "xyz00", "--date", "2026-12-31", "--yes"]);
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
}

#[test]
fn add_refuses_a_duplicate_even_on_another_package() {
    let env = TestEnv::seeded();
    add_xyz01(&env);
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    let msg = conflict(&env, &["domain", "add", "example.org", "--package", "xyz01"]);
    assert_eq!(msg, "domain example.org already exists (on package xyz00)");
}

#[test]
fn add_keeps_to_the_packages_domain_limit() {
    let env = TestEnv::seeded();
    env.ok(&["package", "update", "xyz00", "--domains", "2"]);
    env.ok(&["domain", "add", "a.example", "--package", "xyz00"]);
    env.ok(&["domain", "add", "b.example", "--package", "xyz00"]);
    let msg = conflict(&env, &["domain", "add", "c.example", "--package", "xyz00"]);
    assert!(msg.contains("package xyz00 already has its 2 domains"), "{msg}");
    assert!(msg.contains("`package update xyz00 --domains N`"), "{msg}");
    conflict(&env, &["domain", "add", "c.example", "--package", "xyz00", "--dry-run"]);
    // The limit is per package, and raising it helps.
    env.ok(&["package", "update", "xyz00", "--domains", "3"]);
    env.ok(&["domain", "add", "c.example", "--package", "xyz00"]);
    // A deleted domain frees its place.
    env.ok(&["domain", "delete", "a.example", "--yes"]);
    env.ok(&["domain", "add", "d.example", "--package", "xyz00"]);
    assert_eq!(names(&env.json(&["domain", "list"])), ["b.example", "c.example", "d.example"]);
}

#[test]
fn a_package_without_domains_gets_none() {
    let env = TestEnv::seeded();
    env.ok(&["package", "update", "xyz00", "--domains", "0"]);
    let msg = conflict(&env, &["domain", "add", "example.org", "--package", "xyz00"]);
    assert!(msg.contains("its 0 domains"), "{msg}");
}

#[test]
fn one_name_has_one_document_root() {
    let env = TestEnv::seeded();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00", "--subdomains", "blog"]);
    // A listed subdomain of an existing domain cannot become a domain of its own …
    let msg = conflict(&env, &["domain", "add", "blog.example.org", "--package", "xyz00"]);
    assert!(msg.contains("blog.example.org is already served by domain example.org"), "{msg}");
    assert!(msg.contains("domain update example.org --remove-subdomain blog"), "{msg}");
    // … nor can www.<domain>.
    let msg = conflict(&env, &["domain", "add", "www.example.org", "--package", "xyz00"]);
    assert!(msg.contains("www.example.org is already served by domain example.org"), "{msg}");
    // A name that is not a listed subdomain is fine.
    env.ok(&["domain", "add", "shop.example.org", "--package", "xyz00"]);
    // An existing domain cannot become a subdomain of another, neither on add …
    env.ok(&["domain", "add", "blog.example.net", "--package", "xyz00"]);
    let msg = conflict(&env, &["domain", "add", "example.net", "--package", "xyz00", "--subdomains", "blog,news"]);
    assert!(msg.contains("blog.example.net is already a domain of its own"), "{msg}");
    // … nor on update.
    let msg = conflict(&env, &["domain", "update", "example.org", "--add-subdomain", "shop"]);
    assert!(msg.contains("shop.example.org is already a domain of its own"), "{msg}");
    conflict(&env, &["domain", "update", "example.org", "--subdomains", "blog,shop"]);
    // And a domain cannot be added below an existing www.<name> domain.
    env.ok(&["domain", "add", "www.example.com", "--package", "xyz00"]);
    let msg = conflict(&env, &["domain", "add", "example.com", "--package", "xyz00"]);
    assert!(msg.contains("www.example.com is a domain of its own"), "{msg}");
    // Once the subdomain is gone, the name is free.
    env.ok(&["domain", "update", "example.org", "--remove-subdomain", "blog"]);
    env.ok(&["domain", "add", "blog.example.org", "--package", "xyz00"]);
}

#[test]
fn subdomains_must_make_a_valid_host_name() {
    let env = TestEnv::seeded();
    // 63 + 1 + 63 + 1 + 63 + 1 + 57 + 4 = 253 characters: the longest name, with no room for a subdomain.
    let name = format!("{}.{}.{}.{}.org", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(57));
    assert_eq!(name.len(), 253);
    let msg = invalid(&env, &["domain", "add", &name, "--package", "xyz00", "--subdomains", "blog"], "subdomains");
    assert!(msg.contains("longer than the 253 characters"), "{msg}");
    env.ok(&["domain", "add", &name, "--package", "xyz00"]);
    invalid(&env, &["domain", "update", &name, "--add-subdomain", "blog"], "add-subdomain");
    invalid(&env, &["domain", "update", &name, "--subdomains", "blog"], "subdomains");
}

// ---------------------------------------------------------------------------------------------
// domain update
// ---------------------------------------------------------------------------------------------

#[test]
fn update_changes_options_and_prints_the_domain() {
    let env = with_web_user();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    let r = human(&env, &["domain", "update", "example.org", "--user", "xyz00-web", "--cgi", "true", "--https", "true"]);
    assert_eq!(field(&r.stdout, "user"), "xyz00-web");
    assert_eq!(field(&r.stdout, "cgi"), "yes");
    assert_eq!(field(&r.stdout, "https"), "yes");
    assert_eq!(field(&r.stdout, "php"), "yes");
    assert_eq!(field(&r.stdout, "document root"), "/home/pacs/xyz00/users/web/doms/example.org/htdocs");
    assert!(r.stderr.contains("Updated domain example.org"), "{}", r.stderr);
    let d = env.json(&["domain", "update", "example.org", "--php", "false", "--indexes", "false"]);
    assert_eq!((&d["php"], &d["indexes"], &d["cgi"]), (&json!(false), &json!(false), &json!(true)));
    assert_eq!(d["since"], "2026-06-01");
    assert_eq!(env.json(&["domain", "show", "example.org"]), d);
}

#[test]
fn update_adds_removes_and_replaces_subdomains() {
    let env = TestEnv::seeded();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00", "--subdomains", "blog"]);
    let d = env.json(&["domain", "update", "example.org", "--add-subdomain", "shop", "--add-subdomain", "api", "--add-subdomain", "blog"]);
    assert_eq!(d["subdomains"], json!(["api", "blog", "shop"]));
    let d = env.json(&["domain", "update", "example.org", "--remove-subdomain", "blog", "--add-subdomain", "news"]);
    assert_eq!(d["subdomains"], json!(["api", "news", "shop"]));
    let d = env.json(&["domain", "update", "example.org", "--subdomains", "x,a,x"]);
    assert_eq!(d["subdomains"], json!(["a", "x"]));
    let d = env.json(&["domain", "update", "example.org", "--subdomains", ""]);
    assert_eq!(d["subdomains"], json!([]));
}

#[test]
fn update_with_nothing_to_change_writes_no_audit_row() {
    let env = TestEnv::seeded();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00", "--subdomains", "blog"]);
    let before = env.dump();
    let r = human(&env, &["domain", "update", "example.org", "--php", "true", "--add-subdomain", "blog"]);
    assert!(r.stderr.contains("Unchanged domain example.org (nothing to change)"), "{}", r.stderr);
    assert_eq!(field(&r.stdout, "subdomains"), "blog");
    let r = human(&env, &["domain", "update", "example.org"]);
    assert!(r.stderr.contains("Unchanged"), "{}", r.stderr);
    assert_eq!(env.dump(), before);
}

#[test]
fn update_dry_run_commits_nothing() {
    let env = TestEnv::seeded();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    let d = env.dry_run(&["domain", "update", "example.org", "--https", "true", "--add-subdomain", "blog"]);
    assert_eq!(d["https"], true);
    assert_eq!(d["subdomains"], json!(["blog"]));
    assert_eq!(env.json(&["domain", "show", "example.org"])["https"], false);
}

#[test]
fn update_error_paths() {
    let env = TestEnv::seeded();
    add_xyz01(&env);
    env.ok(&["domain", "add", "example.org", "--package", "xyz00", "--subdomains", "blog"]);
    invalid(&env, &["domain", "update", "exa mple.org", "--php", "true"], "name");
    invalid(&env, &["domain", "update", "example.org", "--user", "xyz00-"], "user");
    let msg = invalid(&env, &["domain", "update", "example.org", "--user", "xyz01-web"], "user");
    assert!(msg.contains("belongs to package xyz01, not to xyz00"), "{msg}");
    invalid(&env, &["domain", "update", "example.org", "--subdomains", "www"], "subdomains");
    invalid(&env, &["domain", "update", "example.org", "--add-subdomain", "a.b"], "add-subdomain");
    invalid(&env, &["domain", "update", "example.org", "--remove-subdomain", "*"], "remove-subdomain");
    let msg = invalid(&env, &["domain", "update", "example.org", "--remove-subdomain", "shop"], "remove-subdomain");
    assert!(msg.contains("shop is not a subdomain of example.org"), "{msg}");
    // Nothing of a refused update sticks, also not the parts that were fine.
    invalid(&env, &["domain", "update", "example.org", "--https", "true", "--remove-subdomain", "shop"], "remove-subdomain");
    let many: Vec<String> = (0..100).map(|i| format!("s{i}")).collect();
    env.ok(&["domain", "update", "example.org", "--subdomains", &many.join(",")]);
    let msg = invalid(&env, &["domain", "update", "example.org", "--add-subdomain", "one-more"], "add-subdomain");
    assert!(msg.contains("at most 100"), "{msg}");
    assert_eq!(not_found(&env, &["domain", "update", "example.net", "--php", "true"]), "domain example.net not found");
    assert_eq!(not_found(&env, &["domain", "update", "müller.de", "--php", "true"]), "domain xn--mller-kva.de (müller.de) not found");
    assert_eq!(not_found(&env, &["domain", "update", "example.org", "--user", "xyz00-nobody"]), "user xyz00-nobody not found");
    // --subdomains replaces the list; it does not mix with adding or removing single ones.
    let before = env.dump();
    let r = env.run(&["--json", "domain", "update", "example.org", "--subdomains", "a", "--add-subdomain", "b"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.json()["error"]["kind"], "usage");
    assert_eq!(env.dump(), before);
}

// ---------------------------------------------------------------------------------------------
// domain delete
// ---------------------------------------------------------------------------------------------

#[test]
fn delete_needs_yes_and_prints_what_went() {
    let env = TestEnv::seeded();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    let msg = invalid(&env, &["domain", "delete", "example.org"], "--yes");
    assert!(msg.contains("give --yes to delete domain example.org"), "{msg}");
    let r = human(&env, &["domain", "delete", "example.org", "--yes"]);
    assert_eq!(field(&r.stdout, "name"), "example.org");
    assert_eq!(field(&r.stdout, "package"), "xyz00");
    assert!(r.stderr.contains("Deleted domain example.org from package xyz00"), "{}", r.stderr);
    assert_eq!(env.json(&["domain", "list"]), json!([]));
    assert_eq!(not_found(&env, &["domain", "show", "example.org"]), "domain example.org not found");
}

#[test]
fn delete_json_returns_the_domain_as_it_was() {
    let env = TestEnv::seeded();
    let added = env.json(&["domain", "add", "müller.de", "--package", "xyz00", "--subdomains", "blog"]);
    let deleted = env.json(&["domain", "delete", "müller.de", "--yes"]);
    assert_eq!(deleted, added);
}

#[test]
fn delete_dry_run_needs_no_yes_and_commits_nothing() {
    let env = TestEnv::seeded();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    let d = env.dry_run(&["domain", "delete", "example.org"]);
    assert_eq!(d["name"], "example.org");
    assert_eq!(names(&env.json(&["domain", "list"])), ["example.org"]);
}

#[test]
fn delete_error_paths() {
    let env = TestEnv::seeded();
    invalid(&env, &["domain", "delete", "example..org", "--yes"], "name");
    assert_eq!(not_found(&env, &["domain", "delete", "example.org", "--yes"]), "domain example.org not found");
    // A domain with a live registration goes at the registry first.
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    for state in ["pending", "registered", "transfer-pending"] {
        set_column(&env, "example.org", "registration", state);
        let msg = conflict(&env, &["domain", "remove", "example.org", "--yes"]);
        assert!(msg.contains(&format!("is {state} at the registry")), "{msg}");
    }
    set_column(&env, "example.org", "registration", "deleted");
    env.ok(&["domain", "delete", "example.org", "--yes"]);
}

// ---------------------------------------------------------------------------------------------
// domain list and show
// ---------------------------------------------------------------------------------------------

#[test]
fn list_shows_a_table_and_json_and_filters_by_package() {
    let env = TestEnv::seeded();
    add_xyz01(&env);
    assert_eq!(env.json(&["domain", "list"]), json!([]));
    env.ok(&["domain", "add", "example.org", "--package", "xyz00", "--subdomains", "blog,shop", "--https", "true"]);
    env.ok(&["domain", "add", "müller.de", "--package", "xyz00"]);
    env.ok(&["domain", "add", "example.net", "--package", "xyz01", "--user", "xyz01-web"]);
    let r = human(&env, &["domain", "list"]);
    let header = r.stdout.lines().next().unwrap();
    for column in ["name", "package", "user", "subdomains", "cgi", "php", "indexes", "https", "registration", "since"] {
        assert!(header.contains(column), "{header}");
    }
    assert_eq!(row(&r.stdout, "example.org"), ["example.org", "xyz00", "xyz00", "blog,shop", "no", "yes", "yes", "yes", "none", "2026-06-01"]);
    assert_eq!(row(&r.stdout, "example.net")[..3], ["example.net", "xyz01", "xyz01-web"]);
    assert_eq!(row(&r.stdout, "xn--mller-kva.de (müller.de)")[3], "-");
    let all = env.json(&["domain", "list"]);
    assert_eq!(names(&all), ["example.net", "example.org", "xn--mller-kva.de"]);
    assert_eq!(all[2]["unicode"], "müller.de");
    assert_eq!(names(&env.json(&["domain", "list", "--package", "xyz00"])), ["example.org", "xn--mller-kva.de"]);
    assert_eq!(names(&env.json(&["domain", "list", "--package", "xyz01"])), ["example.net"]);
    assert_eq!(not_found(&env, &["domain", "list", "--package", "xyz07"]), "package xyz07 not found");
    invalid(&env, &["domain", "list", "--package", "xyz"], "package");
}

#[test]
fn list_of_nothing_is_an_empty_table() {
    let env = TestEnv::seeded();
    let r = human(&env, &["domain", "list"]);
    assert!(r.stdout.starts_with("name"), "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 1, "piped: the header line without a rule: {}", r.stdout);
}

#[test]
fn show_error_paths() {
    let env = TestEnv::seeded();
    invalid(&env, &["domain", "show", "example"], "name");
    invalid(&env, &["domain", "show", "ex\u{0430}mple.org"], "name");
    assert_eq!(not_found(&env, &["domain", "show", "example.org"]), "domain example.org not found");
}

// ---------------------------------------------------------------------------------------------
// Users owning domains, the audit log
// ---------------------------------------------------------------------------------------------

#[test]
fn user_remove_is_refused_while_the_user_owns_domains() {
    let env = with_web_user();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz00-web"]);
    env.ok(&["domain", "add", "example.net", "--package", "xyz00", "--user", "xyz00-web"]);
    let msg = conflict(&env, &["user", "remove", "xyz00-web", "--yes"]);
    assert!(msg.contains("user xyz00-web owns the domains example.net, example.org"), "{msg}");
    conflict(&env, &["user", "remove", "xyz00-web", "--dry-run"]);
    env.ok(&["domain", "update", "example.org", "--user", "xyz00"]);
    env.ok(&["domain", "delete", "example.net", "--yes"]);
    env.ok(&["user", "remove", "xyz00-web", "--yes"]);
    assert_eq!(env.json(&["domain", "show", "example.org"])["user"], "xyz00");
}

#[test]
fn every_change_writes_an_audit_row() {
    let env = TestEnv::seeded();
    let added = env.json(&["domain", "add", "müller.de", "--package", "xyz00"]);
    env.ok(&["domain", "update", "müller.de", "--cgi", "true"]);
    env.ok(&["domain", "update", "müller.de", "--cgi", "true"]); // nothing changes: no row
    env.ok(&["domain", "delete", "müller.de", "--yes"]);
    let log = domain_log(&env);
    let actions: Vec<&str> = log.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["add", "update", "delete"]);
    for e in &log {
        assert_eq!(e["entity"], "domain");
        assert_eq!(e["key"], "xn--mller-kva.de");
        assert_eq!(e["actor"], "tester");
    }
    assert!(log[0]["command"].as_str().unwrap().contains("domain add"), "{}", log[0]);
    assert_eq!(log[0]["before"], Value::Null);
    assert_eq!(log[0]["after"]["name"], added["name"]);
    assert_eq!(log[0]["after"]["since"], "2026-06-01");
    assert_eq!(log[1]["before"]["cgi"], false);
    assert_eq!(log[1]["after"]["cgi"], true);
    assert_eq!(log[2]["before"]["cgi"], true);
    assert_eq!(log[2]["after"], Value::Null);
    // The human log lists them too.
    let r = human(&env, &["log", "--entity", "domain"]);
    assert_eq!(r.stdout.lines().filter(|l| l.contains("xn--mller-kva.de")).count(), 3, "{}", r.stdout);
}

/// Issue 8, item 9: `remove` is the verb everywhere; `domain delete` stays as an alias.
#[test]
fn domain_delete_of_a_domain_not_registered_through_us_is_remove() {
    let env = TestEnv::seeded();
    for (name, verb) in [("example.org", "remove"), ("example.net", "delete")] {
        env.ok(&["domain", "add", name, "--package", "xyz00"]);
        env.ok(&["domain", verb, name, "--yes"]);
        assert_eq!(env.json(&["domain", "list"]), serde_json::json!([]), "{verb}");
    }
}
