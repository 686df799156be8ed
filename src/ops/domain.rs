//! Domains set up on packages (registration comes with the domain robot).
//!
//! A domain belongs to a package and is owned by one of its Unix users, whose `~/doms/<domain>/htdocs` is its
//! document root; each listed subdomain gets `~/doms/<domain>/subs/<label>`. One host name has exactly one
//! document root: a name cannot be both a domain of its own and a subdomain (or the `www`) of another.
use super::{found, snapshot};
use crate::ledger::domain::{self as rows, Domain};
use crate::ledger::{Tx, package as package_rows, user as user_rows};
use crate::model::{DomainName, PackageName, UserName};
use crate::{Error, Result};
use serde::Serialize;

/// More subdomains than this on one domain is a mistake, not a plan.
pub const MAX_SUBDOMAINS: usize = 100;

/// What `domain add` and `domain update` may set; `None` keeps the value (or takes the default on add).
#[derive(Debug, Default, Clone, Copy)]
pub struct Options {
    pub cgi: Option<bool>,
    pub php: Option<bool>,
    pub indexes: Option<bool>,
    pub https: Option<bool>,
    /// Whether the domain takes mail.
    pub mail: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct NewDomain {
    pub name: DomainName,
    pub package: PackageName,
    /// The owning user; the package admin when not given.
    pub user: Option<UserName>,
    /// Labels, validated, sorted and without duplicates (see [`subdomain_list`]).
    pub subdomains: Vec<String>,
    pub options: Options,
}

/// A domain with what follows from it.
#[derive(Debug, Clone, Serialize)]
pub struct Details {
    #[serde(flatten)]
    pub domain: Domain,
    /// The document root of the domain itself (and of `www.<domain>`); none for a registration-only domain.
    pub document_root: Option<String>,
}

impl Details {
    pub(crate) fn of(domain: Domain) -> Self {
        Self { document_root: domain.user.as_ref().map(|u| format!("{}/doms/{}/htdocs", u.home(), domain.name)), domain }
    }
}

/// How a new domain row starts: `none` for `domain add`; `pending` or `transfer-pending` from the domain robot,
/// which may also leave it unhosted (registration only).
#[derive(Debug, Clone, Copy)]
pub struct Start<'a> {
    pub registration: &'a str,
    pub hosted: bool,
}

impl Start<'_> {
    pub const SET_UP: Start<'static> = Start { registration: "none", hosted: true };
}

/// Parses a comma-separated list of subdomain labels (`blog,shop`); empty means none. Sorted, duplicates removed.
pub fn subdomain_list(field: &str, s: &str) -> Result<Vec<String>> {
    let mut labels = s.split(',').filter(|l| !l.is_empty()).map(|l| crate::model::subdomain(field, l)).collect::<Result<Vec<_>>>()?;
    labels.sort();
    labels.dedup();
    if labels.len() > MAX_SUBDOMAINS {
        return Err(Error::invalid(field, format!("lists {} subdomains; at most {MAX_SUBDOMAINS} are allowed", labels.len())));
    }
    Ok(labels)
}

pub fn add(tx: &Tx, new: NewDomain, today: chrono::NaiveDate) -> Result<Details> {
    add_as(tx, new, today, Start::SET_UP)
}

/// The owning user of a new hosted domain (the package admin by default), checked; none when not hosted.
fn owner(new: &NewDomain, hosted: bool) -> Result<Option<UserName>> {
    let package = &new.package;
    if !hosted {
        if new.user.is_some() {
            return Err(Error::invalid("user", "a registration-only domain has no user (it is not set up on a web server)"));
        }
        return Ok(None);
    }
    let user = new.user.clone().unwrap_or_else(|| UserName::from(package));
    if user.package() != *package {
        return Err(Error::invalid(
            "user",
            format!("{user} belongs to package {}, not to {package}; a domain is owned by a user of its own package", user.package()),
        ));
    }
    Ok(Some(user))
}

/// Adds a domain row as `start` says: `domain add`, or the first step of `domain register`/`transfer`.
pub fn add_as(tx: &Tx, new: NewDomain, today: chrono::NaiveDate, start: Start) -> Result<Details> {
    let package = &new.package;
    let user = owner(&new, start.hosted)?;
    let p = found(package_rows::get(tx, package.as_str())?, || format!("package {package}"))?;
    if p.ended(&today.to_string()) {
        return Err(Error::Conflict(format!("package {package} was cancelled as of {}", p.valid_to.as_deref().unwrap_or_default())));
    }
    if let Some(user) = &user {
        found(user_rows::get(tx, user.as_str())?, || format!("user {user}"))?;
    }
    if !start.hosted && !new.subdomains.is_empty() {
        return Err(Error::invalid("subdomains", "a registration-only domain has no subdomains (it is not set up on a web server)"));
    }
    let name = new.name.as_str();
    if let Some(d) = rows::get(tx, name)? {
        return Err(Error::Conflict(format!("domain {} already exists (on package {})", shown(&d), d.package)));
    }
    check_own_name(tx, name)?;
    check_subdomains(tx, name, &new.subdomains, "subdomains")?;
    if rows::count(tx, package.as_str())? >= p.domains {
        return Err(Error::Conflict(format!(
            "package {package} already has its {} domains; raise its limit with `package update {package} --domains N`",
            p.domains
        )));
    }
    let o = new.options;
    let d = Domain {
        unicode: new.name.unicode(),
        name: new.name,
        package: new.package,
        user,
        hosted: start.hosted,
        subdomains: new.subdomains,
        cgi: o.cgi.unwrap_or(false),
        php: o.php.unwrap_or(true),
        indexes: o.indexes.unwrap_or(true),
        https: o.https.unwrap_or(false),
        registration: start.registration.into(),
        registrar_handle: None,
        since: today.to_string(),
        expires: None,
        registrant_handle: None,
        auth_code: None,
        registry_status: None,
        mail: o.mail.unwrap_or(true),
    };
    rows::insert(tx, &d)?;
    tx.audit("domain", d.name.as_str(), "add", None, snapshot(&d))?;
    Ok(Details::of(d))
}

/// A new domain `name` must not be a host name another domain already serves: `<label>.<parent>` where
/// `<label>` is `www` or a listed subdomain of the domain `<parent>`; nor may `www.<name>` be a domain already.
fn check_own_name(tx: &Tx, name: &str) -> Result<()> {
    if let Some((label, parent)) = name.split_once('.')
        && let Some(p) = rows::get(tx, parent)?
        && (label == "www" || p.subdomains.iter().any(|s| s == label))
    {
        let why = if label == "www" {
            "www.<domain> always belongs to the domain itself (one name, one document root)".to_owned()
        } else {
            format!(
                "it lists {label} as a subdomain (one name, one document root); remove it there first with `domain update {parent} --remove-subdomain {label}`"
            )
        };
        return Err(Error::Conflict(format!("{name} is already served by domain {}: {why}", shown(&p))));
    }
    let www = format!("www.{name}");
    if let Some(d) = rows::get(tx, &www)? {
        return Err(Error::Conflict(format!(
            "{} is a domain of its own (package {}), but www.{name} always belongs to {name} (one name, one document root); delete it first",
            d.name, d.package
        )));
    }
    Ok(())
}

/// Every subdomain of `name` must make a valid host name that is not a domain of its own.
fn check_subdomains(tx: &Tx, name: &str, labels: &[String], field: &str) -> Result<()> {
    if labels.len() > MAX_SUBDOMAINS {
        return Err(Error::invalid(field, format!("{name} would have {} subdomains; at most {MAX_SUBDOMAINS} are allowed", labels.len())));
    }
    for label in labels {
        let host = format!("{label}.{name}");
        if host.len() > 253 {
            return Err(Error::invalid(field, format!("{label}.{name} is longer than the 253 characters a host name may have")));
        }
        if let Some(d) = rows::get(tx, &host)? {
            return Err(Error::Conflict(format!(
                "{} is already a domain of its own (package {}), so it cannot also be subdomain {label} of {name} (one name, one document root)",
                shown(&d),
                d.package
            )));
        }
    }
    Ok(())
}

/// `example.org`, or `xn--mller-kva.de (müller.de)` when the Unicode form differs.
fn shown(d: &Domain) -> String {
    if d.unicode == d.name.as_str() { d.name.to_string() } else { format!("{} ({})", d.name, d.unicode) }
}

pub fn get(tx: &Tx, name: &DomainName) -> Result<Domain> {
    found(rows::get(tx, name.as_str())?, || format!("domain {}", name_shown(name)))
}

fn name_shown(name: &DomainName) -> String {
    let unicode = name.unicode();
    if unicode == name.as_str() { unicode } else { format!("{name} ({unicode})") }
}

pub fn show(tx: &Tx, name: &DomainName) -> Result<Details> {
    get(tx, name).map(Details::of)
}

pub use rows::{Filter, SORT};

/// `domain list`: the domains the filter keeps, in the order asked for; a package filter must name a package.
pub fn list(tx: &Tx, filter: &Filter, sort: crate::ledger::Sort) -> Result<Vec<Domain>> {
    if let Some(p) = &filter.package {
        found(package_rows::get(tx, p.as_str())?, || format!("package {p}"))?;
    }
    rows::find(tx, filter, sort)
}

#[derive(Debug, Default)]
pub struct Changes {
    pub user: Option<UserName>,
    /// Replaces the whole list (validated, sorted, unique).
    pub subdomains: Option<Vec<String>>,
    pub add_subdomains: Vec<String>,
    pub remove_subdomains: Vec<String>,
    pub options: Options,
}

/// The domain after an update, and whether anything changed (no audit row when not).
#[derive(Debug)]
pub struct Updated {
    pub details: Details,
    pub changed: bool,
}

pub fn update(tx: &Tx, name: &DomainName, c: Changes) -> Result<Updated> {
    let before = get(tx, name)?;
    let mut d = before.clone();
    if !d.hosted && (c.user.is_some() || c.subdomains.is_some() || !c.add_subdomains.is_empty()) {
        return Err(Error::Conflict(format!("domain {} is registration only: it has no user or subdomains (it is not set up on a web server)", shown(&d))));
    }
    if let Some(user) = c.user {
        if user.package() != d.package {
            return Err(Error::invalid(
                "user",
                format!("{user} belongs to package {}, not to {}; a domain is owned by a user of its own package", user.package(), d.package),
            ));
        }
        found(user_rows::get(tx, user.as_str())?, || format!("user {user}"))?;
        d.user = Some(user);
    }
    let list_field = if c.subdomains.is_some() { "subdomains" } else { "add-subdomain" };
    if let Some(list) = c.subdomains {
        d.subdomains = list;
    }
    d.subdomains.extend(c.add_subdomains);
    d.subdomains.sort();
    d.subdomains.dedup();
    for label in &c.remove_subdomains {
        let Some(i) = d.subdomains.iter().position(|s| s == label) else {
            return Err(Error::invalid("remove-subdomain", format!("{label} is not a subdomain of {}", shown(&before))));
        };
        d.subdomains.remove(i);
    }
    let added: Vec<String> = d.subdomains.iter().filter(|s| !before.subdomains.contains(s)).cloned().collect();
    if d.subdomains.len() > MAX_SUBDOMAINS {
        return Err(Error::invalid(list_field, format!("{} would have {} subdomains; at most {MAX_SUBDOMAINS} are allowed", d.name, d.subdomains.len())));
    }
    check_subdomains(tx, d.name.as_str(), &added, list_field)?;
    let o = c.options;
    d.cgi = o.cgi.unwrap_or(d.cgi);
    d.php = o.php.unwrap_or(d.php);
    d.indexes = o.indexes.unwrap_or(d.indexes);
    d.https = o.https.unwrap_or(d.https);
    d.mail = o.mail.unwrap_or(d.mail);
    let changed = d != before;
    if changed {
        rows::update(tx, &d)?;
        tx.audit("domain", d.name.as_str(), "update", snapshot(&before), snapshot(&d))?;
    }
    Ok(Updated { details: Details::of(d), changed })
}

/// Removes a domain from its package. A domain still registered (or on its way) is the registry's business
/// first: it must be deleted or transferred away there before its set-up goes.
pub fn delete(tx: &Tx, name: &DomainName) -> Result<Details> {
    let d = get(tx, name)?;
    if matches!(d.registration.as_str(), "pending" | "registered" | "transfer-pending") {
        return Err(Error::Conflict(format!(
            "domain {} is {} at the registry; end its registration first (`domain delete {}`) or transfer it away",
            shown(&d),
            d.registration,
            d.name
        )));
    }
    super::mail::refuse_in_use(tx, &d.name)?;
    for r in crate::ledger::dns::delete_of_domain(tx, d.name.as_str())? {
        tx.audit("dns_record", &r.id.to_string(), "delete", snapshot(&r), None)?;
    }
    rows::delete(tx, d.name.as_str())?;
    tx.audit("domain", d.name.as_str(), "delete", snapshot(&d), None)?;
    Ok(Details::of(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subdomain_lists_are_sorted_unique_and_validated() {
        assert_eq!(subdomain_list("subdomains", "shop,blog,shop").unwrap(), ["blog", "shop"]);
        assert!(subdomain_list("subdomains", "").unwrap().is_empty());
        assert_eq!(subdomain_list("subdomains", "blog,,api").unwrap(), ["api", "blog"]);
        for bad in ["www", "blog,www", "a.b", "blog, shop", "*", "Blog"] {
            let e = subdomain_list("subdomains", bad).unwrap_err();
            assert!(matches!(&e, Error::Invalid { field, .. } if field == "subdomains"), "{bad:?}: {e}");
        }
        let many: Vec<String> = (0..=MAX_SUBDOMAINS).map(|i| format!("s{i}")).collect();
        assert!(subdomain_list("subdomains", &many.join(",")).is_err());
        assert_eq!(subdomain_list("subdomains", &many[..MAX_SUBDOMAINS].join(",")).unwrap().len(), MAX_SUBDOMAINS);
    }
}
