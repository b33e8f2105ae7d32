//! Unit and property tests of [`super::parse`] and its helpers.

use super::*;
use proptest::prelude::*;

/// `parse`, with the invariant every caller relies on checked on the way.
fn parsed(raw: &[u8]) -> ParsedMessage {
    let p = parse(raw);
    assert_eq!(
        scan_message_id(raw),
        p.message_id,
        "scan and parse disagree"
    );
    assert!(!p.text.contains('\r'), "text keeps a CR: {:?}", p.text);
    p
}

fn lossy(p: &ParsedMessage) -> Vec<&str> {
    p.problems
        .iter()
        .filter_map(|pr| match pr {
            Problem::LossyCharset { detail } => Some(detail.as_str()),
            _ => None,
        })
        .collect()
}

fn malformed(p: &ParsedMessage) -> Vec<&str> {
    p.problems
        .iter()
        .filter_map(|pr| match pr {
            Problem::MalformedMime { detail } => Some(detail.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn reads_the_basic_headers_and_plain_text() {
    let raw = b"From: Jane <Jane@Example.org>\r\nTo: support@x.test\r\nSubject: =?utf-8?q?Hi_=E2=9C=93?=\r\nMessage-ID: <a@b>\r\nIn-Reply-To: <c@d>\r\nReferences: <e@f>\r\n  <c@d>\r\nAuto-Submitted: no\r\n\r\nhello\r\n";
    let p = parsed(raw);
    assert_eq!(p.message_id.as_deref(), Some("a@b"));
    assert_eq!(p.from_address(), "jane@example.org");
    assert_eq!(p.subject, "Hi ✓");
    assert_eq!(p.references, vec!["e@f", "c@d"]);
    assert_eq!(p.in_reply_to, vec!["c@d"]);
    assert_eq!(p.header("auto-submitted"), Some("no"));
    assert_eq!(p.text.trim(), "hello");
    assert!(p.problems.is_empty());
}

#[test]
fn empty_input_is_a_problem_not_a_panic() {
    assert_eq!(parse(b"").problems, vec![Problem::Empty]);
    assert_eq!(parse(b"  \n").problems, vec![Problem::Empty]);
    assert_eq!(parse_headers_only(b"").problems, vec![Problem::Empty]);
}

#[test]
fn reads_return_path_including_the_null_sender() {
    let cases: &[(&[u8], Option<&str>)] = &[
        (
            b"Return-Path: <>\r\nFrom: MAILER-DAEMON@x\r\n\r\nbounce",
            Some(""),
        ),
        (b"Return-Path: < >\r\nFrom: a@x\r\n\r\nx", Some("")),
        (
            b"Return-Path: <Bounce@Example.org>\r\nFrom: a@x\r\n\r\nx",
            Some("Bounce@Example.org"),
        ),
        (b"From: a@x\r\n\r\nno return path", None),
    ];
    for (raw, want) in cases {
        assert_eq!(
            parsed(raw).return_path.as_deref(),
            *want,
            "{:?}",
            String::from_utf8_lossy(raw)
        );
    }
}

#[test]
fn lists_every_top_level_header_lowercased_and_decoded() {
    let raw = b"From: =?utf-8?q?J=C3=BCrgen?= <j@x.test>\r\nX-Custom: =?iso-8859-1?q?caf=E9?=\r\nX-Folded: one\r\n two\r\nDate: Mon, 9 Feb 2026 21:47:13 +0530\r\n\r\nbody";
    let p = parsed(raw);
    let names: Vec<&str> = p.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["from", "x-custom", "x-folded", "date"]);
    assert_eq!(p.header("From"), Some("Jürgen <j@x.test>"));
    assert_eq!(p.header("x-custom"), Some("café"));
    assert_eq!(p.header("x-folded"), Some("one two"));
    assert_eq!(p.date.as_deref(), Some("2026-02-09T21:47:13+05:30"));
    assert_eq!(
        p.from.as_ref().and_then(|m| m.name.as_deref()),
        Some("Jürgen")
    );
}

#[test]
fn decodes_body_charsets_declared_missing_bogus_and_lossy() {
    // (raw message, expected text, LossyCharset expected?)
    let cases: &[(&[u8], &str, bool)] = &[
        (
            b"From: a@x\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9 cr=E8me\r\n",
            "café crème",
            false,
        ),
        (
            b"From: a@x\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n\x1b$B%O%m!<\x1b(B\r\n",
            "ハロー",
            false,
        ),
        (
            b"From: a@x\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\x83n\x83\x8D\x81[\r\n",
            "ハロー",
            false,
        ),
        (
            b"From: a@x\r\nContent-Type: text/plain; charset=ks_c_5601-1987\r\n\r\n\xbe\xc8\xb3\xe7\r\n",
            "안녕",
            false,
        ),
        (b"From: a@x\r\nContent-Type: text/plain; charset=fakescii\r\n\r\nplain words\r\n", "plain words", false),
        (b"From: a@x\r\nContent-Type: text/plain; charset=uft-8\r\n\r\nna\xc3\xafve\r\n", "naïve", true),
        (b"From: a@x\r\n\r\nno charset, Gr\xc3\xbc\xc3\x9fe\r\n", "no charset, Grüße", true),
        (b"From: a@x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\ncaf\xc3\xa9 and a stray \xe9\r\n", "café and a stray é", true),
    ];
    for (raw, want, is_lossy) in cases {
        let p = parsed(raw);
        assert_eq!(p.text.trim(), *want, "{:?}", String::from_utf8_lossy(raw));
        assert_eq!(
            !lossy(&p).is_empty(),
            *is_lossy,
            "{:?}: {:?}",
            String::from_utf8_lossy(raw),
            p.problems
        );
    }
}

#[test]
fn guesses_undeclared_koi8r_and_latin1_bodies() {
    let russian = "Здравствуйте! Я потерял телефон и не могу войти в учётную запись, помогите восстановить доступ.";
    let latin = "Bonjour, j'ai perdu mon téléphone et je ne peux plus me connecter à mon compte, merci de m'aider.";
    for (text, enc) in [
        (russian, encoding_rs::KOI8_R),
        (latin, encoding_rs::WINDOWS_1252),
    ] {
        let (body, _, _) = enc.encode(text);
        let mut raw = b"From: a@x\r\nSubject: help\r\n\r\n".to_vec();
        raw.extend_from_slice(&body);
        let p = parsed(&raw);
        assert_eq!(p.text.trim(), text);
        assert_eq!(lossy(&p).len(), 1, "{:?}", p.problems);
    }
}

#[test]
fn decodes_east_asian_and_8bit_headers() {
    let raw = b"From: =?ISO-2022-JP?B?GyRCJVYlaSUkJWAbKEI=?= <b@x.test>\r\nSubject: =?ISO-2022-JP?B?GyRCJU8lbSE8GyhC?= =?ISO-2022-JP?B?GyRCJW8hPCVrJUkbKEI=?=\r\nTo: =?euc-kr?B?vsiz5w==?= <k@x.test>\r\n\r\nbody";
    let p = parsed(raw);
    assert_eq!(p.subject, "ハローワールド");
    assert_eq!(
        p.from.as_ref().and_then(|m| m.name.as_deref()),
        Some("ブライム")
    );
    assert_eq!(p.to[0].name.as_deref(), Some("안녕"));
    assert!(lossy(&p).is_empty(), "{:?}", p.problems);

    let raw = b"From: Fran\xe7ois <f@x.test>\r\nSubject: R\xe9sum\xe9 de ma demande\r\nMessage-ID: <id@x>\r\n\r\nbody";
    let p = parsed(raw);
    assert_eq!(p.subject, "Résumé de ma demande");
    assert_eq!(
        p.from.as_ref().and_then(|m| m.name.as_deref()),
        Some("François")
    );
    assert_eq!(lossy(&p).len(), 2, "{:?}", p.problems);
}

#[test]
fn parses_bare_cr_messages() {
    let raw =
        b"From: Old Mac <mac@x.test>\rSubject: classic\rMessage-ID: <cr@x>\r\rline one\rline two\r";
    let p = parsed(raw);
    assert_eq!(p.from_address(), "mac@x.test");
    assert_eq!(p.subject, "classic");
    assert_eq!(p.message_id.as_deref(), Some("cr@x"));
    assert_eq!(p.text, "line one\nline two\n");
}

#[test]
fn skips_leading_blank_lines_and_an_mbox_from_line() {
    let raw = b"   \r\nFrom MAILER-DAEMON Fri Apr 06 16:46:09 2001\r\nFrom: a@x\r\nMessage-ID: <m@x>\r\n\r\nbody\r\n";
    let p = parsed(raw);
    assert_eq!(p.message_id.as_deref(), Some("m@x"));
    assert_eq!(p.from_address(), "a@x");
    assert_eq!(p.headers[0].0, "from");
}

#[test]
fn prefers_plain_text_and_falls_back_to_html() {
    let alt = |plain: &str, html: &str| {
        format!(
            "From: a@x\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{plain}\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--b--\r\n"
        )
    };
    let p = parsed(alt("plain wins", "<p>html loses</p>").as_bytes());
    assert_eq!((p.text.trim(), p.text_from_html), ("plain wins", false));

    let p = parsed(alt("  \r\n ", "<p>Only <b>HTML</b> has text</p>").as_bytes());
    assert_eq!(
        (p.text.as_str(), p.text_from_html),
        ("Only HTML has text", true)
    );

    let html_only = b"From: a@x\r\nContent-Type: text/html\r\n\r\n<html><head><style>p{}</style><script>x()</script></head><body><p>Hello &amp; welcome</p><blockquote>old</blockquote></body></html>";
    let p = parsed(html_only);
    assert_eq!(
        (p.text.as_str(), p.text_from_html),
        ("Hello & welcome\n\n> old", true)
    );
    assert!(!p.text.contains('<'));
}

#[test]
fn joins_inline_text_parts_and_keeps_nested_messages_out() {
    let raw = b"From: a@x\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n--m\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--m\r\nContent-Type: text/plain\r\n\r\nsecond part\r\n--m\r\nContent-Type: message/rfc822\r\n\r\nFrom: old@x\r\nSubject: forwarded\r\n\r\nNESTED SECRET TEXT\r\n--m\r\nContent-Type: application/pdf; name=\"form.pdf\"\r\nContent-Disposition: attachment; filename=\"form.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--m--\r\n";
    let p = parsed(raw);
    assert_eq!(p.text, "first part\nsecond part\n");
    assert!(!p.text.contains("NESTED"));
    let atts: Vec<(Option<&str>, &str, usize)> = p
        .attachments
        .iter()
        .map(|a| (a.name.as_deref(), a.content_type.as_str(), a.size))
        .collect();
    assert_eq!(
        atts,
        [
            (None, "image/png", 8),
            (None, "message/rfc822", 53),
            (Some("form.pdf"), "application/pdf", 5)
        ]
    );
}

#[test]
fn does_not_repeat_an_html_sibling_of_a_plain_part() {
    // Plain and HTML side by side in multipart/mixed: the same text twice, keep the plain.
    let mixed = b"From: a@x\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nsame text\r\n--m\r\nContent-Type: text/html\r\n\r\n<p>same text</p>\r\n--m--\r\n";
    let p = parsed(mixed);
    assert_eq!((p.text.trim(), p.text_from_html), ("same text", false));
    // An HTML-only alternative followed by a plain list footer: both are text.
    let footer = b"From: a@x\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/html\r\n\r\n<p>the message</p>\r\n--a--\r\n--m\r\nContent-Type: text/plain\r\n\r\nlist footer\r\n--m--\r\n";
    let p = parsed(footer);
    assert_eq!(
        (p.text.as_str(), p.text_from_html),
        ("the message\nlist footer\n", true)
    );
}

#[test]
fn unwraps_format_flowed() {
    let raw = b"From: a@x\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\n\r\nMy username is \r\n`priya-r`.\r\n\r\n> quoted soft \r\n> line\r\n>> deeper\r\n\r\n-- \r\nPriya\r\n";
    let p = parsed(raw);
    assert_eq!(
        p.text,
        "My username is `priya-r`.\n\n> quoted soft line\n>> deeper\n\n-- \nPriya\n"
    );
    let delsp =
        b"From: a@x\r\nContent-Type: text/plain; format=flowed; delsp=yes\r\n\r\nJapa \r\nnese\r\n";
    assert_eq!(parsed(delsp).text, "Japanese\n");
    // Windows Live Mail ends its quote separator with a space: it stays a line of its own
    let wlm = b"From: a@x\r\nContent-Type: text/plain; format=flowed\r\n\r\nThanks. \r\nBozena\r\n\r\n----- Original Message ----- \r\nFrom: \"PyPI Support\" <s@x>\r\nSent: Thursday\r\n";
    assert_eq!(
        parsed(wlm).text,
        "Thanks. Bozena\n\n----- Original Message ----- \nFrom: \"PyPI Support\" <s@x>\nSent: Thursday\n"
    );
}

#[test]
fn reports_malformed_mime_but_keeps_what_it_can() {
    // Headers only, no blank line: the headers are still read.
    let p = parsed(b"From: a@x\r\nSubject: only headers\r\nMessage-ID: <h@x>");
    assert_eq!(
        (p.subject.as_str(), p.message_id.as_deref()),
        ("only headers", Some("h@x"))
    );
    assert_eq!(malformed(&p).len(), 1, "{:?}", p.problems);

    // Invalid base64 in the only text part: kept as raw text.
    let p =
        parsed(b"From: a@x\r\nContent-Transfer-Encoding: base64\r\n\r\nthis is not base64 !!!\r\n");
    assert!(p.text.contains("this is not base64"), "{:?}", p.text);

    // A multipart/alternative whose boundary parameter lost its fold: the boundary is inferred.
    let raw = b"From: a@x\r\nContent-Type: multipart/alternative;\r\nboundary=\"zz\"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nrecovered text\r\n--zz\r\nContent-Type: text/html\r\n\r\n<p>recovered</p>\r\n--zz--\r\n";
    let p = parsed(raw);
    assert_eq!(p.text.trim(), "recovered text");
    assert_eq!(malformed(&p).len(), 1, "{:?}", p.problems);

    // Text before a missing closing boundary, quoted-printable that only lacks its end.
    let raw = b"From: a@x\r\nContent-Type: multipart/mixed; boundary=\"q\"\r\n\r\n--q\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>caf=C3=A9 =\r\nau lait</p>\r\n";
    let p = parsed(raw);
    assert_eq!(p.text, "café au lait");
}

#[test]
fn parses_only_headers_when_oversized() {
    let raw = b"From: Big <big@x.test>\r\nSubject: =?utf-8?q?huge_=E2=9C=93?=\r\nMessage-ID: <big@x>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n--b--\r\n";
    let p = parse_headers_only(raw);
    assert_eq!(p.subject, "huge ✓");
    assert_eq!(p.message_id, scan_message_id(raw));
    assert_eq!(p.content_type, "multipart/mixed");
    assert!(p.text.is_empty() && p.attachments.is_empty());
    assert_eq!(p.problems, vec![Problem::Oversized { size: raw.len() }]);
    assert_eq!(parse_with_limit(raw, 10).problems, p.problems);
    assert_eq!(parse_with_limit(raw, 1 << 20).text.trim(), "body");
}

#[test]
fn caps_repeated_problems() {
    let mut raw =
        b"From: a@x\r\nMessage-ID: <p@x>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            .to_vec();
    for _ in 0..50 {
        raw.extend_from_slice(
            b"--b\r\nContent-Type: text/plain; charset=bogus-cs\r\n\r\ntext \xe9\xe8\r\n",
        );
    }
    raw.extend_from_slice(b"--b--\r\n");
    let p = parsed(&raw);
    assert_eq!(
        lossy(&p).len(),
        MAX_PROBLEMS_PER_KIND + 1,
        "{:?}",
        p.problems
    );
    assert_eq!(lossy(&p).last(), Some(&"and 40 more"));
}

// ---- property tests: nothing panics, whatever the bytes ----

/// Seeds for mutation: small messages covering the parser's paths.
const SEEDS: &[&[u8]] = &[
    b"From: Jane <jane@x.test>\r\nTo: s@x\r\nSubject: =?utf-8?q?Hi_=E2=9C=93?=\r\nMessage-ID: <a@b>\r\nReferences: <e@f>\r\n <c@d>\r\nReturn-Path: <>\r\n\r\nhello\r\n",
    b"From: a@x\r\nMessage-ID: <m@x>\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\npreamble\r\n--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9=\r\n au lait\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+Y2Fmw6k8L3A+PGJsb2NrcXVvdGU+b2xkPC9ibG9ja3F1b3RlPg==\r\n--b--\r\n",
    b"From: a@x\rSubject: =?ISO-2022-JP?B?GyRCJU8lbSE8GyhC?=\rMessage-ID: <cr@x>\r\rline\r",
    b"From: a@x\nContent-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: message/rfc822\n\nFrom: b@y\nContent-Type: multipart/mixed; boundary=i\n\n--i\nContent-Type: text/plain; charset=koi8-r\n\n\xf0\xd2\xc9\xd7\xc5\xd4\n--i--\n--o\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--o--\n",
    b"From: Fran\xe7ois <f@x>\nSubject: R\xe9sum\xe9\nContent-Type: text/plain; format=flowed; delsp=yes\n\nsoft \nwrapped\n> q \n>> qq\n",
];

/// A few real messages from the shared corpus and scenarios as extra seeds, when present.
fn shared_seeds() -> &'static [Vec<u8>] {
    static SEEDS: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(|| {
        let dir = std::env::var_os("MAILCASE_SHARED")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
            });
        [
            "scenarios/a04-outlook-profile-link-two-rounds/03-reply-html.eml",
            "scenarios/a05-noise-vacation-reply-and-bounce/04-bounce-dsn.eml",
            "scenarios/a10-2020-template-placeholder-kmail-latin1/01-request.eml",
            "corpus/stalwart-mail-parser/malformed/016.eml",
            "corpus/mailgun-flanker/messages/torture.eml",
            "corpus/sisimai-set-of-emails/maildir/mac/lhost-kddi-01.eml",
            "corpus/jhillyerd-enmime/low-quality/bad-final-boundary.raw",
        ]
        .iter()
        .filter_map(|p| std::fs::read(dir.join(p)).ok())
        .filter(|b| b.len() <= 64 * 1024)
        .collect()
    });
    &SEEDS
}

/// One edit to a seed: flip a byte, insert one, delete a range, or duplicate a range.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Inserted bytes favour the ones MIME and HTML parsing turn on.
    let byte = prop_oneof![
        any::<u8>(),
        prop::sample::select(b"\r\n:<>=?-\"; \t&#/!B".to_vec()),
    ];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Edit::Flip(i, b)),
        (any::<usize>(), byte).prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Edit::Duplicate(i, n)),
    ]
}

fn apply(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut m = seed.to_vec();
    for e in edits {
        let len = m.len().max(1);
        match *e {
            Edit::Flip(i, b) if !m.is_empty() => m[i % len] = b,
            Edit::Insert(i, b) => m.insert(i % (m.len() + 1), b),
            Edit::Delete(i, n) if !m.is_empty() => {
                let at = i % len;
                m.drain(at..(at + n).min(m.len()));
            }
            Edit::Duplicate(i, n) if !m.is_empty() => {
                let at = i % len;
                let piece = m[at..(at + n).min(m.len())].to_vec();
                m.splice(at..at, piece);
            }
            _ => {}
        }
    }
    m
}

/// Everything the parser offers, on one input; the Message-ID scan must agree with both parses.
fn exercise(raw: &[u8]) {
    let p = parse(raw);
    let h = parse_headers_only(raw);
    let id = scan_message_id(raw);
    assert_eq!(
        id,
        p.message_id,
        "scan vs parse on {:?}",
        String::from_utf8_lossy(raw)
    );
    assert_eq!(
        id,
        h.message_id,
        "scan vs headers-only on {:?}",
        String::from_utf8_lossy(raw)
    );
    assert!(!p.text.contains('\r'));
    let _ = crate::html::to_text(&String::from_utf8_lossy(raw));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(raw in prop::collection::vec(any::<u8>(), 0..2048)) {
        exercise(&raw);
    }

    #[test]
    fn mutated_messages_never_panic(seed in 0usize..64, edits in prop::collection::vec(edit(), 1..12)) {
        let extra = shared_seeds();
        let seed: &[u8] = match seed % (SEEDS.len() + extra.len()) {
            i if i < SEEDS.len() => SEEDS[i],
            i => &extra[i - SEEDS.len()],
        };
        exercise(&apply(seed, &edits));
    }

    #[test]
    fn random_html_never_panics_and_stays_bounded(
        parts in prop::collection::vec(prop_oneof![
            prop::sample::select(vec![
                "<", ">", "</", "<!--", "-->", "<!", "<?", "&", "&#", "&#x", ";", "\"", "'", "=", " ", "\n",
                "<blockquote>", "</blockquote>", "<ul>", "<ol>", "<li>", "</ul>", "<pre>", "</pre>", "<br>",
                "<p>", "</p>", "<div class=\"gmail_quote\">", "<a href=\"https://x.test/\">", "</a>",
                "<script>", "</script>", "<style>", "<head>", "<title>", "&nbsp;", "&amp", "&#128;",
                "<td>", "<tr>", "<hr>", "<img onerror=alert(1)>", "\u{200B}", "é", "text",
            ]).prop_map(str::to_string),
            "\\PC{0,8}",
        ], 0..200)
    ) {
        let html: String = parts.concat();
        let c = crate::html::convert(&html);
        prop_assert!(c.text.len() <= crate::html::MAX_OUTPUT);
        prop_assert!(!c.text.contains("onerror"));
    }
}

/// Inputs built to make a naive implementation quadratic or deeply recursive. Nothing is
/// asserted about time (the suite never asserts wall-clock), but a quadratic step would make
/// this test take minutes instead of a fraction of a second.
#[test]
fn hostile_shapes_finish() {
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    // A header field full of encoded-word openings that never close.
    let mut raw = b"Subject: ".to_vec();
    raw.extend(b"=?x?B?a=".repeat(100_000));
    raw.extend_from_slice(b"\r\nFrom: a@x\r\n\r\nbody\r\n");
    inputs.push(raw);
    // A multipart without boundary parameter whose body has many candidate boundary lines.
    let mut raw = b"Content-Type: multipart/mixed\r\n\r\n".to_vec();
    for i in 0..50 {
        raw.extend(format!("--cand{i}\r\n").bytes());
    }
    raw.extend(b"--cand\r\nx\r\n".repeat(100_000));
    inputs.push(raw);
    // A megabyte of preamble before the only boundary, and no text part.
    let mut raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n".to_vec();
    raw.extend(b"preamble line --b not at the start\r\n".repeat(30_000));
    raw.extend_from_slice(b"--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n");
    inputs.push(raw);
    // Deeply nested multiparts and message/rfc822 parts.
    let mut raw = Vec::new();
    for i in 0..5_000 {
        raw.extend(
            format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n").bytes(),
        );
    }
    raw.extend_from_slice(b"Content-Type: text/plain\r\n\r\ndeep\r\n");
    inputs.push(raw);
    inputs.push(b"Content-Type: message/rfc822\r\n\r\n".repeat(20_000));
    // Tens of thousands of tiny parts with bogus charsets.
    let mut raw = b"Content-Type: multipart/mixed; boundary=p\r\n\r\n".to_vec();
    raw.extend(b"--p\r\nContent-Type: text/plain; charset=nope\r\n\r\n\xe9\r\n".repeat(20_000));
    inputs.push(raw);
    for raw in &inputs {
        let p = parse(raw);
        assert_eq!(scan_message_id(raw), p.message_id);
        let _ = parse_headers_only(raw);
    }
}

#[test]
fn problem_kind_is_the_serialised_tag() {
    let all = [
        Problem::Unparseable,
        Problem::Empty,
        Problem::NoSender,
        Problem::NoMessageId,
        Problem::LossyCharset { detail: "d".into() },
        Problem::MalformedMime { detail: "d".into() },
        Problem::HtmlTruncated,
        Problem::Oversized { size: 1 },
    ];
    for p in all {
        let json = serde_json::to_value(&p).expect("serialises");
        assert_eq!(json["problem"], p.kind());
    }
}

/// Found by mutation fuzzing: mail-parser 0.11.9 reaches a `debug_assert!(false)` ("Invalid
/// part ID, could not find multipart") on this input, so it panics in debug builds. `parse`
/// must still return the message.
#[test]
fn survives_a_mail_parser_debug_assertion() {
    let raw = b"Content-Type:multipart/\n boundary=unique-boundary-1\n\n--unique-boundary-1Content-Type:message/rfc822\n\nContent-Type:message/rfc822\n\n\n--unique-boundary-1--";
    let p = parsed(raw);
    let h = parse_headers_only(raw);
    assert_eq!(h.message_id, p.message_id);
    if cfg!(debug_assertions) {
        assert!(
            p.problems.contains(&Problem::Unparseable),
            "{:?}",
            p.problems
        );
    }
}
