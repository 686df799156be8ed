//! `hsadmin domain add|update|delete|list|show`
use super::Ctx;
use crate::Result;

#[derive(Debug, clap::Subcommand)]
pub enum DomainCommand {
    /// List domains
    List,
}

pub fn run(_ctx: &Ctx, _cmd: DomainCommand) -> Result<()> {
    Ok(())
}
