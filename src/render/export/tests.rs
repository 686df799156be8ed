//! The small cooperative the renderers' unit tests book: invoices built by hand, figures checked in the
//! comments. Also the tests of the shared booking rules.
use super::*;
use crate::ledger::invoice::{Line, Party};
use crate::model::{Unit, VatCase};

pub fn money(cents: i64) -> Money {
    Money::from_cents(cents)
}

pub fn month(s: &str) -> BillingMonth {
    BillingMonth::parse("period", s).unwrap()
}

pub fn skr03() -> AccountsConfig {
    AccountsConfig::default()
}

pub fn skr04() -> AccountsConfig {
    AccountsConfig {
        chart: "SKR04".into(),
        revenue_domestic: 4400,
        revenue_reverse_charge: 4336,
        revenue_non_eu: 4338,
        revenue_fee: 4200,
        ..AccountsConfig::default()
    }
}

fn line(pos: i64, kind: LineKind, net: i64, category: VatCategory, rate_bp: i64) -> Line {
    Line {
        pos,
        kind,
        product: if kind == LineKind::Fee { "FEE".into() } else { "DW/SA".into() },
        package: None,
        domain: None,
        description: format!("Zeile {pos}"),
        service_from: "2026-11-01".into(),
        service_to: "2026-11-30".into(),
        quantity: 1,
        unit: Unit::Month,
        unit_price: money(net),
        base_quantity: 1,
        net: money(net),
        vat_category: category,
        vat_rate_bp: rate_bp,
    }
}

fn invoice(number: &str, member: &str, name: &str, issued: &str, case: VatCase, lines: Vec<Line>) -> Invoice {
    let net: i64 = lines.iter().map(|l| l.net.cents()).sum();
    let vat: i64 = crate::ledger::invoice::breakdown(&lines).iter().map(|b| b.tax.cents()).sum();
    Invoice {
        number: InvoiceNumber::parse("number", number).unwrap(),
        kind: InvoiceKind::Invoice,
        member: MemberNumber::parse("member", member).unwrap(),
        period: month("2026-11"),
        issued: issued.into(),
        due: "2026-11-19".into(),
        corrects: None,
        cancelled_by: None,
        vat_case: case,
        buyer: Party { name: name.into(), ..Party::default() },
        seller: Party { name: "Hostsharing eG".into(), ..Party::default() },
        net: money(net),
        vat: money(vat),
        gross: money(net + vat),
        created_at: "2026-11-05T08:00:00Z".into(),
        lines,
    }
}

/// 2026-00001, member 10001 Jürgen Müller, domestic: 10.00 + 2.50 at 19 % (VAT 12.50 × 19 % = 2.375 →
/// 2.38) and the fee 5.00 (E): net 17.50, gross 19.88.
pub fn domestic() -> Invoice {
    let lines = vec![
        line(1, LineKind::Package, 1000, VatCategory::Standard, 1900),
        line(2, LineKind::Resource, 250, VatCategory::Standard, 1900),
        line(3, LineKind::Fee, 500, VatCategory::Exempt, 0),
    ];
    invoice("2026-00001", "10001", "Jürgen Müller", "2026-11-05", VatCase::Domestic, lines)
}

/// 2026-00002, member 10002, an Austrian business: 20.00 reverse charge (AE) and the fee 3.00 (E).
pub fn reverse_charge() -> Invoice {
    let lines = vec![line(1, LineKind::Package, 2000, VatCategory::ReverseCharge, 0), line(2, LineKind::Fee, 300, VatCategory::Exempt, 0)];
    let mut inv = invoice("2026-00002", "10002", "Alpen Hosting GmbH", "2026-11-05", VatCase::ReverseCharge, lines);
    inv.buyer.vat_id = Some("ATU12345678".into());
    inv
}

/// 2026-00004, member 10003 outside the EU: 15.00 (O) and the fee 3.00 (O).
pub fn non_eu() -> Invoice {
    let lines = vec![line(1, LineKind::Package, 1500, VatCategory::OutOfScope, 0), line(2, LineKind::Fee, 300, VatCategory::OutOfScope, 0)];
    invoice("2026-00004", "10003", "Jane Doe", "2026-11-05", VatCase::NonEu, lines)
}

/// The credit note `number`, issued on `issued`, cancelling `original` (the same lines and amounts).
pub fn credit_note(original: Invoice, number: &str, issued: &str) -> Invoice {
    Invoice {
        kind: InvoiceKind::CreditNote,
        corrects: Some(original.number.clone()),
        number: InvoiceNumber::parse("number", number).unwrap(),
        issued: issued.into(),
        due: issued.into(),
        ..original
    }
}

#[test]
fn one_booking_per_vat_category_and_account() {
    let mut w = Vec::new();
    let b = bookings(&[domestic(), reverse_charge(), non_eu()], &skr03(), &mut w).unwrap();
    let got: Vec<(&str, &str, i64, bool)> = b.iter().map(|b| (b.number.as_str(), b.revenue.as_str(), b.amount.cents(), b.debit)).collect();
    assert_eq!(
        got,
        [
            ("2026-00001", "8400", 1488, true),
            ("2026-00001", "8200", 500, true),
            ("2026-00002", "8336", 2000, true),
            ("2026-00002", "8200", 300, true),
            ("2026-00004", "8338", 1500, true),
            ("2026-00004", "8200", 300, true),
        ]
    );
    assert!(w.is_empty());
    assert_eq!(b[2].vat_id.as_deref(), Some("ATU12345678"));
    assert_eq!(b[3].vat_id, None, "the fee is no reverse-charge supply");
}

#[test]
fn texts_are_windows_1252_and_at_most_60_characters() {
    let mut w = Vec::new();
    let mut inv = domestic();
    inv.buyer.name = "Antonín Dvořák".into();
    assert_eq!(bookings(&[inv.clone()], &skr03(), &mut w).unwrap()[0].text, "Rechnung 2026-00001 Mitglied 10001 Antonín Dvorák");
    inv.buyer.name = "Maximiliane Friederike Müller-Lüdenscheidt".into();
    let text = bookings(&[inv.clone()], &skr03(), &mut w).unwrap()[0].text.clone();
    assert_eq!(text, "Rechnung 2026-00001 Mitglied 10001 Maximiliane Friederike Mü");
    assert_eq!(text.chars().count(), 60);
    assert!(w.is_empty());
    inv.buyer.name = "Иван Петров".into();
    assert_eq!(bookings(&[inv], &skr03(), &mut w).unwrap()[0].text, "Rechnung 2026-00001 Mitglied 10001");
    assert_eq!(w.len(), 1, "one warning for the invoice: {w:?}");
    assert!(w[0].contains("'И' (U+0418)"), "{w:?}");
}

#[test]
fn accounts_that_cannot_work_are_refused() {
    let mut w = Vec::new();
    let a = AccountsConfig { account_length: 5, ..skr03() };
    let e = bookings(&[domestic()], &a, &mut w).unwrap_err();
    assert!(e.to_string().contains("billing.accounts.receivables"), "{e}");
    assert!(bookings(&[domestic()], &AccountsConfig { receivables: Some(100000), ..a }, &mut w).is_ok());
    let mut creditor = domestic();
    creditor.member = MemberNumber::parse("m", "70001").unwrap();
    assert!(bookings(&[creditor.clone()], &skr03(), &mut w).unwrap_err().to_string().contains("70000 and up are creditors"));
    assert!(bookings(&[creditor], &AccountsConfig { receivables: Some(10000), ..skr03() }, &mut w).is_ok());
    // 7 % on 8400, the automatic account for 19 %: refused rather than booked at the wrong rate.
    let mut seven = domestic();
    seven.lines[0].vat_rate_bp = 700;
    seven.lines[1].vat_rate_bp = 700;
    (seven.vat, seven.gross) = (money(88), money(1838));
    let e = bookings(&[seven.clone()], &skr03(), &mut w).unwrap_err().to_string();
    assert!(e.contains("8400 is DATEV's automatic account for 19 % VAT in SKR03, not for 7 % VAT"), "{e}");
    let ok = bookings(&[seven], &AccountsConfig { revenue_domestic: 8000, ..skr03() }, &mut w).unwrap();
    assert_eq!((ok[0].amount, ok[0].tax_key), (money(1338), Some("2")));
    let mut exempt = domestic();
    exempt.lines[0].vat_category = VatCategory::Exempt;
    exempt.lines[0].vat_rate_bp = 0;
    assert!(bookings(&[exempt], &skr03(), &mut w).unwrap_err().to_string().contains("tax-exempt supply"));
}

#[test]
fn fiscal_years() {
    let d = |s: &str| model::date("d", s).unwrap();
    assert_eq!(fiscal_year_of(d("2026-11-05"), "01-01"), d("2026-01-01"));
    assert_eq!(fiscal_year_of(d("2026-06-30"), "07-01"), d("2025-07-01"));
    assert_eq!(fiscal_year_of(d("2026-07-01"), "07-01"), d("2026-07-01"));
    assert_eq!(fiscal_year_of(d("2027-03-01"), "02-29"), d("2027-03-01"));
    assert_eq!(fiscal_year_of(d("2028-02-29"), "02-29"), d("2028-02-29"));
}

#[test]
fn the_span_covers_every_belegdatum_inside_one_fiscal_year() {
    let d = |s: &str| model::date("d", s).unwrap();
    let mut w = Vec::new();
    let b = bookings(&[domestic()], &skr03(), &mut w).unwrap();
    assert_eq!(span(month("2026-11"), &b, "01-01").unwrap(), Span { from: d("2026-11-01"), to: d("2026-11-30"), fiscal_year: d("2026-01-01") });
    // Issued in the next month: the span reaches it.
    let late = bookings(&[credit_note(domestic(), "2026-00009", "2026-12-03")], &skr03(), &mut w).unwrap();
    assert_eq!(span(month("2026-11"), &late, "01-01").unwrap().to, d("2026-12-03"));
    // December, invoiced in January: all of it in the new fiscal year, the span starts there.
    let mut jan = domestic();
    (jan.period, jan.issued, jan.due) = (month("2026-12"), "2027-01-02".into(), "2027-01-16".into());
    let b = bookings(&[jan.clone()], &skr03(), &mut w).unwrap();
    assert_eq!(span(month("2026-12"), &b, "01-01").unwrap(), Span { from: d("2027-01-01"), to: d("2027-01-02"), fiscal_year: d("2027-01-01") });
    // One in each year: refused, naming both.
    let mut dec = jan.clone();
    dec.issued = "2026-12-31".into();
    dec.number = InvoiceNumber::parse("n", "2026-00010").unwrap();
    let b = bookings(&[dec, jan], &skr03(), &mut w).unwrap();
    let e = span(month("2026-12"), &b, "01-01").unwrap_err();
    assert_eq!(e.exit_code(), 4);
    assert!(e.to_string().contains("two fiscal years") && e.to_string().contains("2026-00010 issued 2026-12-31"), "{e}");
    // A fiscal year from July: November's span lies in the year from 2026-07-01.
    assert_eq!(span(month("2026-11"), &[], "07-01").unwrap().fiscal_year, d("2026-07-01"));
    assert_eq!(span(month("2026-11"), &[], "11-15").unwrap(), Span { from: d("2026-11-01"), to: d("2026-11-14"), fiscal_year: d("2025-11-15") });
}

#[test]
fn amounts_have_a_decimal_comma() {
    assert_eq!(amount(money(1988)), "19,88");
    assert_eq!(amount(money(5)), "0,05");
    assert_eq!(amount(money(123456789)), "1234567,89");
}
