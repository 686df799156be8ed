//! `hsadmin package create|list|show|update|cancel`
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview};
use super::opt;
use crate::Result;
use crate::ledger::cron::CronJob;
use crate::ledger::package::Package;
use crate::model::{self, MemberNumber, PackageName, PackageStatus, ProductCode, ServerName, TextField, UserName};
use crate::ops::package::{self, Affected, Changes, Listed, NewPackage, PackageDetails, Resources};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum PackageCommand {
    /// Create a package and its admin user of the same name
    Create(CreateArgs),
    /// List packages
    List(ListArgs),
    /// Show a package and its users
    Show(NameArg),
    /// Change a package's resources or billing
    Update(UpdateArgs),
    /// End a package on a date: its users are locked, sites and cron jobs stop; data stays
    Cancel(CancelArgs),
    /// Delete an ended package's data on its server for good (users, homes, sites, cron jobs)
    Purge(PurgeArgs),
}

#[derive(Debug, clap::Args)]
pub struct PurgeArgs {
    /// Package name
    #[arg(add = complete::package())]
    name: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct NameArg {
    /// Package name: the member's prefix and two digits, like xyz00
    #[arg(add = complete::package())]
    name: String,
}

#[derive(Debug, clap::Args)]
pub struct ResourceArgs {
    /// Disk space in MB [default on create: what the product includes; on update: unchanged]
    #[arg(long, value_name = "MB")]
    webspace_mb: Option<i64>,
    /// Monthly traffic in GB [default on create: what the product includes; on update: unchanged]
    #[arg(long, value_name = "GB")]
    traffic_gb: Option<i64>,
    /// Most Unix users, the admin included [default on create: what the product includes; on update: unchanged]
    #[arg(long, value_name = "N")]
    users: Option<i64>,
    /// Most domains [default on create: what the product includes; on update: unchanged]
    #[arg(long, value_name = "N")]
    domains: Option<i64>,
}

impl ResourceArgs {
    fn resources(&self) -> Resources {
        Resources { webspace_mb: self.webspace_mb, traffic_gb: self.traffic_gb, users: self.users, domains: self.domains }
    }
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Package name: the member's prefix and two digits, like xyz00
    name: String,
    /// Member number owning the package
    #[arg(long)]
    #[arg(add = complete::member())]
    member: String,
    /// Webspace product code from the catalog, like DW/SA
    #[arg(long)]
    #[arg(add = complete::product())]
    product: String,
    /// Web server the package lives on
    #[arg(long)]
    #[arg(add = complete::server())]
    server: String,
    #[command(flatten)]
    resources: ResourceArgs,
    /// First day of the package (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Not billed (`--free` alone means true) [default: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    free: Option<bool>,
    /// Free comment
    #[arg(long)]
    comment: Option<String>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only packages of this member
    #[arg(long)]
    #[arg(add = complete::member())]
    member: Option<String>,
    /// Only packages on this server
    #[arg(long)]
    #[arg(add = complete::server())]
    server: Option<String>,
    /// Only packages that stand so today: active (no end), ending (cancelled for a later day), cancelled (ended)
    #[arg(long, value_parser = super::choices(PackageStatus::ALL.iter().map(|s| s.as_str())))]
    status: Option<String>,
    /// Sort by this column [default: name]
    #[arg(long, value_name = "FIELD", value_parser = super::sort_keys(package::SORT))]
    sort: Option<String>,
    /// Sort in descending order
    #[arg(long)]
    reverse: bool,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Package name
    #[arg(add = complete::package())]
    name: String,
    #[command(flatten)]
    resources: ResourceArgs,
    /// Not billed (true) or billed again (false); `--free` alone means true [default: unchanged]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    free: Option<bool>,
    /// Free comment
    #[arg(long)]
    comment: Option<String>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct CancelArgs {
    /// Package name
    #[arg(add = complete::package())]
    name: String,
    /// Last day of the package (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    date: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

pub fn run(ctx: &Ctx, cmd: PackageCommand) -> Result<()> {
    match cmd {
        PackageCommand::Create(a) => {
            let new = NewPackage {
                name: PackageName::parse("name", &a.name)?,
                member: MemberNumber::parse("member", &a.member)?,
                product: ProductCode::parse("product", &a.product)?,
                server: ServerName::parse("server", &a.server)?,
                resources: a.resources.resources(),
                since: opt(&a.since, |s| model::date("since", s))?.unwrap_or_else(model::today),
                free: a.free.unwrap_or(false),
                comment: opt(&a.comment, |s| TextField::parse("comment", s, 256))?,
            };
            let hosting = ctx.config.config.hosting.clone();
            let p = ctx.ledger()?.write(a.dry_run, |tx| package::create(tx, new, &hosting))?;
            ctx.out.status("Created", &format!("package {} on {} with admin user {}", p.package.name, p.package.server, p.package.name));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&p)?;
            super::converge::after_change(ctx, &[&p.package.name], a.dry_run, a.apply)
        }
        PackageCommand::List(a) => list(ctx, a),
        PackageCommand::Show(a) => {
            let name = PackageName::parse("name", &a.name)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| package::show(tx, &name, model::today()))?)
        }
        PackageCommand::Update(a) => {
            let name = PackageName::parse("name", &a.name)?;
            let changes = Changes { resources: a.resources.resources(), free: a.free, comment: opt(&a.comment, |s| TextField::parse("comment", s, 256))? };
            let p = ctx.ledger()?.write(a.dry_run, |tx| package::update(tx, &name, changes))?;
            ctx.out.status("Updated", &format!("package {}", p.name));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&p)?;
            super::converge::after_zone_change(ctx, &[&p.name], a.dry_run, a.apply)
        }
        PackageCommand::Cancel(a) => {
            let name = PackageName::parse("name", &a.name)?;
            let date = model::date("date", &a.date)?;
            let r = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| package::cancel(tx, &name, date), cancelling)?;
            let p = r.package;
            ctx.out.status("Cancelled", &format!("package {} as of {date}", p.name));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&p)?;
            super::converge::after_change(ctx, &[&p.name], a.dry_run, a.apply)
        }
        PackageCommand::Purge(a) => {
            let name = PackageName::parse("name", &a.name)?;
            let r = ctx.destroy(a.yes, a.dry_run, Ask::Typed(name.as_str()), |tx| package::purge(tx, &name, model::today()), purging)?;
            let p = r.package;
            ctx.out.status("Purged", &format!("package {} (its data goes on the next apply of {})", p.name, p.server));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&p)?;
            super::converge::after_zone_change(ctx, &[&p.name], a.dry_run, a.apply)
        }
    }
}

fn list(ctx: &Ctx, a: ListArgs) -> Result<()> {
    let filter = package::Filter {
        member: opt(&a.member, |s| MemberNumber::parse("member", s))?,
        server: opt(&a.server, |s| ServerName::parse("server", s))?,
        status: opt(&a.status, |s| PackageStatus::parse("status", s))?,
    };
    let sort = super::sort(&a.sort, package::SORT, a.reverse)?;
    let packages = ctx.ledger()?.read(|tx| package::list(tx, &filter, model::today(), sort))?;
    ctx.out.emit(&packages)
}

fn cron_line(j: &CronJob) -> String {
    format!("cron job {} of {}: {} {}", j.id, j.user, j.schedule.as_str(), j.command.as_str())
}

/// What `package cancel` stops: listed before it asks.
fn cancelling(r: &Affected) -> Preview {
    let (p, date) = (&r.package, r.package.valid_to.as_deref().unwrap_or_default());
    Preview::new(format!("cancel package {} as of {date}", p.name))
        .line(format!("package {} on server {}: its last day is {date}; the first apply after it", p.name, p.server))
        .each(&r.users, |u| format!("locks user {} (uid {})", u.name, u.uid))
        .each(&r.domains, |d| format!("stops serving domain {}", d.name))
        .each(&r.cron_jobs, |j| format!("stops {}", cron_line(j)))
        .each(&r.db_users, |u| format!("locks {} user {}", u.engine, u.name))
        .line(format!("its data stays on {} until `hsadmin package purge {}`", p.server, p.name))
}

/// What `package purge` deletes for good: listed before it asks for the package name.
fn purging(r: &Affected) -> Preview {
    let p = &r.package;
    let home = UserName::from(&p.name).home();
    Preview::new(format!("purge package {} and delete its data on server {} for good", p.name, p.server))
        .each(&r.users, |u| format!("user {} (uid {}), home {}", u.name, u.uid, u.home))
        .each(&r.domains, |d| format!("domain {} and its web server set-up", d.name))
        .each(&r.cron_jobs, cron_line)
        .each(&r.databases, |d| format!("{} database {}", d.engine, d.name))
        .each(&r.db_users, |u| format!("{} user {}", u.engine, u.name))
        .line(format!("{home} on {} and everything in it, on the next apply", p.server))
}

fn fields(p: &Package) -> Vec<(&'static str, String)> {
    vec![
        ("name", p.name.to_string()),
        ("member", p.member.to_string()),
        ("product", p.product.to_string()),
        ("server", p.server.to_string()),
        ("webspace", format!("{} MB", p.webspace_mb)),
        ("traffic", format!("{} GB", p.traffic_gb)),
        ("users", p.users.to_string()),
        ("domains", p.domains.to_string()),
        ("from", p.valid_from.clone()),
        ("to", table::opt(&p.valid_to)),
        ("free", table::yes_no(p.free)),
        ("comment", table::opt(&p.comment)),
    ]
}

impl Render for Package {
    fn human(&self) -> String {
        table::text(&table::fields(fields(self)))
    }
}

impl Render for PackageDetails {
    fn human(&self) -> String {
        let mut rows = fields(&self.package);
        rows.push(("status", self.status.to_owned()));
        rows.push(("unix users", format!("{} of {}: {}", self.users_used.len(), self.package.users, self.users_used.join(", "))));
        let live = match &self.live {
            None => "never applied".to_owned(),
            Some(l) => {
                let usage =
                    l.used_kb.map_or(String::new(), |kb| format!(", {:.1} MB used (as of {})", kb as f64 / 1024.0, l.used_as_of.as_deref().unwrap_or("?")));
                let error = l.error.as_deref().map_or(String::new(), |e| format!(": {e}"));
                format!("{} since {}{usage}{error}", l.state, l.applied_at.as_deref().unwrap_or("-"))
            }
        };
        rows.push(("on server", live));
        table::text(&table::fields(rows))
    }
}

impl Render for Vec<Listed> {
    fn human(&self) -> String {
        let mut t = table::list(["name", "member", "product", "server", "webspace MB", "users", "from", "to", "status"]);
        for l in self {
            let p = &l.package;
            t.add_row(vec![
                p.name.to_string(),
                p.member.to_string(),
                p.product.to_string(),
                p.server.to_string(),
                p.webspace_mb.to_string(),
                p.users.to_string(),
                p.valid_from.clone(),
                table::opt(&p.valid_to),
                l.status.to_owned(),
            ]);
        }
        table::text(&t)
    }
}
