//! Members: join, change, leave.
use super::{found, snapshot};
use crate::ledger::member::{self as rows, Member};
use crate::ledger::package::Package;
use crate::ledger::{Tx, capital, package};
use crate::model::{Email, MemberKind, MemberNumber, MemberStatus, Money, Phone, Prefix, SHARE_NOMINAL_CENTS, TextField, VatCountry, VatId};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;

/// Contact and tax details; on add every `None` stays empty, on update every `None` stays as it was.
#[derive(Debug, Default)]
pub struct Details {
    pub name: Option<TextField>,
    pub kind: Option<MemberKind>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub street: Option<TextField>,
    pub zipcode: Option<TextField>,
    pub city: Option<TextField>,
    pub country: Option<VatCountry>,
    pub vat_id: Option<VatId>,
    pub vat_country: Option<VatCountry>,
    pub vat_reverse_charge: Option<bool>,
    pub fee_billable: Option<bool>,
    pub billable: Option<bool>,
    pub status: Option<MemberStatus>,
}

pub fn add(tx: &Tx, number: MemberNumber, prefix: Prefix, since: NaiveDate, d: Details) -> Result<Member> {
    // Missing input is a usage error (2) before anything is compared with the ledger (4).
    let Some(name) = d.name.clone() else {
        return Err(Error::invalid("name", "a new member needs --name"));
    };
    let Some(email) = d.email.clone() else {
        return Err(Error::invalid("email", "a new member needs --email"));
    };
    if rows::get(tx, number.get())?.is_some() {
        return Err(Error::Conflict(format!("member {number} already exists")));
    }
    if let Some(other) = rows::by_prefix(tx, prefix.as_str())? {
        return Err(Error::Conflict(format!("prefix {prefix} already belongs to member {}", other.number)));
    }
    let mut m = Member {
        number,
        prefix,
        name: name.as_str().to_owned(),
        kind: MemberKind::Person,
        email,
        phone: None,
        street: None,
        zipcode: None,
        city: None,
        country: None,
        vat_id: None,
        vat_country: None,
        vat_reverse_charge: false,
        since: since.to_string(),
        until: None,
        status: MemberStatus::Active,
        fee_billable: true,
        billable: true,
    };
    apply(&mut m, d)?;
    rows::insert(tx, &m)?;
    tx.audit("member", &m.number.to_string(), "add", None, snapshot(&m))?;
    Ok(m)
}

pub fn update(tx: &Tx, number: MemberNumber, d: Details) -> Result<Member> {
    let before = get(tx, number)?;
    if let (Some(MemberStatus::Active), Some(until)) = (d.status, &before.until) {
        return Err(Error::Conflict(format!("member {number} left on {until} and cannot become ACTIVE again")));
    }
    if let (Some(status), None) = (d.status, &before.until)
        && status != MemberStatus::Active
    {
        return Err(Error::invalid("status", format!("{status} ends the membership: use `hsadmin member leave {number} --date DATE --status {status}`")));
    }
    let mut m = before.clone();
    apply(&mut m, d)?;
    if m != before {
        rows::update(tx, &m)?;
        tx.audit("member", &m.number.to_string(), "update", snapshot(&before), snapshot(&m))?;
    }
    Ok(m)
}

fn apply(m: &mut Member, d: Details) -> Result<()> {
    let text = |t: Option<TextField>| t.map(|t| t.as_str().to_owned());
    if let Some(v) = text(d.name) {
        m.name = v;
    }
    if let Some(v) = d.kind {
        m.kind = v;
    }
    if let Some(v) = d.email {
        m.email = v;
    }
    m.phone = d.phone.or(m.phone.take());
    m.street = text(d.street).or(m.street.take());
    m.zipcode = text(d.zipcode).or(m.zipcode.take());
    m.city = text(d.city).or(m.city.take());
    m.country = d.country.or(m.country.take());
    m.vat_id = d.vat_id.or(m.vat_id.take());
    m.vat_country = d.vat_country.or(m.vat_country.take());
    if let Some(v) = d.vat_reverse_charge {
        m.vat_reverse_charge = v;
    }
    if let Some(v) = d.fee_billable {
        m.fee_billable = v;
    }
    if let Some(v) = d.billable {
        m.billable = v;
    }
    if let Some(v) = d.status {
        m.status = v;
    }
    if m.vat_reverse_charge && (m.vat_id.is_none() || m.vat_country.is_none()) {
        return Err(Error::invalid("vat-reverse-charge", "reverse charge needs a VAT id and a VAT country"));
    }
    // The VAT country is an ISO code: GR for Greek VAT ids (EL…), GB for Northern Irish ones (XI…).
    if let (Some(id), Some(country)) = (&m.vat_id, &m.vat_country)
        && id.country() != country.as_str()
    {
        return Err(Error::invalid("vat-id", format!("{id} is a VAT id of {}, not of the VAT country {country}", id.country())));
    }
    Ok(())
}

pub fn get(tx: &Tx, number: MemberNumber) -> Result<Member> {
    found(rows::get(tx, number.get())?, || format!("member {number}"))
}

pub use rows::{Filter, SORT};

/// `member list`: the members the filter keeps, in the order asked for.
pub fn list(tx: &Tx, filter: &Filter, sort: crate::ledger::Sort) -> Result<Vec<Member>> {
    rows::list(tx, filter, sort)
}

/// A member with its capital and packages, for `member show`.
#[derive(Debug, Serialize)]
pub struct MemberDetails {
    #[serde(flatten)]
    pub member: Member,
    pub shares: i64,
    pub share_value: Money,
    pub assets: Money,
    pub packages: Vec<String>,
}

pub fn show(tx: &Tx, number: MemberNumber) -> Result<MemberDetails> {
    let member = get(tx, number)?;
    let shares = capital::share_balance(tx, number.get())?;
    let assets = Money::from_cents(capital::asset_balance(tx, number.get())?);
    let packages = package::names_of_member(tx, number.get())?;
    Ok(MemberDetails { member, shares, share_value: Money::from_cents(shares * SHARE_NOMINAL_CENTS), assets, packages })
}

/// A member who leaves, with the packages that end by then (all but the purged ones).
#[derive(Debug, Serialize)]
pub struct Left {
    #[serde(flatten)]
    pub member: Member,
    pub packages: Vec<Package>,
}

/// Ends a membership on `until`. Every package must end by then: a member who left has no hosting.
pub fn leave(tx: &Tx, number: MemberNumber, until: NaiveDate, status: MemberStatus) -> Result<Left> {
    let before = get(tx, number)?;
    if status == MemberStatus::Active {
        return Err(Error::invalid("status", "a member who leaves cannot stay ACTIVE"));
    }
    if before.until.is_some() {
        return Err(Error::Conflict(format!("member {number} has already left on {}", before.until.as_deref().unwrap_or_default())));
    }
    if until.to_string() < before.since {
        return Err(Error::invalid("date", format!("{until} is before the member joined ({})", before.since)));
    }
    let open = package::running_after(tx, number.get(), &until.to_string())?;
    if !open.is_empty() {
        return Err(Error::Conflict(format!("member {number} still has packages running after {until}: {} (cancel them first)", open.join(", "))));
    }
    let mut m = before.clone();
    m.until = Some(until.to_string());
    m.status = status;
    rows::update(tx, &m)?;
    tx.audit("member", &number.to_string(), "leave", snapshot(&before), snapshot(&m))?;
    let packages = package::list(tx, Some(number.get()), None)?.into_iter().filter(|p| p.purged_at.is_none()).collect();
    Ok(Left { member: m, packages })
}
