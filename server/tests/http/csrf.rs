use crate::helpers::spawn_app;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn a_form_without_or_with_a_wrong_token_gets_the_expired_form_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let _ = app.csrf_token().await;
    for form in [
        vec![
            ("email", "admin@eksempel.kommune.no"),
            ("password", "demo-passord-admin"),
        ],
        vec![
            ("csrf_token", "0000"),
            ("email", "admin@eksempel.kommune.no"),
            ("password", "demo-passord-admin"),
        ],
    ] {
        let r = app
            .post_form("staff_login", "/ansatt/logg-inn", &form)
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let html = r.text().await.unwrap();
        assert!(html.contains("Skjemaet er utløpt"));
        assert!(html.contains("href=\"/ansatt/logg-inn\""), "a way back");
    }
    // Nothing happened: still not logged in.
    let (status, _) = app.get_text("/ansatt").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.stop().await;
}

async fn a_token_from_another_session_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let other = crate::helpers::browser();
    let html = other
        .get(app.url("/ansatt/logg-inn"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let foreign = app::testing::csrf_token_in(&html);
    let _ = app.csrf_token().await;
    let r = app
        .call(
            "staff_login",
            &[
                ("csrf_token", &foreign),
                ("email", "admin@eksempel.kommune.no"),
                ("password", "demo-passord-admin"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}

on_both_databases!(
    a_form_without_or_with_a_wrong_token_gets_the_expired_form_page,
    a_token_from_another_session_is_refused,
);
