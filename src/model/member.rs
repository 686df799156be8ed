//! Values that describe a member of the cooperative.
use super::names::name_type;
use super::{ensure, is_plain_text, shown};
use crate::{Error, Result};

/// A member number, 10000–99999 (hostsharing-model.md §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct MemberNumber(u32);

impl MemberNumber {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let n = s.parse::<u32>().ok().filter(|n| s.len() == 5 && (10000..=99999).contains(n));
        n.map(Self).ok_or_else(|| Error::invalid(field, format!("{} must be a member number from 10000 to 99999", shown(s))))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl std::fmt::Display for MemberNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

name_type!(
    /// A member's package prefix: three lower-case letters, unique among members.
    Prefix
);

impl Prefix {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        ensure(s.len() == 3 && s.bytes().all(|b| b.is_ascii_lowercase()), field, s, "must be three lower-case letters a-z, like xyz")?;
        Ok(Self(s.to_owned()))
    }
}

/// Generates a closed set of upper-case keywords with parse/as_str and serde as the keyword.
macro_rules! keyword_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Case-insensitive, so that `--status cancelled` works at a shell.
            pub fn parse(field: &str, s: &str) -> $crate::Result<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(s)).ok_or_else(|| {
                    let all: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::Error::invalid(field, format!("{} must be one of {}", $crate::model::shown(s), all.join(", ")))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use keyword_enum;

keyword_enum!(
    /// Where a membership stands (hsadmin-ng's membership status, without the import-only values).
    MemberStatus { Active = "ACTIVE", Cancelled = "CANCELLED", Transferred = "TRANSFERRED", Deceased = "DECEASED", Liquidated = "LIQUIDATED", Expulsed = "EXPULSED" }
);

keyword_enum!(
    /// A natural person or an organisation (firm, association, public body).
    MemberKind { Person = "person", Organisation = "organisation" }
);

/// Free one-line text (names, addresses, comments): printable, no control or direction-changing characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct TextField(String);

impl TextField {
    pub fn parse(field: &str, s: &str, max_chars: usize) -> Result<Self> {
        let trimmed = s.trim();
        ensure(!trimmed.is_empty(), field, s, "must not be empty")?;
        ensure(trimmed.chars().count() <= max_chars, field, s, &format!("must be at most {max_chars} characters"))?;
        ensure(is_plain_text(trimmed), field, s, "must be one line of printable text (no control or direction-changing characters)")?;
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

name_type!(
    /// An e-mail address, checked for its syntax only (RFC 5322 addr-spec; no mail is sent): a dot-atom
    /// local part and a host name. The domain is stored in its ASCII form, lower case (`erika@xn--mller-kva.de`
    /// for `erika@Müller.de`), so that mail tools can use it as is; the local part is stored as typed.
    Email
);

/// What a local part may hold besides letters and digits: RFC 5322 atext without `` ` $ & | ' ``, which
/// shells and SQL treat specially (no mail provider is known to hand them out).
const LOCAL_SPECIALS: &[u8] = b"!#%*+-/=?^_{}~";

impl Email {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        const SHAPE: &str = "must be an e-mail address like name@example.org";
        ensure(is_plain_text(s) && !s.chars().any(char::is_whitespace), field, s, "must be an e-mail address without spaces or control characters")?;
        let (local, domain) = s.rsplit_once('@').ok_or_else(|| Error::invalid(field, format!("{} {SHAPE}", shown(s))))?;
        ensure(!local.starts_with('"'), field, s, "has a quoted local part (\"…\"@), which is not accepted: write it like name@example.org")?;
        ensure(
            is_local_part(local),
            field,
            s,
            "must have a local part (before the @) of 1 to 64 ASCII letters, digits and ! # % * + - / = ? ^ _ { } ~, with single dots only between them",
        )?;
        let ascii = idna::domain_to_ascii_strict(domain).ok().filter(|d| super::domain::is_host_name(d));
        let ascii = ascii.ok_or_else(|| {
            Error::invalid(field, format!("{} must have a domain (after the @) of at least two labels of letters, digits and '-', like example.org", shown(s)))
        })?;
        let address = format!("{local}@{ascii}");
        ensure(address.len() <= 254, field, s, "must be at most 254 characters long (with the domain in ASCII form)")?;
        Ok(Self(address))
    }
}

impl Email {
    /// An address as the ledger holds it: today's rules, or the looser ones of schema versions up to 5
    /// (printable ASCII with an `@`), so that older entries stay readable.
    pub fn stored(field: &str, s: &str) -> Result<Self> {
        Self::parse(field, s).or_else(|e| {
            let legacy = s.len() <= 254 && s.bytes().all(|b| b.is_ascii_graphic()) && s.contains('@');
            if legacy { Ok(Self(s.to_owned())) } else { Err(e) }
        })
    }
}

/// An RFC 5322 dot-atom of at most 64 octets (with the characters of [`LOCAL_SPECIALS`]).
fn is_local_part(local: &str) -> bool {
    (1..=64).contains(&local.len())
        && local.split('.').all(|atom| !atom.is_empty() && atom.bytes().all(|b| b.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(&b)))
}

name_type!(
    /// A phone number: digits, spaces and + ( ) / - only.
    Phone
);

impl Phone {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        let ok = (3..=32).contains(&s.len()) && digits >= 3 && s.bytes().all(|b| b.is_ascii_digit() || b" +()/-".contains(&b));
        ensure(ok, field, s, "must be a phone number of digits, spaces and + ( ) / - (3 to 32 characters)")?;
        Ok(Self(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_numbers() {
        assert_eq!(MemberNumber::parse("n", "10001").unwrap().get(), 10001);
        for bad in ["9999", "100000", "010001", "+1000", "10001 ", "1e4", ""] {
            assert!(MemberNumber::parse("n", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn prefixes_and_keywords() {
        Prefix::parse("p", "xyz").unwrap();
        for bad in ["xy", "xyz0", "XYZ", "x;z", "хyz"] {
            assert!(Prefix::parse("p", bad).is_err(), "{bad:?}");
        }
        assert_eq!(MemberStatus::parse("s", "cancelled").unwrap(), MemberStatus::Cancelled);
        assert!(MemberStatus::parse("s", "gone").unwrap_err().to_string().contains("ACTIVE"));
    }

    #[test]
    fn email_addresses_by_their_syntax() {
        let email = |s: &str| Email::parse("email", s).map(|e| e.as_str().to_owned());
        for good in ["erika@example.org", "erika.mustermann+hs@mail.example.org", "a!#%*/=?^_{}~-b@example.org", "x@a-b.example", "X@EXAMPLE.org"] {
            assert!(email(good).is_ok(), "{good:?}: {:?}", email(good));
        }
        assert_eq!(email("X@EXAMPLE.org").unwrap(), "X@example.org", "the domain in lower case, the local part as typed");
        assert_eq!(email("erika@Müller.de").unwrap(), "erika@xn--mller-kva.de");
        assert_eq!(email("erika@xn--mller-kva.de").unwrap(), "erika@xn--mller-kva.de");
        assert!(email(&format!("{}@example.org", "a".repeat(64))).is_ok());
        let long_domain = format!("{}.{}.{}.org", "a".repeat(63), "b".repeat(63), "c".repeat(63));
        assert!(email(&format!("{}@{long_domain}", "a".repeat(50))).is_ok());
        for bad in [
            "erika",
            "",
            "@example.org",
            "erika@",
            "erika@localhost",
            "a b@example.org",
            "x@example.org\n",
            "x\u{200B}@example.org",
            "x@exa$mple.org",
            "x@exa_mple.org",
            "`id`@example.org",
            "$(id)@example.org",
            ".erika@example.org",
            "erika.@example.org",
            "eri..ka@example.org",
            "eri@ka@example.org",
            "\"erika\"@example.org",
            "erika@-example.org",
            "erika@example-.org",
            "erika@example..org",
            "erika@example.org.",
            "erika@1.2.3.4",
            "erika@[127.0.0.1]",
            "érika@example.org",
        ] {
            let e = email(bad).expect_err(bad).to_string();
            assert!(e.starts_with("invalid email: "), "{e}");
        }
        assert!(email(&format!("{}@example.org", "a".repeat(65))).unwrap_err().to_string().contains("64"));
        assert!(email(&format!("{}@{long_domain}", "a".repeat(60))).unwrap_err().to_string().contains("254"));
        assert!(email(&format!("x@{}.org", "a".repeat(64))).is_err());
        assert!(email("\"a b\"@example.org").is_err());
        assert!(email("\"ab\"@example.org").unwrap_err().to_string().contains("quoted"));
    }

    #[test]
    fn contact_values() {
        Phone::parse("p", "+49 40 123456").unwrap();
        assert!(Phone::parse("p", "+49;rm").is_err());
        assert_eq!(TextField::parse("name", "  Erika  ", 10).unwrap().as_str(), "Erika");
        assert!(TextField::parse("name", "a\u{0}b", 10).is_err());
        assert!(TextField::parse("name", "   ", 10).is_err());
    }
}
