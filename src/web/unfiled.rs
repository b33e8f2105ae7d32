//! `GET /mail`: inbound messages filed under no case (auto-replies, bounces, list mail,
//! unparseable or marked messages, person mail without a sender), newest first, in groups,
//! keyset-paged like the outbox. Every message links to its redacted source and its attachments
//! (downloads, never inline); nothing here renders mail.

use super::auth::Staff;
use super::cases::{PAGE_SIZE, in_kind_label, problem_text};
use super::error::{Error, Result};
use super::render::{size, time};
use super::{AppState, Page};
use crate::domain::InboundKind;
use crate::store::web::{self as db, MailFilter};
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// Query parameters of `GET /mail`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MailParams {
    filter: String,
    before: Option<i64>,
}

#[derive(Debug, Serialize)]
struct Tab {
    label: &'static str,
    count: String,
    selected: bool,
    url: String,
}

#[derive(Debug, Serialize)]
struct AttachmentLink {
    url: String,
    name: String,
    detail: String,
}

#[derive(Debug, Serialize)]
struct MailRow {
    id: i64,
    received: String,
    /// The message's own Date header, when it has one.
    date: Option<String>,
    from_name: String,
    from_addr: String,
    subject: String,
    kind: &'static str,
    kind_label: String,
    kind_reason: String,
    problems: Vec<String>,
    raw_url: String,
    size: String,
    attachments: Vec<AttachmentLink>,
}

#[derive(Serialize)]
struct MailPage<'a> {
    page: Page<'a>,
    tabs: Vec<Tab>,
    rows: Vec<MailRow>,
    older_url: Option<String>,
    first_url: Option<String>,
}

fn url_of(f: MailFilter) -> String {
    match f {
        MailFilter::All => "/mail".into(),
        f => format!("/mail?filter={}", f.as_str()),
    }
}

fn row(l: db::MailLine) -> MailRow {
    // pending rows are not listed (see migrations/0005_unfiled_mail.sql)
    let (kind, kind_label) = in_kind_label(l.kind.as_deref().and_then(InboundKind::parse));
    let problems: Vec<crate::parse::Problem> = crate::store::from_json(l.problems.as_deref());
    let mut problems: Vec<String> = problems.iter().map(problem_text).collect();
    if l.state == "unparseable" && problems.is_empty() {
        problems.push("unparseable".into());
    }
    let atts: Vec<crate::parse::Attachment> = crate::store::from_json(l.attachments.as_deref());
    MailRow {
        received: time(&l.received_at),
        date: l.date.as_deref().map(time),
        from_name: l.from_name.unwrap_or_default(),
        from_addr: l.from_addr.unwrap_or_default(),
        subject: l.subject.unwrap_or_default(),
        kind,
        kind_label,
        kind_reason: l.kind_reason.unwrap_or_default(),
        problems,
        raw_url: format!("/messages/{}/raw", l.id),
        size: size(usize::try_from(l.size).unwrap_or(0)),
        attachments: atts
            .iter()
            .enumerate()
            .map(|(i, a)| AttachmentLink {
                url: format!("/messages/{}/attachments/{i}", l.id),
                name: a
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("attachment {}", i + 1)),
                detail: format!("{} · {}", a.content_type, size(a.size)),
            })
            .collect(),
        id: l.id,
    }
}

/// `GET /mail`
pub async fn list(
    State(st): State<AppState>,
    staff: Staff,
    Query(p): Query<MailParams>,
) -> Result<Response> {
    let filter = MailFilter::parse(&p.filter)
        .ok_or_else(|| Error::BadRequest("Unknown mail filter.".into()))?;
    let mut conn = st.store.conn().await?;
    let (lines, more) = db::mail_page(&mut conn, filter, p.before, PAGE_SIZE).await?;
    let counts = db::mail_counts(&mut conn).await?;
    drop(conn);
    let tabs = counts
        .into_iter()
        .map(|(f, n, capped)| Tab {
            label: f.label(),
            count: if capped {
                format!("{n}+")
            } else {
                n.to_string()
            },
            selected: f == filter,
            url: url_of(f),
        })
        .collect();
    let older_url = lines.last().filter(|_| more).map(|l| {
        let base = url_of(filter);
        let sep = if base.contains('?') { '&' } else { '?' };
        format!("{base}{sep}before={}", l.id)
    });
    let rows = lines.into_iter().map(row).collect();
    let html = st.render(
        "mail.html",
        &MailPage {
            page: Page::of(&staff, "Mail in no case".into(), "mail"),
            tabs,
            rows,
            older_url,
            first_url: p.before.map(|_| url_of(filter)),
        },
    )?;
    Ok(Html(html).into_response())
}
