//! Counters of the running daemon and a tiny Prometheus-style `/metrics` endpoint
//! (`metrics.listen`, e.g. `127.0.0.1:9898`). Counters live in memory (they restart at zero,
//! as Prometheus counters may); gauges about the queue and the mailboxes are read from the
//! database at each scrape, so they are right even across restarts.

use crate::store::{Store, mailboxes, outbox};
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use tokio_util::sync::CancellationToken;

/// What the daemon counts while it runs.
#[derive(Debug, Default)]
pub struct Metrics {
    pub imap_connects: AtomicU64,
    pub imap_errors: AtomicU64,
    pub imap_fetched: AtomicU64,
    pub imap_stored: AtomicU64,
    pub imap_duplicates: AtomicU64,
    pub imap_batches: AtomicU64,
    pub processed: AtomicU64,
    pub replies_queued: AtomicU64,
    pub sent: AtomicU64,
    pub deferred: AtomicU64,
    pub failed: AtomicU64,
    pub uncertain: AtomicU64,
    /// 1 while the outbox is held (a TLS, AUTH or config problem with the SMTP relay).
    pub outbox_held: AtomicI64,
    /// Mailbox sessions currently connected.
    pub imap_connected: AtomicI64,
}

impl Metrics {
    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    /// The exposition text (Prometheus text format 0.0.4).
    pub async fn render(&self, store: &Store) -> String {
        let mut s = String::new();
        let counters: [(&str, &str, &AtomicU64); 12] = [
            (
                "mailcase_imap_connects_total",
                "IMAP sessions opened",
                &self.imap_connects,
            ),
            (
                "mailcase_imap_errors_total",
                "IMAP connection or command failures",
                &self.imap_errors,
            ),
            (
                "mailcase_imap_fetched_total",
                "messages fetched over IMAP",
                &self.imap_fetched,
            ),
            (
                "mailcase_imap_stored_total",
                "fetched messages stored as new",
                &self.imap_stored,
            ),
            (
                "mailcase_imap_duplicates_total",
                "fetched messages already stored",
                &self.imap_duplicates,
            ),
            (
                "mailcase_imap_batches_total",
                "batches committed with their cursor",
                &self.imap_batches,
            ),
            (
                "mailcase_processed_total",
                "messages run through the pipeline",
                &self.processed,
            ),
            (
                "mailcase_replies_queued_total",
                "automated replies queued",
                &self.replies_queued,
            ),
            (
                "mailcase_outbox_sent_total",
                "outbound messages accepted by the relay",
                &self.sent,
            ),
            (
                "mailcase_outbox_deferred_total",
                "temporary delivery failures",
                &self.deferred,
            ),
            (
                "mailcase_outbox_failed_total",
                "permanent delivery failures",
                &self.failed,
            ),
            (
                "mailcase_outbox_uncertain_total",
                "messages whose delivery outcome is unknown",
                &self.uncertain,
            ),
        ];
        for (name, help, v) in counters {
            let _ = writeln!(
                s,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
                v.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(
            s,
            "# HELP mailcase_outbox_held 1 while delivery is held by a relay setup problem\n# TYPE mailcase_outbox_held gauge\nmailcase_outbox_held {}",
            self.outbox_held.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            s,
            "# HELP mailcase_imap_connected mailbox sessions connected\n# TYPE mailcase_imap_connected gauge\nmailcase_imap_connected {}",
            self.imap_connected.load(Ordering::Relaxed)
        );
        let Ok(mut conn) = store.conn().await else {
            return s;
        };
        if let Ok(c) = outbox::counts(&mut conn).await {
            let _ = writeln!(
                s,
                "# HELP mailcase_outbox_messages outbound messages by status\n# TYPE mailcase_outbox_messages gauge"
            );
            for (status, n) in [
                ("queued", c.queued),
                ("retrying", c.retrying),
                ("sending", c.sending),
                ("sent", c.sent),
                ("failed", c.failed),
                ("uncertain", c.uncertain),
                ("suppressed", c.suppressed),
            ] {
                let _ = writeln!(s, "mailcase_outbox_messages{{status=\"{status}\"}} {n}");
            }
        }
        if let Ok(n) = crate::store::messages::count_pending(&mut conn).await {
            let _ = writeln!(
                s,
                "# HELP mailcase_messages_pending stored messages not processed yet\n# TYPE mailcase_messages_pending gauge\nmailcase_messages_pending {n}"
            );
        }
        if let Ok(list) = mailboxes::list(&mut conn).await {
            let _ = writeln!(
                s,
                "# HELP mailcase_imap_backlog UIDs on the server above the cursor at the last poll\n# TYPE mailcase_imap_backlog gauge"
            );
            for m in &list {
                let _ = writeln!(
                    s,
                    "mailcase_imap_backlog{{account=\"{}\",mailbox=\"{}\"}} {}",
                    label(&m.account),
                    label(&m.mailbox),
                    m.backlog().unwrap_or(0)
                );
            }
            let _ = writeln!(
                s,
                "# HELP mailcase_imap_last_uid the cursor: every message up to this UID is stored\n# TYPE mailcase_imap_last_uid gauge"
            );
            for m in &list {
                let _ = writeln!(
                    s,
                    "mailcase_imap_last_uid{{account=\"{}\",mailbox=\"{}\"}} {}",
                    label(&m.account),
                    label(&m.mailbox),
                    m.last_uid
                );
            }
        }
        s
    }
}

fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Serves `GET /metrics` on `listen` until cancelled.
pub async fn serve(
    listen: std::net::SocketAddr,
    metrics: Arc<Metrics>,
    store: Store,
    cancel: CancellationToken,
) -> anyhow::Result<()> {
    use axum::routing::get;
    let app = axum::Router::new().route(
        "/metrics",
        get(move || {
            let metrics = metrics.clone();
            let store = store.clone();
            async move {
                (
                    [(
                        axum::http::header::CONTENT_TYPE,
                        "text/plain; version=0.0.4; charset=utf-8",
                    )],
                    metrics.render(&store).await,
                )
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| anyhow::anyhow!("metrics.listen {listen}: cannot listen: {e}"))?;
    tracing::info!(%listen, "serving /metrics");
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { cancel.cancelled().await })
        .await?;
    Ok(())
}
