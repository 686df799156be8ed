-- Schema version 11 (issue 12): database users and databases (MariaDB, PostgreSQL), and the number of
-- databases a product includes. Neither table loses a row: removing records the day, the row stays for the
-- audit log and for the converge role, which drops what was removed; AUTOINCREMENT ids are never handed out
-- twice. A name is unique per engine among the rows not removed, so it can be used again after a removal.

-- How many databases a tariff includes: a hard limit for `db add`. Tariffs from before this version include
-- none; a catalog that offers databases adds a price with a later valid_from.
ALTER TABLE price ADD COLUMN included_databases INTEGER NOT NULL DEFAULT 0 CHECK (included_databases >= 0);

-- A database user; secret is the engine's pre-hashed secret (SCRAM-SHA-256 verifier or ed25519 hash), never
-- the clear text. Only secret (a password update) and removed (once) ever change.
CREATE TABLE db_user (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    name    TEXT NOT NULL CHECK (length(name) BETWEEN 5 AND 64),
    engine  TEXT NOT NULL CHECK (engine IN ('mariadb', 'postgresql')),
    package TEXT NOT NULL REFERENCES package (name),
    secret  TEXT NOT NULL CHECK (length(secret) > 0),
    added   TEXT NOT NULL CHECK (added GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    removed TEXT CHECK (removed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND removed >= added),
    CHECK (substr(name, 1, 5) = package)
) STRICT;
CREATE UNIQUE INDEX db_user_name ON db_user (engine, name) WHERE removed IS NULL;
CREATE INDEX db_user_package ON db_user (package);
CREATE TRIGGER db_user_no_delete BEFORE DELETE ON db_user BEGIN SELECT RAISE(ABORT, 'database users are never deleted, only removed'); END;
CREATE TRIGGER db_user_only_secret_and_removed BEFORE UPDATE ON db_user
WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR NEW.engine IS NOT OLD.engine OR NEW.package IS NOT OLD.package
  OR NEW.added IS NOT OLD.added OR OLD.removed IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a database user only changes its secret, and once when it is removed');
END;

-- A database, owned by a user of the same package and engine. Only removed (once) ever changes.
CREATE TABLE database (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT NOT NULL CHECK (length(name) BETWEEN 5 AND 64),
    engine   TEXT NOT NULL CHECK (engine IN ('mariadb', 'postgresql')),
    owner    INTEGER NOT NULL REFERENCES db_user (id),
    encoding TEXT NOT NULL CHECK (encoding IN ('utf8mb4', 'latin1', 'UTF8', 'LATIN1')),
    added    TEXT NOT NULL CHECK (added GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    removed  TEXT CHECK (removed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND removed >= added)
) STRICT;
CREATE UNIQUE INDEX database_name ON database (engine, name) WHERE removed IS NULL;
CREATE INDEX database_owner ON database (owner);
CREATE TRIGGER database_owner_fits BEFORE INSERT ON database
WHEN NOT EXISTS (SELECT 1 FROM db_user WHERE id = NEW.owner AND engine = NEW.engine AND package = substr(NEW.name, 1, 5) AND removed IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a database needs an owner of the same package and engine that is not removed');
END;
CREATE TRIGGER database_no_delete BEFORE DELETE ON database BEGIN SELECT RAISE(ABORT, 'databases are never deleted, only removed'); END;
CREATE TRIGGER database_only_removed BEFORE UPDATE ON database
WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR NEW.engine IS NOT OLD.engine OR NEW.owner IS NOT OLD.owner
  OR NEW.encoding IS NOT OLD.encoding OR NEW.added IS NOT OLD.added OR OLD.removed IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a database only changes once, when it is removed');
END;
