//! Inbound messages: the raw bytes first (state `pending`), then what the pipeline derived.

use super::{Conn, from_json};
use crate::domain::{Flag, InboundKind};
use sqlx::Row;

/// A message as it arrives, before anything is parsed.
#[derive(Debug, Clone)]
pub struct NewRaw<'a> {
    /// Normalised Message-ID, or `sha256:<hex>` when the message has none.
    pub dedup_key: String,
    /// Message-ID without brackets (derived from the hash when absent).
    pub message_id: String,
    pub sha256: String,
    pub source: String,
    pub received_at: String,
    pub raw: &'a [u8],
    /// The size of the whole message: `raw.len()`, or more when only its header was kept.
    pub size: i64,
}

/// The outcome of storing raw bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// A new message, stored as `pending`.
    New(i64),
    /// The same message was stored before (same Message-ID, or same bytes when it has none);
    /// its delivery count went up and nothing else happens.
    Duplicate(i64),
}

/// What the pipeline derived from a message. Complex values arrive as JSON text.
#[derive(Debug, Clone, Default)]
pub struct Processed {
    /// `processed`, or `unparseable` when nothing usable could be read.
    pub state: &'static str,
    pub case_id: Option<i64>,
    pub seq: Option<i64>,
    pub kind: Option<InboundKind>,
    pub kind_reason: String,
    pub from_addr: String,
    pub from_name: Option<String>,
    pub to_addrs: String,
    pub subject: String,
    pub date: Option<String>,
    pub visible_text: String,
    pub segments: String,
    pub extraction: String,
    pub flags: Vec<Flag>,
    pub problems: String,
    pub auth: String,
    pub attachments: String,
    pub report: String,
    /// Outbox id of the automated mail this message replies to.
    pub answers: Option<i64>,
}

/// A stored message waiting for (or re-running) the pipeline.
#[derive(Debug, Clone)]
pub struct RawRow {
    pub id: i64,
    pub message_id: String,
    pub raw: Vec<u8>,
}

/// Pending messages after `after_id`, oldest first.
pub async fn pending(conn: &mut Conn, after_id: i64, limit: i64) -> anyhow::Result<Vec<RawRow>> {
    let rows = sqlx::query(
        "SELECT m.id, m.message_id, r.raw FROM messages m JOIN message_raw r ON r.message_id = m.id \
         WHERE m.state = 'pending' AND m.id > $1 ORDER BY m.id LIMIT $2",
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| RawRow {
            id: r.get(0),
            message_id: r.get(1),
            raw: r.get(2),
        })
        .collect())
}

/// Stored messages selected for reprocessing, oldest first.
pub async fn select_for_reprocess(conn: &mut Conn, sel: &Reselect) -> anyhow::Result<Vec<i64>> {
    let rows = match sel {
        Reselect::All => {
            sqlx::query("SELECT id FROM messages ORDER BY id")
                .fetch_all(&mut *conn)
                .await?
        }
        Reselect::Unparseable => {
            sqlx::query(
                "SELECT id FROM messages WHERE state IN ('unparseable', 'pending') ORDER BY id",
            )
            .fetch_all(&mut *conn)
            .await?
        }
        Reselect::Case(case_id) => {
            sqlx::query("SELECT id FROM messages WHERE case_id = $1 ORDER BY seq, id")
                .bind(case_id)
                .fetch_all(&mut *conn)
                .await?
        }
        Reselect::MessageId(mid) => {
            sqlx::query("SELECT id FROM messages WHERE message_id = $1 ORDER BY id")
                .bind(mid)
                .fetch_all(&mut *conn)
                .await?
        }
    };
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Which stored messages `reprocess` takes.
#[derive(Debug, Clone)]
pub enum Reselect {
    All,
    Unparseable,
    Case(i64),
    MessageId(String),
}

/// One stored message with its raw bytes.
pub async fn raw(conn: &mut Conn, id: i64) -> anyhow::Result<Option<RawRow>> {
    let row = sqlx::query(
        "SELECT m.id, m.message_id, r.raw FROM messages m JOIN message_raw r ON r.message_id = m.id WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| RawRow {
        id: r.get(0),
        message_id: r.get(1),
        raw: r.get(2),
    }))
}

/// A line of `mailcase messages`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    pub message_id: String,
    pub case: Option<String>,
    pub kind: Option<String>,
    pub from: Option<String>,
    pub subject: Option<String>,
    pub date: Option<String>,
    /// `processed`, `unparseable`, or `pending` (stored, not yet processed).
    pub state: String,
    #[serde(skip)]
    pub kind_reason: Option<String>,
}

/// Every stored inbound message, oldest first.
pub async fn list(conn: &mut Conn) -> anyhow::Result<Vec<Summary>> {
    let rows = sqlx::query(
        "SELECT m.message_id, c.reference, m.kind, m.from_addr, m.subject, COALESCE(m.date, m.received_at), \
         m.state, m.kind_reason FROM messages m LEFT JOIN cases c ON c.id = m.case_id ORDER BY m.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Summary {
            message_id: format!("<{}>", r.get::<String, _>(0)),
            case: r.get(1),
            kind: r.get(2),
            from: r.get(3),
            subject: r.get(4),
            date: r.get(5),
            state: r.get(6),
            kind_reason: r.get(7),
        })
        .collect())
}

/// An inbound message of a case's thread.
#[derive(Debug, Clone)]
pub struct ThreadMessage {
    pub id: i64,
    pub seq: i64,
    pub message_id: String,
    pub kind: Option<InboundKind>,
    pub kind_reason: Option<String>,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub date: String,
    pub visible_text: String,
    pub segments: String,
    pub extraction: String,
    pub flags: Vec<Flag>,
    pub problems: String,
    pub attachments: String,
    pub answers: Option<i64>,
}

/// Inbound messages of a case in thread order.
pub async fn of_case(conn: &mut Conn, case_id: i64) -> anyhow::Result<Vec<ThreadMessage>> {
    let rows = sqlx::query(
        "SELECT id, COALESCE(seq, 0), message_id, kind, kind_reason, COALESCE(from_addr, ''), COALESCE(to_addrs, ''), \
         COALESCE(subject, ''), COALESCE(date, received_at), COALESCE(visible_text, ''), segments, extraction, flags, \
         problems, attachments, answers FROM messages WHERE case_id = $1 ORDER BY seq, id",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| ThreadMessage {
            id: r.get(0),
            seq: r.get(1),
            message_id: r.get(2),
            kind: r
                .get::<Option<String>, _>(3)
                .and_then(|k| InboundKind::parse(&k)),
            kind_reason: r.get(4),
            from: r.get(5),
            to: r.get(6),
            subject: r.get(7),
            date: r.get(8),
            visible_text: r.get(9),
            segments: r.get::<Option<String>, _>(10).unwrap_or_default(),
            extraction: r.get::<Option<String>, _>(11).unwrap_or_default(),
            flags: from_json::<Vec<String>>(r.get::<Option<&str>, _>(12))
                .iter()
                .filter_map(|f| Flag::parse(f))
                .collect(),
            problems: r.get::<Option<String>, _>(13).unwrap_or_default(),
            attachments: r.get::<Option<String>, _>(14).unwrap_or_default(),
            answers: r.get(15),
        })
        .collect())
}

/// What the pipeline needs to know about a stored message before applying it.
#[derive(Debug, Clone)]
pub struct Basics {
    pub message_id: String,
    pub state: String,
    pub case_id: Option<i64>,
    pub seq: Option<i64>,
    /// The size of the whole message when only its header was stored (IMAP intake of a
    /// message over `max_message_bytes`).
    pub truncated_from: Option<i64>,
}

/// How many stored messages wait for the pipeline.
pub async fn count_pending(conn: &mut Conn) -> anyhow::Result<i64> {
    Ok(
        sqlx::query("SELECT COUNT(*) FROM messages WHERE state = 'pending'")
            .fetch_one(&mut *conn)
            .await?
            .get(0),
    )
}

/// Which of these rows are still `pending`.
pub async fn pending_among(
    conn: &mut Conn,
    ids: &[i64],
) -> anyhow::Result<std::collections::HashSet<i64>> {
    let mut out = std::collections::HashSet::new();
    for chunk in ids.chunks(400) {
        let mut qb: sqlx::QueryBuilder<sqlx::Sqlite> =
            sqlx::QueryBuilder::new("SELECT id FROM messages WHERE state = 'pending' AND id IN ");
        super::batch::in_list(&mut qb, chunk);
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            out.insert(r.get(0));
        }
    }
    Ok(out)
}
