//! Submitting an initiative at its threshold: the council's deadline is shown and published,
//! staff are told, and signatures can no longer be withdrawn.

use crate::helpers::{IdPortenOptions, TestApp, assert_refused, spawn_app_with_idporten};
use crate::initiative_builders::Gapahuk;
use crate::initiative_support::*;
use app::domain::initiative::decision_due;
use app::domain::lang::Lang;
use app::i18n::format;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn an_initiative_at_its_threshold_is_submitted_with_the_councils_deadline_and_staff_are_told(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let g = Gapahuk::at_threshold(&app).await;
    let (_, html) = app.get_text(&g.page).await;
    assert!(html.contains("Forslaget har nok underskrifter."), "{html}");
    g.submit(&app).await;
    let due = decision_due(oslo_today(&app));
    let anonymous = TestApp::second_browser(&app);
    let (_, html) = anonymous.get_text(&g.page).await;
    assert!(
        html.contains(&format!(
            "Kommunestyret må ta stilling innen {}.",
            format::date(Lang::Nb, due)
        )),
        "{html}"
    );
    let (_, json) = anonymous
        .get_json(&format!("/api/v1/initiatives/{}", g.id))
        .await;
    assert_eq!(json["status"], "submitted");
    assert_eq!(json["decision_due"], due.to_string());
    assert_eq!(json["signature_count"], 2);
    assert_eq!(json["threshold"], 2);
    app.run_mail_worker().await;
    let sent = app.state.mailer.sent();
    assert!(
        sent.iter()
            .any(|m| m.recipient == LILLEVIK_ADMIN.0 && m.subject.contains("fremmet")),
        "staff are told it was submitted: {:?}",
        sent.iter()
            .map(|m| (&m.recipient, &m.subject))
            .collect::<Vec<_>>()
    );
    app.stop().await;
}

async fn a_signature_cannot_be_withdrawn_once_the_initiative_is_submitted(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let g = Gapahuk::submitted(&app).await;
    let eva = &g.signers[1];
    assert_refused(
        g.withdraw(eva).await,
        StatusCode::CONFLICT,
        "initiative.withdraw.not_possible",
    )
    .await;
    assert_eq!(signatures_of(&app, g.id).await.len(), 2);
    app.stop().await;
}

on_both_databases!(
    an_initiative_at_its_threshold_is_submitted_with_the_councils_deadline_and_staff_are_told,
    a_signature_cannot_be_withdrawn_once_the_initiative_is_submitted,
);
