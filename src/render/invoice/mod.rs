//! Invoices and credit notes as documents: a PDF for people (`pdf`), XRechnung 3.0 CII XML for their
//! e-invoice tools (`xrechnung`) and plain text (`txt`). Pure: an issued invoice (as the ledger stores it)
//! and the payment options in, bytes out. This module holds what they share: the German wording of labels
//! and notes, dates as TT.MM.JJJJ and amounts with a decimal comma for people.
pub mod pdf;
pub mod txt;
pub mod xrechnung;

use crate::ledger::invoice::{Invoice, Line, Party, VatBreakdown};
use crate::model::{InvoiceKind, Money, Unit, VatCategory};

/// A SEPA direct debit of the invoice's amount (payment means code 59): the member's mandate, the
/// cooperative's creditor id and the account debited. The direct-debits issue passes it in for members with
/// a mandate; without it the invoice asks for a credit transfer (code 58) to the seller's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectDebit {
    /// The mandate reference (BT-89).
    pub mandate_reference: String,
    /// The seller's SEPA creditor id, Gläubiger-Identifikationsnummer (BT-90).
    pub creditor_id: String,
    /// The member's IBAN that is debited (BT-91).
    pub iban: String,
}

/// How a document is rendered beyond what the invoice itself says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub direct_debit: Option<DirectDebit>,
}

/// The reverse-charge note (§14a Abs. 5 UStG), on the document and as the exemption reason (BT-120).
pub const NOTE_REVERSE_CHARGE: &str = "Steuerschuldnerschaft des Leistungsempfängers";
/// Why the membership fee carries no VAT.
pub const NOTE_FEE: &str = "Mitgliedsbeitrag, kein Leistungsaustausch";
/// Why services to a buyer outside the EU carry no German VAT (§3a Abs. 2 UStG).
pub const NOTE_NON_EU: &str = "Nicht im Inland steuerbare Leistung";

/// The exemption reason of a VAT category (BT-120), if it needs one.
pub fn exemption_reason(category: VatCategory) -> Option<&'static str> {
    match category {
        VatCategory::Standard => None,
        VatCategory::ReverseCharge => Some(NOTE_REVERSE_CHARGE),
        VatCategory::Exempt => Some(NOTE_FEE),
        VatCategory::OutOfScope => Some(NOTE_NON_EU),
    }
}

/// "Rechnung", or "Stornorechnung" for a credit note cancelling one. Not "Gutschrift": in §14 Abs. 2 UStG
/// that word means an invoice the recipient issues (self-billing), which a cancellation is not.
pub fn title(inv: &Invoice) -> &'static str {
    match inv.kind {
        InvoiceKind::Invoice => "Rechnung",
        InvoiceKind::CreditNote => "Stornorechnung",
    }
}

/// An ISO date (`2026-11-30`) as people read it in Germany: `30.11.2026`. Anything else stays as it is.
pub fn date(iso: &str) -> String {
    let b = iso.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' { format!("{}.{}.{}", &iso[8..10], &iso[5..7], &iso[..4]) } else { iso.to_owned() }
}

/// A date range `01.11.2026 – 30.11.2026`, or one day.
pub fn period(from: &str, to: &str) -> String {
    if from == to { date(from) } else { format!("{} – {}", date(from), date(to)) }
}

/// An amount for people: `1.234,56` (thousands dot, decimal comma).
pub fn amount(m: Money) -> String {
    let cents = m.cents();
    let abs = cents.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{}{grouped},{:02}", if cents < 0 { "-" } else { "" }, abs % 100)
}

/// An amount in euro for people: `1.234,56 €`.
pub fn euro(m: Money) -> String {
    format!("{} €", amount(m))
}

/// A VAT rate in basis points for people: `19 %`, `7 %`, `19,5 %`.
pub fn rate(bp: i64) -> String {
    if bp % 100 == 0 { format!("{} %", bp / 100) } else { format!("{},{:02} %", bp / 100, bp % 100).replace("0 %", " %") }
}

/// A unit with its count, in German: `1 Monat`, `14 Tage`, `3 GB`.
pub fn quantity(n: i64, unit: Unit) -> String {
    let word = match (unit, n == 1) {
        (Unit::Day, true) => "Tag",
        (Unit::Day, false) => "Tage",
        (Unit::Month, true) => "Monat",
        (Unit::Month, false) => "Monate",
        (Unit::Piece, _) => "Stück",
        (Unit::Gigabyte, _) => "GB",
    };
    format!("{n} {word}")
}

/// A line's unit price for people: `10,00 €` per one unit, or `10,00 € / 30 Tage` where the price is for a
/// base quantity (a month's price prorated by days).
pub fn unit_price(l: &Line) -> String {
    if l.base_quantity == 1 { euro(l.unit_price) } else { format!("{} / {}", euro(l.unit_price), quantity(l.base_quantity, l.unit)) }
}

/// The short VAT mark of a line in a table: its rate, or what its 0 % means.
pub fn line_vat(l: &Line) -> String {
    match l.vat_category {
        VatCategory::Standard => rate(l.vat_rate_bp),
        VatCategory::ReverseCharge => "RC".into(),
        VatCategory::Exempt => "frei".into(),
        VatCategory::OutOfScope => "n. st.".into(),
    }
}

/// The label of a breakdown entry's net amount (§14 Abs. 4 Nr. 7 UStG: the net split by rate and exemption).
pub fn basis_label(b: &VatBreakdown) -> String {
    match b.category {
        VatCategory::Standard => format!("Nettobetrag zu {}", rate(b.rate_bp)),
        VatCategory::ReverseCharge => "Nettobetrag, Reverse Charge".into(),
        VatCategory::Exempt => "Nettobetrag, umsatzsteuerfrei".into(),
        VatCategory::OutOfScope => "Nettobetrag, nicht steuerbar".into(),
    }
}

/// The label of a breakdown entry's tax (only for taxed categories).
pub fn tax_label(b: &VatBreakdown) -> Option<String> {
    (b.category == VatCategory::Standard).then(|| format!("Umsatzsteuer {}", rate(b.rate_bp)))
}

/// The notes a document must carry for its VAT categories: reverse charge with both VAT ids, the fee's
/// exemption, services not taxable here.
pub fn vat_notes(inv: &Invoice) -> Vec<String> {
    let mut notes = Vec::new();
    for b in inv.breakdown() {
        match b.category {
            VatCategory::Standard => {}
            VatCategory::ReverseCharge => notes.push(format!(
                "{NOTE_REVERSE_CHARGE} (Reverse Charge, § 13b UStG). USt-IdNr. des Leistungsempfängers: {}; unsere USt-IdNr.: {}.",
                inv.buyer.vat_id.as_deref().unwrap_or("–"),
                inv.seller.vat_id.as_deref().unwrap_or("–")
            )),
            VatCategory::Exempt => notes.push(format!("{NOTE_FEE}: keine Umsatzsteuer.")),
            VatCategory::OutOfScope => notes.push(format!("{NOTE_NON_EU} (§ 3a Abs. 2 UStG): keine deutsche Umsatzsteuer.")),
        }
    }
    notes
}

/// An IBAN in groups of four for people: `DE89 3704 0044 0532 0130 00`.
pub fn iban(s: &str) -> String {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    compact.chars().collect::<Vec<_>>().chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// A member's IBAN on paper: country, check digits and the last four, the rest hidden.
pub fn masked_iban(s: &str) -> String {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() < 10 {
        return "****".into();
    }
    format!("{} **** {}", &compact[..4], &compact[compact.len() - 4..])
}

/// What the member is asked to do (or told will happen) about paying: a credit transfer to the seller's
/// account by the due date, a direct debit from the member's account, or, for a credit note, the set-off.
pub fn payment_text(inv: &Invoice, options: &Options) -> String {
    let s = &inv.seller;
    if inv.kind == InvoiceKind::CreditNote {
        let of = inv.corrects.as_ref().map_or(String::new(), |n| format!(" {n}"));
        return format!(
            "Diese Stornorechnung hebt die Rechnung{of} auf. Der Betrag von {} wird mit ihr verrechnet; \
             was Sie darauf schon gezahlt haben, erstatten wir Ihnen.",
            euro(inv.gross)
        );
    }
    if let Some(dd) = &options.direct_debit {
        return format!(
            "Den Betrag von {} ziehen wir zum Fälligkeitstag {} per SEPA-Lastschrift von Ihrem Konto {} ein \
             (Mandatsreferenz {}, Gläubiger-Identifikationsnummer {}).",
            euro(inv.gross),
            date(&inv.due),
            masked_iban(&dd.iban),
            dd.mandate_reference,
            dd.creditor_id
        );
    }
    let mut account = format!("IBAN {}", s.iban.as_deref().map(iban).unwrap_or_else(|| "–".into()));
    if let Some(bic) = &s.bic {
        account.push_str(&format!(", BIC {bic}"));
    }
    if let Some(bank) = &s.bank {
        account.push_str(&format!(" ({bank})"));
    }
    format!("Bitte überweisen Sie {} ohne Abzug bis zum {} auf das Konto {}, Verwendungszweck: {}.", euro(inv.gross), date(&inv.due), account, inv.number)
}

/// The payment terms in one line (BT-20): when the amount is due, or how a credit note is settled.
pub fn payment_terms(inv: &Invoice, options: &Options) -> String {
    match (inv.kind, &options.direct_debit) {
        (InvoiceKind::CreditNote, _) => {
            format!("Verrechnung mit Rechnung {}", inv.corrects.as_ref().map_or("–", |n| n.as_str()))
        }
        (_, Some(_)) => format!("Einzug per SEPA-Lastschrift zum {}", date(&inv.due)),
        (_, None) => format!("Zahlbar ohne Abzug bis zum {}", date(&inv.due)),
    }
}

/// A country's German name for an address line; the code itself where it is not in the table.
pub fn country_name(code: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("AT", "Österreich"),
        ("BE", "Belgien"),
        ("BG", "Bulgarien"),
        ("CH", "Schweiz"),
        ("CY", "Zypern"),
        ("CZ", "Tschechien"),
        ("DE", "Deutschland"),
        ("DK", "Dänemark"),
        ("EE", "Estland"),
        ("ES", "Spanien"),
        ("FI", "Finnland"),
        ("FR", "Frankreich"),
        ("GB", "Vereinigtes Königreich"),
        ("GR", "Griechenland"),
        ("HR", "Kroatien"),
        ("HU", "Ungarn"),
        ("IE", "Irland"),
        ("IS", "Island"),
        ("IT", "Italien"),
        ("LI", "Liechtenstein"),
        ("LT", "Litauen"),
        ("LU", "Luxemburg"),
        ("LV", "Lettland"),
        ("MT", "Malta"),
        ("NL", "Niederlande"),
        ("NO", "Norwegen"),
        ("PL", "Polen"),
        ("PT", "Portugal"),
        ("RO", "Rumänien"),
        ("SE", "Schweden"),
        ("SI", "Slowenien"),
        ("SK", "Slowakei"),
        ("US", "Vereinigte Staaten"),
    ];
    NAMES.iter().find(|(c, _)| c.eq_ignore_ascii_case(code)).map_or_else(|| code.to_uppercase(), |(_, n)| (*n).to_owned())
}

/// A party's postal address as lines: name, street, post code and city, and the country when it is not
/// the seller's (`home`).
pub fn address(p: &Party, home: &str) -> Vec<String> {
    let mut lines = vec![p.name.clone()];
    lines.extend(p.street.iter().cloned());
    let city = [p.zipcode.as_deref(), p.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    if !city.is_empty() {
        lines.push(city);
    }
    if let Some(c) = p.country.as_deref().filter(|c| !c.eq_ignore_ascii_case(home)) {
        lines.push(country_name(c).to_uppercase());
    }
    lines
}

/// The seller's country (DE unless the snapshot says otherwise).
pub fn home(inv: &Invoice) -> &str {
    inv.seller.country.as_deref().unwrap_or("DE")
}

/// The seller's tax ids as they must appear (§14 Abs. 4 Nr. 2 UStG): `Steuernummer …`, `USt-IdNr. …`.
pub fn seller_tax_ids(s: &Party) -> Vec<String> {
    let mut ids = Vec::new();
    if let Some(t) = &s.tax_number {
        ids.push(format!("Steuernummer {t}"));
    }
    if let Some(v) = &s.vat_id {
        ids.push(format!("USt-IdNr. {v}"));
    }
    ids
}

/// Words of `text` in lines of at most `width` (by `measure`); a word longer than a line is split.
pub fn wrap(text: &str, width: f32, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() { word.to_owned() } else { format!("{cur} {word}") };
        if measure(&candidate) <= width || cur.is_empty() && measure(word) <= width {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if measure(&piece) > width && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::replace(&mut piece, c.to_string()));
            }
        }
        cur = piece;
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ledger::invoice::{Invoice, Line, Party};
    use crate::model::{BillingMonth, InvoiceNumber, LineKind, MemberNumber, VatCase};

    #[allow(clippy::too_many_arguments)]
    pub fn line(pos: i64, qty: i64, unit: Unit, price: i64, base: i64, cat: VatCategory, bp: i64, desc: &str) -> Line {
        Line {
            pos,
            kind: if cat == VatCategory::Exempt { LineKind::Fee } else { LineKind::Package },
            product: if cat == VatCategory::Exempt { "FEE".into() } else { "DW/SA".into() },
            package: None,
            domain: None,
            description: desc.into(),
            service_from: "2026-11-01".into(),
            service_to: "2026-11-30".into(),
            quantity: qty,
            unit,
            unit_price: Money::from_cents(price),
            base_quantity: base,
            net: Money::from_cents(crate::model::line_net(qty, price, base)),
            vat_category: cat,
            vat_rate_bp: bp,
        }
    }

    /// A domestic invoice: a package at 19 % for 14 of 30 days and the membership fee.
    pub fn sample() -> Invoice {
        let lines = vec![
            line(1, 14, Unit::Day, 1000, 30, VatCategory::Standard, 1900, "Dynamic Web, single admin (xyz00) <&> \"Ä\""),
            line(2, 1, Unit::Month, 500, 1, VatCategory::Exempt, 0, "Mitgliedsbeitrag"),
        ];
        let b = crate::ledger::invoice::breakdown(&lines);
        let net: i64 = lines.iter().map(|l| l.net.cents()).sum();
        let vat: i64 = b.iter().map(|b| b.tax.cents()).sum();
        Invoice {
            number: InvoiceNumber::parse("n", "2026-00001").unwrap(),
            kind: InvoiceKind::Invoice,
            member: MemberNumber::parse("m", "10001").unwrap(),
            period: BillingMonth::parse("p", "2026-11").unwrap(),
            issued: "2026-12-01".into(),
            due: "2026-12-15".into(),
            corrects: None,
            cancelled_by: None,
            vat_case: VatCase::Domestic,
            buyer: Party {
                name: "Erika <Mustermann> & Co".into(),
                street: Some("Heidestraße 17".into()),
                zipcode: Some("51147".into()),
                city: Some("Köln".into()),
                country: Some("DE".into()),
                email: Some("erika@example.org".into()),
                ..Party::default()
            },
            seller: Party {
                name: "Hostsharing eG".into(),
                street: Some("Flughafenstr. 52a".into()),
                zipcode: Some("22335".into()),
                city: Some("Hamburg".into()),
                country: Some("DE".into()),
                email: Some("buchhaltung@example.net".into()),
                phone: Some("+49 40 1234567".into()),
                vat_id: Some("DE123456789".into()),
                tax_number: Some("27/123/45678".into()),
                iban: Some("DE89370400440532013000".into()),
                bic: Some("COBADEFFXXX".into()),
                bank: Some("Commerzbank".into()),
                legal: vec!["Registergericht Hamburg GnR 1000".into()],
                ..Party::default()
            },
            net: Money::from_cents(net),
            vat: Money::from_cents(vat),
            gross: Money::from_cents(net + vat),
            created_at: "2026-12-01T08:00:00Z".into(),
            lines,
        }
    }

    #[test]
    fn amounts_have_a_decimal_comma_and_thousands_dots() {
        let a = |c| amount(Money::from_cents(c));
        assert_eq!(
            (a(0), a(5), a(467), a(123456), a(100000000), a(-1050)),
            ("0,00".into(), "0,05".into(), "4,67".into(), "1.234,56".into(), "1.000.000,00".into(), "-10,50".into())
        );
        assert_eq!(euro(Money::from_cents(2380)), "23,80 €");
        assert_eq!((rate(1900), rate(700), rate(1950), rate(1925)), ("19 %".into(), "7 %".into(), "19,5 %".into(), "19,25 %".into()));
    }

    #[test]
    fn dates_and_quantities_are_german() {
        assert_eq!(date("2026-11-30"), "30.11.2026");
        assert_eq!(period("2026-11-01", "2026-11-30"), "01.11.2026 – 30.11.2026");
        assert_eq!(period("2026-11-05", "2026-11-05"), "05.11.2026");
        assert_eq!((quantity(1, Unit::Month), quantity(14, Unit::Day), quantity(3, Unit::Gigabyte)), ("1 Monat".into(), "14 Tage".into(), "3 GB".into()));
        let inv = sample();
        assert_eq!(unit_price(&inv.lines[0]), "10,00 € / 30 Tage");
        assert_eq!(unit_price(&inv.lines[1]), "5,00 €");
    }

    #[test]
    fn payment_texts() {
        let inv = sample();
        let t = payment_text(&inv, &Options::default());
        assert!(t.contains("IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX (Commerzbank)") && t.contains("15.12.2026") && t.contains("10,56 €"), "{t}");
        let dd = Options {
            direct_debit: Some(DirectDebit {
                mandate_reference: "M-1".into(),
                creditor_id: "DE98ZZZ09999999999".into(),
                iban: "DE02120300000000202051".into(),
            }),
        };
        let t = payment_text(&inv, &dd);
        assert!(t.contains("Lastschrift") && t.contains("DE02 **** 2051") && t.contains("M-1"), "{t}");
    }

    #[test]
    fn wrapping_keeps_words_and_splits_long_ones() {
        let len = |s: &str| s.chars().count() as f32;
        assert_eq!(wrap("a bb ccc dddd", 6.0, len), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefghij", 4.0, len), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4.0, len), vec![""]);
    }

    #[test]
    fn addresses_name_foreign_countries() {
        let mut inv = sample();
        assert_eq!(address(&inv.buyer, home(&inv)), vec!["Erika <Mustermann> & Co", "Heidestraße 17", "51147 Köln"]);
        inv.buyer.country = Some("AT".into());
        assert_eq!(address(&inv.buyer, home(&inv)).last().unwrap(), "ÖSTERREICH");
    }
}
