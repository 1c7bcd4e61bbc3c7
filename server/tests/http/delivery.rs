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

on_both_databases!(
    pages_and_open_data_come_compressed_as_the_browser_asks,
    a_hearing_page_carries_no_hydration_data_and_loads_no_wasm_up_front,
);
