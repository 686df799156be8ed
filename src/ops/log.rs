//! Reading the audit log.
use crate::Result;
use crate::ledger::{Tx, audit};

pub use audit::AuditEntry;

/// The kinds of things the audit log records.
pub const ENTITIES: &[&str] = &["member", "share_tx", "asset_tx", "server", "product", "price", "package", "unix_user", "cron_job", "domain"];

pub fn list(tx: &Tx, since: Option<chrono::NaiveDate>, entity: Option<&str>) -> Result<Vec<AuditEntry>> {
    if let Some(e) = entity {
        crate::model::ensure(ENTITIES.contains(&e), "entity", e, &format!("must be one of {}", ENTITIES.join(", ")))?;
    }
    audit::list(tx, since.map(|d| d.to_string()).as_deref(), entity)
}
