//! The web role's facts: what a web server has of the things hsadmin manages. The script reads
//! `/etc/passwd`, `/etc/group` and `/etc/shadow` (accounts in the managed uid range), the asked-for
//! paths (`lstat`, never followed), hsadmin's vhost files and links, the enabled modules (`mods-enabled`
//! and those built into the binary, `apache2 -l`), the managed accounts' crontabs (hashed on the server; a
//! crontab above the size cap is reported, never read) and the quotas. Everything travels as NUL-framed records and is validated here with the model types.
use crate::model::{DomainName, PackageName, UserName};
use crate::remote::quote::{Data, Script, ShellArg};
use crate::remote::records::Record;
use std::collections::{BTreeMap, BTreeSet};

/// An account as the server has it (from /etc/passwd and /etc/shadow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFact {
    pub uid: u32,
    pub gid: u32,
    pub home: String,
    pub shell: String,
    pub comment: String,
    pub shadow: String,
    /// The account expiry day (field 8 of /etc/shadow); "1" means locked by hsadmin.
    pub expire: String,
}

/// A path as `lstat` saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathFact {
    pub uid: u32,
    pub gid: u32,
    /// Octal permission bits, as `stat -c %a` prints them.
    pub mode: String,
    /// `directory`, `link`, `file` or `other`.
    pub kind: String,
}

/// Quota limits and usage in KiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuotaFact {
    pub used_kb: u64,
    pub soft_kb: u64,
    pub hard_kb: u64,
}

/// A vhost file in sites-available named like hsadmin's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VhostFact {
    pub sha256: Option<String>,
    /// It starts with hsadmin's header line: hsadmin wrote it and may remove it.
    pub managed: bool,
}

#[derive(Debug, Clone, Default)]
pub struct WebFacts {
    /// Groups and accounts with ids in the managed range and names hsadmin could have given.
    pub groups: BTreeMap<String, u32>,
    pub accounts: BTreeMap<String, AccountFact>,
    /// The asked-for paths that exist.
    pub paths: BTreeMap<String, PathFact>,
    pub vhosts: BTreeMap<String, VhostFact>,
    /// hsadmin's vhost links in sites-enabled, with where they point.
    pub enabled: BTreeMap<String, String>,
    pub modules: BTreeSet<String>,
    /// SHA-256 of each managed account's crontab (without crontab(1)'s header); `None` when it is larger
    /// than the cap and was not read.
    pub crontabs: BTreeMap<String, Option<String>>,
    pub user_quotas: BTreeMap<String, QuotaFact>,
    pub group_quotas: BTreeMap<String, QuotaFact>,
    /// What the server has that hsadmin does not recognise and leaves alone, for the plan.
    pub warnings: Vec<String>,
}

/// Crontabs larger than this are not read: hsadmin's own are far smaller (a job is one line), and a
/// user's can be huge.
pub const CRONTAB_CAP: u64 = 256 << 10;

const FACTS_PL: &str = r#"use strict; use warnings;
use Fcntl qw(O_RDONLY O_NOFOLLOW);
my ($lo, $hi, $tmp, $cap, $header, @paths) = @ARGV;
sub rec { my $k = shift; print join("\0", $k, scalar(@_), @_), "\0"; }
sub managed_id { my $id = shift; defined $id && $id =~ /\A\d+\z/ && $id >= $lo && $id <= $hi }
my %managed;
open(my $pw, '<', '/etc/passwd') or die "cannot read /etc/passwd: $!\n";
while (my $l = <$pw>) { chomp $l; my @f = split /:/, $l, -1; next unless @f >= 7 && managed_id($f[2]); $managed{$f[0]} = 1; rec('account', @f[0, 2, 3, 5, 6, 4]); }
open(my $gr, '<', '/etc/group') or die "cannot read /etc/group: $!\n";
while (my $l = <$gr>) { chomp $l; my @f = split /:/, $l, -1; next unless @f >= 3 && managed_id($f[2]); rec('group', @f[0, 2]); }
open(my $sh, '<', '/etc/shadow') or die "cannot read /etc/shadow: $!\n";
while (my $l = <$sh>) { chomp $l; my @f = split /:/, $l, -1; next unless @f >= 2 && $managed{$f[0]}; rec('shadow', $f[0], $f[1], $f[7] // ''); }
for my $p (@paths) {
    my @st = lstat $p or next;
    my $kind = -l _ ? 'link' : -d _ ? 'directory' : -f _ ? 'file' : 'other';
    rec('path', $p, $st[4], $st[5], sprintf('%o', $st[2] & 07777), $kind);
}
open(my $list, '>', "$tmp/vhosts") or die "$!\n";
if (opendir(my $dh, '/etc/apache2/sites-available')) {
    for my $n (sort readdir $dh) {
        next unless $n =~ /\Ahsadmin-.*\.conf\z/s;
        my $f = "/etc/apache2/sites-available/$n";
        next if -l $f || !-f _;
        my $head = '';
        if (sysopen(my $fh, $f, O_RDONLY | O_NOFOLLOW)) { sysread($fh, $head, 256); }
        $head =~ s/\n.*//s;
        rec('vhost', $n, $head eq $header ? 1 : 0);
        print $list "$f\0";
    }
}
close $list;
if (opendir(my $dh, '/etc/apache2/sites-enabled')) {
    for my $n (sort readdir $dh) { rec('enabled', $n, readlink("/etc/apache2/sites-enabled/$n") // '') if $n =~ /\Ahsadmin-.*\.conf\z/s; }
}
if (opendir(my $dh, '/etc/apache2/mods-enabled')) {
    for my $n (sort readdir $dh) { rec('module', $1) if $n =~ /\A(.+)\.load\z/s; }
}
# Modules built into the binary (Debian's has log_config and logio) are loaded without a .load file.
if (-x '/usr/sbin/apache2' && open(my $built, '-|', '/usr/sbin/apache2', '-l')) {
    while (my $l = <$built>) { rec('module', $1) if $l =~ /\A\s*mod_(\w+)\.c\s*\z/; }
    close $built;
}
mkdir "$tmp/cron" or die "$!\n";
if (opendir(my $dh, '/var/spool/cron/crontabs')) {
    for my $u (sort readdir $dh) {
        next if $u =~ /\A\.\.?\z/ || !$managed{$u};
        my $f = "/var/spool/cron/crontabs/$u";
        my @st = lstat $f or next;
        next unless -f _;
        if ($st[7] > $cap) { rec('crontab', $u, $st[7], 'oversize'); next; }
        sysopen(my $in, $f, O_RDONLY | O_NOFOLLOW) or next;
        # Read at most the cap: the file may have grown since lstat.
        my ($text, $got) = ('', 1);
        while ($got && length($text) <= $cap) { $got = sysread($in, $text, 65536, length $text); }
        if (length($text) > $cap) { rec('crontab', $u, length $text, 'oversize'); next; }
        # crontab(1) puts up to three comment lines in front of what was installed; `crontab -l` drops them.
        $text =~ s/\A(?:# (?:DO NOT EDIT THIS FILE|\(.* installed on |\(Cron version)[^\n]*\n){0,3}//;
        open(my $out, '>', "$tmp/cron/$u") or die "$!\n";
        print $out $text;
        close $out;
        rec('crontab', $u, $st[7], 'hashed');
    }
}
"#;

/// `sha256sum -z` lines (`HASH  PATH NUL`) as `sha256 KIND NAME HASH` records.
const SHA_PL: &str = r#"my $k = shift; $/ = "\0";
while (my $l = <STDIN>) { chomp $l; next unless $l =~ /\A([0-9a-f]{64})  (.*)\z/s; my ($h, $n) = ($1, $2); $n =~ s{.*/}{}s; print join("\0", 'sha256', 3, $k, $n, $h), "\0"; }
"#;

/// `repquota -p` lines as `quota KIND NAME USED SOFT HARD` records.
const QUOTA_PL: &str = r#"my $k = shift;
while (my $l = <STDIN>) { my @f = split ' ', $l; next unless @f >= 5 && $f[1] =~ /\A[-+][-+]\z/; print join("\0", 'quota', 5, $k, @f[0, 2, 3, 4]), "\0"; }
"#;

const FACTS_SH: &str = r#"rec section web
mkdir "$hs_tmp/web"
perl -e "$hs_facts_pl" -- "$uid_min" "$uid_max" "$hs_tmp/web" "$hs_cron_cap" "$hs_header" "$@"
xargs -0r sha256sum -z -- < "$hs_tmp/web/vhosts" | perl -e "$hs_sha_pl" vhost
(cd "$hs_tmp/web/cron" && find . -type f -print0 | xargs -0r sha256sum -z --) | perl -e "$hs_sha_pl" crontab
repquota -v -u -p "$quota_fs" 2>/dev/null | perl -e "$hs_quota_pl" user
repquota -v -g -p "$quota_fs" 2>/dev/null | perl -e "$hs_quota_pl" group
"#;

/// Appends the web role's facts section; `paths` are the directories whose owner and mode matter.
pub fn script(s: &mut Script, uid_min: u32, uid_max: u32, quota_fs: &str, paths: &[String]) {
    let text = |t: &'static str| Data::new(t.as_bytes()).expect("constant text has no NUL");
    s.assign("uid_min", &uid_min).assign("uid_max", &uid_max);
    s.assign("quota_fs", &Data::new(quota_fs.as_bytes()).expect("config paths have no NUL"));
    s.assign("hs_cron_cap", &CRONTAB_CAP).assign("hs_header", &text(crate::render::MANAGED_HEADER));
    s.assign("hs_facts_pl", &text(FACTS_PL)).assign("hs_sha_pl", &text(SHA_PL)).assign("hs_quota_pl", &text(QUOTA_PL));
    let args: Vec<Data> = paths.iter().filter_map(|p| Data::new(p.as_bytes())).collect();
    let args: Vec<&dyn ShellArg> = args.iter().map(|d| d as &dyn ShellArg).collect();
    s.command("set --", &args);
    s.raw(FACTS_SH);
}

/// Reads the web section's records. What does not validate is left out and named in `warnings`, escaped.
pub fn parse(records: &[Record], uid_min: u32, uid_max: u32, paths: &BTreeSet<&str>) -> WebFacts {
    let mut f = WebFacts::default();
    let in_range = |id: u32| (uid_min..=uid_max).contains(&id);
    for r in records {
        let shown = || r.fields.iter().map(|x| crate::model::shown(&String::from_utf8_lossy(x))).collect::<Vec<_>>().join(" ");
        match (r.kind.as_str(), r.fields.len()) {
            ("account", 6) => match (r.text(0).filter(|n| UserName::parse("user", n).is_ok()), r.number::<u32>(1).filter(|u| in_range(*u)), r.number(2)) {
                (Some(name), Some(uid), Some(gid)) => {
                    let text = |i| r.text(i).unwrap_or_default().to_owned();
                    let a = AccountFact { uid, gid, home: text(3), shell: text(4), comment: text(5), shadow: String::new(), expire: String::new() };
                    f.accounts.insert(name.to_owned(), a);
                }
                _ => f.warnings.push(format!("account {} in hsadmin's uid range has a name hsadmin never gives; left alone", shown())),
            },
            ("group", 2) => match (r.text(0).filter(|n| PackageName::parse("group", n).is_ok()), r.number::<u32>(1).filter(|g| in_range(*g))) {
                (Some(name), Some(gid)) => {
                    f.groups.insert(name.to_owned(), gid);
                }
                _ => f.warnings.push(format!("group {} in hsadmin's gid range has a name hsadmin never gives; left alone", shown())),
            },
            ("shadow", 3) => {
                if let (Some(name), Some(hash), Some(expire)) = (r.text(0), r.text(1), r.text(2))
                    && let Some(a) = f.accounts.get_mut(name)
                {
                    (a.shadow, a.expire) = (hash.to_owned(), expire.to_owned());
                }
            }
            ("path", 5) => {
                if let (Some(path), Some(uid), Some(gid), Some(mode), Some(kind)) = (r.text(0), r.number(1), r.number(2), r.text(3), r.text(4))
                    && paths.contains(path)
                {
                    f.paths.insert(path.to_owned(), PathFact { uid, gid, mode: mode.to_owned(), kind: kind.to_owned() });
                }
            }
            ("vhost", 2) => match r.text(0).filter(|n| vhost_name(n)) {
                Some(n) => f.vhosts.entry(n.to_owned()).or_default().managed = r.text(1) == Some("1"),
                None => f.warnings.push(format!("{} in sites-available is not a file name hsadmin writes; left alone", shown())),
            },
            ("enabled", 2) => match r.text(0).filter(|n| vhost_name(n)) {
                Some(n) => {
                    f.enabled.insert(n.to_owned(), r.text(1).unwrap_or_default().to_owned());
                }
                None => f.warnings.push(format!("{} in sites-enabled is not a file name hsadmin writes; left alone", shown())),
            },
            ("module", 1) => {
                if let Some(m) = r.text(0).filter(|m| m.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')) {
                    f.modules.insert(m.to_owned());
                }
            }
            ("crontab", 3) => {
                if let Some(u) = r.text(0).filter(|u| f.accounts.contains_key(*u)) {
                    f.crontabs.insert(u.to_owned(), None);
                    if r.text(2) == Some("oversize") {
                        f.warnings
                            .push(format!("the crontab of {u} is {} bytes, above the cap of {CRONTAB_CAP}; it is replaced unread", r.text(1).unwrap_or("?")));
                    }
                }
            }
            ("sha256", 3) => {
                let hash = r.text(2).filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())).map(str::to_owned);
                match (r.text(0), r.text(1)) {
                    (Some("vhost"), Some(n)) if f.vhosts.contains_key(n) => f.vhosts.get_mut(n).expect("checked").sha256 = hash,
                    (Some("crontab"), Some(u)) if f.crontabs.contains_key(u) => {
                        f.crontabs.insert(u.to_owned(), hash);
                    }
                    _ => {}
                }
            }
            ("quota", 5) => {
                let q = |i| r.number::<u64>(i);
                if let (Some(kind), Some(name), Some(used_kb), Some(soft_kb), Some(hard_kb)) = (r.text(0), r.text(1), q(2), q(3), q(4)) {
                    let fact = QuotaFact { used_kb, soft_kb, hard_kb };
                    match kind {
                        "user" if f.accounts.contains_key(name) => f.user_quotas.insert(name.to_owned(), fact),
                        "group" if f.groups.contains_key(name) => f.group_quotas.insert(name.to_owned(), fact),
                        _ => None,
                    };
                }
            }
            _ => f.warnings.push(format!("unexpected facts record {} {}", crate::model::shown(&r.kind), shown())),
        }
    }
    f
}

/// Whether a name is one hsadmin gives its vhost files: `hsadmin-<domain>.conf` (the domain possibly
/// shortened with a hash, see `render::vhost_file`).
pub fn vhost_name(name: &str) -> bool {
    let Some(stem) = name.strip_prefix("hsadmin-").and_then(|n| n.strip_suffix(".conf")) else { return false };
    name.len() <= 255
        && !stem.is_empty()
        && (DomainName::parse("domain", stem).is_ok_and(|d| crate::render::vhost_file(d.as_str()) == name) || crate::render::is_hashed_vhost_stem(stem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::records;

    use crate::remote::records::frame as rec;

    #[test]
    fn parses_every_kind_of_record_and_validates_names_and_ids() {
        let mut bytes = Vec::new();
        for (k, f) in [
            ("account", &["xyz00", "100000", "100000", "/home/pacs/xyz00", "/bin/bash", "Erika|M"][..]),
            ("account", &["root", "100001", "0", "/root", "/bin/sh", ""]),
            ("account", &["xyz00-web", "500", "0", "/x", "/bin/sh", ""]),
            ("group", &["xyz00", "100000"]),
            ("shadow", &["xyz00", "$6$s$h", "1"]),
            ("path", &["/home/pacs/xyz00", "100000", "100000", "751", "directory"]),
            ("path", &["/etc", "0", "0", "755", "directory"]),
            ("vhost", &["hsadmin-example.org.conf", "1"]),
            ("vhost", &["hsadmin-a\naccount|victim|100999|100999|x|y|\nb.conf", "1"]),
            ("sha256", &["vhost", "hsadmin-example.org.conf", &"a".repeat(64)]),
            ("enabled", &["hsadmin-example.org.conf", "../sites-available/hsadmin-example.org.conf"]),
            ("module", &["ssl"]),
            ("crontab", &["xyz00", "12", "hashed"]),
            ("sha256", &["crontab", "xyz00", &"b".repeat(64)]),
            ("quota", &["user", "xyz00", "12", "100", "200"]),
            ("quota", &["group", "xyz00", "34", "1000", "2000"]),
        ] {
            bytes.extend(rec(k, f));
        }
        let paths: BTreeSet<&str> = ["/home/pacs/xyz00"].into();
        let f = parse(&records::parse(&bytes).unwrap(), 100000, 999999, &paths);
        let a = &f.accounts["xyz00"];
        assert_eq!((a.uid, a.gid, a.comment.as_str(), a.shadow.as_str(), a.expire.as_str()), (100000, 100000, "Erika|M", "$6$s$h", "1"));
        assert_eq!(f.accounts.len(), 1, "root and an id outside the range are not hsadmin's: {:?}", f.accounts);
        assert_eq!(f.groups["xyz00"], 100000);
        assert_eq!(f.paths.len(), 1);
        assert_eq!(f.paths["/home/pacs/xyz00"].mode, "751");
        assert_eq!(f.vhosts.len(), 1);
        assert_eq!(f.vhosts["hsadmin-example.org.conf"], VhostFact { sha256: Some("a".repeat(64)), managed: true });
        assert!(f.enabled.contains_key("hsadmin-example.org.conf") && f.modules.contains("ssl"));
        assert_eq!(f.crontabs["xyz00"], Some("b".repeat(64)));
        assert_eq!(f.user_quotas["xyz00"], QuotaFact { used_kb: 12, soft_kb: 100, hard_kb: 200 });
        assert_eq!(f.group_quotas["xyz00"].used_kb, 34);
        assert_eq!(f.warnings.len(), 3, "{:?}", f.warnings);
        assert!(f.warnings.iter().all(|w| !w.contains('\n')), "{:?}", f.warnings);
    }
}
