//! Spawns the real router on port 0 against a fresh database, with in-memory mail and a fixed
//! clock, and talks to it like a browser would.

use app::ssr::AppState;
use app::ssr::testing::{Backend, TestDb, test_state};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, LOCATION};
use reqwest::{Client, Response, StatusCode, redirect};
use server::startup::{Running, start};

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    /// A browser with cookies that does not follow redirects (so tests can see them).
    pub client: Client,
    running: Option<Running>,
    _db: Option<TestDb>,
}

pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .build()
        .expect("client")
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    let (state, db) = test_state(backend).await;
    app::ssr::seed::seed_demo(&state).await.expect("seed");
    let running = start(state.clone(), "127.0.0.1:0".parse().unwrap(), false)
        .await
        .expect("start");
    TestApp {
        base: format!("http://{}", running.addr),
        state,
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
