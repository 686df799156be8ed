//! Mail: the local part of a hosted address, addresses elsewhere, and delivery targets, as Hostsharing's
//! EMAIL_ADDRESS and EMAIL_ALIAS have them. Everything is ASCII (a look-alike letter from another script is
//! refused, not mapped), one line, and free of the characters that separate or quote targets in Postfix's
//! maps and alias files (`,`, `"`, `\`, `#`), so that no value can add a second entry when rendered.
use super::member::keyword_enum;
use super::{UserName, is_host_name, shown};
use crate::{Error, Result};

keyword_enum!(
    /// Who may post to a mailing list: its subscribers (the default), anyone after the owner's approval, anyone.
    ListPolicy { Subscribers = "subscribers", Moderated = "moderated", Open = "open" }
);

/// The longest target Hostsharing's model allows.
pub const MAX_TARGET: usize = 320;

/// The local part of an address on a package's domain; empty is the domain's catch-all. Lower-case
/// letters, digits and `. _ + -`, at most 64, no leading, trailing or doubled dot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct LocalPart(String);

impl LocalPart {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let ok = s.is_empty()
            || (s.len() <= 64
                && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._+-".contains(&b))
                && !s.starts_with('.')
                && !s.ends_with('.')
                && !s.contains(".."));
        if ok {
            return Ok(Self(s.to_owned()));
        }
        Err(Error::invalid(field, format!("{} must be a local part of lower-case letters, digits and . _ + - (at most 64; empty for the catch-all)", shown(s))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_catch_all(&self) -> bool {
        self.0.is_empty()
    }
}

/// An address anywhere (a forwarding target, a list subscriber or owner): `local@domain` in ASCII, a
/// dot-atom local part and a host name, at most 254 characters, stored lower-case in its domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct MailAddress(String);

impl MailAddress {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let bad = || Error::invalid(field, format!("{} must be an e-mail address like info@example.org (ASCII; an IDN domain in its xn-- form)", shown(s)));
        let (local, domain) = s.rsplit_once('@').ok_or_else(bad)?;
        let atom = |b: u8| b.is_ascii_alphanumeric() || b"!$%&'*+/=?^_`{|}~-".contains(&b);
        let local_ok = !local.is_empty() && local.len() <= 64 && local.split('.').all(|a| !a.is_empty() && a.bytes().all(atom));
        let domain = domain.to_ascii_lowercase();
        if !local_ok || !is_host_name(&domain) || s.len() > 254 {
            return Err(bad());
        }
        Ok(Self(format!("{local}@{domain}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }

    pub fn local(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(l, _)| l)
    }
}

impl std::fmt::Display for MailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for LocalPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a message for an address or alias goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MailTarget {
    /// A Unix user of the package: its mailbox (`~/Maildir/`, through its own procmail rules).
    User(UserName),
    /// Another address, here or elsewhere.
    Address(MailAddress),
    /// Accepted and dropped, like `/dev/null`.
    Nobody,
    DevNull,
    /// `|command`: run as the package admin (aliases only).
    Pipe(String),
    /// `:include:FILE`: more targets from a file in the package's home (aliases only).
    Include(String),
}

impl MailTarget {
    /// One target; `alias` allows the kinds only aliases may have (`|command`, `:include:FILE`).
    pub fn parse(field: &str, s: &str, alias: bool) -> Result<Self> {
        let plain = s.len() <= MAX_TARGET && s.bytes().all(|b| (b' '..=b'~').contains(&b) && !b",\"\\#".contains(&b));
        if !plain || s.is_empty() || s.trim() != s {
            return Err(Error::invalid(field, format!("{} must be one target: printable ASCII without , \" \\ or # (at most {MAX_TARGET})", shown(s))));
        }
        let only_alias = |kind: &str| Err(Error::invalid(field, format!("{} is {kind}: only a mail alias may have one (mail alias add)", shown(s))));
        if s == "nobody" {
            Ok(Self::Nobody)
        } else if s == "/dev/null" {
            Ok(Self::DevNull)
        } else if let Some(command) = s.strip_prefix('|') {
            if !alias {
                return only_alias("a command");
            }
            if command.trim().is_empty() {
                return Err(Error::invalid(field, "a |command target needs a command after the |"));
            }
            Ok(Self::Pipe(command.to_owned()))
        } else if let Some(path) = s.strip_prefix(":include:") {
            if !alias {
                return only_alias("an include file");
            }
            let plain_path = path.starts_with('/') && path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b));
            if !plain_path || path.split('/').any(|c| c == "." || c == "..") {
                return Err(Error::invalid(
                    field,
                    format!("{} must be :include: and an absolute path of letters, digits and / . _ - (no . or .. parts)", shown(s)),
                ));
            }
            Ok(Self::Include(path.to_owned()))
        } else if s.contains('@') {
            Ok(Self::Address(MailAddress::parse(field, s)?))
        } else {
            Ok(Self::User(UserName::parse(field, s)?))
        }
    }

    /// The targets of a customer's include file, as Postfix reads one (aliases(5)): blank lines and lines
    /// whose first non-blank is `#` are skipped, targets are separated by commas outside double quotes, and
    /// a quoted one loses its quotes. Each must be a target as `mail alias add` takes them, except that an
    /// include file may not include another; what fails is left out, with its line and the rule.
    pub fn parse_include_file(text: &str) -> (Vec<Self>, Vec<String>) {
        let (mut out, mut problems) = (Vec::new(), Vec::new());
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let field = format!("line {}", n + 1);
            for part in split_outside_quotes(line) {
                let part = part.trim();
                let part = part.strip_prefix('"').and_then(|p| p.strip_suffix('"')).unwrap_or(part);
                match Self::parse(&field, part, true) {
                    Ok(Self::Include(_)) => problems.push(format!("{field}: {} includes another file, which an include file may not", shown(part))),
                    Ok(t) if !out.contains(&t) => out.push(t),
                    Ok(_) => {}
                    Err(e) => problems.push(format!("{field}: {e}")),
                }
            }
        }
        (out, problems)
    }

    /// Several targets: each `--target` may hold a comma-separated list.
    pub fn parse_list(field: &str, values: &[String], alias: bool) -> Result<Vec<Self>> {
        let mut out: Vec<Self> = Vec::new();
        for v in values.iter().flat_map(|v| v.split(',')) {
            let t = Self::parse(field, v.trim(), alias)?;
            if !out.contains(&t) {
                out.push(t);
            }
        }
        if out.is_empty() {
            return Err(Error::invalid(field, "give at least one target"));
        }
        Ok(out)
    }
}

impl std::fmt::Display for MailTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::User(u) => f.write_str(u.as_str()),
            Self::Address(a) => f.write_str(a.as_str()),
            Self::Nobody => f.write_str("nobody"),
            Self::DevNull => f.write_str("/dev/null"),
            Self::Pipe(c) => write!(f, "|{c}"),
            Self::Include(p) => write!(f, ":include:{p}"),
        }
    }
}

impl serde::Serialize for MailTarget {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A line's parts between commas that are not inside double quotes.
fn split_outside_quotes(line: &str) -> Vec<&str> {
    let (mut parts, mut start, mut quoted) = (Vec::new(), 0, false);
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&line[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_parts_are_plain_lower_case_ascii() {
        for good in ["", "info", "first.last", "a+b", "x_y-z"] {
            assert!(LocalPart::parse("l", good).is_ok(), "{good:?}");
        }
        for bad in ["Info", ".a", "a.", "a..b", "a b", "a\nb", "inf\u{043e}", "a@b", &"a".repeat(65)] {
            assert!(LocalPart::parse("l", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn targets_are_one_line_and_kind_checked() {
        assert_eq!(MailTarget::parse("t", "xyz00-web", false).unwrap(), MailTarget::User(UserName::parse("u", "xyz00-web").unwrap()));
        assert_eq!(MailTarget::parse("t", "Erika@Example.ORG", false).unwrap().to_string(), "Erika@example.org");
        assert_eq!(MailTarget::parse("t", "nobody", false).unwrap(), MailTarget::Nobody);
        assert_eq!(MailTarget::parse("t", "|/usr/bin/vacation xyz00", true).unwrap().to_string(), "|/usr/bin/vacation xyz00");
        assert!(MailTarget::parse("t", "|/bin/sh", false).is_err(), "commands only in aliases");
        assert!(MailTarget::parse("t", ":include:/home/pacs/xyz00/list", true).is_ok());
        for bad in [
            "a\nb@example.org",
            "xyz00,root",
            "\"|x\"",
            ":include:/home/pacs/../../etc/passwd",
            ":include:rel",
            "|",
            "info@exаmple.org",
            " xyz00",
            "a@b",
            "root",
        ] {
            assert!(MailTarget::parse("t", bad, true).is_err(), "{bad:?}");
        }
        let list = MailTarget::parse_list("t", &["xyz00,xyz00-web".into(), "xyz00".into()], false).unwrap();
        assert_eq!(list.len(), 2, "duplicates are dropped");
        assert!(MailTarget::parse_list("t", &[], false).is_err());
    }

    #[test]
    fn an_include_file_gives_its_good_targets_and_names_the_bad_lines() {
        let text =
            "# the team\nxyz00-web, erika@example.org\n\n  \"|/usr/bin/tee -a log\"\n/etc/passwd\n:include:/home/pacs/xyz00/more\nxyz00-web\n\"|a, b\"\n";
        let (targets, problems) = MailTarget::parse_include_file(text);
        let shown: Vec<String> = targets.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["xyz00-web", "erika@example.org", "|/usr/bin/tee -a log"]);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("line 5"), "{problems:?}");
        assert!(problems[1].starts_with("line 6") && problems[1].contains("includes another file"), "{problems:?}");
        assert!(problems[2].starts_with("line 8"), "a comma inside a command: {problems:?}");
    }
}
