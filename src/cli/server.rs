//! `hsadmin server add|list|show|remove`
use super::Ctx;
use super::member::opt;
use crate::Result;
use crate::ledger::server::Server;
use crate::model::{self, Address, Roles, ServerName};
use crate::ops::server::{self, NewServer, ServerDetails};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum ServerCommand {
    /// Add a managed server
    Add(AddArgs),
    /// List servers
    List,
    /// Show a server and the packages on it
    Show(NameArg),
    /// Remove a server that hosts no packages
    Remove(RemoveArgs),
}

#[derive(Debug, clap::Args)]
pub struct NameArg {
    /// Server name, like h01 or vm1001
    name: String,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Server name, like h01 or vm1001
    name: String,
    /// SSH address: IP address or host name
    #[arg(long)]
    address: String,
    /// SSH port
    #[arg(long, default_value_t = 22)]
    port: u16,
    /// Roles, comma-separated: web, dns-primary, dns-secondary, backup
    #[arg(long = "role", value_name = "ROLES")]
    roles: String,
    /// Public IPv4 address (vhosts and DNS A records)
    #[arg(long)]
    ipv4: Option<String>,
    /// Public IPv6 address (DNS AAAA records)
    #[arg(long)]
    ipv6: Option<String>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// Server name
    name: String,
    /// Do not ask for confirmation
    #[arg(long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(ctx: &Ctx, cmd: ServerCommand) -> Result<()> {
    match cmd {
        ServerCommand::Add(a) => {
            let new = NewServer {
                name: ServerName::parse("name", &a.name)?,
                address: Address::parse("address", &a.address)?,
                port: a.port,
                roles: Roles::parse("role", &a.roles)?,
                ipv4: opt(&a.ipv4, |s| model::ipv4("ipv4", s))?,
                ipv6: opt(&a.ipv6, |s| model::ipv6("ipv6", s))?,
            };
            let s = ctx.ledger()?.write(a.dry_run, |tx| server::add(tx, new))?;
            ctx.out.status("Added", &format!("server {} at {}:{} ({})", s.name, s.address, s.port, s.roles));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&s)
        }
        ServerCommand::List => ctx.out.emit(&ctx.ledger()?.read(server::list)?),
        ServerCommand::Show(a) => {
            let name = ServerName::parse("name", &a.name)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| server::show(tx, &name))?)
        }
        ServerCommand::Remove(a) => {
            let name = ServerName::parse("name", &a.name)?;
            ctx.confirm(a.yes || a.dry_run, &format!("Remove server {name} from the ledger?"))?;
            let s = ctx.ledger()?.write(a.dry_run, |tx| server::remove(tx, &name))?;
            ctx.out.status("Removed", &format!("server {}", s.name));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&s)
        }
    }
}

fn fields(s: &Server) -> Vec<(&'static str, String)> {
    vec![
        ("name", s.name.clone()),
        ("address", format!("{}:{}", s.address, s.port)),
        ("roles", s.roles.clone()),
        ("ipv4", table::opt(&s.ipv4)),
        ("ipv6", table::opt(&s.ipv6)),
        ("host key", s.host_key.as_deref().map_or("not pinned".into(), |k| k.chars().take(40).collect::<String>() + "…")),
    ]
}

impl Render for Server {
    fn human(&self) -> String {
        table::text(&table::fields(fields(self)))
    }
}

impl Render for ServerDetails {
    fn human(&self) -> String {
        let mut rows = fields(&self.server);
        rows.push(("packages", if self.packages.is_empty() { "-".into() } else { self.packages.join(", ") }));
        table::text(&table::fields(rows))
    }
}

impl Render for Vec<Server> {
    fn human(&self) -> String {
        let mut t = table::list(["name", "address", "port", "roles", "ipv4", "ipv6"]);
        for s in self {
            t.add_row(vec![s.name.clone(), s.address.clone(), s.port.to_string(), s.roles.clone(), table::opt(&s.ipv4), table::opt(&s.ipv6)]);
        }
        table::text(&t)
    }
}
