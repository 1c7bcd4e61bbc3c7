//! Each organisation's records of processing: public, in the organisation's written standard,
//! with the retention the code enforces — change a setting and the page says the new figure.

use crate::helpers::{TestApp, spawn_app, spawn_app_tweaked};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn the_records_of_processing_say_what_the_worker_does(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, html) = app.get_text("/behandlingsprotokoll").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("/org/eksempel-kommune/behandlingsprotokoll"),
        "{html}"
    );
    let (status, html) = app
        .get_text("/org/eksempel-kommune/behandlingsprotokoll")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Behandlingsprotokoll for Eksempel kommune"),
        "{html}"
    );
    assert!(
        html.contains("slettes med vedleggene 48 timer etter"),
        "the default setting"
    );
    assert!(html.contains("Slettes 12 måneder etter kommunestyrets behandling"));
    assert!(html.contains("etter 30 dager"), "the mail retention");
    let (_, privacy) = app.get_text("/personvern").await;
    assert!(
        privacy.contains("/behandlingsprotokoll"),
        "the privacy statement links them"
    );

    // The organisation shortens its retention: the page follows.
    let db = &app.state.db;
    use app::ssr::db::entities::organisation;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    organisation::Entity::update_many()
        .col_expr(organisation::Column::SignerRetentionMonths, Expr::value(6))
        .filter(organisation::Column::Slug.eq("eksempel-kommune"))
        .exec(db)
        .await
        .unwrap();
    let (_, html) = app
        .get_text("/org/eksempel-kommune/behandlingsprotokoll")
        .await;
    assert!(html.contains("Slettes 6 måneder etter"), "{html}");
    let (status, _) = app.get_text("/org/finnes-ikke/behandlingsprotokoll").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;

    // Another installation keeps unconfirmed comments longer: its page says so.
    let app: TestApp = spawn_app_tweaked(backend, None, |s| {
        let mut settings = (*s.settings).clone();
        settings.unconfirmed_hours = 72;
        s.settings = std::sync::Arc::new(settings);
    })
    .await;
    let (_, html) = app
        .get_text("/org/eksempel-kommune/behandlingsprotokoll")
        .await;
    assert!(
        html.contains("slettes med vedleggene 72 timer etter"),
        "{html}"
    );
    app.stop().await;
}

on_both_databases!(the_records_of_processing_say_what_the_worker_does);
