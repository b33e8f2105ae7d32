//! The visible text of a message: what the sender wrote *now*, without quoted history,
//! signatures or mailcase's own automated text quoted back.
//!
//! [`analyze`] splits a plain-text body into segments; extraction reads only the `New` ones,
//! and the staff UI shows the others collapsed. Nothing is deleted: the segments together hold
//! the whole body.

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

/// A contiguous run of lines of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub kind: SegmentKind,
    pub text: String,
}

/// A body split into segments.
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

/// Splits a plain-text body (line ends `\n`) into new text, quotes and signature.
pub fn analyze(body: &str) -> Visible {
    let mut new = Vec::new();
    let mut rest = Vec::new();
    let mut cut = false;
    for line in body.lines() {
        let t = line.trim();
        if !cut && (t.starts_with('>') || (t.starts_with("On ") && t.ends_with("wrote:")) || t == "--") {
            cut = true;
        }
        if cut { rest.push(line) } else { new.push(line) }
    }
    let mut segments = vec![Segment { kind: SegmentKind::New, text: new.join("\n") }];
    if !rest.is_empty() {
        segments.push(Segment { kind: SegmentKind::Quote, text: rest.join("\n") });
    }
    Visible { segments }
}
