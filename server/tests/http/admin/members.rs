//! Managing members: an admin changes roles and deactivates others but not themself, and adds a
//! body without JavaScript.

use crate::admin_support::*;
use crate::helpers::{TestApp, assert_refused, location, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn an_admin_changes_roles_and_deactivates_but_not_themself(backend: Backend) {
    let app = spawn_app(backend).await;
    assert!(app.login(ADMIN.0, ADMIN.1).await.status().is_success());
    let db = &app.state.db;
    let me = app::ssr::db::staff::find_user_by_email(db, ADMIN.0)
        .await
        .unwrap()
        .unwrap();
    let mona = app::ssr::db::staff::find_user_by_email(db, "moderator@eksempel.kommune.no")
        .await
        .unwrap()
        .unwrap();
    // Mona is logged in elsewhere while she is deactivated: her session loses the
    // organisation at once.
    let mona_browser = TestApp::second_browser(&app);
    assert!(
        mona_browser
            .login("moderator@eksempel.kommune.no", "demo-passord-moderator")
            .await
            .status()
            .is_success()
    );
    let dashboard = "/org/eksempel-kommune/ansatt";
    assert_eq!(mona_browser.get_text(dashboard).await.0, StatusCode::OK);
    let token = app.csrf_token().await;
    let r = update_member(&app, &token, mona.id, ("active", "false")).await;
    assert!(r.status().is_success());
    let (status, _) = mona_browser.get_text(dashboard).await;
    assert!(status.is_client_error(), "{status}");
    let r = update_member(&app, &token, mona.id, ("role", "elected_official")).await;
    assert!(r.status().is_success());
    let (_, html) = app.get_text("/org/eksempel-kommune/admin").await;
    assert!(html.contains("Aktiver Mona Moderator igjen"));
    assert_eq!(
        app.login("moderator@eksempel.kommune.no", "demo-passord-moderator")
            .await
            .status(),
        StatusCode::OK,
        "the account itself still exists"
    );

    let app2 = TestApp::second_browser(&app);
    assert!(app2.login(ADMIN.0, ADMIN.1).await.status().is_success());
    let token = app2.csrf_token().await;
    let r = update_member(&app2, &token, me.id, ("role", "moderator")).await;
    assert_refused(r, StatusCode::CONFLICT, "admin.staff.not_yourself").await;

    // Without JavaScript the form comes back to the page.
    let r = app2
        .post_form(
            "add_body",
            "/org/eksempel-kommune/admin",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("body_name", "Bydelsutvalg Sentrum"),
                ("body_kind", "district_committee"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let back = location(r.headers());
    assert!(
        back.trim_end_matches('?')
            .ends_with("/org/eksempel-kommune/admin"),
        "{back}"
    );
    let (_, html) = app2.get_text("/org/eksempel-kommune").await;
    assert!(
        html.contains("Bydelsutvalg Sentrum (Bydelsutvalg)"),
        "{back}"
    );
    app.stop().await;
}

on_both_databases!(an_admin_changes_roles_and_deactivates_but_not_themself);
