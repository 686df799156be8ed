//! Unit tests of the billing rules on hand-made rows; every figure is worked out by hand in the comments.
//! The month is June 2026 (30 days) unless a test says otherwise.
use super::*;
use crate::ledger::catalog::{Extra, Included};
use crate::model::{DomainName, Email, MemberKind, MemberNumber, MemberStatus, PackageName, Prefix, ProductCode, ServerName, VatCountry, VatId};

fn june() -> BillingMonth {
    BillingMonth::parse("period", "2026-06").unwrap()
}

fn eur(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn member(since: &str) -> Member {
    Member {
        number: MemberNumber::parse("m", "10001").unwrap(),
        prefix: Prefix::parse("p", "xyz").unwrap(),
        name: "Erika Mustermann".into(),
        kind: MemberKind::Person,
        email: Email::parse("e", "erika@example.org").unwrap(),
        phone: None,
        street: Some("Hauptstr. 1".into()),
        zipcode: Some("20095".into()),
        city: Some("Hamburg".into()),
        country: None,
        vat_id: None,
        vat_country: None,
        vat_reverse_charge: false,
        since: since.into(),
        until: None,
        status: MemberStatus::Active,
        fee_billable: true,
        billable: true,
    }
}

/// A member abroad: `country`, with a VAT id and reverse charge when given.
fn abroad(country: &str, vat_id: Option<&str>) -> Member {
    let mut m = member("2026-01-01");
    m.country = Some(VatCountry::parse("c", country).unwrap());
    m.vat_id = vat_id.map(|v| VatId::parse("v", v).unwrap());
    m.vat_country = m.country.clone().filter(|_| vat_id.is_some());
    m.vat_reverse_charge = vat_id.is_some();
    m
}

fn package(name: &str, from: &str, to: Option<&str>) -> Package {
    Package {
        name: PackageName::parse("n", name).unwrap(),
        member: MemberNumber::parse("m", "10001").unwrap(),
        product: ProductCode::parse("p", "DW/SA").unwrap(),
        server: ServerName::parse("s", "h1").unwrap(),
        webspace_mb: 1024,
        traffic_gb: 16,
        users: 25,
        domains: 10,
        valid_from: from.into(),
        valid_to: to.map(Into::into),
        free: false,
        comment: None,
        purged_at: None,
    }
}

fn domain(name: &str, since: &str, registration: &str) -> Domain {
    let n = DomainName::parse("d", name).unwrap();
    Domain {
        unicode: n.unicode(),
        name: n,
        package: PackageName::parse("n", "xyz00").unwrap(),
        user: None,
        hosted: false,
        subdomains: Vec::new(),
        cgi: false,
        php: true,
        indexes: true,
        https: false,
        registration: registration.into(),
        registrar_handle: None,
        since: since.into(),
        expires: None,
        registrant_handle: None,
        auth_code: None,
        registry_status: None,
        mail: true,
    }
}

fn product(code: &str, name: &str, kind: ProductKind, period: Period) -> Product {
    Product { code: ProductCode::parse("c", code).unwrap(), name: name.into(), kind, period }
}

fn price(code: &str, from: &str, base: i64, vat: i64) -> Price {
    Price {
        product: ProductCode::parse("c", code).unwrap(),
        valid_from: from.into(),
        base: eur(base),
        vat_rate_bp: vat,
        included: Included::default(),
        extra: Extra::default(),
    }
}

/// examples/catalog.toml, in part: DW/SA 10.00 a month (1024 MB, 16 GB, 25 users, 10 domains included;
/// 1.00 per GB, 0.25 per GB traffic, 0.50 per user, 1.00 per domain), DS/SU 5.00 (1 user, no price per
/// user), .de 12.00 and .org 18.00 a year, the fee 10.00 a month at 0 %.
fn catalog() -> (Vec<Product>, Vec<Price>) {
    let products = vec![
        product("DOMAIN/DE", "Domain .de", ProductKind::Domain, Period::Year),
        product("DOMAIN/ORG", "Domain .org", ProductKind::Domain, Period::Year),
        product("DS/SU", "Dump space, single user", ProductKind::Webspace, Period::Month),
        product("DW/SA", "Dynamic Web, single admin", ProductKind::Webspace, Period::Month),
        product("FEE/MEMBER", "Membership fee", ProductKind::Membership, Period::Month),
    ];
    let mut dw = price("DW/SA", "2026-01-01", 1000, 1900);
    dw.included = Included { webspace_mb: 1024, traffic_gb: 16, users: 25, domains: 10, databases: 0, addresses: 0 };
    dw.extra = Extra { webspace_gb: eur(100), traffic_gb: eur(25), user: eur(50), domain: eur(100) };
    let mut ds = price("DS/SU", "2026-01-01", 500, 1900);
    ds.included = Included { webspace_mb: 10240, traffic_gb: 8, users: 1, domains: 0, databases: 0, addresses: 0 };
    ds.extra = Extra { webspace_gb: eur(20), traffic_gb: eur(25), ..Extra::default() };
    let prices =
        vec![price("DOMAIN/DE", "2026-01-01", 1200, 1900), price("DOMAIN/ORG", "2026-01-01", 1800, 1900), ds, dw, price("FEE/MEMBER", "2026-01-01", 1000, 0)];
    (products, prices)
}

fn rows(member: Member, packages: Vec<PackageRows>) -> Rows {
    let (products, prices) = catalog();
    Rows { member, packages, products, prices }
}

fn plain(p: Package) -> PackageRows {
    PackageRows { package: p, domains: Vec::new(), peak_disk_kb: None, bytes_out: 0 }
}

fn terms() -> Terms {
    Terms {
        period: june(),
        issued: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
        payment_terms_days: 14,
        seller: Party { name: "Hostsharing eG".into(), ..Party::default() },
    }
}

fn build(r: &Rows) -> Built {
    draft(r, &terms()).unwrap()
}

/// A line as (description, quantity, unit, unit price, base, net, (category, rate)): what is checked by hand.
type Checked = (String, i64, &'static str, i64, i64, i64, (&'static str, i64));

fn lines(b: &Built) -> Vec<Checked> {
    let d = b.draft.as_ref().expect("an invoice");
    let checked = |l: &Line| {
        (l.description.clone(), l.quantity, l.unit.as_str(), l.unit_price.cents(), l.base_quantity, l.net.cents(), (l.vat_category.as_str(), l.vat_rate_bp))
    };
    d.lines.iter().map(checked).collect()
}

fn line(d: &str, q: i64, unit: &'static str, price: i64, base: i64, net: i64, vat: (&'static str, i64)) -> Checked {
    (d.to_owned(), q, unit, price, base, net, vat)
}

#[test]
fn a_whole_month_at_home() {
    let b = build(&rows(member("2026-01-01"), vec![plain(package("xyz00", "2026-01-01", None))]));
    // 1 MON × 10.00 / 1 = 10.00 at 19 %; the fee 1 MON × 10.00 = 10.00, exempt (no supply).
    assert_eq!(
        lines(&b),
        [line("Dynamic Web, single admin (xyz00)", 1, "MON", 1000, 1, 1000, ("S", 1900)), line("Mitgliedsbeitrag", 1, "MON", 1000, 1, 1000, ("E", 0))]
    );
    let d = b.draft.unwrap();
    assert_eq!((d.issued.as_str(), d.due.as_str(), d.vat_case), ("2026-07-01", "2026-07-15", VatCase::Domestic));
    assert_eq!(d.lines.iter().map(|l| l.pos).collect::<Vec<_>>(), [1, 2]);
    assert_eq!((d.lines[0].service_from.as_str(), d.lines[0].service_to.as_str()), ("2026-06-01", "2026-06-30"));
    assert_eq!(d.buyer.country.as_deref(), Some("DE"), "no country is Germany");
    // VAT on the S basis once: 10.00 × 19 % = 1.90; E 0.00.
    let vat = crate::ledger::invoice::breakdown(&d.lines);
    assert_eq!(vat.iter().map(|v| (v.category.as_str(), v.basis.cents(), v.tax.cents())).collect::<Vec<_>>(), [("S", 1000, 190), ("E", 1000, 0)]);
}

#[test]
fn a_package_that_starts_or_ends_in_the_month_is_prorated_by_days() {
    // From 2026-06-10: 21 days (10th to 30th), 21 DAY × 10.00 / 30 = 7.00.
    let b = build(&rows(member("2026-01-01"), vec![plain(package("xyz00", "2026-06-10", None))]));
    assert_eq!(lines(&b)[0], line("Dynamic Web, single admin (xyz00)", 21, "DAY", 1000, 30, 700, ("S", 1900)));
    // Cancelled as of 2026-06-15 (its last day): 15 days, 15 × 10.00 / 30 = 5.00.
    let b = build(&rows(member("2026-01-01"), vec![plain(package("xyz00", "2026-01-01", Some("2026-06-15")))]));
    assert_eq!(lines(&b)[0], line("Dynamic Web, single admin (xyz00)", 15, "DAY", 1000, 30, 500, ("S", 1900)));
    assert_eq!(b.draft.unwrap().lines[0].service_to, "2026-06-15");
    // One day, in February 2026 (28 days): 1 × 10.00 / 28 = 0.357… → 0.36.
    let mut t = terms();
    t.period = BillingMonth::parse("p", "2026-02").unwrap();
    let b = draft(&rows(member("2026-01-01"), vec![plain(package("xyz00", "2026-02-28", None))]), &t).unwrap();
    assert_eq!(lines(&b)[0], line("Dynamic Web, single admin (xyz00)", 1, "DAY", 1000, 28, 36, ("S", 1900)));
}

#[test]
fn booked_resources_above_the_included_ones() {
    let mut p = package("xyz00", "2026-01-01", None);
    (p.users, p.domains, p.webspace_mb, p.traffic_gb) = (28, 11, 3000, 20);
    let b = build(&rows(member("2026-01-01"), vec![plain(p.clone())]));
    let l = lines(&b);
    // 28 − 25 = 3 users × 0.50 = 1.50; 11 − 10 = 1 domain × 1.00; ⌈(3000 − 1024) / 1024⌉ = ⌈1.93⌉ = 2 GB × 1.00;
    // 20 − 16 = 4 GB traffic × 0.25 = 1.00.
    assert_eq!(l[1], line("xyz00: 3 zusätzliche Benutzer", 3, "MON", 50, 1, 150, ("S", 1900)));
    assert_eq!(l[2], line("xyz00: 1 zusätzliche Domain", 1, "MON", 100, 1, 100, ("S", 1900)));
    assert_eq!(l[3], line("xyz00: 2 GB zusätzlicher Speicherplatz", 2, "MON", 100, 1, 200, ("S", 1900)));
    assert_eq!(l[4], line("xyz00: 4 GB zusätzliches Traffic-Volumen", 4, "MON", 25, 1, 100, ("S", 1900)));
    assert_eq!(l.len(), 6, "and the fee");
    // Prorated like the package: from 2026-06-21, 10 days: 3 × 10 = 30 DAY × 0.50 / 30 = 0.50.
    p.valid_from = "2026-06-21".into();
    let l = lines(&build(&rows(member("2026-01-01"), vec![plain(p)])));
    assert_eq!(l[1], line("xyz00: 3 zusätzliche Benutzer", 30, "DAY", 50, 30, 50, ("S", 1900)));
    // 2 GB × 10 days = 20 DAY × 1.00 / 30 = 0.666… → 0.67.
    assert_eq!(l[3], line("xyz00: 2 GB zusätzlicher Speicherplatz", 20, "DAY", 100, 30, 67, ("S", 1900)));
}

#[test]
fn no_zero_lines() {
    // DS/SU has no price per extra user: 3 users above the 1 included make no line.
    let mut p = package("xyz01", "2026-01-01", None);
    (p.product, p.users, p.webspace_mb, p.traffic_gb, p.domains) = (ProductCode::parse("p", "DS/SU").unwrap(), 4, 10240, 8, 0);
    let mut m = member("2026-01-01");
    m.fee_billable = false;
    let l = lines(&build(&rows(m, vec![plain(p)])));
    assert_eq!(l, [line("Dump space, single user (xyz01)", 1, "MON", 500, 1, 500, ("S", 1900))]);
}

#[test]
fn webspace_and_traffic_measured_above_the_booked_volume() {
    let mut r = plain(package("xyz00", "2026-01-01", None));
    // Peak 2.5 GiB = 2 621 440 KiB; booked max(1024, 1024) MB = 1 048 576 KiB; excess 1 572 864 KiB = 1.5 GiB
    // → 2 started GB × 1.00 = 2.00. Traffic 20 000 000 001 bytes over 16 GB = 16·10^9: excess 4 000 000 001
    // → 5 started GB × 0.25 = 1.25. Neither is prorated.
    (r.peak_disk_kb, r.bytes_out) = (Some(2_621_440), 20_000_000_001);
    let l = lines(&build(&rows(member("2026-01-01"), vec![r.clone()])));
    assert_eq!(l[1], line("xyz00: Speicherplatz über gebuchtem Volumen", 2, "E34", 100, 1, 200, ("S", 1900)));
    assert_eq!(l[2], line("xyz00: Traffic über Inklusivvolumen", 5, "E34", 25, 1, 125, ("S", 1900)));
    // Exactly at the volume: nothing. A booked 2048 MB covers a peak of 2 GiB; 16·10^9 bytes are included.
    (r.peak_disk_kb, r.bytes_out, r.package.webspace_mb) = (Some(2_097_152), 16_000_000_000, 2048);
    let l = lines(&build(&rows(member("2026-01-01"), vec![r.clone()])));
    assert_eq!(l.iter().filter(|l| l.2 == "E34").count(), 0, "{l:?}");
    // One KiB over: a started GB.
    r.peak_disk_kb = Some(2_097_153);
    assert_eq!(lines(&build(&rows(member("2026-01-01"), vec![r])))[2].5, 100);
}

#[test]
fn domains_per_tld_from_their_registration() {
    let mut r = plain(package("xyz00", "2026-01-01", None));
    r.domains = vec![
        // Registered before June: 1 MON × 12.00 / 12 = 1.00.
        domain("beispiel.de", "2026-03-01", "registered"),
        // Registered on 2026-06-20: 11 days, 11 DAY × 18.00 / (12 × 30) = 198 / 360 = 0.55.
        domain("example.org", "2026-06-20", "pending"),
        // A transfer under way is paid for too: 1.00.
        domain("umzug.de", "2026-01-10", "transfer-pending"),
        // Only hosted, or deleted: the hoster pays no registry.
        domain("hosted.de", "2026-01-01", "none"),
        domain("gone.de", "2026-01-01", "deleted"),
        // Registered after June: not in this month.
        domain("later.de", "2026-07-02", "registered"),
        // No product DOMAIN/IO: a warning.
        domain("tool.io", "2026-01-01", "registered"),
    ];
    let b = build(&rows(member("2026-01-01"), vec![r]));
    let l = lines(&b);
    assert_eq!(l[1], line("Domain beispiel.de", 1, "MON", 1200, 12, 100, ("S", 1900)));
    assert_eq!(l[2], line("Domain example.org", 11, "DAY", 1800, 360, 55, ("S", 1900)));
    assert_eq!(l[3], line("Domain umzug.de", 1, "MON", 1200, 12, 100, ("S", 1900)));
    assert_eq!(l.len(), 5, "and the fee: {l:?}");
    assert_eq!(b.warnings, ["domain tool.io (package xyz00): the catalog has no domain product DOMAIN/IO; not billed"]);
    let d = b.draft.unwrap();
    assert_eq!((d.lines[2].service_from.as_str(), d.lines[2].domain.as_deref()), ("2026-06-20", Some("example.org")));
}

#[test]
fn an_internationalised_domain_is_described_in_unicode() {
    let mut r = plain(package("xyz00", "2026-01-01", None));
    r.domains = vec![domain("xn--bcher-kva.de", "2026-01-01", "registered")];
    let d = build(&rows(member("2026-01-01"), vec![r])).draft.unwrap();
    assert_eq!((d.lines[1].description.as_str(), d.lines[1].domain.as_deref()), ("Domain bücher.de", Some("xn--bcher-kva.de")));
}

#[test]
fn a_new_tariff_inside_the_month_splits_the_lines() {
    let mut r = rows(member("2026-01-01"), vec![plain(package("xyz00", "2026-01-01", None))]);
    let mut new = r.prices.iter().find(|p| p.product.as_str() == "DW/SA").unwrap().clone();
    (new.valid_from, new.base) = ("2026-06-16".into(), eur(1200));
    r.prices.push(new);
    // 1st–15th at 10.00: 15 DAY × 10.00 / 30 = 5.00; 16th–30th at 12.00: 15 DAY × 12.00 / 30 = 6.00.
    let b = build(&r);
    let l = lines(&b);
    assert_eq!(l[0], line("Dynamic Web, single admin (xyz00)", 15, "DAY", 1000, 30, 500, ("S", 1900)));
    assert_eq!(l[1], line("Dynamic Web, single admin (xyz00)", 15, "DAY", 1200, 30, 600, ("S", 1900)));
    let d = b.draft.unwrap();
    assert_eq!((d.lines[0].service_to.as_str(), d.lines[1].service_from.as_str()), ("2026-06-15", "2026-06-16"));
    // A tariff from July does not touch June.
    let mut r = rows(member("2026-01-01"), vec![plain(package("xyz00", "2026-01-01", None))]);
    let mut july = r.prices.iter().find(|p| p.product.as_str() == "DW/SA").unwrap().clone();
    july.valid_from = "2026-07-01".into();
    r.prices.push(july);
    assert_eq!(lines(&build(&r))[0].1, 1);
}

#[test]
fn a_product_without_a_price_in_force_is_a_conflict() {
    let r = rows(member("2025-01-01"), vec![plain(package("xyz00", "2025-01-01", None))]);
    let mut t = terms();
    t.period = BillingMonth::parse("p", "2025-12").unwrap();
    let e = draft(&r, &t).unwrap_err();
    assert!(matches!(e, Error::Conflict(_)) && e.to_string().contains("DW/SA has no price valid on 2025-12-01"), "{e}");
}

#[test]
fn vat_by_the_members_case() {
    let p = || vec![plain(package("xyz00", "2026-01-01", None))];
    // An Austrian business with a VAT id: reverse charge (AE 0 %); the fee stays exempt (E).
    let b = build(&rows(abroad("AT", Some("ATU13585627")), p()));
    assert_eq!(
        lines(&b),
        [line("Dynamic Web, single admin (xyz00)", 1, "MON", 1000, 1, 1000, ("AE", 0)), line("Mitgliedsbeitrag", 1, "MON", 1000, 1, 1000, ("E", 0))]
    );
    assert_eq!(b.draft.as_ref().unwrap().vat_case, VatCase::ReverseCharge);
    assert_eq!(b.draft.unwrap().buyer.vat_id.as_deref(), Some("ATU13585627"));
    // An Austrian consumer pays German VAT.
    let b = build(&rows(abroad("AT", None), p()));
    assert_eq!((lines(&b)[0].6.0, b.draft.unwrap().vat_case), ("S", VatCase::Domestic));
    // Switzerland and the US: not taxable here (O), the fee too (O beside O only, BR-O-11…14).
    for country in ["CH", "US"] {
        let b = build(&rows(abroad(country, None), p()));
        assert_eq!(lines(&b).iter().map(|l| (l.6.0, l.6.1)).collect::<Vec<_>>(), [("O", 0), ("O", 0)], "{country}");
        assert_eq!(b.draft.unwrap().vat_case, VatCase::NonEu);
    }
    // A German member with a VAT id is domestic all the same.
    assert_eq!(vat_case(&abroad("DE", Some("DE136695976"))), VatCase::Domestic);
}

#[test]
fn a_price_at_zero_percent_is_exempt_at_home() {
    let mut r = rows(member("2026-01-01"), vec![plain(package("xyz00", "2026-01-01", None))]);
    r.prices.iter_mut().find(|p| p.product.as_str() == "DW/SA").unwrap().vat_rate_bp = 0;
    assert_eq!(lines(&build(&r))[0].6, ("E", 0));
}

#[test]
fn the_fee_by_membership_days() {
    // Joined on 2026-06-20: 11 days, 11 DAY × 10.00 / 30 = 3.666… → 3.67.
    let l = lines(&build(&rows(member("2026-06-20"), Vec::new())));
    assert_eq!(l, [line("Mitgliedsbeitrag", 11, "DAY", 1000, 30, 367, ("E", 0))]);
    // Left on 2026-06-05: 5 days, 5 × 10.00 / 30 = 1.666… → 1.67.
    let mut m = member("2026-01-01");
    m.until = Some("2026-06-05".into());
    assert_eq!(lines(&build(&rows(m, Vec::new())))[0].5, 167);
}

#[test]
fn free_packages_and_no_fee_bill_nothing() {
    let mut m = member("2026-01-01");
    m.fee_billable = false;
    let mut p = package("xyz00", "2026-01-01", None);
    p.free = true;
    let mut r = plain(p);
    r.domains = vec![domain("beispiel.de", "2026-01-01", "registered")];
    r.bytes_out = 1_000_000_000_000;
    let b = build(&rows(m, vec![r]));
    assert!(b.draft.is_none() && b.warnings.is_empty(), "{:?}", b.draft);
}

#[test]
fn who_is_billed() {
    let p = june();
    assert_eq!(not_billed(&member("2026-06-30"), p), None, "joined on the last day");
    assert_eq!(not_billed(&member("2026-07-01"), p).as_deref(), Some("not a member in 2026-06"));
    let mut m = member("2026-01-01");
    m.until = Some("2026-06-01".into());
    assert_eq!(not_billed(&m, p), None, "left on the first day");
    m.until = Some("2026-05-31".into());
    assert_eq!(not_billed(&m, p).as_deref(), Some("not a member in 2026-06"));
    let mut m = member("2026-01-01");
    m.billable = false;
    assert_eq!(not_billed(&m, p).as_deref(), Some("not billable"));
}

#[test]
fn packages_in_name_order_then_the_fee() {
    let b = build(&rows(member("2026-01-01"), vec![plain(package("xyz01", "2026-01-01", None)), plain(package("xyz00", "2026-01-01", None))]));
    let names: Vec<String> = lines(&b).into_iter().map(|l| l.0).collect();
    assert_eq!(names, ["Dynamic Web, single admin (xyz00)", "Dynamic Web, single admin (xyz01)", "Mitgliedsbeitrag"]);
}

#[test]
fn active_days() {
    let s = |a: &str, b: Option<&str>| active(june(), a, b).unwrap().map(|s| (s.from.to_string(), s.to.to_string(), s.days()));
    assert_eq!(s("2026-01-01", None), Some(("2026-06-01".into(), "2026-06-30".into(), 30)));
    assert_eq!(s("2026-06-30", None), Some(("2026-06-30".into(), "2026-06-30".into(), 1)));
    assert_eq!(s("2026-07-01", None), None);
    assert_eq!(s("2026-01-01", Some("2026-05-31")), None);
    assert_eq!(s("2026-06-10", Some("2026-06-12")), Some(("2026-06-10".into(), "2026-06-12".into(), 3)));
}
