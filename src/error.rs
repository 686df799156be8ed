//! The error type of the library and the one place that decides exit codes.
use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Exit codes, documented in the README and the man page (README.md).
pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const INVALID: u8 = 2;
    pub const PARTIAL: u8 = 3;
    pub const CONFLICT: u8 = 4;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: names the field and the rule it broke.
    #[error("invalid {field}: {rule}")]
    Invalid { field: String, rule: String },
    /// Bad command-line usage (clap) or a bad configuration file.
    #[error("{0}")]
    Usage(String),
    #[error("{0} not found")]
    NotFound(String),
    /// The change contradicts what the ledger already holds (exists, still in use, would go negative).
    #[error("{0}")]
    Conflict(String),
    /// Another process holds the ledger longer than the busy timeout.
    #[error("ledger is busy: {0}")]
    Busy(String),
    /// Some servers or items failed; the result (already printed) lists which.
    #[error("{0}")]
    Partial(String),
    /// The operation was attempted and failed.
    #[error("{0}")]
    Failed(String),
    /// The registry refused a command: its result code (2000 and up) and message (escaped).
    #[error("the registry answered {code}: {message}")]
    Registry { code: u16, message: String },
    #[error("ledger: {0}")]
    Db(rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// An invalid value: `field` is what the user typed the value into, `rule` what it must look like.
    pub fn invalid(field: impl Into<String>, rule: impl Into<String>) -> Self {
        Error::Invalid { field: field.into(), rule: rule.into() }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid { .. } | Error::Usage(_) => exit::INVALID,
            Error::Conflict(_) | Error::Busy(_) => exit::CONFLICT,
            Error::Partial(_) => exit::PARTIAL,
            // Object exists, authorization error, invalid authorization information: a conflict.
            Error::Registry { code: 2201 | 2202 | 2302, .. } => exit::CONFLICT,
            Error::Registry { .. } => exit::FAILED,
            Error::NotFound(_) | Error::Failed(_) | Error::Db(_) | Error::Io(_) => exit::FAILED,
        }
    }

    /// The stable name of the error kind, part of the JSON API.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::Usage(_) => "usage",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Busy(_) => "busy",
            Error::Partial(_) => "partial",
            Error::Failed(_) => "failed",
            Error::Registry { .. } => "registry",
            Error::Db(_) => "ledger",
            Error::Io(_) => "io",
        }
    }

    /// The JSON body written to stdout under `--json` when a command fails.
    pub fn to_json(&self) -> serde_json::Value {
        let field = match self {
            Error::Invalid { field, .. } => Some(field.as_str()),
            _ => None,
        };
        self.to_json_with_field(field)
    }

    /// The JSON body, naming `field` (the argument a usage error is about).
    pub fn to_json_with_field(&self, field: Option<&str>) -> serde_json::Value {
        #[derive(Serialize)]
        struct Body<'a> {
            kind: &'a str,
            message: String,
            #[serde(skip_serializing_if = "Option::is_none")]
            field: Option<&'a str>,
            exit_code: u8,
        }
        serde_json::json!({ "error": Body { kind: self.kind(), message: self.to_string(), field, exit_code: self.exit_code() } })
    }
}

impl From<rusqlite::Error> for Error {
    /// SQLite's own checks are the last line of defence (two processes racing for the same name):
    /// a constraint violation is a conflict, a busy database is busy, the rest is a ledger failure.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::*;
        match e.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => Error::Busy(e.to_string()),
            Some(ConstraintViolation) => Error::Conflict(format!("the ledger refused the change: {e}")),
            _ => Error::Db(e),
        }
    }
}
