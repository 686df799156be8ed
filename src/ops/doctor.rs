//! `hsadmin doctor`: what can go wrong on the admin host, checked without touching a server — the config,
//! the ledger (integrity, schema, file mode, booking references booked twice before schema version 5),
//! the SSH credentials (key and passphrase files private, or an ssh-agent), and the registrar's password file.
use crate::config::Loaded;
use crate::ledger::{Ledger, health};
use serde::Serialize;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// One check: what was looked at, whether it is fine, and what was found (or what to do).
#[derive(Debug, Serialize)]
pub struct Check {
    pub check: &'static str,
    pub ok: bool,
    pub detail: String,
}

fn check(check: &'static str, ok: bool, detail: impl Into<String>) -> Check {
    Check { check, ok, detail: detail.into() }
}

/// A file that holds a secret or the books: it must exist and be readable by its owner only.
fn private_file(name: &'static str, path: &Path) -> Check {
    match std::fs::metadata(path) {
        Err(e) => check(name, false, format!("{}: {e}", path.display())),
        Ok(m) if m.permissions().mode() & 0o077 != 0 => {
            check(name, false, format!("{} has mode {:o}: group or others can read it; chmod 600 it", path.display(), m.permissions().mode() & 0o777))
        }
        Ok(_) => check(name, true, format!("{} (private)", path.display())),
    }
}

/// Runs every check; `open` opens the ledger (and brings its schema up to date, as every command does).
pub fn run(config: &Loaded, ledger_path: &Path, open: impl FnOnce() -> crate::Result<Ledger>) -> Vec<Check> {
    let mut out = vec![check("config", true, config.source.as_ref().map_or("no config file: built-in defaults".into(), |p| p.display().to_string()))];
    out.push(private_file("ledger file", ledger_path));
    match open() {
        Err(e) => out.push(check("ledger", false, e.to_string())),
        Ok(ledger) => out.extend(ledger_checks(&ledger)),
    }
    let ssh = &config.config.ssh;
    match &ssh.identity_file {
        Some(key) => out.push(private_file("ssh key", key)),
        None => match std::env::var_os("SSH_AUTH_SOCK") {
            Some(sock) if Path::new(&sock).exists() => out.push(check("ssh key", true, format!("ssh-agent at {}", Path::new(&sock).display()))),
            _ => out.push(check("ssh key", false, "no ssh.identity_file and no ssh-agent (SSH_AUTH_SOCK): no server can be reached")),
        },
    }
    if let Some(p) = &ssh.identity_passphrase_file {
        out.push(private_file("ssh key passphrase", p));
    }
    if let Some(k) = &ssh.known_hosts {
        out.push(check("known_hosts", k.exists(), k.display().to_string()));
    }
    if let Some(p) = config.config.registrar.password_file.as_ref().filter(|_| config.config.registrar.backend != "none") {
        out.push(private_file("registrar password", p));
    }
    out
}

fn ledger_checks(ledger: &Ledger) -> Vec<Check> {
    let mut out = Vec::new();
    match ledger.schema_version() {
        Ok(v) => out.push(check("schema", true, format!("version {v}"))),
        Err(e) => out.push(check("schema", false, e.to_string())),
    }
    match health::integrity(ledger) {
        Ok(found) if found == ["ok"] => out.push(check("integrity", true, "SQLite finds no damage (integrity check)")),
        Ok(found) => out.push(check("integrity", false, found.join("; "))),
        Err(e) => out.push(check("integrity", false, e.to_string())),
    }
    match health::duplicate_references(ledger) {
        Ok(d) if d.is_empty() => out.push(check("references", true, "every booking reference is booked once per member")),
        Ok(d) => out.push(check("references", false, format!("booked more than once (from before schema version 5): {}", d.join("; ")))),
        Err(e) => out.push(check("references", false, e.to_string())),
    }
    out
}
