//! The local Maildir `mailcase run` watches (`data/inbox/` by default): whatever lands in
//! `new/` or `cur/` is stored and processed, then moved to `cur/` with the `S` (seen) flag.
//! The file is only moved after the database commit, so a crash leaves it to be read again
//! (and deduplicated) on the next scan.

use crate::pipeline::{Incoming, Pipeline, Stats};
use anyhow::Context as _;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// A Maildir folder.
#[derive(Debug, Clone)]
pub struct Maildir {
    pub dir: PathBuf,
}

impl Maildir {
    pub fn new(dir: impl Into<PathBuf>) -> Maildir {
        Maildir { dir: dir.into() }
    }

    /// Creates `new/`, `cur/` and `tmp/` if missing.
    pub fn ensure(&self) -> anyhow::Result<()> {
        for sub in ["new", "cur", "tmp"] {
            let d = self.dir.join(sub);
            std::fs::create_dir_all(&d)
                .with_context(|| format!("cannot create {}", d.display()))?;
        }
        Ok(())
    }

    /// Files waiting: everything in `new/`, and files in `cur/` without the `S` flag; by name.
    pub fn waiting(&self) -> anyhow::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let d = self.dir.join(sub);
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .filter(|p| {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    !name.starts_with('.') && (sub == "new" || !seen(&name))
                })
                .collect();
            files.sort();
            out.extend(files);
        }
        Ok(out)
    }

    /// Moves a processed file to `cur/` with the `S` flag.
    pub fn mark_done(&self, path: &Path) -> anyhow::Result<()> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (base, flags) = match name.split_once(":2,") {
            Some((b, f)) => (b.to_string(), f.to_string()),
            None => (name.clone(), String::new()),
        };
        let mut flags: Vec<char> = flags.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if !flags.contains(&'S') {
            flags.push('S');
        }
        flags.sort();
        let target = self.dir.join("cur").join(format!(
            "{base}:2,{}",
            flags.into_iter().collect::<String>()
        ));
        std::fs::rename(path, &target)
            .with_context(|| format!("cannot move {} to cur/", path.display()))
    }
}

fn seen(name: &str) -> bool {
    name.split_once(":2,").is_some_and(|(_, f)| f.contains('S'))
}

/// One scan: stores and processes what is waiting, then marks it done. Returns the counts.
pub async fn scan_once(
    pipeline: &Pipeline,
    maildir: &Maildir,
    batch: usize,
) -> anyhow::Result<Stats> {
    let mut stats = Stats::default();
    let files = maildir.waiting()?;
    for chunk in files.chunks(batch.max(1)) {
        let mut msgs = Vec::new();
        let mut paths = Vec::new();
        for p in chunk {
            match std::fs::read(p) {
                Ok(raw) => {
                    msgs.push(Incoming {
                        raw,
                        source: format!("maildir:{}", p.display()),
                        truncated_from: None,
                    });
                    paths.push(p.clone());
                }
                Err(e) => {
                    tracing::warn!(path = %p.display(), error = %e, "cannot read maildir file; will retry")
                }
            }
        }
        stats += pipeline.ingest(msgs).await?;
        for p in &paths {
            if let Err(e) = maildir.mark_done(p) {
                tracing::warn!(error = %format!("{e:#}"), "maildir file stays in place; it is deduplicated next scan");
            }
        }
    }
    Ok(stats)
}

/// Watches the Maildir until cancelled; what lands there is processed within `interval`.
pub async fn watch(
    pipeline: Pipeline,
    maildir: Maildir,
    interval: Duration,
    cancel: CancellationToken,
) -> anyhow::Result<()> {
    maildir.ensure()?;
    tracing::info!(dir = %maildir.dir.display(), "watching maildir");
    loop {
        match scan_once(&pipeline, &maildir, crate::pipeline::BATCH).await {
            Ok(s) if s.stored + s.duplicates > 0 => tracing::info!(
                stored = s.stored,
                duplicates = s.duplicates,
                cases_opened = s.cases_opened,
                filed = s.filed,
                unfiled = s.unfiled,
                replies = s.replies_queued,
                "maildir scan"
            ),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %format!("{e:#}"), "maildir scan failed; retrying"),
        }
        tokio::select! {
            _ = cancel.cancelled() => break,
            _ = tokio::time::sleep(interval) => {}
        }
    }
    Ok(())
}
