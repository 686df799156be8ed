//! `hsadmin mandate add|list|revoke`: SEPA direct-debit mandates, one account each.
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview};
use super::opt;
use crate::Result;
use crate::model::{self, MandateReference, MandateStatus, MemberNumber};
use crate::ops::mandate::{self as ops, MandateView};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum MandateCommand {
    /// Add a signed SEPA mandate (CORE) of a member for one of its bank accounts
    Add(AddArgs),
    /// List mandates and where they stand today (valid, revoked, expired after 36 months unused, …)
    List(ListArgs),
    /// Revoke a mandate: no debit uses it from the given day on
    Revoke(RevokeArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Member number
    #[arg(add = complete::member())]
    member: String,
    /// The mandate reference, unique: 1 to 35 of A-Z a-z 0-9 / - ? : ( ) . , ' + and space
    #[arg(long)]
    reference: String,
    /// The day the member signed it (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    signed: String,
    /// The account it debits [default: the member's only bank account]
    #[arg(long, value_name = "ID")]
    #[arg(add = complete::bank_account())]
    bank_account: Option<i64>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only mandates of this member
    #[arg(long)]
    #[arg(add = complete::member())]
    member: Option<String>,
    /// Only mandates that stand so today
    #[arg(long, value_parser = super::choices(MandateStatus::ALL.iter().map(|s| s.as_str())))]
    status: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RevokeArgs {
    /// The mandate reference
    #[arg(add = complete::mandate())]
    reference: String,
    /// The first day no debit may use it (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(ctx: &Ctx, cmd: MandateCommand) -> Result<()> {
    let today = model::today();
    match cmd {
        MandateCommand::Add(a) => {
            let member = MemberNumber::parse("member", &a.member)?;
            let reference = MandateReference::parse("reference", &a.reference)?;
            let signed = model::date("signed", &a.signed)?;
            let v = ctx.ledger()?.write(a.dry_run, |tx| ops::add_mandate(tx, member, &reference, signed, a.bank_account, today))?;
            let account = &v.mandate.bank_account;
            ctx.out
                .status("Added", &format!("mandate {} of member {} for bank account {} ({})", reference.as_str(), member, account.id, account.iban.as_str()));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&v)
        }
        MandateCommand::List(a) => {
            let member = opt(&a.member, |s| MemberNumber::parse("member", s))?;
            let status = opt(&a.status, |s| MandateStatus::parse("status", s))?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::mandates(tx, member, status, today))?)
        }
        MandateCommand::Revoke(a) => {
            let reference = MandateReference::parse("reference", &a.reference)?;
            let date = match &a.date {
                Some(d) => model::date("date", d)?,
                None => today,
            };
            let v = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| ops::revoke(tx, &reference, date, today), revoking)?;
            ctx.out.status("Revoked", &format!("mandate {} of member {} from {date} on", reference.as_str(), v.mandate.member));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&v)
        }
    }
}

/// What `mandate revoke` records: listed before it asks.
fn revoking(v: &MandateView) -> Preview {
    let m = &v.mandate;
    Preview::new(format!("revoke mandate {} of member {}", m.reference.as_str(), m.member)).line(format!(
        "from {} on; signed {}, account {}",
        table::opt(&m.revoked),
        m.signed,
        m.bank_account.iban.as_str()
    ))
}

impl Render for MandateView {
    fn human(&self) -> String {
        let m = &self.mandate;
        table::text(&table::fields([
            ("id", m.id.to_string()),
            ("member", m.member.to_string()),
            ("reference", m.reference.as_str().to_owned()),
            ("signed", m.signed.to_string()),
            ("bank account", format!("{} ({})", m.bank_account.id, super::bank::grouped(&m.bank_account.iban))),
            ("status", self.status.to_string()),
            ("valid until", self.valid_until.to_string()),
            ("revoked", table::opt(&m.revoked)),
            ("first used", table::opt(&m.first_used)),
            ("last used", table::opt(&m.last_used)),
            ("next debit", self.sequence_type.to_string()),
        ]))
    }
}

impl Render for Vec<MandateView> {
    fn human(&self) -> String {
        let mut t = table::list(["id", "member", "reference", "signed", "account", "status", "valid until", "last used", "next"]);
        for v in self {
            let m = &v.mandate;
            t.add_row(vec![
                m.id.to_string(),
                m.member.to_string(),
                m.reference.as_str().to_owned(),
                m.signed.to_string(),
                m.bank_account.id.to_string(),
                v.status.to_string(),
                v.valid_until.to_string(),
                table::opt(&m.last_used),
                v.sequence_type.to_string(),
            ]);
        }
        table::text(&t)
    }
}
