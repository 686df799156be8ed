//! Reading the audit log.
use crate::Result;
use crate::ledger::{Tx, audit};
use crate::model::TextField;
use chrono::NaiveDate;

pub use audit::AuditEntry;

/// The kinds of things the audit log records.
pub const ENTITIES: &[&str] = &[
    "member",
    "share_tx",
    "asset_tx",
    "server",
    "product",
    "price",
    "package",
    "unix_user",
    "cron_job",
    "domain",
    "dns_record",
    "invoice",
    "bank_account",
    "mandate",
    "db_user",
    "database",
    "backup",
    "mail_address",
    "mail_alias",
    "mail_list",
];

/// What `hsadmin log` asks for; `None` keeps every entry.
#[derive(Debug, Default)]
pub struct Query {
    /// Entries on or after this day (UTC).
    pub since: Option<NaiveDate>,
    /// Entries on or before this day (UTC).
    pub until: Option<NaiveDate>,
    /// One of [`ENTITIES`].
    pub entity: Option<String>,
    /// The entity's key: a member number, a package, user or domain name, a cron job id.
    pub key: Option<TextField>,
    /// The OS user who made the change.
    pub actor: Option<TextField>,
    /// Only the newest this many, whatever the order.
    pub max_count: Option<u32>,
}

/// The entries the query keeps, newest first or oldest first.
pub fn list(tx: &Tx, q: &Query, newest_first: bool) -> Result<Vec<AuditEntry>> {
    if let Some(e) = &q.entity {
        crate::model::ensure(ENTITIES.contains(&e.as_str()), "entity", e, &format!("must be one of {}", ENTITIES.join(", ")))?;
    }
    let since = q.since.map(|d| d.to_string());
    let before = q.until.and_then(|d| d.succ_opt()).map(|d| d.to_string());
    let filter = audit::Filter {
        since: since.as_deref(),
        before: before.as_deref(),
        entity: q.entity.as_deref(),
        key: q.key.as_ref().map(TextField::as_str),
        actor: q.actor.as_ref().map(TextField::as_str),
        limit: q.max_count,
    };
    let mut entries = audit::list(tx, &filter)?;
    if !newest_first {
        entries.reverse();
    }
    Ok(entries)
}
