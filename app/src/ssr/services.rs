//! Use cases spanning the database, mail and the rules, one folder per feature and one file per
//! action (`hearings/edit.rs`, `initiatives/staff/outcome.rs`, …). Each authorises the caller
//! itself, receives values its domain parser has checked, and ends a change of state with
//! `record_transition` (mails, audit line and commit, all or none).

pub mod admin;
pub mod citizen_data;
pub mod citizen_email;
pub mod dashboard;
pub mod dialogue;
pub mod follows;
pub mod hearings;
pub mod initiatives;
pub mod my_data;
pub mod notifications;
pub mod open_now;
pub mod panels;
pub mod password_reset;
pub mod platform;
pub mod records;
pub mod residency_check;
pub mod screening;
pub mod second_factor;
pub mod staff_auth;
pub mod submissions;
pub mod surveys;
pub mod users;

use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::audit;
use crate::ssr::mail::{OutgoingMail, queue};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;

/// The audit line of a change: in which organisation, by which staff user, what.
pub struct Audit<'a> {
    pub organisation_id: Option<i32>,
    pub actor: Option<i32>,
    pub action: &'a str,
    /// Ids and states only, never personal data.
    pub detail: &'a str,
}

/// The tail every change of state shares: its mails queued and its audit line written in the
/// transaction the change was made in, then committed — all of it, or none. The caller logs
/// the change afterwards (its fields differ).
pub async fn record_transition<'m>(
    txn: DatabaseTransaction,
    mails: impl IntoIterator<Item = &'m OutgoingMail>,
    audit: Audit<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    audit::record(
        &txn,
        audit.organisation_id,
        audit.actor,
        audit.action,
        audit.detail,
        now,
    )
    .await
    .or_internal()?;
    commit_with_mails(txn, mails, now).await
}

/// A change a citizen makes (no staff audit line): its mails queued in its transaction, then
/// committed.
pub async fn commit_with_mails<'m>(
    txn: DatabaseTransaction,
    mails: impl IntoIterator<Item = &'m OutgoingMail>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for m in mails {
        queue::enqueue(&txn, m, now).await.or_internal()?;
    }
    txn.commit().await.or_internal()
}
