//! What the loop brakes count: automated mail per requester and per hour (from the outbox
//! itself, so restarts do not reset anything) and addresses that hard-bounced.

use super::Conn;
use super::batch::in_list;
use sqlx::{QueryBuilder, Row, Sqlite};
use std::collections::HashMap;

/// Automated messages (not staff replies, not suppressed) created since `since` for the cases
/// of each requester key.
pub async fn automated_since(
    conn: &mut Conn,
    requester_keys: &[String],
    since: &str,
) -> anyhow::Result<HashMap<String, u32>> {
    let mut out = HashMap::new();
    for chunk in requester_keys.chunks(400) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT c.requester_key, COUNT(*) FROM outbox o JOIN cases c ON c.id = o.case_id \
             WHERE o.kind <> 'staff_reply' AND o.status <> 'suppressed' AND o.created_at >= ",
        );
        qb.push_bind(since);
        qb.push(" AND c.requester_key IN ");
        in_list(&mut qb, chunk);
        qb.push(" GROUP BY c.requester_key");
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            let n: i64 = r.get(1);
            out.insert(r.get(0), u32::try_from(n).unwrap_or(u32::MAX));
        }
    }
    Ok(out)
}

/// Automated messages handed to the SMTP server since `since` (the global hourly cap).
pub async fn handed_over_since(conn: &mut Conn, since: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query("SELECT COUNT(*) FROM outbox WHERE sending_at >= $1 AND kind <> 'staff_reply'")
            .bind(since)
            .fetch_one(&mut *conn)
            .await?
            .get(0),
    )
}

/// When the oldest of the hand-overs counted by [`handed_over_since`] happened: the cap frees a
/// slot an hour after it.
pub async fn oldest_hand_over_since(
    conn: &mut Conn,
    since: &str,
) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query(
        "SELECT MIN(sending_at) FROM outbox WHERE sending_at >= $1 AND kind <> 'staff_reply'",
    )
    .bind(since)
    .fetch_one(&mut *conn)
    .await?
    .get(0))
}

/// Active suppressions (`until` after `now`) among `keys`: key → reason.
pub async fn suppressed(
    conn: &mut Conn,
    keys: &[String],
    now: &str,
) -> anyhow::Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for chunk in keys.chunks(400) {
        let mut qb: QueryBuilder<Sqlite> =
            QueryBuilder::new("SELECT address_key, reason, until FROM suppressions WHERE until > ");
        qb.push_bind(now);
        qb.push(" AND address_key IN ");
        in_list(&mut qb, chunk);
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            let reason: String = r.get(1);
            let until: String = r.get(2);
            out.insert(r.get(0), format!("{reason} (until {until})"));
        }
    }
    Ok(out)
}

/// Suppresses automated mail to `key` until `until` (a later `until` wins).
pub async fn suppress(
    conn: &mut Conn,
    key: &str,
    reason: &str,
    until: &str,
    now: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO suppressions (address_key, reason, until, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (address_key) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at, \
           until = CASE WHEN excluded.until > suppressions.until THEN excluded.until ELSE suppressions.until END",
    )
    .bind(key)
    .bind(reason)
    .bind(until)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every active suppression, newest first: (address key, reason, until).
pub async fn list_suppressions(
    conn: &mut Conn,
    now: &str,
) -> anyhow::Result<Vec<(String, String, String)>> {
    let rows = sqlx::query(
        "SELECT address_key, reason, until FROM suppressions WHERE until > $1 ORDER BY created_at DESC",
    )
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}
