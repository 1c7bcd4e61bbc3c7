//! Surveys as staff run them and respondents answer them, one file per action: writing a
//! survey (`edit`) and its questionnaire (`questionnaire`), opening, closing and publishing
//! (`status`), answering page by page (`answer`), screening free texts (`screening`), the microdata export
//! (`microdata`), what
//! the pages read (`views`), a panel survey's weights (`weighting`), and the lifetime of an unfinished response (`purge`). Every
//! staff action checks the caller's role in this very organisation (`staff_org`) and finds the
//! survey only inside it (`survey_of`).

pub mod answer;
pub mod edit;
pub mod microdata;
pub mod profile_groups;
pub mod purge;
pub mod questionnaire;
pub mod screening;
pub mod status;
pub mod views;
pub mod weighting;

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

/// Every question the survey has ever asked: the current version's pages, then a page of the
/// questions earlier versions had and it no longer has (ids are never reused), so that their
/// answers still count in the results, the export and the screening.
pub async fn all_questions(
    state: &AppState,
    s: &survey_row::Model,
) -> Result<crate::domain::survey::questionnaire::Questionnaire, AppError> {
    use crate::domain::survey::questionnaire::Section;
    let versions = db::versions(&state.db, s.id).await.or_internal()?;
    let mut current = None;
    let mut earlier = Vec::new();
    for v in &versions {
        let qs = db::questionnaire(v).or_internal()?;
        if v.number == s.current_version {
            current = Some(qs);
        } else {
            earlier.push(qs);
        }
    }
    let mut all = current.ok_or_else(|| crate::ssr::internal("the survey's current version"))?;
    let mut gone: Vec<crate::domain::survey::questionnaire::Question> = Vec::new();
    for qs in earlier.iter().rev() {
        for q in qs.questions() {
            if all.question(q.id).is_none() && !gone.iter().any(|g| g.id == q.id) {
                gone.push(q.clone());
            }
        }
    }
    if !gone.is_empty() {
        gone.sort_by_key(|q| q.id);
        let title = crate::i18n::I18n::default().t("survey.results.earlier_versions");
        all.sections.push(Section {
            title,
            questions: gone,
        });
    }
    Ok(all)
}
