-- Schema version 12 (issue 13): backups — every backup run of a package with its outcome. No row is ever
-- lost; ids are never handed out twice.

-- A backup run of one package: recorded as running when it starts (with the admin host's process, so that
-- a run killed halfway is found stale), then once with its outcome. An ok run names its restic snapshot;
-- `forgotten` is the time `backup prune` (or `backup list --refresh`) found it gone from the repository.
CREATE TABLE backup_run (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    package   TEXT NOT NULL REFERENCES package (name),
    server    TEXT NOT NULL REFERENCES server (name),
    started   TEXT NOT NULL CHECK (started GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    host      TEXT NOT NULL,
    pid       INTEGER NOT NULL CHECK (pid > 0),
    ended     TEXT CHECK (ended GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z' AND ended >= started),
    outcome   TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'failed', 'killed')),
    snapshot  TEXT CHECK (length(snapshot) = 64 AND snapshot NOT GLOB '*[^0-9a-f]*'),
    bytes     INTEGER CHECK (bytes >= 0),
    files     INTEGER CHECK (files >= 0),
    error     TEXT,
    forgotten TEXT CHECK (forgotten GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    CHECK ((outcome = 'running') = (ended IS NULL)),
    CHECK ((outcome = 'ok') = (snapshot IS NOT NULL)),
    CHECK (forgotten IS NULL OR outcome = 'ok')
) STRICT;
CREATE INDEX backup_run_package ON backup_run (package, started);
CREATE UNIQUE INDEX backup_run_snapshot ON backup_run (server, snapshot) WHERE snapshot IS NOT NULL;
CREATE TRIGGER backup_run_no_delete BEFORE DELETE ON backup_run BEGIN SELECT RAISE(ABORT, 'backup runs are never deleted'); END;
CREATE TRIGGER backup_run_ends_once BEFORE UPDATE ON backup_run
WHEN NEW.id IS NOT OLD.id OR NEW.package IS NOT OLD.package OR NEW.server IS NOT OLD.server OR NEW.started IS NOT OLD.started
  OR NEW.host IS NOT OLD.host OR NEW.pid IS NOT OLD.pid
  OR (OLD.outcome <> 'running' AND (NEW.outcome IS NOT OLD.outcome OR NEW.ended IS NOT OLD.ended OR NEW.snapshot IS NOT OLD.snapshot
      OR NEW.bytes IS NOT OLD.bytes OR NEW.files IS NOT OLD.files OR NEW.error IS NOT OLD.error))
  OR OLD.forgotten IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a backup run ends once, and an ok run is only ever marked forgotten');
END;
