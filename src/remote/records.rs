//! Records from a server in a form nothing on the server can forge: every field ends in a NUL byte and a
//! record is `kind NUL count NUL field NUL …`. File names, comments and crontabs cannot hold a NUL, so no
//! value can pose as another field or another record, however many newlines or `|` it holds.

/// One record: its kind and its fields, as raw bytes (validated by whoever reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub kind: String,
    pub fields: Vec<Vec<u8>>,
}

impl Record {
    /// Field `i` as UTF-8 text; `None` when it is missing or not UTF-8 (nothing hsadmin manages is either).
    pub fn text(&self, i: usize) -> Option<&str> {
        self.fields.get(i).and_then(|f| std::str::from_utf8(f).ok())
    }

    /// Field `i` as a number.
    pub fn number<T: std::str::FromStr>(&self, i: usize) -> Option<T> {
        self.text(i).and_then(|t| t.parse().ok())
    }
}

/// The shell function that writes records: `rec KIND FIELD…`.
pub const REC_FUNCTION: &str = "rec() { printf '%s\\0%s\\0' \"$1\" \"$(($# - 1))\"; shift; if [ $# -gt 0 ]; then printf '%s\\0' \"$@\"; fi; }\n";

/// Splits a server's output into records. Output that does not frame is an error: it came from something
/// other than hsadmin's own scripts.
pub fn parse(bytes: &[u8]) -> Result<Vec<Record>, String> {
    let mut out = Vec::new();
    if bytes.is_empty() {
        return Ok(out);
    }
    let Some(body) = bytes.strip_suffix(b"\0") else { return Err("the output does not end with a complete record".into()) };
    let mut tokens = body.split(|b| *b == 0);
    while let Some(kind) = tokens.next() {
        let kind = std::str::from_utf8(kind).ok().filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        let Some(kind) = kind else { return Err(format!("record {} has no valid kind", out.len() + 1)) };
        let count: usize =
            tokens.next().and_then(|c| std::str::from_utf8(c).ok()).and_then(|c| c.parse().ok()).ok_or_else(|| format!("record {kind} has no field count"))?;
        let mut fields = Vec::with_capacity(count);
        for _ in 0..count {
            fields.push(tokens.next().ok_or_else(|| format!("record {kind} is cut short"))?.to_vec());
        }
        out.push(Record { kind: kind.to_owned(), fields });
    }
    Ok(out)
}

/// The records of each section (`section NAME` starts one), by section name.
pub fn sections(records: Vec<Record>) -> std::collections::BTreeMap<String, Vec<Record>> {
    let mut out: std::collections::BTreeMap<String, Vec<Record>> = std::collections::BTreeMap::new();
    let mut current = String::new();
    for r in records {
        if r.kind == "section" {
            current = r.text(0).unwrap_or_default().to_owned();
            out.entry(current.clone()).or_default();
        } else {
            out.entry(current.clone()).or_default().push(r);
        }
    }
    out
}

/// One record framed as the facts scripts write it (`kind NUL count NUL field NUL …`), for the parsers' tests.
#[cfg(test)]
pub(crate) fn frame(kind: &str, fields: &[&str]) -> Vec<u8> {
    let mut out = format!("{kind}\0{}\0", fields.len()).into_bytes();
    for f in fields {
        out.extend_from_slice(f.as_bytes());
        out.push(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_keep_newlines_and_separators_and_cannot_forge_records() {
        let bytes = b"vhost\x002\x00hsadmin-a\naccount|victim|100999\nb.conf\x001\x00group\x002\x00xyz00\x00100000\x00";
        let r = parse(bytes).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].kind, "vhost");
        assert_eq!(r[0].text(0), Some("hsadmin-a\naccount|victim|100999\nb.conf"));
        assert_eq!((r[1].text(0), r[1].number::<u32>(1)), (Some("xyz00"), Some(100000)));
    }

    #[test]
    fn broken_framing_is_an_error() {
        assert!(parse(b"vhost\x002\x00only-one\x00").is_err());
        assert!(parse(b"vhost\x001\x00no-end").is_err());
        assert!(parse(b"Bad Kind\x000\x00").is_err());
        assert_eq!(parse(b"").unwrap(), vec![]);
    }

    #[test]
    fn sections_group_records() {
        let s = sections(parse(b"section\x001\x00web\x00group\x002\x00a\x001\x00section\x001\x00dns\x00").unwrap());
        assert_eq!(s["web"].len(), 1);
        assert!(s["dns"].is_empty());
    }
}
