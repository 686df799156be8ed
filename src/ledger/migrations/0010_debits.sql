-- Schema version 10 (issue 11, direct debits): batches of debits as sent to the bank, the debits in them, the
-- invoices each debit collects, and returned debits. All four tables are append-only: a batch is the file the
-- bank got, byte for byte; a return is a new row, never an edit. An invoice (or credit note) is open while
-- no debit that was not returned collects it; the trigger debit_invoice_once makes a second collection
-- impossible. `format` leaves room for other files of the same batches (DTAUS).

-- One file handed to the bank: its message id, collection date, and the exact bytes with their SHA-256, so
-- that `sepa export --batch ID` writes the same file again.
CREATE TABLE debit_batch (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    format          TEXT NOT NULL CHECK (format IN ('pain.008.001.08', 'pain.008.001.02', 'dtaus')),
    collection_date TEXT NOT NULL CHECK (collection_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at      TEXT NOT NULL,
    message_id      TEXT NOT NULL UNIQUE CHECK (length(message_id) BETWEEN 1 AND 35),
    count           INTEGER NOT NULL CHECK (count >= 1),
    sum_cents       INTEGER NOT NULL CHECK (sum_cents >= count),
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    file            BLOB NOT NULL
) STRICT;
CREATE TRIGGER debit_batch_no_update BEFORE UPDATE ON debit_batch BEGIN SELECT RAISE(ABORT, 'debit batches are append-only'); END;
CREATE TRIGGER debit_batch_no_delete BEFORE DELETE ON debit_batch BEGIN SELECT RAISE(ABORT, 'debit batches are append-only'); END;

-- One member's debit in a batch: the mandate it uses, its sequence type, the amount (the member's open
-- invoices less its open credit notes) and the end-to-end id the bank reports a return with.
CREATE TABLE debit (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    batch         INTEGER NOT NULL REFERENCES debit_batch (id),
    member        INTEGER NOT NULL REFERENCES member (number),
    mandate       INTEGER NOT NULL REFERENCES mandate (id),
    sequence_type TEXT NOT NULL CHECK (sequence_type IN ('FRST', 'RCUR')),
    amount_cents  INTEGER NOT NULL CHECK (amount_cents BETWEEN 1 AND 99999999999),
    end_to_end_id TEXT NOT NULL UNIQUE CHECK (length(end_to_end_id) BETWEEN 1 AND 35),
    UNIQUE (batch, member)
) STRICT;
CREATE INDEX debit_member ON debit (member);
CREATE TRIGGER debit_mandate_of_member BEFORE INSERT ON debit
WHEN NOT EXISTS (SELECT 1 FROM mandate WHERE id = NEW.mandate AND member = NEW.member)
BEGIN
    SELECT RAISE(ABORT, 'a debit uses a mandate of its member');
END;
CREATE TRIGGER debit_no_update BEFORE UPDATE ON debit BEGIN SELECT RAISE(ABORT, 'debits are append-only'); END;
CREATE TRIGGER debit_no_delete BEFORE DELETE ON debit BEGIN SELECT RAISE(ABORT, 'debits are append-only'); END;

-- The invoices and credit notes a debit collects (a credit note nets against the invoices).
CREATE TABLE debit_invoice (
    debit   INTEGER NOT NULL REFERENCES debit (id),
    invoice TEXT NOT NULL REFERENCES invoice (number),
    PRIMARY KEY (debit, invoice)
) STRICT;
CREATE INDEX debit_invoice_invoice ON debit_invoice (invoice);
-- Exactly once: an invoice of the debit's member, in no other debit that was not returned.
CREATE TRIGGER debit_invoice_once BEFORE INSERT ON debit_invoice
BEGIN
    SELECT RAISE(ABORT, 'the invoice is not of the debit''s member')
    WHERE NOT EXISTS (SELECT 1 FROM invoice i JOIN debit d ON d.member = i.member WHERE i.number = NEW.invoice AND d.id = NEW.debit);
    SELECT RAISE(ABORT, 'the invoice is already collected by a debit that was not returned')
    WHERE EXISTS (SELECT 1 FROM debit_invoice o WHERE o.invoice = NEW.invoice
                  AND NOT EXISTS (SELECT 1 FROM debit_return r WHERE r.debit = o.debit));
END;
CREATE TRIGGER debit_invoice_no_update BEFORE UPDATE ON debit_invoice BEGIN SELECT RAISE(ABORT, 'debit invoices are append-only'); END;
CREATE TRIGGER debit_invoice_no_delete BEFORE DELETE ON debit_invoice BEGIN SELECT RAISE(ABORT, 'debit invoices are append-only'); END;

-- A debit the bank returned (R-transaction) with its ISO 20022 reason code (AC04, MD06, AM04, …): its
-- invoices are open again.
CREATE TABLE debit_return (
    debit       INTEGER PRIMARY KEY REFERENCES debit (id),
    reason      TEXT NOT NULL CHECK (length(reason) = 4 AND reason GLOB '[A-Z][A-Z][A-Z0-9][A-Z0-9]'),
    returned    TEXT NOT NULL CHECK (returned GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER debit_return_no_update BEFORE UPDATE ON debit_return BEGIN SELECT RAISE(ABORT, 'debit returns are append-only'); END;
CREATE TRIGGER debit_return_no_delete BEFORE DELETE ON debit_return BEGIN SELECT RAISE(ABORT, 'debit returns are append-only'); END;
