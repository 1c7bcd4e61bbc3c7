//! Background work of every server process: sending queued mail, moving hearings by their dates,
//! deleting submissions never confirmed, and pruning expired sessions and old rate-limit hits. Safe to run in several processes at once.

use app::ssr::AppState;
use app::ssr::http::session_store::DbSessionStore;
use app::ssr::mail::queue;
use std::time::Duration;
use tokio::sync::watch;
use tower_sessions::session_store::ExpiredDeletion;

pub fn spawn(state: AppState, mut shutdown: watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
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
