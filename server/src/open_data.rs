//! The open-data API (`/api/v1/…`): public JSON (and CSV, and Atom feeds) for anyone to reuse,
//! described by an OpenAPI document. Never an email address, a national id or an unpublished
//! word.

pub mod events;
pub mod hearings;
pub mod initiatives;
pub mod openapi;
pub mod surveys;

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
        Err(e) => internal_error(e),
    }
}

/// The public address of this installation, without a trailing slash (for links in the data).
pub fn base_url(state: &AppState) -> String {
    state.settings.base_url.trim_end_matches('/').to_string()
}

/// The organisation a feed is for, or the response saying why there is none.
pub async fn feed_organisation(
    state: &AppState,
    slug: &str,
) -> Result<app::dto::organisations::OrganisationDto, Response> {
    match app::ssr::db::organisations::find_by_slug(&state.db, slug).await {
        Ok(Some(o)) => Ok(o),
        Ok(None) => Err(client_error(StatusCode::NOT_FOUND, "no such organisation")),
        Err(e) => Err(internal_error(e)),
    }
}

/// An Atom link.
pub fn atom_link(href: String, rel: &str) -> atom_syndication::Link {
    atom_syndication::Link {
        href,
        rel: rel.into(),
        ..Default::default()
    }
}

/// One organisation's Atom feed of `what` ("Høringer", in its written standard), served from `feed_path`
/// (`hearings.atom`) and mirroring the public list at `/org/<slug>/<page>`.
pub struct AtomFeed<'a> {
    pub base: &'a str,
    pub organisation: &'a str,
    pub slug: &'a str,
    /// The organisation's written standard: the feed's title and `xml:lang`.
    pub lang: app::domain::lang::Lang,
    /// The i18n key of what it lists ("Høringer").
    pub what: &'a str,
    pub feed_path: &'a str,
    pub page: &'a str,
}

impl AtomFeed<'_> {
    pub fn response(
        self,
        updated: chrono::DateTime<chrono::Utc>,
        entries: Vec<atom_syndication::Entry>,
    ) -> Response {
        use atom_syndication::{Feed, Person, Text};
        let (base, slug) = (self.base, self.slug);
        let self_url = format!("{base}/api/v1/organisations/{slug}/{}", self.feed_path);
        let feed = Feed {
            id: self_url.clone(),
            title: Text::plain(format!(
                "{} – {}",
                app::i18n::I18n(self.lang).t(self.what),
                self.organisation
            )),
            lang: Some(self.lang.code().to_string()),
            updated: updated.into(),
            authors: vec![Person {
                name: self.organisation.to_string(),
                ..Default::default()
            }],
            links: vec![
                atom_link(self_url, "self"),
                atom_link(
                    app::paths::absolute(
                        base,
                        &format!("{}/{}", app::paths::organisation(slug), self.page),
                    ),
                    "alternate",
                ),
            ],
            entries,
            ..Default::default()
        };
        (
            [(
                http::header::CONTENT_TYPE,
                "application/atom+xml; charset=utf-8",
            )],
            feed.to_string(),
        )
            .into_response()
    }
}

/// A 500 with the reference of the logged error.
pub fn internal_error(e: impl std::fmt::Display) -> Response {
    let app::error::AppError::Internal { reference } = app::ssr::internal(e) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(serde_json::json!({"error": "internal", "reference": reference})),
    )
        .into_response()
}

/// A 4xx with a short machine-readable reason.
pub fn client_error(status: StatusCode, error: &str) -> Response {
    (status, Json(serde_json::json!({ "error": error }))).into_response()
}

/// A 400 of the API, made into its answer where it is returned.
pub struct BadRequest(String);

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        client_error(StatusCode::BAD_REQUEST, &self.0)
    }
}

/// Whether the client asked for CSV (`?format=csv` or an `Accept` that prefers it); a format
/// other than `json` or `csv` is a 400.
pub fn wants_csv(format: Option<&str>, headers: &http::HeaderMap) -> Result<bool, BadRequest> {
    match format {
        Some("csv") => Ok(true),
        None | Some("json") => Ok(headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"))),
        Some(_) => Err(BadRequest("format must be json or csv".into())),
    }
}

/// The highest `page` asked for that is answered (an empty page beyond the last).
pub const MAX_PAGE: u64 = 1_000_000;
/// The most items a page may have.
pub const MAX_PER_PAGE: u64 = 500;

/// `page` (from 1, at most `MAX_PAGE`) and `per_page` (1 to `MAX_PER_PAGE`), or a 400.
pub fn paging(
    page: Option<u64>,
    per_page: Option<u64>,
    default_per_page: u64,
) -> Result<(u64, u64), BadRequest> {
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(default_per_page);
    if !(1..=MAX_PAGE).contains(&page) {
        return Err(BadRequest("page must be between 1 and 1000000".into()));
    }
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(BadRequest("per_page must be between 1 and 500".into()));
    }
    Ok((page, per_page))
}

/// A query string as the handler reads it, or a 400 saying what is wrong with it.
pub fn query<T>(
    q: Result<axum::extract::Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T, BadRequest> {
    q.map(|axum::extract::Query(t)| t)
        .map_err(|e| BadRequest(e.body_text()))
}

/// An id in the path, or a 400 (not a number, or too large to be one).
pub fn path_id(
    p: Result<axum::extract::Path<i32>, axum::extract::rejection::PathRejection>,
) -> Result<i32, BadRequest> {
    p.map(|axum::extract::Path(id)| id)
        .map_err(|_| BadRequest("id must be a whole number".into()))
}

/// CSV bytes with a byte order mark (so spreadsheet programs read æøå right).
pub fn csv_response(rows: Vec<Vec<String>>, file_name: &str) -> Response {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        let r: Vec<String> = r
            .iter()
            .map(|c| app::ssr::formats::spreadsheet::cell(c))
            .collect();
        if let Err(e) = w.write_record(&r) {
            return internal_error(e);
        }
    }
    match w.into_inner() {
        Ok(bytes) => {
            let body = [b"\xEF\xBB\xBF".as_slice(), &bytes].concat();
            (
                [
                    (
                        http::header::CONTENT_TYPE,
                        "text/csv; charset=utf-8".to_string(),
                    ),
                    (
                        http::header::CONTENT_DISPOSITION,
                        format!("inline; filename=\"{file_name}\""),
                    ),
                ],
                body,
            )
                .into_response()
        }
        Err(e) => internal_error(e.to_string()),
    }
}
