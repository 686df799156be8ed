//! Facts: what a web server has of the things hsadmin manages, gathered in one read-only round trip.
use super::quote::{Data, Script};
use super::session::{Connection, RemoteError};
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirFact {
    pub owner: String,
    pub group: String,
    pub mode: String,
    /// `directory`, `symbolic link`, `regular file`, … as `stat -c %F` says.
    pub kind: String,
}

/// Quota limits and usage in KiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuotaFact {
    pub used_kb: u64,
    pub soft_kb: u64,
    pub hard_kb: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Groups and accounts with ids in the managed range.
    pub groups: BTreeMap<String, u32>,
    pub accounts: BTreeMap<String, AccountFact>,
    /// The asked-for paths that exist.
    pub dirs: BTreeMap<String, DirFact>,
    /// hsadmin's vhost files in sites-available, with the SHA-256 of their content.
    pub vhosts: BTreeMap<String, String>,
    /// hsadmin's vhost files enabled in sites-enabled.
    pub enabled: BTreeSet<String>,
    /// SHA-256 of `crontab -l` of each managed account that has a crontab.
    pub crontabs: BTreeMap<String, String>,
    pub user_quotas: BTreeMap<String, QuotaFact>,
    pub group_quotas: BTreeMap<String, QuotaFact>,
    /// Apache modules enabled (mods-enabled/*.load).
    pub modules: BTreeSet<String>,
}

/// The read-only facts script; `$uid_min`, `$uid_max`, `$quota_fs` and the paths (`"$@"`) come before it.
const FACTS_SCRIPT: &str = r#"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C
awk -F: -v lo="$uid_min" -v hi="$uid_max" '$3 >= lo && $3 <= hi { print "account|" $1 "|" $3 "|" $4 "|" $6 "|" $7 "|" $5 }' /etc/passwd
awk -F: -v lo="$uid_min" -v hi="$uid_max" '$3 >= lo && $3 <= hi { print "group|" $1 "|" $3 }' /etc/group
awk -F: -v lo="$uid_min" -v hi="$uid_max" 'FNR == NR { if ($3 >= lo && $3 <= hi) m[$1] = 1; next } ($1 in m) { print "shadow|" $1 "|" $2 "|" $8 }' /etc/passwd /etc/shadow
for p in "$@"; do
    if [ -e "$p" ] || [ -L "$p" ]; then stat -c 'dir|%n|%U|%G|%a|%F' -- "$p"; fi
done
for f in /etc/apache2/sites-available/hsadmin-*.conf; do
    [ -f "$f" ] && printf 'vhost|%s|%s\n' "${f##*/}" "$(sha256sum < "$f" | cut -c1-64)"
done
for f in /etc/apache2/sites-enabled/hsadmin-*.conf; do
    [ -e "$f" ] || [ -L "$f" ] && printf 'enabled|%s\n' "${f##*/}"
done
for f in /etc/apache2/mods-enabled/*.load; do
    [ -e "$f" ] && printf 'module|%s\n' "$(basename "$f" .load)"
done
for u in $(awk -F: -v lo="$uid_min" -v hi="$uid_max" '$3 >= lo && $3 <= hi { print $1 }' /etc/passwd); do
    if [ -s "/var/spool/cron/crontabs/$u" ]; then printf 'cron|%s|%s\n' "$u" "$(crontab -l -u "$u" 2>/dev/null | sha256sum | cut -c1-64)"; fi
done
repquota -v -u -p "$quota_fs" 2>/dev/null | awk 'NF >= 5 && $2 ~ /^[-+][-+]$/ { print "uquota|" $1 "|" $3 "|" $4 "|" $5 }'
repquota -v -g -p "$quota_fs" 2>/dev/null | awk 'NF >= 5 && $2 ~ /^[-+][-+]$/ { print "gquota|" $1 "|" $3 "|" $4 "|" $5 }'
exit 0
"#;

/// Gathers the facts in one round trip. `paths` are the directories whose owner and mode matter.
pub fn gather(conn: &mut Connection, uid_min: u32, uid_max: u32, quota_fs: &str, paths: &[String]) -> Result<Facts, RemoteError> {
    let server = conn.target().name.clone();
    let mut script = Script::new();
    script.assign("uid_min", &uid_min).assign("uid_max", &uid_max).assign("quota_fs", &Data::new(quota_fs.as_bytes()).expect("config paths have no NUL"));
    let args: Vec<Data> = paths.iter().filter_map(|p| Data::new(p.as_bytes())).collect();
    let args: Vec<&dyn super::quote::ShellArg> = args.iter().map(|d| d as &dyn super::quote::ShellArg).collect();
    script.command("set --", &args);
    script.raw(FACTS_SCRIPT);
    let out = conn.run(&script)?;
    if out.status != 0 {
        return Err(RemoteError::Protocol {
            server,
            message: format!("gathering facts failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr).trim()),
        });
    }
    Ok(parse(&String::from_utf8_lossy(&out.stdout)))
}

/// Parses the facts script's output; lines that do not fit are ignored (they describe nothing hsadmin manages).
pub fn parse(text: &str) -> Facts {
    let mut f = Facts::default();
    let kb = |s: &str| s.parse::<u64>().unwrap_or(0);
    for line in text.lines() {
        let fields: Vec<&str> = line.split('|').collect();
        match fields.as_slice() {
            ["account", name, uid, gid, home, shell, comment @ ..] => {
                if let (Ok(uid), Ok(gid)) = (uid.parse(), gid.parse()) {
                    let entry = f.accounts.entry((*name).to_owned()).or_insert(AccountFact {
                        uid,
                        gid,
                        home: String::new(),
                        shell: String::new(),
                        comment: String::new(),
                        shadow: String::new(),
                        expire: String::new(),
                    });
                    entry.uid = uid;
                    entry.gid = gid;
                    entry.home = (*home).to_owned();
                    entry.shell = (*shell).to_owned();
                    entry.comment = comment.join("|");
                }
            }
            ["group", name, gid] => {
                if let Ok(gid) = gid.parse() {
                    f.groups.insert((*name).to_owned(), gid);
                }
            }
            ["shadow", name, shadow, expire] => {
                if let Some(a) = f.accounts.get_mut(*name) {
                    a.shadow = (*shadow).to_owned();
                    a.expire = (*expire).to_owned();
                }
            }
            ["dir", path, owner, group, mode, kind] => {
                f.dirs.insert(
                    (*path).to_owned(),
                    DirFact { owner: (*owner).to_owned(), group: (*group).to_owned(), mode: (*mode).to_owned(), kind: (*kind).to_owned() },
                );
            }
            ["vhost", file, hash] => {
                f.vhosts.insert((*file).to_owned(), (*hash).to_owned());
            }
            ["enabled", file] => {
                f.enabled.insert((*file).to_owned());
            }
            ["module", name] => {
                f.modules.insert((*name).to_owned());
            }
            ["cron", user, hash] => {
                f.crontabs.insert((*user).to_owned(), (*hash).to_owned());
            }
            ["uquota", name, used, soft, hard] => {
                f.user_quotas.insert((*name).to_owned(), QuotaFact { used_kb: kb(used), soft_kb: kb(soft), hard_kb: kb(hard) });
            }
            ["gquota", name, used, soft, hard] => {
                f.group_quotas.insert((*name).to_owned(), QuotaFact { used_kb: kb(used), soft_kb: kb(soft), hard_kb: kb(hard) });
            }
            _ => {}
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_of_line() {
        let f = parse(
            "account|xyz00|100000|100000|/home/pacs/xyz00|/bin/bash|Erika|M\n\
             group|xyz00|100000\n\
             shadow|xyz00|$6$s$h|1\n\
             dir|/home/pacs/xyz00|xyz00|xyz00|751|directory\n\
             vhost|hsadmin-example.org.conf|abc\n\
             enabled|hsadmin-example.org.conf\n\
             module|ssl\n\
             cron|xyz00|def\n\
             uquota|xyz00|12|100|200\n\
             gquota|xyz00|34|1000|2000\n\
             garbage line\n",
        );
        let a = &f.accounts["xyz00"];
        assert_eq!((a.uid, a.gid, a.comment.as_str(), a.shadow.as_str(), a.expire.as_str()), (100000, 100000, "Erika|M", "$6$s$h", "1"));
        assert_eq!(f.groups["xyz00"], 100000);
        assert_eq!(f.dirs["/home/pacs/xyz00"].mode, "751");
        assert_eq!(f.vhosts["hsadmin-example.org.conf"], "abc");
        assert!(f.enabled.contains("hsadmin-example.org.conf") && f.modules.contains("ssl"));
        assert_eq!(f.crontabs["xyz00"], "def");
        assert_eq!(f.user_quotas["xyz00"], QuotaFact { used_kb: 12, soft_kb: 100, hard_kb: 200 });
        assert_eq!(f.group_quotas["xyz00"].used_kb, 34);
    }
}
