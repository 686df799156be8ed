//! Traffic collection end to end (issue 10, "Usage"): real requests with `curl` against the vhosts hsadmin set
//! up on the Debian test servers (tests/testhosts/up.sh), Apache's own traffic log, `hsadmin traffic collect`
//! and the ledger's rows compared with what curl and Apache counted.
//!
//! The log lines of real requests carry today's date, and only finished days are collected. So, after the
//! requests, each test copies Apache's lines into the rotated files `hsadmin-traffic.log.1` (as yesterday) and
//! `.2.gz` (as the day before), rewriting nothing but the date field: the byte counts stay Apache's own.
//! The servers are shared with the robot tests: each test starts from scrubbed servers (the harness in
//! tests/common/robot.rs) and leaves them scrubbed, the traffic log and its copies included.
mod common;
use common::robot::*;
use serde_json::Value;
use std::collections::BTreeMap;

const LOG: &str = "/var/log/apache2/hsadmin-traffic.log";
const ORG: &str = "/home/pacs/xyz00/users/web/doms/example.org";
const NET: &str = "/home/pacs/xyz00/users/web/doms/example.net";

/// The server's today, yesterday and the day before (its clock decides what is over).
fn days(t: &Robot, host: &str) -> (String, String, String) {
    let out = t.sh(host, "date +%F; date -d yesterday +%F; date -d '2 days ago' +%F");
    let d: Vec<&str> = out.lines().collect();
    (d[0].into(), d[1].into(), d[2].into())
}

/// A file of `size` bytes in a document root, owned by the domain admin `owner` (as the admin would upload it).
fn put(t: &Robot, host: &str, owner: &str, dir: &str, name: &str, size: usize) {
    t.sh(host, &format!("head -c {size} /dev/urandom > {dir}/{name} && chown {owner} {dir}/{name}"));
}

/// What curl counted for one request: (body bytes, bytes sent, bytes received with the headers, status).
#[derive(Debug, Clone, Copy)]
struct Fetched {
    body: u64,
    sent: u64,
    received: u64,
    status: u16,
}

/// Runs `curl` on the server itself for each (Host header, path), and returns what it counted.
fn fetch(t: &Robot, host: &str, requests: &[(&str, &str)]) -> Vec<Fetched> {
    let addr = address(host);
    let script: String = requests
        .iter()
        .map(|(h, p)| format!("curl -s -o /dev/null --max-time 5 -w '%{{size_download}} %{{size_request}} %{{size_header}} %{{http_code}}\\n' -H 'Host: {h}' 'http://{addr}{p}'\n"))
        .collect();
    let out = t.sh(host, &script);
    let list: Vec<Fetched> = out
        .lines()
        .map(|l| {
            let f: Vec<u64> = l.split_whitespace().map(|x| x.parse().unwrap()).collect();
            Fetched { body: f[0], sent: f[1], received: f[0] + f[2], status: f[3] as u16 }
        })
        .collect();
    assert_eq!(list.len(), requests.len(), "one line per request: {out}");
    list
}

/// The traffic log's lines for `day` as (domain, in, out), checked to be exactly Apache's four fields.
fn log_lines(t: &Robot, host: &str, day: &str) -> Vec<(String, u64, u64)> {
    let text = t.sh(host, &format!("cat {LOG}"));
    text.lines()
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            assert_eq!(f.len(), 4, "a traffic log line is DAY DOMAIN IN OUT: {l:?}");
            assert_eq!(f[0], day, "{l:?}");
            (f[1].to_owned(), f[2].parse().unwrap(), f[3].parse().unwrap())
        })
        .collect()
}

/// Per domain: (bytes in, bytes out) summed over `lines`.
fn sums(lines: &[(String, u64, u64)]) -> BTreeMap<String, (u64, u64)> {
    let mut out: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (d, i, o) in lines {
        let e = out.entry(d.clone()).or_default();
        (e.0, e.1) = (e.0 + i, e.1 + o);
    }
    out
}

/// Copies the current log's lines (dated `today`) into `.1` dated `yesterday` and `.2.gz` dated `before`,
/// rewriting only the date; `extra` lines are appended to `.1` as they are.
fn rotate_copies(t: &Robot, host: &str, (today, yesterday, before): &(String, String, String), extra: &str) {
    t.sh(
        host,
        &format!(
            "sed 's/^{today} /{yesterday} /' {LOG} > {LOG}.1 && printf '%b' '{extra}' >> {LOG}.1 && sed 's/^{today} /{before} /' {LOG} | gzip > {LOG}.2.gz"
        ),
    );
}

/// The ledger's traffic rows: (day, domain) → (package, server, bytes in, bytes out).
fn ledger_rows(t: &Robot) -> BTreeMap<(String, String), (String, String, u64, u64)> {
    let conn = rusqlite::Connection::open_with_flags(&t.env.ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT day, domain, package, server, bytes_in, bytes_out FROM traffic_day").unwrap();
    stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?, r.get::<_, i64>(4)? as u64, r.get::<_, i64>(5)? as u64))))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn server<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc.as_array().unwrap().iter().find(|r| r["server"] == name).unwrap_or_else(|| panic!("no {name} in {doc}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect()
}

/// Package xyz00 on h1 with example.org (and its subdomain blog) and example.net, both of xyz00-web.
fn set_up_h1(t: &Robot) {
    t.ok(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    t.ok(&["user", "add", "xyz00-web"]);
    t.ok(&["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz00-web", "--subdomains", "blog"]);
    t.ok(&["domain", "add", "example.net", "--package", "xyz00", "--user", "xyz00-web"]);
}

#[test]
fn traffic_from_real_apache_logs_is_collected_once_per_day_and_domain_and_matches_what_curl_received() {
    let t = Robot::new();
    set_up_h1(&t);

    // The apply recorded the package's disk usage of the day (the converge engine, from repquota).
    let conn = rusqlite::Connection::open_with_flags(&t.env.ledger, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let utc_today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let usage: Vec<(String, String, i64)> = conn
        .prepare("SELECT package, day, used_kb FROM usage_day")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(usage.iter().any(|(p, d, kb)| p == "xyz00" && *d == utc_today && *kb >= 0), "an apply records a usage_day row: {usage:?}");

    // Every vhost writes the traffic log; Apache accepts the configuration (mod_logio is built into Debian's).
    let vhost = t.sh("h1", "cat /etc/apache2/sites-available/hsadmin-example.org.conf");
    assert_eq!(vhost.matches(&format!("CustomLog {LOG} \"%{{%Y-%m-%d}}t example.org %I %O\"")).count(), 2, "{vhost}");
    assert!(t.sh("h1", "apache2ctl -M 2>/dev/null").contains("logio_module"), "mod_logio is loaded");
    assert!(t.hosts.ssh("h1", "apache2ctl configtest").status.success());

    // Files of known sizes, fetched several times per domain (www and the subdomain count as the domain).
    put(&t, "h1", "xyz00-web:xyz00", &format!("{ORG}/htdocs"), "a.bin", 12345);
    put(&t, "h1", "xyz00-web:xyz00", &format!("{ORG}/htdocs"), "b.bin", 1000);
    put(&t, "h1", "xyz00-web:xyz00", &format!("{ORG}/subs/blog"), "c.bin", 777);
    put(&t, "h1", "xyz00-web:xyz00", &format!("{NET}/htdocs"), "d.bin", 54321);
    let requests = [
        ("example.org", "/a.bin"),
        ("example.org", "/a.bin"),
        ("www.example.org", "/a.bin"),
        ("example.org", "/b.bin"),
        ("blog.example.org", "/c.bin"),
        ("example.org", "/missing"),
        ("example.net", "/d.bin"),
        ("www.example.net", "/d.bin"),
    ];
    let days = days(&t, "h1");
    let fetched = fetch(&t, "h1", &requests);
    let statuses: Vec<u16> = fetched.iter().map(|f| f.status).collect();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 404, 200, 200]);
    let mut curl: BTreeMap<&str, (u64, u64, u64)> = BTreeMap::new();
    for ((host, _), f) in requests.iter().zip(&fetched) {
        let domain = host.trim_start_matches("www.").trim_start_matches("blog.");
        let e = curl.entry(domain).or_default();
        (e.0, e.1, e.2) = (e.0 + f.sent, e.1 + f.received, e.2 + f.body);
    }
    assert_eq!(curl["example.org"].2, 3 * 12345 + 1000 + 777 + fetched[5].body);
    assert_eq!(curl["example.net"].2, 2 * 54321);

    // Apache logged one line per request, today, under the ledger's domain: %I is what curl sent, %O what it
    // received with the headers (so at least the bodies).
    let lines = log_lines(&t, "h1", &days.0);
    assert_eq!(lines.len(), requests.len(), "{lines:?}");
    let apache = sums(&lines);
    for (domain, (sent, received, body)) in &curl {
        assert_eq!(apache[*domain], (*sent, *received), "{domain}: Apache's %I and %O are what curl sent and received");
        assert!(apache[*domain].1 >= *body);
    }

    // Nothing of today is collected: the day is not over.
    let doc = t.json(&["traffic", "collect"]);
    assert_eq!(server(&doc, "h1")["collected"], 0, "{doc}");
    assert_eq!(server(&doc, "h1")["server_today"], days.0.as_str());

    // Yesterday and the day before in the rotated files, with a line for a domain the ledger does not have
    // and one that is not of the log's form.
    let extra = format!("{} unknown.example 10 20\\n{} example.org 1 2 3\\n", days.1, days.1);
    rotate_copies(&t, "h1", &days, &extra);
    let r = t.ok(&["--json", "traffic", "collect"]);
    let doc = r.json();
    let h1 = server(&doc, "h1");
    assert_eq!(h1["outcome"], "collected", "{doc}");
    assert_eq!((h1["collected"].clone(), h1["already_collected"].clone(), h1["files"].clone()), (4.into(), 0.into(), 3.into()), "{h1}");
    assert_eq!(strings(&h1["days"]), [days.2.clone(), days.1.clone()]);
    assert_eq!(strings(&h1["domains"]), ["example.net", "example.org"]);
    let warnings = strings(&h1["warnings"]);
    assert!(warnings.iter().any(|w| w.contains("unknown.example") && w.contains("no such domain")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.starts_with("1 line(s)") && w.contains("not of hsadmin's form")), "{warnings:?}");
    assert!(r.stderr.contains("unknown.example"), "warnings on stderr: {}", r.stderr);
    for h in ["h2", "h3"] {
        assert_eq!(server(&doc, h)["outcome"], "unchanged", "{doc}");
    }

    // The ledger has exactly Apache's sums per day and domain: what curl sent and received.
    let mut want = BTreeMap::new();
    for day in [&days.1, &days.2] {
        for (domain, (sent, received, _)) in &curl {
            want.insert((day.clone(), domain.to_string()), ("xyz00".to_owned(), "h1".to_owned(), *sent, *received));
        }
    }
    assert_eq!(ledger_rows(&t), want);

    // Again: nothing new; the ledger is as it was. Only one day asked for: already collected, too.
    let before = t.env.dump();
    let doc = t.json(&["traffic", "collect"]);
    assert_eq!((server(&doc, "h1")["collected"].clone(), server(&doc, "h1")["already_collected"].clone()), (0.into(), 4.into()), "{doc}");
    let doc = t.json(&["traffic", "collect", "--server", "h1", "--date", &days.1]);
    assert_eq!((server(&doc, "h1")["collected"].clone(), server(&doc, "h1")["already_collected"].clone()), (0.into(), 2.into()), "{doc}");
    assert_eq!(doc.as_array().unwrap().len(), 1, "only h1: {doc}");
    assert_eq!(t.env.dump(), before, "a second collection changes nothing");
    let doc = t.json(&["traffic", "collect", "--server", "h1", "--date", &days.0]);
    assert!(strings(&server(&doc, "h1")["warnings"]).iter().any(|w| w.contains("not over yet")), "{doc}");

    // The month's report: per domain Apache's bytes, per package against the 16 GB DW/SA includes.
    let month = &days.1[..7];
    let report = t.json(&["traffic", "report", "--period", month]);
    let p = &report.as_array().unwrap()[0];
    let in_month: Vec<&(String, String)> = want.keys().filter(|(d, _)| d.starts_with(month)).collect();
    let out: u64 = in_month.iter().map(|k| want[*k].3).sum();
    assert_eq!((p["package"].clone(), p["bytes_out"].clone()), ("xyz00".into(), out.into()), "{report}");
    assert_eq!((p["included_bytes"].clone(), p["over_bytes"].clone()), (16_000_000_000u64.into(), 0.into()));
    let org = p["domains"].as_array().unwrap().iter().find(|d| d["domain"] == "example.org").unwrap();
    assert_eq!(org["bytes_in"], curl["example.org"].0 * in_month.iter().filter(|(_, d)| d == "example.org").count() as u64);
    let table = t.ok(&["traffic", "report", "--period", month, "--package", "xyz00"]).stdout;
    assert!(table.contains("example.org") && table.contains("total") && table.contains("16.0 GB"), "{table}");
}

#[test]
fn a_hostile_host_header_or_request_forges_no_record() {
    let t = Robot::new();
    set_up_h1(&t);
    put(&t, "h1", "xyz00-web:xyz00", &format!("{ORG}/htdocs"), "a.bin", 4000);
    let days = days(&t, "h1");
    // Raw requests whose path, headers and Host name another domain of the ledger with made-up counts, or
    // break the request: each prints the bytes it sent and received.
    let fake = format!("{} example.net 99 99999", days.1);
    let script = format!(
        r#"import socket
fake = {fake:?}
reqs = [
    ("GET /a.bin%0A" + fake.replace(" ", "%20") + " HTTP/1.1\r\nHost: example.org\r\n", "example.org"),
    ("GET /a.bin HTTP/1.1\r\nHost: EXAMPLE.ORG.\r\nUser-Agent: \"%{{x}}t " + fake + "\r\n", "example.org"),
    ("GET /a.bin HTTP/1.1\r\nHost: example.org\r\nReferer: x\n" + fake + "\r\n", "-"),
    ("GET / HTTP/1.1\r\nHost: example.net 1 2\r\n", "-"),
    ("GET /a.bin HTTP/1.1\r\nHost: example.org\nexample.net\r\n", "-"),
    ("GET /a.bin HTTP/1.1\r\nHost: evil.example\r\n", "-"),
]
for r, vhost in reqs:
    r = (r + "Connection: close\r\n\r\n").encode()
    s = socket.create_connection(("{addr}", 80))
    s.sendall(r)
    got = b""
    while True:
        b = s.recv(65536)
        if not b:
            break
        got += b
    print(vhost, len(r), len(got), got.split(b" ")[1].decode())
"#,
        addr = address("h1")
    );
    let out = t.hosts.ssh_input("h1", "python3 -", &script);
    let mut expect: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for l in out.stdout.lines() {
        let f: Vec<&str> = l.split(' ').collect();
        if f[0] != "-" {
            let e = expect.entry(f[0].to_owned()).or_default();
            (e.0, e.1) = (e.0 + f[1].parse::<u64>().unwrap(), e.1 + f[2].parse::<u64>().unwrap());
        }
    }
    assert_eq!(out.stdout.lines().count(), 6, "{}\n{}", out.stdout, out.stderr);
    // Apache's lines: four fields each, the ledger's domain as the vhost has it, the real counts.
    let lines = log_lines(&t, "h1", &days.0);
    assert_eq!(sums(&lines), expect, "{lines:?}\n{}", out.stdout);
    rotate_copies(&t, "h1", &days, "");
    t.json(&["traffic", "collect", "--server", "h1"]);
    let rows = ledger_rows(&t);
    let domains: Vec<&str> = rows.keys().map(|(_, d)| d.as_str()).collect();
    assert!(domains.iter().all(|d| *d == "example.org"), "no row for the domain the requests named: {rows:?}");
    assert_eq!(rows[&(days.1.clone(), "example.org".to_owned())].3, expect["example.org"].1);
    assert!(!rows.contains_key(&(days.1.clone(), "example.net".to_owned())));
}

#[test]
fn a_server_down_is_named_exit_3_and_the_others_are_collected() {
    let t = Robot::new();
    set_up_h1(&t);
    t.ok(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h2", "--since", "2026-01-01"]);
    t.ok(&["user", "add", "xyz01-web"]);
    t.ok(&["domain", "add", "example.com", "--package", "xyz01", "--user", "xyz01-web"]);
    put(&t, "h1", "xyz00-web:xyz00", &format!("{ORG}/htdocs"), "a.bin", 2000);
    put(&t, "h2", "xyz01-web:xyz01", "/home/pacs/xyz01/users/web/doms/example.com/htdocs", "a.bin", 3000);
    let d1 = days(&t, "h1");
    let d2 = days(&t, "h2");
    let on_h1 = fetch(&t, "h1", &[("example.org", "/a.bin")]);
    let on_h2 = fetch(&t, "h2", &[("example.com", "/a.bin"), ("example.com", "/a.bin")]);
    rotate_copies(&t, "h1", &d1, "");
    rotate_copies(&t, "h2", &d2, "");

    let _back = StartAgain { hosts: &t.hosts, host: "h2" };
    t.hosts.script("stop-host.sh", &["h2"]);
    let r = t.expect(&["traffic", "collect"], 3);
    let doc = r.json();
    assert_eq!(server(&doc, "h1")["outcome"], "collected", "{doc}");
    assert_eq!(server(&doc, "h2")["outcome"], "unreachable", "{doc}");
    assert!(server(&doc, "h2")["error"].as_str().unwrap().contains("127.0.0.12:22"), "{doc}");
    assert!(r.stderr.contains("h2") && r.stderr.contains("1 of 3 servers"), "stderr names the server: {}", r.stderr);
    let rows = ledger_rows(&t);
    assert_eq!(rows.len(), 2, "h1's two days, nothing of h2: {rows:?}");
    assert_eq!(rows[&(d1.1.clone(), "example.org".to_owned())].3, on_h1[0].received);

    // h2 is back: the next run adds h2's days and leaves h1's as they are.
    t.hosts.script("start-host.sh", &["h2"]);
    let doc = t.json(&["traffic", "collect"]);
    assert_eq!((server(&doc, "h1")["outcome"].clone(), server(&doc, "h2")["outcome"].clone()), ("unchanged".into(), "collected".into()), "{doc}");
    let rows = ledger_rows(&t);
    assert_eq!(rows.len(), 4, "{rows:?}");
    let com = &rows[&(d2.1.clone(), "example.com".to_owned())];
    assert_eq!((com.0.as_str(), com.1.as_str(), com.3), ("xyz01", "h2", on_h2[0].received + on_h2[1].received));
}

// ---------------------------------------------------------------------------------------------
// Without servers: the report's arithmetic, and bad input refused before anything is asked
// ---------------------------------------------------------------------------------------------

#[test]
fn the_report_counts_the_bytes_sent_above_the_included_volume() {
    let env = common::TestEnv::seeded();
    env.ok(&["domain", "add", "example.org", "--package", "xyz00", "--user", "xyz00"]);
    env.ok(&["domain", "add", "example.net", "--package", "xyz00", "--user", "xyz00"]);
    let conn = rusqlite::Connection::open(&env.ledger).unwrap();
    // November: 10 GB + 7 GB + 1 byte sent by example.org, 2 bytes by example.net; December's day is not
    // November's. DW/SA includes 16 GB (and xyz00 booked 16): 1 GB + 3 bytes above it.
    for (day, domain, bytes_in, bytes_out) in [
        ("2026-11-01", "example.org", 5, 10_000_000_000i64),
        ("2026-11-30", "example.org", 6, 7_000_000_001),
        ("2026-11-15", "example.net", 1, 2),
        ("2026-12-01", "example.org", 1, 99_000_000_000),
    ] {
        conn.execute(
            "INSERT INTO traffic_day (day, domain, package, server, bytes_in, bytes_out, collected_at) VALUES (?1, ?2, 'xyz00', 'h1', ?3, ?4, 'test')",
            rusqlite::params![day, domain, bytes_in, bytes_out],
        )
        .unwrap();
    }
    let doc = env.json(&["traffic", "report", "--period", "2026-11"]);
    let p = &doc[0];
    assert_eq!((p["bytes_in"].clone(), p["bytes_out"].clone()), (12.into(), 17_000_000_003u64.into()), "{doc}");
    assert_eq!((p["included_bytes"].clone(), p["over_bytes"].clone()), (16_000_000_000u64.into(), 1_000_000_003u64.into()), "{doc}");
    let domains: Vec<(String, i64, u64)> = p["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["domain"].as_str().unwrap().to_owned(), d["days"].as_i64().unwrap(), d["bytes_out"].as_u64().unwrap()))
        .collect();
    assert_eq!(domains, [("example.net".into(), 1, 2), ("example.org".into(), 2, 17_000_000_001)]);
    let table = env.ok(&["traffic", "report", "--period", "2026-11"]);
    assert!(table.contains("106 %, 1.00 GB over"), "{table}");
    assert_eq!(common::row(&table, "xyz00")[1], "example.net", "{table}");
    // A package without traffic in the month is shown when asked for; none at all is an empty list.
    let doc = env.json(&["traffic", "report", "--period", "2026-10", "--package", "xyz00"]);
    assert_eq!((doc[0]["bytes_out"].clone(), doc[0]["domains"].clone()), (0.into(), serde_json::json!([])), "{doc}");
    assert_eq!(env.json(&["traffic", "report", "--period", "2026-10"]), serde_json::json!([]));
}

#[test]
fn bad_input_is_refused_before_any_server_is_asked() {
    let env = common::TestEnv::seeded();
    env.ok(&["server", "add", "ns9", "--address", "192.0.2.9", "--role", "dns-secondary"]);
    for (args, code, field) in [
        (&["traffic", "report", "--period", "2026-13"][..], 2, Some("period")),
        (&["traffic", "report", "--period", "2026-11", "--package", "xyz"], 2, Some("package")),
        (&["traffic", "report", "--period", "2026-11", "--package", "xyz09"], 1, None),
        (&["traffic", "collect", "--date", "2026-02-30"], 2, Some("date")),
        (&["traffic", "collect", "--server", "h1;id"], 2, Some("server")),
        (&["traffic", "collect", "--server", "h9"], 1, None),
        (&["traffic", "collect", "--server", "ns9"], 2, Some("server")),
    ] {
        let e = env.refused(args, code);
        if let Some(f) = field {
            assert_eq!(e["field"], f, "{args:?}: {e}");
        }
    }
}
