//! The body of a parsed message: its text, its attachments, and what was broken in it.
//!
//! mail-parser finds the structure (which parts are the text body, which the HTML body, which
//! are attachments); the text of each body part is then decoded here again from the part's raw
//! bytes, so that [`crate::charset::decode`] can guess, repair and report charsets (mail-parser
//! decodes silently and, built without `full_encoding`, cannot decode the East Asian ones).

use super::{Attachment, Problem};
use crate::charset;
use mail_parser::parsers::MessageStream;
use mail_parser::{Encoding, HeaderName, HeaderValue, Message, MessagePart, MimeHeaders, PartType};
use std::borrow::Cow;

/// The text of a message and how it was obtained.
#[derive(Default)]
pub(super) struct BodyText {
    pub text: String,
    pub from_html: bool,
    pub problems: Vec<Problem>,
}

/// The text of a message: its text/plain body parts in order (an HTML part that mail-parser put
/// there because it had no plain alternative is converted); if that is only whitespace, the HTML
/// body parts converted. Nested `message/rfc822` parts are attachments and never contribute.
pub(super) fn text(msg: &Message<'_>) -> BodyText {
    text_at_depth(msg, 0)
}

/// How deep [`broken_multipart_text`] may re-parse broken multiparts inside broken multiparts.
const MAX_REPARSE_DEPTH: usize = 2;

fn text_at_depth(msg: &Message<'_>, depth: usize) -> BodyText {
    let mut out = BodyText::default();
    // mail-parser files an HTML part as text body when its multipart has no plain alternative,
    // and also when a plain and an HTML part sit side by side in a multipart/mixed. Only the
    // first case is new text: an HTML part is skipped when a sibling plain part has text.
    let parent = parents(msg);
    let mut plain: Vec<(u32, String)> = Vec::new();
    for &id in &msg.text_body {
        if let Some(
            part @ MessagePart {
                body: PartType::Text(_),
                ..
            },
        ) = msg.parts.get(id as usize)
        {
            plain.push((id, plain_text(msg, part, id, &mut out.problems)));
        }
    }
    let mut pieces: Vec<String> = Vec::new();
    for &id in &msg.text_body {
        let Some(part) = msg.parts.get(id as usize) else {
            continue;
        };
        match &part.body {
            PartType::Text(_) => {
                if let Some((_, text)) = plain.iter().find(|(p, _)| *p == id) {
                    pieces.push(text.clone());
                }
            }
            PartType::Html(_) => {
                let sibling_has_text = plain
                    .iter()
                    .any(|(p, text)| parent.get(p) == parent.get(&id) && !text.trim().is_empty());
                if !sibling_has_text {
                    pieces.push(html_text(msg, part, id, &mut out.problems));
                    out.from_html = true;
                }
            }
            _ => {}
        }
    }
    if pieces.iter().all(|p| p.trim().is_empty()) {
        let mut html_pieces = Vec::new();
        let mut problems = Vec::new();
        for &id in &msg.html_body {
            let Some(part) = msg.parts.get(id as usize) else {
                continue;
            };
            if let PartType::Html(_) = part.body {
                html_pieces.push(html_text(msg, part, id, &mut problems));
            }
        }
        if html_pieces.iter().any(|p| !p.trim().is_empty()) {
            pieces = html_pieces;
            out.from_html = true;
            out.problems.extend(problems);
        }
    }
    if pieces.iter().all(|p| p.trim().is_empty()) {
        if let Some(text) = broken_multipart_text(msg, depth, &mut out) {
            pieces = vec![text];
        } else if let Some(text) = fallback_text(msg, &mut out.problems) {
            pieces = vec![text];
        }
    }
    out.text = join(pieces);
    out
}

/// The parent multipart of every part, by part id.
fn parents(msg: &Message<'_>) -> std::collections::HashMap<u32, u32> {
    let mut parent = std::collections::HashMap::new();
    for (id, part) in msg.parts.iter().enumerate() {
        if let PartType::Multipart(children) = &part.body {
            for &c in children {
                parent.insert(c, id as u32);
            }
        }
    }
    parent
}

/// The text of a multipart part whose boundary mail-parser could not use (typically a
/// `boundary=` parameter on a line of its own, unfolded, as Office 365 bounces have it): the
/// boundary is inferred from the body's first `--` line that occurs again, and the part is
/// parsed again with it. A part that is explicitly an attachment or inside a nested message is
/// never used.
fn broken_multipart_text(msg: &Message<'_>, depth: usize, out: &mut BodyText) -> Option<String> {
    if depth >= MAX_REPARSE_DEPTH {
        return None;
    }
    let raw: &[u8] = msg.raw_message.as_ref();
    for part in &msg.parts {
        let ct = content_type(part);
        if !ct.starts_with("multipart/")
            || !matches!(part.body, PartType::Binary(_) | PartType::Text(_))
        {
            continue;
        }
        let Some(body) = raw.get(
            part.offset_body as usize..(part.offset_end as usize).max(part.offset_body as usize),
        ) else {
            continue;
        };
        let Some(boundary) = infer_boundary(body) else {
            continue;
        };
        let mut synthetic =
            format!("Content-Type: {ct}; boundary=\"{boundary}\"\r\n\r\n").into_bytes();
        synthetic.extend_from_slice(body);
        let Some(inner) = mail_parser::MessageParser::default().parse(&synthetic) else {
            continue;
        };
        let text = text_at_depth(&inner, depth + 1);
        if !text.text.trim().is_empty() {
            out.from_html |= text.from_html;
            out.problems.extend(text.problems);
            out.problems.push(Problem::MalformedMime {
                detail: format!(
                    "{ct} without a usable boundary: read with the inferred boundary {boundary:?}"
                ),
            });
            return Some(text.text);
        }
    }
    None
}

/// Text and HTML parts that mail-parser demoted to attachments because their encoding or
/// closing boundary was broken, read as what they declare to be.
fn damaged_text_parts(msg: &Message<'_>, problems: &mut Vec<Problem>) -> Option<String> {
    let mut pieces = Vec::new();
    for (id, part) in msg.parts.iter().enumerate().skip(1) {
        if !part.is_encoding_problem
            || part
                .content_disposition()
                .is_some_and(|d| d.is_attachment())
        {
            continue;
        }
        let id = id as u32;
        match content_type(part).as_str() {
            "text/plain" => pieces.push(plain_text(msg, part, id, problems)),
            "text/html" => pieces.push(html_text(msg, part, id, problems)),
            _ => {}
        }
    }
    let text = join(pieces);
    (!text.trim().is_empty()).then_some(text)
}

/// The boundary a multipart body uses: the first `--X` line among its first 50 lines whose
/// `--X` starts at least one more line. Line by line, so linear in the body.
fn infer_boundary(body: &[u8]) -> Option<String> {
    let lines = || {
        body.split(|&b| b == b'\n')
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
    };
    let candidates: Vec<&[u8]> = lines()
        .take(50)
        .filter_map(|line| {
            let b = line.strip_prefix(b"--")?.trim_ascii_end();
            let plausible = !b.is_empty()
                && b.len() <= 200
                && b.iter().all(|c| c.is_ascii_graphic() || *c == b' ')
                && !b.contains(&b'"');
            plausible.then_some(b)
        })
        .take(5)
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let mut counts = vec![0usize; candidates.len()];
    for rest in lines().filter_map(|l| l.strip_prefix(b"--")) {
        for (n, c) in counts.iter_mut().zip(&candidates) {
            *n += usize::from(rest.starts_with(c));
        }
    }
    let (b, _) = candidates.iter().zip(counts).find(|(_, n)| *n >= 2)?;
    std::str::from_utf8(b).ok().map(str::to_string)
}

/// Text that mail-parser did not file as a body but that is all the message says:
///
/// * the root part read as text because its structure is broken (a multipart without a usable
///   boundary, or a body that failed to decode), unless it is explicitly an attachment;
/// * the preamble of a multipart message without any text part (old bounces put their human
///   readable explanation there), unless it is the usual "This is a multi-part message" line.
fn fallback_text(msg: &Message<'_>, problems: &mut Vec<Problem>) -> Option<String> {
    let root = msg.parts.first()?;
    let broken_multipart = content_type(root).starts_with("multipart/");
    match &root.body {
        PartType::Binary(_) if broken_multipart => {
            let attachment = root
                .content_disposition()
                .is_some_and(|d| d.is_attachment());
            (!attachment).then(|| plain_text(msg, root, 0, problems))
        }
        PartType::Text(_) => {
            let attachment = root
                .content_disposition()
                .is_some_and(|d| d.is_attachment());
            (!attachment).then(|| plain_text(msg, root, 0, problems))
        }
        PartType::Multipart(children) => {
            if let Some(text) = damaged_text_parts(msg, problems) {
                return Some(text);
            }
            let boundary = root.content_type()?.attribute("boundary")?;
            let first = msg.parts.get(*children.first()? as usize)?;
            let raw: &[u8] = msg.raw_message.as_ref();
            let area = raw.get(
                root.offset_body as usize
                    ..(first.offset_header as usize).max(root.offset_body as usize),
            )?;
            // The preamble ends where the first line starting with `--boundary` does.
            let marker = format!("--{boundary}");
            let mut end = None;
            let mut at = 0;
            for line in area.split(|&b| b == b'\n') {
                if line.starts_with(marker.as_bytes()) {
                    end = Some(at);
                    break;
                }
                at += line.len() + 1;
            }
            let preamble = &area[..end?];
            let decoded = charset::decode(preamble, None);
            let text = normalise_newlines(&decoded.text);
            let trimmed = text.trim();
            let boilerplate = !trimmed.contains('\n')
                && (trimmed.to_ascii_lowercase().contains("mime")
                    || trimmed.to_ascii_lowercase().contains("multi-part"));
            if trimmed.is_empty() || boilerplate {
                return None;
            }
            if let Some(note) = decoded.note {
                problems.push(Problem::LossyCharset {
                    detail: format!("preamble: {note}"),
                });
            }
            Some(text.trim_matches('\n').to_string())
        }
        _ => None,
    }
}

/// Joins body parts, one line break between them, each ending with one.
fn join(pieces: Vec<String>) -> String {
    let mut pieces: Vec<String> = pieces
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect();
    if pieces.len() == 1 {
        return pieces.pop().unwrap_or_default();
    }
    let mut text = String::new();
    for p in pieces {
        text.push_str(&p);
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

fn plain_text(
    msg: &Message<'_>,
    part: &MessagePart<'_>,
    id: u32,
    problems: &mut Vec<Problem>,
) -> String {
    let decoded = decode_part(msg, part, id, false, problems);
    let text = normalise_newlines(&decoded);
    let flowed = part.content_type().is_some_and(|ct| {
        ct.attribute("format")
            .is_some_and(|f| f.trim().eq_ignore_ascii_case("flowed"))
    });
    if flowed {
        let delsp = part
            .content_type()
            .and_then(|ct| ct.attribute("delsp"))
            .is_some_and(|d| d.trim().eq_ignore_ascii_case("yes"));
        unflow(&text, delsp)
    } else {
        text
    }
}

fn html_text(
    msg: &Message<'_>,
    part: &MessagePart<'_>,
    id: u32,
    problems: &mut Vec<Problem>,
) -> String {
    let html = decode_part(msg, part, id, true, problems);
    let converted = crate::html::convert(&html);
    if converted.truncated && !problems.contains(&Problem::HtmlTruncated) {
        problems.push(Problem::HtmlTruncated);
    }
    converted.text
}

/// The text of one body part, decoded from its raw bytes with [`charset::decode`].
fn decode_part(
    msg: &Message<'_>,
    part: &MessagePart<'_>,
    id: u32,
    html: bool,
    problems: &mut Vec<Problem>,
) -> String {
    let fallback = || match &part.body {
        PartType::Text(t) | PartType::Html(t) => t.to_string(),
        _ => String::new(),
    };
    let raw: &[u8] = msg.raw_message.as_ref();
    let (start, end) = (part.offset_body as usize, part.offset_end as usize);
    let Some(body) = raw.get(start..end.max(start)) else {
        return fallback();
    };
    // A part whose transfer decoding failed (mail-parser then keeps it raw, `Encoding::None`)
    // often only lacks its closing boundary: decoding the span alone may well succeed.
    let encoding = match part.encoding {
        Encoding::None if part.is_encoding_problem => match transfer_encoding(part).as_str() {
            "base64" => Encoding::Base64,
            "quoted-printable" => Encoding::QuotedPrintable,
            _ => Encoding::None,
        },
        e => e,
    };
    let bytes: Cow<'_, [u8]> = match encoding {
        Encoding::Base64 => match MessageStream::new(body).decode_base64_mime(b"") {
            (usize::MAX, _) => Cow::Borrowed(body),
            (_, bytes) => bytes,
        },
        Encoding::QuotedPrintable => {
            match MessageStream::new(body).decode_quoted_printable_mime(b"") {
                (usize::MAX, _) => Cow::Borrowed(body),
                (_, bytes) => bytes,
            }
        }
        Encoding::None => Cow::Borrowed(body),
    };
    let declared = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .map(str::to_string);
    let declared = declared.or_else(|| {
        if html {
            charset::html_meta_charset(&bytes)
        } else {
            None
        }
    });
    let decoded = charset::decode(&bytes, declared.as_deref());
    if let Some(note) = decoded.note {
        problems.push(Problem::LossyCharset {
            detail: format!("part {id} ({}): {note}", content_type(part)),
        });
    }
    decoded.text
}

/// CRLF and bare CR become LF.
pub(super) fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A separator line ("----- Original Message ----- ", "________"): Windows Live Mail ends its
/// quote separator with a space, which would join it to the quoted "From:" line after it.
fn is_rule_line(content: &str) -> bool {
    let t = content.trim();
    ["-----", "_____", "=====", "*****"]
        .iter()
        .any(|r| t.starts_with(r) && t.ends_with(&r[..3]))
}

/// Decodes RFC 3676 `format=flowed`: a line ending in a space continues on the next line of
/// the same quote depth (the space is dropped with `DelSp=yes`); space-stuffing is undone. The
/// signature separator `-- ` is never joined. Quote markers are written back as `> ` per level.
pub(super) fn unflow(text: &str, delsp: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut para = String::new();
    let mut para_depth: Option<usize> = None;
    let flush = |out: &mut String, para: &mut String, depth: usize| {
        for _ in 0..depth {
            out.push('>');
        }
        if depth > 0 && !para.is_empty() {
            out.push(' ');
        }
        out.push_str(para);
        out.push('\n');
        para.clear();
    };
    let ends_with_newline = text.ends_with('\n');
    for line in text.lines() {
        let depth = line.bytes().take_while(|&b| b == b'>').count();
        let mut content = &line[depth..];
        content = content.strip_prefix(' ').unwrap_or(content);
        // A paragraph in progress at another depth ends here.
        if let Some(d) = para_depth.filter(|&d| d != depth) {
            flush(&mut out, &mut para, d);
        }
        let flowed = content.ends_with(' ') && content != "-- " && !is_rule_line(content);
        if flowed {
            let content = if delsp {
                &content[..content.len() - 1]
            } else {
                content
            };
            para.push_str(content);
            para_depth = Some(depth);
        } else {
            para.push_str(content);
            flush(&mut out, &mut para, depth);
            para_depth = None;
        }
    }
    if let Some(d) = para_depth {
        flush(&mut out, &mut para, d);
    }
    if !ends_with_newline && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// The attachments: every part mail-parser lists as one (files, inline images, text parts that
/// are not the body, nested messages), as metadata only.
pub(super) fn attachments(msg: &Message<'_>) -> Vec<Attachment> {
    msg.attachments
        .iter()
        .filter_map(|&id| msg.parts.get(id as usize))
        .map(|part| {
            let size = match &part.body {
                // A nested message's `raw_message` may be the whole outer message: use its span.
                PartType::Message(_) => {
                    (part.offset_end as usize).saturating_sub(part.offset_body as usize)
                }
                _ => part.len(),
            };
            let name = part
                .attachment_name()
                .map(|n| charset::fix_iso2022_residue(n).unwrap_or_else(|| n.to_string()))
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty());
            Attachment {
                name,
                content_type: content_type(part),
                size,
            }
        })
        .collect()
}

/// Lowercase `type/subtype` of a part, with the MIME defaults when the header is missing.
pub(super) fn content_type(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(ct) => match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
            None => ct.ctype().to_ascii_lowercase(),
        },
        None if part.is_message() => "message/rfc822".into(),
        None if matches!(part.body, PartType::Binary(_) | PartType::InlineBinary(_)) => {
            "application/octet-stream".into()
        }
        None => "text/plain".into(),
    }
}

/// The declared Content-Transfer-Encoding of a part, lowercase ("" when absent).
fn transfer_encoding(part: &MessagePart<'_>) -> String {
    part.headers
        .iter()
        .rev()
        .find(|h| h.name == HeaderName::ContentTransferEncoding)
        .and_then(|h| match &h.value {
            HeaderValue::Text(t) => Some(t.trim().to_ascii_lowercase()),
            _ => None,
        })
        .unwrap_or_default()
}

/// A `MalformedMime` problem for every part mail-parser flagged with an encoding problem.
pub(super) fn malformed(msg: &Message<'_>) -> Vec<Problem> {
    msg.parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_encoding_problem)
        .map(|(i, part)| {
            let cte = transfer_encoding(part);
            let why = if i == 0
                && part.offset_body as usize >= msg.raw_message.len()
                && !part.headers.is_empty()
            {
                "headers only: no blank line and no body".to_string()
            } else if part.is_message() || content_type(part).starts_with("message/") {
                "the enclosed message could not be read".to_string()
            } else if cte == "base64" || cte == "quoted-printable" {
                format!("invalid {cte}: kept as raw text")
            } else {
                "MIME boundary or part structure broken: read up to where it ends".to_string()
            };
            Problem::MalformedMime {
                detail: format!("part {i} ({}): {why}", content_type(part)),
            }
        })
        .collect()
}
