//! `backup restore`: files, one path, or a database from a package's snapshot, on the package's own server
//! (nothing passes through the admin host). The snapshot is one the ledger recorded as good: `--snapshot`
//! names it by its id or a prefix, `--date` takes the newest of that day or before, else the newest.
//! Files go to a fresh directory below `/home/restore` (default `/home/restore/<today>/<package>-<id>`),
//! owned as backed up, or with `--in-place` back into the home; a database is loaded from its dump, or,
//! with `--target`, its dump restored as a file.
use super::Outcome;
use crate::config::Config;
use crate::ledger::backup::Run;
use crate::ledger::{Ledger, Tx};
use crate::model::{DbName, PackageName, SnapshotId};
use crate::remote::backup::{self as wire, Target};
use crate::remote::database::restore::LoadSpec;
use crate::remote::{Connection, SshOptions};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;

/// Where restores go on a web server.
pub const RESTORE_ROOT: &str = "/home/restore";

#[derive(Debug, Default)]
pub struct Request {
    pub package: Option<PackageName>,
    /// A snapshot id or a prefix of one (at least 8 hex digits).
    pub snapshot: Option<String>,
    pub date: Option<NaiveDate>,
    /// A path relative to the package's home.
    pub path: Option<String>,
    /// A database of the package (of either engine).
    pub database: Option<DbName>,
    pub target: Option<String>,
    pub in_place: bool,
}

/// What was restored, from which snapshot, to where.
#[derive(Debug, Serialize)]
pub struct Restored {
    pub package: PackageName,
    pub server: crate::model::ServerName,
    pub run: i64,
    pub snapshot: SnapshotId,
    pub path: Option<String>,
    pub database: Option<DbName>,
    /// The directory the files went to, or the home for `--in-place`; none for a database loaded.
    pub target: Option<String>,
    /// Entries restored (files, directories, links).
    pub entries: Option<u64>,
}

/// The good run to restore from.
pub fn choose(runs: &[Run], snapshot: Option<&str>, date: Option<NaiveDate>) -> Result<Run> {
    let good: Vec<&Run> = runs.iter().filter(|r| r.outcome == Outcome::Ok && r.forgotten.is_none() && r.snapshot.is_some()).collect();
    let chosen: Vec<&Run> = match (snapshot, date) {
        (Some(prefix), _) => {
            if prefix.len() < 8 || prefix.len() > 64 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(Error::invalid("snapshot", format!("{} must be a snapshot id or its first 8 or more hex digits", crate::model::shown(prefix))));
            }
            let prefix = prefix.to_ascii_lowercase();
            good.into_iter().filter(|r| r.snapshot.as_ref().is_some_and(|s| s.as_str().starts_with(&prefix))).collect()
        }
        (None, Some(d)) => good.into_iter().filter(|r| r.started.date_naive() <= d).collect(),
        (None, None) => good,
    };
    match chosen.as_slice() {
        [] => Err(Error::NotFound(match (snapshot, date) {
            (Some(s), _) => format!("no good snapshot {s} of this package in the ledger"),
            (None, Some(d)) => format!("no good snapshot of this package from {d} or before"),
            (None, None) => "this package has no good snapshot".into(),
        })),
        [one] => Ok((*one).clone()),
        more if snapshot.is_some() => Err(Error::invalid("snapshot", format!("{} snapshots begin with it: give more digits", more.len()))),
        more => Ok((*more.iter().max_by_key(|r| (r.started, r.id)).expect("not empty")).clone()),
    }
}

/// A path in the home: relative, no `.` or `..` part, no NUL; a leading `./` is dropped.
pub fn home_path(text: &str) -> Result<String> {
    let p = text.strip_prefix("./").unwrap_or(text).trim_end_matches('/');
    let bad = |rule: &str| Err(Error::invalid("path", format!("{} {rule}", crate::model::shown(text))));
    if p.is_empty() || p.starts_with('/') || p.contains('\0') {
        return bad("must be a path inside the package's home, like users/web/doms/example.org/htdocs");
    }
    if p.split('/').any(|c| c.is_empty() || c == "." || c == "..") {
        return bad("must not have empty, . or .. parts");
    }
    Ok(p.to_owned())
}

/// A path as a restic include pattern: its pattern characters escaped.
fn pattern(path: &str) -> String {
    path.chars().fold(String::new(), |mut out, c| {
        if matches!(c, '\\' | '*' | '?' | '[') {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// A `--target`: below `/home/restore`, one or two plain parts (letters, digits, `.`, `_`, `-`; not
/// beginning with a dot).
pub fn target(text: &str) -> Result<String> {
    let rest = text.trim_end_matches('/').strip_prefix("/home/restore/");
    let plain = |c: &str| !c.is_empty() && !c.starts_with('.') && c.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    match rest {
        Some(r) if (1..=2).contains(&r.split('/').count()) && r.split('/').all(plain) => Ok(format!("/home/restore/{r}")),
        _ => Err(Error::invalid(
            "target",
            format!("{} must be /home/restore/NAME or /home/restore/NAME/NAME (letters, digits, . _ -)", crate::model::shown(text)),
        )),
    }
}

/// Restores what `req` asks for.
pub fn restore(ledger: &mut Ledger, config: &Config, req: &Request, today: NaiveDate) -> Result<Restored> {
    let package = req.package.clone().ok_or_else(|| Error::invalid("package", "name the package to restore"))?;
    if req.in_place && (req.target.is_some() || req.database.is_some()) {
        return Err(Error::invalid("in-place", "--in-place restores files into the home: not with --target or --database"));
    }
    let path = req.path.as_deref().map(home_path).transpose()?;
    let exact = req.target.as_deref().map(target).transpose()?;
    let (p, run, server, db, owners) = ledger.read(|tx| facts(tx, &package, req))?;
    let snapshot = run.snapshot.clone().expect("a good run has a snapshot");
    let home = format!("{}/{package}", crate::model::PACKAGE_HOMES);
    let mut done = Restored {
        package: package.clone(),
        server: p.server.clone(),
        run: run.id,
        snapshot: snapshot.clone(),
        path: None,
        database: None,
        target: None,
        entries: None,
    };
    let opts = SshOptions::from_config(&config.ssh);
    let mut conn = Connection::open(&super::super::server::target(&server), &opts)?;
    let script = match (&db, req.target.is_some()) {
        (Some(d), false) => {
            done.database = Some(d.name.clone());
            let file = format!("{home}/.bak/{}", wire::dump_file(d.engine, d.name.as_str()));
            let spec = LoadSpec {
                package: &package,
                snapshot: &snapshot,
                file: &file,
                database: &d.name,
                engine: d.engine,
                owner: &d.owner,
                address: server.address.as_str(),
            };
            wire::restore_database(&spec)
        }
        _ => {
            let path = match &db {
                Some(d) => Some(format!(".bak/{}", wire::dump_file(d.engine, d.name.as_str()))),
                None => path,
            };
            let include = path.as_ref().map(|p| pattern(&format!("{home}/{p}")));
            let default = format!("{RESTORE_ROOT}/{today}/{package}-{}", snapshot.short());
            let target = match (&exact, req.in_place) {
                (_, true) => Target::InPlace(owners),
                (Some(t), false) => Target::Exact(t),
                (None, false) => Target::Free(&default),
            };
            done.path = path.clone();
            done.database = db.as_ref().map(|d| d.name.clone());
            wire::restore(&wire::RestoreSpec { package: &package, home: &home, snapshot: &snapshot, include, target })
        }
    };
    let out = conn.run_streaming(&script, super::run::RUN_LIMIT, &mut |_| {})?;
    if out.status != 0 {
        return Err(Error::Failed(format!("{}: {}", p.server, wire::tail(&out.stderr))));
    }
    let marks = wire::marks(&out.stdout);
    done.target = wire::mark(&marks, "target").map(crate::model::printable);
    done.entries = wire::mark(&marks, "restored").and_then(|n| n.trim().parse().ok());
    ledger.write(false, |tx| tx.audit("backup", package.as_str(), "restore", None, serde_json::to_value(&done).ok()))?;
    Ok(done)
}

type Facts = (crate::ledger::package::Package, Run, crate::ledger::server::Server, Option<crate::ledger::database::Database>, Vec<(u32, String)>);

/// The package, the run to restore from, its server, the database asked for, and the package's users.
fn facts(tx: &Tx, package: &PackageName, req: &Request) -> Result<Facts> {
    let p = super::super::package::get(tx, package)?;
    let run = choose(&super::list(tx, Some(package))?, req.snapshot.as_deref(), req.date)?;
    let server = super::super::server::get(tx, &p.server)?;
    let db = match &req.database {
        Some(name) => {
            let found =
                crate::ledger::database::databases(tx, Some(package), None)?.into_iter().find(|d| d.name.as_str() == name.as_str() && d.removed.is_none());
            Some(found.ok_or_else(|| Error::NotFound(format!("{package} has no database {name}")))?)
        }
        None => None,
    };
    let owners = crate::ledger::user::list(tx, Some(package.as_str()))?.into_iter().map(|u| (u.uid, u.name.to_string())).collect();
    Ok((p, run, server, db, owners))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_targets_are_checked() {
        assert_eq!(home_path("./users/web/a b/-x\n").unwrap(), "users/web/a b/-x\n");
        for bad in ["", "/etc", "a/../b", "a//b", "."] {
            assert!(home_path(bad).is_err(), "{bad:?}");
        }
        assert_eq!(pattern("/h/a*[b]?\\"), "/h/a\\*\\[b]\\?\\\\");
        assert_eq!(target("/home/restore/check/").unwrap(), "/home/restore/check");
        for bad in ["/home/restore", "/home/restore/", "/home/restore/../etc", "/home/restore/.x", "/tmp/x", "/home/restore/a/b/c", "/home/restore/a b"] {
            assert!(target(bad).is_err(), "{bad:?}");
        }
    }
}
