//! `server check`'s one read-only script and what it finds out: the OS release, which of the tools
//! hsadmin needs exist, and the database engines (MariaDB, PostgreSQL): installed, version, answering.
//! Deciding what counts as a failure is `ops::server`'s job.
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
# The database engines: the server binary decides "installed"; "running" is whether it answers
# (mariadb-admin ping as root over the socket, exit 0 even when access is denied; pg_isready on the
# default socket). Neither installed is fine: a server without databases says so.
if command -v mariadbd >/dev/null 2>&1; then
    v=$(mariadbd --version 2>/dev/null | sed -n 's/.* Ver \([^ ]*\).*/\1/p')
    if timeout 10 mariadb-admin --connect-timeout=3 ping >/dev/null 2>&1; then r=yes; else r=no; fi
    printf 'db=mariadb=yes=%s=%s\n' "$r" "$v"
else
    printf 'db=mariadb=no\n'
fi
pg=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1)
if [ -n "$pg" ]; then
    v=$("$pg" --version 2>/dev/null | sed -n 's/^postgres (PostgreSQL) \([^ ]*\).*/\1/p')
    if timeout 10 pg_isready -q -t 3 >/dev/null 2>&1; then r=yes; else r=no; fi
    printf 'db=postgresql=yes=%s=%s\n' "$r" "$v"
else
    printf 'db=postgresql=no\n'
fi
"#;

/// The database engines the check script looks for, in its order.
pub const DATABASE_ENGINES: &[&str] = &["mariadb", "postgresql"];

/// One database engine as the check script found it.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct Engine {
    /// The server binary is there (`mariadbd`, `/usr/lib/postgresql/*/bin/postgres`).
    pub installed: bool,
    /// The server's version (`10.11.6-MariaDB-0+deb12u1`, `15.8`), None when not installed or unreadable.
    pub version: Option<String>,
    /// It answers: `mariadb-admin ping` as root over the socket, `pg_isready` on the default socket.
    pub running: bool,
}

/// What the check script reported, as it reported it.
#[derive(Debug, Default, PartialEq)]
pub struct Checked {
    /// `PRETTY_NAME` from `/etc/os-release`, `unknown` without one, None when the script did not say.
    pub os: Option<String>,
    /// Every tool the script looked for, and whether it is there.
    pub tools: BTreeMap<String, bool>,
    /// Every database engine the script looked for ([`DATABASE_ENGINES`]).
    pub databases: BTreeMap<String, Engine>,
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

/// The script's `os=…`, `tool=NAME=yes|no` and `db=NAME=yes|no[=RUNNING=VERSION]` lines; anything else is
/// ignored.
fn parse(stdout: &[u8]) -> Checked {
    let mut checked = Checked::default();
    for line in String::from_utf8_lossy(stdout).lines() {
        if let Some(os) = line.strip_prefix("os=") {
            checked.os = Some(crate::model::printable(os));
        } else if let Some((tool, present)) = line.strip_prefix("tool=").and_then(|t| t.split_once('=')) {
            checked.tools.insert(tool.to_owned(), present == "yes");
        } else if let Some(db) = line.strip_prefix("db=") {
            let mut f = db.splitn(4, '=');
            let (Some(name), Some(installed)) = (f.next(), f.next()) else { continue };
            let installed = installed == "yes";
            let running = installed && f.next() == Some("yes");
            let version = f.next().filter(|v| installed && !v.is_empty()).map(crate::model::printable);
            checked.databases.insert(crate::model::printable(name), Engine { installed, version, running });
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
        assert!(c.databases.is_empty());
    }

    #[test]
    fn the_check_script_asks_for_every_database_engine() {
        let asked: Vec<&str> = super::CHECK_SCRIPT.lines().filter_map(|l| l.trim().strip_prefix("printf 'db=")).filter_map(|l| l.split('=').next()).collect();
        let expected: Vec<&str> = super::DATABASE_ENGINES.iter().flat_map(|e| [*e, *e]).collect();
        assert_eq!(asked, expected, "one line for installed, one for not installed, per engine");
    }

    #[test]
    fn parses_database_engines() {
        let c = super::parse(b"db=mariadb=yes=yes=10.11.6-MariaDB-0+deb12u1\ndb=postgresql=yes=no=15.8\n");
        assert_eq!(c.databases["mariadb"], super::Engine { installed: true, version: Some("10.11.6-MariaDB-0+deb12u1".into()), running: true });
        assert_eq!(c.databases["postgresql"], super::Engine { installed: true, version: Some("15.8".into()), running: false });
        let none = super::parse(b"db=mariadb=no\ndb=postgresql=no\n");
        assert_eq!(none.databases["mariadb"], super::Engine::default());
        assert_eq!(none.databases["postgresql"], super::Engine::default());
        // Installed but the version unreadable: no version, not a parse failure.
        let odd = super::parse(b"db=mariadb=yes=no=\n");
        assert_eq!(odd.databases["mariadb"], super::Engine { installed: true, version: None, running: false });
    }
}
