//! The case pipeline: raw bytes in, a threaded case and its automated reply out.
//!
//! ```text
//!  intake ──► store raw (commit) ──► analyze (parallel, pure) ──► apply (one transaction)
//!             dedup by Message-ID     parse, classify, visible,    thread, fold fields,
//!             or content hash         redact, extract              flags, status, reply
//! ```
//!
//! Raw bytes are committed before anything is parsed, as `pending` rows; the apply step marks a
//! message `processed` in the same transaction as the case change and the outbox row it causes,
//! so a crash at any point leaves either nothing or everything of a message's processing, and
//! pending rows are picked up again on the next start. Automated mail is unique per triggering
//! message in the database, so reprocessing never sends anything twice.

pub mod analyze;
mod apply;
mod automated;
pub mod schedule;
mod staff;

use crate::clock::Clock;
use crate::config::Config;
use crate::reply::templates::Templates;
use crate::store::messages::{self, Inserted, NewRaw, Reselect};
use crate::store::{Store, Tx};
use crate::thread::{References, Signer};
use analyze::Analysis;
use anyhow::Context as _;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// A message as an intake source hands it over.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub raw: Vec<u8>,
    /// Where it came from, for staff (`file:…`, `maildir:…`, `imap:…`).
    pub source: String,
    /// The size of the whole message when `raw` is only its header: IMAP intake keeps just the
    /// header of a message over `max_message_bytes` (the message stays on the server), and the
    /// message is flagged `oversized`.
    pub truncated_from: Option<u64>,
}

/// What storing one incoming message did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    New(i64),
    Duplicate(i64),
}

/// Counts of one run, for logs and `mailcase ingest`'s summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub stored: u64,
    pub duplicates: u64,
    pub processed: u64,
    pub unparseable: u64,
    pub cases_opened: u64,
    pub filed: u64,
    pub unfiled: u64,
    pub replies_queued: u64,
}

impl std::ops::AddAssign for Stats {
    fn add_assign(&mut self, o: Stats) {
        self.stored += o.stored;
        self.duplicates += o.duplicates;
        self.processed += o.processed;
        self.unparseable += o.unparseable;
        self.cases_opened += o.cases_opened;
        self.filed += o.filed;
        self.unfiled += o.unfiled;
        self.replies_queued += o.replies_queued;
    }
}

/// Settings the apply step needs, taken from the config once.
#[derive(Debug, Clone)]
pub struct Settings {
    pub support_address: String,
    pub support_name: String,
    pub fallback_days: i64,
    /// Address keys that are ours: automated mail never goes to them.
    pub own_keys: Vec<String>,
    /// Automated messages per requester in any 24 hours (0: no limit).
    pub per_address_per_day: u32,
    /// Days a hard-bounced address gets no automated mail.
    pub bounce_suppression_days: i64,
    /// Days before a `reminder`, then before closing for non-response (0: never).
    pub reminder_after_days: i64,
    pub close_after_days: i64,
}

/// The pipeline, cheap to clone (shared parts behind `Arc`).
#[derive(Clone)]
pub struct Pipeline {
    store: Store,
    clock: Clock,
    settings: Arc<Settings>,
    ctx: Arc<analyze::Context>,
    templates: Arc<Templates>,
    refs: Arc<References>,
    signer: Arc<Signer>,
}

/// How many messages are analysed and applied per transaction.
pub const BATCH: usize = 512;

impl Pipeline {
    /// Builds the pipeline from the config: templates, the signing key (from the key file, or
    /// generated once and kept in the database).
    pub async fn new(cfg: &Config, store: Store, clock: Clock) -> anyhow::Result<Pipeline> {
        let templates = Templates::load(&cfg.templates)?;
        let key_hex = match &cfg.secret_key_file {
            Some(path) => std::fs::read_to_string(path)
                .with_context(|| format!("cannot read secret_key_file {}", path.display()))?
                .trim()
                .to_string(),
            None => {
                let fresh: [u8; 32] = rand::random();
                let hex: String = crate::thread::hex(&fresh);
                store.meta_init("thread_key", &hex).await?
            }
        };
        let signer = Signer::new(key_hex.into_bytes(), &cfg.message_id_domain);
        let ctx = analyze::Context::from_config(cfg);
        Ok(Pipeline {
            store,
            clock,
            settings: Arc::new(Settings {
                support_address: cfg.support_address.clone(),
                support_name: cfg.support_name.clone(),
                fallback_days: cfg.threading.fallback_days,
                own_keys: cfg
                    .own_addresses()
                    .iter()
                    .map(|a| crate::domain::address_key(a))
                    .collect(),
                per_address_per_day: cfg.limits.per_address_per_day,
                bounce_suppression_days: cfg.limits.bounce_suppression_days,
                reminder_after_days: cfg.schedule.reminder_after_days,
                close_after_days: cfg.schedule.close_after_days,
            }),
            ctx: Arc::new(ctx),
            templates: Arc::new(templates),
            refs: Arc::new(References::new(&cfg.reference_prefix)),
            signer: Arc::new(signer),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn references(&self) -> &References {
        &self.refs
    }

    pub fn analysis_context(&self) -> &analyze::Context {
        &self.ctx
    }

    /// Stores raw messages in one transaction (dedup by Message-ID, or by content hash when
    /// there is none). Nothing is parsed before this commits.
    pub async fn store_raw(&self, batch: &[Incoming]) -> anyhow::Result<Vec<Stored>> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.store.begin().await?;
        let out = self.store_raw_in(&mut tx, batch).await?;
        tx.commit().await.context("cannot commit stored messages")?;
        Ok(out)
    }

    /// [`Self::store_raw`] inside a caller's transaction (IMAP intake commits its UID cursor
    /// with the messages).
    pub async fn store_raw_in(
        &self,
        tx: &mut Tx,
        batch: &[Incoming],
    ) -> anyhow::Result<Vec<Stored>> {
        let now = self.clock.now_str();
        let rows: Vec<NewRaw> = batch
            .iter()
            .map(|m| {
                let sha: String = crate::thread::hex(&Sha256::digest(&m.raw));
                let (dedup_key, message_id) = match crate::parse::scan_message_id(&m.raw) {
                    Some(id) => (id.clone(), id),
                    None => (
                        format!("sha256:{sha}"),
                        format!("{}@no-message-id.invalid", &sha[..32]),
                    ),
                };
                NewRaw {
                    dedup_key,
                    message_id,
                    sha256: sha,
                    source: m.source.clone(),
                    received_at: now.clone(),
                    raw: &m.raw,
                    size: m
                        .truncated_from
                        .and_then(|n| i64::try_from(n).ok())
                        .unwrap_or(m.raw.len() as i64),
                }
            })
            .collect();
        Ok(crate::store::batch::insert_raw_many(tx, &rows)
            .await?
            .into_iter()
            .map(|i| match i {
                Inserted::New(id) => Stored::New(id),
                Inserted::Duplicate(id) => Stored::Duplicate(id),
            })
            .collect())
    }

    /// Stores and processes a batch of incoming messages (in chunks of [`BATCH`]).
    pub async fn ingest(&self, batch: Vec<Incoming>) -> anyhow::Result<Stats> {
        let mut rest = batch.into_iter();
        let chunks = std::iter::from_fn(move || {
            let chunk: Vec<Incoming> = rest.by_ref().take(BATCH).collect();
            (!chunk.is_empty()).then_some(Ok(chunk))
        });
        self.ingest_stream(chunks).await
    }

    /// The whole job of `mailcase ingest`: batches from `batches` go through three stages that
    /// run at the same time, so the cores analyse batch *k+1* while the database stores batch
    /// *k+2* and applies batch *k*:
    ///
    /// 1. store raw bytes (one transaction per batch; nothing parsed yet),
    /// 2. analyse on the worker threads,
    /// 3. apply to cases (one transaction per batch, in order).
    pub async fn ingest_stream<I>(&self, batches: I) -> anyhow::Result<Stats>
    where
        I: Iterator<Item = anyhow::Result<Vec<Incoming>>>,
    {
        use tokio::sync::mpsc;
        let (to_analyse, mut stored_rx) = mpsc::channel::<Vec<(i64, Vec<u8>)>>(1);
        let (to_apply, mut analysed_rx) = mpsc::channel::<Vec<(i64, Analysis)>>(1);
        let mut counts = Stats::default();
        // Each stage owns its channel ends (`move`), so a stage that stops drops them and the
        // stages around it stop too, instead of waiting forever on a full or silent channel.
        let counts_ref = &mut counts;
        let store = async move {
            for batch in batches {
                let batch = batch?;
                let stored = self.store_raw(&batch).await?;
                let mut work = Vec::with_capacity(batch.len());
                for (s, m) in stored.into_iter().zip(batch) {
                    match s {
                        Stored::New(id) => {
                            counts_ref.stored += 1;
                            work.push((id, m.raw));
                        }
                        Stored::Duplicate(_) => counts_ref.duplicates += 1,
                    }
                }
                if !work.is_empty() && to_analyse.send(work).await.is_err() {
                    break; // a later stage failed; its error is reported below
                }
            }
            anyhow::Ok(())
        };
        let analyse = async move {
            while let Some(work) = stored_rx.recv().await {
                let ctx = self.ctx.clone();
                let analysed = tokio::task::spawn_blocking(move || analyze_all(work, &ctx))
                    .await
                    .context("the analysis worker stopped")?;
                if to_apply.send(analysed).await.is_err() {
                    break;
                }
            }
            anyhow::Ok(())
        };
        let apply = async move {
            let mut applied = Stats::default();
            while let Some(analysed) = analysed_rx.recv().await {
                applied += self.apply_batch(analysed, false).await?;
            }
            anyhow::Ok(applied)
        };
        let (a, b, c) = tokio::join!(store, analyse, apply);
        let mut applied = c?;
        b?;
        a?;
        applied.stored = counts.stored;
        applied.duplicates = counts.duplicates;
        Ok(applied)
    }

    /// Analyses stored messages in parallel and applies them in one transaction.
    pub async fn process(&self, work: Vec<(i64, Vec<u8>)>) -> anyhow::Result<Stats> {
        if work.is_empty() {
            return Ok(Stats::default());
        }
        let analysed = self.analyse(work).await?;
        self.apply(analysed).await
    }

    /// The parallel half of [`Self::process`]: analysis on the worker threads, no database.
    /// The live daemon analyses the next batch while the previous one is applied.
    pub async fn analyse(&self, work: Vec<(i64, Vec<u8>)>) -> anyhow::Result<Vec<(i64, Analysis)>> {
        let ctx = self.ctx.clone();
        let analysed: Vec<(i64, Analysis)> =
            tokio::task::spawn_blocking(move || analyze_all(work, &ctx))
                .await
                .context("the analysis worker stopped")?;
        Ok(analysed)
    }

    /// The sequential half of [`Self::process`]: applies analysed messages, in order, in one
    /// transaction with the outbound mail they cause.
    pub async fn apply(&self, analysed: Vec<(i64, Analysis)>) -> anyhow::Result<Stats> {
        if analysed.is_empty() {
            return Ok(Stats::default());
        }
        self.apply_batch(analysed, false).await
    }

    /// Processes every stored message still `pending` (after a crash, or stored by IMAP intake).
    pub async fn process_pending(&self) -> anyhow::Result<Stats> {
        let mut stats = Stats::default();
        let mut after = 0;
        loop {
            let rows = {
                let mut conn = self.store.conn().await?;
                messages::pending(&mut conn, after, BATCH as i64).await?
            };
            let Some(last) = rows.last() else { break };
            after = last.id;
            stats += self
                .process(rows.into_iter().map(|r| (r.id, r.raw)).collect())
                .await?;
        }
        Ok(stats)
    }

    /// Re-runs the pipeline on stored raw messages (after rules or code improved). Threading
    /// is kept for filed messages; unfiled ones are threaded afresh; no automated mail is sent
    /// twice (one per triggering message, enforced by the database).
    pub async fn reprocess(&self, sel: Reselect) -> anyhow::Result<Stats> {
        let ids = {
            let mut conn = self.store.conn().await?;
            messages::select_for_reprocess(&mut conn, &sel).await?
        };
        let mut stats = Stats::default();
        for chunk in ids.chunks(BATCH) {
            let mut work = Vec::new();
            {
                let mut conn = self.store.conn().await?;
                for id in chunk {
                    if let Some(r) = messages::raw(&mut conn, *id).await? {
                        work.push((r.id, r.raw));
                    }
                }
            }
            let ctx = self.ctx.clone();
            let analysed = tokio::task::spawn_blocking(move || analyze_all(work, &ctx)).await?;
            stats += self.apply_batch(analysed, true).await?;
        }
        Ok(stats)
    }

    async fn apply_batch(
        &self,
        analysed: Vec<(i64, Analysis)>,
        reprocess: bool,
    ) -> anyhow::Result<Stats> {
        let mut tx = self.store.begin().await?;
        let stats = self.apply_all(&mut tx, analysed, reprocess).await?;
        tx.commit()
            .await
            .context("cannot commit processed messages")?;
        Ok(stats)
    }
}

/// A job for the analysis workers: a slice of messages and where to send the result.
type Job = (
    Vec<(i64, Vec<u8>)>,
    Arc<analyze::Context>,
    std::sync::mpsc::Sender<Vec<(i64, Analysis)>>,
);

/// Persistent analysis threads, one per core. They live for the whole process, so the lazy
/// regex caches of the extraction rules stay warm in each thread (fresh threads per batch
/// rebuilt them every time and were slower than one thread).
struct Workers {
    jobs: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
    threads: usize,
}

static WORKERS: std::sync::LazyLock<Workers> = std::sync::LazyLock::new(|| {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 16);
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let rx = Arc::new(std::sync::Mutex::new(rx));
    for i in 0..threads {
        let rx = rx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("mailcase-analyze-{i}"))
            .spawn(move || {
                loop {
                    let job = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => return,
                    };
                    let Ok((work, ctx, reply)) = job else { return };
                    let out = work
                        .iter()
                        .map(|(id, raw)| (*id, analyze::analyze_guarded(raw, &ctx)))
                        .collect();
                    let _ = reply.send(out);
                }
            });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "cannot start an analysis thread");
        }
    }
    Workers {
        jobs: std::sync::Mutex::new(tx),
        threads,
    }
});

/// Analyses messages on all cores (blocking; call from a blocking context). Results keep the
/// input order.
pub fn analyze_all(work: Vec<(i64, Vec<u8>)>, ctx: &Arc<analyze::Context>) -> Vec<(i64, Analysis)> {
    let workers = &*WORKERS;
    if work.len() < 2 || workers.threads < 2 {
        return work
            .into_iter()
            .map(|(id, raw)| (id, analyze::analyze_guarded(&raw, ctx)))
            .collect();
    }
    let n = work.len();
    let chunk = n.div_ceil(workers.threads * 2).max(1);
    let mut receivers = Vec::new();
    let mut rest = work;
    while !rest.is_empty() {
        let tail = rest.split_off(chunk.min(rest.len()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sent = workers
            .jobs
            .lock()
            .map(|jobs| jobs.send((rest, ctx.clone(), tx)).is_ok())
            .unwrap_or(false);
        if !sent {
            tracing::warn!("analysis threads are gone; analysing in place");
        }
        receivers.push(rx);
        rest = tail;
    }
    let mut out = Vec::with_capacity(n);
    for rx in receivers {
        // a worker that died mid-job loses nothing: its messages stay `pending` in the database
        out.extend(rx.recv().unwrap_or_default());
    }
    out
}
