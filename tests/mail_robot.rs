//! The mail role end to end (issue 14) on the real test servers: h1 gets the `mail` role, and what the
//! ledger says is judged by Postfix and Dovecot themselves — messages sent with Python's smtplib to
//! 127.0.0.11:25 land in the mailbox user's Maildir and are fetched over IMAP (STARTTLS) with the user's
//! password; the catch-all and an alias deliver to every target; the user's own `.procmailrc` files a
//! message into a folder; an unknown recipient is refused with 550 at SMTP time, and so is a removed
//! address after its apply. A hand-edited table is drift that `plan` shows and `apply` repairs, and a
//! configuration the checks refuse — a Dovecot file, or a `main.cf` setting of the role's own steps — never
//! goes live: the staged copies fail the check, no live file is touched, and mail keeps flowing. A
//! customer's include file is copied only when it passes (symlinks, foreign owners refused), lists reach
//! their subscribers only, and an inbound mail server (the MX) relays to the package's server.
mod common;
use common::robot::*;
use std::process::Command;

const SMTP_PY: &str = r#"import smtplib, sys
to, sender = sys.argv[2], sys.argv[4]
msg = "From: %s\r\nTo: %s\r\nSubject: %s\r\n\r\nbody for %s\r\n" % (sender, to, sys.argv[3], to)
# From 127.0.0.1, outside every host's mynetworks (its own address): a client from the internet.
s = smtplib.SMTP(sys.argv[1], 25, timeout=15, source_address=("127.0.0.1", 0))
try:
    s.sendmail(sender, [to], msg)
    print(250)
except smtplib.SMTPRecipientsRefused as e:
    print(list(e.recipients.values())[0][0])
s.quit()
"#;

const IMAP_PY: &str = r#"import imaplib, ssl, sys
c = imaplib.IMAP4(sys.argv[1], 143)
c.starttls(ssl_context=ssl._create_unverified_context())
c.login(sys.argv[2], sys.stdin.readline().rstrip("\n"))
c.select("INBOX")
typ, data = c.search(None, "ALL")
for n in data[0].split():
    typ, m = c.fetch(n, "(BODY[HEADER.FIELDS (SUBJECT)])")
    print(m[0][1].decode().strip())
c.logout()
"#;

/// Sends one message from this machine; the SMTP code for the recipient (250 accepted).
fn send(to: &str, subject: &str) -> u16 {
    send_from("robot@example.net", to, subject)
}

fn send_from(sender: &str, to: &str, subject: &str) -> u16 {
    send_via("127.0.0.11", sender, to, subject)
}

fn send_via(host: &str, sender: &str, to: &str, subject: &str) -> u16 {
    let out = Command::new("python3").args(["-c", SMTP_PY, host, to, subject, sender]).output().unwrap();
    assert!(out.status.success(), "smtplib: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Waits until a message with `subject` is in one of the Maildir directories below `dir` on h1.
fn delivered(t: &Robot, dir: &str, subject: &str) -> bool {
    let script = format!("for i in $(seq 100); do grep -rlq 'Subject: {subject}' {dir} 2>/dev/null && exit 0; sleep 0.1; done; exit 1");
    t.hosts.ssh("h1", &script).status.success()
}

fn mail_world() -> Robot {
    mail_world_with("")
}

fn mail_world_with(config: &str) -> Robot {
    let t = Robot::with_config(config);
    t.ok(&["server", "update", "h1", "--role", "web,mail"]);
    t.set_up_xyz00();
    t.ok(&["domain", "add", "shop.org", "--package", "xyz00"]);
    t
}

const WEB_MAILDIR: &str = "/home/pacs/xyz00/users/web/Maildir";
const ADMIN_MAILDIR: &str = "/home/pacs/xyz00/Maildir";

#[test]
fn mail_to_addresses_catch_all_and_aliases_lands_in_maildirs_and_imap_shows_it() {
    let t = mail_world();
    t.ok(&["mail", "address", "add", "info@example.org", "--target", "xyz00-web"]);
    t.ok(&["mail", "address", "add", "@example.org", "--target", "xyz00"]);
    t.ok(&["mail", "address", "add", "sales@shop.org", "--target", "xyz00-web,xyz00"]);
    t.ok(&["mail", "alias", "add", "xyz00-team", "--target", "xyz00,xyz00-web"]);
    t.assert_in_line("after the mail commands applied");
    assert_eq!(t.sh("h1", "postconf -h virtual_alias_maps").trim(), "hash:/etc/postfix/hsadmin-virtual");

    assert_eq!(send("info@example.org", "to-info"), 250);
    assert!(delivered(&t, WEB_MAILDIR, "to-info"), "info@ lands in xyz00-web's Maildir");
    assert_eq!(t.stat("h1", &format!("{WEB_MAILDIR}/new")), "xyz00-web xyz00 700 directory");
    assert_eq!(send("whoever@example.org", "to-catch-all"), 250);
    assert!(delivered(&t, ADMIN_MAILDIR, "to-catch-all"), "the catch-all lands in xyz00's Maildir");
    assert_eq!(send("sales@shop.org", "to-sales"), 250);
    assert!(delivered(&t, WEB_MAILDIR, "to-sales") && delivered(&t, ADMIN_MAILDIR, "to-sales"), "both targets get it");
    assert_eq!(send("xyz00-team@h1.test", "to-team"), 250);
    assert!(delivered(&t, WEB_MAILDIR, "to-team") && delivered(&t, ADMIN_MAILDIR, "to-team"), "the alias delivers to both");
    // Unknown at a mail domain without a catch-all: refused at SMTP time.
    assert_eq!(send("nobody-here@shop.org", "unknown"), 550);

    // IMAP with the user's password (STARTTLS; the password on stdin).
    let mut imap = Command::new("python3")
        .args(["-c", IMAP_PY, "127.0.0.11", "xyz00-web"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(imap.stdin.as_mut().unwrap(), format!("{PASSWORD}\n").as_bytes()).unwrap();
    let out = imap.wait_with_output().unwrap();
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "imap: {}", String::from_utf8_lossy(&out.stderr));
    for s in ["Subject: to-info", "Subject: to-sales", "Subject: to-team"] {
        assert!(seen.contains(s), "{s} over IMAP: {seen}");
    }

    // The user's own procmail rule files a message into a folder, running as the user.
    t.sh("h1", "cd /home/pacs/xyz00/users/web && setpriv --reuid=xyz00-web --regid=xyz00 --init-groups sh -c 'printf \":0\\n* ^Subject: filed-\\n.Filed/\\n\" > .procmailrc'");
    assert_eq!(send("info@example.org", "filed-by-rule"), 250);
    assert!(delivered(&t, &format!("{WEB_MAILDIR}/.Filed"), "filed-by-rule"), "the .procmailrc rule filed it");
    assert_eq!(t.stat("h1", &format!("{WEB_MAILDIR}/.Filed")), "xyz00-web xyz00 700 directory");

    // Removing an address stops delivery after its apply.
    t.ok(&["mail", "address", "remove", "sales@shop.org", "--yes"]);
    assert_eq!(send("sales@shop.org", "after-removal"), 550);
}

#[test]
fn a_hand_edited_table_is_drift_and_a_configuration_the_checks_refuse_never_goes_live() {
    let t = mail_world();
    t.ok(&["mail", "address", "add", "info@example.org", "--target", "xyz00-web"]);
    t.sh("h1", "echo 'evil@example.org root@localhost' >> /etc/postfix/hsadmin-virtual && postmap hash:/etc/postfix/hsadmin-virtual");
    let (code, actions) = t.plan();
    assert_eq!(code, 3, "{actions:?}");
    assert!(actions.contains(&"h1 write_file /etc/postfix/hsadmin-virtual".to_owned()), "{actions:?}");
    t.ok(&["apply"]);
    t.assert_in_line("after apply repaired the table");
    assert!(!t.sh("h1", "cat /etc/postfix/hsadmin-virtual").contains("evil"));

    // A configuration the checks refuse (a Dovecot file that does not parse): the apply fails on the staged
    // copies, so not one live file was touched (same inode, same ctime), nothing reloads, and Postfix keeps
    // delivering with the last good tables.
    const LIVE: &str = "/etc/postfix/hsadmin-virtual /etc/postfix/hsadmin-virtual.db /etc/postfix/main.cf /etc/postfix/master.cf";
    let live = format!("sha256sum {LIVE} && stat -c '%n %i %Z' {LIVE} /etc/dovecot/conf.d/90-hsadmin.conf");
    let before = t.sh("h1", &live);
    t.sh("h1", "printf 'this is not dovecot syntax {{\n' > /etc/dovecot/conf.d/91-robot-broken.conf");
    let r = t.run(&["--json", "mail", "address", "add", "sales@example.org", "--target", "xyz00"]);
    assert_eq!(r.code, 3, "the apply fails on h1: {}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("doveconf") || r.stderr.contains("doveconf"), "{}{}", r.stdout, r.stderr);
    assert_eq!(t.sh("h1", &live), before, "no live file was touched");
    assert_eq!(t.sh("h1", "ls /etc/postfix /etc/dovecot/conf.d | grep hsadmin-new || true"), "", "no staging files left");
    assert_eq!(send("info@example.org", "still-flowing"), 250);
    assert!(delivered(&t, WEB_MAILDIR, "still-flowing"), "mail keeps flowing");
    assert_eq!(send("sales@example.org", "not-yet"), 550, "the new address is not live");
    // Repaired by hand, the next apply goes through.
    t.sh("h1", "rm /etc/dovecot/conf.d/91-robot-broken.conf");
    t.ok(&["apply"]);
    t.assert_in_line("after the Dovecot file was removed");
    assert_eq!(send("sales@example.org", "after-repair"), 250);
    assert!(delivered(&t, ADMIN_MAILDIR, "after-repair"));
}

#[test]
fn a_list_post_from_a_subscriber_reaches_every_subscriber_and_one_from_a_stranger_does_not() {
    let t = mail_world();
    t.ok(&["mail", "address", "add", "info@example.org", "--target", "xyz00-web"]);
    t.ok(&["mail", "list", "add", "news@example.org", "--owner", "info@example.org"]);
    t.ok(&["mail", "list", "subscribe", "news@example.org", "xyz00-web@h1.test"]);
    t.ok(&["mail", "list", "subscribe", "news@example.org", "xyz00@h1.test"]);
    t.assert_in_line("after the list commands applied");
    assert_eq!(t.sh("h1", "cat '/var/spool/mlmmj/news=example.org/control/listaddress'"), "news@example.org\n");
    assert_eq!(send_from("xyz00-web@h1.test", "news@example.org", "list-post"), 250);
    assert!(delivered(&t, WEB_MAILDIR, "list-post") && delivered(&t, ADMIN_MAILDIR, "list-post"), "every subscriber gets the post");
    // A stranger's post is taken at SMTP time and then refused by mlmmj (subscribers only): mlmmj answers
    // the stranger, and no subscriber gets the post.
    assert_eq!(send_from("stranger@example.net", "news@example.org", "stranger-post"), 250);
    let answered = t.hosts.ssh("h1", "for i in $(seq 100); do postqueue -p | grep -q stranger@example.net && exit 0; sleep 0.1; done; exit 1");
    assert!(answered.status.success(), "mlmmj answers the stranger: {}", t.sh("h1", "postqueue -p; ls -R '/var/spool/mlmmj/news=example.org/queue' | head"));
    let seen = t.sh("h1", "grep -rl 'Subject: .*stranger-post' /home/pacs/xyz00/Maildir /home/pacs/xyz00/users/web/Maildir || true");
    assert_eq!(seen, "", "no subscriber gets a stranger's post");
    // Unsubscribing takes effect with its apply; removing the list removes its directory.
    t.ok(&["mail", "list", "unsubscribe", "news@example.org", "xyz00@h1.test"]);
    assert_eq!(t.sh("h1", "cat '/var/spool/mlmmj/news=example.org/subscribers.d/'*"), "xyz00-web@h1.test\n");
    t.ok(&["mail", "list", "remove", "news@example.org", "--yes"]);
    assert_eq!(t.sh("h1", "ls /var/spool/mlmmj"), "");
    assert_eq!(send("news@example.org", "after-removal"), 550);
}

#[test]
fn an_alias_command_runs_as_the_package_admin() {
    let t = mail_world();
    t.ok(&["mail", "alias", "add", "xyz00-bot", "--target", "|/usr/bin/tee /home/pacs/xyz00/bot.out", "--target", "xyz00-web"]);
    t.assert_in_line("after the alias applied");
    assert_eq!(t.stat("h1", "/etc/postfix/hsadmin-include/xyz00-bot"), "xyz00 xyz00 644 regular file");
    assert_eq!(send("xyz00-bot@h1.test", "to-the-bot"), 250);
    let ran =
        t.hosts.ssh("h1", "for i in $(seq 100); do grep -q 'Subject: to-the-bot' /home/pacs/xyz00/bot.out 2>/dev/null && exit 0; sleep 0.1; done; exit 1");
    assert!(ran.status.success(), "the command got the message");
    assert_eq!(t.stat("h1", "/home/pacs/xyz00/bot.out"), "xyz00 xyz00 600 regular file", "written by the package admin, not root or nobody");
    assert!(delivered(&t, WEB_MAILDIR, "to-the-bot"), "the other target gets it too");
    // The alias gone, its include file goes with it.
    t.ok(&["mail", "alias", "remove", "xyz00-bot", "--yes"]);
    assert_eq!(t.sh("h1", "ls /etc/postfix/hsadmin-include"), "");
}

/// The warnings `plan` gives for h1.
fn plan_warnings(t: &Robot) -> String {
    result(&t.json(&["plan"]), "h1")["warnings"].to_string()
}

#[test]
fn a_customers_include_file_is_copied_checked_and_never_followed_through_a_symlink() {
    let t = mail_world();
    const TEAM: &str = "/home/pacs/xyz00/users/web/team";
    const COPY: &str = "/etc/postfix/hsadmin-include/xyz00-team+1";
    // xyz00-web's own list: a mailbox, a command, and two lines the rules refuse.
    let write = |lines: &str| {
        let script = format!("printf '{lines}' > {TEAM} && chmod 644 {TEAM}");
        t.sh("h1", &format!("setpriv --reuid=xyz00-web --regid=xyz00 --init-groups sh -c \"$(printf '%s' '{}')\"", script.replace('\'', "'\\''")));
    };
    write("# the team\\nxyz00\\n\"|/usr/bin/tee /home/pacs/xyz00/users/web/team.out\"\\n/etc/passwd\\n:include:/etc/shadow\\n");
    t.ok(&["mail", "alias", "add", "xyz00-team", "--target", &format!(":include:{TEAM}")]);
    let warnings = plan_warnings(&t);
    assert!(warnings.contains("line 4") && warnings.contains("line 5") && warnings.contains("includes another file"), "{warnings}");
    t.assert_in_line("after the alias applied");
    assert_eq!(t.stat("h1", COPY), "xyz00-web xyz00 644 regular file", "the copy belongs to the file's owner");
    let copy = t.sh("h1", &format!("cat {COPY}"));
    assert!(copy.contains("\nxyz00\n") && copy.contains("\"|/usr/bin/tee /home/pacs/xyz00/users/web/team.out\""), "{copy}");
    assert!(!copy.contains("passwd") && !copy.contains("shadow"), "the refused lines stay out: {copy}");
    assert_eq!(send("xyz00-team@h1.test", "to-the-team"), 250);
    assert!(delivered(&t, ADMIN_MAILDIR, "to-the-team"), "the mailbox in the file gets it");
    let ran = t
        .hosts
        .ssh("h1", "for i in $(seq 100); do grep -q 'Subject: to-the-team' /home/pacs/xyz00/users/web/team.out 2>/dev/null && exit 0; sleep 0.1; done; exit 1");
    assert!(ran.status.success(), "the command in the file got the message");
    assert_eq!(t.stat("h1", "/home/pacs/xyz00/users/web/team.out"), "xyz00-web xyz00 600 regular file", "run as the file's owner");

    // An edit is drift until apply copies it.
    write("xyz00\\nxyz00-web\\n");
    let (_, actions) = t.plan();
    assert_eq!(actions, ["h1 write_include xyz00-team+1", "h1 reload"]);
    t.ok(&["apply"]);
    assert_eq!(t.sh("h1", &format!("grep -c xyz00 {COPY}")).trim(), "2");

    // Swapped for a symlink to root's file, a directory on the way swapped for one, or handed to someone
    // outside the package: never read through, the last good copy stays.
    let before = t.sh("h1", &format!("sha256sum {COPY}"));
    for (attack, why) in [
        (format!("rm {TEAM} && ln -s /etc/aliases {TEAM}"), "symbolic link"),
        (
            format!(
                "rm {TEAM} && mkdir -p /tmp/elsewhere && printf 'xyz00\\n' > /tmp/elsewhere/team && mv /home/pacs/xyz00/users/web /home/pacs/xyz00/users/web.real && ln -s /tmp/elsewhere /home/pacs/xyz00/users/web"
            ),
            "a directory on the way",
        ),
        (
            format!(
                "rm -f /home/pacs/xyz00/users/web && mv /home/pacs/xyz00/users/web.real /home/pacs/xyz00/users/web && printf 'xyz00\\n' > {TEAM} && chmod 644 {TEAM} && chown nobody {TEAM}"
            ),
            "no user of package xyz00",
        ),
    ] {
        t.sh("h1", &attack);
        let warnings = plan_warnings(&t);
        assert!(warnings.contains(why) && warnings.contains("stays as it was"), "{why}: {warnings}");
        let mail = t.json(&["plan", "--role", "mail"]);
        assert_eq!(result(&mail, "h1")["actions"], serde_json::json!([]), "{why}: nothing to change for mail");
        assert_eq!(t.sh("h1", &format!("sha256sum {COPY}")), before, "{why}: the copy is untouched");
    }
    // The alias gone, its copy goes with it.
    t.ok(&["mail", "alias", "remove", "xyz00-team", "--yes"]);
    assert_eq!(t.sh("h1", "ls /etc/postfix/hsadmin-include"), "");
}

#[test]
fn an_inbound_mail_server_relays_each_domain_to_its_package_server_and_refuses_unknown_recipients() {
    let t = mail_world_with("[mail]\ninbound = [\"h3\"]\n");
    t.ok(&["server", "update", "h3", "--role", "web,mail"]);
    t.ok(&["apply"]);
    // A mail command applies on the package's server and on the inbound one.
    t.ok(&["mail", "address", "add", "info@example.org", "--target", "xyz00-web"]);
    t.ok(&["mail", "list", "add", "news@example.org", "--owner", "info@example.org"]);
    t.assert_in_line("after the inbound server was set up");
    assert_eq!(t.sh("h3", "postmap -q example.org hash:/etc/postfix/hsadmin-transport"), "smtp:[127.0.0.11]:25\n");
    assert_eq!(t.sh("h1", "cat /etc/postfix/hsadmin-relay-domains | grep -vc '^#' || true"), "0\n", "h1 relays nothing");
    // Sent to h3, the MX: relayed to h1 and delivered there; unknown recipients refused at h3 itself, and a
    // domain not hosted is no relay (Postfix's defer_unauth_destination: 454).
    assert_eq!(send_via("127.0.0.13", "robot@example.net", "info@example.org", "via-the-mx"), 250);
    assert!(delivered(&t, WEB_MAILDIR, "via-the-mx"), "relayed by h3 into h1's Maildir");
    assert_eq!(send_via("127.0.0.13", "robot@example.net", "nobody-here@example.org", "unknown"), 550);
    assert_eq!(send_via("127.0.0.13", "robot@example.net", "info@not-hosted.example", "not-ours"), 454, "no open relay");
    // An address removed: the MX refuses it after the apply.
    t.ok(&["mail", "address", "remove", "info@example.org", "--yes"]);
    assert_eq!(send_via("127.0.0.13", "robot@example.net", "info@example.org", "gone"), 550);
    assert_eq!(send_via("127.0.0.13", "robot@example.net", "news@example.org", "list-still-there"), 250, "the list stays");
}

/// Runs the mail role's own steps for `actions` on h1, as `apply` sends them; how the unit ended.
fn run_steps(t: &Robot, actions: Vec<hsadmin::remote::mail::Action>) -> hsadmin::remote::script::UnitEnd {
    let mut script = hsadmin::remote::script::ApplyScript::new(30);
    hsadmin::remote::mail::section("mail", &[("postfix".to_owned(), actions)], &mut script);
    let bytes = script.finish().bytes().to_vec();
    let mut child = Command::new("ssh")
        .arg("-F")
        .arg(t.hosts.state.join("ssh_config"))
        .args(["h1", "sh -s"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    let markers = hsadmin::remote::script::markers(&out.stdout);
    assert!(markers.done, "the script ran to its end: {}", String::from_utf8_lossy(&out.stdout));
    markers.ended[&("mail".to_owned(), "postfix".to_owned())].clone()
}

#[test]
fn a_main_cf_that_postfix_refuses_never_goes_live_and_mail_keeps_flowing() {
    use hsadmin::remote::mail::Action;
    let t = mail_world();
    t.ok(&["mail", "address", "add", "info@example.org", "--target", "xyz00-web"]);
    let live = "stat -c '%n %i %Z' /etc/postfix/main.cf /etc/postfix/master.cf && sha256sum /etc/postfix/main.cf && postconf -h mail_owner";
    let before = t.sh("h1", live);
    // A bad render: a setting `postfix check` refuses (the mail owner is no user), beside a good one.
    let set = |k: &str, v: &str| Action::SetMain { key: k.into(), value: v.into() };
    let end = run_steps(&t, vec![set("mail_owner", "no-such-user"), set("home_mailbox", "Mailbox"), Action::Reload]);
    assert_ne!(end.status, 0, "the unit fails");
    assert!(end.stderr.contains("none of it went live"), "{}", end.stderr);
    assert_eq!(t.sh("h1", live), before, "main.cf and master.cf untouched: same inode, same ctime, same content");
    assert_eq!(t.sh("h1", "postconf -h home_mailbox"), "Maildir/\n", "the good setting beside it waits too");
    assert_eq!(send("info@example.org", "after-a-bad-render"), 250);
    assert!(delivered(&t, WEB_MAILDIR, "after-a-bad-render"), "mail keeps flowing");
    t.assert_in_line("nothing changed");
}
