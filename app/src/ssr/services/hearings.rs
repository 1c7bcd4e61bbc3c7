//! A hearing as staff run it, one file per action: writing it (`edit`), its status by staff
//! (`status`) and by its dates (`status_by_dates`), deadlines and extensions, sections,
//! invited consultees, documents, exports of its submissions, and what its pages read
//! (`views`). Every action checks that the caller has a role in this very organisation
//! (`staff_org`) and finds the hearing only inside it (`hearing_of`).

pub mod consultees;
pub mod deadlines;
pub mod documents;
pub mod edit;
pub mod exports;
pub mod sections;
pub mod status;
pub mod status_by_dates;
pub mod views;

use crate::domain::role::Role;
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::hearing as hearing_row;
use crate::ssr::db::{hearings as db, organisations};
use crate::ssr::security::auth::Staff;
use crate::ssr::state::AppState;

/// Who may write and run hearings.
pub const EDITORS: &[Role] = crate::domain::role::HEARING_EDITORS;

/// The organisation, if `staff` has one of `roles` in it.
pub async fn staff_org(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    roles: &[Role],
) -> Result<OrganisationDto, AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    staff.require(org.id, roles)?;
    Ok(org)
}

/// The hearing, if it belongs to the organisation (else `NotFound`, whatever exists elsewhere).
pub async fn hearing_of(
    state: &AppState,
    org: &OrganisationDto,
    id: i32,
) -> Result<hearing_row::Model, AppError> {
    db::find(&state.db, org.id, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}
