//! Byte-level work on the raw message before (or instead of) a full parse: line-ending
//! normalisation for bare-CR mail, the extent of the top-level header block, and
//! [`scan_message_id`], the Message-ID read used to deduplicate before parsing.
//!
//! The header walk mirrors mail-parser 0.11's own (`parsers/header.rs`, `fields/id.rs`) rule
//! for rule, so the scan and the full parse agree on every message: a header block ends at the
//! first line holding only whitespace; a line without a colon is skipped; a header name is its
//! non-whitespace bytes up to the first colon; a value runs until a newline not followed by a
//! space or tab; an identifier is what stands between `<` and `>`.

/// True when the message uses bare CR line ends (old Mac mail): its first line end is a CR not
/// followed by LF. mail-parser only knows LF and CRLF, so such mail is normalised first.
pub(crate) fn bare_cr_mode(raw: &[u8]) -> bool {
    match raw.iter().position(|&b| b == b'\r' || b == b'\n') {
        Some(i) => raw[i] == b'\r' && raw.get(i + 1) != Some(&b'\n'),
        None => false,
    }
}

/// Replaces every bare CR (one not followed by LF) with LF. Leaves CRLF alone.
pub(crate) fn normalise_bare_cr(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, &b) in raw.iter().enumerate() {
        if b == b'\r' && raw.get(i + 1) != Some(&b'\n') {
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
    out
}

/// Where the header block starts: after leading whitespace-only lines and an mbox `From `
/// separator line, when a header field follows them. mail-parser would take the first blank
/// line for the end of an empty header block and the `From ` line for a header, and read the
/// whole message as body. Both [`scan_message_id`] and `parse` start here.
pub(crate) fn header_start(raw: &[u8], cr_mode: bool) -> usize {
    let mut pos = 0;
    let mut seen_from = false;
    for _ in 0..16 {
        let Some(nl) = raw[pos..]
            .iter()
            .position(|&b| b == b'\n' || (cr_mode && b == b'\r'))
        else {
            break;
        };
        let line = &raw[pos..pos + nl];
        let mut next = pos + nl + 1;
        if cr_mode && raw[pos + nl] == b'\r' && raw.get(next) == Some(&b'\n') {
            next += 1;
        }
        if line.iter().all(u8::is_ascii_whitespace) || (!seen_from && line.starts_with(b"From ")) {
            seen_from |= line.starts_with(b"From ");
            pos = next;
        } else {
            break;
        }
    }
    if pos > 0 && looks_like_header(&raw[pos..]) {
        pos
    } else {
        0
    }
}

/// True when the bytes start with `name:` (RFC 5322 field-name characters, then a colon).
fn looks_like_header(s: &[u8]) -> bool {
    let name_len = s
        .iter()
        .take(80)
        .take_while(|&&b| b.is_ascii_graphic() && b != b':')
        .count();
    name_len > 0 && s.get(name_len) == Some(&b':')
}

/// Walks the top-level header block of a buffer the way mail-parser does.
struct Walker<'a> {
    buf: &'a [u8],
    /// Read bare CR as LF (see [`bare_cr_mode`]) without copying the buffer.
    cr_mode: bool,
    pos: usize,
}

/// Longest header name mail-parser recognises; longer ones are never `Message-ID`.
const MAX_NAME: usize = 34;

enum Next {
    /// A header name (lowercased non-whitespace bytes, `None` when over [`MAX_NAME`]); the
    /// walker stands at the start of its value.
    Header(Option<([u8; MAX_NAME], usize)>),
    /// The header block ended; the blank line starts at this offset.
    End(usize),
}

impl<'a> Walker<'a> {
    fn new(buf: &'a [u8], cr_mode: bool) -> Self {
        Walker {
            buf,
            cr_mode,
            pos: 0,
        }
    }

    #[inline]
    fn at(&self, i: usize) -> Option<u8> {
        let b = *self.buf.get(i)?;
        if self.cr_mode && b == b'\r' && self.buf.get(i + 1) != Some(&b'\n') {
            Some(b'\n')
        } else {
            Some(b)
        }
    }

    /// Moves to the next header name (mail-parser `parse_headers` + `parse_header_name`).
    fn next_header(&mut self) -> Next {
        loop {
            let line_start = self.pos;
            // Leading whitespace; a newline here ends the block.
            loop {
                match self.at(self.pos) {
                    None => return Next::End(self.buf.len()),
                    Some(b'\n') => return Next::End(line_start),
                    Some(c) if c.is_ascii_whitespace() => self.pos += 1,
                    Some(_) => break,
                }
            }
            let mut name = [0u8; MAX_NAME];
            let mut len = 0usize;
            loop {
                match self.at(self.pos) {
                    None => return Next::End(self.buf.len()),
                    Some(b':') => {
                        self.pos += 1;
                        if len > 0 {
                            let name = (len <= MAX_NAME).then_some((name, len));
                            return Next::Header(name);
                        }
                    }
                    // A line without a colon: skipped, the block goes on.
                    Some(b'\n') => {
                        self.pos += 1;
                        break;
                    }
                    Some(c) => {
                        self.pos += 1;
                        if !c.is_ascii_whitespace() {
                            if let Some(slot) = name.get_mut(len) {
                                *slot = c.to_ascii_lowercase();
                            }
                            len += 1;
                        }
                    }
                }
            }
        }
    }

    /// Skips a value: up to and including a newline not followed by a space or tab.
    fn skip_value(&mut self) {
        while let Some(c) = self.at(self.pos) {
            self.pos += 1;
            if c == b'\n' && !matches!(self.at(self.pos), Some(b' ' | b'\t')) {
                return;
            }
        }
    }

    /// Reads an identifier value like mail-parser's `parse_id`; returns the first identifier, or
    /// the text outside brackets when there is none; `None` for an empty value.
    fn id_value(&mut self) -> Option<&'a [u8]> {
        let mut token: Option<(usize, usize)> = None;
        let mut invalid: Option<(usize, usize)> = None;
        let mut first_id: Option<(usize, usize)> = None;
        let mut in_id = false;
        while let Some(c) = self.at(self.pos) {
            let i = self.pos;
            self.pos += 1;
            match c {
                b'\n' => {
                    if matches!(self.at(self.pos), Some(b' ' | b'\t')) {
                        self.pos += 1;
                        continue;
                    }
                    break;
                }
                b'<' => {
                    in_id = true;
                    continue;
                }
                b'>' => {
                    in_id = false;
                    match token.take() {
                        Some(t) => {
                            first_id.get_or_insert(t);
                        }
                        None => continue,
                    }
                }
                b' ' | b'\t' | b'\r' => continue,
                _ => {}
            }
            if in_id {
                let t = token.get_or_insert((i, i + 1));
                t.1 = i + 1;
            } else {
                let t = invalid.get_or_insert((i, i + 1));
                t.1 = i + 1;
            }
        }
        // At EOF mail-parser's `parse_id` returns nothing; `parse` appends a final newline to a
        // header block that runs to EOF, so reading the value as ended agrees with it.
        let span = first_id.or(invalid)?;
        Some(&self.buf[span.0..span.1])
    }
}

/// Length of the top-level header block: the offset of the line that ends it (or the length
/// of the buffer when it never ends). `cr_mode`: see [`bare_cr_mode`].
pub(crate) fn header_block_len(buf: &[u8], cr_mode: bool) -> usize {
    let mut w = Walker::new(buf, cr_mode);
    loop {
        match w.next_header() {
            Next::End(at) => return at,
            Next::Header(_) => w.skip_value(),
        }
    }
}

/// A Message-ID as mailcase stores it: without angle brackets and without any whitespace
/// (folding inside an identifier is an artefact, never part of it). `None` when empty.
pub(crate) fn normalise_id(id: &str) -> Option<String> {
    let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
    let id = id.trim_start_matches('<').trim_end_matches('>');
    (!id.is_empty()).then(|| id.to_string())
}

/// The Message-ID of a raw message, read from its header block only (folding, CRLF / LF / bare
/// CR and any case of the name handled), without parsing the rest. Equals
/// [`super::parse`]`(raw).message_id` for every message: the first `Message-ID` header holding
/// an identifier, its first identifier, without `<>` and whitespace.
pub fn scan_message_id(raw: &[u8]) -> Option<String> {
    let cr_mode = bare_cr_mode(raw);
    let mut w = Walker::new(&raw[header_start(raw, cr_mode)..], cr_mode);
    loop {
        match w.next_header() {
            Next::End(_) => return None,
            Next::Header(Some((name, 10))) if &name[..10] == b"message-id" => {
                if let Some(id) = w
                    .id_value()
                    .and_then(|v| normalise_id(&String::from_utf8_lossy(v)))
                {
                    return Some(id);
                }
            }
            Next::Header(_) => w.skip_value(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_message_ids_in_every_shape() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"Message-ID: <a@b>\r\n\r\nbody", Some("a@b")),
            (b"message-id:<a@b>\n\n", Some("a@b")),
            (b"MESSAGE-ID:\r\n <a@b>\r\n\r\n", Some("a@b")),
            (b"Subject: x\rMessage-Id: <cr@mac>\r\rbody", Some("cr@mac")),
            (b"Message-ID: <a\r\n b@c>\r\n\r\n", Some("ab@c")),
            (b"Message-ID: no-brackets@x \r\n\r\n", Some("no-brackets@x")),
            (
                b"Message-ID: <>\r\nMessage-ID: <second@x>\r\n\r\n",
                Some("second@x"),
            ),
            (b"Message-ID: <first@x> <other@x>\r\n\r\n", Some("first@x")),
            (b"Subject: a\r\n\r\nMessage-ID: <in-body@x>\r\n", None),
            (
                b"Subject: folded\r\n Message-ID: <not-a-header@x>\r\n\r\n",
                None,
            ),
            (b"X-Message-ID: <x@y>\r\n\r\n", None),
            (b"Message-ID: <eof@x>", Some("eof@x")),
            (b"", None),
            (
                b"   \r\n\r\nMessage-ID: <after-blank@x>\r\n\r\n",
                Some("after-blank@x"),
            ),
            (
                b"From MAILER-DAEMON Fri Apr 06 16:46:09 2001\nMessage-ID: <mbox@x>\n\n",
                Some("mbox@x"),
            ),
            (b"\nno headers, Message-ID: <x@y>\n", None),
        ];
        for (raw, want) in cases {
            assert_eq!(
                scan_message_id(raw).as_deref(),
                *want,
                "{:?}",
                String::from_utf8_lossy(raw)
            );
        }
    }

    #[test]
    fn normalises_bare_cr_but_not_crlf() {
        assert!(bare_cr_mode(b"A: b\rC: d\r\r"));
        assert!(!bare_cr_mode(b"A: b\r\nC: d\r\n"));
        assert!(!bare_cr_mode(b"A: b\nC: d\r"));
        assert_eq!(normalise_bare_cr(b"a\rb\r\nc\r"), b"a\nb\r\nc\n");
    }

    #[test]
    fn finds_the_end_of_the_header_block() {
        assert_eq!(header_block_len(b"A: b\r\nC: d\r\n\r\nbody", false), 12);
        assert_eq!(header_block_len(b"A: b\n\nbody", false), 5);
        // A whitespace-only line right after a header folds into it.
        assert_eq!(header_block_len(b"A: b\n \n", false), 7);
        assert_eq!(header_block_len(b"A: b\n folded\n\nbody", false), 13);
        assert_eq!(header_block_len(b"A: b", false), 4);
    }
}
