//! `hsadmin asset deposit|disburse|clear|loss|transfer|revert`
use super::Ctx;
use super::complete;
use super::share::finish_booking;
use super::share::{BookingArgs, RevertArgs};
use crate::Result;
use crate::ledger::capital::AssetTx;
use crate::model::{AssetTxType, MemberNumber, Money};
use crate::ops::capital::{self, AssetReversal, Transfer};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum AssetCommand {
    /// Book money paid in by a member
    Deposit(AmountArgs),
    /// Book money paid out to a member
    Disburse(AmountArgs),
    /// Book assets set off against the member's debts
    Clear(AmountArgs),
    /// Book a share of the cooperative's losses
    Loss(AmountArgs),
    /// Transfer assets to another member (books the matching adoption there)
    Transfer(TransferArgs),
    /// Revert one asset entry (a transfer's adoption is reverted with it)
    Revert(RevertArgs),
}

#[derive(Debug, clap::Args)]
pub struct AmountArgs {
    /// Member number
    #[arg(add = complete::member())]
    member: String,
    /// Amount in EUR, like 128.00 (always positive; the command gives the direction)
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    #[command(flatten)]
    booking: BookingArgs,
}

#[derive(Debug, clap::Args)]
pub struct TransferArgs {
    /// Member number giving the assets
    #[arg(add = complete::member())]
    member: String,
    /// Member number adopting the assets
    #[arg(long)]
    #[arg(add = complete::member())]
    to: String,
    /// Amount in EUR, like 128.00
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    #[command(flatten)]
    booking: BookingArgs,
}

pub fn run(ctx: &Ctx, cmd: AssetCommand) -> Result<()> {
    let (a, kind, verb) = match cmd {
        AssetCommand::Deposit(a) => (a, AssetTxType::Deposit, "Deposited"),
        AssetCommand::Disburse(a) => (a, AssetTxType::Disbursal, "Disbursed"),
        AssetCommand::Clear(a) => (a, AssetTxType::Clearing, "Cleared"),
        AssetCommand::Loss(a) => (a, AssetTxType::Loss, "Booked loss"),
        AssetCommand::Transfer(a) => return transfer(ctx, a),
        AssetCommand::Revert(a) => return revert(ctx, a),
    };
    let member = MemberNumber::parse("member", &a.member)?;
    let amount = Money::parse_positive("amount", &a.amount)?;
    let b = a.booking.parse()?;
    let t = ctx.ledger()?.write(a.booking.dry_run, |tx| capital::book(tx, member, kind, amount, &b))?;
    let message = format!("{amount} EUR for member {member} on {} (entry {})", t.entry.value_date, t.entry.id);
    finish_booking(ctx, &t, verb, &message, t.entry.reference.as_str(), t.entry.id, a.booking.dry_run)
}

fn transfer(ctx: &Ctx, a: TransferArgs) -> Result<()> {
    let from = MemberNumber::parse("member", &a.member)?;
    let to = MemberNumber::parse("to", &a.to)?;
    let amount = Money::parse_positive("amount", &a.amount)?;
    let b = a.booking.parse()?;
    let t = ctx.ledger()?.write(a.booking.dry_run, |tx| capital::transfer(tx, from, to, amount, &b))?;
    let e = &t.entry;
    let message = format!("{amount} EUR from member {from} to {to} (entries {} and {})", e.transfer.id, e.adoption.id);
    finish_booking(ctx, &t, "Transferred", &message, e.transfer.reference.as_str(), e.transfer.id, a.booking.dry_run)
}

fn revert(ctx: &Ctx, a: RevertArgs) -> Result<()> {
    let member = MemberNumber::parse("member", &a.member)?;
    let b = a.booking.parse()?;
    let r = ctx.ledger()?.write(a.booking.dry_run, |tx| capital::revert_asset(tx, member, a.id, &b))?;
    let e = &r.entry.reversal;
    let message = format!("asset entry {} of member {member} (entry {})", a.id, e.id);
    finish_booking(ctx, &r, "Reverted", &message, e.reference.as_str(), e.id, a.booking.dry_run)
}

fn fields(t: &AssetTx) -> Vec<(&'static str, String)> {
    vec![
        ("entry", t.id.to_string()),
        ("member", t.member.to_string()),
        ("type", t.kind.to_string()),
        ("date", t.value_date.clone()),
        ("amount", format!("{} EUR", t.amount)),
        ("reference", t.reference.as_str().to_owned()),
        ("reverts", table::opt(&t.reverted_tx)),
    ]
}

impl Render for AssetTx {
    fn human(&self) -> String {
        table::text(&table::fields(fields(self)))
    }
}

impl Render for Transfer {
    fn human(&self) -> String {
        format!("{}\n{}", self.transfer.human(), self.adoption.human())
    }
}

impl Render for AssetReversal {
    fn human(&self) -> String {
        let mut s = self.reversal.human();
        if let Some(a) = &self.adoption_reversal {
            s += &format!("\n{}", a.human());
        }
        s
    }
}
