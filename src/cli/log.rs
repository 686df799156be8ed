//! `hsadmin log`
use super::Ctx;
use crate::ops::log::{self, AuditEntry};
use crate::output::{Render, table};
use crate::{Result, model};

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Only entries on or after this date (YYYY-MM-DD, UTC)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only entries about one kind of thing: member, share_tx, asset_tx, server, product, price, package, unix_user, cron_job, domain
    #[arg(long, value_name = "ENTITY")]
    entity: Option<String>,
}

impl Render for Vec<AuditEntry> {
    fn human(&self) -> String {
        let mut t = table::list(["id", "at", "actor", "entity", "key", "action", "command"]);
        for e in self {
            t.add_row(vec![e.id.to_string(), e.at.clone(), e.actor.clone(), e.entity.clone(), e.key.clone(), e.action.clone(), e.command.clone()]);
        }
        table::text(&t)
    }
}

pub fn run(ctx: &Ctx, args: LogArgs) -> Result<()> {
    let since = args.since.as_deref().map(|s| model::date("since", s)).transpose()?;
    let entries = ctx.ledger()?.read(|tx| log::list(tx, since, args.entity.as_deref()))?;
    ctx.out.emit(&entries)
}
