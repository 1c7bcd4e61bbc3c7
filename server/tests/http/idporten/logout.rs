//! Logging out: ID-porten's front-channel call ends exactly the matching session, and logging
//! out here ends the session at once and then at ID-porten.

use crate::helpers::{IdPortenOptions, TestApp, location, spawn_app_with_idporten};
use crate::idporten_support::*;
use crate::standin::standin;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn front_channel_logout_ends_exactly_the_matching_session(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let other = TestApp::second_browser(&app);
    app.citizen_login("kari-nordmann", "substantial", "/").await;
    other
        .citizen_login("ola-nordmann", "substantial", "/")
        .await;
    let (status, kari_page) = my_page(&app).await;
    assert_eq!(status, StatusCode::OK);
    let (status, ola_page) = my_page(&other).await;
    assert_eq!(status, StatusCode::OK);
    let kari_token = app::testing::csrf_token_in(&kari_page);
    let ola_token = app::testing::csrf_token_in(&ola_page);
    let sid = login_sid(&app, "Kari").await;
    let issuer = standin().issuer.clone();

    // ID-porten calls from an iframe on its own pages: no session cookie comes along.
    let provider = reqwest::Client::new();
    let url = |iss: &str, sid: &str| {
        format!(
            "{}/auth/idporten/frontchannel-logout?iss={}&sid={}",
            app.base,
            app::paths::urlencode(iss),
            app::paths::urlencode(sid)
        )
    };
    let r = provider
        .get(url(&issuer, "ukjent-sid"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Det var ingen innlogging i Innspill å avslutte.")
    );
    let r = provider
        .get(url("https://falsk.example", &sid))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        my_page(&app).await.0,
        StatusCode::OK,
        "a wrong issuer ends nothing"
    );

    let r = provider.get(url(&issuer, &sid)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains(&format!("frame-ancestors {issuer}")), "{csp}");
    // What citizens do (signing, their email address) finds the citizen by the session's id in
    // one query: the ended login counts there first, before any page forgets it in the session.
    let r = app
        .call("remove_citizen_email", &[("csrf_token", &kari_token)])
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "Kari may do nothing");
    assert_eq!(
        my_page(&app).await.0,
        StatusCode::UNAUTHORIZED,
        "Kari is logged out"
    );
    assert_eq!(my_page(&other).await.0, StatusCode::OK, "Ola is not");
    let r = other
        .call("remove_citizen_email", &[("csrf_token", &ola_token)])
        .await;
    assert_eq!(r.status(), StatusCode::OK, "Ola still may");
    app.stop().await;
}

async fn logging_out_ends_the_session_here_and_at_id_porten(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    app.citizen_login("kari-nordmann", "substantial", "/").await;
    let (_, html) = my_page(&app).await;
    let token = app::testing::csrf_token_in(&html);
    let r = app
        .client
        .post(app.url("/auth/idporten/logout"))
        .header("accept", "text/html")
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let issuer = standin().issuer.clone();
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains(&format!("form-action 'self' {issuer}")),
        "{csp}"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("Fortsett utloggingen i ID-porten"));
    let field = |name: &str| hidden_field(&html, name);
    let action_marker = "method=\"post\" action=\"";
    let start = html.find(action_marker).unwrap() + action_marker.len();
    let action = html[start..].split('"').next().unwrap().to_string();
    assert!(action.starts_with(&issuer), "{action}");
    // Logged out here already, before ID-porten is asked.
    assert_eq!(my_page(&app).await.0, StatusCode::UNAUTHORIZED);
    let r = app
        .call("remove_citizen_email", &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "nothing a citizen does is possible after logging out"
    );

    let form = [
        ("id_token_hint", field("id_token_hint")),
        (
            "post_logout_redirect_uri",
            field("post_logout_redirect_uri"),
        ),
        ("state", field("state")),
        ("ui_locales", field("ui_locales")),
    ];
    let back = logout_at_the_standin(&app, &action, &form).await;
    assert!(
        back.as_str()
            .starts_with(&format!("{}/auth/idporten/logged-out", app.base)),
        "{back}"
    );
    let r = app.client.get(back).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(r.headers()), "/utlogget");
    let (status, html) = app.get_text("/utlogget").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Du er logget ut"));
    assert!(html.contains("Logg inn med ID-porten"));
    app.stop().await;
}

on_both_databases!(
    front_channel_logout_ends_exactly_the_matching_session,
    logging_out_ends_the_session_here_and_at_id_porten,
);
