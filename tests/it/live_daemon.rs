//! `mailcase run` as a live daemon against the real Dovecot + Postfix of `mailstack`: the built
//! binary, configured through the environment (`MAILCASE_IMAP_URL`, `MAILCASE_SMTP_URL`, …) plus
//! a small config file for test settings, watching a folder of the support account.
//!
//! Each test skips (prints `SKIPPED ...`) without a stack. Tests that watch the support INBOX
//! (mail sent to support@ over SMTP lands there) take [`inbox_lock`] so two daemons never read
//! it at once; the others watch a folder of their own. Tests that stop a server take
//! `Mailstack::exclusive`. No timing is asserted; deadlines only bound waiting.

use std::collections::{HashMap, HashSet};
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
                format!(
                    "imaps://support%40{}@{}:{}/{mailbox}",
                    ms.domain, ms.host, ms.imaps_port
                ),
            ),
            ("MAILCASE_IMAP_PASSWORD".into(), ms.user("support").1),
            (
                "MAILCASE_SMTP_URL".into(),
                format!(
                    "smtps://support%40{}@{}:{}",
                    ms.domain, ms.host, ms.smtps_port
                ),
            ),
            ("MAILCASE_SMTP_PASSWORD".into(), ms.user("support").1),
            (
                "MAILCASE_TLS_CA_FILE".into(),
                ms.ca_file.display().to_string(),
            ),
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
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!(
                    "daemon exited ({status}) before logging {needle:?}:\n{}",
                    self.log()
                );
            }
            assert!(
                Instant::now() < until,
                "no {needle:?} in the log within {deadline:?}:\n{}",
                self.log()
            );
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
                panic!(
                    "mailcase run did not stop within 60 s of SIGTERM:\n{}",
                    self.log()
                );
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
    pub async fn wait_status(
        &self,
        what: &str,
        deadline: Duration,
        pred: impl Fn(&Value) -> bool,
    ) -> Value {
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
pub(crate) async fn wait_count(
    ms: &Mailstack,
    user: &str,
    token: &str,
    n: usize,
    deadline: Duration,
) -> Vec<Fetched> {
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
async fn alice_gets_her_acknowledgement_over_imap_answers_it_and_gets_complete_with_the_whole_thread_in_the_case()
 {
    let ms = stack!(
        "alice_gets_her_acknowledgement_over_imap_answers_it_and_gets_complete_with_the_whole_thread_in_the_case"
    );
    let _g = ms.shared().await;
    let _inbox = inbox_lock().await;
    ms.expunge("support", "INBOX");
    // IDLE is re-issued every 2 s here, so the follow-up below arrives after several renewals
    let mut live = Live::new(ms, "INBOX", "[imap]\nidle_renew_secs = 2\n");
    live.start();
    live.wait_log("imap mailbox open", Duration::from_secs(30))
        .await;

    let token = unique("e2e");
    let alice = ms.user("alice").0;
    let request = message(
        &alice,
        "support@example.test",
        &token,
        &request_body(&format!("alice-{token}")),
    );
    ms.deliver(&alice, &["support@example.test"], &request)
        .await
        .unwrap();

    let ack = wait_count(ms, "alice", &token, 1, Duration::from_secs(30)).await;
    assert_eq!(
        ack.len(),
        1,
        "one acknowledgement expected:\n{}",
        live.log()
    );
    let a = parsed(&ack[0].raw);
    assert_eq!(a.header("auto-submitted"), Some("auto-replied"));
    assert_eq!(a.header("x-auto-response-suppress"), Some("All"));
    assert_eq!(a.header("precedence"), Some("bulk"));
    assert_eq!(a.header("x-mailcase-loop"), Some("support@example.test"));
    assert_eq!(a.in_reply_to, vec![format!("{token}@mailcase.test")]);
    assert!(
        a.references.contains(&format!("{token}@mailcase.test")),
        "{:?}",
        a.references
    );
    let ack_id = a.message_id.clone().unwrap();
    assert!(
        ack_id.starts_with("mc.") && ack_id.ends_with("@example.test"),
        "{ack_id}"
    );
    let reference = live.json(&["cases", "--json"])[0]["reference"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        a.subject.contains(&format!("[{reference}]")) && a.subject.contains(&token),
        "{}",
        a.subject
    );
    assert!(a.from_address() == "support@example.test");
    // the envelope sender is the support address, so bounces come back to it
    assert!(contains(&ack[0].raw, "Return-Path: <support@example.test>"));

    // after a few IDLE renewals, alice answers the numbered questions
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let reply_id = format!("{token}-reply@mailcase.test");
    let reply = reply_to(
        &ack[0].raw,
        &alice,
        &reply_id,
        "1. Yes\n2. Lost\n3. Yes\n4. Yes\n\nAlice",
    );
    ms.deliver(&alice, &["support@example.test"], &reply)
        .await
        .unwrap();
    let both = wait_count(ms, "alice", &token, 2, Duration::from_secs(30)).await;
    assert_eq!(
        both.len(),
        2,
        "acknowledgement and complete expected:\n{}",
        live.log()
    );
    let complete = both
        .iter()
        .map(|f| parsed(&f.raw))
        .find(|p| p.message_id.as_deref() != Some(&ack_id))
        .unwrap();
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
            (
                "in".into(),
                "request".into(),
                format!("<{token}@mailcase.test>")
            ),
            (
                "out".into(),
                "acknowledgement".into(),
                format!("<{ack_id}>")
            ),
            ("in".into(), "follow_up".into(), format!("<{reply_id}>")),
            (
                "out".into(),
                "complete".into(),
                format!("<{}>", complete.message_id.clone().unwrap())
            ),
        ]
    );
    assert!(
        messages_of(&case)
            .iter()
            .filter(|m| m["direction"] == "out")
            .all(|m| m["status"] == "sent")
    );

    let st = live.status();
    let mb = &st["mailboxes"][0];
    assert_eq!(mb["mailbox"], "INBOX");
    assert!(
        mb["uid_validity"].as_u64().unwrap() > 0 && mb["last_uid"].as_u64().unwrap() >= 2,
        "{st:#}"
    );
    assert_eq!(mb["backlog"], 0);
    assert_eq!(st["outbox"]["sent"], 2);
    // the server is left untouched: nothing marked \Seen
    assert!(
        ms.flags("support", "INBOX")
            .iter()
            .all(|(_, f)| !f.contains("\\Seen"))
    );
    assert!(
        live.term().success(),
        "SIGTERM ends the daemon cleanly:\n{}",
        live.log()
    );
    assert!(live.log().contains("stopped"));
}

// ------------------------------------------------------------------------- crashes

/// A tiny deterministic random source (xorshift), seeded and printed so a failure can be rerun.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("MAILCASE_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        println!("crash schedule seed {seed} (rerun with MAILCASE_CRASH_SEED={seed})");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// gen-mailload's synthetic support traffic, in file-name order.
pub(crate) fn mailload(shared: &Path, n: usize, seed: u32) -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(shared.join("tools/gen-mailload"))
        .args([
            "-n",
            &n.to_string(),
            "--seed",
            &seed.to_string(),
            "--format",
            "maildir",
        ])
        .arg(dir.path().join("md"))
        .output()
        .expect("run gen-mailload");
    assert!(
        out.status.success(),
        "gen-mailload: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<PathBuf> = ["new", "cur"]
        .iter()
        .flat_map(|sub| {
            std::fs::read_dir(dir.path().join("md").join(sub))
                .into_iter()
                .flatten()
        })
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// What the same messages give through `mailcase ingest` (no servers, file outbox): the
/// stored Message-IDs and the automated mail, as `(answered Message-ID, kind, status)`.
fn offline(live: &Live, msgs: &[Vec<u8>]) -> (Vec<String>, Vec<(String, String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    for (i, m) in msgs.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i:06}.eml")), m).unwrap();
    }
    let run = |args: &[&str]| {
        let out = Command::new(bin())
            .current_dir(live.dir.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("RUST_LOG", "mailcase=warn")
            .args(["--config", "mailcase.toml", "--db", "offline.db"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["ingest", dir.path().to_str().unwrap()]);
    let stored = message_ids(&serde_json::from_str(&run(&["messages", "--json"])).unwrap());
    let list: Value = serde_json::from_str(&run(&["cases", "--json"])).unwrap();
    let mut outs = Vec::new();
    for c in list.as_array().unwrap() {
        let case: Value = serde_json::from_str(&run(&[
            "case",
            "show",
            c["reference"].as_str().unwrap(),
            "--json",
        ]))
        .unwrap();
        outs.extend(automated(&case));
    }
    outs.sort();
    (stored, outs)
}

fn message_ids(list: &Value) -> Vec<String> {
    let mut v: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

/// `(answered Message-ID, kind, status)` of a case's outbound mail.
fn automated(case: &Value) -> Vec<(String, String, String)> {
    messages_of(case)
        .iter()
        .filter(|m| m["direction"] == "out")
        .map(|m| {
            (
                m["in_reply_to"].as_str().unwrap_or("").to_string(),
                m["kind"].as_str().unwrap().to_string(),
                m["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn killed_at_random_points_while_draining_a_backlog_it_stores_every_message_once_and_never_sends_a_reply_twice()
 {
    let ms = stack!(
        "killed_at_random_points_while_draining_a_backlog_it_stores_every_message_once_and_never_sends_a_reply_twice"
    );
    let Some(shared) =
        crate::support::shared_dir("killed_at_random_points_while_draining_a_backlog")
    else {
        return;
    };
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "crash");
    let msgs = mailload(&shared, 400, 7);
    ms.seed_maildir("support", &folder, &msgs).unwrap();
    // no rate limit or hourly cap here: the replies should be in flight while the kills land
    let mut live = Live::new(
        ms,
        &folder,
        "[smtp]\nrate_per_minute = 0\n[limits]\nglobal_per_hour = 0\n",
    );
    let (expected_stored, expected_out) = offline(&live, &msgs);

    let mut rng = Rng::new();
    let mut terms = 0;
    for round in 0..15 {
        live.start();
        tokio::time::sleep(Duration::from_millis(100 + rng.below(1400))).await;
        if round % 5 == 4 {
            // a graceful stop now and then: it must end cleanly, finishing what it holds
            let status = live.term();
            assert!(status.success(), "SIGTERM exit {status}:\n{}", live.log());
            // a graceful stop finishes the sends in flight: nothing is left mid-handover
            assert_eq!(live.status()["outbox"]["sending"], 0, "{}", live.log());
            terms += 1;
        } else {
            live.kill();
        }
    }
    live.start();
    live.wait_log("mailcase running", Duration::from_secs(60))
        .await;
    let n = expected_stored.len();
    live.wait_status("drained and delivered", Duration::from_secs(180), |s| {
        let o = &s["outbox"];
        s["pending_messages"] == 0
            && o["queued"] == 0
            && o["retrying"] == 0
            && o["sending"] == 0
            && s["mailboxes"][0]["last_uid"].as_u64() == Some(msgs.len() as u64)
    })
    .await;
    assert!(live.term().success());

    // every message stored exactly once
    assert_eq!(
        message_ids(&live.json(&["messages", "--json"])),
        expected_stored
    );
    assert_eq!(n, expected_stored.len());
    // every case got exactly the automated mail it should (answered message and kind)
    let cases = live.cases();
    let mut got: Vec<(String, String, String)> = cases.iter().flat_map(automated).collect();
    got.sort();
    let strip = |v: &[(String, String, String)]| -> Vec<(String, String)> {
        v.iter().map(|(a, k, _)| (a.clone(), k.clone())).collect()
    };
    assert_eq!(
        strip(&got),
        strip(&expected_out),
        "automated mail differs from a crash-free ingest"
    );
    let uncertain: HashSet<String> = cases
        .iter()
        .flat_map(|c| {
            messages_of(c)
                .into_iter()
                .filter(|m| m["status"] == "uncertain")
                .map(|m| m["message_id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let sent: HashSet<String> = cases
        .iter()
        .flat_map(|c| {
            messages_of(c)
                .into_iter()
                .filter(|m| m["direction"] == "out" && m["status"] == "sent")
                .map(|m| m["message_id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        sent.len() + uncertain.len(),
        got.iter().filter(|(_, _, s)| s != "suppressed").count()
    );

    // uncertain rows are reported to staff, with the reason
    let st = live.status();
    let reported: HashSet<String> = st["attention"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == "uncertain")
        .map(|a| a["message_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        reported, uncertain,
        "every uncertain row is listed by `mailcase status`"
    );

    // the requesters' mailboxes (all external, so catchall@) hold each sent reply exactly once,
    // and each uncertain one at most once
    let until = Instant::now() + Duration::from_secs(120);
    let counts = loop {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for f in fetch_all(ms, "catchall", "INBOX").await {
            if let Some(id) = parsed(&f.raw).message_id {
                let id = format!("<{id}>");
                if sent.contains(&id) || uncertain.contains(&id) {
                    *counts.entry(id).or_default() += 1;
                }
            }
        }
        if sent.iter().all(|id| counts.contains_key(id)) || Instant::now() > until {
            break counts;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    for id in &sent {
        assert_eq!(
            counts.get(id).copied().unwrap_or(0),
            1,
            "sent reply {id} delivered {:?} times",
            counts.get(id)
        );
    }
    let arrived = uncertain
        .iter()
        .filter(|id| counts.contains_key(*id))
        .count();
    for id in &uncertain {
        assert!(
            counts.get(id).copied().unwrap_or(0) <= 1,
            "uncertain reply {id} delivered twice"
        );
    }
    println!(
        "{} messages, {} replies sent once each, {} uncertain ({} of them arrived, none twice), {terms} SIGTERM and {} SIGKILL",
        n,
        sent.len(),
        uncertain.len(),
        arrived,
        15 - terms
    );
    ms.delete_folder("support", &folder);
}

// ------------------------------------------------------------------------- server faults

/// APPENDs `raw` to support@'s `folder` (as mail arriving there).
async fn arrive(ms: &Mailstack, folder: &str, raw: &[u8]) {
    let mut s = ms.imap("support").await;
    s.append(folder, raw, &[]).await.expect("append");
    let _ = s.logout().await;
}

#[tokio::test]
async fn after_dovecot_restarts_under_the_idling_daemon_it_reconnects_by_itself_and_answers_the_next_message()
 {
    let ms = stack!(
        "after_dovecot_restarts_under_the_idling_daemon_it_reconnects_by_itself_and_answers_the_next_message"
    );
    let _x = ms.exclusive().await;
    let folder = ms.fresh_folder("support", "restart");
    let mut live = Live::new(ms, &folder, "");
    live.start();
    live.wait_log("imap mailbox open", Duration::from_secs(30))
        .await;
    let alice = ms.user("alice").0;

    let t1 = unique("before");
    arrive(
        ms,
        &folder,
        &message(
            &alice,
            "support@example.test",
            &t1,
            &request_body("alice-before"),
        ),
    )
    .await;
    assert_eq!(
        wait_count(ms, "alice", &t1, 1, Duration::from_secs(30))
            .await
            .len(),
        1
    );

    let down = ms.stop_dovecot().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    drop(down); // start.sh brings Dovecot back
    let t2 = unique("after");
    arrive(
        ms,
        &folder,
        &message(
            &alice,
            "support@example.test",
            &t2,
            &request_body("alice-after"),
        ),
    )
    .await;
    let acks = wait_count(ms, "alice", &t2, 1, Duration::from_secs(60)).await;
    assert_eq!(
        acks.len(),
        1,
        "no acknowledgement after the restart:\n{}",
        live.log()
    );
    let log = live.log();
    assert!(log.contains("imap session ended; reconnecting"), "{log}");
    assert_eq!(
        log.matches("imap mailbox open").count(),
        2,
        "one reconnect expected:\n{log}"
    );
    let st = live.status();
    assert!(
        st["mailboxes"][0]["last_error"].is_null(),
        "a good poll clears the error: {st:#}"
    );
    assert!(live.term().success());
    ms.delete_folder("support", &folder);
}

#[tokio::test]
async fn replies_queued_while_postfix_is_down_or_refuses_our_login_are_held_then_each_delivered_once()
 {
    let ms = stack!(
        "replies_queued_while_postfix_is_down_or_refuses_our_login_are_held_then_each_delivered_once"
    );
    let _x = ms.exclusive().await;
    let folder = ms.fresh_folder("support", "relay");
    // this daemon polls instead of idling: the fallback for servers without IDLE; its SMTP
    // password comes from a file, read again whenever the sender is rebuilt
    let mut live = Live::new(
        ms,
        &folder,
        "[imap]\nidle = false\npoll_interval_secs = 1\n[smtp]\npassword_file = \"smtp.pw\"\n",
    );
    std::fs::write(live.path("smtp.pw"), ms.user("support").1).unwrap();
    live.start();
    live.wait_log("imap mailbox open", Duration::from_secs(30))
        .await;
    let alice = ms.user("alice").0;

    let down = ms.stop_postfix().await;
    // while the relay is down, its password "changes": after the restart the relay refuses the
    // login, which must hold the queue, not fail the messages
    std::fs::write(live.path("smtp.pw"), "not-the-password").unwrap();
    let tokens: Vec<String> = (0..3).map(|_| unique("relay")).collect();
    for t in &tokens {
        arrive(
            ms,
            &folder,
            &message(
                &alice,
                "support@example.test",
                t,
                &request_body(&format!("a-{t}")),
            ),
        )
        .await;
    }
    live.wait_status("three replies queued", Duration::from_secs(30), |s| {
        s["outbox"]["queued"] == 3
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let st = live.status();
    assert_eq!(
        (
            st["outbox"]["queued"].as_i64(),
            st["outbox"]["retrying"].as_i64(),
            st["outbox"]["sent"].as_i64()
        ),
        (Some(3), Some(0), Some(0)),
        "a relay that is down is not the messages' fault: {st:#}"
    );
    assert!(
        live.log()
            .contains("smtp relay unavailable; delivery paused")
    );
    drop(down); // start.sh brings Postfix back
    let st = live
        .wait_status("the queue is held", Duration::from_secs(90), |s| {
            !s["outbox_hold"].is_null()
        })
        .await;
    assert!(
        st["outbox_hold"]["reason"]
            .as_str()
            .unwrap()
            .contains("535"),
        "{st:#}"
    );
    assert_eq!(
        (
            st["outbox"]["queued"].as_i64(),
            st["outbox"]["failed"].as_i64(),
            st["outbox"]["retrying"].as_i64()
        ),
        (Some(3), Some(0), Some(0)),
        "a refused login is not the messages' fault: {st:#}"
    );
    assert!(
        live.log().contains("outbox held"),
        "the operator is told:\n{}",
        live.log()
    );
    std::fs::write(live.path("smtp.pw"), ms.user("support").1).unwrap();

    for t in &tokens {
        let got = wait_count(ms, "alice", t, 1, Duration::from_secs(90)).await;
        assert_eq!(got.len(), 1, "reply for {t} not delivered:\n{}", live.log());
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    for t in &tokens {
        assert_eq!(
            wait_count(ms, "alice", t, 1, Duration::ZERO).await.len(),
            1,
            "{t} delivered twice"
        );
    }
    let st = live.status();
    assert_eq!(st["outbox"]["sent"], 3);
    assert!(st["outbox_hold"].is_null(), "the hold is lifted: {st:#}");
    assert!(live.log().contains("outbox hold lifted"));
    assert!(live.term().success());
    ms.delete_folder("support", &folder);
}

#[tokio::test]
async fn mailcase_run_refuses_a_certificate_from_another_ca_or_for_another_host_in_one_line() {
    let ms = stack!(
        "mailcase_run_refuses_a_certificate_from_another_ca_or_for_another_host_in_one_line"
    );
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "tls");
    let one_line_error = |live: &Live| -> String {
        let out = live.cli(&["run"]);
        assert_eq!(out.status.code(), Some(2), "mailcase run should fail");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("mailcase:")).collect();
        assert_eq!(lines.len(), 1, "{err}");
        assert!(!err.contains("support-secret"), "{err}");
        lines[0].to_string()
    };

    let mut live = Live::new(ms, &folder, "");
    let other = crate::live_net::other_ca(live.dir.path());
    live.set_env("MAILCASE_TLS_CA_FILE", other.to_str().unwrap());
    let e = one_line_error(&live);
    println!("{e}");
    assert!(
        e.contains("not trusted: unknown issuer") && e.contains(other.to_str().unwrap()),
        "{e}"
    );

    let live = Live::new(ms, &folder, "[imap]\ntls_name = \"wrong.example.test\"\n");
    let e = one_line_error(&live);
    println!("{e}");
    assert!(
        e.contains("not valid for name wrong.example.test") && e.contains("localhost"),
        "{e}"
    );

    let live = Live::new(ms, &folder, "[smtp]\ntls_name = \"wrong.example.test\"\n");
    let e = one_line_error(&live);
    println!("{e}");
    assert!(
        e.contains("smtp") && e.contains("not valid for name wrong.example.test"),
        "{e}"
    );

    let mut live = Live::new(ms, &folder, "");
    live.set_env("MAILCASE_IMAP_PASSWORD", "wrong-password");
    let e = one_line_error(&live);
    println!("{e}");
    assert!(
        e.contains("refused") && !e.contains("wrong-password"),
        "{e}"
    );
    ms.delete_folder("support", &folder);
}

// ------------------------------------------------------------------------- loop brakes

/// An auto-responder as careless as they come: every mail from support@ carrying `token` that
/// lands in bob's INBOX is answered over SMTP, threaded, with none of the auto-reply headers.
/// Returns how many answers it sent.
async fn responder(
    ms: &'static Mailstack,
    token: String,
    stop: tokio_util::sync::CancellationToken,
) -> usize {
    let bob = ms.user("bob").0;
    let mut seen: HashSet<u32> = HashSet::new();
    let mut sent = 0;
    while !stop.is_cancelled() {
        for f in fetch_all(ms, "bob", "INBOX").await {
            if !contains(&f.raw, &token) || !seen.insert(f.uid) {
                continue;
            }
            if parsed(&f.raw).from_address() != "support@example.test" {
                continue;
            }
            // like most vacation responders, each answer names the mail it answers; an
            // identical text every time would already be stopped by the repeat rule (an
            // unchanged resend is filed, not answered), and this test is about the cap
            let text = format!(
                "Thank you for contacting me. Your message number {} has been received and will be answered as soon as possible.",
                sent + 1
            );
            let answer = reply_to(
                &f.raw,
                &bob,
                &format!("{}@responder.invalid", unique("auto")),
                &text,
            );
            ms.deliver(&bob, &["support@example.test"], &answer)
                .await
                .expect("responder sends");
            sent += 1;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    sent
}

#[tokio::test]
async fn an_auto_responder_answering_everything_gets_at_most_the_daily_cap_and_the_cap_holds_after_a_restart()
 {
    let ms = stack!(
        "an_auto_responder_answering_everything_gets_at_most_the_daily_cap_and_the_cap_holds_after_a_restart"
    );
    let _g = ms.shared().await;
    let _inbox = inbox_lock().await;
    ms.expunge("support", "INBOX");
    let mut live = Live::new(ms, "INBOX", "[limits]\nper_address_per_day = 3\n");
    live.start();
    live.wait_log("imap mailbox open", Duration::from_secs(30))
        .await;

    let token = unique("loop");
    let bob = ms.user("bob").0;
    let stop = tokio_util::sync::CancellationToken::new();
    let responder = tokio::spawn(responder(ms, token.clone(), stop.clone()));
    ms.deliver(
        &bob,
        &["support@example.test"],
        &message(
            &bob,
            "support@example.test",
            &token,
            &request_body("bob-loop"),
        ),
    )
    .await
    .unwrap();
    // acknowledgement, then a missing_info for each answer, until the cap stops the exchange
    live.wait_status("the cap is reached", Duration::from_secs(60), |s| {
        s["outbox"]["suppressed"] == 1
    })
    .await;
    let mut last = 0;
    let quiet_until = Instant::now() + Duration::from_secs(30);
    loop {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let n = wait_count(ms, "bob", &token, 0, Duration::ZERO).await.len();
        if n == last || Instant::now() > quiet_until {
            break;
        }
        last = n;
    }
    let to_bob = wait_count(ms, "bob", &token, 0, Duration::ZERO).await;
    assert_eq!(
        to_bob.len(),
        3,
        "exactly the cap of automated mail reaches the responder:\n{}",
        live.log()
    );
    let st = live.status();
    assert_eq!(
        (
            st["outbox"]["sent"].as_i64(),
            st["outbox"]["suppressed"].as_i64()
        ),
        (Some(3), Some(1)),
        "{st:#}"
    );
    let reference = live.json(&["cases", "--json"])[0]["reference"]
        .as_str()
        .unwrap()
        .to_string();
    let case = live.json(&["case", "show", &reference, "--json"]);
    assert_eq!(
        out_kinds(&case),
        vec![
            "acknowledgement",
            "missing_info",
            "missing_info",
            "missing_info"
        ],
        "{case:#}"
    );
    let suppressed = messages_of(&case)
        .into_iter()
        .find(|m| m["status"] == "suppressed")
        .unwrap();
    assert!(suppressed["text"].is_string());

    // the count lives in the outbox: a restart does not reset it
    assert!(live.term().success());
    live.start();
    live.wait_log("imap mailbox open", Duration::from_secs(30))
        .await;
    let again = reply_to(
        &to_bob[0].raw,
        &bob,
        &format!("{}@responder.invalid", unique("again")),
        "Any news?",
    );
    ms.deliver(&bob, &["support@example.test"], &again)
        .await
        .unwrap();
    live.wait_status(
        "the next answer is suppressed too",
        Duration::from_secs(30),
        |s| s["outbox"]["suppressed"] == 2,
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        wait_count(ms, "bob", &token, 0, Duration::ZERO).await.len(),
        3
    );
    stop.cancel();
    let answers = responder.await.unwrap();
    assert_eq!(
        answers, 3,
        "the responder answered each of our three messages once"
    );
    assert!(live.term().success());
}

#[tokio::test]
async fn the_hourly_cap_holds_replies_back_across_a_restart() {
    let ms = stack!("the_hourly_cap_holds_replies_back_across_a_restart");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "cap");
    let mut live = Live::new(ms, &folder, "[limits]\nglobal_per_hour = 2\n");
    let alice = ms.user("alice").0;
    let tokens: Vec<String> = (0..4).map(|_| unique("cap")).collect();
    for t in &tokens {
        arrive(
            ms,
            &folder,
            &message(
                &alice,
                "support@example.test",
                t,
                &request_body(&format!("c-{t}")),
            ),
        )
        .await;
    }
    live.start();
    live.wait_status("two sent, two held", Duration::from_secs(30), |s| {
        s["outbox"]["sent"] == 2 && s["outbox"]["queued"] == 2
    })
    .await;
    assert!(live.term().success());
    live.start();
    live.wait_log("mailcase running", Duration::from_secs(30))
        .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let st = live.status();
    assert_eq!(
        (
            st["outbox"]["sent"].as_i64(),
            st["outbox"]["queued"].as_i64()
        ),
        (Some(2), Some(2)),
        "{st:#}"
    );
    let delivered: usize = {
        let mut n = 0;
        for t in &tokens {
            n += wait_count(ms, "alice", t, 0, Duration::ZERO).await.len();
        }
        n
    };
    assert!(
        delivered <= 2,
        "{delivered} replies delivered under a cap of 2"
    );
    assert!(live.log().contains("hourly cap on automated mail reached"));
    assert!(live.term().success());
    ms.delete_folder("support", &folder);
}

#[tokio::test]
async fn a_recipient_the_relay_refuses_is_failed_with_its_answer_and_then_gets_no_automated_mail() {
    let ms = stack!(
        "a_recipient_the_relay_refuses_is_failed_with_its_answer_and_then_gets_no_automated_mail"
    );
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "bounce");
    let mut live = Live::new(ms, &folder, "");
    // nobody@example.test does not exist: Postfix refuses it at RCPT with 550 5.1.1
    let nobody = format!("nobody-{}@example.test", unique(""));
    let t1 = unique("hard");
    arrive(
        ms,
        &folder,
        &message(
            &nobody,
            "support@example.test",
            &t1,
            &request_body("nobody1"),
        ),
    )
    .await;
    live.start();
    let st = live
        .wait_status("the reply failed", Duration::from_secs(30), |s| {
            s["outbox"]["failed"] == 1
        })
        .await;
    let a = &st["attention"][0];
    assert_eq!(a["status"], "failed");
    assert!(a["reason"].as_str().unwrap().contains("550"), "{a:#}");
    assert!(
        st["suppressions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["address"] == nobody.as_str()),
        "{st:#}"
    );
    let t2 = unique("hard");
    arrive(
        ms,
        &folder,
        &message(
            &nobody,
            "support@example.test",
            &t2,
            &request_body("nobody2"),
        ),
    )
    .await;
    let st = live
        .wait_status(
            "the next reply is suppressed",
            Duration::from_secs(30),
            |s| s["outbox"]["suppressed"] == 1,
        )
        .await;
    assert_eq!(st["outbox"]["failed"], 1, "not even tried: {st:#}");
    assert!(live.term().success());
    ms.delete_folder("support", &folder);
}

// ------------------------------------------------------------------------- one pass (`run --once`)

fn run_once(live: &Live) -> String {
    let out = live.cli(&["run", "--once"]);
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "mailcase run --once failed:\n{log}");
    log
}

fn db_query(live: &Live, query: &str) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c=sqlite3.connect({:?}); print(c.execute({query:?}).fetchall())",
            live.path("mc.db").to_str().unwrap()
        ))
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[tokio::test]
async fn seen_is_set_only_after_the_commit_and_an_interrupted_marking_is_finished_at_the_next_connection()
 {
    let ms = stack!(
        "seen_is_set_only_after_the_commit_and_an_interrupted_marking_is_finished_at_the_next_connection"
    );
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "seen");
    let alice = ms.user("alice").0;
    let msgs: Vec<Vec<u8>> = (0..3)
        .map(|i| {
            message(
                &alice,
                "support@example.test",
                &unique("seen"),
                &request_body(&format!("seen{i}")),
            )
        })
        .collect();
    ms.seed_maildir("support", &folder, &msgs).unwrap();
    ms.doveadm_flags_remove("support", &folder, "\\Seen");
    let live = Live::new(ms, &folder, "[imap]\nafter_commit = \"seen\"\n");
    run_once(&live);
    let flags = ms.flags("support", &folder);
    assert_eq!(flags.len(), 3);
    assert!(flags.iter().all(|(_, f)| f.contains("\\Seen")), "{flags:?}");
    assert_eq!(
        db_query(&live, "SELECT last_uid, marked_uid FROM imap_mailboxes"),
        "[(3, 3)]"
    );

    // a crash between the commit and the marking: the next connection finishes it
    ms.doveadm_flags_remove("support", &folder, "\\Seen");
    sql_exec(&live, "UPDATE imap_mailboxes SET marked_uid = 1");
    let log = run_once(&live);
    assert!(
        !log.contains("imap batch committed"),
        "nothing is fetched twice:\n{log}"
    );
    let flags = ms.flags("support", &folder);
    assert!(
        !flags[0].1.contains("\\Seen"),
        "uid 1 was marked before the crash: {flags:?}"
    );
    assert!(
        flags[1..].iter().all(|(_, f)| f.contains("\\Seen")),
        "{flags:?}"
    );
    assert_eq!(live.status()["outbox"]["sent"], 3);
    ms.delete_folder("support", &folder);
}

fn sql_exec(live: &Live, statement: &str) {
    let status = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c=sqlite3.connect({:?}); c.execute({statement:?}); c.commit()",
            live.path("mc.db").to_str().unwrap()
        ))
        .status()
        .expect("python3 runs");
    assert!(status.success());
}

#[tokio::test]
async fn processed_mail_is_moved_to_a_folder_after_the_commit_and_is_not_read_again() {
    let ms = stack!("processed_mail_is_moved_to_a_folder_after_the_commit_and_is_not_read_again");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "move");
    let done = format!("{folder}-done");
    let alice = ms.user("alice").0;
    let msgs: Vec<Vec<u8>> = (0..2)
        .map(|i| {
            message(
                &alice,
                "support@example.test",
                &unique("move"),
                &request_body(&format!("move{i}")),
            )
        })
        .collect();
    ms.seed_maildir("support", &folder, &msgs).unwrap();
    let live = Live::new(
        ms,
        &folder,
        &format!("[imap]\nafter_commit = \"move\"\nmove_to = \"{done}\"\n"),
    );
    run_once(&live);
    assert_eq!(
        (ms.count("support", &folder), ms.count("support", &done)),
        (0, 2)
    );
    let log = run_once(&live);
    assert!(!log.contains("imap batch committed"), "{log}");
    assert_eq!(
        live.json(&["messages", "--json"]).as_array().unwrap().len(),
        2
    );
    ms.delete_folder("support", &folder);
    ms.delete_folder("support", &done);
}

#[tokio::test]
async fn a_new_uidvalidity_rereads_the_mailbox_and_stores_nothing_twice() {
    let ms = stack!("a_new_uidvalidity_rereads_the_mailbox_and_stores_nothing_twice");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "validity");
    let alice = ms.user("alice").0;
    let tokens: Vec<String> = (0..4).map(|_| unique("uv")).collect();
    let msgs: Vec<Vec<u8>> = tokens
        .iter()
        .map(|t| {
            message(
                &alice,
                "support@example.test",
                t,
                &request_body(&format!("uv-{t}")),
            )
        })
        .collect();
    ms.seed_maildir("support", &folder, &msgs[..3]).unwrap();
    let live = Live::new(ms, &folder, "");
    run_once(&live);
    let before = db_query(&live, "SELECT uid_validity FROM imap_mailboxes");

    // the folder is rebuilt (a server migration, a restore): same name, new UIDVALIDITY
    ms.delete_folder("support", &folder);
    ms.seed_maildir("support", &folder, &msgs).unwrap();
    let log = run_once(&live);
    assert!(log.contains("UIDVALIDITY changed"), "{log}");
    assert_ne!(
        db_query(&live, "SELECT uid_validity FROM imap_mailboxes"),
        before
    );
    assert_eq!(
        live.json(&["messages", "--json"]).as_array().unwrap().len(),
        4
    );
    assert_eq!(
        live.status()["outbox"]["sent"],
        4,
        "one acknowledgement per request, not one per read"
    );
    for t in &tokens {
        assert_eq!(
            wait_count(ms, "alice", t, 1, Duration::from_secs(30))
                .await
                .len(),
            1,
            "{t}"
        );
    }
    ms.delete_folder("support", &folder);
}

#[tokio::test]
async fn a_message_over_the_size_limit_is_stored_header_only_and_flagged_not_dropped() {
    let ms = stack!("a_message_over_the_size_limit_is_stored_header_only_and_flagged_not_dropped");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "big");
    let alice = ms.user("alice").0;
    let token = unique("big");
    let mut body = request_body("big-one");
    body.push_str(
        &"\nattached scan: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            .repeat(1000),
    );
    let big = message(&alice, "support@example.test", &token, &body);
    assert!(big.len() > 60_000);
    ms.seed_maildir("support", &folder, std::slice::from_ref(&big))
        .unwrap();
    let live = Live::new(ms, &folder, "max_message_bytes = 20000\n");
    let log = run_once(&live);
    assert!(log.contains("only its header is stored"), "{log}");
    let sizes = db_query(
        &live,
        "SELECT m.size, length(r.raw) FROM messages m JOIN message_raw r ON r.message_id = m.id",
    );
    assert_eq!(sizes, format!("[({}, {})]", big.len(), header_len(&big)));
    let cases = live.cases();
    assert_eq!(cases.len(), 1, "the message still opens its case");
    let problems = cases[0]["messages"][0]["problems"].to_string();
    assert!(problems.contains("oversized"), "{problems}");
    ms.delete_folder("support", &folder);
}

fn header_len(raw: &[u8]) -> usize {
    raw.windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
        .unwrap()
}

#[tokio::test]
async fn secrets_come_from_a_file_or_a_command_when_the_config_says_so() {
    let ms = stack!("secrets_come_from_a_file_or_a_command_when_the_config_says_so");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "secrets");
    let alice = ms.user("alice").0;
    ms.seed_maildir(
        "support",
        &folder,
        &[message(
            &alice,
            "support@example.test",
            &unique("sec"),
            &request_body("sec"),
        )],
    )
    .unwrap();
    let mut live = Live::new(
        ms,
        &folder,
        "[imap]\npassword_file = \"imap.pw\"\n[smtp]\npassword_command = \"cat smtp.pw\"\n",
    );
    std::fs::write(live.path("imap.pw"), format!("{}\n", ms.user("support").1)).unwrap();
    std::fs::write(live.path("smtp.pw"), ms.user("support").1).unwrap();
    // the environment holds wrong passwords: only the file and the command are read
    live.set_env("MAILCASE_IMAP_PASSWORD", "wrong");
    live.set_env("MAILCASE_SMTP_PASSWORD", "wrong");
    run_once(&live);
    assert_eq!(live.status()["outbox"]["sent"], 1);
    ms.delete_folder("support", &folder);
}

#[tokio::test]
async fn a_copy_of_each_sent_message_is_appended_to_the_sent_folder() {
    let ms = stack!("a_copy_of_each_sent_message_is_appended_to_the_sent_folder");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "sentcopy");
    let sent = format!("{folder}-sent");
    let alice = ms.user("alice").0;
    let token = unique("copy");
    ms.seed_maildir(
        "support",
        &folder,
        &[message(
            &alice,
            "support@example.test",
            &token,
            &request_body("copy"),
        )],
    )
    .unwrap();
    let live = Live::new(ms, &folder, &format!("[smtp]\nsent_folder = \"{sent}\"\n"));
    run_once(&live);
    let copies = fetch_all(ms, "support", &sent).await;
    assert_eq!(copies.len(), 1, "one copy in {sent}");
    assert!(
        contains(&copies[0].raw, &token)
            && contains(&copies[0].raw, "Auto-Submitted: auto-replied")
    );
    assert!(ms.flags("support", &sent)[0].1.contains("\\Seen"));
    ms.delete_folder("support", &folder);
    ms.delete_folder("support", &sent);
}

#[tokio::test]
async fn metrics_are_served_when_enabled() {
    let ms = stack!("metrics_are_served_when_enabled");
    let _g = ms.shared().await;
    let folder = ms.fresh_folder("support", "metrics");
    let alice = ms.user("alice").0;
    ms.seed_maildir(
        "support",
        &folder,
        &[message(
            &alice,
            "support@example.test",
            &unique("met"),
            &request_body("met"),
        )],
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut live = Live::new(
        ms,
        &folder,
        &format!("[metrics]\nlisten = \"127.0.0.1:{port}\"\n"),
    );
    live.start();
    live.wait_status("sent", Duration::from_secs(30), |s| {
        s["outbox"]["sent"] == 1
    })
    .await;
    let body = {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let mut c = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        c.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut s = String::new();
        c.read_to_string(&mut s).await.unwrap();
        s
    };
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    for needle in [
        "mailcase_outbox_sent_total 1",
        "mailcase_imap_stored_total 1",
        "mailcase_outbox_messages{status=\"sent\"} 1",
        "mailcase_imap_connected 1",
        "mailcase_imap_last_uid{account=\"support@example.test@",
    ] {
        assert!(body.contains(needle), "no {needle:?} in:\n{body}");
    }
    assert!(live.term().success());
    ms.delete_folder("support", &folder);
}
