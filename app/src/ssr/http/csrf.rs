//! CSRF protection for every state-changing request (server functions and plain forms alike),
//! as a signed double-submit cookie: the browser holds a random value in an HttpOnly cookie
//! (`__Host-` prefixed in production, so that no other host can plant one), and each form carries
//! the HMAC of that value under the server's secret as the hidden field `csrf_token` (or a
//! script as the `x-csrf-token` header). Nothing is stored on the server, so a reader who only
//! looks at pages gets no session, and the pages can be served from the page cache.

use crate::error::AppError;
use crate::ssr::http::page::plain_page;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method, StatusCode, header};

pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";
const MAX_FORM_BYTES: usize = 1024 * 1024;

pub use crate::dto::auth::CsrfToken;

/// The cookie holding the browser's random value.
pub fn cookie_name(production: bool) -> &'static str {
    if production {
        "__Host-innspill_csrf"
    } else {
        "innspill_csrf"
    }
}

/// A new random cookie value.
pub fn new_cookie_value() -> String {
    crate::ssr::security::tokens::random_token()
}

/// The token forms carry for the browser holding `cookie_value`.
pub fn token_for(secret: &[u8], cookie_value: &str) -> String {
    crate::ssr::security::seal::keyed_hash(secret, &[b"csrf:", cookie_value.as_bytes()])
}

/// The browser's cookie value, when it is one this server could have made.
fn cookie_value(headers: &HeaderMap, production: bool) -> Option<String> {
    crate::ssr::http::page::cookie(headers, cookie_name(production))
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn set_cookie(res: &mut Response, production: bool, value: &str) {
    if let Some(v) =
        crate::ssr::http::page::cookie_header(cookie_name(production), value, None, production)
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Server functions that take a multipart form (files): the layer cannot read the token from a
/// streamed body, so each of these checks the form's `csrf_token` field itself.
pub const MULTIPART_ENDPOINTS: &[&str] = &[
    crate::paths::SUBMIT_COMMENT_ACTION,
    crate::paths::UPLOAD_DOCUMENT_ACTION,
    crate::paths::SAVE_INITIATIVE_ACTION,
    crate::paths::CREATE_ORGANISATION_ACTION,
    crate::paths::UPLOAD_LOGO_ACTION,
    crate::paths::ANSWER_SURVEY_ACTION,
    crate::paths::SAVE_PANEL_MARGINS_ACTION,
];

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

pub async fn csrf_layer(
    axum::extract::State(state): axum::extract::State<crate::ssr::AppState>,
    req: Request,
    next: Next,
) -> Response {
    let production = state.settings.is_production();
    let secret = state.settings.secret();
    let cookie = cookie_value(req.headers(), production);
    let expected = cookie.as_deref().map(|c| token_for(secret, c));
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let mut req = req;
        return match (cookie, expected) {
            (Some(_), Some(token)) => {
                req.extensions_mut().insert(CsrfToken(token));
                next.run(req).await
            }
            _ => {
                let value = new_cookie_value();
                req.extensions_mut()
                    .insert(CsrfToken(token_for(secret, &value)));
                let mut res = next.run(req).await;
                set_cookie(&mut res, production, &value);
                res
            }
        };
    }

    if is_multipart(req.headers())
        && MULTIPART_ENDPOINTS.contains(&req.uri().path())
        && let Some(token) = expected
    {
        let mut req = req;
        req.extensions_mut().insert(CsrfToken(token));
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let mut presented = parts
        .headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = if presented.is_none() && is_form(&parts.headers) {
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            return (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response();
        };
        presented = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == FIELD).map(|(_, v)| v));
        Body::from(bytes)
    } else {
        body
    };
    let req = Request::from_parts(parts, body);
    match (expected, presented) {
        (Some(s), Some(p)) if same(&s, &p) => {
            let mut req = req;
            req.extensions_mut().insert(CsrfToken(s));
            next.run(req).await
        }
        _ => {
            tracing::warn!(path = %req.uri().path(), "CSRF token missing or wrong");
            expired_form(&req)
        }
    }
}

fn expired_form(req: &Request) -> Response {
    let lang = crate::ssr::http::page::lang_from_headers(req.headers());
    if !wants_html(req.headers()) {
        return json_error(AppError::Forbidden);
    }
    let back = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(local_path)
        .unwrap_or_else(|| "/".to_string());
    let i = crate::i18n::I18n(lang);
    let body = format!(
        "<h1 class=\"ds-heading\" data-size=\"lg\">{}</h1><p class=\"ds-paragraph\">{}</p>\
         <p><a class=\"ds-link\" href=\"{}\">{}</a></p>",
        i.t("csrf.title"),
        i.t("csrf.body"),
        crate::ssr::http::page::escape(&back),
        i.t("csrf.back"),
    );
    plain_page(StatusCode::FORBIDDEN, lang, &i.t("csrf.title"), &body)
}

/// The path and query of a URL (a `Referer`), when it is a safe way back
/// (`paths::safe_return_path`).
pub fn local_path(url: &str) -> Option<String> {
    let path = match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            rest.find('/')
                .map(|j| rest[j..].to_string())
                .unwrap_or_else(|| "/".into())
        }
        None => url.to_string(),
    };
    crate::paths::safe_return_path(&path)
}

fn json_error(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(&e).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Checks the token a server function received against the one the layer derived from the
/// browser's cookie (defence in depth for most requests; multipart forms are checked only here).
pub fn verify(presented: &str) -> Result<(), AppError> {
    let expected = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<CsrfToken>().cloned());
    match expected {
        Some(CsrfToken(s)) if same(&s, presented) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_accepted_as_a_way_back() {
        assert_eq!(
            local_path("http://127.0.0.1:3000/ansatt?x=1").as_deref(),
            Some("/ansatt?x=1")
        );
        assert_eq!(
            local_path("/org/eksempel").as_deref(),
            Some("/org/eksempel")
        );
        assert_eq!(local_path("//evil.example/"), None);
        assert_eq!(local_path("javascript:alert(1)"), None);
    }

    #[test]
    fn tokens_compare_in_full() {
        let t = token_for(b"secret", &new_cookie_value());
        assert_eq!(t.len(), 64);
        assert!(same(&t, &t.clone()));
        assert!(!same(&t, &token_for(b"secret", &new_cookie_value())));
        assert!(!same(&t, &t[..63]));
    }

    #[test]
    fn a_token_belongs_to_one_cookie_and_one_secret() {
        let v = new_cookie_value();
        assert_eq!(token_for(b"secret", &v), token_for(b"secret", &v));
        assert_ne!(token_for(b"secret", &v), token_for(b"other", &v));
        assert_ne!(token_for(b"secret", &v), v, "the token is not the cookie");
    }

    #[test]
    fn only_a_well_formed_cookie_counts() {
        let mut h = HeaderMap::new();
        let v = new_cookie_value();
        h.insert(
            header::COOKIE,
            format!("lang=nn; innspill_csrf={v}").parse().unwrap(),
        );
        assert_eq!(cookie_value(&h, false), Some(v.clone()));
        assert_eq!(
            cookie_value(&h, true),
            None,
            "production wants the __Host- cookie"
        );
        h.insert(header::COOKIE, "innspill_csrf=abc".parse().unwrap());
        assert_eq!(cookie_value(&h, false), None);
    }
}
