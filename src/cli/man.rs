//! The man pages: hsadmin.1 and one page per group and verb (`hsadmin-member-add.1`), generated from the
//! clap definitions by clap_mangen, with the sections a man page has beyond the options: EXAMPLES, EXIT
//! STATUS, ENVIRONMENT, FILES and SEE ALSO.
use super::examples;
use crate::{Error, Result};
use clap_mangen::Man;
use std::io::Write;
use std::path::Path;

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "ok"),
    ("1", "operation failed"),
    ("2", "usage or invalid input: nothing changed"),
    ("3", "partly done: the result lists what failed (also: `plan --detailed-exitcode` found drift)"),
    ("4", "conflict or busy: exists, in use, lock held"),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    ("HSADMIN_CONFIG", "The config file (as --config)."),
    ("HSADMIN_LEDGER", "The ledger file (as --ledger)."),
    ("HSADMIN_NO_APPLY", "1: the verbs that change servers only change the ledger (as --no-apply)."),
    ("HSADMIN_PAGER, PAGER", "The pager for long output on a terminal [default: less -FRX]; empty or cat: none."),
    ("COLUMNS", "The width tables fit on a terminal."),
    ("NO_COLOR", "Set and not empty: no colour (as --color never)."),
    ("XDG_CONFIG_HOME", "Where the config is looked for: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml [default: ~/.config]."),
    ("XDG_DATA_HOME", "Where the ledger is by default: $XDG_DATA_HOME/hsadmin/ledger.db [default: ~/.local/share]."),
    ("SSH_AUTH_SOCK", "The ssh-agent holding the key that logs in to the servers (unless the config names a key file)."),
];

const FILES: &[(&str, &str)] = &[
    ("$XDG_CONFIG_HOME/hsadmin/hsadmin.toml, /etc/hsadmin/hsadmin.toml", "The config, the first that exists (see hsadmin.toml.example)."),
    ("$XDG_DATA_HOME/hsadmin/ledger.db", "The ledger, one SQLite file (mode 0600), unless the config or --ledger names another."),
];

/// Writes every page into `dir` (created if missing); returns how many.
pub fn write_pages(dir: &Path) -> Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut count = 0;
    write_page(dir, &super::command(), "hsadmin", "", &mut count)?;
    Ok(count)
}

/// The page of `cmd` (named `name`, at `path` like `member add`), then those of its subcommands.
fn write_page(dir: &Path, cmd: &clap::Command, name: &str, path: &str, count: &mut usize) -> Result<()> {
    let cmd = cmd.clone().name(name.to_owned()).display_name(name.replace('-', " "));
    let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| s.get_name() != "help").collect();
    let mut buf = Vec::new();
    render(&cmd, path, &subs, &mut buf).map_err(|e| Error::Failed(format!("man page {name}: {e}")))?;
    std::fs::write(dir.join(format!("{name}.1")), buf)?;
    *count += 1;
    for sub in subs {
        let sub_path = if path.is_empty() { sub.get_name().to_owned() } else { format!("{path} {}", sub.get_name()) };
        write_page(dir, sub, &format!("{name}-{}", sub.get_name()), &sub_path, count)?;
    }
    Ok(())
}

fn render(cmd: &clap::Command, path: &str, subs: &[&clap::Command], w: &mut Vec<u8>) -> std::io::Result<()> {
    let man = Man::new(cmd.clone());
    man.render_title(w)?;
    man.render_name_section(w)?;
    man.render_synopsis_section(w)?;
    man.render_description_section(w)?;
    man.render_options_section(w)?;
    if !subs.is_empty() {
        man.render_subcommands_section(w)?;
    }
    if let Some(lines) = examples::of(path) {
        examples_section(lines, w)?;
    }
    list_section("EXIT STATUS", EXIT_STATUS, w)?;
    list_section("ENVIRONMENT", ENVIRONMENT, w)?;
    list_section("FILES", FILES, w)?;
    see_also(cmd.get_name(), subs, w)?;
    if cmd.get_version().is_some() {
        man.render_version_section(w)?;
    }
    Ok(())
}

fn examples_section(lines: &[&str], w: &mut Vec<u8>) -> std::io::Result<()> {
    writeln!(w, ".SH EXAMPLES")?;
    for line in lines {
        match line.strip_prefix("# ") {
            Some(comment) => writeln!(w, ".PP\n{}", escape(comment))?,
            None => writeln!(w, ".PP\n.RS 4\n.nf\n{}\n.fi\n.RE", escape(line))?,
        }
    }
    Ok(())
}

fn list_section(title: &str, items: &[(&str, &str)], w: &mut Vec<u8>) -> std::io::Result<()> {
    writeln!(w, ".SH {title}")?;
    for (term, text) in items {
        writeln!(w, ".TP\n\\fB{}\\fR\n{}", escape(term), escape(text))?;
    }
    Ok(())
}

/// The main page and the parent's, or the subcommands' pages.
fn see_also(name: &str, subs: &[&clap::Command], w: &mut Vec<u8>) -> std::io::Result<()> {
    let mut pages: Vec<String> = subs.iter().map(|s| format!("{name}-{}", s.get_name())).collect();
    if let Some((parent, _)) = name.rsplit_once('-') {
        pages.insert(0, parent.to_owned());
        if parent != "hsadmin" {
            pages.insert(0, "hsadmin".to_owned());
        }
    }
    pages.extend(["sqlite3".to_owned(), "ssh".to_owned()]);
    let refs: Vec<String> = pages.iter().map(|p| format!("\\fB{}\\fR(1)", escape(p))).collect();
    writeln!(w, ".SH \"SEE ALSO\"\n{}", refs.join(", "))
}

/// Text as roff: backslashes and hyphens escaped, no line taken for a request.
fn escape(text: &str) -> String {
    let s = text.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with(['.', '\'']) { format!("\\&{s}") } else { s }
}
