//! The main path of an initiative in one journey, as the public sees it: a private draft,
//! screening, collecting, submitted at its threshold, and the council's decision. Each stage
//! has its own tests in the files next to this one.

use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use crate::initiative_builders::{DECISION, Gapahuk};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

/// Lillevik kommune has 100 inhabitants: two signatures are enough.
async fn an_initiative_goes_from_proposal_to_the_councils_decision(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let anonymous = TestApp::second_browser(&app);
    let public = |g: &Gapahuk| format!("/api/v1/initiatives/{}", g.id);

    let mut g = Gapahuk::draft(&app).await;
    assert_eq!(anonymous.get_text(&g.page).await.0, StatusCode::NOT_FOUND);
    g.send_to_screening(&app).await;
    assert_eq!(
        anonymous.get_json(&public(&g)).await.0,
        StatusCode::NOT_FOUND,
        "not public while it is screened"
    );
    g.publish().await;
    let (_, json) = anonymous.get_json(&public(&g)).await;
    assert_eq!(json["status"], "collecting");

    g.signed_by(&app, "tor-tvedt", "tor@eksempel.no", true)
        .await;
    g.signed_by(&app, "eva-eng", "eva@eksempel.no", false).await;
    g.submit(&app).await;
    let (_, json) = anonymous.get_json(&public(&g)).await;
    assert_eq!(json["status"], "submitted");
    assert_eq!(json["signature_count"], 2);

    g.record_decision().await;
    let (_, json) = anonymous.get_json(&public(&g)).await;
    assert_eq!(json["status"], "decided");
    let (_, html) = anonymous.get_text(&g.page).await;
    assert!(html.contains(DECISION), "{html}");
    app.stop().await;
}

on_both_databases!(an_initiative_goes_from_proposal_to_the_councils_decision);
