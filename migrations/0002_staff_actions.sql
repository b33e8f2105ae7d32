-- Staff work on cases: hand-corrected field values, internal notes, and an audit log of
-- every staff action (who, what, when).

ALTER TABLE cases ADD COLUMN manual_fields TEXT NOT NULL DEFAULT '{}'; -- JSON: {field: {value, staff, at}}

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    staff   TEXT    NOT NULL,
    action  TEXT    NOT NULL,   -- status | field | note | reply
    detail  TEXT    NOT NULL,   -- what changed, in words
    at      TEXT    NOT NULL
);
CREATE INDEX audit_case ON audit (case_id, id);

CREATE TABLE notes (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    staff   TEXT    NOT NULL,
    body    TEXT    NOT NULL,
    at      TEXT    NOT NULL
);
CREATE INDEX notes_case ON notes (case_id, id);

-- The Message-ID an outbound message answers (automated mail: its trigger; staff replies: the
-- requester's latest message), without brackets.
ALTER TABLE outbox ADD COLUMN in_reply_to TEXT;
