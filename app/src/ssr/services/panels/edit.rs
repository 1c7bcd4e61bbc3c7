//! Setting up a panel and changing its facts. Once members have districts, the list may only
//! grow at its end (a member's district is its place in the list).

use super::{EDITORS, panel_of, staff_org};
use crate::domain::survey::panel::{PanelForm, districts_compatible};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::panels as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Creates a panel; returns its id.
pub async fn create(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    form: &PanelForm,
) -> Result<i32, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let facts = form.parse()?;
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    let id = db::insert(&txn, org.id, &facts, staff.user_id, now)
        .await
        .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "panel_create",
            detail: &format!("panel {id}"),
        },
        now,
    )
    .await?;
    tracing::info!(panel_id = id, "panel created");
    Ok(id)
}

/// Saves a panel's facts.
pub async fn update(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    form: &PanelForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let p = panel_of(state, &org, id).await?;
    let facts = form.parse()?;
    let before = db::districts(&p).or_internal()?;
    let has_members = !db::composition(&state.db, p.id)
        .await
        .or_internal()?
        .is_empty();
    if has_members && !districts_compatible(&before, &facts.districts) {
        return Err(AppError::field("districts", "panel.form.districts_locked"));
    }
    // Answers kept from former members count too: an answer is its option's position.
    if db::has_profiles(&state.db, p.id).await.or_internal()?
        && !crate::domain::survey::background::compatible(&db::background(&p), &facts.background)
    {
        return Err(AppError::field("background", "panel.background.locked"));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    db::update(&txn, p, &facts, now).await.or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "panel_update",
            detail: &format!("panel {id}"),
        },
        now,
    )
    .await
}
