//! What `hsadmin doctor` asks the ledger itself, and `hsadmin ledger backup`: a consistent copy through
//! SQLite's online backup API while other processes go on writing.
use super::Ledger;
use crate::{Error, Result};
use std::path::Path;

/// `PRAGMA integrity_check`: "ok", or the problems SQLite found (at most 10).
pub fn integrity(ledger: &Ledger) -> Result<Vec<String>> {
    let mut stmt = ledger.conn.prepare("PRAGMA integrity_check(10)")?;
    Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// Booking references that a member has more than once in one ledger (from before schema version 5).
pub fn duplicate_references(ledger: &Ledger) -> Result<Vec<String>> {
    let sql = "SELECT 'shares', member, reference, count(*) FROM share_tx GROUP BY member, reference HAVING count(*) > 1
               UNION ALL
               SELECT 'assets', member, reference, count(*) FROM asset_tx GROUP BY member, reference HAVING count(*) > 1
               ORDER BY 2, 3";
    let mut stmt = ledger.conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        let (kind, member, reference, n): (String, i64, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        Ok(format!("member {member}, {kind}: reference {reference} booked {n} times"))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Copies the ledger to `target` (a new file, mode 0600) with the online backup API: the copy is
/// consistent even while other processes write. It is written beside the target first and renamed into
/// place, so a failed backup never leaves half a file under the target's name.
pub fn backup(ledger: &Ledger, target: &Path) -> Result<u64> {
    use std::os::unix::fs::OpenOptionsExt;
    if target.exists() {
        return Err(Error::Conflict(format!("{} exists already; choose a new file", target.display())));
    }
    let partial = target.with_extension("partial");
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&partial)?;
    let result = (|| -> Result<()> {
        let mut copy = rusqlite::Connection::open(&partial)?;
        let backup = rusqlite::backup::Backup::new(&ledger.conn, &mut copy)?;
        backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        drop(backup);
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, target)?;
    Ok(std::fs::metadata(target)?.len())
}
