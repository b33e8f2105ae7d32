//! Finds quoted history: `>` blocks, attribution lines ("On … wrote:") with what they introduce,
//! quoted header blocks ("From:/Sent:/To:/Subject:") and separator lines ("-----Original
//! Message-----", "Begin forwarded message:").
//!
//! Two shapes of history are told apart:
//!
//! - **Marked** history (`>` lines, with the attribution line above them) ends where the `>`
//!   lines end; text after it is new again (bottom-posting, interleaved answers).
//! - **Unmarked** history (Outlook's header block, "-----Original Message-----", an attribution
//!   followed by unquoted text) has no visible end, so it runs to the end of the body.
//!
//! Never eat content: a marker with no new text above it hides only the marker lines. An
//! attribution on the first line may sit above the reply itself (some mobile clients), and a
//! forward without comment may be all the sender has to say (their own earlier request, sent to
//! the wrong address). [`super::strip_known`] still hides our own mail forwarded back.

use super::rules::{self, Field};
use super::{Line, Mark};
use crate::visible::SegmentKind;

/// How many non-blank lines an attribution may be wrapped over ("On Mon, … The Hiring Engine
/// <\nx@y> wrote:").
const MAX_ATTRIBUTION_LINES: usize = 4;

/// Marks quoted lines in `marks` (all `New` on entry).
pub(super) fn mark(lines: &[Line<'_>], marks: &mut [Mark]) {
    let n = lines.len();
    let mut seen_new = false;
    let mut i = 0;
    while i < n {
        let line = &lines[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        if line.is_quoted() {
            let end = quote_block_end(lines, i);
            set(marks, i, end);
            i = end;
            continue;
        }
        if let Some(len) = attribution_at(lines, i) {
            let after = i + len;
            match next_non_blank(lines, after) {
                Some(j) if lines[j].is_quoted() => {
                    let end = quote_block_end(lines, j);
                    set(marks, i, end);
                    i = end;
                }
                _ if seen_new => {
                    set(marks, i, n);
                    return;
                }
                _ => {
                    set(marks, i, after);
                    i = after;
                }
            }
            continue;
        }
        if let Some(len) = history_marker_at(lines, i) {
            let from = extend_over_rules(lines, marks, i);
            if seen_new {
                // "------ Original Message ------" above a `>` quote with answers written
                // between its lines (eM Client): the history is marked after all
                if let Some(q) = interleaved_quote_after(lines, i + len) {
                    set(marks, from, q);
                    i = q;
                    continue;
                }
                set(marks, from, n);
                return;
            }
            set(marks, from, i + len);
            i += len;
            continue;
        }
        seen_new = true;
        i += 1;
    }
}

/// The first `>` line after a history marker that ends at `start`, when the history below it
/// is a `>` quote with new text between its lines (answers under each quoted question). Only
/// header lines may sit between the marker and the quote: eM Client writes them without colons
/// ("From "PyPI Support" <…>", "Date 3/5/2026 4:41:07 PM"). Unprefixed text there is an older
/// message, whose own quotes are history too.
fn interleaved_quote_after(lines: &[Line<'_>], start: usize) -> Option<usize> {
    const MAX_HEADER_LINES: usize = 8;
    let q = (start..lines.len()).find(|&k| lines[k].is_quoted())?;
    let header_like = |l: &Line<'_>| {
        let word = l.trimmed().split([' ', ':']).next().unwrap_or("");
        l.is_blank() || rules::header_field(&format!("{word}:")).is_some()
    };
    if q - start > MAX_HEADER_LINES || !lines[start..q].iter().all(header_like) {
        return None;
    }
    let answer = (q..lines.len()).find(|&k| !lines[k].is_quoted() && !lines[k].is_blank())?;
    (answer..lines.len())
        .any(|k| lines[k].is_quoted())
        .then_some(q)
}

fn set(marks: &mut [Mark], from: usize, to: usize) {
    for (k, m) in marks[from..to].iter_mut().enumerate() {
        m.kind = SegmentKind::Quote;
        m.starts_block = k == 0;
    }
}

fn next_non_blank(lines: &[Line<'_>], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].is_blank())
}

/// The end (exclusive) of the `>` block starting at `start`: `>` lines, blank lines between
/// them, and a line or two of a quoted paragraph that the sender's client re-wrapped without the
/// marker ("> … Nullam pharetra d\nignissim odio?\n> …"). Blank lines after the last `>` line
/// are left to what follows.
fn quote_block_end(lines: &[Line<'_>], start: usize) -> usize {
    let n = lines.len();
    let mut end = start;
    let mut k = start;
    while k < n {
        let line = &lines[k];
        if line.is_quoted() {
            k += 1;
            end = k;
        } else if line.is_blank() {
            k += 1;
        } else if let Some(next) = (k == end).then(|| wrapped_quote_tail(lines, k)).flatten() {
            k = next;
        } else {
            break;
        }
    }
    end
}

/// Line `k` directly follows a long `>` line and is followed, within two unquoted lines and with
/// no blank line, by another `>` line (returned): it is the overflow of a re-wrapped quoted line.
/// A short quoted question followed by an answer is not (interleaved replies keep their answers).
fn wrapped_quote_tail(lines: &[Line<'_>], k: usize) -> Option<usize> {
    const WRAP_WIDTH: usize = 60;
    const MAX_OVERFLOW_LINES: usize = 2;
    let above = lines.get(k.checked_sub(1)?)?;
    let quoted = above.quoted_content();
    // The quoted line was cut mid-sentence and the overflow goes on in lower case ("… Nullam
    // pharetra d\nignissim odio?"); "…on the account?\nYes" is an answer.
    let cut_mid_sentence = !quoted.ends_with(['.', '?', '!', ':', ';', ')', '"', '”']);
    let goes_on =
        lines[k].trimmed().starts_with(|c: char| c.is_lowercase()) || quoted.ends_with('-');
    if !above.is_quoted() || quoted.chars().count() < WRAP_WIDTH || !cut_mid_sentence || !goes_on {
        return None;
    }
    let window = lines
        .iter()
        .enumerate()
        .skip(k + 1)
        .take(MAX_OVERFLOW_LINES);
    for (m, line) in window {
        if line.is_quoted() {
            return Some(m);
        }
        if line.is_blank() {
            return None;
        }
    }
    None
}

/// The number of lines of an attribution starting at line `i`, if one does. It may be wrapped
/// over up to [`MAX_ATTRIBUTION_LINES`] lines, and a blank line may sit inside it where a client
/// broke it at an address ("On Thu, … Some One\n\n<\nmailto:x@y>\n> wrote:").
fn attribution_at(lines: &[Line<'_>], i: usize) -> Option<usize> {
    let first = lines[i].trimmed();
    if first.len() > rules::MAX_HEADER_LINE || !could_hold_attribution(lines, i) {
        return None;
    }
    let mut joined = String::new();
    let mut parts: Vec<usize> = Vec::new();
    let mut j = i;
    while parts.len() < MAX_ATTRIBUTION_LINES {
        if !parts.is_empty()
            && lines.get(j).is_some_and(Line::is_blank)
            && lines
                .get(j + 1)
                .is_some_and(|l| continues_address(l.trimmed()))
        {
            j += 1;
        }
        let Some(line) = lines.get(j) else { break };
        let t = line.trimmed();
        if line.is_blank() || joined.len() + t.len() > rules::MAX_HEADER_LINE {
            break;
        }
        if !parts.is_empty() {
            // A `>` line continues the header only when it closes an address left open above
            // ("<test@example.com\n>:") or is the verb itself ("> wrote:").
            if line.is_quoted() && !(closes_open_address(&joined, t) || is_quoted_verb_tail(t)) {
                break;
            }
            // The line above must not have ended a sentence.
            if !rules::could_continue_attribution(lines[*parts.last().expect("a part")].trimmed()) {
                break;
            }
            if !(joined.ends_with('<') || t.starts_with('>')) {
                joined.push(' ');
            }
        }
        joined.push_str(t);
        parts.push(j);
        j += 1;
        let strong = rules::is_attribution(&joined);
        let weak = !strong && rules::is_weak_attribution(&joined) && followed_by_quote(lines, j);
        if strong || weak {
            if parts.len() == 1 {
                return Some(1);
            }
            // The first line must be the beginning of the header, not prose that happens to sit
            // right above a one-line header.
            if !rules::could_start_attribution(first)
                || later_line_starts_attribution(lines, &parts[1..])
            {
                return None;
            }
            return Some(j - i);
        }
    }
    None
}

/// A cheap necessary condition, so that most lines cost no string building: an attribution ends
/// with a colon or `>` within its first lines, or starts with a lead word or a digit (the forms
/// without a colon).
fn could_hold_attribution(lines: &[Line<'_>], i: usize) -> bool {
    let ends_header = |l: &Line<'_>| l.text.trim_end().ends_with([':', '：', '>']);
    lines[i..]
        .iter()
        .take(MAX_ATTRIBUTION_LINES + 1)
        .any(ends_header)
        || rules::starts_like_attribution(lines[i].text)
}

/// Whether the lines from some later part on, joined, are an attribution that starts like one
/// on its own ("On …", a date): then the header begins there, not earlier.
fn later_line_starts_attribution(lines: &[Line<'_>], parts: &[usize]) -> bool {
    (0..parts.len()).any(|s| {
        rules::starts_like_attribution(lines[parts[s]].trimmed()) && {
            let joined: Vec<&str> = parts[s..].iter().map(|&j| lines[j].trimmed()).collect();
            rules::is_attribution(&joined.join(" "))
        }
    })
}

/// A line that can follow a blank line inside a broken attribution: the rest of an address.
fn continues_address(t: &str) -> bool {
    t.starts_with('<')
        || t.starts_with("mailto:")
        || t.starts_with("[mailto:")
        || is_quoted_verb_tail(t)
}

/// "> wrote:": the end of an attribution that a client pushed onto a `>` line.
fn is_quoted_verb_tail(t: &str) -> bool {
    let rest = t.trim_start_matches(['>', ' ']);
    t.starts_with('>')
        && !t.starts_with(">>")
        && rest.chars().count() <= 30
        && rest.ends_with([':', '：'])
}

fn closes_open_address(joined: &str, next: &str) -> bool {
    joined
        .rfind('<')
        .is_some_and(|open| !joined[open..].contains('>'))
        && !next.starts_with(">>")
}

fn followed_by_quote(lines: &[Line<'_>], from: usize) -> bool {
    next_non_blank(lines, from).is_some_and(|j| lines[j].is_quoted())
}

/// The number of lines of unmarked history starting at line `i`: a separator title and/or a
/// quoted header block.
fn history_marker_at(lines: &[Line<'_>], i: usize) -> Option<usize> {
    let t = lines[i].text;
    if rules::is_separator_title(t) {
        return Some(1 + header_block_len(lines, i + 1).unwrap_or(0));
    }
    if rules::is_dashed_title(t) {
        // An unknown title between dashes counts only above a header block.
        let next = next_non_blank(lines, i + 1)?;
        if next <= i + 2 {
            return header_block_len(lines, next).map(|len| next + len - i);
        }
        return None;
    }
    header_block_len(lines, i)
}

/// The length of a quoted header block at line `i`: a `From:` field with at least one other
/// field (`Sent:`, `To:`, `Subject:` …) among the next lines. A lone "From: x@y" line is not
/// enough: people write that in their own text. A field value wrapped onto a second line is part
/// of the block.
fn header_block_len(lines: &[Line<'_>], i: usize) -> Option<usize> {
    let first = rules::header_field(lines.get(i)?.text)?;
    let mut has_from = first == Field::From;
    let mut others = 0;
    let mut end = i + 1;
    let mut k = i + 1;
    let mut continuation_used = false;
    while k < lines.len() && k < i + 12 {
        let line = &lines[k];
        if line.is_blank() {
            break;
        }
        match rules::header_field(line.text) {
            Some(field) => {
                has_from |= field == Field::From;
                if field != first {
                    others += 1;
                }
                continuation_used = false;
                end = k + 1;
            }
            None if !continuation_used && line.trimmed().len() <= 120 => {
                // A wrapped value: allowed once per field.
                continuation_used = true;
            }
            None => break,
        }
        k += 1;
    }
    if !has_from {
        return None;
    }
    if others >= 1 && (first == Field::From || first == Field::Date) {
        return Some(end - i);
    }
    None
}

/// Moves the start of unmarked history up over the rule lines and blank lines directly above it
/// ("________________\nFrom: …", "====\n\nMessage du : …"), when those are still new text.
fn extend_over_rules(lines: &[Line<'_>], marks: &[Mark], i: usize) -> usize {
    let mut from = i;
    let mut k = i;
    while k > 0 {
        let prev = &lines[k - 1];
        if marks[k - 1].kind != SegmentKind::New {
            break;
        }
        if prev.is_blank() {
            k -= 1;
        } else if rules::is_rule_line(prev.text) {
            k -= 1;
            from = k;
        } else {
            break;
        }
    }
    from
}
