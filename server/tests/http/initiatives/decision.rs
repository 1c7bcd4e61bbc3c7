//! The council's decision on a submitted initiative: staff see the deadline, record the outcome,
//! and the proposer and the signers who asked are told.

use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use crate::initiative_builders::{DECISION, GAPAHUK, Gapahuk, MINUTES};
use crate::initiative_support::*;
use app::domain::initiative::decision_due;
use app::domain::lang::Lang;
use app::i18n::format;
use app::on_both_databases;
use app::testing::Backend;

async fn staff_record_the_councils_decision_and_the_proposer_and_those_who_asked_are_told(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let g = Gapahuk::submitted(&app).await;
    let due = decision_due(oslo_today(&app));
    let (_, html) = g
        .staff
        .browser
        .get_text("/org/lillevik-kommune/ansatt/innbyggerforslag")
        .await;
    assert!(html.contains(GAPAHUK));
    assert!(html.contains(&format::date(Lang::Nb, due)), "{html}");
    app.run_mail_worker().await;
    let before = app.state.mailer.sent().len();
    g.record_decision().await;

    let anonymous = TestApp::second_browser(&app);
    let (_, html) = anonymous.get_text(&g.page).await;
    assert!(html.contains(DECISION));
    assert!(html.contains(MINUTES));
    app.run_mail_worker().await;
    let outcome_mails: Vec<String> = app.state.mailer.sent()[before..]
        .iter()
        .map(|m| m.recipient.clone())
        .collect();
    assert!(outcome_mails.contains(&"lise@eksempel.no".to_string()));
    assert!(
        outcome_mails.contains(&"tor@eksempel.no".to_string()),
        "Tor asked for it"
    );
    assert!(
        !outcome_mails.contains(&"eva@eksempel.no".to_string()),
        "Eva did not: {outcome_mails:?}"
    );
    let (_, json) = anonymous
        .get_json(&format!("/api/v1/initiatives/{}", g.id))
        .await;
    assert_eq!(json["status"], "decided");
    assert_eq!(json["outcome"], DECISION);
    app.stop().await;
}

on_both_databases!(
    staff_record_the_councils_decision_and_the_proposer_and_those_who_asked_are_told,
);
