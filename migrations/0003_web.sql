-- The staff web UI: accounts, sessions, login attempts (for rate limiting), and what keeps
-- the case list fast at 100,000 cases: a flag index table and a full-text index, both kept
-- current by triggers, so every writer (pipeline, CLI, web) maintains them without knowing.

CREATE TABLE staff (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL UNIQUE,   -- as typed at `mailcase staff add`, compared lowercased
    password_hash       TEXT    NOT NULL,          -- Argon2id PHC string
    disabled            INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT    NOT NULL,
    password_changed_at TEXT    NOT NULL
);
CREATE UNIQUE INDEX staff_name_lower ON staff (lower(name));

-- Server-side sessions. The cookie carries a random token; only its SHA-256 is stored, so a
-- copy of the database does not hand out live sessions.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    csrf       TEXT    NOT NULL,                   -- session-bound CSRF token
    created_at TEXT    NOT NULL,
    last_seen  TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,                   -- min(last_seen + idle, created_at + max)
    client     TEXT    NOT NULL                    -- address the session was opened from
);
CREATE INDEX sessions_staff ON sessions (staff_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Every login attempt, kept a day: rate limiting per account and per client address survives
-- restarts.
CREATE TABLE login_attempts (
    id      INTEGER PRIMARY KEY,
    account TEXT    NOT NULL,                      -- the name tried, lowercased
    client  TEXT    NOT NULL,
    ok      INTEGER NOT NULL,
    at      TEXT    NOT NULL
);
CREATE INDEX login_attempts_account ON login_attempts (account, at);
CREATE INDEX login_attempts_client ON login_attempts (client, at);

-- Orderings of the case list, each an index read in order so keyset pages stay fast; the
-- status rides along so a status filter is checked in the index, never in the table. (Not
-- `(status, …)`: with no statistics SQLite would pick such an index for the pipeline's
-- `status IN (open statuses) AND requester_key IN (…)` and scan every open case per batch.)
CREATE INDEX cases_activity_status ON cases (last_activity, status);
CREATE INDEX cases_created_status ON cases (created_at, status);

-- Which case carries which flag (cases.flags is a JSON array; this is its index), with the
-- columns the list filters and sorts on copied in, so a flag view is an index range too.
CREATE TABLE case_flags (
    flag          TEXT    NOT NULL,
    case_id       INTEGER NOT NULL,
    status        TEXT    NOT NULL,
    last_activity TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (flag, case_id)
) WITHOUT ROWID;
CREATE INDEX case_flags_activity ON case_flags (flag, last_activity, case_id);
CREATE INDEX case_flags_created ON case_flags (flag, created_at, case_id);
CREATE INDEX case_flags_status_activity ON case_flags (flag, status, last_activity, case_id);
CREATE INDEX case_flags_status_created ON case_flags (flag, status, created_at, case_id);

CREATE TRIGGER case_flags_insert AFTER INSERT ON cases BEGIN
    INSERT OR IGNORE INTO case_flags (flag, case_id, status, last_activity, created_at)
        SELECT value, new.id, new.status, new.last_activity, new.created_at FROM json_each(new.flags);
END;
-- The pipeline writes existing cases with INSERT ... ON CONFLICT (id) DO UPDATE: that runs the
-- UPDATE triggers (the INSERT ones fire only for new rows).
CREATE TRIGGER case_flags_update AFTER UPDATE OF flags, status, last_activity, created_at ON cases
WHEN (old.flags <> '[]' OR new.flags <> '[]')
  AND (old.flags IS NOT new.flags OR old.status IS NOT new.status
    OR old.last_activity IS NOT new.last_activity OR old.created_at IS NOT new.created_at) BEGIN
    DELETE FROM case_flags
        WHERE case_id = old.id AND flag IN (SELECT value FROM json_each(old.flags));
    INSERT OR IGNORE INTO case_flags (flag, case_id, status, last_activity, created_at)
        SELECT value, new.id, new.status, new.last_activity, new.created_at FROM json_each(new.flags);
END;
CREATE TRIGGER case_flags_delete AFTER DELETE ON cases BEGIN
    DELETE FROM case_flags
        WHERE case_id = old.id AND flag IN (SELECT value FROM json_each(old.flags));
END;

-- Cases per status, so the list's counts never scan the cases.
CREATE TABLE case_counts (
    status TEXT    PRIMARY KEY,
    n      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER case_counts_insert AFTER INSERT ON cases BEGIN
    INSERT INTO case_counts (status, n) VALUES (new.status, 1)
        ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER case_counts_update AFTER UPDATE OF status ON cases
WHEN old.status IS NOT new.status BEGIN
    UPDATE case_counts SET n = n - 1 WHERE status = old.status;
    INSERT INTO case_counts (status, n) VALUES (new.status, 1)
        ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER case_counts_delete AFTER DELETE ON cases BEGIN
    UPDATE case_counts SET n = n - 1 WHERE status = old.status;
END;

-- Full-text search, one document per case: its reference, requester, username, subject, and
-- the subjects and visible (redacted) text of its inbound messages; plus its status and flags
-- as single tokens (`readyforreview`, `possibleduplicate`), so a search with filters is one
-- FTS5 query that skips through the rare term's list. Contentless: the text stays in
-- cases/messages only; rows are replaced whole when any part changes.
CREATE VIRTUAL TABLE case_search USING fts5 (
    reference, requester, username, subject, body, status, flags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- (Trigger statements use NOT EXISTS rather than INSERT OR IGNORE: the conflict clause of the
-- statement that fires a trigger overrides the trigger's own, and the pipeline's upserts would
-- turn OR IGNORE into a failure.)
-- Documents are rebuilt once per transaction, not once per row: triggers only mark the cases
-- whose document changed, and the writer (the pipeline at the end of each batch, staff actions,
-- the web search before it reads) rebuilds the marked ones with `store::search::flush`. Per-row
-- rebuilds re-tokenised a case's whole thread up to three times per message and slowed ingest
-- by 40 %.
CREATE TABLE case_search_dirty (
    case_id INTEGER PRIMARY KEY
) WITHOUT ROWID;

CREATE TRIGGER case_search_insert AFTER INSERT ON cases BEGIN
    INSERT INTO case_search_dirty (case_id)
        SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM case_search_dirty WHERE case_id = new.id);
END;
CREATE TRIGGER case_search_update AFTER UPDATE OF username_key, subject, requester, reference, status, flags ON cases
WHEN old.username_key IS NOT new.username_key OR old.subject IS NOT new.subject
  OR old.requester IS NOT new.requester OR old.reference IS NOT new.reference
  OR old.status IS NOT new.status OR old.flags IS NOT new.flags BEGIN
    INSERT INTO case_search_dirty (case_id)
        SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM case_search_dirty WHERE case_id = new.id);
END;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases BEGIN
    DELETE FROM case_search WHERE rowid = old.id;
    DELETE FROM case_search_dirty WHERE case_id = old.id;
END;

-- Messages are stored `pending` (no case) and filed later by UPDATE ... FROM (VALUES ...),
-- which fires these row triggers; reprocessing that changes nothing marks nothing.
CREATE TRIGGER case_search_message_insert AFTER INSERT ON messages
WHEN new.case_id IS NOT NULL BEGIN
    INSERT INTO case_search_dirty (case_id)
        SELECT new.case_id WHERE NOT EXISTS (SELECT 1 FROM case_search_dirty WHERE case_id = new.case_id);
END;
CREATE TRIGGER case_search_message_update AFTER UPDATE OF case_id, subject, visible_text ON messages
WHEN old.case_id IS NOT new.case_id OR old.subject IS NOT new.subject
  OR old.visible_text IS NOT new.visible_text BEGIN
    INSERT INTO case_search_dirty (case_id) SELECT old.case_id
        WHERE old.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_search_dirty WHERE case_id = old.case_id);
    INSERT INTO case_search_dirty (case_id) SELECT new.case_id
        WHERE new.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_search_dirty WHERE case_id = new.case_id);
END;

-- Existing data.
INSERT OR IGNORE INTO case_flags (flag, case_id, status, last_activity, created_at)
    SELECT j.value, c.id, c.status, c.last_activity, c.created_at FROM cases c, json_each(c.flags) j;
INSERT INTO case_counts (status, n) SELECT status, COUNT(*) FROM cases GROUP BY status;
INSERT INTO case_search (rowid, reference, requester, username, subject, body, status, flags)
    SELECT c.id, c.reference, c.requester, COALESCE(c.username_key, ''), c.subject,
           COALESCE((SELECT group_concat(COALESCE(m.subject, '') || char(10) || COALESCE(m.visible_text, ''), char(10))
                     FROM messages m WHERE m.case_id = c.id), ''),
               replace(c.status, '_', ''),
               COALESCE((SELECT group_concat(replace(j.value, '_', ''), ' ') FROM json_each(c.flags) j), '')
    FROM cases c;
