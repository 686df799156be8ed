//! `backup init`: each web server's restic repository on the backup server. Per web server, three steps
//! over SSH: its key pair and repository password (made once, on the web server), its account on the
//! backup server (chrooted, forced `internal-sftp`, that key only), then the backup server's pinned host
//! key, the ssh config and `restic init` on the web server. Every step keeps what is there, so a re-run
//! changes nothing; one web server failing does not stop the others.
use crate::config::Config;
use crate::ledger::server::Server;
use crate::ledger::{Ledger, Tx};
use crate::model::{Role, ServerName};
use crate::remote::backup::{self as wire, mark, marks};
use crate::remote::{Connection, HostKey, SshOptions};
use crate::{Error, Result};
use serde::Serialize;

/// What `backup init` did for one web server.
#[derive(Debug, Serialize)]
pub struct Prepared {
    pub server: ServerName,
    pub ok: bool,
    /// The web server's account on the backup server.
    pub account: String,
    pub key_created: bool,
    pub repository_created: bool,
    pub error: Option<String>,
}

/// The backup server: `--server`, else `[backup] server`; it must have the backup role and a pinned host
/// key (the web servers are told to trust exactly that key).
pub fn backup_server(tx: &Tx, config: &Config, name: Option<&ServerName>) -> Result<Server> {
    let name = match (name, &config.backup.server) {
        (Some(n), _) => n.clone(),
        (None, Some(s)) => ServerName::parse("backup.server", s)?,
        (None, None) => return Err(Error::invalid("backup.server", "no backup server: set [backup] server in the config, or give --server")),
    };
    let s = super::super::server::get(tx, &name)?;
    if !s.roles.contains(Role::Backup) {
        return Err(Error::invalid("server", format!("{name} does not have the backup role (server update {name} --role …,backup)")));
    }
    if s.host_key.is_none() {
        return Err(Error::invalid("server", format!("{name}'s host key is not pinned: run hsadmin server trust {name} first")));
    }
    Ok(s)
}

/// The servers with the web role.
pub fn web_servers(tx: &Tx) -> Result<Vec<Server>> {
    Ok(super::super::server::list(tx)?.into_iter().filter(|s| s.roles.contains(Role::Web)).collect())
}

/// Prepares every web server's repository; records each in the audit log.
pub fn init(ledger: &mut Ledger, config: &Config, server: Option<&ServerName>) -> Result<Vec<Prepared>> {
    let (backup, webs) = ledger.read(|tx| Ok((backup_server(tx, config, server)?, web_servers(tx)?)))?;
    let opts = SshOptions::from_config(&config.ssh);
    let mut on_backup = Connection::open(&super::super::server::target(&backup), &opts)?;
    let mut out = Vec::new();
    for web in &webs {
        let mut p =
            Prepared { server: web.name.clone(), ok: false, account: wire::account(&web.name), key_created: false, repository_created: false, error: None };
        match prepare(web, &backup, config, &opts, &mut on_backup, &mut p) {
            Ok(()) => p.ok = true,
            Err(e) => p.error = Some(e),
        }
        out.push(p);
    }
    ledger.write(false, |tx| {
        for p in out.iter().filter(|p| p.ok) {
            tx.audit("backup", p.server.as_str(), "init", None, Some(serde_json::json!({ "backup_server": backup.name, "account": p.account })))?;
        }
        Ok(())
    })?;
    Ok(out)
}

fn prepare(web: &Server, backup: &Server, config: &Config, opts: &SshOptions, on_backup: &mut Connection, p: &mut Prepared) -> std::result::Result<(), String> {
    let mut on_web = Connection::open(&super::super::server::target(web), opts).map_err(|e| e.to_string())?;
    let key = step(&mut on_web, &wire::key(&web.name))?;
    p.key_created = mark(&key, "key") == Some("created");
    let public = mark(&key, "pubkey").and_then(HostKey::parse).ok_or_else(|| format!("{}: the web server sent no readable public key", web.name))?;
    step(on_backup, &wire::authorize(&web.name, &config.backup.path, &public.to_openssh()))?;
    let host_key = backup.host_key.as_deref().and_then(HostKey::parse).ok_or("the backup server's pinned host key is unreadable")?;
    let repo = step(&mut on_web, &wire::repository(backup.address.as_str(), backup.port, &web.name, &host_key.to_openssh()))?;
    p.repository_created = mark(&repo, "repository") == Some("created");
    Ok(())
}

/// Runs one script; its marks, or what went wrong on which server.
fn step(conn: &mut Connection, script: &crate::remote::Script) -> std::result::Result<Vec<wire::Mark>, String> {
    let server = conn.target().name.clone();
    let out = conn.run(script).map_err(|e| e.to_string())?;
    if out.status != 0 {
        return Err(format!("{server}: {}", wire::tail(&out.stderr)));
    }
    Ok(marks(&out.stdout))
}
