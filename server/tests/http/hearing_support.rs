//! Shared steps of the hearing tests: the demo staff, the demo hearings, and the submission
//! form as a browser sends it.

use crate::helpers::TestApp;
use app::ssr::db::entities::{hearing, submission};
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
