//! `hsadmin log`
use super::{Ctx, opt};
use crate::model::TextField;
use crate::ops::log::{self, AuditEntry};
use crate::output::{Format, Render, table};
use crate::{Result, model};
use std::io::IsTerminal;

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Only entries on or after this date (YYYY-MM-DD, UTC)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only entries on or before this date (YYYY-MM-DD, UTC)
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Only entries about one kind of thing
    #[arg(long, value_name = "ENTITY", value_parser = super::choices(log::ENTITIES.iter().copied()))]
    entity: Option<String>,
    /// Only entries about the thing with this key: a member number, a package, user or domain name, a cron job id
    #[arg(long, value_name = "KEY")]
    key: Option<String>,
    /// Only entries made by this user (the OS user who ran hsadmin)
    #[arg(long, value_name = "USER")]
    actor: Option<String>,
    /// Only the newest N entries, whichever order they are shown in
    #[arg(short = 'n', long, value_name = "N")]
    max_count: Option<u32>,
    /// Flip the order. A table on a terminal shows the newest entry first (like git log); piped, with --json
    /// or another -o format, the oldest comes first (stable for scripts)
    #[arg(long)]
    reverse: bool,
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

/// Newest first for a person at a terminal, oldest first for scripts; `--reverse` flips either.
fn newest_first(table: bool, terminal: bool, reverse: bool) -> bool {
    (table && terminal) != reverse
}

pub fn run(ctx: &Ctx, args: LogArgs) -> Result<()> {
    let query = log::Query {
        since: opt(&args.since, |s| model::date("since", s))?,
        until: opt(&args.until, |s| model::date("until", s))?,
        entity: args.entity,
        key: opt(&args.key, |s| TextField::parse("key", s, 256))?,
        actor: opt(&args.actor, |s| TextField::parse("actor", s, 256))?,
        max_count: args.max_count,
    };
    let newest = newest_first(ctx.out.format == Format::Table, std::io::stdout().is_terminal(), args.reverse);
    let entries = ctx.ledger()?.read(|tx| log::list(tx, &query, newest))?;
    ctx.out.emit(&entries)
}

#[cfg(test)]
mod tests {
    use super::newest_first;

    #[test]
    fn a_terminal_table_shows_the_newest_first_and_scripts_the_oldest() {
        assert!(newest_first(true, true, false));
        assert!(!newest_first(true, false, false), "piped");
        assert!(!newest_first(false, true, false), "--json or -o at a terminal");
        assert!(!newest_first(true, true, true), "--reverse at a terminal");
        assert!(newest_first(true, false, true), "--reverse piped");
    }
}
