//! The SSH layer against the real Debian test servers (tests/testhosts/up.sh): host-key checks, timeouts,
//! authentication, the quoting function, and `server trust` / `server check` end to end.
//! Tests that change a server for a moment (stop h3, hide a tool on h2) hold HOSTS_CHANGED for writing, and so
//! do the tests that need every server exactly as it should be; the rest hold it for reading (every server
//! up, as `TestHosts::get` checks) and run in parallel with each other.
mod common;
use common::{TestEnv, TestHosts};
use hsadmin::remote::{Connection, Data, RemoteError, Script, SshOptions, Target, quote};
use std::time::{Duration, Instant};

static HOSTS_CHANGED: std::sync::RwLock<()> = std::sync::RwLock::new(());

fn exclusive() -> std::sync::RwLockWriteGuard<'static, ()> {
    HOSTS_CHANGED.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// No server is changed (stopped, a tool hidden) while the guard lives.
fn unchanged() -> std::sync::RwLockReadGuard<'static, ()> {
    HOSTS_CHANGED.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn env_with_servers(hosts: &TestHosts, known_hosts: bool, names: &[&str]) -> TestEnv {
    let env = TestEnv::new();
    hosts.config(&env, known_hosts, "");
    for n in names {
        let i = &n[1..];
        env.ok(&["server", "add", n, "--address", &format!("127.0.0.1{i}"), "--role", "web"]);
    }
    env
}

fn options(hosts: &TestHosts) -> SshOptions {
    SshOptions {
        user: "root".into(),
        identity_file: Some(hosts.key()),
        passphrase_file: None,
        known_hosts: Some(hosts.known_hosts()),
        connect_timeout: Duration::from_secs(5),
        command_timeout: Duration::from_secs(30),
    }
}

fn h(n: u8) -> Target {
    Target { name: format!("h{n}"), address: format!("127.0.0.1{n}"), port: 22, pinned_key: None }
}

#[test]
fn server_check_reports_reachability_os_and_tools() {
    let _hosts_as_they_should_be = exclusive();
    let hosts = TestHosts::get();
    let env = env_with_servers(&hosts, true, &["h1", "h2"]);
    let reports = env.json(&["server", "check"]);
    for (i, r) in reports.as_array().unwrap().iter().enumerate() {
        let address = format!("127.0.0.1{}", i + 1);
        assert_eq!(r["ok"], true, "{r}");
        assert_eq!(r["address"], address.as_str());
        assert_eq!(r["host_key"], "known_hosts");
        assert_eq!(r["fingerprint"], hosts.fingerprint(&address).as_str(), "hsadmin and ssh-keygen disagree on the fingerprint");
        assert!(r["os"].as_str().unwrap().contains("Debian GNU/Linux 12"), "{r}");
        for tool in ["useradd", "crontab", "setquota", "repquota", "apache2ctl", "named-checkzone", "rndc", "restic"] {
            assert_eq!(r["tools"][tool], true, "{tool} missing on {address}: {r}");
        }
        assert_eq!(r["missing_tools"], serde_json::json!([]));
        assert!(r["connect_ms"].as_u64().is_some() && r["latency_ms"].as_u64().is_some());
        // Debian 12's engines, both answering.
        let (mariadb, postgresql) = (&r["databases"]["mariadb"], &r["databases"]["postgresql"]);
        assert_eq!((&mariadb["installed"], &mariadb["running"]), (&true.into(), &true.into()), "{r}");
        assert!(mariadb["version"].as_str().unwrap().starts_with("10.11."), "{r}");
        assert_eq!((&postgresql["installed"], &postgresql["running"]), (&true.into(), &true.into()), "{r}");
        assert!(postgresql["version"].as_str().unwrap().starts_with("15."), "{r}");
    }
    // The table for people says the same.
    let table = env.ok(&["server", "check", "h1"]);
    assert!(table.contains("h1") && table.contains("bookworm") && table.contains("yes"), "{table}");
    assert!(table.contains("mariadb") && table.contains("postgresql") && table.contains("MariaDB") && table.contains("running"), "{table}");
}

#[test]
fn server_check_reports_stopped_and_missing_database_engines_without_failing() {
    let _hosts_as_they_should_be = exclusive();
    let hosts = TestHosts::get();
    let env = env_with_servers(&hosts, true, &["h2"]);
    // PostgreSQL stopped for the moment of the check: reported, not a failure.
    let stop = hosts.ssh("h2", "pg_ctlcluster 15 main stop");
    assert!(stop.status.success(), "{stop:?}");
    let r = env.run(&["--json", "server", "check", "h2"]);
    let start = hosts.ssh("h2", "pg_ctlcluster 15 main start && pg_isready -q -h 127.0.0.12");
    assert!(start.status.success(), "{start:?}");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc[0]["ok"], true, "{doc}");
    assert_eq!(doc[0]["databases"]["postgresql"]["installed"], true, "{doc}");
    assert_eq!(doc[0]["databases"]["postgresql"]["running"], false, "{doc}");
    assert_eq!(doc[0]["databases"]["mariadb"]["running"], true, "{doc}");

    // Neither engine installed (their server binaries hidden; the running servers do not notice): a server
    // without databases passes and says "not installed".
    let hide =
        hosts.ssh("h2", "mv /usr/sbin/mariadbd /usr/sbin/mariadbd.hidden && mv /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/postgres.hidden");
    assert!(hide.status.success(), "{hide:?}");
    let r = env.run(&["--json", "server", "check", "h2"]);
    let table = env.run(&["server", "check", "h2"]);
    let back =
        hosts.ssh("h2", "mv /usr/sbin/mariadbd.hidden /usr/sbin/mariadbd; mv /usr/lib/postgresql/15/bin/postgres.hidden /usr/lib/postgresql/15/bin/postgres");
    assert!(back.status.success(), "{back:?}");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc[0]["ok"], true, "{doc}");
    for engine in ["mariadb", "postgresql"] {
        assert_eq!(doc[0]["databases"][engine], serde_json::json!({"installed": false, "version": null, "running": false}), "{doc}");
    }
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert_eq!(table.stdout.matches("not installed").count(), 2, "{}", table.stdout);
}

#[test]
fn server_check_reports_a_missing_tool() {
    let _hosts_as_they_should_be = exclusive();
    let hosts = TestHosts::get();
    let env = env_with_servers(&hosts, true, &["h2"]);
    // Hide restic on h2 for the moment of the check, then put it back.
    let hide = hosts.ssh("h2", "mv /usr/bin/restic /usr/bin/restic.hidden");
    assert!(hide.status.success());
    let r = env.run(&["--json", "server", "check", "h2"]);
    let back = hosts.ssh("h2", "mv /usr/bin/restic.hidden /usr/bin/restic");
    assert!(back.status.success());
    assert_eq!(r.code, 3, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc[0]["ok"], false);
    assert_eq!(doc[0]["tools"]["restic"], false);
    assert_eq!(doc[0]["missing_tools"], serde_json::json!(["restic"]));
    assert!(r.stderr.contains("h2"), "{}", r.stderr);
}

#[test]
fn an_unknown_host_key_is_refused_with_its_fingerprint() {
    let _hosts_unchanged = unchanged();
    let hosts = TestHosts::get();
    let env = env_with_servers(&hosts, false, &["h1"]);
    let r = env.run(&["--json", "server", "check"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let doc = r.json();
    let fingerprint = hosts.fingerprint("127.0.0.11");
    assert_eq!(doc[0]["ok"], false);
    assert_eq!(doc[0]["host_key"], "unknown");
    assert_eq!(doc[0]["error"]["kind"], "host_key_unknown");
    assert!(doc[0]["error"]["message"].as_str().unwrap().contains(&fingerprint), "{doc}");
    assert_eq!(doc[0]["os"], serde_json::Value::Null, "nothing may run on a server whose key is unknown");
}

#[test]
fn trust_pins_a_key_only_when_the_fingerprint_matches() {
    let _hosts_unchanged = unchanged();
    let hosts = TestHosts::get();
    let env = env_with_servers(&hosts, false, &["h1"]);
    let fingerprint = hosts.fingerprint("127.0.0.11");
    let before = env.dump();

    // A wrong fingerprint: refused, the real one in the message, nothing pinned.
    let wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let e = env.fails(&["server", "trust", "h1", "--fingerprint", wrong], 1);
    assert!(e["message"].as_str().unwrap().contains(&fingerprint), "{e}");
    assert_eq!(env.dump(), before);

    // Off a terminal without --fingerprint: refused (exit 2), the fingerprint shown to compare.
    let e = env.fails(&["server", "trust", "h1"], 2);
    assert_eq!(e["field"], "fingerprint");
    assert!(e["message"].as_str().unwrap().contains(&fingerprint));
    let e = env.fails(&["server", "trust", "h1", "--fingerprint", "MD5:aa:bb"], 2);
    assert_eq!(e["field"], "fingerprint");

    // A dry run shows the key and pins nothing.
    let shown = env.json(&["server", "trust", "h1", "--dry-run"]);
    assert_eq!(shown["fingerprint"], fingerprint.as_str());
    assert_eq!(shown["pinned"], false);
    assert!(shown["key"].as_str().unwrap().starts_with("ssh-ed25519 "));
    assert_eq!(env.dump(), before);

    // The right fingerprint pins the key; checks now pass on the pinned key alone (no known_hosts).
    let pinned = env.json(&["server", "trust", "h1", "--fingerprint", &fingerprint]);
    assert_eq!(pinned["pinned"], true);
    assert_eq!(env.json(&["server", "show", "h1"])["host_key"], pinned["key"]);
    let check = env.json(&["server", "check", "h1"]);
    assert_eq!(check[0]["ok"], true, "{check}");
    assert_eq!(check[0]["host_key"], "pinned");
    let log = env.json(&["log", "--entity", "server"]);
    assert_eq!(log.as_array().unwrap().last().unwrap()["action"], "trust");
    // Trusting again is harmless.
    assert_eq!(env.json(&["server", "trust", "h1", "--fingerprint", &fingerprint])["pinned"], true);
}

#[test]
fn a_changed_host_key_is_refused_with_the_presented_fingerprint() {
    let _hosts_unchanged = unchanged();
    let hosts = TestHosts::get();
    let env = env_with_servers(&hosts, false, &["h2"]);
    env.ok(&["server", "trust", "h2", "--fingerprint", &hosts.fingerprint("127.0.0.12")]);
    // "h2" now answers at h1's address (as if its address were taken over): h1's key is not the pinned one.
    env.ok(&["server", "update", "h2", "--address", "127.0.0.11"]);
    let r = env.run(&["--json", "server", "check", "h2"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc[0]["host_key"], "changed");
    assert_eq!(doc[0]["error"]["kind"], "host_key_changed");
    let message = doc[0]["error"]["message"].as_str().unwrap();
    assert!(message.contains(&hosts.fingerprint("127.0.0.11")), "{message}");
    assert!(message.contains(&hosts.fingerprint("127.0.0.12")), "{message}");
}

#[test]
fn a_known_hosts_mismatch_is_refused() {
    let _hosts_unchanged = unchanged();
    let hosts = TestHosts::get();
    let env = env_with_servers(&hosts, false, &["h1"]);
    // A known_hosts file that lists h2's key for h1's address.
    let h2_line = std::fs::read_to_string(hosts.known_hosts()).unwrap().lines().find(|l| l.starts_with("127.0.0.12 ")).unwrap().to_owned();
    let forged = env.dir.path().join("known_hosts");
    std::fs::write(&forged, h2_line.replacen("127.0.0.12", "127.0.0.11", 1) + "\n").unwrap();
    hosts.config(&env, false, &format!("known_hosts = \"{}\"\n", forged.display()));
    let r = env.run(&["--json", "server", "check", "h1"]);
    assert_eq!(r.code, 3);
    let doc = r.json();
    assert_eq!(doc[0]["error"]["kind"], "host_key_changed", "{doc}");
    assert!(doc[0]["error"]["message"].as_str().unwrap().contains(&hosts.fingerprint("127.0.0.11")));
}

#[test]
fn a_stopped_host_fails_clearly_while_the_others_report() {
    let _hosts_as_they_should_be = exclusive();
    let hosts = TestHosts::get();
    let env = env_with_servers(&hosts, true, &["h1", "h2", "h3"]);
    hosts.script("stop-host.sh", &["h3"]);
    let started = Instant::now();
    let r = env.run(&["--json", "server", "check"]);
    let took = started.elapsed();
    hosts.script("start-host.sh", &["h3"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc[0]["ok"], true);
    assert_eq!(doc[1]["ok"], true);
    assert_eq!(doc[2]["ok"], false);
    assert_eq!(doc[2]["error"]["kind"], "unreachable", "{doc}");
    assert!(doc[2]["error"]["message"].as_str().unwrap().contains("127.0.0.13:22"));
    assert!(r.stderr.contains("h3"), "the failed server is named: {}", r.stderr);
    assert!(took < Duration::from_secs(5), "waited {took:?}, longer than the connect timeout");
    // Back up, it checks fine again.
    assert_eq!(env.json(&["server", "check", "h3"])[0]["ok"], true);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let _hosts_unchanged = unchanged();
    let hosts = TestHosts::get();
    let env = TestEnv::new();
    hosts.config(&env, true, "");
    std::fs::write(&env.config, std::fs::read_to_string(&env.config).unwrap().replace("connect_timeout_secs = 5", "connect_timeout_secs = 1")).unwrap();
    // Accepts TCP connections and then says nothing, like a hung sshd.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port().to_string();
    let held = std::thread::spawn(move || {
        if let Ok((socket, _)) = silent.accept() {
            std::thread::sleep(Duration::from_secs(4));
            drop(socket);
        }
    });
    env.ok(&["server", "add", "mute", "--address", "127.0.0.1", "--port", &port, "--role", "web"]);
    let started = Instant::now();
    let r = env.run(&["--json", "server", "check"]);
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?} with a 1 s timeout", started.elapsed());
    assert_eq!(r.code, 3);
    assert_eq!(r.json()[0]["error"]["kind"], "timeout", "{}", r.stdout);
    let _ = held.join();
}

#[test]
fn hostile_bytes_reach_the_server_unchanged() {
    let _hosts_unchanged = unchanged();
    let hosts = TestHosts::get();
    let mut conn = Connection::open(&h(1), &options(&hosts)).unwrap();
    let every_byte: Vec<u8> = (1..=255u8).collect();
    let cases: Vec<&[u8]> = vec![
        b"plain",
        b"",
        b"it's",
        b"'",
        b"''\\''",
        b"\"double\" \\back\\slash",
        b"$(touch /tmp/hsadmin-pwned)",
        b"`touch /tmp/hsadmin-pwned`",
        b"; touch /tmp/hsadmin-pwned #",
        b"a\nb\r\nc\n",
        b"$HOME ${PATH} $1 $@ * ? [a-z] ~ &! |",
        b"\xff\xfe\xc3\x28 not utf-8 \x80",
        b"-n",
        &every_byte,
    ];
    for case in cases {
        let mut script = Script::new();
        script.command("printf", &[&Data::new(b"%s").unwrap(), &Data::new(case).unwrap()]);
        let out = conn.run(&script).unwrap();
        assert_eq!(out.status, 0, "{:?}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.stdout, case, "bytes changed on the way: sent {:?}, got {:?}", String::from_utf8_lossy(case), String::from_utf8_lossy(&out.stdout));
    }
    let mut probe = Script::new();
    probe.raw("test -e /tmp/hsadmin-pwned && echo INJECTED || echo clean\n");
    assert_eq!(conn.run(&probe).unwrap().stdout, b"clean\n");
    assert_eq!(quote(b"a'b"), b"'a'\\''b'");
}

#[test]
fn stdout_and_stderr_are_both_read_in_full() {
    let _hosts_unchanged = unchanged();
    let hosts = TestHosts::get();
    let mut conn = Connection::open(&h(2), &options(&hosts)).unwrap();
    // 4 MiB on each stream, interleaved: a channel that read only stdout would stall on a full stderr window.
    let mut script = Script::new();
    script.raw("i=0; while [ $i -lt 64 ]; do head -c 65536 /dev/zero; head -c 65536 /dev/zero >&2; i=$((i+1)); done; exit 7\n");
    let out = conn.run(&script).unwrap();
    assert_eq!(out.status, 7);
    assert_eq!(out.stdout.len(), 4 << 20);
    assert_eq!(out.stderr.len(), 4 << 20);
    // The same session serves the next script.
    let mut again = Script::new();
    again.raw("hostname\n");
    assert_eq!(conn.run(&again).unwrap().stdout, b"h2\n");
}

#[test]
fn a_script_that_runs_too_long_times_out() {
    let _hosts_unchanged = unchanged();
    let hosts = TestHosts::get();
    let mut opts = options(&hosts);
    opts.command_timeout = Duration::from_secs(1);
    let mut conn = Connection::open(&h(2), &opts).unwrap();
    let mut script = Script::new();
    script.raw("sleep 5\n");
    let started = Instant::now();
    let e = conn.run(&script).unwrap_err();
    assert!(matches!(e, RemoteError::Timeout { .. }), "{e}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn login_with_a_passphrase_key_and_with_ssh_agent() {
    let _hosts_unchanged = unchanged();
    let hosts = TestHosts::get();
    let dir = tempfile::tempdir().unwrap();
    let keygen = |file: &str, passphrase: &str| {
        let key = dir.path().join(file);
        let ok = std::process::Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", passphrase, "-C", file, "-f"]).arg(&key).status().unwrap();
        assert!(ok.success());
        let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
        let added = hosts.ssh("h1", &format!("printf '%s\\n' '{}' >> /root/.ssh/authorized_keys", public.trim()));
        assert!(added.status.success());
        key
    };
    // A passphrase-protected key, its passphrase in a 0600 file.
    let locked = keygen("locked", "correct horse battery");
    let passphrase = dir.path().join("passphrase");
    std::fs::write(&passphrase, "correct horse battery\n").unwrap();
    std::fs::set_permissions(&passphrase, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let mut opts = options(&hosts);
    opts.identity_file = Some(locked.clone());
    opts.passphrase_file = Some(passphrase.clone());
    Connection::open(&h(1), &opts).expect("logs in with the passphrase key");
    // A passphrase file others can read is refused before it is used.
    std::fs::set_permissions(&passphrase, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let e = Connection::open(&h(1), &opts).err().expect("refused");
    assert!(matches!(e, RemoteError::Auth { .. }) && e.to_string().contains("chmod 600"), "{e}");
    // A wrong passphrase fails as a login error.
    std::fs::write(&passphrase, "wrong\n").unwrap();
    std::fs::set_permissions(&passphrase, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    assert!(matches!(Connection::open(&h(1), &opts), Err(RemoteError::Auth { .. })));

    // ssh-agent: no identity file configured, the agent holds the key.
    let agent_key = keygen("agent", "");
    let socket = dir.path().join("agent.sock");
    let mut agent = std::process::Command::new("ssh-agent").arg("-D").arg("-a").arg(&socket).stdout(std::process::Stdio::null()).spawn().unwrap();
    for _ in 0..50 {
        if socket.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let added = std::process::Command::new("ssh-add").arg(&agent_key).env("SSH_AUTH_SOCK", &socket).output().unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let env = TestEnv::new();
    std::fs::write(&env.config, format!("[ssh]\nknown_hosts = \"{}\"\n", hosts.known_hosts().display())).unwrap();
    env.ok(&["server", "add", "h1", "--address", "127.0.0.11", "--role", "web"]);
    let r = env.command().env("SSH_AUTH_SOCK", &socket).args(["--json", "server", "check"]).output().unwrap();
    agent.kill().unwrap();
    let _ = agent.wait();
    let doc: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(doc[0]["ok"], true, "{doc}");
}

/// The mail role's parts run on every test server (issue 14): Postfix and Dovecot on the server's own
/// address only, their own checks clean, and an SMTP session from this machine that Postfix answers.
#[test]
fn the_test_servers_run_postfix_and_dovecot_on_their_own_address() {
    let _unchanged = unchanged();
    let hosts = TestHosts::get();
    for (h, addr) in [("h1", "127.0.0.11"), ("h2", "127.0.0.12"), ("h3", "127.0.0.13")] {
        let out =
            hosts.ssh(h, "postfix check && doveconf -n > /dev/null && postconf -h inet_interfaces && doveconf -h listen && command -v procmail mlmmj-make-ml");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{h}: {text}{}", String::from_utf8_lossy(&out.stderr));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(&lines[..2], [addr, addr], "{h} listens on its own address only: {text}");
        let smtp = std::process::Command::new("swaks")
            .args(["--server", addr, "--to", "root@localhost", "--from", "t@example.org", "--quit-after", "RCPT"])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&smtp.stdout);
        assert!(smtp.status.success() && said.contains(&format!("220 {h}.test ESMTP")) && said.contains("250 2.1.5"), "{h}: {said}");
    }
}
