//! `hsadmin plan` and `hsadmin apply`: bring the servers in line with the ledger. The workflow lives in
//! `ops::converge`; this file parses, calls it, and says what happened.
use super::Ctx;
use super::complete;
use crate::error::exit;
use crate::model::{self, PackageName, ServerName};
use crate::ops::converge::{self, Outcome, Selection, ServerResult};
use crate::output::{Render, count, table};
use crate::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// Only these servers [default: every server with a role hsadmin manages]
    #[arg(long = "server", value_name = "NAME")]
    #[arg(add = complete::server())]
    servers: Vec<String>,
    /// Only these roles (web, dns-primary, …) [default: every role of each server]
    #[arg(long = "role", value_name = "ROLE")]
    roles: Vec<String>,
    /// Exit 3 when something would change (0 when every server is in line), for drift checks from cron;
    /// the plan is the result, not an error
    #[arg(long)]
    detailed_exitcode: bool,
    /// How many servers to work on at once [default: ssh.jobs]
    #[arg(long)]
    jobs: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// Only these servers [default: every server with a role hsadmin manages]
    #[arg(long = "server", value_name = "NAME")]
    #[arg(add = complete::server())]
    servers: Vec<String>,
    /// Only these roles (web, dns-primary, …) [default: every role of each server]
    #[arg(long = "role", value_name = "ROLE")]
    roles: Vec<String>,
    /// How many servers to work on at once [default: ssh.jobs]
    #[arg(long)]
    jobs: Option<usize>,
}

/// Plans; with `--detailed-exitcode`, drift is the result (exit 3), not an error.
pub fn plan(ctx: &Ctx, a: PlanArgs) -> Result<u8> {
    let results = run(ctx, &Selection::parse(&a.servers, &a.roles)?, a.jobs, false)?;
    ctx.out.emit(&results)?;
    notes(ctx, &results, "Would remove");
    converge::summary(&results)?;
    let changes: usize = results.iter().map(|r| r.actions.len()).sum();
    let touched = results.iter().filter(|r| !r.actions.is_empty()).count();
    ctx.out.status("Planned", &format!("{} on {touched} of {}", count(changes, "change"), count(results.len(), "server")));
    Ok(if a.detailed_exitcode && changes > 0 { exit::PARTIAL } else { exit::OK })
}

pub fn apply(ctx: &Ctx, a: ApplyArgs) -> Result<()> {
    let results = run(ctx, &Selection::parse(&a.servers, &a.roles)?, a.jobs, true)?;
    ctx.out.emit(&results)?;
    report(ctx, &results)
}

/// Says what apply did on stderr, and fails (exit 3) when a server did not converge.
fn report(ctx: &Ctx, results: &[ServerResult]) -> Result<()> {
    notes(ctx, results, "Removed");
    let applied: usize = results.iter().filter(|r| r.outcome == Outcome::Applied).map(|r| r.actions.len()).sum();
    if applied == 0 && results.iter().all(|r| r.outcome == Outcome::Unchanged) {
        ctx.out.status("Unchanged", &format!("{} already in line with the ledger; nothing was done", count(results.len(), "server")));
    } else {
        let servers = results.iter().filter(|r| r.outcome == Outcome::Applied).count();
        ctx.out.status("Applied", &format!("{} on {}", count(applied, "change"), count(servers, "server")));
    }
    converge::summary(results)
}

/// Every removal and warning on stderr, and each failed unit with its reason.
fn notes(ctx: &Ctx, results: &[ServerResult], removed: &str) {
    for r in results {
        for a in r.removals() {
            ctx.out
                .status(removed, &format!("{} {} on {} ({})", a.name.trim_start_matches("remove_").trim_start_matches("purge_"), a.target, r.server, a.unit));
        }
        for w in &r.warnings {
            ctx.out.warn(&format!("{}: {w}", r.server));
        }
        for f in &r.failed {
            let at = f.step.as_deref().map(|s| format!(" at {s}")).unwrap_or_default();
            ctx.out.warn(&format!("{}: {} {} failed{at}: {}", r.server, f.role.as_str(), f.unit, f.error));
        }
    }
}

/// Plans or applies on the selected servers and records the outcome.
fn run(ctx: &Ctx, sel: &Selection, jobs: Option<usize>, apply: bool) -> Result<Vec<ServerResult>> {
    let config = &ctx.config.config;
    let jobs = converge::jobs(jobs, config)?;
    let mut ledger = ctx.ledger()?;
    let progress = Bar(ctx.out.progress(0, if apply { "applying" } else { "planning" }));
    let results = converge::converge(&mut ledger, sel, config, apply, jobs, &progress);
    progress.0.finish();
    results
}

/// `--no-apply`, on the verbs that change servers (the others have nothing to apply).
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ApplyArg {
    /// Change the ledger only; the servers of the change are marked pending until `hsadmin apply`
    #[arg(long, env = "HSADMIN_NO_APPLY", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_apply: bool,
}

/// The progress bar on stderr, told by the engine how far it got.
struct Bar(crate::output::Progress);

impl converge::Progress for Bar {
    fn start(&self, servers: usize) {
        self.0.set_total(servers as u64);
    }

    fn done(&self, server: &str) {
        self.0.done(server);
    }
}

/// Brings the servers of the changed packages in line right after the change was committed (unless
/// `--no-apply`, which leaves them pending). A server that cannot be reached, or a unit that fails,
/// leaves the server pending: exit 3.
/// A package-level change's finishing steps: the dry-run note, the result, then the package's server
/// brought in line.
pub(crate) fn finish_change(ctx: &Ctx, value: &impl crate::output::Render, package: &PackageName, dry_run: bool, apply: ApplyArg) -> Result<()> {
    finish(ctx, value, package, Reach::Packages, dry_run, apply)
}

/// Like [`finish_change`] for a change of mail: the inbound mail servers too (`[mail] inbound`).
pub(crate) fn finish_mail_change(ctx: &Ctx, value: &impl crate::output::Render, package: &PackageName, dry_run: bool, apply: ApplyArg) -> Result<()> {
    finish(ctx, value, package, Reach::Mail, dry_run, apply)
}

fn finish(ctx: &Ctx, value: &impl crate::output::Render, package: &PackageName, reach: Reach, dry_run: bool, apply: ApplyArg) -> Result<()> {
    ctx.dry_run_note(dry_run);
    ctx.out.emit(value)?;
    changed(ctx, &[package], reach, dry_run, apply)
}

pub(crate) fn after_change(ctx: &Ctx, packages: &[&PackageName], dry_run: bool, apply: ApplyArg) -> Result<()> {
    changed(ctx, packages, Reach::Packages, dry_run, apply)
}

/// Like [`after_change`] for a change of zones (domains, their records): the name servers too, and the
/// inbound mail servers, which relay the mail domains.
pub(crate) fn after_zone_change(ctx: &Ctx, packages: &[&PackageName], dry_run: bool, apply: ApplyArg) -> Result<()> {
    changed(ctx, packages, Reach::Zones, dry_run, apply)
}

/// Which servers a change reaches besides those of its packages.
#[derive(Clone, Copy, PartialEq)]
enum Reach {
    Packages,
    Zones,
    Mail,
}

fn changed(ctx: &Ctx, packages: &[&PackageName], reach: Reach, dry_run: bool, apply: ApplyArg) -> Result<()> {
    if dry_run || (packages.is_empty() && reach == Reach::Packages) {
        return Ok(());
    }
    let mut servers = ctx.ledger()?.read(|tx| converge::servers_of(tx, packages))?;
    let mut also = Vec::new();
    if reach == Reach::Zones {
        also.extend(ctx.ledger()?.read(converge::name_servers)?);
    }
    if reach != Reach::Packages {
        also.extend(ctx.ledger()?.read(|tx| converge::inbound_mail_servers(tx, &ctx.config.config.mail))?);
    }
    for s in also {
        if !servers.contains(&s) {
            servers.push(s);
        }
    }
    if servers.is_empty() {
        return Ok(());
    }
    if apply.no_apply {
        ctx.ledger()?.write(false, |tx| converge::mark_pending(tx, &servers))?;
        let names: Vec<&str> = servers.iter().map(ServerName::as_str).collect();
        ctx.out.status("Pending", &format!("{} (--no-apply): run `hsadmin apply` to bring them in line", names.join(", ")));
        return Ok(());
    }
    let results = run(ctx, &Selection { servers, roles: Vec::new() }, None, true)?;
    notes(ctx, &results, "Removed");
    for r in &results {
        match r.outcome {
            Outcome::Applied => ctx.out.status("Applied", &format!("{} on {}", count(r.actions.len(), "change"), r.server)),
            Outcome::Unchanged => ctx.out.status("Unchanged", &format!("{} was already in line", r.server)),
            _ => {}
        }
    }
    converge::summary(&results).map_err(|e| Error::Partial(format!("the ledger change is saved, but {e}")))
}

impl Render for Vec<ServerResult> {
    fn human(&self) -> String {
        let mut t = table::list(["server", "outcome", "#", "action", "target", "unit"]);
        for r in self {
            let outcome = serde_json::to_value(r.outcome).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            let row = |a: &str, b: &str, c: String, d: String, e: String| {
                vec![r.server.to_string(), a.to_owned(), b.to_owned(), model::printable(&c), model::printable(&d), e]
            };
            if r.actions.is_empty() {
                t.add_row(row(&outcome, "-", r.error.clone().unwrap_or_else(|| "in line".into()), String::new(), String::new()));
            }
            for (i, a) in r.actions.iter().enumerate() {
                t.add_row(row(&outcome, &(i + 1).to_string(), a.name.clone(), a.target.clone(), format!("{} {}", a.role.as_str(), a.unit)));
            }
            for f in &r.failed {
                t.add_row(row(&outcome, "!", format!("failed: {}", f.error), f.step.clone().unwrap_or_default(), format!("{} {}", f.role.as_str(), f.unit)));
            }
            if let (Some(e), false) = (&r.error, r.actions.is_empty()) {
                t.add_row(row(&outcome, "!", e.clone(), String::new(), String::new()));
            }
        }
        table::text(&t)
    }
}
