//! `hsadmin invoice generate|list|show|cancel|render|export`: the monthly invoices, credit notes, their
//! documents (PDF, XRechnung, text) and the accounting export (DATEV, Lexware).
mod export;
mod render;

use super::{Ctx, opt};
use crate::ledger::invoice::{Filter, Line};
use crate::model::{self, BillingMonth, InvoiceNumber, MemberNumber, Money};
use crate::ops::invoice::{self as ops, Generated, Request, Shown};
use crate::output::{Render, table};
use crate::{Error, Result};

#[derive(Debug, clap::Subcommand)]
pub enum InvoiceCommand {
    /// Issue the invoices of a month: one per billable member, exactly once (a re-run adds nothing)
    Generate(GenerateArgs),
    /// List invoices and credit notes in order of issue
    List(ListArgs),
    /// Show one invoice or credit note with its lines and VAT breakdown
    Show(ShowArgs),
    /// Cancel an invoice by a credit note with its own number (nothing is ever edited or deleted)
    Cancel(CancelArgs),
    /// Write an invoice as PDF, XRechnung (CII XML) or text
    Render(render::RenderArgs),
    /// Write a month's invoices and credit notes as bookings for DATEV or Lexware
    Export(export::ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The month to invoice (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    period: String,
    /// Only this member
    #[arg(long, value_name = "NUMBER", add = super::complete::member())]
    member: Option<String>,
    /// The issue date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Compute and show the invoices, commit nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only invoices for this month (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    period: Option<String>,
    /// Only this member's
    #[arg(long, value_name = "NUMBER", add = super::complete::member())]
    member: Option<String>,
    /// Only invoices in this state
    #[arg(long, value_parser = super::choices(["issued", "cancelled", "credit-note"]))]
    status: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The invoice number, e.g. 2026-00001
    number: String,
}

#[derive(Debug, clap::Args)]
pub struct CancelArgs {
    /// The invoice to cancel
    number: String,
    /// The credit note's issue date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Show the credit note, commit nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(ctx: &Ctx, cmd: InvoiceCommand) -> Result<()> {
    match cmd {
        InvoiceCommand::Generate(a) => generate(ctx, a),
        InvoiceCommand::List(a) => list(ctx, a),
        InvoiceCommand::Show(a) => show(ctx, a),
        InvoiceCommand::Cancel(a) => cancel(ctx, a),
        InvoiceCommand::Render(a) => render::run(ctx, a),
        InvoiceCommand::Export(a) => export::run(ctx, a),
    }
}

fn generate(ctx: &Ctx, a: GenerateArgs) -> Result<()> {
    let req = Request {
        period: BillingMonth::parse("period", &a.period)?,
        member: opt(&a.member, |s| MemberNumber::parse("member", s))?,
        issued: opt(&a.date, |s| model::date("date", s))?.unwrap_or_else(model::today),
        dry_run: a.dry_run,
    };
    let g = ops::generate(&mut ctx.ledger()?, &ctx.config.config.billing, &req)?;
    report(ctx, &g);
    ctx.dry_run_note(a.dry_run);
    ctx.out.emit(&g)
}

/// What a run did, on stderr: the invoices issued (or that none were), the members invoiced before, the
/// members not billed, and the warnings.
fn report(ctx: &Ctx, g: &Generated) {
    let period = g.period;
    match (g.issued.first(), g.issued.last()) {
        (Some(first), Some(last)) => {
            let numbers = if g.issued.len() == 1 { first.invoice.number.to_string() } else { format!("{} to {}", first.invoice.number, last.invoice.number) };
            ctx.out.status("Issued", &format!("{} for {period}: {numbers}, {} EUR gross", model::count(g.issued.len(), "invoice"), g.gross()));
        }
        _ => ctx.out.status("Unchanged", &format!("no invoice added for {period}")),
    }
    if !g.already_invoiced.is_empty() {
        let each = g.already_invoiced.iter().map(|a| format!("{} ({})", a.member, a.number));
        ctx.out.status("Skipped", &format!("{} already invoiced for {period}: {}", model::count(g.already_invoiced.len(), "member"), some(each)));
    }
    if !g.not_billed.is_empty() {
        let each = g.not_billed.iter().map(|n| format!("{} ({})", n.member, n.reason));
        ctx.out.status("Skipped", &format!("{} not billed: {}", model::count(g.not_billed.len(), "member"), some(each)));
    }
    for w in &g.warnings {
        ctx.out.warn(w);
    }
}

/// The first ten of a list, joined, with how many more there are.
fn some(items: impl ExactSizeIterator<Item = String>) -> String {
    let n = items.len();
    let shown: Vec<String> = items.take(10).collect();
    if n > shown.len() { format!("{} and {} more", shown.join(", "), n - shown.len()) } else { shown.join(", ") }
}

fn list(ctx: &Ctx, a: ListArgs) -> Result<()> {
    let status = match a.status.as_deref() {
        None => None,
        Some(s @ ("issued" | "cancelled" | "credit-note")) => Some(s.to_owned()),
        Some(s) => return Err(Error::invalid("status", format!("{} must be one of issued, cancelled, credit-note", model::shown(s)))),
    };
    let filter =
        Filter { period: opt(&a.period, |s| BillingMonth::parse("period", s))?, member: opt(&a.member, |s| MemberNumber::parse("member", s))?, status };
    ctx.out.emit(&ctx.ledger()?.read(|tx| ops::list(tx, &filter))?)
}

fn show(ctx: &Ctx, a: ShowArgs) -> Result<()> {
    let number = InvoiceNumber::parse("number", &a.number)?;
    ctx.out.emit(&ctx.ledger()?.read(|tx| ops::show(tx, &number))?)
}

fn cancel(ctx: &Ctx, a: CancelArgs) -> Result<()> {
    let number = InvoiceNumber::parse("number", &a.number)?;
    let date = opt(&a.date, |s| model::date("date", s))?.unwrap_or_else(model::today);
    let format = ctx.config.config.billing.numbers();
    let credit = ctx.ledger()?.write(a.dry_run, |tx| ops::cancel(tx, &format, &number, date))?;
    ctx.out.status("Cancelled", &format!("invoice {number} by credit note {} ({} EUR gross)", credit.invoice.number, credit.invoice.gross));
    ctx.dry_run_note(a.dry_run);
    ctx.out.emit(&credit)
}

/// `19.00 %`, from basis points.
fn rate(bp: i64) -> String {
    format!("{} %", Money::from_cents(bp))
}

/// A line's unit price over its base quantity: `10.00`, or `10.00 / 30 DAY` for a prorated month.
fn unit_price(l: &Line) -> String {
    if l.base_quantity == 1 { l.unit_price.to_string() } else { format!("{} / {} {}", l.unit_price, l.base_quantity, l.unit) }
}

/// Name and postal address on one line.
fn party(p: &crate::ledger::invoice::Party) -> String {
    let town = [p.zipcode.as_deref(), p.city.as_deref()].iter().flatten().copied().collect::<Vec<_>>().join(" ");
    let parts = [Some(p.name.as_str()), p.street.as_deref(), Some(town.as_str()).filter(|t| !t.is_empty()), p.country.as_deref()];
    parts.iter().flatten().copied().collect::<Vec<_>>().join(", ")
}

fn status_text(s: &Shown) -> String {
    let i = &s.invoice;
    match (&i.corrects, &i.cancelled_by) {
        (Some(c), _) => format!("credit note, cancels {c}"),
        (None, Some(c)) => format!("cancelled by {c}"),
        (None, None) => s.status.to_owned(),
    }
}

impl Render for Shown {
    fn human(&self) -> String {
        let i = &self.invoice;
        let header = table::fields([
            ("number", i.number.to_string()),
            ("kind", i.kind.to_string()),
            ("status", status_text(self)),
            ("member", i.member.to_string()),
            ("period", format!("{} ({} to {})", i.period, i.period.first_day(), i.period.last_day())),
            ("issued", i.issued.clone()),
            ("due", i.due.clone()),
            ("vat case", i.vat_case.to_string()),
            ("buyer", party(&i.buyer)),
            ("buyer vat id", table::opt(&i.buyer.vat_id)),
            ("seller", party(&i.seller)),
        ]);
        let mut lines = table::list(["pos", "description", "from", "to", "quantity", "unit", "unit price", "net", "vat"]);
        for l in &i.lines {
            lines.add_row([
                l.pos.to_string(),
                l.description.clone(),
                l.service_from.clone(),
                l.service_to.clone(),
                l.quantity.to_string(),
                l.unit.to_string(),
                unit_price(l),
                l.net.to_string(),
                format!("{} {}", l.vat_category, rate(l.vat_rate_bp)),
            ]);
        }
        let mut vat = table::list(["vat", "rate", "basis", "tax"]);
        for b in &self.breakdown {
            vat.add_row([b.category.to_string(), rate(b.rate_bp), b.basis.to_string(), b.tax.to_string()]);
        }
        let totals = table::fields([("net", format!("{} EUR", i.net)), ("vat", format!("{} EUR", i.vat)), ("gross", format!("{} EUR", i.gross))]);
        [table::text(&header), table::text(&lines), table::text(&vat), table::text(&totals)].join("\n")
    }
}

/// The list columns of invoices: number, status, member, period, issued, net, vat, gross.
fn invoice_table<'a>(invoices: impl Iterator<Item = &'a Shown>) -> String {
    let mut t = table::list(["number", "status", "member", "name", "period", "issued", "net", "vat", "gross"]);
    for s in invoices {
        let i = &s.invoice;
        t.add_row([
            i.number.to_string(),
            s.status.to_owned(),
            i.member.to_string(),
            i.buyer.name.clone(),
            i.period.to_string(),
            i.issued.clone(),
            i.net.to_string(),
            i.vat.to_string(),
            i.gross.to_string(),
        ]);
    }
    table::text(&t)
}

impl Render for Vec<Shown> {
    fn human(&self) -> String {
        invoice_table(self.iter())
    }
}

impl Render for Generated {
    /// The invoices issued; a dry run shows each in full as well.
    fn human(&self) -> String {
        if self.issued.is_empty() {
            return String::new();
        }
        let mut out = invoice_table(self.issued.iter());
        if self.dry_run {
            for s in &self.issued {
                out += "\n";
                out += &s.human();
            }
        }
        out
    }
}
