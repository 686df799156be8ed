//! The SQL hsadmin sends to a database server, as pure text: the facts queries and each change, for
//! MariaDB and PostgreSQL. Names reach here validated (`model::DbName`: `[a-z0-9_]`) and secrets as the
//! engine's pre-hashed form; still every identifier goes through [`ident`] and every value through
//! [`literal`], so that no text can end a quoted name or string. The SQL reaches the engine's client on
//! its stdin (`remote/database/`), never in an argument.
//!
//! What hsadmin manages is written down on the server itself, in a database of its own (`hsadmin`, a name
//! no package can have: package names end in two digits) with one table `managed (kind, name)`; only root
//! (MariaDB) and the `postgres` superuser (PostgreSQL) can reach it. A user or database without its row
//! there was not created by hsadmin, and hsadmin never touches it.

use crate::model::Engine;

/// hsadmin's own database on each database server.
pub const MARKER_DB: &str = "hsadmin";

/// An identifier, quoted: backticks for MariaDB, double quotes for PostgreSQL, the quote character doubled.
pub fn ident(d: Engine, name: &str) -> String {
    match d {
        Engine::Mariadb => format!("`{}`", name.replace('`', "``")),
        Engine::Postgresql => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

/// A string literal: single quotes doubled; for MariaDB backslashes doubled too (its default sql_mode
/// reads `\` as an escape).
pub fn literal(d: Engine, value: &str) -> String {
    let v = value.replace('\'', "''");
    match d {
        Engine::Mariadb => format!("'{}'", v.replace('\\', "\\\\")),
        Engine::Postgresql => format!("'{v}'"),
    }
}

/// A MariaDB account: `'name'@'%'` (from any host; the server listens on its own address only).
fn account(name: &str) -> String {
    format!("{}@'%'", literal(Engine::Mariadb, name))
}

/// A database name as a MariaDB grant pattern: `_` and `%` are wildcards there and are escaped, so that
/// `xyz00_wp` does not also grant `xyz00Xwp`.
pub fn grant_pattern(name: &str) -> String {
    name.replace('\\', "\\\\").replace('_', "\\_").replace('%', "\\%")
}

/// A value as hex in a facts row (`x` first, so that an empty value is still a field).
fn hex(d: Engine, expr: &str) -> String {
    match d {
        Engine::Mariadb => format!("CONCAT('x', HEX(CAST(({expr}) AS CHAR)))"),
        Engine::Postgresql => format!("'x' || encode(convert_to(({expr})::text, 'UTF8'), 'hex')"),
    }
}

/// The facts query's rows, each `KIND<TAB>x<hex>…` (MariaDB) or `KIND x<hex>…` (PostgreSQL): `setup`
/// (whether hsadmin's marker table exists, whether the ed25519 plugin is active), `user` (name, secret,
/// locked), `db` (name, owner or empty, encoding), `grant` (database or MariaDB pattern, user; empty for
/// PostgreSQL's PUBLIC), and, once set up, `managed` (kind, name).
pub fn facts_query(d: Engine) -> String {
    let h = |e: &str| hex(d, e);
    match d {
        Engine::Mariadb => [
            format!(
                "SELECT 'setup', {}, {};",
                h("(SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'hsadmin' AND TABLE_NAME = 'managed')"),
                h("(SELECT COUNT(*) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'ed25519' AND PLUGIN_STATUS = 'ACTIVE')")
            ),
            format!(
                "SELECT 'user', {}, {}, {} FROM mysql.global_priv WHERE Host = '%';",
                h("User"),
                h("CONCAT(IFNULL(JSON_VALUE(Priv, '$.plugin'), ''), ':', IFNULL(JSON_VALUE(Priv, '$.authentication_string'), ''))"),
                h("IF(IFNULL(JSON_VALUE(Priv, '$.account_locked'), 'false') = 'true', 1, 0)")
            ),
            format!("SELECT 'db', {}, {}, {} FROM information_schema.SCHEMATA;", h("SCHEMA_NAME"), h("''"), h("DEFAULT_CHARACTER_SET_NAME")),
            format!("SELECT 'grant', {}, {} FROM mysql.db WHERE Host = '%';", h("Db"), h("User")),
        ]
        .join("\n"),
        Engine::Postgresql => [
            format!("SELECT 'setup', {}, {};", h("(SELECT count(*) FROM pg_database WHERE datname = 'hsadmin')"), h("1")),
            format!(
                "SELECT 'user', {}, {}, {} FROM pg_authid WHERE rolname !~ '^pg_';",
                h("rolname"),
                h("coalesce(rolpassword, '')"),
                h("CASE WHEN rolcanlogin THEN 0 ELSE 1 END")
            ),
            format!("SELECT 'db', {}, {}, {} FROM pg_database;", h("datname"), h("pg_get_userbyid(datdba)"), h("pg_encoding_to_char(encoding)")),
            format!(
                "SELECT DISTINCT 'grant', {}, {} FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a;",
                h("d.datname"),
                h("CASE WHEN a.grantee = 0 THEN '' ELSE pg_get_userbyid(a.grantee) END")
            ),
        ]
        .join("\n"),
    }
}

/// The second facts query, run only once hsadmin's database exists: its marker rows.
pub fn managed_query(d: Engine) -> String {
    match d {
        Engine::Mariadb => format!("SELECT 'managed', {}, {} FROM hsadmin.managed;", hex(d, "kind"), hex(d, "name")),
        Engine::Postgresql => format!("SELECT 'managed', {}, {} FROM managed;", hex(d, "kind"), hex(d, "name")),
    }
}

/// The database PostgreSQL's client connects to for a batch: `postgres` for the set-up, which creates
/// hsadmin's own, and hsadmin's own for everything else (one connection per batch: each `\\c` would be
/// another).
pub fn session_database(setup: bool) -> &'static str {
    if setup { "postgres" } else { MARKER_DB }
}

/// Creates hsadmin's marker database and table (and, for MariaDB, loads the ed25519 plugin).
pub fn setup(d: Engine) -> String {
    match d {
        Engine::Mariadb => "INSTALL SONAME 'auth_ed25519';\n".to_owned() + MARIADB_MARKER,
        Engine::Postgresql => PG_MARKER.to_owned(),
    }
}

const MARIADB_MARKER: &str = "CREATE DATABASE IF NOT EXISTS hsadmin;
CREATE TABLE IF NOT EXISTS hsadmin.managed (kind VARCHAR(16) NOT NULL, name VARCHAR(128) NOT NULL, PRIMARY KEY (kind, name));
";

/// `\gexec` runs the CREATE only when the database is missing (CREATE DATABASE has no IF NOT EXISTS).
const PG_MARKER: &str = "SELECT 'CREATE DATABASE hsadmin' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'hsadmin')\\gexec
REVOKE ALL ON DATABASE hsadmin FROM PUBLIC;
\\c hsadmin
CREATE TABLE IF NOT EXISTS managed (kind text NOT NULL, name text NOT NULL, PRIMARY KEY (kind, name));
REVOKE ALL ON managed FROM PUBLIC;
";

/// The marker row of a user or database, written before the object is made (a failure in between leaves
/// a marker without object, which the next apply completes). PostgreSQL's client is connected to
/// hsadmin's own database for every change but the set-up ([`session_database`]); users and databases are
/// the cluster's, so they are made from there as well.
fn mark(d: Engine, kind: &str, name: &str) -> String {
    let (k, n) = (literal(d, kind), literal(d, name));
    match d {
        Engine::Mariadb => format!("INSERT IGNORE INTO hsadmin.managed VALUES ({k}, {n});\n"),
        Engine::Postgresql => format!("INSERT INTO managed VALUES ({k}, {n}) ON CONFLICT DO NOTHING;\n"),
    }
}

fn unmark(d: Engine, kind: &str, name: &str) -> String {
    let (k, n) = (literal(d, kind), literal(d, name));
    match d {
        Engine::Mariadb => format!("DELETE FROM hsadmin.managed WHERE kind = {k} AND name = {n};\n"),
        Engine::Postgresql => format!("DELETE FROM managed WHERE kind = {k} AND name = {n};\n"),
    }
}

/// A new login user with its pre-hashed secret, marked as hsadmin's.
pub fn create_user(d: Engine, name: &str, secret: &str) -> String {
    let create = match d {
        Engine::Mariadb => format!("CREATE USER {} IDENTIFIED VIA ed25519 USING {};\n", account(name), literal(d, secret)),
        Engine::Postgresql => format!("CREATE ROLE {} LOGIN PASSWORD {};\n", ident(d, name), literal(d, secret)),
    };
    mark(d, "user", name) + &create
}

/// A user's new secret.
pub fn set_password(d: Engine, name: &str, secret: &str) -> String {
    match d {
        Engine::Mariadb => format!("ALTER USER {} IDENTIFIED VIA ed25519 USING {};\n", account(name), literal(d, secret)),
        Engine::Postgresql => format!("ALTER ROLE {} PASSWORD {};\n", ident(d, name), literal(d, secret)),
    }
}

/// Locks a user (no new logins) and ends its sessions; or unlocks it.
pub fn lock(d: Engine, name: &str, locked: bool) -> String {
    match (d, locked) {
        (Engine::Mariadb, true) => format!("ALTER USER {} ACCOUNT LOCK;\n", account(name)),
        (Engine::Mariadb, false) => format!("ALTER USER {} ACCOUNT UNLOCK;\n", account(name)),
        (Engine::Postgresql, true) => format!(
            "ALTER ROLE {} NOLOGIN;\nSELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = {};\n",
            ident(d, name),
            literal(d, name)
        ),
        (Engine::Postgresql, false) => format!("ALTER ROLE {} LOGIN;\n", ident(d, name)),
    }
}

/// A new database of `owner`, marked as hsadmin's; the owner has all rights on it, nobody else any.
pub fn create_database(d: Engine, name: &str, owner: &str, encoding: &str) -> String {
    let create = match d {
        Engine::Mariadb => format!("CREATE DATABASE {} CHARACTER SET {};\n", ident(d, name), ident(d, encoding)),
        Engine::Postgresql => {
            format!("CREATE DATABASE {} OWNER {} ENCODING {} TEMPLATE template0;\n", ident(d, name), ident(d, owner), literal(d, encoding))
        }
    };
    mark(d, "database", name) + &create + &grant(d, name, owner)
}

/// The owner's rights on its database (PostgreSQL: also the owner itself, and PUBLIC's default rights
/// taken away).
pub fn grant(d: Engine, name: &str, owner: &str) -> String {
    match d {
        Engine::Mariadb => format!("GRANT ALL PRIVILEGES ON {}.* TO {};\n", ident(d, &grant_pattern(name)), account(owner)),
        Engine::Postgresql => format!(
            "ALTER DATABASE {db} OWNER TO {o};\nREVOKE ALL ON DATABASE {db} FROM PUBLIC;\nGRANT ALL ON DATABASE {db} TO {o};\n",
            db = ident(d, name),
            o = ident(d, owner)
        ),
    }
}

/// Takes a user's rights on a database (MariaDB: a grant pattern as stored) away; `user` empty is
/// PostgreSQL's PUBLIC.
pub fn revoke(d: Engine, database: &str, user: &str) -> String {
    match d {
        Engine::Mariadb => format!("REVOKE ALL PRIVILEGES ON {}.* FROM {};\n", ident(d, database), account(user)),
        Engine::Postgresql => {
            let who = if user.is_empty() { "PUBLIC".to_owned() } else { ident(d, user) };
            format!("REVOKE ALL ON DATABASE {} FROM {who};\n", ident(d, database))
        }
    }
}

/// Drops a database hsadmin created (PostgreSQL: ending its sessions first), then its marker.
pub fn drop_database(d: Engine, name: &str) -> String {
    let drop = match d {
        Engine::Mariadb => format!("DROP DATABASE IF EXISTS {};\n", ident(d, name)),
        Engine::Postgresql => format!("DROP DATABASE IF EXISTS {} WITH (FORCE);\n", ident(d, name)),
    };
    drop + &unmark(d, "database", name)
}

/// Drops a user hsadmin created, then its marker.
pub fn drop_user(d: Engine, name: &str) -> String {
    let drop = match d {
        Engine::Mariadb => format!("DROP USER IF EXISTS {};\n", account(name)),
        Engine::Postgresql => format!("DROP ROLE IF EXISTS {};\n", ident(d, name)),
    };
    drop + &unmark(d, "user", name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Engine::{Mariadb as MariaDb, Postgresql as PostgreSql};

    #[test]
    fn quotes_cannot_be_closed() {
        assert_eq!(ident(MariaDb, "a`b"), "`a``b`");
        assert_eq!(ident(PostgreSql, "a\"b"), "\"a\"\"b\"");
        assert_eq!(literal(MariaDb, "a'b\\"), "'a''b\\\\'");
        assert_eq!(literal(PostgreSql, "a'b\\"), "'a''b\\'");
    }

    #[test]
    fn a_grant_names_one_database_not_a_pattern() {
        assert_eq!(grant(MariaDb, "xyz00_wp", "xyz00_wp"), "GRANT ALL PRIVILEGES ON `xyz00\\_wp`.* TO 'xyz00_wp'@'%';\n");
    }

    #[test]
    fn a_database_is_marked_before_it_is_made_and_closed_to_others() {
        let sql = create_database(PostgreSql, "xyz00_app", "xyz00_app", "UTF8");
        let (mark, create, revoke) =
            (sql.find("INSERT INTO managed").unwrap(), sql.find("CREATE DATABASE").unwrap(), sql.find("REVOKE ALL ON DATABASE").unwrap());
        assert!(mark < create && create < revoke, "{sql}");
        assert!(sql.contains("OWNER \"xyz00_app\" ENCODING 'UTF8' TEMPLATE template0"), "{sql}");
        let sql = create_user(MariaDb, "xyz00_wp", "ZIgUREUg5PVgQ6LskhXmO+eZLS0nC8be6HPjYWR4YJY");
        assert!(
            sql.starts_with("INSERT IGNORE INTO hsadmin.managed VALUES ('user', 'xyz00_wp');\nCREATE USER 'xyz00_wp'@'%' IDENTIFIED VIA ed25519 USING"),
            "{sql}"
        );
    }
}
