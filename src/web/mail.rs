//! A stored message's source, as redacted text, and its attachments, as downloads.
//!
//! The raw bytes are the one place mailcase keeps secrets unredacted. The source view passes
//! them through [`crate::extract::secrets::redact`]; text parts whose transfer encoding
//! (base64, quoted-printable) would hide a secret from that are replaced by their decoded,
//! redacted text. Attachments are re-read from the raw bytes with mail-parser and always sent
//! as `application/octet-stream` with `Content-Disposition: attachment`: a browser never
//! renders one.

use super::AppState;
use super::auth::Staff;
use super::error::{Error, Result};
use crate::extract::secrets;
use crate::store::{messages, web as db};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use mail_parser::{Encoding, MessageParser, MimeHeaders as _, PartType};

async fn raw_bytes(st: &AppState, id: i64) -> Result<Vec<u8>> {
    let mut conn = st.store.conn().await?;
    if db::message_case(&mut conn, id).await?.is_none() {
        return Err(Error::NotFound);
    }
    Ok(messages::raw(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)?
        .raw)
}

/// The message source as text, with every secret redacted.
pub fn redacted_source(raw: &[u8]) -> String {
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    if let Some(msg) = MessageParser::default().parse(raw) {
        for part in &msg.parts {
            let text = match &part.body {
                PartType::Text(t) | PartType::Html(t) => t,
                _ => continue,
            };
            if part.encoding == Encoding::None {
                continue;
            }
            if secrets::find(text).is_empty() {
                continue;
            }
            let (start, end) = (part.offset_body as usize, part.offset_end as usize);
            if start < end && end <= raw.len() {
                let (red, _) = secrets::redact(text);
                spans.push((
                    start,
                    end,
                    format!(
                        "[mailcase: this part's encoded body is hidden because it holds a secret; \
                         its decoded text, redacted, follows]\n{red}\n"
                    ),
                ));
            }
        }
    }
    spans.sort_by_key(|s| s.0);
    let mut bytes = Vec::with_capacity(raw.len());
    let mut at = 0;
    for (start, end, text) in spans {
        if start < at {
            continue; // nested inside a part already replaced
        }
        bytes.extend_from_slice(&raw[at..start]);
        bytes.extend_from_slice(text.as_bytes());
        at = end;
    }
    bytes.extend_from_slice(&raw[at..]);
    secrets::redact(&String::from_utf8_lossy(&bytes)).0
}

/// `GET /messages/{id}/raw`
pub async fn raw(
    State(st): State<AppState>,
    _staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let raw = raw_bytes(&st, id).await?;
    let text = tokio::task::spawn_blocking(move || redacted_source(&raw))
        .await
        .map_err(anyhow::Error::from)?;
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    Ok(r)
}

/// A file name safe inside a quoted header parameter: no quotes, backslashes, control
/// characters or path separators; non-ASCII goes into `filename*` (RFC 6266, RFC 8187).
pub fn content_disposition(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '"' | '\\' | '/' | ';') {
                '_'
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .chars()
        .take(150)
        .collect();
    let clean = if clean.is_empty() {
        "attachment".to_string()
    } else {
        clean
    };
    let ascii: String = clean
        .chars()
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    let mut encoded = String::new();
    for b in clean.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// `GET /messages/{id}/attachments/{n}`
pub async fn attachment(
    State(st): State<AppState>,
    _staff: Staff,
    Path((id, n)): Path<(i64, usize)>,
) -> Result<Response> {
    let raw = raw_bytes(&st, id).await?;
    let found = tokio::task::spawn_blocking(move || -> Option<(String, Vec<u8>)> {
        let msg = MessageParser::default().parse(&raw)?;
        let part_id = *msg.attachments.get(n)?;
        let part = msg.parts.get(part_id as usize)?;
        let name = part
            .attachment_name()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("attachment-{}", n + 1));
        let bytes = match &part.body {
            // a nested message downloads as its source, without the enclosing part's headers
            PartType::Message(_) => {
                let (s, e) = (part.offset_body as usize, part.offset_end as usize);
                raw.get(s..e)?.to_vec()
            }
            _ => part.contents().to_vec(),
        };
        Some((name, bytes))
    })
    .await
    .map_err(anyhow::Error::from)?;
    let Some((name, bytes)) = found else {
        return Err(Error::NotFound);
    };
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&content_disposition(&name))
            .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_cannot_break_the_header() {
        let d = content_disposition("evil\"; filename=x.html\r\nSet-Cookie: a=b");
        assert!(!d.contains('\r') && !d.contains('\n'), "{d}");
        assert!(
            d.starts_with("attachment; filename=\"evil__ filename=x.html__Set-Cookie: a=b\""),
            "{d}"
        );
        assert!(HeaderValue::from_str(&d).is_ok());
        let d = content_disposition("../../passwd");
        assert!(d.contains("filename=\"_.._passwd\""), "{d}");
        let d = content_disposition("Übersicht.pdf");
        assert!(d.contains("filename*=UTF-8''%C3%9Cbersicht.pdf"), "{d}");
        assert_eq!(
            content_disposition(""),
            "attachment; filename=\"attachment\"; filename*=UTF-8''attachment"
        );
    }

    #[test]
    fn secrets_hidden_by_a_transfer_encoding_are_redacted_in_the_source() {
        use base64::Engine as _;
        let body = "my recovery code is 0123456789abcdef, please help\n";
        let b64 = base64::engine::general_purpose::STANDARD.encode(body);
        let raw = format!(
            "From: a@example.org\r\nSubject: codes\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{b64}\r\n"
        );
        let out = redacted_source(raw.as_bytes());
        assert!(!out.contains(&b64), "{out}");
        assert!(!out.contains("0123456789abcdef"), "{out}");
        assert!(out.contains("[redacted 16-hex code]"), "{out}");
        assert!(out.contains("Subject: codes"), "{out}");
        let plain = "From: a@example.org\r\nSubject: x\r\n\r\npassword: hunter2hunter\r\n";
        let out = redacted_source(plain.as_bytes());
        assert!(
            !out.contains("hunter2hunter") && out.contains("[redacted password]"),
            "{out}"
        );
    }
}
