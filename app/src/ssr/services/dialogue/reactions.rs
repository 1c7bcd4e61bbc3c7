//! A participant supports a post (once; not their own) or flags it with a reason (once); when
//! the open flags reach the organisation's number, the post is hidden pending review, and the
//! public log says the flags did it.

use super::FLAGS_TO_HIDE;
use super::posting::{taking_part, within_limits};
use crate::domain::dialogue::PostState;
use crate::domain::dialogue::moderation::ModeratorRole;
use crate::domain::dialogue::post::FlagReason;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::dialogue::{self as db, moderation, posts};
use crate::ssr::db::entities::dialogue_post;
use crate::ssr::security::auth::Citizen;
use crate::ssr::security::rate_limit::Limit;
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::TransactionTrait;

const SUPPORTS: (Limit, Limit) = (
    Limit {
        max: 200,
        window: Duration::hours(1),
    },
    Limit {
        max: 600,
        window: Duration::hours(1),
    },
);
const FLAGS: (Limit, Limit) = (
    Limit {
        max: 30,
        window: Duration::hours(1),
    },
    Limit {
        max: 120,
        window: Duration::hours(1),
    },
);

/// A visible post of the space.
async fn visible_post(
    state: &AppState,
    space_id: i32,
    post_id: i64,
) -> Result<dialogue_post::Model, AppError> {
    posts::post(&state.db, post_id)
        .await
        .or_internal()?
        .filter(|p| p.space_id == space_id && p.state == PostState::Visible.as_str())
        .ok_or(AppError::NotFound)
}

/// Supports the post; `Conflict` for one's own post or a second support.
pub async fn support(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    space_id: i32,
    post_id: i64,
) -> Result<(), AppError> {
    let (_, space, participant) = taking_part(state, citizen, slug, space_id).await?;
    let post = visible_post(state, space.id, post_id).await?;
    if post.participant_id == Some(participant.id) {
        return Err(AppError::Conflict("dialogue.support.own".into()));
    }
    within_limits(state, "dialogue-support", citizen, SUPPORTS).await?;
    let txn = state.db.begin().await.or_internal()?;
    let new = posts::support(&txn, post.id, participant.id)
        .await
        .or_internal()?;
    txn.commit().await.or_internal()?;
    if !new {
        return Err(AppError::Conflict("dialogue.support.already".into()));
    }
    Ok(())
}

/// Flags the post with `reason`; enough open flags hide it pending review.
pub async fn flag(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    space_id: i32,
    post_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let reason = FlagReason::parse(reason)?;
    let (org, space, participant) = taking_part(state, citizen, slug, space_id).await?;
    let post = visible_post(state, space.id, post_id).await?;
    if post.participant_id == Some(participant.id) {
        return Err(AppError::Conflict("dialogue.flag.own".into()));
    }
    within_limits(state, "dialogue-flag", citizen, FLAGS).await?;
    let threshold = db::settings(&state.db, org.id)
        .await
        .or_internal()?
        .map_or(FLAGS_TO_HIDE, |s| s.flags_to_hide.max(1));
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    let Some(open) = posts::flag(&txn, post.id, participant.id, reason.as_str(), now)
        .await
        .or_internal()?
    else {
        return Err(AppError::Conflict("dialogue.flag.already".into()));
    };
    if open >= threshold
        && posts::hide_by_flags(&txn, post.id, now)
            .await
            .or_internal()?
    {
        moderation::record(
            &txn,
            moderation::Entry {
                organisation_id: org.id,
                space_id: Some(space.id),
                post_id: Some(post.id),
                participant_id: post.participant_id,
                action: "hide",
                rule: None,
                role: ModeratorRole::Flags,
                actor_id: None,
            },
            now,
        )
        .await
        .or_internal()?;
        tracing::info!(post_id = post.id, "dialogue post hidden by flags");
    }
    txn.commit().await.or_internal()
}
