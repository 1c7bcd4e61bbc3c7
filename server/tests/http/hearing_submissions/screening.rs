//! Screening submissions: staff publish, redact or withhold (telling a withheld submitter why),
//! annotate for the workbench and the summary, and a redacted original never leaves the
//! workbench.

use crate::hearing_support::*;
use crate::helpers::{TestApp, assert_refused, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn a_redacted_submissions_original_never_leaves_the_workbench(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let original = "Hans Hansen";
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", h.id))
        .await;
    assert!(html.contains("[Opplysninger om en navngitt nabo er fjernet.]"));
    assert!(html.contains("Publisert i redigert form"));
    assert!(!html.contains(original));
    assert!(
        !html.contains("Innkjøringen fra Tverrgata"),
        "a redacted section comment without a public copy is not shown"
    );
    assert!(
        !html.contains("inhabil"),
        "a withheld submission is not shown"
    );
    assert!(
        !html.contains("sykkelparkering"),
        "a pending submission is not shown"
    );
    let api = app
        .client
        .get(app.url(&format!("/api/v1/hearings/{}", h.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!api.contains(original));
    let csv = app
        .client
        .get(app.url(&format!("/api/v1/hearings/{}?format=csv", h.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("[Opplysninger om en navngitt nabo er fjernet.]"));
    assert!(!csv.contains(original));
    let officer = TestApp::second_browser(&app);
    officer.staff(OFFICER.0, OFFICER.1).await;
    let bench = workbench(&officer, &h, "").await;
    assert!(bench.contains(original), "staff see the original");
    app.stop().await;
}

async fn staff_publish_redact_and_withhold_and_a_withheld_submitter_is_told_why(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let pending = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.name == "Ingrid Hansen")
        .unwrap();
    let r = screen_submission(&app, &token, &h, pending.id, &[("action", "withhold")]).await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required"
    );
    let r = screen_submission(
        &app,
        &token,
        &h,
        pending.id,
        &[
            ("action", "withhold"),
            ("withhold_reason", "personal_data"),
            ("withhold_note", "Du nevner naboens helse."),
        ],
    )
    .await;
    assert!(r.status().is_success());
    let mail = mail_to(&app, "ingrid.hansen@eksempel.no").await;
    assert!(
        mail.subject
            .starts_with("Høringsinnspillet ditt blir ikke publisert")
    );
    assert!(!mail.subject.contains("Ingrid"));
    assert!(
        mail.text
            .contains("Grunn: Inneholder personopplysninger om andre")
    );
    assert!(mail.text.contains("Du nevner naboens helse."));
    // Redacting instead: the public copy, not the original.
    let r = screen_submission(
        &app,
        &token,
        &h,
        pending.id,
        &[
            ("action", "redact"),
            (
                "public_general_comment",
                "Kan kommunen legge til rette for [...]?",
            ),
        ],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", h.id))
        .await;
    assert!(html.contains("Kan kommunen legge til rette for [...]?"));
    assert!(!html.contains("sykkelparkering"));
    check_annotations_reach_the_workbench_and_the_summary(&app, &token, &h, pending.id).await;
    app.stop().await;
}

/// Tags, summary and the administration's comment go into the workbench and the summary.
async fn check_annotations_reach_the_workbench_and_the_summary(
    app: &TestApp,
    token: &str,
    h: &app::ssr::db::entities::hearing::Model,
    submission_id: i32,
) {
    let (hid, sid) = (h.id.to_string(), submission_id.to_string());
    let r = app
        .call(
            "annotate_submission",
            &[
                ("csrf_token", token),
                ("slug", "eksempel-kommune"),
                ("id", hid.as_str()),
                ("submission_id", sid.as_str()),
                ("admin_comment", "Tas inn i planbestemmelsene."),
                ("staff_summary", "Ønsker sykkelparkering."),
                ("tags", "Sykkel, parkering, sykkel"),
            ],
        )
        .await;
    assert!(r.status().is_success());
    let bench = workbench(app, h, "?tag=sykkel").await;
    assert!(bench.contains("Viser 1 innspill"));
    assert!(bench.contains("parkering, sykkel"));
    let (_, summary) = app
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/oppsummering",
            h.id
        ))
        .await;
    assert!(summary.contains("Ønsker sykkelparkering."));
    assert!(summary.contains("Tas inn i planbestemmelsene."));
    assert!(summary.contains("Eksempel historielag"));
    assert!(
        summary.contains("Privatperson"),
        "Ola did not agree to be named"
    );
}

async fn waiting_submissions_come_first_and_a_publication_is_undone_only_for_a_moment(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let pending = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.name == "Ingrid Hansen")
        .unwrap();
    let published = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.publication == "published" && s.confirmed_at.is_some())
        .unwrap();
    assert!(published.received_at < pending.received_at);
    let bench = workbench(&app, &h, "").await;
    let at = |reference: &str| bench.find(&format!("id=\"{reference}\"")).unwrap();
    assert!(
        at(&pending.reference) < at(&published.reference),
        "waiting for screening first, though received later"
    );
    assert!(
        !bench.contains(&format!("Publiser {}", published.reference)),
        "no Publish button on what is published"
    );
    assert!(bench.contains(&format!("Publiser {}", pending.reference)));

    let publish = [("action", "publish")];
    let undo = [("action", "undo")];
    let r = screen_submission(&app, &token, &h, pending.id, &publish).await;
    assert!(r.status().is_success());
    let bench = workbench(&app, &h, "").await;
    assert!(bench.contains(&format!("Angre publiseringen av {}", pending.reference)));
    app.state.clock.advance(chrono::Duration::minutes(9));
    let r = screen_submission(&app, &token, &h, pending.id, &undo).await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let s = submissions_of(&app, h.id).await;
    let again = s.iter().find(|s| s.id == pending.id).unwrap();
    assert_eq!(again.publication, "pending");

    let r = screen_submission(&app, &token, &h, pending.id, &publish).await;
    assert!(r.status().is_success());
    app.state.clock.advance(chrono::Duration::minutes(11));
    let bench = workbench(&app, &h, "").await;
    assert!(!bench.contains(&format!("Angre publiseringen av {}", pending.reference)));
    let r = screen_submission(&app, &token, &h, pending.id, &undo).await;
    assert_refused(r, StatusCode::CONFLICT, "screening.undo_too_late").await;
    let r = screen_submission(&app, &token, &h, published.id, &undo).await;
    assert_refused(r, StatusCode::CONFLICT, "screening.undo_too_late").await;
    app.stop().await;
}

on_both_databases!(
    a_redacted_submissions_original_never_leaves_the_workbench,
    staff_publish_redact_and_withhold_and_a_withheld_submitter_is_told_why,
    waiting_submissions_come_first_and_a_publication_is_undone_only_for_a_moment,
);
