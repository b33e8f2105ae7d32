//! The case list, the case page, the staff actions on a case, and the outbox page.
//!
//! Pages are built from view structs here and rendered by the templates; every piece of email
//! text reaches the template as a string and is escaped there. Actions are forms posted with
//! the session's CSRF token; they call [`crate::pipeline::Pipeline`]'s staff actions (each one
//! transaction with its audit entry) and redirect back (303), or show the page again with the
//! problem and the typed text kept (422).

use super::auth::Staff;
use super::error::{Error, Result};
use super::render::{ago, size, time, url_encode, words};
use super::{AppState, Page};
use crate::domain::{Case, Field, FieldValue, Flag, InboundKind, Status, address_key};
use crate::store::web::{self as db, Cursor, Direction, ListQuery, Sort};
use crate::store::{cases as case_store, staff_log};
use crate::view::{self, Entry, explain_flag, field_label};
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

/// Cases per page.
pub const PAGE_SIZE: i64 = 50;
/// Longest note or reply accepted, in characters.
const MAX_TEXT: usize = 20_000;

// ---------------------------------------------------------------- shared views

#[derive(Debug, Clone, Serialize)]
struct FlagView {
    name: &'static str,
    label: String,
    explain: &'static str,
}

fn flag_view(f: Flag) -> FlagView {
    FlagView {
        name: f.as_str(),
        label: words(f.as_str()),
        explain: explain_flag(f),
    }
}

#[derive(Debug, Clone, Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
    count: Option<i64>,
    url: String,
}

// ---------------------------------------------------------------- the list

/// Query parameters of `GET /cases`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    status: String,
    flag: String,
    q: String,
    sort: String,
    after: String,
    before: String,
}

impl ListParams {
    /// The list URL with these filters and the given cursor parameter.
    fn url(&self, cursor: Option<(&str, &str)>) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("status", &self.status),
            ("flag", &self.flag),
            ("q", &self.q),
            ("sort", &self.sort),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", url_encode(v)));
            }
        }
        if let Some((k, v)) = cursor {
            parts.push(format!("{k}={}", url_encode(v)));
        }
        if parts.is_empty() {
            "/cases".into()
        } else {
            format!("/cases?{}", parts.join("&"))
        }
    }

    fn with(&self, f: impl FnOnce(&mut ListParams)) -> ListParams {
        let mut p = ListParams {
            after: String::new(),
            before: String::new(),
            ..self.clone()
        };
        f(&mut p);
        p
    }
}

fn cursor_param(sort: Sort, c: &Case) -> String {
    format!("{}~{}", sort.key_of(c), c.id)
}

fn parse_cursor(s: &str) -> Result<Cursor> {
    let (key, id) = s
        .rsplit_once('~')
        .ok_or_else(|| Error::BadRequest("That page link is not valid.".into()))?;
    let id = id
        .parse()
        .map_err(|_| Error::BadRequest("That page link is not valid.".into()))?;
    Ok(Cursor {
        key: key.to_string(),
        id,
    })
}

#[derive(Debug, Serialize)]
struct Row {
    reference: String,
    url: String,
    status: &'static str,
    status_label: String,
    requester: String,
    subject: String,
    username: Option<String>,
    missing: Vec<&'static str>,
    flags: Vec<FlagView>,
    last_activity: String,
    last_activity_ago: String,
    message_count: i64,
}

#[derive(Serialize)]
struct ListPage<'a> {
    page: Page<'a>,
    rows: Vec<Row>,
    total: i64,
    more_than_total: bool,
    searching: bool,
    statuses: Vec<Choice>,
    flags: Vec<Choice>,
    sorts: Vec<Choice>,
    q: String,
    status: String,
    flag: String,
    sort: String,
    filtered: bool,
    clear_url: String,
    toggle_sort_url: String,
    newer_url: Option<String>,
    older_url: Option<String>,
    first_url: Option<String>,
}

/// `GET /cases`
pub async fn list(
    State(st): State<AppState>,
    staff: Staff,
    Query(p): Query<ListParams>,
) -> Result<Response> {
    let bad = |what: &str| Error::BadRequest(format!("Unknown {what} in the address."));
    let status = match p.status.as_str() {
        "" => None,
        s => Some(Status::parse(s).ok_or_else(|| bad("status"))?),
    };
    let flag = match p.flag.as_str() {
        "" => None,
        s => Some(Flag::parse(s).ok_or_else(|| bad("flag"))?),
    };
    let sort = match p.sort.as_str() {
        "" => Sort::default(),
        s => Sort::parse(s).ok_or_else(|| bad("sort order"))?,
    };
    let search_text = p.q.trim().to_string();
    let mut conn = st.store.conn().await?;
    // A reference typed into the search box opens that case.
    if !search_text.is_empty()
        && let Some(r) = st.pipeline.references().parse(&search_text)
        && r.split('-').next().is_some_and(|prefix| {
            search_text
                .to_ascii_uppercase()
                .starts_with(&format!("{prefix}-"))
        })
        && case_store::by_reference(&mut conn, &r).await?.is_some()
    {
        return Ok(Redirect::to(&format!("/cases/{}", url_encode(&r))).into_response());
    }
    let cursor = if !p.after.is_empty() {
        Some((Direction::After, parse_cursor(&p.after)?))
    } else if !p.before.is_empty() {
        Some((Direction::Before, parse_cursor(&p.before)?))
    } else {
        None
    };
    let search = db::fts_query(&search_text);
    let query = ListQuery {
        status,
        flag,
        search: search.clone(),
        sort,
        cursor: cursor.clone(),
        limit: PAGE_SIZE,
    };
    let nothing_to_find = !search_text.is_empty() && search.is_none();
    let page = if nothing_to_find {
        db::Page {
            cases: Vec::new(),
            more: false,
        }
    } else {
        if query.search.is_some() && crate::store::search::pending(&mut conn).await? {
            // a writer outside the pipeline left documents to rebuild: do it before reading
            drop(conn);
            let mut tx = st.store.begin().await?;
            crate::store::search::flush(&mut tx).await?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            conn = st.store.conn().await?;
        }
        db::list_page(&mut conn, &query).await?
    };
    let (total, more_than_total) = if nothing_to_find {
        (0, false)
    } else {
        db::list_count(&mut conn, &query).await?
    };
    let counts = db::status_counts(&mut conn).await?;
    drop(conn);

    let now = st.clock.now();
    let (first, last) = (page.cases.first(), page.cases.last());
    let (has_newer, has_older) = match &cursor {
        None => (false, page.more),
        Some((Direction::After, _)) => (true, page.more),
        Some((Direction::Before, _)) => (page.more, true),
    };
    let newer_url = first
        .filter(|_| has_newer)
        .map(|c| p.url(Some(("before", &cursor_param(sort, c)))));
    let older_url = last
        .filter(|_| has_older)
        .map(|c| p.url(Some(("after", &cursor_param(sort, c)))));
    let first_url = cursor.is_some().then(|| p.url(None));

    let rows = page
        .cases
        .iter()
        .map(|c| Row {
            reference: c.reference.clone(),
            url: format!("/cases/{}", url_encode(&c.reference)),
            status: c.status.as_str(),
            status_label: words(c.status.as_str()),
            requester: c.requester.clone(),
            subject: c.subject.clone(),
            username: c.fields.username.clone(),
            missing: c.missing().into_iter().map(field_label).collect(),
            flags: c.flags.iter().map(|f| flag_view(*f)).collect(),
            last_activity: time(&c.last_activity),
            last_activity_ago: ago(now, &c.last_activity),
            message_count: c.message_count,
        })
        .collect();
    let all_count: i64 = counts.iter().map(|(_, n)| n).sum();
    let mut statuses = vec![Choice {
        value: String::new(),
        label: "All cases".into(),
        selected: status.is_none(),
        count: Some(all_count),
        url: p.with(|x| x.status.clear()).url(None),
    }];
    statuses.extend(Status::ALL.iter().map(|s| {
        Choice {
            value: s.as_str().into(),
            label: capitalise(&words(s.as_str())),
            selected: status == Some(*s),
            count: Some(
                counts
                    .iter()
                    .find(|(x, _)| x == s)
                    .map(|(_, n)| *n)
                    .unwrap_or(0),
            ),
            url: p.with(|x| x.status = s.as_str().into()).url(None),
        }
    }));
    let flags = Flag::ALL
        .iter()
        .map(|f| Choice {
            value: f.as_str().into(),
            label: words(f.as_str()),
            selected: flag == Some(*f),
            count: None,
            url: p.with(|x| x.flag = f.as_str().into()).url(None),
        })
        .collect();
    let sorts = Sort::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().into(),
            label: s.label().into(),
            selected: sort == *s,
            count: None,
            url: p.with(|x| x.sort = s.as_str().into()).url(None),
        })
        .collect();
    let title = match (status, flag) {
        (Some(s), _) => capitalise(&words(s.as_str())),
        (None, Some(f)) => format!("Flagged {}", words(f.as_str())),
        _ => "Cases".into(),
    };
    let html = st.render(
        "cases.html",
        &ListPage {
            page: Page::of(&staff, title, "cases"),
            rows,
            total,
            more_than_total,
            searching: query.search.is_some(),
            statuses,
            flags,
            sorts,
            q: p.q.clone(),
            status: p.status.clone(),
            flag: p.flag.clone(),
            sort: sort.as_str().into(),
            filtered: status.is_some() || flag.is_some() || !search_text.is_empty(),
            clear_url: "/cases".into(),
            toggle_sort_url: p
                .with(|x| {
                    x.sort = if sort == Sort::ActivityDesc {
                        Sort::ActivityAsc.as_str().into()
                    } else {
                        Sort::ActivityDesc.as_str().into()
                    }
                })
                .url(None),
            newer_url,
            older_url,
            first_url,
        },
    )?;
    Ok(Html(html).into_response())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------- the case page

#[derive(Debug, Serialize)]
struct Part {
    kind: &'static str,
    text: String,
    lines: usize,
}

#[derive(Debug, Serialize)]
struct AttachmentView {
    url: String,
    name: String,
    content_type: String,
    size: String,
}

#[derive(Debug, Serialize)]
struct MessageView {
    out: bool,
    anchor: String,
    kind: &'static str,
    kind_label: String,
    /// Automatic inbound mail (auto-reply, bounce, list): shown dimmed.
    automatic: bool,
    from: String,
    to: String,
    subject: String,
    date: String,
    date_ago: String,
    message_id: String,
    different_sender: bool,
    flags: Vec<FlagView>,
    parts: Vec<Part>,
    has_new_text: bool,
    attachments: Vec<AttachmentView>,
    problems: Vec<String>,
    raw_url: Option<String>,
    /// Outbound delivery state.
    status: &'static str,
    attempts: i64,
    last_error: Option<String>,
    sent_at: Option<String>,
}

#[derive(Debug, Serialize)]
struct FieldView {
    name: &'static str,
    label: &'static str,
    required: bool,
    value: Option<String>,
    input: &'static str,
    current: String,
    manual_by: Option<String>,
    manual_at: Option<String>,
    excerpt: Option<String>,
    source_anchor: Option<String>,
    source_id: Option<String>,
}

#[derive(Debug, Serialize)]
struct LogView {
    at: String,
    staff: String,
    action: String,
    detail: String,
}

#[derive(Debug, Serialize)]
struct NoteView {
    at: String,
    staff: String,
    body: String,
}

#[derive(Debug, Serialize)]
struct CaseHead {
    reference: String,
    url: String,
    status: &'static str,
    status_label: String,
    requester: String,
    subject: String,
    created: String,
    last_activity: String,
    last_activity_ago: String,
    message_count: i64,
    missing: Vec<&'static str>,
    reply_subject: String,
}

#[derive(Serialize)]
struct CasePage<'a> {
    page: Page<'a>,
    case: CaseHead,
    statuses: Vec<Choice>,
    fields: Vec<FieldView>,
    field_choices: Vec<Choice>,
    flags: Vec<FlagView>,
    thread: Vec<MessageView>,
    audit: Vec<LogView>,
    notes: Vec<NoteView>,
    done: Option<&'static str>,
    error: Option<String>,
    reply_draft: String,
    note_draft: String,
}

/// What the page shows again after a form failed.
#[derive(Debug, Default)]
struct Redo {
    error: Option<String>,
    reply_draft: String,
    note_draft: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShowParams {
    done: String,
}

async fn load_case(st: &AppState, reference: &str) -> Result<Case> {
    let canonical = st
        .pipeline
        .references()
        .parse(reference)
        .unwrap_or_else(|| reference.trim().to_ascii_uppercase());
    let mut conn = st.store.conn().await?;
    case_store::by_reference(&mut conn, &canonical)
        .await?
        .ok_or(Error::NotFound)
}

pub(super) fn in_kind_label(k: Option<InboundKind>) -> (&'static str, String) {
    match k {
        Some(InboundKind::Request) => ("request", "request".into()),
        Some(InboundKind::FollowUp) => ("follow_up", "follow-up".into()),
        Some(InboundKind::AutoReply) => ("auto_reply", "auto-reply".into()),
        Some(InboundKind::Bounce) => ("bounce", "bounce".into()),
        Some(InboundKind::List) => ("list", "list mail".into()),
        None => ("unknown", "unprocessed".into()),
    }
}

pub(super) fn problem_text(p: &crate::parse::Problem) -> String {
    use crate::parse::Problem as P;
    match p {
        P::Unparseable => "the message could not be parsed; its text was read as plain text".into(),
        P::Empty => "the message is empty".into(),
        P::NoSender => "no sender address could be read".into(),
        P::NoMessageId => "no Message-ID; one was derived from the content".into(),
        P::LossyCharset { detail } => format!("charset: {detail}"),
        P::MalformedMime { detail } => format!("MIME: {detail}"),
        P::HtmlTruncated => "the HTML part hit a size limit and was cut".into(),
        P::Oversized { size: n } => {
            format!("too large ({}): only the headers were read", size(*n))
        }
    }
}

fn parts_of(segments_json: &str, visible_text: &str) -> Vec<Part> {
    let v: crate::visible::Visible = serde_json::from_str(segments_json).unwrap_or_default();
    let mut parts: Vec<Part> = Vec::new();
    for s in v.segments {
        let kind = match s.kind {
            crate::visible::SegmentKind::New => "new",
            crate::visible::SegmentKind::Quote => "quote",
            crate::visible::SegmentKind::Signature => "signature",
        };
        // adjacent hidden blocks of one kind fold into one toggle
        if let Some(last) = parts.last_mut()
            && last.kind == kind
            && kind != "new"
        {
            last.text.push_str(&s.text);
            last.lines = last.text.lines().count();
            continue;
        }
        let lines = s.text.lines().count();
        parts.push(Part {
            kind,
            text: s.text,
            lines,
        });
    }
    for p in &mut parts {
        let t = p.text.trim_end().to_string();
        p.text = t.trim_start_matches('\n').to_string();
    }
    parts.retain(|p| !p.text.trim().is_empty());
    if parts.is_empty() && !visible_text.trim().is_empty() {
        parts.push(Part {
            kind: "new",
            text: visible_text.trim_end().to_string(),
            lines: visible_text.lines().count(),
        });
    }
    parts
}

async fn render_case(
    st: &AppState,
    staff: &Staff,
    case: Case,
    done: Option<&'static str>,
    redo: Redo,
    status: StatusCode,
) -> Result<Response> {
    let mut conn = st.store.conn().await?;
    let audit = staff_log::audit_of(&mut conn, case.id).await?;
    let notes = staff_log::notes_of(&mut conn, case.id).await?;
    let v = view::load(&mut conn, case).await?;
    drop(conn);
    let case = &v.case;
    let now = st.clock.now();
    let requester_key = case.requester_key();
    let mut anchors = std::collections::HashMap::new();
    let thread: Vec<MessageView> = v
        .thread
        .iter()
        .map(|e| match e {
            Entry::In(m) => {
                let anchor = format!("m{}", m.id);
                anchors.insert(format!("<{}>", m.message_id), anchor.clone());
                let (kind, kind_label) = in_kind_label(m.kind);
                let automatic = m.kind.is_some_and(|k| k.is_automatic());
                let different_sender = m.flags.contains(&Flag::DifferentSender)
                    || (!automatic && address_key(&m.from) != requester_key);
                let atts: Vec<crate::parse::Attachment> =
                    serde_json::from_str(&m.attachments).unwrap_or_default();
                let problems: Vec<crate::parse::Problem> =
                    serde_json::from_str(&m.problems).unwrap_or_default();
                let parts = parts_of(&m.segments, &m.visible_text);
                MessageView {
                    out: false,
                    anchor,
                    kind,
                    kind_label,
                    automatic,
                    from: m.from.clone(),
                    to: m.to.clone(),
                    subject: m.subject.clone(),
                    date: time(&m.date),
                    date_ago: ago(now, &m.date),
                    message_id: m.message_id.clone(),
                    different_sender,
                    flags: m
                        .flags
                        .iter()
                        .filter(|f| **f != Flag::DifferentSender)
                        .map(|f| flag_view(*f))
                        .collect(),
                    has_new_text: parts.iter().any(|p| p.kind == "new"),
                    parts,
                    attachments: atts
                        .iter()
                        .enumerate()
                        .map(|(i, a)| AttachmentView {
                            url: format!("/messages/{}/attachments/{i}", m.id),
                            name: a
                                .name
                                .clone()
                                .unwrap_or_else(|| format!("attachment {}", i + 1)),
                            content_type: a.content_type.clone(),
                            size: size(a.size),
                        })
                        .collect(),
                    problems: problems.iter().map(problem_text).collect(),
                    raw_url: Some(format!("/messages/{}/raw", m.id)),
                    status: "",
                    attempts: 0,
                    last_error: None,
                    sent_at: None,
                }
            }
            Entry::Out(o) => MessageView {
                out: true,
                anchor: format!("o{}", o.id),
                kind: o.kind.as_str(),
                kind_label: words(o.kind.as_str()),
                automatic: false,
                from: o.from_addr.clone(),
                to: o.to_addr.clone(),
                subject: o.subject.clone(),
                date: time(&o.created_at),
                date_ago: ago(now, &o.created_at),
                message_id: o.message_id.clone(),
                different_sender: false,
                flags: Vec::new(),
                parts: vec![Part {
                    kind: "new",
                    lines: o.body.lines().count(),
                    text: o.body.trim_end().to_string(),
                }],
                has_new_text: true,
                attachments: Vec::new(),
                problems: Vec::new(),
                raw_url: None,
                status: o.status.as_str(),
                attempts: o.attempts,
                last_error: o.last_error.clone(),
                sent_at: o.sent_at.as_deref().map(time),
            },
        })
        .collect();
    let fields = Field::ALL
        .iter()
        .map(|f| {
            let value = case.fields.get(*f);
            let manual = case.manual.get(f);
            let source = case.sources.get(f).filter(|_| manual.is_none());
            FieldView {
                name: f.as_str(),
                label: field_label(*f),
                required: f.required(),
                value: value.as_ref().map(FieldValue::display),
                input: match f {
                    Field::Username | Field::Reason | Field::OwnershipProof => "text",
                    Field::RecoveryCodes => "codes",
                    _ => "bool",
                },
                current: match &value {
                    Some(FieldValue::Bool(true)) => "yes".into(),
                    Some(FieldValue::Bool(false)) => "no".into(),
                    Some(FieldValue::Codes(c)) => c.as_str().into(),
                    Some(FieldValue::Text(t)) => t.clone(),
                    None => String::new(),
                },
                manual_by: manual.map(|m| m.staff.clone()),
                manual_at: manual.map(|m| time(&m.at)),
                excerpt: source.map(|s| s.excerpt.clone()),
                source_anchor: source.and_then(|s| anchors.get(&s.message_id).cloned()),
                source_id: source.map(|s| s.message_id.clone()),
            }
        })
        .collect();
    let statuses = Status::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().into(),
            label: words(s.as_str()),
            selected: *s == case.status,
            count: None,
            url: String::new(),
        })
        .collect();
    let field_choices = Field::ALL
        .iter()
        .map(|f| Choice {
            value: f.as_str().into(),
            label: field_label(*f).into(),
            selected: false,
            count: None,
            url: String::new(),
        })
        .collect();
    let head = CaseHead {
        reference: case.reference.clone(),
        url: format!("/cases/{}", url_encode(&case.reference)),
        status: case.status.as_str(),
        status_label: words(case.status.as_str()),
        requester: case.requester.clone(),
        subject: case.subject.clone(),
        created: time(&case.created_at),
        last_activity: time(&case.last_activity),
        last_activity_ago: ago(now, &case.last_activity),
        message_count: case.message_count,
        missing: case.missing().into_iter().map(field_label).collect(),
        reply_subject: crate::reply::templates::one_line(&format!(
            "Re: [{}] {}",
            case.reference, case.subject
        )),
    };
    let html = st.render(
        "case.html",
        &CasePage {
            page: Page::of(
                staff,
                format!("{} · {}", case.reference, case.subject),
                "cases",
            ),
            case: head,
            statuses,
            fields,
            field_choices,
            flags: case.flags.iter().map(|f| flag_view(*f)).collect(),
            thread,
            audit: audit
                .into_iter()
                .rev()
                .map(|a| LogView {
                    at: time(&a.at),
                    staff: a.staff,
                    action: a.action,
                    detail: a.detail,
                })
                .collect(),
            notes: notes
                .into_iter()
                .map(|n| NoteView {
                    at: time(&n.at),
                    staff: n.staff,
                    body: n.body,
                })
                .collect(),
            done,
            error: redo.error,
            reply_draft: redo.reply_draft,
            note_draft: redo.note_draft,
        },
    )?;
    Ok((status, Html(html)).into_response())
}

/// `GET /cases/{reference}`
pub async fn show(
    State(st): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Query(q): Query<ShowParams>,
) -> Result<Response> {
    let case = load_case(&st, &reference).await?;
    let done = match q.done.as_str() {
        "status" => Some("Status changed."),
        "field" => Some("Field corrected; the manual value now wins over mail."),
        "note" => Some("Note added."),
        "reply" => Some("Reply queued in the outbox."),
        _ => None,
    };
    render_case(&st, &staff, case, done, Redo::default(), StatusCode::OK).await
}

fn back(case: &Case, done: &str, anchor: &str) -> Response {
    Redirect::to(&format!(
        "/cases/{}?done={done}#{anchor}",
        url_encode(&case.reference)
    ))
    .into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    csrf: String,
    status: String,
}

/// `POST /cases/{reference}/status`
pub async fn set_status(
    State(st): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Form(f): Form<StatusForm>,
) -> Result<Response> {
    staff.check_csrf(&f.csrf)?;
    let case = load_case(&st, &reference).await?;
    let Some(status) = Status::parse(&f.status) else {
        return Err(Error::BadRequest("Unknown status.".into()));
    };
    let case = st
        .pipeline
        .staff_set_status(&case.reference, status, &staff.name)
        .await?;
    Ok(back(&case, "status", "actions"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FieldForm {
    csrf: String,
    field: String,
    value: String,
}

/// `POST /cases/{reference}/fields`
pub async fn set_field(
    State(st): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Form(f): Form<FieldForm>,
) -> Result<Response> {
    staff.check_csrf(&f.csrf)?;
    let case = load_case(&st, &reference).await?;
    let Some(field) = Field::parse(&f.field) else {
        return Err(Error::BadRequest("Unknown field.".into()));
    };
    if f.value.chars().count() > MAX_TEXT {
        let error = Some(format!("The {} is too long.", field_label(field)));
        let redo = Redo {
            error,
            ..Redo::default()
        };
        return refuse(&st, &staff, case, redo).await;
    }
    let value = match FieldValue::parse_for(field, &f.value) {
        Ok(v) => v,
        Err(msg) => {
            let redo = Redo {
                error: Some(format!("Not changed: {}.", words(&msg))),
                ..Redo::default()
            };
            return refuse(&st, &staff, case, redo).await;
        }
    };
    let case = st
        .pipeline
        .staff_set_field(&case.reference, field, value, &staff.name)
        .await?;
    Ok(back(&case, "field", "fields"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TextForm {
    csrf: String,
    body: String,
}

/// `POST /cases/{reference}/notes`
pub async fn add_note(
    State(st): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Form(f): Form<TextForm>,
) -> Result<Response> {
    staff.check_csrf(&f.csrf)?;
    let case = load_case(&st, &reference).await?;
    let problem = text_problem(&f.body, "note");
    if let Some(error) = problem {
        let redo = Redo {
            error: Some(error),
            note_draft: f.body,
            ..Redo::default()
        };
        return refuse(&st, &staff, case, redo).await;
    }
    st.pipeline
        .staff_add_note(&case.reference, &f.body, &staff.name)
        .await?;
    Ok(back(&case, "note", "notes"))
}

/// `POST /cases/{reference}/replies`
pub async fn reply(
    State(st): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Form(f): Form<TextForm>,
) -> Result<Response> {
    staff.check_csrf(&f.csrf)?;
    let case = load_case(&st, &reference).await?;
    if let Some(error) = text_problem(&f.body, "reply") {
        let redo = Redo {
            error: Some(error),
            reply_draft: f.body,
            ..Redo::default()
        };
        return refuse(&st, &staff, case, redo).await;
    }
    let id = st
        .pipeline
        .staff_reply(&case.reference, &f.body, &staff.name)
        .await?;
    Ok(back(&case, "reply", &format!("o{id}")))
}

/// A staff action that could not be done: the case page again, with the error and the draft.
async fn refuse(st: &AppState, staff: &Staff, case: Case, redo: Redo) -> Result<Response> {
    render_case(
        st,
        staff,
        case,
        None,
        redo,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

fn text_problem(body: &str, what: &str) -> Option<String> {
    if body.trim().is_empty() {
        Some(format!("The {what} is empty: nothing was saved."))
    } else if body.chars().count() > MAX_TEXT {
        Some(format!(
            "The {what} is longer than {MAX_TEXT} characters: nothing was saved."
        ))
    } else {
        None
    }
}

// ---------------------------------------------------------------- the outbox

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OutboxParams {
    status: String,
    before: Option<i64>,
}

#[derive(Debug, Serialize)]
struct OutboxRow {
    reference: String,
    url: String,
    kind: String,
    to: String,
    subject: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
    created: String,
    sent: Option<String>,
}

#[derive(Serialize)]
struct OutboxPage<'a> {
    page: Page<'a>,
    rows: Vec<OutboxRow>,
    statuses: Vec<Choice>,
    older_url: Option<String>,
    first_url: Option<String>,
}

/// `GET /outbox`
pub async fn outbox(
    State(st): State<AppState>,
    staff: Staff,
    Query(p): Query<OutboxParams>,
) -> Result<Response> {
    let status = match p.status.as_str() {
        "" => None,
        s @ ("queued" | "sending" | "sent" | "failed" | "uncertain" | "suppressed") => Some(s),
        _ => return Err(Error::BadRequest("Unknown delivery status.".into())),
    };
    let mut conn = st.store.conn().await?;
    let (lines, more) = db::outbox_page(&mut conn, status, p.before, PAGE_SIZE).await?;
    let counts = db::outbox_counts(&mut conn).await?;
    drop(conn);
    let qs = |s: &str| {
        if s.is_empty() {
            "/outbox".to_string()
        } else {
            format!("/outbox?status={s}")
        }
    };
    let mut statuses = vec![Choice {
        value: String::new(),
        label: "All".into(),
        selected: status.is_none(),
        count: Some(counts.iter().map(|(_, n)| n).sum()),
        url: qs(""),
    }];
    // `uncertain` rows need a person: the live daemon could not tell whether the relay took
    // them (see the daemon's README section); `suppressed` ones were stopped by a loop brake
    statuses.extend(
        [
            "queued",
            "sending",
            "sent",
            "failed",
            "uncertain",
            "suppressed",
        ]
        .iter()
        .map(|s| Choice {
            value: (*s).into(),
            label: capitalise(s),
            selected: status == Some(*s),
            count: Some(
                counts
                    .iter()
                    .find(|(x, _)| x == s)
                    .map(|(_, n)| *n)
                    .unwrap_or(0),
            ),
            url: qs(s),
        }),
    );
    let older_url = lines.last().filter(|_| more).map(|l| {
        let base = qs(status.unwrap_or(""));
        let sep = if base.contains('?') { '&' } else { '?' };
        format!("{base}{sep}before={}", l.id)
    });
    let rows = lines
        .into_iter()
        .map(|l| OutboxRow {
            url: format!("/cases/{}#o{}", url_encode(&l.reference), l.id),
            reference: l.reference,
            kind: words(&l.kind),
            to: l.to_addr,
            subject: l.subject,
            status: l.status,
            attempts: l.attempts,
            last_error: l.last_error,
            created: time(&l.created_at),
            sent: l.sent_at.as_deref().map(time),
        })
        .collect();
    let html = st.render(
        "outbox.html",
        &OutboxPage {
            page: Page::of(&staff, "Outbox".into(), "outbox"),
            rows,
            statuses,
            older_url,
            first_url: p.before.map(|_| qs(status.unwrap_or(""))),
        },
    )?;
    Ok(Html(html).into_response())
}
