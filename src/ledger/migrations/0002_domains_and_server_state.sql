-- Schema version 2: domains set up on packages, what each server was last brought to, package usage,
-- and purged packages.

-- A domain set up on a package (registration comes with the domain robot). Names are stored in their
-- ASCII (IDNA) form; subdomains are a comma-separated list of labels.
CREATE TABLE domain (
    name             TEXT PRIMARY KEY CHECK (length(name) BETWEEN 3 AND 253),
    package          TEXT NOT NULL REFERENCES package (name),
    user             TEXT NOT NULL REFERENCES unix_user (name),
    subdomains       TEXT NOT NULL DEFAULT '',
    cgi              INTEGER NOT NULL DEFAULT 0 CHECK (cgi IN (0, 1)),
    php              INTEGER NOT NULL DEFAULT 1 CHECK (php IN (0, 1)),
    indexes          INTEGER NOT NULL DEFAULT 1 CHECK (indexes IN (0, 1)),
    https            INTEGER NOT NULL DEFAULT 0 CHECK (https IN (0, 1)),
    registration     TEXT NOT NULL DEFAULT 'none'
                     CHECK (registration IN ('none', 'pending', 'registered', 'transfer-pending', 'deleted')),
    registrar_handle TEXT,
    since            TEXT NOT NULL
) STRICT;
CREATE INDEX domain_package ON domain (package);
CREATE INDEX domain_user ON domain (user);

-- Per server: the last plan applied, when, how it went, and whether the server still has to catch up.
CREATE TABLE server_state (
    server     TEXT PRIMARY KEY REFERENCES server (name) ON DELETE CASCADE,
    plan_hash  TEXT,
    applied_at TEXT,
    outcome    TEXT CHECK (outcome IN ('ok', 'failed', 'unreachable')),
    actions    INTEGER NOT NULL DEFAULT 0,
    error      TEXT,
    pending    INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))
) STRICT;

-- Disk usage of a package's group as the server last reported it (repquota), in KiB.
CREATE TABLE package_usage (
    package TEXT PRIMARY KEY REFERENCES package (name),
    used_kb INTEGER NOT NULL CHECK (used_kb >= 0),
    as_of   TEXT NOT NULL
) STRICT;

-- A purged package's data is gone from its server; the row stays for the books.
ALTER TABLE package ADD COLUMN purged_at TEXT;
