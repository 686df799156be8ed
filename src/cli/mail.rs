//! `hsadmin mail address|alias|list …`: mail addresses on the packages' domains, aliases of the packages,
//! and mailing lists with their subscribers. Targets are given with `--target`, several at once separated by
//! commas or with the option repeated. A change applies to the package's server right away, like every
//! mutating command (`--no-apply` leaves it pending).
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview};
use super::opt;
use crate::Result;
use crate::ledger::mail::{Address, Alias, List};
use crate::model::{self, DomainName, ListPolicy, MailAddress, MailTarget, PackageName, UserName};
use crate::ops::mail as ops;
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum MailCommand {
    /// Addresses on a package's domains (LOCAL@[SUB.]DOMAIN; @DOMAIN is the catch-all)
    #[command(subcommand)]
    Address(AddressCommand),
    /// Aliases of a package (xyz00-name), which may also pipe to a command or include a file
    #[command(subcommand)]
    Alias(AliasCommand),
    /// Mailing lists on a package's domains and their subscribers
    #[command(subcommand)]
    List(ListCommand),
}

#[derive(Debug, clap::Subcommand)]
pub enum AddressCommand {
    /// Add an address with its targets
    Add(AddressArgs),
    /// List addresses
    List(FilterArgs),
    /// Show one address
    Show(AddressName),
    /// Replace an address's targets
    Update(AddressArgs),
    /// Remove an address (mail to it is refused after the next apply)
    Remove(AddressRemove),
}

#[derive(Debug, clap::Subcommand)]
pub enum AliasCommand {
    /// Add an alias with its targets
    Add(AliasArgs),
    /// List aliases
    List(PackageFilter),
    /// Remove an alias
    Remove(AliasRemove),
}

#[derive(Debug, clap::Subcommand)]
pub enum ListCommand {
    /// Add a mailing list
    Add(ListAddArgs),
    /// Subscribe an address
    Subscribe(SubscribeArgs),
    /// Unsubscribe an address
    Unsubscribe(SubscribeArgs),
    /// Show a list with its subscribers
    Show(ListName),
    /// List the mailing lists
    List(PackageFilter),
    /// Remove a list and its subscriptions
    Remove(ListRemove),
}

#[derive(Debug, clap::Args)]
pub struct Change {
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct AddressArgs {
    /// The address, like info@example.org (@example.org for the catch-all)
    address: String,
    /// Where its mail goes: a Unix user of the package (its mailbox), another address, nobody or /dev/null
    #[arg(long, value_name = "T[,T…]", required = true)]
    target: Vec<String>,
    #[command(flatten)]
    change: Change,
}

#[derive(Debug, clap::Args)]
pub struct AddressName {
    /// The address, like info@example.org
    address: String,
}

#[derive(Debug, clap::Args)]
pub struct AddressRemove {
    /// The address, like info@example.org
    address: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    #[command(flatten)]
    change: Change,
}

#[derive(Debug, clap::Args)]
pub struct FilterArgs {
    /// Only those of this package
    #[arg(long, add = complete::package())]
    package: Option<String>,
    /// Only those on this domain
    #[arg(long, add = complete::domain())]
    domain: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct PackageFilter {
    /// Only those of this package
    #[arg(long, add = complete::package())]
    package: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct AliasArgs {
    /// The alias: the package name, or the package name, '-' and a-z, 0-9, . _ -, like xyz00-team
    name: String,
    /// Where its mail goes: as for addresses, and also |command (run as the package admin) or
    /// :include:FILE (a file in the package's home)
    #[arg(long, value_name = "T[,T…]", required = true)]
    target: Vec<String>,
    #[command(flatten)]
    change: Change,
}

#[derive(Debug, clap::Args)]
pub struct AliasRemove {
    /// The alias, like xyz00-team
    name: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    #[command(flatten)]
    change: Change,
}

fn policies() -> super::Choices {
    super::choices(ListPolicy::ALL.iter().map(|p| p.as_str()))
}

#[derive(Debug, clap::Args)]
pub struct ListAddArgs {
    /// The list's address, like news@example.org
    list: String,
    /// The owner's address (gets the list's administrative mail)
    #[arg(long, value_name = "ADDRESS")]
    owner: String,
    /// Who may post: subscribers, moderated (anyone, after the owner's approval) or open
    #[arg(long, value_parser = policies(), default_value = "subscribers")]
    policy: String,
    #[command(flatten)]
    change: Change,
}

#[derive(Debug, clap::Args)]
pub struct SubscribeArgs {
    /// The list's address, like news@example.org
    list: String,
    /// The subscriber's address
    address: String,
    #[command(flatten)]
    change: Change,
}

#[derive(Debug, clap::Args)]
pub struct ListName {
    /// The list's address, like news@example.org
    list: String,
}

#[derive(Debug, clap::Args)]
pub struct ListRemove {
    /// The list's address, like news@example.org
    list: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    #[command(flatten)]
    change: Change,
}

pub fn run(ctx: &Ctx, cmd: MailCommand) -> Result<()> {
    match cmd {
        MailCommand::Address(c) => address(ctx, c),
        MailCommand::Alias(c) => alias(ctx, c),
        MailCommand::List(c) => list(ctx, c),
    }
}

fn address(ctx: &Ctx, cmd: AddressCommand) -> Result<()> {
    let today = model::today();
    match cmd {
        AddressCommand::Add(a) => {
            let targets = MailTarget::parse_list("target", &a.target, false)?;
            let added = ctx.ledger()?.write(a.change.dry_run, |tx| ops::add_address(tx, &a.address, targets.clone(), today))?;
            ctx.out.status("Added", &format!("mail address {}", added.address()));
            finish(ctx, &added, &added.package, a.change)
        }
        AddressCommand::Update(a) => {
            let targets = MailTarget::parse_list("target", &a.target, false)?;
            let updated = ctx.ledger()?.write(a.change.dry_run, |tx| ops::update_address(tx, &a.address, targets.clone()))?;
            ctx.out.status("Updated", &format!("mail address {}", updated.address()));
            finish(ctx, &updated, &updated.package, a.change)
        }
        AddressCommand::List(a) => {
            let package = opt(&a.package, |s| PackageName::parse("package", s))?;
            let domain = opt(&a.domain, |s| DomainName::parse("domain", s))?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::addresses(tx, package.as_ref(), domain.as_ref()))?)
        }
        AddressCommand::Show(a) => ctx.out.emit(&ctx.ledger()?.read(|tx| ops::address(tx, &a.address))?),
        AddressCommand::Remove(a) => {
            let preview = |x: &Address| Preview::new(format!("remove mail address {}", x.address())).line("mail to it is refused after the next apply");
            let removed = ctx.destroy(a.yes, a.change.dry_run, Ask::YesNo, |tx| ops::remove_address(tx, &a.address, today), preview)?;
            ctx.out.status("Removed", &format!("mail address {}", removed.address()));
            finish(ctx, &removed, &removed.package, a.change)
        }
    }
}

fn alias(ctx: &Ctx, cmd: AliasCommand) -> Result<()> {
    let today = model::today();
    match cmd {
        AliasCommand::Add(a) => {
            let name = UserName::parse("name", &a.name)?;
            let targets = MailTarget::parse_list("target", &a.target, true)?;
            let added = ctx.ledger()?.write(a.change.dry_run, |tx| ops::add_alias(tx, &name, targets.clone(), today))?;
            ctx.out.status("Added", &format!("mail alias {name}"));
            finish(ctx, &added, &added.package, a.change)
        }
        AliasCommand::List(a) => {
            let package = opt(&a.package, |s| PackageName::parse("package", s))?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::aliases(tx, package.as_ref()))?)
        }
        AliasCommand::Remove(a) => {
            let name = UserName::parse("name", &a.name)?;
            let preview = |x: &Alias| Preview::new(format!("remove mail alias {}", x.name));
            let removed = ctx.destroy(a.yes, a.change.dry_run, Ask::YesNo, |tx| ops::remove_alias(tx, &name, today), preview)?;
            ctx.out.status("Removed", &format!("mail alias {name}"));
            finish(ctx, &removed, &removed.package, a.change)
        }
    }
}

fn list(ctx: &Ctx, cmd: ListCommand) -> Result<()> {
    let today = model::today();
    match cmd {
        ListCommand::Add(a) => {
            let owner = MailAddress::parse("owner", &a.owner)?;
            let policy = ListPolicy::parse("policy", &a.policy)?;
            let added = ctx.ledger()?.write(a.change.dry_run, |tx| ops::add_list(tx, &a.list, &owner, policy, today))?;
            ctx.out.status("Added", &format!("mailing list {}", added.address()));
            finish(ctx, &added, &added.package, a.change)
        }
        ListCommand::Subscribe(a) => subscription(ctx, a, true, today),
        ListCommand::Unsubscribe(a) => subscription(ctx, a, false, today),
        ListCommand::Show(a) => ctx.out.emit(&ctx.ledger()?.read(|tx| ops::list(tx, &a.list))?),
        ListCommand::List(a) => {
            let package = opt(&a.package, |s| PackageName::parse("package", s))?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::lists(tx, package.as_ref()))?)
        }
        ListCommand::Remove(a) => {
            let preview = |l: &List| Preview::new(format!("remove mailing list {}", l.address())).line(format!("{} subscribers", l.subscribers.len()));
            let removed = ctx.destroy(a.yes, a.change.dry_run, Ask::YesNo, |tx| ops::remove_list(tx, &a.list, today), preview)?;
            ctx.out.status("Removed", &format!("mailing list {}", removed.address()));
            finish(ctx, &removed, &removed.package, a.change)
        }
    }
}

fn subscription(ctx: &Ctx, a: SubscribeArgs, on: bool, today: chrono::NaiveDate) -> Result<()> {
    let who = MailAddress::parse("address", &a.address)?;
    let (list, changed) = ctx.ledger()?.write(a.change.dry_run, |tx| ops::subscription(tx, &a.list, &who, on, today))?;
    let verb = match (on, changed) {
        (true, true) => "Subscribed",
        (true, false) => "Unchanged",
        (false, _) => "Unsubscribed",
    };
    ctx.out.status(verb, &format!("{who} on {}", list.address()));
    finish(ctx, &list, &list.package, a.change)
}

/// A change's finishing steps (the shared ones of every package-level change).
fn finish(ctx: &Ctx, value: &impl Render, package: &PackageName, change: Change) -> Result<()> {
    super::converge::finish_mail_change(ctx, value, package, change.dry_run, change.apply)
}

fn targets(t: &[MailTarget]) -> String {
    t.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

impl Render for Address {
    fn human(&self) -> String {
        table::text(&table::fields([
            ("address", self.address()),
            ("package", self.package.to_string()),
            ("targets", targets(&self.targets)),
            ("id", self.id.to_string()),
            ("added", self.added.to_string()),
            ("removed", table::opt(&self.removed)),
        ]))
    }
}

impl Render for Vec<Address> {
    fn human(&self) -> String {
        let mut t = table::list(["address", "package", "targets", "added"]);
        for a in self {
            t.add_row(vec![a.address(), a.package.to_string(), targets(&a.targets), a.added.to_string()]);
        }
        table::text(&t)
    }
}

impl Render for Alias {
    fn human(&self) -> String {
        table::text(&table::fields([
            ("alias", self.name.to_string()),
            ("package", self.package.to_string()),
            ("targets", targets(&self.targets)),
            ("added", self.added.to_string()),
            ("removed", table::opt(&self.removed)),
        ]))
    }
}

impl Render for Vec<Alias> {
    fn human(&self) -> String {
        let mut t = table::list(["alias", "package", "targets", "added"]);
        for a in self {
            t.add_row(vec![a.name.to_string(), a.package.to_string(), targets(&a.targets), a.added.to_string()]);
        }
        table::text(&t)
    }
}

impl Render for List {
    fn human(&self) -> String {
        let subscribers: Vec<&str> = self.subscribers.iter().map(MailAddress::as_str).collect();
        table::text(&table::fields([
            ("list", self.address()),
            ("package", self.package.to_string()),
            ("owner", self.owner.to_string()),
            ("policy", self.policy.to_string()),
            ("subscribers", subscribers.join(", ")),
            ("added", self.added.to_string()),
        ]))
    }
}

impl Render for Vec<List> {
    fn human(&self) -> String {
        let mut t = table::list(["list", "package", "owner", "policy", "subscribers"]);
        for l in self {
            t.add_row(vec![l.address(), l.package.to_string(), l.owner.to_string(), l.policy.to_string(), l.subscribers.len().to_string()]);
        }
        table::text(&t)
    }
}
