//! Loading a database dump from a backup snapshot back into its database (`backup restore --database`).
//! A dump lived in the package's home, so its text is the customer's: it is never fed to the engine as
//! its administrator. A temporary account is made for the one database (MariaDB: all rights on it and
//! nothing else; PostgreSQL: a member of the database's owner role), its password random, made on the
//! server and kept in a 0600 file of the package admin's, and the client runs as the package admin. The
//! account is dropped when the script ends, however it ends.
use crate::model::{DbName, Engine, PackageName, SnapshotId};
use crate::remote::quote::{Data, Script};

const LOAD: &str = r#"hs_tmpuser="hsrestore_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
hs_tmppw=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
hs_d=$(mktemp -d /run/hsadmin-restore.XXXXXX) || fail "cannot create a directory in /run"
if [ "$hs_engine" = mariadb ]; then
    hs_sql() { mariadb --batch > /dev/null; }
    hs_drop="DROP USER IF EXISTS '$hs_tmpuser'@'localhost';"
    hs_setup="CREATE USER '$hs_tmpuser'@'localhost' IDENTIFIED BY '$hs_tmppw'; GRANT ALL PRIVILEGES ON \`$hs_pattern\`.* TO '$hs_tmpuser'@'localhost';"
    printf '[client]\nuser=%s\npassword=%s\n' "$hs_tmpuser" "$hs_tmppw" > "$hs_d/login"
else
    hs_sql() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres) > /dev/null; }
    hs_drop="DROP ROLE IF EXISTS \"$hs_tmpuser\";"
    hs_setup="CREATE ROLE \"$hs_tmpuser\" LOGIN PASSWORD '$hs_tmppw' IN ROLE \"$hs_owner\";"
    printf '%s:5432:%s:%s:%s\n' "$hs_addr" "$hs_db" "$hs_tmpuser" "$hs_tmppw" > "$hs_d/login"
fi
trap 'printf "%s\n" "$hs_drop" | hs_sql 2> /dev/null; rm -rf -- "$hs_tmp" "$hs_d"' EXIT
chown "$hs_pkg" "$hs_d" "$hs_d/login" || fail "cannot hand the login file to $hs_pkg"
printf '%s\n' "$hs_setup" | hs_sql 2> "$hs_tmp/sql.err" || { tail -n 3 "$hs_tmp/sql.err" | sed "s/'[^']*'/'…'/g" >&2; fail "cannot create the temporary database account"; }
{ hs_restic dump "$hs_snap" "$hs_file" 2> "$hs_tmp/dump.err"; echo $? > "$hs_tmp/dump.st"; } | if [ "$hs_engine" = mariadb ]; then
    hs_as mariadb --defaults-extra-file="$hs_d/login" --binary-mode --batch "$hs_db" > /dev/null 2> "$hs_tmp/load.err"
else
    hs_as env PGPASSFILE="$hs_d/login" pg_restore -h "$hs_addr" -U "$hs_tmpuser" -d "$hs_db" --clean --if-exists --no-owner --no-privileges --role="$hs_owner" --exit-on-error 2> "$hs_tmp/load.err"
fi
st=$?
[ "$(cat "$hs_tmp/dump.st")" = 0 ] || { tail -n 3 "$hs_tmp/dump.err" >&2; fail "the snapshot holds no dump of $hs_db at $hs_file"; }
[ "$st" = 0 ] || { tail -n 3 "$hs_tmp/load.err" >&2; fail "loading the dump into $hs_db failed"; }
mark loaded "$hs_db"
"#;

/// Which dump goes into which database.
pub struct LoadSpec<'a> {
    pub package: &'a PackageName,
    pub snapshot: &'a SnapshotId,
    /// The dump's absolute path in the snapshot.
    pub file: &'a str,
    pub database: &'a DbName,
    pub engine: Engine,
    pub owner: &'a DbName,
    /// The server's address, where PostgreSQL listens.
    pub address: &'a str,
}

/// Appends the load to a web server's backup script (which defines `hs_restic`, `mark` and `fail`).
pub fn load(s: &mut Script, l: &LoadSpec) {
    let data = |t: &str| t.as_bytes().to_vec();
    let engine = match l.engine {
        Engine::Mariadb => "mariadb",
        Engine::Postgresql => "postgresql",
    };
    let pattern = crate::render::database::grant_pattern(l.database.as_str());
    let values = [data(l.snapshot.as_str()), data(l.file), data(l.database.as_str()), data(l.owner.as_str()), data(l.address), data(&pattern)];
    let arg = |i: usize| Data::new(&values[i]).expect("validated text has no NUL");
    s.assign("hs_pkg", l.package).assign("hs_engine", &arg_static(engine));
    s.assign("hs_snap", &arg(0)).assign("hs_file", &arg(1)).assign("hs_db", &arg(2)).assign("hs_owner", &arg(3));
    s.assign("hs_addr", &arg(4)).assign("hs_pattern", &arg(5)).raw(crate::remote::backup::scripts::AS_ADMIN).raw(LOAD);
}

fn arg_static(t: &'static str) -> Data<'static> {
    Data::new(t.as_bytes()).expect("constant")
}
