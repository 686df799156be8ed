-- Schema version 13 (issue 14): mail. Addresses on the packages' domains, aliases of the packages (local
-- names like xyz00-team), mailing lists with their subscribers, whether a domain takes mail, and how many
-- addresses a product includes. No row is ever deleted: removing records the day, and the converge role
-- takes what was removed off its server; AUTOINCREMENT ids are never handed out twice. Targets are a JSON
-- array of target texts, each validated by model::MailTarget before it is stored.

ALTER TABLE price ADD COLUMN included_addresses INTEGER NOT NULL DEFAULT 0 CHECK (included_addresses >= 0);
ALTER TABLE domain ADD COLUMN mail INTEGER NOT NULL DEFAULT 1 CHECK (mail IN (0, 1));

-- An address LOCAL@[SUBDOMAIN.]DOMAIN of a package (local '' is the catch-all). Only the targets change,
-- and removed once; local part, subdomain and domain are written once.
CREATE TABLE mail_address (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    local     TEXT NOT NULL CHECK (length(local) <= 64),
    subdomain TEXT NOT NULL DEFAULT '' CHECK (length(subdomain) <= 63),
    domain    TEXT NOT NULL CHECK (length(domain) BETWEEN 3 AND 253),
    package   TEXT NOT NULL REFERENCES package (name),
    targets   TEXT NOT NULL CHECK (json_valid(targets) AND json_type(targets) = 'array' AND json_array_length(targets) >= 1),
    added     TEXT NOT NULL CHECK (added GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    removed   TEXT CHECK (removed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND removed >= added)
) STRICT;
CREATE UNIQUE INDEX mail_address_live ON mail_address (local, subdomain, domain) WHERE removed IS NULL;
CREATE INDEX mail_address_package ON mail_address (package);
CREATE TRIGGER mail_address_no_delete BEFORE DELETE ON mail_address BEGIN SELECT RAISE(ABORT, 'mail addresses are never deleted, only removed'); END;
CREATE TRIGGER mail_address_only_targets BEFORE UPDATE ON mail_address
WHEN NEW.id IS NOT OLD.id OR NEW.local IS NOT OLD.local OR NEW.subdomain IS NOT OLD.subdomain OR NEW.domain IS NOT OLD.domain
  OR NEW.package IS NOT OLD.package OR NEW.added IS NOT OLD.added OR OLD.removed IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a mail address only changes its targets, and once when it is removed');
END;

-- An alias of a package: xyz00 or xyz00-name, with targets that may also be |command or :include:FILE.
CREATE TABLE mail_alias (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    name    TEXT NOT NULL CHECK (length(name) BETWEEN 5 AND 32),
    package TEXT NOT NULL REFERENCES package (name),
    targets TEXT NOT NULL CHECK (json_valid(targets) AND json_type(targets) = 'array' AND json_array_length(targets) >= 1),
    added   TEXT NOT NULL CHECK (added GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    removed TEXT CHECK (removed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND removed >= added),
    CHECK (substr(name, 1, 5) = package)
) STRICT;
CREATE UNIQUE INDEX mail_alias_live ON mail_alias (name) WHERE removed IS NULL;
CREATE TRIGGER mail_alias_no_delete BEFORE DELETE ON mail_alias BEGIN SELECT RAISE(ABORT, 'mail aliases are never deleted, only removed'); END;
CREATE TRIGGER mail_alias_only_removed BEFORE UPDATE ON mail_alias
WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR NEW.package IS NOT OLD.package OR NEW.added IS NOT OLD.added
  OR OLD.removed IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a mail alias only changes its targets, and once when it is removed');
END;

-- A mailing list LOCAL@DOMAIN of a package, with its owner and who may post.
CREATE TABLE mail_list (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    local   TEXT NOT NULL CHECK (length(local) BETWEEN 1 AND 64),
    domain  TEXT NOT NULL CHECK (length(domain) BETWEEN 3 AND 253),
    package TEXT NOT NULL REFERENCES package (name),
    owner   TEXT NOT NULL CHECK (owner GLOB '?*@?*'),
    policy  TEXT NOT NULL CHECK (policy IN ('subscribers', 'moderated', 'open')),
    added   TEXT NOT NULL CHECK (added GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    removed TEXT CHECK (removed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND removed >= added)
) STRICT;
CREATE UNIQUE INDEX mail_list_live ON mail_list (local, domain) WHERE removed IS NULL;
CREATE TRIGGER mail_list_no_delete BEFORE DELETE ON mail_list BEGIN SELECT RAISE(ABORT, 'mailing lists are never deleted, only removed'); END;
CREATE TRIGGER mail_list_only_removed BEFORE UPDATE ON mail_list
WHEN NEW.id IS NOT OLD.id OR NEW.local IS NOT OLD.local OR NEW.domain IS NOT OLD.domain OR NEW.package IS NOT OLD.package
  OR NEW.added IS NOT OLD.added OR OLD.removed IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a mailing list only changes its owner and policy, and once when it is removed');
END;

-- A subscriber of a list; unsubscribing records the day.
CREATE TABLE mail_subscriber (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    list    INTEGER NOT NULL REFERENCES mail_list (id),
    address TEXT NOT NULL CHECK (address GLOB '?*@?*' AND length(address) <= 254),
    added   TEXT NOT NULL CHECK (added GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    removed TEXT CHECK (removed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND removed >= added)
) STRICT;
CREATE UNIQUE INDEX mail_subscriber_live ON mail_subscriber (list, address) WHERE removed IS NULL;
CREATE TRIGGER mail_subscriber_no_delete BEFORE DELETE ON mail_subscriber BEGIN SELECT RAISE(ABORT, 'subscribers are never deleted, only unsubscribed'); END;
CREATE TRIGGER mail_subscriber_only_removed BEFORE UPDATE ON mail_subscriber
WHEN NEW.id IS NOT OLD.id OR NEW.list IS NOT OLD.list OR NEW.address IS NOT OLD.address OR NEW.added IS NOT OLD.added
  OR OLD.removed IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a subscriber only changes once, when unsubscribed');
END;
