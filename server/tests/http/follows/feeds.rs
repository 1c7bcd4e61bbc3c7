//! Every public case has an Atom feed of its events, told as the followers' mails tell them;
//! neither says anything the case page does not (a cancellation's internal note stays inside),
//! and a case the public cannot see has neither feed nor follow page.

use super::mails_to;
use crate::hearing_support::{OFFICER, STORGATA, demo_hearing};
use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use crate::initiative_builders::Someone;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

const NOTE: &str = "Rådmannen vil ikke ha saken opp før valget";

async fn a_cases_feed_and_mails_tell_only_what_its_page_shows(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    let ola = Someone::citizen(&app, "ola-nordmann", Some("ola@eksempel.no")).await;
    super::follow(&ola, "hearing", h.id, "immediate").await;
    let officer = Someone::staff(&app, OFFICER).await;
    let r = officer
        .browser
        .call(
            "change_hearing_status",
            &[
                ("csrf_token", &officer.token),
                ("slug", "eksempel-kommune"),
                ("id", &h.id.to_string()),
                ("action", "cancel"),
                ("cancel_note", NOTE),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    app.run_mail_worker().await;
    let mail = mails_to(&app, 0, "ola@eksempel.no")
        .pop()
        .expect("Ola hears");
    assert!(mail.text.contains("er avlyst"), "{}", mail.text);
    assert!(!mail.text.contains(NOTE) && !mail.html.contains(NOTE));

    let reader = TestApp::second_browser(&app);
    let r = reader
        .client
        .get(reader.url(&format!("/api/v1/hearings/{}/events.atom", h.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let feed = r.text().await.unwrap();
    assert!(feed.contains("<feed"), "{feed}");
    assert!(
        feed.contains(&format!("Høringen «{STORGATA}» er avlyst.")),
        "{feed}"
    );
    assert!(feed.contains(&format!("/org/eksempel-kommune/horinger/{}", h.id)));
    assert!(!feed.contains(NOTE));

    // The list links its feed of events, which has the cancellation too.
    let (_, list) = reader.get_text("/org/eksempel-kommune/horinger").await;
    assert!(
        list.contains("/api/v1/events.atom?kind=hearing&amp;organisation=eksempel-kommune"),
        "{list}"
    );
    let (status, feed) = reader
        .get_text("/api/v1/events.atom?kind=hearing&organisation=eksempel-kommune")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        feed.contains(&format!("Høringen «{STORGATA}» er avlyst.")),
        "{feed}"
    );
    let (status, _) = reader.get_text("/api/v1/events.atom?kind=sak").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let draft = demo_hearing(&app, "Ny parkeringsnorm for sentrum").await;
    for path in [
        format!("/api/v1/hearings/{}/events.atom", draft.id),
        format!("/org/eksempel-kommune/horinger/{}/folg", draft.id),
    ] {
        let (status, body) = reader.get_text(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!body.contains("Ny parkeringsnorm"), "{path}");
    }
    app.stop().await;
}

on_both_databases!(a_cases_feed_and_mails_tell_only_what_its_page_shows);
