//! restic's JSON (restic 0.14, as in Debian 12): the status and summary lines of `backup --json` and the
//! snapshot list of `snapshots --json`. What restic prints is read like any fact from a server: ids are
//! validated as `SnapshotId`, tags as the `package=`/`run=` pairs hsadmin wrote, and anything else ignored.
use crate::model::{PackageName, SnapshotId};
use serde::Deserialize;

/// One `status` line of `backup --json`: how far the run is.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub percent_done: f64,
    #[serde(default)]
    pub total_files: u64,
    #[serde(default)]
    pub files_done: u64,
    #[serde(default)]
    pub total_bytes: u64,
    #[serde(default)]
    pub bytes_done: u64,
}

/// The `summary` line of `backup --json`. restic 0.14 names the snapshot by its short id only.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Summary {
    #[serde(default)]
    pub total_files_processed: u64,
    #[serde(default)]
    pub total_bytes_processed: u64,
    #[serde(default)]
    pub data_added: u64,
    #[serde(default)]
    pub total_duration: f64,
    #[serde(default)]
    pub snapshot_id: String,
}

#[derive(Deserialize)]
#[serde(tag = "message_type", rename_all = "snake_case")]
enum Message {
    Status(Progress),
    Summary(Summary),
    #[serde(other)]
    Other,
}

/// A line of `backup --json`, if it is a status or the summary.
pub enum Line {
    Status(Progress),
    Summary(Summary),
}

pub fn line(text: &[u8]) -> Option<Line> {
    match serde_json::from_slice::<Message>(text).ok()? {
        Message::Status(p) => Some(Line::Status(p)),
        Message::Summary(s) => Some(Line::Summary(s)),
        Message::Other => None,
    }
}

/// The summary among a run's stdout lines.
pub fn summary(stdout: &[u8]) -> Option<Summary> {
    stdout.split(|b| *b == b'\n').filter_map(line).find_map(|l| match l {
        Line::Summary(s) => Some(s),
        Line::Status(_) => None,
    })
}

/// A snapshot in the repository, as hsadmin tagged it.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub id: SnapshotId,
    pub time: String,
    pub package: Option<PackageName>,
    pub run: Option<i64>,
}

#[derive(Deserialize)]
struct RawSnapshot {
    id: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    tags: Vec<String>,
}

/// Parses `snapshots --json` (one array). An entry whose id is not a snapshot id makes the whole list
/// unreadable: a repository that says that is not trusted for anything.
pub fn snapshots(json: &[u8]) -> Result<Vec<Snapshot>, String> {
    let raw: Vec<RawSnapshot> = serde_json::from_slice(json).map_err(|e| format!("restic's snapshot list is unreadable: {e}"))?;
    raw.into_iter()
        .map(|r| {
            let id = SnapshotId::parse("snapshot", &r.id).map_err(|e| e.to_string())?;
            let tag = |k: &str| r.tags.iter().find_map(|t| t.strip_prefix(k).map(str::to_owned));
            Ok(Snapshot {
                id,
                time: crate::model::printable(&r.time),
                package: tag("package=").and_then(|p| PackageName::parse("package", &p).ok()),
                run: tag("run=").and_then(|r| r.parse().ok()).filter(|r| *r > 0),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_restic_0_14_lines() {
        let out = br#"{"message_type":"status","percent_done":0.5,"total_files":4,"files_done":2,"total_bytes":10,"bytes_done":5}
{"message_type":"error","error":{"Op":"open"},"during":"archival","item":"/x"}
{"message_type":"summary","files_new":2,"total_files_processed":2,"total_bytes_processed":50000003,"total_duration":0.69,"snapshot_id":"a61d0155"}
"#;
        let s = summary(out).unwrap();
        assert_eq!((s.total_files_processed, s.total_bytes_processed, s.snapshot_id.as_str()), (2, 50_000_003, "a61d0155"));
        assert!(matches!(line(out.split(|b| *b == b'\n').next().unwrap()), Some(Line::Status(p)) if p.files_done == 2));
    }

    #[test]
    fn snapshots_are_validated() {
        let id = "a61d01557069ba106271853008ec7979e61a6063a220cfe9d6db094e7ec78f8c";
        let good = format!(r#"[{{"time":"2026-12-03T13:16:28Z","paths":["/x"],"tags":["package=xyz00","run=7"],"id":"{id}"}}]"#);
        let s = snapshots(good.as_bytes()).unwrap();
        assert_eq!((s[0].id.as_str(), s[0].package.as_ref().unwrap().as_str(), s[0].run), (id, "xyz00", Some(7)));
        let forged = r#"[{"time":"t","tags":["package=../etc","run=x"],"id":"a61d0155\n"}]"#;
        assert!(snapshots(forged.as_bytes()).is_err());
        let odd_tags = format!(r#"[{{"time":"t","tags":["package=../etc","run=-1"],"id":"{id}"}}]"#);
        assert_eq!(snapshots(odd_tags.as_bytes()).unwrap()[0].package, None);
    }
}
