use crate::helpers::spawn_app;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn the_open_data_api_lists_organisations_with_their_bodies(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = app
        .client
        .get(app.url("/api/v1/organisations"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let list: serde_json::Value = r.json().await.unwrap();
    let list = list.as_array().expect("an array");
    assert_eq!(
        list.len(),
        3,
        "Eksempel kommune, Eksempel fylkeskommune, Lillevik kommune"
    );
    let kommune = list
        .iter()
        .find(|o| o["slug"] == "eksempel-kommune")
        .expect("kommune");
    assert_eq!(kommune["name"], "Eksempel kommune");
    assert_eq!(kommune["kind"], "municipality");
    assert_eq!(kommune["kommunenummer"], "9999");
    assert_eq!(kommune["population"], 15001);
    assert_eq!(kommune["population_date"], "2026-01-01");
    let bodies: Vec<&str> = kommune["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["Kommunestyret", "Utvalg for plan og miljø"]);
    let county = list
        .iter()
        .find(|o| o["slug"] == "eksempel-fylkeskommune")
        .expect("county");
    assert_eq!(county["kind"], "county");
    assert_eq!(county["kommunenummer"], "99");
    // Open data carries no internal ids.
    assert!(kommune.get("id").is_none());
    app.stop().await;
}

async fn pages_render_on_the_server_in_the_chosen_language(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, html) = app.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"nb\""));
    assert!(html.contains("Eksempel kommune"));
    assert!(html.contains("Hopp til hovedinnholdet"));
    assert!(html.contains("href=\"/personvern\""));

    let r = app.get("/sprak/nn?til=/org/eksempel-kommune").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        crate::helpers::location(r.headers()),
        "/org/eksempel-kommune"
    );
    let (status, html) = app.get_text("/org/eksempel-kommune").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"nn\""));
    assert!(html.contains("Innbyggjartal"), "nynorsk label");
    assert!(html.contains("Kommunestyret"));

    // A language switch never sends the visitor off-site.
    for til in [
        "//evil.example/",
        "/%09/evil.example",
        "%2F%09%2Fevil.example",
        "/%5Cevil.example",
        "/%252F%252Fevil.example",
        "https://evil.example/",
        "%EF%BC%8F%EF%BC%8Fevil.example",
    ] {
        let r = app.get(&format!("/sprak/en?til={til}")).await;
        assert_eq!(crate::helpers::location(r.headers()), "/", "{til}");
    }
    app.stop().await;
}

async fn an_unknown_organisation_or_page_is_a_404_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, html) = app.get_text("/org/finnes-ikke").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Fant ikke siden"));
    let (status, html) = app.get_text("/ingen/slik/side").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Fant ikke siden"));
    app.stop().await;
}

async fn health_and_readiness_answer(backend: Backend) {
    let app = spawn_app(backend).await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
    // Probes do not create sessions.
    assert!(crate::helpers::session_cookie(app.get("/healthz").await.headers()).is_none());
    app.stop().await;
}

async fn every_page_carries_a_strict_content_security_policy(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = app.get("/").await;
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'self'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    let html = r.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("nonce");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the nonce"
    );
    let r = app.get("/healthz").await;
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    app.stop().await;
}

on_both_databases!(
    the_open_data_api_lists_organisations_with_their_bodies,
    pages_render_on_the_server_in_the_chosen_language,
    an_unknown_organisation_or_page_is_a_404_page,
    health_and_readiness_answer,
    every_page_carries_a_strict_content_security_policy,
);
