//! Unit and property tests of [`super::parse`] and its helpers.

use super::*;

#[test]
fn reads_the_basic_headers_and_plain_text() {
    let raw = b"From: Jane <Jane@Example.org>\r\nTo: support@x.test\r\nSubject: =?utf-8?q?Hi_=E2=9C=93?=\r\nMessage-ID: <a@b>\r\nIn-Reply-To: <c@d>\r\nReferences: <e@f>\r\n  <c@d>\r\nAuto-Submitted: no\r\n\r\nhello\r\n";
    let p = parse(raw);
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
}
