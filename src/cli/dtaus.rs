//! `hsadmin dtaus export` and `dtaus show`. `export` collects the open invoices of members with a valid
//! mandate and a German account as one DTAUS LK file (the seed's format), under the same exactly-once rules
//! as `sepa export` (shared in [`super::debit`]). `show` reads any DTAUS file (DTAUS0 disk files) and lists
//! its records, after checking structure, fields and control sums (`render::dtaus::read`); a broken file is
//! exit 2 naming the record, the field and the byte (field `file`).
use super::Ctx;
use super::debit::{self, Batch};
use crate::model::DebitFormat;
use crate::model::Money;
use crate::output::{Render, table};
use crate::render::dtaus::{self, Dtaus};
use crate::{Error, Result};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum DtausCommand {
    /// Collect every open invoice of members with a valid mandate in one DTAUS file (exactly once)
    ///
    /// An LK file (Textschlüssel 05000, euro) from the German account of billing.iban: one C record per
    /// member, the payer's BLZ and account number taken from the German IBAN, names and the purpose (the
    /// member and invoice numbers) in DIN 66003. Members whose account is not German are left out (collect
    /// them with sepa export). The batch is recorded in the ledger before the file is written; `--batch ID`
    /// writes a recorded batch's file again, byte for byte.
    Export(ExportArgs),
    /// Check a DTAUS file and list its records: A (header), each C (debit or transfer), E (control sums)
    ///
    /// Checks the file length (blocks of 128 bytes), the order A C… E, every record's length and type, the
    /// numeric fields, the character set (DIN 66003, upper case, Ä Ö Ü ß), the dates (the execution date at
    /// most 15 days after creation), the currency marker, the Textschlüssel against the file's kind (LK
    /// takes debit keys 04/05, GK credit keys), the extension parts (at most 15), and the E record's count
    /// and sums of account numbers, bank codes and amounts against the C records. The first problem is the
    /// error (exit 2), naming the record (A, C number k, E), the field and the byte. Reserve fields padded
    /// with NUL bytes are accepted with a warning. JSON amounts are in cents.
    Show(ShowArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The day the bank executes the debits (YYYY-MM-DD): a TARGET2 business day, billing.debit_lead_days
    /// after today and at most 15 days ahead
    #[arg(long, value_name = "DATE", required_unless_present = "batch", conflicts_with = "batch")]
    execution_date: Option<String>,
    #[command(flatten)]
    file: debit::FileArgs,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The DTAUS file
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    file: PathBuf,
}

pub fn run(ctx: &Ctx, cmd: DtausCommand) -> Result<()> {
    match cmd {
        DtausCommand::Export(a) => match a.file.batch {
            Some(id) => debit::again(ctx, Batch::Dtaus, id, a.file.out),
            None => debit::export(ctx, DebitFormat::Dtaus, a.execution_date.as_deref().unwrap_or_default(), a.file.out, a.file.dry_run),
        },
        DtausCommand::Show(a) => {
            let bytes = std::fs::read(&a.file).map_err(|e| Error::invalid("file", format!("{}: {e}", a.file.display())))?;
            let dtaus = dtaus::read(&bytes)?;
            for w in &dtaus.warnings {
                ctx.out.warn(w);
            }
            ctx.out.emit(&Shown { file: a.file.display().to_string(), dtaus })
        }
    }
}

/// A file read: its path and what it holds.
#[derive(Debug, Serialize)]
struct Shown {
    file: String,
    #[serde(flatten)]
    dtaus: Dtaus,
}

fn money(cents: u128) -> String {
    i64::try_from(cents).map_or_else(|_| format!("{cents} cents"), |c| Money::from_cents(c).to_string())
}

impl Render for Shown {
    fn human(&self) -> String {
        let mut out = String::new();
        for (i, lf) in self.dtaus.files.iter().enumerate() {
            let f = &lf.file;
            if i > 0 {
                out.push('\n');
            }
            let currency = match f.currency {
                dtaus::Currency::Eur => "EUR",
                dtaus::Currency::Dem => "DEM",
            };
            let kind = match f.kind {
                dtaus::Kind::Lk => "LK (debits)",
                dtaus::Kind::Gk => "GK (credit transfers)",
            };
            out += &table::text(&table::fields([
                (
                    "file",
                    if self.dtaus.files.len() > 1 { format!("{} (logical file {} at byte {})", self.file, i + 1, lf.offset + 1) } else { self.file.clone() },
                ),
                ("kind", kind.to_owned()),
                ("sender", f.name.clone()),
                ("bank", format!("{:08}", f.bank)),
                ("account", f.account.to_string()),
                ("reference", if f.reference == 0 { "-".into() } else { f.reference.to_string() }),
                ("created", f.created.to_string()),
                ("execution", f.execution.map_or_else(|| "-".into(), |d| d.to_string())),
                ("currency", currency.to_owned()),
                ("records", lf.sums.count.to_string()),
                ("sum of amounts", format!("{} {currency}", money(lf.sums.amounts))),
                ("sum of accounts", lf.sums.accounts.to_string()),
                ("sum of banks", lf.sums.banks.to_string()),
            ]));
            if f.transactions.is_empty() {
                continue;
            }
            out.push('\n');
            let mut t = table::list(["#", "bank", "account", "name", "amount", "key", "customer", "purpose"]);
            for (k, c) in f.transactions.iter().enumerate() {
                t.add_row([
                    (k + 1).to_string(),
                    format!("{:08}", c.bank),
                    c.account.to_string(),
                    c.name.join(""),
                    money(c.amount.into()),
                    c.key.to_string(),
                    c.customer.to_string(),
                    c.purpose.join("\n"),
                ]);
            }
            out += &table::text(&t);
        }
        out
    }
}
