//! SEPA direct-debit mandates as stored, and when one may be used: signed, not revoked, its account not
//! removed, and not lapsed (a mandate unused for 36 months expires, DK/EPC rulebook). A row is never deleted;
//! only its use (`first_used` once, `last_used`) and its revocation change (the schema refuses the rest).
use super::bank::{self, BankAccount, day, opt_day};
use crate::Result;
use crate::model::{MandateReference, MandateStatus, MemberNumber, SequenceType};
use chrono::{Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// A mandate lapses after this many months without a debit (or, never used, after its signature).
pub const LAPSE_MONTHS: u32 = 36;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mandate {
    pub id: i64,
    pub member: MemberNumber,
    pub reference: MandateReference,
    pub signed: NaiveDate,
    pub revoked: Option<NaiveDate>,
    pub first_used: Option<NaiveDate>,
    pub last_used: Option<NaiveDate>,
    /// The account it debits (read with the mandate).
    pub bank_account: BankAccount,
}

impl Mandate {
    /// The last day a debit may use it, unless it is used again before: 36 months after its last use, or
    /// after its signature if it was never used (the same day of the month, or the month's last day).
    pub fn valid_until(&self) -> NaiveDate {
        let since = self.last_used.unwrap_or(self.signed);
        since.checked_add_months(Months::new(LAPSE_MONTHS)).unwrap_or(NaiveDate::MAX)
    }

    /// Where the mandate stands on `date`.
    pub fn status(&self, date: NaiveDate) -> MandateStatus {
        if self.signed > date {
            MandateStatus::NotYetSigned
        } else if self.revoked.is_some_and(|r| r <= date) {
            MandateStatus::Revoked
        } else if !self.bank_account.active_on(date) {
            MandateStatus::AccountRemoved
        } else if date > self.valid_until() {
            MandateStatus::Expired
        } else {
            MandateStatus::Valid
        }
    }

    /// The sequence type the next debit has: FRST for a mandate never used, RCUR after.
    pub fn sequence_type(&self) -> SequenceType {
        if self.first_used.is_none() { SequenceType::First } else { SequenceType::Recurring }
    }
}

const SELECT: &str =
    "SELECT m.id, m.member, m.reference, m.signed, m.revoked, m.first_used, m.last_used, a.id, a.member, a.iban, a.bic, a.holder, a.added, a.removed
     FROM mandate m JOIN bank_account a ON a.id = m.bank_account";

fn from_row(r: &Row) -> rusqlite::Result<Mandate> {
    Ok(Mandate {
        id: r.get(0)?,
        member: r.get(1)?,
        reference: r.get(2)?,
        signed: day(r, 3)?,
        revoked: opt_day(r, 4)?,
        first_used: opt_day(r, 5)?,
        last_used: opt_day(r, 6)?,
        bank_account: bank::row_at(r, 7)?,
    })
}

pub fn insert(conn: &Connection, account: &BankAccount, reference: &MandateReference, signed: NaiveDate) -> Result<Mandate> {
    conn.execute(
        "INSERT INTO mandate (member, bank_account, reference, signed) VALUES (?1, ?2, ?3, ?4)",
        params![account.member, account.id, reference, signed.to_string()],
    )?;
    let id = conn.last_insert_rowid();
    Ok(Mandate {
        id,
        member: account.member,
        reference: reference.clone(),
        signed,
        revoked: None,
        first_used: None,
        last_used: None,
        bank_account: account.clone(),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Mandate>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE m.id = ?1"), [id], from_row).optional()?)
}

pub fn by_reference(conn: &Connection, reference: &MandateReference) -> Result<Option<Mandate>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE m.reference = ?1"), [reference], from_row).optional()?)
}

/// The mandates of one member, or of all, in member and id order.
pub fn list(conn: &Connection, member: Option<MemberNumber>) -> Result<Vec<Mandate>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE (?1 IS NULL OR m.member = ?1) ORDER BY m.member, m.id"))?;
    Ok(stmt.query_map([member], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The mandates that debit one account.
pub fn of_account(conn: &Connection, account: i64) -> Result<Vec<Mandate>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE m.bank_account = ?1 ORDER BY m.id"))?;
    Ok(stmt.query_map([account], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The member's mandates a debit collected on `date` may use, oldest first (for `sepa export`).
pub fn valid_for(conn: &Connection, member: MemberNumber, date: NaiveDate) -> Result<Vec<Mandate>> {
    Ok(list(conn, Some(member))?.into_iter().filter(|m| m.status(date) == MandateStatus::Valid).collect())
}

/// Records a debit on `date`: `first_used` the first time, `last_used` every time (never moving back).
pub fn record_use(conn: &Connection, mandate: i64, date: NaiveDate) -> Result<()> {
    conn.prepare_cached("UPDATE mandate SET first_used = coalesce(first_used, ?2), last_used = max(coalesce(last_used, ?2), ?2) WHERE id = ?1")?
        .execute(params![mandate, date.to_string()])?;
    Ok(())
}

/// Records the revocation of a mandate from `date` on.
pub fn set_revoked(conn: &Connection, mandate: i64, date: NaiveDate) -> Result<()> {
    conn.execute("UPDATE mandate SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL", params![mandate, date.to_string()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Holder, Iban};

    fn d(s: &str) -> NaiveDate {
        crate::model::date("d", s).unwrap()
    }

    fn mandate(signed: &str, last_used: Option<&str>) -> Mandate {
        let member = MemberNumber::parse("m", "10001").unwrap();
        let bank_account = BankAccount {
            id: 1,
            member,
            iban: Iban::parse("iban", "DE02120300000000202051").unwrap(),
            bic: None,
            holder: Holder::parse("holder", "Erika Mustermann").unwrap(),
            added: d("2020-01-01"),
            removed: None,
        };
        let reference = MandateReference::parse("r", "HS-10001").unwrap();
        Mandate { id: 1, member, reference, signed: d(signed), revoked: None, first_used: last_used.map(d), last_used: last_used.map(d), bank_account }
    }

    #[test]
    fn a_mandate_lapses_36_months_after_its_last_use() {
        let never = mandate("2026-01-01", None);
        assert_eq!(never.status(d("2025-12-31")), MandateStatus::NotYetSigned);
        assert_eq!(never.status(d("2026-01-01")), MandateStatus::Valid);
        assert_eq!(never.status(d("2029-01-01")), MandateStatus::Valid);
        assert_eq!(never.status(d("2029-01-02")), MandateStatus::Expired);
        assert_eq!(never.sequence_type(), SequenceType::First);
        let used = mandate("2026-01-01", Some("2028-02-29"));
        assert_eq!(used.status(d("2031-02-28")), MandateStatus::Valid);
        assert_eq!(used.status(d("2031-03-01")), MandateStatus::Expired);
        assert_eq!(used.sequence_type(), SequenceType::Recurring);
    }

    #[test]
    fn revocation_and_removal_end_a_mandate_from_their_day() {
        let mut m = mandate("2026-01-01", None);
        m.revoked = Some(d("2026-06-01"));
        assert_eq!(m.status(d("2026-05-31")), MandateStatus::Valid);
        assert_eq!(m.status(d("2026-06-01")), MandateStatus::Revoked);
        let mut m = mandate("2026-01-01", None);
        m.bank_account.removed = Some(d("2026-03-01"));
        assert_eq!(m.status(d("2026-03-01")), MandateStatus::AccountRemoved);
    }
}
