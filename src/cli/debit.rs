//! `hsadmin debit return`: the bank returned a member's debit (R-transaction); its invoices are open again
//! and the next `sepa export` collects them.
use super::Ctx;
use super::complete;
use crate::Result;
use crate::model::{self, MemberNumber, ReturnReason};
use crate::ops::sepa::{self as ops, Returned};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum DebitCommand {
    /// Record a returned debit (reason code such as AC04, MD06, AM04): its invoices are open again
    Return(ReturnArgs),
}

#[derive(Debug, clap::Args)]
pub struct ReturnArgs {
    /// The batch the debit was in (sepa export's batch id)
    batch: i64,
    /// Member number
    #[arg(add = complete::member())]
    member: String,
    /// The ISO 20022 return reason the bank reports: AC04 account closed, MD06 refund, AM04 no funds, …
    #[arg(long, value_name = "CODE")]
    reason: String,
    /// The day the bank returned it (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(ctx: &Ctx, cmd: DebitCommand) -> Result<()> {
    let today = model::today();
    match cmd {
        DebitCommand::Return(a) => {
            let member = MemberNumber::parse("member", &a.member)?;
            let reason = ReturnReason::parse("--reason", &a.reason)?;
            let date = match &a.date {
                Some(d) => model::date("--date", d)?,
                None => today,
            };
            let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
            let r = ctx.ledger()?.write(a.dry_run, |tx| ops::record_return(tx, a.batch, member, &reason, date, today, &now))?;
            let reopened: Vec<&str> = r.reopened.iter().map(|n| n.as_str()).collect();
            ctx.out.status("Returned", &format!("debit of member {member} in batch {} ({}); open again: {}", r.batch, reason.as_str(), reopened.join(", ")));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&r)
        }
    }
}

impl Render for Returned {
    fn human(&self) -> String {
        let reopened: Vec<&str> = self.reopened.iter().map(|n| n.as_str()).collect();
        table::text(&table::fields([
            ("batch", self.batch.to_string()),
            ("member", self.member.to_string()),
            ("end-to-end id", self.end_to_end_id.clone()),
            ("amount", self.amount.to_string()),
            ("reason", self.reason.as_str().to_owned()),
            ("returned", self.returned.to_string()),
            ("open again", reopened.join(", ")),
        ]))
    }
}
