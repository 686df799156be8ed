//! Mail as stored (schema 13): addresses on the packages' domains, aliases, mailing lists and their
//! subscribers. A row is never deleted: removing records the day, so that the converge role can take what
//! was removed off its server and the audit log keeps naming it. Targets are a JSON array of target texts,
//! validated again when read.
use super::bank::{day, opt_day};
use crate::Result;
use crate::model::{DomainName, ListPolicy, LocalPart, MailAddress, MailTarget, PackageName, UserName};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// An address `local@[subdomain.]domain` of a package.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Address {
    /// Never handed out twice, also after a removal.
    pub id: i64,
    /// Empty for the domain's catch-all.
    pub local: LocalPart,
    /// A label below the domain (`lists` in `news@lists.example.org`), or empty.
    pub subdomain: String,
    pub domain: DomainName,
    pub package: PackageName,
    pub targets: Vec<MailTarget>,
    pub added: NaiveDate,
    pub removed: Option<NaiveDate>,
}

impl Address {
    /// The mail domain: `[subdomain.]domain`.
    pub fn mail_domain(&self) -> String {
        if self.subdomain.is_empty() { self.domain.to_string() } else { format!("{}.{}", self.subdomain, self.domain) }
    }

    /// `local@[subdomain.]domain` (`@domain` for the catch-all).
    pub fn address(&self) -> String {
        format!("{}@{}", self.local.as_str(), self.mail_domain())
    }
}

/// An alias of a package (`xyz00-team`), delivered by the server's local alias table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alias {
    pub id: i64,
    pub name: UserName,
    pub package: PackageName,
    pub targets: Vec<MailTarget>,
    pub added: NaiveDate,
    pub removed: Option<NaiveDate>,
}

/// A mailing list `local@domain` of a package.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct List {
    pub id: i64,
    pub local: LocalPart,
    pub domain: DomainName,
    pub package: PackageName,
    pub owner: MailAddress,
    pub policy: ListPolicy,
    pub added: NaiveDate,
    pub removed: Option<NaiveDate>,
    /// The subscribers not unsubscribed, sorted.
    pub subscribers: Vec<MailAddress>,
}

impl List {
    pub fn address(&self) -> String {
        format!("{}@{}", self.local.as_str(), self.domain)
    }
}

/// Targets as stored: a JSON array of their texts.
fn targets_json(targets: &[MailTarget]) -> String {
    serde_json::to_string(&targets.iter().map(ToString::to_string).collect::<Vec<_>>()).expect("strings serialise")
}

fn targets(r: &Row, i: usize) -> rusqlite::Result<Vec<MailTarget>> {
    let text: String = r.get(i)?;
    let bad = |e: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into());
    let list: Vec<String> = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    list.iter().map(|t| MailTarget::parse("mail target in the ledger", t, true).map_err(|e| bad(e.to_string()))).collect()
}

const ADDRESS_COLUMNS: &str = "id, local, subdomain, domain, package, targets, added, removed FROM mail_address";

fn address_row(r: &Row) -> rusqlite::Result<Address> {
    Ok(Address {
        id: r.get(0)?,
        local: r.get(1)?,
        subdomain: r.get(2)?,
        domain: r.get(3)?,
        package: r.get(4)?,
        targets: targets(r, 5)?,
        added: day(r, 6)?,
        removed: opt_day(r, 7)?,
    })
}

pub fn insert_address(c: &Connection, a: &Address) -> Result<Address> {
    c.execute(
        "INSERT INTO mail_address (local, subdomain, domain, package, targets, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.local, a.subdomain, a.domain, a.package, targets_json(&a.targets), a.added.to_string()],
    )?;
    Ok(c.query_row(&format!("SELECT {ADDRESS_COLUMNS} WHERE id = ?1"), [c.last_insert_rowid()], address_row)?)
}

/// The address not removed with this local part, subdomain and domain.
pub fn address(c: &Connection, local: &LocalPart, subdomain: &str, domain: &DomainName) -> Result<Option<Address>> {
    let sql = format!("SELECT {ADDRESS_COLUMNS} WHERE local = ?1 AND subdomain = ?2 AND domain = ?3 AND removed IS NULL");
    Ok(c.query_row(&sql, params![local, subdomain, domain], address_row).optional()?)
}

/// The addresses not removed, of one package and/or domain, by domain and local part.
pub fn addresses(c: &Connection, package: Option<&PackageName>, domain: Option<&DomainName>) -> Result<Vec<Address>> {
    let sql = format!(
        "SELECT {ADDRESS_COLUMNS} WHERE removed IS NULL AND (?1 IS NULL OR package = ?1) AND (?2 IS NULL OR domain = ?2) ORDER BY domain, subdomain, local"
    );
    let mut st = c.prepare(&sql)?;
    Ok(st.query_map(params![package, domain], address_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn set_address_targets(c: &Connection, id: i64, targets: &[MailTarget]) -> Result<Address> {
    c.execute("UPDATE mail_address SET targets = ?2 WHERE id = ?1", params![id, targets_json(targets)])?;
    Ok(c.query_row(&format!("SELECT {ADDRESS_COLUMNS} WHERE id = ?1"), [id], address_row)?)
}

pub fn remove_address(c: &Connection, id: i64, day: NaiveDate) -> Result<Address> {
    c.execute("UPDATE mail_address SET removed = ?2 WHERE id = ?1 AND removed IS NULL", params![id, day.to_string()])?;
    Ok(c.query_row(&format!("SELECT {ADDRESS_COLUMNS} WHERE id = ?1"), [id], address_row)?)
}

const ALIAS_COLUMNS: &str = "id, name, package, targets, added, removed FROM mail_alias";

fn alias_row(r: &Row) -> rusqlite::Result<Alias> {
    Ok(Alias { id: r.get(0)?, name: r.get(1)?, package: r.get(2)?, targets: targets(r, 3)?, added: day(r, 4)?, removed: opt_day(r, 5)? })
}

pub fn insert_alias(c: &Connection, name: &UserName, targets: &[MailTarget], added: NaiveDate) -> Result<Alias> {
    c.execute(
        "INSERT INTO mail_alias (name, package, targets, added) VALUES (?1, ?2, ?3, ?4)",
        params![name, name.package(), targets_json(targets), added.to_string()],
    )?;
    Ok(c.query_row(&format!("SELECT {ALIAS_COLUMNS} WHERE id = ?1"), [c.last_insert_rowid()], alias_row)?)
}

pub fn alias(c: &Connection, name: &UserName) -> Result<Option<Alias>> {
    Ok(c.query_row(&format!("SELECT {ALIAS_COLUMNS} WHERE name = ?1 AND removed IS NULL"), [name], alias_row).optional()?)
}

pub fn aliases(c: &Connection, package: Option<&PackageName>) -> Result<Vec<Alias>> {
    let mut st = c.prepare(&format!("SELECT {ALIAS_COLUMNS} WHERE removed IS NULL AND (?1 IS NULL OR package = ?1) ORDER BY name"))?;
    Ok(st.query_map(params![package], alias_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn remove_alias(c: &Connection, id: i64, day: NaiveDate) -> Result<Alias> {
    c.execute("UPDATE mail_alias SET removed = ?2 WHERE id = ?1 AND removed IS NULL", params![id, day.to_string()])?;
    Ok(c.query_row(&format!("SELECT {ALIAS_COLUMNS} WHERE id = ?1"), [id], alias_row)?)
}

const LIST_COLUMNS: &str = "id, local, domain, package, owner, policy, added, removed FROM mail_list";

fn list_row(c: &Connection) -> impl Fn(&Row) -> rusqlite::Result<List> + '_ {
    move |r| {
        let id: i64 = r.get(0)?;
        let mut st = c.prepare_cached("SELECT address FROM mail_subscriber WHERE list = ?1 AND removed IS NULL ORDER BY address")?;
        let subscribers = st.query_map([id], |s| s.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(List {
            id,
            local: r.get(1)?,
            domain: r.get(2)?,
            package: r.get(3)?,
            owner: r.get(4)?,
            policy: r.get(5)?,
            added: day(r, 6)?,
            removed: opt_day(r, 7)?,
            subscribers,
        })
    }
}

pub fn insert_list(
    c: &Connection,
    local: &LocalPart,
    domain: &DomainName,
    package: &PackageName,
    owner: &MailAddress,
    policy: ListPolicy,
    added: NaiveDate,
) -> Result<List> {
    c.execute(
        "INSERT INTO mail_list (local, domain, package, owner, policy, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![local, domain, package, owner, policy, added.to_string()],
    )?;
    Ok(c.query_row(&format!("SELECT {LIST_COLUMNS} WHERE id = ?1"), [c.last_insert_rowid()], list_row(c))?)
}

pub fn list(c: &Connection, local: &LocalPart, domain: &DomainName) -> Result<Option<List>> {
    Ok(c.query_row(&format!("SELECT {LIST_COLUMNS} WHERE local = ?1 AND domain = ?2 AND removed IS NULL"), params![local, domain], list_row(c)).optional()?)
}

pub fn lists(c: &Connection, package: Option<&PackageName>) -> Result<Vec<List>> {
    let mut st = c.prepare(&format!("SELECT {LIST_COLUMNS} WHERE removed IS NULL AND (?1 IS NULL OR package = ?1) ORDER BY domain, local"))?;
    Ok(st.query_map(params![package], list_row(c))?.collect::<rusqlite::Result<_>>()?)
}

pub fn remove_list(c: &Connection, id: i64, day: NaiveDate) -> Result<()> {
    c.execute("UPDATE mail_subscriber SET removed = ?2 WHERE list = ?1 AND removed IS NULL", params![id, day.to_string()])?;
    c.execute("UPDATE mail_list SET removed = ?2 WHERE id = ?1 AND removed IS NULL", params![id, day.to_string()])?;
    Ok(())
}

/// Subscribes an address; false when it was subscribed already.
pub fn subscribe(c: &Connection, list: i64, address: &MailAddress, day: NaiveDate) -> Result<bool> {
    let n = c.execute(
        "INSERT INTO mail_subscriber (list, address, added) SELECT ?1, ?2, ?3
         WHERE NOT EXISTS (SELECT 1 FROM mail_subscriber WHERE list = ?1 AND address = ?2 AND removed IS NULL)",
        params![list, address, day.to_string()],
    )?;
    Ok(n == 1)
}

/// Unsubscribes an address; false when it was not subscribed.
pub fn unsubscribe(c: &Connection, list: i64, address: &MailAddress, day: NaiveDate) -> Result<bool> {
    let n =
        c.execute("UPDATE mail_subscriber SET removed = ?3 WHERE list = ?1 AND address = ?2 AND removed IS NULL", params![list, address, day.to_string()])?;
    Ok(n == 1)
}
