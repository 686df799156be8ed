//! The keys of the ledger's things, for shell completion: read-only, without migrations or locks, so
//! that pressing TAB never changes the ledger and never waits for a writer (WAL readers don't).
use crate::Result;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// What a completion asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    Member,
    Package,
    User,
    Domain,
    Server,
    Product,
    CronJob,
    BankAccount,
    Mandate,
}

impl Names {
    /// The key and a short description of each row, in key order.
    fn query(self) -> &'static str {
        match self {
            Names::Member => "SELECT CAST(number AS TEXT), name FROM member ORDER BY number",
            Names::Package => "SELECT name, 'member ' || member || ' on ' || server FROM package ORDER BY name",
            Names::User => "SELECT name, package FROM unix_user ORDER BY name",
            Names::Domain => "SELECT name, package FROM domain ORDER BY name",
            Names::Server => "SELECT name, address || ' (' || roles || ')' FROM server ORDER BY name",
            Names::Product => "SELECT code, name FROM product ORDER BY code",
            Names::CronJob => "SELECT CAST(id AS TEXT), user || ': ' || command FROM cron_job ORDER BY id",
            Names::BankAccount => "SELECT CAST(id AS TEXT), 'member ' || member || ' ' || iban FROM bank_account WHERE removed IS NULL ORDER BY id",
            Names::Mandate => "SELECT reference, 'member ' || member || ', signed ' || signed FROM mandate WHERE revoked IS NULL ORDER BY reference",
        }
    }
}

/// Every key of `what` with its description; an error when the ledger cannot be read.
pub fn list(path: &Path, what: Names) -> Result<Vec<(String, String)>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let mut stmt = conn.prepare(what.query())?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
