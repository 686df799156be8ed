//! The domain robot end to end: the real binary against the test EPP registry (tests/registry/registry.py,
//! TLS on 127.0.0.1, every frame validated against the EPP schemas). Register (hosted and registration
//! only), transfer with a poll message acted on once, registry-update, renew, delete, the registry's error
//! codes with their exit codes, the `none` backend, a connection dropped mid-create, hostile names that
//! never reach the registry. HSADMIN_NO_APPLY=1 (TestEnv): no web server is needed.
mod common;
use common::TestEnv;
use common::registry::Registry;
use serde_json::Value;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;

/// The seeded ledger with a postal address for the registrant, and a registry.
fn setup() -> (TestEnv, Registry) {
    let env = TestEnv::seeded();
    env.ok(&["member", "update", "10001", "--street", "Hauptstr. 1", "--zipcode", "20095", "--city", "Hamburg", "--country", "DE"]);
    let reg = Registry::start();
    reg.configure(&env);
    (env, reg)
}

fn error(env: &TestEnv, args: &[&str], code: i32) -> String {
    env.fails(args, code)["message"].as_str().unwrap().to_owned()
}

#[test]
fn register_sets_the_domain_up_and_keeps_its_auth_code_out_of_output_and_log() {
    let (env, mut reg) = setup();
    let d = env.json(&["domain", "register", "robot-one.org", "--package", "xyz00"]);
    assert_eq!(d["registration"], "registered", "{d}");
    assert_eq!(d["hosted"], true);
    assert_eq!(d["user"], "xyz00");
    assert_eq!(d["expires"], "2027-06-01");
    assert_eq!(d["registrant_handle"], "HS10001");
    assert!(d["document_root"].as_str().unwrap().ends_with("/doms/robot-one.org/htdocs"));
    assert_eq!(d["registry"].as_array().unwrap().last().unwrap()["code"], 1000);
    let cmds = reg.commands();
    for c in ["login", "domain:check", "contact:create", "domain:create", "logout"] {
        assert!(cmds.contains(&c.to_owned()), "{c} missing from {cmds:?}");
    }
    let code = env.json(&["domain", "auth-code", "robot-one.org"])["auth_code"].as_str().unwrap().to_owned();
    assert!(code.len() >= 16);
    for args in [&["domain", "show", "robot-one.org"][..], &["log"], &["domain", "list"]] {
        let out = env.ok(&[&["--json"][..], args].concat());
        assert!(!out.contains(&code) && !out.contains("auth_code"), "auth code in {args:?}: {out}");
    }
    let human = env.run(&["domain", "register", "robot-one.org", "--package", "xyz00"]);
    assert_eq!(human.code, 4, "{}", human.stderr);
    reg.finish();
}

#[test]
fn registration_only_has_no_user_and_no_vhost_and_info_shows_both_views() {
    let (env, reg) = setup();
    let d = env.json(&["domain", "register", "only-registered.org", "--package", "xyz00", "--registration-only", "--period", "2"]);
    assert_eq!(d["hosted"], false);
    assert_eq!(d["user"], Value::Null);
    assert_eq!(d["document_root"], Value::Null);
    assert_eq!(d["expires"], "2028-06-01");
    let info = env.json(&["domain", "info", "only-registered.org"]);
    assert_eq!(info["ledger"]["registration"], "registered");
    assert_eq!(info["registry"]["client"], "hsadmin-test");
    assert_eq!(info["registry"]["nameservers"], serde_json::json!(["ns1.example.net", "ns2.example.net"]));
    assert_eq!(info["registry"]["registrant"], "HS10001");
    assert_eq!(info["registry"]["admin"], "HS-ADMIN");
    // The web role renders nothing for it: `plan` would show no vhost. The ledger row has no user.
    let conn = rusqlite::Connection::open(&env.ledger).unwrap();
    let (user, hosted): (Option<String>, i64) =
        conn.query_row("SELECT user, hosted FROM domain WHERE name = 'only-registered.org'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((user, hosted), (None, 0));
    let e = error(&env, &["domain", "update", "only-registered.org", "--user", "xyz00"], 4);
    assert!(e.contains("registration only"), "{e}");
    // Nor a zone: the name servers carry only hosted domains.
    let r = env.run(&["dns", "show", "only-registered.org"]);
    assert_ne!(r.code, 0, "a registration-only domain has no zone: {}", r.stdout);
    assert!(!env.ok(&["dns", "check"]).contains("only-registered.org"));
    // An internationalised name in Unicode goes to the registry (and the ledger) in its ASCII form.
    let idn = env.json(&["domain", "register", "bücher-robot.de", "--package", "xyz00", "--registration-only"]);
    assert_eq!(idn["name"], "xn--bcher-robot-thb.de");
    assert_eq!(idn["unicode"], "bücher-robot.de");
    assert_eq!(env.json(&["domain", "info", "bücher-robot.de"])["registry"]["name"], "xn--bcher-robot-thb.de");
    reg.finish();
}

#[test]
fn transfer_waits_for_approval_and_poll_acts_on_each_message_once() {
    let (env, mut reg) = setup();
    reg.control("preload moving.org other-registrar right-code-1");
    let bad = env.run_with(&["--json", "domain", "transfer", "moving.org", "--package", "xyz00", "--auth-code-stdin"], Some("wrong\n"));
    assert_eq!(bad.code, 4, "{}", bad.stderr);
    assert!(bad.json()["error"]["message"].as_str().unwrap().contains("2202"), "{}", bad.stdout);
    env.fails(&["domain", "show", "moving.org"], 1);

    let r = env.run_with(&["--json", "domain", "transfer", "moving.org", "--package", "xyz00", "--auth-code-stdin"], Some("right-code-1\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["registration"], "transfer-pending");
    assert!(r.stderr.contains("1001"), "{}", r.stderr);
    let none = env.json(&["domain", "poll"]);
    assert_eq!(none.as_array().unwrap().len(), 0);

    reg.control("approve moving.org");
    reg.control("keep-ack");
    // The first ack gets lost: the same message comes again, is acknowledged again, and not acted on twice.
    let log_len = env.json(&["log"]).as_array().unwrap().len();
    let polled = env.json(&["domain", "poll"]);
    assert_eq!(polled.as_array().unwrap().len(), 2, "{polled}");
    assert_eq!((&polled[0]["new"], &polled[1]["new"]), (&Value::Bool(true), &Value::Bool(false)), "{polled}");
    assert_eq!(polled[0]["id"], polled[1]["id"]);
    assert_eq!(polled[0]["domain"], "moving.org");
    assert_eq!(polled[0]["kind"], "transfer serverApproved");
    assert_eq!(env.json(&["log"]).as_array().unwrap().len(), log_len + 1, "acted on once: one audit entry");
    let d = env.json(&["domain", "show", "moving.org"]);
    assert_eq!(d["registration"], "registered");
    assert_eq!(d["expires"], "2028-06-01");
    assert_eq!(env.json(&["domain", "poll"]).as_array().unwrap().len(), 0);
    assert_eq!(reg.stats()["acks"], serde_json::json!(["1", "1"]));
    reg.finish();
}

#[test]
fn registry_update_renew_and_delete() {
    let (env, mut reg) = setup();
    env.ok(&["domain", "register", "lifecycle.org", "--package", "xyz00"]);
    env.ok(&["domain", "registry-update", "lifecycle.org", "--nameserver", "ns3.example.net", "--nameserver", "ns1.example.net", "--lock"]);
    let info = env.json(&["domain", "info", "lifecycle.org"]);
    assert_eq!(info["registry"]["nameservers"], serde_json::json!(["ns1.example.net", "ns3.example.net"]));
    assert!(info["registry"]["status"].as_array().unwrap().contains(&"clientTransferProhibited".into()), "{info}");
    let d = env.json(&["domain", "registry-update", "lifecycle.org", "--registrant", "HS-OTHER-1"]);
    assert_eq!(d["registrant_handle"], "HS-OTHER-1");
    assert_eq!(env.json(&["domain", "info", "lifecycle.org"])["registry"]["registrant"], "HS-OTHER-1");
    let e = env.fails(&["domain", "registry-update", "lifecycle.org", "--registrant", "<x>"], 2);
    assert_eq!(e["field"], "registrant");
    let d = env.json(&["domain", "renew", "lifecycle.org", "--period", "2"]);
    assert_eq!(d["expires"], "2029-06-01");
    // Locked: the registry refuses the delete, the ledger keeps the domain.
    let e = error(&env, &["domain", "delete", "lifecycle.org", "--yes"], 1);
    assert!(e.contains("2304"), "{e}");
    assert_eq!(env.json(&["domain", "show", "lifecycle.org"])["registration"], "registered");
    // `domain update` takes the registry's options too, never mixed with the set-up's nor as a dry run.
    let before = reg.commands().len();
    for mixed in [&["--unlock", "--dry-run"][..], &["--unlock", "--php=false"], &["--nameserver", "ns1.example.net", "--user", "xyz00"]] {
        let e = env.fails(&[&["domain", "update", "lifecycle.org"][..], mixed].concat(), 2);
        assert_eq!(e["field"], "nameserver/lock/unlock/registrant", "{mixed:?}");
    }
    assert_eq!(reg.commands().len(), before, "a refused update sent nothing to the registry");
    env.ok(&["domain", "update", "lifecycle.org", "--unlock"]);
    let status = env.json(&["domain", "info", "lifecycle.org"])["registry"]["status"].clone();
    assert!(!status.as_array().unwrap().contains(&"clientTransferProhibited".into()), "{status}");
    // `remove` only removes a set-up; a registered domain needs `delete`.
    let e = error(&env, &["domain", "remove", "lifecycle.org", "--yes"], 4);
    assert!(e.contains("domain delete"), "{e}");
    let r = env.run(&["domain", "delete", "lifecycle.org"]);
    assert_eq!(r.code, 2, "without a terminal it asks for --yes: {}", r.stderr);
    env.ok(&["domain", "delete", "lifecycle.org", "--yes"]);
    env.fails(&["domain", "show", "lifecycle.org"], 1);
    let e = error(&env, &["domain", "info", "lifecycle.org"], 1);
    assert!(e.contains("not found"), "{e}");
    reg.finish();
}

#[test]
fn registry_errors_reach_the_user_with_their_codes() {
    let (env, mut reg) = setup();
    // Taken: check says so, nothing is created.
    reg.control("preload taken.org other-registrar x-code-1");
    let e = error(&env, &["domain", "register", "taken.org", "--package", "xyz00"], 4);
    assert!(e.contains("not available"), "{e}");
    // A race: check says available, create finds it exists (2302); the pending row goes again.
    reg.control("preload raced.org other-registrar x-code-2");
    reg.control("hide raced.org");
    let e = error(&env, &["domain", "register", "raced.org", "--package", "xyz00"], 4);
    assert!(e.contains("2302"), "{e}");
    env.fails(&["domain", "show", "raced.org"], 1);
    // Someone else's now (2201).
    env.ok(&["domain", "register", "stolen.org", "--package", "xyz00"]);
    reg.control("steal stolen.org");
    let e = error(&env, &["domain", "renew", "stolen.org"], 4);
    assert!(e.contains("2201"), "{e}");
    // Not at the registry (2303).
    env.ok(&["domain", "add", "local-only.org", "--package", "xyz00"]);
    let e = error(&env, &["domain", "info", "local-only.org"], 1);
    assert!(e.contains("2303") && e.contains("does not exist"), "{e}");
    reg.finish();
}

#[test]
fn a_dropped_connection_leaves_the_domain_pending_and_a_rerun_finishes() {
    let (env, mut reg) = setup();
    reg.control("drop-create");
    let e = error(&env, &["domain", "register", "dropped.org", "--package", "xyz00"], 1);
    assert!(e.contains("pending") && e.contains("again"), "{e}");
    assert_eq!(env.json(&["domain", "show", "dropped.org"])["registration"], "pending");
    let before = reg.commands().iter().filter(|c| *c == "domain:create").count();
    let d = env.json(&["domain", "register", "dropped.org", "--package", "xyz00"]);
    assert_eq!(d["registration"], "registered");
    assert_eq!(d["expires"], "2027-06-01");
    assert_eq!(reg.commands().iter().filter(|c| *c == "domain:create").count(), before, "a second create was sent");
    // Dropped before the registry created it: the re-run finds nothing there (2303) and creates it.
    reg.control("lose-create");
    error(&env, &["domain", "register", "lost.org", "--package", "xyz00", "--registration-only"], 1);
    assert_eq!(env.json(&["domain", "show", "lost.org"])["registration"], "pending");
    let d = env.json(&["domain", "register", "lost.org", "--package", "xyz00", "--registration-only"]);
    assert_eq!(d["registration"], "registered");
    let codes: Vec<i64> = d["registry"].as_array().unwrap().iter().map(|a| a["code"].as_i64().unwrap()).collect();
    assert_eq!(codes, [2303, 2302, 1000], "info: not there; contact: exists; create: done");
    reg.finish();
}

#[test]
fn hostile_and_registry_level_names_never_reach_the_registry() {
    let (env, mut reg) = setup();
    for bad in ["$(id).org", "exa mple.org", "a.org;rm", "co.uk", "github.io", "www.example.org", "exаmple.org", "x\u{200b}y.org"] {
        let before = reg.stats()["frames"].clone();
        let r = env.run(&["--json", "domain", "register", bad, "--package", "xyz00"]);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stderr);
        assert_eq!(r.json()["error"]["field"], "name");
        assert_eq!(reg.stats()["frames"], before, "{bad:?} reached the registry");
    }
    let e = error(&env, &["domain", "add", "co.uk", "--package", "xyz00"], 2);
    assert!(e.contains("registry's level"), "{e}");
    reg.finish();
}

#[test]
fn the_none_backend_refuses_registration_commands() {
    let env = TestEnv::seeded();
    for args in [&["domain", "register", "example.org", "--package", "xyz00"][..], &["domain", "poll"], &["domain", "renew", "example.org"]] {
        let e = env.refused(args, 2);
        assert!(e["message"].as_str().unwrap().contains("backend"), "{e}");
    }
}

#[test]
fn a_password_file_others_can_read_is_refused() {
    let (env, reg) = setup();
    let pw = env.dir.path().join("epp.password");
    std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o644)).unwrap();
    let e = error(&env, &["domain", "poll"], 2);
    assert!(e.contains("chmod 600"), "{e}");
    reg.finish();
}

fn read_frame(r: &mut impl std::io::Read) -> String {
    let mut len = [0u8; 4];
    r.read_exact(&mut len).unwrap();
    let mut body = vec![0u8; u32::from_be_bytes(len) as usize - 4];
    r.read_exact(&mut body).unwrap();
    String::from_utf8(body).unwrap()
}

/// The registry's own check: a frame that breaks the EPP schema is recorded as invalid (so the tests
/// above, which find none, prove that hsadmin's frames are valid, not that nothing was looked at).
#[test]
fn the_test_registry_catches_an_invalid_frame() {
    use openssl::ssl::{SslConnector, SslMethod};
    let mut reg = Registry::start();
    let mut b = SslConnector::builder(SslMethod::tls_client()).unwrap();
    b.set_ca_file(reg.dir.path().join("ca.pem")).unwrap();
    let tcp = std::net::TcpStream::connect(("127.0.0.1", reg.port)).unwrap();
    let mut tls = b.build().connect("127.0.0.1", tcp).unwrap();
    assert!(read_frame(&mut tls).contains("<greeting>"));
    // A login without its <svcs>, which the schema requires.
    let bad = br#"<?xml version="1.0" encoding="UTF-8"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><login><clID>x</clID><pw>secret</pw><options><version>1.0</version><lang>en</lang></options></login><clTRID>t1</clTRID></command></epp>"#;
    let mut out = ((bad.len() + 4) as u32).to_be_bytes().to_vec();
    out.extend_from_slice(bad);
    tls.write_all(&out).unwrap();
    assert!(read_frame(&mut tls).contains("code=\"2001\""));
    assert_eq!(reg.stats()["invalid"], 1);
    let _ = reg.child.kill();
    let _ = reg.child.wait();
}

#[test]
fn registering_or_transferring_a_domain_set_up_before_keeps_its_set_up() {
    let (env, mut reg) = setup();
    env.ok(&["domain", "add", "hosted-first.org", "--package", "xyz00", "--subdomains", "blog"]);
    let d = env.json(&["domain", "register", "hosted-first.org", "--package", "xyz00"]);
    assert_eq!(d["registration"], "registered");
    assert_eq!(d["subdomains"], serde_json::json!(["blog"]));
    // Refused transfer: the set-up is put back as it was.
    env.ok(&["domain", "add", "elsewhere.org", "--package", "xyz00"]);
    reg.control("preload elsewhere.org other-registrar code-3");
    let before = env.json(&["domain", "show", "elsewhere.org"]);
    let r = env.run_with(&["--json", "domain", "transfer", "elsewhere.org", "--package", "xyz00", "--auth-code-stdin"], Some("bad\n"));
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_eq!(env.json(&["domain", "show", "elsewhere.org"]), before);
    // A dropped transfer request: pending; the re-run asks the registry and finds the transfer pending.
    reg.control("drop-transfer");
    let r = env.run_with(&["--json", "domain", "transfer", "elsewhere.org", "--package", "xyz00", "--auth-code-stdin"], Some("code-3\n"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("transfer-pending"), "{}", r.stdout);
    let r = env.run_with(&["--json", "domain", "transfer", "elsewhere.org", "--package", "xyz00", "--auth-code-stdin"], Some("code-3\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["registration"], "transfer-pending");
    assert_eq!(reg.commands().iter().filter(|c| *c == "domain:transfer").count(), 3, "request, request, query");
    reg.control("approve elsewhere.org");
    env.ok(&["domain", "poll"]);
    let d = env.json(&["domain", "show", "elsewhere.org"]);
    assert_eq!(d["registration"], "registered");
    assert_eq!(d["hosted"], true);
    reg.finish();
}

#[test]
fn a_registry_whose_certificate_does_not_verify_is_refused() {
    let (env, reg) = setup();
    // Without ca_file the system roots apply, and they do not know the test CA.
    let config = std::fs::read_to_string(&env.config).unwrap();
    let without_ca: String = config.lines().filter(|l| !l.starts_with("ca_file")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&env.config, without_ca).unwrap();
    let e = error(&env, &["domain", "register", "unverified.org", "--package", "xyz00"], 1);
    assert!(e.contains("connection to the registry failed") && e.contains("certificate verify failed"), "{e}");
    env.fails(&["domain", "show", "unverified.org"], 1);
    reg.finish();
}
