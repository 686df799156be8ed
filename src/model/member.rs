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
    /// An e-mail address, checked for shape (one '@', a dotted domain, no spaces or controls).
    Email
);

impl Email {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let ok = s.len() <= 254
            && s.is_ascii()
            && match s.rsplit_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && local.len() <= 64
                        && local.bytes().all(|b| b.is_ascii_graphic() && !b"@\"(),:;<>[\\]`'$|&".contains(&b))
                        && domain.contains('.')
                        && domain.split('.').all(|l| {
                            !l.is_empty()
                                && l.len() <= 63
                                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                                && !l.starts_with('-')
                                && !l.ends_with('-')
                        })
                }
                None => false,
            };
        ensure(ok, field, s, "must be an e-mail address like name@example.org (ASCII; write internationalised domains in their xn-- form)")?;
        Ok(Self(s.to_owned()))
    }
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

name_type!(
    /// A VAT identification number: country code and 2–12 letters or digits, like DE123456789.
    VatId
);

impl VatId {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let b = s.as_bytes();
        let ok =
            (4..=14).contains(&b.len()) && b[..2].iter().all(u8::is_ascii_uppercase) && b[2..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        ensure(ok, field, s, "must be a VAT id: two upper-case country letters and 2 to 12 letters or digits, like DE123456789")?;
        Ok(Self(s.to_owned()))
    }
}

name_type!(
    /// An ISO 3166-1 alpha-2 country code, upper case.
    VatCountry
);

impl VatCountry {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        ensure(s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()), field, s, "must be a two-letter upper-case country code, like DE")?;
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
    fn contact_values() {
        Email::parse("e", "erika@example.org").unwrap();
        for bad in ["erika", "erika@localhost", "a b@example.org", "x@example.org\n", "x@exa$mple.org", "x@éxample.org", "`id`@example.org"] {
            assert!(Email::parse("e", bad).is_err(), "{bad:?}");
        }
        Phone::parse("p", "+49 40 123456").unwrap();
        assert!(Phone::parse("p", "+49;rm").is_err());
        VatId::parse("v", "DE123456789").unwrap();
        assert!(VatId::parse("v", "de123").is_err());
        assert_eq!(TextField::parse("name", "  Erika  ", 10).unwrap().as_str(), "Erika");
        assert!(TextField::parse("name", "a\u{0}b", 10).is_err());
        assert!(TextField::parse("name", "   ", 10).is_err());
    }
}
