-- The web UI's mail page: inbound messages filed under no case (auto-replies, bounces, list
-- mail, unparseable messages, mail without a sender), newest first. Rows still `pending` are
-- left out: every message is stored pending with no case and filed a moment later, and an index
-- holding them would be written twice for every message ingested. Partial indexes hold only
-- those rows, so a page (and a count capped at 1,000) is an index range however many messages
-- the cases hold. Queries must repeat each WHERE clause as
-- written here for SQLite to use the index (src/store/web.rs names them with INDEXED BY).
-- (`problems` is '' when there are none; '[]' is accepted too.)
CREATE INDEX messages_unfiled ON messages (id) WHERE case_id IS NULL AND state <> 'pending';
CREATE INDEX messages_unfiled_kind ON messages (kind, id) WHERE case_id IS NULL AND state <> 'pending';
CREATE INDEX messages_unfiled_problems ON messages (id)
    WHERE case_id IS NULL AND (state = 'unparseable' OR problems NOT IN ('', '[]'));
