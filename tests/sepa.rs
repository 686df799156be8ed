//! SEPA direct debits through the real binary (issue 11): `sepa export` and `debit return` on a small
//! cooperative whose June 2026 invoices were issued by `invoice generate`. Every pain.008 file written is
//! judged by xmllint against the DK schemas (tests/data/sepa: pain.008.001.08_GBIC_4.xsd, the DK
//! pain.008.001.02.xsd), its IBANs and creditor id by schwifty and python-stdnum
//! (tests/validators/iban_check.py), and its control sums recomputed here from the XML. Then the promises:
//! exactly once (a re-run collects nothing, `--batch` writes the same bytes, SIGKILL at random moments then a
//! run to completion collects each invoice once), bad input refused with nothing changed, members with
//! broken data reported and left out, a return reopening the invoices, and invoices naming the debit
//! (payment means 59, still passing the XRechnung schematrons).
mod common;
use common::TestEnv;
use common::debits::{CREDITOR_ID, at, billing, cooperative, crowd, each_invoice_collected_once, killed_at_random_moments};
use common::validators::{assert_valid_xrechnung, pdftotext, validators};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn xsd_for(format: &str) -> PathBuf {
    let name = if format == "pain.008.001.02" { "pain.008.001.02.xsd" } else { "pain.008.001.08_GBIC_4.xsd" };
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sepa").join(name)
}

/// The texts of every `<tag>` in `xml`, in order.
fn texts(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let j = after.find(&close).unwrap();
        out.push(after[..j].to_owned());
        rest = &after[j..];
    }
    out
}

fn cents(decimal: &str) -> i64 {
    let (euro, cent) = decimal.split_once('.').unwrap();
    assert_eq!(cent.len(), 2, "{decimal}");
    euro.parse::<i64>().unwrap() * 100 + cent.parse::<i64>().unwrap()
}

/// Instructed amounts of a part of the file, in cents.
fn amounts(xml: &str) -> Vec<i64> {
    xml.split("<InstdAmt Ccy=\"EUR\">").skip(1).map(|s| cents(&s[..s.find('<').unwrap()])).collect()
}

/// The file validates against its DK schema; its control sums and counts add up (recomputed from the
/// transactions); every IBAN and the creditor id pass schwifty and python-stdnum; every name and text is in
/// the SEPA character set and within its length. Returns the file's text.
fn judge(file: &Path, format: &str) -> String {
    let out = Command::new("xmllint").arg("--noout").arg("--schema").arg(xsd_for(format)).arg(file).output().unwrap();
    let xml = std::fs::read_to_string(file).unwrap();
    assert!(out.status.success(), "{} fails {format}: {}\n{xml}", file.display(), String::from_utf8_lossy(&out.stderr));
    assert!(xml.contains(&format!("urn:iso:std:iso:20022:tech:xsd:{format}")));
    let all = amounts(&xml);
    let head = &xml[..xml.find("<PmtInf>").unwrap()];
    assert_eq!(texts(head, "NbOfTxs"), [all.len().to_string()]);
    assert_eq!(cents(&texts(head, "CtrlSum")[0]), all.iter().sum::<i64>());
    for block in xml.split("<PmtInf>").skip(1) {
        let txs = amounts(block);
        let head = &block[..block.find("<DrctDbtTxInf>").unwrap()];
        assert_eq!(texts(head, "NbOfTxs"), [txs.len().to_string()]);
        assert_eq!(cents(&texts(head, "CtrlSum")[0]), txs.iter().sum::<i64>());
        assert!(txs.iter().all(|c| *c > 0));
    }
    let sepa = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || "/-?:().,'+ ".contains(c));
    for nm in texts(&xml, "Nm") {
        assert!(nm.chars().count() <= 70 && sepa(&nm), "{nm:?}");
    }
    for u in texts(&xml, "Ustrd") {
        assert!(u.chars().count() <= 140 && sepa(&u), "{u:?}");
    }
    let mut lines: Vec<String> = texts(&xml, "IBAN").into_iter().map(|v| format!("iban {v}")).collect();
    lines.push(format!("creditor-id {}", texts(&xml, "Id").into_iter().find(|i| i.contains("ZZZ")).unwrap().rsplit('>').next().unwrap()));
    for (line, ok) in independent(&lines) {
        assert!(ok, "{line} fails the independent check");
    }
    xml
}

/// schwifty and python-stdnum on `KIND VALUE` lines.
fn independent(lines: &[String]) -> BTreeMap<String, bool> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validators/iban_check.py");
    let mut child = Command::new(validators().join("bin/python")).arg(script).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(lines.join("\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "iban_check.py failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn gross(env: &TestEnv, member: &str) -> i64 {
    let list = env.json(&["invoice", "list", "--member", member]);
    list.as_array().unwrap().iter().map(|i| i["gross"]["cents"].as_i64().unwrap()).sum()
}

fn reasons(doc: &Value) -> BTreeMap<String, String> {
    doc["skipped"].as_array().unwrap().iter().map(|s| (s["member"].to_string(), s["reason"].as_str().unwrap().to_owned())).collect()
}

#[test]
fn an_export_validates_collects_once_and_a_return_reopens() {
    let env = cooperative();
    let file = env.dir.path().join("debits.xml");
    let r = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-03", "--out", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["batch"], 1);
    assert_eq!(doc["count"], 2);
    assert_eq!(doc["file"], file.to_str().unwrap());
    let (g1, g2) = (gross(&env, "10001"), gross(&env, "10002"));
    assert!(g1 > 0 && g2 > 0);
    assert_eq!(doc["sum"]["cents"].as_i64().unwrap(), g1 + g2);
    let skipped = reasons(&doc);
    assert_eq!(skipped["10003"], "no mandate", "{skipped:?}");
    assert!(skipped["10004"].contains("revoked"), "{skipped:?}");
    assert!(r.stderr.contains("member 10003 left out: no mandate"), "{}", r.stderr);
    let xml = judge(&file, "pain.008.001.08");
    assert_eq!(std::fs::metadata(&file).map(|m| std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o777).unwrap(), 0o600);
    // Both first debits: one FRST block. Umlauts and ß spelt out, names cut to 70.
    assert_eq!(texts(&xml, "SeqTp"), ["FRST"]);
    let names = texts(&xml, "Nm");
    assert!(names.contains(&"Erika Mustermann".to_owned()), "{names:?}");
    let juergen = names.iter().find(|n| n.starts_with("Juergen Gross + Soehne Oelmuehle Ueberseehandel GbR")).unwrap();
    assert_eq!(juergen.len(), 70, "{juergen}");
    assert!(names[0].starts_with("Hostsharing eG Genossenschaft fuer Webhosting") && names[0].len() <= 70, "{}", names[0]);
    assert_eq!(texts(&xml, "MndtId"), ["HS-10001-20260101", "HS-10002-20260101"]);
    assert_eq!(texts(&xml, "DtOfSgntr"), ["2026-01-01", "2026-01-01"]);
    assert_eq!(texts(&xml, "ReqdColltnDt"), ["2026-07-03"]);
    let numbers: Vec<String> =
        env.json(&["invoice", "list", "--member", "10001"]).as_array().unwrap().iter().map(|i| i["number"].as_str().unwrap().to_owned()).collect();
    assert!(texts(&xml, "Ustrd")[0].contains(&numbers[0]), "{xml}");
    // The mandates are used: the next debit is RCUR.
    assert_eq!(env.json(&["mandate", "list", "--member", "10001"])[0]["sequence_type"], "RCUR");

    // Exactly once: a re-run collects nothing; the batch's file comes back byte for byte.
    let before = env.dump();
    let again = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-03", "--out", env.dir.path().join("again.xml").to_str().unwrap()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.json()["count"], 0);
    assert_eq!(again.json()["batch"], Value::Null);
    assert!(!env.dir.path().join("again.xml").exists());
    let copy = env.dir.path().join("copy.xml");
    let r = at(&env, "2026-07-02", &["sepa", "export", "--batch", "1", "--out", copy.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&file).unwrap());
    assert_eq!(env.dump().len(), before.len(), "re-running and rewriting record nothing but the audit rows");

    // A return reopens the invoice; the next export collects it again as RCUR, here as pain.008.001.02.
    let bad = at(&env, "2026-07-06", &["debit", "return", "1", "10001", "--reason", "ac04"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    let ret = at(&env, "2026-07-06", &["debit", "return", "1", "10001", "--reason", "AC04", "--date", "2026-07-06"]);
    assert_eq!(ret.code, 0, "{}", ret.stderr);
    assert_eq!(ret.json()["reopened"][0], numbers[0]);
    assert_eq!(at(&env, "2026-07-06", &["debit", "return", "1", "10001", "--reason", "AC04"]).code, 4);
    let file2 = env.dir.path().join("debits-02.xml");
    let r = at(&env, "2026-07-06", &["sepa", "export", "--collection-date", "2026-07-08", "--format", "pain.008.001.02", "--out", file2.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!((doc["batch"].as_i64(), doc["count"].as_i64(), doc["sum"]["cents"].as_i64()), (Some(2), Some(1), Some(g1)));
    let xml = judge(&file2, "pain.008.001.02");
    assert_eq!(texts(&xml, "SeqTp"), ["RCUR"]);
    assert_eq!(texts(&xml, "BIC"), ["GENODEM1GLS"]);
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let env = cooperative();
    let out = env.dir.path().join("d.xml");
    let out = out.to_str().unwrap();
    let before = env.dump();
    // Today, and a Saturday: exit 2, naming the earliest allowed day (Wednesday 1 July → Thursday 2 July).
    let r = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-01", "--out", out]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.contains("earliest collection date is 2026-07-02"), "{}", r.stdout);
    let r = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-04", "--out", out]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stdout.contains("2026-07-06"), "{}", r.stdout);
    // Good Friday 2027 and Easter Monday are TARGET2 closing days; Thursday before Easter counts 1 day only.
    let r = at(&env, "2027-03-25", &["sepa", "export", "--collection-date", "2027-03-26", "--out", out]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stdout.contains("2027-03-30"), "{}", r.stdout);
    // billing.debit_lead_days = 2 moves the earliest day.
    std::fs::write(&env.config, billing(CREDITOR_ID) + "debit_lead_days = 2\n").unwrap();
    let r = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-02", "--out", out]);
    assert!(r.code == 2 && r.stdout.contains("earliest collection date is 2026-07-03"), "{}", r.stdout);
    // A creditor id with wrong check digits in the config.
    std::fs::write(&env.config, billing("DE97ZZZ09999999999")).unwrap();
    let r = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-03", "--out", out]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stdout.contains("billing.creditor_id"), "{}", r.stdout);
    std::fs::write(&env.config, billing(CREDITOR_ID)).unwrap();
    // A return of a batch that does not exist, a bad reason code.
    assert_eq!(at(&env, "2026-07-01", &["debit", "return", "9", "10001", "--reason", "AC04"]).code, 2);
    assert_eq!(at(&env, "2026-07-01", &["debit", "return", "1", "10001", "--reason", "A C4"]).code, 2);
    // A dry run records nothing and writes no file.
    let r = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-03", "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["count"], 2);
    assert!(!Path::new(out).exists());
    assert_eq!(env.dump(), before);
}

#[test]
fn a_member_with_a_bad_iban_in_the_ledger_is_reported_and_left_out() {
    let env = cooperative();
    // What no command writes: an account whose IBAN fails its check digits (as an old import might have).
    let conn = rusqlite::Connection::open(&env.ledger).unwrap();
    conn.execute("INSERT INTO bank_account (member, iban, holder, added) VALUES (10003, 'DE03120300000000202051', 'Ohne Mandat', '2026-01-01')", []).unwrap();
    let account = conn.last_insert_rowid();
    conn.execute("INSERT INTO mandate (member, bank_account, reference, signed) VALUES (10003, ?1, 'HS-10003', '2026-01-01')", [account]).unwrap();
    drop(conn);
    let file = env.dir.path().join("d.xml");
    let r = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-03", "--out", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["count"], 2);
    assert!(reasons(&r.json())["10003"].contains("IBAN"), "{}", r.stdout);
    judge(&file, "pain.008.001.08");
}

#[test]
fn credit_notes_net_against_open_invoices() {
    let env = cooperative();
    let list = env.json(&["invoice", "list", "--member", "10002"]);
    let number = list[0]["number"].as_str().unwrap().to_owned();
    // Cancelled before it was collected: invoice and credit note net to nothing, nothing is debited.
    env.ok(&["invoice", "cancel", &number, "--date", "2026-07-01"]);
    let file = env.dir.path().join("d.xml");
    let r = at(&env, "2026-07-01", &["sepa", "export", "--collection-date", "2026-07-03", "--out", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["count"], 1, "{doc}");
    assert_eq!(doc["debits"][0]["member"], 10001);
    judge(&file, "pain.008.001.08");
    // Cancelled after it was collected: the credit note is open, the member's open sum negative; it is
    // reported and left out, and nets against the member's next invoice.
    let first = env.json(&["invoice", "list", "--member", "10001"])[0]["number"].as_str().unwrap().to_owned();
    env.ok(&["invoice", "cancel", &first, "--date", "2026-07-02"]);
    let r = at(&env, "2026-07-02", &["sepa", "export", "--collection-date", "2026-07-06", "--out", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["count"], 0);
    assert!(reasons(&r.json())["10001"].contains("open sum is -"), "{}", r.stdout);
}

#[test]
fn invoices_name_the_debit() {
    let env = cooperative();
    let list = env.json(&["invoice", "list", "--member", "10001"]);
    let number = list[0]["number"].as_str().unwrap().to_owned();
    let xml = env.dir.path().join("inv.xml");
    env.ok(&["invoice", "render", &number, "--format", "xrechnung", "--out", xml.to_str().unwrap()]);
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(text.contains("<ram:TypeCode>59</ram:TypeCode>"), "{text}");
    assert!(text.contains("HS-10001-20260101") && text.contains(CREDITOR_ID) && text.contains("DE02120300000000202051"), "{text}");
    assert_valid_xrechnung(&xml);
    let pdf = env.dir.path().join("inv.pdf");
    env.ok(&["invoice", "render", &number, "--format", "pdf", "--out", pdf.to_str().unwrap()]);
    let shown = pdftotext(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(shown.contains("HS-10001-20260101") && shown.contains(CREDITOR_ID) && shown.contains("SEPA-Lastschrift"), "{shown}");
    // Without a mandate: a credit transfer (58).
    let list = env.json(&["invoice", "list", "--member", "10003"]);
    let other = env.dir.path().join("other.xml");
    env.ok(&["invoice", "render", list[0]["number"].as_str().unwrap(), "--format", "xrechnung", "--out", other.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&other).unwrap().contains("<ram:TypeCode>58</ram:TypeCode>"));
}

#[test]
fn killed_at_random_moments_each_invoice_is_collected_once() {
    let env = crowd(300);
    let out = env.dir.path().join("d.xml");
    let args = ["sepa", "export", "--collection-date", "2026-07-03", "--out", out.to_str().unwrap()];
    killed_at_random_moments(&env, &args, 20);
    let batches = each_invoice_collected_once(&env);
    // Every batch recorded (a killed run may have died before writing its file) can be written again, and
    // validates; together they collect every invoice.
    let mut total = 0;
    for id in batches {
        let f = env.dir.path().join(format!("batch-{id}.xml"));
        assert_eq!(at(&env, "2026-07-01", &["sepa", "export", "--batch", &id.to_string(), "--out", f.to_str().unwrap()]).code, 0);
        total += amounts(&judge(&f, "pain.008.001.08")).len();
    }
    assert_eq!(total, 300);
}
