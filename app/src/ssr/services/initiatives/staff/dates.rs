//! What the dates do: a collection ends on its last day, and signer data goes after the
//! retention period, leaving the counts.

use crate::domain::initiative::InitiativeStatus;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::initiative;
use crate::ssr::db::initiatives::{self as db, Actor};
use crate::ssr::db::signatures::{self};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// What the dates do: collecting initiatives past their last day expire, and the signer data
/// of concluded ones past the retention period is deleted (counts are kept). Safe in several
/// processes at once.
pub async fn run_dates(state: &AppState) -> Result<(), AppError> {
    let now = state.clock.now();
    let today = state.clock.today();
    for i in db::collection_over(&state.db, today).await.or_internal()? {
        if db::change_status(
            &state.db,
            i.id,
            db::StatusChange {
                from: InitiativeStatus::Collecting,
                to: InitiativeStatus::Expired,
                actor: Actor::Dates,
                note: "",
                extra: vec![(
                    initiative::Column::OutcomeDate,
                    Some(i.collection_ends).into(),
                )],
            },
            now,
        )
        .await
        .or_internal()?
        {
            tracing::info!(initiative_id = i.id, "initiative collection ended");
        }
    }
    for i in db::due_for_deletion(&state.db, today).await.or_internal()? {
        let id = i.id;
        state.signature_counts.forget(id);
        let counts = state
            .signature_counts
            .get(&state.db, id)
            .await
            .or_internal()?;
        let txn = state.db.begin().await.or_internal()?;
        signatures::delete_signer_data(&txn, i, counts.online, counts.paper, now)
            .await
            .or_internal()?;
        txn.commit().await.or_internal()?;
        tracing::info!(
            initiative_id = id,
            "signer data deleted after the retention period"
        );
    }
    Ok(())
}
