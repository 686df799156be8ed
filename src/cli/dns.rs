//! `hsadmin dns record add|list|remove`, `dns show`, `dns check`: a zone's own records, the zone as
//! hsadmin renders it, and BIND's `named-checkzone` on the rendered zones. Record changes are checked
//! with `named-checkzone` before they are committed and then applied to the name servers.
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview};
use crate::ledger::dns::Record;
use crate::model::dns::DnsRecord;
use crate::model::{self, DomainName};
use crate::ops::dns::{self, Checked};
use crate::output::{Render, table};
use crate::{Error, Result};
use serde::Serialize;

#[derive(Debug, clap::Subcommand)]
pub enum DnsCommand {
    /// The records a domain's zone has besides the generated ones (SOA, NS, MX, SPF, A/AAAA)
    #[command(subcommand)]
    Record(RecordCommand),
    /// Print a domain's zone file as the next apply writes it
    Show(DomainArg),
    /// Check rendered zones with named-checkzone -k fail (every zone without arguments)
    Check(CheckArgs),
}

#[derive(Debug, clap::Subcommand)]
pub enum RecordCommand {
    /// Add a record to a domain's zone: 'NAME [TTL] [IN] TYPE DATA' (A, AAAA, CNAME, MX, TXT, SRV, CAA, NS)
    Add(AddArgs),
    /// List records, of one domain or of all
    List(ListArgs),
    /// Remove a record by its id (`delete` is an alias)
    #[command(visible_alias = "delete")]
    Remove(RemoveArgs),
}

#[derive(Debug, clap::Args)]
pub struct DomainArg {
    /// Domain name, like example.org
    #[arg(add = complete::domain())]
    domain: String,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Domains whose zones to check [default: every zone]
    #[arg(add = complete::domain())]
    domains: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Domain name, like example.org
    #[arg(add = complete::domain())]
    domain: String,
    /// The record as one zone-file line, names relative to the zone (@ for the domain itself)
    record: String,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only the records of this domain
    #[arg(add = complete::domain())]
    domain: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// The record's id (from `dns record list`)
    id: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

pub fn run(ctx: &Ctx, cmd: DnsCommand) -> Result<()> {
    let cfg = &ctx.config.config.dns;
    let today = model::today().to_string();
    match cmd {
        DnsCommand::Record(RecordCommand::Add(a)) => {
            let domain = DomainName::parse("domain", &a.domain)?;
            let record = DnsRecord::parse("record", &domain, &a.record)?;
            let r = ctx.ledger()?.write(a.dry_run, |tx| dns::add_record(tx, &domain, record, cfg, &today))?;
            ctx.out.status("Added", &format!("record {} to the zone {domain}: {}", r.id, model::printable(&r.record.line())));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&r)?;
            super::converge::after_zone_change(ctx, &[], a.dry_run, a.apply)
        }
        DnsCommand::Record(RecordCommand::List(a)) => {
            let domain = super::opt(&a.domain, |s| DomainName::parse("domain", s))?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| dns::list(tx, domain.as_ref()))?)
        }
        DnsCommand::Record(RecordCommand::Remove(a)) => {
            let id = model::bounded("id", a.id.parse::<i64>().map_err(|_| Error::invalid("id", "must be a record id (a number)"))?, 1, i64::MAX)?;
            let r = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| dns::remove_record(tx, id, cfg, &today), removing)?;
            ctx.out.status("Removed", &format!("record {} from the zone {}", r.id, r.domain));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&r)?;
            super::converge::after_zone_change(ctx, &[], a.dry_run, a.apply)
        }
        DnsCommand::Show(a) => {
            let domain = DomainName::parse("domain", &a.domain)?;
            let z = ctx.ledger()?.read(|tx| dns::zone(tx, &domain, cfg, &today))?;
            ctx.out.emit(&ZoneView { zone: z.name, serial: z.serial, text: z.text })
        }
        DnsCommand::Check(a) => {
            let names = a.domains.iter().map(|d| DomainName::parse("domain", d)).collect::<Result<Vec<_>>>()?;
            let checked = ctx.ledger()?.read(|tx| dns::check(tx, &names, cfg, &today))?;
            ctx.out.emit(&checked)?;
            let failed = checked.iter().filter(|c| !c.ok).count();
            if failed > 0 {
                return Err(Error::Failed(format!("{} of {} fail named-checkzone", model::count(failed, "zone"), checked.len())));
            }
            ctx.out.status("Checked", &format!("{}: OK", model::count(checked.len(), "zone")));
            Ok(())
        }
    }
}

/// What `dns record remove` removes: listed before it asks.
fn removing(r: &Record) -> Preview {
    Preview::new(format!("remove DNS record {} of {}", r.id, r.domain)).line(format!("{} in the zone {}", model::printable(&r.record.line()), r.domain))
}

/// A zone as `dns show` prints it: the zone file for people, its name, serial and text in JSON.
#[derive(Debug, Serialize)]
struct ZoneView {
    zone: String,
    serial: u32,
    text: String,
}

impl Render for ZoneView {
    fn human(&self) -> String {
        self.text.clone()
    }
}

impl Render for Record {
    fn human(&self) -> String {
        vec![self.clone()].human()
    }
}

impl Render for Vec<Record> {
    fn human(&self) -> String {
        let mut t = table::list(["id", "domain", "name", "ttl", "type", "data"]);
        for r in self {
            let ttl = r.record.ttl.map(|t| t.to_string()).unwrap_or_else(|| "-".into());
            t.add_row(vec![
                r.id.to_string(),
                r.domain.to_string(),
                r.record.name.clone(),
                ttl,
                r.record.rtype().into(),
                model::printable(&r.record.data_text()),
            ]);
        }
        table::text(&t)
    }
}

impl Render for Vec<Checked> {
    fn human(&self) -> String {
        let mut t = table::list(["zone", "serial", "result"]);
        for c in self {
            t.add_row(vec![c.zone.clone(), c.serial.to_string(), if c.ok { "OK".into() } else { model::printable(&c.message) }]);
        }
        table::text(&t)
    }
}
