//! Database users and databases of packages (MariaDB, PostgreSQL): add, update a user's password, list, show,
//! remove. A database belongs to a user of the same package and engine; a package has at most the databases
//! its product's tariff includes. Passwords arrive as clear text and leave this module only as the engine's
//! pre-hashed secret, which no output and no audit row carries. Nothing is deleted: removing records the day.
use super::{found, snapshot};
use crate::ledger::database::{self as rows, Database, DbUser};
use crate::ledger::package::Package;
use crate::ledger::{Tx, catalog};
use crate::model::{DbName, DbSecret, Encoding, Engine, PackageName, Password};
use crate::{Error, Result};
use chrono::NaiveDate;

/// A package's databases live on its own server, which must have the engine's role.
fn serves(tx: &Tx, p: &Package, engine: Engine) -> Result<()> {
    let server = crate::ledger::server::get(tx, p.server.as_str())?
        .ok_or_else(|| Error::Failed(format!("package {} names server {}, which the ledger lacks", p.name, p.server)))?;
    if server.roles.contains(engine.role()) {
        return Ok(());
    }
    Err(Error::invalid(
        "engine",
        format!(
            "package {}'s databases live on its server {}, which has no {engine} role: add it with `server update {} --role …,{engine}`",
            p.name, p.server, p.server
        ),
    ))
}

/// The one row of `found` for a name; none is not found, two (one per engine) want `--engine`.
fn one<T>(mut found: Vec<T>, what: &str, name: &DbName) -> Result<T> {
    match found.len() {
        0 => Err(Error::NotFound(format!("{what} {name}"))),
        1 => Ok(found.remove(0)),
        _ => Err(Error::invalid("engine", format!("there is a {what} {name} for each engine; name one with --engine mariadb|postgresql"))),
    }
}

pub fn add_user(tx: &Tx, name: &DbName, engine: Engine, password: &Password, today: NaiveDate) -> Result<DbUser> {
    let p = super::package::open_for_new(tx, &name.package(), "name", "database users or databases")?;
    serves(tx, &p, engine)?;
    if !rows::users_named(tx, name, Some(engine))?.is_empty() {
        return Err(Error::Conflict(format!("the {engine} user {name} already exists")));
    }
    let user = rows::insert_user(tx, name, engine, &DbSecret::new(password, engine)?, today)?;
    tx.audit("db_user", name.as_str(), "add", None, snapshot(&user))?;
    Ok(user)
}

/// The user not removed named `name` (of `engine` if given).
pub fn user(tx: &Tx, name: &DbName, engine: Option<Engine>) -> Result<DbUser> {
    one(rows::users_named(tx, name, engine)?, "database user", name)
}

/// Sets a new password: the user's secret is replaced by a fresh one (a new salt for PostgreSQL).
pub fn update_user(tx: &Tx, name: &DbName, engine: Option<Engine>, password: &Password) -> Result<DbUser> {
    let before = user(tx, name, engine)?;
    rows::set_secret(tx, before.id, &DbSecret::new(password, before.engine)?)?;
    let after = found(rows::get_user(tx, before.id)?, || format!("database user {name}"))?;
    // The snapshots carry no secret: the audit row says that the password changed, not to what.
    tx.audit("db_user", name.as_str(), "password", snapshot(&before), snapshot(&after))?;
    Ok(after)
}

/// The users not removed, of one package and/or engine.
pub fn users(tx: &Tx, package: Option<&PackageName>, engine: Option<Engine>) -> Result<Vec<DbUser>> {
    super::package::exists_if_named(tx, package)?;
    rows::users(tx, package, engine)
}

/// Records the removal of a user; refused while it owns a database that is not removed.
pub fn remove_user(tx: &Tx, name: &DbName, engine: Option<Engine>, today: NaiveDate) -> Result<DbUser> {
    let before = user(tx, name, engine)?;
    let owned = rows::owned_by(tx, before.id)?;
    if !owned.is_empty() {
        let names: Vec<&str> = owned.iter().map(|d| d.name.as_str()).collect();
        return Err(Error::Conflict(format!(
            "the {} user {name} owns the databases {}; remove them first (hsadmin db remove NAME --engine {})",
            before.engine,
            names.join(", "),
            before.engine
        )));
    }
    rows::mark_user_removed(tx, before.id, today)?;
    let after = found(rows::get_user(tx, before.id)?, || format!("database user {name}"))?;
    tx.audit("db_user", name.as_str(), "remove", snapshot(&before), snapshot(&after))?;
    Ok(after)
}

/// The owner of a new database: a user of the same engine and package as the database's name.
fn owner_for(tx: &Tx, name: &DbName, engine: Engine, owner: &DbName) -> Result<DbUser> {
    let Some(user) = rows::users_named(tx, owner, Some(engine))?.pop() else {
        let other = if rows::users_named(tx, owner, None)?.is_empty() { String::new() } else { " (only a user of the other engine)".to_owned() };
        return Err(Error::invalid(
            "owner",
            format!("there is no {engine} user {owner}{other}; add it first (hsadmin db user add {owner} --engine {engine} --password-stdin)"),
        ));
    };
    if user.package != name.package() {
        return Err(Error::invalid(
            "owner",
            format!(
                "{owner} belongs to package {}, the database {name} to package {}; the owner must be a user of the same package",
                user.package,
                name.package()
            ),
        ));
    }
    Ok(user)
}

/// Refuses a database above what the package's product includes (the tariff in force today).
fn within_limit(tx: &Tx, p: &Package, today: NaiveDate) -> Result<()> {
    let included = catalog::price_on(tx, p.product.as_str(), &today.to_string())?.map_or(0, |price| price.included.databases);
    let used = rows::databases(tx, Some(&p.name), None)?.len() as i64;
    if used >= included {
        return Err(Error::Conflict(format!(
            "package {} already has {} of the {} its product {} includes (included.databases in the catalog); remove one or import a tariff that includes more",
            p.name,
            crate::model::count(used, "database"),
            included,
            p.product
        )));
    }
    Ok(())
}

/// Adds a database of `engine` owned by `owner`; the encoding defaults to the engine's UTF-8.
pub fn add_database(tx: &Tx, name: &DbName, engine: Engine, owner: &DbName, encoding: Option<Encoding>, today: NaiveDate) -> Result<Database> {
    let p = super::package::open_for_new(tx, &name.package(), "name", "database users or databases")?;
    let owner = owner_for(tx, name, engine, owner)?;
    if !rows::databases_named(tx, name, Some(engine))?.is_empty() {
        return Err(Error::Conflict(format!("the {engine} database {name} already exists")));
    }
    within_limit(tx, &p, today)?;
    let db = rows::insert_database(tx, name, &owner, &encoding.unwrap_or_else(|| Encoding::default_for(engine)), today)?;
    tx.audit("database", name.as_str(), "add", None, snapshot(&db))?;
    Ok(db)
}

/// The database not removed named `name` (of `engine` if given).
pub fn database(tx: &Tx, name: &DbName, engine: Option<Engine>) -> Result<Database> {
    one(rows::databases_named(tx, name, engine)?, "database", name)
}

/// The databases not removed, of one package and/or engine.
pub fn databases(tx: &Tx, package: Option<&PackageName>, engine: Option<Engine>) -> Result<Vec<Database>> {
    super::package::exists_if_named(tx, package)?;
    rows::databases(tx, package, engine)
}

/// Records the removal of a database (the converge role drops it from its server).
pub fn remove_database(tx: &Tx, name: &DbName, engine: Option<Engine>, today: NaiveDate) -> Result<Database> {
    let before = database(tx, name, engine)?;
    rows::mark_database_removed(tx, before.id, today)?;
    let after = found(rows::get_database(tx, before.id)?, || format!("database {name}"))?;
    tx.audit("database", name.as_str(), "remove", snapshot(&before), snapshot(&after))?;
    Ok(after)
}

/// For `package purge`: marks every database and then every database user of the package removed, each with
/// its audit row, in the caller's transaction. Returns what was removed.
pub fn purge(tx: &Tx, package: &PackageName, today: NaiveDate) -> Result<(Vec<Database>, Vec<DbUser>)> {
    let mut dbs = Vec::new();
    for d in rows::databases(tx, Some(package), None)? {
        rows::mark_database_removed(tx, d.id, today)?;
        let after = found(rows::get_database(tx, d.id)?, || format!("database {}", d.name))?;
        tx.audit("database", d.name.as_str(), "purge", snapshot(&d), snapshot(&after))?;
        dbs.push(after);
    }
    let mut users = Vec::new();
    for u in rows::users(tx, Some(package), None)? {
        rows::mark_user_removed(tx, u.id, today)?;
        let after = found(rows::get_user(tx, u.id)?, || format!("database user {}", u.name))?;
        tx.audit("db_user", u.name.as_str(), "purge", snapshot(&u), snapshot(&after))?;
        users.push(after);
    }
    Ok((dbs, users))
}
