//! What the hearing pages read: the public page of a hearing, and the staff's view and list.

use crate::domain::hearing::HearingStatus;
use crate::domain::role::Role;
use crate::dto::hearings::{EventDto, ExtensionDto, HearingPage, StaffHearing, StaffHearingItem};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{hearing as hearing_row, staff_user};
use crate::ssr::db::hearings as db;
use crate::ssr::db::submissions;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::{EDITORS, hearing_of, staff_org};
use crate::ssr::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Published submissions on one page of a hearing's public page.
pub const SUBMISSIONS_PER_PAGE: u64 = 50;

/// The public page of a hearing (drafts are not found), with page `page` of its published
/// submissions: eight queries however many submissions.
pub async fn public_page(
    state: &AppState,
    slug: &str,
    id: i32,
    page: u64,
) -> Result<HearingPage, AppError> {
    let row = db::find_public_with_body(&state.db, slug, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let content_lang = row
        .written_standard
        .as_deref()
        .and_then(crate::domain::organisation::WrittenStandard::parse)
        .unwrap_or(crate::domain::organisation::WrittenStandard::Nb)
        .lang();
    page_of(
        state,
        row.hearing,
        row.body_name,
        content_lang,
        slug,
        Some(page),
    )
    .await
}

async fn page_of(
    state: &AppState,
    h: hearing_row::Model,
    body_name: Option<String>,
    content_lang: crate::domain::lang::Lang,
    slug: &str,
    public_page: Option<u64>,
) -> Result<HearingPage, AppError> {
    let now = state.clock.now();
    let documents = db::documents(&state.db, h.id).await.or_internal()?;
    let sections = db::sections(&state.db, h.id).await.or_internal()?;
    let consultees = db::consultees(&state.db, h.id).await.or_internal()?;
    let page = public_page.unwrap_or(1);
    let (submissions, submission_total) = match public_page {
        Some(p) => {
            submissions::public_for_hearing(&state.db, h.id, &sections, p, SUBMISSIONS_PER_PAGE)
                .await
                .or_internal()?
        }
        None => (Vec::new(), 0),
    };
    let debates = match public_page {
        Some(_) => crate::ssr::db::dialogue::spaces_of_hearing(&state.db, h.id)
            .await
            .or_internal()?
            .into_iter()
            .map(|s| (s.id, s.title))
            .collect(),
        None => Vec::new(),
    };
    Ok(HearingPage {
        id: h.id,
        organisation_slug: slug.to_string(),
        content_lang,
        status: db::effective_status(&h, now),
        body_html: crate::ssr::formats::markdown::to_safe_html(&h.body_md),
        title: h.title,
        summary: h.summary,
        body_id: h.body_id,
        body_name,
        case_number: h.case_number,
        contact_name: h.contact_name,
        contact_email: h.contact_email,
        opens_at: h.opens_at,
        deadline: h.deadline,
        original_deadline: h.original_deadline,
        short_reason: h.short_reason,
        outcome: h.outcome,
        decision_url: h.decision_url,
        documents,
        sections,
        consultees: db::public_consultees(&consultees),
        submissions,
        submission_total,
        submission_page: page,
        submission_pages: submission_total.div_ceil(SUBMISSIONS_PER_PAGE).max(1),
        debates,
        now,
    })
}

/// Everything about one hearing for the staff who run it.
pub async fn staff_view(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
) -> Result<StaffHearing, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let stored_status = db::status_of(&h);
    let body_md = h.body_md.clone();
    let consultees = db::consultees(&state.db, id).await.or_internal()?;
    let extensions = db::extensions(&state.db, id)
        .await
        .or_internal()?
        .into_iter()
        .map(|e| ExtensionDto {
            name: e.name,
            email: e.email,
            until: e.until,
        })
        .collect();
    let events = db::events(&state.db, id).await.or_internal()?;
    let actor_ids: Vec<i32> = events.iter().filter_map(|e| e.actor_user_id).collect();
    let actors = staff_user::Entity::find()
        .filter(staff_user::Column::Id.is_in(actor_ids))
        .all(&state.db)
        .await
        .or_internal()?;
    let events = events
        .into_iter()
        .map(|e| EventDto {
            from: HearingStatus::parse(&e.from_status).unwrap_or(HearingStatus::Draft),
            to: HearingStatus::parse(&e.to_status).unwrap_or(HearingStatus::Draft),
            actor: e
                .actor_user_id
                .and_then(|a| actors.iter().find(|u| u.id == a).map(|u| u.name.clone())),
            note: e.note,
            at: e.at,
        })
        .collect();
    let submission_counts = submissions::counts(&state.db, id).await.or_internal()?;
    let body_name = h.body_id.and_then(|id| {
        org.bodies
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.name.clone())
    });
    let public = db::is_public(&h);
    let page = page_of(state, h, body_name, org.written_standard.lang(), slug, None).await?;
    Ok(StaffHearing {
        page,
        public,
        body_md,
        stored_status,
        consultees: db::staff_consultees(consultees),
        extensions,
        events,
        submission_counts,
    })
}

/// The organisation's hearings for its staff, drafts included.
pub async fn staff_list(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<Vec<StaffHearingItem>, AppError> {
    let org = staff_org(
        state,
        staff,
        slug,
        &[Role::Admin, Role::CaseOfficer, Role::Moderator],
    )
    .await?;
    let rows = db::list_for_staff(&state.db, org.id).await.or_internal()?;
    let stored: Vec<(i32, HearingStatus)> = rows.iter().map(|h| (h.id, db::status_of(h))).collect();
    let summaries = db::summaries(&state.db, rows, state.clock.now())
        .await
        .or_internal()?;
    let mut out = Vec::new();
    for s in summaries {
        let counts = submissions::counts(&state.db, s.id).await.or_internal()?;
        let stored_status = stored
            .iter()
            .find(|(id, _)| *id == s.id)
            .map(|(_, st)| *st)
            .unwrap_or(s.status);
        out.push(StaffHearingItem {
            summary: s,
            stored_status,
            received: counts.received,
            pending: counts.pending,
        });
    }
    Ok(out)
}
