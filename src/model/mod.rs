//! Typed values that validate on construction: once a value of these types exists, it is valid.
//! Every identifier that reaches SQL text, a file path or (later) a remote command passes through here.
mod backup;
mod bank;
mod billing;
mod capital;
mod catalog;
mod country;
mod cron;
mod database;
mod debit;
pub mod dns;
mod domain;
mod mail;
mod member;
mod money;
mod names;
mod package;
mod password;
mod server;
mod sql;
mod vat;

pub use backup::{RunOutcome, SnapshotId};
pub use bank::{Bic, CreditorId, Holder, Iban, MandateReference, MandateStatus, SequenceType, is_sepa_char};
pub use billing::{BillingMonth, EU, InvoiceKind, InvoiceNumber, LineKind, NumberFormat, Unit, VatCase, VatCategory, line_net, mul_div_round, vat_of};
pub use capital::{AssetTxType, Reference, SHARE_NOMINAL_CENTS, ShareTxType};
pub use catalog::{Period, ProductKind, vat_rate};
pub use country::{COUNTRIES, VatCountry, is_country};
pub use cron::{CronCommand, CronSchedule};
pub use database::{DbName, DbSecret, Encoding, Engine, SCRAM_ITERATIONS};
pub use debit::{DebitFormat, ReturnReason, easter, is_target2_day, target2_after};
pub use domain::{DomainName, is_host_name, subdomain};
pub use mail::{ListPolicy, LocalPart, MAX_TARGET, MailAddress, MailTarget};
pub use member::{Email, MemberKind, MemberNumber, MemberStatus, Phone, Prefix, TextField};
pub use money::Money;
pub use names::{Gecos, PACKAGE_HOMES, PackageName, ProductCode, SHELLS, ServerName, Shell, UserName};
pub use package::PackageStatus;
pub use password::{Password, PasswordHash};
pub use server::{Address, Fingerprint, Role, Roles, ipv4, ipv6};
pub use vat::VatId;

use crate::{Error, Result};
use chrono::NaiveDate;

/// The offending value, quoted and cut short: UTF-8 shown as itself (`"Jürgen"`), but control characters,
/// bidi overrides, quotes and backslashes escaped, so that a message never carries hostile text verbatim.
pub fn shown(value: &str) -> String {
    quoted(value, |cut| printable(&cut.replace('\\', "\\\\").replace('"', "\\\"")))
}

/// A value in a message with everything beyond ASCII escaped (`\u{430}`): for the look-alike names,
/// where the point is to see which letter is not what it seems.
pub fn escaped(value: &str) -> String {
    quoted(value, |cut| cut.escape_default().collect())
}

/// The first 40 characters of `value`, rendered by `show`, in quotes (with `…` if cut).
fn quoted(value: &str, show: impl Fn(&str) -> String) -> String {
    const MAX: usize = 40;
    let cut: String = value.chars().take(MAX).collect();
    let shown = show(&cut);
    if value.chars().count() > MAX { format!("\"{shown}…\"") } else { format!("\"{shown}\"") }
}

/// `1 server`, `2 servers`: a count with its noun in the right number (nouns that take an `s`).
pub fn count(n: impl std::fmt::Display, noun: &str) -> String {
    let n = n.to_string();
    if n == "1" { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// Hex SHA-256: the form file contents are compared by (facts, plans) and shortened names are made with.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Text that came from a server or a file, made safe for a terminal: control characters (escape
/// sequences, BEL, newlines, C1 controls) and bidi overrides are shown escaped (`\u{1b}`), the rest as is.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Fails with `field: "value" rule` unless `ok`.
pub fn ensure(ok: bool, field: &str, value: &str, rule: &str) -> Result<()> {
    if ok { Ok(()) } else { Err(Error::invalid(field, format!("{} {rule}", shown(value)))) }
}

/// A calendar date as `YYYY-MM-DD` (ISO 8601), nothing else.
pub fn date(field: &str, value: &str) -> Result<NaiveDate> {
    let shape = value.len() == 10 && value.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let parsed = shape.then(|| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()).flatten();
    match parsed {
        Some(d) if (1900..=2999).contains(&chrono::Datelike::year(&d)) => Ok(d),
        _ => Err(Error::invalid(field, format!("{} must be a real calendar date written YYYY-MM-DD", shown(value)))),
    }
}

/// Today in local time; `HSADMIN_TODAY` (YYYY-MM-DD) overrides it so tests and replays are reproducible.
pub fn today() -> NaiveDate {
    std::env::var("HSADMIN_TODAY").ok().and_then(|v| date("HSADMIN_TODAY", &v).ok()).unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// A whole number within a range, for counts and sizes typed on the command line.
pub fn bounded(field: &str, value: i64, min: i64, max: i64) -> Result<i64> {
    if (min..=max).contains(&value) { Ok(value) } else { Err(Error::invalid(field, format!("{value} must be between {min} and {max}"))) }
}

/// Characters allowed in free text (names, addresses, comments): printable, one line.
pub(crate) fn is_plain_text(s: &str) -> bool {
    !s.chars().any(|c| {
        c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(date("d", "2026-01-01").is_ok());
        for bad in ["2026-02-30", "2026-1-01", "01.01.2026", "2026-01-01 ", "", "2026-01-01\n", "+2026-01-0"] {
            assert!(date("d", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn shown_escapes_and_cuts() {
        assert_eq!(shown("a\nb"), "\"a\\nb\"");
        assert!(shown(&"x".repeat(100)).ends_with("…\""));
        // UTF-8 as itself; controls, bidi overrides, quotes and backslashes escaped; look-alikes on request.
        assert_eq!(shown("Jürgen"), "\"Jürgen\"");
        assert_eq!(shown("a\u{202E}\"\\"), "\"a\\u{202e}\\\"\\\\\"");
        assert_eq!(escaped("ex\u{430}mple"), "\"ex\\u{430}mple\"");
    }

    #[test]
    fn counts_have_their_noun_in_the_right_number() {
        assert_eq!(count(1, "share"), "1 share");
        assert_eq!(count(0usize, "cron job"), "0 cron jobs");
        assert_eq!(count(2i64, "server"), "2 servers");
        assert_eq!(count(-1, "share"), "-1 shares");
    }

    #[test]
    fn plain_text_refuses_controls_and_bidi() {
        assert!(is_plain_text("Erika Mustermann, Straße 1"));
        assert!(!is_plain_text("a\nb"));
        assert!(!is_plain_text("a\u{202E}b"));
    }
}
