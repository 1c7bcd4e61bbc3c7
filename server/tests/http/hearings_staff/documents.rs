//! A hearing's documents: checked by content and size with the title kept, a safe file name,
//! and a draft's document not for the public — nor once the draft is cancelled, on any public
//! surface, while a hearing cancelled after it was published stays public.

use crate::hearing_support::*;
use crate::helpers::{TestApp, browser, local, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::multipart::{Form, Part};
use reqwest::{Response, StatusCode};

/// Uploads `bytes` named `name` as the document "Parkeringsutredning" of hearing `id`, from its
/// editor without JavaScript.
async fn upload(app: &TestApp, token: &str, id: i32, name: &str, bytes: Vec<u8>) -> Response {
    let form = Form::new()
        .text("csrf_token", token.to_string())
        .text("slug", "eksempel-kommune")
        .text("id", id.to_string())
        .text("document_title", "Parkeringsutredning")
        .part(
            "document_file",
            Part::bytes(bytes).file_name(name.to_string()),
        );
    let editor = format!("/org/eksempel-kommune/ansatt/horinger/{id}");
    app.post_multipart("upload_hearing_document", &editor, form)
        .await
}

async fn a_document_is_checked_by_content_and_size_and_the_title_is_kept(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let draft = demo_hearing(&app, "Ny parkeringsnorm for sentrum").await;
    let editor = format!("/org/eksempel-kommune/ansatt/horinger/{}", draft.id);
    let r = upload(
        &app,
        &token,
        draft.id,
        "utredning.pdf",
        b"MZ\x90\x00 a renamed program".to_vec(),
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

    let r = upload(
        &app,
        &token,
        draft.id,
        "stor.pdf",
        vec![b'%'; 26 * 1024 * 1024],
    )
    .await;
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(html.contains("Filen er større enn 25 MB."));

    let pdf = app::demo::hearings::DEMO_PDF.to_vec();
    let r = upload(
        &app,
        &token,
        draft.id,
        "../../Utredning (endelig).pdf",
        pdf.clone(),
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
    let stranger = browser();
    let r = stranger.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

/// Cancels hearing `id` as the officer with `token`.
async fn cancel(app: &TestApp, token: &str, id: i32) {
    let ids = id.to_string();
    let r = app
        .call(
            "change_hearing_status",
            &[
                ("csrf_token", token),
                ("slug", "eksempel-kommune"),
                ("id", &ids),
                ("action", "cancel"),
                ("cancel_note", "Saken er trukket."),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
}

async fn a_cancelled_draft_stays_private_everywhere_and_a_cancelled_hearing_stays_public(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let draft = demo_hearing(&app, "Ny parkeringsnorm for sentrum").await;
    let r = upload(
        &app,
        &token,
        draft.id,
        "utredning.pdf",
        app::demo::hearings::DEMO_PDF.to_vec(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let docs = app::ssr::db::hearings::documents(&app.state.db, draft.id)
        .await
        .unwrap();
    cancel(&app, &token, draft.id).await;
    let cancelled = demo_hearing(&app, "Ny parkeringsnorm for sentrum").await;
    assert_eq!(cancelled.status, "cancelled");

    let public = TestApp::second_browser(&app);
    let page = format!("/org/eksempel-kommune/horinger/{}", draft.id);
    for _ in 0..2 {
        // Twice: the second could come from the page cache.
        let (status, html) = public.get_text(&page).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!html.contains("parkeringsnorm"));
    }
    let (status, _) = public
        .get_text(&format!("/api/v1/hearings/{}", draft.id))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for list in [
        "/horinger",
        "/org/eksempel-kommune/horinger",
        "/org/eksempel-kommune",
        "/api/v1/hearings",
        "/api/v1/hearings?format=csv",
        "/api/v1/hearings?status=cancelled",
        "/api/v1/organisations/eksempel-kommune/hearings.atom",
    ] {
        let (status, body) = public.get_text(list).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        assert!(!body.contains("parkeringsnorm"), "{list}");
    }
    let r = public
        .get(&format!("/filer/dokument/{}/x", docs[0].id))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (status, _) = app
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}",
            draft.id
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "staff still see it");

    // A hearing that was published and then cancelled is public, as cancelled.
    let open = demo_hearing(&app, STORGATA).await;
    cancel(&app, &token, open.id).await;
    let (status, html) = public
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", open.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Avlyst"), "shown as cancelled");
    app.stop().await;
}

on_both_databases!(
    a_document_is_checked_by_content_and_size_and_the_title_is_kept,
    a_cancelled_draft_stays_private_everywhere_and_a_cancelled_hearing_stays_public,
);
