//! Responses never sent are deleted, with their answers, `UNFINISHED_DAYS` after they were
//! begun: a resume link works that long, and nothing half-answered stays beyond it. Sent
//! responses are the survey's record and stay with it. Run by the worker.

use crate::ssr::db::surveys::responses;
use crate::ssr::state::AppState;
use sea_orm::DbErr;

/// How long an unfinished response (and its resume link) lasts.
pub const UNFINISHED_DAYS: i64 = 30;

/// Deletes what is due; how many responses went.
pub async fn purge_unfinished(state: &AppState) -> Result<u64, DbErr> {
    let before = state.clock.now() - chrono::Duration::days(UNFINISHED_DAYS);
    let gone = responses::purge_unfinished(&state.db, before).await?;
    if gone > 0 {
        tracing::info!(responses = gone, "unfinished survey responses deleted");
    }
    Ok(gone)
}
