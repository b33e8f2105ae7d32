//! The command-line side of the web UI: `mailcase staff add|passwd|disable NAME` and
//! `mailcase serve`.

use super::{AppState, auth};
use crate::clock::Clock;
use crate::config::Config;
use crate::store::{Store, web as db};
use anyhow::{Context as _, bail};
use clap::Subcommand;
use std::io::{BufRead as _, IsTerminal as _, Write};
use tokio_util::sync::CancellationToken;

/// Where `mailcase serve` listens without `--listen` or `web.listen`.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8025";

/// `mailcase staff …`
#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create a staff account (the password is prompted for, or read from stdin).
    Add { name: String },
    /// Set a new password (ends the account's sessions).
    Passwd { name: String },
    /// Disable an account (ends its sessions; it can no longer log in).
    Disable { name: String },
}

fn check_name(name: &str) -> anyhow::Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if !ok {
        bail!(
            "staff name {name:?} must be 1 to 64 letters, digits, '.', '_', '-' or '@' (like \"jane\")"
        );
    }
    Ok(())
}

/// Reads a new password: prompted twice without echo on a terminal, else the first line of
/// stdin.
fn read_password(name: &str) -> anyhow::Result<String> {
    let pw = if std::io::stdin().is_terminal() {
        let a = rpassword::prompt_password(format!("New password for {name}: "))
            .context("cannot read the password")?;
        let b = rpassword::prompt_password("Repeat it: ").context("cannot read the password")?;
        if a != b {
            bail!("the two passwords differ; nothing changed");
        }
        a
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from stdin")?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    check_password(&pw)?;
    Ok(pw)
}

/// The password rules: at least [`auth::MIN_PASSWORD_CHARS`] characters, at most
/// [`auth::MAX_PASSWORD_BYTES`] bytes.
pub fn check_password(pw: &str) -> anyhow::Result<()> {
    if pw.chars().count() < auth::MIN_PASSWORD_CHARS {
        bail!(
            "the password is too short: use at least {} characters",
            auth::MIN_PASSWORD_CHARS
        );
    }
    if pw.len() > auth::MAX_PASSWORD_BYTES {
        bail!(
            "the password is too long: use at most {} bytes",
            auth::MAX_PASSWORD_BYTES
        );
    }
    Ok(())
}

/// Runs `mailcase staff …`.
pub async fn staff_command(
    cfg: &Config,
    clock: Clock,
    cmd: &StaffCommand,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let store = Store::open(&cfg.database).await?;
    let now = clock.now_str();
    match cmd {
        StaffCommand::Add { name } => {
            check_name(name)?;
            {
                let mut conn = store.conn().await?;
                if db::staff_by_name(&mut conn, name).await?.is_some() {
                    bail!("staff account {name:?} exists: use `mailcase staff passwd {name}`");
                }
            }
            let hash = auth::hash_password(read_password(name)?).await?;
            let mut conn = store.conn().await?;
            if db::staff_insert(&mut conn, name, &hash, &now)
                .await?
                .is_none()
            {
                bail!("staff account {name:?} exists: use `mailcase staff passwd {name}`");
            }
            writeln!(out, "staff account {name} created")?;
        }
        StaffCommand::Passwd { name } => {
            let row = {
                let mut conn = store.conn().await?;
                db::staff_by_name(&mut conn, name).await?
            }
            .with_context(|| format!("no staff account {name:?}"))?;
            let hash = auth::hash_password(read_password(name)?).await?;
            let mut conn = store.conn().await?;
            db::staff_set_password(&mut conn, row.id, &hash, &now).await?;
            writeln!(out, "password of {} changed; its sessions ended", row.name)?;
        }
        StaffCommand::Disable { name } => {
            let mut conn = store.conn().await?;
            let row = db::staff_by_name(&mut conn, name)
                .await?
                .with_context(|| format!("no staff account {name:?}"))?;
            db::staff_set_disabled(&mut conn, row.id, true).await?;
            writeln!(
                out,
                "staff account {} disabled; its sessions ended",
                row.name
            )?;
        }
    }
    store.close().await;
    Ok(())
}

/// Binds the UI's listener: `--listen`, else `web.listen`, else [`DEFAULT_LISTEN`].
pub async fn bind(cfg: &Config, listen: Option<&str>) -> anyhow::Result<tokio::net::TcpListener> {
    let addr = listen
        .or(cfg.web.listen.as_deref())
        .unwrap_or(DEFAULT_LISTEN);
    let addr: std::net::SocketAddr = addr.parse().with_context(|| {
        format!("--listen {addr:?} is not an address and port like 127.0.0.1:8025")
    })?;
    if !addr.ip().is_loopback() && !cfg.web.secure_cookies {
        tracing::warn!(
            %addr,
            "the web UI listens beyond loopback without web.secure_cookies: put it behind HTTPS"
        );
    }
    tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))
}

/// Runs `mailcase serve`: the UI until Ctrl-C or SIGTERM.
pub async fn serve_command(cfg: &Config, clock: Clock, listen: Option<&str>) -> anyhow::Result<()> {
    let store = Store::open(&cfg.database).await?;
    let state = AppState::new(cfg, store.clone(), clock).await?;
    let listener = bind(cfg, listen).await?;
    let addr = listener.local_addr()?;
    let cancel = CancellationToken::new();
    let stop = cancel.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("stopping the web UI");
        stop.cancel();
    });
    {
        let mut conn = store.conn().await?;
        if db::staff_count(&mut conn).await? == 0 {
            tracing::warn!("no staff account yet: create one with `mailcase staff add NAME`");
        }
    }
    tracing::info!(url = %format!("http://{addr}/"), "web UI listening");
    super::serve(listener, state, cancel).await?;
    store.close().await;
    Ok(())
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_passwords_are_checked() {
        assert!(check_name("jane.roe@example").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("a b").is_err());
        assert!(check_name("<script>").is_err());
        assert!(check_password("short").is_err());
        assert!(check_password("long enough pw").is_ok());
        assert!(check_password(&"x".repeat(2000)).is_err());
    }
}
