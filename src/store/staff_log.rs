//! The audit log and internal notes of staff work on a case.

use super::Conn;
use sqlx::Row;

/// One audit entry.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub staff: String,
    pub action: String,
    pub detail: String,
    pub at: String,
}

pub async fn audit(
    conn: &mut Conn,
    case_id: i64,
    staff: &str,
    action: &str,
    detail: &str,
    at: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO audit (case_id, staff, action, detail, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(case_id)
    .bind(staff)
    .bind(action)
    .bind(detail)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The audit log of a case, oldest first.
pub async fn audit_of(conn: &mut Conn, case_id: i64) -> anyhow::Result<Vec<AuditEntry>> {
    let rows =
        sqlx::query("SELECT staff, action, detail, at FROM audit WHERE case_id = $1 ORDER BY id")
            .bind(case_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .iter()
        .map(|r| AuditEntry {
            staff: r.get(0),
            action: r.get(1),
            detail: r.get(2),
            at: r.get(3),
        })
        .collect())
}

/// One internal note.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Note {
    pub id: i64,
    pub staff: String,
    pub body: String,
    pub at: String,
}

pub async fn add_note(
    conn: &mut Conn,
    case_id: i64,
    staff: &str,
    body: &str,
    at: &str,
) -> anyhow::Result<i64> {
    Ok(sqlx::query(
        "INSERT INTO notes (case_id, staff, body, at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(case_id)
    .bind(staff)
    .bind(body)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?
    .get(0))
}

/// The notes of a case, oldest first.
pub async fn notes_of(conn: &mut Conn, case_id: i64) -> anyhow::Result<Vec<Note>> {
    let rows = sqlx::query("SELECT id, staff, body, at FROM notes WHERE case_id = $1 ORDER BY id")
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .iter()
        .map(|r| Note {
            id: r.get(0),
            staff: r.get(1),
            body: r.get(2),
            at: r.get(3),
        })
        .collect())
}
