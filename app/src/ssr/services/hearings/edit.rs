//! Writing a hearing: creating and saving a draft parsed from its form (`HearingDraft::parse`).

use crate::domain::hearing::HearingStatus;
use crate::domain::hearing::draft::{HearingDraft, HearingForm};
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::audit;
use crate::ssr::db::hearings as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::{EDITORS, hearing_of, staff_org};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// The draft in `form`, parsed for this organisation's bodies.
fn parse(org: &OrganisationDto, form: &HearingForm) -> Result<HearingDraft, AppError> {
    let body_ids: Vec<i32> = org.bodies.iter().map(|b| b.id).collect();
    Ok(HearingDraft::parse(form, &body_ids)?)
}

/// Creates a draft; returns its id.
pub async fn create(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    input: &HearingForm,
) -> Result<i32, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let fields = parse(&org, input)?;
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    let id = db::insert(&txn, org.id, fields, staff.user_id, now)
        .await
        .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "hearing_create",
            detail: &format!("hearing {id}"),
        },
        now,
    )
    .await?;
    tracing::info!(hearing_id = id, "hearing created");
    Ok(id)
}

/// Saves the hearing's text and facts. Dates can change only before it opens; after that the
/// deadline is extended instead.
pub async fn update(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    input: &HearingForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let fields = parse(&org, input)?;
    let now = state.clock.now();
    let status = db::effective_status(&h, now);
    let dates_changed = fields.opens_at != h.opens_at || fields.deadline != h.deadline;
    if dates_changed && !matches!(status, HearingStatus::Draft | HearingStatus::Scheduled) {
        return Err(AppError::field(
            "deadline_date",
            "hearing.form.dates_locked",
        ));
    }
    if matches!(status, HearingStatus::Concluded | HearingStatus::Cancelled) {
        return Err(AppError::Conflict("hearing.form.finished".into()));
    }
    db::update_fields(&state.db, h, fields, now)
        .await
        .or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "hearing_update",
        &format!("hearing {id}"),
        now,
    )
    .await
    .or_internal()
}
