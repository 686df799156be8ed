//! `hsadmin invoice export`: a month's invoices and credit notes as bookings, DATEV EXTF or Lexware ASCII,
//! written atomically (a temporary file in the target's directory, then a rename).
use super::Ctx;
use crate::{Error, Result};
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

pub fn run(_ctx: &Ctx, _a: ExportArgs) -> Result<()> {
    Err(Error::Failed("invoice export is not built yet".into()))
}
