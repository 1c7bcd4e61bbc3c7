//! Staff run hearings: writing, the six-week rule, publishing, opening by date with invitations,
//! documents checked by content, and tenancy.

use crate::hearing_support::*;
use crate::helpers::{local, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use chrono::{Duration, Utc};
use chrono_tz::Europe::Oslo;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

fn oslo_date(t: chrono::DateTime<Utc>) -> String {
    t.with_timezone(&Oslo).format("%Y-%m-%d").to_string()
}

async fn a_case_officer_writes_publishes_and_opens_a_hearing_and_consultees_are_invited(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let now = app.state.clock.now();
    let today = oslo_date(now);
    let soon = oslo_date(now + Duration::days(20));
    let form = |deadline: &str, reason: &str| {
        vec![
            ("csrf_token", token.clone()),
            ("slug", "eksempel-kommune".into()),
            ("title", "Plan for nye sykkelveier".into()),
            (
                "summary",
                "Kommunen vil bygge sammenhengende sykkelveier.".into(),
            ),
            ("body_md", "## Forslaget\n\nTo nye traseer.".into()),
            ("body_id", String::new()),
            ("case_number", "2027/17".into()),
            ("contact_name", "Sigurd Saksbehandler".into()),
            ("contact_email", "sigurd@eksempel.kommune.no".into()),
            ("opens_date", today.clone()),
            ("opens_time", String::new()),
            ("deadline_date", deadline.to_string()),
            ("deadline_time", String::new()),
            ("short_reason", reason.to_string()),
        ]
    };
    let refs = |f: &Vec<(&'static str, String)>| {
        f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    let r = app
        .client
        .post(app.url("/api/save_hearing"))
        .header("accept", "application/json")
        .form(&refs(&form(&soon, "")))
        .send()
        .await
        .unwrap();
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
    let r = app
        .client
        .post(app.url("/api/save_hearing"))
        .header("accept", "application/json")
        .form(&refs(&form(&soon, "Fylket krever svar før nyttår.")))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let id: i32 = r.json().await.unwrap();

    let public = format!("/org/eksempel-kommune/horinger/{id}");
    assert_eq!(
        app.get_text(&public).await.0,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );
    let ids = id.to_string();
    let base = [
        ("csrf_token", token.as_str()),
        ("slug", "eksempel-kommune"),
        ("id", ids.as_str()),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut v: Vec<(&str, &str)> = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    assert!(
        app.call(
            "add_hearing_section",
            &with(&[
                ("section_title", "Trase langs elva"),
                ("section_body", "Fra brua til skolen.")
            ])
        )
        .await
        .status()
        .is_success()
    );
    let r = app
        .call(
            "add_hearing_consultee",
            &with(&[
                ("consultee_name", "Syklistforeningen"),
                ("consultee_email", "post@syklistene.no"),
                ("consultee_org_number", "123456789"),
            ]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("hearing.consultee.org_number_invalid")
    );
    assert!(
        app.call(
            "add_hearing_consultee",
            &with(&[
                ("consultee_name", "Syklistforeningen"),
                ("consultee_email", "post@syklistene.no"),
                ("consultee_org_number", "974 760 673")
            ])
        )
        .await
        .status()
        .is_success()
    );

    // Published with today's opening date: it opens at once, and the consultee is invited.
    let r = app
        .call("change_hearing_status", &with(&[("action", "publish")]))
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
        mail.subject,
        "Invitasjon til høring: Plan for nye sykkelveier"
    );
    assert!(
        mail.text
            .contains(&format!("/org/eksempel-kommune/horinger/{id}"))
    );

    // The history says who published it and that the date opened it.
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/ansatt/horinger/{id}"))
        .await;
    assert!(html.contains("Utkast → Kommer"));
    assert!(html.contains("Kommer → Åpen for innspill"));
    assert!(html.contains("Datoene (automatisk)"));
    // A second publish is not a move the machine allows.
    let r = app
        .call("change_hearing_status", &with(&[("action", "publish")]))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    app.stop().await;
}

async fn dates_close_a_hearing_and_staff_record_the_outcome(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let h = demo_hearing(&app, STORGATA).await;
    set_clock(&app, h.deadline + Duration::seconds(1));
    assert!(
        app::ssr::services::hearings::status_by_dates::sync_all(&app.state)
            .await
            .unwrap()
            >= 1
    );
    let closed = demo_hearing(&app, STORGATA).await;
    assert_eq!(closed.status, "closed", "the dates closed it");
    let ids = h.id.to_string();
    let r = app
        .call(
            "change_hearing_status",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("id", &ids),
                ("action", "conclude"),
                ("outcome", "Kommunestyret vedtok planen med lavere høyder."),
                ("decision_url", "https://eksempel.kommune.no/vedtak/1"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", h.id))
        .await;
    assert!(html.contains("Avgjort"));
    assert!(html.contains("Kommunestyret vedtok planen med lavere høyder."));
    assert!(html.contains("https://eksempel.kommune.no/vedtak/1"));
    app.stop().await;
}

async fn staff_of_another_organisation_cannot_see_drafts_submissions_or_exports(backend: Backend) {
    let app = spawn_app(backend).await;
    let draft = demo_hearing(&app, "Ny parkeringsnorm for sentrum").await;
    let open = demo_hearing(&app, STORGATA).await;
    app.staff(COUNTY_ADMIN.0, COUNTY_ADMIN.1).await;
    for path in [
        format!(
            "/api/get_staff_hearing?slug=eksempel-kommune&id={}",
            draft.id
        ),
        format!("/api/get_workbench?slug=eksempel-kommune&id={}", open.id),
        "/api/list_staff_hearings?slug=eksempel-kommune".to_string(),
    ] {
        let r = app
            .client
            .get(app.url(&path))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let r = app
        .get(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/eksport.csv",
            open.id
        ))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (status, html) = app
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/innspill",
            open.id
        ))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains("Hans Hansen"));
    // The draft is not public either, and not under the county's own address.
    assert_eq!(
        app.get_text(&format!("/org/eksempel-kommune/horinger/{}", draft.id))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_text(&format!("/org/eksempel-fylkeskommune/horinger/{}", open.id))
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    // An elected official of the municipality does not screen submissions either.
    let other = crate::helpers::TestApp::second_browser(&app);
    other.staff(ELECTED.0, ELECTED.1).await;
    let r = other
        .get(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/eksport.csv",
            open.id
        ))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The case officer downloads them, and it is on record.
    let officer = crate::helpers::TestApp::second_browser(&app);
    officer.staff(OFFICER.0, OFFICER.1).await;
    let r = officer
        .get(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/eksport.csv",
            open.id
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let csv = r.text().await.unwrap();
    assert!(csv.contains("Hans Hansen"), "the original, for staff");
    assert!(csv.contains("1. Boliger og høyder"));
    assert!(
        !csv.contains("Ubekreftet Person"),
        "unconfirmed submissions are not received"
    );
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let logged = app::ssr::db::entities::audit_log::Entity::find()
        .filter(app::ssr::db::entities::audit_log::Column::Action.eq("hearing_export_csv"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(logged, 1);
    app.stop().await;
}

async fn a_document_is_checked_by_content_and_size_and_the_title_is_kept(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let draft = demo_hearing(&app, "Ny parkeringsnorm for sentrum").await;
    let editor = format!("/org/eksempel-kommune/ansatt/horinger/{}", draft.id);
    let upload = |title: &str, name: &str, bytes: Vec<u8>| {
        Form::new()
            .text("csrf_token", token.clone())
            .text("slug", "eksempel-kommune")
            .text("id", draft.id.to_string())
            .text("document_title", title.to_string())
            .part(
                "document_file",
                Part::bytes(bytes).file_name(name.to_string()),
            )
    };
    let r = app
        .post_multipart(
            "upload_hearing_document",
            &editor,
            upload(
                "Parkeringsutredning",
                "utredning.pdf",
                b"MZ\x90\x00 a renamed program".to_vec(),
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let (status, html) = app.get_text(&local(&app, &r)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Filen er ikke en PDF-, ODT- eller DOCX-fil."),
        "{html}"
    );
    assert!(
        html.contains("value=\"Parkeringsutredning\""),
        "the title is kept"
    );

    let r = app
        .post_multipart(
            "upload_hearing_document",
            &editor,
            upload(
                "Parkeringsutredning",
                "stor.pdf",
                vec![b'%'; 26 * 1024 * 1024],
            ),
        )
        .await;
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(html.contains("Filen er større enn 25 MB."));

    let pdf = app::demo::hearings::DEMO_PDF.to_vec();
    let r = app
        .post_multipart(
            "upload_hearing_document",
            &editor,
            upload(
                "Parkeringsutredning",
                "../../Utredning (endelig).pdf",
                pdf.clone(),
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let (_, html) = app.get_text(&editor).await;
    assert!(html.contains("Parkeringsutredning"));
    assert!(
        html.contains("Utredning _endelig.pdf"),
        "the name is made safe"
    );
    let docs = app::ssr::db::hearings::documents(&app.state.db, draft.id)
        .await
        .unwrap();
    let path = format!("/filer/dokument/{}/x", docs[0].id);
    let r = app.get(&path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
    // A draft's document is not for the public.
    let stranger = crate::helpers::browser();
    let r = stranger.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

on_both_databases!(
    a_case_officer_writes_publishes_and_opens_a_hearing_and_consultees_are_invited,
    dates_close_a_hearing_and_staff_record_the_outcome,
    staff_of_another_organisation_cannot_see_drafts_submissions_or_exports,
    a_document_is_checked_by_content_and_size_and_the_title_is_kept,
);
