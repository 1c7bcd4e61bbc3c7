//! Surveys as staff run them and respondents answer them, one file per action: writing a
//! survey (`edit`) and its questionnaire (`questionnaire`), opening, closing and publishing
//! (`status`), answering page by page (`answer`), screening free texts (`screening`), the microdata export
//! (`microdata`), what
//! the pages read (`views`), and the lifetime of an unfinished response (`purge`). Every
//! staff action checks the caller's role in this very organisation (`staff_org`) and finds the
//! survey only inside it (`survey_of`).

pub mod answer;
pub mod edit;
pub mod microdata;
pub mod purge;
pub mod questionnaire;
pub mod screening;
pub mod status;
pub mod views;

use crate::domain::role::Role;
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::survey as survey_row;
use crate::ssr::db::surveys as db;
use crate::ssr::state::AppState;

pub use crate::ssr::services::hearings::staff_org;

/// Who may write and run surveys.
pub const EDITORS: &[Role] = &[Role::Admin, Role::CaseOfficer];

/// The survey, if it belongs to the organisation (else `NotFound`, whatever exists elsewhere).
pub async fn survey_of(
    state: &AppState,
    org: &OrganisationDto,
    id: i32,
) -> Result<survey_row::Model, AppError> {
    db::find(&state.db, org.id, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// The threshold in force for a survey.
pub fn k_of(s: &survey_row::Model) -> u64 {
    crate::domain::survey::suppression::threshold(s.min_cell.map(|k| k.max(0) as u64))
}
