//! Turns raw bytes into an owned [`ParsedMessage`] with mail-parser. It never fails and never
//! panics: whatever cannot be read is recorded in [`ParsedMessage::problems`] and the message
//! goes on through the pipeline (its raw bytes are stored separately and never rewritten).
//!
//! The steps, each bounded in time on hostile input:
//!
//! 1. **Prepare** a copy for mail-parser (`prepare`): skip blank lines and an mbox `From `
//!    line before the headers, turn bare-CR line ends into LF (mail-parser knows only LF and
//!    CRLF), and repair the top-level header block's charsets ([`crate::charset`]).
//! 2. **Headers** from mail-parser: addresses with decoded names, subject (RFC 2047), date
//!    (RFC 3339), identifiers without `<>`, `Return-Path` (`<>` is `Some("")`), and every
//!    top-level header as (lowercase name, decoded unfolded value).
//! 3. **Text** (`body`): the text/plain body parts, re-decoded from their raw bytes with
//!    [`crate::charset::decode`] (declared charset, else a guess, and a
//!    [`Problem::LossyCharset`] whenever it was lossy or guessed), `format=flowed` unwrapped;
//!    else the HTML body through [`crate::html::convert`] (never kept as markup); else what a
//!    broken message still says (a multipart whose boundary is unusable, parts whose encoding
//!    failed, a multipart preamble). Nested `message/rfc822` parts never add to the text.
//! 4. **Attachments** as metadata (inline images included), and a [`Problem::MalformedMime`]
//!    for every part mail-parser flags with an encoding problem.
//!
//! [`scan_message_id`] reads the Message-ID from the header block alone, for deduplication
//! before parsing; `parse` always agrees with it. [`parse_headers_only`] is for messages over
//! the size limit.

mod body;
mod scan;
#[cfg(test)]
mod tests;

pub use scan::scan_message_id;

use crate::report::{self, Report};
use mail_parser::parsers::MessageStream;
use mail_parser::{Address, HeaderName, HeaderValue, MessageParser};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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
    /// The file name (`Content-Disposition` filename or `Content-Type` name), decoded.
    pub name: Option<String>,
    /// Lowercase `type/subtype`.
    pub content_type: String,
    /// Decoded size in bytes (for a nested message, its raw size).
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

impl Problem {
    /// The kind as serialised (`lossy_charset`, `malformed_mime`, ...), for counting.
    pub fn kind(&self) -> &'static str {
        match self {
            Problem::Unparseable => "unparseable",
            Problem::Empty => "empty",
            Problem::NoSender => "no_sender",
            Problem::NoMessageId => "no_message_id",
            Problem::LossyCharset { .. } => "lossy_charset",
            Problem::MalformedMime { .. } => "malformed_mime",
            Problem::HtmlTruncated => "html_truncated",
            Problem::Oversized { .. } => "oversized",
        }
    }
}

/// What mailcase reads from one message. Owned, so it can cross threads.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ParsedMessage {
    /// Without angle brackets and whitespace: the first identifier of the first `Message-ID`
    /// header that has one. `None` when absent or empty. Always equals [`scan_message_id`].
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
    /// True when [`Self::text`] came (wholly or partly) from an HTML part.
    pub text_from_html: bool,
    /// Every part that is not body text: files, inline images, text parts that are not the
    /// body, nested messages.
    pub attachments: Vec<Attachment>,
    /// A machine-readable report inside the message (RFC 3464 DSN, RFC 8098 MDN, ARF).
    pub report: Option<Report>,
    /// The Message-ID of the first enclosed message (`message/rfc822` or a headers part):
    /// how a bounce that is no RFC 3464 report still names the mail it returns.
    #[serde(default)]
    pub enclosed_message_id: Option<String>,
    pub problems: Vec<Problem>,
}

impl ParsedMessage {
    /// The first value of a top-level header (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a top-level header, in order.
    pub fn header_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The sender's address, lowercased, or "" when there is none.
    pub fn from_address(&self) -> String {
        self.from
            .as_ref()
            .map(|m| m.address.to_lowercase())
            .unwrap_or_default()
    }
}

/// Parses a raw message. Never panics on any input (see the property tests); whatever cannot
/// be read is recorded in [`ParsedMessage::problems`].
pub fn parse(raw: &[u8]) -> ParsedMessage {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return ParsedMessage {
            problems: vec![Problem::Empty],
            ..Default::default()
        };
    }
    guarded(raw, parse_unguarded)
}

/// Runs a parse, turning a panic inside mail-parser (its `debug_assert!`s fire on some broken
/// MIME in debug builds) into a degraded result instead of a lost message, and makes the
/// Message-ID agree with [`scan_message_id`], the key messages are deduplicated by.
fn guarded(raw: &[u8], f: fn(&[u8]) -> ParsedMessage) -> ParsedMessage {
    let mut out = match std::panic::catch_unwind(|| f(raw)) {
        Ok(out) => out,
        Err(_) => degraded(raw),
    };
    let scanned = scan_message_id(raw);
    if out.message_id != scanned {
        // mail-parser's value parsers occasionally run past a line end on malformed input (an
        // obsolete zone letter in `Date` swallows the next line), hiding the header after.
        out.problems.push(Problem::MalformedMime {
            detail: format!(
                "headers: mail-parser read Message-ID {:?} where the header scan reads {:?}; \
                 the scan's is used",
                out.message_id, scanned
            ),
        });
        out.message_id = scanned;
        out.problems.retain(|p| *p != Problem::NoMessageId);
        if out.message_id.is_none() {
            out.problems.push(Problem::NoMessageId);
        }
    }
    out
}

/// What is left when mail-parser panicked: the body as plain text, and the problem.
fn degraded(raw: &[u8]) -> ParsedMessage {
    let cr_mode = scan::bare_cr_mode(raw);
    let start = scan::header_start(raw, cr_mode);
    let end = start + scan::header_block_len(&raw[start..], cr_mode);
    let decoded = crate::charset::decode(&raw[end..], None);
    let mut out = ParsedMessage {
        text: body::normalise_newlines(&decoded.text)
            .trim_start_matches('\n')
            .to_string(),
        ..Default::default()
    };
    let problems = vec![
        Problem::Unparseable,
        Problem::MalformedMime {
            detail: "the MIME parser failed on this message; the body is kept as plain text".into(),
        },
    ];
    finish(&mut out, problems);
    out
}

fn parse_unguarded(raw: &[u8]) -> ParsedMessage {
    let mut out = ParsedMessage::default();
    let (buf, mut problems) = prepare(raw, false);
    let Some(msg) = MessageParser::default().parse(buf.as_ref()) else {
        out.problems.push(Problem::Unparseable);
        let decoded = crate::charset::decode(&buf, None);
        out.text = body::normalise_newlines(&decoded.text);
        problems.extend(decoded.note.map(|detail| Problem::LossyCharset { detail }));
        push_problems(&mut out.problems, problems);
        return out;
    };
    read_headers(&msg, &mut out);
    let text = body::text(&msg);
    out.text = text.text;
    out.text_from_html = text.from_html;
    problems.extend(text.problems);
    out.attachments = body::attachments(&msg);
    problems.extend(body::malformed(&msg));
    out.report = report::extract(&msg);
    out.enclosed_message_id = report::enclosed_original(&msg);
    finish(&mut out, problems);
    out
}

/// Parses only the header block of a message too large to parse whole: headers, addresses,
/// subject, date and identifiers are read, the body is not decoded (no text, no attachments),
/// and [`Problem::Oversized`] records the size.
pub fn parse_headers_only(raw: &[u8]) -> ParsedMessage {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return ParsedMessage {
            problems: vec![Problem::Empty],
            ..Default::default()
        };
    }
    let mut out = guarded(raw, headers_only_unguarded);
    out.text.clear();
    if !out
        .problems
        .iter()
        .any(|p| matches!(p, Problem::Oversized { .. }))
    {
        out.problems
            .insert(0, Problem::Oversized { size: raw.len() });
    }
    out
}

fn headers_only_unguarded(raw: &[u8]) -> ParsedMessage {
    let mut out = ParsedMessage::default();
    let (buf, mut problems) = prepare(raw, true);
    match MessageParser::default().parse_headers(buf.as_ref()) {
        Some(msg) => read_headers(&msg, &mut out),
        None => problems.push(Problem::Unparseable),
    }
    finish(&mut out, problems);
    out
}

/// [`parse`] for messages up to `max_bytes`, [`parse_headers_only`] beyond.
pub fn parse_with_limit(raw: &[u8], max_bytes: usize) -> ParsedMessage {
    if raw.len() > max_bytes {
        parse_headers_only(raw)
    } else {
        parse(raw)
    }
}

/// What mail-parser reads instead of the raw bytes (which stay untouched): leading blank lines
/// and an mbox `From ` line before the headers skipped, bare-CR line ends normalised, the
/// top-level header block's charsets repaired (see [`crate::charset::repair_header_block`])
/// and, when the header block runs to the end of the input without a final newline, one added
/// so the last header is not lost. With `headers_only`, only the header block is kept.
fn prepare(raw: &[u8], headers_only: bool) -> (Cow<'_, [u8]>, Vec<Problem>) {
    let cr_mode = scan::bare_cr_mode(raw);
    let raw = &raw[scan::header_start(raw, cr_mode)..];
    let mut end = scan::header_block_len(raw, cr_mode);
    let mut buf: Cow<'_, [u8]> = Cow::Borrowed(if headers_only { &raw[..end] } else { raw });
    if cr_mode {
        buf = Cow::Owned(scan::normalise_bare_cr(&buf));
        // Normalising keeps the length, so `end` still holds.
    }
    let mut problems = Vec::new();
    if let Some((block, notes)) = crate::charset::repair_header_block(&buf[..end]) {
        let mut v = Vec::with_capacity(buf.len() - end + block.len());
        v.extend_from_slice(&block);
        v.extend_from_slice(&buf[end..]);
        end = block.len();
        buf = Cow::Owned(v);
        problems.extend(notes.into_iter().map(|n| Problem::LossyCharset {
            detail: format!("headers: {n}"),
        }));
    }
    if end == buf.len() && !buf.ends_with(b"\n") {
        let mut v = buf.into_owned();
        v.push(b'\n');
        buf = Cow::Owned(v);
    }
    (buf, problems)
}

/// Headers, addresses, subject, date, identifiers and content type of the top-level part.
fn read_headers(msg: &mail_parser::Message<'_>, out: &mut ParsedMessage) {
    let root = msg.root_part();
    out.message_id = root
        .headers
        .iter()
        .filter(|h| h.name == HeaderName::MessageId)
        .find_map(|h| {
            h.value
                .as_text_list()
                .and_then(|ids| ids.first().and_then(|id| scan::normalise_id(id)))
        });
    out.from = msg.from().and_then(first_mailbox);
    out.reply_to = msg.reply_to().map(all_mailboxes).unwrap_or_default();
    out.to = msg.to().map(all_mailboxes).unwrap_or_default();
    out.cc = msg.cc().map(all_mailboxes).unwrap_or_default();
    out.subject = msg
        .subject()
        .map(fix_text)
        .unwrap_or_default()
        .trim()
        .to_string();
    out.date = msg.date().filter(|d| d.is_valid()).map(|d| d.to_rfc3339());
    out.in_reply_to = id_list(msg.in_reply_to());
    out.references = id_list(msg.references());
    // Yahoo Mail puts `<ID.ref@host>`, the message's own id with `.ref`, in the References of
    // every new message: it refers to nothing, and would make a new request look like a reply
    if let Some(own) = &out.message_id
        && let Some((local, host)) = own.rsplit_once('@')
    {
        let self_ref = format!("{local}.ref@{host}");
        out.references.retain(|r| *r != self_ref);
    }
    out.return_path = match msg.return_path() {
        HeaderValue::Text(t) => Some(t.trim().to_string()),
        HeaderValue::TextList(l) => l.first().map(|t| t.trim().to_string()),
        // `Return-Path: <>`, the null sender of bounces and auto-replies.
        HeaderValue::Empty => root
            .headers
            .iter()
            .any(|h| h.name == HeaderName::ReturnPath)
            .then(String::new),
        _ => None,
    };
    let raw: &[u8] = msg.raw_message.as_ref();
    out.headers = root
        .headers
        .iter()
        .map(|h| {
            let value = raw
                .get(h.offset_start as usize..h.offset_end as usize)
                .unwrap_or_default();
            (h.name.as_str().to_ascii_lowercase(), header_text(value))
        })
        .collect();
    out.content_type = body::content_type(root);
}

/// A raw header value as text: unfolded, RFC 2047 encoded words decoded, trimmed.
fn header_text(value: &[u8]) -> String {
    // mail-parser's value parsers need the line end to return what they read.
    let text = if value.ends_with(b"\n") {
        unstructured(value)
    } else {
        let mut owned = value.to_vec();
        owned.push(b'\n');
        unstructured(&owned)
    };
    fix_text(&text).trim().to_string()
}

fn unstructured(value: &[u8]) -> String {
    match MessageStream::new(value).parse_unstructured() {
        HeaderValue::Text(t) => t.into_owned(),
        _ => String::new(),
    }
}

/// Repairs ISO-2022-JP text mail-parser passed through undecoded (see [`crate::charset`]).
fn fix_text(s: &str) -> String {
    crate::charset::fix_iso2022_residue(s).unwrap_or_else(|| s.to_string())
}

/// How many problems of one kind are kept; the rest are summarised in one more.
const MAX_PROBLEMS_PER_KIND: usize = 10;

fn finish(out: &mut ParsedMessage, problems: Vec<Problem>) {
    if out.from.is_none() {
        out.problems.push(Problem::NoSender);
    }
    if out.message_id.is_none() {
        out.problems.push(Problem::NoMessageId);
    }
    push_problems(&mut out.problems, problems);
}

/// Adds problems, dropping exact duplicates and keeping at most [`MAX_PROBLEMS_PER_KIND`] of
/// each kind (a hostile message with 10,000 broken parts gets 11 entries, not 10,000).
fn push_problems(into: &mut Vec<Problem>, problems: Vec<Problem>) {
    let mut dropped: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for p in problems {
        if into.contains(&p) {
            continue;
        }
        let kind = p.kind();
        if into.iter().filter(|q| q.kind() == kind).count() >= MAX_PROBLEMS_PER_KIND {
            *dropped.entry(kind).or_default() += 1;
            continue;
        }
        into.push(p);
    }
    for (kind, n) in dropped {
        let detail = format!("and {n} more");
        into.push(match kind {
            "lossy_charset" => Problem::LossyCharset { detail },
            _ => Problem::MalformedMime { detail },
        });
    }
}

fn first_mailbox(addr: &Address<'_>) -> Option<Mailbox> {
    all_mailboxes(addr).into_iter().next()
}

fn all_mailboxes(addr: &Address<'_>) -> Vec<Mailbox> {
    addr.iter()
        .filter_map(|a| {
            let address = a.address.as_deref()?.trim();
            (!address.is_empty()).then(|| Mailbox {
                name: a
                    .name
                    .as_deref()
                    .map(fix_text)
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty()),
                address: address.to_string(),
            })
        })
        .collect()
}

fn id_list(value: &HeaderValue<'_>) -> Vec<String> {
    value
        .as_text_list()
        .map(|l| l.iter().filter_map(|s| scan::normalise_id(s)).collect())
        .unwrap_or_default()
}
