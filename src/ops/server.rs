//! Managed servers in the ledger. Reaching them over SSH is `remote/`'s job.
use super::{found, snapshot};
use crate::ledger::server::{self as rows, Server};
use crate::ledger::{Tx, package};
use crate::model::{Address, Fingerprint, Roles, ServerName};
use crate::remote::{self, Connection, HostKey, KeyStatus, SshOptions, Target};
use crate::{Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Debug)]
pub struct NewServer {
    pub name: ServerName,
    pub address: Address,
    pub port: u16,
    pub roles: Roles,
    pub ipv4: Option<Ipv4Addr>,
    pub ipv6: Option<Ipv6Addr>,
}

pub fn add(tx: &Tx, new: NewServer) -> Result<Server> {
    if rows::get(tx, new.name.as_str())?.is_some() {
        return Err(Error::Conflict(format!("server {} already exists", new.name)));
    }
    if new.port == 0 {
        return Err(Error::invalid("port", "0 is not a port; use 1 to 65535"));
    }
    if let Some(other) = rows::by_address(tx, new.address.as_str(), new.port)? {
        return Err(Error::Conflict(format!("server {} already uses {}:{}", other.name, new.address, new.port)));
    }
    let s = Server {
        name: new.name,
        address: new.address,
        port: new.port,
        roles: new.roles,
        ipv4: new.ipv4.map(|a| a.to_string()),
        ipv6: new.ipv6.map(|a| a.to_string()),
        host_key: None,
    };
    rows::insert(tx, &s)?;
    tx.audit("server", s.name.as_str(), "add", None, snapshot(&s))?;
    Ok(s)
}

pub fn get(tx: &Tx, name: &ServerName) -> Result<Server> {
    found(rows::get(tx, name.as_str())?, || format!("server {name}"))
}

pub fn list(tx: &Tx) -> Result<Vec<Server>> {
    rows::list(tx)
}

pub use rows::SORT;

/// `server list`: the servers with `role` (all with `None`), in the order asked for.
pub fn find(tx: &Tx, role: Option<crate::model::Role>, sort: crate::ledger::Sort) -> Result<Vec<Server>> {
    rows::find(tx, role, sort)
}

#[derive(Debug, Serialize)]
pub struct ServerDetails {
    #[serde(flatten)]
    pub server: Server,
    pub packages: Vec<String>,
    /// The last apply: when, how it went, and whether the server still has to catch up.
    pub state: Option<crate::ledger::server_state::ServerState>,
}

pub fn show(tx: &Tx, name: &ServerName) -> Result<ServerDetails> {
    let server = get(tx, name)?;
    let packages = package::names_on_server(tx, name.as_str())?;
    let state = crate::ledger::server_state::get(tx, name.as_str())?;
    Ok(ServerDetails { server, packages, state })
}

/// Removes a server from the ledger; refused while any package (even a cancelled one) still names it.
pub fn remove(tx: &Tx, name: &ServerName) -> Result<Server> {
    let s = get(tx, name)?;
    let packages = package::names_on_server(tx, name.as_str())?;
    if !packages.is_empty() {
        return Err(Error::Conflict(format!("server {name} still hosts packages: {}", packages.join(", "))));
    }
    rows::delete(tx, name.as_str())?;
    tx.audit("server", name.as_str(), "remove", snapshot(&s), None)?;
    Ok(s)
}

/// New values for a server; `None` keeps the old one.
#[derive(Debug, Default)]
pub struct ServerChanges {
    pub address: Option<Address>,
    pub port: Option<u16>,
    pub roles: Option<Roles>,
    pub ipv4: Option<Ipv4Addr>,
    pub ipv6: Option<Ipv6Addr>,
}

/// Changes how a server is reached or what it does. The pinned host key stays: a server that moved must
/// still present the key it was trusted with.
pub fn update(tx: &Tx, name: &ServerName, c: ServerChanges) -> Result<Server> {
    let before = get(tx, name)?;
    let mut s = before.clone();
    if let Some(a) = c.address {
        s.address = a;
    }
    if let Some(p) = c.port {
        if p == 0 {
            return Err(Error::invalid("port", "0 is not a port; use 1 to 65535"));
        }
        s.port = p;
    }
    if let Some(r) = c.roles {
        s.roles = r;
    }
    if let Some(ip) = c.ipv4 {
        s.ipv4 = Some(ip.to_string());
    }
    if let Some(ip) = c.ipv6 {
        s.ipv6 = Some(ip.to_string());
    }
    if (s.address != before.address || s.port != before.port) && rows::by_address(tx, s.address.as_str(), s.port)?.is_some_and(|o| o.name != s.name) {
        return Err(Error::Conflict(format!("another server already uses {}:{}", s.address, s.port)));
    }
    if s != before {
        rows::update(tx, &s)?;
        tx.audit("server", s.name.as_str(), "update", snapshot(&before), snapshot(&s))?;
    }
    Ok(s)
}

/// Where to reach a server and which key it must show.
pub fn target(s: &Server) -> Target {
    Target { name: s.name.to_string(), address: s.address.to_string(), port: s.port, pinned_key: s.host_key.clone() }
}

/// Asks a server for its host key, trusting nothing yet.
pub fn scan_host_key(s: &Server, opts: &SshOptions) -> Result<HostKey> {
    Ok(remote::fetch_host_key(&target(s), opts.connect_timeout)?)
}

/// Whether `key` is the one pinned to the server already (and, with `expected`, has that fingerprint):
/// then there is nothing to trust or confirm.
pub fn is_pinned(s: &Server, key: &HostKey, expected: Option<&Fingerprint>) -> bool {
    s.host_key.as_deref() == Some(key.to_openssh().as_str()) && expected.is_none_or(|f| f.as_str() == key.fingerprint())
}

/// Pins a host key to a server. With `expected`, only when the key's fingerprint is exactly that.
pub fn pin_host_key(tx: &Tx, name: &ServerName, key: &HostKey, expected: Option<&Fingerprint>) -> Result<Server> {
    let before = get(tx, name)?;
    if let Some(expected) = expected
        && expected.as_str() != key.fingerprint()
    {
        return Err(Error::Failed(format!(
            "server {name} presented host key {}, not the expected {expected}; nothing was pinned (check the fingerprint on the server's console: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)",
            key.fingerprint()
        )));
    }
    let mut s = before.clone();
    s.host_key = Some(key.to_openssh());
    if s != before {
        rows::update(tx, &s)?;
        tx.audit("server", name.as_str(), "trust", snapshot(&before), snapshot(&s))?;
    }
    Ok(s)
}

/// The commands hsadmin runs on a managed server.
pub use crate::remote::check::REQUIRED_TOOLS;

/// What `server check` found out about one server.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub name: String,
    pub address: String,
    pub port: u16,
    pub ok: bool,
    pub host_key: Option<KeyStatus>,
    pub fingerprint: Option<String>,
    /// Connecting, the SSH handshake, the key check and the login.
    pub connect_ms: Option<u64>,
    /// One script's round trip over the open session.
    pub latency_ms: Option<u64>,
    pub os: Option<String>,
    pub tools: BTreeMap<String, bool>,
    pub missing_tools: Vec<String>,
    /// MariaDB and PostgreSQL: installed, version, answering. Informational: a server without them,
    /// or with one stopped, still passes the check.
    pub databases: BTreeMap<String, remote::check::Engine>,
    pub error: Option<CheckError>,
}

#[derive(Debug, Serialize)]
pub struct CheckError {
    pub kind: &'static str,
    pub message: String,
}

/// Checks servers in parallel (at most `jobs` at once): reachability, host key, login, OS, tools, databases.
pub fn check(servers: &[Server], opts: &SshOptions, jobs: usize) -> Vec<CheckReport> {
    remote::fan_out(servers, jobs, |s| check_one(s, opts))
}

fn check_one(s: &Server, opts: &SshOptions) -> CheckReport {
    let mut report = CheckReport {
        name: s.name.to_string(),
        address: s.address.to_string(),
        port: s.port,
        ok: false,
        host_key: None,
        fingerprint: None,
        connect_ms: None,
        latency_ms: None,
        os: None,
        tools: BTreeMap::new(),
        missing_tools: Vec::new(),
        databases: BTreeMap::new(),
        error: None,
    };
    let fail = |mut r: CheckReport, e: remote::RemoteError| {
        if let remote::RemoteError::UnknownHostKey { fingerprint, .. } | remote::RemoteError::ChangedHostKey { fingerprint, .. } = &e {
            r.fingerprint = Some(fingerprint.clone());
            r.host_key = Some(if e.kind() == "host_key_unknown" { KeyStatus::Unknown } else { KeyStatus::Changed });
        }
        r.error = Some(CheckError { kind: e.kind(), message: e.to_string() });
        r
    };
    let mut conn = match Connection::open(&target(s), opts) {
        Ok(c) => c,
        Err(e) => return fail(report, e),
    };
    report.host_key = Some(conn.key_status);
    report.fingerprint = Some(conn.host_key.fingerprint());
    report.connect_ms = Some(conn.connect_time.as_millis() as u64);
    let checked = match remote::check::run(&mut conn) {
        Ok(c) => c,
        Err(e) => return fail(report, e),
    };
    report.latency_ms = Some(checked.latency.as_millis() as u64);
    report.os = checked.os;
    report.tools = checked.tools;
    report.databases = checked.databases;
    report.missing_tools = REQUIRED_TOOLS.iter().filter(|t| report.tools.get(**t) != Some(&true)).map(|t| (*t).to_owned()).collect();
    if checked.status != 0 {
        report.error = Some(CheckError { kind: "script", message: format!("the check script exited {}: {}", checked.status, checked.stderr.trim()) });
    } else if !report.missing_tools.is_empty() {
        report.error = Some(CheckError { kind: "tools", message: format!("missing tools: {}", report.missing_tools.join(", ")) });
    }
    report.ok = report.error.is_none();
    report
}
