//! Security headers on every response. Pages rendered by the app set their own
//! Content-Security-Policy carrying the per-response script nonce; everything else gets the
//! strict default here. In production, HSTS (a year, subdomains too). Nothing rendered for a
//! session, and no server function's answer, may be kept by a cache (`no-store`).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderValue, header};

pub const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The default policy with more origins allowed as form targets (`form-action`) and as frame
/// parents (`frame-ancestors`, else `'none'`).
pub fn csp_allowing(form_targets: &[&str], frame_parents: &[&str]) -> String {
    let form = std::iter::once("'self'")
        .chain(form_targets.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let frames = if frame_parents.is_empty() {
        "'none'".to_string()
    } else {
        frame_parents.join(" ")
    };
    DEFAULT_CSP
        .replace("form-action 'self'", &format!("form-action {form}"))
        .replace(
            "frame-ancestors 'none'",
            &format!("frame-ancestors {frames}"),
        )
}

/// `production`: whether to send HSTS.
pub async fn headers(State(production): State<bool>, req: Request, next: Next) -> Response {
    let for_session =
        app::ssr::http::page::cookie(req.headers(), app::ssr::SESSION_COOKIE).is_some();
    let path = req.uri().path();
    let server_fn = path.starts_with("/api/") && !path.starts_with("/api/v1/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if (for_session || server_fn) && !is_download(h) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if production {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !h.contains_key(header::REFERRER_POLICY) {
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        );
    }
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    res
}

/// A file download keeps the cache rule its handler chose (a public document may be cached).
fn is_download(h: &http::HeaderMap) -> bool {
    h.contains_key(header::CONTENT_DISPOSITION)
}
