//! ID-porten's plain HTTP routes: the login link, the redirect back (callback), logout and the
//! return from ID-porten's end-session endpoint, and front-channel logout. The steps
//! themselves are in `app::ssr::idporten::{login, logout}`; this module turns them into
//! redirects and pages.

use crate::security::csp_allowing;
use app::i18n::I18n;
use app::paths::citizen_login_href;
use app::ssr::AppState;
use app::ssr::http::page::{escape, lang_from_headers, plain_page};
use app::ssr::idporten::callback::{self as citizen_callback, Callback};
use app::ssr::idporten::login::{self as citizen_login, LoginError};
use app::ssr::idporten::logout::{self as citizen_logout, EndSessionForm};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct LoginQuery {
    return_to: Option<String>,
}

/// `GET /auth/idporten/login?return_to=<path>`: off to ID-porten.
pub async fn login(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Response {
    let lang = lang_from_headers(&headers);
    match citizen_login::start_login(&state, &session, q.return_to.as_deref(), lang).await {
        Ok(url) => no_store(Redirect::to(&url).into_response()),
        Err(e) => error_page(&headers, &e),
    }
}

/// `GET /auth/idporten/callback`: back from ID-porten with a code (or an error).
pub async fn callback(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(cb): Query<Callback>,
) -> Response {
    let lang = lang_from_headers(&headers);
    match citizen_callback::finish_login(&state, &session, cb, lang).await {
        Ok(path) => no_store(Redirect::to(&path).into_response()),
        Err(e) => error_page(&headers, &e),
    }
}

/// `POST /auth/idporten/logout` (CSRF-checked by the layer): logged out here at once, then on
/// to ID-porten's end-session endpoint with a form that submits itself.
pub async fn logout(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let lang = lang_from_headers(&headers);
    match citizen_logout::logout(&state, &session, lang).await {
        Ok(Some(form)) => end_session_page(&headers, &form),
        Ok(None) => Redirect::to("/utlogget").into_response(),
        Err(e) => app::ssr::http::page::error_response(lang, &e),
    }
}

#[derive(Deserialize)]
pub struct LoggedOutQuery {
    state: Option<String>,
}

/// `GET /auth/idporten/logged-out`: back from ID-porten's end-session endpoint.
pub async fn logged_out(
    session: Session,
    headers: HeaderMap,
    Query(q): Query<LoggedOutQuery>,
) -> Response {
    match citizen_logout::finish_logout(&session, q.state.as_deref()).await {
        Ok(true) => {}
        Ok(false) => tracing::warn!("return from ID-porten logout without this session's state"),
        Err(e) => return app::ssr::http::page::error_response(lang_from_headers(&headers), &e),
    }
    Redirect::to("/utlogget").into_response()
}

#[derive(Deserialize)]
pub struct FrontChannelQuery {
    iss: Option<String>,
    sid: Option<String>,
}

/// `GET /auth/idporten/frontchannel-logout?iss=…&sid=…`: ID-porten (in an iframe of its own
/// page) says a session ended; the logins that came from it end here too.
pub async fn frontchannel_logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<FrontChannelQuery>,
) -> Response {
    let lang = lang_from_headers(&headers);
    let i = I18n(lang);
    let mut res =
        match citizen_logout::frontchannel_logout(&state, q.iss.as_deref(), q.sid.as_deref()).await
        {
            Ok(n) => {
                let key = if n > 0 {
                    "idporten.frontchannel.ended"
                } else {
                    "idporten.frontchannel.none"
                };
                let body = format!(
                    "<h1 class=\"ds-heading\" data-size=\"lg\">{}</h1>\
                     <p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"{}\">{}</a> · \
                     <a class=\"ds-link\" href=\"/\">{}</a></p>",
                    escape(&i.t(key)),
                    escape(&citizen_login_href(app::paths::HOME)),
                    escape(&i.t("idporten.error.try_again")),
                    escape(&i.t("error.home")),
                );
                plain_page(StatusCode::OK, lang, &i.t(key), &body)
            }
            Err(e) => error_page(&headers, &e),
        };
    // ID-porten shows this in an iframe on its login pages.
    let mut parents = Vec::new();
    if let Some(s) = state.idporten.settings() {
        parents.push(origin_of(&s.issuer));
    }
    if let Some(m) = state.idporten.cached_metadata() {
        parents.push(origin_of(m.authorization_endpoint().as_str()));
    }
    parents.dedup();
    let parents: Vec<&str> = parents.iter().map(String::as_str).collect();
    set_csp(&mut res, &csp_allowing(&[], &parents));
    res
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> String {
    let Some(i) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[i + 3..];
    let end = rest.find('/').unwrap_or(rest.len());
    format!("{}{}", &url[..i + 3], &rest[..end])
}

fn set_csp(res: &mut Response, csp: &str) {
    if let Ok(v) = HeaderValue::from_str(csp) {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
}

fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A page explaining why the login did not happen, with a way to try again.
fn error_page(headers: &HeaderMap, e: &LoginError) -> Response {
    let lang = lang_from_headers(headers);
    let i = I18n(lang);
    let (title_key, body_key) = e.keys();
    let title = i.t(title_key);
    let text = match e {
        LoginError::LevelTooLow { need, .. } => {
            i.tf(body_key, &[("level", &i.t(need.label_key()))])
        }
        LoginError::Internal(app::error::AppError::Internal { reference }) => {
            i.tf(body_key, &[("reference", reference)])
        }
        _ => i.t(body_key),
    };
    let retry = (!matches!(e, LoginError::NotConfigured)).then(|| {
        format!(
            "<a class=\"ds-link\" href=\"{}\">{}</a> · ",
            escape(&citizen_login_href(e.return_to())),
            escape(&i.t("idporten.error.try_again")),
        )
    });
    let body = format!(
        "<h1 class=\"ds-heading\" data-size=\"lg\">{}</h1><p class=\"ds-paragraph\">{}</p>\
         <p class=\"ds-paragraph\">{}<a class=\"ds-link\" href=\"/\">{}</a></p>",
        escape(&title),
        escape(&text),
        retry.unwrap_or_default(),
        escape(&i.t("error.home")),
    );
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
    plain_page(status, lang, &title, &body)
}

/// The step from our logout to ID-porten's: a form that a small script submits at once, and
/// that a person without JavaScript sends with its button.
fn end_session_page(headers: &HeaderMap, f: &EndSessionForm) -> Response {
    let lang = lang_from_headers(headers);
    let i = I18n(lang);
    let hidden = |name: &str, value: &str| {
        format!(
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
            escape(value)
        )
    };
    let body = format!(
        "<h1 class=\"ds-heading\" data-size=\"lg\">{}</h1><p class=\"ds-paragraph\">{}</p>\
         <form method=\"post\" action=\"{}\" data-autosubmit>{}{}{}{}\
         <button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">{}</button></form>\
         <script src=\"/autosubmit.js\"></script>",
        escape(&i.t("idporten.logout.title")),
        escape(&i.t("idporten.logout.body")),
        escape(&f.action),
        hidden("id_token_hint", &f.id_token_hint),
        hidden("post_logout_redirect_uri", &f.post_logout_redirect_uri),
        hidden("state", &f.state),
        hidden("ui_locales", &f.ui_locales),
        escape(&i.t("idporten.logout.continue")),
    );
    let mut res = plain_page(StatusCode::OK, lang, &i.t("idporten.logout.title"), &body);
    set_csp(&mut res, &csp_allowing(&[&origin_of(&f.action)], &[]));
    // With `same-origin`, a browser sends this cross-origin POST as from an opaque origin
    // ("Origin: null") and without ID-porten's SameSite=Lax cookies; our origin (never the
    // path) is fine to tell.
    res.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn the_origin_is_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://login.idporten.no/authorize"),
            "https://login.idporten.no"
        );
        assert_eq!(origin_of("http://127.0.0.1:4000"), "http://127.0.0.1:4000");
    }
}
