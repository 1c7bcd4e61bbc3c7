//! Hearings as open data: JSON and CSV, the Atom feed, the OpenAPI document — and never an
//! email address or an unpublished word.

use crate::hearing_support::*;
use crate::helpers::spawn_app;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn the_api_lists_public_hearings_as_json_and_csv_and_never_a_draft(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, list) = app
        .get_json("/api/v1/hearings?organisation=eksempel-kommune&status=open")
        .await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().unwrap();
    let titles: Vec<&str> = list.iter().map(|h| h["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&STORGATA));
    assert!(titles.contains(&"Endring av skoleruta for 2027/2028"));
    assert!(
        !titles.contains(&"Trafikksikkerhetsplan 2027–2030"),
        "closed"
    );
    for h in list {
        for key in [
            "id",
            "organisation",
            "title",
            "status",
            "opens_at",
            "deadline",
        ] {
            assert!(!h[key].is_null(), "{key} in {h}");
        }
        assert_eq!(h["organisation"], "eksempel-kommune");
        assert_eq!(h["status"], "open");
    }
    let (_, all) = app.get_json("/api/v1/hearings?status=all").await;
    let all = all.as_array().unwrap();
    assert!(all.iter().all(|h| h["status"] != "draft"), "never a draft");
    assert!(
        all.iter()
            .any(|h| h["organisation"] == "eksempel-fylkeskommune")
    );
    let (status, _) = app.get_json("/api/v1/hearings?status=draft").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let r = app
        .client
        .get(app.url("/api/v1/hearings?format=csv&status=open"))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    assert!(
        csv.trim_start_matches('\u{feff}')
            .starts_with("id,organisation,organisation_name,title")
    );
    assert!(csv.contains(STORGATA));

    let draft = demo_hearing(&app, "Ny parkeringsnorm for sentrum").await;
    assert_eq!(
        app.get_json(&format!("/api/v1/hearings/{}", draft.id))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    app.stop().await;
}

async fn the_api_lists_public_hearings_with_their_published_submissions_and_no_email_address(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let r = app
        .client
        .get(app.url(&format!("/api/v1/hearings/{}", h.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let raw = r.text().await.unwrap();
    assert!(!raw.contains('@'), "no email address anywhere: {raw}");
    let detail: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(detail["submission_count"], 3, "published and redacted only");
    let submitters: Vec<&str> = detail["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["submitter"].as_str().unwrap())
        .collect();
    assert_eq!(
        submitters,
        ["Eksempel historielag", "Kari Nordmann", "Privatperson"]
    );
    assert_eq!(detail["sections"].as_array().unwrap().len(), 3);
    assert!(
        detail["documents"][0]["url"]
            .as_str()
            .unwrap()
            .contains("/filer/dokument/")
    );
    app.stop().await;
}

async fn each_organisation_has_an_atom_feed_and_the_api_is_described(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = app
        .client
        .get(app.url("/api/v1/organisations/eksempel-kommune/hearings.atom"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let xml = r.text().await.unwrap();
    assert!(xml.contains("<feed"));
    assert!(xml.contains("<title>Høringer – Eksempel kommune</title>"));
    assert!(xml.contains(STORGATA));
    assert!(!xml.contains("Ny parkeringsnorm"), "no drafts");
    assert!(!xml.contains("Regional plan"), "only this organisation");
    let (status, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/v1/organisations",
        "/api/v1/hearings",
        "/api/v1/hearings/{id}",
        "/api/v1/organisations/{slug}/hearings.atom",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path}");
    }
    app.stop().await;
}

async fn the_public_lists_filter_by_organisation_status_and_words_a_page_at_a_time(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let (status, html) = app.get_text("/horinger").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(STORGATA));
    assert!(
        html.contains("Regional plan for kollektivtrafikk"),
        "across organisations"
    );
    assert!(
        !html.contains("Trafikksikkerhetsplan"),
        "open ones by default"
    );
    assert!(html.contains("dager igjen"));
    let (_, html) = app.get_text("/horinger?status=closed").await;
    assert!(html.contains("Trafikksikkerhetsplan 2027–2030"));
    let (_, html) = app.get_text("/horinger?status=all&q=SKOLERUTA").await;
    assert!(html.contains("Endring av skoleruta"));
    assert!(html.contains("1 høringer"));
    let (_, html) = app.get_text("/org/eksempel-fylkeskommune/horinger").await;
    assert!(html.contains("Regional plan for kollektivtrafikk"));
    assert!(!html.contains(STORGATA));
    app.stop().await;
}

on_both_databases!(
    the_api_lists_public_hearings_as_json_and_csv_and_never_a_draft,
    the_api_lists_public_hearings_with_their_published_submissions_and_no_email_address,
    each_organisation_has_an_atom_feed_and_the_api_is_described,
    the_public_lists_filter_by_organisation_status_and_words_a_page_at_a_time,
);
