//! Spawns the real router on port 0 against a fresh database, with in-memory mail and a fixed
//! clock; `browser` talks to it like a browser would. Also what a test reads from an answer.

use crate::standin::{RegisteredClient, standin};
use app::domain::loa::Loa;
use app::ssr::AppState;
use app::ssr::idporten::IdPorten;
use app::ssr::state::settings::{ClientAuth, IdPortenSettings};
use app::testing::{Backend, TestDb, seeded_test_state};
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION};
use reqwest::{Client, Response, StatusCode, redirect};
use secrecy::SecretString;
use server::startup::{Running, start, start_on};
use std::sync::Arc;

mod browser;

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    /// The client this app is registered as at the ID-porten stand-in, if it has citizen login.
    pub idporten_client: Option<RegisteredClient>,
    /// A browser with cookies that does not follow redirects (so tests can see them).
    pub client: Client,
    running: Option<Running>,
    _db: Option<TestDb>,
}

pub fn browser() -> Client {
    // A hung request fails the test with its URL instead of hanging the suite.
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client")
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_tweaked(backend, None, |_| {}).await
}

/// How a test app logs citizens in.
pub struct IdPortenOptions {
    pub acr_min: Loa,
    pub private_key_jwt: bool,
    /// An issuer that is not the stand-in (e.g. one that does not answer).
    pub issuer: Option<String>,
}

impl Default for IdPortenOptions {
    fn default() -> Self {
        Self {
            acr_min: Loa::Substantial,
            private_key_jwt: false,
            issuer: None,
        }
    }
}

/// Like `spawn_app`, with citizen login through the ID-porten stand-in, as a client
/// registered for this app alone.
pub async fn spawn_app_with_idporten(backend: Backend, opts: IdPortenOptions) -> TestApp {
    spawn_app_tweaked(backend, Some(opts), |_| {}).await
}

/// The demo-seeded app, with citizen login through the stand-in when `idporten` is given, and
/// its state changed by `tweak` before it starts (limits, the residency register, …).
pub async fn spawn_app_tweaked(
    backend: Backend,
    idporten: Option<IdPortenOptions>,
    tweak: impl FnOnce(&mut AppState),
) -> TestApp {
    let (mut state, db) = seeded_test_state(backend).await;
    tweak(&mut state);
    let Some(opts) = idporten else {
        let running = start(state.clone(), "127.0.0.1:0".parse().unwrap(), false)
            .await
            .expect("start");
        return TestApp {
            base: format!("http://{}", running.addr),
            state,
            idporten_client: None,
            client: browser(),
            running: Some(running),
            _db: Some(db),
        };
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (issuer, registered) = match opts.issuer {
        Some(i) => (i, None),
        None => {
            let s = standin();
            let c = s.register(&base, opts.private_key_jwt).await;
            (s.issuer.clone(), Some(c))
        }
    };
    let client_auth = if opts.private_key_jwt {
        ClientAuth::PrivateKeyJwt {
            pem: SecretString::from(crate::standin::dev_key_pem()),
            key_id: Some(crate::standin::DEV_KEY_ID.into()),
        }
    } else {
        ClientAuth::Secret {
            secret: SecretString::from(
                registered
                    .as_ref()
                    .and_then(|c| c.secret.clone())
                    .unwrap_or_else(|| "unused".into()),
            ),
            post: false,
        }
    };
    let mut settings = (*state.settings).clone();
    settings.base_url = base.clone();
    settings.idporten = Some(IdPortenSettings {
        issuer,
        client_id: registered
            .as_ref()
            .map(|c| c.client_id.clone())
            .unwrap_or_else(|| "innspill-test".into()),
        client_auth,
        acr_min: opts.acr_min,
        redirect_uri: format!("{base}/auth/idporten/callback"),
        post_logout_redirect_uri: format!("{base}/auth/idporten/logged-out"),
    });
    state.idporten = Arc::new(IdPorten::new(settings.idporten.clone()).expect("client"));
    state.settings = Arc::new(settings);
    let running = start_on(listener, state.clone(), false)
        .await
        .expect("start");
    TestApp {
        base,
        state,
        idporten_client: registered,
        client: browser(),
        running: Some(running),
        _db: Some(db),
    }
}

pub fn location(headers: &HeaderMap) -> String {
    headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("innspill_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
}

pub fn is_json(r: &Response) -> bool {
    r.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"))
}

/// Asserts that a server function refused with `status`, naming `key` (the message) in its body.
pub async fn assert_refused(r: Response, status: StatusCode, key: &str) {
    assert_eq!(r.status(), status);
    let body = r.text().await.unwrap();
    assert!(body.contains(key), "{key} in {body}");
}

/// The path of a redirect's `Location` on this app.
pub fn local(app: &TestApp, r: &Response) -> String {
    location(r.headers())
        .trim_start_matches(&app.base)
        .to_string()
}
