//! `hsadmin sepa export`: the open invoices of members with a valid mandate as one pain.008 file, recorded
//! as a batch in the same transaction; `--batch ID` writes a recorded batch's file again, byte for byte.
//! The file is written (atomically, mode 0600) after the batch commits: should the write fail or the
//! process die, the batch is in the ledger and `--batch ID` writes its file.
use super::Ctx;
use crate::model::{self, DebitFormat, Money};
use crate::ops::sepa::{self as ops, ExportRequest, Exported};
use crate::output::file::write_atomically;
use crate::output::{Render, table};
use crate::render::sepa::Creditor;
use crate::{Error, Result};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum SepaCommand {
    /// Collect every open invoice of members with a valid mandate in one pain.008 file (exactly once)
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The day the bank collects (YYYY-MM-DD): a TARGET2 business day, billing.debit_lead_days after today
    #[arg(long, value_name = "DATE", required_unless_present = "batch", conflicts_with = "batch")]
    collection_date: Option<String>,
    /// The message version: the DK GBIC_4 subset of pain.008.001.08, or pain.008.001.02
    #[arg(long, default_value = "pain.008.001.08", value_parser = crate::cli::choices(["pain.008.001.08", "pain.008.001.02"]), conflicts_with = "batch")]
    format: String,
    /// Write the file of this recorded batch again, byte for byte
    #[arg(long, value_name = "ID")]
    batch: Option<i64>,
    /// Where to write the file
    #[arg(long, value_name = "FILE", required_unless_present = "dry_run")]
    out: Option<PathBuf>,
    /// Show what would be collected; record and write nothing
    #[arg(long, conflicts_with = "batch")]
    dry_run: bool,
}

/// What `sepa export` did: the batch and where its file went.
#[derive(Debug, Serialize)]
struct Result_ {
    #[serde(flatten)]
    exported: Exported,
    /// The file written, if any.
    file: Option<String>,
}

/// A recorded batch written again.
#[derive(Debug, Serialize)]
struct Rewritten {
    batch: i64,
    format: DebitFormat,
    collection_date: chrono::NaiveDate,
    message_id: String,
    count: i64,
    sum: Money,
    sha256: String,
    file: String,
}

pub fn run(ctx: &Ctx, cmd: SepaCommand) -> Result<()> {
    match cmd {
        SepaCommand::Export(a) => match a.batch {
            Some(id) => again(ctx, id, a.out),
            None => export(ctx, a),
        },
    }
}

/// The creditor from `[billing]`: name, account and creditor id must be set.
fn creditor(ctx: &Ctx) -> Result<Creditor> {
    let b = &ctx.config.config.billing;
    let need = |v: &Option<String>, key: &str, what: &str| {
        v.clone()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::invalid(format!("billing.{key}"), format!("a direct debit needs {what}; set billing.{key} in hsadmin.toml")))
    };
    let creditor_id = need(&b.creditor_id, "creditor_id", "the cooperative's SEPA creditor id")?;
    let creditor_id = model::CreditorId::parse("billing.creditor_id", &creditor_id)?.as_str().to_owned();
    let iban = need(&b.iban, "iban", "the account the debits are credited to")?;
    let iban = model::Iban::parse("billing.iban", &iban)?.as_str().to_owned();
    if b.name.is_empty() {
        return Err(Error::invalid("billing.name", "a direct debit needs the creditor's name; set billing.name in hsadmin.toml"));
    }
    Ok(Creditor { name: b.name.clone(), iban, bic: b.bic.clone().filter(|s| !s.is_empty()), creditor_id })
}

fn export(ctx: &Ctx, a: ExportArgs) -> Result<()> {
    let today = model::today();
    let collection_date = model::date("--collection-date", a.collection_date.as_deref().unwrap_or_default())?;
    let format = DebitFormat::parse("--format", &a.format)?;
    let req = ExportRequest {
        format,
        collection_date,
        today,
        lead_days: ctx.config.config.billing.debit_lead_days,
        creditor: creditor(ctx)?,
        now: format!("{today}T{}", chrono::Local::now().format("%H:%M:%S")),
    };
    let exported = ctx.ledger()?.write(a.dry_run, |tx| ops::export(tx, &req))?;
    for s in &exported.skipped {
        ctx.out.warn(&format!("member {} left out: {}", s.member, s.reason));
    }
    let mut file = None;
    match (exported.batch, &a.out) {
        (Some(id), Some(path)) if !a.dry_run => {
            write_atomically(path, &exported.file, 0o600)?;
            let what = format!("{} of {} in batch {id}", model::count(exported.count, "debit"), exported.sum);
            ctx.out.status("Wrote", &format!("{what} ({format}, collection on {collection_date}) to {}", path.display()));
            file = Some(path.display().to_string());
        }
        _ if exported.count == 0 => ctx.out.status("Nothing", "no open invoice to collect"),
        _ => {}
    }
    ctx.dry_run_note(a.dry_run);
    ctx.out.emit(&Result_ { exported, file })
}

fn again(ctx: &Ctx, id: i64, out: Option<PathBuf>) -> Result<()> {
    let path = out.ok_or_else(|| Error::invalid("--out", "--batch needs --out FILE"))?;
    let b = ctx.ledger()?.read(|tx| ops::batch(tx, id))?;
    write_atomically(&path, &b.file, 0o600)?;
    ctx.out.status("Wrote", &format!("debit batch {id} again to {} ({} bytes, SHA-256 {})", path.display(), b.file.len(), b.sha256));
    let file = path.display().to_string();
    let (count, sum) = (b.count, Money::from_cents(b.sum_cents));
    ctx.out.emit(&Rewritten { batch: id, format: b.format, collection_date: b.collection_date, message_id: b.message_id, count, sum, sha256: b.sha256, file })
}

/// For people: the batch in a few fields (the debits are in the file and in `--json`), then who was left out.
impl Render for Result_ {
    fn human(&self) -> String {
        let e = &self.exported;
        let count = |seq| e.debits.iter().filter(|d| d.sequence_type == seq).count().to_string();
        let mut text = table::text(&table::fields([
            ("batch", table::opt(&e.batch)),
            ("format", e.format.to_string()),
            ("collection date", e.collection_date.to_string()),
            ("debits", e.count.to_string()),
            ("FRST", count(crate::model::SequenceType::First)),
            ("RCUR", count(crate::model::SequenceType::Recurring)),
            ("sum", e.sum.to_string()),
            ("file", self.file.clone().unwrap_or_else(|| "-".into())),
            ("skipped", e.skipped.len().to_string()),
        ]));
        if !e.skipped.is_empty() {
            let mut t = table::list(["member", "open", "reason"]);
            for s in &e.skipped {
                t.add_row(vec![s.member.to_string(), Money::from_cents(s.open_cents).to_string(), s.reason.clone()]);
            }
            text.push('\n');
            text.push_str(&table::text(&t));
        }
        text
    }
}

impl Render for Rewritten {
    fn human(&self) -> String {
        String::new()
    }
}
