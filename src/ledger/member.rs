//! Members as stored.
use super::{Sort, SortKey, flag};
use crate::Result;
use crate::model::{Email, MemberKind, MemberNumber, MemberStatus, Phone, Prefix, TextField, VatCountry, VatId};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Member {
    pub number: MemberNumber,
    pub prefix: Prefix,
    pub name: String,
    pub kind: MemberKind,
    pub email: Email,
    pub phone: Option<Phone>,
    pub street: Option<String>,
    pub zipcode: Option<String>,
    pub city: Option<String>,
    pub country: Option<VatCountry>,
    pub vat_id: Option<VatId>,
    pub vat_country: Option<VatCountry>,
    pub vat_reverse_charge: bool,
    pub since: String,
    pub until: Option<String>,
    pub status: MemberStatus,
    pub fee_billable: bool,
    pub billable: bool,
}

const COLUMNS: &str = "number, prefix, name, kind, email, phone, street, zipcode, city, country, vat_id, vat_country, vat_reverse_charge, since, until, status, fee_billable, billable";

fn from_row(r: &Row) -> rusqlite::Result<Member> {
    Ok(Member {
        number: r.get(0)?,
        prefix: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        email: r.get(4)?,
        phone: r.get(5)?,
        street: r.get(6)?,
        zipcode: r.get(7)?,
        city: r.get(8)?,
        country: r.get(9)?,
        vat_id: r.get(10)?,
        vat_country: r.get(11)?,
        vat_reverse_charge: r.get(12)?,
        since: r.get(13)?,
        until: r.get(14)?,
        status: r.get(15)?,
        fee_billable: r.get(16)?,
        billable: r.get(17)?,
    })
}

pub fn insert(conn: &Connection, m: &Member) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO member ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"),
        params![
            m.number,
            m.prefix,
            m.name,
            m.kind,
            m.email,
            m.phone,
            m.street,
            m.zipcode,
            m.city,
            m.country,
            m.vat_id,
            m.vat_country,
            flag(m.vat_reverse_charge),
            m.since,
            m.until,
            m.status,
            flag(m.fee_billable),
            flag(m.billable)
        ],
    )?;
    Ok(())
}

/// Writes every column but the number (which never changes).
pub fn update(conn: &Connection, m: &Member) -> Result<()> {
    conn.execute(
        "UPDATE member SET prefix = ?2, name = ?3, kind = ?4, email = ?5, phone = ?6, street = ?7, zipcode = ?8, city = ?9, country = ?10,
         vat_id = ?11, vat_country = ?12, vat_reverse_charge = ?13, since = ?14, until = ?15, status = ?16, fee_billable = ?17, billable = ?18
         WHERE number = ?1",
        params![
            m.number,
            m.prefix,
            m.name,
            m.kind,
            m.email,
            m.phone,
            m.street,
            m.zipcode,
            m.city,
            m.country,
            m.vat_id,
            m.vat_country,
            flag(m.vat_reverse_charge),
            m.since,
            m.until,
            m.status,
            flag(m.fee_billable),
            flag(m.billable)
        ],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, number: u32) -> Result<Option<Member>> {
    Ok(conn.prepare_cached(&format!("SELECT {COLUMNS} FROM member WHERE number = ?1"))?.query_row([number], from_row).optional()?)
}

pub fn by_prefix(conn: &Connection, prefix: &str) -> Result<Option<Member>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM member WHERE prefix = ?1"), [prefix], from_row).optional()?)
}

/// What `member list` keeps; `None` keeps every member.
#[derive(Debug, Default)]
pub struct Filter {
    /// Part of the name, in any case.
    pub name: Option<TextField>,
    pub status: Option<MemberStatus>,
    /// Members since this day or later.
    pub since: Option<chrono::NaiveDate>,
}

/// The columns of `member list`, the first being its key.
pub const SORT: &[SortKey] = &[
    SortKey { name: "number", sql: "number" },
    SortKey { name: "prefix", sql: "prefix" },
    SortKey { name: "name", sql: "casefold(name)" },
    SortKey { name: "email", sql: "casefold(email)" },
    SortKey { name: "since", sql: "since" },
    SortKey { name: "until", sql: "until" },
    SortKey { name: "status", sql: "status" },
];

pub fn list(conn: &Connection, f: &Filter, sort: Sort) -> Result<Vec<Member>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM member
         WHERE (?1 IS NULL OR instr(casefold(name), casefold(?1)) > 0) AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR since >= ?3)
         ORDER BY {}",
        sort.order_by("number")
    ))?;
    let rows = stmt.query_map(params![f.name.as_ref().map(TextField::as_str), f.status, f.since.map(|d| d.to_string())], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The members billed for a period from `first` to `last` (`YYYY-MM-DD`): billable, joined by `last` and not
/// gone before `first`; by number.
pub fn billable_in(conn: &Connection, first: &str, last: &str) -> Result<Vec<MemberNumber>> {
    let mut stmt = conn.prepare("SELECT number FROM member WHERE billable = 1 AND since <= ?2 AND (until IS NULL OR until >= ?1) ORDER BY number")?;
    Ok(stmt.query_map(params![first, last], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}
