//! The daemon's commands without mail servers: the scheduler (`tick --now`), loop brakes fed by
//! bounces, the outbox protocol's recovery, `status`, `outbox`, and config errors of `run`.

use std::process::Command;

use serde_json::Value;

use crate::cli::{REQUEST, Scratch};

const T0: &str = "2026-03-02T10:00:00Z";

fn at(days: i64, minutes: i64) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(T0).unwrap()
        + chrono::Duration::days(days)
        + chrono::Duration::minutes(minutes);
    t.with_timezone(&chrono::Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn only_case(s: &Scratch, now: &str) -> Value {
    let list = s.json(&["--now", now, "cases", "--json"]);
    let r = list[0]["reference"].as_str().unwrap().to_string();
    s.json(&["--now", now, "case", "show", &r, "--json"])
}

fn outbound(case: &Value) -> Vec<(String, String)> {
    case["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["direction"] == "out")
        .map(|m| {
            (
                m["kind"].as_str().unwrap().to_string(),
                m["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn sql(s: &Scratch, statement: &str) {
    let status = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c=sqlite3.connect({:?}); c.execute({statement:?}); c.commit()",
            s.path("t.db").to_str().unwrap()
        ))
        .status()
        .expect("python3 runs");
    assert!(status.success());
}

#[test]
fn an_unanswered_request_for_information_gets_one_reminder_and_the_case_closes_after_the_grace_period()
 {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    s.ok(&["--now", T0, "ingest", f.to_str().unwrap()]);
    s.ok(&["--now", T0, "deliver"]);

    assert_eq!(
        s.ok(&["--now", &at(6, 23 * 60), "tick"]).trim(),
        "reminders 0, closed 0, suppressed 0"
    );
    assert_eq!(
        s.ok(&["--now", &at(7, 1), "tick"]).trim(),
        "reminders 1, closed 0, suppressed 0"
    );
    assert_eq!(
        s.ok(&["--now", &at(7, 2), "tick"]).trim(),
        "reminders 0, closed 0, suppressed 0",
        "a second pass finds the reminder already queued"
    );
    let case = only_case(&s, &at(7, 2));
    assert_eq!(
        outbound(&case),
        vec![
            ("acknowledgement".into(), "sent".into()),
            ("reminder".into(), "queued".into())
        ]
    );
    let msgs = case["messages"].as_array().unwrap();
    let reminder = msgs.iter().find(|m| m["kind"] == "reminder").unwrap();
    let ack = msgs
        .iter()
        .find(|m| m["kind"] == "acknowledgement")
        .unwrap();
    assert_eq!(reminder["in_reply_to"], ack["message_id"]);
    let text = reminder["text"].as_str().unwrap();
    assert!(
        text.contains("closed in 7 days") && text.contains("1. "),
        "{text}"
    );
    assert!(
        reminder["subject"]
            .as_str()
            .unwrap()
            .contains(case["reference"].as_str().unwrap())
    );

    s.ok(&["--now", &at(7, 2), "deliver"]);
    assert_eq!(
        s.ok(&["--now", &at(14, 0), "tick"]).trim(),
        "reminders 0, closed 0, suppressed 0"
    );
    assert_eq!(
        s.ok(&["--now", &at(14, 5), "tick"]).trim(),
        "reminders 0, closed 1, suppressed 0"
    );
    let case = only_case(&s, &at(14, 5));
    assert_eq!(case["status"], "closed");
    assert_eq!(
        outbound(&case)
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        vec!["acknowledgement", "reminder", "closed"]
    );
    assert_eq!(
        s.ok(&["--now", &at(30, 0), "tick"]).trim(),
        "reminders 0, closed 0, suppressed 0"
    );

    // the requester answers after all: the case opens again and gets its questions
    let reference = case["reference"].as_str().unwrap();
    let reply = format!(
        "From: Jane Roe <jane@example.org>\r\nTo: support@mailcase.localhost\r\nSubject: Re: [{reference}] Locked out\r\n\
         Message-ID: <late@example.org>\r\nDate: Tue, 17 Mar 2026 10:00:00 +0000\r\n\r\nSorry for the delay. I can still read my mail.\r\n"
    );
    let f = s.write("late.eml", reply.as_bytes());
    s.ok(&["--now", &at(15, 0), "ingest", f.to_str().unwrap()]);
    let case = only_case(&s, &at(15, 0));
    assert_eq!(case["status"], "awaiting_info");
    assert_eq!(outbound(&case).last().unwrap().0, "missing_info");
}

#[test]
fn an_answer_before_the_reminder_is_due_means_no_reminder() {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    s.ok(&["--now", T0, "ingest", f.to_str().unwrap()]);
    s.ok(&["--now", T0, "deliver"]);
    let reference = only_case(&s, T0)["reference"].as_str().unwrap().to_string();
    let reply = format!(
        "From: Jane Roe <jane@example.org>\r\nTo: support@mailcase.localhost\r\nSubject: Re: [{reference}] Locked out\r\n\
         Message-ID: <answer@example.org>\r\nDate: Tue, 3 Mar 2026 10:00:00 +0000\r\n\r\nI can still read my mail.\r\n"
    );
    let f = s.write("answer.eml", reply.as_bytes());
    s.ok(&["--now", &at(1, 0), "ingest", f.to_str().unwrap()]);
    // the missing_info is still queued (not handed over), and the answer came after the ack
    assert_eq!(
        s.ok(&["--now", &at(9, 0), "tick"]).trim(),
        "reminders 0, closed 0, suppressed 0"
    );
}

/// A scratch database where jane@example.org's request was acknowledged and a DSN then said
/// the acknowledgement failed with `status` and `diagnostic`: the case is flagged `bounced`.
fn acknowledgement_bounced(status: &str, diagnostic: &str) -> Scratch {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    s.ok(&["--now", T0, "ingest", f.to_str().unwrap()]);
    s.ok(&["--now", T0, "deliver"]);
    let case = only_case(&s, T0);
    let ack_id = case["messages"][1]["message_id"].as_str().unwrap();
    let dsn = format!(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\nTo: support@mailcase.localhost\r\n\
         Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn-1@mx.example.org>\r\nDate: Mon, 2 Mar 2026 10:05:00 +0000\r\n\
         Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n\
         --B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n\
         --B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n\
         Final-Recipient: rfc822; jane@example.org\r\nAction: failed\r\nStatus: {status}\r\nDiagnostic-Code: smtp; 550 {status} {diagnostic}\r\n\r\n\
         --B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {ack_id}\r\nSubject: [x] Locked out\r\n\r\n--B--\r\n"
    );
    let f = s.write("dsn.eml", dsn.as_bytes());
    s.ok(&["--now", &at(0, 5), "ingest", f.to_str().unwrap()]);
    let case = only_case(&s, &at(0, 5));
    assert!(
        case["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "bounced"),
        "{case:#}"
    );
    s
}

/// Ingests jane's request again as `<req-N@example.org>` with a new subject, at `now`.
fn request_again(s: &Scratch, n: u32, subject: &str, now: &str) {
    let again = REQUEST
        .replace("req-1@example.org", &format!("req-{n}@example.org"))
        .replace("Locked out", subject);
    let f = s.write(&format!("again-{n}.eml"), again.as_bytes());
    s.ok(&["--now", now, "ingest", f.to_str().unwrap()]);
}

#[test]
fn a_refusal_of_our_mail_as_spam_flags_the_bounce_but_suppresses_nothing() {
    let s = acknowledgement_bounced("5.7.1", "message rejected as spam");
    let st = s.json(&["--now", &at(0, 5), "status", "--json"]);
    assert_eq!(
        st["suppressions"].as_array().map(Vec::len),
        Some(0),
        "{st:#}"
    );
    // the address is fine: her next request is acknowledged
    request_again(&s, 2, "Still locked out", &at(1, 0));
    assert_eq!(s.json(&["status", "--json"])["outbox"]["suppressed"], 0);
}

#[test]
fn a_hard_bounce_of_our_acknowledgement_suppresses_automated_mail_to_that_address() {
    let s = acknowledgement_bounced("5.1.1", "no such user");
    let st = s.json(&["--now", &at(0, 5), "status", "--json"]);
    assert_eq!(
        st["suppressions"][0]["address"], "jane@example.org",
        "{st:#}"
    );

    request_again(&s, 2, "Still locked out", &at(1, 0));
    let list = s.json(&["cases", "--json"]);
    let second = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"] == "Still locked out")
        .unwrap();
    let case = s.json(&[
        "case",
        "show",
        second["reference"].as_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        outbound(&case),
        vec![("acknowledgement".into(), "suppressed".into())]
    );
    assert_eq!(s.json(&["status", "--json"])["outbox"]["suppressed"], 1);
    // the window ends
    request_again(&s, 3, "Third try", &at(31, 0));
    assert_eq!(s.json(&["status", "--json"])["outbox"]["queued"], 1);
}

#[test]
fn a_send_interrupted_mid_handover_is_reported_uncertain_and_never_sent_again() {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    s.ok(&["ingest", f.to_str().unwrap()]);
    // what a crash between the sending mark and the sent mark leaves behind
    sql(
        &s,
        "UPDATE outbox SET status = 'sending', sending_at = '2026-03-02T10:00:00Z', attempt_id = 'x'",
    );
    // with SMTP (nothing listens on port 9), the next deliverer marks it uncertain and sends nothing
    let out = Command::new(env!("CARGO_BIN_EXE_mailcase"))
        .current_dir(s.dir.path())
        .env("MAILCASE_SMTP_URL", "smtp+plain://127.0.0.1:9")
        .env("RUST_LOG", "mailcase=warn")
        .args(["--db", "t.db", "deliver"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("sent 0"), "{stdout}");
    let st = s.json(&["status", "--json"]);
    assert_eq!(st["outbox"]["uncertain"], 1, "{st:#}");
    let a = &st["attention"][0];
    assert_eq!(a["status"], "uncertain");
    assert!(
        a["reason"]
            .as_str()
            .unwrap()
            .contains("may have been delivered"),
        "{a:#}"
    );
    let text = s.ok(&["status"]);
    assert!(
        text.contains("needs attention") && text.contains("uncertain"),
        "{text}"
    );
    // the file transport would not send it either: uncertain is final until staff decide
    assert!(s.ok(&["deliver"]).starts_with("sent 0"));
    let id = a["id"].as_i64().unwrap().to_string();
    let listed = s.json(&["outbox", "list", "--json"]);
    assert_eq!(listed[0]["status"], "uncertain");
    s.ok(&["outbox", "mark-sent", &id]);
    assert_eq!(s.json(&["status", "--json"])["outbox"]["sent"], 1);
    let e = s.fails(&["outbox", "requeue", &id]);
    assert!(e.contains("not uncertain or failed"), "{e}");
}

#[test]
fn an_interrupted_file_delivery_is_simply_queued_again() {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    s.ok(&["ingest", f.to_str().unwrap()]);
    sql(
        &s,
        "UPDATE outbox SET status = 'sending', sending_at = '2026-03-02T10:00:00Z'",
    );
    assert!(s.ok(&["deliver"]).starts_with("sent 1"));
    assert_eq!(std::fs::read_dir(s.path("data/outbox")).unwrap().count(), 1);
}

#[test]
fn status_of_a_fresh_database_has_no_mailboxes_and_an_empty_queue() {
    let s = Scratch::new();
    let st = s.json(&["status", "--json"]);
    assert_eq!(st["mailboxes"], serde_json::json!([]));
    assert_eq!(st["outbox"]["queued"], 0);
    assert_eq!(st["pending_messages"], 0);
    assert!(st["outbox_hold"].is_null());
    assert!(s.ok(&["status"]).contains("outbox            queued 0"));
}

#[test]
fn only_one_process_delivers_from_a_database() {
    let s = Scratch::new();
    let mut run = Command::new(env!("CARGO_BIN_EXE_mailcase"))
        .current_dir(s.dir.path())
        .env("RUST_LOG", "mailcase=warn")
        .env_remove("MAILCASE_IMAP_URL")
        .env_remove("MAILCASE_SMTP_URL")
        .args(["--db", "t.db", "run"])
        .spawn()
        .unwrap();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !s.path("data/inbox/new").exists() {
        assert!(
            std::time::Instant::now() < until,
            "mailcase run did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let e = s.fails(&["deliver"]);
    let _ = run.kill();
    let _ = run.wait();
    assert!(e.contains("another mailcase run or deliver"), "{e}");
}

/// `mailcase run` with only environment variables and `args`; returns its one-line error.
fn run_fails(s: &Scratch, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailcase"));
    c.current_dir(s.dir.path()).env("RUST_LOG", "mailcase=warn");
    for (k, _) in std::env::vars() {
        if k.starts_with("MAILCASE_") {
            c.env_remove(&k);
        }
    }
    let out = c.envs(env.iter().copied()).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{:?} should fail", args);
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line of error expected, got: {err}");
    lines[0].to_string()
}

#[test]
fn run_refuses_bad_live_settings_in_one_line() {
    let s = Scratch::new();
    let e = run_fails(
        &s,
        &[("MAILCASE_IMAP_URL", "imap+plain://u@mail.example.org/INBOX")],
        &["run"],
    );
    assert!(
        e.contains("plaintext is refused for mail.example.org"),
        "{e}"
    );
    let e = run_fails(
        &s,
        &[("MAILCASE_SMTP_URL", "smtp+plain://relay.example.org:25")],
        &["run"],
    );
    assert!(
        e.contains("plaintext is refused for relay.example.org"),
        "{e}"
    );
    let e = run_fails(
        &s,
        &[(
            "MAILCASE_IMAP_URL",
            "imaps://u:hunter2@mail.example.org/INBOX",
        )],
        &["run"],
    );
    assert!(
        e.contains("MAILCASE_IMAP_PASSWORD") && !e.contains("hunter2"),
        "{e}"
    );
    let e = run_fails(
        &s,
        &[("MAILCASE_IMAP_URL", "imaps://u@127.0.0.1:9/INBOX")],
        &["run"],
    );
    assert!(
        e.contains("MAILCASE_IMAP_PASSWORD") && e.contains("empty or unset"),
        "{e}"
    );
    let cfg = s.write("secret.toml", b"[imap]\npassword = \"hunter2\"\n");
    let e = run_fails(&s, &[], &["--config", cfg.to_str().unwrap(), "run"]);
    assert!(
        e.contains("imap.password") && e.contains("password_file") && !e.contains("hunter2"),
        "{e}"
    );
    let cfg = s.write("typo.toml", b"[smtp]\npool_sise = 3\n");
    let e = run_fails(&s, &[], &["--config", cfg.to_str().unwrap(), "run"]);
    assert!(e.contains("pool_sise"), "{e}");
    let cfg = s.write("move.toml", b"[intake]\nsource = \"imap\"\n[imap]\nurl = \"imaps://u@h/INBOX\"\nafter_commit = \"move\"\n");
    let e = run_fails(&s, &[], &["--config", cfg.to_str().unwrap(), "run"]);
    assert!(e.contains("imap.move_to"), "{e}");
}
