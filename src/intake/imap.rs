//! IMAP intake: each watched mailbox is read by its own task, which keeps one session open,
//! fetches what is new in batches, commits each batch's raw bytes together with the mailbox's
//! cursor, hands the new rows to the processor, and then waits for more with IDLE (or polls).
//!
//! ## The cursor
//!
//! Intake state lives in the database (`imap_mailboxes`): the mailbox's UIDVALIDITY and the last
//! UID stored. Every message with a higher UID is fetched (`UID FETCH n:*`, sizes first); server
//! flags, dates and "since" windows are never used, so mail another client read or filed late is
//! not lost. A batch's raw bytes and the cursor move commit in one transaction
//! ([`crate::pipeline::Pipeline::store_raw_in`]), so a crash leaves either both or neither: the
//! next run fetches the batch again, and deduplication by Message-ID (or content hash) makes the
//! second copy a counted duplicate. When UIDVALIDITY changes the whole mailbox is read again,
//! safely for the same reason.
//!
//! ## The server
//!
//! By default the server is left untouched (`BODY.PEEK`). With `imap.after_commit = "seen"` or
//! `"move"`, a batch is marked `\Seen` or moved (MOVE, else COPY + EXPUNGE) only after its
//! commit; `marked_uid` records how far that went, so an action a crash interrupted is completed
//! at the next connection.
//!
//! ## Size limit
//!
//! A message larger than `max_message_bytes` is never fetched whole: only its header is fetched
//! and stored, with the full size recorded, and the message is flagged `oversized` for staff
//! (the message itself stays on the server). Memory stays bounded by the batch size times the
//! limit.
//!
//! ## Waiting
//!
//! IDLE (RFC 2177) when the server offers it, ended and re-issued every
//! `imap.idle_renew_secs` (below the 29-minute limit); otherwise a poll every
//! `imap.poll_interval_secs`. Any connection failure drops the session and reconnects with capped
//! exponential backoff and jitter; each connection, batch and failure is logged with its fields.

use crate::daemon::metrics::Metrics;
use crate::daemon::settings::{AfterCommit, ImapSettings};
use crate::net::imap::{IdleOutcome, ImapError, ImapSession, MailboxState, MessageSize};
use crate::outbox::Backoff;
use crate::pipeline::{Incoming, Pipeline, Stored};
use crate::store::mailboxes;
use anyhow::Context as _;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::{Instrument as _, debug, info, warn};

/// New stored rows for the processor: `(message row id, raw bytes)`, in UID order.
pub type Work = Vec<(i64, Vec<u8>)>;

/// What every mailbox task shares.
pub struct Intake {
    pub settings: ImapSettings,
    pub pipeline: Pipeline,
    /// Messages above this are stored header-only (0: no limit).
    pub max_message_bytes: usize,
    pub metrics: Arc<Metrics>,
    /// Where new rows go (the processor); bounded, so a slow pipeline slows fetching down
    /// instead of filling memory.
    pub work: mpsc::Sender<Work>,
}

/// What one drain did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drained {
    pub fetched: u64,
    pub stored: u64,
    pub duplicates: u64,
    pub batches: u64,
}

/// A session and where its mailbox stands.
struct Open {
    session: ImapSession,
    state: MailboxState,
    last_uid: u32,
}

impl Intake {
    /// Watches `mailbox` until cancelled: connects, drains, waits, and reconnects with backoff
    /// after any failure. The batch in hand is always committed before it stops.
    pub async fn watch(self: Arc<Self>, mailbox: String, cancel: CancellationToken) {
        let account = self.settings.account();
        let span = tracing::info_span!("imap", account = %account, mailbox = %mailbox);
        async move {
            let mut backoff = Backoff::new(Duration::from_secs(1), self.settings.reconnect_max);
            while !cancel.is_cancelled() {
                let connected = Arc::new(std::sync::atomic::AtomicBool::new(false));
                match self.session(&mailbox, &cancel, &connected).await {
                    Ok(()) => break,
                    Err(e) => {
                        Metrics::add(&self.metrics.imap_errors, 1);
                        if connected.load(Ordering::Relaxed) {
                            backoff.reset();
                        }
                        let msg = format!("{e:#}");
                        self.record_failure(&mailbox, &msg).await;
                        let delay = backoff.next_delay();
                        let permanent = e
                            .downcast_ref::<ImapError>()
                            .is_some_and(ImapError::is_permanent);
                        if permanent {
                            // a changed password, a new certificate: it will not pass by itself
                            tracing::error!(error = %msg, retry_in_ms = delay.as_millis() as u64,
                                            "imap session refused; fix the settings (retrying)");
                        } else {
                            warn!(error = %msg, retry_in_ms = delay.as_millis() as u64, "imap session ended; reconnecting");
                        }
                        tokio::select! {
                            _ = cancel.cancelled() => break,
                            _ = tokio::time::sleep(delay) => {}
                        }
                    }
                }
            }
            info!("imap intake stopped");
        }
        .instrument(span)
        .await
    }

    /// Connects and selects once, then drains every mailbox to its end (`mailcase run --once`,
    /// the benchmark). Returns what was fetched.
    pub async fn drain_once(
        self: &Arc<Self>,
        cancel: &CancellationToken,
    ) -> anyhow::Result<Drained> {
        let mut total = Drained::default();
        for mailbox in self.settings.mailboxes.clone() {
            let mut open = self.open(&mailbox).await?;
            let d = self.drain(&mut open, &mailbox, cancel).await?;
            total.fetched += d.fetched;
            total.stored += d.stored;
            total.duplicates += d.duplicates;
            total.batches += d.batches;
            let _ = open.session.logout().await;
        }
        Ok(total)
    }

    async fn open(&self, mailbox: &str) -> anyhow::Result<Open> {
        let cfg = self.settings.connect_config().await?;
        let started = Instant::now();
        let mut session = ImapSession::connect(&cfg).await?;
        Metrics::add(&self.metrics.imap_connects, 1);
        let state = session.select(mailbox).await?;
        let account = self.settings.account();
        let row = {
            let mut conn = self.pipeline.store().conn().await?;
            mailboxes::get(&mut conn, &account, mailbox).await?
        };
        let now = self.pipeline.clock().now_str();
        let mut last_uid = row.as_ref().map(|r| r.last_uid).unwrap_or(0);
        let mut marked_uid = row.as_ref().map(|r| r.marked_uid).unwrap_or(0);
        match row.as_ref().and_then(|r| r.uid_validity) {
            Some(v) if v != state.uid_validity => {
                warn!(
                    old = v,
                    new = state.uid_validity,
                    "UIDVALIDITY changed: reading the whole mailbox again (messages already stored are recognised and skipped)"
                );
                last_uid = 0;
                marked_uid = 0;
            }
            Some(_) => {}
            None if self.settings.start_at_new => {
                last_uid = state.uid_next.saturating_sub(1);
                marked_uid = last_uid;
                let mut tx = self.pipeline.store().begin().await?;
                mailboxes::set_cursor(
                    &mut tx,
                    &account,
                    mailbox,
                    state.uid_validity,
                    last_uid,
                    &now,
                )
                .await?;
                mailboxes::set_marked(&mut tx, &account, mailbox, last_uid, &now).await?;
                tx.commit().await?;
                info!(
                    skipped = state.exists,
                    last_uid,
                    "first run with imap.start_at = \"new\": messages already in the mailbox are not read"
                );
            }
            None => {}
        }
        {
            let mut conn = self.pipeline.store().conn().await?;
            mailboxes::polled(
                &mut conn,
                &account,
                mailbox,
                state.uid_next,
                state.exists,
                &now,
            )
            .await?;
        }
        info!(
            uid_validity = state.uid_validity,
            uid_next = state.uid_next,
            exists = state.exists,
            last_uid,
            idle = session.capabilities().idle(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "imap mailbox open"
        );
        let mut open = Open {
            session,
            state,
            last_uid,
        };
        // finish a post-commit action a crash interrupted
        if self.settings.after_commit != AfterCommit::Nothing && marked_uid < last_uid {
            let uids: Vec<u32> = (marked_uid + 1..=last_uid).collect();
            self.after_commit(&mut open, mailbox, &uids).await?;
        }
        Ok(open)
    }

    /// One session: open, drain, wait, drain… `Ok` only when cancelled.
    async fn session(
        &self,
        mailbox: &str,
        cancel: &CancellationToken,
        connected: &std::sync::atomic::AtomicBool,
    ) -> anyhow::Result<()> {
        let mut open = self.open(mailbox).await?;
        connected.store(true, Ordering::Relaxed);
        self.metrics.imap_connected.fetch_add(1, Ordering::Relaxed);
        let _gauge = Decrement(&self.metrics.imap_connected);
        let use_idle = self.settings.idle && open.session.capabilities().idle();
        loop {
            self.drain(&mut open, mailbox, cancel).await?;
            if cancel.is_cancelled() {
                let _ = open.session.logout().await;
                return Ok(());
            }
            if use_idle {
                match open.session.idle(self.settings.idle_renew, cancel).await? {
                    IdleOutcome::NewData => {}
                    IdleOutcome::Timeout => {
                        // re-issued IDLE; a NOOP first keeps proxies and NATs from timing out
                        open.session.noop().await?;
                        self.polled(mailbox, &open).await;
                    }
                    IdleOutcome::Cancelled => {
                        let _ = open.session.logout().await;
                        return Ok(());
                    }
                }
            } else {
                tokio::select! {
                    _ = cancel.cancelled() => {
                        let _ = open.session.logout().await;
                        return Ok(());
                    }
                    _ = tokio::time::sleep(self.settings.poll_interval) => {}
                }
                open.session.noop().await?;
            }
        }
    }

    /// Fetches and commits batches until nothing is above the cursor (or `cancel` fires
    /// between batches).
    async fn drain(
        &self,
        open: &mut Open,
        mailbox: &str,
        cancel: &CancellationToken,
    ) -> anyhow::Result<Drained> {
        let mut total = Drained::default();
        let account = self.settings.account();
        let limit = self.max_message_bytes;
        loop {
            if cancel.is_cancelled() {
                break;
            }
            let started = Instant::now();
            let sizes = open
                .session
                .fetch_sizes_after(open.last_uid, self.settings.batch_size)
                .await?;
            let Some(last) = sizes.last() else { break };
            let max_uid = last.uid;
            let (big, small): (Vec<&MessageSize>, Vec<&MessageSize>) = sizes
                .iter()
                .partition(|m| limit > 0 && m.size as usize > limit);
            let small: Vec<u32> = small.iter().map(|m| m.uid).collect();
            let big: Vec<u32> = big.iter().map(|m| m.uid).collect();
            let mut fetched = open.session.fetch_uids(&small).await?;
            let mut truncated = std::collections::HashSet::new();
            if !big.is_empty() {
                for h in open.session.fetch_headers(&big).await? {
                    warn!(
                        uid = h.uid,
                        size = h.size,
                        limit,
                        "message over max_message_bytes: only its header is stored, the message stays on the server"
                    );
                    truncated.insert(h.uid);
                    fetched.push(h);
                }
                fetched.sort_by_key(|f| f.uid);
            }
            let fetch_ms = started.elapsed().as_millis() as u64;
            let validity = open.state.uid_validity;
            let incoming: Vec<Incoming> = fetched
                .into_iter()
                .map(|f| Incoming {
                    source: format!(
                        "imap:{account}/{mailbox};UIDVALIDITY={validity}/;UID={}",
                        f.uid
                    ),
                    truncated_from: truncated.contains(&f.uid).then_some(u64::from(f.size)),
                    raw: f.raw,
                })
                .collect();
            let now = self.pipeline.clock().now_str();
            let mut tx = self.pipeline.store().begin().await?;
            let stored = self.pipeline.store_raw_in(&mut tx, &incoming).await?;
            mailboxes::set_cursor(&mut tx, &account, mailbox, validity, max_uid, &now).await?;
            tx.commit()
                .await
                .context("cannot commit fetched messages and their cursor")?;
            open.last_uid = max_uid;
            let mut work: Work = Vec::new();
            let mut d = Drained {
                fetched: incoming.len() as u64,
                batches: 1,
                ..Drained::default()
            };
            for (s, m) in stored.into_iter().zip(incoming) {
                match s {
                    Stored::New(id) => {
                        d.stored += 1;
                        work.push((id, m.raw));
                    }
                    Stored::Duplicate(_) => d.duplicates += 1,
                }
            }
            Metrics::add(&self.metrics.imap_fetched, d.fetched);
            Metrics::add(&self.metrics.imap_stored, d.stored);
            Metrics::add(&self.metrics.imap_duplicates, d.duplicates);
            Metrics::add(&self.metrics.imap_batches, 1);
            info!(
                first_uid = sizes[0].uid,
                last_uid = max_uid,
                fetched = d.fetched,
                stored = d.stored,
                duplicates = d.duplicates,
                oversized = truncated.len(),
                fetch_ms,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "imap batch committed"
            );
            if !work.is_empty() && self.work.send(work).await.is_err() {
                debug!("processor gone; the stored rows stay pending for the next start");
            }
            total.fetched += d.fetched;
            total.stored += d.stored;
            total.duplicates += d.duplicates;
            total.batches += 1;
            let uids: Vec<u32> = sizes.iter().map(|m| m.uid).collect();
            if self.settings.after_commit != AfterCommit::Nothing {
                self.after_commit(open, mailbox, &uids).await?;
            }
            if max_uid >= open.state.uid_next {
                open.state.uid_next = max_uid + 1;
            }
        }
        self.polled(mailbox, open).await;
        Ok(total)
    }

    /// `\Seen` or move, after the commit; records how far it went.
    async fn after_commit(
        &self,
        open: &mut Open,
        mailbox: &str,
        uids: &[u32],
    ) -> anyhow::Result<()> {
        let Some(&max) = uids.iter().max() else {
            return Ok(());
        };
        match &self.settings.after_commit {
            AfterCommit::Nothing => return Ok(()),
            AfterCommit::Seen => open.session.mark_seen(uids).await?,
            AfterCommit::Move(folder) => match open.session.move_to(uids, folder).await {
                Err(ImapError::Refused { text, .. })
                    if text.to_ascii_uppercase().contains("TRYCREATE") =>
                {
                    open.session.create(folder).await?;
                    open.session.move_to(uids, folder).await?;
                }
                other => other?,
            },
        }
        let mut conn = self.pipeline.store().conn().await?;
        mailboxes::set_marked(
            &mut conn,
            &self.settings.account(),
            mailbox,
            max,
            &self.pipeline.clock().now_str(),
        )
        .await?;
        debug!(last_uid = max, action = ?self.settings.after_commit, "post-commit action done");
        Ok(())
    }

    async fn polled(&self, mailbox: &str, open: &Open) {
        let uid_next = open.state.uid_next.max(open.last_uid + 1);
        let exists = open.state.exists;
        let now = self.pipeline.clock().now_str();
        let r = async {
            let mut conn = self.pipeline.store().conn().await?;
            mailboxes::polled(
                &mut conn,
                &self.settings.account(),
                mailbox,
                uid_next,
                exists,
                &now,
            )
            .await
        }
        .await;
        if let Err(e) = r {
            warn!(error = %format!("{e:#}"), "cannot record the poll");
        }
    }

    async fn record_failure(&self, mailbox: &str, error: &str) {
        let now = self.pipeline.clock().now_str();
        let r = async {
            let mut conn = self.pipeline.store().conn().await?;
            mailboxes::failed(&mut conn, &self.settings.account(), mailbox, error, &now).await
        }
        .await;
        if let Err(e) = r {
            warn!(error = %format!("{e:#}"), "cannot record the imap failure");
        }
    }
}

/// Connects and selects every mailbox once: at startup, a certificate, login or mailbox problem
/// is reported as one line before anything runs. `Err((true, …))` is permanent (config,
/// certificate, credentials), `Err((false, …))` may pass (the server is down).
pub async fn check(settings: &ImapSettings) -> Result<(), (bool, String)> {
    let cfg = settings
        .connect_config()
        .await
        .map_err(|e| (true, format!("imap {}: {e:#}", settings.account())))?;
    let mut s = ImapSession::connect(&cfg).await.map_err(|e| {
        let msg = e.to_string();
        let msg = if msg.starts_with("imap") {
            msg
        } else {
            format!("imap: {msg}")
        };
        (e.is_permanent(), msg)
    })?;
    for mb in &settings.mailboxes {
        s.select(mb)
            .await
            .map_err(|e| (e.is_permanent(), format!("imap mailbox {mb:?}: {e}")))?;
    }
    if let AfterCommit::Move(folder) = &settings.after_commit {
        s.create(folder)
            .await
            .map_err(|e| (e.is_permanent(), format!("imap.move_to {folder:?}: {e}")))?;
    }
    let _ = s.logout().await;
    Ok(())
}

/// Decrements a gauge when dropped.
struct Decrement<'a>(&'a std::sync::atomic::AtomicI64);

impl Drop for Decrement<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Appends a copy of each sent message to `folder` (`smtp.sent_folder`) over its own IMAP
/// session, flagged `\Seen`. Best effort: a copy that cannot be appended after a reconnect is
/// logged and dropped (the message itself was sent and is recorded in the database). Runs until
/// the deliverer is gone (the channel closes), so copies of the last sends are kept too.
pub async fn append_sent(settings: ImapSettings, folder: String, mut rx: mpsc::Receiver<Vec<u8>>) {
    let mut session: Option<ImapSession> = None;
    while let Some(raw) = rx.recv().await {
        let mut done = false;
        for _ in 0..2 {
            if session.is_none() {
                let s = async {
                    let cfg = settings.connect_config().await?;
                    let mut s = ImapSession::connect(&cfg).await?;
                    s.create(&folder).await?;
                    anyhow::Ok(s)
                }
                .await;
                match s {
                    Ok(s) => session = Some(s),
                    Err(e) => {
                        warn!(folder = %folder, error = %format!("{e:#}"), "cannot open the sent folder");
                        continue;
                    }
                }
            }
            let s = session.as_mut().expect("opened above");
            match s.append(&folder, &raw, &["\\Seen"]).await {
                Ok(()) => {
                    done = true;
                    break;
                }
                Err(e) => {
                    warn!(folder = %folder, error = %e, "cannot append to the sent folder");
                    if e.needs_reconnect() {
                        session = None;
                    } else {
                        break;
                    }
                }
            }
        }
        if !done {
            warn!(folder = %folder, "a sent copy was not stored in the sent folder");
        }
    }
    if let Some(s) = session {
        let _ = s.logout().await;
    }
}
