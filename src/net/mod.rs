//! Network clients: TLS setup, an IMAP session and an SMTP sender.
//!
//! - [`tls`] builds one rustls `ClientConfig` (ring provider) from a CA file or the web roots, and
//!   turns certificate failures into one-line errors that say which setting to change.
//! - [`imap`] is a client session on async-imap: implicit TLS, STARTTLS or loopback plaintext;
//!   LOGIN, AUTHENTICATE PLAIN or XOAUTH2; UID-based fetching in bounded batches; IDLE.
//! - [`smtp`] sends prepared message bytes unchanged through lettre, over connections it opens
//!   itself so that it can set `TCP_NODELAY` (lettre 0.11.23 does not, which costs ~45 ms per message).
//!
//! Every TCP connection goes to the host as configured, while TLS verifies a separate name
//! (`tls_name`), so a client can connect to `127.0.0.1` and verify `localhost`.
//!
//! Plaintext ([`Security::Plain`]) is refused unless the host is a loopback address or `localhost`,
//! and the connected peer address is checked again: credentials never cross a network in clear.
//!
//! What this module does not do: retries, backoff and reconnect loops belong to the caller. The
//! errors say what to do (`is_transient`, `needs_reconnect`, `is_permanent`).

pub mod imap;
pub mod smtp;
mod stream;
pub mod tls;

use std::net::IpAddr;

/// How a connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (IMAPS 993, SMTPS/submissions 465).
    Tls,
    /// Plaintext greeting, then `STARTTLS`; refused if the server does not offer it.
    StartTls,
    /// No TLS at all. Only allowed when the host is loopback (`127.0.0.0/8`, `::1`, `localhost`).
    Plain,
}

impl std::fmt::Display for Security {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Security::Tls => "tls",
            Security::StartTls => "starttls",
            Security::Plain => "plain",
        })
    }
}

/// True when `host` is a loopback IP literal or the name `localhost` (RFC 6761 keeps it on the host).
pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim_end_matches('.');
    if h.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let h = h.trim_start_matches('[').trim_end_matches(']');
    h.parse::<IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(false)
}

/// The plaintext rule shared by IMAP and SMTP: `Err` is a one-line config error.
fn check_plain_allowed(protocol: &str, host: &str, security: Security) -> Result<(), String> {
    if security == Security::Plain && !is_loopback_host(host) {
        return Err(format!(
            "{protocol} security \"plain\" is refused for {host}: plaintext is only allowed to a \
             loopback host (127.0.0.1, ::1, localhost); use \"tls\" or \"starttls\""
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_recognised_and_others_are_not() {
        for h in [
            "127.0.0.1",
            "127.1.2.3",
            "::1",
            "[::1]",
            "localhost",
            "LOCALHOST",
            "localhost.",
        ] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in [
            "10.0.0.1",
            "mail.example.test",
            "localhost.example.test",
            "0.0.0.0",
            "::",
            "",
        ] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }

    #[test]
    fn plaintext_to_a_remote_host_is_a_config_error_naming_the_fix() {
        assert!(check_plain_allowed("imap", "127.0.0.1", Security::Plain).is_ok());
        assert!(check_plain_allowed("imap", "imap.example.test", Security::Tls).is_ok());
        let e = check_plain_allowed("imap", "imap.example.test", Security::Plain).unwrap_err();
        assert!(
            e.contains("imap.example.test") && e.contains("loopback"),
            "{e}"
        );
        assert!(!e.contains('\n'));
    }
}
