//! Surveys as open data: `GET /api/v1/surveys` (those open for answers or with published
//! results) and `GET /api/v1/surveys/{id}/results` (JSON, or CSV with `?format=csv`; one row
//! per answer option). Aggregates only, with every figure on fewer than the survey's threshold
//! left out exactly as on its results page — never an answer of one person.

use super::{base_url, client_error, csv_response, internal_error, wants_csv};
use app::domain::survey::results::QuestionResult;
use app::domain::survey::weighting::Estimate;
use app::ssr::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct ListQuery {
    organisation: Option<String>,
    format: Option<String>,
}

#[derive(Serialize)]
pub struct OpenSurvey {
    pub id: i32,
    pub organisation: String,
    pub organisation_name: String,
    pub title: String,
    pub status: &'static str,
    pub results_published: bool,
    pub url: String,
    pub results_url: Option<String>,
}

const LIST_HEADER: [&str; 7] = [
    "id",
    "organisation",
    "title",
    "status",
    "results_published",
    "url",
    "results_url",
];

/// `GET /api/v1/surveys?organisation=<slug>`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = match super::query(q) {
        Ok(q) => q,
        Err(r) => return r.into_response(),
    };
    let csv = match wants_csv(q.format.as_deref(), &headers) {
        Ok(c) => c,
        Err(r) => return r.into_response(),
    };
    let slug = q.organisation.filter(|o| !o.is_empty());
    let list = match app::ssr::services::surveys::views::public_list(&state, slug.as_deref()).await
    {
        Ok(l) => l,
        Err(app::error::AppError::NotFound) => {
            return client_error(StatusCode::NOT_FOUND, "no such organisation");
        }
        Err(e) => return internal_error(e),
    };
    let base = base_url(&state);
    let items: Vec<OpenSurvey> = list
        .into_iter()
        .map(|s| OpenSurvey {
            url: app::paths::absolute(&base, &app::paths::survey(&s.organisation_slug, s.id)),
            results_url: s.results_published.then(|| {
                app::paths::absolute(
                    &base,
                    &app::paths::survey_results(&s.organisation_slug, s.id),
                )
            }),
            id: s.id,
            organisation: s.organisation_slug,
            organisation_name: s.organisation_name,
            title: s.title,
            status: s.status.as_str(),
            results_published: s.results_published,
        })
        .collect();
    if csv {
        let mut rows = vec![LIST_HEADER.map(String::from).to_vec()];
        rows.extend(items.iter().map(|s| {
            vec![
                s.id.to_string(),
                s.organisation.clone(),
                s.title.clone(),
                s.status.to_string(),
                s.results_published.to_string(),
                s.url.clone(),
                s.results_url.clone().unwrap_or_default(),
            ]
        }));
        return csv_response(rows, "undersokelser.csv");
    }
    Json(items).into_response()
}

#[derive(Deserialize)]
pub struct FormatQuery {
    format: Option<String>,
}

#[derive(Serialize)]
struct OpenResults {
    id: i32,
    organisation: String,
    title: String,
    status: &'static str,
    opened_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    responses: u64,
    /// The smallest number a published figure rests on.
    min_cell: u64,
    weighted: bool,
    /// How the respondents were weighted (a panel survey's, when weighted).
    weighting: Option<app::dto::surveys::WeightingSummary>,
    questions: Vec<QuestionResult>,
}

const RESULTS_HEADER: [&str; 14] = [
    "question_id",
    "question",
    "kind",
    "statement",
    "answer",
    "count",
    "percent",
    "weighted_percent",
    "margin_of_error",
    "n",
    "mean",
    "median",
    "weighted_mean",
    "weighted_mean_margin_of_error",
];

fn figure<T: ToString>(x: Option<T>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// One row per answer option (per statement of a matrix); a question without options (a
/// number, a text) has one row with its n, mean and median. A panel survey's weighted figures
/// beside them, each with its 95 % margin of error.
fn result_rows(questions: &[QuestionResult]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for q in questions {
        for t in &q.tables {
            let head =
                |answer: String, count: String, percent: String, weighted: Option<Estimate>| {
                    vec![
                        q.id.to_string(),
                        q.text.clone(),
                        q.kind.clone(),
                        t.title.clone().unwrap_or_default(),
                        answer,
                        count,
                        percent,
                        figure(weighted.map(|w| w.value)),
                        figure(weighted.map(|w| w.margin_of_error)),
                        figure(t.n),
                        figure(t.mean),
                        figure(t.median),
                        figure(t.weighted_mean.map(|w| w.value)),
                        figure(t.weighted_mean.map(|w| w.margin_of_error)),
                    ]
                };
            if t.rows.is_empty() {
                rows.push(head(String::new(), String::new(), String::new(), None));
            }
            for r in &t.rows {
                rows.push(head(
                    r.label.clone(),
                    figure(r.count),
                    figure(r.percent),
                    r.weighted,
                ));
            }
        }
    }
    rows
}

/// `GET /api/v1/surveys/{id}/results`: a survey's published results.
pub async fn results(
    State(state): State<AppState>,
    headers: HeaderMap,
    id: Result<Path<i32>, axum::extract::rejection::PathRejection>,
    q: Result<Query<FormatQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let (id, q) = match (super::path_id(id), super::query(q)) {
        (Ok(id), Ok(q)) => (id, q),
        (Err(r), _) | (_, Err(r)) => return r.into_response(),
    };
    let csv = match wants_csv(q.format.as_deref(), &headers) {
        Ok(c) => c,
        Err(r) => return r.into_response(),
    };
    let r = match app::ssr::services::surveys::views::published_results(&state, id).await {
        Ok(r) => r,
        Err(app::error::AppError::NotFound) => {
            return client_error(StatusCode::NOT_FOUND, "no such published results");
        }
        Err(e) => return internal_error(e),
    };
    if csv {
        let mut rows = vec![RESULTS_HEADER.map(String::from).to_vec()];
        rows.extend(result_rows(&r.questions));
        return csv_response(rows, &format!("undersokelse-{id}-resultater.csv"));
    }
    Json(OpenResults {
        id: r.id,
        organisation: r.organisation_slug,
        title: r.title,
        status: r.status.as_str(),
        opened_at: r.opened_at,
        closed_at: r.closed_at,
        responses: r.responses,
        min_cell: r.k,
        weighted: r.weighting.is_some(),
        weighting: r.weighting,
        questions: r.questions,
    })
    .into_response()
}
