use crate::helpers::{location, spawn_app};
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
    let r = app
        .call(
            "invite_staff",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("invite_email", "inntrenger@example.org"),
                ("invite_role", "admin"),
            ],
        )
        .await;
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

async fn an_admin_invites_a_colleague_who_creates_an_account_and_logs_in(backend: Backend) {
    let app = spawn_app(backend).await;
    assert!(
        app.login("admin@eksempel.kommune.no", "demo-passord-admin")
            .await
            .status()
            .is_success()
    );
    let token = app.csrf_token().await;
    let r = app
        .call(
            "invite_staff",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("invite_email", "ikke-en-adresse"),
                ("invite_role", "case_officer"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("admin.staff.email_invalid")
    );

    let r = app
        .call(
            "invite_staff",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("invite_email", "Ny.Kollega@Eksempel.Kommune.no"),
                ("invite_role", "case_officer"),
            ],
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
    let link = mail
        .text
        .lines()
        .find(|l| l.contains("/invitasjon/"))
        .expect("link")
        .trim()
        .to_string();
    let path = &link[link.find("/invitasjon/").unwrap()..];

    // The invited person, in another browser.
    let other = crate::helpers::TestApp::second_browser(&app);
    let (status, html) = other.get_text(path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Eksempel kommune"));
    let token = other.csrf_token().await;
    let tok = path.trim_start_matches("/invitasjon/");
    let r = other
        .call(
            "accept_invitation",
            &[
                ("csrf_token", &token),
                ("token", tok),
                ("name", "Nora Ny"),
                ("password", "kort"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("invitation.password_too_short")
    );
    let r = other
        .call(
            "accept_invitation",
            &[
                ("csrf_token", &token),
                ("token", tok),
                ("name", "Nora Ny"),
                ("password", "et langt og godt passord"),
            ],
        )
        .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    // Used once only.
    let (status, _) = other.get_text(path).await;
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
    assert!(
        app.login("admin@eksempel.kommune.no", "demo-passord-admin")
            .await
            .status()
            .is_success()
    );
    let token = app.csrf_token().await;
    app.call(
        "invite_staff",
        &[
            ("csrf_token", &token),
            ("slug", "eksempel-kommune"),
            ("invite_email", "sen@eksempel.no"),
            ("invite_role", "moderator"),
        ],
    )
    .await;
    app.run_mail_worker().await;
    let mail = app.state.mailer.sent().pop().unwrap();
    let link = mail
        .text
        .lines()
        .find(|l| l.contains("/invitasjon/"))
        .unwrap()
        .trim()
        .to_string();
    let path = link[link.find("/invitasjon/").unwrap()..].to_string();
    app.state.clock.advance(chrono::Duration::days(8));
    let (status, html) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Fant ikke siden"));
    app.stop().await;
}

async fn an_admin_changes_roles_and_deactivates_but_not_themself(backend: Backend) {
    let app = spawn_app(backend).await;
    assert!(
        app.login("admin@eksempel.kommune.no", "demo-passord-admin")
            .await
            .status()
            .is_success()
    );
    let db = &app.state.db;
    let me = app::ssr::db::staff::find_user_by_email(db, "admin@eksempel.kommune.no")
        .await
        .unwrap()
        .unwrap();
    let mona = app::ssr::db::staff::find_user_by_email(db, "moderator@eksempel.kommune.no")
        .await
        .unwrap()
        .unwrap();
    let token = app.csrf_token().await;
    let (mona_id, my_id) = (mona.id.to_string(), me.id.to_string());

    let r = app
        .call(
            "update_member",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("user_id", &mona_id),
                ("role", "elected_official"),
            ],
        )
        .await;
    assert!(r.status().is_success());
    let r = app
        .call(
            "update_member",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("user_id", &mona_id),
                ("active", "false"),
            ],
        )
        .await;
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

    let app2 = crate::helpers::TestApp::second_browser(&app);
    assert!(
        app2.login("admin@eksempel.kommune.no", "demo-passord-admin")
            .await
            .status()
            .is_success()
    );
    let token = app2.csrf_token().await;
    let r = app2
        .call(
            "update_member",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("user_id", &my_id),
                ("role", "moderator"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("admin.staff.not_yourself"));

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

on_both_databases!(
    another_organisations_admin_can_neither_read_nor_change_it,
    a_case_officer_is_not_an_admin,
    an_admin_invites_a_colleague_who_creates_an_account_and_logs_in,
    an_invitation_expires_after_a_week,
    an_admin_changes_roles_and_deactivates_but_not_themself,
);
