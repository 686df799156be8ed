//! Packages: create (with their admin user), change resources, cancel.
use super::{found, snapshot};
use crate::config::HostingConfig;
use crate::ledger::cron::{self, CronJob};
use crate::ledger::database::{self, Database, DbUser};
use crate::ledger::domain::{self, Domain};
use crate::ledger::package::{self as rows, Package};
use crate::ledger::user::User;
use crate::ledger::{Tx, catalog, member, server, server_state, user};
use crate::model::{MemberNumber, MemberStatus, PackageName, PackageStatus, ProductCode, ProductKind, Role, ServerName, Shell, TextField, UserName};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;

/// Resources of a package; `None` takes what the product includes (on create) or keeps the value (on update).
#[derive(Debug, Default, Clone)]
pub struct Resources {
    pub webspace_mb: Option<i64>,
    pub traffic_gb: Option<i64>,
    pub users: Option<i64>,
    pub domains: Option<i64>,
}

/// Upper bounds for resources typed by a person (a managed webspace has at most 2000 GB SSD).
pub const MAX_WEBSPACE_MB: i64 = 2_048_000;
pub const MAX_TRAFFIC_GB: i64 = 64_000;
pub const MAX_USERS: i64 = 2_500;
pub const MAX_DOMAINS: i64 = 10_000;

#[derive(Debug)]
pub struct NewPackage {
    pub name: PackageName,
    pub member: MemberNumber,
    pub product: ProductCode,
    pub server: ServerName,
    pub resources: Resources,
    pub since: NaiveDate,
    pub free: bool,
    pub comment: Option<TextField>,
}

/// A package with its users and where it stands today.
#[derive(Debug, Serialize)]
pub struct PackageDetails {
    #[serde(flatten)]
    pub package: Package,
    pub status: &'static str,
    pub users_used: Vec<String>,
    /// What is live on the server, as of the last apply (None before the first).
    pub live: Option<Live>,
}

/// A package on its server: whether the server has caught up with the ledger, and the disk space used.
#[derive(Debug, Serialize)]
pub struct Live {
    /// `applied` (the server is in line), `pending` (it has to catch up) or `failed`.
    pub state: &'static str,
    pub applied_at: Option<String>,
    pub error: Option<String>,
    pub used_kb: Option<i64>,
    pub used_as_of: Option<String>,
}

/// `active`, `ending` (cancelled for a future date) or `cancelled`.
pub fn status(p: &Package, today: &str) -> &'static str {
    PackageStatus::on(p.valid_to.as_deref(), today).as_str()
}

pub fn create(tx: &Tx, new: NewPackage, hosting: &HostingConfig) -> Result<PackageDetails> {
    let m = found(member::get(tx, new.member.get())?, || format!("member {}", new.member))?;
    if m.status != MemberStatus::Active || m.until.is_some() {
        return Err(Error::Conflict(format!("member {} is {} and cannot get new packages", m.number, m.status)));
    }
    if new.name.prefix() != m.prefix {
        return Err(Error::invalid("name", format!("{} must start with the prefix of member {} ({})", new.name, m.number, m.prefix)));
    }
    if rows::get(tx, new.name.as_str())?.is_some() {
        return Err(Error::Conflict(format!("package {} already exists", new.name)));
    }
    if new.since.to_string() < m.since {
        return Err(Error::invalid("since", format!("{} is before member {} joined ({})", new.since, m.number, m.since)));
    }
    let product = found(catalog::product(tx, new.product.as_str())?, || format!("product {} (import the catalog first)", new.product))?;
    if product.kind != ProductKind::Webspace {
        return Err(Error::invalid("product", format!("{} is a {} product; packages need a webspace product", product.code, product.kind)));
    }
    let price = catalog::price_on(tx, product.code.as_str(), &new.since.to_string())?
        .ok_or_else(|| Error::Conflict(format!("product {} has no price valid on {}", product.code, new.since)))?;
    let srv = found(server::get(tx, new.server.as_str())?, || format!("server {}", new.server))?;
    if !srv.roles.contains(Role::Web) {
        return Err(Error::invalid("server", format!("{} has roles {}; packages need a server with the web role", srv.name, srv.roles)));
    }
    let inc = &price.included;
    let r = &new.resources;
    let p = Package {
        name: new.name.clone(),
        member: new.member,
        product: new.product,
        server: srv.name,
        webspace_mb: r.webspace_mb.unwrap_or(inc.webspace_mb),
        traffic_gb: r.traffic_gb.unwrap_or(inc.traffic_gb),
        users: r.users.unwrap_or(inc.users.max(1)),
        domains: r.domains.unwrap_or(inc.domains),
        valid_from: new.since.to_string(),
        valid_to: None,
        free: new.free,
        comment: new.comment.map(|c| c.as_str().to_owned()),
        purged_at: None,
    };
    check_resources(&p)?;
    rows::insert(tx, &p)?;
    tx.audit("package", p.name.as_str(), "create", None, snapshot(&p))?;
    let admin = UserName::from(&new.name);
    let u = User {
        package: new.name.clone(),
        uid: next_uid(tx, hosting)?,
        shell: Shell::default_for(&admin),
        comment: None,
        quota_soft_mb: 0,
        quota_hard_mb: 0,
        locked: false,
        password_hash: None,
        password_set: false,
        home: admin.home(),
        name: admin,
    };
    user::insert(tx, &u)?;
    tx.audit("unix_user", u.name.as_str(), "add", None, snapshot(&u))?;
    Ok(PackageDetails { status: "active", users_used: vec![u.name.to_string()], package: p, live: None })
}

fn check_resources(p: &Package) -> Result<()> {
    crate::model::bounded("webspace-mb", p.webspace_mb, 1, MAX_WEBSPACE_MB)?;
    crate::model::bounded("traffic-gb", p.traffic_gb, 0, MAX_TRAFFIC_GB)?;
    crate::model::bounded("users", p.users, 1, MAX_USERS)?;
    crate::model::bounded("domains", p.domains, 0, MAX_DOMAINS)?;
    Ok(())
}

/// The next uid: above every uid ever handed out (a removed user's files may outlive it on a server or in a
/// backup, so its uid is never given to someone else) and inside the configured range.
pub(crate) fn next_uid(tx: &Tx, hosting: &HostingConfig) -> Result<u32> {
    let floor = user::max_uid(tx)?.map_or(hosting.uid_min, |m| (m + 1).max(hosting.uid_min));
    let next = crate::ledger::next_in_sequence(tx, "uid", floor.into())?;
    if next > hosting.uid_max.into() {
        return Err(Error::Failed(format!("the uid range {}-{} is used up (hosting.uid_max in hsadmin.toml)", hosting.uid_min, hosting.uid_max)));
    }
    Ok(next as u32)
}

pub fn get(tx: &Tx, name: &PackageName) -> Result<Package> {
    found(rows::get(tx, name.as_str())?, || format!("package {name}"))
}

pub fn show(tx: &Tx, name: &PackageName, today: NaiveDate) -> Result<PackageDetails> {
    let package = get(tx, name)?;
    let users_used = user::list(tx, Some(name.as_str()))?.into_iter().map(|u| u.name.to_string()).collect();
    let live = server_state::get(tx, package.server.as_str())?.map(|s| {
        let usage = server_state::usage(tx, name.as_str()).ok().flatten();
        Live {
            state: if s.pending { if s.outcome.as_deref() == Some("ok") || s.outcome.is_none() { "pending" } else { "failed" } } else { "applied" },
            applied_at: s.applied_at,
            error: s.error,
            used_kb: usage.as_ref().map(|u| u.0),
            used_as_of: usage.map(|u| u.1),
        }
    });
    Ok(PackageDetails { status: status(&package, &today.to_string()), users_used, package, live })
}

/// A package with what goes or stops with it: its users, domains and cron jobs.
#[derive(Debug, Serialize)]
pub struct Affected {
    #[serde(flatten)]
    pub package: Package,
    pub users: Vec<User>,
    pub domains: Vec<Domain>,
    pub cron_jobs: Vec<CronJob>,
    /// Its databases: removed on purge; on cancel, those the package has.
    pub databases: Vec<Database>,
    /// Its database users: removed on purge (after the databases); on cancel, those that are locked.
    pub db_users: Vec<DbUser>,
}

/// Removes a package's data for good: its users, domains and cron jobs leave the ledger (the audit log
/// keeps them), the package row stays for the books, and the next apply deletes its home on the server.
/// Only for a package that has ended. Returns what went.
pub fn purge(tx: &Tx, name: &PackageName, today: NaiveDate) -> Result<Affected> {
    let before = get(tx, name)?;
    if before.purged_at.is_some() {
        return Err(Error::Conflict(format!("package {name} was already purged on {}", before.purged_at.as_deref().unwrap_or_default())));
    }
    if !before.ended(&today.to_string()) {
        return Err(Error::Conflict(format!(
            "package {name} has not ended; cancel it first (`hsadmin package cancel {name} --date …`) and purge it after that date"
        )));
    }
    let domains = domain::list(tx, Some(name.as_str()))?;
    for d in &domains {
        domain::delete(tx, d.name.as_str())?;
        tx.audit("domain", d.name.as_str(), "purge", snapshot(d), None)?;
    }
    let users = user::list(tx, Some(name.as_str()))?;
    let mut cron_jobs = Vec::new();
    for u in &users {
        for job in cron::list(tx, Some(u.name.as_str()), None)? {
            cron::delete(tx, job.id)?;
            tx.audit("cron_job", &job.id.to_string(), "purge", snapshot(&job), None)?;
            cron_jobs.push(job);
        }
        user::delete(tx, u.name.as_str())?;
        tx.audit("unix_user", u.name.as_str(), "purge", snapshot(u), None)?;
    }
    let (databases, db_users) = super::database::purge(tx, name, today)?;
    let mut p = before.clone();
    p.purged_at = Some(today.to_string());
    rows::update(tx, &p)?;
    tx.audit("package", p.name.as_str(), "purge", snapshot(&before), snapshot(&p))?;
    Ok(Affected { package: p, users, domains, cron_jobs, databases, db_users })
}

/// A row of `package list`: the package and where it stands.
#[derive(Debug, Serialize)]
pub struct Listed {
    #[serde(flatten)]
    pub package: Package,
    pub status: &'static str,
}

pub use rows::{Filter, SORT};

/// `package list`: the packages the filter keeps (their status as of `today`), in the order asked for.
pub fn list(tx: &Tx, filter: &Filter, today: NaiveDate, sort: crate::ledger::Sort) -> Result<Vec<Listed>> {
    let today = today.to_string();
    let rows = rows::find(tx, filter, &today, sort)?;
    Ok(rows.into_iter().map(|package| Listed { status: status(&package, &today), package }).collect())
}

#[derive(Debug, Default)]
pub struct Changes {
    pub resources: Resources,
    pub free: Option<bool>,
    pub comment: Option<TextField>,
}

pub fn update(tx: &Tx, name: &PackageName, c: Changes) -> Result<Package> {
    let before = get(tx, name)?;
    let mut p = before.clone();
    let r = c.resources;
    p.webspace_mb = r.webspace_mb.unwrap_or(p.webspace_mb);
    p.traffic_gb = r.traffic_gb.unwrap_or(p.traffic_gb);
    p.users = r.users.unwrap_or(p.users);
    p.domains = r.domains.unwrap_or(p.domains);
    p.free = c.free.unwrap_or(p.free);
    if let Some(comment) = c.comment {
        p.comment = Some(comment.as_str().to_owned());
    }
    check_resources(&p)?;
    let biggest = user::max_hard_quota(tx, name.as_str())?;
    if p.webspace_mb < biggest {
        return Err(Error::invalid(
            "webspace-mb",
            format!("{} MB is less than a user's hard quota of {biggest} MB; lower the user quotas first", p.webspace_mb),
        ));
    }
    let domains = crate::ledger::domain::count(tx, name.as_str())?;
    if p.domains < domains {
        return Err(Error::invalid("domains", format!("{} is less than the {} the package already has", p.domains, crate::model::count(domains, "domain"))));
    }
    let used = user::count(tx, name.as_str())?;
    if p.users < used {
        return Err(Error::invalid("users", format!("{} is less than the {used} users the package already has", p.users)));
    }
    if p != before {
        rows::update(tx, &p)?;
        tx.audit("package", p.name.as_str(), "update", snapshot(&before), snapshot(&p))?;
    }
    Ok(p)
}

/// Ends a package on `date` (its last day). Its users, sites and cron jobs stop then; data stays until purged.
/// Returns the package with the users that are locked and the domains and cron jobs that stop.
pub fn cancel(tx: &Tx, name: &PackageName, date: NaiveDate) -> Result<Affected> {
    let before = get(tx, name)?;
    if let Some(to) = &before.valid_to {
        return Err(Error::Conflict(format!("package {name} is already cancelled as of {to}")));
    }
    if date.to_string() < before.valid_from {
        return Err(Error::invalid("date", format!("{date} is before the package started ({})", before.valid_from)));
    }
    let mut p = before.clone();
    p.valid_to = Some(date.to_string());
    rows::update(tx, &p)?;
    tx.audit("package", p.name.as_str(), "cancel", snapshot(&before), snapshot(&p))?;
    let users = user::list(tx, Some(name.as_str()))?;
    let domains = domain::list(tx, Some(name.as_str()))?;
    let cron_jobs = cron::list(tx, None, Some(name.as_str()))?;
    let databases = database::databases(tx, Some(name), None)?;
    let db_users = database::users(tx, Some(name), None)?;
    Ok(Affected { package: p, users, domains, cron_jobs, databases, db_users })
}

/// The package something new goes into (`what`, for the message): it must exist and be neither cancelled
/// nor purged.
pub(crate) fn open_for_new(tx: &Tx, name: &PackageName, field: &str, what: &str) -> Result<Package> {
    let p = rows::get(tx, name.as_str())?.ok_or_else(|| Error::invalid(field, format!("there is no package {name}")))?;
    if p.purged_at.is_some() || p.valid_to.is_some() {
        let when = p.valid_to.as_deref().unwrap_or_default();
        return Err(Error::Conflict(format!("package {name} is cancelled (its last day is {when}) and gets no new {what}")));
    }
    Ok(p)
}

/// A package named in a filter: it must exist (else invalid input).
pub(crate) fn exists_if_named(tx: &Tx, name: Option<&PackageName>) -> Result<()> {
    match name {
        Some(n) if rows::get(tx, n.as_str())?.is_none() => Err(Error::invalid("package", format!("there is no package {n}"))),
        _ => Ok(()),
    }
}
