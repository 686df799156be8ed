//! The frame of every apply script: one per server and run, holding every role's section. It takes a
//! lock on the server itself, keeps its markers on a channel of their own, and runs each unit (a package,
//! or a role's server-wide part such as reloading Apache) in a subshell of its own, so that one
//! customer's broken state fails that customer's unit and the rest of the server still converges.
use super::quote::{Data, Script};
use std::collections::BTreeMap;

/// The lock every apply takes on the server: two admin hosts, or a leftover script, never interleave.
pub const SERVER_LOCK: &str = "/run/hsadmin-apply.lock";

/// The exit status of a script that could not get the server lock in time.
pub const LOCK_BUSY: i32 = 41;

/// Markers go to fd 3 (the channel's stdout); everything the steps print goes to stderr. Each unit's
/// stderr is kept in a root-owned temporary file and its tail travels base64-encoded in the end marker,
/// so nothing a step prints can pose as a marker.
const PRELUDE: &str = r#"set -u
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C
umask 022
exec 3>&1 1>&2
mark() { printf 'hsadmin|%s\n' "$1" >&3; }
exec 9> /run/hsadmin-apply.lock
if ! flock -w "$hs_lock_wait" 9; then
    echo "another hsadmin apply holds /run/hsadmin-apply.lock on this server" >&2
    exit 41
fi
hs_tmp=$(mktemp -d /run/hsadmin-apply.XXXXXX)
trap 'rm -rf -- "$hs_tmp"' EXIT
hs_role=; hs_unit=
step() { mark "step|$hs_role|$hs_unit|$1"; }
unit_begin() { hs_role=$1; hs_unit=$2; mark "begin|$1|$2"; }
unit_end() {
    if [ "$1" -eq 0 ]; then mark "end|$hs_role|$hs_unit|0|"; else mark "end|$hs_role|$hs_unit|$1|$(tail -c 3000 "$hs_tmp/err" | base64 -w0)"; fi
}
"#;

/// The frame of the read-only facts script: the record writer and a root-owned scratch directory (on disk,
/// not in `/run`: customers' crontab copies must not fill the tmpfs other services need); the roles'
/// sections follow.
const FACTS_PRELUDE: &str = r#"set -u
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C
umask 077
hs_tmp=$(mktemp -d /var/tmp/hsadmin-facts.XXXXXX)
trap 'rm -rf -- "$hs_tmp"' EXIT
"#;

/// A facts script with its frame, ready for the roles' sections.
pub fn facts() -> Script {
    let mut s = Script::new();
    s.raw(FACTS_PRELUDE).raw(super::records::REC_FUNCTION);
    s
}

/// An apply script under construction: the frame, then each role's helpers and units.
pub struct ApplyScript {
    script: Script,
}

impl ApplyScript {
    /// `lock_wait`: how long to wait for another apply on the server to finish, in seconds.
    pub fn new(lock_wait: u64) -> Self {
        let mut script = Script::new();
        script.assign("hs_lock_wait", &lock_wait);
        script.raw(PRELUDE);
        Self { script }
    }

    /// Appends a section of trusted text or quoted commands outside any unit (a role's helper functions).
    pub fn script(&mut self) -> &mut Script {
        &mut self.script
    }

    /// Appends one unit: its steps run with `set -e` in a subshell; the frame records how it ended.
    pub fn unit(&mut self, role: &str, unit: &str, body: impl FnOnce(&mut Script)) {
        let (role, unit) = (marker_word(role), marker_word(unit));
        self.script.command("unit_begin", &[&Data::new(role.as_bytes()).expect("no NUL"), &Data::new(unit.as_bytes()).expect("no NUL")]);
        self.script.raw("(\nset -e\n");
        body(&mut self.script);
        self.script.raw(") 2> \"$hs_tmp/err\"\nunit_end $?\n");
    }

    pub fn finish(mut self) -> Script {
        self.script.raw("mark done\n");
        self.script
    }
}

/// Role and unit names are validated names; this keeps a marker one line even if one was not.
fn marker_word(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' { c } else { '_' }).collect()
}

/// How one unit ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitEnd {
    pub status: i32,
    /// The index of the last step it began (within the unit's role section), if any.
    pub last_step: Option<usize>,
    /// The tail of what it printed on stderr (decoded), for failed units.
    pub stderr: String,
}

/// What the markers say: per (role, unit) how it ended; units that began but never ended are missing
/// from `ended` and listed in `cut`; `done` when the script reached its end.
#[derive(Debug, Default)]
pub struct Markers {
    pub ended: BTreeMap<(String, String), UnitEnd>,
    pub cut: Vec<(String, String)>,
    pub done: bool,
}

/// Reads the markers of an apply script's stdout. Lines that are not markers are ignored.
pub fn markers(stdout: &[u8]) -> Markers {
    use base64::Engine;
    let mut m = Markers::default();
    let mut steps: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut open: Vec<(String, String)> = Vec::new();
    for line in String::from_utf8_lossy(stdout).lines() {
        let Some(rest) = line.strip_prefix("hsadmin|") else { continue };
        let f: Vec<&str> = rest.split('|').collect();
        match f.as_slice() {
            ["begin", role, unit] => open.push(((*role).into(), (*unit).into())),
            ["step", role, unit, i] => {
                if let Ok(i) = i.parse() {
                    steps.insert(((*role).into(), (*unit).into()), i);
                }
            }
            ["end", role, unit, status, err] => {
                let key: (String, String) = ((*role).into(), (*unit).into());
                open.retain(|k| k != &key);
                let stderr = base64::engine::general_purpose::STANDARD.decode(err).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
                let end = UnitEnd { status: status.parse().unwrap_or(-1), last_step: steps.get(&key).copied(), stderr };
                m.ended.insert(key, end);
            }
            ["done"] => m.done = true,
            _ => {}
        }
    }
    m.cut = open;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_run_in_subshells_and_markers_read_back() {
        let mut s = ApplyScript::new(30);
        s.unit("web", "xyz00", |s| {
            s.command("step", &[&0u64]).command("true", &[]);
        });
        let text = String::from_utf8(s.finish().bytes().to_vec()).unwrap();
        assert!(text.contains("flock -w \"$hs_lock_wait\" 9"), "{text}");
        assert!(text.contains("unit_begin 'web' 'xyz00'\n(\nset -e\nstep '0'\ntrue\n) 2> \"$hs_tmp/err\"\nunit_end $?\n"), "{text}");
        let m = markers(b"hsadmin|begin|web|xyz00\nhsadmin|step|web|xyz00|3\nhsadmin|end|web|xyz00|1|b29wcw==\nhsadmin|begin|web|abc00\nnoise\n");
        let end = &m.ended[&("web".into(), "xyz00".into())];
        assert_eq!((end.status, end.last_step, end.stderr.as_str()), (1, Some(3), "oops"));
        assert_eq!(m.cut, [("web".to_owned(), "abc00".to_owned())]);
        assert!(!m.done);
    }
}
