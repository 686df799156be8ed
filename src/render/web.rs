//! The web role's desired state: per package a group, its accounts, homes and site directories, quotas,
//! crontabs and Apache vhosts.
use super::{LOG_ROOT, PACKAGE_HOMES, crontab, vhost, vhost_file};
use crate::config::WebConfig;
use crate::ledger::cron::CronJob;
use crate::ledger::domain::Domain;
use crate::ledger::package::Package;
use crate::ledger::user::User;
use serde::Serialize;

/// A Unix group: one per package, its gid is the package admin's uid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: String,
    pub gid: u32,
}

/// A Unix account as `/etc/passwd` and `/etc/shadow` should have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub home: String,
    pub shell: String,
    pub comment: String,
    /// Locked accounts are also expired, which stops key logins too.
    pub locked: bool,
    /// The shadow password field: the crypt hash, `!` for none, `!` + hash when locked.
    #[serde(skip)]
    pub shadow: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dir {
    pub path: String,
    pub owner: String,
    pub group: String,
    pub uid: u32,
    pub gid: u32,
    /// Octal, as `stat -c %a` prints it.
    pub mode: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuotaKind {
    User,
    Group,
}

/// Disk limits in KiB (what setquota and repquota count in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quota {
    pub kind: QuotaKind,
    pub name: String,
    pub soft_kb: u64,
    pub hard_kb: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vhost {
    pub domain: String,
    pub package: String,
    pub file: String,
    #[serde(skip)]
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crontab {
    pub user: String,
    #[serde(skip)]
    pub content: String,
}

/// Everything hsadmin manages on one web server.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Desired {
    pub groups: Vec<Group>,
    pub accounts: Vec<Account>,
    pub dirs: Vec<Dir>,
    pub quotas: Vec<Quota>,
    pub vhosts: Vec<Vhost>,
    pub crontabs: Vec<Crontab>,
    /// Apache modules the vhosts need: logio for the traffic log (built into Debian's Apache, so usually
    /// there already), ssl for HTTPS.
    pub modules: Vec<String>,
    /// Packages whose data is to be removed: their home directories.
    pub purged_homes: Vec<String>,
}

/// The ledger rows of one server.
pub struct Rows<'a> {
    pub packages: &'a [Package],
    pub users: &'a [User],
    pub domains: &'a [Domain],
    pub cron_jobs: &'a [CronJob],
    /// Packages that ended before this day are switched off: users locked, no sites, no cron jobs.
    pub today: &'a str,
}

/// Renders the desired state of a server from its ledger rows.
pub fn desired(rows: &Rows, web: &WebConfig) -> Desired {
    let mut d = Desired::default();
    if rows.packages.iter().any(|p| p.purged_at.is_none()) {
        // The roots of the managed trees: root's, in root-owned parents.
        for path in [PACKAGE_HOMES, LOG_ROOT] {
            d.dirs.push(Dir { path: path.into(), owner: "root".into(), group: "root".into(), uid: 0, gid: 0, mode: "755".into() });
        }
    }
    for p in rows.packages {
        let home = format!("{PACKAGE_HOMES}/{}", p.name);
        if p.purged_at.is_some() {
            d.purged_homes.push(home);
            continue;
        }
        let ended = p.ended(rows.today);
        let users: Vec<&User> = rows.users.iter().filter(|u| u.package == p.name).collect();
        let Some(admin) = users.iter().find(|u| u.name.is_package_admin()) else { continue };
        let gid = admin.uid;
        d.groups.push(Group { name: p.name.to_string(), gid });
        d.quotas.push(Quota { kind: QuotaKind::Group, name: p.name.to_string(), soft_kb: mb_to_kb(p.webspace_mb), hard_kb: mb_to_kb(p.webspace_mb) });
        for path in [home.clone(), format!("{home}/users"), format!("{home}/doms")] {
            d.dirs.push(Dir { path, owner: p.name.to_string(), group: p.name.to_string(), uid: gid, gid, mode: "751".into() });
        }
        for u in &users {
            let locked = u.locked || ended;
            let shadow = match (&u.password_hash, locked) {
                (Some(h), false) => h.clone(),
                (Some(h), true) => format!("!{h}"),
                (None, _) => "!".into(),
            };
            d.accounts.push(Account {
                name: u.name.to_string(),
                uid: u.uid,
                gid,
                home: u.home.clone(),
                shell: u.shell.to_string(),
                comment: u.comment.as_ref().map(|c| c.to_string()).unwrap_or_default(),
                locked,
                shadow,
            });
            if !u.name.is_package_admin() {
                // 751: Apache may pass through to the user's sites, nobody else may list the home.
                d.dirs.push(Dir { path: u.home.clone(), owner: u.name.to_string(), group: p.name.to_string(), uid: u.uid, gid, mode: "751".into() });
            }
            if u.quota_hard_mb > 0 {
                d.quotas.push(Quota {
                    kind: QuotaKind::User,
                    name: u.name.to_string(),
                    soft_kb: mb_to_kb(u.quota_soft_mb),
                    hard_kb: mb_to_kb(u.quota_hard_mb),
                });
            }
            let jobs: Vec<&CronJob> = rows.cron_jobs.iter().filter(|j| j.user == u.name).collect();
            if !ended && !jobs.is_empty() {
                d.crontabs.push(Crontab { user: u.name.to_string(), content: crontab::render(&jobs) });
            }
        }
        for dom in rows.domains.iter().filter(|dom| dom.package == p.name && dom.hosted) {
            // A domain lives in its domain admin's home: ~xyz00-web/doms/example.org.
            let Some(owner) = users.iter().find(|u| dom.user.as_ref() == Some(&u.name)) else { continue };
            let doms = format!("{}/doms", owner.home);
            if !d.dirs.iter().any(|x| x.path == doms) {
                d.dirs.push(Dir { path: doms.clone(), owner: owner.name.to_string(), group: p.name.to_string(), uid: owner.uid, gid, mode: "751".into() });
            }
            let root = format!("{doms}/{}", dom.name);
            for path in [root.clone(), format!("{root}/htdocs"), format!("{root}/subs")] {
                d.dirs.push(Dir { path, owner: owner.name.to_string(), group: p.name.to_string(), uid: owner.uid, gid, mode: "755".into() });
            }
            for sub in &dom.subdomains {
                d.dirs.push(Dir {
                    path: format!("{root}/subs/{sub}"),
                    owner: owner.name.to_string(),
                    group: p.name.to_string(),
                    uid: owner.uid,
                    gid,
                    mode: "755".into(),
                });
            }
            d.dirs.push(Dir { path: format!("{LOG_ROOT}/{}", dom.name), owner: "root".into(), group: p.name.to_string(), uid: 0, gid, mode: "750".into() });
            if !ended {
                if dom.https && !d.modules.iter().any(|m| m == "ssl") {
                    d.modules.push("ssl".into());
                }
                d.vhosts.push(Vhost {
                    domain: dom.name.to_string(),
                    package: p.name.to_string(),
                    file: vhost_file(dom.name.as_str()),
                    content: vhost::render(dom, &root, web),
                });
            }
        }
    }
    if !d.vhosts.is_empty() {
        d.modules.insert(0, "logio".into());
    }
    d
}

fn mb_to_kb(mb: i64) -> u64 {
    mb.max(0) as u64 * 1024
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn package(name: &str, valid_to: Option<&str>) -> Package {
        Package {
            name: crate::model::PackageName::parse("package", name).unwrap(),
            member: crate::model::MemberNumber::parse("member", "10001").unwrap(),
            product: crate::model::ProductCode::parse("product", "DW/SA").unwrap(),
            server: crate::model::ServerName::parse("server", "h1").unwrap(),
            webspace_mb: 1024,
            traffic_gb: 16,
            users: 25,
            domains: 10,
            valid_from: "2026-01-01".into(),
            valid_to: valid_to.map(Into::into),
            free: false,
            comment: None,
            purged_at: None,
        }
    }

    pub(crate) fn cron_job(id: i64, user: &str, schedule: &str, command: &str) -> CronJob {
        CronJob {
            id,
            user: crate::model::UserName::parse("user", user).unwrap(),
            schedule: crate::model::CronSchedule::parse("schedule", schedule).unwrap(),
            command: crate::model::CronCommand::parse("command", command).unwrap(),
        }
    }

    pub(crate) fn user(name: &str, uid: u32) -> User {
        let n = crate::model::UserName::parse("user", name).unwrap();
        User {
            package: n.package(),
            uid,
            shell: crate::model::Shell::parse("shell", "/bin/bash").unwrap(),
            comment: None,
            quota_soft_mb: 100,
            quota_hard_mb: 120,
            locked: false,
            password_hash: Some("$6$salt$hash".into()),
            password_set: true,
            home: n.home(),
            name: n,
        }
    }

    pub(crate) fn domain(name: &str, user: &str) -> Domain {
        let user = crate::model::UserName::parse("user", user).unwrap();
        Domain {
            name: crate::model::DomainName::parse("domain", name).unwrap(),
            unicode: name.into(),
            package: user.package(),
            user: Some(user),
            hosted: true,
            subdomains: vec!["blog".into()],
            cgi: false,
            php: true,
            indexes: true,
            https: false,
            registration: "none".into(),
            registrar_handle: None,
            since: "2026-01-01".into(),
            expires: None,
            registrant_handle: None,
            auth_code: None,
            registry_status: None,
            mail: true,
        }
    }

    fn render(valid_to: Option<&str>) -> Desired {
        let packages = [package("xyz00", valid_to)];
        let users = [user("xyz00", 100000), user("xyz00-web", 100001)];
        let domains = [domain("example.org", "xyz00-web")];
        let cron_jobs = [cron_job(1, "xyz00-web", "*/5 * * * *", "php ~/cron.php")];
        desired(&Rows { packages: &packages, users: &users, domains: &domains, cron_jobs: &cron_jobs, today: "2026-06-01" }, &WebConfig::default())
    }

    #[test]
    fn a_registration_only_domain_renders_nothing() {
        let packages = [package("xyz00", None)];
        let users = [user("xyz00", 100000)];
        let mut only = domain("example.net", "xyz00");
        only.user = None;
        only.hosted = false;
        let domains = [only];
        let d = desired(&Rows { packages: &packages, users: &users, domains: &domains, cron_jobs: &[], today: "2026-06-01" }, &WebConfig::default());
        assert!(d.vhosts.is_empty(), "{:?}", d.vhosts);
        assert!(!d.dirs.iter().any(|x| x.path.contains("example.net")), "{:?}", d.dirs);
    }

    #[test]
    fn a_package_renders_group_accounts_dirs_quotas_vhost_and_crontab() {
        let d = render(None);
        assert_eq!(d.groups, [Group { name: "xyz00".into(), gid: 100000 }]);
        assert_eq!(d.accounts.len(), 2);
        assert_eq!(d.accounts[1].home, "/home/pacs/xyz00/users/web");
        assert_eq!(d.accounts[1].gid, 100000);
        assert_eq!(d.accounts[1].shadow, "$6$salt$hash");
        let paths: Vec<&str> = d.dirs.iter().map(|x| x.path.as_str()).collect();
        for p in [
            "/home/pacs/xyz00",
            "/home/pacs/xyz00/users/web",
            "/home/pacs/xyz00/users/web/doms/example.org/htdocs",
            "/home/pacs/xyz00/users/web/doms/example.org/subs/blog",
            "/var/log/apache2/hsadmin/example.org",
        ] {
            assert!(paths.contains(&p), "{p} missing from {paths:?}");
        }
        assert!(d.quotas.contains(&Quota { kind: QuotaKind::User, name: "xyz00-web".into(), soft_kb: 102400, hard_kb: 122880 }));
        assert!(d.quotas.contains(&Quota { kind: QuotaKind::Group, name: "xyz00".into(), soft_kb: 1048576, hard_kb: 1048576 }));
        assert_eq!(d.vhosts[0].file, "hsadmin-example.org.conf");
        assert_eq!(d.modules, ["logio"], "the traffic log needs mod_logio's %I and %O");
        assert!(d.crontabs[0].content.contains("*/5 * * * * php ~/cron.php"));
    }

    #[test]
    fn an_ended_package_is_locked_without_sites_or_cron() {
        let d = render(Some("2026-05-31"));
        assert!(d.accounts.iter().all(|a| a.locked && a.shadow.starts_with('!')));
        assert!(d.vhosts.is_empty());
        assert!(d.modules.is_empty(), "no vhost, no module needed: {:?}", d.modules);
        assert!(d.crontabs.is_empty());
        // The data stays: directories and quotas are still managed.
        assert!(!d.dirs.is_empty());
        // Ending today still runs today.
        assert!(!render(Some("2026-06-01")).vhosts.is_empty());
    }

    #[test]
    fn a_purged_package_renders_only_its_removal() {
        let mut p = package("xyz00", Some("2026-01-31"));
        p.purged_at = Some("2026-05-01".into());
        let d = desired(&Rows { packages: &[p], users: &[], domains: &[], cron_jobs: &[], today: "2026-06-01" }, &WebConfig::default());
        assert_eq!(d.purged_homes, ["/home/pacs/xyz00"]);
        assert!(d.accounts.is_empty() && d.dirs.is_empty());
    }
}
