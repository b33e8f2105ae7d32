//! Threading keys: case references, the signed token in our outbound Message-IDs, subject
//! normalisation, and the order in which a reply's ids are tried.
//!
//! A reference (`MC-7K3QH2`) is random with a check character; it is guessable in the sense
//! that it is printed in every subject, so a reference proves nothing about the sender. Our
//! outbound Message-IDs carry an HMAC over the reference and a nonce: a reply whose
//! `In-Reply-To`/`References` holds one proves which case it answers.

use hmac::{Hmac, Mac};
use regex::Regex;
use sha2::Sha256;
use std::sync::LazyLock;

/// Lowercase hex of bytes (hashes, keys, tokens).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Crockford base32: no I, L, O, U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn value_of(c: char) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u32)
}

fn check_char(body: &[u32]) -> char {
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(i, v)| (i as u32 + 2) * v)
        .sum();
    ALPHABET[(sum % 32) as usize] as char
}

/// Makes and recognises case references of one prefix.
#[derive(Debug, Clone)]
pub struct References {
    prefix: String,
    pattern: Regex,
}

impl References {
    pub fn new(prefix: &str) -> References {
        let prefix = prefix.to_ascii_uppercase();
        let pattern = Regex::new(&format!(
            r"(?i)(?:^|[^A-Za-z0-9]){}[-_ ]?([0-9A-Za-z]{{6}})(?:$|[^A-Za-z0-9])",
            regex::escape(&prefix)
        ))
        .expect("the reference pattern is valid for any escaped prefix");
        References { prefix, pattern }
    }

    /// A new random reference.
    pub fn generate(&self) -> String {
        let bytes: [u8; 5] = rand::random();
        let body: Vec<u32> = bytes.iter().map(|b| u32::from(*b) % 32).collect();
        let mut s = format!("{}-", self.prefix);
        s.extend(body.iter().map(|v| ALPHABET[*v as usize] as char));
        s.push(check_char(&body));
        s
    }

    /// The canonical form of a reference written in text, when its check character holds.
    pub fn canonical(&self, body6: &str) -> Option<String> {
        let vals: Vec<u32> = body6.chars().map(value_of).collect::<Option<_>>()?;
        if vals.len() != 6 || check_char(&vals[..5]) != ALPHABET[vals[5] as usize] as char {
            return None;
        }
        let mut s = format!("{}-", self.prefix);
        s.extend(vals.iter().map(|v| ALPHABET[*v as usize] as char));
        Some(s)
    }

    /// Every valid reference in a text (a subject), first first.
    pub fn find_all(&self, text: &str) -> Vec<String> {
        self.pattern
            .captures_iter(text)
            .filter_map(|c| self.canonical(&c[1]))
            .collect()
    }

    pub fn find(&self, text: &str) -> Option<String> {
        self.find_all(text).into_iter().next()
    }

    /// Parses a reference given on the command line (case-insensitive, tolerant of O/0, I/1).
    pub fn parse(&self, text: &str) -> Option<String> {
        let t = text.trim();
        let body = t.rsplit_once(['-', '_']).map(|(_, b)| b).unwrap_or(t);
        self.canonical(body)
    }
}

/// Signs and verifies the case token in our outbound Message-IDs.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
    domain: String,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("domain", &self.domain)
            .finish_non_exhaustive()
    }
}

type HmacSha256 = Hmac<Sha256>;
const TAG_BYTES: usize = 10;

impl Signer {
    pub fn new(key: Vec<u8>, domain: &str) -> Signer {
        Signer {
            key,
            domain: domain.to_ascii_lowercase(),
        }
    }

    fn mac(&self, reference: &str, nonce: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(reference.as_bytes());
        mac.update(b".");
        mac.update(nonce.as_bytes());
        mac
    }

    /// A new Message-ID (without brackets) for outbound mail of the case `reference`.
    pub fn message_id(&self, reference: &str) -> String {
        let nonce: u64 = rand::random();
        // 12 hex digits: a 16-hex run would read as a recovery code to the secret detector
        // when a bounce or a client shows our Message-ID
        let nonce = format!("{:012x}", nonce >> 16);
        let tag = self.mac(reference, &nonce).finalize().into_bytes();
        let tag: String = hex(&tag[..TAG_BYTES]);
        format!(
            "mc.{}.{nonce}.{tag}@{}",
            reference.to_ascii_lowercase(),
            self.domain
        )
    }

    /// The case reference a Message-ID (without brackets) was signed for, if it is one of ours
    /// and its signature holds.
    pub fn verify(&self, message_id: &str) -> Option<String> {
        let (local, domain) = message_id.trim().rsplit_once('@')?;
        if !domain.eq_ignore_ascii_case(&self.domain) {
            return None;
        }
        let mut parts = local.split('.');
        let (mc, reference, nonce, tag) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if mc != "mc" || parts.next().is_some() || tag.len() != TAG_BYTES * 2 {
            return None;
        }
        let reference = reference.to_ascii_uppercase();
        let tag: Vec<u8> = (0..TAG_BYTES)
            .map(|i| u8::from_str_radix(tag.get(i * 2..i * 2 + 2)?, 16).ok())
            .collect::<Option<_>>()?;
        self.mac(&reference, nonce)
            .verify_truncated_left(&tag)
            .ok()?;
        Some(reference)
    }

    /// Whether a Message-ID is in our domain (our own mail coming back).
    pub fn is_our_domain(&self, message_id: &str) -> bool {
        message_id
            .trim()
            .rsplit_once('@')
            .is_some_and(|(_, d)| d.eq_ignore_ascii_case(&self.domain))
    }
}

/// Reply and forward prefixes in many languages (mail-parser's `thread_name` list, plus a few).
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:re|aw|sv|vs|antw|ant|odp|r|rif|ri|tr|wg|fw|fwd|fwdm|enc|res|ynt|atb|vá|vs|ref|rv|rép|réf|回复|回覆|答复|转发|轉寄|返信|転送|отв|ответ|пересл|переслать|fs)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*",
    )
    .expect("prefix pattern compiles")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[[A-Za-z]{1,8}[-_ ]?[0-9A-Za-z]{6}\]").expect("tag pattern compiles")
});

/// Forward prefixes, as they open a subject.
static FORWARD_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:tr|wg|fw|fwd|fwdm|enc|rv|doorst|转发|轉寄|転送|пересл|переслать|fs)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]",
    )
    .expect("forward prefix pattern compiles")
});

/// Whether a subject presents its mail as a forward ("Fwd: my request from last week"), with
/// any reference tag set aside. A forward without threading headers is new mail on the same
/// matter, not a reply: the subject fallback of threading leaves it to open a case of its own
/// (flagged `possible_duplicate`), as a brand-new mail does in fields.md's examples.
pub fn is_forward_subject(subject: &str) -> bool {
    FORWARD_PREFIX.is_match(TAG.replace_all(subject, " ").trim_start())
}

/// The tags mail gateways put into subjects: "[SPAM?]", "[EXTERNAL]", "***SPAM***".
static GATEWAY_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\[\s*(?:(?:possible|suspected|probable)\s+)?spam\s*\??\s*\]|\[\s*(?:ext|external(?:\s+(?:sender|e-?mail|mail|message))?|caution(?:\s*[:-]\s*external(?:\s+\w+)?)?|suspicious|phishing\s*\??|warning(?:\s*[:-]\s*external(?:\s+\w+)?)?)\s*\]|\*{2,3}\s*(?:spam|external)\s*\*{2,3}",
    )
    .expect("gateway tag pattern compiles")
});

/// A subject without the tags mail gateways add ("[SPAM?] Locked out" → "Locked out"): the
/// subject a case keeps, and its automated mail repeats, so the requester's spam filter is
/// not invited to file our answer.
pub fn without_gateway_tags(subject: &str) -> std::borrow::Cow<'_, str> {
    if !GATEWAY_TAG.is_match(subject) {
        return std::borrow::Cow::Borrowed(subject);
    }
    GATEWAY_TAG
        .replace_all(subject, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

/// A subject without reply/forward prefixes, reference tags and gateway tags, whitespace
/// collapsed, lowercased: two mails "about the same thing" have the same key.
pub fn normalise_subject(subject: &str) -> String {
    let mut s = TAG
        .replace_all(&without_gateway_tags(subject), " ")
        .into_owned();
    loop {
        let next = PREFIX.replace(&s, "").into_owned();
        if next == s {
            break;
        }
        s = next;
    }
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The ids a reply names, in the order to try them: In-Reply-To first, then References from
/// the newest (rightmost) to the oldest, without repeats.
pub fn reply_ids(in_reply_to: &[String], references: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in in_reply_to.iter().chain(references.iter().rev()) {
        let id = id.trim().trim_matches(['<', '>']).to_string();
        if !id.is_empty() && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_tags_leave_the_subject() {
        for (raw, clean) in [
            (
                "[SPAM?] Locked out of my PyPI account",
                "Locked out of my PyPI account",
            ),
            (
                "[EXTERNAL] Re: [MC-7Q2K4P] answers",
                "Re: [MC-7Q2K4P] answers",
            ),
            ("***SPAM*** lost 2FA", "lost 2FA"),
            ("[Caution: External Email] help", "help"),
            ("Help with [ext] tool", "Help with tool"),
        ] {
            assert_eq!(without_gateway_tags(raw), clean, "{raw}");
        }
        // ordinary brackets stay
        for raw in [
            "[pypi] locked out",
            "Lost [my] phone",
            "spam filter ate my codes",
        ] {
            assert_eq!(without_gateway_tags(raw), raw);
        }
        assert_eq!(
            normalise_subject("[EXTERNAL] RE: Locked out"),
            normalise_subject("Locked out")
        );
    }

    #[test]
    fn generated_references_are_found_in_subjects_and_checked() {
        let refs = References::new("MC");
        for _ in 0..200 {
            let r = refs.generate();
            assert_eq!(refs.find(&format!("Re: [{r}] Locked out")), Some(r.clone()));
            assert_eq!(
                refs.find(&format!("PyPI case {} - my answers", r.to_lowercase())),
                Some(r.clone())
            );
            assert_eq!(refs.parse(&r), Some(r.clone()));
        }
        // a wrong check character is not a reference
        let r = refs.generate();
        let mut bad = r.clone();
        let last = bad.pop().unwrap();
        bad.push(if last == '0' { '1' } else { '0' });
        assert_eq!(refs.find(&bad), None);
        assert_eq!(refs.find("MCX-ABCDEF"), None);
    }

    #[test]
    fn forwards_are_told_from_replies_by_subject() {
        assert!(is_forward_subject("Fwd: Locked out"));
        assert!(is_forward_subject("[MC-7K3QH2] WG: Locked out"));
        assert!(is_forward_subject("转发：账户"));
        assert!(!is_forward_subject("Re: Locked out"));
        assert!(!is_forward_subject("AW: Locked out"));
        assert!(!is_forward_subject("Locked out"));
        assert!(!is_forward_subject("Fwd Locked out"));
    }

    #[test]
    fn signed_message_ids_verify_and_forgeries_do_not() {
        let s = Signer::new(b"secret".to_vec(), "support.example");
        let id = s.message_id("MC-7K3QH2");
        assert_eq!(s.verify(&id), Some("MC-7K3QH2".into()));
        let other = Signer::new(b"other".to_vec(), "support.example");
        assert_eq!(other.verify(&id), None);
        let forged = id.replace("mc.mc-7k3qh2", "mc.mc-7k3qh3");
        assert_eq!(s.verify(&forged), None);
        assert_eq!(s.verify("abc@support.example"), None);
        assert!(s.is_our_domain(&id));
    }

    #[test]
    fn subjects_normalise_across_prefixes_and_tags() {
        assert_eq!(
            normalise_subject("Re: AW: [MC-7K3QH2]  Lost 2FA"),
            "lost 2fa"
        );
        assert_eq!(normalise_subject("RE: Fwd: lost 2FA"), "lost 2fa");
        assert_eq!(normalise_subject("回复：Lost 2FA"), "lost 2fa");
        assert_eq!(
            normalise_subject("Lost 2FA - account recovery"),
            "lost 2fa - account recovery"
        );
    }

    #[test]
    fn reply_ids_try_in_reply_to_then_references_newest_first() {
        let ids = reply_ids(&["c".into()], &["a".into(), "b".into(), "c".into()]);
        assert_eq!(ids, vec!["c", "b", "a"]);
    }
}
