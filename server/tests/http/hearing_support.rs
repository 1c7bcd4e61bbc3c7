//! Shared steps of the hearing tests: the demo staff, the demo hearings, the submission form as
//! a browser sends it, screening a submission, the workbench, and mail.

use crate::helpers::TestApp;
use app::ssr::db::entities::{hearing, submission};
use app::ssr::mail::OutgoingMail;
use reqwest::multipart::{Form, Part};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const OFFICER: (&str, &str) = (
    "saksbehandler@eksempel.kommune.no",
    "demo-passord-saksbehandler",
);
pub const COUNTY_ADMIN: (&str, &str) = ("admin@eksempel.fylkeskommune.no", "demo-passord-fylke");
pub const ELECTED: (&str, &str) = ("folkevalgt@eksempel.kommune.no", "demo-passord-folkevalgt");
pub const STORGATA: &str = "Reguleringsplan for Storgata 10–14";

pub async fn demo_hearing(app: &TestApp, title: &str) -> hearing::Model {
    hearing::Entity::find()
        .filter(hearing::Column::Title.eq(title))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no demo hearing {title}"))
}

pub async fn submissions_of(app: &TestApp, hearing_id: i32) -> Vec<submission::Model> {
    submission::Entity::find()
        .filter(submission::Column::HearingId.eq(hearing_id))
        .all(&app.state.db)
        .await
        .unwrap()
}

/// The submission form with `fields` (name, value) and `files` (field, file name, bytes).
pub fn submission_form(
    token: &str,
    h: &hearing::Model,
    fields: &[(&str, &str)],
    files: Vec<(&str, Vec<u8>)>,
) -> Form {
    let mut form = Form::new()
        .text("csrf_token", token.to_string())
        .text("slug", "eksempel-kommune")
        .text("hearing_id", h.id.to_string());
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "attachments",
            Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str("application/pdf")
                .unwrap(),
        );
    }
    form
}

/// An anonymous private person's submission, confirmed public.
pub fn anonymous(token: &str, h: &hearing::Model, email: &str, text: &str) -> Form {
    submission_form(
        token,
        h,
        &[
            ("kind", "private"),
            ("name", "Nina Nabo"),
            ("email", email),
            ("general_comment", text),
            ("confirm_public", "on"),
        ],
        vec![],
    )
}

/// The hearing's submit page, read as a browser would before posting (for the CSRF token).
pub async fn submit_page_token(app: &TestApp, h: &hearing::Model) -> String {
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}/innspill", h.id))
        .await;
    app::testing::csrf_token_in(&html)
}

/// Moves the app's clock to `at`.
pub fn set_clock(app: &TestApp, at: chrono::DateTime<chrono::Utc>) {
    let now = app.state.clock.now();
    app.state.clock.advance(at - now);
}

/// The link (path) in the newest mail to `recipient` that contains `marker`.
pub fn link_in_mail(app: &TestApp, recipient: &str, marker: &str) -> String {
    let mail = app
        .state
        .mailer
        .sent()
        .into_iter()
        .rev()
        .find(|m| m.recipient == recipient)
        .unwrap_or_else(|| panic!("no mail to {recipient}"));
    let link = mail
        .text
        .split_whitespace()
        .find(|w| w.contains(marker))
        .unwrap_or_else(|| panic!("no {marker} link in {}", mail.text))
        .to_string();
    let start = link.find(marker).unwrap_or(0);
    link[start..].to_string()
}

/// The hearing's public submit page.
pub fn submit_page(h: &hearing::Model) -> String {
    format!("/org/eksempel-kommune/horinger/{}/innspill", h.id)
}

/// Reads the submit page (for its CSRF token) and posts the form `make(token)` from it as a
/// browser without JavaScript does.
pub async fn submit(
    app: &TestApp,
    h: &hearing::Model,
    make: impl FnOnce(&str) -> Form,
) -> reqwest::Response {
    let token = submit_page_token(app, h).await;
    app.post_multipart("submit_comment", &submit_page(h), make(&token))
        .await
}

/// The staff's workbench of the hearing's submissions, with `query` (`""` or `?tag=…`).
pub async fn workbench(officer: &TestApp, h: &hearing::Model, query: &str) -> String {
    let path = format!(
        "/org/eksempel-kommune/ansatt/horinger/{}/innspill{query}",
        h.id
    );
    officer.get_text(&path).await.1
}

/// Screens submission `submission_id` of the hearing as staff with `token`: `extra` holds the
/// action and what it needs.
pub async fn screen_submission(
    officer: &TestApp,
    token: &str,
    h: &hearing::Model,
    submission_id: i32,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let (hid, sid) = (h.id.to_string(), submission_id.to_string());
    let mut form = vec![
        ("csrf_token", token),
        ("slug", "eksempel-kommune"),
        ("id", hid.as_str()),
        ("submission_id", sid.as_str()),
    ];
    form.extend_from_slice(extra);
    officer.call("screen_submission", &form).await
}

/// Grants `email` (for "Eksempel bondelag") a deadline a week after the hearing's, as the case
/// officer logged in in `officer` with `token`.
pub async fn grant_week_extension(officer: &TestApp, token: &str, h: &hearing::Model, email: &str) {
    let later = (h.deadline + chrono::Duration::days(7))
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%Y-%m-%d")
        .to_string();
    let r = officer
        .call(
            "grant_hearing_extension",
            &[
                ("csrf_token", token),
                ("slug", "eksempel-kommune"),
                ("id", &h.id.to_string()),
                ("grant_name", "Eksempel bondelag"),
                ("grant_email", email),
                ("grant_date", &later),
                ("grant_time", ""),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
}

/// Opens the mailed confirmation `link` (a page with a button, which changes nothing), then
/// presses the button as a browser without JavaScript does; the page it ends on.
pub async fn confirm_by_link(app: &TestApp, link: &str) -> (reqwest::StatusCode, String) {
    let (status, html) = app.get_text(link).await;
    assert_eq!(status, reqwest::StatusCode::OK, "{html}");
    assert!(
        html.contains("Bekreft innspillet ditt"),
        "a button, not yet confirmed"
    );
    let token = link.rsplit('/').next().unwrap().to_string();
    let csrf = app::testing::csrf_token_in(&html);
    let r = app
        .post_form(
            "confirm_submission",
            link,
            &[("csrf_token", &csrf), ("token", &token)],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    app.get_text(&crate::helpers::local(app, &r)).await
}

/// The first mail sent to `recipient` (after running the mail worker).
pub async fn mail_to(app: &TestApp, recipient: &str) -> OutgoingMail {
    app.run_mail_worker().await;
    app.state
        .mailer
        .sent()
        .into_iter()
        .find(|m| m.recipient == recipient)
        .unwrap_or_else(|| panic!("no mail to {recipient}"))
}

/// Why the cycle path hearing's deadline is under six weeks.
pub const SHORT_REASON: &str = "Fylket krever svar før nyttår.";

/// The case officer's hearing "Plan for nye sykkelveier" (opening today, its deadline in twenty
/// days), written through the app. The officer is logged in in the app's own browser.
pub struct CyclePaths {
    pub id: i32,
    /// The officer's CSRF token.
    pub token: String,
}

/// Saves the cycle path hearing as a new draft (as the page's script does), with `reason` for
/// its short deadline.
pub async fn save_cycle_paths(app: &TestApp, token: &str, reason: &str) -> reqwest::Response {
    let now = app.state.clock.now();
    let oslo_date = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&chrono_tz::Europe::Oslo)
            .format("%Y-%m-%d")
            .to_string()
    };
    let (today, soon) = (oslo_date(now), oslo_date(now + chrono::Duration::days(20)));
    let form = [
        ("csrf_token", token),
        ("slug", "eksempel-kommune"),
        ("title", "Plan for nye sykkelveier"),
        ("summary", "Kommunen vil bygge sammenhengende sykkelveier."),
        ("body_md", "## Forslaget\n\nTo nye traseer."),
        ("body_id", ""),
        ("case_number", "2027/17"),
        ("contact_name", "Sigurd Saksbehandler"),
        ("contact_email", "sigurd@eksempel.kommune.no"),
        ("opens_date", today.as_str()),
        ("opens_time", ""),
        ("deadline_date", soon.as_str()),
        ("deadline_time", ""),
        ("short_reason", reason),
    ];
    app.call("save_hearing", &form).await
}

impl CyclePaths {
    /// The officer's saved draft.
    pub async fn draft(app: &TestApp) -> CyclePaths {
        let token = app.staff(OFFICER.0, OFFICER.1).await;
        let r = save_cycle_paths(app, &token, SHORT_REASON).await;
        assert!(r.status().is_success(), "{}", r.status());
        let id = r.json().await.unwrap();
        CyclePaths { id, token }
    }

    /// The draft with a section ("Trase langs elva") and a consultee (Syklistforeningen).
    pub async fn with_section_and_consultee(app: &TestApp) -> CyclePaths {
        let h = CyclePaths::draft(app).await;
        let r = h.add_section(app).await;
        assert!(r.status().is_success(), "{}", r.status());
        let r = h.add_consultee(app, "974 760 673").await;
        assert!(r.status().is_success(), "{}", r.status());
        h
    }

    /// Posts `endpoint` for this hearing as the officer, as the page's script does.
    pub async fn call(
        &self,
        app: &TestApp,
        endpoint: &str,
        extra: &[(&str, &str)],
    ) -> reqwest::Response {
        let id = self.id.to_string();
        let mut form = vec![
            ("csrf_token", self.token.as_str()),
            ("slug", "eksempel-kommune"),
            ("id", id.as_str()),
        ];
        form.extend_from_slice(extra);
        app.call(endpoint, &form).await
    }

    pub async fn add_section(&self, app: &TestApp) -> reqwest::Response {
        let section = [
            ("section_title", "Trase langs elva"),
            ("section_body", "Fra brua til skolen."),
        ];
        self.call(app, "add_hearing_section", &section).await
    }

    /// Adds Syklistforeningen (post@syklistene.no) with `org_number` as a consultee.
    pub async fn add_consultee(&self, app: &TestApp, org_number: &str) -> reqwest::Response {
        let consultee = [
            ("consultee_name", "Syklistforeningen"),
            ("consultee_email", "post@syklistene.no"),
            ("consultee_org_number", org_number),
        ];
        self.call(app, "add_hearing_consultee", &consultee).await
    }
}
