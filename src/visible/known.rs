//! Re-labels our own automated text that comes back inside new text, for instance when a client
//! pastes our mail below the reply without `>` markers and without a header we recognise.
//!
//! Lines are compared whitespace-normalised and without leading `>` markers. Only runs of at
//! least two consecutive non-blank lines, or a single long line, count: a requester's short
//! "Yes" or "Thanks," is never taken for ours even if our mail has the same line.

use super::{Mark, SegmentKind, Visible, assemble};
use std::collections::HashMap;

/// A single matching line must be at least this long (in characters, normalised) to count.
const MIN_SINGLE_LINE_CHARS: usize = 40;

/// The least number of our lines a quote must reproduce before lines typed between them count
/// as answers ([`answers_inside_our_quote`]).
const MIN_OUR_LINES: usize = 6;
/// How many non-blank lines of a quote may come before our first line (its header block).
const MAX_HEADER_LINES: usize = 8;

/// Re-labels as `New` the lines a requester typed *inside* a quote of one of our mails: Outlook
/// quotes without `>` markers, and people answer under each question ("Dariush: Yes, I
/// agree."). It applies only where the quote opens with our mail (a header block at most above
/// it), reproduces at least `MIN_OUR_LINES` of its lines in order, and the line lies between
/// two of them, starts with no `>`, and is no piece of our text re-wrapped. A quote of an older
/// reply, with our mail further down, is left alone: answers there were read when they came.
pub fn answers_inside_our_quote(visible: &mut Visible, known: &[&str]) {
    let ours: Vec<(Vec<String>, String)> = known
        .iter()
        .map(|body| {
            let lines: Vec<String> = body
                .lines()
                .map(normalize)
                .filter(|l| !l.is_empty())
                .collect();
            let joined = lines.join(" ");
            (lines, joined)
        })
        .collect();
    let mut lines = marked_lines(visible);
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].1.kind != SegmentKind::Quote || lines[i].0.trim().is_empty() {
            i += 1;
            continue;
        }
        // one quote: lines[i..end]
        let mut end = i;
        while end < lines.len()
            && (lines[end].1.kind == SegmentKind::Quote || lines[end].0.trim().is_empty())
        {
            end += 1;
        }
        for (body, joined) in &ours {
            // our lines in the quote, in order of our body
            let mut matched: Vec<usize> = Vec::new();
            let mut next = 0;
            let mut seen = 0;
            for (j, (raw, _)) in lines.iter().enumerate().take(end).skip(i) {
                let norm = normalize(raw);
                if norm.is_empty() {
                    continue;
                }
                if let Some(p) = body[next.min(body.len())..].iter().position(|l| *l == norm) {
                    next += p + 1;
                    matched.push(j);
                } else if matched.is_empty() {
                    seen += 1;
                }
            }
            if matched.len() < MIN_OUR_LINES || seen > MAX_HEADER_LINES {
                continue;
            }
            let (first, last) = (matched[0], matched[matched.len() - 1]);
            for j in first..last {
                let raw = lines[j].0;
                let norm = normalize(raw);
                // a piece of our text re-wrapped is long; "yes" or "1. yes" is an answer even
                // though our mail has those words
                let rewrapped =
                    norm.split_whitespace().count() >= 4 && joined.contains(norm.as_str());
                let typed = !norm.is_empty()
                    && !raw.trim_start().starts_with('>')
                    && !matched.contains(&j)
                    && !rewrapped;
                if typed {
                    let starts = j == 0 || lines[j - 1].1.kind != SegmentKind::New;
                    lines[j].1 = Mark {
                        kind: SegmentKind::New,
                        starts_block: starts,
                    };
                    lines[j + 1].1.starts_block = true;
                    changed = true;
                }
            }
            break;
        }
        i = end;
    }
    if changed {
        visible.segments = assemble(lines.into_iter());
    }
}

/// Re-labels as `Quote` every run of lines in `New` segments that reproduces text of one of
/// `known` (the bodies of the automated mails we sent in this case).
pub fn strip_known(visible: &mut Visible, known: &[&str]) {
    // Where each normalised line occurs in the known bodies: (body, index among its non-blank
    // lines).
    let known_lines: Vec<Vec<String>> = known
        .iter()
        .map(|body| {
            body.lines()
                .map(normalize)
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect();
    let mut index: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (k, lines) in known_lines.iter().enumerate() {
        for (p, line) in lines.iter().enumerate() {
            index.entry(line.as_str()).or_default().push((k, p));
        }
    }
    if index.is_empty() {
        return;
    }

    let mut lines = marked_lines(visible);
    // The non-blank new lines, in order, normalised; `linked[q]` says line q+1 directly follows
    // line q in the body (only blank lines between, all new).
    let mut seq: Vec<(usize, String)> = Vec::new();
    let mut linked: Vec<bool> = Vec::new();
    let mut last_kind_new = false;
    for (i, (raw, mark)) in lines.iter().enumerate() {
        let norm = normalize(raw);
        if norm.is_empty() {
            continue;
        }
        if mark.kind == SegmentKind::New {
            if let Some(l) = linked.last_mut() {
                *l = last_kind_new;
            }
            seq.push((i, norm));
            linked.push(false);
            last_kind_new = true;
        } else {
            last_kind_new = false;
        }
    }

    // run[q] = the longest run of known lines starting at seq[q], computed from the bottom: a
    // match at (body k, line p) extends the one at (k, p + 1) on the next line.
    let mut run = vec![0usize; seq.len()];
    let mut below: HashMap<(usize, usize), usize> = HashMap::new();
    for q in (0..seq.len()).rev() {
        let mut here: HashMap<(usize, usize), usize> = HashMap::new();
        if let Some(positions) = index.get(seq[q].1.as_str()) {
            for &(k, p) in positions {
                let next = if linked[q] {
                    below.get(&(k, p + 1)).copied().unwrap_or(0)
                } else {
                    0
                };
                let len = 1 + next;
                here.insert((k, p), len);
                run[q] = run[q].max(len);
            }
        }
        below = here;
    }

    let mut changed = false;
    let mut q = 0;
    while q < seq.len() {
        let len = run[q];
        let counts = len >= 2 || (len == 1 && seq[q].1.chars().count() >= MIN_SINGLE_LINE_CHARS);
        if !counts {
            q += 1;
            continue;
        }
        let (first, last) = (seq[q].0, seq[q + len - 1].0);
        for (j, line) in lines.iter_mut().enumerate().take(last + 1).skip(first) {
            line.1 = Mark {
                kind: SegmentKind::Quote,
                starts_block: j == first,
            };
        }
        if let Some(after) = lines.get_mut(last + 1) {
            after.1.starts_block = true;
        }
        changed = true;
        q += len;
    }
    if changed {
        visible.segments = assemble(lines.into_iter());
    }
}

/// Every line of the body with the mark it has now; a segment start is a block start.
fn marked_lines(visible: &Visible) -> Vec<(&str, Mark)> {
    visible
        .segments
        .iter()
        .flat_map(|segment| {
            segment
                .text
                .split_inclusive('\n')
                .enumerate()
                .map(move |(i, raw)| {
                    (
                        raw,
                        Mark {
                            kind: segment.kind,
                            starts_block: i == 0,
                        },
                    )
                })
        })
        .collect()
}

/// Whitespace-normalised, without leading `>` markers.
fn normalize(line: &str) -> String {
    let t = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}
