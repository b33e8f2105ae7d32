//! The full-text index of the case list (`case_search`, FTS5, one document per case). Triggers
//! only mark cases whose document changed (`case_search_dirty`); [`flush`] rebuilds the marked
//! documents in two statements. The pipeline does not flush on its hot path: staff actions flush
//! in their transaction, the web UI flushes before a search reads, and the daemon flushes every
//! few seconds, so ingest pays for tokenising a thread once, not once per message.

use super::Conn;
use sqlx::Row;

/// Rebuilds the documents of every marked case and clears the marks. Call it inside the
/// writing transaction, after the writes.
pub async fn flush(conn: &mut Conn) -> anyhow::Result<u64> {
    let dirty: i64 = sqlx::query("SELECT COUNT(*) FROM case_search_dirty")
        .fetch_one(&mut *conn)
        .await?
        .get(0);
    if dirty == 0 {
        return Ok(0);
    }
    sqlx::query("DELETE FROM case_search WHERE rowid IN (SELECT case_id FROM case_search_dirty)")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO case_search (rowid, reference, requester, username, subject, body, status, flags) \
         SELECT c.id, c.reference, c.requester, COALESCE(c.username_key, ''), c.subject, \
                COALESCE((SELECT group_concat(COALESCE(m.subject, '') || char(10) || COALESCE(m.visible_text, ''), char(10)) \
                          FROM messages m WHERE m.case_id = c.id), ''), \
                replace(c.status, '_', ''), \
                COALESCE((SELECT group_concat(replace(j.value, '_', ''), ' ') FROM json_each(c.flags) j), '') \
         FROM cases c WHERE c.id IN (SELECT case_id FROM case_search_dirty)",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM case_search_dirty")
        .execute(&mut *conn)
        .await?;
    Ok(dirty as u64)
}

/// Whether any document waits to be rebuilt (a reader checks before searching).
pub async fn pending(conn: &mut Conn) -> anyhow::Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM case_search_dirty LIMIT 1")
        .fetch_optional(&mut *conn)
        .await?
        .is_some())
}
