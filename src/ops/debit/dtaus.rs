//! The DTAUS file of a debit batch: an LK file (Textschlüssel 05000) in euro, sent from the creditor's
//! German account, created today and executed on the batch's date; its reference (A10) is the batch id. One
//! C record per debit: the payer's BLZ and account number from the German IBAN, the member number as
//! customer number, the holder's name and the purpose (the same text as the SEPA remittance) folded to
//! DIN 66003 in lines of 27 characters: the name cut into at most 2 (readers join them), the purpose
//! wrapped at blanks into at most 14. That makes at most 14 extension parts, one fewer than the format allows, since Hibiscus's
//! OBanToo reads no more; a purpose longer than 14 lines ends with "UND WEITERE" (the ledger lists every
//! invoice a debit collects).
use super::{ExportRequest, Planned};
use crate::ledger::mandate::Mandate;
use crate::model::Iban;
use crate::render::dtaus::{self as render, File, MAX_PURPOSE_LINES};
use crate::render::sepa::{Creditor, Transaction};
use crate::{Error, Result};

/// Why a member's mandate cannot be collected in a DTAUS file, if it cannot.
pub(super) fn unfit(m: &Mandate) -> Option<String> {
    let a = &m.bank_account;
    if a.iban.german_account().is_none() {
        return Some(format!("a DTAUS file holds German accounts only, and {} is not one; collect it with sepa export", a.iban.as_str()));
    }
    if render::name_lines(a.holder.as_str()).is_empty() {
        return Some(format!("the account holder {:?} has no letter DTAUS (DIN 66003) can hold", a.holder.as_str()));
    }
    None
}

/// A German IBAN's BLZ and account number.
fn german(field: &str, iban: &Iban) -> Result<(u32, u64)> {
    let not_german = || Error::invalid(field, format!("{} is not a German IBAN: a DTAUS file holds German BLZ and account numbers only", iban.as_str()));
    let (blz, account) = iban.german_account().ok_or_else(not_german)?;
    Ok((blz.parse().map_err(|_| not_german())?, account.parse().map_err(|_| not_german())?))
}

/// The creditor's BLZ and account number (A4, A9), from the German IBAN the debits are credited to.
pub(super) fn sender(c: &Creditor) -> Result<(u32, u64)> {
    german("billing.iban", &Iban::parse("billing.iban", &c.iban)?)
}

/// The purpose in at most 14 lines.
fn purpose(text: &str) -> Vec<String> {
    let mut lines = render::wrap(text);
    if lines.len() > MAX_PURPOSE_LINES {
        lines.truncate(MAX_PURPOSE_LINES - 1);
        lines.push("UND WEITERE".into());
    }
    lines
}

/// The LK file's bytes for the planned debits (and their SEPA transactions, for the purpose texts).
pub(super) fn file(req: &ExportRequest, batch: i64, planned: &[Planned], transactions: &[Transaction]) -> Result<Vec<u8>> {
    let (bank, account) = sender(&req.creditor)?;
    let name = render::wrap(&req.creditor.name).into_iter().next().ok_or_else(|| Error::invalid("billing.name", "has no letter DTAUS (DIN 66003) can hold"))?;
    let mut f = File::debits(bank, account, &name, req.today, Some(req.collection_date));
    f.reference = batch as u64;
    for (p, t) in planned.iter().zip(transactions) {
        let a = &p.mandate.bank_account;
        let (blz, number) = german("iban", &a.iban)?;
        f.push_debit(blz, number, render::name_lines(a.holder.as_str()), p.amount_cents as u64, p.mandate.member.get().into(), purpose(&t.remittance));
    }
    render::write(&f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_purpose_ends_with_und_weitere() {
        let numbers: Vec<String> = (1..=60).map(|i| format!("2026-{i:05}")).collect();
        let lines = purpose(&format!("Mitglied 10001 Rechnungen {}", numbers.join(", ")));
        assert_eq!(lines.len(), 14);
        assert_eq!(lines[0], "MITGLIED 10001 RECHNUNGEN");
        assert_eq!(lines[1], "2026-00001, 2026-00002,");
        assert_eq!(lines[13], "UND WEITERE");
        assert!(lines.iter().all(|l| l.chars().count() <= 27));
    }

    #[test]
    fn wrap_breaks_at_blanks_and_cuts_long_words() {
        assert_eq!(render::wrap("Jürgen  Groß & Söhne – Ölmühle"), ["JÜRGEN GROß & SÖHNE ÖLMÜHLE"]);
        assert_eq!(render::wrap(&"x".repeat(30)), ["X".repeat(27), "XXX".into()]);
        assert_eq!(render::wrap("Überseehandel Gesellschaft bürgerlichen Rechts"), ["ÜBERSEEHANDEL GESELLSCHAFT", "BÜRGERLICHEN RECHTS"]);
        assert!(render::wrap("李小龍").is_empty() && render::name_lines("李小龍").is_empty());
        let name = render::name_lines("Maximiliane  Übermuth-Schießl von und zu Großenhain-Überlingen");
        assert_eq!(name, ["MAXIMILIANE ÜBERMUTH-SCHIEß", "L VON UND ZU GROßENHAIN-ÜBE"]);
    }
}
