//! Confirming a submission: an anonymous one waits for the emailed link and is neither shown
//! nor counted before; a logged-in citizen's counts at once and gets a receipt with a copy.

use crate::hearing_support::*;
use crate::helpers::{IdPortenOptions, TestApp, local, spawn_app, spawn_app_with_idporten};
use app::on_both_databases;
use app::testing::{Backend, csrf_token_in};
use chrono::Duration;
use reqwest::StatusCode;

async fn an_unconfirmed_submission_never_appears_and_is_not_counted_until_confirmed(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let officer = TestApp::second_browser(&app);
    let staff_token = officer.staff(OFFICER.0, OFFICER.1).await;
    let page = format!("/org/eksempel-kommune/horinger/{}", h.id);
    let (_, before) = app.get_json(&format!("/api/v1/hearings/{}", h.id)).await;
    let r = submit(&app, &h, |token| {
        anonymous(token, &h, "nina@eksempel.no", "Vi trenger en lekeplass.")
    })
    .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let stored = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.general_comment == "Vi trenger en lekeplass.")
        .unwrap();
    let publish = [("action", "publish")];
    // Screening cannot even find it yet.
    let r = screen_submission(&officer, &staff_token, &h, stored.id, &publish).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let bench = workbench(&officer, &h, "").await;
    assert!(!bench.contains("Vi trenger en lekeplass."));
    assert!(bench.contains("2 venter på bekreftelse på e-post"));
    let (_, after) = app.get_json(&format!("/api/v1/hearings/{}", h.id)).await;
    assert_eq!(before["submission_count"], after["submission_count"]);

    // The emailed link confirms it; it counts as received when it was sent.
    let mail = mail_to(&app, "nina@eksempel.no").await;
    assert!(
        mail.subject
            .starts_with("Bekreft høringsinnspillet ditt (ref. INN-")
    );
    assert!(
        mail.text.contains("Vi trenger en lekeplass."),
        "a copy of the submission"
    );
    let link = link_in_mail(&app, "nina@eksempel.no", "/innspill/bekreft/");
    app.state.clock.advance(Duration::hours(2));
    let (status, html) = app.get_text(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Takk for innspillet"));
    assert!(html.contains(&stored.reference));
    assert!(
        !html.contains("Vi har sendt en kvittering"),
        "confirming sends no receipt, so the page promises none"
    );
    let bench = workbench(&officer, &h, "").await;
    assert!(bench.contains("Vi trenger en lekeplass."));
    let r = screen_submission(&officer, &staff_token, &h, stored.id, &publish).await;
    assert!(r.status().is_success());
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains("Vi trenger en lekeplass."));
    let confirmed = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.id == stored.id)
        .unwrap();
    assert_eq!(confirmed.received_at, stored.received_at);
    app.stop().await;
}

async fn a_logged_in_citizen_submits_at_once_and_gets_a_receipt_with_a_copy(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    let page = submit_page(&h);
    app.citizen_login("kari-nordmann", "substantial", &page)
        .await;
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains("Du sender som Kari Nordmann, innlogget med ID-porten."));
    let token = csrf_token_in(&html);
    let form = submission_form(
        &token,
        &h,
        &[
            ("kind", "private"),
            ("email", "kari@eksempel.no"),
            ("show_name", "on"),
            ("general_comment", "Flott med møteplass."),
            (
                &format!(
                    "section_{}",
                    app::ssr::db::hearings::sections(&app.state.db, h.id)
                        .await
                        .unwrap()[2]
                        .id
                ),
                "Husk benker.",
            ),
            ("confirm_public", "on"),
        ],
        vec![("notat.pdf", app::demo::hearings::DEMO_PDF.to_vec())],
    );
    let r = app.post_multipart("submit_comment", &page, form).await;
    let receipt = local(&app, &r);
    let (_, html) = app.get_text(&receipt).await;
    assert!(html.contains("Takk for innspillet"));
    let reference = receipt.rsplit('/').next().unwrap().to_string();
    assert!(html.contains(&reference));
    let mail = mail_to(&app, "kari@eksempel.no").await;
    assert_eq!(
        mail.subject,
        format!("Kvittering for høringsinnspill (ref. {reference})")
    );
    assert!(mail.text.contains("Flott med møteplass."));
    assert!(mail.text.contains("3. Møteplass ved elva"));
    assert!(mail.text.contains("Husk benker."));
    assert!(mail.text.contains("[notat.pdf]"));
    let s = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.reference == reference)
        .unwrap();
    assert!(
        s.confirmed_at.is_some(),
        "logged in: no confirmation needed"
    );
    assert_eq!(s.name, "Kari Nordmann", "the name comes from the login");
    assert!(s.person_id.is_some());
    app.stop().await;
}

on_both_databases!(
    an_unconfirmed_submission_never_appears_and_is_not_counted_until_confirmed,
    a_logged_in_citizen_submits_at_once_and_gets_a_receipt_with_a_copy,
);
