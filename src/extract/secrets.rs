//! Secrets a requester pastes into mail: 16-hex recovery codes, one-time codes given as such,
//! passwords given as such. They are redacted in everything staff see and everything mailcase
//! stores as text (the raw message alone keeps them), and never repeated in automated mail.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// What kind of secret was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretKind {
    RecoveryCode,
    OneTimeCode,
    Password,
    /// The seed of an authenticator (an `otpauth://` URI or a base32 TOTP secret).
    TotpSeed,
}

impl SecretKind {
    /// The placeholder that replaces the secret. Worded so it reads as no field statement.
    pub fn placeholder(self) -> &'static str {
        match self {
            SecretKind::RecoveryCode => "[redacted 16-hex code]",
            SecretKind::OneTimeCode => "[redacted one-time code]",
            SecretKind::Password => "[redacted password]",
            SecretKind::TotpSeed => "[redacted authenticator seed]",
        }
    }
}

/// 16 hex characters, alone or in groups of four (PyPI recovery codes).
static HEX16: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:[0-9a-f]{16}|[0-9a-f]{4}(?:[ -][0-9a-f]{4}){3})\b").expect("valid")
});
/// A 6-digit code right after words that say it is a one-time code.
static OTP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:otp|totp|2fa|mfa|one[- ]time|verification|authenticator|auth|security|login|sign[- ]in|codes?|app)\b[^.\n\d]{0,50}?\b(\d{3}[ -]?\d{3})\b")
        .expect("valid")
});
/// A 6-digit code the writer says they typed: "I typed `492817` at 14:07 and got the error".
static OTP_TYPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:typed|entered|tried|keyed\s+in|put\s+in|pasted)\s+(?:(?:(?:it\s+)?(?:again|once\s+more|twice)\s+)?with\s+(?:the\s+)?(?:code\s+)?(\d{3}[ -]?\d{3})\b\s*(?:[.,;!)–—-]|$|\s(?:and|but|from|fresh|which|just|only|too|again)\b)|(?:in\s+)?(?:the\s+)?(?:code\s+)?[`'"“]?(\d{3}[ -]?\d{3})\b)"#)
        .expect("valid")
});
/// A 6-digit code the site refused, after codes were named: "Since then the authenticator
/// codes get refused. E.g. the one it's showing right now, 604931 - rejected".
static OTP_REFUSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[^\d+\s]\s*(\d{6})\b\s*(?:[-–—:,]\s*|\s+(?:was|is|got|gets|also)\s+)(?:rejected|refused|not\s+accepted|declined|invalid|no\s+good|did(?:n't|\s+not)\s+work)\b")
        .expect("valid")
});
/// Codes named in the 120 bytes before a refused number (checked in code: a counted repeat in
/// the pattern would cost its automaton many states).
static CODES_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:codes?|otp|totp|authenticator|2fa|mfa|token)\b").expect("valid")
});
/// A date written with digits ("2024-03-15", "15.03.2024").
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})[.,;]?$")
        .expect("valid")
});
/// A number that reads as a year and a month (2024-06 written "202406").
static YEAR_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:19|20)\d\d(?:0[1-9]|1[0-2])$").expect("valid"));
/// Another 6-digit code in the same breath as one found: "I tried again with 492817 and
/// again with 118204, both rejected".
static OTP_ALSO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*(?:and|or|then)\s+(?:again\s+|also\s+|then\s+)?(?:with\s+)?(\d{3}[ -]?\d{3})\b")
        .expect("valid")
});
/// An authenticator seed: an `otpauth://` URI, or a base32 secret named as one.
static TOTP_SEED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)otpauth://[^\s<>]+|\b(?:totp|2fa|otp|mfa|authenticator)\s+(?:secret|seed|key)\b[^\n]{0,20}?\b([A-Z2-7]{16,}=*)")
        .expect("valid")
});
/// "Password" alone on a line (a form or a table turned into text): the next line holds it.
static PASSWORD_LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t|*]*(?:pypi\s+)?(?:password|passwd|passphrase)[ \t|*:]*\r?\n[ \t|]*([^\s|]{4,})").expect("valid")
});
/// A line about the password that ends in a colon, the password alone on the next: "The password
/// is still the same, I can give it to you if it helps:" / "Kaffeetasse#1987" (what stands
/// between the word and the colon is checked by [`find`]).
static PASSWORD_COLON_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[^\n]*\bpass(?:word|phrase)\b([^\n:]*):[ \t]*\r?\n[ \t]*(\S{6,})[ \t]*\r?$")
        .expect("valid")
});
/// Words between "password" and the colon that make the colon another thing's ("… but the
/// project is:", "my password hint:", "My username is below:").
const COLON_OF_ANOTHER: &[&str] = &[
    "user",
    "project",
    "package",
    "account",
    "name",
    "hint",
    "entry",
    "below",
    "login",
    "repo",
    "email",
    "address",
    "error",
    "message",
    "screenshot",
    "link",
    "token",
    "question",
    "said",
    "says",
    "following",
    "reads",
];
/// The word "password" (and its short forms); what follows it is examined by [`find`].
static PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    // every word that may be it: "pasword", "passward" and the other slips extraction reads as
    // "password" are kept by `typos::means_password`
    Regex::new(r"(?i)\bp[a-z]{1,11}\b").expect("valid")
});
/// After "password": `: X` / `= X` (labelled), or `… is X` / `… was X` within the clause.
static PASSWORD_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^\s*([:=])\s*(["'`“]?)([^\s"'`”]{4,})|\b(?:is|was|it'?s|it’s)\s*:?\s+(?:now\s+|still\s+)?(["'`“]?)([^\s"'`”]{4,})"#).expect("valid")
});

/// The sentence after one about the password, opening with "It's X" / "It is X" / "The old one
/// was X": X is the password when it reads like one ("… so they didn't change it. It's
/// Bluebonnet#Tx1987"; "… changed it overnight. For what it's worth, the old one was X";
/// "… so it hasn't been changed. For the record it's  Gr33nT3a!1997").
static IT_IS_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^[.!]\s+(?:(?:for\s+what\s+it(?:'|’)?s\s+worth|fwiw|incidentally|btw|by\s+the\s+way|(?:in\s+case|if)\s+(?:it\s+helps|you\s+need\s+(?:to\s+[a-z]+\s+)?it)|(?P<aside>for\s+the\s+record|for\s+reference))[,:\s]+)?(?:it'?s|it’s|it\s+is|it\s+was|(?:the|my)\s+(?:old|previous|former|current|new|real)\s+(?:one|password)\s+(?:is|was))\s*:?\s+(["'`“]?)(?P<value>[^\s"'`”]{6,})"#)
        .expect("valid")
});

/// The clause after a semicolon that offers the password: "…; in case it helps you check, it is
/// Mango-Lantern-2019" (an offer first, so "…; it's LastPass that keeps it" is no password).
static OFFERED_AFTER_SEMICOLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^;\s+(?:in\s+case\s+(?:it\s+helps|it(?:'|’)?s\s+useful|you\s+need\s+it)|if\s+it\s+helps|for\s+what\s+it(?:'|’)?s\s+worth|fwiw)(?:\s+[a-z']+){0,6}?\s*,\s*(?:it'?s|it’s|it\s+is|it\s+was)\s*:?\s+(["'`“]?)(?P<value>[^\s"'`”]{6,})"#)
        .expect("valid")
});

/// Words before a number that make it the number of something other than a code.
const NUMBER_OF: &[&str] = &[
    "ticket",
    "order",
    "issue",
    "pr",
    "case",
    "number",
    "no",
    "nr",
    "id",
    "invoice",
    "request",
    "application",
    "build",
    "job",
    "run",
    "version",
    "error",
    "reference",
    "ref",
    "postcode",
    "zip",
    "phone",
    "transaction",
    "release",
    "payment",
    "account",
];

/// Punctuation after a value that is not part of it ("it's still there:").
const TRAILING: [char; 7] = ['.', ',', ';', ':', '!', ')', '?'];

/// Words that can follow "password is" without being a password.
const NOT_A_PASSWORD: &[&str] = &[
    "still",
    "fine",
    "correct",
    "right",
    "wrong",
    "known",
    "unknown",
    "lost",
    "forgotten",
    "working",
    "valid",
    "invalid",
    "not",
    "also",
    "the",
    "that",
    "this",
    "same",
    "saved",
    "stored",
    "ok",
    "okay",
    "good",
    "there",
    "secure",
    "strong",
    "long",
    "reset",
    "changed",
    "accepted",
    "rejected",
    "in",
    "on",
    "stored",
    "unchanged",
    "definitely",
    "probably",
    "certainly",
    "something",
    "nothing",
    "available",
    "accessible",
    "mine",
    "gone",
    "none",
    "forgot",
    "remembered",
    "remember",
    "kept",
    "written",
    "somewhere",
    "only",
    "never",
    "after",
    "before",
    "when",
    "once",
    "since",
    "because",
    "which",
    "yes",
];

/// A word that reads like a password rather than English: a digit, a symbol or an inner
/// capital letter in it, or very long.
fn looks_like_password(w: &str) -> bool {
    let inner_upper = w.chars().skip(1).any(|c| c.is_uppercase());
    let digit_or_symbol = w
        .chars()
        .any(|c| c.is_ascii_digit() || (c.is_ascii_punctuation() && c != '-' && c != '\''));
    (w.len() >= 6 && (digit_or_symbol || inner_upper)) || w.len() >= 16
}

/// A word no sentence uses except as a secret: eight characters or more, a letter, a symbol
/// (not `-`, `'`, `.`, `/`, `_` or `:`), and a digit or an inner capital ("Odra-Tramwaj!2022",
/// "Buckeye$2019!"; not "2FA-protected", "1Password", "AES-256-GCM", "v1.2.3" or "https://…").
fn unmistakably_a_password(w: &str) -> bool {
    let w = w.trim_matches(|c: char| "\"'`“”‘’(),".contains(c));
    let digit = w.chars().any(|c| c.is_ascii_digit());
    let inner_upper = w.chars().skip(1).any(|c| c.is_uppercase());
    let symbol = w
        .chars()
        .any(|c| c.is_ascii_punctuation() && !matches!(c, '-' | '\'' | '.' | '/' | '_' | ':'));
    w.chars().count() >= 8
        && w.chars().any(char::is_alphabetic)
        && !w.contains("://")
        && !w.contains('@')
        && symbol
        && (digit || inner_upper)
}

/// Whether a grouped hex run at `start..end` continues with another group of four before or
/// after it ("7F3A 9C21 0B6E 44D8 A1C5 …").
fn in_longer_run(text: &str, start: usize, end: usize) -> bool {
    let group = |t: &str| t.len() >= 4 && t.chars().take(4).all(|c| c.is_ascii_hexdigit());
    // GnuPG prints a fingerprint's two halves two spaces apart ("55D1  8A60")
    let after = &text[end..];
    let after = after
        .strip_prefix("  ")
        .or_else(|| after.strip_prefix([' ', '-']));
    let before = &text[..start];
    let before = before
        .strip_suffix("  ")
        .or_else(|| before.strip_suffix([' ', '-']));
    after.is_some_and(group)
        || before.is_some_and(|b| {
            b.len() >= 4 && b.is_char_boundary(b.len() - 4) && group(&b[b.len() - 4..])
        })
}

/// One secret found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: SecretKind,
    pub start: usize,
    pub end: usize,
}

/// Finds the secrets in a text, in order, without overlaps.
pub fn find(text: &str) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for m in HEX16.find_iter(text) {
        // a 16-hex run that is all digits is more likely a number than a code, but PyPI codes
        // can be all digits too; require at least one letter or a grouped form
        let s = m.as_str();
        let grouped = s.contains([' ', '-']);
        if grouped && in_longer_run(text, m.start(), m.end()) {
            continue; // four groups inside a longer run of groups: a key fingerprint
        }
        // all digits in groups is an ID far more often ("ORCID: 0000-0002-5817-3304", a card
        // or phone number): a code only when codes are named just before it
        let codes_before = || {
            let from = text.floor_char_boundary(m.start().saturating_sub(60));
            CODES_NAMED.is_match(&text[from..m.start()])
        };
        if s.chars().any(|c| c.is_ascii_alphabetic()) || (grouped && codes_before()) {
            found.push(Found {
                kind: SecretKind::RecoveryCode,
                start: m.start(),
                end: m.end(),
            });
        }
    }
    for m in TOTP_SEED.captures_iter(text) {
        let g = m
            .get(1)
            .unwrap_or_else(|| m.get(0).expect("group 0 exists"));
        found.push(Found {
            kind: SecretKind::TotpSeed,
            start: g.start(),
            end: g.end(),
        });
    }
    for c in PASSWORD_LABEL_LINE.captures_iter(text) {
        let g = c.get(1).expect("group 1 exists");
        if !NOT_A_PASSWORD.contains(&g.as_str().to_lowercase().as_str()) {
            found.push(Found {
                kind: SecretKind::Password,
                start: g.start(),
                end: g.end(),
            });
        }
    }
    for c in PASSWORD_COLON_LINE.captures_iter(text) {
        let between = c[1].to_lowercase();
        let g = c.get(2).expect("group 2 exists");
        if !COLON_OF_ANOTHER.iter().any(|w| between.contains(w))
            && looks_like_password(g.as_str())
            && !g.as_str().contains("://")
        {
            found.push(Found {
                kind: SecretKind::Password,
                start: g.start(),
                end: g.end(),
            });
        }
    }
    // "ticket 123456 was rejected": a number of something else
    let refused = OTP_REFUSED.captures_iter(text).filter(|c| {
        let Some(number) = c.get(1) else {
            return false;
        };
        let at = number.start();
        // the word right before the number ("Ticket 604931 - rejected")
        let before = text[..at]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .trim_start_matches('(')
            .to_lowercase();
        // (on the number's own line)
        let from = text.floor_char_boundary(at.saturating_sub(120));
        let window = text[from..at].rsplit('\n').next().unwrap_or("");
        CODES_NAMED.is_match(window)
            // "202406 - rejected": a year and a month
            && !YEAR_MONTH.is_match(number.as_str())
            && !before.ends_with('#')
            && !NUMBER_OF.contains(&before.trim_end_matches(['.', ':']))
    });
    let before_otps = found.len();
    for c in OTP
        .captures_iter(text)
        .chain(OTP_TYPED.captures_iter(text))
        .chain(refused)
    {
        let Some(g) = c.get(1).or_else(|| c.get(2)) else {
            continue;
        };
        // "I typed 555 123 4567": more digits go on, a phone number, not a code
        let after = text[g.end()..].trim_start_matches([' ', '-']);
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        found.push(Found {
            kind: SecretKind::OneTimeCode,
            start: g.start(),
            end: g.end(),
        });
    }
    // "… with 492817 and again with 118204": the codes after one found
    let mut k = before_otps;
    while k < found.len() {
        let rest = &text[found[k].end..];
        if let Some(g) = OTP_ALSO.captures(rest).and_then(|c| c.get(1))
            // "… and again with 202402 as the date"
            && !YEAR_MONTH.is_match(g.as_str())
            && !rest[g.end()..].trim_start().starts_with("as ")
        {
            let start = found[k].end + g.start();
            found.push(Found {
                kind: SecretKind::OneTimeCode,
                start,
                end: start + g.len(),
            });
        }
        k += 1;
    }
    for m in PASSWORD
        .find_iter(text)
        .filter(|m| super::typos::means_password(m.as_str()))
    {
        // the rest of the clause after the word, at most 100 bytes (looked for in the next 200
        // only, so a long line without stops costs no more than a short one) …
        let rest = &text[m.end()..];
        let mut near = rest.len().min(200);
        while !rest.is_char_boundary(near) {
            near -= 1;
        }
        let mut end = rest[..near].find(['.', '\n', ';']).unwrap_or(near).min(100);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        // … and never ending inside a word, which would leave the rest of a password shown
        while let Some(c) = rest[end..]
            .chars()
            .next()
            .filter(|c| !c.is_whitespace() && !matches!(c, '.' | ';'))
        {
            end += c.len_utf8();
        }
        let window = &rest[..end];
        for c in PASSWORD_VALUE.captures_iter(window) {
            let (quote, g) = match (c.get(3), c.get(5)) {
                (Some(g), _) => (c.get(2).map_or("", |q| q.as_str()), g),
                (None, Some(g)) => (c.get(4).map_or("", |q| q.as_str()), g),
                _ => continue,
            };
            let labelled = c.get(1).is_some() || !quote.is_empty(); // "password: X" or quoted
            let word = g.as_str().trim_end_matches(TRAILING);
            if word.len() < 4
                || NOT_A_PASSWORD.contains(&word.to_lowercase().as_str())
                || word.starts_with('[')
            {
                continue;
            }
            if !labelled && !looks_like_password(word) {
                continue; // "the password was never set": prose, not a password
            }
            let start = m.end() + g.start();
            found.push(Found {
                kind: SecretKind::Password,
                start,
                end: start + word.len(),
            });
            break;
        }
        // "About the password: the one I had used since 2022, Odra-Tramwaj!2022, is rejected
        // now": a word that can only be a password, anywhere in the clause after the word
        for w in window.split_whitespace() {
            let word = w
                .trim_start_matches(|c: char| "\"'`“‘(".contains(c))
                .trim_end_matches(|c: char| TRAILING.contains(&c) || "\"'`”’".contains(c));
            if unmistakably_a_password(word) {
                let offset = word.as_ptr() as usize - window.as_ptr() as usize;
                let start = m.end() + offset;
                found.push(Found {
                    kind: SecretKind::Password,
                    start,
                    end: start + word.len(),
                });
            }
        }
        // "…; in case it helps you check, it is X" in the same sentence, or "… . It's X" in
        // the next one
        let semicolon = rest[..near]
            .find(';')
            .filter(|&at| !rest[..at].contains(['.', '!', '\n']))
            .and_then(|at| Some((at, OFFERED_AFTER_SEMICOLON.captures(&rest[at..])?)));
        let next_sentence = || {
            let stop = rest[..near].find(['.', '!', '\n'])?;
            Some((stop, IT_IS_NEXT.captures(&rest[stop..])?))
        };
        if let Some((stop, c)) = semicolon.or_else(next_sentence) {
            let g = c.name("value").expect("the value group exists");
            let word = g.as_str().trim_end_matches(TRAILING);
            // "It's 2FA-protected" is a hyphenated word, not a password
            let hyphenated_word = word.contains('-')
                && word
                    .split('-')
                    .all(|p| p.chars().all(|c| c.is_ascii_alphanumeric()))
                && word.rsplit('-').next().is_some_and(|last| {
                    !last.is_empty() && last.chars().all(|c| c.is_ascii_lowercase())
                });
            // "For the record it's pypi.org/user/x": after an aside that opens a remark of
            // any kind, only a word no sentence uses except as a secret
            let aside = c.name("aside").is_some();
            // an address, a link or a date is no password ("it's pat.doe@example.org")
            let other_thing = word.contains(['@', '/']) || DATE.is_match(word);
            if looks_like_password(word)
                && !word.starts_with('[')
                && !hyphenated_word
                && !other_thing
                && (!aside || unmistakably_a_password(word))
            {
                let start = m.end() + stop + g.start();
                found.push(Found {
                    kind: SecretKind::Password,
                    start,
                    end: start + word.len(),
                });
            }
        }
    }
    for f in found.iter_mut().filter(|f| f.kind == SecretKind::Password) {
        f.end = through_closing_quote(text, f.start, f.end);
    }
    // "password = pypi-<cut>", "password: ********": the writer already left the secret out
    found
        .retain(|f| f.kind != SecretKind::Password || !PLACEHOLDER.is_match(&text[f.start..f.end]));
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        if out.last().is_none_or(|l| f.start >= l.end) {
            out.push(f);
        }
    }
    out
}

/// The text with every secret replaced by its placeholder, and what was found.
/// A value that stands in for a secret left out: `<cut>`, `<your token>`, `********`.
static PLACEHOLDER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)<[a-z _-]{1,20}>|^[*x•]{4,}$").expect("valid")
});

/// The end of a quoted password: "`Kora-Mangrove-19!`" ends at the closing quote, so the
/// punctuation trimmed from a bare word's end ("it is Hunter2!") is the password's own here.
fn through_closing_quote(text: &str, start: usize, end: usize) -> usize {
    let Some(open) = text[..start].chars().next_back() else {
        return end;
    };
    let close = match open {
        '`' | '\'' | '"' => open,
        '“' => '”',
        '‘' => '’',
        _ => return end,
    };
    let rest = &text[end..];
    let run = rest.len() - rest.trim_start_matches(TRAILING).len();
    if run > 0 && rest[run..].starts_with(close) {
        end + run
    } else {
        end
    }
}

pub fn redact(text: &str) -> (String, Vec<SecretKind>) {
    let found = find(text);
    if found.is_empty() {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in &found {
        out.push_str(&text[at..f.start]);
        out.push_str(f.kind.placeholder());
        // a secret alone on its line ends its sentence there, so the next line is not read
        // with the placeholder's words ("… if it helps:" / "[redacted password]" / "The phone is
        // gone.")
        let line_start = text[..f.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[f.end..].find('\n').map_or(text.len(), |i| f.end + i);
        if text[line_start..f.start].trim().is_empty()
            && text[f.end..line_end].trim().is_empty()
            && line_end < text.len()
        {
            out.push('.');
        }
        at = f.end;
    }
    out.push_str(&text[at..]);
    (out, found.iter().map(|f| f.kind).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_password_is_hidden_to_its_closing_quote_and_placeholders_are_not_secrets() {
        for text in [
            "My password is `Kora-Mangrove-19!` and it still works.",
            "the password 'Tallinn#Harbour2021?' is accepted",
        ] {
            let (red, kinds) = redact(text);
            assert_eq!(kinds, vec![SecretKind::Password], "{text}");
            assert!(!red.contains("!`") && !red.contains("?'"), "{red}");
        }
        for text in [
            "[pypi]\nusername = __token__\npassword = pypi-<cut>",
            "password: ********",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
        // a password ending in dots is still a password
        assert!(!find("My password is \"Summer2024...\" and it is still accepted.").is_empty());
    }

    #[test]
    fn seeds_labelled_lines_and_fingerprints() {
        for (text, placeholder, kind) in [
            (
                "Password\nGandalf#Grey2019\nRecovery codes",
                "[redacted password]",
                SecretKind::Password,
            ),
            (
                "otpauth://totp/PyPI:m?secret=JBSWY3DPEHPK3PXPK5QWE7TYMZXGC2LO&issuer=PyPI",
                "[redacted authenticator seed]",
                SecretKind::TotpSeed,
            ),
            (
                "My TOTP secret is JBSWY3DPEHPK3PXP",
                "[redacted authenticator seed]",
                SecretKind::TotpSeed,
            ),
            (
                "code 5e0c 2b9a 17f4 d386 fails",
                "[redacted 16-hex code]",
                SecretKind::RecoveryCode,
            ),
        ] {
            let (red, kinds) = redact(text);
            assert!(red.contains(placeholder), "{text} -> {red}");
            assert_eq!(kinds, vec![kind], "{text}");
        }
        assert!(
            find("my key fingerprint is 7F3A 9C21 0B6E 44D8 A1C5 E290 1D3B 77AA 0C4E 5F21")
                .is_empty()
        );
        // as GnuPG prints it, the halves two spaces apart (a signature line)
        assert!(find("GPG: 4F1A 93C2 0B7E 55D1  8A60 2C4E 9F31 D0B7 7E24 6A19").is_empty());
        // a code alone is still one, with one space or two after it
        assert_eq!(
            find("my code 4f1a 93c2 0b7e 55d1  and then nothing").len(),
            1
        );
    }

    #[test]
    fn a_password_in_the_next_sentence_and_a_spaced_code_after_codes() {
        for (text, placeholder, kind) in [
            (
                "The password is unchanged, it still works. It's Marigold!Dx55 in case you need it.",
                "[redacted password]",
                SecretKind::Password,
            ),
            (
                "My password didn't work, since they changed it. For what it's worth, the old one was Tr4mline-Fitzroy-86.",
                "[redacted password]",
                SecretKind::Password,
            ),
            (
                "Password still gets me as far as the 2FA prompt, so it hasn't been changed. For the record it's  Gr33nT3a!1997  -- rotate it.",
                "[redacted password]",
                SecretKind::Password,
            ),
            (
                "My password still gets me as far as that prompt; in case it helps you check, it is Mango-Lantern-2019.",
                "[redacted password]",
                SecretKind::Password,
            ),
            (
                "They did not change my password; I checked this morning. It's Bluebonnet#Tx1987 if you need it.",
                "[redacted password]",
                SecretKind::Password,
            ),
            (
                "The codes the app makes are refused; just now it gave 907 114 and failed.",
                "[redacted one-time code]",
                SecretKind::OneTimeCode,
            ),
        ] {
            let (red, kinds) = redact(text);
            assert!(red.contains(placeholder), "{text} -> {red}");
            assert_eq!(kinds, vec![kind], "{text}");
        }
        for text in [
            "My password is known to me. It's fine.",
            "I know the password. It's 2FA-protected, that is the problem.",
            "I lost my phone. It's Samsung2019 model.",
            "I lost my phone. The old one was Samsung2019.",
            "My password still works; it is the authenticator that broke.",
            "I know my password; it's 2FA-protected, that is the problem.",
            "I know my password; it's LastPass that keeps it for me.",
            "The password is not the problem; it's WebAuthn that fails.",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn recovery_codes_one_time_codes_and_passwords_are_redacted() {
        let cases = [
            (
                "I still have one of my old recovery codes: 5e0c2b9a17f4d386 - but",
                "[redacted 16-hex code]",
                SecretKind::RecoveryCode,
            ),
            (
                "code 5E0C 2B9A 17F4 D386 fails",
                "[redacted 16-hex code]",
                SecretKind::RecoveryCode,
            ),
            (
                "the OTP code is 123456 right now",
                "[redacted one-time code]",
                SecretKind::OneTimeCode,
            ),
            (
                "My password is hunter2!x",
                "[redacted password]",
                SecretKind::Password,
            ),
            (
                "password: S3cr3t-pass",
                "[redacted password]",
                SecretKind::Password,
            ),
        ];
        for (text, placeholder, kind) in cases {
            let (red, kinds) = redact(text);
            assert!(red.contains(placeholder), "{text} -> {red}");
            assert_eq!(kinds, vec![kind], "{text}");
        }
    }

    #[test]
    fn a_code_the_writer_typed_and_a_labelled_password_alone() {
        let text = "For example I typed `492817` at 14:07:10 and got the error above.";
        assert_eq!(redact(text).1, vec![SecretKind::OneTimeCode]);
        // "it's X" a while after "password", still in the same clause
        let text = "And the password, which I'd rather you had in case it helps trace the logins \u{2013} it's Galah-Sunburnt-1987! \u{2013} is the old one.";
        assert_eq!(redact(text).1, vec![SecretKind::Password]);
        // a labelled word that ends its line is a password; one going on into prose is not
        assert_eq!(redact("Password: bluebird").1, vec![SecretKind::Password]);
        assert_eq!(
            redact("Password: bluebird and the username is jdoe.").1,
            vec![SecretKind::Password]
        );
        assert!(find("I typed 555 123 4567 as my phone number.").is_empty());
        // a word that can only be a password, set off in the clause after "password"
        let text = "About the password: the one I had used since 2022, Odra-Tramwaj!2022, is rejected now.";
        assert_eq!(redact(text).1, vec![SecretKind::Password]);
        assert!(!redact(text).0.contains("Tramwaj"));
    }

    #[test]
    fn ordinary_numbers_and_words_are_not_secrets() {
        for text in [
            "My password is still fine and I know it.",
            "I was born on 12.03.1990 and live at 123456 Main street",
            "Order 1234567890123456 shipped",
            "the password is correct",
            "(the Authy backup password was never set, apparently)",
            "my password is something I can remember",
            "see https://pypi.org/project/foo/1.2.3/",
            "* Password: gone as well -- it was only saved in Firefox on that phone.",
            "Password: stored in my password manager and it works",
            "I typed the whole thing in at 14:07 and got an error",
            "I still know my password: after I enter it, the site asks for the code.",
            "My password for https://Pypi.org/Account/Login2 is known, and 2FA-protected.",
            "The password manager (KeePassXC, version 2.7.9) is gone.",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }
}
