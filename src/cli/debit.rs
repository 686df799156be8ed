//! `hsadmin debit return`: the bank returned a member's debit (R-transaction); its invoices are open again
//! and the next `sepa export` or `dtaus export` collects them. Also the finishing steps both exports share:
//! the batch is recorded in one transaction, then its file written (atomically, mode 0600): should the
//! write fail or the process die, the batch is in the ledger and `--batch ID` writes its file.
use super::Ctx;
use super::complete;
use crate::model::{self, DebitFormat, MemberNumber, Money, ReturnReason};
use crate::ops::debit::{self as ops, ExportRequest, Exported, Returned};
use crate::output::file::write_atomically;
use crate::output::{Render, table};
use crate::render::sepa::Creditor;
use crate::{Error, Result};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum DebitCommand {
    /// Record a returned debit (reason code such as AC04, MD06, AM04): its invoices are open again
    Return(ReturnArgs),
}

#[derive(Debug, clap::Args)]
pub struct ReturnArgs {
    /// The batch the debit was in (the batch id of sepa export or dtaus export)
    batch: i64,
    /// Member number
    #[arg(add = complete::member())]
    member: String,
    /// The ISO 20022 return reason the bank reports: AC04 account closed, MD06 refund, AM04 no funds, …
    #[arg(long, value_name = "CODE")]
    reason: String,
    /// The day the bank returned it (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(ctx: &Ctx, cmd: DebitCommand) -> Result<()> {
    let today = model::today();
    match cmd {
        DebitCommand::Return(a) => {
            let member = MemberNumber::parse("member", &a.member)?;
            let reason = ReturnReason::parse("--reason", &a.reason)?;
            let date = match &a.date {
                Some(d) => model::date("--date", d)?,
                None => today,
            };
            let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
            let r = ctx.ledger()?.write(a.dry_run, |tx| ops::record_return(tx, a.batch, member, &reason, date, today, &now))?;
            let reopened: Vec<&str> = r.reopened.iter().map(|n| n.as_str()).collect();
            ctx.out.status("Returned", &format!("debit of member {member} in batch {} ({}); open again: {}", r.batch, reason.as_str(), reopened.join(", ")));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&r)
        }
    }
}

impl Render for Returned {
    fn human(&self) -> String {
        let reopened: Vec<&str> = self.reopened.iter().map(|n| n.as_str()).collect();
        table::text(&table::fields([
            ("batch", self.batch.to_string()),
            ("member", self.member.to_string()),
            ("end-to-end id", self.end_to_end_id.clone()),
            ("amount", self.amount.to_string()),
            ("reason", self.reason.as_str().to_owned()),
            ("returned", self.returned.to_string()),
            ("open again", reopened.join(", ")),
        ]))
    }
}

/// The options `sepa export` and `dtaus export` share: where the file goes, or which batch to write again.
#[derive(Debug, clap::Args)]
pub struct FileArgs {
    /// Write the file of this recorded batch again, byte for byte
    #[arg(long, value_name = "ID")]
    pub batch: Option<i64>,
    /// Where to write the file
    #[arg(long, value_name = "FILE", required_unless_present = "dry_run")]
    pub out: Option<PathBuf>,
    /// Show what would be collected; record and write nothing
    #[arg(long, conflicts_with = "batch")]
    pub dry_run: bool,
}

/// Which export a batch belongs to: `sepa export` writes pain.008 batches, `dtaus export` DTAUS ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Batch {
    Sepa,
    Dtaus,
}

impl Batch {
    fn of(format: DebitFormat) -> Batch {
        if format == DebitFormat::Dtaus { Batch::Dtaus } else { Batch::Sepa }
    }

    fn command(self) -> &'static str {
        match self {
            Batch::Sepa => "sepa export",
            Batch::Dtaus => "dtaus export",
        }
    }

    fn date_option(self) -> &'static str {
        match self {
            Batch::Sepa => "--collection-date",
            Batch::Dtaus => "--execution-date",
        }
    }
}

/// The creditor from `[billing]`: name and account must be set, and for SEPA the creditor id (a DTAUS
/// file has none; should it be set, it must still validate).
fn creditor(ctx: &Ctx, format: DebitFormat) -> Result<Creditor> {
    let b = &ctx.config.config.billing;
    let set = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
    let missing = |key: &str, what: &str| Error::invalid(format!("billing.{key}"), format!("a direct debit needs {what}; set billing.{key} in hsadmin.toml"));
    let creditor_id = match set(&b.creditor_id) {
        Some(id) => model::CreditorId::parse("billing.creditor_id", &id)?.as_str().to_owned(),
        None if format == DebitFormat::Dtaus => String::new(),
        None => return Err(missing("creditor_id", "the cooperative's SEPA creditor id")),
    };
    let iban = set(&b.iban).ok_or_else(|| missing("iban", "the account the debits are credited to"))?;
    let iban = model::Iban::parse("billing.iban", &iban)?.as_str().to_owned();
    if b.name.is_empty() {
        return Err(missing("name", "the creditor's name"));
    }
    Ok(Creditor { name: b.name.clone(), iban, bic: set(&b.bic), creditor_id })
}

/// `sepa export` and `dtaus export`: records the batch, then writes its file to `out`.
pub fn export(ctx: &Ctx, format: DebitFormat, date: &str, out: Option<PathBuf>, dry_run: bool) -> Result<()> {
    let today = model::today();
    let batch = Batch::of(format);
    let req = ExportRequest {
        format,
        collection_date: model::date(batch.date_option(), date)?,
        today,
        lead_days: ctx.config.config.billing.debit_lead_days,
        creditor: creditor(ctx, format)?,
        now: format!("{today}T{}", chrono::Local::now().format("%H:%M:%S")),
    };
    let exported = ctx.ledger()?.write(dry_run, |tx| ops::export(tx, &req))?;
    for s in &exported.skipped {
        ctx.out.warn(&format!("member {} left out: {}", s.member, s.reason));
    }
    let mut file = None;
    match (exported.batch, &out) {
        (Some(id), Some(path)) if !dry_run => {
            write_atomically(path, &exported.file, 0o600)?;
            let what = format!("{} of {} in batch {id}", model::count(exported.count, "debit"), exported.sum);
            let on = if batch == Batch::Dtaus { "execution" } else { "collection" };
            ctx.out.status("Wrote", &format!("{what} ({format}, {on} on {}) to {}", req.collection_date, path.display()));
            file = Some(path.display().to_string());
        }
        _ if exported.count == 0 => ctx.out.status("Nothing", "no open invoice to collect"),
        _ => {}
    }
    ctx.dry_run_note(dry_run);
    ctx.out.emit(&Exported_ { exported, file })
}

/// `--batch ID`: writes a recorded batch's file again, byte for byte.
pub fn again(ctx: &Ctx, command: Batch, id: i64, out: Option<PathBuf>) -> Result<()> {
    let path = out.ok_or_else(|| Error::invalid("--out", "--batch needs --out FILE"))?;
    let b = ctx.ledger()?.read(|tx| ops::batch(tx, id))?;
    if Batch::of(b.format) != command {
        let other = Batch::of(b.format).command();
        return Err(Error::invalid("--batch", format!("debit batch {id} is a {} file: write it again with {other} --batch {id}", b.format)));
    }
    write_atomically(&path, &b.file, 0o600)?;
    ctx.out.status("Wrote", &format!("debit batch {id} again to {} ({} bytes, SHA-256 {})", path.display(), b.file.len(), b.sha256));
    let file = path.display().to_string();
    let (count, sum) = (b.count, Money::from_cents(b.sum_cents));
    ctx.out.emit(&Rewritten { batch: id, format: b.format, collection_date: b.collection_date, message_id: b.message_id, count, sum, sha256: b.sha256, file })
}

/// What an export did: the batch and where its file went.
#[derive(Debug, Serialize)]
struct Exported_ {
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

/// For people: the batch in a few fields (the debits are in the file and in `--json`), then who was left out.
impl Render for Exported_ {
    fn human(&self) -> String {
        let e = &self.exported;
        let count = |seq| e.debits.iter().filter(|d| d.sequence_type == seq).count().to_string();
        let mut fields = vec![("batch", table::opt(&e.batch)), ("format", e.format.to_string()), ("collection date", e.collection_date.to_string())];
        fields.push(("debits", e.count.to_string()));
        if e.format != DebitFormat::Dtaus {
            fields.extend([("FRST", count(model::SequenceType::First)), ("RCUR", count(model::SequenceType::Recurring))]);
        }
        fields.extend([("sum", e.sum.to_string()), ("file", self.file.clone().unwrap_or_else(|| "-".into())), ("skipped", e.skipped.len().to_string())]);
        let mut text = table::text(&table::fields(fields));
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
