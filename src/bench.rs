//! `mailcase bench`: measured, not guessed. Times each analysis stage on its own, then the
//! whole `ingest` on a fresh database, and prints messages per second and peak memory.

use crate::clock::Clock;
use crate::config::Config;
use crate::intake::files;
use crate::pipeline::{Incoming, Pipeline, Stats, analyze};
use crate::store::Store;
use std::io::Write;

use std::time::Instant;

/// Peak resident memory of this process so far, in MiB (Linux `VmHWM`).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn rate(n: usize, secs: f64) -> String {
    format!("{:>9.0} msg/s  ({:.3} s)", n as f64 / secs.max(1e-9), secs)
}

/// Runs the benchmark on the messages of `paths` (mbox, .eml, Maildir).
pub async fn run(
    cfg: &Config,
    paths: &[std::path::PathBuf],
    stages: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let inputs = files::resolve(paths)?;
    if stages {
        let t = Instant::now();
        let mut reader = files::Reader::new(inputs.clone(), 1024);
        let mut msgs: Vec<Incoming> = Vec::new();
        while let Some(b) = reader.next_batch()? {
            msgs.extend(b);
        }
        let n = msgs.len();
        writeln!(out, "messages        {n}")?;
        writeln!(
            out,
            "read            {}",
            rate(n, t.elapsed().as_secs_f64())
        )?;
        let ctx = analyze::Context {
            max_message_bytes: cfg.max_message_bytes,
            ..Default::default()
        };
        let t = Instant::now();
        let parsed: Vec<_> = msgs.iter().map(|m| crate::parse::parse(&m.raw)).collect();
        writeln!(
            out,
            "parse           {}",
            rate(n, t.elapsed().as_secs_f64())
        )?;
        let t = Instant::now();
        let classes: Vec<_> = parsed
            .iter()
            .map(|p| crate::classify::classify(p, &ctx.classify))
            .collect();
        writeln!(
            out,
            "classify        {}",
            rate(n, t.elapsed().as_secs_f64())
        )?;
        let t = Instant::now();
        let vis: Vec<_> = parsed
            .iter()
            .map(|p| crate::visible::analyze(&p.text))
            .collect();
        writeln!(
            out,
            "visible text    {}",
            rate(n, t.elapsed().as_secs_f64())
        )?;
        let t = Instant::now();
        let texts: Vec<_> = vis
            .iter()
            .map(|v| crate::extract::secrets::redact(&v.text()).0)
            .collect();
        writeln!(
            out,
            "redact          {}",
            rate(n, t.elapsed().as_secs_f64())
        )?;
        let t = Instant::now();
        let mut fields = 0usize;
        for ((p, text), c) in parsed.iter().zip(&texts).zip(&classes) {
            if !c.kind.is_automatic() {
                fields += crate::extract::extract(&p.subject, text).statements.len();
            }
        }
        writeln!(
            out,
            "extract         {}  ({fields} statements)",
            rate(n, t.elapsed().as_secs_f64())
        )?;
        let t = Instant::now();
        for m in &msgs {
            std::hint::black_box(analyze::analyze(&m.raw, &ctx));
        }
        writeln!(
            out,
            "analyze, 1 thread      {}",
            rate(n, t.elapsed().as_secs_f64())
        )?;
        let work: Vec<(i64, Vec<u8>)> = msgs
            .iter()
            .enumerate()
            .map(|(i, m)| (i as i64, m.raw.clone()))
            .collect();
        let ctx_arc = std::sync::Arc::new(ctx.clone());
        let t = Instant::now();
        for chunk in work.chunks(crate::pipeline::BATCH) {
            std::hint::black_box(crate::pipeline::analyze_all(chunk.to_vec(), &ctx_arc));
        }
        writeln!(
            out,
            "analyze, all cores     {}",
            rate(n, t.elapsed().as_secs_f64())
        )?;
        drop((parsed, classes, vis, texts, msgs));
    }
    let dir = tempfile_dir()?;
    let db = dir.join("bench.db");
    let store = Store::open(&db).await?;
    let pipeline = Pipeline::new(cfg, store.clone(), Clock::System).await?;
    let t = Instant::now();
    let mut reader = files::Reader::new(inputs, crate::pipeline::BATCH);
    let stats: Stats = pipeline
        .ingest_stream(std::iter::from_fn(|| reader.next_batch().transpose()))
        .await?;
    let secs = t.elapsed().as_secs_f64();
    store.close().await;
    let n = (stats.stored + stats.duplicates) as usize;
    writeln!(
        out,
        "ingest (end to end, fresh database)  {}",
        rate(n, secs)
    )?;
    writeln!(
        out,
        "  stored {}, duplicates {}, cases {}, filed {}, unfiled {}, replies queued {}",
        stats.stored,
        stats.duplicates,
        stats.cases_opened,
        stats.filed,
        stats.unfiled,
        stats.replies_queued
    )?;
    if let Some(mib) = peak_rss_mib() {
        writeln!(out, "peak RSS        {mib:.1} MiB")?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("mailcase-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
