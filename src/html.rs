//! HTML to readable plain text, in linear time and without rendering anything.
//!
//! Email HTML is attacker-controlled: this module only tokenises it and keeps the text. It never
//! fetches, runs or keeps markup: attributes other than `href`, `class`, `id` and `style` are
//! skipped unread, so `<img onerror>` and `javascript:` links are inert, and the output is plain
//! text that is escaped wherever it is shown.
//!
//! What the text looks like, roughly as a browser would lay it out:
//!
//! * `<head>`, `<style>`, `<script>`, `<title>`, comments (conditional ones too) are dropped.
//! * Whitespace collapses as in a browser, except inside `<pre>`; `&nbsp;` is a space that does
//!   not collapse.
//! * Block elements (`div`, `tr`, `li`, headings, ...) start new lines, paragraphs and headings are
//!   separated by a blank line (Outlook's zero-margin `MsoNormal` paragraphs by a line break),
//!   `<br>` breaks the line, `<hr>` becomes Outlook's own text separator (32 underscores).
//! * `<li>` becomes `- item` (`1. item` in an `<ol>`), nested lists are indented.
//! * `<blockquote>` content becomes `> ` lines (`> > ` nested), so the quote stripper treats HTML
//!   replies like plain ones. The attribution blocks of Gmail (`gmail_quote`), Thunderbird
//!   (`moz-cite-prefix`), Yahoo (`yahoo_quoted`) and Outlook (`divRplyFwdMsg`, `appendonsend`,
//!   the `border-top` separator `div`) start after a blank line, so their "On … wrote:" and
//!   "From: … Sent: …" lines stand alone.
//! * A link keeps its text and, when the target is http(s) and differs from the text, gets
//!   ` (URL)` appended.
//!
//! Bounds: the output stops at [`MAX_OUTPUT`] bytes and quote/list nesting is flattened beyond
//! [`MAX_DEPTH`] levels; either sets [`Converted::truncated`]. Every byte of input is looked at a
//! bounded number of times (searches for the end of a comment or `</script>` resume where they
//! stopped), so hostile input cannot make it quadratic.

/// Output cap in bytes; the text is cut there.
pub const MAX_OUTPUT: usize = 1 << 20;
/// Quote and list levels beyond this are flattened.
pub const MAX_DEPTH: usize = 32;
/// Longest href kept for ` (URL)`.
const MAX_URL: usize = 2048;
/// At most this many empty lines in a row.
const MAX_BLANK_RUN: usize = 2;

/// The result of [`convert`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    /// True when [`MAX_OUTPUT`] or [`MAX_DEPTH`] was hit.
    pub truncated: bool,
}

/// Converts an HTML body to plain text.
pub fn to_text(html: &str) -> String {
    convert(html).text
}

/// Converts an HTML body to plain text and says whether a limit was hit.
pub fn convert(html: &str) -> Converted {
    let mut c = Converter {
        src: html,
        pos: 0,
        out: Out::default(),
        in_head: false,
        lists: Vec::new(),
        list_overflow: 0,
        link: None,
        pre_skip_newline: false,
        mso_paragraph: false,
    };
    c.run();
    c.out.finish()
}

/// The attributes this module reads; all others are skipped.
#[derive(Default)]
struct Attrs {
    href: Option<String>,
    class: Option<String>,
    id: Option<String>,
    style: Option<String>,
}

impl Attrs {
    fn has_class(&self, name: &str) -> bool {
        self.class.as_deref().is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case(name))
        })
    }
    fn id_is(&self, name: &str) -> bool {
        self.id
            .as_deref()
            .is_some_and(|i| i.trim().eq_ignore_ascii_case(name))
    }
}

/// A tag as read from the input.
struct Tag {
    /// Lowercase name, empty when longer than 16 bytes (no element we care about is).
    name: String,
    end: bool,
    attrs: Attrs,
}

/// What a line break request asks for; the larger wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Line,
    Blank,
}

/// The text being built, one line at a time.
struct Out {
    buf: String,
    /// The current line, without its quote prefix.
    line: String,
    /// True once anything (even a non-collapsing space) was put on the line.
    line_started: bool,
    /// The quote depth of the current line, fixed when it started.
    line_depth: usize,
    /// The quote depth of the last committed line.
    last_depth: usize,
    pending_space: bool,
    pending_break: Break,
    /// Empty lines at the end of `buf`.
    blank_run: usize,
    /// Current blockquote nesting as opened (may exceed MAX_DEPTH) .
    quote_open: usize,
    pre: usize,
    /// Text of the link being read, for comparing with its href.
    link_text: Option<String>,
    /// A list marker was just written: whitespace before the item's text is dropped.
    after_marker: bool,
    truncated: bool,
    full: bool,
}

impl Default for Out {
    fn default() -> Self {
        Out {
            buf: String::new(),
            line: String::new(),
            line_started: false,
            line_depth: 0,
            last_depth: 0,
            pending_space: false,
            pending_break: Break::None,
            blank_run: 0,
            quote_open: 0,
            pre: 0,
            link_text: None,
            after_marker: false,
            truncated: false,
            full: false,
        }
    }
}

impl Out {
    fn depth(&self) -> usize {
        self.quote_open.min(MAX_DEPTH)
    }

    fn want(&mut self, b: Break) {
        if b > self.pending_break {
            self.pending_break = b;
        }
        self.pending_space = false;
    }

    fn push_prefix(&mut self, depth: usize, blank: bool) {
        for i in 0..depth {
            self.buf.push('>');
            if !blank || i + 1 < depth {
                self.buf.push(' ');
            }
        }
    }

    /// Ends the current line (which may be empty: a blank line).
    fn commit_line(&mut self) {
        let content_len = self.line.trim_end().len();
        if content_len == 0 {
            if self.buf.is_empty() || self.blank_run >= MAX_BLANK_RUN {
                self.reset_line();
                return;
            }
            let depth = self.line_depth.min(self.last_depth);
            self.push_prefix(depth, true);
            self.buf.push('\n');
            self.blank_run += 1;
        } else {
            let depth = self.line_depth;
            self.push_prefix(depth, false);
            self.buf.push_str(&self.line[..content_len]);
            self.buf.push('\n');
            self.blank_run = 0;
            self.last_depth = depth;
        }
        self.reset_line();
        if self.buf.len() > MAX_OUTPUT {
            self.full = true;
            self.truncated = true;
        }
    }

    fn reset_line(&mut self) {
        self.after_marker = false;
        self.line.clear();
        self.line_started = false;
        self.pending_space = false;
    }

    /// Applies a pending break before new content.
    fn flush_break(&mut self) {
        match self.pending_break {
            Break::None => {}
            Break::Line => {
                if self.line_started {
                    self.commit_line();
                }
            }
            Break::Blank => {
                if self.line_started {
                    self.commit_line();
                }
                if self.blank_run == 0 && !self.buf.is_empty() {
                    self.line_depth = self.depth();
                    self.commit_line();
                }
            }
        }
        self.pending_break = Break::None;
    }

    fn start_line_if_needed(&mut self) {
        if !self.line_started {
            self.line_started = true;
            self.line_depth = self.depth();
        }
    }

    /// A `<br>`: ends the line, or adds an empty one.
    fn hard_break(&mut self) {
        self.flush_break();
        self.start_line_if_needed();
        self.commit_line();
    }

    /// Text from the document (whitespace collapses unless inside `<pre>`).
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if self.full {
                return;
            }
            self.char(c);
        }
    }

    fn char(&mut self, c: char) {
        match c {
            // Invisible: zero-width characters and soft hyphens (preheader padding), and the
            // direction marks Windows Mail scatters through its quote headers.
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            | '\u{034F}' | '\u{200E}' | '\u{200F}' => {}
            '\n' if self.pre > 0 => {
                self.flush_break();
                self.start_line_if_needed();
                self.commit_line();
            }
            '\r' if self.pre > 0 => {}
            ' ' | '\t' | '\n' | '\r' | '\u{0C}' if self.pre == 0 => {
                if self.line_started && !self.after_marker {
                    self.pending_space = true;
                }
            }
            '\u{A0}' => self.literal(" "),
            c => {
                self.flush_break();
                if self.pending_space && self.line_started {
                    self.line.push(' ');
                    if let Some(t) = &mut self.link_text {
                        t.push(' ');
                    }
                }
                self.pending_space = false;
                self.after_marker = false;
                self.start_line_if_needed();
                self.line.push(c);
                self.check_size();
                if let Some(t) = &mut self.link_text
                    && t.len() < MAX_URL + 16
                {
                    t.push(c);
                }
            }
        }
    }

    /// Text placed as is (list markers, non-breaking spaces, link targets).
    fn literal(&mut self, s: &str) {
        if self.full {
            return;
        }
        self.flush_break();
        if self.pending_space && self.line_started {
            self.line.push(' ');
        }
        self.pending_space = false;
        self.start_line_if_needed();
        self.line.push_str(s);
        self.check_size();
    }

    /// Stops the conversion once the output passes [`MAX_OUTPUT`] (a line without breaks
    /// counts too, so a single huge line cannot grow without bound).
    fn check_size(&mut self) {
        if self.buf.len() + self.line.len() > MAX_OUTPUT {
            self.full = true;
            self.truncated = true;
        }
    }

    fn finish(mut self) -> Converted {
        if self.line_started {
            self.commit_line();
        }
        let mut text = self.buf;
        if text.len() > MAX_OUTPUT {
            let mut cut = MAX_OUTPUT;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            self.truncated = true;
        }
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        Converted {
            text,
            truncated: self.truncated,
        }
    }
}

struct Converter<'a> {
    src: &'a str,
    pos: usize,
    out: Out,
    in_head: bool,
    /// Open lists: `None` for `<ul>`, `Some(next number)` for `<ol>`.
    lists: Vec<Option<u32>>,
    /// Lists opened beyond MAX_DEPTH (still counted so their ends match).
    list_overflow: usize,
    /// The open link's http(s) target.
    link: Option<String>,
    pre_skip_newline: bool,
    /// The last `<p>` was an Outlook `MsoNormal` one (zero margins: a line break, no blank line).
    mso_paragraph: bool,
}

/// Elements whose content is raw text, dropped up to their end tag.
const RAW_DROP: &[&str] = &[
    "script", "style", "title", "xmp", "iframe", "noembed", "noframes",
];
/// Elements that may appear in `<head>` without closing it.
const HEAD_OK: &[&str] = &[
    "title",
    "meta",
    "link",
    "style",
    "script",
    "base",
    "noscript",
    "xml",
    "o:officedocumentsettings",
];

impl<'a> Converter<'a> {
    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() && !self.out.full {
            // Text up to the next '<'.
            let next_lt = memchr(b'<', &bytes[self.pos..]).map_or(bytes.len(), |i| self.pos + i);
            if next_lt > self.pos {
                let text = &self.src[self.pos..next_lt];
                self.emit_text(text);
                self.pos = next_lt;
                continue;
            }
            // At '<'.
            let rest = &bytes[self.pos + 1..];
            match rest.first() {
                Some(b'!') => self.markup_declaration(),
                Some(b'?') => self.bogus_comment(self.pos + 2),
                Some(b'/') => match rest.get(1) {
                    Some(c) if c.is_ascii_alphabetic() => self.tag(),
                    Some(b'>') => self.pos += 3,
                    None => self.pos = bytes.len(),
                    _ => self.bogus_comment(self.pos + 2),
                },
                Some(c) if c.is_ascii_alphabetic() => self.tag(),
                _ => {
                    self.emit_text("<");
                    self.pos += 1;
                }
            }
        }
    }

    fn emit_text(&mut self, raw: &str) {
        let mut text = raw;
        if self.pre_skip_newline {
            self.pre_skip_newline = false;
            text = text
                .strip_prefix("\r\n")
                .or_else(|| text.strip_prefix('\n'))
                .unwrap_or(text);
        }
        if self.in_head {
            if text
                .trim_matches(|c: char| c.is_ascii_whitespace())
                .is_empty()
            {
                return;
            }
            // Text in <head> ends it, as in a browser.
            self.in_head = false;
        }
        if !text.contains('&') {
            self.out.text(text);
            return;
        }
        let decoded = decode_entities(text, false);
        self.out.text(&decoded);
    }

    /// `<!--...-->`, `<!DOCTYPE>`, `<![CDATA[...]]>`, `<![if ...]>`: all dropped.
    fn markup_declaration(&mut self) {
        let bytes = self.src.as_bytes();
        let start = self.pos + 2;
        if bytes[start..].starts_with(b"--") {
            let body = start + 2;
            // `<!-->` and `<!--->` are empty comments.
            if bytes[body..].starts_with(b">") {
                self.pos = body + 1;
                return;
            }
            if bytes[body..].starts_with(b"->") {
                self.pos = body + 2;
                return;
            }
            let mut i = body;
            loop {
                match memchr(b'-', &bytes[i..]) {
                    None => {
                        // An unclosed comment runs to the end, as in a browser.
                        self.pos = bytes.len();
                        return;
                    }
                    Some(off) => {
                        let d = i + off;
                        if bytes[d..].starts_with(b"-->") {
                            self.pos = d + 3;
                            return;
                        }
                        if bytes[d..].starts_with(b"--!>") {
                            self.pos = d + 4;
                            return;
                        }
                        i = d + 1;
                    }
                }
            }
        }
        self.bogus_comment(start);
    }

    /// Skips to the next '>' (or the end).
    fn bogus_comment(&mut self, from: usize) {
        let bytes = self.src.as_bytes();
        self.pos =
            memchr(b'>', &bytes[from.min(bytes.len())..]).map_or(bytes.len(), |i| from + i + 1);
    }

    /// Reads a start or end tag at `self.pos` and acts on it.
    fn tag(&mut self) {
        let Some(tag) = self.read_tag() else {
            // EOF inside a tag: the rest is not text (a browser drops it too).
            self.pos = self.src.len();
            return;
        };
        if tag.end {
            self.end_tag(&tag);
        } else {
            self.start_tag(&tag);
        }
    }

    fn read_tag(&mut self) -> Option<Tag> {
        let bytes = self.src.as_bytes();
        let mut i = self.pos + 1;
        let end = bytes.get(i) == Some(&b'/');
        if end {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'/'
            && bytes[i] != b'>'
        {
            i += 1;
        }
        let name = if i - name_start <= 32 {
            self.src[name_start..i].to_ascii_lowercase()
        } else {
            String::new()
        };
        let mut attrs = Attrs::default();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => return None,
                Some(b'>') => {
                    self.pos = i + 1;
                    return Some(Tag { name, end, attrs });
                }
                _ => {}
            }
            let an_start = i;
            i += 1; // the first character may be anything, even '='
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'/' | b'>' | b'=')
            {
                i += 1;
            }
            let an_end = i;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value: Option<&str> = None;
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    None => return None,
                    Some(&q @ (b'"' | b'\'')) => {
                        let v_start = i + 1;
                        let close = memchr(q, &bytes[v_start..])?;
                        value = Some(&self.src[v_start..v_start + close]);
                        i = v_start + close + 1;
                    }
                    Some(_) => {
                        let v_start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = Some(&self.src[v_start..i]);
                    }
                }
            }
            if let Some(v) = value {
                let an = &self.src[an_start..an_end];
                let slot = if an.eq_ignore_ascii_case("href") {
                    &mut attrs.href
                } else if an.eq_ignore_ascii_case("class") {
                    &mut attrs.class
                } else if an.eq_ignore_ascii_case("id") {
                    &mut attrs.id
                } else if an.eq_ignore_ascii_case("style") {
                    &mut attrs.style
                } else {
                    continue;
                };
                if slot.is_none() && v.len() <= 4 * MAX_URL {
                    *slot = Some(decode_entities(v, true));
                }
            }
        }
    }

    fn start_tag(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        if self.in_head && !HEAD_OK.contains(&name) {
            self.in_head = false;
        }
        if RAW_DROP.contains(&name) {
            self.skip_raw_text(name);
            return;
        }
        // `<li><div>Yes</div></li>` (Outlook on the web): the item's first block stays on the
        // marker's line ("- Yes"), not under a lone "-"
        if self.out.after_marker && matches!(name, "div" | "p") {
            return;
        }
        match name {
            "head" => self.in_head = true,
            "body" => self.in_head = false,
            "br" => self.out.hard_break(),
            "hr" => {
                self.out.want(Break::Line);
                self.out.literal("________________________________");
                self.out.want(Break::Line);
            }
            "p" => {
                self.mso_paragraph = tag.attrs.has_class("MsoNormal");
                self.out.want(if self.mso_paragraph {
                    Break::Line
                } else {
                    Break::Blank
                });
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dl" | "figure" | "fieldset" | "address" => {
                self.out.want(Break::Blank)
            }
            "blockquote" => {
                self.out.want(Break::Blank);
                self.out.quote_open = self.out.quote_open.saturating_add(1);
                if self.out.quote_open > MAX_DEPTH {
                    self.out.truncated = true;
                }
            }
            "pre" => {
                self.out.want(Break::Blank);
                self.out.pre = self.out.pre.saturating_add(1);
                self.pre_skip_newline = true;
            }
            "ul" | "ol" | "menu" => {
                self.out.want(if self.lists.is_empty() {
                    Break::Blank
                } else {
                    Break::Line
                });
                if self.lists.len() < MAX_DEPTH && self.list_overflow == 0 {
                    self.lists.push((name == "ol").then_some(1));
                } else {
                    self.list_overflow = self.list_overflow.saturating_add(1);
                    self.out.truncated = true;
                }
            }
            "li" => {
                self.out.want(Break::Line);
                let indent = "  ".repeat(self.lists.len().saturating_sub(1));
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{indent}{n}. ");
                        *n = n.saturating_add(1);
                        m
                    }
                    _ => format!("{indent}- "),
                };
                self.out.literal(&marker);
                // The marker's trailing space must survive; the item's leading spaces must not.
                self.out.after_marker = true;
            }
            "div" => {
                let a = &tag.attrs;
                let separator = a.has_class("gmail_quote")
                    || a.has_class("moz-cite-prefix")
                    || a.has_class("yahoo_quoted")
                    || a.id_is("divRplyFwdMsg")
                    || a.id_is("appendonsend")
                    || a.style.as_deref().is_some_and(is_border_top_separator);
                self.out
                    .want(if separator { Break::Blank } else { Break::Line });
            }
            "td" | "th" if self.out.line_started => self.out.pending_space = true,
            "a" => {
                self.close_link();
                let href = tag
                    .attrs
                    .href
                    .as_deref()
                    .map(clean_url)
                    .filter(|u| is_http(u) && u.len() <= MAX_URL);
                if let Some(href) = href {
                    self.link = Some(href);
                    self.out.link_text = Some(String::new());
                }
            }
            _ if is_line_block(name) => self.out.want(Break::Line),
            _ => {}
        }
    }

    fn end_tag(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        match name {
            "head" => self.in_head = false,
            "p" => self.out.want(if self.mso_paragraph {
                Break::Line
            } else {
                Break::Blank
            }),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dl" | "figure" | "fieldset" | "address" => {
                self.out.want(Break::Blank)
            }
            "blockquote" => {
                self.out.want(Break::Line);
                if self.out.line_started {
                    self.out.commit_line();
                }
                self.out.quote_open = self.out.quote_open.saturating_sub(1);
                self.out.want(Break::Blank);
            }
            "pre" => {
                self.out.pre = self.out.pre.saturating_sub(1);
                self.out.want(Break::Blank);
            }
            "ul" | "ol" | "menu" => {
                if self.list_overflow > 0 {
                    self.list_overflow -= 1;
                } else {
                    self.lists.pop();
                }
                self.out.want(if self.lists.is_empty() {
                    Break::Blank
                } else {
                    Break::Line
                });
            }
            "a" => self.close_link(),
            "td" | "th" if self.out.line_started => self.out.pending_space = true,
            "br" => self.out.hard_break(), // `</br>` is a `<br>` in browsers
            _ if is_line_block(name) || name == "div" || name == "li" => self.out.want(Break::Line),
            _ => {}
        }
    }

    /// Ends the open link: appends ` (URL)` when the text did not already say it.
    fn close_link(&mut self) {
        let Some(href) = self.link.take() else { return };
        let text = self.out.link_text.take().unwrap_or_default();
        let text = text.trim();
        if text.is_empty() || same_url(text, &href) {
            return;
        }
        self.out.literal(&format!(" ({href})"));
    }

    /// Skips the content of a raw-text element up to `</name` (case-insensitive), resuming each
    /// search where the last stopped.
    fn skip_raw_text(&mut self, name: &str) {
        let bytes = self.src.as_bytes();
        let mut i = self.pos;
        while let Some(off) = memchr(b'<', &bytes[i..]) {
            let lt = i + off;
            let after = lt + 2 + name.len();
            if bytes.get(lt + 1) == Some(&b'/')
                && bytes.len() >= after
                && bytes[lt + 2..after].eq_ignore_ascii_case(name.as_bytes())
                && bytes
                    .get(after)
                    .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            {
                self.pos = lt;
                // Consume the end tag itself.
                self.bogus_comment(after);
                return;
            }
            i = lt + 1;
        }
        self.pos = bytes.len();
    }
}

fn is_line_block(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "tr"
            | "li"
            | "dt"
            | "dd"
            | "table"
            | "caption"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figcaption"
            | "form"
            | "center"
            | "details"
            | "summary"
            | "option"
            | "legend"
            | "hgroup"
    )
}

/// Outlook's reply separator: `<div style="border:none;border-top:solid #E1E1E1 1.0pt;...">`.
fn is_border_top_separator(style: &str) -> bool {
    let s = style.to_ascii_lowercase();
    s.contains("border-top:solid")
        || s.contains("border-top: solid")
        || s.contains("border-top:1px solid")
}

/// A URL as a browser reads it from an attribute: surrounding whitespace and any ASCII
/// whitespace or control characters inside removed.
fn clean_url(url: &str) -> String {
    url.trim()
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect()
}

fn is_http(url: &str) -> bool {
    let l = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// True when the link text already shows the URL (scheme, `www.` and a final `/` aside).
fn same_url(text: &str, href: &str) -> bool {
    fn norm(s: &str) -> String {
        let s = s.trim().to_ascii_lowercase();
        let s = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(&s);
        let s = s.strip_prefix("www.").unwrap_or(s);
        s.trim_end_matches('/').to_string()
    }
    norm(text) == norm(href)
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Decodes character references. In attribute values (`in_attr`), a named reference without
/// `;` followed by an alphanumeric or `=` stays as written, as browsers do (`?a=1&copy=2`).
pub fn decode_entities(s: &str, in_attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match entity_at(rest, in_attr) {
            Some((decoded, used)) => {
                out.push(decoded);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the reference at the start of `s` (which starts with '&'): the text and bytes used.
fn entity_at(s: &str, in_attr: bool) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut i = start;
        let mut value: u32 = 0;
        while i < b.len() && i - start < 10 {
            let d = if hex {
                (b[i] as char).to_digit(16)
            } else {
                (b[i] as char).to_digit(10)
            };
            let Some(d) = d else { break };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            i += 1;
        }
        if i == start {
            return None;
        }
        // Skip any further digits of an absurdly long number.
        while i < b.len() && (b[i] as char).is_ascii_hexdigit() && (hex || b[i].is_ascii_digit()) {
            i += 1;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        return Some((numeric_char(value), i));
    }
    let mut i = 1;
    while i < b.len() && i <= 32 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == 1 {
        return None;
    }
    let name = &s[1..i];
    let semicolon = b.get(i) == Some(&b';');
    if semicolon {
        let c = named_entity(name)?;
        return Some((c, i + 1));
    }
    // Without ';': only the legacy names, and in attributes only when not followed by [=a-z0-9].
    if in_attr
        && b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'=')
    {
        return None;
    }
    // The longest legacy name that is a prefix (`&notit` is `¬it`).
    for legacy in [
        "nbsp", "amp", "lt", "gt", "quot", "copy", "reg", "not", "shy", "deg", "para", "sect",
        "middot", "times", "divide",
    ] {
        if name.starts_with(legacy) && (!in_attr || name.len() == legacy.len()) {
            return named_entity(legacy).map(|c| (c, 1 + legacy.len()));
        }
    }
    None
}

/// A numeric reference as browsers map it: C1 controls as windows-1252, invalid as U+FFFD.
fn numeric_char(v: u32) -> char {
    const C1: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let v = if (0x80..=0x9F).contains(&v) {
        C1[(v - 0x80) as usize]
    } else {
        v
    };
    match v {
        0 => '\u{FFFD}',
        _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

/// The named references mail actually uses: HTML 4's Latin-1, symbol and special sets (minus
/// the Greek letters' rarer forms) plus the common HTML5 additions.
fn named_entity(name: &str) -> Option<char> {
    let c: u32 = match name {
        "amp" | "AMP" => 0x26,
        "lt" | "LT" => 0x3C,
        "gt" | "GT" => 0x3E,
        "quot" | "QUOT" => 0x22,
        "apos" => 0x27,
        "nbsp" | "NonBreakingSpace" => 0xA0,
        "iexcl" => 0xA1,
        "cent" => 0xA2,
        "pound" => 0xA3,
        "curren" => 0xA4,
        "yen" => 0xA5,
        "brvbar" => 0xA6,
        "sect" => 0xA7,
        "uml" => 0xA8,
        "copy" | "COPY" => 0xA9,
        "ordf" => 0xAA,
        "laquo" => 0xAB,
        "not" => 0xAC,
        "shy" => 0xAD,
        "reg" | "REG" => 0xAE,
        "macr" => 0xAF,
        "deg" => 0xB0,
        "plusmn" => 0xB1,
        "sup2" => 0xB2,
        "sup3" => 0xB3,
        "acute" => 0xB4,
        "micro" => 0xB5,
        "para" => 0xB6,
        "middot" => 0xB7,
        "cedil" => 0xB8,
        "sup1" => 0xB9,
        "ordm" => 0xBA,
        "raquo" => 0xBB,
        "frac14" => 0xBC,
        "frac12" => 0xBD,
        "frac34" => 0xBE,
        "iquest" => 0xBF,
        "Agrave" => 0xC0,
        "Aacute" => 0xC1,
        "Acirc" => 0xC2,
        "Atilde" => 0xC3,
        "Auml" => 0xC4,
        "Aring" => 0xC5,
        "AElig" => 0xC6,
        "Ccedil" => 0xC7,
        "Egrave" => 0xC8,
        "Eacute" => 0xC9,
        "Ecirc" => 0xCA,
        "Euml" => 0xCB,
        "Igrave" => 0xCC,
        "Iacute" => 0xCD,
        "Icirc" => 0xCE,
        "Iuml" => 0xCF,
        "ETH" => 0xD0,
        "Ntilde" => 0xD1,
        "Ograve" => 0xD2,
        "Oacute" => 0xD3,
        "Ocirc" => 0xD4,
        "Otilde" => 0xD5,
        "Ouml" => 0xD6,
        "times" => 0xD7,
        "Oslash" => 0xD8,
        "Ugrave" => 0xD9,
        "Uacute" => 0xDA,
        "Ucirc" => 0xDB,
        "Uuml" => 0xDC,
        "Yacute" => 0xDD,
        "THORN" => 0xDE,
        "szlig" => 0xDF,
        "agrave" => 0xE0,
        "aacute" => 0xE1,
        "acirc" => 0xE2,
        "atilde" => 0xE3,
        "auml" => 0xE4,
        "aring" => 0xE5,
        "aelig" => 0xE6,
        "ccedil" => 0xE7,
        "egrave" => 0xE8,
        "eacute" => 0xE9,
        "ecirc" => 0xEA,
        "euml" => 0xEB,
        "igrave" => 0xEC,
        "iacute" => 0xED,
        "icirc" => 0xEE,
        "iuml" => 0xEF,
        "eth" => 0xF0,
        "ntilde" => 0xF1,
        "ograve" => 0xF2,
        "oacute" => 0xF3,
        "ocirc" => 0xF4,
        "otilde" => 0xF5,
        "ouml" => 0xF6,
        "divide" => 0xF7,
        "oslash" => 0xF8,
        "ugrave" => 0xF9,
        "uacute" => 0xFA,
        "ucirc" => 0xFB,
        "uuml" => 0xFC,
        "yacute" => 0xFD,
        "thorn" => 0xFE,
        "yuml" => 0xFF,
        "OElig" => 0x152,
        "oelig" => 0x153,
        "Scaron" => 0x160,
        "scaron" => 0x161,
        "Yuml" => 0x178,
        "fnof" => 0x192,
        "circ" => 0x2C6,
        "tilde" => 0x2DC,
        "Alpha" => 0x391,
        "Beta" => 0x392,
        "Gamma" => 0x393,
        "Delta" => 0x394,
        "Omega" => 0x3A9,
        "alpha" => 0x3B1,
        "beta" => 0x3B2,
        "gamma" => 0x3B3,
        "delta" => 0x3B4,
        "epsilon" => 0x3B5,
        "lambda" => 0x3BB,
        "mu" => 0x3BC,
        "pi" => 0x3C0,
        "sigma" => 0x3C3,
        "omega" => 0x3C9,
        "ensp" => 0x2002,
        "emsp" => 0x2003,
        "thinsp" => 0x2009,
        "zwnj" => 0x200C,
        "zwj" => 0x200D,
        "lrm" => 0x200E,
        "rlm" => 0x200F,
        "ndash" => 0x2013,
        "mdash" => 0x2014,
        "horbar" => 0x2015,
        "lsquo" => 0x2018,
        "rsquo" => 0x2019,
        "sbquo" => 0x201A,
        "ldquo" => 0x201C,
        "rdquo" => 0x201D,
        "bdquo" => 0x201E,
        "dagger" => 0x2020,
        "Dagger" => 0x2021,
        "bull" | "bullet" => 0x2022,
        "hellip" => 0x2026,
        "permil" => 0x2030,
        "prime" => 0x2032,
        "Prime" => 0x2033,
        "lsaquo" => 0x2039,
        "rsaquo" => 0x203A,
        "oline" => 0x203E,
        "frasl" => 0x2044,
        "euro" => 0x20AC,
        "trade" | "TRADE" => 0x2122,
        "larr" => 0x2190,
        "uarr" => 0x2191,
        "rarr" => 0x2192,
        "darr" => 0x2193,
        "harr" => 0x2194,
        "rArr" => 0x21D2,
        "minus" => 0x2212,
        "infin" => 0x221E,
        "ne" => 0x2260,
        "le" => 0x2264,
        "ge" => 0x2265,
        "loz" => 0x25CA,
        "check" | "checkmark" => 0x2713,
        "star" => 0x2606,
        "starf" => 0x2605,
        "hearts" => 0x2665,
        "spades" => 0x2660,
        "clubs" => 0x2663,
        "diams" => 0x2666,
        "Tab" => 0x09,
        "NewLine" => 0x0A,
        "colon" => 0x3A,
        "comma" => 0x2C,
        "period" => 0x2E,
        "excl" => 0x21,
        "quest" => 0x3F,
        "num" => 0x23,
        "dollar" => 0x24,
        "percnt" => 0x25,
        "lpar" => 0x28,
        "rpar" => 0x29,
        "ast" => 0x2A,
        "plus" => 0x2B,
        "sol" => 0x2F,
        "semi" => 0x3B,
        "equals" => 0x3D,
        "commat" => 0x40,
        "lsqb" | "lbrack" => 0x5B,
        "bsol" => 0x5C,
        "rsqb" | "rbrack" => 0x5D,
        "lowbar" => 0x5F,
        "grave" => 0x60,
        "lcub" | "lbrace" => 0x7B,
        "verbar" | "vert" => 0x7C,
        "rcub" | "rbrace" => 0x7D,
        _ => return None,
    };
    char::from_u32(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_html_to_readable_text() {
        // (input, expected output)
        let cases: &[(&str, &str)] = &[
            ("<p>Hello</p><p>World</p>", "Hello\n\nWorld"),
            ("a<br>b<br/>c", "a\nb\nc"),
            ("<div>one</div><div>two</div>", "one\ntwo"),
            ("<div>one</div><div><br></div><div>two</div>", "one\n\ntwo"),
            ("  lots   of \n\t whitespace  ", "lots of whitespace"),
            ("<b>bold</b> and <i>italic</i>", "bold and italic"),
            ("<pre>  keep\n    this </pre>", "  keep\n    this"),
            (
                "<pre>\nfirst newline dropped</pre>",
                "first newline dropped",
            ),
            ("<ul><li>one</li><li> two </li></ul>", "- one\n- two"),
            ("<ol><li>yes<li>no</ol>", "1. yes\n2. no"),
            (
                "<ul><li><div>Yes</div></li><li><p>No</p><div>really</div></li></ul>",
                "- Yes\n- No\n\nreally",
            ),
            (
                "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>",
                "- a\n  - b\n- c",
            ),
            ("<h1>Title</h1>text", "Title\n\ntext"),
            (
                "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
                "a b\nc",
            ),
            ("x<hr>y", "x\n________________________________\ny"),
            // Entities: named (with and without ';'), numeric, hex, C1 remapped, invalid.
            (
                "&lt;tag&gt; &amp; &quot;q&quot; &copy;&nbsp;2024",
                "<tag> & \"q\" © 2024",
            ),
            (
                "&#8364; &#x20AC; &#128; &#0; &#x110000; &bogus; & alone",
                "€ € € \u{FFFD} \u{FFFD} &bogus; & alone",
            ),
            ("caf&eacute; na&iuml;ve &mdash; &hellip;", "café naïve — …"),
            ("AT&amp;T &ampx", "AT&T &x"),
            ("a&nbsp;&nbsp;b", "a  b"),
            ("zero&#8203;width&zwnj;chars", "zerowidthchars"),
            // Dropped wholesale.
            (
                "<head><title>T</title><style>p{color:red}</style></head><body>Hi</body>",
                "Hi",
            ),
            ("<script>alert('<b>x</b>')</script>after", "after"),
            ("<STYLE type=text/css>a{}</STYLE >after", "after"),
            ("before<!-- comment <p>hidden</p> -->after", "beforeafter"),
            ("<!--[if mso]><p>outlook only</p><![endif]-->shown", "shown"),
            ("<![if !mso]>kept<![endif]>", "kept"),
            ("<!DOCTYPE html><html>x</html>", "x"),
            ("<?xml version=\"1.0\"?>x", "x"),
            ("a<!-->b<!--->c", "abc"),
            ("a<!-- unclosed", "a"),
            ("<style>unclosed", ""),
            // Inert: event handlers, javascript: links, data: URLs.
            ("<img src=x onerror=\"alert(1)\">text", "text"),
            ("<a href=\"javascript:alert(1)\">click</a>", "click"),
            ("<a href=\"data:text/html,evil\">data</a>", "data"),
            // Links: the URL only when it adds something.
            (
                "<a href=\"https://example.org/reset?a=1&amp;b=2\">reset</a>",
                "reset (https://example.org/reset?a=1&b=2)",
            ),
            (
                "<a href=\"https://example.org/\">https://example.org</a>",
                "https://example.org",
            ),
            (
                "<a href=\"http://www.example.org\">example.org</a>",
                "example.org",
            ),
            ("<a href=\"mailto:a@b\">a@b</a>", "a@b"),
            ("<a href=\"https://x.test/\"><img src=logo></a>", ""),
            (
                "<a href=\"https://x.test/?a=1&copy=2\">x</a>",
                "x (https://x.test/?a=1&copy=2)",
            ),
            // Broken markup.
            ("a < b and c > d", "a < b and c > d"),
            ("1 <2 and </ 3>", "1 <2 and"),
            ("text <a href=\"unterminated", "text"),
            ("<p>unclosed <b>tags", "unclosed tags"),
            ("</p></div></blockquote>stray ends", "stray ends"),
        ];
        for (html, want) in cases {
            assert_eq!(to_text(html), *want, "input: {html:?}");
        }
    }

    #[test]
    fn quotes_blockquotes_like_plain_text_replies() {
        let cases: &[(&str, &str)] = &[
            ("<p>New</p><blockquote>old</blockquote>", "New\n\n> old"),
            (
                "<blockquote><p>one</p><p>two</p></blockquote>",
                "> one\n>\n> two",
            ),
            (
                "top<blockquote>level 1<blockquote>level 2</blockquote>back to 1</blockquote>bottom",
                "top\n\n> level 1\n>\n> > level 2\n>\n> back to 1\n\nbottom",
            ),
            ("<blockquote>a<br>b</blockquote>", "> a\n> b"),
        ];
        for (html, want) in cases {
            assert_eq!(to_text(html), *want, "input: {html:?}");
        }
    }

    #[test]
    fn keeps_gmail_and_outlook_attribution_lines_on_their_own() {
        let gmail = r#"<div dir="ltr">Thanks, that worked!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 9 Feb 2026 at 10:00, PyPI Support &lt;support@pypi.example&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Please confirm your username.<br></blockquote></div>"#;
        assert_eq!(
            to_text(gmail),
            "Thanks, that worked!\n\nOn Mon, 9 Feb 2026 at 10:00, PyPI Support <support@pypi.example> wrote:\n\n> Please confirm your username."
        );

        let owa = r##"<div>My username is jdoe.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> PyPI Support &lt;support@pypi.example&gt;<br><b>Sent:</b> Monday, February 9, 2026 10:00 AM<br><b>To:</b> John Doe<br><b>Subject:</b> Re: Account recovery</font><div>&nbsp;</div></div><div>Please confirm.</div>"##;
        assert_eq!(
            to_text(owa),
            "My username is jdoe.\n\n________________________________\n\nFrom: PyPI Support <support@pypi.example>\nSent: Monday, February 9, 2026 10:00 AM\nTo: John Doe\nSubject: Re: Account recovery\n\nPlease confirm."
        );

        let desktop = r#"<p class=MsoNormal>Here it is.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in'><p class=MsoNormal><b>From:</b> PyPI Support<br><b>Sent:</b> Monday<br><b>Subject:</b> Recovery<o:p></o:p></p></div></div><p class=MsoNormal>Old text<o:p></o:p></p>"#;
        assert_eq!(
            to_text(desktop),
            "Here it is.\n\nFrom: PyPI Support\nSent: Monday\nSubject: Recovery\nOld text"
        );
    }

    #[test]
    fn stays_bounded_on_hostile_input() {
        // Deep nesting: flattened, flagged, linear.
        let deep = "<blockquote>".repeat(100_000) + "x" + &"</blockquote>".repeat(100_000);
        let c = convert(&deep);
        assert!(c.truncated);
        assert_eq!(c.text, format!("{}x", "> ".repeat(MAX_DEPTH)));
        let lists = "<ul><li>".repeat(50_000);
        assert!(convert(&lists).truncated);
        // Huge output: cut at the cap, with or without line breaks.
        for big in [
            "<p>word word word</p>".repeat(200_000),
            "word ".repeat(400_000),
        ] {
            let c = convert(&big);
            assert!(c.truncated);
            assert!(c.text.len() <= MAX_OUTPUT);
        }
        // Many unclosed things that would make a naive scanner quadratic.
        for s in [
            "<!--".repeat(200_000),
            "<a x='".repeat(200_000),
            "<script>".repeat(200_000),
            "&#".repeat(300_000),
            "<".repeat(300_000),
        ] {
            let _ = convert(&s);
        }
    }
}
