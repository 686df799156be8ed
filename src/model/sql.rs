//! How model values are stored in and read from the ledger (rusqlite `ToSql`/`FromSql`).
//!
//! A value is stored as its text (a member number as its integer). Reading validates it again with the
//! type's own `parse`: a ledger row that does not validate is a ledger error (`FromSqlError::Other`
//! carrying the model's error), never an invalid value.
use super::*;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// The model's error as a conversion error of the column.
fn invalid(e: crate::Error) -> FromSqlError {
    FromSqlError::Other(Box::new(e))
}

/// Text columns: stored as `as_str()`, read back through the type's `$read(field, …)`: `parse`, or `stored`
/// for values whose rules grew stricter after the ledger took them (e-mail, VAT id, country code), so that
/// what an earlier version stored stays readable while what is entered now meets today's rules.
macro_rules! text_sql {
    ($read:ident: $($ty:ty => $field:literal),+ $(,)?) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                <$ty>::$read($field, value.as_str()?).map_err(invalid)
            }
        }
    )+};
}

text_sql!(
    stored:
    Email => "e-mail address in the ledger",
    VatId => "VAT id in the ledger",
    VatCountry => "country code in the ledger",
    DbName => "database name in the ledger",
    Encoding => "database encoding in the ledger",
    DbSecret => "database user secret in the ledger",
);

text_sql!(
    parse:
    PackageName => "package name in the ledger",
    UserName => "user name in the ledger",
    ServerName => "server name in the ledger",
    ProductCode => "product code in the ledger",
    Shell => "shell in the ledger",
    Gecos => "user comment in the ledger",
    DomainName => "domain name in the ledger",
    Prefix => "prefix in the ledger",
    Phone => "phone number in the ledger",
    Address => "server address in the ledger",
    Fingerprint => "fingerprint in the ledger",
    CronSchedule => "cron schedule in the ledger",
    CronCommand => "cron command in the ledger",
    Reference => "reference in the ledger",
    Role => "role in the ledger",
    MemberStatus => "member status in the ledger",
    MemberKind => "member kind in the ledger",
    ProductKind => "product kind in the ledger",
    Period => "period in the ledger",
    ShareTxType => "share transaction type in the ledger",
    AssetTxType => "asset transaction type in the ledger",
    InvoiceNumber => "invoice number in the ledger",
    InvoiceKind => "invoice kind in the ledger",
    VatCase => "VAT case in the ledger",
    VatCategory => "VAT category in the ledger",
    LineKind => "invoice line kind in the ledger",
    Unit => "unit in the ledger",
    Iban => "IBAN in the ledger",
    Bic => "BIC in the ledger",
    Holder => "account holder in the ledger",
    MandateReference => "mandate reference in the ledger",
    CreditorId => "creditor id in the ledger",
    SequenceType => "sequence type in the ledger",
    DebitFormat => "debit file format in the ledger",
    ReturnReason => "return reason in the ledger",
    Engine => "database engine in the ledger",
    RunOutcome => "backup run outcome in the ledger",
    SnapshotId => "snapshot id in the ledger",
    LocalPart => "local part in the ledger",
    MailAddress => "mail address in the ledger",
    ListPolicy => "list policy in the ledger",
);

/// A billing month is stored as its text, `YYYY-MM`.
impl ToSql for BillingMonth {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for BillingMonth {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        BillingMonth::parse("billing month in the ledger", value.as_str()?).map_err(invalid)
    }
}

/// Roles are stored as their comma-separated list (`web,dns-primary`).
impl ToSql for Roles {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Roles {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Roles::parse("roles in the ledger", value.as_str()?).map_err(invalid)
    }
}

/// A member number is stored as its integer.
impl ToSql for MemberNumber {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(i64::from(self.get())))
    }
}

impl FromSql for MemberNumber {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        MemberNumber::parse("member number in the ledger", &value.as_i64()?.to_string()).map_err(invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stores a value the way rusqlite would and reads it back as `T`.
    fn read<T: FromSql>(value: &dyn ToSql) -> FromSqlResult<T> {
        match value.to_sql().unwrap() {
            ToSqlOutput::Borrowed(v) => T::column_result(v),
            ToSqlOutput::Owned(v) => T::column_result(ValueRef::from(&v)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn values_round_trip() {
        let user = UserName::parse("u", "xyz00-web").unwrap();
        assert_eq!(read::<UserName>(&user).unwrap(), user);
        let roles = Roles::parse("r", "dns-primary,web").unwrap();
        assert_eq!(read::<Roles>(&roles).unwrap(), roles);
        let n = MemberNumber::parse("n", "10001").unwrap();
        assert_eq!(read::<MemberNumber>(&n).unwrap(), n);
        assert_eq!(read::<MemberStatus>(&MemberStatus::Active).unwrap(), MemberStatus::Active);
        let schedule = CronSchedule::parse("s", "*/5 * * * *").unwrap();
        assert_eq!(read::<CronSchedule>(&schedule).unwrap(), schedule);
    }

    #[test]
    fn an_invalid_stored_value_is_an_error() {
        let e = read::<UserName>(&"root; rm -rf /").unwrap_err();
        assert!(matches!(e, FromSqlError::Other(_)), "{e:?}");
        assert!(e.to_string().contains("user name in the ledger"), "{e}");
        assert!(read::<MemberNumber>(&9999).is_err());
        assert!(read::<Roles>(&"web,smtp").is_err());
        assert!(matches!(read::<PackageName>(&7), Err(FromSqlError::InvalidType)), "an integer is not a name");
    }
}
