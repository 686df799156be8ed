-- Schema version 5: a booking reference is booked once per member and ledger (shares, assets), so a script
-- or cron job that repeats a booking cannot book it twice. Ledgers that already hold duplicates still open:
-- the rule applies to new entries (triggers, not a unique index), and `hsadmin doctor` lists the old ones.
CREATE INDEX share_tx_reference ON share_tx (member, reference);
CREATE INDEX asset_tx_reference ON asset_tx (member, reference);
CREATE TRIGGER share_tx_reference_once BEFORE INSERT ON share_tx
BEGIN
    SELECT RAISE(ABORT, 'this booking reference is already booked for the member')
    WHERE EXISTS (SELECT 1 FROM share_tx WHERE member = NEW.member AND reference = NEW.reference);
END;
CREATE TRIGGER asset_tx_reference_once BEFORE INSERT ON asset_tx
BEGIN
    SELECT RAISE(ABORT, 'this booking reference is already booked for the member')
    WHERE EXISTS (SELECT 1 FROM asset_tx WHERE member = NEW.member AND reference = NEW.reference);
END;
