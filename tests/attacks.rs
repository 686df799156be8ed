//! Attacks on the config robot, reproduced on the real test servers (issue 7, defects 1–9). Each test
//! plays a hostile customer (or a hostile file on the server), then judges the outcome by the servers
//! alone. Every one of them failed on the engine before the rebuild (commit 6504f9b; run them against an
//! old build with `HSADMIN_BIN=…/hsadmin cargo test --test attacks`); what each showed there is noted.
mod common;
use common::robot::*;
use serde_json::Value;
use std::time::{Duration, Instant};

/// Swaps two paths with `renameat2(RENAME_EXCHANGE)` in a loop (every 0.2 ms, so that each state lasts
/// long enough for root's path walks to land in either) for some seconds, then leaves the
/// real directory in its place; prints how many swaps it made.
const SWAPPER: &str = r#"import ctypes, os, stat, sys, time
libc = ctypes.CDLL(None, use_errno=True)
a, b, secs = sys.argv[1].encode(), sys.argv[2].encode(), float(sys.argv[3])
end, n = time.time() + secs, 0
while time.time() < end:
    if libc.renameat2(-100, a, -100, b, 2) == 0:
        n += 1
if stat.S_ISLNK(os.lstat(sys.argv[1]).st_mode):
    libc.renameat2(-100, a, -100, b, 2)
print(n)
"#;

/// Owner, group and mode of the server's most sensitive directories and files.
const SENSITIVE: &str = "stat -c '%n %U %G %a' / /etc /etc/passwd /etc/shadow /root /var/spool/cron/crontabs /usr/bin";

fn sensitive(t: &Robot) -> String {
    t.sh("h1", SENSITIVE)
}

/// Starts the swapper as `user` on h1, swapping `real` (a directory) and a symlink to `target`.
fn start_swapper(t: &Robot, user: &str, group: &str, real: &str, target: &str, secs: u32) {
    t.sh("h1", &format!("cat > /tmp/hsadmin-robot-swap.py <<'PY'\n{SWAPPER}PY\nchmod 644 /tmp/hsadmin-robot-swap.py"));
    let link = format!("{real}.swap");
    t.sh("h1", &format!("rm -f /tmp/hsadmin-robot-swaps && setpriv --reuid={user} --regid={group} --init-groups ln -sfn {target} {link}"));
    // Detached from the ssh session (which would otherwise wait for it): the swapping runs while the test goes on.
    t.sh(
        "h1",
        &format!(
            "(setpriv --reuid={user} --regid={group} --init-groups python3 /tmp/hsadmin-robot-swap.py {real} {link} {secs} \
             > /tmp/hsadmin-robot-swaps.part 2>&1; mv /tmp/hsadmin-robot-swaps.part /tmp/hsadmin-robot-swaps) > /dev/null 2>&1 < /dev/null &"
        ),
    );
    assert_eq!(t.sh("h1", "test -e /tmp/hsadmin-robot-swaps && echo done || echo running").trim(), "running", "the swapper must run in the background");
}

/// Waits for the swapper to end and returns how many swaps it made.
fn swaps(t: &Robot) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(30);
    while t.sh("h1", "test -s /tmp/hsadmin-robot-swaps && echo done || echo running").trim() != "done" {
        assert!(Instant::now() < deadline, "the swapper does not end");
        std::thread::sleep(Duration::from_millis(200));
    }
    let out = t.sh("h1", "cat /tmp/hsadmin-robot-swaps");
    out.trim().parse().unwrap_or_else(|_| panic!("the swapper failed: {out}"))
}

// ---------------------------------------------------------------------------------------------
// 1. Symlink races
// ---------------------------------------------------------------------------------------------

/// Before: `ensure_dir` checked only the last component with `[ -L ]` and then ran chown/chmod as root on
/// the whole path; on the old build the second apply left `/etc` owned by xyz00-web (mode 700 after the next).
/// Shell text that kills every process of `uid` and waits (up to 5 s) until they are gone, so that a
/// `userdel` after it does not find one still exiting.
fn killed(uid: &str) -> String {
    format!("pkill -KILL -u {uid}; for i in $(seq 100); do pgrep -u {uid} > /dev/null || break; sleep 0.05; done")
}

#[test]
fn a_domain_admin_swapping_subs_for_a_symlink_to_root_never_gets_etc() {
    let t = Robot::new();
    t.set_up_xyz00();
    t.ok(&["domain", "update", "example.org", "--add-subdomain", "etc"]);
    let subs = "/home/pacs/xyz00/users/web/doms/example.org/subs";
    let before = sensitive(&t);
    start_swapper(&t, "xyz00-web", "xyz00", subs, "/", 8);
    let started = Instant::now();
    let mut applies = 0;
    // At least 7 s and at least 10 applies, however busy the machine: the race must really run.
    while started.elapsed() < Duration::from_secs(7) || applies < 10 {
        // As the domain admin: make the directory need a repair (fails harmlessly while subs is the link).
        t.hosts.ssh("h1", &format!("setpriv --reuid=xyz00-web --regid=xyz00 --init-groups chmod 700 {subs}/etc"));
        let r = t.run(&["--json", "apply"]);
        assert!(r.code == 0 || r.code == 3, "apply: {} {}", r.stdout, r.stderr);
        applies += 1;
    }
    let n = swaps(&t);
    eprintln!("{n} swaps during {applies} applies");
    assert!(n > 5000 && applies >= 10, "the race must really run: {n} swaps, {applies} applies");
    assert_eq!(sensitive(&t), before, "root changed owner or mode outside the user's tree");
    // With the swapper gone the tree converges.
    t.sh("h1", &format!("rm -f {subs}.swap"));
    t.ok(&["apply"]);
    assert_eq!(t.stat("h1", &format!("{subs}/etc")), "xyz00-web xyz00 755 directory");
    t.assert_in_line("after the race");
}

/// Before: new users' homes were made by `ensure_dir` through `users/`, which the package admin owns; on
/// the old build three of 44 homes were made (and chowned) in `/etc`.
#[test]
fn a_package_admin_swapping_users_while_users_are_added_never_gets_etc() {
    let t = Robot::new();
    t.set_up_xyz00();
    let users = "/home/pacs/xyz00/users";
    t.ok(&["package", "update", "xyz00", "--users", "200"]);
    let before = sensitive(&t);
    start_swapper(&t, "xyz00", "xyz00", users, "/etc", 8);
    let started = Instant::now();
    let mut added = 0;
    // At least 7 s and at least 8 users, however busy the machine.
    while started.elapsed() < Duration::from_secs(7) || added < 8 {
        let name = format!("xyz00-u{added}");
        let r = t.run(&["--json", "user", "add", &name]);
        assert!(r.code == 0 || r.code == 3, "user add {name}: {} {}", r.stdout, r.stderr);
        added += 1;
    }
    let n = swaps(&t);
    eprintln!("{n} swaps while {added} users were added");
    assert!(n > 5000 && added >= 8, "the race must really run: {n} swaps, {added} users added");
    assert_eq!(sensitive(&t), before, "root changed owner or mode outside the package's tree");
    let etc_entries = t.sh("h1", "find /etc -maxdepth 1 -name 'u[0-9]*' | wc -l");
    assert_eq!(etc_entries.trim(), "0", "no home may have been made in /etc");
    t.sh("h1", &format!("rm -f {users}.swap"));
    t.ok(&["apply"]);
    for i in 0..added {
        assert_eq!(t.stat("h1", &format!("{users}/u{i}")), format!("xyz00-u{i} xyz00 751 directory"));
    }
    t.assert_in_line("after the race");
}

// ---------------------------------------------------------------------------------------------
// 2. One tenant's broken tree fails that tenant only
// ---------------------------------------------------------------------------------------------

fn second_member(t: &Robot) {
    t.env.ok(&["member", "add", "--number", "10002", "--prefix", "abc", "--name", "Max Muster", "--email", "max@example.org", "--since", "2026-01-01"]);
    t.ok(&["package", "create", "abc00", "--member", "10002", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    t.ok(&["user", "add", "abc00-web"]);
}

/// The failed units of a result document, as "unit role" pairs.
fn failed_units(r: &Value) -> Vec<String> {
    let failed = r["failed"].as_array().unwrap_or_else(|| panic!("no `failed` list in the result: {r}"));
    failed.iter().map(|f| format!("{} {}", f["unit"].as_str().unwrap_or("?"), f["role"].as_str().unwrap_or("?"))).collect()
}

/// Before: the script ran with `set -e` as a whole, so the first failing step stopped the server's apply.
#[test]
fn a_symlink_or_file_for_htdocs_fails_only_its_package() {
    let t = Robot::new();
    t.set_up_xyz00();
    second_member(&t);
    for (kind, sabotage) in
        [("a symlink", format!("rm -rf {HTDOCS} && ln -s /tmp {HTDOCS}")), ("a plain file", format!("rm -rf {HTDOCS} && echo x > {HTDOCS}"))]
    {
        t.sh("h1", &format!("setpriv --reuid=xyz00-web --regid=xyz00 --init-groups sh -c '{sabotage}'"));
        let tmp = t.stat("h1", "/tmp");
        let r = t.expect(&["cron", "add", "--user", "abc00-web", "--schedule", "* * * * *", "--command", &format!("echo {kind}")], 3);
        assert!(r.stderr.contains("xyz00") && r.stderr.contains("failed"), "stderr must name the failed package: {}", r.stderr);
        let crontab = t.crontab("h1", "abc00-web").unwrap_or_else(|| panic!("with {kind} in xyz00, abc00-web's crontab must still be installed"));
        assert!(crontab.contains(&format!("echo {kind}")), "{crontab}");
        let applied = t.expect(&["apply"], 3).json();
        let h1 = result(&applied, "h1");
        assert_eq!(h1["outcome"], "failed", "{h1}");
        assert_eq!(failed_units(h1), ["xyz00 web"], "only xyz00 fails: {h1}");
        assert!(h1["failed"][0]["error"].as_str().unwrap().contains("htdocs"), "the reason names htdocs: {h1}");
        assert_eq!(t.stat("h1", "/tmp"), tmp, "/tmp must not be touched through the symlink");
        assert_eq!(t.json(&["server", "show", "h1"])["state"]["pending"], true);
        t.sh("h1", &format!("rm -rf {HTDOCS}"));
        t.ok(&["apply"]);
        assert_eq!(t.stat("h1", HTDOCS), "xyz00-web xyz00 755 directory", "repaired once the sabotage is gone");
    }
    t.assert_in_line("after both sabotages");
}

// ---------------------------------------------------------------------------------------------
// 3. Accounts hsadmin did not create stay, with their processes
// ---------------------------------------------------------------------------------------------

/// Before: every account in the uid range that the ledger did not know was removed and its processes killed.
#[test]
fn a_local_account_in_the_uid_range_is_left_alone() {
    let t = Robot::new();
    t.set_up_xyz00();
    t.sh("h1", "useradd -M -u 100500 foreign && (setsid setpriv --reuid=100500 --regid=100500 --clear-groups sleep 600 < /dev/null > /dev/null 2>&1 &)");
    let plan = t.expect(&["plan", "--detailed-exitcode"], 0).json();
    let warnings = result(&plan, "h1")["warnings"].to_string();
    assert!(warnings.contains("foreign") && warnings.contains("left alone"), "the plan must say it leaves foreign alone: {warnings}");
    let r = t.ok(&["--json", "cron", "add", "--user", "xyz00-web", "--schedule", "* * * * *", "--command", "true"]);
    assert!(!r.stderr.contains("Removed"), "nothing may be removed: {}", r.stderr);
    assert!(t.getent("h1", "passwd", "foreign").is_some(), "the local account must stay");
    assert_eq!(t.sh("h1", "pgrep -u 100500 -x sleep | wc -l").trim(), "1", "its process must live on");
    t.sh("h1", &format!("{}; userdel foreign", killed("100500")));
}

// ---------------------------------------------------------------------------------------------
// 4. Facts cannot be forged
// ---------------------------------------------------------------------------------------------

/// Before: facts were lines of `|`-separated fields; a file name with newlines in sites-enabled became an
/// `account` line, and apply removed the system account `victim` (uid 500) and killed its processes.
#[test]
fn file_names_with_newlines_cannot_forge_accounts() {
    let t = Robot::new();
    t.set_up_xyz00();
    t.sh("h1", "useradd -M -u 500 victim && (setsid setpriv --reuid=500 --regid=500 --clear-groups sleep 600 < /dev/null > /dev/null 2>&1 &)");
    for who in ["victim|100999|100999", "root|100998|100998"] {
        t.sh("h1", &format!("touch \"$(printf '/etc/apache2/sites-enabled/hsadmin-a\\naccount|{who}|x|y|\\nb.conf')\""));
    }
    let plan = t.run(&["--json", "plan"]).json();
    let actions = result(&plan, "h1")["actions"].to_string();
    assert!(!actions.contains("victim") && !actions.contains("\"root\""), "no action may target victim or root: {actions}");
    let applied = t.run(&["--json", "apply"]);
    assert!(!applied.stdout.contains("remove_user"), "{}", applied.stdout);
    assert!(t.getent("h1", "passwd", "victim").is_some() && t.getent("h1", "passwd", "root").is_some());
    assert_eq!(t.sh("h1", "pgrep -u 500 -x sleep | wc -l").trim(), "1", "victim's process must live on");
    t.sh("h1", &format!("rm -f /etc/apache2/sites-enabled/hsadmin-a*; {}; userdel victim", killed("500")));
}

// ---------------------------------------------------------------------------------------------
// 5. Huge data, and timeouts that leave nothing running
// ---------------------------------------------------------------------------------------------

/// Before: the facts `awk` streamed every crontab; a 300 MB one made plan and apply time out for the
/// whole server, and the remote awk kept running.
#[test]
fn a_huge_crontab_is_replaced_unread_and_a_timed_out_script_is_killed() {
    let t = Robot::with_config("command_timeout_secs = 30\n");
    t.set_up_xyz00();
    t.sh("h1", "head -c 300000000 /dev/zero | tr '\\0' '#' | fold -w 1000000 > /tmp/hsadmin-robot-big && crontab -u xyz00-web /tmp/hsadmin-robot-big && rm /tmp/hsadmin-robot-big");
    assert!(t.sh("h1", "stat -c %s /var/spool/cron/crontabs/xyz00-web").trim().parse::<u64>().unwrap() > 299_000_000);
    let started = Instant::now();
    let plan = t.run(&["--json", "plan"]);
    assert!(started.elapsed() < Duration::from_secs(20), "plan took {:?}", started.elapsed());
    let h1 = result(&plan.json(), "h1").clone();
    assert_eq!(actions(&h1), ["install_crontab xyz00-web"], "{h1}");
    assert!(h1["warnings"].to_string().contains("above the cap"), "{h1}");
    t.ok(&["apply"]);
    assert!(t.crontab("h1", "xyz00-web").unwrap().contains(JOB), "the rendered crontab is back");
    assert!(t.sh("h1", "stat -c %s /var/spool/cron/crontabs/xyz00-web").trim().parse::<u64>().unwrap() < 10_000);

    // A script that runs into the command timeout is killed with its process group, on the server.
    t.hosts.config(&t.env, true, "command_timeout_secs = 3\n");
    t.sh("h1", "(setsid flock /run/hsadmin-apply.lock sleep 60 < /dev/null > /dev/null 2>&1 &)");
    let r = t.run(&["--json", "user", "add", "xyz00-late"]);
    t.hosts.config(&t.env, true, "command_timeout_secs = 30\n");
    assert_eq!(r.code, 3, "{} {}", r.stdout, r.stderr);
    assert!(r.stderr.contains("timed out"), "{}", r.stderr);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(t.sh("h1", "pgrep -fx '/bin/sh -s' | wc -l").trim(), "0", "the timed-out script must not run on");
    assert_eq!(t.sh("h1", "pgrep -x flock | wc -l").trim(), "1", "only the lock holder is left");
    t.sh("h1", "pkill -x sleep; pkill -x flock; true");
    t.ok(&["apply"]);
    assert!(t.getent("h1", "passwd", "xyz00-late").is_some());
}

// ---------------------------------------------------------------------------------------------
// 6. Long domain names
// ---------------------------------------------------------------------------------------------

/// Before: `hsadmin-<253 characters>.conf` is 266 bytes; writing it failed every apply on the server.
#[test]
fn a_253_character_domain_gets_a_vhost_file_name_that_fits() {
    let t = Robot::new();
    t.set_up_xyz00();
    let long = format!("{}.{}.{}.{}.org", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(57));
    assert_eq!(long.len(), 253);
    t.ok(&["domain", "add", &long, "--package", "xyz00", "--user", "xyz00-web"]);
    let names = t.sh("h1", "ls /etc/apache2/sites-available");
    assert!(names.lines().all(|n| n.len() <= 255), "{names}");
    assert!(t.sh("h1", "apache2ctl -S 2>&1").contains(&long), "apache2ctl -S must list the long domain");
    t.ok(&["domain", "add", "example.net", "--package", "xyz00", "--user", "xyz00-web"]);
    t.sh("h1", "printf net > /home/pacs/xyz00/users/web/doms/example.net/htdocs/index.html");
    assert_eq!(t.curl("h1", "example.net"), "net", "a later domain still applies and is served");
    t.assert_in_line("after the long domain");
}

// ---------------------------------------------------------------------------------------------
// 7. Cron's % rules
// ---------------------------------------------------------------------------------------------

/// Before: `\%` was rendered `\\%`, and cron cut the command at the `%`.
#[test]
fn a_backslash_before_percent_is_refused_and_percent_jobs_really_run() {
    let t = Robot::new();
    t.set_up_xyz00();
    let before = t.env.dump();
    let r = t.expect(&["cron", "add", "--user", "xyz00-web", "--schedule", "* * * * *", "--command", "printf \"a\\%b\" > ~/pct"], 2);
    assert_eq!(r.json()["error"]["field"], "command");
    assert_eq!(t.env.dump(), before, "refused: the ledger is as it was");
    // A job with plain % runs under cron as typed and leaves a file owned by its user.
    t.ok(&["cron", "add", "--user", "xyz00-web", "--schedule", "* * * * *", "--command", "date +%Y-%m-%d > ~/cron-ran"]);
    let file = "/home/pacs/xyz00/users/web/cron-ran";
    let deadline = Instant::now() + Duration::from_secs(75);
    while t.sh("h1", &format!("test -s {file} && echo yes || echo no")).trim() != "yes" {
        assert!(Instant::now() < deadline, "cron did not run the job within 75 s");
        std::thread::sleep(Duration::from_secs(2));
    }
    assert_eq!(t.sh("h1", &format!("stat -c '%U %G' {file}")).trim(), "xyz00-web xyz00");
    assert_eq!(t.sh("h1", &format!("cat {file}")), t.sh("h1", "date +%Y-%m-%d"), "the command ran as typed, % and all");
}

// ---------------------------------------------------------------------------------------------
// 8. Escape sequences from the server
// ---------------------------------------------------------------------------------------------

/// Before: `plan` printed the file name raw, so the terminal took the sequences.
#[test]
fn escape_sequences_in_server_file_names_never_reach_the_terminal() {
    let t = Robot::new();
    t.set_up_xyz00();
    t.sh("h1", "touch \"$(printf '/etc/apache2/sites-available/hsadmin-\\033]0;pwned\\007\\033[2J.conf')\"");
    for args in [&["plan"][..], &["apply"]] {
        let r = t.run(args);
        assert!(r.code == 0 || r.code == 3, "{args:?}: {}", r.stderr);
        for (what, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{args:?} {what} holds a raw escape sequence: {text:?}");
        }
        assert!(r.stderr.contains("\\u{1b}"), "the name is shown escaped: {}", r.stderr);
    }
    t.sh("h1", "rm -f /etc/apache2/sites-available/hsadmin-*pwned*");
}

// ---------------------------------------------------------------------------------------------
// 9. The server lock
// ---------------------------------------------------------------------------------------------

/// Before: only the admin host's lock existed; a leftover script or a second admin host interleaved.
#[test]
fn an_apply_waits_for_the_server_lock() {
    let t = Robot::new();
    t.set_up_xyz00();
    t.sh("h1", "(setsid flock /run/hsadmin-apply.lock sleep 5 < /dev/null > /dev/null 2>&1 &)");
    let started = Instant::now();
    std::thread::scope(|s| {
        let add = s.spawn(|| t.run(&["--json", "user", "add", "xyz00-waits"]));
        std::thread::sleep(Duration::from_secs(2));
        assert_eq!(t.getent("h1", "passwd", "xyz00-waits"), None, "nothing may change while another apply holds the lock");
        let r = add.join().unwrap();
        assert_eq!(r.code, 0, "{} {}", r.stdout, r.stderr);
    });
    assert!(started.elapsed() >= Duration::from_secs(4), "the apply must have waited for the lock");
    assert!(t.getent("h1", "passwd", "xyz00-waits").is_some());
}
