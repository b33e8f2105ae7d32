//! `mailcase status`: where intake stands in each watched mailbox, and the outbox queue, read
//! from the database (so it works while the daemon runs, after it stopped, and when a server is
//! down). Rows that need a person (`uncertain`, `failed`) are listed with the reason.

use crate::clock::Clock;
use crate::domain::OutboxStatus;
use crate::store::{Store, limits, mailboxes, messages, outbox};
use serde::Serialize;
use std::io::Write;

/// One outbound row that needs a person.
#[derive(Debug, Clone, Serialize)]
pub struct Attention {
    pub id: i64,
    pub status: String,
    pub case: Option<String>,
    pub kind: String,
    pub to: String,
    pub message_id: String,
    pub since: Option<String>,
    pub reason: Option<String>,
}

/// An active suppression.
#[derive(Debug, Clone, Serialize)]
pub struct Suppression {
    pub address: String,
    pub reason: String,
    pub until: String,
}

/// Everything `mailcase status` shows (`--json` prints exactly this).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub mailboxes: Vec<MailboxReport>,
    /// Stored messages the pipeline has not processed yet.
    pub pending_messages: i64,
    pub outbox: outbox::Counts,
    /// Set while delivery is held by a relay setup problem: `{reason, since}`.
    pub outbox_hold: Option<serde_json::Value>,
    /// `uncertain` and `failed` rows, oldest first (at most 100).
    pub attention: Vec<Attention>,
    pub suppressions: Vec<Suppression>,
}

/// One watched mailbox.
#[derive(Debug, Clone, Serialize)]
pub struct MailboxReport {
    #[serde(flatten)]
    pub mailbox: mailboxes::Mailbox,
    /// UIDs on the server above the cursor at the last poll (an upper bound).
    pub backlog: Option<u32>,
}

/// Reads the report.
pub async fn report(store: &Store, clock: Clock) -> anyhow::Result<Report> {
    let mut conn = store.conn().await?;
    let mbs = mailboxes::list(&mut conn).await?;
    let pending = messages::count_pending(&mut conn).await?;
    let counts = outbox::counts(&mut conn).await?;
    let rows = outbox::with_status(
        &mut conn,
        &[OutboxStatus::Uncertain, OutboxStatus::Failed],
        100,
    )
    .await?;
    let mut attention = Vec::new();
    for r in rows {
        let case = crate::store::cases::load(&mut conn, r.case_id)
            .await?
            .map(|c| c.reference);
        attention.push(Attention {
            id: r.id,
            status: r.status.to_string(),
            case,
            kind: r.kind.to_string(),
            to: r.to_addr,
            message_id: format!("<{}>", r.message_id),
            since: r.sending_at.or(Some(r.created_at)),
            reason: r.last_error,
        });
    }
    let suppressions = limits::list_suppressions(&mut conn, &clock.now_str())
        .await?
        .into_iter()
        .map(|(address, reason, until)| Suppression {
            address,
            reason,
            until,
        })
        .collect();
    drop(conn);
    let hold = store
        .meta(crate::outbox::HOLD_KEY)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok());
    Ok(Report {
        mailboxes: mbs
            .into_iter()
            .map(|m| MailboxReport {
                backlog: m.backlog(),
                mailbox: m,
            })
            .collect(),
        pending_messages: pending,
        outbox: counts,
        outbox_hold: hold,
        attention,
        suppressions,
    })
}

/// Prints the report for people.
pub fn print(out: &mut impl Write, r: &Report) -> anyhow::Result<()> {
    if r.mailboxes.is_empty() {
        writeln!(
            out,
            "mailboxes         none read yet (intake is the local Maildir, or the daemon has not connected)"
        )?;
    }
    for m in &r.mailboxes {
        let mb = &m.mailbox;
        writeln!(out, "mailbox           {} {}", mb.account, mb.mailbox)?;
        writeln!(
            out,
            "  last poll       {}",
            mb.last_poll_at.as_deref().unwrap_or("never")
        )?;
        writeln!(
            out,
            "  position        uidvalidity {}, last uid {} (server: uidnext {}, {} messages)",
            opt(mb.uid_validity),
            mb.last_uid,
            opt(mb.server_uid_next),
            opt(mb.server_exists)
        )?;
        writeln!(
            out,
            "  backlog         {}",
            m.backlog
                .map(|b| format!("{b} (UIDs above the cursor at the last poll)"))
                .unwrap_or_else(|| "-".into())
        )?;
        if let Some(e) = &mb.last_error {
            writeln!(
                out,
                "  last error      {} {e}",
                mb.last_error_at.as_deref().unwrap_or("")
            )?;
        }
    }
    writeln!(out, "messages pending  {}", r.pending_messages)?;
    let c = &r.outbox;
    writeln!(
        out,
        "outbox            queued {}, retrying {}, sending {}, sent {}, failed {}, uncertain {}, suppressed {}",
        c.queued, c.retrying, c.sending, c.sent, c.failed, c.uncertain, c.suppressed
    )?;
    if let Some(h) = &r.outbox_hold {
        writeln!(
            out,
            "  HELD since {}: {}",
            h["since"].as_str().unwrap_or("?"),
            h["reason"].as_str().unwrap_or("?")
        )?;
    }
    if !r.attention.is_empty() {
        writeln!(
            out,
            "needs attention (mailcase outbox requeue ID | mailcase outbox mark-sent ID):"
        )?;
        for a in &r.attention {
            writeln!(
                out,
                "  #{:<6} {:<9} {:<10} {:<16} to {}  {}",
                a.id,
                a.status,
                a.case.as_deref().unwrap_or("-"),
                a.kind,
                a.to,
                a.message_id
            )?;
            if let Some(reason) = &a.reason {
                writeln!(out, "          {reason}")?;
            }
        }
    }
    if !r.suppressions.is_empty() {
        writeln!(
            out,
            "suppressed        {} address(es)",
            r.suppressions.len()
        )?;
        for s in r.suppressions.iter().take(20) {
            writeln!(out, "  {}  until {}  {}", s.address, s.until, s.reason)?;
        }
    }
    Ok(())
}

fn opt(v: Option<u32>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}
