//! The database roles' diff on hand-made facts: what is created, brought in line, left alone and dropped.
use super::*;
use crate::remote::database::UserFact;
use crate::remote::database::facts::DbFact;

fn user(name: &str, secret: &str) -> UserWant {
    UserWant { name: name.into(), package: name[..5].into(), secret: secret.into(), locked: false, removed: false }
}

fn db(name: &str, owner: &str) -> DbWant {
    DbWant { name: name.into(), package: name[..5].into(), owner: owner.into(), encoding: "utf8mb4".into(), removed: false }
}

fn desired(d: Engine, users: Vec<UserWant>, databases: Vec<DbWant>) -> DbDesired {
    DbDesired { engine: d, users, databases }
}

fn set_up() -> DbFacts {
    DbFacts { setup: true, plugin: true, ..Default::default() }
}

fn names(changes: &[(String, Action)]) -> Vec<String> {
    changes.iter().map(|(u, a)| format!("{u} {} {}", a.name(), a.target())).collect()
}

#[test]
fn a_fresh_server_gets_setup_users_databases_in_order() {
    let d = desired(Engine::Mariadb, vec![user("xyz00_wp", "A")], vec![db("xyz00_wp", "xyz00_wp")]);
    let out = ordered(Engine::Mariadb, diff(&d, &DbFacts::default()).0);
    assert_eq!(names(&out), ["mariadb setup hsadmin", "xyz00 create_user xyz00_wp", "xyz00 create_database xyz00_wp"]);
}

#[test]
fn a_converged_server_has_nothing_to_do() {
    let d = desired(Engine::Mariadb, vec![user("xyz00_wp", "A")], vec![db("xyz00_wp", "xyz00_wp")]);
    let mut f = set_up();
    f.users.insert("xyz00_wp".into(), UserFact { secret: "A".into(), locked: false });
    f.databases.insert("xyz00_wp".into(), DbFact { owner: String::new(), encoding: "utf8mb4".into() });
    f.grants.insert(("xyz00\\_wp".into(), "xyz00_wp".into()));
    f.managed_users.insert("xyz00_wp".into());
    f.managed_databases.insert("xyz00_wp".into());
    let (out, warn) = diff(&d, &f);
    assert!(out.is_empty() && warn.is_empty(), "{:?} {warn:?}", names(&out));
    // A new password, a locked package, a grant on another package's database, a wildcard grant.
    let mut d2 = d.clone();
    d2.users[0].secret = "B".into();
    d2.users[0].locked = true;
    f.grants.insert(("abc00\\_shop".into(), "xyz00_wp".into()));
    f.grants.insert(("xyz00_wp".into(), "xyz00_wp".into()));
    let out = ordered(Engine::Mariadb, diff(&d2, &f).0);
    assert_eq!(
        names(&out),
        ["xyz00 set_password xyz00_wp", "xyz00 lock_user xyz00_wp", "xyz00 revoke abc00\\_shop xyz00_wp", "xyz00 revoke xyz00_wp xyz00_wp"]
    );
}

#[test]
fn what_hsadmin_did_not_create_is_left_alone_with_what_depends_on_it() {
    let d = desired(Engine::Postgresql, vec![user("xyz00_app", "S")], vec![db("xyz00_app", "xyz00_app")]);
    let mut f = set_up();
    f.users.insert("xyz00_app".into(), UserFact::default());
    f.users.insert("abc00".into(), UserFact::default());
    let (out, warn) = diff(&d, &f);
    assert!(out.is_empty(), "{:?}", names(&out));
    assert!(warn[0].contains("user xyz00_app exists on the server but hsadmin did not create it"), "{warn:?}");
    assert!(warn[1].contains("database xyz00_app is left alone"), "{warn:?}");
}

#[test]
fn only_what_the_ledger_removed_is_dropped_and_a_lost_database_comes_back() {
    let mut gone = user("xyz00_old", "S");
    gone.removed = true;
    let mut gone_db = db("xyz00_old", "xyz00_old");
    gone_db.removed = true;
    let d = desired(Engine::Postgresql, vec![user("xyz00_app", "S"), gone], vec![db("xyz00_app", "xyz00_app"), gone_db]);
    let mut f = set_up();
    for n in ["xyz00_app", "xyz00_old", "zzz00_lost"] {
        f.users.insert(n.into(), UserFact { secret: "S".into(), locked: false });
        f.managed_users.insert(n.into());
    }
    f.managed_databases.extend(["xyz00_app".into(), "xyz00_old".into()]);
    f.databases.insert("xyz00_old".into(), DbFact { owner: "xyz00_old".into(), encoding: "UTF8".into() });
    let (out, warn) = diff(&d, &f);
    let out = ordered(Engine::Postgresql, out);
    assert_eq!(names(&out), ["xyz00 create_database xyz00_app", "xyz00 drop_database xyz00_old", "xyz00 drop_user xyz00_old"]);
    assert!(matches!(out[0].1, Action::CreateDatabase { recreated: true, .. }));
    assert!(warn.iter().any(|w| w.contains("xyz00_app was gone from the server (drift)")), "{warn:?}");
    assert!(warn.iter().any(|w| w.contains("user zzz00_lost is marked as hsadmin's on the server but the ledger has no row")), "{warn:?}");
}

#[test]
fn postgresql_takes_public_rights_away_and_a_name_in_use_again_is_not_dropped() {
    let mut old = user("xyz00_app", "OLD");
    old.removed = true;
    let d = desired(Engine::Postgresql, vec![old, user("xyz00_app", "S")], vec![db("xyz00_app", "xyz00_app")]);
    let mut f = set_up();
    f.users.insert("xyz00_app".into(), UserFact { secret: "S".into(), locked: false });
    f.managed_users.insert("xyz00_app".into());
    f.managed_databases.insert("xyz00_app".into());
    f.databases.insert("xyz00_app".into(), DbFact { owner: "xyz00_app".into(), encoding: "utf8mb4".into() });
    f.grants.extend([("xyz00_app".into(), "".into()), ("xyz00_app".into(), "xyz00_app".into()), ("xyz00_app".into(), "abc00".into())]);
    let out = ordered(Engine::Postgresql, diff(&d, &f).0);
    assert_eq!(names(&out), ["xyz00 grant xyz00_app xyz00_app", "xyz00 revoke xyz00_app abc00"]);
}
