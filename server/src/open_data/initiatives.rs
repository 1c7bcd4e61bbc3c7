//! Initiatives as open data: `GET /api/v1/initiatives` and `GET /api/v1/initiatives/{id}`
//! (JSON, or CSV with `?format=csv`), and an Atom feed of each organisation's initiatives.
//! Counts only: never a signer.

use super::{
    AtomFeed, atom_link, base_url, client_error, csv_response, feed_organisation, internal_error,
    wants_csv,
};
use app::domain::initiative::InitiativeStatus;
use app::dto::initiatives::InitiativeSummary;
use app::ssr::AppState;
use app::ssr::db::initiatives::ListFilter;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct ListQuery {
    organisation: Option<String>,
    status: Option<String>,
    q: Option<String>,
    format: Option<String>,
    page: Option<u64>,
    per_page: Option<u64>,
}

#[derive(Serialize)]
pub struct OpenInitiative {
    pub id: i32,
    pub organisation: String,
    pub organisation_name: String,
    pub title: String,
    pub status: InitiativeStatus,
    pub signature_count: i64,
    pub threshold: i64,
    pub collection_ends: NaiveDate,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decision_due: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub url: String,
}

fn open(base: &str, s: InitiativeSummary) -> OpenInitiative {
    OpenInitiative {
        url: app::paths::absolute(base, &app::paths::initiative(&s.organisation_slug, s.id)),
        id: s.id,
        organisation: s.organisation_slug,
        organisation_name: s.organisation_name,
        title: s.title,
        status: s.status,
        signature_count: s.signatures,
        threshold: s.threshold,
        collection_ends: s.collection_ends,
        submitted_at: s.submitted_at,
        decision_due: s.decision_due,
        outcome: s.outcome,
    }
}

const CSV_HEADER: [&str; 11] = [
    "id",
    "organisation",
    "title",
    "status",
    "signature_count",
    "threshold",
    "collection_ends",
    "submitted_at",
    "decision_due",
    "outcome",
    "url",
];

fn csv_row(i: &OpenInitiative) -> Vec<String> {
    vec![
        i.id.to_string(),
        i.organisation.clone(),
        i.title.clone(),
        i.status.as_str().to_string(),
        i.signature_count.to_string(),
        i.threshold.to_string(),
        i.collection_ends.to_string(),
        i.submitted_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        i.decision_due.map(|d| d.to_string()).unwrap_or_default(),
        i.outcome.clone().unwrap_or_default(),
        i.url.clone(),
    ]
}

/// `GET /api/v1/initiatives?organisation=<slug>&status=<status>`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = match super::query(q) {
        Ok(q) => q,
        Err(r) => return r.into_response(),
    };
    let (page, per_page) = match super::paging(q.page, q.per_page, 100) {
        Ok(p) => p,
        Err(r) => return r.into_response(),
    };
    let csv = match wants_csv(q.format.as_deref(), &headers) {
        Ok(c) => c,
        Err(r) => return r.into_response(),
    };
    let status = match q.status.as_deref() {
        None | Some("") | Some("all") => None,
        Some(s) => match InitiativeStatus::parse(s).filter(|s| s.is_public()) {
            Some(s) => Some(s),
            None => return client_error(StatusCode::BAD_REQUEST, "unknown status"),
        },
    };
    let filter = ListFilter {
        organisation_slug: q.organisation.filter(|o| !o.is_empty()),
        status,
        query: q.q,
    };
    let list =
        match app::ssr::services::initiatives::views::list(&state, &filter, page, per_page).await {
            Ok(l) => l,
            Err(e) => return internal_error(e),
        };
    let base = base_url(&state);
    let items: Vec<OpenInitiative> = list.items.into_iter().map(|s| open(&base, s)).collect();
    let mut res = if csv {
        let mut rows = vec![CSV_HEADER.map(String::from).to_vec()];
        rows.extend(items.iter().map(csv_row));
        csv_response(rows, "innbyggerforslag.csv")
    } else {
        Json(items).into_response()
    };
    if let Ok(v) = list.total.to_string().parse() {
        res.headers_mut().insert("x-total-count", v);
    }
    res
}

#[derive(Serialize)]
struct OpenInitiativeDetail {
    #[serde(flatten)]
    summary: OpenInitiative,
    ask: String,
    justification: String,
    online_signatures: i64,
    paper_signatures: i64,
    published_at: Option<DateTime<Utc>>,
    outcome_date: Option<NaiveDate>,
    minutes_url: Option<String>,
}

#[derive(Deserialize)]
pub struct FormatQuery {
    format: Option<String>,
}

/// `GET /api/v1/initiatives/{id}`: one public initiative.
pub async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    id: Result<Path<i32>, axum::extract::rejection::PathRejection>,
    q: Result<Query<FormatQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    use app::ssr::db::entities::{initiative, organisation};
    let (id, q) = match (super::path_id(id), super::query(q)) {
        (Ok(id), Ok(q)) => (id, q),
        (Err(r), _) | (_, Err(r)) => return r.into_response(),
    };
    let csv = match wants_csv(q.format.as_deref(), &headers) {
        Ok(c) => c,
        Err(r) => return r.into_response(),
    };
    use sea_orm::EntityTrait;
    let not_found = || client_error(StatusCode::NOT_FOUND, "no such initiative");
    let row = match initiative::Entity::find_by_id(id).one(&state.db).await {
        Ok(Some(i)) => i,
        Ok(None) => return not_found(),
        Err(e) => return internal_error(e),
    };
    let org = match organisation::Entity::find_by_id(row.organisation_id)
        .one(&state.db)
        .await
    {
        Ok(Some(o)) => o,
        Ok(None) => return not_found(),
        Err(e) => return internal_error(e),
    };
    let p = match app::ssr::services::initiatives::views::page(&state, &org.slug, id, None, None)
        .await
    {
        Ok(p) => p,
        Err(app::error::AppError::NotFound) => return not_found(),
        Err(e) => return internal_error(e),
    };
    let base = base_url(&state);
    let summary = open(
        &base,
        InitiativeSummary {
            id: p.id,
            organisation_slug: p.organisation_slug.clone(),
            organisation_name: p.organisation_name.clone(),
            content_lang: p.content_lang,
            title: p.title.clone(),
            status: p.status,
            signatures: p.total(),
            threshold: p.threshold,
            collection_ends: p.collection_ends,
            submitted_at: p.submitted_at,
            decision_due: p.decision_due,
            outcome: p.outcome_text.clone(),
        },
    );
    if csv {
        return csv_response(
            vec![CSV_HEADER.map(String::from).to_vec(), csv_row(&summary)],
            &format!("innbyggerforslag-{id}.csv"),
        );
    }
    Json(OpenInitiativeDetail {
        summary,
        ask: p.ask,
        justification: p.justification,
        online_signatures: p.online,
        paper_signatures: p.paper,
        published_at: p.published_at,
        outcome_date: p.outcome_date,
        minutes_url: p.minutes_url,
    })
    .into_response()
}

/// `GET /api/v1/organisations/{slug}/initiatives.atom`
pub async fn feed(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    use atom_syndication::{Entry, Text};
    let org = match feed_organisation(&state, &slug).await {
        Ok(o) => o,
        Err(response) => return response,
    };
    let filter = ListFilter {
        organisation_slug: Some(slug.clone()),
        status: None,
        query: None,
    };
    let (rows, _) = match app::ssr::db::initiatives::list_public(&state.db, &filter, 1, 50).await {
        Ok(x) => x,
        Err(e) => return internal_error(e),
    };
    let base = base_url(&state);
    let updated = rows
        .iter()
        .map(|(i, _)| i.updated_at)
        .max()
        .unwrap_or_else(|| state.clock.now());
    let entries: Vec<Entry> = rows
        .into_iter()
        .map(|(i, _)| {
            let url = app::paths::absolute(&base, &app::paths::initiative(&slug, i.id));
            Entry {
                id: url.clone(),
                title: Text::plain(i.title),
                updated: i.updated_at.into(),
                published: i.published_at.map(Into::into),
                summary: Some(Text::plain(i.ask)),
                links: vec![atom_link(url, "alternate")],
                ..Default::default()
            }
        })
        .collect();
    AtomFeed {
        base: &base,
        organisation: &org.name,
        slug: &slug,
        lang: org.written_standard.lang(),
        what: "feed.initiatives",
        feed_path: "initiatives.atom",
        page: "innbyggerforslag",
    }
    .response(updated, entries)
}
