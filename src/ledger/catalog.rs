//! Products and their versioned tariffs as stored.
use super::{Sort, SortKey};
use crate::Result;
use crate::model::{Money, Period, ProductCode, ProductKind};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Product {
    pub code: ProductCode,
    pub name: String,
    pub kind: ProductKind,
    pub period: Period,
}

/// What a product includes and costs from `valid_from` on (until the next tariff of the product).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Price {
    pub product: ProductCode,
    pub valid_from: String,
    pub base: Money,
    /// VAT rate in basis points (1900 = 19 %).
    pub vat_rate_bp: i64,
    pub included: Included,
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Included {
    pub webspace_mb: i64,
    pub traffic_gb: i64,
    pub users: i64,
    pub domains: i64,
    /// Databases (of both engines together): a hard limit for `db add`, not billed per extra unit.
    pub databases: i64,
    /// Mail addresses on the package's domains: a hard limit for `mail address add`.
    pub addresses: i64,
}

/// Price of each unit beyond what is included.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Extra {
    pub webspace_gb: Money,
    pub traffic_gb: Money,
    pub user: Money,
    pub domain: Money,
}

const PRICE_COLUMNS: &str = "product, valid_from, base_cents, vat_rate_bp, included_webspace_mb, included_traffic_gb, included_users, included_domains,
    extra_webspace_gb_cents, extra_traffic_gb_cents, extra_user_cents, extra_domain_cents, included_databases, included_addresses";

fn price_row(r: &Row) -> rusqlite::Result<Price> {
    let money = |i| r.get::<_, i64>(i).map(Money::from_cents);
    Ok(Price {
        product: r.get(0)?,
        valid_from: r.get(1)?,
        base: money(2)?,
        vat_rate_bp: r.get(3)?,
        included: Included {
            webspace_mb: r.get(4)?,
            traffic_gb: r.get(5)?,
            users: r.get(6)?,
            domains: r.get(7)?,
            databases: r.get(12)?,
            addresses: r.get(13)?,
        },
        extra: Extra { webspace_gb: money(8)?, traffic_gb: money(9)?, user: money(10)?, domain: money(11)? },
    })
}

fn product_row(r: &Row) -> rusqlite::Result<Product> {
    Ok(Product { code: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, period: r.get(3)? })
}

pub fn product(conn: &Connection, code: &str) -> Result<Option<Product>> {
    Ok(conn.query_row("SELECT code, name, kind, period FROM product WHERE code = ?1", [code], product_row).optional()?)
}

pub fn products(conn: &Connection) -> Result<Vec<Product>> {
    let mut stmt = conn.prepare_cached("SELECT code, name, kind, period FROM product ORDER BY code")?;
    Ok(stmt.query_map([], product_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The product columns of `catalog list`, the first being its key.
pub const SORT: &[SortKey] = &[SortKey { name: "code", sql: "code" }, SortKey { name: "name", sql: "casefold(name)" }, SortKey { name: "kind", sql: "kind" }];

/// The products of one kind (all with `None`), in the order asked for.
pub fn find_products(conn: &Connection, kind: Option<ProductKind>, sort: Sort) -> Result<Vec<Product>> {
    let mut stmt = conn.prepare(&format!("SELECT code, name, kind, period FROM product WHERE (?1 IS NULL OR kind = ?1) ORDER BY {}", sort.order_by("code")))?;
    Ok(stmt.query_map([kind], product_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_product(conn: &Connection, p: &Product) -> Result<()> {
    conn.execute("INSERT INTO product (code, name, kind, period) VALUES (?1, ?2, ?3, ?4)", params![p.code, p.name, p.kind, p.period])?;
    Ok(())
}

pub fn rename_product(conn: &Connection, code: &str, name: &str) -> Result<()> {
    conn.execute("UPDATE product SET name = ?2 WHERE code = ?1", params![code, name])?;
    Ok(())
}

pub fn price(conn: &Connection, product: &str, valid_from: &str) -> Result<Option<Price>> {
    Ok(conn
        .query_row(&format!("SELECT {PRICE_COLUMNS} FROM price WHERE product = ?1 AND valid_from = ?2"), params![product, valid_from], price_row)
        .optional()?)
}

/// The tariff in force on `date`: the one with the latest `valid_from` not after it.
pub fn price_on(conn: &Connection, product: &str, date: &str) -> Result<Option<Price>> {
    Ok(conn
        .query_row(
            &format!("SELECT {PRICE_COLUMNS} FROM price WHERE product = ?1 AND valid_from <= ?2 ORDER BY valid_from DESC LIMIT 1"),
            params![product, date],
            price_row,
        )
        .optional()?)
}

pub fn prices(conn: &Connection) -> Result<Vec<Price>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {PRICE_COLUMNS} FROM price ORDER BY product, valid_from"))?;
    Ok(stmt.query_map([], price_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_price(conn: &Connection, p: &Price) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO price ({PRICE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
        params![
            p.product,
            p.valid_from,
            p.base.cents(),
            p.vat_rate_bp,
            p.included.webspace_mb,
            p.included.traffic_gb,
            p.included.users,
            p.included.domains,
            p.extra.webspace_gb.cents(),
            p.extra.traffic_gb.cents(),
            p.extra.user.cents(),
            p.extra.domain.cents(),
            p.included.databases,
            p.included.addresses
        ],
    )?;
    Ok(())
}
