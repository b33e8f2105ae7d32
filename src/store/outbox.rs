//! Outbound mail. Rows are written in the pipeline's transaction (status `queued`, or
//! `suppressed` when a loop brake stopped them) and delivered later by the outbox deliverer.
//!
//! The sending protocol (at most once): `queued` → [`mark_sending`] (committed with a fresh
//! attempt id just before the message data goes to the server) → [`mark_sent`] right after the
//! server's final `250`, or back to `queued` / `failed` on a definite refusal. A row found
//! `sending` when the daemon starts was interrupted inside that window; [`recover_interrupted`]
//! makes it `uncertain`, and nothing sends an `uncertain` row again unless staff say so.

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
    /// `queued`, or `suppressed` (never sent: a loop brake; `last_error` says which).
    pub status: OutboxStatus,
    pub last_error: Option<String>,
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
    /// When the message data was last handed to the server (the `sending` mark).
    pub sending_at: Option<String>,
    /// The server's final answer when it was sent (`250 2.0.0 Ok: queued as …`).
    pub smtp_response: Option<String>,
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
        sending_at: r.get("sending_at"),
        smtp_response: r.get("smtp_response"),
    }
}

macro_rules! columns {
    () => {
        "id, case_id, seq, kind, trigger_id, message_id, from_addr, to_addr, subject, body, asked, status, \
         attempts, last_error, created_at, sent_at, in_reply_to, sending_at, smtp_response"
    };
}

/// Outbound messages of a case in thread order.
pub async fn of_case(conn: &mut Conn, case_id: i64) -> anyhow::Result<Vec<Outbound>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM outbox WHERE case_id = $1 ORDER BY seq, id"
    ))
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
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        ", raw FROM outbox \
         WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= $1) ORDER BY id LIMIT $2"
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(|r| (from_row(r), r.get("raw"))).collect())
}

/// Marks a row sent without the protocol (transports that are idempotent by themselves, like
/// the file transport).
pub async fn mark_sent_direct(conn: &mut Conn, id: i64, now: &str) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $2, sending_at = COALESCE(sending_at, $2), \
         attempts = attempts + 1, last_error = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The `sending` mark, committed just before the message data goes out: only a `queued` row
/// is taken. False when the row is no longer `queued` (another deliverer took it, or staff
/// changed it): then nothing may be sent.
pub async fn mark_sending(
    conn: &mut Conn,
    id: i64,
    attempt_id: &str,
    now: &str,
) -> anyhow::Result<bool> {
    let r = sqlx::query(
        "UPDATE outbox SET status = 'sending', attempt_id = $2, sending_at = $3, attempts = attempts + 1 \
         WHERE id = $1 AND status = 'queued'",
    )
    .bind(id)
    .bind(attempt_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The server answered `250` to attempt `attempt_id`.
pub async fn mark_sent(
    conn: &mut Conn,
    id: i64,
    attempt_id: &str,
    response: &str,
    now: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $3, smtp_response = $4, last_error = NULL, \
         next_attempt_at = NULL WHERE id = $1 AND attempt_id = $2",
    )
    .bind(id)
    .bind(attempt_id)
    .bind(now)
    .bind(response)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A temporary failure: try again at `next_attempt_at`. `counts` is false when the message was
/// not at fault (the relay was down or the setup failed): its attempt is not counted.
pub async fn defer(
    conn: &mut Conn,
    id: i64,
    error: &str,
    next_attempt_at: &str,
    counts: bool,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'queued', last_error = $2, next_attempt_at = $3, \
         attempts = attempts + CASE WHEN status = 'sending' THEN (CASE WHEN $4 THEN 0 ELSE -1 END) \
                                    ELSE (CASE WHEN $4 THEN 1 ELSE 0 END) END, \
         sending_at = CASE WHEN status = 'sending' THEN NULL ELSE sending_at END \
         WHERE id = $1 AND status IN ('queued', 'sending')",
    )
    .bind(id)
    .bind(error)
    .bind(next_attempt_at)
    .bind(counts)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A permanent failure, with the server's answer.
pub async fn mark_failed(conn: &mut Conn, id: i64, error: &str) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'failed', last_error = $2, next_attempt_at = NULL, \
         sending_at = CASE WHEN status = 'sending' THEN NULL ELSE sending_at END WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The data went out and no answer came: the server may have the message.
pub async fn mark_uncertain(conn: &mut Conn, id: i64, error: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE outbox SET status = 'uncertain', last_error = $2 WHERE id = $1")
        .bind(id)
        .bind(error)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// At startup: rows left `sending` by a daemon that stopped mid-send. With an idempotent
/// transport they simply go back to `queued`; otherwise they become `uncertain`. Returns them.
pub async fn recover_interrupted(
    conn: &mut Conn,
    idempotent: bool,
) -> anyhow::Result<Vec<Outbound>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM outbox WHERE status = 'sending' ORDER BY id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let rows: Vec<Outbound> = rows.iter().map(from_row).collect();
    for r in &rows {
        if idempotent {
            sqlx::query("UPDATE outbox SET status = 'queued', sending_at = NULL WHERE id = $1")
                .bind(r.id)
                .execute(&mut *conn)
                .await?;
        } else {
            let why = format!(
                "interrupted after the message was handed to the server at {}: it may have been \
                 delivered; not sent again (mailcase outbox requeue {} sends it once more)",
                r.sending_at.as_deref().unwrap_or("?"),
                r.id
            );
            mark_uncertain(conn, r.id, &why).await?;
        }
    }
    Ok(rows)
}

/// Staff decide about an `uncertain` or `failed` row: send it again (`queued`) or record that
/// it arrived after all (`sent`). Returns false when the row is not in one of `from`.
pub async fn staff_set(
    conn: &mut Conn,
    id: i64,
    from: &[OutboxStatus],
    to: OutboxStatus,
    note: &str,
    now: &str,
) -> anyhow::Result<bool> {
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    let mut qb = sqlx::QueryBuilder::<sqlx::Sqlite>::new("UPDATE outbox SET status = ");
    qb.push_bind(to.as_str());
    qb.push(", last_error = ");
    qb.push_bind(note);
    qb.push(", next_attempt_at = NULL, sent_at = CASE WHEN ");
    qb.push_bind(to.as_str());
    qb.push(" = 'sent' THEN ");
    qb.push_bind(now);
    qb.push(" ELSE sent_at END WHERE id = ");
    qb.push_bind(id);
    qb.push(" AND status IN ");
    super::batch::in_list(&mut qb, &from);
    Ok(qb.build().execute(&mut *conn).await?.rows_affected() == 1)
}

/// One outbound row with its raw bytes.
pub async fn get(conn: &mut Conn, id: i64) -> anyhow::Result<Option<(Outbound, Vec<u8>)>> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        ", raw FROM outbox WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| (from_row(&r), r.get("raw"))))
}

/// Rows in these statuses, oldest first (for `mailcase status` and `mailcase outbox`).
pub async fn with_status(
    conn: &mut Conn,
    statuses: &[OutboxStatus],
    limit: i64,
) -> anyhow::Result<Vec<Outbound>> {
    let names: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    let mut qb = sqlx::QueryBuilder::<sqlx::Sqlite>::new(concat!(
        "SELECT ",
        columns!(),
        " FROM outbox WHERE status IN "
    ));
    super::batch::in_list(&mut qb, &names);
    qb.push(" ORDER BY id LIMIT ");
    qb.push_bind(limit);
    let rows = qb.build().fetch_all(&mut *conn).await?;
    Ok(rows.iter().map(from_row).collect())
}

/// How many rows are in each state; `retrying` are queued rows that failed before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub queued: i64,
    pub retrying: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub uncertain: i64,
    pub suppressed: i64,
}

pub async fn counts(conn: &mut Conn) -> anyhow::Result<Counts> {
    let rows = sqlx::query(
        "SELECT status, attempts > 0 AND status = 'queued', COUNT(*) FROM outbox GROUP BY 1, 2",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut c = Counts::default();
    for r in rows {
        let status: String = r.get(0);
        let retry: bool = r.get(1);
        let n: i64 = r.get(2);
        match status.as_str() {
            "queued" if retry => c.retrying += n,
            "queued" => c.queued += n,
            "sending" => c.sending += n,
            "sent" => c.sent += n,
            "failed" => c.failed += n,
            "uncertain" => c.uncertain += n,
            "suppressed" => c.suppressed += n,
            _ => {}
        }
    }
    Ok(c)
}

/// The earliest `next_attempt_at` among queued rows (when the deliverer should look again).
pub async fn next_retry_at(conn: &mut Conn) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query(
        "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'queued' AND next_attempt_at IS NOT NULL",
    )
    .fetch_one(&mut *conn)
    .await?
    .get(0))
}
