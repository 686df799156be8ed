//! Domain names: stored in their ASCII (IDNA) form, shown in Unicode too.
use super::names::name_type;
use super::{ensure, shown};
use crate::{Error, Result};

name_type!(
    /// A fully qualified domain name in ASCII form (`xn--mller-kva.de` for `müller.de`), lower case, no trailing dot.
    DomainName
);

/// The hoster's own names, which no member can set up as a domain.
const RESERVED: &[&str] = &["hostsharing.com", "hostsharing.net", "hostsharing.org", "hostsharing.coop", "hostsharing.de"];

impl DomainName {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let input = s.strip_suffix('.').unwrap_or(s);
        ensure(!input.is_empty() && input.len() <= 1000, field, s, "must be a domain name like example.org")?;
        // IDNA would silently drop invisible characters (zero-width space, direction marks): refuse them instead.
        ensure(
            super::is_plain_text(input) && !input.chars().any(char::is_whitespace),
            field,
            s,
            "must be a domain name without spaces, control or invisible characters",
        )?;
        let ascii =
            idna::domain_to_ascii_strict(input).map_err(|_| Error::invalid(field, format!("{} is not a valid (internationalised) domain name", shown(s))))?;
        ensure(
            is_host_name(&ascii),
            field,
            s,
            "must be a domain name of at least two labels (a-z, 0-9, '-'; at most 63 characters each, 253 in all), like example.org",
        )?;
        // Public suffixes (co.uk, com.au, github.io, …) from the Public Suffix List the `psl` crate embeds.
        ensure(psl::suffix_str(&ascii) != Some(ascii.as_str()), field, s, "is a registry's level (like co.uk), not a domain one can set up")?;
        ensure(!RESERVED.iter().any(|r| ascii == *r || ascii.ends_with(&format!(".{r}"))), field, s, "belongs to the hoster itself")?;
        for label in ascii.split('.') {
            let unicode = unicode_label(label);
            ensure(
                single_script(&unicode),
                field,
                s,
                &format!("mixes letters of different scripts in {} (a look-alike of another name)", super::escaped(&unicode)),
            )?;
        }
        Ok(Self(ascii))
    }

    /// Refuses a name that cannot be registered as it is: only the label right below a public suffix is
    /// (`example.co.uk`, not `www.example.co.uk`), by the Public Suffix List.
    pub fn registrable(&self, field: &str) -> Result<()> {
        match psl::domain_str(&self.0) {
            Some(d) if d == self.0 => Ok(()),
            Some(d) => Err(Error::invalid(field, format!("{} is below {d}: only {d} itself can be registered", self.0))),
            None => Err(Error::invalid(field, format!("{} is a registry's level (a public suffix), not a domain one can register", self.0))),
        }
    }

    /// The Unicode form for people (`müller.de`).
    pub fn unicode(&self) -> String {
        idna::domain_to_unicode(&self.0).0
    }
}

/// A host name in ASCII form, lower case: at least two labels of 1–63 letters, digits and hyphens (not
/// first or last), 253 characters in all, and a top-level label of two or more characters, not all digits.
pub fn is_host_name(ascii: &str) -> bool {
    let labels: Vec<&str> = ascii.split('.').collect();
    ascii.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && !tld.bytes().all(|b| b.is_ascii_digit()))
}

fn unicode_label(label: &str) -> String {
    if label.starts_with("xn--") { idna::domain_to_unicode(label).0 } else { label.to_owned() }
}

/// True when the letters of a label come from one script (Latin, Greek or Cyrillic; others count as their own).
fn single_script(label: &str) -> bool {
    let script = |c: char| match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Some(1),
        0x370..=0x3FF | 0x1F00..=0x1FFF => Some(2),
        0x400..=0x52F => Some(3),
        _ if c.is_alphabetic() => Some(4),
        _ => None,
    };
    let mut scripts = label.chars().filter_map(script);
    match scripts.next() {
        None => true,
        Some(first) => scripts.all(|s| s == first),
    }
}

/// A subdomain label that gets its own document root (`blog` → `blog.example.org`).
pub fn subdomain(field: &str, s: &str) -> Result<String> {
    let ok = (1..=63).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s != "www";
    ensure(ok, field, s, "must be a subdomain label of a-z, 0-9 and '-' (not www, which always points at the domain itself)")?;
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_idn_names() {
        assert_eq!(DomainName::parse("d", "Example.ORG").unwrap().as_str(), "example.org");
        assert_eq!(DomainName::parse("d", "example.org.").unwrap().as_str(), "example.org");
        let idn = DomainName::parse("d", "müller.de").unwrap();
        assert_eq!(idn.as_str(), "xn--mller-kva.de");
        assert_eq!(idn.unicode(), "müller.de");
        assert_eq!(DomainName::parse("d", "xn--mller-kva.de").unwrap(), idn);
    }

    #[test]
    fn refuses_bad_and_hostile_names() {
        for bad in [
            "",
            "org",
            "example",
            "-a.org",
            "a-.org",
            "a..org",
            "exa mple.org",
            "example.org;id",
            "$(id).org",
            "../etc",
            "a/b.org",
            "example.org\n",
            "co.uk",
            "com.au",
            "github.io",
            "hostsharing.net",
            "www.hostsharing.net",
            "1.2.3.4",
            "exаmple.org", // Cyrillic а among Latin letters
        ] {
            assert!(DomainName::parse("domain", bad).is_err(), "{bad:?} accepted");
        }
        assert!(DomainName::parse("d", &format!("{}.org", "a".repeat(64))).is_err());
        // A whole-Cyrillic label is a real IDN, not a look-alike mix.
        assert!(DomainName::parse("d", "пример.рф").is_ok());
    }

    #[test]
    fn only_the_label_below_a_public_suffix_is_registrable() {
        assert!(DomainName::parse("d", "example.co.uk").unwrap().registrable("d").is_ok());
        assert!(DomainName::parse("d", "müller.de").unwrap().registrable("d").is_ok());
        assert!(DomainName::parse("d", "www.example.org").unwrap().registrable("d").is_err());
    }

    #[test]
    fn subdomains() {
        assert_eq!(subdomain("s", "blog").unwrap(), "blog");
        for bad in ["www", "", "-x", "a.b", "*", "Blog", "a_b"] {
            assert!(subdomain("s", bad).is_err(), "{bad:?}");
        }
    }
}
