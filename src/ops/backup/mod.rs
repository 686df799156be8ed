//! Backups of packages, as the ledger records them: the runs of each package, which packages lack a recent
//! good snapshot (`backup status`, for monitoring), which runs were left behind by a process that is gone
//! (stale: marked killed so that they never block the next nightly run), and whether a package may be pruned
//! at all (a failing backup never thins out the good ones).
pub mod init;
pub mod repo;
pub mod restore;
pub mod run;

use crate::Result;
use crate::ledger::Tx;
pub use crate::ledger::backup::Outcome;
use crate::ledger::backup::{self as rows, Ending, Run};
use crate::model::{PackageName, ServerName};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// A package without a recent good snapshot, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overdue {
    pub package: PackageName,
    pub server: ServerName,
    /// Its newest ok run whose snapshot the repository still holds.
    pub last_good: Option<Run>,
    /// Its newest run of any outcome.
    pub last_run: Option<Run>,
    pub reason: String,
}

/// The runs, oldest first, of one package or all (a package named must exist).
pub fn list(tx: &Tx, package: Option<&PackageName>) -> Result<Vec<Run>> {
    if let Some(p) = package {
        super::package::get(tx, p)?;
    }
    rows::runs(tx, package)
}

/// The packages (not purged) whose newest good snapshot is older than `max_age` at `now`, or that have none.
pub fn overdue(tx: &Tx, now: DateTime<Utc>, max_age: Duration) -> Result<Vec<Overdue>> {
    let runs = rows::runs(tx, None)?;
    let mut out = Vec::new();
    for p in crate::ledger::package::list(tx, None, None)?.into_iter().filter(|p| p.purged_at.is_none()) {
        let name = p.name.clone();
        let mine: Vec<&Run> = runs.iter().filter(|r| r.package == name).collect();
        let last_good = mine.iter().rev().find(|r| r.outcome == Outcome::Ok && r.forgotten.is_none()).map(|r| (*r).clone());
        let reason = match &last_good {
            None => "no good snapshot".to_owned(),
            Some(r) if now - r.started > max_age => format!("its newest good snapshot is from {}", rows::stamp(r.started)),
            Some(_) => continue,
        };
        out.push(Overdue { package: name, server: p.server.clone(), last_good, last_run: mine.last().map(|r| (*r).clone()), reason });
    }
    Ok(out)
}

/// Whether `backup prune` may thin out a package's snapshots: only when its newest run is ok, its snapshot
/// still there, and younger than the first interval of the policy (a day). Else why not.
pub fn prunable(runs: &[Run], now: DateTime<Utc>) -> std::result::Result<(), String> {
    let Some(newest) = runs.iter().max_by_key(|r| (r.started, r.id)) else {
        return Err("it has no backup run".into());
    };
    match newest.outcome {
        Outcome::Ok if newest.forgotten.is_some() => Err(format!("its newest snapshot (run {}) is gone from the repository", newest.id)),
        Outcome::Ok if now - newest.started >= Duration::days(1) => {
            Err(format!("its newest snapshot is from {}, older than a day", rows::stamp(newest.started)))
        }
        Outcome::Ok => Ok(()),
        other => Err(format!("its newest run ({}) is {}", newest.id, other.as_str())),
    }
}

/// Marks the package's running runs of this admin host whose process is gone as killed; returns a warning
/// for each (and for a running run of another host, which cannot be checked from here and is left alone).
pub fn clear_stale(tx: &Tx, package: &PackageName, host: &str, alive: impl Fn(i64) -> bool, now: DateTime<Utc>) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    for r in rows::running(tx, Some(package))? {
        if r.host != host {
            warnings.push(format!("run {} of {package} is marked running on admin host {}; left alone", r.id, r.host));
            continue;
        }
        if alive(r.pid) {
            continue;
        }
        let error = Some(format!("its process {} on {} was gone before it ended", r.pid, r.host));
        rows::finish(tx, r.id, now, &Ending { outcome: Outcome::Killed, snapshot: None, bytes: None, files: None, error })?;
        warnings.push(format!("run {} of {package} was left by a process that is gone (stale): marked killed", r.id));
    }
    Ok(warnings)
}

/// Parses an age like `26h`, `90m`, `2d` or `3600s`.
pub fn parse_age(field: &str, text: &str) -> Result<Duration> {
    let bad = || crate::Error::invalid(field, format!("{text:?} must be a number with s, m, h or d, like 26h"));
    let (digits, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?);
    let n: i64 = digits.parse().ok().filter(|n| (1..=100_000).contains(n)).ok_or_else(bad)?;
    Ok(match unit {
        "s" => Duration::seconds(n),
        "m" => Duration::minutes(n),
        "h" => Duration::hours(n),
        "d" => Duration::days(n),
        _ => return Err(bad()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(id: i64, hours_ago: i64, outcome: Outcome, forgotten: bool, now: DateTime<Utc>) -> Run {
        Run {
            id,
            package: PackageName::parse("p", "xyz00").unwrap(),
            server: ServerName::parse("s", "h1").unwrap(),
            started: now - Duration::hours(hours_ago),
            host: "admin".into(),
            pid: 1,
            ended: Some(now - Duration::hours(hours_ago) + Duration::minutes(5)),
            outcome,
            snapshot: (outcome == Outcome::Ok).then(|| crate::model::SnapshotId::parse("s", &"a".repeat(64)).unwrap()),
            bytes: None,
            files: None,
            error: None,
            forgotten: forgotten.then_some(now),
        }
    }

    #[test]
    fn a_failing_or_old_newest_run_stops_the_prune() {
        let now = Utc::now();
        let good = run(1, 30, Outcome::Ok, false, now);
        assert_eq!(prunable(&[good.clone(), run(2, 2, Outcome::Ok, false, now)], now), Ok(()));
        assert!(prunable(&[good.clone(), run(2, 2, Outcome::Failed, false, now)], now).unwrap_err().contains("failed"));
        assert!(prunable(&[good.clone(), run(2, 2, Outcome::Killed, false, now)], now).unwrap_err().contains("killed"));
        assert!(prunable(std::slice::from_ref(&good), now).unwrap_err().contains("older than a day"));
        assert!(prunable(&[run(2, 2, Outcome::Ok, true, now)], now).unwrap_err().contains("gone"));
        assert!(prunable(&[], now).is_err());
    }

    #[test]
    fn ages_have_a_unit() {
        assert_eq!(parse_age("max-age", "26h").unwrap(), Duration::hours(26));
        assert_eq!(parse_age("max-age", "2d").unwrap(), Duration::days(2));
        for bad in ["26", "h", "-1h", "0h", "1.5h", "26 h", "1w"] {
            assert!(parse_age("max-age", bad).is_err(), "{bad}");
        }
    }
}
