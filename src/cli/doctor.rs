//! `hsadmin doctor` and `hsadmin ledger backup FILE`: the admin host's own health, and a consistent copy
//! of the books.
use super::Ctx;
use crate::ops::doctor::{self, Check};
use crate::output::{Render, table};
use crate::{Error, Result};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum LedgerCommand {
    /// Copy the ledger to a new file (mode 0600), consistent while other hsadmin processes write
    #[command(after_help = "Examples:\n  hsadmin ledger backup /var/backups/hsadmin/ledger-$(date +%F).db")]
    Backup {
        /// The new file; it must not exist
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// Runs the checks; exits 3 naming the checks that failed.
pub fn doctor(ctx: &Ctx) -> Result<()> {
    let checks = doctor::run(&ctx.config, &ctx.ledger_path, || ctx.ledger());
    ctx.out.emit(&checks)?;
    let failed: Vec<&str> = checks.iter().filter(|c| !c.ok).map(|c| c.check).collect();
    if failed.is_empty() {
        ctx.out.status("Healthy", &format!("{} checks passed", checks.len()));
        Ok(())
    } else {
        Err(Error::Partial(format!("{} of {} checks failed: {}", failed.len(), checks.len(), failed.join(", "))))
    }
}

#[derive(Serialize)]
struct BackedUp {
    file: String,
    bytes: u64,
}

impl Render for BackedUp {
    fn human(&self) -> String {
        String::new()
    }
}

pub fn ledger(ctx: &Ctx, cmd: LedgerCommand) -> Result<()> {
    match cmd {
        LedgerCommand::Backup { file } => {
            let bytes = crate::ledger::health::backup(&ctx.ledger()?, &file)?;
            ctx.out.status("Backed up", &format!("the ledger to {} ({bytes} bytes)", file.display()));
            ctx.out.emit(&BackedUp { file: file.display().to_string(), bytes })
        }
    }
}

impl Render for Vec<Check> {
    fn human(&self) -> String {
        let mut t = table::list(["check", "ok", "detail"]);
        for c in self {
            t.add_row(vec![c.check.to_owned(), if c.ok { "ok".into() } else { "FAILED".into() }, c.detail.clone()]);
        }
        table::text(&t)
    }
}
