//! The exact bytes of an outbound message (built with mail-builder, sent later by the outbox).
//!
//! Every automated message carries: a Message-ID in our domain with the signed case token,
//! `In-Reply-To`/`References` to the message it answers, the reference tag in the subject,
//! `Auto-Submitted: auto-replied` (RFC 3834), `X-Auto-Response-Suppress: All` (Exchange),
//! `Precedence: bulk`, and our loop header, so our mail coming back is recognised and
//! well-behaved responders stay silent.

use mail_builder::MessageBuilder;
use mail_builder::headers::message_id::MessageId;
use mail_builder::headers::text::Text;

/// The loop-detection header on every message mailcase sends.
pub const LOOP_HEADER: &str = "X-Mailcase-Loop";

/// One outbound message to build.
#[derive(Debug, Clone)]
pub struct Outgoing<'a> {
    pub from_name: &'a str,
    pub from_addr: &'a str,
    pub to_addr: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// Without brackets.
    pub message_id: &'a str,
    /// The message answered, without brackets.
    pub in_reply_to: Option<&'a str>,
    /// The whole chain, oldest first, without brackets.
    pub references: Vec<String>,
    /// Seconds since the epoch.
    pub date: i64,
    /// The value of our loop header (the support address).
    pub loop_id: &'a str,
    /// Automated mail (true) or a staff reply (false, no Auto-Submitted).
    pub automated: bool,
}

/// Builds the raw message.
pub fn build(m: &Outgoing<'_>) -> Vec<u8> {
    let mut b = MessageBuilder::new()
        .from((m.from_name.to_string(), m.from_addr.to_string()))
        .to(m.to_addr.to_string())
        .subject(m.subject.to_string())
        .message_id(m.message_id.to_string())
        .date(m.date)
        .header(LOOP_HEADER, Text::new(m.loop_id.to_string()));
    if let Some(irt) = m.in_reply_to {
        b = b.in_reply_to(irt.to_string());
    }
    if !m.references.is_empty() {
        b = b.header(
            "References",
            MessageId::new_list(m.references.iter().cloned()),
        );
    }
    if m.automated {
        b = b
            .header("Auto-Submitted", Text::new("auto-replied"))
            .header("X-Auto-Response-Suppress", Text::new("All"))
            .header("Precedence", Text::new("bulk"));
    }
    b.text_body(m.body.to_string())
        .write_to_vec()
        .expect("writing to a Vec cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automated_mail_carries_every_loop_and_threading_header() {
        let raw = build(&Outgoing {
            from_name: "Support",
            from_addr: "support@x.test",
            to_addr: "jane@y.test",
            subject: "[MC-ABCDE1] Locked out",
            body: "Hello\n",
            message_id: "mc.mc-abcde1.1.2@x.test",
            in_reply_to: Some("orig@y.test"),
            references: vec!["first@y.test".into(), "orig@y.test".into()],
            date: 1_770_000_000,
            loop_id: "support@x.test",
            automated: true,
        });
        let p = crate::parse::parse(&raw);
        assert_eq!(p.message_id.as_deref(), Some("mc.mc-abcde1.1.2@x.test"));
        assert_eq!(p.in_reply_to, vec!["orig@y.test"]);
        assert_eq!(p.references, vec!["first@y.test", "orig@y.test"]);
        assert_eq!(p.header("auto-submitted"), Some("auto-replied"));
        assert_eq!(p.header("x-auto-response-suppress"), Some("All"));
        assert_eq!(p.header("x-mailcase-loop"), Some("support@x.test"));
        assert_eq!(p.subject, "[MC-ABCDE1] Locked out");
        assert!(String::from_utf8_lossy(&raw).contains("MIME-Version: 1.0"));
    }
}
