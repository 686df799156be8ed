//! Kinds of products and how often they are billed.
use super::member::keyword_enum;

keyword_enum!(
    /// What a product is: a webspace package, name service, a domain, co-location or the membership fee.
    ProductKind { Webspace = "webspace", Dns = "dns", Domain = "domain", Colo = "colo", Membership = "membership" }
);

keyword_enum!(
    /// The billing period a price is quoted for.
    Period { Month = "month", Year = "year" }
);

/// A VAT rate in percent (`19`, `7`, `0`, `19.00`) as basis points.
pub fn vat_rate(field: &str, s: &str) -> crate::Result<i64> {
    let bp =
        super::Money::parse(field, s).map_err(|_| crate::Error::invalid(field, format!("{} must be a percentage like 19 or 7.00", super::shown(s))))?.cents();
    super::ensure(bp <= 10_000, field, s, "must be at most 100 percent")?;
    Ok(bp)
}
