//! The repositories themselves: `backup list --refresh` (the ledger reconciled with each web server's
//! snapshot list), `backup prune` (forget by the policy and prune, only for packages whose newest run is
//! good and recent: a failing backup never thins out the good ones) and `backup verify` (`restic check`).
use crate::config::Config;
use crate::ledger::Ledger;
use crate::ledger::server::Server;
use crate::model::{PackageName, ServerName, SnapshotId};
use crate::remote::backup::{self as wire, Keep, restic};
use crate::remote::{Connection, Script, SshOptions};
use crate::{Error, Result};
use chrono::Utc;
use serde::Serialize;

/// What one web server's repository said, and what the ledger made of it.
#[derive(Debug, Default, Serialize)]
pub struct Reconciled {
    pub server: Option<ServerName>,
    pub ok: bool,
    pub snapshots: usize,
    /// Runs whose snapshot the repository no longer has, marked forgotten now.
    pub forgotten: Vec<i64>,
    /// Snapshots the ledger has no good run for (another admin host's, or made by hand).
    pub unknown: Vec<SnapshotId>,
    /// `backup prune`: the packages pruned, and those left alone with the reason.
    pub pruned: Vec<PackageName>,
    pub kept: Vec<(PackageName, String)>,
    /// `backup verify`: what restic check said, in short.
    pub checked: Option<String>,
    pub error: Option<String>,
}

/// Runs `script` on every web server at once; each result with the server's name.
fn each_server(
    config: &Config,
    servers: &[Server],
    script: impl Fn(&Server) -> Option<Script> + Sync,
) -> Vec<(ServerName, std::result::Result<Vec<u8>, String>)> {
    let opts = SshOptions::from_config(&config.ssh);
    crate::remote::fan_out(servers, servers.len(), |s| {
        let Some(script) = script(s) else { return (s.name.clone(), Ok(Vec::new())) };
        let run = || -> std::result::Result<Vec<u8>, String> {
            let mut conn = Connection::open(&super::super::server::target(s), &opts).map_err(|e| e.to_string())?;
            let out = conn.run_streaming(&script, super::run::RUN_LIMIT, &mut |_| {}).map_err(|e| e.to_string())?;
            if out.status != 0 {
                return Err(format!("{}: {}", s.name, wire::tail(&out.stderr)));
            }
            Ok(out.stdout)
        };
        (s.name.clone(), run())
    })
}

/// Marks the ok runs of `server` whose snapshot is not in `listed` as forgotten; returns them and the
/// listed snapshots the ledger has no good run for.
fn reconcile(ledger: &mut Ledger, server: &ServerName, listed: &[restic::Snapshot], r: &mut Reconciled) -> Result<()> {
    let now = Utc::now();
    ledger.write(false, |tx| {
        let runs: Vec<_> = crate::ledger::backup::runs(tx, None)?.into_iter().filter(|run| &run.server == server).collect();
        for run in runs.iter().filter(|run| run.outcome == super::Outcome::Ok && run.forgotten.is_none()) {
            if !listed.iter().any(|s| Some(&s.id) == run.snapshot.as_ref()) {
                crate::ledger::backup::forget(tx, run.id, now)?;
                r.forgotten.push(run.id);
            }
        }
        r.unknown = listed.iter().filter(|s| !runs.iter().any(|run| run.snapshot.as_ref() == Some(&s.id))).map(|s| s.id.clone()).collect();
        Ok(())
    })?;
    r.snapshots = listed.len();
    Ok(())
}

/// The snapshot list at the end of a script's stdout.
fn listed(stdout: &[u8]) -> std::result::Result<Vec<restic::Snapshot>, String> {
    let line = stdout.split(|b| *b == b'\n').find(|l| l.starts_with(b"[")).ok_or("restic printed no snapshot list")?;
    restic::snapshots(line)
}

fn finish(ledger: &mut Ledger, server: ServerName, result: std::result::Result<Vec<u8>, String>, mut r: Reconciled) -> Result<Reconciled> {
    r.server = Some(server.clone());
    match result.and_then(|out| listed(&out)) {
        Ok(list) => {
            reconcile(ledger, &server, &list, &mut r)?;
            r.ok = true;
        }
        Err(e) => r.error = Some(e),
    }
    Ok(r)
}

/// `backup list --refresh`: every web server's snapshot list against the ledger.
pub fn refresh(ledger: &mut Ledger, config: &Config) -> Result<Vec<Reconciled>> {
    let servers = ledger.read(super::init::web_servers)?;
    let results = each_server(config, &servers, |_| Some(wire::snapshots()));
    results.into_iter().map(|(s, out)| finish(ledger, s, out, Reconciled::default())).collect()
}

/// `backup prune`: per web server, forget and prune for the packages whose newest run allows it.
pub fn prune(ledger: &mut Ledger, config: &Config) -> Result<Vec<Reconciled>> {
    let now = Utc::now();
    let (servers, plans) = ledger.read(|tx| {
        let servers = super::init::web_servers(tx)?;
        let runs = crate::ledger::backup::runs(tx, None)?;
        let mut plans = Vec::new();
        for s in &servers {
            let mut r = Reconciled::default();
            for p in crate::ledger::package::list(tx, None, Some(s.name.as_str()))? {
                let mine: Vec<_> = runs.iter().filter(|run| run.package == p.name).cloned().collect();
                match super::prunable(&mine, now) {
                    Ok(()) => r.pruned.push(p.name),
                    Err(_) if mine.is_empty() => {}
                    Err(why) => r.kept.push((p.name, why)),
                }
            }
            plans.push(r);
        }
        Ok((servers, plans))
    })?;
    let keep = Keep { daily: config.backup.keep_daily, weekly: config.backup.keep_weekly, monthly: config.backup.keep_monthly };
    let results = each_server(config, &servers, |s| {
        let plan = &plans[servers.iter().position(|x| x.name == s.name).expect("listed")];
        (!plan.pruned.is_empty()).then(|| wire::forget(&plan.pruned, &keep))
    });
    let mut out = Vec::new();
    for ((server, result), plan) in results.into_iter().zip(plans) {
        if plan.pruned.is_empty() {
            out.push(Reconciled { server: Some(server), ok: true, ..plan });
            continue;
        }
        out.push(finish(ledger, server, result, plan)?);
    }
    Ok(out)
}

/// `backup verify`: `restic check` of every web server's repository, reading `read_percent` % of the data.
pub fn verify(ledger: &mut Ledger, config: &Config, read_percent: Option<u32>) -> Result<Vec<Reconciled>> {
    if let Some(p) = read_percent
        && !(1..=100).contains(&p)
    {
        return Err(Error::invalid("read-data-subset", "must be a percentage from 1% to 100%"));
    }
    let servers = ledger.read(super::init::web_servers)?;
    let results = each_server(config, &servers, |_| Some(wire::check(read_percent)));
    Ok(results
        .into_iter()
        .map(|(server, result)| {
            let mut r = Reconciled { server: Some(server), ..Default::default() };
            match result {
                Ok(out) => {
                    r.ok = true;
                    r.checked = Some(format!("no errors ({} lines of restic check)", wire::mark(&wire::marks(&out), "checked").unwrap_or("0")));
                }
                Err(e) => r.error = Some(e),
            }
            r
        })
        .collect())
}
