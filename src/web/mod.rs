//! The staff web UI: server-rendered pages to read and work cases (`mailcase serve`, or
//! `mailcase run` with a `[web]` section).
//!
//! ```text
//!  GET  /login, POST /login, POST /logout           auth.rs    sessions, CSRF, rate limits
//!  GET  /cases                                      cases.rs   filter, sort, search, keyset pages
//!  GET  /cases/{ref}                                cases.rs   thread, fields, flags, audit, notes
//!  POST /cases/{ref}/status|fields|notes|replies    cases.rs   staff actions (pipeline::staff)
//!  GET  /messages/{id}/raw, …/attachments/{n}       mail.rs    redacted source, downloads
//!  GET  /outbox                                     cases.rs   outbound mail and its delivery
//!  GET  /mail                                       unfiled.rs inbound mail filed under no case
//!  GET  /static/app.css, app.js, icon.svg          this file  embedded in the binary
//! ```
//!
//! Safety rests on a few rules that hold for every response: email content is only ever
//! inserted as escaped text (templates are `*.html`, auto-escaped; no email HTML is rendered),
//! a strict Content-Security-Policy allows nothing but this server's own stylesheet and
//! script, and attachments are only ever downloads. Every state change goes through
//! [`crate::pipeline::Pipeline`]'s staff actions, which write the audit log in the same
//! transaction. The UI binds to loopback by default.

pub mod admin;
pub mod auth;
pub mod cases;
pub mod error;
pub mod mail;
pub mod render;
pub mod unfiled;

pub use admin::{StaffCommand, serve_command, staff_command};
pub use error::Error;

use crate::clock::Clock;
use crate::config::Config;
use crate::pipeline::Pipeline;
use crate::store::Store;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Duration;
use serde::Serialize;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// The Content-Security-Policy of every response: only this server's stylesheet and script,
/// no inline code, no frames, forms post only here.
pub const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const APP_CSS: &str = include_str!("static/app.css");
const APP_JS: &str = include_str!("static/app.js");
const ICON: &str = include_str!("static/icon.svg");

/// How sessions behave.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Mark cookies `Secure` (and use the `__Host-` prefix): the UI is served over TLS.
    pub secure_cookies: bool,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after login, however active.
    pub session_max: Duration,
}

impl WebSettings {
    pub fn from_config(cfg: &Config) -> WebSettings {
        WebSettings {
            secure_cookies: cfg.web.secure_cookies,
            session_idle: Duration::minutes(cfg.web.session_idle_minutes as i64),
            session_max: Duration::hours(cfg.web.session_max_hours as i64),
        }
    }

    /// The session cookie's name (`__Host-` needs `Secure`).
    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-mc_session"
        } else {
            "mc_session"
        }
    }
}

/// What every handler shares; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The parts of [`AppState`].
pub struct Inner {
    pub store: Store,
    pub pipeline: Pipeline,
    pub clock: Clock,
    pub settings: WebSettings,
    templates: minijinja::Environment<'static>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Builds the state from the config (the pipeline performs staff actions).
    pub async fn new(cfg: &Config, store: Store, clock: Clock) -> anyhow::Result<AppState> {
        let pipeline = Pipeline::new(cfg, store.clone(), clock).await?;
        Ok(AppState(Arc::new(Inner {
            store,
            pipeline,
            clock,
            settings: WebSettings::from_config(cfg),
            templates: render::environment()?,
        })))
    }

    /// Renders a template with a serialisable context.
    pub fn render<T: Serialize>(&self, name: &str, ctx: &T) -> error::Result<String> {
        let t = self.templates.get_template(name)?;
        Ok(t.render(minijinja::value::Serde(ctx))?)
    }
}

/// What the layout needs on every page.
#[derive(Debug, Clone, Serialize)]
pub struct Page<'a> {
    pub title: String,
    /// The logged-in staff member ("" on the login page).
    pub staff: &'a str,
    pub csrf: &'a str,
    /// Which navigation entry is current.
    pub nav: &'static str,
}

impl<'a> Page<'a> {
    pub fn anonymous(title: &str) -> Page<'a> {
        Page {
            title: title.to_string(),
            staff: "",
            csrf: "",
            nav: "",
        }
    }

    pub fn of(staff: &'a auth::Staff, title: String, nav: &'static str) -> Page<'a> {
        Page {
            title,
            staff: &staff.name,
            csrf: &staff.csrf,
            nav,
        }
    }
}

/// The whole UI.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::to("/cases") }))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/cases", get(cases::list))
        .route("/cases/{reference}", get(cases::show))
        .route("/cases/{reference}/status", post(cases::set_status))
        .route("/cases/{reference}/fields", post(cases::set_field))
        .route("/cases/{reference}/notes", post(cases::add_note))
        .route("/cases/{reference}/replies", post(cases::reply))
        .route("/messages/{id}/raw", get(mail::raw))
        .route("/messages/{id}/attachments/{n}", get(mail::attachment))
        .route("/outbox", get(cases::outbox))
        .route("/mail", get(unfiled::list))
        .route("/static/app.css", get(|| static_file(APP_CSS, "text/css")))
        .route(
            "/static/app.js",
            get(|| static_file(APP_JS, "text/javascript")),
        )
        .route(
            "/static/icon.svg",
            get(|| static_file(ICON, "image/svg+xml")),
        )
        .route("/favicon.ico", get(|| static_file(ICON, "image/svg+xml")))
        .fallback(|| async { Error::NotFound })
        .layer(DefaultBodyLimit::max(256 * 1024))
        .layer(middleware::from_fn(refuse_cross_site))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

async fn static_file(body: &'static str, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&format!("{content_type}; charset=utf-8"))
            .expect("a fixed header value"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    r
}

/// Headers on every response, errors included.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        // pages carry case data: keep them out of shared and disk caches
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    r
}

/// Refuses state changes a browser says come from another site (`Sec-Fetch-Site`), or whose
/// `Origin` names another host, before any handler or form parsing runs. (The CSRF token is
/// the main defence; this one also covers the login form and old tokens.)
async fn refuse_cross_site(req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let h = req.headers();
        let site = h
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let cross_site = matches!(site, "cross-site" | "same-site");
        let host = h
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let foreign_origin = h
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|o| {
                let authority = o.split_once("://").map(|(_, a)| a).unwrap_or(o);
                // `null` is what browsers send under `Referrer-Policy: no-referrer`;
                // Sec-Fetch-Site still tells same-origin from cross-site then
                o != "null" && (host.is_empty() || !authority.eq_ignore_ascii_case(host))
            });
        if cross_site || foreign_origin {
            tracing::warn!(path = %req.uri().path(), "refused a cross-site request");
            return Error::Csrf.into_response();
        }
    }
    next.run(req).await
}

/// Serves the UI on `listener` until `cancel` fires, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    cancel: CancellationToken,
) -> anyhow::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { cancel.cancelled().await })
        .await
        .map_err(|e| anyhow::anyhow!("the web server stopped: {e}"))
}

/// [`serve`] as a daemon task: an error is logged, not returned.
pub async fn serve_logged(
    listener: tokio::net::TcpListener,
    state: AppState,
    cancel: CancellationToken,
) {
    if let Err(e) = serve(listener, state, cancel).await {
        tracing::error!(error = %format!("{e:#}"), "web UI stopped");
    }
}
