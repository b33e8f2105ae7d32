//! The visible-text stripper against the reply fixtures of `shared/corpus` (reply parsers,
//! talon, discourse): every body, message and HTML body whose source states what must remain
//! after stripping quotes and signatures.
//!
//! Run: `cargo test --test it corpus_replies -- --nocapture` (prints pass rates per source, the
//! failing files and timings; diagnostics go to `target/tmp/corpus_replies/`).
//!
//! # Policy where the sources disagree
//!
//! mailcase hides two things some sources leave visible, and the comparison knows it (each is
//! applied the same way to every fixture of the sources named, never per file):
//!
//! - **Sign-offs and footers are signature.** "Thanks,\nPriya", "-Abhishek Kona" and "Sent from
//!   my iPhone" are `Signature` segments (as github/email_reply_parser does). Discourse and crisp
//!   keep sign-offs in their expected text, talon (whose reply extraction strips quotations only)
//!   keeps every signature. For those sources an exact-text expectation also passes when it
//!   equals our new text *plus the signature segments right below it* (for discourse and crisp
//!   only segments that open with a sign-off line, per `visible::rules::is_sign_off`), and
//!   "nothing hidden" also passes when only such sign-off segments were hidden. That can excuse a
//!   signature we found, never a quote we missed.
//! - **Discourse's elided file is what it hides.** When it is empty, nothing may be hidden as
//!   signature (the index's derived `signature_hidden` flag is not used then).
//! - **Interior `>` quotes are quote.** Discourse and github keep quoted blocks that have new text
//!   below them (context for an interleaved answer); extraction must not read them, so for us
//!   they are `Quote` segments. Expected texts are compared without their `>` lines (and with
//!   blank-line runs collapsed), and a `visible_contains` string that occurs in the input only on
//!   `>` lines must be in a quote instead.
//!
//! Exact texts are also compared with trailing spaces dropped and blank-line runs collapsed
//! (some expected texts were transcribed without the input's trailing spaces). The strict pass
//! rate (no tolerance at all) is printed too, and every fixture that needed a policy rule is
//! listed with the rule.

use crate::support;
use mailcase::visible::{self, SegmentKind, Visible};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Overall floor for the policy-aware pass rate of plain-text fixtures (bodies and messages).
/// Measured 198/201 (98.5 %); the goal was 95 %. The slack leaves room for changes in
/// `parse` (13 fixtures are full messages), not for regressions here.
const FLOOR: f64 = 0.97;

/// What a source leaves in its expected text that mailcase marks as signature.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kept {
    /// Nothing: its expectations are compared as they are.
    Nothing,
    /// Sign-offs ("Thanks,\nName", "Regards", "-Name"); it strips `--` blocks and footers itself.
    SignOffs,
    /// Every signature: talon's reply extraction strips quotations only.
    Signatures,
}

fn kept(source: &str) -> Kept {
    match source {
        "discourse-email_reply_trimmer" | "crisp-email-reply-parser" => Kept::SignOffs,
        "mailgun-talon" => Kept::Signatures,
        _ => Kept::Nothing,
    }
}
/// Sources whose expected texts keep interior `>` quotes.
const KEEPS_INTERIOR_QUOTES: &[&str] =
    &["discourse-email_reply_trimmer", "github-email_reply_parser"];

/// Expectation keys that concern stripping.
const STRIP_KEYS: &[&str] = &[
    "visible_text",
    "visible_text_whitespace_insensitive",
    "first_fragment",
    "first_fragment_exact",
    "trimmed_file",
    "expected_file",
    "visible_starts_with",
    "visible_contains",
    "hidden_contains",
    "visible_not_contains",
    "quote_hidden",
    "signature_hidden",
    "expected_signature_file",
    "template",
];

#[derive(Default)]
struct Tally {
    pass: usize,
    strict_pass: usize,
    total: usize,
    failures: Vec<String>,
    /// Fixtures that pass only by the policy rules, and which.
    policy: Vec<String>,
}

impl Tally {
    fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.pass as f64 / self.total as f64
        }
    }
}

/// The outcome of one fixture: failed checks, and the checks that passed only by the policy
/// rules above (empty: a strict pass).
#[derive(Default)]
struct Outcome {
    failed: Vec<String>,
    by_policy: Vec<String>,
}

#[test]
fn corpus_reply_fixtures_keep_new_text_and_hide_history() {
    let Some(shared) = support::shared_dir("corpus_replies") else {
        return;
    };
    let corpus = shared.join("corpus");
    let index: Value =
        serde_json::from_slice(&std::fs::read(corpus.join("index.json")).expect("read index.json"))
            .expect("index.json is JSON");
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("corpus_replies");
    let _ = std::fs::remove_dir_all(&out_dir);

    let mut plain: BTreeMap<String, Tally> = BTreeMap::new();
    let mut html = Tally::default();
    let mut slowest: Vec<(Duration, String, usize)> = Vec::new();
    let files = index["files"].as_array().expect("index.json has files");
    for entry in files {
        let Some(expect) = entry["expect"].as_object() else {
            continue;
        };
        if !STRIP_KEYS.iter().any(|k| expect.contains_key(*k)) {
            continue;
        }
        let path = entry["path"].as_str().expect("path");
        let source = entry["source"].as_str().expect("source");
        let role = entry["role"].as_str().unwrap_or("");
        let raw = std::fs::read(corpus.join(path)).expect("read fixture");
        let text = match role {
            "body" => normalise_newlines(&String::from_utf8_lossy(&raw)),
            "message" => mailcase::parse::parse(&raw).text,
            "html-body" => mailcase::html::to_text(&String::from_utf8_lossy(&raw)),
            _ => continue,
        };

        // A template fixture is several bodies, one per substitution; all must pass.
        let bodies: Vec<(String, Option<String>)> =
            match (expect.get("template"), expect.get("substitutions")) {
                (Some(Value::String(placeholder)), Some(Value::Array(subs))) => subs
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|s| (text.replace(placeholder.as_str(), s), Some(s.to_string())))
                    .collect(),
                _ => vec![(text.clone(), None)],
            };
        let mut outcome = Outcome::default();
        let mut diag = String::new();
        for (body, substitution) in &bodies {
            let started = Instant::now();
            let v = visible::analyze(body);
            slowest.push((started.elapsed(), path.to_string(), body.len()));
            check(
                &corpus,
                source,
                expect,
                body,
                &v,
                substitution.as_deref(),
                &mut outcome,
            );
            write_diagnostic(&mut diag, substitution.as_deref(), &v);
        }

        let tally = if role == "html-body" {
            &mut html
        } else {
            plain.entry(source.to_string()).or_default()
        };
        tally.total += 1;
        if outcome.failed.is_empty() {
            tally.pass += 1;
        }
        if outcome.by_policy.is_empty() && outcome.failed.is_empty() {
            tally.strict_pass += 1;
        }
        if outcome.failed.is_empty() && !outcome.by_policy.is_empty() {
            tally
                .policy
                .push(format!("{path}: {}", outcome.by_policy.join("; ")));
        }
        if !outcome.failed.is_empty() {
            tally
                .failures
                .push(format!("{path}: {}", outcome.failed.join("; ")));
            let target = out_dir.join(format!("{path}.actual.txt"));
            std::fs::create_dir_all(target.parent().expect("parent"))
                .expect("create diagnostics dir");
            std::fs::write(&target, diag).expect("write diagnostic");
        }
    }

    let mut all = Tally::default();
    println!("\nvisible-text stripper on shared/corpus (policy-aware; strict in brackets)");
    for (source, t) in &plain {
        println!(
            "  {source:32} {:3}/{:3} {:6.1}%   [strict {:3}/{:3}]",
            t.pass,
            t.total,
            100.0 * t.rate(),
            t.strict_pass,
            t.total
        );
        all.pass += t.pass;
        all.strict_pass += t.strict_pass;
        all.total += t.total;
        all.failures.extend(t.failures.iter().cloned());
        all.policy.extend(t.policy.iter().cloned());
    }
    println!(
        "  {:32} {:3}/{:3} {:6.1}%   [strict {:3}/{:3}]",
        "overall (bodies + messages)",
        all.pass,
        all.total,
        100.0 * all.rate(),
        all.strict_pass,
        all.total
    );
    println!(
        "  {:32} {:3}/{:3} {:6.1}%   (reported apart: depends on html::to_text)",
        "html bodies",
        html.pass,
        html.total,
        100.0 * html.rate()
    );
    for failure in all.failures.iter().chain(&html.failures) {
        println!("  FAIL {failure}");
    }
    for note in all.policy.iter().chain(&html.policy) {
        println!("  POLICY {note}");
    }
    if !all.failures.is_empty() || !html.failures.is_empty() {
        println!("  diagnostics: {}", out_dir.display());
    }

    print_timings(&corpus, files, &mut slowest);

    assert!(all.total > 0, "no reply fixture ran");
    assert!(
        all.rate() >= FLOOR,
        "pass rate {:.1}% is below the floor {:.1}%",
        100.0 * all.rate(),
        100.0 * FLOOR
    );
}

#[allow(clippy::too_many_arguments)]
fn check(
    corpus: &Path,
    source: &str,
    expect: &serde_json::Map<String, Value>,
    body: &str,
    v: &Visible,
    substitution: Option<&str>,
    outcome: &mut Outcome,
) {
    let kept = kept(source);
    let keeps_quotes = KEEPS_INTERIOR_QUOTES.contains(&source);
    let text = v.text();
    let views = Views::new(v, kept);
    let mut fail = |what: String| outcome.failed.push(what);

    // Exact texts: new text, or (policy) new text plus the signature right below it.
    let mut policy: Vec<String> = Vec::new();
    let mut exact = |key: &str, expected: &str, ours: &[String], policy: &mut Vec<String>| {
        let expected_norm = if keeps_quotes {
            without_quote_lines(expected)
        } else {
            expected.trim().to_string()
        };
        let strict_ok = ours[0].trim() == expected.trim();
        let ok = ours
            .iter()
            .any(|o| o.trim() == expected_norm || collapse(o) == collapse(&expected_norm));
        if !strict_ok && ok {
            let why = if collapse(&ours[0]) == collapse(expected) {
                "trailing spaces or blank-line runs"
            } else if collapse(&ours[0]) == collapse(&expected_norm) {
                "interior quote"
            } else {
                "kept signature"
            };
            policy.push(format!("{key}: {why}"));
        }
        if !ok {
            fail(format!("{key} differs"));
        }
    };
    if let Some(e) = expect.get("visible_text").and_then(Value::as_str) {
        exact(
            "visible_text",
            e,
            &[text.clone(), views.with_signature.clone()],
            &mut policy,
        );
    }
    if let Some(rel) = expect.get("expected_file").and_then(Value::as_str) {
        let e = read_text(corpus, rel);
        exact(
            "expected_file",
            &e,
            &[text.clone(), views.with_signature.clone()],
            &mut policy,
        );
    }
    if let Some(rel) = expect.get("trimmed_file").and_then(Value::as_str) {
        let e = read_text(corpus, rel);
        exact(
            "trimmed_file",
            &e,
            &[text.clone(), views.with_signature.clone()],
            &mut policy,
        );
    }
    for key in ["first_fragment", "first_fragment_exact"] {
        if let Some(e) = expect.get(key).and_then(Value::as_str) {
            exact(
                key,
                e,
                &[
                    views.first_fragment.clone(),
                    views.first_fragment_with_signature.clone(),
                ],
                &mut policy,
            );
        }
    }
    if let Some(e) = expect
        .get("visible_text_whitespace_insensitive")
        .and_then(Value::as_str)
    {
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let ok = squash(&text) == squash(e) || squash(&views.with_signature) == squash(e);
        if ok && squash(&text) != squash(e) {
            policy.push("visible_text_whitespace_insensitive: kept signature".into());
        }
        if !ok {
            fail("visible_text_whitespace_insensitive differs".into());
        }
    }
    // Upstream asserts a multi-line `^…` regex: the text, or one of its lines, starts so.
    if let Some(e) = expect.get("visible_starts_with").and_then(Value::as_str) {
        let at_line_start = |i: usize| i == 0 || text.as_bytes()[i - 1] == b'\n';
        if !text.match_indices(e.trim()).any(|(i, _)| at_line_start(i)) {
            fail(format!("no line starts with {e:?}"));
        }
    }
    for needle in strings(expect.get("visible_contains")) {
        let only_quoted = keeps_quotes && occurs_only_on_quote_lines(body, &needle);
        if only_quoted {
            policy.push(format!("visible_contains {needle:?}: interior quote"));
            if !views.quote.contains(&needle) {
                fail(format!("interior quote {needle:?} not in a quote"));
            }
        } else if !text.contains(&needle) {
            fail(format!("missing {needle:?}"));
        }
    }
    for needle in strings(expect.get("hidden_contains"))
        .into_iter()
        .chain(strings(expect.get("visible_not_contains")))
    {
        if text.contains(&needle) {
            fail(format!("shows {needle:?}"));
        }
    }
    if expect.get("visible_non_empty").and_then(Value::as_bool) == Some(true) && text.is_empty() {
        fail("visible text is empty".into());
    }
    let has = |kind: SegmentKind| {
        v.segments
            .iter()
            .any(|s| s.kind == kind && !s.text.trim().is_empty())
    };
    // Hidden parts the source's policy keeps visible (sign-offs) do not count as hidden.
    let hides_signature = v
        .segments
        .iter()
        .any(|s| s.kind == SegmentKind::Signature && !excused(kept, s));
    let elided_empty = expect
        .get("elided_file")
        .and_then(Value::as_str)
        .map(|rel| read_text(corpus, rel).trim().is_empty());
    match expect.get("quote_hidden").and_then(Value::as_bool) {
        Some(true) if !has(SegmentKind::Quote) => fail("no quote found".into()),
        Some(false) if has(SegmentKind::Quote) => fail("quote found where there is none".into()),
        _ => {}
    }
    match (
        elided_empty,
        expect.get("signature_hidden").and_then(Value::as_bool),
    ) {
        (Some(true), _) | (None, Some(false)) if hides_signature => {
            fail("signature found where there is none".into())
        }
        (None, Some(true)) if !has(SegmentKind::Signature) => fail("no signature found".into()),
        _ => {}
    }
    if expect.get("fragment_count").and_then(Value::as_u64) == Some(1)
        && (has(SegmentKind::Quote) || hides_signature)
    {
        fail("one fragment expected, something was hidden".into());
    }
    if let Some(rel) = expect
        .get("expected_signature_file")
        .and_then(Value::as_str)
    {
        let e = read_text(corpus, rel);
        if views.signature.trim() != e.trim() {
            fail("signature differs".into());
        }
    }
    if let (Some(template), Some(sub)) = (
        expect
            .get("second_fragment_template")
            .and_then(Value::as_str),
        substitution,
    ) {
        let e = template.replace("{FROM}", sub);
        if views.quote.trim() != e.trim() {
            fail("quoted part differs".into());
        }
    }
    if v.segments
        .iter()
        .any(|s| s.kind == SegmentKind::Signature && excused(kept, s))
        && (elided_empty == Some(true)
            || expect.get("signature_hidden").and_then(Value::as_bool) == Some(false)
            || expect.get("fragment_count").and_then(Value::as_u64) == Some(1))
    {
        policy.push("nothing hidden: kept sign-off".into());
    }
    outcome.by_policy.extend(policy);
}

/// The texts the checks compare.
struct Views {
    /// New text plus the signature segments directly below new text that the source keeps.
    with_signature: String,
    /// New text above the first quote.
    first_fragment: String,
    first_fragment_with_signature: String,
    signature: String,
    quote: String,
}

/// A signature segment the source's policy keeps visible.
fn excused(kept: Kept, segment: &visible::Segment) -> bool {
    let first_line = segment
        .text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    segment.kind == SegmentKind::Signature
        && match kept {
            Kept::Nothing => false,
            Kept::Signatures => true,
            Kept::SignOffs => {
                visible::rules::is_sign_off(first_line)
                    || visible::rules::is_named_sign_off(first_line)
                    || visible::rules::is_dash_name(first_line)
            }
        }
}

/// The text of the segments `keep` selects, as they stand in the body (adjacent segments
/// concatenated, gaps as a blank line), trimmed.
fn gather(segments: &[visible::Segment], keep: impl Fn(usize) -> bool) -> String {
    let mut out = String::new();
    let mut gap = false;
    for (i, s) in segments.iter().enumerate() {
        if keep(i) {
            if gap && !out.trim().is_empty() {
                out.push_str("\n\n");
            }
            gap = false;
            out.push_str(&s.text);
        } else {
            gap = true;
        }
    }
    out.trim().to_string()
}

impl Views {
    fn new(v: &Visible, kept: Kept) -> Self {
        let segs = &v.segments;
        // New segments, and kept signature segments right below new text (or below another kept
        // signature segment).
        let mut keep = vec![false; segs.len()];
        for i in 0..segs.len() {
            keep[i] = segs[i].kind == SegmentKind::New
                || (i > 0 && keep[i - 1] && excused(kept, &segs[i]));
        }
        let new_only = |i: usize| segs[i].kind == SegmentKind::New;
        let first_quote = segs
            .iter()
            .position(|s| s.kind == SegmentKind::Quote)
            .unwrap_or(segs.len());
        Views {
            with_signature: gather(segs, |i| keep[i]),
            first_fragment: gather(segs, |i| i < first_quote && new_only(i)),
            first_fragment_with_signature: gather(segs, |i| i < first_quote && keep[i]),
            signature: segs
                .iter()
                .filter(|s| s.kind == SegmentKind::Signature)
                .map(|s| s.text.trim_matches('\n'))
                .collect::<Vec<_>>()
                .join("\n"),
            quote: segs
                .iter()
                .filter(|s| s.kind == SegmentKind::Quote)
                .map(|s| s.text.as_str())
                .collect(),
        }
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn read_text(corpus: &Path, rel: &str) -> String {
    normalise_newlines(&String::from_utf8_lossy(
        &std::fs::read(corpus.join(rel)).expect("read expected file"),
    ))
}

fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The expected text without `>` lines, blank-line runs collapsed.
fn without_quote_lines(text: &str) -> String {
    collapse(
        &text
            .lines()
            .filter(|l| !l.trim_start().starts_with('>'))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Trailing spaces dropped, runs of blank lines collapsed to one, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out.trim().to_string()
}

fn occurs_only_on_quote_lines(body: &str, needle: &str) -> bool {
    let mut found = false;
    for line in body.lines() {
        if line.contains(needle) {
            if !line.trim_start().starts_with('>') {
                return false;
            }
            found = true;
        }
    }
    found
}

fn write_diagnostic(out: &mut String, substitution: Option<&str>, v: &Visible) {
    if let Some(s) = substitution {
        let _ = writeln!(out, "######## substitution: {s}");
    }
    for s in &v.segments {
        let _ = writeln!(out, "======== {:?}", s.kind);
        out.push_str(&s.text);
        if !s.text.ends_with('\n') {
            out.push('\n');
        }
    }
    let _ = writeln!(out, "======== text()\n{}", v.text());
}

/// Prints the slowest fixtures and the time for the corpus' largest and pathological bodies and
/// a synthetic 1 MB reply. Never asserted: wall-clock depends on the machine.
fn print_timings(corpus: &Path, files: &[Value], slowest: &mut [(Duration, String, usize)]) {
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    println!("\ntimings (slowest reply fixtures):");
    for (d, path, len) in slowest.iter().take(3) {
        println!("  {:>9.3} ms  {len:>8} B  {path}", d.as_secs_f64() * 1e3);
    }
    println!("timings (stress and large inputs, text of the message):");
    for entry in files {
        let tags: Vec<&str> = entry["tags"]
            .as_array()
            .map(|t| t.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let stress = entry["kind"] == "stress"
            || tags.contains(&"large")
            || entry["expect"]["performance"] == true;
        if !stress {
            continue;
        }
        let path = entry["path"].as_str().unwrap_or_default();
        let Ok(raw) = std::fs::read(corpus.join(path)) else {
            continue;
        };
        let text = match entry["role"].as_str() {
            Some("message") => mailcase::parse::parse(&raw).text,
            _ => normalise_newlines(&String::from_utf8_lossy(&raw)),
        };
        let started = Instant::now();
        let v = visible::analyze(&text);
        let elapsed = started.elapsed();
        println!(
            "  {:>9.3} ms  {:>8} B  {} segments  {path}",
            elapsed.as_secs_f64() * 1e3,
            text.len(),
            v.segments.len()
        );
    }
    let mut big = String::from(
        "Yes, that is my account.\n\nOn Tue, Feb 10, 2026 at 4:07 PM PyPI Support <support@pypi.example> wrote:\n",
    );
    while big.len() < 1 << 20 {
        big.push_str(
            "> Thank you for contacting PyPI support. -- On 1 Feb wrote: Sent from my iPhone\n",
        );
    }
    big.push_str("\nThanks,\nPriya\n");
    let started = Instant::now();
    let v = visible::analyze(&big);
    println!(
        "  {:>9.3} ms  {:>8} B  {} segments  synthetic 1 MB quoted reply",
        started.elapsed().as_secs_f64() * 1e3,
        big.len(),
        v.segments.len()
    );
    let one_line = "x wrote: ".repeat((1 << 20) / 9);
    let started = Instant::now();
    let _ = visible::analyze(&one_line);
    println!(
        "  {:>9.3} ms  {:>8} B  synthetic 1 MB single line",
        started.elapsed().as_secs_f64() * 1e3,
        one_line.len()
    );
}
