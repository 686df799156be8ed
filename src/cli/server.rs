//! `hsadmin server add|list|show|update|trust|check|remove`
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview};
use super::opt;
use crate::ledger::server::Server;
use crate::model::{self, Address, Fingerprint, Role, Roles, ServerName};
use crate::ops::server::{self, CheckReport, NewServer, ServerChanges, ServerDetails};
use crate::output::{Render, table};
use crate::remote::SshOptions;
use crate::{Error, Result};
use serde::Serialize;
use std::io::IsTerminal;

#[derive(Debug, clap::Subcommand)]
pub enum ServerCommand {
    /// Add a managed server
    Add(AddArgs),
    /// List servers
    List(ListArgs),
    /// Show a server and the packages on it
    Show(NameArg),
    /// Change a server's address, port, roles or public addresses (a pinned host key stays)
    Update(UpdateArgs),
    /// Fetch a server's SSH host key, show its fingerprint, and pin it once confirmed
    Trust(TrustArgs),
    /// Check servers: reachability, latency, host key, OS release and the tools hsadmin needs
    Check(CheckArgs),
    /// Remove a server that hosts no packages
    Remove(RemoveArgs),
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only servers with this role
    #[arg(long, value_parser = super::choices(Role::ALL.iter().map(|r| r.as_str())))]
    role: Option<String>,
    /// Sort by this column [default: name]
    #[arg(long, value_name = "FIELD", value_parser = super::sort_keys(server::SORT))]
    sort: Option<String>,
    /// Sort in descending order
    #[arg(long)]
    reverse: bool,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Server name
    #[arg(add = complete::server())]
    name: String,
    /// SSH address: IP address or host name
    #[arg(long)]
    address: Option<String>,
    /// SSH port
    #[arg(long)]
    port: Option<u16>,
    /// Roles, comma-separated: web, dns-primary, dns-secondary, backup, mariadb, postgresql, mail
    #[arg(long = "role", value_name = "ROLES", value_parser = super::choices(Role::ALL.iter().map(|r| r.as_str())))]
    roles: Option<String>,
    /// Public IPv4 address
    #[arg(long)]
    ipv4: Option<String>,
    /// Public IPv6 address
    #[arg(long)]
    ipv6: Option<String>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct TrustArgs {
    /// Server name
    #[arg(add = complete::server())]
    name: String,
    /// Pin the key only if its fingerprint is exactly this (SHA256:…, as `ssh-keygen -lf` prints it)
    #[arg(long, value_name = "SHA256")]
    fingerprint: Option<String>,
    /// Show the key and its fingerprint, pin nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Servers to check [default: all]
    #[arg(add = complete::server())]
    names: Vec<String>,
    /// How many servers to check at once [default: ssh.jobs from the config]
    #[arg(long)]
    jobs: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct NameArg {
    /// Server name, like h01 or vm1001
    #[arg(add = complete::server())]
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
    /// Roles, comma-separated: web, dns-primary, dns-secondary, backup, mariadb, postgresql, mail
    #[arg(long = "role", value_name = "ROLES", value_parser = super::choices(Role::ALL.iter().map(|r| r.as_str())))]
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
    #[arg(add = complete::server())]
    name: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
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
        ServerCommand::List(a) => {
            let role = opt(&a.role, |s| Role::parse("role", s))?;
            let sort = super::sort(&a.sort, server::SORT, a.reverse)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| server::find(tx, role, sort))?)
        }
        ServerCommand::Show(a) => {
            let name = ServerName::parse("name", &a.name)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| server::show(tx, &name))?)
        }
        ServerCommand::Update(a) => {
            let name = ServerName::parse("name", &a.name)?;
            let changes = ServerChanges {
                address: opt(&a.address, |s| Address::parse("address", s))?,
                port: a.port,
                roles: opt(&a.roles, |s| Roles::parse("role", s))?,
                ipv4: opt(&a.ipv4, |s| model::ipv4("ipv4", s))?,
                ipv6: opt(&a.ipv6, |s| model::ipv6("ipv6", s))?,
            };
            let s = ctx.ledger()?.write(a.dry_run, |tx| server::update(tx, &name, changes))?;
            ctx.out.status("Updated", &format!("server {}", s.name));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&s)
        }
        ServerCommand::Trust(a) => trust(ctx, a),
        ServerCommand::Check(a) => check(ctx, a),
        ServerCommand::Remove(a) => {
            let name = ServerName::parse("name", &a.name)?;
            let s = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| server::remove(tx, &name), removing)?;
            ctx.out.status("Removed", &format!("server {}", s.name));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&s)
        }
    }
}

/// What `server remove` removes: listed before it asks.
fn removing(s: &Server) -> Preview {
    Preview::new(format!("remove server {} from the ledger", s.name))
        .line(format!("server {} at {}:{} ({}); nothing on the server itself changes", s.name, s.address, s.port, s.roles))
}

#[derive(Serialize)]
struct Trusted {
    server: String,
    key: String,
    fingerprint: String,
    pinned: bool,
}

impl Render for Trusted {
    fn human(&self) -> String {
        format!("{} {}\n", self.fingerprint, self.key)
    }
}

fn trust(ctx: &Ctx, a: TrustArgs) -> Result<()> {
    let name = ServerName::parse("name", &a.name)?;
    let expected = opt(&a.fingerprint, |s| Fingerprint::parse("fingerprint", s))?;
    let opts = SshOptions::from_config(&ctx.config.config.ssh);
    let mut ledger = ctx.ledger()?;
    let srv = ledger.read(|tx| server::get(tx, &name))?;
    let key = server::scan_host_key(&srv, &opts)?;
    let fingerprint = key.fingerprint();
    ctx.out.status("Host key", &format!("{name} at {}:{} presents {} {fingerprint}", srv.address, srv.port, key.algorithm()));
    let mut result = Trusted { server: name.to_string(), key: key.to_openssh(), fingerprint: fingerprint.clone(), pinned: false };
    if a.dry_run {
        ctx.dry_run_note(true);
        return ctx.out.emit(&result);
    }
    if server::is_pinned(&srv, &key, expected.as_ref()) {
        ctx.out.status("Trusted", &format!("{name}: this key is already pinned"));
        result.pinned = true;
        return ctx.out.emit(&result);
    }
    if expected.is_none() {
        if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
            return Err(Error::invalid(
                "fingerprint",
                format!(
                    "is required when stdin is not a terminal: compare {fingerprint} with the server's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and pass it with --fingerprint"
                ),
            ));
        }
        ctx.confirm(false, &format!("pin {fingerprint} as the host key of {name}"))?;
    }
    ledger.write(false, |tx| server::pin_host_key(tx, &name, &key, expected.as_ref()))?;
    ctx.out.status("Trusted", &format!("{name}: pinned {fingerprint}"));
    result.pinned = true;
    ctx.out.emit(&result)
}

fn check(ctx: &Ctx, a: CheckArgs) -> Result<()> {
    let names = a.names.iter().map(|n| ServerName::parse("name", n)).collect::<Result<Vec<_>>>()?;
    let jobs = crate::ops::converge::jobs(a.jobs, &ctx.config.config)?;
    let servers = ctx.ledger()?.read(|tx| if names.is_empty() { server::list(tx) } else { names.iter().map(|n| server::get(tx, n)).collect() })?;
    let opts = SshOptions::from_config(&ctx.config.config.ssh);
    let reports = server::check(&servers, &opts, jobs);
    ctx.out.emit(&reports)?;
    let failed: Vec<String> = reports.iter().filter(|r| !r.ok).map(|r| r.name.clone()).collect();
    if failed.is_empty() {
        ctx.out.status("Checked", &format!("{}, all fine", crate::output::count(reports.len(), "server")));
        Ok(())
    } else {
        Err(Error::Partial(format!("{} of {} failed the check: {}", failed.len(), crate::output::count(reports.len(), "server"), failed.join(", "))))
    }
}

impl Render for Vec<CheckReport> {
    fn human(&self) -> String {
        let mut t = table::list(["server", "address", "ok", "host key", "connect", "latency", "os", "mariadb", "postgresql", "problem"]);
        for r in self {
            let key = r.host_key.map_or("-".into(), |k| serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default());
            let problem = r.error.as_ref().map_or("-".into(), |e| e.message.clone());
            t.add_row(vec![
                r.name.clone(),
                format!("{}:{}", r.address, r.port),
                table::yes_no(r.ok),
                key,
                r.connect_ms.map_or("-".into(), |m| format!("{m} ms")),
                r.latency_ms.map_or("-".into(), |m| format!("{m} ms")),
                table::opt(&r.os),
                engine(r, "mariadb"),
                engine(r, "postgresql"),
                problem,
            ]);
        }
        table::text(&t)
    }
}

/// One database engine of a check for the table: `10.11.6-MariaDB running`, `15.8 stopped`, `not installed`,
/// or `-` when the check did not get that far.
fn engine(r: &CheckReport, name: &str) -> String {
    match r.databases.get(name) {
        None => "-".into(),
        Some(e) if !e.installed => "not installed".into(),
        Some(e) => format!("{} {}", e.version.as_deref().unwrap_or("?"), if e.running { "running" } else { "stopped" }),
    }
}

fn fields(s: &Server) -> Vec<(&'static str, String)> {
    vec![
        ("name", s.name.to_string()),
        ("address", format!("{}:{}", s.address, s.port)),
        ("roles", s.roles.to_string()),
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
        let last = match &self.state {
            None => "never applied".to_owned(),
            Some(s) => format!(
                "{} at {}, {} actions{}{}",
                s.outcome.as_deref().unwrap_or("not yet"),
                s.applied_at.as_deref().unwrap_or("-"),
                s.actions,
                if s.pending { ", PENDING" } else { "" },
                s.error.as_deref().map_or(String::new(), |e| format!(": {e}"))
            ),
        };
        rows.push(("last apply", last));
        table::text(&table::fields(rows))
    }
}

impl Render for Vec<Server> {
    fn human(&self) -> String {
        let mut t = table::list(["name", "address", "port", "roles", "ipv4", "ipv6"]);
        for s in self {
            t.add_row(vec![s.name.to_string(), s.address.to_string(), s.port.to_string(), s.roles.to_string(), table::opt(&s.ipv4), table::opt(&s.ipv6)]);
        }
        table::text(&t)
    }
}
