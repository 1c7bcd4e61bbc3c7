//! Who may sign: a resident signs once and gets a receipt; a non-resident, a person without a
//! national id, a request without a CSRF token, or anyone when no register is configured, is
//! refused with nothing stored.

use crate::helpers::{
    IdPortenOptions, TestApp, assert_refused, local, spawn_app_tweaked, spawn_app_with_idporten,
};
use crate::initiative_support::*;
use app::on_both_databases;
use app::ssr::residency::ResidencyRegister;
use app::testing::Backend;
use reqwest::StatusCode;
use std::sync::Arc;

async fn a_non_resident_and_a_person_without_pid_are_refused_and_nothing_is_stored(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let i = initiative_by_title(&app, PARKING).await;
    let id = i.id.to_string();
    let page = format!("/org/eksempel-kommune/innbyggerforslag/{}", i.id);
    let before = signatures_of(&app, i.id).await.len();

    // Mari Solberg lives in Oslo.
    let mari = TestApp::second_browser(&app);
    let token = mari.citizen("mari-solberg", Some("mari@eksempel.no")).await;
    let r = mari.call("sign_initiative", &sign_form(&token, &id)).await;
    assert_refused(r, StatusCode::CONFLICT, "initiative.sign.not_resident").await;
    // Without JavaScript she sees why, next to the button.
    let r = mari
        .post_form("sign_initiative", &page, &sign_form(&token, &id))
        .await;
    assert!(r.status().is_redirection());
    let (_, html) = mari.get_text(&local(&app, &r)).await;
    assert!(
        html.contains("ifølge folkeregisteret bor du ikke i denne kommunen"),
        "{html}"
    );
    assert!(
        !html.contains(">Skriv under</button>"),
        "no button inviting her to try again"
    );

    // Marie Dubois logged in with a European eID: no national id.
    let marie = TestApp::second_browser(&app);
    let token = marie.citizen("marie-dubois-eidas", None).await;
    let (_, html) = marie.get_text(&page).await;
    assert!(html.contains("Du logget inn uten norsk fødselsnummer eller d-nummer"));
    assert!(
        !html.contains(">Skriv under</button>"),
        "no signing button for her"
    );
    let r = marie.call("sign_initiative", &sign_form(&token, &id)).await;
    assert_refused(r, StatusCode::CONFLICT, "initiative.sign.no_pid").await;

    // Without a CSRF token nobody signs.
    let kari = TestApp::second_browser(&app);
    kari.citizen("kari-nordmann", Some("kari@eksempel.no"))
        .await;
    let no_token = "0".repeat(64);
    let r = kari
        .call("sign_initiative", &sign_form(&no_token, &id))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    assert_eq!(
        signatures_of(&app, i.id).await.len(),
        before,
        "nothing is stored for any of them"
    );
    app.run_mail_worker().await;
    assert!(
        app.state.mailer.sent().is_empty(),
        "and nobody got a receipt"
    );
    app.stop().await;
}

async fn a_resident_signs_without_javascript_gets_a_receipt_and_cannot_sign_twice(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let i = initiative_by_title(&app, PARKING).await;
    let id = i.id.to_string();
    let page = format!("/org/eksempel-kommune/innbyggerforslag/{}", i.id);
    let before = signatures_of(&app, i.id).await.len();
    let token = app.citizen("kari-nordmann", Some("kari@eksempel.no")).await;
    let r = app
        .post_form("sign_initiative", &page, &sign_form(&token, &id))
        .await;
    assert!(r.status().is_redirection());
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(html.contains("Du har skrevet under på dette forslaget."));
    assert!(
        html.contains(&format!("{} av 300 underskrifter", before + 1)),
        "{html}"
    );
    let r = app.call("sign_initiative", &sign_form(&token, &id)).await;
    assert_refused(r, StatusCode::CONFLICT, "initiative.sign.already_signed").await;
    // A second try from a page opened before the first (another tab) says so, too.
    let r = app
        .post_form("sign_initiative", &page, &sign_form(&token, &id))
        .await;
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(
        html.contains("Du har allerede skrevet under på dette forslaget."),
        "{html}"
    );
    assert_eq!(signatures_of(&app, i.id).await.len(), before + 1);
    app.run_mail_worker().await;
    let mails = app.state.mailer.sent();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].recipient, "kari@eksempel.no");
    assert!(mails[0].text.contains(PARKING), "{}", mails[0].text);
    assert!(
        !mails[0].subject.contains(PARKING),
        "what someone signed is not in a subject line"
    );
    app.stop().await;
}

async fn signing_is_disabled_with_a_clear_message_when_no_register_is_configured(backend: Backend) {
    let app = spawn_app_tweaked(backend, Some(IdPortenOptions::default()), |s| {
        s.residency = Arc::new(ResidencyRegister::None);
    })
    .await;
    let i = initiative_by_title(&app, PARKING).await;
    let before = signatures_of(&app, i.id).await.len();
    let token = app.citizen("kari-nordmann", None).await;
    let r = app
        .call("sign_initiative", &sign_form(&token, &i.id.to_string()))
        .await;
    assert_refused(r, StatusCode::CONFLICT, "initiative.sign.disabled").await;
    assert_eq!(signatures_of(&app, i.id).await.len(), before);
    app.stop().await;
}

on_both_databases!(
    a_non_resident_and_a_person_without_pid_are_refused_and_nothing_is_stored,
    a_resident_signs_without_javascript_gets_a_receipt_and_cannot_sign_twice,
    signing_is_disabled_with_a_clear_message_when_no_register_is_configured,
);
