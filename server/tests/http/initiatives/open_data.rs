//! Open data on initiatives: the JSON list with counts, deadlines and outcomes (and nothing
//! personal), CSV, the Atom feed, and the OpenAPI description.

use crate::helpers::{is_json, spawn_app};
use crate::initiative_support::*;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn open_data_lists_public_initiatives_with_counts_deadlines_and_outcomes(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, json) = app
        .get_json("/api/v1/initiatives?organisation=eksempel-kommune")
        .await;
    assert_eq!(status, StatusCode::OK);
    let items = json.as_array().unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&PARKING));
    assert!(titles.contains(&LIBRARY));
    assert!(
        !titles.contains(&BENCHES),
        "one still in screening is not public"
    );
    let library = items.iter().find(|i| i["title"] == LIBRARY).unwrap();
    for key in [
        "id",
        "organisation",
        "title",
        "status",
        "signature_count",
        "threshold",
        "collection_ends",
        "submitted_at",
        "decision_due",
        "outcome",
    ] {
        assert!(library.get(key).is_some(), "{key} in {library}");
    }
    assert_eq!(library["organisation"], "eksempel-kommune");
    assert_eq!(library["status"], "submitted");
    assert_eq!(library["signature_count"], 303);
    assert_eq!(library["threshold"], 300);
    let serialized = json.to_string();
    assert!(
        !serialized.contains("Nordmann"),
        "no signer or proposer data"
    );
    assert!(
        !serialized.contains("forslagsstiller@"),
        "no contact address"
    );

    let (_, json) = app
        .get_json("/api/v1/initiatives?organisation=eksempel-kommune&status=decided")
        .await;
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0]["signature_count"], 325,
        "final counts after deletion"
    );
    assert!(
        items[0]["outcome"]
            .as_str()
            .unwrap()
            .contains("skateparken")
    );
    let (status, _) = app.get_json("/api/v1/initiatives?status=draft").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let benches = initiative_by_title(&app, BENCHES).await;
    let (status, _) = app
        .get_json(&format!("/api/v1/initiatives/{}", benches.id))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn open_data_comes_as_csv_and_an_atom_feed_and_is_described_in_openapi(backend: Backend) {
    let app = spawn_app(backend).await;

    let r = app
        .client
        .get(app.url("/api/v1/initiatives?organisation=eksempel-kommune&format=csv"))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = r.text().await.unwrap();
    assert!(body.lines().next().unwrap().contains("signature_count"));
    assert!(body.contains(LIBRARY));
    let r = app
        .client
        .get(app.url("/api/v1/organisations/eksempel-kommune/initiatives.atom"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(!is_json(&r));
    let feed = r.text().await.unwrap();
    assert!(feed.contains("<feed"));
    assert!(feed.contains(PARKING));
    let (_, openapi) = app.get_json("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/initiatives",
        "/api/v1/initiatives/{id}",
        "/api/v1/organisations/{slug}/initiatives.atom",
    ] {
        assert!(openapi["paths"].get(path).is_some(), "{path} documented");
    }
    app.stop().await;
}

on_both_databases!(
    open_data_lists_public_initiatives_with_counts_deadlines_and_outcomes,
    open_data_comes_as_csv_and_an_atom_feed_and_is_described_in_openapi,
);
