//! The two capital ledgers of a member: cooperative shares and the asset (paid-in capital) account.
use super::member::keyword_enum;
use super::{ensure, is_plain_text};
use crate::Result;

/// One share has a nominal value of 64 EUR (hostsharing-model.md §1.2).
pub const SHARE_NOMINAL_CENTS: i64 = 6400;

keyword_enum!(
    /// A movement of cooperative shares.
    ShareTxType { Subscription = "SUBSCRIPTION", Cancellation = "CANCELLATION", Reversal = "REVERSAL" }
);

keyword_enum!(
    /// A movement on the asset account; the sign of each type is fixed.
    AssetTxType {
        Deposit = "DEPOSIT", Adoption = "ADOPTION", Disbursal = "DISBURSAL", Transfer = "TRANSFER",
        Clearing = "CLEARING", Loss = "LOSS", Limitation = "LIMITATION", Reversal = "REVERSAL",
    }
);

impl AssetTxType {
    /// +1 for money coming in, -1 for money going out; reversals carry the negated original.
    pub fn sign(self) -> i64 {
        match self {
            AssetTxType::Deposit | AssetTxType::Adoption => 1,
            AssetTxType::Reversal => 0,
            _ => -1,
        }
    }
}

/// A booking reference (bank reference, document number): 6 to 48 printable characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Reference(String);

impl Reference {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let n = s.chars().count();
        ensure(
            (6..=48).contains(&n) && is_plain_text(s) && s.trim() == s,
            field,
            s,
            "must be 6 to 48 printable characters without leading or trailing spaces",
        )?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        Reference::parse("reference", "SUB-2026-0001").unwrap();
        for bad in ["short", &"x".repeat(49), "PAY-2026\n0001", " PAY-2026"] {
            assert!(Reference::parse("reference", bad).is_err(), "{bad:?}");
        }
    }
}
