//! Benchmark: `hsadmin sepa export` and `hsadmin dtaus export` of 10 000 debits, beside the Python reference
//! (PyPI `sepaxml` building and validating the same 10 000 debits, examples/bench_sepa.py), in the same run.
//!
//!     cargo build --release && cargo run --release --example bench_sepa [-- RUNS]
//!
//! `BENCH_SEPA_KEEP=FILE` keeps a copy of the invoiced ledger there (to look into a run with `perf`).
//!
//! The Python side needs a venv with sepaxml: `python3 -m venv /var/cache/hsadmin-bench-venv &&
//! /var/cache/hsadmin-bench-venv/bin/pip install sepaxml` (or `BENCH_VENV=DIR`).
//!
//! Builds a ledger of 10 000 members (each with a DW/SA package, a bank account and a mandate; names with
//! umlauts) through the real operations in one transaction, issues their June invoices with `hsadmin
//! invoice generate`, then times, each run on a fresh copy: `hsadmin sepa export` (open invoices → batch,
//! debits, mandate use and the file, one transaction, the file written atomically), sepaxml with the
//! debits hsadmin chose, and `hsadmin dtaus export` of the same invoices. Each pain.008 file is checked with
//! xmllint against the DK GBIC_4 schema, each DTAUS file read back with `hsadmin dtaus show` (not timed).
use hsadmin::config::HostingConfig;
use hsadmin::ledger::{Actor, Ledger};
use hsadmin::model::{Email, Holder, Iban, MandateReference, MemberNumber, PackageName, Prefix, ProductCode, ServerName, TextField};
use hsadmin::ops::{catalog, mandate, member, package, server};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MEMBERS: u32 = 10_000;
/// German accounts, so that the DTAUS file holds every debit too.
const IBANS: [&str; 3] = ["DE02120300000000202051", "DE89370400440532013000", "DE75512108001245126199"];

fn prefix(i: u32) -> String {
    let b = |n: u32| (b'a' + (n % 26) as u8) as char;
    [b(i / 676), b(i / 26), b(i)].iter().collect()
}

fn build(path: &Path) -> hsadmin::Result<Duration> {
    let started = Instant::now();
    let mut ledger = Ledger::create(path, Actor { user: "bench".into(), command: "bench_sepa".into() })?;
    let catalog_text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/catalog.toml"))?;
    ledger.write(false, |tx| {
        catalog::import(tx, &catalog_text)?;
        let roles = hsadmin::model::Roles::parse("role", "web")?;
        let address = hsadmin::model::Address::parse("address", "127.0.0.11")?;
        server::add(tx, server::NewServer { name: ServerName::parse("name", "h1")?, address, port: 22, roles, ipv4: None, ipv6: None })?;
        let since = hsadmin::model::date("since", "2026-01-01")?;
        let hosting = HostingConfig { uid_min: 100_000, uid_max: 999_999 };
        for i in 0..MEMBERS {
            let number = MemberNumber::parse("number", &(10_000 + i).to_string())?;
            let details = member::Details {
                name: Some(TextField::parse("name", &format!("Mitglied {i} Müller"), 128)?),
                email: Some(Email::parse("email", &format!("m{i}@example.org"))?),
                ..Default::default()
            };
            member::add(tx, number, Prefix::parse("prefix", &prefix(i))?, since, details)?;
            let new = package::NewPackage {
                name: PackageName::parse("name", &format!("{}00", prefix(i)))?,
                member: number,
                product: ProductCode::parse("product", "DW/SA")?,
                server: ServerName::parse("server", "h1")?,
                resources: package::Resources { users: (i % 4 == 0).then_some(30), ..Default::default() },
                since,
                free: false,
                comment: None,
            };
            package::create(tx, new, &hosting)?;
            let iban = Iban::parse("iban", IBANS[i as usize % 3])?;
            let holder = Holder::parse("holder", &format!("Jürgen Groß {i}"))?;
            let account = mandate::add_account(tx, number, &iban, None, &holder, since)?;
            mandate::add_mandate(tx, number, &MandateReference::parse("reference", &format!("HS-{number}-20260101"))?, since, Some(account.id), since)?;
        }
        Ok(())
    })?;
    Ok(started.elapsed())
}

/// A fresh copy of the built ledger in WAL mode, as hsadmin's own ledgers are.
fn copy(from: &Path, to: &Path) {
    let _ = std::fs::remove_file(to);
    let conn = rusqlite::Connection::open(from).unwrap();
    conn.execute("VACUUM INTO ?1", [to.to_str().unwrap()]).unwrap();
    let copied = rusqlite::Connection::open(to).unwrap();
    let mode: String = copied.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

fn hsadmin(bin: &Path, ledger: &Path, config: &Path, args: &[&str]) -> (Duration, std::process::Output) {
    let started = Instant::now();
    let out = Command::new(bin)
        .args(args)
        .env("HSADMIN_LEDGER", ledger)
        .env("HSADMIN_CONFIG", config)
        .env("HSADMIN_NO_APPLY", "1")
        .env("HSADMIN_TODAY", "2026-07-01")
        .output()
        .unwrap();
    (started.elapsed(), out)
}

/// The debits of a pain.008 file as JSON lines for bench_sepa.py (read from the file hsadmin wrote).
fn debits_as_json(xml: &str) -> String {
    let field = |block: &str, tag: &str| -> String {
        let open = format!("<{tag}>");
        let i = block.find(&open).map(|i| i + open.len()).unwrap_or_else(|| panic!("no {tag}"));
        block[i..i + block[i..].find('<').unwrap()].to_owned()
    };
    let mut out = String::new();
    for pmt in xml.split("<PmtInf>").skip(1) {
        let seq = field(pmt, "SeqTp");
        for tx in pmt.split("<DrctDbtTxInf>").skip(1) {
            let amount = tx.split("<InstdAmt Ccy=\"EUR\">").nth(1).unwrap();
            let amount = &amount[..amount.find('<').unwrap()];
            let (e, c) = amount.split_once('.').unwrap();
            let cents = e.parse::<i64>().unwrap() * 100 + c.parse::<i64>().unwrap();
            let d = serde_json::json!({
                "name": field(tx, "Nm"), "iban": field(tx, "IBAN"), "cents": cents, "seq": seq, "mandate": field(tx, "MndtId"),
                "signed": field(tx, "DtOfSgntr"), "text": field(tx, "Ustrd"), "e2e": field(tx, "EndToEndId"),
            });
            out += &format!("{d}\n");
        }
    }
    out
}

fn python(venv: &Path, input: &str) -> (Duration, String) {
    use std::io::Write;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/bench_sepa.py");
    let started = Instant::now();
    let mut child = Command::new(venv.join("bin/python")).arg(script).arg("2026-07-03").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let took = started.elapsed();
    assert!(out.status.success(), "bench_sepa.py failed");
    (took, String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn binary() -> PathBuf {
    std::env::var_os("HSADMIN_BIN").map(PathBuf::from).unwrap_or_else(|| std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().join("hsadmin"))
}

const BILLING: &str = "[billing]\nname = \"Hostsharing eG\"\nstreet = \"Flughafenstraße 52a\"\nzipcode = \"22335\"\ncity = \"Hamburg\"\n\
                       email = \"billing@example.net\"\ntax_number = \"27/123/45678\"\niban = \"DE02120300000000202051\"\nbic = \"GENODEM1GLS\"\n\
                       creditor_id = \"DE98ZZZ09999999999\"\n";

fn main() -> hsadmin::Result<()> {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    let bin = binary();
    assert!(bin.exists(), "{} is missing: cargo build --release", bin.display());
    let venv = PathBuf::from(std::env::var_os("BENCH_VENV").unwrap_or_else(|| "/var/cache/hsadmin-bench-venv".into()));
    assert!(venv.join("bin/python").exists(), "no venv with sepaxml at {} (see the module comment)", venv.display());
    let dir = tempfile::tempdir()?;
    let (base, work) = (dir.path().join("base.db"), dir.path().join("work.db"));
    let config = dir.path().join("hsadmin.toml");
    std::fs::write(&config, BILLING)?;
    let built = build(&base)?;
    let (took, out) = hsadmin(&bin, &base, &config, &["invoice", "generate", "--period", "2026-06", "--date", "2026-07-01"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    println!("built ledger: {MEMBERS} members with packages, accounts and mandates in {}; invoice generate {}", secs(built), secs(took));
    if let Some(keep) = std::env::var_os("BENCH_SEPA_KEEP") {
        copy(&base, Path::new(&keep));
    }
    let xsd = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sepa/pain.008.001.08_GBIC_4.xsd");
    let file = dir.path().join("debits.xml");
    let export = ["sepa", "export", "--collection-date", "2026-07-03", "--out", file.to_str().unwrap()];
    let dta = dir.path().join("debits.dta");
    let dtaus = ["dtaus", "export", "--execution-date", "2026-07-03", "--out", dta.to_str().unwrap()];
    let (mut ours, mut theirs, mut old) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        copy(&base, &work);
        let (took, out) = hsadmin(&bin, &work, &config, &export);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        ours.push(took);
        let valid = Command::new("xmllint").args(["--noout", "--schema", xsd]).arg(&file).output().unwrap();
        assert!(valid.status.success(), "xmllint: {}", String::from_utf8_lossy(&valid.stderr));
        let xml = std::fs::read_to_string(&file)?;
        let input = debits_as_json(&xml);
        let (py, size) = python(&venv, &input);
        theirs.push(py);
        copy(&base, &work);
        let (dt, out) = hsadmin(&bin, &work, &config, &dtaus);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        old.push(dt);
        let (_, shown) = hsadmin(&bin, &work, &config, &["--json", "dtaus", "show", dta.to_str().unwrap()]);
        let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
        assert_eq!(shown["files"][0]["sums"]["count"].as_u64(), Some(u64::from(MEMBERS)), "dtaus show of the DTAUS file");
        println!(
            "run {}: hsadmin sepa {} ({} debits, {} bytes, xmllint GBIC_4 ok), sepaxml {} ({size} bytes), hsadmin dtaus {} ({} bytes, dtaus show ok)",
            run + 1,
            secs(took),
            input.lines().count(),
            xml.len(),
            secs(py),
            secs(dt),
            std::fs::metadata(&dta)?.len()
        );
    }
    let (h, p) = (median(ours.clone()), median(theirs.clone()));
    println!("{:<62} {:>9} {:>9}", "10 000 debits, pain.008.001.08", "min", "median");
    println!("{:<62} {:>9} {:>9}", "hsadmin sepa export (ledger → batch → file)", secs(*ours.iter().min().unwrap()), secs(h));
    println!("{:<62} {:>9} {:>9}", "sepaxml: build and validate the same debits", secs(*theirs.iter().min().unwrap()), secs(p));
    let d = median(old.clone());
    println!("{:<62} {:>9} {:>9}", "hsadmin dtaus export (ledger → batch → file)", secs(*old.iter().min().unwrap()), secs(d));
    println!("sepaxml / hsadmin sepa (median): {:.1}×, sepaxml / hsadmin dtaus: {:.1}×", p.as_secs_f64() / h.as_secs_f64(), p.as_secs_f64() / d.as_secs_f64());
    let (again, _) = hsadmin(&bin, &work, &config, &export);
    println!("a re-run that collects nothing: {}", secs(again));
    Ok(())
}
