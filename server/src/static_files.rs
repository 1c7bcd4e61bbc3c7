//! Static files and compression. The site's own files under `/pkg` carry content hashes in their
//! names (cargo-leptos, `hash-files`), so they are cached for ever; a release build precompresses
//! them (`--precompress`: `.br` and `.gz` beside each file), served as they are. Everything else
//! that is text — pages, JSON, CSV, feeds, and a development build's static files — is compressed
//! per response, brotli or gzip as the browser asks.

use app::ssr::http::site::SiteFiles;
use http::HeaderValue;
use http::header::CACHE_CONTROL;
use tower::Layer;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

/// `/pkg`: the stylesheet, script and wasm, precompressed where the build did so.
pub fn site(site_root: &str) -> SetResponseHeader<ServeDir, HeaderValue> {
    let dir = ServeDir::new(format!("{site_root}/pkg"))
        .precompressed_br()
        .precompressed_gzip();
    let cache = HeaderValue::from_static(SiteFiles::current().cache_control());
    SetResponseHeaderLayer::overriding(CACHE_CONTROL, cache).layer(dir)
}

/// A file with a fixed name at the site's root (icon, robots.txt, a small script): cached for an
/// hour, then revalidated.
pub fn file(site_root: &str, name: &str) -> SetResponseHeader<ServeFile, HeaderValue> {
    let file = ServeFile::new(format!("{site_root}/{name}"))
        .precompressed_br()
        .precompressed_gzip();
    let cache = HeaderValue::from_static("public, max-age=3600");
    SetResponseHeaderLayer::overriding(CACHE_CONTROL, cache).layer(file)
}

/// Brotli or gzip for text responses that are not compressed already; not for what compresses
/// no further (images, PDF files, ZIP archives) or is tiny.
pub fn compression() -> CompressionLayer<impl Predicate> {
    let predicate = DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new("application/zip"));
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(CompressionLevel::Precise(4))
        .compress_when(predicate)
}
