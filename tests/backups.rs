//! Backups as the ledger records them (issue 13, the ledger side): `backup list` and `backup status`
//! through the real binary over runs recorded by the operations the backup run uses; a run left behind by
//! a process that is gone is found stale and marked killed, never blocking the next; the schema refuses a
//! second ending and any deletion; `backup prune`'s guard keeps a package with a failing newest run.
mod common;

use chrono::{Duration, Utc};
use common::TestEnv;
use hsadmin::ledger::backup::{self, Ending, Outcome};
use hsadmin::ledger::{Actor, Ledger};
use hsadmin::model::{PackageName, ServerName};

fn ledger(env: &TestEnv) -> Ledger {
    Ledger::open(&env.ledger, Actor { user: "test".into(), command: "tests/backups.rs".into() }).unwrap()
}

fn pkg(name: &str) -> PackageName {
    PackageName::parse("package", name).unwrap()
}

/// Records a run of `package` on h1 that started `hours_ago` and ended with `outcome`.
fn record(env: &TestEnv, package: &str, hours_ago: i64, outcome: Outcome) -> i64 {
    let started = Utc::now() - Duration::hours(hours_ago);
    let h1 = ServerName::parse("server", "h1").unwrap();
    ledger(env)
        .write(false, |tx| {
            let id = backup::start(tx, &pkg(package), &h1, started, "admin", 4242)?;
            let ok = outcome == Outcome::Ok;
            let ending = Ending {
                outcome,
                snapshot: ok.then(|| hsadmin::model::SnapshotId::parse("s", &format!("{id:064x}")).unwrap()),
                bytes: ok.then_some(1_000 + id),
                files: ok.then_some(10),
                error: (!ok).then(|| "the backup server did not answer".to_owned()),
            };
            backup::finish(tx, id, started + Duration::minutes(3), &ending)?;
            Ok(id)
        })
        .unwrap()
}

fn seeded() -> TestEnv {
    let env = TestEnv::seeded();
    env.ok(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    env
}

#[test]
fn status_names_the_packages_without_a_recent_good_snapshot_and_exits_3() {
    let env = seeded();
    let r = env.run(&["--json", "backup", "status"]);
    assert_eq!(r.code, 3, "nothing backed up yet: {}", r.stderr);
    let overdue: Vec<String> = r.json().as_array().unwrap().iter().map(|o| o["package"].as_str().unwrap().to_owned()).collect();
    assert_eq!(overdue, ["xyz00", "xyz01"]);

    record(&env, "xyz00", 30, Outcome::Ok);
    record(&env, "xyz00", 2, Outcome::Ok);
    record(&env, "xyz01", 30, Outcome::Ok);
    record(&env, "xyz01", 2, Outcome::Failed);
    let r = env.run(&["--json", "backup", "status", "--max-age", "26h"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc.as_array().unwrap().len(), 1, "{doc}");
    assert_eq!(doc[0]["package"], "xyz01");
    assert!(doc[0]["reason"].as_str().unwrap().starts_with("its newest good snapshot is from"), "{doc}");
    assert_eq!(doc[0]["last_run"]["outcome"], "failed");

    // A longer allowance covers xyz01's older good snapshot: nothing overdue, exit 0.
    let r = env.run(&["--json", "backup", "status", "--max-age", "2d"]);
    assert_eq!((r.code, r.json()), (0, serde_json::json!([])), "{}", r.stderr);

    let r = env.run(&["--json", "backup", "status", "--max-age", "26"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.json()["error"]["field"], "max-age", "{}", r.stdout);
}

#[test]
fn list_shows_the_runs_with_snapshot_size_files_and_outcome() {
    let env = seeded();
    let good = record(&env, "xyz00", 5, Outcome::Ok);
    record(&env, "xyz00", 1, Outcome::Failed);
    record(&env, "xyz01", 1, Outcome::Ok);
    let doc = env.run(&["--json", "backup", "list", "xyz00"]).json();
    let runs = doc.as_array().unwrap();
    assert_eq!(runs.len(), 2, "{doc}");
    assert_eq!((runs[0]["id"].as_i64(), runs[0]["outcome"].as_str()), (Some(good), Some("ok")));
    assert_eq!(runs[0]["snapshot"], format!("{good:064x}"));
    assert_eq!((runs[0]["bytes"].as_i64(), runs[0]["files"].as_i64()), (Some(1_000 + good), Some(10)));
    assert_eq!(runs[1]["outcome"], "failed");
    assert_eq!(runs[1]["error"], "the backup server did not answer");
    assert_eq!(env.run(&["--json", "backup", "list"]).json().as_array().unwrap().len(), 3);
    let human = env.ok(&["backup", "list", "xyz00"]);
    assert!(human.contains(&format!("{good:064x}")[..8]) && human.contains("180 s"), "{human}");
    assert_eq!(env.run(&["backup", "list", "nop00"]).code, 1, "an unknown package is not found");
    assert_eq!(env.run(&["backup", "list", "Xyz00"]).code, 2);
}

#[test]
fn a_run_left_by_a_gone_process_is_marked_killed_and_a_run_ends_once() {
    let env = seeded();
    let h1 = ServerName::parse("server", "h1").unwrap();
    let mut l = ledger(&env);
    let (stale, live, other) = l
        .write(false, |tx| {
            let t = Utc::now();
            Ok((
                backup::start(tx, &pkg("xyz00"), &h1, t, "admin", 111)?,
                backup::start(tx, &pkg("xyz00"), &h1, t, "admin", 222)?,
                backup::start(tx, &pkg("xyz00"), &h1, t, "elsewhere", 333)?,
            ))
        })
        .unwrap();
    let warnings = l.write(false, |tx| hsadmin::ops::backup::clear_stale(tx, &pkg("xyz00"), "admin", |pid| pid == 222, Utc::now())).unwrap();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains(&format!("run {stale} of xyz00 was left by a process that is gone")), "{warnings:?}");
    assert!(warnings[1].contains("admin host elsewhere; left alone"), "{warnings:?}");
    let runs = l.read(|tx| backup::runs(tx, Some(&pkg("xyz00")))).unwrap();
    let outcome = |id: i64| runs.iter().find(|r| r.id == id).unwrap().outcome;
    assert_eq!((outcome(stale), outcome(live), outcome(other)), (Outcome::Killed, Outcome::Running, Outcome::Running));

    // The schema: a run ends once, nothing is deleted.
    let e = l.write(false, |tx| {
        tx.execute("UPDATE backup_run SET outcome = 'ok', snapshot = ?2 WHERE id = ?1", rusqlite::params![stale, "a".repeat(64)])?;
        Ok(())
    });
    assert!(format!("{e:?}").contains("a backup run ends once"), "{e:?}");
    let e = l.write(false, |tx| {
        tx.execute("DELETE FROM backup_run", [])?;
        Ok(())
    });
    assert!(format!("{e:?}").contains("backup runs are never deleted"), "{e:?}");
}

#[test]
fn bad_backup_input_names_the_field_exits_2_and_changes_nothing() {
    let env = seeded();
    record(&env, "xyz00", 1, Outcome::Ok);
    let before = env.dump();
    let refused = |args: &[&str], field: &str| {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let r = env.run(&all);
        assert_eq!((r.code, r.json()["error"]["field"].as_str().unwrap_or_default().to_owned()), (2, field.to_owned()), "{args:?}: {}", r.stdout);
    };
    refused(&["backup", "run"], "package");
    refused(&["backup", "run", "Xyz00"], "package");
    refused(&["backup", "restore", "xyz00", "--path", "../../etc/passwd"], "path");
    refused(&["backup", "restore", "xyz00", "--path", "/etc/passwd"], "path");
    refused(&["backup", "restore", "xyz00", "--target", "/tmp/x"], "target");
    refused(&["backup", "restore", "xyz00", "--target", "/home/restore/../../etc"], "target");
    refused(&["backup", "restore", "xyz00", "--snapshot", "zz"], "snapshot");
    refused(&["backup", "restore", "xyz00", "--snapshot", "abc"], "snapshot");
    refused(&["backup", "restore", "xyz00", "--date", "2026-13-01"], "date");
    refused(&["backup", "restore", "xyz00", "--database", "Bad-Name"], "database");
    refused(&["backup", "verify", "--read-data-subset", "0%"], "read-data-subset");
    refused(&["backup", "verify", "--read-data-subset", "10"], "read-data-subset");
    // No backup server configured, or one without the role.
    refused(&["backup", "init"], "backup.server");
    refused(&["backup", "init", "--server", "h1"], "server");
    // --in-place without --yes is a usage error (exit 2) too.
    assert_eq!(env.run(&["backup", "restore", "xyz00", "--in-place"]).code, 2);
    let r = env.run(&["--json", "backup", "restore", "xyz00", "--snapshot", &"f".repeat(64)]);
    assert_eq!(r.code, 1, "an unknown snapshot is not found: {}", r.stdout);
    assert_eq!(env.dump(), before, "refused commands change nothing");
}
