//! What hsadmin does on a database server, and the shell text for it: each action is one batch of SQL
//! (`render::database`) fed by `printf` — a shell builtin, so the text is in no process's argv — to the
//! engine's client running as its administrator. The client stops at the first error (MariaDB by default,
//! psql with `ON_ERROR_STOP`), which fails the action's unit only. What the client says on failure goes
//! back with the unit, with anything that looks like a secret (a quoted run of base64, a SCRAM verifier)
//! masked first.
use super::client;
use crate::model::Engine;
use crate::remote::quote::Data;
use crate::remote::script::ApplyScript;
use crate::render::database as sql;
use serde::Serialize;

/// One change on a database server. Secrets are never serialised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Creates hsadmin's marker database and table (MariaDB: loads the ed25519 plugin too).
    Setup,
    CreateUser {
        user: String,
        #[serde(skip)]
        secret: String,
    },
    SetPassword {
        user: String,
        #[serde(skip)]
        secret: String,
    },
    /// The package ended: no new logins, sessions ended.
    LockUser {
        user: String,
    },
    UnlockUser {
        user: String,
    },
    /// `recreated`: hsadmin had created it and it was gone (drift); it comes back empty.
    CreateDatabase {
        database: String,
        owner: String,
        encoding: String,
        recreated: bool,
    },
    /// The owner's rights on its database.
    Grant {
        database: String,
        user: String,
    },
    /// Rights on a database that are not the owner's (`user` empty: PostgreSQL's PUBLIC).
    Revoke {
        database: String,
        user: String,
    },
    DropDatabase {
        database: String,
    },
    DropUser {
        user: String,
    },
}

impl Action {
    pub fn name(&self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v["action"].as_str().map(str::to_owned)).unwrap_or_default()
    }

    pub fn target(&self) -> String {
        match self {
            Action::Setup => sql::MARKER_DB.into(),
            Action::CreateUser { user, .. } | Action::SetPassword { user, .. } | Action::LockUser { user } | Action::UnlockUser { user } => user.clone(),
            Action::DropUser { user } => user.clone(),
            Action::CreateDatabase { database, .. } | Action::DropDatabase { database } => database.clone(),
            Action::Grant { database, user } | Action::Revoke { database, user } => format!("{database} {}", if user.is_empty() { "PUBLIC" } else { user }),
        }
    }

    pub fn removes(&self) -> bool {
        matches!(self, Action::DropDatabase { .. } | Action::DropUser { .. })
    }

    /// The SQL of this action.
    pub fn sql(&self, d: Engine) -> String {
        match self {
            Action::Setup => sql::setup(d),
            Action::CreateUser { user, secret } => sql::create_user(d, user, secret),
            Action::SetPassword { user, secret } => sql::set_password(d, user, secret),
            Action::LockUser { user } => sql::lock(d, user, true),
            Action::UnlockUser { user } => sql::lock(d, user, false),
            Action::CreateDatabase { database, owner, encoding, .. } => sql::create_database(d, database, owner, encoding),
            Action::Grant { database, user } => sql::grant(d, database, user),
            Action::Revoke { database, user } => sql::revoke(d, database, user),
            Action::DropDatabase { database } => sql::drop_database(d, database),
            Action::DropUser { user } => sql::drop_user(d, user),
        }
    }
}

const HELPERS: &str = r#"db_masked() { sed -E "s/SCRAM-SHA-256[$][^ ']*/<verifier>/g; s/'[A-Za-z0-9+\/=:$]{20,}'/'<secret>'/g" -- "$hs_tmp/db.err" >&2; }
db_sql_mariadb() { mariadb --batch --skip-column-names > /dev/null 2> "$hs_tmp/db.err" || { db_masked; return 1; }; }
db_sql_postgresql() {
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=terse -v SHOW_CONTEXT=never -d "$1") > /dev/null 2> "$hs_tmp/db.err" || { db_masked; return 1; }
}
"#;

/// Writes a database role's section: its helpers, then each unit's actions as one batch of SQL for one
/// client call (a client start costs more than the statements). The batch stops at its first error, whose
/// message names the object, so a failed unit reports no step of its own.
pub fn section(d: Engine, units: &[(String, Vec<Action>)], out: &mut ApplyScript) {
    let (role, function) = client(d);
    out.script().raw(HELPERS);
    for (unit, actions) in units {
        let text: String = actions.iter().map(|a| a.sql(d)).collect();
        let data = Data::new(text.as_bytes()).expect("SQL of validated names has no NUL");
        let database = sql::session_database(actions.contains(&Action::Setup));
        out.unit(role, unit, |s| {
            s.pipe(("printf %s", &[&data]), (function, &[&Data::new(database.as_bytes()).expect("a fixed name")]));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_travels_in_printf_to_stdin_and_never_in_a_plan() {
        let mut s = ApplyScript::new(30);
        let a = Action::CreateUser { user: "xyz00_app".into(), secret: "SCRAM-SHA-256$4096:c2FsdA==$a:b".into() };
        section(Engine::Postgresql, &[("xyz00".into(), vec![a.clone()])], &mut s);
        let text = String::from_utf8(s.finish().bytes().to_vec()).unwrap();
        let line = text.lines().find(|l| l.contains("CREATE ROLE")).unwrap();
        assert!(line.starts_with("CREATE ROLE \"xyz00_app\" LOGIN PASSWORD '\\''SCRAM-SHA-256$4096"), "{text}");
        assert!(text.contains("' | db_sql_postgresql 'hsadmin'\n"), "{text}");
        assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::json!({"action": "create_user", "user": "xyz00_app"}));
    }
}
