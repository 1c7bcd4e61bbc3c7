//! What a test does with the running app, as a browser or as the page's script: pages, server
//! functions as forms or JSON calls, staff and citizen logins, the mail worker, and stopping.

use super::{TestApp, browser};
use reqwest::header::ACCEPT;
use reqwest::{Response, StatusCode};

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
        app::testing::csrf_token_in(&html)
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

    /// What the worker does with mail: fans recorded events out to their followers, then sends
    /// what is queued (at most one round of the queue).
    pub async fn run_mail_worker(&self) -> usize {
        app::ssr::services::notifications::fanout::run_once(
            &self.state,
            std::time::Duration::from_secs(60),
        )
        .await
        .expect("fan-out");
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
