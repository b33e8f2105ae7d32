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

/// Stores raw bytes, or counts a repeated delivery.
pub async fn insert_raw(conn: &mut Conn, m: &NewRaw<'_>) -> anyhow::Result<Inserted> {
    let row = sqlx::query(
        "INSERT INTO messages (dedup_key, message_id, sha256, size, source, received_at, state) \
         VALUES ($1, $2, $3, $4, $5, $6, 'pending') \
         ON CONFLICT (dedup_key) DO UPDATE SET deliveries = messages.deliveries + 1 \
         RETURNING id, deliveries",
    )
    .bind(&m.dedup_key)
    .bind(&m.message_id)
    .bind(&m.sha256)
    .bind(m.raw.len() as i64)
    .bind(&m.source)
    .bind(&m.received_at)
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = row.get(0);
    let deliveries: i64 = row.get(1);
    if deliveries > 1 {
        return Ok(Inserted::Duplicate(id));
    }
    sqlx::query("INSERT INTO message_raw (message_id, raw) VALUES ($1, $2)")
        .bind(id)
        .bind(m.raw)
        .execute(&mut *conn)
        .await?;
    Ok(Inserted::New(id))
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

/// Records the pipeline's result for a stored message.
pub async fn record(conn: &mut Conn, id: i64, p: &Processed) -> anyhow::Result<()> {
    let flags: Vec<&str> = p.flags.iter().map(|f| f.as_str()).collect();
    sqlx::query(
        "UPDATE messages SET state = $2, case_id = $3, seq = $4, kind = $5, kind_reason = $6, from_addr = $7, \
         from_name = $8, to_addrs = $9, subject = $10, date = $11, visible_text = $12, segments = $13, \
         extraction = $14, flags = $15, problems = $16, auth = $17, attachments = $18, report = $19, \
         answers = $20 WHERE id = $1",
    )
    .bind(id)
    .bind(p.state)
    .bind(p.case_id)
    .bind(p.seq)
    .bind(p.kind.map(|k| k.as_str()))
    .bind(&p.kind_reason)
    .bind(&p.from_addr)
    .bind(&p.from_name)
    .bind(&p.to_addrs)
    .bind(&p.subject)
    .bind(&p.date)
    .bind(&p.visible_text)
    .bind(&p.segments)
    .bind(&p.extraction)
    .bind(super::to_json(&flags))
    .bind(&p.problems)
    .bind(&p.auth)
    .bind(&p.attachments)
    .bind(&p.report)
    .bind(p.answers)
    .execute(&mut *conn)
    .await?;
    Ok(())
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
    Ok(rows.iter().map(|r| RawRow { id: r.get(0), message_id: r.get(1), raw: r.get(2) }).collect())
}

/// Stored messages selected for reprocessing, oldest first.
pub async fn select_for_reprocess(conn: &mut Conn, sel: &Reselect) -> anyhow::Result<Vec<i64>> {
    let rows = match sel {
        Reselect::All => sqlx::query("SELECT id FROM messages ORDER BY id").fetch_all(&mut *conn).await?,
        Reselect::Unparseable => {
            sqlx::query("SELECT id FROM messages WHERE state IN ('unparseable', 'pending') ORDER BY id")
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
    Ok(row.map(|r| RawRow { id: r.get(0), message_id: r.get(1), raw: r.get(2) }))
}

/// The case an inbound message (by Message-ID, without brackets) belongs to.
pub async fn case_of(conn: &mut Conn, message_id: &str) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query("SELECT case_id FROM messages WHERE message_id = $1 AND case_id IS NOT NULL LIMIT 1")
        .bind(message_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.get(0)))
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
    #[serde(skip)]
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
            kind: r.get::<Option<String>, _>(3).and_then(|k| InboundKind::parse(&k)),
            kind_reason: r.get(4),
            from: r.get(5),
            to: r.get(6),
            subject: r.get(7),
            date: r.get(8),
            visible_text: r.get(9),
            segments: r.get::<Option<String>, _>(10).unwrap_or_default(),
            extraction: r.get::<Option<String>, _>(11).unwrap_or_default(),
            flags: from_json::<Vec<String>>(r.get::<Option<&str>, _>(12)).iter().filter_map(|f| Flag::parse(f)).collect(),
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
}

pub async fn basics(conn: &mut Conn, id: i64) -> anyhow::Result<Option<Basics>> {
    let row = sqlx::query("SELECT message_id, state, case_id, seq FROM messages WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| Basics { message_id: r.get(0), state: r.get(1), case_id: r.get(2), seq: r.get(3) }))
}
