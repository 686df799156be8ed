-- Schema version 9 (issue 11, direct debits): the members' bank accounts and their SEPA mandates.
-- Neither table loses a row: a removed account and a revoked mandate stay, with the date, because mandates,
-- debits and the audit log name them; AUTOINCREMENT ids are never handed out twice.

-- An account a member is debited from. Removing it records the day; the row stays.
CREATE TABLE bank_account (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    member  INTEGER NOT NULL REFERENCES member (number),
    iban    TEXT NOT NULL CHECK (length(iban) BETWEEN 15 AND 34),
    bic     TEXT CHECK (length(bic) IN (8, 11)),
    holder  TEXT NOT NULL CHECK (length(holder) BETWEEN 1 AND 70),
    added   TEXT NOT NULL CHECK (added GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    removed TEXT CHECK (removed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND removed >= added)
) STRICT;
CREATE INDEX bank_account_member ON bank_account (member);
CREATE TRIGGER bank_account_no_delete BEFORE DELETE ON bank_account BEGIN SELECT RAISE(ABORT, 'bank accounts are never deleted, only removed'); END;
CREATE TRIGGER bank_account_only_removed BEFORE UPDATE ON bank_account
WHEN NEW.id IS NOT OLD.id OR NEW.member IS NOT OLD.member OR NEW.iban IS NOT OLD.iban OR NEW.bic IS NOT OLD.bic
  OR NEW.holder IS NOT OLD.holder OR NEW.added IS NOT OLD.added OR OLD.removed IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a bank account only changes once, when it is removed');
END;

-- A SEPA direct-debit mandate (CORE): the member's signature that allows debits from one of its accounts.
-- Valid on a day when signed on or before it, not revoked, its account not removed, and used (or, never
-- used, signed) within the 36 months before it. first_used is set once, last_used on every debit; those and
-- revoked (once) are the only columns that change.
CREATE TABLE mandate (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    member       INTEGER NOT NULL REFERENCES member (number),
    bank_account INTEGER NOT NULL REFERENCES bank_account (id),
    reference    TEXT NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 35),
    signed       TEXT NOT NULL CHECK (signed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    revoked      TEXT CHECK (revoked GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND revoked >= signed),
    first_used   TEXT CHECK (first_used GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND first_used >= signed),
    last_used    TEXT CHECK (last_used >= first_used),
    CHECK ((first_used IS NULL) = (last_used IS NULL))
) STRICT;
CREATE INDEX mandate_member ON mandate (member);
CREATE INDEX mandate_bank_account ON mandate (bank_account);
CREATE TRIGGER mandate_account_of_member BEFORE INSERT ON mandate
WHEN NOT EXISTS (SELECT 1 FROM bank_account WHERE id = NEW.bank_account AND member = NEW.member AND removed IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a mandate needs an account of the same member that is not removed');
END;
CREATE TRIGGER mandate_no_delete BEFORE DELETE ON mandate BEGIN SELECT RAISE(ABORT, 'mandates are never deleted, only revoked'); END;
CREATE TRIGGER mandate_only_use_and_revocation BEFORE UPDATE ON mandate
WHEN NEW.id IS NOT OLD.id OR NEW.member IS NOT OLD.member OR NEW.bank_account IS NOT OLD.bank_account
  OR NEW.reference IS NOT OLD.reference OR NEW.signed IS NOT OLD.signed
  OR (OLD.revoked IS NOT NULL AND NEW.revoked IS NOT OLD.revoked)
  OR (OLD.first_used IS NOT NULL AND NEW.first_used IS NOT OLD.first_used)
  OR (OLD.last_used IS NOT NULL AND NEW.last_used < OLD.last_used)
BEGIN
    SELECT RAISE(ABORT, 'a mandate only changes by its use (first_used once, last_used) and its revocation (once)');
END;
