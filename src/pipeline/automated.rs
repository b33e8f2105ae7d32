//! One automated message, from a case to an outbox row: rendered from its template, given a
//! signed Message-ID, composed, and marked `suppressed` when a loop brake stops it. Shared by
//! the answers to inbound mail (apply.rs) and the time-based reminders and closing notices
//! (schedule.rs), so both build their mail the same way.

use super::Pipeline;
use crate::clock::timestamp;
use crate::domain::{Case, Field, OutboundKind, OutboxStatus};
use crate::reply::{compose, templates};
use crate::store::outbox::NewOutbound;

/// What an automated message is, answers and asks.
pub(super) struct Automated<'a> {
    pub kind: OutboundKind,
    /// The requester's display name, for the greeting.
    pub name: &'a str,
    /// What was understood so far (the acknowledgement's summary; never a secret).
    pub understood: Vec<String>,
    /// The fields asked, in the order of the numbered questions.
    pub asked: Vec<Field>,
    /// Days before a case is closed for non-response (the reminder says it).
    pub grace_days: i64,
    /// The inbound message that caused it (unique per automated mail), if any.
    pub trigger_id: Option<i64>,
    /// The Message-ID answered, and the References chain to send (the answered id included).
    pub in_reply_to: String,
    pub references: Vec<String>,
    /// Why a loop brake stops it: recorded as `suppressed` with this reason, never sent.
    pub brake: Option<String>,
}

impl Pipeline {
    /// The raw bytes of a message from the support address to the case's requester (our From,
    /// our loop header, the date from the pipeline's clock); `automated` marks it
    /// `Auto-Submitted`. Staff replies and automated mail are built by it alike.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn compose_to_requester(
        &self,
        case: &Case,
        subject: &str,
        body: &str,
        message_id: &str,
        in_reply_to: Option<&str>,
        references: Vec<String>,
        automated: bool,
    ) -> Vec<u8> {
        compose::build(&compose::Outgoing {
            from_name: &self.settings.support_name,
            from_addr: &self.settings.support_address,
            to_addr: &case.requester,
            subject,
            body,
            message_id,
            in_reply_to,
            references,
            date: self.clock.now().timestamp(),
            loop_id: &self.settings.support_address,
            automated,
        })
    }

    /// The outbox row of an automated message for `case`; takes the case's next sequence
    /// number. Fails only when the template fails to render.
    pub(super) fn automated(&self, case: &mut Case, m: Automated) -> anyhow::Result<NewOutbound> {
        let vars = templates::Vars {
            reference: case.reference.clone(),
            subject: if case.subject.is_empty() {
                "Your account recovery request".into()
            } else {
                case.subject.clone()
            },
            name: templates::one_line(m.name),
            support_name: self.settings.support_name.clone(),
            understood: m.understood,
            questions: self.templates.questions(&m.asked),
            grace_days: m.grace_days,
        };
        let (subject, body) = self.templates.render(m.kind, &vars)?;
        let message_id = self.signer.message_id(&case.reference);
        let now = self.clock.now();
        let raw = self.compose_to_requester(
            case,
            &subject,
            &body,
            &message_id,
            Some(&m.in_reply_to),
            m.references,
            true,
        );
        if let Some(why) = &m.brake {
            tracing::warn!(case = %case.reference, kind = %m.kind, reason = %why, "automated mail suppressed");
        }
        Ok(NewOutbound {
            case_id: case.id,
            seq: case.take_seq(),
            kind: m.kind,
            trigger_id: m.trigger_id,
            in_reply_to: Some(m.in_reply_to),
            message_id,
            from_addr: self.settings.support_address.clone(),
            to_addr: case.requester.clone(),
            subject,
            body,
            raw,
            asked: m.asked,
            created_at: timestamp(now),
            status: if m.brake.is_some() {
                OutboxStatus::Suppressed
            } else {
                OutboxStatus::Queued
            },
            last_error: m.brake,
        })
    }
}
