//! Inviting staff: an admin invites a colleague by a valid address, the colleague creates an
//! account once with a long enough password and logs in, and an invitation expires after a week;
//! an admin sends a pending invitation again (the old link stops working) or revokes it, and
//! only their own organisation's.

use crate::admin_support::*;
use crate::hearing_support::COUNTY_ADMIN;
use crate::helpers::{TestApp, assert_refused, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn an_admin_invites_a_colleague_by_a_valid_address_and_the_invitation_is_mailed(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    assert!(app.login(ADMIN.0, ADMIN.1).await.status().is_success());
    let token = app.csrf_token().await;
    let r = invite_staff(&app, &token, "ikke-en-adresse", "case_officer").await;
    assert_refused(
        r,
        StatusCode::UNPROCESSABLE_ENTITY,
        "admin.staff.email_invalid",
    )
    .await;

    let r = invite_staff(
        &app,
        &token,
        "Ny.Kollega@Eksempel.Kommune.no",
        "case_officer",
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = app.get_text("/org/eksempel-kommune/admin").await;
    assert!(
        html.contains("ny.kollega@eksempel.kommune.no som Saksbehandler"),
        "pending invitation listed"
    );

    assert_eq!(app.run_mail_worker().await, 1);
    let mail = app.state.mailer.sent().pop().expect("an invitation mail");
    assert_eq!(mail.recipient, "ny.kollega@eksempel.kommune.no");
    assert!(!mail.subject.contains('@'));
    assert!(
        mail.text.contains("Opprett brukeren din her"),
        "bokmål, the organisation's written standard"
    );
    assert!(invitation_path(&app).starts_with("/invitasjon/"));
    app.stop().await;
}

async fn an_admin_invites_a_colleague_who_creates_an_account_and_logs_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let path = invited(&app, "Ny.Kollega@Eksempel.Kommune.no", "case_officer").await;
    // The invited person, in another browser.
    let other = TestApp::second_browser(&app);
    let (status, html) = other.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Eksempel kommune"));
    let token = other.csrf_token().await;
    let tok = path.trim_start_matches("/invitasjon/");
    let accept = |password: &'static str| {
        let form = [
            ("csrf_token", token.as_str()),
            ("token", tok),
            ("name", "Nora Ny"),
            ("password", password),
        ];
        let other = &other;
        async move { other.call("accept_invitation", &form).await }
    };
    let r = accept("kort").await;
    assert_refused(
        r,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invitation.password_too_short",
    )
    .await;
    let r = accept("et langt og godt passord").await;
    assert!(r.status().is_success() || r.status().is_redirection());
    // Used once only.
    let (status, _) = other.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        other
            .login("ny.kollega@eksempel.kommune.no", "et langt og godt passord")
            .await
            .status()
            .is_success()
    );
    let (_, html) = other.get_text("/ansatt").await;
    assert!(html.contains("Hei, Nora Ny"));
    assert!(html.contains("Saksbehandler"));
    app.stop().await;
}

async fn an_invitation_expires_after_a_week(backend: Backend) {
    let app = spawn_app(backend).await;
    let path = invited(&app, "sen@eksempel.no", "moderator").await;
    app.state.clock.advance(chrono::Duration::days(8));
    let (status, html) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Fant ikke siden"));
    app.stop().await;
}

async fn an_invitation_is_sent_again_with_a_new_link_or_revoked(backend: Backend) {
    use app::ssr::db::entities::invitation;
    use sea_orm::EntityTrait;
    let app = spawn_app(backend).await;
    let first = invited(&app, "glemsk@eksempel.no", "case_officer").await;
    let id = invitation::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.email == "glemsk@eksempel.no")
        .unwrap()
        .id
        .to_string();
    let token = app.csrf_token().await;
    let manage = |what: &'static str, token: String, id: String| {
        let app = &app;
        async move {
            app.call(
                "manage_invitation",
                &[
                    ("csrf_token", token.as_str()),
                    ("slug", "eksempel-kommune"),
                    ("invitation_id", id.as_str()),
                    ("manage", what),
                ],
            )
            .await
        }
    };
    // The admin page offers both, for this address.
    let (_, html) = app.get_text("/org/eksempel-kommune/admin").await;
    assert!(html.contains("Send invitasjonen til glemsk@eksempel.no på nytt"));
    assert!(html.contains("Trekk tilbake invitasjonen til glemsk@eksempel.no"));

    // Sent again: a new mail with a new link; the first link no longer works.
    let r = manage("resend", token.clone(), id.clone()).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(app.run_mail_worker().await, 1);
    let second = invitation_path(&app);
    assert_ne!(second, first);
    let visitor = TestApp::second_browser(&app);
    assert_eq!(visitor.get_text(&first).await.0, StatusCode::NOT_FOUND);
    assert_eq!(visitor.get_text(&second).await.0, StatusCode::OK);

    // Another organisation's admin can neither resend nor revoke it.
    let county = TestApp::second_browser(&app);
    let county_token = county.staff(COUNTY_ADMIN.0, COUNTY_ADMIN.1).await;
    let r = county
        .call(
            "manage_invitation",
            &[
                ("csrf_token", county_token.as_str()),
                ("slug", "eksempel-kommune"),
                ("invitation_id", id.as_str()),
                ("manage", "revoke"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Revoked: the link no longer works, and it is no longer pending.
    let r = manage("revoke", token.clone(), id.clone()).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(visitor.get_text(&second).await.0, StatusCode::NOT_FOUND);
    let (_, html) = app.get_text("/org/eksempel-kommune/admin").await;
    assert!(!html.contains("glemsk@eksempel.no"));
    let r = manage("revoke", token, id).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "revoked already");
    app.stop().await;
}

on_both_databases!(
    an_invitation_is_sent_again_with_a_new_link_or_revoked,
    an_admin_invites_a_colleague_by_a_valid_address_and_the_invitation_is_mailed,
    an_admin_invites_a_colleague_who_creates_an_account_and_logs_in,
    an_invitation_expires_after_a_week,
);
