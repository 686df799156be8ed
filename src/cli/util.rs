//! `hsadmin util completions|man`: generated from the clap definitions, committed under completions/ and man/.
use super::Cli;
use crate::output::{Done, Output};
use crate::{Error, Result};
use clap::CommandFactory;
use std::path::{Path, PathBuf};

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
            let n = write_man_pages(dir)?;
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

/// Writes hsadmin.1 and hsadmin-<group>-<verb>.1 for every subcommand; returns how many.
pub fn write_man_pages(dir: &Path) -> Result<usize> {
    std::fs::create_dir_all(dir)?;
    let cmd = Cli::command();
    let mut count = 0;
    write_page(dir, &cmd, "hsadmin", &mut count)?;
    Ok(count)
}

fn write_page(dir: &Path, cmd: &clap::Command, name: &str, count: &mut usize) -> Result<()> {
    let cmd = cmd.clone().name(name.to_owned()).display_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf).map_err(|e| Error::Failed(format!("man page {name}: {e}")))?;
    std::fs::write(dir.join(format!("{name}.1")), buf)?;
    *count += 1;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        write_page(dir, sub, &format!("{name}-{}", sub.get_name()), count)?;
    }
    Ok(())
}
