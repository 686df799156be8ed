//! `hsadmin backup list|status`: the backup runs of packages as the ledger records them, and the packages
//! without a recent good snapshot (exit 3 when there are any, for monitoring).
use super::Ctx;
use super::complete;
use super::opt;
use crate::Result;
use crate::error::exit;
use crate::ledger::backup::Run;
use crate::model::PackageName;
use crate::ops::backup::{self as ops, Overdue};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum BackupCommand {
    /// List the backup runs (oldest first) with their snapshot, size, file count, duration and outcome
    List(ListArgs),
    /// Packages without a good snapshot younger than --max-age (exit 3 when there are any)
    Status(StatusArgs),
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only the runs of this package
    #[arg(add = complete::package())]
    package: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// How old the newest good snapshot may be: a number with s, m, h or d
    #[arg(long, value_name = "AGE", default_value = "26h")]
    max_age: String,
}

pub fn run(ctx: &Ctx, cmd: BackupCommand) -> Result<u8> {
    match cmd {
        BackupCommand::List(a) => {
            let package = opt(&a.package, |s| PackageName::parse("package", s))?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::list(tx, package.as_ref()))?)?;
            Ok(exit::OK)
        }
        BackupCommand::Status(a) => {
            let max_age = ops::parse_age("max-age", &a.max_age)?;
            let overdue = ctx.ledger()?.read(|tx| ops::overdue(tx, chrono::Utc::now(), max_age))?;
            ctx.out.emit(&overdue)?;
            if overdue.is_empty() {
                ctx.out.status("Backed up", &format!("every package has a good snapshot younger than {}", a.max_age));
                return Ok(exit::OK);
            }
            let what = crate::output::count(overdue.len(), "package");
            ctx.out.status("Overdue", &format!("{what} without a good snapshot younger than {}", a.max_age));
            Ok(exit::PARTIAL)
        }
    }
}

fn duration(r: &Run) -> String {
    r.ended.map(|e| format!("{} s", (e - r.started).num_seconds())).unwrap_or_default()
}

impl Render for Vec<Run> {
    fn human(&self) -> String {
        let mut t = table::list(["id", "package", "server", "started", "outcome", "snapshot", "size", "files", "took"]);
        for r in self {
            t.add_row(vec![
                r.id.to_string(),
                r.package.to_string(),
                r.server.to_string(),
                crate::ledger::backup::stamp(r.started),
                r.outcome.as_str().to_owned(),
                r.snapshot.as_ref().map(|s| s.short().to_owned()).unwrap_or_default(),
                r.bytes.map(|b| b.to_string()).unwrap_or_default(),
                r.files.map(|f| f.to_string()).unwrap_or_default(),
                duration(r),
            ]);
        }
        table::text(&t)
    }
}

impl Render for Vec<Overdue> {
    fn human(&self) -> String {
        let mut t = table::list(["package", "server", "reason", "last run"]);
        for o in self {
            let last = o.last_run.as_ref().map(|r| format!("{} {}", r.outcome.as_str(), crate::ledger::backup::stamp(r.started))).unwrap_or_default();
            t.add_row(vec![o.package.to_string(), o.server.to_string(), o.reason.clone(), last]);
        }
        table::text(&t)
    }
}
