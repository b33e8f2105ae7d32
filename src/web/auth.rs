//! Staff login: Argon2id passwords, server-side sessions, CSRF tokens, rate limiting.
//!
//! - The session cookie holds 32 random bytes; the database keeps their SHA-256, the staff
//!   member, a CSRF token and the expiry (idle timeout, capped by a maximum age). The cookie is
//!   `HttpOnly; SameSite=Strict; Path=/`, and `Secure` with the `__Host-` prefix when the
//!   config says the UI is served over TLS.
//! - Every state-changing form carries the session's CSRF token (the login form, before any
//!   session, a double-submit token in a short-lived cookie); a mismatch is 403. Requests that
//!   the browser marks as coming from another site (`Sec-Fetch-Site`, `Origin`) are refused
//!   before any handler runs.
//! - Failed logins are recorded in the database: 5 failures per account or 20 per client
//!   address within 15 minutes lock further attempts (429) until the window passes. Unknown
//!   names cost the same Argon2 work as known ones.
//! - Argon2 runs in `spawn_blocking`, never on the async workers.

use super::error::{Error, Result};
use super::{AppState, Page};
use crate::store::web as db;
use argon2::{Argon2, PasswordHasher as _, PasswordVerifier as _};
use axum::extract::{ConnectInfo, Form, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::LazyLock;

/// Failed logins per account within [`WINDOW_MINUTES`] before the account is locked.
pub const ACCOUNT_LIMIT: i64 = 5;
/// Failed logins per client address within [`WINDOW_MINUTES`] before the address is locked.
pub const CLIENT_LIMIT: i64 = 20;
/// The rate-limit window.
pub const WINDOW_MINUTES: i64 = 15;
/// Shortest password `mailcase staff add/passwd` accepts.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted anywhere (Argon2 work is bounded by the input).
pub const MAX_PASSWORD_BYTES: usize = 1024;

const LOGIN_COOKIE: &str = "mc_login";

/// Hashes a password with Argon2id (default parameters: 19 MiB, 2 passes), off the async
/// workers.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _e = span.enter();
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
    })
    .await?
}

/// A hash of a random password, verified against when the account does not exist, so an
/// unknown name takes as long as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let pw: [u8; 16] = rand::random();
    Argon2::default()
        .hash_password(&pw)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Checks a password against a PHC hash, off the async workers. `None` verifies against a
/// dummy hash and fails.
pub async fn verify_password(password: String, hash: Option<String>) -> anyhow::Result<bool> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _e = span.enter();
        let real = hash.is_some();
        let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok();
        ok && real
    })
    .await
    .map_err(Into::into)
}

/// A new random token: 32 bytes, base64url.
pub fn token() -> String {
    let b: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two strings in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The value of cookie `name` in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// The client address of a request ("unknown" in tests without a socket).
pub fn client(parts_ext: &axum::http::Extensions) -> String {
    parts_ext
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0)
        .or_else(|| {
            parts_ext
                .get::<axum::extract::connect_info::MockConnectInfo<SocketAddr>>()
                .map(|c| c.0)
        })
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// A logged-in staff member: what handlers take to require a session.
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: i64,
    pub name: String,
    /// The session's CSRF token, for forms.
    pub csrf: String,
    token_hash: String,
}

impl Staff {
    /// Checks a submitted form's CSRF token against the session's.
    pub fn check_csrf(&self, submitted: &str) -> Result<()> {
        if same(submitted, &self.csrf) {
            Ok(())
        } else {
            Err(Error::Csrf)
        }
    }
}

fn session_expiry(st: &AppState, created: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    let s = &st.settings;
    (now + s.session_idle).min(created + s.session_max)
}

fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Staff> {
        let login = || Error::LoginRequired {
            method: parts.method.clone(),
            next: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "/".into()),
        };
        let Some(token) = cookie(&parts.headers, st.settings.cookie_name()) else {
            return Err(login());
        };
        let hash = token_hash(token);
        let now = st.clock.now();
        let now_s = crate::clock::timestamp(now);
        let mut conn = st.store.conn().await?;
        let Some(s) = db::session_live(&mut conn, &hash, &now_s).await? else {
            return Err(login());
        };
        // Move the idle expiry at most once a minute: reads stay reads.
        let seen = parse_ts(&s.last_seen).unwrap_or(now);
        if now - seen >= Duration::minutes(1) {
            let created = parse_ts(&s.created_at).unwrap_or(now);
            let exp = crate::clock::timestamp(session_expiry(st, created, now));
            db::session_touch(&mut conn, &hash, &now_s, &exp).await?;
        }
        Ok(Staff {
            id: s.staff_id,
            name: s.staff_name,
            csrf: s.csrf,
            token_hash: hash,
        })
    }
}

/// An optional session (pages that work with and without one).
pub struct MaybeStaff(pub Option<Staff>);

impl FromRequestParts<AppState> for MaybeStaff {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<MaybeStaff> {
        match Staff::from_request_parts(parts, st).await {
            Ok(s) => Ok(MaybeStaff(Some(s))),
            Err(Error::LoginRequired { .. }) => Ok(MaybeStaff(None)),
            Err(e) => Err(e),
        }
    }
}

fn set_cookie(r: &mut Response, value: String) {
    if let Ok(v) = HeaderValue::from_str(&value) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Where to go after login: a local path only (never `//host` or a scheme).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.starts_with("/login")
                && n.chars().all(|c| !c.is_control() && c != '\\') =>
        {
            n.to_string()
        }
        _ => "/cases".into(),
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct LoginQuery {
    next: Option<String>,
    out: Option<String>,
}

#[derive(Serialize)]
struct LoginPage<'a> {
    page: Page<'a>,
    login_csrf: String,
    next: String,
    name: String,
    error: Option<&'static str>,
    notice: Option<&'static str>,
}

fn login_page(
    st: &AppState,
    status: StatusCode,
    next: String,
    name: String,
    error: Option<&'static str>,
    notice: Option<&'static str>,
) -> Result<Response> {
    let login_csrf = token();
    let html = st.render(
        "login.html",
        &LoginPage {
            page: Page::anonymous("Log in"),
            login_csrf: login_csrf.clone(),
            next,
            name,
            error,
            notice,
        },
    )?;
    let mut r = (status, axum::response::Html(html)).into_response();
    set_cookie(
        &mut r,
        format!(
            "{LOGIN_COOKIE}={login_csrf}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{}",
            if st.settings.secure_cookies {
                "; Secure"
            } else {
                ""
            }
        ),
    );
    Ok(r)
}

/// `GET /login`
pub async fn login_form(
    State(st): State<AppState>,
    MaybeStaff(staff): MaybeStaff,
    Query(q): Query<LoginQuery>,
) -> Result<Response> {
    let next = safe_next(q.next.as_deref());
    if staff.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let notice = q.out.is_some().then_some("You have logged out.");
    login_page(&st, StatusCode::OK, next, String::new(), None, notice)
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    name: String,
    password: String,
    csrf: String,
    next: String,
}

/// `POST /login`
pub async fn login(
    State(st): State<AppState>,
    headers: HeaderMap,
    ext: axum::http::Extensions,
    Form(f): Form<LoginForm>,
) -> Result<Response> {
    let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or("");
    if expected.is_empty() || !same(expected, &f.csrf) {
        return Err(Error::Csrf);
    }
    let next = safe_next(Some(&f.next));
    let name = f.name.trim().to_string();
    let account: String = name.to_lowercase().chars().take(100).collect();
    let client = client(&ext);
    let now = st.clock.now();
    let now_s = crate::clock::timestamp(now);
    let since = crate::clock::timestamp(now - Duration::minutes(WINDOW_MINUTES));
    let mut conn = st.store.conn().await?;
    let (acc_fail, acc_first) = db::failures_for_account(&mut conn, &account, &since).await?;
    let (cl_fail, cl_first) = db::failures_for_client(&mut conn, &client, &since).await?;
    let locked = if acc_fail >= ACCOUNT_LIMIT {
        acc_first
    } else if cl_fail >= CLIENT_LIMIT {
        cl_first
    } else {
        None
    };
    if let Some(first) = locked {
        tracing::warn!(%client, "login refused: too many failed attempts");
        let until = parse_ts(&first).unwrap_or(now) + Duration::minutes(WINDOW_MINUTES);
        let retry = (until - now).num_seconds().max(1) as u64;
        let mut r = login_page(
            &st,
            StatusCode::TOO_MANY_REQUESTS,
            next,
            name,
            Some("Too many failed logins. Wait a few minutes and try again."),
            None,
        )?;
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(retry));
        return Ok(r);
    }
    let row = if f.password.len() > MAX_PASSWORD_BYTES || name.is_empty() {
        None
    } else {
        db::staff_by_name(&mut conn, &name).await?
    };
    drop(conn);
    let hash = row
        .as_ref()
        .filter(|r| !r.disabled)
        .map(|r| r.password_hash.clone());
    let password: String = f.password.chars().take(MAX_PASSWORD_BYTES).collect();
    let ok = verify_password(password, hash).await?;
    let mut conn = st.store.conn().await?;
    db::attempt_record(&mut conn, &account, &client, ok, &now_s).await?;
    let Some(staff) = row.filter(|_| ok) else {
        tracing::info!(%client, "login failed");
        return login_page(
            &st,
            StatusCode::UNAUTHORIZED,
            next,
            name,
            Some("Wrong name or password."),
            None,
        );
    };
    let token = token();
    let hash = token_hash(&token);
    let csrf = self::token();
    let expires = crate::clock::timestamp(session_expiry(&st, now, now));
    db::session_insert(
        &mut conn,
        &db::NewSession {
            token_hash: &hash,
            staff_id: staff.id,
            csrf: &csrf,
            now: &now_s,
            expires_at: &expires,
            client: &client,
        },
    )
    .await?;
    let day_ago = crate::clock::timestamp(now - Duration::days(1));
    db::prune(&mut conn, &now_s, &day_ago).await?;
    tracing::info!(staff = %staff.name, %client, "staff logged in");
    let mut r = Redirect::to(&next).into_response();
    let secure = if st.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    set_cookie(
        &mut r,
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Strict{secure}",
            st.settings.cookie_name()
        ),
    );
    set_cookie(
        &mut r,
        format!("{LOGIN_COOKIE}=; Path=/login; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    );
    Ok(r)
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /logout`
pub async fn logout(
    State(st): State<AppState>,
    staff: Staff,
    Form(f): Form<CsrfForm>,
) -> Result<Response> {
    staff.check_csrf(&f.csrf)?;
    let mut conn = st.store.conn().await?;
    db::session_end(&mut conn, &staff.token_hash).await?;
    tracing::info!(staff = %staff.name, "staff logged out");
    let mut r = Redirect::to("/login?out=1").into_response();
    set_cookie(
        &mut r,
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
            st.settings.cookie_name(),
            if st.settings.secure_cookies {
                "; Secure"
            } else {
                ""
            }
        ),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/cases/MC-1?x=1")), "/cases/MC-1?x=1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "/login",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(safe_next(Some(bad)), "/cases", "{bad}");
        }
        assert_eq!(safe_next(None), "/cases");
    }

    #[test]
    fn cookies_are_read_by_exact_name() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("xmc_session=1; mc_session=abc; other=2"),
        );
        assert_eq!(cookie(&h, "mc_session"), Some("abc"));
        assert_eq!(cookie(&h, "nope"), None);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }

    #[tokio::test]
    async fn argon2id_hashes_verify_and_unknown_accounts_fail() {
        let h = hash_password("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(
            verify_password("correct horse battery".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(!verify_password("wrong".into(), Some(h)).await.unwrap());
        assert!(!verify_password("anything".into(), None).await.unwrap());
    }
}
