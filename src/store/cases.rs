//! Cases: insert, load, save, list, and the lookups threading and duplicate detection need.

use super::{Conn, from_json, to_json};
use crate::domain::{Case, Field, Flag, Source, Status, address_key};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use std::collections::{BTreeMap, BTreeSet};

fn from_row(r: &SqliteRow) -> Case {
    let status: String = r.get("status");
    let flags: Vec<String> = from_json(r.get::<Option<&str>, _>("flags"));
    let sources: BTreeMap<String, Source> = from_json(r.get::<Option<&str>, _>("field_sources"));
    Case {
        id: r.get("id"),
        reference: r.get("reference"),
        status: Status::parse(&status).unwrap_or(Status::AwaitingInfo),
        requester: r.get("requester"),
        subject: r.get("subject"),
        fields: from_json(r.get::<Option<&str>, _>("fields")),
        sources: sources.into_iter().filter_map(|(k, v)| Some((Field::parse(&k)?, v))).collect(),
        flags: flags.iter().filter_map(|f| Flag::parse(f)).collect::<BTreeSet<_>>(),
        next_seq: r.get("next_seq"),
        message_count: r.get("message_count"),
        created_at: r.get("created_at"),
        last_activity: r.get("last_activity"),
    }
}

/// Normalised subject for the fallback match: reply/forward prefixes (many languages), case
/// reference tags and surrounding whitespace removed, lowercased.
pub fn subject_key(subject: &str) -> String {
    crate::thread::normalise_subject(subject)
}

/// Inserts a new case and returns it with its id.
pub async fn insert(conn: &mut Conn, mut case: Case) -> anyhow::Result<Case> {
    let username_key = case.fields.username.as_ref().map(|u| u.to_lowercase());
    let flags: Vec<&str> = case.flags.iter().map(|f| f.as_str()).collect();
    let missing: Vec<&str> = case.missing().iter().map(|f| f.as_str()).collect();
    let id: i64 = sqlx::query(
        "INSERT INTO cases (reference, status, requester, requester_key, subject, subject_key, username_key, \
         fields, field_sources, flags, missing, next_seq, message_count, created_at, last_activity) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(&case.reference)
    .bind(case.status.as_str())
    .bind(&case.requester)
    .bind(address_key(&case.requester))
    .bind(&case.subject)
    .bind(subject_key(&case.subject))
    .bind(username_key)
    .bind(to_json(&case.fields))
    .bind(to_json(&sources_json(&case.sources)))
    .bind(to_json(&flags))
    .bind(to_json(&missing))
    .bind(case.next_seq)
    .bind(case.message_count)
    .bind(&case.created_at)
    .bind(&case.last_activity)
    .fetch_one(&mut *conn)
    .await?
    .get(0);
    case.id = id;
    Ok(case)
}

fn sources_json(sources: &BTreeMap<Field, Source>) -> BTreeMap<&'static str, &Source> {
    sources.iter().map(|(k, v)| (k.as_str(), v)).collect()
}

/// Writes back everything that can change on a case.
pub async fn save(conn: &mut Conn, case: &Case) -> anyhow::Result<()> {
    let username_key = case.fields.username.as_ref().map(|u| u.to_lowercase());
    let flags: Vec<&str> = case.flags.iter().map(|f| f.as_str()).collect();
    let missing: Vec<&str> = case.missing().iter().map(|f| f.as_str()).collect();
    sqlx::query(
        "UPDATE cases SET status = $2, username_key = $3, fields = $4, field_sources = $5, flags = $6, \
         missing = $7, next_seq = $8, message_count = $9, last_activity = $10 WHERE id = $1",
    )
    .bind(case.id)
    .bind(case.status.as_str())
    .bind(username_key)
    .bind(to_json(&case.fields))
    .bind(to_json(&sources_json(&case.sources)))
    .bind(to_json(&flags))
    .bind(to_json(&missing))
    .bind(case.next_seq)
    .bind(case.message_count)
    .bind(&case.last_activity)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn load(conn: &mut Conn, id: i64) -> anyhow::Result<Option<Case>> {
    let row = sqlx::query("SELECT id, reference, status, requester, subject, fields, field_sources, flags, \
                           next_seq, message_count, created_at, last_activity FROM cases WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.as_ref().map(from_row))
}

pub async fn by_reference(conn: &mut Conn, reference: &str) -> anyhow::Result<Option<Case>> {
    let row = sqlx::query("SELECT id, reference, status, requester, subject, fields, field_sources, flags, \
                           next_seq, message_count, created_at, last_activity FROM cases WHERE reference = $1")
        .bind(reference.trim().to_ascii_uppercase())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.as_ref().map(from_row))
}

/// Whether a reference is taken (new references are random and checked).
pub async fn reference_exists(conn: &mut Conn, reference: &str) -> anyhow::Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM cases WHERE reference = $1").bind(reference).fetch_optional(&mut *conn).await?.is_some())
}

/// Filters for listing cases.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub flag: Option<Flag>,
}

/// Every case matching the filter, oldest first.
pub async fn list(conn: &mut Conn, filter: &Filter) -> anyhow::Result<Vec<Case>> {
    let rows = sqlx::query(
        "SELECT id, reference, status, requester, subject, fields, field_sources, flags, next_seq, \
         message_count, created_at, last_activity FROM cases \
         WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR flags LIKE $2) ORDER BY id",
    )
    .bind(filter.status.map(|s| s.as_str()))
    .bind(filter.flag.map(|f| format!("%\"{}\"%", f.as_str())))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

/// Open cases other than `except` with the same requester (address key) or the same username.
pub async fn open_duplicates(
    conn: &mut Conn,
    except: i64,
    requester_key: &str,
    username: Option<&str>,
) -> anyhow::Result<Vec<i64>> {
    let rows = sqlx::query(
        "SELECT id FROM cases WHERE id <> $1 AND status IN ('awaiting_info', 'ready_for_review', 'in_review') \
         AND (requester_key = $2 OR ($3 IS NOT NULL AND username_key = $3))",
    )
    .bind(except)
    .bind(requester_key)
    .bind(username.map(str::to_lowercase))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// The most recent open case of this requester with this normalised subject, active since
/// `since` (the careful fallback of threading).
pub async fn fallback_match(
    conn: &mut Conn,
    requester_key: &str,
    subject_key: &str,
    since: &str,
) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT id FROM cases WHERE requester_key = $1 AND subject_key = $2 AND last_activity >= $3 \
         AND status IN ('awaiting_info', 'ready_for_review', 'in_review') ORDER BY last_activity DESC LIMIT 1",
    )
    .bind(requester_key)
    .bind(subject_key)
    .bind(since)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| r.get(0)))
}

/// Adds a flag to a case without loading it.
pub async fn add_flag(conn: &mut Conn, id: i64, flag: Flag) -> anyhow::Result<()> {
    if let Some(mut case) = load(conn, id).await? {
        if case.flags.insert(flag) {
            save(conn, &case).await?;
        }
    }
    Ok(())
}
