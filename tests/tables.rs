//! Tables for people: cut to the terminal's width and decorated on a terminal, plain and whole when piped,
//! numbers right-aligned, `--no-headers`, and the pager for long tables. Terminal cases run the real binary
//! under a pseudo-terminal (util-linux `script`).
mod common;

use common::{Run, TestEnv};
use std::path::PathBuf;
use std::process::{Command, Stdio};

const LONG_NAME: &str = "Genossenschaftliche Vereinigung der Freundinnen und Freunde des guten Webhostings";

/// The seeded ledger and member 10002, whose name is far wider than a terminal.
fn with_long_name() -> TestEnv {
    let env = TestEnv::seeded();
    env.ok(&["member", "add", "--number", "10002", "--prefix", "gvf", "--name", LONG_NAME, "--email", "vorstand@example.org", "--since", "2026-02-01"]);
    env
}

/// `args` quoted for `sh`.
fn sh(args: &[&str]) -> String {
    args.iter().map(|a| format!("'{}'", a.replace('\'', r"'\''"))).collect::<Vec<_>>().join(" ")
}

/// Runs the shell text `line` under a pseudo-terminal, with hsadmin as `$HSADMIN`, the environment of
/// `TestEnv` and `vars`; returns the exit code and what the terminal showed (line ends as `\n`).
fn tty_sh(env: &TestEnv, line: &str, vars: &[(&str, &str)]) -> Run {
    let bin = std::env::var_os("HSADMIN_BIN").map_or_else(|| assert_cmd::cargo::cargo_bin("hsadmin"), PathBuf::from);
    let mut c = Command::new("script");
    c.args(["-qec", line, "/dev/null"])
        .env_clear()
        .envs(env.vars())
        .env("HSADMIN", bin)
        .envs(vars.iter().copied())
        .current_dir(env.dir.path())
        .stdin(Stdio::null());
    let out = c.output().expect("util-linux `script` runs (Debian: bsdutils)");
    let text = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    Run { code: out.status.code().unwrap_or(-1), stdout: text, stderr: String::from_utf8_lossy(&out.stderr).into() }
}

/// Runs hsadmin with `args` under a pseudo-terminal (see [`tty_sh`]) and asserts success.
fn tty(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> String {
    let r = tty_sh(env, &format!("\"$HSADMIN\" {}", sh(args)), vars);
    assert_eq!(r.code, 0, "hsadmin {args:?} under a terminal failed with {}:\n{}\n{}", r.code, r.stdout, r.stderr);
    r.stdout
}

fn width(line: &str) -> usize {
    line.chars().count()
}

/// The column (in characters) where `needle` ends in `line`.
fn end_of(line: &str, needle: &str) -> usize {
    let at = line.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {line:?}"));
    line[..at].chars().count() + needle.chars().count()
}

fn line_with<'a>(out: &'a str, needle: &str) -> &'a str {
    out.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line with {needle:?} in:\n{out}"))
}

#[test]
fn on_a_terminal_a_list_fits_columns() {
    let env = with_long_name();
    let out = tty(&env, &["member", "list"], &[("COLUMNS", "80"), ("LINES", "50")]);
    assert!(out.lines().all(|l| width(l) <= 80), "a line is wider than 80:\n{out}");
    assert!(!out.contains(LONG_NAME), "the long name is cut:\n{out}");
    let row = line_with(&out, "10002");
    assert!(row.contains("  Genossenschaft") && row.contains("…  vorstand@"), "the widest free text is cut: {row}");
    for whole in ["10002", "gvf", "2026-02-01", "ACTIVE"] {
        assert!(row.contains(whole), "{whole:?} is kept whole: {row}");
    }
    assert!(line_with(&out, "10001").contains("Erika Mustermann"), "short cells are not cut:\n{out}");
    assert!(out.lines().nth(1).is_some_and(|l| !l.is_empty() && l.chars().all(|c| c == '─')), "a rule under the header:\n{out}");
}

#[test]
fn without_columns_the_terminal_says_how_wide_it_is() {
    let env = with_long_name();
    let r = tty_sh(&env, "stty cols 64 rows 50 && \"$HSADMIN\" member list", &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("10002") && r.stdout.contains('…'), "{}", r.stdout);
    assert!(r.stdout.lines().all(|l| width(l) <= 64), "a line is wider than the terminal's 64:\n{}", r.stdout);
}

#[test]
fn piped_a_list_is_whole_and_plain() {
    let env = with_long_name();
    let out = env.ok(&["member", "list"]);
    assert!(out.contains(LONG_NAME), "{out}");
    assert!(!out.contains('─') && !out.contains('…'), "{out}");
    let header = out.lines().next().unwrap();
    assert_eq!(header.split_whitespace().collect::<Vec<_>>(), ["number", "prefix", "name", "email", "since", "until", "status"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.lines().all(|l| l == l.trim_end()), "no trailing blanks:\n{out}");
    assert_eq!(common::row(&out, "10002")[2], LONG_NAME);
}

#[test]
fn money_and_counts_are_right_aligned() {
    let env = TestEnv::seeded();
    env.ok(&["asset", "deposit", "10001", "--amount", "1000.00", "--date", "2026-02-01", "--reference", "PAY-2026-0002"]);
    env.ok(&["share", "subscribe", "10001", "--count", "12", "--date", "2026-02-01", "--reference", "SUB-2026-0002"]);
    let piped = env.ok(&["member", "statement", "10001"]);
    let terminal = tty(&env, &["member", "statement", "10001"], &[("COLUMNS", "80"), ("LINES", "50")]);
    for out in [&piped, &terminal] {
        let (first, second) = (line_with(out, "PAY-2026-0001"), line_with(out, "PAY-2026-0002"));
        assert_eq!(end_of(first, " 128.00"), end_of(second, " 1000.00"), "amounts end in one column:\n{out}");
        assert_eq!(end_of(first, " 128.00"), end_of(line_with(out, "amount"), " amount"), "and so does their header:\n{out}");
        let balance = first.rfind(" 128.00").map(|at| first[..at].chars().count() + 7);
        assert_eq!(balance, Some(end_of(second, " 1128.00")), "balances too:\n{out}");
        let (two, twelve) = (line_with(out, "SUB-2026-0001"), line_with(out, "SUB-2026-0002"));
        assert_eq!(end_of(two, " 2 "), end_of(twelve, " 12 "), "counts too:\n{out}");
        assert!(end_of(two, "SUBSCRIPTION") < end_of(two, " 2 "), "{out}");
    }
    // Text stays left-aligned: the types start in one column.
    assert_eq!(line_with(&piped, "SUB-2026-0001").find("SUBSCRIPTION"), line_with(&piped, "id  date").find("type"));
}

#[test]
fn no_headers_drops_the_header_of_tables_csv_and_tsv() {
    let env = with_long_name();
    let piped = env.ok(&["--no-headers", "member", "list"]);
    assert_eq!(piped.lines().count(), 2, "{piped}");
    assert!(piped.starts_with("10001  xyz") && !piped.contains("number"), "{piped}");
    let terminal = tty(&env, &["member", "list", "--no-headers"], &[("COLUMNS", "80"), ("LINES", "50")]);
    assert!(!terminal.contains("number") && !terminal.contains('─') && terminal.starts_with("10001"), "{terminal}");
    let csv = env.ok(&["-o", "csv", "--no-headers", "member", "list"]);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.starts_with("10001,xyz,Erika Mustermann,"), "{csv}");
    assert!(env.ok(&["-o", "tsv", "--no-headers", "member", "list"]).starts_with("10001\txyz\t"));
    assert_eq!(env.ok(&["-o", "csv", "member", "list"]).lines().count(), 3, "with the header");
    assert_eq!(env.ok(&["--no-headers", "domain", "list"]), "", "an empty list without header is nothing");
}

#[test]
fn name_and_csv_of_a_list() {
    let env = with_long_name();
    assert_eq!(env.ok(&["-o", "name", "member", "list"]), "10001\n10002\n");
    assert_eq!(env.ok(&["-o", "name", "--no-headers", "member", "list"]), "10001\n10002\n", "name output has no header anyway");
    let csv = env.ok(&["-o", "csv", "member", "list"]);
    assert_eq!(
        csv,
        format!(
            "number,prefix,name,kind,email,phone,street,zipcode,city,country,vat_id,vat_country,vat_reverse_charge,since,until,status,fee_billable,billable\n\
             10001,xyz,Erika Mustermann,person,erika@example.org,,,,,,,,false,2026-01-01,,ACTIVE,true,true\n\
             10002,gvf,{LONG_NAME},person,vorstand@example.org,,,,,,,,false,2026-02-01,,ACTIVE,true,true\n"
        )
    );
    // Under a terminal, records are not tables: nothing is cut.
    assert!(tty(&env, &["-o", "csv", "member", "list"], &[("COLUMNS", "40"), ("LINES", "50")]).contains(LONG_NAME));
}

/// A pager that records the LESS it got and what it was given into `<dir>/paged`, a moment after its input
/// ended (so that only a caller that waits for it finds the file).
fn pager(env: &TestEnv) -> (String, PathBuf) {
    let script = env.dir.path().join("pager.sh");
    std::fs::write(&script, "out=$1\n{ echo \"LESS=$LESS\"; cat; } > \"$out.part\"\nsleep 0.3\nmv \"$out.part\" \"$out\"\n").unwrap();
    let paged = env.dir.path().join("paged");
    (format!("sh {} {}", script.display(), paged.display()), paged)
}

/// A log longer than a 10-line screen.
fn long_log() -> TestEnv {
    let env = TestEnv::seeded();
    for city in ["Berlin", "Bremen", "Dresden", "Essen", "Hamburg", "Kiel", "Köln", "Mainz"] {
        env.ok(&["member", "update", "10001", "--city", city]);
    }
    env
}

#[test]
fn a_long_table_on_a_terminal_goes_through_the_pager() {
    let env = long_log();
    let (pager, paged) = pager(&env);
    let r = tty_sh(&env, &format!("\"$HSADMIN\" log && test -f {}", paged.display()), &[("PAGER", &pager), ("COLUMNS", "100"), ("LINES", "10")]);
    assert_eq!(r.code, 0, "hsadmin waits for the pager to end: {}", r.stdout);
    let shown = r.stdout;
    let rows = |text: &str| text.lines().filter(|l| l.contains("  member  ")).count();
    let got = std::fs::read_to_string(&paged).expect("the pager ran");
    assert!(got.starts_with("LESS=FRX\nid  at"), "LESS=FRX when LESS is unset, then the table:\n{got}");
    assert_eq!(rows(&got), 9, "the terminal's table, all of it:\n{got}");
    assert!(got.contains('─') && got.contains('…'), "the terminal's table:\n{got}");
    assert!(got.lines().skip(1).all(|l| width(l) <= 100), "cut to the terminal:\n{got}");
    assert_eq!(rows(&shown), 0, "the table went to the pager, not to the terminal:\n{shown}");
    // LESS that is set is left alone.
    tty(&env, &["log"], &[("PAGER", &pager), ("LINES", "10"), ("LESS", "R")]);
    assert!(std::fs::read_to_string(&paged).unwrap().starts_with("LESS=R\n"));
}

#[test]
fn hsadmin_pager_comes_before_pager_and_empty_means_none() {
    let env = long_log();
    let (pager, paged) = pager(&env);
    tty(&env, &["log"], &[("HSADMIN_PAGER", &pager), ("PAGER", "false"), ("LINES", "10")]);
    assert!(paged.exists(), "HSADMIN_PAGER ran");
    std::fs::remove_file(&paged).unwrap();
    for none in ["", "cat"] {
        let shown = tty(&env, &["log"], &[("HSADMIN_PAGER", none), ("PAGER", &pager), ("LINES", "10"), ("COLUMNS", "1000")]);
        assert!(!paged.exists(), "HSADMIN_PAGER={none:?} is no pager");
        assert!(shown.contains("--city Mainz"), "the table is on the terminal:\n{shown}");
    }
}

#[test]
fn no_pager_when_piped_short_not_a_table_or_told_not_to() {
    let env = long_log();
    let (pager, paged) = pager(&env);
    let piped = env.command().args(["log"]).env("PAGER", &pager).env("LINES", "10").output().unwrap();
    assert!(piped.status.success());
    assert!(String::from_utf8_lossy(&piped.stdout).contains("--city Mainz"), "piped, the table is on stdout");
    // Told not to; short enough for the screen; not a table.
    let cases: [(&[&str], &str, &str); 3] =
        [(&["--no-pager", "log"], "10", "--city Mainz"), (&["log"], "100", "--city Mainz"), (&["--json", "log"], "10", "\"Mainz")];
    for (args, lines, expected) in cases {
        let shown = tty(&env, args, &[("PAGER", &pager), ("LINES", lines), ("COLUMNS", "1000")]);
        assert!(shown.contains(expected), "{args:?}: on the terminal:\n{shown}");
        assert!(!paged.exists(), "{args:?}: the pager ran: {}", std::fs::read_to_string(&paged).unwrap_or_default());
    }
}

/// A log of more than 64 KiB, more than a pipe holds.
fn huge_log() -> TestEnv {
    let env = TestEnv::seeded();
    let street = "Lange Straße der Genossenschaft und des freundlichen Webhostings";
    for i in 0..200 {
        env.ok(&["member", "update", "10001", "--name", &format!("{LONG_NAME} {i}"), "--street", street, "--city", "Hamburg"]);
    }
    env
}

#[test]
fn quitting_the_pager_or_the_pipe_early_is_no_error() {
    let env = huge_log();
    assert!(env.ok(&["log"]).len() > 1 << 16, "the log must be more than a pipe holds");
    let r = tty_sh(&env, "\"$HSADMIN\" log; echo \"exit $?\"", &[("PAGER", "true"), ("COLUMNS", "100000"), ("LINES", "10")]);
    assert!(r.stdout.ends_with("exit 0\n"), "the pager read nothing and quit; hsadmin exits 0 quietly:\n{}", r.stdout);
    assert!(!r.stdout.contains("error") && !r.stdout.contains("Broken pipe"), "{}", r.stdout);
    let piped = Command::new("sh")
        .args(["-c", "{ \"$0\" log 2>err; echo $? > rc; } | head -c 100 > /dev/null"])
        .arg(assert_cmd::cargo::cargo_bin("hsadmin"))
        .env("HSADMIN_CONFIG", &env.config)
        .env("HSADMIN_LEDGER", &env.ledger)
        .current_dir(env.dir.path())
        .status()
        .unwrap();
    assert!(piped.success());
    assert_eq!(std::fs::read_to_string(env.dir.path().join("rc")).unwrap(), "0\n");
    assert_eq!(std::fs::read_to_string(env.dir.path().join("err")).unwrap(), "");
}
