//! `hsadmin member add|list|show|update|leave|statement`
use super::complete;
use super::confirm::{Ask, Preview};
use super::{Ctx, opt};
use crate::Result;
use crate::ledger::member::Member;
use crate::model::{self, Email, MemberKind, MemberNumber, MemberStatus, Phone, Prefix, TextField, VatCountry, VatId};
use crate::ops::capital::Statement;
use crate::ops::member::{self, Details, Left, MemberDetails};
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum MemberCommand {
    /// Add a member
    Add(AddArgs),
    /// List members
    List(ListArgs),
    /// Show a member with shares, assets and packages
    Show(NumberArg),
    /// Change a member's contact, tax or billing details
    Update(UpdateArgs),
    /// End a membership (all packages must end by then)
    Leave(LeaveArgs),
    /// List a member's share and asset movements with running balances
    Statement(NumberArg),
}

#[derive(Debug, clap::Args)]
pub struct NumberArg {
    /// Member number (10000-99999)
    #[arg(add = complete::member())]
    number: String,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Member number (10000-99999), as in every other command
    #[arg(required_unless_present = "number_option")]
    number: Option<String>,
    /// The member number as an option (`--number 10001`), for scripts written before it was an argument
    #[arg(long = "number", value_name = "NUMBER", conflicts_with = "number", hide = true)]
    number_option: Option<String>,
    /// Package prefix: three lower-case letters, unique
    #[arg(long)]
    prefix: String,
    /// Date the membership begins (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    #[command(flatten)]
    details: DetailsArgs,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Member number (10000-99999)
    #[arg(add = complete::member())]
    number: String,
    #[command(flatten)]
    details: DetailsArgs,
    /// Membership status
    #[arg(long, value_parser = super::choices(MemberStatus::ALL.iter().map(|s| s.as_str())))]
    status: Option<String>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct DetailsArgs {
    /// Full name of the person or organisation
    #[arg(long)]
    name: Option<String>,
    /// Whether the member is a person or an organisation [default on add: person]
    #[arg(long, value_parser = super::choices(MemberKind::ALL.iter().map(|k| k.as_str())))]
    kind: Option<String>,
    /// Contact e-mail address
    #[arg(long)]
    email: Option<String>,
    /// Contact phone number
    #[arg(long)]
    phone: Option<String>,
    /// Street and number
    #[arg(long)]
    street: Option<String>,
    /// Postal code
    #[arg(long)]
    zipcode: Option<String>,
    /// City of the postal address
    #[arg(long)]
    city: Option<String>,
    /// Country of the postal address (ISO code, like DE)
    #[arg(long)]
    country: Option<String>,
    /// VAT identification number (like DE136695976)
    #[arg(long)]
    vat_id: Option<String>,
    /// Country the member pays VAT in (ISO code, like DE)
    #[arg(long)]
    vat_country: Option<String>,
    /// EU business customer billed under reverse charge
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    vat_reverse_charge: Option<bool>,
    /// Whether the monthly membership fee is billed [default on add: true]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    fee_billable: Option<bool>,
    /// Whether the member is billed at all [default on add: true]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    billable: Option<bool>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only members whose name contains this text (in any case)
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    /// Only members with this status
    #[arg(long, value_parser = super::choices(MemberStatus::ALL.iter().map(|s| s.as_str())))]
    status: Option<String>,
    /// Only members since this day or later (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Sort by this column [default: number]
    #[arg(long, value_name = "FIELD", value_parser = super::sort_keys(member::SORT))]
    sort: Option<String>,
    /// Sort in descending order
    #[arg(long)]
    reverse: bool,
}

#[derive(Debug, clap::Args)]
pub struct LeaveArgs {
    /// Member number (10000-99999)
    #[arg(add = complete::member())]
    number: String,
    /// Last day of the membership (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    date: String,
    /// Why the membership ends
    #[arg(long, default_value = "CANCELLED", value_parser = super::choices(MemberStatus::ALL.iter().map(|s| s.as_str()).filter(|s| *s != "ACTIVE")))]
    status: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
}

impl DetailsArgs {
    fn parse(&self) -> Result<Details> {
        Ok(Details {
            name: opt(&self.name, |s| TextField::parse("name", s, 128))?,
            kind: opt(&self.kind, |s| MemberKind::parse("kind", s))?,
            email: opt(&self.email, |s| Email::parse("email", s))?,
            phone: opt(&self.phone, |s| Phone::parse("phone", s))?,
            street: opt(&self.street, |s| TextField::parse("street", s, 128))?,
            zipcode: opt(&self.zipcode, |s| TextField::parse("zipcode", s, 16))?,
            city: opt(&self.city, |s| TextField::parse("city", s, 64))?,
            country: opt(&self.country, |s| VatCountry::parse("country", s))?,
            vat_id: opt(&self.vat_id, |s| VatId::parse("vat-id", s))?,
            vat_country: opt(&self.vat_country, |s| VatCountry::parse("vat-country", s))?,
            vat_reverse_charge: self.vat_reverse_charge,
            fee_billable: self.fee_billable,
            billable: self.billable,
            status: None,
        })
    }
}

pub fn run(ctx: &Ctx, cmd: MemberCommand) -> Result<()> {
    match cmd {
        MemberCommand::Add(a) => {
            let number = MemberNumber::parse("number", a.number.as_deref().or(a.number_option.as_deref()).unwrap_or_default())?;
            let prefix = Prefix::parse("prefix", &a.prefix)?;
            let since = opt(&a.since, |s| model::date("since", s))?.unwrap_or_else(model::today);
            let details = a.details.parse()?;
            let m = ctx.ledger()?.write(a.dry_run, |tx| member::add(tx, number, prefix, since, details))?;
            ctx.out.status("Added", &format!("member {} {} (prefix {})", m.number, m.name, m.prefix));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&m)
        }
        MemberCommand::List(a) => {
            let filter = member::Filter {
                name: opt(&a.name, |s| TextField::parse("name", s, 128))?,
                status: opt(&a.status, |s| MemberStatus::parse("status", s))?,
                since: opt(&a.since, |s| model::date("since", s))?,
            };
            let sort = super::sort(&a.sort, member::SORT, a.reverse)?;
            let members = ctx.ledger()?.read(|tx| member::list(tx, &filter, sort))?;
            ctx.out.emit(&members)
        }
        MemberCommand::Show(a) => {
            let number = MemberNumber::parse("number", &a.number)?;
            let details = ctx.ledger()?.read(|tx| member::show(tx, number))?;
            ctx.out.emit(&details)
        }
        MemberCommand::Update(a) => {
            let number = MemberNumber::parse("number", &a.number)?;
            let mut details = a.details.parse()?;
            details.status = opt(&a.status, |s| MemberStatus::parse("status", s))?;
            let m = ctx.ledger()?.write(a.dry_run, |tx| member::update(tx, number, details))?;
            ctx.out.status("Updated", &format!("member {}", m.number));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&m)
        }
        MemberCommand::Leave(a) => {
            let number = MemberNumber::parse("number", &a.number)?;
            let date = model::date("date", &a.date)?;
            let status = MemberStatus::parse("status", &a.status)?;
            let r = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| member::leave(tx, number, date, status), leaving)?;
            let m = r.member;
            ctx.out.status("Left", &format!("member {} on {date} ({})", m.number, m.status));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&m)
        }
        MemberCommand::Statement(a) => {
            let number = MemberNumber::parse("number", &a.number)?;
            let statement = ctx.ledger()?.read(|tx| crate::ops::capital::statement(tx, number))?;
            ctx.out.emit(&statement)
        }
    }
}

/// What `member leave` ends: listed before it asks.
fn leaving(r: &Left) -> Preview {
    let m = &r.member;
    let until = m.until.as_deref().unwrap_or_default();
    Preview::new(format!("end the membership of {} ({}) on {until} as {}", m.number, m.name, m.status))
        .line(format!("member {} {} leaves on {until} ({})", m.number, m.name, m.status))
        .each(&r.packages, |p| format!("package {} on server {} ends on {}", p.name, p.server, table::opt(&p.valid_to)))
}

fn member_fields(m: &Member) -> Vec<(&'static str, String)> {
    let country = m.country.as_ref().map(VatCountry::as_str);
    let address = [m.street.as_deref(), m.zipcode.as_deref(), m.city.as_deref(), country].iter().flatten().copied().collect::<Vec<_>>().join(", ");
    vec![
        ("number", m.number.to_string()),
        ("prefix", m.prefix.to_string()),
        ("name", m.name.clone()),
        ("kind", m.kind.to_string()),
        ("email", m.email.to_string()),
        ("phone", table::opt(&m.phone)),
        ("address", if address.is_empty() { "-".into() } else { address }),
        ("vat id", format!("{} {}", table::opt(&m.vat_id), m.vat_country.as_ref().map_or("", VatCountry::as_str))),
        ("reverse charge", table::yes_no(m.vat_reverse_charge)),
        ("since", m.since.clone()),
        ("until", table::opt(&m.until)),
        ("status", m.status.to_string()),
        ("fee billable", table::yes_no(m.fee_billable)),
        ("billable", table::yes_no(m.billable)),
    ]
}

impl Render for Member {
    fn human(&self) -> String {
        table::text(&table::fields(member_fields(self)))
    }
}

impl Render for MemberDetails {
    fn human(&self) -> String {
        let mut rows = member_fields(&self.member);
        rows.push(("shares", format!("{} ({} EUR)", self.shares, self.share_value)));
        rows.push(("assets", format!("{} EUR", self.assets)));
        rows.push(("packages", if self.packages.is_empty() { "-".into() } else { self.packages.join(", ") }));
        table::text(&table::fields(rows))
    }
}

impl Render for Vec<Member> {
    fn human(&self) -> String {
        let mut t = table::list(["number", "prefix", "name", "email", "since", "until", "status"]);
        for m in self {
            t.add_row(vec![
                m.number.to_string(),
                m.prefix.to_string(),
                m.name.clone(),
                m.email.to_string(),
                m.since.clone(),
                table::opt(&m.until),
                m.status.to_string(),
            ]);
        }
        table::text(&t)
    }
}

impl Render for Statement {
    fn human(&self) -> String {
        let mut out = format!("Member {} {}\n\nShares\n", self.member, self.name);
        let mut t = table::list(["id", "date", "type", "count", "balance", "reference", "reverts"]);
        for l in &self.shares {
            let e = &l.entry;
            t.add_row(vec![
                e.id.to_string(),
                e.value_date.clone(),
                e.kind.to_string(),
                e.share_count.to_string(),
                l.balance.to_string(),
                e.reference.as_str().to_owned(),
                table::opt(&e.reverted_tx),
            ]);
        }
        out += &table::text(&t);
        out += &format!("{} = {} EUR\n\nAssets\n", crate::output::count(self.share_count, "share"), self.share_value);
        let mut t = table::list(["id", "date", "type", "amount", "balance", "reference", "reverts"]);
        for l in &self.assets {
            let e = &l.entry;
            let balance = crate::model::Money::from_cents(l.balance);
            t.add_row(vec![
                e.id.to_string(),
                e.value_date.clone(),
                e.kind.to_string(),
                e.amount.to_string(),
                balance.to_string(),
                e.reference.as_str().to_owned(),
                table::opt(&e.reverted_tx),
            ]);
        }
        out += &table::text(&t);
        out += &format!("balance {} EUR\n", self.asset_balance);
        out
    }
}
