//! The command line: clap definitions, one file per command group. A handler parses, calls one
//! operation, and renders its result; it holds no SQL and no business rules.
mod asset;
mod backup;
mod bank;
mod catalog;
pub(crate) mod complete;
mod config;
pub(crate) mod confirm;
mod converge;
mod cron;
mod db;
mod debit;
mod dns;
mod doctor;
mod domain;
mod dtaus;
mod examples;
mod init;
mod invoice;
mod log;
mod mail;
mod man;
mod mandate;
mod member;
mod package;
mod registry;
mod sepa;
mod server;
mod share;
mod traffic;
mod user;
mod util;

use crate::error::exit;
use crate::ledger::{Actor, Ledger};
use crate::output::{ColorChoice, Output};
use crate::{Error, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Admin toolkit of a cooperative web hoster: members, capital, servers, packages, users, cron.
///
/// The ledger (one SQLite file) is the single source of truth. With --json, stdout carries exactly one
/// JSON document, also on failure ({"error": {...}}); messages go to stderr.
///
/// Exit codes: 0 ok, 1 operation failed, 2 usage or invalid input (nothing changed),
/// 3 partly done (the result lists what failed), 4 conflict or busy (exists, in use, lock held).
#[derive(Debug, Parser)]
#[command(name = "hsadmin", version, propagate_version = true, max_term_width = 100, next_help_heading = "Global options")]
pub struct Cli {
    /// Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]
    #[arg(long, global = true, env = "HSADMIN_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]
    #[arg(long, global = true, env = "HSADMIN_LEDGER", value_name = "FILE")]
    pub ledger: Option<PathBuf>,
    /// Print the result as one JSON document on stdout (the same as -o json)
    #[arg(long, global = true)]
    pub json: bool,
    /// How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)
    ///
    /// On a terminal, tables fit its width ($COLUMNS, else the window's): long free text ends in `…`
    #[arg(short = 'o', long = "output", global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<crate::output::Format>,
    /// Print tables, csv and tsv without their header line
    #[arg(long, global = true)]
    pub no_headers: bool,
    /// Never page long tables
    ///
    /// Without it, on a terminal, a table longer than the screen ($LINES) goes through $HSADMIN_PAGER,
    /// else $PAGER, else `less -FRX` (with LESS=FRX if LESS is unset); an empty value or `cat` means no pager
    #[arg(long, global = true)]
    pub no_pager: bool,
    /// Print nothing on stderr but errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more detail on stderr (repeat for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)
    #[arg(long, global = true, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty ledger
    Init(init::InitArgs),
    /// Show the configuration in effect
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Show the audit log: every change, who made it and with which command
    Log(log::LogArgs),
    /// Members of the cooperative
    #[command(subcommand)]
    Member(member::MemberCommand),
    /// Cooperative shares of a member (64 EUR each)
    #[command(subcommand)]
    Share(share::ShareCommand),
    /// The asset account (paid-in capital) of a member
    #[command(subcommand)]
    Asset(asset::AssetCommand),
    /// Managed servers
    #[command(subcommand)]
    Server(server::ServerCommand),
    /// Products and their prices
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
    /// Webspace packages
    #[command(subcommand)]
    Package(package::PackageCommand),
    /// Unix users of packages
    #[command(subcommand)]
    User(user::UserCommand),
    /// Cron jobs of Unix users
    #[command(subcommand)]
    Cron(cron::CronCommand),
    /// Domains set up on packages: web server, document roots, subdomains
    #[command(subcommand)]
    Domain(domain::DomainCommand),
    /// Name service: the zones of the domains, their own records, checks with named-checkzone
    #[command(subcommand)]
    Dns(dns::DnsCommand),
    /// Databases (MariaDB, PostgreSQL) of packages and their users
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Mail of packages: addresses on their domains, aliases, mailing lists
    #[command(subcommand)]
    Mail(mail::MailCommand),
    /// Backups of packages: the runs and their snapshots, packages without a recent good one
    #[command(subcommand)]
    Backup(backup::BackupCommand),
    /// Usage: bytes sent per domain and day, collected from the web servers
    #[command(subcommand)]
    Traffic(traffic::TrafficCommand),
    /// Bank accounts of members, for direct debits
    #[command(subcommand)]
    BankAccount(bank::BankAccountCommand),
    /// SEPA direct-debit mandates of members: signed, used (FRST, RCUR), revoked, expired after 36 months unused
    #[command(subcommand)]
    Mandate(mandate::MandateCommand),
    /// Invoices and credit notes: generate, render (PDF, XRechnung), export to accounting (DATEV, Lexware)
    #[command(subcommand)]
    Invoice(invoice::InvoiceCommand),
    /// DTAUS files, the legacy German direct-debit format: check and list one (export comes with the direct-debit ledger)
    #[command(subcommand)]
    Dtaus(dtaus::DtausCommand),
    /// SEPA direct debits: the open invoices of members with a mandate as one pain.008 file, exactly once
    #[command(subcommand)]
    Sepa(sepa::SepaCommand),
    /// Direct debits sent: record a debit the bank returned, so that its invoices are collected again
    #[command(subcommand)]
    Debit(debit::DebitCommand),
    /// Show what `apply` would change on the servers (reads them, changes nothing)
    Plan(converge::PlanArgs),
    /// Bring the servers in line with the ledger: one session and one script per server, in parallel
    Apply(converge::ApplyArgs),
    /// Check the config, the ledger (integrity, schema, file mode, references) and the SSH credentials
    Doctor,
    /// The ledger file itself: a consistent backup copy
    #[command(subcommand)]
    Ledger(doctor::LedgerCommand),
    /// Shell completions and man pages
    #[command(subcommand)]
    Util(util::UtilCommand),
}

/// What every handler gets: where to write, the configuration, and how to open the ledger.
pub struct Ctx {
    pub out: Output,
    pub config: crate::config::Loaded,
    pub ledger_path: PathBuf,
    pub actor: Actor,
}

impl Ctx {
    pub fn ledger(&self) -> Result<Ledger> {
        let ledger = Ledger::open(&self.ledger_path, self.actor.clone())?;
        self.out.debug(&format!("ledger {} (schema version {})", self.ledger_path.display(), ledger.schema_version()?));
        Ok(ledger)
    }

    /// Says on stderr that a dry run changed nothing.
    pub fn dry_run_note(&self, dry_run: bool) {
        if dry_run {
            self.out.status("Dry run", "nothing was committed");
        }
    }
}

/// Parses an optional text argument with the given validator.
pub(crate) fn opt<T>(value: &Option<String>, parse: impl FnOnce(&str) -> Result<T>) -> Result<Option<T>> {
    value.as_deref().map(parse).transpose()
}

/// A value parser that offers `values` to help, completions and man pages, but takes any text: the model
/// types validate it afterwards, so that a bad value is exit 2 naming its field, like every other input.
#[derive(Debug, Clone)]
pub(crate) struct Choices(Vec<&'static str>);

impl clap::builder::TypedValueParser for Choices {
    type Value = String;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &std::ffi::OsStr) -> std::result::Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|v| clap::builder::PossibleValue::new(*v))))
    }
}

/// The values an option offers (see [`Choices`]).
pub(crate) fn choices(values: impl IntoIterator<Item = &'static str>) -> Choices {
    Choices(values.into_iter().collect())
}

/// The columns a list can be sorted by, offered to `--sort`.
pub(crate) fn sort_keys(keys: &'static [crate::ledger::SortKey]) -> Choices {
    choices(keys.iter().map(|k| k.name))
}

/// `--sort FIELD` and `--reverse` of a list, checked against the list's columns.
pub(crate) fn sort(field: &Option<String>, keys: &'static [crate::ledger::SortKey], reverse: bool) -> Result<crate::ledger::Sort> {
    crate::ledger::Sort::parse("sort", field.as_deref(), keys, reverse)
}

/// The command-line definition: the clap derive, with every verb's examples after its help.
pub fn command() -> clap::Command {
    examples::add(<Cli as clap::CommandFactory>::command())
}

/// Parses the command line, runs it and turns the outcome into an exit code.
pub fn main() -> ExitCode {
    // On TAB the completion scripts run `COMPLETE=SHELL hsadmin -- WORDS`: answer and exit.
    clap_complete::CompleteEnv::with_factory(command).completer("hsadmin").complete();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let json = wants_json(&args);
    let cli = match command().try_get_matches_from(&args).and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e, json),
    };
    let json = cli.json || cli.output == Some(crate::output::Format::Json);
    let mut out = Output::new(json, cli.quiet, cli.verbose, cli.color);
    if let Some(format) = cli.output.filter(|_| !cli.json) {
        out.format = format;
    }
    out.no_headers = cli.no_headers;
    out.pager = !cli.no_pager;
    // Every mutating verb takes --dry-run; its outcome lines then say what would happen.
    out.dry_run = args.iter().skip(1).take_while(|a| *a != "--").any(|a| a == "--dry-run");
    match run(cli, &args, &out) {
        Ok(code) => ExitCode::from(code),
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// Whether the command line asks for JSON (`--json`, `-o json`), looked at before clap parses it, so
/// that even a usage error is a JSON document.
fn wants_json(args: &[std::ffi::OsString]) -> bool {
    let words: Vec<&str> = args.iter().skip(1).map_while(|a| a.to_str()).take_while(|a| *a != "--").collect();
    words
        .iter()
        .enumerate()
        .any(|(i, w)| *w == "--json" || matches!(*w, "-ojson" | "--output=json") || (matches!(*w, "-o" | "--output") && words.get(i + 1) == Some(&"json")))
}

/// Help and version go to stdout (`--version --json` as a document); a usage error keeps clap's whole
/// message on stderr and, under `--json`, names the argument in `field`: exit 2.
fn clap_error(e: &clap::Error, json: bool) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() == ErrorKind::DisplayVersion && json {
        println!("{}", serde_json::json!({"name": "hsadmin", "version": env!("CARGO_PKG_VERSION")}));
        return ExitCode::SUCCESS;
    }
    let _ = e.print();
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return ExitCode::SUCCESS;
    }
    if json {
        let message = e.render().to_string();
        let message = message.trim().trim_start_matches("error: ").to_owned();
        let field = match e.get(ContextKind::InvalidArg) {
            Some(ContextValue::String(arg)) => Some(argument_name(arg)),
            Some(ContextValue::Strings(args)) => args.first().map(|a| argument_name(a)),
            _ => None,
        };
        println!("{}", Error::Usage(message).to_json_with_field(field.as_deref()));
    }
    ExitCode::from(exit::INVALID)
}

/// `--count <COUNT>` or `<NUMBER>` as the field name the JSON errors use: `count`, `number`.
fn argument_name(arg: &str) -> String {
    let name = arg.split_whitespace().next().unwrap_or(arg);
    name.trim_start_matches('-').trim_matches(|c| c == '<' || c == '>' || c == '[' || c == ']' || c == '.').to_lowercase().replace('_', "-")
}

/// Runs the command; the result carries the exit code (drift from `plan --detailed-exitcode` is a
/// result, exit 3, not an error).
fn run(cli: Cli, args: &[std::ffi::OsString], out: &Output) -> Result<u8> {
    if let Command::Util(cmd) = &cli.command {
        return util::run(out, cmd).map(|()| exit::OK);
    }
    let config = crate::config::load(cli.config.as_deref())?;
    let ledger_path = crate::config::ledger_path(cli.ledger.as_deref(), &config.config)?;
    let ctx = Ctx { out: out.clone(), config, ledger_path, actor: Actor::of_this_process(args) };
    match cli.command {
        Command::Plan(a) => return converge::plan(&ctx, a),
        Command::Backup(c) => return backup::run(&ctx, c),
        _ => {}
    }
    match cli.command {
        Command::Init(a) => init::run(&ctx, a),
        Command::Config(c) => config::run(&ctx, c),
        Command::Log(a) => log::run(&ctx, a),
        Command::Member(c) => member::run(&ctx, c),
        Command::Share(c) => share::run(&ctx, c),
        Command::Asset(c) => asset::run(&ctx, c),
        Command::Server(c) => server::run(&ctx, c),
        Command::Catalog(c) => catalog::run(&ctx, c),
        Command::Traffic(c) => traffic::run(&ctx, c),
        Command::Invoice(c) => invoice::run(&ctx, c),
        Command::BankAccount(c) => bank::run(&ctx, c),
        Command::Mandate(c) => mandate::run(&ctx, c),
        Command::Dtaus(c) => dtaus::run(&ctx, c),
        Command::Sepa(c) => sepa::run(&ctx, c),
        Command::Debit(c) => debit::run(&ctx, c),
        Command::Package(c) => package::run(&ctx, c),
        Command::User(c) => user::run(&ctx, c),
        Command::Cron(c) => cron::run(&ctx, c),
        Command::Domain(c) => domain::run(&ctx, c),
        Command::Dns(c) => dns::run(&ctx, c),
        Command::Db(c) => db::run(&ctx, c),
        Command::Mail(c) => mail::run(&ctx, c),
        Command::Apply(a) => converge::apply(&ctx, a),
        Command::Doctor => doctor::doctor(&ctx),
        Command::Ledger(c) => doctor::ledger(&ctx, c),
        Command::Plan(_) | Command::Backup(_) | Command::Util(_) => unreachable!("handled above"),
    }
    .map(|()| exit::OK)
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definitions_are_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
