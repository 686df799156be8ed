//! Completion of ledger values: member numbers, package, user, domain, server and product names, cron job and
//! bank account ids, mandate references.
//!
//! The scripts that `hsadmin util completions SHELL` prints are clap_complete's dynamic ones: on TAB the
//! shell runs `COMPLETE=SHELL hsadmin -- WORDS…`, and `main` answers before parsing anything else. Flags,
//! verbs and value sets come from the clap definitions; ledger values from the functions here, attached
//! to an argument with `#[arg(add = complete::member())]`. They read the ledger the command line being
//! completed names (`--ledger`, `--config`, else the environment and the usual places), read-only.
use crate::ledger::names::{self, Names};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use std::ffi::OsString;
use std::path::PathBuf;

pub fn member() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(Names::Member))
}

pub fn package() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(Names::Package))
}

pub fn user() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(Names::User))
}

pub fn domain() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(Names::Domain))
}

pub fn server() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(Names::Server))
}

pub fn product() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(Names::Product))
}

pub fn cron_job() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(Names::CronJob))
}

pub fn bank_account() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(Names::BankAccount))
}

pub fn mandate() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(Names::Mandate))
}

/// The keys with their descriptions; nothing (rather than an error on the terminal) when there is no
/// ledger to read.
fn candidates(what: Names) -> Vec<CompletionCandidate> {
    let Some(path) = ledger_path() else { return Vec::new() };
    let rows = names::list(&path, what).unwrap_or_default();
    rows.into_iter().map(|(key, help)| CompletionCandidate::new(key).help(Some(help.into()))).collect()
}

/// The ledger of the command line being completed: the words after `--` are that command line.
fn ledger_path() -> Option<PathBuf> {
    let words: Vec<OsString> = std::env::args_os().skip_while(|a| a != "--").skip(1).collect();
    let config = flag(&words, "--config").or_else(|| std::env::var_os("HSADMIN_CONFIG").map(PathBuf::from));
    let ledger = flag(&words, "--ledger").or_else(|| std::env::var_os("HSADMIN_LEDGER").map(PathBuf::from));
    let loaded = crate::config::load(config.as_deref()).ok()?;
    crate::config::ledger_path(ledger.as_deref(), &loaded.config).ok()
}

/// The value of `--name VALUE` or `--name=VALUE` among `words`.
fn flag(words: &[OsString], name: &str) -> Option<PathBuf> {
    let prefix = format!("{name}=");
    words.iter().enumerate().find_map(|(i, w)| match w.to_str() {
        Some(w) if w == name => words.get(i + 1).map(PathBuf::from),
        Some(w) => w.strip_prefix(&prefix).map(PathBuf::from),
        None => None,
    })
}
