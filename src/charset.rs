//! Text decoding for attacker-controlled mail: a declared charset first, a detector when the
//! charset is missing, unknown, bogus or wrong, and windows-1252 as the last resort, so every
//! byte comes out as *some* character and nothing is dropped.
//!
//! mail-parser 0.11 is built here without its `full_encoding` feature, so its own decoders for
//! the multi-byte East Asian charsets (Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR, Big5, GBK) only
//! run `from_utf8_lossy`. This module decodes those with `encoding_rs` instead:
//! [`decode`] for bodies and [`repair_header_block`] for the top-level header block (raw 8-bit
//! headers and RFC 2047 encoded words in those charsets are rewritten to UTF-8 *in a copy*
//! before mail-parser reads it; the stored raw bytes are never touched).
//!
//! Every decode says whether it was exact: [`Decoded::note`] is `Some(detail)` when bytes were
//! replaced or the charset was guessed, and becomes `Problem::LossyCharset` in the parser.

use base64::Engine as _;
use encoding_rs::{
    BIG5, EUC_JP, EUC_KR, Encoding, GB18030, GBK, ISO_2022_JP, REPLACEMENT, SHIFT_JIS, UTF_8,
    UTF_16BE, UTF_16LE, WINDOWS_1252,
};
use mail_parser::decoders::charsets::{DecoderFnc, map::charset_decoder};

/// Base64 as senders write it in encoded words: padding optional, stray trailing bits ignored.
const LENIENT_BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// How much of a body the detector reads: enough for a confident guess, and bounded, since
/// chardetng reads non-ASCII text at only a few MB/s.
const DETECT_PREFIX: usize = 16 * 1024;

/// Text decoded from bytes, and why it may not be exactly what the sender wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `Some(detail)` when the decode replaced bytes or had to guess the charset.
    pub note: Option<String>,
}

impl Decoded {
    fn exact(text: String) -> Self {
        Decoded { text, note: None }
    }
}

/// What a charset label names.
#[derive(Debug, Clone, Copy)]
pub enum Charset {
    /// An encoding `encoding_rs` implements. `ascii_label` is true for `us-ascii` and its
    /// aliases, which WHATWG maps to windows-1252 but which promise 7-bit text.
    Known {
        encoding: &'static Encoding,
        ascii_label: bool,
    },
    /// A charset only mail-parser decodes (UTF-7, IBM 850, ...).
    MailParser(DecoderFnc),
    /// Not a charset anybody knows (`fakescii`, `uft-8`, `x-unknown`, ...).
    Unknown,
}

/// Resolves a charset label as found in a `charset=` parameter or an encoded word: quotes,
/// whitespace, a stray `charset=` prefix and an RFC 2231 `*language` suffix are ignored.
pub fn resolve(label: &str) -> Charset {
    let mut label = label.trim().trim_matches(['"', '\'']).trim();
    if let Some(rest) = label
        .get(..8)
        .filter(|p| p.eq_ignore_ascii_case("charset="))
        .and_then(|_| label.get(8..))
    {
        label = rest.trim_matches(['"', '\'']);
    }
    if let Some((l, _lang)) = label.split_once('*') {
        label = l;
    }
    let label = label.trim();
    if label.is_empty() || label.len() > 40 {
        return Charset::Unknown;
    }
    let lower = label.to_ascii_lowercase();
    let ascii_label = matches!(
        lower.as_str(),
        "us-ascii"
            | "ascii"
            | "ansi_x3.4-1968"
            | "iso646-us"
            | "us"
            | "iso-ir-6"
            | "cp367"
            | "ibm367"
            | "csascii"
    );
    // Labels mail software writes that WHATWG does not list.
    let alias: Option<&'static Encoding> = match lower.as_str() {
        "cp936" | "ms936" | "windows-936" | "euc-cn" | "x-euc-cn" => Some(GBK),
        "cp932" | "ms932" | "sjis" | "shift-jis" | "x-ms-cp932" => Some(SHIFT_JIS),
        "cp949" | "ms949" | "uhc" | "ks_c_5601" | "ksc5601" | "ksc_5601" | "ks_c_5601-1989" => {
            Some(EUC_KR)
        }
        "cp950" | "ms950" | "big5hkscs" | "big5_hkscs" => Some(BIG5),
        "iso-2022-jp-1" | "iso-2022-jp-2" | "iso-2022-jp-3" | "csiso2022jp2" => Some(ISO_2022_JP),
        "utf8" | "utf_8" | "x-utf8" => Some(UTF_8),
        "iso-8859-8-e" => Encoding::for_label(b"iso-8859-8"),
        _ => None,
    };
    if let Some(encoding) = alias.or_else(|| Encoding::for_label(label.as_bytes())) {
        if encoding != REPLACEMENT {
            return Charset::Known {
                encoding,
                ascii_label,
            };
        }
        // ISO-2022-KR, HZ, ISO-2022-CN: WHATWG decodes them to one U+FFFD. Guess instead.
        return Charset::Unknown;
    }
    let mp_label = match lower.as_str() {
        "unicode-1-1-utf-7" | "utf7" | "x-utf-7" => "utf-7",
        other => other,
    };
    match charset_decoder(mp_label.as_bytes()) {
        Some(f) => Charset::MailParser(f),
        None => Charset::Unknown,
    }
}

/// True for the charsets mail-parser 0.11 cannot decode without `full_encoding`.
fn is_multi_byte(encoding: &'static Encoding) -> bool {
    [SHIFT_JIS, EUC_JP, ISO_2022_JP, EUC_KR, BIG5, GBK, GB18030].contains(&encoding)
}

/// Decodes body bytes. `declared` is the `charset` parameter as written, if any.
///
/// Order: the declared charset; when it is missing, unknown, an ASCII label over 8-bit data, or
/// its decode replaced bytes, a guess by `chardetng`; windows-1252 (never fails) last.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let charset = declared.map(resolve);
    let seven_bit = bytes.is_ascii();
    // Fast path: 7-bit text in an ASCII-compatible (or unknown) charset is already UTF-8.
    // ISO-2022-JP, UTF-7 and UTF-16 are 7-bit or not ASCII-compatible, so they go the long way;
    // so does an undeclared body with ESC sequences, which may be ISO-2022-JP.
    if seven_bit {
        let plain = match charset {
            Some(Charset::Known { encoding, .. }) => encoding.is_ascii_compatible(),
            Some(Charset::MailParser(_)) => false,
            Some(Charset::Unknown) | None => !bytes.contains(&0x1b),
        };
        if plain {
            return Decoded::exact(ascii_to_string(bytes));
        }
    }
    let label = declared
        .map(|d| d.trim().trim_matches('"'))
        .unwrap_or_default();
    match charset {
        Some(Charset::Known {
            encoding,
            ascii_label,
        }) => {
            if ascii_label && !seven_bit {
                return guess(
                    bytes,
                    &format!("declared {label} but the text has 8-bit bytes"),
                );
            }
            if let Some((bom_encoding, _)) = Encoding::for_bom(bytes)
                && bom_encoding != encoding
            {
                let (text, _, errors) = bom_encoding.decode(bytes);
                let note = format!(
                    "declared {label} but a {} byte-order mark",
                    bom_encoding.name()
                );
                return Decoded {
                    text: text.into_owned(),
                    note: Some(note),
                }
                .with_errors(errors);
            }
            if encoding == UTF_8 {
                return decode_utf8_declared(bytes, label);
            }
            let (text, _, errors) = encoding.decode(bytes);
            if !errors {
                return Decoded::exact(text.into_owned());
            }
            let guessed = detect(bytes, true);
            if guessed != encoding {
                let (alt, errors2) = guessed.decode_without_bom_handling(bytes);
                if !errors2 {
                    return Decoded {
                        text: alt.into_owned(),
                        note: Some(format!(
                            "declared {label} did not decode cleanly; guessed {}",
                            guessed.name()
                        )),
                    };
                }
            }
            Decoded {
                text: text.into_owned(),
                note: Some(format!(
                    "declared {label}: invalid byte sequences replaced with U+FFFD"
                )),
            }
        }
        Some(Charset::MailParser(decoder)) => {
            let text = decoder(bytes);
            let note = text
                .contains('\u{FFFD}')
                .then(|| format!("declared {label}: invalid sequences replaced with U+FFFD"));
            Decoded { text, note }
        }
        Some(Charset::Unknown) => {
            if let Ok(text) = std::str::from_utf8(bytes)
                && !text.contains('\u{1b}')
            {
                let note = format!("unknown charset {label:?}; the text was valid UTF-8");
                return Decoded {
                    text: text.to_string(),
                    note: Some(note),
                };
            }
            guess(bytes, &format!("unknown charset {label:?}"))
        }
        None => {
            if let Ok(text) = std::str::from_utf8(bytes)
                && !text.contains('\u{1b}')
            {
                let note = "no charset declared; 8-bit text read as UTF-8".to_string();
                return Decoded {
                    text: text.to_string(),
                    note: Some(note),
                };
            }
            guess(bytes, "no charset declared")
        }
    }
}

impl Decoded {
    fn with_errors(mut self, errors: bool) -> Self {
        if errors && let Some(note) = &mut self.note {
            note.push_str("; invalid byte sequences replaced with U+FFFD");
        }
        self
    }
}

/// Declared UTF-8 that is not valid: when it holds valid multi-byte sequences it really is
/// UTF-8 with a few stray bytes (keep the UTF-8, read each stray byte as windows-1252, which
/// loses nothing); when it holds none it is some other charset mislabelled, so guess.
fn decode_utf8_declared(bytes: &[u8], label: &str) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded::exact(text.to_string());
    }
    let (text, valid_multi, stray) = utf8_with_fallback(bytes);
    if valid_multi == 0 {
        return guess(
            bytes,
            &format!("declared {label} but the text is not UTF-8"),
        );
    }
    Decoded {
        text,
        note: Some(format!(
            "declared {label}: {stray} invalid byte(s) read as windows-1252"
        )),
    }
}

/// Decodes UTF-8, reading every byte that is not part of a valid sequence as windows-1252.
/// Returns the text, the number of valid multi-byte characters and of stray bytes.
pub fn utf8_with_fallback(mut bytes: &[u8]) -> (String, usize, usize) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let (mut multi, mut stray) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                multi += s.chars().filter(|c| !c.is_ascii()).count();
                out.push_str(s);
                break;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                // Safe: from_utf8 validated this prefix.
                let good = std::str::from_utf8(good).unwrap_or_default();
                multi += good.chars().filter(|c| !c.is_ascii()).count();
                out.push_str(good);
                let bad = e.error_len().unwrap_or(rest.len()).max(1).min(rest.len());
                let (bad_bytes, tail) = rest.split_at(bad);
                let (s, _) = WINDOWS_1252.decode_without_bom_handling(bad_bytes);
                out.push_str(&s);
                stray += bad;
                bytes = tail;
                if bytes.is_empty() {
                    break;
                }
            }
        }
    }
    (out, multi, stray)
}

/// Guesses the charset of bytes that are not valid UTF-8 (or whose label is unusable).
fn guess(bytes: &[u8], why: &str) -> Decoded {
    let allow_utf8 = std::str::from_utf8(bytes).is_ok();
    let guessed = detect(bytes, allow_utf8);
    let (text, errors) = guessed.decode_without_bom_handling(bytes);
    if !errors {
        return Decoded {
            text: text.into_owned(),
            note: Some(format!("{why}; guessed {}", guessed.name())),
        };
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        note: Some(format!(
            "{why}; guessed {} but it did not fit, read as windows-1252",
            guessed.name()
        )),
    }
}

/// chardetng over (a bounded prefix of) the bytes. Never returns UTF-16 or REPLACEMENT.
pub fn detect(bytes: &[u8], allow_utf8: bool) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    let prefix = &bytes[..bytes.len().min(DETECT_PREFIX)];
    det.feed(prefix, true);
    let guessed = det.guess(None, allow_utf8);
    if guessed == UTF_16BE || guessed == UTF_16LE || guessed == REPLACEMENT {
        WINDOWS_1252
    } else {
        guessed
    }
}

fn ascii_to_string(bytes: &[u8]) -> String {
    // Callers checked `is_ascii`, so this never replaces anything.
    String::from_utf8_lossy(bytes).into_owned()
}

/// The charset an HTML document declares in a `<meta>` tag within its first 1 KiB.
pub fn html_meta_charset(html: &[u8]) -> Option<String> {
    let head = &html[..html.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut p = from + i + 7;
        from = p;
        while p < lower.len() && lower[p].is_ascii_whitespace() {
            p += 1;
        }
        if lower.get(p) != Some(&b'=') {
            continue;
        }
        p += 1;
        while p < lower.len() && matches!(lower[p], b' ' | b'"' | b'\'') {
            p += 1;
        }
        let start = p;
        while p < lower.len()
            && (lower[p].is_ascii_alphanumeric() || matches!(lower[p], b'-' | b'_' | b':' | b'.'))
        {
            p += 1;
        }
        if p > start {
            return Some(String::from_utf8_lossy(&head[start..p]).into_owned());
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Repairs the top-level header block (everything before the first blank line) so that
/// mail-parser reads it correctly:
///
/// * RFC 2047 encoded words in a charset mail-parser cannot decode (multi-byte East Asian ones,
///   or labels nobody knows over non-UTF-8 bytes) are decoded here and re-encoded as
///   `=?UTF-8?B?…?=`; adjacent words in the same charset are joined first, because senders
///   split multi-byte characters across words.
/// * Raw 8-bit header fields that are not UTF-8 (RFC 6532 allows UTF-8 only) are transcoded
///   from the charset the detector guesses over all such bytes of the block.
///
/// Identifier fields (Message-ID, References, In-Reply-To, Content-ID, Return-Path) are left
/// byte for byte, so that [`crate::parse::scan_message_id`] agrees with the full parse.
/// Returns `None` when nothing needed changing, else the new block and one note per change.
pub fn repair_header_block(block: &[u8]) -> Option<(Vec<u8>, Vec<String>)> {
    if !block.contains(&b'=') && block.is_ascii() {
        return None;
    }
    let fields = split_fields(block);
    // One detector for all raw 8-bit, non-UTF-8 bytes of the block: more evidence, one answer.
    let mut raw_guess: Option<&'static Encoding> = None;
    let needs_raw = |f: &[u8]| !f.is_ascii() && std::str::from_utf8(f).is_err();
    if fields
        .iter()
        .any(|&(s, e)| !is_id_field(&block[s..e]) && needs_raw(&block[s..e]))
    {
        let mut det = chardetng::EncodingDetector::new();
        for &(s, e) in &fields {
            if !is_id_field(&block[s..e]) && needs_raw(&block[s..e]) {
                det.feed(&block[s..e], false);
            }
        }
        det.feed(b"", true);
        let g = det.guess(None, false);
        // Only ASCII-compatible guesses: they keep every newline and colon where it was.
        raw_guess = Some(if g.is_ascii_compatible() {
            g
        } else {
            WINDOWS_1252
        });
    }

    let mut out = Vec::with_capacity(block.len() + 64);
    let mut notes = Vec::new();
    let mut changed = false;
    let mut last = 0;
    for &(s, e) in &fields {
        let field = &block[s..e];
        if is_id_field(field) {
            continue;
        }
        let mut repaired: Option<Vec<u8>> = None;
        if let (Some(enc), true) = (raw_guess, needs_raw(field)) {
            let (text, _) = enc.decode_without_bom_handling(field);
            notes.push(format!(
                "8-bit header {}: guessed {}",
                String::from_utf8_lossy(field_name(text.as_bytes())).trim(),
                enc.name()
            ));
            repaired = Some(text.into_owned().into_bytes());
        }
        let current = repaired.as_deref().unwrap_or(field);
        if let Some((words, word_notes)) = reencode_words(current) {
            notes.extend(word_notes);
            repaired = Some(words);
        }
        if let Some(new) = repaired {
            out.extend_from_slice(&block[last..s]);
            out.extend_from_slice(&new);
            last = e;
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    out.extend_from_slice(&block[last..]);
    Some((out, notes))
}

/// Splits a header block into fields (a line plus its continuation lines), as byte ranges.
fn split_fields(block: &[u8]) -> Vec<(usize, usize)> {
    let mut fields = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < block.len() {
        if block[i] == b'\n' && !matches!(block.get(i + 1), Some(b' ' | b'\t')) {
            fields.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
    if start < block.len() {
        fields.push((start, block.len()));
    }
    fields
}

fn field_name(field: &[u8]) -> &[u8] {
    let end = field
        .iter()
        .position(|&b| b == b':' || b == b'\n')
        .unwrap_or(field.len());
    &field[..end.min(64)]
}

fn is_id_field(field: &[u8]) -> bool {
    let name: Vec<u8> = field_name(field)
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .map(u8::to_ascii_lowercase)
        .collect();
    matches!(
        name.as_slice(),
        b"message-id"
            | b"references"
            | b"in-reply-to"
            | b"content-id"
            | b"return-path"
            | b"resent-message-id"
    )
}

/// One RFC 2047 encoded word found in a field: its byte range, charset label and decoded bytes.
struct Word<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    bytes: Vec<u8>,
}

/// Finds the encoded words of one field (`=?charset?B|Q?data?=`, no whitespace inside).
/// Linear: the search for each word's closing `?=` reuses the previous search's result.
fn encoded_words(field: &[u8]) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut close = CloseCache::default();
    let mut i = 0;
    while i + 1 < field.len() {
        if field[i] == b'='
            && field[i + 1] == b'?'
            && let Some(w) = encoded_word_at(field, i, &mut close)
        {
            i = w.end;
            words.push(w);
            continue;
        }
        i += 1;
    }
    words
}

/// The last search for a closing `?=`: from `from`, it found `?=` at `Ok(j)` or met whitespace
/// or the end at `Err(q)` without one.
#[derive(Default)]
struct CloseCache {
    from: usize,
    result: Option<Result<usize, usize>>,
}

impl CloseCache {
    /// The first `?=` at or after `from` with no whitespace before it.
    fn find(&mut self, field: &[u8], from: usize) -> Option<usize> {
        match self.result {
            Some(Ok(j)) if from >= self.from && from <= j => return Some(j),
            Some(Err(q)) if from >= self.from && from < q => return None,
            _ => {}
        }
        let mut j = from;
        let result = loop {
            match field.get(j) {
                None => break Err(j),
                Some(b) if b.is_ascii_whitespace() => break Err(j),
                Some(b'?') if field.get(j + 1) == Some(&b'=') => break Ok(j),
                Some(_) => j += 1,
            }
        };
        self.from = from;
        self.result = Some(result);
        result.ok()
    }
}

fn encoded_word_at<'a>(field: &'a [u8], start: usize, close: &mut CloseCache) -> Option<Word<'a>> {
    let rest = &field[start + 2..];
    let q1 = rest.iter().take(64).position(|&b| b == b'?')?;
    let label = std::str::from_utf8(&rest[..q1]).ok()?;
    if label.is_empty() || label.bytes().any(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let enc = *rest.get(q1 + 1)?;
    if rest.get(q1 + 2) != Some(&b'?') {
        return None;
    }
    let data_start = start + 2 + q1 + 3;
    let data_end = close.find(field, data_start)?;
    let data = &field[data_start..data_end];
    let bytes = match enc {
        b'B' | b'b' => LENIENT_BASE64.decode(data).ok()?,
        b'Q' | b'q' => decode_q(data),
        _ => return None,
    };
    Some(Word {
        start,
        end: data_end + 2,
        label,
        bytes,
    })
}

fn decode_q(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'_' => out.push(b' '),
            b'=' if i + 2 < data.len() => match (hex(data[i + 1]), hex(data[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'='),
            },
            b => out.push(b),
        }
        i += 1;
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Re-encodes the encoded words of a field that mail-parser would decode wrongly.
fn reencode_words(field: &[u8]) -> Option<(Vec<u8>, Vec<String>)> {
    if !field.windows(2).any(|w| w == b"=?") {
        return None;
    }
    let words = encoded_words(field);
    let needs = |w: &Word<'_>| match resolve(w.label) {
        Charset::Known { encoding, .. } => is_multi_byte(encoding),
        Charset::Unknown => std::str::from_utf8(&w.bytes).is_err(),
        Charset::MailParser(_) => false,
    };
    if !words.iter().any(needs) {
        return None;
    }
    let mut out = Vec::with_capacity(field.len() + 32);
    let mut notes = Vec::new();
    let mut last = 0;
    let mut i = 0;
    while i < words.len() {
        if !needs(&words[i]) {
            i += 1;
            continue;
        }
        // Join the run of adjacent words (only whitespace between) in the same charset: senders
        // split multi-byte characters across words. Not ISO-2022-JP, whose words each end in
        // ASCII mode (joined, the back-to-back escape sequences would decode as U+FFFD).
        let stateful = matches!(resolve(words[i].label), Charset::Known { encoding, .. } if encoding == ISO_2022_JP);
        let mut j = i + 1;
        let mut bytes = words[i].bytes.clone();
        while !stateful
            && j < words.len()
            && words[j].label.eq_ignore_ascii_case(words[i].label)
            && field[words[j - 1].end..words[j].start]
                .iter()
                .all(|b| b.is_ascii_whitespace())
        {
            bytes.extend_from_slice(&words[j].bytes);
            j += 1;
        }
        let decoded = match resolve(words[i].label) {
            Charset::Known { encoding, .. } => {
                let (text, _, errors) = encoding.decode(&bytes);
                if errors {
                    notes.push(format!(
                        "encoded word in {}: invalid bytes replaced",
                        words[i].label
                    ));
                }
                text.into_owned()
            }
            _ => {
                let d = decode(&bytes, Some(words[i].label));
                notes.extend(d.note.map(|n| format!("encoded word: {n}")));
                d.text
            }
        };
        out.extend_from_slice(&field[last..words[i].start]);
        out.extend_from_slice(b"=?UTF-8?B?");
        out.extend_from_slice(
            base64::engine::general_purpose::STANDARD
                .encode(decoded.as_bytes())
                .as_bytes(),
        );
        out.extend_from_slice(b"?=");
        last = words[j - 1].end;
        i = j;
    }
    out.extend_from_slice(&field[last..]);
    Some((out, notes))
}

/// mail-parser's ISO-2022-JP "decoder" without `full_encoding` passes the 7-bit bytes through,
/// so its output still holds the escape sequences. Decodes such a string properly.
pub fn fix_iso2022_residue(s: &str) -> Option<String> {
    if !s.contains("\u{1b}$") {
        return None;
    }
    let (text, _, _) = ISO_2022_JP.decode(s.as_bytes());
    Some(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_declared_missing_bogus_and_lossy_charsets() {
        // (bytes, declared, expected text, lossy?)
        let cases: &[(&[u8], Option<&str>, &str, bool)] = &[
            (b"plain ascii", None, "plain ascii", false),
            (b"plain ascii", Some("fakescii"), "plain ascii", false),
            (b"caf\xc3\xa9", Some("utf-8"), "café", false),
            (b"caf\xe9", Some("iso-8859-1"), "café", false),
            (
                b"\xf0\xd2\xc9\xd7\xc5\xd4, \xcd\xc9\xd2",
                Some("koi8-r"),
                "Привет, мир",
                false,
            ),
            (b"\x1b$B%O%m!<\x1b(B", Some("iso-2022-jp"), "ハロー", false),
            (b"\x83n\x83\x8D\x81[", Some("Shift_JIS"), "ハロー", false),
            (b"\xbe\xc8\xb3\xe7", Some("ks_c_5601-1987"), "안녕", false),
            (b"\xa7A\xa6n", Some("big5"), "你好", false),
            (
                b"+ZYeB9FH6ckh5Pg-",
                Some("unicode-1-1-utf-7"),
                "文致出版社",
                false,
            ),
            (b"caf\xc3\xa9", Some("uft-8"), "café", true),
            (b"caf\xc3\xa9", None, "café", true),
            // One stray Latin-1 byte in UTF-8: keep the UTF-8, read the byte as windows-1252.
            (b"caf\xc3\xa9 na\xefve", Some("utf-8"), "café naïve", true),
            // US-ASCII label over 8-bit text: the label lies, guess.
            (b"caf\xc3\xa9", Some("us-ascii"), "café", true),
        ];
        for (bytes, declared, want, lossy) in cases {
            let d = decode(bytes, *declared);
            assert_eq!(&d.text, want, "{declared:?} {bytes:?}");
            assert_eq!(
                d.note.is_some(),
                *lossy,
                "{declared:?} {bytes:?}: {:?}",
                d.note
            );
        }
    }

    #[test]
    fn guesses_koi8r_and_latin1_without_a_declared_charset() {
        let koi8 = "Здравствуйте, я не могу войти в свою учётную запись, помогите пожалуйста.";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(koi8);
        let d = decode(&bytes, None);
        assert_eq!(d.text, koi8);
        // chardetng may name KOI8-U, which decodes Russian identically.
        assert!(
            d.note.as_deref().unwrap_or_default().contains("KOI8"),
            "{:?}",
            d.note
        );

        let latin = "Grüße aus Köln, ich habe mein Passwort vergessen und komme nicht mehr rein.";
        let (bytes, _, _) = WINDOWS_1252.encode(latin);
        let d = decode(&bytes, Some("fakescii"));
        assert_eq!(d.text, latin);
        assert!(d.note.is_some());
    }

    #[test]
    fn a_wrong_declared_charset_is_replaced_by_a_clean_guess() {
        // Declared Shift_JIS, but the bytes are EUC-JP Japanese text.
        let text = "こんにちは、アカウントの復旧をお願いします。パスワードを忘れました。";
        let (bytes, _, _) = EUC_JP.encode(text);
        let d = decode(&bytes, Some("shift_jis"));
        assert_eq!(d.text, text, "{:?}", d.note);
        assert!(d.note.is_some());
    }

    #[test]
    fn repairs_multi_byte_encoded_words_and_raw_8bit_headers() {
        let block = b"Subject: =?ISO-2022-JP?B?GyRCJU8lbSE8GyhC?=\r\nFrom: =?euc-kr?B?vsiz5w==?= <a@b>\r\nMessage-ID: <x\xff@y>\r\n";
        let (out, notes) = repair_header_block(block).expect("changed");
        let out = String::from_utf8_lossy(&out);
        assert!(out.contains("Subject: =?UTF-8?B?"), "{out}");
        assert!(
            out.contains("Message-ID: <x\u{FFFD}@y>"),
            "id fields untouched: {out}"
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert!(repair_header_block(b"Subject: hi\r\n").is_none());
        assert!(repair_header_block(b"Subject: =?utf-8?q?hi?=\r\n").is_none());

        let raw = b"Subject: Gr\xfc\xdfe aus K\xf6ln\r\n";
        let (out, notes) = repair_header_block(raw).expect("changed");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Subject: Grüße aus Köln\r\n"
        );
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn resolves_labels_with_noise() {
        assert!(
            matches!(resolve("\"UTF-8\""), Charset::Known { encoding, .. } if encoding == UTF_8)
        );
        assert!(
            matches!(resolve("iso-2022-jp*ja"), Charset::Known { encoding, .. } if encoding == ISO_2022_JP)
        );
        assert!(
            matches!(resolve("cp932"), Charset::Known { encoding, .. } if encoding == SHIFT_JIS)
        );
        assert!(matches!(
            resolve("us-ascii"),
            Charset::Known {
                ascii_label: true,
                ..
            }
        ));
        assert!(matches!(resolve("utf-7"), Charset::MailParser(_)));
        assert!(matches!(resolve("iso-2022-kr"), Charset::Unknown));
        assert!(matches!(resolve("x-unknown"), Charset::Unknown));
        assert!(matches!(resolve(""), Charset::Unknown));
        assert!(
            matches!(resolve("charset=utf-8"), Charset::Known { encoding, .. } if encoding == UTF_8)
        );
        // Found by the property test: a multi-byte character across byte 8 must not panic.
        assert!(matches!(resolve("abcdefgé-x"), Charset::Unknown));
    }

    #[test]
    fn reads_the_html_meta_charset() {
        assert_eq!(
            html_meta_charset(b"<meta charset=\"koi8-r\">").as_deref(),
            Some("koi8-r")
        );
        assert_eq!(
            html_meta_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>"
            )
            .as_deref(),
            Some("Shift_JIS")
        );
        assert_eq!(html_meta_charset(b"<p>no charset here</p>"), None);
    }
}
