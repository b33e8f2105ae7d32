//! `mailcase run`: the live daemon.
//!
//! ```text
//!  IMAP mailbox ─► intake task ──(batch + cursor, one commit)──► work channel ─► processor
//!  (one task each;  UID FETCH in batches, IDLE)                   (bounded)       analyse ∥,
//!  or the Maildir)                                                                apply + outbox
//!                                                                                 rows, one commit
//!                                                 scheduler (reminders, closing) ──┤ wake
//!                                                                                  ▼
//!                                                  outbox deliverer ──SMTP pool──► relay
//! ```
//!
//! Fetching and processing overlap: while the processor analyses and applies one batch, the
//! intake task is already fetching the next, and the deliverer is woken the moment replies are
//! committed (no polling on the hot path). Every long-lived task gets the same
//! [`CancellationToken`] and is tracked by one [`TaskTracker`]: on SIGINT or SIGTERM the intake
//! tasks commit the batch in hand and stop, the processor finishes what was already fetched, the
//! deliverer finishes the sends in flight, and the process exits. A second signal exits at once
//! (nothing is lost either way: stored rows are `pending` until processed, and a send cut short
//! is `uncertain`, never repeated).
//!
//! One daemon per database: `run` (and `deliver`) hold `DATABASE.lock`, so only one process can
//! have sends in flight, which is what makes recovering interrupted sends at startup safe.

pub mod metrics;
pub mod settings;
pub mod status;

use crate::clock::Clock;
use crate::config::Config;
use crate::intake::imap::{Intake, Work};
use crate::intake::maildir;
use crate::outbox::{Deliverer, Transport};
use crate::pipeline::Pipeline;
use crate::store::Store;
use anyhow::{Context as _, bail};
use metrics::Metrics;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// How many fetched batches may wait for the processor (bounds memory during a backlog).
const WORK_QUEUE: usize = 8;
/// The processor merges waiting batches up to this many messages per transaction.
const MAX_COALESCE: usize = 1024;

/// An exclusive lock on `DATABASE.lock`, held while the process runs.
#[derive(Debug)]
pub struct DaemonLock {
    _file: std::fs::File,
    pub path: PathBuf,
}

/// Takes the daemon lock of a database, or fails in one line when another process holds it.
pub fn lock(database: &Path) -> anyhow::Result<DaemonLock> {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    let path = PathBuf::from(name);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the database folder {}", dir.display()))?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open the lock file {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(DaemonLock { _file: file, path }),
        Err(std::fs::TryLockError::WouldBlock) => bail!(
            "another mailcase run or deliver is using {} (lock {} is held): stop it first",
            database.display(),
            path.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

/// Runs the daemon until SIGINT/SIGTERM (or one pass with `once`).
pub async fn run(cfg: &Config, clock: Clock, once: bool) -> anyhow::Result<()> {
    // handlers first: a signal during startup stops the daemon gracefully right after it
    let mut signals = Signals::new()?;
    let _lock = lock(&cfg.database)?;
    let store = Store::open(&cfg.database).await?;
    let pipeline = Pipeline::new(cfg, store.clone(), clock).await?;
    let metrics = Arc::new(Metrics::default());
    let transport = Transport::from_config(cfg)?;
    let mut deliverer = Deliverer::new(cfg, store.clone(), transport, clock, metrics.clone());
    deliverer.recover().await?;
    warm_up(&pipeline).await;
    let recovered = pipeline.process_pending().await?;
    if recovered.processed > 0 {
        tracing::info!(
            messages = recovered.processed,
            "processed messages left pending by an earlier run"
        );
    }
    let intake = match cfg.intake.source.as_str() {
        "imap" => Some(settings::imap_settings(cfg)?),
        _ => None,
    };
    startup_checks(cfg, intake.as_ref(), deliverer.transport()).await?;

    let wake = Arc::new(Notify::new());
    let cancel = CancellationToken::new();
    let tracker = TaskTracker::new();

    if let (Some(imap), Transport::Smtp(smtp)) = (&intake, deliverer.transport())
        && let Some(folder) = smtp.settings.sent_folder.clone()
    {
        let (tx, rx) = mpsc::channel(1000);
        deliverer = deliverer.with_sent_copies(tx);
        tracker.spawn(crate::intake::imap::append_sent(imap.clone(), folder, rx));
    }

    if once {
        match intake {
            Some(imap) => {
                let d = drain_once(cfg, imap, &pipeline, metrics.clone()).await?;
                tracing::info!(
                    fetched = d.fetched,
                    stored = d.stored,
                    duplicates = d.duplicates,
                    "imap drained"
                );
            }
            None => {
                let md = maildir::Maildir::new(&cfg.intake.maildir);
                md.ensure()?;
                let s = maildir::scan_once(&pipeline, &md, crate::pipeline::BATCH).await?;
                tracing::info!(
                    stored = s.stored,
                    replies = s.replies_queued,
                    "maildir scanned"
                );
            }
        }
        let (d, stop) = deliverer.deliver_now().await?;
        tracing::info!(
            sent = d.sent,
            deferred = d.deferred,
            failed = d.failed,
            uncertain = d.uncertain,
            "one pass done"
        );
        if let Some(stop) = stop {
            tracing::warn!(?stop, "delivery stopped early; the rest stays queued");
        }
        store.flush_search().await?;
        drop(deliverer); // closes the sent-folder channel once its copies are appended
        cancel.cancel();
        tracker.close();
        tracker.wait().await;
        store.close().await;
        return Ok(());
    }

    match intake {
        Some(imap) => {
            let (tx, rx) = mpsc::channel::<Work>(WORK_QUEUE);
            tracker.spawn(processor(
                pipeline.clone(),
                rx,
                wake.clone(),
                metrics.clone(),
            ));
            let mailboxes = imap.mailboxes.clone();
            let intake = Arc::new(Intake {
                settings: imap,
                pipeline: pipeline.clone(),
                max_message_bytes: cfg.max_message_bytes,
                metrics: metrics.clone(),
                work: tx,
            });
            for mb in mailboxes {
                tracker.spawn(intake.clone().watch(mb, cancel.clone()));
            }
        }
        None => {
            let interval = Duration::from_millis(cfg.intake.poll_interval_ms.max(50));
            tracker.spawn(watch_maildir(
                pipeline.clone(),
                maildir::Maildir::new(&cfg.intake.maildir),
                interval,
                wake.clone(),
                cancel.clone(),
            ));
        }
    }
    tracker.spawn(deliverer.run(wake.clone(), cancel.clone()));
    tracker.spawn(scheduler(
        pipeline.clone(),
        Duration::from_secs(cfg.schedule.interval_secs.max(1)),
        wake.clone(),
        cancel.clone(),
    ));
    tracker.spawn(indexer(store.clone(), cancel.clone()));
    if cfg.web.listen.is_some() {
        let listener = crate::web::admin::bind(cfg, None).await?;
        let state = crate::web::AppState::new(cfg, store.clone(), clock).await?;
        tracing::info!(addr = %listener.local_addr()?, "web UI listening");
        tracker.spawn(crate::web::serve_logged(listener, state, cancel.clone()));
    }
    if !cfg.metrics.listen.is_empty() {
        let addr = cfg.metrics.listen.parse().context("metrics.listen")?;
        let (m, s, c) = (metrics.clone(), store.clone(), cancel.clone());
        tracker.spawn(async move {
            if let Err(e) = metrics::serve(addr, m, s, c).await {
                tracing::error!(error = %format!("{e:#}"), "metrics endpoint stopped");
            }
        });
    }
    tracker.close();
    tracing::info!(database = %cfg.database.display(), intake = %cfg.intake.source,
                   outbox = %cfg.outbox.transport, "mailcase running; Ctrl-C or SIGTERM stops");
    signals.recv().await;
    tracing::info!("stopping: finishing the work in hand (a second signal exits at once)");
    cancel.cancel();
    tokio::select! {
        _ = tracker.wait() => {}
        _ = signals.recv() => {
            tracing::warn!("second signal: exiting now; unfinished work resumes at the next start");
            std::process::exit(130);
        }
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Compiles the extraction rules and starts the analysis threads before the first message, so
/// the first requester does not wait for it.
pub async fn warm_up(pipeline: &Pipeline) {
    let ctx = Arc::new(pipeline.analysis_context().clone());
    let sample = b"From: Warm Up <warm@up.invalid>\r\nTo: support@up.invalid\r\nSubject: locked out\r\n\
                   Message-ID: <warm@up.invalid>\r\n\r\nMy username is warmup. I lost my phone and my recovery \
                   codes. I can still read my mail and I agree to the code of conduct.\r\n"
        .to_vec();
    let work: Vec<(i64, Vec<u8>)> = (0..8).map(|i| (i, sample.clone())).collect();
    let started = std::time::Instant::now();
    let _ = tokio::task::spawn_blocking(move || crate::pipeline::analyze_all(work, &ctx)).await;
    tracing::debug!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        "analysis warmed up"
    );
}

/// Reads every watched mailbox to its end once, with fetching and processing overlapped exactly
/// as in the daemon (an intake task feeding the processor), and returns when both are done:
/// everything fetched is stored, processed, and its replies queued. `run --once` and the
/// benchmark use it.
pub async fn drain_once(
    cfg: &Config,
    imap: settings::ImapSettings,
    pipeline: &Pipeline,
    metrics: Arc<Metrics>,
) -> anyhow::Result<crate::intake::imap::Drained> {
    let (tx, rx) = mpsc::channel::<Work>(WORK_QUEUE);
    let processor = tokio::spawn(processor(
        pipeline.clone(),
        rx,
        Arc::new(Notify::new()),
        metrics.clone(),
    ));
    let intake = Arc::new(Intake {
        settings: imap,
        pipeline: pipeline.clone(),
        max_message_bytes: cfg.max_message_bytes,
        metrics,
        work: tx,
    });
    let d = intake.drain_once(&CancellationToken::new()).await;
    drop(intake);
    processor.await.context("the processor stopped")?;
    d
}

/// At startup, every server once: a certificate, login or config problem is one line and ends
/// `mailcase run`; a server that is merely down is retried by the tasks.
async fn startup_checks(
    _cfg: &Config,
    imap: Option<&settings::ImapSettings>,
    transport: &Transport,
) -> anyhow::Result<()> {
    if let Some(imap) = imap {
        match crate::intake::imap::check(imap).await {
            Ok(()) => {}
            Err((true, e)) => bail!("{e}"),
            Err((false, e)) => {
                tracing::warn!(error = %e, "imap server not reachable yet; retrying in the background")
            }
        }
    }
    if let Transport::Smtp(smtp) = transport {
        match smtp.check().await {
            Ok(()) => {}
            Err(e) if e.is_setup() => bail!("{e}"),
            Err(e) => {
                tracing::warn!(error = %e, "smtp relay not reachable yet; replies wait in the queue")
            }
        }
    }
    Ok(())
}

/// Processes what intake committed, as soon as it arrives, in two stages that overlap: the
/// next batch is analysed (on the analysis threads) while the previous one is applied (in its
/// transaction), and fetching goes on meanwhile. Waiting batches are merged. The deliverer is
/// woken as soon as replies are committed. Ends when every intake task has ended (the channel
/// closes), so a graceful stop processes everything already fetched.
async fn processor(
    pipeline: Pipeline,
    mut rx: mpsc::Receiver<Work>,
    wake: Arc<Notify>,
    metrics: Arc<Metrics>,
) {
    let (tx, analysed) = mpsc::channel(1);
    let applier = tokio::spawn(applier(pipeline.clone(), analysed, wake, metrics));
    while let Some(mut work) = rx.recv().await {
        while work.len() < MAX_COALESCE {
            match rx.try_recv() {
                Ok(more) => work.extend(more),
                Err(_) => break,
            }
        }
        let ids: Vec<i64> = work.iter().map(|(id, _)| *id).collect();
        let item = match pipeline.analyse(work).await {
            Ok(a) => Ok(a),
            Err(e) => {
                tracing::error!(error = %format!("{e:#}"), "analysis failed; the rows stay pending");
                Err(ids)
            }
        };
        if tx.send(item).await.is_err() {
            break;
        }
    }
    drop(tx);
    let _ = applier.await;
    tracing::debug!("processor stopped");
}

/// An analysed batch, or the row ids of a batch whose analysis failed.
type Analysed = Result<Vec<(i64, crate::pipeline::analyze::Analysis)>, Vec<i64>>;

/// The second stage: applies analysed batches in order. After a failure the rows are still
/// `pending` (nothing of the batch was committed), so it sweeps them up with
/// `process_pending` once the database works again, and from then on skips analysed rows the
/// sweep already took.
async fn applier(
    pipeline: Pipeline,
    mut rx: mpsc::Receiver<Analysed>,
    wake: Arc<Notify>,
    metrics: Arc<Metrics>,
) {
    let mut retry = crate::outbox::Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
    let mut swept = false;
    while let Some(item) = rx.recv().await {
        let started = std::time::Instant::now();
        let result = match item {
            Ok(mut analysed) => {
                if swept {
                    match still_pending(&pipeline, &analysed).await {
                        Ok(pending) => analysed.retain(|(id, _)| pending.contains(id)),
                        Err(e) => {
                            tracing::warn!(error = %format!("{e:#}"), "cannot check pending rows")
                        }
                    }
                }
                let n = analysed.len();
                pipeline.apply(analysed).await.map(|s| (n, s))
            }
            Err(_) => Err(anyhow::anyhow!("analysis failed")),
        };
        match result {
            Ok((n, stats)) => {
                retry.reset();
                Metrics::add(&metrics.processed, stats.processed);
                Metrics::add(&metrics.replies_queued, stats.replies_queued);
                if stats.replies_queued > 0 {
                    wake.notify_one();
                }
                if n > 0 {
                    tracing::info!(
                        messages = n,
                        cases_opened = stats.cases_opened,
                        filed = stats.filed,
                        unfiled = stats.unfiled,
                        replies = stats.replies_queued,
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        "processed"
                    );
                }
            }
            Err(e) => {
                tracing::error!(error = %format!("{e:#}"), "processing failed; retrying the pending rows");
                swept = true;
                loop {
                    tokio::time::sleep(retry.next_delay()).await;
                    match pipeline.process_pending().await {
                        Ok(stats) => {
                            Metrics::add(&metrics.processed, stats.processed);
                            Metrics::add(&metrics.replies_queued, stats.replies_queued);
                            if stats.replies_queued > 0 {
                                wake.notify_one();
                            }
                            break;
                        }
                        Err(e) => {
                            tracing::error!(error = %format!("{e:#}"), "processing pending rows failed; retrying")
                        }
                    }
                }
            }
        }
    }
}

async fn still_pending(
    pipeline: &Pipeline,
    analysed: &[(i64, crate::pipeline::analyze::Analysis)],
) -> anyhow::Result<std::collections::HashSet<i64>> {
    let ids: Vec<i64> = analysed.iter().map(|(id, _)| *id).collect();
    let mut conn = pipeline.store().conn().await?;
    crate::store::messages::pending_among(&mut conn, &ids).await
}

/// The local Maildir, scanned every `interval`; wakes the deliverer when replies were queued.
async fn watch_maildir(
    pipeline: Pipeline,
    md: maildir::Maildir,
    interval: Duration,
    wake: Arc<Notify>,
    cancel: CancellationToken,
) {
    if let Err(e) = md.ensure() {
        tracing::error!(error = %format!("{e:#}"), "cannot use the maildir");
        return;
    }
    tracing::info!(dir = %md.dir.display(), "watching maildir");
    loop {
        match maildir::scan_once(&pipeline, &md, crate::pipeline::BATCH).await {
            Ok(s) if s.stored + s.duplicates > 0 => {
                if s.replies_queued > 0 {
                    wake.notify_one();
                }
                tracing::info!(
                    stored = s.stored,
                    duplicates = s.duplicates,
                    cases_opened = s.cases_opened,
                    filed = s.filed,
                    unfiled = s.unfiled,
                    replies = s.replies_queued,
                    "maildir scan"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %format!("{e:#}"), "maildir scan failed; retrying"),
        }
        tokio::select! {
            _ = cancel.cancelled() => break,
            _ = tokio::time::sleep(interval) => {}
        }
    }
}

/// Reminders and closing, every `interval` (and once at start).
async fn scheduler(
    pipeline: Pipeline,
    interval: Duration,
    wake: Arc<Notify>,
    cancel: CancellationToken,
) {
    loop {
        match pipeline.tick().await {
            Ok(t) if t.reminders + t.closed > 0 => wake.notify_one(),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %format!("{e:#}"), "scheduler pass failed"),
        }
        tokio::select! {
            _ = cancel.cancelled() => break,
            _ = tokio::time::sleep(interval) => {}
        }
    }
}

/// Keeps the case list's search index current: the pipeline only marks the cases whose search
/// document changed, and this rebuilds them every few seconds (and once more on the way out), so a
/// busy thread is tokenised once per pass instead of once per message.
async fn indexer(store: Store, cancel: CancellationToken) {
    loop {
        let stop = tokio::select! {
            _ = cancel.cancelled() => true,
            _ = tokio::time::sleep(SEARCH_FLUSH_EVERY) => false,
        };
        if let Err(e) = store.flush_search().await {
            tracing::error!(error = %format!("{e:#}"), "search index update failed; retrying");
        }
        if stop {
            break;
        }
    }
}

/// How often the daemon rebuilds the search documents marked since the last pass.
const SEARCH_FLUSH_EVERY: Duration = Duration::from_secs(5);

/// SIGINT (Ctrl-C) and SIGTERM, registered when created (so none is missed during startup).
pub struct Signals {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
}

impl Signals {
    pub fn new() -> anyhow::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                int: signal(SignalKind::interrupt()).context("cannot handle SIGINT")?,
                term: signal(SignalKind::terminate()).context("cannot handle SIGTERM")?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// Waits for the next signal.
    pub async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}
