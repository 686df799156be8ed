//! The catalog: products and prices, imported from a TOML file. Prices are versioned, never overwritten.
use super::snapshot;
use crate::ledger::Tx;
use crate::ledger::catalog::{self as rows, Extra, Included, Price, Product};
use crate::model::{self, Money, Period, ProductCode, ProductKind, TextField};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The catalog file (see examples/catalog.toml).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    product: Vec<ProductEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductEntry {
    code: String,
    name: String,
    kind: String,
    #[serde(default = "month")]
    period: String,
    #[serde(default)]
    price: Vec<PriceEntry>,
}

fn month() -> String {
    "month".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PriceEntry {
    valid_from: String,
    base: String,
    vat_rate: String,
    #[serde(default)]
    included: IncludedEntry,
    #[serde(default)]
    extra: ExtraEntry,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct IncludedEntry {
    #[serde(default)]
    webspace_mb: i64,
    #[serde(default)]
    traffic_gb: i64,
    #[serde(default)]
    users: i64,
    #[serde(default)]
    domains: i64,
    /// Absent: 0, the product includes no databases.
    #[serde(default)]
    databases: i64,
    /// Absent: 0, the product includes no mail addresses.
    #[serde(default)]
    addresses: i64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtraEntry {
    webspace_gb: Option<String>,
    traffic_gb: Option<String>,
    user: Option<String>,
    domain: Option<String>,
}

/// What an import changed.
#[derive(Debug, Default, Serialize)]
pub struct ImportReport {
    pub products_added: Vec<String>,
    pub products_renamed: Vec<String>,
    pub prices_added: Vec<String>,
    pub prices_unchanged: usize,
}

/// Imports a catalog; running it again with the same file changes nothing.
pub fn import(tx: &Tx, text: &str) -> Result<ImportReport> {
    let file: CatalogFile = toml::from_str(text).map_err(|e| Error::invalid("catalog file", e.to_string().trim_end().replace('\n', " ")))?;
    let mut report = ImportReport::default();
    for (i, entry) in file.product.iter().enumerate() {
        let field = |name: &str| format!("product[{i}].{name}");
        let product = Product {
            code: ProductCode::parse(&field("code"), &entry.code)?,
            name: TextField::parse(&field("name"), &entry.name, 128)?.as_str().to_owned(),
            kind: ProductKind::parse(&field("kind"), &entry.kind)?,
            period: Period::parse(&field("period"), &entry.period)?,
        };
        match rows::product(tx, product.code.as_str())? {
            None => {
                rows::insert_product(tx, &product)?;
                tx.audit("product", product.code.as_str(), "add", None, snapshot(&product))?;
                report.products_added.push(product.code.to_string());
            }
            Some(old) if old.kind != product.kind || old.period != product.period => {
                return Err(Error::Conflict(format!(
                    "product {} is a {} product billed per {}; its kind and period never change",
                    old.code, old.kind, old.period
                )));
            }
            Some(old) if old.name != product.name => {
                rows::rename_product(tx, product.code.as_str(), &product.name)?;
                tx.audit("product", product.code.as_str(), "rename", snapshot(&old), snapshot(&product))?;
                report.products_renamed.push(product.code.to_string());
            }
            Some(_) => {}
        }
        for (j, p) in entry.price.iter().enumerate() {
            let price = parse_price(&product.code, &format!("product[{i}].price[{j}]"), p)?;
            match rows::price(tx, price.product.as_str(), &price.valid_from)? {
                None => {
                    rows::insert_price(tx, &price)?;
                    tx.audit("price", &format!("{}@{}", price.product, price.valid_from), "add", None, snapshot(&price))?;
                    report.prices_added.push(format!("{} from {}", price.product, price.valid_from));
                }
                Some(old) if old == price => report.prices_unchanged += 1,
                Some(_) => {
                    return Err(Error::Conflict(format!(
                        "the price of {} from {} already exists with other values; prices are never overwritten, add one with a later valid_from",
                        price.product, price.valid_from
                    )));
                }
            }
        }
    }
    Ok(report)
}

fn parse_price(product: &ProductCode, at: &str, p: &PriceEntry) -> Result<Price> {
    let field = |name: &str| format!("{at}.{name}");
    let count = |name: &str, v: i64| model::bounded(&field(name), v, 0, 10_000_000);
    let extra = |name: &str, v: &Option<String>| v.as_deref().map_or(Ok(Money::default()), |s| Money::parse(&field(&format!("extra.{name}")), s));
    Ok(Price {
        product: product.clone(),
        valid_from: model::date(&field("valid_from"), &p.valid_from)?.to_string(),
        base: Money::parse(&field("base"), &p.base)?,
        vat_rate_bp: model::vat_rate(&field("vat_rate"), &p.vat_rate)?,
        included: Included {
            webspace_mb: count("included.webspace_mb", p.included.webspace_mb)?,
            traffic_gb: count("included.traffic_gb", p.included.traffic_gb)?,
            users: count("included.users", p.included.users)?,
            domains: count("included.domains", p.included.domains)?,
            databases: count("included.databases", p.included.databases)?,
            addresses: count("included.addresses", p.included.addresses)?,
        },
        extra: Extra {
            webspace_gb: extra("webspace_gb", &p.extra.webspace_gb)?,
            traffic_gb: extra("traffic_gb", &p.extra.traffic_gb)?,
            user: extra("user", &p.extra.user)?,
            domain: extra("domain", &p.extra.domain)?,
        },
    })
}

/// A product with the tariff in force on a date (or all its tariffs).
#[derive(Debug, Serialize)]
pub struct CatalogEntry {
    #[serde(flatten)]
    pub product: Product,
    pub prices: Vec<Price>,
}

pub use rows::SORT;

/// The catalog: with `on`, each product's tariff in force that day; without, every tariff. Only products
/// of `kind` (all with `None`), in the order asked for.
pub fn list(tx: &Tx, on: Option<chrono::NaiveDate>, kind: Option<ProductKind>, sort: crate::ledger::Sort) -> Result<Vec<CatalogEntry>> {
    let all = rows::prices(tx)?;
    let entries = rows::find_products(tx, kind, sort)?.into_iter().map(|product| {
        let mut prices: Vec<Price> = all.iter().filter(|p| p.product == product.code).cloned().collect();
        if let Some(day) = on.map(|d| d.to_string()) {
            prices.retain(|p| p.valid_from <= day);
            prices = prices.pop().into_iter().collect();
        }
        CatalogEntry { product, prices }
    });
    Ok(entries.collect())
}

/// The tariff of a product in force on a date.
pub fn price_on(tx: &Tx, code: &ProductCode, date: chrono::NaiveDate) -> Result<Option<Price>> {
    rows::price_on(tx, code.as_str(), &date.to_string())
}

pub fn product(tx: &Tx, code: &ProductCode) -> Result<Product> {
    super::found(rows::product(tx, code.as_str())?, || format!("product {code} (import the catalog first)"))
}
