//! The SMTP transport: [`crate::net::smtp::SmtpSender`] built from `[smtp]`, rebuilt (secret
//! read again) after a setup failure, so a rotated password or a refreshed XOAUTH2 token is
//! picked up without a restart.

use crate::daemon::settings::SmtpSettings;
use crate::net::smtp::SmtpSender;
use tokio::sync::Mutex;

/// SMTP delivery through one relay.
pub struct SmtpTransport {
    pub settings: SmtpSettings,
    sender: Mutex<Option<SmtpSender>>,
}

impl std::fmt::Debug for SmtpTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpTransport")
            .field("server", &self.settings.server())
            .finish()
    }
}

impl SmtpTransport {
    pub fn new(settings: SmtpSettings) -> SmtpTransport {
        SmtpTransport {
            settings,
            sender: Mutex::new(None),
        }
    }

    /// The sender, built on first use (reading the secret). `Err` is a one-line setup problem.
    pub async fn sender(&self) -> Result<SmtpSender, String> {
        let mut guard = self.sender.lock().await;
        if let Some(s) = guard.as_ref() {
            return Ok(s.clone());
        }
        let cfg = self
            .settings
            .connect_config()
            .await
            .map_err(|e| format!("{e:#}"))?;
        let sender = SmtpSender::new(&cfg).map_err(|e| e.to_string())?;
        *guard = Some(sender.clone());
        Ok(sender)
    }

    /// Forgets the sender (its pooled connections are closed); the next send builds a new one.
    pub async fn reset(&self) {
        let old = self.sender.lock().await.take();
        if let Some(s) = old {
            s.close().await;
        }
    }

    /// Opens one connection (TCP, TLS, EHLO, AUTH) and closes it.
    pub async fn check(&self) -> Result<(), crate::net::smtp::SendError> {
        match self.sender().await {
            Ok(s) => s.check().await,
            Err(e) => Err(crate::net::smtp::SendError::setup(
                &self.settings.server(),
                e,
            )),
        }
    }

    pub async fn close(&self) {
        self.reset().await;
    }
}
