//! Delivery of the outbox. Rows are queued by the pipeline in the same transaction as the case
//! change; the deliverer sends due rows through a [`Transport`] and marks them `sent`, retries
//! temporary failures with exponential backoff and jitter, and marks permanent ones `failed`
//! with the server's answer.

pub mod file;

use crate::clock::{Clock, timestamp};
use crate::store::{Store, outbox};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Why a delivery did not happen.
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
}

impl Transport {
    /// Sends one message; `name` is a stable name for it (its Message-ID), so a retry after a
    /// crash finds what was already written.
    pub async fn send(
        &self,
        name: &str,
        from: &str,
        to: &[String],
        raw: &[u8],
    ) -> Result<(), SendError> {
        match self {
            Transport::File(f) => f.send(name, from, to, raw).await,
        }
    }
}

/// Counts of one delivery pass.
#[derive(Debug, Clone, Copy, Default)]
pub struct Delivered {
    pub sent: u64,
    pub deferred: u64,
    pub failed: u64,
}

/// The delay before attempt `attempts + 1`: 30 s doubling up to an hour, plus up to 20 % jitter.
pub fn backoff(attempts: i64) -> Duration {
    let base = 30u64
        .saturating_mul(1u64 << attempts.clamp(0, 7) as u32)
        .min(3600);
    let jitter = rand::random::<u64>() % (base / 5 + 1);
    Duration::from_secs(base + jitter)
}

/// Sends every due row once.
pub async fn deliver_due(
    store: &Store,
    transport: &Transport,
    clock: Clock,
) -> anyhow::Result<Delivered> {
    let mut d = Delivered::default();
    let due = {
        let mut conn = store.conn().await?;
        outbox::due(&mut conn, &clock.now_str(), 100).await?
    };
    for (row, raw) in due {
        let result = transport
            .send(
                &row.message_id,
                &row.from_addr,
                std::slice::from_ref(&row.to_addr),
                &raw,
            )
            .await;
        let mut conn = store.conn().await?;
        match result {
            Ok(()) => {
                outbox::mark_sent(&mut conn, row.id, &clock.now_str()).await?;
                tracing::info!(outbox_id = row.id, kind = %row.kind, to = %row.to_addr, "delivered");
                d.sent += 1;
            }
            Err(SendError::Transient(e)) => {
                let next = clock.now()
                    + chrono::Duration::from_std(backoff(row.attempts)).unwrap_or_default();
                outbox::defer(&mut conn, row.id, &e, &timestamp(next)).await?;
                tracing::warn!(outbox_id = row.id, error = %e, attempt = row.attempts + 1, "delivery deferred");
                d.deferred += 1;
            }
            Err(SendError::Permanent(e)) => {
                outbox::mark_failed(&mut conn, row.id, &e).await?;
                tracing::error!(outbox_id = row.id, error = %e, "delivery failed permanently");
                d.failed += 1;
            }
        }
    }
    Ok(d)
}

/// Delivers until cancelled, checking for due rows every `interval`.
pub async fn run(
    store: Store,
    transport: Transport,
    clock: Clock,
    interval: Duration,
    cancel: CancellationToken,
) -> anyhow::Result<()> {
    loop {
        if let Err(e) = deliver_due(&store, &transport, clock).await {
            tracing::error!(error = %format!("{e:#}"), "delivery pass failed; retrying");
        }
        tokio::select! {
            _ = cancel.cancelled() => break,
            _ = tokio::time::sleep(interval) => {}
        }
    }
    Ok(())
}
