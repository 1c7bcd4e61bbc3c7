//! The deadline of a hearing: to the second for everyone, and later for those given an
//! individual extension.

use crate::hearing_support::*;
use crate::helpers::{TestApp, assert_refused, local, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use chrono::Duration;
use reqwest::StatusCode;

async fn a_submission_one_second_before_the_deadline_is_accepted_and_one_second_after_is_refused(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let before = submissions_of(&app, h.id).await.len();
    let page = submit_page(&h);
    set_clock(&app, h.deadline - Duration::seconds(1));
    let r = submit(&app, &h, |token| {
        anonymous(token, &h, "nina@eksempel.no", "Like før fristen.")
    })
    .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let receipt = local(&app, &r);
    assert!(receipt.contains("/kvittering/INN-"), "{receipt}");
    let (_, html) = app.get_text(&receipt).await;
    assert!(html.contains("Bekreft innspillet i e-posten"));

    app.state.clock.advance(Duration::seconds(2));
    let token = submit_page_token(&app, &h).await;
    let late = || anonymous(&token, &h, "nina@eksempel.no", "Like etter fristen.");
    let r = app.post_multipart("submit_comment", &page, late()).await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let back = local(&app, &r);
    assert!(back.starts_with(&page), "{back}");
    let (_, html) = app.get_text(&back).await;
    assert!(
        html.contains("Høringsfristen gikk ut"),
        "the notice replaces the form"
    );
    // As the page's script would send it: refused with the reason.
    let r = app
        .client
        .post(app.url("/api/submit_comment"))
        .header("accept", "application/json")
        .multipart(late())
        .send()
        .await
        .unwrap();
    assert_refused(r, StatusCode::CONFLICT, "hearing.submit.deadline_passed").await;
    assert_eq!(
        submissions_of(&app, h.id).await.len(),
        before + 1,
        "only the one in time is stored"
    );
    app.stop().await;
}

async fn a_late_submitter_with_an_individual_extension_gets_through(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let officer = TestApp::second_browser(&app);
    let token = officer.staff(OFFICER.0, OFFICER.1).await;
    grant_week_extension(&officer, &token, &h, "post@bondelaget.no").await;
    set_clock(&app, h.deadline + Duration::days(2));
    let page = submit_page(&h);
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains("Høringsfristen gikk ut"));
    assert!(html.contains("Jeg har fått utsatt frist"));
    let r = submit(&app, &h, |token| {
        anonymous(token, &h, "andre@eksempel.no", "For sent.")
    })
    .await;
    assert!(
        local(&app, &r).starts_with(&page),
        "refused without an extension"
    );
    let r = submit(&app, &h, |token| {
        anonymous(token, &h, "post@bondelaget.no", "Bondelagets svar.")
    })
    .await;
    assert!(local(&app, &r).contains("/kvittering/"));
    let s = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.general_comment == "Bondelagets svar.")
        .unwrap();
    assert!(s.late_by_extension);
    app.stop().await;
}

on_both_databases!(
    a_submission_one_second_before_the_deadline_is_accepted_and_one_second_after_is_refused,
    a_late_submitter_with_an_individual_extension_gets_through,
);
