//! Managed servers in the ledger. Reaching them over SSH is `remote/`'s job.
use super::{found, snapshot};
use crate::ledger::server::{self as rows, Server};
use crate::ledger::{Tx, package};
use crate::model::{Address, Roles, ServerName};
use crate::{Error, Result};
use serde::Serialize;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

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
    // One spelling per address, so that 2001:DB8::1 and 2001:db8:0::1 are seen as the same server.
    let address = new.address.as_str().parse::<IpAddr>().map_or_else(|_| new.address.as_str().to_owned(), |ip| ip.to_string());
    if let Some(other) = rows::by_address(tx, &address, new.port)? {
        return Err(Error::Conflict(format!("server {} already uses {address}:{}", other.name, new.port)));
    }
    let s = Server {
        name: new.name.to_string(),
        address,
        port: new.port,
        roles: new.roles.to_string(),
        ipv4: new.ipv4.map(|a| a.to_string()),
        ipv6: new.ipv6.map(|a| a.to_string()),
        host_key: None,
    };
    rows::insert(tx, &s)?;
    tx.audit("server", &s.name, "add", None, snapshot(&s))?;
    Ok(s)
}

pub fn get(tx: &Tx, name: &ServerName) -> Result<Server> {
    found(rows::get(tx, name.as_str())?, || format!("server {name}"))
}

pub fn list(tx: &Tx) -> Result<Vec<Server>> {
    rows::list(tx)
}

#[derive(Debug, Serialize)]
pub struct ServerDetails {
    #[serde(flatten)]
    pub server: Server,
    pub packages: Vec<String>,
}

pub fn show(tx: &Tx, name: &ServerName) -> Result<ServerDetails> {
    let server = get(tx, name)?;
    let packages = package::names_on_server(tx, name.as_str())?;
    Ok(ServerDetails { server, packages })
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
