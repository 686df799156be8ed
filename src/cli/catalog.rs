//! `hsadmin catalog import|list`
use super::Ctx;
use super::opt;
use crate::model::{self, ProductKind};
use crate::ops::catalog::{self, CatalogEntry, ImportReport};
use crate::output::{Render, table};
use crate::{Error, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum CatalogCommand {
    /// Import products and prices from a TOML file (see examples/catalog.toml); re-importing is harmless
    Import(ImportArgs),
    /// List products with their prices
    List(ListArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The catalog file
    file: PathBuf,
    /// Validate and show what would change, commit nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Show the prices in force on this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", conflicts_with = "all")]
    date: Option<String>,
    /// Show every price version
    #[arg(long)]
    all: bool,
    /// Only products of this kind
    #[arg(long, value_parser = super::choices(ProductKind::ALL.iter().map(|k| k.as_str())))]
    kind: Option<String>,
    /// Sort the products by this column [default: code]
    #[arg(long, value_name = "FIELD", value_parser = super::sort_keys(catalog::SORT))]
    sort: Option<String>,
    /// Sort in descending order
    #[arg(long)]
    reverse: bool,
}

pub fn run(ctx: &Ctx, cmd: CatalogCommand) -> Result<()> {
    match cmd {
        CatalogCommand::Import(a) => {
            let text = std::fs::read_to_string(&a.file).map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", a.file.display())))?;
            let report = ctx.ledger()?.write(a.dry_run, |tx| catalog::import(tx, &text))?;
            ctx.out.status(
                "Imported",
                &format!(
                    "{} products and {} prices added, {} prices unchanged",
                    report.products_added.len(),
                    report.prices_added.len(),
                    report.prices_unchanged
                ),
            );
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&report)
        }
        CatalogCommand::List(a) => {
            let on = if a.all { None } else { Some(opt(&a.date, |s| model::date("date", s))?.unwrap_or_else(model::today)) };
            let kind = opt(&a.kind, |s| ProductKind::parse("kind", s))?;
            let sort = super::sort(&a.sort, catalog::SORT, a.reverse)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| catalog::list(tx, on, kind, sort))?)
        }
    }
}

impl Render for ImportReport {
    fn human(&self) -> String {
        let mut s = String::new();
        for p in &self.products_added {
            s += &format!("added product {p}\n");
        }
        for p in &self.products_renamed {
            s += &format!("renamed product {p}\n");
        }
        for p in &self.prices_added {
            s += &format!("added price {p}\n");
        }
        s
    }
}

impl Render for Vec<CatalogEntry> {
    fn human(&self) -> String {
        let mut t = table::list(["code", "name", "kind", "from", "price", "vat %", "included", "extra units"]);
        for e in self {
            let p = &e.product;
            if e.prices.is_empty() {
                t.add_row(vec![p.code.to_string(), p.name.clone(), p.kind.to_string(), "-".into(), "-".into(), "-".into(), "-".into(), "-".into()]);
            }
            for pr in &e.prices {
                let i = &pr.included;
                let included = [(i.webspace_mb, "MB"), (i.traffic_gb, "GB traffic"), (i.users, "users"), (i.domains, "domains")]
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, u)| format!("{n} {u}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let x = &pr.extra;
                let extra = [(x.webspace_gb, "GB"), (x.traffic_gb, "GB traffic"), (x.user, "user"), (x.domain, "domain")]
                    .iter()
                    .filter(|(m, _)| m.cents() > 0)
                    .map(|(m, u)| format!("{m}/{u}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let vat = crate::model::Money::from_cents(pr.vat_rate_bp).to_string();
                t.add_row(vec![
                    p.code.to_string(),
                    p.name.clone(),
                    p.kind.to_string(),
                    pr.valid_from.clone(),
                    format!("{}/{}", pr.base, p.period),
                    vat,
                    included,
                    extra,
                ]);
            }
        }
        table::text(&t)
    }
}
