//! Backups on the wire: restic on each web server, its repository over sftp on the backup server, where a
//! forced `internal-sftp` in a chroot is all the web server's key can reach. The scripts here set that up
//! (`backup init`), back a package up, restore from a snapshot into a fresh root-owned directory that is
//! then handed over, and look after the repository (snapshots, forget and prune, check).
//!
//! Everything restic needs lives in `/etc/hsadmin/backup/` on the web server (root, 0700): the key pair,
//! the repository password (0600, read by restic from the file, never in an argument), the backup server's
//! pinned host key and the ssh config that names them. Scripts print their results on fd 3 as
//! `hsadmin-backup|KEY|VALUE` lines and restic's JSON lines; everything else goes to stderr.
pub mod restic;
pub mod scripts;

pub use restic::{Progress, Snapshot, Summary};
pub use scripts::*;

/// A result line of a backup script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub key: String,
    pub value: String,
}

/// The `hsadmin-backup|KEY|VALUE` lines of a script's stdout.
pub fn marks(stdout: &[u8]) -> Vec<Mark> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("hsadmin-backup|"))
        .filter_map(|rest| rest.split_once('|'))
        .map(|(k, v)| Mark { key: k.to_owned(), value: v.to_owned() })
        .collect()
}

/// The value of the first mark named `key`.
pub fn mark<'a>(marks: &'a [Mark], key: &str) -> Option<&'a str> {
    marks.iter().find(|m| m.key == key).map(|m| m.value.as_str())
}

/// The last lines of a script's stderr, printable, for an error message.
pub fn tail(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    crate::model::printable(&lines[lines.len().saturating_sub(3)..].join(" | "))
}
