//! Moving a hearing by staff: publish, open, close, conclude, cancel (the allowed moves are
//! `HearingStatus::transition`).

use crate::domain::hearing::HearingStatus;
use crate::error::{AppError, FieldErrors};
use crate::ssr::OrInternal;
use crate::ssr::db::entities::hearing as hearing_row;
use crate::ssr::db::hearings as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::status_by_dates as hearing_status;
use crate::ssr::services::hearings::{EDITORS, hearing_of, length_ok, staff_org};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// A status change staff ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusAction {
    Publish,
    Unpublish,
    Cancel {
        note: String,
    },
    Conclude {
        outcome: String,
        decision_url: Option<String>,
    },
}

pub async fn change_status(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    action: StatusAction,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    // The dates may have moved it already; start from where it really is.
    let h = hearing_of(state, &org, id).await?;
    hearing_status::sync_one(state, h).await?;
    let h = hearing_of(state, &org, id).await?;
    let from = db::status_of(&h);
    let now = state.clock.now();
    let (to, note, extra) = target_of(action)?;
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

/// Where the action moves the hearing, with its note and the columns it sets; a cancellation
/// needs a note, a conclusion its outcome (and a decision's address, if any, must be a web
/// address).
fn target_of(action: StatusAction) -> Result<(HearingStatus, String, Extra), AppError> {
    Ok(match action {
        StatusAction::Publish => (HearingStatus::Scheduled, String::new(), vec![]),
        StatusAction::Unpublish => (HearingStatus::Draft, String::new(), vec![]),
        StatusAction::Cancel { note } => {
            if !length_ok(&note, 3, 1000) {
                return Err(AppError::field(
                    "cancel_note",
                    "hearing.status.cancel_note_invalid",
                ));
            }
            (HearingStatus::Cancelled, note.trim().to_string(), vec![])
        }
        StatusAction::Conclude {
            outcome,
            decision_url,
        } => {
            let mut errors = FieldErrors::new();
            if !length_ok(&outcome, 3, 2000) {
                errors.add("outcome", "hearing.status.outcome_invalid");
            }
            let url = decision_url
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty());
            if url.is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
                errors.add("decision_url", "hearing.status.url_invalid");
            }
            errors.into_result()?;
            (
                HearingStatus::Concluded,
                String::new(),
                vec![
                    (
                        hearing_row::Column::Outcome,
                        Some(outcome.trim().to_string()).into(),
                    ),
                    (
                        hearing_row::Column::DecisionUrl,
                        url.map(str::to_string).into(),
                    ),
                ],
            )
        }
    })
}
