//! Time-based work: a `reminder` when a request for missing information stays unanswered for
//! `schedule.reminder_after_days`, and closing the case as `closed` (non-response) when the
//! reminder stays unanswered for `schedule.close_after_days` more, with a `closed` notice.
//! Both go through the outbox like every automated mail, under the same loop brakes.
//!
//! One pass ([`Pipeline::tick`]) runs in one write transaction, so the daemon's scheduler and a
//! `mailcase tick` from cron can never both remind the same case. "Now" is the pipeline's clock,
//! so `--now` makes every step reproducible.
//!
//! What counts: the last automated mail that asked questions (`acknowledgement` or
//! `missing_info`) and was handed to the server (`sent`, or `uncertain`), from the time it was
//! handed over; an answer is any message from the requester filed to the case after it.
//! Automatic mail (out-of-office) is not an answer.

use super::Pipeline;
use super::apply::loop_brake;
use super::automated::Automated;
use crate::clock::timestamp;
use crate::domain::{Case, OutboundKind, Status, address_key};
use crate::store::{Tx, batch, limits, staff_log};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tick {
    /// Reminders queued.
    pub reminders: u64,
    /// Cases closed for non-response.
    pub closed: u64,
    /// Reminders or closing notices not sent because of a loop brake.
    pub suppressed: u64,
}

/// What a case's thread says about waiting.
#[derive(Debug)]
struct Waiting {
    ask_at: String,
    ask_message_id: String,
    ask_in_reply_to: Option<String>,
    reminder_at: Option<String>,
    reminder_message_id: Option<String>,
    answered: bool,
    name: String,
}

impl Pipeline {
    /// One pass of the scheduler (see the module docs).
    pub async fn tick(&self) -> anyhow::Result<Tick> {
        let remind = self.settings.reminder_after_days;
        let close = self.settings.close_after_days;
        let mut out = Tick::default();
        if remind <= 0 && close <= 0 {
            return Ok(out);
        }
        let now = self.clock.now();
        let first = [remind, close]
            .into_iter()
            .filter(|d| *d > 0)
            .min()
            .unwrap_or(0);
        let cutoff = timestamp(now - chrono::Duration::days(first));
        let mut tx = self.store.begin().await?;
        let ids: Vec<i64> = sqlx::query(
            "SELECT c.id FROM cases c WHERE c.status = 'awaiting_info' AND EXISTS (\
               SELECT 1 FROM outbox o WHERE o.case_id = c.id AND o.created_at <= $1 \
               AND o.kind IN ('acknowledgement', 'missing_info', 'reminder')) ORDER BY c.id",
        )
        .bind(&cutoff)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
        for chunk in ids.chunks(200) {
            for mut case in batch::load_cases(&mut tx, chunk).await? {
                let Some(w) = waiting(&mut tx, &case).await? else {
                    continue;
                };
                if w.answered {
                    continue;
                }
                let days_since = |t: &str| {
                    DateTime::parse_from_rfc3339(t)
                        .map(|t| (now - t.with_timezone(&Utc)).num_seconds() as f64 / 86_400.0)
                        .unwrap_or(0.0)
                };
                match &w.reminder_at {
                    None if remind > 0 && days_since(&w.ask_at) >= remind as f64 => {
                        let sent = self
                            .queue_scheduled(&mut tx, &mut case, OutboundKind::Reminder, &w)
                            .await?;
                        out.reminders += u64::from(sent);
                        out.suppressed += u64::from(!sent);
                        crate::store::cases::save(&mut tx, &case).await?;
                    }
                    None if remind <= 0 && close > 0 && days_since(&w.ask_at) >= close as f64 => {
                        out.suppressed += u64::from(!self.close(&mut tx, &mut case, &w).await?);
                        out.closed += 1;
                    }
                    Some(at) if close > 0 && days_since(at) >= close as f64 => {
                        out.suppressed += u64::from(!self.close(&mut tx, &mut case, &w).await?);
                        out.closed += 1;
                    }
                    _ => {}
                }
            }
        }
        tx.commit().await?;
        if out != Tick::default() {
            tracing::info!(
                reminders = out.reminders,
                closed = out.closed,
                suppressed = out.suppressed,
                "scheduler pass"
            );
        }
        Ok(out)
    }

    /// Closes a case for non-response, with an audit entry and a `closed` notice; true when
    /// the notice is queued for sending.
    async fn close(&self, tx: &mut Tx, case: &mut Case, w: &Waiting) -> anyhow::Result<bool> {
        let before = case.status;
        case.status = Status::Closed;
        case.last_activity = self.clock.now_str();
        let sent = self
            .queue_scheduled(tx, case, OutboundKind::Closed, w)
            .await?;
        crate::store::cases::save(tx, case).await?;
        staff_log::audit(
            tx,
            case.id,
            "mailcase",
            "status",
            &format!(
                "status {before} → closed: no answer {} days after the reminder",
                self.settings.close_after_days
            ),
            &case.last_activity,
        )
        .await?;
        tracing::info!(case = %case.reference, "closed for non-response");
        Ok(sent)
    }

    /// Renders and queues a reminder or closing notice (or records it `suppressed` when a loop
    /// brake applies). Returns true when it is queued for sending.
    async fn queue_scheduled(
        &self,
        tx: &mut Tx,
        case: &mut Case,
        kind: OutboundKind,
        w: &Waiting,
    ) -> anyhow::Result<bool> {
        let now = self.clock.now();
        let key = case.requester_key();
        let keys = [key.clone()];
        let today = if self.settings.per_address_per_day > 0 {
            let since = timestamp(now - chrono::Duration::hours(24));
            limits::automated_since(tx, &keys, &since)
                .await?
                .get(&key)
                .copied()
                .unwrap_or(0)
        } else {
            0
        };
        let suppressed = limits::suppressed(tx, &keys, &timestamp(now)).await?;
        let brake = loop_brake(&self.settings, &key, today, suppressed.get(&key));
        let asked = match kind {
            OutboundKind::Reminder => case.missing(),
            _ => Vec::new(),
        };
        // answer the last mail of ours the requester has seen
        let replied = w
            .reminder_message_id
            .clone()
            .unwrap_or_else(|| w.ask_message_id.clone());
        let mut references: Vec<String> = w.ask_in_reply_to.iter().cloned().collect();
        references.push(w.ask_message_id.clone());
        if replied != w.ask_message_id {
            references.push(replied.clone());
        }
        let suppressed = brake.is_some();
        let row = self.automated(
            case,
            Automated {
                kind,
                name: &w.name,
                understood: Vec::new(),
                asked,
                grace_days: self.settings.close_after_days,
                trigger_id: None,
                in_reply_to: replied,
                references,
                brake,
            },
        )?;
        batch::insert_outbox(tx, &[row]).await?;
        Ok(!suppressed)
    }
}

/// The last asking mail of the case, the reminder after it, and whether the requester
/// answered since. `None` when nothing that asked was handed to the server.
async fn waiting(tx: &mut Tx, case: &Case) -> anyhow::Result<Option<Waiting>> {
    let outs = sqlx::query(
        "SELECT kind, status, COALESCE(sent_at, sending_at, created_at), message_id, asked, in_reply_to \
         FROM outbox \
         WHERE case_id = $1 ORDER BY seq, id",
    )
    .bind(case.id)
    .fetch_all(&mut **tx)
    .await?;
    let mut ask: Option<(String, String, Option<String>)> = None;
    let mut reminder: Option<(String, String)> = None;
    for r in &outs {
        let kind: String = r.get(0);
        let status: String = r.get(1);
        let created: String = r.get(2);
        let asked: String = r.get(4);
        let handed_over = matches!(status.as_str(), "sent" | "uncertain");
        match kind.as_str() {
            "acknowledgement" | "missing_info" if handed_over && asked != "[]" => {
                ask = Some((created, r.get(3), r.get(5)));
                reminder = None;
            }
            "reminder" if ask.is_some() => reminder = Some((created, r.get(3))),
            _ => {}
        }
    }
    let Some((ask_at, ask_message_id, ask_in_reply_to)) = ask else {
        return Ok(None);
    };
    let key = case.requester_key();
    let msgs = sqlx::query(
        "SELECT COALESCE(from_addr, ''), COALESCE(from_name, ''), received_at, kind FROM messages \
         WHERE case_id = $1 ORDER BY seq, id",
    )
    .bind(case.id)
    .fetch_all(&mut **tx)
    .await?;
    let mut answered = false;
    let mut name = String::new();
    for m in &msgs {
        let from: String = m.get(0);
        if address_key(&from) != key {
            continue;
        }
        let kind: Option<String> = m.get(3);
        let person = matches!(kind.as_deref(), Some("request" | "follow_up"));
        if name.is_empty() {
            name = m.get(1);
        }
        let at: String = m.get(2);
        if person && at > ask_at {
            answered = true;
        }
    }
    Ok(Some(Waiting {
        ask_at,
        ask_message_id,
        ask_in_reply_to,
        reminder_at: reminder.as_ref().map(|r| r.0.clone()),
        reminder_message_id: reminder.map(|r| r.1),
        answered,
        name,
    }))
}
