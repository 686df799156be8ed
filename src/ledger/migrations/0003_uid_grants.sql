-- Schema version 3: every uid hsadmin ever handed out, with the account it was given to. The config robot
-- removes an account from a server only when the ledger handed out its uid under that name; accounts
-- that someone else made in the uid range are left alone. Append-only: a uid is never handed out twice.
CREATE TABLE uid_grant (
    uid     INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    package TEXT NOT NULL
) STRICT;
INSERT INTO uid_grant (uid, name, package) SELECT uid, name, package FROM unix_user;
CREATE TRIGGER unix_user_grants_uid AFTER INSERT ON unix_user
BEGIN
    INSERT INTO uid_grant (uid, name, package) VALUES (NEW.uid, NEW.name, NEW.package);
END;
CREATE TRIGGER uid_grant_no_update BEFORE UPDATE ON uid_grant BEGIN SELECT RAISE(ABORT, 'uid_grant is append-only'); END;
CREATE TRIGGER uid_grant_no_delete BEFORE DELETE ON uid_grant BEGIN SELECT RAISE(ABORT, 'uid_grant is append-only'); END;
