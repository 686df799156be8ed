//! `hsadmin util completions|man`: generated from the clap definitions, committed under completions/ and man/.
use crate::output::{Done, Output};
use crate::{Error, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum UtilCommand {
    /// Print the completion script for a shell
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write man pages (hsadmin.1 and one per subcommand) into a directory
    Man {
        /// Target directory (created if missing)
        dir: PathBuf,
    },
}

pub fn run(out: &Output, cmd: &UtilCommand) -> Result<()> {
    match cmd {
        UtilCommand::Completions { shell } => {
            let script = completion_script(*shell)?;
            if out.json {
                return out.emit(&Completions { shell: shell.to_string(), script });
            }
            use std::io::Write;
            std::io::stdout().lock().write_all(script.as_bytes())?;
            Ok(())
        }
        UtilCommand::Man { dir } => {
            let n = super::man::write_pages(dir)?;
            out.status("Wrote", &format!("{n} man pages to {}", dir.display()));
            if out.json {
                out.emit(&Done { ok: true, message: format!("{n} man pages written to {}", dir.display()) })?;
            }
            Ok(())
        }
    }
}

/// The completion script for `shell`: it asks `hsadmin` itself on every TAB (`COMPLETE=SHELL hsadmin --
/// WORDS`), so verbs, flags, value sets and the ledger's member numbers and names all complete.
pub fn completion_script(shell: clap_complete::Shell) -> Result<String> {
    let name = shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells.completer(&name).ok_or_else(|| Error::Usage(format!("no completion for the shell {name}")))?;
    let mut buf = Vec::new();
    completer.write_registration("COMPLETE", "hsadmin", "hsadmin", "hsadmin", &mut buf)?;
    String::from_utf8(buf).map_err(|e| Error::Failed(format!("completion script: {e}")))
}

/// `util completions --json`: the script as a JSON document.
#[derive(serde::Serialize)]
struct Completions {
    shell: String,
    script: String,
}

impl crate::output::Render for Completions {
    fn human(&self) -> String {
        self.script.clone()
    }
}
