//! Who reaches an organisation's admin: not another organisation's admin, nor a case officer.

use crate::admin_support::invite_staff;
use crate::helpers::spawn_app;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn another_organisations_admin_can_neither_read_nor_change_it(backend: Backend) {
    let app = spawn_app(backend).await;
    assert!(
        app.login("admin@eksempel.fylkeskommune.no", "demo-passord-fylke")
            .await
            .status()
            .is_success()
    );
    let (status, html) = app.get_text("/org/eksempel-kommune/admin").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Ingen tilgang"));
    assert!(!html.contains("saksbehandler@eksempel.kommune.no"));

    let r = app
        .client
        .get(app.url("/api/get_admin_overview?slug=eksempel-kommune"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let token = app.csrf_token().await;
    let r = app
        .call(
            "add_body",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("body_name", "Kapret utvalg"),
                ("body_kind", "committee"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = invite_staff(&app, &token, "inntrenger@example.org", "admin").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let org = app::ssr::db::organisations::find_by_slug(&app.state.db, "eksempel-kommune")
        .await
        .unwrap()
        .unwrap();
    assert!(org.bodies.iter().all(|b| b.name != "Kapret utvalg"));
    assert_eq!(app.run_mail_worker().await, 0);

    // Its own organisation is fine.
    let (status, _) = app.get_text("/org/eksempel-fylkeskommune/admin").await;
    assert_eq!(status, StatusCode::OK);
    app.stop().await;
}

async fn a_case_officer_is_not_an_admin(backend: Backend) {
    let app = spawn_app(backend).await;
    assert!(
        app.login(
            "saksbehandler@eksempel.kommune.no",
            "demo-passord-saksbehandler"
        )
        .await
        .status()
        .is_success()
    );
    let (status, _) = app.get_text("/org/eksempel-kommune/admin").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    app.stop().await;
}

on_both_databases!(
    another_organisations_admin_can_neither_read_nor_change_it,
    a_case_officer_is_not_an_admin,
);
