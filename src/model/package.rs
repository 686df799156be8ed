//! Values that describe a webspace package.
use super::member::keyword_enum;

keyword_enum!(
    /// Where a package stands on a day: running with no end (`active`), cancelled for a later day
    /// (`ending`), or past its last day (`cancelled`).
    PackageStatus { Active = "active", Ending = "ending", Cancelled = "cancelled" }
);

impl PackageStatus {
    /// The status on `today` (`YYYY-MM-DD`) of a package whose last day is `valid_to`. A package ending
    /// today still runs today.
    pub fn on(valid_to: Option<&str>, today: &str) -> Self {
        match valid_to {
            None => Self::Active,
            Some(to) if to < today => Self::Cancelled,
            Some(_) => Self::Ending,
        }
    }
}
