//! Mail in the ledger (issue 14, the ledger and command side): addresses on the packages' domains with
//! their targets, the catch-all, aliases, mailing lists and subscribers through the real binary; the
//! invocations of the issue as written; hostile input (newlines, commands or includes where they do not
//! belong, other packages' users and domains, look-alike letters) refused with exit 2 before anything is
//! stored; the product's included addresses as a limit; nothing ever deleted.
mod common;
use common::TestEnv;

/// Package xyz00 with user xyz00-web and domain example.org; package abc00 of member 10002 with other.org.
fn mail_env() -> TestEnv {
    let env = TestEnv::seeded();
    env.ok(&["user", "add", "xyz00-web"]);
    env.ok(&["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz00-web"]);
    env.ok(&["member", "add", "--number", "10002", "--prefix", "abc", "--name", "Abc", "--email", "abc@example.net", "--since", "2026-01-01"]);
    env.ok(&["package", "create", "abc00", "--member", "10002", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    env.ok(&["user", "add", "abc00-web"]);
    env.ok(&["domain", "add", "other.org", "--package", "abc00"]);
    env
}

#[test]
fn the_issues_invocations_work_as_written() {
    let env = mail_env();
    env.ok(&["mail", "address", "add", "info@example.org", "--target", "xyz00-web"]);
    env.ok(&["mail", "address", "add", "@example.org", "--target", "xyz00"]);
    env.ok(&["mail", "alias", "add", "xyz00-team", "--target", "xyz00,xyz00-web"]);
    env.ok(&["mail", "list", "add", "news@example.org", "--owner", "info@example.org"]);
    env.ok(&["mail", "list", "subscribe", "news@example.org", "erika@example.org"]);
    let doc = env.json(&["mail", "address", "list", "--package", "xyz00"]);
    let rows: Vec<(String, Vec<String>)> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let address = format!("{}@{}", a["local"].as_str().unwrap(), a["domain"].as_str().unwrap());
            (address, a["targets"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect())
        })
        .collect();
    assert_eq!(rows, [("@example.org".to_owned(), vec!["xyz00".to_owned()]), ("info@example.org".to_owned(), vec!["xyz00-web".to_owned()])]);
    let alias = env.json(&["mail", "alias", "list", "--package", "xyz00"]);
    assert_eq!(alias[0]["targets"], serde_json::json!(["xyz00", "xyz00-web"]));
    let list = env.json(&["mail", "list", "show", "news@example.org"]);
    assert_eq!((list["owner"].as_str(), list["policy"].as_str()), (Some("info@example.org"), Some("subscribers")));
    assert_eq!(list["subscribers"], serde_json::json!(["erika@example.org"]));
    // Subscribing twice changes nothing; unsubscribing someone not subscribed is not found.
    env.ok(&["mail", "list", "subscribe", "news@example.org", "erika@example.org"]);
    assert_eq!(env.json(&["mail", "list", "show", "news@example.org"])["subscribers"].as_array().unwrap().len(), 1);
    assert_eq!(env.run(&["mail", "list", "unsubscribe", "news@example.org", "nobody@example.net"]).code, 1);
    env.ok(&["mail", "list", "unsubscribe", "news@example.org", "erika@example.org"]);
    assert_eq!(env.json(&["mail", "list", "show", "news@example.org"])["subscribers"], serde_json::json!([]));
    // A subdomain's address, an update, a removal.
    env.ok(&["mail", "address", "add", "team@lists.example.org", "--target", "xyz00-team@example.org", "--target", "erika@example.net"]);
    env.ok(&["mail", "address", "update", "info@example.org", "--target", "xyz00-web,xyz00"]);
    assert_eq!(env.json(&["mail", "address", "show", "info@example.org"])["targets"], serde_json::json!(["xyz00-web", "xyz00"]));
    env.ok(&["mail", "address", "remove", "info@example.org", "--yes"]);
    assert_eq!(env.run(&["mail", "address", "show", "info@example.org"]).code, 1);
    let log = env.ok(&["log", "--entity", "mail_address"]);
    assert!(log.contains("info@example.org") && log.contains("remove"), "{log}");
}

#[test]
fn hostile_mail_input_is_refused_with_exit_2_and_changes_nothing() {
    let env = mail_env();
    let before = env.dump();
    let refused = |args: &[&str], field: &str| {
        let e = env.refused(args, 2);
        assert_eq!(e["field"], field, "{args:?}: {e}");
    };
    let add = |address: &str, target: &str| vec!["mail", "address", "add", address, "--target", target].into_iter().map(str::to_owned).collect::<Vec<_>>();
    let cases: &[(&str, &str, &str)] = &[
        ("info@example.org", "xyz00-web\nroot", "target"),
        ("info@example.org", "xyz00-web,|/bin/sh -c id", "target"),
        ("info@example.org", ":include:/etc/passwd", "target"),
        ("info@example.org", "abc00-web", "target"),
        ("info@example.org", "root", "target"),
        ("info@example.org", "erika@exаmple.org", "target"),
        ("info@example.org", "\"|x\"@example.org", "target"),
        ("info@example.org", "nobody,xyz00", "target"),
        ("inf\u{043e}@example.org", "xyz00", "address"),
        ("Info@example.org", "xyz00", "address"),
        ("info@other.org", "xyz00-web", "target"),
        ("info@unknown.org", "xyz00", "address"),
        ("info@exаmple.org", "xyz00", "address"),
        ("info\n@example.org", "xyz00", "address"),
        ("a..b@example.org", "xyz00", "address"),
    ];
    for (address, target, field) in cases {
        let args = add(address, target);
        refused(&args.iter().map(String::as_str).collect::<Vec<_>>(), field);
    }
    refused(&["mail", "alias", "add", "xyz00-bot", "--target", ":include:/home/pacs/abc00/list"], "target");
    refused(&["mail", "alias", "add", "xyz00-bot", "--target", ":include:/home/pacs/xyz00/../abc00/list"], "target");
    refused(&["mail", "alias", "add", "xyz00-bot", "--target", "|cmd\nrm -rf /"], "target");
    refused(&["mail", "alias", "add", "root", "--target", "xyz00"], "name");
    refused(&["mail", "alias", "add", "xyz00-bot", "--target", "abc00"], "target");
    refused(&["mail", "list", "add", "@example.org", "--owner", "info@example.org"], "list");
    refused(&["mail", "list", "add", "news@example.org", "--owner", "not an address"], "owner");
    refused(&["mail", "list", "subscribe", "news@example.org", "x@y"], "address");
    assert_eq!(env.dump(), before, "refused commands change nothing");
    // Commands and includes are fine in an alias, inside the package.
    env.ok(&["mail", "alias", "add", "xyz00-bot", "--target", "|/home/pacs/xyz00/bin/bot --quiet", "--target", ":include:/home/pacs/xyz00/etc/list"]);
}

#[test]
fn a_domain_without_mail_a_cancelled_package_and_the_included_addresses() {
    let env = mail_env();
    env.ok(&["domain", "update", "other.org", "--mail", "false"]);
    let e = env.refused(&["mail", "address", "add", "info@other.org", "--target", "abc00"], 2);
    assert!(e["message"].as_str().unwrap().contains("does not take mail"), "{e}");
    env.ok(&["domain", "update", "other.org", "--mail"]);
    env.ok(&["mail", "address", "add", "info@other.org", "--target", "abc00"]);
    // The domain cannot go while it has addresses.
    let r = env.run(&["--json", "domain", "remove", "other.org", "--yes"]);
    assert_eq!(r.code, 4, "{}", r.stdout);
    assert!(r.stdout.contains("mail address"), "{}", r.stdout);
    // A tariff including 2 addresses.
    let catalog = env.dir.path().join("small.toml");
    std::fs::write(
        &catalog,
        "[[product]]\ncode = \"MX/S\"\nname = \"Small\"\nkind = \"webspace\"\nperiod = \"month\"\n\n[[product.price]]\nvalid_from = \"2026-01-01\"\nbase = \"1.00\"\nvat_rate = \"19\"\nincluded = { webspace_mb = 100, traffic_gb = 1, users = 5, domains = 2, addresses = 2 }\n",
    )
    .unwrap();
    env.ok(&["catalog", "import", catalog.to_str().unwrap()]);
    env.ok(&["package", "create", "xyz01", "--member", "10001", "--product", "MX/S", "--server", "h1", "--since", "2026-01-01"]);
    env.ok(&["domain", "add", "small.org", "--package", "xyz01"]);
    for local in ["a", "b"] {
        env.ok(&["mail", "address", "add", &format!("{local}@small.org"), "--target", "xyz01"]);
    }
    let e = env.refused(&["mail", "address", "add", "c@small.org", "--target", "xyz01"], 4);
    assert!(e["message"].as_str().unwrap().contains("included.addresses"), "{e}");
    env.ok(&["mail", "address", "remove", "a@small.org", "--yes"]);
    let again = env.json(&["mail", "address", "add", "a@small.org", "--target", "xyz01"]);
    assert!(again["id"].as_i64().unwrap() > 3, "a new id, never one handed out before: {again}");
    // A cancelled package gets no new addresses.
    env.ok(&["package", "cancel", "xyz01", "--date", "2026-06-30", "--yes"]);
    assert_eq!(env.run(&["--json", "mail", "address", "add", "b2@small.org", "--target", "xyz01"]).code, 4);
}

#[test]
fn mail_rows_are_never_deleted_and_write_once_parts_stay() {
    let env = mail_env();
    env.ok(&["mail", "address", "add", "info@example.org", "--target", "xyz00-web"]);
    let c = rusqlite::Connection::open(&env.ledger).unwrap();
    let e = c.execute("DELETE FROM mail_address", []).unwrap_err();
    assert!(e.to_string().contains("never deleted"), "{e}");
    let e = c.execute("UPDATE mail_address SET local = 'x'", []).unwrap_err();
    assert!(e.to_string().contains("only changes its targets"), "{e}");
    let e = c.execute("UPDATE mail_address SET targets = '[]'", []).unwrap_err();
    assert!(e.to_string().contains("CHECK"), "{e}");
}

/// The Postfix tables rendered from these rows, read by Postfix's own tools on a test server: `postmap`
/// and `postalias` build them, and a lookup of each address and alias gives the targets.
#[test]
fn the_rendered_tables_are_read_by_postmap_and_postalias_on_a_test_server() {
    let hosts = common::TestHosts::get();
    let env = mail_env();
    env.ok(&["mail", "address", "add", "info@example.org", "--target", "xyz00-web,erika@example.net"]);
    env.ok(&["mail", "address", "add", "@example.org", "--target", "xyz00"]);
    env.ok(&["mail", "address", "add", "spam@lists.example.org", "--target", "/dev/null"]);
    env.ok(&["mail", "alias", "add", "xyz00-team", "--target", "xyz00,xyz00-web", "--target", "|/home/pacs/xyz00/bin/bot -q"]);
    let actor = hsadmin::ledger::Actor { user: "test".into(), command: "tests/mail.rs".into() };
    let mut ledger = hsadmin::ledger::Ledger::open(&env.ledger, actor).unwrap();
    let t = ledger
        .read(|tx| Ok(hsadmin::render::mail::tables(&hsadmin::ledger::mail::addresses(tx, None, None)?, &hsadmin::ledger::mail::aliases(tx, None)?, &[], &[])))
        .unwrap();
    let dir = "/tmp/hsadmin-robot-mailcheck";
    let script = format!(
        "set -e; rm -rf {dir}; mkdir {dir}; cd {dir}; cat > virtual; postmap hash:virtual; postmap -q info@example.org hash:virtual; postmap -q @example.org hash:virtual; postmap -q spam@lists.example.org hash:virtual; ! postmap -q other@example.org hash:virtual"
    );
    let r = hosts.ssh_input("h1", &script, &t.virtual_map);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "xyz00-web@localhost, erika@example.net\nxyz00@localhost\nhsadmin-discard@localhost\n");
    let script = format!(
        "set -e; cd {dir}; cat > aliases; postalias hash:aliases; postalias -q xyz00-team hash:aliases; postalias -q hsadmin-discard hash:aliases; rm -rf {dir}"
    );
    let r = hosts.ssh_input("h1", &script, &t.aliases);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "xyz00, xyz00-web, \"|/home/pacs/xyz00/bin/bot -q\"\n/dev/null\n");
    assert_eq!(t.domains.lines().skip(1).collect::<Vec<_>>(), ["example.org", "lists.example.org"]);
}
