//! Logging in with ID-porten: the citizen returns where they came from with only a keyed hash
//! of their national id kept, a login without one is accepted, private_key_jwt client
//! authentication works, and a rotated signing key is fetched.

use crate::helpers::{IdPortenOptions, TestApp, location, session_cookie, spawn_app_with_idporten};
use crate::idporten_support::*;
use crate::standin::{standin, test_person};
use app::domain::national_id::NationalId;
use app::on_both_databases;
use app::ssr::db::entities::citizen_login;
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::EntityTrait;

async fn a_citizen_logs_in_and_returns_to_the_page_they_came_from(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let before = session_cookie(app.get("/org/eksempel-kommune").await.headers());
    let r = app
        .citizen_login("kari-nordmann", "high", "/org/eksempel-kommune")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(r.headers()), "/org/eksempel-kommune");
    let after = session_cookie(r.headers()).expect("a new session id");
    assert_ne!(before, Some(after), "the session id is rotated at login");

    let (status, html) = app.get_text("/org/eksempel-kommune").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Kari Nordmann"),
        "the header names the citizen"
    );
    // A way back that would leave the site (a tab, which browsers drop) leads to the front page.
    let other = crate::helpers::TestApp::second_browser(&app);
    let r = other
        .citizen_login("ola-nordmann", "substantial", "/\t/evil.example")
        .await;
    assert_eq!(location(r.headers()), "/");
    let (status, html) = my_page(&app).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("ID-porten, sikkerhetsnivå Høyt"));
    assert!(html.contains("skrive under på innbyggerforslag"));

    // Only the keyed hash of the national id is kept, under INNSPILL_PID_KEY.
    let pid = test_person("kari-nordmann").pid.unwrap();
    let p = logged_in_person(&app).await;
    let expected = app::ssr::security::pid::pid_hash(
        app.state.settings.pid_key(),
        &NationalId::parse(&pid, true).unwrap(),
    );
    assert_eq!(p.pid_hash.as_deref(), Some(expected.as_str()));
    assert_eq!(p.given_name.as_deref(), Some("Kari"));
    let login = citizen_login::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        login.sid.is_some(),
        "the provider's sid is kept for front-channel logout"
    );
    assert_eq!(login.acr, "idporten-loa-high");
    // Sealed (a random ciphertext may hold "eyJ" by chance, so: it is not the token, and it
    // opens to the token).
    let opened = app::ssr::security::seal::open(
        app.state.settings.secret(),
        app::ssr::idporten::login::ID_TOKEN_SEAL,
        &login.id_token_sealed,
    )
    .expect("it opens with the server's secret");
    let token = String::from_utf8(opened).unwrap();
    assert!(token.starts_with("eyJ") && token.split('.').count() == 3);
    assert!(
        !login.id_token_sealed.starts_with("eyJ") && !login.id_token_sealed.contains(&token[..40]),
        "the ID token is sealed, not stored as is"
    );
    let row = format!("{p:?}{login:?}");
    assert!(
        !row.contains(&pid),
        "no national id in clear anywhere in the rows"
    );
    app.stop().await;
}

async fn a_login_without_a_national_id_is_accepted_but_cannot_sign(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let r = app
        .citizen_login("marie-dubois-eidas", "substantial", "/meg")
        .await;
    assert_eq!(location(r.headers()), "/meg");
    let (status, html) = my_page(&app).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Marie Dubois"));
    assert!(html.contains(
        "Du logget inn uten norsk fødselsnummer eller d-nummer. Du kan gi innspill til høringer, \
         men du kan ikke skrive under på innbyggerforslag."
    ));
    let p = logged_in_person(&app).await;
    assert_eq!(p.pid_hash, None);
    app.stop().await;
}

async fn a_rotated_signing_key_is_fetched_and_the_login_succeeds(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let r = app.citizen_login("ola-nordmann", "substantial", "/").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let keys_before = app
        .state
        .idporten
        .cached_metadata()
        .unwrap()
        .jwks()
        .keys()
        .len();
    let client_id = app.idporten_client.clone().unwrap().client_id;
    standin()
        .tamper(&client_id, serde_json::json!({}), true)
        .await;
    let other = TestApp::second_browser(&app);
    let r = other
        .citizen_login("kari-nordmann", "substantial", "/")
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    let keys_after = app
        .state
        .idporten
        .cached_metadata()
        .unwrap()
        .jwks()
        .keys()
        .len();
    // (Other tests may add keys to the stand-in at the same time.)
    assert!(keys_after > keys_before, "the keys were fetched again");
    app.stop().await;
}

async fn private_key_jwt_client_authentication_logs_in(backend: Backend) {
    let opts = IdPortenOptions {
        private_key_jwt: true,
        ..Default::default()
    };
    let app = spawn_app_with_idporten(backend, opts).await;
    let r = app.citizen_login("aisha-ali", "high", "/meg").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, html) = my_page(&app).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Aisha Ali"));
    app.stop().await;
}

on_both_databases!(
    a_citizen_logs_in_and_returns_to_the_page_they_came_from,
    a_login_without_a_national_id_is_accepted_but_cannot_sign,
    a_rotated_signing_key_is_fetched_and_the_login_succeeds,
    private_key_jwt_client_authentication_logs_in,
);
