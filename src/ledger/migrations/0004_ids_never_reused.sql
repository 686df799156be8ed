-- Schema version 4: cron job ids are never handed out twice. A plain INTEGER PRIMARY KEY gives a deleted
-- last row's id to the next row, so `cron remove 7` from shell history could hit another job than the one
-- the audit log names; AUTOINCREMENT never goes back. The counter starts above every id the table or the
-- audit log has ever shown. (The other tables with integer ids are append-only: their last row never goes.)
CREATE TABLE cron_job_new (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    user     TEXT NOT NULL REFERENCES unix_user (name),
    schedule TEXT NOT NULL,
    command  TEXT NOT NULL
) STRICT;
INSERT INTO cron_job_new (id, user, schedule, command) SELECT id, user, schedule, command FROM cron_job;
DROP TABLE cron_job;
ALTER TABLE cron_job_new RENAME TO cron_job;
CREATE INDEX cron_job_user ON cron_job (user);
DELETE FROM sqlite_sequence WHERE name IN ('cron_job', 'cron_job_new');
INSERT INTO sqlite_sequence (name, seq) VALUES ('cron_job', max(
    coalesce((SELECT max(id) FROM cron_job), 0),
    coalesce((SELECT max(CAST(key AS INTEGER)) FROM audit_log WHERE entity = 'cron_job'), 0)));
