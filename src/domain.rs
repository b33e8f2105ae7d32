//! The vocabulary of mailcase, exactly as `shared/spec/fields.md` defines it: the eight recovery
//! fields, case statuses, flags, inbound and outbound message kinds, and the case reference.
//!
//! Every enum serialises to the snake_case name used in the JSON contract and in the database,
//! so `as_str`/`parse` round-trip through storage without a second table of names.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in the order of fields.md.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in JSON, the database and the CLI.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the name used in JSON, the database and the CLI.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

named_enum! {
    /// One of the eight recovery fields of fields.md, in its order.
    Field {
        Username => "username",
        Reason => "reason",
        EmailAccess => "email_access",
        PasswordAccess => "password_access",
        OwnershipProof => "ownership_proof",
        RecoveryCodes => "recovery_codes",
        CodeOfConduct => "code_of_conduct",
        Acknowledgement => "acknowledgement",
    }
}

impl Field {
    /// Required fields make up `missing` when null (fields.md: username, reason, email_access,
    /// recovery_codes, code_of_conduct, acknowledgement).
    pub fn required(self) -> bool {
        !matches!(self, Field::PasswordAccess | Field::OwnershipProof)
    }
}

named_enum! {
    /// The state of the requester's recovery codes.
    RecoveryCodes {
        /// They don't have them or never saved/generated them.
        Lost => "lost",
        /// They have codes but the site rejects them (used up, reset).
        NotWorking => "not_working",
        /// They still have unused codes.
        Available => "available",
    }
}

named_enum! {
    /// Case status; see fields.md "Statuses".
    Status {
        AwaitingInfo => "awaiting_info",
        ReadyForReview => "ready_for_review",
        InReview => "in_review",
        Resolved => "resolved",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
        Closed => "closed",
    }
}

impl Status {
    /// Statuses mailcase sets by itself from the fields; any other status was set by staff or
    /// by the requester withdrawing, and extraction never overrides it.
    pub fn is_automatic(self) -> bool {
        matches!(self, Status::AwaitingInfo | Status::ReadyForReview)
    }

    /// An open case is one still being worked: it counts for `possible_duplicate`, subject
    /// fallback threading and reminders.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::AwaitingInfo | Status::ReadyForReview | Status::InReview
        )
    }
}

named_enum! {
    /// A flag on a case; see fields.md "Flags on a case".
    Flag {
        SuspectedCompromise => "suspected_compromise",
        SecretShared => "secret_shared",
        DifferentSender => "different_sender",
        Bounced => "bounced",
        PossibleDuplicate => "possible_duplicate",
        Testpypi => "testpypi",
        UnauthenticatedSender => "unauthenticated_sender",
    }
}

named_enum! {
    /// The kind of an inbound message.
    InboundKind {
        /// A person's message that opens a case.
        Request => "request",
        /// A person's message filed into an existing case.
        FollowUp => "follow_up",
        /// Out-of-office, vacation, ticket-system or other automatic answer (RFC 3834).
        AutoReply => "auto_reply",
        /// A delivery status notification or other report about our mail (RFC 3464, 8098, ARF).
        Bounce => "bounce",
        /// Mailing-list or bulk mail.
        List => "list",
    }
}

impl InboundKind {
    /// Automatic mail is never answered and never opens a case.
    pub fn is_automatic(self) -> bool {
        matches!(
            self,
            InboundKind::AutoReply | InboundKind::Bounce | InboundKind::List
        )
    }
}

named_enum! {
    /// The kind of an outbound message.
    OutboundKind {
        Acknowledgement => "acknowledgement",
        MissingInfo => "missing_info",
        Complete => "complete",
        Reminder => "reminder",
        StaffReply => "staff_reply",
        /// The notice that a case was closed for non-response (after a reminder and a grace
        /// period; `mailcase tick` / the daemon's scheduler).
        Closed => "closed",
    }
}

named_enum! {
    /// Delivery state of an outbound message.
    OutboxStatus {
        /// Waiting to be sent (first try, or again after a temporary failure).
        Queued => "queued",
        /// Handed to the SMTP server (marked just before the message data); the server's final
        /// answer is not recorded yet.
        Sending => "sending",
        Sent => "sent",
        /// Refused for good (5xx); the server's answer is in `last_error`.
        Failed => "failed",
        /// Found `sending` after a crash: the server may or may not have accepted it. Never
        /// re-sent automatically; staff decide (`mailcase outbox`).
        Uncertain => "uncertain",
        /// Never sent: a loop limit, a hard-bounced address or our own address (`last_error`
        /// says which).
        Suppressed => "suppressed",
    }
}

/// The value of one field: text, yes/no, or a recovery-code state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    Bool(bool),
    Codes(RecoveryCodes),
    Text(String),
}

impl FieldValue {
    /// Parses what staff typed for a field: yes/no for the yes/no fields, `lost`/`not_working`/
    /// `available` for recovery codes, any text for the others. Empty means "clear the field".
    pub fn parse_for(field: Field, text: &str) -> Result<Option<FieldValue>, String> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let lower = t.to_lowercase();
        match field {
            Field::Username | Field::Reason | Field::OwnershipProof => {
                Ok(Some(FieldValue::Text(t.to_string())))
            }
            Field::RecoveryCodes => RecoveryCodes::parse(&lower.replace([' ', '-'], "_"))
                .map(|c| Some(FieldValue::Codes(c)))
                .ok_or_else(|| format!("{} takes lost, not_working or available", field.as_str())),
            _ => match lower.as_str() {
                "yes" | "true" | "y" => Ok(Some(FieldValue::Bool(true))),
                "no" | "false" | "n" => Ok(Some(FieldValue::Bool(false))),
                _ => Err(format!("{} takes yes or no", field.as_str())),
            },
        }
    }

    /// A short human rendering ("yes", "lost", the text).
    pub fn display(&self) -> String {
        match self {
            FieldValue::Bool(true) => "yes".into(),
            FieldValue::Bool(false) => "no".into(),
            FieldValue::Codes(c) => c.as_str().replace('_', " "),
            FieldValue::Text(t) => t.clone(),
        }
    }
}

/// The eight recovery fields of a case (or of one message), each a value or null. Serialises to
/// exactly the eight names of fields.md, in their order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    pub username: Option<String>,
    pub reason: Option<String>,
    pub email_access: Option<bool>,
    pub password_access: Option<bool>,
    pub ownership_proof: Option<String>,
    pub recovery_codes: Option<RecoveryCodes>,
    pub code_of_conduct: Option<bool>,
    pub acknowledgement: Option<bool>,
}

impl Fields {
    pub fn get(&self, field: Field) -> Option<FieldValue> {
        match field {
            Field::Username => self.username.clone().map(FieldValue::Text),
            Field::Reason => self.reason.clone().map(FieldValue::Text),
            Field::EmailAccess => self.email_access.map(FieldValue::Bool),
            Field::PasswordAccess => self.password_access.map(FieldValue::Bool),
            Field::OwnershipProof => self.ownership_proof.clone().map(FieldValue::Text),
            Field::RecoveryCodes => self.recovery_codes.map(FieldValue::Codes),
            Field::CodeOfConduct => self.code_of_conduct.map(FieldValue::Bool),
            Field::Acknowledgement => self.acknowledgement.map(FieldValue::Bool),
        }
    }

    /// Sets a field; a value of the wrong type for the field is ignored (returns false).
    pub fn set(&mut self, field: Field, value: FieldValue) -> bool {
        match (field, value) {
            (Field::Username, FieldValue::Text(t)) => self.username = Some(t),
            (Field::Reason, FieldValue::Text(t)) => self.reason = Some(t),
            (Field::OwnershipProof, FieldValue::Text(t)) => self.ownership_proof = Some(t),
            (Field::EmailAccess, FieldValue::Bool(b)) => self.email_access = Some(b),
            (Field::PasswordAccess, FieldValue::Bool(b)) => self.password_access = Some(b),
            (Field::CodeOfConduct, FieldValue::Bool(b)) => self.code_of_conduct = Some(b),
            (Field::Acknowledgement, FieldValue::Bool(b)) => self.acknowledgement = Some(b),
            (Field::RecoveryCodes, FieldValue::Codes(c)) => self.recovery_codes = Some(c),
            _ => return false,
        }
        true
    }

    pub fn clear(&mut self, field: Field) {
        match field {
            Field::Username => self.username = None,
            Field::Reason => self.reason = None,
            Field::EmailAccess => self.email_access = None,
            Field::PasswordAccess => self.password_access = None,
            Field::OwnershipProof => self.ownership_proof = None,
            Field::RecoveryCodes => self.recovery_codes = None,
            Field::CodeOfConduct => self.code_of_conduct = None,
            Field::Acknowledgement => self.acknowledgement = None,
        }
    }

    /// The required fields still null, in the order of fields.md.
    pub fn missing(&self) -> Vec<Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| f.required() && self.get(*f).is_none())
            .collect()
    }
}

/// Normalises an address for comparison: lowercased, any `+tag` removed from the local part
/// (fields.md, `different_sender`).
pub fn address_key(address: &str) -> String {
    let lower = address.trim().to_lowercase();
    match lower.rsplit_once('@') {
        Some((local, domain)) => {
            let local = local.split('+').next().unwrap_or(local);
            format!("{local}@{domain}")
        }
        None => lower,
    }
}

/// Where a field's value came from: the message and the words that said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Message-ID with angle brackets (empty for a value set by staff).
    pub message_id: String,
    pub excerpt: String,
    /// The staff member who set the value by hand (manual values win over extraction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_staff: Option<String>,
}

/// A field value set by staff; it wins over anything extracted from mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualValue {
    /// `None`: staff cleared the field.
    pub value: Option<FieldValue>,
    pub staff: String,
    pub at: String,
}

/// A case as mailcase keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub id: i64,
    pub reference: String,
    pub status: Status,
    /// The requester's address, lowercased; it never changes by mail.
    pub requester: String,
    pub subject: String,
    pub fields: Fields,
    pub sources: std::collections::BTreeMap<Field, Source>,
    pub flags: std::collections::BTreeSet<Flag>,
    /// Values staff set by hand.
    pub manual: std::collections::BTreeMap<Field, ManualValue>,
    /// Thread position for the next message or reply.
    pub next_seq: i64,
    pub message_count: i64,
    pub created_at: String,
    pub last_activity: String,
}

impl Case {
    pub fn missing(&self) -> Vec<Field> {
        self.fields.missing()
    }

    pub fn requester_key(&self) -> String {
        address_key(&self.requester)
    }

    /// Takes the next thread position.
    pub fn take_seq(&mut self) -> i64 {
        let s = self.next_seq;
        self.next_seq += 1;
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_parse() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.as_str()), Some(*f));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Flag::parse("testpypi"), Some(Flag::Testpypi));
        assert_eq!(Flag::parse("nope"), None);
    }

    #[test]
    fn fields_serialise_to_exactly_the_eight_names_in_order() {
        let json = serde_json::to_value(Fields::default()).unwrap();
        let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        let names: Vec<_> = Field::ALL.iter().map(|f| f.as_str().to_string()).collect();
        let mut sorted_keys = keys.clone();
        sorted_keys.sort();
        let mut sorted_names = names.clone();
        sorted_names.sort();
        assert_eq!(sorted_keys, sorted_names);
        assert!(json.as_object().unwrap().values().all(|v| v.is_null()));
    }

    #[test]
    fn missing_lists_required_nulls_in_spec_order() {
        let mut f = Fields::default();
        assert_eq!(f.missing().len(), 6);
        f.set(Field::Username, FieldValue::Text("x".into()));
        f.set(Field::RecoveryCodes, FieldValue::Codes(RecoveryCodes::Lost));
        assert_eq!(
            f.missing(),
            vec![
                Field::Reason,
                Field::EmailAccess,
                Field::CodeOfConduct,
                Field::Acknowledgement
            ]
        );
        assert!(!f.set(Field::Username, FieldValue::Bool(true)));
    }

    #[test]
    fn address_key_lowercases_and_drops_plus_tag() {
        assert_eq!(
            address_key(" Luis.Carvajal+pypi@Gmail.Example "),
            "luis.carvajal@gmail.example"
        );
        assert_eq!(address_key("a@b"), "a@b");
    }
}
