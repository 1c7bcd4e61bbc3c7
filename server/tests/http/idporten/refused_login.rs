//! Logins that do not complete, each on a clear page with no session and no person stored: a
//! tampered state, a replayed code, too low a level, an ID token for another audience or from
//! another issuer, a cancelled or expired login, and ID-porten not answering.

use crate::helpers::{IdPortenOptions, spawn_app_with_idporten};
use crate::idporten_support::*;
use crate::standin::{AtLoginPage, standin, until_callback};
use app::domain::loa::Loa;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn a_tampered_state_ends_on_a_clear_page_and_no_session(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let callback = olas_callback(&app, "/org/eksempel-kommune").await;
    let state = callback
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .to_string();
    let callback = with_param(&callback, "state", &format!("{state}x"));
    let r = app
        .client
        .get(callback)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.unwrap();
    assert!(html.contains("Innloggingen kunne ikke fullføres"));
    assert!(html.contains("Prøv å logge inn igjen"));
    assert!(html.contains("href=\"/auth/idporten/login?return_to=/\""));
    assert_eq!(my_page(&app).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(persons(&app).await, 0);
    app.stop().await;
}

async fn a_replayed_code_is_refused(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let first = olas_callback(&app, "/").await;
    let r = app.client.get(first.clone()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The same answer again: its attempt is used up.
    let r = app.client.get(first.clone()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // The old code with a fresh attempt's state: ID-porten refuses to redeem it twice.
    let fresh = olas_callback(&app, "/").await;
    let old_code = first
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .to_string();
    let replay = with_param(&fresh, "code", &old_code);
    let logins_before = logins(&app).await;
    let r = app
        .client
        .get(replay)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("ID-porten godtok ikke innloggingen vår")
    );
    assert_eq!(logins_before, logins(&app).await, "no login was made of it");
    app.stop().await;
}

async fn a_login_below_the_required_level_is_refused_with_an_explanation(backend: Backend) {
    let opts = IdPortenOptions {
        acr_min: Loa::High,
        ..Default::default()
    };
    let app = spawn_app_with_idporten(backend, opts).await;
    let r = app.citizen_login("ola-nordmann", "substantial", "/").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let html = r.text().await.unwrap();
    assert!(html.contains("Innloggingen har for lavt sikkerhetsnivå"));
    assert!(html.contains("krever innlogging på sikkerhetsnivå Høyt"));
    assert_eq!(persons(&app).await, 0);
    assert_eq!(my_page(&app).await.0, StatusCode::UNAUTHORIZED);
    // At the required level it works.
    let r = app.citizen_login("ola-nordmann", "high", "/").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    app.stop().await;
}

async fn id_tokens_for_another_audience_or_from_another_issuer_are_refused(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let client_id = app.idporten_client.clone().unwrap().client_id;
    let s = standin();
    s.tamper(
        &client_id,
        serde_json::json!({"aud": "en-annen-tjeneste"}),
        false,
    )
    .await;
    let r = app.citizen_login("ola-nordmann", "substantial", "/").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Svaret fra ID-porten kunne ikke bekreftes")
    );

    s.tamper(
        &client_id,
        serde_json::json!({"iss": "https://falsk.example"}),
        false,
    )
    .await;
    let r = app.citizen_login("ola-nordmann", "substantial", "/").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Svaret kom ikke fra ID-porten slik vi forventet")
    );

    // The authorization response's own `iss` parameter is checked too.
    let callback = with_param(
        &olas_callback(&app, "/").await,
        "iss",
        "https://falsk.example",
    );
    let r = app.client.get(callback).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Svaret kom ikke fra ID-porten slik vi forventet")
    );
    assert_eq!(persons(&app).await, 0);
    assert_eq!(my_page(&app).await.0, StatusCode::UNAUTHORIZED);
    app.stop().await;
}

/// ID tokens issued in the future or long ago, authenticated in the future, or with an `at_hash`
/// that is not the access token's are refused; so is a callback without the `iss` the provider
/// says it sends (RFC 9207).
async fn token_times_the_access_token_hash_and_the_response_issuer_are_checked(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let client_id = app.idporten_client.clone().unwrap().client_id;
    let s = standin();
    let now = chrono::Utc::now().timestamp();
    for claims in [
        serde_json::json!({"iat": now + 3600}),
        serde_json::json!({"iat": now - 3600}),
        serde_json::json!({"auth_time": now + 3600}),
        serde_json::json!({"at_hash": "AAAAAAAAAAAAAAAAAAAAAA"}),
    ] {
        s.tamper(&client_id, claims.clone(), false).await;
        let r = app.citizen_login("ola-nordmann", "substantial", "/").await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{claims}");
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Svaret fra ID-porten kunne ikke bekreftes"),
            "{claims}"
        );
    }
    let callback = olas_callback(&app, "/").await;
    assert!(callback.query_pairs().any(|(k, _)| k == "iss"));
    let mut without_iss = callback.clone();
    without_iss
        .query_pairs_mut()
        .clear()
        .extend_pairs(callback.query_pairs().filter(|(k, _)| k != "iss"));
    let r = app.client.get(without_iss).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Svaret kom ikke fra ID-porten slik vi forventet")
    );
    assert_eq!(persons(&app).await, 0);
    // An untampered login goes through: the stand-in's own times and hash pass.
    let r = app.citizen_login("ola-nordmann", "substantial", "/").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    app.stop().await;
}

async fn when_id_porten_does_not_answer_the_citizen_is_told_so(backend: Backend) {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let opts = IdPortenOptions {
        issuer: Some(dead),
        ..Default::default()
    };
    let app = spawn_app_with_idporten(backend, opts).await;
    let (status, html) = app.get_text("/auth/idporten/login?return_to=/meg").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(html.contains("ID-porten svarer ikke akkurat nå"));
    assert!(html.contains("href=\"/auth/idporten/login?return_to=/meg\""));
    app.stop().await;
}

async fn a_cancelled_or_expired_login_ends_on_a_clear_page(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let callback = until_callback(&app.client, &app.base, "/meg", AtLoginPage::Cancel).await;
    let r = app.client.get(callback).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.unwrap();
    assert!(html.contains("Innloggingen ble avbrutt"));
    assert!(html.contains("href=\"/auth/idporten/login?return_to=/meg\""));

    let callback = olas_callback(&app, "/meg").await;
    app.state.clock.advance(chrono::Duration::minutes(11));
    let r = app.client.get(callback).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Innloggingen tok for lang tid")
    );
    assert_eq!(persons(&app).await, 0);
    app.stop().await;
}

on_both_databases!(
    a_tampered_state_ends_on_a_clear_page_and_no_session,
    a_replayed_code_is_refused,
    a_login_below_the_required_level_is_refused_with_an_explanation,
    id_tokens_for_another_audience_or_from_another_issuer_are_refused,
    token_times_the_access_token_hash_and_the_response_issuer_are_checked,
    when_id_porten_does_not_answer_the_citizen_is_told_so,
    a_cancelled_or_expired_login_ends_on_a_clear_page,
);
