//! Watched IMAP mailboxes: the cursor (UIDVALIDITY and the last stored UID) and what the last
//! poll saw. The cursor is advanced inside the transaction that stores the messages it covers.

use super::Conn;
use sqlx::Row;

/// Where intake stands in one mailbox.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Mailbox {
    pub account: String,
    pub mailbox: String,
    /// The UIDVALIDITY `last_uid` belongs to; `None` before the first batch.
    pub uid_validity: Option<u32>,
    /// Every message up to this UID is stored.
    pub last_uid: u32,
    /// The post-commit action (`\Seen` or move) is done up to this UID.
    pub marked_uid: u32,
    pub server_uid_next: Option<u32>,
    pub server_exists: Option<u32>,
    pub last_poll_at: Option<String>,
    pub last_error: Option<String>,
    pub last_error_at: Option<String>,
}

impl Mailbox {
    /// UIDs on the server above the cursor at the last poll (an upper bound: UIDs can have gaps).
    pub fn backlog(&self) -> Option<u32> {
        let next = self.server_uid_next?;
        Some(next.saturating_sub(1).saturating_sub(self.last_uid))
    }
}

fn u32_of(v: Option<i64>) -> Option<u32> {
    v.and_then(|v| u32::try_from(v).ok())
}

fn from_row(r: &sqlx::sqlite::SqliteRow) -> Mailbox {
    Mailbox {
        account: r.get("account"),
        mailbox: r.get("mailbox"),
        uid_validity: u32_of(r.get("uid_validity")),
        last_uid: u32_of(r.get("last_uid")).unwrap_or(0),
        marked_uid: u32_of(r.get("marked_uid")).unwrap_or(0),
        server_uid_next: u32_of(r.get("server_uid_next")),
        server_exists: u32_of(r.get("server_exists")),
        last_poll_at: r.get("last_poll_at"),
        last_error: r.get("last_error"),
        last_error_at: r.get("last_error_at"),
    }
}

macro_rules! columns {
    () => {
        "account, mailbox, uid_validity, last_uid, marked_uid, server_uid_next, server_exists, \
         last_poll_at, last_error, last_error_at"
    };
}

/// The mailbox's row, if it was ever read.
pub async fn get(conn: &mut Conn, account: &str, mailbox: &str) -> anyhow::Result<Option<Mailbox>> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM imap_mailboxes WHERE account = $1 AND mailbox = $2"
    ))
    .bind(account)
    .bind(mailbox)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.as_ref().map(from_row))
}

/// Every watched mailbox, by account and name.
pub async fn list(conn: &mut Conn) -> anyhow::Result<Vec<Mailbox>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM imap_mailboxes ORDER BY account, mailbox"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

/// Sets the cursor: every message up to `last_uid` under `uid_validity` is stored. Call it in
/// the transaction that stored them. `marked_uid` (the post-commit action) starts at 0 and is
/// reset to 0 when the validity changes (a new numbering starts from scratch).
pub async fn set_cursor(
    conn: &mut Conn,
    account: &str,
    mailbox: &str,
    uid_validity: u32,
    last_uid: u32,
    now: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO imap_mailboxes (account, mailbox, uid_validity, last_uid, marked_uid, updated_at) \
         VALUES ($1, $2, $3, $4, 0, $5) \
         ON CONFLICT (account, mailbox) DO UPDATE SET \
           marked_uid = CASE WHEN imap_mailboxes.uid_validity = excluded.uid_validity \
                             THEN imap_mailboxes.marked_uid ELSE 0 END, \
           uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, \
           updated_at = excluded.updated_at",
    )
    .bind(account)
    .bind(mailbox)
    .bind(i64::from(uid_validity))
    .bind(i64::from(last_uid))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records that the post-commit action is done up to `uid`.
pub async fn set_marked(
    conn: &mut Conn,
    account: &str,
    mailbox: &str,
    uid: u32,
    now: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE imap_mailboxes SET marked_uid = CASE WHEN marked_uid > $3 THEN marked_uid ELSE $3 END, updated_at = $4 \
         WHERE account = $1 AND mailbox = $2",
    )
    .bind(account)
    .bind(mailbox)
    .bind(i64::from(uid))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a successful poll: what the server reported, and no error.
pub async fn polled(
    conn: &mut Conn,
    account: &str,
    mailbox: &str,
    uid_next: u32,
    exists: u32,
    now: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO imap_mailboxes (account, mailbox, server_uid_next, server_exists, last_poll_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (account, mailbox) DO UPDATE SET server_uid_next = excluded.server_uid_next, \
           server_exists = excluded.server_exists, last_poll_at = excluded.last_poll_at, \
           last_error = NULL, last_error_at = NULL, updated_at = excluded.updated_at",
    )
    .bind(account)
    .bind(mailbox)
    .bind(i64::from(uid_next))
    .bind(i64::from(exists))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a connection or command failure (one line, no secrets).
pub async fn failed(
    conn: &mut Conn,
    account: &str,
    mailbox: &str,
    error: &str,
    now: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO imap_mailboxes (account, mailbox, last_error, last_error_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) \
         ON CONFLICT (account, mailbox) DO UPDATE SET last_error = excluded.last_error, \
           last_error_at = excluded.last_error_at, updated_at = excluded.updated_at",
    )
    .bind(account)
    .bind(mailbox)
    .bind(error)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
