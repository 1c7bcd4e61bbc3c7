//! Invited consultees (høringsinstanser): invited by email when the hearing opens.
use crate::domain::hearing::HearingStatus;
use crate::domain::hearing::parts::{Consultee, ConsulteeForm};
use crate::domain::org_number::OrgNumber;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::hearings as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::status_by_dates as hearing_status;
use crate::ssr::services::hearings::{EDITORS, hearing_of, staff_org};
use crate::ssr::state::AppState;

pub async fn add_consultee(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    form: &ConsulteeForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let c = Consultee::parse(
        &form.consultee_name,
        &form.consultee_email,
        &form.consultee_org_number,
    )?;
    let now = state.clock.now();
    db::add_consultee(
        &state.db,
        id,
        &c.name,
        c.email.as_str(),
        c.org_number.as_ref().map(OrgNumber::as_str),
        now,
    )
    .await
    .or_internal()?;
    // Invited at once when the hearing is open already.
    if db::effective_status(&h, now) == HearingStatus::Open {
        hearing_status::invite_consultees(state, &h).await?;
    }
    Ok(())
}

pub async fn remove_consultee(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    consultee_id: i32,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    hearing_of(state, &org, id).await?;
    if !db::remove_consultee(&state.db, id, consultee_id)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    Ok(())
}
