//! What the staff web UI reads and writes beyond the pipeline's tables: staff accounts,
//! sessions, login attempts, the case list (filters, full-text search, keyset pages), the
//! outbox list, and the inbound mail filed under no case. The case list is served by the
//! indexes and trigger-maintained tables of `migrations/0003_web.sql` (`case_flags`, the FTS5
//! table `case_search`); the mail page by the partial indexes of
//! `migrations/0005_unfiled_mail.sql`.

use super::Conn;
use super::batch::case_from_row;
use crate::domain::{Case, Flag, Status};
use sqlx::{QueryBuilder, Row, Sqlite};

// ---------------------------------------------------------------- staff accounts

/// A staff account.
#[derive(Debug, Clone)]
pub struct StaffRow {
    pub id: i64,
    pub name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    pub disabled: bool,
}

/// Adds an account; `Ok(None)` when the name (compared lowercased) is taken.
pub async fn staff_insert(
    conn: &mut Conn,
    name: &str,
    password_hash: &str,
    now: &str,
) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query(
        "INSERT INTO staff (name, password_hash, created_at, password_changed_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(name)
    .bind(password_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| r.get(0)))
}

/// An account by name (case-insensitive).
pub async fn staff_by_name(conn: &mut Conn, name: &str) -> anyhow::Result<Option<StaffRow>> {
    let row = sqlx::query(
        "SELECT id, name, password_hash, disabled FROM staff WHERE lower(name) = lower($1)",
    )
    .bind(name)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| StaffRow {
        id: r.get(0),
        name: r.get(1),
        password_hash: r.get(2),
        disabled: r.get::<i64, _>(3) != 0,
    }))
}

/// How many enabled accounts there are.
pub async fn staff_count(conn: &mut Conn) -> anyhow::Result<i64> {
    Ok(sqlx::query("SELECT COUNT(*) FROM staff WHERE disabled = 0")
        .fetch_one(&mut *conn)
        .await?
        .get(0))
}

/// Sets a new password hash (and ends every session of the account).
pub async fn staff_set_password(
    conn: &mut Conn,
    id: i64,
    password_hash: &str,
    now: &str,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE staff SET password_hash = $2, password_changed_at = $3 WHERE id = $1")
        .bind(id)
        .bind(password_hash)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    sessions_end_for(conn, id).await
}

/// Disables (or enables) an account; disabling ends its sessions.
pub async fn staff_set_disabled(conn: &mut Conn, id: i64, disabled: bool) -> anyhow::Result<()> {
    sqlx::query("UPDATE staff SET disabled = $2 WHERE id = $1")
        .bind(id)
        .bind(disabled as i64)
        .execute(&mut *conn)
        .await?;
    if disabled {
        sessions_end_for(conn, id).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- sessions

/// A session to open.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub staff_id: i64,
    pub csrf: &'a str,
    pub now: &'a str,
    pub expires_at: &'a str,
    pub client: &'a str,
}

pub async fn session_insert(conn: &mut Conn, s: &NewSession<'_>) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, staff_id, csrf, created_at, last_seen, expires_at, client) \
         VALUES ($1, $2, $3, $4, $4, $5, $6)",
    )
    .bind(s.token_hash)
    .bind(s.staff_id)
    .bind(s.csrf)
    .bind(s.now)
    .bind(s.expires_at)
    .bind(s.client)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A live session and its account.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub staff_id: i64,
    pub staff_name: String,
    pub csrf: String,
    pub created_at: String,
    pub last_seen: String,
}

/// The session with this token hash, if it has not expired and its account is enabled.
pub async fn session_live(
    conn: &mut Conn,
    token_hash: &str,
    now: &str,
) -> anyhow::Result<Option<SessionRow>> {
    let row = sqlx::query(
        "SELECT s.staff_id, st.name, s.csrf, s.created_at, s.last_seen FROM sessions s \
         JOIN staff st ON st.id = s.staff_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND st.disabled = 0",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| SessionRow {
        staff_id: r.get(0),
        staff_name: r.get(1),
        csrf: r.get(2),
        created_at: r.get(3),
        last_seen: r.get(4),
    }))
}

/// Records activity on a session and moves its expiry.
pub async fn session_touch(
    conn: &mut Conn,
    token_hash: &str,
    now: &str,
    expires_at: &str,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE sessions SET last_seen = $2, expires_at = $3 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn session_end(conn: &mut Conn, token_hash: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn sessions_end_for(conn: &mut Conn, staff_id: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE staff_id = $1")
        .bind(staff_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes expired sessions and login attempts older than `attempts_before`.
pub async fn prune(conn: &mut Conn, now: &str, attempts_before: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM login_attempts WHERE at < $1")
        .bind(attempts_before)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- login attempts

pub async fn attempt_record(
    conn: &mut Conn,
    account: &str,
    client: &str,
    ok: bool,
    at: &str,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO login_attempts (account, client, ok, at) VALUES ($1, $2, $3, $4)")
        .bind(account)
        .bind(client)
        .bind(ok as i64)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Failed attempts on an account since `since`, not counting those before its latest
/// successful login; with the time of the oldest one counted.
pub async fn failures_for_account(
    conn: &mut Conn,
    account: &str,
    since: &str,
) -> anyhow::Result<(i64, Option<String>)> {
    let r = sqlx::query(
        "SELECT COUNT(*), MIN(at) FROM login_attempts WHERE account = $1 AND ok = 0 AND at > $2 \
         AND at > COALESCE((SELECT MAX(at) FROM login_attempts WHERE account = $1 AND ok = 1), '')",
    )
    .bind(account)
    .bind(since)
    .fetch_one(&mut *conn)
    .await?;
    Ok((r.get(0), r.get(1)))
}

/// Failed attempts from a client address since `since`, with the oldest one's time.
pub async fn failures_for_client(
    conn: &mut Conn,
    client: &str,
    since: &str,
) -> anyhow::Result<(i64, Option<String>)> {
    let r = sqlx::query(
        "SELECT COUNT(*), MIN(at) FROM login_attempts WHERE client = $1 AND ok = 0 AND at > $2",
    )
    .bind(client)
    .bind(since)
    .fetch_one(&mut *conn)
    .await?;
    Ok((r.get(0), r.get(1)))
}

// ---------------------------------------------------------------- the case list

/// The order of the case list. Each is an index range (with or without a status filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most recently active first.
    #[default]
    ActivityDesc,
    /// Least recently active first: who has waited longest.
    ActivityAsc,
    /// Newest cases first.
    CreatedDesc,
    /// Oldest cases first.
    CreatedAsc,
}

impl Sort {
    pub const ALL: &'static [Sort] = &[
        Sort::ActivityDesc,
        Sort::ActivityAsc,
        Sort::CreatedDesc,
        Sort::CreatedAsc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::ActivityDesc => "activity",
            Sort::ActivityAsc => "waiting",
            Sort::CreatedDesc => "newest",
            Sort::CreatedAsc => "oldest",
        }
    }

    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.iter().copied().find(|x| x.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::ActivityDesc => "Recently active",
            Sort::ActivityAsc => "Waiting longest",
            Sort::CreatedDesc => "Newest",
            Sort::CreatedAsc => "Oldest",
        }
    }

    /// The column (a fixed name, never user text) and whether it descends.
    fn column(self) -> (&'static str, bool) {
        match self {
            Sort::ActivityDesc => ("last_activity", true),
            Sort::ActivityAsc => ("last_activity", false),
            Sort::CreatedDesc => ("created_at", true),
            Sort::CreatedAsc => ("created_at", false),
        }
    }

    /// The sort key of a case (what a cursor holds).
    pub fn key_of(self, c: &Case) -> String {
        match self.column().0 {
            "created_at" => c.created_at.clone(),
            _ => c.last_activity.clone(),
        }
    }
}

/// A position in the list: the sort key and id of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub key: String,
    pub id: i64,
}

/// Which way to page from a cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Rows after the cursor in list order.
    #[default]
    After,
    /// Rows before the cursor in list order.
    Before,
}

/// What the list shows.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub status: Option<Status>,
    pub flag: Option<Flag>,
    /// An FTS5 query built by [`fts_query`] (never raw user text).
    pub search: Option<String>,
    pub sort: Sort,
    pub cursor: Option<(Direction, Cursor)>,
    pub limit: i64,
}

/// One page: the cases in list order, and whether more rows lie beyond it in the direction
/// it was read.
#[derive(Debug, Clone)]
pub struct Page {
    pub cases: Vec<Case>,
    pub more: bool,
}

/// The case columns of [`case_from_row`], from `cases c`.
const CASE_COLS: &str = "SELECT c.id, c.reference, c.status, c.requester, c.subject, c.fields, c.field_sources, \
     c.flags, c.manual_fields, c.next_seq, c.message_count, c.created_at, c.last_activity ";

/// How a list query is driven: by the full-text index (in case order), by the flag index
/// table, or by the case indexes.
fn push_from(qb: &mut QueryBuilder<Sqlite>, q: &ListQuery) {
    if let Some(s) = &q.search {
        // One FTS5 query: the words in the text columns, the filters as tokens of the status
        // and flags columns; FTS5 intersects by skipping through the rarest list. The CROSS
        // JOIN keeps the index as the outer loop (read in case order, stopped after a page).
        let mut m = format!("{{reference requester username subject body}} : ({s})");
        if let Some(st) = q.status {
            m.push_str(&format!(" AND status : {}", st.as_str().replace('_', "")));
        }
        if let Some(f) = q.flag {
            m.push_str(&format!(" AND flags : {}", f.as_str().replace('_', "")));
        }
        qb.push(
            "FROM case_search CROSS JOIN cases c ON c.id = case_search.rowid WHERE case_search MATCH ",
        )
        .push_bind(m);
    } else if let Some(f) = q.flag {
        qb.push("FROM case_flags f JOIN cases c ON c.id = f.case_id WHERE f.flag = ")
            .push_bind(f.as_str());
        if let Some(st) = q.status {
            qb.push(" AND f.status = ").push_bind(st.as_str());
        }
    } else {
        // the ordering's index holds the status too (see migrations/0003_web.sql)
        let index = match q.sort.column().0 {
            "created_at" => "cases_created_status",
            _ => "cases_activity_status",
        };
        qb.push(format_args!("FROM cases c INDEXED BY {index} WHERE 1 = 1"));
        if let Some(st) = q.status {
            qb.push(" AND c.status = ").push_bind(st.as_str());
        }
    }
}

/// A page of the case list. Every shape of query is an index range read in order and stopped
/// after one page (keyset pagination: page 2,000 costs what page 1 does). Search results come
/// in case order (newest first, or oldest with [`Sort::CreatedAsc`]), read straight from the
/// full-text index.
pub async fn list_page(conn: &mut Conn, q: &ListQuery) -> anyhow::Result<Page> {
    let backward = matches!(q.cursor, Some((Direction::Before, _)));
    let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(CASE_COLS);
    push_from(&mut qb, q);
    let descending;
    if q.search.is_some() {
        descending = (q.sort != Sort::CreatedAsc) != backward;
        if let Some((_, c)) = &q.cursor {
            qb.push(if descending {
                " AND case_search.rowid < "
            } else {
                " AND case_search.rowid > "
            })
            .push_bind(c.id);
        }
        let dir = if descending { "DESC" } else { "ASC" };
        qb.push(format_args!(" ORDER BY case_search.rowid {dir} LIMIT "));
    } else {
        let (col, desc) = q.sort.column();
        descending = desc != backward;
        // in the flag table the same columns sit beside the case id
        let (t, id) = if q.flag.is_some() {
            ("f", "f.case_id")
        } else {
            ("c", "c.id")
        };
        if let Some((_, c)) = &q.cursor {
            // `col <= key` is the index range; the OR settles ties on the id.
            let (le, lt) = if descending { ("<=", "<") } else { (">=", ">") };
            qb.push(format_args!(" AND {t}.{col} {le} "))
                .push_bind(c.key.clone())
                .push(format_args!(" AND ({t}.{col} {lt} "))
                .push_bind(c.key.clone())
                .push(format_args!(" OR {id} {lt} "))
                .push_bind(c.id)
                .push(")");
        }
        let dir = if descending { "DESC" } else { "ASC" };
        qb.push(format_args!(" ORDER BY {t}.{col} {dir}, {id} {dir} LIMIT "));
    }
    qb.push_bind(q.limit + 1);
    let rows = qb.build().fetch_all(&mut *conn).await?;
    let mut cases: Vec<Case> = rows.iter().map(case_from_row).collect();
    let more = cases.len() as i64 > q.limit;
    cases.truncate(q.limit.max(0) as usize);
    if backward {
        cases.reverse();
    }
    Ok(Page { cases, more })
}

/// Search results are counted up to this many ("1,000 or more").
pub const COUNT_CAP: i64 = 1000;

/// How many cases match the query's filters (the cursor is ignored), and whether the count
/// stopped at [`COUNT_CAP`] (searches only; the other counts are exact and come from the
/// count and flag tables).
pub async fn list_count(conn: &mut Conn, q: &ListQuery) -> anyhow::Result<(i64, bool)> {
    if q.search.is_some() {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT COUNT(*) FROM (SELECT 1 ");
        push_from(&mut qb, q);
        qb.push(" LIMIT ").push_bind(COUNT_CAP + 1).push(")");
        let n: i64 = qb.build().fetch_one(&mut *conn).await?.get(0);
        return Ok((n.min(COUNT_CAP), n > COUNT_CAP));
    }
    let n: i64 = match (q.flag, q.status) {
        (Some(f), status) => sqlx::query(
            "SELECT COUNT(*) FROM case_flags WHERE flag = $1 AND ($2 IS NULL OR status = $2)",
        )
        .bind(f.as_str())
        .bind(status.map(|s| s.as_str()))
        .fetch_one(&mut *conn)
        .await?
        .get(0),
        (None, status) => sqlx::query(
            "SELECT COALESCE(SUM(n), 0) FROM case_counts WHERE $1 IS NULL OR status = $1",
        )
        .bind(status.map(|s| s.as_str()))
        .fetch_one(&mut *conn)
        .await?
        .get(0),
    };
    Ok((n, false))
}

/// Cases per status (statuses with none are absent or zero).
pub async fn status_counts(conn: &mut Conn) -> anyhow::Result<Vec<(Status, i64)>> {
    let rows = sqlx::query("SELECT status, n FROM case_counts")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| Some((Status::parse(r.get::<&str, _>(0))?, r.get(1))))
        .collect())
}

/// An FTS5 query from what staff typed: every word must occur (in any column); a word typed
/// with a trailing `*` (three characters or more before it) matches as a prefix. Words are
/// quoted, so FTS5 syntax in the input (`OR`, `NEAR`, `col:`, `"`) is plain text. `None` when
/// nothing searchable is left.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split_whitespace()
        .filter_map(|w| {
            let prefix = w.ends_with('*');
            let w: String = w.chars().filter(|c| *c != '"' && *c != '*').collect();
            if !w.chars().any(|c| c.is_alphanumeric()) {
                return None;
            }
            Some(if prefix && w.chars().count() >= 3 {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            })
        })
        .take(16)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

// ---------------------------------------------------------------- messages and the outbox

/// Which case a stored inbound message belongs to, if any.
pub async fn message_case(conn: &mut Conn, id: i64) -> anyhow::Result<Option<Option<i64>>> {
    let row = sqlx::query("SELECT case_id FROM messages WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.get(0)))
}

/// A line of the outbox page.
#[derive(Debug, Clone)]
pub struct OutboxLine {
    pub id: i64,
    pub reference: String,
    pub kind: String,
    pub to_addr: String,
    pub subject: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// Outbound mail, newest first, optionally only one status, before id `before`.
pub async fn outbox_page(
    conn: &mut Conn,
    status: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> anyhow::Result<(Vec<OutboxLine>, bool)> {
    let rows = sqlx::query(
        "SELECT o.id, c.reference, o.kind, o.to_addr, o.subject, o.status, o.attempts, o.last_error, \
         o.created_at, o.sent_at FROM outbox o JOIN cases c ON c.id = o.case_id \
         WHERE ($1 IS NULL OR o.status = $1) AND ($2 IS NULL OR o.id < $2) ORDER BY o.id DESC LIMIT $3",
    )
    .bind(status)
    .bind(before)
    .bind(limit + 1)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<OutboxLine> = rows
        .iter()
        .map(|r| OutboxLine {
            id: r.get(0),
            reference: r.get(1),
            kind: r.get(2),
            to_addr: r.get(3),
            subject: r.get(4),
            status: r.get(5),
            attempts: r.get(6),
            last_error: r.get(7),
            created_at: r.get(8),
            sent_at: r.get(9),
        })
        .collect();
    let more = out.len() as i64 > limit;
    out.truncate(limit.max(0) as usize);
    Ok((out, more))
}

/// Outbound mail per delivery status.
pub async fn outbox_counts(conn: &mut Conn) -> anyhow::Result<Vec<(String, i64)>> {
    let rows = sqlx::query("SELECT status, COUNT(*) FROM outbox GROUP BY status ORDER BY status")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

// ---------------------------------------------------------------- mail filed under no case

/// Which messages the mail page shows; every one of them is in no case. The groups are what a
/// message is, so they overlap: an auto-reply with an unknown charset is under both
/// [`MailFilter::AutoReply`] and [`MailFilter::Problems`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MailFilter {
    /// Every processed inbound message in no case (pending ones are filed a moment later).
    #[default]
    All,
    AutoReply,
    Bounce,
    List,
    /// Unparseable, or anything the parser marked (charset, MIME, size, no sender …).
    Problems,
    /// A person's mail (not automatic) that is in no case: without a sender, unparseable.
    Person,
}

impl MailFilter {
    pub const ALL: &'static [MailFilter] = &[
        MailFilter::All,
        MailFilter::AutoReply,
        MailFilter::Bounce,
        MailFilter::List,
        MailFilter::Problems,
        MailFilter::Person,
    ];

    /// The query parameter value (`""` for all).
    pub fn as_str(self) -> &'static str {
        match self {
            MailFilter::All => "",
            MailFilter::AutoReply => "auto_reply",
            MailFilter::Bounce => "bounce",
            MailFilter::List => "list",
            MailFilter::Problems => "problems",
            MailFilter::Person => "person",
        }
    }

    pub fn parse(s: &str) -> Option<MailFilter> {
        MailFilter::ALL.iter().copied().find(|f| f.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            MailFilter::All => "All",
            MailFilter::AutoReply => "Auto-replies",
            MailFilter::Bounce => "Bounces",
            MailFilter::List => "List mail",
            MailFilter::Problems => "Unreadable or marked",
            MailFilter::Person => "Unfiled person mail",
        }
    }

    /// `FROM … WHERE …` of the group: fixed SQL naming the partial index of
    /// `migrations/0005_unfiled_mail.sql` that serves it (each WHERE repeats the index's own).
    fn sql_range(self) -> &'static str {
        match self {
            MailFilter::All => {
                "FROM messages m INDEXED BY messages_unfiled WHERE m.case_id IS NULL AND m.state <> 'pending'"
            }
            MailFilter::AutoReply => {
                "FROM messages m INDEXED BY messages_unfiled_kind WHERE m.case_id IS NULL AND m.state <> 'pending' AND m.kind = 'auto_reply'"
            }
            MailFilter::Bounce => {
                "FROM messages m INDEXED BY messages_unfiled_kind WHERE m.case_id IS NULL AND m.state <> 'pending' AND m.kind = 'bounce'"
            }
            MailFilter::List => {
                "FROM messages m INDEXED BY messages_unfiled_kind WHERE m.case_id IS NULL AND m.state <> 'pending' AND m.kind = 'list'"
            }
            MailFilter::Problems => {
                "FROM messages m INDEXED BY messages_unfiled_problems WHERE m.case_id IS NULL \
                 AND (m.state = 'unparseable' OR m.problems NOT IN ('', '[]'))"
            }
            // two short index ranges, sorted: person mail lands in a case unless it cannot
            MailFilter::Person => {
                "FROM messages m INDEXED BY messages_unfiled_kind WHERE m.case_id IS NULL AND m.state <> 'pending' \
                 AND m.kind IN ('request', 'follow_up')"
            }
        }
    }
}

/// A line of the mail page.
#[derive(Debug, Clone)]
pub struct MailLine {
    pub id: i64,
    pub received_at: String,
    pub date: Option<String>,
    pub from_addr: Option<String>,
    pub from_name: Option<String>,
    pub subject: Option<String>,
    pub kind: Option<String>,
    pub kind_reason: Option<String>,
    /// `processed`, `unparseable` or `pending`.
    pub state: String,
    /// JSON array of [`crate::parse::Problem`] ('' or NULL when none).
    pub problems: Option<String>,
    /// JSON array of [`crate::parse::Attachment`] ('' or NULL when none).
    pub attachments: Option<String>,
    pub size: i64,
}

/// Inbound messages in no case, newest first, in one group, before id `before`; and whether
/// there are more. One partial-index range, stopped after a page.
pub async fn mail_page(
    conn: &mut Conn,
    filter: MailFilter,
    before: Option<i64>,
    limit: i64,
) -> anyhow::Result<(Vec<MailLine>, bool)> {
    let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
        "SELECT m.id, m.received_at, m.date, m.from_addr, m.from_name, m.subject, m.kind, m.kind_reason, \
         m.state, m.problems, m.attachments, m.size ",
    );
    qb.push(filter.sql_range());
    if let Some(b) = before {
        qb.push(" AND m.id < ").push_bind(b);
    }
    qb.push(" ORDER BY m.id DESC LIMIT ").push_bind(limit + 1);
    let rows = qb.build().fetch_all(&mut *conn).await?;
    let mut out: Vec<MailLine> = rows
        .iter()
        .map(|r| MailLine {
            id: r.get(0),
            received_at: r.get(1),
            date: r.get(2),
            from_addr: r.get(3),
            from_name: r.get(4),
            subject: r.get(5),
            kind: r.get(6),
            kind_reason: r.get(7),
            state: r.get(8),
            problems: r.get(9),
            attachments: r.get(10),
            size: r.get(11),
        })
        .collect();
    let more = out.len() as i64 > limit;
    out.truncate(limit.max(0) as usize);
    Ok((out, more))
}

/// How many messages each group holds, counted up to [`COUNT_CAP`] (`true`: more than that).
/// Each count reads at most that many entries of its partial index.
pub async fn mail_counts(conn: &mut Conn) -> anyhow::Result<Vec<(MailFilter, i64, bool)>> {
    let mut out = Vec::with_capacity(MailFilter::ALL.len());
    for f in MailFilter::ALL {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT COUNT(*) FROM (SELECT 1 ");
        qb.push(f.sql_range())
            .push(" LIMIT ")
            .push_bind(COUNT_CAP + 1)
            .push(")");
        let n: i64 = qb.build().fetch_one(&mut *conn).await?.get(0);
        out.push((*f, n.min(COUNT_CAP), n > COUNT_CAP));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_quotes_every_word_and_prefixes_the_last() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("\"*\" -"), None);
        assert_eq!(
            fts_query("jane lost phone"),
            Some("\"jane\" \"lost\" \"phone\"".into())
        );
        assert_eq!(
            fts_query("authen* a* \"x\""),
            Some("\"authen\"* \"a\" \"x\"".into())
        );
        assert_eq!(
            fts_query("a OR b NEAR(c) \"x"),
            Some("\"a\" \"OR\" \"b\" \"NEAR(c)\" \"x\"".into())
        );
    }
}
