//! `hsadmin db user add|update|list|show|remove` and `hsadmin db add|list|show|remove`: MariaDB and
//! PostgreSQL users and databases of packages. Passwords come on stdin (`--password-stdin`) and are stored
//! only as the engine's pre-hashed secret, which no output shows. A change applies to the package's server
//! right away, like every mutating command (`--no-apply` leaves it pending).
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview};
use super::opt;
use crate::Result;
use crate::ledger::database::{Database, DbUser};
use crate::model::{self, DbName, Encoding, Engine, PackageName};
use crate::ops::database as ops;
use crate::output::{Render, table};

#[derive(Debug, clap::Subcommand)]
pub enum DbCommand {
    /// Database users (MariaDB accounts, PostgreSQL roles) that own databases
    #[command(subcommand)]
    User(UserCommand),
    /// Add a database owned by a database user of the same package and engine
    Add(AddArgs),
    /// List databases
    List(ListArgs),
    /// Show one database
    Show(NameArgs),
    /// Remove a database (the converge role drops it from its server)
    Remove(RemoveArgs),
}

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Add a database user; the password comes as one line on stdin
    Add(UserAddArgs),
    /// Set a database user's password (one line on stdin)
    Update(UserUpdateArgs),
    /// List database users
    List(ListArgs),
    /// Show one database user (never its password or secret)
    Show(NameArgs),
    /// Remove a database user; refused while it owns a database
    Remove(RemoveArgs),
}

fn engines() -> super::Choices {
    super::choices(Engine::ALL.iter().map(|e| e.as_str()))
}

#[derive(Debug, clap::Args)]
pub struct UserAddArgs {
    /// User name: the package name, or the package name, '_' and a-z, 0-9, '_', like xyz00_app
    name: String,
    /// The database engine
    #[arg(long, value_parser = engines())]
    engine: String,
    /// Read the password from stdin (one line; printable ASCII, 8 to 40 characters); required
    #[arg(long, required = true)]
    password_stdin: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct UserUpdateArgs {
    /// User name, like xyz00_app
    name: String,
    /// The engine, needed when both engines have a user of this name
    #[arg(long, value_parser = engines())]
    engine: Option<String>,
    /// Read the new password from stdin (one line); required
    #[arg(long, required = true)]
    password_stdin: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Database name: the package name, or the package name, '_' and a-z, 0-9, '_', like xyz00_app
    name: String,
    /// The database engine
    #[arg(long, value_parser = engines())]
    engine: String,
    /// The owning database user, of the same package and engine
    #[arg(long)]
    owner: String,
    /// Character set: utf8mb4 (default) or latin1 for MariaDB, UTF8 (default) or LATIN1 for PostgreSQL
    #[arg(long)]
    encoding: Option<String>,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only those of this package
    #[arg(long)]
    #[arg(add = complete::package())]
    package: Option<String>,
    /// Only those of this engine
    #[arg(long, value_parser = engines())]
    engine: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct NameArgs {
    /// The name, like xyz00_app
    name: String,
    /// The engine, needed when both engines have one of this name
    #[arg(long, value_parser = engines())]
    engine: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// The name, like xyz00_app
    name: String,
    /// The engine, needed when both engines have one of this name
    #[arg(long, value_parser = engines())]
    engine: Option<String>,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

/// The engine and the name for it; without an engine, the name within the longer limit of the two.
fn name_and_engine(name: &str, engine: &Option<String>) -> Result<(DbName, Option<Engine>)> {
    let engine = opt(engine, |s| Engine::parse("engine", s))?;
    let name = match engine {
        Some(e) => DbName::parse("name", name, e)?,
        None => DbName::stored("name", name)?,
    };
    Ok((name, engine))
}

fn filter(a: &ListArgs) -> Result<(Option<PackageName>, Option<Engine>)> {
    Ok((opt(&a.package, |s| PackageName::parse("package", s))?, opt(&a.engine, |s| Engine::parse("engine", s))?))
}

pub fn run(ctx: &Ctx, cmd: DbCommand) -> Result<()> {
    let today = model::today();
    match cmd {
        DbCommand::User(c) => run_user(ctx, c),
        DbCommand::Add(a) => {
            let engine = Engine::parse("engine", &a.engine)?;
            let name = DbName::parse("name", &a.name, engine)?;
            let owner = DbName::parse("owner", &a.owner, engine)?;
            let encoding = opt(&a.encoding, |s| Encoding::parse("encoding", s, engine))?;
            let db = ctx.ledger()?.write(a.dry_run, |tx| ops::add_database(tx, &name, engine, &owner, encoding, today))?;
            ctx.out.status("Added", &format!("{engine} database {name} owned by {owner}"));
            finish(ctx, &db, &db.package(), a.dry_run, a.apply)
        }
        DbCommand::List(a) => {
            let (package, engine) = filter(&a)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::databases(tx, package.as_ref(), engine))?)
        }
        DbCommand::Show(a) => {
            let (name, engine) = name_and_engine(&a.name, &a.engine)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::database(tx, &name, engine))?)
        }
        DbCommand::Remove(a) => {
            let (name, engine) = name_and_engine(&a.name, &a.engine)?;
            let preview = |d: &Database| {
                Preview::new(format!("remove {} database {}", d.engine, d.name)).line(format!("its data on the database server, owner {}", d.owner))
            };
            let db = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| ops::remove_database(tx, &name, engine, today), preview)?;
            ctx.out.status("Removed", &format!("{} database {name}", db.engine));
            finish(ctx, &db, &db.package(), a.dry_run, a.apply)
        }
    }
}

fn run_user(ctx: &Ctx, cmd: UserCommand) -> Result<()> {
    let today = model::today();
    match cmd {
        UserCommand::Add(a) => {
            let engine = Engine::parse("engine", &a.engine)?;
            let name = DbName::parse("name", &a.name, engine)?;
            let password = super::user::password_from_stdin()?;
            let user = ctx.ledger()?.write(a.dry_run, |tx| ops::add_user(tx, &name, engine, &password, today))?;
            ctx.out.status("Added", &format!("{engine} user {name}"));
            finish(ctx, &user, &user.package, a.dry_run, a.apply)
        }
        UserCommand::Update(a) => {
            let (name, engine) = name_and_engine(&a.name, &a.engine)?;
            let password = super::user::password_from_stdin()?;
            let user = ctx.ledger()?.write(a.dry_run, |tx| ops::update_user(tx, &name, engine, &password))?;
            ctx.out.status("Updated", &format!("the password of {} user {name}", user.engine));
            finish(ctx, &user, &user.package, a.dry_run, a.apply)
        }
        UserCommand::List(a) => {
            let (package, engine) = filter(&a)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::users(tx, package.as_ref(), engine))?)
        }
        UserCommand::Show(a) => {
            let (name, engine) = name_and_engine(&a.name, &a.engine)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| ops::user(tx, &name, engine))?)
        }
        UserCommand::Remove(a) => {
            let (name, engine) = name_and_engine(&a.name, &a.engine)?;
            let preview = |u: &DbUser| {
                Preview::new(format!("remove {} user {}", u.engine, u.name)).line(format!("its login on the database server of package {}", u.package))
            };
            let user = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| ops::remove_user(tx, &name, engine, today), preview)?;
            ctx.out.status("Removed", &format!("{} user {name}", user.engine));
            finish(ctx, &user, &user.package, a.dry_run, a.apply)
        }
    }
}

use super::converge::finish_change as finish;

impl Render for DbUser {
    fn human(&self) -> String {
        table::text(&table::fields([
            ("id", self.id.to_string()),
            ("name", self.name.to_string()),
            ("engine", self.engine.to_string()),
            ("package", self.package.to_string()),
            ("password", "set (stored as the engine's pre-hashed secret)".to_owned()),
            ("added", self.added.to_string()),
            ("removed", table::opt(&self.removed)),
        ]))
    }
}

impl Render for Vec<DbUser> {
    fn human(&self) -> String {
        let mut t = table::list(["name", "engine", "package", "id", "added"]);
        for u in self {
            t.add_row(vec![u.name.to_string(), u.engine.to_string(), u.package.to_string(), u.id.to_string(), u.added.to_string()]);
        }
        table::text(&t)
    }
}

impl Render for Database {
    fn human(&self) -> String {
        table::text(&table::fields([
            ("id", self.id.to_string()),
            ("name", self.name.to_string()),
            ("engine", self.engine.to_string()),
            ("owner", self.owner.to_string()),
            ("encoding", self.encoding.as_str().to_owned()),
            ("added", self.added.to_string()),
            ("removed", table::opt(&self.removed)),
        ]))
    }
}

impl Render for Vec<Database> {
    fn human(&self) -> String {
        let mut t = table::list(["name", "engine", "owner", "encoding", "id", "added"]);
        for d in self {
            t.add_row(vec![
                d.name.to_string(),
                d.engine.to_string(),
                d.owner.to_string(),
                d.encoding.as_str().to_owned(),
                d.id.to_string(),
                d.added.to_string(),
            ]);
        }
        table::text(&t)
    }
}
