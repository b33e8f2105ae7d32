//! Automated replies: which one a case change calls for ([`plan`]), the editable templates
//! ([`templates`]), and the exact bytes of the outbound message ([`compose`]).
//!
//! The rules are those of fields.md: a new case gets exactly one `acknowledgement`; a
//! follow-up from the requester that leaves the case incomplete gets one `missing_info`, one
//! that completes it gets one `complete`; a follow-up on a case already complete, a withdrawal,
//! automatic mail, mail from noreply-style addresses and mail from a different sender get none.
//! Automated mail never quotes the requester's message and never repeats a secret.

pub mod compose;
pub mod templates;

use crate::domain::{Field, OutboundKind, Status};

/// What happened to a case, as the reply policy needs to know it.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    /// The message opened the case.
    pub opened: bool,
    /// The message is a person's mail from the requester (not automatic, not a different sender,
    /// not from a noreply-style address).
    pub from_requester: bool,
    /// Required fields were all present before this message.
    pub was_complete: bool,
    pub status_before: Status,
    pub status_after: Status,
}

/// The automated mail a change calls for, if any.
pub fn plan(change: &Change, missing_after: &[Field]) -> Option<OutboundKind> {
    if !change.from_requester {
        return None;
    }
    if change.opened {
        return Some(OutboundKind::Acknowledgement);
    }
    if change.status_after == Status::Withdrawn || !change.status_after.is_automatic() {
        return None;
    }
    // a case closed for non-response that the requester answers is reopened, and answered
    // like any incomplete case; staff statuses (in review, resolved, ...) get no automated mail
    let answerable = change.status_before.is_automatic() || change.status_before == Status::Closed;
    if !answerable || (change.was_complete && change.status_before != Status::Closed) {
        return None; // on a complete case staff are notified instead (its last activity moves)
    }
    Some(if missing_after.is_empty() {
        OutboundKind::Complete
    } else {
        OutboundKind::MissingInfo
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        opened: bool,
        from_requester: bool,
        was_complete: bool,
        before: Status,
        after: Status,
    ) -> Change {
        Change {
            opened,
            from_requester,
            was_complete,
            status_before: before,
            status_after: after,
        }
    }

    #[test]
    fn follows_the_automated_mail_rules_of_fields_md() {
        use OutboundKind::*;
        use Status::*;
        let missing = [Field::Reason];
        assert_eq!(
            plan(
                &change(true, true, false, AwaitingInfo, ReadyForReview),
                &[]
            ),
            Some(Acknowledgement)
        );
        assert_eq!(
            plan(
                &change(false, true, false, AwaitingInfo, AwaitingInfo),
                &missing
            ),
            Some(MissingInfo)
        );
        assert_eq!(
            plan(
                &change(false, true, false, AwaitingInfo, ReadyForReview),
                &[]
            ),
            Some(Complete)
        );
        assert_eq!(
            plan(
                &change(false, true, true, ReadyForReview, ReadyForReview),
                &[]
            ),
            None
        );
        assert_eq!(
            plan(
                &change(false, true, false, AwaitingInfo, Withdrawn),
                &missing
            ),
            None
        );
        assert_eq!(
            plan(
                &change(false, false, false, AwaitingInfo, AwaitingInfo),
                &missing
            ),
            None
        );
        assert_eq!(
            plan(
                &change(true, false, false, AwaitingInfo, AwaitingInfo),
                &missing
            ),
            None
        );
        assert_eq!(
            plan(&change(false, true, false, InReview, InReview), &missing),
            None
        );
    }
}
