//! The config robot end to end (issue 4): hsadmin commands against the real Debian test servers
//! (tests/testhosts/up.sh), and every result read back from the servers directly with OpenSSH, `stat`,
//! `crontab -l`, `quota`, `getent` and `curl`, never through hsadmin itself.
//!
//! The tests share three servers, so they run one at a time (the harness in tests/common/robot.rs), and
//! each starts from servers cleaned by hand over OpenSSH.
mod common;
use common::robot::*;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// 1. What the commands set up is on the server
// ---------------------------------------------------------------------------------------------

#[test]
fn commands_set_up_users_homes_quotas_crontab_and_a_serving_site_on_the_server() {
    let t = Robot::new();
    let setup = t.set_up_xyz00();
    let admin = t.json(&["user", "show", "xyz00"]);
    let admin_uid = admin["uid"].as_u64().unwrap();
    assert!((100000..=999999).contains(&admin_uid) && setup.web_uid > admin_uid, "uids from the managed range: {admin_uid}, {}", setup.web_uid);

    // Users and group, as /etc/passwd and /etc/group have them; the package group's gid is the admin's uid.
    let gid = admin_uid.to_string();
    assert_eq!(
        t.getent("h1", "passwd", "xyz00"),
        Some(vec!["xyz00".into(), "x".into(), gid.clone(), gid.clone(), String::new(), "/home/pacs/xyz00".into(), "/bin/bash".into()])
    );
    assert_eq!(
        t.getent("h1", "passwd", "xyz00-web"),
        Some(vec![
            "xyz00-web".into(),
            "x".into(),
            setup.web_uid.to_string(),
            gid.clone(),
            String::new(),
            "/home/pacs/xyz00/users/web".into(),
            "/bin/bash".into()
        ])
    );
    assert_eq!(t.getent("h1", "group", "xyz00"), Some(vec!["xyz00".into(), "x".into(), gid.clone(), String::new()]));

    // The password typed on stdin is the crypt hash in /etc/shadow (the ledger's hash, not re-hashed), and
    // the server's own crypt accepts the password with it. The admin has no password; nobody is expired.
    let shadow = t.getent("h1", "shadow", "xyz00-web").unwrap();
    let conn = rusqlite::Connection::open_with_flags(&t.env.ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let stored: String = conn.query_row("SELECT password_hash FROM unix_user WHERE name = 'xyz00-web'", [], |r| r.get(0)).unwrap();
    assert!(stored.starts_with("$6$"), "SHA-512 crypt in the ledger: {stored}");
    assert_eq!(shadow[1], stored, "/etc/shadow must carry the ledger's hash");
    assert_eq!(shadow[7], "", "xyz00-web must not be expired: {shadow:?}");
    let check = t.hosts.ssh_input(
        "h1",
        &format!("python3 -W ignore -c 'import crypt, sys; h = sys.argv[1]; print(crypt.crypt(sys.stdin.read(), h) == h)' '{}'", shadow[1]),
        PASSWORD,
    );
    assert_eq!(check.stdout.trim(), "True", "the server's crypt() does not accept the password with the shadow hash: {}", check.stderr);
    let admin_shadow = t.getent("h1", "shadow", "xyz00").unwrap();
    assert_eq!((admin_shadow[1].as_str(), admin_shadow[7].as_str()), ("!", ""), "the admin has no password and is not expired");

    // Homes and the domain's tree: owners and modes.
    for (path, want) in [
        ("/home/pacs/xyz00", "xyz00 xyz00 751 directory"),
        ("/home/pacs/xyz00/users", "xyz00 xyz00 751 directory"),
        ("/home/pacs/xyz00/doms", "xyz00 xyz00 751 directory"),
        ("/home/pacs/xyz00/users/web", "xyz00-web xyz00 751 directory"),
        ("/home/pacs/xyz00/users/web/doms", "xyz00-web xyz00 751 directory"),
        ("/home/pacs/xyz00/users/web/doms/example.org", "xyz00-web xyz00 755 directory"),
        (HTDOCS, "xyz00-web xyz00 755 directory"),
        ("/home/pacs/xyz00/users/web/doms/example.org/subs", "xyz00-web xyz00 755 directory"),
        ("/var/log/apache2/hsadmin/example.org", "root xyz00 750 directory"),
    ] {
        assert_eq!(t.stat("h1", path), want, "owner, group, mode of {path}");
    }

    // The crontab: exactly what the ledger renders, with the job as typed.
    let crontab = t.crontab("h1", "xyz00-web").expect("xyz00-web has a crontab");
    assert!(crontab.lines().any(|l| l == format!("{SCHEDULE} {JOB}")), "the job is not in `crontab -l -u xyz00-web`:\n{crontab}");
    assert!(crontab.contains(&format!("# job {}\n", setup.job_id)), "{crontab}");
    assert_eq!(crontab, t.rendered("h1").crontabs[0].content, "crontab -l differs from the rendered crontab");
    assert_eq!(t.crontab("h1", "xyz00"), None, "the admin has no cron jobs, so no crontab");

    // Quotas in KiB: 100/120 MB for the user, the package's webspace for its group, none for the admin.
    assert_eq!(t.quota("h1", "-u", "xyz00-web").1, 102400, "soft quota of 100 MB");
    assert_eq!(t.quota("h1", "-u", "xyz00-web").2, 122880, "hard quota of 120 MB");
    let webspace_kb = t.json(&["package", "show", "xyz00"])["webspace_mb"].as_u64().unwrap() * 1024;
    assert_eq!(webspace_kb, 1048576, "DW/SA includes 1024 MB");
    let (_, soft, hard) = t.quota("h1", "-g", "xyz00");
    assert_eq!((soft, hard), (webspace_kb, webspace_kb), "group quota of package xyz00");
    let (_, soft, hard) = t.quota("h1", "-u", "xyz00");
    assert_eq!((soft, hard), (0, 0), "the admin has no user quota (the package's group quota applies)");
    let report = t.sh("h1", "repquota -v -u /home");
    let line = report.lines().find(|l| l.split_whitespace().next() == Some("xyz00-web")).unwrap_or_else(|| panic!("xyz00-web not in repquota -u:\n{report}"));
    assert_eq!(line.split_whitespace().skip(3).take(2).collect::<Vec<_>>(), ["102400", "122880"], "repquota -u: {line}");

    // The vhost: the rendered file, enabled, and Apache serves the page from the domain's htdocs.
    assert_eq!(t.sh("h1", &format!("cat {VHOST}")), t.rendered_vhost("h1", "example.org"), "the vhost file differs from the rendered one");
    assert_eq!(t.sh("h1", "readlink /etc/apache2/sites-enabled/hsadmin-example.org.conf").trim(), "../sites-available/hsadmin-example.org.conf");
    assert_eq!(t.curl("h1", "example.org"), PAGE, "http://example.org/ on h1 must serve {HTDOCS}/index.html");
    assert_eq!(t.curl("h1", "www.example.org"), PAGE, "www.example.org is an alias");
    assert!(!t.curl("h1", "other.example").contains("robot"), "another Host gets Apache's default site");
    // Nothing went to the other servers.
    for h in ["h2", "h3"] {
        assert_eq!(t.getent(h, "passwd", "xyz00"), None, "xyz00 lives on h1 only, but {h} has it");
    }

    // A second apply finds nothing to do, and says so; plan --detailed-exitcode agrees.
    let again = t.json(&["apply"]);
    assert_eq!(outcomes(&again), HOSTS.map(|h| (h.to_owned(), "unchanged".to_owned())), "second apply: {again}");
    for r in again.as_array().unwrap() {
        assert_eq!(r["actions"], serde_json::json!([]), "second apply on {}: {r}", r["server"]);
    }
    t.assert_in_line("after the set-up");
}

// ---------------------------------------------------------------------------------------------
// 2. Drift is planned and repaired
// ---------------------------------------------------------------------------------------------

#[test]
fn drift_on_the_server_shows_in_plan_and_apply_repairs_it() {
    let t = Robot::new();
    let setup = t.set_up_xyz00();
    let rendered = t.rendered_vhost("h1", "example.org");
    assert_eq!(t.sh("h1", &format!("cat {VHOST}")), rendered);

    // Someone edits the managed vhost by hand, and drops a vhost of their own into hsadmin's name space.
    t.sh("h1", &format!("sed -i 's/ServerAlias www.example.org/ServerAlias www.example.org evil.example.net/' {VHOST} && grep -q evil {VHOST}"));
    // A vhost with hsadmin's header that the ledger no longer has is hsadmin's to remove; one without the
    // header is not hsadmin's and stays, with a warning.
    t.sh("h1", &format!("printf '%s\\n# left over\\n' '{}' > /etc/apache2/sites-available/hsadmin-stray.example.conf", hsadmin::render::MANAGED_HEADER));
    t.sh("h1", "printf '# by hand\\n' > /etc/apache2/sites-available/hsadmin-foreign.example.conf");
    let (code, planned) = t.plan();
    assert_eq!(code, 3, "plan --detailed-exitcode exits 3 on drift");
    assert_eq!(planned, ["h1 write_vhost hsadmin-example.org.conf", "h1 remove_vhost hsadmin-stray.example.conf", "h1 reload_apache"]);
    // plan changed nothing.
    assert!(t.sh("h1", &format!("cat {VHOST}")).contains("evil.example.net"));

    let applied = t.json(&["apply"]);
    assert_eq!(result(&applied, "h1")["outcome"], "applied", "{applied}");
    assert_eq!(actions(result(&applied, "h1")), ["write_vhost hsadmin-example.org.conf", "remove_vhost hsadmin-stray.example.conf", "reload_apache"]);
    assert_eq!(t.sh("h1", &format!("cat {VHOST}")), rendered, "apply must write the rendered vhost back");
    assert_eq!(t.sh("h1", "ls /etc/apache2/sites-available /etc/apache2/sites-enabled | grep -c stray || true").trim(), "0", "the stray vhost must be gone");
    assert_eq!(t.sh("h1", "cat /etc/apache2/sites-available/hsadmin-foreign.example.conf"), "# by hand\n", "a vhost without hsadmin's header stays");
    let warnings = result(&applied, "h1")["warnings"].to_string();
    assert!(warnings.contains("hsadmin-foreign.example.conf") && warnings.contains("left alone"), "{warnings}");
    t.sh("h1", "rm /etc/apache2/sites-available/hsadmin-foreign.example.conf");
    assert_eq!(t.curl("h1", "example.org"), PAGE);
    t.assert_in_line("after repairing the vhost");

    // A home opened up with chmod, a deleted crontab and a disabled site.
    t.sh("h1", "chmod 777 /home/pacs/xyz00/users/web && crontab -r -u xyz00-web && rm /etc/apache2/sites-enabled/hsadmin-example.org.conf");
    let (code, planned) = t.plan();
    assert_eq!(code, 3);
    assert_eq!(
        planned,
        ["h1 ensure_dir /home/pacs/xyz00/users/web", "h1 install_crontab xyz00-web", "h1 enable_vhost hsadmin-example.org.conf", "h1 reload_apache"]
    );
    t.json(&["apply"]);
    assert_eq!(t.stat("h1", "/home/pacs/xyz00/users/web"), "xyz00-web xyz00 751 directory");
    let crontab = t.crontab("h1", "xyz00-web").expect("apply installs the crontab again");
    assert!(crontab.lines().any(|l| l == format!("{SCHEDULE} {JOB}")), "{crontab}");
    assert_eq!(t.sh("h1", "readlink /etc/apache2/sites-enabled/hsadmin-example.org.conf").trim(), "../sites-available/hsadmin-example.org.conf");
    assert_eq!(t.curl("h1", "example.org"), PAGE);
    t.assert_in_line("after repairing home, crontab and site");

    // Owner drift and a changed shell are repaired too.
    t.sh("h1", "chown root:root /home/pacs/xyz00/users/web/doms/example.org/htdocs && usermod -s /bin/sh xyz00-web");
    let (_, planned) = t.plan();
    assert_eq!(planned, ["h1 update_user xyz00-web", "h1 ensure_dir /home/pacs/xyz00/users/web/doms/example.org/htdocs"]);
    t.json(&["apply"]);
    assert_eq!(t.stat("h1", HTDOCS), "xyz00-web xyz00 755 directory");
    assert_eq!(t.getent("h1", "passwd", "xyz00-web").unwrap()[6], "/bin/bash");
    t.assert_in_line("after repairing owner and shell");

    // Quota limits someone left on the uid the next user gets: the first apply clears them already.
    let next_uid = setup.web_uid + 1;
    t.sh("h1", &format!("setquota -u {next_uid} 5000 6000 0 0 /home"));
    let added = t.json(&["user", "add", "xyz00-extra"]);
    assert_eq!(added["uid"], next_uid);
    let (_, soft, hard) = t.quota("h1", "-u", "xyz00-extra");
    assert_eq!((soft, hard), (0, 0), "xyz00-extra has no quota of its own, so the stale limits must be gone");
    t.assert_in_line("after adding a user whose uid carried stale limits");
}

// ---------------------------------------------------------------------------------------------
// 3. A vhost that fails configtest leaves the old config serving
// ---------------------------------------------------------------------------------------------

#[test]
fn a_vhost_failing_configtest_is_rolled_back_and_the_old_site_keeps_serving() {
    let t = Robot::with_config("\n[web]\ncertificate_file = \"/nonexistent/{domain}.pem\"\n");
    t.set_up_xyz00();
    let old = t.sh("h1", &format!("cat {VHOST}"));
    assert_eq!(t.curl("h1", "example.org"), PAGE);

    // HTTPS with a certificate that does not exist: the new vhost fails `apache2ctl configtest`.
    let r = t.expect(&["domain", "update", "example.org", "--https", "true"], 3);
    assert!(r.stderr.contains("configtest"), "the error must name configtest: {}", r.stderr);
    assert!(r.stderr.contains("/nonexistent/example.org.pem"), "the error must show Apache's complaint: {}", r.stderr);
    assert!(r.stderr.contains("pending"), "the error must say the server stays pending: {}", r.stderr);
    assert_eq!(r.json()["https"], true, "the ledger change is saved");

    let state = &t.json(&["server", "show", "h1"])["state"];
    assert_eq!(state["pending"], true, "h1 is pending: {state}");
    assert_eq!(state["outcome"], "failed", "{state}");
    assert!(state["error"].as_str().unwrap().contains("configtest"), "{state}");
    let live = &t.json(&["package", "show", "xyz00"])["live"];
    assert_eq!(live["state"], "failed", "{live}");

    // The old vhost is back unchanged and enabled, Apache's config is valid, and the page is still served.
    assert_eq!(t.sh("h1", &format!("cat {VHOST}")), old, "the previous vhost file must be restored byte for byte");
    assert_eq!(t.sh("h1", "readlink /etc/apache2/sites-enabled/hsadmin-example.org.conf").trim(), "../sites-available/hsadmin-example.org.conf");
    assert_eq!(t.sh("h1", "ls /etc/apache2/sites-available | grep -c 'hsadmin-new' || true").trim(), "0", "no half-written file stays");
    t.sh("h1", "apache2ctl configtest");
    assert_eq!(t.curl("h1", "example.org"), PAGE, "the old site must keep serving");

    // Retrying fails the same way; nothing else breaks.
    let (code, planned) = t.plan();
    assert_eq!(code, 3);
    assert!(planned.contains(&"h1 write_vhost hsadmin-example.org.conf".to_owned()), "{planned:?}");
    let r = t.expect(&["apply"], 3);
    assert_eq!(result(&r.json(), "h1")["outcome"], "failed");
    assert_eq!(t.curl("h1", "example.org"), PAGE);

    // Fixed in the ledger: the change applies and the server is in line again.
    let r = t.ok(&["domain", "update", "example.org", "--https", "false"]);
    assert!(r.stderr.contains("Applied") || r.stderr.contains("Unchanged"), "{}", r.stderr);
    let state = &t.json(&["server", "show", "h1"])["state"];
    assert_eq!((state["pending"].clone(), state["outcome"].clone(), state["error"].clone()), (Value::Bool(false), "ok".into(), Value::Null), "{state}");
    assert_eq!(t.sh("h1", &format!("cat {VHOST}")), t.rendered_vhost("h1", "example.org"));
    assert_eq!(t.curl("h1", "example.org"), PAGE);
    t.assert_in_line("after switching HTTPS off again");
}

// ---------------------------------------------------------------------------------------------
// 4. A server stopped in the middle catches up
// ---------------------------------------------------------------------------------------------

#[test]
fn a_server_stopped_in_the_middle_stays_pending_and_catches_up_with_apply() {
    let t = Robot::new();
    t.ok(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    t.ok(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h2", "--since", "2026-01-01"]);
    assert!(t.getent("h2", "passwd", "xyz01").is_some(), "xyz01 is on h2 before the stop");

    let _back = StartAgain { hosts: &t.hosts, host: "h2" };
    t.hosts.script("stop-host.sh", &["h2"]);
    assert!(!t.hosts.running("h2"));

    // h1 is fine; h2's change is saved in the ledger and h2 stays pending.
    let r = t.ok(&["user", "add", "xyz00-a"]);
    assert!(r.stderr.contains("Applied") && r.stderr.contains("h1"), "{}", r.stderr);
    assert!(t.getent("h1", "passwd", "xyz00-a").is_some());
    let r = t.expect(&["user", "add", "xyz01-b"], 3);
    assert!(r.stderr.contains("pending") && r.stderr.contains("h2"), "the error must say h2 is pending: {}", r.stderr);
    assert!(r.stderr.contains("127.0.0.12"), "the error must say what failed: {}", r.stderr);
    assert_eq!(r.json()["name"], "xyz01-b", "the ledger change is saved and shown");
    assert_eq!(t.json(&["user", "show", "xyz01-b"])["package"], "xyz01");
    let state = &t.json(&["server", "show", "h2"])["state"];
    assert_eq!((state["pending"].clone(), state["outcome"].clone()), (Value::Bool(true), "unreachable".into()), "{state}");
    assert_eq!(t.json(&["package", "show", "xyz01"])["live"]["state"], "failed");

    // One more change for h1, left for apply; apply converges h1 and reports h2 unreachable.
    t.ok(&["user", "add", "xyz00-c", "--no-apply"]);
    let r = t.expect(&["apply"], 3);
    let doc = r.json();
    assert_eq!(outcomes(&doc), [("h1".into(), "applied".into()), ("h2".into(), "unreachable".into()), ("h3".into(), "unchanged".into())], "{doc}");
    assert!(actions(result(&doc, "h1")).contains(&"create_user xyz00-c".to_owned()), "{doc}");
    assert!(result(&doc, "h2")["error"].as_str().unwrap().contains("127.0.0.12:22"), "{doc}");
    assert!(r.stderr.contains("h2") && !r.stderr.contains("h1:"), "stderr names the failed server only: {}", r.stderr);
    assert!(t.getent("h1", "passwd", "xyz00-c").is_some(), "apply converged h1 while h2 was down");
    assert_eq!(t.json(&["server", "show", "h1"])["state"]["pending"], false);
    assert_eq!(t.json(&["server", "show", "h2"])["state"]["pending"], true);

    // h2 comes back with its disk (and the same host key); it has not seen xyz01-b yet.
    t.hosts.script("start-host.sh", &["h2"]);
    assert!(t.getent("h2", "passwd", "xyz01").is_some(), "h2 kept its disk");
    assert_eq!(t.getent("h2", "passwd", "xyz01-b"), None, "nothing reached h2 while it was down");
    let doc = t.json(&["apply"]);
    assert_eq!(outcomes(&doc), [("h1".into(), "unchanged".into()), ("h2".into(), "applied".into()), ("h3".into(), "unchanged".into())], "{doc}");
    assert!(actions(result(&doc, "h2")).contains(&"create_user xyz01-b".to_owned()), "{doc}");
    let b_uid = t.json(&["user", "show", "xyz01-b"])["uid"].as_u64().unwrap().to_string();
    let passwd = t.getent("h2", "passwd", "xyz01-b").expect("xyz01-b on h2 after apply");
    assert_eq!((passwd[2].as_str(), passwd[5].as_str()), (b_uid.as_str(), "/home/pacs/xyz01/users/b"));
    assert_eq!(t.stat("h2", "/home/pacs/xyz01/users/b"), "xyz01-b xyz01 751 directory");
    assert_eq!(t.json(&["server", "show", "h2"])["state"]["pending"], false);
    assert_eq!(t.json(&["package", "show", "xyz01"])["live"]["state"], "applied");
    t.assert_in_line("after h2 caught up");
}

// ---------------------------------------------------------------------------------------------
// 5. Hostile input never reaches a server; shell code in cron commands is the user's and stays literal
// ---------------------------------------------------------------------------------------------

#[test]
fn hostile_input_is_refused_before_anything_runs_remotely() {
    let t = Robot::new();
    t.set_up_xyz00();
    let ledger_before = t.env.dump();
    let before: Vec<String> = HOSTS.iter().map(|h| t.snapshot(h)).collect();
    let logins: Vec<usize> = HOSTS.iter().map(|h| t.hosts.logins(h)).collect();

    let pwned = "/tmp/hsadmin-robot-pwned";
    let hostile_catalog = t.env.dir.path().join("hostile-catalog.toml").display().to_string();
    std::fs::write(&hostile_catalog, format!("[[product]]\ncode = \"X;touch {pwned}\"\nname = \"x\"\nkind = \"dns\"\nperiod = \"month\"\n")).unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        // User names.
        (vec!["user", "add", &format!("xyz00-a;touch {pwned}")], "name"),
        (vec!["user", "add", &format!("xyz00-$(touch {pwned})")], "name"),
        (vec!["user", "add", &format!("xyz00-`touch {pwned}`")], "name"),
        (vec!["user", "add", "xyz00-a\nroot"], "name"),
        (vec!["user", "add", "xyz00-../../../etc"], "name"),
        (vec!["user", "add", "xyz00-.."], "name"),
        (vec!["user", "add", "../xyz00"], "name"),
        (vec!["user", "add", "xyz00-a b"], "name"),
        (vec!["user", "add", "xyz00-"], "name"),
        (vec!["user", "add", "xyz00--x"], "name"),
        (vec!["user", "add", &format!("xyz00-{}", "a".repeat(40))], "name"),
        (vec!["user", "add", "xyz00-w\u{435}b"], "name"),
        (vec!["user", "add", "XYZ00-web"], "name"),
        (vec!["user", "update", "xyz00-web", "--comment", "a\nb"], "comment"),
        (vec!["user", "update", "xyz00-web", "--comment", "x:0:0::/root:/bin/sh"], "comment"),
        (vec!["user", "update", "xyz00-web", "--shell", &format!("/bin/sh -c 'touch {pwned}'")], "shell"),
        (vec!["user", "update", "xyz00-web", "--shell", "/bin/../tmp/sh"], "shell"),
        // Domain names, owners and subdomains.
        (vec!["domain", "add", &format!("example.net;touch {pwned}"), "--package", "xyz00"], "name"),
        (vec!["domain", "add", &format!("$(touch {pwned}).example.net"), "--package", "xyz00"], "name"),
        (vec!["domain", "add", "example.net\nevil.org", "--package", "xyz00"], "name"),
        (vec!["domain", "add", "../example.net", "--package", "xyz00"], "name"),
        (vec!["domain", "add", "example.net/../../etc", "--package", "xyz00"], "name"),
        (vec!["domain", "add", "--package", "xyz00", "--", "-example.net"], "name"),
        (vec!["domain", "add", "\u{435}xample.net", "--package", "xyz00"], "name"),
        (vec!["domain", "add", "example.net", "--package", "xyz00", "--user", &format!("xyz00-web;touch {pwned}")], "user"),
        (vec!["domain", "add", "example.net", "--package", "xyz00", "--subdomains", &format!("blog;touch {pwned}")], "subdomains"),
        (vec!["domain", "add", "example.net", "--package", "xyz00", "--subdomains", "../../etc"], "subdomains"),
        (vec!["domain", "update", "example.org", "--add-subdomain", "a\nb"], "add-subdomain"),
        (vec!["domain", "add", "example.net", "--package", &format!("xyz00;touch {pwned}")], "package"),
        // Cron jobs: one line only; the schedule is five fields, nothing else.
        (vec!["cron", "add", "--user", "xyz00-web", "--schedule", "* * * * *", "--command", &format!("true\n* * * * * touch {pwned}")], "command"),
        (vec!["cron", "add", "--user", "xyz00-web", "--schedule", "* * * * *", "--command", &format!("true\r* * * * * touch {pwned}")], "command"),
        (vec!["cron", "add", "--user", "xyz00-web", "--schedule", &format!("* * * * * touch {pwned}"), "--command", "true"], "schedule"),
        (vec!["cron", "add", "--user", "xyz00-web", "--schedule", "* * * * $(id)", "--command", "true"], "schedule"),
        (vec!["cron", "add", "--user", "xyz00-web", "--schedule", "* * * * *\n* * * * *", "--command", "true"], "schedule"),
        (vec!["cron", "add", "--user", "xyz00-web", "--schedule", "@reboot", "--command", "true"], "schedule"),
        (vec!["cron", "add", "--user", &format!("xyz00-web;touch {pwned}"), "--schedule", "* * * * *", "--command", "true"], "user"),
        // Packages.
        (vec!["package", "create", &format!("xyz0$(touch {pwned})"), "--member", "10001", "--product", "DW/SA", "--server", "h1"], "name"),
        (vec!["package", "purge", &format!("xyz00;touch {pwned}"), "--yes"], "name"),
        (vec!["user", "remove", &format!("xyz00-web;touch {pwned}"), "--yes"], "name"),
        (vec!["domain", "delete", &format!("example.org;touch {pwned}"), "--yes"], "name"),
        // Capital reversals, cron removal (ids are numbers: clap refuses anything else).
        (vec!["share", "revert", &format!("10001;touch {pwned}"), "--tx", "1", "--date", "2026-06-01", "--reference", "REV-000001"], "member"),
        (vec!["share", "revert", "10001", "--tx", "1;x", "--date", "2026-06-01", "--reference", "REV-000001"], "-"),
        (vec!["asset", "revert", "10001", "--tx", "1", "--date", "2026-06-01", "--reference", "REV\n000001"], "reference"),
        (vec!["asset", "revert", "10001", "--tx", "1", "--date", "2026-06-01", "--reference", "REV-000001", "--comment", "a\u{1b}[2J"], "comment"),
        (vec!["cron", "remove", &format!("1;touch {pwned}"), "--yes"], "-"),
        // Servers: names, addresses, roles, fingerprints; plan and apply take the same names.
        (vec!["server", "update", &format!("h1;touch {pwned}"), "--port", "22"], "name"),
        (vec!["server", "update", "h1", "--address", &format!("127.0.0.11;touch {pwned}")], "address"),
        (vec!["server", "update", "h1", "--role", "web;x"], "role"),
        (vec!["server", "trust", &format!("h1;touch {pwned}"), "--fingerprint", "SHA256:abc"], "name"),
        (vec!["server", "trust", "h1", "--fingerprint", &format!("SHA256:a;touch {pwned}")], "fingerprint"),
        (vec!["plan", "--server", &format!("h1;touch {pwned}")], "server"),
        (vec!["plan", "--role", "web\nroot"], "role"),
        (vec!["apply", "--server", "../h1"], "server"),
        (vec!["apply", "--role", &format!("web;touch {pwned}")], "role"),
        (vec!["catalog", "import", &hostile_catalog], "product[0].code"),
    ]
    .into_iter()
    .map(|(args, field)| (args.into_iter().map(str::to_owned).collect(), field))
    .collect();
    // Every refused command names its field (or is clap's usage error), and leaves the ledger as it was.
    for (args, field) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = t.expect(&args, 2);
        let error = &r.json()["error"];
        if *field == "-" {
            assert_eq!(error["kind"], "usage", "hsadmin {args:?} must be a usage error: {error}");
        } else {
            assert_eq!(error["field"], *field, "hsadmin {args:?} must name the field {field}: {error}");
        }
        assert!(r.stderr.contains("error:"), "{args:?}: {}", r.stderr);
        assert_eq!(t.env.dump(), ledger_before, "hsadmin {args:?} was refused but changed the ledger");
    }
    assert!(cases.len() >= 50, "the matrix shrank: {} cases", cases.len());

    // Nothing was logged into: no command got as far as a server. Ledger and servers are as they were.
    let logins_after: Vec<usize> = HOSTS.iter().map(|h| t.hosts.logins(h)).collect();
    assert_eq!(logins_after, logins, "SSH logins on h1..h3 during the hostile commands: none may happen");
    // The counter does count: one valid command that reaches h1 is one more login there.
    t.ok(&["plan", "--server", "h1"]);
    assert_eq!(t.hosts.logins("h1"), logins[0] + 1, "a real plan on h1 must show as one login");
    assert_eq!(t.env.dump(), ledger_before, "refused input must leave the ledger as it was");
    for (h, before) in HOSTS.iter().zip(&before) {
        assert_eq!(&t.snapshot(h), before, "{h} changed although every command was refused");
        assert_eq!(t.sh(h, &format!("test -e {pwned} && echo INJECTED || echo clean")).trim(), "clean", "{h}");
    }
    assert!(!std::path::Path::new(pwned).exists(), "injected on this machine");

    // Shell code in a cron command is the user's own: stored and installed literally, run only by cron.
    let ran = "/tmp/hsadmin-robot-cron-ran";
    let code = format!(r#"echo "$(id -un) ran `hostname`" > {ran}; test -n '$HOME' && echo \$PATH | cat >> {ran}"#);
    let leap_day = "7 4 29 2 *";
    let job = t.json(&["cron", "add", "--user", "xyz00-web", "--schedule", leap_day, "--command", &code]);
    assert_eq!(job["command"], code.as_str(), "stored as typed");
    let listed = t.json(&["cron", "list", "--user", "xyz00-web"]);
    assert!(listed.as_array().unwrap().iter().any(|j| j["command"] == code.as_str()), "{listed}");
    let crontab = t.crontab("h1", "xyz00-web").unwrap();
    let line = format!("{leap_day} {code}");
    assert!(crontab.lines().any(|l| l == line), "`crontab -l -u xyz00-web` must hold the line byte for byte:\n{line}\nin:\n{crontab}");
    assert_eq!(t.sh("h1", &format!("test -e {ran} && cat {ran} || echo 'did not run'")).trim(), "did not run", "installing the crontab ran the command");
    // '%' means newline to cron: it is escaped, so the command still runs as typed.
    t.json(&["cron", "add", "--user", "xyz00-web", "--schedule", leap_day, "--command", "date +%F >> ~/dates"]);
    let crontab = t.crontab("h1", "xyz00-web").unwrap();
    assert!(crontab.lines().any(|l| l == format!("{leap_day} date +\\%F >> ~/dates")), "{crontab}");
    t.assert_in_line("after the cron jobs with shell code");
}

// ---------------------------------------------------------------------------------------------
// 6. Cancel switches a package off; purge removes it from the server
// ---------------------------------------------------------------------------------------------

#[test]
fn a_cancelled_package_is_locked_and_offline_and_a_purged_one_is_gone() {
    let t = Robot::new();
    t.set_up_xyz00();
    assert_eq!(t.curl("h1", "example.org"), PAGE);

    let r = t.ok(&["--json", "package", "cancel", "xyz00", "--date", "2026-05-31", "--yes"]);
    assert_eq!(r.json()["valid_to"], "2026-05-31");
    assert_eq!(t.json(&["package", "show", "xyz00"])["status"], "cancelled");

    // Users locked ('!' before the hash) and expired (field 8 = 1, which also stops key logins).
    let stored: String = rusqlite::Connection::open_with_flags(&t.env.ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap()
        .query_row("SELECT password_hash FROM unix_user WHERE name = 'xyz00-web'", [], |r| r.get(0))
        .unwrap();
    for user in ["xyz00", "xyz00-web"] {
        let shadow = t.getent("h1", "shadow", user).unwrap();
        assert!(shadow[1].starts_with('!'), "{user} must be locked: {shadow:?}");
        assert_eq!(shadow[7], "1", "{user} must be expired: {shadow:?}");
    }
    assert_eq!(t.getent("h1", "shadow", "xyz00-web").unwrap()[1], format!("!{stored}"), "locking keeps the hash behind '!'");
    let su = t.hosts.ssh("h1", "su -s /bin/sh -c true xyz00-web < /dev/null");
    let said = String::from_utf8_lossy(&su.stdout).into_owned() + &String::from_utf8_lossy(&su.stderr);
    assert!(!su.status.success() && said.contains("account has expired"), "PAM must refuse the expired account: {said}");

    // No site, no crontab.
    assert_eq!(t.sh("h1", "ls /etc/apache2/sites-available /etc/apache2/sites-enabled | grep -c '^hsadmin-' || true").trim(), "0");
    let page = t.curl("h1", "example.org");
    assert!(!page.contains("robot"), "example.org must no longer be served, got:\n{page}");
    assert_eq!(t.crontab("h1", "xyz00-web"), None, "the cron jobs of a cancelled package stop");
    // The data stays until the purge.
    assert_eq!(t.sh("h1", &format!("cat {HTDOCS}/index.html")), PAGE);
    assert!(t.getent("h1", "group", "xyz00").is_some());
    t.assert_in_line("after the cancel");

    // Purged: users, group, home gone.
    let r = t.ok(&["--json", "package", "purge", "xyz00", "--yes"]);
    assert_eq!(r.json()["purged_at"], common::TODAY);
    for user in ["xyz00", "xyz00-web"] {
        assert_eq!(t.getent("h1", "passwd", user), None, "{user} must be gone");
        assert_eq!(t.getent("h1", "shadow", user), None, "{user} must be gone from /etc/shadow");
    }
    assert_eq!(t.getent("h1", "group", "xyz00"), None, "group xyz00 must be gone");
    assert_eq!(t.sh("h1", "test -e /home/pacs/xyz00 && echo present || echo gone").trim(), "gone", "/home/pacs/xyz00 must be gone");
    assert_eq!(t.sh("h1", "ls /var/spool/cron/crontabs | grep -c xyz00 || true").trim(), "0");
    t.assert_in_line("after the purge");

    // A package with its admin only: userdel already takes the group along, and the purge still succeeds.
    t.ok(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    assert!(t.getent("h1", "group", "xyz01").is_some());
    t.ok(&["package", "cancel", "xyz01", "--date", "2026-05-31", "--yes"]);
    assert!(t.getent("h1", "shadow", "xyz01").unwrap()[1].starts_with('!'));
    t.ok(&["package", "purge", "xyz01", "--yes"]);
    assert_eq!((t.getent("h1", "passwd", "xyz01"), t.getent("h1", "group", "xyz01")), (None, None), "xyz01 and its group must be gone");
    assert_eq!(t.sh("h1", "test -e /home/pacs/xyz01 && echo present || echo gone").trim(), "gone");
    assert_eq!(t.json(&["server", "show", "h1"])["state"]["pending"], false);
    t.assert_in_line("after purging an admin-only package");
}

// ---------------------------------------------------------------------------------------------
// 7. --no-apply leaves the server pending and untouched until apply
// ---------------------------------------------------------------------------------------------

#[test]
fn no_apply_leaves_the_server_untouched_and_pending_until_apply() {
    let t = Robot::new();
    t.ok(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    assert_eq!(t.json(&["server", "show", "h1"])["state"]["pending"], false);
    let before = t.snapshot("h1");
    let logins = t.hosts.logins("h1");

    // The flag, and the environment variable (HSADMIN_NO_APPLY=1, as TestEnv sets it).
    let r = t.ok(&["user", "add", "xyz00-shop", "--no-apply"]);
    assert!(r.stderr.contains("Pending") && r.stderr.contains("h1") && r.stderr.contains("hsadmin apply"), "{}", r.stderr);
    let r = t.env.run(&["domain", "add", "example.net", "--package", "xyz00", "--user", "xyz00-shop"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Pending"), "{}", r.stderr);
    t.ok(&["cron", "add", "--user", "xyz00-shop", "--schedule", SCHEDULE, "--command", JOB, "--no-apply"]);

    let state = &t.json(&["server", "show", "h1"])["state"];
    assert_eq!(state["pending"], true, "h1 must be pending: {state}");
    assert_eq!(t.json(&["package", "show", "xyz00"])["live"]["state"], "pending");
    assert_eq!(t.hosts.logins("h1"), logins, "--no-apply must not even log in");
    assert_eq!(t.snapshot("h1"), before, "--no-apply must leave the server untouched");

    // plan shows the work and changes nothing (and leaves h1 pending).
    let (code, planned) = t.plan();
    assert_eq!(code, 3);
    for want in [
        "h1 create_user xyz00-shop",
        "h1 ensure_dir /home/pacs/xyz00/users/shop",
        "h1 install_crontab xyz00-shop",
        "h1 write_vhost hsadmin-example.net.conf",
        "h1 enable_vhost hsadmin-example.net.conf",
        "h1 reload_apache",
    ] {
        assert!(planned.contains(&want.to_owned()), "plan lacks {want}: {planned:#?}");
    }
    assert_eq!(t.snapshot("h1"), before, "plan must leave the server untouched");
    assert_eq!(t.json(&["server", "show", "h1"])["state"]["pending"], true);

    let doc = t.json(&["apply"]);
    assert_eq!(result(&doc, "h1")["outcome"], "applied");
    assert_eq!(t.getent("h1", "passwd", "xyz00-shop").unwrap()[5], "/home/pacs/xyz00/users/shop");
    assert!(t.crontab("h1", "xyz00-shop").unwrap().lines().any(|l| l == format!("{SCHEDULE} {JOB}")));
    assert_eq!(t.sh("h1", "cat /etc/apache2/sites-available/hsadmin-example.net.conf"), t.rendered_vhost("h1", "example.net"));
    t.sh("h1", "printf 'shop\\n' > /home/pacs/xyz00/users/shop/doms/example.net/htdocs/index.html");
    assert_eq!(t.curl("h1", "example.net"), "shop\n");
    let state = &t.json(&["server", "show", "h1"])["state"];
    assert_eq!((state["pending"].clone(), state["outcome"].clone()), (Value::Bool(false), "ok".into()), "{state}");
    t.assert_in_line("after apply");
}

// ---------------------------------------------------------------------------------------------
// 8. package show and server show report what the last apply found and did
// ---------------------------------------------------------------------------------------------

#[test]
fn package_show_and_server_show_report_the_last_apply() {
    let t = Robot::new();
    t.ok(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01", "--no-apply"]);
    let shown = t.json(&["package", "show", "xyz00"]);
    assert_eq!(shown["live"]["state"], "pending", "before any apply: {shown}");
    assert_eq!(shown["live"]["used_kb"], Value::Null, "no usage known before an apply: {shown}");

    let doc = t.json(&["apply"]);
    let h1 = result(&doc, "h1");
    assert_eq!(h1["outcome"], "applied");
    let shown = t.json(&["package", "show", "xyz00"]);
    let live = &shown["live"];
    assert_eq!(live["state"], "applied", "{shown}");
    assert_eq!(live["error"], Value::Null);
    assert!(live["used_kb"].is_u64(), "used_kb must be a number: {shown}");
    assert!(live["applied_at"].as_str().is_some_and(|s| s.len() == 20 && s.ends_with('Z')), "{shown}");
    assert_eq!(live["used_as_of"], live["applied_at"]);

    let server = t.json(&["server", "show", "h1"]);
    let state = &server["state"];
    assert_eq!(state["outcome"], "ok", "{server}");
    assert_eq!(state["pending"], false);
    assert_eq!(state["error"], Value::Null);
    assert_eq!(state["actions"], h1["actions"].as_array().unwrap().len(), "the last apply's number of actions: {server}");
    assert_eq!(state["plan_hash"], h1["plan_hash"], "the last apply's plan: {server}");
    assert_eq!(state["applied_at"], live["applied_at"]);
    assert_eq!(server["packages"], serde_json::json!(["xyz00"]));

    // Real usage: 300 KiB in the package's group, counted by quotacheck, shows after the next apply.
    t.sh("h1", "head -c 307200 /dev/urandom > /home/pacs/xyz00/data.bin && chown xyz00:xyz00 /home/pacs/xyz00/data.bin && sync && quotacheck -ugm /home");
    let (used, _, _) = t.quota("h1", "-g", "xyz00");
    assert!(used >= 300, "quota -v -g xyz00 says {used} KiB used");
    let doc = t.json(&["apply"]);
    assert_eq!(result(&doc, "h1")["outcome"], "unchanged");
    let live = &t.json(&["package", "show", "xyz00"])["live"];
    assert_eq!(live["used_kb"], used, "package show must report the server's usage: {live}");
    let state = &t.json(&["server", "show", "h1"])["state"];
    assert_eq!((state["actions"].clone(), state["outcome"].clone()), (Value::from(0), Value::from("ok")), "the last apply changed nothing: {state}");
    let human = t.ok(&["package", "show", "xyz00"]).stdout;
    assert!(human.contains(&format!("{:.1} MB used", used as f64 / 1024.0)), "{human}");
}

// ---------------------------------------------------------------------------------------------
// 9. Every later change, judged by the server: subdomains, passwords, locks, quotas, removals
// ---------------------------------------------------------------------------------------------

/// The names `apache2ctl -S` says the server answers for (ServerName and alias lines).
fn served_names(t: &Robot, host: &str) -> Vec<String> {
    let text = t.sh(host, "apache2ctl -S 2>&1");
    let mut names: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("alias ").map(str::to_owned).or_else(|| l.strip_prefix("port ").and_then(|r| r.split_whitespace().nth(2)).map(str::to_owned))
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Whether the server's crypt(3) accepts `password` for the account's shadow hash.
fn crypt_accepts(t: &Robot, user: &str, password: &str) -> bool {
    let hash = t.getent("h1", "shadow", user).unwrap()[1].clone();
    let check = t.hosts.ssh_input(
        "h1",
        &format!("python3 -W ignore -c 'import crypt, sys; h = sys.argv[1]; print(crypt.crypt(sys.stdin.read(), h) == h)' '{hash}'"),
        password,
    );
    check.stdout.trim() == "True"
}

#[test]
fn later_changes_are_on_the_server_as_the_server_itself_reports_them() {
    let t = Robot::new();
    let setup = t.set_up_xyz00();

    // Subdomains: each served from its own document root, as Apache itself lists and serves them.
    t.ok(&["domain", "update", "example.org", "--add-subdomain", "blog", "--add-subdomain", "shop"]);
    for sub in ["blog", "shop"] {
        let root = format!("/home/pacs/xyz00/users/web/doms/example.org/subs/{sub}");
        assert_eq!(t.stat("h1", &root), "xyz00-web xyz00 755 directory", "{root}");
        t.sh("h1", &format!("printf '{sub} page' > {root}/index.html"));
        assert_eq!(t.curl("h1", &format!("{sub}.example.org")), format!("{sub} page"), "http://{sub}.example.org/");
    }
    assert_eq!(t.curl("h1", "example.org"), PAGE, "the main site still serves its htdocs");
    let names = served_names(&t, "h1");
    for n in ["example.org", "www.example.org", "blog.example.org", "shop.example.org"] {
        assert!(names.contains(&n.to_owned()), "apache2ctl -S must list {n}: {names:?}");
    }

    // A new password: the server's crypt accepts it and no longer the old one.
    assert!(crypt_accepts(&t, "xyz00-web", PASSWORD));
    t.ok_with(&["user", "update", "xyz00-web", "--password-stdin"], Some("Another-Passw0rd!\n"));
    assert!(crypt_accepts(&t, "xyz00-web", "Another-Passw0rd!"), "the new password must work");
    assert!(!crypt_accepts(&t, "xyz00-web", PASSWORD), "the old password must not work any more");

    // Lock and unlock: the hash is disabled and the account expired, then both undone.
    t.ok(&["user", "update", "xyz00-web", "--locked", "true"]);
    let shadow = t.getent("h1", "shadow", "xyz00-web").unwrap();
    assert!(shadow[1].starts_with('!') && shadow[7] == "1", "locked: {shadow:?}");
    assert!(t.sh("h1", "su -s /bin/sh xyz00-web -c true 2>&1; echo rc=$?").contains("rc=1"), "an expired account cannot start a session");
    t.ok(&["user", "update", "xyz00-web", "--locked", "false"]);
    let shadow = t.getent("h1", "shadow", "xyz00-web").unwrap();
    assert!(!shadow[1].starts_with('!') && shadow[7].is_empty(), "unlocked: {shadow:?}");
    assert!(crypt_accepts(&t, "xyz00-web", "Another-Passw0rd!"));

    // Quotas: the user's own limits and the package's webspace, as repquota reports them.
    t.ok(&["user", "update", "xyz00-web", "--quota-soft-mb", "200", "--quota-hard-mb", "300"]);
    t.ok(&["package", "update", "xyz00", "--webspace-mb", "2048"]);
    let report = t.sh("h1", "repquota -v -g /home");
    let line = report.lines().find(|l| l.split_whitespace().next() == Some("xyz00")).unwrap_or_else(|| panic!("xyz00 not in repquota -g:\n{report}"));
    assert_eq!(line.split_whitespace().skip(3).take(2).collect::<Vec<_>>(), ["2097152", "2097152"], "repquota -g: {line}");
    assert_eq!(t.quota("h1", "-u", "xyz00-web"), (t.quota("h1", "-u", "xyz00-web").0, 204800, 307200));

    // cron remove: the crontab is gone.
    assert!(t.crontab("h1", "xyz00-web").is_some());
    t.ok(&["cron", "remove", &setup.job_id.to_string(), "--yes"]);
    assert_eq!(t.crontab("h1", "xyz00-web"), None, "the last job removed takes the crontab with it");

    // domain delete: no vhost, Apache no longer answers for it; the files stay (data goes only with purge).
    t.ok(&["domain", "delete", "example.org", "--yes"]);
    assert_eq!(t.sh("h1", "ls /etc/apache2/sites-available /etc/apache2/sites-enabled | grep -c hsadmin- || true").trim(), "0");
    let names = served_names(&t, "h1");
    assert!(!names.iter().any(|n| n.ends_with("example.org")), "apache2ctl -S still lists example.org: {names:?}");
    assert!(!t.curl("h1", "example.org").contains("robot"), "example.org must not be served any more");
    assert_eq!(t.sh("h1", &format!("cat {HTDOCS}/index.html")), PAGE, "the domain's files stay");

    // user remove: the account is gone with its processes; only the home stays.
    t.sh("h1", "setsid su -s /bin/sh xyz00-web -c 'sleep 300' < /dev/null > /dev/null 2>&1 &");
    t.ok(&["user", "remove", "xyz00-web", "--yes"]);
    assert_eq!(t.getent("h1", "passwd", "xyz00-web"), None, "xyz00-web must be gone");
    assert_eq!(t.sh("h1", &format!("pgrep -u {} | wc -l", setup.web_uid)).trim(), "0", "its processes must be gone");
    assert_eq!(t.sh("h1", "stat -c %u /home/pacs/xyz00/users/web").trim(), setup.web_uid.to_string(), "the home stays until purge");
    assert!(t.getent("h1", "passwd", "xyz00").is_some(), "the package admin stays");
    t.assert_in_line("after the changes");
}

#[test]
fn https_is_served_with_a_real_certificate_and_http_redirects() {
    let t = Robot::new();
    t.set_up_xyz00();
    t.sh(
        "h1",
        "mkdir -p /etc/ssl/hsadmin && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=example.org \
         -addext 'subjectAltName=DNS:example.org,DNS:www.example.org' \
         -keyout /etc/ssl/hsadmin/example.org.key -out /etc/ssl/hsadmin/example.org.pem 2>/dev/null",
    );
    t.ok(&["domain", "update", "example.org", "--https", "true"]);
    let https = t.sh("h1", "curl -s --max-time 5 --cacert /etc/ssl/hsadmin/example.org.pem --resolve example.org:443:127.0.0.11 https://example.org/");
    assert_eq!(https, PAGE, "https://example.org/ must serve the page with the certificate the config names");
    let subject = t.sh("h1", "echo | openssl s_client -connect 127.0.0.11:443 -servername example.org 2>/dev/null | openssl x509 -noout -subject");
    assert!(subject.contains("CN = example.org"), "the served certificate: {subject}");
    let redirect = t.sh("h1", "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 5 -H 'Host: example.org' http://127.0.0.11/");
    assert_eq!(redirect, "301 https://example.org/", "http must redirect to https");
    assert!(t.sh("h1", "apache2ctl -M 2>/dev/null").contains("ssl_module"), "mod_ssl is enabled");
    t.assert_in_line("after switching on HTTPS");
    t.sh("h1", "rm -rf /etc/ssl/hsadmin");
}
