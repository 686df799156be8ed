//! Backup and restore end to end (issue 13) on the real test servers: h1 and h2 are web servers, h3 the
//! backup server holding their restic repositories. A package with odd file names (spaces, a newline, a
//! leading `-`, umlauts, pattern characters), modes, owners, a symlink, a crontab and a database of each
//! engine is backed up, changed, and restored byte for byte — compared by a manifest (path, owner, group,
//! mode, kind, size, mtime, SHA-256, link target) that Python computes on the server. Then: a single file,
//! a crontab and both databases restored; in place; symlinks planted by the package user never lead a
//! restore outside its target; a run killed halfway, then a good one; the backup server stopped; prune
//! after failed runs keeps the good snapshots.
mod common;
use common::robot::*;
use serde_json::Value;

const CONFIG: &str = "[backup]\nserver = \"h3\"\npath = \"/srv/backup\"\nkeep_daily = 15\nkeep_weekly = 8\nkeep_monthly = 12\n";

/// Every entry below a directory, as JSON: relative path, uid, gid, mode, kind, and for files size,
/// mtime and SHA-256, for links the target. Directories' mtimes are left out (a restore touches them).
const MANIFEST: &str = r#"import hashlib, json, os, stat, sys
root = sys.argv[1]
def entry(p):
    st = os.lstat(p)
    e = [os.path.relpath(p, root), st.st_uid, st.st_gid, oct(stat.S_IMODE(st.st_mode)), stat.S_IFMT(st.st_mode)]
    if stat.S_ISREG(st.st_mode):
        e += [st.st_size, int(st.st_mtime), hashlib.sha256(open(p, 'rb').read()).hexdigest()]
    elif stat.S_ISLNK(st.st_mode):
        e.append(os.readlink(p))
    return e
out = [entry(root)]
for d, dirs, files in os.walk(root):
    out += [entry(os.path.join(d, n)) for n in dirs + files]
print(json.dumps(sorted(out, key=lambda e: e[0])))
"#;

fn manifest(t: &Robot, host: &str, dir: &str) -> Value {
    let r = t.hosts.ssh_input(host, &format!("python3 - '{dir}'"), MANIFEST);
    assert_eq!(r.code, 0, "manifest of {dir}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// h1 and h2 web servers, h3 the backup server (pinned), the package xyz00 of set_up_xyz00.
fn backup_world() -> Robot {
    let t = Robot::with_config(CONFIG);
    t.ok(&["server", "update", "h3", "--role", "backup"]);
    let fingerprint = t.hosts.fingerprint(&address("h3"));
    t.ok(&["server", "trust", "h3", "--fingerprint", &fingerprint]);
    t.set_up_xyz00();
    t
}

/// Files with odd names and modes in xyz00's home, made by their owners.
const ODD_FILES: &str = r##"set -e
cd /home/pacs/xyz00
setpriv --reuid=xyz00 --regid=xyz00 --init-groups sh -c '
    mkdir -m 0750 "Ordner mit Umlauten äöü"
    printf "erste Zeile\n" > "Ordner mit Umlauten äöü/ä ö ü ß.txt"
    printf "dash" > ./-leading-dash
    printf "new\nline" > "$(printf "name with\nnewline")"
    printf "star" > "pattern*[chars]?"
    chmod 0600 "pattern*[chars]?"
    printf "#!/bin/sh\necho hi\n" > script.sh && chmod 0755 script.sh
    : > empty
    ln -s users/web/doms dom-link
    head -c 1048576 /dev/urandom > random.bin
'
cd users/web
setpriv --reuid=xyz00-web --regid=xyz00 --init-groups sh -c 'mkdir -m 0700 private && printf "secret of web" > private/"key file" && chmod 0400 private/"key file"'
"##;

fn snapshot_of(run: &Value) -> String {
    let s = run["snapshot"].as_str().unwrap_or_else(|| panic!("no snapshot in {run}")).to_owned();
    assert!(s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()), "{s}");
    s
}

#[test]
fn a_package_is_backed_up_and_restored_byte_for_byte_with_owners_and_modes() {
    let t = backup_world();
    t.ok(&["server", "update", "h1", "--role", "web,mariadb,postgresql"]);
    t.ok_with(&["db", "user", "add", "xyz00_app", "--engine", "postgresql", "--password-stdin"], Some("Pg-Pass-1!\n"));
    t.ok(&["db", "add", "xyz00_app", "--engine", "postgresql", "--owner", "xyz00_app"]);
    t.ok_with(&["db", "user", "add", "xyz00_wp", "--engine", "mariadb", "--password-stdin"], Some("My-Pass-1!\n"));
    t.ok(&["db", "add", "xyz00_wp", "--engine", "mariadb", "--owner", "xyz00_wp"]);
    t.sh("h1", ODD_FILES);
    t.sh("h1", "mariadb xyz00_wp -e 'CREATE TABLE t (id INT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, \"eins\"), (2, \"zwei\")'");
    t.sh("h1", "runuser -u postgres -- psql -q -d xyz00_app -c 'SET ROLE xyz00_app' -c 'CREATE TABLE t (id INT PRIMARY KEY, v TEXT)' -c \"INSERT INTO t VALUES (1, 'eins'), (2, 'zwei')\"");

    let init = t.json(&["backup", "init"]);
    let servers: Vec<(&str, bool, bool)> = init
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["server"].as_str().unwrap(), p["ok"].as_bool().unwrap(), p["repository_created"].as_bool().unwrap()))
        .collect();
    assert_eq!(servers, [("h1", true, true), ("h2", true, true)], "{init}");
    assert_eq!(t.stat("h1", "/etc/hsadmin/backup/password"), "root root 600 regular file");
    let password = t.sh("h1", "cat /etc/hsadmin/backup/password");
    assert!(!common::dump(&t.env.ledger).join("\n").contains(password.trim()), "the repository password must not be in the ledger");
    let sshd_before = t.sh("h3", "stat -c '%Y %s' /etc/ssh/sshd_config.d/hsadmin-backup.conf");
    let again = t.json(&["backup", "init"]);
    assert!(again.as_array().unwrap().iter().all(|p| p["ok"] == true && p["key_created"] == false && p["repository_created"] == false), "{again}");
    assert_eq!(t.sh("h3", "stat -c '%Y %s' /etc/ssh/sshd_config.d/hsadmin-backup.conf"), sshd_before, "a re-run of init changes nothing");

    let runs = t.json(&["backup", "run", "xyz00"]);
    assert_eq!(runs[0]["outcome"], "ok", "{runs}");
    let snapshot = snapshot_of(&runs[0]);
    let listed = t.json(&["backup", "list", "xyz00"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!((listed[0]["snapshot"].as_str().unwrap(), listed[0]["outcome"].as_str().unwrap()), (snapshot.as_str(), "ok"));
    assert!(listed[0]["files"].as_i64().unwrap() >= 10 && listed[0]["bytes"].as_i64().unwrap() > 1_048_576, "{listed}");
    let crontab = t.crontab("h1", "xyz00-web").expect("set_up_xyz00 made a crontab");
    let before = manifest(&t, "h1", "/home/pacs/xyz00");
    assert!(before.to_string().contains("name with\\nnewline") && before.to_string().contains("-leading-dash"), "{before}");

    // Damage: a file deleted, one changed, a directory gone, the databases changed.
    t.sh("h1", "cd /home/pacs/xyz00 && rm ./-leading-dash && printf changed > random.bin && rm -r 'Ordner mit Umlauten äöü'");
    t.sh("h1", "mariadb xyz00_wp -e 'DELETE FROM t WHERE id = 2; INSERT INTO t VALUES (3, \"drei\")'");
    t.sh("h1", "runuser -u postgres -- psql -q -d xyz00_app -c 'DROP TABLE t'");

    // The whole home, to the default target below /home/restore: identical to the home when it was saved.
    let full = t.json(&["backup", "restore", "xyz00"]);
    let target = full["target"].as_str().unwrap().to_owned();
    assert!(target.starts_with("/home/restore/") && target.ends_with(&format!("xyz00-{}", &snapshot[..8])), "{full}");
    assert_eq!(manifest(&t, "h1", &target), before, "the restored home differs from the saved one");

    // One file, fast and alone; the crontab's saved copy; both databases with their rows.
    let one = t.json(&["backup", "restore", "xyz00", "--path", "users/web/doms/example.org/htdocs/index.html", "--target", "/home/restore/check"]);
    assert_eq!(one["target"], "/home/restore/check");
    assert_eq!(t.sh("h1", "cat /home/restore/check/users/web/doms/example.org/htdocs/index.html"), PAGE);
    assert_eq!(t.sh("h1", "find /home/restore/check -type f | wc -l").trim(), "1", "only the one file is restored");
    assert_eq!(t.stat("h1", "/home/restore/check/users/web/doms/example.org/htdocs/index.html"), "xyz00-web xyz00 644 regular file");
    t.json(&["backup", "restore", "xyz00", "--path", ".bak/crontab-xyz00-web", "--target", "/home/restore/cron"]);
    assert_eq!(t.sh("h1", "cat /home/restore/cron/.bak/crontab-xyz00-web"), crontab, "the saved crontab is the one that was installed");
    t.json(&["backup", "restore", "xyz00", "--database", "xyz00_wp"]);
    assert_eq!(t.sh("h1", "mariadb -N xyz00_wp -e 'SELECT id, v FROM t ORDER BY id'"), "1\teins\n2\tzwei\n");
    t.json(&["backup", "restore", "xyz00", "--database", "xyz00_app"]);
    assert_eq!(t.sh("h1", "runuser -u postgres -- psql -At -d xyz00_app -c 'SELECT id, v FROM t ORDER BY id'"), "1|eins\n2|zwei\n");
    assert_eq!(t.sh("h1", "runuser -u postgres -- psql -At -d xyz00_app -c \"SELECT tableowner FROM pg_tables WHERE tablename = 't'\"").trim(), "xyz00_app");
    let temporary = t.sh("h1", "mariadb -N -e \"SELECT user FROM mysql.user WHERE user LIKE 'hsrestore%'\"; runuser -u postgres -- psql -At -c \"SELECT rolname FROM pg_roles WHERE rolname LIKE 'hsrestore%'\"");
    assert_eq!(temporary, "", "the temporary restore accounts are gone");
    let as_file = t.json(&["backup", "restore", "xyz00", "--database", "xyz00_app", "--target", "/home/restore/dump"]);
    assert_eq!(as_file["path"], ".bak/postgresql-xyz00_app.dump");
    t.sh("h1", "pg_restore --list /home/restore/dump/.bak/postgresql-xyz00_app.dump | grep -q 'TABLE public t xyz00_app'");

    // In place: the home is as it was saved, each file written back by its owner.
    t.json(&["backup", "restore", "xyz00", "--in-place", "--yes"]);
    assert_eq!(manifest(&t, "h1", "/home/pacs/xyz00"), before, "the home restored in place differs from the saved one");
    assert_eq!(t.stat("h1", "/home/pacs/xyz00/users/web/private/key file"), "xyz00-web xyz00 400 regular file");

    // The snapshot as restic itself lists it, with the package and run tags.
    let refreshed = t.json(&["backup", "list", "--refresh"]);
    assert_eq!(refreshed[0]["forgotten"], Value::Null);
    let tags = t.sh("h1", "export RESTIC_PASSWORD_FILE=/etc/hsadmin/backup/password; restic -r sftp:hsadmin-backup:/repo -o sftp.command='ssh -F /etc/hsadmin/backup/ssh_config hsadmin-backup -s sftp' snapshots --json --no-lock --cache-dir /var/cache/hsadmin/restic");
    assert!(tags.contains(&snapshot) && tags.contains("\"package=xyz00\"") && tags.contains(&format!("\"run={}\"", runs[0]["run"])), "{tags}");
}

#[test]
fn the_backup_account_reaches_its_own_repository_by_sftp_and_nothing_else() {
    let t = backup_world();
    t.json(&["backup", "init"]);
    let ssh = "ssh -F /etc/hsadmin/backup/ssh_config";
    let shell = t.hosts.ssh("h1", &format!("{ssh} hsadmin-backup id"));
    assert!(!shell.status.success() && String::from_utf8_lossy(&shell.stdout).contains("sftp connections only"), "a shell must be refused: {shell:?}");
    let listing = t.sh("h1", "printf 'ls\\nls /\\ncd /etc\\n' | sftp -F /etc/hsadmin/backup/ssh_config -b - hsadmin-backup 2>&1 || true");
    assert!(listing.contains("config") && listing.contains("snapshots"), "sftp lands in the repository: {listing}");
    assert!(listing.contains("sftp> ls /\n/repo") && listing.contains("No such file"), "the chroot holds the repository only, no /etc: {listing}");
    let forward = t.hosts.ssh("h1", &format!("timeout 10 {ssh} -N -o ExitOnForwardFailure=yes -L 127.0.0.11:2222:127.0.0.13:22 hsadmin-backup"));
    assert!(!forward.status.success(), "port forwarding must be refused: {forward:?}");
    // h2's key is not h1's: it cannot log in to h1's repository.
    let other = t.hosts.ssh("h2", &format!("{ssh} -o User=hsbackup-h1 hsadmin-backup true"));
    assert!(String::from_utf8_lossy(&other.stderr).contains("Permission denied"), "h2's key must not open h1's repository: {other:?}");
    assert_eq!(t.stat("h3", "/srv/backup/h1"), "root root 755 directory");
    assert_eq!(t.stat("h3", "/srv/backup/h1/repo"), "hsbackup-h1 hsbackup-h1 700 directory");
}

#[test]
fn a_restore_never_lands_outside_its_target_through_a_planted_symlink() {
    let t = backup_world();
    t.json(&["backup", "init"]);
    let guard = "sha256sum /etc/passwd /etc/shadow /root/.ssh/authorized_keys; ls -la /root /etc/cron.d";
    let untouched = t.sh("h1", guard);
    // In the home: links to root's files and directories, saved as links.
    t.sh("h1", "cd /home/pacs/xyz00 && setpriv --reuid=xyz00 --regid=xyz00 --init-groups sh -c 'ln -s /etc/shadow shadow && ln -s /root rootdir && mkdir payload && printf evil > payload/authorized_keys'");
    t.ok(&["backup", "run", "xyz00"]);
    // After the backup the user turns the saved directory into a link to /root (and /etc/cron.d), hoping an
    // in-place restore writes through it, and plants links in its earlier restore.
    t.sh("h1", "cd /home/pacs/xyz00 && setpriv --reuid=xyz00 --regid=xyz00 --init-groups sh -c 'rm -r payload && ln -s /root/.ssh payload'");
    let first = t.json(&["backup", "restore", "xyz00"]);
    let earlier = first["target"].as_str().unwrap().to_owned();
    assert_eq!(t.sh("h1", &format!("readlink {earlier}/shadow")).trim(), "/etc/shadow", "a link is restored as a link");
    t.sh("h1", &format!("cd {earlier} && setpriv --reuid=xyz00 --regid=xyz00 --init-groups sh -c 'ln -s /etc/cron.d sub && ln -s /root next'"));
    // A target inside the user's earlier restore, or through its links, is refused before anything is written.
    for target in [format!("{earlier}/sub"), format!("{earlier}/next")] {
        let r = t.expect(&["backup", "restore", "xyz00", "--target", &target], 2);
        assert_eq!(r.json()["error"]["field"], "target", "{}", r.stdout);
    }
    let nested = format!("/home/restore/{}/x", earlier.trim_start_matches("/home/restore/").split('/').next().unwrap());
    t.json(&["backup", "restore", "xyz00", "--target", &nested]);
    let r = t.expect(&["backup", "restore", "xyz00", "--target", &nested], 1);
    assert!(r.stderr.contains("exists already"), "{}", r.stderr);
    let r = t.expect(&["backup", "restore", "xyz00", "--path", "../../etc/passwd"], 2);
    assert_eq!(r.json()["error"]["field"], "path");
    // In place: the copy runs as the owner, so the link to /root/.ssh leads nowhere it may write.
    let r = t.run(&["--json", "backup", "restore", "xyz00", "--in-place", "--yes"]);
    assert_eq!(t.sh("h1", guard), untouched, "root's files are untouched whatever the restore did ({}; {})", r.stdout, r.stderr);
    assert_eq!(
        t.sh("h1", "find / -xdev -path /proc -prune -o -user xyz00 -print 2>/dev/null | grep -v '^/home/' || true"),
        "",
        "no file of the package outside /home"
    );
}

#[test]
fn a_killed_run_is_found_stale_a_stopped_backup_server_fails_clearly_and_prune_keeps_the_good_snapshots() {
    let t = backup_world();
    t.ok(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h2", "--since", "2026-01-01"]);
    t.json(&["backup", "init"]);
    let good = t.json(&["backup", "run", "xyz00"]);
    assert_eq!(good[0]["outcome"], "ok");

    // Killed halfway: a big new file, the run killed once restic reports progress.
    t.sh("h1", "head -c 300000000 /dev/urandom > /home/pacs/xyz00/big && chown xyz00:xyz00 /home/pacs/xyz00/big");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("hsadmin"));
    cmd.env_clear().envs(t.env.vars()).current_dir(t.env.dir.path()).env("HSADMIN_NO_APPLY", "0").args(["backup", "run", "xyz00", "--progress-json"]);
    let mut child = cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    for line in std::io::BufRead::lines(stderr) {
        let line = line.unwrap();
        if line.starts_with('{') && serde_json::from_str::<Value>(&line).unwrap()["bytes_done"].as_u64().unwrap() > 0 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let listed = t.json(&["backup", "list", "xyz00"]);
    assert_eq!(listed[1]["outcome"], "running", "{listed}");
    let next = t.ok(&["--json", "backup", "run", "xyz00"]);
    assert!(next.stderr.contains("stale") && next.stderr.contains("marked killed"), "{}", next.stderr);
    assert_eq!(next.json()[0]["outcome"], "ok");
    let outcomes: Vec<String> = t.json(&["backup", "list", "xyz00"]).as_array().unwrap().iter().map(|r| r["outcome"].as_str().unwrap().to_owned()).collect();
    assert_eq!(outcomes, ["ok", "killed", "ok"]);

    // The backup server stopped: both packages fail clearly (exit 3, named), the ledger records it, and
    // xyz01, never backed up, is reported by status.
    {
        let _restart = StartAgain { hosts: &t.hosts, host: "h3" };
        t.hosts.script("stop-host.sh", &["h3"]);
        let r = t.expect(&["backup", "run", "--all"], 3);
        let doc = r.json();
        assert!(doc.as_array().unwrap().iter().all(|p| p["outcome"] == "failed" && p["error"].as_str().is_some_and(|e| !e.is_empty())), "{doc}");
        assert!(r.stderr.contains("xyz00") && r.stderr.contains("xyz01"), "{}", r.stderr);
        let status = t.expect(&["backup", "status", "--max-age", "26h"], 3);
        assert_eq!(status.json()[0]["package"], "xyz01", "{}", status.stdout);
        let last = t.json(&["backup", "list", "xyz00"]);
        assert_eq!(last.as_array().unwrap().last().unwrap()["outcome"], "failed");
        // Prune after the failure keeps every good snapshot of xyz00.
        t.hosts.script("start-host.sh", &["h3"]);
        let pruned = t.ok(&["--json", "backup", "prune"]);
        assert!(pruned.stderr.contains("xyz00 not pruned") && pruned.stderr.contains("failed"), "{}", pruned.stderr);
        assert!(t.json(&["backup", "list", "xyz00"]).as_array().unwrap().iter().all(|r| r["forgotten"].is_null()));
        let refreshed = t.json(&["backup", "list", "--refresh"]);
        assert_eq!(refreshed.as_array().unwrap().iter().filter(|r| r["outcome"] == "ok").count(), 2, "both good snapshots are still there");
    }
    // A good run again: now prune thins out by the policy (one a day), and the ledger marks the rest.
    t.ok(&["backup", "run", "xyz00"]);
    t.ok(&["backup", "prune"]);
    let runs = t.json(&["backup", "list", "xyz00"]);
    let kept: Vec<&Value> = runs.as_array().unwrap().iter().filter(|r| r["outcome"] == "ok" && r["forgotten"].is_null()).collect();
    assert_eq!(kept.len(), 1, "keep_daily keeps the newest of the day: {runs}");
    assert_eq!(kept[0]["id"], runs.as_array().unwrap().last().unwrap()["id"]);
    let restored = t.json(&["backup", "restore", "xyz00", "--path", "big", "--target", "/home/restore/big"]);
    assert_eq!(restored["snapshot"], kept[0]["snapshot"]);
    assert_eq!(t.sh("h1", "cmp /home/pacs/xyz00/big /home/restore/big/big && echo same").trim(), "same");
    t.json(&["backup", "verify", "--read-data-subset", "100%"]);
}

/// restic as root in the package admin's directory while the admin swaps a directory for a symlink to
/// `/etc` as fast as it can: no snapshot ever holds a file of `/etc` (the home is mounted nosymfollow for it).
#[test]
fn a_directory_swapped_for_a_symlink_during_a_backup_never_reads_root_files() {
    let t = backup_world();
    t.json(&["backup", "init"]);
    t.sh("h1", "cd /home/pacs/xyz00 && setpriv --reuid=xyz00 --regid=xyz00 --init-groups sh -c 'mkdir d.dir && for f in passwd shadow group hosts hostname; do echo decoy > d.dir/$f; done'");
    let stop = "/tmp/hsadmin-robot-swap-stop";
    let swap = format!(
        "rm -f {stop}; cd /home/pacs/xyz00 && setpriv --reuid=xyz00 --regid=xyz00 --init-groups python3 -c \"import os
while not os.path.exists('{stop}'):
    os.rename('d.dir', 'd'); os.rename('d', 'd.dir'); os.symlink('/etc', 'd'); os.unlink('d')\""
    );
    let mut swapper = std::process::Command::new("ssh").arg("-F").arg(t.hosts.state.join("ssh_config")).arg("h1").arg(swap).spawn().unwrap();
    for _ in 0..3 {
        let r = t.run(&["--json", "backup", "run", "xyz00"]);
        assert!(r.code == 0 || r.code == 3, "{}\n{}", r.stdout, r.stderr);
    }
    t.sh("h1", &format!("touch {stop}"));
    swapper.wait().unwrap();
    let leaked = t.sh(
        "h1",
        r#"export RESTIC_PASSWORD_FILE=/etc/hsadmin/backup/password RESTIC_REPOSITORY=sftp:hsadmin-backup:/repo RESTIC_CACHE_DIR=/var/cache/hsadmin/restic
r() { restic -o sftp.command='ssh -F /etc/hsadmin/backup/ssh_config hsadmin-backup -s sftp' "$@"; }
n=0
for id in $(r snapshots --json --no-lock | python3 -c 'import json, sys; print(" ".join(s["id"] for s in json.load(sys.stdin)))'); do
    rm -rf /tmp/hsadmin-robot-leak && r restore "$id" --target /tmp/hsadmin-robot-leak > /dev/null 2>&1
    n=$((n + 1))
    grep -rl -e '^root:' -e '^127\.0\.0\.1' /tmp/hsadmin-robot-leak || true
done
rm -rf /tmp/hsadmin-robot-leak
echo "snapshots $n""#,
    );
    assert!(leaked.trim_end().ends_with("snapshots 3") || leaked.trim_end().ends_with("snapshots 2"), "{leaked}");
    assert_eq!(leaked.lines().count(), 1, "a snapshot holds a file of /etc: {leaked}");
}
