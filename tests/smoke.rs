//! The walk-through, as written, end to end on a fresh ledger.
mod common;
use common::TestEnv;

#[test]
fn the_documented_walk_through_works() {
    let env = TestEnv::seeded();
    env.ok(&["user", "add", "xyz00-web", "--shell", "/bin/bash", "--quota-soft-mb", "100", "--quota-hard-mb", "120"]);
    let r = env.run_with(&["user", "update", "xyz00-web", "--password-stdin"], Some("S3cret-Pass!\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    env.ok(&["cron", "add", "--user", "xyz00-web", "--schedule", "*/5 * * * *", "--command", "php ~/cron.php"]);
    let packages = env.json(&["package", "list"]);
    assert_eq!(packages[0]["name"], "xyz00");
    assert_eq!(packages[0]["status"], "active");
    let member = env.json(&["member", "show", "10001"]);
    assert_eq!(member["shares"], 2);
    assert_eq!(member["assets"]["cents"], 12800);
    assert_eq!(member["packages"], serde_json::json!(["xyz00"]));
}
