//! Members' bank accounts as stored. A row is never deleted: removing an account records the day, because
//! mandates and debits keep naming it (the schema refuses every other change).
use crate::Result;
use crate::model::{Bic, Holder, Iban, MemberNumber};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BankAccount {
    pub id: i64,
    pub member: MemberNumber,
    pub iban: Iban,
    pub bic: Option<Bic>,
    pub holder: Holder,
    pub added: NaiveDate,
    pub removed: Option<NaiveDate>,
}

impl BankAccount {
    /// Whether the account is still in use on `date` (not removed on or before it).
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.removed.is_none_or(|r| r > date)
    }
}

pub(crate) const COLUMNS: &str = "a.id, a.member, a.iban, a.bic, a.holder, a.added, a.removed";

/// A date column (`YYYY-MM-DD`), validated as it is read.
pub(crate) fn day(r: &Row, i: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = r.get(i)?;
    crate::model::date("date in the ledger", &text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

/// A date column that may be NULL.
pub(crate) fn opt_day(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => day(r, i).map(Some),
    }
}

/// The account in the columns starting at `at` (as [`COLUMNS`] lists them).
pub(crate) fn row_at(r: &Row, at: usize) -> rusqlite::Result<BankAccount> {
    Ok(BankAccount {
        id: r.get(at)?,
        member: r.get(at + 1)?,
        iban: r.get(at + 2)?,
        bic: r.get(at + 3)?,
        holder: r.get(at + 4)?,
        added: day(r, at + 5)?,
        removed: opt_day(r, at + 6)?,
    })
}

fn from_row(r: &Row) -> rusqlite::Result<BankAccount> {
    row_at(r, 0)
}

pub fn insert(conn: &Connection, member: MemberNumber, iban: &Iban, bic: Option<&Bic>, holder: &Holder, added: NaiveDate) -> Result<BankAccount> {
    conn.execute(
        "INSERT INTO bank_account (member, iban, bic, holder, added) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![member, iban, bic, holder, added.to_string()],
    )?;
    let id = conn.last_insert_rowid();
    Ok(BankAccount { id, member, iban: iban.clone(), bic: bic.cloned(), holder: holder.clone(), added, removed: None })
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<BankAccount>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM bank_account a WHERE a.id = ?1"), [id], from_row).optional()?)
}

/// The accounts of one member, or of all, in member and id order; removed ones only with `removed`.
pub fn list(conn: &Connection, member: Option<MemberNumber>, removed: bool) -> Result<Vec<BankAccount>> {
    let mut stmt = conn
        .prepare(&format!("SELECT {COLUMNS} FROM bank_account a WHERE (?1 IS NULL OR a.member = ?1) AND (?2 OR a.removed IS NULL) ORDER BY a.member, a.id"))?;
    Ok(stmt.query_map(params![member, removed], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Records the removal of an account on `date`.
pub fn mark_removed(conn: &Connection, id: i64, date: NaiveDate) -> Result<()> {
    conn.execute("UPDATE bank_account SET removed = ?2 WHERE id = ?1 AND removed IS NULL", params![id, date.to_string()])?;
    Ok(())
}
