//! Cron jobs of Unix users.
use super::{found, snapshot};
use crate::ledger::cron::{self as rows, CronJob};
use crate::ledger::{Tx, user};
use crate::model::{CronCommand, CronSchedule, UserName};
use crate::{Error, Result};

/// More jobs than this in one crontab is a mistake, not a plan.
pub const MAX_JOBS_PER_USER: i64 = 100;

pub fn add(tx: &Tx, user_name: &UserName, schedule: &CronSchedule, command: &CronCommand) -> Result<CronJob> {
    found(user::get(tx, user_name.as_str())?, || format!("user {user_name}"))?;
    if rows::count(tx, user_name.as_str())? >= MAX_JOBS_PER_USER {
        return Err(Error::Conflict(format!("user {user_name} already has {MAX_JOBS_PER_USER} cron jobs")));
    }
    let job = rows::insert(tx, user_name, schedule, command)?;
    tx.audit("cron_job", &job.id.to_string(), "add", None, snapshot(&job))?;
    Ok(job)
}

pub use rows::{Filter, SORT};

/// `cron list`: the jobs the filter keeps, in the order asked for.
pub fn list(tx: &Tx, filter: &Filter, sort: crate::ledger::Sort) -> Result<Vec<CronJob>> {
    rows::find(tx, filter, sort)
}

pub fn get(tx: &Tx, id: i64) -> Result<CronJob> {
    found(rows::get(tx, id)?, || format!("cron job {id}"))
}

pub fn remove(tx: &Tx, id: i64) -> Result<CronJob> {
    let job = get(tx, id)?;
    rows::delete(tx, id)?;
    tx.audit("cron_job", &id.to_string(), "remove", snapshot(&job), None)?;
    Ok(job)
}
