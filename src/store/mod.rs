//! All SQL lives here. The rest of mailcase calls these functions with a connection or a
//! transaction ([`Tx`]) and never sees a query: the pipeline owns the transaction boundary, so a
//! case change and the outbound mail it causes commit together.
//!
//! SQLite runs in WAL mode with foreign keys on and a busy timeout, so `mailcase run` and a
//! staff CLI command can use the same file at once. Queries stay portable toward PostgreSQL
//! (`$N` placeholders, TEXT timestamps, JSON in TEXT); a second backend would replace this
//! module's connection type, not the pipeline.

pub mod batch;
pub mod cases;
pub mod limits;
pub mod mailboxes;
pub mod messages;
pub mod outbox;
pub mod search;
pub mod staff_log;
pub mod web;

use anyhow::{Context as _, bail};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The migrations in `migrations/`, embedded at build time.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// A connection: what store functions take, so callers can pass a transaction.
pub type Conn = sqlx::SqliteConnection;
/// An open transaction.
pub type Tx = sqlx::Transaction<'static, sqlx::Sqlite>;

/// The database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date. A
    /// database written by a newer mailcase is refused with a clear error.
    pub async fn open(path: &Path) -> anyhow::Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the database folder {}", dir.display()))?;
        }
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            // 8 MB of page cache per connection (of up to 4): 16 MB was no faster for a 10k
            // ingest nor for the web UI's pages on 100,000 cases (`cargo bench --bench web`),
            // and 32 MB took peak memory to the 200 MB limit
            .pragma("cache_size", "-8000")
            .pragma("wal_autocheckpoint", "8192");
        // Switching a new database to WAL takes a lock the busy timeout does not wait for: when
        // two processes create the file at once (the daemon starting, `mailcase status`), the
        // loser is told "database is locked" and simply tries again.
        let mut attempt = 0u64;
        let pool = loop {
            match SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(opts.clone())
                .await
            {
                Ok(pool) => break pool,
                Err(e) if attempt < 20 && e.to_string().contains("database is locked") => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(50 * attempt.min(4))).await;
                }
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("cannot open database {}", path.display()));
                }
            }
        };
        let store = Store { pool };
        store
            .migrate()
            .await
            .with_context(|| format!("database {}", path.display()))?;
        Ok(store)
    }

    /// A private in-memory database (tests).
    pub async fn open_memory() -> anyhow::Result<Store> {
        let opts = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts)
            .await?;
        let store = Store { pool };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        let has_table = sqlx::query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_optional(&self.pool)
        .await?
        .is_some();
        if has_table {
            let applied: Option<i64> = sqlx::query("SELECT MAX(version) FROM _sqlx_migrations")
                .fetch_one(&self.pool)
                .await?
                .try_get(0)?;
            if let Some(v) = applied.filter(|v| *v > known) {
                bail!(
                    "its schema version {v} is newer than this mailcase knows ({known}): upgrade mailcase"
                );
            }
        }
        // Two processes opening a new database at once (the daemon starting, `mailcase status`)
        // can race on the first migration: the loser sees the winner's tables. Each migration
        // is its own transaction, so trying again after the winner committed is safe.
        let mut attempt = 0;
        loop {
            match MIGRATOR.run(&self.pool).await {
                Ok(()) => return Ok(()),
                Err(e) if attempt < 5 => {
                    attempt += 1;
                    tracing::debug!(error = %e, attempt, "migration raced with another process; trying again");
                    tokio::time::sleep(Duration::from_millis(100 * attempt)).await;
                }
                Err(e) => return Err(e).context("cannot apply migrations"),
            }
        }
    }

    /// Starts a write transaction. `BEGIN IMMEDIATE` takes SQLite's write lock at once, so two
    /// writers (the daemon and a CLI command) queue instead of failing mid-transaction.
    pub async fn begin(&self) -> anyhow::Result<Tx> {
        self.pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .context("cannot start a database transaction")
    }

    /// A pooled connection for reads.
    pub async fn conn(&self) -> anyhow::Result<sqlx::pool::PoolConnection<sqlx::Sqlite>> {
        self.pool
            .acquire()
            .await
            .context("cannot get a database connection")
    }

    /// Reads a meta value.
    pub async fn meta(&self, key: &str) -> anyhow::Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get(0)))
    }

    /// Writes a meta value unless one is already there; returns the value in force.
    pub async fn meta_init(&self, key: &str, value: &str) -> anyhow::Result<String> {
        sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await?;
        Ok(self.meta(key).await?.unwrap_or_else(|| value.to_string()))
    }

    /// Writes (or replaces) a meta value.
    pub async fn meta_set(&self, key: &str, value: &str) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Removes a meta value.
    pub async fn meta_delete(&self, key: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM meta WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Rebuilds the search documents marked since the last flush, in a transaction of its own;
    /// returns how many (0 without taking the write lock when nothing is marked).
    pub async fn flush_search(&self) -> anyhow::Result<u64> {
        if !search::pending(&mut *self.conn().await?).await? {
            return Ok(0);
        }
        let mut tx = self.begin().await?;
        let n = search::flush(&mut tx).await?;
        tx.commit().await?;
        Ok(n)
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// Encodes a value as JSON text for a TEXT column.
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialising plain data cannot fail")
}

/// Decodes a JSON TEXT column, falling back to the default when it is empty or unreadable
/// (a hand-edited row must not take the CLI down).
pub(crate) fn from_json<T: serde::de::DeserializeOwned + Default>(s: Option<&str>) -> T {
    s.filter(|s| !s.is_empty())
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default()
}
