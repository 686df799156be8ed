//! The operations: validate, read and write the ledger in one transaction, return typed results.
//! They never print, prompt or exit; the CLI renders what they return.
pub mod backup;
pub mod capital;
pub mod catalog;
pub mod converge;
pub mod cron;
pub mod database;
pub mod debit;
pub mod dns;
pub mod doctor;
pub mod domain;
pub mod invoice;
pub mod log;
pub mod mail;
pub mod mandate;
pub mod member;
pub mod package;
pub mod registry;
pub mod server;
pub mod traffic;
pub mod user;

use crate::{Error, Result};

/// Turns a missing row into a not-found error naming what was looked for.
pub(crate) fn found<T>(row: Option<T>, what: impl FnOnce() -> String) -> Result<T> {
    row.ok_or_else(|| Error::NotFound(what()))
}

/// A serialised snapshot of a row for the audit log.
pub(crate) fn snapshot<T: serde::Serialize>(row: &T) -> Option<serde_json::Value> {
    Some(serde_json::to_value(row).expect("ledger rows serialise"))
}
