//! Bank values for direct debits: IBAN, BIC, the SEPA creditor id (Gläubiger-ID), the mandate reference and
//! the account holder's name (billing-formats.md §3.2).
use super::member::keyword_enum;
use super::{ensure, is_plain_text};
use crate::Result;
use iban::IbanLike;

/// An IBAN (ISO 13616) with valid check digits and the length and BBAN format of its country. Accepted with
/// spaces (the paper form, `DE02 1203 0000 0000 2020 51`), stored and shown without.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Iban(String);

impl Iban {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let compact: String = s.chars().filter(|c| *c != ' ').collect();
        let rule = "must be an IBAN with valid check digits and the length of its country, like DE02120300000000202051";
        let ok = !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        let parsed = if ok { compact.parse::<iban::Iban>().ok() } else { None };
        ensure(parsed.is_some_and(|i| i.electronic_str() == compact), field, s, rule)?;
        Ok(Self(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISO 3166-1 country code (the first two letters).
    pub fn country(&self) -> &str {
        &self.0[..2]
    }

    /// For a German IBAN (`DE` + check digits + BLZ + account number), the Bankleitzahl (8 digits) and the
    /// account number (10 digits, with its leading zeros) that DTAUS records carry; `None` for other countries.
    pub fn german_account(&self) -> Option<(String, String)> {
        (self.country() == "DE" && self.0.len() == 22).then(|| (self.0[4..12].to_owned(), self.0[12..22].to_owned()))
    }
}

/// A BIC (ISO 9362): bank code (4 letters), country (2 letters), location (2 letters or digits) and an
/// optional branch (3 letters or digits): 8 or 11 characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Bic(String);

impl Bic {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let b = s.as_bytes();
        let ok =
            (b.len() == 8 || b.len() == 11) && b[..6].iter().all(u8::is_ascii_uppercase) && b[6..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        ensure(ok, field, s, "must be a BIC of 8 or 11 characters (4 + 2 letters, then letters or digits), like GENODEM1GLS")?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The remainder mod 97 of a string of letters and digits read as a number, letters counting A=10 … Z=35
/// (ISO 7064 MOD 97-10, as IBANs and creditor ids use it).
fn mod97(s: &str) -> u32 {
    s.chars().fold(0u32, |acc, c| {
        let v = c.to_digit(36).expect("letters and digits only");
        if v < 10 { (acc * 10 + v) % 97 } else { (acc * 100 + v) % 97 }
    })
}

/// A SEPA creditor identifier (AT-02, Gläubiger-Identifikationsnummer): country, two check digits, a
/// three-character business code (not part of the check) and the national identifier. Check digits are
/// 98 − (national id + country + "00") mod 97. German ones are 18 characters (`DE98ZZZ09999999999`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct CreditorId(String);

impl CreditorId {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let rule = "must be a SEPA creditor id with valid check digits, like DE98ZZZ09999999999 (18 characters in Germany)";
        let b = s.as_bytes();
        let shape = (8..=35).contains(&b.len())
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && b[2..4].iter().all(u8::is_ascii_digit)
            && b[4..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && (&s[..2] != "DE" || b.len() == 18);
        ensure(shape, field, s, rule)?;
        let check = 98 - mod97(&format!("{}{}00", &s[7..], &s[..2]));
        ensure(s[2..4] == format!("{check:02}"), field, s, rule)?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The characters SEPA identifiers may hold (DK Anlage 3, EPC): `A-Z a-z 0-9 / - ? : ( ) . , ' +` and space.
pub fn is_sepa_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "/-?:().,'+ ".contains(c)
}

/// A mandate reference (AT-01, `MndtId`): 1 to 35 characters of the SEPA set, without leading or trailing
/// space; like every SEPA reference it neither starts nor ends with `/` nor holds `//` (EPC). Unique per
/// creditor, so one per ledger.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct MandateReference(String);

impl MandateReference {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let ok = (1..=35).contains(&s.chars().count())
            && s.chars().all(is_sepa_char)
            && s.trim() == s
            && !s.starts_with('/')
            && !s.ends_with('/')
            && !s.contains("//");
        let rule = "must be 1 to 35 of the SEPA characters A-Z a-z 0-9 / - ? : ( ) . , ' + and space, without leading or trailing space, \
                    not starting or ending with / and without //";
        ensure(ok, field, s, rule)?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The account holder's name as the mandate gives it: one line of 1 to 70 characters (the DK limit of
/// `Dbtr/Nm`); the SEPA export transliterates it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Holder(String);

impl Holder {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let ok = (1..=70).contains(&s.chars().count()) && is_plain_text(s) && s.trim() == s;
        ensure(ok, field, s, "must be one line of 1 to 70 characters without leading or trailing spaces")?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

keyword_enum!(
    /// The SEPA sequence type of a debit (`SeqTp`): the first debit of a mandate, or a recurring one.
    SequenceType { First = "FRST", Recurring = "RCUR" }
);

keyword_enum!(
    /// Where a mandate stands on a day: valid, revoked, lapsed after 36 months without use, its account
    /// removed, or signed only after that day.
    MandateStatus { Valid = "valid", Revoked = "revoked", Expired = "expired", AccountRemoved = "account-removed", NotYetSigned = "not-yet-signed" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans() {
        let i = Iban::parse("iban", "DE02 1203 0000 0000 2020 51").unwrap();
        assert_eq!(i.as_str(), "DE02120300000000202051");
        assert_eq!(i.german_account(), Some(("12030000".into(), "0000202051".into())));
        let at = Iban::parse("iban", "AT611904300234573201").unwrap();
        assert_eq!(at.german_account(), None);
        // Check digits off by one, a German IBAN one digit short, a lower-case one, letters where digits go.
        for bad in ["DE03120300000000202051", "DE0212030000000020205", "de02120300000000202051", "XX02120300000000202051", "", "DE02\n120300000000202051"] {
            assert!(Iban::parse("iban", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bics() {
        Bic::parse("bic", "GENODEM1GLS").unwrap();
        Bic::parse("bic", "BYLADEM1").unwrap();
        for bad in ["GENO1", "GENODEM1GL", "genodem1gls", "G3NODEM1", "GENODEM1GLS1"] {
            assert!(Bic::parse("bic", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn creditor_ids() {
        CreditorId::parse("creditor id", "DE98ZZZ09999999999").unwrap();
        // The business code is not part of the check.
        CreditorId::parse("creditor id", "DE98ABC09999999999").unwrap();
        for bad in ["DE97ZZZ09999999999", "DE98ZZZ0999999999", "de98ZZZ09999999999", "DE98ZZZ0999999999X9", "DE9"] {
            assert!(CreditorId::parse("creditor id", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn mandate_references() {
        for good in ["HS-10001-20260101", "A", "a/b (c), d.e'f+g?h:i", &"x".repeat(35)] {
            MandateReference::parse("reference", good).unwrap();
        }
        for bad in ["", &"x".repeat(36), " HS", "HS ", "HS_1", "Müller", "/HS", "HS/", "HS//1", "HS|1", "HS&1"] {
            assert!(MandateReference::parse("reference", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn holders() {
        Holder::parse("holder", "Erika Mustermann").unwrap();
        Holder::parse("holder", "Jürgen Groß").unwrap();
        for bad in ["", &"x".repeat(71), " E", "a\nb"] {
            assert!(Holder::parse("holder", bad).is_err(), "{bad:?}");
        }
    }
}
