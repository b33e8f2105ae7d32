//! SMTP sender: prepared message bytes out through lettre, unchanged, over a small pool of
//! connections this module opens itself.
//!
//! Why not `AsyncSmtpTransport`: lettre 0.11.23 never sets `TCP_NODELAY`, and it writes the
//! message and the final `\r\n.\r\n` in two writes, so every message waits ~40 ms for the
//! server's delayed ACK (~22 msg/s per connection, MAILSERVERS.md pitfall 9). Here the TCP
//! socket is opened by this module with `TCP_NODELAY` and handed to lettre through
//! `AsyncSmtpConnection::connect_with_transport`; implicit TLS is done by [`super::tls`] first,
//! STARTTLS by lettre over that same socket. lettre still speaks the protocol (EHLO, STARTTLS,
//! AUTH, MAIL/RCPT/DATA, dot-stuffing, 8BITMIME/SMTPUTF8).
//!
//! Pool: up to `pool_size` sends run at once, each on its own connection; idle connections are
//! kept (most recently used first), checked with NOOP when idle for a second or more, and closed
//! after [`MAX_IDLE`]. A failed send drops its connection.
//!
//! Errors say what to do with the message: [`SendError::is_transient`] (4xx, network, timeout:
//! keep it and retry later), [`SendError::is_permanent`] (5xx to this message: give up on it),
//! or [`SendError::is_setup`] (TLS, AUTH, configuration: the message is fine, the setup is not;
//! hold the outbox and tell the operator).

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lettre::Address;
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{
    AsyncSmtpConnection, Certificate, CertificateStore, TlsParameters,
};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::response::Response;
use tokio::sync::Semaphore;
use tracing::{debug, info, warn};

pub use super::Security;
use super::stream::{self, NetStream};
use super::tls::{TlsClient, TlsError};

/// Default limit for connecting and for each message.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default number of connections (and of sends in flight).
pub const DEFAULT_POOL_SIZE: usize = 4;
/// Idle connections older than this are closed rather than reused (Postfix drops idle clients
/// after `smtpd_timeout`, 300 s by default).
pub const MAX_IDLE: Duration = Duration::from_secs(60);
/// A connection idle at least this long is checked with NOOP before reuse.
const CHECK_AFTER: Duration = Duration::from_secs(1);

/// Where and how to send. `Debug` never shows the password.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    /// 465 for [`Security::Tls`], 587 for [`Security::StartTls`], 25 for relaying.
    pub port: u16,
    pub security: Security,
    /// The name the certificate must carry; `None` means `host`.
    pub tls_name: Option<String>,
    /// `(user, password)` for AUTH PLAIN/LOGIN; `None` sends without AUTH.
    pub credentials: Option<(String, String)>,
    /// The credentials' second part is an OAuth 2.0 access token: AUTH XOAUTH2 (Gmail,
    /// Microsoft 365) instead of PLAIN/LOGIN.
    pub xoauth2: bool,
    /// PEM file of the CA(s) to trust; `None` means the built-in web roots.
    pub ca_file: Option<PathBuf>,
    /// Connections (and concurrent sends); at least 1.
    pub pool_size: usize,
    /// Limit for opening a connection (TCP, TLS, EHLO, AUTH) and for sending one message.
    pub timeout: Duration,
}

impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("tls_name", &self.tls_name)
            .field("user", &self.credentials.as_ref().map(|(u, _)| u))
            .field("password", &self.credentials.as_ref().map(|_| "<redacted>"))
            .field("xoauth2", &self.xoauth2)
            .field("ca_file", &self.ca_file)
            .field("pool_size", &self.pool_size)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl SmtpConfig {
    /// No credentials, web roots, default pool size and timeout.
    pub fn new(host: impl Into<String>, port: u16, security: Security) -> SmtpConfig {
        SmtpConfig {
            host: host.into(),
            port,
            security,
            tls_name: None,
            credentials: None,
            xoauth2: false,
            ca_file: None,
            pool_size: DEFAULT_POOL_SIZE,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// `host:port`, for messages and logs.
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
}

/// The server accepted the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The server's final answer, e.g. `250 2.0.0 Ok: queued as 4Xb2Lw1Kz9`.
    pub response: String,
}

/// What to do with a message after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendErrorKind {
    /// 4xx, network trouble, timeout: keep the message and retry later.
    Transient,
    /// 5xx to this message (unknown recipient, rejected content): do not retry it.
    Permanent,
    /// TLS, AUTH or configuration: the message is not at fault; hold the queue, alert the operator.
    Setup,
}

/// A failed send, displayed as one line with the server's answer when there is one.
#[derive(Debug, Clone)]
pub struct SendError {
    kind: SendErrorKind,
    server: String,
    stage: &'static str,
    detail: String,
    code: Option<u16>,
    response: Option<String>,
    /// The message data and its final dot went out, and no answer came back.
    outcome_unknown: bool,
}

impl SendError {
    /// A setup problem found outside this module (e.g. the password could not be read).
    pub fn setup(server: &str, detail: String) -> SendError {
        SendError {
            kind: SendErrorKind::Setup,
            server: server.to_owned(),
            stage: "config",
            detail,
            code: None,
            response: None,
            outcome_unknown: false,
        }
    }
    pub fn kind(&self) -> SendErrorKind {
        self.kind
    }
    /// Keep the message and try again later.
    pub fn is_transient(&self) -> bool {
        self.kind == SendErrorKind::Transient
    }
    /// The server refused this message for good.
    pub fn is_permanent(&self) -> bool {
        self.kind == SendErrorKind::Permanent
    }
    /// The connection setup is wrong (TLS, credentials, config); the message is not at fault.
    pub fn is_setup(&self) -> bool {
        self.kind == SendErrorKind::Setup
    }
    /// The server's reply (`550 5.1.1 <x@example.test>: Recipient address rejected: ...`), if any.
    pub fn response(&self) -> Option<&str> {
        self.response.as_deref()
    }
    /// The reply code, if the server answered.
    pub fn code(&self) -> Option<u16> {
        self.code
    }
    /// Which step failed: `config`, `envelope`, `connect`, `tls`, `greeting`, `starttls`, `auth`,
    /// `send` ([`SmtpSender::send`]), or for [`SmtpSender::send_marked`] `mail`, `rcpt`, `data`,
    /// `mark`, `message`.
    pub fn stage(&self) -> &'static str {
        self.stage
    }
    /// The whole message (final dot included) was written and no final answer arrived (the
    /// connection broke or timed out): the server may have accepted it. Only
    /// [`SmtpSender::send_marked`] reports this; such a message must not be sent again blindly.
    pub fn outcome_unknown(&self) -> bool {
        self.outcome_unknown
    }
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            SendErrorKind::Transient => "failed (transient)",
            SendErrorKind::Permanent => "refused (permanent)",
            SendErrorKind::Setup => "failed (check the smtp settings)",
        };
        write!(
            f,
            "smtp {} to {} {what}: {}",
            self.stage, self.server, self.detail
        )
    }
}

impl std::error::Error for SendError {}

/// Sends prepared messages; cheap to clone (all clones share one pool).
#[derive(Clone)]
pub struct SmtpSender {
    inner: Arc<Inner>,
}

struct Inner {
    server: String,
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
    mechanisms: &'static [Mechanism],
    user: Option<String>,
    tls: Option<TlsClient>,
    starttls: Option<TlsParameters>,
    hello: ClientId,
    timeout: Duration,
    permits: Semaphore,
    idle: Mutex<Vec<Parked>>,
    pool_size: usize,
}

struct Parked {
    conn: AsyncSmtpConnection,
    since: Instant,
}

impl fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSender")
            .field("server", &self.inner.server)
            .field("security", &self.inner.security)
            .field("user", &self.inner.user)
            .field("pool_size", &self.inner.pool_size)
            .finish()
    }
}

impl SmtpSender {
    /// Checks the config (plaintext rule, TLS name, CA file) and prepares TLS. Connects lazily.
    pub fn new(cfg: &SmtpConfig) -> Result<SmtpSender, SendError> {
        let server = cfg.server();
        let config_err = |detail: String| SendError {
            kind: SendErrorKind::Setup,
            server: server.clone(),
            stage: "config",
            detail,
            code: None,
            response: None,
            outcome_unknown: false,
        };
        super::check_plain_allowed("smtp", &cfg.host, cfg.security).map_err(&config_err)?;
        let tls = match cfg.security {
            Security::Plain => None,
            _ => Some(
                TlsClient::new(cfg.tls_name(), cfg.ca_file.as_deref())
                    .map_err(|e| config_err(e.to_string()))?,
            ),
        };
        let starttls = match (&tls, cfg.security) {
            (Some(tls), Security::StartTls) => {
                Some(lettre_tls(tls).map_err(|e| config_err(format!("tls setup: {e}")))?)
            }
            _ => None,
        };
        Ok(SmtpSender {
            inner: Arc::new(Inner {
                server: server.clone(),
                host: cfg.host.clone(),
                port: cfg.port,
                security: cfg.security,
                credentials: cfg
                    .credentials
                    .as_ref()
                    .map(|(u, p)| Credentials::new(u.clone(), p.clone())),
                mechanisms: if cfg.xoauth2 {
                    &[Mechanism::Xoauth2]
                } else {
                    &[Mechanism::Plain, Mechanism::Login]
                },
                user: cfg.credentials.as_ref().map(|(u, _)| u.clone()),
                tls,
                starttls,
                hello: ClientId::default(),
                timeout: cfg.timeout,
                permits: Semaphore::new(cfg.pool_size.max(1)),
                idle: Mutex::new(Vec::new()),
                pool_size: cfg.pool_size.max(1),
            }),
        })
    }

    /// Sends `raw` (a complete RFC 5322 message with CRLF line ends) to `to` with envelope
    /// sender `from`; an empty `from` (or `<>`) sends with the null reverse-path `MAIL FROM:<>`,
    /// which RFC 3834 §3.3 asks of automatic replies so that they cannot bounce into loops. The bytes arrive unchanged: SMTP dot-stuffing is undone by the server,
    /// and a final CRLF is not doubled. Up to `pool_size` calls run concurrently.
    pub async fn send(&self, from: &str, to: &[String], raw: &[u8]) -> Result<Sent, SendError> {
        let envelope = self.envelope(from, to)?;
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let mut conn = self.checkout().await?;
        // lettre always ends DATA with "\r\n.\r\n": drop our final CRLF so it is not doubled.
        let body = raw.strip_suffix(b"\r\n").unwrap_or(raw);
        let started = Instant::now();
        match tokio::time::timeout(self.inner.timeout, conn.send(&envelope, body)).await {
            Ok(Ok(resp)) => {
                let response = response_line(&resp);
                debug!(server = %self.inner.server, recipients = to.len(), bytes = raw.len(),
                       elapsed_ms = started.elapsed().as_millis() as u64, "smtp message accepted");
                self.checkin(conn);
                Ok(Sent { response })
            }
            Ok(Err(e)) => {
                // lettre has already aborted (QUIT) a connection that failed mid-transaction.
                let err = self.classify("send", &e);
                warn!(server = %self.inner.server, error = %err, "smtp send failed");
                Err(err)
            }
            Err(_) => Err(self.err(
                SendErrorKind::Transient,
                "send",
                format!("no answer within {} s", self.inner.timeout.as_secs()),
            )),
        }
    }

    /// [`send`](Self::send) for callers that must never send a message twice: `MAIL`, `RCPT` and
    /// `DATA` run first; after the server's `354`, and before a byte of the message is written,
    /// `mark` is awaited (the outbox commits "handing over now" there). Then the message and its
    /// final dot go out and the final answer is read.
    ///
    /// - An error before `mark` returns: nothing was handed over (the transaction is abandoned
    ///   with the connection), so the message may be tried again.
    /// - `mark` failing: the connection is dropped before any data, so the server discards the
    ///   transaction; the error's stage is `mark`.
    /// - After `mark`: a reply code is definitive (2xx sent, 4xx/5xx not); a broken connection
    ///   or a timeout sets [`SendError::outcome_unknown`].
    pub async fn send_marked<F, Fut>(
        &self,
        from: &str,
        to: &[String],
        raw: &[u8],
        mark: F,
    ) -> Result<Sent, SendError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<(), String>>,
    {
        let envelope = self.envelope(from, to)?;
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let mut conn = self.checkout().await?;
        let body = raw.strip_suffix(b"\r\n").unwrap_or(raw);
        let started = Instant::now();
        let limit = self.inner.timeout;
        match tokio::time::timeout(limit, self.begin_data(&mut conn, &envelope, body)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                conn.abort().await;
                return Err(e);
            }
            Err(_) => {
                return Err(self.err(
                    SendErrorKind::Transient,
                    "data",
                    format!("no answer within {} s", limit.as_secs()),
                ));
            }
        }
        if let Err(reason) = mark().await {
            // Closing the connection before the final dot makes the server discard the
            // transaction (RFC 5321 §4.1.1.4): nothing is delivered.
            conn.abort().await;
            return Err(self.err(SendErrorKind::Transient, "mark", reason));
        }
        match tokio::time::timeout(limit, conn.message(body)).await {
            Ok(Ok(resp)) => {
                let response = response_line(&resp);
                debug!(server = %self.inner.server, recipients = to.len(), bytes = raw.len(),
                       elapsed_ms = started.elapsed().as_millis() as u64, "smtp message accepted");
                self.checkin(conn);
                Ok(Sent { response })
            }
            Ok(Err(e)) => {
                let mut err = self.classify("message", &e);
                err.outcome_unknown = reply_of(&e).is_none();
                warn!(server = %self.inner.server, error = %err, outcome_unknown = err.outcome_unknown,
                      "smtp send failed");
                Err(err)
            }
            Err(_) => {
                let mut err = self.err(
                    SendErrorKind::Transient,
                    "message",
                    format!("no final answer within {} s", limit.as_secs()),
                );
                err.outcome_unknown = true;
                Err(err)
            }
        }
    }

    /// `MAIL FROM`, `RCPT TO` for each recipient and `DATA`, as lettre's own `send` does them
    /// (8BITMIME and SMTPUTF8 when needed and offered).
    async fn begin_data(
        &self,
        conn: &mut AsyncSmtpConnection,
        envelope: &Envelope,
        body: &[u8],
    ) -> Result<(), SendError> {
        use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
        use lettre::transport::smtp::extension::{Extension, MailBodyParameter, MailParameter};
        let mut params = Vec::new();
        let non_ascii_addr = envelope
            .from()
            .into_iter()
            .chain(envelope.to())
            .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii_addr {
            if !conn.server_info().supports_feature(Extension::SmtpUtfEight) {
                return Err(self.err(
                    SendErrorKind::Permanent,
                    "mail",
                    "a non-ASCII address needs SMTPUTF8, which the server does not offer".into(),
                ));
            }
            params.push(MailParameter::SmtpUtfEight);
        }
        if !body.is_ascii() {
            if !conn.server_info().supports_feature(Extension::EightBitMime) {
                return Err(self.err(
                    SendErrorKind::Permanent,
                    "mail",
                    "8-bit content needs 8BITMIME, which the server does not offer".into(),
                ));
            }
            params.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        conn.command(Mail::new(envelope.from().cloned(), params))
            .await
            .map_err(|e| self.classify("mail", &e))?;
        for to in envelope.to() {
            conn.command(Rcpt::new(to.clone(), vec![]))
                .await
                .map_err(|e| self.classify("rcpt", &e))?;
        }
        conn.command(Data)
            .await
            .map_err(|e| self.classify("data", &e))?;
        Ok(())
    }

    /// Closes idle connections with QUIT (for a clean shutdown; dropping the sender also works).
    pub async fn close(&self) {
        let parked: Vec<Parked> = std::mem::take(&mut *self.inner.idle.lock().expect("pool lock"));
        for mut p in parked {
            let _ = tokio::time::timeout(Duration::from_secs(5), p.conn.quit()).await;
        }
    }

    /// Opens a connection (TCP, TLS, EHLO, AUTH) and closes it: checks settings at startup.
    pub async fn check(&self) -> Result<(), SendError> {
        let mut conn = self.open().await?;
        let _ = tokio::time::timeout(Duration::from_secs(5), conn.quit()).await;
        Ok(())
    }

    // ------------------------------------------------------------------ internals

    fn envelope(&self, from: &str, to: &[String]) -> Result<Envelope, SendError> {
        let bad = |detail: String| self.err(SendErrorKind::Permanent, "envelope", detail);
        let from: Option<Address> = match from.trim() {
            "" | "<>" => None,
            f => Some(
                f.parse()
                    .map_err(|e| bad(format!("sender {from:?}: {e}")))?,
            ),
        };
        let to = to
            .iter()
            .map(|t| {
                t.parse::<Address>()
                    .map_err(|e| bad(format!("recipient {t:?}: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Envelope::new(from, to).map_err(|e| bad(e.to_string()))
    }

    async fn checkout(&self) -> Result<AsyncSmtpConnection, SendError> {
        loop {
            let parked = self.inner.idle.lock().expect("pool lock").pop();
            let Some(Parked { mut conn, since }) = parked else {
                return self.open().await;
            };
            let idle = since.elapsed();
            if idle > MAX_IDLE {
                let _ = tokio::time::timeout(Duration::from_secs(5), conn.quit()).await;
                continue;
            }
            if idle >= CHECK_AFTER {
                let alive = tokio::time::timeout(self.inner.timeout, conn.test_connected())
                    .await
                    .unwrap_or(false);
                if !alive {
                    debug!(server = %self.inner.server, "smtp pooled connection is dead; opening another");
                    continue;
                }
            }
            return Ok(conn);
        }
    }

    fn checkin(&self, conn: AsyncSmtpConnection) {
        if conn.has_broken() {
            return;
        }
        let mut idle = self.inner.idle.lock().expect("pool lock");
        if idle.len() < self.inner.pool_size {
            idle.push(Parked {
                conn,
                since: Instant::now(),
            });
        }
    }

    async fn open(&self) -> Result<AsyncSmtpConnection, SendError> {
        let started = Instant::now();
        match tokio::time::timeout(self.inner.timeout, self.open_inner()).await {
            Ok(Ok(conn)) => {
                info!(server = %self.inner.server, security = %self.inner.security, user = ?self.inner.user,
                      elapsed_ms = started.elapsed().as_millis() as u64, "smtp connection open");
                Ok(conn)
            }
            Ok(Err(e)) => Err(e),
            Err(_) => Err(self.err(
                SendErrorKind::Transient,
                "connect",
                format!("no connection within {} s", self.inner.timeout.as_secs()),
            )),
        }
    }

    async fn open_inner(&self) -> Result<AsyncSmtpConnection, SendError> {
        let i = &self.inner;
        let tcp = stream::connect_tcp(&i.host, i.port, i.timeout)
            .await
            .map_err(|e| self.err(SendErrorKind::Transient, "connect", e.to_string()))?;
        let stream = match (i.security, &i.tls) {
            (Security::Tls, Some(tls)) => NetStream::tls(
                tls.connect(tcp, &i.server)
                    .await
                    .map_err(|e| self.tls_err("tls", e))?,
            ),
            (Security::Plain, _) => {
                stream::check_plain_peer(&tcp)
                    .map_err(|e| self.err(SendErrorKind::Setup, "connect", e.to_string()))?;
                NetStream::plain(tcp)
            }
            _ => NetStream::plain(tcp),
        };
        let mut conn = AsyncSmtpConnection::connect_with_transport(Box::new(stream), &i.hello)
            .await
            .map_err(|e| self.classify_setup("greeting", &e))?;
        if let (Security::StartTls, Some(params)) = (i.security, &i.starttls) {
            if !conn.can_starttls() {
                return Err(self.err(
                    SendErrorKind::Setup,
                    "starttls",
                    "the server does not offer STARTTLS; use security \"tls\" or another port"
                        .into(),
                ));
            }
            conn.starttls(params.clone(), &i.hello)
                .await
                .map_err(|e| self.classify_setup("starttls", &e))?;
        }
        if let Some(creds) = &i.credentials {
            conn.auth(i.mechanisms, creds)
                .await
                .map_err(|e| self.classify_setup("auth", &e))?;
        }
        Ok(conn)
    }

    fn err(&self, kind: SendErrorKind, stage: &'static str, detail: String) -> SendError {
        SendError {
            kind,
            server: self.inner.server.clone(),
            stage,
            detail,
            code: None,
            response: None,
            outcome_unknown: false,
        }
    }

    fn tls_err(&self, stage: &'static str, e: TlsError) -> SendError {
        let kind = if e.is_transient() {
            SendErrorKind::Transient
        } else {
            SendErrorKind::Setup
        };
        self.err(kind, stage, e.to_string())
    }

    /// A failure while sending one message.
    fn classify(&self, stage: &'static str, e: &lettre::transport::smtp::Error) -> SendError {
        if let Some((code, response)) = reply_of(e) {
            let kind = if e.is_permanent() {
                SendErrorKind::Permanent
            } else {
                SendErrorKind::Transient
            };
            return SendError {
                kind,
                server: self.inner.server.clone(),
                stage,
                detail: response.clone(),
                code: Some(code),
                response: Some(response),
                outcome_unknown: false,
            };
        }
        if let Some(tls) = self
            .inner
            .tls
            .as_ref()
            .and_then(|t| t.explain_chain(&self.inner.server, e))
        {
            return self.tls_err(stage, tls);
        }
        // Client-side refusals (8BITMIME/SMTPUTF8 not offered) are about this message.
        let kind = if e.is_client() {
            SendErrorKind::Permanent
        } else {
            SendErrorKind::Transient
        };
        self.err(kind, stage, e.to_string())
    }

    /// A failure while opening a connection: the message was not involved, so a 5xx (e.g. 535
    /// bad credentials) means the setup is wrong rather than the message.
    fn classify_setup(&self, stage: &'static str, e: &lettre::transport::smtp::Error) -> SendError {
        let mut err = self.classify(stage, e);
        if err.kind == SendErrorKind::Permanent {
            err.kind = SendErrorKind::Setup;
        }
        if stage == "auth" && err.kind == SendErrorKind::Setup {
            let user = self.inner.user.as_deref().unwrap_or("?");
            err.detail = format!("login as {user} refused: {}", err.detail);
        }
        err
    }
}

/// `(code, "550 5.1.1 <...>: ...")` for an error that carries a server reply.
fn reply_of(e: &lettre::transport::smtp::Error) -> Option<(u16, String)> {
    let code = e.status()?;
    let code_s = code.to_string();
    let text = std::error::Error::source(e)
        .map(|s| s.to_string())
        .unwrap_or_default();
    let text = text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Some((
        code_s.parse().unwrap_or(0),
        format!("{code_s} {text}").trim_end().to_owned(),
    ))
}

fn response_line(r: &Response) -> String {
    let text = r.message().collect::<Vec<_>>().join(" ");
    format!("{} {text}", r.code()).trim_end().to_owned()
}

/// lettre's own TLS parameters for STARTTLS, with the same trust as [`TlsClient`].
fn lettre_tls(tls: &TlsClient) -> Result<TlsParameters, lettre::transport::smtp::Error> {
    let b = TlsParameters::builder(tls.name());
    let b = match tls.ca_file() {
        Some(path) => {
            let pem = std::fs::read(path).unwrap_or_default();
            b.certificate_store(CertificateStore::None)
                .add_root_certificate(Certificate::from_pem(&pem)?)
        }
        None => b.certificate_store(CertificateStore::WebpkiRoots),
    };
    b.build_rustls()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> SmtpConfig {
        let mut c = SmtpConfig::new("smtp.example.test", 587, Security::StartTls);
        c.credentials = Some(("support@example.test".into(), "hunter2-secret".into()));
        c
    }

    #[test]
    fn debug_output_never_shows_the_password() {
        let s = format!("{:?}", cfg());
        assert!(
            s.contains("support@example.test") && !s.contains("hunter2"),
            "{s}"
        );
        let sender = SmtpSender::new(&cfg()).unwrap();
        assert!(!format!("{sender:?}").contains("hunter2"));
    }

    #[test]
    fn plaintext_to_a_remote_relay_is_a_setup_error() {
        let mut c = cfg();
        c.security = Security::Plain;
        let e = SmtpSender::new(&c).unwrap_err();
        assert!(e.is_setup() && !e.is_transient() && !e.is_permanent());
        assert!(e.to_string().contains("loopback"), "{e}");
        c.host = "127.0.0.1".into();
        assert!(SmtpSender::new(&c).is_ok());
    }

    #[test]
    fn bad_addresses_are_permanent_envelope_errors() {
        let s = SmtpSender::new(&cfg()).unwrap();
        let e = s
            .envelope("not an address", &["a@example.test".into()])
            .unwrap_err();
        assert!(e.is_permanent() && e.stage() == "envelope", "{e}");
        assert!(s.envelope("a@example.test", &[]).is_err());
        assert!(
            s.envelope("a@example.test", &["b@example.test".into()])
                .is_ok()
        );
        let null = s.envelope("", &["b@example.test".into()]).unwrap();
        assert!(null.from().is_none());
        assert!(
            s.envelope("<>", &["b@example.test".into()])
                .unwrap()
                .from()
                .is_none()
        );
    }
}
