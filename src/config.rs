//! Configuration: `config/mailcase.toml` (or `--config PATH`), then environment variables.
//!
//! Unknown keys are rejected, and every error is one line naming the key and what to put there.
//! Secrets never live in the file: the file names an environment variable or a file to read.
//! Relative paths are relative to the working directory.

use anyhow::{Context as _, bail};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The config file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// SQLite database file.
    pub database: PathBuf,
    /// The support address automated mail is sent from (and replies come back to).
    pub support_address: String,
    /// Display name on outbound mail.
    pub support_name: String,
    /// Domain of outbound Message-IDs; defaults to the support address's domain.
    pub message_id_domain: String,
    /// Prefix of case references (`MC` gives `MC-7K3QH2`).
    pub reference_prefix: String,
    /// Folder of the editable outbound templates.
    pub templates: PathBuf,
    /// Further addresses that are ours (aliases); mail from them is never answered.
    pub own_addresses: Vec<String>,
    /// authserv-ids of the receiving servers whose `Authentication-Results` we trust.
    pub trusted_authserv_ids: Vec<String>,
    /// A file holding the key that signs outbound Message-IDs; when empty the key is generated
    /// once and kept in the database.
    pub secret_key_file: Option<PathBuf>,
    /// Messages larger than this are stored raw-only and flagged, not parsed.
    pub max_message_bytes: usize,
    pub intake: Intake,
    pub outbox: Outbox,
    pub threading: Threading,
    /// The IMAP account `intake.source = "imap"` reads (also `MAILCASE_IMAP_URL`).
    pub imap: Imap,
    /// The SMTP relay `outbox.transport = "smtp"` sends through (also `MAILCASE_SMTP_URL`).
    pub smtp: Smtp,
    /// Loop brakes on automated mail.
    pub limits: Limits,
    /// Reminders and closing for non-response.
    pub schedule: Schedule,
    /// The Prometheus-style `/metrics` endpoint.
    pub metrics: Metrics,
    /// The staff web UI.
    pub web: Web,
}

/// `[imap]`: where the live daemon reads mail. Secrets are never written here: the password
/// (or XOAUTH2 token) comes from an environment variable, a file or a command.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Imap {
    /// `imaps://USER@HOST:PORT/MAILBOX` (implicit TLS) or `imap://…` (STARTTLS); USER is
    /// percent-encoded (`support%40example.org`). The keys below override its parts.
    pub url: String,
    pub host: String,
    pub port: Option<u16>,
    /// `tls` (993), `starttls` (143) or `plain` (loopback hosts only).
    pub security: String,
    pub user: String,
    /// Folders to watch; several are allowed. Default: the URL's mailbox, else `INBOX`.
    pub mailboxes: Vec<String>,
    /// `password` (LOGIN, or AUTHENTICATE PLAIN when LOGIN cannot carry it), `plain`
    /// (always AUTHENTICATE PLAIN) or `xoauth2` (Gmail, Microsoft 365).
    pub auth: String,
    /// The environment variable holding the password.
    pub password_env: String,
    pub password_file: Option<PathBuf>,
    /// A shell command that prints the password.
    pub password_command: Option<String>,
    /// The environment variable holding the XOAUTH2 access token.
    pub token_env: String,
    /// A file holding the XOAUTH2 access token (re-read at every connection).
    pub token_file: Option<PathBuf>,
    /// A shell command that prints a fresh XOAUTH2 access token (run at every connection).
    pub token_command: Option<String>,
    /// The name the server certificate must carry; default: the host.
    pub tls_name: Option<String>,
    /// PEM file of the CA(s) to trust instead of the built-in web roots (`MAILCASE_TLS_CA_FILE`).
    pub tls_ca_file: Option<PathBuf>,
    /// Messages fetched (and committed) per batch.
    pub batch_size: usize,
    /// Use IDLE when the server offers it.
    pub idle: bool,
    /// IDLE is ended and re-issued after this many seconds (RFC 2177: before 29 minutes).
    pub idle_renew_secs: u64,
    /// Without IDLE, how often to look for new mail.
    pub poll_interval_secs: u64,
    /// After a message is committed: `none` (the default: the server is left untouched),
    /// `seen` (set `\Seen`) or `move` (to `move_to`).
    pub after_commit: String,
    pub move_to: String,
    /// On the very first run of a mailbox: `all` (read every message in it, the default) or
    /// `new` (only mail that arrives from now on).
    pub start_at: String,
    /// Limit for connecting and for each command.
    pub timeout_secs: u64,
    /// Reconnect backoff doubles from 1 s up to this.
    pub reconnect_max_secs: u64,
    /// Refused: secrets never live in the config file.
    #[serde(skip_serializing)]
    pub password: Option<toml::Value>,
    /// Refused: secrets never live in the config file.
    #[serde(skip_serializing)]
    pub token: Option<toml::Value>,
}

/// `[smtp]`: the relay automated mail is sent through.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Smtp {
    /// `smtps://USER@HOST:PORT` (implicit TLS) or `smtp://USER@HOST:PORT` (STARTTLS); without
    /// `USER@` no AUTH is done (a relay that trusts this host).
    pub url: String,
    pub host: String,
    pub port: Option<u16>,
    /// `tls` (465), `starttls` (587) or `plain` (loopback hosts only).
    pub security: String,
    pub user: String,
    /// `password` (AUTH PLAIN/LOGIN) or `xoauth2`.
    pub auth: String,
    pub password_env: String,
    pub password_file: Option<PathBuf>,
    pub password_command: Option<String>,
    pub token_env: String,
    pub token_file: Option<PathBuf>,
    pub token_command: Option<String>,
    pub tls_name: Option<String>,
    pub tls_ca_file: Option<PathBuf>,
    /// Connections (and messages in flight).
    pub pool_size: usize,
    /// At most this many messages a minute (0: no limit).
    pub rate_per_minute: u32,
    /// The envelope sender (MAIL FROM): empty means the support address, so that bounces come
    /// back and suppress the address; `<>` sends with the null sender (RFC 3834 §3.3), and then
    /// only bounces given during the SMTP dialogue are seen.
    pub envelope_from: String,
    /// After sending, append a copy to this IMAP folder of the `[imap]` account (e.g. `Sent`);
    /// empty: no copy.
    pub sent_folder: String,
    /// Limit for connecting and for each message.
    pub timeout_secs: u64,
    /// A message still failing temporarily after this many hours is marked failed.
    pub give_up_hours: i64,
    #[serde(skip_serializing)]
    pub password: Option<toml::Value>,
    #[serde(skip_serializing)]
    pub token: Option<toml::Value>,
}

/// `[limits]`: brakes against mail loops, counted from the outbox (so they survive restarts).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Automated messages per requester address in any 24 hours; more are recorded as
    /// `suppressed`, not sent (0: no limit).
    pub per_address_per_day: u32,
    /// Automated messages sent in any hour, over all addresses; more wait in the queue (0: no
    /// limit).
    pub global_per_hour: u32,
    /// No automated mail to an address for this many days after it hard-bounced.
    pub bounce_suppression_days: i64,
}

/// `[schedule]`: time-based work, run by the daemon and by `mailcase tick`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Schedule {
    /// Days without an answer to a request for missing information before a `reminder`
    /// (0: never).
    pub reminder_after_days: i64,
    /// Days after the reminder before the case is closed for non-response (0: never).
    pub close_after_days: i64,
    /// How often the daemon looks, in seconds.
    pub interval_secs: u64,
}

/// `[metrics]`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Metrics {
    /// `host:port` to serve `/metrics` on (e.g. `127.0.0.1:9898`); empty: off.
    pub listen: String,
}

impl Default for Imap {
    fn default() -> Self {
        Imap {
            url: String::new(),
            host: String::new(),
            port: None,
            security: String::new(),
            user: String::new(),
            mailboxes: Vec::new(),
            auth: "password".into(),
            password_env: "MAILCASE_IMAP_PASSWORD".into(),
            password_file: None,
            password_command: None,
            token_env: "MAILCASE_IMAP_TOKEN".into(),
            token_file: None,
            token_command: None,
            tls_name: None,
            tls_ca_file: None,
            batch_size: 256,
            idle: true,
            idle_renew_secs: 25 * 60,
            poll_interval_secs: 60,
            after_commit: "none".into(),
            move_to: String::new(),
            start_at: "all".into(),
            timeout_secs: 60,
            reconnect_max_secs: 300,
            password: None,
            token: None,
        }
    }
}

impl Default for Smtp {
    fn default() -> Self {
        Smtp {
            url: String::new(),
            host: String::new(),
            port: None,
            security: String::new(),
            user: String::new(),
            auth: "password".into(),
            password_env: "MAILCASE_SMTP_PASSWORD".into(),
            password_file: None,
            password_command: None,
            token_env: "MAILCASE_SMTP_TOKEN".into(),
            token_file: None,
            token_command: None,
            tls_name: None,
            tls_ca_file: None,
            pool_size: 4,
            rate_per_minute: 600,
            envelope_from: String::new(),
            sent_folder: String::new(),
            timeout_secs: 60,
            give_up_hours: 72,
            password: None,
            token: None,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_address_per_day: 10,
            global_per_hour: 1000,
            bounce_suppression_days: 30,
        }
    }
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            reminder_after_days: 7,
            close_after_days: 7,
            interval_secs: 600,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Intake {
    /// `maildir` (local, the default) or `imap`.
    pub source: String,
    /// The Maildir `mailcase run` watches (`new/` and `cur/`).
    pub maildir: PathBuf,
    /// How often the Maildir is scanned, in milliseconds.
    pub poll_interval_ms: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Outbox {
    /// `file` (the default: .eml files in `dir`) or `smtp`.
    pub transport: String,
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Threading {
    /// How recent an open case must be for the subject fallback match, in days.
    pub fallback_days: i64,
}

/// The staff web UI (`mailcase serve`; `mailcase run` serves it too when `listen` is set).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Web {
    /// Address and port to listen on, e.g. `127.0.0.1:8025`. Unset: `mailcase run` serves no UI
    /// and `mailcase serve` listens on 127.0.0.1:8025 (or `--listen`).
    pub listen: Option<String>,
    /// Mark session cookies `Secure`: set when the UI is reached over HTTPS (a TLS proxy).
    pub secure_cookies: bool,
    /// A session ends after this many minutes without a request.
    pub session_idle_minutes: u64,
    /// A session ends this many hours after login, however active.
    pub session_max_hours: u64,
}

impl Default for Web {
    fn default() -> Self {
        Web {
            listen: None,
            secure_cookies: false,
            session_idle_minutes: 120,
            session_max_hours: 12,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database: "data/mailcase.db".into(),
            support_address: "support@mailcase.localhost".into(),
            support_name: "Account Support".into(),
            message_id_domain: String::new(),
            reference_prefix: "MC".into(),
            templates: "config/templates".into(),
            own_addresses: Vec::new(),
            trusted_authserv_ids: Vec::new(),
            secret_key_file: None,
            max_message_bytes: 25 * 1024 * 1024,
            intake: Intake::default(),
            outbox: Outbox::default(),
            threading: Threading::default(),
            imap: Imap::default(),
            smtp: Smtp::default(),
            limits: Limits::default(),
            schedule: Schedule::default(),
            metrics: Metrics::default(),
            web: Web::default(),
        }
    }
}

impl Default for Intake {
    fn default() -> Self {
        Intake {
            source: "maildir".into(),
            maildir: "data/inbox".into(),
            poll_interval_ms: 250,
        }
    }
}

impl Default for Outbox {
    fn default() -> Self {
        Outbox {
            transport: "file".into(),
            dir: "data/outbox".into(),
        }
    }
}

impl Default for Threading {
    fn default() -> Self {
        Threading { fallback_days: 14 }
    }
}

impl Config {
    /// Loads `path`. A missing file is an error only when `explicit` (the user named it);
    /// otherwise the built-in defaults apply, so a fresh checkout runs with no setup.
    pub fn load(path: &Path, explicit: bool) -> anyhow::Result<Config> {
        let mut cfg = match std::fs::read_to_string(path) {
            Ok(text) => {
                Self::from_toml(&text).with_context(|| format!("config {}", path.display()))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Config::default(),
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read config {}", path.display()));
            }
        };
        cfg.apply_env(|k| std::env::var(k).ok())?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Parses TOML text; errors name the offending key in one line.
    pub fn from_toml(text: &str) -> anyhow::Result<Config> {
        toml::from_str::<Config>(text).map_err(|e| {
            let msg = e.message().trim().replace('\n', " ");
            match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].lines().count().max(1);
                    anyhow::anyhow!("line {line}: {msg}")
                }
                None => anyhow::anyhow!("{msg}"),
            }
        })
    }

    /// Environment variables override the file.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(db) = get("MAILCASE_DB").filter(|v| !v.is_empty()) {
            self.database = db.into();
        }
        if let Some(from) = get("MAILCASE_FROM").filter(|v| !v.is_empty()) {
            self.support_address = from;
        }
        crate::daemon::settings::apply_env(self, &get)?;
        Ok(())
    }

    pub fn validate(&mut self) -> anyhow::Result<()> {
        let addr = self.support_address.trim().to_string();
        let Some((local, domain)) = addr.rsplit_once('@') else {
            bail!(
                "support_address {addr:?} is not an email address: set it to the address mail is sent from"
            );
        };
        if local.is_empty() || domain.is_empty() || addr.contains(char::is_whitespace) {
            bail!(
                "support_address {addr:?} is not an email address: set it to the address mail is sent from"
            );
        }
        if self.message_id_domain.is_empty() {
            self.message_id_domain = domain.to_lowercase();
        }
        let prefix = &self.reference_prefix;
        if prefix.is_empty() || prefix.len() > 8 || !prefix.chars().all(|c| c.is_ascii_alphabetic())
        {
            bail!("reference_prefix {prefix:?} must be 1 to 8 letters, like \"MC\"");
        }
        self.reference_prefix = prefix.to_ascii_uppercase();
        if !matches!(self.intake.source.as_str(), "maildir" | "imap") {
            bail!(
                "intake.source {:?} is unknown: use \"maildir\" or \"imap\"",
                self.intake.source
            );
        }
        if !matches!(self.outbox.transport.as_str(), "file" | "smtp") {
            bail!(
                "outbox.transport {:?} is unknown: use \"file\" or \"smtp\"",
                self.outbox.transport
            );
        }
        if let Some(listen) = &self.web.listen
            && listen.parse::<std::net::SocketAddr>().is_err()
        {
            bail!(
                "web.listen {listen:?} is not an address and port: use one like \"127.0.0.1:8025\""
            );
        }
        if self.web.session_idle_minutes == 0 || self.web.session_max_hours == 0 {
            bail!("web.session_idle_minutes and web.session_max_hours must be at least 1");
        }
        crate::daemon::settings::validate(self)?;
        Ok(())
    }

    /// Every address that is ours, lowercased.
    pub fn own_addresses(&self) -> Vec<String> {
        let mut all = vec![self.support_address.to_lowercase()];
        all.extend(self.own_addresses.iter().map(|a| a.trim().to_lowercase()));
        // the accounts mailcase logs in with are ours too
        let imap = (self.intake.source == "imap")
            .then(|| {
                crate::daemon::settings::imap_settings(self)
                    .ok()
                    .map(|s| s.user)
            })
            .flatten();
        let smtp = (self.outbox.transport == "smtp")
            .then(|| {
                crate::daemon::settings::smtp_settings(self)
                    .ok()
                    .and_then(|s| s.user)
            })
            .flatten();
        for user in [imap, smtp].into_iter().flatten() {
            let u = user.trim().to_lowercase();
            if u.contains('@') && !all.contains(&u) {
                all.push(u);
            }
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_key_is_one_line_naming_it() {
        let err = Config::from_toml("databse = \"x.db\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("databse"), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn defaults_validate_and_derive_the_message_id_domain() {
        let mut cfg = Config::default();
        cfg.validate().unwrap();
        assert_eq!(cfg.message_id_domain, "mailcase.localhost");
    }

    #[test]
    fn env_overrides_the_file() {
        let mut cfg = Config::from_toml("support_address = \"a@b.test\"").unwrap();
        cfg.apply_env(|k| (k == "MAILCASE_FROM").then(|| "help@c.test".to_string()))
            .unwrap();
        cfg.validate().unwrap();
        assert_eq!(cfg.support_address, "help@c.test");
        assert_eq!(cfg.message_id_domain, "c.test");
    }

    #[test]
    fn the_web_section_is_optional_and_its_listen_address_is_checked() {
        let mut cfg = Config::from_toml("").unwrap();
        cfg.validate().unwrap();
        assert_eq!(cfg.web.listen, None);
        assert!(!cfg.web.secure_cookies);
        let mut cfg =
            Config::from_toml("[web]\nlisten = \"127.0.0.1:9000\"\nsecure_cookies = true").unwrap();
        cfg.validate().unwrap();
        assert_eq!(cfg.web.listen.as_deref(), Some("127.0.0.1:9000"));
        let mut cfg = Config::from_toml("[web]\nlisten = \"localhost\"").unwrap();
        let err = cfg.validate().unwrap_err().to_string();
        assert!(err.contains("web.listen"), "{err}");
    }

    #[test]
    fn a_bad_support_address_says_what_to_fix() {
        let mut cfg = Config::from_toml("support_address = \"nobody\"").unwrap();
        let err = cfg.validate().unwrap_err().to_string();
        assert!(err.contains("support_address"), "{err}");
    }
}
