//! The staff's second factor: set up with the app's first code (the secret kept sealed), then
//! a login takes the password and a code (each code once, the code within five minutes of the
//! password, a wrong one refused next to its field); an organisation that requires it withholds
//! its admin rights from an admin without one; turned off with a code.

use crate::admin_support::ADMIN;
use crate::helpers::{TestApp, assert_refused, location, spawn_app};
use app::on_both_databases;
use app::ssr::db::entities::staff_user;
use app::ssr::security::totp;
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The code the app shows now for `secret`.
fn code_now(app: &TestApp, secret: &[u8]) -> String {
    totp::code_at(secret, app.state.clock.now().timestamp() as u64).expect("a code")
}

/// The second step of a login in `browser`.
async fn send(browser: &TestApp, t: String, code: String) -> reqwest::Response {
    browser
        .call(
            "staff_second_factor",
            &[("csrf_token", t.as_str()), ("code", code.as_str())],
        )
        .await
}

/// A code that is not `right`.
fn wrong(right: &str) -> &'static str {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

/// Sets up the second factor for the staff user logged in in `browser`; the secret.
async fn set_up(app: &TestApp, browser: &TestApp, token: &str) -> Vec<u8> {
    let (status, html) = browser.get_text("/ansatt/tofaktor").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Skann QR-koden") && html.contains("data:image/svg+xml;base64,"));
    let (_, setup) = browser.get_json("/api/second_factor_setup").await;
    let text = setup["secret"].as_str().expect("a secret").to_string();
    assert!(html.contains(&text), "the key is on the page to type in");
    let secret = totp::decode(&text).expect("base32");
    let right = code_now(app, &secret);
    let enable = |code: String| async move {
        browser
            .call(
                "enable_second_factor",
                &[("csrf_token", token), ("code", code.as_str())],
            )
            .await
    };
    assert_refused(
        enable(wrong(&right).into()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "second_factor.code_wrong",
    )
    .await;
    let r = enable(right).await;
    assert!(r.status().is_success(), "{}", r.status());
    let user = staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(ADMIN.0))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let kept = user.totp_secret.expect("kept");
    assert!(!kept.contains(&text), "sealed, not the secret itself");
    secret
}

async fn a_staff_member_sets_up_a_second_factor_and_logs_in_with_password_and_code(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let admin = TestApp::second_browser(&app);
    let token = admin.staff(ADMIN.0, ADMIN.1).await;
    let secret = set_up(&app, &admin, &token).await;
    let (_, home) = admin.get_text("/ansatt").await;
    assert!(home.contains("Tofaktor er på"));

    // The password alone leads to the code page, not in.
    let other = TestApp::second_browser(&app);
    let r = other.login(ADMIN.0, ADMIN.1).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert!(
        location(r.headers()).starts_with("/ansatt/tofaktor/kode"),
        "{:?}",
        r.headers()
    );
    assert_eq!(other.get_text("/ansatt").await.0, StatusCode::UNAUTHORIZED);
    let (_, code_page) = other.get_text("/ansatt/tofaktor/kode").await;
    assert!(code_page.contains("autocomplete=\"one-time-code\""));
    let t = other.csrf_token().await;
    app.state.clock.advance(chrono::Duration::seconds(30));
    let right = code_now(&app, &secret);
    assert_refused(
        send(&other, t.clone(), wrong(&right).into()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "second_factor.code_wrong",
    )
    .await;
    let r = send(&other, t, right.clone()).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(other.get_text("/ansatt").await.0, StatusCode::OK);

    // The same code again, in another browser: used once.
    let third = TestApp::second_browser(&app);
    third.login(ADMIN.0, ADMIN.1).await;
    let t = third.csrf_token().await;
    assert_refused(
        send(&third, t.clone(), right).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "second_factor.code_wrong",
    )
    .await;
    // The code must come within five minutes of the password.
    app.state.clock.advance(chrono::Duration::minutes(6));
    let late = code_now(&app, &secret);
    assert_refused(
        send(&third, t, late.clone()).await,
        StatusCode::CONFLICT,
        "second_factor.login_expired",
    )
    .await;
    assert_eq!(third.get_text("/ansatt").await.0, StatusCode::UNAUTHORIZED);

    // Off with a current code.
    let r = admin
        .call(
            "disable_second_factor",
            &[("csrf_token", token.as_str()), ("code", late.as_str())],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let fresh = TestApp::second_browser(&app);
    let r = fresh.login(ADMIN.0, ADMIN.1).await;
    assert!(!location(r.headers()).contains("tofaktor"));
    assert_eq!(fresh.get_text("/ansatt").await.0, StatusCode::OK);
    app.stop().await;
}

async fn an_organisation_that_requires_a_second_factor_withholds_admin_rights_without_one(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let admin = TestApp::second_browser(&app);
    let token = admin.staff(ADMIN.0, ADMIN.1).await;
    let r = admin
        .call(
            "update_branding",
            &[
                ("csrf_token", token.as_str()),
                ("slug", "eksempel-kommune"),
                ("accent_colour", "#1a5b8c"),
                ("require_totp", "on"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let overview = "/api/get_admin_overview?slug=eksempel-kommune";
    assert_eq!(admin.get_json(overview).await.0, StatusCode::FORBIDDEN);
    let (_, home) = admin.get_text("/ansatt").await;
    assert!(home.contains("Du må slå på tofaktor før du kan administrere Eksempel kommune"));
    set_up(&app, &admin, &token).await;
    assert_eq!(admin.get_json(overview).await.0, StatusCode::OK);
    app.stop().await;
}

on_both_databases!(
    a_staff_member_sets_up_a_second_factor_and_logs_in_with_password_and_code,
    an_organisation_that_requires_a_second_factor_withholds_admin_rights_without_one,
);
