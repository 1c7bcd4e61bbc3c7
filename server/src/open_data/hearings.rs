//! Hearings as open data: `GET /api/v1/hearings` (filtered by organisation and status) and
//! `GET /api/v1/hearings/{id}` with its published submissions — JSON, or CSV with
//! `?format=csv` — and an Atom feed of each organisation's new hearings.

mod detail;
pub use detail::detail;

use super::{
    AtomFeed, atom_link, base_url, client_error, csv_response, feed_organisation, internal_error,
    wants_csv,
};
use app::domain::hearing::HearingStatus;
use app::ssr::AppState;
use app::ssr::db::hearings::{ListFilter, list_public};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
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
pub struct OpenHearing {
    pub id: i32,
    pub organisation: String,
    pub organisation_name: String,
    pub title: String,
    pub summary: String,
    pub status: HearingStatus,
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub url: String,
}

/// `GET /api/v1/hearings?organisation=<slug>&status=<status>&q=<words>&page=1&per_page=100`
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
        Some(s) => match HearingStatus::parse(s).filter(|s| s.is_public()) {
            Some(s) => Some(s),
            None => return client_error(StatusCode::BAD_REQUEST, "unknown status"),
        },
    };
    let filter = ListFilter {
        organisation_slug: q.organisation.filter(|o| !o.is_empty()),
        status,
        query: q.q,
    };
    let (items, total) =
        match list_public(&state.db, &filter, state.clock.now(), page, per_page).await {
            Ok(x) => x,
            Err(e) => return internal_error(e),
        };
    let base = base_url(&state);
    let items: Vec<OpenHearing> = items
        .into_iter()
        .map(|h| OpenHearing {
            url: app::paths::absolute(&base, &app::paths::hearing(&h.organisation_slug, h.id)),
            id: h.id,
            organisation: h.organisation_slug,
            organisation_name: h.organisation_name,
            title: h.title,
            summary: h.summary,
            status: h.status,
            opens_at: h.opens_at,
            deadline: h.deadline,
        })
        .collect();
    let mut res = if csv {
        let mut rows = vec![
            [
                "id",
                "organisation",
                "organisation_name",
                "title",
                "summary",
                "status",
                "opens_at",
                "deadline",
                "url",
            ]
            .map(String::from)
            .to_vec(),
        ];
        rows.extend(items.into_iter().map(|h| {
            vec![
                h.id.to_string(),
                h.organisation,
                h.organisation_name,
                h.title,
                h.summary,
                h.status.as_str().to_string(),
                h.opens_at.to_rfc3339(),
                h.deadline.to_rfc3339(),
                h.url,
            ]
        }));
        csv_response(rows, "horinger.csv")
    } else {
        Json(items).into_response()
    };
    if let Ok(v) = total.to_string().parse() {
        res.headers_mut().insert("x-total-count", v);
    }
    res
}

/// `GET /api/v1/organisations/{slug}/hearings.atom`: the organisation's hearings (not drafts),
/// newest first.
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
    let (items, _) = match list_public(&state.db, &filter, state.clock.now(), 1, 50).await {
        Ok(x) => x,
        Err(e) => return internal_error(e),
    };
    let base = base_url(&state);
    let lang = org.written_standard.lang();
    let mut items = items;
    items.sort_by(|a, b| b.opens_at.cmp(&a.opens_at).then(b.id.cmp(&a.id)));
    let updated = items
        .iter()
        .map(|h| h.opens_at)
        .max()
        .unwrap_or_else(|| state.clock.now());
    let entries: Vec<Entry> = items
        .into_iter()
        .map(|h| {
            let url = app::paths::absolute(&base, &app::paths::hearing(&h.organisation_slug, h.id));
            Entry {
                id: url.clone(),
                title: Text::plain(h.title),
                updated: h.opens_at.into(),
                published: Some(h.opens_at.into()),
                summary: Some(Text::plain(app::i18n::I18n(lang).tf(
                    "feed.hearing_summary",
                    &[
                        ("summary", &h.summary),
                        ("deadline", &app::i18n::format::date_time(lang, h.deadline)),
                    ],
                ))),
                links: vec![atom_link(url, "alternate")],
                ..Default::default()
            }
        })
        .collect();
    AtomFeed {
        base: &base,
        organisation: &org.name,
        slug: &slug,
        lang,
        what: "feed.hearings",
        feed_path: "hearings.atom",
        page: "horinger",
    }
    .response(updated, entries)
}
