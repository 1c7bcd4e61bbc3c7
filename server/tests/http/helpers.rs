//! Spawns the real router on port 0 against a fresh database, with in-memory mail and a fixed
//! clock, and talks to it like a browser would.

use crate::standin::{RegisteredClient, standin};
use app::domain::loa::Loa;
use app::ssr::AppState;
use app::ssr::idporten::IdPorten;
use app::ssr::settings::{ClientAuth, IdPortenSettings};
use app::ssr::testing::{Backend, TestDb, test_state};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, LOCATION};
use reqwest::{Client, Response, StatusCode, redirect};
use secrecy::SecretString;
use server::startup::{Running, start, start_on};
use std::sync::Arc;

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
    let (mut state, db) = test_state(backend).await;
    app::ssr::seed::seed_demo(&state).await.expect("seed");
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

impl TestApp {
    /// Another browser (its own cookies) on the same running server.
    pub fn second_browser(other: &TestApp) -> TestApp {
        TestApp {
            base: other.base.clone(),
            state: other.state.clone(),
            idporten_client: other.idporten_client.clone(),
            client: browser(),
            running: None,
            _db: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .header(ACCEPT, "text/html")
            .send()
            .await
            .expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let r = self.get(path).await;
        (r.status(), r.text().await.unwrap_or_default())
    }

    /// The CSRF token the server rendered into the page for this browser's session.
    pub async fn csrf_token(&self) -> String {
        let (_, html) = self.get_text("/ansatt/logg-inn").await;
        app::ssr::testing::csrf_token_in(&html)
    }

    /// Posts a server function as the hydrated page's JavaScript does.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form as a browser without JavaScript does (from `referer`).
    pub async fn post_form(
        &self,
        endpoint: &str,
        referer: &str,
        form: &[(&str, &str)],
    ) -> Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .header("referer", self.url(referer))
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        let token = self.csrf_token().await;
        self.call(
            "staff_login",
            &[
                ("csrf_token", &token),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// Logs in at the stand-in as `person` at `level` ("substantial" or "high") from
    /// `return_to`, and returns the app's answer to the callback.
    pub async fn citizen_login(&self, person: &str, level: &str, return_to: &str) -> Response {
        let callback = crate::standin::until_callback(
            &self.client,
            &self.base,
            return_to,
            crate::standin::AtLoginPage::LogIn { person, level },
        )
        .await;
        self.client
            .get(callback)
            .header(ACCEPT, "text/html")
            .send()
            .await
            .expect("callback")
    }

    pub async fn run_mail_worker(&self) -> usize {
        app::ssr::mail::queue::run_once(
            &self.state.db,
            &self.state.mailer,
            &self.state.settings.mail_from,
            "test",
            &self.state.clock,
        )
        .await
        .expect("mail worker")
    }

    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
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

impl TestApp {
    /// Logs a staff user in and returns the page's CSRF token afterwards.
    pub async fn staff(&self, email: &str, password: &str) -> String {
        let r = self.login(email, password).await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.status()
        );
        self.csrf_token().await
    }

    /// Posts a multipart form (with files) to a server function as a browser does: without
    /// JavaScript (`plain`, expecting a redirect) or as the page's script would.
    pub async fn post_multipart(
        &self,
        endpoint: &str,
        referer: &str,
        form: reqwest::multipart::Form,
    ) -> Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .header("referer", self.url(referer))
            .multipart(form)
            .send()
            .await
            .expect("POST")
    }

    /// GETs JSON (the open-data API).
    pub async fn get_json(&self, path: &str) -> (StatusCode, serde_json::Value) {
        let r = self.client.get(self.url(path)).send().await.expect("GET");
        let status = r.status();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }
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
