//! The cooperative the direct-debit tests (tests/sepa.rs, tests/dtaus.rs) collect from: members with
//! June 2026 invoices and their bank data, a crowd of members for the crash tests, and the SIGKILL loop
//! both exports are put through.
use super::{Run, TestEnv, catalog_path};
use hsadmin::ledger::{Actor, Ledger};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const CREDITOR_ID: &str = "DE98ZZZ09999999999";

pub fn billing(creditor_id: &str) -> String {
    format!(
        r#"[billing]
name = "Hostsharing eG – Genossenschaft für Webhosting mit einem sehr langen Namen über siebzig Zeichen"
street = "Flughafenstraße 52a"
zipcode = "22335"
city = "Hamburg"
country = "DE"
email = "billing@example.net"
phone = "+49 40 123456"
tax_number = "27/123/45678"
vat_id = "DE136695976"
bank = "GLS Bank"
iban = "DE02120300000000202051"
bic = "GENODEM1GLS"
creditor_id = "{creditor_id}"
payment_terms_days = 14
"#
    )
}

/// Members with a package each and their June invoices (issued 2026-07-01):
/// - 10001 Erika Mustermann: a mandate (FRST first);
/// - 10002 "Jürgen Groß & Söhne …" (a name beyond 70 characters once spelt out): a mandate on an Austrian IBAN;
/// - 10003 without a mandate; 10004 with a revoked one.
pub fn cooperative() -> TestEnv {
    let env = TestEnv::new();
    std::fs::write(&env.config, billing(CREDITOR_ID)).unwrap();
    env.ok(&["server", "add", "h1", "--address", "127.0.0.11", "--role", "web"]);
    env.ok(&["catalog", "import", &catalog_path()]);
    let long = "Jürgen Groß & Söhne Ölmühle Überseehandel Gesellschaft bürgerlichen Rechts Zweigstelle Süd";
    let members = [
        ("10001", "xyz", "Erika Mustermann", "Erika Mustermann"),
        ("10002", "grs", long, "Jürgen Groß & Söhne Ölmühle Überseehandel GbR, vertr. durch J. Groß"),
        ("10003", "non", "Ohne Mandat", ""),
        ("10004", "rev", "Widerrufen", "Widerrufen"),
    ];
    for (number, prefix, name, _) in members {
        let address = ["--street", "Hauptstr. 1", "--zipcode", "20095", "--city", "Hamburg", "--country", "DE"];
        let mut args = vec!["member", "add", number, "--prefix", prefix, "--name", name, "--email", "billing@example.org", "--since", "2026-01-01"];
        args.extend_from_slice(&address);
        env.ok(&args);
        let pkg = format!("{prefix}00");
        env.ok(&["package", "create", &pkg, "--member", number, "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    }
    let accounts =
        [("10001", "DE02120300000000202051", members[0].3), ("10002", "AT611904300234573201", members[1].3), ("10004", "DE89370400440532013000", "Widerrufen")];
    for (number, iban, holder) in accounts {
        env.ok(&["bank-account", "add", number, "--iban", iban, "--holder", holder]);
        env.ok(&["mandate", "add", number, "--reference", &format!("HS-{number}-20260101"), "--signed", "2026-01-01"]);
    }
    env.ok(&["mandate", "revoke", "HS-10004-20260101", "--date", "2026-05-01", "--yes"]);
    env.ok(&["invoice", "generate", "--period", "2026-06", "--date", "2026-07-01"]);
    env
}

pub fn at(env: &TestEnv, day: &str, args: &[&str]) -> Run {
    let out = env.command().env("HSADMIN_TODAY", day).arg("--json").args(args).output().unwrap();
    Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
}

/// `n` members with a package, a bank account and a mandate each, invoiced for June.
pub fn crowd(n: u32) -> TestEnv {
    use hsadmin::model::{Email, Holder, Iban, MandateReference, MemberNumber, PackageName, Prefix, ProductCode, ServerName, TextField, date};
    use hsadmin::ops::{mandate, member, package};
    let env = TestEnv::new();
    std::fs::write(&env.config, billing(CREDITOR_ID)).unwrap();
    env.ok(&["server", "add", "h1", "--address", "127.0.0.11", "--role", "web"]);
    env.ok(&["catalog", "import", &catalog_path()]);
    let prefix = |i: u32| -> String { [i / 676, i / 26, i].iter().map(|n| (b'a' + (n % 26) as u8) as char).collect() };
    let mut ledger = Ledger::open(&env.ledger, Actor { user: "tester".into(), command: "tests/common/debits.rs".into() }).unwrap();
    ledger
        .write(false, |tx| {
            let since = date("since", "2026-01-01")?;
            for i in 0..n {
                let number = MemberNumber::parse("number", &(10_000 + i).to_string())?;
                let details = member::Details {
                    name: Some(TextField::parse("name", &format!("Mitglied Nr. {i} Müller"), 128)?),
                    email: Some(Email::parse("email", &format!("m{i}@example.org"))?),
                    ..Default::default()
                };
                member::add(tx, number, Prefix::parse("prefix", &prefix(i))?, since, details)?;
                let new = package::NewPackage {
                    name: PackageName::parse("name", &format!("{}00", prefix(i)))?,
                    member: number,
                    product: ProductCode::parse("product", "DW/SA")?,
                    server: ServerName::parse("server", "h1")?,
                    resources: package::Resources::default(),
                    since,
                    free: false,
                    comment: None,
                };
                package::create(tx, new, &hsadmin::config::HostingConfig { uid_min: 100_000, uid_max: 999_999 })?;
                let iban = Iban::parse("iban", "DE02120300000000202051")?;
                let account = mandate::add_account(tx, number, &iban, None, &Holder::parse("holder", "Jürgen Müller")?, since)?;
                mandate::add_mandate(tx, number, &MandateReference::parse("r", &format!("HS-{number}"))?, since, Some(account.id), since)?;
            }
            Ok(())
        })
        .unwrap();
    env.ok(&["invoice", "generate", "--period", "2026-06", "--date", "2026-07-01"]);
    env
}

/// Runs `args` (on 2026-07-01) `runs` times, each killed (SIGKILL) at a random moment within the time a
/// clean run takes (measured on a copy of the ledger), then once to completion, which must succeed.
/// Asserts that kills landed while the process was still running (once a run has committed, the later ones
/// have nothing to collect and are often done before their kill).
pub fn killed_at_random_moments(env: &TestEnv, args: &[&str], runs: usize) -> Run {
    let clean = TestEnv::new();
    std::fs::copy(&env.ledger, &clean.ledger).unwrap();
    std::fs::copy(&env.config, &clean.config).unwrap();
    let started = Instant::now();
    let r = at(&clean, "2026-07-01", args);
    let took = started.elapsed();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    println!("seed {seed}, a clean run takes {took:?}");
    let mut mid_run = 0;
    for _ in 0..runs {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("hsadmin"))
            .env_clear()
            .envs(env.vars())
            .env("HSADMIN_TODAY", "2026-07-01")
            .current_dir(env.dir.path())
            .arg("--json")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % (took.as_micros() as u64 + 1)));
        if child.try_wait().unwrap().is_none() {
            mid_run += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    println!("{mid_run} of {runs} kills landed while the export was running");
    assert!(mid_run > 0, "no kill landed while the export was running");
    let r = at(env, "2026-07-01", args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r
}

/// Each invoice of the ledger is collected by exactly one debit; returns the recorded batches.
pub fn each_invoice_collected_once(env: &TestEnv) -> Vec<i64> {
    let conn = rusqlite::Connection::open(&env.ledger).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let invoices = count("SELECT count(*) FROM invoice");
    let (collected, links) = (count("SELECT count(DISTINCT invoice) FROM debit_invoice"), count("SELECT count(*) FROM debit_invoice"));
    assert_eq!((collected, links), (invoices, invoices), "each invoice collected exactly once");
    conn.prepare("SELECT id FROM debit_batch ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}
