-- Schema version 8 (issue 10, billing): usage (traffic per domain and day, disk usage per package and day),
-- invoices and credit notes with their lines. Invoices are append-only: a mistake is corrected by a credit
-- note that references the original, never by an edit. Numbers come from the `sequence` table, one series per
-- year (`invoice-2026`), allocated in the invoice's own transaction, so they are unique, consecutive in order
-- of issue, and never handed out twice.

-- Bytes a domain's vhost received and sent on one day (mod_logio's %I and %O), summed on the web server.
-- Collected once per day and domain: a second collection of the same day finds the row and adds nothing.
CREATE TABLE traffic_day (
    day          TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    domain       TEXT NOT NULL CHECK (length(domain) BETWEEN 3 AND 253),
    package      TEXT NOT NULL REFERENCES package (name),
    server       TEXT NOT NULL,
    bytes_in     INTEGER NOT NULL CHECK (bytes_in >= 0),
    bytes_out    INTEGER NOT NULL CHECK (bytes_out >= 0),
    collected_at TEXT NOT NULL,
    PRIMARY KEY (day, domain)
) STRICT;
CREATE INDEX traffic_day_package ON traffic_day (package, day);
CREATE TRIGGER traffic_day_no_update BEFORE UPDATE ON traffic_day BEGIN SELECT RAISE(ABORT, 'traffic_day is append-only'); END;
CREATE TRIGGER traffic_day_no_delete BEFORE DELETE ON traffic_day BEGIN SELECT RAISE(ABORT, 'traffic_day is append-only'); END;

-- The most disk a package's group used on a day, as the config robot's repquota facts reported it (KiB).
CREATE TABLE usage_day (
    package TEXT NOT NULL REFERENCES package (name),
    day     TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    used_kb INTEGER NOT NULL CHECK (used_kb >= 0),
    PRIMARY KEY (package, day)
) STRICT;

-- An invoice or a credit note. The buyer and the seller are copied in when it is issued, so that a later
-- change of an address never changes an issued invoice. Amounts are cents: net = Σ line nets, vat = Σ per
-- VAT category and rate of (basis × rate, rounded once), gross = net + vat (EN 16931 BR-CO-10/14/15/17).
CREATE TABLE invoice (
    number         TEXT PRIMARY KEY CHECK (length(number) BETWEEN 1 AND 36),
    series         TEXT NOT NULL,
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    kind           TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
    member         INTEGER NOT NULL REFERENCES member (number),
    period         TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    issued         TEXT NOT NULL,
    due            TEXT NOT NULL CHECK (due >= issued),
    corrects       TEXT UNIQUE REFERENCES invoice (number),
    vat_case       TEXT NOT NULL CHECK (vat_case IN ('domestic', 'reverse-charge', 'non-eu')),
    buyer          TEXT NOT NULL CHECK (json_valid(buyer)),
    seller         TEXT NOT NULL CHECK (json_valid(seller)),
    net_cents      INTEGER NOT NULL,
    vat_cents      INTEGER NOT NULL,
    gross_cents    INTEGER NOT NULL CHECK (gross_cents = net_cents + vat_cents),
    created_at     TEXT NOT NULL,
    UNIQUE (series, seq),
    CHECK ((kind = 'credit-note') = (corrects IS NOT NULL))
) STRICT;
CREATE INDEX invoice_member ON invoice (member, period);
CREATE INDEX invoice_period ON invoice (period);

-- Exactly once: a member has at most one invoice per period that no credit note cancels.
CREATE TRIGGER invoice_once BEFORE INSERT ON invoice WHEN NEW.kind = 'invoice'
BEGIN
    SELECT RAISE(ABORT, 'the member already has an invoice for this period')
    WHERE EXISTS (SELECT 1 FROM invoice o WHERE o.member = NEW.member AND o.period = NEW.period AND o.kind = 'invoice'
                  AND NOT EXISTS (SELECT 1 FROM invoice c WHERE c.corrects = o.number));
END;
-- A credit note cancels an invoice (not another credit note) of the same member and period.
CREATE TRIGGER invoice_credit_matches BEFORE INSERT ON invoice WHEN NEW.kind = 'credit-note'
BEGIN
    SELECT RAISE(ABORT, 'a credit note must cancel an invoice of the same member and period')
    WHERE NOT EXISTS (SELECT 1 FROM invoice o WHERE o.number = NEW.corrects AND o.kind = 'invoice'
                      AND o.member = NEW.member AND o.period = NEW.period AND o.gross_cents = NEW.gross_cents);
END;
CREATE TRIGGER invoice_no_update BEFORE UPDATE ON invoice BEGIN SELECT RAISE(ABORT, 'invoices are append-only'); END;
CREATE TRIGGER invoice_no_delete BEFORE DELETE ON invoice BEGIN SELECT RAISE(ABORT, 'invoices are append-only'); END;

-- One line: quantity × unit price ÷ base quantity, rounded half away from zero to the cent (BT-131), so a
-- prorated month is "14 DAY at 10.00 per 30 DAY". Units are UN/ECE Rec. 20 codes (DAY, MON, C62, E34 = GB).
-- A credit note's lines repeat the original's with the same (positive) amounts; its kind says it credits.
CREATE TABLE invoice_line (
    invoice          TEXT NOT NULL REFERENCES invoice (number),
    pos              INTEGER NOT NULL CHECK (pos >= 1),
    kind             TEXT NOT NULL CHECK (kind IN ('package', 'resource', 'traffic', 'webspace', 'domain', 'fee')),
    product          TEXT NOT NULL,
    package          TEXT,
    domain           TEXT,
    description      TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
    service_from     TEXT NOT NULL,
    service_to       TEXT NOT NULL CHECK (service_to >= service_from),
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit             TEXT NOT NULL CHECK (unit IN ('DAY', 'MON', 'C62', 'E34')),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    base_quantity    INTEGER NOT NULL CHECK (base_quantity > 0),
    net_cents        INTEGER NOT NULL CHECK (net_cents >= 0),
    vat_category     TEXT NOT NULL CHECK (vat_category IN ('S', 'AE', 'E', 'O')),
    vat_rate_bp      INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    CHECK (vat_category = 'S' OR vat_rate_bp = 0),
    PRIMARY KEY (invoice, pos)
) STRICT;
CREATE TRIGGER invoice_line_no_update BEFORE UPDATE ON invoice_line BEGIN SELECT RAISE(ABORT, 'invoice lines are append-only'); END;
CREATE TRIGGER invoice_line_no_delete BEFORE DELETE ON invoice_line BEGIN SELECT RAISE(ABORT, 'invoice lines are append-only'); END;
