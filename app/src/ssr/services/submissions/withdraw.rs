//! The sender of a comment, behind the link in their mail (no login needed: the token is the
//! proof), sees what became of it and may withdraw it until it is screened; then it is deleted
//! with its files.

use crate::domain::submission::{Publication, WithholdReason};
use crate::dto::hearings::SubmissionFate;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::submission;
use crate::ssr::db::submissions as db;
use crate::ssr::state::AppState;

async fn by_token(state: &AppState, token: &str) -> Result<submission::Model, AppError> {
    let hash = crate::ssr::security::tokens::token_hash(token.trim());
    db::find_by_token(&state.db, &hash)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

fn withdrawable(s: &submission::Model) -> bool {
    s.screened_at.is_none() && s.publication == Publication::Pending.as_str()
}

/// What became of the submission behind the link.
pub async fn fate(state: &AppState, token: &str) -> Result<SubmissionFate, AppError> {
    let s = by_token(state, token).await?;
    Ok(SubmissionFate {
        publication: Publication::parse(&s.publication).unwrap_or(Publication::Pending),
        withhold_reason: s.withhold_reason.as_deref().and_then(WithholdReason::parse),
        can_withdraw: withdrawable(&s),
    })
}

/// Withdraws (deletes) the submission behind the link, if no one has screened it yet.
pub async fn withdraw(state: &AppState, token: &str) -> Result<(), AppError> {
    let s = by_token(state, token).await?;
    if !withdrawable(&s) {
        return Err(AppError::Conflict("receipt.withdraw.too_late".into()));
    }
    let Some(keys) = db::withdraw_unscreened(&state.db, s.id)
        .await
        .or_internal()?
    else {
        return Err(AppError::Conflict("receipt.withdraw.too_late".into()));
    };
    crate::ssr::files::attachments::remove_all(&state.files, &keys).await;
    tracing::info!(
        submission_id = s.id,
        hearing_id = s.hearing_id,
        "submission withdrawn by its sender"
    );
    Ok(())
}
