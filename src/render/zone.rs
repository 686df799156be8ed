//! Zone files and BIND's zone statements, rendered from ledger rows (pure). A hosted domain's zone has
//! `$TTL`, the SOA (primary name server, hostmaster, serial, timers from `[dns]`), the NS, MX and SPF
//! records of the config (for a domain with mail off a null MX and `v=spf1 -all` instead), A/AAAA records of the apex, `www`, each subdomain and (optionally) a wildcard
//! pointing at the package's server, then the domain's own records. The same rows render the same bytes;
//! the serial is decided from the content without it ([`content_hash`], [`next_serial`]).
use crate::config::DnsConfig;
use crate::ledger::dns::{Record, ZoneDomain};
use crate::model::dns::{DnsRecord, absolute};

/// The first line of every zone file and zone include hsadmin writes: how they are recognised as its own.
pub const ZONE_HEADER: &str = "; Managed by hsadmin: rendered from the ledger; hand edits are reverted by `hsadmin apply`.";
pub const CONF_HEADER: &str = "// Managed by hsadmin: rendered from the ledger; hand edits are reverted by `hsadmin apply`.";

/// Where a primary keeps its zone files (root-owned, readable by named's group).
pub const ZONE_DIR: &str = "/var/lib/hsadmin/zones";
/// Where a secondary's named keeps the zones it transfers (its own directory, written by named).
pub const SECONDARY_DIR: &str = "/var/cache/bind/hsadmin";
/// The managed includes, one per role, included from `named.conf.local`.
pub const PRIMARY_CONF: &str = "/etc/bind/named.conf.hsadmin-primary";
pub const SECONDARY_CONF: &str = "/etc/bind/named.conf.hsadmin-secondary";
pub const NAMED_CONF_LOCAL: &str = "/etc/bind/named.conf.local";

/// A zone as it should be on the primary.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub name: String,
    pub serial: u32,
    /// SHA-256 of the content without the serial: what decides whether the serial moves.
    pub content_hash: String,
    pub text: String,
}

/// The generated names of a domain (relative): apex, `www`, the subdomains, and `*` with the wildcard.
pub fn generated_names(z: &ZoneDomain, cfg: &DnsConfig) -> Vec<String> {
    let mut names = vec!["@".to_owned(), "www".to_owned()];
    names.extend(z.domain.subdomains.iter().cloned());
    if cfg.wildcard {
        names.push("*".into());
    }
    names
}

/// The zone file of a domain with the given serial.
pub fn zone_text(z: &ZoneDomain, records: &[&DnsRecord], cfg: &DnsConfig, serial: u32) -> String {
    let apex = absolute("@", &z.domain.name);
    let mut out = format!("{ZONE_HEADER}\n$TTL {}\n", cfg.ttl);
    let primary = cfg.nameservers.first().map(String::as_str).unwrap_or("localhost");
    out += &format!(
        "{apex} IN SOA {primary}. {}. {serial} {} {} {} {}\n",
        cfg.hostmaster.trim_end_matches('.'),
        cfg.refresh,
        cfg.retry,
        cfg.expire,
        cfg.negative_ttl
    );
    for ns in &cfg.nameservers {
        out += &format!("{apex} IN NS {}.\n", ns.trim_end_matches('.'));
    }
    if z.domain.mail {
        for mx in &cfg.mx {
            if let Ok((pref, host)) = crate::model::dns::mx_data(mx) {
                out += &format!("{apex} IN MX {pref} {host}\n");
            }
        }
        if !cfg.spf.is_empty() {
            out += &format!("{apex} IN TXT \"{}\"\n", cfg.spf);
        }
    } else {
        // A domain with mail off says so: a null MX (RFC 7505) and an SPF record that no host may send for.
        out += &format!("{apex} IN MX 0 .\n{apex} IN TXT \"v=spf1 -all\"\n");
    }
    for name in generated_names(z, cfg) {
        let owner = absolute(&name, &z.domain.name);
        if let Some(v4) = &z.ipv4 {
            out += &format!("{owner} IN A {v4}\n");
        }
        if let Some(v6) = &z.ipv6 {
            out += &format!("{owner} IN AAAA {v6}\n");
        }
    }
    for r in records {
        let ttl = r.ttl.map(|t| format!(" {t}")).unwrap_or_default();
        out += &format!("{}{ttl} IN {} {}\n", r.owner(&z.domain.name), r.rtype(), r.data_text());
    }
    out
}

/// The hash of a zone's content without its serial.
pub fn content_hash(z: &ZoneDomain, records: &[&DnsRecord], cfg: &DnsConfig) -> String {
    crate::model::sha256_hex(zone_text(z, records, cfg, 0).as_bytes())
}

/// The serial for content `hash`: the stored one while the content is the same; otherwise today's first
/// (`YYYYMMDD01`), or one more than the stored serial if that is today's or later (it never goes back).
pub fn next_serial(stored: Option<&(u32, String)>, hash: &str, today: &str) -> u32 {
    let day: u32 = today.replace('-', "").parse().unwrap_or(19700101);
    let first = day.saturating_mul(100).saturating_add(1);
    match stored {
        Some((serial, h)) if h == hash => *serial,
        Some((serial, _)) if *serial >= first => serial.saturating_add(1),
        _ => first,
    }
}

/// Every zone of the rows with its serial decided: `records` are all records, `serials` the stored ones.
pub fn zones(
    domains: &[ZoneDomain],
    records: &[Record],
    serials: &std::collections::BTreeMap<String, (u32, String)>,
    cfg: &DnsConfig,
    today: &str,
) -> Vec<Zone> {
    domains
        .iter()
        .map(|z| {
            let own: Vec<&DnsRecord> = records.iter().filter(|r| r.domain == z.domain.name).map(|r| &r.record).collect();
            let hash = content_hash(z, &own, cfg);
            let serial = next_serial(serials.get(z.domain.name.as_str()), &hash, today);
            Zone { name: z.domain.name.to_string(), serial, text: zone_text(z, &own, cfg, serial), content_hash: hash }
        })
        .collect()
}

/// `{ a; b; }`, or `{ none; }` for an empty list.
fn address_list(addresses: &[String]) -> String {
    if addresses.is_empty() { "{ none; }".into() } else { format!("{{ {}; }}", addresses.join("; ")) }
}

/// The primary's zone statements: its zone files, transfers to and notifies of the secondaries.
pub fn primary_conf(zones: &[&str], secondaries: &[String], own: Option<&str>) -> String {
    let mut out = format!("{CONF_HEADER}\n");
    let notify = if secondaries.is_empty() { "notify no;".to_owned() } else { format!("notify explicit; also-notify {};", address_list(secondaries)) };
    let source = own.map(|a| format!(" notify-source {a};")).unwrap_or_default();
    // Transfers go to the secondaries and to the primary's own address: where servers share one network
    // stack (several on one machine), a secondary's TCP connection may come from that address.
    let mut transfer: Vec<String> = secondaries.to_vec();
    if let Some(a) = own.filter(|_| !secondaries.is_empty()) {
        transfer.push(a.to_owned());
    }
    for z in zones {
        out += &format!("zone \"{z}\" {{ type primary; file \"{ZONE_DIR}/{z}\"; allow-transfer {}; {notify}{source} }};\n", address_list(&transfer));
    }
    out
}

/// A secondary's zone statements: each zone transferred from the primaries.
pub fn secondary_conf(zones: &[&str], primaries: &[String], own: Option<&str>) -> String {
    let mut out = format!("{CONF_HEADER}\n");
    if primaries.is_empty() {
        // No primary with an address in the ledger: nothing to transfer from (and `primaries { none; }` is
        // no valid statement).
        out += "// no dns-primary server with an address in the ledger\n";
        return out;
    }
    let source = own.map(|a| format!(" transfer-source {a};")).unwrap_or_default();
    for z in zones {
        out += &format!("zone \"{z}\" {{ type secondary; primaries {}; file \"{SECONDARY_DIR}/{z}\";{source} }};\n", address_list(primaries));
    }
    out
}

/// The line `named.conf.local` gets for an include, with hsadmin's marker at its end.
pub fn include_line(conf: &str) -> String {
    format!("include \"{conf}\"; // hsadmin")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::DomainName;

    /// A domain of package xyz00 on a server at 192.0.2.10 / 2001:db8::10 (also for ops' tests).
    pub fn domain(name: &str, subs: &[&str]) -> ZoneDomain {
        let mut d = crate::render::web::tests::domain(name, "xyz00");
        d.name = DomainName::parse("d", name).unwrap();
        d.subdomains = subs.iter().map(|s| s.to_string()).collect();
        ZoneDomain { domain: d, ipv4: Some("192.0.2.10".into()), ipv6: Some("2001:db8::10".into()) }
    }

    #[test]
    fn a_zone_has_soa_ns_mx_spf_addresses_and_records() {
        let z = domain("example.org", &["blog"]);
        let cfg = DnsConfig { wildcard: true, ..DnsConfig::default() };
        let recs: Vec<DnsRecord> =
            ["_dmarc TXT \"v=DMARC1; p=none\"", "shop CNAME shops.example.net.", "sub NS ns.other.net.", "@ CAA 0 issue \"letsencrypt.org\""]
                .iter()
                .map(|l| DnsRecord::parse("r", &z.domain.name, l).unwrap())
                .collect();
        let refs: Vec<&DnsRecord> = recs.iter().collect();
        let text = zone_text(&z, &refs, &cfg, 2026120201);
        assert!(
            text.starts_with(&format!(
                "{ZONE_HEADER}\n$TTL 3600\nexample.org. IN SOA ns1.example.net. hostmaster.example.net. 2026120201 10800 3600 1209600 3600\n"
            )),
            "{text}"
        );
        for line in [
            "example.org. IN NS ns2.example.net.",
            "example.org. IN MX 10 mx.example.net.",
            "example.org. IN TXT \"v=spf1 mx -all\"",
            "www.example.org. IN A 192.0.2.10",
            "blog.example.org. IN AAAA 2001:db8::10",
            "*.example.org. IN A 192.0.2.10",
            "shop.example.org. IN CNAME shops.example.net.",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} missing:\n{text}");
        }
        assert_eq!(text, zone_text(&z, &refs, &cfg, 2026120201), "deterministic");
    }

    #[test]
    fn a_domain_without_mail_has_a_null_mx_and_an_spf_that_allows_no_one() {
        let mut z = domain("example.org", &[]);
        z.domain.mail = false;
        let text = zone_text(&z, &[], &DnsConfig::default(), 2026120201);
        assert!(text.lines().any(|l| l == "example.org. IN MX 0 ."), "{text}");
        assert!(text.lines().any(|l| l == "example.org. IN TXT \"v=spf1 -all\""), "{text}");
        assert!(!text.contains("mx.example.net") && !text.contains("spf1 mx"), "{text}");
    }

    #[test]
    fn serials_move_only_with_the_content_and_never_back() {
        assert_eq!(next_serial(None, "h", "2026-12-02"), 2026120201);
        assert_eq!(next_serial(Some(&(2026120201, "h".into())), "h", "2026-12-03"), 2026120201);
        assert_eq!(next_serial(Some(&(2026120201, "h".into())), "k", "2026-12-02"), 2026120202);
        assert_eq!(next_serial(Some(&(2026120201, "h".into())), "k", "2026-12-03"), 2026120301);
        assert_eq!(next_serial(Some(&(2027010105, "h".into())), "k", "2026-12-03"), 2027010106, "a clock behind the serial");
    }

    #[test]
    fn zone_statements() {
        let p = primary_conf(&["a.org", "b.org"], &["192.0.2.2".into()], Some("192.0.2.1"));
        assert!(p.contains("zone \"a.org\" { type primary; file \"/var/lib/hsadmin/zones/a.org\"; allow-transfer { 192.0.2.2; 192.0.2.1; }; notify explicit; also-notify { 192.0.2.2; }; notify-source 192.0.2.1; };\n"), "{p}");
        let s = secondary_conf(&["a.org"], &["192.0.2.1".into()], None);
        assert!(s.ends_with("zone \"a.org\" { type secondary; primaries { 192.0.2.1; }; file \"/var/cache/bind/hsadmin/a.org\"; };\n"), "{s}");
        assert!(!secondary_conf(&["a.org"], &[], None).contains("zone "), "no primary, no zones");
    }
}
