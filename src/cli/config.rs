//! `hsadmin config show`
use super::Ctx;
use crate::Result;
use crate::config::Config;
use crate::output::Render;
use serde::Serialize;

#[derive(Debug, clap::Subcommand)]
pub enum ConfigCommand {
    /// Show the configuration in effect, where it came from, and the ledger path
    Show,
}

#[derive(Serialize)]
struct Shown<'a> {
    source: Option<String>,
    ledger: String,
    config: &'a Config,
}

impl Render for Shown<'_> {
    fn human(&self) -> String {
        let source = self.source.as_deref().unwrap_or("(none found: built-in defaults)");
        let body = toml::to_string_pretty(self.config).unwrap_or_default();
        format!("# config file: {source}\n# ledger: {}\n{body}", self.ledger)
    }
}

pub fn run(ctx: &Ctx, cmd: ConfigCommand) -> Result<()> {
    match cmd {
        ConfigCommand::Show => ctx.out.emit(&Shown {
            source: ctx.config.source.as_ref().map(|p| p.display().to_string()),
            ledger: ctx.ledger_path.display().to_string(),
            config: &ctx.config.config,
        }),
    }
}
