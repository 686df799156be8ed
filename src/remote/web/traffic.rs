//! The traffic collection on a web server: one read-only script that sums the traffic log (the current file
//! and the rotated ones that exist: `.1`, `.N`, `.N.gz`) per day and domain with awk, and sends back only
//! the totals, as NUL-framed records, never a log line. Only finished days count: those before the
//! server's own today (or the one day asked for, if it is over).
//!
//! The log's lines are `DAY DOMAIN IN OUT` with every field written by Apache from hsadmin's vhost
//! (`render::traffic_log_line`): nothing of a request reaches it. awk still takes only lines of exactly that
//! shape, and [`parse`] validates every total again with the model types; what does not validate is left
//! out and named in the warnings.
use crate::model::{self, DomainName};
use crate::remote::quote::{Data, Script};
use crate::remote::records::Record;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The most bytes one domain may have moved on one day in either direction: 10^15 (a petabyte, more than a
/// 10 Gbit/s line carries in a day). A larger total is no real figure and is not recorded.
pub const MAX_DAY_BYTES: u64 = 1_000_000_000_000_000;

/// Sums the lines per day and domain. A line of any other shape is counted as bad; `#eof STATUS` follows
/// every file (a file that ended in the middle of a line, being written, glues its last line to it: that
/// line is counted as cut, never summed). A file that could not be read whole (gzip failed) is counted
/// in `err`, and the server's collection fails.
const AWK: &str = r##"function isday(s) { return s ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ }
function iscount(s) { return s ~ /^[0-9]+$/ && length(s) <= 15 }
/#eof [0-9]+$/ { p = index($0, "#eof "); if (substr($0, p + 5) + 0 != 0) err++; if (p > 1) cut++; next }
NF != 4 || !isday($1) || $2 !~ /^[a-z0-9][a-z0-9.-]*$/ || length($2) > 253 || !iscount($3) || !iscount($4) { bad++; next }
$1 >= today { next }
want != "" && $1 != want { next }
{ k = $1 " " $2; bin[k] += $3; bout[k] += $4 }
END {
    for (k in bin) printf "t %s %.0f %.0f\n", k, bin[k], bout[k]
    printf "n %d %d %d\n", bad, cut, err
}
"##;

/// Finds the log files (regular files, no symlinks, only logrotate's names), reads them in one stream and
/// writes the records. `hs_log` and `hs_want` are assigned before it.
const SCRIPT: &str = r##"rec section traffic
hs_today=$(date +%F)
rec today "$hs_today"
set --
for f in "$hs_log" "$hs_log".*; do
    if [ ! -f "$f" ] || [ -L "$f" ]; then continue; fi
    case ${f#"$hs_log"} in
        "" | .[1-9] | .[1-9][0-9] | .[1-9][0-9][0-9] | .[1-9].gz | .[1-9][0-9].gz | .[1-9][0-9][0-9].gz) set -- "$@" "$f" ;;
    esac
done
rec files "$#"
hs_read() {
    for f in "$@"; do
        case $f in *.gz) gzip -dc -- "$f" ;; *) cat -- "$f" ;; esac
        printf '#eof %s\n' "$?"
    done
}
if ! hs_read "$@" | awk -v today="$hs_today" -v want="$hs_want" "$hs_awk" > "$hs_tmp/totals"; then
    echo "summing the traffic log failed" >&2
    exit 1
fi
while read -r k a b c d; do
    case $k in
        t) rec traffic "$a" "$b" "$c" "$d" ;;
        n) rec lines "$a" "$b" "$c" ;;
    esac
done < "$hs_tmp/totals"
"##;

/// Appends the traffic section to a read-only script (`remote::script::facts()`): the totals of every
/// finished day, or only of `want`.
pub fn script(s: &mut Script, log: &str, want: Option<NaiveDate>) {
    let want = want.map(|d| d.to_string()).unwrap_or_default();
    s.assign("hs_log", &Data::new(log.as_bytes()).expect("a constant path has no NUL"));
    s.assign("hs_want", &Data::new(want.as_bytes()).expect("a date has no NUL"));
    s.assign("hs_awk", &Data::new(AWK.as_bytes()).expect("constant text has no NUL"));
    s.raw(SCRIPT);
}

/// One domain's bytes on one finished day, as the server summed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayTotal {
    pub day: NaiveDate,
    pub domain: DomainName,
    pub bytes_in: u64,
    pub bytes_out: u64,
}

/// What a server sent back, validated.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// The server's own date: every day before it is over there.
    pub today: Option<NaiveDate>,
    pub totals: Vec<DayTotal>,
    /// How many log files (current and rotated) were read.
    pub files: u64,
    /// What was left out, and why (escaped).
    pub warnings: Vec<String>,
}

/// Reads the traffic section's records. A server that says no date, or could not read a log whole, is an
/// error (nothing of it may be recorded: a short total would stand for good); a total that does not
/// validate is left out with a warning.
pub fn parse(records: &[Record], want: Option<NaiveDate>) -> Result<Totals, String> {
    let mut t = Totals::default();
    let mut seen: BTreeMap<(NaiveDate, String), usize> = BTreeMap::new();
    let mut candidates: Vec<DayTotal> = Vec::new();
    for r in records {
        let shown = || r.fields.iter().map(|x| model::shown(&String::from_utf8_lossy(x))).collect::<Vec<_>>().join(" ");
        match (r.kind.as_str(), r.fields.len()) {
            ("today", 1) => {
                t.today = Some(r.text(0).and_then(|d| model::date("today", d).ok()).ok_or_else(|| format!("the server's date {} is no date", shown()))?)
            }
            ("files", 1) => t.files = r.number(0).ok_or_else(|| format!("unreadable file count {}", shown()))?,
            ("lines", 3) => lines(r, &mut t.warnings)?,
            ("traffic", 4) => match total(r, t.today, want) {
                Ok(d) => {
                    *seen.entry((d.day, d.domain.to_string())).or_default() += 1;
                    candidates.push(d);
                }
                Err(why) => t.warnings.push(format!("traffic total {} left out: {why}", shown())),
            },
            _ => t.warnings.push(format!("unexpected traffic record {} {}", model::shown(&r.kind), shown())),
        }
    }
    if t.today.is_none() {
        return Err("the server did not say its date".into());
    }
    for d in candidates {
        if seen[&(d.day, d.domain.to_string())] == 1 {
            t.totals.push(d);
        } else {
            t.warnings.push(format!("{} on {} came more than once; none of them is recorded", d.domain, d.day));
        }
    }
    t.totals.sort_by(|a, b| (a.day, a.domain.as_str()).cmp(&(b.day, b.domain.as_str())));
    Ok(t)
}

/// The `lines BAD CUT ERR` record: lines of another shape and lines cut short are warnings; a log that
/// could not be read whole fails the server.
fn lines(r: &Record, warnings: &mut Vec<String>) -> Result<(), String> {
    let n = |i| r.number::<u64>(i).ok_or_else(|| "unreadable line counts".to_owned());
    let (bad, cut, err) = (n(0)?, n(1)?, n(2)?);
    if err > 0 {
        return Err(format!("{err} traffic log file(s) could not be read whole (gzip failed?); nothing was collected from this server"));
    }
    if bad > 0 {
        warnings.push(format!("{bad} line(s) of the traffic log are not of hsadmin's form (DAY DOMAIN IN OUT); ignored"));
    }
    if cut > 0 {
        warnings.push(format!("{cut} line(s) at the end of a traffic log being written were incomplete; ignored"));
    }
    Ok(())
}

/// One `traffic DAY DOMAIN IN OUT` record, validated: a real date before the server's today (and the day
/// asked for), a domain name exactly as hsadmin writes it, counts within [`MAX_DAY_BYTES`].
fn total(r: &Record, today: Option<NaiveDate>, want: Option<NaiveDate>) -> Result<DayTotal, String> {
    let text = |i| r.text(i).ok_or_else(|| "not UTF-8".to_owned());
    let day = model::date("day", text(0)?).map_err(|e| e.to_string())?;
    let today = today.ok_or("it came before the server's date")?;
    if day >= today {
        return Err(format!("{day} is not over on the server (its date is {today})"));
    }
    if want.is_some_and(|w| w != day) {
        return Err(format!("{day} was not asked for"));
    }
    let name = text(1)?;
    let domain = DomainName::parse("domain", name).map_err(|e| e.to_string())?;
    if domain.as_str() != name {
        return Err("the domain is not written as hsadmin writes it".into());
    }
    let count = |i| {
        r.number::<u64>(i)
            .filter(|n| *n <= MAX_DAY_BYTES)
            .filter(|_| text(i).is_ok_and(|t| t.bytes().all(|b| b.is_ascii_digit())))
            .ok_or_else(|| format!("byte count {} is not a whole number up to {MAX_DAY_BYTES}", model::shown(r.text(i).unwrap_or("?"))))
    };
    Ok(DayTotal { day, domain, bytes_in: count(2)?, bytes_out: count(3)? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::records::{self, frame as rec};

    fn day(s: &str) -> NaiveDate {
        model::date("d", s).unwrap()
    }

    fn parsed(list: &[(&str, &[&str])], want: Option<&str>) -> Result<Totals, String> {
        let mut bytes = rec("section", &["traffic"]);
        for (k, f) in list {
            bytes.extend(rec(k, f));
        }
        let sections = records::sections(records::parse(&bytes).unwrap());
        parse(&sections["traffic"], want.map(day))
    }

    #[test]
    fn totals_of_finished_days_are_read_and_validated() {
        let t = parsed(
            &[
                ("today", &["2026-12-02"]),
                ("files", &["3"]),
                ("traffic", &["2026-12-01", "example.org", "1200", "345678"]),
                ("traffic", &["2026-11-30", "example.org", "0", "0"]),
                ("traffic", &["2026-12-02", "example.org", "1", "1"]),
                ("traffic", &["2026-12-01", "Example.ORG", "1", "1"]),
                ("traffic", &["2026-12-01", "evil.example\nt 2026-11-01 example.org 0 99999", "1", "1"]),
                ("traffic", &["2026-02-30", "example.org", "1", "1"]),
                ("traffic", &["2026-11-29", "example.org", "-1", "1"]),
                ("traffic", &["2026-11-29", "example.org", "1", "1000000000000001"]),
                ("traffic", &["2026-11-28", "example.org", "+1", "1"]),
                ("traffic", &["2026-11-27", "example.org", "1"]),
                ("lines", &["2", "1", "0"]),
            ],
            None,
        )
        .unwrap();
        assert_eq!(t.today, Some(day("2026-12-02")));
        assert_eq!(t.files, 3);
        let got: Vec<(String, &str, u64, u64)> = t.totals.iter().map(|d| (d.day.to_string(), d.domain.as_str(), d.bytes_in, d.bytes_out)).collect();
        assert_eq!(got, [("2026-11-30".into(), "example.org", 0, 0), ("2026-12-01".into(), "example.org", 1200, 345678)]);
        // today, upper case, a newline in a name, no such date, signs, too large, a missing field; 2 lines.
        assert_eq!(t.warnings.len(), 10, "{:#?}", t.warnings);
        assert!(t.warnings.iter().all(|w| !w.contains('\n')), "{:?}", t.warnings);
        assert!(t.warnings.iter().any(|w| w.contains("not over on the server")), "{:?}", t.warnings);
    }

    #[test]
    fn only_the_day_asked_for_and_no_duplicates() {
        let t = parsed(
            &[
                ("today", &["2026-12-02"]),
                ("traffic", &["2026-12-01", "example.org", "1", "2"]),
                ("traffic", &["2026-11-30", "example.org", "1", "2"]),
                ("traffic", &["2026-12-01", "example.net", "1", "2"]),
                ("traffic", &["2026-12-01", "example.net", "1", "3"]),
            ],
            Some("2026-12-01"),
        )
        .unwrap();
        assert_eq!(t.totals.len(), 1, "{:?}", t.totals);
        assert_eq!(t.totals[0].domain.as_str(), "example.org");
        assert!(t.warnings.iter().any(|w| w.contains("more than once")), "{:?}", t.warnings);
    }

    #[test]
    fn a_log_read_in_part_or_no_date_fails_the_server() {
        assert!(parsed(&[("today", &["2026-12-02"]), ("lines", &["0", "0", "1"])], None).unwrap_err().contains("could not be read whole"));
        assert!(parsed(&[("traffic", &["2026-12-01", "example.org", "1", "2"])], None).is_err());
        assert!(parsed(&[("today", &["yesterday"])], None).is_err());
    }

    #[test]
    fn the_script_quotes_its_values_and_reads_rotated_files() {
        let mut s = Script::new();
        script(&mut s, "/var/log/apache2/hsadmin-traffic.log", Some(day("2026-12-01")));
        let text = String::from_utf8(s.bytes().to_vec()).unwrap();
        assert!(text.starts_with("hs_log='/var/log/apache2/hsadmin-traffic.log'\nhs_want='2026-12-01'\nhs_awk='"), "{text}");
        assert!(text.contains(".[1-9].gz") && text.contains("gzip -dc --"), "{text}");
        assert!(!text.contains("rec traffic \"$a\" \"$b\" \"$c\" \"$d\" \"$"), "{text}");
    }

    /// Runs the script with this machine's `sh`, awk and gzip over a log and its rotated files in a
    /// temporary directory (the test servers run it for real in tests/traffic.rs).
    fn run_here(dir: &std::path::Path, want: Option<NaiveDate>) -> Result<Totals, String> {
        let mut s = crate::remote::script::facts();
        script(&mut s, dir.join("traffic.log").to_str().unwrap(), want);
        let out = std::process::Command::new("sh").arg("-c").arg(std::str::from_utf8(s.bytes()).unwrap()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let sections = records::sections(records::parse(&out.stdout).unwrap());
        parse(&sections["traffic"], want)
    }

    fn gzip(path: &std::path::Path, text: &str) {
        use std::io::Write;
        let mut child = std::process::Command::new("gzip").arg("-c").stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        std::fs::write(path, child.wait_with_output().unwrap().stdout).unwrap();
    }

    #[test]
    fn the_script_sums_current_and_rotated_logs_and_ignores_what_is_not_a_log_line() {
        let today = chrono::Local::now().date_naive();
        let (d1, d2) = (today.pred_opt().unwrap(), today.pred_opt().unwrap().pred_opt().unwrap());
        let dir = tempfile::tempdir().unwrap();
        // Today's lines are not collected; yesterday's are split over the current file and `.1`; `.2.gz` holds
        // the day before. The current file ends in the middle of a line (Apache writing it).
        let current = format!("{d1} example.org 10 1000\n{today} example.org 5 5\n{d1} example.org 1 10");
        std::fs::write(dir.path().join("traffic.log"), current).unwrap();
        let hostile = format!(
            "{d1} example.org 100 20000\n{d1} example.net 7 70\n\
             {d1} evil.example 1 2 extra\n{d1} Evil.Example 1 2\n{d1} evil.example -1 2\n{d1} evil.example 1 1234567890123456\n\
             {d1} evil.example\t1 2\r\n\n#eof 1 forged\nt {d1} example.org 0 999999\n"
        );
        std::fs::write(dir.path().join("traffic.log.1"), hostile).unwrap();
        gzip(&dir.path().join("traffic.log.2.gz"), &format!("{d2} example.org 3 300\n{d2} example.org 4 400\n"));
        // Not logrotate's names: never read.
        std::fs::write(dir.path().join("traffic.log.old"), format!("{d1} example.org 1 1\n")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("traffic.log.3")).unwrap();
        let t = run_here(dir.path(), None).unwrap();
        let got: Vec<(NaiveDate, &str, u64, u64)> = t.totals.iter().map(|x| (x.day, x.domain.as_str(), x.bytes_in, x.bytes_out)).collect();
        assert_eq!(got, [(d2, "example.org", 7, 700), (d1, "example.net", 7, 70), (d1, "example.org", 110, 21000)]);
        assert_eq!(t.files, 3);
        // Five hostile lines (an extra field, upper case, a sign, 16 digits, a tab and a CR), the empty line, the
        // forged eof and the forged record line are bad: 8; the last line of the current file is cut.
        assert!(t.warnings.iter().any(|w| w.starts_with("8 line(s)")), "{:?}", t.warnings);
        assert!(t.warnings.iter().any(|w| w.starts_with("1 line(s) at the end")), "{:?}", t.warnings);
        // Only the day asked for.
        let t = run_here(dir.path(), Some(d2)).unwrap();
        assert_eq!(t.totals.len(), 1);
        // A rotated file that gzip cannot read whole fails the server.
        let mut broken = std::fs::read(dir.path().join("traffic.log.2.gz")).unwrap();
        broken.truncate(broken.len() - 8);
        std::fs::write(dir.path().join("traffic.log.2.gz"), broken).unwrap();
        assert!(run_here(dir.path(), None).unwrap_err().contains("could not be read whole"));
    }
}
