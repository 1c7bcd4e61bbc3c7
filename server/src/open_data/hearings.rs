//! Hearings as open data: `GET /api/v1/hearings` (filtered by organisation and status) and
//! `GET /api/v1/hearings/{id}` with its published submissions — JSON, or CSV with
//! `?format=csv` — and an Atom feed of each organisation's new hearings.

use super::{
    AtomFeed, atom_link, base_url, client_error, csv_response, feed_organisation, internal_error,
    wants_csv,
};
use app::domain::hearing::HearingStatus;
use app::dto::hearings::HearingPage;
use app::error::AppError;
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
    Query(q): Query<ListQuery>,
) -> Response {
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
    let per_page = q.per_page.unwrap_or(100).clamp(1, 500);
    let page = q.page.unwrap_or(1).max(1);
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
    let mut res = if wants_csv(q.format.as_deref(), &headers) {
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

#[derive(Serialize)]
struct OpenDocument {
    title: String,
    file_name: String,
    size_bytes: i64,
    url: String,
}

#[derive(Serialize)]
struct OpenSection {
    number: i32,
    title: String,
    body: String,
}

#[derive(Serialize)]
struct OpenConsultee {
    name: String,
    org_number: Option<String>,
}

#[derive(Serialize)]
struct OpenComment {
    section_number: i32,
    section_title: String,
    text: String,
}

#[derive(Serialize)]
struct OpenAttachment {
    file_name: String,
    url: String,
}

#[derive(Serialize)]
struct OpenSubmission {
    reference: String,
    /// The organisation, or the person if they agreed to be named; else "Privatperson".
    submitter: String,
    submitter_kind: &'static str,
    received_at: DateTime<Utc>,
    general_comment: String,
    comments: Vec<OpenComment>,
    attachments: Vec<OpenAttachment>,
    redacted: bool,
}

#[derive(Serialize)]
struct OpenHearingDetail {
    id: i32,
    organisation: String,
    title: String,
    summary: String,
    body_html: String,
    status: HearingStatus,
    case_number: Option<String>,
    opens_at: DateTime<Utc>,
    deadline: DateTime<Utc>,
    original_deadline: Option<DateTime<Utc>>,
    short_deadline_reason: Option<String>,
    outcome: Option<String>,
    decision_url: Option<String>,
    url: String,
    documents: Vec<OpenDocument>,
    sections: Vec<OpenSection>,
    consultees: Vec<OpenConsultee>,
    submission_count: usize,
    submissions: Vec<OpenSubmission>,
}

#[derive(Deserialize)]
pub struct FormatQuery {
    format: Option<String>,
}

async fn find_page(state: &AppState, id: i32) -> Result<HearingPage, Response> {
    use app::ssr::db::entities::{hearing, organisation};
    use sea_orm::EntityTrait;
    let not_found = || client_error(StatusCode::NOT_FOUND, "no such hearing");
    let h = hearing::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .map_err(internal_error)?
        .ok_or_else(not_found)?;
    let org = organisation::Entity::find_by_id(h.organisation_id)
        .one(&state.db)
        .await
        .map_err(internal_error)?
        .ok_or_else(not_found)?;
    match app::ssr::services::hearings::views::public_page(state, &org.slug, id).await {
        Ok(p) => Ok(p),
        Err(AppError::NotFound) => Err(not_found()),
        Err(e) => Err(internal_error(e)),
    }
}

/// `GET /api/v1/hearings/{id}`: the hearing and its published submissions (redacted ones as
/// their public copy).
pub async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i32>,
    Query(q): Query<FormatQuery>,
) -> Response {
    let p = match find_page(&state, id).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let base = base_url(&state);
    let submissions: Vec<OpenSubmission> = p
        .submissions
        .iter()
        .map(|s| OpenSubmission {
            reference: s.reference.clone(),
            submitter: s.submitter.clone().unwrap_or_else(|| "Privatperson".into()),
            submitter_kind: s.kind.as_str(),
            received_at: s.received_at,
            general_comment: s.general_comment.clone(),
            comments: s
                .comments
                .iter()
                .map(|c| OpenComment {
                    section_number: c.section_number,
                    section_title: c.section_title.clone(),
                    text: c.text.clone(),
                })
                .collect(),
            attachments: s
                .attachments
                .iter()
                .map(|a| OpenAttachment {
                    file_name: a.file_name.clone(),
                    url: app::paths::absolute(
                        &base,
                        &app::paths::submission_attachment(a.id, &a.file_name),
                    ),
                })
                .collect(),
            redacted: s.redacted,
        })
        .collect();
    if wants_csv(q.format.as_deref(), &headers) {
        let mut header = [
            "reference",
            "submitter",
            "submitter_kind",
            "received_at",
            "general_comment",
        ]
        .map(String::from)
        .to_vec();
        header.extend(
            p.sections
                .iter()
                .map(|s| format!("{}. {}", s.number, s.title)),
        );
        header.extend(["attachments", "redacted"].map(String::from));
        let mut rows = vec![header];
        for s in submissions {
            let mut row = vec![
                s.reference,
                s.submitter,
                s.submitter_kind.to_string(),
                s.received_at.to_rfc3339(),
                s.general_comment,
            ];
            for sec in &p.sections {
                row.push(
                    s.comments
                        .iter()
                        .find(|c| c.section_number == sec.number)
                        .map(|c| c.text.clone())
                        .unwrap_or_default(),
                );
            }
            row.push(
                s.attachments
                    .iter()
                    .map(|a| a.url.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            row.push(s.redacted.to_string());
            rows.push(row);
        }
        return csv_response(rows, &format!("horing-{id}-innspill.csv"));
    }
    Json(OpenHearingDetail {
        id: p.id,
        url: app::paths::absolute(&base, &app::paths::hearing(&p.organisation_slug, p.id)),
        organisation: p.organisation_slug,
        title: p.title,
        summary: p.summary,
        body_html: p.body_html,
        status: p.status,
        case_number: p.case_number,
        opens_at: p.opens_at,
        deadline: p.deadline,
        original_deadline: p.original_deadline,
        short_deadline_reason: p.short_reason,
        outcome: p.outcome,
        decision_url: p.decision_url,
        documents: p
            .documents
            .into_iter()
            .map(|d| OpenDocument {
                url: app::paths::absolute(&base, &app::paths::hearing_document(d.id, &d.file_name)),
                title: d.title,
                file_name: d.file_name,
                size_bytes: d.size_bytes,
            })
            .collect(),
        sections: p
            .sections
            .into_iter()
            .map(|s| OpenSection {
                number: s.number,
                title: s.title,
                body: s.body,
            })
            .collect(),
        consultees: p
            .consultees
            .into_iter()
            .map(|c| OpenConsultee {
                name: c.name,
                org_number: c.org_number,
            })
            .collect(),
        submission_count: submissions.len(),
        submissions,
    })
    .into_response()
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
                summary: Some(Text::plain(format!(
                    "{} (frist {})",
                    h.summary,
                    app::i18n::format::date_time(app::domain::lang::Lang::Nb, h.deadline)
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
        what: "Høringer",
        feed_path: "hearings.atom",
        page: "horinger",
    }
    .response(updated, entries)
}
