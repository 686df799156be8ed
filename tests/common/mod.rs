//! A hermetic environment for running the hsadmin binary in tests: its own ledger, config and clock.
#![allow(dead_code)]

pub mod debits;
pub mod registry;
pub mod robot;
pub mod validators;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The date every test runs on (HSADMIN_TODAY), so that "today" never makes a test flaky.
pub const TODAY: &str = "2026-06-01";

pub struct TestEnv {
    pub dir: tempfile::TempDir,
    pub ledger: PathBuf,
    pub config: PathBuf,
}

/// What a finished command left behind.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }
}

impl TestEnv {
    /// An environment without a ledger yet.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("data/ledger.db");
        let config = dir.path().join("hsadmin.toml");
        std::fs::write(&config, "").unwrap();
        Self { dir, ledger, config }
    }

    /// An environment with an initialised, empty ledger.
    pub fn new() -> Self {
        let env = Self::empty();
        env.ok(&["init"]);
        env
    }

    /// Member 10001, Erika Mustermann, prefix xyz, since 2026-01-01.
    pub fn add_erika(&self) {
        self.ok(&[
            "member",
            "add",
            "--number",
            "10001",
            "--prefix",
            "xyz",
            "--name",
            "Erika Mustermann",
            "--email",
            "erika@example.org",
            "--since",
            "2026-01-01",
        ]);
    }

    /// The standard fixture: member 10001 (xyz) with shares and assets, server h1, the catalog, package xyz00.
    pub fn seeded() -> Self {
        let env = Self::new();
        env.add_erika();
        env.ok(&["share", "subscribe", "10001", "--count", "2", "--date", "2026-01-01", "--reference", "SUB-2026-0001"]);
        env.ok(&["asset", "deposit", "10001", "--amount", "128.00", "--date", "2026-01-05", "--reference", "PAY-2026-0001"]);
        env.ok(&["server", "add", "h1", "--address", "127.0.0.11", "--role", "web,dns-primary", "--ipv4", "127.0.0.11"]);
        env.ok(&["catalog", "import", &catalog_path()]);
        env.ok(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
        env
    }

    pub fn command(&self) -> Command {
        // HSADMIN_BIN runs the tests against another build (e.g. an older commit, to show that an attack
        // test fails there); by default the binary of this crate.
        let mut c = match std::env::var_os("HSADMIN_BIN") {
            Some(bin) => Command::new(bin),
            None => Command::cargo_bin("hsadmin").unwrap(),
        };
        c.env_clear().envs(self.vars()).current_dir(self.dir.path());
        c
    }

    /// The whole environment a test's hsadmin runs in (the caller clears the rest): its own home, ledger,
    /// config and clock, no colour.
    pub fn vars(&self) -> Vec<(&'static str, std::ffi::OsString)> {
        vec![
            ("PATH", std::env::var_os("PATH").unwrap_or_default()),
            ("HOME", self.dir.path().into()),
            ("USER", "tester".into()),
            ("NO_COLOR", "1".into()),
            ("HSADMIN_TODAY", TODAY.into()),
            ("HSADMIN_CONFIG", self.config.clone().into()),
            ("HSADMIN_LEDGER", self.ledger.clone().into()),
            // Ledger-only tests: the servers in them are not reachable. End-to-end tests set it to 0.
            ("HSADMIN_NO_APPLY", "1".into()),
        ]
    }

    /// Runs hsadmin with `args` (and `stdin`, if any) and returns what happened.
    pub fn run_with(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut c = self.command();
        c.args(args);
        if let Some(input) = stdin {
            c.write_stdin(input);
        }
        let out = c.output().unwrap();
        Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None)
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "hsadmin {args:?} failed with {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
        r.stdout
    }

    /// Runs with --json, asserts success, returns the parsed document.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert_eq!(r.code, 0, "hsadmin {all:?} failed with {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
        r.json()
    }

    /// Runs with --json, asserts the exit code and the JSON error document; returns the error object.
    pub fn fails(&self, args: &[&str], code: i32) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert_eq!(r.code, code, "hsadmin {all:?}: expected exit {code}, got {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
        let doc = r.json();
        assert!(doc["error"]["message"].is_string(), "no error document: {doc}");
        assert!(r.stderr.contains("error:"), "no error on stderr: {}", r.stderr);
        doc["error"].clone()
    }

    /// Runs a failing command (with --json); asserts the exit code, the JSON error document, and that the
    /// ledger (audit log included) is exactly as before. Returns the error object.
    pub fn refused(&self, args: &[&str], code: i32) -> serde_json::Value {
        let before = self.dump();
        let error = self.fails(args, code);
        assert_eq!(self.dump(), before, "hsadmin {args:?} failed but changed the ledger");
        assert_eq!(error["exit_code"], code, "{error}");
        error
    }

    /// Runs `args` with `--dry-run` (and `--json`), proves nothing was committed, returns the printed result.
    pub fn dry_run(&self, args: &[&str]) -> serde_json::Value {
        let before = self.dump();
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        all.push("--dry-run");
        let r = self.run(&all);
        assert_eq!(r.code, 0, "hsadmin {all:?} failed with {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
        assert!(r.stderr.contains("Dry run nothing was committed"), "no dry-run note on stderr: {}", r.stderr);
        assert_eq!(self.dump(), before, "hsadmin {all:?} changed the ledger");
        r.json()
    }

    /// Every row of every table, for proving that a failed command changed nothing.
    pub fn dump(&self) -> Vec<String> {
        dump(&self.ledger)
    }
}

pub fn dump(ledger: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open_with_flags(ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                Ok(format!("{t}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

/// The value of `name:` in a one-item (field per row) human output.
pub fn field(out: &str, name: &str) -> String {
    let prefix = format!("{name}:");
    out.lines().find_map(|l| l.trim_start().strip_prefix(&prefix).map(|v| v.trim().to_owned())).unwrap_or_else(|| panic!("no field {name:?} in:\n{out}"))
}

/// The cells of the table row whose first cell is `key` (cells are separated by two or more spaces).
pub fn row(out: &str, key: &str) -> Vec<String> {
    out.lines()
        .map(|l| l.split("  ").map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect::<Vec<_>>())
        .find(|cells| cells.first().is_some_and(|c| c == key))
        .unwrap_or_else(|| panic!("no row {key:?} in:\n{out}"))
}

pub fn catalog_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/catalog.toml").display().to_string()
}

/// The real Debian test servers started by tests/testhosts/up.sh. Tests that need them fail (never skip)
/// when they are not running.
pub struct TestHosts {
    pub state: PathBuf,
}

impl TestHosts {
    pub fn get() -> Self {
        let state = std::env::var_os("TESTHOST_STATE").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/testhosts"));
        let env = std::fs::read_to_string(state.join("hosts.env")).unwrap_or_default();
        assert!(env.contains("H1_ADDR="), "the test servers are not running (no {}): start them with tests/testhosts/up.sh", state.join("hosts.env").display());
        for h in ["h1", "h2", "h3"] {
            let pid = std::fs::read_to_string(state.join(format!("hosts/{h}/unshare.pid"))).unwrap_or_default();
            assert!(
                Path::new(&format!("/proc/{}", pid.trim())).exists() && !pid.trim().is_empty(),
                "test server {h} is not running: start the servers with tests/testhosts/up.sh"
            );
        }
        Self { state }
    }

    pub fn key(&self) -> PathBuf {
        self.state.join("id_ed25519")
    }

    pub fn known_hosts(&self) -> PathBuf {
        self.state.join("known_hosts")
    }

    /// `ssh -F ssh_config HOST SCRIPT`: the OpenSSH client, to look at a server independently of hsadmin.
    pub fn ssh(&self, host: &str, script: &str) -> std::process::Output {
        std::process::Command::new("ssh").arg("-F").arg(self.state.join("ssh_config")).arg(host).arg(script).output().unwrap()
    }

    /// The host's fingerprint as OpenSSH's ssh-keygen computes it from the known_hosts file.
    pub fn fingerprint(&self, address: &str) -> String {
        let out = std::process::Command::new("ssh-keygen").arg("-lf").arg(self.known_hosts()).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let line = text.lines().find(|l| l.split_whitespace().nth(2) == Some(address)).unwrap_or_else(|| panic!("{address} not in known_hosts: {text}"));
        line.split_whitespace().nth(1).unwrap().to_owned()
    }

    /// Runs a script of tests/testhosts (stop-host.sh h3, start-host.sh h3).
    pub fn script(&self, name: &str, args: &[&str]) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testhosts").join(name);
        let out = std::process::Command::new(path).args(args).env("TESTHOST_STATE", &self.state).output().unwrap();
        assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// An hsadmin config for the test servers; `extra` is appended inside [ssh].
    pub fn config(&self, env: &TestEnv, known_hosts: bool, extra: &str) {
        let mut text = format!("[ssh]\nuser = \"root\"\nidentity_file = \"{}\"\nconnect_timeout_secs = 5\n", self.key().display());
        if known_hosts {
            text += &format!("known_hosts = \"{}\"\n", self.known_hosts().display());
        }
        text += extra;
        std::fs::write(&env.config, text).unwrap();
    }
}

// ---------------------------------------------------------------------------------------------
// End-to-end helpers (tests/robot.rs): commands that really apply, and reading servers directly.
// ---------------------------------------------------------------------------------------------

impl TestEnv {
    /// Runs hsadmin as on a real installation: mutating commands apply to their servers right away
    /// (HSADMIN_NO_APPLY=0). `stdin`, if any, is written to the command's stdin.
    pub fn run_live(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut c = self.command();
        c.env("HSADMIN_NO_APPLY", "0").args(args);
        if let Some(input) = stdin {
            c.write_stdin(input);
        }
        let out = c.output().unwrap();
        Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
    }
}

/// Removes everything of hsadmin's kinds from a test server, by hand (see the script).
const SCRUB: &str = include_str!("../testhosts/scrub.sh");

/// What a clean server has of the things hsadmin manages: nothing.
const MANAGED: &str = r#"awk -F: '$3 >= 100000 && $3 <= 999999 { print "user " $1 }' /etc/passwd
awk -F: '$3 >= 100000 && $3 <= 999999 { print "group " $1 }' /etc/group
ls /etc/apache2/sites-available /etc/apache2/sites-enabled | grep '^hsadmin-' | sed 's/^/vhost /' || true
ls -A /home/pacs 2> /dev/null | sed 's/^/home /'
ls /var/spool/cron/crontabs | sed 's/^/crontab /'
"#;

impl TestHosts {
    /// Brings h1–h3 to "nothing managed" (see SCRUB), all three at once, and asserts it.
    pub fn scrub(&self) {
        let left: Vec<(String, std::process::Output)> = std::thread::scope(|s| {
            let running: Vec<_> = ["h1", "h2", "h3"].iter().map(|h| s.spawn(move || (h.to_string(), self.ssh(h, &format!("{SCRUB}{MANAGED}"))))).collect();
            running.into_iter().map(|t| t.join().expect("cleaning a server failed")).collect()
        });
        for (h, out) in left {
            let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert!(out.status.success(), "cleaning {h} failed: {stdout}\n{stderr}");
            assert_eq!(stdout, "", "{h} still has managed things after cleaning:\n{stdout}");
        }
    }

    /// `ssh -F ssh_config HOST SCRIPT` with `input` on the script's stdin.
    pub fn ssh_input(&self, host: &str, script: &str, input: &str) -> Run {
        use std::io::Write;
        let mut child = std::process::Command::new("ssh")
            .arg("-F")
            .arg(self.state.join("ssh_config"))
            .arg(host)
            .arg(script)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
    }

    /// Whether the host's PID 1 (its `unshare`) is alive.
    pub fn running(&self, host: &str) -> bool {
        let pid = std::fs::read_to_string(self.state.join(format!("hosts/{host}/unshare.pid"))).unwrap_or_default();
        !pid.trim().is_empty() && Path::new(&format!("/proc/{}", pid.trim())).exists()
    }

    /// How many SSH logins the host's sshd has accepted since it started (from its console.log). A log that
    /// cannot be read is a failure, not "no logins": a test that proves no login happened must not pass on it.
    pub fn logins(&self, host: &str) -> usize {
        let path = self.state.join(format!("hosts/{host}/console.log"));
        let log = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {} to count {host}'s SSH logins: {e}", path.display()));
        log.matches("Accepted publickey for ").count()
    }
}
