//! `hsadmin sepa export`: the open invoices of members with a valid mandate as one pain.008 file, recorded
//! as a batch in the same transaction; `--batch ID` writes a recorded batch's file again, byte for byte.
//! What it shares with `dtaus export` (writing the file after the batch commits, the result) is in
//! [`super::debit`].
use super::Ctx;
use super::debit::{self, Batch};
use crate::Result;
use crate::model::DebitFormat;

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
    #[command(flatten)]
    file: debit::FileArgs,
}

pub fn run(ctx: &Ctx, cmd: SepaCommand) -> Result<()> {
    match cmd {
        SepaCommand::Export(a) => match a.file.batch {
            Some(id) => debit::again(ctx, Batch::Sepa, id, a.file.out),
            None => {
                let format = DebitFormat::parse("--format", &a.format)?;
                debit::export(ctx, format, a.collection_date.as_deref().unwrap_or_default(), a.file.out, a.file.dry_run)
            }
        },
    }
}
