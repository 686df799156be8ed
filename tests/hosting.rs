//! CLI tests for the hosting commands through the real binary: servers, the catalog, packages,
//! Unix users and cron jobs. Human output, JSON output, dry runs and every error path.
mod common;
use common::{Run, TestEnv, catalog_path, field, row};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The first cells of every row of a list table (header excluded).
fn first_column(out: &str, header: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| l.split("  ").map(str::trim).find(|c| !c.is_empty()).map(str::to_owned))
        .filter(|c| c != header && !c.starts_with('─') && !c.starts_with('═'))
        .collect()
}

/// Runs a successful command in human mode and returns what it printed.
fn human(env: &TestEnv, args: &[&str]) -> Run {
    let r = env.run(args);
    assert_eq!(r.code, 0, "hsadmin {args:?} failed with {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
    r
}

/// Asserts an invalid-input failure (exit 2) naming `field`, with the ledger unchanged; returns the message.
fn invalid(env: &TestEnv, args: &[&str], field: &str) -> String {
    let e = env.refused(args, 2);
    assert_eq!(e["kind"], "invalid", "{e}");
    assert_eq!(e["field"], field, "{e}");
    assert_eq!(e["exit_code"], 2, "{e}");
    e["message"].as_str().unwrap().to_owned()
}

/// Runs with `--json` and the given stdin, asserting success.
fn json_with_stdin(env: &TestEnv, args: &[&str], stdin: &str) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let r = env.run_with(&all, Some(stdin));
    assert_eq!(r.code, 0, "hsadmin {all:?} failed with {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
    r.json()
}

/// Runs with `--json` and the given stdin, expecting failure with `code`; the ledger stays as it was.
fn fails_with_stdin(env: &TestEnv, args: &[&str], stdin: &str, code: i32) -> Value {
    let before = env.dump();
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let r = env.run_with(&all, Some(stdin));
    assert_eq!(r.code, code, "hsadmin {all:?}: expected exit {code}, got {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
    assert_eq!(env.dump(), before, "hsadmin {all:?} failed but changed the ledger");
    r.json()["error"].clone()
}

/// Writes a file into the test's directory and returns its path.
fn write_file(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The password hash as stored in the ledger.
fn stored_hash(env: &TestEnv, user: &str) -> Option<String> {
    let conn = rusqlite::Connection::open_with_flags(&env.ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT password_hash FROM unix_user WHERE name = ?1", [user], |r| r.get(0)).unwrap()
}

/// Names of the objects in a JSON array, by the given key.
fn names(v: &Value, key: &str) -> Vec<String> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}")).iter().map(|x| x[key].as_str().unwrap().to_owned()).collect()
}

fn add_user(env: &TestEnv, name: &str) -> Value {
    env.json(&["user", "add", name])
}

fn add_cron(env: &TestEnv, user: &str, schedule: &str, command: &str) -> Value {
    env.json(&["cron", "add", "--user", user, "--schedule", schedule, "--command", command])
}

/// A second member (10002, prefix abc) who joined on `since`.
fn add_member_abc(env: &TestEnv, since: &str) {
    env.ok(&["member", "add", "--number", "10002", "--prefix", "abc", "--name", "Max Muster", "--email", "max@example.org", "--since", since]);
}

const CREATE_XYZ01: &[&str] = &["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-02-01"];

fn with(base: &[&'static str], extra: &[&'static str]) -> Vec<&'static str> {
    base.iter().chain(extra).copied().collect()
}

// ---------------------------------------------------------------------------------------------
// server add
// ---------------------------------------------------------------------------------------------

#[test]
fn server_add_prints_the_server_and_a_status_line() {
    let env = TestEnv::new();
    let r = human(&env, &["server", "add", "vm1001", "--address", "127.0.1.2", "--port", "2222", "--role", "web", "--ipv4", "192.0.2.10"]);
    assert_eq!(field(&r.stdout, "name"), "vm1001");
    assert_eq!(field(&r.stdout, "address"), "127.0.1.2:2222");
    assert_eq!(field(&r.stdout, "roles"), "web");
    assert_eq!(field(&r.stdout, "ipv4"), "192.0.2.10");
    assert_eq!(field(&r.stdout, "ipv6"), "-");
    assert_eq!(field(&r.stdout, "host key"), "not pinned");
    assert!(r.stderr.contains("Added server vm1001 at 127.0.1.2:2222 (web)"), "{}", r.stderr);
}

#[test]
fn server_add_json_carries_every_field() {
    let env = TestEnv::new();
    let s =
        env.json(&["server", "add", "h2", "--address", "h2.example.org", "--role", "backup,dns-secondary", "--ipv4", "192.0.2.20", "--ipv6", "2001:db8::20"]);
    assert_eq!(
        s,
        json!({
            "name": "h2",
            "address": "h2.example.org",
            "port": 22,
            "roles": "dns-secondary,backup",
            "ipv4": "192.0.2.20",
            "ipv6": "2001:db8::20",
            "host_key": null
        })
    );
    assert_eq!(env.json(&["server", "show", "h2"])["address"], "h2.example.org");
}

#[test]
fn server_add_dry_run_shows_the_server_and_commits_nothing() {
    let env = TestEnv::new();
    let s = env.dry_run(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "web"]);
    assert_eq!(s["name"], "h2");
    assert_eq!(s["address"], "127.0.1.2");
    assert_eq!(env.json(&["server", "list"]), json!([]));
}

#[test]
fn server_add_keeps_roles_in_a_fixed_order_without_duplicates() {
    let env = TestEnv::new();
    let s = env.json(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "backup,dns-primary,WEB,web"]);
    assert_eq!(s["roles"], "web,dns-primary,backup");
}

#[test]
fn server_add_lowercases_host_names() {
    let env = TestEnv::new();
    let s = env.json(&["server", "add", "h2", "--address", "H2.Example.ORG", "--role", "web"]);
    assert_eq!(s["address"], "h2.example.org");
}

#[test]
fn server_add_rejects_invalid_names() {
    let env = TestEnv::new();
    for bad in ["H1", "1h", "h1;id", "h1.example.org", "h1-", "h\u{0430}1", "h_1", ""] {
        let msg = invalid(&env, &["server", "add", bad, "--address", "127.0.1.2", "--role", "web"], "name");
        assert!(msg.contains("must be a server name"), "{bad:?}: {msg}");
    }
}

#[test]
fn server_add_rejects_invalid_addresses() {
    let env = TestEnv::new();
    for bad in ["h1;id", "h1.-h", "a..b", "h1 example", "$(id)", "h1.example.org\n", "h1.example.org."] {
        let msg = invalid(&env, &["server", "add", "h2", "--address", bad, "--role", "web"], "address");
        assert!(msg.contains("must be an IP address or a host name"), "{bad:?}: {msg}");
    }
}

#[test]
fn server_add_rejects_unknown_roles() {
    let env = TestEnv::new();
    for bad in ["smtp", "web,smtp", "web,,backup", ""] {
        let msg = invalid(&env, &["server", "add", "h2", "--address", "127.0.1.2", "--role", bad], "role");
        assert!(msg.contains("must be one of web, dns-primary, dns-secondary, backup"), "{bad:?}: {msg}");
    }
}

#[test]
fn server_add_rejects_bad_ip_addresses() {
    let env = TestEnv::new();
    for bad in ["999.1.1.1", "10.0.0", "2001:db8::1", "example.org"] {
        let msg = invalid(&env, &["server", "add", "h2", "--address", "127.0.1.2", "--role", "web", "--ipv4", bad], "ipv4");
        assert!(msg.contains("must be an IPv4 address"), "{bad:?}: {msg}");
    }
    for bad in ["2001:db8::zz", "192.0.2.1", "::1::2"] {
        let msg = invalid(&env, &["server", "add", "h2", "--address", "127.0.1.2", "--role", "web", "--ipv6", bad], "ipv6");
        assert!(msg.contains("must be an IPv6 address"), "{bad:?}: {msg}");
    }
}

#[test]
fn server_add_rejects_port_zero_and_ports_out_of_range() {
    let env = TestEnv::new();
    invalid(&env, &["server", "add", "h2", "--address", "127.0.1.2", "--port", "0", "--role", "web"], "port");
    let e = env.refused(&["server", "add", "h2", "--address", "127.0.1.2", "--port", "65536", "--role", "web"], 2);
    assert_eq!(e["kind"], "usage");
}

#[test]
fn server_add_refuses_a_duplicate_name() {
    let env = TestEnv::new();
    env.ok(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "web"]);
    let e = env.refused(&["server", "add", "h2", "--address", "127.0.1.3", "--role", "web"], 4);
    assert_eq!(e["kind"], "conflict");
    assert!(e["message"].as_str().unwrap().contains("server h2 already exists"), "{e}");
}

#[test]
fn server_add_refuses_an_address_and_port_in_use() {
    let env = TestEnv::new();
    env.ok(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "web"]);
    let e = env.refused(&["server", "add", "h3", "--address", "127.0.1.2", "--role", "backup"], 4);
    assert!(e["message"].as_str().unwrap().contains("server h2 already uses 127.0.1.2:22"), "{e}");
    // The same address on another port is another sshd (the test servers share one host that way).
    let s = env.json(&["server", "add", "h3", "--address", "127.0.1.2", "--port", "2222", "--role", "backup"]);
    assert_eq!(s["port"], 2222);
}

#[test]
fn server_add_sees_two_spellings_of_an_ipv6_address_as_the_same_address() {
    let env = TestEnv::new();
    let s = env.json(&["server", "add", "h2", "--address", "2001:DB8:0:0::1", "--role", "web"]);
    assert_eq!(s["address"], "2001:db8::1");
    let e = env.refused(&["server", "add", "h3", "--address", "2001:db8::1", "--role", "web"], 4);
    assert!(e["message"].as_str().unwrap().contains("server h2 already uses"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// server list / show
// ---------------------------------------------------------------------------------------------

#[test]
fn server_update_changes_the_address_and_keeps_the_rest() {
    let env = TestEnv::new();
    env.ok(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "web", "--ipv4", "192.0.2.2"]);
    let r = human(&env, &["server", "update", "h2", "--address", "127.0.1.9", "--port", "2222", "--role", "web,backup"]);
    assert!(r.stderr.contains("Updated server h2"), "{}", r.stderr);
    let s = env.json(&["server", "show", "h2"]);
    assert_eq!(
        (s["address"].as_str(), s["port"].as_u64(), s["roles"].as_str(), s["ipv4"].as_str()),
        (Some("127.0.1.9"), Some(2222), Some("web,backup"), Some("192.0.2.2"))
    );
    let log = env.json(&["log", "--entity", "server"]);
    let last = log.as_array().unwrap().last().unwrap();
    assert_eq!(
        (last["action"].as_str(), last["before"]["address"].as_str(), last["after"]["address"].as_str()),
        (Some("update"), Some("127.0.1.2"), Some("127.0.1.9"))
    );
}

#[test]
fn server_update_errors() {
    let env = TestEnv::new();
    env.ok(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "web"]);
    env.ok(&["server", "add", "h3", "--address", "127.0.1.3", "--role", "web"]);
    let e = env.refused(&["server", "update", "h3", "--address", "127.0.1.2"], 4);
    assert!(e["message"].as_str().unwrap().contains("127.0.1.2:22"), "{e}");
    invalid(&env, &["server", "update", "h3", "--address", "h3;reboot"], "address");
    invalid(&env, &["server", "update", "h3", "--role", "smtp"], "role");
    invalid(&env, &["server", "update", "h3", "--port", "0"], "port");
    env.refused(&["server", "update", "h9", "--port", "22"], 1);
    env.dry_run(&["server", "update", "h3", "--port", "2200"]);
}

#[test]
fn server_list_shows_every_server_by_name() {
    let env = TestEnv::new();
    env.ok(&["server", "add", "vm1001", "--address", "127.0.1.3", "--role", "backup"]);
    env.ok(&["server", "add", "h2", "--address", "127.0.1.2", "--port", "2222", "--role", "web,dns-primary", "--ipv6", "2001:db8::2"]);
    let r = human(&env, &["server", "list"]);
    assert_eq!(first_column(&r.stdout, "name"), ["h2", "vm1001"]);
    assert_eq!(row(&r.stdout, "h2"), ["h2", "127.0.1.2", "2222", "web,dns-primary", "-", "2001:db8::2"]);
    assert_eq!(row(&r.stdout, "vm1001"), ["vm1001", "127.0.1.3", "22", "backup", "-", "-"]);
    let list = env.json(&["server", "list"]);
    assert_eq!(names(&list, "name"), ["h2", "vm1001"]);
    assert_eq!(list[0]["port"], 2222);
    assert_eq!(list[1]["roles"], "backup");
}

#[test]
fn server_list_of_an_empty_ledger_is_an_empty_array() {
    let env = TestEnv::new();
    assert_eq!(env.json(&["server", "list"]), json!([]));
}

#[test]
fn server_show_lists_the_packages_on_the_server() {
    let env = TestEnv::seeded();
    let r = human(&env, &["server", "show", "h1"]);
    assert_eq!(field(&r.stdout, "name"), "h1");
    assert_eq!(field(&r.stdout, "address"), "127.0.0.11:22");
    assert_eq!(field(&r.stdout, "roles"), "web,dns-primary");
    assert_eq!(field(&r.stdout, "packages"), "xyz00");
    let s = env.json(&["server", "show", "h1"]);
    assert_eq!(s["packages"], json!(["xyz00"]));
    assert_eq!(s["ipv4"], "127.0.0.11");
    assert_eq!(s["host_key"], Value::Null);
}

#[test]
fn server_show_unknown_or_invalid_name_fails() {
    let env = TestEnv::new();
    let e = env.fails(&["server", "show", "h9"], 1);
    assert_eq!(e["kind"], "not_found");
    assert_eq!(e["message"], "server h9 not found");
    invalid(&env, &["server", "show", "h9;id"], "name");
}

// ---------------------------------------------------------------------------------------------
// server remove
// ---------------------------------------------------------------------------------------------

#[test]
fn server_remove_needs_yes_when_stdin_is_not_a_terminal() {
    let env = TestEnv::new();
    env.ok(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "web"]);
    let msg = invalid(&env, &["server", "remove", "h2"], "--yes");
    assert!(msg.contains("is required when stdin is not a terminal"), "{msg}");
    assert_eq!(names(&env.json(&["server", "list"]), "name"), ["h2"]);
}

#[test]
fn server_remove_with_yes_removes_it() {
    let env = TestEnv::new();
    env.ok(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "web"]);
    let r = human(&env, &["server", "remove", "h2", "--yes"]);
    assert_eq!(field(&r.stdout, "name"), "h2");
    assert!(r.stderr.contains("Removed server h2"), "{}", r.stderr);
    assert_eq!(env.json(&["server", "list"]), json!([]));
    env.fails(&["server", "show", "h2"], 1);
}

#[test]
fn server_remove_json_returns_the_removed_server() {
    let env = TestEnv::new();
    env.ok(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "web"]);
    let s = env.json(&["server", "remove", "h2", "--yes"]);
    assert_eq!(s["name"], "h2");
    assert_eq!(s["address"], "127.0.1.2");
    // The address is free again.
    env.ok(&["server", "add", "h3", "--address", "127.0.1.2", "--role", "web"]);
}

#[test]
fn server_remove_dry_run_needs_no_yes_and_commits_nothing() {
    let env = TestEnv::new();
    env.ok(&["server", "add", "h2", "--address", "127.0.1.2", "--role", "web"]);
    let s = env.dry_run(&["server", "remove", "h2"]);
    assert_eq!(s["name"], "h2");
    assert_eq!(names(&env.json(&["server", "list"]), "name"), ["h2"]);
}

#[test]
fn server_remove_is_refused_while_it_hosts_packages() {
    let env = TestEnv::seeded();
    let e = env.refused(&["server", "remove", "h1", "--yes"], 4);
    assert_eq!(e["kind"], "conflict");
    assert!(e["message"].as_str().unwrap().contains("still hosts packages: xyz00"), "{e}");
}

#[test]
fn server_remove_is_refused_while_a_cancelled_package_names_it() {
    let env = TestEnv::seeded();
    env.ok(&["package", "cancel", "xyz00", "--date", "2026-03-31", "--yes"]);
    let e = env.refused(&["server", "remove", "h1", "--yes"], 4);
    assert!(e["message"].as_str().unwrap().contains("xyz00"), "{e}");
}

#[test]
fn server_remove_of_an_unknown_server_fails_with_not_found() {
    let env = TestEnv::new();
    let e = env.refused(&["server", "remove", "h9", "--yes"], 1);
    assert_eq!(e["message"], "server h9 not found");
}

// ---------------------------------------------------------------------------------------------
// catalog import
// ---------------------------------------------------------------------------------------------

const EXAMPLE_CODES: [&str; 11] =
    ["DW/SA", "DW/MA", "DS/SU", "NS/PRI", "NS/SEC", "DOMAIN/DE", "DOMAIN/ORG", "DOMAIN/COM", "DOMAIN/NET", "COLO/HE", "FEE/MEMBER"];

#[test]
fn catalog_import_reports_what_it_added() {
    let env = TestEnv::new();
    let r = human(&env, &["catalog", "import", &catalog_path()]);
    assert!(r.stdout.contains("added product DW/SA\n"), "{}", r.stdout);
    assert!(r.stdout.contains("added price FEE/MEMBER from 2026-01-01\n"), "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 22, "{}", r.stdout);
    assert!(r.stderr.contains("Imported 11 products and 11 prices added, 0 prices unchanged"), "{}", r.stderr);
}

#[test]
fn catalog_import_json_lists_products_and_prices() {
    let env = TestEnv::new();
    let report = env.json(&["catalog", "import", &catalog_path()]);
    assert_eq!(report["products_added"], json!(EXAMPLE_CODES));
    let prices: Vec<String> = EXAMPLE_CODES.iter().map(|c| format!("{c} from 2026-01-01")).collect();
    assert_eq!(report["prices_added"], json!(prices));
    assert_eq!(report["products_renamed"], json!([]));
    assert_eq!(report["prices_unchanged"], 0);
}

#[test]
fn catalog_import_twice_adds_nothing() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    let before = env.dump();
    let r = env.run(&["--json", "catalog", "import", &catalog_path()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json(), json!({"products_added": [], "products_renamed": [], "prices_added": [], "prices_unchanged": 11}));
    assert!(r.stderr.contains("Imported 0 products and 0 prices added, 11 prices unchanged"), "{}", r.stderr);
    assert_eq!(env.dump(), before, "a second import changed the ledger");
}

#[test]
fn catalog_import_dry_run_reports_and_commits_nothing() {
    let env = TestEnv::new();
    let report = env.dry_run(&["catalog", "import", &catalog_path()]);
    assert_eq!(report["products_added"].as_array().unwrap().len(), 11);
    assert_eq!(env.json(&["catalog", "list"]), json!([]));
}

#[test]
fn catalog_import_refuses_a_changed_price_for_an_existing_valid_from() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    let example = std::fs::read_to_string(catalog_path()).unwrap();
    let changed = example.replacen("base = \"10.00\"", "base = \"11.00\"", 1);
    assert_ne!(changed, example);
    let file = write_file(&env, "changed.toml", &changed);
    let e = env.refused(&["catalog", "import", &file], 4);
    assert_eq!(e["kind"], "conflict");
    assert!(e["message"].as_str().unwrap().contains("the price of DW/SA from 2026-01-01 already exists"), "{e}");
    let list = env.json(&["catalog", "list"]);
    assert_eq!(list.as_array().unwrap().iter().find(|p| p["code"] == "DW/SA").unwrap()["prices"][0]["base"]["cents"], 1000);
}

#[test]
fn catalog_import_is_all_or_nothing() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    let file = write_file(
        &env,
        "mixed.toml",
        r#"
[[product]]
code = "WEB/XL"
name = "Extra large web"
kind = "webspace"

[[product.price]]
valid_from = "2026-01-01"
base = "50.00"
vat_rate = "19"

[[product]]
code = "DW/SA"
name = "Dynamic Web, single admin"
kind = "webspace"

[[product.price]]
valid_from = "2026-01-01"
base = "9.99"
vat_rate = "19"
"#,
    );
    env.refused(&["catalog", "import", &file], 4);
    let codes = names(&env.json(&["catalog", "list", "--all"]), "code");
    assert!(!codes.contains(&"WEB/XL".to_owned()), "{codes:?}");
}

const NEW_TARIFF: &str = r#"
[[product]]
code = "DW/SA"
name = "Dynamic Web, single admin"
kind = "webspace"
period = "month"

[[product.price]]
valid_from = "2026-01-01"
base = "10.00"
vat_rate = "19"
included = { webspace_mb = 1024, traffic_gb = 16, users = 25, domains = 10, databases = 5, addresses = 250 }
extra = { webspace_gb = "1.00", traffic_gb = "0.25", user = "0.50", domain = "1.00" }

[[product.price]]
valid_from = "2026-07-01"
base = "12.00"
vat_rate = "19"
included = { webspace_mb = 2048, traffic_gb = 32, users = 25, domains = 10 }
extra = { webspace_gb = "1.00", traffic_gb = "0.25", user = "0.50", domain = "1.00" }
"#;

fn dw_sa(list: &Value) -> Value {
    list.as_array().unwrap().iter().find(|p| p["code"] == "DW/SA").expect("DW/SA listed").clone()
}

#[test]
fn catalog_import_of_a_new_valid_from_adds_a_price_version() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    let file = write_file(&env, "new.toml", NEW_TARIFF);
    let report = env.json(&["catalog", "import", &file]);
    assert_eq!(report, json!({"products_added": [], "products_renamed": [], "prices_added": ["DW/SA from 2026-07-01"], "prices_unchanged": 1}));
    let all = dw_sa(&env.json(&["catalog", "list", "--all"]));
    let froms: Vec<&str> = all["prices"].as_array().unwrap().iter().map(|p| p["valid_from"].as_str().unwrap()).collect();
    assert_eq!(froms, ["2026-01-01", "2026-07-01"]);
    assert_eq!(all["prices"][0]["base"]["cents"], 1000, "the old tariff stays as it was");
    assert_eq!(all["prices"][1]["base"]["cents"], 1200);
}

#[test]
fn catalog_list_date_picks_the_price_in_force() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    env.ok(&["catalog", "import", &write_file(&env, "new.toml", NEW_TARIFF)]);
    let on = |date: &str| dw_sa(&env.json(&["catalog", "list", "--date", date]))["prices"].clone();
    assert_eq!(on("2026-06-30").as_array().unwrap().len(), 1);
    assert_eq!(on("2026-06-30")[0]["valid_from"], "2026-01-01");
    assert_eq!(on("2026-07-01")[0]["valid_from"], "2026-07-01");
    assert_eq!(on("2026-07-01")[0]["included"]["webspace_mb"], 2048);
    assert_eq!(on("2030-01-01")[0]["base"]["amount"], "12.00");
    assert_eq!(on("2025-12-31"), json!([]), "no tariff before the first one");
    // Without --date: today (HSADMIN_TODAY = 2026-06-01).
    assert_eq!(dw_sa(&env.json(&["catalog", "list"]))["prices"][0]["valid_from"], "2026-01-01");
}

#[test]
fn catalog_list_all_shows_every_version_in_the_table() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    env.ok(&["catalog", "import", &write_file(&env, "new.toml", NEW_TARIFF)]);
    let out = human(&env, &["catalog", "list", "--all"]).stdout;
    let rows: Vec<&str> = out.lines().filter(|l| l.trim_start().starts_with("DW/SA ")).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].contains("2026-01-01") && rows[0].contains("10.00/month"), "{}", rows[0]);
    assert!(rows[1].contains("2026-07-01") && rows[1].contains("12.00/month") && rows[1].contains("2048 MB"), "{}", rows[1]);
    let today = human(&env, &["catalog", "list"]).stdout;
    assert_eq!(today.lines().filter(|l| l.trim_start().starts_with("DW/SA ")).count(), 1, "{today}");
}

#[test]
fn catalog_list_human_shows_prices_included_and_extra_units() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    let out = human(&env, &["catalog", "list"]).stdout;
    assert_eq!(
        row(&out, "DW/SA"),
        [
            "DW/SA",
            "Dynamic Web, single admin",
            "webspace",
            "2026-01-01",
            "10.00/month",
            "19.00",
            "1024 MB, 16 GB traffic, 25 users, 10 domains",
            "1.00/GB, 0.25/GB traffic, 0.50/user, 1.00/domain"
        ]
    );
    assert_eq!(row(&out, "DOMAIN/DE")[4], "12.00/year");
    assert_eq!(row(&out, "FEE/MEMBER")[5], "0.00");
}

#[test]
fn catalog_list_json_has_products_and_money_fields() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    let list = env.json(&["catalog", "list"]);
    let mut codes = names(&list, "code");
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted, "listed by code");
    codes.retain(|c| EXAMPLE_CODES.contains(&c.as_str()));
    assert_eq!(codes.len(), 11);
    let p = dw_sa(&list);
    assert_eq!(p["name"], "Dynamic Web, single admin");
    assert_eq!(p["kind"], "webspace");
    assert_eq!(p["period"], "month");
    assert_eq!(
        p["prices"],
        json!([{
            "product": "DW/SA",
            "valid_from": "2026-01-01",
            "base": {"cents": 1000, "amount": "10.00", "currency": "EUR"},
            "vat_rate_bp": 1900,
            "included": {"webspace_mb": 1024, "traffic_gb": 16, "users": 25, "domains": 10, "databases": 5, "addresses": 250},
            "extra": {
                "webspace_gb": {"cents": 100, "amount": "1.00", "currency": "EUR"},
                "traffic_gb": {"cents": 25, "amount": "0.25", "currency": "EUR"},
                "user": {"cents": 50, "amount": "0.50", "currency": "EUR"},
                "domain": {"cents": 100, "amount": "1.00", "currency": "EUR"}
            }
        }])
    );
}

#[test]
fn catalog_list_rejects_a_bad_date_and_date_with_all() {
    let env = TestEnv::new();
    invalid(&env, &["catalog", "list", "--date", "2026-02-30"], "date");
    invalid(&env, &["catalog", "list", "--date", "01.06.2026"], "date");
    let e = env.fails(&["catalog", "list", "--date", "2026-06-01", "--all"], 2);
    assert_eq!(e["kind"], "usage");
}

#[test]
fn catalog_import_renames_a_product_but_keeps_its_prices() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    let renamed = NEW_TARIFF.replace("Dynamic Web, single admin", "Dynamic Web S");
    let report = env.json(&["catalog", "import", &write_file(&env, "renamed.toml", &renamed)]);
    assert_eq!(report["products_renamed"], json!(["DW/SA"]));
    let p = dw_sa(&env.json(&["catalog", "list", "--all"]));
    assert_eq!(p["name"], "Dynamic Web S");
    assert_eq!(p["prices"].as_array().unwrap().len(), 2);
}

#[test]
fn catalog_import_refuses_to_change_a_products_kind() {
    let env = TestEnv::new();
    env.ok(&["catalog", "import", &catalog_path()]);
    let file = write_file(&env, "kind.toml", "[[product]]\ncode = \"DW/SA\"\nname = \"Dynamic Web, single admin\"\nkind = \"colo\"\n");
    let e = env.refused(&["catalog", "import", &file], 4);
    assert!(e["message"].as_str().unwrap().contains("kind and period never change"), "{e}");
}

#[test]
fn catalog_import_rejects_an_unknown_key_naming_it() {
    let env = TestEnv::new();
    let file = write_file(&env, "unknown.toml", "[[product]]\ncode = \"DW/SA\"\nname = \"Dynamic Web\"\nkind = \"webspace\"\ncolour = \"red\"\n");
    let msg = invalid(&env, &["catalog", "import", &file], "catalog file");
    assert!(msg.contains("unknown field `colour`"), "{msg}");
    let nested = write_file(
        &env,
        "nested.toml",
        "[[product]]\ncode = \"DW/SA\"\nname = \"Dynamic Web\"\nkind = \"webspace\"\n[[product.price]]\nvalid_from = \"2026-01-01\"\nbase = \"1.00\"\nvat_rate = \"19\"\nincluded = { webspace_mb = 1, disk_gb = 2 }\n",
    );
    let msg = invalid(&env, &["catalog", "import", &nested], "catalog file");
    assert!(msg.contains("unknown field `disk_gb`"), "{msg}");
    let top = write_file(&env, "top.toml", "version = 2\n");
    let msg = invalid(&env, &["catalog", "import", &top], "catalog file");
    assert!(msg.contains("unknown field `version`"), "{msg}");
    assert_eq!(env.json(&["catalog", "list"]), json!([]));
}

fn one_price(valid_from: &str, base: &str, vat_rate: &str) -> String {
    format!(
        "[[product]]\ncode = \"WEB/XL\"\nname = \"Extra large web\"\nkind = \"webspace\"\n\n[[product.price]]\nvalid_from = \"{valid_from}\"\nbase = \"{base}\"\nvat_rate = \"{vat_rate}\"\n"
    )
}

#[test]
fn catalog_import_rejects_a_bad_vat_rate() {
    let env = TestEnv::new();
    for bad in ["abc", "120", "-7", "19,5", "19.123"] {
        let file = write_file(&env, "vat.toml", &one_price("2026-01-01", "10.00", bad));
        let msg = invalid(&env, &["catalog", "import", &file], "product[0].price[0].vat_rate");
        assert!(msg.contains("percent"), "{bad:?}: {msg}");
    }
    let file = write_file(&env, "vat.toml", &one_price("2026-01-01", "10.00", "7.5"));
    assert_eq!(env.json(&["catalog", "import", &file])["prices_added"], json!(["WEB/XL from 2026-01-01"]));
}

#[test]
fn catalog_import_rejects_a_bad_base_price() {
    let env = TestEnv::new();
    for bad in ["10,00", "-1", "1.234", "", "ten", "9999999999999"] {
        let file = write_file(&env, "base.toml", &one_price("2026-01-01", bad, "19"));
        invalid(&env, &["catalog", "import", &file], "product[0].price[0].base");
    }
}

#[test]
fn catalog_import_rejects_a_bad_valid_from() {
    let env = TestEnv::new();
    for bad in ["2026-02-30", "01.01.2026", "2026-1-1", "tomorrow", ""] {
        let file = write_file(&env, "date.toml", &one_price(bad, "10.00", "19"));
        let msg = invalid(&env, &["catalog", "import", &file], "product[0].price[0].valid_from");
        assert!(msg.contains("YYYY-MM-DD"), "{bad:?}: {msg}");
    }
}

#[test]
fn catalog_import_rejects_bad_codes_kinds_periods_and_extras() {
    let env = TestEnv::new();
    let base = one_price("2026-01-01", "10.00", "19");
    let cases = [
        (base.replace("WEB/XL", "web/xl"), "product[0].code"),
        (base.replace("kind = \"webspace\"", "kind = \"hosting\""), "product[0].kind"),
        (base.replace("kind = \"webspace\"", "kind = \"webspace\"\nperiod = \"week\""), "product[0].period"),
        (base.replace("Extra large web", "   "), "product[0].name"),
        (base.clone() + "extra = { user = \"0,50\" }\n", "product[0].price[0].extra.user"),
        (base.clone() + "included = { users = -1 }\n", "product[0].price[0].included.users"),
    ];
    for (text, field) in cases {
        let file = write_file(&env, "bad.toml", &text);
        invalid(&env, &["catalog", "import", &file], field);
    }
}

#[test]
fn catalog_import_of_a_missing_or_broken_file_fails() {
    let env = TestEnv::new();
    let msg = invalid(&env, &["catalog", "import", "/nonexistent/catalog.toml"], "file");
    assert!(msg.contains("cannot read /nonexistent/catalog.toml"), "{msg}");
    let broken = write_file(&env, "broken.toml", "[[product]\ncode = ");
    invalid(&env, &["catalog", "import", &broken], "catalog file");
}

// ---------------------------------------------------------------------------------------------
// package create
// ---------------------------------------------------------------------------------------------

#[test]
fn package_create_prints_the_package_and_a_status_line() {
    let env = TestEnv::seeded();
    let r = human(&env, CREATE_XYZ01);
    assert_eq!(field(&r.stdout, "name"), "xyz01");
    assert_eq!(field(&r.stdout, "member"), "10001");
    assert_eq!(field(&r.stdout, "product"), "DW/SA");
    assert_eq!(field(&r.stdout, "server"), "h1");
    assert_eq!(field(&r.stdout, "webspace"), "1024 MB");
    assert_eq!(field(&r.stdout, "from"), "2026-02-01");
    assert_eq!(field(&r.stdout, "to"), "-");
    assert_eq!(field(&r.stdout, "status"), "active");
    assert_eq!(field(&r.stdout, "unix users"), "1 of 25: xyz01");
    assert!(r.stderr.contains("Created package xyz01 on h1 with admin user xyz01"), "{}", r.stderr);
}

#[test]
fn package_create_defaults_resources_to_what_the_product_includes() {
    let env = TestEnv::seeded();
    let p = env.json(CREATE_XYZ01);
    assert_eq!(
        p,
        json!({
            "name": "xyz01",
            "member": 10001,
            "product": "DW/SA",
            "server": "h1",
            "webspace_mb": 1024,
            "traffic_gb": 16,
            "users": 25,
            "domains": 10,
            "valid_from": "2026-02-01",
            "valid_to": null,
            "free": false,
            "comment": null,
            "purged_at": null,
            "status": "active",
            "users_used": ["xyz01"],
            "live": null
        })
    );
    let ma = env.json(&["package", "create", "xyz02", "--member", "10001", "--product", "DW/MA", "--server", "h1"]);
    assert_eq!(
        (ma["webspace_mb"].as_i64(), ma["traffic_gb"].as_i64(), ma["users"].as_i64(), ma["domains"].as_i64()),
        (Some(4096), Some(64), Some(100), Some(50))
    );
    assert_eq!(ma["valid_from"], "2026-06-01", "--since defaults to today");
}

#[test]
fn package_create_resources_can_be_overridden() {
    let env = TestEnv::seeded();
    let args = with(CREATE_XYZ01, &["--webspace-mb", "2048", "--traffic-gb", "0", "--users", "3", "--domains", "0", "--free", "--comment", "for the choir"]);
    let p = env.json(&args);
    assert_eq!(p["webspace_mb"], 2048);
    assert_eq!(p["traffic_gb"], 0);
    assert_eq!(p["users"], 3);
    assert_eq!(p["domains"], 0);
    assert_eq!(p["free"], true);
    assert_eq!(p["comment"], "for the choir");
    let shown = env.json(&["package", "show", "xyz01"]);
    assert_eq!(shown["webspace_mb"], 2048);
    assert_eq!(shown["free"], true);
}

#[test]
fn package_create_takes_the_included_resources_of_the_tariff_in_force_on_since() {
    let env = TestEnv::seeded();
    env.ok(&["catalog", "import", &write_file(&env, "new.toml", NEW_TARIFF)]);
    let before = env.json(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-06-30"]);
    assert_eq!(before["webspace_mb"], 1024);
    let after = env.json(&["package", "create", "xyz02", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-07-01"]);
    assert_eq!(after["webspace_mb"], 2048);
    assert_eq!(after["traffic_gb"], 32);
}

#[test]
fn package_create_creates_its_admin_user() {
    let env = TestEnv::seeded();
    let admin = env.json(&["user", "show", "xyz00"]);
    assert_eq!(
        admin,
        json!({
            "name": "xyz00",
            "package": "xyz00",
            "uid": 100000,
            "shell": "/bin/bash",
            "comment": null,
            "quota_soft_mb": 0,
            "quota_hard_mb": 0,
            "locked": false,
            "password_set": false,
            "home": "/home/pacs/xyz00"
        })
    );
    env.ok(CREATE_XYZ01);
    let second = env.json(&["user", "show", "xyz01"]);
    assert_eq!(second["uid"], 100001);
    assert_eq!(second["home"], "/home/pacs/xyz01");
    assert_eq!(second["package"], "xyz01");
}

#[test]
fn package_create_takes_uids_from_the_configured_range() {
    let env = TestEnv::seeded();
    std::fs::write(&env.config, "[hosting]\nuid_min = 200000\nuid_max = 200001\n").unwrap();
    assert_eq!(env.json(CREATE_XYZ01)["users_used"], json!(["xyz01"]));
    assert_eq!(env.json(&["user", "show", "xyz01"])["uid"], 200000);
    assert_eq!(add_user(&env, "xyz01-web")["uid"], 200001);
    let e = env.refused(&["user", "add", "xyz01-ftp"], 1);
    assert_eq!(e["kind"], "failed");
    assert!(e["message"].as_str().unwrap().contains("uid range 200000-200001 is used up"), "{e}");
}

#[test]
fn package_create_dry_run_shows_the_package_and_commits_nothing() {
    let env = TestEnv::seeded();
    let p = env.dry_run(CREATE_XYZ01);
    assert_eq!(p["name"], "xyz01");
    assert_eq!(p["users_used"], json!(["xyz01"]));
    env.fails(&["package", "show", "xyz01"], 1);
    env.fails(&["user", "show", "xyz01"], 1);
}

#[test]
fn package_create_name_must_carry_the_members_prefix() {
    let env = TestEnv::seeded();
    let msg = invalid(&env, &["package", "create", "abc01", "--member", "10001", "--product", "DW/SA", "--server", "h1"], "name");
    assert!(msg.contains("abc01 must start with the prefix of member 10001 (xyz)"), "{msg}");
}

#[test]
fn package_create_rejects_malformed_names() {
    let env = TestEnv::seeded();
    for bad in ["xyz0", "xyz000", "XYZ01", "xyz01-web", "xyz0a", "../x", "xyz01;id", "хyz01"] {
        let msg = invalid(&env, &["package", "create", bad, "--member", "10001", "--product", "DW/SA", "--server", "h1"], "name");
        assert!(msg.contains("must be a package name"), "{bad:?}: {msg}");
    }
}

#[test]
fn package_create_needs_an_existing_member() {
    let env = TestEnv::seeded();
    let e = env.refused(&["package", "create", "xyz01", "--member", "10009", "--product", "DW/SA", "--server", "h1"], 1);
    assert_eq!(e["message"], "member 10009 not found");
    invalid(&env, &["package", "create", "xyz01", "--member", "999", "--product", "DW/SA", "--server", "h1"], "member");
}

#[test]
fn package_create_needs_an_active_member() {
    let env = TestEnv::seeded();
    add_member_abc(&env, "2026-01-01");
    env.ok(&["member", "leave", "10002", "--date", "2026-05-31", "--yes"]);
    let e = env.refused(&["package", "create", "abc00", "--member", "10002", "--product", "DW/SA", "--server", "h1"], 4);
    assert_eq!(e["kind"], "conflict");
    assert!(e["message"].as_str().unwrap().contains("member 10002 is CANCELLED and cannot get new packages"), "{e}");
}

#[test]
fn package_create_cannot_start_before_the_member_joined() {
    let env = TestEnv::seeded();
    let msg =
        invalid(&env, &with(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h1"], &["--since", "2025-12-31"]), "since");
    assert!(msg.contains("before member 10001 joined (2026-01-01)"), "{msg}");
    invalid(&env, &["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-13-01"], "since");
}

#[test]
fn package_create_needs_a_price_in_force_on_since() {
    let env = TestEnv::seeded();
    add_member_abc(&env, "2025-01-01");
    let e = env.refused(&["package", "create", "abc00", "--member", "10002", "--product", "DW/SA", "--server", "h1", "--since", "2025-06-01"], 4);
    assert!(e["message"].as_str().unwrap().contains("product DW/SA has no price valid on 2025-06-01"), "{e}");
}

#[test]
fn package_create_needs_an_existing_product() {
    let env = TestEnv::seeded();
    let e = env.refused(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/XL", "--server", "h1"], 1);
    assert_eq!(e["kind"], "not_found");
    assert!(e["message"].as_str().unwrap().contains("product DW/XL"), "{e}");
    invalid(&env, &["package", "create", "xyz01", "--member", "10001", "--product", "dw/sa", "--server", "h1"], "product");
}

#[test]
fn package_create_needs_a_webspace_product() {
    let env = TestEnv::seeded();
    let msg = invalid(&env, &["package", "create", "xyz01", "--member", "10001", "--product", "NS/PRI", "--server", "h1"], "product");
    assert!(msg.contains("NS/PRI is a dns product; packages need a webspace product"), "{msg}");
    let msg = invalid(&env, &["package", "create", "xyz01", "--member", "10001", "--product", "DOMAIN/DE", "--server", "h1"], "product");
    assert!(msg.contains("is a domain product"), "{msg}");
}

#[test]
fn package_create_needs_an_existing_server() {
    let env = TestEnv::seeded();
    let e = env.refused(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h9"], 1);
    assert_eq!(e["message"], "server h9 not found");
    invalid(&env, &["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "H9"], "server");
}

#[test]
fn package_create_needs_a_server_with_the_web_role() {
    let env = TestEnv::seeded();
    env.ok(&["server", "add", "ns2", "--address", "127.0.0.12", "--role", "dns-secondary,backup"]);
    let msg = invalid(&env, &["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "ns2"], "server");
    assert!(msg.contains("ns2 has roles dns-secondary,backup; packages need a server with the web role"), "{msg}");
}

#[test]
fn package_create_checks_resource_bounds() {
    let env = TestEnv::seeded();
    for (flag, value, field) in [
        ("--webspace-mb", "0", "webspace-mb"),
        ("--webspace-mb", "2048001", "webspace-mb"),
        ("--traffic-gb", "64001", "traffic-gb"),
        ("--users", "0", "users"),
        ("--users", "2501", "users"),
        ("--domains", "10001", "domains"),
    ] {
        let msg = invalid(&env, &with(CREATE_XYZ01, &[flag, value]), field);
        assert!(msg.contains(&format!("{value} must be between")), "{flag} {value}: {msg}");
    }
    let e = env.refused(&with(CREATE_XYZ01, &["--webspace-mb", "many"]), 2);
    assert_eq!(e["kind"], "usage");
}

#[test]
fn package_create_refuses_a_duplicate_package() {
    let env = TestEnv::seeded();
    let e = env.refused(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1"], 4);
    assert_eq!(e["message"], "package xyz00 already exists");
}

// ---------------------------------------------------------------------------------------------
// package list / show
// ---------------------------------------------------------------------------------------------

#[test]
fn package_list_shows_packages_with_their_status() {
    let env = TestEnv::seeded();
    env.ok(CREATE_XYZ01);
    env.ok(&["package", "cancel", "xyz01", "--date", "2026-03-31", "--yes"]);
    let out = human(&env, &["package", "list"]).stdout;
    assert_eq!(first_column(&out, "name"), ["xyz00", "xyz01"]);
    assert_eq!(row(&out, "xyz00"), ["xyz00", "10001", "DW/SA", "h1", "1024", "25", "2026-01-01", "-", "active"]);
    assert_eq!(row(&out, "xyz01"), ["xyz01", "10001", "DW/SA", "h1", "1024", "25", "2026-02-01", "2026-03-31", "cancelled"]);
    let list = env.json(&["package", "list"]);
    assert_eq!(names(&list, "name"), ["xyz00", "xyz01"]);
    assert_eq!(list[0]["status"], "active");
    assert_eq!(list[1]["status"], "cancelled");
    assert_eq!(list[1]["valid_to"], "2026-03-31");
    assert_eq!(list[0]["member"], 10001);
}

#[test]
fn package_list_filters_by_member_and_server() {
    let env = TestEnv::seeded();
    add_member_abc(&env, "2026-01-01");
    env.ok(&["server", "add", "h2", "--address", "127.0.0.12", "--role", "web"]);
    env.ok(&["package", "create", "abc00", "--member", "10002", "--product", "DW/SA", "--server", "h2"]);
    assert_eq!(names(&env.json(&["package", "list", "--member", "10002"]), "name"), ["abc00"]);
    assert_eq!(names(&env.json(&["package", "list", "--server", "h1"]), "name"), ["xyz00"]);
    assert_eq!(env.json(&["package", "list", "--member", "10001", "--server", "h2"]), json!([]));
    assert_eq!(names(&env.json(&["package", "list"]), "name"), ["abc00", "xyz00"]);
    invalid(&env, &["package", "list", "--member", "abc"], "member");
    invalid(&env, &["package", "list", "--server", "h2;x"], "server");
}

#[test]
fn package_show_lists_the_packages_users() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    let out = human(&env, &["package", "show", "xyz00"]).stdout;
    assert_eq!(field(&out, "traffic"), "16 GB");
    assert_eq!(field(&out, "domains"), "10");
    assert_eq!(field(&out, "free"), "no");
    assert_eq!(field(&out, "unix users"), "2 of 25: xyz00, xyz00-web");
    let p = env.json(&["package", "show", "xyz00"]);
    assert_eq!(p["users_used"], json!(["xyz00", "xyz00-web"]));
    assert_eq!(p["status"], "active");
}

#[test]
fn package_show_of_an_unknown_or_invalid_name_fails() {
    let env = TestEnv::seeded();
    let e = env.fails(&["package", "show", "xyz09"], 1);
    assert_eq!(e["message"], "package xyz09 not found");
    invalid(&env, &["package", "show", "xyz09-web"], "name");
}

// ---------------------------------------------------------------------------------------------
// package update
// ---------------------------------------------------------------------------------------------

#[test]
fn package_update_changes_resources_and_billing() {
    let env = TestEnv::seeded();
    let r = human(&env, &["package", "update", "xyz00", "--webspace-mb", "4096", "--free", "true", "--comment", "board"]);
    assert_eq!(field(&r.stdout, "webspace"), "4096 MB");
    assert_eq!(field(&r.stdout, "free"), "yes");
    assert_eq!(field(&r.stdout, "comment"), "board");
    assert!(r.stderr.contains("Updated package xyz00"), "{}", r.stderr);
    let p = env.json(&["package", "update", "xyz00", "--users", "5", "--domains", "2", "--traffic-gb", "8"]);
    assert_eq!((p["webspace_mb"].as_i64(), p["users"].as_i64(), p["domains"].as_i64(), p["traffic_gb"].as_i64()), (Some(4096), Some(5), Some(2), Some(8)));
    assert_eq!(p["free"], true);
    assert_eq!(p["comment"], "board");
    assert_eq!(env.json(&["package", "show", "xyz00"])["users"], 5);
}

#[test]
fn package_update_without_changes_writes_no_audit_entry() {
    let env = TestEnv::seeded();
    let before = env.dump();
    env.json(&["package", "update", "xyz00", "--webspace-mb", "1024"]);
    assert_eq!(env.dump(), before);
}

#[test]
fn package_update_dry_run_shows_the_result_and_commits_nothing() {
    let env = TestEnv::seeded();
    let p = env.dry_run(&["package", "update", "xyz00", "--webspace-mb", "4096"]);
    assert_eq!(p["webspace_mb"], 4096);
    assert_eq!(env.json(&["package", "show", "xyz00"])["webspace_mb"], 1024);
}

#[test]
fn package_update_refuses_webspace_below_a_users_hard_quota() {
    let env = TestEnv::seeded();
    env.ok(&["user", "add", "xyz00-web", "--quota-soft-mb", "400", "--quota-hard-mb", "500"]);
    let msg = invalid(&env, &["package", "update", "xyz00", "--webspace-mb", "499"], "webspace-mb");
    assert!(msg.contains("499 MB is less than a user's hard quota of 500 MB"), "{msg}");
    assert_eq!(env.json(&["package", "update", "xyz00", "--webspace-mb", "500"])["webspace_mb"], 500);
}

#[test]
fn package_update_refuses_fewer_users_than_it_has() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    add_user(&env, "xyz00-ftp");
    let msg = invalid(&env, &["package", "update", "xyz00", "--users", "2"], "users");
    assert!(msg.contains("2 is less than the 3 users the package already has"), "{msg}");
    assert_eq!(env.json(&["package", "update", "xyz00", "--users", "3"])["users"], 3);
}

#[test]
fn package_update_checks_bounds() {
    let env = TestEnv::seeded();
    invalid(&env, &["package", "update", "xyz00", "--webspace-mb", "0"], "webspace-mb");
    invalid(&env, &["package", "update", "xyz00", "--users", "0"], "users");
    invalid(&env, &["package", "update", "xyz00", "--domains", "10001"], "domains");
    invalid(&env, &["package", "update", "xyz00", "--comment", "a\nb"], "comment");
    let e = env.refused(&["package", "update", "xyz00", "--free", "maybe"], 2);
    assert_eq!(e["kind"], "usage");
}

#[test]
fn package_update_of_an_unknown_package_fails() {
    let env = TestEnv::seeded();
    let e = env.refused(&["package", "update", "xyz09", "--users", "3"], 1);
    assert_eq!(e["message"], "package xyz09 not found");
}

// ---------------------------------------------------------------------------------------------
// package cancel
// ---------------------------------------------------------------------------------------------

#[test]
fn package_cancel_for_a_future_date_is_ending() {
    let env = TestEnv::seeded();
    let r = human(&env, &["package", "cancel", "xyz00", "--date", "2026-06-30", "--yes"]);
    assert_eq!(field(&r.stdout, "to"), "2026-06-30");
    assert!(r.stderr.contains("Cancelled package xyz00 as of 2026-06-30"), "{}", r.stderr);
    let p = env.json(&["package", "show", "xyz00"]);
    assert_eq!(p["valid_to"], "2026-06-30");
    assert_eq!(p["status"], "ending");
}

#[test]
fn package_cancel_on_today_is_still_ending() {
    let env = TestEnv::seeded();
    let p = env.json(&["package", "cancel", "xyz00", "--date", "2026-06-01", "--yes"]);
    assert_eq!(p["valid_to"], "2026-06-01");
    assert_eq!(env.json(&["package", "show", "xyz00"])["status"], "ending");
}

#[test]
fn package_cancel_for_a_past_date_is_cancelled() {
    let env = TestEnv::seeded();
    let p = env.json(&["package", "cancel", "xyz00", "--date", "2026-05-31", "--yes"]);
    assert_eq!(p["name"], "xyz00");
    assert_eq!(p["valid_to"], "2026-05-31");
    assert_eq!(env.json(&["package", "show", "xyz00"])["status"], "cancelled");
    assert_eq!(env.json(&["package", "list"])[0]["status"], "cancelled");
}

#[test]
fn package_cancel_twice_is_a_conflict() {
    let env = TestEnv::seeded();
    env.ok(&["package", "cancel", "xyz00", "--date", "2026-06-30", "--yes"]);
    let e = env.refused(&["package", "cancel", "xyz00", "--date", "2026-07-31", "--yes"], 4);
    assert_eq!(e["message"], "package xyz00 is already cancelled as of 2026-06-30");
}

#[test]
fn package_cancel_needs_yes_when_stdin_is_not_a_terminal() {
    let env = TestEnv::seeded();
    let msg = invalid(&env, &["package", "cancel", "xyz00", "--date", "2026-06-30"], "--yes");
    assert!(msg.contains("is required when stdin is not a terminal"), "{msg}");
    assert_eq!(env.json(&["package", "show", "xyz00"])["status"], "active");
}

#[test]
fn package_cancel_dry_run_shows_the_result_and_commits_nothing() {
    let env = TestEnv::seeded();
    let p = env.dry_run(&["package", "cancel", "xyz00", "--date", "2026-06-30"]);
    assert_eq!(p["valid_to"], "2026-06-30");
    assert_eq!(env.json(&["package", "show", "xyz00"])["valid_to"], Value::Null);
}

#[test]
fn package_cancel_rejects_a_date_before_the_start_or_a_bad_date() {
    let env = TestEnv::seeded();
    let msg = invalid(&env, &["package", "cancel", "xyz00", "--date", "2025-12-31", "--yes"], "date");
    assert!(msg.contains("before the package started (2026-01-01)"), "{msg}");
    invalid(&env, &["package", "cancel", "xyz00", "--date", "30.06.2026", "--yes"], "date");
}

#[test]
fn package_cancel_of_an_unknown_package_fails() {
    let env = TestEnv::seeded();
    let e = env.refused(&["package", "cancel", "xyz09", "--date", "2026-06-30", "--yes"], 1);
    assert_eq!(e["message"], "package xyz09 not found");
}

// ---------------------------------------------------------------------------------------------
// user add
// ---------------------------------------------------------------------------------------------

#[test]
fn user_add_prints_the_user_and_a_status_line() {
    let env = TestEnv::seeded();
    let r = human(&env, &["user", "add", "xyz00-web", "--shell", "/bin/bash", "--quota-soft-mb", "100", "--quota-hard-mb", "120", "--comment", "Web site"]);
    assert_eq!(field(&r.stdout, "name"), "xyz00-web");
    assert_eq!(field(&r.stdout, "package"), "xyz00");
    assert_eq!(field(&r.stdout, "uid"), "100001");
    assert_eq!(field(&r.stdout, "home"), "/home/pacs/xyz00/users/web");
    assert_eq!(field(&r.stdout, "shell"), "/bin/bash");
    assert_eq!(field(&r.stdout, "quota"), "100 MB soft, 120 MB hard");
    assert_eq!(field(&r.stdout, "locked"), "no");
    assert_eq!(field(&r.stdout, "password"), "not set");
    assert_eq!(field(&r.stdout, "comment"), "Web site");
    assert!(r.stderr.contains("Added user xyz00-web (uid 100001) to package xyz00"), "{}", r.stderr);
}

#[test]
fn user_add_json_carries_every_field_with_defaults() {
    let env = TestEnv::seeded();
    let u = add_user(&env, "xyz00-web");
    assert_eq!(
        u,
        json!({
            "name": "xyz00-web",
            "package": "xyz00",
            "uid": 100001,
            "shell": "/bin/false",
            "comment": null,
            "quota_soft_mb": 0,
            "quota_hard_mb": 0,
            "locked": false,
            "password_set": false,
            "home": "/home/pacs/xyz00/users/web"
        })
    );
    assert_eq!(env.json(&["user", "show", "xyz00-web"]), u);
}

#[test]
fn user_add_dry_run_shows_the_user_and_commits_nothing() {
    let env = TestEnv::seeded();
    let u = env.dry_run(&["user", "add", "xyz00-web"]);
    assert_eq!(u["uid"], 100001);
    env.fails(&["user", "show", "xyz00-web"], 1);
}

#[test]
fn user_add_accepts_every_suffix_form() {
    let env = TestEnv::seeded();
    for (name, home) in [
        ("xyz00-web", "/home/pacs/xyz00/users/web"),
        ("xyz00-a.b_c-d", "/home/pacs/xyz00/users/a.b_c-d"),
        ("xyz00-0", "/home/pacs/xyz00/users/0"),
        ("xyz00-abcdefghijklmnopqrstuvwxy", "/home/pacs/xyz00/users/abcdefghijklmnopqrstuvwxy"),
    ] {
        assert_eq!(add_user(&env, name)["home"], home);
    }
}

#[test]
fn user_add_refuses_the_bare_package_name() {
    let env = TestEnv::seeded();
    env.ok(CREATE_XYZ01);
    for admin in ["xyz00", "xyz01"] {
        let msg = invalid(&env, &["user", "add", admin], "name");
        assert!(msg.contains("is the package admin, which is created with its package"), "{msg}");
    }
}

#[test]
fn user_add_rejects_hostile_names() {
    let env = TestEnv::seeded();
    for bad in [
        "",
        "xyz00-",
        "xyz00--x",
        "xyz00-.hidden",
        "xyz00-..",
        "xyz00-a b",
        "xyz00-a/b",
        "xyz00-Web",
        "xyz00-web;id",
        "xyz00-$(id)",
        "xyz00-a\nroot",
        "xyz00-wеb",
        "XYZ00-web",
        "xyz0-web",
        "../etc/passwd",
        "xyz00-abcdefghijklmnopqrstuvwxyz0",
    ] {
        let msg = invalid(&env, &["user", "add", bad], "name");
        assert!(msg.contains("must be a user name"), "{bad:?}: {msg}");
    }
}

#[test]
fn user_add_to_an_unknown_package_fails_with_not_found() {
    let env = TestEnv::seeded();
    let e = env.refused(&["user", "add", "xyz09-web"], 1);
    assert_eq!(e["kind"], "not_found");
    assert_eq!(e["message"], "package xyz09 not found");
}

#[test]
fn user_add_refuses_a_duplicate_user() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    let e = env.refused(&["user", "add", "xyz00-web"], 4);
    assert_eq!(e["message"], "user xyz00-web already exists");
}

#[test]
fn user_add_takes_shells_only_from_the_allow_list() {
    let env = TestEnv::seeded();
    for (i, shell) in ["/bin/false", "/bin/bash", "/bin/csh", "/bin/dash", "/usr/bin/tcsh", "/usr/bin/zsh", "/usr/bin/passwd"].iter().enumerate() {
        let name = format!("xyz00-u{i}");
        assert_eq!(env.json(&["user", "add", &name, "--shell", shell])["shell"], *shell);
    }
    for bad in ["/bin/sh", "bash", "/bin/bash ", "/bin/bash;id", "/tmp/evil", ""] {
        let msg = invalid(&env, &["user", "add", "xyz00-bad", "--shell", bad], "shell");
        assert!(msg.contains("must be one of /bin/false, /bin/bash"), "{bad:?}: {msg}");
    }
}

#[test]
fn user_add_quotas_soft_at_most_hard_at_most_the_package_webspace() {
    let env = TestEnv::seeded();
    let msg = invalid(&env, &["user", "add", "xyz00-web", "--quota-soft-mb", "200", "--quota-hard-mb", "100"], "quota-soft-mb");
    assert!(msg.contains("200 MB must not exceed the hard quota of 100 MB"), "{msg}");
    invalid(&env, &["user", "add", "xyz00-web", "--quota-soft-mb", "10"], "quota-soft-mb");
    let msg = invalid(&env, &["user", "add", "xyz00-web", "--quota-hard-mb", "1025"], "quota-hard-mb");
    assert!(msg.contains("1025 must be between 0 and 1024"), "{msg}");
    invalid(&env, &["user", "add", "xyz00-web", "--quota-hard-mb", "99999999"], "quota-hard-mb");
    let u = env.json(&["user", "add", "xyz00-web", "--quota-soft-mb", "1024", "--quota-hard-mb", "1024"]);
    assert_eq!((u["quota_soft_mb"].as_i64(), u["quota_hard_mb"].as_i64()), (Some(1024), Some(1024)));
}

#[test]
fn user_add_respects_the_packages_user_limit() {
    let env = TestEnv::seeded();
    env.ok(&with(CREATE_XYZ01, &["--users", "2"]));
    add_user(&env, "xyz01-web");
    let e = env.refused(&["user", "add", "xyz01-ftp"], 4);
    assert!(e["message"].as_str().unwrap().contains("package xyz01 already has its 2 users"), "{e}");
    env.ok(&["package", "update", "xyz01", "--users", "3"]);
    assert_eq!(add_user(&env, "xyz01-ftp")["package"], "xyz01");
}

#[test]
fn user_add_to_a_cancelled_package_is_a_conflict() {
    let env = TestEnv::seeded();
    env.ok(&["package", "cancel", "xyz00", "--date", "2026-05-31", "--yes"]);
    let e = env.refused(&["user", "add", "xyz00-web"], 4);
    assert!(e["message"].as_str().unwrap().contains("package xyz00 was cancelled as of 2026-05-31"), "{e}");
}

#[test]
fn user_add_to_an_ending_package_still_works() {
    let env = TestEnv::seeded();
    env.ok(&["package", "cancel", "xyz00", "--date", "2026-06-30", "--yes"]);
    assert_eq!(add_user(&env, "xyz00-web")["uid"], 100001);
}

// ---------------------------------------------------------------------------------------------
// passwords
// ---------------------------------------------------------------------------------------------

const PASSWORD: &str = "S3cret-Pass!";

#[test]
fn user_password_is_never_accepted_on_the_command_line() {
    let env = TestEnv::seeded();
    let e = env.refused(&["user", "add", "xyz00-web", "--password", PASSWORD], 2);
    assert_eq!(e["kind"], "usage");
    let e = env.refused(&["user", "update", "xyz00", "--password", PASSWORD], 2);
    assert_eq!(e["kind"], "usage");
}

#[test]
fn user_add_with_password_stdin_stores_a_sha512_crypt_hash() {
    let env = TestEnv::seeded();
    let u = json_with_stdin(&env, &["user", "add", "xyz00-web", "--password-stdin"], &format!("{PASSWORD}\n"));
    assert_eq!(u["password_set"], true);
    assert!(u.get("password_hash").is_none(), "{u}");
    let hash = stored_hash(&env, "xyz00-web").expect("a stored hash");
    assert!(hash.starts_with("$6$"), "{hash}");
    assert!(hsadmin::model::PasswordHash::from_stored(hash.clone()).verify(PASSWORD), "the hash is of the password given");
    assert!(!hsadmin::model::PasswordHash::from_stored(hash).verify("S3cret-Pass?"));
    assert_eq!(field(&human(&env, &["user", "show", "xyz00-web"]).stdout, "password"), "set");
}

#[test]
fn user_update_password_stdin_sets_the_password() {
    let env = TestEnv::seeded();
    assert_eq!(stored_hash(&env, "xyz00"), None);
    assert_eq!(env.json(&["user", "show", "xyz00"])["password_set"], false);
    let u = json_with_stdin(&env, &["user", "update", "xyz00", "--password-stdin"], &format!("{PASSWORD}\r\n"));
    assert_eq!(u["password_set"], true);
    let hash = stored_hash(&env, "xyz00").unwrap();
    assert!(hash.starts_with("$6$"), "{hash}");
    assert!(hsadmin::model::PasswordHash::from_stored(hash).verify(PASSWORD), "the CR LF line end is not part of the password");
    assert_eq!(env.json(&["user", "show", "xyz00"])["password_set"], true);
    let log = env.json(&["log", "--entity", "unix_user"]);
    let last = log.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "update (password set)");
    assert_eq!(last["before"]["password_set"], false);
    assert_eq!(last["after"]["password_set"], true);
}

#[test]
fn user_password_hash_never_appears_in_any_output() {
    let env = TestEnv::seeded();
    let add = env.run_with(&["--json", "user", "add", "xyz00-web", "--password-stdin"], Some(&format!("{PASSWORD}\n")));
    assert_eq!(add.code, 0, "{}", add.stderr);
    let update = env.run_with(&["--json", "user", "update", "xyz00", "--password-stdin"], Some(&format!("{PASSWORD}\n")));
    assert_eq!(update.code, 0, "{}", update.stderr);
    let hashes = [stored_hash(&env, "xyz00-web").unwrap(), stored_hash(&env, "xyz00").unwrap()];
    let mut outputs = vec![add, update];
    for args in [
        &["--json", "user", "show", "xyz00-web"][..],
        &["--json", "user", "list"],
        &["--json", "package", "show", "xyz00"],
        &["--json", "log"],
        &["log"],
        &["user", "show", "xyz00-web"],
        &["user", "list"],
    ] {
        outputs.push(human(&env, args));
    }
    outputs.push(human(&env, &["--json", "user", "remove", "xyz00-web", "--yes"]));
    for r in &outputs {
        for text in [&r.stdout, &r.stderr] {
            assert!(!text.contains("$6$"), "a hash leaked:\n{text}");
            assert!(!text.contains(PASSWORD), "the password leaked:\n{text}");
            for h in &hashes {
                assert!(!text.contains(h.as_str()), "a hash leaked:\n{text}");
            }
            assert!(!text.contains("password_hash"), "{text}");
        }
    }
    let log = env.json(&["log"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["command"].as_str().unwrap().contains("--password-stdin")), "the command line is logged");
}

#[test]
fn user_password_rules_name_the_rule_broken() {
    let env = TestEnv::seeded();
    for (bad, rule) in [
        ("Sh0rt!", "must be 8 to 40 characters long (got 6)"),
        (&*"Aa1!".repeat(11), "must be 8 to 40 characters long (got 44)"),
        ("Has:Colon1", "must not contain ':'"),
        ("alllowercase", "must contain at least three of"),
        ("NoDigitsHere", "must contain at least three of"),
        ("12345678", "must contain at least three of"),
        ("", "must be 8 to 40 characters long (got 0)"),
    ] {
        for args in [&["user", "add", "xyz00-web", "--password-stdin"][..], &["user", "update", "xyz00", "--password-stdin"]] {
            let e = fails_with_stdin(&env, args, &format!("{bad}\n"), 2);
            assert_eq!(e["field"], "password", "{e}");
            assert!(e["message"].as_str().unwrap().contains(rule), "{bad:?}: {e}");
        }
    }
    assert_eq!(stored_hash(&env, "xyz00"), None);
}

#[test]
fn user_password_stdin_must_be_one_line() {
    let env = TestEnv::seeded();
    let e = fails_with_stdin(&env, &["user", "update", "xyz00", "--password-stdin"], &format!("{PASSWORD}\nsecond line\n"), 2);
    assert_eq!(e["field"], "password");
    assert!(e["message"].as_str().unwrap().contains("exactly one line"), "{e}");
}

#[test]
fn user_password_dry_run_stores_no_hash() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let u = json_with_stdin(&env, &["user", "update", "xyz00", "--password-stdin", "--dry-run"], &format!("{PASSWORD}\n"));
    assert_eq!(u["password_set"], true);
    assert_eq!(env.dump(), before);
    assert_eq!(stored_hash(&env, "xyz00"), None);
}

// ---------------------------------------------------------------------------------------------
// user list / show
// ---------------------------------------------------------------------------------------------

#[test]
fn user_list_shows_every_user_by_name() {
    let env = TestEnv::seeded();
    env.ok(&["user", "add", "xyz00-web", "--shell", "/bin/bash", "--quota-soft-mb", "100", "--quota-hard-mb", "120"]);
    env.ok(CREATE_XYZ01);
    let out = human(&env, &["user", "list"]).stdout;
    assert_eq!(first_column(&out, "name"), ["xyz00", "xyz00-web", "xyz01"]);
    assert_eq!(row(&out, "xyz00-web"), ["xyz00-web", "xyz00", "100001", "/bin/bash", "100", "120", "no", "/home/pacs/xyz00/users/web"]);
    assert_eq!(row(&out, "xyz01"), ["xyz01", "xyz01", "100002", "/bin/bash", "0", "0", "no", "/home/pacs/xyz01"]);
    let list = env.json(&["user", "list"]);
    assert_eq!(names(&list, "name"), ["xyz00", "xyz00-web", "xyz01"]);
    assert_eq!(names(&list, "home"), ["/home/pacs/xyz00", "/home/pacs/xyz00/users/web", "/home/pacs/xyz01"]);
}

#[test]
fn user_list_filters_by_package() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    env.ok(CREATE_XYZ01);
    assert_eq!(names(&env.json(&["user", "list", "--package", "xyz00"]), "name"), ["xyz00", "xyz00-web"]);
    assert_eq!(names(&env.json(&["user", "list", "--package", "xyz01"]), "name"), ["xyz01"]);
    assert_eq!(env.json(&["user", "list", "--package", "xyz09"]), json!([]));
    invalid(&env, &["user", "list", "--package", "xyz00-web"], "package");
}

#[test]
fn user_show_of_an_unknown_or_invalid_name_fails() {
    let env = TestEnv::seeded();
    let e = env.fails(&["user", "show", "xyz00-nobody"], 1);
    assert_eq!(e["message"], "user xyz00-nobody not found");
    invalid(&env, &["user", "show", "root"], "name");
}

// ---------------------------------------------------------------------------------------------
// user update
// ---------------------------------------------------------------------------------------------

#[test]
fn user_update_changes_shell_comment_and_quota() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    let r = human(&env, &["user", "update", "xyz00-web", "--shell", "/usr/bin/zsh", "--comment", "Blog", "--quota-soft-mb", "50", "--quota-hard-mb", "80"]);
    assert_eq!(field(&r.stdout, "shell"), "/usr/bin/zsh");
    assert_eq!(field(&r.stdout, "comment"), "Blog");
    assert_eq!(field(&r.stdout, "quota"), "50 MB soft, 80 MB hard");
    assert!(r.stderr.contains("Updated user xyz00-web"), "{}", r.stderr);
    let u = env.json(&["user", "update", "xyz00-web", "--quota-hard-mb", "90"]);
    assert_eq!((u["quota_soft_mb"].as_i64(), u["quota_hard_mb"].as_i64()), (Some(50), Some(90)));
    assert_eq!(u["shell"], "/usr/bin/zsh");
    assert_eq!(u["uid"], 100001, "the uid never changes");
}

#[test]
fn user_update_locks_and_unlocks() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    let u = env.json(&["user", "update", "xyz00-web", "--locked", "true"]);
    assert_eq!(u["locked"], true);
    assert_eq!(field(&human(&env, &["user", "show", "xyz00-web"]).stdout, "locked"), "yes");
    assert_eq!(env.json(&["user", "list"])[1]["locked"], true);
    assert_eq!(env.json(&["user", "update", "xyz00-web", "--locked", "false"])["locked"], false);
    assert_eq!(env.json(&["user", "show", "xyz00-web"])["locked"], false);
    let e = env.refused(&["user", "update", "xyz00-web", "--locked", "yes"], 2);
    assert_eq!(e["kind"], "usage");
}

#[test]
fn user_update_dry_run_shows_the_result_and_commits_nothing() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    let u = env.dry_run(&["user", "update", "xyz00-web", "--locked", "true", "--shell", "/bin/bash"]);
    assert_eq!(u["locked"], true);
    assert_eq!(u["shell"], "/bin/bash");
    let now = env.json(&["user", "show", "xyz00-web"]);
    assert_eq!(now["locked"], false);
    assert_eq!(now["shell"], "/bin/false");
}

#[test]
fn user_update_checks_quotas_against_the_package() {
    let env = TestEnv::seeded();
    env.ok(&["user", "add", "xyz00-web", "--quota-soft-mb", "100", "--quota-hard-mb", "200"]);
    invalid(&env, &["user", "update", "xyz00-web", "--quota-hard-mb", "1025"], "quota-hard-mb");
    let msg = invalid(&env, &["user", "update", "xyz00-web", "--quota-hard-mb", "50"], "quota-soft-mb");
    assert!(msg.contains("100 MB must not exceed the hard quota of 50 MB"), "{msg}");
    invalid(&env, &["user", "update", "xyz00-web", "--quota-soft-mb", "201"], "quota-soft-mb");
}

#[test]
fn user_update_rejects_bad_values_and_unknown_users() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    invalid(&env, &["user", "update", "xyz00-web", "--shell", "/bin/sh"], "shell");
    invalid(&env, &["user", "update", "xyz00-web", "--comment", "a\u{202E}b"], "comment");
    let e = env.refused(&["user", "update", "xyz00-nobody", "--locked", "true"], 1);
    assert_eq!(e["message"], "user xyz00-nobody not found");
}

// ---------------------------------------------------------------------------------------------
// user remove
// ---------------------------------------------------------------------------------------------

#[test]
fn user_remove_deletes_the_user_and_its_cron_jobs() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    add_user(&env, "xyz00-ftp");
    let a = add_cron(&env, "xyz00-web", "*/5 * * * *", "php ~/cron.php");
    let b = add_cron(&env, "xyz00-web", "0 3 * * *", "~/bin/backup");
    let kept = add_cron(&env, "xyz00-ftp", "0 4 * * *", "~/bin/sync");
    let r = env.json(&["user", "remove", "xyz00-web", "--yes"]);
    assert_eq!(r["user"]["name"], "xyz00-web");
    assert_eq!(r["user"]["uid"], 100001);
    assert_eq!(r["cron_jobs"], json!([a, b]));
    env.fails(&["user", "show", "xyz00-web"], 1);
    assert_eq!(env.json(&["cron", "list"]), json!([kept]));
    assert_eq!(names(&env.json(&["user", "list"]), "name"), ["xyz00", "xyz00-ftp"]);
}

#[test]
fn user_remove_prints_what_it_removed() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    add_cron(&env, "xyz00-web", "*/5 * * * *", "php ~/cron.php");
    let r = human(&env, &["user", "remove", "xyz00-web", "--yes"]);
    assert_eq!(field(&r.stdout, "name"), "xyz00-web");
    assert_eq!(field(&r.stdout, "uid"), "100001");
    assert_eq!(field(&r.stdout, "cron jobs"), "1 (*/5 * * * * php ~/cron.php)");
    assert!(r.stderr.contains("Removed user xyz00-web and 1 cron job\n"), "{}", r.stderr);
}

#[test]
fn user_remove_refuses_the_package_admin() {
    let env = TestEnv::seeded();
    let msg = invalid(&env, &["user", "remove", "xyz00", "--yes"], "name");
    assert!(msg.contains("xyz00 is the package admin"), "{msg}");
}

#[test]
fn user_remove_needs_yes_when_stdin_is_not_a_terminal() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    let msg = invalid(&env, &["user", "remove", "xyz00-web"], "--yes");
    assert!(msg.contains("is required when stdin is not a terminal"), "{msg}");
}

#[test]
fn user_remove_dry_run_shows_the_result_and_commits_nothing() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    let job = add_cron(&env, "xyz00-web", "0 * * * *", "true");
    let r = env.dry_run(&["user", "remove", "xyz00-web"]);
    assert_eq!(r["user"]["name"], "xyz00-web");
    assert_eq!(r["cron_jobs"], json!([job]));
    assert_eq!(env.json(&["user", "show", "xyz00-web"])["uid"], 100001);
    assert_eq!(env.json(&["cron", "list"]), json!([job]));
}

#[test]
fn user_remove_of_an_unknown_user_fails_with_not_found() {
    let env = TestEnv::seeded();
    let e = env.refused(&["user", "remove", "xyz00-nobody", "--yes"], 1);
    assert_eq!(e["message"], "user xyz00-nobody not found");
}

#[test]
fn uids_are_never_reused_after_a_remove() {
    let env = TestEnv::seeded();
    assert_eq!(add_user(&env, "xyz00-a")["uid"], 100001);
    assert_eq!(add_user(&env, "xyz00-b")["uid"], 100002);
    env.ok(&["user", "remove", "xyz00-b", "--yes"]);
    assert_eq!(add_user(&env, "xyz00-c")["uid"], 100003, "uid 100002 belonged to xyz00-b");
    env.ok(&["user", "remove", "xyz00-c", "--yes"]);
    env.ok(&["user", "remove", "xyz00-a", "--yes"]);
    assert_eq!(add_user(&env, "xyz00-b")["uid"], 100004, "a user added again under an old name gets a new uid");
    env.ok(CREATE_XYZ01);
    assert_eq!(env.json(&["user", "show", "xyz01"])["uid"], 100005);
}

#[test]
fn a_dry_run_does_not_use_up_a_uid() {
    let env = TestEnv::seeded();
    env.dry_run(&["user", "add", "xyz00-a"]);
    assert_eq!(add_user(&env, "xyz00-a")["uid"], 100001);
}

// ---------------------------------------------------------------------------------------------
// cron add
// ---------------------------------------------------------------------------------------------

#[test]
fn cron_add_prints_the_job_and_a_status_line() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    let r = human(&env, &["cron", "add", "--user", "xyz00-web", "--schedule", "*/5  *  * * *", "--command", "  php ~/cron.php > /dev/null 2>&1 "]);
    assert_eq!(field(&r.stdout, "id"), "1");
    assert_eq!(field(&r.stdout, "user"), "xyz00-web");
    assert_eq!(field(&r.stdout, "schedule"), "*/5 * * * *");
    assert_eq!(field(&r.stdout, "command"), "php ~/cron.php > /dev/null 2>&1");
    assert!(r.stderr.contains("Added cron job 1 for xyz00-web"), "{}", r.stderr);
}

#[test]
fn cron_add_json_carries_every_field() {
    let env = TestEnv::seeded();
    let job = add_cron(&env, "xyz00", "15,45 0-23/2 1 jan-mar sun", "~/bin/report");
    assert_eq!(job, json!({"id": 1, "user": "xyz00", "schedule": "15,45 0-23/2 1 jan-mar sun", "command": "~/bin/report"}));
    assert_eq!(add_cron(&env, "xyz00", "0 0 31 12 7", "true")["id"], 2);
}

/// Issue 8, defect 2: before, a removed last job's id came back with the next `cron add`.
#[test]
fn cron_job_ids_are_never_reused() {
    let env = TestEnv::seeded();
    assert_eq!(add_cron(&env, "xyz00", "0 1 * * *", "true")["id"], 1);
    assert_eq!(add_cron(&env, "xyz00", "0 2 * * *", "true")["id"], 2);
    env.ok(&["cron", "remove", "2", "--yes"]);
    assert_eq!(add_cron(&env, "xyz00", "0 3 * * *", "true")["id"], 3, "id 2 was handed out once and stays gone");
    env.ok(&["cron", "remove", "1", "-y"]);
    env.ok(&["cron", "remove", "3", "-y"]);
    assert_eq!(add_cron(&env, "xyz00", "0 4 * * *", "true")["id"], 4, "not even an empty table goes back");
}

#[test]
fn cron_add_dry_run_shows_the_job_and_commits_nothing() {
    let env = TestEnv::seeded();
    let job = env.dry_run(&["cron", "add", "--user", "xyz00", "--schedule", "0 3 * * 1-5", "--command", "~/bin/backup"]);
    assert_eq!(job["schedule"], "0 3 * * 1-5");
    assert_eq!(job["user"], "xyz00");
    assert_eq!(env.json(&["cron", "list"]), json!([]));
}

#[test]
fn cron_add_rejects_a_bad_schedule_naming_the_field() {
    let env = TestEnv::seeded();
    for (bad, part) in [
        ("60 * * * *", "the minute field \"60\""),
        ("*/0 * * * *", "the minute field \"*/0\""),
        ("5-1 * * * *", "the minute field \"5-1\""),
        ("1/5 * * * *", "the minute field \"1/5\""),
        ("a * * * *", "the minute field \"a\""),
        ("* 24 * * *", "the hour field \"24\""),
        ("* * 0 * *", "the day of month field \"0\""),
        ("* * 32 * *", "the day of month field \"32\""),
        ("* * * 13 *", "the month field \"13\""),
        ("* * * foo *", "the month field \"foo\""),
        ("* * * * 8", "the day of week field \"8\""),
        ("* * * * $(id)", "the day of week field \"$(id)\""),
    ] {
        let msg = invalid(&env, &["cron", "add", "--user", "xyz00", "--schedule", bad, "--command", "true"], "schedule");
        assert!(msg.contains(part), "{bad:?}: {msg}");
    }
    for bad in ["* * * *", "* * * * * *", "@reboot", "", "* * * * mön"] {
        let msg = invalid(&env, &["cron", "add", "--user", "xyz00", "--schedule", bad, "--command", "true"], "schedule");
        assert!(msg.contains("must have five fields"), "{bad:?}: {msg}");
    }
}

#[test]
fn cron_add_rejects_commands_that_are_not_one_line() {
    let env = TestEnv::seeded();
    for bad in ["echo a\necho b", "echo a\rb", "echo\ta", "", "   ", "echo \u{1b}[2J"] {
        invalid(&env, &["cron", "add", "--user", "xyz00", "--schedule", "* * * * *", "--command", bad], "command");
    }
    let long = "x".repeat(1001);
    let msg = invalid(&env, &["cron", "add", "--user", "xyz00", "--schedule", "* * * * *", "--command", &long], "command");
    assert!(msg.contains("at most 1000 bytes"), "{msg}");
    assert_eq!(add_cron(&env, "xyz00", "* * * * *", &"x".repeat(1000))["id"], 1);
}

#[test]
fn cron_add_for_an_unknown_user_fails_with_not_found() {
    let env = TestEnv::seeded();
    let e = env.refused(&["cron", "add", "--user", "xyz00-nobody", "--schedule", "* * * * *", "--command", "true"], 1);
    assert_eq!(e["message"], "user xyz00-nobody not found");
    invalid(&env, &["cron", "add", "--user", "root", "--schedule", "* * * * *", "--command", "true"], "user");
}

#[test]
fn cron_add_refuses_more_than_a_hundred_jobs_per_user() {
    let env = TestEnv::seeded();
    {
        // Fill the crontab directly: the limit, not the hundred adds, is under test here.
        let conn = rusqlite::Connection::open(&env.ledger).unwrap();
        for i in 0..100 {
            conn.execute("INSERT INTO cron_job (user, schedule, command) VALUES ('xyz00', '* * * * *', ?1)", [format!("echo {i}")]).unwrap();
        }
    }
    let e = env.refused(&["cron", "add", "--user", "xyz00", "--schedule", "* * * * *", "--command", "true"], 4);
    assert_eq!(e["message"], "user xyz00 already has 100 cron jobs");
}

// ---------------------------------------------------------------------------------------------
// cron list / remove
// ---------------------------------------------------------------------------------------------

#[test]
fn cron_list_shows_jobs_by_user_then_id() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    add_cron(&env, "xyz00-web", "*/5 * * * *", "php ~/cron.php");
    add_cron(&env, "xyz00", "0 3 * * *", "~/bin/backup");
    let out = human(&env, &["cron", "list"]).stdout;
    assert_eq!(first_column(&out, "id"), ["2", "1"]);
    assert_eq!(row(&out, "1"), ["1", "xyz00-web", "*/5 * * * *", "php ~/cron.php"]);
    assert_eq!(row(&out, "2"), ["2", "xyz00", "0 3 * * *", "~/bin/backup"]);
    let list = env.json(&["cron", "list"]);
    assert_eq!(names(&list, "user"), ["xyz00", "xyz00-web"]);
    assert_eq!(list[0]["id"], 2);
}

#[test]
fn cron_list_filters_by_user_or_package() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    env.ok(CREATE_XYZ01);
    let web = add_cron(&env, "xyz00-web", "*/5 * * * *", "php ~/cron.php");
    let admin = add_cron(&env, "xyz00", "0 3 * * *", "~/bin/backup");
    let other = add_cron(&env, "xyz01", "0 4 * * *", "~/bin/other");
    assert_eq!(env.json(&["cron", "list", "--user", "xyz00-web"]), json!([web]));
    assert_eq!(env.json(&["cron", "list", "--user", "xyz00"]), json!([admin]));
    assert_eq!(env.json(&["cron", "list", "--package", "xyz00"]), json!([admin, web]));
    assert_eq!(env.json(&["cron", "list", "--package", "xyz01"]), json!([other]));
    assert_eq!(env.json(&["cron", "list", "--user", "xyz00-nobody"]), json!([]));
    let e = env.fails(&["cron", "list", "--user", "xyz00", "--package", "xyz00"], 2);
    assert_eq!(e["kind"], "usage");
    invalid(&env, &["cron", "list", "--package", "xyz00-web"], "package");
    invalid(&env, &["cron", "list", "--user", "xyz00 web"], "user");
}

#[test]
fn cron_remove_by_id_with_yes() {
    let env = TestEnv::seeded();
    let a = add_cron(&env, "xyz00", "0 3 * * *", "~/bin/backup");
    assert_eq!(a["id"], 1);
    let b = add_cron(&env, "xyz00", "0 4 * * *", "~/bin/report");
    let r = human(&env, &["cron", "remove", "1", "--yes"]);
    assert_eq!(field(&r.stdout, "id"), "1");
    assert_eq!(field(&r.stdout, "command"), "~/bin/backup");
    assert!(r.stderr.contains("Removed cron job 1 of xyz00"), "{}", r.stderr);
    assert_eq!(env.json(&["cron", "list"]), json!([b]));
    assert_eq!(env.json(&["cron", "remove", "2", "--yes"]), b);
    assert_eq!(env.json(&["cron", "list"]), json!([]));
}

#[test]
fn cron_remove_needs_yes_when_stdin_is_not_a_terminal() {
    let env = TestEnv::seeded();
    let job = add_cron(&env, "xyz00", "0 3 * * *", "~/bin/backup");
    let msg = invalid(&env, &["cron", "remove", "1"], "--yes");
    assert!(msg.contains("give --yes to remove cron job 1 of xyz00"), "{msg}");
    assert_eq!(env.json(&["cron", "list"]), json!([job]));
}

#[test]
fn cron_remove_dry_run_shows_the_job_and_commits_nothing() {
    let env = TestEnv::seeded();
    let job = add_cron(&env, "xyz00", "0 3 * * *", "~/bin/backup");
    assert_eq!(env.dry_run(&["cron", "remove", "1"]), job);
    assert_eq!(env.json(&["cron", "list"]), json!([job]));
}

#[test]
fn cron_remove_of_an_unknown_or_malformed_id_fails() {
    let env = TestEnv::seeded();
    add_cron(&env, "xyz00", "0 3 * * *", "~/bin/backup");
    let e = env.refused(&["cron", "remove", "7", "--yes"], 1);
    assert_eq!(e["message"], "cron job 7 not found");
    let e = env.refused(&["cron", "remove", "one", "--yes"], 2);
    assert_eq!(e["kind"], "usage");
}

// ---------------------------------------------------------------------------------------------
// The audit log records each change
// ---------------------------------------------------------------------------------------------

#[test]
fn every_hosting_change_is_in_the_audit_log() {
    let env = TestEnv::seeded();
    add_user(&env, "xyz00-web");
    add_cron(&env, "xyz00-web", "* * * * *", "true");
    env.ok(&["user", "remove", "xyz00-web", "--yes"]);
    env.ok(&["package", "cancel", "xyz00", "--date", "2026-06-30", "--yes"]);
    let log = env.json(&["log"]);
    let entries: Vec<(String, String, String)> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| ["server", "package", "unix_user", "cron_job"].contains(&e["entity"].as_str().unwrap()))
        .map(|e| (e["entity"].as_str().unwrap().to_owned(), e["key"].as_str().unwrap().to_owned(), e["action"].as_str().unwrap().to_owned()))
        .collect();
    let expected: Vec<(String, String, String)> = [
        ("server", "h1", "add"),
        ("package", "xyz00", "create"),
        ("unix_user", "xyz00", "add"),
        ("unix_user", "xyz00-web", "add"),
        ("cron_job", "1", "add"),
        ("cron_job", "1", "remove"),
        ("unix_user", "xyz00-web", "remove"),
        ("package", "xyz00", "cancel"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(entries, expected);
}

#[test]
fn package_update_refuses_a_domain_limit_below_the_domains_in_use() {
    let env = TestEnv::seeded();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    env.ok(&["domain", "add", "example.net", "--package", "xyz00"]);
    let msg = invalid(&env, &["package", "update", "xyz00", "--domains", "1"], "domains");
    assert!(msg.contains("2 domains"), "{msg}");
    env.ok(&["package", "update", "xyz00", "--domains", "2"]);
}
