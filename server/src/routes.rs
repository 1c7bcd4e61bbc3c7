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

/// Used by the database check at start-up and in tests.
pub async fn database_answers(db: &impl ConnectionTrait) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}
