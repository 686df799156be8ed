//! The name-server roles. `dns-primary`: every hosted zone as a file in hsadmin's zone directory and one
//! managed include with their zone statements (transfers to and notifies of the secondaries);
//! `dns-secondary`: one managed include with each zone transferred from the primaries. Zones come from
//! the ledger (`ops::dns`, `render::zone`); facts and steps are shell text in `remote/dns/`; this file
//! decides what changes. After an apply, the serials the zones got are kept in the ledger ([`Role::record`]).
use super::role::{Context, Role, StepsContext};
use crate::Result;
use crate::ledger::server::Server;
use crate::ledger::{Tx, dns as rows};
use crate::model::{self, sha256_hex};
use crate::remote::Script;
use crate::remote::dns::facts::{self, Layout};
use crate::remote::dns::{Action, DnsFacts};
use crate::remote::records::Record;
use crate::remote::script::ApplyScript;
use crate::render::zone::{self as render, PRIMARY_CONF, SECONDARY_CONF, SECONDARY_DIR, ZONE_DIR, Zone};

pub struct DnsPrimary;
pub struct DnsSecondary;

/// Directories first, then one unit per zone, named's configuration and reload last.
pub const BASE: &str = "bind-base";
pub const NAMED: &str = "named";
const HSADMIN_LIB: &str = "/var/lib/hsadmin";
const PRIMARY_DIRS: &[&str] = &[HSADMIN_LIB, ZONE_DIR];
const SECONDARY_DIRS: &[&str] = &[SECONDARY_DIR];

/// What a primary should have: every zone, the include, and the serials to keep once applied.
pub struct PrimaryDesired {
    pub zones: Vec<Zone>,
    pub conf: String,
    /// Zones whose content changed since the ledger last kept their serial: (zone, serial, hash).
    pub new_serials: Vec<(String, u32, String)>,
}

/// What a secondary should have; `off` on a server that is a primary too (the primary serves the zones).
pub struct SecondaryDesired {
    pub zones: Vec<String>,
    pub conf: String,
    pub off: bool,
}

/// The address a name server is reached at by the others: its IPv4, else its IPv6, else an IP address.
pub fn zone_address(s: &Server) -> Option<String> {
    s.ipv4.clone().or_else(|| s.ipv6.clone()).or_else(|| s.address.as_str().parse::<std::net::IpAddr>().ok().map(|ip| ip.to_string()))
}

/// The addresses of the other name servers with `role` (a primary is never its own secondary).
fn peers(tx: &Tx, me: &Server, role: model::Role) -> Result<Vec<String>> {
    let all = rows::name_servers(tx)?;
    let other = |s: &&Server| s.name != me.name && s.roles.contains(role) && (role == model::Role::DnsPrimary || !s.roles.contains(model::Role::DnsPrimary));
    Ok(all.iter().filter(other).filter_map(zone_address).collect())
}

/// Orders a role's changes: directories, zones, then named.
fn ordered(mut out: Vec<(String, Action)>) -> Vec<(String, Action)> {
    out.sort_by_key(|(unit, _)| match unit.as_str() {
        BASE => 0,
        NAMED => 2,
        _ => 1,
    });
    out
}

/// Directories whose owner or mode differ.
fn dirs(want: &[(&str, u32, u32, &str)], f: &DnsFacts) -> Vec<(String, Action)> {
    let mut out = Vec::new();
    for (path, uid, gid, mode) in want {
        if f.dirs.get(*path) != Some(&(*uid, *gid, (*mode).to_owned(), "directory".to_owned())) {
            out.push((BASE.to_owned(), Action::EnsureDir { path: (*path).to_owned(), uid: *uid, gid: *gid, mode: (*mode).to_owned() }));
        }
    }
    out
}

/// The include and the reconfig when the include differs or is not included.
fn conf(file: &str, content: &str, f: &DnsFacts) -> Vec<(String, Action)> {
    let want = sha256_hex(content.as_bytes());
    if f.conf.as_ref().and_then(|c| c.1.as_ref()) == Some(&want) && f.included {
        return Vec::new();
    }
    let install =
        Action::InstallConf { file: file.to_owned(), add_include: !f.included, include_line: render::include_line(file), content: content.to_owned() };
    vec![(NAMED.to_owned(), install), (NAMED.to_owned(), Action::Reconfig)]
}

fn warn_without_bind(f: &mut DnsFacts) {
    if f.bind.is_none() {
        f.warnings.push("the server has no user and group bind: is BIND (bind9) installed? nothing was planned for its name service".into());
    }
}

impl Role for DnsPrimary {
    type Desired = PrimaryDesired;
    type Facts = DnsFacts;
    type Action = Action;
    const ROLE: model::Role = model::Role::DnsPrimary;

    fn prepare(&self, tx: &Tx, server: &Server, cx: &Context) -> Result<PrimaryDesired> {
        let zones = crate::ops::dns::all_zones(tx, &cx.config.dns, cx.today)?;
        let stored = rows::serials(tx)?;
        let new_serials = zones
            .iter()
            .filter(|z| stored.get(&z.name) != Some(&(z.serial, z.content_hash.clone())))
            .map(|z| (z.name.clone(), z.serial, z.content_hash.clone()))
            .collect();
        let names: Vec<&str> = zones.iter().map(|z| z.name.as_str()).collect();
        let conf = render::primary_conf(&names, &peers(tx, server, model::Role::DnsSecondary)?, zone_address(server).as_deref());
        Ok(PrimaryDesired { zones, conf, new_serials })
    }

    fn facts_script(&self, _d: &PrimaryDesired, _cx: &Context, script: &mut Script) {
        facts::script(script, &Layout { zone_dir: ZONE_DIR, conf: PRIMARY_CONF, include_line: &render::include_line(PRIMARY_CONF), dirs: PRIMARY_DIRS });
    }

    fn parse(&self, _d: &PrimaryDesired, records: &[Record], _cx: &Context) -> (DnsFacts, Vec<String>) {
        let mut f = facts::parse(records, PRIMARY_DIRS);
        warn_without_bind(&mut f);
        let warnings = std::mem::take(&mut f.warnings);
        (f, warnings)
    }

    fn diff(&self, d: &PrimaryDesired, f: &DnsFacts, _cx: &Context) -> Vec<(String, Action)> {
        let Some((_, bind_gid)) = f.bind else { return Vec::new() };
        ordered(diff_primary(d, f, bind_gid))
    }

    fn describe(a: &Action) -> (String, String, bool) {
        (a.name(), a.target(), a.removes())
    }

    fn steps(units: &[(String, Vec<Action>)], _cx: &StepsContext, script: &mut ApplyScript) {
        crate::remote::dns::steps::section(model::Role::DnsPrimary.as_str(), units, script);
    }

    fn record(&self, d: &PrimaryDesired, tx: &Tx) -> Result<()> {
        for (zone, serial, hash) in &d.new_serials {
            rows::put_serial(tx, zone, *serial, hash)?;
        }
        Ok(())
    }
}

/// The primary's changes (unordered): directories, changed zones, the include, zones that went.
pub fn diff_primary(d: &PrimaryDesired, f: &DnsFacts, bind_gid: u32) -> Vec<(String, Action)> {
    let mut out = dirs(&[(HSADMIN_LIB, 0, 0, "755"), (ZONE_DIR, 0, bind_gid, "750")], f);
    for z in &d.zones {
        let want = sha256_hex(z.text.as_bytes());
        if f.zones.get(&z.name).and_then(|x| x.sha256.as_ref()) != Some(&want) {
            let reload = f.loaded.contains(&z.name);
            out.push((z.name.clone(), Action::WriteZone { zone: z.name.clone(), serial: z.serial, reload, content: z.text.clone() }));
        }
    }
    out.extend(conf(PRIMARY_CONF, &d.conf, f));
    for (name, z) in &f.zones {
        if z.managed && !d.zones.iter().any(|x| &x.name == name) {
            out.push((NAMED.to_owned(), Action::RemoveZone { zone: name.clone(), secondary: false }));
        }
    }
    out
}

impl Role for DnsSecondary {
    type Desired = SecondaryDesired;
    type Facts = DnsFacts;
    type Action = Action;
    const ROLE: model::Role = model::Role::DnsSecondary;

    fn prepare(&self, tx: &Tx, server: &Server, _cx: &Context) -> Result<SecondaryDesired> {
        let zones: Vec<String> = rows::zone_domains(tx)?.into_iter().map(|z| z.domain.name.to_string()).collect();
        let names: Vec<&str> = zones.iter().map(String::as_str).collect();
        let conf = render::secondary_conf(&names, &peers(tx, server, model::Role::DnsPrimary)?, zone_address(server).as_deref());
        Ok(SecondaryDesired { zones, conf, off: server.roles.contains(model::Role::DnsPrimary) })
    }

    fn facts_script(&self, d: &SecondaryDesired, _cx: &Context, script: &mut Script) {
        if !d.off {
            facts::script(
                script,
                &Layout { zone_dir: SECONDARY_DIR, conf: SECONDARY_CONF, include_line: &render::include_line(SECONDARY_CONF), dirs: SECONDARY_DIRS },
            );
        }
    }

    fn parse(&self, d: &SecondaryDesired, records: &[Record], _cx: &Context) -> (DnsFacts, Vec<String>) {
        let mut f = facts::parse(records, SECONDARY_DIRS);
        if !d.off {
            warn_without_bind(&mut f);
        }
        let warnings = std::mem::take(&mut f.warnings);
        (f, warnings)
    }

    fn diff(&self, d: &SecondaryDesired, f: &DnsFacts, _cx: &Context) -> Vec<(String, Action)> {
        match f.bind {
            Some((uid, gid)) if !d.off => ordered(diff_secondary(d, f, uid, gid)),
            _ => Vec::new(),
        }
    }

    fn describe(a: &Action) -> (String, String, bool) {
        (a.name(), a.target(), a.removes())
    }

    fn steps(units: &[(String, Vec<Action>)], _cx: &StepsContext, script: &mut ApplyScript) {
        crate::remote::dns::steps::section(model::Role::DnsSecondary.as_str(), units, script);
    }
}

/// The secondary's changes (unordered): its directory, the include, copies of zones that went.
pub fn diff_secondary(d: &SecondaryDesired, f: &DnsFacts, bind_uid: u32, bind_gid: u32) -> Vec<(String, Action)> {
    let mut out = dirs(&[(SECONDARY_DIR, bind_uid, bind_gid, "750")], f);
    out.extend(conf(SECONDARY_CONF, &d.conf, f));
    for name in f.zones.keys() {
        if !d.zones.contains(name) {
            out.push((NAMED.to_owned(), Action::RemoveZone { zone: name.clone(), secondary: true }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::dns::ZoneFact;

    fn zone(name: &str, text: &str) -> Zone {
        Zone { name: name.into(), serial: 2026120201, content_hash: String::new(), text: text.into() }
    }

    fn in_line(d: &PrimaryDesired) -> DnsFacts {
        let mut f = DnsFacts { bind: Some((100, 101)), included: true, ..Default::default() };
        f.dirs.insert(HSADMIN_LIB.into(), (0, 0, "755".into(), "directory".into()));
        f.dirs.insert(ZONE_DIR.into(), (0, 101, "750".into(), "directory".into()));
        for z in &d.zones {
            f.zones.insert(z.name.clone(), ZoneFact { managed: true, serial: Some(z.serial), sha256: Some(sha256_hex(z.text.as_bytes())), journal: false });
            f.loaded.insert(z.name.clone());
        }
        f.conf = Some((true, Some(sha256_hex(d.conf.as_bytes()))));
        f
    }

    #[test]
    fn a_server_in_line_needs_nothing_and_one_changed_zone_is_one_reload() {
        let d = PrimaryDesired { zones: vec![zone("a.org", "A"), zone("b.org", "B")], conf: "C".into(), new_serials: vec![] };
        let mut f = in_line(&d);
        assert!(DnsPrimary.diff(&d, &f, &ctx()).is_empty());
        f.zones.get_mut("b.org").unwrap().sha256 = Some("0".repeat(64));
        let a = diff_primary(&d, &f, 101);
        assert_eq!(a.len(), 1, "{a:?}");
        assert!(matches!(&a[0].1, Action::WriteZone { zone, reload: true, .. } if zone == "b.org"));
    }

    #[test]
    fn a_new_zone_is_written_then_configured_and_a_gone_one_removed_after_reconfig() {
        let d = PrimaryDesired { zones: vec![zone("a.org", "A")], conf: "C2".into(), new_serials: vec![] };
        let mut f = in_line(&PrimaryDesired { zones: vec![zone("old.org", "O")], conf: "C1".into(), new_serials: vec![] });
        f.zones.insert("foreign.org".into(), ZoneFact::default());
        let a = ordered(diff_primary(&d, &f, 101));
        let names: Vec<String> = a.iter().map(|(u, x)| format!("{u} {} {}", x.name(), x.target())).collect();
        assert_eq!(
            names,
            ["a.org write_zone a.org", "named install_conf /etc/bind/named.conf.hsadmin-primary", "named reconfig named", "named remove_zone old.org"]
        );
        assert!(matches!(&a[0].1, Action::WriteZone { reload: false, .. }), "a new zone is loaded by reconfig");
    }

    fn ctx() -> Context<'static> {
        static CONFIG: std::sync::OnceLock<crate::config::Config> = std::sync::OnceLock::new();
        Context { config: CONFIG.get_or_init(Default::default), today: "2026-12-02" }
    }
}
