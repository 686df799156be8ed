//! The name service end to end (issue 9): zones on the real test servers' BIND (tests/testhosts/up.sh;
//! each host's named listens on its own address), judged by the servers themselves — `dig` against
//! the primary (h1, also a web server) and the secondary (h2), the files, `named-checkzone` — never by
//! hsadmin's own output. The tests share the servers with tests/robot.rs, so they hold the same lock and
//! leave BIND as they found it (no hsadmin include, no zones).
mod common;
use common::TestEnv;
use common::robot::*;
use serde_json::Value;
use std::sync::MutexGuard;

struct Dns {
    env: TestEnv,
    hosts: common::TestHosts,
    _servers: MutexGuard<'static, ()>,
}

impl Drop for Dns {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            scrub(&self.hosts);
        }
    }
}

/// Everything of hsadmin's kinds off the hosts, the name service's too (tests/testhosts/scrub.sh).
fn scrub(hosts: &common::TestHosts) {
    hosts.scrub();
}

impl Dns {
    /// h1 web and dns-primary, h2 dns-secondary, h3 web; member 10001 with package xyz00 on h1.
    fn new() -> Self {
        let servers = exclusive();
        let hosts = running_hosts();
        scrub(&hosts);
        let env = TestEnv::new();
        hosts.config(&env, true, "[dns]\nnameservers = [\"ns1.example.net\", \"ns2.example.net\"]\n");
        for (h, roles) in [("h1", "web,dns-primary"), ("h2", "dns-secondary"), ("h3", "web")] {
            let a = address(h);
            env.ok(&["server", "add", h, "--address", &a, "--role", roles, "--ipv4", &a]);
        }
        env.add_erika();
        env.ok(&["catalog", "import", &common::catalog_path()]);
        let t = Self { env, hosts, _servers: servers };
        t.ok(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
        t
    }

    fn run(&self, args: &[&str]) -> common::Run {
        self.env.run_live(args, None)
    }

    fn ok(&self, args: &[&str]) -> common::Run {
        let r = self.run(args);
        assert_eq!(r.code, 0, "hsadmin {args:?} failed with exit {}:\nstdout:\n{}\nstderr:\n{}", r.code, r.stdout, r.stderr);
        r
    }

    fn sh(&self, host: &str, script: &str) -> String {
        sh(&self.hosts, host, script)
    }

    /// `dig @HOST NAME TYPE +short`, run on the host itself.
    fn dig(&self, host: &str, name: &str, rtype: &str) -> String {
        self.sh(host, &format!("dig @{} '{name}' {rtype} +short +time=1 +tries=2", address(host))).trim().to_owned()
    }

    /// Polls `dig` until it answers `want` (bounded: 40 × 250 ms).
    fn wait_for(&self, host: &str, name: &str, rtype: &str, want: &str) {
        let mut last = String::new();
        for _ in 0..40 {
            last = self.dig(host, name, rtype);
            if last == want {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
        panic!("{host} still answers {last:?} for {name} {rtype}, not {want:?}");
    }

    /// The zone as the ledger renders it (`dns show --json`).
    fn zone(&self, domain: &str) -> Value {
        self.ok(&["--json", "dns", "show", domain]).json()
    }

    fn soa_serial(&self, host: &str, domain: &str) -> String {
        self.dig(host, domain, "SOA").split_whitespace().nth(2).unwrap_or_default().to_owned()
    }

    /// Every byte of hsadmin's name service on a host: the files with their hashes and the include line.
    fn dns_state(&self, host: &str) -> String {
        self.sh(
            host,
            "export LC_ALL=C; grep -n hsadmin /etc/bind/named.conf.local || true; for f in /etc/bind/named.conf.hsadmin-* /var/lib/hsadmin/zones/* /var/cache/bind/hsadmin/*; do [ -e \"$f\" ] && ls -l --time-style=full-iso \"$f\" && sha256sum \"$f\"; done; true",
        )
    }

    fn logins(&self) -> Vec<usize> {
        HOSTS.iter().map(|h| self.hosts.logins(h)).collect()
    }
}

#[test]
fn a_domain_is_served_by_the_primary_and_the_secondary_and_a_new_record_reaches_the_secondary() {
    let t = Dns::new();
    t.ok(&["domain", "add", "example.org", "--package", "xyz00", "--subdomains", "blog"]);
    // The primary serves the rendered zone file; the package server's address for apex, www and blog.
    for name in ["example.org", "www.example.org", "blog.example.org"] {
        assert_eq!(t.dig("h1", name, "A"), "127.0.0.11", "{name} on the primary");
    }
    assert_eq!(t.dig("h1", "example.org", "MX"), "10 mx.example.net.");
    let zone = t.zone("example.org");
    assert_eq!(t.sh("h1", "cat /var/lib/hsadmin/zones/example.org"), zone["text"].as_str().unwrap(), "the zone file is the rendered one");
    assert_eq!(t.stat_of("h1", "/var/lib/hsadmin/zones"), "root bind 750 directory");
    let check = t.sh("h1", "named-checkzone -k fail example.org /var/lib/hsadmin/zones/example.org && named-checkconf && echo fine");
    assert!(check.ends_with("fine\n"), "{check}");
    // Mail off: a null MX (RFC 7505), still a zone named-checkzone takes.
    t.ok(&["domain", "update", "example.org", "--mail", "false"]);
    assert_eq!(t.dig("h1", "example.org", "MX"), "0 .");
    let check = t.sh("h1", "named-checkzone -k fail example.org /var/lib/hsadmin/zones/example.org && echo fine");
    assert!(check.ends_with("fine\n"), "{check}");
    t.ok(&["domain", "update", "example.org", "--mail", "true"]);
    assert_eq!(t.dig("h1", "example.org", "MX"), "10 mx.example.net.");
    let zone = t.zone("example.org");
    // The secondary transferred it.
    t.wait_for("h2", "example.org", "SOA", &t.dig("h1", "example.org", "SOA"));
    assert_eq!(t.soa_serial("h2", "example.org"), zone["serial"].to_string());
    assert_eq!(t.dig("h2", "example.org", "MX"), "10 mx.example.net.");
    assert_eq!(t.dig("h3", "example.org", "A"), "", "h3 is no name server");

    // A record: the primary reloads the zone, notifies, and the secondary serves the new serial within seconds.
    t.ok(&["dns", "record", "add", "example.org", "mail 300 IN A 192.0.2.25"]);
    let after = t.zone("example.org");
    let serial = after["serial"].as_u64().unwrap();
    assert!(serial > zone["serial"].as_u64().unwrap(), "the serial moves with the content: {serial}");
    assert_eq!(t.soa_serial("h1", "example.org"), serial.to_string());
    t.wait_for("h2", "example.org", "SOA", &t.dig("h1", "example.org", "SOA"));
    assert_eq!(t.dig("h2", "mail.example.org", "A"), "192.0.2.25");

    // Nothing left to do; the same content keeps its serial on the next plan.
    let plan = t.run(&["--json", "plan", "--detailed-exitcode"]);
    assert_eq!(plan.code, 0, "in line after the changes: {}", plan.stdout);
    assert_eq!(t.zone("example.org")["serial"], after["serial"]);

    // The domain goes: the zone leaves the primary and the secondary, files and all.
    t.ok(&["domain", "remove", "example.org", "-y"]);
    assert_eq!(t.dig("h1", "example.org", "SOA"), "");
    t.wait_for("h2", "example.org", "SOA", "");
    assert_eq!(t.sh("h1", "ls -A /var/lib/hsadmin/zones"), "");
    assert_eq!(t.sh("h2", "ls -A /var/cache/bind/hsadmin"), "");
}

#[test]
fn a_record_failing_named_checkzone_or_hostile_never_reaches_a_server() {
    let t = Dns::new();
    t.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    let before = (t.dns_state("h1"), t.dns_state("h2"));
    let logins = t.logins();
    let hostile = [
        "_bad A 192.0.2.1", // fails named-checkzone -k fail (check-names)
        "$INCLUDE /etc/shadow",
        "$ORIGIN evil.org.",
        "x A 192.0.2.1\n@ NS evil.org.",
        "x TXT \"a\" ; comment",
        "x TXT \"a\"\"b\"",
        "x TXT \"\u{1b}[2J\"",
        "x TXT unquoted'",
        "evil.org. A 192.0.2.1",
        "www CNAME other.example.net.",
    ];
    let long = format!("x TXT \"{}\"", "a".repeat(256));
    for record in hostile.iter().copied().chain([long.as_str()]) {
        let r = t.run(&["--json", "dns", "record", "add", "example.org", record]);
        assert_eq!(r.code, 2, "{record:?} must be refused with exit 2:\n{}\n{}", r.stdout, r.stderr);
        assert_eq!(r.json()["error"]["field"], "record", "{record:?}: {}", r.stdout);
    }
    let r = t.run(&["--json", "dns", "record", "add", "example.org", "_bad A 192.0.2.1"]);
    assert!(r.stdout.contains("named-checkzone"), "the refusal names named-checkzone: {}", r.stdout);
    assert_eq!(t.logins(), logins, "no SSH login for refused records");
    assert_eq!((t.dns_state("h1"), t.dns_state("h2")), before, "the servers are unchanged");
    assert_eq!(t.ok(&["--json", "dns", "record", "list"]).json(), serde_json::json!([]), "the ledger is unchanged");
}

#[test]
fn a_zone_broken_by_hand_keeps_being_served_and_apply_repairs_it() {
    let t = Dns::new();
    t.ok(&["domain", "add", "example.org", "--package", "xyz00"]);
    let good = t.sh("h1", "cat /var/lib/hsadmin/zones/example.org");
    t.sh("h1", "printf 'broken line !!!\\n' >> /var/lib/hsadmin/zones/example.org; rndc reload example.org > /dev/null 2>&1 || true");
    assert_eq!(t.dig("h1", "example.org", "A"), "127.0.0.11", "named keeps serving the last good zone");
    let plan = t.run(&["--json", "plan", "--detailed-exitcode"]);
    assert_eq!(plan.code, 3, "the drift shows: {}", plan.stdout);
    let h1 = result(&plan.json(), "h1").clone();
    assert_eq!(actions(&h1), ["write_zone"], "{h1}");
    t.ok(&["apply"]);
    assert_eq!(t.sh("h1", "cat /var/lib/hsadmin/zones/example.org"), good);
    assert_eq!(t.dig("h1", "example.org", "A"), "127.0.0.11");
    assert_eq!(t.run(&["plan", "--detailed-exitcode"]).code, 0);
}

#[test]
fn a_web_and_primary_server_gets_one_session_and_one_script_per_apply() {
    let t = Dns::new();
    t.ok(&["domain", "add", "example.org", "--package", "xyz00", "--no-apply"]);
    let plan = t.ok(&["--json", "plan"]).json();
    let roles: Vec<&str> = result(&plan, "h1")["actions"].as_array().unwrap().iter().map(|a| a["role"].as_str().unwrap()).collect();
    assert!(roles.contains(&"web") && roles.contains(&"dns-primary"), "both roles have work on h1: {roles:?}");
    let logins = t.hosts.logins("h1");
    let applied = t.ok(&["--json", "apply"]).json();
    assert_eq!(result(&applied, "h1")["outcome"], "applied", "{applied}");
    assert_eq!(t.hosts.logins("h1"), logins + 1, "one SSH session on h1 for facts and the one apply script of both roles");
    // One script: one result with one plan hash for both roles' actions, and both took effect.
    let h1 = result(&applied, "h1");
    assert!(h1["plan_hash"].as_str().is_some_and(|h| h.len() == 64), "{h1}");
    assert_eq!(t.dig("h1", "example.org", "A"), "127.0.0.11");
    assert!(t.sh("h1", "head -n 1 /etc/apache2/sites-available/hsadmin-example.org.conf").starts_with("# Managed by hsadmin"));
}

impl Dns {
    fn stat_of(&self, host: &str, path: &str) -> String {
        self.sh(host, &format!("stat -c '%U %G %a %F' '{path}'")).trim().to_owned()
    }
}
