//! The web role's diff, on rendered state and hand-made facts.
use super::*;
use crate::remote::web::facts::VhostFact;
use crate::remote::web::{AccountFact, PathFact, QuotaFact};

fn desired() -> Desired {
    let packages = [crate::render::web::tests::package("xyz00", None)];
    let users = [crate::render::web::tests::user("xyz00", 100000), crate::render::web::tests::user("xyz00-web", 100001)];
    let domains = [crate::render::web::tests::domain("example.org", "xyz00-web")];
    let jobs = [crate::render::web::tests::cron_job(1, "xyz00-web", "* * * * *", "true")];
    render::desired(
        &render::Rows { packages: &packages, users: &users, domains: &domains, cron_jobs: &jobs, today: "2026-06-01" },
        &crate::config::WebConfig::default(),
    )
}

fn granted() -> BTreeMap<u32, String> {
    [(100000, "xyz00".to_owned()), (100001, "xyz00-web".to_owned()), (100009, "xyz00-gone".to_owned())].into()
}

fn account(uid: u32) -> AccountFact {
    AccountFact { uid, gid: 100000, home: "/x".into(), shell: "/bin/false".into(), comment: String::new(), shadow: "!".into(), expire: String::new() }
}

/// The facts of a server on which `desired` was applied.
fn converged(d: &Desired) -> WebFacts {
    let mut f = WebFacts::default();
    for g in &d.groups {
        f.groups.insert(g.name.clone(), g.gid);
        f.group_quotas.insert(g.name.clone(), QuotaFact::default());
    }
    for a in &d.accounts {
        let expire = if a.locked { "1".into() } else { String::new() };
        let fact =
            AccountFact { uid: a.uid, gid: a.gid, home: a.home.clone(), shell: a.shell.clone(), comment: a.comment.clone(), shadow: a.shadow.clone(), expire };
        f.accounts.insert(a.name.clone(), fact);
        f.user_quotas.insert(a.name.clone(), QuotaFact::default());
    }
    for q in &d.quotas {
        let fact = QuotaFact { used_kb: 0, soft_kb: q.soft_kb, hard_kb: q.hard_kb };
        if q.kind == QuotaKind::User {
            f.user_quotas.insert(q.name.clone(), fact)
        } else {
            f.group_quotas.insert(q.name.clone(), fact)
        };
    }
    for dir in &d.dirs {
        f.paths.insert(dir.path.clone(), PathFact { uid: dir.uid, gid: dir.gid, mode: dir.mode.clone(), kind: "directory".into() });
    }
    for v in &d.vhosts {
        f.vhosts.insert(v.file.clone(), VhostFact { sha256: Some(sha256_hex(v.content.as_bytes())), managed: true });
        f.enabled.insert(v.file.clone(), format!("../sites-available/{}", v.file));
    }
    for c in &d.crontabs {
        f.crontabs.insert(c.user.clone(), Some(sha256_hex(c.content.as_bytes())));
    }
    f.modules.extend(d.modules.iter().cloned());
    f
}

fn names(actions: &[(String, Action)]) -> Vec<String> {
    actions.iter().map(|(u, a)| format!("{u}: {} {}", a.name(), a.target())).collect()
}

#[test]
fn an_empty_server_gets_everything_in_order() {
    let mut actions = diff(&desired(), &WebFacts::default(), &granted());
    actions.sort_by_key(|(unit, _)| match unit.as_str() {
        BASE => 0,
        APACHE => 2,
        _ => 1,
    });
    let names: Vec<String> = actions.iter().map(|(_, a)| a.name()).collect();
    let first = |n: &str| names.iter().position(|x| x == n).unwrap_or_else(|| panic!("{n} missing in {names:?}"));
    assert_eq!(
        actions[0],
        (BASE.to_owned(), Action::EnsureDir { path: "/home/pacs".into(), owner: "root".into(), group: "root".into(), mode: "755".into(), uid: 0, gid: 0 })
    );
    assert!(first("create_group") < first("create_user"));
    assert!(first("create_user") < first("write_vhost"));
    assert!(first("write_vhost") < first("reload_apache"));
    assert_eq!(names.last().unwrap(), "reload_apache");
    assert!(names.contains(&"install_crontab".to_owned()) && names.contains(&"set_quota".to_owned()));
    let units: BTreeSet<&str> = actions.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(units, [BASE, APACHE, "xyz00"].into());
    // Every new account and group gets its limits set, also 0 (a reused id may carry stale limits).
    let mut d = desired();
    d.quotas.retain(|q| !(q.kind == QuotaKind::User && q.name == "xyz00"));
    let quotas: Vec<Action> = diff(&d, &WebFacts::default(), &granted()).into_iter().map(|(_, a)| a).filter(|a| a.name() == "set_quota").collect();
    assert!(quotas.contains(&Action::SetQuota { kind: QuotaKind::User, name: "xyz00".into(), soft_kb: 0, hard_kb: 0 }), "{quotas:?}");
    assert_eq!(quotas.len(), 3, "{quotas:?}");
}

#[test]
fn a_converged_server_needs_nothing() {
    let d = desired();
    assert_eq!(names(&diff(&d, &converged(&d), &granted())), Vec::<String>::new());
}

#[test]
fn drift_is_planned_back() {
    let d = desired();
    let mut f = converged(&d);
    f.vhosts.insert("hsadmin-example.org.conf".into(), VhostFact { sha256: Some("edited by hand".into()), managed: true });
    f.vhosts.insert("hsadmin-old.example.conf".into(), VhostFact { sha256: Some("x".into()), managed: true });
    f.paths.get_mut("/home/pacs/xyz00").unwrap().mode = "777".into();
    f.paths.get_mut("/home/pacs/xyz00/users/web/doms/example.org/htdocs").unwrap().kind = "link".into();
    f.accounts.insert("xyz00-gone".into(), account(100009));
    assert_eq!(
        names(&diff(&d, &f, &granted())),
        [
            "xyz00: ensure_dir /home/pacs/xyz00",
            "xyz00: ensure_dir /home/pacs/xyz00/users/web/doms/example.org/htdocs",
            "xyz00: write_vhost hsadmin-example.org.conf",
            "apache: remove_vhost hsadmin-old.example.conf",
            "apache: reload_apache apache2",
            "xyz00: remove_user xyz00-gone",
        ]
    );
}

#[test]
fn only_what_hsadmin_created_is_removed() {
    let d = desired();
    let mut f = converged(&d);
    // A local account in the range, one whose uid hsadmin gave to another name, a foreign vhost.
    f.accounts.insert("xyz00-local".into(), account(100500));
    f.accounts.insert("xyz00-other".into(), account(100009));
    f.crontabs.insert("xyz00-local".into(), Some("x".into()));
    f.groups.insert("abc00".into(), 100600);
    f.vhosts.insert("hsadmin-theirs.example.conf".into(), VhostFact { sha256: Some("x".into()), managed: false });
    f.enabled.insert("hsadmin-theirs.example.conf".into(), "/somewhere/else.conf".into());
    assert_eq!(names(&diff(&d, &f, &granted())), Vec::<String>::new());
    let wd = WebDesired { render: d, granted: granted() };
    let notes = foreign(&wd, &f);
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes[0].contains("xyz00-local (uid 100500)") && notes[0].contains("left alone"), "{notes:?}");
}

#[test]
fn an_oversize_crontab_is_replaced_unread() {
    let d = desired();
    let mut f = converged(&d);
    f.crontabs.insert("xyz00-web".into(), None);
    assert_eq!(names(&diff(&d, &f, &granted())), ["xyz00: install_crontab xyz00-web"]);
}

#[test]
fn locking_and_passwords() {
    let mut d = desired();
    let f = converged(&d);
    d.accounts[1].locked = true;
    d.accounts[1].shadow = format!("!{}", d.accounts[1].shadow);
    assert_eq!(names(&diff(&d, &f, &granted())), ["xyz00: lock_user xyz00-web"]);
    let mut d2 = desired();
    d2.accounts[1].shadow = "$6$new$hash".into();
    assert_eq!(names(&diff(&d2, &f, &granted())), ["xyz00: set_password xyz00-web"]);
}
