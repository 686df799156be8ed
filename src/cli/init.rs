//! `hsadmin init`
use super::Ctx;
use crate::Result;
use crate::ledger::Ledger;
use crate::output::Render;
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct InitArgs {}

#[derive(Serialize)]
struct Initialised {
    ledger: String,
    schema_version: usize,
}

impl Render for Initialised {
    fn human(&self) -> String {
        String::new()
    }
}

pub fn run(ctx: &Ctx, _args: InitArgs) -> Result<()> {
    let ledger = Ledger::create(&ctx.ledger_path, ctx.actor.clone())?;
    let result = Initialised { ledger: ledger.path().display().to_string(), schema_version: ledger.schema_version()? };
    ctx.out.status("Created", &format!("ledger {} (schema version {})", result.ledger, result.schema_version));
    ctx.out.emit(&result)
}
