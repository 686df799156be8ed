//! What reaches the user: results on stdout (a table or one JSON document), everything else on stderr.
//! On a terminal, tables fit its width and long ones go through a pager (`terminal`).
pub mod file;
pub mod records;
pub mod table;
pub mod terminal;

pub use records::Format;

use crate::{Error, Result};
use serde::Serialize;
use std::io::{IsTerminal, Write};

/// A result that can be shown to a person; scripts get the same value as JSON.
pub trait Render: Serialize {
    /// The human form, ending with a newline (or empty).
    fn human(&self) -> String;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    /// Colour on stderr messages; decided once, here.
    pub color: bool,
    /// `--dry-run`: outcome lines say what would happen ("Would add"), never that it did ("Added").
    pub dry_run: bool,
    /// `-o`: how results are written (`--json` is `-o json`).
    pub format: Format,
    /// `--no-headers`: tables and csv/tsv without their header line.
    pub no_headers: bool,
    /// `--no-pager` turns this off: long tables on a terminal go through the pager.
    pub pager: bool,
    /// The terminal on stdout, if stdout is one.
    pub terminal: Option<terminal::Size>,
}

/// The "would" form of the outcome verbs of mutating commands, for dry runs.
fn would(verb: &str) -> Option<&'static str> {
    Some(match verb {
        "Added" => "Would add",
        "Created" => "Would create",
        "Updated" => "Would update",
        "Removed" => "Would remove",
        "Deleted" => "Would delete",
        "Purged" => "Would purge",
        "Cancelled" => "Would cancel",
        "Left" => "Would leave",
        "Subscribed" => "Would subscribe",
        "Reverted" => "Would revert",
        "Deposited" => "Would deposit",
        "Disbursed" => "Would disburse",
        "Cleared" => "Would clear",
        "Booked loss" => "Would book a loss",
        "Transferred" => "Would transfer",
        "Imported" => "Would import",
        "Trusted" => "Would trust",
        "Issued" => "Would issue",
        _ => return None,
    })
}

impl Output {
    pub fn new(json: bool, quiet: bool, verbose: u8, color: ColorChoice) -> Self {
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        };
        let format = if json { Format::Json } else { Format::Table };
        Self { json, quiet, verbose, color, dry_run: false, format, no_headers: false, pager: true, terminal: terminal::size() }
    }

    /// Writes the result: one JSON document under `--json`, else the `-o` format; a table longer than the
    /// terminal goes through the pager.
    pub fn emit<T: Render>(&self, value: &T) -> Result<()> {
        let text = self.render(value)?;
        if let Some(pager) = self.pager_for(&text) {
            return Ok(terminal::page(&text, &pager)?);
        }
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    }

    /// The result as the text `emit` writes.
    fn render<T: Render>(&self, value: &T) -> Result<String> {
        Ok(match self.format {
            Format::Json => serde_json::to_string(value).map_err(|e| Error::Io(e.into()))? + "\n",
            Format::Table => table::with_layout(self.layout(), || value.human()),
            other => records::render(&serde_json::to_value(value).map_err(|e| Error::Io(e.into()))?, other, !self.no_headers),
        })
    }

    /// How tables look: cut to the terminal's width on one, plain when piped.
    pub fn layout(&self) -> table::Layout {
        table::Layout { width: self.terminal.map(|t| t.width), headers: !self.no_headers }
    }

    /// The pager for `text`: only for tables on a terminal, without `--no-pager`, when the text does not fit
    /// the screen (so that a short list never starts one, whatever `$PAGER` is).
    fn pager_for(&self, text: &str) -> Option<String> {
        let size = self.terminal.filter(|_| self.pager && self.format == Format::Table)?;
        (text.lines().count() >= size.height).then(terminal::pager).flatten()
    }

    /// A progress or outcome line on stderr (`Created member 10001`); silent under `-q`.
    pub fn status(&self, verb: &str, message: &str) {
        let verb = if self.dry_run { would(verb).unwrap_or(verb) } else { verb };
        if !self.quiet {
            let verb = if self.color { format!("\x1b[1;32m{verb:>12}\x1b[0m") } else { format!("{verb:>12}") };
            eprintln!("{verb} {message}");
        }
    }

    pub fn warn(&self, message: &str) {
        if !self.quiet {
            let label = if self.color { "\x1b[1;33mwarning\x1b[0m" } else { "warning" };
            eprintln!("{label}: {message}");
        }
    }

    /// Debug detail for `-v`.
    pub fn debug(&self, message: &str) {
        if self.verbose > 0 {
            eprintln!("debug: {message}");
        }
    }

    /// Reports a failure: always on stderr, and as the JSON document on stdout under `--json` — unless the
    /// command already printed its result (partly done), which then is the one document.
    pub fn error(&self, e: &Error) {
        let label = if self.color { "\x1b[1;31merror\x1b[0m" } else { "error" };
        eprintln!("{label}: {e}");
        if self.json && !matches!(e, Error::Partial(_)) {
            let _ = writeln!(std::io::stdout().lock(), "{}", e.to_json());
        }
    }
}

/// A progress bar on stderr, drawn only on a terminal and never under `-q`.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn done(&self, item: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(item.to_owned());
            bar.inc(1);
        }
    }

    /// Sets the number of items once it is known.
    pub fn set_total(&self, total: u64) {
        if let Some(bar) = &self.0 {
            bar.set_length(total);
        }
    }

    /// Moves a byte bar to `pos` of `total` with a message.
    pub fn at(&self, pos: u64, total: u64, message: &str) {
        if let Some(bar) = &self.0 {
            bar.set_length(total);
            bar.set_position(pos);
            bar.set_message(message.to_owned());
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Output {
    pub fn progress(&self, total: u64, what: &str) -> Progress {
        if self.quiet || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(total);
        let style = indicatif::ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} servers {msg}").map(|s| s.progress_chars("=> "));
        if let Ok(style) = style {
            bar.set_style(style);
        }
        bar.set_prefix(what.to_owned());
        Progress(Some(bar))
    }
}

impl Output {
    /// A bar counting bytes (a backup's progress), drawn like `progress`.
    pub fn bytes(&self, what: &str) -> Progress {
        if self.quiet || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(0);
        let style = indicatif::ProgressStyle::with_template("{prefix:>12} [{bar:30}] {bytes}/{total_bytes} {msg}").map(|s| s.progress_chars("=> "));
        if let Ok(style) = style {
            bar.set_style(style);
        }
        bar.set_prefix(what.to_owned());
        Progress(Some(bar))
    }
}

pub use crate::model::count;

/// The outcome of a command that has nothing else to report.
#[derive(Serialize)]
pub struct Done {
    pub ok: bool,
    pub message: String,
}

impl Render for Done {
    fn human(&self) -> String {
        String::new()
    }
}
