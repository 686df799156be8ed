//! `hsadmin bank-account add|list|remove`: the accounts members are debited from.
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview};
use super::opt;
use crate::Result;
use crate::ledger::bank::BankAccount;
use crate::model::{self, Bic, Holder, Iban, MemberNumber};
use crate::ops::mandate as ops;
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum BankAccountCommand {
    /// Add a bank account of a member (IBAN and BIC are checked, the BIC is optional)
    Add(AddArgs),
    /// List bank accounts
    List(ListArgs),
    /// Record that an account is no longer used (the row stays for the mandates and debits that name it)
    Remove(RemoveArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Member number
    #[arg(add = complete::member())]
    member: String,
    /// IBAN, with or without spaces (check digits and the country's length are checked)
    #[arg(long)]
    iban: String,
    /// BIC, 8 or 11 characters (optional for SEPA)
    #[arg(long)]
    bic: Option<String>,
    /// The account holder's name as on the mandate, up to 70 characters
    #[arg(long)]
    holder: String,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only accounts of this member
    #[arg(long)]
    #[arg(add = complete::member())]
    member: Option<String>,
    /// Also removed accounts
    #[arg(long)]
    all: bool,
}

#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// Bank account id (see `bank-account list`)
    #[arg(add = complete::bank_account())]
    id: i64,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(ctx: &Ctx, cmd: BankAccountCommand) -> Result<()> {
    match cmd {
        BankAccountCommand::Add(a) => {
            let member = MemberNumber::parse("member", &a.member)?;
            let iban = Iban::parse("iban", &a.iban)?;
            let bic = opt(&a.bic, |s| Bic::parse("bic", s))?;
            let holder = Holder::parse("holder", &a.holder)?;
            let today = model::today();
            let account = ctx.ledger()?.write(a.dry_run, |tx| ops::add_account(tx, member, &iban, bic.as_ref(), &holder, today))?;
            ctx.out.status("Added", &format!("bank account {} ({}) of member {}", account.id, account.iban.as_str(), account.member));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&account)
        }
        BankAccountCommand::List(a) => {
            let member = opt(&a.member, |s| MemberNumber::parse("member", s))?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::accounts(tx, member, a.all))?)
        }
        BankAccountCommand::Remove(a) => {
            let today = model::today();
            let account = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| ops::remove_account(tx, a.id, today), removing)?;
            ctx.out.status("Removed", &format!("bank account {} of member {} as of {today}", account.id, account.member));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&account)
        }
    }
}

/// What `bank-account remove` records: listed before it asks.
fn removing(a: &BankAccount) -> Preview {
    Preview::new(format!("remove bank account {} of member {}", a.id, a.member)).line(format!("{} {}", a.iban.as_str(), a.holder.as_str()))
}

/// The IBAN grouped in fours, as on paper.
pub(crate) fn grouped(iban: &Iban) -> String {
    let s = iban.as_str();
    (0..s.len()).step_by(4).map(|i| &s[i..(i + 4).min(s.len())]).collect::<Vec<_>>().join(" ")
}

impl Render for BankAccount {
    fn human(&self) -> String {
        let german = self.iban.german_account();
        table::text(&table::fields([
            ("id", self.id.to_string()),
            ("member", self.member.to_string()),
            ("iban", grouped(&self.iban)),
            ("bic", table::opt(&self.bic.as_ref().map(Bic::as_str))),
            ("holder", self.holder.as_str().to_owned()),
            ("blz", table::opt(&german.as_ref().map(|g| g.0.clone()))),
            ("account number", table::opt(&german.map(|g| g.1))),
            ("added", self.added.to_string()),
            ("removed", table::opt(&self.removed)),
        ]))
    }
}

impl Render for Vec<BankAccount> {
    fn human(&self) -> String {
        let mut t = table::list(["id", "member", "iban", "bic", "holder", "added", "removed"]);
        for a in self {
            t.add_row(vec![
                a.id.to_string(),
                a.member.to_string(),
                a.iban.as_str().to_owned(),
                table::opt(&a.bic.as_ref().map(Bic::as_str)),
                a.holder.as_str().to_owned(),
                a.added.to_string(),
                table::opt(&a.removed),
            ]);
        }
        table::text(&t)
    }
}
