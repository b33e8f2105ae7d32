//! Set-at-a-time queries for the pipeline: one round trip per kind of lookup or write for a
//! whole batch of messages, instead of one per message. (Every query through sqlx's SQLite
//! worker costs a thread hand-off; per-message queries capped ingest near 1,500 msg/s.)
//!
//! Lists are bound in chunks well under SQLite's variable limit.

use super::messages::{Basics, Inserted, NewRaw, Processed};
use super::outbox::NewOutbound;
use super::{Conn, from_json, to_json};
use crate::domain::{Case, Field, Flag, OutboundKind, Source, Status, address_key};
use sqlx::{QueryBuilder, Row, Sqlite};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const CHUNK: usize = 400;

pub(crate) fn in_list<T: for<'e> sqlx::Encode<'e, Sqlite> + sqlx::Type<Sqlite> + Clone>(
    qb: &mut QueryBuilder<Sqlite>,
    items: &[T],
) {
    qb.push("(");
    let mut sep = qb.separated(", ");
    for i in items {
        sep.push_bind(i.clone());
    }
    sep.push_unseparated(")");
}

/// Stores raw messages: one statement for the rows, one for the bytes. Within the batch and
/// against the database, a repeated dedup key counts as a duplicate delivery.
pub async fn insert_raw_many(
    conn: &mut Conn,
    rows: &[NewRaw<'_>],
) -> anyhow::Result<Vec<Inserted>> {
    let mut out: Vec<Option<Inserted>> = vec![None; rows.len()];
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut unique: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match first.get(r.dedup_key.as_str()) {
            Some(_) => {}
            None => {
                first.insert(&r.dedup_key, i);
                unique.push(i);
            }
        }
    }
    let mut ids: HashMap<String, (i64, bool)> = HashMap::new();
    for chunk in unique.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO messages (dedup_key, message_id, sha256, size, source, received_at, state) ",
        );
        qb.push_values(chunk, |mut b, i| {
            let r = &rows[*i];
            b.push_bind(r.dedup_key.clone())
                .push_bind(r.message_id.clone())
                .push_bind(r.sha256.clone())
                .push_bind(r.size)
                .push_bind(r.source.clone())
                .push_bind(r.received_at.clone())
                .push_bind("pending");
        });
        qb.push(" ON CONFLICT (dedup_key) DO UPDATE SET deliveries = messages.deliveries + 1 RETURNING id, deliveries, dedup_key");
        for row in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            let key: String = row.get(2);
            let deliveries: i64 = row.get(1);
            ids.insert(key, (row.get(0), deliveries == 1));
        }
    }
    let mut new_rows: Vec<(i64, &[u8])> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let (id, fresh) = ids
            .get(&r.dedup_key)
            .copied()
            .ok_or_else(|| anyhow::anyhow!("stored row for {} not returned", r.dedup_key))?;
        let is_first = first.get(r.dedup_key.as_str()) == Some(&i);
        out[i] = Some(if fresh && is_first {
            new_rows.push((id, r.raw));
            Inserted::New(id)
        } else {
            Inserted::Duplicate(id)
        });
    }
    // the bytes, in chunks of bounded size
    let mut start = 0;
    while start < new_rows.len() {
        let mut end = start;
        let mut bytes = 0usize;
        while end < new_rows.len()
            && (end == start || bytes + new_rows[end].1.len() < 16 << 20)
            && end - start < CHUNK
        {
            bytes += new_rows[end].1.len();
            end += 1;
        }
        let mut qb: QueryBuilder<Sqlite> =
            QueryBuilder::new("INSERT INTO message_raw (message_id, raw) ");
        qb.push_values(&new_rows[start..end], |mut b, (id, raw)| {
            b.push_bind(*id).push_bind(*raw);
        });
        qb.build().persistent(false).execute(&mut *conn).await?;
        start = end;
    }
    let in_batch_dups = rows.len() - unique.len();
    if in_batch_dups > 0 {
        // count deliveries repeated inside the batch as well
        for (i, r) in rows.iter().enumerate() {
            if first.get(r.dedup_key.as_str()) != Some(&i) {
                sqlx::query("UPDATE messages SET deliveries = deliveries + 1 WHERE dedup_key = $1")
                    .bind(&r.dedup_key)
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|o| o.expect("every row answered"))
        .collect())
}

/// Basics of stored messages by row id.
pub async fn basics_many(conn: &mut Conn, ids: &[i64]) -> anyhow::Result<HashMap<i64, Basics>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT m.id, m.message_id, m.state, m.case_id, m.seq, \
             CASE WHEN m.size > length(r.raw) THEN m.size END \
             FROM messages m LEFT JOIN message_raw r ON r.message_id = m.id WHERE m.id IN ",
        );
        in_list(&mut qb, chunk);
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            out.insert(
                r.get(0),
                Basics {
                    message_id: r.get(1),
                    state: r.get(2),
                    case_id: r.get(3),
                    seq: r.get(4),
                    truncated_from: r.get(5),
                },
            );
        }
    }
    Ok(out)
}

/// Which case each of these Message-IDs (inbound) belongs to.
pub async fn inbound_links(conn: &mut Conn, ids: &[String]) -> anyhow::Result<Vec<(String, i64)>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT message_id, case_id FROM messages WHERE case_id IS NOT NULL AND message_id IN ",
        );
        in_list(&mut qb, chunk);
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            out.push((r.get(0), r.get(1)));
        }
    }
    Ok(out)
}

/// An outbound message as threading and the fold need it.
#[derive(Debug, Clone)]
pub struct OutLite {
    pub id: i64,
    pub case_id: i64,
    pub seq: i64,
    pub message_id: String,
    pub kind: OutboundKind,
    pub body: String,
    pub asked: Vec<Field>,
    pub trigger_id: Option<i64>,
}

fn out_lite(r: &sqlx::sqlite::SqliteRow) -> OutLite {
    let asked: Vec<String> = from_json(r.get::<Option<&str>, _>(5));
    OutLite {
        id: r.get(0),
        case_id: r.get(1),
        seq: r.get(2),
        message_id: r.get(3),
        body: r.get(4),
        asked: asked.iter().filter_map(|f| Field::parse(f)).collect(),
        kind: OutboundKind::parse(r.get(6)).unwrap_or(OutboundKind::StaffReply),
        trigger_id: r.get(7),
    }
}

/// Outbound messages with these Message-IDs.
pub async fn outbound_links(conn: &mut Conn, ids: &[String]) -> anyhow::Result<Vec<OutLite>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT id, case_id, seq, message_id, body, asked, kind, trigger_id FROM outbox WHERE message_id IN ",
        );
        in_list(&mut qb, chunk);
        out.extend(
            qb.build()
                .persistent(false)
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(out_lite),
        );
    }
    Ok(out)
}

/// Outbound messages of these cases, except those never sent because a loop brake stopped
/// them (the requester never saw their questions).
pub async fn outbound_of(conn: &mut Conn, case_ids: &[i64]) -> anyhow::Result<Vec<OutLite>> {
    let mut out = Vec::new();
    for chunk in case_ids.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT id, case_id, seq, message_id, body, asked, kind, trigger_id FROM outbox \
             WHERE status <> 'suppressed' AND case_id IN ",
        );
        in_list(&mut qb, chunk);
        out.extend(
            qb.build()
                .persistent(false)
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(out_lite),
        );
    }
    Ok(out)
}

/// Case ids by reference.
pub async fn cases_by_reference(
    conn: &mut Conn,
    refs: &[String],
) -> anyhow::Result<Vec<(String, i64)>> {
    let mut out = Vec::new();
    for chunk in refs.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> =
            QueryBuilder::new("SELECT reference, id FROM cases WHERE reference IN ");
        in_list(&mut qb, chunk);
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            out.push((r.get(0), r.get(1)));
        }
    }
    Ok(out)
}

/// Open cases of these requesters (address keys).
pub async fn open_cases_of(conn: &mut Conn, requester_keys: &[String]) -> anyhow::Result<Vec<i64>> {
    let mut out = Vec::new();
    for chunk in requester_keys.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT id FROM cases WHERE status IN ('awaiting_info', 'ready_for_review', 'in_review') AND requester_key IN ",
        );
        in_list(&mut qb, chunk);
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            out.push(r.get(0));
        }
    }
    Ok(out)
}

/// Open cases sharing a requester key or a username with the given ones: (id, requester_key,
/// username_key).
pub async fn open_cases_matching(
    conn: &mut Conn,
    requester_keys: &[String],
    usernames: &[String],
) -> anyhow::Result<Vec<(i64, String, Option<String>)>> {
    let mut out = Vec::new();
    let n = requester_keys.len().max(usernames.len());
    let mut i = 0;
    while i < n.max(1) {
        let rk =
            &requester_keys[i.min(requester_keys.len())..(i + CHUNK).min(requester_keys.len())];
        let un = &usernames[i.min(usernames.len())..(i + CHUNK).min(usernames.len())];
        i += CHUNK;
        if rk.is_empty() && un.is_empty() {
            continue;
        }
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT id, requester_key, username_key FROM cases WHERE status IN ('awaiting_info', 'ready_for_review', 'in_review') AND (",
        );
        if !rk.is_empty() {
            qb.push("requester_key IN ");
            in_list(&mut qb, rk);
        }
        if !un.is_empty() {
            if !rk.is_empty() {
                qb.push(" OR ");
            }
            qb.push("username_key IN ");
            in_list(&mut qb, un);
        }
        qb.push(")");
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            out.push((r.get(0), r.get(1), r.get(2)));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Which of these references are taken.
pub async fn references_taken(conn: &mut Conn, refs: &[String]) -> anyhow::Result<Vec<String>> {
    Ok(cases_by_reference(conn, refs)
        .await?
        .into_iter()
        .map(|(r, _)| r)
        .collect())
}

/// `SELECT <every case column> FROM cases <rest>`, as a literal (sqlx wants `&'static str`).
macro_rules! select_cases {
    ($rest:literal) => {
        concat!(
            "SELECT id, reference, status, requester, subject, fields, field_sources, flags, manual_fields, ",
            "next_seq, message_count, created_at, last_activity FROM cases ",
            $rest
        )
    };
}
pub(crate) use select_cases;

pub(crate) fn case_from_row(r: &sqlx::sqlite::SqliteRow) -> Case {
    let status: String = r.get("status");
    let flags: Vec<String> = from_json(r.get::<Option<&str>, _>("flags"));
    let sources: BTreeMap<String, Source> = from_json(r.get::<Option<&str>, _>("field_sources"));
    let manual: BTreeMap<String, crate::domain::ManualValue> =
        from_json(r.get::<Option<&str>, _>("manual_fields"));
    Case {
        id: r.get("id"),
        reference: r.get("reference"),
        status: Status::parse(&status).unwrap_or(Status::AwaitingInfo),
        requester: r.get("requester"),
        subject: r.get("subject"),
        fields: from_json(r.get::<Option<&str>, _>("fields")),
        sources: sources
            .into_iter()
            .filter_map(|(k, v)| Some((Field::parse(&k)?, v)))
            .collect(),
        flags: flags
            .iter()
            .filter_map(|f| Flag::parse(f))
            .collect::<BTreeSet<_>>(),
        manual: manual
            .into_iter()
            .filter_map(|(k, v)| Some((Field::parse(&k)?, v)))
            .collect(),
        next_seq: r.get("next_seq"),
        message_count: r.get("message_count"),
        created_at: r.get("created_at"),
        last_activity: r.get("last_activity"),
    }
}

/// Loads cases by id.
pub async fn load_cases(conn: &mut Conn, ids: &[i64]) -> anyhow::Result<Vec<Case>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(select_cases!("WHERE id IN "));
        in_list(&mut qb, chunk);
        out.extend(
            qb.build()
                .persistent(false)
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(case_from_row),
        );
    }
    Ok(out)
}

/// A filed message as the fold needs it.
#[derive(Debug, Clone)]
pub struct FoldRow {
    pub id: i64,
    pub case_id: i64,
    pub seq: i64,
    pub message_id: String,
    pub extraction: String,
    pub flags: Vec<Flag>,
}

/// Filed messages of these cases.
pub async fn fold_rows(conn: &mut Conn, case_ids: &[i64]) -> anyhow::Result<Vec<FoldRow>> {
    let mut out = Vec::new();
    for chunk in case_ids.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT id, case_id, COALESCE(seq, 0), message_id, COALESCE(extraction, ''), flags FROM messages WHERE case_id IN ",
        );
        in_list(&mut qb, chunk);
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            let flags: Vec<String> = from_json(r.get::<Option<&str>, _>(5));
            out.push(FoldRow {
                id: r.get(0),
                case_id: r.get(1),
                seq: r.get(2),
                message_id: r.get(3),
                extraction: r.get(4),
                flags: flags.iter().filter_map(|f| Flag::parse(f)).collect(),
            });
        }
    }
    Ok(out)
}

fn case_values(b: &mut sqlx::query_builder::Separated<'_, Sqlite, &'static str>, c: &Case) {
    let flags: Vec<&str> = c.flags.iter().map(|f| f.as_str()).collect();
    let missing: Vec<&str> = c.missing().iter().map(|f| f.as_str()).collect();
    let sources: BTreeMap<&str, &Source> = c.sources.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let manual: BTreeMap<&str, &crate::domain::ManualValue> =
        c.manual.iter().map(|(k, v)| (k.as_str(), v)).collect();
    b.push_bind(&c.reference)
        .push_bind(c.status.as_str())
        .push_bind(&c.requester)
        .push_bind(address_key(&c.requester))
        .push_bind(&c.subject)
        .push_bind(crate::thread::normalise_subject(&c.subject))
        .push_bind(c.fields.username.as_ref().map(|u| u.to_lowercase()))
        .push_bind(to_json(&c.fields))
        .push_bind(to_json(&sources))
        .push_bind(to_json(&flags))
        .push_bind(to_json(&missing))
        .push_bind(to_json(&manual))
        .push_bind(c.next_seq)
        .push_bind(c.message_count)
        .push_bind(&c.created_at)
        .push_bind(&c.last_activity);
}

/// Inserts new cases; returns reference → id.
pub async fn insert_cases(
    conn: &mut Conn,
    cases: &[&Case],
) -> anyhow::Result<HashMap<String, i64>> {
    let mut out = HashMap::new();
    for chunk in cases.chunks(CHUNK / 2) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO cases (reference, status, requester, requester_key, subject, subject_key, username_key, \
             fields, field_sources, flags, missing, manual_fields, next_seq, message_count, created_at, last_activity) ",
        );
        qb.push_values(chunk, |mut b, c| case_values(&mut b, c));
        qb.push(" RETURNING reference, id");
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            out.insert(r.get(0), r.get(1));
        }
    }
    Ok(out)
}

/// Writes back existing cases (everything that can change).
pub async fn update_cases(conn: &mut Conn, cases: &[&Case]) -> anyhow::Result<()> {
    for chunk in cases.chunks(CHUNK / 2) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO cases (id, reference, status, requester, requester_key, subject, subject_key, username_key, \
             fields, field_sources, flags, missing, manual_fields, next_seq, message_count, created_at, last_activity) ",
        );
        qb.push_values(chunk, |mut b, c| {
            b.push_bind(c.id);
            case_values(&mut b, c);
        });
        qb.push(
            " ON CONFLICT (id) DO UPDATE SET status = excluded.status, username_key = excluded.username_key, \
             fields = excluded.fields, field_sources = excluded.field_sources, flags = excluded.flags, \
             missing = excluded.missing, manual_fields = excluded.manual_fields, next_seq = excluded.next_seq, message_count = excluded.message_count, \
             last_activity = excluded.last_activity",
        );
        qb.build().persistent(false).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Records what the pipeline derived, for many messages at once.
pub async fn update_messages(conn: &mut Conn, rows: &[(i64, Processed)]) -> anyhow::Result<()> {
    for chunk in rows.chunks(CHUNK / 2) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "UPDATE messages SET state = v.column2, case_id = v.column3, seq = v.column4, kind = v.column5, \
             kind_reason = v.column6, from_addr = v.column7, from_name = v.column8, to_addrs = v.column9, \
             subject = v.column10, date = v.column11, visible_text = v.column12, segments = v.column13, \
             extraction = v.column14, flags = v.column15, problems = v.column16, auth = v.column17, \
             attachments = v.column18, report = v.column19, answers = v.column20 FROM (",
        );
        qb.push_values(chunk, |mut b, (id, p)| {
            let flags: Vec<&str> = p.flags.iter().map(|f| f.as_str()).collect();
            b.push_bind(*id)
                .push_bind(p.state)
                .push_bind(p.case_id)
                .push_bind(p.seq)
                .push_bind(p.kind.map(|k| k.as_str()))
                .push_bind(&p.kind_reason)
                .push_bind(&p.from_addr)
                .push_bind(&p.from_name)
                .push_bind(&p.to_addrs)
                .push_bind(&p.subject)
                .push_bind(&p.date)
                .push_bind(&p.visible_text)
                .push_bind(&p.segments)
                .push_bind(&p.extraction)
                .push_bind(to_json(&flags))
                .push_bind(&p.problems)
                .push_bind(&p.auth)
                .push_bind(&p.attachments)
                .push_bind(&p.report)
                .push_bind(p.answers);
        });
        qb.push(") AS v WHERE messages.id = v.column1");
        qb.build().persistent(false).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Queues outbound messages; a trigger that already has its automated mail is skipped.
/// Returns message_id → id for the rows written.
pub async fn insert_outbox(
    conn: &mut Conn,
    rows: &[NewOutbound],
) -> anyhow::Result<HashMap<String, i64>> {
    let mut out = HashMap::new();
    for chunk in rows.chunks(CHUNK / 2) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO outbox (case_id, seq, kind, trigger_id, in_reply_to, message_id, from_addr, to_addr, subject, \
             body, raw, asked, status, created_at, last_error) ",
        );
        qb.push_values(chunk, |mut b, m| {
            let asked: Vec<&str> = m.asked.iter().map(|f| f.as_str()).collect();
            b.push_bind(m.case_id)
                .push_bind(m.seq)
                .push_bind(m.kind.as_str())
                .push_bind(m.trigger_id)
                .push_bind(&m.in_reply_to)
                .push_bind(&m.message_id)
                .push_bind(&m.from_addr)
                .push_bind(&m.to_addr)
                .push_bind(&m.subject)
                .push_bind(&m.body)
                .push_bind(&m.raw)
                .push_bind(to_json(&asked))
                .push_bind(m.status.as_str())
                .push_bind(&m.created_at)
                .push_bind(&m.last_error);
        });
        qb.push(" ON CONFLICT DO NOTHING RETURNING message_id, id");
        for r in qb.build().persistent(false).fetch_all(&mut *conn).await? {
            out.insert(r.get(0), r.get(1));
        }
    }
    Ok(out)
}
