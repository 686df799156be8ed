//! Money as integer cents. Never a float.
use super::shown;
use crate::{Error, Result};

/// An amount in euro cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    /// Largest amount accepted from a person: a billion euro is a typo, not a payment.
    pub const MAX_CENTS: i64 = 100_000_000_000;

    pub const fn from_cents(cents: i64) -> Self {
        Self(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Parses `128`, `128.5` or `128.00` (a dot and at most two decimals; no sign, no thousands separators).
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        if let Some((whole, frac)) = s.split_once(',')
            && !whole.is_empty()
            && (1..=2).contains(&frac.len())
            && whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            return Err(Error::invalid(field, format!("{} has a decimal comma; use a dot: {whole}.{frac}", shown(s))));
        }
        let bad = || Error::invalid(field, format!("{} must be an amount in euro like 128.00 (digits, optionally a dot and one or two decimals)", shown(s)));
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty()
            || whole.len() > 12
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (s.contains('.') && frac.is_empty())
        {
            return Err(bad());
        }
        let whole: i64 = whole.parse().map_err(|_| bad())?;
        let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| bad())? };
        let cents = whole.checked_mul(100).and_then(|c| c.checked_add(frac)).ok_or_else(bad)?;
        if cents > Self::MAX_CENTS {
            return Err(Error::invalid(field, format!("{} is more than the largest amount accepted (1000000000.00)", shown(s))));
        }
        Ok(Self(cents))
    }

    /// A positive amount: zero is refused as well (a movement of nothing is a mistake).
    pub fn parse_positive(field: &str, s: &str) -> Result<Self> {
        let m = Self::parse(field, s)?;
        if m.0 == 0 {
            return Err(Error::invalid(field, format!("{} must be greater than 0.00", shown(s))));
        }
        Ok(m)
    }
}

impl std::ops::Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl std::fmt::Display for Money {
    /// `1234.50`, `-0.05`: the plain decimal form used in files and JSON strings.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl serde::Serialize for Money {
    /// JSON carries integer cents plus the formatted amount: `{"cents":12800,"amount":"128.00"}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Money", 3)?;
        st.serialize_field("cents", &self.0)?;
        st.serialize_field("amount", &self.to_string())?;
        st.serialize_field("currency", "EUR")?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_euro_amounts() {
        assert_eq!(Money::parse("a", "128.00").unwrap().cents(), 12800);
        assert_eq!(Money::parse("a", "128").unwrap().cents(), 12800);
        assert_eq!(Money::parse("a", "0.5").unwrap().cents(), 50);
        assert_eq!(Money::parse("a", "0.05").unwrap().cents(), 5);
        let comma = Money::parse("amount", "12,50").unwrap_err().to_string();
        assert!(comma.contains("use a dot: 12.50"), "{comma}");
        for bad in ["", "-1", "1.", ".5", "1.234", "1,00", "1e3", "12 00", "NaN", "1.0\n", "9999999999999"] {
            assert!(Money::parse("a", bad).is_err(), "{bad:?}");
        }
        assert!(Money::parse_positive("a", "0.00").is_err());
    }

    #[test]
    fn formats_with_two_decimals() {
        assert_eq!(Money::from_cents(12850).to_string(), "128.50");
        assert_eq!(Money::from_cents(-5).to_string(), "-0.05");
        assert_eq!(serde_json::to_value(Money::from_cents(100)).unwrap(), serde_json::json!({"cents":100,"amount":"1.00","currency":"EUR"}));
    }
}
