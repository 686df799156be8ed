//! Invoices: `generate` issues one per billable member and month, exactly once, each in its own write
//! transaction (its number allocated in it); `cancel` issues a credit note; `list` and `show` read them.
//! The billing rules themselves are the pure [`draft`] module.
pub mod draft;

use super::{found, snapshot};
use crate::config::BillingConfig;
use crate::ledger::invoice::{self as rows, Draft, Filter, Invoice, Party, VatBreakdown};
use crate::ledger::{Ledger, Tx, catalog, domain, member, package, usage};
use crate::model::{BillingMonth, InvoiceKind, InvoiceNumber, MemberNumber, Money, NumberFormat};
use crate::{Error, Result};
use chrono::NaiveDate;
use draft::{PackageRows, Rows, Terms};
use serde::Serialize;

/// An invoice as `show` and `list` give it: with where it stands and its VAT breakdown.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    #[serde(flatten)]
    pub invoice: Invoice,
    /// `issued`, `cancelled` (a credit note cancels it) or `credit-note`.
    pub status: &'static str,
    pub breakdown: Vec<VatBreakdown>,
}

impl Shown {
    pub fn of(invoice: Invoice) -> Self {
        Self { status: invoice.status(), breakdown: invoice.breakdown(), invoice }
    }
}

/// What `invoice generate` is asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    pub period: BillingMonth,
    /// Only this member (else every billable member of the period).
    pub member: Option<MemberNumber>,
    pub issued: NaiveDate,
    pub dry_run: bool,
}

/// A member whose invoice for the period exists already.
#[derive(Debug, Clone, Serialize)]
pub struct AlreadyInvoiced {
    pub member: MemberNumber,
    pub number: InvoiceNumber,
}

/// A member who got no invoice, and why.
#[derive(Debug, Clone, Serialize)]
pub struct NotBilled {
    pub member: MemberNumber,
    pub reason: String,
}

/// What a run issued, what it found issued before, whom it did not bill, and what it warns about.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    pub period: BillingMonth,
    /// A dry run: what it shows was rolled back, the numbers were not handed out.
    pub dry_run: bool,
    pub issued: Vec<Shown>,
    pub already_invoiced: Vec<AlreadyInvoiced>,
    pub not_billed: Vec<NotBilled>,
    pub warnings: Vec<String>,
}

impl Generated {
    /// Σ gross of what the run issued.
    pub fn gross(&self) -> Money {
        Money::from_cents(self.issued.iter().map(|s| s.invoice.gross.cents()).sum())
    }
}

/// One member's outcome.
enum Outcome {
    Issued(Box<Invoice>),
    Already(InvoiceNumber),
    NotBilled(String),
}

/// What every invoice of a run shares.
struct Run {
    format: NumberFormat,
    seller: Party,
    terms_days: u32,
    period: BillingMonth,
    issued: NaiveDate,
    now: String,
}

/// The timestamp an invoice records as its creation.
fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// The seller as every invoice keeps it, from `[billing]`.
pub fn seller(b: &BillingConfig) -> Party {
    let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    Party {
        name: b.name.clone(),
        street: text(&b.street),
        zipcode: text(&b.zipcode),
        city: text(&b.city),
        country: text(&b.country),
        email: text(&b.email),
        phone: b.phone.clone(),
        vat_id: b.vat_id.clone(),
        tax_number: b.tax_number.clone(),
        iban: b.iban.clone(),
        bic: b.bic.clone(),
        bank: b.bank.clone(),
        creditor_id: b.creditor_id.clone(),
        legal: b.legal.clone(),
    }
}

/// Refuses a run the configuration or the dates make impossible, before anything is read or written.
fn check(billing: &BillingConfig, req: &Request) -> Result<()> {
    if let Some(missing) = billing.missing() {
        return Err(Error::invalid("billing", format!("the seller is incomplete: set {missing} in [billing] of hsadmin.toml")));
    }
    if req.issued < req.period.first_day() {
        return Err(Error::invalid("date", format!("the issue date {} is before the period {} begins", req.issued, req.period)));
    }
    Ok(())
}

/// `invoice generate`: for each billable member of the period (or the one asked for) one write
/// transaction: skip it when it has its invoice, else build the draft, issue it (the number comes from
/// the issue year's series in the same transaction) and write the audit row. A process killed at any point
/// leaves whole invoices or none; running it again finishes the rest. `--dry-run` runs everything in one
/// transaction that is rolled back, so it hands out no number.
pub fn generate(ledger: &mut Ledger, billing: &BillingConfig, req: &Request) -> Result<Generated> {
    check(billing, req)?;
    let members = ledger.read(|tx| candidates(tx, req))?;
    let run =
        Run { format: billing.numbers(), seller: seller(billing), terms_days: billing.payment_terms_days, period: req.period, issued: req.issued, now: now() };
    let mut out =
        Generated { period: req.period, dry_run: req.dry_run, issued: Vec::new(), already_invoiced: Vec::new(), not_billed: Vec::new(), warnings: Vec::new() };
    if req.dry_run {
        ledger.write(true, |tx| members.iter().try_for_each(|&m| one(tx, &run, m).map(|o| out.add(m, o))))?;
    } else {
        for &m in &members {
            let o = ledger.write(false, |tx| one(tx, &run, m))?;
            out.add(m, o);
        }
    }
    Ok(out)
}

impl Generated {
    fn add(&mut self, member: MemberNumber, (outcome, warnings): (Outcome, Vec<String>)) {
        match outcome {
            Outcome::Issued(inv) => self.issued.push(Shown::of(*inv)),
            Outcome::Already(number) => self.already_invoiced.push(AlreadyInvoiced { member, number }),
            Outcome::NotBilled(reason) => self.not_billed.push(NotBilled { member, reason }),
        }
        for w in warnings {
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
    }
}

/// The members a run looks at: the one asked for (which must exist), or every billable member of the period.
fn candidates(tx: &Tx, req: &Request) -> Result<Vec<MemberNumber>> {
    match req.member {
        Some(n) if member::get(tx, n.get())?.is_none() => Err(Error::invalid("member", format!("there is no member {n}"))),
        Some(n) => Ok(vec![n]),
        None => member::billable_in(tx, &req.period.first_day().to_string(), &req.period.last_day().to_string()),
    }
}

/// One member's invoice, inside the caller's transaction.
fn one(tx: &Tx, run: &Run, number: MemberNumber) -> Result<(Outcome, Vec<String>)> {
    if let Some(n) = rows::current(tx, number, run.period)? {
        return Ok((Outcome::Already(n), Vec::new()));
    }
    let m = found(member::get(tx, number.get())?, || format!("member {number}"))?;
    if let Some(reason) = draft::not_billed(&m, run.period) {
        return Ok((Outcome::NotBilled(reason), Vec::new()));
    }
    let terms = Terms { period: run.period, issued: run.issued, payment_terms_days: run.terms_days, seller: run.seller.clone() };
    let built = draft::draft(&read_rows(tx, m, run.period)?, &terms)?;
    let Some(d) = built.draft else {
        return Ok((Outcome::NotBilled("nothing to bill".into()), built.warnings));
    };
    let inv = rows::issue(tx, &run.format, d, &run.now)?;
    tx.audit("invoice", inv.number.as_str(), "issue", None, snapshot(&inv))?;
    Ok((Outcome::Issued(Box::new(inv)), built.warnings))
}

/// Everything the rules need of one member and month.
fn read_rows(tx: &Tx, m: crate::ledger::member::Member, period: BillingMonth) -> Result<Rows> {
    let (first, last) = (period.first_day().to_string(), period.last_day().to_string());
    let mut packages = Vec::new();
    for p in package::active_in(tx, m.number.get(), &first, &last)? {
        let span = draft::active(period, &p.valid_from, p.valid_to.as_deref())?.filter(|_| !p.free);
        let (domains, peak_disk_kb, bytes_out) = match span {
            None => (Vec::new(), None, 0),
            Some(s) => {
                let (from, to) = (s.from.to_string(), s.to.to_string());
                let name = p.name.as_str();
                (domain::of_package(tx, name)?, usage::peak_disk_kb(tx, name, &from, &to)?, usage::package_bytes_out(tx, name, &from, &to)?)
            }
        };
        packages.push(PackageRows { package: p, domains, peak_disk_kb, bytes_out });
    }
    Ok(Rows { member: m, packages, products: catalog::products(tx)?, prices: catalog::prices(tx)? })
}

/// `invoice cancel`: a credit note with its own number (the issue year's series) that repeats the
/// invoice's lines and references it. A credit note, or an invoice cancelled before, is a conflict.
pub fn cancel(tx: &Tx, format: &NumberFormat, number: &InvoiceNumber, date: NaiveDate) -> Result<Shown> {
    let original = found(rows::get(tx, number.as_str())?, || format!("invoice {number}"))?;
    if original.kind == InvoiceKind::CreditNote {
        let corrects = original.corrects.as_ref().map(ToString::to_string).unwrap_or_default();
        return Err(Error::Conflict(format!("{number} is a credit note (it cancels invoice {corrects}); a credit note cannot be cancelled")));
    }
    if let Some(c) = &original.cancelled_by {
        return Err(Error::Conflict(format!("invoice {number} is already cancelled by credit note {c}")));
    }
    if date.to_string() < original.issued {
        return Err(Error::invalid("date", format!("{date} is before invoice {number} was issued ({})", original.issued)));
    }
    let (issued, due) = (draft_date(&original.issued)?, draft_date(&original.due)?);
    let d = Draft {
        kind: InvoiceKind::CreditNote,
        member: original.member,
        period: original.period,
        issued: date.to_string(),
        due: (date + (due - issued)).to_string(),
        corrects: Some(original.number.clone()),
        vat_case: original.vat_case,
        buyer: original.buyer.clone(),
        seller: original.seller.clone(),
        lines: original.lines.clone(),
    };
    let credit = rows::issue(tx, format, d, &now())?;
    tx.audit("invoice", credit.number.as_str(), "cancel", None, snapshot(&credit))?;
    Ok(Shown::of(credit))
}

fn draft_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Error::Failed(format!("the ledger holds {s:?} where a date belongs")))
}

/// `invoice show`.
pub fn show(tx: &Tx, number: &InvoiceNumber) -> Result<Shown> {
    found(rows::get(tx, number.as_str())?, || format!("invoice {number}")).map(Shown::of)
}

/// `invoice list`: in order of issue.
pub fn list(tx: &Tx, filter: &Filter) -> Result<Vec<Shown>> {
    Ok(rows::list(tx, filter)?.into_iter().map(Shown::of).collect())
}
