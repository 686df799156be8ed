//! `hsadmin invoice render`: one invoice (or a month's) as PDF, XRechnung CII XML or plain text, written
//! atomically.
use super::Ctx;
use crate::ledger::invoice::{self, Filter, Invoice};
use crate::model::{BillingMonth, InvoiceNumber};
use crate::ops::debit::mandate_on;
use crate::output::file::write_atomically;
use crate::output::{Render, table};
use crate::render::invoice::{DirectDebit, Options, pdf, txt, xrechnung};
use crate::{Error, Result};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The invoice number, e.g. 2026-00001
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    number: Option<String>,
    /// Every invoice and credit note of --period, one file each in --out-dir
    #[arg(long, requires_all = ["period", "out_dir"])]
    all: bool,
    /// The month of --all (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    period: Option<String>,
    /// The document: pdf, xrechnung (CII XML) or txt
    #[arg(long, value_parser = crate::cli::choices(["pdf", "xrechnung", "txt"]))]
    format: String,
    /// Where to write the one document [default: stdout]
    #[arg(long, value_name = "FILE", conflicts_with = "all")]
    out: Option<PathBuf>,
    /// Where --all writes its files (NUMBER.pdf, NUMBER.xml, NUMBER.txt)
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Xrechnung,
    Txt,
}

impl Format {
    fn parse(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "pdf" => Ok(Self::Pdf),
            "xrechnung" => Ok(Self::Xrechnung),
            "txt" => Ok(Self::Txt),
            _ => Err(Error::invalid("--format", format!("{} must be one of pdf, xrechnung, txt", crate::model::shown(s)))),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Xrechnung => "xrechnung",
            Self::Txt => "txt",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Xrechnung => "xml",
            Self::Txt => "txt",
        }
    }
}

/// One document written.
#[derive(Debug, Serialize)]
struct Written {
    number: String,
    kind: String,
    format: &'static str,
    /// The file, or `-` for stdout.
    file: String,
    bytes: usize,
}

/// What `--all` wrote.
#[derive(Debug, Serialize)]
struct WrittenAll {
    period: String,
    format: &'static str,
    dir: String,
    files: Vec<Written>,
}

impl Render for Written {
    fn human(&self) -> String {
        String::new()
    }
}

impl Render for WrittenAll {
    fn human(&self) -> String {
        let mut t = table::list(["number", "kind", "file", "bytes"]);
        for w in &self.files {
            t.add_row(vec![w.number.clone(), w.kind.clone(), w.file.clone(), w.bytes.to_string()]);
        }
        table::text(&t)
    }
}

pub fn run(ctx: &Ctx, a: RenderArgs) -> Result<()> {
    let format = Format::parse(&a.format)?;
    if a.all {
        let period = BillingMonth::parse("--period", a.period.as_deref().unwrap_or_default())?;
        let dir = a.out_dir.ok_or_else(|| Error::invalid("--out-dir", "--all needs --out-dir DIR"))?;
        return all(ctx, format, period, &dir);
    }
    let number = InvoiceNumber::parse("invoice number", a.number.as_deref().unwrap_or_default())?;
    let out = a.out.filter(|p| p.as_os_str() != "-");
    if out.is_none() {
        if ctx.out.json {
            return Err(Error::invalid("--out", "under --json stdout carries the result; write the document with --out FILE"));
        }
        if format == Format::Pdf && std::io::stdout().is_terminal() {
            return Err(Error::invalid("--out", "a PDF is binary and stdout is a terminal; give --out FILE or redirect stdout (> invoice.pdf)"));
        }
    }
    let (inv, debit) = ctx.ledger()?.read(|tx| {
        let inv = invoice::get(tx, number.as_str())?.ok_or_else(|| Error::NotFound(format!("invoice {number}")))?;
        let debit = direct_debit(ctx, tx, &inv)?;
        Ok((inv, debit))
    })?;
    let bytes = document(ctx, &inv, format, debit)?;
    let file = match &out {
        Some(path) => {
            write_atomically(path, &bytes, 0o600)?;
            ctx.out.status("Wrote", &format!("{} {} as {} to {} ({} bytes)", kind(&inv), inv.number, format.name(), path.display(), bytes.len()));
            path.display().to_string()
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&bytes)?;
            stdout.flush()?;
            "-".into()
        }
    };
    if ctx.out.json {
        ctx.out.emit(&Written { number: inv.number.to_string(), kind: inv.kind.to_string(), format: format.name(), file, bytes: bytes.len() })?;
    }
    Ok(())
}

fn kind(inv: &Invoice) -> &'static str {
    match inv.kind {
        crate::model::InvoiceKind::Invoice => "invoice",
        crate::model::InvoiceKind::CreditNote => "credit note",
    }
}

/// Every invoice and credit note of the period into `dir`, as `NUMBER.ext` (a `/` in a number becomes `_`).
fn all(ctx: &Ctx, format: Format, period: BillingMonth, dir: &Path) -> Result<()> {
    let invoices = ctx.ledger()?.read(|tx| {
        let list = invoice::list(tx, &Filter { period: Some(period), ..Filter::default() })?;
        list.into_iter().map(|inv| direct_debit(ctx, tx, &inv).map(|d| (inv, d))).collect::<Result<Vec<_>>>()
    })?;
    // Render all first: a seller detail XRechnung lacks fails before any file is written.
    let docs: Vec<(Invoice, Vec<u8>)> = invoices.into_iter().map(|(inv, d)| document(ctx, &inv, format, d).map(|b| (inv, b))).collect::<Result<_>>()?;
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| Error::Failed(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut files = Vec::new();
    for (inv, bytes) in docs {
        let path = dir.join(format!("{}.{}", file_stem(&inv.number), format.extension()));
        write_atomically(&path, &bytes, 0o600)?;
        files.push(Written {
            number: inv.number.to_string(),
            kind: inv.kind.to_string(),
            format: format.name(),
            file: path.display().to_string(),
            bytes: bytes.len(),
        });
    }
    ctx.out.status("Wrote", &format!("{} for {period} as {} to {}", crate::model::count(files.len(), "document"), format.name(), dir.display()));
    ctx.out.emit(&WrittenAll { period: period.to_string(), format: format.name(), dir: dir.display().to_string(), files })
}

/// An invoice number as a file name: `RE/2026/1` → `RE_2026_1` (numbers hold only `A-Za-z0-9-/`).
fn file_stem(number: &InvoiceNumber) -> String {
    number.as_str().replace('/', "_")
}

/// The direct debit an invoice names: the member's mandate valid on its issue date, with the creditor id
/// from `[billing]` (without one, no invoice names a debit) and the account the mandate debits.
fn direct_debit(ctx: &Ctx, tx: &crate::ledger::Tx, inv: &Invoice) -> Result<Option<DirectDebit>> {
    let Some(creditor_id) = ctx.config.config.billing.creditor_id.clone().filter(|c| !c.is_empty()) else { return Ok(None) };
    if inv.kind != crate::model::InvoiceKind::Invoice {
        return Ok(None);
    }
    Ok(mandate_on(tx, inv.member, &inv.issued)?.map(|m| DirectDebit {
        mandate_reference: m.reference.as_str().to_owned(),
        creditor_id,
        iban: m.bank_account.iban.as_str().to_owned(),
    }))
}

/// The document bytes. The seller's phone (a contact detail, not part of the invoice's legal content) comes
/// from `[billing]` when the invoice's snapshot has none, so that an invoice issued before it was set can
/// still be rendered as XRechnung.
fn document(ctx: &Ctx, inv: &Invoice, format: Format, direct_debit: Option<DirectDebit>) -> Result<Vec<u8>> {
    let mut inv = inv.clone();
    if inv.seller.phone.as_deref().is_none_or(str::is_empty) {
        inv.seller.phone = ctx.config.config.billing.phone.clone().filter(|p| !p.is_empty());
    }
    let options = Options { direct_debit };
    match format {
        Format::Pdf => pdf::render(&inv, &options),
        Format::Xrechnung => xrechnung::render(&inv, &options),
        Format::Txt => Ok(txt::render(&inv, &options)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_have_no_slash() {
        assert_eq!(file_stem(&InvoiceNumber::parse("n", "RE/2026/00001").unwrap()), "RE_2026_00001");
        assert_eq!(file_stem(&InvoiceNumber::parse("n", "2026-00001").unwrap()), "2026-00001");
    }
}
