//! `hsadmin domain register|transfer|renew|registry-update|delete|info|poll|auth-code`: the domain robot's
//! verbs. Names are checked (and registry levels like co.uk refused by the Public Suffix List) before any
//! connection to the registry; every answer's code and message reaches the user.
//!
//! Name servers and locks have a verb of their own (`registry-update`) rather than options of `domain
//! update`: that one changes the ledger and the web servers only and works without a registrar, and it
//! stays so; `registry-update` talks to the registry and changes nothing on the servers.
use super::confirm::Preview;
use super::{Ctx, complete, opt};
use crate::Result;
use crate::model::{self, DomainName, PackageName, UserName};
use crate::ops::domain::{Details, NewDomain, Options};
use crate::ops::registry::{self, Both, Order, Outcome, Polled, RegistryChanges};
use crate::output::{Render, table};
use crate::registrar::{self, Answer, Session};
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// Domain name to register, like example.org (internationalised names in Unicode or xn-- form)
    name: String,
    /// The package the domain belongs to (its member is the registrant)
    #[arg(long)]
    #[arg(add = complete::package())]
    package: String,
    /// The user of the package owning the domain's files [default: the package admin]
    #[arg(long, conflicts_with = "registration_only")]
    #[arg(add = complete::user())]
    user: Option<String>,
    /// Years to register for [default: registrar.period_years]
    #[arg(long, value_name = "YEARS", value_parser = clap::value_parser!(u8).range(1..=10))]
    period: Option<u8>,
    /// Only register the domain; set up nothing on a web server (no user, no document root)
    #[arg(long)]
    registration_only: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct TransferArgs {
    /// Domain name to transfer to us
    name: String,
    /// The package the domain belongs to
    #[arg(long)]
    #[arg(add = complete::package())]
    package: String,
    /// The user of the package owning the domain's files [default: the package admin]
    #[arg(long, conflicts_with = "registration_only")]
    #[arg(add = complete::user())]
    user: Option<String>,
    /// Only transfer the registration; set up nothing on a web server
    #[arg(long)]
    registration_only: bool,
    /// Read the domain's auth code (from its current registrar) from standard input, never from argv
    #[arg(long, required = true)]
    auth_code_stdin: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct RenewArgs {
    /// Domain name
    #[arg(add = complete::domain())]
    name: String,
    /// Years to renew for [default: registrar.period_years]
    #[arg(long, value_name = "YEARS", value_parser = clap::value_parser!(u8).range(1..=10))]
    period: Option<u8>,
}

#[derive(Debug, clap::Args)]
pub struct RegistryUpdateArgs {
    /// Domain name
    #[arg(add = complete::domain())]
    name: String,
    #[command(flatten)]
    pub options: RegistryOptions,
}

/// What changes at the registry: `domain registry-update`, and `domain update` with these options.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "At the registry")]
pub struct RegistryOptions {
    /// The domain's name servers at the registry, the whole list (repeatable)
    #[arg(long, value_name = "HOST")]
    nameserver: Vec<String>,
    /// Lock the domain against transfer and deletion (clientTransferProhibited, clientDeleteProhibited)
    #[arg(long, conflicts_with = "unlock")]
    lock: bool,
    /// Lift that lock
    #[arg(long)]
    unlock: bool,
    /// Hand the domain to another registrant: a contact handle at the registry
    #[arg(long, value_name = "HANDLE")]
    registrant: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct NameArg {
    /// Domain name
    #[arg(add = complete::domain())]
    name: String,
}

fn session(ctx: &Ctx) -> Result<Session> {
    registrar::connect(&ctx.config.config.registrar, ctx.config.config.dns.nameservers.clone())
}

/// A name to register or transfer: valid, and the label right below a public suffix.
fn registrable(name: &str) -> Result<DomainName> {
    let n = DomainName::parse("name", name)?;
    n.registrable("name")?;
    Ok(n)
}

fn order(name: DomainName, package: &str, user: &Option<String>, registration_only: bool, period: Option<u8>) -> Result<Order> {
    let new = NewDomain {
        name,
        package: PackageName::parse("package", package)?,
        user: opt(user, |s| UserName::parse("user", s))?,
        subdomains: Vec::new(),
        options: Options::default(),
    };
    Ok(Order { new, registration_only, period_years: period })
}

/// Says what the registry answered, one line each, and prints the domain.
fn report(ctx: &Ctx, verb: &str, o: &Outcome) -> Result<()> {
    for a in &o.registry {
        ctx.out.status("Registry", &format!("answered {} {}", a.code, a.message));
    }
    let d = &o.details.domain;
    ctx.out.status(verb, &format!("domain {} (package {}, {})", d.name, d.package, d.registration));
    ctx.out.emit(o)
}

pub fn register(ctx: &Ctx, a: RegisterArgs) -> Result<()> {
    let o = order(registrable(&a.name)?, &a.package, &a.user, a.registration_only, a.period)?;
    let mut s = session(ctx)?;
    let out = registry::register(&mut ctx.ledger()?, &mut s, o, model::today())?;
    drop(s);
    report(ctx, "Registered", &out)?;
    after(ctx, &out, a.apply)
}

pub fn transfer(ctx: &Ctx, a: TransferArgs) -> Result<()> {
    let o = order(registrable(&a.name)?, &a.package, &a.user, a.registration_only, None)?;
    let mut code = String::new();
    std::io::stdin().read_line(&mut code)?;
    let code = code.trim_end_matches(['\n', '\r']);
    if code.is_empty() || code.len() > 255 || code.chars().any(char::is_control) {
        return Err(crate::Error::invalid("auth-code", "must be one line of 1 to 255 characters on standard input"));
    }
    let mut s = session(ctx)?;
    let out = registry::transfer(&mut ctx.ledger()?, &mut s, o, code, model::today())?;
    drop(s);
    let verb = if out.details.domain.registration == "registered" { "Transferred" } else { "Requested transfer of" };
    report(ctx, verb, &out)?;
    after(ctx, &out, a.apply)
}

/// A hosted domain's set-up goes to its server like `domain add`'s.
fn after(ctx: &Ctx, o: &Outcome, apply: super::converge::ApplyArg) -> Result<()> {
    if !o.details.domain.hosted {
        return Ok(());
    }
    super::converge::after_zone_change(ctx, &[&o.details.domain.package], false, apply)
}

pub fn renew(ctx: &Ctx, a: RenewArgs) -> Result<()> {
    let name = DomainName::parse("name", &a.name)?;
    let mut s = session(ctx)?;
    let out = registry::renew(&mut ctx.ledger()?, &mut s, &name, a.period)?;
    report(ctx, "Renewed", &out)
}

pub fn registry_update(ctx: &Ctx, a: RegistryUpdateArgs) -> Result<()> {
    let name = DomainName::parse("name", &a.name)?;
    update_at_registry(ctx, &name, &a.options)
}

impl RegistryOptions {
    /// Whether any of them is given.
    pub fn given(&self) -> bool {
        !self.nameserver.is_empty() || self.lock || self.unlock || self.registrant.is_some()
    }
}

/// Changes the domain at the registry and reports it.
pub fn update_at_registry(ctx: &Ctx, name: &DomainName, a: &RegistryOptions) -> Result<()> {
    let mut hosts = Vec::new();
    for h in &a.nameserver {
        let h = h.strip_suffix('.').unwrap_or(h).to_ascii_lowercase();
        if !model::is_host_name(&h) {
            return Err(crate::Error::invalid("nameserver", format!("{} is not a host name like ns1.example.org", model::printable(&h))));
        }
        hosts.push(h);
    }
    let lock = if a.lock {
        Some(true)
    } else if a.unlock {
        Some(false)
    } else {
        None
    };
    let registrant = opt(&a.registrant, handle)?;
    let changes = RegistryChanges { nameservers: (!hosts.is_empty()).then_some(hosts), lock, registrant };
    let mut s = session(ctx)?;
    let out = registry::update(&mut ctx.ledger()?, &mut s, name, &changes)?;
    report(ctx, "Updated", &out)
}

/// A contact handle as EPP allows it (3–16 characters), letters, digits and `-_.` only.
fn handle(s: &str) -> Result<String> {
    let ok = (3..=16).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if !ok {
        return Err(crate::Error::invalid("registrant", "must be a contact handle of 3 to 16 letters, digits, '-', '_' or '.'"));
    }
    Ok(s.to_owned())
}

fn deleting(d: &Details) -> Preview {
    let dom = &d.domain;
    let p = Preview::new(format!("delete domain {} of package {}", dom.name, dom.package));
    let p = if dom.registration == "none" { p } else { p.line(format!("its registration ({}) is deleted at the registry", dom.registration)) };
    match &d.document_root {
        Some(root) => p.line(format!("its web server set-up goes on the next apply; the files in {} stay", root.strip_suffix("/htdocs").unwrap_or(root))),
        None => p.line("its ledger entry goes (registration only)"),
    }
}

pub fn delete(ctx: &Ctx, a: super::domain::DeleteArgs) -> Result<()> {
    let name = DomainName::parse("name", &a.name)?;
    let d = ctx.ledger()?.read(|tx| registry::deleting(tx, &name));
    // Not registered through us (or not there at all): nothing for the registry, the same as `domain remove`.
    let d = match d {
        Ok(d) if !matches!(d.domain.registration.as_str(), "none" | "deleted") => d,
        _ => return super::domain::remove(ctx, &name, a.yes, a.dry_run, a.apply),
    };
    if a.dry_run {
        ctx.dry_run_note(true);
        return ctx.out.emit(&Outcome { details: d, registry: Vec::new() });
    }
    ctx.ask_first(a.yes, &deleting(&d))?;
    let mut s = session(ctx)?;
    let out = registry::delete(&mut ctx.ledger()?, &mut s, &name)?;
    drop(s);
    report(ctx, "Deleted", &out)?;
    after(ctx, &out, a.apply)
}

pub fn info(ctx: &Ctx, a: NameArg) -> Result<()> {
    let name = DomainName::parse("name", &a.name)?;
    let mut s = session(ctx)?;
    let both = registry::info(&mut ctx.ledger()?, &mut s, &name)?;
    ctx.out.emit(&both)
}

pub fn poll(ctx: &Ctx) -> Result<()> {
    let mut s = session(ctx)?;
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let polled = registry::poll(&mut ctx.ledger()?, &mut s, &now)?;
    ctx.out.status("Polled", &crate::output::count(polled.len(), "message"));
    ctx.out.emit(&polled)
}

/// The auth code, on request only.
#[derive(Debug, Serialize)]
pub struct AuthCode {
    pub name: String,
    pub auth_code: String,
}

pub fn auth_code(ctx: &Ctx, a: NameArg) -> Result<()> {
    let name = DomainName::parse("name", &a.name)?;
    let code = registry::auth_code(&mut ctx.ledger()?, &name)?;
    ctx.out.emit(&AuthCode { name: name.to_string(), auth_code: code })
}

impl Render for AuthCode {
    fn human(&self) -> String {
        format!("{}\n", self.auth_code)
    }
}

impl Render for Outcome {
    fn human(&self) -> String {
        self.details.human()
    }
}

fn answers(v: &[Answer]) -> String {
    v.iter().map(|a| format!("{} {}", a.code, a.message)).collect::<Vec<_>>().join("; ")
}

impl Render for Both {
    fn human(&self) -> String {
        let d = &self.ledger.domain;
        let r = &self.registry;
        let list = |v: &[String]| if v.is_empty() { "-".to_owned() } else { v.join(", ") };
        let rows = vec![
            ("name", d.name.to_string()),
            ("package", d.package.to_string()),
            ("ledger registration", d.registration.clone()),
            ("ledger expires", table::opt(&d.expires)),
            ("registry status", list(&r.status)),
            ("registry expires", table::opt(&r.expires)),
            ("registry created", table::opt(&r.created)),
            ("registrar", table::opt(&r.client)),
            ("registrant", table::opt(&r.registrant)),
            ("admin contact", table::opt(&r.admin)),
            ("tech contact", table::opt(&r.tech)),
            ("name servers", list(&r.nameservers)),
            ("roid", table::opt(&r.roid)),
            ("registry answer", answers(r.answer.as_slice())),
        ];
        table::text(&table::fields(rows))
    }
}

impl Render for Vec<Polled> {
    fn human(&self) -> String {
        let mut t = table::list(["id", "domain", "kind", "new", "text"]);
        for p in self {
            let m = &p.message;
            t.add_row(vec![m.id.clone(), table::opt(&m.domain), m.kind.clone(), table::yes_no(p.new), m.text.clone()]);
        }
        table::text(&t)
    }
}
