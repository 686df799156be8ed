//! Unix users of a package.
use super::{found, snapshot};
use crate::config::HostingConfig;
use crate::ledger::cron::{self as cron_rows, CronJob};
use crate::ledger::user::{self as rows, User};
use crate::ledger::{Tx, package as package_rows};
use crate::model::{Gecos, PasswordHash, Shell, UserName};
use crate::{Error, Result};
use serde::Serialize;

#[derive(Debug)]
pub struct NewUser {
    pub name: UserName,
    pub shell: Option<Shell>,
    pub comment: Option<Gecos>,
    pub quota_soft_mb: Option<i64>,
    pub quota_hard_mb: Option<i64>,
    pub password: Option<PasswordHash>,
}

pub fn add(tx: &Tx, new: NewUser, hosting: &HostingConfig, today: chrono::NaiveDate) -> Result<User> {
    if new.name.is_package_admin() {
        return Err(Error::invalid(
            "name",
            format!("{} is the package admin, which is created with its package; package users are named {}-<name>", new.name, new.name),
        ));
    }
    let package = new.name.package();
    let p = found(package_rows::get(tx, package.as_str())?, || format!("package {package}"))?;
    if p.ended(&today.to_string()) {
        return Err(Error::Conflict(format!("package {package} was cancelled as of {}", p.valid_to.as_deref().unwrap_or_default())));
    }
    if rows::get(tx, new.name.as_str())?.is_some() {
        return Err(Error::Conflict(format!("user {} already exists", new.name)));
    }
    let used = rows::count(tx, package.as_str())?;
    if used >= p.users {
        return Err(Error::Conflict(format!(
            "package {package} already has its {}; raise its limit with `package update {package} --users N`",
            crate::model::count(p.users, "user")
        )));
    }
    let u = User {
        package,
        uid: super::package::next_uid(tx, hosting)?,
        shell: new.shell.unwrap_or_else(|| Shell::default_for(&new.name)),
        comment: new.comment,
        quota_soft_mb: new.quota_soft_mb.unwrap_or(0),
        quota_hard_mb: new.quota_hard_mb.unwrap_or(0),
        locked: false,
        password_set: new.password.is_some(),
        password_hash: new.password.map(|h| h.as_str().to_owned()),
        home: new.name.home(),
        name: new.name,
    };
    check_quota(&u, p.webspace_mb)?;
    rows::insert(tx, &u)?;
    tx.audit("unix_user", u.name.as_str(), "add", None, snapshot(&u))?;
    Ok(u)
}

/// A quota as typed, in MB: 0 (none) up to the largest webspace a package may have. Whether it fits the
/// user's package, and soft ≤ hard, is checked when the user is written ([`add`], [`update`]).
pub fn quota_mb(field: &str, mb: Option<i64>) -> Result<Option<i64>> {
    mb.map(|v| crate::model::bounded(field, v, 0, super::package::MAX_WEBSPACE_MB)).transpose()
}

/// soft ≤ hard ≤ the package's webspace; 0/0 means no per-user limit (the package's group quota applies).
fn check_quota(u: &User, webspace_mb: i64) -> Result<()> {
    crate::model::bounded("quota-soft-mb", u.quota_soft_mb, 0, webspace_mb)?;
    crate::model::bounded("quota-hard-mb", u.quota_hard_mb, 0, webspace_mb)?;
    if u.quota_soft_mb > u.quota_hard_mb {
        return Err(Error::invalid("quota-soft-mb", format!("{} MB must not exceed the hard quota of {} MB", u.quota_soft_mb, u.quota_hard_mb)));
    }
    Ok(())
}

pub fn get(tx: &Tx, name: &UserName) -> Result<User> {
    found(rows::get(tx, name.as_str())?, || format!("user {name}"))
}

pub use rows::{Filter, SORT};

/// `user list`: the users the filter keeps, in the order asked for.
pub fn list(tx: &Tx, filter: &Filter, sort: crate::ledger::Sort) -> Result<Vec<User>> {
    rows::find(tx, filter, sort)
}

#[derive(Debug, Default)]
pub struct Changes {
    pub shell: Option<Shell>,
    pub comment: Option<Gecos>,
    pub quota_soft_mb: Option<i64>,
    pub quota_hard_mb: Option<i64>,
    pub locked: Option<bool>,
    pub password: Option<PasswordHash>,
}

pub fn update(tx: &Tx, name: &UserName, c: Changes) -> Result<User> {
    let before = get(tx, name)?;
    let p = found(package_rows::get(tx, before.package.as_str())?, || format!("package {}", before.package))?;
    let mut u = before.clone();
    if let Some(s) = c.shell {
        u.shell = s;
    }
    if let Some(t) = c.comment {
        u.comment = Some(t);
    }
    u.quota_soft_mb = c.quota_soft_mb.unwrap_or(u.quota_soft_mb);
    u.quota_hard_mb = c.quota_hard_mb.unwrap_or(u.quota_hard_mb);
    u.locked = c.locked.unwrap_or(u.locked);
    let password_changed = c.password.is_some();
    if let Some(h) = c.password {
        u.password_hash = Some(h.as_str().to_owned());
        u.password_set = true;
    }
    check_quota(&u, p.webspace_mb)?;
    if u != before {
        rows::update(tx, &u)?;
        // The audit rows never carry the hash (User skips it when serialised); say that it changed.
        let action = if password_changed { "update (password set)" } else { "update" };
        tx.audit("unix_user", u.name.as_str(), action, snapshot(&before), snapshot(&u))?;
    }
    Ok(u)
}

#[derive(Debug, Serialize)]
pub struct Removed {
    pub user: User,
    pub cron_jobs: Vec<CronJob>,
}

/// Removes a package user and its cron jobs. The package admin goes only with its package.
pub fn remove(tx: &Tx, name: &UserName) -> Result<Removed> {
    if name.is_package_admin() {
        return Err(Error::invalid("name", format!("{name} is the package admin; it goes when the package is cancelled")));
    }
    let user = get(tx, name)?;
    let domains = crate::ledger::domain::names_of_user(tx, name.as_str())?;
    if !domains.is_empty() {
        return Err(Error::Conflict(format!(
            "user {name} owns the domains {}; hand them to another user (`domain update NAME --user USER`) or delete them first",
            domains.join(", ")
        )));
    }
    let cron_jobs = cron_rows::list(tx, Some(name.as_str()), None)?;
    for job in &cron_jobs {
        cron_rows::delete(tx, job.id)?;
        tx.audit("cron_job", &job.id.to_string(), "remove", snapshot(job), None)?;
    }
    rows::delete(tx, name.as_str())?;
    tx.audit("unix_user", name.as_str(), "remove", snapshot(&user), None)?;
    Ok(Removed { user, cron_jobs })
}
