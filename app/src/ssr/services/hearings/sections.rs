//! The sections of a hearing's paper that citizens can comment on one by one.

use crate::domain::hearing::HearingStatus;
use crate::domain::hearing::parts::Section;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::hearings as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::{EDITORS, hearing_of, staff_org};
use crate::ssr::state::AppState;

pub async fn add_section(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    hearing_of(state, &org, id).await?;
    let section = Section::parse(title, body)?;
    db::add_section(&state.db, id, &section.title, &section.body)
        .await
        .or_internal()?;
    Ok(())
}

pub async fn remove_section(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    section_id: i32,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    if db::effective_status(&h, state.clock.now()) != HearingStatus::Draft {
        // Submissions may already comment on it.
        return Err(AppError::Conflict("hearing.section.locked".into()));
    }
    if !db::remove_section(&state.db, id, section_id)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    Ok(())
}
