//! Destructive commands: validate first, show what goes, then ask. The operation runs once as a dry run
//! (a rolled-back transaction: the same code, so it validates everything and yields exactly what would
//! go), its result is listed on stderr, and only after a `y` (or the typed name) does it run for real.
use super::Ctx;
use crate::ledger::Tx;
use crate::{Error, Result};
use std::io::IsTerminal;

/// What a destructive command would do, built from its dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The action as a phrase for the question and the refusal: `remove user xyz00-web and its 2 cron jobs`.
    pub what: String,
    /// One line for each thing that goes or stops.
    pub lines: Vec<String>,
}

impl Preview {
    pub fn new(what: impl Into<String>) -> Self {
        Self { what: what.into(), lines: Vec::new() }
    }

    /// Adds a line.
    pub fn line(mut self, line: impl Into<String>) -> Self {
        self.lines.push(line.into());
        self
    }

    /// Adds one line per item, or nothing when there are none.
    pub fn each<T>(mut self, items: &[T], line: impl Fn(&T) -> String) -> Self {
        self.lines.extend(items.iter().map(line));
        self
    }
}

/// How a destructive command is confirmed at a terminal.
#[derive(Debug, Clone, Copy)]
pub enum Ask<'a> {
    /// `[y/N]`.
    YesNo,
    /// The person types this text (a package name), like deleting a repository on GitHub.
    Typed(&'a str),
}

/// ` and its 2 cron jobs`, or nothing when there are none.
pub fn and_its(n: usize, noun: &str) -> String {
    if n == 0 { String::new() } else { format!(" and its {}", crate::output::count(n, noun)) }
}

/// `Remove user x`: the phrase with a capital, for a question.
fn capital(what: &str) -> String {
    let mut chars = what.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn is_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn read_answer() -> Result<String> {
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(answer.trim().to_owned())
}

fn aborted() -> Error {
    Error::Failed("aborted, nothing changed".into())
}

impl Ctx {
    /// Asks `[y/N]` before something is destroyed: `--yes`, or a `y` typed at a terminal; never a silent
    /// default. `what` says what happens (`remove user xyz00-web`), for the question and for the refusal when
    /// there is no terminal to ask at.
    pub fn confirm(&self, yes: bool, what: &str) -> Result<()> {
        if yes {
            return Ok(());
        }
        self.need_terminal(what)?;
        eprint!("{}? [y/N] ", capital(what));
        if matches!(read_answer()?.as_str(), "y" | "Y" | "yes") { Ok(()) } else { Err(aborted()) }
    }

    /// Asks for `expected` to be typed before something is destroyed for good; anything else aborts.
    pub fn confirm_typed(&self, yes: bool, expected: &str, what: &str) -> Result<()> {
        if yes {
            return Ok(());
        }
        self.need_terminal(what)?;
        eprint!("{}? This cannot be undone. Type {expected} to confirm: ", capital(what));
        if read_answer()? == expected { Ok(()) } else { Err(aborted()) }
    }

    fn need_terminal(&self, what: &str) -> Result<()> {
        if is_terminal() {
            return Ok(());
        }
        Err(Error::invalid("--yes", format!("is required when stdin is not a terminal (hsadmin cannot ask there): give --yes to {what}")))
    }

    /// Lists what a destructive command would do, on stderr.
    fn show(&self, p: &Preview) {
        let label = if self.out.color { "\x1b[1;33mThis would\x1b[0m" } else { "This would" };
        eprintln!("{label} {}:", p.what);
        for line in &p.lines {
            eprintln!("  - {line}");
        }
    }

    /// For a destructive command whose real run is more than one ledger transaction (it talks to a registry
    /// first): lists what goes and asks, unless `--yes`.
    pub fn ask_first(&self, yes: bool, p: &Preview) -> Result<()> {
        if yes {
            return Ok(());
        }
        self.show(p);
        self.confirm(false, &p.what)
    }

    /// Runs a destructive operation. With `--dry-run`: once, rolled back, listing what would go. With `--yes`:
    /// at once. Otherwise as a dry run first (so bad input fails before any question), then lists what would
    /// go, asks, and runs it for real; should the result differ from what was shown (someone changed the
    /// ledger meanwhile), it is rolled back and nothing changes.
    pub fn destroy<T>(&self, yes: bool, dry_run: bool, ask: Ask, op: impl Fn(&Tx) -> Result<T>, preview: impl Fn(&T) -> Preview) -> Result<T> {
        let mut ledger = self.ledger()?;
        if yes && !dry_run {
            return ledger.write(false, &op);
        }
        let planned = ledger.write(true, &op)?;
        let shown = preview(&planned);
        if dry_run {
            if !self.out.quiet {
                self.show(&shown);
            }
            return Ok(planned);
        }
        self.show(&shown);
        match ask {
            Ask::YesNo => self.confirm(false, &shown.what)?,
            Ask::Typed(expected) => self.confirm_typed(false, expected, &shown.what)?,
        }
        ledger.write(false, |tx| {
            let done = op(tx)?;
            if preview(&done) != shown {
                return Err(Error::Conflict("the ledger changed while hsadmin was asking; nothing changed, run the command again".into()));
            }
            Ok(done)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_read_well() {
        assert_eq!(capital("remove user x"), "Remove user x");
        assert_eq!(capital(""), "");
        assert_eq!(and_its(0, "cron job"), "");
        assert_eq!(and_its(1, "cron job"), " and its 1 cron job");
        assert_eq!(and_its(2, "cron job"), " and its 2 cron jobs");
    }

    #[test]
    fn a_preview_collects_lines() {
        let p = Preview::new("remove x").line("a").each(&[1, 2], |n| format!("n{n}"));
        assert_eq!(p.lines, ["a", "n1", "n2"]);
    }
}
