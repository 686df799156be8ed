mod common;
// `dtaus show` through the real binary on third-party DTAUS files, and files written by
// `hsadmin::render::dtaus::write` read back by two parsers nobody on our team wrote: OBanToo and hbci4j
// from Debian's Java packages (tests/validators/DtausRead.java, a thin wrapper that prints what they parsed).
//
// The vectors in tests/data/dtaus are copied byte for byte from jDTAUS's test resources and PEAR
// Payment_DTA's tests (tests/data/dtaus/README.md); their names state the expected verdict. Where a name
// is not the whole story, the expectation below follows jDTAUS's own tests (PhysicalFileTest) and the
// caveats of the billing formats notes (§1.6):
// - `*_legal_header_standalone`, `*_legal_transaction_standalone`, `*_legal_checksum_standalone` and
//   `*_legal_header_and_transaction_but_missing_checksum`: the *record* is legal, the *file* is not: a file
//   is A C… E, and jDTAUS expects a PhysicalFileException for each. `dtaus show` refuses them, naming the
//   missing record.
// - `*_valid_*` files whose E9 reserve is padded with NUL bytes instead of blanks (jDTAUS writes them so and
//   tolerates them; the specification says blanks, and OBanToo in strict mode refuses them): `dtaus show`
//   reads legacy archives, so it accepts them with a warning on stderr (and in `warnings`); the writer
//   always writes blanks.
// - `*_transaction_ext` has 15 extension parts, the maximum; OBanToo cannot parse 15 (its table holds 14),
//   so the files hsadmin writes for it below stay at 14.
// - `*_missing_currency` (created 2003, currency marker blank = DM) is invalid: DM ended with 2001;
//   `*_missing_currency_valid` (created 1980) is the same file in the DM era, valid.
// - `*_when_spaces_allowed_for_a10_*`: a blank A10 (the optional reference) is accepted as "no reference";
//   `*_invalid_header_also_when_spaces_allowed_for_a10_*` has an `A` in it and stays invalid.
// - `dtaus_illegal_create_date_with_legal_transaction` (without the 0) is the tape format in EBCDIC, not the
//   disk format: refused for its length (450 bytes, not blocks of 128).
use common::TestEnv;
use common::debits::{self, at};
use hsadmin::render::dtaus::{self, File};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dtaus").join(name)
}

enum Expect {
    /// Exit 0: C records, Σ amounts, Σ accounts, Σ bank codes, whether a NUL-padding warning comes.
    Valid { count: u64, amounts: u64, accounts: u64, banks: u64, nul_warning: bool },
    /// Exit 2; the error (field `file`) contains each of these.
    Broken(&'static [&'static str]),
}
use Expect::*;

const J: (u64, u64, u64, u64) = (1, 77777777777, 3333333333, 22222222);

fn expectations() -> Vec<(&'static str, Expect)> {
    vec![
        ("dtaus0_valid_header_and_checksum", Valid { count: 0, amounts: 0, accounts: 0, banks: 0, nul_warning: false }),
        ("dtaus0_valid_header_checksum_and_transaction", Valid { count: J.0, amounts: J.1, accounts: J.2, banks: J.3, nul_warning: true }),
        ("dtaus0_valid_header_checksum_and_transaction_ext", Valid { count: J.0, amounts: J.1, accounts: J.2, banks: J.3, nul_warning: true }),
        (
            "dtaus0_valid_header_checksum_and_transaction_missing_currency_valid",
            Valid { count: J.0, amounts: J.1, accounts: J.2, banks: J.3, nul_warning: true },
        ),
        ("dtaus0_valid_header_when_spaces_allowed_for_a10_and_checksum", Valid { count: 0, amounts: 0, accounts: 0, banks: 0, nul_warning: false }),
        ("pear_LK_fixed_05000_valid.dta", Valid { count: 2, amounts: 123456 + 32190, accounts: 2 * 13579000, banks: 2 * 33334444, nul_warning: false }),
        ("dtaus0_illegal_create_date_with_legal_transaction", Broken(&["A record, field A7 creation date (positions 51-56), at byte 51"])),
        ("dtaus0_illegal_format_header", Broken(&["A record, field A3 file kind (positions 6-7), at byte 6", "\"##\""])),
        ("dtaus0_invalid_header_also_when_spaces_allowed_for_a10_and_checksum", Broken(&["A record, field A10 reference (positions 71-80), at byte 71"])),
        ("dtaus0_unsupported_data_header", Broken(&["A record, field A3 file kind", "\"XX\""])),
        ("dtaus0_legal_checksum_standalone", Broken(&["record at byte 1: an A record (Datei-Vorsatz) was expected, found an E record"])),
        ("dtaus0_legal_transaction_standalone", Broken(&["record at byte 1: an A record (Datei-Vorsatz) was expected, found a C record"])),
        ("dtaus0_legal_header_standalone", Broken(&["record at byte 129: the file ends after 0 C record(s) without an E record"])),
        ("dtaus0_legal_header_and_transaction_but_missing_checksum", Broken(&["record at byte 897: the file ends after 1 C record(s) without an E record"])),
        ("dtaus0_missing_header_legal_transaction_and_checksum", Broken(&["record at byte 1: an A record (Datei-Vorsatz) was expected, found a C record"])),
        (
            "dtaus0_valid_header_checksum_and_forbidden_transaction_ext",
            Broken(&["C record 1, field C7 Textschlüssel (positions 45-49), at byte 173", "51000 does not belong in a LK file"]),
        ),
        ("dtaus0_valid_header_checksum_and_transaction_missing_currency", Broken(&["A record, field A12 currency marker (position 128), at byte 128", "DM"])),
        (
            "dtaus0_valid_header_checksum_illegal_format_transaction",
            Broken(&["C record 1, field C3 first bank's code (positions 6-13), at byte 134", "\"1111#111\""]),
        ),
        ("dtaus0_valid_header_illegal_format_checksum", Broken(&["E record, field E4 number of C records (positions 11-17), at byte 139"])),
        ("dtaus_illegal_create_date_with_legal_transaction", Broken(&["450 bytes, not a multiple of 128"])),
        ("empty_256", Broken(&["record at byte 1", "a block of NUL bytes (an empty file)"])),
        ("empty_256_2", Broken(&["record at byte 1", "byte 0x00 as the record type"])),
        ("empty_256_3", Broken(&["A record, field A3 file kind (positions 6-7), at byte 6"])),
        ("illegal_file_length", Broken(&["250 bytes, not a multiple of 128"])),
        ("illegal_file_length_2", Broken(&["30 bytes, not a multiple of 128"])),
        ("pear_GK_with_04000_invalid.dta", Broken(&["C record 1, field C7 Textschlüssel", "04000 does not belong in a GK file"])),
        ("pear_LK_with_51000_invalid.dta", Broken(&["C record 1, field C7 Textschlüssel", "51000 does not belong in a LK file"])),
    ]
}

/// The verdict a vector's name states, with the readings explained at the top: `standalone` and
/// `missing` are incomplete files, a trailing `_valid` overrides `missing_currency`.
fn verdict_of_name(name: &str) -> bool {
    if name.ends_with("_valid") || name.ends_with("_valid.dta") {
        return true;
    }
    let broken = ["illegal", "invalid", "missing", "empty", "forbidden", "unsupported", "standalone"];
    !broken.iter().any(|w| name.contains(w)) && (name.contains("valid") || name.contains("legal"))
}

#[test]
fn every_vector_gets_the_verdict_its_name_states() {
    let env = TestEnv::empty();
    let mut names: Vec<String> = std::fs::read_dir(data("")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.retain(|n| n != "README.md" && n != ".gitattributes");
    names.sort();
    let table = expectations();
    let mut covered: Vec<String> = table.iter().map(|(n, _)| n.to_string()).collect();
    covered.sort();
    assert_eq!(names, covered, "every vector has an expectation");
    for (name, expect) in table {
        let path = data(name);
        let path = path.to_str().unwrap();
        match expect {
            Valid { count, amounts, accounts, banks, nul_warning } => {
                assert!(verdict_of_name(name), "{name}: its name does not say valid");
                let r = env.run(&["--json", "dtaus", "show", path]);
                assert_eq!(r.code, 0, "{name}: {}\n{}", r.stdout, r.stderr);
                let doc = r.json();
                let files = doc["files"].as_array().unwrap();
                assert_eq!(files.len(), 1, "{name}");
                let f = &files[0];
                assert_eq!(f["transactions"].as_array().unwrap().len() as u64, count, "{name}");
                assert_eq!(f["sums"], serde_json::json!({"count": count, "accounts": accounts, "banks": banks, "amounts": amounts}), "{name}");
                let warned = !doc["warnings"].as_array().unwrap().is_empty();
                assert_eq!(warned, nul_warning, "{name}: {}", doc["warnings"]);
                assert_eq!(r.stderr.contains("padded with NUL bytes"), nul_warning, "{name}: {}", r.stderr);
            }
            Broken(parts) => {
                assert!(!verdict_of_name(name), "{name}: its name says valid");
                let e = env.fails(&["dtaus", "show", path], 2);
                assert_eq!(e["field"], "file", "{name}: {e}");
                let message = e["message"].as_str().unwrap();
                for p in parts {
                    assert!(message.contains(p), "{name}: {message:?} lacks {p:?}");
                }
            }
        }
    }
}

#[test]
fn the_vectors_are_read_field_by_field() {
    let env = TestEnv::empty();
    // jDTAUS's own assertions on its valid header and transaction (PhysicalFileTest.assertValidHeader,
    // assertValidTransaction), umlauts in DIN 66003 decoded.
    let doc = env.json(&["dtaus", "show", data("dtaus0_valid_header_checksum_and_transaction_ext").to_str().unwrap()]);
    let f = &doc["files"][0];
    assert_eq!(f["name"], "ABCDEFGHUJKI.UHZGTÄÖÜß+ ,$&");
    assert_eq!(
        (f["kind"].as_str(), f["bank"].as_u64(), f["account"].as_u64(), f["reference"].as_u64()),
        (Some("LK"), Some(11111111), Some(1111111111), Some(2222222222))
    );
    assert_eq!((f["created"].as_str(), f["execution"].as_str(), f["currency"].as_str()), (Some("2003-01-01"), Some("2003-01-15"), Some("EUR")));
    let t = &f["transactions"][0];
    assert_eq!(
        (t["first_bank"].as_u64(), t["customer"].as_u64(), t["sender_bank"].as_u64(), t["sender_account"].as_u64()),
        (Some(11111111), Some(44444444444), Some(55555555), Some(6666666666))
    );
    assert_eq!(t["key"], "05000");
    assert_eq!(t["name"], serde_json::json!(["ABCDEFGHIJKLMNOPQRSTUÄÖÜß$.", "1BCDEFGHIJKLMNOPQRSTUÄÖÜß$."]));
    assert_eq!(t["sender_name"], serde_json::json!(["ABCDEFGHIJKLMNOPQRSTUÄÖÜß$.", "15CDEFGHIJKLMNOPQRSTUÄÖÜß$."]));
    assert_eq!(t["purpose"].as_array().unwrap().len(), 14);
    assert_eq!(t["purpose"][13], "14CDEFGHIJKLMNOPQRSTUÄÖÜß$.");
    let dm = env.json(&["dtaus", "show", data("dtaus0_valid_header_checksum_and_transaction_missing_currency_valid").to_str().unwrap()]);
    assert_eq!((dm["files"][0]["currency"].as_str(), dm["files"][0]["created"].as_str()), (Some("DEM"), Some("1980-01-01")));
    // The table for people: header, C records, sums.
    let out = env.ok(&["dtaus", "show", data("pear_LK_fixed_05000_valid.dta").to_str().unwrap()]);
    for want in ["LK (debits)", "SENDERS NAME", "1556.46 EUR", "FRANZ MUELLER", "1234.56", "321.90", "TEST-VERWENDUNGSZWECK", "05000"] {
        assert!(out.contains(want), "{want:?} not in\n{out}");
    }
}

// ---------------------------------------------------------------------------------------------
// Files hsadmin writes, read back by OBanToo and hbci4j
// ---------------------------------------------------------------------------------------------

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An LK file: umlauts and ß in names, a name continued in an extension part, purposes over several lines
/// (up to 14 extension parts: OBanToo cannot parse 15), several debits.
fn debits() -> File {
    let mut f = File::debits(37040044, 532013000, "Hostsharing eG", day(2026, 12, 1), Some(day(2026, 12, 3)));
    f.add_debit(12030000, 202051, "Jürgen Müller", 1857, 10001, "Rechnung 2026-00001");
    f.add_debit(50010517, 5432109876, "Änne Groß-Öztürk", 952, 10004, "Rechnung 2026-00004 November 2026 Webspace und Domains");
    f.add_debit(10010010, 1, "Maximiliane Übermuth-Schießl", 99_999_999, 10007, &format!("Rechnungen {}", "2026-00010 ".repeat(33)));
    f.add_debit(76026000, 9_999_999_999, "Straße & Söhne", 1, 10009, "");
    f
}

/// The wrapper compiled once per test run (the tests run in parallel threads: one javac, not two writing the
/// same class file).
fn validator() -> PathBuf {
    static BUILD: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILD
        .get_or_init(|| {
            let build = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dtaus-validator");
            std::fs::create_dir_all(&build).unwrap();
            let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validators/DtausRead.java");
            let out = Command::new("javac")
                .args(["-encoding", "UTF-8", "-cp", CLASSPATH, "-d"])
                .arg(&build)
                .arg(&source)
                .output()
                .expect("javac (default-jdk-headless) is installed: tests/run-all.sh installs it");
            assert!(out.status.success(), "javac failed:\n{}", String::from_utf8_lossy(&out.stderr));
            build
        })
        .clone()
}

const CLASSPATH: &str = "/usr/share/java/obantoo-bin.jar:/usr/share/java/hbci4j-core.jar";

/// Runs the wrapper: its exit code, the JSON line, its stderr.
fn independent(build: &Path, file: &Path) -> (i32, Value, String) {
    let out = Command::new("java").arg("-cp").arg(format!("{}:{CLASSPATH}", build.display())).arg("DtausRead").arg(file).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let line = stdout.lines().last().unwrap_or_else(|| panic!("no output; stderr:\n{stderr}"));
    (out.status.code().unwrap_or(-1), serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}\n{stderr}")), stderr)
}

#[test]
fn written_files_are_read_back_by_obantoo_and_hbci4j() {
    let build = validator();
    let dir = tempfile::tempdir().unwrap();
    let f = debits();
    assert_eq!(f.transactions.iter().map(|t| t.extensions()).collect::<Vec<_>>(), [0, 1, 14, 0]);
    let bytes = dtaus::write(&f).unwrap();
    let path = dir.path().join("debits.dta");
    std::fs::write(&path, &bytes).unwrap();
    let (code, doc, stderr) = independent(&build, &path);
    assert_eq!(code, 0, "{doc}\n{stderr}");
    let s = f.sums();
    assert_eq!(
        (doc["count"].as_u64(), doc["amounts"].as_u64(), doc["accounts"].as_u64(), doc["banks"].as_u64()),
        (Some(4), Some(1857 + 952 + 99_999_999 + 1), Some(202051 + 5432109876 + 1 + 9_999_999_999), Some(12030000 + 50010517 + 10010010 + 76026000))
    );
    assert_eq!(
        (s.count, s.amounts, s.accounts, s.banks),
        (4, 1857 + 952 + 99_999_999 + 1, 202051 + 5432109876 + 1 + 9_999_999_999, 12030000 + 50010517 + 10010010 + 76026000)
    );
    assert_eq!(doc["kind"], "LK");
    assert_eq!(doc["keys"], serde_json::json!(["05000", "05000", "05000", "05000"]));
    assert_eq!(doc["sender"], "HOSTSHARING EG");
    // OBanToo decodes DIN 66003 to umlauts; hbci4j hands back the bytes as they stand ([ \ ] ~).
    assert_eq!(doc["names"], serde_json::json!(["JÜRGEN MÜLLER", "ÄNNE GROß-ÖZTÜRK", "MAXIMILIANE ÜBERMUTH-SCHIEßL", "STRAßE & SÖHNE"]));
    let din = |s: &str| s.replace('Ä', "[").replace('Ö', "\\").replace('Ü', "]").replace('ß', "~");
    let names: Vec<String> = doc["names"].as_array().unwrap().iter().map(|n| din(n.as_str().unwrap())).collect();
    assert_eq!(doc["hbci4j"]["names"], serde_json::json!(names));
    assert_eq!((doc["hbci4j"]["count"].as_u64(), doc["hbci4j"]["amounts"].as_u64()), (Some(4), doc["amounts"].as_u64()));
    // The purpose lines came through, the long one in 14 lines (C16 and 13 parts of type 02).
    let purposes = doc["purposes"].as_array().unwrap();
    assert_eq!(purposes[1], "RECHNUNG 2026-00004 NOVEMBE\nR 2026 WEBSPACE UND DOMAINS");
    assert_eq!(purposes[2].as_str().unwrap().lines().count(), 14);

    // `dtaus show` agrees.
    let env = TestEnv::empty();
    let shown = env.json(&["dtaus", "show", path.to_str().unwrap()]);
    assert_eq!(shown["files"][0]["sums"], serde_json::json!({"count": 4, "accounts": s.accounts, "banks": s.banks, "amounts": s.amounts}));
    assert_eq!(shown["files"][0]["transactions"][2]["name"], serde_json::json!(["MAXIMILIANE ÜBERMUTH-SCHIEß", "L"]));
}

#[test]
fn a_broken_control_sum_is_refused_by_the_independent_parser_and_by_dtaus_show() {
    let build = validator();
    let dir = tempfile::tempdir().unwrap();
    let bytes = dtaus::write(&debits()).unwrap();
    let e = bytes.len() - 128;
    let env = TestEnv::empty();
    // The last digit of E8 (positions 65-77) and of E4 (positions 11-17) changed.
    for (what, pos, field) in [("amounts", 76, "E8"), ("count", 16, "E4")] {
        let mut broken = bytes.clone();
        let digit = &mut broken[e + pos];
        assert!(digit.is_ascii_digit());
        *digit = if *digit == b'9' { b'8' } else { *digit + 1 };
        let path = dir.path().join(format!("broken-{what}.dta"));
        std::fs::write(&path, &broken).unwrap();
        let (code, doc, stderr) = independent(&build, &path);
        assert_eq!(code, 1, "{what}: {doc}\n{stderr}");
        assert!(stderr.contains(&format!("FAIL {field}")), "{what}: {stderr}");
        let err = env.fails(&["dtaus", "show", path.to_str().unwrap()], 2);
        assert!(err["message"].as_str().unwrap().contains(&format!("E record, field {field}")), "{err}");
    }
}

#[test]
fn a_missing_file_and_several_logical_files() {
    let env = TestEnv::empty();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.dta");
    let e = env.fails(&["dtaus", "show", missing.to_str().unwrap()], 2);
    assert_eq!(e["field"], "file", "{e}");
    // Two logical files in one physical file; the second one's E record broken.
    let one = dtaus::write(&debits()).unwrap();
    let two = dir.path().join("two.dta");
    std::fs::write(&two, [one.clone(), one.clone()].concat()).unwrap();
    let doc = env.json(&["dtaus", "show", two.to_str().unwrap()]);
    assert_eq!(doc["files"].as_array().unwrap().len(), 2);
    assert_eq!(doc["files"][1]["offset"].as_u64(), Some(one.len() as u64));
    let mut broken = [one.clone(), one.clone()].concat();
    let at = 2 * one.len() - 128 + 40;
    broken[at] = if broken[at] == b'9' { b'8' } else { broken[at] + 1 };
    std::fs::write(&two, &broken).unwrap();
    let e = env.fails(&["dtaus", "show", two.to_str().unwrap()], 2);
    let message = e["message"].as_str().unwrap();
    assert!(message.contains("E record of logical file 2, field E6 sum of account numbers (positions 31-47)"), "{message}");
    // The byte named is where the field starts (E6 at position 31 of the second E record).
    assert!(message.contains(&format!("at byte {}", 2 * one.len() - 128 + 31)), "{message}");
}

#[test]
fn the_writer_gives_back_the_bytes_of_third_party_files() {
    // PEAR Payment_DTA wrote this file (blanks everywhere a field is unused, as the writer does): what the
    // reader makes of it, written again, is the same file byte for byte.
    let bytes = std::fs::read(data("pear_LK_fixed_05000_valid.dta")).unwrap();
    let read = dtaus::read(&bytes).unwrap();
    assert_eq!(dtaus::write(&read.files[0].file).unwrap(), bytes);
    // jDTAUS's file with 15 extension parts differs only where the writer follows the specification: blanks
    // instead of NUL bytes in E9, blanks instead of type `00` in the unused extension slots.
    let bytes = std::fs::read(data("dtaus0_valid_header_checksum_and_transaction_ext")).unwrap();
    let read = dtaus::read(&bytes).unwrap();
    let written = dtaus::write(&read.files[0].file).unwrap();
    assert_eq!(written.len(), bytes.len());
    let differ: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] != written[i]).collect();
    let e9 = bytes.len() - 51..bytes.len();
    let unused_slots = [128 + 640 + 29, 128 + 640 + 58, 128 + 640 + 87];
    assert!(differ.iter().all(|i| e9.contains(i) || unused_slots.iter().any(|s| (*s..s + 2).contains(i))), "{differ:?}");
    assert!(differ.iter().all(|&i| written[i] == b' '));
}

// ---------------------------------------------------------------------------------------------
// `dtaus export`: the cooperative's open invoices as an LK file, exactly once
// ---------------------------------------------------------------------------------------------

/// The cooperative of tests/sepa.rs (10001 on a German account, 10002 on an Austrian one, 10003 without
/// mandate, 10004 revoked) and 10005 on a German account with an overlong holder's name; 10001 and 10005 also
/// invoiced for January to May, so that their purposes run over several lines.
fn cooperative() -> TestEnv {
    let env = debits::cooperative();
    let address = ["--street", "Hauptstr. 1", "--zipcode", "20095", "--city", "Hamburg", "--country", "DE"];
    let mut args = vec!["member", "add", "10005", "--prefix", "ueb", "--name", "Übermuth", "--email", "u@example.org", "--since", "2026-01-01"];
    args.extend_from_slice(&address);
    env.ok(&args);
    env.ok(&["package", "create", "ueb00", "--member", "10005", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    let holder = "Maximiliane Übermuth-Schießl von und zu Großenhain-Überlingen am See";
    env.ok(&["bank-account", "add", "10005", "--iban", "DE89370400440532013000", "--holder", holder]);
    env.ok(&["mandate", "add", "10005", "--reference", "HS-10005-20260101", "--signed", "2026-01-01"]);
    for month in ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"] {
        env.ok(&["invoice", "generate", "--period", month, "--date", "2026-07-01"]);
    }
    env
}

fn numbers(env: &TestEnv, member: &str) -> Vec<String> {
    env.json(&["invoice", "list", "--member", member]).as_array().unwrap().iter().map(|i| i["number"].as_str().unwrap().to_owned()).collect()
}

fn gross(env: &TestEnv, member: &str) -> u64 {
    env.json(&["invoice", "list", "--member", member]).as_array().unwrap().iter().map(|i| i["gross"]["cents"].as_u64().unwrap()).sum()
}

#[test]
fn an_export_is_read_back_collects_once_and_is_written_again_byte_for_byte() {
    let build = validator();
    let env = cooperative();
    let file = env.dir.path().join("debits.dta");
    let r = at(&env, "2026-07-01", &["dtaus", "export", "--execution-date", "2026-07-03", "--out", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!((doc["batch"].as_i64(), doc["format"].as_str(), doc["count"].as_i64()), (Some(1), Some("dtaus"), Some(2)), "{doc}");
    let (g1, g5) = (gross(&env, "10001"), gross(&env, "10005"));
    assert_eq!(doc["sum"]["cents"].as_u64(), Some(g1 + g5));
    let skipped: Vec<(String, String)> =
        doc["skipped"].as_array().unwrap().iter().map(|s| (s["member"].to_string(), s["reason"].as_str().unwrap().into())).collect();
    assert_eq!(skipped.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(), ["10002", "10003", "10004"], "{skipped:?}");
    assert!(skipped[0].1.contains("German accounts only") && skipped[0].1.contains("AT611904300234573201"), "{skipped:?}");
    assert!(r.stderr.contains("member 10002 left out"), "{}", r.stderr);
    assert_eq!(std::fs::metadata(&file).map(|m| std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o777).unwrap(), 0o600);

    // OBanToo and hbci4j read it: counts, sums, keys, names in DIN 66003, the purposes naming the invoices.
    let (code, java, stderr) = independent(&build, &file);
    assert_eq!(code, 0, "{java}\n{stderr}");
    assert_eq!((java["count"].as_u64(), java["amounts"].as_u64()), (Some(2), Some(g1 + g5)));
    assert_eq!(java["accounts"].as_u64(), Some(202051 + 532013000));
    assert_eq!(java["banks"].as_u64(), Some(12030000 + 37040044));
    assert_eq!((java["kind"].as_str(), java["sender"].as_str()), (Some("LK"), Some("HOSTSHARING EG")));
    assert_eq!(java["keys"], serde_json::json!(["05000", "05000"]));
    assert_eq!(java["names"], serde_json::json!(["ERIKA MUSTERMANN", "MAXIMILIANE ÜBERMUTH-SCHIEßL VON UND ZU GROßENHAIN-ÜBE"]));
    assert_eq!(java["hbci4j"]["count"].as_u64(), Some(2));
    let purposes: Vec<&str> = java["purposes"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let n1 = numbers(&env, "10001");
    assert_eq!(n1.len(), 6);
    assert!(purposes[0].starts_with("MITGLIED 10001 RECHNUNGEN\n"), "{purposes:?}");
    assert!(n1.iter().all(|n| purposes[0].contains(n.as_str())), "{purposes:?} {n1:?}");
    assert!(purposes[0].lines().all(|l| l.len() <= 27) && purposes[0].lines().count() > 2);

    // `dtaus show` agrees, and names what the A and C records carry.
    let shown = env.json(&["dtaus", "show", file.to_str().unwrap()]);
    let f = &shown["files"][0];
    assert_eq!((f["created"].as_str(), f["execution"].as_str(), f["reference"].as_u64()), (Some("2026-07-01"), Some("2026-07-03"), Some(1)));
    assert_eq!((f["bank"].as_u64(), f["account"].as_u64()), (Some(12030000), Some(202051)));
    let customers: Vec<u64> = f["transactions"].as_array().unwrap().iter().map(|t| t["customer"].as_u64().unwrap()).collect();
    assert_eq!(customers, [10001, 10005]);
    assert_eq!(shown["files"][0]["sums"]["amounts"].as_u64(), Some(g1 + g5));

    // Exactly once: a re-run collects nothing; `--batch` writes the same bytes; sepa export will not.
    let again = at(&env, "2026-07-01", &["dtaus", "export", "--execution-date", "2026-07-03", "--out", env.dir.path().join("again.dta").to_str().unwrap()]);
    assert_eq!((again.code, again.json()["count"].as_i64()), (0, Some(0)), "{}", again.stderr);
    assert!(!env.dir.path().join("again.dta").exists());
    let copy = env.dir.path().join("copy.dta");
    assert_eq!(at(&env, "2026-07-02", &["dtaus", "export", "--batch", "1", "--out", copy.to_str().unwrap()]).code, 0);
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&file).unwrap());
    let wrong = at(&env, "2026-07-02", &["sepa", "export", "--batch", "1", "--out", copy.to_str().unwrap()]);
    assert!(wrong.code == 2 && wrong.stdout.contains("dtaus export --batch 1"), "{}", wrong.stdout);
    // SEPA collects what DTAUS could not hold, and nothing DTAUS collected.
    let xml = env.dir.path().join("rest.xml");
    let rest = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-03", "--out", xml.to_str().unwrap()]);
    assert_eq!(rest.code, 0, "{}", rest.stderr);
    let debits: Vec<i64> = rest.json()["debits"].as_array().unwrap().iter().map(|d| d["member"].as_i64().unwrap()).collect();
    assert_eq!(debits, [10002]);
    // A return reopens the invoices; the next DTAUS file collects them again.
    assert_eq!(at(&env, "2026-07-06", &["debit", "return", "1", "10005", "--reason", "MD06"]).code, 0);
    let next = env.dir.path().join("next.dta");
    let r = at(&env, "2026-07-06", &["dtaus", "export", "--execution-date", "2026-07-08", "--out", next.to_str().unwrap()]);
    assert_eq!((r.code, r.json()["batch"].as_i64(), r.json()["sum"]["cents"].as_u64()), (0, Some(3), Some(g5)), "{}", r.stderr);
    assert_eq!(independent(&build, &next).0, 0);
}

#[test]
fn bad_export_input_is_refused_and_changes_nothing() {
    let env = cooperative();
    let out = env.dir.path().join("d.dta");
    let out = out.to_str().unwrap();
    let before = env.dump();
    let refused = |day: &str, date: &str, expect: &str| {
        let r = at(&env, day, &["dtaus", "export", "--execution-date", date, "--out", out]);
        assert_eq!(r.code, 2, "{date}: {}", r.stderr);
        let e = &r.json()["error"];
        assert_eq!(e["field"], "--execution-date", "{e}");
        assert!(e["message"].as_str().unwrap().contains(expect), "{e}");
    };
    refused("2026-07-01", "2026-07-01", "the earliest execution date is 2026-07-02");
    refused("2026-07-01", "2026-07-04", "TARGET2 closing day");
    refused("2026-07-01", "2026-07-17", "at most 15 days after the file is created, 2026-07-16 at the latest");
    assert_eq!(at(&env, "2026-07-01", &["dtaus", "export", "--execution-date", "3.7.2026", "--out", out]).code, 2);
    // The creditor's account must be German; a creditor id is not needed, but checked when set.
    let config = std::fs::read_to_string(&env.config).unwrap();
    std::fs::write(&env.config, config.replace("DE02120300000000202051", "AT611904300234573201")).unwrap();
    let r = at(&env, "2026-07-01", &["dtaus", "export", "--execution-date", "2026-07-03", "--out", out]);
    assert!(r.code == 2 && r.json()["error"]["field"] == "billing.iban", "{}", r.stdout);
    std::fs::write(&env.config, config.replace("DE98ZZZ09999999999", "DE97ZZZ09999999999")).unwrap();
    let r = at(&env, "2026-07-01", &["dtaus", "export", "--execution-date", "2026-07-03", "--out", out]);
    assert!(r.code == 2 && r.stdout.contains("billing.creditor_id"), "{}", r.stdout);
    std::fs::write(&env.config, config.lines().filter(|l| !l.starts_with("creditor_id")).collect::<Vec<_>>().join("\n")).unwrap();
    let r = at(&env, "2026-07-01", &["dtaus", "export", "--execution-date", "2026-07-03", "--dry-run"]);
    assert_eq!((r.code, r.json()["count"].as_i64()), (0, Some(2)), "{}", r.stderr);
    // A batch that does not exist; `--batch` without `--out`.
    assert_ne!(at(&env, "2026-07-01", &["dtaus", "export", "--batch", "7", "--out", out]).code, 0);
    assert_eq!(at(&env, "2026-07-01", &["dtaus", "export", "--batch", "7"]).code, 2);
    assert!(!Path::new(out).exists());
    assert_eq!(env.dump(), before);
}

#[test]
fn killed_at_random_moments_each_invoice_is_collected_once_in_dtaus() {
    let env = debits::crowd(300);
    let out = env.dir.path().join("d.dta");
    let args = ["dtaus", "export", "--execution-date", "2026-07-03", "--out", out.to_str().unwrap()];
    debits::killed_at_random_moments(&env, &args, 20);
    let batches = debits::each_invoice_collected_once(&env);
    // Every recorded batch can be written again; `dtaus show` and the independent parsers read each.
    let build = validator();
    let mut total = 0;
    for id in batches {
        let f = env.dir.path().join(format!("batch-{id}.dta"));
        assert_eq!(at(&env, "2026-07-01", &["dtaus", "export", "--batch", &id.to_string(), "--out", f.to_str().unwrap()]).code, 0);
        total += env.json(&["dtaus", "show", f.to_str().unwrap()])["files"][0]["sums"]["count"].as_u64().unwrap();
        let (code, java, stderr) = independent(&build, &f);
        assert_eq!(code, 0, "{java}\n{stderr}");
    }
    assert_eq!(total, 300);
}
