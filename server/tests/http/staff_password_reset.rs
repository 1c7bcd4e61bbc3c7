//! A staff member who forgot their password: the same answer whether the address has an
//! account, a mailed one-time link that works for an hour, a too-short password refused with
//! the link still working, the new password working and the old one not, and requests limited
//! per address; a new password ends the sessions logged in with the old one.

use crate::helpers::{TestApp, assert_refused, local, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

const MODERATOR: &str = "moderator@eksempel.kommune.no";

/// Asks for a link to `email` without JavaScript, and returns the page it lands on.
async fn ask(browser: &TestApp, email: &str) -> (reqwest::StatusCode, String) {
    let token = browser.csrf_token().await;
    let r = browser
        .post_form(
            "request_password_reset",
            "/ansatt/glemt-passord",
            &[("csrf_token", token.as_str()), ("email", email)],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    browser.get_text(&local(browser, &r)).await
}

fn link_in(app: &TestApp) -> String {
    let mail = app.state.mailer.sent().pop().expect("a mail");
    assert!(!mail.subject.contains('@'));
    let line = mail
        .text
        .lines()
        .find(|l| l.contains("/ansatt/nytt-passord/"))
        .expect("the link")
        .trim()
        .to_string();
    line[line.find("/ansatt/nytt-passord/").unwrap()..].to_string()
}

async fn a_forgotten_password_is_replaced_through_a_one_time_link(backend: Backend) {
    let app = spawn_app(backend).await;
    // Logged in elsewhere with the old password (a shared office computer, say).
    let elsewhere = TestApp::second_browser(&app);
    elsewhere.staff(MODERATOR, "demo-passord-moderator").await;
    assert_eq!(elsewhere.get_text("/ansatt").await.0, StatusCode::OK);
    let visitor = TestApp::second_browser(&app);
    let (_, login) = visitor.get_text("/ansatt/logg-inn").await;
    assert!(
        login.contains("Glemt passordet?"),
        "a way from the login page"
    );

    // An address without an account gets the same answer, and no mail goes anywhere.
    let (_, unknown) = ask(&visitor, "ingen@eksempel.kommune.no").await;
    assert!(unknown.contains("Hvis adressen har en bruker i Innspill, har vi sendt en lenke"));
    assert_eq!(app.run_mail_worker().await, 0);
    let (_, known) = ask(&visitor, "Moderator@Eksempel.Kommune.no").await;
    assert!(known.contains("Hvis adressen har en bruker i Innspill, har vi sendt en lenke"));
    assert_eq!(app.run_mail_worker().await, 1);
    let link = link_in(&app);

    // A password too short is refused next to the field; the link still works.
    let (status, page) = visitor.get_text(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Lag et nytt passord"));
    let token = visitor.csrf_token().await;
    let secret = link.trim_start_matches("/ansatt/nytt-passord/");
    let r = visitor
        .call(
            "reset_password",
            &[
                ("csrf_token", token.as_str()),
                ("token", secret),
                ("password", "kort"),
            ],
        )
        .await;
    assert_refused(
        r,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invitation.password_too_short",
    )
    .await;
    let r = visitor
        .post_form(
            "reset_password",
            &link,
            &[
                ("csrf_token", token.as_str()),
                ("token", secret),
                ("password", "et helt nytt og langt passord"),
            ],
        )
        .await;
    assert!(r.status().is_redirection());
    let (_, landed) = visitor.get_text(&local(&visitor, &r)).await;
    assert!(landed.contains("Passordet er endret. Logg inn med det nye passordet."));

    // The session that logged in with the old password has ended.
    assert_eq!(
        elsewhere.get_text("/ansatt").await.0,
        StatusCode::UNAUTHORIZED
    );
    // Used once: the link is gone, the old password no longer works, the new one does.
    let (status, gone) = visitor.get_text(&link).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(gone.contains("Lenken virker ikke"));
    let fresh = TestApp::second_browser(&app);
    assert_eq!(
        fresh
            .login(MODERATOR, "demo-passord-moderator")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(
        fresh
            .login(MODERATOR, "et helt nytt og langt passord")
            .await
            .status()
            .is_success()
    );
    app.stop().await;
}

async fn a_link_expires_after_an_hour_and_requests_are_limited(backend: Backend) {
    let app = spawn_app(backend).await;
    let visitor = TestApp::second_browser(&app);
    ask(&visitor, MODERATOR).await;
    app.run_mail_worker().await;
    let link = link_in(&app);
    app.state.clock.advance(chrono::Duration::minutes(61));
    assert_eq!(visitor.get_text(&link).await.0, StatusCode::NOT_FOUND);

    // Three requests an hour per address; the fourth is told to wait.
    for _ in 0..3 {
        ask(&visitor, MODERATOR).await;
    }
    let token = visitor.csrf_token().await;
    let r = visitor
        .call(
            "request_password_reset",
            &[("csrf_token", token.as_str()), ("email", MODERATOR)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    app.stop().await;
}

on_both_databases!(
    a_forgotten_password_is_replaced_through_a_one_time_link,
    a_link_expires_after_an_hour_and_requests_are_limited,
);
