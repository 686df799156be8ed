//! Direct debits: `sepa export` (pain.008) and `dtaus export` (DTAUS, the seed's format) collect every
//! open invoice of the members with a valid mandate in one batch, and `debit return` reopens a returned
//! debit's invoices. Exactly once is the ledger's rule: the batch, its debits, the invoices they collect and
//! each mandate's use are written in one transaction (the `debit_invoice_once` trigger refuses a second
//! collection), and the file's bytes are stored with the batch, so that the file the bank gets is always the
//! one the ledger records (`--batch ID` writes it again). A member whose data does not allow a debit is
//! reported and left out; it never fails the batch. The DTAUS file is built in [`dtaus`].
use crate::ledger::Tx;
use crate::ledger::debit::{self as rows, Batch, Debit, OpenDocument, Return};
use crate::ledger::mandate::{self, Mandate};
use crate::model::{self, DebitFormat, InvoiceKind, InvoiceNumber, MemberNumber, Money, ReturnReason, SequenceType};
use crate::render::sepa::{self as render, Creditor, Message, Transaction};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

mod dtaus;

/// What one `sepa export` is asked to do.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub format: DebitFormat,
    /// The day the bank collects (DTAUS: the execution date, A11b).
    pub collection_date: NaiveDate,
    pub today: NaiveDate,
    /// TARGET2 business days between today and the earliest collection date (`billing.debit_lead_days`).
    pub lead_days: u32,
    pub creditor: Creditor,
    /// The creation time, `YYYY-MM-DDTHH:MM:SS` in UTC.
    pub now: String,
}

/// A member left out of the batch, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub member: MemberNumber,
    pub reason: String,
    pub open_cents: i64,
    pub invoices: Vec<InvoiceNumber>,
}

/// One debit as the result lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DebitView {
    pub member: MemberNumber,
    pub mandate: String,
    pub sequence_type: SequenceType,
    pub amount: Money,
    pub end_to_end_id: String,
    pub invoices: Vec<InvoiceNumber>,
}

/// What `sepa export` recorded (or, dry, would record).
#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    /// The batch id; `None` when nothing was open.
    pub batch: Option<i64>,
    pub format: DebitFormat,
    pub collection_date: NaiveDate,
    pub message_id: Option<String>,
    pub count: usize,
    pub sum: Money,
    pub sha256: Option<String>,
    pub debits: Vec<DebitView>,
    pub skipped: Vec<Skipped>,
    #[serde(skip)]
    pub file: Vec<u8>,
}

/// The earliest collection date from `today`: `lead_days` TARGET2 business days later.
pub fn earliest_collection(today: NaiveDate, lead_days: u32) -> NaiveDate {
    model::target2_after(today, lead_days.max(1))
}

/// The collection date must be a TARGET2 business day, at least `lead_days` of them after today; a DTAUS
/// execution date (A11b) also at most 15 days after the file's creation, today.
pub fn check_collection_date(format: DebitFormat, date: NaiveDate, today: NaiveDate, lead_days: u32) -> Result<()> {
    let (field, what) = if format == DebitFormat::Dtaus { ("--execution-date", "execution") } else { ("--collection-date", "collection") };
    let earliest = earliest_collection(today, lead_days);
    if date < earliest {
        return Err(Error::invalid(
            field,
            format!("{date} is too early: the earliest {what} date is {earliest} ({} TARGET2 business day(s) after today, {today})", lead_days.max(1)),
        ));
    }
    if !model::is_target2_day(date) {
        return Err(Error::invalid(
            field,
            format!("{date} is a TARGET2 closing day (weekend or holiday); the next business day is {}", model::target2_after(date, 0)),
        ));
    }
    let latest = today + chrono::Days::new(crate::render::dtaus::MAX_DAYS_AHEAD);
    if format == DebitFormat::Dtaus && date > latest {
        return Err(Error::invalid(
            field,
            format!("{date} is too late: a DTAUS execution date is at most 15 days after the file is created, {latest} at the latest"),
        ));
    }
    Ok(())
}

/// One member's debit before it is recorded.
struct Planned {
    mandate: Mandate,
    amount_cents: i64,
    invoices: Vec<InvoiceNumber>,
}

/// Why none of a member's mandates may be used on `date`.
fn no_mandate(mandates: &[Mandate], date: NaiveDate) -> String {
    if mandates.is_empty() {
        return "no mandate".into();
    }
    let each: Vec<String> = mandates.iter().map(|m| format!("mandate {} is {}", m.reference.as_str(), m.status(date))).collect();
    format!("no valid mandate on {date}: {}", each.join(", "))
}

/// A member's open documents without the invoices whose credit note is open too: the pair nets to nothing.
fn without_cancelled(docs: Vec<OpenDocument>) -> Vec<OpenDocument> {
    let corrected: Vec<InvoiceNumber> = docs.iter().filter_map(|d| d.corrects.clone()).collect();
    let paired = |d: &OpenDocument| match &d.corrects {
        Some(c) => docs.iter().any(|o| &o.number == c),
        None => corrected.contains(&d.number),
    };
    docs.iter().filter(|d| !paired(d)).cloned().collect()
}

/// Each member's open documents: a debit, or the reason it is left out (for DTAUS also an account outside
/// Germany, or a holder's name with no letter the file can hold).
fn plan(tx: &Tx, date: NaiveDate, format: DebitFormat) -> Result<(Vec<Planned>, Vec<Skipped>)> {
    let mut by_member: BTreeMap<MemberNumber, Vec<OpenDocument>> = BTreeMap::new();
    for d in rows::open_documents(tx)? {
        by_member.entry(d.member).or_default().push(d);
    }
    // All mandates at once; should one row not validate, each member's are read alone to find whose it is.
    let all: Option<BTreeMap<MemberNumber, Vec<Mandate>>> = mandate::list(tx, None).ok().map(|ms| {
        let mut map: BTreeMap<MemberNumber, Vec<Mandate>> = BTreeMap::new();
        for m in ms {
            map.entry(m.member).or_default().push(m);
        }
        map
    });
    let (mut planned, mut skipped) = (Vec::new(), Vec::new());
    for (member, docs) in by_member {
        let docs = without_cancelled(docs);
        if docs.is_empty() {
            continue;
        }
        let open_cents: i64 = docs.iter().map(|d| if d.kind == InvoiceKind::CreditNote { -d.gross_cents } else { d.gross_cents }).sum();
        let invoices: Vec<InvoiceNumber> = docs.into_iter().map(|d| d.number).collect();
        let skip = |reason: String| Skipped { member, reason, open_cents, invoices: invoices.clone() };
        if open_cents <= 0 {
            skipped.push(skip(format!("the open sum is {}, nothing to collect (credit notes net the invoices)", Money::from_cents(open_cents))));
            continue;
        }
        let mandates = match &all {
            Some(map) => Ok(map.get(&member).cloned().unwrap_or_default()),
            None => mandate::list(tx, Some(member)),
        };
        let mandates = match mandates {
            Ok(ms) => ms,
            Err(e) => {
                skipped.push(skip(format!("the member's bank data does not validate: {e}")));
                continue;
            }
        };
        let valid: Vec<&Mandate> = mandates.iter().filter(|m| m.status(date) == model::MandateStatus::Valid).collect();
        if valid.is_empty() {
            skipped.push(skip(no_mandate(&mandates, date)));
            continue;
        }
        // DTAUS: the first valid mandate whose account the file can hold.
        let unfit = |m: &Mandate| if format == DebitFormat::Dtaus { dtaus::unfit(m) } else { None };
        match valid.iter().find(|m| unfit(m).is_none()) {
            Some(m) => planned.push(Planned { mandate: (*m).clone(), amount_cents: open_cents, invoices }),
            None => skipped.push(skip(unfit(valid[0]).unwrap_or_default())),
        }
    }
    Ok((planned, skipped))
}

/// The remittance text: the member and the numbers of the invoices (and credit notes) the debit collects.
fn remittance(member: MemberNumber, invoices: &[InvoiceNumber]) -> String {
    let numbers: Vec<&str> = invoices.iter().map(|n| n.as_str()).collect();
    let word = if numbers.len() == 1 { "Rechnung" } else { "Rechnungen" };
    format!("Mitglied {member} {word} {}", numbers.join(", "))
}

fn transaction(p: &Planned, batch: i64) -> Transaction {
    let a = &p.mandate.bank_account;
    Transaction {
        end_to_end_id: format!("HS-{batch}-{}", p.mandate.member),
        amount_cents: p.amount_cents,
        sequence_type: p.mandate.sequence_type(),
        mandate_reference: p.mandate.reference.as_str().to_owned(),
        mandate_signed: p.mandate.signed,
        debtor_name: a.holder.as_str().to_owned(),
        iban: a.iban.as_str().to_owned(),
        bic: a.bic.as_ref().map(|b| b.as_str().to_owned()),
        remittance: remittance(p.mandate.member, &p.invoices),
    }
}

/// Records each planned debit with its invoices and its mandate's use; returns them as the result lists them.
fn record_debits(tx: &Tx, batch: i64, date: NaiveDate, planned: Vec<Planned>, transactions: Vec<Transaction>) -> Result<Vec<DebitView>> {
    let mut views = Vec::with_capacity(planned.len());
    for (p, t) in planned.into_iter().zip(transactions) {
        let d = Debit {
            id: 0,
            batch,
            member: p.mandate.member,
            mandate: p.mandate.id,
            sequence_type: t.sequence_type,
            amount_cents: p.amount_cents,
            end_to_end_id: t.end_to_end_id,
            invoices: p.invoices,
        };
        rows::insert_debit(tx, &d)?;
        mandate::record_use(tx, p.mandate.id, date)?;
        views.push(DebitView {
            member: d.member,
            mandate: t.mandate_reference,
            sequence_type: d.sequence_type,
            amount: Money::from_cents(d.amount_cents),
            end_to_end_id: d.end_to_end_id,
            invoices: d.invoices,
        });
    }
    Ok(views)
}

/// Collects every open invoice of the members with a valid mandate in one batch, in the caller's
/// transaction: the batch with the file's bytes, its debits with their invoices, each mandate's use.
pub fn export(tx: &Tx, req: &ExportRequest) -> Result<Exported> {
    check_collection_date(req.format, req.collection_date, req.today, req.lead_days)?;
    if req.format == DebitFormat::Dtaus {
        dtaus::sender(&req.creditor)?;
    }
    let (planned, skipped) = plan(tx, req.collection_date, req.format)?;
    let mut out = Exported {
        batch: None,
        format: req.format,
        collection_date: req.collection_date,
        message_id: None,
        count: planned.len(),
        sum: Money::from_cents(planned.iter().map(|p| p.amount_cents).sum()),
        sha256: None,
        debits: Vec::new(),
        skipped,
        file: Vec::new(),
    };
    if planned.is_empty() {
        return Ok(out);
    }
    let id = rows::next_batch_id(tx)?;
    let message_id = format!("HSADMIN-{}-{id}", req.now.get(..10).unwrap_or_default().replace('-', ""));
    let transactions: Vec<Transaction> = planned.iter().map(|p| transaction(p, id)).collect();
    let message = Message {
        format: req.format,
        message_id: message_id.clone(),
        created_at: req.now.clone(),
        collection_date: req.collection_date,
        creditor: req.creditor.clone(),
        transactions,
    };
    let file = match req.format {
        DebitFormat::Dtaus => dtaus::file(req, id, &planned, &message.transactions)?,
        _ => render::render(&message).expect("pain.008 is XML"),
    };
    let sha256 = crate::model::sha256_hex(&file);
    let batch = Batch {
        id,
        format: req.format,
        collection_date: req.collection_date,
        created_at: req.now.clone(),
        message_id: message_id.clone(),
        count: planned.len() as i64,
        sum_cents: out.sum.cents(),
        sha256: sha256.clone(),
        file,
    };
    rows::insert_batch(tx, &batch)?;
    out.debits = record_debits(tx, id, req.collection_date, planned, message.transactions)?;
    tx.audit("debit_batch", &id.to_string(), "export", None, super::snapshot(&batch))?;
    out.batch = Some(id);
    out.message_id = Some(message_id);
    out.sha256 = Some(sha256);
    out.file = batch.file;
    Ok(out)
}

/// A recorded batch, its file checked against the SHA-256 stored with it.
pub fn batch(tx: &Tx, id: i64) -> Result<Batch> {
    let b = super::found(rows::batch(tx, id)?, || format!("debit batch {id}"))?;
    if crate::model::sha256_hex(&b.file) != b.sha256 {
        return Err(Error::Failed(format!("debit batch {id}: the stored file does not match its SHA-256; the ledger is damaged")));
    }
    Ok(b)
}

/// What `debit return` recorded.
#[derive(Debug, Clone, Serialize)]
pub struct Returned {
    pub batch: i64,
    pub member: MemberNumber,
    pub end_to_end_id: String,
    pub amount: Money,
    pub reason: ReturnReason,
    pub returned: NaiveDate,
    /// The invoices open again.
    pub reopened: Vec<InvoiceNumber>,
}

/// Records that the bank returned a member's debit of a batch: its invoices are open again.
pub fn record_return(tx: &Tx, batch_id: i64, member: MemberNumber, reason: &ReturnReason, date: NaiveDate, today: NaiveDate, now: &str) -> Result<Returned> {
    let b = rows::batch(tx, batch_id)?.ok_or_else(|| Error::invalid("batch", format!("there is no debit batch {batch_id}")))?;
    let d = rows::debit_of(tx, batch_id, member)?.ok_or_else(|| Error::invalid("member", format!("debit batch {batch_id} has no debit of member {member}")))?;
    if date > today {
        return Err(Error::invalid("--date", format!("{date} is after today ({today}): record a return once the bank reports it")));
    }
    let sent = model::date("created_at", b.created_at.get(..10).unwrap_or_default())?;
    if date < sent {
        return Err(Error::invalid("--date", format!("{date} is before debit batch {batch_id} was created ({sent})")));
    }
    if let Some(r) = rows::return_of(tx, d.id)? {
        return Err(Error::Conflict(format!(
            "the debit of member {member} in batch {batch_id} was already returned on {} ({})",
            r.returned,
            r.reason.as_str()
        )));
    }
    let r = Return { debit: d.id, reason: reason.clone(), returned: date, recorded_at: now.to_owned() };
    rows::insert_return(tx, &r)?;
    tx.audit("debit", &d.end_to_end_id, "return", super::snapshot(&d), super::snapshot(&r))?;
    Ok(Returned {
        batch: batch_id,
        member,
        end_to_end_id: d.end_to_end_id,
        amount: Money::from_cents(d.amount_cents),
        reason: r.reason,
        returned: date,
        reopened: d.invoices,
    })
}

/// The member's mandate an invoice issued on `issued` names (the oldest valid one that day), if any; bank
/// data that does not validate counts as none, so the invoice asks for a transfer instead.
pub fn mandate_on(tx: &Tx, member: MemberNumber, issued: &str) -> Result<Option<Mandate>> {
    let Ok(day) = model::date("issue date", issued) else { return Ok(None) };
    Ok(mandate::valid_for(tx, member, day).ok().and_then(|v| v.into_iter().next()))
}
