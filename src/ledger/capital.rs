//! The share and asset ledgers as stored. Rows are only ever inserted (the schema refuses the rest).
use crate::Result;
use crate::model::{AssetTxType, MemberNumber, Money, Reference, ShareTxType};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ShareTx {
    pub id: i64,
    pub member: MemberNumber,
    #[serde(rename = "type")]
    pub kind: ShareTxType,
    pub value_date: String,
    pub share_count: i64,
    pub reference: Reference,
    pub comment: Option<String>,
    pub reverted_tx: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssetTx {
    pub id: i64,
    pub member: MemberNumber,
    #[serde(rename = "type")]
    pub kind: AssetTxType,
    pub value_date: String,
    pub amount: Money,
    pub reference: Reference,
    pub comment: Option<String>,
    pub reverted_tx: Option<i64>,
    /// On an ADOPTION: the TRANSFER it mirrors.
    pub transfer_tx: Option<i64>,
}

const SHARE_COLUMNS: &str = "id, member, type, value_date, share_count, reference, comment, reverted_tx";
const ASSET_COLUMNS: &str = "id, member, type, value_date, amount_cents, reference, comment, reverted_tx, transfer_tx";

fn share_row(r: &Row) -> rusqlite::Result<ShareTx> {
    Ok(ShareTx {
        id: r.get(0)?,
        member: r.get(1)?,
        kind: r.get(2)?,
        value_date: r.get(3)?,
        share_count: r.get(4)?,
        reference: r.get(5)?,
        comment: r.get(6)?,
        reverted_tx: r.get(7)?,
    })
}

fn asset_row(r: &Row) -> rusqlite::Result<AssetTx> {
    Ok(AssetTx {
        id: r.get(0)?,
        member: r.get(1)?,
        kind: r.get(2)?,
        value_date: r.get(3)?,
        amount: Money::from_cents(r.get(4)?),
        reference: r.get(5)?,
        comment: r.get(6)?,
        reverted_tx: r.get(7)?,
        transfer_tx: r.get(8)?,
    })
}

/// Inserts a share movement (its `id` is ignored) and returns it with the id it got.
pub fn insert_share(conn: &Connection, t: &ShareTx) -> Result<ShareTx> {
    conn.execute(
        "INSERT INTO share_tx (member, type, value_date, share_count, reference, comment, reverted_tx) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![t.member, t.kind, t.value_date, t.share_count, t.reference, t.comment, t.reverted_tx],
    )?;
    Ok(ShareTx { id: conn.last_insert_rowid(), ..t.clone() })
}

pub fn insert_asset(conn: &Connection, t: &AssetTx) -> Result<AssetTx> {
    conn.execute(
        "INSERT INTO asset_tx (member, type, value_date, amount_cents, reference, comment, reverted_tx, transfer_tx) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![t.member, t.kind, t.value_date, t.amount.cents(), t.reference, t.comment, t.reverted_tx, t.transfer_tx],
    )?;
    Ok(AssetTx { id: conn.last_insert_rowid(), ..t.clone() })
}

pub fn share(conn: &Connection, id: i64) -> Result<Option<ShareTx>> {
    Ok(conn.query_row(&format!("SELECT {SHARE_COLUMNS} FROM share_tx WHERE id = ?1"), [id], share_row).optional()?)
}

pub fn asset(conn: &Connection, id: i64) -> Result<Option<AssetTx>> {
    Ok(conn.query_row(&format!("SELECT {ASSET_COLUMNS} FROM asset_tx WHERE id = ?1"), [id], asset_row).optional()?)
}

/// The reversal of a movement, if it has one.
pub fn share_reversal_of(conn: &Connection, id: i64) -> Result<Option<ShareTx>> {
    Ok(conn.query_row(&format!("SELECT {SHARE_COLUMNS} FROM share_tx WHERE reverted_tx = ?1"), [id], share_row).optional()?)
}

pub fn asset_reversal_of(conn: &Connection, id: i64) -> Result<Option<AssetTx>> {
    Ok(conn.query_row(&format!("SELECT {ASSET_COLUMNS} FROM asset_tx WHERE reverted_tx = ?1"), [id], asset_row).optional()?)
}

/// The ADOPTION that mirrors a TRANSFER.
pub fn adoption_of(conn: &Connection, transfer: i64) -> Result<Option<AssetTx>> {
    Ok(conn.query_row(&format!("SELECT {ASSET_COLUMNS} FROM asset_tx WHERE transfer_tx = ?1"), [transfer], asset_row).optional()?)
}

/// The first share entry of a member with this reference, if any.
pub fn share_by_reference(conn: &Connection, member: u32, reference: &str) -> Result<Option<ShareTx>> {
    let sql = format!("SELECT {SHARE_COLUMNS} FROM share_tx WHERE member = ?1 AND reference = ?2 ORDER BY id LIMIT 1");
    Ok(conn.query_row(&sql, rusqlite::params![member, reference], share_row).optional()?)
}

/// The first asset entry of a member with this reference, if any.
pub fn asset_by_reference(conn: &Connection, member: u32, reference: &str) -> Result<Option<AssetTx>> {
    let sql = format!("SELECT {ASSET_COLUMNS} FROM asset_tx WHERE member = ?1 AND reference = ?2 ORDER BY id LIMIT 1");
    Ok(conn.query_row(&sql, rusqlite::params![member, reference], asset_row).optional()?)
}

/// A member's share movements in value-date order.
pub fn shares_of(conn: &Connection, member: u32) -> Result<Vec<ShareTx>> {
    let mut stmt = conn.prepare(&format!("SELECT {SHARE_COLUMNS} FROM share_tx WHERE member = ?1 ORDER BY value_date, id"))?;
    Ok(stmt.query_map([member], share_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn assets_of(conn: &Connection, member: u32) -> Result<Vec<AssetTx>> {
    let mut stmt = conn.prepare(&format!("SELECT {ASSET_COLUMNS} FROM asset_tx WHERE member = ?1 ORDER BY value_date, id"))?;
    Ok(stmt.query_map([member], asset_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn share_balance(conn: &Connection, member: u32) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(sum(share_count), 0) FROM share_tx WHERE member = ?1", [member], |r| r.get(0))?)
}

pub fn asset_balance(conn: &Connection, member: u32) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(sum(amount_cents), 0) FROM asset_tx WHERE member = ?1", [member], |r| r.get(0))?)
}
