//! Delivery of the outbox. Rows are queued by the pipeline in the same transaction as the case
//! change; the [`Deliverer`] sends due rows through a [`Transport`], several at once, under a
//! rate limit and the global hourly cap, and records what happened:
//!
//! - accepted (`250`): `sent`, with the server's answer;
//! - a temporary refusal of the message (`4xx`): `queued` again, retried with exponential
//!   backoff and jitter ([`backoff`]), `failed` after `smtp.give_up_hours`;
//! - a permanent refusal (`5xx`): `failed` with the server's answer (a refused recipient is
//!   also suppressed, like a hard bounce);
//! - the relay unreachable (connection refused, reset, timeout before the data): nothing is
//!   charged to the messages; delivery pauses and probes again with capped backoff;
//! - a setup problem (TLS certificate, AUTH, a secret that cannot be read): the queue is held
//!   (`mailcase status` and `/metrics` show it, the log says so at error level) and retried
//!   with a fresh sender, so a fixed password or refreshed token is picked up;
//! - no answer after the message data went out: `uncertain`, never sent again automatically.
//!
//! ## At most once
//!
//! Each SMTP send runs `MAIL`, `RCPT`, `DATA`, then commits the row as `sending` with a fresh
//! attempt id, then writes the message and the final dot, reads the answer, and commits `sent`
//! (see [`crate::net::smtp::SmtpSender::send_marked`]). A crash can leave a row `sending` only
//! between that first commit and the second; at the next start [`Deliverer::recover`] turns it
//! `uncertain` instead of sending it again. The message may have been delivered only if the
//! crash fell between the final dot and the `sent` commit: one server round trip plus one
//! SQLite commit. The file transport is idempotent by itself (the file is named after the
//! Message-ID), so its interrupted rows are simply queued again.

pub mod file;
pub mod smtp;

use crate::clock::{Clock, timestamp};
use crate::config::Config;
use crate::daemon::metrics::Metrics;
use crate::domain::{OutboundKind, address_key};
use crate::store::outbox::Outbound;
use crate::store::{Store, limits, outbox};
use futures_util::StreamExt as _;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::Instrument as _;

/// Why a delivery did not happen (the file transport's errors).
#[derive(Debug, Clone, thiserror::Error)]
pub enum SendError {
    /// Try again later (4xx, network, disk full).
    #[error("temporary: {0}")]
    Transient(String),
    /// Never going to work (5xx); the row is marked failed.
    #[error("permanent: {0}")]
    Permanent(String),
}

/// Where outbound mail goes.
pub enum Transport {
    /// `.eml` files in a folder (the default, no server needed).
    File(file::FileTransport),
    /// An SMTP relay (`[smtp]`, `MAILCASE_SMTP_URL`).
    Smtp(Box<smtp::SmtpTransport>),
}

impl Transport {
    /// The transport the config names.
    pub fn from_config(cfg: &Config) -> anyhow::Result<Transport> {
        match cfg.outbox.transport.as_str() {
            "file" => Ok(Transport::File(file::FileTransport::new(&cfg.outbox.dir))),
            "smtp" => Ok(Transport::Smtp(Box::new(smtp::SmtpTransport::new(
                crate::daemon::settings::smtp_settings(cfg)?,
            )))),
            other => {
                anyhow::bail!("outbox.transport {other:?} is unknown: use \"file\" or \"smtp\"")
            }
        }
    }

    /// Whether sending the same row twice is harmless (so an interrupted row may be re-queued).
    pub fn idempotent(&self) -> bool {
        matches!(self, Transport::File(_))
    }

    /// Where mail goes, for logs.
    pub fn describe(&self) -> String {
        match self {
            Transport::File(f) => format!("file:{}", f.dir.display()),
            Transport::Smtp(s) => format!("smtp:{}", s.settings.server()),
        }
    }

    fn concurrency(&self) -> usize {
        match self {
            Transport::File(_) => 1,
            Transport::Smtp(s) => s.settings.pool_size.max(1),
        }
    }
}

/// Counts of delivery work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: u64,
    pub deferred: u64,
    pub failed: u64,
    pub uncertain: u64,
}

impl std::ops::AddAssign for Delivered {
    fn add_assign(&mut self, o: Delivered) {
        self.sent += o.sent;
        self.deferred += o.deferred;
        self.failed += o.failed;
        self.uncertain += o.uncertain;
    }
}

/// The delay before attempt `attempts + 1`: 30 s doubling up to an hour, plus up to 20 % jitter.
pub fn backoff(attempts: i64) -> Duration {
    let base = 30u64
        .saturating_mul(1u64 << attempts.clamp(0, 7) as u32)
        .min(3600);
    let jitter = rand::random::<u64>() % (base / 5 + 1);
    Duration::from_secs(base + jitter)
}

/// Capped exponential backoff with jitter for the relay as a whole (not per message).
#[derive(Debug, Clone)]
pub struct Backoff {
    first: Duration,
    max: Duration,
    next: Duration,
}

impl Backoff {
    pub fn new(first: Duration, max: Duration) -> Backoff {
        Backoff {
            first,
            max,
            next: first,
        }
    }

    /// The next delay (doubling up to the cap) with up to 25 % jitter either way.
    pub fn next_delay(&mut self) -> Duration {
        let base = self.next;
        self.next = (self.next * 2).min(self.max);
        let ms = base.as_millis() as u64;
        let spread = ms / 4;
        let jittered = ms - spread + rand::random::<u64>() % (2 * spread + 1);
        Duration::from_millis(jittered.max(1))
    }

    pub fn reset(&mut self) {
        self.next = self.first;
    }
}

/// A token bucket: `per_minute` messages a minute, bursts of up to ten seconds' worth.
struct RateLimiter {
    per_sec: f64,
    burst: f64,
    state: tokio::sync::Mutex<(f64, Instant)>,
}

impl RateLimiter {
    fn new(per_minute: u32) -> RateLimiter {
        let per_sec = f64::from(per_minute) / 60.0;
        let burst = (per_sec * 10.0).max(1.0);
        RateLimiter {
            per_sec,
            burst,
            state: tokio::sync::Mutex::new((burst, Instant::now())),
        }
    }

    async fn acquire(&self) {
        if self.per_sec <= 0.0 {
            return;
        }
        loop {
            let wait = {
                let mut s = self.state.lock().await;
                let now = Instant::now();
                s.0 = (s.0 + now.duration_since(s.1).as_secs_f64() * self.per_sec).min(self.burst);
                s.1 = now;
                if s.0 >= 1.0 {
                    s.0 -= 1.0;
                    return;
                }
                Duration::from_secs_f64((1.0 - s.0) / self.per_sec)
            };
            tokio::time::sleep(wait).await;
        }
    }
}

/// What one attempt came to.
#[derive(Debug)]
enum Attempt {
    Sent,
    Deferred,
    Failed,
    Uncertain,
    /// The row was no longer `queued`, or its mark could not be written: nothing was sent.
    Skipped,
    /// The relay is unreachable; nothing was handed over and nothing charged to the message.
    RelayDown(String),
    /// TLS, AUTH or configuration; nothing was handed over.
    Held(String),
}

/// Why a pass stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    RelayDown(String),
    Held(String),
}

/// What one pass did.
#[derive(Debug, Clone, Default)]
pub struct Pass {
    pub delivered: Delivered,
    pub stop: Option<Stop>,
    /// More rows were due than one pass takes.
    pub more: bool,
    /// The hourly cap is reached until then.
    pub capped_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// Sends the outbox (see the module docs).
pub struct Deliverer {
    store: Store,
    transport: Transport,
    clock: Clock,
    metrics: Arc<Metrics>,
    limiter: RateLimiter,
    global_per_hour: u32,
    suppression_days: i64,
    give_up: chrono::Duration,
    envelope_from: String,
    concurrency: usize,
    sent_copies: Option<tokio::sync::mpsc::Sender<Vec<u8>>>,
}

/// The meta key under which a held queue records why (for `mailcase status`).
pub const HOLD_KEY: &str = "outbox_hold";

impl Deliverer {
    pub fn new(
        cfg: &Config,
        store: Store,
        transport: Transport,
        clock: Clock,
        metrics: Arc<Metrics>,
    ) -> Deliverer {
        let (rate, envelope_from, give_up) = match &transport {
            Transport::Smtp(s) => (
                s.settings.rate_per_minute,
                s.settings.envelope_from.clone(),
                s.settings.give_up,
            ),
            Transport::File(_) => (0, cfg.support_address.clone(), chrono::Duration::hours(72)),
        };
        Deliverer {
            store,
            concurrency: transport.concurrency(),
            transport,
            clock,
            metrics,
            limiter: RateLimiter::new(rate),
            global_per_hour: cfg.limits.global_per_hour,
            suppression_days: cfg.limits.bounce_suppression_days,
            give_up,
            envelope_from,
            sent_copies: None,
        }
    }

    /// Sends a copy of each sent message here (appended to the Sent folder over IMAP).
    pub fn with_sent_copies(mut self, tx: tokio::sync::mpsc::Sender<Vec<u8>>) -> Deliverer {
        self.sent_copies = Some(tx);
        self
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// At startup (with the daemon lock held, so no other deliverer is mid-send): rows left
    /// `sending` by a crash become `uncertain` (SMTP) or `queued` again (file transport).
    pub async fn recover(&self) -> anyhow::Result<Vec<Outbound>> {
        let mut conn = self.store.conn().await?;
        let rows = outbox::recover_interrupted(&mut conn, self.transport.idempotent()).await?;
        for r in &rows {
            if self.transport.idempotent() {
                tracing::info!(
                    outbox_id = r.id,
                    "interrupted delivery queued again (idempotent transport)"
                );
            } else {
                Metrics::add(&self.metrics.uncertain, 1);
                tracing::warn!(outbox_id = r.id, case_id = r.case_id, kind = %r.kind, to = %r.to_addr,
                               message_id = %r.message_id,
                               "delivery was interrupted after the message was handed to the server: marked uncertain, not sent again");
            }
        }
        Ok(rows)
    }

    /// Sends what is due until nothing is (or the relay stops us); no waiting for backoffs.
    /// For `mailcase deliver` and `mailcase run --once`.
    pub async fn deliver_now(&self) -> anyhow::Result<(Delivered, Option<Stop>)> {
        let never = CancellationToken::new();
        let mut total = Delivered::default();
        loop {
            let pass = self.pass(&never).await?;
            total += pass.delivered;
            if pass.stop.is_some() || !pass.more {
                return Ok((total, pass.stop));
            }
        }
    }

    /// Delivers until cancelled: a pass whenever `wake` is notified (replies committed), when a
    /// retry falls due, or every 10 seconds; paused with backoff while the relay is down or held.
    /// Sends in flight when `cancel` fires are finished; nothing new is started.
    pub async fn run(self, wake: Arc<Notify>, cancel: CancellationToken) -> anyhow::Result<()> {
        tracing::info!(transport = %self.transport.describe(), "outbox deliverer running");
        let mut relay = Backoff::new(Duration::from_millis(500), Duration::from_secs(60));
        let mut hold = Backoff::new(Duration::from_secs(5), Duration::from_secs(600));
        let mut held = false;
        let mut down = false;
        loop {
            if cancel.is_cancelled() {
                break;
            }
            let pass = match self.pass(&cancel).await {
                Ok(p) => p,
                Err(e) => {
                    tracing::error!(error = %format!("{e:#}"), "delivery pass failed; retrying");
                    Pass {
                        stop: Some(Stop::RelayDown(format!("{e:#}"))),
                        ..Pass::default()
                    }
                }
            };
            let mut listen = true;
            let wait = match &pass.stop {
                Some(Stop::Held(reason)) => {
                    let d = hold.next_delay();
                    self.set_hold(Some(reason), !held).await;
                    held = true;
                    listen = false;
                    tracing::warn!(retry_in_ms = d.as_millis() as u64, "outbox held: {reason}");
                    Some(d)
                }
                Some(Stop::RelayDown(reason)) => {
                    let d = relay.next_delay();
                    if !down {
                        tracing::warn!(error = %reason, "smtp relay unavailable; delivery paused");
                    }
                    down = true;
                    listen = false;
                    tracing::debug!(
                        retry_in_ms = d.as_millis() as u64,
                        "smtp relay probe scheduled"
                    );
                    Some(d)
                }
                None => {
                    if held
                        && (pass.delivered.sent + pass.delivered.failed + pass.delivered.deferred)
                            > 0
                    {
                        self.set_hold(None, false).await;
                        held = false;
                        hold.reset();
                    }
                    if down && pass.delivered != Delivered::default() {
                        tracing::info!("smtp relay reachable again; delivery resumed");
                        down = false;
                        relay.reset();
                    }
                    if pass.more {
                        Some(Duration::ZERO)
                    } else if let Some(t) = pass.capped_until {
                        tracing::warn!(until = %timestamp(t), cap = self.global_per_hour,
                                       "hourly cap on automated mail reached; waiting");
                        Some(
                            (t - self.clock.now())
                                .to_std()
                                .unwrap_or_default()
                                .max(Duration::from_secs(1)),
                        )
                    } else {
                        Some(self.until_next_retry().await)
                    }
                }
            };
            let wait = wait.unwrap_or(Duration::from_secs(60));
            if wait.is_zero() {
                continue;
            }
            tokio::select! {
                _ = cancel.cancelled() => break,
                _ = tokio::time::sleep(wait) => {}
                _ = wake.notified(), if listen => {}
            }
        }
        if let Transport::Smtp(s) = &self.transport {
            s.close().await;
        }
        tracing::info!("outbox deliverer stopped");
        Ok(())
    }

    async fn until_next_retry(&self) -> Duration {
        let next = match self.store.conn().await {
            Ok(mut c) => outbox::next_retry_at(&mut c).await.ok().flatten(),
            Err(_) => None,
        };
        // rows queued by another process (a staff reply from the CLI) are found within this
        let max = Duration::from_secs(10);
        next.and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| {
                (t.with_timezone(&chrono::Utc) - self.clock.now())
                    .to_std()
                    .unwrap_or_default()
                    .clamp(Duration::from_millis(50), max)
            })
            .unwrap_or(max)
    }

    async fn set_hold(&self, reason: Option<&str>, first: bool) {
        self.metrics
            .outbox_held
            .store(i64::from(reason.is_some()), Ordering::Relaxed);
        match reason {
            Some(r) if first => {
                tracing::error!(error = %r, "outbox held: delivery stopped until the smtp setup works (no message is failed for it)");
                let v =
                    serde_json::json!({ "reason": r, "since": self.clock.now_str() }).to_string();
                if let Err(e) = self.store.meta_set(HOLD_KEY, &v).await {
                    tracing::warn!(error = %format!("{e:#}"), "cannot record the hold");
                }
            }
            Some(_) => {}
            None => {
                tracing::info!("outbox hold lifted: the smtp relay accepts mail again");
                if let Err(e) = self.store.meta_delete(HOLD_KEY).await {
                    tracing::warn!(error = %format!("{e:#}"), "cannot clear the hold");
                }
            }
        }
    }

    /// One pass: the due rows (within the hourly cap), sent `concurrency` at a time.
    pub async fn pass(&self, cancel: &CancellationToken) -> anyhow::Result<Pass> {
        let now = self.clock.now();
        let mut pass = Pass::default();
        let mut only_staff = false;
        let mut budget = 500usize;
        if self.global_per_hour > 0 {
            let since = timestamp(now - chrono::Duration::hours(1));
            let mut conn = self.store.conn().await?;
            let n = limits::handed_over_since(&mut conn, &since).await?;
            let cap = i64::from(self.global_per_hour);
            if n >= cap {
                only_staff = true;
                if let Some(oldest) = limits::oldest_hand_over_since(&mut conn, &since).await? {
                    pass.capped_until = chrono::DateTime::parse_from_rfc3339(&oldest)
                        .ok()
                        .map(|t| t.with_timezone(&chrono::Utc) + chrono::Duration::hours(1));
                }
            } else {
                budget = budget.min(usize::try_from(cap - n).unwrap_or(usize::MAX));
            }
        }
        let limit = budget.min(self.concurrency * 32).max(1);
        let due = {
            let mut conn = self.store.conn().await?;
            outbox::due(&mut conn, &timestamp(now), limit as i64).await?
        };
        let due: Vec<_> = due
            .into_iter()
            .filter(|(r, _)| !only_staff || r.kind == OutboundKind::StaffReply)
            .collect();
        if due.is_empty() {
            return Ok(pass);
        }
        pass.more = due.len() >= limit && !only_staff;
        let stop: std::sync::Mutex<Option<Stop>> = std::sync::Mutex::new(None);
        let delivered = std::sync::Mutex::new(Delivered::default());
        futures_util::stream::iter(due)
            .for_each_concurrent(self.concurrency, |(row, raw)| {
                let stop = &stop;
                let delivered = &delivered;
                async move {
                    if cancel.is_cancelled() || stop.lock().expect("stop lock").is_some() {
                        return;
                    }
                    self.limiter.acquire().await;
                    if stop.lock().expect("stop lock").is_some() {
                        return;
                    }
                    let outcome = self.attempt(&row, &raw).await;
                    let mut d = delivered.lock().expect("delivered lock");
                    match outcome {
                        Attempt::Sent => d.sent += 1,
                        Attempt::Deferred => d.deferred += 1,
                        Attempt::Failed => d.failed += 1,
                        Attempt::Uncertain => d.uncertain += 1,
                        Attempt::Skipped => {}
                        Attempt::RelayDown(r) => {
                            stop.lock()
                                .expect("stop lock")
                                .get_or_insert(Stop::RelayDown(r));
                        }
                        Attempt::Held(r) => {
                            *stop.lock().expect("stop lock") = Some(Stop::Held(r));
                        }
                    }
                }
            })
            .await;
        pass.delivered = delivered.into_inner().expect("delivered lock");
        pass.stop = stop.into_inner().expect("stop lock");
        if pass.stop.is_some() || cancel.is_cancelled() {
            pass.more = false;
        }
        Ok(pass)
    }

    /// Sends one row and records the outcome.
    async fn attempt(&self, row: &Outbound, raw: &[u8]) -> Attempt {
        let span = tracing::info_span!("delivery", outbox_id = row.id, case_id = row.case_id, kind = %row.kind);
        match self.attempt_inner(row, raw).instrument(span).await {
            Ok(a) => a,
            Err(e) => {
                // the database failed around a send: the row keeps whatever state was committed
                tracing::error!(outbox_id = row.id, error = %format!("{e:#}"), "cannot record a delivery");
                Attempt::Skipped
            }
        }
    }

    async fn attempt_inner(&self, row: &Outbound, raw: &[u8]) -> anyhow::Result<Attempt> {
        let transport = match &self.transport {
            Transport::File(f) => {
                let r = f
                    .send(
                        &row.message_id,
                        &row.from_addr,
                        std::slice::from_ref(&row.to_addr),
                        raw,
                    )
                    .await;
                let mut conn = self.store.conn().await?;
                return Ok(match r {
                    Ok(()) => {
                        outbox::mark_sent_direct(&mut conn, row.id, &self.clock.now_str()).await?;
                        Metrics::add(&self.metrics.sent, 1);
                        tracing::info!(outbox_id = row.id, kind = %row.kind, to = %row.to_addr, "delivered");
                        Attempt::Sent
                    }
                    Err(SendError::Transient(e)) => self.defer(row, &e, true).await?,
                    Err(SendError::Permanent(e)) => {
                        outbox::mark_failed(&mut conn, row.id, &e).await?;
                        Metrics::add(&self.metrics.failed, 1);
                        tracing::error!(outbox_id = row.id, error = %e, "delivery failed permanently");
                        Attempt::Failed
                    }
                });
            }
            Transport::Smtp(s) => s,
        };
        let sender = match transport.sender().await {
            Ok(s) => s,
            Err(e) => return Ok(Attempt::Held(e)),
        };
        let attempt_id = format!("{:016x}", rand::random::<u64>());
        let started = Instant::now();
        let mark = {
            let store = self.store.clone();
            let attempt_id = attempt_id.clone();
            let now = self.clock.now_str();
            let id = row.id;
            move || async move {
                let mut conn = store.conn().await.map_err(|e| format!("{e:#}"))?;
                match outbox::mark_sending(&mut conn, id, &attempt_id, &now).await {
                    Ok(true) => Ok(()),
                    Ok(false) => Err("the row is no longer queued".to_string()),
                    Err(e) => Err(format!("cannot mark the row sending: {e:#}")),
                }
            }
        };
        let result = sender
            .send_marked(
                &self.envelope_from,
                std::slice::from_ref(&row.to_addr),
                raw,
                mark,
            )
            .await;
        let now = self.clock.now_str();
        match result {
            Ok(sent) => {
                let mut conn = self.store.conn().await?;
                outbox::mark_sent(&mut conn, row.id, &attempt_id, &sent.response, &now).await?;
                Metrics::add(&self.metrics.sent, 1);
                tracing::info!(outbox_id = row.id, kind = %row.kind, to = %row.to_addr, message_id = %row.message_id,
                               response = %sent.response, elapsed_ms = started.elapsed().as_millis() as u64, "delivered");
                if let Some(tx) = &self.sent_copies
                    && tx.try_send(raw.to_vec()).is_err()
                {
                    tracing::warn!(
                        outbox_id = row.id,
                        "sent-folder copy dropped: the appender is behind"
                    );
                }
                Ok(Attempt::Sent)
            }
            Err(e) if e.stage() == "mark" => {
                tracing::warn!(outbox_id = row.id, error = %e, "not sent");
                Ok(Attempt::Skipped)
            }
            Err(e) if e.outcome_unknown() => {
                let mut conn = self.store.conn().await?;
                let why = format!(
                    "no answer after the message was handed to the server ({e}): it may have been delivered; \
                     not sent again (mailcase outbox requeue {} sends it once more)",
                    row.id
                );
                outbox::mark_uncertain(&mut conn, row.id, &why).await?;
                Metrics::add(&self.metrics.uncertain, 1);
                tracing::warn!(outbox_id = row.id, to = %row.to_addr, message_id = %row.message_id, error = %e,
                               "delivery outcome unknown: marked uncertain, not sent again");
                Ok(Attempt::Uncertain)
            }
            Err(e) if e.is_setup() => {
                transport.reset().await;
                Ok(Attempt::Held(e.to_string()))
            }
            Err(e) if e.is_transient() && e.code().is_none() => {
                transport.reset().await;
                Ok(Attempt::RelayDown(e.to_string()))
            }
            Err(e) if e.is_transient() => self.defer(row, &e.to_string(), true).await,
            Err(e) => {
                let mut conn = self.store.conn().await?;
                outbox::mark_failed(&mut conn, row.id, &e.to_string()).await?;
                Metrics::add(&self.metrics.failed, 1);
                tracing::error!(outbox_id = row.id, to = %row.to_addr, error = %e, "delivery failed permanently");
                if e.stage() == "rcpt"
                    && self.suppression_days > 0
                    && row.kind != OutboundKind::StaffReply
                {
                    let until =
                        timestamp(self.clock.now() + chrono::Duration::days(self.suppression_days));
                    let reason = format!(
                        "smtp refusal: {}",
                        e.response().unwrap_or("recipient refused")
                    );
                    limits::suppress(&mut conn, &address_key(&row.to_addr), &reason, &until, &now)
                        .await?;
                }
                Ok(Attempt::Failed)
            }
        }
    }

    /// A temporary refusal of this message: retry with backoff, or give up after the limit.
    async fn defer(&self, row: &Outbound, error: &str, counts: bool) -> anyhow::Result<Attempt> {
        let mut conn = self.store.conn().await?;
        let now = self.clock.now();
        let age = chrono::DateTime::parse_from_rfc3339(&row.created_at)
            .map(|t| now - t.with_timezone(&chrono::Utc))
            .unwrap_or_default();
        if age > self.give_up {
            let why = format!(
                "gave up after {} hours of temporary failures: {error}",
                self.give_up.num_hours()
            );
            outbox::mark_failed(&mut conn, row.id, &why).await?;
            Metrics::add(&self.metrics.failed, 1);
            tracing::error!(outbox_id = row.id, error = %why, "delivery failed");
            return Ok(Attempt::Failed);
        }
        let next = now + chrono::Duration::from_std(backoff(row.attempts)).unwrap_or_default();
        outbox::defer(&mut conn, row.id, error, &timestamp(next), counts).await?;
        Metrics::add(&self.metrics.deferred, 1);
        tracing::warn!(outbox_id = row.id, error = %error, attempt = row.attempts + 1, retry_at = %timestamp(next),
                       "delivery deferred");
        Ok(Attempt::Deferred)
    }
}
