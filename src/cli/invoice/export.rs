//! `hsadmin invoice export`: a month's invoices and credit notes as bookings, DATEV EXTF or Lexware ASCII,
//! written atomically (a temporary file in the target's directory, then a rename).
use super::Ctx;
use crate::ledger::invoice::{self, Filter};
use crate::model::{BillingMonth, Money};
use crate::output::file::write_atomically;
use crate::output::{Render, table};
use crate::render::export::{self, datev, lexware};
use crate::{Error, Result};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The month whose invoices and credit notes are exported (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    period: String,
    /// datev (EXTF Buchungsstapel, format 700 v13) or lexware (buchhalter ASCII import)
    #[arg(long, value_parser = crate::cli::choices(["datev", "lexware"]))]
    format: String,
    /// The file to write
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// What an export wrote.
#[derive(Debug, Serialize)]
struct Exported {
    file: String,
    format: String,
    period: String,
    /// The dates the file covers (DATEV "Datum vom/bis"), in one fiscal year.
    from: String,
    to: String,
    fiscal_year: String,
    /// Invoices and credit notes read.
    invoices: usize,
    bookings: usize,
    /// Σ of the bookings' gross amounts (invoices and credit notes alike).
    sum: Money,
    /// Invoices less credit notes: Σ Soll − Σ Haben on the debtor accounts.
    balance: Money,
    warnings: Vec<String>,
}

impl Render for Exported {
    fn human(&self) -> String {
        table::text(&table::fields([
            ("file", self.file.clone()),
            ("format", self.format.clone()),
            ("period", self.period.clone()),
            ("dates", format!("{} – {}", self.from, self.to)),
            ("invoices", self.invoices.to_string()),
            ("bookings", self.bookings.to_string()),
            ("sum", format!("{} EUR", self.sum)),
            ("balance", format!("{} EUR", self.balance)),
        ]))
    }
}

pub fn run(ctx: &Ctx, a: ExportArgs) -> Result<()> {
    let period = BillingMonth::parse("period", &a.period)?;
    if a.format != "datev" && a.format != "lexware" {
        return Err(Error::invalid("format", format!("{:?} must be datev or lexware", a.format)));
    }
    let filter = Filter { period: Some(period), ..Filter::default() };
    let invoices = ctx.ledger()?.read(|tx| invoice::list(tx, &filter))?;
    let accounts = &ctx.config.config.billing.accounts;
    let made = match a.format.as_str() {
        "datev" => datev::render(&invoices, period, accounts, chrono::Local::now().naive_local())?,
        _ => lexware::render(&invoices, period, accounts)?,
    };
    write_atomically(&a.out, &made.bytes, 0o640)?;
    for w in &made.warnings {
        ctx.out.warn(w);
    }
    if invoices.is_empty() {
        ctx.out.warn(&format!("there are no invoices or credit notes for {period}: {} holds the header only", a.out.display()));
    }
    ctx.out.status(
        "Exported",
        &format!("{} of {} ({} EUR) to {}", crate::model::count(made.bookings.len(), "booking"), documents(&invoices), made.sum(), a.out.display()),
    );
    ctx.out.emit(&exported(&a, period, invoices.len(), &made))
}

fn exported(a: &ExportArgs, period: BillingMonth, invoices: usize, made: &export::Export) -> Exported {
    Exported {
        file: a.out.display().to_string(),
        format: a.format.clone(),
        period: period.to_string(),
        from: made.span.from.to_string(),
        to: made.span.to.to_string(),
        fiscal_year: made.span.fiscal_year.to_string(),
        invoices,
        bookings: made.bookings.len(),
        sum: made.sum(),
        balance: made.balance(),
        warnings: made.warnings.clone(),
    }
}

/// `3 invoices`, `3 invoices and 1 credit note`.
fn documents(invoices: &[crate::ledger::invoice::Invoice]) -> String {
    use crate::model::{InvoiceKind, count};
    let credits = invoices.iter().filter(|i| i.kind == InvoiceKind::CreditNote).count();
    let plain = count(invoices.len() - credits, "invoice");
    if credits == 0 { plain } else { format!("{plain} and {}", count(credits, "credit note")) }
}
