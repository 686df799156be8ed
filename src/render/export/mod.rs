//! The accounting export, pure: a month's invoices and credit notes → bookings → the bytes of a DATEV
//! EXTF Buchungsstapel (`datev`) or a Lexware buchhalter ASCII import file (`lexware`).
//!
//! Both files carry the same bookings, made here once: one per invoice and VAT category (and rate), gross,
//! on the member's debtor account against the revenue account of its VAT case — an invoice debits the
//! debtor (Soll), a credit note credits it (Haben). The tax is left to the accounting program: on an
//! automatic account (DATEV "AM", Lexware "Steuerautomatik") the account itself carries it and the
//! booking has no tax key; on any other revenue account the booking carries DATEV's key (see [`tax_key`]).
pub mod cp1252;
pub mod datev;
pub mod lexware;

use crate::config::AccountsConfig;
use crate::ledger::invoice::Invoice;
use crate::model::{self, BillingMonth, InvoiceKind, InvoiceNumber, LineKind, MemberNumber, Money, VatCategory};
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};

/// One booking: a gross amount between the debtor and a revenue account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub number: InvoiceNumber,
    pub kind: InvoiceKind,
    pub member: MemberNumber,
    /// Belegdatum: the invoice's issue date.
    pub issued: NaiveDate,
    /// The end of the service period of the booking's lines (Leistungsdatum).
    pub service_to: NaiveDate,
    pub due: NaiveDate,
    /// The gross amount, above zero.
    pub amount: Money,
    /// Soll on the debtor (an invoice) or Haben (a credit note).
    pub debit: bool,
    pub debtor: String,
    pub revenue: String,
    /// DATEV's tax key, `None` on an automatic account or where no tax arises.
    pub tax_key: Option<&'static str>,
    /// The buyer's VAT id, on reverse-charge bookings (DATEV field "EU-Land u. UStID").
    pub vat_id: Option<String>,
    /// Buchungstext: at most 60 characters, all of them in Windows-1252.
    pub text: String,
}

/// What an export made: the file's bytes, the bookings it holds, and what the caller should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub bookings: Vec<Booking>,
    /// The dates the file covers (DATEV "Datum vom/bis"), inside one fiscal year.
    pub span: Span,
    pub warnings: Vec<String>,
}

impl Export {
    /// Σ Umsatz: every booking's amount, invoices and credit notes alike.
    pub fn sum(&self) -> Money {
        Money::from_cents(self.bookings.iter().map(|b| b.amount.cents()).sum())
    }

    /// Σ Soll − Σ Haben on the debtor accounts: invoices less credit notes.
    pub fn balance(&self) -> Money {
        Money::from_cents(self.bookings.iter().map(|b| if b.debit { b.amount.cents() } else { -b.amount.cents() }).sum())
    }
}

/// The dates a file covers and the first day of their fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub fiscal_year: NaiveDate,
}

/// DATEV's automatic revenue accounts of the standard charts (marked AM in DATEV's SKR03/SKR04
/// Kontenrahmen): the account carries the tax, so a booking on it must not carry a BU-Schlüssel. Each
/// with what it books: 8400/4400 "Erlöse 19 % USt", 8300/4300 "Erlöse 7 % USt", 8336/4336 "Erlöse aus im
/// anderen EU-Land steuerpflichtigen sonstigen Leistungen, für die der Leistungsempfänger die
/// Umsatzsteuer schuldet" (UStVA Kz 21 and the ZM), 8338/4338 "Erlöse aus im Drittland steuerbaren
/// Leistungen, im Inland nicht steuerbare Umsätze" (Kz 45).
const AUTOMATIC: &[(&str, u32, VatCategory, i64)] = &[
    ("SKR03", 8400, VatCategory::Standard, 1900),
    ("SKR03", 8300, VatCategory::Standard, 700),
    ("SKR03", 8336, VatCategory::ReverseCharge, 0),
    ("SKR03", 8338, VatCategory::OutOfScope, 0),
    ("SKR04", 4400, VatCategory::Standard, 1900),
    ("SKR04", 4300, VatCategory::Standard, 700),
    ("SKR04", 4336, VatCategory::ReverseCharge, 0),
    ("SKR04", 4338, VatCategory::OutOfScope, 0),
];

/// The revenue accounts `hsadmin.toml.example` sets, which are SKR03's; under SKR04 they are a mistake.
const SKR03_DEFAULTS: &[u32] = &[8400, 8336, 8338, 8200];

/// DATEV's BU-Schlüssel for a booking on a revenue account that is not an automatic one (the key table of
/// DATEV's SKR03/SKR04 Kontenrahmen): 3 = Umsatzsteuer 19 %, 2 = Umsatzsteuer 7 %, 47 = "Erlöse aus im
/// anderen EU-Land steuerpflichtigen sonstigen Leistungen, für die der Leistungsempfänger die
/// Umsatzsteuer schuldet" (Ausweis ZM und Kennzahl 21 der UStVA). No key where no German tax arises: the
/// membership fee (no supply) and services to buyers outside the EU (not taxable here) go to accounts
/// without tax. `Err` names a rate no key covers.
pub fn tax_key(chart: &str, account: u32, category: VatCategory, rate_bp: i64) -> std::result::Result<Option<&'static str>, String> {
    if let Some((_, _, cat, rate)) = AUTOMATIC.iter().find(|(c, a, _, _)| *c == chart && *a == account) {
        if (*cat, *rate) == (category, rate_bp) {
            return Ok(None);
        }
        return Err(format!("{account} is DATEV's automatic account for {} in {chart}, not for {}", what(*cat, *rate), what(category, rate_bp)));
    }
    match (category, rate_bp) {
        (VatCategory::Standard, 1900) => Ok(Some("3")),
        (VatCategory::Standard, 700) => Ok(Some("2")),
        (VatCategory::ReverseCharge, _) => Ok(Some("47")),
        (VatCategory::OutOfScope | VatCategory::Exempt, _) => Ok(None),
        (VatCategory::Standard, rate) => Err(format!("no DATEV tax key is known for a VAT rate of {} %", percent(rate))),
    }
}

fn what(category: VatCategory, rate_bp: i64) -> String {
    match category {
        VatCategory::Standard => format!("{} % VAT", percent(rate_bp)),
        VatCategory::ReverseCharge => "reverse charge".into(),
        VatCategory::OutOfScope => "services outside the EU".into(),
        VatCategory::Exempt => "tax-exempt amounts".into(),
    }
}

fn percent(rate_bp: i64) -> String {
    if rate_bp % 100 == 0 { format!("{}", rate_bp / 100) } else { format!("{},{:02}", rate_bp / 100, rate_bp % 100) }
}

/// Checks the accounts before anything is booked: member numbers as debtor accounts need a Sachkontenlänge
/// of 4 (DATEV's Personenkonten are one digit longer, debtors 10000–69999), and SKR04 books should not
/// use SKR03's revenue accounts (a warning: a chart may have its own accounts).
fn check_accounts(accounts: &AccountsConfig, invoices: &[Invoice], warnings: &mut Vec<String>) -> Result<()> {
    if accounts.receivables.is_none() {
        if accounts.account_length != 4 {
            return Err(Error::invalid(
                "billing.accounts.receivables",
                format!(
                    "must be set when account_length is {}: member numbers (5 digits) are debtor accounts only with a Sachkontenlänge of 4",
                    accounts.account_length
                ),
            ));
        }
        if let Some(inv) = invoices.iter().find(|i| i.member.get() >= 70000) {
            return Err(Error::invalid(
                "billing.accounts.receivables",
                format!("must be set: member {} is no DATEV debtor account (debtors are 10000–69999, 70000 and up are creditors)", inv.member),
            ));
        }
    }
    if accounts.chart == "SKR04" {
        for (key, value) in revenue_accounts(accounts) {
            if SKR03_DEFAULTS.contains(&value) {
                warnings.push(format!("billing.accounts.{key} is {value}, an SKR03 account, but the chart is SKR04 (see the README for SKR04's accounts)"));
            }
        }
    }
    Ok(())
}

fn revenue_accounts(a: &AccountsConfig) -> [(&'static str, u32); 4] {
    [
        ("revenue_domestic", a.revenue_domestic),
        ("revenue_reverse_charge", a.revenue_reverse_charge),
        ("revenue_non_eu", a.revenue_non_eu),
        ("revenue_fee", a.revenue_fee),
    ]
}

/// An account as the files write it: a general ledger account zero-padded to the Sachkontenlänge (DATEV
/// fixes the length in the header), a personal account (one digit longer) as it is.
fn account(number: u32, length: u8) -> String {
    format!("{number:0w$}", w = length as usize)
}

/// The revenue account of a line: the membership fee has its own, every other line goes by its VAT
/// category. A tax-exempt supply (a catalog price at 0 %) has none.
fn revenue_of(accounts: &AccountsConfig, kind: LineKind, category: VatCategory) -> Option<u32> {
    match (kind, category) {
        (LineKind::Fee, _) => Some(accounts.revenue_fee),
        (_, VatCategory::Standard) => Some(accounts.revenue_domestic),
        (_, VatCategory::ReverseCharge) => Some(accounts.revenue_reverse_charge),
        (_, VatCategory::OutOfScope) => Some(accounts.revenue_non_eu),
        (_, VatCategory::Exempt) => None,
    }
}

/// The groups of an invoice's lines that become one booking each: VAT category, rate and revenue
/// account, in the order they first appear, with their net, tax and the end of their service.
struct Group {
    category: VatCategory,
    rate_bp: i64,
    revenue: u32,
    net: i64,
    service_to: String,
}

fn groups(inv: &Invoice, accounts: &AccountsConfig) -> Result<Vec<Group>> {
    let mut out: Vec<Group> = Vec::new();
    for l in &inv.lines {
        let revenue = revenue_of(accounts, l.kind, l.vat_category).ok_or_else(|| {
            Error::Failed(format!(
                "{} {}: line {} ({}) is a tax-exempt supply, and [billing.accounts] has no revenue account for those",
                kind_word(inv.kind),
                inv.number,
                l.pos,
                l.description
            ))
        })?;
        match out.iter_mut().find(|g| g.category == l.vat_category && g.rate_bp == l.vat_rate_bp && g.revenue == revenue) {
            Some(g) => {
                g.net += l.net.cents();
                g.service_to = g.service_to.clone().max(l.service_to.clone());
            }
            None => out.push(Group { category: l.vat_category, rate_bp: l.vat_rate_bp, revenue, net: l.net.cents(), service_to: l.service_to.clone() }),
        }
    }
    Ok(out)
}

fn kind_word(kind: InvoiceKind) -> &'static str {
    match kind {
        InvoiceKind::Invoice => "Rechnung",
        InvoiceKind::CreditNote => "Gutschrift",
    }
}

/// Buchungstext (at most 60 characters): `Rechnung 2026-00001 Mitglied 10001 Jürgen Müller`, a credit note
/// `Gutschrift 2026-00005 zu 2026-00001 Mitglied 10001 …` (its open item is reconciled by hand). The name in
/// Windows-1252 (accents of other Latin letters dropped); a name it cannot hold at all is left out, with a
/// warning, rather than written as `?`.
fn text(inv: &Invoice, warnings: &mut Vec<String>) -> String {
    let head = match &inv.corrects {
        Some(original) => format!("{} {} zu {original} Mitglied {}", kind_word(inv.kind), inv.number, inv.member),
        None => format!("{} {} Mitglied {}", kind_word(inv.kind), inv.number, inv.member),
    };
    let name = match cp1252::transliterate(inv.buyer.name.trim()) {
        Ok(name) => name,
        Err(c) => {
            warnings.push(format!(
                "{} {}: the name of member {} has {c:?} (U+{:04X}), which Windows-1252 cannot hold; the booking text leaves the name out",
                kind_word(inv.kind),
                inv.number,
                inv.member,
                c as u32
            ));
            String::new()
        }
    };
    let full = if name.is_empty() { head } else { format!("{head} {name}") };
    full.chars().take(60).collect::<String>().trim_end().to_owned()
}

/// The bookings of one invoice or credit note.
fn invoice_bookings(inv: &Invoice, accounts: &AccountsConfig, warnings: &mut Vec<String>) -> Result<Vec<Booking>> {
    let debtor = match accounts.receivables {
        Some(r) => account(r, accounts.account_length),
        None => inv.member.to_string(),
    };
    let date = |field: &str, value: &str| {
        model::date(field, value).map_err(|_| Error::Failed(format!("{} {}: {field} {value:?} is not a date", kind_word(inv.kind), inv.number)))
    };
    let (issued, due) = (date("issued", &inv.issued)?, date("due", &inv.due)?);
    let text = text(inv, warnings);
    let mut out: Vec<Booking> = Vec::new();
    for g in groups(inv, accounts)? {
        let tax = model::vat_of(g.net, g.rate_bp);
        let gross = g.net + tax;
        if gross == 0 {
            continue;
        }
        let tax_key = tax_key(&accounts.chart, g.revenue, g.category, g.rate_bp)
            .map_err(|why| Error::Failed(format!("{} {}: cannot book it on {}: {why}", kind_word(inv.kind), inv.number, g.revenue)))?;
        let invoice = inv.kind == InvoiceKind::Invoice;
        out.push(Booking {
            number: inv.number.clone(),
            kind: inv.kind,
            member: inv.member,
            issued,
            service_to: date("service_to", &g.service_to)?,
            due,
            amount: Money::from_cents(gross.abs()),
            debit: invoice == (gross > 0),
            debtor: debtor.clone(),
            revenue: account(g.revenue, accounts.account_length),
            tax_key,
            vat_id: inv.buyer.vat_id.clone().filter(|_| g.category == VatCategory::ReverseCharge),
            text: text.clone(),
        });
    }
    let booked: i64 = out.iter().map(|b| b.amount.cents()).sum();
    if booked != inv.gross.cents() {
        return Err(Error::Failed(format!(
            "{} {}: its bookings add up to {}, its gross is {}",
            kind_word(inv.kind),
            inv.number,
            Money::from_cents(booked),
            inv.gross
        )));
    }
    Ok(out)
}

/// Every booking of the invoices and credit notes, in their order.
pub fn bookings(invoices: &[Invoice], accounts: &AccountsConfig, warnings: &mut Vec<String>) -> Result<Vec<Booking>> {
    check_accounts(accounts, invoices, warnings)?;
    let mut out = Vec::new();
    for inv in invoices {
        out.extend(invoice_bookings(inv, accounts, warnings)?);
    }
    Ok(out)
}

/// The first day of the fiscal year `date` lies in, for a year that starts on `start` (`MM-DD`; a
/// 29 February start is the 1 March of other years).
pub fn fiscal_year_of(date: NaiveDate, start: &str) -> NaiveDate {
    let (m, d) = start.split_once('-').and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?))).unwrap_or((1, 1));
    let on = |year: i32| NaiveDate::from_ymd_opt(year, m, d).or_else(|| NaiveDate::from_ymd_opt(year, 3, 1)).expect("a day of the year");
    if on(date.year()) <= date { on(date.year()) } else { on(date.year() - 1) }
}

/// The dates a file covers: the month, widened to every Belegdatum in it (invoices are issued from the
/// month's first day on, often in the next month), then cut to the one fiscal year all Belegdatum lie in —
/// DATEV and Lexware import one fiscal year per file. Bookings in two fiscal years are refused.
pub fn span(period: BillingMonth, bookings: &[Booking], fiscal_year_start: &str) -> Result<Span> {
    let fy = |d: NaiveDate| fiscal_year_of(d, fiscal_year_start);
    let Some(first) = bookings.first() else {
        let year = fy(period.first_day());
        return Ok(Span {
            from: period.first_day(),
            to: period.last_day().min(next_year(year, fiscal_year_start).pred_opt().expect("a day")),
            fiscal_year: year,
        });
    };
    let year = fy(first.issued);
    if let Some(other) = bookings.iter().find(|b| fy(b.issued) != year) {
        return Err(Error::Conflict(format!(
            "the invoices of {period} lie in two fiscal years (the year starts on {fiscal_year_start}): {} {} issued {} and {} {} issued {}; \
             DATEV and Lexware import one fiscal year per file",
            kind_word(first.kind),
            first.number,
            first.issued,
            kind_word(other.kind),
            other.number,
            other.issued
        )));
    }
    let earliest = bookings.iter().map(|b| b.issued).min().expect("bookings");
    let latest = bookings.iter().map(|b| b.issued).max().expect("bookings");
    let year_end = next_year(year, fiscal_year_start).pred_opt().expect("a day");
    let from = period.first_day().min(earliest).max(year);
    let to = period.last_day().max(latest).min(year_end);
    Ok(Span { from, to, fiscal_year: year })
}

fn next_year(start: NaiveDate, fiscal_year_start: &str) -> NaiveDate {
    fiscal_year_of(start.checked_add_days(chrono::Days::new(366)).expect("a date"), fiscal_year_start)
}

/// An amount with a decimal comma and no thousands separator, as both files write it: `1234,50`.
pub fn amount(m: Money) -> String {
    m.to_string().replace('.', ",")
}

/// Text in Windows-1252 (every text in these files was checked or transliterated before).
fn encode(text: &str) -> Result<Vec<u8>> {
    cp1252::encode(text).map_err(|c| Error::Failed(format!("the export holds {c:?} (U+{:04X}), which Windows-1252 cannot hold", c as u32)))
}

#[cfg(test)]
pub(crate) mod tests;
