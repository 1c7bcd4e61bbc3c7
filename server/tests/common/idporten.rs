//! The local ID-porten stand-in (`end2end/idporten`, Node and oidc-provider), started once per
//! test process and stopped with it, a client registered per test, and a browser's way through
//! its TestID-like login page.

// Shared by two test crates, each of which uses a part of it.
#![allow(dead_code)]

use reqwest::header::LOCATION;
use reqwest::{Client, StatusCode, Url};
use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

pub const DEV_KEY_ID: &str = "innspill-dev-key";

pub fn dev_key_pem() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/idporten/dev-client-key.pem"
    ))
    .expect("end2end/idporten/dev-client-key.pem")
}

/// A synthetic person of `end2end/idporten/persons.json`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct TestPerson {
    pub id: String,
    pub pid: Option<String>,
}

pub fn test_person(id: &str) -> TestPerson {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/idporten/persons.json"
    ))
    .expect("persons.json");
    let all: Vec<TestPerson> = serde_json::from_str(&raw).expect("persons.json parses");
    all.into_iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no test person {id}"))
}

pub struct StandIn {
    pub issuer: String,
    // Held so that its stdin stays open: the stand-in exits when the test process does.
    _process: Option<Mutex<(Child, ChildStdin)>>,
}

static STANDIN: OnceLock<StandIn> = OnceLock::new();

/// The running stand-in: `INNSPILL_TEST_IDPORTEN_ISSUER` if set, else one started here.
pub fn standin() -> &'static StandIn {
    STANDIN.get_or_init(|| {
        if let Ok(issuer) = std::env::var("INNSPILL_TEST_IDPORTEN_ISSUER") {
            return StandIn {
                issuer,
                _process: None,
            };
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/idporten/server.mjs");
        let mut child = Command::new("node")
            .arg(script)
            .env("IDPORTEN_STANDIN_PORT", port.to_string())
            .env("IDPORTEN_STANDIN_EXIT_WITH_STDIN", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the ID-porten stand-in (node end2end/idporten/server.mjs; run `make test` once to install its npm packages)");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(issuer) = line.strip_prefix("ID-porten stand-in: ") {
                    let _ = tx.send(issuer.trim().to_string());
                }
            }
        });
        let issuer = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the ID-porten stand-in did not start within 30 s");
        StandIn {
            issuer,
            _process: Some(Mutex::new((child, stdin))),
        }
    })
}

/// A client registered at the stand-in for one Innspill at `app_base`.
#[derive(Debug, Clone)]
pub struct RegisteredClient {
    pub client_id: String,
    pub secret: Option<String>,
}

impl StandIn {
    /// Registers a client (RFC 7591) with the app's redirect, logout and front-channel URIs;
    /// `private_key_jwt` with the dev key, else `client_secret_basic`.
    pub async fn register(&self, app_base: &str, private_key_jwt: bool) -> RegisteredClient {
        let mut body = serde_json::json!({
            "redirect_uris": [format!("{app_base}/auth/idporten/callback")],
            "post_logout_redirect_uris": [format!("{app_base}/auth/idporten/logged-out")],
            "frontchannel_logout_uri": format!("{app_base}/auth/idporten/frontchannel-logout"),
            "scope": "openid profile",
            "token_endpoint_auth_method": if private_key_jwt { "private_key_jwt" } else { "client_secret_basic" },
        });
        if private_key_jwt {
            let mut jwk = app::ssr::idporten::client_auth::public_jwk(
                &secrecy::SecretString::from(dev_key_pem()),
                Some(DEV_KEY_ID),
            )
            .unwrap();
            jwk["alg"] = "RS256".into();
            body["jwks"] = serde_json::json!({ "keys": [jwk] });
            body["token_endpoint_auth_signing_alg"] = "RS256".into();
        }
        let r: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/reg", self.issuer))
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        RegisteredClient {
            client_id: r["client_id"].as_str().expect("client_id").to_string(),
            secret: r["client_secret"].as_str().map(str::to_string),
        }
    }

    /// Changes the next ID token issued to `client_id` (see end2end/idporten/test-control.mjs).
    pub async fn tamper(&self, client_id: &str, claims: serde_json::Value, new_signing_key: bool) {
        let r = reqwest::Client::new()
            .post(format!("{}/__test/tamper", self.issuer))
            .json(&serde_json::json!({
                "client_id": client_id, "claims": claims, "new_signing_key": new_signing_key,
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
}

fn location(base: &Url, r: &reqwest::Response) -> Url {
    let loc = r
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("{} {} without a Location", r.status(), r.url()));
    base.join(loc).unwrap()
}

/// Follows redirects until one leads to `stop_at` (not visited) or a page answers.
async fn follow(browser: &Client, mut url: Url, stop_at: &str) -> Result<Url, reqwest::Response> {
    for _ in 0..10 {
        if url.as_str().starts_with(stop_at) {
            return Ok(url);
        }
        let r = browser.get(url.clone()).send().await.unwrap();
        if !r.status().is_redirection() {
            return Err(r);
        }
        url = location(&url, &r);
    }
    panic!("too many redirects");
}

/// What the person does on the stand-in's login page.
pub enum AtLoginPage<'a> {
    LogIn { person: &'a str, level: &'a str },
    Cancel,
}

/// Clicks the app's login link (coming from `return_to`), goes through the stand-in's login
/// page, and returns the URL ID-porten sends the browser back to: the app's callback,
/// not yet visited.
pub async fn until_callback(
    browser: &Client,
    app_base: &str,
    return_to: &str,
    action: AtLoginPage<'_>,
) -> Url {
    let start = Url::parse(&format!(
        "{app_base}/auth/idporten/login?return_to={}",
        app::paths::urlencode(return_to)
    ))
    .unwrap();
    let r = browser.get(start.clone()).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "the login link redirects"
    );
    let to_provider = location(&start, &r);
    let callback = format!("{app_base}/auth/idporten/callback");
    let page = match follow(browser, to_provider, &callback).await {
        // Still logged in at the stand-in (single sign-on): straight back.
        Ok(url) => return url,
        Err(page) => page,
    };
    assert_eq!(page.status(), StatusCode::OK);
    let page_url = page.url().clone();
    let html = page.text().await.unwrap();
    assert!(html.contains("TestID"), "{html}");
    let (path, form): (&str, Vec<(&str, &str)>) = match action {
        AtLoginPage::LogIn { person, level } => {
            ("login", vec![("person", person), ("level", level)])
        }
        AtLoginPage::Cancel => ("abort", vec![]),
    };
    let post = Url::parse(&format!(
        "{}/{path}",
        page_url.as_str().trim_end_matches('/')
    ))
    .unwrap();
    let r = browser.post(post.clone()).form(&form).send().await.unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let next = location(&post, &r);
    follow(browser, next, &callback)
        .await
        .unwrap_or_else(|r| panic!("did not come back to the app: {} {}", r.status(), r.url()))
}
