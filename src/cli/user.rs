//! `hsadmin user add|list|show|update|remove`
use super::Ctx;
use super::complete;
use super::confirm::{Ask, Preview, and_its};
use super::opt;
use crate::ledger::user::User;
use crate::model::{self, Gecos, MemberNumber, PackageName, Password, PasswordHash, Shell, UserName};
use crate::ops::user::{self, Changes, NewUser, Removed};
use crate::output::{Render, table};
use crate::{Error, Result};
use std::io::Read;

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Add a Unix user to a package (named <package>-<name>)
    Add(AddArgs),
    /// List Unix users
    List(ListArgs),
    /// Show a Unix user
    Show(NameArg),
    /// Change a user's shell, quota, lock or password
    Update(UpdateArgs),
    /// Remove a package user and its cron jobs
    Remove(RemoveArgs),
}

#[derive(Debug, clap::Args)]
pub struct NameArg {
    /// User name, like xyz00-web
    #[arg(add = complete::user())]
    name: String,
}

#[derive(Debug, clap::Args)]
pub struct SettingsArgs {
    /// Login shell
    #[arg(long, value_parser = super::choices(crate::model::SHELLS.iter().copied()))]
    shell: Option<String>,
    /// Free comment (GECOS field)
    #[arg(long)]
    comment: Option<String>,
    /// Soft disk quota in MB (0: none)
    #[arg(long, value_name = "MB")]
    quota_soft_mb: Option<i64>,
    /// Hard disk quota in MB, at most the package's webspace (0: none)
    #[arg(long, value_name = "MB")]
    quota_hard_mb: Option<i64>,
    /// Read the password from stdin (one line); it is stored only as a SHA-512 crypt hash
    #[arg(long)]
    password_stdin: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// User name: the package name, '-' and a suffix, like xyz00-web
    name: String,
    #[command(flatten)]
    settings: SettingsArgs,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// User name
    #[arg(add = complete::user())]
    name: String,
    #[command(flatten)]
    settings: SettingsArgs,
    /// Lock (true) or unlock (false) the login
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    locked: Option<bool>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only users of the packages of this member
    #[arg(long)]
    #[arg(add = complete::member())]
    member: Option<String>,
    /// Only users of this package
    #[arg(long)]
    #[arg(add = complete::package())]
    package: Option<String>,
    /// Sort by this column [default: name]
    #[arg(long, value_name = "FIELD", value_parser = super::sort_keys(user::SORT))]
    sort: Option<String>,
    /// Sort in descending order
    #[arg(long)]
    reverse: bool,
}

#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// User name
    #[arg(add = complete::user())]
    name: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    yes: bool,
    /// Validate and show the result, commit nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    apply: super::converge::ApplyArg,
}

/// Reads one line from stdin as the password; the trailing newline is not part of it.
pub(crate) fn password_from_stdin() -> Result<Password> {
    let mut raw = String::new();
    std::io::stdin().take(4096).read_to_string(&mut raw).map_err(|e| Error::invalid("password", format!("cannot read it from stdin: {e}")))?;
    let line = raw.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(&raw);
    if line.contains('\n') {
        return Err(Error::invalid("password", "stdin must carry exactly one line"));
    }
    Password::parse("password", line)
}

struct Parsed {
    quota_soft_mb: Option<i64>,
    quota_hard_mb: Option<i64>,
    shell: Option<Shell>,
    comment: Option<Gecos>,
    password: Option<PasswordHash>,
}

impl SettingsArgs {
    fn parse(&self) -> Result<Parsed> {
        Ok(Parsed {
            quota_soft_mb: user::quota_mb("quota-soft-mb", self.quota_soft_mb)?,
            quota_hard_mb: user::quota_mb("quota-hard-mb", self.quota_hard_mb)?,
            shell: opt(&self.shell, |s| Shell::parse("shell", s))?,
            comment: opt(&self.comment, |s| Gecos::parse("comment", s))?,
            password: if self.password_stdin { Some(password_from_stdin()?.hash()) } else { None },
        })
    }
}

pub fn run(ctx: &Ctx, cmd: UserCommand) -> Result<()> {
    match cmd {
        UserCommand::Add(a) => {
            let name = UserName::parse("name", &a.name)?;
            let s = a.settings.parse()?;
            let new =
                NewUser { name, shell: s.shell, comment: s.comment, quota_soft_mb: s.quota_soft_mb, quota_hard_mb: s.quota_hard_mb, password: s.password };
            let hosting = ctx.config.config.hosting.clone();
            let u = ctx.ledger()?.write(a.settings.dry_run, |tx| user::add(tx, new, &hosting, model::today()))?;
            ctx.out.status("Added", &format!("user {} (uid {}) to package {}", u.name, u.uid, u.package));
            ctx.dry_run_note(a.settings.dry_run);
            ctx.out.emit(&u)?;
            super::converge::after_change(ctx, &[&u.package], a.settings.dry_run, a.settings.apply)
        }
        UserCommand::List(a) => {
            let filter =
                user::Filter { member: opt(&a.member, |s| MemberNumber::parse("member", s))?, package: opt(&a.package, |s| PackageName::parse("package", s))? };
            let sort = super::sort(&a.sort, user::SORT, a.reverse)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| user::list(tx, &filter, sort))?)
        }
        UserCommand::Show(a) => {
            let name = UserName::parse("name", &a.name)?;
            ctx.out.emit(&ctx.ledger()?.read(|tx| user::get(tx, &name))?)
        }
        UserCommand::Update(a) => {
            let name = UserName::parse("name", &a.name)?;
            let s = a.settings.parse()?;
            let changes = Changes {
                shell: s.shell,
                comment: s.comment,
                quota_soft_mb: s.quota_soft_mb,
                quota_hard_mb: s.quota_hard_mb,
                locked: a.locked,
                password: s.password,
            };
            let u = ctx.ledger()?.write(a.settings.dry_run, |tx| user::update(tx, &name, changes))?;
            ctx.out.status("Updated", &format!("user {}", u.name));
            ctx.dry_run_note(a.settings.dry_run);
            ctx.out.emit(&u)?;
            super::converge::after_change(ctx, &[&u.package], a.settings.dry_run, a.settings.apply)
        }
        UserCommand::Remove(a) => {
            let name = UserName::parse("name", &a.name)?;
            let r = ctx.destroy(a.yes, a.dry_run, Ask::YesNo, |tx| user::remove(tx, &name), removing)?;
            ctx.out.status("Removed", &format!("user {} and {}", r.user.name, crate::output::count(r.cron_jobs.len(), "cron job")));
            ctx.dry_run_note(a.dry_run);
            ctx.out.emit(&r)?;
            super::converge::after_change(ctx, &[&r.user.package], a.dry_run, a.apply)
        }
    }
}

/// What `user remove` removes: listed before it asks.
fn removing(r: &Removed) -> Preview {
    let u = &r.user;
    Preview::new(format!("remove user {}{}", u.name, and_its(r.cron_jobs.len(), "cron job")))
        .line(format!("user {} (uid {}) of package {}; its files in {} stay until the package is purged", u.name, u.uid, u.package, u.home))
        .each(&r.cron_jobs, |j| format!("cron job {}: {} {}", j.id, j.schedule.as_str(), j.command.as_str()))
}

impl Render for User {
    fn human(&self) -> String {
        let quota = if self.quota_hard_mb == 0 {
            "none (package quota applies)".into()
        } else {
            format!("{} MB soft, {} MB hard", self.quota_soft_mb, self.quota_hard_mb)
        };
        table::text(&table::fields([
            ("name", self.name.to_string()),
            ("package", self.package.to_string()),
            ("uid", self.uid.to_string()),
            ("home", self.home.clone()),
            ("shell", self.shell.to_string()),
            ("quota", quota),
            ("locked", table::yes_no(self.locked)),
            ("password", if self.password_set { "set" } else { "not set" }.into()),
            ("comment", table::opt(&self.comment)),
        ]))
    }
}

impl Render for Vec<User> {
    fn human(&self) -> String {
        let mut t = table::list(["name", "package", "uid", "shell", "soft MB", "hard MB", "locked", "home"]);
        for u in self {
            t.add_row(vec![
                u.name.to_string(),
                u.package.to_string(),
                u.uid.to_string(),
                u.shell.to_string(),
                u.quota_soft_mb.to_string(),
                u.quota_hard_mb.to_string(),
                table::yes_no(u.locked),
                u.home.clone(),
            ]);
        }
        table::text(&t)
    }
}

impl Render for Removed {
    fn human(&self) -> String {
        let u = &self.user;
        let jobs = if self.cron_jobs.is_empty() {
            "-".into()
        } else {
            self.cron_jobs.iter().map(|j| format!("{} ({} {})", j.id, j.schedule.as_str(), j.command.as_str())).collect::<Vec<_>>().join(", ")
        };
        table::text(&table::fields([
            ("name", u.name.to_string()),
            ("package", u.package.to_string()),
            ("uid", u.uid.to_string()),
            ("home", u.home.clone()),
            ("cron jobs", jobs),
        ]))
    }
}
