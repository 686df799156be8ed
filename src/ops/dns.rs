//! The name service's operations: a zone's own records (add, remove, list), a domain's rendered zone,
//! and checks of rendered zones with BIND's own `named-checkzone` (run here, on the admin host, before a
//! change is committed: a record that would break its zone never reaches the ledger, let alone a server).
use super::{found, snapshot};
use crate::config::DnsConfig;
use crate::ledger::Tx;
use crate::ledger::dns::{self as rows, Record, ZoneDomain};
use crate::model::DomainName;
use crate::model::dns::{DnsRecord, RecordData};
use crate::render::zone::{self, Zone};
use crate::{Error, Result};
use serde::Serialize;

/// The zone of a domain, or not found (no such domain, or it gets no zone).
fn zone_domain(tx: &Tx, name: &DomainName) -> Result<ZoneDomain> {
    found(rows::zone_domain(tx, name.as_str())?, || format!("domain {name} (with a zone)"))
}

/// A domain's zone as it would be rendered now, with the serial the next apply gives it.
pub fn zone(tx: &Tx, name: &DomainName, cfg: &DnsConfig, today: &str) -> Result<Zone> {
    let z = zone_domain(tx, name)?;
    let records = rows::list(tx, Some(name.as_str()))?;
    let serials = rows::serials(tx)?;
    Ok(zone::zones(std::slice::from_ref(&z), &records, &serials, cfg, today).remove(0))
}

/// Every zone as the next apply renders it.
pub fn all_zones(tx: &Tx, cfg: &DnsConfig, today: &str) -> Result<Vec<Zone>> {
    Ok(zone::zones(&rows::zone_domains(tx)?, &rows::list(tx, None)?, &rows::serials(tx)?, cfg, today))
}

/// Refuses a CNAME beside other data at its name, among the generated records and the stored ones.
fn check_cnames(z: &ZoneDomain, records: &[Record], cfg: &DnsConfig) -> Result<()> {
    let generated = zone::generated_names(z, cfg);
    let names = generated
        .iter()
        .map(|n| (n.as_str(), false))
        .chain(records.iter().map(|r| (r.record.name.as_str(), matches!(r.record.data, RecordData::Cname { .. }))));
    match crate::model::dns::cname_conflict(names) {
        Some(name) => Err(Error::invalid("record", format!("a CNAME at {name} would share its name with other data (a CNAME must stand alone)"))),
        None => Ok(()),
    }
}

/// Renders the zone of `z` as the transaction has it and runs `named-checkzone` on it.
fn check_in_tx(tx: &Tx, z: &ZoneDomain, cfg: &DnsConfig, today: &str) -> Result<()> {
    let records = rows::list(tx, Some(z.domain.name.as_str()))?;
    check_cnames(z, &records, cfg)?;
    let zone = zone::zones(std::slice::from_ref(z), &records, &rows::serials(tx)?, cfg, today).remove(0);
    check_zone(&zone.name, &zone.text)?.map_err(|e| Error::invalid("record", format!("the zone {} would fail named-checkzone: {e}", zone.name)))
}

/// Adds a record to a domain's zone, after checking the zone it makes.
pub fn add_record(tx: &Tx, domain: &DomainName, record: DnsRecord, cfg: &DnsConfig, today: &str) -> Result<Record> {
    let z = zone_domain(tx, domain)?;
    let id = rows::insert(tx, domain, &record)?;
    check_in_tx(tx, &z, cfg, today)?;
    let r = Record { id, domain: domain.clone(), record };
    tx.audit("dns_record", &id.to_string(), "add", None, snapshot(&r))?;
    Ok(r)
}

/// Removes a record, after checking the zone it leaves.
pub fn remove_record(tx: &Tx, id: i64, cfg: &DnsConfig, today: &str) -> Result<Record> {
    let r = found(rows::get(tx, id)?, || format!("DNS record {id}"))?;
    rows::delete(tx, id)?;
    if let Some(z) = rows::zone_domain(tx, r.domain.as_str())? {
        check_in_tx(tx, &z, cfg, today)?;
    }
    tx.audit("dns_record", &id.to_string(), "remove", snapshot(&r), None)?;
    Ok(r)
}

pub fn list(tx: &Tx, domain: Option<&DomainName>) -> Result<Vec<Record>> {
    if let Some(d) = domain {
        zone_domain(tx, d)?;
    }
    rows::list(tx, domain.map(DomainName::as_str))
}

/// The package of a domain, for the servers a change touches.
pub fn package_of(tx: &Tx, domain: &DomainName) -> Result<crate::model::PackageName> {
    Ok(zone_domain(tx, domain)?.domain.package)
}

/// How one zone fared in `named-checkzone`.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub zone: String,
    pub serial: u32,
    pub ok: bool,
    pub message: String,
}

/// Checks the named zones (all with an empty list) with `named-checkzone -k fail`.
pub fn check(tx: &Tx, names: &[DomainName], cfg: &DnsConfig, today: &str) -> Result<Vec<Checked>> {
    let zones = if names.is_empty() { all_zones(tx, cfg, today)? } else { names.iter().map(|n| zone(tx, n, cfg, today)).collect::<Result<_>>()? };
    let mut out = Vec::new();
    for z in zones {
        let result = check_zone(&z.name, &z.text)?;
        out.push(Checked { zone: z.name, serial: z.serial, ok: result.is_ok(), message: result.err().unwrap_or_else(|| "OK".into()) });
    }
    Ok(out)
}

/// Runs the local `named-checkzone -k fail` on a zone's text: `Ok(Err(why))` when it refuses the zone.
pub fn check_zone(name: &str, text: &str) -> Result<std::result::Result<(), String>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("named-checkzone")
        .args(["-i", "local", "-k", "fail", "--", name, "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Failed(format!("cannot run named-checkzone (install bind9-utils): {e}")))?;
    child.stdin.take().expect("piped").write_all(text.as_bytes())?;
    let out = child.wait_with_output()?;
    if out.status.success() {
        return Ok(Ok(()));
    }
    let why = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let why: Vec<&str> = why
        .lines()
        .map(|l| l.trim_start_matches("dns_master_load: /dev/stdin:"))
        .filter(|l| !l.is_empty() && !l.contains("not loaded due to errors"))
        .collect();
    Ok(Err(crate::model::printable(&why.join("; "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_zones_pass_named_checkzone_and_a_bad_one_does_not() {
        let z = crate::render::zone::tests::domain("example.org", &["blog", "shop"]);
        let cfg = DnsConfig { wildcard: true, ..DnsConfig::default() };
        let recs: Vec<DnsRecord> = [
            "_dmarc TXT \"v=DMARC1; p=none\" \"b\\\"c\"",
            "_sip._tcp SRV 10 5 5060 sip.example.net.",
            "dev NS ns.other.net.",
            "@ CAA 0 issue \"letsencrypt.org\"",
            "mail MX 5 @",
        ]
        .iter()
        .map(|l| DnsRecord::parse("r", &z.domain.name, l).unwrap())
        .collect();
        let refs: Vec<&DnsRecord> = recs.iter().collect();
        let text = zone::zone_text(&z, &refs, &cfg, 2026120201);
        assert_eq!(check_zone("example.org", &text).unwrap(), Ok(()), "{text}");
        let cname = DnsRecord::parse("r", &z.domain.name, "blog CNAME x.example.net.").unwrap();
        let text = zone::zone_text(&z, &[&cname], &cfg, 2026120201);
        let e = check_zone("example.org", &text).unwrap().unwrap_err();
        assert!(e.contains("CNAME and other data"), "{e}");
    }
}
