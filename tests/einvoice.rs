mod common;
// `invoice render` through the real binary, judged by independent tools: every XRechnung by the CII XSD
// (xmllint) and the official CEN and KoSIT schematrons (saxonche), a broken one must fail both; every PDF
// by poppler (pdffonts: all fonts embedded; pdftotext: the §14 UStG items); the text by its amounts.
// The invoices are issued with the library into a ledger made by the binary (`invoice generate` is built
// elsewhere), each figure worked out by hand below.
use common::TestEnv;
use common::validators::*;
use hsadmin::ledger::invoice::{self, Draft, Invoice, Line, Party};
use hsadmin::model::{BillingMonth, InvoiceKind, LineKind, MemberNumber, Money, NumberFormat, Unit, VatCase, VatCategory};
use hsadmin::render::invoice::{DirectDebit, Options};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const BILLING: &str = r#"
[billing]
name = "Hostsharing eG"
street = "Flughafenstraße 52a"
zipcode = "22335"
city = "Hamburg"
country = "DE"
email = "buchhaltung@example.net"
phone = "+49 40 1234567"
tax_number = "27/123/45678"
vat_id = "DE136695976"
bank = "GLS Bank"
iban = "DE89370400440532013000"
bic = "GENODEM1GLS"
creditor_id = "DE98ZZZ09999999999"
payment_terms_days = 14
legal = ["Eingetragen im Genossenschaftsregister Hamburg, GnR 1002", "Vorstand: Erika Beispiel, Max Beispiel · Aufsichtsrat: Eva Muster"]
"#;

fn seller() -> Party {
    Party {
        name: "Hostsharing eG".into(),
        street: Some("Flughafenstraße 52a".into()),
        zipcode: Some("22335".into()),
        city: Some("Hamburg".into()),
        country: Some("DE".into()),
        email: Some("buchhaltung@example.net".into()),
        phone: Some("+49 40 1234567".into()),
        vat_id: Some("DE136695976".into()),
        tax_number: Some("27/123/45678".into()),
        iban: Some("DE89370400440532013000".into()),
        bic: Some("GENODEM1GLS".into()),
        bank: Some("GLS Bank".into()),
        creditor_id: Some("DE98ZZZ09999999999".into()),
        legal: vec![
            "Eingetragen im Genossenschaftsregister Hamburg, GnR 1002".into(),
            "Vorstand: Erika Beispiel, Max Beispiel · Aufsichtsrat: Eva Muster".into(),
        ],
    }
}

/// The buyer snapshot of a member, as `member show` has it.
fn buyer(env: &TestEnv, member: &str) -> Party {
    let m = env.json(&["member", "show", member]);
    let s = |k: &str| m[k].as_str().map(str::to_owned);
    Party {
        name: s("name").unwrap(),
        street: s("street"),
        zipcode: s("zipcode"),
        city: s("city"),
        country: s("country"),
        email: s("email"),
        vat_id: s("vat_id"),
        ..Party::default()
    }
}

#[allow(clippy::too_many_arguments)]
fn line(pos: i64, kind: LineKind, desc: &str, from: &str, to: &str, qty: i64, unit: Unit, price: i64, base: i64, cat: VatCategory, bp: i64) -> Line {
    Line {
        pos,
        kind,
        product: if kind == LineKind::Fee { "MEMBERSHIP".into() } else { "DW/SA".into() },
        package: None,
        domain: None,
        description: desc.into(),
        service_from: from.into(),
        service_to: to.into(),
        quantity: qty,
        unit,
        unit_price: Money::from_cents(price),
        base_quantity: base,
        net: Money::from_cents(hsadmin::model::line_net(qty, price, base)),
        vat_category: cat,
        vat_rate_bp: bp,
    }
}

const FROM: &str = "2026-11-01";
const TO: &str = "2026-11-30";

struct Books {
    env: TestEnv,
    domestic: Invoice,
    reverse: Invoice,
    non_eu: Invoice,
    credit: Invoice,
    slashed: Invoice,
}

fn issue(env: &TestEnv, format: &str, draft: Draft) -> Invoice {
    let actor = hsadmin::ledger::Actor { user: "tester".into(), command: "einvoice test".into() };
    let mut ledger = hsadmin::ledger::Ledger::open(&env.ledger, actor).unwrap();
    let format = NumberFormat::parse("format", format).unwrap();
    ledger.write(false, |tx| invoice::issue(tx, &format, draft, "2026-12-01T08:00:00Z")).unwrap()
}

fn draft(env: &TestEnv, member: &str, case: VatCase, lines: Vec<Line>) -> Draft {
    Draft {
        kind: InvoiceKind::Invoice,
        member: MemberNumber::parse("member", member).unwrap(),
        period: BillingMonth::parse("period", "2026-11").unwrap(),
        issued: "2026-12-01".into(),
        due: "2026-12-15".into(),
        corrects: None,
        vat_case: case,
        buyer: buyer(env, member),
        seller: seller(),
        lines,
    }
}

/// Three members (domestic person, Austrian business with reverse charge, Swiss association), their
/// November invoices, a credit note cancelling the first, and an invoice numbered with slashes.
fn books() -> Books {
    let env = TestEnv::new();
    std::fs::write(&env.config, BILLING).unwrap();
    let person = ["--street", "Heidestraße 17", "--zipcode", "51147", "--city", "Köln", "--country", "DE", "--since", "2026-01-01"];
    env.ok(&[&["member", "add", "--number", "10001", "--prefix", "xyz", "--name", "Erika Mustermann", "--email", "erika@example.org"][..], &person].concat());
    env.ok(&[
        "member",
        "add",
        "--number",
        "10002",
        "--prefix",
        "abc",
        "--name",
        "Müller & Söhne <GmbH>",
        "--kind",
        "organisation",
        "--email",
        "office@mueller.example",
        "--street",
        "Ringstraße 1",
        "--zipcode",
        "1010",
        "--city",
        "Wien",
        "--country",
        "AT",
        "--vat-id",
        "ATU13585627",
        "--vat-country",
        "AT",
        "--vat-reverse-charge",
        "--since",
        "2026-01-01",
    ]);
    env.ok(&[
        "member",
        "add",
        "--number",
        "10003",
        "--prefix",
        "chv",
        "--name",
        "Verein \"Freie Software\" Zürich",
        "--kind",
        "organisation",
        "--email",
        "kasse@fsz.example",
        "--street",
        "Limmatquai 3",
        "--zipcode",
        "8001",
        "--city",
        "Zürich",
        "--country",
        "CH",
        "--since",
        "2026-01-01",
    ]);
    use {LineKind as K, Unit as U, VatCategory as C};
    // Domestic: S lines 10.00 + 14/30 × 10.00 = 4.666… → 4.67 + 3 × 1.00 = 17.67; VAT 19 % of 17.67 =
    // 3.3573 → 3.36 (once on the sum); E fee 5.00. Net 22.67, VAT 3.36, gross 26.03.
    let domestic = issue(
        &env,
        "{year}-{seq:05}",
        draft(
            &env,
            "10001",
            VatCase::Domestic,
            vec![
                line(1, K::Package, "Dynamic Web, single admin (xyz00)", FROM, TO, 1, U::Month, 1000, 1, C::Standard, 1900),
                line(2, K::Package, "Dynamic Web, single admin (xyz01)", "2026-11-17", TO, 14, U::Day, 1000, 30, C::Standard, 1900),
                line(3, K::Resource, "xyz00: 3 zusätzliche Benutzer", FROM, TO, 3, U::Month, 100, 1, C::Standard, 1900),
                line(4, K::Fee, "Mitgliedsbeitrag", FROM, TO, 1, U::Month, 500, 1, C::Exempt, 0),
            ],
        ),
    );
    // Reverse charge: AE 12.00 + 7 GB × 0.50 = 3.50 → 15.50 at 0 %; E fee 5.00. Net = gross = 20.50.
    let reverse = issue(
        &env,
        "{year}-{seq:05}",
        draft(
            &env,
            "10002",
            VatCase::ReverseCharge,
            vec![
                line(1, K::Package, "Managed Server <abc00> & Co", FROM, TO, 1, U::Month, 1200, 1, C::ReverseCharge, 0),
                line(2, K::Traffic, "abc00: Traffic über Inklusivvolumen", FROM, TO, 7, U::Gigabyte, 50, 1, C::ReverseCharge, 0),
                line(3, K::Fee, "Mitgliedsbeitrag", FROM, TO, 1, U::Month, 500, 1, C::Exempt, 0),
            ],
        ),
    );
    // Outside the EU: O only. A yearly domain as a twelfth: 1 × 12.00 / 12 = 1.00; package 10.00; fee
    // 5.00. Net = gross = 16.00.
    let non_eu = issue(
        &env,
        "{year}-{seq:05}",
        draft(
            &env,
            "10003",
            VatCase::NonEu,
            vec![
                line(1, K::Package, "Dynamic Web, single admin (chv00)", FROM, TO, 1, U::Month, 1000, 1, C::OutOfScope, 0),
                line(2, K::Domain, "Domain fsz.example", FROM, TO, 1, U::Month, 1200, 12, C::OutOfScope, 0),
                line(3, K::Fee, "Mitgliedsbeitrag", FROM, TO, 1, U::Month, 500, 1, C::OutOfScope, 0),
            ],
        ),
    );
    // The credit note: the domestic invoice's lines again, 26.03 gross, referring to it.
    let mut cn = draft(&env, "10001", VatCase::Domestic, domestic.lines.clone());
    cn.kind = InvoiceKind::CreditNote;
    cn.corrects = Some(domestic.number.clone());
    cn.issued = "2026-12-03".into();
    cn.due = "2026-12-17".into();
    let credit = issue(&env, "{year}-{seq:05}", cn);
    let slashed = issue(
        &env,
        "RE/{year}/{seq:05}",
        draft(&env, "10001", VatCase::Domestic, vec![line(1, K::Domain, "Domain example.de", FROM, TO, 1, U::Month, 1200, 12, C::Standard, 1900)]),
    );
    Books { env, domestic, reverse, non_eu, credit, slashed }
}

/// Keeps a rendered file for a person to look at, when HSADMIN_EINVOICE_KEEP names a directory.
fn keep(file: &Path) {
    if let Some(dir) = std::env::var_os("HSADMIN_EINVOICE_KEEP") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(file, Path::new(&dir).join(file.file_name().unwrap())).unwrap();
    }
}

fn render(b: &Books, inv: &Invoice, format: &str, ext: &str) -> PathBuf {
    let file = b.env.dir.path().join(format!("{}.{ext}", inv.number.as_str().replace('/', "_")));
    b.env.ok(&["invoice", "render", inv.number.as_str(), "--format", format, "--out", file.to_str().unwrap()]);
    keep(&file);
    file
}

#[test]
fn every_xrechnung_passes_the_xsd_and_both_schematrons() {
    let b = books();
    for inv in [&b.domestic, &b.reverse, &b.non_eu, &b.credit, &b.slashed] {
        let file = render(&b, inv, "xrechnung", "xml");
        assert_valid_xrechnung(&file);
        let xml = std::fs::read_to_string(&file).unwrap();
        assert!(xml.contains(&format!("<ram:GrandTotalAmount>{}</ram:GrandTotalAmount>", inv.gross)), "{xml}");
        assert!(xml.contains(&format!("<ram:BuyerReference>{}</ram:BuyerReference>", inv.member)), "{xml}");
    }
    let x = |inv: &Invoice| std::fs::read_to_string(b.env.dir.path().join(format!("{}.xml", inv.number.as_str().replace('/', "_")))).unwrap();
    // The hand-computed totals.
    let d = x(&b.domestic);
    for part in [
        "<ram:LineTotalAmount>4.67</ram:LineTotalAmount>",
        "<ram:BasisQuantity unitCode=\"DAY\">30</ram:BasisQuantity>",
        "<ram:BasisAmount>17.67</ram:BasisAmount>",
        "<ram:CalculatedAmount>3.36</ram:CalculatedAmount>",
        "<ram:TaxTotalAmount currencyID=\"EUR\">3.36</ram:TaxTotalAmount>",
        "<ram:GrandTotalAmount>26.03</ram:GrandTotalAmount>",
        "<ram:ExemptionReason>Mitgliedsbeitrag, kein Leistungsaustausch</ram:ExemptionReason>",
        "<ram:TypeCode>380</ram:TypeCode>",
        "<ram:TypeCode>58</ram:TypeCode>",
    ] {
        assert!(d.contains(part), "{part} missing:\n{d}");
    }
    let r = x(&b.reverse);
    for part in [
        "<ram:Name>Müller &amp; Söhne &lt;GmbH&gt;</ram:Name>",
        "<ram:ID schemeID=\"VA\">ATU13585627</ram:ID>",
        "<ram:ExemptionReason>Steuerschuldnerschaft des Leistungsempfängers</ram:ExemptionReason>",
        "<ram:ExemptionReasonCode>VATEX-EU-AE</ram:ExemptionReasonCode>",
        "<ram:GrandTotalAmount>20.50</ram:GrandTotalAmount>",
    ] {
        assert!(r.contains(part), "{part} missing:\n{r}");
    }
    let n = x(&b.non_eu);
    assert!(
        n.contains("<ram:ExemptionReason>Nicht im Inland steuerbare Leistung</ram:ExemptionReason>")
            && n.contains("<ram:GrandTotalAmount>16.00</ram:GrandTotalAmount>"),
        "{n}"
    );
    assert!(!n.contains("schemeID=\"VA\""), "BR-O-02: no VAT ids beside category O:\n{n}");
    let c = x(&b.credit);
    assert!(
        c.contains("<ram:TypeCode>381</ram:TypeCode>") && c.contains(&format!("<ram:IssuerAssignedID>{}</ram:IssuerAssignedID>", b.domestic.number)),
        "{c}"
    );
}

#[test]
fn a_direct_debit_invoice_passes_too() {
    let b = books();
    let dd = DirectDebit { mandate_reference: "MANDAT-10001-1".into(), creditor_id: "DE98ZZZ09999999999".into(), iban: "DE02 1203 0000 0000 2020 51".into() };
    let xml = hsadmin::render::invoice::xrechnung::render(&b.domestic, &Options { direct_debit: Some(dd) }).unwrap();
    let file = b.env.dir.path().join("debit.xml");
    std::fs::write(&file, &xml).unwrap();
    keep(&file);
    assert_valid_xrechnung(&file);
    let text = String::from_utf8(xml).unwrap();
    for part in [
        "<ram:TypeCode>59</ram:TypeCode>",
        "<ram:DirectDebitMandateID>MANDAT-10001-1</ram:DirectDebitMandateID>",
        "<ram:CreditorReferenceID>DE98ZZZ09999999999</ram:CreditorReferenceID>",
        "<ram:IBANID>DE02120300000000202051</ram:IBANID>",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
}

#[test]
fn a_broken_xrechnung_fails_both_schematrons() {
    let b = books();
    let file = render(&b, &b.domestic, "xrechnung", "xml");
    let good = std::fs::read_to_string(&file).unwrap();
    // The tax total one cent off (BR-CO-14, BR-CO-15) and no buyer reference (BR-DE-15).
    let broken = good
        .replace("<ram:TaxTotalAmount currencyID=\"EUR\">3.36</ram:TaxTotalAmount>", "<ram:TaxTotalAmount currencyID=\"EUR\">3.37</ram:TaxTotalAmount>")
        .replace("<ram:BuyerReference>10001</ram:BuyerReference>", "");
    assert_ne!(broken.matches("3.37").count(), 0);
    assert!(!broken.contains("BuyerReference"));
    let bad = b.env.dir.path().join("broken.xml");
    std::fs::write(&bad, broken).unwrap();
    assert!(xsd(&bad).0, "the broken sample is still well-formed CII");
    let (ok, out) = schematron(&bad, "EN16931-CII-validation.xsl");
    assert!(!ok && out.contains("BR-CO-14") && out.contains("BR-CO-15"), "EN 16931 did not catch it:\n{out}");
    let (ok, out) = schematron(&bad, "XRechnung-CII-validation.xsl");
    assert!(!ok && out.contains("BR-DE-15"), "XRechnung did not catch it:\n{out}");
}

#[test]
fn every_pdf_embeds_its_fonts_and_carries_what_section_14_asks() {
    let b = books();
    let common = [
        "Hostsharing eG",
        "Flughafenstraße 52a",
        "22335 Hamburg",
        "Steuernummer 27/123/45678",
        "USt-IdNr. DE136695976",
        "Leistungszeitraum",
        "01.11.2026 – 30.11.2026",
        "IBAN DE89 3704 0044 0532 0130 00",
        "Genossenschaftsregister Hamburg, GnR 1002",
        "Seite 1 von 1",
    ];
    let cases: [(&Invoice, &[&str]); 4] = [
        (
            &b.domestic,
            &[
                "Rechnung 2026-00001",
                "01.12.2026",
                "Erika Mustermann",
                "Heidestraße 17",
                "51147 Köln",
                "10001",
                "14 Tage",
                "4,67 €",
                "Nettobetrag zu 19 %",
                "17,67 €",
                "Umsatzsteuer 19 %",
                "3,36 €",
                "Nettobetrag, umsatzsteuerfrei",
                "5,00 €",
                "Gesamtbetrag",
                "26,03 €",
                "15.12.2026",
                "Mitgliedsbeitrag, kein Leistungsaustausch",
            ],
        ),
        (
            &b.reverse,
            &["01.12.2026", "Müller & Söhne <GmbH>", "ÖSTERREICH", "ATU13585627", "Steuerschuldnerschaft des Leistungsempfängers", "7 GB", "3,50 €", "20,50 €"],
        ),
        (&b.non_eu, &["01.12.2026", "Verein \"Freie Software\" Zürich", "SCHWEIZ", "Nicht im Inland steuerbare Leistung", "je 12 Monate", "16,00 €"]),
        (&b.credit, &["Stornorechnung 2026-00004", "hebt die Rechnung 2026-00001 auf", "26,03 €", "03.12.2026"]),
    ];
    for (inv, parts) in cases {
        let file = render(&b, inv, "pdf", "pdf");
        assert_fonts_embedded(&file);
        let text = pdftotext(&file);
        for part in common.iter().chain(parts.iter()) {
            assert!(text.contains(part), "{part:?} missing in the PDF of {}:\n{text}", inv.number);
        }
    }
}

#[test]
fn the_text_invoice_carries_the_amounts() {
    let b = books();
    let t = std::fs::read_to_string(render(&b, &b.domestic, "txt", "txt")).unwrap();
    let amount_at_end = |label: &str, amount: &str| {
        let l = t.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| panic!("no {label:?} line:\n{t}"));
        assert!(l.ends_with(amount), "{label}: {l:?}, expected {amount}");
    };
    amount_at_end("Nettobetrag zu 19 %", "17,67 €");
    amount_at_end("Umsatzsteuer 19 %", "3,36 €");
    amount_at_end("Nettobetrag, umsatzsteuerfrei", "5,00 €");
    amount_at_end("Summe netto", "22,67 €");
    amount_at_end("Gesamtbetrag", "26,03 €");
    assert!(t.contains("14 Tage × 10,00 € / 30 Tage") && t.contains("4,67 €"), "{t}");
    // To stdout too, byte for byte the same.
    assert_eq!(b.env.ok(&["invoice", "render", "2026-00001", "--format", "txt"]), t);
    assert_eq!(b.env.ok(&["invoice", "render", "2026-00001", "--format", "txt", "--out", "-"]), t);
}

#[test]
fn render_all_writes_every_document_of_the_month() {
    let b = books();
    let dir = b.env.dir.path().join("out/invoices");
    let doc = b.env.json(&["invoice", "render", "--all", "--period", "2026-11", "--format", "pdf", "--out-dir", dir.to_str().unwrap()]);
    let files: Vec<&str> = doc["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    let names: Vec<String> = files.iter().map(|f| Path::new(f).file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["2026-00001.pdf", "2026-00002.pdf", "2026-00003.pdf", "2026-00004.pdf", "RE_2026_00005.pdf"], "{doc}");
    assert_eq!(doc["files"][3]["kind"], "credit-note", "{doc}");
    for f in files {
        let meta = std::fs::metadata(f).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{f}");
        assert!(std::fs::read(f).unwrap().starts_with(b"%PDF-"));
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 5, "a temporary file was left");
    // XML too, and a month without invoices writes nothing.
    let doc = b.env.json(&["invoice", "render", "--all", "--period", "2026-11", "--format", "xrechnung", "--out-dir", dir.to_str().unwrap()]);
    assert_eq!(doc["files"].as_array().unwrap().len(), 5);
    assert!(dir.join("RE_2026_00005.xml").exists());
    let doc = b.env.json(&["invoice", "render", "--all", "--period", "2026-10", "--format", "txt", "--out-dir", dir.to_str().unwrap()]);
    assert_eq!(doc["files"], serde_json::json!([]));
}

#[test]
fn refusals() {
    let b = books();
    let e = b.env.refused(&["invoice", "render", "2026-09999", "--format", "pdf", "--out", "x.pdf"], 1);
    assert_eq!(e["kind"], "not_found", "{e}");
    let e = b.env.refused(&["invoice", "render", "2026 1", "--format", "pdf", "--out", "x.pdf"], 2);
    assert!(e["message"].as_str().unwrap().contains("invoice number"), "{e}");
    let e = b.env.refused(&["invoice", "render", "2026-00001", "--format", "odt", "--out", "x.odt"], 2);
    assert!(e["message"].as_str().unwrap().contains("--format"), "{e}");
    // Under --json, stdout is the result: the document needs --out.
    let e = b.env.refused(&["invoice", "render", "2026-00001", "--format", "txt"], 2);
    assert!(e["message"].as_str().unwrap().contains("--out"), "{e}");
    assert!(!b.env.dir.path().join("x.pdf").exists());
    // A PDF to a pipe is fine (only a terminal is refused).
    let pdf = b.env.command().args(["invoice", "render", "2026-00001", "--format", "pdf"]).output().unwrap();
    assert!(pdf.status.success() && pdf.stdout.starts_with(b"%PDF-"));
    // XRechnung needs the seller's phone (BR-DE-2); the error names the key. PDF and text do not.
    std::fs::write(&b.env.config, BILLING.replace("phone = \"+49 40 1234567\"\n", "")).unwrap();
    let mut inv = b.domestic.clone();
    inv.seller.phone = None;
    let e = hsadmin::render::invoice::xrechnung::render(&inv, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("billing.phone"), "{e}");
    // The stored snapshot has the phone, so the binary renders it all the same.
    b.env.ok(&["invoice", "render", "2026-00001", "--format", "xrechnung", "--out", "ok.xml"]);
}

#[test]
fn the_cli_fills_a_missing_phone_from_the_config_or_names_the_key() {
    let b = books();
    let october: Vec<Line> =
        b.domestic.lines.iter().map(|l| Line { service_from: "2026-10-01".into(), service_to: "2026-10-31".into(), ..l.clone() }).collect();
    let mut d = draft(&b.env, "10001", VatCase::Domestic, october);
    d.seller.phone = None;
    d.period = BillingMonth::parse("p", "2026-10").unwrap();
    let inv = issue(&b.env, "{year}-{seq:05}", d);
    // [billing] has a phone: used for the contact.
    let file = render(&b, &inv, "xrechnung", "xml");
    assert_valid_xrechnung(&file);
    assert!(std::fs::read_to_string(&file).unwrap().contains("<ram:CompleteNumber>+49 40 1234567</ram:CompleteNumber>"));
    std::fs::write(&b.env.config, BILLING.replace("phone = \"+49 40 1234567\"\n", "")).unwrap();
    let e = b.env.refused(&["invoice", "render", inv.number.as_str(), "--format", "xrechnung", "--out", "no.xml"], 2);
    assert!(e["message"].as_str().unwrap().contains("billing.phone"), "{e}");
    b.env.ok(&["invoice", "render", inv.number.as_str(), "--format", "pdf", "--out", "yes.pdf"]);
}

#[test]
fn a_long_invoice_flows_onto_more_pages() {
    let b = books();
    // 45 domains at 12.00 a year, a twelfth each: 45 × 1.00 = 45.00, not taxable here.
    let lines: Vec<Line> = (1..=45)
        .map(|i| {
            line(
                i,
                LineKind::Domain,
                &format!("Domain verein-freie-software-zuerich-{i:02}.example"),
                "2026-10-01",
                "2026-10-31",
                1,
                Unit::Month,
                1200,
                12,
                VatCategory::OutOfScope,
                0,
            )
        })
        .collect();
    let mut d = draft(&b.env, "10003", VatCase::NonEu, lines);
    d.period = BillingMonth::parse("p", "2026-10").unwrap();
    let inv = issue(&b.env, "{year}-{seq:05}", d);
    let file = render(&b, &inv, "pdf", "pdf");
    assert_fonts_embedded(&file);
    let text = pdftotext(&file);
    for part in ["verein-freie-software-zuerich-45.example", "45,00 €", "Hostsharing eG · Rechnung 2026-00006 · Mitglied 10003 (Fortsetzung)"] {
        assert!(text.contains(part), "{part:?} missing:\n{text}");
    }
    // Each page says which of how many it is, and repeats the table header.
    let pages = text.matches(" · Seite ").count();
    assert!(pages > 1, "{text}");
    for n in 1..=pages {
        assert!(text.contains(&format!("Seite {n} von {pages}")), "no page {n} of {pages}:\n{text}");
    }
    assert_eq!(text.matches("Einzelpreis").count(), pages, "{text}");
    assert_valid_xrechnung(&render(&b, &inv, "xrechnung", "xml"));
}
