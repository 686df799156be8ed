-- Schema version 6: the domain robot. A domain can be registered through the hoster without being set up
-- on a web server (registration only: no user, no document root), so `user` becomes optional, tied to the
-- `hosted` flag. The registry's view that hsadmin keeps: expiry, the registrant's contact handle, the
-- domain's auth code (authInfo, which hsadmin generated; shown only by `domain auth-code`, never in the
-- audit log) and the registry's status words. Rebuilt like cron_job in 0004: new table, copy, drop, rename.
CREATE TABLE domain_new (
    name              TEXT PRIMARY KEY CHECK (length(name) BETWEEN 3 AND 253),
    package           TEXT NOT NULL REFERENCES package (name),
    user              TEXT REFERENCES unix_user (name),
    hosted            INTEGER NOT NULL DEFAULT 1 CHECK (hosted IN (0, 1)),
    subdomains        TEXT NOT NULL DEFAULT '',
    cgi               INTEGER NOT NULL DEFAULT 0 CHECK (cgi IN (0, 1)),
    php               INTEGER NOT NULL DEFAULT 1 CHECK (php IN (0, 1)),
    indexes           INTEGER NOT NULL DEFAULT 1 CHECK (indexes IN (0, 1)),
    https             INTEGER NOT NULL DEFAULT 0 CHECK (https IN (0, 1)),
    registration      TEXT NOT NULL DEFAULT 'none'
                      CHECK (registration IN ('none', 'pending', 'registered', 'transfer-pending', 'deleted')),
    registrar_handle  TEXT,
    since             TEXT NOT NULL,
    expires           TEXT,
    registrant_handle TEXT,
    auth_code         TEXT,
    registry_status   TEXT,
    CHECK ((hosted = 1) = (user IS NOT NULL)),
    CHECK (hosted = 1 OR registration <> 'none')
) STRICT;
INSERT INTO domain_new (name, package, user, hosted, subdomains, cgi, php, indexes, https, registration, registrar_handle, since)
    SELECT name, package, user, 1, subdomains, cgi, php, indexes, https, registration, registrar_handle, since FROM domain;
DROP TABLE domain;
ALTER TABLE domain_new RENAME TO domain;
CREATE INDEX domain_package ON domain (package);
CREATE INDEX domain_user ON domain (user);

-- Every message the registry's poll queue handed out, recorded before it is acknowledged, so that a
-- message seen twice (the ack got lost) is acknowledged again without being acted on twice.
CREATE TABLE registry_message (
    id       TEXT PRIMARY KEY,
    received TEXT,
    domain   TEXT,
    kind     TEXT,
    text     TEXT
) STRICT;
