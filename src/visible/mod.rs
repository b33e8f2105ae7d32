//! The visible text of a message: what the sender wrote *now*, without quoted history,
//! signatures or mailcase's own automated text quoted back.
//!
//! [`analyze`] splits a plain-text body into segments; extraction reads only the `New` ones,
//! and the staff UI shows the others collapsed. Nothing is deleted: the segments together hold
//! the whole body, byte for byte and in order.
//!
//! How it works, in two passes over the lines (each linear in the size of the body):
//!
//! 1. `quotes` marks quoted history: `>` blocks with their attribution line, and unmarked
//!    history (Outlook header blocks, "-----Original Message-----", an attribution followed by
//!    unquoted text) which runs to the end of the body.
//! 2. `signature` looks at each remaining run of new text and marks the signature at its end:
//!    `-- ` blocks, mobile footers, sign-offs.
//!
//! The phrases and patterns (per language) are data in [`rules`]. [`strip_known`] is a third,
//! optional pass for the pipeline: it re-labels our own automated text that a client pasted back
//! without `>` markers.
//!
//! What it does not do: read HTML (see [`crate::html`], whose output this module takes), or use
//! the sender's name to find a signature that has no marker at all.

mod known;
mod quotes;
pub mod rules;
mod signature;

pub use known::{answers_inside_our_quote, strip_known};

use serde::{Deserialize, Serialize};

/// What a piece of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Text the sender wrote in this message.
    New,
    /// Quoted history: `>` lines, an attribution line and what follows it, forwarded blocks.
    Quote,
    /// A signature or mobile footer.
    Signature,
}

/// A contiguous run of lines of one kind. Two adjacent segments may have the same kind when
/// they are different blocks (a sign-off, then a `-- ` signature).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub kind: SegmentKind,
    /// The lines, with their line ends; blank lines belong to the block above them.
    pub text: String,
}

/// A body split into segments. Concatenating the segments' texts gives the body back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visible {
    pub segments: Vec<Segment>,
}

impl Visible {
    /// The new text: every `New` segment, joined, trimmed.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::New)
            .map(|s| s.text.trim_matches('\n'))
            .filter(|t| !t.trim().is_empty())
            .collect();
        parts.join("\n\n").trim().to_string()
    }
}

/// Splits a plain-text body (line ends `\n`; a `\r` before it is tolerated) into new text,
/// quotes and signature.
pub fn analyze(body: &str) -> Visible {
    let lines: Vec<Line<'_>> = body.split_inclusive('\n').map(Line::new).collect();
    let mut marks = vec![Mark::default(); lines.len()];
    quotes::mark(&lines, &mut marks);
    signature::mark(&lines, &mut marks);
    Visible {
        segments: assemble(lines.iter().zip(&marks).map(|(l, m)| (l.raw, *m))),
    }
}

/// One line of the body.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// As in the body, with its line end.
    raw: &'a str,
    /// Without the line end (`\n` or `\r\n`).
    text: &'a str,
}

impl<'a> Line<'a> {
    fn new(raw: &'a str) -> Self {
        let text = raw.strip_suffix('\n').unwrap_or(raw);
        let text = text.strip_suffix('\r').unwrap_or(text);
        Line { raw, text }
    }

    fn trimmed(&self) -> &'a str {
        self.text.trim()
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// A `>` quoted line (any depth, leading spaces allowed), or Supercite's "JD> ".
    fn is_quoted(&self) -> bool {
        let t = self.text.trim_start();
        t.starts_with('>') || supercite_prefix(t).is_some()
    }

    /// The text after the `>` markers.
    fn quoted_content(&self) -> &'a str {
        let t = self.text.trim_start();
        let t = supercite_prefix(t).map_or(t, |p| &t[p..]);
        t.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
            .trim_end()
    }
}

/// A quoted line's text without its quote markers (`> > `, Supercite's "JD> ").
pub fn unquoted(line: &str) -> &str {
    Line::new(line).quoted_content()
}

/// The length of a Supercite quote prefix: one to three capital letters and `>` ("C>", "JD>").
fn supercite_prefix(t: &str) -> Option<usize> {
    let letters = t.bytes().take_while(u8::is_ascii_uppercase).count();
    ((1..=3).contains(&letters) && t.as_bytes().get(letters) == Some(&b'>')).then_some(letters + 1)
}

/// What a line was found to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    kind: SegmentKind,
    /// The line opens a new block even when the line above has the same kind.
    starts_block: bool,
}

impl Default for Mark {
    fn default() -> Self {
        Mark {
            kind: SegmentKind::New,
            starts_block: false,
        }
    }
}

/// Builds segments from marked lines. A blank line never starts a segment: it stays with the
/// block above it (leading blank lines go with the first block).
fn assemble<'a>(lines: impl Iterator<Item = (&'a str, Mark)>) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut pending_blank = String::new();
    for (raw, mark) in lines {
        if raw.trim().is_empty() {
            match segments.last_mut() {
                Some(last) => last.text.push_str(raw),
                None => pending_blank.push_str(raw),
            }
            continue;
        }
        match segments.last_mut() {
            Some(last) if last.kind == mark.kind && !mark.starts_block => last.text.push_str(raw),
            _ => {
                let mut text = std::mem::take(&mut pending_blank);
                text.push_str(raw);
                segments.push(Segment {
                    kind: mark.kind,
                    text,
                });
            }
        }
    }
    if !pending_blank.is_empty() {
        segments.push(Segment {
            kind: SegmentKind::New,
            text: pending_blank,
        });
    }
    segments
}

#[cfg(test)]
mod tests;
