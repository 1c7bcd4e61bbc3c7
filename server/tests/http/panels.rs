//! Citizen panels, by journey: residents join with ID-porten (residency checked, consent
//! given) and leave keeping or deleting their answers; staff set a panel up and see its
//! members against the population, and send it surveys in waves.

mod joining;
mod recruitment;
mod staff;
mod waves;

use crate::helpers::TestApp;
use app::ssr::db::entities::{panel, panel_member, panel_profile};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const SLUG: &str = "eksempel-kommune";

/// The demo panel's id.
pub async fn demo_panel(app: &TestApp) -> i32 {
    panel::Entity::find()
        .filter(panel::Column::Name.eq(app::demo::panels::DEMO_PANEL))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The demo panel's background questions, as its staff form holds them.
pub const DEMO_BACKGROUND: &str = "Hvor lenge har du bodd i kommunen?\nUnder 5 år\n5–20 år\nMer enn 20 år\n\nBor det barn under 18 år hjemme hos deg?\nJa\nNei";

pub fn page(id: i32) -> String {
    format!("/org/{SLUG}/innbyggerpanel/{id}")
}

/// The panel's member rows (every status).
pub async fn members(app: &TestApp, id: i32) -> Vec<panel_member::Model> {
    panel_member::Entity::find()
        .filter(panel_member::Column::PanelId.eq(id))
        .all(&app.state.db)
        .await
        .unwrap()
}

pub async fn profile(app: &TestApp, pseudonym: &str) -> Option<panel_profile::Model> {
    panel_profile::Entity::find_by_id(pseudonym.to_string())
        .one(&app.state.db)
        .await
        .unwrap()
}

/// Joins as a browser without JavaScript, from the panel's page; the answer.
pub async fn join(app: &TestApp, id: i32, fields: &[(&str, &str)]) -> reqwest::Response {
    let (_, html) = app.get_text(&page(id)).await;
    let csrf = app::testing::csrf_token_in(&html);
    let idstr = id.to_string();
    let mut form = vec![
        ("csrf_token", csrf.as_str()),
        ("slug", SLUG),
        ("id", &idstr),
    ];
    form.extend_from_slice(fields);
    app.post_form("join_panel", &page(id), &form).await
}

pub const KARIS_ENROLMENT: &[(&str, &str)] = &[
    ("consent", "on"),
    ("email", "kari.panel@example.no"),
    ("gender", "woman"),
    ("district", "2"),
];
