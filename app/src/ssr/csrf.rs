//! CSRF protection for every state-changing request (server functions and plain forms alike):
//! a random token kept in the session, which each form carries as the hidden field
//! `csrf_token` (or a script as the `x-csrf-token` header). Safe methods get the token placed in
//! the request, so that the page can render it.

use super::internal::internal;
use super::page::plain_page;
use crate::domain::lang::Lang;
use crate::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method, StatusCode, header};
use rand::RngCore;
use tower_sessions::Session;

pub const SESSION_KEY: &str = "csrf";
pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The current request's token, in the request extensions (and so in leptos' context).
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

fn new_token() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
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
    "/api/submit_comment",
    "/api/upload_hearing_document",
    "/api/save_initiative",
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

pub async fn csrf_layer(session: Session, req: Request, next: Next) -> Response {
    let stored = match session.get::<String>(SESSION_KEY).await {
        Ok(t) => t,
        Err(e) => return error_page(&req, internal(e)),
    };
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let token = match stored {
            Some(t) => t,
            None => {
                let t = new_token();
                if let Err(e) = session.insert(SESSION_KEY, &t).await {
                    return error_page(&req, internal(e));
                }
                t
            }
        };
        let mut req = req;
        req.extensions_mut().insert(CsrfToken(token));
        return next.run(req).await;
    }

    if is_multipart(req.headers())
        && MULTIPART_ENDPOINTS.contains(&req.uri().path())
        && let Some(token) = stored
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
    match (stored, presented) {
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
    let lang = super::page::lang_from_headers(req.headers());
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
        super::page::escape(&back),
        i.t("csrf.back"),
    );
    plain_page(StatusCode::FORBIDDEN, lang, &i.t("csrf.title"), &body)
}

/// The path and query of a URL on this site, or `None` for anything pointing elsewhere.
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
    (path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')).then_some(path)
}

fn json_error(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(&e).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn error_page(req: &Request, e: AppError) -> Response {
    if !wants_html(req.headers()) {
        return json_error(e);
    }
    let lang: Lang = super::page::lang_from_headers(req.headers());
    super::page::error_response(lang, &e)
}

/// Checks the token a server function received against the session's (defence in depth: the
/// layer has already checked the request).
pub async fn verify(session: &Session, presented: &str) -> Result<(), AppError> {
    use super::internal::OrInternal;
    match session.get::<String>(SESSION_KEY).await.or_internal()? {
        Some(s) if same(&s, presented) => Ok(()),
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
        let t = new_token();
        assert_eq!(t.len(), 64);
        assert!(same(&t, &t.clone()));
        assert!(!same(&t, &new_token()));
        assert!(!same(&t, &t[..63]));
    }
}
