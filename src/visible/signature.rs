//! Finds the signature at the end of each run of new text: the `-- ` block, mobile and app
//! footers ("Sent from my iPhone"), a long rule line above a list footer or contact block,
//! sign-offs ("Thanks,\nPriya", "Best regards,\n\n//Jef", "-Abhishek Kona") and a name above
//! contact lines.
//!
//! A signature starts at the first line of a run that opens one and runs to the end of that run
//! (the next quote, or the end of the body); each later opener inside it starts a new segment
//! (a sign-off, then the `-- ` block). Only `-- ` and a footer line are signature by themselves;
//! every other opener must be followed by signature-like lines only: short, no prose, no
//! "Key: value" data the sender gives. So a "Thanks," above more paragraphs, "Sent from my desk,
//! is much easier …", a markdown `----` or "----\nUsername: jdoe" stay new text, and nothing
//! inside a fenced code block opens a signature.
//!
//! Mobile clients put the quoted mail right under their footer without any header; text below a
//! footer that is not itself signature-like is therefore history (see [`FooterTails`]).

use super::rules;
use super::{Line, Mark};
use crate::visible::SegmentKind;

/// Most non-blank lines a signature block below a rule line or a typed `--` may have.
const MAX_BLOCK_LINES: usize = 15;
/// Most non-blank lines under a sign-off ("Thanks,"): a name, a title, a company, a phone.
const MAX_SIGN_OFF_LINES: usize = 4;
/// Longest line of a signature block below a rule line, footer or sign-off.
const MAX_BLOCK_LINE_CHARS: usize = 100;
const MAX_SIGN_OFF_LINE_CHARS: usize = 60;

/// Marks signature lines in `marks`, run by run of `New` lines.
pub(super) fn mark(lines: &[Line<'_>], marks: &mut [Mark]) {
    let n = lines.len();
    let mut i = 0;
    while i < n {
        if marks[i].kind != SegmentKind::New {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && marks[i].kind == SegmentKind::New {
            i += 1;
        }
        mark_run(&lines[start..i], &mut marks[start..i]);
    }
}

/// What a line can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// `-- `: always a signature.
    Delimiter,
    /// A typed delimiter (`--`, `__`) over a short block, or a long rule line (`_________`,
    /// `==========`) over at most three lines or a block with contact lines (a list footer or
    /// contact block, not a table or a diff), or over nothing but more rules.
    Rule,
    /// "Sent from my iPhone", "Get Outlook for iOS": always a signature itself.
    Footer,
    /// "Thanks,", "Cheers, Bob", "-Abhishek Kona": a signature when at most a name block follows.
    SignOff,
    /// A name opening a paragraph of contact lines ("Gina X\ngina@example.com\n(555) 346-9947").
    Contact,
}

/// A `-- ` delimiter or a footer: openers that count wherever they are in a run.
fn hard_opener(t: &str) -> Option<Opener> {
    if t == "-- " || t == "-- \u{a0}" || rules::is_disclaimer(t) {
        // a legal disclaimer runs to the end like a signature
        Some(Opener::Delimiter)
    } else if rules::is_footer(t) {
        Some(Opener::Footer)
    } else {
        None
    }
}

/// The other openers, which only count near the end of a run or above a hard opener.
fn soft_opener(lines: &[Line<'_>], j: usize) -> Option<Opener> {
    let t = lines[j].text;
    if rules::is_signature_delimiter(t) || rules::is_rule_line(t) {
        return Some(Opener::Rule);
    }
    if rules::is_sign_off(t) || rules::is_named_sign_off(t) {
        return Some(Opener::SignOff);
    }
    if rules::is_dash_name(t) && !previous_is_list_item(lines, j) {
        return Some(Opener::SignOff);
    }
    if j > 0
        && lines[j - 1].is_blank()
        && rules::is_name_line(t)
        && t.split_whitespace().count() >= 2
    {
        return Some(Opener::Contact);
    }
    None
}

/// Within one run, per line from the bottom: facts about the lines from here to the end, so each
/// candidate opener is checked in constant time (the whole pass stays linear).
#[derive(Debug, Clone, Copy, Default)]
struct Tail {
    non_blank: usize,
    longest: usize,
    /// Non-blank lines that are not footers, and whether any of them is prose.
    non_footer: usize,
    non_footer_prose: bool,
    /// A line with an address, URL or phone number, or a footer.
    contact: bool,
    /// Non-blank lines that are not rule lines.
    non_rule: usize,
    /// A "Key: value" line that is not a contact detail.
    data: bool,
}

impl Tail {
    /// Only short, non-prose lines (and footers): what a signature block looks like.
    fn is_signature_like(&self) -> bool {
        self.non_footer <= MAX_BLOCK_LINES
            && !self.non_footer_prose
            && self.longest <= MAX_BLOCK_LINE_CHARS
    }
}

fn mark_run(lines: &[Line<'_>], marks: &mut [Mark]) {
    let n = lines.len();
    let fenced = fenced_lines(lines);
    // Hard openers everywhere; soft ones only where they could qualify: within a signature
    // block's reach of the next hard opener or the end of the run (keeps long runs cheap).
    let hard: Vec<Option<Opener>> = (0..n)
        .map(|j| {
            if fenced[j] {
                None
            } else {
                hard_opener(lines[j].text)
            }
        })
        .collect();
    let mut openers = hard.clone();
    let mut reach = 0;
    for j in (0..n).rev() {
        if hard[j].is_some() {
            reach = 0;
        } else if !lines[j].is_blank() {
            reach += 1;
            if reach <= MAX_BLOCK_LINES + 1 && !fenced[j] {
                openers[j] = soft_opener(lines, j);
            }
        }
    }
    let mut tails = vec![Tail::default(); n + 1];
    for j in (0..n).rev() {
        let mut t = tails[j + 1];
        let line = lines[j].trimmed();
        if !line.is_empty() {
            t.non_blank += 1;
            if openers[j] != Some(Opener::Footer) {
                t.longest = t.longest.max(line.chars().count());
                t.non_footer += 1;
                t.non_footer_prose |= is_prose(line);
            }
            if !rules::is_rule_line(line) {
                t.non_rule += 1;
            }
            // Only a short tail can be a signature block: above it, these are not needed.
            if t.is_signature_like() {
                t.contact |= openers[j] == Some(Opener::Footer)
                    || rules::is_contact_line(line)
                    || rules::has_address(line);
                t.data |= openers[j] != Some(Opener::Footer) && rules::is_data_field(line);
            }
        }
        tails[j] = t;
    }
    // Openers that stand on their own; a sign-off's or contact block's lines end at the next one.
    let standalone = |j: usize| match openers[j] {
        Some(Opener::Delimiter | Opener::Footer) => true,
        Some(Opener::Rule) => {
            let t = tails[j + 1];
            if rules::is_signature_delimiter(lines[j].text) {
                return t.is_signature_like();
            }
            // A rule line is also markdown or a separator above data the sender gives
            // ("----\nUsername: jdoe"): only a long rule over a short block, or over contact
            // lines or a list footer, and never over data fields.
            (t.non_rule == 0 && t.non_blank > 0)
                || (lines[j].trimmed().chars().count() >= rules::MIN_SIGNATURE_RULE_CHARS
                    && t.is_signature_like()
                    && !t.data
                    && (t.contact || t.non_blank <= 3))
        }
        _ => false,
    };
    let mut next_standalone = vec![n; n + 1];
    for j in (0..n).rev() {
        next_standalone[j] = if standalone(j) {
            j
        } else {
            next_standalone[j + 1]
        };
    }
    // Non-blank lines above line j in this run.
    let above = |j: usize| tails[0].non_blank - tails[j].non_blank;

    let qualifies = |j: usize| match openers[j] {
        None => false,
        Some(Opener::Delimiter | Opener::Footer | Opener::Rule) => standalone(j),
        // A sign-off that is all the run says ("Thank you very much.") is the message itself.
        Some(Opener::SignOff) => {
            above(j) > 0 && is_name_block(lines, j + 1, next_standalone[j + 1])
        }
        Some(Opener::Contact) => {
            above(j) > 0 && is_contact_block(lines, j + 1, next_standalone[j + 1])
        }
    };
    let Some(start) = (0..n).find(|&j| qualifies(j)) else {
        return;
    };

    // Mobile clients put the quoted mail right below their footer, without a header: below a
    // footer only more footers, rule lines and a short name or contact block are signature; other
    // text is history when there is new text above the signature, else it is left alone.
    let mut footers = (start..n)
        .filter(|&j| openers[j] == Some(Opener::Footer))
        .peekable();
    let history = match footers.peek() {
        Some(_) => {
            let below = FooterTails::new(lines, &openers);
            footers.find_map(|f| below.history_after(f))
        }
        None => None,
    };
    let end = history.unwrap_or(n);
    for (j, m) in marks.iter_mut().enumerate().take(end).skip(start) {
        m.kind = SegmentKind::Signature;
        m.starts_block = j == start || standalone(j);
    }
    if end < n {
        if above(start) > 0 {
            for (j, m) in marks.iter_mut().enumerate().skip(end) {
                m.kind = SegmentKind::Quote;
                m.starts_block = j == end;
            }
        } else {
            mark_run(&lines[end..], &mut marks[end..]);
        }
    }
}

/// Per line, from the bottom of a run: what lies below a footer, so that finding where history
/// starts under each footer is constant time.
struct FooterTails {
    /// The first line at or after this one that is not blank, a footer or a rule line.
    next_content: Vec<usize>,
    /// Such content lines from here to the end of the run, and whether all are names or contact
    /// lines.
    content: Vec<usize>,
    all_names: Vec<bool>,
}

impl FooterTails {
    fn new(lines: &[Line<'_>], openers: &[Option<Opener>]) -> Self {
        let n = lines.len();
        let mut next_content = vec![n; n + 1];
        let mut content = vec![0; n + 1];
        let mut all_names = vec![true; n + 1];
        for j in (0..n).rev() {
            let t = lines[j].trimmed();
            let is_content = !t.is_empty()
                && !matches!(
                    openers[j],
                    Some(Opener::Footer | Opener::Rule | Opener::Delimiter)
                );
            next_content[j] = if is_content { j } else { next_content[j + 1] };
            content[j] = content[j + 1] + usize::from(is_content);
            all_names[j] = all_names[j + 1]
                && (!is_content || rules::is_name_line(t) || rules::is_contact_line(t));
        }
        FooterTails {
            next_content,
            content,
            all_names,
        }
    }

    /// Where history starts below the footer on line `f`: the first line that is not blank, a
    /// footer or a rule line, unless what is left from there is a short block of names and
    /// contact lines.
    fn history_after(&self, f: usize) -> Option<usize> {
        let k = self.next_content[f + 1];
        if k >= self.content.len() - 1 {
            return None;
        }
        let short_block = self.content[k] <= MAX_SIGN_OFF_LINES && self.all_names[k];
        (!short_block).then_some(k)
    }
}

/// Lines inside a fenced code block (```), fences included: code is never a signature.
fn fenced_lines(lines: &[Line<'_>]) -> Vec<bool> {
    let mut fenced = vec![false; lines.len()];
    let mut open: Option<usize> = None;
    for (j, line) in lines.iter().enumerate() {
        let t = line.trimmed();
        if t.starts_with("```") || t.starts_with("~~~") {
            match open.take() {
                Some(from) => fenced[from..=j].iter_mut().for_each(|f| *f = true),
                None => open = Some(j),
            }
        }
    }
    fenced
}

/// Lines `from..to` are a short contact block: at least two contact lines and nothing else.
fn is_contact_block(lines: &[Line<'_>], from: usize, to: usize) -> bool {
    let mut count = 0;
    for line in &lines[from..to] {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        if !rules::is_contact_line(t) {
            return false;
        }
        count += 1;
    }
    (2..=MAX_SIGN_OFF_LINES).contains(&count)
}

/// Lines `from..to` are what may follow a sign-off: nothing, or a short block that starts with a
/// name ("Priya", "Some One", "//Jef") and has no prose.
fn is_name_block(lines: &[Line<'_>], from: usize, to: usize) -> bool {
    let mut count = 0;
    for line in &lines[from..to] {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        if count == 0 && !rules::is_name_line(t) {
            return false;
        }
        count += 1;
        if count > MAX_SIGN_OFF_LINES
            || t.chars().count() > MAX_SIGN_OFF_LINE_CHARS
            || is_prose(t)
            || t.ends_with(['?', ':'])
            || rules::is_data_field(t)
        {
            return false;
        }
    }
    true
}

/// A sentence rather than a name, title or address: several words ending in sentence
/// punctuation, or simply many words.
fn is_prose(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words >= 12 || (words >= 6 && line.ends_with(['.', '!', '?', ':']))
}

/// "- Yes" under "- No" is a list, not a sign-off; neither is "-Foo" under "-Bar".
fn previous_is_list_item(lines: &[Line<'_>], j: usize) -> bool {
    lines[..j]
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .is_some_and(|l| l.trimmed().starts_with(['-', '–', '—', '*', '•']))
}
