-- mailcase schema, version 1: cases, inbound messages (raw kept apart), outbound mail.
-- Portable toward PostgreSQL: TEXT timestamps (RFC 3339, UTC), JSON kept in TEXT columns,
-- no SQLite-only functions in queries.

-- Key/value settings the database carries with it (the HMAC key of outbound Message-IDs).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    reference     TEXT    NOT NULL UNIQUE,
    status        TEXT    NOT NULL,
    requester     TEXT    NOT NULL,            -- lowercased address, as the requester wrote it
    requester_key TEXT    NOT NULL,            -- lowercased, +tag removed: what comparisons use
    subject       TEXT    NOT NULL,
    subject_key   TEXT    NOT NULL,            -- normalised subject for the fallback match
    username_key  TEXT,                        -- lowercased username, for duplicates and search
    fields        TEXT    NOT NULL,            -- JSON: the eight fields of fields.md
    field_sources TEXT    NOT NULL,            -- JSON: {field: {message_id, excerpt}}
    flags         TEXT    NOT NULL,            -- JSON array of flag names
    missing       TEXT    NOT NULL,            -- JSON array of required fields still null
    next_seq      INTEGER NOT NULL DEFAULT 0,  -- thread position of the next message or reply
    message_count INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    last_activity TEXT    NOT NULL
);
CREATE INDEX cases_requester ON cases (requester_key);
CREATE INDEX cases_username ON cases (username_key);
CREATE INDEX cases_activity ON cases (last_activity);

-- One row per distinct inbound message, written (state 'pending') before it is parsed.
CREATE TABLE messages (
    id           INTEGER PRIMARY KEY,
    dedup_key    TEXT    NOT NULL UNIQUE,      -- Message-ID, or 'sha256:<hash>' when it has none
    message_id   TEXT    NOT NULL,             -- without <>; derived from the hash when absent
    sha256       TEXT    NOT NULL,             -- of the raw bytes
    size         INTEGER NOT NULL,
    source       TEXT    NOT NULL,             -- where it came from (file path, maildir, imap)
    received_at  TEXT    NOT NULL,
    deliveries   INTEGER NOT NULL DEFAULT 1,   -- how often the same message arrived
    state        TEXT    NOT NULL,             -- pending | processed | unparseable
    case_id      INTEGER REFERENCES cases (id),
    seq          INTEGER,                      -- position in its case's thread
    kind         TEXT,                         -- request | follow_up | auto_reply | bounce | list
    kind_reason  TEXT,
    from_addr    TEXT,
    from_name    TEXT,
    to_addrs     TEXT,
    subject      TEXT,
    date         TEXT,
    visible_text TEXT,                         -- redacted new text: what extraction read
    segments     TEXT,                         -- JSON: the whole body in segments, redacted
    extraction   TEXT,                         -- JSON: statements, signals, numbered answers
    flags        TEXT,                         -- JSON array: flags this message raised
    problems     TEXT,                         -- JSON array: what could not be read
    auth         TEXT,                         -- JSON: trusted Authentication-Results
    attachments  TEXT,                         -- JSON array: {name, content_type, size}
    report       TEXT,                         -- JSON: DSN/MDN/ARF facts
    answers      INTEGER                       -- outbox id of the automated mail it replies to
);
CREATE INDEX messages_message_id ON messages (message_id);
CREATE INDEX messages_case ON messages (case_id, seq);
CREATE INDEX messages_state ON messages (state, id);

-- The exact bytes received, kept apart so listing messages never reads them.
CREATE TABLE message_raw (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id),
    raw        BLOB NOT NULL
);

-- Outbound mail, written in the same transaction as the case change that caused it.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    seq             INTEGER NOT NULL,
    kind            TEXT    NOT NULL,
    trigger_id      INTEGER REFERENCES messages (id),   -- the inbound message it answers
    message_id      TEXT    NOT NULL UNIQUE,            -- without <>
    from_addr       TEXT    NOT NULL,
    to_addr         TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    raw             BLOB    NOT NULL,                   -- the exact bytes to send
    asked           TEXT    NOT NULL,                   -- JSON: fields asked, in question order
    status          TEXT    NOT NULL,                   -- queued | sent | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error      TEXT,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT
);
-- An inbound message triggers at most one automated mail, however often it is (re)processed.
CREATE UNIQUE INDEX outbox_once_per_trigger ON outbox (trigger_id)
    WHERE trigger_id IS NOT NULL AND kind <> 'staff_reply';
CREATE INDEX outbox_case ON outbox (case_id, seq);
CREATE INDEX outbox_queue ON outbox (status, next_attempt_at);
