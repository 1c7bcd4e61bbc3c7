//! Invited consultees (høringsinstanser): invited by email when the hearing opens.

use crate::domain::email::Email;
use crate::domain::hearing::HearingStatus;
use crate::domain::org_number::OrgNumber;
use crate::error::{AppError, FieldErrors};
use crate::ssr::db::hearings as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::status_by_dates as hearing_status;
use crate::ssr::services::hearings::{EDITORS, hearing_of, length_ok, staff_org};
use crate::ssr::state::AppState;
use crate::ssr::{OrInternal, internal};

pub async fn add_consultee(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    name: &str,
    email: &str,
    org_number: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let mut errors = FieldErrors::new();
    if !length_ok(name, 2, 200) {
        errors.add("consultee_name", "hearing.consultee.name_invalid");
    }
    let email = Email::parse(email)
        .map_err(|_| errors.add("consultee_email", "hearing.form.email_invalid"))
        .ok();
    let number = match org_number.trim() {
        "" => None,
        n => OrgNumber::parse(n)
            .map_err(|_| {
                errors.add(
                    "consultee_org_number",
                    "hearing.consultee.org_number_invalid",
                )
            })
            .ok(),
    };
    errors.into_result()?;
    let Some(email) = email else {
        return Err(internal("validated email missing"));
    };
    let now = state.clock.now();
    db::add_consultee(
        &state.db,
        id,
        name.trim(),
        email.as_str(),
        number.as_ref().map(OrgNumber::as_str),
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
