//! Finding things through the real binary on a scratch ledger (no servers): the filters of every list,
//! `--sort FIELD` and `--reverse`, the filters and the order of `hsadmin log`, and bad filter values
//! (exit 2 naming the field, the ledger unchanged). Every assertion names the exact keys returned.
mod common;
use common::TestEnv;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Fixture and helpers
// ---------------------------------------------------------------------------------------------

/// Four members, three servers, four packages in each status, users, domains and cron jobs:
///
/// | member | name             | prefix | since      | status    | packages                       |
/// |--------|------------------|--------|------------|-----------|--------------------------------|
/// | 10001  | Erika Mustermann | xyz    | 2026-01-01 | ACTIVE    | xyz00 h1, xyz01 h2, xyz02 h1   |
/// | 10002  | Max Muster       | abc    | 2026-03-01 | ACTIVE    | abc00 h2                       |
/// | 10003  | Ärzte eG         | aez    | 2026-05-01 | ACTIVE    | -                              |
/// | 10004  | Zoe Zander       | old    | 2026-01-15 | CANCELLED | -                              |
///
/// Packages (today is 2026-06-01): xyz00 active 2048 MB, xyz01 cancelled (ended 2026-05-01) 512 MB,
/// xyz02 ending (2026-12-31) 1024 MB, abc00 active 4096 MB. Servers: h1 web,dns-primary port 22,
/// h2 web port 2222, h3 backup port 23.
fn world() -> TestEnv {
    let env = TestEnv::new();
    env.add_erika();
    add_member(&env, "10002", "abc", "Max Muster", "2026-03-01");
    add_member(&env, "10003", "aez", "Ärzte eG", "2026-05-01");
    add_member(&env, "10004", "old", "Zoe Zander", "2026-01-15");
    env.ok(&["member", "leave", "10004", "--date", "2026-04-30", "--status", "CANCELLED", "--yes"]);
    env.ok(&["server", "add", "h1", "--address", "127.0.0.11", "--role", "web,dns-primary"]);
    env.ok(&["server", "add", "h2", "--address", "127.0.0.12", "--port", "2222", "--role", "web"]);
    env.ok(&["server", "add", "h3", "--address", "127.0.0.13", "--port", "23", "--role", "backup"]);
    env.ok(&["catalog", "import", &common::catalog_path()]);
    add_package(&env, "xyz00", "10001", "h1", "2026-01-01", "2048");
    add_package(&env, "xyz01", "10001", "h2", "2026-02-01", "512");
    add_package(&env, "xyz02", "10001", "h1", "2026-02-01", "1024");
    add_package(&env, "abc00", "10002", "h2", "2026-03-01", "4096");
    for user in ["xyz00-web", "abc00-web"] {
        env.ok(&["user", "add", user]);
    }
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    env.ok(&["domain", "add", "zebra.net", "--package", "xyz02"]);
    env.ok(&["domain", "add", "beispiel.de", "--package", "abc00"]);
    // Jobs 1, 2, 3.
    env.ok(&["cron", "add", "--user", "xyz00-web", "--schedule", "*/5 * * * *", "--command", "php cron.php"]);
    env.ok(&["cron", "add", "--user", "abc00", "--schedule", "0 3 * * *", "--command", "backup.sh"]);
    env.ok(&["cron", "add", "--user", "xyz00", "--schedule", "0 4 * * *", "--command", "cleanup.sh"]);
    env.ok(&["package", "cancel", "xyz01", "--date", "2026-05-01", "--yes"]);
    env.ok(&["package", "cancel", "xyz02", "--date", "2026-12-31", "--yes"]);
    env
}

fn add_member(env: &TestEnv, number: &str, prefix: &str, name: &str, since: &str) {
    env.ok(&["member", "add", "--number", number, "--prefix", prefix, "--name", name, "--email", "m@example.org", "--since", since]);
}

fn add_package(env: &TestEnv, name: &str, member: &str, server: &str, since: &str, mb: &str) {
    env.ok(&["package", "create", name, "--member", member, "--product", "DW/SA", "--server", server, "--since", since, "--webspace-mb", mb]);
}

/// The `field` of each item of a JSON list, as text, in the order returned.
fn keys(doc: &Value, field: &str) -> Vec<String> {
    let items = doc.as_array().unwrap_or_else(|| panic!("not a list: {doc}"));
    items.iter().map(|i| if let Some(s) = i[field].as_str() { s.to_owned() } else { i[field].to_string() }).collect()
}

/// Runs a list command with --json and returns the `field` of each item.
fn found(env: &TestEnv, args: &[&str], field: &str) -> Vec<String> {
    keys(&env.json(args), field)
}

/// Asserts an invalid-input failure (exit 2) naming `field`, with the ledger (audit log included) unchanged.
fn invalid(env: &TestEnv, args: &[&str], field: &str) {
    let e = env.refused(args, 2);
    assert_eq!(e["kind"], "invalid", "{args:?}: {e}");
    assert_eq!(e["field"], field, "{args:?}: {e}");
}

/// The ids of the audit entries in the order a human table shows them (first cell of each data row).
fn table_ids(out: &str) -> Vec<i64> {
    out.lines().filter_map(|l| l.split_whitespace().next()?.parse().ok()).collect()
}

fn ids(doc: &Value) -> Vec<i64> {
    doc.as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect()
}

// ---------------------------------------------------------------------------------------------
// member list
// ---------------------------------------------------------------------------------------------

#[test]
fn member_list_narrows_by_name_status_and_since() {
    let env = world();
    let members = |args: &[&str]| found(&env, &[&["member", "list"], args].concat(), "number");
    assert_eq!(members(&[]), ["10001", "10002", "10003", "10004"]);
    assert_eq!(members(&["--name", "muster"]), ["10001", "10002"]);
    assert_eq!(members(&["--name", "MUSTERMANN"]), ["10001"]);
    assert_eq!(members(&["--name", "ärzte"]), ["10003"], "case folding beyond ASCII");
    assert_eq!(members(&["--name", "ÄRZTE"]), ["10003"]);
    assert_eq!(members(&["--status", "CANCELLED"]), ["10004"]);
    assert_eq!(members(&["--status", "active"]), ["10001", "10002", "10003"]);
    assert_eq!(members(&["--since", "2026-03-01"]), ["10002", "10003"], "on or after");
    assert_eq!(members(&["--since", "2026-01-02"]), ["10002", "10003", "10004"]);
    assert_eq!(members(&["--name", "muster", "--since", "2026-02-01"]), ["10002"]);
    assert_eq!(members(&["--name", "muster", "--status", "CANCELLED"]), Vec::<String>::new());
}

#[test]
fn member_name_is_text_not_a_pattern() {
    let env = world();
    for text in ["%", "_", "' OR 1=1 --", "\" OR \"\"=\""] {
        assert_eq!(found(&env, &["member", "list", "--name", text], "number"), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn member_list_sorts_by_a_text_column_either_way() {
    let env = world();
    let sorted = |args: &[&str]| found(&env, &[&["member", "list"], args].concat(), "number");
    // Erika Mustermann, Max Muster, Zoe Zander, Ärzte eG: by code point after folding case.
    assert_eq!(sorted(&["--sort", "name"]), ["10001", "10002", "10004", "10003"]);
    assert_eq!(sorted(&["--sort", "name", "--reverse"]), ["10003", "10004", "10002", "10001"]);
    assert_eq!(sorted(&["--sort", "since"]), ["10001", "10004", "10002", "10003"]);
    assert_eq!(sorted(&["--sort", "prefix", "--reverse"]), ["10001", "10004", "10003", "10002"]);
    // Ties go by the number, in the same direction.
    assert_eq!(sorted(&["--sort", "status"]), ["10001", "10002", "10003", "10004"]);
    assert_eq!(sorted(&["--sort", "status", "--reverse"]), ["10004", "10003", "10002", "10001"]);
    assert_eq!(sorted(&["--reverse"]), ["10004", "10003", "10002", "10001"], "--reverse alone: by the key");
}

#[test]
fn the_table_shows_the_sorted_order_too() {
    let env = world();
    let out = env.ok(&["member", "list", "--sort", "name", "--reverse"]);
    let numbers: Vec<&str> = out.lines().filter_map(|l| l.split_whitespace().next()).filter(|w| w.starts_with("100")).collect();
    assert_eq!(numbers, ["10003", "10004", "10002", "10001"], "{out}");
}

// ---------------------------------------------------------------------------------------------
// package list
// ---------------------------------------------------------------------------------------------

#[test]
fn package_list_narrows_by_status_member_and_server() {
    let env = world();
    let packages = |args: &[&str]| found(&env, &[&["package", "list"], args].concat(), "name");
    assert_eq!(packages(&[]), ["abc00", "xyz00", "xyz01", "xyz02"]);
    assert_eq!(packages(&["--status", "active"]), ["abc00", "xyz00"]);
    assert_eq!(packages(&["--status", "ending"]), ["xyz02"]);
    assert_eq!(packages(&["--status", "cancelled"]), ["xyz01"]);
    assert_eq!(packages(&["--status", "CANCELLED"]), ["xyz01"], "any case");
    assert_eq!(packages(&["--member", "10001"]), ["xyz00", "xyz01", "xyz02"]);
    assert_eq!(packages(&["--server", "h2"]), ["abc00", "xyz01"]);
    assert_eq!(packages(&["--member", "10001", "--server", "h1", "--status", "ending"]), ["xyz02"]);
    assert_eq!(packages(&["--member", "10003"]), Vec::<String>::new());
    // The status printed is the status filtered by.
    assert_eq!(found(&env, &["package", "list", "--status", "ending"], "status"), ["ending"]);
}

#[test]
fn package_status_is_taken_on_today() {
    let env = world();
    let on = |today: &str, status: &str| {
        let r = env.command().env("HSADMIN_TODAY", today).args(["--json", "package", "list", "--status", status]).output().unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        keys(&serde_json::from_slice(&r.stdout).unwrap(), "name")
    };
    // xyz01's last day is 2026-05-01: it still runs that day and has ended the next.
    assert_eq!(on("2026-05-01", "ending"), ["xyz01", "xyz02"]);
    assert_eq!(on("2026-05-02", "ending"), ["xyz02"]);
    assert_eq!(on("2027-01-01", "cancelled"), ["xyz01", "xyz02"]);
}

#[test]
fn package_list_sorts_by_a_number_and_by_the_status() {
    let env = world();
    let sorted = |args: &[&str]| found(&env, &[&["package", "list"], args].concat(), "name");
    assert_eq!(sorted(&["--sort", "webspace-mb"]), ["xyz01", "xyz02", "xyz00", "abc00"], "512, 1024, 2048, 4096: as numbers");
    assert_eq!(sorted(&["--sort", "webspace-mb", "--reverse"]), ["abc00", "xyz00", "xyz02", "xyz01"]);
    assert_eq!(sorted(&["--sort", "member"]), ["xyz00", "xyz01", "xyz02", "abc00"], "ties by name");
    assert_eq!(sorted(&["--sort", "member", "--reverse"]), ["abc00", "xyz02", "xyz01", "xyz00"]);
    assert_eq!(sorted(&["--sort", "status"]), ["abc00", "xyz00", "xyz01", "xyz02"], "active, cancelled, ending");
    assert_eq!(sorted(&["--sort", "from", "--reverse"]), ["abc00", "xyz02", "xyz01", "xyz00"]);
}

// ---------------------------------------------------------------------------------------------
// user, domain and cron list
// ---------------------------------------------------------------------------------------------

#[test]
fn user_list_narrows_by_member_and_package() {
    let env = world();
    let users = |args: &[&str]| found(&env, &[&["user", "list"], args].concat(), "name");
    assert_eq!(users(&[]), ["abc00", "abc00-web", "xyz00", "xyz00-web", "xyz01", "xyz02"]);
    assert_eq!(users(&["--member", "10002"]), ["abc00", "abc00-web"]);
    assert_eq!(users(&["--member", "10001"]), ["xyz00", "xyz00-web", "xyz01", "xyz02"]);
    assert_eq!(users(&["--package", "xyz00"]), ["xyz00", "xyz00-web"]);
    assert_eq!(users(&["--member", "10001", "--package", "xyz00"]), ["xyz00", "xyz00-web"]);
    assert_eq!(users(&["--member", "10002", "--package", "xyz00"]), Vec::<String>::new());
}

#[test]
fn user_list_sorts_by_uid() {
    let env = world();
    let by_uid = found(&env, &["user", "list", "--sort", "uid"], "uid");
    let mut numbers: Vec<i64> = by_uid.iter().map(|u| u.parse().unwrap()).collect();
    let shown = numbers.clone();
    numbers.sort();
    assert_eq!(shown, numbers);
    // Created in this order: xyz00, xyz01, xyz02, abc00 (admins), then xyz00-web, abc00-web.
    assert_eq!(found(&env, &["user", "list", "--sort", "uid"], "name"), ["xyz00", "xyz01", "xyz02", "abc00", "xyz00-web", "abc00-web"]);
    assert_eq!(found(&env, &["user", "list", "--sort", "uid", "--reverse"], "name"), ["abc00-web", "xyz00-web", "abc00", "xyz02", "xyz01", "xyz00"]);
}

#[test]
fn domain_list_narrows_by_member_and_package_and_sorts() {
    let env = world();
    let domains = |args: &[&str]| found(&env, &[&["domain", "list"], args].concat(), "name");
    assert_eq!(domains(&[]), ["beispiel.de", "example.org", "zebra.net"]);
    assert_eq!(domains(&["--member", "10001"]), ["example.org", "zebra.net"]);
    assert_eq!(domains(&["--member", "10002"]), ["beispiel.de"]);
    assert_eq!(domains(&["--package", "xyz02"]), ["zebra.net"]);
    assert_eq!(domains(&["--member", "10002", "--package", "xyz02"]), Vec::<String>::new());
    assert_eq!(domains(&["--sort", "package", "--reverse"]), ["zebra.net", "example.org", "beispiel.de"]);
    assert_eq!(domains(&["--sort", "user"]), ["beispiel.de", "example.org", "zebra.net"]);
}

#[test]
fn cron_list_narrows_by_member_package_and_user_and_sorts() {
    let env = world();
    let jobs = |args: &[&str]| found(&env, &[&["cron", "list"], args].concat(), "id");
    assert_eq!(jobs(&[]), ["2", "3", "1"], "by user, then id");
    assert_eq!(jobs(&["--sort", "id"]), ["1", "2", "3"]);
    assert_eq!(jobs(&["--member", "10001"]), ["3", "1"]);
    assert_eq!(jobs(&["--member", "10002"]), ["2"]);
    assert_eq!(jobs(&["--package", "xyz00"]), ["3", "1"]);
    assert_eq!(jobs(&["--user", "xyz00-web"]), ["1"]);
    assert_eq!(jobs(&["--member", "10002", "--user", "xyz00-web"]), Vec::<String>::new());
    assert_eq!(jobs(&["--sort", "command"]), ["2", "3", "1"], "backup.sh, cleanup.sh, php cron.php");
    assert_eq!(jobs(&["--sort", "user", "--reverse"]), ["1", "3", "2"]);
    assert_eq!(jobs(&["--reverse"]), ["1", "3", "2"]);
    assert_eq!(jobs(&["--sort", "id", "--reverse"]), ["3", "2", "1"]);
}

// ---------------------------------------------------------------------------------------------
// server and catalog list
// ---------------------------------------------------------------------------------------------

#[test]
fn server_list_narrows_by_role_and_sorts_by_port() {
    let env = world();
    let servers = |args: &[&str]| found(&env, &[&["server", "list"], args].concat(), "name");
    assert_eq!(servers(&["--role", "web"]), ["h1", "h2"]);
    assert_eq!(servers(&["--role", "dns-primary"]), ["h1"]);
    assert_eq!(servers(&["--role", "backup"]), ["h3"]);
    assert_eq!(servers(&["--role", "dns-secondary"]), Vec::<String>::new());
    assert_eq!(servers(&["--sort", "port"]), ["h1", "h3", "h2"], "22, 23, 2222: as numbers");
    assert_eq!(servers(&["--sort", "port", "--reverse"]), ["h2", "h3", "h1"]);
}

#[test]
fn catalog_list_narrows_by_kind_and_sorts_by_name() {
    let env = world();
    let codes = |args: &[&str]| found(&env, &[&["catalog", "list"], args].concat(), "code");
    let all = codes(&[]);
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "by code");
    assert_eq!(codes(&["--kind", "domain"]), ["DOMAIN/COM", "DOMAIN/DE", "DOMAIN/NET", "DOMAIN/ORG"]);
    // Domain .com, Domain .de, Domain .net, Domain .org
    assert_eq!(codes(&["--kind", "domain", "--sort", "name", "--reverse"]), ["DOMAIN/ORG", "DOMAIN/NET", "DOMAIN/DE", "DOMAIN/COM"]);
    assert_eq!(codes(&["--kind", "membership"]), ["FEE/MEMBER"]);
}

// ---------------------------------------------------------------------------------------------
// log
// ---------------------------------------------------------------------------------------------

/// Adds an audit entry by hand (for dates and actors no command of a test run produces).
fn audit_entry(env: &TestEnv, at: &str, actor: &str, entity: &str, key: &str) {
    let conn = rusqlite::Connection::open(&env.ledger).unwrap();
    conn.execute("INSERT INTO audit_log (at, actor, command, entity, key, action) VALUES (?1, ?2, 'hsadmin test', ?3, ?4, 'test')", [at, actor, entity, key])
        .unwrap();
}

#[test]
fn log_is_oldest_first_when_piped_and_reverse_flips_it() {
    let env = world();
    let all = ids(&env.json(&["log"]));
    assert!(all.len() > 20, "{all:?}");
    assert!(all.windows(2).all(|w| w[0] < w[1]), "--json: oldest first {all:?}");
    let table = table_ids(&env.ok(&["log"]));
    assert_eq!(table, all, "a piped table: oldest first as well");
    let mut newest = all.clone();
    newest.reverse();
    assert_eq!(ids(&env.json(&["log", "--reverse"])), newest);
    assert_eq!(table_ids(&env.ok(&["log", "--reverse"])), newest);
}

#[test]
fn log_max_count_is_always_the_newest() {
    let env = world();
    let all = ids(&env.json(&["log"]));
    let n = all.len();
    assert_eq!(ids(&env.json(&["log", "-n", "3"])), all[n - 3..], "the newest three, oldest first");
    assert_eq!(ids(&env.json(&["log", "--max-count", "3", "--reverse"])), [all[n - 1], all[n - 2], all[n - 3]]);
    assert_eq!(table_ids(&env.ok(&["log", "-n", "2"])), all[n - 2..]);
    assert_eq!(ids(&env.json(&["log", "-n", "0"])), Vec::<i64>::new());
    assert_eq!(ids(&env.json(&["log", "-n", "100000"])), all);
    // With a filter: the newest of what the filter keeps.
    let packages = env.json(&["log", "--entity", "package", "-n", "2"]);
    assert_eq!(keys(&packages, "action"), ["cancel", "cancel"]);
    assert_eq!(keys(&packages, "key"), ["xyz01", "xyz02"]);
}

#[test]
fn log_narrows_by_key_entity_and_actor() {
    let env = world();
    // xyz01 is both a package and its admin user.
    let xyz01 = env.json(&["log", "--key", "xyz01"]);
    assert_eq!(keys(&xyz01, "entity"), ["package", "unix_user", "package"]);
    assert_eq!(keys(&xyz01, "action"), ["create", "add", "cancel"]);
    assert_eq!(keys(&env.json(&["log", "--key", "xyz01", "--entity", "package"]), "action"), ["create", "cancel"]);
    assert_eq!(keys(&env.json(&["log", "--key", "10004"]), "action"), ["add", "leave"]);
    assert_eq!(keys(&env.json(&["log", "--entity", "cron_job"]), "key"), ["1", "2", "3"]);
    assert_eq!(keys(&env.json(&["log", "--entity", "server", "-n", "1"]), "key"), ["h3"]);
    audit_entry(&env, "2026-06-01T12:00:00.000Z", "alice", "member", "10001");
    let all = ids(&env.json(&["log"]));
    assert_eq!(keys(&env.json(&["log", "--actor", "alice"]), "key"), ["10001"]);
    assert_eq!(ids(&env.json(&["log", "--actor", "tester"])), all[..all.len() - 1]);
    assert_eq!(ids(&env.json(&["log", "--actor", "alic"])), Vec::<i64>::new(), "the whole name, not a part");
    assert_eq!(keys(&env.json(&["log", "--key", "10001", "--actor", "alice"]), "action"), ["test"]);
}

#[test]
fn log_until_keeps_whole_days_on_or_before_the_date() {
    let env = TestEnv::new();
    audit_entry(&env, "2026-01-09T23:59:59.999Z", "tester", "member", "10001");
    audit_entry(&env, "2026-01-10T00:00:00.000Z", "tester", "member", "10002");
    audit_entry(&env, "2026-01-10T23:59:59.999Z", "tester", "member", "10003");
    audit_entry(&env, "2026-01-11T00:00:00.000Z", "tester", "member", "10004");
    let members = |args: &[&str]| found(&env, &[&["log"], args].concat(), "key");
    assert_eq!(members(&["--until", "2026-01-10"]), ["10001", "10002", "10003"]);
    assert_eq!(members(&["--until", "2026-01-09"]), ["10001"]);
    assert_eq!(members(&["--since", "2026-01-10", "--until", "2026-01-10"]), ["10002", "10003"]);
    assert_eq!(members(&["--since", "2026-01-11"]), ["10004"]);
    assert_eq!(members(&["--until", "2026-01-08"]), Vec::<String>::new());
    assert_eq!(members(&["--until", "2026-01-10", "-n", "1"]), ["10003"], "the newest on or before the day");
}

// ---------------------------------------------------------------------------------------------
// Value sets in help and completions
// ---------------------------------------------------------------------------------------------

#[test]
fn statuses_sort_fields_and_entities_are_offered() {
    let env = TestEnv::new();
    let help = |args: &[&str]| env.ok(&[args, &["--help"]].concat()).split_whitespace().collect::<Vec<_>>().join(" ");
    let member = help(&["member", "list"]);
    assert!(member.contains("[possible values: ACTIVE, CANCELLED, TRANSFERRED, DECEASED, LIQUIDATED, EXPULSED]"), "{member}");
    assert!(member.contains("[possible values: number, prefix, name, email, since, until, status]"), "{member}");
    let package = help(&["package", "list"]);
    assert!(package.contains("[possible values: active, ending, cancelled]"), "{package}");
    assert!(package.contains("[possible values: name, member, product, server, webspace-mb, users, from, to, status]"), "{package}");
    let log = help(&["log"]);
    assert!(log.contains("[possible values: member, share_tx, asset_tx, server, product, price, package, unix_user, cron_job, domain, dns_record, invoice, bank_account, mandate, db_user, database, backup, mail_address, mail_alias, mail_list]"), "{log}");
    // The completion engine (what the shell scripts ask on TAB) offers the same values.
    let complete = |words: &[&str]| {
        let out =
            std::process::Command::new(assert_cmd::cargo::cargo_bin("hsadmin")).env("COMPLETE", "fish").arg("--").arg("hsadmin").args(words).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let offered = complete(&["package", "list", "--status", ""]);
    for expected in ["active", "ending", "cancelled"] {
        assert!(offered.lines().any(|l| l == expected), "--status completes {offered:?}");
    }
    assert!(complete(&["package", "list", "--sort", "web"]).lines().any(|l| l == "webspace-mb"));
    assert!(complete(&["log", "--entity", "unix"]).lines().any(|l| l == "unix_user"));
    assert!(complete(&["server", "list", "--role", "dns-p"]).lines().any(|l| l == "dns-primary"));
}

// ---------------------------------------------------------------------------------------------
// Bad filter values
// ---------------------------------------------------------------------------------------------

#[test]
fn bad_filter_values_are_exit_2_naming_the_field_with_the_ledger_unchanged() {
    let env = world();
    for (args, field) in [
        (&["member", "list", "--status", "GONE"][..], "status"),
        (&["member", "list", "--since", "2026-13-01"], "since"),
        (&["member", "list", "--since", "yesterday"], "since"),
        (&["member", "list", "--name", " "], "name"),
        (&["member", "list", "--name", "a\u{202e}b"], "name"),
        (&["member", "list", "--sort", "city"], "sort"),
        (&["package", "list", "--status", "ended"], "status"),
        (&["package", "list", "--member", "123"], "member"),
        (&["package", "list", "--server", "h1;id"], "server"),
        (&["package", "list", "--sort", "webspace"], "sort"),
        (&["user", "list", "--member", "abc"], "member"),
        (&["user", "list", "--package", "XYZ00"], "package"),
        (&["user", "list", "--sort", "home"], "sort"),
        (&["domain", "list", "--member", "99999999"], "member"),
        (&["domain", "list", "--sort", "owner"], "sort"),
        (&["cron", "list", "--member", "1"], "member"),
        (&["cron", "list", "--sort", "when"], "sort"),
        (&["server", "list", "--role", "smtp"], "role"),
        (&["server", "list", "--sort", "load"], "sort"),
        (&["catalog", "list", "--kind", "hosting"], "kind"),
        (&["catalog", "list", "--sort", "price"], "sort"),
        (&["log", "--until", "2026-02-30"], "until"),
        (&["log", "--entity", "members"], "entity"),
        (&["log", "--key", ""], "key"),
        (&["log", "--actor", "a\nb"], "actor"),
    ] {
        invalid(&env, args, field);
    }
}

#[test]
fn a_bad_count_is_a_usage_error_naming_the_option() {
    let env = world();
    for bad in [&["--max-count=-1"][..], &["-n", "many"], &["-n", "1.5"], &["--max-count", "4294967296"]] {
        let e = env.refused(&[&["log"], bad].concat(), 2);
        assert_eq!(e["kind"], "usage", "{e}");
        assert!(e["message"].as_str().unwrap().contains("--max-count"), "{e}");
    }
}
