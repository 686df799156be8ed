//! The registrar layer: a small, synchronous `Registrar` trait between the domain robot (`ops/registry.rs`)
//! and a registry. Backends: `epp` (RFC 5730–5734 over TLS, `epp.rs`) and `none`, which refuses every
//! registration command. Every answer carries the registry's result code and message ([`Answer`]); a code
//! of 2000 or more is an [`Error::Registry`] that names it. The registry's text is escaped for the terminal
//! (`model::printable`) before it goes anywhere.
pub mod epp;
pub mod xml;

use crate::config::RegistrarConfig;
use crate::{Error, Result};
use serde::Serialize;

/// The registry's result code and message of one command.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Answer {
    pub code: u16,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub available: bool,
    /// Why not, as the registry says.
    pub reason: Option<String>,
    pub answer: Answer,
}

/// The registry's view of a domain (`domain:info`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Info {
    pub name: String,
    pub roid: Option<String>,
    pub status: Vec<String>,
    pub registrant: Option<String>,
    pub admin: Option<String>,
    pub tech: Option<String>,
    pub nameservers: Vec<String>,
    /// The registrar that holds the domain (`clID`).
    pub client: Option<String>,
    pub created: Option<String>,
    /// Expiry date, `YYYY-MM-DD`.
    pub expires: Option<String>,
    #[serde(skip)]
    pub answer: Option<Answer>,
}

/// A domain or transfer answer with a new expiry date, when the registry gives one.
#[derive(Debug, Clone, Serialize)]
pub struct Dated {
    pub expires: Option<String>,
    pub answer: Answer,
}

#[derive(Debug, Clone, Serialize)]
pub struct Transfer {
    /// `pending`, `clientApproved`, `serverApproved`, `clientRejected`, …
    pub status: String,
    pub expires: Option<String>,
    pub answer: Answer,
}

/// A message of the poll queue.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    pub id: String,
    pub date: Option<String>,
    pub text: String,
    /// The domain a transfer message is about, and the transfer's status.
    pub domain: Option<String>,
    pub transfer_status: Option<String>,
    pub expires: Option<String>,
    pub answer: Answer,
}

/// A contact to create (the registrant, from the member's data).
#[derive(Debug, Clone)]
pub struct Contact {
    pub handle: String,
    pub name: String,
    pub org: Option<String>,
    pub street: Option<String>,
    pub city: String,
    pub zip: Option<String>,
    pub country: String,
    pub email: String,
    pub voice: Option<String>,
    pub auth_code: String,
}

/// A domain to create.
#[derive(Debug, Clone)]
pub struct NewDomain<'a> {
    pub name: &'a str,
    pub period_years: u8,
    pub registrant: &'a str,
    pub admin: Option<&'a str>,
    pub tech: Option<&'a str>,
    pub nameservers: &'a [String],
    pub auth_code: &'a str,
}

/// What `domain:update` changes.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub add_nameservers: Vec<String>,
    pub remove_nameservers: Vec<String>,
    pub add_status: Vec<String>,
    pub remove_status: Vec<String>,
    pub registrant: Option<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.add_nameservers.is_empty()
            && self.remove_nameservers.is_empty()
            && self.add_status.is_empty()
            && self.remove_status.is_empty()
            && self.registrant.is_none()
    }
}

/// A registry, one session. Every method sends one command and waits for its answer.
pub trait Registrar {
    fn check(&mut self, domain: &str) -> Result<Check>;
    /// Creates a contact; a contact that exists already (2302) is an error the caller may accept.
    fn create_contact(&mut self, c: &Contact) -> Result<Answer>;
    fn create(&mut self, d: &NewDomain) -> Result<Dated>;
    fn info(&mut self, domain: &str) -> Result<Info>;
    fn transfer_request(&mut self, domain: &str, auth_code: &str) -> Result<Transfer>;
    fn transfer_query(&mut self, domain: &str) -> Result<Transfer>;
    fn update(&mut self, domain: &str, c: &Changes) -> Result<Answer>;
    /// Renews from the current expiry date (`YYYY-MM-DD`, as `info` says).
    fn renew(&mut self, domain: &str, current_expiry: &str, period_years: u8) -> Result<Dated>;
    fn delete(&mut self, domain: &str) -> Result<Answer>;
    /// The oldest message of the queue, or none.
    fn poll_req(&mut self) -> Result<Option<Message>>;
    fn poll_ack(&mut self, id: &str) -> Result<Answer>;
}

/// The status words that lock a domain against transfer and deletion (`--lock`).
pub const LOCKS: &[&str] = &["clientTransferProhibited", "clientDeleteProhibited"];

/// A session with the configured registry, logged in; `none` refuses.
pub fn connect(c: &RegistrarConfig, nameservers: Vec<String>) -> Result<Session> {
    match c.backend.as_str() {
        "epp" => Ok(Session { registrar: Box::new(epp::Epp::connect(c)?), config: c.clone(), nameservers }),
        _ => Err(Error::Usage(
            "no registrar is configured ([registrar] backend = \"none\"): registration commands need backend = \"epp\" in hsadmin.toml".into(),
        )),
    }
}

/// A logged-in registry session and the settings the domain robot needs beside it.
pub struct Session {
    pub registrar: Box<dyn Registrar>,
    pub config: RegistrarConfig,
    pub nameservers: Vec<String>,
}

/// A random code of `len` letters and digits (plus a few signs registries want in auth codes), from /dev/urandom.
pub fn random_code(len: usize) -> Result<String> {
    use std::io::Read;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut bytes = vec![0u8; len * 2];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    // Rejection sampling: only bytes below a multiple of the alphabet's size, so every sign is as likely.
    let limit = 256 - 256 % ALPHABET.len();
    let mut code: String = bytes.iter().filter(|b| usize::from(**b) < limit).map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).take(len).collect();
    while code.len() < len {
        code.push_str(&random_code(len - code.len())?);
    }
    // EPP servers often demand a digit and a special sign in an auth code.
    Ok(format!("{code}-9"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn random_codes_differ_and_have_their_length() {
        let a = super::random_code(16).unwrap();
        let b = super::random_code(16).unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 18);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'));
    }
}
