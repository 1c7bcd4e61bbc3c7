//! Background work of every server process: fanning case events out to their followers (a task
//! of its own, so a large fan-out never holds up mail), sending queued mail and digests, moving
//! hearings by their dates, building citizens' downloads of their data, deleting submissions and
//! follows never confirmed, follows of finished cases and downloads past their time, and pruning
//! expired sessions and old rate-limit hits. Safe to run in several processes at once.

use app::ssr::AppState;
use app::ssr::http::session_store::DbSessionStore;
use app::ssr::mail::queue;
use app::ssr::services::notifications::{digest, fanout, threshold};
use std::time::Duration;
use tokio::sync::watch;
use tower_sessions::session_store::ExpiredDeletion;

/// How long one fan-out call may run before the task looks at the shutdown signal again.
const FANOUT_BUDGET: Duration = Duration::from_secs(5);

pub fn spawn(state: AppState, shutdown: watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    let fanout = spawn_fanout(state.clone(), shutdown.clone());
    let chores = spawn_chores(state, shutdown);
    tokio::spawn(async move {
        let _ = fanout.await;
        let _ = chores.await;
    })
}

/// Fans events out as long as there are any; looks again every second when there are none.
fn spawn_fanout(
    state: AppState,
    mut shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let busy = match fanout::run_once(&state, FANOUT_BUDGET).await {
                Ok(reached) => reached > 0,
                Err(e) => {
                    tracing::warn!(error = %e, "fan-out failed; will retry");
                    false
                }
            };
            if *shutdown.borrow() {
                break;
            }
            if !busy {
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = shutdown.changed() => break,
                }
            }
        }
    })
}

fn spawn_chores(
    state: AppState,
    mut shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let store = DbSessionStore::new(state.db.clone());
        let mut tick: u64 = 0;
        loop {
            if let Err(e) = queue::run_once(
                &state.db,
                &state.mailer,
                &state.settings.mail_from,
                &state.settings.instance_id,
                &state.clock,
            )
            .await
            {
                tracing::warn!(error = %e, "mail worker: database error; will retry");
            }
            // Hearings open and close by their dates (and invite their consultees when opening).
            if tick.is_multiple_of(15)
                && let Err(e) =
                    app::ssr::services::hearings::status_by_dates::sync_all(&state).await
            {
                tracing::warn!(error = %e, "hearing status sync failed; will retry");
            }
            // Panel waves open (inviting their members), remind and close by their times.
            if tick.is_multiple_of(15)
                && let Err(e) = app::ssr::services::panels::waves::run_due(&state).await
            {
                tracing::warn!(error = %e, "panel waves job failed; will retry");
            }
            if tick.is_multiple_of(5)
                && let Err(e) = app::ssr::services::my_data::export::build_pending(&state).await
            {
                tracing::warn!(error = %e, "data export failed; will retry");
            }
            if tick.is_multiple_of(60) {
                if let Err(e) = threshold::record_reached(&state).await {
                    tracing::warn!(error = %e, "threshold check failed; will retry");
                }
                // Invitations to a panel lapse (their addresses forgotten); drawn rows go.
                if let Err(e) = app::ssr::services::panels::recruitment::run_due(&state).await {
                    tracing::warn!(error = %e, "panel invitations tidy failed; will retry");
                }
                if let Err(e) = digest::run_due(&state).await {
                    tracing::warn!(error = %e, "digests failed; will retry");
                }
                if let Err(e) = app::ssr::services::dashboard::notices::run_due(&state).await {
                    tracing::warn!(error = %e, "staff digests failed; will retry");
                }
            }
            // Initiatives: collections end, and signer data past retention is deleted.
            if tick.is_multiple_of(60)
                && let Err(e) =
                    app::ssr::services::initiatives::staff::dates::run_dates(&state).await
            {
                tracing::warn!(error = %e, "initiative dates job failed; will retry");
            }
            if tick.is_multiple_of(300)
                && let Err(e) =
                    app::ssr::services::submissions::purge::purge_unconfirmed(&state).await
            {
                tracing::warn!(error = %e, "unconfirmed submission cleanup failed; will retry");
            }
            if tick.is_multiple_of(300)
                && let Err(e) = app::ssr::services::surveys::purge::purge_unfinished(&state).await
            {
                tracing::warn!(error = %e, "unfinished survey response cleanup failed; will retry");
            }
            if tick.is_multiple_of(300)
                && let Err(e) = app::ssr::services::dialogue::retention::run_due(&state).await
            {
                tracing::warn!(error = %e, "dialogue cleanup failed; will retry");
            }
            if tick.is_multiple_of(300) {
                let keep = chrono::Duration::days(state.settings.mail_retention_days.into());
                if let Err(e) = queue::prune(&state.db, state.clock.now() - keep).await {
                    tracing::warn!(error = %e, "outbox cleanup failed");
                }
                if let Err(e) = store.delete_expired().await {
                    tracing::warn!(error = %e, "session cleanup failed");
                }
                if let Err(e) =
                    app::ssr::db::citizens::prune_email_confirmations(&state.db, state.clock.now())
                        .await
                {
                    tracing::warn!(error = %e, "email confirmation cleanup failed");
                }
                // A login whose session is gone ends, and its sealed ID token goes.
                if let Err(e) =
                    app::ssr::db::citizens::end_logins_without_session(&state.db, state.clock.now())
                        .await
                {
                    tracing::warn!(error = %e, "login cleanup failed");
                }
                let unconfirmed = state.clock.now()
                    - chrono::Duration::hours(app::ssr::services::follows::follow::CONFIRM_HOURS);
                if let Err(e) =
                    app::ssr::db::follows::prune_unconfirmed(&state.db, unconfirmed).await
                {
                    tracing::warn!(error = %e, "unconfirmed follow cleanup failed");
                }
                if let Err(e) = app::ssr::services::my_data::export::prune(&state).await {
                    tracing::warn!(error = %e, "data export cleanup failed");
                }
                if let Err(e) = app::ssr::db::follows::prune_finished(
                    &state.db,
                    state.clock.now(),
                    app::ssr::services::follows::FINISHED_CASE_DAYS,
                )
                .await
                {
                    tracing::warn!(error = %e, "finished case follow cleanup failed");
                }
                if let Err(e) =
                    app::ssr::db::password_resets::prune(&state.db, state.clock.now()).await
                {
                    tracing::warn!(error = %e, "password reset link cleanup failed");
                }
                if let Err(e) =
                    app::ssr::security::rate_limit::prune(&state.db, state.clock.now()).await
                {
                    tracing::warn!(error = %e, "rate-limit cleanup failed");
                }
            }
            tick += 1;
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = shutdown.changed() => break,
            }
        }
    })
}
