//! How long the dialogue keeps what it does not need to show: a resolved flag 90 days; a
//! suspension's reason and dates a year after it ended; the text of a post a moderator hid a
//! year after it was hidden (the rule it broke stays in the public log). Published posts stay
//! as long as their space; an account's deletion cuts them from the person
//! (`my_data::delete`).

use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::dialogue::{self as db, posts};
use crate::ssr::state::AppState;
use chrono::Duration;

pub const FLAG_DAYS: i64 = 90;
pub const SUSPENSION_DAYS: i64 = 365;
pub const HIDDEN_TEXT_DAYS: i64 = 365;

pub async fn run_due(state: &AppState) -> Result<(), AppError> {
    let now = state.clock.now();
    let flags = posts::prune_flags(&state.db, now - Duration::days(FLAG_DAYS))
        .await
        .or_internal()?;
    let suspensions = db::forget_suspensions(&state.db, now - Duration::days(SUSPENSION_DAYS))
        .await
        .or_internal()?;
    let hidden = posts::erase_hidden(&state.db, now - Duration::days(HIDDEN_TEXT_DAYS))
        .await
        .or_internal()?;
    if flags + suspensions + hidden > 0 {
        tracing::info!(
            flags,
            suspensions,
            hidden,
            "dialogue data past its time removed"
        );
    }
    Ok(())
}
