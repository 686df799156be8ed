//! `server check`'s one read-only script and what it finds out: the OS release and which of the tools
//! hsadmin needs exist. Deciding what counts as a failure is `ops::server`'s job.
use super::{Connection, RemoteError, Script};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The commands hsadmin runs on a managed server.
pub const REQUIRED_TOOLS: &[&str] = &["useradd", "crontab", "setquota", "repquota", "apache2ctl", "named-checkzone", "rndc", "restic"];

/// One read-only script: the OS release and which of [`REQUIRED_TOOLS`] exist (kept in step by a unit test).
const CHECK_SCRIPT: &str = r#"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
. /etc/os-release 2>/dev/null
printf 'os=%s\n' "${PRETTY_NAME:-unknown}"
for t in useradd crontab setquota repquota apache2ctl named-checkzone rndc restic; do
    if command -v "$t" >/dev/null 2>&1; then printf 'tool=%s=yes\n' "$t"; else printf 'tool=%s=no\n' "$t"; fi
done
"#;

/// What the check script reported, as it reported it.
#[derive(Debug, Default, PartialEq)]
pub struct Checked {
    /// `PRETTY_NAME` from `/etc/os-release`, `unknown` without one, None when the script did not say.
    pub os: Option<String>,
    /// Every tool the script looked for, and whether it is there.
    pub tools: BTreeMap<String, bool>,
    /// The script's round trip over the open session.
    pub latency: Duration,
    /// The script's exit status and its stderr, for a failure message.
    pub status: i32,
    pub stderr: String,
}

/// Runs the check script over an open session.
pub fn run(conn: &mut Connection) -> Result<Checked, RemoteError> {
    let started = Instant::now();
    let mut script = Script::new();
    script.raw(CHECK_SCRIPT);
    let out = conn.run(&script)?;
    let latency = started.elapsed();
    let mut checked = parse(&out.stdout);
    checked.latency = latency;
    checked.status = out.status;
    checked.stderr = crate::model::printable(&String::from_utf8_lossy(&out.stderr));
    Ok(checked)
}

/// The script's `os=…` and `tool=NAME=yes|no` lines; anything else is ignored.
fn parse(stdout: &[u8]) -> Checked {
    let mut checked = Checked::default();
    for line in String::from_utf8_lossy(stdout).lines() {
        if let Some(os) = line.strip_prefix("os=") {
            checked.os = Some(crate::model::printable(os));
        } else if let Some((tool, present)) = line.strip_prefix("tool=").and_then(|t| t.split_once('=')) {
            checked.tools.insert(tool.to_owned(), present == "yes");
        }
    }
    checked
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_check_script_asks_for_every_required_tool() {
        let listed = super::CHECK_SCRIPT.lines().find(|l| l.starts_with("for t in")).unwrap();
        let words: Vec<&str> = listed.trim_start_matches("for t in ").trim_end_matches("; do").split(' ').collect();
        assert_eq!(words, super::REQUIRED_TOOLS);
    }

    #[test]
    fn parses_os_and_tools() {
        let c = super::parse(b"os=Debian GNU/Linux 12 (bookworm)\ntool=useradd=yes\ntool=restic=no\nnoise\n");
        assert_eq!(c.os.as_deref(), Some("Debian GNU/Linux 12 (bookworm)"));
        assert_eq!(c.tools, [("restic".to_owned(), false), ("useradd".to_owned(), true)].into());
    }
}
