//! How a role plugs into the engine. A role (web, and the name servers, databases, backups and mail
//! after it) contributes four things: its desired state (read from the ledger, rendered by pure
//! functions), its section of the facts script and the parsing of its records, its diff, and its steps.
//! The workflow in `mod.rs` knows roles only through [`Role`]; the registry is [`ROLES`].
use crate::Result;
use crate::config::Config;
use crate::ledger::Tx;
use crate::ledger::server::Server;
use crate::model;
use crate::remote::records::Record;
use crate::remote::script::ApplyScript;
use crate::remote::{Script, ShellArg};
use serde::Serialize;
use std::any::Any;
use std::collections::BTreeMap;

/// What every role gets besides its own state.
pub struct Context<'a> {
    pub config: &'a Config,
    /// `YYYY-MM-DD`: packages that ended before it are switched off.
    pub today: &'a str,
}

/// One change a role plans, as plans and results show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Planned {
    pub role: model::Role,
    /// What fails together: a package, or a role's server-wide part (`apache`).
    pub unit: String,
    #[serde(flatten)]
    pub action: serde_json::Value,
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub target: String,
    /// Whether it takes something away from the server.
    #[serde(skip)]
    pub removes: bool,
}

/// A role's plan for one server: its actions, its section of the apply script, and what it noticed.
#[derive(Default)]
pub struct RolePlan {
    pub actions: Vec<Planned>,
    pub script: Option<ApplyScriptSection>,
    pub warnings: Vec<String>,
    /// Disk usage per package in KiB, as the server reported it (web).
    pub usage: BTreeMap<String, u64>,
    /// Maps a failed unit's last step back to the action it ran, for messages.
    pub steps: BTreeMap<String, Vec<String>>,
}

/// A role's part of the apply script, written by its `steps`.
pub type ApplyScriptSection = Box<dyn Fn(&mut ApplyScript) + Send + Sync>;

/// A role, typed. `Desired` is what the ledger says the server should have; `Facts` what it has.
pub trait Role: Send + Sync + 'static {
    type Desired: Send + Sync + 'static;
    type Facts;
    type Action: Serialize + Clone + Send + Sync + 'static;

    const ROLE: model::Role;

    /// Reads this role's rows for one server and renders its desired state.
    fn prepare(&self, tx: &Tx, server: &Server, cx: &Context) -> Result<Self::Desired>;
    /// Appends this role's section of the read-only facts script.
    fn facts_script(&self, desired: &Self::Desired, cx: &Context, script: &mut Script);
    /// Reads this role's records (validated; what does not validate goes to the warnings).
    fn parse(&self, desired: &Self::Desired, records: &[Record], cx: &Context) -> (Self::Facts, Vec<String>);
    /// The changes in the order they must run, each with its unit. Pure.
    fn diff(&self, desired: &Self::Desired, facts: &Self::Facts, cx: &Context) -> Vec<(String, Self::Action)>;
    /// Disk usage per package, if the role reports any.
    fn usage(&self, _desired: &Self::Desired, _facts: &Self::Facts) -> BTreeMap<String, u64> {
        BTreeMap::new()
    }
    /// `name`, `target` and whether it removes something, for tables and summaries.
    fn describe(action: &Self::Action) -> (String, String, bool);
    /// Writes this role's section of the apply script for its units.
    fn steps(units: &[(String, Vec<Self::Action>)], cx: &StepsContext, script: &mut ApplyScript);
    /// Keeps what the role must remember of an apply in the ledger (the name servers: zone serials).
    fn record(&self, _desired: &Self::Desired, _tx: &Tx) -> Result<()> {
        Ok(())
    }
}

/// What steps may know of the configuration (copied, so a section can outlive the borrow).
#[derive(Debug, Clone)]
pub struct StepsContext {
    pub quota_fs: String,
    pub uid_min: u32,
    pub uid_max: u32,
}

/// A role as the workflow sees it: typed state behind `Any`, downcast only here.
pub trait Erased: Send + Sync {
    fn role(&self) -> model::Role;
    fn prepare(&self, tx: &Tx, server: &Server, cx: &Context) -> Result<Box<dyn Any + Send + Sync>>;
    fn facts_script(&self, desired: &(dyn Any + Send + Sync), cx: &Context, script: &mut Script);
    fn plan(&self, desired: &(dyn Any + Send + Sync), records: &[Record], cx: &Context) -> RolePlan;
    fn record(&self, desired: &(dyn Any + Send + Sync), tx: &Tx) -> Result<()>;
}

impl<R: Role> Erased for R {
    fn role(&self) -> model::Role {
        R::ROLE
    }

    fn prepare(&self, tx: &Tx, server: &Server, cx: &Context) -> Result<Box<dyn Any + Send + Sync>> {
        Ok(Box::new(Role::prepare(self, tx, server, cx)?))
    }

    fn facts_script(&self, desired: &(dyn Any + Send + Sync), cx: &Context, script: &mut Script) {
        script.command("rec section", &[&crate::remote::Data::new(R::ROLE.as_str().as_bytes()).expect("no NUL") as &dyn ShellArg]);
        Role::facts_script(self, downcast::<R>(desired), cx, script);
    }

    fn record(&self, desired: &(dyn Any + Send + Sync), tx: &Tx) -> Result<()> {
        Role::record(self, downcast::<R>(desired), tx)
    }

    fn plan(&self, desired: &(dyn Any + Send + Sync), records: &[Record], cx: &Context) -> RolePlan {
        let desired = downcast::<R>(desired);
        let (facts, warnings) = self.parse(desired, records, cx);
        let changes = self.diff(desired, &facts, cx);
        let mut units: Vec<(String, Vec<R::Action>)> = Vec::new();
        let mut actions = Vec::new();
        for (unit, action) in changes {
            let (name, target, removes) = R::describe(&action);
            let json = serde_json::to_value(&action).unwrap_or_default();
            actions.push(Planned { role: R::ROLE, unit: unit.clone(), action: json, name, target, removes });
            match units.iter_mut().find(|(u, _)| *u == unit) {
                Some((_, list)) => list.push(action),
                None => units.push((unit, vec![action])),
            }
        }
        // Units run in the order of their first action; within a unit the actions keep their order.
        actions.sort_by_key(|p| units.iter().position(|(u, _)| *u == p.unit));
        let steps = units
            .iter()
            .map(|(u, list)| {
                (
                    u.clone(),
                    list.iter()
                        .map(|a| {
                            let (n, t, _) = R::describe(a);
                            format!("{n} {t}")
                        })
                        .collect(),
                )
            })
            .collect();
        let usage = self.usage(desired, &facts);
        let sx = StepsContext { quota_fs: cx.config.web.quota_filesystem.clone(), uid_min: cx.config.hosting.uid_min, uid_max: cx.config.hosting.uid_max };
        let script: Option<ApplyScriptSection> =
            (!units.is_empty()).then(|| Box::new(move |s: &mut ApplyScript| R::steps(&units, &sx, s)) as ApplyScriptSection);
        RolePlan { actions, script, warnings, usage, steps }
    }
}

fn downcast<R: Role>(desired: &(dyn Any + Send + Sync)) -> &R::Desired {
    desired.downcast_ref::<R::Desired>().expect("each role gets back the state it prepared")
}

/// Every role the engine knows, in the order their sections run on a server.
pub static ROLES: &[&dyn Erased] =
    &[&super::web::Web, &super::dns::DnsPrimary, &super::dns::DnsSecondary, &super::database::MariaDb, &super::database::PostgreSql, &super::mail::Mail];
