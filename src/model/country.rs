//! Country codes: ISO 3166-1 alpha-2, the officially assigned codes only.
//!
//! [`COUNTRIES`] is data, not logic: the 249 officially assigned alpha-2 codes of ISO 3166-1
//! (as published by the ISO 3166 Maintenance Agency, checked against Debian's iso-codes and tzdata's
//! iso3166.tab). Reserved and user-assigned codes (EU, UK, EL, XI, XK …) are not countries here:
//! EL (Greece) and XI (Northern Ireland) exist only as VAT id prefixes, see `vat.rs`.
use super::ensure;
use super::names::name_type;
use crate::Result;

/// The officially assigned ISO 3166-1 alpha-2 codes, sorted (one line per initial letter) for binary search.
#[rustfmt::skip]
pub const COUNTRIES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ",
    "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
    "DE", "DJ", "DK", "DM", "DO", "DZ",
    "EC", "EE", "EG", "EH", "ER", "ES", "ET",
    "FI", "FJ", "FK", "FM", "FO", "FR",
    "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY",
    "HK", "HM", "HN", "HR", "HT", "HU",
    "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
    "JE", "JM", "JO", "JP",
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
    "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
    "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
    "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
    "OM",
    "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
    "QA",
    "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ",
    "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
    "UA", "UG", "UM", "US", "UY", "UZ",
    "VA", "VC", "VE", "VG", "VI", "VN", "VU",
    "WF", "WS",
    "YE", "YT",
    "ZA", "ZM", "ZW",
];

/// True for an officially assigned ISO 3166-1 alpha-2 code, upper case.
pub fn is_country(code: &str) -> bool {
    COUNTRIES.binary_search(&code).is_ok()
}

name_type!(
    /// An ISO 3166-1 alpha-2 country code, upper case: the country of a postal address and the country
    /// a member pays VAT in. Greece is GR and the United Kingdom GB here, also for VAT (their VAT ids
    /// start with EL and GB or XI, see [`super::VatId::country`]).
    VatCountry
);

impl VatCountry {
    /// A code as the ledger holds it: today's rules, or any two upper-case letters (schema versions up
    /// to 5), so that older entries stay readable.
    pub fn stored(field: &str, s: &str) -> Result<Self> {
        Self::parse(field, s).or_else(|e| if s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()) { Ok(Self(s.to_owned())) } else { Err(e) })
    }

    pub fn parse(field: &str, s: &str) -> Result<Self> {
        const RULE: &str = "is not an ISO 3166-1 country code, like DE";
        let hint = match s {
            "EL" => " (Greece is GR: EL is only the prefix of Greek VAT ids)",
            "UK" | "XI" => " (the United Kingdom, Northern Ireland included, is GB)",
            _ if s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()) => " (write it in upper case)",
            _ => "",
        };
        ensure(is_country(s), field, s, &format!("{RULE}{hint}"))?;
        Ok(Self(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_complete() {
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        assert!(COUNTRIES.iter().all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
        for code in ["AD", "DE", "GR", "GB", "CH", "AX", "SS", "ZW"] {
            assert!(is_country(code), "{code}");
        }
    }

    #[test]
    fn only_assigned_codes_are_countries() {
        assert_eq!(VatCountry::parse("country", "DE").unwrap().as_str(), "DE");
        for bad in ["XX", "EU", "UK", "EL", "XI", "XK", "ZZ", "AA", "de", "DEU", "D", "", "D1", "DE "] {
            let e = VatCountry::parse("vat-country", bad).unwrap_err().to_string();
            assert!(e.contains("vat-country") && e.contains("ISO 3166-1"), "{bad:?}: {e}");
        }
        assert!(VatCountry::parse("c", "EL").unwrap_err().to_string().contains("GR"));
    }
}
