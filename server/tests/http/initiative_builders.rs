//! Builders for the life of an initiative: Lise's proposal for a gapahuk in Lillevik kommune
//! (100 inhabitants: two signatures are enough), brought through the app to the stage a test
//! starts from. Each step asserts only that the app took it; the tests assert what people see.

use crate::helpers::{TestApp, local};
use crate::initiative_support::{LILLEVIK_ADMIN, oslo_today};
use reqwest::Response;
use reqwest::multipart::Form;

pub const LILLEVIK: &str = "/org/lillevik-kommune/innbyggerforslag";
pub const GAPAHUK: &str = "Gapahuk ved Lillevikvannet";
pub const DECISION: &str = "Kommunestyret vedtok å bygge gapahuken i 2027.";
pub const MINUTES: &str = "https://lillevik.kommune.no/moter/protokoll";

/// Someone logged in in a browser of their own, and the CSRF token of that session.
pub struct Someone {
    pub browser: TestApp,
    pub token: String,
}

impl Someone {
    /// A citizen logged in at the stand-in, with a confirmed `email`.
    pub async fn citizen(app: &TestApp, person: &str, email: Option<&str>) -> Someone {
        let browser = TestApp::second_browser(app);
        let token = browser.citizen(person, email).await;
        Someone { browser, token }
    }

    /// A staff user logged in with `(email, password)`.
    pub async fn staff(app: &TestApp, (email, password): (&str, &str)) -> Someone {
        let browser = TestApp::second_browser(app);
        let token = browser.staff(email, password).await;
        Someone { browser, token }
    }
}

/// The proposal form as Lise's browser sends it, with `title`, collecting for 90 days.
pub fn gapahuk_form(app: &TestApp, token: &str, title: &str) -> Form {
    let ends = oslo_today(app) + chrono::Duration::days(90);
    Form::new()
        .text("csrf_token", token.to_string())
        .text("slug", "lillevik-kommune")
        .text("title", title.to_string())
        .text(
            "ask",
            "Kommunestyret bes sette opp en ny gapahuk ved Lillevikvannet.",
        )
        .text(
            "justification",
            "Det er langt til nærmeste gapahuk, og skoleklassene bruker området mye.",
        )
        .text("collection_ends", ends.to_string())
}

/// Lise's gapahuk. Lise is logged in (lise@eksempel.no) in the app's own browser.
pub struct Gapahuk {
    pub id: i32,
    /// Its page, `/org/lillevik-kommune/innbyggerforslag/<id>`.
    pub page: String,
    /// Lise's CSRF token.
    pub lise: String,
    /// Lillevik's admin.
    pub staff: Someone,
    /// Who signed, in order: at the threshold Tor (who asked to hear the outcome), then Eva.
    pub signers: Vec<Someone>,
}

impl Gapahuk {
    /// Lise's saved draft.
    pub async fn draft(app: &TestApp) -> Gapahuk {
        let lise = app.citizen("lise-lillevik", Some("lise@eksempel.no")).await;
        let form = gapahuk_form(app, &lise, GAPAHUK);
        let r = app
            .post_multipart("save_initiative", &format!("{LILLEVIK}/nytt"), form)
            .await;
        assert!(r.status().is_redirection(), "{}", r.status());
        let page = local(app, &r);
        let id = page.rsplit('/').next().unwrap().parse().unwrap();
        let staff = Someone::staff(app, LILLEVIK_ADMIN).await;
        Gapahuk {
            id,
            page,
            lise,
            staff,
            signers: Vec::new(),
        }
    }

    /// Sent to screening by Lise.
    pub async fn awaiting_screening(app: &TestApp) -> Gapahuk {
        let g = Gapahuk::draft(app).await;
        g.send_to_screening(app).await;
        g
    }

    /// Published by Lillevik's admin: collecting, with no signatures yet.
    pub async fn collecting(app: &TestApp) -> Gapahuk {
        let g = Gapahuk::awaiting_screening(app).await;
        g.publish().await;
        g
    }

    /// Signed by Tor (who asks to hear the outcome) and Eva: at its threshold.
    pub async fn at_threshold(app: &TestApp) -> Gapahuk {
        let mut g = Gapahuk::collecting(app).await;
        g.signed_by(app, "tor-tvedt", "tor@eksempel.no", true).await;
        g.signed_by(app, "eva-eng", "eva@eksempel.no", false).await;
        g
    }

    /// Submitted by Lise: awaiting the council's decision.
    pub async fn submitted(app: &TestApp) -> Gapahuk {
        let g = Gapahuk::at_threshold(app).await;
        g.submit(app).await;
        g
    }

    /// Posts `endpoint` for this initiative from `who` (with `token`), as the page's script does.
    pub async fn call(
        &self,
        who: &TestApp,
        token: &str,
        endpoint: &str,
        extra: &[(&str, &str)],
    ) -> Response {
        let id = self.id.to_string();
        let mut form = vec![
            ("csrf_token", token),
            ("slug", "lillevik-kommune"),
            ("id", id.as_str()),
        ];
        form.extend_from_slice(extra);
        who.call(endpoint, &form).await
    }

    pub async fn send_to_screening(&self, app: &TestApp) {
        let r = self
            .call(app, &self.lise, "send_initiative_to_screening", &[])
            .await;
        assert!(r.status().is_success(), "{}", r.status());
    }

    /// Lillevik's admin publishes it.
    pub async fn publish(&self) {
        let (browser, token) = (&self.staff.browser, &self.staff.token);
        let r = self
            .call(
                browser,
                token,
                "screen_initiative",
                &[("action", "publish")],
            )
            .await;
        assert!(r.status().is_success(), "{}", r.status());
    }

    /// `signer` signs, asking to hear the outcome if `notify`.
    pub async fn sign(&self, signer: &Someone, notify: bool) -> Response {
        let extra: &[(&str, &str)] = if notify { &[("notify", "on")] } else { &[] };
        self.call(&signer.browser, &signer.token, "sign_initiative", extra)
            .await
    }

    pub async fn withdraw(&self, signer: &Someone) -> Response {
        self.call(&signer.browser, &signer.token, "withdraw_signature", &[])
            .await
    }

    /// `person` logs in (with `email`) and signs; kept as the next of `signers`.
    pub async fn signed_by(&mut self, app: &TestApp, person: &str, email: &str, notify: bool) {
        let signer = Someone::citizen(app, person, Some(email)).await;
        let r = self.sign(&signer, notify).await;
        assert!(r.status().is_success(), "{}", r.status());
        self.signers.push(signer);
    }

    /// Lise submits it.
    pub async fn submit(&self, app: &TestApp) {
        let r = self.call(app, &self.lise, "submit_initiative", &[]).await;
        assert!(r.status().is_success(), "{}", r.status());
    }

    /// Lillevik's admin records the council's decision (forty days on, with minutes).
    pub async fn record_decision(&self) {
        let date = (oslo_today(&self.staff.browser) + chrono::Duration::days(40)).to_string();
        let outcome = [
            ("kind", "decided"),
            ("text", DECISION),
            ("date", date.as_str()),
            ("minutes_url", MINUTES),
        ];
        let (browser, token) = (&self.staff.browser, &self.staff.token);
        let r = self
            .call(browser, token, "record_initiative_outcome", &outcome)
            .await;
        assert!(r.status().is_success(), "{}", r.status());
    }
}
