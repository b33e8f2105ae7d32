//! IMAP client session on async-imap 0.12: connect, authenticate, fetch by UID, IDLE, move.
//!
//! One [`ImapSession`] is one authenticated connection. Every command runs under the configured
//! timeout. A network failure, a timeout, a server `BYE` or an unparsable response leaves the
//! session *poisoned*: every later call fails fast with an error whose
//! [`needs_reconnect`](ImapError::needs_reconnect) is true, and the caller connects again.
//!
//! Fetching is UID-based and bounded: [`ImapSession::fetch_after`] asks for sizes first
//! (`UID FETCH n:* (UID RFC822.SIZE)`) and then fetches at most `max` bodies by UID set. Callers
//! that enforce a size limit use [`ImapSession::fetch_sizes_after`], then
//! [`ImapSession::fetch_uids`] for the small ones and [`ImapSession::fetch_headers`] or
//! [`ImapSession::fetch_chunk`] for the others, so no oversized message is ever held whole.
//!
//! async-imap gotchas handled here (STACK.md §6): the fetch stream borrows the session and is
//! always drained; `UID FETCH n:*` also returns the highest message when its UID is below `n`,
//! so results are filtered to `uid > last_uid`; IDLE binds its `StopSource` and calls `init()`;
//! the unsolicited-responses channel (bounded, silently dropping when full) is drained after every
//! command; STARTTLS expects no second greeting.
//!
//! Not here: reconnect loops, backoff, cursors (UIDVALIDITY bookkeeping) — the caller owns those.

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use async_imap::error::Error as RawError;
use async_imap::extensions::idle::IdleResponse;
use async_imap::imap_proto::{MailboxDatum, Response, Status};
use async_imap::types::{Fetch, UnsolicitedResponse};
use futures_util::TryStreamExt as _;
use tokio::io::{AsyncWriteExt as _, BufStream};
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};

pub use super::Security;
use super::stream::{self, NetStream};
use super::tls::{TlsClient, TlsError};

/// Buffered both ways: commands leave in one TLS record per flush (async-imap writes tag, space,
/// command and CRLF separately), and TLS is read in large chunks (async-imap reads into at most
/// the free part of a 4 KiB block).
type Conn = BufStream<NetStream>;

fn conn(s: NetStream) -> Conn {
    BufStream::with_capacity(64 * 1024, 16 * 1024, s)
}
type RawSession = async_imap::Session<Conn>;
type RawClient = async_imap::Client<Conn>;

/// Default timeout for connecting and for each command.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Without the IDLE capability, [`ImapSession::idle`] polls with NOOP this often.
pub const POLL_INTERVAL: Duration = Duration::from_secs(15);
/// UID sets longer than this are split over several commands (Dovecot's line limit is 64 KiB).
const MAX_SET_LEN: usize = 4000;

/// How to authenticate. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// `LOGIN`; `AUTHENTICATE PLAIN` instead when the server advertises `LOGINDISABLED` or the
    /// credentials are not plain printable ASCII (LOGIN's quoted strings cannot carry them).
    Password(String),
    /// Always `AUTHENTICATE PLAIN` (RFC 4616), for servers or policies that prefer SASL.
    SaslPlain(String),
    /// `AUTHENTICATE XOAUTH2` with an OAuth 2.0 access token (Gmail, Microsoft 365).
    XOAuth2 { token: String },
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Auth::Password(_) => "Password(<redacted>)",
            Auth::SaslPlain(_) => "SaslPlain(<redacted>)",
            Auth::XOAuth2 { .. } => "XOAuth2 { token: <redacted> }",
        })
    }
}

/// Where and how to connect. `Debug` never shows the secret.
#[derive(Clone, Debug)]
pub struct ImapConfig {
    /// Host to connect to (name or IP literal).
    pub host: String,
    /// 993 for [`Security::Tls`], 143 for the others.
    pub port: u16,
    pub security: Security,
    /// The name the certificate must carry; `None` means `host`.
    pub tls_name: Option<String>,
    /// Login name.
    pub user: String,
    pub auth: Auth,
    /// PEM file of the CA(s) to trust; `None` means the built-in web roots.
    pub ca_file: Option<PathBuf>,
    /// Limit for connecting (TCP + TLS + login) and for each command.
    pub timeout: Duration,
}

impl ImapConfig {
    /// Implicit TLS to `host:port`, web roots, the default timeout.
    pub fn new(
        host: impl Into<String>,
        port: u16,
        user: impl Into<String>,
        auth: Auth,
    ) -> ImapConfig {
        ImapConfig {
            host: host.into(),
            port,
            security: Security::Tls,
            tls_name: None,
            user: user.into(),
            auth,
            ca_file: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// `host:port`, as used in messages and logs.
    pub fn server(&self) -> String {
        if self.host.contains(':') && !self.host.starts_with('[') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The name TLS verifies.
    pub fn tls_name(&self) -> &str {
        self.tls_name.as_deref().unwrap_or(&self.host)
    }

    /// Checks what can be checked without the network: the plaintext rule, the user, the TLS
    /// name and the CA file. [`ImapSession::connect`] does the same; call this at startup to
    /// report a bad config before the first connection.
    pub fn validate(&self) -> Result<(), ImapError> {
        self.prepare().map(drop)
    }

    /// [`validate`](Self::validate), returning the TLS client for the connection.
    fn prepare(&self) -> Result<Option<TlsClient>, ImapError> {
        super::check_plain_allowed("imap", &self.host, self.security).map_err(ImapError::Config)?;
        if self.user.is_empty() {
            return Err(ImapError::Config("imap user is empty".into()));
        }
        match self.security {
            Security::Plain => Ok(None),
            Security::Tls | Security::StartTls => Ok(Some(TlsClient::new(
                self.tls_name(),
                self.ca_file.as_deref(),
            )?)),
        }
    }
}

/// What SELECT reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailboxState {
    /// Changes when the server renumbers UIDs: a cursor from another validity is void.
    pub uid_validity: u32,
    /// The UID the next message will get (all present UIDs are below it).
    pub uid_next: u32,
    /// Number of messages.
    pub exists: u32,
}

/// A fetched message: the exact bytes the server holds (or its header, for [`ImapSession::fetch_headers`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Fetched {
    pub uid: u32,
    /// RFC822.SIZE of the whole message, even when `raw` is only its header.
    pub size: u32,
    pub raw: Vec<u8>,
}

impl fmt::Debug for Fetched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never dump message bytes into logs or test output.
        f.debug_struct("Fetched")
            .field("uid", &self.uid)
            .field("size", &self.size)
            .field("raw_len", &self.raw.len())
            .finish()
    }
}

/// UID and size, from [`ImapSession::fetch_sizes_after`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageSize {
    pub uid: u32,
    pub size: u32,
}

/// How [`ImapSession::idle`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleOutcome {
    /// New messages may be there (EXISTS/RECENT seen, now or since the last call): fetch.
    NewData,
    /// The timeout passed quietly; call `idle` again (keep it below 29 minutes, RFC 2177).
    Timeout,
    /// The cancellation token fired; the session is still usable (IDLE was ended with DONE).
    Cancelled,
}

/// Server capabilities after login.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    names: BTreeSet<String>,
}

impl Capabilities {
    fn from_names<I: IntoIterator<Item = String>>(names: I) -> Capabilities {
        Capabilities {
            names: names.into_iter().map(|n| n.to_ascii_uppercase()).collect(),
        }
    }

    /// Case-insensitive test, e.g. `has("AUTH=PLAIN")`.
    pub fn has(&self, name: &str) -> bool {
        self.names.contains(&name.to_ascii_uppercase())
    }
    /// RFC 2177.
    pub fn idle(&self) -> bool {
        self.has("IDLE")
    }
    /// RFC 6851 (`UID MOVE`).
    pub fn move_(&self) -> bool {
        self.has("MOVE")
    }
    /// RFC 4315 (`UID EXPUNGE`).
    pub fn uidplus(&self) -> bool {
        self.has("UIDPLUS")
    }
    /// All names, upper case.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }
}

/// An IMAP failure. Displayed as one line; never contains a secret.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// The configuration cannot work. Permanent.
    #[error("{0}")]
    Config(String),
    /// TLS setup or handshake failed (see [`TlsError`]; certificate problems are permanent).
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The server refused the credentials (permanent unless the server said `[UNAVAILABLE]`).
    #[error("imap login as {user} at {server} refused: {reason}")]
    Auth {
        server: String,
        user: String,
        reason: String,
        transient: bool,
    },
    /// The connection failed or was closed (refused, reset, EOF, BYE). Reconnect.
    #[error("imap connection to {server} failed while {action}: {reason}")]
    Connection {
        server: String,
        action: String,
        reason: String,
    },
    /// The server did not answer in time. Reconnect.
    #[error("imap server {server} did not answer {action} within {secs} s")]
    Timeout {
        server: String,
        action: String,
        secs: u64,
    },
    /// The server answered NO or BAD. The session is still usable.
    #[error("imap {command} refused by {server}: {text}")]
    Refused {
        server: String,
        command: String,
        text: String,
        transient: bool,
    },
    /// The server's answer could not be understood. Reconnect.
    #[error("imap protocol error from {server} during {action}: {reason}")]
    Protocol {
        server: String,
        action: String,
        reason: String,
    },
}

impl ImapError {
    /// Trying again later (after reconnecting when [`needs_reconnect`](Self::needs_reconnect))
    /// may succeed: network trouble, timeouts, BYE, `[UNAVAILABLE]`/`[INUSE]`.
    pub fn is_transient(&self) -> bool {
        match self {
            ImapError::Config(_) => false,
            ImapError::Tls(t) => t.is_transient(),
            ImapError::Auth { transient, .. } | ImapError::Refused { transient, .. } => *transient,
            ImapError::Connection { .. }
            | ImapError::Timeout { .. }
            | ImapError::Protocol { .. } => true,
        }
    }

    /// Will fail the same way until the config, the credentials or the server changes:
    /// wrong password, untrusted certificate, plaintext to a remote host, NO to a command.
    pub fn is_permanent(&self) -> bool {
        !self.is_transient()
    }

    /// This session is unusable: drop it and connect again.
    pub fn needs_reconnect(&self) -> bool {
        match self {
            ImapError::Tls(t) => t.is_transient(),
            ImapError::Connection { .. }
            | ImapError::Timeout { .. }
            | ImapError::Protocol { .. } => true,
            _ => false,
        }
    }
}

/// One authenticated IMAP connection.
pub struct ImapSession {
    session: Option<RawSession>,
    caps: Capabilities,
    server: String,
    user: String,
    selected: Option<String>,
    /// EXISTS/RECENT seen in unsolicited responses and not yet reported by `idle`.
    pending_new: bool,
    /// Set once the connection is in an unknown state; every later call fails with it.
    poisoned: Option<String>,
    timeout: Duration,
    encrypted: bool,
}

impl fmt::Debug for ImapSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapSession")
            .field("server", &self.server)
            .field("user", &self.user)
            .field("selected", &self.selected)
            .field("encrypted", &self.encrypted)
            .field("poisoned", &self.poisoned)
            .finish()
    }
}

impl ImapSession {
    /// Connects, runs TLS as configured, authenticates and reads the capabilities.
    pub async fn connect(cfg: &ImapConfig) -> Result<ImapSession, ImapError> {
        let tls = cfg.prepare()?;
        let server = cfg.server();
        let started = Instant::now();
        let out =
            tokio::time::timeout(cfg.timeout, connect_inner(cfg, tls.as_ref(), &server)).await;
        let session = match out {
            Ok(r) => r?,
            Err(_) => {
                return Err(ImapError::Timeout {
                    server,
                    action: "connect and login".into(),
                    secs: cfg.timeout.as_secs(),
                });
            }
        };
        info!(server = %session.server, user = %session.user, security = %cfg.security,
              elapsed_ms = started.elapsed().as_millis() as u64, "imap session open");
        Ok(session)
    }

    /// Capabilities as reported after login.
    pub fn capabilities(&self) -> &Capabilities {
        &self.caps
    }

    /// True when the connection runs over TLS (implicit or after STARTTLS).
    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }

    /// The selected mailbox, if any.
    pub fn selected(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    /// Pretends the server lacks a capability, to exercise fallbacks (tests only).
    #[doc(hidden)]
    pub fn forget_capability(&mut self, name: &str) {
        self.caps.names.remove(&name.to_ascii_uppercase());
    }

    /// SELECTs `mailbox` (read-write).
    pub async fn select(&mut self, mailbox: &str) -> Result<MailboxState, ImapError> {
        let name = mailbox.to_owned();
        // A failed SELECT leaves no mailbox selected (RFC 3501 §6.3.1).
        self.selected = None;
        let mb = self.run("SELECT", async |s| s.select(&name).await).await?;
        self.selected = Some(mailbox.to_owned());
        let uid_validity = mb.uid_validity.ok_or_else(|| ImapError::Protocol {
            server: self.server.clone(),
            action: format!("SELECT {mailbox}"),
            reason: "no UIDVALIDITY in the answer".into(),
        })?;
        let uid_next = match mb.uid_next {
            Some(n) => n,
            None => {
                let name = mailbox.to_owned();
                let st = self
                    .run("STATUS", async |s| s.status(&name, "(UIDNEXT)").await)
                    .await?;
                st.uid_next.unwrap_or(0)
            }
        };
        // The SELECT itself reported the current state.
        self.pending_new = false;
        debug!(server = %self.server, mailbox, uid_validity, uid_next, exists = mb.exists, "imap mailbox selected");
        Ok(MailboxState {
            uid_validity,
            uid_next,
            exists: mb.exists,
        })
    }

    /// CREATEs `mailbox`; an existing mailbox is fine.
    pub async fn create(&mut self, mailbox: &str) -> Result<(), ImapError> {
        let name = mailbox.to_owned();
        match self.run("CREATE", async |s| s.create(&name).await).await {
            Err(ImapError::Refused { text, .. })
                if text.to_ascii_uppercase().contains("ALREADYEXISTS") =>
            {
                Ok(())
            }
            other => other,
        }
    }

    /// NOOP: a keepalive that also collects pending EXISTS notifications.
    pub async fn noop(&mut self) -> Result<(), ImapError> {
        self.run("NOOP", async |s| s.noop().await).await
    }

    /// UIDs and sizes of the messages with `uid > last_uid`, ascending, at most `max`.
    pub async fn fetch_sizes_after(
        &mut self,
        last_uid: u32,
        max: usize,
    ) -> Result<Vec<MessageSize>, ImapError> {
        let Some(first) = last_uid.checked_add(1) else {
            return Ok(Vec::new());
        };
        if max == 0 {
            return Ok(Vec::new());
        }
        // UIDs are usually dense: a window of `max` UIDs holds at most `max` messages, so ask for
        // that first and read the open-ended tail only when the window comes back short. Asking
        // for `first:*` every time would re-read the whole backlog's sizes for every batch.
        let window_end = first.saturating_add(u32::try_from(max - 1).unwrap_or(u32::MAX));
        let mut sizes = self
            .sizes_in(&format!("{first}:{window_end}"), last_uid, window_end)
            .await?;
        if sizes.len() < max && window_end < u32::MAX {
            let tail_from = window_end + 1;
            let tail = self
                .sizes_in(&format!("{tail_from}:*"), window_end, u32::MAX)
                .await?;
            sizes.extend(tail);
        }
        sizes.sort_by_key(|m| m.uid);
        sizes.dedup_by_key(|m| m.uid);
        sizes.truncate(max);
        Ok(sizes)
    }

    /// `UID FETCH set (UID RFC822.SIZE)`, keeping UIDs in `(above, upto]`.
    async fn sizes_in(
        &mut self,
        set: &str,
        above: u32,
        upto: u32,
    ) -> Result<Vec<MessageSize>, ImapError> {
        let fetched = self
            .fetch_raw("UID FETCH (sizes)", set, "(UID RFC822.SIZE)")
            .await?;
        Ok(fetched
            .iter()
            .filter_map(|f| {
                Some(MessageSize {
                    uid: f.uid?,
                    size: f.size?,
                })
            })
            // `UID FETCH n:*` also returns the highest message when its UID is below n.
            .filter(|m| m.uid > above && m.uid <= upto)
            .collect())
    }

    /// The messages with `uid > last_uid`, ascending by UID, at most `max` of them, exactly as
    /// the server holds them. Loop with the last UID returned until the result is empty.
    pub async fn fetch_after(
        &mut self,
        last_uid: u32,
        max: usize,
    ) -> Result<Vec<Fetched>, ImapError> {
        let uids: Vec<u32> = self
            .fetch_sizes_after(last_uid, max)
            .await?
            .iter()
            .map(|m| m.uid)
            .collect();
        self.fetch_uids(&uids).await
    }

    /// Full messages for `uids`, ascending by UID. UIDs that no longer exist are left out.
    pub async fn fetch_uids(&mut self, uids: &[u32]) -> Result<Vec<Fetched>, ImapError> {
        self.fetch_sections(uids, "BODY.PEEK[]", "UID FETCH (bodies)")
            .await
    }

    /// Only the header of each message (`BODY.PEEK[HEADER]`, ending with the blank line); `size`
    /// is still the size of the whole message. For messages over the caller's size limit.
    pub async fn fetch_headers(&mut self, uids: &[u32]) -> Result<Vec<Fetched>, ImapError> {
        self.fetch_sections(uids, "BODY.PEEK[HEADER]", "UID FETCH (headers)")
            .await
    }

    /// `len` bytes of message `uid` from `offset` (`BODY.PEEK[]<offset.len>`), to copy a large
    /// message to disk piece by piece. `None` when the UID is gone; an empty vector past the end.
    pub async fn fetch_chunk(
        &mut self,
        uid: u32,
        offset: u64,
        len: u32,
    ) -> Result<Option<Vec<u8>>, ImapError> {
        let query = format!("(UID BODY.PEEK[]<{offset}.{len}>)");
        let fetched = self
            .fetch_raw("UID FETCH (chunk)", &uid.to_string(), &query)
            .await?;
        Ok(fetched
            .into_iter()
            .find(|f| f.uid == Some(uid) && f.body.is_some())
            .and_then(|f| f.body))
    }

    /// Adds `\Seen` to `uids` in the selected mailbox.
    pub async fn mark_seen(&mut self, uids: &[u32]) -> Result<(), ImapError> {
        for set in uid_sets(uids) {
            self.store(&set, "+FLAGS.SILENT (\\Seen)").await?;
        }
        Ok(())
    }

    /// Moves `uids` from the selected mailbox to `folder`: `UID MOVE` when advertised, else
    /// `UID COPY` + `\Deleted` + `UID EXPUNGE` (UIDPLUS), else plain `EXPUNGE`, which also
    /// removes any other message already flagged `\Deleted` in this mailbox.
    pub async fn move_to(&mut self, uids: &[u32], folder: &str) -> Result<(), ImapError> {
        for set in uid_sets(uids) {
            let folder_s = folder.to_owned();
            if self.caps.move_() {
                self.run("UID MOVE", async |s| s.uid_mv(&set, &folder_s).await)
                    .await?;
                continue;
            }
            self.run("UID COPY", async |s| s.uid_copy(&set, &folder_s).await)
                .await?;
            self.store(&set, "+FLAGS.SILENT (\\Deleted)").await?;
            if self.caps.uidplus() {
                self.run("UID EXPUNGE", async |s| {
                    s.uid_expunge(&set)
                        .await?
                        .try_collect::<Vec<_>>()
                        .await
                        .map(drop)
                })
                .await?;
            } else {
                warn!(server = %self.server, "imap server lacks MOVE and UIDPLUS: plain EXPUNGE after COPY");
                self.run("EXPUNGE", async |s| {
                    s.expunge().await?.try_collect::<Vec<_>>().await.map(drop)
                })
                .await?;
            }
        }
        Ok(())
    }

    /// APPENDs `raw` to `folder` with `flags` such as `\Seen` (for a copy in Sent).
    pub async fn append(
        &mut self,
        folder: &str,
        raw: &[u8],
        flags: &[&str],
    ) -> Result<(), ImapError> {
        let flags = if flags.is_empty() {
            None
        } else {
            Some(format!("({})", flags.join(" ")))
        };
        let folder = folder.to_owned();
        self.run("APPEND", async |s| {
            s.append(&folder, flags.as_deref(), None, raw).await
        })
        .await
    }

    /// Waits until new mail arrives, `timeout` passes or `cancel` fires, with IDLE (RFC 2177),
    /// or by NOOP every [`POLL_INTERVAL`] when the server lacks IDLE. Returns `NewData` at once
    /// when an EXISTS arrived during earlier commands. Call it again after each return; keep
    /// `timeout` below 29 minutes. A mailbox must be selected.
    pub async fn idle(
        &mut self,
        timeout: Duration,
        cancel: &CancellationToken,
    ) -> Result<IdleOutcome, ImapError> {
        self.usable("IDLE")?;
        self.drain();
        if std::mem::take(&mut self.pending_new) {
            return Ok(IdleOutcome::NewData);
        }
        if cancel.is_cancelled() {
            return Ok(IdleOutcome::Cancelled);
        }
        if !self.caps.idle() {
            return self.poll_for_new(timeout, cancel).await;
        }
        let server = self.server.clone();
        let secs = self.timeout.as_secs();
        let session = self.session.take().expect("usable() checked the session");
        let mut handle = session.idle();
        match tokio::time::timeout(self.timeout, handle.init()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                let err = self.map_raw("IDLE", e);
                return Err(self.poison_with(err));
            }
            Err(_) => {
                return Err(self.poison_with(ImapError::Timeout {
                    server,
                    action: "IDLE".into(),
                    secs,
                }));
            }
        }
        let started = Instant::now();
        let outcome = loop {
            let remaining = timeout.saturating_sub(started.elapsed());
            // Bind the StopSource: dropping it would end the wait at once (STACK.md §6 gotcha 4).
            let (wait, _stop) = handle.wait_with_timeout(timeout.max(Duration::from_secs(1)));
            let res = tokio::select! {
                r = wait => r,
                _ = tokio::time::sleep(remaining) => break IdleOutcome::Timeout,
                _ = cancel.cancelled() => break IdleOutcome::Cancelled,
            };
            match res {
                Ok(IdleResponse::NewData(data)) => match data.parsed() {
                    Response::MailboxData(MailboxDatum::Exists(_) | MailboxDatum::Recent(_)) => {
                        break IdleOutcome::NewData;
                    }
                    Response::Data {
                        status: Status::Bye,
                        outcome,
                    } => {
                        let reason = format!(
                            "server said BYE: {}",
                            outcome.information.as_deref().unwrap_or("")
                        );
                        let err = ImapError::Connection {
                            server,
                            action: "IDLE".into(),
                            reason,
                        };
                        return Err(self.poison_with(err));
                    }
                    // EXPUNGE, flag changes: nothing new to fetch; keep waiting.
                    Response::Expunge(_) | Response::Fetch(..) => continue,
                    _ => break IdleOutcome::NewData,
                },
                Ok(IdleResponse::Timeout) => break IdleOutcome::Timeout,
                // We hold the StopSource, so this is EOF: the server closed the connection.
                Ok(IdleResponse::ManualInterrupt) => {
                    let reason = "connection closed by the server".to_owned();
                    let err = ImapError::Connection {
                        server,
                        action: "IDLE".into(),
                        reason,
                    };
                    return Err(self.poison_with(err));
                }
                Err(e) => {
                    let err = self.map_raw("IDLE", e);
                    return Err(self.poison_with(err));
                }
            }
        };
        match tokio::time::timeout(self.timeout, handle.done()).await {
            Ok(Ok(session)) => self.session = Some(session),
            Ok(Err(e)) => {
                let err = self.map_raw("IDLE DONE", e);
                return Err(self.poison_with(err));
            }
            Err(_) => {
                return Err(self.poison_with(ImapError::Timeout {
                    server,
                    action: "IDLE DONE".into(),
                    secs,
                }));
            }
        }
        self.drain();
        let outcome = if std::mem::take(&mut self.pending_new) {
            IdleOutcome::NewData
        } else {
            outcome
        };
        debug!(server = %self.server, ?outcome, elapsed_ms = started.elapsed().as_millis() as u64, "imap idle ended");
        Ok(outcome)
    }

    /// LOGOUT and close.
    pub async fn logout(mut self) -> Result<(), ImapError> {
        self.run("LOGOUT", async |s| s.logout().await).await
    }

    // ------------------------------------------------------------------ internals

    async fn poll_for_new(
        &mut self,
        timeout: Duration,
        cancel: &CancellationToken,
    ) -> Result<IdleOutcome, ImapError> {
        let started = Instant::now();
        loop {
            let remaining = timeout.saturating_sub(started.elapsed());
            if remaining.is_zero() {
                return Ok(IdleOutcome::Timeout);
            }
            tokio::select! {
                _ = tokio::time::sleep(remaining.min(POLL_INTERVAL)) => {}
                _ = cancel.cancelled() => return Ok(IdleOutcome::Cancelled),
            }
            self.noop().await?;
            if std::mem::take(&mut self.pending_new) {
                return Ok(IdleOutcome::NewData);
            }
        }
    }

    async fn store(&mut self, set: &str, query: &str) -> Result<(), ImapError> {
        self.run("UID STORE", async |s| {
            s.uid_store(set, query)
                .await?
                .try_collect::<Vec<_>>()
                .await
                .map(drop)
        })
        .await
    }

    async fn fetch_sections(
        &mut self,
        uids: &[u32],
        section: &str,
        action: &str,
    ) -> Result<Vec<Fetched>, ImapError> {
        let wanted: BTreeSet<u32> = uids.iter().copied().collect();
        let query = format!("(UID RFC822.SIZE {section})");
        let mut out: Vec<Fetched> = Vec::with_capacity(wanted.len());
        for set in uid_sets(uids) {
            for f in self.fetch_raw(action, &set, &query).await? {
                // Unsolicited FETCH responses (flag changes) can be interleaved: keep only the
                // requested UIDs that carry the section.
                if let (Some(uid), Some(raw)) = (f.uid, f.body)
                    && wanted.contains(&uid)
                {
                    out.push(Fetched {
                        uid,
                        size: f.size.unwrap_or(raw.len() as u32),
                        raw,
                    });
                }
            }
        }
        out.sort_by_key(|f| f.uid);
        out.dedup_by_key(|f| f.uid);
        Ok(out)
    }

    /// Runs one `UID FETCH` and drains its stream completely; each response must arrive within
    /// the timeout (the whole fetch may take longer).
    async fn fetch_raw(
        &mut self,
        action: &str,
        set: &str,
        query: &str,
    ) -> Result<Vec<RawFetch>, ImapError> {
        let item_timeout = self.timeout;
        self.run_with(action, None, async |s| {
            let mut stream = s.uid_fetch(set, query).await?;
            let mut out = Vec::new();
            loop {
                match tokio::time::timeout(item_timeout, stream.try_next()).await {
                    Ok(Ok(Some(f))) => out.push(RawFetch::from(&f)),
                    Ok(Ok(None)) => break,
                    Ok(Err(e)) => return Err(e),
                    Err(_) => {
                        return Err(RawError::Io(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "fetch stalled",
                        )));
                    }
                }
            }
            Ok(out)
        })
        .await
    }

    fn usable(&mut self, action: &str) -> Result<&mut RawSession, ImapError> {
        if let Some(reason) = &self.poisoned {
            return Err(ImapError::Connection {
                server: self.server.clone(),
                action: action.to_owned(),
                reason: format!("session unusable after an earlier failure ({reason}); reconnect"),
            });
        }
        match self.session.as_mut() {
            Some(s) => Ok(s),
            None => Err(ImapError::Connection {
                server: self.server.clone(),
                action: action.to_owned(),
                reason: "session closed".into(),
            }),
        }
    }

    async fn run<T>(
        &mut self,
        action: &str,
        f: impl AsyncFnOnce(&mut RawSession) -> Result<T, RawError>,
    ) -> Result<T, ImapError> {
        let t = self.timeout;
        self.run_with(action, Some(t), f).await
    }

    async fn run_with<T>(
        &mut self,
        action: &str,
        limit: Option<Duration>,
        f: impl AsyncFnOnce(&mut RawSession) -> Result<T, RawError>,
    ) -> Result<T, ImapError> {
        let session = self.usable(action)?;
        let result = match limit {
            Some(t) => tokio::time::timeout(t, f(session)).await,
            None => Ok(f(session).await),
        };
        match result {
            // async-imap ends a response at EOF without an error: results may be partial.
            Ok(Ok(_)) if self.saw_eof() && action != "LOGOUT" => {
                let err = ImapError::Connection {
                    server: self.server.clone(),
                    action: action.to_owned(),
                    reason: "connection closed by the server".into(),
                };
                Err(self.poison_with(err))
            }
            Ok(Ok(v)) => {
                self.drain();
                Ok(v)
            }
            Ok(Err(e)) => {
                let err = self.map_raw(action, e);
                if err.needs_reconnect() {
                    return Err(self.poison_with(err));
                }
                self.drain();
                Err(err)
            }
            Err(_) => {
                let err = ImapError::Timeout {
                    server: self.server.clone(),
                    action: action.to_owned(),
                    secs: limit.unwrap_or_default().as_secs(),
                };
                Err(self.poison_with(err))
            }
        }
    }

    fn saw_eof(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.get_ref().get_ref().saw_eof())
    }

    fn poison_with(&mut self, err: ImapError) -> ImapError {
        warn!(server = %self.server, error = %err, "imap session unusable; reconnect needed");
        self.poisoned = Some(err.to_string());
        // Drop the socket now: its state is unknown.
        self.session = None;
        err
    }

    /// Empties the unsolicited-responses channel (it silently drops updates when full) and
    /// remembers whether new mail was announced.
    fn drain(&mut self) {
        let Some(s) = self.session.as_mut() else {
            return;
        };
        while let Ok(u) = s.unsolicited_responses.try_recv() {
            match u {
                UnsolicitedResponse::Exists(_) | UnsolicitedResponse::Recent(_) => {
                    self.pending_new = true
                }
                _ => {}
            }
        }
    }

    fn map_raw(&self, action: &str, e: RawError) -> ImapError {
        match map_raw(&self.server, action, e) {
            ImapError::Timeout { server, action, .. } => ImapError::Timeout {
                server,
                action,
                secs: self.timeout.as_secs(),
            },
            other => other,
        }
    }
}

fn map_raw(server: &str, action: &str, e: RawError) -> ImapError {
    let server = server.to_owned();
    let action = action.to_owned();
    match e {
        RawError::Io(io) if io.kind() == io::ErrorKind::TimedOut => ImapError::Timeout {
            server,
            action,
            secs: 0,
        },
        RawError::Io(io) => ImapError::Connection {
            server,
            action,
            reason: io.to_string(),
        },
        RawError::ConnectionLost => ImapError::Connection {
            server,
            action,
            reason: "connection closed by the server".into(),
        },
        RawError::No(text) => {
            let text = server_text(&text);
            ImapError::Refused {
                transient: is_transient_code(&text),
                server,
                command: action,
                text: format!("NO {text}"),
            }
        }
        RawError::Bad(text) => ImapError::Refused {
            server,
            command: action,
            text: format!("BAD {}", server_text(&text)),
            transient: false,
        },
        RawError::Validate(v) => ImapError::Refused {
            server,
            command: action,
            text: format!("invalid argument: {v}"),
            transient: false,
        },
        RawError::Append => ImapError::Refused {
            server,
            command: action,
            text: "the server did not accept the message".into(),
            transient: false,
        },
        other => ImapError::Protocol {
            server,
            action,
            reason: other.to_string(),
        },
    }
}

/// RFC 5530 codes after which trying again later makes sense.
fn is_transient_code(text: &str) -> bool {
    let t = text.to_ascii_uppercase();
    ["[UNAVAILABLE]", "[INUSE]", "[SERVERBUG]", "[LIMIT]"]
        .iter()
        .any(|c| t.contains(c))
}

/// async-imap formats NO/BAD as `code: Some(..), info: Some("...")` or
/// `outcome: Outcome { code: .., information: Some("...") }`; keep the server's words.
fn server_text(s: &str) -> String {
    let start = ["information: Some(\"", "info: Some(\""]
        .iter()
        .find_map(|k| s.find(k).map(|i| i + k.len()));
    let mut text = String::new();
    if let Some(start) = start {
        let mut chars = s[start..].chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        text.push(n)
                    }
                }
                '"' => break,
                c => text.push(c),
            }
        }
    }
    let code = s
        .find("code: Some(")
        .map(|i| &s[i + "code: Some(".len()..])
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_alphanumeric()).next())
        .filter(|c| !c.is_empty());
    match (code, text.is_empty()) {
        (Some(code), false) => format!("[{}] {text}", code.to_ascii_uppercase()),
        (Some(code), true) => format!("[{}]", code.to_ascii_uppercase()),
        (None, false) => text,
        (None, true) => s.to_owned(),
    }
}

/// The parts of an async-imap `Fetch` we keep (the `Fetch` borrows the connection's buffer).
struct RawFetch {
    uid: Option<u32>,
    size: Option<u32>,
    body: Option<Vec<u8>>,
}

impl From<&Fetch> for RawFetch {
    fn from(f: &Fetch) -> RawFetch {
        RawFetch {
            uid: f.uid,
            size: f.size,
            body: f.body().or_else(|| f.header()).map(<[u8]>::to_vec),
        }
    }
}

/// Sorted, de-duplicated UIDs as IMAP sets (`1:5,7,9:12`), split so each stays short.
fn uid_sets(uids: &[u32]) -> Vec<String> {
    let sorted: BTreeSet<u32> = uids.iter().copied().filter(|&u| u > 0).collect();
    let mut sets = Vec::new();
    let mut cur = String::new();
    let mut iter = sorted.into_iter().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while let Some(&n) = iter.peek() {
            if n == end + 1 {
                end = n;
                iter.next();
            } else {
                break;
            }
        }
        let piece = if start == end {
            start.to_string()
        } else {
            format!("{start}:{end}")
        };
        if !cur.is_empty() && cur.len() + 1 + piece.len() > MAX_SET_LEN {
            sets.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(',');
        }
        cur.push_str(&piece);
    }
    if !cur.is_empty() {
        sets.push(cur);
    }
    sets
}

// ---------------------------------------------------------------------- connect + auth

async fn connect_inner(
    cfg: &ImapConfig,
    tls: Option<&TlsClient>,
    server: &str,
) -> Result<ImapSession, ImapError> {
    let conn_err = |action: &str, reason: String| ImapError::Connection {
        server: server.to_owned(),
        action: action.to_owned(),
        reason,
    };
    let tcp = stream::connect_tcp(&cfg.host, cfg.port, cfg.timeout)
        .await
        .map_err(|e| conn_err("connecting", e.to_string()))?;
    let mut client = match (cfg.security, tls) {
        (Security::Tls, Some(tls)) => {
            let s = tls.connect(tcp, server).await?;
            let mut c = RawClient::new(conn(NetStream::tls(s)));
            read_greeting(&mut c, server).await?;
            c
        }
        (Security::StartTls, Some(tls)) => {
            let mut c = RawClient::new(conn(NetStream::plain(tcp)));
            read_greeting(&mut c, server).await?;
            c.run_command_and_check_ok("STARTTLS", None)
                .await
                .map_err(|e| match map_raw(server, "STARTTLS", e) {
                    ImapError::Refused { text, .. } => ImapError::Config(format!(
                        "imap server {server} refused STARTTLS ({text}); use security \"tls\""
                    )),
                    other => other,
                })?;
            // RFC 3501 §6.2.1: no second greeting after STARTTLS.
            let tcp = c
                .into_inner()
                .into_inner()
                .into_plain()
                .expect("plain before STARTTLS");
            let s = tls.connect(tcp, server).await?;
            RawClient::new(conn(NetStream::tls(s)))
        }
        _ => {
            stream::check_plain_peer(&tcp)
                .map_err(|e| ImapError::Config(format!("imap {server}: {e}")))?;
            let mut c = RawClient::new(conn(NetStream::plain(tcp)));
            read_greeting(&mut c, server).await?;
            c
        }
    };
    let encrypted = client.get_ref().get_ref().is_tls();
    let pre = pre_auth_capabilities(&mut client, server).await?;
    let mut session = authenticate(client, cfg, &pre, server).await?;
    let caps = session
        .capabilities()
        .await
        .map_err(|e| map_raw(server, "CAPABILITY", e))?;
    let caps = Capabilities::from_names(caps.iter().map(|c| match c {
        async_imap::types::Capability::Imap4rev1 => "IMAP4REV1".to_owned(),
        async_imap::types::Capability::Auth(a) => format!("AUTH={a}"),
        async_imap::types::Capability::Atom(a) => a.clone(),
    }));
    Ok(ImapSession {
        session: Some(session),
        caps,
        server: server.to_owned(),
        user: cfg.user.clone(),
        selected: None,
        pending_new: false,
        poisoned: None,
        timeout: cfg.timeout,
        encrypted,
    })
}

async fn read_greeting(c: &mut RawClient, server: &str) -> Result<(), ImapError> {
    let greeting = c.read_response().await.map_err(|e| ImapError::Connection {
        server: server.to_owned(),
        action: "reading the greeting".into(),
        reason: e.to_string(),
    })?;
    let Some(greeting) = greeting else {
        return Err(ImapError::Connection {
            server: server.to_owned(),
            action: "reading the greeting".into(),
            reason: "closed before greeting".into(),
        });
    };
    match greeting.parsed() {
        Response::Data {
            status: Status::Ok | Status::PreAuth,
            ..
        } => Ok(()),
        Response::Data {
            status: Status::Bye,
            outcome,
        } => Err(ImapError::Connection {
            server: server.to_owned(),
            action: "reading the greeting".into(),
            reason: format!(
                "server said BYE: {}",
                outcome.information.as_deref().unwrap_or("")
            ),
        }),
        other => Err(ImapError::Protocol {
            server: server.to_owned(),
            action: "reading the greeting".into(),
            reason: format!("unexpected greeting {other:?}"),
        }),
    }
}

/// CAPABILITY before login, to choose the mechanism. async-imap has no pre-auth capability
/// call, so the command is written with a tag of our own and answered through `read_response`.
async fn pre_auth_capabilities(c: &mut RawClient, server: &str) -> Result<Capabilities, ImapError> {
    const TAG: &str = "mc0";
    let io_err = |e: io::Error| ImapError::Connection {
        server: server.to_owned(),
        action: "CAPABILITY".into(),
        reason: e.to_string(),
    };
    let w = c.get_mut();
    w.write_all(format!("{TAG} CAPABILITY\r\n").as_bytes())
        .await
        .map_err(io_err)?;
    w.flush().await.map_err(io_err)?;
    let mut names = Vec::new();
    loop {
        let Some(resp) = c.read_response().await.map_err(io_err)? else {
            return Err(io_err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "closed during CAPABILITY",
            )));
        };
        match resp.parsed() {
            Response::Capabilities(cs) => names.extend(cs.iter().map(|c| match c {
                async_imap::imap_proto::Capability::Imap4rev1 => "IMAP4REV1".to_owned(),
                async_imap::imap_proto::Capability::Auth(a) => format!("AUTH={a}"),
                async_imap::imap_proto::Capability::Atom(a) => a.to_string(),
            })),
            Response::Done { tag, .. } if tag.0 == TAG => break,
            _ => {}
        }
    }
    Ok(Capabilities::from_names(names))
}

/// LOGIN's quoted string carries printable ASCII without `"` or `\` trouble; anything else goes
/// through AUTHENTICATE PLAIN.
fn login_can_carry(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

async fn authenticate(
    client: RawClient,
    cfg: &ImapConfig,
    pre: &Capabilities,
    server: &str,
) -> Result<RawSession, ImapError> {
    let user = cfg.user.as_str();
    let refused = |e: RawError| {
        let (reason, transient) = match e {
            RawError::No(t) | RawError::Bad(t) => {
                let t = server_text(&t);
                (t.clone(), is_transient_code(&t))
            }
            other => return map_raw(server, "login", other),
        };
        ImapError::Auth {
            server: server.to_owned(),
            user: user.to_owned(),
            reason,
            transient,
        }
    };
    let need = |mech: &str| {
        if pre.has(&format!("AUTH={mech}")) {
            Ok(())
        } else {
            Err(ImapError::Auth {
                server: server.to_owned(),
                user: user.to_owned(),
                reason: format!("the server does not offer AUTH={mech}"),
                transient: false,
            })
        }
    };
    let (mech, result) = match &cfg.auth {
        Auth::Password(pw)
            if !pre.has("LOGINDISABLED") && login_can_carry(user) && login_can_carry(pw) =>
        {
            ("LOGIN", client.login(user, pw).await.map_err(|(e, _)| e))
        }
        Auth::Password(pw) | Auth::SaslPlain(pw) => {
            need("PLAIN")?;
            (
                "PLAIN",
                client
                    .authenticate("PLAIN", SaslPlain { user, password: pw })
                    .await
                    .map_err(|(e, _)| e),
            )
        }
        Auth::XOAuth2 { token } => {
            need("XOAUTH2")?;
            (
                "XOAUTH2",
                client
                    .authenticate(
                        "XOAUTH2",
                        XOAuth2 {
                            user,
                            token,
                            sent: false,
                        },
                    )
                    .await
                    .map_err(|(e, _)| e),
            )
        }
    };
    debug!(server, user, mech, "imap authentication");
    result.map_err(refused)
}

struct SaslPlain<'a> {
    user: &'a str,
    password: &'a str,
}

impl async_imap::Authenticator for SaslPlain<'_> {
    type Response = Vec<u8>;
    fn process(&mut self, _challenge: &[u8]) -> Vec<u8> {
        sasl_plain_response(self.user, self.password)
    }
}

struct XOAuth2<'a> {
    user: &'a str,
    token: &'a str,
    sent: bool,
}

impl async_imap::Authenticator for XOAuth2<'_> {
    type Response = Vec<u8>;
    fn process(&mut self, _challenge: &[u8]) -> Vec<u8> {
        if self.sent {
            // A second challenge carries the server's JSON error; answer empty so it sends NO.
            return Vec::new();
        }
        self.sent = true;
        xoauth2_response(self.user, self.token).into_bytes()
    }
}

/// RFC 4616 PLAIN: `\0user\0password` (no authorization identity). async-imap base64-encodes it.
fn sasl_plain_response(user: &str, password: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(user.len() + password.len() + 2);
    v.push(0);
    v.extend_from_slice(user.as_bytes());
    v.push(0);
    v.extend_from_slice(password.as_bytes());
    v
}

/// The XOAUTH2 initial client response before base64:
/// `user={user}\x01auth=Bearer {token}\x01\x01` (Google's and Microsoft's SASL XOAUTH2).
pub fn xoauth2_response(user: &str, token: &str) -> String {
    format!("user={user}\x01auth=Bearer {token}\x01\x01")
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    #[test]
    fn xoauth2_matches_googles_documented_example() {
        // https://developers.google.com/gmail/imap/xoauth2-protocol
        let raw = xoauth2_response(
            "someuser@example.com",
            "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg",
        );
        assert_eq!(
            raw,
            "user=someuser@example.com\x01auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01"
        );
        assert_eq!(
            base64::engine::general_purpose::STANDARD.encode(raw),
            "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ=="
        );
    }

    #[test]
    fn xoauth2_answers_a_second_challenge_with_an_empty_response() {
        use async_imap::Authenticator as _;
        let mut a = XOAuth2 {
            user: "u@example.test",
            token: "t",
            sent: false,
        };
        assert_eq!(
            a.process(b""),
            b"user=u@example.test\x01auth=Bearer t\x01\x01".to_vec()
        );
        assert!(a.process(b"{\"status\":\"401\"}").is_empty());
    }

    #[test]
    fn sasl_plain_is_nul_separated() {
        assert_eq!(
            sasl_plain_response("alice@example.test", "pw"),
            b"\0alice@example.test\0pw".to_vec()
        );
    }

    #[test]
    fn debug_output_never_shows_secrets() {
        let mut cfg = ImapConfig::new(
            "imap.example.test",
            993,
            "alice",
            Auth::Password("hunter2-secret".into()),
        );
        assert!(!format!("{cfg:?}").contains("hunter2"));
        cfg.auth = Auth::XOAuth2 {
            token: "ya29.token-secret".into(),
        };
        assert!(!format!("{cfg:?}").contains("token-secret"));
        cfg.auth = Auth::SaslPlain("pw-secret".into());
        assert!(!format!("{cfg:?}").contains("pw-secret"));
    }

    #[test]
    fn plaintext_to_a_remote_host_is_refused_before_any_connection() {
        let mut cfg = ImapConfig::new(
            "imap.example.test",
            143,
            "alice",
            Auth::Password("x".into()),
        );
        cfg.security = Security::Plain;
        let e = cfg.validate().unwrap_err();
        assert!(matches!(e, ImapError::Config(_)));
        assert!(e.is_permanent() && !e.needs_reconnect());
        cfg.host = "127.0.0.1".into();
        assert!(cfg.validate().is_ok());
    }

    #[test]
    fn uid_sets_compress_ranges_and_split_long_ones() {
        assert_eq!(
            uid_sets(&[5, 1, 2, 3, 7, 9, 10, 3]),
            vec!["1:3,5,7,9:10".to_owned()]
        );
        assert!(uid_sets(&[]).is_empty());
        let sparse: Vec<u32> = (1..=5000).map(|i| i * 2).collect();
        let sets = uid_sets(&sparse);
        assert!(sets.len() > 1);
        assert!(sets.iter().all(|s| s.len() <= MAX_SET_LEN));
        let back: Vec<u32> = sets
            .iter()
            .flat_map(|s| s.split(','))
            .map(|p| p.parse().unwrap())
            .collect();
        assert_eq!(back, sparse);
    }

    #[test]
    fn server_text_keeps_the_servers_words() {
        assert_eq!(
            server_text(
                r#"code: None, info: Some("[AUTHENTICATIONFAILED] Authentication failed.")"#
            ),
            "[AUTHENTICATIONFAILED] Authentication failed."
        );
        assert_eq!(
            server_text(
                r#"outcome: Outcome { code: None, information: Some("Mailbox doesn't exist: \"X\"") }"#
            ),
            "Mailbox doesn't exist: \"X\""
        );
        assert_eq!(
            server_text(r#"code: Some(TryCreate), info: Some("no such mailbox")"#),
            "[TRYCREATE] no such mailbox"
        );
    }

    #[test]
    fn unavailable_is_transient_and_authenticationfailed_is_not() {
        assert!(is_transient_code(
            "[UNAVAILABLE] Temporary authentication failure."
        ));
        assert!(!is_transient_code(
            "[AUTHENTICATIONFAILED] Authentication failed."
        ));
    }

    #[test]
    fn login_is_used_only_for_plain_ascii_credentials() {
        assert!(login_can_carry("alice-secret"));
        assert!(!login_can_carry("pässword"));
        assert!(!login_can_carry("a\r\nb"));
    }
}
