//! Citizen login with ID-porten, against the real stand-in (oidc-provider).

use crate::helpers::{IdPortenOptions, TestApp, location, session_cookie, spawn_app_with_idporten};
use crate::standin::{AtLoginPage, standin, test_person, until_callback};
use app::domain::loa::Loa;
use app::domain::national_id::NationalId;
use app::on_both_databases;
use app::ssr::db::entities::{citizen_login, person};
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn persons(app: &TestApp) -> u64 {
    // Persons who logged in (the demo seed's signers are not).
    person::Entity::find()
        .filter(person::Column::Issuer.ne("demo"))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn my_page(app: &TestApp) -> (StatusCode, String) {
    app.get_text("/meg").await
}

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
    let (status, html) = my_page(&app).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("ID-porten, sikkerhetsnivå Høyt"));
    assert!(html.contains("skrive under på innbyggerforslag"));

    // Only the keyed hash of the national id is kept, under INNSPILL_PID_KEY.
    let pid = test_person("kari-nordmann").pid.unwrap();
    let p = person::Entity::find()
        .filter(person::Column::Issuer.ne("demo"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
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
    assert!(
        !login.id_token_sealed.contains("eyJ"),
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
    let p = person::Entity::find()
        .filter(person::Column::Issuer.ne("demo"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.pid_hash, None);
    app.stop().await;
}

async fn a_tampered_state_ends_on_a_clear_page_and_no_session(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let mut callback = until_callback(
        &app.client,
        &app.base,
        "/org/eksempel-kommune",
        AtLoginPage::LogIn {
            person: "ola-nordmann",
            level: "substantial",
        },
    )
    .await;
    let pairs: Vec<(String, String)> = callback
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                format!("{v}x")
            } else {
                v.to_string()
            };
            (k.to_string(), v)
        })
        .collect();
    callback.query_pairs_mut().clear().extend_pairs(pairs);
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
    let first = until_callback(
        &app.client,
        &app.base,
        "/",
        AtLoginPage::LogIn {
            person: "ola-nordmann",
            level: "substantial",
        },
    )
    .await;
    let r = app.client.get(first.clone()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The same answer again: its attempt is used up.
    let r = app.client.get(first.clone()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // The old code with a fresh attempt's state: ID-porten refuses to redeem it twice.
    let fresh = until_callback(
        &app.client,
        &app.base,
        "/",
        AtLoginPage::LogIn {
            person: "ola-nordmann",
            level: "substantial",
        },
    )
    .await;
    let old_code = first
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .to_string();
    let mut replay = fresh.clone();
    let pairs: Vec<(String, String)> = fresh
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "code" {
                old_code.clone()
            } else {
                v.to_string()
            };
            (k.to_string(), v)
        })
        .collect();
    replay.query_pairs_mut().clear().extend_pairs(pairs);
    let logins_before = citizen_login::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
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
    let logins_after = citizen_login::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(logins_before, logins_after, "no login was made of it");
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
    let mut callback = until_callback(
        &app.client,
        &app.base,
        "/",
        AtLoginPage::LogIn {
            person: "ola-nordmann",
            level: "substantial",
        },
    )
    .await;
    let pairs: Vec<(String, String)> = callback
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "iss" {
                "https://falsk.example".into()
            } else {
                v.to_string()
            };
            (k.to_string(), v)
        })
        .collect();
    callback.query_pairs_mut().clear().extend_pairs(pairs);
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

    let callback = until_callback(
        &app.client,
        &app.base,
        "/meg",
        AtLoginPage::LogIn {
            person: "ola-nordmann",
            level: "substantial",
        },
    )
    .await;
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
    let logins = citizen_login::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    let kari = person::Entity::find()
        .filter(person::Column::Issuer.ne("demo"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.given_name.as_deref() == Some("Kari"))
        .unwrap();
    let sid = logins
        .iter()
        .find(|l| l.person_id == kari.id)
        .and_then(|l| l.sid.clone())
        .unwrap();
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
    let field = |name: &str| -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = html
            .find(&marker)
            .unwrap_or_else(|| panic!("{name} in {html}"))
            + marker.len();
        html[start..]
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&")
    };
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

    let r = app
        .client
        .post(&action)
        .form(&[
            ("id_token_hint", field("id_token_hint")),
            (
                "post_logout_redirect_uri",
                field("post_logout_redirect_uri"),
            ),
            ("state", field("state")),
            ("ui_locales", field("ui_locales")),
        ])
        .send()
        .await
        .unwrap();
    // The stand-in asks (like a logout page) or redirects straight back.
    let back = if r.status().is_redirection() {
        reqwest::Url::parse(&action)
            .unwrap()
            .join(&location(r.headers()))
            .unwrap()
    } else {
        let page = r.text().await.unwrap();
        let form_start = page.find("<form").expect("a logout form at the stand-in");
        let act = page[form_start..]
            .split("action=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut fields = Vec::new();
        for part in page[form_start..].split("<input").skip(1) {
            let get = |attr: &str| {
                part.split(&format!("{attr}=\""))
                    .nth(1)
                    .map(|v| v.split('"').next().unwrap().to_string())
            };
            if let (Some(n), Some(v)) = (get("name"), get("value")) {
                fields.push((n, v));
            }
        }
        let url = reqwest::Url::parse(&action).unwrap().join(act).unwrap();
        let r = app
            .client
            .post(url.clone())
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection(), "{}", r.status());
        url.join(&location(r.headers())).unwrap()
    };
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
    a_citizen_logs_in_and_returns_to_the_page_they_came_from,
    a_login_without_a_national_id_is_accepted_but_cannot_sign,
    a_tampered_state_ends_on_a_clear_page_and_no_session,
    a_replayed_code_is_refused,
    a_login_below_the_required_level_is_refused_with_an_explanation,
    id_tokens_for_another_audience_or_from_another_issuer_are_refused,
    a_rotated_signing_key_is_fetched_and_the_login_succeeds,
    private_key_jwt_client_authentication_logs_in,
    when_id_porten_does_not_answer_the_citizen_is_told_so,
    a_cancelled_or_expired_login_ends_on_a_clear_page,
    front_channel_logout_ends_exactly_the_matching_session,
    logging_out_ends_the_session_here_and_at_id_porten,
);
