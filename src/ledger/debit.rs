//! Direct-debit batches as stored: the file sent to the bank (its exact bytes), one debit per member in it,
//! the invoices each debit collects, and returns. Append-only; an invoice is open while no debit that was
//! not returned collects it (the `debit_invoice_once` trigger refuses a second collection).
use crate::Result;
use crate::model::{DebitFormat, InvoiceKind, InvoiceNumber, MemberNumber, ReturnReason, SequenceType};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// An invoice or credit note no debit collects yet (or whose debits were all returned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDocument {
    pub member: MemberNumber,
    pub number: InvoiceNumber,
    pub kind: InvoiceKind,
    pub issued: String,
    pub gross_cents: i64,
    /// The invoice a credit note cancels.
    pub corrects: Option<InvoiceNumber>,
}

/// Every open invoice and credit note, by member and in order of issue.
pub fn open_documents(conn: &Connection) -> Result<Vec<OpenDocument>> {
    let mut stmt = conn.prepare(
        "SELECT i.member, i.number, i.kind, i.issued, i.gross_cents, i.corrects FROM invoice i
         WHERE NOT EXISTS (SELECT 1 FROM debit_invoice di WHERE di.invoice = i.number
                           AND NOT EXISTS (SELECT 1 FROM debit_return r WHERE r.debit = di.debit))
         ORDER BY i.member, i.series, i.seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(OpenDocument { member: r.get(0)?, number: r.get(1)?, kind: r.get(2)?, issued: r.get(3)?, gross_cents: r.get(4)?, corrects: r.get(5)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A batch as recorded: what the bank got.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Batch {
    pub id: i64,
    pub format: DebitFormat,
    pub collection_date: NaiveDate,
    pub created_at: String,
    pub message_id: String,
    pub count: i64,
    pub sum_cents: i64,
    pub sha256: String,
    #[serde(skip)]
    pub file: Vec<u8>,
}

/// One debit of a batch, with the invoices it collects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debit {
    pub id: i64,
    pub batch: i64,
    pub member: MemberNumber,
    pub mandate: i64,
    pub sequence_type: SequenceType,
    pub amount_cents: i64,
    pub end_to_end_id: String,
    pub invoices: Vec<InvoiceNumber>,
}

/// The batch counter: ids are allocated before the file (which names its batch) is rendered, in the same
/// transaction, and never handed out twice.
pub fn next_batch_id(conn: &Connection) -> Result<i64> {
    let floor: i64 = conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM debit_batch", [], |r| r.get(0))?;
    super::next_in_sequence(conn, "debit_batch", floor)
}

pub fn insert_batch(conn: &Connection, b: &Batch) -> Result<()> {
    conn.execute(
        "INSERT INTO debit_batch (id, format, collection_date, created_at, message_id, count, sum_cents, sha256, file)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![b.id, b.format, b.collection_date.to_string(), b.created_at, b.message_id, b.count, b.sum_cents, b.sha256, b.file],
    )?;
    Ok(())
}

/// Records a debit and the invoices it collects; returns its id.
pub fn insert_debit(conn: &Connection, d: &Debit) -> Result<i64> {
    conn.prepare_cached("INSERT INTO debit (batch, member, mandate, sequence_type, amount_cents, end_to_end_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![d.batch, d.member, d.mandate, d.sequence_type, d.amount_cents, d.end_to_end_id])?;
    let id = conn.last_insert_rowid();
    let mut link = conn.prepare_cached("INSERT INTO debit_invoice (debit, invoice) VALUES (?1, ?2)")?;
    for n in &d.invoices {
        link.execute(params![id, n])?;
    }
    Ok(id)
}

pub fn batch(conn: &Connection, id: i64) -> Result<Option<Batch>> {
    let row = conn
        .query_row("SELECT id, format, collection_date, created_at, message_id, count, sum_cents, sha256, file FROM debit_batch WHERE id = ?1", [id], |r| {
            Ok(Batch {
                id: r.get(0)?,
                format: r.get(1)?,
                collection_date: super::bank::day(r, 2)?,
                created_at: r.get(3)?,
                message_id: r.get(4)?,
                count: r.get(5)?,
                sum_cents: r.get(6)?,
                sha256: r.get(7)?,
                file: r.get(8)?,
            })
        })
        .optional()?;
    Ok(row)
}

/// The debit of a member in a batch, with its invoices.
pub fn debit_of(conn: &Connection, batch: i64, member: MemberNumber) -> Result<Option<Debit>> {
    let d = conn
        .query_row(
            "SELECT id, batch, member, mandate, sequence_type, amount_cents, end_to_end_id FROM debit WHERE batch = ?1 AND member = ?2",
            params![batch, member],
            |r| {
                Ok(Debit {
                    id: r.get(0)?,
                    batch: r.get(1)?,
                    member: r.get(2)?,
                    mandate: r.get(3)?,
                    sequence_type: r.get(4)?,
                    amount_cents: r.get(5)?,
                    end_to_end_id: r.get(6)?,
                    invoices: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut d) = d else { return Ok(None) };
    let mut stmt = conn.prepare("SELECT invoice FROM debit_invoice WHERE debit = ?1 ORDER BY invoice")?;
    d.invoices = stmt.query_map([d.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(Some(d))
}

/// A recorded return of a debit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Return {
    pub debit: i64,
    pub reason: ReturnReason,
    pub returned: NaiveDate,
    pub recorded_at: String,
}

pub fn return_of(conn: &Connection, debit: i64) -> Result<Option<Return>> {
    let r = conn
        .query_row("SELECT debit, reason, returned, recorded_at FROM debit_return WHERE debit = ?1", [debit], |r| {
            Ok(Return { debit: r.get(0)?, reason: r.get(1)?, returned: super::bank::day(r, 2)?, recorded_at: r.get(3)? })
        })
        .optional()?;
    Ok(r)
}

pub fn insert_return(conn: &Connection, r: &Return) -> Result<()> {
    conn.execute(
        "INSERT INTO debit_return (debit, reason, returned, recorded_at) VALUES (?1, ?2, ?3, ?4)",
        params![r.debit, r.reason, r.returned.to_string(), r.recorded_at],
    )?;
    Ok(())
}
