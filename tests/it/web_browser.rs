//! The staff web UI in a real browser: Debian's chromium, headless, driven through
//! chromedriver by fantoccini (plain HTTP on loopback, no TLS stack). `scripts/test` installs
//! both; without chromedriver these tests print SKIPPED and pass.
//!
//! Screenshots of the case list and a case page go to `target/screenshots/`.

use crate::web_support::*;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use mailcase::store::{cases, outbox};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// chromedriver and chromium, when installed.
fn tools(test: &str) -> Option<(PathBuf, PathBuf)> {
    let driver = std::env::var_os("MAILCASE_CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| which("chromedriver"));
    let browser = std::env::var_os("MAILCASE_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| which("chromium"));
    match (driver, browser) {
        (Some(d), Some(b)) => Some((d, b)),
        _ => {
            eprintln!(
                "SKIPPED {test}: chromedriver or chromium is not installed (scripts/test installs them)"
            );
            None
        }
    }
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin")])
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The folder screenshots go to: `<target dir>/screenshots`.
pub fn screenshot_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp
        .parent()
        .map(|p| p.join("screenshots"))
        .unwrap_or_else(|| tmp.join("screenshots"));
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

/// A chromedriver process, killed on drop.
struct Driver {
    child: Child,
    url: String,
    _profile: tempfile::TempDir,
    browser: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_driver(driver: &PathBuf, browser: PathBuf) -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _profile: tempfile::tempdir().unwrap(),
        browser,
    }
}

async fn browser(d: &Driver) -> Client {
    let profile = d._profile.path().display().to_string();
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": d.browser.display().to_string(),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--hide-scrollbars",
                format!("--user-data-dir={profile}"),
            ]
        },
        "goog:loggingPrefs": { "browser": "ALL" }
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&d.url)
        .await
        .expect("a browser session")
}

/// `POST /session/{id}/se/log {"type":"browser"}`: the console messages since the last call.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session_id.unwrap_or("")))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}

async fn console(c: &Client) -> Vec<Value> {
    match c.issue_cmd(BrowserLog).await {
        Ok(Value::Array(v)) => v,
        Ok(other) => panic!("unexpected log answer {other}"),
        Err(e) => panic!("cannot read the browser console: {e}"),
    }
}

async fn assert_console_clean(c: &Client, page: &str) {
    let errors: Vec<Value> = console(c)
        .await
        .into_iter()
        .filter(|e| {
            e["level"] == "SEVERE"
                || e["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("Content Security Policy"))
        })
        .collect();
    assert!(errors.is_empty(), "console errors on {page}: {errors:#?}");
}

/// The app on a real listener, seeded through the pipeline.
struct Served {
    app: TestApp,
    seeded: Seeded,
    base: String,
    cancel: tokio_util::sync::CancellationToken,
}

async fn serve() -> Served {
    let app = TestApp::new().await;
    let seeded = app.seed().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let cancel = tokio_util::sync::CancellationToken::new();
    tokio::spawn(mailcase::web::serve(
        listener,
        app.state.clone(),
        cancel.clone(),
    ));
    Served {
        app,
        seeded,
        base,
        cancel,
    }
}

async fn wait_url(c: &Client, part: &str) -> String {
    for _ in 0..100 {
        let u = c.current_url().await.unwrap().to_string();
        if u.contains(part) {
            return u;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "the browser never reached {part}: at {}",
        c.current_url().await.unwrap()
    );
}

async fn login(c: &Client, base: &str) {
    c.goto(&format!("{base}/cases")).await.unwrap();
    wait_url(c, "/login").await;
    if c.find(Locator::Id("name")).await.is_err() {
        panic!("no login form: {}", c.source().await.unwrap_or_default());
    }
    c.find(Locator::Id("name"))
        .await
        .unwrap()
        .send_keys(STAFF)
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    c.find(Locator::Css("#login-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    if !c.current_url().await.unwrap().path().starts_with("/cases") {
        panic!("login failed: {}", c.source().await.unwrap_or_default());
    }
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.expect("script runs")
}

async fn body_text(c: &Client) -> String {
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn shot(c: &Client, name: &str) -> PathBuf {
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let path = screenshot_dir().join(name);
    std::fs::write(&path, png).unwrap();
    println!("screenshot: {}", path.display());
    path
}

#[tokio::test]
async fn in_a_browser_staff_log_in_filter_open_a_case_fold_quotes_act_reply_and_log_out() {
    let name = "in_a_browser_staff_log_in_filter_open_a_case_fold_quotes_act_reply_and_log_out";
    let Some((driver, chromium)) = tools(name) else {
        return;
    };
    let d = start_driver(&driver, chromium).await;
    let s = serve().await;
    let c = browser(&d).await;

    login(&c, &s.base).await;
    let text = body_text(&c).await;
    assert!(text.contains(&s.seeded.jane) && text.contains(&s.seeded.other));
    shot(&c, "cases.png").await;

    // filter by status: the select applies itself
    c.find(Locator::Id("f-status"))
        .await
        .unwrap()
        .select_by_value("ready_for_review")
        .await
        .unwrap();
    wait_url(&c, "status=ready_for_review").await;
    let text = body_text(&c).await;
    assert!(text.contains(&s.seeded.jane), "{text}");
    assert!(!text.contains(&s.seeded.other), "{text}");
    // search, with the keyboard: "/" focuses the box
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("/")
        .await
        .unwrap();
    let focused = js(&c, "return document.activeElement.id").await;
    assert_eq!(focused, "q");
    c.goto(&format!("{}/cases?q=zebrafish1", s.base))
        .await
        .unwrap();
    let text = body_text(&c).await;
    assert!(text.contains(&s.seeded.other) && !text.contains(&s.seeded.jane));
    assert_console_clean(&c, "list").await;

    // open the case from the list
    c.goto(&format!("{}/cases", s.base)).await.unwrap();
    c.find(Locator::LinkText(&s.seeded.jane))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_url(&c, &format!("/cases/{}", s.seeded.jane)).await;
    assert_eq!(
        c.find(Locator::Id("case-ref"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        s.seeded.jane
    );
    js(&c, "window.scrollTo(0, 0); return 0").await;
    shot(&c, "case.png").await;

    // quoted history: collapsed, opens and closes with its toggle (no script needed)
    let fold = c.find(Locator::Css("details.fold.quote")).await.unwrap();
    let quoted = fold.find(Locator::Css(".text")).await.unwrap();
    assert_eq!(fold.prop("open").await.unwrap().as_deref(), Some("false"));
    assert!(!quoted.is_displayed().await.unwrap());
    fold.find(Locator::Css("summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(fold.prop("open").await.unwrap().as_deref(), Some("true"));
    assert!(quoted.is_displayed().await.unwrap());
    assert!(quoted.text().await.unwrap().contains("QUOTEDMARKER"));
    fold.find(Locator::Css("summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(!quoted.is_displayed().await.unwrap());
    // the enhancement: one button (and "x") for all quotes
    let toggle = c.find(Locator::Id("toggle-quotes")).await.unwrap();
    assert!(toggle.is_displayed().await.unwrap());
    toggle.click().await.unwrap();
    assert!(quoted.is_displayed().await.unwrap());
    toggle.click().await.unwrap();
    assert!(!quoted.is_displayed().await.unwrap());

    // change the status
    c.find(Locator::Id("status"))
        .await
        .unwrap()
        .select_by_value("in_review")
        .await
        .unwrap();
    c.find(Locator::Id("set-status"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_url(&c, "done=status").await;
    assert_eq!(
        c.find(Locator::Id("case-status"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "in review"
    );
    assert!(
        body_text(&c)
            .await
            .contains("status ready_for_review → in_review")
    );

    // send a staff reply: it is queued in the outbox and shown in the thread
    let reply = "Thanks Jane. Please push a tag named recover-2026 to your repository.";
    c.find(Locator::Id("reply-body"))
        .await
        .unwrap()
        .send_keys(reply)
        .await
        .unwrap();
    c.find(Locator::Id("send-reply"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_url(&c, "done=reply").await;
    let out = {
        let mut conn = s.app.store.conn().await.unwrap();
        let case = cases::by_reference(&mut conn, &s.seeded.jane)
            .await
            .unwrap()
            .unwrap();
        outbox::of_case(&mut conn, case.id).await.unwrap()
    };
    let row = out
        .iter()
        .find(|o| o.kind.as_str() == "staff_reply")
        .expect("the reply is in the outbox table");
    assert!(row.body.contains("recover-2026"));
    assert_eq!(row.status.as_str(), "queued");
    let article = c.find(Locator::Id(&format!("o{}", row.id))).await.unwrap();
    let shown = article.text().await.unwrap();
    assert!(
        shown.contains("recover-2026") && shown.contains("staff reply"),
        "{shown}"
    );
    assert!(shown.contains("queued"));
    c.goto(&format!("{}/outbox", s.base)).await.unwrap();
    assert!(body_text(&c).await.contains(&s.seeded.jane));
    assert_console_clean(&c, "case page").await;

    // log out: back at the login page, and the list needs a login again
    c.find(Locator::Id("logout"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_url(&c, "/login?out=1").await;
    assert!(body_text(&c).await.contains("You have logged out."));
    c.goto(&format!("{}/cases", s.base)).await.unwrap();
    wait_url(&c, "/login?next=").await;

    c.close().await.unwrap();
    s.cancel.cancel();
}

#[tokio::test]
async fn in_a_browser_hostile_mail_adds_no_elements_runs_no_script_and_logs_no_errors() {
    let name = "in_a_browser_hostile_mail_adds_no_elements_runs_no_script_and_logs_no_errors";
    let Some((driver, chromium)) = tools(name) else {
        return;
    };
    let d = start_driver(&driver, chromium).await;
    let s = serve().await;
    let c = browser(&d).await;
    login(&c, &s.base).await;
    for path in [
        "/cases".to_string(),
        "/cases?q=HOSTILEMARK".into(),
        format!("/cases/{}", s.seeded.evil),
    ] {
        c.goto(&format!("{}{path}", s.base)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        // nothing injected: one script (ours), no images, frames, styles, forms elsewhere
        let probe = js(
            &c,
            r#"return {
                scripts: Array.from(document.scripts).map(s => s.getAttribute('src')),
                injected: document.querySelectorAll('img, svg, iframe, object, embed, style, meta[http-equiv], base').length,
                foreignForms: Array.from(document.forms).filter(f => !f.getAttribute('action').startsWith('/')).length,
                handlers: document.querySelectorAll('[onerror], [onload], [onmouseover], [onclick]').length,
                jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
                sheets: Array.from(document.styleSheets).map(s => s.href),
                pwned: typeof window.__pwned,
                headerVisible: getComputedStyle(document.querySelector('header.top')).visibility,
                bodyDisplay: getComputedStyle(document.body).display
            };"#,
        )
        .await;
        assert_eq!(
            probe["scripts"],
            json!(["/static/app.js"]),
            "{path}: {probe}"
        );
        assert_eq!(probe["injected"], 0, "{path}: {probe}");
        assert_eq!(probe["foreignForms"], 0, "{path}: {probe}");
        assert_eq!(probe["handlers"], 0, "{path}: {probe}");
        assert_eq!(probe["jsLinks"], 0, "{path}: {probe}");
        assert_eq!(
            probe["sheets"].as_array().map(|a| a.len()),
            Some(1),
            "{path}: {probe}"
        );
        assert!(
            probe["sheets"][0]
                .as_str()
                .unwrap_or("")
                .ends_with("/static/app.css")
        );
        assert_eq!(probe["pwned"], "undefined", "{path}: script ran");
        assert_eq!(
            probe["headerVisible"], "visible",
            "{path}: CSS from mail applied"
        );
        assert_eq!(
            probe["bodyDisplay"], "block",
            "{path}: CSS from mail applied"
        );
        // no alert was raised
        assert!(
            c.get_alert_text().await.is_err(),
            "{path}: an alert is open"
        );
        assert_console_clean(&c, &path).await;
    }
    // the payloads are on the page, as text
    let text = body_text(&c).await;
    for t in [
        "<script>window.__pwned=5</script>",
        "<img src=x onerror=\"window.__pwned=6\">",
        "<a href=\"javascript:window.__pwned=8\">click me</a>",
    ] {
        assert!(text.contains(t), "missing text {t}");
    }
    // the header-injection attempt is one subject line, shown as text
    assert!(text.contains("Set-Cookie: pwned=1"), "{text}");
    let cookies = js(&c, "return document.cookie").await;
    assert_eq!(cookies, "", "no script-readable cookie, none injected");
    // the source view is text, not a page
    let id = {
        let mut conn = s.app.store.conn().await.unwrap();
        mailcase::store::messages::select_for_reprocess(
            &mut conn,
            &mailcase::store::messages::Reselect::MessageId("evil-1@example.net".into()),
        )
        .await
        .unwrap()[0]
    };
    c.goto(&format!("{}/messages/{id}/raw", s.base))
        .await
        .unwrap();
    assert_eq!(js(&c, "return document.contentType").await, "text/plain");
    assert_eq!(js(&c, "return typeof window.__pwned").await, "undefined");
    assert_console_clean(&c, "raw").await;
    c.close().await.unwrap();
    s.cancel.cancel();
}
