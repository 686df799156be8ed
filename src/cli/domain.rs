//! `hsadmin domain add|update|remove|list|show`, and the domain robot's verbs (in `registry.rs`)
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview};
use super::opt;
use crate::Result;
use crate::ledger::domain::Domain;
use crate::model::{self, DomainName, MemberNumber, PackageName, UserName};
use crate::ops::domain::{self, Changes, Details, NewDomain, Options};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum DomainCommand {
    /// Set up a domain on a package (web server, document root, subdomains; no registration)
    Add(AddArgs),
    /// Change a domain's owner, subdomains or options
    Update(UpdateArgs),
    /// Remove a domain's set-up from its package (a registered domain: `domain delete`)
    Remove(DeleteArgs),
    /// List domains
    List(ListArgs),
    /// Show a domain
    Show(NameArg),
    /// Register a domain at the registry, then set it up like `add` (unless --registration-only)
    Register(super::registry::RegisterArgs),
    /// Transfer a domain to us from another registrar (auth code on stdin)
    Transfer(super::registry::TransferArgs),
    /// Renew a domain's registration
    Renew(super::registry::RenewArgs),
    /// Change a domain at the registry: name servers, transfer/delete lock
    RegistryUpdate(super::registry::RegistryUpdateArgs),
    /// Delete a domain at the registry (when registered through us), then its set-up
    Delete(DeleteArgs),
    /// Show the registry's view of a domain beside the ledger's
    Info(super::registry::NameArg),
    /// Process the registry's messages (finished transfers and others), each once
    Poll,
    /// Print the auth code (authInfo) of a domain registered through us, for a transfer away
    AuthCode(super::registry::NameArg),
}

#[derive(Debug, clap::Args)]
pub struct NameArg {
    /// Domain name, like example.org (internationalised names in Unicode or xn-- form)
    #[arg(add = complete::domain())]
    name: String,
}

#[derive(Debug, clap::Args)]
pub struct OptionArgs {
    /// Allow CGI scripts [default on add: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    cgi: Option<bool>,
    /// Run PHP [default on add: true]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    php: Option<bool>,
    /// Show directory listings where there is no index file [default on add: true]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    indexes: Option<bool>,
    /// Serve over HTTPS (and redirect HTTP to it) [default on add: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    https: Option<bool>,
    /// Take mail for the domain (its addresses and lists) [default on add: true]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    mail: Option<bool>,
}

impl UpdateArgs {
    /// Whether any option of the domain's set-up (not the registry's) is given.
    fn sets_up(&self) -> bool {
        let o = &self.options;
        self.user.is_some()
            || self.subdomains.is_some()
            || !self.add_subdomain.is_empty()
            || !self.remove_subdomain.is_empty()
            || [o.cgi, o.php, o.indexes, o.https, o.mail].iter().any(Option::is_some)
    }
}

impl OptionArgs {
    fn options(&self) -> Options {
        Options { cgi: self.cgi, php: self.php, indexes: self.indexes, https: self.https, mail: self.mail }
    }
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Domain name, like example.org (internationalised names in Unicode or xn-- form)
    name: String,
    /// The package the domain is set up on
    #[arg(long)]
    #[arg(add = complete::package())]
    package: String,
    /// The user of the package owning the domain's files [default: the package admin]
    #[arg(long)]
    #[arg(add = complete::user())]
    user: Option<String>,
    /// Subdomains with their own document root, comma-separated, like blog,shop
    #[arg(long, value_name = "LIST")]
    subdomains: Option<String>,
    #[command(flatten)]
    options: OptionArgs,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Domain name
    #[arg(add = complete::domain())]
    name: String,
    /// Hand the domain to another user of its package
    #[arg(long)]
    #[arg(add = complete::user())]
    user: Option<String>,
    /// Replace the subdomains: a comma-separated list, like blog,shop ('' for none)
    #[arg(long, value_name = "LIST", conflicts_with_all = ["add_subdomain", "remove_subdomain"])]
    subdomains: Option<String>,
    /// Add one subdomain (repeatable)
    #[arg(long, value_name = "LABEL")]
    add_subdomain: Vec<String>,
    /// Remove one subdomain (repeatable)
    #[arg(long, value_name = "LABEL")]
    remove_subdomain: Vec<String>,
    #[command(flatten)]
    options: OptionArgs,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
    /// Name servers, lock and registrant at the registry (the same as `domain registry-update`); not
    /// together with the set-up's options above, and never a dry run
    #[command(flatten)]
    registry: super::registry::RegistryOptions,
}

/// `domain remove` and `domain delete`.
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// Domain name
    #[arg(add = complete::domain())]
    pub(super) name: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    pub(super) yes: bool,
    /// Show what would go, change nothing (neither at the registry nor in the ledger)
    #[arg(long)]
    pub(super) dry_run: bool,
    #[command(flatten)]
    pub(super) apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only domains on the packages of this member
    #[arg(long)]
    #[arg(add = complete::member())]
    member: Option<String>,
    /// Only domains of this package
    #[arg(long)]
    #[arg(add = complete::package())]
    package: Option<String>,
    /// Sort by this column [default: name]
    #[arg(long, value_name = "FIELD", value_parser = super::sort_keys(domain::SORT))]
    sort: Option<String>,
    /// Sort in descending order
    #[arg(long)]
    reverse: bool,
}

pub fn run(ctx: &Ctx, cmd: DomainCommand) -> Result<()> {
    match cmd {
        DomainCommand::Add(a) => {
            let new = NewDomain {
                name: DomainName::parse("name", &a.name)?,
                package: PackageName::parse("package", &a.package)?,
                user: opt(&a.user, |s| UserName::parse("user", s))?,
                subdomains: opt(&a.subdomains, |s| domain::subdomain_list("subdomains", s))?.unwrap_or_default(),
                options: a.options.options(),
            };
            let d = ctx.ledger()?.write(a.dry_run, |tx| domain::add(tx, new, model::today()))?;
            ctx.out.status("Added", &format!("domain {} to package {} (user {})", shown(&d.domain), d.domain.package, user_of(&d.domain)));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&d)?;
            super::converge::after_zone_change(ctx, &[&d.domain.package], a.dry_run, a.apply)
        }
        DomainCommand::Update(a) if a.registry.given() => {
            let name = DomainName::parse("name", &a.name)?;
            if a.dry_run || a.sets_up() {
                let rule = "cannot go with --dry-run or the set-up's options: the registry has no dry run; run `domain update` twice";
                return Err(crate::Error::invalid("nameserver/lock/unlock/registrant", rule));
            }
            super::registry::update_at_registry(ctx, &name, &a.registry)
        }
        DomainCommand::Update(a) => {
            let name = DomainName::parse("name", &a.name)?;
            let labels = |field: &str, list: &[String]| list.iter().map(|l| model::subdomain(field, l)).collect::<Result<Vec<_>>>();
            let changes = Changes {
                user: opt(&a.user, |s| UserName::parse("user", s))?,
                subdomains: opt(&a.subdomains, |s| domain::subdomain_list("subdomains", s))?,
                add_subdomains: labels("add-subdomain", &a.add_subdomain)?,
                remove_subdomains: labels("remove-subdomain", &a.remove_subdomain)?,
                options: a.options.options(),
            };
            let u = ctx.ledger()?.write(a.dry_run, |tx| domain::update(tx, &name, changes))?;
            if u.changed {
                ctx.out.status("Updated", &format!("domain {}", shown(&u.details.domain)));
            } else {
                ctx.out.status("Unchanged", &format!("domain {} (nothing to change)", shown(&u.details.domain)));
            }
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&u.details)?;
            if !u.changed {
                return Ok(());
            }
            super::converge::after_zone_change(ctx, &[&u.details.domain.package], a.dry_run, a.apply)
        }
        DomainCommand::Remove(a) => {
            let name = DomainName::parse("name", &a.name)?;
            remove(ctx, &name, a.yes, a.dry_run, a.apply)
        }
        DomainCommand::List(a) => list(ctx, a),
        DomainCommand::Register(a) => super::registry::register(ctx, a),
        DomainCommand::Transfer(a) => super::registry::transfer(ctx, a),
        DomainCommand::Renew(a) => super::registry::renew(ctx, a),
        DomainCommand::RegistryUpdate(a) => super::registry::registry_update(ctx, a),
        DomainCommand::Delete(a) => super::registry::delete(ctx, a),
        DomainCommand::Info(a) => super::registry::info(ctx, a),
        DomainCommand::Poll => super::registry::poll(ctx),
        DomainCommand::AuthCode(a) => super::registry::auth_code(ctx, a),
        DomainCommand::Show(a) => {
            let name = DomainName::parse("name", &a.name)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| domain::show(tx, &name))?)
        }
    }
}

/// `domain remove` (and `domain delete` of a domain not registered through us): the set-up goes.
pub(super) fn remove(ctx: &Ctx, name: &DomainName, yes: bool, dry_run: bool, apply: super::converge::ApplyArg) -> Result<()> {
    let d = ctx.destroy(yes, dry_run, Ask::YesNo, |tx| domain::delete(tx, name), deleting)?;
    ctx.out.status("Deleted", &format!("domain {} from package {}", shown(&d.domain), d.domain.package));
    ctx.dry_run_note(dry_run);
    ctx.out.emit(&d)?;
    super::converge::after_zone_change(ctx, &[&d.domain.package], dry_run, apply)
}

fn list(ctx: &Ctx, a: ListArgs) -> Result<()> {
    let filter =
        domain::Filter { member: opt(&a.member, |s| MemberNumber::parse("member", s))?, package: opt(&a.package, |s| PackageName::parse("package", s))? };
    let sort = super::sort(&a.sort, domain::SORT, a.reverse)?;
    ctx.out.emit(&ctx.ledger()?.read(|tx| domain::list(tx, &filter, sort))?)
}

/// What `domain remove` removes: listed before it asks.
fn deleting(d: &Details) -> Preview {
    let dom = &d.domain;
    let subs = if dom.subdomains.is_empty() { String::new() } else { format!(" and its subdomains {}", dom.subdomains.join(", ")) };
    let p = Preview::new(format!("delete domain {} from package {}", shown(dom), dom.package));
    match &d.document_root {
        Some(root) => p
            .line(format!("domain {} of package {} (user {}){subs}: its web server set-up goes on the next apply", shown(dom), dom.package, user_of(dom)))
            .line(format!("the files in {} stay", root.strip_suffix("/htdocs").unwrap_or(root))),
        None => p.line(format!("domain {} of package {} (registration only): its ledger entry goes", shown(dom), dom.package)),
    }
}

/// The owning user, or `-` for a registration-only domain.
fn user_of(d: &Domain) -> String {
    d.user.as_ref().map_or_else(|| "-".into(), ToString::to_string)
}

/// `example.org`, or `xn--mller-kva.de (müller.de)` when the Unicode form differs.
fn shown(d: &Domain) -> String {
    if d.unicode == d.name.as_str() { d.name.to_string() } else { format!("{} ({})", d.name, d.unicode) }
}

fn subdomains(d: &Domain) -> String {
    if d.subdomains.is_empty() { "-".into() } else { d.subdomains.join(",") }
}

impl Render for Details {
    fn human(&self) -> String {
        let d = &self.domain;
        let mut rows = vec![
            ("name", shown(d)),
            ("package", d.package.to_string()),
            ("user", user_of(d)),
            ("hosted", table::yes_no(d.hosted)),
            ("subdomains", subdomains(d)),
            ("cgi", table::yes_no(d.cgi)),
            ("mail", table::yes_no(d.mail)),
            ("php", table::yes_no(d.php)),
            ("indexes", table::yes_no(d.indexes)),
            ("https", table::yes_no(d.https)),
            ("registration", d.registration.clone()),
            ("registrar handle", table::opt(&d.registrar_handle)),
            ("since", d.since.clone()),
            ("expires", table::opt(&d.expires)),
            ("registry status", table::opt(&d.registry_status)),
            ("document root", table::opt(&self.document_root)),
        ];
        if let Some(root) = &self.document_root
            && !d.subdomains.is_empty()
        {
            let base = root.strip_suffix("/htdocs").unwrap_or(root);
            rows.push(("subdomain roots", format!("{base}/subs/<subdomain>")));
        }
        table::text(&table::fields(rows))
    }
}

impl Render for Vec<Domain> {
    fn human(&self) -> String {
        let mut t = table::list(["name", "package", "user", "subdomains", "cgi", "php", "indexes", "https", "registration", "since"]);
        for d in self {
            t.add_row(vec![
                shown(d),
                d.package.to_string(),
                user_of(d),
                subdomains(d),
                table::yes_no(d.cgi),
                table::yes_no(d.php),
                table::yes_no(d.indexes),
                table::yes_no(d.https),
                d.registration.clone(),
                d.since.clone(),
            ]);
        }
        table::text(&t)
    }
}
