//! Invoices and credit notes as stored: append-only, numbered in their own transaction.
use crate::Result;
use crate::model::{BillingMonth, InvoiceKind, InvoiceNumber, LineKind, MemberNumber, Money, NumberFormat, Unit, VatCase, VatCategory};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

/// One side of an invoice as it was when the invoice was issued (the seller from `[billing]`, the buyer
/// from the member): name, postal address, tax ids and where to reach them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub street: Option<String>,
    pub zipcode: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub vat_id: Option<String>,
    /// The seller's Steuernummer (the buyer has none on an invoice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_number: Option<String>,
    /// The seller's bank account for credit transfers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<String>,
    /// The seller's SEPA creditor id (direct debits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_id: Option<String>,
    /// Lines of legal text the seller prints in the footer (register, board).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal: Vec<String>,
}

/// An issued invoice or credit note with its lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Invoice {
    pub number: InvoiceNumber,
    pub kind: InvoiceKind,
    pub member: MemberNumber,
    pub period: BillingMonth,
    pub issued: String,
    pub due: String,
    /// The invoice a credit note cancels.
    pub corrects: Option<InvoiceNumber>,
    /// The credit note that cancelled this invoice, if any (read, not stored in the row).
    pub cancelled_by: Option<InvoiceNumber>,
    pub vat_case: VatCase,
    pub buyer: Party,
    pub seller: Party,
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
    pub created_at: String,
    pub lines: Vec<Line>,
}

/// One invoice line: `quantity × unit_price ÷ base_quantity`, rounded to the cent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub pos: i64,
    pub kind: LineKind,
    pub product: String,
    pub package: Option<String>,
    pub domain: Option<String>,
    pub description: String,
    pub service_from: String,
    pub service_to: String,
    pub quantity: i64,
    pub unit: Unit,
    pub unit_price: Money,
    pub base_quantity: i64,
    pub net: Money,
    pub vat_category: VatCategory,
    pub vat_rate_bp: i64,
}

/// The VAT breakdown of an invoice: one entry per category and rate (BG-23), basis and tax rounded once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VatBreakdown {
    pub category: VatCategory,
    pub rate_bp: i64,
    pub basis: Money,
    pub tax: Money,
}

impl Invoice {
    /// The VAT breakdown, in the order categories first appear in the lines.
    pub fn breakdown(&self) -> Vec<VatBreakdown> {
        breakdown(&self.lines)
    }

    /// Whether a credit note cancels this invoice.
    pub fn status(&self) -> &'static str {
        match (self.kind, &self.cancelled_by) {
            (InvoiceKind::CreditNote, _) => "credit-note",
            (_, Some(_)) => "cancelled",
            _ => "issued",
        }
    }
}

/// Σ line nets per VAT category and rate, with the tax rounded once per group (EN 16931 BR-CO-17).
pub fn breakdown(lines: &[Line]) -> Vec<VatBreakdown> {
    let mut out: Vec<VatBreakdown> = Vec::new();
    for l in lines {
        match out.iter_mut().find(|b| b.category == l.vat_category && b.rate_bp == l.vat_rate_bp) {
            Some(b) => b.basis = Money::from_cents(b.basis.cents() + l.net.cents()),
            None => out.push(VatBreakdown { category: l.vat_category, rate_bp: l.vat_rate_bp, basis: l.net, tax: Money::default() }),
        }
    }
    for b in &mut out {
        b.tax = Money::from_cents(crate::model::vat_of(b.basis.cents(), b.rate_bp));
    }
    out
}

/// What an invoice is before it is issued: everything but its number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub kind: InvoiceKind,
    pub member: MemberNumber,
    pub period: BillingMonth,
    pub issued: String,
    pub due: String,
    pub corrects: Option<InvoiceNumber>,
    pub vat_case: VatCase,
    pub buyer: Party,
    pub seller: Party,
    pub lines: Vec<Line>,
}

/// Issues a draft inside the caller's transaction: allocates the next number of the issue year's series
/// (never reused: the `sequence` counter only goes up, and a rolled-back transaction hands out nothing),
/// stores the invoice with its totals and lines, and returns it.
pub fn issue(conn: &Connection, format: &NumberFormat, draft: Draft, created_at: &str) -> Result<Invoice> {
    let year: i32 = draft.issued[..4].parse().map_err(|_| crate::Error::invalid("issue date", format!("{} is not a date", draft.issued)))?;
    let series = NumberFormat::series(year);
    let seq = super::next_in_sequence(conn, &series, 1)?;
    let number = format.number(year, seq);
    let breakdown = breakdown(&draft.lines);
    let net: i64 = draft.lines.iter().map(|l| l.net.cents()).sum();
    let vat: i64 = breakdown.iter().map(|b| b.tax.cents()).sum();
    let mut insert = conn.prepare_cached(
        "INSERT INTO invoice (number, series, seq, kind, member, period, issued, due, corrects, vat_case, buyer, seller, net_cents, vat_cents, gross_cents, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    insert.execute(params![
        number,
        series,
        seq,
        draft.kind,
        draft.member,
        draft.period,
        draft.issued,
        draft.due,
        draft.corrects,
        draft.vat_case,
        serde_json::to_string(&draft.buyer).expect("a party serialises"),
        serde_json::to_string(&draft.seller).expect("a party serialises"),
        net,
        vat,
        net + vat,
        created_at
    ])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO invoice_line (invoice, pos, kind, product, package, domain, description, service_from, service_to, quantity, unit,
         unit_price_cents, base_quantity, net_cents, vat_category, vat_rate_bp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    for l in &draft.lines {
        stmt.execute(params![
            number,
            l.pos,
            l.kind,
            l.product,
            l.package,
            l.domain,
            l.description,
            l.service_from,
            l.service_to,
            l.quantity,
            l.unit,
            l.unit_price.cents(),
            l.base_quantity,
            l.net.cents(),
            l.vat_category,
            l.vat_rate_bp
        ])?;
    }
    Ok(Invoice {
        number,
        kind: draft.kind,
        member: draft.member,
        period: draft.period,
        issued: draft.issued,
        due: draft.due,
        corrects: draft.corrects,
        cancelled_by: None,
        vat_case: draft.vat_case,
        buyer: draft.buyer,
        seller: draft.seller,
        net: Money::from_cents(net),
        vat: Money::from_cents(vat),
        gross: Money::from_cents(net + vat),
        created_at: created_at.to_owned(),
        lines: draft.lines,
    })
}

const COLUMNS: &str = "i.number, i.kind, i.member, i.period, i.issued, i.due, i.corrects, i.vat_case, i.buyer, i.seller, i.net_cents, i.vat_cents,
    i.gross_cents, i.created_at, (SELECT c.number FROM invoice c WHERE c.corrects = i.number)";

fn from_row(r: &Row) -> rusqlite::Result<Invoice> {
    let party = |i| {
        let s: String = r.get(i)?;
        serde_json::from_str::<Party>(&s).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
    };
    Ok(Invoice {
        number: r.get(0)?,
        kind: r.get(1)?,
        member: r.get(2)?,
        period: r.get(3)?,
        issued: r.get(4)?,
        due: r.get(5)?,
        corrects: r.get(6)?,
        vat_case: r.get(7)?,
        buyer: party(8)?,
        seller: party(9)?,
        net: Money::from_cents(r.get(10)?),
        vat: Money::from_cents(r.get(11)?),
        gross: Money::from_cents(r.get(12)?),
        created_at: r.get(13)?,
        cancelled_by: r.get(14)?,
        lines: Vec::new(),
    })
}

fn line_row(r: &Row) -> rusqlite::Result<Line> {
    Ok(Line {
        pos: r.get(0)?,
        kind: r.get(1)?,
        product: r.get(2)?,
        package: r.get(3)?,
        domain: r.get(4)?,
        description: r.get(5)?,
        service_from: r.get(6)?,
        service_to: r.get(7)?,
        quantity: r.get(8)?,
        unit: r.get(9)?,
        unit_price: Money::from_cents(r.get(10)?),
        base_quantity: r.get(11)?,
        net: Money::from_cents(r.get(12)?),
        vat_category: r.get(13)?,
        vat_rate_bp: r.get(14)?,
    })
}

fn with_lines(conn: &Connection, mut inv: Invoice) -> Result<Invoice> {
    let mut stmt = conn.prepare_cached(
        "SELECT pos, kind, product, package, domain, description, service_from, service_to, quantity, unit, unit_price_cents, base_quantity,
         net_cents, vat_category, vat_rate_bp FROM invoice_line WHERE invoice = ?1 ORDER BY pos",
    )?;
    inv.lines = stmt.query_map([inv.number.as_str()], line_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(inv)
}

/// One invoice or credit note with its lines.
pub fn get(conn: &Connection, number: &str) -> Result<Option<Invoice>> {
    let inv = conn.query_row(&format!("SELECT {COLUMNS} FROM invoice i WHERE i.number = ?1"), [number], from_row).optional()?;
    inv.map(|i| with_lines(conn, i)).transpose()
}

/// Which invoices a list shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub period: Option<BillingMonth>,
    pub member: Option<MemberNumber>,
    /// `issued`, `cancelled` or `credit-note`.
    pub status: Option<String>,
}

/// Invoices and credit notes in order of issue (series, then number in the series), with their lines.
pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Invoice>> {
    let mut stmt = conn
        .prepare(&format!("SELECT {COLUMNS} FROM invoice i WHERE (?1 IS NULL OR i.period = ?1) AND (?2 IS NULL OR i.member = ?2) ORDER BY i.series, i.seq"))?;
    let rows: Vec<Invoice> = stmt.query_map(params![filter.period, filter.member], from_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().filter(|i| filter.status.as_deref().is_none_or(|s| i.status() == s)).map(|i| with_lines(conn, i)).collect()
}

/// The member's invoice for the period that no credit note cancels, if there is one.
pub fn current(conn: &Connection, member: MemberNumber, period: BillingMonth) -> Result<Option<InvoiceNumber>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.number FROM invoice o WHERE o.member = ?1 AND o.period = ?2 AND o.kind = 'invoice'
         AND NOT EXISTS (SELECT 1 FROM invoice c WHERE c.corrects = o.number)",
    )?;
    Ok(stmt.query_row(params![member, period], |r| r.get(0)).optional()?)
}
