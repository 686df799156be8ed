//! hsadmin — the admin toolkit of a cooperative web hoster.
//!
//! The layers, each a module (see ARCHITECTURE.md):
//! - [`cli`]: clap definitions, one file per command group; parse, call one operation, render the result.
//! - [`ops`]: the operations; validate, read and write the ledger in one transaction. Never print.
//! - [`model`]: typed values that validate on construction (names, numbers, money, dates).
//! - [`ledger`]: the SQLite schema, append-only migrations and the queries.
//! - [`remote`]: SSH to the managed servers: host-key checks, the one quoting function, fan-out.
//! - [`render`]: pure functions from ledger rows to a server's desired state (accounts, vhosts, crontabs).
//! - [`output`]: tables for people or one JSON document for scripts, from the same value.
//! - [`error`]: the one error type and the one place that maps errors to exit codes.
pub mod cli;
pub mod config;
pub mod error;
pub mod ledger;
pub mod model;
pub mod ops;
pub mod output;
pub mod registrar;
pub mod remote;
pub mod render;

pub use error::{Error, Result};
