//! The billing rules as a pure function: what the ledger holds for one member and one month (the member,
//! the packages active in it with their domains and measured usage, the catalog) → the invoice draft, or
//! nothing to bill, with warnings. No ledger access here: `ops::invoice` reads the rows and issues.
//!
//! The rules (billing-spec, "Billing rules"): a line per package active in the month and not free, prorated
//! by days, split where a new tariff starts; the resources booked above the included ones; webspace and
//! traffic measured above the booked volume (not prorated, at the tariff of the first active day); the
//! domains the hoster registers, per TLD as the catalog prices them; the membership fee. No zero lines.
use crate::ledger::catalog::{Price, Product};
use crate::ledger::domain::Domain;
use crate::ledger::invoice::{Draft, Line, Party};
use crate::ledger::member::Member;
use crate::ledger::package::Package;
use crate::model::{BillingMonth, EU, InvoiceKind, LineKind, Money, Period, ProductKind, Unit, VatCase, VatCategory, line_net};
use crate::{Error, Result};
use chrono::NaiveDate;

/// One member's rows for one month.
#[derive(Debug, Clone)]
pub struct Rows {
    pub member: Member,
    /// The member's packages active in the month (free ones too: they are left out here), by name.
    pub packages: Vec<PackageRows>,
    /// The whole catalog: products by code, and every tariff.
    pub products: Vec<Product>,
    pub prices: Vec<Price>,
}

/// A package with its domains and what it used on its active days of the month.
#[derive(Debug, Clone)]
pub struct PackageRows {
    pub package: Package,
    pub domains: Vec<Domain>,
    /// The most disk (KiB) measured on one of its active days, if it was measured.
    pub peak_disk_kb: Option<i64>,
    /// Bytes its domains sent on its active days.
    pub bytes_out: i64,
}

/// What an invoice gets besides the rows: the month, the issue date, the terms and the seller.
#[derive(Debug, Clone)]
pub struct Terms {
    pub period: BillingMonth,
    pub issued: NaiveDate,
    pub payment_terms_days: u32,
    pub seller: Party,
}

/// The draft (none when there is nothing to bill) and what the run should say about it.
#[derive(Debug, Clone)]
pub struct Built {
    pub draft: Option<Draft>,
    pub warnings: Vec<String>,
}

/// A run of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// A date the ledger holds (`YYYY-MM-DD`).
fn day(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Error::Failed(format!("the ledger holds {s:?} where a date belongs")))
}

/// The days of `period` something runs that starts on `from` and ends on `to` (open-ended: `None`), if any.
pub fn active(period: BillingMonth, from: &str, to: Option<&str>) -> Result<Option<Span>> {
    let from = day(from)?.max(period.first_day());
    let to = match to {
        Some(t) => day(t)?.min(period.last_day()),
        None => period.last_day(),
    };
    Ok((from <= to).then_some(Span { from, to }))
}

/// How a member's supplies are taxed: by the member's country (unset: DE); an EU business with a VAT id
/// under reverse charge; an EU consumer pays German VAT.
pub fn vat_case(m: &Member) -> VatCase {
    let country = m.country.as_ref().map_or("DE", |c| c.as_str());
    match country {
        "DE" => VatCase::Domestic,
        c if EU.contains(&c) && m.vat_reverse_charge && m.vat_id.is_some() => VatCase::ReverseCharge,
        c if EU.contains(&c) => VatCase::Domestic,
        _ => VatCase::NonEu,
    }
}

/// Why a member gets no invoice for `period` whatever it has, if it does not.
pub fn not_billed(m: &Member, period: BillingMonth) -> Option<String> {
    if !m.billable {
        return Some("not billable".into());
    }
    let (first, last) = (period.first_day().to_string(), period.last_day().to_string());
    if m.since > last || m.until.as_ref().is_some_and(|u| *u < first) {
        return Some(format!("not a member in {period}"));
    }
    None
}

/// The buyer as the invoice keeps it.
pub fn buyer(m: &Member) -> Party {
    Party {
        name: m.name.clone(),
        street: m.street.clone(),
        zipcode: m.zipcode.clone(),
        city: m.city.clone(),
        country: Some(m.country.as_ref().map_or("DE", |c| c.as_str()).to_owned()),
        email: Some(m.email.to_string()),
        vat_id: m.vat_id.as_ref().map(ToString::to_string),
        ..Party::default()
    }
}

/// The member's invoice draft for the month, or `None` when nothing is to be billed.
pub fn draft(rows: &Rows, terms: &Terms) -> Result<Built> {
    let mut b = Builder { rows, period: terms.period, case: vat_case(&rows.member), lines: Vec::new(), warnings: Vec::new() };
    let mut packages: Vec<&PackageRows> = rows.packages.iter().collect();
    packages.sort_by(|a, b| a.package.name.cmp(&b.package.name));
    for p in packages {
        b.package(p)?;
    }
    b.fee()?;
    let Builder { mut lines, warnings, case, .. } = b;
    if lines.is_empty() {
        return Ok(Built { draft: None, warnings });
    }
    for (i, l) in lines.iter_mut().enumerate() {
        l.pos = i as i64 + 1;
    }
    let due = terms.issued + chrono::Days::new(u64::from(terms.payment_terms_days));
    let m = &rows.member;
    let draft = Draft {
        kind: InvoiceKind::Invoice,
        member: m.number,
        period: terms.period,
        issued: terms.issued.to_string(),
        due: due.to_string(),
        corrects: None,
        vat_case: case,
        buyer: buyer(m),
        seller: terms.seller.clone(),
        lines,
    };
    Ok(Built { draft: Some(draft), warnings })
}

/// What a line is for, before its amounts.
struct Charge {
    kind: LineKind,
    product: String,
    package: Option<String>,
    domain: Option<String>,
    description: String,
}

impl Charge {
    /// The line: `quantity × unit_price ÷ base`, rounded to the cent (numbered later).
    fn line(self, span: Span, (quantity, unit, base): (i64, Unit, i64), unit_price: Money, (category, rate): (VatCategory, i64)) -> Line {
        Line {
            pos: 0,
            kind: self.kind,
            product: self.product,
            package: self.package,
            domain: self.domain,
            description: self.description,
            service_from: span.from.to_string(),
            service_to: span.to.to_string(),
            quantity,
            unit,
            unit_price,
            base_quantity: base,
            net: Money::from_cents(line_net(quantity, unit_price.cents(), base)),
            vat_category: category,
            vat_rate_bp: rate,
        }
    }
}

/// `⌈a ÷ b⌉` for a positive excess, 0 for none.
fn ceil_div(a: i64, b: i64) -> i64 {
    if a <= 0 { 0 } else { (a + b - 1) / b }
}

/// `1 zusätzlicher Benutzer`, `3 zusätzliche Benutzer`.
fn counted(n: i64, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

struct Builder<'a> {
    rows: &'a Rows,
    period: BillingMonth,
    case: VatCase,
    lines: Vec<Line>,
    warnings: Vec<String>,
}

impl Builder<'_> {
    /// Keeps a line that amounts to something.
    fn push(&mut self, line: Line) {
        if line.net.cents() != 0 {
            self.lines.push(line);
        }
    }

    fn warn(&mut self, w: String) {
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    /// Quantity, unit and base quantity of `n` units over `span` at a price per month (a twelfth of a price
    /// per year): the whole month is `n MON`, part of it `n·d DAY` over the month's days.
    fn prorated(&self, span: Span, n: i64, per: Period) -> (i64, Unit, i64) {
        let twelfths = if per == Period::Year { 12 } else { 1 };
        if span.from == self.period.first_day() && span.to == self.period.last_day() {
            (n, Unit::Month, twelfths)
        } else {
            (n * span.days(), Unit::Day, twelfths * self.period.days())
        }
    }

    /// The tariffs of `product` over `span`: the one in force on its first day, split where another starts.
    fn tariffs(&self, product: &str, span: Span) -> Result<Vec<(Span, &Price)>> {
        let mut mine: Vec<&Price> = self.rows.prices.iter().filter(|p| p.product.as_str() == product).collect();
        mine.sort_by(|a, b| a.valid_from.cmp(&b.valid_from));
        let first = span.from.to_string();
        let start = mine
            .iter()
            .rposition(|p| p.valid_from <= first)
            .ok_or_else(|| Error::Conflict(format!("product {product} has no price valid on {first}; add one to the catalog (`hsadmin catalog import`)")))?;
        let (mut out, mut from, mut current) = (Vec::new(), span.from, mine[start]);
        for next in &mine[start + 1..] {
            let at = day(&next.valid_from)?;
            if at > span.to {
                break;
            }
            out.push((Span { from, to: at.pred_opt().expect("a day before") }, current));
            (from, current) = (at, next);
        }
        out.push((Span { from, to: span.to }, current));
        Ok(out)
    }

    /// The VAT of a supply at `price`: S at its rate (E at 0 %) at home, AE under reverse charge, O abroad.
    fn supply_vat(&self, price: &Price) -> (VatCategory, i64) {
        match self.case {
            VatCase::Domestic if price.vat_rate_bp > 0 => (VatCategory::Standard, price.vat_rate_bp),
            VatCase::Domestic => (VatCategory::Exempt, 0),
            VatCase::ReverseCharge => (VatCategory::ReverseCharge, 0),
            VatCase::NonEu => (VatCategory::OutOfScope, 0),
        }
    }

    /// The membership fee is no supply: E, or O beside the O lines of a member outside the EU.
    fn fee_vat(&self) -> (VatCategory, i64) {
        if self.case == VatCase::NonEu { (VatCategory::OutOfScope, 0) } else { (VatCategory::Exempt, 0) }
    }

    fn product(&self, code: &str) -> Result<&Product> {
        self.rows.products.iter().find(|p| p.code.as_str() == code).ok_or_else(|| Error::Failed(format!("product {code} is not in the catalog")))
    }

    /// A package's lines: per tariff the package and its extra resources, then measured usage, then domains.
    fn package(&mut self, rows: &PackageRows) -> Result<()> {
        let p = &rows.package;
        let Some(span) = active(self.period, &p.valid_from, p.valid_to.as_deref())?.filter(|_| !p.free) else {
            return Ok(());
        };
        let product = self.product(p.product.as_str())?.clone();
        let tariffs: Vec<(Span, Price)> = self.tariffs(product.code.as_str(), span)?.into_iter().map(|(s, p)| (s, p.clone())).collect();
        for (s, price) in &tariffs {
            self.booked(p, &product, *s, price);
        }
        self.usage(rows, &product, span, &tariffs[0].1);
        for d in &rows.domains {
            self.domain(p, d)?;
        }
        Ok(())
    }

    fn charge(kind: LineKind, product: &Product, p: &Package, description: String) -> Charge {
        Charge { kind, product: product.code.to_string(), package: Some(p.name.to_string()), domain: None, description }
    }

    /// The package itself and what it has booked above what the tariff includes, prorated over `span`.
    fn booked(&mut self, p: &Package, product: &Product, span: Span, price: &Price) {
        let vat = self.supply_vat(price);
        let name = p.name.as_str();
        let line = Self::charge(LineKind::Package, product, p, format!("{} ({name})", product.name)).line(
            span,
            self.prorated(span, 1, product.period),
            price.base,
            vat,
        );
        self.push(line);
        let (inc, x) = (&price.included, &price.extra);
        let users = p.users - inc.users;
        let domains = p.domains - inc.domains;
        let webspace = ceil_div(p.webspace_mb - inc.webspace_mb, 1024);
        let traffic = p.traffic_gb - inc.traffic_gb;
        let extras = [
            (users, x.user, counted(users, "zusätzlicher Benutzer", "zusätzliche Benutzer")),
            (domains, x.domain, counted(domains, "zusätzliche Domain", "zusätzliche Domains")),
            (webspace, x.webspace_gb, format!("{webspace} GB zusätzlicher Speicherplatz")),
            (traffic, x.traffic_gb, format!("{traffic} GB zusätzliches Traffic-Volumen")),
        ];
        for (n, unit_price, text) in extras.into_iter().filter(|(n, _, _)| *n > 0) {
            let line =
                Self::charge(LineKind::Resource, product, p, format!("{name}: {text}")).line(span, self.prorated(span, n, product.period), unit_price, vat);
            self.push(line);
        }
    }

    /// Webspace and traffic measured above the booked volume (at least what the tariff includes), in
    /// started gigabytes over the package's active days: webspace GiB (1024 MiB), traffic GB (10^9 bytes).
    fn usage(&mut self, rows: &PackageRows, product: &Product, span: Span, price: &Price) {
        let (p, inc, x) = (&rows.package, &price.included, &price.extra);
        let vat = self.supply_vat(price);
        let disk_gb = rows.peak_disk_kb.map_or(0, |kb| ceil_div(kb - p.webspace_mb.max(inc.webspace_mb) * 1024, 1024 * 1024));
        if disk_gb > 0 {
            let text = format!("{}: Speicherplatz über gebuchtem Volumen", p.name);
            let line = Self::charge(LineKind::Webspace, product, p, text).line(span, (disk_gb, Unit::Gigabyte, 1), x.webspace_gb, vat);
            self.push(line);
        }
        let traffic_gb = ceil_div(rows.bytes_out - p.traffic_gb.max(inc.traffic_gb) * 1_000_000_000, 1_000_000_000);
        if traffic_gb > 0 {
            let text = format!("{}: Traffic über Inklusivvolumen", p.name);
            let line = Self::charge(LineKind::Traffic, product, p, text).line(span, (traffic_gb, Unit::Gigabyte, 1), x.traffic_gb, vat);
            self.push(line);
        }
    }

    /// A domain the hoster pays the registry for, at its TLD's price per year: a twelfth a month, by days
    /// from its registration in the month. A TLD without a product is a warning, not a line.
    fn domain(&mut self, p: &Package, d: &Domain) -> Result<()> {
        if !matches!(d.registration.as_str(), "pending" | "registered" | "transfer-pending") {
            return Ok(());
        }
        let since = day(&d.since)?;
        if since > self.period.last_day() {
            return Ok(());
        }
        let tld = d.name.as_str().rsplit('.').next().unwrap_or_default().to_ascii_uppercase();
        let code = format!("DOMAIN/{tld}");
        let Some(product) = self.rows.products.iter().find(|x| x.code.as_str() == code && x.kind == ProductKind::Domain).cloned() else {
            self.warn(format!("domain {} (package {}): the catalog has no domain product {code}; not billed", d.name, p.name));
            return Ok(());
        };
        let span = Span { from: since.max(self.period.first_day()), to: self.period.last_day() };
        let tariffs: Vec<(Span, Price)> = self.tariffs(&code, span)?.into_iter().map(|(s, p)| (s, p.clone())).collect();
        for (s, price) in tariffs {
            let charge = Charge {
                kind: LineKind::Domain,
                product: code.clone(),
                package: Some(p.name.to_string()),
                domain: Some(d.name.to_string()),
                description: format!("Domain {}", d.unicode),
            };
            let line = charge.line(s, self.prorated(s, 1, product.period), price.base, self.supply_vat(&price));
            self.push(line);
        }
        Ok(())
    }

    /// The membership fee, when billable: the first membership product, prorated by membership days.
    fn fee(&mut self) -> Result<()> {
        let m = &self.rows.member;
        if !m.fee_billable {
            return Ok(());
        }
        let Some(product) = self.rows.products.iter().filter(|p| p.kind == ProductKind::Membership).min_by(|a, b| a.code.cmp(&b.code)).cloned() else {
            self.warn(format!("the catalog has no membership product; the fee of member {} is not billed", m.number));
            return Ok(());
        };
        let Some(span) = active(self.period, &m.since, m.until.as_deref())? else {
            return Ok(());
        };
        let tariffs: Vec<(Span, Price)> = self.tariffs(product.code.as_str(), span)?.into_iter().map(|(s, p)| (s, p.clone())).collect();
        for (s, price) in tariffs {
            let charge = Charge { kind: LineKind::Fee, product: product.code.to_string(), package: None, domain: None, description: "Mitgliedsbeitrag".into() };
            let line = charge.line(s, self.prorated(s, 1, product.period), price.base, self.fee_vat());
            self.push(line);
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
