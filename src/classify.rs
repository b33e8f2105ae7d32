//! Tells mail written by a person from automatic mail: auto-replies, bounces and reports, and
//! list or bulk mail. Automatic mail is stored and shown but never answered and never opens a
//! case (fields.md, "Automated mail rules").
//!
//! The result says *why* ([`Classification::reason`]): the reason is stored with the message and
//! shown to staff and by `mailcase inspect`.

use crate::domain::InboundKind;
use crate::parse::ParsedMessage;

/// What mailcase knows about itself, to recognise its own mail coming back.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Our own addresses (the support address and any aliases), lowercased.
    pub own_addresses: Vec<String>,
    /// The domain of our outbound Message-IDs, lowercased.
    pub message_id_domain: String,
    /// The loop-detection header we put on every outbound message (name, lowercase).
    pub loop_header: String,
}

/// The verdict on one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// `Request` means "written by a person"; threading turns it into `FollowUp` when the message
    /// joins an existing case. The other kinds are automatic.
    pub kind: InboundKind,
    /// The signal that decided, in words ("Auto-Submitted: auto-replied (RFC 3834)").
    pub reason: String,
}

/// Classifies one message.
pub fn classify(msg: &ParsedMessage, ctx: &Context) -> Classification {
    let auto = |reason: String| Classification { kind: InboundKind::AutoReply, reason };
    if let Some(v) = msg.header(&ctx.loop_header).filter(|_| !ctx.loop_header.is_empty()) {
        return auto(format!("our own loop header {}: {v}", ctx.loop_header));
    }
    if let Some(v) = msg.header("auto-submitted") {
        if !v.trim().eq_ignore_ascii_case("no") && !v.trim().is_empty() {
            return auto(format!("Auto-Submitted: {v} (RFC 3834)"));
        }
    }
    if msg.header("list-id").is_some() {
        return Classification { kind: InboundKind::List, reason: "List-Id header".into() };
    }
    Classification { kind: InboundKind::Request, reason: "written by a person: no automatic-mail signal".into() }
}
