//! Uploaded files in S3-compatible object storage (moto, a real S3 server from PyPI): a file
//! goes in whole (in parts when large) and comes out as stored, a hearing's document is
//! uploaded by staff and downloaded by the public from the bucket, and deleting the document
//! deletes its object.

use crate::hearing_support::*;
use crate::helpers::{TestApp, spawn_app_tweaked};
use crate::s3::s3;
use app::ssr::files::FileStore;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_go_in_whole_and_come_out_as_stored() {
    let s3 = s3();
    let bucket = s3.bucket().await;
    let store = FileStore::s3(&format!("s3://{bucket}/filer"), Some(&s3.access())).unwrap();
    let small = b"%PDF-1.7 en liten fil".to_vec();
    let key = store.put(&small).await.unwrap();
    assert_eq!(store.get(&key).await.unwrap(), small);
    assert_eq!(
        s3.keys(&bucket).await,
        vec![format!("filer/{}/{key}", &key[..2])],
        "kept under the prefix, as the local store keeps it"
    );
    // Larger than one part: a multipart upload, read back as a stream.
    let large: Vec<u8> = (0..20 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    let big = store.put(&large).await.unwrap();
    let reading = store.open(&big).await.unwrap();
    assert_eq!(reading.meta.size as usize, large.len());
    use futures::StreamExt;
    let mut stream = reading.into_stream();
    let (mut got, mut chunks) = (Vec::new(), 0);
    while let Some(chunk) = stream.next().await {
        got.extend_from_slice(&chunk.unwrap());
        chunks += 1;
    }
    assert_eq!(got, large);
    assert!(chunks > 1, "streamed, not read whole");
    store.delete(&big).await.unwrap();
    store.delete(&big).await.unwrap();
    let gone = store.get(&big).await.unwrap_err();
    assert_eq!(gone.kind(), std::io::ErrorKind::NotFound);
    assert!(store.get("../hemmelig").await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hearings_document_is_kept_in_the_bucket_and_deleted_with_its_record() {
    let s3 = s3();
    let bucket = s3.bucket().await;
    let access = s3.access();
    let url = format!("s3://{bucket}");
    let app = spawn_app_tweaked(app::testing::Backend::Sqlite, None, move |s| {
        s.files = FileStore::s3(&url, Some(&access)).unwrap();
    })
    .await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let draft = demo_hearing(&app, "Ny parkeringsnorm for sentrum").await;
    let editor = format!("/org/eksempel-kommune/ansatt/horinger/{}", draft.id);
    let pdf = app::demo::hearings::DEMO_PDF.to_vec();
    let form = Form::new()
        .text("csrf_token", token.clone())
        .text("slug", "eksempel-kommune")
        .text("id", draft.id.to_string())
        .text("document_title", "Parkeringsutredning")
        .part(
            "document_file",
            Part::bytes(pdf.clone()).file_name("utredning.pdf"),
        );
    let r = app
        .post_multipart("upload_hearing_document", &editor, form)
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    assert_eq!(
        s3.keys(&bucket).await.len(),
        1,
        "the document is in the bucket"
    );

    use app::ssr::db::entities::hearing_document;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let doc = hearing_document::Entity::find()
        .filter(hearing_document::Column::HearingId.eq(draft.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let r = app
        .get(&format!("/filer/dokument/{}/{}", doc.id, doc.file_name))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-length"].to_str().unwrap(),
        pdf.len().to_string()
    );
    assert_eq!(
        r.bytes().await.unwrap().to_vec(),
        pdf,
        "the stored bytes, as uploaded"
    );

    let r = app
        .post_form(
            "remove_hearing_document",
            &editor,
            &[
                ("csrf_token", token.as_str()),
                ("slug", "eksempel-kommune"),
                ("id", &draft.id.to_string()),
                ("document_id", &doc.id.to_string()),
            ],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert!(
        s3.keys(&bucket).await.is_empty(),
        "the object is deleted with the document"
    );
    let r = TestApp::second_browser(&app)
        .get(&format!("/filer/dokument/{}/{}", doc.id, doc.file_name))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}
