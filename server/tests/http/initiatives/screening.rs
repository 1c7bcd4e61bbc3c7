//! Screening a proposal: only the organisation's own staff publish it, and staff reject only
//! with a reason that reaches the proposer, within the time shown.

use crate::hearing_support::OFFICER;
use crate::helpers::{
    IdPortenOptions, TestApp, assert_refused, spawn_app, spawn_app_with_idporten,
};
use crate::initiative_builders::{Gapahuk, Someone};
use crate::initiative_support::*;
use app::on_both_databases;
use app::ssr::db::entities::audit_log;
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn only_the_organisations_own_staff_publish_a_proposal_and_it_then_collects_in_public(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let g = Gapahuk::awaiting_screening(&app).await;
    let other = Someone::staff(&app, OFFICER).await;
    let r = g
        .call(
            &other.browser,
            &other.token,
            "screen_initiative",
            &[("action", "publish")],
        )
        .await;
    assert!(
        matches!(r.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        r.status()
    );
    g.publish().await;
    let anonymous = TestApp::second_browser(&app);
    let (status, html) = anonymous.get_text(&g.page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Samler underskrifter"));
    assert!(html.contains("0 av 2 underskrifter"), "{html}");
    app.stop().await;
}

async fn staff_screen_within_the_time_shown_and_reject_only_with_a_reason_sent_to_the_proposer(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let benches = initiative_by_title(&app, BENCHES).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let (_, html) = app
        .get_text("/org/eksempel-kommune/ansatt/innbyggerforslag")
        .await;
    assert!(html.contains(BENCHES));
    assert!(html.contains("Kontrolleres innen"), "{html}");
    let id = benches.id.to_string();
    let base = [
        ("csrf_token", token.as_str()),
        ("slug", "eksempel-kommune"),
        ("id", id.as_str()),
        ("action", "reject"),
    ];
    let r = app.call("screen_initiative", &base).await;
    let required = "initiative.screen.reason_required";
    assert_refused(r, StatusCode::UNPROCESSABLE_ENTITY, required).await;
    let mut with_reason = base.to_vec();
    with_reason.push((
        "reason",
        "Forslaget inneholder personangrep på navngitte ansatte.",
    ));
    let r = app.call("screen_initiative", &with_reason).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(initiative_by_id(&app, benches.id).await.status, "rejected");
    app.run_mail_worker().await;
    let mail = app
        .state
        .mailer
        .sent()
        .into_iter()
        .find(|m| m.recipient == "forslagsstiller@eksempel.no")
        .expect("the proposer is told");
    assert!(mail.text.contains("personangrep på navngitte ansatte"));
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("initiative_screen"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 1);
    // Its page says why (its proposer and staff see it; it is not public).
    let (_, html) = app
        .get_text(&format!(
            "/org/eksempel-kommune/innbyggerforslag/{}",
            benches.id
        ))
        .await;
    assert!(html.contains("Forslaget ble avvist fordi: Forslaget inneholder personangrep"));
    app.stop().await;
}

on_both_databases!(
    only_the_organisations_own_staff_publish_a_proposal_and_it_then_collects_in_public,
    staff_screen_within_the_time_shown_and_reject_only_with_a_reason_sent_to_the_proposer,
);
