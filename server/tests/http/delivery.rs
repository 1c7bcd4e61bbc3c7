//! How pages travel: compressed as the browser asks, and rendered as plain HTML with no
//! hydration data (islands: only an island's own props would be sent to the browser).

use crate::hearing_support::{STORGATA, demo_hearing};
use crate::helpers::spawn_app;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, VARY};

async fn pages_and_open_data_come_compressed_as_the_browser_asks(backend: Backend) {
    let app = spawn_app(backend).await;
    let get = |path: &str, encoding: Option<&str>| {
        let mut r = app.client.get(format!("{}{path}", app.base));
        if let Some(e) = encoding {
            r = r.header(ACCEPT_ENCODING, e);
        }
        r.send()
    };
    let plain = get("/", None).await.unwrap();
    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(plain.headers().get(CONTENT_ENCODING), None);
    let plain_len = plain.bytes().await.unwrap().len();

    let br = get("/", Some("gzip, deflate, br, zstd")).await.unwrap();
    assert_eq!(br.headers()[CONTENT_ENCODING], "br", "brotli when offered");
    assert!(
        br.headers()[VARY]
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("accept-encoding")
    );
    let br_len = br.bytes().await.unwrap().len();
    assert!(
        br_len * 3 < plain_len,
        "the home page shrinks: {br_len} bytes of {plain_len}"
    );

    let gz = get("/", Some("gzip")).await.unwrap();
    assert_eq!(gz.headers()[CONTENT_ENCODING], "gzip");
    let api = get("/api/v1/hearings", Some("gzip")).await.unwrap();
    assert_eq!(api.status(), StatusCode::OK);
    assert_eq!(api.headers()[CONTENT_ENCODING], "gzip", "JSON too");
    app.stop().await;
}

async fn a_hearing_page_carries_no_hydration_data_and_loads_no_wasm_up_front(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let (status, html) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", h.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    // (Leptos separates a text from what follows with an empty comment, `<!>`.)
    let facts = html.replace("<!>", "");
    assert!(
        facts.contains("<dt>Høringsfrist</dt><dd>")
            && !facts.contains("<dt>Høringsfrist</dt><dd>Frist"),
        "the deadline's label is said once"
    );
    let resources = html
        .split("__RESOLVED_RESOURCES=[")
        .nth(1)
        .map(|rest| &rest[..rest.find("];").unwrap_or(rest.len())]);
    assert!(
        resources.is_none_or(str::is_empty),
        "no page data serialised for hydration: {resources:?}"
    );
    assert!(
        !html.contains("rel=\"modulepreload\"") && !html.contains("rel=\"preload\""),
        "no script or wasm fetched before the loader finds an island"
    );
    assert!(html.contains("querySelectorAll('leptos-island')"));
    app.stop().await;
}

async fn nothing_rendered_for_a_session_may_be_cached_and_production_sends_hsts(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let page = format!("/org/eksempel-kommune/horinger/{}", h.id);
    let cache_control = |r: &reqwest::Response| {
        r.headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_string())
    };
    let r = app.get(&page).await;
    assert_ne!(
        cache_control(&r).as_deref(),
        Some("no-store"),
        "a public page"
    );
    app.staff(
        crate::hearing_support::OFFICER.0,
        crate::hearing_support::OFFICER.1,
    )
    .await;
    for path in [page.as_str(), "/ansatt", "/api/current_staff_summary"] {
        let r = app.get(path).await;
        assert_eq!(cache_control(&r).as_deref(), Some("no-store"), "{path}");
        assert!(
            r.headers().get("strict-transport-security").is_none(),
            "not in development"
        );
    }

    // The same layer in production.
    let router = axum::Router::new()
        .route("/", axum::routing::get(|| async { "x" }))
        .layer(axum::middleware::from_fn_with_state(
            true,
            server::security::headers,
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let r = reqwest::get(format!("http://{addr}/")).await.unwrap();
    assert_eq!(
        r.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    app.stop().await;
}

on_both_databases!(
    nothing_rendered_for_a_session_may_be_cached_and_production_sends_hsts,
    pages_and_open_data_come_compressed_as_the_browser_asks,
    a_hearing_page_carries_no_hydration_data_and_loads_no_wasm_up_front,
);
