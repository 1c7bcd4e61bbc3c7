//! Proposing an initiative: the form keeps what was written, a draft is private, sending it to
//! screening says when the municipality answers, and similar initiatives are shown.

use crate::helpers::{IdPortenOptions, TestApp, local, spawn_app_with_idporten};
use crate::initiative_builders::{GAPAHUK, Gapahuk, LILLEVIK, gapahuk_form};
use crate::initiative_support::*;
use app::domain::lang::Lang;
use app::i18n::format;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn a_proposal_with_a_mistake_keeps_what_was_written_and_a_saved_draft_is_private(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let new = format!("{LILLEVIK}/nytt");
    let token = app.citizen("lise-lillevik", Some("lise@eksempel.no")).await;
    let (_, html) = app.get_text(&new).await;
    assert!(html.contains("Foreslå en sak"));
    let r = app
        .post_multipart("save_initiative", &new, gapahuk_form(&app, &token, "Ny"))
        .await;
    assert!(r.status().is_redirection());
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(
        html.contains("Skriv en tittel på 5 til 150 tegn."),
        "{html}"
    );
    assert!(html.contains("ny gapahuk ved Lillevikvannet"), "kept");

    let r = app
        .post_multipart("save_initiative", &new, gapahuk_form(&app, &token, GAPAHUK))
        .await;
    assert!(r.status().is_redirection());
    let draft = local(&app, &r);
    assert!(draft.starts_with(&format!("{LILLEVIK}/")), "{draft}");
    let (_, html) = app.get_text(&draft).await;
    assert!(html.contains("Dette er et utkast. Bare du ser det."));
    let anonymous = TestApp::second_browser(&app);
    assert_eq!(
        anonymous.get_text(&draft).await.0,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );
    app.stop().await;
}

async fn a_proposal_sent_to_screening_says_when_the_municipality_answers_and_tells_its_staff(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let g = Gapahuk::draft(&app).await;
    g.send_to_screening(&app).await;
    let (_, html) = app.get_text(&g.page).await;
    let screening_due = oslo_today(&app) + chrono::Duration::days(14);
    assert!(
        html.contains(&format!(
            "Kommunen kontrollerer forslaget og svarer innen {}.",
            format::date(Lang::Nb, screening_due)
        )),
        "{html}"
    );
    app.run_mail_worker().await;
    assert!(
        app.state
            .mailer
            .sent()
            .iter()
            .any(|m| m.recipient == LILLEVIK_ADMIN.0),
        "the organisation's staff are told there is one to screen"
    );
    app.stop().await;
}

async fn a_proposer_sees_similar_initiatives_of_this_election_period(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let token = app.citizen("per-johansen", Some("per@eksempel.no")).await;
    let r = propose_free_saturday_parking(&app, &token).await;
    assert!(r.status().is_redirection());
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(html.contains("Disse forslagene i samme valgperiode ligner på ditt."));
    assert!(html.contains(PARKING), "{html}");
    assert!(
        !html.contains("Lengre åpningstid på biblioteket"),
        "an unrelated one is not shown"
    );
    app.stop().await;
}

on_both_databases!(
    a_proposal_with_a_mistake_keeps_what_was_written_and_a_saved_draft_is_private,
    a_proposal_sent_to_screening_says_when_the_municipality_answers_and_tells_its_staff,
    a_proposer_sees_similar_initiatives_of_this_election_period,
);
