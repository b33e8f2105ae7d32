//! Outbound mail. Rows are written in the pipeline's transaction (status `queued`) and
//! delivered later by the outbox deliverer, which marks them `sent` or `failed`.

use super::{Conn, from_json};
use crate::domain::{Field, OutboundKind, OutboxStatus};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewOutbound {
    pub case_id: i64,
    pub seq: i64,
    pub kind: OutboundKind,
    /// The inbound message it answers (unique per automated mail).
    pub trigger_id: Option<i64>,
    /// The Message-ID it answers, without brackets.
    pub in_reply_to: Option<String>,
    /// Without brackets.
    pub message_id: String,
    pub from_addr: String,
    pub to_addr: String,
    pub subject: String,
    pub body: String,
    pub raw: Vec<u8>,
    /// The fields asked, in the order of the numbered questions.
    pub asked: Vec<Field>,
    pub created_at: String,
}

/// A stored outbound message.
#[derive(Debug, Clone)]
pub struct Outbound {
    pub id: i64,
    pub case_id: i64,
    pub seq: i64,
    pub kind: OutboundKind,
    pub trigger_id: Option<i64>,
    pub in_reply_to: Option<String>,
    pub message_id: String,
    pub from_addr: String,
    pub to_addr: String,
    pub subject: String,
    pub body: String,
    pub asked: Vec<Field>,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

fn from_row(r: &SqliteRow) -> Outbound {
    let asked: Vec<String> = from_json(r.get::<Option<&str>, _>("asked"));
    Outbound {
        id: r.get("id"),
        case_id: r.get("case_id"),
        seq: r.get("seq"),
        kind: OutboundKind::parse(r.get("kind")).unwrap_or(OutboundKind::StaffReply),
        trigger_id: r.get("trigger_id"),
        in_reply_to: r.get("in_reply_to"),
        message_id: r.get("message_id"),
        from_addr: r.get("from_addr"),
        to_addr: r.get("to_addr"),
        subject: r.get("subject"),
        body: r.get("body"),
        asked: asked.iter().filter_map(|f| Field::parse(f)).collect(),
        status: OutboxStatus::parse(r.get("status")).unwrap_or(OutboxStatus::Queued),
        attempts: r.get("attempts"),
        last_error: r.get("last_error"),
        created_at: r.get("created_at"),
        sent_at: r.get("sent_at"),
    }
}

/// Outbound messages of a case in thread order.
pub async fn of_case(conn: &mut Conn, case_id: i64) -> anyhow::Result<Vec<Outbound>> {
    let rows = sqlx::query(
        "SELECT id, case_id, seq, kind, trigger_id, message_id, from_addr, to_addr, subject, body, asked, status, \
         attempts, last_error, created_at, sent_at, in_reply_to FROM outbox WHERE case_id = $1 ORDER BY seq, id",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

/// Queued messages due at `now`, oldest first, with their raw bytes.
pub async fn due(
    conn: &mut Conn,
    now: &str,
    limit: i64,
) -> anyhow::Result<Vec<(Outbound, Vec<u8>)>> {
    let rows = sqlx::query(
        "SELECT id, case_id, seq, kind, trigger_id, message_id, from_addr, to_addr, subject, body, asked, status, \
         attempts, last_error, created_at, sent_at, in_reply_to, raw FROM outbox \
         WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= $1) ORDER BY id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(|r| (from_row(r), r.get("raw"))).collect())
}

pub async fn mark_sent(conn: &mut Conn, id: i64, now: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A temporary failure: try again at `next_attempt_at`.
pub async fn defer(
    conn: &mut Conn,
    id: i64,
    error: &str,
    next_attempt_at: &str,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1")
        .bind(id)
        .bind(error)
        .bind(next_attempt_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A permanent failure.
pub async fn mark_failed(conn: &mut Conn, id: i64, error: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = $2 WHERE id = $1")
        .bind(id)
        .bind(error)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
