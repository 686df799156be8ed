//! VAT identification numbers, checked against their country's format.
//!
//! The formats are the EU's VIES formats for the 27 member states, plus XI (Northern Ireland), GB and
//! CH; they are data ([`FORMATS`]) read by one small matcher. Check digits are verified for DE
//! (ISO 7064 MOD 11,10), AT, BE and NL, whose algorithms are published by the tax authorities; the
//! other countries are checked for shape only. A VAT id of any other ISO 3166-1 country is accepted
//! as its code and 2 to 12 letters or digits. Spaces, dots and dashes are removed before checking
//! (`DE 136.695-976` is stored as `DE136695976`); letters must be upper case.
use super::names::name_type;
use super::{country, ensure, shown};
use crate::{Error, Result};

/// One country's VAT id format: the prefix, the shapes of what follows it, the rule in words and
/// an optional check-digit test of what follows the prefix.
struct Format {
    prefix: &'static str,
    /// `9` a digit, `a` a letter, `x` a letter or digit, `k` a letter or digit but not I or O,
    /// `s` a letter, digit, `+` or `*`; anything else stands for itself.
    shapes: &'static [&'static str],
    says: &'static str,
    check: Option<fn(&[u8]) -> bool>,
}

const fn format(prefix: &'static str, shapes: &'static [&'static str], says: &'static str) -> Format {
    Format { prefix, shapes, says, check: None }
}

const D8: &[&str] = &["99999999"];
const D9: &[&str] = &["999999999"];
const D10: &[&str] = &["9999999999"];
const D11: &[&str] = &["99999999999"];
const UK: &[&str] = &["999999999", "999999999999", "GD999", "HA999"];

/// The known formats, sorted by prefix.
const FORMATS: &[Format] = &[
    Format { check: Some(at_check), ..format("AT", &["U99999999"], "AT VAT ids are ATU and 8 digits") },
    Format { check: Some(be_check), ..format("BE", &["0999999999", "1999999999"], "BE VAT ids are BE and 10 digits, the first 0 or 1") },
    format("BG", &["999999999", "9999999999"], "BG VAT ids are BG and 9 or 10 digits"),
    format("CH", &["E999999999", "E999999999MWST", "E999999999TVA", "E999999999IVA"], "CH VAT ids are CHE and 9 digits, then MWST, TVA, IVA or nothing"),
    format("CY", &["99999999a"], "CY VAT ids are CY, 8 digits and a letter"),
    format("CZ", &["99999999", "999999999", "9999999999"], "CZ VAT ids are CZ and 8 to 10 digits"),
    Format { check: Some(de_check), ..format("DE", D9, "DE VAT ids are DE and 9 digits") },
    format("DK", D8, "DK VAT ids are DK and 8 digits"),
    format("EE", D9, "EE VAT ids are EE and 9 digits"),
    format("EL", D9, "EL (Greek) VAT ids are EL and 9 digits"),
    format("ES", &["a9999999x", "x9999999a"], "ES VAT ids are ES, a letter or digit, 7 digits and a letter or digit (not both digits)"),
    format("FI", D8, "FI VAT ids are FI and 8 digits"),
    format("FR", &["kk999999999"], "FR VAT ids are FR, 2 letters or digits (not I or O) and 9 digits"),
    format("GB", UK, "GB VAT ids are GB and 9 or 12 digits, or GD or HA and 3 digits"),
    format("GR", &[], "Greek VAT ids start with EL, not GR: EL and 9 digits"),
    format("HR", D11, "HR VAT ids are HR and 11 digits"),
    format("HU", D8, "HU VAT ids are HU and 8 digits"),
    format(
        "IE",
        &["9999999a", "9999999aa", "9s99999a"],
        "IE VAT ids are IE, 7 digits and 1 or 2 letters, or IE, a digit, a letter or + or *, 5 digits and a letter",
    ),
    format("IT", D11, "IT VAT ids are IT and 11 digits"),
    format("LT", &["999999999", "999999999999"], "LT VAT ids are LT and 9 or 12 digits"),
    format("LU", D8, "LU VAT ids are LU and 8 digits"),
    format("LV", D11, "LV VAT ids are LV and 11 digits"),
    format("MT", D8, "MT VAT ids are MT and 8 digits"),
    Format { check: Some(nl_check), ..format("NL", &["999999999B99"], "NL VAT ids are NL, 9 digits, B and 2 digits") },
    format("PL", D10, "PL VAT ids are PL and 10 digits"),
    format("PT", D9, "PT VAT ids are PT and 9 digits"),
    format("RO", &["99", "999", "9999", "99999", "999999", "9999999", "99999999", "999999999", "9999999999"], "RO VAT ids are RO and 2 to 10 digits"),
    format("SE", &["999999999999"], "SE VAT ids are SE and 12 digits"),
    format("SI", D8, "SI VAT ids are SI and 8 digits"),
    format("SK", D10, "SK VAT ids are SK and 10 digits"),
    format("XI", UK, "XI (Northern Ireland) VAT ids are XI and 9 or 12 digits, or GD or HA and 3 digits"),
];

/// Whether `rest` has the shape `shape` (see [`Format::shapes`]).
fn fits(rest: &[u8], shape: &str) -> bool {
    let alnum = |c: u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    rest.len() == shape.len()
        && rest.iter().zip(shape.bytes()).all(|(&c, s)| match s {
            b'9' => c.is_ascii_digit(),
            b'a' => c.is_ascii_uppercase(),
            b'x' => alnum(c),
            b'k' => alnum(c) && c != b'I' && c != b'O',
            b's' => alnum(c) || c == b'+' || c == b'*',
            literal => c == literal,
        })
}

/// The digits of `bytes` as numbers (the shape has made sure they are digits).
fn digits(bytes: &[u8]) -> Vec<u32> {
    bytes.iter().map(|b| u32::from(b - b'0')).collect()
}

/// DE: ISO 7064 MOD 11,10 over the first 8 digits gives the 9th.
fn de_check(rest: &[u8]) -> bool {
    let d = digits(rest);
    let mut product = 10;
    for &digit in &d[..8] {
        let sum = match (digit + product) % 10 {
            0 => 10,
            s => s,
        };
        product = 2 * sum % 11;
    }
    (11 - product) % 10 == d[8]
}

/// AT (`U` and 8 digits): the 1st, 3rd, 5th and 7th digit plus the digit sums of twice the 2nd, 4th
/// and 6th; the 8th digit is (10 - (that + 4) mod 10) mod 10.
fn at_check(rest: &[u8]) -> bool {
    let d = digits(&rest[1..]);
    let sum: u32 = d[..7].iter().enumerate().map(|(i, &v)| if i % 2 == 0 { v } else { 2 * v / 10 + 2 * v % 10 }).sum();
    (10 - (sum + 4) % 10) % 10 == d[7]
}

/// BE: the last two digits are 97 minus the first eight modulo 97.
fn be_check(rest: &[u8]) -> bool {
    let number = |b: &[u8]| b.iter().fold(0u64, |n, &c| n * 10 + u64::from(c - b'0'));
    97 - number(&rest[..8]) % 97 == number(&rest[8..])
}

/// NL: the eleven test of the 9 digits (weights 9 to 2, the last digit the remainder), or — for the
/// VAT ids of sole proprietors since 2020 — `NL…B..` read as in an IBAN (letters 10–35) is 1 mod 97.
fn nl_check(rest: &[u8]) -> bool {
    let d = digits(&rest[..9]);
    let eleven = d[..8].iter().zip((2..=9).rev()).map(|(&v, w)| v * w).sum::<u32>() % 11 == d[8];
    let mod97 = b"NL".iter().chain(rest).fold(0u32, |n, &c| {
        let v = if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c - b'A') + 10 };
        if v < 10 { (n * 10 + v) % 97 } else { (n * 100 + v) % 97 }
    }) == 1;
    eleven || mod97
}

name_type!(
    /// A VAT identification number, like DE136695976: its country's prefix and the format of that
    /// country (see the module comment), without spaces, dots or dashes.
    VatId
);

impl VatId {
    /// An id as the ledger holds it: today's rules, or the shape of schema versions up to 5 (two
    /// upper-case letters and 2 to 12 letters or digits), so that older entries stay readable.
    pub fn stored(field: &str, s: &str) -> Result<Self> {
        Self::parse(field, s).or_else(|e| {
            let b = s.as_bytes();
            let legacy =
                (4..=14).contains(&b.len()) && b[..2].iter().all(u8::is_ascii_uppercase) && b[2..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if legacy { Ok(Self(s.to_owned())) } else { Err(e) }
        })
    }

    pub fn parse(field: &str, s: &str) -> Result<Self> {
        const START: &str = "must be a VAT id: an upper-case country code and the number, like DE136695976";
        ensure(s.len() <= 40, field, s, START)?;
        let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
        let b = compact.as_bytes();
        ensure(b.len() >= 4 && b[..2].iter().all(u8::is_ascii_uppercase), field, s, START)?;
        let (prefix, rest) = compact.split_at(2);
        match FORMATS.binary_search_by(|f| f.prefix.cmp(prefix)) {
            Ok(i) => check(&FORMATS[i], field, s, rest.as_bytes())?,
            Err(_) => other_country(field, s, prefix, rest)?,
        }
        Ok(Self(compact))
    }

    /// The ISO 3166-1 country the VAT id belongs to: its prefix, except EL (Greece, GR) and XI (Northern Ireland, GB).
    pub fn country(&self) -> &str {
        match &self.0[..2] {
            "EL" => "GR",
            "XI" => "GB",
            prefix => prefix,
        }
    }
}

/// The shape and check digit of a country with a known format.
fn check(f: &Format, field: &str, s: &str, rest: &[u8]) -> Result<()> {
    ensure(f.shapes.iter().any(|shape| fits(rest, shape)), field, s, &format!("is not a valid VAT id: {}", f.says))?;
    ensure(f.check.is_none_or(|ok| ok(rest)), field, s, &format!("is not a valid VAT id: the check digit is wrong ({})", f.says))
}

/// A country without a known format: an ISO 3166-1 code and 2 to 12 letters or digits.
fn other_country(field: &str, s: &str, prefix: &str, rest: &str) -> Result<()> {
    if !country::is_country(prefix) {
        return Err(Error::invalid(field, format!("{} is not a valid VAT id: {prefix} is not a country code, like DE136695976", shown(s))));
    }
    let ok = (2..=12).contains(&rest.len()) && rest.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    ensure(ok, field, s, &format!("is not a valid VAT id: {prefix} VAT ids are {prefix} and 2 to 12 upper-case letters or digits"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        VatId::parse("vat-id", s).unwrap_or_else(|e| panic!("{s:?}: {e}")).as_str().to_owned()
    }

    fn refused(s: &str) -> String {
        let e = VatId::parse("vat-id", s).expect_err(s).to_string();
        assert!(e.starts_with("invalid vat-id: "), "{e}");
        e
    }

    #[test]
    fn the_formats_are_sorted_by_prefix() {
        assert!(FORMATS.windows(2).all(|w| w[0].prefix < w[1].prefix));
        assert_eq!(FORMATS.len(), 27 + 3 + 1, "the 27 member states, XI, GB, CH and the GR hint");
    }

    #[test]
    fn german_check_digits() {
        for good in ["DE136695976", "DE123456788", "DE811569869"] {
            ok(good);
        }
        for altered in ["DE136695975", "DE136695967", "DE123456789"] {
            assert!(refused(altered).contains("check digit"), "{altered}");
        }
        assert!(refused("DE12345678").contains("DE VAT ids are DE and 9 digits"));
    }

    #[test]
    fn austrian_belgian_and_dutch_check_digits() {
        ok("ATU13585627");
        ok("ATU12345675");
        assert!(refused("ATU13585628").contains("check digit"));
        assert!(refused("AT13585627").contains("ATU and 8 digits"));
        ok("BE0776091951");
        ok("BE0403170701");
        assert!(refused("BE0776091952").contains("check digit"));
        assert!(refused("BE2776091951").contains("0 or 1"));
        ok("NL123456782B01");
        ok("NL000099998B57"); // the Belastingdienst's example of the 2020 form (mod 97)
        assert!(refused("NL123456783B01").contains("check digit"));
        assert!(refused("NL123456782X01").contains("B and 2 digits"));
    }

    #[test]
    fn every_member_state_has_its_shape() {
        for good in [
            "BG123456789",
            "BG1234567890",
            "CY12345678X",
            "CZ12345678",
            "CZ1234567890",
            "DK12345678",
            "EE123456789",
            "EL123456789",
            "ESX1234567Y",
            "ESA12345678",
            "ES12345678Z",
            "FI12345678",
            "FR12345678901",
            "FRXY123456789",
            "HR12345678901",
            "HU12345678",
            "IE1234567T",
            "IE1234567TW",
            "IE1S23456T",
            "IE1+23456T",
            "IT12345678901",
            "LT123456789",
            "LT123456789012",
            "LU12345678",
            "LV12345678901",
            "MT12345678",
            "PL1234567890",
            "PT123456789",
            "RO12",
            "RO1234567890",
            "SE123456789012",
            "SI12345678",
            "SK1234567890",
        ] {
            ok(good);
        }
        for bad in [
            "BG12345678",
            "CY123456789",
            "CZ1234567",
            "DK123456789",
            "EL12345678",
            "ES123456789",
            "FI1234567",
            "FRIO123456789",
            "FR1234567890",
            "HR1234567890",
            "HU1234567",
            "IE12345678",
            "IE1234567T1",
            "IT1234567890",
            "LT1234567890",
            "LU123456789",
            "LV1234567890",
            "MT1234567",
            "PL123456789",
            "PT12345678",
            "RO1",
            "RO12345678901",
            "SE12345678901",
            "SI1234567",
            "SK123456789",
        ] {
            refused(bad);
        }
    }

    #[test]
    fn northern_ireland_britain_and_switzerland() {
        for good in ["XI123456789", "GB123456789012", "GBGD123", "GBHA567", "CHE123456789", "CHE123456789MWST", "CHE123456789TVA", "CHE123456789IVA"] {
            ok(good);
        }
        for bad in ["XI12345678", "GBGD12", "GBXY123", "CH123456789", "CHE12345678", "CHE123456789VAT"] {
            refused(bad);
        }
        assert_eq!(VatId::parse("v", "XI123456789").unwrap().country(), "GB");
        assert_eq!(VatId::parse("v", "EL123456789").unwrap().country(), "GR");
        assert_eq!(VatId::parse("v", "CHE123456789").unwrap().country(), "CH");
    }

    #[test]
    fn spaces_dots_and_dashes_are_removed() {
        assert_eq!(ok("DE 136 695 976"), "DE136695976");
        assert_eq!(ok("CHE-123.456.789 MWST"), "CHE123456789MWST");
        assert_eq!(ok("NL 1234.5678.2.B.01"), "NL123456782B01");
    }

    #[test]
    fn other_countries_and_bad_prefixes() {
        ok("NO123456789MVA");
        assert!(refused("GR123456789").contains("EL"));
        assert!(refused("XX123456").contains("not a country code"));
        refused("de136695976");
        refused("DE");
        refused("NO1");
        refused("DE136695976\n");
        refused("DE13669597_6");
        refused(&format!("DE{}", "1".repeat(50)));
    }
}
