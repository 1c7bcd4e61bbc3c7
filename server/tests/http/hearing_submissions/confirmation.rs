//! Confirming a submission: an anonymous one waits for the emailed link and is neither shown
//! nor counted before; a logged-in citizen's counts at once and gets a receipt at their
//! confirmed address, while an address they type is used only once confirmed. No mail carries
//! what the submitter wrote, and confirmation mails are limited per address and per client.

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
    for body in [&mail.subject, &mail.text, &mail.html] {
        assert!(
            !body.contains("Vi trenger en lekeplass."),
            "no text they wrote"
        );
        assert!(!body.contains("Nina Nabo"), "not even their name");
    }
    assert!(mail.text.contains(STORGATA), "the hearing's title");
    let link = link_in_mail(&app, "nina@eksempel.no", "/innspill/bekreft/");
    app.state.clock.advance(Duration::hours(2));
    // Opening the link (as a mail scanner would) confirms nothing.
    app.get_text(&link).await;
    let unconfirmed = |all: Vec<app::ssr::db::entities::submission::Model>| {
        all.into_iter()
            .find(|s| s.id == stored.id)
            .is_some_and(|s| s.confirmed_at.is_none())
    };
    assert!(unconfirmed(submissions_of(&app, h.id).await));
    let (status, html) = confirm_by_link(&app, &link).await;
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

async fn a_logged_in_citizen_submits_at_once_and_gets_a_receipt_without_their_text(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    let page = submit_page(&h);
    app.citizen_login("kari-nordmann", "substantial", &page)
        .await;
    let kari = app.person_id("kari-nordmann").await;
    app::ssr::db::citizens::set_email(&app.state.db, kari, Some("kari@eksempel.no"))
        .await
        .unwrap();
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
    for text in ["Flott med møteplass.", "Husk benker.", "notat.pdf"] {
        assert!(!mail.text.contains(text), "{text}");
        assert!(!mail.html.contains(text), "{text}");
    }
    assert!(
        mail.text
            .contains(&format!("/org/eksempel-kommune/horinger/{}", h.id)),
        "a link to the hearing"
    );
    let s = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.reference == reference)
        .unwrap();
    assert!(
        s.confirmed_at.is_some(),
        "logged in, to the confirmed address: no confirmation needed"
    );
    assert_eq!(s.name, "Kari Nordmann", "the name comes from the login");
    assert!(s.person_id.is_some());
    app.stop().await;
}

async fn an_address_a_logged_in_citizen_types_is_used_only_once_confirmed(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    // The farmers' union has a later deadline; Kari does not.
    let officer = TestApp::second_browser(&app);
    let staff_token = officer.staff(OFFICER.0, OFFICER.1).await;
    grant_week_extension(&officer, &staff_token, &h, "post@bondelaget.no").await;
    set_clock(&app, h.deadline + Duration::days(2));
    let page = submit_page(&h);
    app.citizen_login("kari-nordmann", "substantial", &page)
        .await;
    let r = submit(&app, &h, |token| {
        anonymous(token, &h, "post@bondelaget.no", "Lånt frist.")
    })
    .await;
    let receipt = local(&app, &r);
    assert!(receipt.contains("/kvittering/"), "{receipt}");
    let s = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.general_comment == "Lånt frist.")
        .unwrap();
    assert!(s.person_id.is_some(), "sent logged in");
    assert!(
        s.confirmed_at.is_none(),
        "held until the address's owner confirms it"
    );
    let mail = mail_to(&app, "post@bondelaget.no").await;
    assert!(
        mail.subject.starts_with("Bekreft høringsinnspillet ditt"),
        "a confirmation, not a receipt: {}",
        mail.subject
    );
    assert!(!mail.text.contains("Lånt frist."));
    app.stop().await;
}

async fn a_submission_never_confirmed_is_deleted_with_its_file_after_two_days(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let r = submit(&app, &h, |token| {
        submission_form(
            token,
            &h,
            &[
                ("kind", "private"),
                ("name", "Nina Nabo"),
                ("email", "nina@eksempel.no"),
                ("general_comment", "Aldri bekreftet."),
                ("confirm_public", "on"),
            ],
            vec![("vedlegg.pdf", app::demo::hearings::DEMO_PDF.to_vec())],
        )
    })
    .await;
    assert!(local(&app, &r).contains("/kvittering/"));
    app.run_mail_worker().await;
    let link = link_in_mail(&app, "nina@eksempel.no", "/innspill/bekreft/");
    let stored = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.general_comment == "Aldri bekreftet.")
        .unwrap();
    use app::ssr::db::entities::submission_attachment as attachment;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let key = attachment::Entity::find()
        .filter(attachment::Column::SubmissionId.eq(stored.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .storage_key;
    assert!(app.state.files.get(&key).await.is_ok());
    let purge = || app::ssr::services::submissions::purge::purge_unconfirmed(&app.state);
    let confirmed = |all: &[app::ssr::db::entities::submission::Model]| {
        all.iter().filter(|s| s.confirmed_at.is_some()).count()
    };
    let confirmed_before = confirmed(&submissions_of(&app, h.id).await);

    app.state.clock.advance(Duration::hours(47));
    purge().await.unwrap();
    let left = submissions_of(&app, h.id).await;
    assert!(left.iter().any(|s| s.id == stored.id), "kept for 48 hours");
    app.state.clock.advance(Duration::hours(2));
    assert!(purge().await.unwrap() >= 1);
    let left = submissions_of(&app, h.id).await;
    assert!(left.iter().all(|s| s.id != stored.id), "the text is gone");
    assert_eq!(confirmed(&left), confirmed_before, "confirmed ones stay");
    assert_eq!(confirmed(&left), left.len(), "no unconfirmed one is older");
    assert!(app.state.files.get(&key).await.is_err(), "the file is gone");
    let (status, _) = app.get_text(&link).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn confirmation_mails_are_limited_per_address_and_per_client(backend: Backend) {
    let app = crate::helpers::spawn_app_tweaked(backend, None, |state| {
        let mut settings = (*state.settings).clone();
        settings.confirm_limits = app::ssr::state::settings::ConfirmLimits {
            per_address: 2,
            per_client: 3,
        };
        state.settings = std::sync::Arc::new(settings);
    })
    .await;
    let h = demo_hearing(&app, STORGATA).await;
    let before = submissions_of(&app, h.id).await.len();
    for text in ["Første.", "Andre."] {
        let r = submit(&app, &h, |token| {
            anonymous(token, &h, "nina@eksempel.no", text)
        })
        .await;
        assert!(local(&app, &r).contains("/kvittering/"));
    }
    // A third to the same address: refused next to the field, and what was typed is kept.
    let r = submit(&app, &h, |token| {
        anonymous(token, &h, "nina@eksempel.no", "Tredje.")
    })
    .await;
    let back = local(&app, &r);
    assert!(back.starts_with(&submit_page(&h)), "{back}");
    let (_, html) = app.get_text(&back).await;
    assert!(html.contains("Vi har sendt mange bekreftelser til denne adressen"));
    assert!(html.contains("Tredje."), "the text is kept");
    // The fourth from this client, to another address: too many from here.
    let r = submit(&app, &h, |token| {
        anonymous(token, &h, "ola@eksempel.no", "Fjerde.")
    })
    .await;
    let back = local(&app, &r);
    let (_, html) = app.get_text(&back).await;
    assert!(html.contains("For mange forsøk på kort tid."), "{back}");
    assert_eq!(
        submissions_of(&app, h.id).await.len(),
        before + 2,
        "nothing stored from a refused request"
    );
    assert_eq!(app.run_mail_worker().await, 2, "two mails, no more");
    app.stop().await;
}

on_both_databases!(
    an_unconfirmed_submission_never_appears_and_is_not_counted_until_confirmed,
    a_logged_in_citizen_submits_at_once_and_gets_a_receipt_without_their_text,
    an_address_a_logged_in_citizen_types_is_used_only_once_confirmed,
    confirmation_mails_are_limited_per_address_and_per_client,
    a_submission_never_confirmed_is_deleted_with_its_file_after_two_days,
);
