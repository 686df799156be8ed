//! Mail of packages: addresses on their domains (`info@example.org`, the catch-all `@example.org`,
//! `news@lists.example.org`), aliases (`xyz00-team`), mailing lists and their subscribers. An address
//! belongs to the package of its domain, which must take mail; a mailbox target is a Unix user of that same
//! package; a package has at most the addresses its product's tariff includes. Nothing is deleted:
//! removing records the day, and the mail role takes it off the server.
use super::{found, snapshot};
use crate::ledger::domain::Domain;
use crate::ledger::mail::{self as rows, Address, Alias, List};
use crate::ledger::{Tx, catalog, package};
use crate::model::{DomainName, ListPolicy, LocalPart, MailAddress, MailTarget, PackageName, UserName, shown};
use crate::{Error, Result};
use chrono::NaiveDate;

/// An address on a hosted domain, split: its local part, the subdomain label (or empty) and the domain row.
pub struct Hosted {
    pub local: LocalPart,
    pub subdomain: String,
    pub domain: Domain,
}

/// Reads `LOCAL@[SUB.]DOMAIN`: the domain (or the part after its first label) must be a domain of a
/// package in the ledger that takes mail.
pub fn hosted(tx: &Tx, field: &str, text: &str) -> Result<Hosted> {
    let (local, mail_domain) = text
        .rsplit_once('@')
        .ok_or_else(|| Error::invalid(field, format!("{} must be an address like info@example.org (@example.org for the catch-all)", shown(text))))?;
    let local = LocalPart::parse(field, local)?;
    let name = DomainName::parse(field, mail_domain)?;
    let (subdomain, domain) = match crate::ledger::domain::get(tx, name.as_str())? {
        Some(d) => (String::new(), d),
        None => {
            let (label, parent) = name.as_str().split_once('.').unwrap_or_default();
            let parent = crate::ledger::domain::get(tx, parent)?.filter(|_| crate::model::subdomain("subdomain", label).is_ok());
            match parent {
                Some(d) => (label.to_owned(), d),
                None => return Err(Error::invalid(field, format!("{} is no domain of a package (domain add it first)", shown(mail_domain)))),
            }
        }
    };
    if !domain.mail {
        return Err(Error::invalid(field, format!("{} does not take mail: domain update {} --mail", domain.name, domain.name)));
    }
    if !domain.hosted {
        return Err(Error::invalid(field, format!("{} is only registered through the hoster, not set up on a package", domain.name)));
    }
    Ok(Hosted { local, subdomain, domain })
}

/// Checks targets against the package: a mailbox is a Unix user of it, an include file lies in its home,
/// and `nobody` or `/dev/null` stand alone.
fn check_targets(tx: &Tx, package: &PackageName, targets: &[MailTarget]) -> Result<()> {
    for t in targets {
        match t {
            MailTarget::User(u) => {
                let user = crate::ledger::user::get(tx, u.as_str())?;
                if user.is_none_or(|x| &x.package != package) {
                    return Err(Error::invalid("target", format!("{u} is no Unix user of package {package}: a mailbox must be one of the package's users")));
                }
            }
            MailTarget::Include(path) if !path.starts_with(&format!("{}/{package}/", crate::model::PACKAGE_HOMES)) => {
                return Err(Error::invalid(
                    "target",
                    format!(":include:{path} must be a file in the package's home {}/{package}/", crate::model::PACKAGE_HOMES),
                ));
            }
            MailTarget::Nobody | MailTarget::DevNull if targets.len() > 1 => {
                return Err(Error::invalid("target", format!("{t} stands alone: it drops the message, so it cannot be one of several targets")));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Refuses an address above what the package's product includes (the tariff in force today).
fn within_limit(tx: &Tx, package: &PackageName, today: NaiveDate) -> Result<()> {
    let p = found(package::get(tx, package.as_str())?, || format!("package {package}"))?;
    let included = catalog::price_on(tx, p.product.as_str(), &today.to_string())?.map_or(0, |price| price.included.addresses);
    let used = rows::addresses(tx, Some(package), None)?.len() as i64;
    if used >= included {
        return Err(Error::Conflict(format!(
            "package {package} already has {} of the {included} its product {} includes (included.addresses in the catalog)",
            crate::model::count(used, "mail address"),
            p.product
        )));
    }
    Ok(())
}

pub fn add_address(tx: &Tx, text: &str, targets: Vec<MailTarget>, today: NaiveDate) -> Result<Address> {
    let h = hosted(tx, "address", text)?;
    let package = h.domain.package.clone();
    super::package::open_for_new(tx, &package, "package", "mail addresses, aliases or lists")?;
    check_targets(tx, &package, &targets)?;
    if rows::address(tx, &h.local, &h.subdomain, &h.domain.name)?.is_some() {
        return Err(Error::Conflict(format!("the address {text} exists already (mail address update to change its targets)")));
    }
    if h.subdomain.is_empty() && rows::list(tx, &h.local, &h.domain.name)?.is_some() {
        return Err(Error::Conflict(format!("{text} is a mailing list")));
    }
    within_limit(tx, &package, today)?;
    let new = Address { id: 0, local: h.local, subdomain: h.subdomain, domain: h.domain.name, package, targets, added: today, removed: None };
    let a = rows::insert_address(tx, &new)?;
    tx.audit("mail_address", &a.address(), "add", None, snapshot(&a))?;
    Ok(a)
}

/// The address not removed that `text` names.
pub fn address(tx: &Tx, text: &str) -> Result<Address> {
    let h = hosted(tx, "address", text)?;
    rows::address(tx, &h.local, &h.subdomain, &h.domain.name)?.ok_or_else(|| Error::NotFound(format!("mail address {text}")))
}

pub fn update_address(tx: &Tx, text: &str, targets: Vec<MailTarget>) -> Result<Address> {
    let before = address(tx, text)?;
    check_targets(tx, &before.package, &targets)?;
    let after = rows::set_address_targets(tx, before.id, &targets)?;
    tx.audit("mail_address", &after.address(), "update", snapshot(&before), snapshot(&after))?;
    Ok(after)
}

pub fn remove_address(tx: &Tx, text: &str, today: NaiveDate) -> Result<Address> {
    let before = address(tx, text)?;
    let after = rows::remove_address(tx, before.id, today)?;
    tx.audit("mail_address", &after.address(), "remove", snapshot(&before), snapshot(&after))?;
    Ok(after)
}

/// The addresses not removed, of one package and/or domain (each must exist).
pub fn addresses(tx: &Tx, package: Option<&PackageName>, domain: Option<&DomainName>) -> Result<Vec<Address>> {
    super::package::exists_if_named(tx, package)?;
    if let Some(d) = domain {
        found(crate::ledger::domain::get(tx, d.as_str())?, || format!("domain {d}"))?;
    }
    rows::addresses(tx, package, domain)
}

pub fn add_alias(tx: &Tx, name: &UserName, targets: Vec<MailTarget>, today: NaiveDate) -> Result<Alias> {
    let package = name.package();
    super::package::open_for_new(tx, &package, "package", "mail addresses, aliases or lists")?;
    check_targets(tx, &package, &targets)?;
    if targets.iter().any(|t| matches!(t, MailTarget::User(u) if u == name)) {
        return Err(Error::invalid("target", format!("the alias {name} cannot deliver to itself")));
    }
    if rows::alias(tx, name)?.is_some() {
        return Err(Error::Conflict(format!("the alias {name} exists already")));
    }
    let a = rows::insert_alias(tx, name, &targets, today)?;
    tx.audit("mail_alias", name.as_str(), "add", None, snapshot(&a))?;
    Ok(a)
}

pub fn aliases(tx: &Tx, package: Option<&PackageName>) -> Result<Vec<Alias>> {
    super::package::exists_if_named(tx, package)?;
    rows::aliases(tx, package)
}

pub fn remove_alias(tx: &Tx, name: &UserName, today: NaiveDate) -> Result<Alias> {
    let before = found(rows::alias(tx, name)?, || format!("mail alias {name}"))?;
    let after = rows::remove_alias(tx, before.id, today)?;
    tx.audit("mail_alias", name.as_str(), "remove", snapshot(&before), snapshot(&after))?;
    Ok(after)
}

/// A list's address: on a package's domain itself (no subdomain, not the catch-all).
fn list_address(tx: &Tx, text: &str) -> Result<Hosted> {
    let h = hosted(tx, "list", text)?;
    if h.local.is_catch_all() || !h.subdomain.is_empty() {
        return Err(Error::invalid("list", format!("{} must be NAME@DOMAIN, a domain of a package", shown(text))));
    }
    Ok(h)
}

pub fn add_list(tx: &Tx, text: &str, owner: &MailAddress, policy: ListPolicy, today: NaiveDate) -> Result<List> {
    let h = list_address(tx, text)?;
    super::package::open_for_new(tx, &h.domain.package, "package", "mail addresses, aliases or lists")?;
    if rows::list(tx, &h.local, &h.domain.name)?.is_some() || rows::address(tx, &h.local, "", &h.domain.name)?.is_some() {
        return Err(Error::Conflict(format!("{text} exists already as a list or an address")));
    }
    let l = rows::insert_list(tx, &h.local, &h.domain.name, &h.domain.package, owner, policy, today)?;
    tx.audit("mail_list", &l.address(), "add", None, snapshot(&l))?;
    Ok(l)
}

pub fn list(tx: &Tx, text: &str) -> Result<List> {
    let h = list_address(tx, text)?;
    rows::list(tx, &h.local, &h.domain.name)?.ok_or_else(|| Error::NotFound(format!("mailing list {text}")))
}

pub fn lists(tx: &Tx, package: Option<&PackageName>) -> Result<Vec<List>> {
    super::package::exists_if_named(tx, package)?;
    rows::lists(tx, package)
}

/// Subscribes (or with `on` false unsubscribes) an address; the list as it is afterwards and whether it changed.
pub fn subscription(tx: &Tx, text: &str, who: &MailAddress, on: bool, today: NaiveDate) -> Result<(List, bool)> {
    let before = list(tx, text)?;
    let changed = if on { rows::subscribe(tx, before.id, who, today)? } else { rows::unsubscribe(tx, before.id, who, today)? };
    if !on && !changed {
        return Err(Error::NotFound(format!("{who} on the list {text}")));
    }
    let after = list(tx, text)?;
    if changed {
        tx.audit("mail_list", &after.address(), if on { "subscribe" } else { "unsubscribe" }, snapshot(&before), snapshot(&after))?;
    }
    Ok((after, changed))
}

pub fn remove_list(tx: &Tx, text: &str, today: NaiveDate) -> Result<List> {
    let before = list(tx, text)?;
    rows::remove_list(tx, before.id, today)?;
    tx.audit("mail_list", &before.address(), "remove", snapshot(&before), None)?;
    Ok(before)
}

/// For `domain remove`: refused while the domain has addresses or lists not removed.
pub fn refuse_in_use(tx: &Tx, domain: &DomainName) -> Result<()> {
    let addresses = rows::addresses(tx, None, Some(domain))?.len();
    let lists = rows::lists(tx, None)?.into_iter().filter(|l| &l.domain == domain).count();
    if addresses + lists > 0 {
        return Err(Error::Conflict(format!(
            "domain {domain} still has {} and {}; remove them first (mail address remove, mail list remove)",
            crate::model::count(addresses, "mail address"),
            crate::model::count(lists, "mailing list")
        )));
    }
    Ok(())
}
