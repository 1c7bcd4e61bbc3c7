//! Opening a survey for answers (its questionnaire must be ready), closing it, and publishing
//! its results (once closed) or withdrawing them.

use super::{EDITORS, staff_org, survey_of};
use crate::domain::survey::SurveyStatus;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::surveys as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// `action`: `open`, `close`, `publish` (the results) or `unpublish`.
pub async fn change_status(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    action: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let s = survey_of(state, &org, id).await?;
    let status = SurveyStatus::parse(&s.status).ok_or_else(|| crate::ssr::internal("status"))?;
    // A panel's survey opens and closes with its wave.
    if s.kind == "panel" && matches!(action, "open" | "close") {
        return Err(AppError::Conflict("survey.status.wave_decides".into()));
    }
    // Results are published once the survey is closed, so that they never change under a
    // reader's eyes: two versions a response apart would tell that response. Opening it
    // again withdraws them.
    let (next, published) = match action {
        "publish" if status != SurveyStatus::Closed => {
            return Err(AppError::Conflict("survey.status.close_first".into()));
        }
        "publish" => (status, Some(true)),
        "unpublish" => (status, Some(false)),
        _ => {
            let next = status
                .transition(action)
                .ok_or_else(|| AppError::Conflict("survey.status.not_allowed".into()))?;
            (next, (next == SurveyStatus::Open).then_some(false))
        }
    };
    if next == SurveyStatus::Open {
        let v = db::current_version(&state.db, &s).await.or_internal()?;
        db::questionnaire(&v)
            .or_internal()?
            .ready()
            .map_err(|r| AppError::Validation(r.into_errors()))?;
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    db::set_status(&txn, s, next, published, now)
        .await
        .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: &format!("survey_{action}"),
            detail: &format!("survey {id}"),
        },
        now,
    )
    .await?;
    tracing::info!(survey_id = id, action, "survey status changed");
    Ok(())
}
