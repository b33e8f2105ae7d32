//! Turns raw bytes into an owned [`ParsedMessage`] with mail-parser. It never fails: whatever
//! cannot be read is recorded in [`ParsedMessage::problems`] and the message goes on through the
//! pipeline (its raw bytes are already stored).
//!
//! The text of the message is text/plain when there is one, else the HTML body converted to
//! plain text by [`crate::html::to_text`] (never kept as markup).

use crate::report::{self, Report};
use mail_parser::{Address, HeaderValue, MessageParser, MimeHeaders, PartType};
use serde::{Deserialize, Serialize};

/// A mailbox from an address header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    pub name: Option<String>,
    /// As written in the header (case preserved); compare with [`crate::domain::address_key`].
    pub address: String,
}

/// Metadata of one attachment; the content stays in the raw message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: Option<String>,
    pub content_type: String,
    pub size: usize,
}

/// Something that went wrong while reading a message. The message is still stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// mail-parser could not make a message out of the bytes at all.
    Unparseable,
    /// The input is empty or only whitespace.
    Empty,
    /// No `From` address could be read.
    NoSender,
    /// No `Message-ID`; one was derived from the content hash.
    NoMessageId,
    /// A charset was unknown or its text did not decode cleanly; `detail` says which.
    LossyCharset { detail: String },
    /// The MIME structure is broken in a way the parser reported.
    MalformedMime { detail: String },
    /// HTML conversion hit a limit (size or nesting) and was cut.
    HtmlTruncated,
    /// The message is larger than the configured limit; only headers were parsed.
    Oversized { size: usize },
}

/// What mailcase reads from one message. Owned, so it can cross threads.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ParsedMessage {
    /// Without angle brackets; `None` when the header is absent or empty.
    pub message_id: Option<String>,
    pub from: Option<Mailbox>,
    pub reply_to: Vec<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// Decoded (RFC 2047) subject, empty when absent.
    pub subject: String,
    /// RFC 3339, from the `Date` header when it parses.
    pub date: Option<String>,
    /// Message-IDs without brackets, in header order.
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    /// `Return-Path` as written (`Some("")` for the null sender `<>`).
    pub return_path: Option<String>,
    /// Every top-level header: lowercase name and decoded, unfolded, trimmed value.
    pub headers: Vec<(String, String)>,
    /// Top-level content type, lowercase `type/subtype`.
    pub content_type: String,
    /// The body as plain text (text/plain preferred, else converted HTML). Line ends are `\n`.
    pub text: String,
    /// True when [`Self::text`] came from an HTML part.
    pub text_from_html: bool,
    pub attachments: Vec<Attachment>,
    /// A machine-readable report inside the message (RFC 3464 DSN, RFC 8098 MDN, ARF).
    pub report: Option<Report>,
    pub problems: Vec<Problem>,
}

impl ParsedMessage {
    /// The first value of a top-level header (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Every value of a top-level header, in order.
    pub fn header_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The sender's address, lowercased, or "" when there is none.
    pub fn from_address(&self) -> String {
        self.from.as_ref().map(|m| m.address.to_lowercase()).unwrap_or_default()
    }
}

/// Parses a raw message. Never panics on any input (see the property tests).
pub fn parse(raw: &[u8]) -> ParsedMessage {
    let mut out = ParsedMessage::default();
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        out.problems.push(Problem::Empty);
        return out;
    }
    let Some(msg) = MessageParser::default().parse(raw) else {
        out.problems.push(Problem::Unparseable);
        out.text = String::from_utf8_lossy(raw).replace("\r\n", "\n");
        return out;
    };

    out.message_id = msg.message_id().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    out.from = msg.from().and_then(first_mailbox);
    out.reply_to = msg.reply_to().map(all_mailboxes).unwrap_or_default();
    out.to = msg.to().map(all_mailboxes).unwrap_or_default();
    out.cc = msg.cc().map(all_mailboxes).unwrap_or_default();
    out.subject = msg.subject().unwrap_or_default().trim().to_string();
    out.date = msg.date().map(|d| d.to_rfc3339());
    out.in_reply_to = id_list(msg.in_reply_to());
    out.references = id_list(msg.references());
    out.return_path = match msg.return_path() {
        HeaderValue::Text(t) => Some(t.trim().to_string()),
        HeaderValue::TextList(l) => l.first().map(|t| t.trim().to_string()),
        HeaderValue::Empty => msg.header_raw("Return-Path").map(|_| String::new()),
        _ => None,
    };
    out.headers = msg
        .headers()
        .iter()
        .map(|h| (h.name().to_ascii_lowercase(), header_text(h.value())))
        .collect();
    out.content_type = msg
        .root_part()
        .content_type()
        .map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
            None => ct.ctype().to_ascii_lowercase(),
        })
        .unwrap_or_else(|| "text/plain".into());

    if let Some(text) = msg.body_text(0).filter(|_| msg.text_body_count() > 0 && is_plain(&msg, 0)) {
        out.text = normalise_newlines(&text);
    } else if let Some(html) = msg.body_html(0) {
        out.text = crate::html::to_text(&html);
        out.text_from_html = true;
    }
    for part in msg.attachments() {
        out.attachments.push(Attachment {
            name: part.attachment_name().map(str::to_string),
            content_type: part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
                    None => ct.ctype().to_ascii_lowercase(),
                })
                .unwrap_or_else(|| "application/octet-stream".into()),
            size: part.len(),
        });
    }
    if out.from.is_none() {
        out.problems.push(Problem::NoSender);
    }
    if out.message_id.is_none() {
        out.problems.push(Problem::NoMessageId);
    }
    out.report = report::extract(&msg);
    out
}

fn is_plain(msg: &mail_parser::Message<'_>, pos: usize) -> bool {
    msg.text_body
        .get(pos)
        .and_then(|id| msg.parts.get(*id as usize))
        .is_some_and(|p| matches!(p.body, PartType::Text(_)))
}

fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn first_mailbox(addr: &Address<'_>) -> Option<Mailbox> {
    all_mailboxes(addr).into_iter().next()
}

fn all_mailboxes(addr: &Address<'_>) -> Vec<Mailbox> {
    addr.iter()
        .filter_map(|a| {
            let address = a.address.as_deref()?.trim();
            (!address.is_empty()).then(|| Mailbox {
                name: a.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string),
                address: address.to_string(),
            })
        })
        .collect()
}

fn id_list(value: &HeaderValue<'_>) -> Vec<String> {
    value
        .as_text_list()
        .map(|l| l.iter().map(|s| s.trim().trim_matches(['<', '>']).to_string()).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default()
}

/// A header value as one line of text, whatever shape mail-parser gave it.
fn header_text(value: &HeaderValue<'_>) -> String {
    match value {
        HeaderValue::Text(t) => t.trim().to_string(),
        HeaderValue::TextList(l) => l.join(", "),
        HeaderValue::Address(a) => a
            .iter()
            .filter_map(|m| m.address.as_deref())
            .collect::<Vec<_>>()
            .join(", "),
        HeaderValue::DateTime(d) => d.to_rfc3339(),
        HeaderValue::ContentType(ct) => {
            let mut s = match ct.subtype() {
                Some(sub) => format!("{}/{}", ct.ctype(), sub),
                None => ct.ctype().to_string(),
            };
            for attr in ct.attributes().unwrap_or_default() {
                s.push_str(&format!("; {}={}", attr.name, attr.value));
            }
            s
        }
        HeaderValue::Received(_) | HeaderValue::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_basic_headers_and_plain_text() {
        let raw = b"From: Jane <Jane@Example.org>\r\nTo: support@x.test\r\nSubject: =?utf-8?q?Hi_=E2=9C=93?=\r\nMessage-ID: <a@b>\r\nIn-Reply-To: <c@d>\r\nReferences: <e@f>\r\n  <c@d>\r\nAuto-Submitted: no\r\n\r\nhello\r\n";
        let p = parse(raw);
        assert_eq!(p.message_id.as_deref(), Some("a@b"));
        assert_eq!(p.from_address(), "jane@example.org");
        assert_eq!(p.subject, "Hi ✓");
        assert_eq!(p.references, vec!["e@f", "c@d"]);
        assert_eq!(p.in_reply_to, vec!["c@d"]);
        assert_eq!(p.header("auto-submitted"), Some("no"));
        assert_eq!(p.text.trim(), "hello");
        assert!(p.problems.is_empty());
    }

    #[test]
    fn empty_input_is_a_problem_not_a_panic() {
        assert_eq!(parse(b"").problems, vec![Problem::Empty]);
        assert_eq!(parse(b"  \n").problems, vec![Problem::Empty]);
    }
}

/// The Message-ID from the header block alone (fast; used to deduplicate before parsing).
pub fn scan_message_id(raw: &[u8]) -> Option<String> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").or_else(|| raw.windows(2).position(|w| w == b"\n\n")).unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.lines().peekable();
    while let Some(line) = lines.next() {
        if line.as_bytes().get(..11).is_some_and(|h| h.eq_ignore_ascii_case(b"message-id:")) {
            let mut value = line[11..].to_string();
            while let Some(next) = lines.peek().filter(|l| l.starts_with([' ', '\t'])) {
                value.push_str(next);
                lines.next();
            }
            let v = value.trim().trim_start_matches('<');
            let v = v.split('>').next().unwrap_or("").trim();
            return (!v.is_empty()).then(|| v.to_string());
        }
    }
    None
}
