//! The council's outcome. The proposer, the signers who asked and every follower hear of it
//! from the event it records (`services::notifications`).

use crate::domain::initiative::outcome::Outcome;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::initiative;
use crate::ssr::db::initiatives::{self as db, Actor};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::initiatives::move_status;
use crate::ssr::services::initiatives::staff::{initiative_of, org_of};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

pub use crate::domain::initiative::outcome::{OutcomeForm, OutcomeKind};

/// Records what the council did; its event tells the proposer, the signers who asked and the
/// followers.
pub async fn record_outcome(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    form: &OutcomeForm,
) -> Result<(), AppError> {
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    let outcome = Outcome::parse(form.input())?;
    let from = db::status_of(&i);
    let to = outcome.kind.status();
    from.transition(to)
        .map_err(|_| AppError::Conflict("initiative.status.not_allowed".into()))?;
    let now = state.clock.now();
    let Outcome {
        text,
        date,
        minutes_url,
        ..
    } = outcome;
    let txn = state.db.begin().await.or_internal()?;
    let extra = vec![
        (
            initiative::Column::OutcomeText,
            Some(text.to_string()).into(),
        ),
        (initiative::Column::OutcomeDate, Some(date).into()),
        (initiative::Column::MinutesUrl, minutes_url.into()),
    ];
    move_status(
        &txn,
        id,
        db::StatusChange {
            from,
            to,
            actor: Actor::Staff(staff.user_id),
            note: "",
            extra,
        },
        now,
    )
    .await?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "initiative_outcome",
            detail: &format!("initiative {id} {}", to.as_str()),
        },
        now,
    )
    .await?;
    tracing::info!(
        initiative_id = id,
        outcome = to.as_str(),
        "initiative outcome recorded"
    );
    Ok(())
}
