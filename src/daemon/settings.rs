//! The live daemon's settings: `[imap]` and `[smtp]` from the config file, overridden by the
//! environment (`MAILCASE_IMAP_URL`, `MAILCASE_SMTP_URL`, `MAILCASE_TLS_CA_FILE`, …), checked
//! into one-line errors, and turned into the [`crate::net`] configs.
//!
//! Secrets never come from the config file: a password or an XOAUTH2 token is read from an
//! environment variable, a file or the output of a command ([`Secret`]), at every connection,
//! so a token refreshed by another program is picked up at the next reconnect.

use crate::config::Config;
use crate::net::Security;
use crate::net::imap::{Auth, ImapConfig};
use crate::net::smtp::SmtpConfig;
use anyhow::{Context as _, bail};
use std::path::PathBuf;
use std::time::Duration;

/// Applies the environment variables of the live daemon (see the module docs).
pub fn apply_env(cfg: &mut Config, get: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<()> {
    let set = |k: &str| get(k).filter(|v| !v.trim().is_empty());
    if let Some(url) = set("MAILCASE_IMAP_URL") {
        cfg.imap.url = url.trim().to_string();
        cfg.intake.source = "imap".into();
    }
    if let Some(url) = set("MAILCASE_SMTP_URL") {
        cfg.smtp.url = url.trim().to_string();
        cfg.outbox.transport = "smtp".into();
    }
    if let Some(ca) = set("MAILCASE_TLS_CA_FILE") {
        cfg.imap.tls_ca_file = Some(PathBuf::from(&ca));
        cfg.smtp.tls_ca_file = Some(PathBuf::from(&ca));
    }
    if let Some(listen) = set("MAILCASE_METRICS_LISTEN") {
        cfg.metrics.listen = listen;
    }
    Ok(())
}

/// Structural checks, run for every command (no file or network is touched): URLs, names of
/// modes, the plaintext rule, and no secret written into the file.
pub fn validate(cfg: &Config) -> anyhow::Result<()> {
    for (section, password, token) in [
        ("imap", &cfg.imap.password, &cfg.imap.token),
        ("smtp", &cfg.smtp.password, &cfg.smtp.token),
    ] {
        if password.is_some() || token.is_some() {
            let what = if password.is_some() {
                "password"
            } else {
                "token"
            };
            bail!(
                "{section}.{what}: secrets never go in the config file; use {what}_env, {what}_file or {what}_command (e.g. MAILCASE_{}_{})",
                section.to_uppercase(),
                what.to_uppercase()
            );
        }
    }
    if cfg.intake.source == "imap" {
        imap_settings(cfg)?;
    }
    if cfg.outbox.transport == "smtp" {
        smtp_settings(cfg)?;
    }
    if !cfg.metrics.listen.is_empty() {
        cfg.metrics
            .listen
            .parse::<std::net::SocketAddr>()
            .map_err(|_| {
                anyhow::anyhow!(
                    "metrics.listen {:?} is not host:port like \"127.0.0.1:9898\"",
                    cfg.metrics.listen
                )
            })?;
    }
    if cfg.schedule.reminder_after_days < 0 || cfg.schedule.close_after_days < 0 {
        bail!("schedule: reminder_after_days and close_after_days must be 0 (never) or more");
    }
    if cfg.limits.bounce_suppression_days < 0 {
        bail!("limits.bounce_suppression_days must be 0 or more");
    }
    Ok(())
}

/// Which protocol a URL is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proto {
    Imap,
    Smtp,
}

/// A parsed `imaps://USER@HOST:PORT/MAILBOX` or `smtps://USER@HOST:PORT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailUrl {
    pub security: Security,
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    /// The mailbox (IMAP), percent-decoded.
    pub path: Option<String>,
}

/// Parses a server URL. `imaps`/`smtps` are implicit TLS, `imap`/`smtp` STARTTLS,
/// `imap+plain`/`smtp+plain` no TLS (loopback only). USER is percent-encoded; a password in the
/// URL is refused (it would end up in process listings and logs).
pub fn parse_url(url: &str, proto: Proto) -> Result<MailUrl, String> {
    let name = match proto {
        Proto::Imap => "imap",
        Proto::Smtp => "smtp",
    };
    let bad = |why: &str| {
        format!(
            "{name} url {:?} {why}: write it like {name}s://user%40example.org@{}.example.org:{}{}",
            redact_userinfo(url),
            name,
            if proto == Proto::Imap { 993 } else { 465 },
            if proto == Proto::Imap { "/INBOX" } else { "" },
        )
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("has no scheme"))?;
    let security = match (proto, scheme.to_ascii_lowercase().as_str()) {
        (Proto::Imap, "imaps") | (Proto::Smtp, "smtps") => Security::Tls,
        (Proto::Imap, "imap") | (Proto::Smtp, "smtp") => Security::StartTls,
        (Proto::Imap, "imap+plain") | (Proto::Smtp, "smtp+plain") => Security::Plain,
        _ => return Err(bad("has an unknown scheme")),
    };
    if rest.contains('?') || rest.contains('#') {
        return Err(bad("has a query or fragment, which mailcase does not read"));
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
        None => (None, authority),
    };
    if userinfo.is_some_and(|u| u.contains(':')) {
        return Err(format!(
            "{name} url {:?} carries a password: remove it and set MAILCASE_{}_PASSWORD (or {name}.password_file / password_command)",
            redact_userinfo(url),
            name.to_uppercase()
        ));
    }
    let user = userinfo
        .map(|u| percent_decode(u).ok_or_else(|| bad("has a bad %-escape in the user")))
        .transpose()?
        .filter(|u| !u.is_empty());
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (h, after) = v6
            .split_once(']')
            .ok_or_else(|| bad("has an unclosed [ in the host"))?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err(bad("has junk after the host")),
        };
        (h.to_string(), port)
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (hostport.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err(bad("has no host"));
    }
    let port = port
        .map(|p| p.parse::<u16>().map_err(|_| bad("has a bad port")))
        .transpose()?;
    let path = match (proto, path) {
        (_, None) => None,
        (_, Some("")) => None,
        (Proto::Imap, Some(p)) => {
            Some(percent_decode(p).ok_or_else(|| bad("has a bad %-escape in the mailbox"))?)
        }
        (Proto::Smtp, Some(_)) => return Err(bad("has a path, which smtp urls do not take")),
    };
    Ok(MailUrl {
        security,
        user,
        host,
        port,
        path,
    })
}

/// The URL with anything before `@` replaced, for error messages.
fn redact_userinfo(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(a)) if a > s => {
            let user = &url[s + 3..a];
            match user.split_once(':') {
                Some((u, _)) => format!("{}{u}:***{}", &url[..s + 3], &url[a..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// `%XX` escapes to bytes, then UTF-8. `None` on a bad escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Where a password or token comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Secret {
    /// An environment variable (its name).
    Env(String),
    /// A file; surrounding whitespace is trimmed.
    File(PathBuf),
    /// A shell command (`sh -c`) whose standard output is the secret.
    Command(String),
}

impl Secret {
    fn describe(&self) -> String {
        match self {
            Secret::Env(v) => format!("environment variable {v}"),
            Secret::File(p) => format!("file {}", p.display()),
            Secret::Command(_) => "command".into(),
        }
    }

    /// Reads the secret now. Errors are one line and never contain the secret or the
    /// command's output.
    pub async fn read(&self, what: &str) -> anyhow::Result<String> {
        let value = match self {
            Secret::Env(name) => std::env::var(name).unwrap_or_default(),
            Secret::File(path) => tokio::fs::read_to_string(path)
                .await
                .with_context(|| format!("cannot read the {what} from {}", path.display()))?,
            Secret::Command(cmd) => {
                let run = tokio::process::Command::new("sh")
                    .arg("-c")
                    .arg(cmd)
                    .stdin(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .kill_on_drop(true)
                    .output();
                let out = tokio::time::timeout(Duration::from_secs(60), run)
                    .await
                    .map_err(|_| anyhow::anyhow!("the {what} command did not finish within 60 s"))?
                    .with_context(|| format!("cannot run the {what} command"))?;
                if !out.status.success() {
                    bail!("the {what} command failed ({})", out.status);
                }
                String::from_utf8(out.stdout).map_err(|_| {
                    anyhow::anyhow!("the {what} command printed bytes that are not UTF-8")
                })?
            }
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            bail!("no {what}: the {} is empty or unset", self.describe());
        }
        Ok(value)
    }
}

/// How to authenticate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    Password,
    SaslPlain,
    XOAuth2,
}

/// What to do on the server after a batch is committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterCommit {
    /// Leave the server untouched (the default).
    Nothing,
    /// Set `\Seen`.
    Seen,
    /// Move to this folder (MOVE, else COPY + EXPUNGE).
    Move(String),
}

/// `[imap]`, checked.
#[derive(Debug, Clone)]
pub struct ImapSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: String,
    pub auth: AuthKind,
    pub secret: Secret,
    pub tls_name: Option<String>,
    pub tls_ca_file: Option<PathBuf>,
    pub mailboxes: Vec<String>,
    pub batch_size: usize,
    pub idle: bool,
    pub idle_renew: Duration,
    pub poll_interval: Duration,
    pub after_commit: AfterCommit,
    /// `true`: a mailbox seen for the first time starts at its current end.
    pub start_at_new: bool,
    pub timeout: Duration,
    pub reconnect_max: Duration,
}

impl ImapSettings {
    /// The key of this account in the database and in logs: `user@host:port`.
    pub fn account(&self) -> String {
        format!("{}@{}", self.user, self.server())
    }

    pub fn server(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The session config, with the secret just read.
    pub fn net_config(&self, secret: String) -> ImapConfig {
        let auth = match self.auth {
            AuthKind::Password => Auth::Password(secret),
            AuthKind::SaslPlain => Auth::SaslPlain(secret),
            AuthKind::XOAuth2 => Auth::XOAuth2 { token: secret },
        };
        let mut c = ImapConfig::new(&self.host, self.port, &self.user, auth);
        c.security = self.security;
        c.tls_name = self.tls_name.clone();
        c.ca_file = self.tls_ca_file.clone();
        c.timeout = self.timeout;
        c
    }

    /// Reads the secret and builds the session config.
    pub async fn connect_config(&self) -> anyhow::Result<ImapConfig> {
        let what = if self.auth == AuthKind::XOAuth2 {
            "imap token"
        } else {
            "imap password"
        };
        Ok(self.net_config(self.secret.read(what).await?))
    }
}

fn security(name: &str, key: &str, from_url: Option<Security>) -> anyhow::Result<Security> {
    match name {
        "" => Ok(from_url.unwrap_or(Security::Tls)),
        "tls" => Ok(Security::Tls),
        "starttls" => Ok(Security::StartTls),
        "plain" => Ok(Security::Plain),
        other => bail!("{key} {other:?} is unknown: use \"tls\", \"starttls\" or \"plain\""),
    }
}

fn auth_kind(name: &str, key: &str, proto: Proto) -> anyhow::Result<AuthKind> {
    match (name, proto) {
        ("" | "password", _) => Ok(AuthKind::Password),
        ("plain", Proto::Imap) => Ok(AuthKind::SaslPlain),
        ("xoauth2", _) => Ok(AuthKind::XOAuth2),
        (other, Proto::Imap) => {
            bail!("{key} {other:?} is unknown: use \"password\", \"plain\" or \"xoauth2\"")
        }
        (other, Proto::Smtp) => {
            bail!("{key} {other:?} is unknown: use \"password\" or \"xoauth2\"")
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn secret(
    section: &str,
    auth: AuthKind,
    password_env: &str,
    password_file: &Option<PathBuf>,
    password_command: &Option<String>,
    token_env: &str,
    token_file: &Option<PathBuf>,
    token_command: &Option<String>,
) -> anyhow::Result<Secret> {
    let (what, env, file, command) = match auth {
        AuthKind::XOAuth2 => ("token", token_env, token_file, token_command),
        _ => ("password", password_env, password_file, password_command),
    };
    match (file, command) {
        (Some(_), Some(_)) => {
            bail!("{section}.{what}_file and {section}.{what}_command are both set: keep one")
        }
        (Some(f), None) => Ok(Secret::File(f.clone())),
        (None, Some(c)) if !c.trim().is_empty() => Ok(Secret::Command(c.clone())),
        _ if env.trim().is_empty() => bail!(
            "{section}: no {what} source: set {section}.{what}_env, {what}_file or {what}_command"
        ),
        _ => Ok(Secret::Env(env.trim().to_string())),
    }
}

fn plain_check(proto: &str, host: &str, security: Security) -> anyhow::Result<()> {
    if security == Security::Plain && !crate::net::is_loopback_host(host) {
        bail!(
            "{proto}: plaintext is refused for {host}: it is only allowed to a loopback host (127.0.0.1, ::1, localhost); use \"tls\" or \"starttls\""
        );
    }
    Ok(())
}

/// The section's URL, parsed, and its host: the `host` key wins over the URL's (empty when
/// neither names one).
fn server(url: &str, host: &str, proto: Proto) -> anyhow::Result<(Option<MailUrl>, String)> {
    let url = if url.is_empty() {
        None
    } else {
        Some(parse_url(url, proto).map_err(anyhow::Error::msg)?)
    };
    let host = if host.is_empty() {
        url.as_ref().map(|u| u.host.clone()).unwrap_or_default()
    } else {
        host.to_string()
    };
    Ok((url, host))
}

/// `[imap]` with `MAILCASE_IMAP_URL` applied, checked.
pub fn imap_settings(cfg: &Config) -> anyhow::Result<ImapSettings> {
    let c = &cfg.imap;
    let (url, host) = server(&c.url, &c.host, Proto::Imap)?;
    if host.is_empty() {
        bail!(
            "intake.source is \"imap\" but no server is set: set MAILCASE_IMAP_URL (imaps://USER@HOST:PORT/MAILBOX) or imap.url"
        );
    }
    let security = security(
        &c.security,
        "imap.security",
        url.as_ref().map(|u| u.security),
    )?;
    let port = c
        .port
        .or(url.as_ref().and_then(|u| u.port))
        .unwrap_or(if security == Security::Tls { 993 } else { 143 });
    let user = if c.user.is_empty() {
        url.as_ref()
            .and_then(|u| u.user.clone())
            .unwrap_or_default()
    } else {
        c.user.clone()
    };
    if user.is_empty() {
        bail!(
            "imap: no user: put it in the url (imaps://support%40example.org@HOST/INBOX) or set imap.user"
        );
    }
    plain_check("imap", &host, security)?;
    let auth = auth_kind(&c.auth, "imap.auth", Proto::Imap)?;
    let secret = secret(
        "imap",
        auth,
        &c.password_env,
        &c.password_file,
        &c.password_command,
        &c.token_env,
        &c.token_file,
        &c.token_command,
    )?;
    let mut mailboxes: Vec<String> = c
        .mailboxes
        .iter()
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    if mailboxes.is_empty() {
        mailboxes.push(
            url.as_ref()
                .and_then(|u| u.path.clone())
                .unwrap_or_else(|| "INBOX".into()),
        );
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = mailboxes.iter().find(|m| !seen.insert(m.to_string())) {
        bail!("imap.mailboxes names {dup:?} twice");
    }
    let after_commit = match c.after_commit.as_str() {
        "" | "none" => AfterCommit::Nothing,
        "seen" => AfterCommit::Seen,
        "move" => {
            let to = c.move_to.trim();
            if to.is_empty() {
                bail!("imap.after_commit is \"move\" but imap.move_to is empty: name the folder");
            }
            if mailboxes.iter().any(|m| m == to) {
                bail!("imap.move_to {to:?} is a watched mailbox: pick another folder");
            }
            AfterCommit::Move(to.to_string())
        }
        other => {
            bail!("imap.after_commit {other:?} is unknown: use \"none\", \"seen\" or \"move\"")
        }
    };
    let start_at_new = match c.start_at.as_str() {
        "" | "all" => false,
        "new" => true,
        other => bail!("imap.start_at {other:?} is unknown: use \"all\" or \"new\""),
    };
    if c.batch_size == 0 {
        bail!("imap.batch_size must be at least 1");
    }
    if c.idle_renew_secs == 0 || c.idle_renew_secs >= 29 * 60 {
        bail!("imap.idle_renew_secs must be between 1 and 1739 (RFC 2177: under 29 minutes)");
    }
    Ok(ImapSettings {
        host,
        port,
        security,
        user,
        auth,
        secret,
        tls_name: c.tls_name.clone().filter(|n| !n.is_empty()),
        tls_ca_file: c.tls_ca_file.clone(),
        mailboxes,
        batch_size: c.batch_size,
        idle: c.idle,
        idle_renew: Duration::from_secs(c.idle_renew_secs),
        poll_interval: Duration::from_secs(c.poll_interval_secs.max(1)),
        after_commit,
        start_at_new,
        timeout: Duration::from_secs(c.timeout_secs.max(1)),
        reconnect_max: Duration::from_secs(c.reconnect_max_secs.max(1)),
    })
}

/// `[smtp]`, checked.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// `None`: no AUTH.
    pub user: Option<String>,
    pub auth: AuthKind,
    pub secret: Secret,
    pub tls_name: Option<String>,
    pub tls_ca_file: Option<PathBuf>,
    pub pool_size: usize,
    pub rate_per_minute: u32,
    /// The envelope sender; empty means the null sender `<>`.
    pub envelope_from: String,
    pub sent_folder: Option<String>,
    pub timeout: Duration,
    pub give_up: chrono::Duration,
}

impl SmtpSettings {
    /// Reads the secret (when there is a user) and builds the sender config.
    pub async fn connect_config(&self) -> anyhow::Result<SmtpConfig> {
        let mut c = SmtpConfig::new(&self.host, self.port, self.security);
        c.tls_name = self.tls_name.clone();
        c.ca_file = self.tls_ca_file.clone();
        c.pool_size = self.pool_size;
        c.timeout = self.timeout;
        if let Some(user) = &self.user {
            let what = if self.auth == AuthKind::XOAuth2 {
                "smtp token"
            } else {
                "smtp password"
            };
            let secret = self.secret.read(what).await?;
            c.credentials = Some((user.clone(), secret));
            c.xoauth2 = self.auth == AuthKind::XOAuth2;
        }
        Ok(c)
    }

    pub fn server(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// `[smtp]` with `MAILCASE_SMTP_URL` applied, checked.
pub fn smtp_settings(cfg: &Config) -> anyhow::Result<SmtpSettings> {
    let c = &cfg.smtp;
    let (url, host) = server(&c.url, &c.host, Proto::Smtp)?;
    if host.is_empty() {
        bail!(
            "outbox.transport is \"smtp\" but no server is set: set MAILCASE_SMTP_URL (smtps://USER@HOST:PORT) or smtp.url"
        );
    }
    let security = security(
        &c.security,
        "smtp.security",
        url.as_ref().map(|u| u.security),
    )?;
    let port = c
        .port
        .or(url.as_ref().and_then(|u| u.port))
        .unwrap_or(match security {
            Security::Tls => 465,
            Security::StartTls => 587,
            Security::Plain => 25,
        });
    let user = if c.user.is_empty() {
        url.as_ref().and_then(|u| u.user.clone())
    } else {
        Some(c.user.clone())
    };
    plain_check("smtp", &host, security)?;
    let auth = auth_kind(&c.auth, "smtp.auth", Proto::Smtp)?;
    let secret = secret(
        "smtp",
        auth,
        &c.password_env,
        &c.password_file,
        &c.password_command,
        &c.token_env,
        &c.token_file,
        &c.token_command,
    )?;
    if c.pool_size == 0 {
        bail!("smtp.pool_size must be at least 1");
    }
    let envelope_from = match c.envelope_from.trim() {
        "" => cfg.support_address.trim().to_string(),
        "<>" => String::new(),
        other if other.contains('@') => other.to_string(),
        other => bail!(
            "smtp.envelope_from {other:?} is not an address: leave it empty (the support address) or write \"<>\""
        ),
    };
    let sent_folder = Some(c.sent_folder.trim().to_string()).filter(|s| !s.is_empty());
    if sent_folder.is_some() && cfg.intake.source != "imap" {
        bail!("smtp.sent_folder needs the [imap] account (intake.source = \"imap\")");
    }
    Ok(SmtpSettings {
        host,
        port,
        security,
        user,
        auth,
        secret,
        tls_name: c.tls_name.clone().filter(|n| !n.is_empty()),
        tls_ca_file: c.tls_ca_file.clone(),
        pool_size: c.pool_size,
        rate_per_minute: c.rate_per_minute,
        envelope_from,
        sent_folder,
        timeout: Duration::from_secs(c.timeout_secs.max(1)),
        give_up: chrono::Duration::hours(c.give_up_hours.max(1)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg_with(env: &[(&str, &str)], toml: &str) -> anyhow::Result<Config> {
        let mut cfg = Config::from_toml(toml)?;
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        cfg.apply_env(|k| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))?;
        cfg.validate()?;
        Ok(cfg)
    }

    #[test]
    fn an_imaps_url_gives_user_host_port_and_mailbox() {
        let u = parse_url(
            "imaps://support%40example.org@imap.example.org:993/Support%2FRecovery",
            Proto::Imap,
        )
        .unwrap();
        assert_eq!(
            u,
            MailUrl {
                security: Security::Tls,
                user: Some("support@example.org".into()),
                host: "imap.example.org".into(),
                port: Some(993),
                path: Some("Support/Recovery".into()),
            }
        );
        let u = parse_url("imap://a@[::1]:3143/INBOX", Proto::Imap).unwrap();
        assert_eq!(
            (u.security, u.host.as_str(), u.port),
            (Security::StartTls, "::1", Some(3143))
        );
        let u = parse_url("smtp+plain://127.0.0.1:3025", Proto::Smtp).unwrap();
        assert_eq!((u.security, u.user, u.path), (Security::Plain, None, None));
    }

    #[test]
    fn a_password_in_the_url_is_refused_without_echoing_it() {
        let e = parse_url("imaps://u:hunter2@h/INBOX", Proto::Imap).unwrap_err();
        assert!(
            e.contains("MAILCASE_IMAP_PASSWORD") && !e.contains("hunter2"),
            "{e}"
        );
        let e = parse_url("ftp://h", Proto::Imap).unwrap_err();
        assert!(e.contains("unknown scheme") && !e.contains('\n'), "{e}");
        assert!(parse_url("smtps://h/x", Proto::Smtp).is_err());
        assert!(parse_url("imaps://h:99999/INBOX", Proto::Imap).is_err());
        assert!(parse_url("imaps://a%4@h/INBOX", Proto::Imap).is_err());
    }

    #[test]
    fn env_urls_switch_intake_and_outbox_to_the_servers_with_no_file_edited() {
        let cfg = cfg_with(
            &[
                (
                    "MAILCASE_IMAP_URL",
                    "imaps://support%40example.test@127.0.0.1:3993/INBOX",
                ),
                (
                    "MAILCASE_SMTP_URL",
                    "smtps://support%40example.test@127.0.0.1:3465",
                ),
                ("MAILCASE_TLS_CA_FILE", "/tmp/ca.pem"),
                ("MAILCASE_FROM", "support@example.test"),
                ("MAILCASE_DB", "/tmp/x.db"),
            ],
            "",
        )
        .unwrap();
        assert_eq!(cfg.intake.source, "imap");
        assert_eq!(cfg.outbox.transport, "smtp");
        assert_eq!(cfg.database, PathBuf::from("/tmp/x.db"));
        let i = imap_settings(&cfg).unwrap();
        assert_eq!(i.account(), "support@example.test@127.0.0.1:3993");
        assert_eq!(i.mailboxes, vec!["INBOX"]);
        assert_eq!(i.tls_ca_file, Some(PathBuf::from("/tmp/ca.pem")));
        assert_eq!(i.secret, Secret::Env("MAILCASE_IMAP_PASSWORD".into()));
        let s = smtp_settings(&cfg).unwrap();
        assert_eq!((s.port, s.security), (3465, Security::Tls));
        assert_eq!(s.user.as_deref(), Some("support@example.test"));
        assert_eq!(s.envelope_from, "support@example.test");
        assert_eq!(s.secret, Secret::Env("MAILCASE_SMTP_PASSWORD".into()));
    }

    #[test]
    fn keys_override_the_url_and_default_ports_follow_security() {
        let cfg = cfg_with(
            &[],
            "[intake]\nsource = \"imap\"\n[imap]\nurl = \"imap://u@h/INBOX\"\nmailboxes = [\"A\", \"B\"]\n\
             [outbox]\ntransport = \"smtp\"\n[smtp]\nhost = \"relay.example.org\"\nsecurity = \"starttls\"\n",
        )
        .unwrap();
        let i = imap_settings(&cfg).unwrap();
        assert_eq!((i.port, i.security), (143, Security::StartTls));
        assert_eq!(i.mailboxes, vec!["A", "B"]);
        let s = smtp_settings(&cfg).unwrap();
        assert_eq!((s.port, s.user), (587, None));
    }

    #[test]
    fn plaintext_is_refused_for_a_remote_host_in_one_line() {
        let e = cfg_with(
            &[("MAILCASE_IMAP_URL", "imap+plain://u@imap.example.org/INBOX")],
            "",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("plaintext") && e.contains("imap.example.org"),
            "{e}"
        );
        assert!(!e.contains('\n'));
        assert!(
            cfg_with(
                &[("MAILCASE_IMAP_URL", "imap+plain://u@127.0.0.1:3143/INBOX")],
                ""
            )
            .is_ok()
        );
        let e = cfg_with(
            &[("MAILCASE_SMTP_URL", "smtp+plain://mx.example.org:25")],
            "",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("plaintext"), "{e}");
    }

    #[test]
    fn secrets_written_into_the_file_are_refused_naming_the_way_to_do_it() {
        let e = cfg_with(&[], "[imap]\npassword = \"hunter2\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("imap.password") && e.contains("password_file"),
            "{e}"
        );
        assert!(!e.contains("hunter2"), "{e}");
        let e = cfg_with(&[], "[smtp]\ntoken = \"ya29\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("smtp.token") && !e.contains("ya29"), "{e}");
    }

    #[test]
    fn a_misspelt_key_in_a_new_section_is_one_line() {
        let e = cfg_with(&[], "[imap]\nbatchsize = 5\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("batchsize") && !e.contains('\n'), "{e}");
        let e = cfg_with(&[], "[limits]\nper_adress_per_day = 5\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("per_adress_per_day"), "{e}");
    }

    #[test]
    fn the_secret_source_is_file_command_or_env() {
        let cfg = cfg_with(
            &[("MAILCASE_IMAP_URL", "imaps://u@h/INBOX")],
            "[imap]\nauth = \"xoauth2\"\ntoken_command = \"oauth2-token --account u\"\n",
        )
        .unwrap();
        assert_eq!(
            imap_settings(&cfg).unwrap().secret,
            Secret::Command("oauth2-token --account u".into())
        );
        let e = cfg_with(
            &[("MAILCASE_IMAP_URL", "imaps://u@h/INBOX")],
            "[imap]\npassword_file = \"a\"\npassword_command = \"b\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("keep one"), "{e}");
    }

    #[test]
    fn the_example_configs_are_valid() {
        for name in ["dovecot-local", "gmail", "microsoft365"] {
            let path = format!("{}/config/examples/{name}.toml", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            let mut cfg = Config::from_toml(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            cfg.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(cfg.intake.source, "imap", "{name}");
            assert_eq!(cfg.outbox.transport, "smtp", "{name}");
            imap_settings(&cfg).unwrap();
            smtp_settings(&cfg).unwrap();
        }
    }

    #[tokio::test]
    async fn secrets_are_read_from_files_and_commands_trimmed() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("pw");
        std::fs::write(&f, "s3cret\n").unwrap();
        assert_eq!(Secret::File(f).read("password").await.unwrap(), "s3cret");
        assert_eq!(
            Secret::Command("printf ' tok \\n'".into())
                .read("token")
                .await
                .unwrap(),
            "tok"
        );
        let e = Secret::Command("echo leaked; exit 3".into())
            .read("token")
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains("failed") && !e.contains("leaked"), "{e}");
        let e = Secret::Env("MAILCASE_TEST_UNSET_VARIABLE".into())
            .read("password")
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains("MAILCASE_TEST_UNSET_VARIABLE"), "{e}");
    }
}
