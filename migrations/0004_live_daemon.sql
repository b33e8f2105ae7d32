-- The live daemon: IMAP cursors per watched mailbox, the at-most-once sending protocol of the
-- outbox, and addresses automated mail must not go to (hard bounces).
-- (0003 is reserved for the web UI; migrations are append-only.)

-- One row per watched mailbox. The cursor (uid_validity, last_uid) is advanced in the same
-- transaction as the raw messages it covers, so a message is either stored and behind the
-- cursor, or neither. Server flags, dates and "since" windows are never used for this.
CREATE TABLE imap_mailboxes (
    account         TEXT    NOT NULL,             -- user@host:port
    mailbox         TEXT    NOT NULL,             -- e.g. INBOX
    uid_validity    INTEGER,                      -- the UIDVALIDITY last_uid belongs to
    last_uid        INTEGER NOT NULL DEFAULT 0,   -- every UID up to here is stored
    marked_uid      INTEGER NOT NULL DEFAULT 0,   -- \Seen/move done up to here (when configured)
    server_uid_next INTEGER,                      -- UIDNEXT at the last poll
    server_exists   INTEGER,                      -- EXISTS at the last poll
    last_poll_at    TEXT,                         -- when the mailbox was last read successfully
    last_error      TEXT,                         -- the last connection error (NULL when fine)
    last_error_at   TEXT,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (account, mailbox)
);

-- Sending protocol: a row is `sending` (with its attempt id) from just before the message data
-- goes to the SMTP server until the server's final answer is recorded. A row still `sending`
-- when the daemon starts was interrupted inside that window: it becomes `uncertain` and is never
-- sent again automatically. `suppressed` rows were never sent (limits, bounces, own address).
ALTER TABLE outbox ADD COLUMN attempt_id TEXT;
ALTER TABLE outbox ADD COLUMN sending_at TEXT;
ALTER TABLE outbox ADD COLUMN smtp_response TEXT;  -- the server's final answer to DATA
CREATE INDEX outbox_created ON outbox (created_at);
CREATE INDEX outbox_handed_over ON outbox (sending_at);  -- the hourly cap counts hand-overs

-- Automated mail is not sent to these addresses until `until` (a hard bounce, or a permanent
-- SMTP refusal of the recipient).
CREATE TABLE suppressions (
    address_key TEXT PRIMARY KEY,                 -- lowercased, +tag removed
    reason      TEXT NOT NULL,
    until       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
