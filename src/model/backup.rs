//! Backups: how a backup run ended, and restic's snapshot ids (64 hex digits), which hsadmin reads back
//! from a server's restic output and must therefore validate like any other fact from a server.
use super::member::keyword_enum;

keyword_enum!(
    /// How a backup run ended; `Running` until it did. `Killed`: its process was gone before it ended
    /// (found stale by a later run).
    RunOutcome { Running = "running", Ok = "ok", Failed = "failed", Killed = "killed" }
);

/// A restic snapshot id: 64 lower-case hex digits. A short prefix (8 or more) names one on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct SnapshotId(String);

impl SnapshotId {
    pub fn parse(field: &str, s: &str) -> crate::Result<Self> {
        if s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            Ok(Self(s.to_owned()))
        } else {
            Err(crate::Error::invalid(field, format!("{} must be a restic snapshot id: 64 hex digits", super::shown(s))))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 8 digits, as restic shows them.
    pub fn short(&self) -> &str {
        &self.0[..8]
    }
}

impl std::fmt::Display for SnapshotId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_ids_are_64_hex_digits() {
        assert!(SnapshotId::parse("s", &"a1".repeat(32)).is_ok());
        for bad in ["", "abc", &"A1".repeat(32), &"g1".repeat(32), &format!("{}\n", "a".repeat(63))] {
            assert!(SnapshotId::parse("s", bad).is_err(), "{bad:?}");
        }
        assert_eq!(RunOutcome::parse("o", "killed").unwrap(), RunOutcome::Killed);
    }
}
