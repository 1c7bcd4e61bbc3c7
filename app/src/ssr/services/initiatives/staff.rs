//! Initiatives as the organisation's staff handle them: screening (publish, or reject for
//! unlawful or abusive content — never for its politics — with the reason sent to the
//! proposer), paper signatures, the signature list (every download on record), the council's
//! outcome (told to the proposer and to signers who asked), and the organisation's limits.
//! Also what the dates do: collection ends, and signer data is deleted after the retention
//! period, leaving the counts.

pub mod dates;
pub mod outcome;
pub mod paper;
pub mod screening;
pub mod settings;
pub mod signature_list;

use crate::domain::initiative::InitiativeStatus;
use crate::domain::role::Role;
use crate::dto::initiatives::StaffInitiativeItem;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{initiative, organisation};
use crate::ssr::db::initiatives as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::initiatives::views::summaries;
use crate::ssr::state::AppState;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Who handles initiatives.
pub const HANDLERS: &[Role] = &[Role::Admin, Role::CaseOfficer];

async fn org_of(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<organisation::Model, AppError> {
    let org = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    staff.require(org.id, HANDLERS)?;
    Ok(org)
}

async fn initiative_of(
    state: &AppState,
    org: &organisation::Model,
    id: i32,
) -> Result<initiative::Model, AppError> {
    db::find(&state.db, org.id, id)
        .await
        .or_internal()?
        .filter(|i| db::status_of(i) != InitiativeStatus::Draft)
        .ok_or(AppError::NotFound)
}

/// The organisation's initiatives for its staff: what waits for screening, what collects, and
/// how long the council has left for the submitted ones.
pub async fn staff_list(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<Vec<StaffInitiativeItem>, AppError> {
    let org = org_of(state, staff, slug).await?;
    let rows = db::list_for_staff(&state.db, org.id).await.or_internal()?;
    let screening: Vec<(i32, Option<NaiveDate>)> =
        rows.iter().map(|i| (i.id, i.screening_due)).collect();
    let today = state.clock.today();
    let items = summaries(state, rows.into_iter().map(|i| (i, org.clone())).collect()).await?;
    Ok(items
        .into_iter()
        .map(|s| StaffInitiativeItem {
            screening_due: screening
                .iter()
                .find(|(id, _)| *id == s.id)
                .and_then(|(_, d)| *d)
                .filter(|_| s.status == InitiativeStatus::Screening),
            days_to_decision: s
                .decision_due
                .filter(|_| s.status == InitiativeStatus::Submitted)
                .map(|d| (d - today).num_days()),
            summary: s,
        })
        .collect())
}
