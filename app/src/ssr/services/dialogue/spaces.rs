//! Staff set up a space: a debate on a hearing of theirs or on a topic.

use super::{EDITORS, staff_org};
use crate::domain::dialogue::space::SpaceForm;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::dialogue as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Creates the space; its id.
pub async fn create(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    form: &SpaceForm,
) -> Result<i32, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let facts = form.parse()?;
    if let Some(h) = facts.hearing_id
        && crate::ssr::db::hearings::find(&state.db, org.id, h)
            .await
            .or_internal()?
            .is_none()
    {
        return Err(AppError::field("hearing", "dialogue.space.hearing_invalid"));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    let s = db::insert_space(&txn, org.id, &facts, staff.user_id, now)
        .await
        .or_internal()?;
    let detail = format!("space {} {}", s.id, s.kind);
    record_transition(
        txn,
        [],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "dialogue_space_create",
            detail: &detail,
        },
        now,
    )
    .await?;
    tracing::info!(space_id = s.id, "dialogue space created");
    Ok(s.id)
}
