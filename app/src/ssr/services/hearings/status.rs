//! Moving a hearing by staff: publish, open, close, conclude, cancel (the allowed moves are
//! `HearingStatus::transition`).

use crate::domain::hearing::HearingStatus;
use crate::domain::hearing::moves::{StatusForm, StatusMove};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::hearing as hearing_row;
use crate::ssr::db::hearings as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::status_by_dates as hearing_status;
use crate::ssr::services::hearings::{EDITORS, hearing_of, staff_org};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Moves the hearing as staff asked, from where its dates have brought it.
pub async fn change_status(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    form: &StatusForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    // The dates may have moved it already; start from where it really is.
    let h = hearing_of(state, &org, id).await?;
    hearing_status::sync_one(state, h).await?;
    let h = hearing_of(state, &org, id).await?;
    let from = db::status_of(&h);
    let now = state.clock.now();
    let action = StatusMove::parse(form)
        .ok_or_else(|| AppError::Conflict("hearing.status.not_allowed".into()))??;
    let (to, note, extra) = target_of(action);
    from.transition(to)
        .map_err(|_| AppError::Conflict("hearing.status.not_allowed".into()))?;
    let txn = state.db.begin().await.or_internal()?;
    if !db::change_status(&txn, id, from, to, Some(staff.user_id), &note, extra, now)
        .await
        .or_internal()?
    {
        return Err(AppError::Conflict(
            "hearing.status.changed_meanwhile".into(),
        ));
    }
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "hearing_status",
            detail: &format!("hearing {id} {} -> {}", from.as_str(), to.as_str()),
        },
        now,
    )
    .await?;
    tracing::info!(
        hearing_id = id,
        from = from.as_str(),
        to = to.as_str(),
        "hearing status changed"
    );
    // Published with an opening date already here: it opens (and invites) at once.
    if to == HearingStatus::Scheduled {
        let h = hearing_of(state, &org, id).await?;
        hearing_status::sync_one(state, h).await?;
    }
    Ok(())
}

/// The columns a move sets besides the status.
type Extra = Vec<(hearing_row::Column, sea_orm::Value)>;

/// Where the move takes the hearing, with its note and the columns it sets.
fn target_of(action: StatusMove) -> (HearingStatus, String, Extra) {
    match action {
        StatusMove::Publish => (HearingStatus::Scheduled, String::new(), vec![]),
        StatusMove::Unpublish => (HearingStatus::Draft, String::new(), vec![]),
        StatusMove::Cancel { note } => (HearingStatus::Cancelled, note, vec![]),
        StatusMove::Conclude {
            outcome,
            decision_url,
        } => (
            HearingStatus::Concluded,
            String::new(),
            vec![
                (hearing_row::Column::Outcome, Some(outcome).into()),
                (hearing_row::Column::DecisionUrl, decision_url.into()),
            ],
        ),
    }
}
