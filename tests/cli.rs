mod common;
// The command line as a hostmaster meets it: help screens with examples and a heading of their own for
// the global options, shell completion of ledger values through a real bash, and usage errors under
// --json that name the argument.
use common::TestEnv;
use std::path::Path;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("hsadmin")
}

#[test]
fn help_screens_show_examples_and_the_global_options_apart() {
    let env = TestEnv::new();
    let help = env.ok(&["member", "add", "--help"]);
    let (own, rest) = help.split_once("Global options:").expect("a Global options heading");
    let global = rest.split_once("Examples:").expect("examples after the options").0;
    assert!(own.contains("--prefix") && !own.contains("--ledger"), "the verb's own options come first, alone:\n{own}");
    assert!(global.contains("--ledger") && global.contains("--json") && !global.contains("--prefix"), "{global}");
    let examples = help.split_once("Examples:").expect("an Examples section").1;
    assert!(examples.contains("hsadmin member add 10001 --prefix xyz"), "{examples}");
    // -h, the short help, has them too.
    assert!(env.ok(&["cron", "add", "-h"]).contains("Examples:\n  hsadmin cron add --user xyz00-web"));
}

#[test]
fn no_apply_is_offered_only_by_the_verbs_that_apply() {
    let env = TestEnv::new();
    for verb in [&["user", "add"][..], &["package", "purge"], &["domain", "update"], &["cron", "remove"]] {
        assert!(env.ok(&[verb, &["--help"]].concat()).contains("--no-apply"), "{verb:?} lacks --no-apply");
    }
    for verb in [&["member", "add"][..], &["log"], &["server", "check"], &["plan"]] {
        assert!(!env.ok(&[verb, &["--help"]].concat()).contains("--no-apply"), "{verb:?} offers --no-apply");
    }
    let e = env.fails(&["member", "list", "--no-apply"], 2);
    assert_eq!(e["kind"], "usage");
}

#[test]
fn options_declare_their_values_and_booleans_take_one_style() {
    let env = TestEnv::seeded();
    let user = env.ok(&["user", "add", "--help"]);
    assert!(user.contains("[possible values: /bin/false, /bin/bash"), "{user}");
    let member = env.ok(&["member", "update", "--help"]);
    assert!(member.contains("--city <CITY>") && member.contains("City of the postal address"), "{member}");
    assert!(member.contains("[possible values: person, organisation]"), "{member}");
    // `--free` alone, `--free=false` and `--free false` on create and update alike.
    env.ok(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--free"]);
    assert_eq!(env.json(&["package", "show", "xyz01"])["free"], true);
    env.ok(&["package", "update", "xyz01", "--free=false"]);
    assert_eq!(env.json(&["package", "show", "xyz01"])["free"], false);
    env.ok(&["package", "update", "xyz01", "--free", "true"]);
    assert_eq!(env.json(&["package", "show", "xyz01"])["free"], true);
    let help = env.ok(&["package", "update", "--help"]);
    assert!(help.contains("on update: unchanged") && !help.contains("[default: what the product includes]"), "{help}");
}

#[test]
fn usage_errors_under_json_keep_the_message_and_name_the_argument() {
    let env = TestEnv::seeded();
    let e = env.fails(&["share", "subscribe", "10001", "--count", "two", "--date", "2026-01-01", "--reference", "SUB-2026-0002"], 2);
    assert_eq!((e["kind"].as_str(), e["field"].as_str()), (Some("usage"), Some("count")));
    assert!(e["message"].as_str().unwrap().contains("invalid value 'two' for '--count <COUNT>'"), "{e}");
    let r = env.run(&["-o", "json", "member", "add", "10002"]);
    assert_eq!(r.code, 2);
    let doc = r.json();
    assert_eq!(doc["error"]["field"], "prefix");
    assert!(doc["error"]["message"].as_str().unwrap().contains("Usage: hsadmin member add"), "the whole message: {doc}");
}

#[test]
fn completion_scripts_are_json_documents_under_json() {
    let env = TestEnv::new();
    let doc = env.json(&["util", "completions", "bash"]);
    assert_eq!(doc["shell"], "bash");
    assert_eq!(doc["script"].as_str().unwrap().as_bytes(), env.ok(&["util", "completions", "bash"]).as_bytes());
}

/// What bash offers for `line` (TAB at its end), with the committed completion script loaded, as a
/// shell with hsadmin on its PATH would.
fn bash_completes(env: &TestEnv, line: &str) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/hsadmin.bash");
    let dir = bin().parent().unwrap().to_owned();
    let program = format!(
        "source {script}\nread -ra COMP_WORDS <<< \"$LINE\"\n[[ $LINE == *' ' ]] && COMP_WORDS+=('')\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\nCOMP_LINE=$LINE COMP_POINT=${{#LINE}} COMP_TYPE=9\n_clap_complete_hsadmin hsadmin \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script = script.display()
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .env("LINE", line)
        .env("PATH", format!("{}:{}", dir.display(), std::env::var("PATH").unwrap_or_default()))
        .env("HSADMIN_LEDGER", &env.ledger)
        .env("HSADMIN_CONFIG", &env.config)
        .output()
        .unwrap();
    assert!(out.status.success(), "bash: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

#[test]
fn bash_completes_member_numbers_and_package_names_from_the_ledger() {
    let env = TestEnv::seeded();
    env.ok(&["member", "add", "10002", "--prefix", "abc", "--name", "Max Muster", "--email", "max@example.org"]);
    env.ok(&["package", "create", "abc00", "--member", "10002", "--product", "DW/SA", "--server", "h1"]);
    assert_eq!(bash_completes(&env, "hsadmin member show 100"), ["10001", "10002"]);
    assert_eq!(bash_completes(&env, "hsadmin share subscribe 1000"), ["10001", "10002"]);
    // On an empty word bash is offered the values first, then the options.
    assert_eq!(bash_completes(&env, "hsadmin package show ")[..2], ["abc00", "xyz00"]);
    assert_eq!(bash_completes(&env, "hsadmin package show xy"), ["xyz00"]);
    assert_eq!(bash_completes(&env, "hsadmin package create xyz01 --server "), ["h1"]);
    assert_eq!(bash_completes(&env, "hsadmin package create xyz01 --product DW/"), ["DW/MA", "DW/SA"]);
    assert_eq!(bash_completes(&env, "hsadmin package list --member 10002 --status act"), ["active"]);
    // Verbs come from the definitions, ledger values from the ledger named on the line being completed.
    assert_eq!(bash_completes(&env, "hsadmin member sh"), ["show"]);
    let empty = TestEnv::new();
    assert_eq!(bash_completes(&env, &format!("hsadmin --ledger {} member show 100", empty.ledger.display())), Vec::<String>::new());
}

#[test]
fn completion_never_writes_the_ledger() {
    let env = TestEnv::seeded();
    let before = std::fs::read(&env.ledger).unwrap();
    assert_eq!(bash_completes(&env, "hsadmin user show xyz"), ["xyz00"]);
    assert!(std::fs::read(&env.ledger).unwrap() == before, "TAB changed the ledger file");
}
