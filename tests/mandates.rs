//! Bank accounts and SEPA mandates through the real binary: add, list, remove, revoke; when a mandate is
//! valid (36 months without use, revoked, account removed, at the edge days); bad input (exit 2, nothing
//! changed) and conflicts (exit 4); and IBAN and creditor-id check digits judged by schwifty and
//! python-stdnum (tests/validators/iban_check.py), which must agree with hsadmin on every value used here.
mod common;

use common::{Run, TestEnv};
use hsadmin::ledger::{Actor, Ledger, mandate};
use hsadmin::model::{MandateReference, MemberNumber, date};
use serde_json::Value;

const IBAN: &str = "DE02120300000000202051";
const IBAN_AT: &str = "AT611904300234573201";
const REFERENCE: &str = "HS-10001-20260101";

/// Runs hsadmin with `--json` on another day than the tests' TODAY.
fn on(env: &TestEnv, today: &str, args: &[&str]) -> Run {
    let out = env.command().env("HSADMIN_TODAY", today).arg("--json").args(args).output().unwrap();
    Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
}

/// The status `mandate list` gives the one mandate on `today`.
fn status_on(env: &TestEnv, today: &str) -> String {
    let r = on(env, today, &["mandate", "list", "--member", "10001"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()[0]["status"].as_str().unwrap().to_owned()
}

fn add_abc(env: &TestEnv) {
    env.ok(&[
        "member",
        "add",
        "--number",
        "10002",
        "--prefix",
        "abc",
        "--kind",
        "organisation",
        "--name",
        "ABC GmbH",
        "--email",
        "abc@example.org",
        "--since",
        "2026-01-01",
    ]);
}

/// Erika with her account (id 1) and the mandate of the issue text.
fn with_mandate() -> TestEnv {
    let env = TestEnv::new();
    env.add_erika();
    env.ok(&["bank-account", "add", "10001", "--iban", IBAN, "--holder", "Erika Mustermann"]);
    env.ok(&["mandate", "add", "10001", "--reference", REFERENCE, "--signed", "2026-01-01"]);
    env
}

fn ledger(env: &TestEnv) -> Ledger {
    Ledger::open(&env.ledger, Actor { user: "tester".into(), command: "tests/mandates.rs".into() }).unwrap()
}

#[test]
fn the_invocations_of_the_issue_work() {
    let env = TestEnv::new();
    env.add_erika();
    let account = env.json(&["bank-account", "add", "10001", "--iban", IBAN, "--holder", "Erika Mustermann"]);
    assert_eq!(account["id"], 1);
    assert_eq!(account["iban"], IBAN);
    assert_eq!(account["bic"], Value::Null);
    assert_eq!(account["added"], common::TODAY);
    let m = env.json(&["mandate", "add", "10001", "--reference", REFERENCE, "--signed", "2026-01-01"]);
    assert_eq!(m["reference"], REFERENCE);
    assert_eq!(m["bank_account"]["id"], 1);
    assert_eq!(m["status"], "valid");
    assert_eq!(m["sequence_type"], "FRST");
    assert_eq!(m["valid_until"], "2029-01-01");
    // The German account for DTAUS, on the human form.
    let shown = env.ok(&["bank-account", "list", "--member", "10001"]);
    assert!(shown.contains(IBAN) && shown.contains("Erika Mustermann"), "{shown}");
    let one = env.ok(&["mandate", "list"]);
    assert!(one.contains(REFERENCE) && one.contains("valid") && one.contains("FRST"), "{one}");
    let log = env.json(&["log", "--entity", "mandate"]);
    assert_eq!(log[0]["key"], REFERENCE);
    assert_eq!(log[0]["action"], "add");
    assert_eq!(env.json(&["log", "--entity", "bank_account"])[0]["key"], "1");
}

#[test]
fn a_german_iban_gives_blz_and_account_number() {
    let env = with_mandate();
    let r = env
        .command()
        .args(["bank-account", "add", "10001", "--iban", "DE89 3704 0044 0532 0130 00", "--bic", "COBADEFFXXX", "--holder", "Erika Mustermann"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&r.stdout);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(common::field(&text, "iban"), "DE89 3704 0044 0532 0130 00");
    assert_eq!(common::field(&text, "blz"), "37040044");
    assert_eq!(common::field(&text, "account number"), "0532013000");
    assert_eq!(common::field(&text, "bic"), "COBADEFFXXX");
    let at = env.ok(&["bank-account", "add", "10001", "--iban", IBAN_AT, "--holder", "Erika Mustermann"]);
    assert_eq!(common::field(&at, "blz"), "-");
}

#[test]
fn an_account_in_use_is_removed_only_after_its_mandate_is_revoked() {
    let env = with_mandate();
    let e = env.refused(&["bank-account", "remove", "1", "--yes"], 4);
    assert!(e["message"].as_str().unwrap().contains(&format!("revoke it first (hsadmin mandate revoke {REFERENCE})")), "{e}");
    // Without --yes and without a terminal it does not ask: exit 2, nothing changed.
    env.refused(&["mandate", "revoke", REFERENCE], 2);
    let revoked = env.json(&["mandate", "revoke", REFERENCE, "--yes"]);
    assert_eq!(revoked["revoked"], common::TODAY);
    assert_eq!(revoked["status"], "revoked");
    env.refused(&["mandate", "revoke", REFERENCE, "--yes"], 4);
    let removed = env.json(&["bank-account", "remove", "1", "--yes"]);
    assert_eq!(removed["removed"], common::TODAY);
    env.refused(&["bank-account", "remove", "1", "--yes"], 4);
    env.refused(&["bank-account", "remove", "9", "--yes"], 1);
    // The row stays, listed with --all; a new mandate cannot use it.
    assert_eq!(env.json(&["bank-account", "list"]).as_array().unwrap().len(), 0);
    assert_eq!(env.json(&["bank-account", "list", "--all"])[0]["removed"], common::TODAY);
    env.refused(&["mandate", "add", "10001", "--reference", "HS-2", "--signed", "2026-05-01", "--bank-account", "1"], 4);
    env.refused(&["mandate", "add", "10001", "--reference", "HS-2", "--signed", "2026-05-01"], 2);
    assert_eq!(env.json(&["mandate", "list", "--status", "revoked"]).as_array().unwrap().len(), 1);
    assert_eq!(env.json(&["mandate", "list", "--status", "valid"]).as_array().unwrap().len(), 0);
    let actions: Vec<String> =
        env.json(&["log"]).as_array().unwrap().iter().map(|e| format!("{} {}", e["entity"].as_str().unwrap(), e["action"].as_str().unwrap())).collect();
    assert_eq!(actions[actions.len() - 2..], ["mandate revoke", "bank_account remove"]);
}

#[test]
fn a_revocation_takes_effect_on_its_day() {
    let env = with_mandate();
    env.refused(&["mandate", "revoke", REFERENCE, "--date", "2025-12-31", "--yes"], 2);
    env.refused(&["mandate", "revoke", "HS-UNKNOWN", "--yes"], 1);
    env.dry_run(&["mandate", "revoke", REFERENCE, "--date", "2026-07-01", "--yes"]);
    env.ok(&["mandate", "revoke", REFERENCE, "--date", "2026-07-01", "--yes"]);
    assert_eq!(status_on(&env, "2026-06-30"), "valid");
    assert_eq!(status_on(&env, "2026-07-01"), "revoked");
    assert_eq!(status_on(&env, "2025-12-31"), "not-yet-signed");
    // Until the revocation takes effect the mandate still holds its account.
    let e = env.refused(&["bank-account", "remove", "1", "--yes"], 4);
    assert!(e["message"].as_str().unwrap().contains("revoked from 2026-07-01 on"), "{e}");
    assert_eq!(on(&env, "2026-07-01", &["bank-account", "remove", "1", "--yes"]).code, 0);
}

#[test]
fn an_unused_mandate_expires_36_months_after_its_signature() {
    let env = with_mandate();
    assert_eq!(status_on(&env, "2029-01-01"), "valid");
    assert_eq!(status_on(&env, "2029-01-02"), "expired");
    let r = on(&env, "2029-01-02", &["mandate", "list", "--status", "expired"]);
    assert_eq!(r.json().as_array().unwrap().len(), 1);
    // An expired mandate does not hold its account.
    assert_eq!(on(&env, "2029-01-02", &["bank-account", "remove", "1", "--yes"]).code, 0);
}

#[test]
fn each_use_moves_the_expiry_and_the_first_makes_the_next_rcur() {
    let env = with_mandate();
    let member = MemberNumber::parse("member", "10001").unwrap();
    let reference = MandateReference::parse("reference", REFERENCE).unwrap();
    let mut l = ledger(&env);
    let id = l.read(|tx| mandate::by_reference(tx, &reference)).unwrap().unwrap().id;
    let valid = |l: &mut Ledger, day: &str| l.read(|tx| mandate::valid_for(tx, member, date("d", day).unwrap())).unwrap().len();
    assert_eq!(valid(&mut l, "2029-01-01"), 1);
    l.write(false, |tx| mandate::record_use(tx, id, date("d", "2026-02-27").unwrap())).unwrap();
    l.write(false, |tx| mandate::record_use(tx, id, date("d", "2027-03-31").unwrap())).unwrap();
    // A late re-export of an older date never moves last_used back.
    l.write(false, |tx| mandate::record_use(tx, id, date("d", "2027-01-05").unwrap())).unwrap();
    let m = l.read(|tx| mandate::get(tx, id)).unwrap().unwrap();
    assert_eq!((m.first_used.unwrap().to_string(), m.last_used.unwrap().to_string()), ("2026-02-27".into(), "2027-03-31".into()));
    assert_eq!(m.sequence_type().as_str(), "RCUR");
    assert_eq!(valid(&mut l, "2030-03-31"), 1);
    assert_eq!(valid(&mut l, "2030-04-01"), 0);
    assert_eq!(status_on(&env, "2030-03-31"), "valid");
    assert_eq!(status_on(&env, "2030-04-01"), "expired");
    assert_eq!(env.json(&["mandate", "list"])[0]["sequence_type"], "RCUR");
    // Not before the signature, and not revoked, and only of the member's account.
    assert_eq!(valid(&mut l, "2025-12-31"), 0);
    assert_eq!(l.read(|tx| mandate::valid_for(tx, MemberNumber::parse("m", "10002").unwrap(), date("d", "2026-06-01").unwrap())).unwrap().len(), 0);
}

#[test]
fn the_schema_keeps_accounts_and_mandates() {
    let env = with_mandate();
    let conn = rusqlite::Connection::open(&env.ledger).unwrap();
    for sql in [
        "DELETE FROM mandate",
        "DELETE FROM bank_account",
        "UPDATE mandate SET reference = 'OTHER'",
        "UPDATE mandate SET signed = '2026-02-01'",
        "UPDATE bank_account SET iban = 'DE89370400440532013000'",
        "INSERT INTO mandate (member, bank_account, reference, signed) VALUES (10001, 1, 'HS-2', '2026-01-01x')",
    ] {
        assert!(conn.execute(sql, []).is_err(), "{sql} was accepted");
    }
    conn.execute("UPDATE mandate SET first_used = '2026-02-01', last_used = '2026-02-01'", []).unwrap();
    assert!(conn.execute("UPDATE mandate SET first_used = '2026-03-01', last_used = '2026-03-01'", []).is_err(), "first_used changed twice");
    assert!(conn.execute("UPDATE mandate SET last_used = '2026-01-15'", []).is_err(), "last_used moved back");
}

#[test]
fn a_member_with_several_accounts_names_one() {
    let env = TestEnv::new();
    env.add_erika();
    add_abc(&env);
    env.refused(&["mandate", "add", "10001", "--reference", REFERENCE, "--signed", "2026-01-01"], 2);
    env.ok(&["bank-account", "add", "10001", "--iban", IBAN, "--holder", "Erika Mustermann"]);
    env.ok(&["bank-account", "add", "10001", "--iban", IBAN_AT, "--bic", "BKAUATWW", "--holder", "Erika Mustermann"]);
    env.ok(&["bank-account", "add", "10002", "--iban", "DE89370400440532013000", "--holder", "ABC GmbH"]);
    env.refused(&["bank-account", "add", "10001", "--iban", "DE02 1203 0000 0000 2020 51", "--holder", "Erika Mustermann"], 4);
    let e = env.refused(&["mandate", "add", "10001", "--reference", REFERENCE, "--signed", "2026-01-01"], 2);
    assert!(e["message"].as_str().unwrap().contains("--bank-account"), "{e}");
    env.refused(&["mandate", "add", "10001", "--reference", REFERENCE, "--signed", "2026-01-01", "--bank-account", "3"], 2);
    env.refused(&["mandate", "add", "10001", "--reference", REFERENCE, "--signed", "2026-01-01", "--bank-account", "7"], 2);
    env.dry_run(&["mandate", "add", "10001", "--reference", REFERENCE, "--signed", "2026-01-01", "--bank-account", "2"]);
    let m = env.json(&["mandate", "add", "10001", "--reference", REFERENCE, "--signed", "2026-01-01", "--bank-account", "2"]);
    assert_eq!(m["bank_account"]["iban"], IBAN_AT);
    // One reference per ledger, whichever member.
    env.refused(&["mandate", "add", "10002", "--reference", REFERENCE, "--signed", "2026-01-01"], 4);
    env.ok(&["mandate", "add", "10002", "--reference", "HS-10002-20260101", "--signed", "2026-01-01"]);
    assert_eq!(env.json(&["mandate", "list", "--member", "10002"]).as_array().unwrap().len(), 1);
    assert_eq!(env.json(&["bank-account", "list", "--member", "10001"]).as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let env = with_mandate();
    let account = |iban: &str, extra: &[&str]| {
        let mut args = vec!["bank-account", "add", "10001", "--iban", iban, "--holder", "Erika Mustermann"];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let long_holder = "x".repeat(71);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (account("DE03120300000000202051", &[]), "iban"),
        (account("DE0212030000000020205", &[]), "iban"),
        (account("DE021203000000002020510", &[]), "iban"),
        (account("XX02120300000000202051", &[]), "iban"),
        (account(IBAN, &["--bic", "GENO1"]), "bic"),
        (account(IBAN, &["--bic", "genodem1gls"]), "bic"),
        (account(IBAN, &["--bic", "GENODEM1GL"]), "bic"),
        (vec!["bank-account".into(), "add".into(), "10001".into(), "--iban".into(), IBAN.into(), "--holder".into(), long_holder], "holder"),
        (vec!["bank-account".into(), "add".into(), "10009".into(), "--iban".into(), IBAN.into(), "--holder".into(), "X".into()], "member"),
    ];
    for (args, field) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(env.refused(&args, 2)["field"], *field, "{args:?}");
    }
    let mandate = |reference: &str, member: &str, signed: &str| env.refused(&["mandate", "add", member, "--reference", reference, "--signed", signed], 2);
    let long = "H".repeat(36);
    for bad in [long.as_str(), "HS_10001", "HS-Müller", " HS-1", "HS-1 ", "", "/HS-1", "HS//1"] {
        assert_eq!(mandate(bad, "10001", "2026-01-01")["field"], "reference", "{bad:?}");
    }
    assert_eq!(mandate("HS-2", "10009", "2026-01-01")["field"], "member");
    assert_eq!(mandate("HS-2", "10001", "2026-13-01")["field"], "signed");
    assert_eq!(mandate("HS-2", "10001", "2026-06-02")["field"], "signed");
    assert_eq!(env.refused(&["mandate", "list", "--status", "lapsed"], 2)["field"], "status");
    assert_eq!(env.refused(&["mandate", "list", "--member", "10009"], 2)["field"], "member");
    // The 35-character limit itself is fine; a duplicate reference is a conflict.
    env.refused(&["mandate", "add", "10001", "--reference", REFERENCE, "--signed", "2026-01-01"], 4);
    env.ok(&["mandate", "add", "10001", "--reference", &"H".repeat(35), "--signed", "2026-01-01"]);
}

#[test]
fn a_bad_creditor_id_in_the_config_is_refused_on_load() {
    let env = with_mandate();
    let before = env.dump();
    for bad in ["DE97ZZZ09999999999", "DE98ZZZ0999999999", "DE98ZZZ09999999999X", "de98zzz09999999999"] {
        std::fs::write(&env.config, format!("[billing]\ncreditor_id = \"{bad}\"\n")).unwrap();
        let r = env.run(&["--json", "mandate", "list"]);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("billing.creditor_id"), "{bad}: {}", r.stderr);
    }
    assert_eq!(env.dump(), before);
    std::fs::write(&env.config, "[billing]\ncreditor_id = \"DE98ZZZ09999999999\"\n").unwrap();
    env.ok(&["mandate", "list"]);
}

/// hsadmin's verdict on an IBAN (a dry-run `bank-account add`) or a creditor id (the config loaded).
fn hsadmin_accepts(env: &TestEnv, kind: &str, value: &str) -> bool {
    let r = if kind == "iban" {
        env.run(&["--json", "bank-account", "add", "10001", "--iban", value, "--holder", "Erika Mustermann", "--dry-run"])
    } else {
        std::fs::write(&env.config, format!("[billing]\ncreditor_id = \"{value}\"\n")).unwrap();
        env.run(&["--json", "config", "show"])
    };
    assert!(r.code == 0 || r.code == 2, "{kind} {value}: exit {}: {}", r.code, r.stderr);
    r.code == 0
}

#[test]
fn schwifty_and_stdnum_agree_with_hsadmin_on_every_value_used() {
    let ibans = [
        IBAN,
        IBAN_AT,
        "DE89370400440532013000",
        "DE89 3704 0044 0532 0130 00",
        "DE02 1203 0000 0000 2020 51",
        "GB82WEST12345698765432",
        "NL91ABNA0417164300",
        "DE03120300000000202051",
        "DE0212030000000020205",
        "DE021203000000002020510",
        "XX02120300000000202051",
        "DE02430609670000000000",
        "AT621904300234573201",
    ];
    let creditor_ids = ["DE98ZZZ09999999999", "DE98ABC09999999999", "DE97ZZZ09999999999", "DE98ZZZ0999999999", "DE98ZZZ09999999999X", "AT61ZZZ01234567890"];
    let lines: Vec<String> = ibans.iter().map(|v| format!("iban {v}")).chain(creditor_ids.iter().map(|v| format!("creditor-id {v}"))).collect();
    let verdicts: Value = serde_json::from_slice(&common::validators::python_script("iban_check.py", &lines.join("\n"))).unwrap();
    let env = TestEnv::new();
    env.add_erika();
    let mut valid = 0;
    for line in &lines {
        let (kind, value) = line.split_once(' ').unwrap();
        let theirs = verdicts[line].as_bool().unwrap_or_else(|| panic!("no verdict on {line}"));
        assert_eq!(hsadmin_accepts(&env, kind, value), theirs, "hsadmin and the independent check disagree on {line}");
        valid += theirs as usize;
    }
    // Both kinds of verdict were tested.
    assert!(valid >= 8 && valid < lines.len() - 6, "{valid} of {} valid", lines.len());
}

#[test]
fn completion_offers_members_accounts_and_mandate_references() {
    let env = with_mandate();
    let complete = |words: &[&str]| {
        let out = env.command().env("COMPLETE", "fish").arg("--").arg("hsadmin").args(words).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(complete(&["mandate", "add", "100"]).lines().any(|l| l.starts_with("10001\t")), "{}", complete(&["mandate", "add", "100"]));
    assert!(complete(&["bank-account", "remove", ""]).lines().any(|l| l.starts_with("1\tmember 10001")));
    assert!(complete(&["mandate", "revoke", "HS"]).lines().any(|l| l.starts_with(REFERENCE)));
    assert!(complete(&["mandate", "list", "--status", "ex"]).lines().any(|l| l == "expired"));
}
