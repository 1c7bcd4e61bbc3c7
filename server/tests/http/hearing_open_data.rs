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

async fn a_page_far_past_the_last_is_empty_never_a_server_error(backend: Backend) {
    let app = spawn_app(backend).await;
    let huge = u64::MAX;
    // The API's last page is the millionth (as its document says): it is empty; beyond it, 400.
    for path in [
        "/api/v1/hearings?page=1000000&per_page=500",
        "/api/v1/initiatives?page=1000000&per_page=500",
    ] {
        let (status, json) = app.get_json(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(json.as_array().map(Vec::len), Some(0), "{path}: {json}");
    }
    for path in [
        format!("/api/v1/hearings?page={huge}&per_page=500"),
        format!("/api/v1/initiatives?page={huge}&per_page=500"),
        "/api/v1/hearings?page=99999999999999999999999".to_string(),
        "/api/v1/hearings?page=0".to_string(),
        "/api/v1/initiatives?per_page=501".to_string(),
    ] {
        let (status, json) = app.get_json(&path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(json["error"].is_string(), "{path}: {json}");
    }
    // The pages show an empty page.
    for path in [
        format!("/horinger?status=all&page={huge}"),
        format!("/innbyggerforslag?page={huge}"),
    ] {
        let (status, _) = app.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
    app.stop().await;
}

async fn a_hearings_submissions_come_fifty_to_a_page_with_plain_links(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    app::testing::publish_submissions(&app.state, &h, 120).await;
    let path = format!("/org/eksempel-kommune/horinger/{}", h.id);
    let cards = |html: &str| html.matches("Innspill nummer ").count();
    let (status, first) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        first.contains("Innspill (123)"),
        "the count is of all of them"
    );
    assert_eq!(
        cards(&first),
        47,
        "fifty on the first page, three of them the demo's"
    );
    assert!(first.contains("Side 1 av 3"));
    assert!(first.contains(&format!("href=\"{path}?page=2#submissions-heading\"")));
    let (_, second) = app.get_text(&format!("{path}?page=2")).await;
    assert_eq!(cards(&second), 50);
    assert!(second.contains("Side 2 av 3"));
    assert!(
        second.contains("Innspill nummer 47."),
        "the next ones, in order"
    );
    assert!(!second.contains("Innspill nummer 46."));
    let (_, third) = app.get_text(&format!("{path}?page=3")).await;
    assert_eq!(cards(&third), 23);
    let (status, past) = app.get_text(&format!("{path}?page=99")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(past.contains("Det er ingen innspill på denne siden."));
    assert_eq!(cards(&past), 0);

    // The open data: a page of fifty as JSON, all of them as CSV.
    let (_, json) = app.get_json(&format!("/api/v1/hearings/{}", h.id)).await;
    assert_eq!(json["submission_count"], 123);
    assert_eq!(json["submission_pages"], 3);
    assert_eq!(json["submissions"].as_array().map(Vec::len), Some(50));
    let (_, json) = app
        .get_json(&format!("/api/v1/hearings/{}?page=3", h.id))
        .await;
    assert_eq!(json["submissions"].as_array().map(Vec::len), Some(23));
    let (_, csv) = app
        .get_text(&format!("/api/v1/hearings/{}?format=csv", h.id))
        .await;
    assert_eq!(csv.matches("INN-").count(), 123, "a row for each");
    app.stop().await;
}

on_both_databases!(
    the_api_lists_public_hearings_as_json_and_csv_and_never_a_draft,
    the_api_lists_public_hearings_with_their_published_submissions_and_no_email_address,
    each_organisation_has_an_atom_feed_and_the_api_is_described,
    the_public_lists_filter_by_organisation_status_and_words_a_page_at_a_time,
    a_page_far_past_the_last_is_empty_never_a_server_error,
    a_hearings_submissions_come_fifty_to_a_page_with_plain_links,
);
