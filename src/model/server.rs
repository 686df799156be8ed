//! How a server is reached, what it does, and the fingerprint of the host key it must present.
use super::member::keyword_enum;
use super::names::name_type;
use super::{ensure, shown};
use crate::{Error, Result};

keyword_enum!(
    /// What a server does for the hoster.
    Role { Web = "web", DnsPrimary = "dns-primary", DnsSecondary = "dns-secondary", Backup = "backup", Mariadb = "mariadb", Postgresql = "postgresql", Mail = "mail" }
);

/// A set of roles, written as a comma-separated list (`web,dns-primary`), kept in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let mut roles = Vec::new();
        for part in s.split(',') {
            let role = Role::parse(field, part.trim())?;
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        roles.sort_by_key(|r| Role::ALL.iter().position(|x| x == r));
        Ok(Self(roles))
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }
}

/// In JSON, the same comma-separated list as in the ledger (`"web,dns-primary"`).
impl serde::Serialize for Roles {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::fmt::Display for Roles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|r| r.as_str()).collect();
        f.write_str(&names.join(","))
    }
}

/// Where to reach a server over SSH: an IP address or a DNS host name (ASCII).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Address(String);

impl Address {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        if let Ok(ip) = s.parse::<std::net::IpAddr>() {
            // One spelling per address, so that 2001:DB8::1 and 2001:db8:0::1 are the same server.
            return Ok(Self(ip.to_string()));
        }
        let ok = (1..=253).contains(&s.len())
            && s.split('.')
                .all(|l| (1..=63).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') && !l.starts_with('-') && !l.ends_with('-'));
        ensure(ok, field, s, "must be an IP address or a host name of letters, digits, '-' and '.'")?;
        Ok(Self(s.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn ipv4(field: &str, s: &str) -> Result<std::net::Ipv4Addr> {
    s.parse().map_err(|_| Error::invalid(field, format!("{} must be an IPv4 address like 192.0.2.10", shown(s))))
}

pub fn ipv6(field: &str, s: &str) -> Result<std::net::Ipv6Addr> {
    s.parse().map_err(|_| Error::invalid(field, format!("{} must be an IPv6 address like 2001:db8::10", shown(s))))
}

name_type!(
    /// An SSH host key's SHA256 fingerprint as `ssh-keygen -lf` prints it: `SHA256:` and 43 base64 characters.
    Fingerprint
);

impl Fingerprint {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let ok = s.strip_prefix("SHA256:").is_some_and(|b| b.len() == 43 && b.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/'));
        ensure(ok, field, s, "must be a SHA256 fingerprint as ssh-keygen -lf prints it, like SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")?;
        Ok(Self(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_addresses() {
        let r = Roles::parse("role", "dns-primary,web,web").unwrap();
        assert_eq!(r.to_string(), "web,dns-primary");
        assert!(Roles::parse("role", "web,smtp").is_err());
        Address::parse("address", "127.0.0.11").unwrap();
        Address::parse("address", "h1.example.org").unwrap();
        for bad in ["h1;id", "-h", "a..b", "h1 example", ""] {
            assert!(Address::parse("address", bad).is_err(), "{bad:?}");
        }
        assert!(ipv4("ipv4", "999.1.1.1").is_err());
    }

    #[test]
    fn fingerprints() {
        let f = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
        assert_eq!(Fingerprint::parse("fingerprint", f).unwrap().as_str(), f);
        for bad in [
            "",
            "uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s",
            "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2",
            "MD5:aa:bb",
            &format!("{f}="),
            &format!("{f}\n"),
        ] {
            assert!(Fingerprint::parse("fingerprint", bad).is_err(), "{bad:?}");
        }
    }
}
