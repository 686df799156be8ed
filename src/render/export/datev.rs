//! The DATEV-Format EXTF "Buchungsstapel": header version 700, data category 21, format version 13,
//! Windows-1252, CRLF, `;` between fields, text in `"…"`, amounts with a decimal comma.
//!
//! Line 1 is the header (31 fields: Berater, Mandant, fiscal year, Sachkontenlänge, the dates covered,
//! SKR), line 2 the 125 column names of format versions 9–13, then one booking a line (see
//! `super::bookings`). The column names are positional and written exactly as the public writers have
//! them: fields 1–124 as OCA's `datev_export_dtvf` writes them (github.com/OCA/l10n-germany,
//! `datev_export_dtvf/datev.py`, `DatevTransactionWriter`, format version 12, including DATEV's own
//! spelling "Zusatzinformation- Inhalt"), field 125 "Abw. Skontokonto", which format version 13 adds
//! (github.com/ameax/datev-extf, `src/DatevExtfWriter.php`, `buildColumnHeader`). Field positions
//! agree with ledermann/datev (`lib/datev/base/booking.rb`: 105 SEPA-Mandatsreferenz, 114 Festschreibung,
//! 115 Leistungsdatum) and with billing-formats.md §4.2.
use super::{Booking, Export, Span, amount, encode};
use crate::Result;
use crate::config::AccountsConfig;
use crate::ledger::invoice::Invoice;
use crate::model::{BillingMonth, InvoiceKind};
use chrono::NaiveDateTime;

/// Fields 1–20.
const FIRST: [&str; 20] = [
    "Umsatz (ohne Soll/Haben-Kz)",
    "Soll/Haben-Kennzeichen",
    "WKZ Umsatz",
    "Kurs",
    "Basis-Umsatz",
    "WKZ Basis-Umsatz",
    "Konto",
    "Gegenkonto (ohne BU-Schlüssel)",
    "BU-Schlüssel",
    "Belegdatum",
    "Belegfeld 1",
    "Belegfeld 2",
    "Skonto",
    "Buchungstext",
    "Postensperre",
    "Diverse Adressnummer",
    "Geschäftspartnerbank",
    "Sachverhalt",
    "Zinssperre",
    "Beleglink",
];

/// Fields 37–47 (21–36 are eight pairs "Beleginfo - Art n" / "Beleginfo - Inhalt n").
const MIDDLE: [&str; 11] = [
    "KOST1 - Kostenstelle",
    "KOST2 - Kostenstelle",
    "Kost-Menge",
    "EU-Land u. UStID (Bestimmung)",
    "EU-Steuersatz (Bestimmung)",
    "Abw. Versteuerungsart",
    "Sachverhalt L+L",
    "Funktionsergänzung L+L",
    "BU 49 Hauptfunktionstyp",
    "BU 49 Hauptfunktionsnummer",
    "BU 49 Funktionsergänzung",
];

/// Fields 88–125 (48–87 are twenty pairs "Zusatzinformation - Art n" / "Zusatzinformation- Inhalt n").
const LAST: [&str; 38] = [
    "Stück",
    "Gewicht",
    "Zahlweise",
    "Forderungsart",
    "Veranlagungsjahr",
    "Zugeordnete Fälligkeit",
    "Skontotyp",
    "Auftragsnummer",
    "Buchungstyp",
    "USt-Schlüssel (Anzahlungen)",
    "EU-Land (Anzahlungen)",
    "Sachverhalt L+L (Anzahlungen)",
    "EU-Steuersatz (Anzahlungen)",
    "Erlöskonto (Anzahlungen)",
    "Herkunft-Kz",
    "Buchungs GUID",
    "KOST-Datum",
    "SEPA-Mandatsreferenz",
    "Skontosperre",
    "Gesellschaftername",
    "Beteiligtennummer",
    "Identifikationsnummer",
    "Zeichnernummer",
    "Postensperre bis",
    "Bezeichnung SoBil-Sachverhalt",
    "Kennzeichen SoBil-Buchung",
    "Festschreibung",
    "Leistungsdatum",
    "Datum Zuord. Steuerperiode",
    "Fälligkeit",
    "Generalumkehr (GU)",
    "Steuersatz",
    "Land",
    "Abrechnungsreferenz",
    "BVV-Position",
    "EU-Land u. UStID (Ursprung)",
    "EU-Steuersatz (Ursprung)",
    "Abw. Skontokonto",
];

/// The 125 column names, in order.
pub fn columns() -> Vec<String> {
    let mut c: Vec<String> = FIRST.iter().map(|s| s.to_string()).collect();
    for i in 1..=8 {
        c.push(format!("Beleginfo - Art {i}"));
        c.push(format!("Beleginfo - Inhalt {i}"));
    }
    c.extend(MIDDLE.iter().map(|s| s.to_string()));
    for i in 1..=20 {
        c.push(format!("Zusatzinformation - Art {i}"));
        c.push(format!("Zusatzinformation- Inhalt {i}"));
    }
    c.extend(LAST.iter().map(|s| s.to_string()));
    c
}

/// A text field: in double quotes, a quote inside doubled.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Line 1: the 31 header fields. Nothing is locked (Festschreibung 0): the accountant reviews the batch
/// and locks it in DATEV.
fn header(accounts: &AccountsConfig, span: &Span, period: BillingMonth, created: NaiveDateTime) -> String {
    let ymd = |d: chrono::NaiveDate| d.format("%Y%m%d").to_string();
    let skr = accounts.chart.trim_start_matches("SKR");
    let fields: [String; 31] = [
        quoted("EXTF"),
        "700".into(),
        "21".into(),
        quoted("Buchungsstapel"),
        "13".into(),
        created.format("%Y%m%d%H%M%S%3f").to_string(),
        String::new(),
        quoted("HS"),
        quoted("hsadmin"),
        quoted(""),
        accounts.consultant_number.to_string(),
        accounts.client_number.to_string(),
        ymd(span.fiscal_year),
        accounts.account_length.to_string(),
        ymd(span.from),
        ymd(span.to),
        quoted(&format!("Rechnungen {period}")),
        quoted(""),
        "1".into(),
        "0".into(),
        "0".into(),
        quoted("EUR"),
        String::new(),
        quoted(""),
        String::new(),
        String::new(),
        quoted(skr),
        String::new(),
        String::new(),
        quoted(""),
        quoted(""),
    ];
    fields.join(";")
}

/// One booking as its 125 fields.
fn row(b: &Booking, names: &[String]) -> String {
    let mut f = vec![String::new(); names.len()];
    let mut set = |name: &str, value: String| {
        let i = names.iter().position(|n| n == name).expect("a DATEV column");
        f[i] = value;
    };
    set("Umsatz (ohne Soll/Haben-Kz)", amount(b.amount));
    set("Soll/Haben-Kennzeichen", quoted(if b.debit { "S" } else { "H" }));
    set("WKZ Umsatz", quoted("EUR"));
    set("Konto", b.debtor.clone());
    set("Gegenkonto (ohne BU-Schlüssel)", b.revenue.clone());
    set("BU-Schlüssel", b.tax_key.map(quoted).unwrap_or_default());
    set("Belegdatum", b.issued.format("%d%m").to_string());
    set("Belegfeld 1", quoted(b.number.as_str()));
    set("Buchungstext", quoted(&b.text));
    if let Some(id) = b.vat_id.as_deref().filter(|id| id.len() <= 15 && id.bytes().all(|c| c.is_ascii_alphanumeric())) {
        set("EU-Land u. UStID (Bestimmung)", quoted(id));
    }
    set("Festschreibung", "0".into());
    set("Leistungsdatum", b.service_to.format("%d%m%Y").to_string());
    if b.kind == InvoiceKind::Invoice {
        set("Fälligkeit", b.due.format("%d%m%Y").to_string());
    }
    f.join(";")
}

/// The Buchungsstapel of a month's invoices and credit notes (`created` goes into the header).
pub fn render(invoices: &[Invoice], period: BillingMonth, accounts: &AccountsConfig, created: NaiveDateTime) -> Result<Export> {
    let mut warnings = Vec::new();
    let bookings = super::bookings(invoices, accounts, &mut warnings)?;
    let span = super::span(period, &bookings, &accounts.fiscal_year_start)?;
    let names = columns();
    let mut text = header(accounts, &span, period, created) + "\r\n" + &names.join(";") + "\r\n";
    for b in &bookings {
        text.push_str(&row(b, &names));
        text.push_str("\r\n");
    }
    Ok(Export { bytes: encode(&text)?, bookings, span, warnings })
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::*;

    fn created() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_milli_opt(9, 30, 5, 123).unwrap()
    }

    fn lines(e: &Export) -> Vec<String> {
        let text: String = e.bytes.iter().map(|&b| char::from(b)).collect();
        assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF only");
        text.trim_end().split("\r\n").map(str::to_owned).collect()
    }

    #[test]
    fn header_and_column_names() {
        assert_eq!(columns().len(), 125);
        assert_eq!(columns()[104], "SEPA-Mandatsreferenz");
        assert_eq!((columns()[113].as_str(), columns()[114].as_str(), columns()[117].as_str()), ("Festschreibung", "Leistungsdatum", "Generalumkehr (GU)"));
        let e = render(&[domestic()], month("2026-11"), &skr03(), created()).unwrap();
        let l = lines(&e);
        assert_eq!(
            l[0],
            "\"EXTF\";700;21;\"Buchungsstapel\";13;20261201093005123;;\"HS\";\"hsadmin\";\"\";1001;1;20260101;4;20261101;20261130;\"Rechnungen 2026-11\";\"\";1;0;0;\"EUR\";;\"\";;;\"03\";;;\"\";\"\""
        );
        assert_eq!(l[0].split(';').count(), 31);
        assert_eq!(l[1].split(';').count(), 125);
        assert!(l[1].starts_with(
            "Umsatz (ohne Soll/Haben-Kz);Soll/Haben-Kennzeichen;WKZ Umsatz;Kurs;Basis-Umsatz;WKZ Basis-Umsatz;Konto;Gegenkonto (ohne BU-Schl\u{fc}ssel);"
        ));
    }

    #[test]
    fn an_invoice_books_gross_per_vat_category() {
        // Domestic: 10.00 + 2.50 at 19 % = 12.50 net, 2.38 VAT (12.50 × 0.19 = 2.375 → 2.38) = 14.88 on
        // 8400 without a key (an automatic account); the fee 5.00 (E) on 8200.
        let e = render(&[domestic()], month("2026-11"), &skr03(), created()).unwrap();
        let l = lines(&e);
        assert_eq!(l.len(), 4);
        let f: Vec<&str> = l[2].split(';').collect();
        assert_eq!(f.len(), 125);
        assert_eq!(
            &f[..14],
            [
                "14,88",
                "\"S\"",
                "\"EUR\"",
                "",
                "",
                "",
                "10001",
                "8400",
                "",
                "0511",
                "\"2026-00001\"",
                "",
                "",
                "\"Rechnung 2026-00001 Mitglied 10001 J\u{fc}rgen M\u{fc}ller\""
            ]
        );
        assert_eq!((f[113], f[114], f[116]), ("0", "30112026", "19112026"));
        let fee: Vec<&str> = l[3].split(';').collect();
        assert_eq!((fee[0], fee[6], fee[7], fee[8]), ("5,00", "10001", "8200", ""));
        assert_eq!((e.sum(), e.balance()), (money(1988), money(1988)));
    }

    #[test]
    fn umlauts_are_windows_1252() {
        let e = render(&[domestic()], month("2026-11"), &skr03(), created()).unwrap();
        let needle = b"J\xfcrgen M\xfcller";
        assert!(e.bytes.windows(needle.len()).any(|w| w == needle));
        assert!(!e.bytes.windows(2).any(|w| w == "ü".as_bytes()), "no UTF-8 left");
    }

    #[test]
    fn reverse_charge_and_credit_notes() {
        let e = render(&[reverse_charge(), credit_note(domestic(), "2026-00003", "2026-11-20")], month("2026-11"), &skr03(), created()).unwrap();
        let l = lines(&e);
        let rc: Vec<&str> = l[2].split(';').collect();
        // 8336 is DATEV's automatic account for it: no key; the buyer's VAT id for the ZM.
        assert_eq!((rc[0], rc[1], rc[7], rc[8], rc[39]), ("20,00", "\"S\"", "8336", "", "\"ATU12345678\""));
        let credit: Vec<&str> = l[4].split(';').collect();
        assert_eq!((credit[0], credit[1], credit[6], credit[7], credit[9], credit[116]), ("14,88", "\"H\"", "10001", "8400", "2011", ""));
        assert!(credit[13].starts_with("\"Gutschrift 2026-00003 zu 2026-00001 Mitglied 10001 J"));
        // Σ 20.00 + 3.00 (reverse charge) + 14.88 + 5.00 (the credit note) = 42.88; balance 23.00 − 19.88 = 3.12.
        assert_eq!((e.sum(), e.balance()), (money(4288), money(312)));
    }

    #[test]
    fn keys_on_accounts_that_are_not_automatic() {
        let mut a = skr03();
        (a.revenue_domestic, a.revenue_reverse_charge) = (8000, 8001);
        let e = render(&[domestic(), reverse_charge()], month("2026-11"), &a, created()).unwrap();
        let keys: Vec<Option<&str>> = e.bookings.iter().map(|b| b.tax_key).collect();
        assert_eq!(keys, [Some("3"), None, Some("47"), None]);
        let l = lines(&e);
        assert_eq!(l[2].split(';').nth(8), Some("\"3\""));
    }

    #[test]
    fn skr04_and_a_receivables_account() {
        let mut a = skr04();
        a.receivables = Some(10000);
        let e = render(&[domestic()], month("2026-11"), &a, created()).unwrap();
        assert!(e.warnings.is_empty(), "{:?}", e.warnings);
        let l = lines(&e);
        assert!(l[0].contains(";\"04\";"));
        let f: Vec<&str> = l[2].split(';').collect();
        assert_eq!((f[6], f[7]), ("10000", "4400"));
        let warned = render(&[domestic()], month("2026-11"), &AccountsConfig { chart: "SKR04".into(), ..skr03() }, created()).unwrap();
        assert_eq!(warned.warnings.len(), 4, "{:?}", warned.warnings);
    }

    #[test]
    fn an_empty_month_is_the_header_only() {
        let e = render(&[], month("2026-11"), &skr03(), created()).unwrap();
        assert_eq!(lines(&e).len(), 2);
        assert_eq!((e.sum(), e.bookings.len()), (money(0), 0));
    }
}
