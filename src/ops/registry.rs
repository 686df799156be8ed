//! The domain robot: registering, transferring, renewing, updating and deleting domains at the registry
//! through a [`Registrar`], with the ledger kept consistent at every step. The order is always: validate
//! (a dry run of the ledger change), ask the registry, record `pending`/`transfer-pending`, send the
//! command, record the outcome. A registry's refusal (a code of 2000 and up) takes the pending row back;
//! a lost connection leaves it pending, and running the same command again asks the registry where it
//! stands (info) and finishes the job.
use super::domain::{self as setup, Details, NewDomain, Start};
use super::{found, snapshot};
use crate::ledger::domain::{self as rows, Domain, RegistryMessage};
use crate::ledger::{Ledger, Tx, member as member_rows, package as package_rows};
use crate::model::DomainName;
use crate::registrar::{self, Answer, Changes, Contact, Info, Session};
use crate::{Error, Result};
use serde::Serialize;

/// A domain after a registry command, with every answer the registry gave on the way.
#[derive(Debug, Serialize)]
pub struct Outcome {
    #[serde(flatten)]
    pub details: Details,
    pub registry: Vec<Answer>,
}

/// The ledger's and the registry's view of a domain side by side (`domain info`).
#[derive(Debug, Serialize)]
pub struct Both {
    pub ledger: Details,
    pub registry: Info,
}

/// What a registry command needs besides the domain.
pub struct Order {
    pub new: NewDomain,
    pub registration_only: bool,
    pub period_years: Option<u8>,
}

fn get(tx: &Tx, name: &DomainName) -> Result<Domain> {
    setup::get(tx, name)
}

/// Writes a changed row with its audit entry.
fn save(tx: &Tx, before: &Domain, after: &Domain, action: &str) -> Result<()> {
    rows::update(tx, after)?;
    tx.audit("domain", after.name.as_str(), action, snapshot(before), snapshot(after))
}

fn remove(tx: &Tx, d: &Domain, action: &str) -> Result<()> {
    rows::delete(tx, d.name.as_str())?;
    tx.audit("domain", d.name.as_str(), action, snapshot(d), None)
}

/// The registrant contact made from the member that holds the package.
fn registrant(tx: &Tx, package: &str) -> Result<Contact> {
    let p = found(package_rows::get(tx, package)?, || format!("package {package}"))?;
    let m = found(member_rows::get(tx, p.member.get())?, || format!("member {}", p.member))?;
    let (Some(city), Some(country)) = (m.city.clone(), m.country.as_ref().map(ToString::to_string)) else {
        return Err(Error::Conflict(format!(
            "member {} has no postal address (city and country) for the registrant contact; add it with `member update {} --city … --country …`",
            m.number, m.number
        )));
    };
    Ok(Contact {
        handle: format!("HS{}", m.number),
        org: (m.kind.as_str() == "organisation").then(|| m.name.clone()),
        name: m.name,
        street: m.street,
        city,
        zip: m.zipcode,
        country,
        email: m.email.to_string(),
        voice: None,
        auth_code: registrar::random_code(16)?,
    })
}

/// How a refused registry command is undone in the ledger.
#[derive(Debug, Clone)]
enum Undo {
    /// The row was new: it goes again.
    Remove,
    /// The row was there before (set up with `domain add`): it is put back as it was.
    Restore(Box<Domain>),
}

/// A registry error undoes the pending row; anything else (a lost connection) leaves it pending.
fn settle<T>(ledger: &mut Ledger, name: &DomainName, undo: &Undo, r: Result<T>, again: &str) -> Result<T> {
    match r {
        Ok(v) => Ok(v),
        Err(e @ Error::Registry { .. }) => {
            ledger.write(false, |tx| {
                let now = get(tx, name)?;
                match undo {
                    Undo::Remove => remove(tx, &now, "registry-refused"),
                    Undo::Restore(before) => save(tx, &now, before, "registry-refused"),
                }
            })?;
            Err(e)
        }
        Err(e) => Err(Error::Failed(format!("{e}; the ledger keeps domain {name} as {}: run `{again}` again to finish", pending_word(again)))),
    }
}

fn pending_word(again: &str) -> &'static str {
    if again.contains(" transfer ") { "transfer-pending" } else { "pending" }
}

/// The ledger row a registration or transfer starts from: a new one (validated by a dry run first), or a
/// domain already set up with `domain add` and not registered, which keeps its set-up.
fn start_row(ledger: &mut Ledger, order: &Order, registration: &str, today: chrono::NaiveDate) -> Result<(Option<Domain>, Undo)> {
    let name = order.new.name.as_str();
    let start = Start { registration, hosted: !order.registration_only };
    match ledger.read(|tx| rows::get(tx, name))? {
        Some(d) if d.registration == "none" && d.package == order.new.package => Ok((Some(d.clone()), Undo::Restore(Box::new(d)))),
        Some(d) => Err(Error::Conflict(format!("domain {name} is already in the ledger ({}, package {})", d.registration, d.package))),
        None => {
            ledger.write(true, |tx| setup::add_as(tx, order.new.clone(), today, start))?;
            Ok((None, Undo::Remove))
        }
    }
}

/// Writes the row that goes to the registry: the new one, or the existing one with its new registration.
fn write_row(tx: &Tx, order: &Order, existing: &Option<Domain>, registration: &str, today: chrono::NaiveDate) -> Result<Domain> {
    match existing {
        Some(before) => {
            let mut d = before.clone();
            d.registration = registration.into();
            save(tx, before, &d, registration)?;
            Ok(d)
        }
        None => Ok(setup::add_as(tx, order.new.clone(), today, Start { registration, hosted: !order.registration_only })?.domain),
    }
}

/// `domain register`: check, create the registrant contact, create the domain; then it is set up like
/// `domain add` (unless registration only). A domain left pending by an earlier run is finished; one set up
/// with `domain add` before keeps its set-up.
pub fn register(ledger: &mut Ledger, s: &mut Session, order: Order, today: chrono::NaiveDate) -> Result<Outcome> {
    let name = order.new.name.clone();
    if let Some(d) = ledger.read(|tx| rows::get(tx, name.as_str()))?.filter(|d| d.registration == "pending") {
        return resume(ledger, s, &d, order.period_years);
    }
    let (existing, undo) = start_row(ledger, &order, "pending", today)?;
    let check = s.registrar.check(name.as_str())?;
    if !check.available {
        let why = check.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
        return Err(Error::Conflict(format!(
            "domain {name} is not available at the registry{why}; the registry answered {}: {}",
            check.answer.code, check.answer.message
        )));
    }
    let mut answers = vec![check.answer];
    let (d, contact) = ledger.write(false, |tx| {
        let contact = registrant(tx, order.new.package.as_str())?;
        let mut d = write_row(tx, &order, &existing, "pending", today)?;
        d.registrant_handle = Some(contact.handle.clone());
        d.auth_code = Some(registrar::random_code(16)?);
        rows::update(tx, &d)?;
        Ok((d, contact))
    })?;
    let again = format!("hsadmin domain register {name}");
    let contact = contact_created(s, &contact);
    answers.push(settle(ledger, &name, &undo, contact, &again)?);
    create(ledger, s, &d, &undo, order.period_years, answers)
}

/// Creates the registrant contact; one that exists already (2302: made for an earlier domain) is fine.
fn contact_created(s: &mut Session, c: &Contact) -> Result<Answer> {
    match s.registrar.create_contact(c) {
        Err(Error::Registry { code: 2302, message }) => Ok(Answer { code: 2302, message }),
        other => other,
    }
}

/// Sends `domain:create` for a pending row and records the outcome.
fn create(ledger: &mut Ledger, s: &mut Session, d: &Domain, undo: &Undo, period: Option<u8>, mut answers: Vec<Answer>) -> Result<Outcome> {
    let name = d.name.clone();
    let new = registrar::NewDomain {
        name: name.as_str(),
        period_years: period.unwrap_or(s.config.period_years),
        registrant: d.registrant_handle.as_deref().unwrap_or_default(),
        admin: s.config.admin_contact.as_deref(),
        tech: s.config.tech_contact.as_deref(),
        nameservers: &s.nameservers.clone(),
        auth_code: d.auth_code.as_deref().unwrap_or_default(),
    };
    let created = s.registrar.create(&new);
    let created = settle(ledger, &name, undo, created, &format!("hsadmin domain register {name}"))?;
    answers.push(created.answer.clone());
    let info = s.registrar.info(name.as_str()).ok();
    let details = ledger.write(false, |tx| {
        let before = get(tx, &name)?;
        let mut after = before.clone();
        after.registration = "registered".into();
        after.expires = created.expires.clone().or_else(|| info.as_ref().and_then(|i| i.expires.clone()));
        if let Some(i) = &info {
            after.registrar_handle = i.roid.clone();
            after.registry_status = Some(i.status.join(" "));
        }
        save(tx, &before, &after, "register")?;
        Ok(Details::of(after))
    })?;
    Ok(Outcome { details, registry: answers })
}

/// A pending registration from an earlier run: ask the registry where it stands and finish.
fn resume(ledger: &mut Ledger, s: &mut Session, d: &Domain, period: Option<u8>) -> Result<Outcome> {
    let name = d.name.clone();
    match s.registrar.info(name.as_str()) {
        Ok(info) if info.client.as_deref() == Some(s.config.client_id.as_str()) => {
            let answer = info.answer.clone().into_iter().collect();
            let details = ledger.write(false, |tx| {
                let before = get(tx, &name)?;
                let mut after = before.clone();
                after.registration = "registered".into();
                after.expires = info.expires.clone();
                after.registrar_handle = info.roid.clone();
                after.registry_status = Some(info.status.join(" "));
                save(tx, &before, &after, "register")?;
                Ok(Details::of(after))
            })?;
            Ok(Outcome { details, registry: answer })
        }
        Ok(info) => Err(Error::Conflict(format!(
            "domain {name} was registered by another registrar ({}) meanwhile; `domain remove {name}` after `domain delete` takes the pending entry away",
            info.client.unwrap_or_default()
        ))),
        // Never created (the connection went before or during the create): the registrant contact first, as
        // that may be missing too; the registry refusing now takes the entry away.
        Err(Error::Registry { code: 2303, message }) => {
            let mut answers = vec![Answer { code: 2303, message }];
            let contact = ledger.read(|tx| registrant(tx, d.package.as_str()))?;
            answers.push(contact_created(s, &contact)?);
            create(ledger, s, d, &Undo::Remove, period, answers)
        }
        Err(e) => Err(e),
    }
}

/// `domain transfer`: asks the registry to move the domain to us with its auth code; the ledger has it as
/// `transfer-pending` until the registry approves (at once, or later through `domain poll`). A domain left
/// transfer-pending by an earlier run is asked about (query) and, if the registry knows of no transfer, asked for again.
pub fn transfer(ledger: &mut Ledger, s: &mut Session, order: Order, auth_code: &str, today: chrono::NaiveDate) -> Result<Outcome> {
    let name = order.new.name.clone();
    let again = format!("hsadmin domain transfer {name} --auth-code-stdin");
    if ledger.read(|tx| rows::get(tx, name.as_str()))?.is_some_and(|d| d.registration == "transfer-pending") {
        match s.registrar.transfer_query(name.as_str()) {
            Ok(t) if t.status != "unknown" => return transferred(ledger, &name, t),
            Ok(_) | Err(Error::Registry { .. }) => {}
            Err(e) => return Err(e),
        }
        let t = s.registrar.transfer_request(name.as_str(), auth_code);
        let t = settle(ledger, &name, &Undo::Remove, t, &again)?;
        return transferred(ledger, &name, t);
    }
    let (existing, undo) = start_row(ledger, &order, "transfer-pending", today)?;
    ledger.write(false, |tx| {
        let mut d = write_row(tx, &order, &existing, "transfer-pending", today)?;
        d.auth_code = Some(auth_code.to_owned());
        rows::update(tx, &d)
    })?;
    let t = s.registrar.transfer_request(name.as_str(), auth_code);
    let t = settle(ledger, &name, &undo, t, &again)?;
    transferred(ledger, &name, t)
}

/// Records the registry's word on a transfer: approved means registered.
fn transferred(ledger: &mut Ledger, name: &DomainName, t: registrar::Transfer) -> Result<Outcome> {
    let details = ledger.write(false, |tx| {
        let before = get(tx, name)?;
        let mut after = before.clone();
        if matches!(t.status.as_str(), "clientApproved" | "serverApproved") {
            after.registration = "registered".into();
            after.expires = t.expires.clone();
        }
        after.registry_status = Some(format!("transfer {}", t.status));
        if after != before {
            save(tx, &before, &after, "transfer")?;
        }
        Ok(Details::of(after))
    })?;
    Ok(Outcome { details, registry: vec![t.answer] })
}

/// The row of a domain registered through us, for renew, update and delete.
fn registered(ledger: &mut Ledger, name: &DomainName) -> Result<Domain> {
    let d = ledger.read(|tx| get(tx, name))?;
    if d.registration != "registered" {
        return Err(Error::Conflict(format!("domain {name} is not registered through us (registration: {})", d.registration)));
    }
    Ok(d)
}

/// `domain renew`: extends the registration by `period` years from the expiry date the registry gives.
pub fn renew(ledger: &mut Ledger, s: &mut Session, name: &DomainName, period: Option<u8>) -> Result<Outcome> {
    registered(ledger, name)?;
    let info = s.registrar.info(name.as_str())?;
    let current = info.expires.clone().ok_or_else(|| Error::Failed(format!("the registry gives no expiry date for {name}")))?;
    let r = s.registrar.renew(name.as_str(), &current, period.unwrap_or(s.config.period_years))?;
    let details = ledger.write(false, |tx| {
        let before = get(tx, name)?;
        let mut after = before.clone();
        after.expires = r.expires.clone();
        save(tx, &before, &after, "renew")?;
        Ok(Details::of(after))
    })?;
    Ok(Outcome { details, registry: vec![r.answer] })
}

/// What `domain registry-update` changes; `None` keeps it.
#[derive(Debug, Default)]
pub struct RegistryChanges {
    /// The whole list of name servers.
    pub nameservers: Option<Vec<String>>,
    /// Lock (true) or unlock (false) against transfer and deletion.
    pub lock: Option<bool>,
    /// A new registrant contact handle.
    pub registrant: Option<String>,
}

/// `domain registry-update`: name servers and client locks at the registry, from the registry's own view.
pub fn update(ledger: &mut Ledger, s: &mut Session, name: &DomainName, c: &RegistryChanges) -> Result<Outcome> {
    registered(ledger, name)?;
    let info = s.registrar.info(name.as_str())?;
    let mut ch = Changes::default();
    if let Some(ns) = &c.nameservers {
        ch.add_nameservers = ns.iter().filter(|n| !info.nameservers.contains(n)).cloned().collect();
        ch.remove_nameservers = info.nameservers.iter().filter(|n| !ns.contains(n)).cloned().collect();
    }
    let locks = registrar::LOCKS.iter().map(|l| l.to_string());
    match c.lock {
        Some(true) => ch.add_status = locks.filter(|l| !info.status.contains(l)).collect(),
        Some(false) => ch.remove_status = locks.filter(|l| info.status.contains(l)).collect(),
        None => {}
    }
    ch.registrant = c.registrant.clone().filter(|r| info.registrant.as_ref() != Some(r));
    let mut answers = Vec::new();
    if !ch.is_empty() {
        answers.push(s.registrar.update(name.as_str(), &ch)?);
    }
    let now = s.registrar.info(name.as_str())?;
    let details = ledger.write(false, |tx| {
        let before = get(tx, name)?;
        let mut after = before.clone();
        after.registry_status = Some(now.status.join(" "));
        after.registrant_handle = now.registrant.clone().or(after.registrant_handle);
        if after != before {
            save(tx, &before, &after, "registry-update")?;
        }
        Ok(Details::of(after))
    })?;
    Ok(Outcome { details, registry: answers })
}

/// `domain delete`, checked without the registry: the domain and what goes with it.
pub fn deleting(tx: &Tx, name: &DomainName) -> Result<Details> {
    get(tx, name).map(Details::of)
}

/// `domain delete`: deletes the domain at the registry when it was registered through us, then its set-up.
pub fn delete(ledger: &mut Ledger, s: &mut Session, name: &DomainName) -> Result<Outcome> {
    let d = ledger.read(|tx| get(tx, name))?;
    let mut answers = Vec::new();
    match s.registrar.delete(name.as_str()) {
        Ok(a) => answers.push(a),
        // Never created (a pending registration) or already gone: nothing to delete there.
        Err(Error::Registry { code: 2303, message }) if d.registration != "registered" => answers.push(Answer { code: 2303, message }),
        Err(e) => return Err(e),
    }
    ledger.write(false, |tx| remove(tx, &get(tx, name)?, "delete"))?;
    Ok(Outcome { details: Details::of(d), registry: answers })
}

/// `domain info`: the ledger's row and the registry's view.
pub fn info(ledger: &mut Ledger, s: &mut Session, name: &DomainName) -> Result<Both> {
    let d = ledger.read(|tx| get(tx, name))?;
    let registry = s.registrar.info(name.as_str())?;
    Ok(Both { ledger: Details::of(d), registry })
}

/// `domain auth-code`: the auth code hsadmin generated (or was given for a transfer).
pub fn auth_code(ledger: &mut Ledger, name: &DomainName) -> Result<String> {
    let d = ledger.read(|tx| get(tx, name))?;
    d.auth_code.ok_or_else(|| Error::NotFound(format!("an auth code of domain {name}")))
}

/// One message of `domain poll`: whether it was new (acted on) or seen before (only acknowledged again).
#[derive(Debug, Serialize)]
pub struct Polled {
    #[serde(flatten)]
    pub message: RegistryMessage,
    pub new: bool,
    pub ack: Answer,
}

/// More messages than this in one run: the rest waits for the next.
const MAX_MESSAGES: usize = 1000;

/// `domain poll`: each message is recorded (and acted on) in one transaction before it is acknowledged.
pub fn poll(ledger: &mut Ledger, s: &mut Session, now: &str) -> Result<Vec<Polled>> {
    let mut out = Vec::new();
    while out.len() < MAX_MESSAGES {
        let Some(m) = s.registrar.poll_req()? else { break };
        let kind = m.transfer_status.as_ref().map_or_else(|| "message".into(), |t| format!("transfer {t}"));
        let rec =
            RegistryMessage { id: m.id.clone(), received: m.date.clone().unwrap_or_else(|| now.into()), domain: m.domain.clone(), kind, text: m.text.clone() };
        let new = ledger.write(false, |tx| {
            let new = rows::record_message(tx, &rec)?;
            if new {
                act(tx, &m)?;
            }
            Ok(new)
        })?;
        let ack = s.registrar.poll_ack(&m.id)?;
        out.push(Polled { message: rec, new, ack });
    }
    Ok(out)
}

/// A finished transfer makes a `transfer-pending` domain registered; a refused or cancelled one takes it back.
fn act(tx: &Tx, m: &registrar::Message) -> Result<()> {
    let (Some(domain), Some(status)) = (&m.domain, &m.transfer_status) else { return Ok(()) };
    let Some(before) = rows::get(tx, domain)? else { return Ok(()) };
    if before.registration != "transfer-pending" {
        return Ok(());
    }
    let mut after = before.clone();
    match status.as_str() {
        "clientApproved" | "serverApproved" => {
            after.registration = "registered".into();
            after.expires = m.expires.clone().or(after.expires);
            after.registry_status = Some("ok".into());
            save(tx, &before, &after, "transfer-approved")
        }
        "clientRejected" | "clientCancelled" | "serverCancelled" if !before.hosted => remove(tx, &before, "transfer-refused"),
        "clientRejected" | "clientCancelled" | "serverCancelled" => {
            after.registration = "none".into();
            after.registry_status = Some(format!("transfer {status}"));
            save(tx, &before, &after, "transfer-refused")
        }
        _ => Ok(()),
    }
}
