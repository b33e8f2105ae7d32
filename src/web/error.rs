//! The one error type of the web UI. What staff may act on (not found, a bad form value, a
//! stale form, too many logins) gets a plain page with the right status; anything internal
//! becomes an opaque 500 and is logged in full with the request it failed.

use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such case, message or page.
    #[error("not found")]
    NotFound,
    /// Not logged in (or the session expired): GET and HEAD go to the login page and come
    /// back to `next` afterwards; anything else is 401.
    #[error("login required")]
    LoginRequired { method: Method, next: String },
    /// A state change without a valid CSRF token, or from another site.
    #[error("the form was stale or came from another site")]
    Csrf,
    /// Too many failed logins; try again after this many seconds.
    #[error("too many login attempts")]
    TooManyAttempts { retry_after: u64 },
    /// A request staff can fix (shown to them as is: fixed wording, never echoed input).
    #[error("{0}")]
    BadRequest(String),
    /// Anything else: logged in full, shown as an opaque 500.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Internal(e.into())
    }
}

impl From<minijinja::Error> for Error {
    fn from(e: minijinja::Error) -> Self {
        Error::Internal(anyhow::Error::new(e).context("cannot render a template"))
    }
}

/// A minimal page for errors: no template (a broken template must still give an error page),
/// fixed text only, linked to the stylesheet.
pub fn plain_page(status: StatusCode, title: &str, text: &str) -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · mailcase</title><link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"/static/app.css\"></head>\
         <body class=\"error-page\"><main class=\"narrow\"><h1>{title}</h1><p>{text}</p>\
         <p><a href=\"/cases\">Back to the cases</a></p></main></body></html>\n",
        title = crate::web::render::escape(title),
        text = crate::web::render::escape(text),
    );
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match self {
            Error::NotFound => plain_page(
                StatusCode::NOT_FOUND,
                "Not found",
                "There is nothing at this address.",
            ),
            Error::LoginRequired { method, next } => {
                if method == Method::GET || method == Method::HEAD {
                    let to = format!("/login?next={}", crate::web::render::url_encode(&next));
                    Redirect::to(&to).into_response()
                } else {
                    plain_page(
                        StatusCode::UNAUTHORIZED,
                        "Login required",
                        "Your session has ended. Log in again and repeat what you did.",
                    )
                }
            }
            Error::Csrf => plain_page(
                StatusCode::FORBIDDEN,
                "Form expired",
                "This form was stale or did not come from this site. Go back, reload the page and try again.",
            ),
            Error::TooManyAttempts { retry_after } => {
                let mut r = plain_page(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Too many attempts",
                    "Too many failed logins. Wait a few minutes and try again.",
                );
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                r
            }
            Error::BadRequest(text) => plain_page(StatusCode::BAD_REQUEST, "Bad request", &text),
            Error::Internal(e) => {
                tracing::error!(error = ?e, "web request failed");
                plain_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "The server could not complete this request. It has been logged.",
                )
            }
        }
    }
}

/// The result type of handlers.
pub type Result<T, E = Error> = std::result::Result<T, E>;
