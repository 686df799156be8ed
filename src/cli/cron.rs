//! `hsadmin cron add|list|remove`
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview};
use super::opt;
use crate::Result;
use crate::ledger::cron::CronJob;
use crate::model::{self, CronSchedule, MemberNumber, PackageName, UserName};
use crate::ops::cron;
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum CronCommand {
    /// Add a cron job for a Unix user
    Add(AddArgs),
    /// List cron jobs
    List(ListArgs),
    /// Remove a cron job by its id
    Remove(RemoveArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The Unix user the job runs as
    #[arg(long)]
    #[arg(add = complete::user())]
    user: String,
    /// Five-field schedule: minute hour day-of-month month day-of-week, like '*/5 * * * *'
    #[arg(long)]
    schedule: String,
    /// The command, one line
    #[arg(long)]
    command: String,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only jobs of this user
    #[arg(long, conflicts_with = "package")]
    #[arg(add = complete::user())]
    user: Option<String>,
    /// Only jobs of the users of this package
    #[arg(long)]
    #[arg(add = complete::package())]
    package: Option<String>,
    /// Only jobs of the users of the packages of this member
    #[arg(long)]
    #[arg(add = complete::member())]
    member: Option<String>,
    /// Sort by this column [default: user, then id]
    #[arg(long, value_name = "FIELD", value_parser = super::sort_keys(cron::SORT))]
    sort: Option<String>,
    /// Sort in descending order
    #[arg(long)]
    reverse: bool,
}

#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// Job id (see `cron list`)
    #[arg(add = complete::cron_job())]
    id: i64,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

pub fn run(ctx: &Ctx, cmd: CronCommand) -> Result<()> {
    match cmd {
        CronCommand::Add(a) => {
            let user = UserName::parse("user", &a.user)?;
            let schedule = CronSchedule::parse("schedule", &a.schedule)?;
            let command = model::CronCommand::parse("command", &a.command)?;
            let job = ctx.ledger()?.write(a.dry_run, |tx| cron::add(tx, &user, &schedule, &command))?;
            ctx.out.status("Added", &format!("cron job {} for {}", job.id, job.user));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&job)?;
            super::converge::after_change(ctx, &[&user.package()], a.dry_run, a.apply)
        }
        CronCommand::List(a) => {
            let filter = cron::Filter {
                member: opt(&a.member, |s| MemberNumber::parse("member", s))?,
                package: opt(&a.package, |s| PackageName::parse("package", s))?,
                user: opt(&a.user, |s| UserName::parse("user", s))?,
            };
            let sort = super::sort(&a.sort, cron::SORT, a.reverse)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| cron::list(tx, &filter, sort))?)
        }
        CronCommand::Remove(a) => {
            let job = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| cron::remove(tx, a.id), removing)?;
            ctx.out.status("Removed", &format!("cron job {} of {}", job.id, job.user));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&job)?;
            super::converge::after_change(ctx, &[&job.user.package()], a.dry_run, a.apply)
        }
    }
}

/// What `cron remove` removes: listed before it asks.
fn removing(j: &CronJob) -> Preview {
    Preview::new(format!("remove cron job {} of {}", j.id, j.user)).line(format!(
        "cron job {} of {}: {} {}",
        j.id,
        j.user,
        j.schedule.as_str(),
        j.command.as_str()
    ))
}

impl Render for CronJob {
    fn human(&self) -> String {
        table::text(&table::fields([
            ("id", self.id.to_string()),
            ("user", self.user.to_string()),
            ("schedule", self.schedule.as_str().to_owned()),
            ("command", self.command.as_str().to_owned()),
        ]))
    }
}

impl Render for Vec<CronJob> {
    fn human(&self) -> String {
        let mut t = table::list(["id", "user", "schedule", "command"]);
        for j in self {
            t.add_row(vec![j.id.to_string(), j.user.to_string(), j.schedule.as_str().to_owned(), j.command.as_str().to_owned()]);
        }
        table::text(&t)
    }
}
