//! Templates and small text helpers. Templates are embedded in the binary and all named
//! `*.html`, which turns on minijinja's auto-escaping for every `{{ … }}`: email content is
//! only ever inserted as text. Nothing marks a value safe (`|safe` is not used anywhere).

use chrono::{DateTime, Utc};
use minijinja::Environment;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("login.html", include_str!("templates/login.html")),
    ("cases.html", include_str!("templates/cases.html")),
    ("case.html", include_str!("templates/case.html")),
    ("outbox.html", include_str!("templates/outbox.html")),
    ("mail.html", include_str!("templates/mail.html")),
];

/// The template environment (built once at startup; a template error is a startup error).
pub fn environment() -> anyhow::Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .map_err(|e| anyhow::anyhow!("template {name}: {e}"))?;
    }
    Ok(env)
}

/// HTML-escapes text (for the few pages written without a template).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '/' => out.push_str("&#x2f;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes everything but unreserved characters (RFC 3986 §2.3), for query values.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn parse_time(ts: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(ts.trim())
        .or_else(|_| DateTime::parse_from_rfc2822(ts.trim()))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A stored timestamp as people read it: `2026-02-10 16:07` (UTC), or the text as stored when
/// it does not parse.
pub fn time(ts: &str) -> String {
    match parse_time(ts) {
        Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        None => ts.to_string(),
    }
}

/// How long ago, short: `just now`, `5 min ago`, `3 h ago`, `12 d ago`, or the date.
pub fn ago(now: DateTime<Utc>, ts: &str) -> String {
    let Some(t) = parse_time(ts) else {
        return ts.to_string();
    };
    let s = (now - t).num_seconds();
    if s < 60 {
        "just now".into()
    } else if s < 3600 {
        format!("{} min ago", s / 60)
    } else if s < 86_400 {
        format!("{} h ago", s / 3600)
    } else if s < 86_400 * 60 {
        format!("{} d ago", s / 86_400)
    } else {
        t.format("%Y-%m-%d").to_string()
    }
}

/// A byte count for people: `812 B`, `14.2 KB`, `3.1 MB`.
pub fn size(n: usize) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    }
}

/// A snake_case name for people: `awaiting_info` → `awaiting info`.
pub fn words(name: &str) -> String {
    name.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses_and_escapes() {
        let env = environment().unwrap();
        for (name, _) in TEMPLATES {
            env.get_template(name).unwrap();
        }
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;&#x2f;a&gt;"
        );
    }

    #[test]
    fn helpers_render_for_people() {
        assert_eq!(url_encode("/cases?q=a b&x"), "%2Fcases%3Fq%3Da%20b%26x");
        assert_eq!(time("2026-02-10T16:07:12.000000Z"), "2026-02-10 16:07");
        let now = parse_time("2026-02-10T16:07:12Z").unwrap();
        assert_eq!(ago(now, "2026-02-10T13:00:00Z"), "3 h ago");
        assert_eq!(ago(now, "2026-02-10T16:07:00Z"), "just now");
        assert_eq!(size(2048), "2.0 KB");
        assert_eq!(words("ready_for_review"), "ready for review");
    }
}
