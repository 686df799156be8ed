//! The harness of the end-to-end tests against the real test servers (robot.rs, attacks.rs): a ledger
//! that knows h1–h3, servers cleaned by hand before each test, one test at a time per process, and
//! helpers that read the servers directly with OpenSSH, never through hsadmin.
use super::{Run, TestEnv, TestHosts};
use serde_json::Value;
use std::sync::{Mutex, MutexGuard};

pub static SERVERS: Mutex<()> = Mutex::new(());

pub fn exclusive() -> MutexGuard<'static, ()> {
    SERVERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub const HOSTS: [&str; 3] = ["h1", "h2", "h3"];
pub const PAGE: &str = "<h1>hello from the robot test</h1>\n";
pub const HTDOCS: &str = "/home/pacs/xyz00/users/web/doms/example.org/htdocs";
pub const VHOST: &str = "/etc/apache2/sites-available/hsadmin-example.org.conf";
pub const PASSWORD: &str = "Robot-Test-Passw0rd!";
pub const JOB: &str = "php ~/cron.php > /dev/null 2>&1";
pub const SCHEDULE: &str = "17 3 * * *";

pub fn address(host: &str) -> String {
    format!("127.0.0.1{}", &host[1..])
}

/// The test servers, all running: a host left stopped by an earlier, failed run is started again.
pub fn running_hosts() -> TestHosts {
    let state = std::env::var_os("TESTHOST_STATE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/testhosts"));
    let probe = TestHosts { state };
    if probe.state.join("hosts.env").exists() {
        for h in HOSTS {
            if probe.state.join("hosts").join(h).is_dir() && !probe.running(h) {
                eprintln!("robot: {h} was left stopped (by an earlier failed run?); starting it again");
                probe.script("start-host.sh", &[h]);
            }
        }
    }
    TestHosts::get()
}

/// Puts a stopped host back when it goes out of scope, also when the test fails half-way.
pub struct StartAgain<'a> {
    pub hosts: &'a TestHosts,
    pub host: &'static str,
}

impl Drop for StartAgain<'_> {
    fn drop(&mut self) {
        if !self.hosts.running(self.host) {
            let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testhosts/start-host.sh");
            let _ = std::process::Command::new(script).arg(self.host).env("TESTHOST_STATE", &self.hosts.state).status();
        }
    }
}

/// A ledger with the three test servers (and no packages), configured for them.
pub fn ledger_with_servers(hosts: &TestHosts, extra_config: &str) -> TestEnv {
    let env = TestEnv::new();
    hosts.config(&env, true, extra_config);
    for h in HOSTS {
        let a = address(h);
        env.ok(&["server", "add", h, "--address", &a, "--role", "web", "--ipv4", &a]);
    }
    env
}

/// Brings all three servers to "nothing managed", by hand over OpenSSH (never through hsadmin, whose
/// robot removes only what its own ledger created), and checks that a fresh ledger plans nothing there.
pub fn clean_servers(hosts: &TestHosts) {
    hosts.scrub();
    let env = ledger_with_servers(hosts, "");
    let r = env.run_live(&["--json", "plan", "--detailed-exitcode"], None);
    assert_eq!(r.code, 0, "clean servers must need nothing:\n{}\n{}", r.stdout, r.stderr);
}

/// Runs `script` on `host` and returns its stdout; fails the test when it fails.
pub fn sh(hosts: &TestHosts, host: &str, script: &str) -> String {
    let out = hosts.ssh(host, script);
    assert!(
        out.status.success(),
        "on {host}: `{script}` failed ({:?}):\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A test against the servers: holds SERVERS, starts from clean servers with a ledger that has h1–h3 and
/// member 10001 (xyz); cleans the servers again when the test passed.
pub struct Robot {
    pub env: TestEnv,
    pub hosts: TestHosts,
    _servers: MutexGuard<'static, ()>,
}

impl Drop for Robot {
    fn drop(&mut self) {
        // After a failure the servers stay as the test left them, for inspection; the next test cleans.
        if !std::thread::panicking() {
            clean_servers(&self.hosts);
        }
    }
}

impl Robot {
    pub fn new() -> Self {
        Self::with_config("")
    }

    /// `extra_config` is appended to the hsadmin.toml (after its [ssh] table).
    pub fn with_config(extra_config: &str) -> Self {
        let servers = exclusive();
        let hosts = running_hosts();
        clean_servers(&hosts);
        let env = ledger_with_servers(&hosts, extra_config);
        env.add_erika();
        env.ok(&["catalog", "import", &super::catalog_path()]);
        Self { env, hosts, _servers: servers }
    }

    /// Runs hsadmin with applying switched on.
    pub fn run(&self, args: &[&str]) -> Run {
        self.env.run_live(args, None)
    }

    /// Runs hsadmin (applying) and asserts exit 0; returns what happened.
    pub fn ok(&self, args: &[&str]) -> Run {
        self.ok_with(args, None)
    }

    pub fn ok_with(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let r = self.env.run_live(args, stdin);
        assert_eq!(r.code, 0, "hsadmin {args:?} failed with exit {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
        r
    }

    /// Runs `hsadmin --json …` (applying), asserts exit 0 and returns the document.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.ok(&all).json()
    }

    /// Runs `hsadmin --json …` (applying) expecting exit `code`; returns the run.
    pub fn expect(&self, args: &[&str], code: i32) -> Run {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let r = self.env.run_live(&all, None);
        assert_eq!(r.code, code, "hsadmin {all:?}: expected exit {code}, got {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
        r
    }

    pub fn sh(&self, host: &str, script: &str) -> String {
        sh(&self.hosts, host, script)
    }

    /// `curl -s -H 'Host: HOST' http://ADDRESS/` run on the server itself.
    pub fn curl(&self, server: &str, host: &str) -> String {
        self.sh(server, &format!("curl -s --max-time 5 -H 'Host: {host}' http://{}/", address(server)))
    }

    /// `stat` of a path on the server: "owner group mode kind".
    pub fn stat(&self, host: &str, path: &str) -> String {
        self.sh(host, &format!("stat -c '%U %G %a %F' '{path}'")).trim().to_owned()
    }

    /// The fields of a line of a colon-separated database (`getent passwd NAME`), or None.
    pub fn getent(&self, host: &str, db: &str, name: &str) -> Option<Vec<String>> {
        let out = self.hosts.ssh(host, &format!("getent {db} '{name}'"));
        match out.status.code() {
            Some(0) => Some(String::from_utf8_lossy(&out.stdout).trim_end().split(':').map(str::to_owned).collect()),
            Some(2) => None,
            other => panic!("getent {db} {name} on {host} failed ({other:?}): {}", String::from_utf8_lossy(&out.stderr)),
        }
    }

    /// The block limits `quota -v` reports for a user (`-u`) or group (`-g`): (used, soft, hard) in KiB.
    pub fn quota(&self, host: &str, flag: &str, name: &str) -> (u64, u64, u64) {
        let text = self.sh(host, &format!("quota -v {flag} '{name}'"));
        let line =
            text.lines().find(|l| l.trim_start().starts_with("/dev/")).unwrap_or_else(|| panic!("no file system line in `quota -v {flag} {name}`:\n{text}"));
        let f: Vec<u64> = line.split_whitespace().skip(1).take(3).map(|x| x.trim_end_matches('*').parse().unwrap()).collect();
        (f[0], f[1], f[2])
    }

    /// `crontab -l -u USER`: Some(text), or None when the user has no crontab.
    pub fn crontab(&self, host: &str, user: &str) -> Option<String> {
        let out = self.hosts.ssh(host, &format!("crontab -l -u '{user}'"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            assert!(stderr.contains("no crontab for"), "crontab -l -u {user} on {host}: {stderr}");
            None
        }
    }

    /// `hsadmin --json plan --detailed-exitcode`: the exit code and the actions per server, as
    /// "server action target" lines.
    pub fn plan(&self) -> (i32, Vec<String>) {
        let r = self.run(&["--json", "plan", "--detailed-exitcode"]);
        assert!(r.code == 0 || r.code == 3, "plan failed ({}):\n{}\n{}", r.code, r.stdout, r.stderr);
        // Drift is the result, not an error: the plan document on stdout, no error line on stderr.
        assert!(!r.stderr.contains("error:"), "plan --detailed-exitcode reported drift as an error: {}", r.stderr);
        assert!(r.json().is_array(), "the plan document, not an error document: {}", r.stdout);
        let mut lines = Vec::new();
        let servers = r.json().as_array().unwrap().clone();
        assert_eq!(servers.len(), HOSTS.len(), "plan must report every server of the ledger: {}", r.stdout);
        for s in &servers {
            assert_eq!(s["error"], Value::Null, "plan could not read {}: {s}", s["server"]);
            for a in s["actions"].as_array().unwrap() {
                lines.push(format!("{} {}", s["server"].as_str().unwrap(), action(a)));
            }
        }
        (r.code, lines)
    }

    /// Asserts that the servers are in line with the ledger: an empty plan, exit 0 from --detailed-exitcode.
    pub fn assert_in_line(&self, when: &str) {
        let (code, actions) = self.plan();
        assert_eq!((code, actions.clone()), (0, vec![]), "{when}: the servers should be in line with the ledger, but plan says {actions:#?}");
    }

    /// What the ledger says a server should have (the rendered vhosts and crontabs), through hsadmin's own
    /// render functions.
    pub fn rendered(&self, server: &str) -> hsadmin::render::Desired {
        let config = hsadmin::config::load(Some(&self.env.config)).unwrap().config;
        let actor = hsadmin::ledger::Actor { user: "robot-test".into(), command: "tests/robot.rs".into() };
        let mut ledger = hsadmin::ledger::Ledger::open(&self.env.ledger, actor).unwrap();
        ledger
            .read(|tx| {
                use hsadmin::ledger::{cron, domain, package, user};
                let (packages, users) = (package::list(tx, None, Some(server))?, user::on_server(tx, server)?);
                let (domains, cron_jobs) = (domain::on_server(tx, server)?, cron::on_server(tx, server)?);
                let rows = hsadmin::render::Rows { packages: &packages, users: &users, domains: &domains, cron_jobs: &cron_jobs, today: super::TODAY };
                Ok(hsadmin::render::desired(&rows, &config.web))
            })
            .unwrap()
    }

    pub fn rendered_vhost(&self, server: &str, domain: &str) -> String {
        let d = self.rendered(server);
        d.vhosts.iter().find(|v| v.domain == domain).unwrap_or_else(|| panic!("the ledger renders no vhost for {domain}")).content.clone()
    }

    /// The standard set-up, each command applying on h1 at once: package xyz00, user xyz00-web (100/120 MB,
    /// a password), domain example.org of xyz00-web, one cron job, and a page in the domain's htdocs.
    pub fn set_up_xyz00(&self) -> Setup {
        let r = self.ok(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
        assert!(r.stderr.contains("Applied") && r.stderr.contains("on h1"), "package create should say it applied on h1: {}", r.stderr);
        let web = self
            .ok_with(
                &["--json", "user", "add", "xyz00-web", "--shell", "/bin/bash", "--quota-soft-mb", "100", "--quota-hard-mb", "120", "--password-stdin"],
                Some(&format!("{PASSWORD}\n")),
            )
            .json();
        let r = self.ok(&["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz00-web"]);
        assert!(r.stderr.contains("Applied"), "domain add should say it applied: {}", r.stderr);
        let job = self.json(&["cron", "add", "--user", "xyz00-web", "--schedule", SCHEDULE, "--command", JOB]);
        // The domain admin's page, put there as the user would (owned by xyz00-web).
        self.sh("h1", &format!("printf '%s' '{PAGE}' > {HTDOCS}/index.html && chown xyz00-web:xyz00 {HTDOCS}/index.html"));
        Setup { web_uid: web["uid"].as_u64().unwrap(), job_id: job["id"].as_i64().unwrap() }
    }

    /// Everything of the managed world on a server, to prove that something changed nothing.
    pub fn snapshot(&self, host: &str) -> String {
        self.sh(
            host,
            r#"export LC_ALL=C
getent passwd | sort; echo ---; getent group | sort; echo ---; getent shadow | sort; echo ---
ls -la --time-style=full-iso /etc/apache2/sites-available /etc/apache2/sites-enabled /etc/apache2/mods-enabled; echo ---
for f in /etc/apache2/sites-available/hsadmin-*.conf; do [ -f "$f" ] && sha256sum "$f"; done; echo ---
ls -la --time-style=full-iso /var/spool/cron/crontabs; echo ---
for u in $(awk -F: '$3 >= 100000 && $3 <= 999999 { print $1 }' /etc/passwd); do echo "crontab of $u:"; crontab -l -u "$u" 2>&1; done; echo ---
find /home/pacs /var/log/apache2/hsadmin -printf '%p %u %g %m %s %T@\n' | sort; echo ---
repquota -u -n /home; repquota -g -n /home
"#,
        )
    }
}

pub struct Setup {
    pub web_uid: u64,
    pub job_id: i64,
}

/// "action target" of a plan's action in JSON.
pub fn action(a: &Value) -> String {
    let name = a["action"].as_str().unwrap();
    match ["file", "user", "path", "group", "name", "module"].iter().find_map(|k| a[*k].as_str()) {
        Some(target) => format!("{name} {target}"),
        None => name.to_owned(),
    }
}

pub fn outcomes(results: &Value) -> Vec<(String, String)> {
    results.as_array().unwrap().iter().map(|r| (r["server"].as_str().unwrap().to_owned(), r["outcome"].as_str().unwrap().to_owned())).collect()
}

pub fn result<'a>(results: &'a Value, server: &str) -> &'a Value {
    results.as_array().unwrap().iter().find(|r| r["server"] == server).unwrap_or_else(|| panic!("no result for {server} in {results}"))
}

pub fn actions(result: &Value) -> Vec<String> {
    result["actions"].as_array().unwrap().iter().map(action).collect()
}
