//! Writing a survey's facts: creating a draft (with an empty first page) and saving them.

use super::{EDITORS, staff_org, survey_of};
use crate::domain::survey::SurveyForm;
use crate::domain::survey::questionnaire::Questionnaire;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::surveys as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Creates a draft survey; returns its id.
pub async fn create(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    form: &SurveyForm,
) -> Result<i32, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let facts = form.parse()?;
    let now = state.clock.now();
    let first = crate::i18n::I18n(org.written_standard.lang()).t("survey.editor.first_section");
    let txn = state.db.begin().await.or_internal()?;
    let id = db::insert(
        &txn,
        org.id,
        &facts,
        &Questionnaire::new(&first),
        staff.user_id,
        now,
    )
    .await
    .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "survey_create",
            detail: &format!("survey {id}"),
        },
        now,
    )
    .await?;
    tracing::info!(survey_id = id, "survey created");
    Ok(id)
}

/// Saves the survey's title, introduction and settings. Whether one answer per person is
/// required cannot change once there are answers.
pub async fn update(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    form: &SurveyForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let s = survey_of(state, &org, id).await?;
    let facts = form.parse()?;
    // A panel's members answer once each by their own link; no login is asked of them.
    if s.kind == "panel" && facts.one_per_person {
        return Err(AppError::field("one_per_person", "survey.form.once_panel"));
    }
    if facts.one_per_person != s.one_per_person
        && db::submitted_count(&state.db, s.id).await.or_internal()? > 0
    {
        return Err(AppError::field("one_per_person", "survey.form.once_locked"));
    }
    // Published figures were hidden by the threshold in force; another would hide others,
    // and the two together could tell what each hides.
    if s.results_published_at.is_some() && facts.min_cell.map(|k| k as i32) != s.min_cell {
        return Err(AppError::field("min_cell", "survey.form.min_cell_locked"));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    db::update_facts(&txn, s, &facts, now).await.or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "survey_update",
            detail: &format!("survey {id}"),
        },
        now,
    )
    .await
}
