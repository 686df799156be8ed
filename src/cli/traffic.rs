//! `hsadmin traffic collect|report`: bytes sent per domain and day, summed on the web servers from the
//! vhosts' mod_logio logs (only the totals travel over SSH), collected once per day and domain.
use super::Ctx;
use crate::{Error, Result};

#[derive(Debug, clap::Subcommand)]
pub enum TrafficCommand {
    /// Collect the traffic of finished days from the web servers; a day collected before is left as it is
    Collect(CollectArgs),
    /// Show the traffic of a month per package and domain
    Report(ReportArgs),
}

#[derive(Debug, clap::Args)]
pub struct CollectArgs {
    /// Only this server (repeatable) [default: every web server]
    #[arg(long, value_name = "SERVER", add = super::complete::server())]
    server: Vec<String>,
    /// Only this day (YYYY-MM-DD, before today) [default: every finished day the logs still hold]
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The month (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    period: String,
    /// Only this package
    #[arg(long, value_name = "PACKAGE", add = super::complete::package())]
    package: Option<String>,
}

pub fn run(_ctx: &Ctx, cmd: TrafficCommand) -> Result<()> {
    match cmd {
        TrafficCommand::Collect(_) => Err(Error::Failed("traffic collect is not built yet".into())),
        TrafficCommand::Report(_) => Err(Error::Failed("traffic report is not built yet".into())),
    }
}
