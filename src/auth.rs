//! Reads `Authentication-Results` header fields (RFC 8601) written by the receiving mail server
//! that mailcase trusts, and decides whether the From address may be forged: the
//! `unauthenticated_sender` flag of fields.md.
//!
//! Anyone can add an `Authentication-Results` field to a message they send, so only fields whose
//! authserv-id is in the configured trusted list count (RFC 8601 §5 and §7.2), and of those only
//! the first (topmost) run of consecutive trusted fields: fields are prepended, so a field that
//! claims a trusted id further down, below another server's field, was already in the message
//! before it reached our server. RFC 8601 §5 also asks the border MTA to remove or rename
//! incoming fields that claim its authserv-id; configure it to, because a forged field placed
//! right below the real ones cannot be told apart here.
//!
//! The verdict ([`AuthVerdict::unauthenticated`]), per fields.md:
//! - no trusted field at all, or only `authserv-id; none` → `false` (nothing was recorded);
//! - a trusted `dmarc=fail` → `true`;
//! - a trusted `dmarc=pass` → `false` (DMARC passes only with an aligned SPF or DKIM pass);
//! - otherwise `true` unless a `dkim=pass` whose `header.d` (or the domain of `header.i`), or an
//!   `spf=pass` whose `smtp.mailfrom` domain, is *aligned* with the From domain: equal to it,
//!   or one a subdomain of the other (DMARC relaxed alignment, approximated without the Public
//!   Suffix List: the shorter of the two must still have a dot, so `d=com` aligns with nothing).
//!
//! Parsing follows RFC 8601 §2.2 leniently: comments `( … )` (nested, with `\` quoting) are
//! dropped, quoted strings are read as values, whitespace around `=`, `.` and `/` is allowed,
//! unknown methods and non-standard properties (`action=none`, `compauth=pass reason=100`)
//! are kept or skipped without failing, and folded lines are fine.

use crate::parse::ParsedMessage;
use serde::Serialize;

/// One `method=result` of a trusted field, with the properties mailcase looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MethodResult {
    /// The authserv-id of the field it came from, lowercased.
    pub authserv_id: String,
    /// `dkim`, `spf`, `dmarc`, … lowercased, without a method version (`dkim/1` → `dkim`).
    pub method: String,
    /// `pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`, `policy`…
    pub result: String,
    /// `reason=` text, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `header.from` (DMARC): the From domain the server evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_from: Option<String>,
    /// `header.d` (DKIM): the signing domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_d: Option<String>,
    /// `header.i` (DKIM): the signing identity (`@domain` or `user@domain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_i: Option<String>,
    /// `smtp.mailfrom` (SPF): the envelope sender (address or domain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_mailfrom: Option<String>,
}

impl MethodResult {
    fn passed(&self) -> bool {
        self.result == "pass"
    }

    /// The domain this result authenticates: DKIM `header.d` (else the domain of `header.i`),
    /// SPF `smtp.mailfrom`'s domain, DMARC `header.from`.
    pub fn domain(&self) -> Option<String> {
        let value = match self.method.as_str() {
            "dkim" => self.header_d.as_deref().or(self.header_i.as_deref()),
            "spf" => self.smtp_mailfrom.as_deref(),
            "dmarc" => self.header_from.as_deref(),
            _ => None,
        }?;
        let domain = value.rsplit_once('@').map_or(value, |(_, d)| d);
        let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
        (!domain.is_empty()).then_some(domain)
    }

    fn describe(&self) -> String {
        let prop = match self.method.as_str() {
            "dkim" => self.header_d.as_ref().map(|d| format!(" header.d={d}")),
            "spf" => self
                .smtp_mailfrom
                .as_ref()
                .map(|m| format!(" smtp.mailfrom={m}")),
            "dmarc" => self
                .header_from
                .as_ref()
                .map(|f| format!(" header.from={f}")),
            _ => None,
        };
        format!(
            "{}={}{}",
            self.method,
            self.result,
            prop.unwrap_or_default()
        )
    }
}

/// What the trusted server recorded about a message's authenticity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuthVerdict {
    /// The trusted authserv-ids whose fields were read (empty: nothing trusted was recorded).
    pub authserv_ids: Vec<String>,
    /// The From domain the results were compared with, lowercased.
    pub from_domain: Option<String>,
    pub dmarc: Vec<MethodResult>,
    pub dkim: Vec<MethodResult>,
    pub spf: Vec<MethodResult>,
    /// The From address may be forged (the `unauthenticated_sender` flag).
    pub unauthenticated: bool,
    /// Why, in words, for staff ("dmarc=fail header.from=example.org").
    pub reason: String,
}

/// Evaluates the `Authentication-Results` fields of `msg` written by a trusted server.
/// `trusted_authserv_ids` are compared case-insensitively.
pub fn evaluate(msg: &ParsedMessage, trusted_authserv_ids: &[String]) -> AuthVerdict {
    let trusted = |id: &str| {
        trusted_authserv_ids
            .iter()
            .any(|t| t.trim().eq_ignore_ascii_case(id))
    };
    let mut verdict = AuthVerdict::default();
    let mut any_result = false;
    for value in msg.header_all("authentication-results") {
        let Some(field) = parse_field(value) else {
            continue;
        };
        if !trusted(&field.authserv_id) {
            // The topmost run of trusted fields ends at the next untrusted one.
            if !verdict.authserv_ids.is_empty() {
                break;
            }
            continue;
        }
        if !verdict.authserv_ids.contains(&field.authserv_id) {
            verdict.authserv_ids.push(field.authserv_id.clone());
        }
        for result in field.results {
            any_result = true;
            match result.method.as_str() {
                "dmarc" => verdict.dmarc.push(result),
                "dkim" => verdict.dkim.push(result),
                "spf" => verdict.spf.push(result),
                _ => {}
            }
        }
    }
    verdict.from_domain = msg
        .from
        .as_ref()
        .and_then(|m| {
            m.address
                .rsplit_once('@')
                .map(|(_, d)| d.trim().trim_end_matches('>').to_ascii_lowercase())
        })
        .filter(|d| !d.is_empty())
        .or_else(|| verdict.dmarc.iter().find_map(MethodResult::domain));

    if verdict.authserv_ids.is_empty() {
        verdict.reason = "no Authentication-Results from a trusted server".into();
        return verdict;
    }
    if !any_result {
        verdict.reason = format!(
            "{}: none (no authentication was performed)",
            verdict.authserv_ids.join(", ")
        );
        return verdict;
    }
    if let Some(fail) = verdict.dmarc.iter().find(|r| r.result == "fail") {
        verdict.unauthenticated = true;
        verdict.reason = fail.describe();
        return verdict;
    }
    if let Some(pass) = verdict.dmarc.iter().find(|r| r.passed()) {
        verdict.reason = pass.describe();
        return verdict;
    }
    let from = verdict.from_domain.clone().unwrap_or_default();
    let aligned_pass = verdict
        .dkim
        .iter()
        .chain(&verdict.spf)
        .find(|r| r.passed() && r.domain().is_some_and(|d| aligned(&d, &from)));
    match aligned_pass {
        Some(pass) => verdict.reason = format!("{} (aligned with {from})", pass.describe()),
        None => {
            verdict.unauthenticated = true;
            let seen: Vec<String> = verdict
                .dkim
                .iter()
                .chain(&verdict.spf)
                .map(MethodResult::describe)
                .collect();
            let seen = if seen.is_empty() {
                "no SPF or DKIM result".to_string()
            } else {
                seen.join(", ")
            };
            let from = if from.is_empty() {
                "the From domain (none)".to_string()
            } else {
                from
            };
            verdict.reason = format!("neither SPF nor DKIM passed for {from}: {seen}");
        }
    }
    verdict
}

/// Relaxed alignment without the Public Suffix List: equal, or one a subdomain of the other,
/// where the shorter one still has a dot.
fn aligned(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    short.contains('.') && long.ends_with(&format!(".{short}"))
}

/// One parsed `Authentication-Results` field.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Field {
    authserv_id: String,
    results: Vec<MethodResult>,
}

/// Parses one field value: `authserv-id [version] ( ; none / *( ; resinfo ) )`.
fn parse_field(value: &str) -> Option<Field> {
    let clean = strip_comments(value);
    let mut segments = split_outside_quotes(&clean, ';').into_iter();
    let head = segments.next()?;
    let authserv_id = words(&head).into_iter().next()?.to_ascii_lowercase();
    if authserv_id.is_empty() {
        return None;
    }
    let mut results = Vec::new();
    for segment in segments {
        if let Some(result) = parse_resinfo(&segment, &authserv_id) {
            results.push(result);
        }
    }
    Some(Field {
        authserv_id,
        results,
    })
}

/// `method[/version]=result [reason=value] [ptype.property=value …]`; `none` gives nothing.
fn parse_resinfo(segment: &str, authserv_id: &str) -> Option<MethodResult> {
    let items = words(&tighten(segment));
    let mut items = items.iter();
    let (method, result) = items.next()?.split_once('=')?;
    let method = method
        .split('/')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if method.is_empty() {
        return None;
    }
    let mut out = MethodResult {
        authserv_id: authserv_id.to_string(),
        method,
        result: unquote(result).to_ascii_lowercase(),
        ..MethodResult::default()
    };
    for item in items {
        let Some((key, value)) = item.split_once('=') else {
            continue;
        };
        let value = unquote(value);
        match key.to_ascii_lowercase().as_str() {
            "reason" => out.reason = Some(value),
            "header.from" => out.header_from = Some(value.to_ascii_lowercase()),
            "header.d" => out.header_d = Some(value.to_ascii_lowercase()),
            "header.i" => out.header_i = Some(value.to_ascii_lowercase()),
            "smtp.mailfrom" => out.smtp_mailfrom = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    Some(out)
}

/// Removes RFC 5322 comments outside quoted strings.
fn strip_comments(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
    for c in value.chars() {
        if escaped {
            escaped = false;
            if depth == 0 {
                out.push(c);
            }
            continue;
        }
        match c {
            '\\' if quoted || depth > 0 => {
                escaped = true;
                if depth == 0 {
                    out.push(c);
                }
            }
            '"' if depth == 0 => {
                quoted = !quoted;
                out.push(c);
            }
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(' ');
                }
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Splits on `sep` outside quoted strings.
fn split_outside_quotes(value: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let (mut quoted, mut escaped) = (false, false);
    for c in value.chars() {
        let current = out.last_mut().expect("never empty");
        if escaped {
            escaped = false;
            current.push(c);
            continue;
        }
        match c {
            '\\' if quoted => {
                escaped = true;
                current.push(c);
            }
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c == sep && !quoted => out.push(String::new()),
            c => current.push(c),
        }
    }
    out
}

/// Removes whitespace around `=`, `.` and `/` outside quoted strings (CFWS is allowed there).
fn tighten(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let (mut quoted, mut escaped) = (false, false);
    for c in value.chars() {
        if quoted {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                quoted = true;
                out.push(c);
            }
            '=' | '.' | '/' => {
                while out.ends_with(char::is_whitespace) {
                    out.pop();
                }
                out.push(c);
            }
            c if c.is_whitespace() && out.ends_with(['=', '.', '/']) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whitespace-separated words, keeping quoted strings whole.
fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut quoted, mut escaped) = (false, false);
    for c in value.chars() {
        if quoted {
            current.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        if c.is_whitespace() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            if c == '"' {
                quoted = true;
            }
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `"a \"b\""` → `a "b"`; anything else is trimmed as is.
fn unquote(value: &str) -> String {
    let value = value.trim();
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => {
            let mut out = String::with_capacity(inner.len());
            let mut escaped = false;
            for c in inner.chars() {
                if escaped || c != '\\' {
                    out.push(c);
                    escaped = false;
                } else {
                    escaped = true;
                }
            }
            out
        }
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Mailbox, ParsedMessage};

    fn msg(from: &str, results: &[&str]) -> ParsedMessage {
        ParsedMessage {
            from: Some(Mailbox {
                name: None,
                address: from.to_string(),
            }),
            headers: results
                .iter()
                .map(|v| ("authentication-results".to_string(), v.to_string()))
                .collect(),
            ..ParsedMessage::default()
        }
    }

    fn trusted() -> Vec<String> {
        vec!["mx.pypi.example".to_string()]
    }

    fn verdict(from: &str, results: &[&str]) -> AuthVerdict {
        evaluate(&msg(from, results), &trusted())
    }

    #[test]
    fn no_header_or_only_untrusted_headers_record_nothing() {
        let v = verdict("jane@example.org", &[]);
        assert!(!v.unauthenticated);
        assert!(v.authserv_ids.is_empty());
        let v = verdict(
            "jane@example.org",
            &["evil.example; dmarc=fail header.from=example.org; spf=fail"],
        );
        assert!(!v.unauthenticated, "{}", v.reason);
        assert!(v.dmarc.is_empty());
    }

    #[test]
    fn forged_pass_from_an_untrusted_server_does_not_count() {
        let v = verdict(
            "jane@example.org",
            &[
                "mx.pypi.example; spf=softfail smtp.mailfrom=evil.example; dkim=none",
                "forger.example; dkim=pass header.d=example.org; dmarc=pass",
            ],
        );
        assert!(v.unauthenticated, "{}", v.reason);
        assert!(
            v.reason
                .contains("neither SPF nor DKIM passed for example.org"),
            "{}",
            v.reason
        );
    }

    #[test]
    fn trusted_fields_below_an_untrusted_one_are_ignored() {
        let v = verdict(
            "jane@example.org",
            &[
                "mx.pypi.example; spf=fail smtp.mailfrom=example.org",
                "relay.other.example; spf=pass",
                "mx.pypi.example; dkim=pass header.d=example.org",
            ],
        );
        assert!(v.unauthenticated, "{}", v.reason);
        assert_eq!(v.dkim.len(), 0);
    }

    #[test]
    fn authserv_id_with_none_records_nothing() {
        let v = verdict("jane@example.org", &["mx.pypi.example; none"]);
        assert!(!v.unauthenticated);
        assert_eq!(v.authserv_ids, vec!["mx.pypi.example"]);
        assert!(v.reason.contains("none"));
        let v = verdict("jane@example.org", &["MX.PyPI.example 1 ; none"]);
        assert_eq!(v.authserv_ids, vec!["mx.pypi.example"]);
    }

    #[test]
    fn dmarc_fail_is_unauthenticated_even_with_a_pass_elsewhere() {
        let v = verdict(
            "ceo@bank.example",
            &[
                "mx.pypi.example; spf=pass smtp.mailfrom=evil.example; dmarc=fail (p=reject dis=none) header.from=bank.example",
            ],
        );
        assert!(v.unauthenticated);
        assert_eq!(v.reason, "dmarc=fail header.from=bank.example");
        assert_eq!(v.spf[0].smtp_mailfrom.as_deref(), Some("evil.example"));
    }

    #[test]
    fn dmarc_pass_is_authenticated() {
        let v = verdict(
            "jane@example.org",
            &["mx.pypi.example; dmarc=pass (p=none) header.from=example.org"],
        );
        assert!(!v.unauthenticated, "{}", v.reason);
    }

    #[test]
    fn aligned_dkim_pass_authenticates_and_subdomains_align() {
        let v = verdict(
            "jane@example.org",
            &["mx.pypi.example; dkim=pass header.d=example.org header.s=sel; spf=fail"],
        );
        assert!(!v.unauthenticated, "{}", v.reason);
        let v = verdict(
            "jane@mail.example.org",
            &["mx.pypi.example; dkim=pass header.d=example.org"],
        );
        assert!(!v.unauthenticated, "{}", v.reason);
        let v = verdict(
            "jane@example.org",
            &["mx.pypi.example; dkim=pass header.i=@bounces.example.org"],
        );
        assert!(!v.unauthenticated, "{}", v.reason);
    }

    #[test]
    fn unaligned_passes_do_not_authenticate() {
        let v = verdict(
            "jane@example.org",
            &[
                "mx.pypi.example; dkim=pass header.d=mailgun.example; spf=pass smtp.mailfrom=bounce@mailgun.example",
            ],
        );
        assert!(v.unauthenticated);
        assert!(
            v.reason.contains("dkim=pass header.d=mailgun.example"),
            "{}",
            v.reason
        );
        // A bare public suffix never aligns.
        let v = verdict(
            "jane@example.org",
            &["mx.pypi.example; dkim=pass header.d=org"],
        );
        assert!(v.unauthenticated);
        // Look-alike suffixes do not align.
        let v = verdict(
            "jane@example.org",
            &["mx.pypi.example; spf=pass smtp.mailfrom=x@badexample.org"],
        );
        assert!(v.unauthenticated);
    }

    #[test]
    fn aligned_spf_pass_authenticates() {
        let v = verdict(
            "jane@example.org",
            &[
                "mx.pypi.example; spf=pass (sender SPF authorized) smtp.mailfrom=Jane@Example.org; dkim=none",
            ],
        );
        assert!(!v.unauthenticated, "{}", v.reason);
        assert_eq!(v.spf[0].smtp_mailfrom.as_deref(), Some("jane@example.org"));
    }

    #[test]
    fn none_neutral_softfail_temperror_are_not_passes() {
        for result in [
            "none",
            "neutral",
            "softfail",
            "temperror",
            "permerror",
            "policy",
        ] {
            let v = verdict(
                "jane@example.org",
                &[&format!(
                    "mx.pypi.example; spf={result} smtp.mailfrom=example.org; dkim={result} header.d=example.org"
                )],
            );
            assert!(v.unauthenticated, "{result}: {}", v.reason);
            assert_eq!(v.spf[0].result, result);
        }
    }

    #[test]
    fn multiple_results_per_method_one_aligned_pass_suffices() {
        let v = verdict(
            "jane@example.org",
            &[
                "mx.pypi.example; dkim=fail reason=\"bad signature\" header.d=example.org; dkim=pass header.d=example.org; dkim=pass header.d=esp.example",
            ],
        );
        assert!(!v.unauthenticated, "{}", v.reason);
        assert_eq!(v.dkim.len(), 3);
        assert_eq!(v.dkim[0].reason.as_deref(), Some("bad signature"));
    }

    #[test]
    fn several_trusted_fields_from_separate_milters_are_combined() {
        let v = verdict(
            "jane@example.org",
            &[
                "mx.pypi.example; spf=pass smtp.mailfrom=example.org",
                "mx.pypi.example; dkim=none",
                "mx.pypi.example; dmarc=none header.from=example.org",
            ],
        );
        assert!(!v.unauthenticated, "{}", v.reason);
        assert_eq!((v.spf.len(), v.dkim.len(), v.dmarc.len()), (1, 1, 1));
    }

    #[test]
    fn comments_quotes_versions_whitespace_and_folding_are_read() {
        let header = "mx.pypi.example (mail server; v=2)  1 ;\r\n\tdkim/1 = pass (2048-bit key; \"unprotected\") header . d = \"example.org\"\r\n  header.b=AbC; spf=neutral (google.com: 192.0.2.1 is neither permitted; nor denied) smtp.mailfrom=\"a;b\"@x.example;\r\n dmarc=none";
        let v = verdict("jane@example.org", &[header]);
        assert_eq!(v.authserv_ids, vec!["mx.pypi.example"]);
        assert_eq!(v.dkim[0].result, "pass");
        assert_eq!(v.dkim[0].header_d.as_deref(), Some("example.org"));
        assert_eq!(v.spf[0].result, "neutral");
        assert_eq!(v.dmarc[0].result, "none");
        assert!(!v.unauthenticated, "{}", v.reason);
    }

    #[test]
    fn microsoft_style_fields_are_read() {
        let header = "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.org; dkim=pass (signature was verified) header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100";
        let v = evaluate(
            &msg("jane@example.org", &[&format!("mx.pypi.example; {header}")]),
            &trusted(),
        );
        assert!(!v.unauthenticated);
        assert_eq!(v.dmarc[0].header_from.as_deref(), Some("example.org"));
    }

    #[test]
    fn no_spf_or_dkim_at_all_from_a_trusted_server_is_unauthenticated() {
        let v = verdict(
            "jane@example.org",
            &["mx.pypi.example; iprev=pass policy.iprev=192.0.2.1"],
        );
        assert!(v.unauthenticated);
        assert!(v.reason.contains("no SPF or DKIM result"), "{}", v.reason);
    }

    #[test]
    fn garbage_does_not_panic() {
        for h in [
            "",
            ";",
            "   ;;; =",
            "(unterminated",
            "\"open",
            "x; =pass",
            "x; dkim=",
            "mx.pypi.example; dkim",
        ] {
            let _ = verdict("jane@example.org", &[h]);
        }
        let _ = evaluate(&ParsedMessage::default(), &trusted());
    }

    proptest::proptest! {
        #[test]
        fn any_header_text_parses_without_panicking(value in "\\PC{0,200}") {
            let _ = parse_field(&value);
            let _ = verdict("jane@example.org", &[&value, &format!("mx.pypi.example; {value}")]);
        }
    }

    #[test]
    fn alignment() {
        assert!(aligned("example.org", "example.org"));
        assert!(aligned("mail.example.org", "example.org"));
        assert!(aligned("example.org", "a.b.example.org"));
        assert!(!aligned("badexample.org", "example.org"));
        assert!(!aligned("org", "example.org"));
        assert!(!aligned("", "example.org"));
    }
}
