//! Server-side time of the staff UI's pages on a big database.
//!
//! ```text
//! cargo bench --bench web                                   # 100,000 cases, 500,000 messages
//! cargo bench --bench web -- --cases 20000 --messages 100000 --db /tmp/web-bench.db
//! ```
//!
//! It builds the database first (rows written directly, with realistic sizes: ~0.6 KB of
//! visible text, ~1.5 KB of segments and ~2.5 KB of raw source per message, one or two outbound
//! mails per case; the schema's triggers fill the flag index and the full-text index), then
//! times each page through the real router (`oneshot`: routing, session lookup, queries,
//! template rendering; no network), and prints median and p95 per page. An existing `--db`
//! with the requested number of cases is reused. Under `cargo test` (no `--bench` argument)
//! it runs once on a small database as a smoke test. Nothing asserts a time.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mailcase::clock::Clock;
use mailcase::config::Config;
use mailcase::store::{Store, web as db};
use sqlx::{QueryBuilder, Row, Sqlite};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tower::ServiceExt as _;

struct Args {
    cases: usize,
    messages: usize,
    db: Option<PathBuf>,
    runs: usize,
}

fn args() -> Args {
    let argv: Vec<String> = std::env::args().collect();
    let bench = argv.iter().any(|a| a == "--bench");
    let mut a = if bench {
        Args {
            cases: 100_000,
            messages: 500_000,
            db: None,
            runs: 30,
        }
    } else {
        Args {
            cases: 2_000,
            messages: 10_000,
            db: None,
            runs: 3,
        }
    };
    let mut it = argv.iter().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--cases" => a.cases = it.next().and_then(|v| v.parse().ok()).expect("--cases N"),
            "--messages" => {
                a.messages = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--messages N")
            }
            "--db" => a.db = it.next().map(PathBuf::from),
            "--runs" => a.runs = it.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            _ => {}
        }
    }
    a
}

/// splitmix64: a fixed, fast sequence (the database is the same every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// Skewed towards small values, like word frequencies.
    fn zipfish(&mut self, n: usize) -> usize {
        let x = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((x * x * x) * n as f64) as usize
    }
}

const WORDS: &str = "the and to a of i my in is it for you that have this account with on not can be \
was but me at access so lost please help if password email phone code codes recovery 2fa \
authenticator app device new old login log sign reset security key yubikey token totp backup \
pypi project package maintainer release upload github repository tag push proof ownership \
username user name address domain expired employer mailbox company university wiped broken \
stolen replaced factory android iphone google microsoft authy bitwarden lastpass keepass \
understand agree conduct time significant review thanks regards hello hi dear team support \
since last week month year ago still cannot because when after before again tried several \
times error message invalid rejected used already generated saved never found anywhere \
verify verification confirm identity signed gpg commit history maintain packages published \
twine token api scoped organisation colleague left job migrated provider forwarding alias";

fn words() -> Vec<&'static str> {
    WORDS.split_whitespace().collect()
}

fn sentence(rng: &mut Rng, w: &[&str], n: usize) -> String {
    let mut s = String::with_capacity(n * 7);
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(w[rng.zipfish(w.len())]);
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, w: &[&str], chars: usize) -> String {
    let mut s = String::new();
    while s.len() < chars {
        let n = 6 + rng.below(14) as usize;
        s.push_str(&sentence(rng, w, n));
        s.push(if rng.chance(25) { '\n' } else { ' ' });
    }
    s
}

const STATUSES: &[(&str, u64)] = &[
    ("awaiting_info", 40),
    ("ready_for_review", 15),
    ("in_review", 10),
    ("resolved", 20),
    ("rejected", 5),
    ("withdrawn", 5),
    ("closed", 5),
];
const FLAGS: &[(&str, u64)] = &[
    ("possible_duplicate", 10),
    ("testpypi", 8),
    ("different_sender", 5),
    ("secret_shared", 3),
    ("suspected_compromise", 2),
    ("bounced", 1),
    ("unauthenticated_sender", 1),
];

fn ts(base: i64, offset_s: i64) -> String {
    let t = chrono::DateTime::from_timestamp(base + offset_s, 0).expect("a time");
    mailcase::clock::timestamp(t)
}

/// Writes `cases` cases and `messages` inbound messages (plus outbound mail) directly.
async fn build(store: &Store, cases: usize, messages: usize) -> anyhow::Result<()> {
    let w = words();
    let mut rng = Rng(42);
    let refs = mailcase::thread::References::new("MC");
    let mut seen = std::collections::HashSet::new();
    let base = 1_700_000_000i64; // Nov 2023
    let span = 2 * 365 * 86_400i64;
    let mut conn = store.conn().await?;
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *conn)
        .await?;
    sqlx::query("PRAGMA synchronous = OFF")
        .execute(&mut *conn)
        .await?;
    // messages per case: 1..=9, scaled to the total asked for
    let per_case = (messages as f64 / cases as f64).max(1.0);
    let mut msg_id: i64 = 0;
    let mut out_id: i64 = 0;
    let t = Instant::now();
    let chunk = 250usize;
    let mut case_no = 0usize;
    while case_no < cases {
        let n = chunk.min(cases - case_no);
        let mut case_rows = Vec::with_capacity(n);
        let mut msg_rows = Vec::new();
        let mut raw_rows = Vec::new();
        let mut out_rows = Vec::new();
        for k in 0..n {
            let id = (case_no + k + 1) as i64;
            let mut reference = refs.generate();
            while !seen.insert(reference.clone()) {
                reference = refs.generate();
            }
            let created = rng.below(span as u64) as i64;
            let last = created + rng.below(30 * 86_400) as i64;
            let mut pick = rng.below(100);
            let mut status = STATUSES[0].0;
            for (s, p) in STATUSES {
                if pick < *p {
                    status = s;
                    break;
                }
                pick -= p;
            }
            let flags: Vec<&str> = FLAGS
                .iter()
                .filter(|(_, p)| rng.chance(*p))
                .map(|(f, _)| *f)
                .collect();
            let requester = format!(
                "person{id}@{}.example",
                w[rng.below(w.len() as u64) as usize]
            );
            let username = format!("user{id}-{}", w[rng.zipfish(w.len())]);
            let subject = format!("Locked out: {}", sentence(&mut rng, &w, 5));
            let nmsg = {
                let jitter = rng.below(9) as f64 - 4.0;
                (per_case + jitter).round().clamp(1.0, 12.0) as i64
            };
            let missing: Vec<&str> = [
                "reason",
                "email_access",
                "code_of_conduct",
                "acknowledgement",
            ]
            .into_iter()
            .filter(|_| status == "awaiting_info" && rng.chance(50))
            .collect();
            let fields = serde_json::json!({
                "username": username, "reason": sentence(&mut rng, &w, 12),
                "email_access": !missing.contains(&"email_access"), "password_access": null,
                "ownership_proof": if rng.chance(40) { Some(sentence(&mut rng, &w, 10)) } else { None },
                "recovery_codes": "lost",
                "code_of_conduct": if missing.contains(&"code_of_conduct") { None } else { Some(true) },
                "acknowledgement": if missing.contains(&"acknowledgement") { None } else { Some(true) },
            });
            let sources = serde_json::json!({
                "username": {"message_id": format!("<m{id}-0@bench.example>"), "excerpt": format!("my username is {username}")},
                "reason": {"message_id": format!("<m{id}-0@bench.example>"), "excerpt": sentence(&mut rng, &w, 12)},
            });
            let mut seq = 0i64;
            for j in 0..nmsg {
                msg_id += 1;
                let len = 300 + rng.below(700) as usize;
                let visible = paragraph(&mut rng, &w, len);
                let len = 400 + rng.below(800) as usize;
                let quoted = paragraph(&mut rng, &w, len);
                let quoted = quoted
                    .lines()
                    .map(|l| format!("> {l}\n"))
                    .collect::<String>();
                let segments = serde_json::json!({"segments": [
                    {"kind": "new", "text": visible},
                    {"kind": "quote", "text": format!("On Mon, Support wrote:\n{quoted}")},
                    {"kind": "signature", "text": "-- \nSent from my phone\n"},
                ]})
                .to_string();
                let mid = format!("m{id}-{j}@bench.example");
                let date = ts(base, created + j * 3_600);
                let subj = if j == 0 {
                    subject.clone()
                } else {
                    format!("Re: [{reference}] {subject}")
                };
                let raw = format!(
                    "Return-Path: <{requester}>\r\nReceived: from mail.example by mx.example with ESMTPS id {mid}; {date}\r\n\
                     From: Person {id} <{requester}>\r\nTo: support@mailcase.localhost\r\nSubject: {subj}\r\n\
                     Message-ID: <{mid}>\r\nDate: {date}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
                     Content-Transfer-Encoding: 8bit\r\nUser-Agent: Bench/1.0\r\n\r\n{visible}\r\n\r\nOn Mon, Support wrote:\r\n{quoted}\r\n-- \r\nSent from my phone\r\n"
                );
                msg_rows.push((
                    msg_id,
                    mid,
                    raw.len() as i64,
                    date,
                    id,
                    seq,
                    if j == 0 { "request" } else { "follow_up" },
                    requester.clone(),
                    subj,
                    visible,
                    segments,
                ));
                raw_rows.push((msg_id, raw.into_bytes()));
                seq += 1;
                if j == 0 || (j == 1 && rng.chance(50)) {
                    out_id += 1;
                    let body = format!(
                        "Hello,\n\nwe have received your account recovery request. Its reference is {reference}.\n\n{}\n",
                        paragraph(&mut rng, &w, 600)
                    );
                    out_rows.push((
                        out_id,
                        id,
                        seq,
                        if j == 0 {
                            "acknowledgement"
                        } else {
                            "missing_info"
                        },
                        msg_id,
                        format!("o{out_id}.{reference}@mailcase.localhost"),
                        requester.clone(),
                        format!("[{reference}] {subject}"),
                        body.clone(),
                        body.into_bytes(),
                        ts(base, created + j * 3_600 + 60),
                    ));
                    seq += 1;
                }
            }
            case_rows.push((
                id,
                reference,
                status,
                requester,
                subject,
                username.to_lowercase(),
                fields.to_string(),
                sources.to_string(),
                serde_json::to_string(&flags)?,
                serde_json::to_string(&missing)?,
                seq,
                nmsg,
                ts(base, created),
                ts(base, last),
            ));
        }
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        // messages before their cases: the case insert builds each search document once
        for part in msg_rows.chunks(300) {
            let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO messages (id, dedup_key, message_id, sha256, size, source, received_at, state, case_id, seq, kind, \
                 kind_reason, from_addr, to_addrs, subject, date, visible_text, segments, extraction, flags, problems, auth, attachments, report) ",
            );
            qb.push_values(part, |mut b, m| {
                b.push_bind(m.0)
                    .push_bind(m.1.clone())
                    .push_bind(m.1.clone())
                    .push_bind(format!("{:064x}", m.0))
                    .push_bind(m.2)
                    .push_bind("bench")
                    .push_bind(m.3.clone())
                    .push_bind("processed")
                    .push_bind(m.4)
                    .push_bind(m.5)
                    .push_bind(m.6)
                    .push_bind("a person's message")
                    .push_bind(m.7.clone())
                    .push_bind("support@mailcase.localhost")
                    .push_bind(m.8.clone())
                    .push_bind(m.3.clone())
                    .push_bind(m.9.clone())
                    .push_bind(m.10.clone())
                    .push_bind("{}")
                    .push_bind("[]")
                    .push_bind("[]")
                    .push_bind("{}")
                    .push_bind("[]")
                    .push_bind("{}");
            });
            qb.build().persistent(false).execute(&mut *tx).await?;
        }
        for part in raw_rows.chunks(300) {
            let mut qb: QueryBuilder<Sqlite> =
                QueryBuilder::new("INSERT INTO message_raw (message_id, raw) ");
            qb.push_values(part, |mut b, r| {
                b.push_bind(r.0).push_bind(r.1.clone());
            });
            qb.build().persistent(false).execute(&mut *tx).await?;
        }
        for part in case_rows.chunks(200) {
            let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO cases (id, reference, status, requester, requester_key, subject, subject_key, username_key, \
                 fields, field_sources, flags, missing, next_seq, message_count, created_at, last_activity) ",
            );
            qb.push_values(part, |mut b, c| {
                b.push_bind(c.0)
                    .push_bind(c.1.clone())
                    .push_bind(c.2)
                    .push_bind(c.3.clone())
                    .push_bind(c.3.clone())
                    .push_bind(c.4.clone())
                    .push_bind(c.4.to_lowercase())
                    .push_bind(c.5.clone())
                    .push_bind(c.6.clone())
                    .push_bind(c.7.clone())
                    .push_bind(c.8.clone())
                    .push_bind(c.9.clone())
                    .push_bind(c.10)
                    .push_bind(c.11)
                    .push_bind(c.12.clone())
                    .push_bind(c.13.clone());
            });
            qb.build().persistent(false).execute(&mut *tx).await?;
        }
        for part in out_rows.chunks(300) {
            let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO outbox (id, case_id, seq, kind, trigger_id, message_id, from_addr, to_addr, subject, body, raw, \
                 asked, status, attempts, created_at, sent_at) ",
            );
            qb.push_values(part, |mut b, o| {
                b.push_bind(o.0)
                    .push_bind(o.1)
                    .push_bind(o.2)
                    .push_bind(o.3)
                    .push_bind(o.4)
                    .push_bind(o.5.clone())
                    .push_bind("support@mailcase.localhost")
                    .push_bind(o.6.clone())
                    .push_bind(o.7.clone())
                    .push_bind(o.8.clone())
                    .push_bind(o.9.clone())
                    .push_bind("[]")
                    .push_bind("sent")
                    .push_bind(1)
                    .push_bind(o.10.clone())
                    .push_bind(o.10.clone());
            });
            qb.build().persistent(false).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        case_no += n;
        if case_no.is_multiple_of(10_000) || case_no == cases {
            eprintln!(
                "  {case_no} cases, {msg_id} messages written ({:.0} s)",
                t.elapsed().as_secs_f64()
            );
        }
    }
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn median_p95(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let med = ms(v[v.len() / 2]);
    let p95 = ms(v[((v.len() as f64 * 0.95).ceil() as usize).clamp(1, v.len()) - 1]);
    (med, p95)
}

fn main() -> anyhow::Result<()> {
    let a = args();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(run(a))
}

async fn run(a: Args) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let path = a.db.clone().unwrap_or_else(|| tmp.path().join("bench.db"));
    let store = Store::open(&path).await?;
    let existing = {
        let mut conn = store.conn().await?;
        mailcase::store::cases::count(&mut conn).await?
    };
    if existing as usize != a.cases {
        if existing != 0 {
            anyhow::bail!(
                "{} holds {existing} cases, not {}: give a new --db",
                path.display(),
                a.cases
            );
        }
        eprintln!(
            "building {} with {} cases and about {} messages",
            path.display(),
            a.cases,
            a.messages
        );
        let t = Instant::now();
        build(&store, a.cases, a.messages).await?;
        eprintln!("built in {:.1} s", t.elapsed().as_secs_f64());
    }
    let (cases, messages, size) = {
        let mut conn = store.conn().await?;
        let c: i64 = sqlx::query("SELECT COUNT(*) FROM cases")
            .fetch_one(&mut *conn)
            .await?
            .get(0);
        let m: i64 = sqlx::query("SELECT COUNT(*) FROM messages")
            .fetch_one(&mut *conn)
            .await?
            .get(0);
        (c, m, std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0))
    };

    let mut cfg = Config {
        database: path.clone(),
        ..Config::default()
    };
    cfg.validate()?;
    let clock = Clock::System;
    let state = mailcase::web::AppState::new(&cfg, store.clone(), clock).await?;
    // a staff session, as after a login
    let token = "bench-session-token";
    {
        let mut conn = store.conn().await?;
        let now = clock.now_str();
        let staff = match db::staff_by_name(&mut conn, "bench").await? {
            Some(s) => s.id,
            None => db::staff_insert(&mut conn, "bench", "x", &now)
                .await?
                .expect("new"),
        };
        use sha2::Digest as _;
        let hash: String = sha2::Sha256::digest(token.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .execute(&mut *conn)
            .await?;
        db::session_insert(
            &mut conn,
            &db::NewSession {
                token_hash: &hash,
                staff_id: staff,
                csrf: "x",
                now: &now,
                expires_at: "9999-12-31T00:00:00Z",
                client: "bench",
            },
        )
        .await?;
    }
    // what the pages ask for
    let (deep, big_case, username) = {
        let mut conn = store.conn().await?;
        let deep_at = (cases as f64 * 0.9) as i64;
        let r = sqlx::query(
            "SELECT last_activity, id FROM cases ORDER BY last_activity DESC, id DESC LIMIT 1 OFFSET $1",
        )
        .bind(deep_at)
        .fetch_one(&mut *conn)
        .await?;
        let deep = format!("{}~{}", r.get::<String, _>(0), r.get::<i64, _>(1));
        let r = sqlx::query(
            "SELECT reference, username_key FROM cases ORDER BY message_count DESC, id LIMIT 1",
        )
        .fetch_one(&mut *conn)
        .await?;
        (deep, r.get::<String, _>(0), r.get::<String, _>(1))
    };
    let enc = mailcase::web::render::url_encode;
    let pages: Vec<(&str, String)> = vec![
        ("list, first page", "/cases".into()),
        ("list, status filter", "/cases?status=in_review".into()),
        (
            "list, flag filter",
            "/cases?flag=suspected_compromise".into(),
        ),
        (
            "list, status + flag",
            "/cases?status=awaiting_info&flag=possible_duplicate".into(),
        ),
        ("list, waiting longest", "/cases?sort=waiting".into()),
        (
            "list, deep page (90%)",
            format!("/cases?after={}", enc(&deep)),
        ),
        ("search, common word", "/cases?q=authenticator".into()),
        ("search, two words", "/cases?q=yubikey%20stolen".into()),
        (
            "search + status filter",
            "/cases?q=authenticator&status=rejected".into(),
        ),
        (
            "search + rare flag (1%)",
            "/cases?q=authenticator&flag=bounced".into(),
        ),
        (
            "search, one username",
            format!("/cases?q={}", enc(&username)),
        ),
        ("case page (largest case)", format!("/cases/{big_case}")),
        ("outbox", "/outbox".into()),
        ("mail in no case", "/mail".into()),
    ];
    let app = mailcase::web::router(state);
    println!(
        "web bench: {cases} cases, {messages} messages, database {:.0} MB; {} runs per page (server time: routing, session, queries, rendering)",
        size as f64 / 1e6,
        a.runs
    );
    println!(
        "{:<28} {:>10} {:>10} {:>10}",
        "page", "median ms", "p95 ms", "bytes"
    );
    for (name, path) in &pages {
        let mut times = Vec::new();
        let mut bytes = 0;
        for i in 0..a.runs + 2 {
            let req = Request::builder()
                .uri(path.as_str())
                .header(header::COOKIE, format!("mc_session={token}"))
                .header(header::HOST, "127.0.0.1:8025")
                .body(Body::empty())?;
            let t = Instant::now();
            let res = app.clone().oneshot(req).await?;
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), 64 << 20).await?;
            let el = t.elapsed();
            if status != StatusCode::OK {
                anyhow::bail!("{path}: {status}");
            }
            bytes = body.len();
            if i >= 2 {
                times.push(el);
            }
        }
        let (med, p95) = median_p95(times);
        println!("{name:<28} {med:>10.2} {p95:>10.2} {bytes:>10}");
    }
    store.close().await;
    Ok(())
}
