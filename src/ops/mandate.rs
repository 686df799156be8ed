//! Bank accounts and SEPA mandates of members: add, list, remove an account; add, list, revoke a mandate.
//! Nothing is deleted: a removed account and a revoked mandate stay, dated, for the debits that name them.
use super::{found, snapshot};
use crate::ledger::bank::{self, BankAccount};
use crate::ledger::mandate::{self as rows, Mandate};
use crate::ledger::{Tx, member};
use crate::model::{Bic, Holder, Iban, MandateReference, MandateStatus, MemberNumber, SequenceType};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;

/// A mandate as `mandate list` shows it: where it stands today and what its next debit would be.
#[derive(Debug, Clone, Serialize)]
pub struct MandateView {
    #[serde(flatten)]
    pub mandate: Mandate,
    pub status: MandateStatus,
    /// The last day a debit may use it unless it is used before (36 months after its last use).
    pub valid_until: NaiveDate,
    /// FRST or RCUR: the sequence type of its next debit.
    pub sequence_type: SequenceType,
}

impl MandateView {
    pub fn on(mandate: Mandate, date: NaiveDate) -> Self {
        Self { status: mandate.status(date), valid_until: mandate.valid_until(), sequence_type: mandate.sequence_type(), mandate }
    }
}

/// A member number that must name a member: otherwise invalid input (exit 2).
fn existing(tx: &Tx, number: MemberNumber) -> Result<()> {
    match member::get(tx, number.get())? {
        Some(_) => Ok(()),
        None => Err(Error::invalid("member", format!("there is no member {number}"))),
    }
}

pub fn add_account(tx: &Tx, number: MemberNumber, iban: &Iban, bic: Option<&Bic>, holder: &Holder, today: NaiveDate) -> Result<BankAccount> {
    existing(tx, number)?;
    if let Some(same) = bank::list(tx, Some(number), false)?.into_iter().find(|a| a.iban == *iban) {
        return Err(Error::Conflict(format!("member {number} already has the account {} (bank account {})", iban.as_str(), same.id)));
    }
    let account = bank::insert(tx, number, iban, bic, holder, today)?;
    tx.audit("bank_account", &account.id.to_string(), "add", None, snapshot(&account))?;
    Ok(account)
}

/// The accounts of a member, or of all; removed ones only with `removed`.
pub fn accounts(tx: &Tx, number: Option<MemberNumber>, removed: bool) -> Result<Vec<BankAccount>> {
    if let Some(n) = number {
        existing(tx, n)?;
    }
    bank::list(tx, number, removed)
}

pub fn account(tx: &Tx, id: i64) -> Result<BankAccount> {
    found(bank::get(tx, id)?, || format!("bank account {id}"))
}

/// Records the removal of an account; refused while a mandate that is not revoked (and not lapsed) uses it.
pub fn remove_account(tx: &Tx, id: i64, today: NaiveDate) -> Result<BankAccount> {
    let before = account(tx, id)?;
    if let Some(day) = before.removed {
        return Err(Error::Conflict(format!("bank account {id} was already removed on {day}")));
    }
    let live: Vec<Mandate> =
        rows::of_account(tx, id)?.into_iter().filter(|m| matches!(m.status(today), MandateStatus::Valid | MandateStatus::NotYetSigned)).collect();
    if let Some(m) = live.first() {
        let names: Vec<&str> = live.iter().map(|m| m.reference.as_str()).collect();
        let how = match m.revoked {
            Some(day) => format!("it is revoked from {day} on; remove the account then"),
            None => format!("revoke it first (hsadmin mandate revoke {})", m.reference.as_str()),
        };
        return Err(Error::Conflict(format!("bank account {id} is used by the mandate {}; {how}", names.join(", "))));
    }
    bank::mark_removed(tx, id, today)?;
    let after = account(tx, id)?;
    tx.audit("bank_account", &id.to_string(), "remove", snapshot(&before), snapshot(&after))?;
    Ok(after)
}

/// The account a new mandate debits: the one named, else the member's only active account.
fn account_for(tx: &Tx, number: MemberNumber, id: Option<i64>, today: NaiveDate) -> Result<BankAccount> {
    let Some(id) = id else {
        let mut active = bank::list(tx, Some(number), false)?;
        return match active.len() {
            1 => Ok(active.remove(0)),
            0 => Err(Error::invalid(
                "bank-account",
                format!("member {number} has no bank account; add one first (hsadmin bank-account add {number} --iban … --holder …)"),
            )),
            n => Err(Error::invalid(
                "bank-account",
                format!("member {number} has {n} bank accounts; name one with --bank-account ID (see hsadmin bank-account list --member {number})"),
            )),
        };
    };
    let a = bank::get(tx, id)?.ok_or_else(|| Error::invalid("bank-account", format!("there is no bank account {id}")))?;
    if a.member != number {
        return Err(Error::invalid("bank-account", format!("bank account {id} belongs to member {}, not {number}", a.member)));
    }
    if !a.active_on(today) {
        return Err(Error::Conflict(format!("bank account {id} was removed; a new mandate needs an account in use")));
    }
    Ok(a)
}

pub fn add_mandate(
    tx: &Tx,
    number: MemberNumber,
    reference: &MandateReference,
    signed: NaiveDate,
    account: Option<i64>,
    today: NaiveDate,
) -> Result<MandateView> {
    existing(tx, number)?;
    if signed > today {
        return Err(Error::invalid("signed", format!("{signed} is after today ({today}): enter a mandate once it is signed")));
    }
    let account = account_for(tx, number, account, today)?;
    if let Some(other) = rows::by_reference(tx, reference)? {
        return Err(Error::Conflict(format!("the mandate reference {} is already used (member {}); references are unique", reference.as_str(), other.member)));
    }
    let m = rows::insert(tx, &account, reference, signed)?;
    tx.audit("mandate", reference.as_str(), "add", None, snapshot(&m))?;
    Ok(MandateView::on(m, today))
}

/// The mandates of a member, or of all, as they stand on `today`; only those of `status` if given.
pub fn mandates(tx: &Tx, number: Option<MemberNumber>, status: Option<MandateStatus>, today: NaiveDate) -> Result<Vec<MandateView>> {
    if let Some(n) = number {
        existing(tx, n)?;
    }
    let all = rows::list(tx, number)?.into_iter().map(|m| MandateView::on(m, today));
    Ok(all.filter(|v| status.is_none_or(|s| v.status == s)).collect())
}

/// Revokes a mandate from `date` on (the day the member's revocation takes effect).
pub fn revoke(tx: &Tx, reference: &MandateReference, date: NaiveDate, today: NaiveDate) -> Result<MandateView> {
    let before = found(rows::by_reference(tx, reference)?, || format!("mandate {}", reference.as_str()))?;
    if let Some(day) = before.revoked {
        return Err(Error::Conflict(format!("mandate {} was already revoked on {day}", reference.as_str())));
    }
    if date < before.signed {
        return Err(Error::invalid("date", format!("{date} is before the mandate was signed ({})", before.signed)));
    }
    rows::set_revoked(tx, before.id, date)?;
    let after = found(rows::get(tx, before.id)?, || format!("mandate {}", reference.as_str()))?;
    tx.audit("mandate", reference.as_str(), "revoke", snapshot(&before), snapshot(&after))?;
    Ok(MandateView::on(after, today))
}
