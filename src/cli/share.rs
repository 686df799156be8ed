//! `hsadmin share subscribe|cancel|revert`
use super::Ctx;
use super::complete;
use super::opt;
use crate::Result;
use crate::ledger::capital::ShareTx;
use crate::model::{self, MemberNumber, Reference, TextField};
use crate::ops::capital::{self, Booked, Booking, MAX_SHARES_PER_ENTRY};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum ShareCommand {
    /// Subscribe shares for a member
    Subscribe(CountArgs),
    /// Cancel shares of a member
    Cancel(CountArgs),
    /// Revert one share entry (books the negated count)
    Revert(RevertArgs),
}

#[derive(Debug, clap::Args)]
pub struct BookingArgs {
    /// Value date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// Booking reference, 6 to 48 characters (document or bank reference)
    #[arg(long)]
    pub reference: String,
    /// Free comment, up to 512 characters
    #[arg(long)]
    pub comment: Option<String>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl BookingArgs {
    pub fn parse(&self) -> Result<Booking> {
        Ok(Booking {
            date: model::date("date", &self.date)?,
            reference: Reference::parse("reference", &self.reference)?,
            comment: opt(&self.comment, |s| TextField::parse("comment", s, 512))?,
        })
    }
}

#[derive(Debug, clap::Args)]
pub struct CountArgs {
    /// Member number
    #[arg(add = complete::member())]
    member: String,
    /// Number of shares (64 EUR each)
    #[arg(long, allow_negative_numbers = true)]
    count: i64,
    #[command(flatten)]
    booking: BookingArgs,
}

#[derive(Debug, clap::Args)]
pub struct RevertArgs {
    /// Member number
    #[arg(add = complete::member())]
    pub member: String,
    /// Id of the entry to revert (see `member statement`)
    #[arg(long = "tx", value_name = "ID")]
    pub id: i64,
    #[command(flatten)]
    pub booking: BookingArgs,
}

pub fn run(ctx: &Ctx, cmd: ShareCommand) -> Result<()> {
    let (verb, dry_run, t) = match cmd {
        ShareCommand::Subscribe(a) => {
            let (member, count, b) = parse_count(&a)?;
            ("Subscribed", a.booking.dry_run, ctx.ledger()?.write(a.booking.dry_run, |tx| capital::subscribe(tx, member, count, &b))?)
        }
        ShareCommand::Cancel(a) => {
            let (member, count, b) = parse_count(&a)?;
            ("Cancelled", a.booking.dry_run, ctx.ledger()?.write(a.booking.dry_run, |tx| capital::cancel_shares(tx, member, count, &b))?)
        }
        ShareCommand::Revert(a) => {
            let member = MemberNumber::parse("member", &a.member)?;
            let b = a.booking.parse()?;
            ("Reverted", a.booking.dry_run, ctx.ledger()?.write(a.booking.dry_run, |tx| capital::revert_share(tx, member, a.id, &b))?)
        }
    };
    let e = &t.entry;
    let message =
        format!("{} of member {} on {} (entry {})", crate::output::count(e.share_count.unsigned_abs() as usize, "share"), e.member, e.value_date, e.id);
    finish_booking(ctx, &t, verb, &message, e.reference.as_str(), e.id, dry_run)
}

/// The finishing steps of every booking command: what happened on stderr (a repeated booking says that it
/// added nothing), the dry-run note, and the entry as the result.
pub(crate) fn finish_booking<T: Render>(ctx: &Ctx, t: &Booked<T>, verb: &str, message: &str, reference: &str, id: i64, dry_run: bool) -> Result<()> {
    if t.repeated {
        ctx.out.status("Booked", &format!("already: reference {reference} is entry {id}; nothing was added"));
    } else {
        ctx.out.status(verb, message);
    }
    ctx.dry_run_note(dry_run);
    ctx.out.emit(&t.entry)
}

fn parse_count(a: &CountArgs) -> Result<(MemberNumber, i64, Booking)> {
    let member = MemberNumber::parse("member", &a.member)?;
    let count = model::bounded("count", a.count, 1, MAX_SHARES_PER_ENTRY)?;
    Ok((member, count, a.booking.parse()?))
}

impl Render for ShareTx {
    fn human(&self) -> String {
        table::text(&table::fields([
            ("entry", self.id.to_string()),
            ("member", self.member.to_string()),
            ("type", self.kind.to_string()),
            ("date", self.value_date.clone()),
            ("shares", self.share_count.to_string()),
            ("reference", self.reference.as_str().to_owned()),
            ("reverts", table::opt(&self.reverted_tx)),
        ]))
    }
}
