//! The name servers' facts, in one read of each server: the files in hsadmin's zone directory (name,
//! whether hsadmin's header opens it, the SOA serial, SHA-256 computed on the server), the managed
//! include (its hash and the zones it configures), whether `named.conf.local` includes it, owner and mode
//! of hsadmin's directories, and named's user. Everything travels as NUL-framed records and is
//! validated here: a file name that is not a domain name is reported, never acted on.
use crate::model::DomainName;
use crate::remote::quote::{Data, Script, ShellArg};
use crate::remote::records::Record;
use std::collections::{BTreeMap, BTreeSet};

/// A file in the zone directory named like a zone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ZoneFact {
    /// It starts with hsadmin's zone header: hsadmin wrote it and may replace or remove it.
    pub managed: bool,
    pub serial: Option<u32>,
    pub sha256: Option<String>,
    /// A journal (`NAME.jnl`) lies beside it (secondaries).
    pub journal: bool,
}

#[derive(Debug, Clone, Default)]
pub struct DnsFacts {
    /// named's uid and gid (`bind`).
    pub bind: Option<(u32, u32)>,
    /// The asked-for directories that exist: (uid, gid, mode, kind).
    pub dirs: BTreeMap<String, (u32, u32, String, String)>,
    pub zones: BTreeMap<String, ZoneFact>,
    /// The managed include: whether it carries hsadmin's header, and its hash.
    pub conf: Option<(bool, Option<String>)>,
    /// The zones the managed include configures now (named has them loaded).
    pub loaded: BTreeSet<String>,
    /// `named.conf.local` has the include line.
    pub included: bool,
    pub warnings: Vec<String>,
}

const FACTS_PL: &str = r#"use strict; use warnings;
use Fcntl qw(O_RDONLY O_NOFOLLOW);
my ($list, $dir, $conf, $local, $line, $zheader, $cheader, @dirs) = @ARGV;
sub rec { my $k = shift; print join("\0", $k, scalar(@_), @_), "\0"; }
my @gr = getgrnam('bind'); my @pw = getpwnam('bind');
rec('bind', $pw[2], $gr[2]) if @gr && @pw;
for my $d (@dirs) {
    my @st = lstat $d or next;
    rec('dir', $d, $st[4], $st[5], sprintf('%o', $st[2] & 07777), -l _ ? 'link' : -d _ ? 'directory' : 'other');
}
open(my $out, '>', $list) or die "$!\n";
if (opendir(my $dh, $dir)) {
    for my $n (sort readdir $dh) {
        next if $n =~ /\A\./;
        my $f = "$dir/$n";
        next if -l $f || !-f _;
        my $head = '';
        if (sysopen(my $fh, $f, O_RDONLY | O_NOFOLLOW)) { sysread($fh, $head, 4096); }
        my ($first) = split /\n/, $head, 2;
        my $managed = defined $first && $first eq $zheader ? 1 : 0;
        my ($serial) = $head =~ /^\S+ IN SOA \S+ \S+ (\d+) /m;
        rec('zone', $n, $managed, $serial // '');
        print $out "$f\0" if $managed;
    }
}
if (-f $conf && !-l $conf && sysopen(my $fh, $conf, O_RDONLY | O_NOFOLLOW)) {
    local $/; my $text = <$fh> // '';
    my ($first) = split /\n/, $text, 2;
    my $managed = defined $first && $first eq $cheader ? 1 : 0;
    rec('conf', $managed);
    if ($managed) { rec('loaded', $1) while $text =~ /^zone "([^"\n]+)"/mg; print $out "$conf\0"; }
}
my $inc = 0;
if (open(my $fh, '<', $local)) { while (my $l = <$fh>) { chomp $l; $inc = 1 if $l eq $line; } }
rec('include', $inc);
close $out;
"#;

/// `sha256sum -z` lines as `sha256 KIND NAME HASH` records (KIND `conf` for the include, else `zone`).
const SHA_PL: &str = r#"my $conf = shift; $/ = "\0";
while (my $l = <STDIN>) { chomp $l; next unless $l =~ /\A([0-9a-f]{64})  (.*)\z/s; my ($h, $n) = ($1, $2); my $k = $n eq $conf ? 'conf' : 'zone'; $n =~ s{.*/}{}s; print join("\0", 'sha256', 3, $k, $n, $h), "\0"; }
"#;

const FACTS_SH: &str = r#"mkdir -p "$hs_tmp/dns"
perl -e "$hs_dns_facts_pl" -- "$hs_tmp/dns/list" "$@"
xargs -0r sha256sum -z -- < "$hs_tmp/dns/list" | perl -e "$hs_dns_sha_pl" "$hs_dns_conf"
rm -f "$hs_tmp/dns/list"
"#;

/// Where a role keeps its files: the zone directory, the managed include, the directories it owns.
pub struct Layout<'a> {
    pub zone_dir: &'a str,
    pub conf: &'a str,
    pub include_line: &'a str,
    pub dirs: &'a [&'a str],
}

/// Appends a name-server role's facts section.
pub fn script(s: &mut Script, l: &Layout) {
    let d = |t: &str| t.as_bytes().to_vec();
    let text = |t: &'static str| Data::new(t.as_bytes()).expect("constant text has no NUL");
    s.assign("hs_dns_facts_pl", &text(FACTS_PL)).assign("hs_dns_sha_pl", &text(SHA_PL));
    s.assign("hs_dns_conf", &Data::new(l.conf.as_bytes()).expect("no NUL"));
    let mut args: Vec<Vec<u8>> = vec![d(l.zone_dir), d(l.conf), d(crate::render::zone::NAMED_CONF_LOCAL), d(l.include_line)];
    args.extend([d(crate::render::zone::ZONE_HEADER), d(crate::render::zone::CONF_HEADER)]);
    args.extend(l.dirs.iter().map(|x| d(x)));
    let data: Vec<Data> = args.iter().map(|a| Data::new(a).expect("no NUL")).collect();
    let refs: Vec<&dyn ShellArg> = data.iter().map(|x| x as &dyn ShellArg).collect();
    s.command("set --", &refs);
    s.raw(FACTS_SH);
}

/// A zone file name: a domain name in its canonical form, or its journal (`NAME.jnl`).
fn zone_name(n: &str) -> Option<(String, bool)> {
    let (name, journal) = match n.strip_suffix(".jnl") {
        Some(stem) => (stem, true),
        None => (n, false),
    };
    DomainName::parse("zone", name).ok().filter(|d| d.as_str() == name).map(|d| (d.to_string(), journal))
}

/// Reads a name-server section's records; `dirs` are the directories asked for.
pub fn parse(records: &[Record], dirs: &[&str]) -> DnsFacts {
    let mut f = DnsFacts::default();
    for r in records {
        let shown = || r.fields.iter().map(|x| crate::model::shown(&String::from_utf8_lossy(x))).collect::<Vec<_>>().join(" ");
        match (r.kind.as_str(), r.fields.len()) {
            ("bind", 2) => f.bind = r.number(0).zip(r.number(1)),
            ("dir", 5) => {
                if let (Some(p), Some(uid), Some(gid), Some(mode), Some(kind)) = (r.text(0), r.number(1), r.number(2), r.text(3), r.text(4))
                    && dirs.contains(&p)
                {
                    f.dirs.insert(p.to_owned(), (uid, gid, mode.to_owned(), kind.to_owned()));
                }
            }
            ("zone", 3) => match r.text(0).and_then(zone_name) {
                Some((name, true)) => f.zones.entry(name).or_default().journal = true,
                Some((name, false)) => {
                    let z = f.zones.entry(name).or_default();
                    z.managed = r.text(1) == Some("1");
                    z.serial = r.number(2);
                }
                None => f.warnings.push(format!("{} in the zone directory is not a zone file hsadmin writes; left alone", shown())),
            },
            ("conf", 1) => f.conf = Some((r.text(0) == Some("1"), None)),
            ("loaded", 1) => {
                if let Some((name, false)) = r.text(0).and_then(zone_name) {
                    f.loaded.insert(name);
                }
            }
            ("include", 1) => f.included = r.text(0) == Some("1"),
            ("sha256", 3) => {
                let hash = r.text(2).filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())).map(str::to_owned);
                match (r.text(0), r.text(1).and_then(zone_name)) {
                    (Some("conf"), _) => {
                        if let Some(c) = f.conf.as_mut() {
                            c.1 = hash;
                        }
                    }
                    (Some("zone"), Some((name, false))) => {
                        if let Some(z) = f.zones.get_mut(&name) {
                            z.sha256 = hash;
                        }
                    }
                    _ => {}
                }
            }
            _ => f.warnings.push(format!("unexpected facts record {} {}", crate::model::shown(&r.kind), shown())),
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::records;

    use crate::remote::records::frame as rec;

    #[test]
    fn zones_conf_and_include_are_read_and_odd_names_reported() {
        let mut bytes = Vec::new();
        for (k, f) in [
            ("bind", &["100", "101"][..]),
            ("dir", &["/var/lib/hsadmin/zones", "0", "101", "750", "directory"]),
            ("dir", &["/etc", "0", "0", "755", "directory"]),
            ("zone", &["example.org", "1", "2026120201"]),
            ("zone", &["Evil\nzone", "1", "1"]),
            ("zone", &["other.org", "0", ""]),
            ("zone", &["other.org.jnl", "0", ""]),
            ("sha256", &["zone", "example.org", &"a".repeat(64)]),
            ("conf", &["1"]),
            ("sha256", &["conf", "named.conf.hsadmin-primary", &"b".repeat(64)]),
            ("loaded", &["example.org"]),
            ("include", &["1"]),
        ] {
            bytes.extend(rec(k, f));
        }
        let f = parse(&records::parse(&bytes).unwrap(), &["/var/lib/hsadmin/zones"]);
        assert_eq!(f.bind, Some((100, 101)));
        assert_eq!(f.dirs.len(), 1);
        assert_eq!(f.zones["example.org"], ZoneFact { managed: true, serial: Some(2026120201), sha256: Some("a".repeat(64)), journal: false });
        assert_eq!(f.zones["other.org"], ZoneFact { managed: false, serial: None, sha256: None, journal: true });
        assert_eq!(f.conf, Some((true, Some("b".repeat(64)))));
        assert!(f.included && f.loaded.contains("example.org"));
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
        assert!(!f.warnings[0].contains('\n'));
    }
}
