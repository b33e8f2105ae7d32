//! Real Dovecot + Postfix on 127.0.0.1 for live tests (`scripts/mailstack/`).
//!
//! [`Mailstack::get`] reads `$MAILSTACK_DIR/mailstack.env`; with `MAILCASE_START_MAILSTACK=1`
//! and no `MAILSTACK_DIR`, it first runs `scripts/mailstack/start.sh` into
//! `/tmp/mailcase-mailstack-<uid>` (left running; stop it with `stop.sh DIR`). Without either,
//! live tests print `SKIPPED <test>: no mail servers (...)` and return, so `cargo test` passes
//! on machines without root or the servers.
//!
//! Tests stay independent when run in parallel: each uses unique subjects and Message-IDs
//! ([`unique`]) and its own folders ([`Mailstack::fresh_folder`]). Tests that stop a server take
//! [`Mailstack::exclusive`]; every other live test holds [`Mailstack::shared`] while it runs.
//!
//! The helpers check results without the code under test where that is cheap: [`Mailstack::deliver`]
//! is a minimal SMTP client of its own, folders and flags go through `doveadm`, and
//! [`Mailstack::seed_maildir`] writes files straight into the Maildir.

#![allow(dead_code)]

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mailcase::net::imap::{Auth, Fetched, ImapConfig, ImapSession};
use mailcase::net::smtp::SmtpConfig;
use mailcase::net::{Security, smtp};
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;
use tokio::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

/// A running stack, as described by its env file.
#[derive(Debug)]
pub struct Mailstack {
    pub dir: PathBuf,
    pub host: String,
    pub domain: String,
    pub imap_port: u16,
    pub imaps_port: u16,
    pub smtp_port: u16,
    pub submission_port: u16,
    pub smtps_port: u16,
    pub ca_file: PathBuf,
    pub dovecot_conf: PathBuf,
    pub postfix_dir: PathBuf,
    env: HashMap<String, String>,
    lock: RwLock<()>,
}

/// Which SMTP listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpPort {
    /// 3025: plaintext, no AUTH needed from loopback.
    Plain,
    /// 3587: STARTTLS and AUTH required.
    Submission,
    /// 3465: implicit TLS, AUTH required.
    Smtps,
}

static STACK: OnceLock<Option<Mailstack>> = OnceLock::new();

impl Mailstack {
    /// The stack, or `None` when no servers are configured (see the module docs).
    pub fn get() -> Option<&'static Mailstack> {
        STACK.get_or_init(Self::discover).as_ref()
    }

    /// [`get`](Self::get), printing the skip line for `test` when there is no stack.
    pub fn for_test(test: &str) -> Option<&'static Mailstack> {
        let s = Self::get();
        if s.is_none() {
            eprintln!(
                "SKIPPED {test}: no mail servers (set MAILSTACK_DIR or MAILCASE_START_MAILSTACK=1)"
            );
        }
        s
    }

    fn discover() -> Option<Mailstack> {
        let dir = match std::env::var_os("MAILSTACK_DIR") {
            Some(d) if !d.is_empty() => PathBuf::from(d),
            _ if std::env::var("MAILCASE_START_MAILSTACK").as_deref() == Ok("1") => {
                let uid = std::fs::metadata("/proc/self")
                    .map(|m| m.uid())
                    .unwrap_or(0);
                let dir = PathBuf::from(format!("/tmp/mailcase-mailstack-{uid}"));
                if let Err(e) = run_start_script(&dir, &[]) {
                    eprintln!(
                        "mailstack: could not start servers in {}: {e}",
                        dir.display()
                    );
                    return None;
                }
                dir
            }
            _ => return None,
        };
        match Self::load(&dir) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("mailstack: {e}");
                None
            }
        }
    }

    fn load(dir: &Path) -> Result<Mailstack, String> {
        let file = dir.join("mailstack.env");
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let env: HashMap<String, String> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        let get = |k: &str| {
            env.get(k)
                .cloned()
                .ok_or_else(|| format!("{} lacks {k}", file.display()))
        };
        let port = |k: &str| get(k)?.parse::<u16>().map_err(|e| format!("{k}: {e}"));
        Ok(Mailstack {
            dir: dir.to_owned(),
            host: get("MAILSTACK_HOST")?,
            domain: get("MAILSTACK_DOMAIN")?,
            imap_port: port("MAILSTACK_IMAP_PORT")?,
            imaps_port: port("MAILSTACK_IMAPS_PORT")?,
            smtp_port: port("MAILSTACK_SMTP_PORT")?,
            submission_port: port("MAILSTACK_SUBMISSION_PORT")?,
            smtps_port: port("MAILSTACK_SMTPS_PORT")?,
            ca_file: get("MAILSTACK_CA_FILE")?.into(),
            dovecot_conf: get("MAILSTACK_DOVECOT_CONF")?.into(),
            postfix_dir: get("MAILSTACK_POSTFIX_CONFIG_DIR")?.into(),
            env,
            lock: RwLock::new(()),
        })
    }

    /// Held by every live test that does not stop a server.
    pub async fn shared(&self) -> RwLockReadGuard<'_, ()> {
        self.lock.read().await
    }

    /// Held by a test that stops and restarts a server.
    pub async fn exclusive(&self) -> RwLockWriteGuard<'_, ()> {
        self.lock.write().await
    }

    /// `(address, password)` of a stack user by local part (`alice`).
    pub fn user(&self, local: &str) -> (String, String) {
        let key = local.to_ascii_uppercase().replace(['.', '-'], "_");
        let addr = self
            .env
            .get(&format!("MAILSTACK_{key}_USER"))
            .cloned()
            .unwrap_or_else(|| format!("{local}@{}", self.domain));
        let pw = self
            .env
            .get(&format!("MAILSTACK_{key}_PASSWORD"))
            .cloned()
            .unwrap_or_else(|| format!("{local}-secret"));
        (addr, pw)
    }

    /// IMAP config for `user`: IMAPS for `Tls`, the IMAP port otherwise; CA file, name `localhost`.
    pub fn imap_config(&self, user: &str, security: Security) -> ImapConfig {
        let (addr, pw) = self.user(user);
        let port = if security == Security::Tls {
            self.imaps_port
        } else {
            self.imap_port
        };
        let mut cfg = ImapConfig::new(&self.host, port, addr, Auth::Password(pw));
        cfg.security = security;
        cfg.tls_name = Some("localhost".into());
        cfg.ca_file = Some(self.ca_file.clone());
        cfg.timeout = Duration::from_secs(20);
        cfg
    }

    /// A connected IMAPS session for `user`.
    pub async fn imap(&self, user: &str) -> ImapSession {
        ImapSession::connect(&self.imap_config(user, Security::Tls))
            .await
            .expect("imap connect")
    }

    /// SMTP config for a listener; `user` adds credentials (needed on submission and SMTPS).
    pub fn smtp_config(&self, port: SmtpPort, user: Option<&str>) -> SmtpConfig {
        let (p, security) = match port {
            SmtpPort::Plain => (self.smtp_port, Security::Plain),
            SmtpPort::Submission => (self.submission_port, Security::StartTls),
            SmtpPort::Smtps => (self.smtps_port, Security::Tls),
        };
        let mut cfg = SmtpConfig::new(&self.host, p, security);
        cfg.tls_name = Some("localhost".into());
        cfg.ca_file = Some(self.ca_file.clone());
        cfg.credentials = user.map(|u| self.user(u));
        cfg.timeout = Duration::from_secs(20);
        cfg.pool_size = smtp::DEFAULT_POOL_SIZE;
        cfg
    }

    /// Delivers `raw` over plaintext SMTP (the stack's plain port) with a minimal client of its
    /// own. Returns the server's final answer.
    pub async fn deliver(&self, from: &str, to: &[&str], raw: &[u8]) -> Result<String, String> {
        let tcp = TcpStream::connect((self.host.as_str(), self.smtp_port))
            .await
            .map_err(|e| format!("connect: {e}"))?;
        tcp.set_nodelay(true).map_err(|e| e.to_string())?;
        let (r, mut w) = tcp.into_split();
        let mut r = BufReader::new(r);
        expect_reply(&mut r, 220).await?;
        let mut cmd = async |line: Vec<u8>, code: u16| -> Result<String, String> {
            w.write_all(&line).await.map_err(|e| e.to_string())?;
            expect_reply(&mut r, code).await
        };
        cmd(b"EHLO mailstack-test\r\n".to_vec(), 250).await?;
        cmd(format!("MAIL FROM:<{from}>\r\n").into_bytes(), 250).await?;
        for t in to {
            cmd(format!("RCPT TO:<{t}>\r\n").into_bytes(), 250).await?;
        }
        cmd(b"DATA\r\n".to_vec(), 354).await?;
        let mut data = Vec::with_capacity(raw.len() + 64);
        for line in raw.split_inclusive(|&b| b == b'\n') {
            if line.starts_with(b".") {
                data.push(b'.');
            }
            data.extend_from_slice(line);
        }
        if !data.ends_with(b"\r\n") {
            data.extend_from_slice(b"\r\n");
        }
        data.extend_from_slice(b".\r\n");
        let answer = cmd(data, 250).await?;
        let _ = cmd(b"QUIT\r\n".to_vec(), 221).await;
        Ok(answer)
    }

    /// Polls `user`'s `mailbox` over IMAP until a message satisfies `pred` or `deadline` passes.
    pub async fn wait_for(
        &self,
        user: &str,
        mailbox: &str,
        pred: impl Fn(&[u8]) -> bool,
        deadline: Duration,
    ) -> Option<Fetched> {
        let until = Instant::now() + deadline;
        let mut s = self.imap(user).await;
        s.select(mailbox).await.expect("select");
        let mut last = 0;
        loop {
            s.noop().await.expect("noop");
            loop {
                let batch = s.fetch_after(last, 200).await.expect("fetch");
                let Some(l) = batch.last() else { break };
                last = l.uid;
                if let Some(hit) = batch.into_iter().find(|f| pred(&f.raw)) {
                    let _ = s.logout().await;
                    return Some(hit);
                }
            }
            if Instant::now() >= until {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A new folder for one test, created with doveadm: `mc-<tag>-<unique>`.
    pub fn fresh_folder(&self, user: &str, tag: &str) -> String {
        let name = format!("mc-{tag}-{}", unique(""));
        match self.doveadm(&["mailbox", "create", "-u", &self.user(user).0, &name]) {
            Ok(_) => {}
            // Seen under parallel tests: doveadm created the (unique) folder and still answered
            // "Mailbox already exists" (exit 65); the folder is there and usable.
            Err(e) if e.contains("Mailbox already exists") => {}
            Err(e) => panic!("doveadm mailbox create: {e}"),
        }
        name
    }

    /// Deletes a folder and its messages.
    pub fn delete_folder(&self, user: &str, name: &str) {
        let _ = self.doveadm(&["mailbox", "delete", "-u", &self.user(user).0, "-s", name]);
    }

    /// Removes every message of `mailbox` (doveadm expunge).
    pub fn expunge(&self, user: &str, mailbox: &str) {
        self.doveadm(&[
            "expunge",
            "-u",
            &self.user(user).0,
            "mailbox",
            mailbox,
            "all",
        ])
        .expect("doveadm expunge");
    }

    /// Removes the messages with UIDs in `set` (e.g. `4:20`) from `mailbox` (doveadm expunge).
    pub fn expunge_uids(&self, user: &str, mailbox: &str, set: &str) {
        self.doveadm(&[
            "expunge",
            "-u",
            &self.user(user).0,
            "mailbox",
            mailbox,
            "uid",
            set,
        ])
        .expect("doveadm expunge");
    }

    /// `uid -> flags` of a mailbox, read with doveadm (independent of the client under test).
    pub fn flags(&self, user: &str, mailbox: &str) -> Vec<(u32, String)> {
        let out = self
            .doveadm(&[
                "-f",
                "flow",
                "fetch",
                "-u",
                &self.user(user).0,
                "uid flags",
                "mailbox",
                mailbox,
                "all",
            ])
            .expect("doveadm fetch");
        out.lines()
            .filter_map(|l| {
                let uid = l
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("uid="))?
                    .parse()
                    .ok()?;
                let flags = l
                    .split_once("flags=")
                    .map(|(_, f)| f.trim().to_owned())
                    .unwrap_or_default();
                Some((uid, flags))
            })
            .collect()
    }

    /// Removes `flag` (e.g. `\\Seen`) from every message of `mailbox` (doveadm).
    pub fn doveadm_flags_remove(&self, user: &str, mailbox: &str, flag: &str) {
        self.doveadm(&[
            "flags",
            "remove",
            "-u",
            &self.user(user).0,
            flag,
            "mailbox",
            mailbox,
            "all",
        ])
        .expect("doveadm flags remove");
    }

    /// Number of messages in a mailbox (doveadm).
    pub fn count(&self, user: &str, mailbox: &str) -> usize {
        let out = self
            .doveadm(&[
                "-f",
                "flow",
                "mailbox",
                "status",
                "-u",
                &self.user(user).0,
                "messages",
                mailbox,
            ])
            .expect("doveadm mailbox status");
        // flow format: `<mailbox> messages=N`
        out.split_whitespace()
            .find_map(|w| w.strip_prefix("messages="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// Writes `messages` straight into `user`'s Maildir folder (`cur/`, `:2,S`, owned by the mail
    /// user, unique names that sort in the given order); Dovecot indexes them on the next SELECT.
    /// Creates the folder when missing. 10,000 messages take well under a second.
    pub fn seed_maildir(
        &self,
        user: &str,
        folder: &str,
        messages: &[Vec<u8>],
    ) -> std::io::Result<()> {
        let addr = self.user(user).0;
        let _ = self.doveadm(&["mailbox", "create", "-u", &addr, folder]);
        let (local, domain) = addr.split_once('@').expect("user address");
        let root = self
            .dir
            .join("mail")
            .join(domain)
            .join(local)
            .join("Maildir");
        let dir = if folder.eq_ignore_ascii_case("INBOX") {
            root.clone()
        } else {
            root.join(format!(".{folder}"))
        };
        let cur = dir.join("cur");
        std::fs::create_dir_all(&cur)?;
        let meta = std::fs::metadata(&root)?;
        let (uid, gid) = (meta.uid(), meta.gid());
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let pid = std::process::id();
        let batch = SEQ.fetch_add(1, Ordering::Relaxed);
        for (i, m) in messages.iter().enumerate() {
            let name = format!(
                "{}.M{:06}P{pid}Q{batch}x{i:07}.mailstack,S={}:2,S",
                stamp.as_secs(),
                stamp.subsec_micros(),
                m.len()
            );
            let path = cur.join(name);
            std::fs::write(&path, m)?;
            std::os::unix::fs::chown(&path, Some(uid), Some(gid))?;
        }
        Ok(())
    }

    /// Stops Postfix (`postfix -c DIR stop`) and waits until its master has exited. The returned
    /// guard runs [`restart`](Self::restart) when dropped, so a failing test cannot leave the
    /// stack half down for the others.
    #[must_use = "dropping the guard restarts the stack"]
    pub async fn stop_postfix(&self) -> Restart<'_> {
        let master = read_pid(&self.dir.join("spool/postfix/pid/master.pid"));
        let out = Command::new("postfix")
            .arg("-c")
            .arg(&self.postfix_dir)
            .arg("stop")
            .stdin(Stdio::null())
            .output()
            .expect("run postfix stop");
        let guard = Restart(self);
        assert!(
            out.status.success(),
            "postfix stop: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.wait_gone(master).await;
        self.wait_port_closed(self.smtp_port).await;
        guard
    }

    /// Stops Dovecot the way a service manager does: TERM to the master's whole process group
    /// (the master runs `setsid()`), then waits until every process of it is gone. `doveadm stop`
    /// alone is not enough: it ends the master, but an `imap` process with a connected client
    /// keeps serving it as an orphan (seen here); `stop.sh` KILLs the group only after 10 s.
    /// Restarts on drop, as above.
    #[must_use = "dropping the guard restarts the stack"]
    pub async fn stop_dovecot(&self) -> Restart<'_> {
        let master =
            read_pid(&self.dir.join("run/dovecot/master.pid")).expect("dovecot master.pid");
        let pgid = pgid_of(master).expect("dovecot master's process group");
        assert_eq!(
            pgid, master,
            "dovecot master {master} does not lead its process group"
        );
        let guard = Restart(self);
        let status = Command::new("kill")
            .args(["-TERM", "--", &format!("-{pgid}")])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM -{pgid}: {status}");
        let until = Instant::now() + Duration::from_secs(15);
        while !group_members(pgid).is_empty() {
            assert!(
                Instant::now() < until,
                "dovecot process group {pgid} still alive 15 s after TERM"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.wait_port_closed(self.imaps_port).await;
        guard
    }

    async fn wait_gone(&self, pid: Option<u32>) {
        let Some(pid) = pid else { return };
        let until = Instant::now() + Duration::from_secs(15);
        let proc = PathBuf::from(format!("/proc/{pid}/status"));
        loop {
            // Gone, or a zombie waiting to be reaped.
            let alive = std::fs::read_to_string(&proc).is_ok_and(|s| {
                !s.lines()
                    .any(|l| l.starts_with("State:") && l.contains('Z'))
            });
            if !alive {
                return;
            }
            assert!(
                Instant::now() < until,
                "master {pid} still running 15 s after stop"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs `start.sh` on this state directory again: after one daemon was stopped it restarts
    /// both (so the pid files stay right for `stop.sh`).
    pub fn restart(&self) {
        self.try_restart().expect("restart the mail stack");
    }

    fn try_restart(&self) -> Result<(), String> {
        let ports = [
            ("MAILSTACK_IMAP_PORT", self.imap_port),
            ("MAILSTACK_IMAPS_PORT", self.imaps_port),
            ("MAILSTACK_SMTP_PORT", self.smtp_port),
            ("MAILSTACK_SUBMISSION_PORT", self.submission_port),
            ("MAILSTACK_SMTPS_PORT", self.smtps_port),
        ];
        run_start_script(&self.dir, &ports)
    }

    async fn wait_port_closed(&self, port: u16) {
        let until = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect((self.host.as_str(), port)).await.is_ok() {
            assert!(
                Instant::now() < until,
                "port {port} still accepts connections after 15 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn doveadm(&self, args: &[&str]) -> Result<String, String> {
        let out = Command::new("doveadm")
            .arg("-c")
            .arg(&self.dovecot_conf)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("doveadm: {e}"))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(format!(
                "doveadm {args:?}: {} {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }
}

/// Restarts the stack when dropped (see [`Mailstack::stop_postfix`]).
pub struct Restart<'a>(&'a Mailstack);

impl Restart<'_> {
    /// Restarts now (same as dropping the guard).
    pub fn restart(self) {}
}

impl Drop for Restart<'_> {
    fn drop(&mut self) {
        // No panic here: this may run while a failed test unwinds.
        let t = Instant::now();
        match self.0.try_restart() {
            Ok(()) => eprintln!("mailstack restarted in {:.1} s", t.elapsed().as_secs_f64()),
            Err(e) => eprintln!("mailstack restart FAILED: {e}"),
        }
    }
}

/// The process group of `pid` (field 5 of `/proc/PID/stat`).
fn pgid_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(") ")? + 2..];
    rest.split_whitespace().nth(2)?.parse().ok()
}

/// Live (non-zombie) processes in process group `pgid`.
fn group_members(pgid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                return false;
            };
            let Some(i) = stat.rfind(") ") else {
                return false;
            };
            let f: Vec<&str> = stat[i + 2..].split_whitespace().collect();
            f.len() > 2 && f[0] != "Z" && f[2] == pgid.to_string()
        })
        .collect()
}

fn read_pid(path: &Path) -> Option<u32> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

fn run_start_script(dir: &Path, env: &[(&str, u16)]) -> Result<(), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/mailstack/start.sh");
    let mut cmd = Command::new(&script);
    cmd.arg(dir).stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v.to_string());
    }
    let out = cmd
        .output()
        .map_err(|e| format!("{}: {e}", script.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} exited with {}: {}{}",
            script.display(),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

async fn expect_reply(
    r: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
    code: u16,
) -> Result<String, String> {
    let mut all = String::new();
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await.map_err(|e| e.to_string())? == 0 {
            return Err(format!("connection closed (so far: {all:?})"));
        }
        all.push_str(&line);
        if line.len() < 4 || line.as_bytes()[3] != b'-' {
            break;
        }
    }
    if all.starts_with(&code.to_string()) {
        Ok(all.trim_end().to_owned())
    } else {
        Err(all.trim_end().to_owned())
    }
}

static SEQ: AtomicU64 = AtomicU64::new(0);

/// A token unique in this machine's test runs: `<tag><pid>x<nanos>x<n>`.
pub fn unique(tag: &str) -> String {
    let n = SEQ.fetch_add(1, Ordering::Relaxed);
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos()
        % 1_000_000_000_000;
    format!("{tag}{}x{t}x{n}", std::process::id())
}

/// A small CRLF message with a unique Subject and Message-ID built from `token`, and `body`.
pub fn message(from: &str, to: &str, token: &str, body: &str) -> Vec<u8> {
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "From: <{from}>\r\nTo: <{to}>\r\nSubject: test {token}\r\nMessage-ID: <{token}@mailcase.test>\r\n\
         Date: Wed, 26 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

/// True when `raw` contains `needle` (e.g. a unique token in the Subject).
pub fn contains(raw: &[u8], needle: &str) -> bool {
    raw.windows(needle.len()).any(|w| w == needle.as_bytes())
}
