//! Passwords are read from stdin, checked, and kept only as a SHA-512 crypt hash.
use crate::{Error, Result};

/// A password that meets the rules; it never leaves memory except as a hash.
pub struct Password(String);

impl Password {
    /// 8–40 characters, at least three of: upper case, lower case, digit, other; no ':' (hostsharing-model.md §3).
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let n = s.chars().count();
        if !(8..=40).contains(&n) {
            return Err(Error::invalid(field, format!("must be 8 to 40 characters long (got {n})")));
        }
        if s.contains(':') || s.chars().any(char::is_control) {
            return Err(Error::invalid(field, "must not contain ':' or control characters"));
        }
        let classes = [
            s.chars().any(|c| c.is_uppercase()),
            s.chars().any(|c| c.is_lowercase()),
            s.chars().any(|c| c.is_ascii_digit()),
            s.chars().any(|c| !c.is_alphanumeric()),
        ];
        if classes.iter().filter(|&&c| c).count() < 3 {
            return Err(Error::invalid(field, "must contain at least three of: upper-case letters, lower-case letters, digits, other characters"));
        }
        Ok(Self(s.to_owned()))
    }

    /// The clear text, for the functions that derive a hash or verifier from it; never to be stored or shown.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> PasswordHash {
        let params = sha_crypt::Sha512Params::new(sha_crypt::ROUNDS_DEFAULT).expect("default rounds are valid");
        PasswordHash(sha_crypt::sha512_simple(&self.0, &params).expect("hashing with valid params succeeds"))
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A Linux SHA-512 crypt hash (`$6$…`), what /etc/shadow holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn from_stored(s: String) -> Self {
        Self(s)
    }

    pub fn verify(&self, password: &str) -> bool {
        sha_crypt::sha512_check(password, &self.0).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        Password::parse("password", "S3cret-Pass!").unwrap();
        for bad in ["short1A", "alllowercase", "NoDigitsHere", "has:colon1A", &"Aa1!".repeat(11)] {
            assert!(Password::parse("password", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn hash_is_sha512_crypt_and_verifies() {
        let h = Password::parse("password", "S3cret-Pass!").unwrap().hash();
        assert!(h.as_str().starts_with("$6$"));
        assert!(h.verify("S3cret-Pass!"));
        assert!(!h.verify("S3cret-Pass?"));
    }
}
