-- hsadmin ledger, schema version 1: members, capital, servers, catalog, packages, users, cron, audit log.
-- Released migrations are never edited: add a new file to MIGRATIONS instead (ledger/mod.rs).
-- Money is INTEGER cents, dates are TEXT 'YYYY-MM-DD', validity ranges are inclusive (NULL = open).

CREATE TABLE member (
    number             INTEGER PRIMARY KEY CHECK (number BETWEEN 10000 AND 99999),
    prefix             TEXT NOT NULL UNIQUE CHECK (prefix GLOB '[a-z][a-z][a-z]'),
    name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    kind               TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
    email              TEXT NOT NULL,
    phone              TEXT,
    street             TEXT,
    zipcode            TEXT,
    city               TEXT,
    country            TEXT CHECK (country IS NULL OR country GLOB '[A-Z][A-Z]'),
    vat_id             TEXT,
    vat_country        TEXT CHECK (vat_country IS NULL OR vat_country GLOB '[A-Z][A-Z]'),
    vat_reverse_charge INTEGER NOT NULL DEFAULT 0 CHECK (vat_reverse_charge IN (0, 1)),
    since              TEXT NOT NULL,
    until              TEXT CHECK (until IS NULL OR until >= since),
    status             TEXT NOT NULL DEFAULT 'ACTIVE'
                       CHECK (status IN ('ACTIVE', 'CANCELLED', 'TRANSFERRED', 'DECEASED', 'LIQUIDATED', 'EXPULSED')),
    fee_billable       INTEGER NOT NULL DEFAULT 1 CHECK (fee_billable IN (0, 1)),
    billable           INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1))
) STRICT;

-- Cooperative shares: append-only; corrections only by a REVERSAL of exactly one entry.
CREATE TABLE share_tx (
    id          INTEGER PRIMARY KEY,
    member      INTEGER NOT NULL REFERENCES member (number),
    type        TEXT NOT NULL CHECK (type IN ('SUBSCRIPTION', 'CANCELLATION', 'REVERSAL')),
    value_date  TEXT NOT NULL,
    share_count INTEGER NOT NULL CHECK (share_count <> 0),
    reference   TEXT NOT NULL CHECK (length(reference) BETWEEN 6 AND 48),
    comment     TEXT CHECK (comment IS NULL OR length(comment) <= 512),
    reverted_tx INTEGER UNIQUE REFERENCES share_tx (id),
    CHECK ((type = 'REVERSAL') = (reverted_tx IS NOT NULL)),
    CHECK (type <> 'SUBSCRIPTION' OR share_count > 0),
    CHECK (type <> 'CANCELLATION' OR share_count < 0)
) STRICT;
CREATE INDEX share_tx_member ON share_tx (member, value_date);

CREATE TRIGGER share_tx_reversal_negates BEFORE INSERT ON share_tx WHEN NEW.reverted_tx IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a reversal must negate exactly one share entry of the same member')
    WHERE NOT EXISTS (SELECT 1 FROM share_tx o WHERE o.id = NEW.reverted_tx AND o.member = NEW.member
                      AND o.share_count = -NEW.share_count AND o.type <> 'REVERSAL');
END;
CREATE TRIGGER share_tx_never_negative AFTER INSERT ON share_tx
BEGIN
    SELECT RAISE(ABORT, 'the share count of a member must never become negative')
    WHERE (SELECT sum(share_count) FROM share_tx WHERE member = NEW.member) < 0;
END;
CREATE TRIGGER share_tx_no_update BEFORE UPDATE ON share_tx BEGIN SELECT RAISE(ABORT, 'share_tx is append-only'); END;
CREATE TRIGGER share_tx_no_delete BEFORE DELETE ON share_tx BEGIN SELECT RAISE(ABORT, 'share_tx is append-only'); END;

-- Assets (paid-in capital): append-only, fixed signs; a TRANSFER has its ADOPTION in the adopting member.
CREATE TABLE asset_tx (
    id           INTEGER PRIMARY KEY,
    member       INTEGER NOT NULL REFERENCES member (number),
    type         TEXT NOT NULL CHECK (type IN ('DEPOSIT', 'ADOPTION', 'DISBURSAL', 'TRANSFER', 'CLEARING', 'LOSS',
                                               'LIMITATION', 'REVERSAL')),
    value_date   TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
    reference    TEXT NOT NULL CHECK (length(reference) BETWEEN 6 AND 48),
    comment      TEXT CHECK (comment IS NULL OR length(comment) <= 512),
    reverted_tx  INTEGER UNIQUE REFERENCES asset_tx (id),
    transfer_tx  INTEGER UNIQUE REFERENCES asset_tx (id),
    CHECK ((type = 'REVERSAL') = (reverted_tx IS NOT NULL)),
    CHECK ((type = 'ADOPTION') = (transfer_tx IS NOT NULL)),
    CHECK (type NOT IN ('DEPOSIT', 'ADOPTION') OR amount_cents > 0),
    CHECK (type NOT IN ('DISBURSAL', 'TRANSFER', 'CLEARING', 'LOSS', 'LIMITATION') OR amount_cents < 0)
) STRICT;
CREATE INDEX asset_tx_member ON asset_tx (member, value_date);

CREATE TRIGGER asset_tx_reversal_negates BEFORE INSERT ON asset_tx WHEN NEW.reverted_tx IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a reversal must negate exactly one asset entry of the same member')
    WHERE NOT EXISTS (SELECT 1 FROM asset_tx o WHERE o.id = NEW.reverted_tx AND o.member = NEW.member
                      AND o.amount_cents = -NEW.amount_cents AND o.type <> 'REVERSAL');
END;
CREATE TRIGGER asset_tx_adoption_mirrors BEFORE INSERT ON asset_tx WHEN NEW.transfer_tx IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an adoption must mirror a transfer from another member')
    WHERE NOT EXISTS (SELECT 1 FROM asset_tx o WHERE o.id = NEW.transfer_tx AND o.type = 'TRANSFER'
                      AND o.member <> NEW.member AND o.amount_cents = -NEW.amount_cents);
END;
CREATE TRIGGER asset_tx_never_negative AFTER INSERT ON asset_tx
BEGIN
    SELECT RAISE(ABORT, 'the asset balance of a member must never become negative')
    WHERE (SELECT sum(amount_cents) FROM asset_tx WHERE member = NEW.member) < 0;
END;
CREATE TRIGGER asset_tx_no_update BEFORE UPDATE ON asset_tx BEGIN SELECT RAISE(ABORT, 'asset_tx is append-only'); END;
CREATE TRIGGER asset_tx_no_delete BEFORE DELETE ON asset_tx BEGIN SELECT RAISE(ABORT, 'asset_tx is append-only'); END;

CREATE TABLE server (
    name     TEXT PRIMARY KEY,
    address  TEXT NOT NULL,
    port     INTEGER NOT NULL DEFAULT 22 CHECK (port BETWEEN 1 AND 65535),
    roles    TEXT NOT NULL,
    ipv4     TEXT,
    ipv6     TEXT,
    host_key TEXT,
    UNIQUE (address, port)
) STRICT;

-- The catalog: products and their tariffs. A tariff is never overwritten; a new one starts on its valid_from.
CREATE TABLE product (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('webspace', 'dns', 'domain', 'colo', 'membership')),
    period TEXT NOT NULL CHECK (period IN ('month', 'year'))
) STRICT;

CREATE TABLE price (
    id                      INTEGER PRIMARY KEY,
    product                 TEXT NOT NULL REFERENCES product (code),
    valid_from              TEXT NOT NULL,
    base_cents              INTEGER NOT NULL CHECK (base_cents >= 0),
    vat_rate_bp             INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    included_webspace_mb    INTEGER NOT NULL DEFAULT 0 CHECK (included_webspace_mb >= 0),
    included_traffic_gb     INTEGER NOT NULL DEFAULT 0 CHECK (included_traffic_gb >= 0),
    included_users          INTEGER NOT NULL DEFAULT 0 CHECK (included_users >= 0),
    included_domains        INTEGER NOT NULL DEFAULT 0 CHECK (included_domains >= 0),
    extra_webspace_gb_cents INTEGER NOT NULL DEFAULT 0 CHECK (extra_webspace_gb_cents >= 0),
    extra_traffic_gb_cents  INTEGER NOT NULL DEFAULT 0 CHECK (extra_traffic_gb_cents >= 0),
    extra_user_cents        INTEGER NOT NULL DEFAULT 0 CHECK (extra_user_cents >= 0),
    extra_domain_cents      INTEGER NOT NULL DEFAULT 0 CHECK (extra_domain_cents >= 0),
    UNIQUE (product, valid_from)
) STRICT;
CREATE TRIGGER price_no_update BEFORE UPDATE ON price BEGIN SELECT RAISE(ABORT, 'prices are versioned, never overwritten'); END;
CREATE TRIGGER price_no_delete BEFORE DELETE ON price BEGIN SELECT RAISE(ABORT, 'prices are versioned, never deleted'); END;

CREATE TABLE package (
    name        TEXT PRIMARY KEY CHECK (name GLOB '[a-z][a-z][a-z][0-9][0-9]'),
    member      INTEGER NOT NULL REFERENCES member (number),
    product     TEXT NOT NULL REFERENCES product (code),
    server      TEXT NOT NULL REFERENCES server (name),
    webspace_mb INTEGER NOT NULL CHECK (webspace_mb > 0),
    traffic_gb  INTEGER NOT NULL CHECK (traffic_gb >= 0),
    users       INTEGER NOT NULL CHECK (users >= 1),
    domains     INTEGER NOT NULL CHECK (domains >= 0),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT CHECK (valid_to IS NULL OR valid_to >= valid_from),
    free        INTEGER NOT NULL DEFAULT 0 CHECK (free IN (0, 1)),
    comment     TEXT
) STRICT;
CREATE INDEX package_member ON package (member);
CREATE INDEX package_server ON package (server);

CREATE TABLE unix_user (
    name          TEXT PRIMARY KEY,
    package       TEXT NOT NULL REFERENCES package (name),
    uid           INTEGER NOT NULL UNIQUE,
    shell         TEXT NOT NULL,
    comment       TEXT,
    quota_soft_mb INTEGER NOT NULL DEFAULT 0 CHECK (quota_soft_mb >= 0),
    quota_hard_mb INTEGER NOT NULL DEFAULT 0 CHECK (quota_hard_mb >= quota_soft_mb),
    locked        INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    password_hash TEXT CHECK (password_hash IS NULL OR password_hash GLOB '$6$*')
) STRICT;
CREATE INDEX unix_user_package ON unix_user (package);

CREATE TABLE cron_job (
    id       INTEGER PRIMARY KEY,
    user     TEXT NOT NULL REFERENCES unix_user (name),
    schedule TEXT NOT NULL,
    command  TEXT NOT NULL
) STRICT;
CREATE INDEX cron_job_user ON cron_job (user);

-- Counters that never go back (uids; later invoice numbers): a number handed out is never handed out again,
-- even when the thing that had it is removed.
CREATE TABLE sequence (
    name TEXT PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

-- Every mutation writes one row here, in the same transaction as the change itself.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    command TEXT NOT NULL,
    entity  TEXT NOT NULL,
    key     TEXT NOT NULL,
    action  TEXT NOT NULL,
    before  TEXT CHECK (before IS NULL OR json_valid(before)),
    after   TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, key);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
