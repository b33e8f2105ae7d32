//! Every full message of the shared corpus (`role: message` in `corpus/index.json`) goes
//! through `parse`, `parse_headers_only`, `scan_message_id` and the HTML converter: no panic,
//! the pre-parse Message-ID scan agrees with the parse, and mail-parser's own expected outputs
//! (`stalwart-mail-parser/*/NNN.json`) are spot-checked for subject and text.
//!
//! Prints problem counts by kind, the slowest files and the parse throughput; never asserts on
//! time. For representative figures run it optimised:
//! `cargo test --release --test it corpus_parse -- --nocapture`.

use crate::support::shared_dir;
use mailcase::parse::{self, ParsedMessage, Problem};
use serde_json::Value;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

struct Entry {
    path: String,
    expect: Value,
}

fn messages(corpus: &Path) -> Vec<Entry> {
    let index: Value =
        serde_json::from_slice(&std::fs::read(corpus.join("index.json")).expect("read index.json"))
            .expect("index.json is JSON");
    index["files"]
        .as_array()
        .expect("files array")
        .iter()
        .filter(|f| f["role"] == "message")
        .map(|f| Entry {
            path: f["path"].as_str().unwrap_or_default().to_string(),
            expect: f["expect"].clone(),
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_corpus_message_parses_and_the_id_scan_agrees() {
    let Some(shared) = shared_dir("corpus_parse") else {
        return;
    };
    let corpus = shared.join("corpus");
    if !corpus.join("index.json").exists() {
        eprintln!(
            "SKIPPED corpus_parse: {} has no corpus/index.json",
            shared.display()
        );
        return;
    }
    let entries = messages(&corpus);
    let mut ran = 0usize;
    let mut total_bytes = 0usize;
    let mut total_time = Duration::ZERO;
    let mut scan_time = Duration::ZERO;
    let mut timings: Vec<(Duration, String, usize)> = Vec::new();
    let mut problems: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut with_problems = 0usize;
    let mut panics = Vec::new();
    let mut id_mismatches = Vec::new();
    let mut expectation_failures = Vec::new();
    let mut from_html = 0usize;
    let mut empty_text = 0usize;
    let mut replacement_chars = Vec::new();

    for e in &entries {
        let raw = std::fs::read(corpus.join(&e.path))
            .unwrap_or_else(|err| panic!("read {}: {err}", e.path));
        let start = Instant::now();
        let parsed = catch_unwind(AssertUnwindSafe(|| parse::parse(&raw)));
        let took = start.elapsed();
        let Ok(p) = parsed else {
            panics.push(format!("parse {}", e.path));
            continue;
        };
        ran += 1;
        total_bytes += raw.len();
        total_time += took;
        timings.push((took, e.path.clone(), raw.len()));
        if !p.problems.is_empty() {
            with_problems += 1;
        }
        for pr in &p.problems {
            *problems.entry(pr.kind()).or_default() += 1;
        }
        from_html += usize::from(p.text_from_html);
        empty_text += usize::from(p.text.trim().is_empty());
        if p.text.contains('\u{FFFD}') {
            replacement_chars.push(e.path.clone());
        }

        // The dedup scan must agree with the full parse, and with mail-parser's own reading
        // (where they differ, `parse` takes the scan's and says so in a problem).
        let disagreement = p.problems.iter().any(|pr| {
            matches!(pr, Problem::MalformedMime { detail } if detail.contains("mail-parser read Message-ID"))
        });
        if disagreement {
            id_mismatches.push(format!(
                "{}: mail-parser and the scan disagree: {:?}",
                e.path, p.problems
            ));
        }
        let scan_start = Instant::now();
        let scanned = catch_unwind(AssertUnwindSafe(|| parse::scan_message_id(&raw)));
        scan_time += scan_start.elapsed();
        match scanned {
            Ok(id) if id == p.message_id => {}
            Ok(id) => id_mismatches.push(format!(
                "{}: scan {id:?} vs parse {:?}",
                e.path, p.message_id
            )),
            Err(_) => panics.push(format!("scan_message_id {}", e.path)),
        }
        match catch_unwind(AssertUnwindSafe(|| parse::parse_headers_only(&raw))) {
            Ok(h) => {
                if h.message_id != p.message_id || h.subject != p.subject {
                    expectation_failures.push(format!(
                        "{}: headers-only parse disagrees with full parse",
                        e.path
                    ));
                }
                let empty = raw.iter().all(u8::is_ascii_whitespace);
                if !empty
                    && !h
                        .problems
                        .iter()
                        .any(|p| matches!(p, Problem::Oversized { .. }))
                {
                    expectation_failures
                        .push(format!("{}: headers-only parse without Oversized", e.path));
                }
            }
            Err(_) => panics.push(format!("parse_headers_only {}", e.path)),
        }

        check_mail_parser_expectation(&corpus, e, &p, &mut expectation_failures);
    }

    timings.sort_by_key(|t| std::cmp::Reverse(t.0));
    println!(
        "corpus_parse: {ran} of {} messages parsed, {:.1} MB",
        entries.len(),
        total_bytes as f64 / 1e6
    );
    println!(
        "corpus_parse: parse time {:.3} s, {:.0} messages/s, {:.1} MB/s ({} build)",
        total_time.as_secs_f64(),
        ran as f64 / total_time.as_secs_f64().max(1e-9),
        total_bytes as f64 / 1e6 / total_time.as_secs_f64().max(1e-9),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    println!(
        "corpus_parse: scan_message_id {:.1} µs per message on average",
        scan_time.as_secs_f64() * 1e6 / ran.max(1) as f64
    );
    println!("corpus_parse: {with_problems} messages with problems; problems by kind:");
    for (kind, n) in &problems {
        println!("    {kind:<16} {n}");
    }
    println!("corpus_parse: text from HTML in {from_html}, empty text in {empty_text}");
    println!(
        "corpus_parse: U+FFFD in the text of {} messages: {:?}",
        replacement_chars.len(),
        replacement_chars
    );
    println!("corpus_parse: slowest files:");
    for (t, path, size) in timings.iter().take(5) {
        println!(
            "    {:>8.2} ms  {:>9} bytes  {path}",
            t.as_secs_f64() * 1e3,
            size
        );
    }

    assert!(ran > 0, "no corpus message ran");
    assert!(panics.is_empty(), "panicked on: {panics:#?}");
    assert!(
        id_mismatches.is_empty(),
        "scan_message_id disagrees with parse: {id_mismatches:#?}"
    );
    assert!(
        expectation_failures.is_empty(),
        "expectations failed: {expectation_failures:#?}"
    );
}

/// mail-parser's expected parse (`expected_parse_file`): the subject must match, and the first
/// line of each plain text body part must be found in the text.
fn check_mail_parser_expectation(
    corpus: &Path,
    e: &Entry,
    p: &ParsedMessage,
    failures: &mut Vec<String>,
) {
    let summary = &e.expect["expected_parse_summary"];
    if let Some(subject) = summary["subject"].as_str()
        && squash(subject) != squash(&p.subject)
    {
        failures.push(format!(
            "{}: subject {:?}, expected {subject:?}",
            e.path, p.subject
        ));
    }
    let Some(file) = e.expect["expected_parse_file"].as_str() else {
        return;
    };
    let Ok(bytes) = std::fs::read(corpus.join(file)) else {
        return;
    };
    let Ok(expected) = serde_json::from_slice::<Value>(&bytes) else {
        return;
    };
    let parts = expected["parts"].as_array().cloned().unwrap_or_default();
    let text = squash(&p.text);
    for id in expected["text_body"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_u64)
    {
        let Some(body) = parts
            .get(id as usize)
            .and_then(|part| part["body"]["Text"].as_str())
        else {
            continue;
        };
        let Some(first) = body.lines().map(str::trim).find(|l| !l.is_empty()) else {
            continue;
        };
        if !text.contains(&squash(first)) {
            failures.push(format!("{}: text lacks {first:?} of part {id}", e.path));
        }
    }
}
