//! The CLI end to end: the built binary in a temporary directory, as a user runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A scratch directory with its own database; commands run inside it, so the default config
/// path does not exist and the built-in defaults apply.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mailcase"))
            .current_dir(self.dir.path())
            .env_remove("MAILCASE_DB")
            .env_remove("MAILCASE_NOW")
            .env("RUST_LOG", "mailcase=warn")
            .args(["--db", "t.db"])
            .args(args)
            .output()
            .expect("mailcase runs")
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "mailcase {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("JSON output")
    }

    /// Runs and expects exit 2 with one line on stderr; returns that line.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "mailcase {args:?} should fail with 2"
        );
        let err = String::from_utf8(out.stderr).expect("utf-8 stderr");
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "one line of error expected, got: {err}");
        lines[0].to_string()
    }

    pub fn write(&self, rel: &str, content: &[u8]) -> PathBuf {
        let p = self.path(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        std::fs::write(&p, content).expect("write");
        p
    }
}

pub const REQUEST: &str = "From: Jane Roe <jane@example.org>\r\nTo: support@mailcase.localhost\r\nSubject: Locked out\r\nMessage-ID: <req-1@example.org>\r\nDate: Mon, 9 Feb 2026 10:00:00 +0000\r\n\r\nHello,\r\n\r\nmy PyPI username is janeroe. I lost my phone with the authenticator app.\r\n\r\nJane\r\n";

/// `(cases whose search document matches word, cases still waiting for their document)`, read
/// from the database file as the web UI reads it.
fn search_index(s: &Scratch, word: &str) -> (i64, i64) {
    use sqlx::Row as _;
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let store = mailcase::store::Store::open(&s.path("t.db"))
            .await
            .expect("open");
        let mut conn = store.conn().await.expect("conn");
        let hits: i64 = sqlx::query("SELECT COUNT(*) FROM case_search WHERE case_search MATCH $1")
            .bind(word)
            .fetch_one(&mut *conn)
            .await
            .expect("search")
            .get(0);
        let dirty: i64 = sqlx::query("SELECT COUNT(*) FROM case_search_dirty")
            .fetch_one(&mut *conn)
            .await
            .expect("marks")
            .get(0);
        (hits, dirty)
    })
}

fn case_refs(s: &Scratch) -> Vec<String> {
    s.json(&["cases", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_request_opens_one_case_with_one_acknowledgement_in_the_json_contract() {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    s.ok(&["ingest", f.to_str().unwrap()]);
    let refs = case_refs(&s);
    assert_eq!(refs.len(), 1);
    assert_eq!(
        search_index(&s, "janeroe"),
        (1, 0),
        "ingest leaves the search index current"
    );
    let case = s.json(&["case", "show", &refs[0], "--json"]);
    let keys: Vec<&str> = case
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for k in [
        "reference",
        "status",
        "requester",
        "subject",
        "fields",
        "missing",
        "flags",
        "field_sources",
        "messages",
    ] {
        assert!(keys.contains(&k), "case object lacks {k}: {keys:?}");
    }
    let fields = case["fields"].as_object().unwrap();
    assert_eq!(fields.len(), 8, "exactly the eight fields of fields.md");
    assert_eq!(case["fields"]["username"], "janeroe");
    assert_eq!(case["requester"], "jane@example.org");
    assert_eq!(case["status"], "awaiting_info");
    let msgs = case["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[0]["direction"], "in");
    assert_eq!(msgs[0]["message_id"], "<req-1@example.org>");
    assert_eq!(msgs[0]["kind"], "request");
    assert_eq!(msgs[1]["direction"], "out");
    assert_eq!(msgs[1]["kind"], "acknowledgement");
    assert_eq!(msgs[1]["status"], "queued");
    assert_eq!(msgs[1]["in_reply_to"], "<req-1@example.org>");
    let text = msgs[1]["text"].as_str().unwrap();
    assert!(
        text.contains(&refs[0]),
        "the acknowledgement names the reference"
    );
    assert!(
        !text.contains("I lost my phone"),
        "automated mail never quotes the requester"
    );
    assert!(msgs[1]["subject"].as_str().unwrap().contains(&refs[0]));
    // the summary without messages
    let list = s.json(&["cases", "--json"]);
    assert!(list[0].get("messages").is_none());
    let messages = s.json(&["messages", "--json"]);
    assert_eq!(messages[0]["case"], refs[0].as_str());
    assert_eq!(messages[0]["kind"], "request");
}

#[test]
fn the_same_message_ingested_twice_is_processed_once() {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    s.ok(&["ingest", f.to_str().unwrap()]);
    let out = s.ok(&["ingest", f.to_str().unwrap(), f.to_str().unwrap()]);
    assert!(out.contains("duplicates 2"), "{out}");
    assert_eq!(case_refs(&s).len(), 1);
    assert_eq!(s.json(&["messages", "--json"]).as_array().unwrap().len(), 1);
    let case = s.json(&["case", "show", &case_refs(&s)[0], "--json"]);
    assert_eq!(case["messages"].as_array().unwrap().len(), 2);
}

#[test]
fn reprocessing_everything_sends_nothing_twice() {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    s.ok(&["ingest", f.to_str().unwrap()]);
    let before = s.json(&["case", "show", &case_refs(&s)[0], "--json"]);
    s.ok(&["reprocess", "--all"]);
    s.ok(&["reprocess", "--case", &case_refs(&s)[0]]);
    s.ok(&["reprocess", "--message", "<req-1@example.org>"]);
    let after = s.json(&["case", "show", &case_refs(&s)[0], "--json"]);
    assert_eq!(
        before["messages"].as_array().unwrap().len(),
        after["messages"].as_array().unwrap().len()
    );
    assert_eq!(before["fields"], after["fields"]);
    assert_eq!(before["status"], after["status"]);
}

#[test]
fn a_message_that_cannot_be_parsed_is_stored_and_listed_without_stopping_the_run() {
    let s = Scratch::new();
    let bad = s.write("bad.eml", b"\xff\xfe no headers at all, just \xe9\xe8 noise\r\n--\r\nContent-Type: multipart/mixed; boundary=\"\r\n");
    let good = s.write("good.eml", REQUEST.as_bytes());
    s.ok(&["ingest", bad.to_str().unwrap(), good.to_str().unwrap()]);
    let messages = s.json(&["messages", "--json"]);
    assert_eq!(messages.as_array().unwrap().len(), 2);
    assert_eq!(case_refs(&s).len(), 1);
}

#[test]
fn bad_input_gets_one_clear_line() {
    let s = Scratch::new();
    let e = s.fails(&["ingest", "nope.eml"]);
    assert!(e.contains("nope.eml"), "{e}");
    let png = s.write("pic.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let e = s.fails(&["ingest", png.to_str().unwrap()]);
    assert!(e.contains("neither an email message nor an mbox"), "{e}");
    let e = s.fails(&["case", "show", "MC-ZZZZZZ"]);
    assert!(e.contains("no case"), "{e}");
    let e = s.fails(&["cases", "--status", "opened"]);
    assert!(e.contains("awaiting_info"), "{e}");
    let cfg = s.write("bad.toml", b"support_adress = \"x@y.z\"\n");
    let e = s.fails(&["--config", cfg.to_str().unwrap(), "cases"]);
    assert!(e.contains("support_adress"), "{e}");
    let e = s.fails(&["--config", "missing.toml", "cases"]);
    assert!(e.contains("missing.toml"), "{e}");
    let e = s.fails(&["--now", "yesterday", "cases"]);
    assert!(e.contains("RFC 3339"), "{e}");
}

#[test]
fn a_database_from_a_newer_mailcase_is_refused() {
    let s = Scratch::new();
    s.ok(&["cases"]);
    let db = s.path("t.db");
    let status = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c=sqlite3.connect({:?}); c.execute(\"INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) VALUES (9999, 'future', '2030-01-01', 1, x'00', 0)\"); c.commit()",
            db.to_str().unwrap()
        ))
        .status()
        .expect("python3 runs");
    assert!(status.success());
    let e = s.fails(&["cases"]);
    assert!(e.contains("newer") && e.contains("upgrade"), "{e}");
}

#[test]
fn inspect_explains_a_message_without_a_database() {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    let out = Command::new(env!("CARGO_BIN_EXE_mailcase"))
        .current_dir(s.dir.path())
        .args(["inspect", f.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "request");
    assert_eq!(v["fields"]["username"], "janeroe");
    assert_eq!(v["secrets"], 0);
    assert!(
        v["field_sources"]["username"]["excerpt"]
            .as_str()
            .unwrap()
            .contains("janeroe")
    );
    assert!(!s.path("t.db").exists(), "inspect touches no database");
    let text = Command::new(env!("CARGO_BIN_EXE_mailcase"))
        .current_dir(s.dir.path())
        .args(["inspect", f.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("written by a person"), "{text}");
}

#[test]
fn run_once_takes_mail_from_the_maildir_and_writes_the_reply_to_the_file_outbox() {
    let s = Scratch::new();
    s.write("data/inbox/new/1771000000.1.host", REQUEST.as_bytes());
    s.ok(&["run", "--once"]);
    let outbox: Vec<_> = std::fs::read_dir(s.path("data/outbox"))
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(outbox.len(), 1, "one acknowledgement written");
    let raw = std::fs::read(outbox[0].path()).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("Auto-Submitted: auto-replied"), "{text}");
    assert!(text.contains("In-Reply-To: <req-1@example.org>"), "{text}");
    let cur: Vec<String> = std::fs::read_dir(s.path("data/inbox/cur"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(cur, vec!["1771000000.1.host:2,S".to_string()]);
    let case = s.json(&["case", "show", &case_refs(&s)[0], "--json"]);
    assert_eq!(case["messages"][1]["status"], "sent");
    // a second pass finds nothing new and sends nothing again
    s.ok(&["run", "--once"]);
    assert_eq!(std::fs::read_dir(s.path("data/outbox")).unwrap().count(), 1);
}

#[test]
fn the_daemon_answers_mail_dropped_into_its_maildir_and_stops_on_sigterm() {
    let s = Scratch::new();
    std::fs::create_dir_all(s.path("data/inbox/new")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailcase"))
        .current_dir(s.dir.path())
        .env("RUST_LOG", "mailcase=warn")
        .args(["--db", "t.db", "run"])
        .spawn()
        .expect("daemon starts");
    // deliver the Maildir way: write in tmp/, rename into new/
    std::fs::create_dir_all(s.path("data/inbox/tmp")).unwrap();
    std::fs::write(s.path("data/inbox/tmp/m1"), REQUEST.as_bytes()).unwrap();
    std::fs::rename(s.path("data/inbox/tmp/m1"), s.path("data/inbox/new/m1")).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let answered = loop {
        let n = std::fs::read_dir(s.path("data/outbox"))
            .map(|d| d.count())
            .unwrap_or(0);
        if n > 0 {
            break true;
        }
        if std::time::Instant::now() > deadline {
            break false;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    assert!(answered, "the acknowledgement was written to data/outbox");
    assert!(status.success(), "graceful stop on SIGTERM: {status:?}");
    assert_eq!(
        search_index(&s, "authenticator"),
        (1, 0),
        "the daemon brings the search index up to date"
    );
}

#[test]
fn staff_actions_are_audited_and_a_manual_value_wins_over_mail() {
    let s = Scratch::new();
    let f = s.write("req.eml", REQUEST.as_bytes());
    s.ok(&["ingest", f.to_str().unwrap()]);
    let r = case_refs(&s)[0].clone();
    s.ok(&["case", "set", &r, "username", "jane-real", "--as", "alice"]);
    s.ok(&["case", "set", &r, "email_access", "yes", "--as", "alice"]);
    let e = s.fails(&["case", "set", &r, "email_access", "maybe"]);
    assert!(e.contains("yes or no"), "{e}");
    let case = s.json(&["case", "show", &r, "--json"]);
    assert_eq!(case["fields"]["username"], "jane-real");
    assert_eq!(case["fields"]["email_access"], true);
    assert_eq!(case["field_sources"]["username"]["by_staff"], "alice");
    // a later mail stating another username does not override the manual value
    let follow = REQUEST
        .replace("req-1@", "req-2@")
        .replace(
            "Subject: Locked out",
            &format!("Subject: Re: [{r}] Locked out"),
        )
        .replace("janeroe", "otherjane");
    let f2 = s.write("f.eml", follow.as_bytes());
    s.ok(&["ingest", f2.to_str().unwrap()]);
    assert_eq!(
        s.json(&["case", "show", &r, "--json"])["fields"]["username"],
        "jane-real"
    );
    s.ok(&["case", "status", &r, "in_review", "--as", "bob"]);
    s.ok(&[
        "case",
        "note",
        &r,
        "called her; identity looks right",
        "--as",
        "bob",
    ]);
    s.ok(&[
        "case",
        "reply",
        &r,
        "We are looking at your case.",
        "--as",
        "bob",
    ]);
    let case = s.json(&["case", "show", &r, "--json"]);
    assert_eq!(case["status"], "in_review");
    let last = case["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "staff_reply");
    assert_eq!(last["direction"], "out");
    assert!(last["subject"].as_str().unwrap().contains(&r));
    assert_eq!(last["in_reply_to"], "<req-2@example.org>");
    assert!(
        last["text"]
            .as_str()
            .unwrap()
            .starts_with("We are looking at your case.")
    );
}

#[test]
fn a_failed_dmarc_from_the_trusted_server_flags_the_sender_and_others_are_ignored() {
    let s = Scratch::new();
    let cfg = s.write("mc.toml", b"trusted_authserv_ids = [\"mx.support.test\"]\n");
    let forged = REQUEST.replace(
        "From: Jane Roe",
        "Authentication-Results: mx.support.test; dmarc=fail (p=reject) header.from=example.org; spf=fail smtp.mailfrom=evil.test; dkim=none\r\nFrom: Jane Roe",
    );
    // the same claim from a server we do not trust is ignored (anyone can write that header)
    let other = REQUEST
        .replace("req-1@", "req-9@")
        .replace("jane@example.org", "max@example.net")
        .replace("From: Jane Roe", "Authentication-Results: mx.elsewhere.test; dmarc=fail header.from=example.net\r\nFrom: Max");
    let f1 = s.write("forged.eml", forged.as_bytes());
    let f2 = s.write("other.eml", other.as_bytes());
    s.ok(&[
        "--config",
        cfg.to_str().unwrap(),
        "ingest",
        f1.to_str().unwrap(),
        f2.to_str().unwrap(),
    ]);
    let cases = s.json(&["cases", "--json"]);
    let flags_of = |who: &str| {
        cases
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["requester"] == who)
            .unwrap()["flags"]
            .clone()
    };
    assert!(
        flags_of("jane@example.org")
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "unauthenticated_sender")
    );
    assert!(
        !flags_of("max@example.net")
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "unauthenticated_sender")
    );
}
