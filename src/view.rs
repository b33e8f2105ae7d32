//! How cases and messages are shown: the JSON contract of the README (used by the CLI and the
//! web UI) and the plain-text renderings of the CLI.

use crate::domain::{Case, Field, Flag};
use crate::store::{Conn, messages, outbox};
use serde_json::{Value, json};

/// One entry of a case's thread, inbound or outbound, in order.
#[derive(Debug, Clone)]
pub enum Entry {
    In(messages::ThreadMessage),
    Out(outbox::Outbound),
}

impl Entry {
    fn seq(&self) -> i64 {
        match self {
            Entry::In(m) => m.seq,
            Entry::Out(o) => o.seq,
        }
    }
}

/// A case with its thread.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub case: Case,
    pub thread: Vec<Entry>,
}

/// Loads a case's thread, inbound and outbound merged in thread order.
pub async fn load(conn: &mut Conn, case: Case) -> anyhow::Result<CaseView> {
    let mut thread: Vec<Entry> = messages::of_case(conn, case.id)
        .await?
        .into_iter()
        .map(Entry::In)
        .collect();
    thread.extend(
        outbox::of_case(conn, case.id)
            .await?
            .into_iter()
            .map(Entry::Out),
    );
    thread.sort_by_key(|e| e.seq());
    Ok(CaseView { case, thread })
}

/// The case object of the JSON contract, without `messages`.
pub fn case_summary_json(case: &Case) -> Value {
    let sources: serde_json::Map<String, Value> = case
        .sources
        .iter()
        .map(|(f, s)| {
            (
                f.as_str().to_string(),
                serde_json::to_value(s).unwrap_or(Value::Null),
            )
        })
        .collect();
    json!({
        "reference": case.reference,
        "status": case.status.as_str(),
        "requester": case.requester,
        "subject": case.subject,
        "fields": case.fields,
        "missing": case.missing().iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        "flags": case.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        "field_sources": sources,
        "message_count": case.message_count,
        "created_at": case.created_at,
        "last_activity": case.last_activity,
    })
}

/// The full case object of the JSON contract.
pub fn case_json(view: &CaseView) -> Value {
    let mut v = case_summary_json(&view.case);
    let ids: std::collections::HashMap<i64, &str> = view
        .thread
        .iter()
        .filter_map(|e| match e {
            Entry::In(m) => Some((m.id, m.message_id.as_str())),
            Entry::Out(_) => None,
        })
        .collect();
    let msgs: Vec<Value> = view
        .thread
        .iter()
        .map(|e| match e {
            Entry::In(m) => json!({
                "direction": "in",
                "message_id": format!("<{}>", m.message_id),
                "kind": m.kind.map(|k| k.as_str()),
                "kind_reason": m.kind_reason,
                "from": m.from,
                "to": m.to,
                "subject": m.subject,
                "date": m.date,
                "text": m.visible_text,
                "flags": m.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
                "attachments": serde_json::from_str::<Value>(&m.attachments).unwrap_or(json!([])),
                "problems": serde_json::from_str::<Value>(&m.problems).unwrap_or(json!([])),
            }),
            Entry::Out(o) => json!({
                "direction": "out",
                "message_id": format!("<{}>", o.message_id),
                "kind": o.kind.as_str(),
                "from": o.from_addr,
                "to": o.to_addr,
                "subject": o.subject,
                "date": o.created_at,
                "text": o.body,
                "status": o.status.as_str(),
                "asked": o.asked.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
                "in_reply_to": o
                    .in_reply_to
                    .as_deref()
                    .or_else(|| o.trigger_id.and_then(|t| ids.get(&t).copied()))
                    .map(|m| format!("<{m}>")),
            }),
        })
        .collect();
    v["messages"] = Value::Array(msgs);
    v
}

/// What a flag means, in words for staff.
pub fn explain_flag(flag: Flag) -> &'static str {
    match flag {
        Flag::SuspectedCompromise => "the requester suggests someone else acted on the account",
        Flag::SecretShared => {
            "a message contained what looks like a secret (redacted here; never repeated in mail)"
        }
        Flag::DifferentSender => {
            "a message matched to this case came from another address; its statements were not merged"
        }
        Flag::Bounced => "an automated reply to the requester bounced",
        Flag::PossibleDuplicate => "another open case has the same requester address or username",
        Flag::Testpypi => "the request is about a TestPyPI account",
        Flag::UnauthenticatedSender => {
            "the trusted mail server recorded failed DMARC, or no passing SPF/DKIM for the From domain"
        }
    }
}

/// A field's label for people.
pub fn field_label(f: Field) -> &'static str {
    match f {
        Field::Username => "username",
        Field::Reason => "reason",
        Field::EmailAccess => "email access",
        Field::PasswordAccess => "password access",
        Field::OwnershipProof => "ownership proof",
        Field::RecoveryCodes => "recovery codes",
        Field::CodeOfConduct => "code of conduct",
        Field::Acknowledgement => "acknowledgement",
    }
}

/// Plain-text table with columns padded to their widest cell (the last column is not padded).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let n = cells.len();
        cells
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                if i + 1 == n {
                    c
                } else {
                    format!("{c:<w$}", w = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    out.push('\n');
    for r in rows {
        out.push_str(&line(r.clone()));
        out.push('\n');
    }
    out
}

/// Shortens a cell to `n` characters, on one line.
pub fn cell(s: &str, n: usize) -> String {
    let one: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one.chars().count() <= n {
        one
    } else {
        format!(
            "{}…",
            one.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    }
}
