//! The database roles, `mariadb` and `postgresql`: the database users and databases of the packages on a
//! server, from the ledger, kept in line on that server's engine. A package's databases live on the
//! package's own server, which has the role of each engine its packages use (`db user add` refuses a
//! package whose server lacks it). SQL and shell text are in `render/database.rs` and
//! `remote/database/`; this file decides what changes.
//!
//! The rules: hsadmin touches only what its marker table says it created — a user or database of the
//! same name that it did not create is reported and left alone, with everything that depends on it; it
//! drops only what the ledger records as removed (`db remove --yes`, `db user remove`, `package purge
//! --yes`), and a marked object the ledger does not know is reported, never dropped; a marked database that
//! is gone is drift and is created again, empty; the owner has all rights on its own database and no
//! managed user any right on another's; the users of a package that ended are locked. Each package is
//! one unit, so one customer's broken state never blocks the others.
use super::role::{Context, Role, StepsContext};
use crate::Result;
use crate::ledger::Tx;
use crate::ledger::server::Server;
use crate::model;
use crate::model::Engine;
use crate::remote::Script;
use crate::remote::database::facts::{self, DbFacts};
use crate::remote::database::{Action, steps};
use crate::remote::records::Record;
use crate::remote::script::ApplyScript;
use crate::render::database::grant_pattern;
use std::collections::BTreeSet;

pub struct MariaDb;
pub struct PostgreSql;

/// A database user as the ledger has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserWant {
    pub name: String,
    pub package: String,
    /// MariaDB the ed25519 hash, PostgreSQL the SCRAM verifier: the engine's pre-hashed form.
    pub secret: String,
    /// Its package has ended: no logins.
    pub locked: bool,
    /// `db user remove` or `package purge` recorded its removal: drop it.
    pub removed: bool,
}

/// A database as the ledger has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbWant {
    pub name: String,
    pub package: String,
    pub owner: String,
    pub encoding: String,
    pub removed: bool,
}

/// What one engine on one server should have.
#[derive(Debug, Clone)]
pub struct DbDesired {
    pub engine: Engine,
    pub users: Vec<UserWant>,
    pub databases: Vec<DbWant>,
}

/// The unit of the engine's server-wide part.
pub fn server_unit(d: Engine) -> &'static str {
    crate::remote::database::client(d).0
}

/// The order of actions within a unit: users, their rights, databases, then what goes.
fn rank(a: &Action) -> u8 {
    match a {
        Action::Setup => 0,
        Action::CreateUser { .. } | Action::SetPassword { .. } | Action::LockUser { .. } | Action::UnlockUser { .. } => 1,
        Action::CreateDatabase { .. } => 2,
        Action::Grant { .. } => 3,
        Action::Revoke { .. } => 4,
        Action::DropDatabase { .. } => 5,
        Action::DropUser { .. } => 6,
    }
}

/// Wanted names: the ones the ledger has a live row for (a removed row of a name in use again does not count).
fn live<T>(rows: &[T], name: impl Fn(&T) -> &str, removed: impl Fn(&T) -> bool) -> (Vec<&T>, Vec<&T>) {
    let alive: BTreeSet<&str> = rows.iter().filter(|r| !removed(r)).map(&name).collect();
    let gone = rows.iter().filter(|r| removed(r) && !alive.contains(name(r))).collect();
    (rows.iter().filter(|r| !removed(r)).collect(), gone)
}

/// The changes for one engine (unordered), and what was noticed.
pub fn diff(d: &DbDesired, f: &DbFacts) -> (Vec<(String, Action)>, Vec<String>) {
    let mut out = Vec::new();
    let mut warn = Vec::new();
    if f.down.is_some() {
        return (out, warn);
    }
    if !f.setup || !f.plugin {
        out.push((server_unit(d.engine).to_owned(), Action::Setup));
    }
    let (users, gone_users) = live(&d.users, |u| &u.name, |u| u.removed);
    let (dbs, gone_dbs) = live(&d.databases, |x| &x.name, |x| x.removed);
    let mut blocked = BTreeSet::new();
    for u in &users {
        match user_changes(u, f) {
            Ok(changes) => out.extend(changes.into_iter().map(|a| (u.package.clone(), a))),
            Err(w) => {
                warn.push(w);
                blocked.insert(u.name.as_str());
            }
        }
    }
    for db in &dbs {
        if blocked.contains(db.owner.as_str()) {
            warn.push(format!("database {} is left alone: its owner {} is not hsadmin's on this server", db.name, db.owner));
            continue;
        }
        match database_changes(d.engine, db, f) {
            Ok((changes, notes)) => {
                out.extend(changes.into_iter().map(|a| (db.package.clone(), a)));
                warn.extend(notes);
            }
            Err(w) => warn.push(w),
        }
    }
    if d.engine == Engine::Mariadb {
        out.extend(foreign_grants(&users, &dbs, f, &mut warn));
    }
    for db in gone_dbs.iter().filter(|x| f.managed_databases.contains(&x.name)) {
        out.push((db.package.clone(), Action::DropDatabase { database: db.name.clone() }));
    }
    for u in gone_users.iter().filter(|u| f.managed_users.contains(&u.name)) {
        out.push((u.package.clone(), Action::DropUser { user: u.name.clone() }));
    }
    warn.extend(unknown(d, f));
    (out, warn)
}

/// A live user: created, or its secret and lock brought in line; an error when the name is someone else's.
fn user_changes(u: &UserWant, f: &DbFacts) -> std::result::Result<Vec<Action>, String> {
    let managed = f.managed_users.contains(&u.name);
    let user = u.name.clone();
    let Some(fact) = f.users.get(&u.name) else {
        let mut out = vec![Action::CreateUser { user: user.clone(), secret: u.secret.clone() }];
        if u.locked {
            out.push(Action::LockUser { user });
        }
        return Ok(out);
    };
    if !managed {
        return Err(format!("user {} exists on the server but hsadmin did not create it: left alone", u.name));
    }
    let mut out = Vec::new();
    if fact.secret != u.secret {
        out.push(Action::SetPassword { user: user.clone(), secret: u.secret.clone() });
    }
    match (fact.locked, u.locked) {
        (false, true) => out.push(Action::LockUser { user }),
        (true, false) => out.push(Action::UnlockUser { user }),
        _ => {}
    }
    Ok(out)
}

/// A live database: created (again, if it went), its owner's rights, nobody else's.
fn database_changes(d: Engine, db: &DbWant, f: &DbFacts) -> std::result::Result<(Vec<Action>, Vec<String>), String> {
    let managed = f.managed_databases.contains(&db.name);
    let (name, owner) = (db.name.clone(), db.owner.clone());
    let Some(fact) = f.databases.get(&db.name) else {
        let notes = if managed { vec![format!("database {name} was gone from the server (drift): it is created again, empty")] } else { Vec::new() };
        let create = Action::CreateDatabase { database: name, owner, encoding: db.encoding.clone(), recreated: managed };
        return Ok((vec![create], notes));
    };
    if !managed {
        return Err(format!("database {name} exists on the server but hsadmin did not create it: left alone"));
    }
    let mut notes = Vec::new();
    if !fact.encoding.eq_ignore_ascii_case(&db.encoding) {
        notes.push(format!("database {name} has encoding {} on the server, the ledger says {}: not changed", fact.encoding, db.encoding));
    }
    let mut out = Vec::new();
    match d {
        Engine::Mariadb => {
            if !f.grants.contains(&(grant_pattern(&name), owner.clone())) {
                out.push(Action::Grant { database: name, user: owner });
            }
        }
        Engine::Postgresql => {
            let grantees: BTreeSet<&str> = f.grants.iter().filter(|(g, _)| *g == name).map(|(_, u)| u.as_str()).collect();
            if fact.owner != owner || grantees.contains("") || !grantees.contains(owner.as_str()) {
                out.push(Action::Grant { database: name.clone(), user: owner.clone() });
            }
            for other in grantees.iter().filter(|u| !u.is_empty() && **u != owner && **u != fact.owner) {
                out.push(Action::Revoke { database: name.clone(), user: (*other).to_owned() });
            }
        }
    }
    Ok((out, notes))
}

/// MariaDB: rights of hsadmin's users on databases that are not their own.
fn foreign_grants(users: &[&UserWant], dbs: &[&DbWant], f: &DbFacts, warn: &mut Vec<String>) -> Vec<(String, Action)> {
    let own: BTreeSet<(String, &str)> = dbs.iter().map(|x| (grant_pattern(&x.name), x.owner.as_str())).collect();
    let mut out = Vec::new();
    for (pattern, user) in &f.grants {
        let Some(u) = users.iter().find(|u| &u.name == user && f.managed_users.contains(&u.name)) else { continue };
        if own.contains(&(pattern.clone(), user.as_str())) {
            continue;
        }
        if pattern.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_\\%".contains(&b)) {
            out.push((u.package.clone(), Action::Revoke { database: pattern.clone(), user: user.clone() }));
        } else {
            warn.push(format!("user {user} has rights on {pattern:?}, a name hsadmin does not handle: revoke them by hand"));
        }
    }
    out
}

/// Marked objects the ledger has no row for at all: reported, never dropped.
fn unknown(d: &DbDesired, f: &DbFacts) -> Vec<String> {
    let users: BTreeSet<&str> = d.users.iter().map(|u| u.name.as_str()).collect();
    let dbs: BTreeSet<&str> = d.databases.iter().map(|x| x.name.as_str()).collect();
    let u = f
        .managed_users
        .iter()
        .filter(|n| !users.contains(n.as_str()))
        .map(|n| format!("user {n} is marked as hsadmin's on the server but the ledger has no row for it: left alone"));
    let b = f.managed_databases.iter().filter(|n| !dbs.contains(n.as_str()));
    u.chain(b.map(|n| format!("database {n} is marked as hsadmin's on the server but the ledger has no row for it: left alone"))).collect()
}

/// Sorted: the server-wide part first, then each unit's actions in [`rank`] order.
fn ordered(d: Engine, mut out: Vec<(String, Action)>) -> Vec<(String, Action)> {
    let server = server_unit(d);
    out.sort_by(|(ua, a), (ub, b)| (ua != server, ua.as_str(), rank(a)).cmp(&(ub != server, ub.as_str(), rank(b))));
    out
}

/// The rows of one engine on one server.
fn prepare(tx: &Tx, server: &Server, cx: &Context, engine: Engine) -> Result<DbDesired> {
    let (users, databases) = crate::ledger::database::on_server(tx, &server.name)?;
    let ended = |valid_to: &Option<String>| valid_to.as_deref().is_some_and(|last| last < cx.today);
    let users = users
        .into_iter()
        .filter(|u| u.engine == engine)
        .map(|u| UserWant {
            name: u.name.to_string(),
            package: u.package.to_string(),
            secret: u.secret.as_str().to_owned(),
            locked: ended(&u.package_valid_to),
            removed: u.removed.is_some(),
        })
        .collect();
    let databases = databases
        .into_iter()
        .filter(|x| x.engine == engine)
        .map(|x| DbWant {
            package: x.package().to_string(),
            name: x.name.to_string(),
            owner: x.owner.to_string(),
            encoding: x.encoding.as_str().to_owned(),
            removed: x.removed.is_some(),
        })
        .collect();
    Ok(DbDesired { engine, users, databases })
}

fn parse(d: Engine, records: &[Record]) -> (DbFacts, Vec<String>) {
    let mut f = facts::parse(records, d);
    let mut warnings = std::mem::take(&mut f.warnings);
    if let Some(why) = &f.down {
        warnings.push(format!("{why}: nothing was planned for {}", server_unit(d)));
    }
    (f, warnings)
}

macro_rules! database_role {
    ($t:ty, $engine:expr) => {
        impl Role for $t {
            type Desired = DbDesired;
            type Facts = DbFacts;
            type Action = Action;
            const ROLE: model::Role = $engine.role();

            fn prepare(&self, tx: &Tx, server: &Server, cx: &Context) -> Result<DbDesired> {
                prepare(tx, server, cx, $engine)
            }

            fn facts_script(&self, _d: &DbDesired, _cx: &Context, script: &mut Script) {
                facts::script(script, $engine);
            }

            /// The facts, with the diff's notes among the warnings (the diff is pure; `diff` runs it again).
            fn parse(&self, d: &DbDesired, records: &[Record], _cx: &Context) -> (DbFacts, Vec<String>) {
                let (f, mut warnings) = parse($engine, records);
                warnings.extend(diff(d, &f).1);
                (f, warnings)
            }

            fn diff(&self, d: &DbDesired, f: &DbFacts, _cx: &Context) -> Vec<(String, Action)> {
                ordered($engine, diff(d, f).0)
            }

            fn describe(a: &Action) -> (String, String, bool) {
                (a.name(), a.target(), a.removes())
            }

            fn steps(units: &[(String, Vec<Action>)], _cx: &StepsContext, script: &mut ApplyScript) {
                steps::section($engine, units, script);
            }
        }
    };
}

database_role!(MariaDb, Engine::Mariadb);
database_role!(PostgreSql, Engine::Postgresql);

#[cfg(test)]
mod tests;
