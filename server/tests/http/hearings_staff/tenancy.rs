//! Tenancy and roles on hearings: staff of another organisation see no drafts, submissions or
//! exports, an elected official does not export, and the case officer's export is on record.

use crate::hearing_support::*;
use crate::helpers::{TestApp, spawn_app};
use app::on_both_databases;
use app::ssr::db::entities::audit_log;
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn staff_of_another_organisation_cannot_see_drafts_submissions_or_exports(backend: Backend) {
    let app = spawn_app(backend).await;
    let draft = demo_hearing(&app, "Ny parkeringsnorm for sentrum").await;
    let open = demo_hearing(&app, STORGATA).await;
    let export = format!(
        "/org/eksempel-kommune/ansatt/horinger/{}/eksport.csv",
        open.id
    );
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
    let r = app.get(&export).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // In the visitor's language, as a page.
    app.get("/sprak/en?til=/").await;
    let (status, html) = app.get_text(&export).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(html.contains("No access"), "{html}");
    let anonymous = TestApp::second_browser(&app);
    let (status, html) = anonymous.get_text(&export).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("Du må logge inn"), "{html}");
    app.get("/sprak/nb?til=/").await;
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
    let other = TestApp::second_browser(&app);
    other.staff(ELECTED.0, ELECTED.1).await;
    let r = other.get(&export).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The case officer downloads them, and it is on record.
    let officer = TestApp::second_browser(&app);
    officer.staff(OFFICER.0, OFFICER.1).await;
    let r = officer.get(&export).await;
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
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("hearing_export_csv"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(logged, 1);
    app.stop().await;
}

/// The attachments of every confirmed submission download as one ZIP, a folder per submission,
/// each file as it was sent; the ZIP is streamed (no length known in advance) and on record.
async fn the_attachments_download_as_one_streamed_zip(backend: Backend) {
    use std::io::Read;
    let app = spawn_app(backend).await;
    let open = demo_hearing(&app, STORGATA).await;
    let files = [
        ("nina@eksempel.no", "innspill.pdf", 3_000_000usize),
        ("nils@eksempel.no", "skisse.pdf", 1_000),
    ];
    let mut references = Vec::new();
    for (email, name, size) in files {
        let visitor = TestApp::second_browser(&app);
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.resize(size, b'x');
        let r = submit(&visitor, &open, |token| {
            submission_form(
                token,
                &open,
                &[
                    ("kind", "private"),
                    ("name", "Nina Nabo"),
                    ("email", email),
                    ("general_comment", "Se vedlegget."),
                    ("confirm_public", "on"),
                ],
                vec![(name, bytes)],
            )
        })
        .await;
        assert!(r.status().is_redirection(), "{}", r.status());
        visitor.run_mail_worker().await;
        let link = link_in_mail(&visitor, email, "/innspill/bekreft/");
        confirm_by_link(&visitor, &link).await;
        let s = submissions_of(&app, open.id)
            .await
            .into_iter()
            .find(|s| s.email.as_deref() == Some(email))
            .unwrap();
        references.push(s.reference);
    }
    let officer = TestApp::second_browser(&app);
    officer.staff(OFFICER.0, OFFICER.1).await;
    let r = officer
        .get(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/eksport.zip",
            open.id
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/zip");
    assert!(r.headers().get("content-length").is_none(), "streamed");
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let bytes = r.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(zip.len(), 2);
    for ((_, name, size), reference) in files.iter().zip(&references) {
        let entry = (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
            .find(|n| n.starts_with(&format!("{reference}/")) && n.ends_with(name))
            .unwrap_or_else(|| panic!("{reference}/…-{name} in the ZIP"));
        let mut content = Vec::new();
        zip.by_name(&entry)
            .unwrap()
            .read_to_end(&mut content)
            .unwrap();
        assert_eq!(content.len(), *size);
        assert!(content.starts_with(b"%PDF-1.4"));
    }
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("hearing_export_zip"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(logged, 1);
    app.stop().await;
}

on_both_databases!(
    staff_of_another_organisation_cannot_see_drafts_submissions_or_exports,
    the_attachments_download_as_one_streamed_zip,
);
