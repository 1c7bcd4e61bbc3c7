//! Submissions that were never confirmed are deleted, with their files, once
//! `Settings::unconfirmed_hours` have passed since they were sent (48 by default; the link in
//! the confirmation mail works for 24): an anonymous request cannot leave text or files behind
//! for longer. Run by the worker.

use crate::ssr::db::submissions as db;
use crate::ssr::state::AppState;
use sea_orm::DbErr;

/// Deletes what is due; how many submissions went.
pub async fn purge_unconfirmed(state: &AppState) -> Result<u64, DbErr> {
    let before =
        state.clock.now() - chrono::Duration::hours(state.settings.unconfirmed_hours.into());
    let (gone, keys) = db::purge_unconfirmed(&state.db, before).await?;
    crate::ssr::files::attachments::remove_all(&state.files, &keys).await;
    if gone > 0 {
        tracing::info!(
            submissions = gone,
            files = keys.len(),
            "unconfirmed submissions deleted"
        );
    }
    Ok(gone)
}
