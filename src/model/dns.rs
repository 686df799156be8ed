//! DNS records of a hosted zone, validated per type: A, AAAA, CNAME, MX, TXT, SRV, CAA and NS (the
//! delegation of a subdomain). A record is entered as one zone-file line, `NAME [TTL] [IN] TYPE DATA`,
//! with `@` for the zone's apex and names relative to it. Nothing that could change the meaning of the
//! zone file around it gets through: no control characters (newlines included), no directives
//! (`$INCLUDE`, `$ORIGIN`, `$TTL`), no comments or parentheses outside a quoted string, no name outside the
//! zone. Records are stored in their canonical text ([`DnsRecord::data_text`]) and read back through the
//! same parser.
use super::{DomainName, ensure, shown};
use crate::{Error, Result};
use serde::Serialize;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The longest record line hsadmin takes.
const MAX_LINE: usize = 4096;
/// The largest TTL a record may have (a week).
pub const MAX_TTL: u32 = 604_800;

/// The data of a record, by type. Host names are absolute, with their trailing dot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "UPPERCASE")]
pub enum RecordData {
    A {
        address: Ipv4Addr,
    },
    Aaaa {
        address: Ipv6Addr,
    },
    Cname {
        target: String,
    },
    Mx {
        preference: u16,
        host: String,
    },
    /// Character strings as bytes (each at most 255).
    Txt {
        strings: Vec<Vec<u8>>,
    },
    Srv {
        priority: u16,
        weight: u16,
        port: u16,
        target: String,
    },
    Caa {
        flags: u8,
        tag: String,
        value: Vec<u8>,
    },
    Ns {
        host: String,
    },
}

/// One record of a zone: its owner relative to the zone (`@` for the apex), an optional TTL, its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsRecord {
    pub name: String,
    pub ttl: Option<u32>,
    #[serde(flatten)]
    pub data: RecordData,
}

/// A token of a record line: a word, or a quoted string (unescaped).
#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Quoted(Vec<u8>),
}

impl DnsRecord {
    /// Parses `NAME [TTL] [IN] TYPE DATA` for `zone`.
    pub fn parse(field: &str, zone: &DomainName, line: &str) -> Result<Self> {
        ensure(line.len() <= MAX_LINE, field, &line[..64.min(line.len())], "is too long for a record (at most 4096 characters)")?;
        let tokens = tokens(field, line)?;
        let mut it = tokens.into_iter().peekable();
        let name = match it.next() {
            Some(Token::Word(w)) => owner(field, zone, &w)?,
            _ => return Err(Error::invalid(field, "must be a record like 'www 3600 IN A 192.0.2.10' (NAME [TTL] [IN] TYPE DATA)")),
        };
        let mut ttl = None;
        let mut rtype = None;
        while let Some(Token::Word(w)) = it.next() {
            if w.bytes().all(|b| b.is_ascii_digit()) && ttl.is_none() {
                let t: u32 = w.parse().map_err(|_| Error::invalid(field, format!("TTL {} is too large", shown(&w))))?;
                ensure(t <= MAX_TTL, field, &w, "must be a TTL of at most 604800 seconds")?;
                ttl = Some(t);
            } else if w.eq_ignore_ascii_case("IN") {
                continue;
            } else {
                rtype = Some(w.to_ascii_uppercase());
                break;
            }
        }
        let Some(rtype) = rtype else { return Err(Error::invalid(field, "has no record type (A, AAAA, CNAME, MX, TXT, SRV, CAA or NS)")) };
        let data = data(field, zone, &rtype, it.collect())?;
        ensure(
            !(name == "@" && matches!(data, RecordData::Cname { .. } | RecordData::Ns { .. })),
            field,
            line,
            "CNAME and NS records belong below the apex (the zone's own NS records come from the config)",
        )?;
        Ok(Self { name, ttl, data })
    }

    /// A record as the ledger stores it, read back through the parser.
    pub fn stored(zone: &DomainName, name: &str, ttl: Option<u32>, rtype: &str, data: &str) -> Result<Self> {
        let ttl = ttl.map(|t| t.to_string()).unwrap_or_default();
        Self::parse("record in the ledger", zone, &format!("{name} {ttl} IN {rtype} {data}"))
    }

    pub fn rtype(&self) -> &'static str {
        match self.data {
            RecordData::A { .. } => "A",
            RecordData::Aaaa { .. } => "AAAA",
            RecordData::Cname { .. } => "CNAME",
            RecordData::Mx { .. } => "MX",
            RecordData::Txt { .. } => "TXT",
            RecordData::Srv { .. } => "SRV",
            RecordData::Caa { .. } => "CAA",
            RecordData::Ns { .. } => "NS",
        }
    }

    /// The data in canonical zone-file form: absolute names, strings quoted and escaped.
    pub fn data_text(&self) -> String {
        match &self.data {
            RecordData::A { address } => address.to_string(),
            RecordData::Aaaa { address } => address.to_string(),
            RecordData::Cname { target } => target.clone(),
            RecordData::Mx { preference, host } => format!("{preference} {host}"),
            RecordData::Txt { strings } => strings.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(" "),
            RecordData::Srv { priority, weight, port, target } => format!("{priority} {weight} {port} {target}"),
            RecordData::Caa { flags, tag, value } => format!("{flags} {tag} {}", quoted(value)),
            RecordData::Ns { host } => host.clone(),
        }
    }

    /// The owner as an absolute name (`www.example.org.`).
    pub fn owner(&self, zone: &DomainName) -> String {
        absolute(&self.name, zone)
    }

    /// The record as one line, for people: `www 300 IN A 192.0.2.10`.
    pub fn line(&self) -> String {
        let ttl = self.ttl.map(|t| format!(" {t}")).unwrap_or_default();
        format!("{}{ttl} IN {} {}", self.name, self.rtype(), self.data_text())
    }
}

/// A relative name (`@`, `www`) as an absolute one.
pub fn absolute(name: &str, zone: &DomainName) -> String {
    if name == "@" { format!("{zone}.") } else { format!("{name}.{zone}.") }
}

/// Splits a line into words and quoted strings; refuses what could escape the record.
fn tokens(field: &str, line: &str) -> Result<Vec<Token>> {
    if let Some(c) = line.chars().find(|c| c.is_control()) {
        return Err(Error::invalid(field, format!("must be one line without control characters (found {:?})", c)));
    }
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' => i += 1,
            b'"' => {
                let (s, next) = quoted_string(field, bytes, i + 1)?;
                out.push(Token::Quoted(s));
                i = next;
            }
            _ => {
                let start = i;
                while i < bytes.len() && bytes[i] != b' ' {
                    let b = bytes[i];
                    if b"\";()\\".contains(&b) {
                        let what = match b {
                            b';' => "a semicolon (a comment) outside a quoted string",
                            b'(' | b')' => "parentheses (multi-line records)",
                            b'\\' => "a backslash outside a quoted string",
                            _ => "a quote inside a word",
                        };
                        return Err(Error::invalid(field, format!("{} has {what}", shown(line))));
                    }
                    i += 1;
                }
                let word = &line[start..i];
                if word.starts_with('$') {
                    return Err(Error::invalid(field, format!("{} is a zone-file directive ($INCLUDE, $ORIGIN, $TTL), not a record", shown(word))));
                }
                out.push(Token::Word(word.to_owned()));
            }
        }
    }
    Ok(out)
}

/// A quoted string from `start` (after its opening quote): its bytes and where the next token starts.
fn quoted_string(field: &str, b: &[u8], start: usize) -> Result<(Vec<u8>, usize)> {
    let mut out = Vec::new();
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => {
                if i + 1 < b.len() && b[i + 1] != b' ' {
                    return Err(Error::invalid(field, "needs a space after a closing quote"));
                }
                return Ok((out, i + 1));
            }
            b'\\' => {
                let digits = b.get(i + 1..i + 4).filter(|d| d.iter().all(u8::is_ascii_digit));
                if let Some(d) = digits {
                    let v: u32 = std::str::from_utf8(d).expect("digits").parse().expect("digits");
                    if v > 255 {
                        return Err(Error::invalid(field, "has an escape \\DDD above \\255"));
                    }
                    out.push(v as u8);
                    i += 4;
                } else if let Some(&c) = b.get(i + 1) {
                    out.push(c);
                    i += 2;
                } else {
                    break;
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Err(Error::invalid(field, "has a quoted string without its closing quote"))
}

/// A string quoted for a zone file: `"`, `\` and everything outside printable ASCII escaped.
fn quoted(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in s {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03}")),
        }
    }
    out.push('"');
    out
}

/// Whether a label is one hsadmin writes into a zone: letters, digits, `-` and `_`, 1–63 long.
fn label_ok(l: &str) -> bool {
    (1..=63).contains(&l.len())
        && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !l.starts_with('-')
        && !l.ends_with('-')
}

/// A record's owner relative to the zone: `@`, or labels (a leading `*` for a wildcard).
fn owner(field: &str, zone: &DomainName, word: &str) -> Result<String> {
    let w = word.to_ascii_lowercase();
    let rel = if w == "@" || w == format!("{zone}.") {
        return Ok("@".into());
    } else if let Some(abs) = w.strip_suffix('.') {
        match abs.strip_suffix(&format!(".{zone}")) {
            Some(rel) => rel.to_owned(),
            None => return Err(Error::invalid(field, format!("{} is outside the zone {zone}", shown(word)))),
        }
    } else {
        w
    };
    let labels: Vec<&str> = rel.split('.').collect();
    let ok = labels.iter().enumerate().all(|(i, l)| label_ok(l) || (i == 0 && *l == "*")) && rel.len() + zone.as_str().len() < 253;
    ensure(ok, field, word, "must be @ or a name in the zone (letters, digits, '-', '_'; '*' first for a wildcard)")?;
    Ok(rel)
}

/// A target name: absolute (`mx.example.net.`), `@`, or relative to the zone; returned absolute with its dot.
fn target(field: &str, zone: &DomainName, word: &str) -> Result<String> {
    let w = word.to_ascii_lowercase();
    let abs = if w == "@" {
        format!("{zone}.")
    } else if w.ends_with('.') {
        w
    } else {
        format!("{w}.{zone}.")
    };
    let name = abs.strip_suffix('.').unwrap_or(&abs);
    let ok = name.len() <= 253 && name.split('.').count() >= 2 && name.split('.').all(label_ok);
    ensure(ok, field, word, "must be a host name (letters, digits, '-', '_'), absolute with a final dot or relative to the zone")?;
    Ok(abs)
}

/// A host name outside any zone (config): `ns1.example.net`, a trailing dot allowed; returned without it.
pub fn host(field: &str, s: &str) -> Result<String> {
    let name = s.strip_suffix('.').unwrap_or(s).to_ascii_lowercase();
    let ok = name.len() <= 253 && name.split('.').count() >= 2 && name.split('.').all(label_ok);
    ensure(ok, field, s, "must be a host name like ns1.example.net")?;
    Ok(name)
}

/// `PREFERENCE HOST` of an MX record in the config: the preference and the host (absolute, with its dot).
pub fn mx_data(s: &str) -> Result<(u16, String)> {
    let mut parts = s.split(' ').filter(|p| !p.is_empty());
    let (Some(pref), Some(h), None) = (parts.next(), parts.next(), parts.next()) else { return Err(Error::invalid("mx", "must be `PREFERENCE HOST`")) };
    let pref: u16 = pref.parse().map_err(|_| Error::invalid("mx", "preference must be a number 0–65535"))?;
    Ok((pref, format!("{}.", host("mx", h)?)))
}

fn number<T: std::str::FromStr>(field: &str, what: &str, t: Option<&Token>) -> Result<T> {
    match t {
        Some(Token::Word(w)) if w.bytes().all(|b| b.is_ascii_digit()) => {
            w.parse().map_err(|_| Error::invalid(field, format!("{what} {} is out of range", shown(w))))
        }
        _ => Err(Error::invalid(field, format!("needs a number for the {what}"))),
    }
}

fn word<'a>(field: &str, what: &str, t: Option<&'a Token>) -> Result<&'a str> {
    match t {
        Some(Token::Word(w)) => Ok(w),
        _ => Err(Error::invalid(field, format!("needs the {what}"))),
    }
}

/// The data of a record of type `rtype` from its tokens.
fn data(field: &str, zone: &DomainName, rtype: &str, t: Vec<Token>) -> Result<RecordData> {
    let count = |n: usize| ensure(t.len() == n, field, rtype, &format!("takes {n} value{} after its type", if n == 1 { "" } else { "s" }));
    let d = match rtype {
        "A" => {
            count(1)?;
            RecordData::A { address: super::ipv4(field, word(field, "IPv4 address", t.first())?)? }
        }
        "AAAA" => {
            count(1)?;
            RecordData::Aaaa { address: super::ipv6(field, word(field, "IPv6 address", t.first())?)? }
        }
        "CNAME" => {
            count(1)?;
            RecordData::Cname { target: target(field, zone, word(field, "target", t.first())?)? }
        }
        "NS" => {
            count(1)?;
            RecordData::Ns { host: target(field, zone, word(field, "name server", t.first())?)? }
        }
        "MX" => {
            count(2)?;
            RecordData::Mx { preference: number(field, "preference", t.first())?, host: target(field, zone, word(field, "mail host", t.get(1))?)? }
        }
        "SRV" => {
            count(4)?;
            let tgt = word(field, "target", t.get(3))?;
            let target = if tgt == "." { ".".to_owned() } else { self::target(field, zone, tgt)? };
            RecordData::Srv {
                priority: number(field, "priority", t.first())?,
                weight: number(field, "weight", t.get(1))?,
                port: number(field, "port", t.get(2))?,
                target,
            }
        }
        "TXT" => txt(field, t)?,
        "CAA" => caa(field, t)?,
        other => return Err(Error::invalid(field, format!("type {} is not one hsadmin manages (A, AAAA, CNAME, MX, TXT, SRV, CAA, NS)", shown(other)))),
    };
    Ok(d)
}

fn txt(field: &str, t: Vec<Token>) -> Result<RecordData> {
    ensure(!t.is_empty(), field, "TXT", "needs at least one quoted string")?;
    let mut strings = Vec::new();
    for tok in t {
        let Token::Quoted(s) = tok else { return Err(Error::invalid(field, "TXT data must be quoted strings, like \"v=spf1 mx -all\"")) };
        if s.len() > 255 {
            return Err(Error::invalid(
                field,
                format!("has a TXT string of {} bytes; each may have at most 255 (split it into several quoted strings)", s.len()),
            ));
        }
        strings.push(s);
    }
    ensure(strings.iter().map(Vec::len).sum::<usize>() <= 2048, field, "TXT", "holds more than 2048 bytes in all")?;
    Ok(RecordData::Txt { strings })
}

fn caa(field: &str, t: Vec<Token>) -> Result<RecordData> {
    ensure(t.len() == 3, field, "CAA", "takes FLAGS TAG \"VALUE\", like 0 issue \"letsencrypt.org\"")?;
    let flags = number(field, "flags", t.first())?;
    let tag = word(field, "tag", t.get(1))?.to_ascii_lowercase();
    ensure((1..=15).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_alphanumeric()), field, &tag, "must be a CAA tag like issue, issuewild or iodef")?;
    let value = match t.get(2) {
        Some(Token::Quoted(v)) if v.len() <= 255 => v.clone(),
        _ => return Err(Error::invalid(field, "needs the CAA value as one quoted string of at most 255 bytes")),
    };
    Ok(RecordData::Caa { flags, tag, value })
}

/// Whether a CNAME would share its name with other data: `names` are the owners in the zone with whether
/// the record there is a CNAME. Returns the first name that has both (or two CNAMEs).
pub fn cname_conflict<'a>(names: impl IntoIterator<Item = (&'a str, bool)>) -> Option<String> {
    let mut seen: std::collections::BTreeMap<&str, (usize, bool)> = std::collections::BTreeMap::new();
    for (name, cname) in names {
        let e = seen.entry(name).or_insert((0, false));
        e.0 += 1;
        e.1 |= cname;
    }
    seen.into_iter().find(|(_, (n, cname))| *cname && *n > 1).map(|(name, _)| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> DomainName {
        DomainName::parse("d", "example.org").unwrap()
    }

    fn ok(line: &str) -> DnsRecord {
        DnsRecord::parse("record", &zone(), line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    #[test]
    fn each_type_parses_and_round_trips() {
        for (line, want) in [
            ("www 300 IN A 192.0.2.10", "www 300 IN A 192.0.2.10"),
            ("@ AAAA 2001:DB8::1", "@ IN AAAA 2001:db8::1"),
            ("blog CNAME www", "blog IN CNAME www.example.org."),
            ("Shop.example.org. IN CNAME other.example.net.", "shop IN CNAME other.example.net."),
            ("@ MX 20 mx2.example.net.", "@ IN MX 20 mx2.example.net."),
            (r#"_dmarc TXT "v=DMARC1; p=none" "x\"y\\z\010""#, r#"_dmarc IN TXT "v=DMARC1; p=none" "x\"y\\z\010""#),
            ("_sip._tcp 3600 SRV 10 5 5060 sip.example.net.", "_sip._tcp 3600 IN SRV 10 5 5060 sip.example.net."),
            (r#"@ CAA 0 issue "letsencrypt.org""#, r#"@ IN CAA 0 issue "letsencrypt.org""#),
            ("sub NS ns.other.net.", "sub IN NS ns.other.net."),
            ("*.dev A 192.0.2.1", "*.dev IN A 192.0.2.1"),
        ] {
            let r = ok(line);
            assert_eq!(r.line(), want, "{line}");
            let back = DnsRecord::stored(&zone(), &r.name, r.ttl, r.rtype(), &r.data_text()).unwrap();
            assert_eq!(back, r, "{line}");
        }
    }

    #[test]
    fn hostile_and_bad_records_are_refused() {
        let long = format!("x TXT \"{}\"", "a".repeat(256));
        for bad in [
            "$INCLUDE /etc/shadow",
            "$ORIGIN evil.org.",
            "$TTL 1",
            "www A 192.0.2.1\n@ NS evil.",
            "www A 192.0.2.1\r",
            "www\tA 192.0.2.1",
            "www A 192.0.2.1 ; comment",
            "www TXT unquoted",
            "www TXT \"open",
            "www TXT \"a\"\"b\"",
            long.as_str(),
            "www A 999.1.1.1",
            "www A 192.0.2.01",
            "evil.org. A 192.0.2.1",
            "www.example.org.evil. A 192.0.2.1",
            "@ CNAME other.example.net.",
            "@ NS ns.example.net.",
            "www PTR x.",
            "www",
            "www 9999999 A 192.0.2.1",
            "www MX x mx.example.net.",
            "w$w A 192.0.2.1",
            "www A ( 192.0.2.1 )",
            "www CNAME a\\.b",
            "www CAA 0 issue unquoted",
            "x\u{7}y A 192.0.2.1",
            "x..y A 192.0.2.1",
        ] {
            assert!(DnsRecord::parse("record", &zone(), bad).is_err(), "{bad:?} accepted");
        }
        // A semicolon inside a quoted TXT string is data, not a comment.
        assert_eq!(ok("x TXT \"a;b\"").data_text(), "\"a;b\"");
    }

    #[test]
    fn config_hosts_and_cname_conflicts() {
        assert_eq!(host("ns", "NS1.Example.NET.").unwrap(), "ns1.example.net");
        assert!(host("ns", "ns1").is_err());
        assert_eq!(mx_data("10 mx.example.net").unwrap(), (10, "mx.example.net.".into()));
        assert!(mx_data("mx.example.net").is_err());
        assert_eq!(cname_conflict([("www", false), ("www", true)]), Some("www".into()));
        assert_eq!(cname_conflict([("www", false), ("blog", true)]), None);
    }
}
