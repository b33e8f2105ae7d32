//! Cases one at a time (the CLI and staff actions); the pipeline uses [`super::batch`].

use super::Conn;
use super::batch::{self, case_from_row, select_cases};
use crate::domain::{Case, Flag, Status};
use sqlx::Row;

/// Inserts a new case and returns it with its id.
pub async fn insert(conn: &mut Conn, mut case: Case) -> anyhow::Result<Case> {
    let ids = batch::insert_cases(conn, &[&case]).await?;
    case.id = *ids
        .get(&case.reference)
        .ok_or_else(|| anyhow::anyhow!("case {} was not inserted", case.reference))?;
    Ok(case)
}

/// Writes back everything that can change on a case.
pub async fn save(conn: &mut Conn, case: &Case) -> anyhow::Result<()> {
    batch::update_cases(conn, &[case]).await
}

pub async fn load(conn: &mut Conn, id: i64) -> anyhow::Result<Option<Case>> {
    let row = sqlx::query(select_cases!("WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.as_ref().map(case_from_row))
}

pub async fn by_reference(conn: &mut Conn, reference: &str) -> anyhow::Result<Option<Case>> {
    let row = sqlx::query(select_cases!("WHERE reference = $1"))
        .bind(reference.trim().to_ascii_uppercase())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.as_ref().map(case_from_row))
}

/// Filters for listing cases.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub flag: Option<Flag>,
}

/// Every case matching the filter, oldest first.
pub async fn list(conn: &mut Conn, filter: &Filter) -> anyhow::Result<Vec<Case>> {
    let rows = sqlx::query(select_cases!(
        "WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR flags LIKE $2) ORDER BY id"
    ))
    .bind(filter.status.map(|s| s.as_str()))
    .bind(filter.flag.map(|f| format!("%\"{}\"%", f.as_str())))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(case_from_row).collect())
}

/// How many cases there are.
pub async fn count(conn: &mut Conn) -> anyhow::Result<i64> {
    Ok(sqlx::query("SELECT COUNT(*) FROM cases")
        .fetch_one(&mut *conn)
        .await?
        .get(0))
}
