//! `[backup]`: the backup server that holds each web server's restic repository, where on it, and how many
//! generations `backup prune` keeps. Checked when the file is loaded.
use crate::model::ServerName;
use serde::{Deserialize, Serialize};

/// The hoster keeps at least this many generations of every package (hostsharing-model.md §6).
pub const MIN_GENERATIONS: u32 = 15;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct BackupConfig {
    /// The backup server: a server of the ledger with the `backup` role (`backup init --server` overrides it).
    pub server: Option<String>,
    /// Where the repositories live on the backup server: `<path>/<web server>`.
    pub path: String,
    /// The snapshots `backup prune` keeps: the newest of each of so many days, weeks and months.
    pub keep_daily: u32,
    pub keep_weekly: u32,
    pub keep_monthly: u32,
}

impl Default for BackupConfig {
    fn default() -> Self {
        Self { server: None, path: "/srv/backup".into(), keep_daily: 15, keep_weekly: 8, keep_monthly: 12 }
    }
}

impl BackupConfig {
    pub(super) fn check(&self) -> std::result::Result<(), (String, String)> {
        let fail = |key: &str, rule: &str| Err((format!("backup.{key}"), rule.to_owned()));
        if let Some(s) = &self.server
            && ServerName::parse("server", s).is_err()
        {
            return fail("server", "must be a server name like h3");
        }
        let plain = self.path.len() > 1
            && self.path.starts_with('/')
            && self.path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b))
            && !self.path.split('/').any(|c| c == "." || c == "..");
        if !plain {
            return fail("path", "must be an absolute path of letters, digits and / . _ - (not /, no . or .. parts)");
        }
        if self.keep_daily == 0 {
            return fail("keep_daily", "must be at least 1");
        }
        if self.keep_daily + self.keep_weekly + self.keep_monthly < MIN_GENERATIONS {
            return fail("keep_daily", "keep_daily + keep_weekly + keep_monthly must be at least 15: the hoster keeps 15 generations");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_and_bad_values_name_their_key() {
        assert_eq!(BackupConfig::default().check(), Ok(()));
        let bad = |c: BackupConfig| c.check().unwrap_err().0;
        assert_eq!(bad(BackupConfig { path: "/srv/../etc".into(), ..Default::default() }), "backup.path");
        assert_eq!(bad(BackupConfig { path: "srv".into(), ..Default::default() }), "backup.path");
        assert_eq!(bad(BackupConfig { server: Some("H 3".into()), ..Default::default() }), "backup.server");
        assert_eq!(bad(BackupConfig { keep_daily: 3, keep_weekly: 2, keep_monthly: 1, ..Default::default() }), "backup.keep_daily");
    }
}
