//! A database server's facts, in one read: whether the engine answers, whether hsadmin's marker table
//! (and for MariaDB the ed25519 plugin) is there, every login user with its stored secret and whether it is
//! locked, every database with owner and encoding, every database-level grant, and hsadmin's marker rows.
//! The queries (`render::database::facts_query`) send every value hex-encoded, so nothing a customer can
//! name an object (quotes, tabs, newlines) can pose as another field or row; the rows travel as NUL-framed
//! records and are decoded here. Names are only compared with the ledger's validated names, never acted on
//! otherwise.
use crate::model::Engine;
use crate::remote::quote::{Data, Script};
use crate::remote::records::Record;
use crate::render::database as sql;
use std::collections::{BTreeMap, BTreeSet};

/// A login user on the server.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserFact {
    /// PostgreSQL `rolpassword`; MariaDB the ed25519 hash, or `plugin:authentication_string` for a user
    /// of another plugin (which matches no hash hsadmin sets).
    pub secret: String,
    pub locked: bool,
}

/// A database on the server.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DbFact {
    /// PostgreSQL: its owner; MariaDB: empty (databases have no owner there).
    pub owner: String,
    pub encoding: String,
}

#[derive(Debug, Clone, Default)]
pub struct DbFacts {
    /// The engine answered its administrator; `None` when it is not installed or not running (the reason).
    pub down: Option<String>,
    /// hsadmin's marker database and table exist.
    pub setup: bool,
    /// MariaDB: the ed25519 plugin is active (PostgreSQL: always).
    pub plugin: bool,
    pub users: BTreeMap<String, UserFact>,
    pub databases: BTreeMap<String, DbFact>,
    /// (database or MariaDB grant pattern as stored, user; empty for PostgreSQL's PUBLIC).
    pub grants: BTreeSet<(String, String)>,
    /// hsadmin's marker rows: what it created.
    pub managed_users: BTreeSet<String>,
    pub managed_databases: BTreeSet<String>,
    pub warnings: Vec<String>,
}

/// Converts the clients' rows (`KIND x<hex>…`, tab- or blank-separated) into records; anything else is
/// dropped.
const ROWS_PL: &str = r#"while (my $l = <STDIN>) { chomp $l; my ($k, @f) = split /[\t ]/, $l, -1;
next unless defined $k && $k =~ /\A[a-z]+\z/; next if grep { !/\Ax[0-9A-Fa-f]*\z/ } @f;
print join("\0", $k, scalar(@f), @f), "\0"; }
"#;

const MARIADB_SH: &str = r#"if command -v mariadb > /dev/null 2>&1 && printf 'SELECT 1;\n' | mariadb --batch --skip-column-names > /dev/null 2> "$hs_tmp/db.err"; then
    printf '%s\n' "$hs_db_q1" | mariadb --batch --skip-column-names > "$hs_tmp/db.rows"
    if grep -q "^setup	x31" "$hs_tmp/db.rows"; then printf '%s\n' "$hs_db_q2" | mariadb --batch --skip-column-names >> "$hs_tmp/db.rows"; fi
    perl -e "$hs_db_rows_pl" < "$hs_tmp/db.rows"
elif command -v mariadb > /dev/null 2>&1; then rec down "mariadb does not answer: $(head -c 300 "$hs_tmp/db.err" | tr -d '\000')"
else rec down 'mariadb is not installed'
fi
"#;

const POSTGRESQL_SH: &str = r#"hs_psql() { (cd / && runuser -u postgres -- psql -X -q -A -t -F ' ' -v ON_ERROR_STOP=1 -d "$1"); }
if command -v psql > /dev/null 2>&1 && id postgres > /dev/null 2>&1 && printf 'SELECT 1;\n' | hs_psql postgres > /dev/null 2> "$hs_tmp/db.err"; then
    printf '%s\n' "$hs_db_q1" | hs_psql postgres > "$hs_tmp/db.rows"
    if grep -q "^setup x31" "$hs_tmp/db.rows"; then printf '%s\n' "$hs_db_q2" | hs_psql hsadmin >> "$hs_tmp/db.rows"; fi
    perl -e "$hs_db_rows_pl" < "$hs_tmp/db.rows"
elif command -v psql > /dev/null 2>&1; then rec down "postgresql does not answer: $(head -c 300 "$hs_tmp/db.err" | tr -d '\000')"
else rec down 'postgresql is not installed'
fi
"#;

/// Appends a database role's facts section.
pub fn script(s: &mut Script, d: Engine) {
    let (q1, q2) = (sql::facts_query(d), sql::managed_query(d));
    fn text(t: &str) -> Data<'_> {
        Data::new(t.as_bytes()).expect("SQL has no NUL")
    }
    s.assign("hs_db_rows_pl", &text(ROWS_PL)).assign("hs_db_q1", &text(&q1)).assign("hs_db_q2", &text(&q2));
    s.raw(match d {
        Engine::Mariadb => MARIADB_SH,
        Engine::Postgresql => POSTGRESQL_SH,
    });
}

/// A hex field (`x` + hex digits) decoded as UTF-8.
fn hex(r: &Record, i: usize) -> Option<String> {
    let h = r.text(i)?.strip_prefix('x')?;
    if h.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..h.len()).step_by(2).map(|j| u8::from_str_radix(&h[j..j + 2], 16).ok()).collect();
    String::from_utf8(bytes?).ok()
}

/// Reads a database section's records.
pub fn parse(records: &[Record], d: Engine) -> DbFacts {
    let mut f = DbFacts { plugin: d == Engine::Postgresql, ..Default::default() };
    for r in records {
        let fields: Vec<Option<String>> = (0..r.fields.len()).map(|i| hex(r, i)).collect();
        let get = |i: usize| fields.get(i).cloned().flatten();
        match (r.kind.as_str(), get(0), get(1), get(2)) {
            ("down", ..) => f.down = Some(r.text(0).unwrap_or("the engine does not answer").to_owned()),
            ("setup", Some(table), Some(plugin), _) => {
                f.setup = table == "1";
                f.plugin = d == Engine::Postgresql || plugin == "1";
            }
            ("user", Some(name), Some(secret), Some(locked)) => {
                let secret = secret.strip_prefix("ed25519:").map_or(secret.clone(), str::to_owned);
                f.users.insert(name, UserFact { secret, locked: locked == "1" });
            }
            ("db", Some(name), Some(owner), Some(encoding)) => {
                f.databases.insert(name, DbFact { owner, encoding });
            }
            ("grant", Some(db), Some(user), _) => {
                f.grants.insert((db, user));
            }
            ("managed", Some(kind), Some(name), _) => match kind.as_str() {
                "user" => drop(f.managed_users.insert(name)),
                "database" => drop(f.managed_databases.insert(name)),
                _ => f.warnings.push(format!("hsadmin's marker table has a row of unknown kind {kind:?}; ignored")),
            },
            (kind, ..) => f.warnings.push(format!("a {kind} record from the server does not decode; ignored")),
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::records::{frame, parse as records};

    fn x(s: &str) -> String {
        format!("x{}", s.bytes().map(|b| format!("{b:02x}")).collect::<String>())
    }

    #[test]
    fn rows_decode_and_a_name_with_quotes_or_newlines_stays_one_value() {
        let hostile = "ab'c\nuser\tx";
        let bytes = [
            frame("setup", &[&x("1"), &x("0")]),
            frame("user", &[&x("xyz00_wp"), &x("ed25519:abc"), &x("0")]),
            frame("user", &[&x(hostile), &x(""), &x("1")]),
            frame("db", &[&x("xyz00_wp"), &x(""), &x("utf8mb4")]),
            frame("grant", &[&x("xyz00\\_wp"), &x("xyz00_wp")]),
            frame("managed", &[&x("user"), &x("xyz00_wp")]),
            frame("user", &[&x("odd"), "x4", &x("0")]),
        ]
        .concat();
        let f = parse(&records(&bytes).unwrap(), Engine::Mariadb);
        assert!(f.setup && !f.plugin && f.down.is_none());
        assert_eq!(f.users["xyz00_wp"], UserFact { secret: "abc".into(), locked: false });
        assert!(f.users[hostile].locked);
        assert_eq!(f.users.len(), 2, "the odd hex is dropped");
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
        assert!(f.grants.contains(&("xyz00\\_wp".into(), "xyz00_wp".into())));
        assert!(f.managed_users.contains("xyz00_wp") && f.managed_databases.is_empty());
    }
}
