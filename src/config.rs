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
    pub web: Web,
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
        Ok(())
    }

    /// Every address that is ours, lowercased.
    pub fn own_addresses(&self) -> Vec<String> {
        let mut all = vec![self.support_address.to_lowercase()];
        all.extend(self.own_addresses.iter().map(|a| a.trim().to_lowercase()));
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
