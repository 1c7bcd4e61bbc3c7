//! Changing a survey's questionnaire. A version without answers changes in place. A version
//! with answers is frozen: a typo fix (wording only) is made in place and audit-logged as one;
//! any other change makes the next version, which new respondents answer (those already
//! answering finish the version they began).

use super::{EDITORS, staff_org, survey_of};
use crate::domain::survey::editor::{QuestionForm, Refusal};
use crate::domain::survey::questionnaire::Questionnaire;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::surveys as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// One change to a questionnaire, as the editor's forms ask for it.
pub enum Change<'a> {
    /// To section `section` (from 0).
    AddQuestion {
        section: usize,
        form: &'a QuestionForm,
    },
    RemoveQuestion(u32),
    MoveQuestion {
        id: u32,
        up: bool,
    },
    Reword {
        id: u32,
        text: &'a str,
        help: &'a str,
    },
    AddSection(&'a str),
    RemoveSection(usize),
}

fn refused(r: Refusal) -> AppError {
    AppError::Validation(r.into_errors())
}

/// Applies `change` to `qs`; `next_id` is the id a new question gets.
fn apply(qs: &mut Questionnaire, change: &Change<'_>, next_id: u32) -> Result<(), AppError> {
    match change {
        Change::AddQuestion { section, form } => {
            let q = form.parse(next_id)?;
            qs.add_question(*section, q).map_err(refused)
        }
        Change::RemoveQuestion(id) => qs.remove_question(*id).map_err(refused),
        Change::MoveQuestion { id, up } => qs.move_question(*id, *up).map_err(refused),
        Change::Reword { id, text, help } => qs.reword(*id, text, help).map_err(refused),
        Change::AddSection(title) => qs.add_section(title).map_err(refused),
        Change::RemoveSection(s) => qs.remove_section(*s).map_err(refused),
    }
}

/// Makes `change` to the survey's current questionnaire (see the module's note on versions).
pub async fn change(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    change: Change<'_>,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let s = survey_of(state, &org, id).await?;
    let versions = db::versions(&state.db, s.id).await.or_internal()?;
    let mut next_id = 1;
    for v in &versions {
        next_id = next_id.max(db::questionnaire(v).or_internal()?.next_id());
    }
    let current = versions
        .into_iter()
        .find(|v| v.number == s.current_version)
        .ok_or_else(|| crate::ssr::internal("the survey's current version"))?;
    let before = db::questionnaire(&current).or_internal()?;
    let mut after = before.clone();
    apply(&mut after, &change, next_id)?;
    // An open survey stays answerable: no page left empty, never no question.
    if s.status == crate::domain::survey::SurveyStatus::Open.as_str() {
        after.ready().map_err(refused)?;
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    let (action, detail) = if !current.answered {
        let number = current.number;
        db::save_questionnaire(&txn, current, &after)
            .await
            .or_internal()?;
        (
            "survey_questionnaire",
            format!("survey {id} version {number}"),
        )
    } else if before.is_wording_only(&after) {
        let number = current.number;
        db::save_questionnaire(&txn, current, &after)
            .await
            .or_internal()?;
        ("survey_typo_fix", format!("survey {id} version {number}"))
    } else {
        let number = current.number + 1;
        // Two editors making the next version at once: one wins, the other is told.
        db::insert_version(&txn, s.id, number, &after, now)
            .await
            .map_err(|e| {
                if crate::ssr::db::is_unique_violation(&e) {
                    AppError::Conflict("survey.editor.changed_meanwhile".into())
                } else {
                    crate::ssr::internal(e)
                }
            })?;
        db::set_current_version(&txn, s.id, number, now)
            .await
            .or_internal()?;
        (
            "survey_new_version",
            format!("survey {id} version {number}"),
        )
    };
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action,
            detail: &detail,
        },
        now,
    )
    .await?;
    tracing::info!(survey_id = id, action, "survey questionnaire changed");
    Ok(())
}
