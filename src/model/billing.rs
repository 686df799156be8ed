//! Billing values: the month an invoice covers, invoice numbers and their format, VAT cases and categories,
//! line units, and the one rounding rule of EN 16931 (half away from zero, on integers, never a float).
use super::member::keyword_enum;
use super::{ensure, shown};
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};

/// A calendar month, `YYYY-MM`: the period an invoice covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BillingMonth {
    year: i32,
    month: u32,
}

impl BillingMonth {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let bad = || Error::invalid(field, format!("{} must be a month like 2026-11 (YYYY-MM)", shown(s)));
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let (year, month): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        ensure((1..=12).contains(&month), field, s, "must have a month from 01 to 12")?;
        ensure((2000..=2999).contains(&year), field, s, "must have a year from 2000 to 2999")?;
        Ok(Self { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self { year: date.year(), month: date.month() }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("a day before")
    }

    pub fn days(self) -> i64 {
        (self.last_day() - self.first_day()).num_days() + 1
    }

    pub fn next(self) -> Self {
        if self.month == 12 { Self { year: self.year + 1, month: 1 } } else { Self { year: self.year, month: self.month + 1 } }
    }
}

impl std::fmt::Display for BillingMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl serde::Serialize for BillingMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An invoice number as issued: at most 36 characters of `A-Z a-z 0-9 - /` (what DATEV's Belegfeld 1 takes).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct InvoiceNumber(String);

impl InvoiceNumber {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        ensure(!s.is_empty() && s.len() <= 36, field, s, "must be an invoice number of 1 to 36 characters, like 2026-00001")?;
        ensure(s.bytes().all(number_byte), field, s, "may contain only letters, digits, '-' and '/'")?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for InvoiceNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn number_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'/'
}

/// How invoice numbers are made: literal text with `{year}` and `{seq}` (or `{seq:05}`, zero-padded to 5),
/// one series per year. `{year}-{seq:05}` gives `2026-00001`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    text: String,
    width: usize,
}

impl NumberFormat {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let seq = ["{seq}", "{seq:02}", "{seq:03}", "{seq:04}", "{seq:05}", "{seq:06}", "{seq:07}", "{seq:08}"];
        let found: Vec<&str> = seq.iter().copied().filter(|p| s.contains(p)).collect();
        ensure(found.len() == 1 && s.matches("{seq").count() == 1, field, s, "must contain {seq} or {seq:0N} (N from 2 to 8) exactly once")?;
        ensure(s.matches("{year}").count() == 1, field, s, "must contain {year} exactly once (a series per year)")?;
        let width = found[0].trim_start_matches("{seq").trim_start_matches(":0").trim_end_matches('}').parse().unwrap_or(1);
        let literal = s.replace("{year}", "").replace(found[0], "");
        ensure(literal.bytes().all(number_byte), field, s, "may contain besides {year} and {seq} only letters, digits, '-' and '/'")?;
        ensure(literal.len() + 4 + 8 <= 36, field, s, "must leave numbers of at most 36 characters")?;
        Ok(Self { text: s.replace(found[0], "{seq}"), width })
    }

    /// The number `seq` of the series of `year`.
    pub fn number(&self, year: i32, seq: i64) -> InvoiceNumber {
        let n = self.text.replace("{year}", &format!("{year:04}")).replace("{seq}", &format!("{seq:0w$}", w = self.width));
        InvoiceNumber(n)
    }

    /// The name of the year's series in the ledger's `sequence` table.
    pub fn series(year: i32) -> String {
        format!("invoice-{year:04}")
    }
}

impl Default for NumberFormat {
    fn default() -> Self {
        Self { text: "{year}-{seq}".into(), width: 5 }
    }
}

keyword_enum!(
    /// An invoice, or a credit note cancelling one.
    InvoiceKind { Invoice = "invoice", CreditNote = "credit-note" }
);

keyword_enum!(
    /// How a member's supplies are taxed: domestic (German VAT, also for EU consumers), an EU business with a
    /// VAT id (reverse charge, §13b UStG), or outside the EU (not taxable in Germany, §3a Abs. 2 UStG).
    VatCase { Domestic = "domestic", ReverseCharge = "reverse-charge", NonEu = "non-eu" }
);

keyword_enum!(
    /// The EN 16931 VAT category of a line (UNTDID 5305): S standard rate, AE reverse charge, E exempt (the
    /// membership fee, no supply), O not subject to VAT here (services to a buyer outside the EU).
    VatCategory { Standard = "S", ReverseCharge = "AE", Exempt = "E", OutOfScope = "O" }
);

keyword_enum!(
    /// What an invoice line is for.
    LineKind { Package = "package", Resource = "resource", Traffic = "traffic", Webspace = "webspace", Domain = "domain", Fee = "fee" }
);

keyword_enum!(
    /// A line's unit (UN/ECE Recommendation 20): days, months, pieces, gigabytes.
    Unit { Day = "DAY", Month = "MON", Piece = "C62", Gigabyte = "E34" }
);

/// The EU's member states (ISO 3166-1 codes; Greece is GR here, EL only in VAT ids).
pub const EU: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI",
    "SK",
];

/// `a × b ÷ d` rounded half away from zero ("kaufmännisch"), in 128-bit so that no product overflows.
pub fn mul_div_round(a: i64, b: i64, d: i64) -> i64 {
    assert!(d > 0, "a divisor above zero");
    let p = a as i128 * b as i128;
    let (q, r) = (p / d as i128, p % d as i128);
    let up = 2 * r.abs() >= d as i128;
    (if up { q + p.signum() } else { q }) as i64
}

/// A line's net amount: quantity × unit price ÷ base quantity, rounded to the cent (BT-131).
pub fn line_net(quantity: i64, unit_price_cents: i64, base_quantity: i64) -> i64 {
    mul_div_round(quantity, unit_price_cents, base_quantity)
}

/// The VAT of one category and rate: basis × rate, rounded once (BT-117, BR-CO-17). Rates are basis points.
pub fn vat_of(basis_cents: i64, rate_bp: i64) -> i64 {
    mul_div_round(basis_cents, rate_bp, 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        let m = BillingMonth::parse("period", "2026-02").unwrap();
        assert_eq!((m.days(), m.to_string(), m.next().to_string()), (28, "2026-02".into(), "2026-03".into()));
        assert_eq!(BillingMonth::parse("p", "2026-12").unwrap().next().to_string(), "2027-01");
        assert_eq!(BillingMonth::parse("p", "2028-02").unwrap().days(), 29);
        for bad in ["2026-13", "2026-00", "26-11", "2026-1", "2026/11", "", "1999-12", "2026-11-01"] {
            assert!(BillingMonth::parse("period", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn number_formats() {
        let f = NumberFormat::parse("f", "{year}-{seq:05}").unwrap();
        assert_eq!(f.number(2026, 1).as_str(), "2026-00001");
        assert_eq!(NumberFormat::parse("f", "RE/{year}/{seq}").unwrap().number(2027, 42).as_str(), "RE/2027/42");
        for bad in ["{seq}", "{year}", "{year}{seq}{seq}", "{year} {seq}", "{year}-{seq:5}", "{year}-{seq:09}", "{year}_{seq}"] {
            assert!(NumberFormat::parse("f", bad).is_err(), "{bad}");
        }
        assert!(InvoiceNumber::parse("n", "2026-00001").is_ok());
        assert!(InvoiceNumber::parse("n", "2026 1").is_err());
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(line_net(14, 1000, 30), 467); // 466.67
        assert_eq!(line_net(1, 1, 2), 1); // 0.5 → 1
        assert_eq!(mul_div_round(-1, 1, 2), -1);
        assert_eq!(vat_of(1050, 1900), 200); // 199.5 → 200
        assert_eq!(vat_of(1049, 1900), 199); // 199.31
        assert_eq!(vat_of(-1050, 1900), -200);
        assert_eq!(mul_div_round(i64::MAX / 2, 4, 4), i64::MAX / 2);
    }
}
