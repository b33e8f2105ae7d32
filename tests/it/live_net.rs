//! Live tests of `net::{tls, imap, smtp}` against the real Dovecot + Postfix of `mailstack`.
//!
//! Each test skips (prints `SKIPPED ...`) without a stack. Timings are printed, never asserted.
//! The two `#[ignore]` tests are measurements: run them with
//! `cargo test --test it live_net -- --ignored --nocapture`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mailcase::net::Security;
use mailcase::net::imap::{Auth, IdleOutcome, ImapError, ImapSession, MessageSize};
use mailcase::net::smtp::{SendErrorKind, SmtpSender};
use tokio_util::sync::CancellationToken;

use crate::mailstack::{Mailstack, SmtpPort, contains, message, unique};

macro_rules! stack {
    ($name:literal) => {
        match Mailstack::for_test($name) {
            Some(s) => s,
            None => return,
        }
    };
}

/// A CA unrelated to the stack's, made with the openssl CLI.
pub(crate) fn other_ca(dir: &Path) -> PathBuf {
    let ca = dir.join("other-ca.pem");
    let out = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ])
        .arg("-keyout")
        .arg(dir.join("other-ca.key"))
        .arg("-out")
        .arg(&ca)
        .args([
            "-days",
            "2",
            "-subj",
            "/CN=unrelated test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
        ])
        .output()
        .expect("run openssl");
    assert!(
        out.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    ca
}

fn one_line(e: &impl std::fmt::Display) -> String {
    let s = e.to_string();
    assert!(!s.contains('\n'), "error spans lines: {s:?}");
    s
}

/// Messages with the awkward parts real mail has: dot lines, 8-bit text, long lines, no body.
fn varied_messages(n: usize, tag: &str) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| {
            let token = unique(tag);
            let body = match i % 5 {
                0 => "plain line\n.leading dot\n..two dots\n.\nend".to_owned(),
                1 => "Grüße, ça va? — ✓ 日本語".to_owned(),
                2 => "x".repeat(5000),
                3 => String::new(),
                _ => format!("line {i}\n").repeat(200),
            };
            message(
                "customer@elsewhere.invalid",
                "alice@example.test",
                &token,
                &body,
            )
        })
        .collect()
}

// ------------------------------------------------------------------------------------ IMAP

#[tokio::test]
async fn imaps_login_and_select_report_uidvalidity_uidnext_and_count() {
    let ms = stack!("imaps_login_and_select_report_uidvalidity_uidnext_and_count");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("alice", "select");
    ms.seed_maildir("alice", &folder, &varied_messages(2, "sel"))
        .unwrap();

    let mut s = ImapSession::connect(&ms.imap_config("alice", Security::Tls))
        .await
        .unwrap();
    assert!(s.is_encrypted());
    let caps = s.capabilities();
    assert!(caps.idle() && caps.move_() && caps.uidplus(), "{caps:?}");
    let st = s.select(&folder).await.unwrap();
    assert!(st.uid_validity > 0);
    assert_eq!((st.exists, st.uid_next), (2, 3));
    s.logout().await.unwrap();
    ms.delete_folder("alice", &folder);
}

#[tokio::test]
async fn starttls_on_the_imap_port_encrypts_before_login() {
    let ms = stack!("starttls_on_the_imap_port_encrypts_before_login");
    let _g = ms.shared().await;
    let mut s = ImapSession::connect(&ms.imap_config("alice", Security::StartTls))
        .await
        .unwrap();
    assert!(s.is_encrypted());
    assert!(s.select("INBOX").await.unwrap().uid_validity > 0);
    s.logout().await.unwrap();
}

#[tokio::test]
async fn plaintext_imap_is_allowed_to_loopback_and_sasl_plain_logs_in() {
    let ms = stack!("plaintext_imap_is_allowed_to_loopback_and_sasl_plain_logs_in");
    let _g = ms.shared().await;
    let mut cfg = ms.imap_config("bob", Security::Plain);
    let mut s = ImapSession::connect(&cfg).await.unwrap();
    assert!(!s.is_encrypted());
    s.select("INBOX").await.unwrap();
    s.logout().await.unwrap();

    cfg.security = Security::Tls;
    cfg.port = ms.imaps_port;
    cfg.auth = Auth::SaslPlain(ms.user("bob").1);
    let mut s = ImapSession::connect(&cfg).await.unwrap();
    s.select("INBOX").await.unwrap();
    s.logout().await.unwrap();
}

#[tokio::test]
async fn xoauth2_is_refused_as_permanent_when_the_server_does_not_offer_it() {
    let ms = stack!("xoauth2_is_refused_as_permanent_when_the_server_does_not_offer_it");
    let _g = ms.shared().await;
    let mut cfg = ms.imap_config("alice", Security::Tls);
    cfg.auth = Auth::XOAuth2 {
        token: "ya29.not-a-real-token".into(),
    };
    let e = ImapSession::connect(&cfg).await.unwrap_err();
    let s = one_line(&e);
    assert!(
        matches!(e, ImapError::Auth { .. }) && e.is_permanent() && !e.needs_reconnect(),
        "{s}"
    );
    assert!(s.contains("AUTH=XOAUTH2") && !s.contains("ya29"), "{s}");
}

#[tokio::test]
async fn fetch_after_returns_exactly_the_seeded_bytes_in_uid_order_without_duplicates_across_batches()
 {
    let ms = stack!(
        "fetch_after_returns_exactly_the_seeded_bytes_in_uid_order_without_duplicates_across_batches"
    );
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("alice", "fetch");
    let mut expected = varied_messages(23, "fetch");
    ms.seed_maildir("alice", &folder, &expected).unwrap();

    let mut s = ms.imap("alice").await;
    // SELECT first: Dovecot gives the seeded files their UIDs when it next syncs the folder, and
    // an APPEND before that would take the lower UIDs.
    assert_eq!(s.select(&folder).await.unwrap().exists, 23);
    // Two more through APPEND, after the seeded ones.
    for extra in varied_messages(2, "append") {
        s.append(&folder, &extra, &[]).await.unwrap();
        expected.push(extra);
    }
    let st = s.select(&folder).await.unwrap();
    assert_eq!(st.exists, 25);

    let mut got = Vec::new();
    let mut last = 0;
    let mut batches = 0;
    loop {
        let batch = s.fetch_after(last, 7).await.unwrap();
        if batch.is_empty() {
            break;
        }
        assert!(batch.len() <= 7);
        batches += 1;
        for f in &batch {
            assert!(f.uid > last, "uid {} not above {last}", f.uid);
            last = f.uid;
        }
        got.extend(batch);
    }
    assert_eq!(batches, 4);
    assert_eq!(got.len(), expected.len());
    for (i, (f, want)) in got.iter().zip(&expected).enumerate() {
        assert!(
            f.raw == *want,
            "message {i} (uid {}) differs from what was seeded",
            f.uid
        );
        assert_eq!(f.size as usize, want.len());
    }
    // Gotcha 3: `UID FETCH n:*` above the highest UID still returns the highest message.
    assert!(s.fetch_after(last, 7).await.unwrap().is_empty());
    assert!(s.fetch_after(last + 1000, 7).await.unwrap().is_empty());
    s.logout().await.unwrap();
    ms.delete_folder("alice", &folder);
}

#[tokio::test]
async fn fetch_after_crosses_uid_gaps_larger_than_a_batch() {
    let ms = stack!("fetch_after_crosses_uid_gaps_larger_than_a_batch");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("alice", "gaps");
    let msgs = varied_messages(30, "gap");
    ms.seed_maildir("alice", &folder, &msgs).unwrap();
    let mut s = ms.imap("alice").await;
    assert_eq!(s.select(&folder).await.unwrap().exists, 30);
    ms.expunge_uids("alice", &folder, "4:20");
    ms.expunge_uids("alice", &folder, "30");
    s.noop().await.unwrap();
    let (mut last, mut uids) = (0, Vec::new());
    loop {
        let batch = s.fetch_after(last, 5).await.unwrap();
        let Some(l) = batch.last() else { break };
        last = l.uid;
        for f in batch {
            assert!(
                f.raw == msgs[f.uid as usize - 1],
                "uid {} has the wrong bytes",
                f.uid
            );
            uids.push(f.uid);
        }
    }
    let want: Vec<u32> = (1..=3).chain(21..=29).collect();
    assert_eq!(uids, want);
    s.logout().await.unwrap();
    ms.delete_folder("alice", &folder);
}

#[tokio::test]
async fn sizes_come_first_so_an_oversized_message_is_read_as_header_or_in_chunks() {
    let ms = stack!("sizes_come_first_so_an_oversized_message_is_read_as_header_or_in_chunks");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("alice", "sizes");
    let mut msgs = varied_messages(3, "small");
    let big_body = "0123456789abcdef".repeat(128 * 1024); // 2 MiB
    msgs.insert(
        1,
        message(
            "customer@elsewhere.invalid",
            "alice@example.test",
            &unique("big"),
            &big_body,
        ),
    );
    ms.seed_maildir("alice", &folder, &msgs).unwrap();

    let mut s = ms.imap("alice").await;
    s.select(&folder).await.unwrap();
    let sizes = s.fetch_sizes_after(0, 100).await.unwrap();
    assert_eq!(
        sizes.iter().map(|m| m.size as usize).collect::<Vec<_>>(),
        msgs.iter().map(Vec::len).collect::<Vec<_>>()
    );
    let limit = 1024 * 1024;
    let (small, big): (Vec<&MessageSize>, Vec<&MessageSize>) =
        sizes.iter().partition(|m| (m.size as usize) <= limit);
    let bodies = s
        .fetch_uids(&small.iter().map(|m| m.uid).collect::<Vec<_>>())
        .await
        .unwrap();
    assert_eq!(bodies.len(), 3);
    let big_uid = big[0].uid;
    let heads = s.fetch_headers(&[big_uid]).await.unwrap();
    let header_end = msgs[1].windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert!(
        heads[0].raw == msgs[1][..header_end],
        "header fetch returned more or less than the header"
    );
    assert_eq!(heads[0].size as usize, msgs[1].len());
    // Copy the big one piece by piece, as a raw-only store would.
    let mut copy = Vec::new();
    loop {
        let chunk = s
            .fetch_chunk(big_uid, copy.len() as u64, 256 * 1024)
            .await
            .unwrap()
            .unwrap_or_default();
        if chunk.is_empty() {
            break;
        }
        copy.extend_from_slice(&chunk);
    }
    assert!(copy == msgs[1], "chunked copy differs");
    s.logout().await.unwrap();
    ms.delete_folder("alice", &folder);
}

#[tokio::test]
async fn a_message_delivered_over_smtp_wakes_idle() {
    let ms = stack!("a_message_delivered_over_smtp_wakes_idle");
    let _g = ms.shared().await;
    let token = unique("idle");
    let mut s = ms.imap("bob").await;
    let st = s.select("INBOX").await.unwrap();
    let mut last = st.uid_next.saturating_sub(1);
    let cancel = CancellationToken::new();
    let raw = message(
        "support@example.test",
        "bob@example.test",
        &token,
        "wake up",
    );

    let watcher = async {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut wakes = 0;
        loop {
            assert!(
                Instant::now() < deadline,
                "no IDLE wake-up with our message within 20 s"
            );
            match s.idle(Duration::from_secs(20), &cancel).await.unwrap() {
                IdleOutcome::NewData => {
                    let woke = Instant::now();
                    wakes += 1;
                    let batch = s.fetch_after(last, 100).await.unwrap();
                    if let Some(l) = batch.last() {
                        last = l.uid;
                    }
                    if batch.iter().any(|f| contains(&f.raw, &token)) {
                        return (woke, wakes);
                    }
                }
                other => panic!("idle ended with {other:?} before the message came"),
            }
        }
    };
    let sender = async {
        tokio::time::sleep(Duration::from_millis(300)).await; // let IDLE start
        let sent_at = Instant::now();
        ms.deliver("support@example.test", &["bob@example.test"], &raw)
            .await
            .unwrap();
        sent_at
    };
    let ((woke, wakes), sent_at) = tokio::join!(watcher, sender);
    println!(
        "IDLE latency: {:.0} ms from SMTP submission start to IDLE wake-up ({wakes} wake-up(s); Dovecot adds 0.5 s)",
        woke.duration_since(sent_at).as_secs_f64() * 1000.0
    );
    s.logout().await.unwrap();
}

#[tokio::test]
async fn idle_times_out_when_quiet_and_stops_on_cancel_leaving_the_session_usable() {
    let ms = stack!("idle_times_out_when_quiet_and_stops_on_cancel_leaving_the_session_usable");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("alice", "quiet");
    let mut s = ms.imap("alice").await;
    s.select(&folder).await.unwrap();
    let cancel = CancellationToken::new();
    assert_eq!(
        s.idle(Duration::from_millis(300), &cancel).await.unwrap(),
        IdleOutcome::Timeout
    );

    let c2 = cancel.clone();
    let canceller = async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        c2.cancel();
    };
    let (outcome, ()) = tokio::join!(s.idle(Duration::from_secs(30), &cancel), canceller);
    assert_eq!(outcome.unwrap(), IdleOutcome::Cancelled);
    s.noop().await.unwrap();

    // An APPEND from elsewhere while not idling is reported by the next idle at once.
    let mut other = ms.imap("alice").await;
    other
        .append(&folder, &varied_messages(1, "quiet")[0], &[])
        .await
        .unwrap();
    s.noop().await.unwrap();
    let t = Instant::now();
    assert_eq!(
        s.idle(Duration::from_secs(10), &CancellationToken::new())
            .await
            .unwrap(),
        IdleOutcome::NewData
    );
    assert!(t.elapsed() < Duration::from_secs(5));
    s.logout().await.unwrap();
    other.logout().await.unwrap();
    ms.delete_folder("alice", &folder);
}

#[tokio::test]
async fn a_certificate_from_another_ca_is_refused_with_a_one_line_error() {
    let ms = stack!("a_certificate_from_another_ca_is_refused_with_a_one_line_error");
    let _g = ms.shared().await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = ms.imap_config("alice", Security::Tls);
    cfg.ca_file = Some(other_ca(dir.path()));
    let e = ImapSession::connect(&cfg).await.unwrap_err();
    let s = one_line(&e);
    println!("wrong CA: {s}");
    assert!(
        s.starts_with(&format!(
            "certificate for {}:{} not trusted",
            ms.host, ms.imaps_port
        )),
        "{s}"
    );
    assert!(s.contains("set tls_ca_file"), "{s}");
    assert!(e.is_permanent() && !e.needs_reconnect());

    cfg.ca_file = None; // the web roots do not know a private CA either
    let s = one_line(&ImapSession::connect(&cfg).await.unwrap_err());
    assert!(
        s.contains("not trusted") && s.contains("built-in web roots"),
        "{s}"
    );
}

#[tokio::test]
async fn the_tls_name_wrong_example_test_is_refused_on_imaps_and_starttls() {
    let ms = stack!("the_tls_name_wrong_example_test_is_refused_on_imaps_and_starttls");
    let _g = ms.shared().await;
    for security in [Security::Tls, Security::StartTls] {
        let mut cfg = ms.imap_config("alice", security);
        cfg.tls_name = Some("wrong.example.test".into());
        let e = ImapSession::connect(&cfg).await.unwrap_err();
        let s = one_line(&e);
        println!("wrong name ({security}): {s}");
        assert!(
            s.contains("not valid for name wrong.example.test") && s.contains("localhost"),
            "{s}"
        );
        assert!(e.is_permanent());
    }
}

#[tokio::test]
async fn a_bad_password_is_a_permanent_auth_error() {
    let ms = stack!("a_bad_password_is_a_permanent_auth_error");
    let _g = ms.shared().await;
    for auth in [
        Auth::Password("wrong-secret".into()),
        Auth::SaslPlain("wrong-secret".into()),
    ] {
        let mut cfg = ms.imap_config("alice", Security::Tls);
        cfg.auth = auth;
        let e = ImapSession::connect(&cfg).await.unwrap_err();
        let s = one_line(&e);
        println!("bad password: {s}");
        assert!(matches!(e, ImapError::Auth { .. }), "{s}");
        assert!(e.is_permanent() && !e.needs_reconnect() && !e.is_transient());
        assert!(
            s.contains("AUTHENTICATIONFAILED") && !s.contains("wrong-secret"),
            "{s}"
        );
    }
}

#[tokio::test]
async fn plaintext_to_a_non_loopback_host_is_refused_by_config() {
    // Needs no servers: refused before any connection is tried.
    let mut cfg = mailcase::net::imap::ImapConfig::new(
        "imap.example.test",
        143,
        "a",
        Auth::Password("p".into()),
    );
    cfg.security = Security::Plain;
    let e = ImapSession::connect(&cfg).await.unwrap_err();
    assert!(matches!(e, ImapError::Config(_)) && e.is_permanent(), "{e}");
    assert!(one_line(&e).contains("only allowed to a loopback host"));

    let mut smtp = mailcase::net::smtp::SmtpConfig::new("smtp.example.test", 25, Security::Plain);
    smtp.credentials = Some(("a".into(), "p".into()));
    let e = SmtpSender::new(&smtp).unwrap_err();
    assert!(e.is_setup() && one_line(&e).contains("loopback"), "{e}");
}

#[tokio::test]
async fn mark_seen_and_move_to_work_with_move_and_with_the_copy_expunge_fallback() {
    let ms = stack!("mark_seen_and_move_to_work_with_move_and_with_the_copy_expunge_fallback");
    let _g = ms.shared().await;
    let src = ms.fresh_folder("alice", "src");
    let done = ms.fresh_folder("alice", "done");
    let msgs = varied_messages(6, "mv");
    // Seeded files carry :2,S (seen); APPEND without flags gives unseen messages.
    let mut s = ms.imap("alice").await;
    for m in &msgs {
        s.append(&src, m, &[]).await.unwrap();
    }
    s.select(&src).await.unwrap();
    s.mark_seen(&[1, 2]).await.unwrap();
    let flags = ms.flags("alice", &src);
    let seen: Vec<u32> = flags
        .iter()
        .filter(|(_, f)| f.contains("\\Seen"))
        .map(|(u, _)| *u)
        .collect();
    assert_eq!(seen, vec![1, 2], "{flags:?}");

    s.move_to(&[1, 3], &done).await.unwrap(); // UID MOVE
    s.forget_capability("MOVE");
    s.move_to(&[4, 5], &done).await.unwrap(); // UID COPY + \Deleted + UID EXPUNGE
    assert_eq!(ms.count("alice", &src), 2);
    assert_eq!(ms.count("alice", &done), 4);
    let left: Vec<u32> = ms.flags("alice", &src).iter().map(|(u, _)| *u).collect();
    assert_eq!(left, vec![2, 6]);
    let st = s.select(&done).await.unwrap();
    let moved = s.fetch_after(0, 10).await.unwrap();
    assert_eq!(st.exists, 4);
    for (f, want) in moved.iter().zip([&msgs[0], &msgs[2], &msgs[3], &msgs[4]]) {
        assert!(f.raw == *want);
    }
    assert!(
        !ms.flags("alice", &done)
            .iter()
            .any(|(_, f)| f.contains("\\Deleted"))
    );
    s.logout().await.unwrap();
    ms.delete_folder("alice", &src);
    ms.delete_folder("alice", &done);
}

#[tokio::test]
async fn append_stores_a_sent_copy_byte_for_byte_with_its_flags() {
    let ms = stack!("append_stores_a_sent_copy_byte_for_byte_with_its_flags");
    let _g = ms.shared().await;
    let sent = ms.fresh_folder("support", "sent");
    let raw = message(
        "support@example.test",
        "customer@elsewhere.invalid",
        &unique("sent"),
        "Your case MC-1.\n.\n",
    );
    let mut s = ms.imap("support").await;
    s.append(&sent, &raw, &["\\Seen"]).await.unwrap();
    s.select(&sent).await.unwrap();
    let got = s.fetch_after(0, 10).await.unwrap();
    assert_eq!(got.len(), 1);
    assert!(got[0].raw == raw);
    assert!(ms.flags("support", &sent)[0].1.contains("\\Seen"));
    s.logout().await.unwrap();
    ms.delete_folder("support", &sent);
}

#[tokio::test]
async fn an_imap_session_survives_a_dovecot_restart_only_by_reconnecting() {
    let ms = stack!("an_imap_session_survives_a_dovecot_restart_only_by_reconnecting");
    let _g = ms.exclusive().await;
    let cfg = ms.imap_config("alice", Security::Tls);
    let mut s = ImapSession::connect(&cfg).await.unwrap();
    let before = s.select("INBOX").await.unwrap();
    let down = ms.stop_dovecot().await;
    let e = s.noop().await.unwrap_err();
    println!("after dovecot stop: {e}");
    assert!(e.needs_reconnect() && e.is_transient(), "{e}");
    let e = ImapSession::connect(&cfg).await.unwrap_err();
    println!("connect while down: {e}");
    assert!(e.needs_reconnect() && e.is_transient(), "{e}");
    down.restart();
    // The old session stays unusable (poisoned) even once the server is back: reconnect.
    let e = s.select("INBOX").await.unwrap_err();
    assert!(e.needs_reconnect(), "{e}");
    let e = ImapSession::connect(&cfg).await;
    let mut s2 = e.unwrap();
    let after = s2.select("INBOX").await.unwrap();
    assert_eq!(after.uid_validity, before.uid_validity);
    s2.logout().await.unwrap();
}

// ------------------------------------------------------------------------------------ SMTP

async fn send_and_find(ms: &Mailstack, port: SmtpPort, login: Option<&str>, from: &str) {
    let token = unique("smtp");
    let raw = message(
        from,
        "alice@example.test",
        &token,
        "Hello.\n.\n..dots\nGrüße ✓\n",
    );
    let sender = SmtpSender::new(&ms.smtp_config(port, login)).unwrap();
    let sent = sender
        .send(from, &["alice@example.test".to_owned()], &raw)
        .await
        .unwrap();
    assert!(sent.response.starts_with("250"), "{}", sent.response);
    let got = ms
        .wait_for(
            "alice",
            "INBOX",
            |r| contains(r, &token),
            Duration::from_secs(15),
        )
        .await
        .expect("delivered into alice's INBOX");
    // Postfix and LMTP prepend Return-Path, Delivered-To and Received; the rest is ours, unchanged.
    // (An extra final CRLF, which lettre adds unless stripped, would also fail this.)
    assert!(
        got.raw.ends_with(&raw),
        "delivered bytes differ from the bytes sent"
    );
    sender.close().await;
}

#[tokio::test]
async fn smtp_plain_on_the_relay_port_delivers_unchanged_bytes_into_alices_inbox() {
    let ms = stack!("smtp_plain_on_the_relay_port_delivers_unchanged_bytes_into_alices_inbox");
    let _g = ms.shared().await;
    send_and_find(ms, SmtpPort::Plain, None, "support@example.test").await;
}

#[tokio::test]
async fn smtp_submission_with_starttls_and_auth_delivers_into_alices_inbox() {
    let ms = stack!("smtp_submission_with_starttls_and_auth_delivers_into_alices_inbox");
    let _g = ms.shared().await;
    send_and_find(
        ms,
        SmtpPort::Submission,
        Some("support"),
        "support@example.test",
    )
    .await;
}

#[tokio::test]
async fn smtps_with_implicit_tls_and_auth_delivers_into_alices_inbox() {
    let ms = stack!("smtps_with_implicit_tls_and_auth_delivers_into_alices_inbox");
    let _g = ms.shared().await;
    send_and_find(ms, SmtpPort::Smtps, Some("support"), "support@example.test").await;
}

#[tokio::test]
async fn an_auto_reply_goes_out_with_the_null_envelope_sender() {
    let ms = stack!("an_auto_reply_goes_out_with_the_null_envelope_sender");
    let _g = ms.shared().await;
    let token = unique("null");
    let raw = message(
        "support@example.test",
        "alice@example.test",
        &token,
        "We received your request.",
    );
    let sender = SmtpSender::new(&ms.smtp_config(SmtpPort::Plain, None)).unwrap();
    sender
        .send("", &["alice@example.test".into()], &raw)
        .await
        .unwrap();
    let got = ms
        .wait_for(
            "alice",
            "INBOX",
            |r| contains(r, &token),
            Duration::from_secs(15),
        )
        .await
        .expect("delivered");
    assert!(
        got.raw.starts_with(b"Return-Path: <>\r\n"),
        "{:?}",
        String::from_utf8_lossy(&got.raw[..40])
    );
    assert!(got.raw.ends_with(&raw));
}

#[tokio::test]
async fn an_unknown_local_recipient_is_a_permanent_error_with_the_servers_text() {
    let ms = stack!("an_unknown_local_recipient_is_a_permanent_error_with_the_servers_text");
    let _g = ms.shared().await;
    let sender = SmtpSender::new(&ms.smtp_config(SmtpPort::Plain, None)).unwrap();
    let raw = message(
        "support@example.test",
        "nobody@example.test",
        &unique("nobody"),
        "hi",
    );
    let e = sender
        .send(
            "support@example.test",
            &["nobody@example.test".into()],
            &raw,
        )
        .await
        .unwrap_err();
    let s = one_line(&e);
    println!("unknown recipient: {s}");
    assert!(e.is_permanent() && !e.is_transient() && e.kind() == SendErrorKind::Permanent);
    assert_eq!(e.code(), Some(550));
    let resp = e.response().expect("server text");
    assert!(
        resp.starts_with("550") && resp.contains("nobody@example.test"),
        "{resp}"
    );
    // The sender still works afterwards (the failed connection was replaced).
    let ok = message(
        "support@example.test",
        "alice@example.test",
        &unique("after"),
        "hi",
    );
    sender
        .send("support@example.test", &["alice@example.test".into()], &ok)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bad_smtp_password_is_a_setup_error_not_a_message_error() {
    let ms = stack!("a_bad_smtp_password_is_a_setup_error_not_a_message_error");
    let _g = ms.shared().await;
    let mut cfg = ms.smtp_config(SmtpPort::Smtps, Some("support"));
    cfg.credentials = Some(("support@example.test".into(), "wrong-secret".into()));
    let sender = SmtpSender::new(&cfg).unwrap();
    let raw = message(
        "support@example.test",
        "alice@example.test",
        &unique("badpw"),
        "hi",
    );
    let e = sender
        .send("support@example.test", &["alice@example.test".into()], &raw)
        .await
        .unwrap_err();
    let s = one_line(&e);
    println!("bad smtp password: {s}");
    assert!(
        e.is_setup() && !e.is_permanent() && !e.is_transient(),
        "{s}"
    );
    assert_eq!((e.stage(), e.code()), ("auth", Some(535)));
    assert!(!s.contains("wrong-secret"));
}

#[tokio::test]
async fn smtp_tls_with_the_wrong_name_or_ca_is_a_setup_error() {
    let ms = stack!("smtp_tls_with_the_wrong_name_or_ca_is_a_setup_error");
    let _g = ms.shared().await;
    let raw = message(
        "support@example.test",
        "alice@example.test",
        &unique("tlsbad"),
        "hi",
    );
    let to = ["alice@example.test".to_owned()];
    let mut cfg = ms.smtp_config(SmtpPort::Smtps, Some("support"));
    cfg.tls_name = Some("wrong.example.test".into());
    let e = SmtpSender::new(&cfg)
        .unwrap()
        .send("support@example.test", &to, &raw)
        .await
        .unwrap_err();
    let s = one_line(&e);
    println!("smtps wrong name: {s}");
    assert!(
        e.is_setup() && s.contains("not valid for name wrong.example.test"),
        "{s}"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut cfg = ms.smtp_config(SmtpPort::Submission, Some("support"));
    cfg.ca_file = Some(other_ca(dir.path()));
    let e = SmtpSender::new(&cfg)
        .unwrap()
        .send("support@example.test", &to, &raw)
        .await
        .unwrap_err();
    let s = one_line(&e);
    println!("starttls wrong CA: {s}");
    assert!(
        e.is_setup() && s.contains("not trusted") && s.contains("set tls_ca_file"),
        "{s}"
    );
}

#[tokio::test]
async fn stopping_postfix_gives_a_transient_error_and_sending_resumes_after_restart() {
    let ms = stack!("stopping_postfix_gives_a_transient_error_and_sending_resumes_after_restart");
    let _g = ms.exclusive().await;
    let sender = SmtpSender::new(&ms.smtp_config(SmtpPort::Plain, None)).unwrap();
    let to = ["alice@example.test".to_owned()];
    let first = message(
        "support@example.test",
        "alice@example.test",
        &unique("pf1"),
        "before",
    );
    sender
        .send("support@example.test", &to, &first)
        .await
        .unwrap(); // leaves a pooled connection
    let down = ms.stop_postfix().await;
    tokio::time::sleep(Duration::from_millis(1100)).await; // the pooled connection gets a NOOP check
    let during = message(
        "support@example.test",
        "alice@example.test",
        &unique("pf2"),
        "during",
    );
    let e = sender
        .send("support@example.test", &to, &during)
        .await
        .unwrap_err();
    let s = one_line(&e);
    println!("postfix stopped: {s}");
    assert!(
        e.is_transient() && !e.is_permanent() && e.response().is_none(),
        "{s}"
    );
    down.restart();
    let token = unique("pf3");
    let after = message(
        "support@example.test",
        "alice@example.test",
        &token,
        "after",
    );
    sender
        .send("support@example.test", &to, &after)
        .await
        .unwrap();
    assert!(
        ms.wait_for(
            "alice",
            "INBOX",
            |r| contains(r, &token),
            Duration::from_secs(15)
        )
        .await
        .is_some()
    );
}

// ------------------------------------------------------------------------------ measurements

/// SMTP throughput: this sender (TCP_NODELAY) on 1 connection vs 4, and lettre's own
/// `AsyncSmtpTransport` (no TCP_NODELAY) for comparison. Messages go to catchall.
#[tokio::test]
#[ignore = "measurement: run with --ignored --nocapture"]
async fn measure_smtp_throughput_sequential_vs_concurrent() {
    use futures_util::StreamExt as _;
    let ms = stack!("measure_smtp_throughput_sequential_vs_concurrent");
    let _g = ms.exclusive().await;
    let n: usize = std::env::var("MEASURE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let to = ["catchall@example.test".to_owned()];
    let body = "x".repeat(2800);
    ms.expunge("catchall", "INBOX");

    for pool in [1usize, 2, 4, 8] {
        let mut cfg = ms.smtp_config(SmtpPort::Plain, None);
        cfg.pool_size = pool;
        let sender = SmtpSender::new(&cfg).unwrap();
        let msgs: Vec<Vec<u8>> = (0..n)
            .map(|_| message("support@example.test", &to[0], &unique("tp"), &body))
            .collect();
        let t = Instant::now();
        let results: Vec<_> = futures_util::stream::iter(msgs.iter())
            .map(|m| sender.send("support@example.test", &to, m))
            .buffer_unordered(pool)
            .collect()
            .await;
        let secs = t.elapsed().as_secs_f64();
        assert!(results.iter().all(Result::is_ok));
        println!(
            "smtp plain, {pool} connection(s): {n} messages in {secs:.2} s = {:.0} msg/s",
            n as f64 / secs
        );
        sender.close().await;
    }
    for (label, port) in [
        ("starttls+auth", SmtpPort::Submission),
        ("implicit tls+auth", SmtpPort::Smtps),
    ] {
        let mut cfg = ms.smtp_config(port, Some("support"));
        cfg.pool_size = 4;
        let sender = SmtpSender::new(&cfg).unwrap();
        let msgs: Vec<Vec<u8>> = (0..n)
            .map(|_| message("support@example.test", &to[0], &unique("tp"), &body))
            .collect();
        let t = Instant::now();
        let results: Vec<_> = futures_util::stream::iter(msgs.iter())
            .map(|m| sender.send("support@example.test", &to, m))
            .buffer_unordered(4)
            .collect()
            .await;
        let secs = t.elapsed().as_secs_f64();
        assert!(results.iter().all(Result::is_ok));
        println!(
            "smtp {label}, 4 connections: {n} messages in {secs:.2} s = {:.0} msg/s",
            n as f64 / secs
        );
        sender.close().await;
    }

    // lettre's stock transport, for comparison (100 messages: it is slow).
    use lettre::AsyncTransport as _;
    let stock = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(&ms.host)
        .port(ms.smtp_port)
        .build();
    let env = lettre::address::Envelope::new(
        Some("support@example.test".parse().unwrap()),
        vec!["catchall@example.test".parse().unwrap()],
    )
    .unwrap();
    let m = 100;
    for conc in [1usize, 4] {
        let msgs: Vec<Vec<u8>> = (0..m)
            .map(|_| message("support@example.test", &to[0], &unique("tp"), &body))
            .collect();
        let t = Instant::now();
        let results: Vec<_> = futures_util::stream::iter(msgs.iter())
            .map(|raw| stock.send_raw(&env, raw))
            .buffer_unordered(conc)
            .collect()
            .await;
        let secs = t.elapsed().as_secs_f64();
        assert!(results.iter().all(Result::is_ok));
        println!(
            "lettre AsyncSmtpTransport (pool, no TCP_NODELAY), {conc} concurrent: {m} messages in {secs:.2} s = {:.0} msg/s ({:.1} ms/msg)",
            m as f64 / secs,
            secs * 1000.0 / m as f64
        );
    }
    let total = 6 * n + 2 * m;
    let t = Instant::now();
    while ms.count("catchall", "INBOX") < total && t.elapsed() < Duration::from_secs(120) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!(
        "all {total} in catchall's INBOX {:.1} s after the last submission",
        t.elapsed().as_secs_f64()
    );
    ms.expunge("catchall", "INBOX");
}

/// Raw UID FETCH of 10,000 seeded 3 KB messages over IMAPS (MAILSERVERS.md §4: ~0.25–0.31 s floor).
#[tokio::test]
#[ignore = "measurement: run with --ignored --nocapture"]
async fn measure_fetch_of_10000_seeded_3kb_messages_over_imaps() {
    let ms = stack!("measure_fetch_of_10000_seeded_3kb_messages_over_imaps");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("bob", "bulk");
    let n = 10_000;
    let body = "y".repeat(2800);
    let msgs: Vec<Vec<u8>> = (0..n)
        .map(|_| {
            message(
                "customer@elsewhere.invalid",
                "bob@example.test",
                &unique("bulk"),
                &body,
            )
        })
        .collect();
    let bytes: usize = msgs.iter().map(Vec::len).sum();
    let t = Instant::now();
    ms.seed_maildir("bob", &folder, &msgs).unwrap();
    println!(
        "seeded {n} messages ({:.1} MB) in {:.2} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let mut s = ms.imap("bob").await;
    let t = Instant::now();
    let st = s.select(&folder).await.unwrap();
    println!(
        "first SELECT (Dovecot indexes the folder): {:.2} s, exists {}",
        t.elapsed().as_secs_f64(),
        st.exists
    );
    for run in 1..=3 {
        let t = Instant::now();
        let all = s.fetch_after(0, n).await.unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(all.len(), n);
        assert!(all.iter().zip(&msgs).all(|(f, m)| f.raw == *m));
        println!(
            "run {run}: fetch_after(0, {n}) in one batch: {secs:.3} s = {:.0} msg/s",
            n as f64 / secs
        );
    }
    for batch in [500usize, 2000] {
        let t = Instant::now();
        let (mut last, mut count) = (0, 0);
        loop {
            let b = s.fetch_after(last, batch).await.unwrap();
            let Some(l) = b.last() else { break };
            last = l.uid;
            count += b.len();
        }
        assert_eq!(count, n);
        println!(
            "fetch_after in batches of {batch}: {:.3} s",
            t.elapsed().as_secs_f64()
        );
    }
    for run in 1..=3 {
        let (secs, bytes) = raw_fetch_floor(ms, "bob", &folder).await;
        println!(
            "run {run}: transport floor (same TLS, bytes only, no parsing): {secs:.3} s, {:.1} MB",
            bytes as f64 / 1e6
        );
    }
    let t = Instant::now();
    let sizes = s.fetch_sizes_after(0, n).await.unwrap();
    println!(
        "fetch_sizes_after(0, {n}): {:.3} s ({} sizes)",
        t.elapsed().as_secs_f64(),
        sizes.len()
    );
    s.logout().await.unwrap();
    ms.delete_folder("bob", &folder);
}

/// `UID FETCH 1:* (BODY.PEEK[])` on a bare rustls stream, reading bytes until the tagged OK:
/// the transport floor for the same server, TLS stack and machine load.
pub(crate) async fn raw_fetch_floor(ms: &Mailstack, user: &str, folder: &str) -> (f64, usize) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let tls = mailcase::net::tls::TlsClient::new("localhost", Some(&ms.ca_file)).unwrap();
    let tcp = tokio::net::TcpStream::connect((ms.host.as_str(), ms.imaps_port))
        .await
        .unwrap();
    tcp.set_nodelay(true).unwrap();
    let mut s = tls.connect(tcp, "raw").await.unwrap();
    let (addr, pw) = ms.user(user);
    let mut buf = vec![0u8; 256 * 1024];
    let mut acc: Vec<u8> = Vec::new();
    async fn until<S: tokio::io::AsyncRead + Unpin>(
        s: &mut S,
        buf: &mut [u8],
        acc: &mut Vec<u8>,
        end: &[u8],
    ) -> usize {
        let mut total = 0;
        loop {
            let n = s.read(buf).await.unwrap();
            assert!(n > 0, "eof");
            total += n;
            acc.extend_from_slice(&buf[..n]);
            let tail = acc.len().saturating_sub(4096);
            if acc[tail..].windows(end.len()).any(|w| w == end) {
                acc.clear();
                return total;
            }
            if acc.len() > 8192 {
                acc.drain(..acc.len() - 4096);
            }
        }
    }
    until(&mut s, &mut buf, &mut acc, b"\r\n").await;
    s.write_all(format!("a1 LOGIN \"{addr}\" \"{pw}\"\r\na2 SELECT \"{folder}\"\r\n").as_bytes())
        .await
        .unwrap();
    until(&mut s, &mut buf, &mut acc, b"a2 OK").await;
    let t = Instant::now();
    s.write_all(b"a3 UID FETCH 1:* (BODY.PEEK[])\r\n")
        .await
        .unwrap();
    let bytes = until(&mut s, &mut buf, &mut acc, b"a3 OK").await;
    let secs = t.elapsed().as_secs_f64();
    s.write_all(b"a4 LOGOUT\r\n").await.unwrap();
    (secs, bytes)
}
