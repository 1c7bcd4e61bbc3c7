//! The open-data API (`/api/v1/…`): public JSON for anyone to reuse.

use app::ssr::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use http::StatusCode;
use serde::Serialize;

#[derive(Serialize)]
pub struct OpenBody {
    pub name: String,
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct OpenOrganisation {
    pub slug: String,
    pub name: String,
    pub kind: &'static str,
    pub kommunenummer: String,
    pub population: i64,
    pub population_date: NaiveDate,
    pub bodies: Vec<OpenBody>,
}

/// `GET /api/v1/organisations`: every organisation with its bodies.
pub async fn organisations(State(state): State<AppState>) -> Response {
    match app::ssr::db::organisations::list(&state.db).await {
        Ok(list) => Json(
            list.into_iter()
                .map(|o| OpenOrganisation {
                    slug: o.slug,
                    name: o.name,
                    kind: o.kind.as_str(),
                    kommunenummer: o.number,
                    population: o.population,
                    population_date: o.population_date,
                    bodies: o
                        .bodies
                        .into_iter()
                        .map(|b| OpenBody {
                            name: b.name,
                            kind: b.kind.as_str(),
                        })
                        .collect(),
                })
                .collect::<Vec<_>>(),
        )
        .into_response(),
        Err(e) => {
            let app::error::AppError::Internal { reference } = app::ssr::internal::internal(e)
            else {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            };
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(serde_json::json!({"error": "internal", "reference": reference})),
            )
                .into_response()
        }
    }
}
