//! The Lexware buchhalter ASCII import ("Datei → Import → ASCII → Buchungsdaten"): Lexware has no fixed
//! layout, the import profile maps columns to its fields once (README, "Accounting export"). This is the
//! layout of billing-formats.md §4.1: a header row with the field names, `;` between fields, CRLF,
//! Windows-1252, decimal comma, dates TT.MM.JJJJ, the Buchungstext in `"…"`.
//!
//! One line per invoice and VAT category, gross, as in the DATEV export (`super::bookings`): an invoice
//! is Soll debtor / Haben revenue, a credit note the other way round. The Steuerschlüssel column stays
//! empty on automatic accounts (Lexware's Steuerautomatik splits the tax); elsewhere it carries DATEV's
//! key. Cost centres are not used.
use super::{Booking, Export, amount, encode};
use crate::Result;
use crate::config::AccountsConfig;
use crate::ledger::invoice::Invoice;
use crate::model::BillingMonth;

/// The header row: the field names the import profile maps.
pub const HEADER: &str = "Belegdatum;Belegnummer;Buchungstext;Buchungsbetrag;Sollkonto;Habenkonto;Steuerschlüssel;Kostenstelle1;Kostenstelle2;Währung";

fn row(b: &Booking) -> String {
    let (soll, haben) = if b.debit { (&b.debtor, &b.revenue) } else { (&b.revenue, &b.debtor) };
    let fields = [
        b.issued.format("%d.%m.%Y").to_string(),
        b.number.to_string(),
        format!("\"{}\"", b.text.replace('"', "\"\"")),
        amount(b.amount),
        soll.clone(),
        haben.clone(),
        b.tax_key.unwrap_or_default().to_owned(),
        String::new(),
        String::new(),
        "EUR".into(),
    ];
    fields.join(";")
}

/// The import file of a month's invoices and credit notes.
pub fn render(invoices: &[Invoice], period: BillingMonth, accounts: &AccountsConfig) -> Result<Export> {
    let mut warnings = Vec::new();
    let bookings = super::bookings(invoices, accounts, &mut warnings)?;
    let span = super::span(period, &bookings, &accounts.fiscal_year_start)?;
    let mut text = format!("{HEADER}\r\n");
    for b in &bookings {
        text.push_str(&row(b));
        text.push_str("\r\n");
    }
    Ok(Export { bytes: encode(&text)?, bookings, span, warnings })
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::*;

    #[test]
    fn the_whole_file_of_a_small_month() {
        // 2026-00001: 14.88 on 8400 (19 %, automatic: no key) and the fee 5.00 on 8200; 2026-00002: 20.00
        // on 8336 and 3.00 on 8200; its credit note 2026-00003 the other way round.
        let invoices = [domestic(), reverse_charge(), credit_note(reverse_charge(), "2026-00003", "2026-11-20")];
        let e = render(&invoices, month("2026-11"), &skr03()).unwrap();
        let expected = "Belegdatum;Belegnummer;Buchungstext;Buchungsbetrag;Sollkonto;Habenkonto;Steuerschl\u{fc}ssel;Kostenstelle1;Kostenstelle2;W\u{e4}hrung\r\n\
            05.11.2026;2026-00001;\"Rechnung 2026-00001 Mitglied 10001 J\u{fc}rgen M\u{fc}ller\";14,88;10001;8400;;;;EUR\r\n\
            05.11.2026;2026-00001;\"Rechnung 2026-00001 Mitglied 10001 J\u{fc}rgen M\u{fc}ller\";5,00;10001;8200;;;;EUR\r\n\
            05.11.2026;2026-00002;\"Rechnung 2026-00002 Mitglied 10002 Alpen Hosting GmbH\";20,00;10002;8336;;;;EUR\r\n\
            05.11.2026;2026-00002;\"Rechnung 2026-00002 Mitglied 10002 Alpen Hosting GmbH\";3,00;10002;8200;;;;EUR\r\n\
            20.11.2026;2026-00003;\"Gutschrift 2026-00003 zu 2026-00002 Mitglied 10002 Alpen Hos\";20,00;8336;10002;;;;EUR\r\n\
            20.11.2026;2026-00003;\"Gutschrift 2026-00003 zu 2026-00002 Mitglied 10002 Alpen Hos\";3,00;8200;10002;;;;EUR\r\n";
        let latin1: Vec<u8> = expected.chars().map(|c| c as u32 as u8).collect();
        assert_eq!(String::from_utf8_lossy(&e.bytes), String::from_utf8_lossy(&latin1));
        assert_eq!(e.bytes, latin1, "Windows-1252: ü is 0xFC, ä 0xE4");
        assert_eq!((e.sum(), e.balance()), (money(6588), money(1988)));
    }

    #[test]
    fn quotes_in_names_are_doubled_and_keys_written() {
        let mut inv = domestic();
        inv.buyer.name = "Café \"Zur Linde\"; Inh. Öz".into();
        let e = render(&[inv], month("2026-11"), &AccountsConfig { revenue_domestic: 8000, ..skr03() }).unwrap();
        let text: String = e.bytes.iter().map(|&b| char::from(b)).collect();
        let line = text.lines().nth(1).unwrap();
        assert_eq!(line, "05.11.2026;2026-00001;\"Rechnung 2026-00001 Mitglied 10001 Café \"\"Zur Linde\"\"; Inh. Öz\";14,88;10001;8000;3;;;EUR");
    }

    #[test]
    fn an_empty_month_is_the_header_only() {
        let e = render(&[], month("2026-11"), &skr03()).unwrap();
        assert_eq!(e.bytes, encode(&format!("{HEADER}\r\n")).unwrap());
    }
}
