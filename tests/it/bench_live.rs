//! Measurements against the real servers (`#[ignore]`; run with `scripts/bench-live`, which
//! builds in release mode): the daemon's drain of a 10,000-message backlog next to a raw
//! `UID FETCH 1:* BODY.PEEK[]` of the same mailbox, and the latency from a message's SMTP
//! submission to its acknowledgement landing in the requester's Maildir, with IDLE.
//! Figures are printed, never asserted.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mailcase::clock::Clock;
use mailcase::config::Config;
use mailcase::pipeline::Pipeline;
use mailcase::store::Store;

use crate::live_daemon::{Live, inbox_lock};
use crate::mailstack::{Mailstack, message};

macro_rules! stack {
    ($name:literal) => {
        match Mailstack::for_test($name) {
            Some(s) => s,
            None => return,
        }
    };
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// The config the daemon would build from `MAILCASE_IMAP_URL` for `folder` (the password in a file).
fn config(ms: &Mailstack, folder: &str, dir: &std::path::Path, db: &str) -> Config {
    let pw = dir.join("imap.pw");
    std::fs::write(&pw, ms.user("support").1).unwrap();
    let mut cfg = Config::from_toml(&format!(
        "database = {:?}\n[imap]\npassword_file = {:?}\n",
        dir.join(db).display().to_string(),
        pw.display().to_string()
    ))
    .unwrap();
    let url = format!(
        "imaps://support%40{}@{}:{}/{folder}",
        ms.domain, ms.host, ms.imaps_port
    );
    let ca = ms.ca_file.display().to_string();
    cfg.apply_env(|k| match k {
        "MAILCASE_IMAP_URL" => Some(url.clone()),
        "MAILCASE_TLS_CA_FILE" => Some(ca.clone()),
        "MAILCASE_FROM" => Some("support@example.test".into()),
        _ => None,
    })
    .unwrap();
    cfg.validate().unwrap();
    cfg
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "measurement: scripts/bench-live"]
async fn bench_drain_of_a_10000_message_backlog_next_to_the_raw_fetch() {
    let ms = stack!("bench_drain_of_a_10000_message_backlog_next_to_the_raw_fetch");
    let Some(shared) = crate::support::shared_dir("bench_drain") else {
        return;
    };
    let _g = ms.exclusive().await;
    let n: usize = std::env::var("MAILCASE_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runs: usize = std::env::var("MAILCASE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let msgs = crate::live_daemon::mailload(&shared, n, 1);
    let bytes: usize = msgs.iter().map(Vec::len).sum();
    let folder = ms.fresh_folder("support", "bench");
    let t = Instant::now();
    ms.seed_maildir("support", &folder, &msgs).unwrap();
    let seed = t.elapsed().as_secs_f64();

    // the first fetch after seeding builds Dovecot's index and cache: not part of either figure
    let (first, _) = crate::live_net::raw_fetch_floor(ms, "support", &folder).await;
    let mut floor = Vec::new();
    for _ in 0..runs {
        floor.push(
            crate::live_net::raw_fetch_floor(ms, "support", &folder)
                .await
                .0,
        );
    }

    let mut drains = Vec::new();
    let mut outcome = (0, 0);
    for run in 0..runs {
        let dir = tempfile::tempdir().unwrap();
        let cfg = config(ms, &folder, dir.path(), "bench.db");
        let store = Store::open(&cfg.database).await.unwrap();
        let pipeline = Pipeline::new(&cfg, store.clone(), Clock::System)
            .await
            .unwrap();
        mailcase::daemon::warm_up(&pipeline).await;
        let imap = mailcase::daemon::settings::imap_settings(&cfg).unwrap();
        let metrics = Arc::new(mailcase::daemon::metrics::Metrics::default());
        let t = Instant::now();
        let d = mailcase::daemon::drain_once(&cfg, imap, &pipeline, metrics.clone())
            .await
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        drains.push(secs);
        let queued = metrics
            .replies_queued
            .load(std::sync::atomic::Ordering::Relaxed);
        outcome = (d.stored, queued);
        println!(
            "drain run {}: {:.3} s, {} fetched, {} stored, {} processed, {} replies queued",
            run + 1,
            secs,
            d.fetched,
            d.stored,
            metrics.processed.load(std::sync::atomic::Ordering::Relaxed),
            queued
        );
        store.close().await;
    }
    let f = median(&mut floor);
    let dm = median(&mut drains);
    println!(
        "\n== IMAP drain benchmark ({n} messages from gen-mailload, {:.1} MB, 2 cores, debug={})",
        bytes as f64 / 1e6,
        cfg!(debug_assertions)
    );
    println!("seed into Maildir          {seed:>8.3} s");
    println!("first raw fetch (cold)     {first:>8.3} s   (Dovecot builds its cache; not counted)");
    println!("raw UID FETCH 1:* (floor)  {f:>8.3} s   median of {runs}: {floor:?}");
    println!("daemon drain               {dm:>8.3} s   median of {runs}: {drains:?}");
    println!(
        "  = {:.2}x the raw fetch; {:.0} msg/s; {} stored, {} replies queued",
        dm / f,
        n as f64 / dm,
        outcome.0,
        outcome.1
    );
    ms.delete_folder("support", &folder);
}

#[tokio::test]
#[ignore = "measurement: scripts/bench-live"]
async fn bench_latency_from_delivery_to_acknowledgement_with_idle() {
    let ms = stack!("bench_latency_from_delivery_to_acknowledgement_with_idle");
    let _g = ms.shared().await;
    let _inbox = inbox_lock().await;
    ms.expunge("support", "INBOX");
    // every request comes from alice: no per-address cap here
    let mut live = Live::new(ms, "INBOX", "[limits]\nper_address_per_day = 0\n");
    live.start();
    live.wait_log("imap mailbox open", Duration::from_secs(60))
        .await;
    let alice = ms.user("alice").0;
    let maildir: PathBuf = ms
        .dir
        .join("mail")
        .join(&ms.domain)
        .join("alice")
        .join("Maildir");
    let n: usize = std::env::var("MAILCASE_BENCH_LATENCY_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let mut lat = Vec::new();
    for i in 0..n {
        let token = crate::mailstack::unique("lat");
        let raw = message(
            &alice,
            "support@example.test",
            &token,
            &format!("Hello, my PyPI username is lat{i}. I lost my phone."),
        );
        let t0 = Instant::now();
        ms.deliver(&alice, &["support@example.test"], &raw)
            .await
            .unwrap();
        let landed = loop {
            if let Some(t) = find_in_maildir(&maildir, &token) {
                break t;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "no acknowledgement for {token}:\n{}",
                live.log()
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        };
        lat.push(landed.duration_since(t0).as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut sorted = lat.clone();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let p = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "\n== delivery → acknowledgement in the requester's Maildir, IDLE ({n} messages, one at a time)"
    );
    println!(
        "median {:.0} ms, p90 {:.0} ms, min {:.0} ms, max {:.0} ms",
        p(0.5),
        p(0.9),
        sorted[0],
        sorted[sorted.len() - 1]
    );
    println!(
        "all: {:?}",
        lat.iter().map(|v| v.round() as i64).collect::<Vec<_>>()
    );
    assert!(live.term().success());
}

/// When a message containing `token` is in the Maildir (new/ or cur/), checked by reading files.
fn find_in_maildir(dir: &std::path::Path, token: &str) -> Option<Instant> {
    for sub in ["new", "cur"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        let mut entries: Vec<_> = rd.flatten().collect();
        // newest files first: the one we wait for is among the last written
        entries.sort_by_key(|e| std::cmp::Reverse(e.metadata().and_then(|m| m.modified()).ok()));
        for e in entries.into_iter().take(50) {
            if let Ok(raw) = std::fs::read(e.path())
                && crate::mailstack::contains(&raw, token)
            {
                return Some(Instant::now());
            }
        }
    }
    None
}
