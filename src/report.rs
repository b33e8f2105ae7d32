//! Machine-readable reports carried inside a message: delivery status notifications
//! (RFC 3464, `multipart/report; report-type=delivery-status`), message disposition
//! notifications (RFC 8098, read receipts) and abuse feedback reports (ARF, RFC 5965).
//!
//! [`extract`] reads the report parts mail-parser found and returns the facts the pipeline
//! needs: which recipients failed, and the Message-ID of the original message so a bounce files
//! into its case.
//!
//! How mail-parser 0.11 hands the parts over, which this module relies on:
//!
//! - `message/delivery-status`, `message/disposition-notification`, `message/feedback-report`
//!   and `message/rfc822-headers` are "other" types: [`PartType::Binary`] with the transfer
//!   encoding already removed.
//! - `text/rfc822-headers` is [`PartType::Text`].
//! - `message/rfc822` / `message/global` is [`PartType::Message`] when it parses, else text or
//!   binary (a truncated original); both are read.
//!
//! Only the parts of the message itself are read, never those of an enclosed message: a person
//! who forwards a bounce as an attachment has not sent a report.
//!
//! Besides structured reports, [`extract`] reads free-form bounces (Postfix, qmail, Exim and
//! carrier notices without `multipart/report`) when the sender is the mail system
//! ([`crate::classify::is_daemon_sender`]), the subject is a bounce subject the text confirms,
//! or `postmaster@` sent a bounce subject or bounce text: the failed
//! recipients from the diagnostic paragraphs (an address next to an RFC 3463 status code) and
//! the original Message-ID from the returned message. Such a report has the kind
//! [`ReportKind::DeliveryStatus`] and [`Report::structured`] `false`.
//!
//! What it does not do: decide whether a message is automatic ([`crate::classify`] does, with
//! this report as one signal), or guess a status from diagnostic prose (sisimai does that with
//! ~70 MTA-specific parsers; a missing `Status` stays `None`).

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Which kind of report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportKind {
    /// RFC 3464 (and RFC 6533 `global-delivery-status`), or a free-form bounce.
    DeliveryStatus,
    /// RFC 8098 read/delivery receipt.
    DispositionNotification,
    /// RFC 5965 Abuse Reporting Format (complaints, opt-outs, DMARC forensic reports).
    FeedbackReport,
}

impl ReportKind {
    /// The `report-type` parameter value (RFC 6522) this kind corresponds to.
    pub fn report_type(self) -> &'static str {
        match self {
            ReportKind::DeliveryStatus => "delivery-status",
            ReportKind::DispositionNotification => "disposition-notification",
            ReportKind::FeedbackReport => "feedback-report",
        }
    }
}

/// One recipient's line of a delivery status notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientStatus {
    /// The `Final-Recipient` (or `Original-Recipient`) address, lowercased, without the
    /// `rfc822;` address type and angle brackets.
    pub recipient: String,
    /// `failed`, `delayed`, `delivered`, `relayed`, `expanded` (RFC 3464 `Action`), lowercase.
    pub action: Option<String>,
    /// The RFC 3463 status code, e.g. `5.2.2` (the field as written when it holds no code).
    pub status: Option<String>,
    /// `Diagnostic-Code` without its type (`smtp;`), unfolded.
    pub diagnostic: Option<String>,
}

impl RecipientStatus {
    /// True when delivery to this recipient failed: `Action: failed`, or no `Action` and a
    /// permanent (`5.x.x`) or absent status. Delays, relays and successes are not failures.
    pub fn is_failure(&self) -> bool {
        match self.action.as_deref() {
            Some(action) => action == "failed",
            None => self.status.as_deref().is_none_or(|s| s.starts_with('5')),
        }
    }

    /// Whether a failure says the address itself is bad (RFC 3463: 5.1.x addressing, 5.2.1
    /// mailbox disabled, 5.4.x routing, 5.0.0 unspecified, or no status at all), rather than
    /// that this message was refused (5.7.x policy or spam, 5.2.2 mailbox full, 5.3.x size).
    pub fn is_address_failure(&self) -> bool {
        const GONE: &[&str] = &[
            "unknown",
            "does not exist",
            "doesn't exist",
            "no such",
            "not found",
            "unavailable",
            "invalid recipient",
            "invalid mailbox",
            "address rejected",
            "disabled",
            "deactivated",
        ];
        let said = self
            .diagnostic
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match self.status.as_deref() {
            None => true,
            Some(s) => {
                ["5.0.", "5.1.", "5.2.1", "5.4."]
                    .iter()
                    .any(|p| s.starts_with(p))
                    || GONE.iter().any(|w| said.contains(w))
            }
        }
    }
}

/// What a report says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub kind: ReportKind,
    /// Per-recipient results (delivery status notifications only; empty for MDN and ARF).
    pub recipients: Vec<RecipientStatus>,
    /// Message-ID (without brackets) of the message the report is about.
    pub original_message_id: Option<String>,
    /// `true` for an RFC 6522 `multipart/report` (or a report part found elsewhere in the
    /// message); `false` for a free-form bounce read from prose.
    #[serde(default = "yes")]
    pub structured: bool,
    /// ARF `Feedback-Type` (`abuse`, `opt-out`, `auth-failure`…) or MDN `Disposition`,
    /// lowercase; for a free-form bounce from `postmaster@`, the phrase that gave it away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

fn yes() -> bool {
    true
}

impl Report {
    /// Recipients whose delivery failed (see [`RecipientStatus::is_failure`]).
    pub fn failed_recipients(&self) -> impl Iterator<Item = &str> {
        self.recipients
            .iter()
            .filter(|r| r.is_failure())
            .map(|r| r.recipient.as_str())
    }
}

/// Reads the report carried by `msg`, if any.
pub fn extract(msg: &Message<'_>) -> Option<Report> {
    structured(msg).or_else(|| free_form(msg))
}

/// The report of an RFC 6522 `multipart/report`, or a report part anywhere in `msg`'s own parts.
fn structured(msg: &Message<'_>) -> Option<Report> {
    let declared = msg
        .content_type()
        .filter(|ct| {
            ct.ctype().eq_ignore_ascii_case("multipart")
                && ct
                    .subtype()
                    .is_some_and(|s| s.eq_ignore_ascii_case("report"))
        })
        .map(|ct| {
            ct.attribute("report-type")
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });

    let mut kind = declared.as_deref().and_then(kind_of_report_type);
    let mut recipients = Vec::new();
    let mut original = None;
    let mut detail = None;
    let mut found_part = false;

    // Part 0 is the message itself: a multipart container, or the report when a report part
    // arrives on its own (`Content-Type: message/delivery-status` at the top).
    for part in &msg.parts {
        let Some((ctype, sub)) = type_of(part) else {
            continue;
        };
        match (ctype.as_str(), sub.as_str()) {
            ("message", "delivery-status" | "global-delivery-status") => {
                found_part = true;
                kind.get_or_insert(ReportKind::DeliveryStatus);
                recipients.extend(delivery_status(&String::from_utf8_lossy(part.contents())));
            }
            ("message", "disposition-notification" | "global-disposition-notification") => {
                found_part = true;
                kind.get_or_insert(ReportKind::DispositionNotification);
                let fields = FieldBlocks::parse(&String::from_utf8_lossy(part.contents()));
                if original.is_none() {
                    original = fields
                        .first("original-message-id")
                        .and_then(message_id_value);
                }
                detail =
                    detail.or_else(|| fields.first("disposition").map(|d| d.to_ascii_lowercase()));
            }
            ("message", "feedback-report") => {
                found_part = true;
                kind.get_or_insert(ReportKind::FeedbackReport);
                let fields = FieldBlocks::parse(&String::from_utf8_lossy(part.contents()));
                detail = detail.or_else(|| {
                    fields
                        .first("feedback-type")
                        .map(|d| d.to_ascii_lowercase())
                });
            }
            (c, sub) if original.is_none() && encloses_a_message(c, sub) => {
                original = enclosed_message_id(part);
            }
            _ => {}
        }
    }
    if declared.is_none() && !found_part {
        return None;
    }
    let kind = kind?;
    if recipients.is_empty() && kind == ReportKind::DeliveryStatus {
        // A declared DSN whose parts did not split (a boundary that does not match, or none):
        // its fields are somewhere in the text.
        recipients = text_recipients(msg.parts.iter().filter_map(part_text));
    }
    if original.is_none() && kind == ReportKind::DeliveryStatus {
        // Some MTAs attach the returned message as text/plain; read it as prose.
        original = msg.parts.iter().skip(1).find_map(|p| match &p.body {
            PartType::Text(t) => returned_message_id(t),
            _ => None,
        });
    }
    Some(Report {
        kind,
        recipients,
        original_message_id: original,
        structured: true,
        detail,
    })
}

fn kind_of_report_type(report_type: &str) -> Option<ReportKind> {
    match report_type {
        "delivery-status" | "global-delivery-status" => Some(ReportKind::DeliveryStatus),
        "disposition-notification" | "global-disposition-notification" => {
            Some(ReportKind::DispositionNotification)
        }
        "feedback-report" => Some(ReportKind::FeedbackReport),
        _ => None,
    }
}

/// Lowercase (type, subtype) of a part, when it declares one.
fn type_of(part: &MessagePart<'_>) -> Option<(String, String)> {
    let ct = part.content_type()?;
    Some((
        ct.ctype().to_ascii_lowercase(),
        ct.subtype().unwrap_or_default().to_ascii_lowercase(),
    ))
}

/// The Message-ID of the first message enclosed in `msg` (`message/rfc822`, `message/global`
/// or a headers-only part), report or not.
pub fn enclosed_original(msg: &Message<'_>) -> Option<String> {
    msg.parts.iter().skip(1).find_map(|part| {
        let (ctype, sub) = type_of(part)?;
        encloses_a_message(&ctype, &sub)
            .then(|| enclosed_message_id(part))
            .flatten()
    })
}

/// Whether a part of this type holds a message or its header (lowercase type and subtype).
fn encloses_a_message(ctype: &str, sub: &str) -> bool {
    matches!(
        (ctype, sub),
        ("message", "rfc822" | "global")
            | ("text" | "message", "rfc822-headers" | "global-headers")
    )
}

/// The Message-ID of an enclosed original (`message/rfc822` or a headers-only part).
fn enclosed_message_id(part: &MessagePart<'_>) -> Option<String> {
    match &part.body {
        PartType::Message(m) => m
            .message_id()
            .map(|id| id.trim().trim_matches(['<', '>']).to_string())
            .filter(|id| !id.is_empty())
            .or_else(|| header_message_id(&String::from_utf8_lossy(part.contents()))),
        _ => header_message_id(&String::from_utf8_lossy(part.contents())),
    }
}

/// The `Message-ID` field of a header block (folded lines allowed).
fn header_message_id(headers: &str) -> Option<String> {
    FieldBlocks::parse(headers)
        .first("message-id")
        .and_then(message_id_value)
}

/// `<id@host>` (possibly with comments or surrounding text) → `id@host`.
fn message_id_value(value: &str) -> Option<String> {
    let value = value.trim();
    let id = match (value.find('<'), value.rfind('>')) {
        (Some(start), Some(end)) if start < end => &value[start + 1..end],
        _ => value.split_whitespace().next().unwrap_or_default(),
    };
    let id = id.trim();
    (!id.is_empty() && id.len() < 1000).then(|| id.to_string())
}

/// Header-style fields (`Name: value`, continuation lines folded in) grouped into blocks
/// separated by blank lines, as in RFC 3464 §2.1 and the header sections of RFC 5322.
#[derive(Debug, Default)]
struct FieldBlocks {
    blocks: Vec<Vec<(String, String)>>,
}

impl FieldBlocks {
    fn parse(text: &str) -> FieldBlocks {
        let mut out = FieldBlocks::default();
        let mut block: Vec<(String, String)> = Vec::new();
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for line in text.split('\n').map(str::trim_end) {
            if line.is_empty() {
                if !block.is_empty() {
                    out.blocks.push(std::mem::take(&mut block));
                }
                continue;
            }
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = block.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                continue;
            }
            if let Some((name, value)) = line.split_once(':') {
                let name = name.trim();
                if !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic()) {
                    block.push((name.to_ascii_lowercase(), value.trim().to_string()));
                }
            }
        }
        if !block.is_empty() {
            out.blocks.push(block);
        }
        out
    }

    fn first(&self, name: &str) -> Option<&str> {
        self.blocks
            .iter()
            .flatten()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The per-recipient fields of a `message/delivery-status` body (RFC 3464 §2.3).
fn delivery_status(text: &str) -> Vec<RecipientStatus> {
    let mut out = Vec::new();
    for block in FieldBlocks::parse(text).blocks {
        // A block may hold several recipients when an MTA forgot the blank lines: a repeated
        // recipient field starts the next one.
        let mut current: Vec<(String, String)> = Vec::new();
        for (name, value) in block {
            let starts_recipient =
                matches!(name.as_str(), "final-recipient" | "original-recipient");
            if current.iter().any(|(n, _)| *n == name)
                || (starts_recipient && current.iter().any(|(n, _)| n == "action" || n == "status"))
            {
                out.extend(recipient_of(&current));
                current.clear();
            }
            current.push((name, value));
        }
        out.extend(recipient_of(&current));
    }
    out
}

fn recipient_of(fields: &[(String, String)]) -> Option<RecipientStatus> {
    let get = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let recipient = get("final-recipient")
        .and_then(address_value)
        .or_else(|| get("original-recipient").and_then(address_value))
        .or_else(|| get("x-actual-recipient").and_then(address_value))?;
    Some(RecipientStatus {
        recipient,
        action: get("action").map(|a| first_word(a).to_ascii_lowercase()),
        status: get("status").map(|s| status_code(s).unwrap_or(s.trim()).to_string()),
        diagnostic: get("diagnostic-code").map(|d| strip_type(d).to_string()),
    })
}

/// `rfc822; <User@Host>` → `user@host`.
fn address_value(value: &str) -> Option<String> {
    let addr = strip_type(value).trim().trim_start_matches('<');
    let addr = addr
        .split(['>', ' ', '\t', '('])
        .next()
        .unwrap_or_default()
        .trim();
    (!addr.is_empty()).then(|| addr.to_lowercase())
}

/// Drops a leading `type;` (address type or diagnostic type, RFC 3464 §2.1.2).
fn strip_type(value: &str) -> &str {
    match value.split_once(';') {
        Some((kind, rest))
            if !kind.contains(['@', '<', ' ']) || kind.trim().eq_ignore_ascii_case("rfc822") =>
        {
            rest.trim()
        }
        _ => value.trim(),
    }
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .find(|w| !w.is_empty())
        .unwrap_or_default()
}

/// The first RFC 3463 enhanced status code (`class.subject.detail`, class 2, 4 or 5) in `text`.
pub(crate) fn status_code(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'2' | b'4' | b'5')
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric() && bytes[i - 1] != b'.')
            && let Some(len) = status_code_len(&bytes[i..])
        {
            return Some(&text[i..i + len]);
        }
        i += 1;
    }
    None
}

/// Length of `D.D{1,3}.D{1,3}` at the start of `b`, not followed by another digit or dot-digit.
fn status_code_len(b: &[u8]) -> Option<usize> {
    if b.len() < 5 || b[1] != b'.' {
        return None;
    }
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let subject = digits(2);
    if !(1..=3).contains(&subject) || b.get(2 + subject) != Some(&b'.') {
        return None;
    }
    let detail = digits(3 + subject);
    let end = 3 + subject + detail;
    if !(1..=3).contains(&detail) {
        return None;
    }
    let follows_number = b.get(end).is_some_and(|c| c.is_ascii_digit())
        || (b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(|c| c.is_ascii_digit()));
    (!follows_number).then_some(end)
}

// ---------------------------------------------------------------------------------------------
// Free-form bounces

/// Lines that introduce the returned original in free-form bounces (lowercase, matched as
/// substrings of a trimmed line).
const RETURNED_MESSAGE_MARKERS: &[&str] = &[
    "original message follows",
    "original message headers",
    "original message header",
    "original mail as follows",
    "copy of the message",
    "copy of your message",
    "copy of the original message",
    "below this line is a copy",
    "unsent message below",
    "message headers follow",
    "headers of your message",
    "headers of the original message",
    "content-type: message/rfc822",
    "text of the original",
];

/// Phrases that introduce the returned message only on a separator line
/// ("----- Original message -----", "Returned message:"), not inside a sentence ("The original
/// message was received at …", "delete your own text from the attached returned message").
const RETURNED_MESSAGE_SEPARATORS: &[&str] = &[
    "original message",
    "returned message",
    "undelivered message",
    "returned mail",
];

/// True when a (trimmed, lowercase) line introduces the returned message.
fn is_returned_marker(line: &str) -> bool {
    if line.len() > 120 {
        return false;
    }
    let separator = line.starts_with(['-', '=', '*', '_']) || line.ends_with(':');
    RETURNED_MESSAGE_MARKERS.iter().any(|m| line.contains(m))
        || (separator && RETURNED_MESSAGE_SEPARATORS.iter().any(|m| line.contains(m)))
}

/// A report read from the prose of a bounce that is not `multipart/report`: sent by the mail
/// system, or with a bounce subject, or from `postmaster@` with a bounce phrase in some part.
fn free_form(msg: &Message<'_>) -> Option<Report> {
    use crate::classify::{
        bounce_body_phrase, bounce_subject, bounce_subject_evidence, is_daemon_sender,
        is_postmaster,
    };
    let from = msg.from().and_then(|a| a.first());
    let address = from.and_then(|a| a.address.as_deref()).unwrap_or_default();
    let name = from.and_then(|a| a.name.as_deref()).unwrap_or_default();
    let subject = msg.subject().unwrap_or_default();
    // Text parts, and parts mail-parser could not split (a multipart without a boundary comes
    // out as one binary part holding the text).
    let texts: Vec<Cow<'_, str>> = msg.parts.iter().filter_map(part_text).collect();
    let all_text = texts
        .iter()
        .map(|t| t.as_ref())
        .collect::<Vec<_>>()
        .join("\n");
    let postmaster = is_postmaster(address);
    let detail = if is_daemon_sender(address, name)
        || bounce_subject_evidence(subject, &all_text).is_some()
        || (postmaster && bounce_subject(subject).is_some())
    {
        None
    } else if postmaster {
        let phrase = texts.iter().find_map(|t| bounce_body_phrase(t))?;
        Some(format!(
            "from {}, a part says \"{phrase}\"",
            address.to_lowercase()
        ))
    } else {
        return None;
    };
    let mut recipients = text_recipients(texts.iter().map(|t| Cow::Borrowed(t.as_ref())));
    if recipients.is_empty() {
        // Exim names them in a header when its prose has no status code ("mailbox is full:
        // retry timeout exceeded")
        recipients = failed_recipients_header(msg);
    }
    if recipients.is_empty() && !still_trying(&all_text) {
        // MailEnable and others name the recipient in prose of their own ("Recipient:
        // [SMTP:x@y]"); the message they return was addressed to it
        recipients = returned_recipients(msg);
    }
    if recipients.is_empty() && !still_trying(&all_text) {
        // Exchange's IMS returns nothing and gives no code: "did not reach the following
        // recipient(s):" then the address
        recipients = named_after_failure(&all_text);
    }
    let mut original = None;
    for text in &texts {
        if original.is_none() {
            original = split_returned(text).1.and_then(returned_message_id);
        }
    }
    if original.is_none() {
        original = msg
            .parts
            .iter()
            .find_map(|p| p.message())
            .and_then(|m| m.message_id())
            .map(|id| id.trim().trim_matches(['<', '>']).to_string())
            .filter(|id| !id.is_empty());
    }
    if original.is_none() {
        original = texts.iter().find_map(|t| returned_message_id(t));
    }
    Some(Report {
        kind: ReportKind::DeliveryStatus,
        recipients,
        original_message_id: original,
        structured: false,
        detail,
    })
}

/// Phrases of a final failure that list the failed recipients after them.
const FAILED_TO_REACH: &[&str] = &[
    "did not reach the following recipient",
    "could not be delivered to the following recipient",
    "delivery has failed to these recipients",
    "delivery to the following recipient failed permanently",
    "could not be delivered to:",
];

/// The first address after a [`FAILED_TO_REACH`] phrase, failed with no status.
fn named_after_failure(text: &str) -> Vec<RecipientStatus> {
    // ASCII lowercasing keeps byte offsets, so `at` indexes `text` too
    let lower = text.to_ascii_lowercase();
    FAILED_TO_REACH
        .iter()
        .find_map(|p| lower.find(p).map(|i| (i + p.len(), *p)))
        .and_then(|(at, phrase)| {
            Some(RecipientStatus {
                recipient: first_address(&text[at..])?,
                action: Some("failed".into()),
                status: None,
                diagnostic: Some(format!("named after \"{phrase}\"")),
            })
        })
        .into_iter()
        .collect()
}

/// Whether a free-form notice only warns of a delay ("will retry", "not yet delivered").
fn still_trying(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "delay",
        "will retry",
        "will keep trying",
        "still trying",
        "not yet been delivered",
        "no action is required",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The recipients of the message a bounce returns whole (a `message/rfc822` part): failed,
/// with no status, when the notice names them nowhere a machine can read.
fn returned_recipients(msg: &Message<'_>) -> Vec<RecipientStatus> {
    msg.parts
        .iter()
        .find_map(|p| p.message())
        .and_then(|m| m.to())
        .map(|to| {
            to.iter()
                .filter_map(|a| a.address.as_deref())
                .map(|a| RecipientStatus {
                    recipient: a.to_lowercase(),
                    action: Some("failed".into()),
                    status: None,
                    diagnostic: Some("the recipient of the returned message".into()),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `X-Failed-Recipients: a@x, b@y` (Exim): each a failed recipient.
fn failed_recipients_header(msg: &Message<'_>) -> Vec<RecipientStatus> {
    msg.header_raw("X-Failed-Recipients")
        .unwrap_or_default()
        .split(',')
        .map(|a| a.trim().trim_matches(['<', '>']).to_lowercase())
        .filter(|a| a.contains('@') && !a.contains(char::is_whitespace))
        .map(|recipient| RecipientStatus {
            recipient,
            action: Some("failed".into()),
            status: None,
            diagnostic: None,
        })
        .collect()
}

/// Recipients from text: RFC 3464 fields written inline (sendmail and others put them in the
/// text when the MIME structure is missing or broken), else the diagnostic prose.
fn text_recipients<'a>(texts: impl Iterator<Item = Cow<'a, str>>) -> Vec<RecipientStatus> {
    let texts: Vec<Cow<'a, str>> = texts.collect();
    let fields = texts
        .iter()
        .map(|t| delivery_status(t))
        .find(|r| !r.is_empty());
    fields.unwrap_or_else(|| {
        texts
            .iter()
            .map(|t| prose_recipients(split_returned(t).0))
            .find(|r| !r.is_empty())
            .unwrap_or_default()
    })
}

/// The text of a part: text/* bodies, and text-like parts mail-parser left as binary.
fn part_text<'a>(part: &'a MessagePart<'_>) -> Option<Cow<'a, str>> {
    match &part.body {
        PartType::Text(t) => Some(Cow::Borrowed(t.as_ref())),
        PartType::Binary(b) | PartType::InlineBinary(b) => {
            let textual =
                type_of(part).is_none_or(|(ctype, _)| ctype == "text" || ctype == "multipart");
            textual.then(|| String::from_utf8_lossy(b))
        }
        _ => None,
    }
}

/// Splits a bounce text at the returned-message marker: (diagnostic part, returned part).
fn split_returned(text: &str) -> (&str, Option<&str>) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let lower = line.trim().to_ascii_lowercase();
        let looks_like_headers =
            lower.starts_with("return-path:") || lower.starts_with("received:");
        if is_returned_marker(&lower) || looks_like_headers {
            return (&text[..offset], Some(&text[offset..]));
        }
        offset += line.len();
    }
    (text, None)
}

/// The Message-ID of the returned message in the prose of a bounce: the first `Message-ID:`
/// field at the start of a line (quoted with `>` or indented is fine).
fn returned_message_id(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_start_matches(['>', ' ', '\t', '|']);
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if !name.trim().eq_ignore_ascii_case("message-id") {
            continue;
        }
        let mut value = value.trim().to_string();
        if value.is_empty() {
            // Folded: the id is on the next line.
            value = lines
                .get(i + 1)
                .map(|l| l.trim().to_string())
                .unwrap_or_default();
        }
        if let Some(id) = message_id_value(&value).filter(|id| id.contains('@')) {
            return Some(id);
        }
    }
    None
}

/// Failed recipients in the diagnostic prose of a free-form bounce: each paragraph that names an
/// address and carries an RFC 3463 status code (Postfix, qmail, Exim and Exchange write one
/// paragraph per recipient).
fn prose_recipients(text: &str) -> Vec<RecipientStatus> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<RecipientStatus> = Vec::new();
    // An address alone in its paragraph, waiting for the status in the next one (Gmail: "Delivery
    // to the following recipient failed permanently:\n\n  user@host\n\nTechnical details …").
    let mut pending: Option<String> = None;
    for paragraph in text.split("\n\n") {
        let address = first_address(paragraph);
        let Some(status) = status_code(paragraph)
            .map(str::to_string)
            .or_else(|| smtp_reply_class(paragraph))
        else {
            pending = address.or(pending);
            continue;
        };
        let Some(recipient) = address.or(pending.take()) else {
            continue;
        };
        if out.iter().any(|r| r.recipient == recipient) {
            continue;
        }
        let action = Some(
            match status.as_bytes()[0] {
                b'4' => "delayed",
                b'2' => "delivered",
                _ => "failed",
            }
            .to_string(),
        );
        let diagnostic = Some(paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|d| d.len() <= 1000);
        out.push(RecipientStatus {
            recipient,
            action,
            status: Some(status),
            diagnostic,
        });
    }
    out
}

/// A bare SMTP reply code ("554: delivery error", "550-5.1.1" already caught above, qmail's
/// "554 …") as the generic enhanced status of its class (`5.0.0`), for bounces that give no
/// RFC 3463 code.
fn smtp_reply_class(text: &str) -> Option<String> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let code = &b[i..i + 3];
        let starts =
            i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.' || b[i - 1] == b'(');
        let ends = matches!(b.get(i + 3), Some(b' ' | b':' | b'-'));
        (starts
            && ends
            && matches!(code[0], b'4' | b'5')
            && code[1].is_ascii_digit()
            && code[2].is_ascii_digit())
        .then(|| format!("{}.0.0", code[0] as char))
    })
}

/// The first plausible `local@domain` in `text`, lowercased.
fn first_address(text: &str) -> Option<String> {
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '"' | '\'' | '(' | ')' | ',' | ';' | '[' | ']'
            )
    })
    .map(|w| w.trim_matches(|c: char| c == ':' || c == '.'))
    .find(|w| {
        let Some((local, domain)) = w.split_once('@') else {
            return false;
        };
        !local.is_empty() && domain.contains('.') && !domain.contains('@') && !local.contains(':')
    })
    .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MessageParser;

    fn report(raw: &str) -> Option<Report> {
        let msg = MessageParser::default()
            .parse(raw.as_bytes())
            .expect("parses");
        extract(&msg)
    }

    const POSTFIX_DSN: &str = "From: MAILER-DAEMON@mx.example (Mail Delivery System)\r\n\
Subject: Undelivered Mail Returned to Sender\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\
\r\n\
--b\r\n\
Content-Type: text/plain\r\n\
\r\n\
I'm sorry to have to inform you...\r\n\
--b\r\n\
Content-Type: message/delivery-status\r\n\
\r\n\
Reporting-MTA: dns; mx.example\r\n\
\r\n\
Final-Recipient: rfc822; Marek@Mail.Example.NET\r\n\
Original-Recipient: rfc822;marek@mail.example.net\r\n\
Action: failed\r\n\
Status: 5.2.2\r\n\
Diagnostic-Code: smtp; 552 5.2.2 <marek@mail.example.net>:\r\n\
\x20   Mailbox full\r\n\
\r\n\
Final-Recipient: rfc822; other@example.org\r\n\
Action: delayed\r\n\
Status: 4.4.1 (connection timed out)\r\n\
--b\r\n\
Content-Type: text/rfc822-headers\r\n\
\r\n\
From: Support <support@pypi.example>\r\n\
Message-ID:\r\n\
 <ack-1@mailcase.pypi.example>\r\n\
Subject: [case 1]\r\n\
--b--\r\n";

    #[test]
    fn reads_recipients_and_original_id_from_a_dsn() {
        let r = report(POSTFIX_DSN).expect("a report");
        assert_eq!(r.kind, ReportKind::DeliveryStatus);
        assert!(r.structured);
        assert_eq!(
            r.original_message_id.as_deref(),
            Some("ack-1@mailcase.pypi.example")
        );
        assert_eq!(r.recipients.len(), 2);
        assert_eq!(r.recipients[0].recipient, "marek@mail.example.net");
        assert_eq!(r.recipients[0].action.as_deref(), Some("failed"));
        assert_eq!(r.recipients[0].status.as_deref(), Some("5.2.2"));
        assert_eq!(
            r.recipients[0].diagnostic.as_deref(),
            Some("552 5.2.2 <marek@mail.example.net>: Mailbox full")
        );
        assert_eq!(r.recipients[1].status.as_deref(), Some("4.4.1"));
        assert_eq!(
            r.failed_recipients().collect::<Vec<_>>(),
            vec!["marek@mail.example.net"]
        );
    }

    #[test]
    fn recipients_without_blank_lines_between_them_are_split() {
        let got = delivery_status(
            "Reporting-MTA: dns; x\nFinal-Recipient: rfc822; a@x.test\nAction: failed\nStatus: 5.1.1\nFinal-Recipient: rfc822; b@x.test\nAction: failed\nStatus: 5.1.2\n",
        );
        let pairs: Vec<_> = got
            .iter()
            .map(|r| (r.recipient.as_str(), r.status.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            vec![("a@x.test", Some("5.1.1")), ("b@x.test", Some("5.1.2"))]
        );
    }

    #[test]
    fn original_recipient_is_the_fallback_and_brackets_go() {
        let got = delivery_status("Original-Recipient: RFC822; <Who@X.test>\nAction: Failed\n");
        assert_eq!(got[0].recipient, "who@x.test");
        assert_eq!(got[0].action.as_deref(), Some("failed"));
        assert!(got[0].is_failure());
    }

    #[test]
    fn a_bounce_without_a_report_still_names_its_enclosed_original() {
        let raw = "From: postmaster@mail.example\r\nSubject: =?UTF-8?B?57O757uf6YCA5L+h?=\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nmailbox is full (552)\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: support@pypi.example\r\nMessage-ID: <ack.1@pypi.example>\r\n\r\nhello\r\n--b--\r\n";
        let msg = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .expect("parses");
        assert_eq!(
            enclosed_original(&msg).as_deref(),
            Some("ack.1@pypi.example")
        );
        let plain = "From: a@b.example\r\nSubject: hi\r\n\r\nno parts\r\n";
        let msg = mail_parser::MessageParser::default()
            .parse(plain.as_bytes())
            .expect("parses");
        assert_eq!(enclosed_original(&msg), None);
    }

    #[test]
    fn enclosed_message_rfc822_gives_the_original_id() {
        let raw = "From: postmaster@x.test\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n\
--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n\
--b\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822;a@x.test\r\nAction: failed\r\nStatus: 5.0.0\r\n\r\n\
--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: s@y.test\r\nMessage-ID: <orig@y.test>\r\nSubject: hi\r\n\r\nbody\r\n--b--\r\n";
        let r = report(raw).expect("a report");
        assert_eq!(r.original_message_id.as_deref(), Some("orig@y.test"));
        assert_eq!(r.recipients[0].status.as_deref(), Some("5.0.0"));
    }

    #[test]
    fn mdn_gives_its_original_message_id_and_no_recipients() {
        let raw = "From: jane@x.test\r\nSubject: Read: hi\r\nContent-Type: multipart/report; report-type=disposition-notification; boundary=b\r\n\r\n\
--b\r\nContent-Type: text/plain\r\n\r\nYour message was displayed.\r\n\
--b\r\nContent-Type: message/disposition-notification\r\n\r\nReporting-UA: x.test; Mail\r\nFinal-Recipient: rfc822;jane@x.test\r\nOriginal-Message-ID: <ack-9@mailcase.pypi.example>\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n\r\n--b--\r\n";
        let r = report(raw).expect("a report");
        assert_eq!(r.kind, ReportKind::DispositionNotification);
        assert_eq!(
            r.original_message_id.as_deref(),
            Some("ack-9@mailcase.pypi.example")
        );
        assert!(r.recipients.is_empty());
        assert_eq!(
            r.detail.as_deref(),
            Some("manual-action/mdn-sent-manually; displayed")
        );
    }

    #[test]
    fn arf_gives_the_feedback_type_and_the_enclosed_id() {
        let raw = "From: abuse@isp.test\r\nSubject: complaint\r\nContent-Type: multipart/report; report-type=feedback-report; boundary=b\r\n\r\n\
--b\r\nContent-Type: text/plain\r\n\r\nThis is an abuse report.\r\n\
--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: x/1\r\nVersion: 1\r\n\r\n\
--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: s@y.test\r\nMessage-ID: <spam@y.test>\r\n\r\nbuy\r\n--b--\r\n";
        let r = report(raw).expect("a report");
        assert_eq!(r.kind, ReportKind::FeedbackReport);
        assert_eq!(r.detail.as_deref(), Some("abuse"));
        assert_eq!(r.original_message_id.as_deref(), Some("spam@y.test"));
    }

    #[test]
    fn free_form_qmail_bounce_is_read_from_prose() {
        let raw = "From: MAILER-DAEMON@mx.x.test\r\nSubject: failure notice\r\n\r\n\
Hi. This is the qmail-send program at mx.x.test.\r\nI'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n\
<kijitora@example.jp>:\r\n192.0.2.1 does not like recipient.\r\nRemote host said: 550 5.1.1 <kijitora@example.jp>... User Unknown\r\n\r\n\
--- Below this line is a copy of the message.\r\n\r\nReturn-Path: <support@pypi.example>\r\nMessage-ID: <ack-2@mailcase.pypi.example>\r\nSubject: x\r\n\r\nbody\r\n";
        let r = report(raw).expect("a report");
        assert!(!r.structured);
        assert_eq!(
            r.original_message_id.as_deref(),
            Some("ack-2@mailcase.pypi.example")
        );
        assert_eq!(r.recipients.len(), 1);
        assert_eq!(r.recipients[0].recipient, "kijitora@example.jp");
        assert_eq!(r.recipients[0].status.as_deref(), Some("5.1.1"));
        assert_eq!(r.failed_recipients().count(), 1);
    }

    #[test]
    fn free_form_exim_bounce_names_its_recipient_in_a_header() {
        let raw = "From: Mail Delivery System <Mailer-Daemon@mx.x.test>\r\nX-Failed-Recipients: Dwayne@Example.org\r\nSubject: Mail delivery failed: returning message to sender\r\n\r\n\
A message that you sent could not be delivered to one or more of its\r\nrecipients. This is a permanent error. The following address(es) failed:\r\n\r\n  dwayne@example.org\r\n    mailbox is full: retry timeout exceeded\r\n\r\n\
------ This is a copy of the message, including all the headers. ------\r\n\r\nMessage-ID: <ack-3@mailcase.pypi.example>\r\nSubject: x\r\n\r\nbody\r\n";
        let r = report(raw).expect("a report");
        assert!(!r.structured);
        assert_eq!(
            r.failed_recipients().collect::<Vec<_>>(),
            ["dwayne@example.org"]
        );
        // without the header and without a status code, no recipient is guessed
        let r = report(&raw.replace("X-Failed-Recipients: Dwayne@Example.org\r\n", ""))
            .expect("a report");
        assert_eq!(r.failed_recipients().count(), 0);
    }

    #[test]
    fn only_failures_of_the_address_itself_are_address_failures() {
        let with = |status: Option<&str>| RecipientStatus {
            recipient: "a@x.test".into(),
            action: Some("failed".into()),
            status: status.map(str::to_string),
            diagnostic: None,
        };
        for s in [
            None,
            Some("5.1.1"),
            Some("5.2.1"),
            Some("5.4.4"),
            Some("5.0.0"),
        ] {
            assert!(with(s).is_address_failure(), "{s:?}");
        }
        for s in ["5.7.1", "5.2.2", "5.3.4", "5.6.0"] {
            assert!(!with(Some(s)).is_address_failure(), "{s}");
        }
        // a policy code whose words say the address is gone
        let mut said = with(Some("5.7.1"));
        said.diagnostic = Some("550 5.7.1 Recipient address rejected: user does not exist".into());
        assert!(said.is_address_failure());
    }

    #[test]
    fn free_form_exchange_ims_bounce_names_its_recipient_after_the_failure() {
        let raw = "From: System Administrator <postmaster@h.example>\r\nReturn-Path: <>\r\nSubject: Undeliverable: [MC-7Q2K4P] Locked out\r\nX-MS-Embedded-Report: \r\n\r\n\
Your message\r\n\r\n  To:      n.okafor@h.example\r\n  Subject: [MC-7Q2K4P] Locked out\r\n\r\n\
did not reach the following recipient(s):\r\n\r\nN.Okafor@h.example on Mon, 9 Feb 2026 10:47:31 -0000\r\n    The recipient's mailbox is full and can't accept messages now.\r\n";
        let r = report(raw).expect("a report");
        assert_eq!(
            r.failed_recipients().collect::<Vec<_>>(),
            ["n.okafor@h.example"]
        );
    }

    #[test]
    fn free_form_bounce_returning_the_message_whole_names_its_recipient() {
        // MailEnable: the recipient only in its own prose, the message returned as an
        // attachment addressed to it
        let raw = "From: POSTMASTER@mail.x.test\r\nSubject: Message Delivery Failure\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nMailEnable: Message could not be delivered to some recipients.\r\n\r\n\tRecipient: [SMTP:graham@x.test]\r\n\tReason: The message could not be delivered because the recipient's mailbox is full.\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: PyPI Support <support@pypi.example>\r\nTo: Graham@X.test\r\nMessage-ID: <ack-9@mailcase.pypi.example>\r\nSubject: x\r\n\r\nbody\r\n--b--\r\n";
        let r = report(raw).expect("a report");
        assert_eq!(r.failed_recipients().collect::<Vec<_>>(), ["graham@x.test"]);
        assert_eq!(
            r.original_message_id.as_deref(),
            Some("ack-9@mailcase.pypi.example")
        );
        // a delay warning returns the message too, but nothing failed yet
        let warning = raw.replace(
            "Message could not be delivered to some recipients.",
            "Delivery is delayed; the server will retry for 2 days.",
        );
        if let Some(r) = report(&warning) {
            assert_eq!(r.failed_recipients().count(), 0);
        }
    }

    #[test]
    fn ordinary_mail_and_forwarded_reports_are_not_reports() {
        assert_eq!(
            report("From: jane@x.test\r\nSubject: hello\r\n\r\nMessage-ID: <a@b>\r\n"),
            None
        );
        let forwarded = "From: jane@x.test\r\nSubject: Fwd: bounce\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\
--b\r\nContent-Type: text/plain\r\n\r\nI got this, help\r\n\
--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: MAILER-DAEMON@x.test\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=c\r\n\r\n\
--c\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822;a@x.test\r\nAction: failed\r\n\r\n--c--\r\n--b--\r\n";
        assert_eq!(report(forwarded), None);
    }

    #[test]
    fn status_codes_are_found_only_as_whole_codes() {
        assert_eq!(status_code("smtp; 550 5.1.1 user unknown"), Some("5.1.1"));
        assert_eq!(
            status_code("4.0.0 (unknown temporary failure)"),
            Some("4.0.0")
        );
        assert_eq!(status_code("version 1.2.3.4 and 192.0.2.1"), None);
        assert_eq!(status_code("5.7.1"), Some("5.7.1"));
        assert_eq!(status_code("no code"), None);
    }

    proptest::proptest! {
        #[test]
        fn text_readers_never_panic(text in "\\PC{0,400}") {
            let _ = delivery_status(&text);
            let _ = prose_recipients(&text);
            let _ = returned_message_id(&text);
            let _ = status_code(&text);
            let _ = split_returned(&text);
            let _ = message_id_value(&text);
        }

        #[test]
        fn status_codes_are_what_they_claim(text in "[0-9. a-z]{0,40}") {
            if let Some(code) = status_code(&text) {
                let parts: Vec<&str> = code.split('.').collect();
                proptest::prop_assert_eq!(parts.len(), 3);
                proptest::prop_assert!(matches!(parts[0], "2" | "4" | "5"));
            }
        }
    }

    #[test]
    fn message_id_values_lose_brackets_and_comments() {
        assert_eq!(message_id_value(" <a@b> (comment)").as_deref(), Some("a@b"));
        assert_eq!(message_id_value("a@b").as_deref(), Some("a@b"));
        assert_eq!(message_id_value("  ").as_deref(), None);
    }
}
