//! Plain HTTP routes: health and readiness probes, and the language switch.

use app::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{StatusCode, header};
use sea_orm::ConnectionTrait;
use serde::Deserialize;

/// Liveness: the process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: 200 only while the database answers.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let ping = tokio::time::timeout(std::time::Duration::from_secs(3), state.db.ping()).await;
    match ping {
        Ok(Ok(())) => (StatusCode::OK, "ready").into_response(),
        _ => {
            tracing::warn!("readiness check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(Deserialize)]
pub struct LangQuery {
    til: Option<String>,
}

/// Remembers the chosen interface language in a cookie and goes back to the page.
pub async fn set_lang(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let Some(lang) = app::domain::lang::Lang::from_code(&code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let back = q
        .til
        .as_deref()
        .and_then(app::paths::safe_return_path)
        .unwrap_or_else(|| "/".into());
    let mut res = Redirect::to(&back).into_response();
    if let Some(v) = app::ssr::http::page::cookie_header(
        "lang",
        lang.code(),
        Some(31_536_000),
        state.settings.is_production(),
    ) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// `POST /forlat-panel/{token}`: leaving a panel by the link in one of its mails, without
/// login, cookies or a CSRF token (the token in the link is the proof). The link's page posts
/// `answers=keep` or `answers=delete`; a mail client's one-click post (RFC 8058) carries
/// neither and keeps the answers (unlinked), the choice that loses nothing. Leaving twice is
/// fine.
pub async fn leave_panel(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use app::domain::survey::panel::KeepAnswers;
    use app::error::AppError;
    use app::ssr::services::panels::leave_link;
    // Read by hand: a mail client may post its one-click body in any form encoding.
    let answers = std::str::from_utf8(&body).ok().and_then(|b| {
        b.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "answers")
            .map(|(_, v)| v.trim())
    });
    let keep = match answers {
        None => KeepAnswers::Anonymised,
        Some(a) => match KeepAnswers::parse(a) {
            Some(k) => k,
            None => return (StatusCode::BAD_REQUEST, "answers: keep or delete").into_response(),
        },
    };
    match leave_link::leave(&state, &token, keep).await {
        Ok(_) if app::ssr::http::csrf::wants_html(&headers) => {
            Redirect::to(app::paths::PANEL_LEFT).into_response()
        }
        Ok(_) => (StatusCode::OK, "left the panel").into_response(),
        Err(AppError::NotFound) => (StatusCode::NOT_FOUND, "no such link").into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "try again later",
        )
            .into_response(),
    }
}

/// Used by the database check at start-up and in tests.
pub async fn database_answers(db: &impl ConnectionTrait) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}

/// `POST /avmeld/{token}`: leaving by the link in a notification, without login, cookies or a
/// CSRF token (the token in the link is the proof). A mail client's one-click unsubscribe
/// (RFC 8058: `List-Unsubscribe=One-Click` in the body) gets 200; a browser pressing the
/// button on the link's page goes on to the page that says it is done. Leaving twice is fine.
pub async fn unsubscribe(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: http::HeaderMap,
) -> Response {
    use app::error::AppError;
    use app::ssr::services::follows::unsubscribe;
    match unsubscribe::unsubscribe(&state, &token).await {
        Ok(_) if app::ssr::http::csrf::wants_html(&headers) => {
            Redirect::to(app::paths::UNSUBSCRIBED).into_response()
        }
        Ok(_) => (StatusCode::OK, "unsubscribed").into_response(),
        Err(AppError::NotFound) => (StatusCode::NOT_FOUND, "no such link").into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "try again later",
        )
            .into_response(),
    }
}
