//! Plain HTML pages rendered outside leptos: CSRF and middleware errors, which must work even
//! when the app itself cannot render.

use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::i18n::I18n;
use axum::response::{Html, IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};

/// The value of the request's cookie `name`, if it has one.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, for the whole site, `Secure` in production;
/// `max_age` in seconds, else it lasts while the browser runs.
pub fn cookie_header(
    name: &str,
    value: &str,
    max_age: Option<u32>,
    production: bool,
) -> Option<http::HeaderValue> {
    let max_age = max_age
        .map(|s| format!("; Max-Age={s}"))
        .unwrap_or_default();
    let secure = if production { "; Secure" } else { "" };
    http::HeaderValue::from_str(&format!(
        "{name}={value}; Path=/{max_age}; SameSite=Lax; HttpOnly{secure}"
    ))
    .ok()
}

pub fn lang_from_headers(headers: &HeaderMap) -> Lang {
    crate::i18n::request_lang(
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok()),
        headers
            .get(crate::i18n::DEFAULT_LANG_HEADER)
            .and_then(|v| v.to_str().ok()),
    )
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub fn plain_page(status: StatusCode, lang: Lang, title: &str, body_html: &str) -> Response {
    let i = I18n(lang);
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – Innspill</title>\
         <link rel=\"stylesheet\" href=\"{pkg}/{css}\"></head>\
         <body><header class=\"site-header\"><a class=\"site-name\" href=\"/\">Innspill</a></header>\
         <main id=\"main\" class=\"page\">{body_html}</main>\
         <footer class=\"site-footer\"><a class=\"ds-link\" href=\"{privacy_path}\">{privacy}</a></footer>\
         </body></html>",
        lang = lang.code(),
        pkg = crate::paths::PKG,
        css = super::site::SiteFiles::current().css,
        title = escape(title),
        privacy = i.t("footer.privacy"),
        privacy_path = crate::paths::PRIVACY,
    );
    (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

pub fn error_response(lang: Lang, e: &AppError) -> Response {
    let i = I18n(lang);
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (title, text) = match e {
        AppError::NotFound => (i.t("error.not_found.title"), i.t("error.not_found.body")),
        AppError::Forbidden => (i.t("error.forbidden.title"), i.t("error.forbidden.body")),
        AppError::CrossSite => (i.t("error.cross_site.title"), i.t("error.cross_site.body")),
        AppError::Unauthorized => (
            i.t("error.unauthorized.title"),
            i.t("error.unauthorized.body"),
        ),
        AppError::Internal { reference } => (
            i.t("error.internal.title"),
            i.tf("error.internal.body", &[("reference", reference)]),
        ),
        _ => (i.t("error.internal.title"), i.t("error.generic")),
    };
    let body = format!(
        "<h1 class=\"ds-heading\" data-size=\"lg\">{}</h1><p class=\"ds-paragraph\">{}</p>\
         <p><a class=\"ds-link\" href=\"/\">{}</a></p>",
        escape(&title),
        escape(&text),
        i.t("error.home"),
    );
    plain_page(status, lang, &title, &body)
}
