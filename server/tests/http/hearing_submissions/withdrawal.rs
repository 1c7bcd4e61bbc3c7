//! The sender of a comment without login sees, behind the link in their mail, what became of
//! it, and may withdraw it until it is screened.

use crate::hearing_support::*;
use crate::helpers::{TestApp, assert_refused, spawn_app};
use app::on_both_databases;
use app::testing::{Backend, csrf_token_in};
use reqwest::StatusCode;

/// Nina sends `text` without login and confirms it by the mailed link; the link.
async fn confirmed(app: &TestApp, email: &str, text: &str) -> String {
    let h = demo_hearing(app, STORGATA).await;
    let r = submit(app, &h, |token| anonymous(token, &h, email, text)).await;
    assert_eq!(r.status(), StatusCode::FOUND);
    mail_to(app, email).await;
    let link = link_in_mail(app, email, "/innspill/bekreft/");
    confirm_by_link(app, &link).await;
    link
}

async fn a_sender_withdraws_their_comment_by_its_link_until_it_is_screened(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let link = confirmed(&app, "nina@eksempel.no", "Et innspill jeg angrer på.").await;
    let elsewhere = TestApp::second_browser(&app);
    let (status, html) = elsewhere.get_text(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Hva som har skjedd med innspillet"), "{html}");
    assert!(html.contains("Trekk innspillet tilbake"));
    let token = link.rsplit('/').next().unwrap();
    let r = elsewhere
        .post_form(
            "withdraw_submission",
            &link,
            &[("csrf_token", &csrf_token_in(&html)), ("token", token)],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(crate::helpers::location(r.headers()), "/innspill/trukket");
    assert!(
        submissions_of(&app, h.id)
            .await
            .iter()
            .all(|s| s.general_comment != "Et innspill jeg angrer på."),
        "deleted"
    );
    let (status, _) = elsewhere.get_text(&link).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the link leads nowhere now");

    // Once screened, the link says what became of it, and it stays.
    let link = confirmed(&app, "nora@eksempel.no", "Et innspill som blir publisert.").await;
    let stored = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.general_comment == "Et innspill som blir publisert.")
        .unwrap();
    let officer = TestApp::second_browser(&app);
    let staff_token = officer.staff(OFFICER.0, OFFICER.1).await;
    let r = screen_submission(
        &officer,
        &staff_token,
        &h,
        stored.id,
        &[("action", "publish")],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = elsewhere.get_text(&link).await;
    assert!(html.contains("<strong>Publisert"), "{html}");
    assert!(!html.contains("Trekk innspillet tilbake"));
    let token = link.rsplit('/').next().unwrap();
    let r = elsewhere
        .call(
            "withdraw_submission",
            &[("csrf_token", &csrf_token_in(&html)), ("token", token)],
        )
        .await;
    assert_refused(r, StatusCode::CONFLICT, "receipt.withdraw.too_late").await;
    app.stop().await;
}

on_both_databases!(a_sender_withdraws_their_comment_by_its_link_until_it_is_screened);
