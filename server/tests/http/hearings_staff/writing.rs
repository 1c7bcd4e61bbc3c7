//! Writing and publishing a hearing: the six-week rule, a private draft, sections and
//! consultees, and publishing on its opening day, which opens it and invites the consultees.

use crate::hearing_support::*;
use crate::helpers::spawn_app;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn a_deadline_under_six_weeks_needs_a_reason_and_a_draft_is_not_public(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let r = save_cycle_paths(&app, &token, "").await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "under six weeks needs a reason"
    );
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("hearing.form.short_reason_required")
    );
    let r = save_cycle_paths(&app, &token, SHORT_REASON).await;
    assert!(r.status().is_success(), "{}", r.status());
    let id: i32 = r.json().await.unwrap();
    assert_eq!(
        app.get_text(&format!("/org/eksempel-kommune/horinger/{id}"))
            .await
            .0,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );
    app.stop().await;
}

async fn a_draft_gets_sections_and_consultees_with_a_valid_organisation_number(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = CyclePaths::draft(&app).await;
    assert!(h.add_section(&app).await.status().is_success());
    let r = h.add_consultee(&app, "123456789").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("hearing.consultee.org_number_invalid")
    );
    assert!(
        h.add_consultee(&app, "974 760 673")
            .await
            .status()
            .is_success()
    );
    app.stop().await;
}

async fn a_case_officer_writes_publishes_and_opens_a_hearing_and_consultees_are_invited(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let h = CyclePaths::with_section_and_consultee(&app).await;
    let public = format!("/org/eksempel-kommune/horinger/{}", h.id);
    // Published with today's opening date: it opens at once, and the consultee is invited.
    let r = h
        .call(&app, "change_hearing_status", &[("action", "publish")])
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let (status, html) = app.get_text(&public).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Plan for nye sykkelveier"));
    assert!(html.contains("Åpen for innspill"));
    assert!(html.contains(
        "Høringsfristen er kortere enn seks uker. Begrunnelse: Fylket krever svar før nyttår."
    ));
    assert!(html.contains("1. Trase langs elva"));
    assert!(html.contains("Syklistforeningen"));
    assert!(
        !html.contains("post@syklistene.no"),
        "a consultee's address is not public"
    );
    assert_eq!(app.run_mail_worker().await, 1);
    let mail = app.state.mailer.sent().pop().unwrap();
    assert_eq!(mail.recipient, "post@syklistene.no");
    assert_eq!(
        mail.subject, "Invitasjon til høring fra Eksempel kommune",
        "no title in a subject line"
    );
    assert!(mail.text.contains("Plan for nye sykkelveier"));
    assert!(mail.text.contains(&public));

    // The history says who published it and that the date opened it.
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/ansatt/horinger/{}", h.id))
        .await;
    assert!(html.contains("Utkast → Kommer"));
    assert!(html.contains("Kommer → Åpen for innspill"));
    assert!(html.contains("Datoene (automatisk)"));
    // A second publish is not a move the machine allows.
    let r = h
        .call(&app, "change_hearing_status", &[("action", "publish")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    app.stop().await;
}

on_both_databases!(
    a_deadline_under_six_weeks_needs_a_reason_and_a_draft_is_not_public,
    a_draft_gets_sections_and_consultees_with_a_valid_organisation_number,
    a_case_officer_writes_publishes_and_opens_a_hearing_and_consultees_are_invited,
);
