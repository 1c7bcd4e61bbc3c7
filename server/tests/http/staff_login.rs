use crate::helpers::{is_json, location, session_cookie, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

const ADMIN: &str = "admin@eksempel.kommune.no";
const ADMIN_PW: &str = "demo-passord-admin";

async fn a_wrong_password_and_an_unknown_address_get_the_same_answer(backend: Backend) {
    let app = spawn_app(backend).await;
    let wrong_pw = app.login(ADMIN, "ikke riktig passord").await;
    assert_eq!(wrong_pw.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(is_json(&wrong_pw));
    let wrong_pw = wrong_pw.text().await.unwrap();
    let unknown = app
        .login("ingen@eksempel.kommune.no", "ikke riktig passord")
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = unknown.text().await.unwrap();
    assert_eq!(wrong_pw, unknown);
    assert!(wrong_pw.contains("login.wrong_credentials"));
    assert!(!wrong_pw.contains("eksempel.kommune.no"));
    app.stop().await;
}

async fn logging_in_rotates_the_session_and_opens_the_staff_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let page = app.get("/ansatt/logg-inn").await;
    assert_eq!(
        session_cookie(page.headers()),
        None,
        "reading a page starts no session"
    );
    assert!(page.headers().get_all("set-cookie").iter().any(|c| {
        let c = c.to_str().unwrap();
        c.starts_with("innspill_csrf=") && c.contains("HttpOnly") && c.contains("SameSite=Lax")
    }));
    let (status, html) = app.get_text("/ansatt").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("Du må logge inn"));

    let r = app.login(ADMIN, ADMIN_PW).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let before = session_cookie(r.headers()).expect("a session at login");

    // Logging in again in the same browser (as another user could, on a shared computer) gives
    // a new session id: a session id known before a login is worthless after it.
    let r = app.login(ADMIN, ADMIN_PW).await;
    assert!(r.status().is_success() || r.status().is_redirection());
    let after = session_cookie(r.headers()).expect("a new session id");
    assert_ne!(before, after, "the session id is rotated at login");

    let (status, html) = app.get_text("/ansatt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Hei, Anne Admin"));
    assert!(html.contains("Administrator"));
    assert!(html.contains("/org/eksempel-kommune/admin"));

    let token = app.csrf_token().await;
    let r = app.call("staff_logout", &[("csrf_token", &token)]).await;
    assert!(r.status().is_success() || r.status().is_redirection());
    let (status, _) = app.get_text("/ansatt").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.stop().await;
}

async fn a_failed_login_without_javascript_comes_back_with_the_message_and_the_address(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let token = app.csrf_token().await;
    let r = app
        .post_form(
            "staff_login",
            "/ansatt/logg-inn",
            &[
                ("csrf_token", &token),
                ("email", ADMIN),
                ("password", "feil passord her"),
                ("return_to", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let back = location(r.headers());
    assert!(back.contains("/ansatt/logg-inn"), "{back}");
    assert!(!back.contains(ADMIN), "the address never travels in a URL");
    let path = back.trim_start_matches(&app.base).to_string();
    let (status, html) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Feil e-postadresse eller passord."));
    assert!(
        html.contains(&format!("value=\"{ADMIN}\"")),
        "the typed address is kept"
    );
    assert!(
        !html.contains("feil passord her"),
        "a password is never echoed"
    );
    app.stop().await;
}

async fn a_successful_login_without_javascript_redirects_to_the_staff_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.csrf_token().await;
    let r = app
        .post_form(
            "staff_login",
            "/ansatt/logg-inn",
            &[
                ("csrf_token", &token),
                ("email", ADMIN),
                ("password", ADMIN_PW),
                ("return_to", "/org/eksempel-kommune/admin"),
            ],
        )
        .await;
    assert!(r.status().is_redirection());
    assert_eq!(location(r.headers()), "/org/eksempel-kommune/admin");
    let (status, html) = app.get_text("/org/eksempel-kommune/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Administrasjon: Eksempel kommune"));
    app.stop().await;
}

async fn repeated_failures_lock_the_account_for_a_while_with_a_clear_message(backend: Backend) {
    let app = spawn_app(backend).await;
    // Limits count in fixed windows of a quarter of an hour; start at the top of one.
    let limit = app::ssr::services::staff_auth::ACCOUNT_LIMIT;
    let now = app.state.clock.now();
    let next = app::ssr::security::rate_limit::window_start(limit, now) + limit.window;
    app.state.clock.advance(next - now);
    for _ in 0..5 {
        assert_eq!(
            app.login(ADMIN, "gjetter passordet").await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let r = app.login(ADMIN, ADMIN_PW).await;
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let body = r.text().await.unwrap();
    assert!(body.contains("\"retry_after_minutes\":15"), "{body}");

    // The page shows it in words.
    let token = app.csrf_token().await;
    let r = app
        .post_form(
            "staff_login",
            "/ansatt/logg-inn",
            &[
                ("csrf_token", &token),
                ("email", ADMIN),
                ("password", ADMIN_PW),
            ],
        )
        .await;
    let path = location(r.headers())
        .trim_start_matches(&app.base)
        .to_string();
    let (_, html) = app.get_text(&path).await;
    assert!(html.contains("For mange forsøk på kort tid. Prøv igjen om 15 minutter."));

    app.state.clock.advance(chrono::Duration::minutes(16));
    assert!(app.login(ADMIN, ADMIN_PW).await.status().is_success());
    app.stop().await;
}

async fn fifty_parallel_guesses_make_at_most_five_hash_attempts(backend: Backend) {
    let app = spawn_app(backend).await;
    let limit = app::ssr::services::staff_auth::ACCOUNT_LIMIT;
    let now = app.state.clock.now();
    let next = app::ssr::security::rate_limit::window_start(limit, now) + limit.window;
    app.state.clock.advance(next - now);
    // One browser's token (fetched in parallel, fifty first visits would each set a cookie).
    let token = app.csrf_token().await;
    let before = app.state.hashing.verifications();
    let guesses = (0..50).map(|i| {
        let (app, token) = (&app, &token);
        async move {
            let guess = format!("gjetning nummer {i}");
            app.call(
                "staff_login",
                &[
                    ("csrf_token", token.as_str()),
                    ("email", ADMIN),
                    ("password", &guess),
                ],
            )
            .await
            .status()
        }
    });
    let answers = futures::future::join_all(guesses).await;
    let hashed = app.state.hashing.verifications() - before;
    let refused = |status| answers.iter().filter(|s| **s == status).count() as u64;
    assert_eq!(hashed, 5, "passwords hashed");
    assert_eq!(
        refused(StatusCode::UNPROCESSABLE_ENTITY),
        hashed,
        "{answers:?}"
    );
    assert_eq!(
        refused(StatusCode::TOO_MANY_REQUESTS),
        50 - hashed,
        "{answers:?}"
    );
    let r = app.login(ADMIN, ADMIN_PW).await;
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "too many attempts"
    );
    assert_eq!(app.state.hashing.verifications() - before, hashed);
    app.stop().await;
}

async fn a_deactivated_member_cannot_log_in(backend: Backend) {
    let app = spawn_app(backend).await;
    use sea_orm::{ActiveModelTrait, Set};
    let user =
        app::ssr::db::staff::find_user_by_email(&app.state.db, "moderator@eksempel.kommune.no")
            .await
            .unwrap()
            .unwrap();
    let mut am: app::ssr::db::entities::staff_user::ActiveModel = user.into();
    am.active = Set(false);
    am.update(&app.state.db).await.unwrap();
    let r = app
        .login("moderator@eksempel.kommune.no", "demo-passord-moderator")
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.stop().await;
}

async fn every_staff_page_and_download_asks_an_anonymous_visitor_to_log_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = crate::hearing_support::demo_hearing(&app, crate::hearing_support::STORGATA).await;
    let i =
        crate::initiative_support::initiative_by_title(&app, crate::initiative_support::PARKING)
            .await;
    let org = "/org/eksempel-kommune";
    let hearing = format!("{org}/ansatt/horinger/{}", h.id);
    let initiative = format!("{org}/ansatt/innbyggerforslag/{}", i.id);
    for path in [
        "/ansatt".to_string(),
        format!("{org}/admin"),
        format!("{org}/ansatt/horinger"),
        format!("{org}/ansatt/horinger/ny"),
        hearing.clone(),
        format!("{hearing}/innspill"),
        format!("{hearing}/oppsummering"),
        format!("{hearing}/eksport.csv"),
        format!("{hearing}/eksport.zip"),
        format!("{org}/ansatt/innbyggerforslag"),
        initiative.clone(),
        format!("{initiative}/underskrifter"),
        format!("{initiative}/underskrifter.csv"),
    ] {
        let (status, html) = app.get_text(&path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(html.contains("Du må logge inn"), "{path}: {html}");
    }
    app.stop().await;
}

/// The one session holding a staff login: its stored data and expiry.
async fn staff_session(app: &crate::helpers::TestApp) -> app::ssr::db::entities::session::Model {
    use app::ssr::db::entities::session;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    session::Entity::find()
        .filter(session::Column::Data.contains("staff_user_id"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a staff session")
}

/// Idle expiry slides with activity: a logged-in session used within its idle time lives on
/// (its stored expiry and its cookie move), but is written at most every few minutes; one
/// left idle past its expiry is logged out. Its id is stored only as a hash.
async fn a_session_in_use_stays_alive_and_an_idle_one_expires(backend: Backend) {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let app = spawn_app(backend).await;
    let r = app.login(ADMIN, ADMIN_PW).await;
    let cookie = session_cookie(r.headers()).expect("a session cookie");
    let id = cookie.trim_start_matches("innspill_session=");
    let row = staff_session(&app).await;
    assert_ne!(row.id, id, "the id is not stored as it is");
    assert_eq!(row.id, app::ssr::http::session_store::stored_id(id));

    // Fifty-five minutes later (idle time sixty): seen ten minutes ago, expiring in five.
    let now = chrono::Utc::now();
    let mut data: serde_json::Value = serde_json::from_str(&row.data).unwrap();
    data["seen_at"] = serde_json::json!(now.timestamp() - 600);
    let mut am = row.into_active_model();
    am.data = Set(data.to_string());
    am.expires_at = Set(now + chrono::Duration::minutes(5));
    am.update(&app.state.db).await.unwrap();
    let r = app.get("/ansatt").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        session_cookie(r.headers()).is_some(),
        "the cookie's expiry moves too"
    );
    let moved = staff_session(&app).await.expires_at;
    assert!(
        moved > now + chrono::Duration::minutes(59),
        "expiry moved to an hour from now: {moved}"
    );
    // Used again at once: nothing written.
    let r = app.get("/ansatt").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(session_cookie(r.headers()).is_none());
    assert_eq!(staff_session(&app).await.expires_at, moved);

    // Left idle past its expiry: logged out.
    let mut am = staff_session(&app).await.into_active_model();
    am.expires_at = Set(chrono::Utc::now() - chrono::Duration::seconds(1));
    am.update(&app.state.db).await.unwrap();
    let r = app.get("/ansatt").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

on_both_databases!(
    a_session_in_use_stays_alive_and_an_idle_one_expires,
    every_staff_page_and_download_asks_an_anonymous_visitor_to_log_in,
    a_wrong_password_and_an_unknown_address_get_the_same_answer,
    logging_in_rotates_the_session_and_opens_the_staff_page,
    a_failed_login_without_javascript_comes_back_with_the_message_and_the_address,
    a_successful_login_without_javascript_redirects_to_the_staff_page,
    repeated_failures_lock_the_account_for_a_while_with_a_clear_message,
    fifty_parallel_guesses_make_at_most_five_hash_attempts,
    a_deactivated_member_cannot_log_in,
);
