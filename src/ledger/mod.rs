//! The ledger: one SQLite file, the single source of truth.
//!
//! Opening it applies pending migrations (an append-only list, counted by `user_version`, cargo's
//! `util/sqlite.rs` pattern). Writers take the lock up front (`BEGIN IMMEDIATE`) and wait up to
//! [`BUSY_TIMEOUT`] for another process, so a cron job and a hostmaster never lose an update.
pub mod audit;
pub mod backup;
pub mod bank;
pub mod capital;
pub mod catalog;
pub mod cron;
pub mod database;
pub mod debit;
pub mod dns;
pub mod domain;
pub mod health;
pub mod invoice;
pub mod mail;
pub mod mandate;
pub mod member;
pub mod names;
pub mod package;
pub mod server;
pub mod server_state;
pub mod usage;
pub mod user;

use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema history. Never remove, reorder or edit an entry once released; append a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_domains_and_server_state.sql"),
    include_str!("migrations/0003_uid_grants.sql"),
    include_str!("migrations/0004_ids_never_reused.sql"),
    include_str!("migrations/0005_references_once.sql"),
    include_str!("migrations/0006_domain_robot.sql"),
    include_str!("migrations/0007_dns.sql"),
    include_str!("migrations/0008_billing.sql"),
    include_str!("migrations/0009_direct_debits.sql"),
    include_str!("migrations/0010_debits.sql"),
    include_str!("migrations/0011_databases.sql"),
    include_str!("migrations/0012_backups.sql"),
    include_str!("migrations/0013_mail.sql"),
];

/// How long a command waits for another hsadmin process to finish its write.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Who changes the ledger, for the audit log.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The OS user running hsadmin.
    pub user: String,
    /// The command line (it never carries secrets: those come over stdin).
    pub command: String,
}

impl Actor {
    /// The OS user and the command line, for the audit log. Secrets never reach argv, so it is safe to keep.
    pub fn of_this_process(args: &[std::ffi::OsString]) -> Self {
        let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| os_user_name());
        let command = args.iter().map(|a| {
            let s = a.to_string_lossy();
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=:,@+%".contains(&b)) { s.into_owned() } else { format!("{:?}", s) }
        });
        Actor { user, command: command.collect::<Vec<_>>().join(" ") }
    }
}

/// The login name of the real uid, from the password database.
fn os_user_name() -> String {
    // SAFETY: getpwuid returns NULL or a pointer to a static record that we copy out at once.
    unsafe {
        let uid = libc::getuid();
        let pw = libc::getpwuid(uid);
        if pw.is_null() || (*pw).pw_name.is_null() {
            return format!("uid {uid}");
        }
        std::ffi::CStr::from_ptr((*pw).pw_name).to_string_lossy().into_owned()
    }
}

pub struct Ledger {
    conn: Connection,
    path: PathBuf,
    actor: Actor,
}

/// A transaction on the ledger; dereferences to the connection for queries.
pub struct Tx<'l> {
    tx: rusqlite::Transaction<'l>,
    actor: &'l Actor,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Ledger {
    /// Creates a new ledger file (mode 0600) and its schema. Refuses to touch an existing file.
    pub fn create(path: &Path, actor: Actor) -> Result<Self> {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        }
        match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::Conflict(format!("a ledger already exists at {}", path.display())));
            }
            Err(e) => {
                return Err(Error::Failed(format!("cannot create the ledger at {}: {e}", path.display())));
            }
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Self::connect(conn, path, actor)
    }

    /// Opens an existing ledger and brings its schema up to date.
    pub fn open(path: &Path, actor: Actor) -> Result<Self> {
        if !path.exists() {
            return Err(Error::Failed(format!("there is no ledger at {}; create it with `hsadmin init`", path.display())));
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        Self::connect(conn, path, actor)
    }

    fn connect(mut conn: Connection, path: &Path, actor: Actor) -> Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // FULL: a committed payment or invoice survives a power cut, not only a crash.
        conn.pragma_update(None, "synchronous", "FULL")?;
        register_casefold(&conn)?;
        migrate(&mut conn)?;
        Ok(Self { conn, path: path.to_owned(), actor })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<usize> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as usize)
    }

    /// Runs `f` in a write transaction. With `dry_run` everything runs, then rolls back.
    pub fn write<T>(&mut self, dry_run: bool, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = Tx { tx: self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?, actor: &self.actor };
        let value = f(&tx)?;
        if dry_run {
            tx.tx.rollback()?
        } else {
            tx.tx.commit()?
        }
        Ok(value)
    }

    /// Runs `f` in a read transaction: a consistent snapshot, never blocking writers (WAL).
    pub fn read<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = Tx { tx: self.conn.transaction_with_behavior(TransactionBehavior::Deferred)?, actor: &self.actor };
        let value = f(&tx)?;
        tx.tx.rollback()?;
        Ok(value)
    }
}

impl Tx<'_> {
    /// Records one mutation in the audit log, inside this transaction.
    pub fn audit(&self, entity: &str, key: &str, action: &str, before: Option<serde_json::Value>, after: Option<serde_json::Value>) -> Result<()> {
        audit::insert(self, self.actor, entity, key, action, before, after)
    }
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let version = |c: &Connection| c.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0));
    if version(conn)? as usize == MIGRATIONS.len() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let current = version(&tx)? as usize;
    if current > MIGRATIONS.len() {
        return Err(Error::Failed(format!("the ledger has schema version {current}, newer than this hsadmin knows ({}); upgrade hsadmin", MIGRATIONS.len())));
    }
    for sql in &MIGRATIONS[current..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
    tx.commit()?;
    Ok(())
}

/// Moves the counter `name` to the first value that is at least `floor` and above every value it handed out
/// before, and returns it. Inside the caller's transaction, so a rolled-back (or dry) run hands out nothing.
pub fn next_in_sequence(conn: &Connection, name: &str, floor: i64) -> Result<i64> {
    let last: Option<i64> = conn.prepare_cached("SELECT last FROM sequence WHERE name = ?1")?.query_row([name], |r| r.get(0)).optional()?;
    let next = last.map_or(floor, |l| (l + 1).max(floor));
    conn.prepare_cached("INSERT INTO sequence (name, last) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET last = excluded.last")?
        .execute(rusqlite::params![name, next])?;
    Ok(next)
}

/// `casefold(text)`: the text in lower case, for case-insensitive search and sorting beyond ASCII (SQLite's own
/// `lower()` and `LIKE` fold only A-Z, so `--name ärzte` would not find "Ärzte eG").
fn register_casefold(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("casefold", 1, flags, |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| s.to_lowercase())))?;
    Ok(())
}

/// A column a list can be sorted by: the name `--sort` takes (the list's column) and the SQL expression
/// it orders by. Lists declare theirs as a constant; only those expressions ever reach ORDER BY.
#[derive(Debug)]
pub struct SortKey {
    pub name: &'static str,
    pub sql: &'static str,
}

/// How a list is ordered: one of its sort keys, ascending or descending. Ties go by the list's key in the
/// same direction, so the order is always the same.
#[derive(Debug, Clone, Copy)]
pub struct Sort {
    key: &'static SortKey,
    descending: bool,
}

impl Sort {
    /// The sort key called `name` among `keys` (the first, the list's key, when `None`); a name that is not
    /// a column of the list is invalid input naming `field`.
    pub fn parse(field: &str, name: Option<&str>, keys: &'static [SortKey], descending: bool) -> Result<Self> {
        let key = match name {
            None => &keys[0],
            Some(n) => keys.iter().find(|k| k.name.eq_ignore_ascii_case(n)).ok_or_else(|| {
                let all: Vec<&str> = keys.iter().map(|k| k.name).collect();
                Error::invalid(field, format!("{} must be one of {}", crate::model::shown(n), all.join(", ")))
            })?,
        };
        Ok(Self { key, descending })
    }

    /// The list's own order: by its key, ascending.
    pub fn default_of(keys: &'static [SortKey]) -> Self {
        Self { key: &keys[0], descending: false }
    }

    /// The ORDER BY expression list: the sort key, then `tie` (the list's key), in the one direction.
    pub(crate) fn order_by(&self, tie: &str) -> String {
        let dir = if self.descending { "DESC" } else { "ASC" };
        format!("{} {dir}, {tie} {dir}", self.key.sql)
    }
}

/// A boolean column as stored (0/1).
pub(crate) fn flag(b: bool) -> i64 {
    b as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_twice() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v as usize, MIGRATIONS.len());
    }

    #[test]
    fn a_row_that_does_not_validate_is_a_ledger_error() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute("INSERT INTO server (name, address, port, roles) VALUES ('h1', '127.0.0.1', 22, 'web')", []).unwrap();
        assert_eq!(server::list(&conn).unwrap()[0].roles.to_string(), "web");
        // What no command writes: a role hsadmin does not know, a server name that is shell text.
        conn.execute("UPDATE server SET roles = 'web,smtp' WHERE name = 'h1'", []).unwrap();
        let e = server::list(&conn).unwrap_err();
        assert!(matches!(e, Error::Db(_)), "{e:?}");
        assert!(e.to_string().contains("roles in the ledger"), "{e}");
        conn.execute("UPDATE server SET roles = 'web', name = 'h1;id' WHERE name = 'h1'", []).unwrap();
        assert!(server::get(&conn, "h1;id").unwrap_err().to_string().contains("server name in the ledger"));
    }
}
