//! TLS client setup: one rustls `ClientConfig` with the ring provider, and errors a person can act on.
//!
//! Trust comes from a configured CA file (PEM, one or more certificates) or, when none is set, from
//! the Mozilla roots in `webpki-roots` (deterministic: the machine's CA store is not read). The
//! name verified is separate from the address connected to, so `127.0.0.1` can be checked as
//! `localhost`; an IP literal as the name verifies against the certificate's IP SANs.
//!
//! The config is built with `builder_with_provider(ring)`, never `ClientConfig::builder()`:
//! the latter panics when a test build unifies both ring and aws-lc-rs into rustls and no
//! process default is installed (STACK.md §5).
//!
//! Certificate failures become one line, e.g.
//! `certificate for 127.0.0.1:993 not trusted: unknown issuer (checked against the built-in web
//! roots; set tls_ca_file to the CA that signed the server's certificate)`.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{CertificateError, ClientConfig, RootCertStore};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

/// A TLS setup or handshake failure, displayed as one line.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TlsError {
    /// The CA file cannot be read or holds no usable certificate. Permanent: fix the config.
    #[error("tls_ca_file {path}: {reason}")]
    CaFile { path: PathBuf, reason: String },
    /// The TLS name is not a DNS name or IP address. Permanent.
    #[error("tls_name {name:?} is not a valid DNS name or IP address")]
    Name { name: String },
    /// The server's certificate was refused (untrusted, wrong name, expired, ...). Permanent until
    /// the config or the server's certificate changes.
    #[error("certificate for {server} {problem} ({hint})")]
    Certificate {
        server: String,
        problem: String,
        hint: String,
    },
    /// TLS was negotiated but failed for another protocol reason (alert from the server,
    /// no common version or cipher). Permanent.
    #[error("tls handshake with {server} failed: {reason}")]
    Protocol { server: String, reason: String },
    /// The network failed during the handshake (reset, EOF, timeout). Transient.
    #[error("tls handshake with {server} interrupted: {reason}")]
    Network { server: String, reason: String },
}

impl TlsError {
    /// Network trouble during the handshake: trying again later may work.
    pub fn is_transient(&self) -> bool {
        matches!(self, TlsError::Network { .. })
    }
}

/// Builds the client config: roots from `ca_file` (PEM) when given, else the webpki roots.
pub fn client_config(ca_file: Option<&Path>) -> Result<Arc<ClientConfig>, TlsError> {
    let mut roots = RootCertStore::empty();
    match ca_file {
        Some(path) => {
            let ca_err = |reason: String| TlsError::CaFile {
                path: path.to_owned(),
                reason,
            };
            let pem = std::fs::read(path).map_err(|e| ca_err(format!("cannot read it: {e}")))?;
            let certs = CertificateDer::pem_slice_iter(&pem)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| ca_err(format!("not valid PEM: {e}")))?;
            if certs.is_empty() {
                return Err(ca_err(
                    "holds no PEM certificate (-----BEGIN CERTIFICATE-----)".into(),
                ));
            }
            for (i, cert) in certs.into_iter().enumerate() {
                roots.add(cert).map_err(|e| {
                    ca_err(format!(
                        "certificate {} is not usable as a trust anchor: {e}",
                        i + 1
                    ))
                })?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError::Protocol {
            server: "-".into(),
            reason: e.to_string(),
        })?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Parses the name to verify: a DNS name, or an IP address (checked against IP SANs).
pub fn server_name(name: &str) -> Result<ServerName<'static>, TlsError> {
    let trimmed = name.trim().trim_start_matches('[').trim_end_matches(']');
    ServerName::try_from(trimmed.to_owned()).map_err(|_| TlsError::Name {
        name: name.to_owned(),
    })
}

/// A ready-to-use TLS client: config, verified name, and where trust came from (for messages).
#[derive(Clone)]
pub struct TlsClient {
    config: Arc<ClientConfig>,
    name: ServerName<'static>,
    ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for TlsClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsClient")
            .field("name", &self.name)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

impl TlsClient {
    /// Loads the roots and checks the name; nothing is connected yet.
    pub fn new(tls_name: &str, ca_file: Option<&Path>) -> Result<TlsClient, TlsError> {
        Ok(TlsClient {
            config: client_config(ca_file)?,
            name: server_name(tls_name)?,
            ca_file: ca_file.map(Path::to_owned),
        })
    }

    /// The name certificates are verified against.
    pub fn name(&self) -> String {
        self.name.to_str().into_owned()
    }

    /// The rustls config (shared).
    pub fn config(&self) -> &Arc<ClientConfig> {
        &self.config
    }

    /// The CA file trusted, if any (else the webpki roots).
    pub fn ca_file(&self) -> Option<&Path> {
        self.ca_file.as_deref()
    }

    /// Runs the handshake on a connected socket. `server` (`host:port`) is only for messages.
    pub async fn connect(
        &self,
        tcp: TcpStream,
        server: &str,
    ) -> Result<TlsStream<TcpStream>, TlsError> {
        TlsConnector::from(Arc::clone(&self.config))
            .connect(self.name.clone(), tcp)
            .await
            .map_err(|e| self.explain_io(server, &e))
    }

    /// Explains a handshake `io::Error` (tokio-rustls wraps `rustls::Error` in `InvalidData`).
    pub fn explain_io(&self, server: &str, e: &io::Error) -> TlsError {
        match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            Some(tls) => self.explain(server, tls),
            None => TlsError::Network {
                server: server.to_owned(),
                reason: e.to_string(),
            },
        }
    }

    /// Explains an error chain from another library (lettre): finds the `rustls::Error` in it.
    pub fn explain_chain(
        &self,
        server: &str,
        e: &(dyn std::error::Error + 'static),
    ) -> Option<TlsError> {
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
        while let Some(err) = cur {
            if let Some(tls) = err.downcast_ref::<rustls::Error>() {
                return Some(self.explain(server, tls));
            }
            if let Some(io) = err.downcast_ref::<io::Error>()
                && let Some(tls) = io.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>())
            {
                return Some(self.explain(server, tls));
            }
            cur = err.source();
        }
        None
    }

    /// Turns a rustls error into a one-line [`TlsError`] with a hint naming the setting to change.
    pub fn explain(&self, server: &str, e: &rustls::Error) -> TlsError {
        let trust = match &self.ca_file {
            Some(p) => format!("checked against {}", p.display()),
            None => "checked against the built-in web roots".to_owned(),
        };
        let name = self.name();
        let cert = |problem: String, hint: String| TlsError::Certificate {
            server: server.to_owned(),
            problem,
            hint,
        };
        match e {
            rustls::Error::InvalidCertificate(ce) => match ce {
                CertificateError::UnknownIssuer => cert(
                    "not trusted: unknown issuer".into(),
                    format!(
                        "{trust}; set tls_ca_file to the CA that signed the server's certificate"
                    ),
                ),
                CertificateError::BadSignature => cert(
                    "not trusted: bad signature".into(),
                    format!(
                        "{trust}; set tls_ca_file to the CA that signed the server's certificate"
                    ),
                ),
                CertificateError::NotValidForName => cert(
                    format!("not valid for name {name}"),
                    "set tls_name to a name the certificate carries".into(),
                ),
                CertificateError::NotValidForNameContext {
                    expected,
                    presented,
                } => {
                    let mut names = String::new();
                    for (i, p) in presented.iter().enumerate() {
                        let _ = write!(
                            names,
                            "{}{}",
                            if i > 0 { ", " } else { "" },
                            clean_presented(p)
                        );
                    }
                    let hint = if names.is_empty() {
                        "it names no host; fix the server's certificate".to_owned()
                    } else {
                        format!("it is for {names}; set tls_name to one of them")
                    };
                    cert(format!("not valid for name {}", expected.to_str()), hint)
                }
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => cert(
                    format!("expired: {ce}"),
                    "renew the server's certificate or check the clock".into(),
                ),
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    cert(format!("not valid yet: {ce}"), "check the clock".into())
                }
                other => cert(
                    format!("not accepted: {}", describe_cert_error(other)),
                    format!("{trust}; the server needs a CA-signed leaf certificate for {name}"),
                ),
            },
            other => TlsError::Protocol {
                server: server.to_owned(),
                reason: other.to_string(),
            },
        }
    }
}

/// rustls-webpki presents names as `DnsName("localhost")` / `IpAddress(127.0.0.1)`; show them bare.
fn clean_presented(p: &str) -> String {
    let inner = match (p.find('('), p.rfind(')')) {
        (Some(a), Some(b)) if a < b => &p[a + 1..b],
        _ => p,
    };
    inner.trim_matches('"').to_owned()
}

fn describe_cert_error(e: &CertificateError) -> String {
    match e {
        CertificateError::Other(o) => o.to_string(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_and_dns_names_parse_and_garbage_does_not() {
        assert!(server_name("localhost").is_ok());
        assert!(server_name("127.0.0.1").is_ok());
        assert!(server_name("[::1]").is_ok());
        let e = server_name("not a name!").unwrap_err();
        assert_eq!(
            e.to_string(),
            "tls_name \"not a name!\" is not a valid DNS name or IP address"
        );
    }

    #[test]
    fn a_missing_ca_file_is_a_one_line_config_error() {
        let e = client_config(Some(Path::new("/nonexistent/ca.pem"))).unwrap_err();
        let s = e.to_string();
        assert!(
            s.starts_with("tls_ca_file /nonexistent/ca.pem: cannot read it"),
            "{s}"
        );
        assert!(!s.contains('\n'));
    }

    #[test]
    fn a_ca_file_without_certificates_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("empty.pem");
        std::fs::write(&p, "just text\n").unwrap();
        let e = client_config(Some(&p)).unwrap_err().to_string();
        assert!(e.contains("holds no PEM certificate"), "{e}");
    }

    #[test]
    fn webpki_roots_are_the_default() {
        let c = TlsClient::new("example.org", None).unwrap();
        assert!(c.ca_file().is_none());
        assert_eq!(c.name(), "example.org");
    }

    #[test]
    fn certificate_errors_read_as_one_line_with_a_hint() {
        let c = TlsClient::new("localhost", None).unwrap();
        let e = c.explain(
            "127.0.0.1:993",
            &rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
        );
        assert_eq!(
            e.to_string(),
            "certificate for 127.0.0.1:993 not trusted: unknown issuer (checked against the built-in web roots; \
             set tls_ca_file to the CA that signed the server's certificate)"
        );
        let e = c.explain(
            "127.0.0.1:993",
            &rustls::Error::InvalidCertificate(CertificateError::NotValidForNameContext {
                expected: ServerName::try_from("wrong.example.test").unwrap(),
                presented: vec![
                    "DnsName(\"localhost\")".into(),
                    "IpAddress(127.0.0.1)".into(),
                ],
            }),
        );
        assert_eq!(
            e.to_string(),
            "certificate for 127.0.0.1:993 not valid for name wrong.example.test (it is for localhost, 127.0.0.1; \
             set tls_name to one of them)"
        );
        assert!(!e.is_transient());
    }
}
