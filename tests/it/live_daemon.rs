//! `mailcase run` as a live daemon against the real Dovecot + Postfix of `mailstack`: the built
//! binary, configured through the environment (`MAILCASE_IMAP_URL`, `MAILCASE_SMTP_URL`, …) plus
//! a small config file for test settings, watching a folder of the support account.
//!
//! Each test skips (prints `SKIPPED ...`) without a stack. Tests that watch the support INBOX
//! (mail sent to support@ over SMTP lands there) take [`inbox_lock`] so two daemons never read
//! it at once; the others watch a folder of their own. Tests that stop a server take
//! `Mailstack::exclusive`. No timing is asserted; deadlines only bound waiting.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use mailcase::net::imap::Fetched;
use serde_json::Value;

use crate::mailstack::{Mailstack, contains, message, unique};

macro_rules! stack {
    ($name:literal) => {
        match Mailstack::for_test($name) {
            Some(s) => s,
            None => return,
        }
    };
}

/// The built binary, hard-linked once per test process: these tests run it for minutes, and a
/// rebuild into the same target directory meanwhile (another checkout sharing it) must not
/// swap it underneath them. Links of finished test processes are removed.
pub(crate) fn bin() -> &'static Path {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let root = std::env::temp_dir().join("mailcase-it-bin");
        std::fs::create_dir_all(&root).expect("temp dir");
        if let Ok(entries) = std::fs::read_dir(&root) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let alive = name
                    .parse::<u32>()
                    .is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
                if !alive {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        let link = root.join(std::process::id().to_string());
        let _ = std::fs::remove_file(&link);
        if std::fs::hard_link(env!("CARGO_BIN_EXE_mailcase"), &link).is_err() {
            std::fs::copy(env!("CARGO_BIN_EXE_mailcase"), &link).expect("copy the mailcase binary");
        }
        link
    })
}

/// Serialises the tests that watch support@'s INBOX.
pub(crate) async fn inbox_lock() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}

/// One test's daemon: a scratch directory with its config and database, and the process.
pub(crate) struct Live {
    pub ms: &'static Mailstack,
    pub dir: tempfile::TempDir,
    pub folder: String,
    child: Option<Child>,
    runs: usize,
    extra_env: Vec<(String, String)>,
}

impl Live {
    /// A daemon watching `folder` of support@ (IMAPS), sending through SMTPS as support@.
    /// `toml` is added to the config file (test settings, never secrets).
    pub fn new(ms: &'static Mailstack, folder: &str, toml: &str) -> Live {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("mailcase.toml"),
            format!("database = \"mc.db\"\n{toml}\n"),
        )
        .expect("write config");
        Live {
            ms,
            dir,
            folder: folder.to_string(),
            child: None,
            runs: 0,
            extra_env: Vec::new(),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Sets an environment variable for the daemon and the CLI runs.
    pub fn set_env(&mut self, k: &str, v: &str) {
        self.extra_env.retain(|(n, _)| n != k);
        self.extra_env.push((k.to_string(), v.to_string()));
    }

    /// The environment of the issue: the servers as URLs, secrets in variables.
    pub fn env(&self) -> Vec<(String, String)> {
        let ms = self.ms;
        let mailbox = self.folder.replace('%', "%25").replace('/', "%2F");
        let mut env = vec![
            (
                "MAILCASE_IMAP_URL".to_string(),
                format!("imaps://support%40{}@{}:{}/{mailbox}", ms.domain, ms.host, ms.imaps_port),
            ),
            ("MAILCASE_IMAP_PASSWORD".into(), ms.user("support").1),
            (
                "MAILCASE_SMTP_URL".into(),
                format!("smtps://support%40{}@{}:{}", ms.domain, ms.host, ms.smtps_port),
            ),
            ("MAILCASE_SMTP_PASSWORD".into(), ms.user("support").1),
            ("MAILCASE_TLS_CA_FILE".into(), ms.ca_file.display().to_string()),
            ("MAILCASE_FROM".into(), ms.user("support").0),
        ];
        for (k, v) in &self.extra_env {
            env.retain(|(n, _)| n != k);
            env.push((k.clone(), v.clone()));
        }
        env
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.current_dir(self.dir.path());
        for (k, _) in std::env::vars() {
            if k.starts_with("MAILCASE_") {
                c.env_remove(&k);
            }
        }
        c.env("RUST_LOG", "mailcase=info")
            .env("NO_COLOR", "1")
            .envs(self.env())
            .arg("--config")
            .arg("mailcase.toml")
            .args(args)
            .stdin(Stdio::null());
        c
    }

    /// Starts `mailcase run`; its log goes to `run-N.log`.
    pub fn start(&mut self) {
        assert!(self.child.is_none(), "daemon already running");
        self.runs += 1;
        let log = std::fs::File::create(self.log_path(self.runs)).expect("log file");
        let child = self
            .command(&["run"])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start mailcase run");
        self.child = Some(child);
    }

    fn log_path(&self, run: usize) -> PathBuf {
        self.path(&format!("run-{run}.log"))
    }

    /// The log of the current (or last) run.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path(self.runs)).unwrap_or_default()
    }

    /// Waits until the current run's log has a line containing `needle`.
    pub async fn wait_log(&mut self, needle: &str, deadline: Duration) {
        let until = Instant::now() + deadline;
        while !self.log().contains(needle) {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                panic!("daemon exited ({status}) before logging {needle:?}:\n{}", self.log());
            }
            assert!(Instant::now() < until, "no {needle:?} in the log within {deadline:?}:\n{}", self.log());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL, no chance to clean up.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM, then waits for the exit (at most 60 s); returns its status.
    pub fn term(&mut self) -> std::process::ExitStatus {
        let mut c = self.child.take().expect("daemon running");
        let _ = Command::new("kill")
            .args(["-TERM", &c.id().to_string()])
            .status();
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(s) = c.try_wait().expect("wait") {
                return s;
            }
            if Instant::now() > until {
                let _ = c.kill();
                panic!("mailcase run did not stop within 60 s of SIGTERM:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Runs a CLI command on the same database and config.
    pub fn cli(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("mailcase runs")
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cli(args);
        assert!(
            out.status.success(),
            "mailcase {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("JSON output")
    }

    pub fn status(&self) -> Value {
        self.json(&["status", "--json"])
    }

    /// Polls `status --json` until `pred` holds.
    pub async fn wait_status(&self, what: &str, deadline: Duration, pred: impl Fn(&Value) -> bool) -> Value {
        let until = Instant::now() + deadline;
        loop {
            let s = self.status();
            if pred(&s) {
                return s;
            }
            assert!(
                Instant::now() < until,
                "{what}: not reached within {deadline:?}; status: {s:#}\nlog:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The cases, with their threads.
    pub fn cases(&self) -> Vec<Value> {
        let list = self.json(&["cases", "--json"]);
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| self.json(&["case", "show", c["reference"].as_str().unwrap(), "--json"]))
            .collect()
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.kill();
        if std::thread::panicking() {
            for run in 1..=self.runs {
                let log = std::fs::read_to_string(self.log_path(run)).unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(60).collect();
                eprintln!(
                    "---- mailcase run #{run} (last lines) ----\n{}",
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
                );
            }
        }
    }
}

/// Every message of `user`'s `mailbox`.
pub(crate) async fn fetch_all(ms: &Mailstack, user: &str, mailbox: &str) -> Vec<Fetched> {
    let mut s = ms.imap(user).await;
    s.select(mailbox).await.expect("select");
    let mut out = Vec::new();
    let mut last = 0;
    loop {
        let batch = s.fetch_after(last, 500).await.expect("fetch");
        let Some(l) = batch.last() else { break };
        last = l.uid;
        out.extend(batch);
    }
    let _ = s.logout().await;
    out
}

/// Messages of `user`'s INBOX containing `token`, polled until `n` are there (or the deadline).
pub(crate) async fn wait_count(ms: &Mailstack, user: &str, token: &str, n: usize, deadline: Duration) -> Vec<Fetched> {
    let until = Instant::now() + deadline;
    loop {
        let hits: Vec<Fetched> = fetch_all(ms, user, "INBOX")
            .await
            .into_iter()
            .filter(|f| contains(&f.raw, token))
            .collect();
        if hits.len() >= n || Instant::now() >= until {
            return hits;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn parsed(raw: &[u8]) -> mailcase::parse::ParsedMessage {
    mailcase::parse::parse(raw)
}

/// A reply from `from` to one of our messages, as a mail client writes it.
fn reply_to(ours: &[u8], from: &str, message_id: &str, body: &str) -> Vec<u8> {
    let p = parsed(ours);
    let ours_id = p.message_id.clone().expect("our message has a Message-ID");
    let mut refs = p.references.clone();
    refs.push(ours_id.clone());
    let refs: Vec<String> = refs.iter().map(|r| format!("<{r}>")).collect();
    format!(
        "From: <{from}>\r\nTo: <support@example.test>\r\nSubject: Re: {}\r\nMessage-ID: <{message_id}>\r\n\
         In-Reply-To: <{ours_id}>\r\nReferences: {}\r\nDate: Thu, 26 Nov 2026 11:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
        p.subject,
        refs.join(" "),
        body.replace('\n', "\r\n")
    )
    .into_bytes()
}

fn request_body(username: &str) -> String {
    format!(
        "Hello,\n\nmy PyPI username is {username}. I lost my phone with the authenticator app, so I cannot sign in.\n\nAlice"
    )
}

fn messages_of(case: &Value) -> Vec<&Value> {
    case["messages"].as_array().unwrap().iter().collect()
}

fn out_kinds(case: &Value) -> Vec<String> {
    messages_of(case)
        .iter()
        .filter(|m| m["direction"] == "out")
        .map(|m| m["kind"].as_str().unwrap().to_string())
        .collect()
}

// ------------------------------------------------------------------------- end to end

#[tokio::test]
async fn alice_gets_her_acknowledgement_over_imap_answers_it_and_gets_complete_with_the_whole_thread_in_the_case() {
    let ms = stack!("alice_gets_her_acknowledgement_over_imap_answers_it_and_gets_complete_with_the_whole_thread_in_the_case");
    let _g = ms.shared().await;
    let _inbox = inbox_lock().await;
    ms.expunge("support", "INBOX");
    // IDLE is re-issued every 2 s here, so the follow-up below arrives after several renewals
    let mut live = Live::new(ms, "INBOX", "[imap]\nidle_renew_secs = 2\n");
    live.start();
    live.wait_log("imap mailbox open", Duration::from_secs(30)).await;

    let token = unique("e2e");
    let alice = ms.user("alice").0;
    let request = message(&alice, "support@example.test", &token, &request_body(&format!("alice-{token}")));
    ms.deliver(&alice, &["support@example.test"], &request).await.unwrap();

    let ack = wait_count(ms, "alice", &token, 1, Duration::from_secs(30)).await;
    assert_eq!(ack.len(), 1, "one acknowledgement expected:\n{}", live.log());
    let a = parsed(&ack[0].raw);
    assert_eq!(a.header("auto-submitted"), Some("auto-replied"));
    assert_eq!(a.header("x-auto-response-suppress"), Some("All"));
    assert_eq!(a.header("precedence"), Some("bulk"));
    assert_eq!(a.header("x-mailcase-loop"), Some("support@example.test"));
    assert_eq!(a.in_reply_to, vec![format!("{token}@mailcase.test")]);
    assert!(a.references.contains(&format!("{token}@mailcase.test")), "{:?}", a.references);
    let ack_id = a.message_id.clone().unwrap();
    assert!(ack_id.starts_with("mc.") && ack_id.ends_with("@example.test"), "{ack_id}");
    let reference = live.json(&["cases", "--json"])[0]["reference"].as_str().unwrap().to_string();
    assert!(a.subject.contains(&format!("[{reference}]")) && a.subject.contains(&token), "{}", a.subject);
    assert!(a.from_address() == "support@example.test");
    // the envelope sender is the support address, so bounces come back to it
    assert!(contains(&ack[0].raw, "Return-Path: <support@example.test>"));

    // after a few IDLE renewals, alice answers the numbered questions
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let reply_id = format!("{token}-reply@mailcase.test");
    let reply = reply_to(&ack[0].raw, &alice, &reply_id, "1. Yes\n2. Lost\n3. Yes\n4. Yes\n\nAlice");
    ms.deliver(&alice, &["support@example.test"], &reply).await.unwrap();
    let both = wait_count(ms, "alice", &token, 2, Duration::from_secs(30)).await;
    assert_eq!(both.len(), 2, "acknowledgement and complete expected:\n{}", live.log());
    let complete = both.iter().map(|f| parsed(&f.raw)).find(|p| p.message_id.as_deref() != Some(&ack_id)).unwrap();
    assert_eq!(complete.in_reply_to, vec![reply_id.clone()]);
    assert!(complete.references.contains(&ack_id) && complete.references.contains(&reply_id));
    assert_eq!(complete.header("auto-submitted"), Some("auto-replied"));

    let case = live.json(&["case", "show", &reference, "--json"]);
    assert_eq!(case["status"], "ready_for_review", "{case:#}");
    let thread: Vec<(String, String, String)> = messages_of(&case)
        .iter()
        .map(|m| {
            (
                m["direction"].as_str().unwrap().to_string(),
                m["kind"].as_str().unwrap().to_string(),
                m["message_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        thread,
        vec![
            ("in".into(), "request".into(), format!("<{token}@mailcase.test>")),
            ("out".into(), "acknowledgement".into(), format!("<{ack_id}>")),
            ("in".into(), "follow_up".into(), format!("<{reply_id}>")),
            ("out".into(), "complete".into(), format!("<{}>", complete.message_id.clone().unwrap())),
        ]
    );
    assert!(messages_of(&case).iter().filter(|m| m["direction"] == "out").all(|m| m["status"] == "sent"));

    let st = live.status();
    let mb = &st["mailboxes"][0];
    assert_eq!(mb["mailbox"], "INBOX");
    assert!(mb["uid_validity"].as_u64().unwrap() > 0 && mb["last_uid"].as_u64().unwrap() >= 2, "{st:#}");
    assert_eq!(mb["backlog"], 0);
    assert_eq!(st["outbox"]["sent"], 2);
    // the server is left untouched: nothing marked \Seen
    assert!(ms.flags("support", "INBOX").iter().all(|(_, f)| !f.contains("\\Seen")));
    assert!(live.term().success(), "SIGTERM ends the daemon cleanly:\n{}", live.log());
    assert!(live.log().contains("stopped"));
}
