//! Values of direct-debit batches: the file format of a batch, the ISO 20022 reason code of a returned
//! debit, and the TARGET2 calendar that decides the earliest collection date.
use super::ensure;
use super::member::keyword_enum;
use crate::Result;
use chrono::{Datelike, Days, NaiveDate, Weekday};

keyword_enum!(
    /// The file a batch was sent as: SEPA pain.008 (DK GBIC_4 version .08, or the 2009 version .02), or DTAUS.
    DebitFormat { Pain08 = "pain.008.001.08", Pain02 = "pain.008.001.02", Dtaus = "dtaus" }
);

/// Why the bank returned a debit: an ISO 20022 `ExternalReturnReason1Code` such as AC04 (account closed),
/// MD06 (refund requested by the debtor), AM04 (insufficient funds) or MS02: two letters, then two letters
/// or digits.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct ReturnReason(String);

impl ReturnReason {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let b = s.as_bytes();
        let ok = b.len() == 4 && b[..2].iter().all(u8::is_ascii_uppercase) && b[2..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        ensure(ok, field, s, "must be an ISO 20022 return reason code: two capital letters, then two capital letters or digits, like AC04, MD06 or AM04")?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Easter Sunday of a year (the Gregorian computus, Meeus/Jones/Butcher).
pub fn easter(year: i32) -> NaiveDate {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (8 * b + 13) / 25;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 19 * l) / 433;
    let month = (h + l - 7 * m + 90) / 25;
    let day = (h + l - 7 * m + 33 * month + 19) % 32;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("the computus gives a real date")
}

/// Whether TARGET2 settles on `date`: not a weekend, New Year's Day, Good Friday, Easter Monday, 1 May,
/// Christmas Day or 26 December.
pub fn is_target2_day(date: NaiveDate) -> bool {
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        return false;
    }
    if matches!((date.month(), date.day()), (1, 1) | (5, 1) | (12, 25) | (12, 26)) {
        return false;
    }
    let easter = easter(date.year());
    date != easter - Days::new(2) && date != easter + Days::new(1)
}

/// The TARGET2 business day `n` business days after `date` (the next one on or after it for `n` = 0).
pub fn target2_after(date: NaiveDate, n: u32) -> NaiveDate {
    let mut d = date;
    let mut left = n;
    loop {
        if left == 0 && is_target2_day(d) {
            return d;
        }
        d = d.succ_opt().expect("dates before year 9999");
        if is_target2_day(d) {
            left = left.saturating_sub(1);
            if left == 0 {
                return d;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::model::date("d", s).unwrap()
    }

    #[test]
    fn easter_sundays() {
        for (y, e) in [(2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25"), (2285, "2285-03-22")] {
            assert_eq!(easter(y), d(e), "{y}");
        }
    }

    #[test]
    fn target2_calendar() {
        for closed in ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-25", "2026-12-26", "2026-12-05", "2026-12-06"] {
            assert!(!is_target2_day(d(closed)), "{closed}");
        }
        for open in ["2026-04-02", "2026-04-07", "2026-12-24", "2026-12-31", "2026-05-14"] {
            assert!(is_target2_day(d(open)), "{open}");
        }
        // Wednesday → Thursday; Friday → Monday; before Christmas 2026 (Thu 24th) → Mon 28th.
        assert_eq!(target2_after(d("2026-12-02"), 1), d("2026-12-03"));
        assert_eq!(target2_after(d("2026-12-04"), 1), d("2026-12-07"));
        assert_eq!(target2_after(d("2026-12-24"), 1), d("2026-12-28"));
        assert_eq!(target2_after(d("2026-04-02"), 2), d("2026-04-08"));
        assert_eq!(target2_after(d("2026-12-05"), 0), d("2026-12-07"));
        assert_eq!(target2_after(d("2026-12-07"), 0), d("2026-12-07"));
    }

    #[test]
    fn return_reasons() {
        for good in ["AC04", "MD06", "AM04", "MS02", "CNOR", "SL01"] {
            ReturnReason::parse("reason", good).unwrap();
        }
        for bad in ["", "ac04", "AC4", "AC045", "1C04", "A-04"] {
            assert!(ReturnReason::parse("reason", bad).is_err(), "{bad:?}");
        }
    }
}
