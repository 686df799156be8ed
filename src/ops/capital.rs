//! The capital ledgers: shares subscribed and cancelled, money paid in, paid out and transferred.
//! Append-only; a mistake is corrected by reverting exactly one entry with the negated value.
use super::snapshot;
use crate::ledger::Tx;
use crate::ledger::capital::{self as rows, AssetTx, ShareTx};
use crate::ledger::member::Member;
use crate::model::{AssetTxType, MemberNumber, MemberStatus, Money, Reference, SHARE_NOMINAL_CENTS, ShareTxType, TextField};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;

/// What every movement carries besides its amount.
#[derive(Debug, Clone)]
pub struct Booking {
    pub date: NaiveDate,
    pub reference: Reference,
    pub comment: Option<TextField>,
}

/// The result of a booking: the entry, and whether it was there already. A booking is identified by its
/// reference (once per member and ledger): the same booking again adds nothing and returns the entry that
/// is there, so a script or cron job that repeats itself cannot book twice.
#[derive(Debug)]
pub struct Booked<T> {
    pub entry: T,
    pub repeated: bool,
}

impl<T> Booked<T> {
    fn new(entry: T) -> Self {
        Self { entry, repeated: false }
    }

    fn again(entry: T) -> Self {
        Self { entry, repeated: true }
    }
}

/// What a repeated reference says: the same booking (`Ok(true)`), or a conflict naming the entry.
fn same_or_conflict(same: bool, number: MemberNumber, b: &Booking, id: i64, what: String) -> Result<bool> {
    if same {
        return Ok(true);
    }
    Err(Error::Conflict(format!(
        "reference {} is already booked for member {number} as entry {id} ({what}) with other values; a different booking needs a reference of its own",
        b.reference.as_str()
    )))
}

/// The share entry a repeated booking would duplicate, if the reference is booked already.
fn share_again(tx: &Tx, number: MemberNumber, kind: ShareTxType, count: i64, b: &Booking, reverted: Option<i64>) -> Result<Option<ShareTx>> {
    let Some(t) = rows::share_by_reference(tx, number.get(), b.reference.as_str())? else { return Ok(None) };
    let same = t.kind == kind
        && t.share_count == count
        && t.value_date == b.date.to_string()
        && t.comment.as_deref() == b.comment.as_ref().map(|c| c.as_str())
        && t.reverted_tx == reverted;
    let what = format!("{} of {} on {}", t.kind, crate::model::count(t.share_count, "share"), t.value_date);
    same_or_conflict(same, number, b, t.id, what).map(|_| Some(t))
}

/// The asset entry a repeated booking would duplicate, if the reference is booked already.
fn asset_again(tx: &Tx, number: MemberNumber, kind: AssetTxType, cents: i64, b: &Booking, reverted: Option<i64>) -> Result<Option<AssetTx>> {
    let Some(t) = rows::asset_by_reference(tx, number.get(), b.reference.as_str())? else { return Ok(None) };
    let same = t.kind == kind
        && t.amount.cents() == cents
        && t.value_date == b.date.to_string()
        && t.comment.as_deref() == b.comment.as_ref().map(|c| c.as_str())
        && t.reverted_tx == reverted;
    let what = format!("{} of {} EUR on {}", t.kind, t.amount, t.value_date);
    same_or_conflict(same, number, b, t.id, what).map(|_| Some(t))
}

/// Most shares one entry may move: a plausibility bound, not a business rule.
pub const MAX_SHARES_PER_ENTRY: i64 = 100_000;

fn member_for(tx: &Tx, number: MemberNumber, b: &Booking) -> Result<Member> {
    let m = super::member::get(tx, number)?;
    if b.date.to_string() < m.since {
        return Err(Error::invalid("date", format!("{} is before member {number} joined ({})", b.date, m.since)));
    }
    Ok(m)
}

/// Refuses a change that would make the running balance negative on any day from its value date on
/// (a back-dated cancellation must not leave a past statement negative).
fn ensure_never_negative(history: impl Iterator<Item = (String, i64)>, date: &str, delta: i64, what: &str) -> Result<()> {
    let mut moves: Vec<(String, i64)> = history.collect();
    moves.push((date.to_owned(), delta));
    moves.sort_by(|a, b| a.0.cmp(&b.0));
    let mut balance = 0;
    for (day, d) in moves {
        balance += d;
        if balance < 0 {
            return Err(Error::Conflict(format!("{what} would become negative on {day}")));
        }
    }
    Ok(())
}

fn book_shares(tx: &Tx, number: MemberNumber, kind: ShareTxType, count: i64, b: &Booking, reverted: Option<i64>) -> Result<Booked<ShareTx>> {
    if let Some(t) = share_again(tx, number, kind, count, b, reverted)? {
        return Ok(Booked::again(t));
    }
    let history = rows::shares_of(tx, number.get())?;
    ensure_never_negative(
        history.into_iter().map(|t| (t.value_date, t.share_count)),
        &b.date.to_string(),
        count,
        &format!("the share count of member {number}"),
    )?;
    let t = rows::insert_share(
        tx,
        &ShareTx {
            id: 0,
            member: number,
            kind,
            value_date: b.date.to_string(),
            share_count: count,
            reference: b.reference.clone(),
            comment: b.comment.as_ref().map(|c| c.as_str().to_owned()),
            reverted_tx: reverted,
        },
    )?;
    tx.audit("share_tx", &t.id.to_string(), &kind.as_str().to_ascii_lowercase(), None, snapshot(&t))?;
    Ok(Booked::new(t))
}

pub fn subscribe(tx: &Tx, number: MemberNumber, count: i64, b: &Booking) -> Result<Booked<ShareTx>> {
    let m = member_for(tx, number, b)?;
    if let Some(t) = share_again(tx, number, ShareTxType::Subscription, count, b, None)? {
        return Ok(Booked::again(t));
    }
    if m.status != MemberStatus::Active || m.until.is_some() {
        return Err(Error::Conflict(format!("member {number} is {} and cannot subscribe shares", m.status)));
    }
    book_shares(tx, number, ShareTxType::Subscription, count, b, None)
}

pub fn cancel_shares(tx: &Tx, number: MemberNumber, count: i64, b: &Booking) -> Result<Booked<ShareTx>> {
    member_for(tx, number, b)?;
    book_shares(tx, number, ShareTxType::Cancellation, -count, b, None)
}

pub fn revert_share(tx: &Tx, number: MemberNumber, id: i64, b: &Booking) -> Result<Booked<ShareTx>> {
    member_for(tx, number, b)?;
    let original = rows::share(tx, id)?.filter(|t| t.member == number).ok_or_else(|| Error::NotFound(format!("share entry {id} of member {number}")))?;
    if let Some(t) = share_again(tx, number, ShareTxType::Reversal, -original.share_count, b, Some(id))? {
        return Ok(Booked::again(t));
    }
    if original.kind == ShareTxType::Reversal {
        return Err(Error::Conflict(format!("share entry {id} is itself a reversal and cannot be reverted")));
    }
    if let Some(r) = rows::share_reversal_of(tx, id)? {
        return Err(Error::Conflict(format!("share entry {id} was already reverted by entry {}", r.id)));
    }
    book_shares(tx, number, ShareTxType::Reversal, -original.share_count, b, Some(id))
}

/// Checks and inserts one asset movement; the caller writes the one audit row of its command.
fn insert_asset(tx: &Tx, number: MemberNumber, kind: AssetTxType, amount: Money, b: &Booking, reverted: Option<i64>, transfer: Option<i64>) -> Result<AssetTx> {
    let history = rows::assets_of(tx, number.get())?;
    ensure_never_negative(
        history.into_iter().map(|t| (t.value_date, t.amount.cents())),
        &b.date.to_string(),
        amount.cents(),
        &format!("the asset balance of member {number}"),
    )?;
    rows::insert_asset(
        tx,
        &AssetTx {
            id: 0,
            member: number,
            kind,
            value_date: b.date.to_string(),
            amount,
            reference: b.reference.clone(),
            comment: b.comment.as_ref().map(|c| c.as_str().to_owned()),
            reverted_tx: reverted,
            transfer_tx: transfer,
        },
    )
}

/// Money paid in (DEPOSIT) or out (DISBURSAL, CLEARING, LOSS, LIMITATION); `amount` is positive, the type gives the sign.
pub fn book(tx: &Tx, number: MemberNumber, kind: AssetTxType, amount: Money, b: &Booking) -> Result<Booked<AssetTx>> {
    if matches!(kind, AssetTxType::Transfer | AssetTxType::Adoption | AssetTxType::Reversal) {
        return Err(Error::invalid("type", format!("{kind} entries are made by transfer and revert")));
    }
    member_for(tx, number, b)?;
    let cents = kind.sign() * amount.cents();
    if let Some(t) = asset_again(tx, number, kind, cents, b, None)? {
        return Ok(Booked::again(t));
    }
    let t = insert_asset(tx, number, kind, Money::from_cents(cents), b, None, None)?;
    tx.audit("asset_tx", &t.id.to_string(), &kind.as_str().to_ascii_lowercase(), None, snapshot(&t))?;
    Ok(Booked::new(t))
}

/// A TRANSFER from one member and the matching ADOPTION by another, in one go.
#[derive(Debug, Serialize)]
pub struct Transfer {
    pub transfer: AssetTx,
    pub adoption: AssetTx,
}

pub fn transfer(tx: &Tx, from: MemberNumber, to: MemberNumber, amount: Money, b: &Booking) -> Result<Booked<Transfer>> {
    if from == to {
        return Err(Error::invalid("to", "a transfer needs another member to adopt the assets"));
    }
    member_for(tx, from, b)?;
    member_for(tx, to, b)?;
    if let Some(transfer) = asset_again(tx, from, AssetTxType::Transfer, -amount.cents(), b, None)? {
        let adoption = rows::adoption_of(tx, transfer.id)?.filter(|a| a.member == to);
        let Some(adoption) = adoption else {
            return same_or_conflict(false, from, b, transfer.id, format!("a transfer to another member than {to}")).map(|_| unreachable!());
        };
        return Ok(Booked::again(Transfer { transfer, adoption }));
    }
    let transfer = insert_asset(tx, from, AssetTxType::Transfer, -amount, b, None, None)?;
    let adoption = insert_asset(tx, to, AssetTxType::Adoption, amount, b, None, Some(transfer.id))?;
    let done = Transfer { transfer, adoption };
    // One command, one audit row: it carries both entries.
    tx.audit("asset_tx", &done.transfer.id.to_string(), "transfer", None, snapshot(&done))?;
    Ok(Booked::new(done))
}

/// The reversal of one asset entry; reverting a TRANSFER reverts its ADOPTION as well.
#[derive(Debug, Serialize)]
pub struct AssetReversal {
    pub reversal: AssetTx,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adoption_reversal: Option<AssetTx>,
}

pub fn revert_asset(tx: &Tx, number: MemberNumber, id: i64, b: &Booking) -> Result<Booked<AssetReversal>> {
    member_for(tx, number, b)?;
    let original = rows::asset(tx, id)?.filter(|t| t.member == number).ok_or_else(|| Error::NotFound(format!("asset entry {id} of member {number}")))?;
    if let Some(reversal) = asset_again(tx, number, AssetTxType::Reversal, -original.amount.cents(), b, Some(id))? {
        let adoption_reversal = match rows::adoption_of(tx, id)? {
            Some(a) => rows::asset_reversal_of(tx, a.id)?,
            None => None,
        };
        return Ok(Booked::again(AssetReversal { reversal, adoption_reversal }));
    }
    match original.kind {
        AssetTxType::Reversal => {
            return Err(Error::Conflict(format!("asset entry {id} is itself a reversal and cannot be reverted")));
        }
        AssetTxType::Adoption => {
            return Err(Error::Conflict(format!(
                "asset entry {id} is an adoption; revert its transfer (entry {}) instead",
                original.transfer_tx.unwrap_or_default()
            )));
        }
        _ => {}
    }
    if let Some(r) = rows::asset_reversal_of(tx, id)? {
        return Err(Error::Conflict(format!("asset entry {id} was already reverted by entry {}", r.id)));
    }
    let reversal = insert_asset(tx, number, AssetTxType::Reversal, -original.amount, b, Some(id), None)?;
    let adoption_reversal = match rows::adoption_of(tx, id)? {
        Some(a) => Some(insert_asset(tx, a.member, AssetTxType::Reversal, -a.amount, b, Some(a.id), None)?),
        None => None,
    };
    let done = AssetReversal { reversal, adoption_reversal };
    // One command, one audit row: a transfer's reversal carries the adoption's reversal too.
    tx.audit("asset_tx", &done.reversal.id.to_string(), "reversal", None, snapshot(&done))?;
    Ok(Booked::new(done))
}

/// One line of a statement: the movement and the balance after it.
#[derive(Debug, Serialize)]
pub struct Line<T> {
    #[serde(flatten)]
    pub entry: T,
    pub balance: i64,
}

#[derive(Debug, Serialize)]
pub struct Statement {
    pub member: MemberNumber,
    pub name: String,
    pub shares: Vec<Line<ShareTx>>,
    pub share_count: i64,
    pub share_value: Money,
    pub assets: Vec<Line<AssetTx>>,
    pub asset_balance: Money,
}

/// Both ledgers of a member with running balances, in value-date order.
pub fn statement(tx: &Tx, number: MemberNumber) -> Result<Statement> {
    let m = super::member::get(tx, number)?;
    let mut balance = 0;
    let shares: Vec<_> = rows::shares_of(tx, number.get())?
        .into_iter()
        .map(|t| {
            balance += t.share_count;
            Line { entry: t, balance }
        })
        .collect();
    let share_count = balance;
    let mut balance = 0;
    let assets: Vec<_> = rows::assets_of(tx, number.get())?
        .into_iter()
        .map(|t| {
            balance += t.amount.cents();
            Line { entry: t, balance }
        })
        .collect();
    Ok(Statement {
        member: m.number,
        name: m.name,
        shares,
        share_count,
        share_value: Money::from_cents(share_count * SHARE_NOMINAL_CENTS),
        assets,
        asset_balance: Money::from_cents(balance),
    })
}
