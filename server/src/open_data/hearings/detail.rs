//! `GET /api/v1/hearings/{id}`: a hearing with its published submissions (redacted ones as
//! their public copy), as JSON a page of 50 at a time (`?page=`), or as CSV, all of them, with
//! a column per section.

use crate::open_data::{base_url, client_error, csv_response, internal_error, wants_csv};
use app::domain::hearing::HearingStatus;
use app::dto::hearings::{HearingPage, PublicSubmission, SectionDto};
use app::error::AppError;
use app::ssr::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

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
    /// All published submissions.
    submission_count: u64,
    /// The page of them in `submissions` (`?page=`, 50 a page).
    submission_page: u64,
    submission_pages: u64,
    submissions: Vec<OpenSubmission>,
}

#[derive(Deserialize)]
pub struct DetailQuery {
    format: Option<String>,
    page: Option<u64>,
}

async fn find_page(state: &AppState, id: i32, page: u64) -> Result<HearingPage, Response> {
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
    match app::ssr::services::hearings::views::public_page(state, &org.slug, id, page).await {
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
    id: Result<Path<i32>, axum::extract::rejection::PathRejection>,
    q: Result<Query<DetailQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let (id, q) = match (super::super::path_id(id), super::super::query(q)) {
        (Ok(id), Ok(q)) => (id, q),
        (Err(r), _) | (_, Err(r)) => return r.into_response(),
    };
    let (page, _) = match super::super::paging(q.page, None, 1) {
        Ok(p) => p,
        Err(r) => return r.into_response(),
    };
    let csv = match wants_csv(q.format.as_deref(), &headers) {
        Ok(c) => c,
        Err(r) => return r.into_response(),
    };
    let p = match find_page(&state, id, if csv { 1 } else { page }).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let base = base_url(&state);
    let mut submissions: Vec<OpenSubmission> = p
        .submissions
        .iter()
        .map(|s| open_submission(s, &base))
        .collect();
    if csv {
        // Every page, one query at a time.
        for next in 2..=p.submission_pages {
            match find_page(&state, id, next).await {
                Ok(more) => {
                    submissions.extend(more.submissions.iter().map(|s| open_submission(s, &base)))
                }
                Err(r) => return r,
            }
        }
        return csv_response(
            csv_rows(&p.sections, submissions),
            &format!("horing-{id}-innspill.csv"),
        );
    }
    Json(open_detail(p, &base, submissions)).into_response()
}

/// A published submission as open data: never an email address or an unpublished word.
fn open_submission(s: &PublicSubmission, base: &str) -> OpenSubmission {
    OpenSubmission {
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
                    base,
                    &app::paths::submission_attachment(a.id, &a.file_name),
                ),
            })
            .collect(),
        redacted: s.redacted,
    }
}

/// The CSV: a header, then a row per submission with a column per section.
fn csv_rows(sections: &[SectionDto], submissions: Vec<OpenSubmission>) -> Vec<Vec<String>> {
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
        sections
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
        for sec in sections {
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
    rows
}

/// The JSON: the hearing, its documents, sections and invited consultees, and the submissions.
fn open_detail(p: HearingPage, base: &str, submissions: Vec<OpenSubmission>) -> OpenHearingDetail {
    OpenHearingDetail {
        id: p.id,
        url: app::paths::absolute(base, &app::paths::hearing(&p.organisation_slug, p.id)),
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
                url: app::paths::absolute(base, &app::paths::hearing_document(d.id, &d.file_name)),
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
        submission_count: p.submission_total,
        submission_page: p.submission_page,
        submission_pages: p.submission_pages,
        submissions,
    }
}
