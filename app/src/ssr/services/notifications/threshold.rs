//! The one event no request causes: an initiative reaching the number of signatures the law
//! asks for. Signing stays a single insert on its hot path; the worker notices the crossing
//! within a minute and records the event once (its `once_key` is unique), whichever process
//! sees it first.

use crate::domain::follow::EventKind;
use crate::domain::initiative::InitiativeStatus;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::case_events;
use crate::ssr::db::entities::{initiative, organisation};
use crate::ssr::services::initiatives::threshold_of;
use crate::ssr::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Records the threshold event of every collecting initiative that has reached it.
pub async fn record_reached(state: &AppState) -> Result<usize, AppError> {
    let collecting = initiative::Entity::find()
        .filter(initiative::Column::Status.eq(InitiativeStatus::Collecting.as_str()))
        .find_also_related(organisation::Entity)
        .all(&state.db)
        .await
        .or_internal()?;
    let mut recorded = 0;
    for (i, org) in collecting {
        let Some(org) = org else { continue };
        let needed = threshold_of(&org);
        let counts = state
            .signature_counts
            .get(&state.db, i.id)
            .await
            .or_internal()?;
        if counts.total() < needed {
            continue;
        }
        if case_events::record(
            &state.db,
            org.id,
            EventKind::InitiativeThreshold,
            i.id,
            serde_json::json!({ "threshold": needed }),
            Some(format!("initiative:{}:threshold", i.id)),
            state.clock.now(),
        )
        .await
        .or_internal()?
        {
            recorded += 1;
            tracing::info!(initiative_id = i.id, "initiative reached its threshold");
        }
    }
    Ok(recorded)
}
