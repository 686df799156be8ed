mod common;
// `invoice export` through the real binary, on invoices issued in a real ledger by the library
// (`ledger::invoice::issue`, as `invoice generate` will): every DATEV file goes through the independent
// reader of mloda-community-german-ledger (tests/validators/datev_check.py), a broken one must be refused
// by it, the Lexware file is compared byte for byte with a golden file, and the write is atomic.
//
// The cooperative of November 2026 (figures by hand, EN 16931: lines rounded, VAT once per rate):
//   2026-00001 member 10001 Jürgen Müller, domestic, issued 2026-12-01:
//     package 1 MON × 10.00 = 10.00 S 19 %; 3 more users 14 DAY × 3.00 / 30 = 1.40 S 19 %;
//     VAT (10.00 + 1.40) × 19 % = 2.166 → 2.17, so 13.57 gross on 8400; the fee 5.00 (E) on 8200.   18.57
//   2026-00002 member 10002 Alpen Hosting GmbH (AT, reverse charge): 25.00 AE on 8336, fee 5.00 E.  30.00
//   2026-00003 member 10003 Jane Doe (US): 15.00 O on 8338, the fee 5.00 O on 8200.               20.00
//   2026-00004 member 10004 Łukasz Żółć, domestic: 8.00 S 19 %, VAT 1.52 → 9.52 on 8400.            9.52
//   2026-00005 credit note cancelling 2026-00002, issued 2026-12-10: 25.00 and 5.00, Haben.        30.00
// 9 bookings; Σ Umsatz 18.57 + 30.00 + 20.00 + 9.52 + 30.00 = 108.09; balance (Soll − Haben) 48.09.
// The file covers 2026-11-01 to 2026-12-10 (the month, widened to the last Belegdatum), fiscal year 2026.
use common::TestEnv;
use common::validators::*;
use hsadmin::ledger::invoice::{self, Draft, Invoice, Line, Party};
use hsadmin::ledger::{Actor, Ledger};
use hsadmin::model::{BillingMonth, InvoiceKind, LineKind, MemberNumber, Money, NumberFormat, Unit, VatCase, VatCategory};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// The validator, the cooperative, its invoices
// ---------------------------------------------------------------------------------------------

/// A ledger with the five members and the Berater/Mandant of the books in the config.
fn cooperative() -> TestEnv {
    let env = TestEnv::new();
    std::fs::write(&env.config, "[billing.accounts]\nconsultant_number = 29098\nclient_number = 55003\n").unwrap();
    let member = |number: &str, prefix: &str, name: &str, extra: &[&str]| {
        let mut args = vec!["member", "add", "--number", number, "--prefix", prefix, "--name", name, "--email", "m@example.org", "--since", "2026-01-01"];
        args.extend_from_slice(extra);
        env.ok(&args);
    };
    member("10001", "xyz", "Jürgen Müller", &["--country", "DE"]);
    member("10002", "alp", "Alpen Hosting GmbH", &["--country", "AT", "--vat-id", "ATU13585627", "--vat-country", "AT", "--vat-reverse-charge", "true"]);
    member("10003", "jdo", "Jane Doe", &["--country", "US"]);
    member("10004", "luk", "Łukasz Żółć", &["--country", "DE"]);
    member("10005", "iva", "Иван Петров", &["--country", "DE"]);
    env
}

fn line(pos: i64, kind: LineKind, description: &str, (quantity, unit, price, base): (i64, Unit, i64, i64), vat: (VatCategory, i64)) -> Line {
    Line {
        pos,
        kind,
        product: if kind == LineKind::Fee { "MEMBER".into() } else { "DW/SA".into() },
        package: None,
        domain: None,
        description: description.into(),
        service_from: "2026-11-01".into(),
        service_to: "2026-11-30".into(),
        quantity,
        unit,
        unit_price: Money::from_cents(price),
        base_quantity: base,
        net: Money::from_cents(hsadmin::model::line_net(quantity, price, base)),
        vat_category: vat.0,
        vat_rate_bp: vat.1,
    }
}

/// One month at `price` cents: 1 MON × price / 1.
fn monthly(price: i64) -> (i64, Unit, i64, i64) {
    (1, Unit::Month, price, 1)
}

fn fee(pos: i64, category: VatCategory) -> Line {
    line(pos, LineKind::Fee, "Mitgliedsbeitrag", monthly(500), (category, 0))
}

fn draft(member: &str, name: &str, period: &str, issued: &str, case: VatCase, lines: Vec<Line>) -> Draft {
    Draft {
        kind: InvoiceKind::Invoice,
        member: MemberNumber::parse("member", member).unwrap(),
        period: BillingMonth::parse("period", period).unwrap(),
        issued: issued.into(),
        due: issued.into(),
        corrects: None,
        vat_case: case,
        buyer: Party { name: name.into(), country: Some("DE".into()), ..Party::default() },
        seller: Party { name: "Hostsharing eG".into(), ..Party::default() },
        lines,
    }
}

/// Issues a draft in its own write transaction, as `invoice generate` does.
fn issue(env: &TestEnv, d: Draft) -> Invoice {
    let actor = Actor { user: "tester".into(), command: "tests/export.rs".into() };
    let format = NumberFormat::parse("number_format", "{year}-{seq:05}").unwrap();
    Ledger::open(&env.ledger, actor).unwrap().write(false, |tx| invoice::issue(tx, &format, d, "2026-12-01T06:00:00Z")).unwrap()
}

/// The credit note of `original`, issued on `issued`: the same member, period, lines and amounts.
fn cancel(env: &TestEnv, original: &Invoice, issued: &str) -> Invoice {
    let d = Draft {
        kind: InvoiceKind::CreditNote,
        member: original.member,
        period: original.period,
        issued: issued.into(),
        due: issued.into(),
        corrects: Some(original.number.clone()),
        vat_case: original.vat_case,
        buyer: original.buyer.clone(),
        seller: original.seller.clone(),
        lines: original.lines.clone(),
    };
    issue(env, d)
}

/// November 2026 as in the comment at the top.
fn november(env: &TestEnv) -> Vec<Invoice> {
    let s19 = (VatCategory::Standard, 1900);
    let domestic = vec![
        line(1, LineKind::Package, "Dynamic Web, single admin (xyz00)", monthly(1000), s19),
        line(2, LineKind::Resource, "xyz00: 3 zusätzliche Benutzer", (14, Unit::Day, 300, 30), s19),
        fee(3, VatCategory::Exempt),
    ];
    let mut rc = draft(
        "10002",
        "Alpen Hosting GmbH",
        "2026-11",
        "2026-12-01",
        VatCase::ReverseCharge,
        vec![line(1, LineKind::Package, "Dynamic Web (alp00)", monthly(2500), (VatCategory::ReverseCharge, 0)), fee(2, VatCategory::Exempt)],
    );
    rc.buyer.vat_id = Some("ATU13585627".into());
    let out = vec![
        issue(env, draft("10001", "Jürgen Müller", "2026-11", "2026-12-01", VatCase::Domestic, domestic)),
        issue(env, rc),
        issue(
            env,
            draft(
                "10003",
                "Jane Doe",
                "2026-11",
                "2026-12-01",
                VatCase::NonEu,
                vec![line(1, LineKind::Package, "Dynamic Web (jdo00)", monthly(1500), (VatCategory::OutOfScope, 0)), fee(2, VatCategory::OutOfScope)],
            ),
        ),
        issue(
            env,
            draft(
                "10004",
                "Łukasz Żółć",
                "2026-11",
                "2026-12-01",
                VatCase::Domestic,
                vec![line(1, LineKind::Package, "Dynamic Web (luk00)", monthly(800), s19)],
            ),
        ),
    ];
    let credit = cancel(env, &out[1], "2026-12-10");
    let all = [out, vec![credit]].concat();
    let gross: Vec<i64> = all.iter().map(|i| i.gross.cents()).collect();
    assert_eq!(gross, [1857, 3000, 2000, 952, 3000], "the invoices as figured by hand");
    assert_eq!(all[4].number.as_str(), "2026-00005");
    all
}

fn export(env: &TestEnv, period: &str, format: &str, out: &Path) -> Value {
    env.json(&["invoice", "export", "--period", period, "--format", format, "--out", out.to_str().unwrap()])
}

/// Replaces the first `from` in `bytes` by `to`; panics if it is not there.
fn replace_once(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes.windows(from.len()).position(|w| w == from).unwrap_or_else(|| panic!("{:?} is not in the file", String::from_utf8_lossy(from)));
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// The names in a directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------------
// DATEV
// ---------------------------------------------------------------------------------------------

#[test]
fn the_datev_file_is_accepted_by_the_independent_reader() {
    let env = cooperative();
    let invoices = november(&env);
    let file = env.dir.path().join("EXTF_Buchungsstapel.csv");
    let doc = export(&env, "2026-11", "datev", &file);
    assert_eq!((doc["bookings"].as_u64(), doc["invoices"].as_u64()), (Some(9), Some(5)), "{doc}");
    assert_eq!((doc["sum"]["amount"].as_str(), doc["balance"]["amount"].as_str()), (Some("108.09"), Some("48.09")), "{doc}");
    assert_eq!((doc["from"].as_str(), doc["to"].as_str(), doc["fiscal_year"].as_str()), (Some("2026-11-01"), Some("2026-12-10"), Some("2026-01-01")));
    assert_eq!(doc["format"], "datev");

    let read = datev_check(&file).unwrap_or_else(|e| panic!("the reader refused hsadmin's file:\n{e}"));
    // The reader's own count and sums, against the invoices read back from the ledger.
    let sum: i64 = invoices.iter().map(|i| i.gross.cents()).sum();
    let balance: i64 = invoices.iter().map(|i| if i.kind == InvoiceKind::Invoice { i.gross.cents() } else { -i.gross.cents() }).sum();
    assert_eq!(read["bookings"], 9, "{read}");
    assert_eq!(read["sum"], Money::from_cents(sum).to_string(), "{read}");
    assert_eq!(read["balance"], Money::from_cents(balance).to_string(), "{read}");
    assert_eq!((read["format_version"].as_u64(), read["from"].as_str(), read["to"].as_str()), (Some(13), Some("2026-11-01"), Some("2026-12-10")));
    let header = read["header"].as_str().unwrap();
    assert!(header.contains("berater='29098'") && header.contains("mandant='55003'") && header.contains("skr='03'"), "{header}");

    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\"EXTF\";700;21;\"Buchungsstapel\";13;"));
    assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 11, "header, column names, 9 bookings");
    assert_eq!(bytes.windows(2).filter(|w| w == b"\r\n").count(), 11, "every line ends in CRLF");
    assert!(contains(&bytes, b"J\xfcrgen M\xfcller") && contains(&bytes, b"Lukasz Z\xf3lc"), "names in Windows-1252, transliterated where needed");
    assert!(contains(&bytes, b"Gegenkonto (ohne BU-Schl\xfcssel)"));
    assert!(contains(&bytes, b"13,57;\"S\";\"EUR\";;;;10001;8400;;0112;\"2026-00001\";;;\"Rechnung 2026-00001 Mitglied 10001 J\xfcrgen M\xfcller\";"));
    assert!(contains(&bytes, b"25,00;\"S\";\"EUR\";;;;10002;8336;;0112;\"2026-00002\";"), "reverse charge on the automatic account 8336, no key");
    assert!(contains(&bytes, b"\"ATU13585627\""), "the buyer's VAT id for the ZM");
    assert!(contains(&bytes, b"15,00;\"S\";\"EUR\";;;;10003;8338;;0112;"));
    assert!(contains(&bytes, b"25,00;\"H\";\"EUR\";;;;10002;8336;;1012;\"2026-00005\";;;\"Gutschrift 2026-00005 zu 2026-00002 Mitglied 10002 Alpen Hos\";"));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
}

#[test]
fn broken_datev_files_are_refused_by_the_reader() {
    let env = cooperative();
    november(&env);
    let good = env.dir.path().join("good.csv");
    export(&env, "2026-11", "datev", &good);
    let bytes = std::fs::read(&good).unwrap();
    datev_check(&good).expect("the unbroken file passes");
    // A decimal point instead of the comma.
    let dot = env.dir.path().join("dot.csv");
    std::fs::write(&dot, replace_once(&bytes, b"13,57;\"S\"", b"13.57;\"S\"")).unwrap();
    let e = datev_check(&dot).expect_err("a dot decimal must be refused");
    assert!(e.contains("DatevRefusal") && e.contains("contains '.'"), "{e}");
    // A Belegdatum outside the header's dates (1 October; the file covers 2026-11-01 to 2026-12-10).
    let early = env.dir.path().join("early.csv");
    std::fs::write(&early, replace_once(&bytes, b";0112;\"2026-00001\"", b";0110;\"2026-00001\"")).unwrap();
    let e = datev_check(&early).expect_err("a Belegdatum outside the batch must be refused");
    assert!(e.contains("DatevRefusal") && e.contains("Belegdatum '0110'"), "{e}");
    // A header that is not format version 13 of category 21.
    let version = env.dir.path().join("version.csv");
    std::fs::write(&version, replace_once(&bytes, b"\"Buchungsstapel\";13;", b"\"Buchungsstapel\";7;")).unwrap();
    assert!(datev_check(&version).expect_err("format version 7").contains("Formatversion 7"));
}

#[test]
fn an_empty_month_writes_the_header_only_and_says_so() {
    let env = cooperative();
    november(&env);
    let file = env.dir.path().join("october.csv");
    let r = env.run(&["--json", "invoice", "export", "--period", "2026-10", "--format", "datev", "--out", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("no invoices or credit notes for 2026-10") && r.stderr.contains("header only"), "{}", r.stderr);
    assert_eq!((r.json()["bookings"].as_u64(), r.json()["sum"]["cents"].as_i64()), (Some(0), Some(0)));
    let read = datev_check(&file).unwrap();
    assert_eq!((read["bookings"].as_u64(), read["from"].as_str(), read["to"].as_str()), (Some(0), Some("2026-10-01"), Some("2026-10-31")));
    let lexware = env.dir.path().join("october.txt");
    export(&env, "2026-10", "lexware", &lexware);
    assert_eq!(
        std::fs::read(&lexware).unwrap(),
        b"Belegdatum;Belegnummer;Buchungstext;Buchungsbetrag;Sollkonto;Habenkonto;Steuerschl\xfcssel;Kostenstelle1;Kostenstelle2;W\xe4hrung\r\n"
    );
}

#[test]
fn a_name_windows_1252_cannot_hold_is_left_out_with_a_warning() {
    let env = cooperative();
    issue(
        &env,
        draft(
            "10005",
            "Иван Петров",
            "2026-09",
            "2026-09-30",
            VatCase::Domestic,
            vec![line(1, LineKind::Package, "Dynamic Web (iva00)", monthly(1000), (VatCategory::Standard, 1900))],
        ),
    );
    let file = env.dir.path().join("september.csv");
    let r = env.run(&["--json", "invoice", "export", "--period", "2026-09", "--format", "datev", "--out", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning: Rechnung 2026-00001: the name of member 10005 has 'И' (U+0418)"), "{}", r.stderr);
    assert_eq!(r.json()["warnings"].as_array().map(Vec::len), Some(1));
    let bytes = std::fs::read(&file).unwrap();
    assert!(contains(&bytes, b"\"Rechnung 2026-00001 Mitglied 10005\";"), "the text without the name, never a '?'");
    assert!(!contains(&bytes, b"?"));
    assert_eq!(datev_check(&file).unwrap()["bookings"], 1);
}

// ---------------------------------------------------------------------------------------------
// Lexware
// ---------------------------------------------------------------------------------------------

#[test]
fn the_lexware_file_is_the_golden_one() {
    let env = cooperative();
    november(&env);
    let file = env.dir.path().join("lexware.csv");
    let doc = export(&env, "2026-11", "lexware", &file);
    assert_eq!((doc["bookings"].as_u64(), doc["sum"]["amount"].as_str()), (Some(9), Some("108.09")));
    let got = std::fs::read(&file).unwrap();
    let golden = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/export/lexware-2026-11.csv")).unwrap();
    assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&golden));
    assert_eq!(got, golden);
    // What the golden file is made of: Windows-1252 (ü = 0xFC, ó = 0xF3, ä = 0xE4), CRLF, decimal commas.
    assert!(contains(&got, b"Steuerschl\xfcssel") && contains(&got, b"W\xe4hrung") && contains(&got, b"J\xfcrgen M\xfcller") && contains(&got, b"Z\xf3lc"));
    assert!(!contains(&got, "ü".as_bytes()), "no UTF-8");
    assert_eq!(got.iter().filter(|&&b| b == b'\n').count(), got.windows(2).filter(|w| w == b"\r\n").count());
    assert!(
        contains(&got, b"10.12.2026;2026-00005;\"Gutschrift 2026-00005 zu 2026-00002 Mitglied 10002 Alpen Hos\";25,00;8336;10002;;;;EUR\r\n"),
        "Soll/Haben swapped"
    );
}

// ---------------------------------------------------------------------------------------------
// Refusals and the atomic write
// ---------------------------------------------------------------------------------------------

#[test]
fn invoices_in_two_fiscal_years_are_refused_and_the_target_stays() {
    let env = cooperative();
    let d = |member: &str, issued: &str| {
        draft(member, "X", "2026-12", issued, VatCase::Domestic, vec![line(1, LineKind::Package, "P", monthly(1000), (VatCategory::Standard, 1900))])
    };
    issue(&env, d("10001", "2026-12-31"));
    issue(&env, d("10004", "2027-01-02"));
    let file = env.dir.path().join("december.csv");
    std::fs::write(&file, "the export of last month\n").unwrap();
    let before = listing(env.dir.path());
    for format in ["datev", "lexware"] {
        let e = env.fails(&["invoice", "export", "--period", "2026-12", "--format", format, "--out", file.to_str().unwrap()], 4);
        let message = e["message"].as_str().unwrap();
        assert!(
            message.contains("two fiscal years") && message.contains("2026-00001 issued 2026-12-31") && message.contains("2027-00001 issued 2027-01-02"),
            "{message}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "the export of last month\n", "the target is untouched");
        assert_eq!(listing(env.dir.path()), before, "nothing else was written");
    }
    // A fiscal year from July holds both: the file covers 2026-12-01 to 2027-01-02.
    std::fs::write(&env.config, "[billing.accounts]\nfiscal_year_start = \"07-01\"\n").unwrap();
    let doc = export(&env, "2026-12", "datev", &file);
    assert_eq!((doc["from"].as_str(), doc["to"].as_str(), doc["fiscal_year"].as_str()), (Some("2026-12-01"), Some("2027-01-02"), Some("2026-07-01")));
    assert!(datev_check(&file).unwrap()["header"].as_str().unwrap().contains("datum_bis=datetime.date(2027, 1, 2)"));
}

#[test]
fn a_failed_write_leaves_the_target_and_no_temporary_file() {
    let env = cooperative();
    november(&env);
    // The target is a directory (with a file in it): the rename fails after the temporary file was written.
    let target = env.dir.path().join("out");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "x").unwrap();
    let before = listing(env.dir.path());
    let e = env.fails(&["invoice", "export", "--period", "2026-11", "--format", "datev", "--out", target.to_str().unwrap()], 1);
    assert!(e["message"].as_str().unwrap().starts_with(&format!("cannot write {}", target.display())), "{e}");
    assert_eq!(listing(env.dir.path()), before, "no temporary file left behind");
    assert_eq!(listing(&target), ["keep"]);
    // A directory that does not exist: nothing is created.
    let missing = env.dir.path().join("no/such/dir/file.csv");
    env.fails(&["invoice", "export", "--period", "2026-11", "--format", "lexware", "--out", missing.to_str().unwrap()], 1);
    assert!(!env.dir.path().join("no").exists());
}

#[test]
fn an_existing_target_is_replaced_whole() {
    let env = cooperative();
    november(&env);
    let file = env.dir.path().join("lexware.csv");
    std::fs::write(&file, "x".repeat(100_000)).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
    export(&env, "2026-11", "lexware", &file);
    let golden = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/export/lexware-2026-11.csv")).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), golden, "nothing of the old content is left");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
    assert!(listing(env.dir.path()).iter().all(|n| !n.ends_with(".tmp")));
}

#[test]
fn bad_arguments_are_refused() {
    let env = cooperative();
    let out = env.dir.path().join("x.csv");
    let out = out.to_str().unwrap();
    let e = env.fails(&["invoice", "export", "--period", "2026-13", "--format", "datev", "--out", out], 2);
    assert_eq!(e["field"], "period");
    let e = env.fails(&["invoice", "export", "--period", "2026-11", "--format", "sage", "--out", out], 2);
    assert_eq!(e["field"], "format");
    assert!(!Path::new(out).exists());
    // Member numbers are debtor accounts only with a Sachkontenlänge of 4.
    std::fs::write(
        &env.config,
        "[billing.accounts]\naccount_length = 5\nrevenue_domestic = 84000\nrevenue_reverse_charge = 83360\nrevenue_non_eu = 83380\nrevenue_fee = 82000\n",
    )
    .unwrap();
    let e = env.fails(&["invoice", "export", "--period", "2026-11", "--format", "datev", "--out", out], 2);
    assert_eq!(e["field"], "billing.accounts.receivables");
    assert!(!Path::new(out).exists());
}
